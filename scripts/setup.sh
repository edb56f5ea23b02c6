#!/usr/bin/env bash
# Sets up everything Audit Panel needs on a Debian machine, idempotently:
#   scripts/setup.sh app    Debian packages Qt needs, .venv, the project
#   scripts/setup.sh test   the same, plus what the tests use (Xvfb, PostgreSQL, poppler, LibreOffice Calc and Writer)
# The second run is quick: apt is only called for packages that are missing, pip only when
# pyproject.toml has changed since the last install.
set -euo pipefail
mode=${1:-app}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

qt_debs=(libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
         libxkbcommon0 fonts-dejavu-core xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0
         libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
test_debs=(postgresql poppler-utils xdotool imagemagick libreoffice-calc libreoffice-writer
           fonts-droid-fallback)
debs=("${qt_debs[@]}")
[ "$mode" = test ] && debs+=("${test_debs[@]}")

missing=()
for deb in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing+=("$deb")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi
stamp=.venv/.audit-panel-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing the project and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi
