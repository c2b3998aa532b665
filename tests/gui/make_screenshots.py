"""Render the workbench screenshots in docs/screenshots/ (private settings).

    xvfb-run -a .venv/bin/python tests/gui/make_screenshots.py [OUT_DIR]   # a real X server
    .venv/bin/python tests/gui/make_screenshots.py [OUT_DIR]               # offscreen without one

Besides the two pictures for the documentation (1600×900), the main views are
rendered at each screen size a researcher may have (:data:`SCREENS`: a
1280×720 laptop, 1366×768, 1920×1080 and a 2× HiDPI laptop) into
``OUT_DIR/sizes/``, each on an X screen of that size when ``xvfb-run`` is
there, so the window fits its screen as it would on that machine.

Builds the sample projects with ``sample_projects/build_samples.py`` into a
temporary folder, sets the place where a researcher would have left off
(Maya's transcript around the "production line" passage), and renders each
project with ``qualcode gui P --screenshot FILE.png``, as anyone can.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SIZE = "1600x900"
SCREENS = {  # name → (window size in logical pixels, scale factor)
    "1280x720": ("1280x720", 1), "1366x768": ("1366x768", 1), "1920x1080": ("1920x1080", 1),
    "1280x720-hidpi2x": ("1280x720", 2),
}


def _on_screen(command: list[str], size: str, scale: int, env: dict[str, str]) -> list[str] | None:
    """``command`` run on an X screen of ``size`` (device pixels) when xvfb-run is installed, else None."""
    if shutil.which("xvfb-run") is None:
        return None
    width, height = (int(v) * scale for v in size.split("x"))
    env.pop("QT_QPA_PLATFORM", None)
    return ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24", *command]


def render_sizes(qualcode: str, interviews: Path, survey: Path, out: Path, env: dict[str, str]) -> list[Path]:
    """The interview and survey views at every size in :data:`SCREENS`."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for name, (size, scale) in SCREENS.items():
        for project, view, extra in ((interviews, "interview", []), (survey, "survey", ["--document", "q1_retention"])):
            shot = out / f"workbench-{view}-{name}.png"
            command = [qualcode, "gui", str(project), "--screenshot", str(shot), "--size", size, *extra]
            settings = out / ".settings" / f"{name}-{view}"  # a fresh layout: nothing kept from another size
            shutil.rmtree(settings, ignore_errors=True)
            shutil.copytree(env["QUALCODE_SETTINGS_DIR"], settings)
            run_env = {**env, "QT_SCALE_FACTOR": str(scale), "QUALCODE_SETTINGS_DIR": str(settings)}
            wrapped = _on_screen(command, size, scale, run_env)
            if wrapped is None:
                run_env["QT_QPA_PLATFORM"] = "offscreen"
            subprocess.run(wrapped or command, check=True, env=run_env)
            made.append(shot)
    shutil.rmtree(out / ".settings", ignore_errors=True)
    return made


def render_guide(python: str, interviews: Path, survey: Path, out: Path, env: dict[str, str]) -> list[Path]:
    """The user guide's pictures (1280×720, docs/screenshots/guide/) and the same screens at 1920×1080 (sizes/)."""
    made = []
    for size, folder in (("1280x720", out / "guide"), ("1920x1080", out / "sizes")):
        run_env = {**env, "QUALCODE_SETTINGS_DIR": str(out / ".settings-guide" / size)}
        copies = out / ".settings-guide" / size / "projects"  # the guide's clicks never touch the built samples
        copies.mkdir(parents=True, exist_ok=True)
        shutil.copy(interviews, copies / interviews.name)
        shutil.copy(survey, copies / survey.name)
        command = [python, str(REPO / "tests" / "gui" / "shoot_guide.py"), str(folder),
                   str(copies / interviews.name), str(copies / survey.name), size]
        wrapped = _on_screen(command, size, 1, run_env)
        if wrapped is None:
            run_env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run(wrapped or command, check=True, env=run_env)
        made += sorted(folder.glob(f"*-{size}.png"))
    shutil.rmtree(out / ".settings-guide", ignore_errors=True)
    return made


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    python = str(REPO / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QUALCODE_SETTINGS_DIR": str(Path(tmp) / "settings")}
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run([python, str(REPO / "sample_projects" / "build_samples.py"), "--out", tmp], check=True, env=env)
        interviews, survey = Path(tmp) / "interviews.qualcode", Path(tmp) / "survey.qualcode"
        prepare = (
            "import sys\n"
            "from qualcode.core.project import Project\n"
            "from qualcode.gui.settings import GuiSettings\n"
            "p = Project.open(sys.argv[1])\n"
            "doc = next(d for d in p.documents.list() if 'maya' in d.title.lower())\n"
            "s = GuiSettings(); s.coder_name = 'Ann'\n"
            "s.set_last_place(p.location, doc.id, int(sys.argv[2])); s.sync(); p.close()\n"
        )
        subprocess.run([python, "-c", prepare, str(interviews), "86"], check=True, env=env)
        qualcode = str(REPO / ".venv" / "bin" / "qualcode")
        sizes = render_sizes(qualcode, interviews, survey, out / "sizes", env)  # first: nothing kept from 1600 px
        subprocess.run([qualcode, "gui", str(interviews), "--screenshot", str(out / "workbench-interview.png"),
                        "--size", SIZE], check=True, env=env)
        subprocess.run([qualcode, "gui", str(survey), "--screenshot", str(out / "workbench-survey.png"),
                        "--size", SIZE, "--document", "q1_retention"], check=True, env=env)
        sizes += render_guide(python, interviews, survey, out, env)
        # The theme board at both IPA levels (theme-board-personal.png, theme-board-group.png), on its own copy.
        ipa = Path(tmp) / "ipa"
        subprocess.run([python, str(REPO / "sample_projects" / "build_samples.py"), "--out", str(ipa),
                        "--only", "interviews", "--analysis", "emergent"], check=True, env=env)
        board_env = dict(env)
        board = [python, str(REPO / "tests" / "gui" / "theme_board_shots.py"), str(ipa / "interviews.qualcode"), str(out)]
        wrapped = _on_screen(board, SIZE, 1, board_env)
        if wrapped is None:
            board_env["QT_QPA_PLATFORM"] = "offscreen"
        subprocess.run(wrapped or board, check=True, env=board_env)
    for path in [out / "workbench-interview.png", out / "workbench-survey.png", *sizes]:
        print(f"{path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
