"""Agreement between coders: percent agreement, Cohen's kappa, Krippendorff's alpha.

A second analyst codes the same material blind; this module says how far the
coders agree, per code and overall, with every definition stated so that it
can be written into a methods section.

*Presence data* for one code is a float array ``units × coders``: ``1.0`` the
coder applied the code to the unit, ``0.0`` the coder saw the unit and did not,
``NaN`` the coder did not code that unit (missing).  Optional ``weights`` (one
per row) say how many identical units a row stands for: character units use
them, so a run of 10,000 uncoded characters is one row, not 10,000.

Every statistic is computed from a few sums (:class:`PresenceCounts`), so
pooling over codes is adding counts, and no units × units matrix is ever built.
Building presence data from codings lives in
:mod:`qualcode.analysis.agreement.units`; this module turns it into an
:class:`AgreementReport` and a methods-section sentence.
"""


from __future__ import annotations

from qualcode.analysis.agreement.methods import methods_sentence
from qualcode.analysis.agreement.report import (
    AgreementReport,
    CodeAgreement,
    OverallAgreement,
    PairAgreement,
    agreement_report,
)
from qualcode.analysis.agreement.stats import (
    GOOD,
    NO_PAIRS,
    NO_VARIATION,
    TENTATIVE,
    PresenceCounts,
    agreement_from_counts,
    alpha_from_counts,
    as_presence,
    coder_pairs,
    cohen_kappa,
    kappa_from_counts,
    krippendorff_alpha,
    light_kappa,
    pair_agreement,
    pair_kappa,
    patterns,
    percent_agreement,
    presence_counts,
    reading,
    why_not_computable,
)

__all__ = [
    "GOOD", "NO_PAIRS", "NO_VARIATION", "TENTATIVE", "AgreementReport", "CodeAgreement", "OverallAgreement",
    "PairAgreement", "PresenceCounts", "agreement_from_counts", "agreement_report", "alpha_from_counts",
    "as_presence", "coder_pairs", "cohen_kappa", "kappa_from_counts", "krippendorff_alpha", "light_kappa",
    "methods_sentence", "pair_agreement", "pair_kappa", "patterns", "percent_agreement", "presence_counts",
    "reading", "why_not_computable",
]
