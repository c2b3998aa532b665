"""The theme board: suggested themes the researcher edits, then accepts in one undoable step.

* :mod:`.suggest_dialog` (with :mod:`.suggest_run`, the worker's plain-Python job) —
  Analysis → Suggest themes…: what to group, how many sub-themes, method, backend;
* :mod:`.board_model` — :class:`ThemeBoardModel`, the Qt signal of the Qt-free
  :class:`qualcode.core.themes.board.ThemeBoard` (the edited suggestion: moves, renames,
  splits, merges, rejections, and its recurrence);
* :mod:`.board_view`, :mod:`.cards`, :mod:`.theme_map`, :mod:`.recurrence_view` — the widgets;
* :mod:`.board_dialog` — the window that holds them, and Accept;
* :mod:`.code_hints` — suggested codes for the selection (hints, applied by a click).
"""
