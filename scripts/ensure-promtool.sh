#!/usr/bin/env bash
# Makes promtool available for the alert tests and `validate`: uses the one on PATH, else installs
# Debian's prometheus package (promtool is in it) without starting the Prometheus service it ships.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "promtool is missing and apt-get is not available: install Prometheus's promtool and put it on PATH" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
# policy-rc.d 101: packages may not start services while this runs.
had_policy=0
if [ -e /usr/sbin/policy-rc.d ]; then had_policy=1; fi
if [ "$had_policy" = "0" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d; fi
trap 'if [ "$had_policy" = "0" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi' EXIT
echo "installing promtool (Debian package prometheus)..." >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# In case an init system started it anyway: only promtool is wanted.
$SUDO pkill -x prometheus >/dev/null 2>&1 || true
command -v promtool >/dev/null
