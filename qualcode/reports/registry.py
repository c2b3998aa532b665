"""Every report by name: how to build it, which formats and options it takes.

The command line (``qualcode export P master …``) and the Export menu both
read this one table, so a report added here appears in both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qualcode.core.errors import NotFound
from qualcode.reports.document import ReportDocument
from qualcode.reports.options import ReportOptions

if TYPE_CHECKING:
    from qualcode.core.project import Project

Build = Callable[["Project", ReportOptions], ReportDocument]


@dataclass(frozen=True)
class ReportSpec:
    name: str  # the command-line name
    title: str  # the menu entry and dialog title
    build: Build
    formats: tuple[str, ...]  # the first is the default
    options: frozenset[str]  # the ReportOptions fields that mean something for this report
    description: str


def _master(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.master_table import build_master_table, master_table_document

    return master_table_document(build_master_table(project, options))


def _themes(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.theme_table import theme_table_document

    return theme_table_document(project, options)


def _quotes(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.quotes import quote_report

    return quote_report(project, options)


def _prevalence(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.prevalence.table import prevalence_report

    return prevalence_report(project, options)


def _recurrence(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.recurrence import recurrence_report

    return recurrence_report(project, options)


def _personal_themes(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.personal_themes import personal_themes_report

    return personal_themes_report(project, options)


def _coded_transcript(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.coded_transcript import coded_transcript_report

    return coded_transcript_report(project, options)


def _codebook(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.codebook import codebook_document

    return codebook_document(project, options)


def _code_sheet(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.code_sheet import code_sheet_document

    return code_sheet_document(project, options)


def _attributes(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.attribute_table import attribute_table_document

    return attribute_table_document(project, options)


def _audit_trail(project: Project, options: ReportOptions) -> ReportDocument:
    from qualcode.reports.audit_trail import audit_trail_document

    return audit_trail_document(project, options)


DOCUMENTS = ("docx", "html", "xlsx", "csv")
_QUOTES = {"selection", "max_quotes", "question", "participant", "attributes", "filters", "coders",
           "count_non_answers"}

REPORTS: dict[str, ReportSpec] = {s.name: s for s in (
    ReportSpec("master", "Master table of themes", _master, DOCUMENTS,
               frozenset(_QUOTES | {"notes", "notes_margin", "dominance", "rank", "cite"}),
               "Superordinate themes → sub-themes → supporting quotes, each cited (Pseudonym, lines)."),
    ReportSpec("themes", "Table of themes (for the paper)", _themes, DOCUMENTS,
               frozenset({"question", "participant", "filters", "coders", "count_non_answers"}),
               "Superordinate themes × sub-themes, with how many participants each rests on."),
    ReportSpec("quotes", "Quote table for reports", _quotes, DOCUMENTS,
               frozenset(_QUOTES - {"selection"} | {"by", "level", "rank", "cite", "numbered", "sections_by"}),
               "Illustrative quotes per theme with respondent and attributes, spread across groups."),
    ReportSpec("prevalence", "Prevalence table and chart", _prevalence, DOCUMENTS,
               frozenset({"question", "by", "filters", "coders", "level", "count_non_answers", "order"}),
               "Respondents raising each theme and code, n and % of those who answered, per group."),
    ReportSpec("recurrence", "Recurrence table", _recurrence, DOCUMENTS,
               frozenset({"threshold", "question", "coders"}),
               "Participants × themes with ticks and totals; flags themes below the threshold."),
    ReportSpec("personal-themes", "Personal experiential themes (per participant)", _personal_themes, DOCUMENTS,
               frozenset({"participant", "coders"}),
               "Each participant's PETs → experiential statements → quotes cited (Pseudonym, lines)."),
    ReportSpec("coded-transcript", "Coded transcript", _coded_transcript, DOCUMENTS,
               frozenset({"participant", "coders", "landscape"}),
               "Emergent themes | numbered transcript lines | exploratory notes."),
    ReportSpec("codebook", "Codebook", _codebook, ("docx", "xlsx", "json", "html", "csv"),
               frozenset({"coders", "level"}),
               "Hierarchy, definitions, inclusion, exclusion, examples and counts."),
    ReportSpec("code-sheet", "Code sheet (one row per respondent)", _code_sheet, ("xlsx", "csv"),
               frozenset({"question", "attributes", "filters", "coders", "answers"}),
               "One row per respondent, one 0/1 column per code (Theme/Code), with attributes."),
    ReportSpec("attributes", "Frequency tables of attributes (closed questions)", _attributes, DOCUMENTS,
               frozenset({"by", "attributes", "filters"}),
               "Each attribute's values: respondents n (%) per group, to describe who answered."),
    ReportSpec("audit-trail", "Audit trail (journal, memos, history of the themes)", _audit_trail, DOCUMENTS,
               frozenset(), "The dated reflexive journal, the memos, and the themes' history from the audit log."),
)}


def report(name: str) -> ReportSpec:
    if name not in REPORTS:
        raise NotFound(f"no report called ‘{name}’ (choose {', '.join(REPORTS)})")
    return REPORTS[name]
