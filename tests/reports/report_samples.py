"""The sample projects with their reference analysis, built once per test run.

``build_samples.py`` builds each project through qualcode's own services
(a few seconds each), so the builds are cached for the whole test process
and every test gets its own copy of the file.  The export tests in
``tests/io`` load this module by path, under the same name, so both folders share
one cache.
"""

from __future__ import annotations

import atexit
import csv
import importlib.util
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_projects"
MASTER_CSV = SAMPLES / "interviews" / "reference" / "master_table.csv"
SURVEY = SAMPLES / "survey"
_built: dict[str, Path] = {}
_dir: Path | None = None


def _builder():
    name = "qualcode_build_samples"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SAMPLES / "build_samples.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _cache() -> Path:
    global _dir
    if _dir is None:
        _dir = Path(tempfile.mkdtemp(prefix="qualcode-samples-"))
        atexit.register(shutil.rmtree, _dir, True)
    return _dir


def sample(kind: str, target: Path) -> Path:
    """A fresh copy of sample project ``kind`` at ``target``.

    ``interviews`` (full reference analysis), ``survey`` (codebook and
    reference coding), ``survey-uncoded`` (answers and codebook only).
    """
    if kind not in _built:
        path = _cache() / f"{kind}.qualcode"
        b = _builder()
        if kind == "interviews":
            project = b.build_interviews(path, "full")
        else:
            project = b.build_survey(path, coding=kind == "survey")
        project.close()
        _built[kind] = path
    shutil.copyfile(_built[kind], target)
    return target


def sample_fixture(kind: str):
    """A fixture that opens a fresh copy of the ``kind`` sample project for each test."""
    import pytest

    @pytest.fixture
    def opened(tmp_path: Path):
        from qualcode.core.project import Project

        project = Project.open(sample(kind, tmp_path / f"{kind}.qualcode"))
        yield project
        project.close()

    return opened


def reference_master() -> list[dict[str, str]]:
    with MASTER_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def reference_coding(question: str = "q1_retention") -> tuple[list[str], list[dict[str, str]]]:
    """The reference code sheet: its code columns and its rows."""
    with (SURVEY / f"reference_coding_{question}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return [c for c in reader.fieldnames if c != "respondent_id"], rows


def responses() -> dict[str, dict[str, str]]:
    with (SURVEY / "responses.csv").open(encoding="utf-8", newline="") as f:
        return {r["respondent_id"]: r for r in csv.DictReader(f)}


# The sample survey's non-answers, read off responses.csv by eye: q1 R076 "?", R134 "-", R193 "n/a";
# q2 R024 "?", R236 "n/a", R297 "n/a", R287 "Nothing to add".  They are not answers, so no base counts them.
NON_ANSWERS = {"?", "-", "n/a", "nothing to add"}


def hand_count(by: str | None, keep: Callable[[dict], bool] = lambda r: True,
               question: str = "q1_retention",
               count_non_answers: bool = False) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Prevalence by hand from the reference sheet and responses.csv, never through qualcode.

    Returns (bases, counts): bases[group] = respondents in the sheet (those who
    answered) less those whose answer is a non-answer ("?", "-", "n/a"),
    counts[(theme or Theme/Code path, group)] = respondents coded.
    """
    codes, rows = reference_coding(question)
    people = responses()
    bases: dict[str, int] = defaultdict(int)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        person = people[row["respondent_id"]]
        if not keep(person):
            continue
        if not count_non_answers and person[question].strip().casefold() in NON_ANSWERS:
            continue
        group = person[by] if by else "All"
        bases[group] += 1
        themes = set()
        for code in codes:
            if row[code] == "1":
                counts[(code, group)] += 1
                themes.add(code.split("/")[0])
        for theme in themes:
            counts[(theme, group)] += 1
    return bases, counts


def squash(text: str) -> str:
    """Whitespace-insensitive form of a quote, as the reference CSV stores it."""
    return " ".join(text.split())
