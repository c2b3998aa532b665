"""Checks shared by the zip-based office formats (.docx, .xlsx, .odt).

Word and Excel save a password-protected file not as a zip but as an OLE
compound file holding an ``EncryptedPackage`` stream, and old .doc/.xls
files are OLE files too.  Spotting these from the first bytes gives the
researcher a message they can act on instead of "bad zip file".
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.safety import open_checked

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# Other formats that arrive under an office suffix, recognised by their start.
_IMPOSTORS = {
    b"{\\rtf": "an RTF document; rename it to .rtf",
    b"%PDF": "a PDF file; rename it to .pdf",
    b"<html": "a web page (HTML); open it in a word processor and save it properly",
    b"<!DOCTYPE": "a web page (HTML); open it in a word processor and save it properly",
}


def open_package(path: Path, data: bytes, kind: str, app: str, old_format: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip package or refuse with the reason a person can act on.

    ``kind`` names the document ("Word document"), ``app`` the program to
    fix it in, ``old_format`` the legacy format that shares the OLE container.
    The package has passed :func:`qualcode.io.safety.check_archive` (size,
    member count, compression ratio, no DTD) before it is returned, so the
    library it is handed to next never inflates a bomb.
    """
    if data.startswith(OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in data:
            raise ImportRefused(
                path,
                f"the file is password-protected (encrypted); open it in {app}, remove the password, "
                "save it and import it again",
            )
        raise ImportRefused(
            path, f"this is an old-format {old_format} file with a new-format name; "
            f"open it in {app} and save it again in the current format",
        )
    head = data[:64].lstrip().lower()
    for start, what in _IMPOSTORS.items():
        if head.startswith(start.lower()):
            raise ImportRefused(path, f"this is not a {kind} but {what}")
    return open_checked(path, data, damaged_message(kind, app))


def damaged_message(kind: str, app: str) -> str:
    """The refusal for a truncated or corrupt package."""
    return (
        f"the file is damaged or incomplete (not a valid {kind}); if it opens in {app}, "
        "save it again under a new name and import that copy"
    )
