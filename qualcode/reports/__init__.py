"""Reports researchers hand in, built from a project as plain, format-free data.

Each module builds one report (master table, prevalence, recurrence, quote
table, coded transcript, codebook, code sheet) with pure functions over the
project and lays it out as a :class:`~qualcode.reports.document.ReportDocument`;
:mod:`qualcode.reports.writers` writes that as Word, Excel, CSV or HTML.
:mod:`qualcode.reports.registry` lists them all.  No Qt, no file formats here.
"""
