#!/usr/bin/env bash
# What a statement costs with the live ledgers on, by the statement's size: a
# feed that writes each reading as it comes (one row per INSERT, each its own
# transaction) against one that gathers them (100, 1 000, 10 000 rows per
# INSERT), time order.  Two models with the same institutions, meters and
# first 100 readings of each meter (bench/live_setup.sql, bench/live_rows.sql):
# "live" keeps its ledgers, "plain" has them off (the checks and foreign keys
# run in both).  Then the same next readings go into both, statement by
# statement in one session each; the script prints ms per statement, per
# reading, and on / off.  One run, ratios within it.
# METERS=5000 (default: 500 institutions, 500 000 readings loaded first).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
METERS=${METERS:-5000}
INSTITUTIONS=$((METERS / 10))
CLUSTER_OPTS="-c shared_buffers=1GB -c jit=off"

ensure_packages
build_and_install
trap stop_cluster EXIT
start_cluster
export PGOPTIONS="-c TimeZone=Asia/Shanghai"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
psql -X -q -v ON_ERROR_STOP=1 -f bench/live_rows.sql
for model in live plain; do
  psql -X -q -v ON_ERROR_STOP=1 -v model="$model" -v institutions="$INSTITUTIONS" -v meters="$METERS" -f bench/live_setup.sql >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.set_live('$model', false)" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO $model.reading (meter_id, ts, reading)
                                    SELECT meter_id, ts, reading FROM bench_live_readings($METERS) WHERE k < 100 ORDER BY k, m"
done
say "loaded $((METERS * 100)) readings into each model; rebuilding live's summaries"
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.set_live('live', true)" >/dev/null
psql -X -q -c "VACUUM ANALYZE"

# statements SIZE COUNT K0: COUNT INSERTs of SIZE readings each, the readings
# from number K0 on in time order (k, m), as psql input for model @model@
statements() {
  psql -X -qAt -v ON_ERROR_STOP=1 <<SQL
SELECT 'INSERT INTO @model@.reading (meter_id, ts, reading) VALUES '
       || string_agg(format('(%L, %L, %s)', meter_id, ts, reading), ', ' ORDER BY k, m) || ';'
  FROM (SELECT k, m, meter_id, ts, reading, (row_number() OVER (ORDER BY k, m) - 1) / $1 AS s
          FROM bench_live_readings($METERS) WHERE k >= $3 ORDER BY k, m LIMIT $1 * $2) x
 GROUP BY s ORDER BY s;
SQL
}
# run FILE MODEL: the statements into MODEL, one session, each statement its
# own transaction; prints the ms
run() {
  local t0 t1
  t0=$(date +%s%N)
  sed "s/@model@/$2/" "$1" | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
dir="$CLUSTER_DIR/feed"; mkdir -p "$dir"
declare -a LINES
k0=100
for shape in "1 500" "100 100" "1000 20" "10000 4"; do
  size=${shape% *}; count=${shape#* }
  statements "$size" "$count" "$k0" >"$dir/s_$size.sql"
  k0=$((k0 + (size * count + METERS - 1) / METERS + 1))
  off=$(run "$dir/s_$size.sql" plain); on=$(run "$dir/s_$size.sql" live)
  LINES+=("$(awk -v s="$size" -v c="$count" -v on="$on" -v off="$off" 'BEGIN {
      printf "  %6d rows × %3d statements  %9.2f %9.2f ms/statement  %8.3f %8.3f ms/reading  %6.2f×", s, c, on / c, off / c, on / (s * c), off / (s * c), on / off }')")
done
diffs=$(psql -X -qAt -c "SELECT count(*) FROM energy.verify_model('live')")

echo
echo "energy_ext live ledgers by statement size — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(psql -X -qAt -c 'SHOW server_version'), commit $(git rev-parse --short HEAD)"
echo "  $METERS meters, $INSTITUTIONS institutions, $((METERS * 100)) readings loaded first; time order; each statement its own transaction"
printf '  %-29s %9s %9s %-12s %8s %8s %-11s %6s\n' "statements" "on" "off" "" "on" "off" "" "on/off"
printf '%s\n' "${LINES[@]}"
echo "  verify_model('live') afterwards: $diffs differences"
