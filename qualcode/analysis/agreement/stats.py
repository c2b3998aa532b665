"""Agreement statistics on presence data: percent agreement, Cohen's kappa, Krippendorff's alpha.

*Presence data* for one code is a float array ``units × coders``: ``1.0`` the
coder applied the code to the unit, ``0.0`` the coder saw the unit and did not,
``NaN`` the coder did not code that unit (missing).  Optional ``weights`` (one
per row) say how many identical units a row stands for: character units use
them, so a run of 10,000 uncoded characters is one row, not 10,000.

Every statistic is computed from a few sums (:class:`PresenceCounts`), so
pooling over codes is adding counts, and no units × units matrix is ever built.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

#: Krippendorff's conventions for alpha (Krippendorff 2004, p. 241): ≥ .800 good, ≥ .667 tentative.
GOOD = 0.80
TENTATIVE = 0.667

#: Landis & Koch (1977, p. 165) for kappa: each band's name and the value it is above
#: (their bands are printed as 0.81–1.00, 0.61–0.80, …; a kappa above 0.80 is almost perfect).
LANDIS_KOCH = ((0.80, "almost perfect"), (0.60, "substantial"), (0.40, "moderate"), (0.20, "fair"))
ALPHA_SOURCE = "Krippendorff (2004): 0.80 or above good, 0.667 to 0.80 tentative, below that weak"
KAPPA_SOURCE = ("Landis and Koch (1977): above 0.80 almost perfect, above 0.60 substantial, "
                "above 0.40 moderate, above 0.20 fair, 0 to 0.20 slight, below 0 poor")

NO_VARIATION = "not computable: no variation"
NO_PAIRS = "not computable: no unit coded by two coders"


@dataclass(frozen=True)
class PresenceCounts:
    """The sums every statistic needs, for one code or pooled over codes.

    ``tables`` holds, for each pair of coders (in :func:`coder_pairs` order),
    the units both coded, counted as ``[n00, n01, n10, n11]`` (first digit: the
    first coder's value).  The alpha sums run over *pairable* units, those
    coded by at least two coders.  All counts are weighted.
    """

    tables: np.ndarray  # (pairs, 4)
    units: float  # pairable units
    used: float  # pairable units where at least one coder applied the code
    zeros: float  # pairable values 0 (alpha's n_0)
    ones: float  # pairable values 1 (alpha's n_1)
    mismatches: float  # alpha's coincidence o_01 = Σ_u n0_u·n1_u / (m_u − 1)

    def __add__(self, other: PresenceCounts) -> PresenceCounts:
        """Pooling: the unit × code decisions of two codes as one data set."""
        return PresenceCounts(
            self.tables + other.tables,
            self.units + other.units,
            self.used + other.used,
            self.zeros + other.zeros,
            self.ones + other.ones,
            self.mismatches + other.mismatches,
        )


def coder_pairs(coders: int) -> list[tuple[int, int]]:
    """Every pair of coder columns, ``(0, 1), (0, 2), …, (1, 2), …``."""
    return list(combinations(range(coders), 2))


def as_presence(presence: np.ndarray) -> np.ndarray:
    """A float ``units × coders`` array with NaN for missing; masked arrays accepted.

    Raises ``ValueError`` for any value other than 0, 1 or missing, because a
    stray 2 (say, a count of codings) would silently bias every statistic.
    """
    if np.ma.isMaskedArray(presence):
        presence = np.ma.filled(np.ma.asarray(presence, dtype=float), np.nan)
    data = np.asarray(presence, dtype=float)
    if data.ndim != 2:
        raise ValueError(f"presence data must be units × coders, not shape {data.shape}")
    bad = ~(np.isnan(data) | (data == 0) | (data == 1))
    if bad.any():
        raise ValueError("presence data may only hold 1 (applied), 0 (not applied) or NaN (missing)")
    return data


def patterns(presence: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of presence data and how many units show each.

    With three coders a unit can only look 27 ways (1, 0 or missing each), so
    50,000 units shrink to at most 27 weighted rows and everything after this
    costs next to nothing.  Each row is read as a base-3 number.
    """
    data = as_presence(presence)
    units, coders = data.shape
    w = None if weights is None else np.asarray(weights, dtype=float)
    if w is not None and w.shape != (units,):
        raise ValueError("weights must give one count per unit")
    digits = np.where(np.isnan(data), 2, data).astype(np.int64)
    if coders <= 10:  # at most 3**10 bins: counting beats sorting
        key = np.zeros(units, dtype=np.int64)
        for k in range(coders):
            key = key * 3 + digits[:, k]
        counts = np.bincount(key, weights=w, minlength=3**coders)
        found = np.flatnonzero(counts)
        rows, counts = (found[:, None] // 3 ** np.arange(coders - 1, -1, -1)) % 3, counts[found]
    else:
        rows, inverse = np.unique(digits, axis=0, return_inverse=True)
        counts = np.bincount(inverse.ravel(), weights=w, minlength=len(rows))
    return np.where(rows == 2, np.nan, rows.astype(float)), counts.astype(float)


def presence_counts(presence: np.ndarray, weights: np.ndarray | None = None) -> PresenceCounts:
    """Count what the statistics need for one code, from its distinct rows."""
    data, w = patterns(presence, weights)
    coders = data.shape[1]
    seen = ~np.isnan(data)
    applied = data == 1
    tables = np.zeros((len(coder_pairs(coders)), 4))
    for p, (i, j) in enumerate(coder_pairs(coders)):
        both = seen[:, i] & seen[:, j]
        cell = 2 * applied[both, i] + applied[both, j]
        tables[p] = np.bincount(cell, weights=w[both], minlength=4)
    m = seen.sum(axis=1)
    n1 = applied.sum(axis=1)
    pairable = m >= 2
    wp, mp, n1p = w[pairable], m[pairable], n1[pairable]
    n0p = mp - n1p
    return PresenceCounts(
        tables=tables,
        units=float(wp.sum()),
        used=float(wp[n1p > 0].sum()),
        zeros=float(wp @ n0p),
        ones=float(wp @ n1p),
        mismatches=float(wp @ (n0p * n1p / (mp - 1))),
    )


def pair_agreement(table: np.ndarray) -> float | None:
    """Share of the units both coders coded on which they gave the same value."""
    n = table.sum()
    return float((table[0] + table[3]) / n) if n > 0 else None


def pair_kappa(table: np.ndarray) -> float | None:
    """Cohen's kappa from ``[n00, n01, n10, n11]``: (p_o − p_e) / (1 − p_e).

    p_e is the chance agreement from each coder's own rate of applying the
    code.  Not computable (None) when p_e = 1: both coders gave one and the
    same value to every unit, so there is no variation to agree about.
    """
    n = table.sum()
    if n == 0:
        return None
    n00, _, _, n11 = table
    first_yes, second_yes = table[2] + table[3], table[1] + table[3]
    # n²·(1 − p_e), exact on counts; zero only when both coders are constant and equal.
    room = first_yes * (n - second_yes) + second_yes * (n - first_yes)
    if room == 0:
        return None
    chance = first_yes * second_yes + (n - first_yes) * (n - second_yes)
    return float((n * (n00 + n11) - chance) / room)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(np.mean(known)) if known else None


def agreement_from_counts(counts: PresenceCounts) -> float | None:
    """Percent agreement (as a share, 0–1): the mean over coder pairs of pair agreement.

    For each pair of coders, the share of units both coded on which they agree;
    then the unweighted mean over pairs that share at least one unit.  With
    two coders this is plain percent agreement.
    """
    return _mean(pair_agreement(t) for t in counts.tables)


def kappa_from_counts(counts: PresenceCounts) -> float | None:
    """Cohen's kappa (two coders) or Light's kappa (more): the mean pairwise Cohen's kappa.

    Pairs whose kappa is not computable are left out of the mean; None when
    no pair is computable.
    """
    return _mean(pair_kappa(t) for t in counts.tables)


def alpha_from_counts(counts: PresenceCounts) -> float | None:
    """Krippendorff's alpha, nominal: 1 − D_o / D_e from the coincidence matrix.

    For binary values D_o / D_e reduces to (n − 1)·o_01 / (n_0·n_1), with n the
    pairable values.  Units coded by fewer than two coders are not pairable
    and are left out, as in Krippendorff's definition.  None when every
    pairable value is the same (D_e = 0) or nothing is pairable.
    """
    n = counts.zeros + counts.ones
    if counts.zeros == 0 or counts.ones == 0:
        return None
    return float(1.0 - (n - 1.0) * counts.mismatches / (counts.zeros * counts.ones))


def why_not_computable(counts: PresenceCounts) -> str:
    """The plain reason a kappa or alpha is missing."""
    return NO_PAIRS if counts.units == 0 else NO_VARIATION


def reading(value: float | None, why: str = NO_VARIATION) -> str:
    """Krippendorff's plain-words reading: good (≥ .80), tentative (≥ .667), weak."""
    if value is None or np.isnan(value):
        return why
    if value >= GOOD:
        return "good"
    if value >= TENTATIVE:
        return "tentative"
    return "weak"


def kappa_reading(value: float | None, why: str = NO_VARIATION) -> str:
    """Landis and Koch's (1977) bands for kappa: slight, fair, moderate, substantial, almost perfect."""
    if value is None or np.isnan(value):
        return why
    for above, name in LANDIS_KOCH:
        if value > above:
            return name
    return "slight" if value >= 0 else "poor"


def percent_agreement(presence: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    """Percent agreement (0–1) for one code; see :func:`agreement_from_counts`."""
    return agreement_from_counts(presence_counts(presence, weights))


def cohen_kappa(presence: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    """Cohen's kappa for exactly two coders, over the units both coded."""
    data = as_presence(presence)
    if data.shape[1] != 2:
        raise ValueError("Cohen's kappa compares exactly two coders; use light_kappa")
    return pair_kappa(presence_counts(data, weights).tables[0])


def light_kappa(presence: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    """Light's kappa: mean Cohen's kappa over all pairs of coders."""
    return kappa_from_counts(presence_counts(presence, weights))


def krippendorff_alpha(presence: np.ndarray, weights: np.ndarray | None = None) -> float | None:
    """Krippendorff's alpha (nominal) for one code, any number of coders, missing allowed."""
    return alpha_from_counts(presence_counts(presence, weights))


# --- a confidence interval for alpha -------------------------------------------------


@dataclass(frozen=True)
class AlphaPairs:
    """The pairable pairs of values alpha is made of, grouped for the bootstrap.

    For each number of coders ``m`` who coded a unit: how many unordered
    pairs of values such units hold, and how many of them disagree (a 1 with
    a 0).  Pooling over codes is adding; ``zeros`` and ``ones`` are alpha's
    n_0 and n_1 (the expected disagreement stays that of the whole data).
    """

    pairs: dict[int, float]
    disagreeing: dict[int, float]
    zeros: float
    ones: float

    def __add__(self, other: AlphaPairs) -> AlphaPairs:
        def add(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
            return {m: a.get(m, 0.0) + b.get(m, 0.0) for m in a.keys() | b.keys()}

        return AlphaPairs(add(self.pairs, other.pairs), add(self.disagreeing, other.disagreeing),
                          self.zeros + other.zeros, self.ones + other.ones)


def alpha_pairs(presence: np.ndarray, weights: np.ndarray | None = None) -> AlphaPairs:
    """Count the pairable pairs of one code's presence data (see :class:`AlphaPairs`)."""
    data, w = patterns(presence, weights)
    seen = ~np.isnan(data)
    m = seen.sum(axis=1)
    n1 = (data == 1).sum(axis=1)
    pairs: dict[int, float] = {}
    disagreeing: dict[int, float] = {}
    for mu, ones, count in zip(m.tolist(), n1.tolist(), w.tolist()):
        if mu < 2:
            continue
        pairs[mu] = pairs.get(mu, 0.0) + count * mu * (mu - 1) / 2
        disagreeing[mu] = disagreeing.get(mu, 0.0) + count * ones * (mu - ones)
    pairable = m >= 2
    return AlphaPairs(pairs, disagreeing, float(w[pairable] @ (m - n1)[pairable]),
                      float(w[pairable] @ n1[pairable]))


def bootstrap_alpha(pairs: AlphaPairs, samples: int = 1000, seed: int = 1,
                    level: float = 0.95) -> tuple[float, float] | None:
    """A bootstrap confidence interval for Krippendorff's alpha (Hayes & Krippendorff 2007).

    As in their KALPHA macro: the expected disagreement D_e is that of the
    whole data; each bootstrap sample draws, with replacement, as many pairs of
    pairable values as the data hold (every pair equally likely), and a
    disagreeing pair from a unit coded by m coders adds 2 / (n·(m − 1)·D_e)
    to the observed share, so alpha_b = 1 − Σ of the drawn pairs' shares
    (never below −1).  The interval is the central ``level`` of the
    ``samples`` alphas; the same ``seed`` gives the same interval.  None when
    alpha itself is not computable.
    """
    n = pairs.zeros + pairs.ones
    if pairs.zeros == 0 or pairs.ones == 0 or samples < 1:
        return None
    expected = 2.0 * pairs.zeros * pairs.ones / (n * (n - 1.0))
    groups = sorted(pairs.pairs)
    # Categories: for each m, disagreeing pairs and agreeing pairs.
    counts = np.array([[pairs.disagreeing.get(m, 0.0), pairs.pairs[m] - pairs.disagreeing.get(m, 0.0)]
                       for m in groups]).ravel()
    share = np.array([[2.0 / (n * (m - 1) * expected), 0.0] for m in groups]).ravel()
    total = round(float(counts.sum()))
    rng = np.random.default_rng(seed)
    drawn = rng.multinomial(total, counts / counts.sum(), size=samples)
    alphas = np.maximum(1.0 - drawn @ share, -1.0)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(alphas, [tail, 1.0 - tail])
    return float(low), float(high)
