"""What a suggestion groups: one vocabulary for ``qualcode suggest --items`` and the Suggest themes dialog.

The values are the words the README documents for ``--items`` and the
``"mode"`` a suggestion file carries, so files written before stay valid.
The dialog's older names for the same choices (``code``, ``question``)
are kept as aliases.
"""

from __future__ import annotations

from enum import Enum


class Clustered(str, Enum):
    """The items a suggestion clusters into sub-themes and superordinate themes."""

    EMERGENT = "emergent"  # emergent themes (IPA; "experiential statements" in its newer wording)
    SEGMENTS = "segments"  # the coded segments (quotes) of one code, to split a broad code
    ANSWERS = "answers"  # the answers to one open survey question

    @property
    def words(self) -> str:
        """What the researcher calls these items, for menus and messages."""
        return {
            "emergent": "emergent themes (experiential statements)",
            "segments": "segments (quotes) of a code",
            "answers": "answers to a question",
        }[self.value]

    @property
    def chosen_by(self) -> str | None:
        """What the researcher names to say which items: a code, a question (or, optionally, a participant)."""
        return {"emergent": None, "segments": "code", "answers": "question"}[self.value]

    @classmethod
    def parse(cls, word: str) -> Clustered:
        """The choice a word names: a value above or an alias; ValueError for anything else."""
        word = word.strip().lower()
        if word in ALIASES:
            return ALIASES[word]
        return cls(word)


#: Other words for the same choices: the Suggest themes dialog's older keys and the users' terms.
ALIASES: dict[str, Clustered] = {
    "experiential statements": Clustered.EMERGENT,
    "experiential-statements": Clustered.EMERGENT,
    "code": Clustered.SEGMENTS,
    "quotes": Clustered.SEGMENTS,
    "question": Clustered.ANSWERS,
}

#: The ``--items`` choices, in the order the README lists them.
CLI_CHOICES: tuple[str, ...] = tuple(c.value for c in Clustered)
