#!/usr/bin/env bash
# Debian packages intkommun needs beyond Python: installs what is missing.
#   runtime – WeasyPrint's Pango and HarfBuzz, fonts, gettext
#   test    – also chromium (browser tests) and poppler-utils (PDF checks)
set -euo pipefail
set_name="${1:-test}"

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra gettext)
if [ "$set_name" = "test" ]; then
  packages+=(chromium poppler-utils)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installerar Debianpaket som saknas: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Kör som root, eller installera dem själv: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
