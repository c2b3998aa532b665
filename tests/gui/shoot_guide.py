"""Render the pictures of the user guide and of the help, welcome and preferences screens.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/gui/shoot_guide.py OUT INTERVIEWS SURVEY 1280x720

Run by ``make_screenshots.py`` (``make screenshots``) on copies of the sample
projects, with private settings.  Each picture is the screen as a researcher
sees it — the window with its open dialog — grabbed from the X server; without
one (offscreen), the dialog alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def grab(window: QWidget, out: Path, dialog: QWidget | None = None) -> None:
    app = QApplication.instance()
    end = time.monotonic() + 0.6
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    if app.platformName() == "xcb":
        picture = app.primaryScreen().grabWindow(0).copy(window.frameGeometry())
    else:
        picture = (dialog or window).grab()
    picture.save(str(out))
    print(f"Saved {out}")


def main() -> int:
    out, interviews, survey, size = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    width, height = (int(v) for v in size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("qualcode")
    from qualcode.core.project import Project
    from qualcode.gui.app import open_initial_view
    from qualcode.gui.dialogs.preferences_dialog import open_preferences
    from qualcode.gui.export import open_export_dialog
    from qualcode.gui.main_window import MainWindow
    from qualcode.gui.menus.analysis_menu import open_suggest_themes
    from qualcode.gui.menus.help_menu import open_guide, open_shortcuts

    def window_on(path: str | None) -> MainWindow:
        win = MainWindow(Project.open(path) if path else None)
        win.move(0, 0)
        win.resize(width, height)
        win.show()
        if win.session is not None:
            open_initial_view(win, win.session.project)
        return win

    welcome = window_on(None)
    grab(welcome, out / f"welcome-{size}.png")
    guide = open_guide(welcome)
    grab(welcome, out / f"help-guide-{size}.png", guide)
    guide.close()
    keys = open_shortcuts(welcome)
    grab(welcome, out / f"help-shortcuts-{size}.png", keys)
    keys.close()
    welcome.close()

    win = window_on(interviews)
    project = win.session.project
    maya = next(d for d in project.documents.list() if "maya" in d.title.lower())
    win.open_document(maya.id)
    text = project.documents.text(maya.id)
    start = text.index("production line")
    win.document_page.view.select_span(start, start + len("production line"))
    quick = win.actions.open_quick_code()
    if quick is not None:
        grab(win, out / f"ipa-coding-{size}.png", quick)
        quick.reject()
    suggest = open_suggest_themes(win)
    grab(win, out / f"ipa-suggest-themes-{size}.png", suggest)
    suggest.reject()
    open_export_dialog(win, "master")
    grab(win, out / f"ipa-export-{size}.png", win._export_dialog)
    win._export_dialog.close()
    preferences = open_preferences(win)
    grab(win, out / f"preferences-{size}.png", preferences)
    preferences.reject()
    win.close()

    win = window_on(survey)
    question = next(q for q, _ in win.session.project.documents.questions() if q.name == "q1_retention")
    win.open_question(question.id)
    grab(win, out / f"survey-coding-{size}.png")
    open_export_dialog(win, "prevalence")
    grab(win, out / f"survey-export-{size}.png", win._export_dialog)
    win._export_dialog.close()
    win.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
