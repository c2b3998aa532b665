"""``journal`` and ``memo`` — the reflexive journal and the memos, from the command line.

    qualcode journal study.qualcode add "Felt protective of Maya here" --document Maya --lines 10-12
    qualcode journal study.qualcode add "Is this my own burnout talking?" --theme "Relentlessness"
    qualcode journal study.qualcode list --search burnout        # case-insensitive, in text and links
    qualcode journal study.qualcode list --since 2025-03-01 --theme "Relentlessness" --json
    qualcode journal study.qualcode delete 7
    qualcode memo study.qualcode set --theme "Being held" "Containment: check Helen's role"
    qualcode memo study.qualcode set "Why this study, and where I stand"       # the project's memo
    qualcode memo study.qualcode list [--search WORDS]

Every change is saved at once and written to the audit log; ``qualcode export
P audit-trail -o audit.docx`` gathers the journal, the memos and the themes'
history for a supervisor or an examiner.  Dates are UTC.
"""

from __future__ import annotations

import argparse
import json
from datetime import date


def _about(p: argparse.ArgumentParser, lines: bool = True) -> None:
    p.add_argument("--document", metavar="TITLE", help="about a transcript (or QUESTION/TITLE for an answer)")
    if lines:
        p.add_argument("--lines", metavar="FIRST-LAST", help="with --document: about these fixed lines, e.g. 10-12")
    p.add_argument("--code", metavar="PATH", help="about a code (its name, or Theme/Code)")
    p.add_argument("--theme", metavar="PATH", help="about a theme (group, personal or sub-theme)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("journal", help="write, search and list the reflexive journal",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="write a new entry, dated now")
    add.add_argument("text")
    _about(add)
    add.add_argument("--coder", help="who writes it (default: the project's last coder)")
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", help="entries oldest first, optionally narrowed")
    listing.add_argument("--search", metavar="WORDS", default="", help="entries containing every word")
    listing.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    listing.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD")
    _about(listing, lines=False)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)
    delete = actions.add_parser("delete", help="delete an entry (its number from `list`)")
    delete.add_argument("entry", type=int)
    delete.set_defaults(run=run_delete)

    m = sub.add_parser("memo", help="write or list memos on the project, themes, codes and documents",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    m.add_argument("project")
    memo_actions = m.add_subparsers(dest="action", metavar="ACTION", required=True)
    put = memo_actions.add_parser("set", help="write the memo (an empty text removes it); no target: the project's")
    put.add_argument("text")
    _about(put, lines=False)
    put.set_defaults(run=run_memo_set)
    show = memo_actions.add_parser("list", help="every memo, or those containing --search words")
    show.add_argument("--search", metavar="WORDS", default="")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(run=run_memo_list)


def run_add(args: argparse.Namespace) -> int:
    from qualcode.core.journal.commands import AddJournalEntry
    from qualcode.core.journal.links import link_from_names
    from qualcode.core.project import Project

    with Project.open(args.project) as project:
        if args.coder:
            project.set_coder(args.coder)
        link = link_from_names(project, args.document, args.lines, args.code, args.theme)
        command = AddJournalEntry(args.text, link)
        command.do(project)
        assert command.entry is not None
        entry = command.entry
    print(f"Journal entry {entry.id} written {entry.written_at:%Y-%m-%d %H:%M} UTC about {entry.about}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from qualcode.core.journal.entries import Journal
    from qualcode.core.journal.links import link_from_names
    from qualcode.core.project import Project

    with Project.open(args.project) as project:
        link = link_from_names(project, args.document, None, args.code, args.theme)
        entries = Journal(project).entries(args.search, args.since, args.until,
                                           link.document_guid if link else None, link.code_guid if link else None)
    if args.json:
        print(json.dumps([{"id": e.id, "written_at": e.written_at.isoformat(timespec="seconds") + "Z",
                           "about": e.about if e.link else None, "link": e.link.kind if e.link else None,
                           "text": e.text, "coder": e.coder} for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("No journal entries" + (" match" if args.search or link or args.since or args.until else " yet"))
        return 0
    for e in entries:
        print(f"[{e.id}] {e.written_at:%Y-%m-%d %H:%M} UTC · {e.coder} · about {e.about}")
        for line in e.text.splitlines() or [""]:
            print(f"    {line}")
    print(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from qualcode.core.journal.commands import DeleteJournalEntry
    from qualcode.core.project import Project

    with Project.open(args.project) as project:
        DeleteJournalEntry(args.entry).do(project)
    print(f"Journal entry {args.entry} deleted (the audit log keeps its text)")
    return 0


def run_memo_set(args: argparse.Namespace) -> int:
    from qualcode.core.journal.commands import WriteMemo
    from qualcode.core.journal.links import link_from_names, place_of
    from qualcode.core.journal.memos import MemoOn
    from qualcode.core.project import Project

    with Project.open(args.project) as project:
        link = link_from_names(project, args.document, None, args.code, args.theme)
        place = place_of(project, link) if link else None
        on = MemoOn(place.code_id, place.document_id) if place else MemoOn()
        WriteMemo(on, args.text, link.label if link else "").do(project)
    what = link.describe() if link else "the project"
    print(f"Memo on {what} {'written' if args.text.strip() else 'removed'}")
    return 0


def run_memo_list(args: argparse.Namespace) -> int:
    from qualcode.core.journal.memos import all_memos
    from qualcode.core.project import Project

    with Project.open(args.project) as project:
        memos = all_memos(project, args.search)
    if args.json:
        print(json.dumps([{"on": m.kind, "name": m.name, "text": m.text,
                           "updated_at": m.updated_at.isoformat(timespec="seconds") + "Z"} for m in memos],
                         ensure_ascii=False, indent=2))
        return 0
    if not memos:
        print("No memos" + (" match" if args.search else " yet"))
    for m in memos:
        print(f"{m.kind} ‘{m.name}’ · last written {m.updated_at:%Y-%m-%d %H:%M} UTC")
        for line in m.text.splitlines():
            print(f"    {line}")
    return 0
