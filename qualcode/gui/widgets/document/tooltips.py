"""What hovering a coded passage says: its codes (colour, coder, lines) and its notes."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from qualcode.core.model import Code, Note
from qualcode.gui.widgets.document.coded_spans import CodedSpan


def describe_spans(spans: list[CodedSpan], notes: Sequence[Note], heading: str,
                   code_lookup: Callable[[int], Code | None], coder_lookup: Callable[[int], str],
                   lines: dict[int, tuple[int, int]]) -> str:
    """Rich text for a tooltip; empty when there is nothing to say."""
    if not spans and not notes:
        return ""
    rows = [f"<b>{html.escape(heading)}</b>"] if heading else []
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        code = code_lookup(s.code_id)
        name = code.name if code else "?"
        first, last = lines.get(s.coding_id, (0, 0))
        where = f"{first}" if first == last else f"{first}–{last}"
        coder = coder_lookup(s.coder_id)
        rows.append(f"<span style='color:{s.colour}'>■</span> {html.escape(name)}"
                    f" <span style='color:#777'>· lines {where}{' · ' + html.escape(coder) if coder else ''}</span>")
    for n in notes:
        text = n.text if len(n.text) < 300 else n.text[:300] + "…"
        rows.append(f"<i>{n.kind.value.capitalize()} note:</i> {html.escape(text)}")
    return "<br>".join(rows)
