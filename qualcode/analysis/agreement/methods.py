"""The methods-section text: unit, coders, statistics and sample.

:func:`methods_paragraph` is what qualcode writes (each figure named exactly,
the codes pooled, the per-code range, alpha's confidence interval, warnings);
:func:`methods_sentence` is the earlier one-sentence form, kept for callers.
"""

from __future__ import annotations

import numpy as np

from qualcode.analysis.agreement.report import AgreementReport
from qualcode.analysis.agreement.stats import NO_VARIATION, kappa_reading, reading


def _names(coders: tuple[str, ...]) -> str:
    return coders[0] if len(coders) == 1 else ", ".join(coders[:-1]) + " and " + coders[-1]


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n != 1 else f"1 {word.removesuffix('s')}"


def _sample(report: AgreementReport, of_documents: int | None) -> str:
    documents = report.documents if report.documents is not None else report.units
    where = f"{documents:,} of {of_documents:,}" if of_documents else f"{documents:,}"
    notes = []
    if of_documents:
        notes.append(f"{documents / of_documents:.0%}")
    if report.unit != "answer":
        notes.append(_plural(report.units, report.kind.units))
    noun = report.kind.documents
    if documents == 1 and not of_documents:
        noun = noun.removesuffix("s")
    return f"{where} {noun}" + (f" ({'; '.join(notes)})" if notes else "")


def _statistic(name: str, value: float | None, why: str, was: str = "was ") -> str:
    if value is None:
        return f"{name} could not be computed ({why.removeprefix('not computable: ')})"
    return f"{name} {was}{value:.2f}"


def methods_sentence(
    report: AgreementReport, of_documents: int | None = None, overall: str = "pooled"
) -> str:
    """A methods-section sentence built from the report, e.g.

    "Agreement between coders A and B was assessed on 60 of 300 survey answers
    (20%), with the survey answer as the unit of analysis (code present or
    absent). Overall Krippendorff's alpha (nominal, pooled over 15 codes) was
    0.82 and Cohen's kappa 0.81; percent agreement was 96.4%."

    ``of_documents`` is the size of the whole corpus, when only a sample was
    double-coded; ``overall`` is "pooled" or "mean".
    """
    if overall not in ("pooled", "mean"):
        raise ValueError('overall must be "pooled" or "mean"')
    figure = report.overall_pooled if overall == "pooled" else report.overall_mean
    why = figure.reading if figure.alpha is None else NO_VARIATION
    codes = _plural(len(report.codes), "codes")
    how = f"nominal, pooled over {codes}" if overall == "pooled" else f"nominal, unweighted mean over {codes}"
    first = (f"Agreement between coders {_names(report.coders)} was assessed on "
             f"{_sample(report, of_documents)}, with {report.kind.phrase}.")
    alpha = _statistic(f"Overall Krippendorff's alpha ({how})", figure.alpha, why)
    # "was 0.82 and Cohen's kappa 0.81": the verb is not repeated when both are numbers.
    kappa = _statistic(report.kappa_name, figure.kappa, why, "" if figure.alpha is not None else "was ")
    if figure.agreement is None:
        agreement = "percent agreement could not be computed (no unit coded by two coders)"
    else:
        agreement = f"percent agreement was {figure.agreement:.1%}"
    return f"{first} {alpha} and {kappa}; {agreement}."


#: Below about this many units a reliability figure is too unstable to report without a warning.
FEW_UNITS = 30


def _kappa_name(report: AgreementReport) -> str:
    if len(report.coders) == 2:
        return "pooled Cohen's kappa"
    pairs = report.overall_pooled.pairs
    undefined = report.overall_pooled.kappa_pairs_undefined
    over = f"; {undefined} of {len(pairs)} coder pairs undefined and left out" if undefined else ""
    return f"pooled Light's kappa (mean pairwise Cohen's kappa{over})"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _range(values: list[float], name: str, codes: int, fmt: str, unit: str = "") -> str:
    """Per code: minimum, median and maximum, over the codes where the figure is defined."""
    if len(values) < 2:
        return ""
    low, mid, high = min(values), float(np.median(values)), max(values)
    of = f"{len(values)} codes" if len(values) == codes else f"the {len(values)} of {codes} codes where it is defined"
    return (f" Per code, {name} ranged from {low:{fmt}}{unit} to {high:{fmt}}{unit} "
            f"(median {mid:{fmt}}{unit}, over {of}).")


def methods_paragraph(report: AgreementReport, of_documents: int | None = None,
                      codes_rule: str = "the codes compared") -> str:
    """The methods-section paragraph, each figure named exactly, e.g.

    "Agreement between coders A and B was assessed on 60 of 300 survey answers
    (20%), with the survey answer as the unit of analysis (code present or
    absent). Pooled over the 15 codes at least one of them applied, Krippendorff's
    alpha (nominal) was 0.82 (95% bootstrap CI 0.76 to 0.87; 1,000 samples),
    good by Krippendorff's (2004) reading. Per code, Krippendorff's alpha ranged
    from 0.41 to 0.95 (median 0.78, over 15 codes). Pooled Cohen's kappa was
    0.81 (almost perfect by Landis and Koch's 1977 bands); pooled percent
    agreement was 96.4%."  (The figures are preceded by "The figures pool
    the 15 codes at least one of them applied.")

    For coded segments (the overlap unit), which have no agreed absences,
    percent agreement comes first, as the docs advise.  Below about 30 units
    a warning says the figures are unstable.  ``codes_rule`` says which codes
    were pooled ("the 15 codes at least one of them applied").
    """
    pooled = report.overall_pooled
    why = pooled.reading if pooled.alpha is None else NO_VARIATION
    parts = [f"Agreement between coders {_names(report.coders)} was assessed on "
             f"{_sample(report, of_documents)}, with {report.kind.phrase}."]
    if report.units < FEW_UNITS:
        parts.append(f"Only {_plural(report.units, report.kind.units)} were compared, fewer than about "
                     f"{FEW_UNITS}, so these figures are unstable and should be read with care.")
    alpha = _statistic("pooled Krippendorff's alpha (nominal)", pooled.alpha, why)
    if pooled.alpha is not None and pooled.alpha_ci is not None:
        low, high = pooled.alpha_ci
        alpha += f" (95% bootstrap CI {low:.2f} to {high:.2f}; {pooled.bootstrap_samples:,} samples)"
    if pooled.alpha is not None:
        alpha += f", {reading(pooled.alpha)} by Krippendorff's (2004) reading"
    kappa = _statistic(_kappa_name(report), pooled.kappa, why)
    if pooled.kappa is not None:
        kappa += f" ({kappa_reading(pooled.kappa)} by Landis and Koch's 1977 bands)"
    agreement = ("pooled percent agreement could not be computed (no unit coded by two coders)"
                 if pooled.agreement is None else f"pooled percent agreement was {pooled.agreement:.1%}")
    codes = len(report.codes)
    parts.append(f"The figures pool {codes_rule}.")
    if report.unit == "overlap":
        values = [c.agreement * 100 for c in report.codes if c.agreement is not None]
        parts.append(_capital(agreement) + "." + _range(values, "percent agreement", codes, ".1f", "%"))
        parts.append(f"Coded segments have no agreed absences, so chance-corrected figures are low by "
                     f"construction: {alpha}; {kappa}.")
    else:
        values = [c.alpha for c in report.codes if c.alpha is not None]
        parts.append(_capital(alpha) + "." + _range(values, "Krippendorff's alpha", codes, ".2f"))
        parts.append(f"{_capital(kappa)}; {agreement}.")
    return " ".join(parts)
