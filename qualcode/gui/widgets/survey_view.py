"""Survey mode: one question at a time, coded from the keyboard.

The keys 1-9 put the codes pinned to them on the whole current answer (and
take them off again); Enter or Space moves to the next answer, Backspace to
the previous one, N to the next answer without codes.  The current answer
is shown in full below the table, where part of it can be selected and
coded like any transcript.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.surveys.answers import coded_answer_count
from qualcode.gui import tones
from qualcode.gui.coding_actions import CodingActions
from qualcode.gui.models.survey_table_model import CODE_IDS_ROLE, SurveyTableModel
from qualcode.gui.session import Session, SpanTarget
from qualcode.gui.widgets.document.view import DocumentView
from qualcode.gui.widgets.keypad_bar import KeypadBar
from qualcode.gui.widgets.least_sure_toggle import LeastSureToggle
from qualcode.gui.widgets.text_fit import WrappedTextDelegate

ROW_LINES = 3


class CodeChipsDelegate(QStyledItemDelegate):
    """Paints an answer's codes as small coloured chips."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:  # the table's calm highlight (see SurveyView.restyle), light or dark
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        label = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        metrics = QFontMetrics(option.font)
        x, y = option.rect.left() + 4, option.rect.top() + 4
        height = metrics.height() + 4
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for code_id in index.data(CODE_IDS_ROLE) or []:
            code = self._session.code(code_id)
            if code is None:
                continue
            key = next((k for k, v in self._session.pins.items() if v == code_id), None)
            text = f"{key} {code.name}" if key else code.name
            width = metrics.horizontalAdvance(text) + 12
            if x + width > option.rect.right() and x > option.rect.left() + 4:
                x, y = option.rect.left() + 4, y + height + 3
            if y + height > option.rect.bottom():
                break
            fill = QColor(code.colour)
            fill.setAlpha(60)
            painter.setPen(QColor(code.colour).darker(120))
            painter.setBrush(fill)
            painter.drawRoundedRect(QRect(x, y, width, height), 6, 6)
            painter.setPen(label)  # the palette's text: dark on a light page, light on a dark one
            painter.drawText(QRect(x, y, width, height), Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(220, QFontMetrics(option.font).height() + 10)


class SurveyView(QWidget):
    answerShown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("survey-view")
        self.session: Session | None = None
        self.actions: CodingActions | None = None
        self.model: SurveyTableModel | None = None
        self._columns_fitted_to = 0  # the table width the columns were last fitted to
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setContentsMargins(8, 6, 8, 2)
        self.progress = QLabel(self)
        self.progress.setContentsMargins(8, 0, 8, 2)
        self.progress.setWordWrap(True)  # its key hints never make the page wider than a laptop leaves it
        self.keypad = KeypadBar(self)
        self.table = QTableView(self)
        self.table.setObjectName("survey-table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        # Fixed row heights, set before any rows arrive, keep lazy fetching lazy (and scrolling cheap).
        lines = QFontMetrics(self.table.font()).lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(lines * ROW_LINES + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()  # the respondent column names the row; "answer n of N" says where
        self.table.installEventFilter(self)
        self.restyle()
        self.answer_label = QLabel(self)
        self.answer_label.setContentsMargins(8, 4, 8, 0)
        self.answer_view = DocumentView(self)
        self.answer_view.setObjectName("answer-view")
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(0)
        lower_layout.addWidget(self.answer_label)
        lower_layout.addWidget(self.answer_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)  # the table takes what the window gives
        self.splitter.setStretchFactor(1, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(LeastSureToggle(self))  # "Least sure first": what to code next (self.order_toggle)
        layout.addWidget(self.keypad)
        layout.addWidget(self.splitter, 1)
        self.keypad.keyPressed.connect(self.toggle_key)

    def restyle(self) -> None:
        """Colours from the application's palette: a calm selection under the palette's own text.

        A strong highlight under white text would hide the code chips, so the
        selected row is the highlight mixed into the background and keeps the
        ordinary text colour — light blue in a light window, dark blue in a dark one.
        """
        app = QApplication.palette()
        calm = QPalette(app)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            calm.setColor(group, QPalette.ColorRole.Highlight, tones.calm_selection(app))
            calm.setColor(group, QPalette.ColorRole.HighlightedText, app.color(QPalette.ColorRole.Text))
        self.table.setPalette(calm)
        quiet = QPalette(app)
        quiet.setColor(QPalette.ColorRole.WindowText, tones.muted_text(app))
        self.progress.setPalette(quiet)

    def changeEvent(self, event: QEvent) -> None:
        # Light ↔ dark (Edit → Preferences → Appearance): children hear it as a palette change.
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self.restyle()
        super().changeEvent(event)

    # -- binding ----------------------------------------------------------------------
    def bind(self, session: Session, actions: CodingActions) -> None:
        self.session, self.actions = session, actions
        self.model = SurveyTableModel(session, self)
        self.table.setModel(self.model)
        self._answer_delegate = WrappedTextDelegate(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.answer_view.code_lookup = session.code
        session.codingsChanged.connect(self._on_codings_changed)
        session.codesChanged.connect(self._on_codes_changed)
        session.pinsChanged.connect(self._on_pins_changed)
        session.coderFilterChanged.connect(lambda: self.model and self.model.refresh_codes())
        session.countsStale.connect(self._update_progress)

    def unbind(self) -> None:
        self.session = self.actions = None
        self.table.setModel(None)
        self.model = None

    def show_question(self, question_id: int) -> None:
        assert self.session is not None and self.model is not None
        question = next((q for q, _ in self.session.project.documents.questions() if q.id == question_id), None)
        if question is None:
            return
        self.model.set_question(question_id)
        self.session.default_pins([c.id for c in self.session.codes.values() if c.role.value == "code"])
        text = question.text if question.text.strip() != question.name else ""
        self.title.setText(f"<b>{question.name}</b>  {text}")
        self._setup_columns()
        self._on_pins_changed()
        self._update_progress()
        if self.model.rowCount():
            self.go_to(0)
        self.table.setFocus()

    def _setup_columns(self) -> None:
        assert self.model is not None
        header = self.table.horizontalHeader()
        # A narrow attribute column shows the start of its name ("role_g…"), not its middle.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in range(self.model.columnCount()):
            header.resizeSection(col, 110 if col < self.model.answer_column else 260)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(1, self.model.answer_column):
            self.table.resizeColumnToContents(col)
        header.setSectionResizeMode(self.model.answer_column, QHeaderView.ResizeMode.Stretch)
        self._columns_fitted_to = 0
        self.fit_columns()
        lines = QFontMetrics(self.answer_view.font()).lineSpacing()
        answer_height = lines * 6 + 40
        self.splitter.setSizes([max(self.splitter.height() - answer_height, 200), answer_height])
        self.table.setItemDelegateForColumn(self.model.codes_column, CodeChipsDelegate(self.session, self.table))
        self.table.setItemDelegateForColumn(self.model.answer_column, self._answer_delegate)

    def fit_columns(self) -> None:
        """The answer gets at least half the table's width; attributes and codes share the rest.

        Attribute columns keep their content's width while they fit in a quarter of
        the table, else they share that quarter (a value cut short shows whole in the
        answer's header below); the codes column takes up to a quarter (300 px at most).
        """
        if self.model is None or self.model.columnCount() == 0:
            return
        width = self.table.viewport().width()
        if width < 200 or width == self._columns_fitted_to:
            return
        self._columns_fitted_to = width
        header = self.table.horizontalHeader()
        attributes = range(1, self.model.answer_column)
        if len(attributes):
            budget = max(width // 4 - header.sectionSize(0), 48 * len(attributes))
            wanted = {col: max(self.table.sizeHintForColumn(col), header.sectionSizeFromContents(col).width())
                      for col in attributes}
            share = budget // len(attributes)
            for col in attributes:
                header.resizeSection(col, wanted[col] if sum(wanted.values()) <= budget else min(wanted[col], share))
        header.resizeSection(self.model.codes_column, max(min(width // 4, 300), 120))

    # -- moving -----------------------------------------------------------------------
    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def current_document_id(self) -> int | None:
        row = self.current_row()
        return self.model.answer(row).document_id if self.model and row >= 0 else None

    def go_to(self, row: int) -> bool:
        if self.model is None or row < 0 or not self.model.ensure_loaded(row):
            return False
        index = self.model.index(row, self.model.answer_column)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def next_answer(self) -> bool:
        return self.go_to(self.current_row() + 1)

    def previous_answer(self) -> bool:
        return self.go_to(self.current_row() - 1)

    def next_uncoded(self) -> bool:
        assert self.model is not None
        row = self.current_row() + 1
        while self.model.ensure_loaded(row):
            if not self.model.answer(row).code_ids:
                return self.go_to(row)
            row += 1
        return False

    def toggle_key(self, key: int) -> bool:
        """Put the code pinned to ``key`` on the whole current answer, or take it off."""
        if self.session is None or self.actions is None:
            return False
        code_id, doc_id = self.session.pins.get(key), self.current_document_id()
        if code_id is None:
            self.session.message.emit(f"No code is pinned to {key} (code tree → right-click → Pin to survey key)")
            return False
        if doc_id is None:
            return False
        return self.actions.toggle_on_whole_document(doc_id, code_id)

    def whole_answer(self) -> SpanTarget | None:
        """The whole current answer, as a span to code (None when there is none or it is empty)."""
        doc_id = self.current_document_id()
        if self.session is None or doc_id is None:
            return None
        length = self.session.project.documents.get(doc_id).length
        return SpanTarget(doc_id, 0, length) if length else None

    def selection(self) -> SpanTarget | None:
        span = self.answer_view.selected_span()
        doc_id = self.answer_view.document_id
        return SpanTarget(doc_id, *span, seen=self.answer_view.text) if span and doc_id is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.fit_columns)  # once the table has laid out its new width
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
                return False
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                self.toggle_key(key - Qt.Key.Key_0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or (key == Qt.Key.Key_Space and not shift):
                self.next_answer()
                return True
            if key == Qt.Key.Key_Backspace or (key == Qt.Key.Key_Space and shift):
                self.previous_answer()
                return True
            if key == Qt.Key.Key_N:
                self.next_uncoded()
                return True
        return super().eventFilter(watched, event)

    # -- showing the current answer ----------------------------------------------------
    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.model is None or self.session is None or not current.isValid():
            return
        answer = self.model.answer(current.row())
        self._show_answer(answer.document_id)
        attrs = " · ".join(f"{k}: {v}" for k, v in answer.attributes.items() if v not in (None, ""))
        self.answer_label.setText(f"<b>{answer.respondent}</b> <span style='color:#6f6f6f'>{attrs} · answer "
                                  f"{current.row() + 1} of {self.model.total}</span>")
        self.answerShown.emit(answer.document_id)

    def _show_answer(self, document_id: int) -> None:
        from qualcode.core.coding.workbench import document_codings, document_notes

        assert self.session is not None
        p = self.session.project
        self.answer_view.show_document(document_id, p.documents.text(document_id), p.documents.line_index(document_id),
                                       [], document_codings(p, document_id, self.session.coder_filter),
                                       document_notes(p, document_id))

    def _on_codings_changed(self, document_id: object) -> None:
        if self.model is None or self.model.question_id is None:
            return
        if document_id is None:
            self.model.refresh_codes()
        elif isinstance(document_id, int) and self.model.row_of(document_id) is not None:
            self.model.refresh_codes([document_id])
        if self.answer_view.document_id is not None and document_id in (None, self.answer_view.document_id):
            from qualcode.core.coding.workbench import document_codings

            self.answer_view.set_codings(document_codings(self.session.project, self.answer_view.document_id,
                                                          self.session.coder_filter))

    def _on_codes_changed(self) -> None:
        if self.model is not None:
            self.model.code_names_changed()
        self._on_pins_changed()
        if self.answer_view.document_id is not None:
            self.answer_view.refresh_colours()

    def _on_pins_changed(self) -> None:
        if self.session is not None:
            self.keypad.set_pins(self.session)
            if self.model is not None:
                self.model.code_names_changed()

    def _update_progress(self) -> None:
        from qualcode.reports.bases import half_up

        if self.session is None or self.model is None or self.model.question_id is None:
            return
        coded = coded_answer_count(self.session.project, self.model.question_id, self.session.coder_filter)
        total = self.model.total
        share = f" ({half_up(100 * coded / total):.0f}%)" if total else ""  # half up, as in the reports
        self.progress.setText(f"{coded} of {total} answers coded{share} · keys: 1–9 code the whole answer "
                              f"(again: off) · Enter next · Backspace back · N next uncoded")
