#!/usr/bin/env bash
# Makes promtool available for the alert tests and `validate`: uses the one on PATH, else installs
# Debian's prometheus package (promtool is in it) without starting the Prometheus service it ships.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/install-debian-package.sh" prometheus promtool
# In case an init system started it anyway: only promtool is wanted.
if [ "$(id -u)" = "0" ]; then pkill -x prometheus >/dev/null 2>&1 || true; else sudo pkill -x prometheus >/dev/null 2>&1 || true; fi
command -v promtool >/dev/null
