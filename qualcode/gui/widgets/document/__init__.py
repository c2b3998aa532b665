"""Reading and coding one document: the transcript (or answer) view and the page around it.

The :class:`~qualcode.gui.widgets.document.view.DocumentView` shows one text
block per fixed line; the modules beside it are its parts, each with one job:

* ``positions`` — document offsets (code points) ↔ Qt positions (UTF-16);
* ``coded_spans`` — the codings bucketed by line (plain Python), so one edit
  re-paints only its own lines;
* ``highlighter`` — paints a line: speaker labels, dimmed interviewer turns, coded spans;
* ``line_gutter`` — line numbers and coding stripes; ``tooltips`` — what hovering says;
* ``drag_data`` — a selection dragged onto a code;
* ``page`` — the :class:`~qualcode.gui.widgets.document.page.DocumentPage`: the view
  with its IPA ``margins`` (emergent themes, exploratory notes) and its ``find_bar``.
"""
