"""The document navigator: transcripts by participant, answers by survey question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from qualcode.core.model import DocumentKind
from qualcode.core.project import Project

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentTreeModel(QStandardItemModel):
    """Groups documents the way researchers think of them.

    Transcripts sit under "Interviews", one row each with the participant's
    pseudonym; survey answers sit under their question, one row per answer.
    Large surveys are listed lazily by the survey table instead.
    """

    def __init__(self, project: Project, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._project = project
        self.setHorizontalHeaderLabels(["Document", "Codings"])
        self.reload()

    def reload(self) -> None:
        self.removeRows(0, self.rowCount())
        coded = self._project.queries.codings_per_document()
        participants = {p.id: p.pseudonym for p in self._project.participants.list()}
        transcripts = self._project.documents.list(DocumentKind.TRANSCRIPT)
        if transcripts:
            group = self._group(f"Interviews ({len(transcripts)})")
            for doc in transcripts:
                label = doc.title
                who = participants.get(doc.participant_id or -1)
                if who and who.casefold() != doc.title.casefold():
                    label = f"{doc.title} — {who}"
                item = QStandardItem(label)
                item.setData(doc.id, DOCUMENT_ID_ROLE)
                item.setToolTip(f"{doc.source_name}\nimported {doc.imported_at:%Y-%m-%d %H:%M}")
                count = QStandardItem(str(coded.get(doc.id, 0)))
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                group.appendRow([item, count])
        questions = self._project.documents.questions()
        for question, n in questions:
            group = self._group(f"{question.name} ({n} answers)")
            group.setToolTip(question.text)
            group.setData(-question.id, DOCUMENT_ID_ROLE)

    def _group(self, title: str) -> QStandardItem:
        item = QStandardItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setSelectable(False)
        self.appendRow([item, QStandardItem("")])
        return item
