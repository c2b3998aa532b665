"""Exports at thesis and survey scale.

Figures (seconds, median of three runs, synthetic data with a fixed seed):

* ``master_table_2000_quotes_docx_s`` — build the master table of a project
  with 2,000 coded quotes (12 transcripts, 4 superordinate themes × 3
  sub-themes × 10 emergent themes) and write it as .docx.  Target: < 3 s.
* ``master_table_2000_quotes_build_s`` — the same, building only (no file).
* ``master_table_2000_quotes_xlsx_s`` / ``_html_s`` — the other formats.
* ``prevalence_10000_answers_docx_s`` — prevalence by group of a survey with
  10,000 answers and about 20,000 codings, chart included.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.transcripts.documents import TurnSpec
from qualcode.reports.master_table import build_master_table, master_table_document
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.table import prevalence_report
from qualcode.reports.writers import write

WORDS = ["the", "caseload", "feels", "like", "a", "conveyor", "belt", "and", "I’m", "not", "sure", "I’m", "any", "good", "at", "this", "—", "supervision", "helps", "numbers", "targets", "team", "family", "evening", "home", "tired", "café", "naïve", "people", "time", "waiting", "list"]


def _median_time(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def interviews(path: Path, quotes: int = 2000, transcripts: int = 12) -> Project:
    rng = random.Random(7)
    project = Project.create(path)
    project.set_coder("Bench")
    docs = []
    for t in range(transcripts):
        text = "\n".join(f"P{t}: " + _sentence(rng, rng.randint(8, 40)) for _ in range(900))
        wrapped = project.documents.add_transcript(f"t{t}", text, [TurnSpec(0, len(text), f"P{t}")],
                                                   participant=f"Participant {t + 1}")
        docs.append((wrapped.id, text))
    leaves = []
    for a in range(4):
        top = project.codes.create(f"Superordinate theme {a + 1}", CodeRole.THEME)
        for b in range(3):
            sub = project.codes.create(f"Sub-theme {a + 1}.{b + 1}", CodeRole.SUBTHEME, top.id)
            leaves += [project.codes.create(f"Emergent theme {a}{b}{c}", CodeRole.EMERGENT, sub.id).id
                       for c in range(10)]
    with project.transaction() as s:
        for _ in range(quotes):
            doc_id, text = rng.choice(docs)
            start = rng.randrange(0, len(text) - 400)
            project.coding.apply_in(s, doc_id, start, start + rng.randint(60, 380), rng.choice(leaves))
    return project


def survey(path: Path, answers: int = 10_000) -> Project:
    """A survey written straight into the tables (the services' per-row checks would
    make the set-up, not the export, the slow part)."""
    from qualcode.core.transcripts.lines import compute_line_starts
    from qualcode.store.schema import (
        AttributeRow,
        AttributeValueRow,
        CodingRow,
        DocumentRow,
        ParticipantRow,
        QuestionRow,
        SegmentRow,
    )

    rng = random.Random(11)
    project = Project.create(path)
    coder = project.set_coder("Bench")
    codes = []
    for a in range(5):
        theme = project.codes.create(f"Theme {a + 1}", CodeRole.THEME)
        codes += [project.codes.create(f"Code {a + 1}.{b + 1}", CodeRole.CODE, theme.id).id for b in range(6)]
    with project.transaction() as s:
        question = QuestionRow(name="q1", text="What would help?", position=1, blank_count=0)
        group = AttributeRow(name="group", type="category")
        s.add_all([question, group])
        s.flush()
        people = [ParticipantRow(pseudonym=f"R{i:05d}", kind="respondent") for i in range(answers)]
        s.add_all(people)
        s.flush()
        s.add_all(AttributeValueRow(participant_id=p.id, attribute_id=group.id, value=rng.choice("ABCD"))
                  for p in people)
        docs = []
        for i, p in enumerate(people):
            text = _sentence(rng, 20)
            docs.append(DocumentRow(title=p.pseudonym, kind="answer", text=text, line_width=80,
                                    line_starts=json.dumps(compute_line_starts(text)), length=len(text),
                                    participant_id=p.id, question_id=question.id, position=i))
        s.add_all(docs)
        s.flush()
        segments = [SegmentRow(document_id=d.id, start=0, end=d.length) for d in docs]
        s.add_all(segments)
        s.flush()
        s.add_all(CodingRow(segment_id=seg.id, code_id=code, coder_id=coder)
                  for seg in segments for code in rng.sample(codes, rng.choice((1, 2, 2, 3))))
    return project


def run() -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-export-"))
    try:
        figures: dict[str, float] = {}
        project = interviews(folder / "interviews.qualcode")
        table = build_master_table(project)
        quotes = sum(len(s.quotes) for t in table.themes for s in t.sub_themes)
        assert quotes == 2000, quotes
        figures["master_table_2000_quotes_build_s"] = _median_time(lambda: build_master_table(project))
        for fmt in ("docx", "xlsx", "html"):
            out = folder / f"master.{fmt}"
            figures[f"master_table_2000_quotes_{fmt}_s"] = _median_time(
                lambda out=out: write(master_table_document(build_master_table(project)), out))
        project.close()
        project = survey(folder / "survey.qualcode")
        options = ReportOptions(question="q1", by="group")
        figures["prevalence_10000_answers_docx_s"] = _median_time(
            lambda: write(prevalence_report(project, options), folder / "prevalence.docx"))
        project.close()
        return figures
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}")
