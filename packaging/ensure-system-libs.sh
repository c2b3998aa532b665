#!/usr/bin/env bash
# Qt's system libraries: install what is missing (as root on Debian/Ubuntu),
# otherwise print the exact apt-get line.  "test" covers offscreen tests;
# "run" adds what a real window on X11 needs.
set -euo pipefail
mode="${1:-test}"
# library file -> Debian package
declare -A libs=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libxkbcommon.so.0]=libxkbcommon0
  [libfontconfig.so.1]=libfontconfig1 [libglib-2.0.so.0]=libglib2.0-0 [libdbus-1.so.3]=libdbus-1-3
  [libfreetype.so.6]=libfreetype6
)
if [ "$mode" = run ]; then
  libs+=(
    [libxcb-cursor.so.0]=libxcb-cursor0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
    [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
    [libxcb-image.so.0]=libxcb-image0 [libxcb-render-util.so.0]=libxcb-render-util0
    [libxcb-shape.so.0]=libxcb-shape0 [libxcb-randr.so.0]=libxcb-randr0 [libX11-xcb.so.1]=libx11-xcb1
  )
fi
missing=()
# ldconfig -p lists "<TAB>libGL.so.1 (libc6,x86-64) => /usr/lib/...": read it once, match whole names.
known=$(ldconfig -p 2>/dev/null | awk '{print $1}')
for lib in "${!libs[@]}"; do
  grep -qxF "$lib" <<<"$known" || missing+=("${libs[$lib]}")
done
fonts=$(fc-list 2>/dev/null | head -n 1 || true)
[ -n "$fonts" ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing the system libraries Qt needs (${missing[*]}, apt-get)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Qt needs these system libraries. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
