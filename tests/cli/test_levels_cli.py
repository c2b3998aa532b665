"""``qualcode suggest --items statements|personal-themes``, ``accept`` and ``info --json`` on the sample interviews."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.project import Project
from qualcode.core.themes import levels

PARTICIPANTS = ("Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom")
_built: list[Path] = []


def _builder():
    name = "qualcode_build_samples"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[2] / "sample_projects" / "build_samples.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def study(tmp_path: Path) -> Path:
    """The sample interviews with each participant's experiential statements, not yet grouped."""
    if not _built:
        path = tmp_path.parent / "levels-cli-emergent.qualcode"
        _builder().build_interviews(path, "emergent").close()
        _built.append(path)
    target = tmp_path / "study.qualcode"
    shutil.copyfile(_built[0], target)
    return target


def _info(study: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["info", str(study), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_statements_then_personal_themes_from_the_command_line(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _info(study, capsys)
    assert {"documents", "codes", "codings", "participants"} <= set(first)  # the keys from before stay
    assert first["experiential_statements"] > 0
    assert first["personal_experiential_themes"] == first["group_experiential_themes"] == 0
    for who in PARTICIPANTS:
        out = tmp_path / f"{who}.json"
        assert main(["suggest", str(study), "--items", "statements", "--participant", who,
                     "--backend", "tfidf", "-o", str(out)]) == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["mode"] == "statements" and data["scope"] == {"participant": who}
        assert {i["participant"] for c in data["clusters"] for i in c["items"]} == {who}  # idiographic
        assert main(["accept", str(study), str(out)]) == 0
        assert "statements placed" in capsys.readouterr().out
    pets = _info(study, capsys)
    assert pets["personal_experiential_themes"] > 0 and pets["codings"] == first["codings"]
    assert pets["experiential_statements"] == first["experiential_statements"]
    with Project.open(study) as project:
        per_participant = {who: [p.id for p in levels.personal_themes(project, who)] for who in PARTICIPANTS}
    assert all(per_participant.values())

    out = tmp_path / "group.json"
    assert main(["suggest", str(study), "--items", "personal-themes", "--backend", "tfidf", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mode"] == "personal-themes" and "recurrence" in data
    assert main(["accept", str(study), str(out)]) == 0
    accepted = capsys.readouterr().out
    group = _info(study, capsys)
    # The summary counts PETs, each once, in the project's words (it once counted each PET twice).
    assert f" {group['personal_themes_in_group_themes']} personal experiential themes linked" in accepted
    assert group["group_experiential_themes"] > 0 and group["personal_themes_in_group_themes"] > 0
    assert group["personal_experiential_themes"] == pets["personal_experiential_themes"]
    with Project.open(study) as project:  # every PET still belongs to its participant, none moved
        assert {who: [p.id for p in levels.personal_themes(project, who)] for who in PARTICIPANTS} == per_participant
        assert levels.level_report(project) == []


def test_statements_need_a_participant(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(study), "--items", "statements", "--backend", "tfidf"]) == 2
    assert capsys.readouterr().err.splitlines() == ["qualcode: --participant is needed with --items statements"]


def test_the_terms_are_shown_and_chosen_per_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.qualcode"
    Project.create(path).close()
    assert main(["terms", str(path), "--json"]) == 0
    words = json.loads(capsys.readouterr().out)
    assert words["edition"] == "2022" and words["group_themes"] == "group experiential themes"
    assert main(["terms", str(path), "--use", "2009"]) == 0
    assert capsys.readouterr().out.strip() == (
        "IPA terms of 2009: emergent themes → superordinate themes (participant) → superordinate themes")
    assert main(["terms", str(path), "--use", "1999"]) == 2
    assert "choose 2022 or 2009" in capsys.readouterr().err
