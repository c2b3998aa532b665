"""The methods-section sentence: unit, coders, statistic and sample, in one breath."""

from __future__ import annotations

from qualcode.analysis.agreement.report import AgreementReport
from qualcode.analysis.agreement.stats import NO_VARIATION


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
