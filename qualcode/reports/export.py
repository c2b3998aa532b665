"""Build a report and write it: the one call the command line and the dialogs make."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.core.progress import Progress
from qualcode.io.output import check_output
from qualcode.reports.checks import check_options
from qualcode.reports.options import ReportOptions
from qualcode.reports.registry import report
from qualcode.reports.writers import ExportError, format_for, write

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass
class ExportResult:
    files: list[Path]
    warnings: list[str] = field(default_factory=list)


def export_report(project: Project, name: str, path: str | Path, fmt: str | None = None,
                  options: ReportOptions | None = None, progress: Progress | None = None) -> ExportResult:
    """Write report ``name`` to ``path`` (format from ``fmt`` or the suffix).

    ``progress(done, total)`` is called after building and after writing, so
    a dialog can show that a large export is under way.
    """
    exchanged = _exchange_file(project, name, Path(path), fmt, progress)
    if exchanged is not None:
        return exchanged
    spec = report(name)
    path = Path(path)
    fmt = format_for(path, fmt)
    if fmt not in spec.formats:
        raise ExportError(f"{path.name}: the {spec.title.lower()} can be written as "
                          f"{', '.join(spec.formats)}, not {fmt}")
    reads = (project.location,)
    check_output(path, reads)  # before building: a report is never written over the project
    options = options or ReportOptions()
    check_options(project, options)  # a misspelt name is refused, never an all-zero table
    if progress:
        progress(0, 2)
    if name == "codebook" and fmt == "json":
        from qualcode.core.themes.codebook import export_codebook_json

        export_codebook_json(project, path)
        files, warnings = [path], []
    else:
        try:
            doc = spec.build(project, options)
        except KeyError as exc:  # an unknown question, participant or attribute
            raise ExportError(str(exc.args[0]) if exc.args else str(exc)) from exc
        if progress:
            progress(1, 2)
        files, warnings = write(doc, path, fmt, reads=reads), doc.warnings
    if progress:
        progress(2, 2)
    return ExportResult(files, warnings)


def _exchange_file(project: Project, name: str, path: Path, fmt: str | None,
                   progress: Progress | None) -> ExportResult | None:
    """A REFI-QDA file for another QDA tool (``project`` as .qdpx, ``codebook`` as .qdc); None for a report."""
    wanted = (fmt or path.suffix).lower().lstrip(".")
    if name == "project":
        if wanted != "qdpx":
            raise ExportError(f"{path.name}: the project is written as a REFI-QDA project file — "
                              "give it the suffix .qdpx (or give --format qdpx)")
        from qualcode.core.exchange.outgoing import export_qdpx as write_file
    elif name == "codebook" and wanted == "qdc":
        from qualcode.core.exchange.outgoing import export_qdc as write_file
    else:
        return None
    check_output(path, (project.location,))  # before reading: never written over the project
    if progress:
        progress(0, 1)
    warnings = write_file(project, path)
    if progress:
        progress(1, 1)
    return ExportResult([path], warnings)
