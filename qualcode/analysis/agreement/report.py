"""The reliability table: per-code and overall agreement as an :class:`AgreementReport`.

Takes :class:`~qualcode.analysis.agreement.data.ReliabilityData` (built by the
unit builders) and applies the statistics of
:mod:`qualcode.analysis.agreement.stats` to every code, then pools them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qualcode.analysis.agreement.data import ReliabilityData, UnitKind
from qualcode.analysis.agreement.stats import (
    NO_PAIRS,
    NO_VARIATION,
    PresenceCounts,
    agreement_from_counts,
    alpha_from_counts,
    alpha_pairs,
    bootstrap_alpha,
    coder_pairs,
    kappa_from_counts,
    kappa_reading,
    pair_agreement,
    pair_kappa,
    presence_counts,
    reading,
    why_not_computable,
)
from qualcode.core.progress import Progress


@dataclass(frozen=True)
class PairAgreement:
    """Two coders on one code, over the units both coded."""

    coders: tuple[str, str]
    units: int
    agreement: float | None
    kappa: float | None


@dataclass(frozen=True)
class CodeAgreement:
    """One row of the reliability table.

    ``units`` are those coded by at least two coders; ``agreement`` is a share
    (0–1); ``kappa`` is Cohen's (two coders) or Light's (more); ``reading`` is
    the plain-words reading of alpha (Krippendorff 2004), ``kappa_reading``
    that of kappa (Landis and Koch 1977).
    """

    code: str
    units: int
    agreement: float | None
    kappa: float | None
    alpha: float | None
    reading: str
    kappa_reading: str
    pairs: tuple[PairAgreement, ...] = ()

    @property
    def kappa_pairs_undefined(self) -> int:
        """Coder pairs whose Cohen's kappa is undefined, left out of Light's mean."""
        return sum(p.kappa is None for p in self.pairs)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"code": self.code, "units": self.units, "agreement": self.agreement,
                                  "kappa": self.kappa, "alpha": self.alpha}
        if len(self.pairs) > 1:  # Light's kappa: say over how many pairs it is a mean
            out["kappa_pairs_undefined"] = self.kappa_pairs_undefined
        return out


@dataclass(frozen=True)
class OverallAgreement:
    """One overall figure; ``definition`` is "pooled", "mean" or "weighted mean".

    ``codes`` counts the codes behind the alpha (for the means: codes whose
    alpha is computable); ``units`` counts the unit × code decisions behind it.
    """

    definition: str
    codes: int
    units: int
    agreement: float | None
    kappa: float | None
    alpha: float | None
    reading: str
    pairs: tuple[PairAgreement, ...] = ()  # pooled: each pair of coders over every code
    alpha_ci: tuple[float, float] | None = None  # pooled: bootstrap 95% interval of alpha, when drawn
    bootstrap_samples: int = 0

    @property
    def kappa_pairs_undefined(self) -> int:
        return sum(p.kappa is None for p in self.pairs)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"codes": self.codes, "units": self.units, "agreement": self.agreement,
                                  "kappa": self.kappa, "alpha": self.alpha}
        if len(self.pairs) > 1:
            out["kappa_pairs_undefined"] = self.kappa_pairs_undefined
        if self.alpha_ci is not None:
            out["alpha_ci95"] = list(self.alpha_ci)
            out["bootstrap_samples"] = self.bootstrap_samples
        return out


@dataclass(frozen=True)
class AgreementReport:
    """The reliability table for a methods section, per code and overall.

    Overall figures, both kept because studies report either:

    * ``overall_pooled`` — every unit × code decision pooled into one
      reliability data set (counts added over codes), then one statistic.
      Frequent codes weigh more; a code nobody used adds agreed absences.
    * ``overall_mean`` — the unweighted mean over codes of each per-code
      statistic, over the codes where it is computable.
    * ``overall_weighted`` — the same mean weighted by prevalence: the number
      of units where at least one coder applied the code.
    """

    unit: str
    coders: tuple[str, ...]
    codes: tuple[CodeAgreement, ...]
    overall_pooled: OverallAgreement
    overall_mean: OverallAgreement
    overall_weighted: OverallAgreement
    units: int
    documents: int | None
    description: str
    kind: UnitKind

    @property
    def kappa_name(self) -> str:
        if len(self.coders) == 2:
            return "Cohen's kappa"
        return "Light's kappa (mean pairwise Cohen's kappa)"

    def to_json(self) -> dict[str, object]:
        """``{"unit", "coders", "codes": [{code, units, agreement, kappa, alpha}], "overall"}``.

        Not computable values are ``None`` (JSON ``null``), never NaN, which
        JSON cannot carry.
        """
        return {
            "unit": self.unit,
            "coders": list(self.coders),
            "codes": [c.to_json() for c in self.codes],
            "overall": {
                "units": self.units,
                "documents": self.documents,
                "kappa_statistic": self.kappa_name,
                "pooled": self.overall_pooled.to_json(),
                "mean": self.overall_mean.to_json(),
                "weighted_mean": self.overall_weighted.to_json(),
            },
        }


def _code_agreement(code: str, coders: tuple[str, ...], counts: PresenceCounts) -> CodeAgreement:
    why = why_not_computable(counts)
    kappa, alpha = kappa_from_counts(counts), alpha_from_counts(counts)
    pairs = tuple(
        PairAgreement((coders[i], coders[j]), int(t.sum()), pair_agreement(t), pair_kappa(t))
        for (i, j), t in zip(coder_pairs(len(coders)), counts.tables)
    )
    return CodeAgreement(code, int(counts.units), agreement_from_counts(counts), kappa, alpha,
                         reading(alpha, why), kappa_reading(kappa, why), pairs)


def _weighted_mean(values: list[float | None], weights: list[float]) -> float | None:
    pairs = [(v, w) for v, w in zip(values, weights) if v is not None and w > 0]
    if not pairs:
        return None
    return float(np.average([v for v, _ in pairs], weights=[w for _, w in pairs]))


def _overall_mean(definition: str, rows: list[CodeAgreement], weights: list[float]) -> OverallAgreement:
    alpha = _weighted_mean([r.alpha for r in rows], weights)
    counted = [r for r, w in zip(rows, weights) if r.alpha is not None and w > 0]
    why = NO_PAIRS if all(r.units == 0 for r in rows) else NO_VARIATION
    return OverallAgreement(
        definition, len(counted), sum(r.units for r in counted),
        _weighted_mean([r.agreement for r in rows], weights),
        _weighted_mean([r.kappa for r in rows], weights), alpha, reading(alpha, why),
    )


def agreement_report(
    data: ReliabilityData, progress: Progress | None = None, bootstrap: int = 0, seed: int = 1
) -> AgreementReport:
    """Per-code and overall agreement for ``data``; ``progress(done, total)`` per code.

    With ``bootstrap`` samples the pooled alpha gets a 95% confidence
    interval (:func:`~qualcode.analysis.agreement.stats.bootstrap_alpha`,
    drawn with ``seed``).  There is no cancel hook: 50,000 units × 30 codes ×
    3 coders take well under a second.
    """
    if len(data.coders) < 2:
        raise ValueError("agreement needs at least two coders")
    rows: list[CodeAgreement] = []
    counts: list[PresenceCounts] = []
    for done, (code, presence, weights) in enumerate(zip(data.codes, data.presence, data.weights)):
        if np.ndim(presence) != 2 or np.shape(presence)[1] != len(data.coders):
            raise ValueError(f"code {code!r}: presence data must be units × {len(data.coders)} coders")
        counts.append(presence_counts(presence, weights))
        rows.append(_code_agreement(code, data.coders, counts[-1]))
        if progress is not None:
            progress(done + 1, len(data.codes))
    pooled = sum(counts[1:], counts[0]) if counts else presence_counts(np.empty((0, len(data.coders))))
    pooled_row = _code_agreement("", data.coders, pooled)
    interval = None
    if bootstrap > 0 and data.codes:
        drawn = [alpha_pairs(p, w) for p, w in zip(data.presence, data.weights)]
        interval = bootstrap_alpha(sum(drawn[1:], drawn[0]), bootstrap, seed)
    return AgreementReport(
        unit=data.unit,
        coders=data.coders,
        codes=tuple(rows),
        overall_pooled=OverallAgreement("pooled", len(rows), pooled_row.units, pooled_row.agreement,
                                        pooled_row.kappa, pooled_row.alpha, pooled_row.reading, pooled_row.pairs,
                                        interval, bootstrap if interval is not None else 0),
        overall_mean=_overall_mean("mean", rows, [1.0] * len(rows)),
        overall_weighted=_overall_mean("weighted mean", rows, [c.used for c in counts]),
        units=data.units,
        documents=data.documents,
        description=data.description,
        kind=data.kind,
    )
