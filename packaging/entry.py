"""The frozen app's entry point: the ``qualcode`` command, as ``pip install`` makes it.

PyInstaller needs a script, not a ``package:function`` entry point; this is
that script.  A frozen app is also started by a double click — on the app
(no arguments) or on a project file (its path alone) — and then opens the
window, so the desktop, the Start menu and Finder need no wrapper.
"""

import sys

from qualcode.cli import main


def _desktop_start(argv: list[str]) -> list[str]:
    """``qualcode gui [project]`` when started by a double click, else ``argv`` unchanged."""
    args = [a for a in argv[1:] if not a.startswith("-psn_")]  # old macOS Finder adds a process id
    if not args or (len(args) == 1 and args[0].endswith(".qualcode")):
        return [argv[0], "gui", *args]
    return [argv[0], *args]


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        sys.argv = _desktop_start(sys.argv)
    raise SystemExit(main())
