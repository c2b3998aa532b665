"""Smoke test of the built desktop app, dist/qualcode/ (``make package`` builds it, then runs this).

What a person relies on after unpacking the folder: the program starts, it opens a
project and draws the window exactly as the source tree does (so Qt's plugins, fonts
and styles came along), and the language models run from inside the folder — the
MiniLM model for suggestions, spaCy's English model for finding names.  Without a
build every test here is skipped, with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from qualcode import __version__

REPO = Path(__file__).resolve().parents[2]
APP_DIR = REPO / "dist" / "qualcode"
APP = APP_DIR / "qualcode"
SIZE = (1280, 720)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not APP.is_file(), reason="dist/qualcode is absent: `make package` builds the app, then runs this"),
]


def run_app(*args: str | Path, env: dict[str, str] | None = None, timeout: int = 120,
            command: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the built program (not the source tree) and return what it said."""
    argv = [*(command or []), str(APP), *map(str, args)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, cwd=APP_DIR.parent)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interviews sample project, built from the source tree into a private folder."""
    out = tmp_path_factory.mktemp("sample")
    subprocess.run([sys.executable, str(REPO / "sample_projects" / "build_samples.py"), "--only", "interviews",
                    "--out", str(out)], check=True, capture_output=True, timeout=300)
    return out / "interviews.qualcode"


def screenshot(png: Path, project: Path, via: list[str] | None = None, source: bool = False) -> None:
    """Have the built app (or, with ``source``, the source tree) save its window as ``png``."""
    args = ["gui", project, "--screenshot", png, "--size", "{}x{}".format(*SIZE)]
    if source:
        done = subprocess.run([sys.executable, "-m", "qualcode", *map(str, args)], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    else:
        done = run_app(*args, command=via, env=None if via else {"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.is_file(), f"no screenshot written: {done.stdout} {done.stderr[-1000:]}"


def test_version_names_the_release() -> None:
    done = run_app("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"qualcode {__version__}"


def test_offscreen_screenshot_of_the_sample_project_matches_the_source_tree(
        sample: Path, tmp_path: Path, packaging_script: Callable[[str], ModuleType]) -> None:
    from PIL import Image, ImageChops

    built = tmp_path / "built.png"
    screenshot(built, sample)
    image = Image.open(built).convert("RGB")
    assert image.size == SIZE
    colours = image.getcolors(1 << 20) or []
    assert len(colours) > 200, "the window looks empty: too few colours for text, panels and coding stripes"

    stamp = packaging_script("source_stamp")
    built_from = APP_DIR / "_internal" / stamp.STAMP_NAME
    if not built_from.is_file() or built_from.read_text().strip() != stamp.source_digest(REPO):
        pytest.skip("qualcode/ changed since dist/qualcode was built: `make package` to compare it pixel for pixel")
    reference = tmp_path / "source.png"
    screenshot(reference, sample, source=True)
    diff = ImageChops.difference(image, Image.open(reference).convert("RGB")).convert("L")
    changed = sum(count for count, level in (diff.getcolors(256) or []) if level > 0)
    assert changed / (SIZE[0] * SIZE[1]) < 0.01, f"{changed} pixels differ from the source tree's window"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (apt-get install xvfb xauth)")
def test_draws_on_an_x_display_with_its_own_xcb_plugin(sample: Path, tmp_path: Path) -> None:
    png = tmp_path / "xcb.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", str(APP), "gui", str(sample),
                           "--screenshot", str(png), "--size", "{}x{}".format(*SIZE)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.is_file()


def test_suggests_themes_with_the_bundled_minilm_model(sample: Path, tmp_path: Path) -> None:
    project = tmp_path / sample.name
    shutil.copy(sample, project)
    done = run_app("suggest", project, "--items", "emergent", "--backend", "minilm", "--json")
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert found["backend"].startswith("MiniLM"), found["backend"]  # not a fallback to TF-IDF
    assert found["clusters"]


def test_finds_names_with_the_bundled_spacy_model_or_says_it_uses_the_basic_finder(sample: Path, tmp_path: Path) -> None:
    from qualcode.analysis.entities import BASIC_FINDER_LABEL

    project = tmp_path / sample.name
    shutil.copy(sample, project)
    done = run_app("anonymise", project, "--list")
    assert done.returncode == 0, done.stderr[-2000:]
    bundled = any((APP_DIR / "_internal").glob("en_core_web_sm*/meta.json"))
    expected = "Names found by: spaCy" if bundled else BASIC_FINDER_LABEL
    assert expected in done.stderr + done.stdout, done.stderr[:500]
    assert "Margaret," in done.stdout  # a colleague named in the sample interviews


def test_holds_the_user_guide_and_the_welcome_pages_samples() -> None:
    inside = APP_DIR / "_internal"
    assert (inside / "sample_projects" / "build_samples.py").is_file()
    assert sorted(p.name for p in (inside / "sample_projects" / "interviews").glob("*.txt")) == \
        sorted(p.name for p in (REPO / "sample_projects" / "interviews").glob("*.txt"))
    assert not list((inside / "sample_projects").glob("*.qualcode*")), "a built project was packed"
    if (REPO / "docs" / "guide.md").is_file():
        assert (inside / "docs" / "guide.md").is_file(), "Help → User guide would say the guide is missing"
