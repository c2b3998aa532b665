"""The options every report understands, declared once for the CLI and the dialogs.

One dataclass rather than a keyword soup per report: the command line fills
it from its flags, the export dialogs from their widgets, and each report
reads the fields that concern it (the others are simply ignored).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qualcode.reports.selection import Rank, Selection


@dataclass
class ReportOptions:
    """What to include and how to choose, for any report."""

    selection: Selection = "all"
    max_quotes: int | None = None  # per theme (master table, quote table)
    notes: bool = False  # exploratory notes beside each quote (master table)
    notes_margin: int = 0  # a note counts for a quote within this many lines of it
    question: str | None = None  # survey question (name) the report is about
    participant: str | None = None  # one participant or respondent only
    by: str | None = None  # attribute that defines the groups (prevalence, quote table)
    attributes: list[str] = field(default_factory=list)  # attributes shown beside each quote
    filters: dict[str, list[str]] = field(default_factory=dict)  # attribute → values to keep
    threshold: float = 0.5  # recurrence: flag themes in fewer than this share of participants
    dominance: float = 0.5  # warn when one participant gives more than this share of a theme's quotes
    coders: list[str] | None = None  # only these coders' codings (default: all)
    rank: Rank | None = None  # typicality ranking; default: spread across participants, then length
    level: str = "all"  # prevalence rows: "themes", "codes" or "all"
    count_non_answers: bool = False  # count "N/A", "-", "none" … as answers (in bases and counts)
    order: str = "prevalence"  # rows: "prevalence" (most raised first, within each theme) or "codebook"
    answers: bool = False  # code sheet: each answer's text beside its 0/1 columns (to code in Excel)
    cite: list[str] = field(default_factory=list)  # cite quotes by these attributes alone: "(PWP)"
    numbered: bool = False  # number the quotes 1, 2, 3 … (to refer to them in the text)
    sections_by: str | None = None  # quote table: a section (heading and table) per value of this attribute
    landscape: bool = False  # coded transcript: landscape pages (portrait reads best and is the default)

    def quote_cap(self) -> int | None:
        return None if self.selection == "all" else self.max_quotes
