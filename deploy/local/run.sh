#!/usr/bin/env bash
# Runs the whole validator stack on this machine, each part on loopback, and stops all of it on Ctrl-C (or as soon as
# any part exits):
#
#   Postgres    127.0.0.1:LOOSH_PG_PORT (55432), data kept in .local/postgres
#   chain       a real subtensor runtime under chopsticks on ws://127.0.0.1:LOOSH_CHAIN_PORT (9944): NETUID laid out
#               with our hotkey at uid 0 (validator permit) and the devnet miners after it with their loopback axons
#   devnet      simulated miners and a simulated Challenge API on 127.0.0.1:LOOSH_DEVNET_API_PORT (8080) that sends a
#               challenge every LOOSH_CHALLENGE_SECONDS (15) s, pushed or queued for a pull as CHALLENGE_MODE says
#   validator   one silo in local mode, HTTP API on API_PORT (8000)
#
# The rule for real endpoints: settings come from the environment and ./.env, and whatever the operator configured
# there is used instead of its stand-in:
#   DATABASE_URL or DATABASE_CONNECTION_STRING            no local Postgres
#   SUBTENSOR_ADDRESS, or SUBTENSOR_NETWORK other than local  no chopsticks chain
#   CHALLENGE_API_URL                                     no simulated Challenge API
#   WALLET_PATH or WALLET_NAME                            their wallet; otherwise a dev wallet is created once in
#                                                         .local/wallets (random key, kept between runs, never committed)
# LOOSH_DEVNET=off starts no chain and no devnet at all. While a devnet part runs, the schedule is shortened for a
# demo (weights every 120 s, 20 s challenge timeout, 10 s reminder minimum); any of those set by the operator wins.
#
# The chain needs subtensor's raonet.json chain spec (a spec-218 runtime): LOOSH_CHAIN_SPEC, else .local/chain/raonet.json,
# else it is downloaded once from the subtensor repository (checked against its SHA-256). Without it the chain is
# skipped with a message. The first run also installs chopsticks with npm (tests/chopsticks), which takes minutes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
source deploy/local/lib.sh
require_dotnet

pg_port=${LOOSH_PG_PORT:-55432}
pg_dir="$root/.local/postgres"
chain_port=${LOOSH_CHAIN_PORT:-9944}
api_port=${LOOSH_DEVNET_API_PORT:-8080}
logs="$root/.local/logs"
chain_spec_url=https://raw.githubusercontent.com/opentensor/subtensor/e2b8367b8be2d9ce60ae5858c49138fa05f44a68/scripts/specs/raonet.json
chain_spec_sha256=bb2c7e34390f8fb5032750cc7d80d23f91a47f56fdebf4c35a24c7938b96c57c

cleanup() {
  local status=$?
  trap - INT TERM EXIT
  stop_children
  if [ -n "$pg_dir" ]; then pg_stop "$pg_dir" fast || true; fi
  echo "Stopped."
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

devnet_chain=on devnet_api=on chain_missing=""
if [ "${LOOSH_DEVNET:-on}" = off ]; then
  devnet_chain=off devnet_api=off
fi
network=$(setting SUBTENSOR_NETWORK)
if [ -n "$(setting SUBTENSOR_ADDRESS)" ] || { [ -n "$network" ] && [ "$network" != local ]; }; then
  devnet_chain=off
fi
if [ -n "$(setting CHALLENGE_API_URL)" ]; then devnet_api=off; fi

# The chain spec, found or fetched before anything starts, so a missing one is reported up front.
chain_spec=${LOOSH_CHAIN_SPEC:-$root/.local/chain/raonet.json}
if [ "$devnet_chain" = on ] && [ ! -f "$chain_spec" ] && [ -z "${LOOSH_CHAIN_SPEC:-}" ]; then
  echo "Downloading subtensor's raonet.json chain spec (1.7 MB, once)..."
  mkdir -p "$(dirname "$chain_spec")"
  if curl -fsSL --max-time 120 -o "$chain_spec.part" "$chain_spec_url" \
     && echo "$chain_spec_sha256  $chain_spec.part" | sha256sum -c --quiet - 2>/dev/null; then
    mv "$chain_spec.part" "$chain_spec"
  else
    rm -f "$chain_spec.part"
  fi
fi
if [ "$devnet_chain" = on ] && [ ! -f "$chain_spec" ]; then
  echo "warning: no subtensor chain spec at $chain_spec and it could not be downloaded from $chain_spec_url." >&2
  echo "warning: the chain is skipped: the validator will find no miners and set no weights. Put raonet.json there" >&2
  echo "warning: (or set LOOSH_CHAIN_SPEC to it), or set SUBTENSOR_ADDRESS to a real node." >&2
  devnet_chain=off chain_missing=yes
  export SUBTENSOR_NETWORK=local SUBTENSOR_ADDRESS="ws://127.0.0.1:$chain_port"
fi

echo "Building the validator and the devnet..."
dotnet build silo/Loosh.Silo.csproj -c Release -v quiet -nologo -clp:ErrorsOnly
if [ "$devnet_chain$devnet_api" != offoff ]; then
  dotnet build devnet/Loosh.Devnet.csproj -c Release -v quiet -nologo -clp:ErrorsOnly
fi
if [ "$devnet_chain" = on ] && [ ! -x tests/chopsticks/node_modules/.bin/chopsticks ]; then
  command -v npm >/dev/null || { echo "error: Node.js and npm are required for the chopsticks chain" >&2; exit 1; }
  echo "Installing chopsticks (npm ci in tests/chopsticks; the first time takes a few minutes)..."
  npm ci --prefix tests/chopsticks --no-audit --no-fund --loglevel=error >/dev/null
fi
mkdir -p "$logs"

# A database configured in the environment or .env wins; otherwise the project-local Postgres is used.
if [ -n "$(setting DATABASE_URL)$(setting DATABASE_CONNECTION_STRING)" ]; then
  echo "Using the database configured in the environment or .env."
  pg_dir=""
else
  echo "Starting Postgres on 127.0.0.1:$pg_port (data in .local/postgres)..."
  pg_start "$pg_dir" "$pg_port"
  pg_ensure_database "$pg_port" loosh
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/loosh"
fi

# The validator's wallet: the operator's when configured, else the dev wallet the devnet creates on first use.
if [ -z "$(setting WALLET_PATH)$(setting WALLET_NAME)" ]; then
  export WALLET_PATH="$root/.local/wallets" WALLET_NAME=devnet HOTKEY_NAME=validator
fi
wallet_args=(--wallet-path "$(setting WALLET_PATH)" --wallet-name "$(setting WALLET_NAME)")
[ -z "$(setting HOTKEY_NAME)" ] || wallet_args+=(--hotkey-name "$(setting HOTKEY_NAME)")
[ "$(setting WALLET_PATH)" != "$root/.local/wallets" ] || wallet_args+=(--create-wallet)
if [ -z "${HOTKEY_PASSWORD:-}" ] && [ -n "$(setting HOTKEY_PASSWORD)" ]; then
  export HOTKEY_PASSWORD="$(setting HOTKEY_PASSWORD)"  # the devnet reads the hotkey too, from the environment only
fi

if [ "$devnet_chain" = on ]; then
  if port_open "$chain_port"; then echo "error: port $chain_port is in use; set LOOSH_CHAIN_PORT" >&2; exit 1; fi
  echo "Starting the chain (chopsticks) on ws://127.0.0.1:$chain_port (log: .local/logs/chopsticks.log)..."
  start_child "$logs/chopsticks.log" tests/chopsticks/node_modules/.bin/chopsticks --chain-spec "$chain_spec" \
    --host 127.0.0.1 --port "$chain_port" --build-block-mode Instant
  wait_until 180 "${children[-1]}" "chopsticks (see .local/logs/chopsticks.log)" port_open "$chain_port"
  export SUBTENSOR_NETWORK=local SUBTENSOR_ADDRESS="ws://127.0.0.1:$chain_port"
fi

if [ "$devnet_chain$devnet_api" != offoff ]; then
  # Demo timings; the operator's values (environment or .env) win.
  default_setting WEIGHTS_INTERVAL_SECONDS 120
  default_setting REMINDER_MINIMUM_PERIOD_SECONDS 10
  default_setting CHALLENGE_TIMEOUT_SECONDS 20
  default_setting CHALLENGE_INTERVAL_SECONDS 15
  default_setting API_HOST 127.0.0.1
  api_url="http://127.0.0.1:$(setting API_PORT | grep . || echo 8000)/"
  mode=$(setting CHALLENGE_MODE | tr '[:upper:]' '[:lower:]')
  devnet_args=(--miners "${LOOSH_DEVNET_MINERS:-7}" "${wallet_args[@]}")
  if [ "$devnet_chain" = on ]; then
    devnet_args+=(--chain "$SUBTENSOR_ADDRESS" --netuid "$(setting NETUID | grep . || echo 78)")
  fi
  if [ "$devnet_api" = on ]; then
    if port_open "$api_port"; then echo "error: port $api_port is in use; set LOOSH_DEVNET_API_PORT" >&2; exit 1; fi
    devnet_args+=(--api-port "$api_port" --feed "${mode:-push}" --feed-seconds "${LOOSH_CHALLENGE_SECONDS:-15}" --validator-url "$api_url")
  fi
  echo "Starting the devnet (log: .local/logs/devnet.log)..."
  start_child "$logs/devnet.log" dotnet devnet/bin/Release/net10.0/Loosh.Devnet.dll "${devnet_args[@]}"
  wait_until 120 "${children[-1]}" "the devnet (see .local/logs/devnet.log)" grep -q '^running; Ctrl-C stops' "$logs/devnet.log"
  hotkey=$(sed -nE 's/^wallet .* hotkey ([1-9A-HJ-NP-Za-km-z]+)$/\1/p' "$logs/devnet.log")
  if [ "$devnet_api" = on ]; then
    api_hotkey=$(sed -nE 's/^challenge-api .* hotkey ([1-9A-HJ-NP-Za-km-z]+)$/\1/p' "$logs/devnet.log")
    export CHALLENGE_API_URL="http://127.0.0.1:$api_port"
    # The simulated Challenge API may push challenges, besides any Challenge API hotkeys the operator listed.
    CHALLENGE_API_HOTKEYS=$(setting CHALLENGE_API_HOTKEYS)
    export CHALLENGE_API_HOTKEYS="${CHALLENGE_API_HOTKEYS:+$CHALLENGE_API_HOTKEYS,}$api_hotkey"
  fi
fi

export SILO_MODE=local
api_url="http://127.0.0.1:$(setting API_PORT | grep . || echo 8000)"
echo "Starting the validator in local mode..."
start_child - dotnet silo/bin/Release/net10.0/Loosh.Silo.dll
wait_until 180 "${children[-1]}" "the validator" curl -fs -o /dev/null "$api_url/availability/health"

echo
echo "Everything runs (Ctrl-C stops it all):"
echo "  validator API   $api_url   (try: curl $api_url/stats)"
if [ "$devnet_api" = on ]; then
  echo "  Challenge API   $CHALLENGE_API_URL (simulated; a challenge every ${LOOSH_CHALLENGE_SECONDS:-15} s; what it received: curl $CHALLENGE_API_URL/_devnet/received)"
else
  echo "  Challenge API   $(setting CHALLENGE_API_URL | grep . || echo 'http://localhost:8080 (the default)')"
fi
if [ "$devnet_chain" = on ]; then
  echo "  chain           $SUBTENSOR_ADDRESS (chopsticks, netuid $(setting NETUID | grep . || echo 78))"
else
  echo "  chain           $(setting SUBTENSOR_ADDRESS | grep . || echo "network $(setting SUBTENSOR_NETWORK | grep . || echo finney)")${chain_missing:+ (not started: no chain spec)}"
fi
echo "  wallet hotkey   ${hotkey:-see loosh wallet} ($(setting WALLET_PATH)/$(setting WALLET_NAME))"
echo "  database        ${DATABASE_URL:-configured in the environment or .env}"
echo "  logs            .local/logs (chopsticks.log, devnet.log); the validator logs here"
echo

wait -n "${children[@]}" || exit $?
echo "A part of the stack exited; stopping the rest." >&2
exit 1
