#!/usr/bin/env bash
# CI: a PostgreSQL server for the tests' PostgreSQL variants (storage, services, kill -9).
#
# Installs `postgresql` with apt-get when no server is installed (as root), makes a
# throw-away cluster of its own (not the distribution's), starts it as the `postgres`
# user (root cannot run postgres) listening on 127.0.0.1 only, and creates the tests'
# role and database. It exports nothing: the tests find the server by convention,
#   $CHARGEDESK_TEST_POSTGRES_URL, else
#   postgresql://chargedesk_test:chargedesk_test@127.0.0.1:5432/chargedesk_test
# (tests/template_db.py). Run it again any time: a running server is left as it is.
#
# The cluster is for tests only: fsync and synchronous_commit are off (a crash of the
# server, not of ChargeDesk, may lose data), and autovacuum is off (its workers would
# hold the databases each test drops). Never point a site at it.
set -euo pipefail

PORT="${CHARGEDESK_TEST_POSTGRES_PORT:-5432}"
DATA="${CHARGEDESK_TEST_POSTGRES_DIR:-/var/tmp/chargedesk-test-postgres}"
ROLE=chargedesk_test
PASSWORD=chargedesk_test
DATABASE=chargedesk_test

answers() {
  PGPASSWORD="$PASSWORD" psql -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DATABASE" \
    -tAc 'select 1' >/dev/null 2>&1
}

if command -v psql >/dev/null 2>&1 && answers; then
  echo "postgres.sh: the test server already answers on 127.0.0.1:$PORT"
  exit 0
fi

# The server's programs: Debian keeps them outside PATH, under /usr/lib/postgresql/N/bin.
find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN="$(find_bindir)"
    # The package may have started its own cluster on our port: the tests get theirs.
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters -h | awk '$4 == "online" {print $1, $2}' | while read -r version name; do
        pg_ctlcluster "$version" "$name" stop || true
      done
    fi
  else
    echo "postgres.sh: no PostgreSQL server installed and cannot install one (needs root and apt-get)" >&2
    exit 1
  fi
fi

# Root cannot run postgres: run the server's programs as `postgres` when we are root.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$DATA" --shell /bin/sh postgres
  as_server() { su postgres -s /bin/sh -c "$*"; }
  mkdir -p "$DATA"
  chown postgres: "$DATA"
else
  as_server() { sh -c "$*"; }
  mkdir -p "$DATA"
fi
chmod 700 "$DATA"

if [ ! -f "$DATA/PG_VERSION" ]; then
  as_server "'$BIN/initdb' -D '$DATA' -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null"
fi

# 127.0.0.1 only; the unix socket in the data folder (not /var/run, which may not exist).
if ! as_server "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "postgres.sh: another server holds 127.0.0.1:$PORT; stop it, or set" \
      "CHARGEDESK_TEST_POSTGRES_PORT and CHARGEDESK_TEST_POSTGRES_URL" >&2
    exit 1
  fi
  as_server "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -w -t 60 start -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DATA' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c max_connections=300\"" >/dev/null
fi

sql() { as_server "'$BIN/psql' -h '$DATA' -p $PORT -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc \"$1\""; }
if [ "$(sql "select 1 from pg_roles where rolname = '$ROLE'")" != 1 ]; then
  # CREATEDB: each test gets a fresh database copied from a migrated template.
  sql "create role $ROLE login createdb password '$PASSWORD'" >/dev/null
fi
if [ "$(sql "select 1 from pg_database where datname = '$DATABASE'")" != 1 ]; then
  sql "create database $DATABASE owner $ROLE" >/dev/null
fi

answers || { echo "postgres.sh: the server started but does not answer; see $DATA/server.log" >&2; exit 1; }
echo "postgres.sh: PostgreSQL $(sql 'show server_version') answers on 127.0.0.1:$PORT"
