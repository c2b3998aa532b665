"""The interface's own settings: window layout, recent projects, the coder, keypad pins.

Every setting is read and written here, typed, so no widget touches
``QSettings`` keys directly.  Tests (and portable installs) point
``QUALCODE_SETTINGS_DIR`` at a folder; the settings file then lives there and
never in the researcher's own configuration.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1
MAX_RECENT_PROJECTS = 10
MAX_RECENT_CODES = 8


def settings_store() -> QSettings:
    """The QSettings object for qualcode (an INI file, private when the env var says so)."""
    folder = os.environ.get("QUALCODE_SETTINGS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "qualcode.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "qualcode", "qualcode")


def project_key(location: str) -> str:
    """A settings group name for one project file (paths hold slashes QSettings would nest)."""
    try:
        location = str(Path(location).expanduser().resolve())
    except OSError:
        pass
    return hashlib.sha1(location.encode("utf-8")).hexdigest()[:16]


class GuiSettings:
    """Typed access to the settings the interface remembers between sessions."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._s = store or settings_store()
        if int(self._s.value("settings_version", 0) or 0) < SETTINGS_VERSION:
            self._s.setValue("settings_version", SETTINGS_VERSION)

    def sync(self) -> None:
        self._s.sync()

    # -- recent projects -----------------------------------------------------------
    @property
    def recent_projects(self) -> list[str]:
        return [p for p in self._list("recent_projects") if p]

    def add_recent_project(self, location: str) -> None:
        location = str(Path(location).expanduser().resolve()) if "://" not in location else location
        recent = [p for p in self.recent_projects if p != location]
        self._s.setValue("recent_projects", [location, *recent][:MAX_RECENT_PROJECTS])

    def forget_recent_project(self, location: str) -> None:
        self._s.setValue("recent_projects", [p for p in self.recent_projects if p != location])

    # -- coder -------------------------------------------------------------------------
    @property
    def coder_name(self) -> str | None:
        name = self._s.value("coder/name", "")
        return str(name).strip() or None

    @coder_name.setter
    def coder_name(self, name: str) -> None:
        self._s.setValue("coder/name", name.strip())

    # -- window layout ---------------------------------------------------------------
    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry, state = self._s.value("window/geometry"), self._s.value("window/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    def layout_state(self, name: str) -> QByteArray | None:
        """A saved splitter or header state (``name``: e.g. ``ipa_columns``)."""
        value = self._s.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_layout_state(self, name: str, state: QByteArray) -> None:
        self._s.setValue(f"window/{name}", state)

    def flag(self, name: str, default: bool) -> bool:
        value = self._s.value(f"view/{name}", default)
        return value in (True, "true", "1", 1) if not isinstance(value, bool) else value

    def set_flag(self, name: str, value: bool) -> None:
        self._s.setValue(f"view/{name}", bool(value))

    # -- per project: keypad pins and recent codes ---------------------------------
    def pins(self, location: str) -> dict[int, int]:
        """Keypad key (1-9) → code id, for survey coding."""
        raw = self._list(f"projects/{project_key(location)}/pins")
        pins: dict[int, int] = {}
        for item in raw:
            key, _, code = str(item).partition(":")
            if key.isdigit() and code.isdigit():
                pins[int(key)] = int(code)
        return pins

    def set_pins(self, location: str, pins: dict[int, int]) -> None:
        self._s.setValue(f"projects/{project_key(location)}/pins",
                         [f"{k}:{v}" for k, v in sorted(pins.items())])

    def recent_codes(self, location: str) -> list[int]:
        return [int(v) for v in self._list(f"projects/{project_key(location)}/recent_codes") if str(v).isdigit()]

    def set_recent_codes(self, location: str, code_ids: list[int]) -> None:
        self._s.setValue(f"projects/{project_key(location)}/recent_codes",
                         [str(c) for c in code_ids[:MAX_RECENT_CODES]])

    def last_place(self, location: str) -> tuple[int, int] | None:
        """The document and the line at the top of the view when the project was last closed."""
        value = str(self._s.value(f"projects/{project_key(location)}/last_place", "") or "")
        doc, _, line = value.partition(":")
        return (int(doc), int(line)) if doc.isdigit() and line.isdigit() else None

    def set_last_place(self, location: str, document_id: int, line: int) -> None:
        self._s.setValue(f"projects/{project_key(location)}/last_place", f"{document_id}:{line}")

    # -- helpers ---------------------------------------------------------------------------
    def _list(self, key: str) -> list[str]:
        value = self._s.value(key, [])
        if value is None:
            return []
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value]
