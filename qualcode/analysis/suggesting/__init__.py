"""Code suggestions learned from the researcher's own coding (issue #15).

:class:`CodeSuggester` is the interface; :class:`SupervisedSuggester` is
today's model.  :mod:`.evaluation` measures any suggester against simple
baselines on held-out coding.
"""

from qualcode.analysis.suggesting.base import (
    FROM_SIMILAR,
    NOT_AN_ANSWER,
    NOTHING_LIKELY,
    CodeSuggester,
    Ranking,
    SuggesterError,
    Suggestion,
)
from qualcode.analysis.suggesting.non_answers import is_non_answer
from qualcode.analysis.suggesting.supervised import SupervisedSuggester

__all__ = [
    "FROM_SIMILAR",
    "NOTHING_LIKELY",
    "NOT_AN_ANSWER",
    "CodeSuggester",
    "Ranking",
    "SuggesterError",
    "Suggestion",
    "SupervisedSuggester",
    "is_non_answer",
]
