"""``qualcode gui``: open the window (Qt is imported only here, lazily)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the window (optionally on a project)")
    p.add_argument("project", nargs="?")
    p.add_argument("--screenshot", metavar="FILE.png",
                   help="render the main window offscreen, save it as PNG and exit")
    p.add_argument("--document", help="with --screenshot: the document to show (title)")
    p.add_argument("--size", default="1400x860", help="with --screenshot: window size WxH")
    p.set_defaults(run=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from qualcode.io.output import check_output

    if args.screenshot:  # a picture is never saved over the project (or a link to it)
        check_output(args.screenshot, reads=[args.project] if args.project else [])
    from qualcode.gui.app import run

    return run(args.project, screenshot=args.screenshot, document=args.document, size=args.size)
