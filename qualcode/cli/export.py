"""``qualcode export P REPORT -o FILE``: the reports researchers hand in.

    qualcode export study.qualcode master -o appendix.docx --balance --max-quotes 4
    qualcode export study.qualcode personal-themes -o pets.docx [--participant Maya]
    qualcode export survey.qualcode prevalence -o prevalence.docx --question q1 --by role_group
    qualcode export survey.qualcode code-sheet -o codes.xlsx --attribute role_group
    qualcode export survey.qualcode attributes -o who.docx --by role_group
    qualcode export study.qualcode project -o study.qdpx     (REFI-QDA: NVivo, ATLAS.ti, MAXQDA …)
    qualcode export study.qualcode codebook -o codes.qdc     (REFI-QDA codebook)
    qualcode export study.qualcode audit-trail -o audit.docx  (journal, memos, history of the themes)

The format follows the file's suffix unless ``--format`` is given.  Warnings
(a participant dominating a theme, themes below the recurrence threshold)
go to stderr; the files written go to stdout.
"""

from __future__ import annotations

import argparse
import sys

REPORT_NAMES = ("master", "themes", "quotes", "prevalence", "recurrence", "personal-themes", "coded-transcript", "codebook",
                "code-sheet", "attributes", "project", "audit-trail")


def _threshold(text: str) -> float:
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError("give a share between 0 and 1 (or a percentage like 50%)")
    return value


def _where(text: str) -> tuple[str, list[str]]:
    name, sep, values = text.partition("=")
    if not sep or not name.strip() or not values.strip():
        raise argparse.ArgumentTypeError("write it as ATTRIBUTE=VALUE or ATTRIBUTE=VALUE1,VALUE2")
    return name.strip(), [v.strip() for v in values.split(",") if v.strip()]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a report: master table, prevalence, recurrence, codebook …",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project")
    p.add_argument("what", choices=REPORT_NAMES, metavar="REPORT", help=", ".join(REPORT_NAMES))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--format", choices=["docx", "xlsx", "csv", "html", "json", "qdpx", "qdc"],
                   help="default: from the file suffix")
    p.add_argument("--by", metavar="ATTRIBUTE", help="groups (prevalence, quotes), e.g. role_group")
    p.add_argument("--max-quotes", type=int, metavar="N",
                   help="at most N quotes per theme (master: the N most typical)")
    p.add_argument("--balance", action="store_true",
                   help="master table: a balanced selection, no participant dominating a theme")
    p.add_argument("--notes", action="store_true", help="master table: exploratory notes beside each quote")
    p.add_argument("--participant", metavar="NAME", help="one participant or respondent only")
    p.add_argument("--question", metavar="NAME", help="the survey question (its column name)")
    p.add_argument("--threshold", type=_threshold, default=0.5, metavar="SHARE",
                   help="recurrence: flag themes present in fewer than this share (default 0.5)")
    p.add_argument("--attribute", action="append", default=[], metavar="NAME", dest="attributes",
                   help="show (and cite) this attribute beside each quote or respondent; repeatable")
    p.add_argument("--where", action="append", default=[], type=_where, metavar="ATTRIBUTE=VALUE",
                   help="only respondents with these attribute values; repeatable")
    p.add_argument("--coder", action="append", default=None, metavar="NAME", dest="coders",
                   help="only this coder's codings (default: all); repeatable")
    p.add_argument("--level", choices=["all", "themes", "codes"], default="all",
                   help="prevalence rows / quote groups: themes, codes or both (default)")
    p.add_argument("--count-non-answers", action="store_true",
                   help="count answers such as 'N/A', '-', 'none' as answers (default: left out of every "
                        "base and count, and the number left out said in the note)")
    p.add_argument("--cite", action="append", default=[], metavar="ATTRIBUTE",
                   help="cite quotes by this attribute alone, e.g. --cite role → (PWP); repeatable")
    p.add_argument("--number-quotes", action="store_true", dest="numbered",
                   help="quote table: number the quotes 1, 2, 3 …")
    p.add_argument("--sections-by", metavar="ATTRIBUTE",
                   help="quote table: a section (heading and table) per value of this attribute")
    p.add_argument("--with-answers", action="store_true", dest="answers",
                   help="code sheet: each answer's text in an 'answer' column beside the 0/1 columns")
    p.add_argument("--landscape", action="store_true",
                   help="coded transcript: landscape pages (default: portrait)")
    p.add_argument("--order", choices=["prevalence", "codebook"], default="prevalence",
                   help="prevalence rows: most raised first within each theme (default) or in codebook order")
    p.set_defaults(run=run_export)


def options_from(args: argparse.Namespace):
    from qualcode.reports.options import ReportOptions

    selection = "balanced" if args.balance else "typical" if args.max_quotes else "all"
    filters: dict[str, list[str]] = {}
    for name, values in args.where:
        filters.setdefault(name, []).extend(values)
    return ReportOptions(selection=selection, max_quotes=args.max_quotes, notes=args.notes,
                         question=args.question, participant=args.participant, by=args.by,
                         attributes=list(args.attributes), filters=filters, threshold=args.threshold,
                         coders=args.coders, level=args.level, count_non_answers=args.count_non_answers,
                         order=args.order, answers=args.answers, cite=list(args.cite), numbered=args.numbered,
                         sections_by=args.sections_by, landscape=args.landscape)


def run_export(args: argparse.Namespace) -> int:
    from qualcode.cli import CliError
    from qualcode.core.project import Project
    from qualcode.io.output import check_output
    from qualcode.reports.export import export_report

    if args.max_quotes is not None and args.max_quotes < 1:
        raise CliError("--max-quotes must be at least 1")
    check_output(args.output, reads=(args.project,))  # before the project is even opened
    with Project.open(args.project) as project:
        result = export_report(project, args.what, args.output, args.format, options_from(args))
    for warning in result.warnings:
        print(f"qualcode: warning: {warning}", file=sys.stderr)
    for path in result.files:
        print(f"Wrote {path}")
    return 0
