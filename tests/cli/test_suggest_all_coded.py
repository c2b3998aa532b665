"""Every answer coded: ``qualcode suggest --codes-for answers`` says so at once, before any embedding."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.errors import QualcodeError
from qualcode.core.project import Project
from qualcode.core.surveys.least_sure import least_sure_order
from qualcode.core.themes import suggestions as sg


@pytest.fixture
def all_coded(tmp_path: Path) -> Path:
    from qualcode.core.surveys.importing import import_survey

    answers = tmp_path / "answers.csv"
    answers.write_text("id,FFT answer\nR1,Kind crew\nR2,Late again\nR3,Nothing.\n", encoding="utf-8")
    path = tmp_path / "p.qualcode"
    project = Project.create(path)
    project.set_coder("Ann")
    import_survey(project, answers, "id", ["FFT answer"])
    code = project.codes.create("Staff")
    for doc, _n in [(d, 0) for d in project.documents.list()]:
        project.coding.apply(doc.id, 0, doc.length, code.id)
    project.close()
    return path


def _no_embedding(*_args, **_kwargs):
    raise AssertionError("nothing to suggest: the answers should not be embedded")


def test_cli_says_nothing_to_suggest_and_exits_0(all_coded: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sg, "embed", _no_embedding)
    assert main(["suggest", str(all_coded), "--codes-for", "answers", "--question", "FFT answer"]) == 0
    assert capsys.readouterr().out.strip() == "every answer to ‘FFT answer’ is coded; nothing to suggest"
    assert main(["suggest", str(all_coded), "--codes-for", "answers", "--order", "least-sure"]) == 0
    assert "nothing to suggest" in capsys.readouterr().out


def test_least_sure_order_says_nothing_to_suggest(all_coded: Path, monkeypatch) -> None:
    monkeypatch.setattr(sg, "embed", _no_embedding)
    project = Project.open(all_coded)
    try:
        with pytest.raises(QualcodeError, match="^every answer to ‘FFT answer’ is coded; nothing to suggest$"):
            least_sure_order(project, "FFT answer", backend="tfidf")
    finally:
        project.close()
