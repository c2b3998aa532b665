"""The researcher's own copy of a sample project, made on first use.

The samples are built by ``sample_projects/build_samples.py`` from the files
beside it (a checkout, or the ``sample_projects`` folder of a PyInstaller
build).  The copy lives in qualcode's data folder, never in the sources, so
trying things out on it cannot change the repository's samples.  When the
checkout already holds a built sample it is copied with SQLite's backup (a
consistent copy even while another window has it open); otherwise the
sample is built, which takes a few seconds.  No Qt here: the welcome page
runs :func:`sample_copy` in a worker.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import qualcode
from qualcode.app.paths import data_dir
from qualcode.core.errors import NotFound

SAMPLES = {
    "interviews": ("sample IPA study", "Six interviews with practitioners, with a reference analysis: "
                   "superordinate themes, sub-themes, emergent themes and exploratory notes"),
    "survey": ("sample survey", "300 staff answers to two open questions, with a codebook and reference coding"),
}


def sample_sources() -> Path | None:
    """The folder holding ``build_samples.py`` and the sample files, or None when not installed."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "sample_projects")
    places.append(Path(qualcode.__file__).resolve().parents[1] / "sample_projects")
    return next((p for p in places if (p / "build_samples.py").is_file()), None)


def samples_folder() -> Path:
    """Where the researcher's copies of the samples are kept."""
    return data_dir() / "samples"


def _builder(sources: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("qualcode_build_samples", sources / "build_samples.py")
    if spec is None or spec.loader is None:
        raise NotFound(f"{sources / 'build_samples.py'}: cannot be read")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there while being defined
    spec.loader.exec_module(module)
    return module


def _copy(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as read, sqlite3.connect(partial) as write:
        read.backup(write)
    read.close()
    write.close()
    partial.replace(target)


def sample_copy(name: str, folder: Path | None = None) -> Path:
    """The path of the researcher's copy of sample ``name`` (a key of :data:`SAMPLES`), made if missing."""
    if name not in SAMPLES:
        raise NotFound(f"no sample project called ‘{name}’ (there are: {', '.join(SAMPLES)})")
    folder = folder or samples_folder()
    target = folder / f"{name}.qualcode"
    if target.is_file():
        return target
    sources = sample_sources()
    if sources is None:
        raise NotFound("the sample projects are not installed with this copy of qualcode")
    folder.mkdir(parents=True, exist_ok=True)
    built = sources / f"{name}.qualcode"
    if built.is_file():
        _copy(built, target)
        return target
    partial = folder / f"{name}.building.qualcode"
    for stale in folder.glob(f"{partial.name}*"):
        stale.unlink()
    builder = _builder(sources)
    project = builder.build_interviews(partial) if name == "interviews" else builder.build_survey(partial)
    project.close()
    partial.replace(target)
    backups = partial.with_name(partial.name + "-backups")  # kept with the project they belong to
    if backups.is_dir() and not target.with_name(target.name + "-backups").exists():
        backups.rename(target.with_name(target.name + "-backups"))
    return target
