"""The settings file: read (upgraded, or set aside when unreadable) and written atomically.

One JSON document in the user's config folder (:func:`settings_file`).  Every
change is written at once to a temporary file in the same folder and moved
over the old one, so a crash or a full disk leaves the previous file whole.
Before a change the file is read again if someone else (a second window,
a second qualcode) wrote it meanwhile, so nobody's settings are lost.

Nothing here ever raises for a settings problem: a file that cannot be read
is renamed to ``….bad`` with a log line and defaults are used; a change that
cannot be written (a full disk, a read-only folder) is logged and not saved.
A file from a newer qualcode is read as well as it can be and never
downgraded: its version and the keys this version does not know are kept.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from qualcode.app.paths import config_dir
from qualcode.app.settings.migrations import CURRENT_VERSION, Document, migrate
from qualcode.app.settings.options import Option, project_key

log = logging.getLogger(__name__)

T = TypeVar("T")

FILE_NAME = "settings.json"

Legacy = Callable[[], Document | None]
"""Where settings came from before this file existed (the GUI passes its old INI reader)."""


def settings_file() -> Path:
    return config_dir() / FILE_NAME


def write_atomically(path: Path, document: Document) -> None:
    """Write ``document`` to ``path`` whole or not at all (the old file stays if anything fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(document, fh, indent=2, ensure_ascii=False, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _set_aside(path: Path, problem: str) -> None:
    bad = path.with_name(path.name + ".bad")
    try:
        os.replace(path, bad)
        log.warning("Settings file %s could not be read (%s): set aside as %s, defaults used", path, problem, bad)
    except OSError as exc:
        log.warning("Settings file %s could not be read (%s) nor set aside (%s): defaults used", path, problem, exc)


def _problem(document: Any) -> str | None:
    """Why ``document`` is not a settings document, or None when it is one."""
    if not isinstance(document, dict):
        return "not a JSON object"
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return "no version number"
    return None


class Settings:
    """The settings file, typed: ``settings.get(CODER_NAME)``, ``settings.set(PINS, {...}, project=path)``."""

    def __init__(self, path: Path | None = None, legacy: Legacy | None = None) -> None:
        self.path = path or settings_file()
        self._document: Document = {"version": CURRENT_VERSION}
        self._seen: tuple[int, int, int] | None = None
        first_run = not self.path.exists()  # a file set aside below gives defaults, not the old settings again
        read = self._read()
        if read is not None:
            self._document, upgraded = read
            if upgraded:
                self._write()
        elif first_run and legacy is not None:
            self._import(legacy)

    @property
    def version(self) -> int:
        """The file's version (above :data:`CURRENT_VERSION` when a newer qualcode wrote it)."""
        return int(self._document["version"])

    def get(self, option: Option[T], project: str | None = None) -> T:
        """The value of ``option`` (for the project file ``project`` when it is a per-project option)."""
        self._refresh()
        node: Any = self._document
        for name in self._path(option, project):
            node = node.get(name) if isinstance(node, dict) else None
        return option.parse(node)

    def set(self, option: Option[T], value: T, project: str | None = None) -> None:
        """Change ``option`` and write the file (nothing is written when the value is unchanged)."""
        self._refresh(always=True)
        *parents, leaf = self._path(option, project)
        node = self._document
        for name in parents:
            child = node.get(name)
            if not isinstance(child, dict):
                child = node[name] = {}
            node = child
        encoded = option.write(value)
        if leaf in node and node[leaf] == encoded:
            return
        node[leaf] = encoded
        if project is not None:
            node.setdefault("location", project)
        self._write()

    # -- the file --------------------------------------------------------------------------------
    @staticmethod
    def _path(option: Option[Any], project: str | None) -> tuple[str, ...]:
        return option.path if project is None else ("projects", project_key(project), *option.path)

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _refresh(self, always: bool = False) -> None:
        """Read the file again if it changed since we last read or wrote it (before a change: always)."""
        signature = self._signature()
        if signature is not None and (always or signature != self._seen):
            read = self._read()
            if read is not None:
                self._document = read[0]

    def _read(self) -> tuple[Document, bool] | None:
        """The file's document and whether it was upgraded; None when missing or unreadable (then set aside)."""
        signature = self._signature()
        if signature is None:
            return None
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            log.warning("Settings file %s could not be read (%s): defaults used", self.path, exc)
            return None
        try:
            document = json.loads(text)
        except ValueError as exc:
            _set_aside(self.path, f"not valid JSON: {exc}")
            return None
        if problem := _problem(document):
            _set_aside(self.path, problem)
            return None
        self._seen = signature
        if document["version"] > CURRENT_VERSION:
            log.info("Settings file %s is from a newer qualcode (version %d): read as far as known, "
                     "its other settings kept", self.path, document["version"])
            return document, False
        if document["version"] == CURRENT_VERSION:
            return document, False
        try:
            return migrate(document), True
        except Exception as exc:  # a step that trips over odd old values must not stop qualcode
            log.debug("Settings upgrade failed", exc_info=True)
            _set_aside(self.path, f"version {document['version']} could not be upgraded: {exc!r}")
            return None

    def _import(self, legacy: Legacy) -> None:
        try:
            old = legacy()
        except Exception:  # an old file we cannot read must not stop the interface from opening
            log.warning("The old settings could not be imported", exc_info=True)
            return
        if old is None:
            return
        if problem := _problem(old):
            log.warning("The old settings were not imported: %s", problem)
            return
        self._document = migrate(old)
        log.info("Settings imported from the previous format into %s", self.path)
        self._write()

    def _write(self) -> None:
        try:
            write_atomically(self.path, self._document)
        except OSError as exc:
            log.warning("Settings file %s could not be written (%s): the change is not saved", self.path, exc)
            return
        self._seen = self._signature()
