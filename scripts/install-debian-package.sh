#!/usr/bin/env bash
# Installs a Debian package for the tests without letting it start the service it ships (a
# policy-rc.d that answers 101 while apt runs): scripts/ensure-*.sh call it when a tool is missing.
#   scripts/install-debian-package.sh <package> <what it provides, for the messages>
set -euo pipefail
package="$1"
provides="$2"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$provides is missing and apt-get is not available: install it by other means" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
had_policy=0
if [ -e /usr/sbin/policy-rc.d ]; then had_policy=1; fi
if [ "$had_policy" = "0" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d; fi
trap 'if [ "$had_policy" = "0" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi' EXIT
echo "installing $provides (Debian package $package)..." >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$package" >/dev/null
