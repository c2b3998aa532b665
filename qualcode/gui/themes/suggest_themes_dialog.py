"""Analysis → Suggest themes…: what to group (at which IPA level), how many sub-themes, which method and backend.

The IPA levels come first, in the project's terms: one participant's
statements into their personal themes, every personal theme into group
themes, or a later participant's personal themes placed under the group
themes already there (that opens the placement dialog, not a board).

Embedding and clustering run in a worker with a progress bar and Cancel;
the finished suggestion goes to ``on_suggestion(data, vectors)`` (the board).
Nothing in the project changes here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qualcode.analysis.embeddings.registry import available_backends
from qualcode.app.settings.options import EMBEDDING_BACKEND
from qualcode.core.model import CodeRole
from qualcode.core.themes.clustered import Clustered
from qualcode.core.themes.idiographic import statements_waiting
from qualcode.core.themes.levels import personal_themes
from qualcode.core.themes.placement import Placement, placement_suggestions, places, unplaced_personal_themes
from qualcode.core.themes.terms import terms_of
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.themes.theme_suggestion_worker import SuggestRequest, run_suggestion
from qualcode.gui.workers import Worker, run_in_background

ONE_PARTICIPANT = "participant"  # one participant's statements into their PETs (IPA's idiographic step)
PLACE = "place"  # a later participant's PETs under the group themes already there
METHODS = [("Automatic", "auto"), ("Hierarchical (small sets)", "hierarchical"),
           ("k-means", "kmeans"), ("HDBSCAN (large sets; leaves an Unclustered group)", "hdbscan")]


class SuggestThemesDialog(QDialog):
    """Choose what to cluster and run the suggestion in the background."""

    def __init__(self, session, on_suggestion: Callable[[dict, dict], None],
                 parent: QWidget | None = None, pool=None,
                 on_placement: Callable[[list[Placement]], None] | None = None,
                 open_participant: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Suggest themes")
        self.session, self.project = session, session.project
        self._on_suggestion = on_suggestion
        self._on_placement = on_placement
        self._pool = pool
        self._open_participant = open_participant  # whose transcript is on screen, asked about first
        self.worker: Worker | None = None
        self._running = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._scope_box())
        layout.addWidget(self._settings_box())
        self.status = QLabel("The project does not change until you accept on the board.")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.suggest_button = QPushButton("Suggest")
        self.suggest_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.buttons.addButton(self.suggest_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.suggest_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.buttons)
        self._update_enabled()

    # -- form --------------------------------------------------------------------------
    def _scope_box(self) -> QGroupBox:
        box = QGroupBox("What to group")
        grid = QGridLayout(box)
        self.scope = QButtonGroup(self)
        words = terms_of(self.project)
        participants = sorted(p.pseudonym for p in self.project.participants.list())
        has_emergent = any(c.role == CodeRole.EMERGENT for c in self.project.codes.list())
        pets = len(personal_themes(self.project))
        unplaced = len(unplaced_personal_themes(self.project)) if places(self.project) else 0
        codes = sorted(c.name for c in self.project.codes.list() if c.role != CodeRole.EMERGENT)
        questions = [q.name for q, _n in self.project.documents.questions()]
        self.waiting = statements_waiting(self.project) if has_emergent else {}
        self.participant = _combo(participants)
        ready = [p for p in participants if self.waiting.get(p, 0) >= 2]  # statements still to group
        # The transcript the researcher is reading, when its statements wait; else the first that waits.
        first = self._open_participant if self._open_participant in ready else next(iter(ready), None)
        if first is not None:
            self.participant.setCurrentText(first)
        self.code = _combo(codes)
        self.question = _combo(questions)
        self.uncoded = QCheckBox("only answers not coded yet")
        rows = [(ONE_PARTICIPANT, f"{_cap(words.personal_themes)} for", self.participant,
                 has_emergent and bool(participants),
                 f"One participant’s {words.statements} into their {words.personal_themes}; only their "
                 "material is shown"),
                (Clustered.PERSONAL_THEMES.value, f"{_cap(words.group_themes)}, from every participant’s "
                 f"{words.personal_themes} ({pets})", None, pets >= 2,
                 f"Every {words.personal_theme} into {words.group_themes}; accepting links them and moves "
                 "nothing"),
                (PLACE, f"Place {unplaced} {words.personal_themes} not yet in a {words.group_theme} under the "
                 f"existing {words.group_themes}", None, unplaced > 0,
                 f"For a later participant: the 3 most alike {words.group_themes} for each, one click to link"),
                (Clustered.EMERGENT.value, f"{_cap(words.statements)} across all participants, in one level",
                 None, has_emergent,
                 f"Without {words.personal_themes}: accepting moves the {words.statements} under new themes"),
                (Clustered.SEGMENTS.value, "The segments of one code", self.code, bool(codes), None),
                (Clustered.ANSWERS.value, "The answers to one question", self.question, bool(questions), None)]
        for row, (key, text, field, ok, tip) in enumerate(rows):
            radio = QRadioButton(text)
            radio.setObjectName(key)
            radio.setEnabled(ok)
            if tip:
                radio.setToolTip(tip)
            self.scope.addButton(radio, row)
            grid.addWidget(radio, row, 0)
            if field is not None:
                grid.addWidget(field, row, 1)
        grid.addWidget(self.uncoded, len(rows), 1)
        enabled = [b for b in self.scope.buttons() if b.isEnabled()]
        if enabled:
            # Where the analysis stands: statements still to group, else PETs to place, else group themes.
            later = {b.objectName(): b for b in enabled}
            start = enabled[0]
            if has_emergent and not any(n >= 2 for n in self.waiting.values()):
                start = later.get(PLACE) or later.get(Clustered.PERSONAL_THEMES.value) or start
            start.setChecked(True)
        self.scope.buttonToggled.connect(lambda *_: self._update_enabled())
        return box

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox("How")
        form = QFormLayout(box)
        self.auto_count = QCheckBox("automatic")
        self.auto_count.setChecked(True)
        self.count = QSpinBox()
        self.count.setRange(2, 60)
        self.count.setValue(8)
        self.auto_count.toggled.connect(lambda *_: self._update_enabled())
        row = QWidget()
        h = QGridLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.auto_count, 0, 0)
        h.addWidget(self.count, 0, 1)
        form.addRow("Sub-themes", row)
        self.method = QComboBox()
        for text, value in METHODS:
            self.method.addItem(text, value)
        form.addRow("Method", self.method)
        self.backend = QComboBox()
        model: QStandardItemModel = self.backend.model()  # type: ignore[assignment]
        self.backend.addItem("Automatic — MiniLM; the fast static tier above 5,000 items", "auto")
        for info in available_backends():
            label = info.label if info.available else f"{info.label} — {info.reason}"
            self.backend.addItem(label, info.name)
            item = model.item(self.backend.count() - 1)
            item.setEnabled(info.available)
            item.setToolTip(info.reason or label)
        first = next((i for i in range(self.backend.count()) if model.item(i).isEnabled()), 0)
        settings = getattr(self.session, "settings", None)  # Edit → Preferences… chooses the first offered
        wanted = self.backend.findData(settings.value(EMBEDDING_BACKEND)) if settings is not None else -1
        if wanted >= 0 and model.item(wanted).isEnabled():
            first = wanted
        self.backend.setCurrentIndex(first)
        form.addRow("Similarity", self.backend)
        return box

    def _scope_key(self) -> str:
        button = self.scope.checkedButton()
        return button.objectName() if button else ""

    def _items(self) -> Clustered | None:
        key = self._scope_key()
        if not key or key == PLACE:
            return None
        return Clustered.STATEMENTS if key == ONE_PARTICIPANT else Clustered(key)

    def _update_enabled(self) -> None:
        key, items = self._scope_key(), self._items()
        self.participant.setEnabled(key == ONE_PARTICIPANT)
        self.code.setEnabled(items == Clustered.SEGMENTS)
        self.question.setEnabled(items == Clustered.ANSWERS)
        self.uncoded.setEnabled(items == Clustered.ANSWERS)
        self.count.setEnabled(not self.auto_count.isChecked())
        self.suggest_button.setEnabled(bool(key) and not self._running)

    def set_scope(self, key: str, name: str | None = None) -> None:
        """Choose what to group (for tests and for menu shortcuts).

        ``key`` is ``participant`` (one participant's statements into their
        personal themes), ``place`` (PETs in no group theme under the existing
        ones) or what ``qualcode suggest --items`` takes (``personal-themes``,
        ``emergent``, ``segments``, ``answers``, or an alias such as ``code`` or
        ``question``); ``name`` picks the participant, code or question.
        """
        if key == Clustered.STATEMENTS.value:
            key = ONE_PARTICIPANT
        key = key if key in (ONE_PARTICIPANT, PLACE) else Clustered.parse(key).value
        next(b for b in self.scope.buttons() if b.objectName() == key).setChecked(True)
        field = {ONE_PARTICIPANT: self.participant, Clustered.SEGMENTS.value: self.code,
                 Clustered.ANSWERS.value: self.question}.get(key)
        if field is not None and name is not None:
            field.setCurrentText(name)
        self._update_enabled()

    def request(self) -> SuggestRequest:
        items = self._items() or Clustered.PERSONAL_THEMES
        return SuggestRequest(items,
                              participant=self.participant.currentText() if self._scope_key() == ONE_PARTICIPANT
                              else None,
                              code=self.code.currentText() if items == Clustered.SEGMENTS else None,
                              question=self.question.currentText() if items == Clustered.ANSWERS else None,
                              uncoded_only=self.uncoded.isChecked() and items == Clustered.ANSWERS,
                              clusters=None if self.auto_count.isChecked() else self.count.value(),
                              method=self.method.currentData(), backend=self.backend.currentData())

    # -- running -----------------------------------------------------------------------
    def start(self) -> None:
        request = self.request()
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText("Reading the items and measuring how alike they are…")
        self.cancel_button.setText("Stop")
        self._running = True
        if self._scope_key() == PLACE:
            worker = run_in_background(placement_suggestions, self.project, request.backend, pool=self._pool,
                                       on_finished=self._placed, on_error=self._failed,
                                       on_progress=self._progress, on_cancelled=self._cancelled)
        else:
            worker = run_in_background(run_suggestion, self.project, request, pool=self._pool,
                                       on_finished=self._finished, on_error=self._failed,
                                       on_progress=self._progress, on_cancelled=self._cancelled)
        if self._running:  # a quick (or synchronous) run may already have reported
            self.worker = worker
        self._update_enabled()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("Stopping…")
        else:
            self.reject()

    def reject(self) -> None:
        """Closing the dialog (Esc, the window's close box) stops the work too."""
        if self.worker is not None:
            self.worker.cancel()
        super().reject()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"Measuring similarity: {done} of {total} items")

    def _idle(self, message: str) -> None:
        self._running = False
        self.worker = None
        self.progress.setVisible(False)
        self.cancel_button.setText("Cancel")
        self.status.setText(message)
        self._update_enabled()

    def _finished(self, result: tuple[dict, dict]) -> None:
        self._idle("Done.")
        data, vectors = result
        self._on_suggestion(data, vectors)
        self.accept()

    def _placed(self, placements: list) -> None:
        self._idle("Done.")
        if self._on_placement is not None:
            self._on_placement(placements)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._idle(f"No suggestion: {describe_failure(error, self)}")

    def _cancelled(self) -> None:
        self._idle("Stopped. Nothing changed in the project.")


def shown_participant(window) -> str | None:
    """The participant whose transcript is on screen in ``window`` (None: a survey answer, the welcome page)."""
    page, session = getattr(window, "document_page", None), getattr(window, "session", None)
    if page is None or session is None or window.stack.currentWidget() is not page or page.view.document_id is None:
        return None
    return session.project.documents.participant_label(page.view.document_id)


def _cap(words: str) -> str:
    return words[:1].upper() + words[1:]


def _combo(values: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.addItems(values)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    combo.setMaxVisibleItems(20)
    return combo

