"""Ready-made projects for the GUI tests, the screenshots and the benchmark.

Built straight through the services from ``sample_projects/`` (the reference
analysis gives the themes, emergent themes and exploratory notes), so the
workbench can be seen and driven on realistic material.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

from qualcode.core.model import CodeRole, Document, NoteKind
from qualcode.core.project import Project
from qualcode.core.transcripts.documents import TurnSpec
from qualcode.core.transcripts.lines import normalise_text
from qualcode.io.turns import find_turns, main_participant

SAMPLES = Path(__file__).resolve().parents[2] / "sample_projects"
INTERVIEWS = SAMPLES / "interviews"
SURVEY = SAMPLES / "survey"
QUESTIONS = {
    "q1_retention": "What one change would most improve staff retention in your service?",
    "q2_support": "What has helped you most in your role, and what has been missing?",
}


def add_transcript_file(project: Project, path: Path) -> Document:
    text = normalise_text(path.read_text(encoding="utf-8"))
    turns = find_turns(text)
    who = main_participant(turns) or path.stem.capitalize()
    return project.documents.add_transcript(
        f"{who} interview", text, [TurnSpec(t.start, t.end, t.speaker, t.is_interviewer) for t in turns],
        participant=who, source_name=path.name, source_hash=hashlib.sha256(text.encode()).hexdigest())


def quote_span(project: Project, doc: Document, quote: str, first: int, last: int) -> tuple[int, int]:
    """Where a reference quote sits in the transcript (its words, whatever the line breaks)."""
    text = project.documents.text(doc.id)
    index = project.documents.line_index(doc.id)
    region_start = index.span_of(max(first - 1, 1))[0]
    region_end = index.span_of(min(last + 1, index.count))[1]
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    found = re.search(pattern, text[region_start:region_end]) or re.search(pattern, text)
    if found is None:
        start, end = index.span_of(first)[0], index.span_of(last)[1]
        return start, len(text[:end].rstrip())
    base = region_start if found.string is not text else 0
    return base + found.start(), base + found.end()


def _ensure_code(project: Project, cache: dict, name: str, role: CodeRole, parent: int | None) -> int:
    key = (name.casefold(), parent)
    if key not in cache:
        found = next((c for c in project.codes.children(parent) if c.name.casefold() == name.casefold()), None)
        cache[key] = found.id if found else project.codes.create(name, role, parent).id
    return cache[key]


def build_interview_project(path: Path, people: tuple[str, ...] = ("maya",), coder: str = "Ann",
                            with_analysis: bool = True) -> Project:
    """Transcripts with the reference emergent themes (under their themes) and notes applied."""
    project = Project.create(path, name="Therapists and targets (IPA)")
    project.set_coder(coder)
    cache: dict = {}
    for person in people:
        doc = add_transcript_file(project, INTERVIEWS / f"{person}.txt")
        if not with_analysis:
            continue
        with open(INTERVIEWS / "reference" / f"{person}_emergent_themes.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                theme = _ensure_code(project, cache, row["superordinate_theme"], CodeRole.THEME, None)
                sub = _ensure_code(project, cache, row["sub_theme"], CodeRole.SUBTHEME, theme)
                emergent = _ensure_code(project, cache, row["emergent_theme"], CodeRole.EMERGENT, sub)
                start, end = quote_span(project, doc, row["quote"], int(row["start_line"]), int(row["end_line"]))
                project.coding.apply(doc.id, start, end, emergent)
        with open(INTERVIEWS / "reference" / f"{person}_notes.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                start, end = quote_span(project, doc, row["quote"], int(row["start_line"]), int(row["end_line"]))
                project.notes.add(doc.id, start, end, row["note"], NoteKind(row["kind"]))
    return project


def add_question(project: Project, name: str, text: str, position: int = 1) -> int:
    """A survey question (the survey importer is not ours; this writes the row directly)."""
    from qualcode.store.schema import QuestionRow

    with project.transaction() as s:
        row = QuestionRow(name=name, text=text, position=position)
        s.add(row)
        s.flush()
        return row.id


def add_answers(project: Project, question_id: int, answers: list[tuple[str, str, dict]]) -> list[int]:
    """``(respondent, answer, attributes)`` rows as answer documents under the question."""
    types = {"years_in_post": "number", "role_group": "category", "region": "category"}
    ids = []
    with project.transaction() as s:
        for i, (respondent, text, attrs) in enumerate(answers):
            person = project.participants.ensure_in(s, respondent, kind="respondent")
            if attrs:
                project.participants.set_attributes_in(s, person.id, attrs, types)
            row = project.documents.add_answer_in(s, question_id, person.id, text, f"{respondent} answer",
                                                  position=i)
            s.flush()
            ids.append(row.id)
    project.emit("documents")
    return ids


def build_survey_project(path: Path, coded_share: float = 0.45, coder: str = "Ann",
                         limit: int | None = None) -> Project:
    """The staff survey: respondents with attributes, both questions, the codebook, part coded."""
    from qualcode.core.themes.codebook import import_codebook_json

    project = Project.create(path, name="Staff retention survey")
    project.set_coder(coder)
    import_codebook_json(project, SURVEY / "codebook.json")
    with open(SURVEY / "responses.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:limit]
    for position, (column, text) in enumerate(QUESTIONS.items(), start=1):
        qid = add_question(project, column, text, position)
        answered = [r for r in rows if r[column].strip()]
        ids = add_answers(project, qid, [
            (r["respondent_id"], r[column].strip(),
             {"role_group": r["role_group"], "region": r["region"], "years_in_post": int(r["years_in_post"])})
            for r in answered])
        by_respondent = dict(zip((r["respondent_id"] for r in answered), ids))
        with open(SURVEY / f"reference_coding_{column}.csv", encoding="utf-8") as f:
            reference = list(csv.DictReader(f))
        reference = [r for r in reference if r["respondent_id"] in by_respondent]
        for r in reference[: int(len(reference) * coded_share)]:
            doc_id = by_respondent[r["respondent_id"]]
            length = project.documents.get(doc_id).length
            for path_name, flag in r.items():
                if path_name != "respondent_id" and flag == "1":
                    code = project.codes.find(path_name)
                    if code is not None:
                        project.coding.apply(doc_id, 0, length, code.id)
    return project


def codebook_paths(project: Project) -> dict[str, int]:
    return {"/".join(project.codes.path(c.id)): c.id for c in project.codes.list()}


if __name__ == "__main__":  # pragma: no cover - a helper for looking at the app by hand
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qualcode-samples")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("interviews.qualcode", "survey.qualcode"):
        (out / name).unlink(missing_ok=True)
    build_interview_project(out / "interviews.qualcode", ("maya", "tom", "priya", "ruth", "daniel", "gareth")).close()
    build_survey_project(out / "survey.qualcode").close()
    print(json.dumps({"interviews": str(out / "interviews.qualcode"), "survey": str(out / "survey.qualcode")}))
