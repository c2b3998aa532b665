"""Export: the reports researchers hand in (master table, prevalence, recurrence …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.gui.export import build_export_menu

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    build_export_menu(window, window.menu("Export"))
