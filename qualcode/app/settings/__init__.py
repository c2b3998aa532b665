"""Typed, versioned settings in a plain JSON file in the user's config folder.

* :mod:`~qualcode.app.settings.options` declares every setting once (type, default, title);
* :mod:`~qualcode.app.settings.migrations` upgrades older files one version at a time;
* :mod:`~qualcode.app.settings.store` reads the file and writes it atomically.

No Qt: the GUI adapts these values (base64 strings ⇄ ``QByteArray``) in
:mod:`qualcode.gui.settings`.
"""

from qualcode.app.settings.migrations import CURRENT_VERSION, MIGRATIONS, migrate
from qualcode.app.settings.options import (
    CODER_NAME,
    LAST_PLACE,
    MAX_RECENT_CODES,
    MAX_RECENT_PROJECTS,
    OPTIONS,
    PINS,
    PROJECT_OPTIONS,
    RECENT_CODES,
    RECENT_PROJECTS,
    SPLITTERS,
    VIEW_FLAGS,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Option,
    project_key,
)
from qualcode.app.settings.store import FILE_NAME, Settings, settings_file, write_atomically

__all__ = [
    "CODER_NAME", "CURRENT_VERSION", "FILE_NAME", "LAST_PLACE", "MAX_RECENT_CODES", "MAX_RECENT_PROJECTS",
    "MIGRATIONS", "OPTIONS", "PINS", "PROJECT_OPTIONS", "RECENT_CODES", "RECENT_PROJECTS", "SPLITTERS",
    "VIEW_FLAGS", "WINDOW_GEOMETRY", "WINDOW_STATE", "Option", "Settings", "migrate", "project_key",
    "settings_file", "write_atomically",
]
