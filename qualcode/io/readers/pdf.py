"""PDF transcripts via pypdf: the text layer, page by page.

A PDF made from a scan has pictures of text and no text layer; the only
useful answer is to say so and point to OCR.  Pages are joined with a line
break; trailing spaces that PDF layout leaves at line ends are dropped.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.registry import ReadText, transcript_reader

_ENCRYPTED = (
    "the PDF is password-protected (encrypted); open it, remove the protection "
    "(or print it to a new PDF) and import that copy"
)
_SCANNED = (
    "the PDF has no text layer — it looks like a scanned image; run OCR (text recognition) "
    "on it first, then import the result"
)


@transcript_reader(".pdf")
def read_pdf(path: Path, data: bytes) -> ReadText:
    """The text of every page; pages without text are named in a warning."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if b"%PDF" not in data[:1024]:
        raise ImportRefused(path, "this is not a PDF file (it has no PDF header)")
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ImportRefused(path, _ENCRYPTED)
        pages = list(reader.pages)
    except (DependencyError, FileNotDecryptedError):
        raise ImportRefused(path, _ENCRYPTED) from None
    except PdfReadError as exc:
        raise ImportRefused(path, f"the PDF is damaged or incomplete ({exc})") from None
    if not pages:
        raise ImportRefused(path, "the PDF has no pages")

    texts: list[str] = []
    empty: list[int] = []
    failed: list[int] = []
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception:  # one unreadable page should not lose the others
            failed.append(number)
            text = ""
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        if not any(lines):
            empty.append(number)
        texts.append("\n".join(lines))
    if len(empty) == len(pages):
        raise ImportRefused(path, _SCANNED if not failed else "no page of the PDF could be read; it may be damaged")
    warnings = []
    blank = [n for n in empty if n not in failed]
    if blank:
        warnings.append(f"page(s) {_numbers(blank)} have no text layer (scanned?) and were left out")
    if failed:
        warnings.append(f"page(s) {_numbers(failed)} could not be read and were left out")
    return ReadText("\n".join(t for t in texts if t), warnings=warnings)


def _opens_without_password(reader) -> bool:
    """Many PDFs are encrypted only against editing, with an empty open password."""
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
