#!/usr/bin/env bash
# Shows the cluster on one machine: two silos in cluster mode and a separate gateway (an Orleans client serving
# the HTTP API on API_PORT, default 8000), all meeting through the Postgres membership table.
#
#   ./deploy/local/cluster.sh           run until Ctrl-C
#   ./deploy/local/cluster.sh --check   run a scripted check (a challenge in, a silo killed, the API still
#                                       answering, the dead silo marked in the table), then stop everything
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/lib.sh
require_dotnet

check=false
[ "${1:-}" = "--check" ] && check=true

pg_port=${LOOSH_PG_PORT:-55432}
pg_dir="$root/.local/postgres"
api_port=${API_PORT:-8000}
logs="$root/.local/cluster-logs"
pids=()

cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$pg_dir" fast || true
  echo "Stopped. Logs are in .local/cluster-logs/."
}
trap cleanup INT TERM EXIT

echo "Building the silo and the gateway..."
dotnet build silo/Loosh.Silo.csproj -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null

pg_start "$pg_dir" "$pg_port"
# A fresh database each time, so the membership table shows only this run.
PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'DROP DATABASE IF EXISTS loosh_cluster WITH (FORCE)' postgres >/dev/null
pg_ensure_database "$pg_port" loosh_cluster
mkdir -p "$logs"

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/loosh_cluster"
export ORLEANS_CLUSTER_ID=local-cluster SILO_ADVERTISED_IP=127.0.0.1 API_HOST=127.0.0.1
export ADMIN_API_KEY=${ADMIN_API_KEY:-local-cluster-admin}

start_silo() {  # start_silo N: silo N on silo port 11110+N, gateway port 29999+N, liveness on 8100+N
  SILO_MODE=cluster SILO_PORT=$((11110 + $1)) GATEWAY_PORT=$((29999 + $1)) API_PORT=$((8100 + $1)) \
    dotnet silo/bin/Release/net10.0/Loosh.Silo.dll >"$logs/silo$1.log" 2>&1 &
  pids+=($!)
  echo "silo $1: pid $!, silo port $((11110 + $1)), gateway port $((29999 + $1))"
}

wait_for() {  # wait_for URL SECONDS
  for _ in $(seq 1 "$2"); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "error: $1 did not answer within $2 s" >&2; return 1
}

members() {
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d loosh_cluster -c \
    "SELECT address, port, proxy_port, CASE status WHEN 3 THEN 'Active' WHEN 6 THEN 'Dead' ELSE status::text END AS status, silo_name FROM orleans_silo ORDER BY port"
}

start_silo 1
wait_for "http://127.0.0.1:8101/alive" 60
start_silo 2
wait_for "http://127.0.0.1:8102/alive" 60

API_PORT=$api_port dotnet api-gateway/bin/Release/net10.0/Loosh.ApiGateway.dll >"$logs/gateway.log" 2>&1 &
pids+=($!)
echo "gateway: pid $!, API on http://127.0.0.1:$api_port"
wait_for "http://127.0.0.1:$api_port/availability/health" 90
members

if ! $check; then
  echo "Cluster is up. Try: curl http://127.0.0.1:$api_port/availability/health   (Ctrl-C stops everything)"
  wait "${pids[@]}"
  exit 0
fi

echo "--- check: a challenge through the gateway"
curl -sf -X POST "http://127.0.0.1:$api_port/challenges" -H 'Content-Type: application/json' \
  -d '{"id": "cluster-check-1", "prompt": "What is 2 + 2?"}'
echo
echo "--- check: kill silo 1 (SIGKILL) and keep using the API"
kill -9 "${pids[0]}"
ok=false
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$api_port/challenges/cluster-check-1" >/dev/null; then ok=true; break; fi
  sleep 1
done
$ok || { echo "error: the API did not recover after killing silo 1" >&2; exit 1; }
curl -sf "http://127.0.0.1:$api_port/stats"; echo
for _ in $(seq 1 60); do
  dead=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d loosh_cluster -Atc "SELECT count(*) FROM orleans_silo WHERE status = 6")
  [ "$dead" = "1" ] && break
  sleep 1
done
members
[ "$dead" = "1" ] || { echo "error: the killed silo was not declared dead" >&2; exit 1; }
echo "Cluster check passed."
