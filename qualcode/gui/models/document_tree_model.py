"""The document navigator: transcripts by participant, answers by survey question.

Interviews are listed by participant (a participant with several
transcripts opens to show them); each survey question is one row that opens
survey mode, since a question may hold thousands of answers.  The second
column counts codings (for a question: answers coded of answers), and is
refreshed in place as coding goes on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from qualcode.core.coding.workbench import codings_per_question
from qualcode.core.model import DocumentKind
from qualcode.gui.session import Session

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
PARTICIPANT_ROLE = Qt.ItemDataRole.UserRole + 3
COUNT_KEY_ROLE = Qt.ItemDataRole.UserRole + 4


class DocumentTreeModel(QStandardItemModel):
    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._count_items: dict[tuple, QStandardItem] = {}
        self._answers: dict[int, int] = {}
        self.setHorizontalHeaderLabels(["Document", "Codings"])
        self.reload()

    def reload(self) -> None:
        self.removeRows(0, self.rowCount())
        self._count_items = {}
        p = self._session.project
        people = {x.id: x.pseudonym for x in p.participants.list()}
        transcripts = p.documents.list(DocumentKind.TRANSCRIPT)
        if transcripts:
            group = self._group("Interviews")
            by_person: dict[int | None, list] = {}
            for doc in transcripts:
                by_person.setdefault(doc.participant_id, []).append(doc)
            order = sorted(by_person, key=lambda pid: (pid is None, people.get(pid, "").casefold()))
            for pid in order:
                docs = by_person[pid]
                who = people.get(pid) if pid is not None else None
                if who and len(docs) == 1:
                    self._document_row(group, docs[0], who)
                elif who:
                    item = QStandardItem(who)
                    item.setData(who, PARTICIPANT_ROLE)
                    count = self._count_item(("participant", pid))
                    group.appendRow([item, count])
                    for doc in docs:
                        self._document_row(item, doc, None)
                else:
                    for doc in docs:
                        self._document_row(group, doc, None)
        questions = p.documents.questions()
        if questions:
            group = self._group("Survey")
            self._answers = {}
            for question, n in questions:
                item = QStandardItem(question.name)
                item.setData(question.id, QUESTION_ID_ROLE)
                item.setToolTip(f"{question.text}\n{n} answers ({question.blank_count} left blank)")
                self._answers[question.id] = n
                group.appendRow([item, self._count_item(("question", question.id))])
        self.refresh_counts()

    def _document_row(self, parent: QStandardItem, doc, who: str | None) -> None:
        item = QStandardItem(who or doc.title)
        item.setData(doc.id, DOCUMENT_ID_ROLE)
        if who:
            item.setData(who, PARTICIPANT_ROLE)
        item.setToolTip(f"{doc.title}\n{doc.source_name}\nimported {doc.imported_at:%Y-%m-%d %H:%M}")
        parent.appendRow([item, self._count_item(("document", doc.id, doc.participant_id))])

    def _count_item(self, key: tuple) -> QStandardItem:
        item = QStandardItem("")
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setEditable(False)
        item.setSelectable(True)
        self._count_items[key] = item
        return item

    def refresh_counts(self) -> None:
        """Update the count column in place (no rebuild, so selection and scroll stay put)."""
        p = self._session.project
        coders = self._session.coder_filter
        per_doc = p.queries.codings_per_document(coders)
        per_question = codings_per_question(p, coders) if self._answers else {}
        per_person: dict[int, int] = {}
        for key in self._count_items:
            if key[0] == "document" and key[2] is not None:
                per_person[key[2]] = per_person.get(key[2], 0) + per_doc.get(key[1], 0)
        for key, item in self._count_items.items():
            if key[0] == "document":
                text = str(per_doc.get(key[1], 0))
            elif key[0] == "participant":
                text = str(per_person.get(key[1], 0))
            else:
                text = f"{per_question.get(key[1], 0)}/{self._answers.get(key[1], 0)}"
            if item.text() != text:
                item.setText(text)

    def _group(self, title: str) -> QStandardItem:
        item = QStandardItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setSelectable(False)
        item.setEditable(False)
        blank = QStandardItem("")
        blank.setSelectable(False)
        self.appendRow([item, blank])
        return item

    def find_document(self, document_id: int) -> QStandardItem | None:
        return self._find(DOCUMENT_ID_ROLE, document_id)

    def find_question(self, question_id: int) -> QStandardItem | None:
        return self._find(QUESTION_ID_ROLE, question_id)

    def _find(self, role: int, value: int) -> QStandardItem | None:
        matches = self.match(self.index(0, 0), role, value, 1,
                             Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return self.itemFromIndex(matches[0]) if matches else None
