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
