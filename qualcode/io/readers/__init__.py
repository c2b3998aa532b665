"""Format readers, one module per file format.

Importing this package registers every transcript reader with
:mod:`qualcode.io.registry`.  The heavy libraries (python-docx, pypdf, odfpy)
are imported inside the reader functions, so start-up stays light.
"""

from qualcode.io.readers import opendocument, pdf, plain, rtf, subrip, webvtt, word  # noqa: F401
