"""Checks every file passes before a reader or a library sees its bytes.

Researchers open files from participants, colleagues and other tools, and
a file can be hostile by accident or on purpose: a link to ``/dev/zero``
named ``.txt``, a named pipe, a 3 MB .docx that inflates to gigabytes, an
XML part with a DOCTYPE whose entities hide text.  :mod:`.files` refuses
anything but an ordinary file of a sane size, without ever opening a device
or a pipe; :mod:`.archives` checks a zip package's central directory and
XML before python-docx, openpyxl, odfpy or the REFI-QDA reader inflate it.
Every refusal is an :class:`~qualcode.io.base.ImportRefused`: one line that
names the file and the limit.
"""

from qualcode.io.safety.archives import (
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    check_archive,
    check_archive_file,
    check_qdpx_file,
    open_checked,
    read_member,
)
from qualcode.io.safety.files import open_regular_file, read_regular_file, regular_file_size

__all__ = [
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_UNZIPPED_BYTES",
    "check_archive",
    "check_archive_file",
    "check_qdpx_file",
    "open_checked",
    "open_regular_file",
    "read_member",
    "read_regular_file",
    "regular_file_size",
]
