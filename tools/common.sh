# Shared by tools/test.sh, tools/demo.sh and bench scripts: install what the
# project needs, build and install the extension, run a throwaway cluster.
# Source it; it defines functions and sets no traps of its own.

PG_MAJOR=15
# PGBIN may name another PostgreSQL 15 build (a relocated copy, say: the
# extension is then installed there and its clusters run from there).
export PGBIN=${PGBIN:-/usr/lib/postgresql/$PG_MAJOR/bin}
PACKAGES="make gcc postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-$PG_MAJOR-postgis-3 postgresql-$PG_MAJOR-pgtap"
# What the tests need besides: a BI tool's path to the views (ODBC); the
# standard GIS tools (shp2pgsql, ogr2ogr, ogrinfo), an SVG renderer, xxd and
# Python for test/shell/spatial_files.sh; Chromium and a CJK font for the
# report's screenshot (test/shell/report.sh).
TEST_PACKAGES="unixodbc unixodbc-dev odbc-postgresql postgis gdal-bin librsvg2-bin xxd python3 chromium fonts-wqy-microhei"

say() { printf '==> %s\n' "$*" >&2; }

# Install the Debian packages that are missing (apt-get update first):
# PACKAGES and any named as arguments.
ensure_packages() {
  local missing=() p
  for p in $PACKAGES "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Build with the strict flags and install into the server's directories
# (COPT, when set, adds compiler and linker flags: tools/memcheck.sh's
# sanitizers).
build_and_install() {
  say "building energy_ext"
  make -s PG_CONFIG="$PGBIN/pg_config" ${COPT:+COPT="$COPT"} >/dev/null
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo make -s PG_CONFIG="$PGBIN/pg_config" ${COPT:+COPT="$COPT"} install >/dev/null
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# unprivileged 'postgres' user the Debian package creates.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Start a throwaway cluster on a private Unix socket (no TCP) and export
# PGHOST/PGPORT/PGUSER for psql, pg_regress and pg_dump.  CLUSTER_DIR is set.
# CLUSTER_OPTS adds server settings, CLUSTER_ENV environment variables of the
# server (tools/memcheck.sh: LD_PRELOAD of the sanitizer runtime).
start_cluster() {
  CLUSTER_DIR=$(mktemp -d /tmp/energy_ext.XXXXXX)
  chmod 700 "$CLUSTER_DIR"
  say "starting a throwaway cluster in $CLUSTER_DIR"
  start_extra_cluster "$CLUSTER_DIR" 5432
  export PGHOST="$CLUSTER_DIR/sock" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
}

stop_cluster() {
  [ -n "${CLUSTER_DIR:-}" ] || return 0
  stop_extra_cluster "$CLUSTER_DIR"
  CLUSTER_DIR=
}

# More servers beside it (shards, say): start_extra_cluster DIR PORT makes a
# cluster in DIR (data DIR/data, socket DIR/sock, log DIR/server.log) and
# starts it; stop_extra_cluster DIR stops it and removes DIR.
start_extra_cluster() {
  local dir=$1 port=$2
  mkdir -p "$dir/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  start_server "$dir" "$port"
}
stop_extra_cluster() {
  [ -d "$1/data" ] && as_owner "$PGBIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$1"
}

# Start (again) the server of the cluster in DIR on PORT (CLUSTER_OPTS and
# CLUSTER_ENV apply).
start_server() {
  local dir=$1 port=$2
  as_owner ${CLUSTER_ENV:+env $CLUSTER_ENV} "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir/sock -c listen_addresses='' -c port=$port -c fsync=off ${CLUSTER_OPTS:-}" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
}
