"""``init``, ``import``, ``info`` — the project's basic commands (``export`` lives in :mod:`qualcode.cli.export`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a new, empty project file")
    p.add_argument("project", help="path of the new project (suggested suffix: .qualcode)")
    p.add_argument("--name", help="a name for the project (default: the file name)")
    p.add_argument("--coder", help="who is coding (default: Researcher)")
    p.set_defaults(run=run_init)

    p = sub.add_parser("import", help="import transcripts (and, with options, surveys, sheets, codebooks)")
    p.add_argument("project")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--participant", help="the participant's pseudonym (default: the main non-interviewer speaker)")
    p.add_argument("--codebook", action="store_true",
                   help="FILE is a codebook (qualcode JSON, Excel .xlsx or REFI-QDA .qdc)")
    p.add_argument("--flat-names", action="store_true",
                   help="a .qdpx project or .qdc codebook: keep code names like ‘Coke::diet Coke’ whole instead of nesting them")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--survey", action="store_true",
                      help="FILE is a survey export (.csv/.xlsx): one answer document per non-empty answer")
    kind.add_argument("--code-sheet", action="store_true",
                      help="FILE is a sheet with one row per respondent and one 0/1 column per code")
    kind.add_argument("--attributes", action="store_true",
                      help="FILE adds or updates participant/respondent attributes")
    p.add_argument("--id-column", metavar="COL", help="the respondent id (or pseudonym) column")
    p.add_argument("--question-column", metavar="COL", action="append", default=[],
                   help="an open-question column (repeat for several)")
    p.add_argument("--attribute-column", metavar="COL", action="append", default=[],
                   help="a column of respondent attributes, e.g. role group (repeat for several)")
    p.add_argument("--coder", help="with --code-sheet: whose codings these are")
    p.add_argument("--question", help="with --code-sheet: the question the codes belong to")
    p.add_argument("--new-codes", action="store_true",
                   help="with --code-sheet: columns that match no code of the codebook become new codes "
                        "(default: refused, with the closest codes)")
    p.add_argument("--sheet", help="the worksheet of an .xlsx file (default: the first)")
    p.set_defaults(run=run_import)

    p = sub.add_parser("info", help="counts of documents, participants, codes, codings …")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_info)


def open_project(path: str):
    from qualcode.core.project import Project

    return Project.open(path)


def run_init(args: argparse.Namespace) -> int:
    from qualcode.core.project import Project

    with Project.create(args.project, name=args.name) as project:
        if args.coder:
            project.set_coder(args.coder)
        print(f"Created {args.project}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from qualcode.core.themes.codebook import import_codebook
    from qualcode.core.transcripts.importing import import_transcripts

    with open_project(args.project) as project:
        if args.codebook:
            for f in args.files:
                if Path(f).suffix.lower() == ".qdc":
                    from qualcode.core.themes.codebook import import_codebook_qdc

                    created, existing, notes = import_codebook_qdc(project, f, flat_names=args.flat_names)
                else:
                    created, existing, notes = *import_codebook(project, f), []
                print(f"{Path(f).name}: {created} codes added, {existing} already there")
                for note in notes:
                    print(f"  note: {note}")
            return 0
        if args.survey or args.code_sheet or args.attributes:
            return _import_tables(project, args)
        if any(Path(f).suffix.lower() == ".qdpx" for f in args.files):
            return _import_refi(project, args)
        report = import_transcripts(project, args.files, participant=args.participant)
        single = len(report.outcomes) == 1
        for outcome in report.outcomes:
            refused_alone = single and not outcome.imported
            print(f"qualcode: {outcome.message}" if refused_alone else outcome.message,
                  file=sys.stdout if outcome.imported else sys.stderr)
        if report.refused:
            if not single:  # one file refused is said in its own line; a batch also gets the tally
                print(f"qualcode: {len(report.refused)} of {len(report.outcomes)} files refused", file=sys.stderr)
            return 2
    return 0


def _import_refi(project, args: argparse.Namespace) -> int:
    """REFI-QDA projects, each in one transaction, with the import report printed."""
    from qualcode.cli import CliError
    from qualcode.core.transcripts.refi_import import import_refi_project

    if not all(Path(f).suffix.lower() == ".qdpx" for f in args.files):
        raise CliError("import .qdpx projects on their own, not together with other files")
    for f in args.files:
        print(import_refi_project(project, f, flat_names=args.flat_names).summary())
    return 0


def _import_tables(project, args: argparse.Namespace) -> int:
    """Survey exports, code sheets and attribute sheets: one transaction per file."""
    from qualcode.cli import CliError
    from qualcode.core.surveys import importing as survey_import
    from qualcode.core.surveys.code_sheets import import_code_sheet

    if not args.id_column and not args.survey:
        raise CliError("--id-column is needed (the respondent id or pseudonym column)")
    for f in args.files:
        if args.survey:
            if not args.question_column:
                raise CliError("--question-column is needed at least once (an open-question column)")
            report = survey_import.import_survey(project, f, args.id_column, args.question_column,
                                                 args.attribute_column, sheet=args.sheet)
            print(report.summary())
        elif args.code_sheet:
            if not args.coder:
                raise CliError("--coder is needed: whose codings are in the sheet?")
            report = import_code_sheet(project, f, args.id_column, args.coder,
                                       question=args.question, sheet=args.sheet, new_codes=args.new_codes)
            print(report.summary())
        else:
            n = survey_import.import_attributes(project, f, args.id_column, sheet=args.sheet)
            print(f"{Path(f).name}: attributes set for {n} participants")
            continue
        for warning in report.warnings:
            print(f"  note: {warning}", file=sys.stderr)
    return 0


def run_info(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        counts = project.queries.counts()
        from qualcode.core.themes.levels import counts as level_counts
        from qualcode.core.themes.levels import level_report

        # What the two IPA levels cannot sort out alone (e.g. after an upgrade): every one in JSON.
        notes = level_report(project, summarise_one_level=not args.json)
        if args.json:
            counts = {**counts, **level_counts(project).to_json()}
            print(json.dumps({"project": project.name, **counts, "ipa_notes": notes}, indent=2))
        else:
            print(f"Project: {project.name}  ({args.project})")
            for key, value in counts.items():
                print(f"  {key:<13}{value:>8}")
            for note in notes[:10]:
                print(f"  note: {note}")
            if len(notes) > 10:
                print(f"  … and {len(notes) - 10} more notes (qualcode info --json lists them all)")
    return 0
