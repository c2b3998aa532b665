"""Upgrades of the settings file, one small function per version step.

Version 1 is what the Qt-era ``qualcode.ini`` held (``settings_version=1``):
flat keys with slashes (``coder/name``, ``projects/<key>/pins``), lists of
strings, pins as ``"3:12"`` and window layouts as base64.  The GUI reads that
INI once with ``QSettings`` and hands its values over as a version-1
document; from there the steps below are plain Python.

To change the format: add ``_vN_to_vN1`` below, register it in
:data:`MIGRATIONS` and raise :data:`CURRENT_VERSION`.  A step takes the whole
document and returns the next version's, keeping anything it does not know.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from qualcode.app.settings.options import MAX_RECENT_CODES, MAX_RECENT_PROJECTS

log = logging.getLogger(__name__)

Document = dict[str, Any]

CURRENT_VERSION = 2


def _as_list(value: Any) -> list[str]:
    """An INI list as QSettings returns it: a list, one bare string, or nothing."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v)]
    return [str(value)]


def _as_flag(value: Any) -> bool:
    return value in (True, "true", "1", 1)


def _pair(text: Any) -> tuple[int, int] | None:
    first, _, second = str(text).partition(":")
    return (int(first), int(second)) if first.isdigit() and second.isdigit() else None


def _v1_to_v2(old: Document) -> Document:
    """The INI's flat keys → nested, typed JSON (unrecognised keys are kept as they were)."""
    new: Document = {"version": 2}
    window: dict[str, Any] = {}
    splitters: dict[str, str] = {}
    shown: dict[str, bool] = {}
    projects: dict[str, dict[str, Any]] = {}
    for key, value in old.items():
        group, _, rest = key.partition("/")
        if key in ("version", "settings_version"):
            continue
        if key == "recent_projects":
            new["recent_projects"] = _as_list(value)[:MAX_RECENT_PROJECTS]
        elif key == "coder/name":
            if str(value or "").strip():
                new["coder"] = {"name": str(value).strip()}
        elif key in ("window/geometry", "window/state"):
            window[rest] = str(value)
        elif group == "window" and rest:
            splitters[rest] = str(value)
        elif group == "view" and rest:
            shown[rest] = _as_flag(value)
        elif group == "projects" and rest.count("/") == 1:
            project, _, name = rest.partition("/")
            entry = projects.setdefault(project, {})
            if name == "pins":
                entry["pins"] = {str(k): c for k, c in sorted(p for p in map(_pair, _as_list(value)) if p)}
            elif name == "recent_codes":
                entry["recent_codes"] = [int(c) for c in _as_list(value) if c.isdigit()][:MAX_RECENT_CODES]
            elif name == "last_place" and (place := _pair(value)):
                entry["last_place"] = list(place)
            else:
                entry[name] = value
        else:
            new[key] = value
    if splitters:
        window["splitters"] = splitters
    if window:
        new["window"] = window
    if shown:
        new["view"] = {"shown": shown}
    if projects:
        new["projects"] = projects
    return new


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}
"""Version N → the step that turns a version-N document into version N+1."""


def migrate(document: Document) -> Document:
    """``document`` brought up to :data:`CURRENT_VERSION`; one from a newer qualcode is left as it is."""
    version = document["version"]
    while version < CURRENT_VERSION:
        document = MIGRATIONS[version](document)
        log.info("Settings upgraded from version %d to %d", version, version + 1)
        version += 1
        document["version"] = version
    return document
