"""Survey mode's "Least sure first": the answers the code suggester knows least come first.

Coding those first teaches the suggester most (active learning, issue #15
item 3; the order itself is :func:`qualcode.core.surveys.least_sure.least_sure_order`).
The suggester learns in a worker, never on the GUI thread.  After codes are
applied it is refitted a moment later (only the codes whose examples changed
are learned again) and the answers *ahead* are re-ordered: the answers already
gone through stay where they are, so the current answer never moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from qualcode.core.errors import QualcodeError
from qualcode.core.surveys.least_sure import AnswerOrder, least_sure_order
from qualcode.gui import tones
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.workers import run_in_background

if TYPE_CHECKING:
    from qualcode.gui.models.survey_table_model import SurveyTableModel
    from qualcode.gui.widgets.survey_view import SurveyView

#: How long after the last coding the order is refreshed (codings in a burst refresh it once).
REFRESH_MS = 1500


class LeastSureToggle(QWidget):
    """A checkable "Least sure first" button above the survey table, with a line saying what it did."""

    def __init__(self, view: SurveyView) -> None:
        super().__init__(view)
        self.setObjectName("least-sure")
        self.view = view
        view.order_toggle = self  # type: ignore[attr-defined]
        self.pool = None  # tests: an ImmediatePool
        self.backend = "auto"
        self.button = QToolButton(self)
        self.button.setText("Least sure first")
        self.button.setCheckable(True)
        self.button.setToolTip("Order the answers so those the suggested codes are least sure of come first: "
                               "coding them teaches the suggestions most. Learned from the answers coded so far; "
                               "the answers ahead are re-ordered as you code. Coded answers go last.")
        self.status = QLabel(self)
        self.status.setStyleSheet(tones.muted_style())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 2)
        layout.addWidget(self.button)
        layout.addWidget(self.status, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._busy = self._pending = False
        self._watched: tuple[object, SurveyTableModel] | None = None
        self.button.toggled.connect(self._toggled)

    # -- on and off ---------------------------------------------------------------------
    def _toggled(self, on: bool) -> None:
        view = self.view
        if view.session is None or view.model is None or view.model.question_id is None:
            self.button.setChecked(False)
            return
        if on:
            self._watch()
            self.refresh()
            return
        self._unwatch()
        self._timer.stop()
        self.status.setText("")
        if view.model.order is not None:
            current = view.current_document_id()
            view.model.set_order(None)
            self._go_to_document(current)

    def _watch(self) -> None:
        session, model = self.view.session, self.view.model
        assert session is not None and model is not None
        session.codingsChanged.connect(self._codings_changed)
        model.modelReset.connect(self._model_reset)
        self._watched = (session, model)

    def _unwatch(self) -> None:
        if self._watched is None:
            return
        session, model = self._watched
        self._watched = None
        for signal, slot in ((session.codingsChanged, self._codings_changed),  # type: ignore[attr-defined]
                             (model.modelReset, self._model_reset)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the session or table is gone already
                pass

    def _model_reset(self) -> None:
        model = self.view.model
        if self.button.isChecked() and (model is None or model.order is None):  # another question was opened
            self.button.setChecked(False)

    def _codings_changed(self, _document_id: object) -> None:
        if self.button.isChecked():
            self._timer.start()

    # -- ordering, in a worker ------------------------------------------------------------
    def refresh(self) -> None:
        """Learn from the coding as it is now and re-order the answers ahead (in a worker)."""
        view, session, model = self.view, self.view.session, self.view.model
        if session is None or model is None or model.question_id is None or not self.button.isChecked():
            return
        if self._busy:
            self._pending = True  # once this one is shown
            return
        self._busy = True
        first = model.order is None
        self.status.setText("Learning from your coding…" if first else "Re-ordering the answers ahead…")
        seen = self._seen(view)
        question = model.question_id
        run_in_background(least_sure_order, session.project, question, self.backend, session.coder_filter, seen,
                          pool=self.pool, on_finished=lambda order: self._show(order, model, question, first),
                          on_error=self._failed)

    @staticmethod
    def _seen(view: SurveyView) -> list[int]:
        """The answers up to the current one, in the order shown: they keep their place."""
        model = view.model
        if model is None or model.order is None:
            return []
        return [model.answer(r).document_id for r in range(view.current_row() + 1)]

    def _show(self, order: AnswerOrder, model: SurveyTableModel, question: int, first: bool) -> None:
        self._busy = False
        view = self.view
        if not self.button.isChecked() or view.model is not model or model.question_id != question:
            return
        seen = [] if first else self._seen(view)  # the researcher may have moved on meanwhile
        held = set(seen)
        row = max(view.current_row(), 0) if seen else 0
        model.set_order(seen + [d for d in order.document_ids if d not in held])
        view.go_to(row)
        self.status.setText(f"{len(order.sureness)} uncoded answers, least sure first (learned from {order.coded} "
                            "coded answers); non-answers and coded answers last.")
        if self._pending:
            self._pending = False
            self._timer.start()

    def _failed(self, error: BaseException) -> None:
        self._busy = self._pending = False
        self.button.setChecked(False)
        message = error.message if isinstance(error, QualcodeError) else describe_failure(error, self)
        self.status.setText(f"Least sure first is off: {message}")

    def _go_to_document(self, document_id: int | None) -> None:
        model = self.view.model
        if model is None or document_id is None:
            return
        row = 0
        while model.row_of(document_id) is None and model.ensure_loaded(row):
            row += 200  # a page at a time, until the answer is loaded
        self.view.go_to(model.row_of(document_id) or 0)
