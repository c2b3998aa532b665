"""Second analysts in the interface: coder filter, blind coding, copies, merging, agreement, review.

The main window adds one menu::

    from qualcode.gui.reliability import build_reliability_menu
    build_reliability_menu(window)
"""

from __future__ import annotations

from qualcode.gui.reliability.menu import build_reliability_menu, install

__all__ = ["build_reliability_menu", "install"]
