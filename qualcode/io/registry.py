"""Which reader handles which file, and the one path every transcript takes.

Readers register themselves by suffix with :func:`transcript_reader`; they
receive the raw bytes and return :class:`ReadText`.  :func:`read_transcript`
does the parts that must be the same for every format: the size cap, the
hash of the raw bytes, text normalisation, speaker turns, and turning any
unexpected exception into :class:`ImportRefused` so a batch import reports
the file instead of crashing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from qualcode.io.base import ImportRefused, TranscriptSource, Turn, file_hash
from qualcode.io.safety.files import read_regular_file, regular_file_size
from qualcode.io.textnorm import normalise_text
from qualcode.io.turns import (
    find_turns,
    guess_interviewer,
    is_interviewer_label,
    main_participant,
    mark_interviewer,
)

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024

# Formats people try that we do not read, with what to do instead.
_HINTS = {
    ".doc": "old Word .doc files are not read; open it in Word or LibreOffice and save it as .docx",
    ".pages": "Pages files are not read; export it from Pages as .docx",
    ".xls": "old Excel .xls files are not read; save it as .xlsx or .csv",
    ".csv": "spreadsheets are imported as a survey, code sheet or attributes, not as a transcript",
    ".xlsx": "spreadsheets are imported as a survey, code sheet or attributes, not as a transcript",
}


@dataclass
class ReadText:
    """What a format reader found: the text, and turns if the format has them.

    Subtitle formats know their speakers and times, so they build ``turns``
    themselves (offsets into ``text``); other readers leave it ``None`` and
    turns are found in the text.
    """

    text: str
    turns: list[Turn] | None = None
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[Path, bytes], ReadText]
_READERS: dict[str, Reader] = {}


def transcript_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader for ``suffixes``."""

    def register(func: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = func
        return func

    return register


def supported_suffixes() -> tuple[str, ...]:
    """Suffixes that :func:`read_transcript` accepts, e.g. for a file dialog."""
    _load_readers()
    return tuple(sorted(_READERS))


def read_capped(path: str | Path) -> bytes:
    """The whole file, after checking it is an ordinary file not over the size cap.

    Folders, devices, pipes and sockets are refused before anything is
    opened (see :mod:`qualcode.io.safety.files`), and the size is checked
    before reading so a huge file is refused without filling the memory first.
    """
    path = Path(path)
    size = regular_file_size(path)
    return read_regular_file(path, MAX_FILE_BYTES, _too_large(size))


def _too_large(size: int) -> str:
    return (
        f"the file is {size / 1024 / 1024:,.0f} MB; qualcode imports files up to "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB — split it into smaller files"
    )


def read_transcript(path: str | Path, *, interviewer: str | None = None) -> TranscriptSource:
    """Read any supported transcript file; raise :class:`ImportRefused` if it cannot be.

    ``interviewer`` names the interviewer's label when it is a person's name
    (e.g. "Sam"), so their turns are marked.
    """
    path = Path(path)
    _load_readers()
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ImportRefused(path, _HINTS.get(suffix) or _unsupported_message(suffix))
    data = read_capped(path)
    if not data:
        raise ImportRefused(path, "the file is empty")
    try:
        result = reader(path, data)
    except ImportRefused:
        raise
    except MemoryError:
        raise ImportRefused(path, "the file is too large to read into memory") from None
    except Exception as exc:  # any library failure becomes a refusal, not a crash
        log.exception("reader for %s failed on %s", suffix, path)
        raise ImportRefused(
            path, f"the file could not be read ({type(exc).__name__}: {exc}); it may be damaged"
        ) from exc
    return _finish(path, data, result, interviewer)


def _finish(path: Path, data: bytes, result: ReadText, interviewer: str | None) -> TranscriptSource:
    text = normalise_text(result.text, path)
    warnings = list(result.warnings)
    if not text.strip():
        raise ImportRefused(path, "the file holds no text")
    if result.turns is None:
        turns = find_turns(text, interviewer)
    else:
        if text != result.text:  # offsets were computed on the reader's text
            raise ImportRefused(path, "internal error: the reader returned text that was not normalised")
        turns = result.turns
        if interviewer:
            turns = [replace(t, is_interviewer=True) if is_interviewer_label(t.speaker, interviewer) else t
                     for t in turns]
    if turns and not any(t.is_interviewer for t in turns):
        guessed = guess_interviewer(turns, text)
        if guessed:
            turns = mark_interviewer(turns, guessed)
            warnings.append(
                f"no speaker is labelled as the interviewer; '{guessed}' asks most of the questions "
                "and was marked as the interviewer — change this if it is wrong"
            )
    return TranscriptSource(
        title=path.stem,
        text=text,
        turns=turns,
        source_name=path.name,
        source_hash=file_hash(data),
        participant=main_participant(turns),
        warnings=warnings,
    )


def _unsupported_message(suffix: str) -> str:
    known = ", ".join(sorted(_READERS))
    what = f"'{suffix}' files" if suffix else "files without an extension"
    return f"{what} cannot be imported as transcripts; qualcode reads {known}"


def _load_readers() -> None:
    """Import the reader modules so their decorators run (once)."""
    import qualcode.io.readers  # noqa: F401  (registers on import)
