"""What a suggestion groups: one vocabulary for ``qualcode suggest --items`` and the Suggest themes dialog.

The values are the words the README documents for ``--items`` and the
``"mode"`` a suggestion file carries, so files written before stay valid.
The dialog's older names for the same choices (``code``, ``question``)
are kept as aliases.
"""

from __future__ import annotations

from enum import Enum


class Clustered(str, Enum):
    """The items a suggestion clusters into sub-themes and superordinate themes.

    ``emergent`` is the one-level clustering from before IPA's two levels
    (accepted, it moves emergent themes under new themes); ``statements`` and
    ``personal-themes`` are the two levels: a participant's statements into
    their PETs, then PETs into GETs, which link PETs and move nothing.
    """

    EMERGENT = "emergent"  # emergent themes (IPA; "experiential statements" in its newer wording)
    SEGMENTS = "segments"  # the coded segments (quotes) of one code, to split a broad code
    ANSWERS = "answers"  # the answers to one open survey question
    STATEMENTS = "statements"  # one participant's experiential statements → their PETs (IPA 2022)
    PERSONAL_THEMES = "personal-themes"  # every participant's PETs → group experiential themes (GETs)

    @property
    def is_ipa(self) -> bool:
        """Items the researcher named (statements, PETs): named centrally, counted per participant."""
        return self in (Clustered.EMERGENT, Clustered.STATEMENTS, Clustered.PERSONAL_THEMES)

    @property
    def words(self) -> str:
        """What the researcher calls these items, for menus and messages."""
        return {
            "emergent": "emergent themes (experiential statements)",
            "segments": "segments (quotes) of a code",
            "answers": "answers to a question",
            "statements": "one participant's experiential statements (into personal experiential themes)",
            "personal-themes": "personal experiential themes (into group experiential themes)",
        }[self.value]

    @property
    def chosen_by(self) -> str | None:
        """What the researcher names to say which items: a code, a question (or, optionally, a participant)."""
        return {"emergent": None, "segments": "code", "answers": "question", "statements": "participant",
                "personal-themes": None}[self.value]

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
    "pets": Clustered.PERSONAL_THEMES,
    "personal themes": Clustered.PERSONAL_THEMES,
    "code": Clustered.SEGMENTS,
    "quotes": Clustered.SEGMENTS,
    "question": Clustered.ANSWERS,
}

#: The ``--items`` choices, in the order the README lists them.
CLI_CHOICES: tuple[str, ...] = tuple(c.value for c in Clustered)
