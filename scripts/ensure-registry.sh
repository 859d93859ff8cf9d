#!/usr/bin/env bash
# Makes the OCI distribution registry available for the image preflight's tests
# (test/services/registry.ts): uses /usr/bin/docker-registry or one on PATH, else installs Debian's
# docker-registry package (the CNCF distribution registry) without starting the service it ships;
# each test run starts its own registry on a free loopback port. The basic-auth tests always need
# the binary, so REGISTRY_URL does not make it optional.
set -euo pipefail
if [ -x /usr/bin/docker-registry ] || command -v docker-registry >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/install-debian-package.sh" docker-registry "the OCI registry docker-registry"
# The package's service would listen on :5000; the tests start their own on free ports and never use it.
test -x /usr/bin/docker-registry
