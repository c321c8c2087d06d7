#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/e2e), and CJK fonts so Chinese text renders instead of boxes.
# Idempotent: installs only what is missing. playwright-core drives /usr/bin/chromium and never downloads a
# browser of its own (this machine's network reaches only package registries).
set -euo pipefail

say() { printf '[chromium] %s\n' "$*"; }
die() { printf '[chromium] ERROR: %s\n' "$*" >&2; exit 1; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

[ "$(id -u)" = 0 ] || die "the browser tests need ${missing[*]}, and installing needs root: apt-get install -y ${missing[*]}"
say "installing ${missing[*]} from Debian (once)"
export DEBIAN_FRONTEND=noninteractive
(apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }) \
  || die "apt-get could not install ${missing[*]}"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is still missing after installing chromium"
say "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
