"""Writers that turn a :class:`~qualcode.reports.document.ReportDocument` into files.

Writers register themselves by format with :func:`writer`; :func:`write`
picks one from the format or the file suffix.  The writer modules (and the
libraries they need: python-docx, openpyxl, matplotlib) are imported only
when a file is written, so the command line and the window start quickly.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from qualcode.core.errors import QualcodeError
from qualcode.io.output import check_outputs, replacing, write_bytes
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


def write(doc: ReportDocument, path: str | Path, fmt: str | None = None, charts: bool = True,
          reads: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Write ``doc`` to ``path``; returns every file written (the report, then any charts).

    Each chart is also saved as PNG and SVG beside the report, for slides
    and for journals that want figures as separate files.  Every file is
    checked before the first is written — never over a project or one of
    ``reads`` (the files the command reads) — and each is written whole or
    not at all (:mod:`qualcode.io.output`).
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    _load()
    if fmt not in _WRITERS:
        raise ExportError(f"{path.name}: this report cannot be written as {fmt} "
                          f"(choose {', '.join(sorted(_WRITERS))})")
    reads = tuple(reads)
    pictures = chart_paths(doc, path) if charts and doc.charts else []
    outputs = [path, *(p for pair in pictures for p in pair)]
    if len(set(outputs)) < len(outputs):
        raise ExportError(f"{path.name}: the report and its charts would be written to the same file; "
                          f"use the suffix of the format (.{fmt})")
    check_outputs(outputs, reads)
    with replacing(path, reads) as partial:
        _WRITERS[fmt](doc, partial)
    written = [path]
    if pictures:
        from qualcode.reports.writers.charts import render

        for chart, (png, svg) in zip(doc.charts, pictures):
            write_bytes(png, render(chart, "png"), reads)
            write_bytes(svg, render(chart, "svg"), reads)
            written += [png, svg]
    return written
