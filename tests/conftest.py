"""Test set-up shared by the whole suite.

Qt must never look for a display: ``QT_QPA_PLATFORM=offscreen`` is set
before anything imports Qt.  Settings go to a temporary folder, never the
developer's own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_projects"


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own settings folder (XDG and Qt both honour these)."""
    home = tmp_path_factory.mktemp("settings")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("QUALCODE_SETTINGS_DIR", str(home / "qualcode"))


@pytest.fixture
def project(tmp_path: Path):
    """A new, empty project in a temporary file."""
    from qualcode.core.project import Project

    p = Project.create(tmp_path / "test.qualcode")
    p.set_coder("Ann")
    yield p
    p.close()


@pytest.fixture
def transcript_project(project):
    """A project with one short transcript by Maya (interviewer turns marked)."""
    from qualcode.core.transcripts.documents import TurnSpec

    text = ("Interviewer: How has work been lately?\n\n"
            "Maya: Honestly? It feels like a production line. You see one person,\n"
            "you write it up, the next one is already in the waiting room.\n"
            "I’m not sure I’m any good at this any more — it’s relentless.\n\n"
            "Interviewer: What helps?\n\n"
            "Maya: Supervision with Helen. She holds it all for me.\n")
    turns = []
    for label in ("Interviewer: How", "Maya: Honestly", "Interviewer: What", "Maya: Supervision"):
        start = text.index(label)
        end = text.find("\n\n", start)
        end = len(text) - 1 if end == -1 else end
        speaker = label.split(":")[0]
        turns.append(TurnSpec(start, end, speaker, speaker == "Interviewer"))
    doc = project.documents.add_transcript("Maya interview", text, turns, participant="Maya",
                                           source_name="maya.txt", source_hash="h-maya")
    return project, doc


def pytest_report_header(config: pytest.Config) -> str:
    return f"qualcode tests · QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')} · python {sys.version.split()[0]}"
