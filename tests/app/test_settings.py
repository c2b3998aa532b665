"""The settings file: typed defaults, round trips, upgrades, bad files set aside, atomic writes. No Qt."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from qualcode.app import settings as app_settings
from qualcode.app.settings import (
    CODER_NAME,
    CURRENT_VERSION,
    LAST_PLACE,
    MIGRATIONS,
    OPTIONS,
    PINS,
    PROJECT_OPTIONS,
    RECENT_CODES,
    RECENT_PROJECTS,
    SPLITTERS,
    VIEW_FLAGS,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
    project_key,
    settings_file,
    write_atomically,
)
from qualcode.app.settings import store as settings_store


@pytest.fixture
def folder() -> Path:
    """The private settings folder the root conftest set up for this test."""
    return Path(os.environ["QUALCODE_SETTINGS_DIR"])


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_file_lives_in_the_private_settings_folder(folder):
    assert settings_file() == folder / "settings.json"
    assert Settings().path == folder / "settings.json"


def test_every_option_has_a_title_and_a_unique_place():
    for option in (*OPTIONS, *PROJECT_OPTIONS):
        assert option.title and option.key
    assert len({o.key for o in OPTIONS}) == len(OPTIONS)
    assert len({o.key for o in PROJECT_OPTIONS}) == len(PROJECT_OPTIONS)


def test_a_first_run_gives_the_defaults_and_writes_nothing(folder):
    s = Settings()
    assert s.get(RECENT_PROJECTS) == [] and s.get(CODER_NAME) == ""
    assert s.get(WINDOW_GEOMETRY) == "" and s.get(WINDOW_STATE) == ""
    assert s.get(SPLITTERS) == {} and s.get(VIEW_FLAGS) == {}
    assert s.get(PINS, project="/p/a.qualcode") == {}
    assert s.get(RECENT_CODES, project="/p/a.qualcode") == []
    assert s.get(LAST_PLACE, project="/p/a.qualcode") is None
    assert not (folder / "settings.json").exists()


def test_a_default_handed_out_cannot_be_changed_by_its_caller():
    s = Settings()
    s.get(RECENT_PROJECTS).append("/tmp/x.qualcode")
    assert s.get(RECENT_PROJECTS) == []


def test_values_round_trip_through_the_file(folder):
    s = Settings()
    s.set(RECENT_PROJECTS, ["/p/b.qualcode", "/p/a.qualcode"])
    s.set(CODER_NAME, "Bea")
    s.set(WINDOW_GEOMETRY, "AdnQywAD")
    s.set(WINDOW_STATE, "AAAA/wAA")
    s.set(SPLITTERS, {"ipa_columns": "AAAA"})
    s.set(VIEW_FLAGS, {"notes_margin": False})
    s.set(PINS, {3: 12, 1: 4}, project="/p/a.qualcode")
    s.set(RECENT_CODES, [5, 7], project="/p/a.qualcode")
    s.set(LAST_PLACE, (2, 120), project="/p/a.qualcode")
    s.set(PINS, {9: 1}, project="/p/b.qualcode")

    again = Settings()
    assert again.get(RECENT_PROJECTS) == ["/p/b.qualcode", "/p/a.qualcode"]
    assert again.get(CODER_NAME) == "Bea"
    assert (again.get(WINDOW_GEOMETRY), again.get(WINDOW_STATE)) == ("AdnQywAD", "AAAA/wAA")
    assert again.get(SPLITTERS) == {"ipa_columns": "AAAA"}
    assert again.get(VIEW_FLAGS) == {"notes_margin": False}
    assert again.get(PINS, project="/p/a.qualcode") == {1: 4, 3: 12}
    assert again.get(PINS, project="/p/b.qualcode") == {9: 1}
    assert again.get(RECENT_CODES, project="/p/a.qualcode") == [5, 7]
    assert again.get(LAST_PLACE, project="/p/a.qualcode") == (2, 120)

    document = on_disk(folder / "settings.json")
    assert document["version"] == CURRENT_VERSION
    assert document["coder"] == {"name": "Bea"}
    assert document["window"]["splitters"] == {"ipa_columns": "AAAA"}
    entry = document["projects"][project_key("/p/a.qualcode")]
    assert entry["pins"] == {"1": 4, "3": 12} and entry["last_place"] == [2, 120]
    assert entry["location"] == "/p/a.qualcode"


def test_two_settings_objects_on_one_file_see_and_keep_each_others_changes():
    first, second = Settings(), Settings()
    first.set(CODER_NAME, "Ann")
    assert second.get(CODER_NAME) == "Ann"
    second.set(RECENT_PROJECTS, ["/p/a.qualcode"])
    first.set(VIEW_FLAGS, {"notes_margin": False})
    third = Settings()
    assert third.get(CODER_NAME) == "Ann"
    assert third.get(RECENT_PROJECTS) == ["/p/a.qualcode"]
    assert third.get(VIEW_FLAGS) == {"notes_margin": False}


def test_values_of_the_wrong_type_give_the_default(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({
        "version": CURRENT_VERSION, "coder": {"name": 42}, "recent_projects": "not a list",
        "view": {"shown": {"notes_margin": "no", "emergent_margin": False}},
        "projects": {project_key("/p/a.qualcode"): {"pins": {"1": "x", "2": 7}, "last_place": [1]}},
    }))
    s = Settings()
    assert s.get(CODER_NAME) == "" and s.get(RECENT_PROJECTS) == []
    assert s.get(VIEW_FLAGS) == {"emergent_margin": False}
    assert s.get(PINS, project="/p/a.qualcode") == {2: 7}
    assert s.get(LAST_PLACE, project="/p/a.qualcode") is None


def test_every_version_has_a_step_up_to_the_current_one():
    assert sorted(MIGRATIONS) == list(range(1, CURRENT_VERSION))


def test_a_version_1_file_is_upgraded_to_the_current_version(folder):
    key = project_key("/p/a.qualcode")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({
        "version": 1, "settings_version": 1,
        "recent_projects": ["/p/a.qualcode", "/p/b.qualcode"], "coder/name": " Bea ",
        "window/geometry": "AdnQywAD", "window/state": "AAAA/wAA", "window/ipa_columns": "AAAA",
        "view/notes_margin": "false", "view/emergent_margin": "true",
        f"projects/{key}/pins": ["3:12", "1:4", "junk"], f"projects/{key}/recent_codes": ["5", "7"],
        f"projects/{key}/last_place": "2:120", "general/something_else": "kept",
    }))
    s = Settings()
    assert s.version == CURRENT_VERSION
    assert s.get(RECENT_PROJECTS) == ["/p/a.qualcode", "/p/b.qualcode"]
    assert s.get(CODER_NAME) == "Bea"
    assert (s.get(WINDOW_GEOMETRY), s.get(WINDOW_STATE)) == ("AdnQywAD", "AAAA/wAA")
    assert s.get(SPLITTERS) == {"ipa_columns": "AAAA"}
    assert s.get(VIEW_FLAGS) == {"notes_margin": False, "emergent_margin": True}
    assert s.get(PINS, project="/p/a.qualcode") == {1: 4, 3: 12}
    assert s.get(RECENT_CODES, project="/p/a.qualcode") == [5, 7]
    assert s.get(LAST_PLACE, project="/p/a.qualcode") == (2, 120)
    document = on_disk(folder / "settings.json")
    assert document["version"] == CURRENT_VERSION
    assert "coder/name" not in document and document["general/something_else"] == "kept"


def test_an_ini_list_of_one_comes_as_a_bare_string_and_is_still_read(folder):
    folder.mkdir(parents=True, exist_ok=True)
    key = project_key("/p/a.qualcode")
    (folder / "settings.json").write_text(json.dumps({
        "version": 1, "recent_projects": "/p/a.qualcode", f"projects/{key}/pins": "2:9"}))
    s = Settings()
    assert s.get(RECENT_PROJECTS) == ["/p/a.qualcode"]
    assert s.get(PINS, project="/p/a.qualcode") == {2: 9}


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"coder": {"name": "Ann"}}', '{"version": "two"}',
                                  "\x00\x01garbage"])
def test_an_unreadable_file_is_set_aside_and_defaults_are_used(folder, text, caplog):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(text)
    with caplog.at_level(logging.WARNING, logger="qualcode.app.settings"):
        s = Settings()
    assert s.get(CODER_NAME) == "" and s.get(RECENT_PROJECTS) == []
    assert (folder / "settings.json.bad").read_text() == text
    assert not (folder / "settings.json").exists()
    assert any("set aside" in r.getMessage() and "settings.json.bad" in r.getMessage() for r in caplog.records)
    s.set(CODER_NAME, "Ann")
    assert Settings().get(CODER_NAME) == "Ann"


def test_a_file_that_goes_bad_while_open_keeps_what_was_known(folder):
    s = Settings()
    s.set(CODER_NAME, "Ann")
    (folder / "settings.json").write_text("{truncated")
    s.set(RECENT_PROJECTS, ["/p/a.qualcode"])
    again = Settings()
    assert again.get(CODER_NAME) == "Ann" and again.get(RECENT_PROJECTS) == ["/p/a.qualcode"]
    assert (folder / "settings.json.bad").read_text() == "{truncated"


def test_a_file_from_a_newer_qualcode_is_read_and_never_downgraded(folder):
    folder.mkdir(parents=True, exist_ok=True)
    newer = {"version": CURRENT_VERSION + 5, "coder": {"name": "Ann", "initials": "AB"},
             "recent_projects": ["/p/a.qualcode"], "safety": {"redact": True, "levels": [1, 2]}}
    (folder / "settings.json").write_text(json.dumps(newer))
    s = Settings()
    assert s.version == CURRENT_VERSION + 5
    assert s.get(CODER_NAME) == "Ann" and s.get(RECENT_PROJECTS) == ["/p/a.qualcode"]
    s.set(CODER_NAME, "Bea")
    s.set(PINS, {1: 2}, project="/p/a.qualcode")
    document = on_disk(folder / "settings.json")
    assert document["version"] == CURRENT_VERSION + 5
    assert document["safety"] == {"redact": True, "levels": [1, 2]}
    assert document["coder"] == {"name": "Bea", "initials": "AB"}
    assert Settings().get(PINS, project="/p/a.qualcode") == {1: 2}


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(folder, monkeypatch, caplog):
    s = Settings()
    s.set(CODER_NAME, "Ann")
    before = (folder / "settings.json").read_bytes()

    def half_then_full_disk(document, fh, **kwargs):
        fh.write('{"version": 2, "coder": {"na')
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch, caplog.at_level(logging.WARNING, logger="qualcode.app.settings"):
        patch.setattr(settings_store.json, "dump", half_then_full_disk)
        s.set(CODER_NAME, "Bea")  # never raises: the change is logged and not saved
    assert (folder / "settings.json").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["settings.json"]
    assert any("could not be written" in r.getMessage() for r in caplog.records)
    assert Settings().get(CODER_NAME) == "Ann"


def test_write_atomically_raises_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "settings.json"
    write_atomically(target, {"version": 2, "coder": {"name": "Ann"}})
    monkeypatch.setattr(settings_store.json, "dump", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_atomically(target, {"version": 2, "coder": {"name": "Bea"}})
    assert on_disk(target) == {"version": 2, "coder": {"name": "Ann"}}
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_old_settings_are_imported_once_when_there_is_no_file(folder):
    calls = []

    def legacy():
        calls.append(1)
        return {"version": 1, "coder/name": "Ann", "recent_projects": ["/p/a.qualcode"]}

    s = Settings(legacy=legacy)
    assert s.get(CODER_NAME) == "Ann" and s.get(RECENT_PROJECTS) == ["/p/a.qualcode"]
    assert on_disk(folder / "settings.json")["version"] == CURRENT_VERSION
    Settings(legacy=legacy)
    assert calls == [1]


def test_a_file_set_aside_gives_defaults_not_the_old_settings_again(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text("{broken")
    s = Settings(legacy=lambda: {"version": 1, "coder/name": "Ann"})
    assert s.get(CODER_NAME) == ""
    assert (folder / "settings.json.bad").exists()


def test_old_settings_that_cannot_be_read_are_skipped(folder, caplog):
    def broken():
        raise RuntimeError("unreadable INI")

    with caplog.at_level(logging.WARNING, logger="qualcode.app.settings"):
        s = Settings(legacy=broken)
    assert s.get(CODER_NAME) == ""
    assert any("could not be imported" in r.getMessage() for r in caplog.records)


def test_the_package_imports_no_qt():
    import subprocess
    import sys

    code = "import sys, qualcode.app.settings; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert app_settings.Settings is Settings
