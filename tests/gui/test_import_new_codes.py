"""A code sheet whose columns match no code: the GUI asks before adding them (issue #12 item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.core.import_plans import CodeSheetPlan
from qualcode.gui.importing import controller as controller_module
from qualcode.gui.importing import import_controller
from qualcode.gui.workers import ImmediatePool

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, project, settings, tmp_path: Path):
    from qualcode.core.surveys.importing import import_survey
    from qualcode.gui.main_window import MainWindow

    answers = tmp_path / "answers.csv"
    answers.write_text("id,q1\nR1,More pay\nR2,Less admin\n", encoding="utf-8")
    import_survey(project, answers, "id", ["q1"])
    project.codes.create("Pay")
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    import_controller(win).pool = ImmediatePool()
    yield win
    if win.session is not None:
        win.close_project()


@pytest.mark.parametrize("yes", [True, False])
def test_the_researcher_is_asked_before_new_codes_are_made(qtbot, window, tmp_path: Path, monkeypatch, yes) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,Pay,Admn\nR1,1,0\nR2,0,1\n", encoding="utf-8")  # "Admn": no such code
    asked: list[str] = []

    def confirm(parent, refused):
        asked.extend(r.message for r in refused)
        return yes

    monkeypatch.setattr(controller_module, "ask_survey_mapping",
                        lambda parent, project, path: (CodeSheetPlan(str(path), "id", "Sam", "q1"), ""))
    monkeypatch.setattr(controller_module, "confirm_new_codes", confirm)
    controller = import_controller(window)
    with qtbot.waitSignal(controller.importFinished) as finished:
        controller.import_paths([sheet])
    assert len(asked) == 1 and "‘Admn’" in asked[0]
    (result,) = finished.args[0]
    project = window.session.project
    names = sorted(c.name for c in project.codes.list())
    if yes:  # imported again with new codes: Pay on R1, the new code Admn on R2
        assert result.imported and names == ["Admn", "Pay"]
    else:  # refused, nothing kept
        assert not result.imported and names == ["Pay"]
