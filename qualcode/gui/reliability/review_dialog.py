"""Reliability → Review disagreements: walk through every unit where the coders differ.

Codes on the left (with how many disagreements each has, and how many are
resolved), the units of the chosen code in the middle, and each coder's
side of the current unit next to the other, in context.  A decision —
take one coder's coding, both, or neither, with a comment — goes into the
``consensus`` coder as an undoable command, and the consensus's agreement
with each coder is recomputed in the background after every decision.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qualcode.core import events
from qualcode.core.model import Code
from qualcode.core.project import Project
from qualcode.core.reliability.agreement import AgreementResult, consensus_agreement
from qualcode.core.reliability.blind import CONSENSUS
from qualcode.core.reliability.consensus import ResolveCommand, start_consensus
from qualcode.core.reliability.review import Disagreement, list_disagreements, unit_context
from qualcode.gui import tones
from qualcode.gui.event_bridge import ProjectEvents
from qualcode.gui.reliability.agreement_dialog import consensus_line
from qualcode.gui.reliability.side_by_side import CoderSideView
from qualcode.gui.screen_fit import fit_to_screen
from qualcode.gui.workers import run_in_background

ROLE = Qt.ItemDataRole.UserRole


def _mark(applied: bool | None) -> str:
    return "✓" if applied else "–" if applied is None else "✗"


class DisagreementReviewDialog(QDialog):
    """``consensusChanged(list[ConsensusAgreement])`` after each recomputation."""

    consensusChanged = Signal(object)
    decided = Signal(object)  # the Disagreement just decided

    def __init__(self, project: Project, result: AgreementResult, parent: QWidget | None = None,
                 pool: Any = None, run_command: Callable[[object], bool] | None = None,
                 consensus: str = CONSENSUS) -> None:
        super().__init__(parent)
        self.setObjectName("review-dialog")
        self.setWindowTitle("Review disagreements")
        self.project, self.result, self.consensus = project, result, consensus
        self._pool = pool
        self._run_command = run_command
        self.start = start_consensus(project, result, consensus)
        self.found: dict[str, list[Disagreement]] = {}
        self.codes = {c.id: c for c in project.codes.list()}
        self.colours = {c.id: c.colour for c in self.codes.values()}
        self.current: Disagreement | None = None
        self._doc_spans: dict[int, list] = {}
        self._build()
        self.reload()
        self.recompute()
        # An undo in the main window changes the consensus too: follow it.
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(60)
        self._refresh.timeout.connect(self._after_outside_change)
        self._bridge = ProjectEvents(project, self)
        self._bridge.changed.connect(lambda kind, *_: kind == events.CODINGS_CHANGED and self._refresh.start())

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-weight: 600;")
        self.figures = QLabel(self)
        self.figures.setObjectName("consensus-figures")
        self.figures.setWordWrap(True)
        layout.addWidget(self.header)
        layout.addWidget(self.figures)
        lists = QSplitter(Qt.Orientation.Horizontal, self)
        column = QSplitter(Qt.Orientation.Vertical, lists)
        self.code_list = QListWidget(column)
        self.code_list.setObjectName("codes")
        self.unit_list = QListWidget(column)
        self.unit_list.setObjectName("units")
        column.setSizes([300, 260])
        sides = QWidget(lists)
        self.sides_layout = QHBoxLayout(sides)
        self.sides_layout.setContentsMargins(0, 0, 0, 0)
        self.sides = [CoderSideView(sides) for _ in self.result.request.coders]
        for view in self.sides:
            self.sides_layout.addWidget(view)
        lists.setStretchFactor(1, 1)
        lists.setSizes([330, 950])
        layout.addWidget(lists, 1)
        self.definition = QLabel(self)
        self.definition.setObjectName("definition")
        self.definition.setWordWrap(True)
        self.definition.setTextFormat(Qt.TextFormat.RichText)
        self.definition.setStyleSheet(tones.panel_style(6))  # from the palette: reads light or dark
        layout.addWidget(self.definition)
        self.where = QLabel(self)
        self.where.setStyleSheet(tones.muted_style())
        layout.addWidget(self.where)
        row = QHBoxLayout()
        self.take_buttons: dict[str, QPushButton] = {}
        for i, coder in enumerate(self.result.request.coders, 1):
            button = QPushButton(f"&{i}  Take {coder}", self)
            button.setObjectName(f"take-{coder}")
            button.clicked.connect(lambda _=False, c=coder: self.decide((c,)))
            self.take_buttons[coder] = button
            row.addWidget(button)
        self.both = QPushButton("&Both" if len(self.result.request.coders) == 2 else "&All", self)
        self.both.clicked.connect(lambda: self.decide(tuple(self.result.request.coders)))
        self.neither = QPushButton("&Neither", self)
        self.neither.clicked.connect(lambda: self.decide(()))
        row.addWidget(self.both)
        row.addWidget(self.neither)
        self.comment = QLineEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText("Why (goes with the decision; refine the codebook from these)")
        row.addWidget(self.comment, 1)
        layout.addLayout(row)
        self.decision_label = QLabel(self)
        layout.addWidget(self.decision_label)
        self.code_list.currentRowChanged.connect(self._code_chosen)
        self.unit_list.currentRowChanged.connect(self._unit_chosen)
        QShortcut(QKeySequence("Alt+Down"), self, activated=lambda: self._step(1))
        QShortcut(QKeySequence("Alt+Up"), self, activated=lambda: self._step(-1))
        fit_to_screen(self, 1280, 720)

    # -- content -----------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the disagreements and their decisions (after a decision or an undo)."""
        self.found = list_disagreements(self.project, self.result)
        keep = self.code_list.currentItem().data(ROLE) if self.code_list.currentItem() else None
        self.code_list.blockSignals(True)
        self.code_list.clear()
        for code, units in self.found.items():
            done = sum(u.decision is not None for u in units)
            item = QListWidgetItem(f"{code}   {done}/{len(units)}", self.code_list)
            item.setData(ROLE, code)
            if done == len(units):
                item.setForeground(tones.ink("good"))
        self.code_list.blockSignals(False)
        total = sum(len(u) for u in self.found.values())
        resolved = sum(u.decision is not None for units in self.found.values() for u in units)
        coders = " and ".join(self.result.request.coders)
        self.header.setText(f"{total} disagreements between {coders} ({self.result.report.kind.units}); "
                            f"{resolved} resolved. The consensus started from the "
                            f"{self.start.codings_added or 'shared'} codings every coder made alike.")
        codes = list(self.found)
        if codes:
            self.show_code(keep if keep in self.found else codes[0])
        else:
            self.current = None
            self.unit_list.clear()

    def show_code(self, code: str) -> None:
        codes = list(self.found)
        if code in codes:
            self.code_list.setCurrentRow(codes.index(code))
            self._code_chosen(codes.index(code))

    def _code_chosen(self, row: int) -> None:
        if row < 0:
            return
        code = self.code_list.item(row).data(ROLE)
        keep = self.current.key if self.current is not None else None
        self.unit_list.blockSignals(True)
        self.unit_list.clear()
        for d in self.found.get(code, []):
            who = "  ".join(f"{s.coder} {_mark(s.applied)}" for s in d.sides)
            title = self.project.documents.participant_label(d.document_id)
            lines = self.project.documents.line_index(d.document_id).lines_of(d.start, d.end)
            where = title if d.unit == "answer" else f"{title}, {lines[0]}" + (
                f"-{lines[1]}" if lines[1] != lines[0] else "")
            decided = f"  → {d.decision.label}" if d.decision else ""
            item = QListWidgetItem(f"{where}   {who}{decided}", self.unit_list)
            item.setData(ROLE, d.key)
        self.unit_list.blockSignals(False)
        units = self.found.get(code, [])
        keys = [u.key for u in units]
        first_open = next((i for i, u in enumerate(units) if u.decision is None), 0)
        row = keys.index(keep) if keep in keys else first_open
        if units:
            self.unit_list.setCurrentRow(row)
            self._unit_chosen(row)

    def _unit_chosen(self, row: int) -> None:
        code_item = self.code_list.currentItem()
        if row < 0 or code_item is None:
            return
        d = self.found[code_item.data(ROLE)][row]
        self.current = d
        context = unit_context(self.project, d)
        colour = self.colours.get(d.code_id, "#f2c14e")
        self.definition.setText(definition_html(self.codes.get(d.code_id), d.code))
        end = context.offset + len(context.text)
        nearby = [c for c in self._spans_in(d.document_id) if c.label == d.code and c.start < end
                  and c.end > context.offset]
        for view, side in zip(self.sides, d.sides):
            # Shown: all of this coder's codings of the code in view, not only those touching the unit.
            shown = replace(side, spans=tuple((c.start, c.end, c.code_id) for c in nearby if c.coder == side.coder))
            view.show_side(d.code, context, (d.start, d.end), shown, _light(colour))
        self.where.setText(f"{context.citation} — unit: {d.unit}")
        if d.decision:
            comment = f": “{d.decision.comment}”" if d.decision.comment else ""
            self.decision_label.setText(f"Decided by {d.decision.decided_by}: took {d.decision.label}{comment}")
            self.comment.setText(d.decision.comment)
        else:
            self.decision_label.setText("Not decided yet.")
            self.comment.clear()

    def _spans_in(self, document_id: int) -> list:
        if document_id not in self._doc_spans:
            self._doc_spans[document_id] = self.result.table.spans([document_id])
        return self._doc_spans[document_id]

    def _step(self, delta: int) -> None:
        row = self.unit_list.currentRow() + delta
        if 0 <= row < self.unit_list.count():
            self.unit_list.setCurrentRow(row)

    def _after_outside_change(self) -> None:
        self.reload()
        self.recompute()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._bridge.detach()
        super().closeEvent(event)

    # -- deciding ----------------------------------------------------------------------
    def decide(self, take: tuple[str, ...], comment: str | None = None) -> bool:
        """Record the consensus on the current unit, then move to the next open one."""
        if self.current is None:
            return False
        command = ResolveCommand(self.current, take, self.comment.text() if comment is None else comment,
                                 self.consensus)
        if self._run_command is not None:
            if not self._run_command(command):
                return False
        else:
            command.do(self.project)
        decided = self.current
        self._refresh.stop()  # our own change: reload once, now
        self.reload()
        self._next_open(decided)
        self.decided.emit(decided)
        self.recompute()
        return True

    def _next_open(self, after: Disagreement) -> None:
        units = self.found.get(after.code, [])
        keys = [u.key for u in units]
        start = keys.index(after.key) + 1 if after.key in keys else 0
        for i in list(range(start, len(units))) + list(range(0, start)):
            if units[i].decision is None:
                self.unit_list.setCurrentRow(i)
                return

    def recompute(self) -> None:
        """The consensus against each coder, in the background."""
        request, documents = self.result.request, self.result.documents

        def work() -> list:
            return consensus_agreement(self.project, request, self.consensus, documents)

        run_in_background(work, pool=self._pool, on_finished=self._show_figures)

    def _show_figures(self, figures: list) -> None:
        self.figures.setText(consensus_line(figures))
        self.consensusChanged.emit(figures)


def definition_html(code: Code | None, label: str) -> str:
    """The codebook entry beside the disagreement: the place to refine it from."""
    if code is None:
        return f"<b>{html.escape(label)}</b>"
    parts = [f"<b>{html.escape(label)}</b>"]
    for name, text in (("", code.description), ("Include", code.inclusion), ("Exclude", code.exclusion),
                       ("Example", code.example)):
        if text:
            parts.append(f"<i>{name}:</i> {html.escape(text)}" if name else html.escape(text))
    if len(parts) == 1:
        parts.append(f"<span style='color:{tones.css(tones.muted_text())}'>No definition yet: add one in the "
                     "codebook entry (Codes → Codebook entry of selected code).</span>")
    return " — ".join(parts[:2]) + ("<br>" + " · ".join(parts[2:]) if len(parts) > 2 else "")


def _light(colour: str) -> str:
    """A code's colour lightened for a highlight under dark text."""
    colour = colour.lstrip("#")[:6]
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "#f6e3a1"
    return "#{:02x}{:02x}{:02x}".format(*(int(c + (255 - c) * 0.55) for c in (r, g, b)))
