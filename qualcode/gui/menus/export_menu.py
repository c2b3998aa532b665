"""Export: the reports researchers hand in (master table, prevalence, recurrence …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.gui.export import build_export_menu
from qualcode.gui.export.refi_export import KINDS, open_refi_export

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = build_export_menu(window, window.menu("Export"))
    for kind, (title, what) in KINDS.items():  # for another QDA tool (NVivo, ATLAS.ti, MAXQDA …)
        action = menu.addAction(f"{title}…")
        action.setObjectName(f"export-refi-{kind}")
        action.setStatusTip(f"For NVivo, ATLAS.ti, MAXQDA or QualCoder: {what}")
        action.triggered.connect(lambda _=False, k=kind: open_refi_export(window, k))
