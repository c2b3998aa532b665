"""Bar charts of prevalence, drawn with matplotlib (imported only when needed).

matplotlib takes a good part of a second to import, so it is loaded on the
first chart, never at start-up, and always with the Agg backend: no window,
no display, the same output on a server as on a laptop.
"""

from __future__ import annotations

import io
import math
import textwrap
import weakref

from qualcode.reports.bases import percent_label
from qualcode.reports.document import BarChart

# Colour-blind-safe (Okabe & Ito), readable in greyscale print in this order.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def _figure(chart: BarChart):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    labels = [textwrap.fill(c, 40) for c in chart.categories]
    groups = list(chart.series)
    n = max(len(groups), 1)
    bar = 0.8 / n
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    slot = max(0.24 * max(1.0, n * 0.6), 0.17 * lines)  # room for the bars and every line of the longest label
    height = max(2.6, slot * len(labels) + 1.3)
    fig = Figure(figsize=(7.2, height), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    positions = range(len(labels))
    for k, group in enumerate(groups):
        ys = [p + (k - (n - 1) / 2) * bar for p in positions]
        bars = ax.barh(ys, chart.series[group], height=bar * 0.92, label=group, color=COLOURS[k % len(COLOURS)])
        # the value on each bar, rounded half up as in the table (62.5 → 63%)
        ax.bar_label(bars, labels=[percent_label(v) for v in chart.series[group]], fontsize=6.5, padding=2)
    ax.set_yticks(list(positions), labels, fontsize=8)
    ax.invert_yaxis()  # the most prevalent at the top, as in the table
    ax.set_xlabel(chart.value_label, fontsize=9)
    top = max((v for vs in chart.series.values() for v in vs), default=0.0)
    ax.set_xlim(0, min(100.0, max(10.0, math.ceil(top * 1.1 / 10) * 10)))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(groups) > 1:
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.set_title(chart.title, fontsize=10, loc="left")
    return fig


_rendered: dict[tuple[int, str, int], bytes] = {}


def render(chart: BarChart, fmt: str, dpi: int = 200) -> bytes:
    """The chart as ``png`` or ``svg`` bytes (SVG with text kept as text).

    Drawing is the slow part of an export (constrained layout), and one
    export needs the same chart two or three times — embedded in the Word
    file, then saved as PNG and SVG — so each result is kept for as long as
    the chart object lives.
    """
    key = (id(chart), fmt, dpi)
    if key not in _rendered:
        import matplotlib

        fig = _figure(chart)
        out = io.BytesIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "qualcode"}):
            fig.savefig(out, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else None)
        if not any(k[0] == id(chart) for k in _rendered):
            weakref.finalize(chart, _forget, id(chart))
        _rendered[key] = out.getvalue()
    return _rendered[key]


def _forget(chart_id: int) -> None:
    for key in [k for k in _rendered if k[0] == chart_id]:
        del _rendered[key]


def inline_svg(chart: BarChart) -> str:
    """The chart as an ``<svg>`` element to paste inside an HTML page."""
    svg = render(chart, "svg").decode("utf-8")
    return svg[svg.index("<svg"):]
