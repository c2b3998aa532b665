"""Agreement between coders, computed from the project.

This is the service between the database and the pure agreement core
(:mod:`qualcode.analysis.agreement`): it reads the codings of the coders
compared over the documents they all coded through, turns them into units
(answers, fixed transcript lines, sentences, characters or coded segments),
leaves interviewer turns out on request, rolls sub-codes up into the codes
asked for, and returns the report with everything a disagreement review and
a methods section need.

    result = compute_agreement(project, AgreementRequest(("Researcher", "Sam")))
    result.report.overall_pooled.alpha, result.methods
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select

from qualcode.analysis.agreement import AgreementReport, agreement_report
from qualcode.analysis.agreement.methods import methods_paragraph
from qualcode.analysis.agreement.units import (
    ReliabilityData,
    Span,
    answer_units,
    character_units,
    line_units,
    overlap_units,
    sentence_units,
)
from qualcode.core.errors import QualcodeError
from qualcode.core.model import Code
from qualcode.core.progress import Progress
from qualcode.core.reliability.codings import CodedSpan, CodingTable, load_coding_table
from qualcode.core.reliability.coverage import coded_documents
from qualcode.store.schema import CoderRow, CodingRow, DocumentRow, SegmentRow, TurnRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

UNITS = ("answer", "line", "sentence", "character", "overlap")


class ReliabilityError(QualcodeError):
    """Agreement cannot be computed as asked; worded for the researcher."""


@dataclass(frozen=True)
class AgreementRequest:
    """What to compare, and how.

    ``unit`` None chooses the survey answer when every document compared is
    an answer, else the fixed transcript line.  ``code_ids`` None compares
    the codes at least one compared coder applied in the documents compared
    (see :func:`default_codes`), or with ``all_codes`` every code; ``roll_up``
    counts a coding of a sub-code as a coding of each code above it that is
    compared.  ``document_ids`` narrows the documents
    (e.g. one question); ``shared_only`` False also counts documents that only
    some of three or more coders coded (alpha allows missing data).
    """

    coders: tuple[str, ...]
    unit: str | None = None
    share: float = 0.9
    exclude_interviewer: bool = False
    code_ids: tuple[int, ...] | None = None
    roll_up: bool = False
    document_ids: tuple[int, ...] | None = None
    shared_only: bool = True
    all_codes: bool = False  # with code_ids None: every code of the codebook, used or not
    bootstrap: int = 0  # bootstrap samples for alpha's 95% confidence interval (0: none)
    seed: int = 1


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


def code_labels(codes: Sequence[Code]) -> dict[int, str]:
    """How each code is named in a reliability table: its name, or its path when names repeat."""
    by_id = {c.id: c for c in codes}
    counts = Counter(c.name.casefold() for c in codes)

    def path(code: Code) -> str:
        names = [code.name]
        while code.parent_id is not None and code.parent_id in by_id:
            code = by_id[code.parent_id]
            names.append(code.name)
        return " / ".join(reversed(names))

    return {c.id: (c.name if counts[c.name.casefold()] == 1 else path(c)) for c in codes}


def _counted_as(codes: Sequence[Code], compared: Sequence[int], roll_up: bool) -> dict[int, list[int]]:
    """For each code id, the compared codes a coding of it counts for."""
    chosen = set(compared)
    parent = {c.id: c.parent_id for c in codes}
    out: dict[int, list[int]] = {}
    for c in codes:
        targets = [c.id] if c.id in chosen else []
        node = parent.get(c.id)
        while roll_up and node is not None:
            if node in chosen:
                targets.append(node)
            node = parent.get(node)
        if targets:
            out[c.id] = targets
    return out


def applied_codes(project: Project, coders: Sequence[str] | None = None,
                  documents: Iterable[int] | None = None) -> set[int]:
    """The codes someone (of ``coders``, default anyone; in ``documents``, default any) applied directly."""
    q = select(CodingRow.code_id).distinct()
    if coders is not None:
        q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(list(coders)))
    with project.read() as s:
        if documents is None:
            return set(s.scalars(q))
        q = q.join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
        ids, found = sorted(documents), set()
        for i in range(0, len(ids), 500):
            found |= set(s.scalars(q.where(SegmentRow.document_id.in_(ids[i:i + 500]))))
        return found


def default_codes(project: Project, codes: Sequence[Code] | None = None, roll_up: bool = False,
                  coders: Sequence[str] | None = None, documents: Iterable[int] | None = None) -> set[int]:
    """The codes compared when none are chosen: those applied (by ``coders`` in ``documents``).

    A code nobody applied — typically a theme whose codes are applied
    instead, or one of a large codebook a second coder's project brought —
    would add only agreed absences, inflating pooled agreement; it is left
    out unless chosen (``--all-codes``).  Agreement passes the coders
    compared: a code counts when at least one of them applied it, anywhere
    in the project.  A code one of them applied elsewhere but neither applied
    in the documents compared stays in: both could have used it there and did
    not.  With ``roll_up`` a code counts as applied when one of the codes
    below it was.
    """
    codes = list(codes) if codes is not None else project.codes.list()
    applied = applied_codes(project, coders, documents)
    if roll_up:
        parent = {c.id: c.parent_id for c in codes}
        for code_id in list(applied):
            node = parent.get(code_id)
            while node is not None:
                applied.add(node)
                node = parent.get(node)
    return {c.id for c in codes} & applied


def resolve_codes(project: Project, names: Sequence[str]) -> tuple[int, ...]:
    """Code ids for names or paths (``Theme/Code``); a name several codes share is refused with their paths."""
    codes = project.codes.list()
    labels = {c.id: " / ".join(project.codes.path(c.id)) for c in codes}
    ids = []
    for name in names:
        if "/" not in name:
            same = [c for c in codes if c.name.casefold() == name.strip().casefold()]
            if len(same) > 1:
                paths = "; ".join(labels[c.id].replace(" / ", "/") for c in same)
                raise ReliabilityError(f"{len(same)} codes are called ‘{name.strip()}’: {paths} — "
                                       f"give the path of the one you mean")
        code = project.codes.find(name)
        if code is None:
            raise ReliabilityError(f"no code called ‘{name}’ (use a path like Theme/Code for a repeated name)")
        ids.append(code.id)
    return tuple(ids)


def _codes(n: int) -> str:
    return "1 code" if n == 1 else f"{n:,} codes"


def _shared(by_coder: Mapping[str, set[int]], shared_only: bool) -> set[int]:
    need = len(by_coder) if shared_only else 2
    counts = Counter(d for docs in by_coder.values() for d in docs)
    return {d for d, n in counts.items() if n >= need}


def coverage(project: Project, request: AgreementRequest) -> dict[str, set[int]]:
    """The documents each compared coder coded through, narrowed as the request asks."""
    by_coder = coded_documents(project, request.coders)
    if request.document_ids is not None:
        wanted = set(request.document_ids)
        by_coder = {c: docs & wanted for c, docs in by_coder.items()}
    return by_coder


def _check(project: Project, request: AgreementRequest) -> None:
    if len(set(request.coders)) < 2 or len(set(request.coders)) != len(request.coders):
        raise ReliabilityError("choose at least two different coders to compare")
    if request.unit is not None and request.unit not in UNITS:
        raise ReliabilityError(f"the unit must be one of {', '.join(UNITS)}, not ‘{request.unit}’")
    if not 0 < request.share <= 1:
        raise ReliabilityError("the overlap share must be above 0 and at most 1 (e.g. 0.9)")
    with project.read() as s:
        known = set(s.scalars(select(CoderRow.name)))
    unknown = [c for c in request.coders if c not in known]
    if unknown:
        raise ReliabilityError(f"no coder called ‘{unknown[0]}’ in this project "
                               f"(coders: {', '.join(sorted(known)) or 'none'})")


def _choose_unit(project: Project, documents: set[int]) -> str:
    with project.read() as s:
        kinds = set(s.scalars(select(DocumentRow.kind).where(DocumentRow.id.in_(sorted(documents)[:1000]))))
    return "answer" if kinds == {"answer"} else "line"


def _excluded(project: Project, documents: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Interviewer turns, each with the whitespace after it (a blank line belongs to no one)."""
    with project.read() as s:
        rows = s.execute(select(TurnRow.document_id, TurnRow.start, TurnRow.end)
                         .where(TurnRow.is_interviewer.is_(True))).all()
    rows = [r for r in rows if r[0] in documents]
    texts = project.documents.texts({doc for doc, _, _ in rows})
    out: dict[int, list[tuple[int, int]]] = {}
    for doc, start, end in rows:
        text = texts[doc]
        while end < len(text) and text[end].isspace():
            end += 1
        out.setdefault(doc, []).append((start, end))
    return out


def _lengths(project: Project, documents: set[int]) -> dict[int, int]:
    with project.read() as s:
        rows = s.connection().execute(select(DocumentRow.id, DocumentRow.length))
        return {d: n for d, n in rows if d in documents}


def _line_starts(project: Project, documents: set[int]) -> dict[int, list[int]]:
    ids = sorted(documents)
    out: dict[int, list[int]] = {}
    with project.read() as s:
        for i in range(0, len(ids), 500):
            rows = s.execute(select(DocumentRow.id, DocumentRow.line_starts)
                             .where(DocumentRow.id.in_(ids[i:i + 500])))
            out.update({d: json.loads(starts) for d, starts in rows})
    return out


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
    _check(project, request)
    by_coder = coverage(project, request)
    empty = [c for c, docs in by_coder.items() if not docs]
    if empty:
        raise ReliabilityError(f"{empty[0]} has not coded any of the documents compared")
    shared = _shared(by_coder, request.shared_only)
    if not shared:
        raise ReliabilityError(f"no document was coded by {' and '.join(request.coders)}"
                               if request.shared_only else "no document was coded by two of these coders")
    unit = request.unit or _choose_unit(project, shared)
    request = replace(request, unit=unit)
    codes = project.codes.list()
    if request.code_ids is not None:
        compared = set(request.code_ids)
        rule = f"the {_codes(len(compared))} chosen"
    elif request.all_codes:
        compared = {c.id for c in codes}
        rule = f"all {_codes(len(compared))} of the codebook, used or not"
    else:
        compared = default_codes(project, codes, request.roll_up, request.coders)
        two = len(request.coders) == 2
        unused = len(codes) - len(compared)
        rule = (f"the {_codes(len(compared))} {'either coder' if two else 'at least one of the coders'} "
                f"applied in the project"
                + (" (a code counting when one below it was)" if request.roll_up else "")
                + (f"; the {_codes(unused)} {'neither' if two else 'none of them'} applied, which would only "
                   f"add agreed absences, were left out" if unused else ""))
    if not compared:
        raise ReliabilityError("no code to compare: none of these coders applied a code "
                               "(choose codes, or compare all codes)")
    if not compared <= {c.id for c in codes}:
        raise ReliabilityError("one of the codes to compare no longer exists")
    all_labels = code_labels(codes)
    order = [c.id for c in codes if c.id in compared]
    labels = [all_labels[c] for c in order]
    position = {cid: i for i, cid in enumerate(order)}
    counted = {cid: [position[t] for t in targets]
               for cid, targets in _counted_as(codes, order, request.roll_up).items()}
    table = load_coding_table(project, request.coders, counted, labels, shared)
    # The builders get coders and codes as indices (matched by sorting, not one look-up
    # per coding); names go back in afterwards.  Their signatures say names and any
    # hashable document key; integer indices and ids sort and match alike
    # (analysis.agreement.layout), hence the casts to what they declare.
    codings = table.columns()
    by_index = cast(Mapping[str, set[Hashable]], {i: by_coder[c] for i, c in enumerate(request.coders)})
    indices = cast(list[str], list(range(len(labels))))
    excluded = cast(Mapping[Hashable, Sequence[Span]] | None,
                    _excluded(project, shared) if request.exclude_interviewer else None)
    lengths = cast(Mapping[Hashable, int], _lengths(project, shared))
    common: dict[str, Any] = {"excluded": excluded, "shared_only": request.shared_only}
    if unit == "answer":
        data = answer_units(codings, by_index, indices, document_lengths=lengths, **common)
    elif unit == "line":
        line_starts = cast(Mapping[Hashable, Sequence[int]], _line_starts(project, shared))
        texts = cast(Mapping[Hashable, str], project.documents.texts(shared))
        data = line_units(codings, by_index, line_starts, indices, document_lengths=lengths, texts=texts,
                          **common)
    elif unit == "sentence":
        from qualcode.core.reliability.sentences import sentence_starts

        plain = project.documents.texts(shared)
        starts = cast(Mapping[Hashable, Sequence[int]], sentence_starts(plain))
        data = sentence_units(codings, by_index, starts, indices, document_lengths=lengths,
                              texts=cast(Mapping[Hashable, str], plain), **common)
    elif unit == "character":
        data = character_units(codings, by_index, lengths, indices, **common)
    else:
        data = overlap_units(codings, by_index, indices, share=request.share, document_lengths=lengths, **common)
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


def compared_documents(project: Project, request: AgreementRequest) -> set[int]:
    """The documents a request compares: coded through by every coder (or two, see the request)."""
    return _shared(coverage(project, request), request.shared_only)


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
