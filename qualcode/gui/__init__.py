"""The PySide6 interface: the only part of qualcode that imports Qt."""

from qualcode.gui._refcount_guard import guard_singletons

guard_singletons()  # before any Qt call: see _refcount_guard for why
