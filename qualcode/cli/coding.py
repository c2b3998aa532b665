"""``code`` — apply or remove a code on fixed transcript lines, for scripts and tests.

    qualcode code study.qualcode --document Maya --lines 12-14 --code "Workload/Caseload" --coder Sam
    qualcode code study.qualcode --document Maya --lines 12-14 --code Caseload --coder Sam --uncode
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("code", help="apply (or remove) a code on a range of fixed transcript lines")
    p.add_argument("project")
    p.add_argument("--document", required=True, metavar="TITLE",
                   help="the transcript's title (or QUESTION/TITLE for a survey answer)")
    p.add_argument("--lines", required=True, metavar="FIRST-LAST", help="fixed line numbers, e.g. 12-14 or 12")
    p.add_argument("--code", required=True, metavar="PATH", help="the code's name, or its path Theme/Code")
    p.add_argument("--coder", required=True, help="whose coding this is")
    p.add_argument("--uncode", action="store_true", help="remove this coder's codings of the code on those lines")
    p.set_defaults(run=run_code)


def run_code(args: argparse.Namespace) -> int:
    from qualcode.core.coding.lines import code_lines
    from qualcode.core.project import Project
    from qualcode.core.reliability.comparison import resolve_codes

    with Project.open(args.project) as project:
        (code_id,) = resolve_codes(project, [args.code])
        done = code_lines(project, args.document, args.lines, code_id, args.coder.strip(), uncode=args.uncode)
    if args.uncode:
        print(f"{args.document}, lines {args.lines}: {done.changed} coding(s) of ‘{args.code}’ by "
              f"{args.coder} removed" + (f"; {done.kept} that run past these lines kept" if done.kept else ""))
    else:
        print(f"{args.document}, lines {args.lines}: ‘{args.code}’ applied by {args.coder}"
              + ("" if done.changed else " (it was already there)"))
    return 0
