"""Importing at the scale of big projects, through the real services, on generated files.

Figures (seconds, one run each, into a new project file on disk):

* ``survey_10k_answers_s`` — ``import_survey`` of a CSV with 5,000
  respondents × 2 open questions (10,000 answers) and 3 attribute columns.
  Target: under 10 s.
* ``transcripts_1m_words_s`` — ``import_transcripts`` of 100 interview
  transcripts of 10,000 words each (1,000,000 words, speaker turns found in
  the text).  Target: under 30 s.
* ``pseudonymise_apply_1m_words_10k_codings_s`` — replacing 60 names
  (about 20,000 occurrences) in those transcripts after 10,000 codings were
  made: text, fixed line starts, turns and segments all move, in one
  transaction.  (Finding the names with spaCy is not timed here: it runs
  at about 25,000 characters a second, some 4 minutes for a million words,
  in the background with progress and Cancel.)
* ``…_per_…`` — the same per unit, for comparing runs.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualcode.core.project import Project
from qualcode.core.surveys.importing import import_survey
from qualcode.core.transcripts.importing import import_transcripts

WORDS = ["the", "team", "work", "supervision", "really", "time", "people", "caseload", "manager", "felt", "because", "patients", "support", "just", "think", "something", "know", "pressure", "numbers", "week", "home", "family", "training", "role", "service", "waiting", "list", "meeting", "honestly", "tired", "care", "colleagues", "quite", "never", "always"]
NAMES = [f"Name{chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]  # "NameAa" … never a real word
RESPONDENTS = 5_000
TRANSCRIPTS = 100
WORDS_PER_TRANSCRIPT = 10_000


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(NAMES) if rng.random() < 0.02 else rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + rng.choice(".?.!.")


def write_survey(folder: Path, rng: random.Random) -> Path:
    path = folder / "survey.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["respondent_id", "role_group", "region", "years_in_post", "q1_retention", "q2_support"])
        for i in range(RESPONDENTS):
            answers = [" ".join(_sentence(rng, rng.randint(6, 25)) for _ in range(rng.randint(1, 4)))
                       for _ in range(2)]
            w.writerow([f"R{i:05d}", rng.choice(["practitioner", "supervisor", "manager"]),
                        rng.choice(["North", "Midlands", "South", "Wales"]), rng.randint(0, 30), *answers])
    return path


def write_transcripts(folder: Path, rng: random.Random) -> list[Path]:
    paths = []
    for t in range(TRANSCRIPTS):
        name = f"P{t:03d}"
        words, lines = 0, []
        while words < WORDS_PER_TRANSCRIPT:
            question = _sentence(rng, rng.randint(6, 15))
            answer = " ".join(_sentence(rng, rng.randint(5, 30)) for _ in range(rng.randint(3, 12)))
            lines += [f"Interviewer: {question}", "", f"{name}: {answer}", ""]
            words += len(question.split()) + len(answer.split()) + 2
        path = folder / f"{name.lower()}.txt"
        path.write_text("\n".join(_wrap(line) for line in lines), encoding="utf-8")
        paths.append(path)
    return paths


def _wrap(line: str, width: int = 78) -> str:
    """Hard-wrapped like a typed transcript."""
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return "\n".join(out)


def _pseudonymise(project: Project, rng: random.Random) -> float:
    """10,000 codings over the transcripts, then every name replaced; returns the seconds to replace."""
    from qualcode.core.transcripts.pseudonymise import MappingEntry, apply_mapping
    from qualcode.store.schema import CodingRow, SegmentRow

    code = project.codes.create("Bench code")
    docs = [(d.id, d.length) for d in project.documents.list()]
    with project.transaction() as s:  # set up in bulk: the coding service is not what is timed
        coder_id = project.coder_id_in(s)
        segments = []
        for _ in range(10_000):
            doc_id, length = rng.choice(docs)
            start = rng.randrange(0, length - 400)
            segments.append(SegmentRow(document_id=doc_id, start=start, end=start + rng.randint(20, 400)))
        s.add_all(segments)
        s.flush()
        s.add_all(CodingRow(segment_id=seg.id, code_id=code.id, coder_id=coder_id) for seg in segments)
    entries = [MappingEntry(name, f"[Colleague {i + 1}]") for i, name in enumerate(NAMES)]
    started = time.perf_counter()
    report = apply_mapping(project, entries)
    elapsed = time.perf_counter() - started
    assert report.documents == TRANSCRIPTS and report.replacements > 15_000, report.summary()
    return elapsed


def run() -> dict[str, float]:
    rng = random.Random(20240611)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="qualcode-bench-import-") as tmp:
        folder = Path(tmp)
        survey = write_survey(folder, rng)
        transcripts = write_transcripts(folder, rng)

        with Project.create(folder / "survey.qualcode") as project:
            started = time.perf_counter()
            report = import_survey(project, survey, "respondent_id", ["q1_retention", "q2_support"],
                                   ["role_group", "region", "years_in_post"])
            figures["survey_10k_answers_s"] = time.perf_counter() - started
            answers = sum(n for n, _ in report.questions.values())
            assert answers == 2 * RESPONDENTS, answers
            assert project.queries.counts()["documents"] == answers

        with Project.create(folder / "transcripts.qualcode") as project:
            started = time.perf_counter()
            report = import_transcripts(project, transcripts)
            figures["transcripts_1m_words_s"] = time.perf_counter() - started
            assert not report.refused, report.refused[:1]
            assert project.queries.counts()["documents"] == TRANSCRIPTS
            figures["pseudonymise_apply_1m_words_10k_codings_s"] = _pseudonymise(project, rng)
        figures["transcripts_per_10k_words_ms"] = figures["transcripts_1m_words_s"] / TRANSCRIPTS * 1000
        figures["survey_per_1k_answers_ms"] = figures["survey_10k_answers_s"] / 10
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:.3f}")
