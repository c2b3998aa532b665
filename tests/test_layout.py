"""The package layout the architecture relies on (docs/architecture.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qualcode"
MAX_LINES = 400
MAX_CORE_MODULES = 12


def modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_core_keeps_few_modules_of_its_own() -> None:
    own = sorted(p.name for p in (PACKAGE / "core").glob("*.py") if p.name != "__init__.py")
    assert len(own) <= MAX_CORE_MODULES, own


def prefix_families(folder: Path) -> dict[str, list[str]]:
    """Modules in one folder that share a first word (``reliability_codings``, ``reliability``)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in folder.glob("*.py"):
        if path.stem != "__init__":
            groups[path.stem.split("_")[0]].append(path.stem)
    return {k: sorted(v) for k, v in groups.items() if len(v) > 1}


def test_no_folder_holds_a_prefix_family() -> None:
    found = {str(folder.relative_to(PACKAGE)): fam for folder in [PACKAGE, *PACKAGE.rglob("*")]
             if folder.is_dir() and (fam := prefix_families(folder))}
    assert found == {}


def test_the_family_check_sees_a_family(tmp_path: Path) -> None:
    for name in ("merge.py", "merge_source.py", "split.py"):
        (tmp_path / name).write_text("")
    assert prefix_families(tmp_path) == {"merge": ["merge", "merge_source"]}


def lint_imports() -> str:
    found = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if not found:
        pytest.fail("lint-imports is not installed: `pip install -e '.[dev]'`")
    return found


def test_import_contracts_hold() -> None:
    """The layers and the Qt ban of pyproject.toml's [tool.importlinter] (see docs/architecture.md)."""
    out = subprocess.run([lint_imports(), "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
