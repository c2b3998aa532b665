"""Recognise answers that say nothing ("N/A", "-", "none", "Did not answer").

A model trained on coded answers still gives such texts confident-looking
codes (issue #15 saw 0.77 for "N/A"); they should get no suggestion at all.
Only whole answers are matched: "None. Quite satisfied." says something.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

NON_ANSWERS = frozenset({
    "", "na", "n a", "nil", "nill", "none", "nothing", "no", "nope", "nah", "x", "xx", "xxx",
    "no comment", "no comments", "nothing to add", "nothing else", "nothing else to add",
    "nothing to say", "nothing really", "nothing at all", "none at all", "none really",
    "not applicable", "no answer", "did not answer", "not answered", "no response",
    "dont know", "don t know", "do not know", "idk", "not sure", "unsure", "no idea",
    "none thanks", "none thank you", "nothing thanks", "nothing thank you", "no thanks",
    "same as above", "as above", "see above", "blank", "test", "null",
})


def normalise(text: str) -> str:
    """Lower-case words only, accents and punctuation dropped ("Don't know." -> "don t know")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(_WORD.findall(folded))


def is_non_answer(text: str) -> bool:
    """True for blanks, punctuation only and the stock ways of saying nothing."""
    return normalise(text) in NON_ANSWERS
