#!/usr/bin/env bash
# Make sure a Python >= 3.11 with venv support is there; install it on Debian/Ubuntu when root.
set -euo pipefail
py="${1:-python3}"
if ! command -v "$py" >/dev/null 2>&1; then
  echo "qualcode needs Python 3.11 or newer ($py not found)." >&2
  echo "  On Debian/Ubuntu: sudo apt-get install -y python3 python3-venv" >&2
  exit 1
fi
"$py" - <<'PYEOF' || { echo "qualcode needs Python 3.11 or newer; $py is older." >&2; exit 1; }
import sys
raise SystemExit(0 if sys.version_info >= (3, 11) else 1)
PYEOF
if ! "$py" -c "import ensurepip, venv" >/dev/null 2>&1; then
  ver=$("$py" -c 'import sys; print(f"{sys.version_info.major}.{sys.version_info.minor}")')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Python's venv module (python${ver}-venv, apt-get)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${ver}-venv" >/dev/null
  else
    echo "Python's venv module is missing. Run:  sudo apt-get install -y python${ver}-venv" >&2
    exit 1
  fi
fi
