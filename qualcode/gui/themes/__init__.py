"""The theme board: suggested themes the researcher edits, then accepts in one undoable step.

* :mod:`.board_model` — :class:`ThemeBoardModel`, the edited suggestion (moves, renames,
  splits, merges, rejections, recurrence);
* :mod:`.suggest_dialog` — what to group, how, and the background run;
* :mod:`.board_view`, :mod:`.theme_map`, :mod:`.recurrence_view` — the board's widgets;
* :mod:`.board_dialog` — the window that holds them and Accept.
"""
