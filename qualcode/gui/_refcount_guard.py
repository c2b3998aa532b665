"""A guard against PySide6 6.12 over-releasing ``None``, ``True`` and ``False`` on Python 3.11.

PySide6 6.12's bindings return these singletons without taking a reference
(correct since Python 3.12, where PEP 683 made them immortal).  On Python
3.11 every such call drops ``None``'s reference count by one, and after a
few thousand calls — seconds of scrolling — the interpreter aborts with
"none_dealloc: deallocating None".  Giving the singletons an enormous
reference count does on 3.11 what 3.12 does itself: they can no longer
reach zero.  Nothing happens on 3.12 and later, or with other bindings.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # a trillion releases: far beyond any session


def guard_singletons() -> bool:
    """Make ``None``, ``True`` and ``False`` practically immortal (CPython < 3.12 only)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if getattr(sys, "_qualcode_singletons_guarded", False):
        return True
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    sys._qualcode_singletons_guarded = True  # type: ignore[attr-defined]
    return True
