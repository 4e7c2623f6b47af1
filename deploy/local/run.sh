#!/usr/bin/env bash
# Runs the validator on this machine: a project-local Postgres (kept in .local/postgres between runs), the
# schema, and one silo in local mode serving the HTTP API on API_PORT (default 8000). Ctrl-C stops everything.
#
# Settings come from the environment and ./.env (see README.md). DATABASE_URL defaults to the local Postgres.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/lib.sh
require_dotnet

pg_port=${LOOSH_PG_PORT:-55432}
pg_dir="$root/.local/postgres"
silo_pid=""

cleanup() {
  trap - INT TERM EXIT
  if [ -n "$silo_pid" ] && kill -0 "$silo_pid" 2>/dev/null; then
    kill -TERM "$silo_pid" 2>/dev/null || true
    wait "$silo_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir" fast || true; fi
  echo "Stopped."
}
trap cleanup INT TERM EXIT

echo "Building the validator..."
dotnet build silo/Loosh.Silo.csproj -c Release -v quiet -nologo -clp:ErrorsOnly

# A database configured in the environment or .env wins; otherwise the project-local Postgres is used.
if [ -n "${DATABASE_URL:-}${DATABASE_CONNECTION_STRING:-}" ] \
   || { [ -f .env ] && grep -qE '^[[:space:]]*(export[[:space:]]+)?(DATABASE_URL|DATABASE_CONNECTION_STRING)=.' .env; }; then
  echo "Using the database configured in the environment or .env."
  pg_dir=""
else
  echo "Starting Postgres on 127.0.0.1:$pg_port (data in .local/postgres)..."
  pg_start "$pg_dir" "$pg_port"
  pg_ensure_database "$pg_port" loosh
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/loosh"
fi

export SILO_MODE=local
echo "Starting the validator in local mode (Ctrl-C stops it)..."
dotnet silo/bin/Release/net10.0/Loosh.Silo.dll &
silo_pid=$!
set +e
wait "$silo_pid"
status=$?
set -e
silo_pid=""
exit "$status"
