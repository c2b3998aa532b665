"""Agreement statistics: hand-worked tables, reference implementations, the report."""

from __future__ import annotations

import json
import warnings

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.analysis.agreement import (
    NO_PAIRS,
    NO_VARIATION,
    agreement_report,
    cohen_kappa,
    krippendorff_alpha,
    light_kappa,
    methods_sentence,
    percent_agreement,
    presence_counts,
    reading,
)
from qualcode.analysis.agreement.units import ReliabilityData

NAN = np.nan

# Two coders, ten units (rows), one code.
#   A: 1 1 1 1 0 0 0 0 0 0
#   B: 1 1 1 0 1 0 0 0 0 0
TWO_BY_TEN = np.array([[1, 1], [1, 1], [1, 1], [1, 0], [0, 1],
                       [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]], dtype=float)

# Three coders, six units, missing values.
THREE_WITH_MISSING = np.array([
    [1, 1, 1],      # m=3: n1=3 n0=0 -> n0*n1/(m-1) = 0
    [1, 1, 0],      # m=3: n1=2 n0=1 -> 2/2 = 1
    [0, 0, NAN],    # m=2: n0=2      -> 0
    [0, 1, NAN],    # m=2: n1=1 n0=1 -> 1/1 = 1
    [0, 0, 0],      # m=3: n0=3      -> 0
    [1, NAN, NAN],  # m=1: not pairable, dropped
])


def test_two_coders_ten_units_by_hand() -> None:
    # Table: n11 = 3 (units 1-3), n10 = 1 (unit 4), n01 = 1 (unit 5), n00 = 5.
    # Agreement: (3 + 5) / 10 = 0.8.
    assert percent_agreement(TWO_BY_TEN) == pytest.approx(0.8, abs=1e-12)
    # Kappa: p_o = 0.8; each coder applied the code to 4 of 10 units, so
    # p_e = 0.4*0.4 + 0.6*0.6 = 0.52 and kappa = (0.8 - 0.52) / (1 - 0.52) = 0.28 / 0.48 = 7/12.
    assert cohen_kappa(TWO_BY_TEN) == pytest.approx(7 / 12, abs=1e-12)
    # Alpha: n = 20 pairable values, n_1 = 8, n_0 = 12. Coincidences o_01 = o_10 = 2
    # (units 4 and 5, each 1*1/(2-1)). D_o = (o_01 + o_10)/n = 4/20 = 0.2;
    # D_e = 2*n_0*n_1 / (n(n-1)) = 192/380. alpha = 1 - 0.2*380/192 = 1 - 76/192 = 29/48.
    assert krippendorff_alpha(TWO_BY_TEN) == pytest.approx(29 / 48, abs=1e-12)


def test_three_coders_with_missing_by_hand() -> None:
    # Pairable values (unit 6 dropped): n_1 = 3+2+1 = 6, n_0 = 1+2+1+3 = 7, n = 13;
    # o_01 = 1 (unit 2) + 1 (unit 4) = 2. alpha = 1 - (n-1)*o_01/(n_0*n_1) = 1 - 12*2/42 = 3/7.
    assert krippendorff_alpha(THREE_WITH_MISSING) == pytest.approx(3 / 7, abs=1e-12)
    ref = krippendorff.alpha(reliability_data=THREE_WITH_MISSING.T, level_of_measurement="nominal")
    assert ref == pytest.approx(3 / 7, abs=1e-12)
    # Pairs over units both coded: A-B units 1-5 agree on 4 (kappa 8/13);
    # A-C and B-C units 1, 2, 5 agree on 2 (kappa 2/5 each).
    # Agreement (4/5 + 2/3 + 2/3) / 3 = 32/45; Light's kappa (8/13 + 2/5 + 2/5) / 3 = 92/195.
    assert percent_agreement(THREE_WITH_MISSING) == pytest.approx(32 / 45, abs=1e-12)
    assert light_kappa(THREE_WITH_MISSING) == pytest.approx(92 / 195, abs=1e-12)


def _reference_alpha(x: np.ndarray) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = krippendorff.alpha(reliability_data=x.T, level_of_measurement="nominal",
                                       value_domain=[0, 1])
        except ValueError:  # no unit coded by two coders
            return None
    return None if np.isnan(value) else float(value)


def _reference_kappa(a: np.ndarray, b: np.ndarray) -> float | None:
    both = ~np.isnan(a) & ~np.isnan(b)
    if not both.any():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a[both], b[both], labels=[0, 1])
    return None if np.isnan(value) else float(value)


def _random_case(rng: np.random.Generator) -> np.ndarray:
    units, coders = int(rng.integers(1, 60)), int(rng.integers(2, 6))
    prevalence = rng.choice([0.0, 0.03, 0.2, 0.5, 0.9, 1.0])
    x = (rng.random((units, coders)) < prevalence).astype(float)
    flip = rng.random((units, coders)) < rng.choice([0.0, 0.1, 0.4])
    x = np.where(flip, 1 - x, x)
    x[rng.random((units, coders)) < rng.choice([0.0, 0.1, 0.3, 0.6])] = NAN
    if rng.random() < 0.15:
        x[:, rng.integers(coders)] = np.where(np.isnan(x[:, 0]), NAN, 0.0)  # a coder who coded nothing
    if rng.random() < 0.1:
        x[:, rng.integers(coders)] = NAN  # a coder who never opened these units
    return x


@pytest.mark.parametrize("seed", range(200))
def test_matches_reference_implementations(seed: int) -> None:
    x = _random_case(np.random.default_rng(seed))
    alpha, ref = krippendorff_alpha(x), _reference_alpha(x)
    assert (alpha is None) == (ref is None)
    if ref is not None:
        assert alpha == pytest.approx(ref, abs=1e-9)
    counts = presence_counts(x)
    pairs = [(i, j) for i in range(x.shape[1]) for j in range(i + 1, x.shape[1])]
    kappas, agreements = [], []
    for p, (i, j) in enumerate(pairs):
        both = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
        ref_kappa = _reference_kappa(x[:, i], x[:, j])
        kappa = cohen_kappa(x[:, [i, j]])
        assert (kappa is None) == (ref_kappa is None)
        if ref_kappa is not None:
            assert kappa == pytest.approx(ref_kappa, abs=1e-9)
            kappas.append(ref_kappa)
        if both.any():
            agreements.append(np.mean(x[both, i] == x[both, j]))
        assert counts.tables[p].sum() == both.sum()
    light = light_kappa(x)
    assert (light is None) == (not kappas)
    if kappas:
        assert light == pytest.approx(np.mean(kappas), abs=1e-9)
    agreement = percent_agreement(x)
    assert (agreement is None) == (not agreements)
    if agreements:
        assert agreement == pytest.approx(np.mean(agreements), abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_many_coders_match_reference(seed: int) -> None:
    # More than ten coders take the sorting path rather than the counting one.
    rng = np.random.default_rng(300 + seed)
    x = (rng.random((80, 12)) < 0.3).astype(float)
    x[rng.random(x.shape) < 0.2] = NAN
    assert krippendorff_alpha(x) == pytest.approx(_reference_alpha(x), abs=1e-9)
    expected = [_reference_kappa(x[:, i], x[:, j]) for i in range(12) for j in range(i + 1, 12)]
    assert light_kappa(x) == pytest.approx(np.mean([k for k in expected if k is not None]), abs=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_weights_count_as_repeated_units(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    x = _random_case(rng)
    weights = rng.integers(1, 5, len(x))
    repeated = np.repeat(x, weights, axis=0)
    for statistic in (percent_agreement, light_kappa, krippendorff_alpha):
        ours, expected = statistic(x, weights), statistic(repeated)
        assert (ours is None) == (expected is None)
        if expected is not None:
            assert ours == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", range(30))
def test_pooled_is_one_data_set_of_unit_code_decisions(seed: int) -> None:
    rng = np.random.default_rng(5000 + seed)
    codes, units, coders = int(rng.integers(1, 6)), int(rng.integers(2, 40)), int(rng.integers(2, 4))
    x = (rng.random((codes, units, coders)) < rng.random((codes, 1, 1))).astype(float)
    x[rng.random(x.shape) < 0.1] = NAN
    report = agreement_report(ReliabilityData.from_array(x, [f"c{i}" for i in range(codes)],
                                                         [f"k{i}" for i in range(coders)]))
    stacked = x.reshape(codes * units, coders)
    pooled = report.overall_pooled
    expected_alpha = _reference_alpha(stacked)
    assert pooled.alpha == (None if expected_alpha is None else pytest.approx(expected_alpha, abs=1e-9))
    kappas = [_reference_kappa(stacked[:, i], stacked[:, j]) for i in range(coders) for j in range(i + 1, coders)]
    kappas = [k for k in kappas if k is not None]
    assert pooled.kappa == (pytest.approx(np.mean(kappas), abs=1e-9) if kappas else None)
    assert pooled.agreement == pytest.approx(percent_agreement(stacked), abs=1e-12)
    assert pooled.units == int(((~np.isnan(stacked)).sum(axis=1) >= 2).sum())
    alphas = [c.alpha for c in report.codes if c.alpha is not None]
    assert report.overall_mean.alpha == (pytest.approx(np.mean(alphas), abs=1e-12) if alphas else None)
    assert report.overall_mean.codes == len(alphas)


def test_prevalence_weighted_mean() -> None:
    # Code "often": alpha 29/48 and 5 units where someone applied it; code "rare": one disagreement.
    rare = np.zeros((10, 2))
    rare[0] = [1, 0]  # n = 20, n_1 = 1, n_0 = 19, o_01 = 1: alpha = 1 - 19*1/19 = 0
    data = ReliabilityData.from_array(np.stack([TWO_BY_TEN, rare]), ["often", "rare"], ["A", "B"])
    report = agreement_report(data)
    assert report.codes[1].alpha == pytest.approx(0.0, abs=1e-12)
    assert report.overall_mean.alpha == pytest.approx((29 / 48 + 0) / 2, abs=1e-12)
    assert report.overall_weighted.alpha == pytest.approx((5 * 29 / 48 + 1 * 0) / 6, abs=1e-12)


def test_code_nobody_used() -> None:
    report = agreement_report(ReliabilityData.from_array(np.zeros((1, 8, 2)), ["unused"], ["A", "B"]))
    row = report.codes[0]
    assert (row.units, row.agreement, row.kappa, row.alpha) == (8, 1.0, None, None)
    assert row.reading == row.kappa_reading == NO_VARIATION == "not computable: no variation"


def test_coder_who_coded_nothing_still_gives_figures() -> None:
    x = np.zeros((10, 2))
    x[:3, 0] = 1  # A applied the code three times, B never
    assert cohen_kappa(x) == pytest.approx(0.0, abs=1e-12)  # p_o = p_e = 0.7
    # n = 20, n_1 = 3, n_0 = 17, o_01 = 3: alpha = 1 - 19*3/51 = -6/51
    assert krippendorff_alpha(x) == pytest.approx(-6 / 51, abs=1e-12)
    assert percent_agreement(x) == pytest.approx(0.7)


def test_coder_who_saw_nothing_makes_nothing_pairable() -> None:
    x = np.array([[1, NAN], [0, NAN]])
    report = agreement_report(ReliabilityData.from_array(x[None], ["c"], ["A", "B"]))
    row = report.codes[0]
    assert (row.units, row.agreement, row.kappa, row.alpha) == (0, None, None, None)
    assert row.reading == NO_PAIRS


def test_single_unit() -> None:
    # One disagreement: p_o = p_e = 0 so kappa = 0; n = 2, o_01 = 1, alpha = 1 - 1*1/1 = 0.
    split, same = [[1, 0]], [[1, 1]]
    assert (percent_agreement(split), cohen_kappa(split), krippendorff_alpha(split)) == (0.0, 0.0, 0.0)
    assert (percent_agreement(same), cohen_kappa(same), krippendorff_alpha(same)) == (1.0, None, None)


def test_masked_arrays_mean_missing() -> None:
    filled = np.nan_to_num(THREE_WITH_MISSING, nan=1.0)  # the hidden values must not count
    masked = np.ma.masked_array(filled, mask=np.isnan(THREE_WITH_MISSING))
    assert krippendorff_alpha(masked) == pytest.approx(3 / 7, abs=1e-12)


def test_rejects_values_other_than_presence() -> None:
    with pytest.raises(ValueError, match="only hold 1"):
        krippendorff_alpha(np.array([[2, 1], [0, 0]]))
    with pytest.raises(ValueError, match="exactly two coders"):
        cohen_kappa(np.zeros((3, 3)))


@pytest.mark.parametrize(("value", "words"), [
    (0.95, "good"), (0.80, "good"), (0.7999, "tentative"), (0.667, "tentative"),
    (0.6669, "weak"), (-0.2, "weak"), (None, NO_VARIATION), (float("nan"), NO_VARIATION),
])
def test_reading(value: float | None, words: str) -> None:
    assert reading(value) == words


def test_json_shape() -> None:
    x = np.stack([TWO_BY_TEN, np.zeros((10, 2))])
    data = ReliabilityData.from_array(x, ["Production line", "unused"], ["A", "B"], documents=10)
    report = agreement_report(data)
    out = json.loads(json.dumps(report.to_json(), allow_nan=False))
    assert list(out) == ["unit", "coders", "codes", "overall"]
    assert out["unit"] == "answer" and out["coders"] == ["A", "B"]
    assert out["codes"][0] == {"code": "Production line", "units": 10, "agreement": pytest.approx(0.8),
                               "kappa": pytest.approx(7 / 12), "alpha": pytest.approx(29 / 48)}
    assert out["codes"][1] == {"code": "unused", "units": 10, "agreement": 1.0, "kappa": None, "alpha": None}
    overall = out["overall"]
    assert overall["kappa_statistic"] == "Cohen's kappa"
    assert set(overall) == {"units", "documents", "kappa_statistic", "pooled", "mean", "weighted_mean"}
    assert overall["pooled"]["units"] == 20 and overall["pooled"]["codes"] == 2
    assert overall["mean"]["alpha"] == pytest.approx(29 / 48) and overall["mean"]["codes"] == 1
    assert set(overall["pooled"]) == {"codes", "units", "agreement", "kappa", "alpha"}


def test_light_kappa_named_for_three_coders() -> None:
    report = agreement_report(ReliabilityData.from_array(THREE_WITH_MISSING[None], ["c"], ["A", "B", "C"]))
    assert report.to_json()["overall"]["kappa_statistic"] == "Light's kappa (mean pairwise Cohen's kappa)"
    assert report.codes[0].kappa == pytest.approx(92 / 195)
    assert [p.coders for p in report.codes[0].pairs] == [("A", "B"), ("A", "C"), ("B", "C")]
    assert report.codes[0].pairs[0].kappa == pytest.approx(8 / 13)


def test_methods_sentence_from_report() -> None:
    report = agreement_report(ReliabilityData.from_array(TWO_BY_TEN[None], ["c"], ["A", "B"], documents=10))
    assert methods_sentence(report, of_documents=50) == (
        "Agreement between coders A and B was assessed on 10 of 50 survey answers (20%), "
        "with the survey answer as the unit of analysis (code present or absent). "
        "Overall Krippendorff's alpha (nominal, pooled over 1 code) was 0.60 and Cohen's kappa 0.58; "
        "percent agreement was 80.0%."
    )


def test_methods_sentence_three_coders_lines_and_no_variation() -> None:
    data = ReliabilityData.from_array(np.zeros((2, 40, 3)), ["a", "b"], ["Ann", "Ben", "Cat"],
                                      unit="line", documents=2)
    assert methods_sentence(agreement_report(data), of_documents=12, overall="mean") == (
        "Agreement between coders Ann, Ben and Cat was assessed on 2 of 12 transcripts (17%; 40 transcript "
        "lines), with the transcript line as the unit of analysis (code present or absent). "
        "Overall Krippendorff's alpha (nominal, unweighted mean over 2 codes) could not be computed "
        "(no variation) and Light's kappa (mean pairwise Cohen's kappa) could not be computed "
        "(no variation); "
        "percent agreement was 100.0%."
    )


def test_progress_is_reported_per_code() -> None:
    calls: list[tuple[int, int]] = []
    data = ReliabilityData.from_array(np.zeros((3, 4, 2)), ["a", "b", "c"], ["A", "B"])
    agreement_report(data, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_statistics_need_nothing_but_numpy() -> None:
    import ast
    from pathlib import Path

    import qualcode.analysis.agreement as module

    for path in Path(module.__file__).parent.glob("agreement*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module}
        assert imported <= {"__future__", "bisect", "collections", "dataclasses", "itertools", "operator",
                            "typing", "numpy", "qualcode"}, path.name
