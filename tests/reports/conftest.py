"""Sample projects for the report tests (built once per run, copied per test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_samples import sample


@pytest.fixture
def interviews(tmp_path: Path):
    from qualcode.core.project import Project

    project = Project.open(sample("interviews", tmp_path / "interviews.qualcode"))
    yield project
    project.close()


@pytest.fixture
def survey(tmp_path: Path):
    from qualcode.core.project import Project

    project = Project.open(sample("survey", tmp_path / "survey.qualcode"))
    yield project
    project.close()
