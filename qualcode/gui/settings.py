"""The interface's own settings: window layout, recent projects, the coder, keypad pins.

A thin adapter over :mod:`qualcode.app.settings`, the typed JSON file in the
user's config folder: Qt's saved geometry and splitter states travel as
base64 text, so the file stays plain and Qt-free, and no widget touches a
key directly.  ``QSettings`` is used for one thing only: on the first run
with the JSON file, what the Qt-era ``qualcode.ini`` held is brought over.
Tests (and portable installs) point ``QUALCODE_SETTINGS_DIR`` at a folder;
both files then live there and never in the researcher's own configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from qualcode.app import paths
from qualcode.app.settings import (
    CODER_NAME,
    LAST_PLACE,
    MAX_RECENT_CODES,
    MAX_RECENT_PROJECTS,
    PINS,
    RECENT_CODES,
    RECENT_PROJECTS,
    SPLITTERS,
    VIEW_FLAGS,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from qualcode.app.settings.options import TEXT_ZOOM, Option

__all__ = ["MAX_RECENT_CODES", "MAX_RECENT_PROJECTS", "GuiSettings", "old_ini_file", "read_old_ini"]

T = TypeVar("T")


class GuiSettings:
    """Typed access to the settings the interface remembers between sessions."""

    def __init__(self, store: Settings | None = None) -> None:
        self._s = store or Settings(legacy=read_old_ini)

    @property
    def path(self) -> Path:
        """The settings file."""
        return self._s.path

    def sync(self) -> None:
        """Nothing left to do: every change is written when it is made (kept for callers)."""

    # -- preferences: plain values, declared in qualcode.app.settings.options -------------
    def value(self, option: Option[T]) -> T:
        """A preference as the Preferences dialog shows it (line width, export format, appearance…)."""
        return self._s.get(option)

    def set_value(self, option: Option[T], value: T) -> None:
        self._s.set(option, value)

    # -- recent projects -----------------------------------------------------------
    @property
    def recent_projects(self) -> list[str]:
        return self._s.get(RECENT_PROJECTS)

    def add_recent_project(self, location: str) -> None:
        location = str(Path(location).expanduser().resolve()) if "://" not in location else location
        recent = [p for p in self.recent_projects if p != location]
        self._s.set(RECENT_PROJECTS, [location, *recent][:MAX_RECENT_PROJECTS])

    def forget_recent_project(self, location: str) -> None:
        self._s.set(RECENT_PROJECTS, [p for p in self.recent_projects if p != location])

    # -- coder -------------------------------------------------------------------------
    @property
    def coder_name(self) -> str | None:
        return self._s.get(CODER_NAME).strip() or None

    @coder_name.setter
    def coder_name(self, name: str) -> None:
        self._s.set(CODER_NAME, name.strip())

    # -- window layout ---------------------------------------------------------------
    def window_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        return _bytes(self._s.get(WINDOW_GEOMETRY)), _bytes(self._s.get(WINDOW_STATE))

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.set(WINDOW_GEOMETRY, _text(geometry))
        self._s.set(WINDOW_STATE, _text(state))

    def layout_state(self, name: str) -> QByteArray | None:
        """A saved splitter or header state (``name``: e.g. ``ipa_columns``)."""
        return _bytes(self._s.get(SPLITTERS).get(name, ""))

    def set_layout_state(self, name: str, state: QByteArray) -> None:
        states = self._s.get(SPLITTERS)
        states[name] = _text(state)
        self._s.set(SPLITTERS, states)

    def flag(self, name: str, default: bool) -> bool:
        return self._s.get(VIEW_FLAGS).get(name, default)

    def set_flag(self, name: str, value: bool) -> None:
        flags = self._s.get(VIEW_FLAGS)
        flags[name] = bool(value)
        self._s.set(VIEW_FLAGS, flags)

    @property
    def text_zoom(self) -> int:
        """Text size of transcripts and answers, in percent (100: the normal size)."""
        return self._s.get(TEXT_ZOOM)

    @text_zoom.setter
    def text_zoom(self, percent: int) -> None:
        self._s.set(TEXT_ZOOM, int(percent))

    # -- per project: keypad pins and recent codes ---------------------------------
    def pins(self, location: str) -> dict[int, int]:
        """Keypad key (1-9) → code id, for survey coding."""
        return self._s.get(PINS, project=location)

    def set_pins(self, location: str, pins: dict[int, int]) -> None:
        self._s.set(PINS, dict(pins), project=location)

    def recent_codes(self, location: str) -> list[int]:
        return self._s.get(RECENT_CODES, project=location)

    def set_recent_codes(self, location: str, code_ids: list[int]) -> None:
        self._s.set(RECENT_CODES, list(code_ids[:MAX_RECENT_CODES]), project=location)

    def last_place(self, location: str) -> tuple[int, int] | None:
        """The document and the line at the top of the view when the project was last closed."""
        return self._s.get(LAST_PLACE, project=location)

    def set_last_place(self, location: str, document_id: int, line: int) -> None:
        self._s.set(LAST_PLACE, (document_id, line), project=location)


def _text(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _bytes(text: str) -> QByteArray | None:
    data = QByteArray.fromBase64(text.encode("ascii", "ignore")) if text else QByteArray()
    return None if data.isEmpty() else data


# -- the Qt-era settings, read once ------------------------------------------------------------
def old_ini_file() -> Path:
    """Where the Qt-era qualcode kept its settings (``qualcode.ini``)."""
    override = paths.override_dir()
    if override is not None:
        return override / "qualcode.ini"
    store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "qualcode", "qualcode")
    return Path(store.fileName())


def read_old_ini(path: Path | None = None) -> dict[str, Any] | None:
    """What ``qualcode.ini`` held, as a version-1 settings document (None when there is none).

    Values are only made plain here (byte arrays → base64, lists → lists of
    text); :mod:`qualcode.app.settings.migrations` gives them their new shape.
    """
    path = path or old_ini_file()
    if not path.is_file():
        return None
    ini = QSettings(str(path), QSettings.Format.IniFormat)
    document: dict[str, Any] = {key: _plain(ini.value(key)) for key in ini.allKeys()}
    document["version"] = 1
    return document


def _plain(value: Any) -> Any:
    if isinstance(value, QByteArray):
        return _text(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)
