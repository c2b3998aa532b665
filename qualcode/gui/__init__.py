"""The PySide6 interface: the only part of qualcode that imports Qt."""
