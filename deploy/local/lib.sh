# Shared by run.sh, test.sh and cluster.sh (source it from the repository root): the .NET check and a
# project-local PostgreSQL server on loopback. Uses Debian's PostgreSQL (installed with apt when missing) and
# never touches the system's default cluster.

require_dotnet() {
  command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet not found on PATH)" >&2; exit 1; }
}

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$dir" ]; then
    echo "PostgreSQL is not installed; installing Debian's postgresql package..." >&2
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  [ -n "$dir" ] || { echo "error: could not find or install PostgreSQL server binaries" >&2; return 1; }
  echo "$dir"
}

# Runs a PostgreSQL binary as the owner of the data folder: initdb refuses to run as root.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# pg_start DATA_PARENT PORT [extra postgres options]: creates the cluster on first use, then starts it.
pg_start() {
  local parent=$1 port=$2 extra=${3:-}
  local bin; bin=$(pg_bin_dir) || return 1
  mkdir -p "$parent"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$parent"; fi
  if [ ! -f "$parent/data/PG_VERSION" ]; then
    pg_as_owner "$bin/initdb" -D "$parent/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null || return 1
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$parent/data" status >/dev/null 2>&1; then
    return 0
  fi
  pg_as_owner "$bin/pg_ctl" -D "$parent/data" -l "$parent/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $parent $extra" start >/dev/null || {
      echo "error: PostgreSQL did not start; see $parent/server.log" >&2; tail -5 "$parent/server.log" >&2; return 1; }
}

# pg_stop DATA_PARENT [mode]: stops the server if it runs (mode: fast by default, immediate for throwaway data).
pg_stop() {
  local parent=$1 mode=${2:-fast}
  local bin; bin=$(pg_bin_dir) || return 1
  if pg_as_owner "$bin/pg_ctl" -D "$parent/data" status >/dev/null 2>&1; then
    pg_as_owner "$bin/pg_ctl" -D "$parent/data" -m "$mode" -w stop >/dev/null
  fi
}

# pg_ensure_database PORT NAME: creates the database if it does not exist.
pg_ensure_database() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'" postgres | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" postgres >/dev/null
  fi
}

# setting NAME: the value the validator will see for NAME: the environment's, else the last assignment in ./.env
# (with `export` and surrounding quotes removed); empty when unset.
setting() {
  local name=$1 value=${!1:-}
  if [ -z "$value" ] && [ -f .env ]; then
    value=$(grep -E "^[[:space:]]*(export[[:space:]]+)?$name=" .env | tail -1 \
      | sed -E "s/^[^=]*=//; s/^[[:space:]]+//; s/[[:space:]]+\$//; s/^\"(.*)\"\$/\\1/; s/^'(.*)'\$/\\1/") || true
  fi
  echo "$value"
}

# default_setting NAME VALUE: exports NAME=VALUE unless the environment or .env sets NAME (the operator's value wins).
default_setting() {
  [ -n "$(setting "$1")" ] || export "$1=$2"
}

# Children of run.sh, each the leader of its own process group (setsid), so stopping one stops everything it started
# and a Ctrl-C in the terminal reaches only run.sh, which stops them in reverse order of start.
children=()

# start_child LOG COMMAND...: starts COMMAND in a new session with its output in LOG ("-" keeps the terminal).
start_child() {
  local log=$1; shift
  if [ "$log" = - ]; then
    setsid "$@" </dev/null &
  else
    setsid "$@" </dev/null >"$log" 2>&1 &
  fi
  children+=("$!")
}

# stop_children: TERM to every child's process group, newest first; KILL to a group still there after 20 s.
stop_children() {
  local i pid
  for ((i = ${#children[@]} - 1; i >= 0; i--)); do
    pid=${children[i]}
    kill -TERM -- "-$pid" 2>/dev/null || continue
    for _ in $(seq 1 200); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  children=()
}

port_open() {
  (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_until SECONDS PID WHAT COMMAND...: polls COMMAND every half second until it succeeds; fails when PID exits or
# the time is up, naming WHAT.
wait_until() {
  local seconds=$1 pid=$2 what=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: $what exited before it was ready" >&2; return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "error: $what was not ready within $seconds s" >&2; return 1
    fi
    sleep 0.5
  done
}
