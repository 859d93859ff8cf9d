#!/usr/bin/env bash
# Makes pg_dump and psql available for graph-backup's tests, with the PostgreSQL server binaries of
# pg_dump's own major version: pg_dump refuses a server newer than itself, and the tests' shared
# server is the graph's 16 (embedded-postgres), so graph-backup's tests start a throwaway cluster of
# that version (test/services/dumpable-postgres.ts). Else installs Debian's postgresql package
# without starting the cluster it creates.
set -euo pipefail
major() { pg_dump --version | sed -E 's/^pg_dump \(PostgreSQL\) ([0-9]+).*/\1/'; }
if command -v pg_dump >/dev/null 2>&1 && command -v psql >/dev/null 2>&1 && [ -x "/usr/lib/postgresql/$(major)/bin/postgres" ]; then
  exit 0
fi
bash "$(dirname "$0")/install-debian-package.sh" postgresql "pg_dump, psql and the PostgreSQL server"
command -v pg_dump >/dev/null && [ -x "/usr/lib/postgresql/$(major)/bin/postgres" ]
