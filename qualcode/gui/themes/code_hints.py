"""Analysis → Suggest codes for the selection: likely codes as hints, applied only by a click.

The ranking (learned from the coded passages and answers,
:func:`explain_codes_for_text`) runs in a worker; the span is remembered when
asked, so moving the selection meanwhile codes nothing by surprise.  Each
hint's tooltip says why: the nearest coded examples and the words that
weighed most.  In a transcript the hints learn, by default, only from the
same participant's coding (IPA's one case at a time); a tick widens them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from qualcode.core.themes.idiographic import participant_of_document
from qualcode.core.themes.passage_hints import explain_codes_for_text
from qualcode.gui import tones
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.mnemonics import as_written
from qualcode.gui.session import SpanTarget
from qualcode.gui.workers import run_in_background


class SuggestedCodesDialog(QDialog):
    """A few likely codes for one passage; a button per code applies it to that passage."""

    def __init__(self, session, coding, target: SpanTarget, parent: QWidget | None = None,
                 backend: str = "minilm", pool=None) -> None:
        super().__init__(parent)
        self.session, self.coding, self.target = session, coding, target
        self.setWindowTitle("Suggested codes")
        self.buttons: dict[int, QPushButton] = {}
        layout = QVBoxLayout(self)
        text = session.project.documents.text(target.document_id)[target.start:target.end]
        quote = " ".join(text.split())
        self.quote = QLabel(f"“{quote[:140]}{'…' if len(quote) > 140 else ''}”")
        self.quote.setWordWrap(True)
        self.quote.setStyleSheet(tones.muted_style())
        self.status = QLabel("Looking for similar coded passages…")
        self.status.setWordWrap(True)
        layout.addWidget(self.quote)
        self.participant = participant_of_document(session.project, target.document_id)
        self.same_participant = QCheckBox(f"Learn only from {self.participant}’s coded passages")
        self.same_participant.setObjectName("same-participant")
        self.same_participant.setToolTip("Each case in its own right: hints from other participants’ coding "
                                         "would carry their experience into this transcript")
        self.same_participant.setChecked(self.participant is not None)
        self.same_participant.setVisible(self.participant is not None)
        self.same_participant.toggled.connect(lambda *_: self.ask())
        layout.addWidget(self.same_participant)
        layout.addWidget(self.status)
        self._list = QVBoxLayout()
        layout.addLayout(self._list)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        layout.addWidget(close)
        self.setMinimumWidth(380)
        self._text, self._backend, self._pool = text, backend, pool
        self.ask()

    def whose(self) -> str | None:
        """Whose coding the hints learn from: this participant's (the default), or everyone's (None)."""
        return self.participant if self.same_participant.isChecked() else None

    def ask(self) -> None:
        """(Again) rank the codes, from the chosen participant's coding."""
        for button in self.buttons.values():
            self._list.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        self.status.setText("Looking for similar coded passages…")
        self._asked = asked = getattr(self, "_asked", 0) + 1  # an answer to an earlier question is dropped
        run_in_background(explain_codes_for_text, self.session.project, self._text, 5, self._backend, self.whose(),
                          pool=self._pool, on_finished=lambda r: self._show(r) if asked == self._asked else None,
                          on_error=lambda e: self.status.setText(f"No hints: {describe_failure(e, self)}"))

    def _show(self, result: dict) -> None:
        ranked = result["codes"]
        if not ranked:
            who = result.get("participant")
            self.status.setText("No hints: the selection is not an answer." if result["no_suggestion"]
                                else f"No hints yet: nothing of {who}’s is coded — code a few passages, or "
                                     "untick to learn from everyone’s." if who
                                else "No hints yet: code a few passages first, then ask again.")
            return
        if result["no_suggestion"]:
            self.status.setText("No code is likely for this passage. The closest, for what they are worth:")
        elif result.get("basis"):  # too little coding to learn from: the codes of the nearest passages
            self.status.setText(f"Hints {result['basis']} — click one to apply it to this passage:")
        else:
            self.status.setText("Hints learned from your coding — click one to apply it to this passage:")
        for hint in ranked:
            code_id = hint["code_id"]
            code = self.session.code(code_id)
            if code is None:
                continue
            button = QPushButton(f"{as_written(code.name)}   ·   {hint['score']:.2f}")
            button.setToolTip(hint_reasons(code.name, hint))
            button.setStyleSheet("text-align: left; padding: 4px 8px;")
            # The style sheet's padding is not counted in the native size hint: room for the whole line.
            button.setMinimumHeight(button.fontMetrics().height() + 14)
            button.clicked.connect(lambda _=False, c=code_id: self.apply(c))
            self.buttons[code_id] = button
            self._list.addWidget(button)
        self.adjustSize()  # the dialog grows to show every hint whole

    def apply(self, code_id: int) -> bool:
        done = self.coding.apply_code(code_id, self.target)
        if done:
            self.buttons[code_id].setEnabled(False)
            self.buttons[code_id].setText(self.buttons[code_id].text() + "   ✓ applied")
        return done


def hint_reasons(code_name: str, hint: dict) -> str:
    """The tooltip: why this code was suggested, and what a click does."""
    lines = [f"Apply ‘{code_name}’ to the passage (undoable)."]
    if hint.get("words"):
        lines.append("Words that weighed most: " + ", ".join(hint["words"]))
    if hint.get("examples"):
        lines.append("Nearest coded examples:")
        for example in hint["examples"]:
            quote = " ".join(str(example["text"]).split())
            lines.append(f"  “{quote[:100]}{'…' if len(quote) > 100 else ''}”")
    return "\n".join(lines)
