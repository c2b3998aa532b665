"""Writers that turn a :class:`~qualcode.reports.document.ReportDocument` into files.

Writers register themselves by format with :func:`writer`; :func:`write`
picks one from the format or the file suffix.  The writer modules (and the
libraries they need: python-docx, openpyxl, matplotlib) are imported only
when a file is written, so the command line and the window start quickly.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from qualcode.core.errors import QualcodeError
from qualcode.reports.document import ReportDocument

Writer = Callable[[ReportDocument, Path], None]
_WRITERS: dict[str, Writer] = {}
_MODULES = ("docx_writer", "xlsx_writer", "csv_writer", "html_writer")
SUFFIXES = {".docx": "docx", ".xlsx": "xlsx", ".csv": "csv", ".html": "html", ".htm": "html", ".json": "json"}


class ExportError(QualcodeError):
    """An export that cannot be done, worded for the researcher."""


def writer(fmt: str) -> Callable[[Writer], Writer]:
    """Register the decorated function as the writer of ``fmt``."""

    def register(func: Writer) -> Writer:
        _WRITERS[fmt] = func
        return func

    return register


def _load() -> None:
    if len(_WRITERS) < len(_MODULES):
        for name in _MODULES:
            importlib.import_module(f"{__name__}.{name}")


def formats() -> tuple[str, ...]:
    _load()
    return tuple(sorted(_WRITERS))


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """``fmt`` if given, else the one the file's suffix names."""
    if fmt:
        return fmt.lower().lstrip(".")
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"{Path(path).name}: cannot tell the format from ‘{suffix or 'no suffix'}’ — "
                          f"use .docx, .xlsx, .csv or .html, or give --format")
    return SUFFIXES[suffix]


def chart_paths(doc: ReportDocument, path: str | Path) -> list[tuple[Path, Path]]:
    """Where each chart's PNG and SVG go: beside the report, named after it."""
    path = Path(path)
    charts = doc.charts
    stems = [path.stem] if len(charts) == 1 else [f"{path.stem}-{c.file_stem}" for c in charts]
    return [(path.with_name(f"{s}.png"), path.with_name(f"{s}.svg")) for s in stems]


def write(doc: ReportDocument, path: str | Path, fmt: str | None = None, charts: bool = True) -> list[Path]:
    """Write ``doc`` to ``path``; returns every file written (the report, then any charts).

    Each chart is also saved as PNG and SVG beside the report, for slides
    and for journals that want figures as separate files.
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    _load()
    if fmt not in _WRITERS:
        raise ExportError(f"{path.name}: this report cannot be written as {fmt} "
                          f"(choose {', '.join(sorted(_WRITERS))})")
    path.parent.mkdir(parents=True, exist_ok=True)
    _WRITERS[fmt](doc, path)
    written = [path]
    if charts and doc.charts:
        from qualcode.reports.writers.charts import render

        for chart, (png, svg) in zip(doc.charts, chart_paths(doc, path)):
            png.write_bytes(render(chart, "png"))
            svg.write_bytes(render(chart, "svg"))
            written += [png, svg]
    return written
