#!/usr/bin/env bash
# Install the built app (dist/qualcode/, from `make package`) for one user, like any desktop app:
# the folder, a `qualcode` command, the menu entry, the icon, .qualcode files opening in it, and
# the AppStream metadata software centres read.  No root needed; PREFIX=/usr/local for everyone.
#
#   bash packaging/install-linux.sh             # into ~/.local
#   bash packaging/install-linux.sh --remove    # take it out again
set -euo pipefail
cd "$(dirname "$0")/.."
ID=io.github.qualcode.qualcode
PREFIX="${PREFIX:-$HOME/.local}"
APPDIR="$PREFIX/lib/qualcode"
SHARE="$PREFIX/share"
SIZES="16 24 32 48 64 128 256 512"

remove() {
  rm -rf "$APPDIR"
  rm -f "$PREFIX/bin/qualcode" "$SHARE/applications/$ID.desktop" "$SHARE/metainfo/$ID.metainfo.xml" \
        "$SHARE/mime/packages/$ID.xml" "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
  for s in $SIZES; do rm -f "$SHARE/icons/hicolor/${s}x${s}/apps/$ID.png"; done
}

refresh() {  # menus, file types and icons pick the change up; each tool is optional
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
  command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = --remove ]; then
  remove && refresh
  echo "qualcode removed from $PREFIX (your projects and settings are left alone)."
  exit 0
fi
if [ ! -x dist/qualcode/qualcode ]; then
  echo "dist/qualcode/qualcode is missing: build it first with  make package" >&2
  exit 1
fi
remove
mkdir -p "$APPDIR" "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/mime/packages" \
         "$SHARE/icons/hicolor/scalable/apps"
cp -a dist/qualcode/. "$APPDIR/"
ln -s "$APPDIR/qualcode" "$PREFIX/bin/qualcode"
# The menu may not have ~/.local/bin on its PATH: point the entry at the installed program itself.
sed -e "s|^Exec=qualcode |Exec=$APPDIR/qualcode |" -e "s|^TryExec=qualcode$|TryExec=$APPDIR/qualcode|" \
    "resources/linux/$ID.desktop" > "$SHARE/applications/$ID.desktop"
cp "resources/linux/$ID.metainfo.xml" "$SHARE/metainfo/"
cp "resources/linux/$ID.mime.xml" "$SHARE/mime/packages/$ID.xml"
cp resources/icons/qualcode.svg "$SHARE/icons/hicolor/scalable/apps/$ID.svg"
for s in $SIZES; do
  mkdir -p "$SHARE/icons/hicolor/${s}x${s}/apps"
  cp "resources/icons/qualcode-$s.png" "$SHARE/icons/hicolor/${s}x${s}/apps/$ID.png"
done
refresh
echo "qualcode installed in $APPDIR; it is in your applications menu, and \`qualcode\` runs it from $PREFIX/bin."
