"""``init``, ``import``, ``info``, ``export`` — the project's basic commands."""

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
    p.add_argument("--codebook", action="store_true", help="FILE is a codebook (qualcode JSON)")
    p.set_defaults(run=run_import)

    p = sub.add_parser("info", help="counts of documents, participants, codes, codings …")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run_info)

    p = sub.add_parser("export", help="export a report or the codebook")
    p.add_argument("project")
    p.add_argument("what", choices=["codebook"], help="what to export")
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--format", choices=["json"], help="default: from the file suffix")
    p.set_defaults(run=run_export)


def open_project(path: str):  # noqa: ANN201 - returns Project
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
    from qualcode.core.importing import import_transcripts
    from qualcode.io.codebook_json import import_codebook_json

    with open_project(args.project) as project:
        if args.codebook:
            for f in args.files:
                created, existing = import_codebook_json(project, f)
                print(f"{Path(f).name}: {created} codes added, {existing} already there")
            return 0
        report = import_transcripts(project, args.files, participant=args.participant)
        for outcome in report.outcomes:
            print(outcome.message, file=sys.stdout if outcome.imported else sys.stderr)
        if report.refused:
            print(f"qualcode: {len(report.refused)} of {len(report.outcomes)} files refused", file=sys.stderr)
            return 2
    return 0


def run_info(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        counts = project.queries.counts()
        if args.json:
            print(json.dumps({"project": project.name, **counts}, indent=2))
        else:
            print(f"Project: {project.name}  ({args.project})")
            for key, value in counts.items():
                print(f"  {key:<13}{value:>8}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from qualcode.io.codebook_json import export_codebook_json

    with open_project(args.project) as project:
        if args.what == "codebook":
            export_codebook_json(project, args.output)
    print(f"Wrote {args.output}")
    return 0
