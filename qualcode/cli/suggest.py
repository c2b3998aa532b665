"""``qualcode suggest`` and ``qualcode accept``: suggested themes and codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qualcode.core.themes.clustered import CLI_CHOICES, Clustered


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="suggest how items cluster into themes, or codes for uncoded text")
    p.add_argument("project")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--items", choices=CLI_CHOICES,
                      help="cluster emergent themes, the segments of a code, the answers to a question, "
                           "one participant's experiential statements into personal experiential themes "
                           "(statements, with --participant), or personal themes into group themes "
                           "(personal-themes)")
    what.add_argument("--codes-for", choices=[Clustered.ANSWERS.value, Clustered.SEGMENTS.value],
                      help="rank likely codes for uncoded answers or uncoded participant turns")
    p.add_argument("--participant", help="statements (needed) or emergent: one participant's material "
                                         "(the idiographic step)")
    p.add_argument("--code", help="segments: the code to split")
    p.add_argument("--question", help="answers: the survey question")
    p.add_argument("--uncoded-only", action="store_true", help="answers: leave out answers already coded")
    p.add_argument("--notes", action="store_true", help="emergent: include exploratory notes in what is compared")
    p.add_argument("--clusters", type=int, metavar="K", help="number of sub-themes (default: chosen automatically)")
    p.add_argument("--themes", type=int, metavar="K", help="number of superordinate themes (default: automatic)")
    p.add_argument("--method", choices=["auto", "hierarchical", "kmeans", "hdbscan"], default="auto")
    p.add_argument("--backend", default="auto",
                   help="auto (default: minilm, or static-minilm above 5,000 texts), minilm, static-minilm, "
                        "tfidf, model2vec, sentence-transformers")
    p.add_argument("--top", type=int, default=3, help="codes-for: codes per item")
    p.add_argument("--order", choices=["file", "least-sure"], default="file",
                   help="codes-for answers: list the answers in the survey's order (default) or those the "
                        "suggestions are least sure of first (code those next: they teach it most)")
    p.add_argument("--json", action="store_true", help="print JSON (default: a readable summary)")
    p.add_argument("-o", "--output", help="write the JSON to this file (edit it, then `qualcode accept`)")
    p.set_defaults(run=run_suggest)

    p = sub.add_parser("accept", help="apply a (possibly edited) suggestion file as themes")
    p.add_argument("project")
    p.add_argument("suggestion", help="the JSON written by `qualcode suggest`")
    p.add_argument("--move", action="store_true",
                   help="also move emergent themes that already sit under a theme")
    p.set_defaults(run=run_accept)

    p = sub.add_parser("terms", help="show or choose the IPA words the project uses (2022: experiential "
                                     "statements, PETs, GETs; 2009: emergent and superordinate themes)")
    p.add_argument("project")
    p.add_argument("--use", metavar="EDITION", help="2022 or 2009")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_terms)


def _summary(data: dict) -> str:
    if data.get("note") and not data.get("suggestions"):  # e.g. every answer is coded already
        return str(data["note"])
    lines = [f"Suggested with {data['backend']}" + (", least sure first:" if data.get("order") else ":")]
    if "suggestions" in data:
        for s in data["suggestions"]:
            codes = ", ".join(f"{c['code']} ({c['score']:.2f})" for c in s["codes"]) \
                or f"no suggestion: {s.get('no_suggestion') or 'no code is likely'}"
            if s["codes"] and s.get("basis"):
                codes += f"  [{s['basis']}]"
            if "sureness" in s:  # --order least-sure: how sure the best code is, the order's key
                codes += f"  (sureness {s['sureness']:.2f})"
            text = " ".join(str(s.get("text", "")).split())
            lines.append(f"  {s['id']}: “{text[:80]}{'…' if len(text) > 80 else ''}”\n      → {codes}")
        return "\n".join(lines)
    flagged = {r["theme"] for r in data.get("recurrence", {}).get("themes", []) if r["below_threshold"]}
    for c in data["clusters"]:
        if c.get("parent") is None:
            mark = "  (in fewer than half of the participants)" if c["label"] in flagged else ""
            lines.append(f"\n{c['label']}{mark}")
            continue
        lines.append(f"  · {c['label']}  [tightness {c['tightness']:.2f}]")
        for item in c["items"]:
            if data.get("mode") in (Clustered.EMERGENT, Clustered.STATEMENTS, Clustered.PERSONAL_THEMES):
                who = f" — {item['participant']}" if item.get("participant") else ""
                lines.append(f"      {str(item['id'])[:70]}{who}")
            else:
                text = " ".join(str(item.get("text", "")).split())
                lines.append(f"      {item['id']}: {text[:90]}{'…' if len(text) > 90 else ''}")
    return "\n".join(lines)


def run_suggest(args: argparse.Namespace) -> int:
    from qualcode.cli import CliError
    from qualcode.cli.basic import open_project
    from qualcode.core.themes import suggestions as sg
    from qualcode.io.output import check_output, write_text

    if args.order == "least-sure" and args.codes_for != Clustered.ANSWERS.value:
        raise CliError("--order least-sure orders survey answers: use it with --codes-for answers")
    if args.output:  # refused before the (slow) suggestion is computed
        check_output(args.output, reads=(args.project,))
    with open_project(args.project) as project:
        if args.codes_for:
            data = sg.suggest_codes(project, args.codes_for, question=args.question, top=args.top,
                                    backend=args.backend)
            if args.order == "least-sure" and data["suggestions"]:
                from qualcode.core.surveys.least_sure import least_sure_first

                data = least_sure_first(project, data, args.question, args.backend)
        else:
            items = Clustered(args.items)
            named = {"code": args.code, "question": args.question, "participant": args.participant}
            if items.chosen_by and not named[items.chosen_by]:
                raise CliError(f"--{items.chosen_by} is needed with --items {items.value}")
            collected = sg.collect(project, items, participant=args.participant, code=args.code,
                                   question=args.question, uncoded_only=args.uncoded_only, with_notes=args.notes)
            data = sg.suggest_themes(project, collected, args.clusters, args.themes, args.backend, args.method)
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if args.output:
        write_text(args.output, text + "\n", reads=(args.project,))
        print(f"Wrote {args.output}", file=sys.stderr)
    if args.json:
        print(text)
    elif not args.output:
        print(_summary(data))
    return 0


def run_accept(args: argparse.Namespace) -> int:
    from qualcode.cli import CliError
    from qualcode.cli.basic import open_project
    from qualcode.core.themes.accept import AcceptError, accept_suggestion
    from qualcode.core.themes.suggestion_file import read_suggestion

    data = read_suggestion(args.suggestion)  # refuses a file that is not UTF-8 JSON, in one line naming it
    with open_project(args.project) as project:
        try:
            record = accept_suggestion(project, data, allow_moves=args.move)
        except AcceptError as exc:
            raise CliError(f"{Path(args.suggestion).name}: {exc}") from exc
    print(f"Accepted: {record.summary}")
    return 0


def run_terms(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from qualcode.cli import CliError
    from qualcode.cli.basic import open_project
    from qualcode.core.themes import terms

    with open_project(args.project) as project:
        if args.use:
            try:
                terms.set_edition(project, args.use)
            except terms.TermsError as exc:
                raise CliError(exc.message) from exc
        edition, words = terms.edition_of(project), terms.terms_of(project)
    if args.json:
        print(json.dumps({"edition": edition.value, **asdict(words)}, indent=2, ensure_ascii=False))
    else:
        print(f"IPA terms of {edition.value}: {words.statements} → {words.personal_themes} → {words.group_themes}")
    return 0
