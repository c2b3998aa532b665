"""Where qualcode keeps its own files: settings, logs, caches.

Folders follow the XDG base directory rules on Linux (``$XDG_CONFIG_HOME``,
``$XDG_DATA_HOME``, ``$XDG_CACHE_HOME``) and the platform's usual places on
macOS and Windows.  ``QUALCODE_SETTINGS_DIR`` (used by tests and portable
installs) puts the settings *and* the log beside each other in one folder, so
a test never touches the researcher's own files.  Nothing is created until it
is written to.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "qualcode"


def _base(env: str, posix_default: str, mac: str, windows_env: str) -> Path:
    if sys.platform == "win32":
        root = os.environ.get(windows_env) or str(Path.home() / "AppData" / "Roaming")
        return Path(root) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / mac / APP_NAME
    root = os.environ.get(env) or str(Path.home() / posix_default)
    return Path(root) / APP_NAME


def override_dir() -> Path | None:
    """The folder ``QUALCODE_SETTINGS_DIR`` names, if set."""
    folder = os.environ.get("QUALCODE_SETTINGS_DIR")
    return Path(folder) if folder else None


def config_dir() -> Path:
    """The folder holding the settings file."""
    return override_dir() or _base("XDG_CONFIG_HOME", ".config", "Preferences", "APPDATA")


def data_dir() -> Path:
    """The folder holding the log and other files qualcode writes for itself."""
    return override_dir() or _base("XDG_DATA_HOME", ".local/share", "Application Support", "LOCALAPPDATA")


def cache_dir() -> Path:
    """The folder for caches that may be deleted at any time."""
    override = override_dir()
    if override:
        return override / "cache"
    return _base("XDG_CACHE_HOME", ".cache", "Caches", "LOCALAPPDATA")


def log_file() -> Path:
    """The log file a bug report points to."""
    return data_dir() / "logs" / "qualcode.log"
