"""``qualcode journal`` and ``qualcode memo``: write, search, list, delete; refusals in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.journal.entries import Journal
from qualcode.core.journal.memos import all_memos
from qualcode.core.model import CodeRole
from qualcode.core.project import Project


@pytest.fixture
def study(tmp_path: Path, transcript_project) -> Path:
    project, _doc = transcript_project
    theme = project.codes.create("Relentlessness", CodeRole.THEME)
    project.codes.create("Production line", CodeRole.EMERGENT, theme.id)
    location = Path(project.location)
    project.close()
    return location


def test_add_with_each_kind_of_link_then_list_and_search(study: Path, capsys) -> None:
    assert main(["journal", str(study), "add", "Her tiredness in the repetition",
                 "--document", "Maya interview", "--lines", "3-4"]) == 0
    assert "about Maya interview, lines 3-4" in capsys.readouterr().out
    assert main(["journal", str(study), "add", "Is this my own burnout?", "--theme", "Relentlessness",
                 "--coder", "Sam"]) == 0
    assert main(["journal", str(study), "add", "Her words, not mine", "--code", "Production line"]) == 0
    capsys.readouterr()
    assert main(["journal", str(study), "list", "--search", "BURNOUT"]) == 0
    out = capsys.readouterr().out
    assert "Is this my own burnout?" in out and "theme ‘Relentlessness’" in out and "· Sam ·" in out
    assert "tiredness" not in out and out.rstrip().endswith("1 entry")
    assert main(["journal", str(study), "list", "--json", "--theme", "Relentlessness"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["link"] == "theme" and entry["coder"] == "Sam"
    assert main(["journal", str(study), "list", "--json"]) == 0
    assert [e["link"] for e in json.loads(capsys.readouterr().out)] == ["lines", "theme", "code"]


def test_delete_removes_the_entry_and_a_missing_one_is_refused(study: Path, capsys) -> None:
    assert main(["journal", str(study), "add", "First thoughts"]) == 0
    with Project.open(study) as project:
        (entry,) = Journal(project).entries()
    assert main(["journal", str(study), "delete", str(entry.id)]) == 0
    with Project.open(study) as project:
        assert Journal(project).entries() == []
    assert main(["journal", str(study), "delete", str(entry.id)]) == 2
    assert "no journal entry" in capsys.readouterr().err


def test_a_wrong_link_is_refused_and_nothing_is_written(study: Path, capsys) -> None:
    assert main(["journal", str(study), "add", "x", "--theme", "Production line"]) == 2
    assert "use --code for it" in capsys.readouterr().err
    assert main(["journal", str(study), "add", "x", "--lines", "3-4"]) == 2
    assert main(["journal", str(study), "add", "x", "--document", "Nobody"]) == 2
    with Project.open(study) as project:
        assert Journal(project).entries() == []


def test_memo_set_rewrite_list_and_remove(study: Path, capsys) -> None:
    assert main(["memo", str(study), "set", "--theme", "Relentlessness", "Pace as a theme of its own?"]) == 0
    assert main(["memo", str(study), "set", "--theme", "Relentlessness", "Pace: keep it under workload"]) == 0
    assert main(["memo", str(study), "set", "Why this study"]) == 0
    assert main(["memo", str(study), "set", "--document", "Maya interview", "Long pauses"]) == 0
    with Project.open(study) as project:
        memos = [(m.kind, m.name, m.text) for m in all_memos(project)]
    assert memos == [("project", "test", "Why this study"),
                     ("theme", "Relentlessness", "Pace: keep it under workload"),
                     ("document", "Maya interview", "Long pauses")]
    capsys.readouterr()
    assert main(["memo", str(study), "list", "--search", "pauses", "--json"]) == 0
    assert [m["name"] for m in json.loads(capsys.readouterr().out)] == ["Maya interview"]
    assert main(["memo", str(study), "set", "--theme", "Relentlessness", ""]) == 0
    assert "removed" in capsys.readouterr().out
    with Project.open(study) as project:
        assert [m.kind for m in all_memos(project)] == ["project", "document"]
