#!/usr/bin/env bash
# Installs the system packages Clout builds against, only those that are missing.
# Debian/Ubuntu: libsqlite3-dev (store), libgraphviz-dev (map rendering through libgvc),
# libsimdjson-dev (JSON ingest; Debian 12 ships 3.0.1), zlib1g-dev (gzip input),
# fonts-noto-color-emoji (emoji in PNG and PDF maps: without it pango draws empty boxes),
# chromium (scripts/browser-test.sh opens `clout report` pages headless).
set -euo pipefail

packages=(libsqlite3-dev libgraphviz-dev libsimdjson-dev zlib1g-dev pkg-config fonts-noto-color-emoji)
packages+=(chromium)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing system packages: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >&2
