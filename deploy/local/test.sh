#!/usr/bin/env bash
# Runs the whole test suite: starts a throwaway Postgres (removed afterwards), builds the solution, runs every
# test project, and ends with one line "N passed, N failed, N skipped". Extra arguments go to `dotnet test`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/lib.sh
require_dotnet

pg_port=${LOOSH_TEST_PG_PORT:-55433}
work=$(mktemp -d)
chmod 755 "$work"  # the postgres user must reach its data folder inside
cleanup() {
  pg_stop "$work/pg" immediate || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Starting a throwaway Postgres on 127.0.0.1:$pg_port..."
# Durability is pointless for throwaway data; max_connections leaves room for parallel test clusters.
pg_start "$work/pg" "$pg_port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
export LOOSH_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

# Node tools the tests use as independent implementations or real runtimes (tests/*/package.json, locked).
for package in tests/*/package.json; do
  [ -f "$package" ] || continue
  command -v npm >/dev/null || { echo "error: Node.js and npm are required for $(dirname "$package")" >&2; exit 1; }
  echo "Installing $(dirname "$package") (npm ci)..."
  npm ci --prefix "$(dirname "$package")" --no-audit --no-fund --loglevel=error >/dev/null
done

echo "Building..."
dotnet build Loosh.Orleans.sln -v quiet -nologo -clp:ErrorsOnly

set +e
dotnet test Loosh.Orleans.sln --no-build -nologo --logger "trx;LogFilePrefix=results" --results-directory "$work/results" "$@" 2>&1 \
  | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e

# Count the outcomes of every test project from its TRX report: the one summary line CI reads.
passed=0 failed=0 skipped=0
for trx in "$work"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value total) - $(value executed)))  # xUnit's skipped tests count as not executed
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the run failed without a failing test (a crashed test host, a build error): never report green
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
