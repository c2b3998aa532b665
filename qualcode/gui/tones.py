"""Colours that carry meaning, derived from the palette so they read in light and in dark.

A fixed light colour ("a pale yellow notice", "a pale red row") turns into a
bright patch under light text when the window is dark.  Each tone here is a
mix of the palette's own background and text with a hue that says what it
means, so the text on it keeps the palette's contrast; :func:`contrast` is the
WCAG ratio the tests hold them to (4.5 for reading text).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: Hues that say something: good / tentative (a warning) / weak or refused.
HUES = {"good": "#4caf50", "warning": "#f0b400", "bad": "#ed8077", "info": "#4a90d9"}


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QApplication.palette()


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < palette.color(QPalette.ColorRole.Text).lightness()


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``b`` over ``a`` (0: all ``a``, 1: all ``b``)."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount), round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2): how light a colour looks, 0 black to 1 white."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; 4.5 or more reads as body text)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def muted_text(palette: QPalette | None = None) -> QColor:
    """Secondary text (counts, hints): between the text and its background, still ≥ 4.5 contrast."""
    p = _palette(palette)
    return mix(p.color(QPalette.ColorRole.WindowText), p.color(QPalette.ColorRole.Window), 0.4)


def text(palette: QPalette | None = None) -> QColor:
    """The palette's text colour, for text on any of the backgrounds below."""
    return _palette(palette).color(QPalette.ColorRole.Text)


def shade(meaning: str | None = None, palette: QPalette | None = None, strength: float | None = None) -> QColor:
    """A background that says ``meaning`` (a key of :data:`HUES`; None: a neutral panel) under plain text.

    ``strength`` is how much of the hue (or of the text colour, for a neutral
    panel) goes into the background: 0.22 and 0.06 unless given.
    """
    p = _palette(palette)
    base = p.color(QPalette.ColorRole.Base)
    if meaning is None:
        return mix(base, p.color(QPalette.ColorRole.Text), 0.06 if strength is None else strength)
    amount = 0.22 if strength is None else strength
    return mix(base, QColor(HUES[meaning]), amount if not _dark(p) else amount + 0.08)


def ink(meaning: str, palette: QPalette | None = None) -> QColor:
    """Text that says ``meaning`` (green good, red weak…) and still reads on the window's background."""
    p = _palette(palette)
    background, hue = p.color(QPalette.ColorRole.Window), QColor(HUES[meaning])
    toward = p.color(QPalette.ColorRole.WindowText)
    for step in range(11):  # from the pure hue toward the text colour until it reads
        colour = mix(hue, toward, step / 10)
        if contrast(colour, background) >= 4.5:
            return colour
    return toward


def calm_selection(palette: QPalette | None = None) -> QColor:
    """A quiet selected-row colour under the palette's own text: the highlight mixed into the background."""
    p = _palette(palette)
    return mix(p.color(QPalette.ColorRole.Base), p.color(QPalette.ColorRole.Highlight), 0.3)


def css(colour: QColor) -> str:
    """``#rrggbb`` for a style sheet or rich text."""
    return colour.name()


def panel_style(padding: int = 6, meaning: str | None = None) -> str:
    """A style sheet for a boxed note (a methods sentence, a definition): a shade, its text and a border."""
    border = mix(shade(meaning), text(), 0.25)
    return (f"background: {css(shade(meaning))}; color: {css(text())}; padding: {padding}px; "
            f"border: 1px solid {css(border)};")


def muted_style() -> str:
    """A style sheet for secondary text (where a label sits, a hint)."""
    return f"color: {css(muted_text())};"


def notice_style(padding: int = 6) -> str:
    """A style sheet for a warning the researcher must read (the basic name finder's): amber, bordered."""
    return (f"background: {css(shade('warning'))}; color: {css(text())}; "
            f"border: 1px solid {css(shade('warning', strength=0.6))}; padding: {padding}px;")
