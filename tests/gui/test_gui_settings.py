"""The interface's settings adapter: Qt layouts through the JSON file, and the Qt-era INI brought over once."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from qualcode.gui.settings import GuiSettings, old_ini_file, read_old_ini

pytestmark = pytest.mark.gui


def old_key(location: str) -> str:
    """How the Qt-era settings named a project's group."""
    return hashlib.sha1(str(Path(location).expanduser().resolve()).encode("utf-8")).hexdigest()[:16]


def write_old_ini(folder: Path, project: str) -> None:
    """An INI as the QSettings-based qualcode wrote it."""
    ini = QSettings(str(folder / "qualcode.ini"), QSettings.Format.IniFormat)
    ini.setValue("settings_version", 1)
    ini.setValue("recent_projects", [project, "/elsewhere/old.qualcode"])
    ini.setValue("coder/name", "Bea")
    ini.setValue("window/geometry", QByteArray(b"\x01\xd9\xd0\xcb geometry"))
    ini.setValue("window/state", QByteArray(b"\x00\x00\x00\xff state"))
    ini.setValue("window/ipa_columns", QByteArray(b"\x00\xff columns"))
    ini.setValue("view/notes_margin", False)
    ini.setValue(f"projects/{old_key(project)}/pins", ["1:4", "3:12"])
    ini.setValue(f"projects/{old_key(project)}/recent_codes", ["5", "7"])
    ini.setValue(f"projects/{old_key(project)}/last_place", "2:120")
    ini.sync()


def test_the_first_run_brings_over_what_the_old_ini_held(tmp_path):
    folder = Path(os.environ["QUALCODE_SETTINGS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    project = str(tmp_path / "Study.qualcode")
    write_old_ini(folder, project)
    assert old_ini_file() == folder / "qualcode.ini"

    s = GuiSettings()
    assert s.recent_projects == [project, "/elsewhere/old.qualcode"]
    assert s.coder_name == "Bea"
    geometry, state = s.window_layout()
    assert bytes(geometry.data()) == b"\x01\xd9\xd0\xcb geometry"
    assert bytes(state.data()) == b"\x00\x00\x00\xff state"
    assert bytes(s.layout_state("ipa_columns").data()) == b"\x00\xff columns"
    assert s.flag("notes_margin", True) is False and s.flag("emergent_margin", True) is True
    assert s.pins(project) == {1: 4, 3: 12}
    assert s.recent_codes(project) == [5, 7]
    assert s.last_place(project) == (2, 120)
    assert json.loads((folder / "settings.json").read_text())["coder"] == {"name": "Bea"}

    # Once only: the INI is left as it was and later changes to it are not read again.
    QSettings(str(folder / "qualcode.ini"), QSettings.Format.IniFormat).setValue("coder/name", "Cy")
    s.coder_name = "Dee"
    assert GuiSettings().coder_name == "Dee"


def test_without_an_old_ini_nothing_is_imported():
    assert read_old_ini() is None
    assert GuiSettings().recent_projects == []


def test_window_layouts_round_trip_as_bytes():
    raw = QByteArray(bytes(range(256)))
    s = GuiSettings()
    assert s.window_layout() == (None, None) and s.layout_state("ipa_columns") is None
    s.set_window_layout(raw, QByteArray(b"state"))
    s.set_layout_state("ipa_columns", QByteArray(b"cols"))
    again = GuiSettings()
    geometry, state = again.window_layout()
    assert bytes(geometry.data()) == bytes(range(256)) and bytes(state.data()) == b"state"
    assert bytes(again.layout_state("ipa_columns").data()) == b"cols"
    assert Path(again.path).name == "settings.json"
