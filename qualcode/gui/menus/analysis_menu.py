"""Analysis: Suggest themes… opens the dialog, then the theme board with its suggestion."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    action = window.menu("Analysis").addAction("Suggest themes…")
    action.setObjectName("suggest-themes")
    action.setToolTip("Group emergent themes, segments or answers into suggested themes you can edit")
    action.triggered.connect(lambda: open_suggest_themes(window))
    hints = window.menu("Analysis").addAction("Suggest codes for the selection…")
    hints.setObjectName("suggest-codes")
    hints.setToolTip("Codes applied to similar passages — hints only, applied when you click one")
    hints.triggered.connect(lambda: open_code_hints(window))


def _reveal(window: MainWindow, board) -> None:
    """After Accept, the code tree shows the first new theme (they are added below the codebook)."""
    command = board.accepted_command
    if command is None or command.record is None or not command.record.created_codes:
        return
    window.code_panel.tree.expandAll()
    window.code_panel.tree.scrollTo(window.code_panel.proxy_index(command.record.created_codes[0]),
                                    window.code_panel.tree.ScrollHint.PositionAtTop)


def open_code_hints(window: MainWindow, backend: str | None = None, pool=None):
    """Hints for the selected passage; returns the dialog (None when nothing is selected).

    ``backend`` None: the one chosen in Edit → Preferences… (MiniLM when that is "auto").
    """
    from qualcode.app.settings.options import EMBEDDING_BACKEND
    from qualcode.gui.themes.code_hints import SuggestedCodesDialog

    if backend is None:
        chosen = window.settings.value(EMBEDDING_BACKEND)
        backend = "minilm" if chosen in ("", "auto") else chosen

    target = window.session.selection() if window.session is not None else None
    if target is None or target.end <= target.start:
        window.statusBar().showMessage("Select a passage first, then ask for suggested codes.", 5000)
        return None
    dialog = SuggestedCodesDialog(window.session, window.coding, target, window, backend, pool)
    window.code_hints = dialog
    dialog.show()
    return dialog


def open_suggest_themes(window: MainWindow, pool=None):
    """The Suggest themes dialog; its result opens a theme board. Returns the dialog."""
    from qualcode.gui.themes.board.dialog import ThemeBoardDialog
    from qualcode.gui.themes.suggest_themes_dialog import SuggestThemesDialog, shown_participant

    if window.session is None:
        window.statusBar().showMessage("Open a project first.", 5000)
        return None

    def show_board(data: dict, vectors: dict) -> None:
        board = ThemeBoardDialog(window.session, data, vectors, window)
        from qualcode.gui.screen_fit import fit_to_screen

        fit_to_screen(board, max(window.width() - 40, 1100), max(window.height() - 40, 720))
        window.theme_board = board
        board.accepted.connect(lambda: _reveal(window, board))
        board.show()

    def show_placement(placements: list) -> None:
        from qualcode.gui.screen_fit import fit_to_screen
        from qualcode.gui.themes.placement_dialog import PlacementDialog

        placing = PlacementDialog(window.session, placements, window)
        fit_to_screen(placing, max(window.width() - 80, 1000), max(window.height() - 80, 640))
        window.placement_dialog = placing
        placing.show()

    dialog = SuggestThemesDialog(window.session, show_board, window, pool=pool, on_placement=show_placement,
                                 open_participant=shown_participant(window))
    window.suggest_dialog = dialog
    dialog.show()
    return dialog
