"""The pseudonymisation mapping as CSV: to edit before applying, and for the ethics record.

``qualcode anonymise P --list`` writes the proposed mapping (original,
replacement, kind, count); the researcher edits the replacements, deletes
rows (or blanks their replacement, or writes "no" in an ``accept`` column)
to reject them, and applies the file with ``--apply``.  The same columns
serve the ethics record; it is kept apart from the project, where the real
names are not stored unless the researcher asks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from qualcode.core.model import NAME_KINDS, MappingEntry, StoredPseudonym
from qualcode.io.base import ImportRefused
from qualcode.io.csv_cells import neutralise, restore
from qualcode.io.output import Reads, write_text

COLUMNS = ["original", "replacement", "kind", "count"]
_NO = frozenset({"no", "n", "0", "false", "reject", "rejected", "x"})


def _csv(rows: Iterable[Iterable[object]]) -> str:
    """CSV text whose text cells a spreadsheet shows, never runs (:mod:`qualcode.io.csv_cells`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
    return out.getvalue()


def mapping_csv_text(entries: Iterable[MappingEntry]) -> str:
    """The mapping as CSV text (accepted entries only)."""
    return _csv([COLUMNS, *([e.original, e.replacement, e.kind, e.count] for e in entries if e.accepted)])


def write_mapping_csv(path: str | Path, entries: Iterable[MappingEntry], reads: Reads = ()) -> None:
    """Write the mapping whole or not at all, never over a project or one of ``reads`` (the mapping applied)."""
    write_text(path, mapping_csv_text(entries), reads)


def read_mapping_csv(path: str | Path) -> list[MappingEntry]:
    """Entries from an edited mapping file; a row without a replacement is rejected."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportRefused(path, "the file does not exist") from None
    except UnicodeDecodeError:
        raise ImportRefused(path, "the file is not UTF-8 text; save it from the spreadsheet as CSV UTF-8") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    header = {(name or "").strip().lower() for name in (rows[0].keys() if rows else [])}
    if not rows or not {"original", "replacement"} <= header:
        raise ImportRefused(path, "a mapping needs the columns 'original' and 'replacement' "
                                  "(as written by qualcode anonymise --list)")
    entries = []
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): restore((v or "").strip()) for k, v in row.items()}
        kind = row.get("kind") or "person"
        if kind not in NAME_KINDS:
            raise ImportRefused(path, f"line {line}: the kind '{kind}' is not one of {', '.join(NAME_KINDS)}")
        if not row["original"]:
            continue
        accepted = bool(row["replacement"]) and row.get("accept", "yes").lower() not in _NO
        count = int(row["count"]) if row.get("count", "").isdigit() else 0
        entries.append(MappingEntry(row["original"], row["replacement"], kind, count, accepted=accepted))
    return entries


def write_record_csv(path: str | Path, stored: Iterable[StoredPseudonym], reads: Reads = ()) -> None:
    """The project's stored mapping for the ethics record (originals blank where not kept)."""
    rows = ([p.original or "", p.replacement, p.kind, p.occurrences, p.applied_at] for p in stored)
    write_text(path, _csv([[*COLUMNS, "applied_at"], *rows]), reads)
