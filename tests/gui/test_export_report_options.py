"""The export dialogs offer the report authors' options of issue #12 (non-answers, order, citing, sections)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import sample_fixture

pytestmark = pytest.mark.gui

survey = sample_fixture("survey")


def test_the_quote_dialog_cites_by_an_attribute_in_sections(qtbot, survey) -> None:
    from qualcode.gui.export.options_form import ReportOptionsForm
    from qualcode.reports.registry import report

    form = ReportOptionsForm(survey, report("quotes"))
    qtbot.addWidget(form)
    form.cite.setCurrentIndex(form.cite.findData("role_group"))
    form.sections_by.setCurrentIndex(form.sections_by.findData("region"))
    form.numbered.setChecked(True)
    form.count_non_answers.setChecked(True)
    o = form.options()
    assert (o.cite, o.sections_by, o.numbered, o.count_non_answers) == (["role_group"], "region", True, True)


def test_the_prevalence_dialog_orders_as_in_the_codebook(qtbot, survey) -> None:
    from qualcode.gui.export.options_form import ReportOptionsForm
    from qualcode.reports.registry import report

    form = ReportOptionsForm(survey, report("prevalence"))
    qtbot.addWidget(form)
    assert form.options().order == "prevalence" and form.options().count_non_answers is False
    form.order.setCurrentIndex(form.order.findData("codebook"))
    assert form.options().order == "codebook"


def test_the_code_sheet_dialog_can_carry_the_answers(qtbot, survey) -> None:
    from qualcode.gui.export.options_form import ReportOptionsForm
    from qualcode.reports.registry import report

    form = ReportOptionsForm(survey, report("code-sheet"))
    qtbot.addWidget(form)
    form.answers.setChecked(True)
    assert form.options().answers is True
