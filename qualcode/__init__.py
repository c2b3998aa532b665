"""qualcode: private, fast qualitative thematic coding.

Only :mod:`qualcode.gui` imports Qt; everything else is plain Python so that
tests, scripts and the ``qualcode`` command drive the same services the
window does.
"""

__version__ = "0.1.0"
