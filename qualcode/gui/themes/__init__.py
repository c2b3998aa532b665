"""The theme board: suggested themes the researcher edits, then accepts in one undoable step.

* :mod:`.suggest_themes_dialog` (with :mod:`.theme_suggestion_worker`, the worker's
  plain-Python job) — Analysis → Suggest themes…: what to group, how many sub-themes,
  method, backend;
* :mod:`.board` — the board window: :mod:`.board.signals` (:class:`ThemeBoardModel`, the
  Qt signal of the Qt-free :class:`qualcode.core.themes.board.ThemeBoard`), the widgets
  (:mod:`.board.view`, :mod:`.board.cards`, :mod:`.board.theme_map`,
  :mod:`.board.recurrence_view`) and :mod:`.board.dialog`, the window that holds them, and Accept;
* :mod:`.code_hints` — suggested codes for the selection (hints, applied by a click).
"""
