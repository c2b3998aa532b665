"""The reliability table for a methods section, as Word, Excel or CSV.

One table — code, units, percent agreement, kappa, alpha, and a reading in
plain words — with the overall figures below it, the methods-section
sentence above it, and notes that state the unit and the statistics.  A
figure that cannot be computed is shown as a dash with the reason, never as
a zero.  :func:`reliability_document` builds it as a
:class:`~qualcode.reports.document.ReportDocument`, so the report writers
write it like every other report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.analysis.agreement import AgreementReport
from qualcode.analysis.agreement.methods import FEW_UNITS
from qualcode.analysis.agreement.stats import ALPHA_SOURCE, KAPPA_SOURCE
from qualcode.core.errors import InvalidValue
from qualcode.core.reliability.agreement import AgreementResult, ConsensusAgreement
from qualcode.reports.document import DATA, Cell, Column, Heading, Paragraph, ReportDocument, Row, Table
from qualcode.reports.writers import write

FORMATS = (".docx", ".xlsx", ".csv")
HEADERS = ("Code", "Units", "Agreement", "Kappa", "Alpha", "Reading")


@dataclass(frozen=True)
class TableRow:
    code: str
    units: int
    agreement: float | None
    kappa: float | None
    alpha: float | None
    reading: str
    overall: bool = False
    kappa_pairs: tuple[int, int] | None = None  # Light's kappa: (pairs defined, pairs), when some are not


def _pairs(undefined: int, pairs: int) -> tuple[int, int] | None:
    return (pairs - undefined, pairs) if pairs > 1 and undefined else None


def table_rows(report: AgreementReport) -> list[TableRow]:
    """Per-code rows in codebook order, then the three overall figures."""
    rows = [TableRow(c.code, c.units, c.agreement, c.kappa, c.alpha, c.reading,
                     kappa_pairs=_pairs(c.kappa_pairs_undefined, len(c.pairs))) for c in report.codes]
    for name, o in (("Overall (pooled)", report.overall_pooled),
                    ("Overall (mean over codes)", report.overall_mean),
                    ("Overall (mean weighted by prevalence)", report.overall_weighted)):
        rows.append(TableRow(name, o.units, o.agreement, o.kappa, o.alpha, o.reading, overall=True,
                             kappa_pairs=_pairs(o.kappa_pairs_undefined, len(o.pairs))))
    return rows


def notes(result: AgreementResult) -> list[str]:
    """What a reader must know to read the table, in plain words: how each figure was counted."""
    report = result.report
    pooled = report.overall_pooled
    out = [report.description]
    if report.unit in ("line", "sentence"):
        out.append(f"Blank transcript lines are never units, and a coding counts from its first to its last "
                   f"non-blank character (a coded passage with or without its final newline covers the same "
                   f"{report.kind.units}).")
    if report.units < FEW_UNITS:
        out.append(f"Only {report.units:,} {report.kind.units} were compared, fewer than about {FEW_UNITS}: "
                   f"the figures are unstable.")
    out += [f"Codes: the table and the overall figures cover {result.codes_rule}.",
            f"Agreement is the share of units on which two coders gave the same value (present or absent); "
            f"kappa is {report.kappa_name}; alpha is Krippendorff's alpha (nominal), which allows missing data.",
            "Overall (pooled): every unit × code decision of the codes in the table counted as one data set "
            "(pooled percent agreement, pooled kappa, pooled alpha); the means are over the codes where a "
            "figure is defined.",
            f"Reading (of alpha), after {ALPHA_SOURCE}. "
            f"Kappa, if quoted, is read after {KAPPA_SOURCE}.",
            "Units for a code count those coded by at least two coders; overall units count unit × code decisions."]
    if pooled.alpha_ci is not None:
        low, high = pooled.alpha_ci
        out.append(f"Pooled alpha {pooled.alpha:.2f}, 95% bootstrap confidence interval {low:.2f} to {high:.2f} "
                   f"(Hayes and Krippendorff 2007; {pooled.bootstrap_samples:,} samples, seed "
                   f"{result.request.seed}).")
    if len(report.coders) > 2:
        short = [c for c in report.codes if c.kappa_pairs_undefined]
        pairs = len(pooled.pairs)
        out.append(f"Light's kappa is the mean of Cohen's kappa over the {pairs} coder pairs where it is defined; "
                   + (f"for {len(short)} of {len(report.codes)} codes some pairs' kappa was undefined "
                      f"(no variation) and left out, shown as ‘k of {pairs} pairs’."
                      if short else "it was defined for every pair and code."))
    if result.request.roll_up:
        out.append("A coding of a sub-code counts as a coding of every code above it in the table.")
    if result.request.exclude_interviewer:
        out.append("Interviewer turns were left out.")
    if any(c.alpha is None for c in report.codes):
        out.append("— marks a figure that could not be computed; the reading says why.")
    return out


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if percent else f"{value:.2f}"


# Excel keeps agreement, kappa and alpha whole (formatted), CSV rounds them for statistics software,
# Word shows them as a reader of a methods section expects.
COLUMNS = [
    Column(HEADERS[0], width=2.05, csv_header="code"),
    Column(HEADERS[1], width=0.6, kind="number", align="right", csv_header="units"),
    Column(HEADERS[2], width=1.1, kind="share", decimals=1, align="right", csv_header="percent_agreement"),
    Column(HEADERS[3], width=0.7, kind="number", decimals=2, align="right", exact=True, csv_decimals=3,
           csv_header="kappa"),
    Column(HEADERS[4], width=0.7, kind="number", decimals=2, align="right", exact=True, csv_decimals=3,
           csv_header="alpha"),
    Column(HEADERS[5], width=1.35, csv_header="reading"),
]


def _row(code: str, units: int, agreement: float | None, kappa: float | None, alpha: float | None,
         reading: str = "", emphasis: bool = False, kappa_pairs: tuple[int, int] | None = None) -> Row:
    """A row whose missing figures read as a dash in documents and stay empty in data files.

    A Light's kappa over fewer than all coder pairs says so in documents ("0.45 (2 of 3 pairs)").
    """
    shown: dict[int, Cell] = {1: f"{units:,}"}
    if kappa is not None and kappa_pairs is not None:
        shown[3] = f"{kappa:.2f} ({kappa_pairs[0]} of {kappa_pairs[1]} pairs)"
    shown |= {i: "—" for i, v in ((2, agreement), (3, kappa), (4, alpha)) if v is None}
    return Row((code, units, agreement, kappa, alpha, reading), emphasis, shown)


def reliability_document(result: AgreementResult,
                         consensus: Sequence[ConsensusAgreement] = ()) -> ReportDocument:
    """The table, the methods sentence above it, each coder against the consensus, and the notes."""
    doc = ReportDocument(title(result), subtitle=result.methods, notes=notes(result), title_on_sheet=True,
                         csv_bom=False)
    rows = [_row(r.code, r.units, r.agreement, r.kappa, r.alpha, r.reading, r.overall, r.kappa_pairs)
            for r in table_rows(result.report)]
    doc.blocks.append(Table("Agreement per code and overall", COLUMNS, rows, sheet="Reliability"))
    if consensus:
        doc.blocks.append(Heading("Each coder against the consensus", level=2))
        doc.blocks += [Paragraph(f"{c.coder}: agreement {_number(c.agreement, True)}, kappa {_number(c.kappa)}, "
                                 f"alpha {_number(c.alpha)} over {c.units:,} unit × code decisions.", "bullet")
                       for c in consensus]
        # In Excel the same figures go under the table, as numbers.
        doc.blocks.append(Table("Each coder against the consensus (pooled)", COLUMNS,
                                [_row(c.coder, c.units, c.agreement, c.kappa, c.alpha) for c in consensus],
                                sheet="Reliability", show_in=DATA))
    return doc


def title(result: AgreementResult) -> str:
    coders = result.report.coders
    names = coders[0] if len(coders) == 1 else ", ".join(coders[:-1]) + " and " + coders[-1]
    return f"Agreement between coders {names} ({result.report.kind.units})"


def write_report(result: AgreementResult, path: str | Path,
                 consensus: Sequence[ConsensusAgreement] = (), reads: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write the reliability table in the format the suffix names (.docx, .xlsx or .csv).

    Never over a project or one of ``reads`` (the files the command reads).
    """
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise InvalidValue(f"{path.name}: choose a .docx, .xlsx or .csv file for the reliability table")
    write(reliability_document(result, consensus), path, reads=reads)
    return path
