"""Keeping the project file safe: checks before opening it, and automatic backups.

* :mod:`~qualcode.core.safety.opening` — what a file is, looked at without
  writing to it: another program's database, an empty file, a damaged or a
  read-only project.
* :mod:`~qualcode.core.safety.backups` — rotating copies beside the project
  (``Study.qualcode-backups/``), taken before every bulk operation and every
  ten minutes of editing, and listed by ``qualcode backups``.
* :mod:`~qualcode.core.safety.restore` — a backup back into use, as a new
  file (or over the project, when asked, after a backup of it).
"""
