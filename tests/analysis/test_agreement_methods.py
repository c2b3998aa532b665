"""The methods paragraph, alpha's bootstrap interval, kappa's own bands and Light's undefined pairs (issue #12, item 2)."""

from __future__ import annotations

import numpy as np
import pytest

from qualcode.analysis.agreement import agreement_report
from qualcode.analysis.agreement.data import ReliabilityData
from qualcode.analysis.agreement.methods import methods_paragraph
from qualcode.analysis.agreement.stats import alpha_pairs, bootstrap_alpha, kappa_reading, krippendorff_alpha

# Two coders, ten units:  A: 1 1 1 1 0 0 0 0 0 0 / B: 1 1 1 0 1 0 0 0 0 0
# p_o = 8/10; p_e = .4·.4 + .6·.6 = .52; kappa = (.8 − .52)/.48 = 7/12 = 0.58.
# alpha: n = 20 values, 8 ones, 12 zeros, two split units → 1 − 19·2/(12·8) = 29/48 = 0.60.
TWO_BY_TEN = np.array([[1, 1], [1, 1], [1, 1], [1, 0], [0, 1], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]], float)


def test_the_paragraph_names_every_figure_and_warns_below_thirty_units() -> None:
    report = agreement_report(ReliabilityData.from_array(TWO_BY_TEN[None], ["c"], ["A", "B"], documents=10))
    assert methods_paragraph(report, of_documents=50, codes_rule="the 1 code either coder applied") == (
        "Agreement between coders A and B was assessed on 10 of 50 survey answers (20%), "
        "with the survey answer as the unit of analysis (code present or absent). "
        "Only 10 survey answers were compared, fewer than about 30, so these figures are unstable and "
        "should be read with care. The figures pool the 1 code either coder applied. "
        "Pooled Krippendorff's alpha (nominal) was 0.60, weak by Krippendorff's (2004) reading. "
        "Pooled Cohen's kappa was 0.58 (moderate by Landis and Koch's 1977 bands); "
        "pooled percent agreement was 80.0%."
    )


def test_the_range_over_codes_and_the_interval_are_stated() -> None:
    # Three codes over 30 units (TWO_BY_TEN three times over); the third has unit 4 agreed as well.
    third = TWO_BY_TEN.copy()
    third[3] = [1, 1]  # A 1 1 1 1 0…, B 1 1 1 1 1 0…: one split unit in ten
    data = ReliabilityData.from_array(np.tile(np.stack([TWO_BY_TEN, TWO_BY_TEN, third]), (1, 3, 1)),
                                      ["a", "b", "c"], ["A", "B"])
    report = agreement_report(data, bootstrap=500, seed=3)
    text = methods_paragraph(report, codes_rule="the 3 codes either coder applied")
    assert "fewer than about 30" not in text  # 30 units
    # Per code, n = 60 values: the first two 24 ones, 36 zeros, 6 split units → 1 − 59·6/(36·24) = 0.590;
    # the third 27 ones, 33 zeros, 3 split units → 1 − 59·3/(33·27) = 0.801.
    assert "Per code, Krippendorff's alpha ranged from 0.59 to 0.80 (median 0.59, over 3 codes)." in text
    low, high = report.overall_pooled.alpha_ci
    assert low < report.overall_pooled.alpha < high
    assert f"(95% bootstrap CI {low:.2f} to {high:.2f}; 500 samples)" in text
    again = agreement_report(data, bootstrap=500, seed=3).overall_pooled.alpha_ci
    assert again == (low, high)  # seeded: the same interval every time
    assert report.to_json()["overall"]["pooled"]["alpha_ci95"] == [low, high]


def test_coded_segments_lead_with_percent_agreement() -> None:
    # Three segments: one matched, one only A coded, one only B coded (no agreed absences).
    data = ReliabilityData.from_array(np.array([[[1, 1], [1, 0], [0, 1]]], float), ["X"], ["A", "B"],
                                      unit="overlap")
    text = methods_paragraph(agreement_report(data))
    pooled = text.index("Pooled percent agreement was")
    assert pooled < text.index("pooled Krippendorff's alpha") and "no agreed absences" in text


def test_bootstrap_by_hand() -> None:
    # Four units [1,1] [0,0] [1,0] [0,0]: n = 8 values, 3 ones, 5 zeros; D_e = 2·5·3/(8·7) = 30/56.
    # Each bootstrap draws 4 pairs; a disagreeing pair weighs 2/(8·1·D_e) = 7/15, so alpha_b = 1 − 7k/15,
    # k ~ Binomial(4, 1/4): P(k = 4) = 0.4% < 2.5% < P(k ≥ 3) = 5.1%, P(k = 0) = 31.6% > 2.5%.
    # So the 95% interval is (1 − 21/15, 1) = (−0.40, 1.00); alpha itself is 1 − 7/15 = 0.53.
    x = np.array([[1, 1], [0, 0], [1, 0], [0, 0]], float)
    assert krippendorff_alpha(x) == pytest.approx(8 / 15)
    low, high = bootstrap_alpha(alpha_pairs(x), samples=20000, seed=1)
    assert low == pytest.approx(-0.4) and high == pytest.approx(1.0)
    assert bootstrap_alpha(alpha_pairs(np.array([[1, 1], [0, 0]], float))) == (1.0, 1.0)  # perfect agreement
    assert bootstrap_alpha(alpha_pairs(np.zeros((5, 2)))) is None  # no variation: no alpha, no interval


def test_bootstrap_of_two_coders_is_a_bootstrap_over_units() -> None:
    """With two coders and nothing missing a pair is a unit: resampling units with D_e fixed gives the same."""
    rng = np.random.default_rng(0)
    a = (rng.random(200) < 0.3).astype(float)
    b = np.where(rng.random(200) < 0.15, 1 - a, a)
    x = np.stack([a, b], axis=1)
    n, ones = 400, x.sum()
    expected = 2 * (n - ones) * ones / (n * (n - 1))
    split = (a != b).astype(float)
    by_units = [1 - split[rng.integers(0, 200, 200)].sum() * 2 / (n * expected) for _ in range(4000)]
    low, high = bootstrap_alpha(alpha_pairs(x), samples=4000, seed=5)
    assert low == pytest.approx(np.quantile(by_units, 0.025), abs=0.03)
    assert high == pytest.approx(np.quantile(by_units, 0.975), abs=0.03)


@pytest.mark.parametrize(("value", "words"), [
    (0.81, "almost perfect"), (0.80, "substantial"), (0.61, "substantial"), (0.60, "moderate"),
    (0.41, "moderate"), (0.21, "fair"), (0.20, "slight"), (0.0, "slight"), (-0.1, "poor"),
])
def test_kappa_is_read_by_landis_and_koch(value: float, words: str) -> None:
    assert kappa_reading(value) == words


def test_lights_kappa_says_how_many_pairs_were_undefined() -> None:
    # A 0000, B 0000, C 1000: A–B never vary (kappa undefined); A–C and B–C: p_o = 3/4, p_e = (0·1 + 4·3)/16
    # = 3/4, kappa 0.  Light's kappa = mean(0, 0) = 0 over 2 of 3 pairs.
    x = np.array([[0, 0, 1], [0, 0, 0], [0, 0, 0], [0, 0, 0]], float)
    report = agreement_report(ReliabilityData.from_array(x[None], ["X"], ["A", "B", "C"]))
    row = report.codes[0]
    assert row.kappa == pytest.approx(0.0) and row.kappa_pairs_undefined == 1
    assert row.to_json()["kappa_pairs_undefined"] == 1
    assert report.overall_pooled.kappa_pairs_undefined == 1
    assert "1 of 3 coder pairs undefined and left out" in methods_paragraph(report)
