#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the store tests (and local experiments):
#   scripts/pg-test-cluster.sh start [DIR] [PORT]   → prints the URL to export as TRAJET_TEST_POSTGRES_URL
#   scripts/pg-test-cluster.sh stop  [DIR]          → stops it and deletes DIR
# Trust authentication on 127.0.0.1 only: never point it at anything but a scratch directory.
# fsync is off (tests need no durability) unless PG_DURABLE=1 (benchmarks compare with a durable SQLite).
set -euo pipefail
action="${1:-}"
dir="${2:-${TMPDIR:-/tmp}/trajet-pg-test}"
port="${3:-54329}"

bin_dir() {
    # Debian keeps the server programs out of PATH, one directory per major version: take the newest.
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$found" ] && command -v pg_ctl >/dev/null 2>&1; then
        found="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    fi
    [ -n "$found" ] || { echo "PostgreSQL server programs not found (apt-get install postgresql)" >&2; exit 1; }
    echo "$found"
}

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    bin="$(bin_dir)"
    if [ -f "$dir/data/postmaster.pid" ]; then
        echo "postgres://trajet@127.0.0.1:$port/trajet?sslmode=disable"
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$dir"
        runuser -u postgres -- test -w "$dir" || {
            echo "the postgres user cannot reach $dir (a parent directory is private): choose another DIR" >&2
            exit 1
        }
    fi
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=trajet --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Loopback TCP only, no Unix socket in a system directory; more connections than the tests' pools use.
    durability="-c fsync=off"
    [ "${PG_DURABLE:-0}" != 1 ] || durability=""
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c max_connections=200 $durability" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" --host=127.0.0.1 --port="$port" --username=trajet trajet
    echo "postgres://trajet@127.0.0.1:$port/trajet?sslmode=disable"
    ;;
stop)
    bin="$(bin_dir)"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop [DIR] [PORT]" >&2
    exit 64
    ;;
esac
