#!/usr/bin/env bash
# System packages the test suite needs beyond Python and node: Debian's Chromium
# (the browser test drives it headless; nothing is downloaded by a test tool).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install Chromium with your package manager (the browser test needs /usr/bin/chromium)" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
