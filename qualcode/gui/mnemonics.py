"""Text shown as written on buttons and in menus.

Qt reads "&" in a button's or an action's text as the mark of its shortcut
key, so a code called "Staff manner & attitude" would show as "Staff manner
_attitude".  Every label built from a researcher's words goes through
:func:`as_written`.
"""

from __future__ import annotations


def as_written(text: str) -> str:
    """``text`` for a button or menu entry, its "&" shown as itself (not a shortcut marker)."""
    return text.replace("&", "&&")
