#!/usr/bin/env bash
# The meter aggregates' states over many groups, in one run: energy.meter_agg,
# energy.meter_buckets and energy.rollup(meter_summary) GROUP BY meter, each
# with three states —
#   after     energy.meter_state / energy.meter_rollup_state as the working
#             tree builds them (the aggregates as sql/11_meter_state.sql
#             declares them);
#   before    the same aggregates over the C functions of revision BEFORE
#             (default 8832fae: the states as expanded objects, one memory
#             context per group): its src/meter.c built, with the same
#             flags, as energy_ext_before.so beside the working tree's
#             library (linked -Bsymbolic, so that it calls its own
#             functions) and declared in the schema bench_before as
#             BEFORE declared them (rollup(meter_summary) without SSPACE);
#   internal  0.1.0's internal state (sql/08_meter.sql's declarations over
#             energy.meter_trans, meter_final, ..., which 0.2.0 still has),
#             declared in the schema bench_internal —
# hashed and sorted, with work_mem 256MB (every group of the hash table in
# memory) and 4MB (hash aggregation spills), jit off, no parallel workers.
# The timings are medians of RUNS interleaved rounds after a warm-up round
# (bench/timing.sh): within a settings group, each round runs all nine
# queries once, in turn, so the ratios share the machine's drift.
#
# And one meter of ONE (10 000 000) readings from generate_series, all in one
# state (a plain aggregate), timed likewise, with each state's peak
# resident set (VmHWM) in a fresh backend.
#
# Data: 5 000 000 readings of 50 000 meters (100 each, every 87 h 36 min
# through 2023, staggered by meter, a 100000 register that rolls over; in
# time order, as readings arrive) and 1 500 000 daily summaries of the same
# 50 000 meters (30 each, in time order).  Before timing, the three states'
# results are compared (md5 of every group's text, hashed with 256MB).
#
# On a copy of PostgreSQL 15 and of the source in STATEBENCH_DIR (the system's
# installation is left as it is), a throwaway cluster on PORT (5471).
#
#   bench/meter_state.sh
#   RUNS=5 BEFORE=<revision> bench/meter_state.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
declare -A Q
. bench/timing.sh
STATEBENCH_DIR=${STATEBENCH_DIR:-/tmp/energy_ext_statebench}
PORT=${PORT:-5471}
BEFORE=${BEFORE:-8832fae}
RUNS=${RUNS:-3}
ONE=${ONE:-10000000}
ensure_packages

say "a copy of PostgreSQL $PG_MAJOR, of the working tree and of $BEFORE in $STATEBENCH_DIR"
[ -f "$STATEBENCH_DIR/cluster/data/postmaster.pid" ] && stop_extra_cluster "$STATEBENCH_DIR/cluster"
rm -rf "$STATEBENCH_DIR"
mkdir -p "$STATEBENCH_DIR/pg/usr/lib/postgresql" "$STATEBENCH_DIR/pg/usr/share/postgresql" \
         "$STATEBENCH_DIR/pg/usr/include/postgresql" "$STATEBENCH_DIR/src" "$STATEBENCH_DIR/before"
cp -a "/usr/lib/postgresql/$PG_MAJOR" "$STATEBENCH_DIR/pg/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PG_MAJOR" "$STATEBENCH_DIR/pg/usr/share/postgresql/"
cp -a "/usr/include/postgresql/$PG_MAJOR" "$STATEBENCH_DIR/pg/usr/include/postgresql/"
git ls-files -z | xargs -0 cp --parents -t "$STATEBENCH_DIR/src"
git archive "$BEFORE" | tar -x -C "$STATEBENCH_DIR/before"
chmod -R a+rX "$STATEBENCH_DIR"
export PGBIN="$STATEBENCH_DIR/pg/usr/lib/postgresql/$PG_MAJOR/bin"
(cd "$STATEBENCH_DIR/src" && build_and_install)
# Only meter.c and what it calls (textio.c, overflow.c), with a module magic
# of its own: the whole library's _PG_init would define energy_ext's
# settings a second time, which PostgreSQL refuses.
say "building $BEFORE's meter functions as energy_ext_before.so"
(cd "$STATEBENCH_DIR/before" && printf '#include "postgres.h"\n#include "fmgr.h"\nPG_MODULE_MAGIC;\n' >magic.c &&
 for f in src/meter.c src/textio.c src/overflow.c magic.c; do
   gcc $("$PGBIN/pg_config" --cppflags) $("$PGBIN/pg_config" --cflags) $("$PGBIN/pg_config" --cflags_sl) -std=c11 -ffp-contract=off \
     -I "$("$PGBIN/pg_config" --includedir-server)" -c "$f" -o "$(basename "$f" .c).o"
 done &&
 gcc -shared -Wl,-Bsymbolic -o "$("$PGBIN/pg_config" --pkglibdir)/energy_ext_before.so" meter.o textio.o overflow.o magic.o)

trap 'stop_extra_cluster "$STATEBENCH_DIR/cluster"' EXIT
CLUSTER_OPTS="-c jit=off -c max_parallel_workers_per_gather=0 -c shared_buffers=1GB"
start_extra_cluster "$STATEBENCH_DIR/cluster" "$PORT"
export PGHOST="$STATEBENCH_DIR/cluster/sock" PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres
export PGOPTIONS="-c TimeZone=Asia/Shanghai"

say "the data and the aggregates"
psql -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE EXTENSION energy_ext;
CREATE TABLE reg AS
SELECT m AS meter,
       '2023-01-01 00:00+08'::timestamptz + k * interval '87 hours 36 minutes' + (m % 1440) * interval '1 minute' AS ts,
       ((k::bigint * (1 + m % 500) + (k::bigint * 7919 + m) % 97) % 100000)::float8 AS reading
  FROM generate_series(0, 99) k, generate_series(0, 49999) m;
CREATE TABLE sums AS
SELECT m AS meter,
       format('{"version":1,"first_time":"","last_time":"","first_us":%s,"last_us":%s,"first_reading":%s,'
              '"last_reading":%s,"modulus":0,"multiplier":1,"consumption":90,"consumption_err":0,"reverse_amount":0,'
              '"readings":24,"null_readings":0,"duplicates":0,"rollovers":0,"resets":0,"replacements":0,"reversals":0}',
              d * 86400000000::bigint, d * 86400000000::bigint + 82800000000, d * 100 + m % 7, d * 100 + m % 7 + 90
       )::energy.meter_summary AS s
  FROM generate_series(0, 29) d, generate_series(0, 49999) m;
VACUUM ANALYZE reg;
VACUUM ANALYZE sums;

-- 0.1.0's declarations (sql/08_meter.sql), over the functions 0.2.0 keeps.
CREATE SCHEMA bench_internal;
CREATE AGGREGATE bench_internal.meter_agg(timestamptz, double precision, double precision) (
    SFUNC = energy.meter_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE bench_internal.meter_buckets(timestamptz, double precision, text, text, double precision, double precision, text) (
    SFUNC = energy.meter_buckets_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_buckets_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE bench_internal.rollup(energy.meter_summary) (
    SFUNC = energy.meter_rollup_trans, STYPE = internal, FINALFUNC = energy.meter_rollup_final, PARALLEL = SAFE);

-- The same aggregates as sql/11_meter_state.sql declares them, over the
-- C functions of the revision before.
CREATE SCHEMA bench_before;
CREATE FUNCTION bench_before.meter_trans(energy.meter_state, timestamptz, double precision, double precision)
    RETURNS energy.meter_state AS '$libdir/energy_ext_before', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.meter_buckets_trans(energy.meter_state, timestamptz, double precision, text, text,
                                                 double precision, double precision, text)
    RETURNS energy.meter_state AS '$libdir/energy_ext_before', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.meter_combine(energy.meter_state, energy.meter_state)
    RETURNS energy.meter_state AS '$libdir/energy_ext_before', 'meter_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.meter_final(energy.meter_state)
    RETURNS energy.meter_summary AS '$libdir/energy_ext_before', 'meter_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.meter_buckets_final(energy.meter_state)
    RETURNS energy.meter_bucket[] AS '$libdir/energy_ext_before', 'meter_buckets_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.rollup_trans(energy.meter_rollup_state, energy.meter_summary)
    RETURNS energy.meter_rollup_state AS '$libdir/energy_ext_before', 'meter_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.rollup_combine(energy.meter_rollup_state, energy.meter_rollup_state)
    RETURNS energy.meter_rollup_state AS '$libdir/energy_ext_before', 'meter_rollup_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION bench_before.rollup_final(energy.meter_rollup_state)
    RETURNS energy.meter_summary AS '$libdir/energy_ext_before', 'meter_rollup_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE bench_before.meter_agg(timestamptz, double precision, double precision) (
    SFUNC = bench_before.meter_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = bench_before.meter_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = bench_before.meter_combine, PARALLEL = SAFE);
CREATE AGGREGATE bench_before.meter_buckets(timestamptz, double precision, text, text, double precision, double precision, text) (
    SFUNC = bench_before.meter_buckets_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = bench_before.meter_buckets_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = bench_before.meter_combine, PARALLEL = SAFE);
CREATE AGGREGATE bench_before.rollup(energy.meter_summary) (
    SFUNC = bench_before.rollup_trans, STYPE = energy.meter_rollup_state,
    FINALFUNC = bench_before.rollup_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = bench_before.rollup_combine, PARALLEL = SAFE);
SQL

VARIANTS="before after internal"
declare -A SCHEMA=([before]=bench_before [after]=energy [internal]=bench_internal)
for v in $VARIANTS; do
  s=${SCHEMA[$v]}
  Q[meter_$v]="SELECT count(*), sum(energy.consumption(s)) FROM (SELECT meter, $s.meter_agg(ts, reading, 100000) s FROM reg GROUP BY meter) x"
  Q[buckets_$v]="SELECT count(*), sum((b).consumption) FROM (SELECT meter, unnest($s.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 1, NULL)) b FROM reg GROUP BY meter) x"
  Q[rollup_$v]="SELECT count(*), sum(energy.consumption(s)) FROM (SELECT meter, $s.rollup(s) s FROM sums GROUP BY meter) x"
  # one meter, every reading in one state (a reading a minute, a 50000 register)
  Q[one_$v]="SELECT energy.consumption($s.meter_agg(ts, reading, 100000)) FROM (SELECT '2023-01-01 00:00+08'::timestamptz
               + g * interval '1 minute' AS ts, (g % 50000)::float8 AS reading FROM generate_series(0, $ONE - 1) g) r"
done

say "the three states give the same results"
same=$(psql -X -q -At -v ON_ERROR_STOP=1 <<SQL
SET work_mem = '256MB';
$(for v in $VARIANTS; do s=${SCHEMA[$v]}; cat <<EOQ
SELECT '$v', (SELECT md5(string_agg(s::text, ',' ORDER BY meter)) FROM (SELECT meter, $s.meter_agg(ts, reading, 100000) s FROM reg GROUP BY meter) x),
       (SELECT md5(string_agg(b::text, ',' ORDER BY meter)) FROM (SELECT meter, $s.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 1, NULL) b FROM reg GROUP BY meter) x),
       (SELECT md5(string_agg(s::text, ',' ORDER BY meter)) FROM (SELECT meter, $s.rollup(s) s FROM sums GROUP BY meter) x);
EOQ
done)
SQL
)
printf '%s\n' "$same" | sed 's/^/  /'
if [ "$(printf '%s\n' "$same" | cut -d'|' -f2- | sort -u | wc -l)" -ne 1 ]; then
  echo "the states' results differ" >&2; exit 1
fi

SETTINGS=("SET work_mem = '256MB'; SET enable_sort = off;"
          "SET work_mem = '4MB'; SET enable_sort = off;"
          "SET work_mem = '256MB'; SET enable_hashagg = off;"
          "SET work_mem = '4MB'; SET enable_hashagg = off;")
LABELS=("hashed, work_mem 256MB" "hashed, work_mem 4MB" "sorted, work_mem 256MB" "sorted, work_mem 4MB")
NAMES="meter_before meter_after meter_internal buckets_before buckets_after buckets_internal rollup_before rollup_after rollup_internal"

# plan NAME SETTINGS: the aggregate node, and hash aggregation's batches and memory (one run under EXPLAIN ANALYZE)
plan() {
  psql -X -q -At -v ON_ERROR_STOP=1 <<SQL | grep -oE '(HashAggregate|GroupAggregate|Batches: [0-9]+|Memory Usage: [0-9]+kB|Disk Usage: [0-9]+kB)' | paste -sd' ' - | sed 's/ \(Batches\|Memory\|Disk\)/, \1/g'
$2
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) ${Q[$1]};
SQL
}

say "plans"
declare -A PLAN
for i in "${!SETTINGS[@]}"; do
  for v in $VARIANTS; do PLAN[$i|$v]=$(plan "meter_$v" "${SETTINGS[$i]}"); done
done

say "timing: median of $RUNS interleaved rounds after a warm-up round, per settings"
for i in "${!SETTINGS[@]}"; do
  say "${LABELS[$i]}"
  time_group "${SETTINGS[$i]}" $NAMES
done
say "one meter of $ONE readings"
time_group "" one_before one_after one_internal
# peak resident set of a fresh backend running it once
declare -A HWM
for v in $VARIANTS; do
  HWM[$v]=$(psql -X -q -At -v ON_ERROR_STOP=1 <<SQL | sed -n 's/^HWM //p'
${Q[one_$v]};
SELECT 'HWM ' || (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1];
SQL
)
done

echo
echo "energy_ext meter states — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }'), jit off, no parallel workers, hash_mem_multiplier $(psql -X -At -c 'SHOW hash_mem_multiplier')."
echo "before = $(git rev-parse --short "$BEFORE") (expanded objects), after = the working tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src && echo '' || echo ' + changes')), internal = 0.1.0's state."
echo "5 000 000 readings / 1 500 000 daily summaries of 50 000 meters, GROUP BY meter; ms, median of $RUNS rounds."
echo
printf '%-24s %-26s %9s %9s %9s %14s %16s\n' "settings" "aggregate" "before" "after" "internal" "before/after" "after/internal"
for i in "${!SETTINGS[@]}"; do
  for a in meter buckets rollup; do
    what=$(case $a in meter) echo "meter_agg(ts, reading, m)";; buckets) echo "meter_buckets(..., month)";; rollup) echo "rollup(meter_summary)";; esac)
    b=${MS[${a}_before|${SETTINGS[$i]}]} f=${MS[${a}_after|${SETTINGS[$i]}]} n=${MS[${a}_internal|${SETTINGS[$i]}]}
    printf '%-24s %-26s %9.0f %9.0f %9.0f %13s× %15s×\n' "${LABELS[$i]}" "$what" "$b" "$f" "$n" "$(ratio "$b" "$f")" "$(ratio "$f" "$n")"
  done
done
printf '%-24s %-26s %9.0f %9.0f %9.0f %13s× %15s×\n' "plain, one group" "meter_agg, $ONE readings" \
  "${MS[one_before|]}" "${MS[one_after|]}" "${MS[one_internal|]}" "$(ratio "${MS[one_before|]}" "${MS[one_after|]}")" \
  "$(ratio "${MS[one_after|]}" "${MS[one_internal|]}")"
printf '%-24s %-26s %9s %9s %9s\n' "  its backend's peak" "VmHWM, MB" \
  "$(awk -v k="${HWM[before]}" 'BEGIN { printf "%.0f", k / 1024 }')" "$(awk -v k="${HWM[after]}" 'BEGIN { printf "%.0f", k / 1024 }')" \
  "$(awk -v k="${HWM[internal]}" 'BEGIN { printf "%.0f", k / 1024 }')"
echo
echo "meter_agg's plans (one run under EXPLAIN ANALYZE):"
for i in "${!SETTINGS[@]}"; do
  for v in $VARIANTS; do printf '  %-24s %-9s %s\n' "${LABELS[$i]}" "$v" "${PLAN[$i|$v]}"; done
done
