"""The options of one report as a form: only the options that report understands.

Which rows appear comes from :class:`~qualcode.reports.registry.ReportSpec`
``options``; the form reads the project once (questions, participants,
attributes, coders) and hands back a plain
:class:`~qualcode.reports.options.ReportOptions`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from qualcode.core.coding.workbench import coder_names
from qualcode.core.project import Project
from qualcode.reports.options import ReportOptions
from qualcode.reports.registry import ReportSpec
from qualcode.reports.source import attribute_names, attribute_values

SELECTIONS = (("all", "All quotes"), ("typical", "The N most typical"),
              ("balanced", "Balanced (no participant dominates)"))
LEVELS = (("all", "Themes and codes"), ("themes", "Themes only"), ("codes", "Codes only"))
CODEBOOK_LEVELS = (("all", "Every code"), ("themes", "Without emergent themes"))
NOBODY = "(everyone)"


def _checklist(items: list[str], checked: set[str] = frozenset()) -> QListWidget:
    widget = QListWidget()
    for text in items:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if text in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(min(110, 22 * max(1, len(items)) + 6))
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class ReportOptionsForm(QWidget):
    """Widgets for the options ``spec`` takes; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, project: Project, spec: ReportSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        wanted = spec.options
        questions = [q.name for q, _ in project.documents.questions()]
        attributes = attribute_names(project)
        self.selection = self.max_quotes = self.notes = self.question = self.participant = None
        self.by = self.attributes = self.filter_attribute = self.filter_values = self.threshold = None
        self.coder = self.level = self.count_non_answers = self.order = self.answers = None
        self.cite = self.numbered = self.sections_by = self.landscape = None
        self._project = project
        if "selection" in wanted:
            self.selection = self._combo(SELECTIONS)
            self.form.addRow("Quotes", self.selection)
            self.selection.currentIndexChanged.connect(self._enable)
        if "max_quotes" in wanted:
            self.max_quotes = QSpinBox()
            self.max_quotes.setRange(1, 500)
            self.max_quotes.setValue(5 if spec.name == "quotes" else 4)
            self.max_quotes.setSuffix(" per theme")
            self.max_quotes.valueChanged.connect(self.changed)
            self.form.addRow("At most", self.max_quotes)
        if "notes" in wanted:
            self.notes = QCheckBox("Exploratory notes beside each quote")
            self.notes.toggled.connect(self.changed)
            self.form.addRow("", self.notes)
        if "question" in wanted and questions:
            self.question = QComboBox()
            self.question.addItems(questions)
            self.question.currentIndexChanged.connect(self.changed)
            self.form.addRow("Question", self.question)
        if "participant" in wanted:
            self.participant = QComboBox()
            self.participant.setEditable(True)
            self.participant.addItem(NOBODY)
            kind = "participant" if spec.name in ("coded-transcript", "personal-themes") else None
            self.participant.addItems([p.pseudonym for p in project.participants.list(kind)])
            self.participant.currentIndexChanged.connect(self.changed)
            self.form.addRow("Participant", self.participant)
        if "by" in wanted and attributes:
            self.by = QComboBox()
            self.by.addItem("(no groups)", None)
            for a in attributes:
                self.by.addItem(a.replace("_", " "), a)
            self.by.currentIndexChanged.connect(self.changed)
            self.form.addRow("Groups by", self.by)
        if "attributes" in wanted and attributes:
            self.attributes = _checklist(attributes)
            self.attributes.itemChanged.connect(self.changed)
            self.form.addRow("Show attributes", self.attributes)
        if "filters" in wanted and attributes:
            self.filter_attribute = QComboBox()
            self.filter_attribute.addItem("(everyone)", None)
            for a in attributes:
                self.filter_attribute.addItem(a.replace("_", " "), a)
            self.filter_values = QListWidget()
            self.filter_values.setMaximumHeight(90)
            row = QWidget()
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.filter_attribute)
            box.addWidget(self.filter_values, 1)
            self.filter_attribute.currentIndexChanged.connect(self._fill_filter_values)
            self.filter_values.itemChanged.connect(self.changed)
            self.form.addRow("Only where", row)
            self._fill_filter_values()
        if "threshold" in wanted:
            self.threshold = QSpinBox()
            self.threshold.setRange(5, 100)
            self.threshold.setSingleStep(5)
            self.threshold.setValue(50)
            self.threshold.setSuffix(" % of participants")
            self.threshold.valueChanged.connect(self.changed)
            self.form.addRow("Flag themes below", self.threshold)
        if "level" in wanted:
            self.level = self._combo(CODEBOOK_LEVELS if spec.name == "codebook" else LEVELS)
            self.form.addRow("Codes" if spec.name == "codebook" else "Rows", self.level)
        if "order" in wanted:
            self.order = self._combo((("prevalence", "By prevalence (most raised first)"),
                                      ("codebook", "In codebook order")))
            self.form.addRow("Order", self.order)
        if "cite" in wanted and attributes:
            self.cite = QComboBox()
            self.cite.addItem("(respondent id or pseudonym)", None)
            for a in attributes:
                self.cite.addItem(a.replace("_", " "), a)
            self.cite.currentIndexChanged.connect(self.changed)
            self.form.addRow("Cite quotes by", self.cite)
        if "sections_by" in wanted and attributes:
            self.sections_by = QComboBox()
            self.sections_by.addItem("(one table)", None)
            for a in attributes:
                self.sections_by.addItem(a.replace("_", " "), a)
            self.sections_by.currentIndexChanged.connect(self.changed)
            self.form.addRow("A section per", self.sections_by)
        if "numbered" in wanted:
            self.numbered = QCheckBox("Number the quotes 1, 2, 3 …")
            self.numbered.toggled.connect(self.changed)
            self.form.addRow("", self.numbered)
        if "landscape" in wanted:
            self.landscape = QCheckBox("Landscape pages (portrait reads best)")
            self.landscape.toggled.connect(self.changed)
            self.form.addRow("", self.landscape)
        if "answers" in wanted:
            self.answers = QCheckBox("Each answer's text beside its 0/1 columns")
            self.answers.toggled.connect(self.changed)
            self.form.addRow("", self.answers)
        if "count_non_answers" in wanted and questions:
            self.count_non_answers = QCheckBox("Count non-answers (“N/A”, “-”, “none” …) as answers")
            self.count_non_answers.setToolTip("Left out of every base and count by default; "
                                              "the table's note says how many were left out.")
            self.count_non_answers.toggled.connect(self.changed)
            self.form.addRow("", self.count_non_answers)
        if "coders" in wanted:
            coders = coder_names(project)
            if len(coders) > 1:
                self.coder = QComboBox()
                self.coder.addItem("(all coders)", None)
                for name in coders:
                    self.coder.addItem(name, name)
                self.coder.currentIndexChanged.connect(self.changed)
                self.form.addRow("Coder", self.coder)
        self._enable()

    def _combo(self, items: tuple[tuple[str, str], ...]) -> QComboBox:
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _enable(self) -> None:
        if self.selection is not None and self.max_quotes is not None:
            self.max_quotes.setEnabled(self.selection.currentData() != "all")

    def _fill_filter_values(self) -> None:
        assert self.filter_values is not None and self.filter_attribute is not None
        self.filter_values.blockSignals(True)
        self.filter_values.clear()
        name = self.filter_attribute.currentData()
        for value in attribute_values(self._project, name) if name else []:
            item = QListWidgetItem(value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.filter_values.addItem(item)
        self.filter_values.setEnabled(bool(name))
        self.filter_values.blockSignals(False)
        self.changed.emit()

    def options(self) -> ReportOptions:
        """What the form says, as the options every report reads."""
        o = ReportOptions()
        if self.selection is not None:
            o.selection = self.selection.currentData()
        if self.max_quotes is not None and (self.selection is None or o.selection != "all"):
            o.max_quotes = self.max_quotes.value()
        if self.notes is not None:
            o.notes = self.notes.isChecked()
        if self.question is not None:
            o.question = self.question.currentText()
        if self.participant is not None and self.participant.currentText() not in ("", NOBODY):
            o.participant = self.participant.currentText()
        if self.by is not None:
            o.by = self.by.currentData()
        if self.attributes is not None:
            o.attributes = _checked(self.attributes)
        if self.filter_attribute is not None and self.filter_attribute.currentData():
            o.filters = {self.filter_attribute.currentData(): _checked(self.filter_values)}
        if self.threshold is not None:
            o.threshold = self.threshold.value() / 100
        if self.level is not None:
            o.level = self.level.currentData()
        if self.coder is not None and self.coder.currentData():
            o.coders = [self.coder.currentData()]
        if self.order is not None:
            o.order = self.order.currentData()
        if self.count_non_answers is not None:
            o.count_non_answers = self.count_non_answers.isChecked()
        if self.answers is not None:
            o.answers = self.answers.isChecked()
        if self.cite is not None and self.cite.currentData():
            o.cite = [self.cite.currentData()]
        if self.sections_by is not None and self.sections_by.currentData():
            o.sections_by = self.sections_by.currentData()
        if self.numbered is not None:
            o.numbered = self.numbered.isChecked()
        if self.landscape is not None:
            o.landscape = self.landscape.isChecked()
        return o
