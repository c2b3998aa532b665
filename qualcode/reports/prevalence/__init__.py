"""Prevalence: how many respondents raised each theme and code, per group.

:mod:`.counts` counts in the database; :mod:`.table` lays the counts out as the
report (and chart) that goes in a commissioned report.
"""
