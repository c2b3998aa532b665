"""Which columns of a survey table are what: the dialog shown for each .csv/.xlsx imported.

The researcher sees the first rows and the type detected for each column,
then chooses what the file holds (survey answers, a code sheet, or
attributes), the respondent id column, the open-question columns and the
attribute columns with their types.  The dialog only builds a plan; the
import itself runs in a worker (:mod:`qualcode.gui.importing.controller`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.import_plans import (
    AttributesPlan,
    CodebookPlan,
    CodeSheetPlan,
    Plan,
    SurveyPlan,
    allowed_attribute_types,
    read_survey_table,
    respondents_with_answers,
    sheet_names,
)
from qualcode.core.project import Project
from qualcode.gui import screen_fit, tones
from qualcode.io.base import ImportRefused
from qualcode.io.code_marks import code_columns
from qualcode.io.survey_table import SurveyTable, read_table

PREVIEW_ROWS = 8
NO_ID = "(none — number respondents by their row)"
SURVEY, CODE_SHEET, ATTRIBUTES, CODEBOOK = "survey", "code sheet", "attributes", "codebook"
IGNORE, QUESTION, ATTRIBUTE, ID = "Ignore", "Open question", "Attribute", "Respondent id"
SHAPES = {"qualtrics": "a Qualtrics export", "surveymonkey": "a SurveyMonkey export",
          "microsoft_forms": "a Microsoft Forms export", "google_forms": "a Google Forms export",
          "plain": "a table"}
_MARKS = frozenset({"0", "1", "yes", "no", "y", "n", "x", "true", "false", "", "1.0", "0.0"})


class SurveyMappingDialog(QDialog):
    """Map the columns of one survey table; :meth:`plan` is the result."""

    def __init__(self, project: Project, path: str | Path, parent: QWidget | None = None,
                 table: SurveyTable | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("survey-mapping-dialog")
        self.project, self.path = project, Path(path)
        self.setWindowTitle(f"Import {self.path.name}")
        screen_fit.fit_to_screen(self, 980, 720)
        self.table = table or read_survey_table(self.path)
        self._sheet_problem = ""
        self._use: dict[str, QComboBox] = {}
        self._types: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        top = QFormLayout()
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("sheet")
        sheets = sheet_names(self.path)
        self.sheet.addItems(sheets)
        if self.table.sheet in sheets:
            self.sheet.setCurrentText(self.table.sheet)
        self.sheet.currentTextChanged.connect(self._read_sheet)
        if len(sheets) > 1:
            top.addRow("Worksheet:", self.sheet)
        else:
            self.sheet.hide()
        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for key, label in ((SURVEY, "Survey answers"), (CODE_SHEET, "A code sheet (one 0/1 column per code)"),
                           (ATTRIBUTES, "Attributes of participants or respondents"), (CODEBOOK, "A codebook")):
            button = QRadioButton(label, self)
            button.setObjectName(f"kind-{key.replace(' ', '-')}")
            self.kind_group.addButton(button)
            self.kind_buttons[key] = button
            kinds.addWidget(button)
            button.toggled.connect(self._kind_changed)
        kinds.addStretch(1)
        top.addRow("This file holds:", kinds)
        self.id_column = QComboBox(self)
        self.id_column.setObjectName("id-column")
        self.id_column.currentTextChanged.connect(self._id_changed)
        top.addRow("Id column (respondent id or pseudonym):", self.id_column)
        layout.addLayout(top)

        self.columns_box = QGroupBox("Columns", self)
        box = QVBoxLayout(self.columns_box)
        self.columns = QTableWidget(0, 4, self)
        self.columns.setObjectName("columns")
        self.columns.setHorizontalHeaderLabels(["Column", "Detected type", "Use as", "Attribute type"])
        self.columns.verticalHeader().hide()
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.columns)
        layout.addWidget(self.columns_box, 2)

        self.code_sheet_box = QGroupBox("Codings", self)
        form = QFormLayout(self.code_sheet_box)
        self.coder = QLineEdit(project.coder_name, self)
        self.coder.setObjectName("coder")
        self.coder.textChanged.connect(self._validate)
        form.addRow("Coder (whose codings these are):", self.coder)
        self.question = QComboBox(self)
        self.question.setObjectName("question")
        self.question.addItems([q.name for q, _n in project.documents.questions()])
        self.question.currentTextChanged.connect(self._kind_changed)
        form.addRow("Question the codes belong to:", self.question)
        self.code_columns = QLabel(self)
        self.code_columns.setWordWrap(True)
        form.addRow(self.code_columns)
        layout.addWidget(self.code_sheet_box)

        layout.addWidget(QLabel(f"<b>The first {PREVIEW_ROWS} rows</b>", self))
        self.preview = QTableWidget(0, 0, self)
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        layout.addWidget(self.preview, 2)

        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {tones.css(tones.ink('bad'))};")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_table()

    # -- filling in ---------------------------------------------------------------------
    def _show_table(self) -> None:
        t = self.table
        shape = SHAPES.get(t.shape, "a table")
        notes = "".join(f"<br>• {w}" for w in t.warnings)
        self.summary.setText(f"<b>{self.path.name}</b> looks like {shape}: {len(t.rows)} rows, "
                             f"{len(t.columns)} columns.{notes}")
        self.id_column.blockSignals(True)
        self.id_column.clear()
        self.id_column.addItems([NO_ID, *t.columns])
        self.id_column.setCurrentText(t.id_column or _guess_id(t) or NO_ID)
        self.id_column.blockSignals(False)
        self._fill_columns()
        self._fill_preview()
        self._question_from_file_name()
        self.kind_buttons[self._guess_kind()].setChecked(True)
        self._kind_changed()

    def _fill_columns(self) -> None:
        t, id_col = self.table, self.chosen_id()
        for widget in (*self._use.values(), *self._types.values()):  # another sheet: drop the old rows' choices
            widget.hide()
            widget.deleteLater()
        self._use.clear()
        self._types.clear()
        self.columns.setRowCount(0)
        self.columns.setRowCount(len(t.columns))
        for row, name in enumerate(t.columns):
            detected = t.column_types.get(name, "text")
            label = name if name == t.descriptions.get(name, name) else f"{name} — {t.descriptions[name]}"
            self.columns.setItem(row, 0, _item(label, tip=t.descriptions.get(name, name)))
            self.columns.setItem(row, 1, _item(detected))
            use = QComboBox(self.columns)
            use.addItems([IGNORE, QUESTION, ATTRIBUTE, ID])
            use.setCurrentText(ID if name == id_col else _default_use(detected))
            use.currentTextChanged.connect(lambda text, n=name: self._use_changed(n, text))
            types = QComboBox(self.columns)
            types.addItems(list(allowed_attribute_types(detected)))
            if detected == "text" and not _is_long_text(t, name):
                types.setCurrentText("category")  # short labels (a service, a profession) group people
            self.columns.setCellWidget(row, 2, use)
            self.columns.setCellWidget(row, 3, types)
            self._use[name], self._types[name] = use, types

    def _fill_preview(self) -> None:
        t = self.table
        rows = t.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(t.columns))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels([f"{c}\n({t.column_types.get(c, 'text')})" for c in t.columns])
        self.preview.setVerticalHeaderLabels([str(n) for n in t.row_lines[:PREVIEW_ROWS]])
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                text = (cell or "").replace("\n", " ⏎ ")
                self.preview.setItem(r, c, _item(text[:120] + ("…" if len(text) > 120 else ""), tip=cell or ""))
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))

    def _read_sheet(self, sheet: str) -> None:
        try:
            self.table = read_table(self.path, sheet or None)
        except ImportRefused as exc:
            self._sheet_problem = f"{exc} — choose another worksheet."
            self._validate()
            return
        self._sheet_problem = ""
        self._show_table()

    def _guess_kind(self) -> str:
        t, id_col = self.table, self.chosen_id()
        header = {c.casefold() for c in t.columns}
        if header & {"path", "name", "code"} and header & {"description", "definition", "inclusion"}:
            return CODEBOOK
        if _looks_like_code_sheet(t, id_col) and self.question.count():
            return CODE_SHEET
        if not any(_is_long_text(t, c) for c in t.columns if c != id_col):
            return ATTRIBUTES  # short values only: roles, sites, years — no answers to code
        return SURVEY

    # -- choices --------------------------------------------------------------------------
    def kind(self) -> str:
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), SURVEY)

    def chosen_id(self) -> str | None:
        text = self.id_column.currentText()
        return None if text in ("", NO_ID) else text

    def set_use(self, column: str, use: str, attribute_type: str | None = None) -> None:
        """Choose what a column is (the same as picking it in the table)."""
        self._use[column].setCurrentText(use)
        if attribute_type:
            self._types[column].setCurrentText(attribute_type)

    def columns_used_as(self, use: str) -> list[str]:
        return [c for c in self.table.columns if self._use[c].currentText() == use and c != self.chosen_id()]

    def _kind_changed(self, *_args: object) -> None:
        if not self._use:
            return
        kind = self.kind()
        self.code_sheet_box.setVisible(kind == CODE_SHEET)
        self.id_column.setEnabled(kind != CODEBOOK)
        self.columns.setColumnHidden(2, kind != SURVEY)
        self.columns.setColumnHidden(3, kind in (CODE_SHEET, CODEBOOK))
        self.columns_box.setTitle({SURVEY: "Columns: choose the open questions and the attributes",
                                   CODE_SHEET: "Columns: each column of 0/1 marks besides the id is a code",
                                   ATTRIBUTES: "Columns: every column besides the id is an attribute",
                                   CODEBOOK: "Columns: a code's path (Theme/Code) or name, its definition, "
                                             "inclusion and exclusion criteria, example"}[kind])
        if kind == CODE_SHEET:
            # the import's own rule (io.code_marks): ratings, blank columns and attributes are not codes
            ignore = {c.casefold() for c in [*self.project.participants.attribute_types(), "answer"]}
            codes, others = code_columns(self.table.columns, self.table.rows, self.chosen_id(), ignore)
            left = f"<br>Not codes, left out: {escape(', '.join(others))}" if others else ""
            self.code_columns.setText(f"{len(codes)} code columns: " + escape(", ".join(codes[:6]))
                                      + ("…" if len(codes) > 6 else "") + left + self._answered_text())
        self._validate()

    def _question_from_file_name(self) -> None:
        """"reference_coding_q2_support.csv" belongs to the question "q2_support"."""
        stem = self.path.stem.casefold()
        names = [self.question.itemText(i) for i in range(self.question.count())]
        match = max((n for n in names if n.casefold() in stem), key=len, default=None)
        if match:
            self.question.setCurrentText(match)

    def _answered_text(self) -> str:
        """How many of the sheet's respondents answered the chosen question: a check on the choice."""
        id_col, question = self.chosen_id(), self.question.currentText()
        if id_col is None or not question:
            return ""
        answered = respondents_with_answers(self.project, question)
        j = self.table.columns.index(id_col)
        ids = {(row[j] or "").strip() for row in self.table.rows}
        hit = len(ids & answered)
        colour = tones.css(tones.ink("bad" if hit < 0.5 * len(ids) else "good"))
        return (f"<br><span style='color:{colour}'>{hit} of the {len(ids)} respondents in this sheet "
                f"answered ‘{question}’.</span>")

    def _use_changed(self, name: str, use: str) -> None:
        if use == ID and name != self.chosen_id():
            self.id_column.setCurrentText(name)  # choosing "Respondent id" in the table moves the id
        elif use != ID and name == self.chosen_id():
            self.id_column.setCurrentText(NO_ID)
        self._validate()

    def _id_changed(self, *_args: object) -> None:
        id_col = self.chosen_id()
        for name, use in self._use.items():
            use.blockSignals(True)
            if name == id_col:
                use.setCurrentText(ID)
            elif use.currentText() == ID:
                use.setCurrentText(_default_use(self.table.column_types.get(name, "text")))
            use.blockSignals(False)
        self._kind_changed()

    def _validate(self, *_args: object) -> None:
        survey = self.kind() == SURVEY
        for name, types in self._types.items():
            types.setEnabled(name != self.chosen_id() and (not survey or self._use[name].currentText() == ATTRIBUTE))
        problem = self.problem_text()
        self.problem.setText(problem)
        self.import_button.setEnabled(not problem)

    def problem_text(self) -> str:
        """Why the import cannot start yet, in the researcher's words (empty when it can)."""
        kind, id_col = self.kind(), self.chosen_id()
        if self._sheet_problem:
            return self._sheet_problem
        if kind == CODEBOOK:
            return ""
        if kind == SURVEY and not self.columns_used_as(QUESTION):
            return "Choose at least one open-question column."
        if kind in (CODE_SHEET, ATTRIBUTES) and id_col is None:
            return "Choose the column that holds each respondent's id (or each participant's pseudonym)."
        if kind == CODE_SHEET and not self.coder.text().strip():
            return "Name the coder whose codings these are."
        if kind == CODE_SHEET and not self.question.currentText():
            return "Import the survey answers first: the codes belong to a question of the project."
        return ""

    def plan(self) -> Plan:
        """What to import, as chosen."""
        kind, id_col, sheet = self.kind(), self.chosen_id(), self.sheet.currentText() or None
        if kind == CODEBOOK:
            return CodebookPlan(str(self.path))
        if kind == CODE_SHEET:
            return CodeSheetPlan(str(self.path), id_col or "", self.coder.text().strip(),
                                 self.question.currentText() or None, sheet)
        if kind == ATTRIBUTES:
            types = {c: self._types[c].currentText() for c in self.table.columns if c != id_col}
            return AttributesPlan(str(self.path), id_col or "", types, sheet)
        attributes = self.columns_used_as(ATTRIBUTE)
        return SurveyPlan(str(self.path), id_col, tuple(self.columns_used_as(QUESTION)), tuple(attributes),
                          {c: self._types[c].currentText() for c in attributes}, sheet)


def _default_use(detected: str) -> str:
    return QUESTION if detected == "text" else ATTRIBUTE


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tip:
        item.setToolTip(tip)
    return item


def _guess_id(table: SurveyTable) -> str | None:
    """A column named like an id whose values are all different."""
    for name in table.columns:
        low = name.lower().replace(" ", "_")
        if low in ("id", "respondent", "respondent_id", "respondentid", "responseid", "response_id",
                   "participant", "pseudonym", "participant_id", "case", "case_id") or low.endswith("_id"):
            values = [(row[table.columns.index(name)] or "").strip() for row in table.rows]
            if all(values) and len(set(values)) == len(values):
                return name
    return None


def _is_long_text(table: SurveyTable, column: str) -> bool:
    """A column of answers worth coding: text, a few words on average."""
    if table.column_types.get(column) != "text":
        return False
    j = table.columns.index(column)
    values = [v.strip() for row in table.rows if (v := row[j]) and v.strip()]
    return bool(values) and sum(len(v) for v in values) / len(values) >= 30


def _looks_like_code_sheet(table: SurveyTable, id_col: str | None) -> bool:
    """Most columns besides the id hold only 0/1 or yes/no marks."""
    others = [j for j, c in enumerate(table.columns) if c != id_col]
    if not others:
        return False
    marks = sum(1 for j in others if all((row[j] or "").strip().lower() in _MARKS for row in table.rows[:200]))
    return marks >= max(2, 0.6 * len(others))
