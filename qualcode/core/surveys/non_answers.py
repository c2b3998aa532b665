"""Non-answers: "N/A", "-", "none", "nothing" — a filled-in box that says nothing.

A respondent who typed "N/A" did not answer the question, so counting them
in a prevalence base dilutes every percentage (46 instead of 44).  An answer
is a *non-answer* when, ignoring case, spaces and the punctuation around it,
it is one of the project's non-answer phrases, or when it is punctuation
only ("-", "?", "...").  An emoji is an answer ("❤️" says something).

The phrases are kept per project (a meta value holding a JSON list) so the
researcher can review and edit them; a project that never set its own list
uses :data:`DEFAULT_PHRASES`.  Whether an answer is a non-answer is worked out
from its text and the current list whenever it is needed, so editing the list
changes every report at once and nothing has to be re-imported.  Import
reports how many answers the list flagged.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qualcode.core.errors import InvalidValue
from qualcode.store.schema import DocumentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

META_KEY = "non_answer_phrases"

#: What people type when they have nothing to say (compared after :func:`normalise`).
DEFAULT_PHRASES: tuple[str, ...] = (
    "n/a", "na", "n.a", "n a", "not applicable", "none", "nothing", "nil", "no comment", "no comments",
    "nothing to add", "nothing else", "nothing to say", "nothing further", "none really", "none at all",
    "nothing really", "nothing at all", "not a thing", "did not answer", "no answer", "blank",
    # "How could we improve?" — "Can't think of anything": nothing to say, said politely.
    "can't think of anything", "cant think of anything", "can't think of any", "nothing i can think of",
    "nothing comes to mind", "nothing springs to mind",
)

#: Non-answers are short: longer answers are never read for the check (keeps 50,000-answer surveys quick).
LONGEST = 40

_SPACES = re.compile(r"\s+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # punctuation and symbols around the words


def normalise(text: str) -> str:
    """Lower case, one space between words, the punctuation around the words dropped.

    ``"  N/A. "`` → ``"n/a"``; ``"Nothing!"`` → ``"nothing"``; ``"-"`` → ``""``.
    Curly apostrophes are read as straight ones ("don’t know").
    """
    text = _SPACES.sub(" ", text.replace("\u2019", "'").strip()).casefold()
    return _EDGES.sub("", text)


def is_non_answer(text: str, phrases: Iterable[str] = DEFAULT_PHRASES) -> bool:
    """Whether ``text`` says nothing: no letter or digit at all, or one of ``phrases``."""
    return matcher(phrases)(text)


def matcher(phrases: Iterable[str] = DEFAULT_PHRASES) -> Callable[[str], bool]:
    """:func:`is_non_answer` for many texts: the phrases are normalised once, not per answer."""
    wanted = frozenset(normalise(p) for p in phrases)

    def says_nothing(text: str) -> bool:
        if len(text) > LONGEST:
            return False
        if all(unicodedata.category(ch)[0] in "PZ" or ch in "+=~^`|<>" for ch in text):
            return True  # "-", "?", "...", "—": punctuation and spaces only
        return normalise(text) in wanted

    return says_nothing


def phrases(project: Project) -> list[str]:
    """The project's non-answer phrases (the defaults until the researcher edits them)."""
    raw = project.get_meta(META_KEY)
    if raw is None:
        return list(DEFAULT_PHRASES)
    try:
        value = json.loads(raw)
    except ValueError:
        return list(DEFAULT_PHRASES)
    return [str(v) for v in value] if isinstance(value, list) else list(DEFAULT_PHRASES)


def set_phrases(project: Project, new: Sequence[str]) -> list[str]:
    """Keep ``new`` as the project's list (trimmed, duplicates dropped, order kept)."""
    out: list[str] = []
    for p in new:
        if not isinstance(p, str) or not p.strip():
            raise InvalidValue("a non-answer phrase cannot be empty")
        if normalise(p) not in {normalise(o) for o in out}:
            out.append(p.strip())
    project.set_meta(META_KEY, json.dumps(out, ensure_ascii=False))
    return out


@dataclass(frozen=True)
class NonAnswers:
    """The answers to one question that say nothing, and what they said."""

    document_ids: frozenset[int]
    said: Counter[str]  # the answer as typed (stripped) → how many

    def __len__(self) -> int:
        return len(self.document_ids)

    def summary(self, most: int = 4) -> str:
        """``3 non-answers (“N/A” ×2, “-”)``; empty when there are none."""
        if not self.document_ids:
            return ""
        shown = ", ".join(f"“{t}”" + (f" ×{n}" if n > 1 else "") for t, n in self.said.most_common(most))
        more = ", …" if len(self.said) > most else ""
        n = len(self.document_ids)
        return f"{n} non-answer{'' if n == 1 else 's'} ({shown}{more})"


def find(project: Project, question_id: int | None, all_answers: bool = False) -> NonAnswers:
    """The non-answers among the answers to ``question_id`` (to every question with ``all_answers``).

    Only answers of at most :data:`LONGEST` characters are read, in one query.
    """
    if question_id is None and not all_answers:
        return NonAnswers(frozenset(), Counter())
    wanted = phrases(project)
    which = DocumentRow.question_id == question_id if question_id is not None else DocumentRow.kind == "answer"
    q = select(DocumentRow.id, DocumentRow.text).where(which, func.length(DocumentRow.text) <= LONGEST)
    ids: set[int] = set()
    said: Counter[str] = Counter()
    says_nothing = matcher(wanted)
    with project.read() as s:
        for doc_id, text in s.execute(q):
            if says_nothing(text or ""):
                ids.add(doc_id)
                said[(text or "").strip()] += 1
    return NonAnswers(frozenset(ids), said)


def flagged_in(answers: Iterable[str], wanted: Iterable[str]) -> Counter[str]:
    """How many of ``answers`` (texts) are non-answers, by what was typed — for an import's summary."""
    says_nothing = matcher(wanted)
    return Counter(a.strip() for a in answers if says_nothing(a))
