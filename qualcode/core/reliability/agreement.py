"""Agreement between coders, computed from the project.

This is the service between the database and the pure agreement core
(:mod:`qualcode.analysis.agreement`): it reads the codings of the coders
compared over the documents they all coded through, turns them into units
(answers, fixed transcript lines, sentences, characters or coded segments),
leaves interviewer turns out on request, rolls sub-codes up into the codes
asked for, and returns the report with everything a disagreement review and
a methods section need.  What is compared is settled in
:mod:`~qualcode.core.reliability.comparison`, how the documents become units
in :mod:`~qualcode.core.reliability.unitising`; this module puts the two
together and keeps what produced the figures beside them.

    result = compute_agreement(project, AgreementRequest(("Researcher", "Sam")))
    result.report.overall_pooled.alpha, result.methods
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qualcode.analysis.agreement import AgreementReport, agreement_report
from qualcode.analysis.agreement.methods import methods_paragraph
from qualcode.analysis.agreement.units import ReliabilityData
from qualcode.core.progress import Progress
from qualcode.core.reliability.codings import CodedSpan, CodingTable, load_coding_table
from qualcode.core.reliability.comparison import (
    AgreementRequest,
    ReliabilityError,
    check_request,
    code_labels,
    compared_codes,
    counted_as,
    coverage,
    shared_documents,
)
from qualcode.core.reliability.unitising import build_units, choose_unit
from qualcode.store.schema import CoderRow, DocumentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class AgreementResult:
    """A report with what produced it: the request, the unit data and the codings."""

    request: AgreementRequest  # with the unit resolved
    report: AgreementReport
    data: ReliabilityData
    code_ids: dict[str, int]  # compared code label → code id
    table: CodingTable  # the codings counted, as columns
    of_documents: int  # documents of the same kind in the project: the sample's base
    documents: frozenset[int] = frozenset()  # the documents compared
    codes_rule: str = "the codes compared"  # which codes were pooled, for the methods text

    @cached_property
    def codings(self) -> tuple[CodedSpan, ...]:
        """Every coding counted, as values (for reviews and consensus; large on big surveys)."""
        return tuple(self.table.spans())

    @property
    def methods(self) -> str:
        """The methods-section sentence (the sample clause only when a sample was compared)."""
        compared = self.report.documents or 0
        base = self.of_documents if self.of_documents > compared else None
        sentence = methods_paragraph(self.report, of_documents=base, codes_rule=self.codes_rule)
        if self.request.exclude_interviewer:
            sentence += " Interviewer turns were excluded."
        if self.request.roll_up:
            sentence += " Codings of sub-codes counted towards the codes above them."
        return sentence


def _of_documents(project: Project, documents: set[int]) -> int:
    """How many documents like the compared ones the project holds (the sample's base)."""
    ids = sorted(documents)[:1000]
    with project.read() as s:
        rows = s.execute(select(DocumentRow.kind, DocumentRow.question_id).where(DocumentRow.id.in_(ids))).all()
        kinds = {k for k, _ in rows}
        questions = {q for _, q in rows if q is not None}
        q = select(func.count(DocumentRow.id)).where(DocumentRow.kind.in_(kinds))
        if kinds == {"answer"} and questions:
            q = q.where(DocumentRow.question_id.in_(questions))
        return int(s.scalar(q) or 0)


@dataclass(frozen=True)
class _Built:
    request: AgreementRequest
    data: ReliabilityData
    code_ids: dict[str, int]
    table: CodingTable
    shared: set[int]
    rule: str = "the codes compared"


def _build(project: Project, request: AgreementRequest) -> _Built:
    check_request(project, request)
    by_coder = coverage(project, request)
    empty = [c for c, docs in by_coder.items() if not docs]
    if empty:
        raise ReliabilityError(f"{empty[0]} has not coded any of the documents compared")
    shared = shared_documents(by_coder, request.shared_only)
    if not shared:
        raise ReliabilityError(f"no document was coded by {' and '.join(request.coders)}"
                               if request.shared_only else "no document was coded by two of these coders")
    request = replace(request, unit=request.unit or choose_unit(project, shared))
    codes = project.codes.list()
    compared, rule = compared_codes(project, request, codes, shared)
    all_labels = code_labels(codes)
    order = [c.id for c in codes if c.id in compared]
    labels = [all_labels[c] for c in order]
    position = {cid: i for i, cid in enumerate(order)}
    counted = {cid: [position[t] for t in targets]
               for cid, targets in counted_as(codes, order, request.roll_up).items()}
    table = load_coding_table(project, request.coders, counted, labels, shared)
    data = build_units(project, request, table.columns(), by_coder, shared, len(labels))
    data = replace(data, coders=tuple(request.coders), codes=tuple(labels))
    return _Built(request, data, dict(zip(labels, order)), table, shared, rule)


def build_reliability_data(project: Project, request: AgreementRequest) -> ReliabilityData:
    """Units and presence data for the request, straight from the project."""
    return _build(project, request).data


def compute_agreement(project: Project, request: AgreementRequest,
                      progress: Progress | None = None) -> AgreementResult:
    """Agreement per code and overall between the request's coders."""
    built = _build(project, request)
    report = agreement_report(built.data, progress, request.bootstrap, request.seed)
    return AgreementResult(built.request, report, built.data, built.code_ids, built.table,
                           _of_documents(project, built.shared), frozenset(built.shared), built.rule)


@dataclass(frozen=True)
class ConsensusAgreement:
    """How far one coder agrees with the consensus, over the units both hold."""

    coder: str
    units: int
    agreement: float | None
    kappa: float | None
    alpha: float | None


def consensus_agreement(project: Project, request: AgreementRequest, consensus: str,
                        documents: Iterable[int] | None = None) -> list[ConsensusAgreement]:
    """Each compared coder against the consensus coder (pooled over codes).

    Only the documents the consensus was reached on count; a coder whose
    coding became the consensus throughout agrees fully.
    """
    with project.read() as s:
        if s.scalar(select(CoderRow.id).where(CoderRow.name == consensus)) is None:
            return []
    out = []
    for coder in request.coders:
        pair = replace(request, coders=(coder, consensus), shared_only=True,
                       document_ids=tuple(documents) if documents is not None else request.document_ids)
        try:
            data = build_reliability_data(project, pair)
        except ReliabilityError:
            continue
        pooled = agreement_report(data).overall_pooled
        out.append(ConsensusAgreement(coder, pooled.units, pooled.agreement, pooled.kappa, pooled.alpha))
    return out
