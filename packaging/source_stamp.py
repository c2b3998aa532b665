"""A fingerprint of the qualcode package's files, stored in the built app.

The smoke test compares the built app's window with the source tree's pixel for
pixel; that is only fair when the app was built from the same source, and in a
working copy other people edit, file times cannot say so.  The spec writes this
fingerprint into the build; the test recomputes it and skips the comparison when
the two differ.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

#: Where the fingerprint lives inside the built folder (relative to PyInstaller's _internal/).
STAMP_NAME = "qualcode-source.sha256"


def source_digest(repo: Path) -> str:
    """SHA-256 over every file of the qualcode package (path and content), caches left out."""
    digest = hashlib.sha256()
    package = repo / "qualcode"
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(repo).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
