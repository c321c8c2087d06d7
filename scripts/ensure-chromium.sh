#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/e2e), and CJK fonts (scripts/ensure-fonts.sh) so Chinese text
# renders instead of boxes. Idempotent: installs only what is missing. playwright-core drives /usr/bin/chromium
# and never downloads a browser of its own (this machine's network reaches only package registries).
set -euo pipefail

say() { printf '[chromium] %s\n' "$*"; }
die() { printf '[chromium] ERROR: %s\n' "$*" >&2; exit 1; }

bash "$(dirname "$0")/ensure-fonts.sh"
[ -x /usr/bin/chromium ] && exit 0

[ "$(id -u)" = 0 ] || die "the browser tests need chromium, and installing needs root: apt-get install -y chromium"
say "installing chromium from Debian (once)"
export DEBIAN_FRONTEND=noninteractive
(apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }) \
  || die "apt-get could not install chromium"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is still missing after installing chromium"
say "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
