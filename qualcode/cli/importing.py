"""``anonymise`` — pseudonymise a project's documents from the command line.

    qualcode anonymise study.qualcode --list mapping.csv      # propose (edit the file)
    qualcode anonymise study.qualcode --apply mapping.csv --export-mapping ethics.csv

The proposed mapping is a CSV of original, replacement, kind and count.
Edit a replacement to change it; delete a row, or blank its replacement, to
leave that name as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "anonymise", aliases=["anonymize"],
        help="replace names of people, places and organisations (pseudonymisation)",
        description="Find names in every document and replace them consistently. Codings, notes, "
                    "speaker turns and line numbers move with the text. Runs offline.")
    p.add_argument("project")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--list", nargs="?", const="-", metavar="FILE",
                      help="write the proposed mapping as CSV to FILE (default: print it)")
    what.add_argument("--apply", metavar="MAPPING.csv", help="apply an (edited) mapping")
    p.add_argument("--export-mapping", metavar="FILE.csv",
                   help="write the mapping for the ethics record: with --apply, the names just replaced "
                        "and their counts; alone, every replacement stored in the project")
    p.add_argument("--keep-originals", action="store_true",
                   help="with --apply: also keep the real names in the project's mapping table")
    p.add_argument("--include-speakers", action="store_true",
                   help="also propose/replace speaker labels that are not participants' pseudonyms "
                        "(e.g. an interviewer's name)")
    p.add_argument("--basic", action="store_true",
                   help="use the basic name finder (capitalised words) instead of spaCy")
    p.set_defaults(run=run_anonymise)


def run_anonymise(args: argparse.Namespace) -> int:
    from qualcode.cli import CliError
    from qualcode.cli.basic import open_project
    from qualcode.core.transcripts.pseudonymise import PseudonymiseError, stored_mapping
    from qualcode.io.exchange.pseudonym_csv import write_mapping_csv, write_record_csv
    from qualcode.io.output import check_output

    if args.export_mapping:  # refused before anything changes, not after the names are replaced
        check_output(args.export_mapping, reads=(args.project, *([args.apply] if args.apply else [])))
    with open_project(args.project) as project:
        if args.apply:
            try:
                report = _apply(project, args)
            except PseudonymiseError as exc:
                raise CliError(f"{Path(args.apply).name}: {exc}") from exc
            print(report.summary())
            _warn_about_backups(project)
            if args.export_mapping:
                write_mapping_csv(args.export_mapping, report.applied, reads=(args.project, args.apply))
                print(f"Wrote {args.export_mapping} (keep it apart from the project: it holds the real names)")
            return 0
        if args.export_mapping and args.list is None:
            stored = stored_mapping(project)
            write_record_csv(args.export_mapping, stored, reads=(args.project,))
            kept = sum(1 for p in stored if p.original)
            print(f"Wrote {args.export_mapping}: {len(stored)} replacements"
                  + ("" if kept else " (real names were not kept in the project)"))
            return 0
        _list(project, args)
    return 0


def _warn_about_backups(project) -> None:
    """Backups taken before the names were replaced still hold them: say where, so they are not forgotten."""
    from qualcode.core.safety.backups import backup_files, backup_folder

    files = backup_files(project.location)
    if files:
        print(f"The {len(files)} backup(s) in {backup_folder(project.location)} were taken before the names "
              "were replaced and still hold the real names: keep them as safely as the original data, or "
              "delete them once you are satisfied (`qualcode backups` lists them)", file=sys.stderr)


def _list(project, args: argparse.Namespace) -> None:
    from qualcode.analysis.entities import load_name_finder
    from qualcode.core.transcripts.name_proposals import propose_mapping
    from qualcode.io.exchange.pseudonym_csv import mapping_csv_text
    from qualcode.io.output import check_output, write_text

    if args.list not in (None, "-"):
        check_output(args.list, reads=(args.project,))
    finder = load_name_finder("basic" if args.basic else "auto")
    print(f"Names found by: {finder.label}", file=sys.stderr)
    proposal = propose_mapping(project, finder, include_speaker_labels=args.include_speakers)
    text = mapping_csv_text(proposal.entries)
    if args.list in (None, "-"):
        sys.stdout.write(text)
    else:
        write_text(args.list, text, reads=(args.project,))
        print(f"Wrote {args.list}: {len(proposal.entries)} names in {proposal.documents} documents. "
              "Edit the replacements, delete rows to keep a name, then run --apply.", file=sys.stderr)
    if proposal.left_out:
        print("Left as they are (participants' pseudonyms or speaker labels): " + ", ".join(proposal.left_out),
              file=sys.stderr)


def _apply(project, args: argparse.Namespace):
    from qualcode.core.transcripts.pseudonymise import apply_mapping
    from qualcode.io.exchange.pseudonym_csv import read_mapping_csv

    entries = read_mapping_csv(args.apply)
    if not any(e.accepted for e in entries):
        from qualcode.cli import CliError

        raise CliError(f"{Path(args.apply).name}: no row has a replacement, so nothing would change")
    return apply_mapping(project, entries, keep_originals=args.keep_originals,
                         include_speaker_labels=args.include_speakers)
