"""Fixtures for driving the workbench: a window on a project, a small survey.

Every test gets its own settings folder (the root conftest points
``QUALCODE_SETTINGS_DIR`` at a temporary folder), so nothing touches the
developer's own settings.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def settings():
    from qualcode.gui.settings import GuiSettings

    s = GuiSettings()
    s.coder_name = "Ann"
    return s


@pytest.fixture
def codes(transcript_project):
    """Two themes with codes, ready to apply to Maya's transcript."""
    from qualcode.core.model import CodeRole

    project, _doc = transcript_project
    svc = project.codes
    work = svc.create("Working on the production line", CodeRole.THEME)
    numbers = svc.create("Numbers before people", CodeRole.SUBTHEME, work.id)
    production = svc.create("Production line", CodeRole.CODE, numbers.id)
    relentless = svc.create("Relentless pace", CodeRole.CODE, work.id)
    held = svc.create("Being held", CodeRole.THEME)
    supervision = svc.create("Supervision", CodeRole.CODE, held.id)
    return {"work": work.id, "numbers": numbers.id, "production": production.id,
            "relentless": relentless.id, "held": held.id, "supervision": supervision.id}


@pytest.fixture
def window(qtbot, transcript_project, codes, settings):
    """The main window on Maya's transcript, shown (offscreen) and ready to code."""
    from qualcode.gui.main_window import MainWindow

    project, doc = transcript_project
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    win.open_document(doc.id)
    win.segment_browser.pool = _immediate_pool()
    yield win
    if win.session is not None:
        win.close_project()


def _immediate_pool():
    from qualcode.gui.workers import ImmediatePool

    return ImmediatePool()


@pytest.fixture
def survey(project):
    """A question with 12 answers from respondents with attributes, and four codes."""
    from gui_builders import add_answers, add_question

    from qualcode.core.model import CodeRole

    qid = add_question(project, "q1_retention", "What would improve staff retention?")
    texts = ["More staff, honestly.", "Pay us properly for the extra hours.", "Supervision that is protected.",
             "Less paperwork!", "Flexible shifts and better pay.", "Being listened to by managers.",
             "Nothing, I'm leaving.", "Career progression for band 5s.", "Smaller caseloads.",
             "Recognition now and then.", "Proper breaks.", "Training budgets back."]
    ids = add_answers(project, qid, [(f"R{i + 1:03d}", t, {"role_group": "practitioner" if i % 3 else "supervisor",
                                                           "region": ("North", "South")[i % 2],
                                                           "years_in_post": i + 1})
                                     for i, t in enumerate(texts)])
    theme = project.codes.create("Workload", CodeRole.THEME)
    code_ids = [project.codes.create(n, CodeRole.CODE, theme.id).id
                for n in ("Staffing", "Pay", "Supervision", "Paperwork")]
    return project, qid, ids, code_ids


@pytest.fixture
def survey_window(qtbot, survey, settings):
    from qualcode.gui.main_window import MainWindow

    project, qid, _ids, _codes = survey
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    win.open_question(qid)
    yield win
    if win.session is not None:
        win.close_project()
