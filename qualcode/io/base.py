"""What an importer hands to the project, and how it refuses a file.

Readers are pure: they take a path (or bytes) and return plain dataclasses.
The project services (:mod:`qualcode.core`) turn those into documents inside
one transaction, so a reader that raises leaves the project untouched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.core.errors import QualcodeError


class ImportRefused(QualcodeError):
    """A file that cannot be imported, with a message a researcher can act on.

    The message always names the file and the problem, e.g.
    ``"interview3.docx: the file is damaged (not a valid Word document)"``.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


@dataclass(frozen=True)
class Turn:
    """One speaker turn: ``text[start:end]`` in code points, label included."""

    start: int
    end: int
    speaker: str
    is_interviewer: bool
    timestamp: str | None = None  # e.g. "00:03:12.400" from a subtitle cue


@dataclass
class TranscriptSource:
    """A transcript read from a file, ready to become a document.

    ``text`` is already normalised (LF line endings, no BOM); every offset
    in ``turns`` indexes into it in code points.
    """

    title: str
    text: str
    turns: list[Turn]
    source_name: str
    source_hash: str
    participant: str | None = None  # the non-interviewer speaker, if one stands out
    warnings: list[str] = field(default_factory=list)


def file_hash(data: bytes) -> str:
    """SHA-256 of the raw file, used to spot a file imported twice."""
    return hashlib.sha256(data).hexdigest()
