"""Every setting qualcode remembers, declared once: its place in the file, its type, default and title.

Picard's idiom: no widget invents a key; it asks for an option declared here.
The file holds JSON; each option knows how to read its JSON form back and
gives its default when the stored value does not fit the type, so a
hand-edited or half-migrated file can never break the interface.

Options for one project (keypad pins, recent codes, where the researcher left
off) sit under ``projects`` → :func:`project_key` of the project file.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

MAX_RECENT_PROJECTS = 10
MAX_RECENT_CODES = 8


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: ``key`` is its dotted place in the file (``window.geometry``)."""

    key: str
    title: str
    default: T
    read: Callable[[Any], T | None]
    """The stored JSON value → the typed value, or None when it does not fit."""
    write: Callable[[T], Any] = _same
    """The typed value → its JSON form."""

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))

    def parse(self, raw: Any) -> T:
        """The typed value of ``raw`` (the default, copied, when absent or of the wrong type)."""
        value = None if raw is None else self.read(raw)
        return copy.deepcopy(self.default) if value is None else value


def project_key(location: str) -> str:
    """The name of one project's entry (a hash: the path itself may be long or private)."""
    try:
        location = str(Path(location).expanduser().resolve())
    except OSError:
        pass
    return hashlib.sha1(location.encode("utf-8")).hexdigest()[:16]


# -- readers: JSON value → typed value (None when it does not fit) ---------------------------
def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _text(raw: Any) -> str | None:
    return raw if isinstance(raw, str) else None


def _percent(raw: Any) -> int | None:
    return raw if _is_int(raw) and 50 <= raw <= 400 else None


def _texts(raw: Any) -> list[str] | None:
    return [v for v in raw if isinstance(v, str) and v] if isinstance(raw, list) else None


def _ids(raw: Any) -> list[int] | None:
    return [v for v in raw if _is_int(v)] if isinstance(raw, list) else None


def _texts_by_name(raw: Any) -> dict[str, str] | None:
    return {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else None


def _flags_by_name(raw: Any) -> dict[str, bool] | None:
    return {k: v for k, v in raw.items() if isinstance(v, bool)} if isinstance(raw, dict) else None


def _pins(raw: Any) -> dict[int, int] | None:
    if not isinstance(raw, dict):
        return None
    return {int(k): v for k, v in raw.items() if str(k).isdigit() and _is_int(v)}


def _pins_json(pins: dict[int, int]) -> dict[str, int]:
    return {str(k): v for k, v in sorted(pins.items())}


def _place(raw: Any) -> tuple[int, int] | None:
    if isinstance(raw, list) and len(raw) == 2 and all(_is_int(v) for v in raw):
        return raw[0], raw[1]
    return None


def _place_json(place: tuple[int, int] | None) -> list[int] | None:
    return None if place is None else [place[0], place[1]]


# -- the interface's settings ------------------------------------------------------------------
WINDOW_GEOMETRY: Option[str] = Option(
    "window.geometry", "Size and position of the main window (Qt's saved geometry, base64)", "", _text)
WINDOW_STATE: Option[str] = Option(
    "window.state", "Panels of the main window: which are shown and where (Qt's saved state, base64)", "", _text)
SPLITTERS: Option[dict[str, str]] = Option(
    "window.splitters", "Column and splitter widths by name, e.g. the IPA columns (base64)", {}, _texts_by_name)
VIEW_FLAGS: Option[dict[str, bool]] = Option(
    "view.shown", "Margins shown or hidden in the document view, by name", {}, _flags_by_name)
TEXT_ZOOM: Option[int] = Option(
    "view.text_zoom", "Text size of transcripts and answers, in percent of the normal size (Ctrl+= / Ctrl+-)",
    100, _percent)
RECENT_PROJECTS: Option[list[str]] = Option(
    "recent_projects", f"Projects opened lately, newest first (at most {MAX_RECENT_PROJECTS})", [], _texts)
CODER_NAME: Option[str] = Option(
    "coder.name", "Who is coding, kept for every project", "", _text)


# -- preferences (Edit → Preferences…) ---------------------------------------------------------
APPEARANCES = ("system", "light", "dark")


def _appearance(raw: Any) -> str | None:
    return raw if raw in APPEARANCES else None


def _line_width(raw: Any) -> int | None:
    return raw if _is_int(raw) and 40 <= raw <= 200 else None


LINE_WIDTH: Option[int] = Option(
    "transcripts.line_width", "Characters per numbered line in transcripts imported into new projects", 80,
    _line_width)  # 80: core.transcripts.lines.DEFAULT_WRAP_WIDTH (app sits below core and cannot import it)
EMBEDDING_BACKEND: Option[str] = Option(
    "analysis.embedding_backend", "How passages are compared for suggestions ('auto': MiniLM, the fast static "
    "tier for large sets)", "auto", _text)
EXPORT_FORMAT: Option[str] = Option(
    "export.format", "Preferred file format of reports (docx, xlsx, csv, html), when the report offers it; '' the "
    "report's own first format", "", _text)
EXPORT_FOLDER: Option[str] = Option(
    "export.folder", "Folder reports are saved to by default; '' beside the project file", "", _text)
APPEARANCE: Option[str] = Option(
    "view.appearance", "Light or dark: 'system' follows the desktop, 'light' or 'dark' overrides it", "system",
    _appearance)

# -- per project ----------------------------------------------------------------------------------
PINS: Option[dict[int, int]] = Option(
    "pins", "Keypad pins for survey coding: key 1–9 → code id", {}, _pins, _pins_json)
RECENT_CODES: Option[list[int]] = Option(
    "recent_codes", f"Codes applied lately, newest first (at most {MAX_RECENT_CODES})", [], _ids)
LAST_PLACE: Option[tuple[int, int] | None] = Option(
    "last_place", "Document and line at the top of the view when the project was closed", None, _place, _place_json)

OPTIONS: tuple[Option[Any], ...] = (WINDOW_GEOMETRY, WINDOW_STATE, SPLITTERS, VIEW_FLAGS, TEXT_ZOOM, RECENT_PROJECTS,
                                    CODER_NAME, LINE_WIDTH, EMBEDDING_BACKEND, EXPORT_FORMAT, EXPORT_FOLDER, APPEARANCE)
PROJECT_OPTIONS: tuple[Option[Any], ...] = (PINS, RECENT_CODES, LAST_PLACE)
