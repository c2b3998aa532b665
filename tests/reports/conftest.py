"""Sample projects for the report tests (built once per run, copied per test)."""

from __future__ import annotations

from report_samples import sample_fixture

interviews = sample_fixture("interviews")
survey = sample_fixture("survey")
