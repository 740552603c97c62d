#!/usr/bin/env bash
# kill -9 of the postmaster during a bulk load (issue 14).  A server of its
# own (fsync on), a model with live ledgers, and a loader that COPYs
# batches of 2 000 readings, each batch its own transaction, noting each
# batch after its COMMIT returned.  The postmaster is killed (SIGKILL) in the
# middle; after a restart (crash recovery) every batch the loader saw
# committed is there whole, no batch is there in part, and the live
# summaries equal a recomputation from the raw rows (energy.verify_model)
# and what the readings say by hand.  Twice, at whatever the load is doing
# then (a COPY, an INSERT writing its live summaries, a COMMIT).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/common.sh
fail() { echo "FAIL: $*" >&2; exit 1; }
top=$(mktemp -d /tmp/energy_crash.XXXXXX)
chmod 755 "$top"
srv=$top/srv
trap 'stop_extra_cluster "$srv"; rm -rf "$top"' EXIT
crash_opts="-c fsync=on -c synchronous_commit=on"
CLUSTER_OPTS="$crash_opts" start_extra_cluster "$srv" 5461
q() { psql -X -v ON_ERROR_STOP=1 -qtA -h "$srv/sock" -p 5461 -U postgres -d postgres -c "$1"; }

q "CREATE EXTENSION energy_ext"
q "SELECT energy.create_model('c')" >/dev/null
q "INSERT INTO c.institution (institution_id, name, region_code, category) VALUES ('I1', 'crash test', '210102', '01')"
q "INSERT INTO c.meter (meter_id, institution_id, carrier, unit) SELECT 'M' || i, 'I1', 'electricity', 'kWh' FROM generate_series(1, 20) i"

# batch b: 2 000 readings, 100 per meter, an hour apart, from hour 100·b;
# the register counts 1.5 kWh an hour
batch() {
  awk -v b="$1" 'BEGIN { for (m = 1; m <= 20; m++) for (k = 0; k < 100; k++) {
      h = 100 * b + k; printf "M%d\t%d\t%.1f\tbatch %d\n", m, h, 1.5 * h, b } }'
}
load() {  # $1: first batch; runs until the server is gone
  local b=$1
  while :; do
    batch "$b" | psql -X -q -v ON_ERROR_STOP=1 -h "$srv/sock" -p 5461 -U postgres -d postgres \
      -c "CREATE TEMP TABLE s (meter_id text, h int, reading float8, source text)" \
      -c "\\copy s FROM STDIN" \
      -c "INSERT INTO c.reading (meter_id, ts, reading, source)
          SELECT meter_id, '2022-01-01 00:00+08'::timestamptz + h * interval '1 hour', reading, source FROM s" \
      2>/dev/null || return 0
    echo "$b" >>"$top/committed"
    b=$((b + 1))
  done
}

crash_during() {  # $1: first batch, $2: seconds to wait before the kill
  load "$1" &
  local loader=$!
  sleep "$2"
  local pid; pid=$(head -1 "$srv/data/postmaster.pid")
  kill -9 "$pid"
  wait "$loader" || true
  # the backends follow their postmaster (until they have, the old shared
  # memory is in use and a new postmaster refuses to start); crash recovery
  local started=no
  for _ in $(seq 1 30); do
    if CLUSTER_OPTS="$crash_opts" start_server "$srv" 5461 2>/dev/null; then
      started=yes; break
    fi
    sleep 0.5
  done
  [ "$started" = yes ] || { tail -20 "$srv/server.log"; fail "restart after kill -9"; }
  grep -q 'database system was interrupted\|not properly shut down' "$srv/server.log" || fail "no crash recovery in the log"
}

: >"$top/committed"
crash_during 0 4
n1=$(wc -l <"$top/committed")
[ "$n1" -gt 0 ] || fail "no batch committed before the first kill"
crash_during 1000 3
n2=$(wc -l <"$top/committed")
[ "$n2" -gt "$n1" ] || fail "no batch committed before the second kill"

# every committed batch whole, no other batch in part
got=$(q "SELECT count(*) FROM (SELECT source FROM c.reading GROUP BY source HAVING count(*) <> 2000) x")
[ "$got" = 0 ] || fail "$got batches in part"
committed=$(sort -n "$top/committed" | sed 's/^/batch /' | paste -sd, -)
missing=$(q "SELECT count(*) FROM unnest(string_to_array('$committed', ',')) b WHERE NOT EXISTS (SELECT 1 FROM c.reading r WHERE r.source = b)")
[ "$missing" = 0 ] || fail "$missing committed batches lost"
extra=$(q "SELECT count(DISTINCT source) FROM c.reading")
# a batch may have committed without its COMMIT reaching the loader: at most one per kill
[ "$extra" -ge "$n2" ] && [ "$extra" -le $((n2 + 2)) ] || fail "$extra batches in the table, $n2 seen committed"
bad=$(q "SELECT count(*) FROM energy.verify_model('c')")
[ "$bad" = 0 ] || { q "SELECT * FROM energy.verify_model('c') LIMIT 10"; fail "$bad differences from a recomputation"; }
# by hand: each register counts 1.5 kWh an hour, so a meter's months add up to
# 1.5 × (its last hour − its first hour), gaps between the batches included
wrong=$(q "SELECT count(*) FROM (SELECT meter_id, 1.5 * extract(epoch FROM max(ts) - min(ts)) / 3600 AS used FROM c.reading GROUP BY meter_id) r
            JOIN (SELECT meter_id, sum(consumption) AS total FROM c.meter_month GROUP BY meter_id) mm USING (meter_id)
           WHERE abs(mm.total - r.used) > 1e-6 * r.used")
[ "$wrong" = 0 ] || fail "$wrong meters' months do not add up to what their readings span"
echo "two kill -9 during a bulk load: $n2 committed batches ($((n2 * 2000)) readings) all there, none in part, summaries equal to a recomputation"
