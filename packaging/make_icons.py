"""Draw qualcode's icon and write every size and format the packages need.

    .venv/bin/python packaging/make_icons.py        # rewrites resources/icons/ (and qualcode/gui/icons/)

The icon is our own drawing, described once below as SVG: a page of
transcript lines, two of them highlighted, with two coding stripes in the
margin beside them — what the app's main view looks like.  Every PNG is
rendered from that SVG with Qt's SVG renderer; Pillow then packs the PNGs
into the Windows ``.ico`` and the macOS ``.icns``.  The outputs are
committed, so building the app does not need this script.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
WINDOW_ICONS = REPO / "qualcode" / "gui" / "icons"  # the window's own icon, shipped inside the package
WINDOW_SIZES = (48, 256)
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)

TEAL = "#1f5f66"
PAGE = "#ffffff"
INK = "#9aa7ad"
AMBER = "#f2b134"
CORAL = "#e0603a"

#: (y, length) of each line of text on the page, in the 256-unit drawing.
LINES = ((70, 92), (96, 100), (122, 84), (148, 100), (174, 96), (200, 60))


def svg() -> str:
    """The icon as an SVG document (256 × 256 units, transparent corners)."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">',
        "<title>qualcode</title>",
        f'<rect x="16" y="16" width="224" height="224" rx="48" fill="{TEAL}"/>',
        f'<rect x="40" y="40" width="140" height="176" rx="14" fill="{PAGE}"/>',
        # Highlighted passages behind lines 2 and 4–5, in the colours of their codes.
        f'<rect x="52" y="88" width="116" height="24" rx="5" fill="{AMBER}" fill-opacity="0.55"/>',
        f'<rect x="52" y="140" width="116" height="50" rx="5" fill="{CORAL}" fill-opacity="0.35"/>',
    ]
    for y, length in LINES:
        parts.append(f'<rect x="60" y="{y}" width="{length}" height="8" rx="4" fill="{INK}"/>')
    parts += [
        # The coding stripes in the margin, one per code, spanning the coded lines.
        f'<rect x="192" y="88" width="16" height="24" rx="8" fill="{AMBER}"/>',
        f'<rect x="192" y="140" width="16" height="50" rx="8" fill="{CORAL}"/>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def render_png(svg_text: str, size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels, as PNG bytes (Qt's renderer, no display needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A QApplication (not the lighter QGuiApplication), so a test session that later needs widgets can reuse it.
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg_text.encode())).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def write_all(out: Path) -> list[Path]:
    """Write the SVG, one PNG per size, the .ico and the .icns into ``out``; the paths written."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    text = svg()
    written = [out / "qualcode.svg"]
    written[0].write_text(text, encoding="utf-8")
    images = {}
    for size in SIZES:
        data = render_png(text, size)
        path = out / f"qualcode-{size}.png"
        path.write_bytes(data)
        written.append(path)
        images[size] = Image.open(io.BytesIO(data)).convert("RGBA")
    # Pillow writes each listed size from the image given; the largest keeps the detail.
    images[256].save(out / "qualcode.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES])
    # macOS wants 512@2x too: drawn at 1024 rather than scaled up.
    big = Image.open(io.BytesIO(render_png(text, 1024))).convert("RGBA")
    big.save(out / "qualcode.icns", append_images=[images[s] for s in ICNS_SIZES])
    written += [out / "qualcode.ico", out / "qualcode.icns"]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS, help=f"folder to write into (default {ICONS})")
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(f"wrote {path}")
    if args.out == ICONS:  # the installed package has no resources/: the window's sizes go beside its code
        WINDOW_ICONS.mkdir(parents=True, exist_ok=True)
        for size in WINDOW_SIZES:
            target = WINDOW_ICONS / f"qualcode-{size}.png"
            target.write_bytes((ICONS / f"qualcode-{size}.png").read_bytes())
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
