#!/usr/bin/env bash
# The end-to-end tests drive Debian's own Chromium and Firefox ESR; nothing downloads a browser of
# its own. Installs whichever package is missing (needs root, or sudo without a password):
#   chromium-l10n       Chromium's Chinese UI, so a test can see the popup follow the browser's language
#   firefox-esr-l10n-zh-cn  Firefox's Chinese language pack, for the accessibility checks in Chinese
#   fonts-wqy-microhei  a small CJK font, so screenshots show Chinese rather than empty boxes
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for package in chromium chromium-l10n firefox-esr firefox-esr-l10n-zh-cn fonts-wqy-microhei; do
  installed "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages for the end-to-end tests: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  echo "Missing ${missing[*]}: install them with 'apt-get install ${missing[*]}' as root." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
