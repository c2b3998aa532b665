"""Each ``qualcode`` subcommand, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INTERVIEWS = sorted((REPO / "sample_projects" / "interviews").glob("*.txt"))


def qualcode(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "qualcode", *args], capture_output=True, text=True,
                            env=env, cwd=REPO, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"qualcode {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def interviews(tmp_path: Path) -> Path:
    path = tmp_path / "p.qualcode"
    qualcode("init", str(path))
    qualcode("import", str(path), *map(str, INTERVIEWS))
    return path


def test_init_import_info_counts(interviews: Path) -> None:
    info = json.loads(qualcode("info", str(interviews), "--json").stdout)
    assert info["documents"] == 6
    assert info["participants"] == 6  # the non-interviewer speaker of each transcript
    assert (info["codes"], info["segments"], info["codings"], info["questions"]) == (0, 0, 0, 0)
    human = qualcode("info", str(interviews)).stdout
    assert "documents" in human and " 6" in human


def test_import_names_each_participant_from_the_turns(interviews: Path) -> None:
    from qualcode.core.project import Project

    with Project.open(interviews) as project:
        names = {p.pseudonym for p in project.participants.list()}
        assert names == {"Maya", "Tom", "Priya", "Gareth", "Ruth", "Daniel"}
        maya = project.documents.by_title("maya")
        turns = project.documents.turns(maya.id)
        assert turns[0].speaker == "Interviewer" and turns[0].is_interviewer
        assert any(t.speaker == "Maya" and not t.is_interviewer for t in turns)


def test_participant_option_overrides(tmp_path: Path) -> None:
    path = tmp_path / "p.qualcode"
    qualcode("init", str(path))
    qualcode("import", str(path), str(INTERVIEWS[0]), "--participant", "P1")
    from qualcode.core.project import Project

    with Project.open(path) as project:
        assert [p.pseudonym for p in project.participants.list()] == ["P1"]


def test_importing_the_same_file_twice_is_refused_with_a_reason(interviews: Path) -> None:
    result = qualcode("import", str(interviews), str(INTERVIEWS[0]), check=False)
    assert result.returncode == 2
    assert f"{INTERVIEWS[0].name}: already imported" in result.stderr
    assert json.loads(qualcode("info", str(interviews), "--json").stdout)["documents"] == 6


def test_a_batch_keeps_the_good_files(tmp_path: Path) -> None:
    path = tmp_path / "p.qualcode"
    qualcode("init", str(path))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = qualcode("import", str(path), str(INTERVIEWS[1]), str(empty), check=False)
    assert result.returncode == 2
    assert "empty.txt" in result.stderr
    assert json.loads(qualcode("info", str(path), "--json").stdout)["documents"] == 1


def test_export_codebook_round_trips(tmp_path: Path, interviews: Path) -> None:
    from qualcode.core.project import Project

    with Project.open(interviews) as project:
        theme = project.codes.create("Running on empty", "theme", description="Exhaustion and what it costs")
        project.codes.create("Carrying it home", "subtheme", parent_id=theme.id, inclusion="work in the evenings")
    out = tmp_path / "codebook.json"
    qualcode("export", str(interviews), "codebook", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "qualcode-codebook"
    (root,) = data["codes"]
    assert root["name"] == "Running on empty" and root["role"] == "theme"
    assert root["children"][0]["inclusion"] == "work in the evenings"
    other = tmp_path / "other.qualcode"
    qualcode("init", str(other))
    assert "2 codes added" in qualcode("import", str(other), str(out), "--codebook").stdout


def test_errors_are_one_line_with_the_file(tmp_path: Path) -> None:
    result = qualcode("info", str(tmp_path / "nope.qualcode"), check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "nope.qualcode" in result.stderr
    path = tmp_path / "p.qualcode"
    qualcode("init", str(path))
    again = qualcode("init", str(path), check=False)
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.gui
def test_gui_screenshot_renders_the_window(interviews: Path, tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    qualcode("gui", str(interviews), "--screenshot", str(shot), "--size", "1200x800")
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1200, 800)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # real content, not a blank window


def test_python_dash_m_and_version() -> None:
    assert qualcode("--version").stdout.startswith("qualcode ")
