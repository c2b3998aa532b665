#!/usr/bin/env bash
# make package: build the one-folder app (dist/qualcode/) with PyInstaller, say how long it took and
# how big it is, then run its smoke test (tests/packaging) on what was built.
# PyInstaller's own output goes to build/pyinstaller.log; it is shown only when the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
log=build/pyinstaller.log
mkdir -p build
echo "building the app into dist/qualcode/ with PyInstaller — takes a minute or two…"
start=$(date +%s)
if ! "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
     --distpath dist --workpath build/pyinstaller packaging/qualcode.spec >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "PyInstaller failed; its whole output is in $log" >&2
  exit 1
fi
seconds=$(( $(date +%s) - start ))
echo "built dist/qualcode/ in ${seconds} s: $(du -sh dist/qualcode | cut -f1) on disk, $(find dist/qualcode -type f | wc -l) files"
echo "checking the built app (tests/packaging: --version, a screenshot of the sample project, the models)…"
QT_QPA_PLATFORM=offscreen "$py" -m pytest -q -p no:cacheprovider tests/packaging
