"""The files that make the built app a desktop app: menu entry, metadata, icons, start-up.

They need no build: what a software centre, a menu or Finder reads must agree with
the app (its id, its version, its icon) and pass the freedesktop validators when
those are installed.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from qualcode import __version__

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "resources" / "linux"
ICONS = REPO / "resources" / "icons"
APP_ID = "io.github.qualcode.qualcode"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_metainfo_names_this_release_and_the_menu_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__, "add a <release> for the new version"
    assert root.find("launchable").text == DESKTOP.name  # type: ignore[union-attr]
    assert root.find("icon").text == desktop_entry()["Icon"] == APP_ID  # type: ignore[union-attr]


def test_menu_entry_opens_the_window_on_a_double_clicked_project() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "qualcode gui %f"
    assert "application/x-qualcode" in entry["MimeType"].split(";")
    mime = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    assert mime.find("m:mime-type", ns).get("type") == "application/x-qualcode"  # type: ignore[union-attr]
    assert mime.find("m:mime-type/m:glob", ns).get("pattern") == "*.qualcode"  # type: ignore[union-attr]


def test_macos_bundle_uses_the_same_id() -> None:
    assert f'bundle_identifier="{APP_ID}"' in (REPO / "packaging" / "qualcode.spec").read_text(encoding="utf-8")


def test_every_icon_size_is_there_and_drawn_from_the_committed_svg(packaging_script: Callable[[str], ModuleType]) -> None:
    from PIL import Image

    icons = packaging_script("make_icons")
    assert (ICONS / "qualcode.svg").read_text(encoding="utf-8") == icons.svg(), \
        "resources/icons is out of date: run .venv/bin/python packaging/make_icons.py"
    for size in icons.SIZES:
        with Image.open(ICONS / f"qualcode-{size}.png") as png:
            assert png.size == (size, size)
            assert png.getpixel((0, 0))[3] == 0 and png.getpixel((size // 2, size // 2))[3] == 255  # type: ignore[index]
    with Image.open(ICONS / "qualcode.ico") as ico:
        assert set(icons.ICO_SIZES) <= {w for w, _ in ico.info["sizes"]}
    with Image.open(ICONS / "qualcode.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]


def test_icon_script_draws_every_size(tmp_path: Path, packaging_script: Callable[[str], ModuleType]) -> None:
    icons = packaging_script("make_icons")
    written = icons.write_all(tmp_path)
    assert {p.name for p in written} >= {f"qualcode-{s}.png" for s in icons.SIZES} | {"qualcode.ico", "qualcode.icns"}


@pytest.mark.parametrize(("argv", "expected"), [
    (["qualcode"], ["qualcode", "gui"]),  # the app itself double-clicked
    (["qualcode", "/home/r/study.qualcode"], ["qualcode", "gui", "/home/r/study.qualcode"]),
    (["qualcode-app", "-psn_0_12345"], ["qualcode-app", "gui"]),  # Finder's process id is dropped
    (["qualcode", "info", "study.qualcode"], ["qualcode", "info", "study.qualcode"]),  # the command line as ever
    (["qualcode", "--version"], ["qualcode", "--version"]),
])
def test_a_double_click_opens_the_window_and_commands_stay_commands(
        argv: list[str], expected: list[str], packaging_script: Callable[[str], ModuleType]) -> None:
    assert packaging_script("entry")._desktop_start(argv) == expected


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed (apt-get install appstream)")
def test_metainfo_passes_appstreamcli() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (apt-get install desktop-file-utils)")
def test_menu_entry_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout + done.stderr

