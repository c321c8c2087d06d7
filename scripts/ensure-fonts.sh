#!/usr/bin/env bash
# Debian's Noto CJK fonts: the server-side charts (src/desk/charts, resvg) and the browser tests draw Chinese
# with them; without them every character is a box. Idempotent: installs only when missing (needs root).
set -euo pipefail

say() { printf '[fonts] %s\n' "$*"; }
die() { printf '[fonts] ERROR: %s\n' "$*" >&2; exit 1; }

dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' && exit 0

[ "$(id -u)" = 0 ] || die "charts need fonts-noto-cjk, and installing needs root: apt-get install -y fonts-noto-cjk"
say "installing fonts-noto-cjk from Debian (once)"
export DEBIAN_FRONTEND=noninteractive
(apt-get install -y -q fonts-noto-cjk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q fonts-noto-cjk >/dev/null; }) \
  || die "apt-get could not install fonts-noto-cjk"
say "ready"
