"""Agreement from a project: 50,000 answers × 30 codes × 3 coders, reading the database included.

The pure statistics take about 0.03 s (``bench_agreement.py``); this is the
figure a researcher waits for when they press Compute: the codings read from
the project file, what each coder coded through, units built, report made.

Figures (seconds, median of three runs; the project is built once, untimed):

* ``agreement_from_project_50k_answers_30_codes_3_coders_s`` — answer units,
  about 860,000 codings by three coders, the third having skipped 2% of the
  answers (recorded as not coded through).
* ``agreement_from_project_12_transcripts_30_codes_3_coders_line_s`` and
  ``…_character_s`` — 12 transcripts of 60,000 characters, 1,500 codings
  per coder, by fixed line and by character.
* ``reliability_project_build_s`` — building the benchmark project (for
  reference; not a user-facing figure).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualcode.core.project import Project
from qualcode.core.reliability.agreement import compute_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.core.transcripts.lines import compute_line_starts
from qualcode.store.schema import (
    CoderDocumentRow,
    CodeRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    ParticipantRow,
    QuestionRow,
    SegmentRow,
)

CODERS = ("A", "B", "C")
CODES = 30
ANSWERS = 50_000
WORDS = ("caseload", "pay", "supervision", "staff", "time", "support", "manager", "training", "team", "money")


def _median_time(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _presence(rng: np.random.Generator) -> np.ndarray:
    """codes × answers × coders: coders who mostly agree on codes of varied prevalence."""
    prevalence = rng.uniform(0.01, 0.3, (CODES, 1, 1))
    truth = rng.random((CODES, ANSWERS, 1)) < prevalence
    slips = rng.random((CODES, ANSWERS, len(CODERS))) < 0.05
    return truth ^ slips


def _build_survey(path: Path, rng: np.random.Generator) -> None:
    project = Project.create(path, name="Benchmark survey")
    presence = _presence(rng)
    skipped = rng.random(ANSWERS) < 0.02  # the third coder did not reach these answers
    with project.engine.begin() as conn:
        conn.execute(insert(QuestionRow.__table__), [{"name": "q1", "text": "What would keep you?", "position": 1,
                                                      "blank_count": 0}])
        conn.execute(insert(ParticipantRow.__table__),
                     [{"pseudonym": f"R{i}", "kind": "respondent"} for i in range(ANSWERS)])
        conn.execute(insert(CoderRow.__table__), [{"name": name} for name in CODERS])
        conn.execute(insert(CodeRow.__table__), [{"name": f"code {c}", "role": "code", "colour": "#4e79a7",
                                                  "position": c} for c in range(CODES)])
        texts = [" ".join(rng.choice(WORDS, 12)) for _ in range(ANSWERS)]
        conn.execute(insert(DocumentRow.__table__), [
            {"title": f"R{i}", "kind": "answer", "text": t, "line_starts": json.dumps(compute_line_starts(t)),
             "line_width": 80, "length": len(t), "participant_id": i + 1, "question_id": 1, "position": i + 1}
            for i, t in enumerate(texts)])
        conn.execute(insert(SegmentRow.__table__), [{"document_id": i + 1, "start": 0, "end": len(t)}
                                                    for i, t in enumerate(texts)])
        code, answer, coder = np.nonzero(presence)
        keep = ~((coder == 2) & skipped[answer])
        conn.execute(insert(CodingRow.__table__), [
            {"segment_id": int(a) + 1, "code_id": int(c) + 1, "coder_id": int(k) + 1}
            for c, a, k in zip(code[keep], answer[keep], coder[keep])])
        conn.execute(insert(CoderDocumentRow.__table__), [
            {"coder_id": k + 1, "document_id": i + 1, "origin": "merge"}
            for k in range(len(CODERS)) for i in range(ANSWERS) if not (k == 2 and skipped[i])])
    project.close()


def _build_transcripts(path: Path, rng: np.random.Generator) -> None:
    project = Project.create(path, name="Benchmark interviews")
    codes = [project.codes.create(f"code {c}").id for c in range(CODES)]
    docs = []
    for i in range(12):
        text = " ".join(rng.choice(WORDS, 9_000))[:60_000]
        docs.append(project.documents.add_transcript(f"T{i}", text, participant=f"P{i}"))
    with project.transaction() as s:
        for coder in CODERS:
            for start, d, c, n in zip(rng.integers(0, 59_000, 1_500), rng.integers(0, 12, 1_500),
                                      rng.integers(0, CODES, 1_500), rng.integers(20, 600, 1_500)):
                doc = docs[int(d)]
                project.coding.apply_in(s, doc.id, int(start), min(int(start + n), doc.length), codes[int(c)], coder)
    project.close()


def run() -> dict[str, float]:
    rng = np.random.default_rng(20240611)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        survey, interviews = Path(folder) / "survey.qualcode", Path(folder) / "interviews.qualcode"
        _build_survey(survey, rng)
        _build_transcripts(interviews, rng)
        built = time.perf_counter() - started
        with Project.open(survey) as project:
            answers = _median_time(lambda: compute_agreement(project, AgreementRequest(CODERS)))
            result = compute_agreement(project, AgreementRequest(CODERS))
            assert result.report.documents > 0.97 * ANSWERS and len(result.report.codes) == CODES
        with Project.open(interviews) as project:
            lines = _median_time(lambda: compute_agreement(project, AgreementRequest(CODERS, unit="line")))
            characters = _median_time(lambda: compute_agreement(project, AgreementRequest(CODERS,
                                                                                          unit="character")))
    return {
        "agreement_from_project_50k_answers_30_codes_3_coders_s": answers,
        "agreement_from_project_12_transcripts_30_codes_3_coders_line_s": lines,
        "agreement_from_project_12_transcripts_30_codes_3_coders_character_s": characters,
        "reliability_project_build_s": built,
    }


if __name__ == "__main__":
    print(run())
