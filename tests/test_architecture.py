"""House rules that must never regress."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "qualcode"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {n}"
                  for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_only_the_gui_package_imports_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if PACKAGE / "gui" in path.parents:
            continue
        offenders += qt_imports(path)
    assert offenders == []


def test_the_check_itself_sees_a_qt_import(tmp_path: Path) -> None:
    bad = PACKAGE / "core" / "_probe_for_test.py"
    try:
        bad.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
        assert qt_imports(bad)
    finally:
        bad.unlink()


def test_core_services_load_without_qt_or_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "import qualcode.core.project, qualcode.core.coding.commands, qualcode.cli\n"
        "import qualcode.core.transcripts.importing, qualcode.core.themes.codebook\n"
        "heavy = [m for m in ('PySide6', 'spacy', 'sklearn', 'onnxruntime', 'torch') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
