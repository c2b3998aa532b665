"""Build ready-to-open sample projects from the files in this folder.

    python sample_projects/build_samples.py            # both projects, full analysis
    python sample_projects/build_samples.py --analysis emergent --out /tmp

``interviews.qualcode``: the six transcripts, participant attributes and
(by default) the reference analysis — superordinate themes → sub-themes →
emergent themes coded on their quotes, plus exploratory notes.  With
``--analysis emergent`` the emergent themes are coded but not yet clustered
(the starting point of the IPA clustering journey); ``none`` imports only.

``survey.qualcode``: the 300 survey respondents with their two open
questions, the codebook and (by default) the reference coding.

Used by ``make run`` and by tests; every step goes through qualcode's own
services, so it doubles as an end-to-end check of import and coding.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
INTERVIEWS = HERE / "interviews"
SURVEY = HERE / "survey"
sys.path.insert(0, str(HERE.parent))

from qualcode.core.model import CodeRole  # noqa: E402
from qualcode.core.project import Project  # noqa: E402

PARTICIPANT_TYPES = {"years_in_role": "number", "service_type": "category", "profession": "category"}


@dataclass(frozen=True)
class ReferenceRow:
    """One emergent theme (or note) of the reference analysis, anchored to a quote."""

    participant: str
    label: str  # emergent theme, or the note's text
    superordinate: str
    sub_theme: str
    quote: str
    start_line: int
    end_line: int
    kind: str = ""  # for notes: descriptive / linguistic / conceptual


def find_quote(text: str, quote: str) -> tuple[int, int]:
    """Exact span of ``quote`` in ``text``, where any run of whitespace matches any other."""
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    matches = list(re.finditer(pattern, text))
    if len(matches) != 1:
        raise ValueError(f"quote found {len(matches)} times: {quote[:60]!r}")
    return matches[0].start(), matches[0].end()


def reference_emergent_themes() -> list[ReferenceRow]:
    rows = []
    for path in sorted((INTERVIEWS / "reference").glob("*_emergent_themes.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append(ReferenceRow(r["participant"], r["emergent_theme"], r["superordinate_theme"],
                                         r["sub_theme"], r["quote"], int(r["start_line"]), int(r["end_line"])))
    return rows


def reference_notes() -> list[ReferenceRow]:
    rows = []
    for path in sorted((INTERVIEWS / "reference").glob("*_notes.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append(ReferenceRow(r["participant"], r["note"], "", "", r["quote"],
                                         int(r["start_line"]), int(r["end_line"]), r["kind"]))
    return rows


def theme_order(rows: list[ReferenceRow]) -> dict[str, list[str]]:
    """Superordinate themes → sub-themes, in the master table's order (as the README lists them)."""
    order: dict[str, list[str]] = {}
    for r in rows:
        subs = order.setdefault(r.superordinate, [])
        if r.sub_theme not in subs:
            subs.append(r.sub_theme)
    canonical = ["Working on the production line", "Holding and being held", "Running on empty", "Why I stay"]
    return {k: order[k] for k in canonical if k in order} | {k: v for k, v in order.items() if k not in canonical}


def build_interviews(path: Path, analysis: str = "full") -> Project:
    from qualcode.core.transcripts.importing import import_transcripts

    project = Project.create(path, name="Practitioners' working lives (sample)")
    project.set_coder("Researcher")
    report = import_transcripts(project, sorted(INTERVIEWS.glob("*.txt")))
    if report.refused:
        raise SystemExit("\n".join(o.message for o in report.refused))
    with (INTERVIEWS / "participants.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            project.participants.set_attributes(row.pop("pseudonym"), row, PARTICIPANT_TYPES)
    if analysis == "none":
        return project
    docs = {project.documents.participant_label(d.id): d for d in project.documents.list()}
    themes = reference_emergent_themes()
    parents: dict[str, int | None] = {}
    if analysis == "full":
        for superordinate, subs in theme_order(themes).items():
            top = project.codes.create(superordinate, CodeRole.THEME)
            for sub in subs:
                parents[sub] = project.codes.create(sub, CodeRole.SUBTHEME, parent_id=top.id).id
    for row in themes:
        doc = docs[row.participant]
        start, end = find_quote(project.documents.text(doc.id), row.quote)
        lines = project.queries.segment_lines(doc.id, start, end)
        if lines != (row.start_line, row.end_line):
            raise SystemExit(f"{row.participant}: quote lines {lines} differ from the reference "
                             f"{row.start_line}-{row.end_line}: {row.quote[:50]!r}")
        code = project.codes.create(row.label, CodeRole.EMERGENT, parent_id=parents.get(row.sub_theme))
        project.coding.apply(doc.id, start, end, code.id)
    for note in reference_notes():
        doc = docs[note.participant]
        start, end = find_quote(project.documents.text(doc.id), note.quote)
        project.notes.add(doc.id, start, end, note.label, note.kind)
    return project


def write_master_table(project: Project, out: Path) -> None:
    """The reference master table as CSV: theme, sub-theme, participant, quote, lines."""
    rows = []
    for top in project.codes.children(None):
        if top.role != CodeRole.THEME:
            continue
        for sub in project.codes.children(top.id):
            for ex in project.queries.codings_of_code(sub.id):
                rows.append([top.name, sub.name, ex.participant, ex.code_name, " ".join(ex.text.split()),
                             ex.first_line, ex.last_line, ex.citation])
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["superordinate_theme", "sub_theme", "participant", "emergent_theme", "quote",
                    "start_line", "end_line", "citation"])
        w.writerows(rows)


def build_survey(path: Path, coding: bool = True) -> Project:
    from qualcode.core.surveys.code_sheets import import_code_sheet
    from qualcode.core.surveys.importing import import_survey
    from qualcode.core.themes.codebook import import_codebook_json

    project = Project.create(path, name="Staff retention survey (sample)")
    project.set_coder("Researcher")
    import_survey(project, SURVEY / "responses.csv", id_column="respondent_id",
                  question_columns=["q1_retention", "q2_support"],
                  attribute_columns=["role_group", "region", "years_in_post"])
    import_codebook_json(project, SURVEY / "codebook.json")
    if coding:
        for question in ("q1_retention", "q2_support"):
            import_code_sheet(project, SURVEY / f"reference_coding_{question}.csv", id_column="respondent_id",
                              coder="Researcher", question=question)
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the .qualcode files")
    parser.add_argument("--analysis", choices=["full", "emergent", "none"], default="full")
    parser.add_argument("--only", choices=["interviews", "survey"])
    parser.add_argument("--master-table", action="store_true",
                        help="also rewrite interviews/reference/master_table.csv")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = [args.only] if args.only else ["interviews", "survey"]
    for job in jobs:
        target = args.out / f"{job}.qualcode"
        for stale in args.out.glob(f"{job}.qualcode*"):
            stale.unlink()
        if job == "interviews":
            project = build_interviews(target, args.analysis)
            if args.master_table and args.analysis == "full":
                write_master_table(project, INTERVIEWS / "reference" / "master_table.csv")
        else:
            project = build_survey(target, coding=args.analysis != "none")
        counts = project.queries.counts()
        project.close()
        print(f"Built {target}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
