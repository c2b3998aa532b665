"""Importing files into a project, file by file.

A batch import reports on every file and keeps the good ones: each file is
read first (outside any transaction) and then added in its own transaction,
so a refused file leaves the project exactly as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.transcripts.documents import DuplicateDocument, TurnSpec
from qualcode.io.base import ImportRefused, TranscriptSource

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class FileOutcome:
    path: str
    imported: bool
    message: str
    document_id: int | None = None


@dataclass
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False

    @property
    def imported(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.imported]

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if not o.imported]


def read_transcript_file(path: str | Path) -> TranscriptSource:
    from qualcode.io.registry import read_transcript

    return read_transcript(Path(path))


def add_transcript_source(project: Project, source: TranscriptSource,
                          participant: str | None = None) -> int:
    """Add a read transcript in one transaction; returns the document id."""
    turns = [TurnSpec(t.start, t.end, t.speaker, t.is_interviewer, t.timestamp) for t in source.turns]
    with project.transaction() as s:
        row = project.documents.add_transcript_in(
            s, source.title, source.text, turns, participant or source.participant,
            source.source_name, source.source_hash)
        document_id = row.id
    project.emit("documents", (document_id,))
    project.emit("participants")
    return document_id


def import_transcripts(
    project: Project,
    paths: Sequence[str | Path],
    participant: str | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ImportReport:
    """Import transcript files; every file gets an outcome, good ones are kept."""
    report = ImportReport()
    if paths:
        project.backups.before("batch import")
    for i, path in enumerate(paths):
        if is_cancelled and is_cancelled():
            report.cancelled = True
            break
        name = Path(path).name
        try:
            source = read_transcript_file(path)
            document_id = add_transcript_source(project, source, participant)
        except ImportRefused as exc:
            report.outcomes.append(FileOutcome(str(path), False, str(exc)))
        except DuplicateDocument as exc:
            report.outcomes.append(FileOutcome(str(path), False, f"{name}: {exc}"))
        else:
            who = participant or source.participant
            detail = f"{len(source.turns)} speaker turns" + (f", participant {who}" if who else "")
            if not source.turns:
                detail = "no speaker turns found (imported as continuous text)"
            report.outcomes.append(FileOutcome(str(path), True, f"{name}: imported ({detail})", document_id))
        if progress:
            progress(i + 1, len(paths))
    return report
