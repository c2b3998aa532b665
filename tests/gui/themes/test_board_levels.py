"""The theme board at each IPA level: one participant's statements → their PETs; every PET → GETs."""

from __future__ import annotations

from sqlalchemy import select

from qualcode.core.coding.undo import UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.themes import levels, terms
from qualcode.gui.menus.analysis_menu import open_suggest_themes
from qualcode.gui.workers import ImmediatePool
from qualcode.store.schema import CodeRow, ThemeLinkRow


def _state(project) -> tuple[list, list]:
    with project.read() as s:
        codes = sorted((r.id, r.name, r.role, r.parent_id, r.participant_id) for r in s.scalars(select(CodeRow)))
        links = sorted((r.group_id, r.personal_id) for r in s.scalars(select(ThemeLinkRow)))
    return codes, links


def _suggest(win, scope: str, name: str | None = None, count: int = 2):
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    dialog.set_scope(scope, name)
    dialog.backend.setCurrentIndex(dialog.backend.findData("tfidf"))
    dialog.auto_count.setChecked(False)
    dialog.count.setValue(count)
    dialog.start()
    return dialog


def _tom_has_pets(two_levels):
    def build(project) -> None:
        statements = two_levels.statements_only(project)
        two_levels.personal_themes(project, statements, UndoStack(project), "Tom")
    return build


def test_personal_level_shows_one_participant_and_others_only_when_ticked(ipa_window, two_levels, qtbot) -> None:
    win = ipa_window(_tom_has_pets(two_levels))
    project = win.session.project
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    personal = next(b for b in dialog.scope.buttons() if b.objectName() == "participant")
    assert personal.isChecked() and personal.text() == "Personal experiential themes for"
    assert dialog.participant.currentText() == "Lee"  # the first with statements still to group (Tom is done)
    dialog.reject()

    _suggest(win, "participant", "Maya")
    board = win.theme_board
    assert board.windowTitle() == "Theme board — Personal experiential themes for Maya"
    assert board.model.participants() == ["Maya"] and board.recurrence is None
    assert {board.model.item(u).id for u in board.model.cards()} == {
        "Targets over people", "Judged on the figures", "Supervision holds me", "Someone in my corner"}
    assert board.others is None  # idiographic: only Maya's material until asked
    board.show_others.setChecked(True)
    assert board.others is not None and board.others.participants() == ["Tom"]
    board.show_others.setChecked(False)
    assert board.others is None

    before = _state(project)
    tom = {p.id for p in levels.personal_themes(project, "Tom")}
    assert board.apply()
    pets = levels.personal_themes(project, "Maya")
    assert pets and all(p.role == CodeRole.PERSONAL for p in pets)
    placed = {s.name for p in pets for s in levels.statements_under(project, p.id)}
    assert placed == {"Targets over people", "Judged on the figures", "Supervision holds me", "Someone in my corner"}
    assert {p.id for p in levels.personal_themes(project, "Tom")} == tom  # Tom's table untouched
    assert not any("empty" in line for line in levels.level_report(project))
    win.session.undo_last()
    assert _state(project) == before


def test_personal_level_speaks_the_projects_edition(ipa_window, two_levels) -> None:
    win = ipa_window(lambda p: (two_levels.statements_only(p), terms.set_edition(p, "2009")))
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    texts = [b.text() for b in dialog.scope.buttons()]
    assert "Superordinate themes (participant) for" in texts
    assert any(t.startswith("Superordinate themes, from every participant’s") for t in texts)


def _everyone_has_pets(two_levels):
    def build(project) -> None:
        statements = two_levels.statements_only(project)
        undo = UndoStack(project)
        for who in ("Maya", "Tom", "Lee"):
            two_levels.personal_themes(project, statements, undo, who)
    return build


def test_group_level_shows_recurrence_and_accepting_links_without_moving(ipa_window, two_levels, qtbot) -> None:
    win = ipa_window(_everyone_has_pets(two_levels))
    project = win.session.project
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    assert dialog.scope.checkedButton().objectName() == "personal-themes"  # no statements wait any more
    dialog.reject()
    _suggest(win, "personal-themes")
    board = win.theme_board
    board.resize(1280, 700)
    board.show()
    qtbot.waitExposed(board)
    assert board.windowTitle() == "Theme board — Group experiential themes"
    n = len([t for t in board.model.themes() if not t.rejected])
    assert f"{n} group experiential theme{'s' * (n != 1)}," in board.summary.text()  # "1 … theme", never "1 … themes"
    table = board.recurrence
    assert table is not None and table.isVisible()
    assert "group experiential themes" in table.caption.text()
    headers = [table.table.horizontalHeaderItem(c).text() for c in range(table.table.columnCount())]
    assert headers == ["Group experiential themes / sub-theme", "Lee", "Maya", "Tom", "Count"]
    # A sub-theme holding one PET only: present for one participant of three — flagged on the board.
    model = board.model
    sub = next(s for s in model.all_subthemes() if len(s.cards) >= 2)
    model.split(sub.key, [sub.cards[0].uid])
    lonely = next(s for s in model.all_subthemes() if len(s.cards) == 1)
    assert lonely.label in table.flagged()
    row = next(r for r in range(table.table.rowCount()) if table.table.item(r, 0).text().strip() == lonely.label)
    assert table.table.item(row, 0).background().color().name() == "#fbe3e1"

    on_board = {card["code_id"] for s in model.all_subthemes() for card in s.cards}
    before = _state(project)
    assert board.apply()
    codes, _links = _state(project)
    assert [c for c in codes if c[0] in {b[0] for b in before[0]}] == before[0]  # no PET or statement moved
    assert {pet for pets in levels.links(project).values() for pet in pets} == on_board
    assert levels.group_themes(project)
    assert not any("empty" in line for line in levels.level_report(project))
    win.session.undo_last()
    assert _state(project) == before
