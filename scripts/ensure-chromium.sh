#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core; a test tool
# that downloads its own browser cannot work on machines without internet access. This installs
# Debian's package when it is missing (as root, or with password-less sudo), or says exactly
# what to run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's package 'chromium' for the browser tests..."
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Please install it first:  sudo apt-get install chromium" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] && echo "Installed: $(/usr/bin/chromium --version)"
