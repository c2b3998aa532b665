"""What an agreement compares: the coders, their documents and the codes.

Before any unit is built the researcher's request is checked and settled
here: that the coders exist and differ, which documents they all coded
through (or, with three or more coders, any two of them), and which codes
are compared — those chosen, every code of the codebook, or by default the
codes at least one compared coder applied in the compared material.  The choice of codes changes the
figures (a code nobody applied adds only agreed absences), so it also comes
with the sentence that says it in the methods section.  Kept apart from
:mod:`qualcode.core.reliability.agreement`, which builds the units and the
report, because the CLI and the agreement dialog ask these questions on
their own: which codes a name means, which codes are offered by default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.errors import QualcodeError
from qualcode.core.model import Code
from qualcode.core.reliability.coverage import coded_documents
from qualcode.store.schema import CoderRow, CodingRow, SegmentRow

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


def check_request(project: Project, request: AgreementRequest) -> None:
    """Refuse a request that cannot be compared: too few or unknown coders, an unknown unit or share."""
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


# -- the documents compared --------------------------------------------------


def coverage(project: Project, request: AgreementRequest) -> dict[str, set[int]]:
    """The documents each compared coder coded through, narrowed as the request asks."""
    by_coder = coded_documents(project, request.coders)
    if request.document_ids is not None:
        wanted = set(request.document_ids)
        by_coder = {c: docs & wanted for c, docs in by_coder.items()}
    return by_coder


def shared_documents(by_coder: Mapping[str, set[int]], shared_only: bool) -> set[int]:
    """The documents every coder coded through (``shared_only``), or at least two of them."""
    need = len(by_coder) if shared_only else 2
    counts = Counter(d for docs in by_coder.values() for d in docs)
    return {d for d, n in counts.items() if n >= need}


def compared_documents(project: Project, request: AgreementRequest) -> set[int]:
    """The documents a request compares: coded through by every coder (or two, see the request)."""
    return shared_documents(coverage(project, request), request.shared_only)


# -- the codes compared ------------------------------------------------------


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


def counted_as(codes: Sequence[Code], compared: Sequence[int], roll_up: bool) -> dict[int, list[int]]:
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
    out unless chosen (``--all-codes``).  Agreement passes the coders and
    the documents compared: a code counts when at least one of them applied
    it in the compared material.  A code one of them applied only elsewhere
    (say in a transcript the second coder never covered) is left out too: in
    the compared material it, like an unused code, adds only agreed absences
    (issue #12: 69 of 108 codes pooled that way gave 99.9% agreement).  With
    ``roll_up`` a code counts as applied when one of the codes below it was.
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


def compared_codes(project: Project, request: AgreementRequest, codes: Sequence[Code],
                   documents: Iterable[int] | None = None) -> tuple[set[int], str]:
    """The ids of the codes the request compares, and the methods-section words for that choice.

    ``documents`` are the documents compared (default: those the request
    compares); by default only the codes applied in them are pooled.
    """
    if request.code_ids is not None:
        compared = set(request.code_ids)
        rule = f"the {_codes(len(compared))} chosen"
    elif request.all_codes:
        compared = {c.id for c in codes}
        rule = f"all {_codes(len(compared))} of the codebook, used or not"
    else:
        material = set(documents) if documents is not None else compared_documents(project, request)
        compared = default_codes(project, codes, request.roll_up, request.coders, material)
        two = len(request.coders) == 2
        unused = len(codes) - len(compared)
        rule = (f"the {_codes(len(compared))} {'either coder' if two else 'at least one of the coders'} "
                f"applied in the compared material"
                + (" (a code counting when one below it was)" if request.roll_up else "")
                + (f"; the {_codes(unused)} {'neither' if two else 'none of them'} applied there, which would "
                   f"only add agreed absences, were left out" if unused else ""))
    if not compared:
        raise ReliabilityError("no code to compare: none of these coders applied a code in the "
                               "documents compared (choose codes, or compare all codes)")
    if not compared <= {c.id for c in codes}:
        raise ReliabilityError("one of the codes to compare no longer exists")
    return compared, rule
