"""Agreement at survey scale: 50,000 units × 30 codes × 3 coders must take well under 2 s.

Figures (seconds, median of three runs, random data with a fixed seed):

* ``agreement_50k_units_30_codes_3_coders_s`` — the statistics alone, from
  presence data to the full report (per code, pooled, means).
* ``agreement_answer_units_50k_answers_30_codes_3_coders_s`` — from
  codings to the report, answer units (about 860,000 codings).
* ``agreement_character_units_12_transcripts_30_codes_3_coders_s`` — from
  codings to the report, character units, 12 transcripts of 60,000
  characters with 1,500 codings per coder.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qualcode.analysis.agreement import agreement_report
from qualcode.analysis.agreement.units import (
    Coding,
    ReliabilityData,
    answer_units,
    character_units,
)

CODERS = ("A", "B", "C")
CODES = tuple(f"code {i}" for i in range(30))


def _median_time(work: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _presence(units: int, rng: np.random.Generator) -> np.ndarray:
    """Coders who mostly agree on codes of varied prevalence, with 2% missing."""
    prevalence = rng.uniform(0.01, 0.3, (len(CODES), 1, 1))
    truth = rng.random((len(CODES), units, 1)) < prevalence
    slips = rng.random((len(CODES), units, len(CODERS))) < 0.05
    x = (truth ^ slips).astype(float)
    x[:, rng.random(units) < 0.02, 2] = np.nan  # the third coder skipped some units
    return x


def _answer_codings(presence: np.ndarray) -> tuple[list[Coding], dict[str, set[int]]]:
    code, unit, coder = np.nonzero(presence == 1)
    codings = [Coding(CODERS[k], CODES[c], int(u), 0, 10) for c, u, k in zip(code, unit, coder)]
    seen = {name: set(np.flatnonzero(~np.isnan(presence[0, :, k])).tolist()) for k, name in enumerate(CODERS)}
    return codings, seen


def _transcript_codings(rng: np.random.Generator) -> tuple[list[Coding], dict[str, int]]:
    lengths = {f"T{i}": 60_000 for i in range(12)}
    codings = []
    for coder in CODERS:
        starts = rng.integers(0, 60_000, 1_500)
        for s, d, c, n in zip(starts, rng.integers(0, 12, 1_500), rng.integers(0, 30, 1_500),
                              rng.integers(20, 600, 1_500)):
            codings.append(Coding(coder, CODES[c], f"T{d}", int(s), int(s + n)))
    return codings, lengths


def run() -> dict[str, float]:
    rng = np.random.default_rng(20240611)
    presence = _presence(50_000, rng)
    data = ReliabilityData.from_array(presence, CODES, CODERS)
    codings, seen = _answer_codings(presence)
    transcripts, lengths = _transcript_codings(rng)
    everyone = {coder: set(lengths) for coder in CODERS}
    return {
        "agreement_50k_units_30_codes_3_coders_s": _median_time(lambda: agreement_report(data)),
        "agreement_answer_units_50k_answers_30_codes_3_coders_s": _median_time(
            lambda: agreement_report(answer_units(codings, seen, CODES))),
        "agreement_character_units_12_transcripts_30_codes_3_coders_s": _median_time(
            lambda: agreement_report(character_units(transcripts, everyone, lengths, CODES))),
    }


if __name__ == "__main__":
    print(run())
