"""Suggested themes and codes for a project — the researcher always decides.

This module gathers what to cluster from the project (emergent themes with
their quotes and context, the segments of one code, or the answers to one
question: :class:`~qualcode.core.themes.clustered.Clustered`), embeds it
through the project's cache, and hands it to the pure
analysis in :mod:`qualcode.analysis`.  Nothing in the project changes here;
:mod:`qualcode.core.themes.accept` applies a suggestion the researcher
has accepted (and edited).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from qualcode.core.errors import QualcodeError
from qualcode.core.model import CodeRole, DocumentKind
from qualcode.core.progress import IsCancelled, Progress
from qualcode.core.themes.clustered import Clustered
from qualcode.core.themes.embedding_cache import EmbeddingCache
from qualcode.core.themes.recurrence import suggestion_recurrence

if TYPE_CHECKING:
    import numpy as np

    from qualcode.analysis.clustering import ThemeSuggestion
    from qualcode.core.project import Project


CONTEXT_LINES = 8  # transcript lines either side of a quote that say what a metaphor is about
LARGE_SET = 5000  # above this many texts, "auto" takes the fast tier (full MiniLM: ~110-140 answers/s)


class SuggestionError(QualcodeError):
    """Nothing to suggest from, worded for the researcher."""


@dataclass
class ItemSource:
    """Where an item to cluster comes from, so an accepted suggestion can be applied."""

    key: Hashable  # the id shown to the researcher and written to JSON
    label: str
    text: str
    participant: str | None
    code_id: int | None = None  # emergent mode
    document_id: int | None = None  # segments / answers
    start: int = 0
    end: int = 0


@dataclass
class Collected:
    mode: Clustered
    sources: list[ItemSource]
    scope: dict[str, Any] = field(default_factory=dict)


# -- what to cluster ------------------------------------------------------------------
def _context(project: Project, document_id: int, start: int, end: int, lines: int) -> str:
    index = project.documents.line_index(document_id)
    first, last = index.lines_of(start, end)
    a = index.span_of(max(1, first - lines))[0]
    b = index.span_of(min(index.count, last + lines))[1]
    return project.documents.text(document_id)[a:b]


def emergent_items(project: Project, participant: str | None = None, with_notes: bool = False,
                   context_lines: int = CONTEXT_LINES) -> Collected:
    """Each emergent theme: its label with its quotes (and notes), plus nearby talk."""
    from qualcode.analysis.clustering import emergent_theme_text

    sources = []
    notes_by_doc: dict[int, list] = {}
    for code in project.codes.list():
        if code.role != CodeRole.EMERGENT:
            continue
        extracts = project.queries.codings_of_code(code.id, include_descendants=False)
        if participant and not any(e.participant == participant for e in extracts):
            continue
        if participant:
            extracts = [e for e in extracts if e.participant == participant]
        who = Counter(e.participant for e in extracts).most_common(1)
        notes: list[str] = []
        if with_notes:
            for e in extracts:
                if e.document_id not in notes_by_doc:
                    notes_by_doc[e.document_id] = project.notes.for_document(e.document_id)
                notes += [n.text for n in notes_by_doc[e.document_id] if n.start < e.end and n.end > e.start]
        context = [_context(project, e.document_id, e.start, e.end, context_lines) for e in extracts] \
            if context_lines else None
        text = emergent_theme_text(code.name, [e.text for e in extracts], notes, context)
        sources.append(ItemSource(code.name, code.name, text, who[0][0] if who else None, code_id=code.id))
    return Collected(Clustered.EMERGENT, sources, {"participant": participant})


def statement_items(project: Project, participant: str, with_notes: bool = False) -> Collected:
    """One participant's experiential statements not yet in a PET of theirs: the idiographic step."""
    from qualcode.core.themes.levels import in_personal_theme, participant_id

    if participant_id(project, participant) is None:
        raise SuggestionError(f"there is no participant called ‘{participant}’")
    codes = {c.id: c for c in project.codes.list()}
    collected = emergent_items(project, participant, with_notes=with_notes)
    sources = [src for src in collected.sources
               if src.code_id is not None and not in_personal_theme(codes, src.code_id)]
    return Collected(Clustered.STATEMENTS, sources, {"participant": participant})


def personal_theme_items(project: Project) -> Collected:
    """Every participant's PETs, each as its name with its statements' names and quotes: for GETs."""
    from qualcode.analysis.clustering import emergent_theme_text
    from qualcode.core.themes.levels import participant_names, personal_themes, statements_under

    names = participant_names(project)
    sources = []
    for pet in personal_themes(project):
        statements = statements_under(project, pet.id)
        quotes = [e.text for st in statements
                  for e in project.queries.codings_of_code(st.id, include_descendants=False)]
        text = emergent_theme_text(pet.name, [st.name for st in statements] + quotes)
        sources.append(ItemSource(pet.name, pet.name, text, names.get(pet.participant_id or -1), code_id=pet.id))
    return Collected(Clustered.PERSONAL_THEMES, sources, {})


def segment_items(project: Project, code_name: str) -> Collected:
    """The segments of one code (with its sub-codes), to split a broad code."""
    code = project.codes.find(code_name)
    if code is None:
        raise SuggestionError(f"there is no code called ‘{code_name}’")
    seen: set[int] = set()
    sources = []
    for e in project.queries.codings_of_code(code.id):
        if e.segment_id in seen:
            continue
        seen.add(e.segment_id)
        # No label of its own: the quote names itself, and groups get key-phrase names.
        sources.append(ItemSource(e.segment_id, "", e.text, e.participant,
                                  document_id=e.document_id, start=e.start, end=e.end))
    return Collected(Clustered.SEGMENTS, sources, {"code": code_name})


def answer_items(project: Project, question: str, uncoded_only: bool = False) -> Collected:
    """The answers to one question (optionally only those not coded yet), leaving out non-answers.

    "N/A", "-", "Nothing" (the project's non-answer list) say nothing, so they
    would only make a theme of their own; ``scope["non_answers_left_out"]``
    says how many were left out.  Read in one query: on 100,000 answers the
    document service's per-answer objects took longer than the clustering.
    """
    from sqlalchemy import select

    from qualcode.core.surveys import non_answers
    from qualcode.store.schema import DocumentRow, ParticipantRow

    questions = {q.name: q for q, _ in project.documents.questions()}
    if question not in questions:
        raise SuggestionError(f"there is no question ‘{question}’ (the project has: "
                              f"{', '.join(questions) or 'none'})")
    coded = set(project.queries.codings_per_document()) if uncoded_only else set()
    said_nothing = non_answers.matcher(non_answers.phrases(project))
    q = (select(DocumentRow.id, DocumentRow.title, DocumentRow.text, DocumentRow.length, ParticipantRow.pseudonym)
         .outerjoin(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
         .where(DocumentRow.kind == DocumentKind.ANSWER.value, DocumentRow.question_id == questions[question].id)
         .order_by(DocumentRow.position, DocumentRow.id))
    sources = []
    left_out = 0
    with project.read() as s:
        for doc_id, title, text, length, pseudonym in s.execute(q):
            if doc_id in coded:
                continue
            if said_nothing(text):
                left_out += 1
                continue
            label = pseudonym or title
            sources.append(ItemSource(label, "", text, label, document_id=doc_id, start=0, end=length))
    return Collected(Clustered.ANSWERS, sources, {"question": question, "uncoded_only": uncoded_only,
                                                  "non_answers_left_out": left_out})


def collect(project: Project, items: Clustered, participant: str | None = None, code: str | None = None,
            question: str | None = None, uncoded_only: bool = False, with_notes: bool = False) -> Collected:
    """What to cluster, chosen the same way by ``qualcode suggest --items`` and the Suggest themes dialog.

    Emergent themes take an optional participant (one participant's table);
    segments need the code to split, answers the question.
    """
    if items == Clustered.EMERGENT:
        return emergent_items(project, participant, with_notes=with_notes)
    if items == Clustered.STATEMENTS:
        if not participant:
            raise SuggestionError("say whose statements to group (a participant's pseudonym)")
        return statement_items(project, participant, with_notes=with_notes)
    if items == Clustered.PERSONAL_THEMES:
        return personal_theme_items(project)
    if items == Clustered.SEGMENTS:
        if code is None:
            raise SuggestionError("say which code's segments to group")
        return segment_items(project, code)
    if question is None:
        raise SuggestionError("say which question's answers to group")
    return answer_items(project, question, uncoded_only)


# -- embedding and clustering -----------------------------------------------------------
def choose_backend(backend_name: str, n_texts: int) -> str:
    """``auto``: the full model, or for large sets the fast static tier."""
    if backend_name != "auto":
        return backend_name
    return "static-minilm" if n_texts > LARGE_SET else "minilm"


def embed(project: Project, texts: list[str], backend_name: str = "minilm",
          progress: Progress | None = None, is_cancelled: IsCancelled | None = None) -> tuple[np.ndarray, str]:
    """Vectors for ``texts`` through the project's cache; falls back to TF-IDF, saying so."""
    from qualcode.analysis.embeddings.cache import embed_with_cache
    from qualcode.analysis.embeddings.registry import get_backend
    from qualcode.app.paths import cache_dir

    backend_name = choose_backend(backend_name, len(texts))
    # The fast tier keeps its distilled word pieces in the user's cache folder: the next run starts at once.
    backend = get_backend(backend_name, fallback=True, cache_folder=cache_dir() / "embeddings")
    cache = EmbeddingCache(project)
    vectors = embed_with_cache(backend, texts, cache.lookup, cache.store, progress, is_cancelled)
    return vectors, getattr(backend, "label", backend_name)


def suggest_themes(project: Project, collected: Collected, clusters: int | None = None,
                   themes: int | None = None, backend: str = "minilm", method: str = "auto",
                   progress: Progress | None = None, is_cancelled: IsCancelled | None = None) -> dict:
    """Cluster the collected items; returns the suggestion as JSON-ready data."""
    from qualcode.analysis.clustering import ClusterSettings, Item
    from qualcode.analysis.clustering import suggest_themes as cluster
    from qualcode.analysis.naming import central_names, keyphrase_namer

    if len(collected.sources) < 2:
        raise SuggestionError("there are fewer than two items to group")
    emergent = collected.mode.is_ipa
    # Quotes and answers are named from their words, not from their citation or respondent id.
    items = [Item(s.key, s.text, s.label if emergent else "") for s in collected.sources]
    vectors, backend_label = embed(project, [s.text for s in collected.sources], backend,
                                   progress, is_cancelled)
    cases = [s.participant for s in collected.sources] \
        if emergent and not collected.scope.get("participant") else None
    settings = ClusterSettings(method=method, n_sub=clusters, n_super=themes)  # type: ignore[arg-type]
    namer = central_names if emergent else keyphrase_namer
    result: ThemeSuggestion = cluster(vectors, items, settings, backend_label, namer, None, is_cancelled, cases)
    data = result.to_json()
    data["mode"] = collected.mode.value
    data["scope"] = collected.scope
    by_key = {s.key: s for s in collected.sources}
    for cluster_data in data["clusters"]:
        for item in cluster_data["items"]:
            src = by_key[item["id"]]
            item["participant"] = src.participant
            if collected.mode in (Clustered.STATEMENTS, Clustered.PERSONAL_THEMES):
                item["code_id"] = src.code_id  # names repeat across participants; the id does not
            if not emergent:
                item["text"] = src.text
    if emergent:
        # The same rule as the theme board's (qualcode.core.themes.recurrence), in the file's own shape.
        data["recurrence"] = suggestion_recurrence(data).to_json(board=False)
    return data


# -- code suggestions -------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """Something to suggest codes for, or a coded example."""

    key: Hashable
    document_id: int
    start: int
    end: int
    text: str


def _answer_units(project: Project, question: str | None) -> tuple[list[Unit], list[Unit], list[set[int]]]:
    questions = {q.name: q for q, _ in project.documents.questions()}
    if question is None and len(questions) == 1:
        question = next(iter(questions))
    if question not in questions:
        raise SuggestionError(f"say which question (the project has: {', '.join(questions) or 'none'})")
    docs = project.documents.list(DocumentKind.ANSWER, questions[question].id)
    texts = project.documents.texts(d.id for d in docs)
    from qualcode.core.surveys.answers import answer_code_ids

    codes_of = answer_code_ids(project, [d.id for d in docs])
    labels = project.documents.participant_labels(d.id for d in docs)
    coded, uncoded, coded_codes = [], [], []
    for d in docs:
        unit = Unit(labels[d.id], d.id, 0, d.length, texts[d.id])
        if codes_of.get(d.id):
            coded.append(unit)
            coded_codes.append(set(codes_of[d.id]))
        else:
            uncoded.append(unit)
    return coded, uncoded, coded_codes


def _passage_units(project: Project) -> tuple[list[Unit], list[Unit], list[set[int]]]:
    """Coded segments are the examples; participants' turns with no coding are the passages."""
    coded, coded_codes, uncoded = [], [], []
    for doc in project.documents.list(DocumentKind.TRANSCRIPT):
        text = project.documents.text(doc.id)
        codings = project.coding.for_document(doc.id)
        by_segment: dict[tuple[int, int], set[int]] = defaultdict(set)
        for c in codings:
            by_segment[(c.start, c.end)].add(c.code_id)
        for (a, b), codes in by_segment.items():
            coded.append(Unit(f"{doc.id}:{a}-{b}", doc.id, a, b, text[a:b]))
            coded_codes.append(codes)
        for turn in project.documents.turns(doc.id):
            if turn.is_interviewer or any(c.start < turn.end and c.end > turn.start for c in codings):
                continue
            uncoded.append(Unit(f"{doc.id}:{turn.start}-{turn.end}", doc.id, turn.start, turn.end,
                                text[turn.start:turn.end]))
    return coded, uncoded, coded_codes


def _code_json(s: Any, coded: list[Unit], names: dict[int, str]) -> dict:
    """One suggested code with its reasons: the nearest coded examples and the words that weighed most."""
    return {"code": names[cast(int, s.code)], "code_id": s.code, "score": round(s.score, 4),
            "examples": [{"id": coded[j].key, "text": coded[j].text} for j in s.examples],
            "words": list(s.words)}


def _learn(coded: list[Unit], coded_codes: list[set[int]], vectors: np.ndarray,
           is_cancelled: IsCancelled | None = None) -> Any:
    """The suggester fitted on the coded examples (the first ``len(coded)`` vectors): refitted each time, in seconds."""
    from qualcode.analysis.suggesting import SuggesterError, SupervisedSuggester

    try:
        return SupervisedSuggester().fit([u.text for u in coded], vectors[:len(coded)], coded_codes, is_cancelled)
    except SuggesterError as exc:
        raise SuggestionError(exc.message) from exc


def suggest_codes(project: Project, target: Literal["answers", "segments"], question: str | None = None,
                  top: int = 3, backend: str = "minilm", progress: Progress | None = None,
                  is_cancelled: IsCancelled | None = None) -> dict:
    """Rank likely codes for each uncoded answer or passage from what is already coded.

    Hints only: nothing is applied until the researcher does it.  Each code says
    why (nearest coded examples, weightiest words); a non-answer or a text no
    code fits gets no codes and a ``no_suggestion`` reason.  When the coding is
    too sparse to learn from (each code coded once or twice, as in IPA
    interviews), the codes of the most similar coded passages are listed and the
    item's ``basis`` says "from similar coded passages".
    """
    coded, uncoded, coded_codes = (_answer_units(project, question) if target == "answers"
                                   else _passage_units(project))
    if not coded:
        raise SuggestionError("nothing is coded yet: code some examples first, then ask for suggestions")
    if not uncoded:  # a normal outcome, said before the (slow) embedding
        from qualcode.core.surveys.least_sure import nothing_to_suggest

        return {"backend": None, "target": target, "suggestions": [], "note": nothing_to_suggest(project, target, question)}
    vectors, backend_label = embed(project, [u.text for u in coded + uncoded], backend, progress, is_cancelled)
    suggester = _learn(coded, coded_codes, vectors, is_cancelled)
    ranked = suggester.rank([u.text for u in uncoded], vectors[len(coded):], top, is_cancelled=is_cancelled)
    names = {c.id: c.name for c in project.codes.list()}
    # The suggester is generic over hashable code keys; we handed it code ids, so ids come back.
    suggestions = []
    for u, ranking in zip(uncoded, ranked):
        item: dict[str, Any] = {"id": u.key, "text": u.text,
                                "codes": [_code_json(s, coded, names) for s in ranking.suggestions]}
        if ranking.reason:
            item["no_suggestion"] = ranking.reason
        if ranking.basis:  # e.g. "from similar coded passages": too little coding to learn from
            item["basis"] = ranking.basis
        suggestions.append(item)
    return {"backend": backend_label, "target": target, "suggestions": suggestions}


def explain_codes_for_text(project: Project, text: str, top: int = 5, backend: str = "minilm",
                           participant: str | None = None) -> dict:
    """Likely codes for one selected passage (see :mod:`qualcode.core.themes.passage_hints`)."""
    from qualcode.core.themes import passage_hints

    return passage_hints.explain_codes_for_text(project, text, top, backend, participant)


def suggest_codes_for_text(project: Project, text: str, top: int = 5, backend: str = "minilm") -> list[tuple[int, float]]:
    """Likely codes for one selected passage: ``[(code_id, score)]``, best first."""
    return [(int(c["code_id"]), c["score"]) for c in explain_codes_for_text(project, text, top, backend)["codes"]]
