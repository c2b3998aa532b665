"""The theme board: suggest, edit (move, rename, split, reject), accept as one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from qualcode.core.model import CodeRole
from qualcode.gui.menus.analysis_menu import open_suggest_themes
from qualcode.gui.models.code_tree_model import CODE_ID_ROLE
from qualcode.gui.workers import ImmediatePool

EMERGENT = [
    ("Maya", "Feeling like a number", "They only care about the scores and the targets on the spreadsheet."),
    ("Maya", "Targets over people", "The targets matter more than the people sitting in front of me."),
    ("Maya", "Supervision holds me", "My supervisor listens and I feel held, supported, looked after."),
    ("Tom", "Counting not caring", "Every week the manager sends the numbers and the target spreadsheet."),
    ("Tom", "A supervisor who listens", "Supervision is where someone listens and supports me properly."),
    ("Tom", "Held by supervision", "I feel supported and held when my supervisor makes time to listen."),
    ("Maya", "Judged on the figures", "My performance review was all about hitting the target figures."),
    ("Maya", "Someone in my corner", "In supervision I am listened to and someone is on my side."),
    ("Tom", "The league table", "We are ranked on a league table of targets and numbers every month."),
    ("Lee", "Scores on the wall", "The targets and numbers go up on the wall every week for everyone to see."),
    ("Lee", "My supervisor has my back", "My supervisor listens and supports me when it gets too much."),
]


@pytest.fixture
def emergent_window(qtbot, project, settings):
    from qualcode.gui.main_window import MainWindow

    for who in ("Maya", "Tom", "Lee"):
        rows = [r for r in EMERGENT if r[0] == who]
        text = "\n\n".join(f"{who}: {quote}" for _, _, quote in rows) + "\n"
        doc = project.documents.add_transcript(who.lower(), text, participant=who)
        for _, label, quote in rows:
            start = text.index(quote)
            code = project.codes.create(label, CodeRole.EMERGENT)
            project.coding.apply(doc.id, start, start + len(quote), code.id)
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.session is not None:
        win.close_project()


def _suggest(win, scope: str = "emergent", name: str | None = None, count: int | None = 2, pool=None):
    dialog = open_suggest_themes(win, pool=pool or ImmediatePool())
    dialog.set_scope(scope, name)
    dialog.backend.setCurrentIndex(dialog.backend.findData("tfidf"))
    dialog.auto_count.setChecked(count is None)
    if count is not None:
        dialog.count.setValue(count)
    dialog.start()
    return dialog


def _sub_of(model, label: str) -> dict:
    return next(s for s in model.all_subthemes() if any(i["id"] == label for i in s["items"]))


def _uid(model, label: str) -> int:
    return next(u for u in model.cards() if model.item(u)["id"] == label)


def _tree(win) -> dict[str, str | None]:
    """Code tree as shown: name → parent name."""
    model = win.code_panel.model
    out: dict[str, str | None] = {}

    def walk(parent: QModelIndex, parent_name: str | None) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            name = win.session.code(index.data(CODE_ID_ROLE)).name
            out[name] = parent_name
            walk(index, name)

    walk(QModelIndex(), None)
    return out


def _parents(project) -> dict[str, str | None]:
    codes = {c.id: c for c in project.codes.list()}
    return {c.name: codes[c.parent_id].name if c.parent_id else None for c in codes.values()}


def test_suggest_edit_accept_and_undo(emergent_window, qtbot) -> None:
    win = emergent_window
    project = win.session.project
    before = _parents(project)
    _suggest(win, count=2)
    board = win.theme_board
    model = board.model
    assert model.cross_case and board.recurrence is not None
    assert _parents(project) == before  # nothing changes before Accept

    # The tf-idf grouping puts the supervision themes together; move one card into the other sub-theme.
    numbers, holding = _sub_of(model, "Targets over people"), _sub_of(model, "Supervision holds me")
    assert numbers["key"] != holding["key"]
    board.board.move_cards([_uid(model, "Someone in my corner")], numbers["key"])
    assert _sub_of(model, "Someone in my corner")["key"] == numbers["key"]
    qtbot.waitUntil(lambda: not board.board.pending)
    box = board.board.box(numbers["key"])
    assert any("Someone in my corner" in box.cards.item(i).text() for i in range(box.cards.count()))

    # Rename the sub-theme in place, and its theme; the sub-theme follows its renamed theme.
    box.title.rename("Numbers before people")
    theme_key = numbers["parent_key"]
    qtbot.waitUntil(lambda: not board.board.pending)
    column = next(c for c in board.board.columns if c.objectName() == f"theme-{theme_key}")
    column.title.rename("Working on the production line")
    assert model.cluster(numbers["key"])["parent"] == "Working on the production line"

    # Split one card off into its own sub-theme, then reject it: skipped on accept.
    board.board.split(numbers["key"], [_uid(model, "The league table")])
    split_key = _sub_of(model, "The league table")["key"]
    assert split_key != numbers["key"]
    model.set_rejected(split_key, True)

    assert board.apply()
    tree = _tree(win)
    parents = _parents(project)
    assert parents["Numbers before people"] == "Working on the production line"
    assert parents["Targets over people"] == parents["Someone in my corner"] == "Numbers before people"
    assert parents["Supervision holds me"] == holding["label"]
    assert parents["The league table"] is None  # its sub-theme was rejected
    assert tree["Someone in my corner"] == "Numbers before people"
    assert tree["Numbers before people"] == "Working on the production line"
    assert win.actions.undo.text().replace("&", "") == "Undo Accept suggested themes"

    win.session.undo_last()
    assert _parents(project) == before
    assert "Numbers before people" not in _tree(win)


def test_cancel_during_suggestion_leaves_the_project_unchanged(emergent_window) -> None:
    class CancellingPool:
        def start(self, worker) -> None:
            worker.cancel()  # the researcher pressed Stop before the first batch
            worker.run()

    win = emergent_window
    before = _parents(win.session.project)
    dialog = _suggest(win, pool=CancellingPool())
    assert getattr(win, "theme_board", None) is None
    assert "Stopped" in dialog.status.text() and dialog.worker is None
    assert dialog.suggest_button.isEnabled()
    assert _parents(win.session.project) == before


def test_recurrence_flags_follow_moves(emergent_window, qtbot) -> None:
    win = emergent_window
    _suggest(win, count=2)
    board = win.theme_board
    model, table = board.model, board.recurrence
    assert model.participants() == ["Lee", "Maya", "Tom"]
    # A sub-theme of one of Maya's cards: present for one participant in three — flagged.
    key = _sub_of(model, "Targets over people")["key"]
    board.board.split(key, [_uid(model, "Targets over people")])
    lonely = _sub_of(model, "Targets over people")
    assert lonely["label"] in table.flagged()
    row = next(r for r in range(table.table.rowCount()) if table.table.item(r, 0).text().strip() == lonely["label"])
    assert table.table.item(row, 0).background().color().name() == "#fbe3e1"
    # Tom's and Lee's cards join it: three of three, no longer flagged.
    board.board.move_cards([_uid(model, "The league table"), _uid(model, "Scores on the wall")], lonely["key"])
    assert lonely["label"] not in table.flagged()
    row = next(r for r in model.recurrence()["themes"] if r["key"] == lonely["key"])
    assert row["count"] == 3 and row["participants"] == ["Lee", "Maya", "Tom"]


def test_one_participant_then_hover_and_map(emergent_window) -> None:
    win = emergent_window
    _suggest(win, "participant", "Maya", count=2)
    board = win.theme_board
    model = board.model
    assert not model.cross_case and board.recurrence is None
    assert model.participants() == ["Maya"]
    uid = _uid(model, "Targets over people")
    box = board.board.box(model.group_of(uid)["key"])
    card = next(box.cards.item(i) for i in range(box.cards.count()) if box.cards.item(i).text() == "Targets over people")
    assert "Nearest in" in card.toolTip()  # why it is there: its neighbours, with cosine
    assert set(board.map.dots) == set(model.cards())
    assert "Targets over people" in board.map.dots[uid].toolTip()


def test_unavailable_backends_are_shown_disabled(emergent_window) -> None:
    from qualcode.analysis.embeddings.registry import available_backends

    names = [a.text() for a in emergent_window.menu("Analysis").actions()]
    assert "Suggest themes…" in names and "Suggest codes for the selection…" in names
    dialog = open_suggest_themes(emergent_window, pool=ImmediatePool())
    items = dialog.backend.model()
    assert dialog.backend.currentData() == "auto"  # the full model, or the fast tier for large sets
    for row, info in enumerate(available_backends(), start=1):
        assert items.item(row).isEnabled() == info.available
        if not info.available:
            assert info.reason in dialog.backend.itemText(row)
    assert "weaker" in dialog.backend.itemText(dialog.backend.findData("tfidf"))


def test_answers_become_codes_under_named_themes(survey_window) -> None:
    win = survey_window
    project = win.session.project
    before = sum(project.queries.codings_per_document().values())
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    dialog.set_scope("question", "q1_retention")
    dialog.backend.setCurrentIndex(dialog.backend.findData("tfidf"))
    dialog.auto_count.setChecked(False)
    dialog.count.setValue(3)
    dialog.start()
    board = win.theme_board
    model = board.model
    cards = [model.item(u) for u in model.cards()]
    assert all(c["citation"].startswith("(R") for c in cards)
    assert not any(t["label"].startswith("R0") for t in model.themes())  # named from the words, not respondent ids
    first = model.all_subthemes()[0]
    assert board.apply()
    codes = {c.name: c for c in project.codes.list()}
    assert codes[first["label"]].role == CodeRole.CODE
    coded = sum(len(s["items"]) for s in model.all_subthemes())
    assert sum(project.queries.codings_per_document().values()) == before + coded  # one coding per answer
    win.session.undo_last()
    assert first["label"] not in {c.name for c in project.codes.list()}
    assert sum(project.queries.codings_per_document().values()) == before


def test_the_qt_model_signals_every_board_edit(qtbot) -> None:
    # The board's own tests (moves, merges, rejections, recurrence) are Qt-free: tests/core/themes/test_board.py.
    from qualcode.core.themes.board import ThemeBoard
    from qualcode.gui.themes.board.signals import ThemeBoardModel

    board = ThemeBoard({"mode": "emergent", "clusters": [
        {"key": "T1", "label": "Numbers", "parent": None, "parent_key": None, "items": []},
        {"key": "T1.1", "label": "Targets", "parent": "Numbers", "parent_key": "T1",
         "items": [{"id": "Targets over people", "participant": "Maya"}]}]})
    model = ThemeBoardModel(board)
    with qtbot.waitSignal(model.changed):
        board.set_rejected("T1", True)
    with qtbot.waitSignal(model.changed):
        board.rename("T1.1", "Numbers first")


def test_dropping_cards_on_a_sub_theme_moves_them(emergent_window, qtbot) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDropEvent

    win = emergent_window
    _suggest(win, "participant", "Maya", count=2)
    board = win.theme_board
    model = board.model
    uid = _uid(model, "Targets over people")
    source = board.board.box(model.group_of(uid)["key"]).cards
    target_key = next(s["key"] for s in model.all_subthemes() if s["key"] != model.group_of(uid)["key"])
    target = board.board.box(target_key).cards
    card = next(source.item(i) for i in range(source.count()) if source.item(i).text() == "Targets over people")
    mime = source.mimeData([card])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    target.dropEvent(event)
    qtbot.waitUntil(lambda: model.group_of(uid)["key"] == target_key)
    qtbot.waitUntil(lambda: not board.board.pending)
    texts = [board.board.box(target_key).cards.item(i).text() for i in range(board.board.box(target_key).cards.count())]
    assert "Targets over people" in texts
    assert "Moved 1 card" in board.status.text()


def test_discarding_an_edited_board_asks_first(emergent_window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    win = emergent_window
    _suggest(win, count=2)
    board = win.theme_board
    board.model.set_rejected(board.model.themes()[0]["key"], True)
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    board.reject()
    assert asked and board.isVisible()  # Cancel keeps the board
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    board.reject()
    assert not board.isVisible()


def test_group_themes_after_one_participants_table_move_with_consent(emergent_window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    win = emergent_window
    project = win.session.project
    _suggest(win, "participant", "Maya", count=2)
    assert win.theme_board.apply()
    after_maya = _parents(project)
    assert after_maya["Targets over people"] is not None

    _suggest(win, count=2)
    board = win.theme_board
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not board.apply()
    assert _parents(project) == after_maya  # refused: nothing moved
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert board.apply()
    group_sub = _sub_of(board.model, "Targets over people")["label"]
    assert _parents(project)["Targets over people"] == group_sub
    win.session.undo_last()
    assert _parents(project) == after_maya


def test_dragging_near_the_edge_scrolls_the_board(emergent_window, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QDragMoveEvent

    win = emergent_window
    _suggest(win, count=2)
    board = win.theme_board
    board.board.setFixedWidth(160)  # narrower than a column
    qtbot.waitUntil(lambda: board.board.horizontalScrollBar().maximum() > 0)
    cards = board.board.box(board.model.all_subthemes()[0]["key"]).cards
    mime = cards.mimeData([cards.item(0)])
    area = board.board
    edge = cards.viewport().mapFrom(area.viewport(), QPoint(area.viewport().width() - 5, 60))
    event = QDragMoveEvent(edge, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
    before = area.horizontalScrollBar().value()
    cards.dragMoveEvent(event)
    assert area.horizontalScrollBar().value() > before


def test_clicking_a_dot_on_the_map_finds_its_card(emergent_window, qtbot) -> None:
    from PySide6.QtCore import Qt

    win = emergent_window
    _suggest(win, "participant", "Maya", count=2)
    board = win.theme_board
    board.tabs.setCurrentIndex(1)
    uid = _uid(board.model, "Targets over people")
    dot = board.map.dots[uid]
    board.map.fitInView(board.map.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    at = board.map.mapFromScene(dot.sceneBoundingRect().center())
    qtbot.mouseClick(board.map.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert board.tabs.currentIndex() == 0
    box = board.board.box(board.model.group_of(uid)["key"])
    assert [i.text() for i in box.cards.selectedItems()] == ["Targets over people"]
