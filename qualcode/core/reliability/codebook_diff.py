"""How the second coder's codebook differs from ours: renamed, moved and deleted codes.

A merge never changes our codebook's names or places, but the researcher
must hear about every difference: a code the second coder renamed is still
the same code (same guid), and their codings count for it under our name; a
code they moved under another parent, or deleted, may mean they read the
codebook differently.  Codes they added, and codes of theirs with one of our
names under another parent (kept apart, never absorbed), are found while
matching (:mod:`qualcode.core.reliability.matching`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qualcode.core.model import Incoming
from qualcode.store.schema import CodeRow


@dataclass
class CodebookDifferences:
    """Every way the incoming codebook differs from ours, one line per code."""

    renamed: list[str] = field(default_factory=list)  # "Pay → Salary"
    moved: list[str] = field(default_factory=list)  # "Caseload: from Workload to Support"
    deleted: list[str] = field(default_factory=list)  # our codes the copy had and no longer has


def _path(names: dict[str, str], parents: dict[str, str | None], guid: str) -> str:
    out: list[str] = []
    seen: set[str] = set()
    node: str | None = guid
    while node is not None and node in names and node not in seen:
        seen.add(node)
        out.append(names[node])
        node = parents.get(node)
    return "/".join(reversed(out))


def compare_codebooks(ours: list[CodeRow], incoming: Incoming) -> CodebookDifferences:
    """Renamed and moved codes (same guid), and — for a copy prepared from this project — deleted ones.

    A code of ours is *deleted* when the copy got it (the copy's origin lists
    the codebook it was given) and no longer has it; codes made here since
    are not the second coder's business.  Another tool's project, or a copy
    from before the list was kept, reports no deletions.
    """
    out = CodebookDifferences()
    by_id = {c.id: c for c in ours}
    our_names = {c.guid: c.name for c in ours}
    our_parents = {c.guid: (by_id[c.parent_id].guid if c.parent_id in by_id else None) for c in ours}
    their_names = {c.guid: c.name for c in incoming.codes}
    their_parents = {c.guid: c.parent_guid for c in incoming.codes}
    for guid, name in their_names.items():
        if guid not in our_names:
            continue
        if name != our_names[guid]:
            out.renamed.append(f"{_path(our_names, our_parents, guid)} → {name} (the same code; our name kept)")
        our_parent, their_parent = our_parents[guid], their_parents.get(guid)
        ours_above = _path(our_names, our_parents, our_parent) if our_parent else "the top level"
        theirs_above = _path(their_names, their_parents, their_parent) if their_parent else "the top level"
        if our_parent != their_parent:
            out.moved.append(f"{_path(our_names, our_parents, guid)}: they moved it from {ours_above} to "
                             f"{theirs_above} (our place kept)")
    given = (incoming.origin or {}).get("code_guids")
    if isinstance(given, list):
        out.deleted = [f"{_path(our_names, our_parents, guid)} (kept here)" for guid in given
                       if guid in our_names and guid not in their_names]
    return out
