#!/usr/bin/env bash
# Open the app; with no display, run it on a virtual one (xvfb-run) and say so.
set -euo pipefail
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing a virtual screen to show the app on (xvfb, apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth >/dev/null
  else
    echo "No display. Run qualcode on a desktop, or install a virtual one:" >&2
    echo "  sudo apt-get install -y xvfb xauth" >&2
    exit 1
  fi
fi
echo "No display found: running qualcode on a virtual screen (xvfb-run). Press Ctrl+C to stop."
exec xvfb-run -a -s "-screen 0 1600x1000x24" "$@"
