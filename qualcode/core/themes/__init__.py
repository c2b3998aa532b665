"""Codes and themes: the codebook and its hierarchy, suggestions, accepting them, and the
theme board's model.

* :mod:`.codes`, :mod:`.roles` — the codebook;
* :mod:`.clustered` — what a suggestion groups (emergent themes, segments, answers): one vocabulary
  for ``qualcode suggest --items`` and the Suggest themes dialog;
* :mod:`.suggestions` (with :mod:`.embedding_cache`) — suggested themes and codes;
* :mod:`.board` (with :mod:`.cards`) — the theme board: cards, themes, sub-themes and the
  researcher's edits, Qt-free; :mod:`.recurrence` — the one recurrence rule;
* :mod:`.accept` — applying an accepted suggestion as one undoable step.
"""
