"""``agreement``, ``merge``, ``split``, ``coverage`` — the second analyst's journey on the command line.

    qualcode split survey.qualcode sam.qualcode --sample 0.2 --seed 1 --coder Sam --stratify role_group
    qualcode merge survey.qualcode sam.qualcode
    qualcode coverage survey.qualcode --coder Sam --list
    qualcode agreement survey.qualcode --coders Researcher Sam -o reliability.docx
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qualcode.core.errors import InvalidValue


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agreement", help="agreement between coders: percent agreement, kappa, alpha per code and overall")
    p.add_argument("project")
    p.add_argument("--coders", nargs="+", required=True, metavar="CODER", help="two or more coders to compare")
    p.add_argument("--unit", choices=["answer", "line", "sentence", "character", "overlap"],
                   help="the unit of analysis (default: answer for survey answers, else line)")
    p.add_argument("--overlap", type=float, default=0.9, metavar="SHARE",
                   help="with --unit overlap: how much of the longer segment must overlap (default 0.9)")
    p.add_argument("--exclude-interviewer", action="store_true", help="leave interviewer turns out")
    p.add_argument("--codes", nargs="+", metavar="CODE", help="compare only these codes (names or paths)")
    p.add_argument("--all-codes", action="store_true",
                   help="compare every code of the codebook (default: the codes a compared coder "
                        "applied in the documents compared)")
    p.add_argument("--roll-up", action="store_true", help="count codings of sub-codes for the codes above them")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                   help="bootstrap samples for the 95%% confidence interval of alpha (default 1000; 0: none)")
    p.add_argument("--seed", type=int, default=1, help="the bootstrap's seed: the same seed, the same interval")
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    p.add_argument("-o", "--output", metavar="FILE", help="write the table to a .docx, .xlsx or .csv file")
    p.set_defaults(run=run_agreement)

    p = sub.add_parser("merge", help="bring a second coder's project (.qualcode or .qdpx) back into this one")
    p.add_argument("project")
    p.add_argument("other", help="the second coder's project, or a REFI-QDA .qdpx")
    p.add_argument("--coder", help="record every incoming coding under this coder")
    p.add_argument("--no-new-codes", action="store_true",
                   help="do not add codes the second coder created (their codings are reported instead)")
    p.set_defaults(run=run_merge)

    p = sub.add_parser("split", help="prepare a copy for a second coder: a sample, the codebook, no codings")
    p.add_argument("project")
    p.add_argument("output", help="the new project file for the second coder")
    p.add_argument("--sample", type=float, metavar="SHARE", help="share of documents to copy, e.g. 0.2 (default: all)")
    p.add_argument("--seed", type=int, default=1, help="the same seed draws the same sample (default 1)")
    p.add_argument("--coder", help="the second coder's name (the copy opens for them, in blind coding)")
    p.add_argument("--stratify", metavar="ATTRIBUTE",
                   help="sample within each value of an attribute (e.g. role_group), or 'question'")
    p.set_defaults(run=run_split)

    p = sub.add_parser("coverage", help="which documents or survey questions a coder coded through")
    p.add_argument("project")
    p.add_argument("--coder", required=True, help="whose coverage to show or change")
    p.add_argument("--done", nargs="+", default=[], metavar="DOC",
                   help="mark transcripts (by title) or survey questions (every answer) as coded through")
    p.add_argument("--undone", nargs="+", default=[], metavar="DOC",
                   help="mark them as not coded through (agreement then leaves them out for this coder)")
    p.add_argument("--list", action="store_true", help="list what the coder coded through (the default)")
    p.set_defaults(run=run_coverage)


def _code_ids(project, names: list[str] | None) -> tuple[int, ...] | None:
    from qualcode.core.reliability.comparison import resolve_codes

    return resolve_codes(project, names) if names else None


def run_agreement(args: argparse.Namespace) -> int:
    from qualcode.core.project import Project
    from qualcode.core.reliability.agreement import compute_agreement
    from qualcode.core.reliability.comparison import AgreementRequest
    from qualcode.io.output import check_output
    from qualcode.reports.reliability_table import write_report

    if args.output:  # refused before the project is opened
        check_output(args.output, reads=(args.project,))
    with Project.open(args.project) as project:
        if args.bootstrap < 0:
            raise InvalidValue("--bootstrap takes a number of samples, 0 or more (e.g. 1000)")
        request = AgreementRequest(tuple(args.coders), args.unit, args.overlap, args.exclude_interviewer,
                                   _code_ids(project, args.codes), args.roll_up, all_codes=args.all_codes,
                                   bootstrap=args.bootstrap, seed=args.seed)
        result = compute_agreement(project, request)
        if args.output:
            path = write_report(result, args.output, reads=(args.project,))
            print(f"Wrote {path}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.report.to_json(), indent=2, ensure_ascii=False))
    elif not args.output:
        _print_table(result)
    return 0


def _print_table(result) -> None:
    from qualcode.reports.reliability_table import table_rows

    def fmt(value: float | None, percent: bool = False) -> str:
        return "—" if value is None else f"{value:.1%}" if percent else f"{value:.2f}"

    width = max([len(r.code) for r in table_rows(result.report)] + [4])
    print(f"{'Code':<{width}}  {'Units':>7}  {'Agreement':>9}  {'Kappa':>6}  {'Alpha':>6}  Reading")
    for r in table_rows(result.report):
        print(f"{r.code:<{width}}  {r.units:>7,}  {fmt(r.agreement, True):>9}  {fmt(r.kappa):>6}  "
              f"{fmt(r.alpha):>6}  {r.reading}")
    short = [r for r in table_rows(result.report) if r.kappa_pairs and not r.overall]
    if short:
        print(f"Light's kappa left out undefined coder pairs for {len(short)} code(s), e.g. {short[0].code}: "
              f"{short[0].kappa_pairs[0]} of {short[0].kappa_pairs[1]} pairs (--json: kappa_pairs_undefined).")
    print()
    print(result.methods)


def run_merge(args: argparse.Namespace) -> int:
    from qualcode.core.project import Project
    from qualcode.core.reliability.merge import merge_project

    with Project.open(args.project) as project:
        report = merge_project(project, args.other, coder=args.coder, add_codes=not args.no_new_codes)
    print(report.summary())
    return 0


def run_split(args: argparse.Namespace) -> int:
    from qualcode.cli import CliError
    from qualcode.core.project import Project
    from qualcode.core.reliability.second_coder_copy import SampleSpec, prepare_copy

    if Path(args.output).exists():
        raise CliError(f"{args.output}: a file already exists there; choose another name")
    with Project.open(args.project) as project:
        report = prepare_copy(project, args.output, args.coder, SampleSpec(args.sample, args.seed, args.stratify))
    print(report.summary())
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    from qualcode.core.project import Project
    from qualcode.core.reliability import coverage

    with Project.open(args.project) as project:
        if args.done:
            added = coverage.mark_coded(project, args.coder, coverage.find_documents(project, args.done),
                                        keep_inferred=True)
            print(f"{args.coder}: {added} document(s) newly marked as coded through", file=sys.stderr)
        if args.undone:
            removed = coverage.unmark_coded(project, args.coder, coverage.find_documents(project, args.undone))
            print(f"{args.coder}: {removed} document(s) marked as not coded through", file=sys.stderr)
        if args.list or not (args.done or args.undone):
            lines = coverage.coverage_lines(project, args.coder)
            how = "recorded" if lines and lines[0].recorded else \
                "inferred (no record: transcripts they coded in, questions where they coded an answer)"
            print(f"Coded through by {args.coder} — {how}:")
            for line in lines:
                mark = ("done" if line.done else "not done") if line.kind == "transcript" \
                    else f"{line.done:,} of {line.of:,} answers"
                print(f"  {line.kind:<10}  {line.name}: {mark}")
    return 0
