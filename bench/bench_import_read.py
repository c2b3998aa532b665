"""Reading import files at study scale, with the same readers the app uses.

Figures (seconds, median of three runs, files generated with a fixed seed
in a temporary folder):

* ``read_csv_10k_answers_s`` — ``read_table`` + ``survey_answers`` on a
  10,000-respondent CSV (one open question, three attributes).
* ``read_xlsx_10k_answers_s`` — the same table saved as .xlsx.
* ``read_txt_1m_words_s`` — ``read_transcript`` on 100 .txt interviews of
  10,000 words each (1,000,000 words), speaker turns included.
* ``read_txt_words_per_s`` — the throughput of the line above.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualcode.io.registry import read_transcript
from qualcode.io.survey_table import read_table, survey_answers

WORDS = ["the", "ward", "was", "busy", "and", "I", "felt", "that", "nobody", "really", "listened", "to", "what", "we", "said", "about", "the", "rota", "so", "I", "started", "to", "think", "about", "leaving", "café", "night", "shift", "team", "manager", "pay", "training", "time"]
QUESTION = "What would improve retention?"


def _median_time(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def _write_survey(folder: Path, rng: random.Random) -> tuple[Path, Path]:
    header = ["Respondent", "Role", "Region", "Years", QUESTION]
    rows = [[f"R{i:05d}", rng.choice(("Nurse", "Doctor", "Porter")), rng.choice(("North", "South")),
             str(rng.randint(0, 40)), _sentence(rng, 5, 60)] for i in range(10_000)]
    csv_path = folder / "survey.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header] + rows)
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    for row in [header] + rows:
        sheet.append(row)
    xlsx_path = folder / "survey.xlsx"
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def _write_transcripts(folder: Path, rng: random.Random, files: int = 100, words: int = 10_000) -> list[Path]:
    paths = []
    for n in range(files):
        lines, count = [], 0
        while count < words:
            question = _sentence(rng, 6, 15)
            answer = _sentence(rng, 40, 160)
            lines += [f"Interviewer: {question}", f"P{n}: {answer}", ""]
            count += question.count(" ") + answer.count(" ") + 4
        path = folder / f"interview_{n:03d}.txt"
        path.write_text("\r\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def run() -> dict[str, float]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, xlsx_path = _write_survey(folder, rng)
        transcripts = _write_transcripts(folder, rng)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in transcripts)

        def survey(path: Path) -> None:
            table = read_table(path)
            answers = survey_answers(table, "Respondent", [QUESTION], ["Role", "Region", "Years"])
            assert len(answers.questions[0].answers) == 10_000

        def interviews() -> None:
            for path in transcripts:
                assert read_transcript(path).turns

        txt_s = _median_time(interviews)
        return {
            "read_csv_10k_answers_s": round(_median_time(lambda: survey(csv_path)), 4),
            "read_xlsx_10k_answers_s": round(_median_time(lambda: survey(xlsx_path)), 4),
            "read_txt_1m_words_s": round(txt_s, 4),
            "read_txt_words_per_s": round(words / txt_s),
        }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
