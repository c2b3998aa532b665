"""Render the workbench screenshots in docs/screenshots/ (private settings).

    xvfb-run -a .venv/bin/python tests/gui/make_screenshots.py [OUT_DIR]   # a real X server
    .venv/bin/python tests/gui/make_screenshots.py [OUT_DIR]               # offscreen without one

Builds the sample projects with ``sample_projects/build_samples.py`` into a
temporary folder, sets the place where a researcher would have left off
(Maya's transcript around the "production line" passage), and renders each
project with ``qualcode gui P --screenshot FILE.png``, as anyone can.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SIZE = "1600x900"


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
        subprocess.run([qualcode, "gui", str(interviews), "--screenshot", str(out / "workbench-interview.png"),
                        "--size", SIZE], check=True, env=env)
        subprocess.run([qualcode, "gui", str(survey), "--screenshot", str(out / "workbench-survey.png"),
                        "--size", SIZE, "--document", "q1_retention"], check=True, env=env)
    for name in ("workbench-interview.png", "workbench-survey.png"):
        print(f"{out / name}: {(out / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
