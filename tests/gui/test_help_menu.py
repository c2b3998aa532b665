"""Help: the user guide shown in the app, every shortcut listed from the actions, About, tooltips."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QToolBar, QToolButton

from qualcode.gui.help.guide import GuideDialog, guide_file
from qualcode.gui.help.shortcuts import ShortcutsDialog, shortcut_rows
from qualcode.gui.menus.help_menu import open_about, open_guide, open_shortcuts

REPO = Path(__file__).resolve().parents[2]
MENU_PATH = re.compile(r"\*\*((?:[A-Z][\w-]*) → [^*]+)\*\*")  # **File → Import files…** in the guide


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _menu_titles(window) -> dict[str, QMenu]:
    return {_plain(a.text()): a.menu() for a in window.menuBar().actions() if a.menu()}


def _find(menu: QMenu, names: list[str]) -> bool:
    menu.aboutToShow.emit()  # menus filled on opening (Open recent, Coding by)
    for action in menu.actions():
        if _plain(action.text()) != names[0]:
            continue
        if len(names) == 1:
            return True
        if action.menu() is not None and _find(action.menu(), names[1:]):
            return True
    return False


def test_the_guide_is_found_and_shown_with_its_sections(window, qtbot) -> None:
    assert guide_file() == REPO / "docs" / "guide.md"
    dialog = open_guide(window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, GuideDialog)
    titles = dialog.section_titles()
    assert any("IPA" in t for t in titles) and any("survey" in t.lower() for t in titles)
    assert "Import files" in dialog.browser.toPlainText()
    dialog.sections.setCurrentRow(len(titles) - 1)  # going to a section scrolls there
    assert dialog.browser.verticalScrollBar().value() > 0


def test_every_picture_in_the_guide_exists_and_fits_the_pane(window, qtbot) -> None:
    text = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert pictures, "the guide shows the app"
    assert [p for p in pictures if not (REPO / "docs" / p).is_file()] == []
    dialog = GuideDialog(window)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    dialog.browser.fit_images()
    widths = []
    block = dialog.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                widths.append(fmt.toImageFormat().width())
            it += 1
        block = block.next()
    assert len(widths) == len(pictures)
    assert all(0 < w <= dialog.browser.viewport().width() for w in widths)


def test_every_menu_the_guide_names_exists(window) -> None:
    """The guide's ‘**Menu → Entry**’ paths are the window's real menus (they cannot drift)."""
    text = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    paths = MENU_PATH.findall(text)
    assert len(paths) >= 10
    menus = _menu_titles(window)
    missing = []
    for path in set(paths):
        top, *rest = [p.strip() for p in path.split("→")]
        if top not in menus or not _find(menus[top], rest):
            missing.append(path)
    assert missing == []


def test_the_shortcuts_list_every_action_with_a_shortcut(window, qtbot) -> None:
    with_keys = {a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())}
    assert len(with_keys) > 15
    dialog = open_shortcuts(window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog)
    listed = {(r.action, r.keys) for r in dialog.rows}
    from qualcode.gui.help.shortcuts import _plain

    for action in with_keys:
        key = action.shortcuts()[0].toString(action.shortcuts()[0].SequenceFormat.NativeText)
        assert any(key in keys for _name, keys in listed), (_plain(action.text()), key)
    rows = {r.action: r for r in shortcut_rows(window)}
    assert rows["Quick code"].place == "Coding" and rows["Quick code"].keys == "Ctrl+K"
    assert rows["Descriptive note"].place == "Coding → Exploratory note"
    assert rows["Preferences"].keys == "Ctrl+,"


def test_a_new_action_appears_in_the_shortcuts_by_itself(window, qtbot) -> None:
    action = window.menu("Tools").addAction("Count the words")
    action.setShortcut("Ctrl+Shift+W")
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert ("Count the words", "Tools", "Ctrl+Shift+W") in {(r.action, r.place, r.keys) for r in dialog.rows}
    dialog.narrow("count")
    shown = [i for i in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(i)]
    assert [dialog.table.item(i, 0).text() for i in shown] == ["Count the words"]


def test_about_says_version_licence_privacy_and_paths(window, qtbot) -> None:
    from qualcode import __version__
    from qualcode.app.paths import log_file
    from qualcode.app.settings import settings_file

    dialog = open_about(window)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert __version__ in text and "GPL-3.0-or-later" in text and "Nothing leaves this machine" in text
    assert str(settings_file()) in text and str(log_file()) in text


def _untipped(win) -> list[str]:
    buttons = [b for b in win.findChildren(QToolButton)
               if not isinstance(b.parent(), QLineEdit) and not b.objectName().startswith("qt_")]
    assert buttons
    actions = [a for bar in win.findChildren(QToolBar) for a in bar.actions() if not a.isSeparator()]
    return [b.text() for b in buttons if not b.toolTip().strip()] + [a.text() for a in actions
                                                                     if not a.toolTip().strip()]


def test_every_tool_button_of_the_transcript_workbench_has_a_tooltip(window) -> None:
    window.document_page.find_bar.open_bar()
    assert _untipped(window) == []


def test_every_tool_button_of_the_survey_workbench_has_a_tooltip(survey_window) -> None:
    assert _untipped(survey_window) == []


def test_an_installed_qualcode_ships_the_guide_and_its_pictures() -> None:
    import tomllib

    shipped = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    files = {f for listed in shipped.values() for f in listed}
    text = (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
    wanted = {f"docs/{p}" for p in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)} | {"docs/guide.md"}
    assert wanted <= files
