#!/usr/bin/env bash
# Memory of energy_ext's aggregates over 1 and 10 million rows (issue 14):
# does a backend's peak memory stay flat as the rows grow?
#
# Runs on a copy of PostgreSQL 15 and of the source in MEMBENCH_DIR (the
# system's installation is left as it is) with a throwaway cluster on PORT
# (5470), jit off and no parallel workers (one backend does all the work).
# The rows are made by generate_series in the select list (ProjectSet
# streams them: no table, no shared buffers, no tuplestore), so the
# backend's memory is the aggregate's own plus PostgreSQL's fixed costs.
# Each query runs once per size in a fresh connection, under EXPLAIN
# (ANALYZE, TIMING OFF) (every row goes through the transition function and
# every group through the final function and an accessor); then the same
# backend reads VmHWM, its peak resident set, from /proc/self/status.  The
# first column is the same query over 1 000 rows: what a backend that ran it
# at all needs.  Hash aggregation's own figures (memory, batches, spill to
# disk) and sorts' are those of the plan.
#
#   bench/memory.sh                 # 1 000 000 and 10 000 000 rows
#   SIZES="1000000" bench/memory.sh
#   ONLY="ledger_dated meter_hash" bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
MEMBENCH_DIR=${MEMBENCH_DIR:-/tmp/energy_ext_membench}
PORT=${PORT:-5470}
SIZES=${SIZES:-"1000000 10000000"}
ensure_packages

say "a copy of PostgreSQL $PG_MAJOR and of the source in $MEMBENCH_DIR"
[ -f "$MEMBENCH_DIR/cluster/data/postmaster.pid" ] && stop_extra_cluster "$MEMBENCH_DIR/cluster"
rm -rf "$MEMBENCH_DIR"
mkdir -p "$MEMBENCH_DIR/pg/usr/lib/postgresql" "$MEMBENCH_DIR/pg/usr/share/postgresql" \
         "$MEMBENCH_DIR/pg/usr/include/postgresql" "$MEMBENCH_DIR/src"
cp -a "/usr/lib/postgresql/$PG_MAJOR" "$MEMBENCH_DIR/pg/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PG_MAJOR" "$MEMBENCH_DIR/pg/usr/share/postgresql/"
cp -a "/usr/include/postgresql/$PG_MAJOR" "$MEMBENCH_DIR/pg/usr/include/postgresql/"
git ls-files -z | xargs -0 cp --parents -t "$MEMBENCH_DIR/src"
chmod -R a+rX "$MEMBENCH_DIR"
export PGBIN="$MEMBENCH_DIR/pg/usr/lib/postgresql/$PG_MAJOR/bin"
(cd "$MEMBENCH_DIR/src" && build_and_install)

trap 'stop_extra_cluster "$MEMBENCH_DIR/cluster"' EXIT
CLUSTER_OPTS="-c jit=off -c max_parallel_workers_per_gather=0 -c shared_buffers=128MB"
start_extra_cluster "$MEMBENCH_DIR/cluster" "$PORT"
export PGHOST="$MEMBENCH_DIR/cluster/sock" PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres
# 2023's provincial grid factors are not in our sources: the regional grid's.
export PGOPTIONS="-c energy.grid_fallback=grid -c TimeZone=Asia/Shanghai"

# The rows of a query over N rows: g = 0 .. N-1 streamed (ProjectSet).  For
# the ledgers: 7 carriers in their units, amounts, 365 days of 2023, the 30
# provinces.  For the meters: 200 readings per meter (so N/200 meters), one
# every 43 h 48 min over 2023, a register with a 100000 modulus that rolls
# over; 365 daily summaries per meter for rollup(meter_summary).
ROWS="(SELECT g, (ARRAY['electricity','electricity','natural_gas','heat','diesel','gasoline','water']::energy.carrier[])[1 + g % 7] AS c,
              (ARRAY['kWh','kWh','m³','GJ','L','L','m³'])[1 + g % 7] AS u, (g % 9973) / 10.0 + 1 AS a,
              '2023-01-01'::date + (g / 7) % 365 AS d, (ARRAY['110000','120000','130000','140000','150000','210000','220000',
              '230000','310000','320000','330000','340000','350000','360000','370000','410000','420000','430000','440000',
              '450000','460000','500000','510000','520000','530000','610000','620000','630000','640000','650000'])[1 + g % 30] AS r
         FROM (SELECT generate_series(0, :N - 1) AS g) s) rows"
READINGS="(SELECT g / 200 AS meter, '2023-01-01 00:00+08'::timestamptz + (g % 200) * interval '43 hours 48 minutes' AS ts,
                  (((g % 200) * (1 + (g / 200) % 500) + ((g % 200) * 7919 + g / 200) % 97) % 100000)::float8 AS reading
             FROM (SELECT generate_series(0, :N - 1) AS g) s) readings"
SUMMARIES="(SELECT g / 365 AS meter, format('{\"version\":1,\"first_time\":\"\",\"last_time\":\"\",\"first_us\":%s,\"last_us\":%s,'
                    '\"first_reading\":%s,\"last_reading\":%s,\"modulus\":0,\"multiplier\":1,\"consumption\":%s,'
                    '\"consumption_err\":0,\"reverse_amount\":0,\"readings\":24,\"null_readings\":0,\"duplicates\":0,'
                    '\"rollovers\":0,\"resets\":0,\"replacements\":0,\"reversals\":0}',
                    (g % 365) * 86400000000::bigint, (g % 365) * 86400000000::bigint + 82800000000,
                    (g % 365) * 100, (g % 365) * 100 + 90, 90)::energy.meter_summary AS s
             FROM (SELECT generate_series(0, :N - 1) AS g) s) summaries"

# 1 000 ledgers of 1 000 of these rows each, for rollup(ledger).
psql -X -q -v ON_ERROR_STOP=1 -v N=1000000 <<SQL
CREATE EXTENSION energy_ext;
CREATE TABLE ledgers AS SELECT g % 1000 AS k, energy.ledger(c, a::float8, u, d, r) AS l FROM $ROWS GROUP BY 1;
VACUUM ANALYZE ledgers;
SQL

declare -A Q WHAT SET
ORDER="ledger ledger_units ledger_dated ledger_dated_units rollup_ledger meter_hash meter_sort buckets_hash buckets_sort
       rollup_summary_hash rollup_summary_sort array_agg_hash meter_one"
Q[ledger]="SELECT energy.kgce(energy.ledger(c, a::float8)) FROM $ROWS"
WHAT[ledger]="energy.ledger(carrier, amount), one ledger"
Q[ledger_units]="SELECT energy.kgce(energy.ledger(c, a::float8, u)) FROM $ROWS"
WHAT[ledger_units]="energy.ledger(carrier, amount, unit), one ledger"
Q[ledger_dated]="SELECT energy.kgce(l) + energy.kgco2(l) FROM (SELECT energy.ledger(c, a::float8, d, r) l FROM $ROWS) x"
WHAT[ledger_dated]="energy.ledger(carrier, amount, date, region), one"
Q[ledger_dated_units]="SELECT energy.kgce(l) + energy.kgco2(l) FROM (SELECT energy.ledger(c, a::float8, u, d, r) l FROM $ROWS) x"
WHAT[ledger_dated_units]="energy.ledger(carrier, amount, unit, date, region), one"
Q[rollup_ledger]="SELECT energy.kgce(l) + energy.kgco2(l) FROM (SELECT energy.rollup(l) l FROM ledgers,
                    (SELECT generate_series(1, :N / 1000)) g) x"
WHAT[rollup_ledger]="energy.rollup(ledger) of N ledgers, one"
METER_AGG="SELECT count(*), sum(energy.consumption(s)) FROM (SELECT meter, energy.meter_agg(ts, reading, 100000) s FROM $READINGS GROUP BY 1) x"
BUCKETS="SELECT count(*), sum((b).consumption) FROM (SELECT meter, unnest(energy.meter_buckets(ts, reading, 'day', 'Asia/Shanghai', 100000, 1, NULL)) b FROM $READINGS GROUP BY 1) x"
ROLLUP_SUMMARY="SELECT count(*), sum(energy.consumption(s)) FROM (SELECT meter, energy.rollup(s) s FROM $SUMMARIES GROUP BY 1) x"
Q[meter_hash]=$METER_AGG;   WHAT[meter_hash]="energy.meter_agg, 200 readings a meter, hashed"
Q[meter_sort]=$METER_AGG;   WHAT[meter_sort]="energy.meter_agg, 200 readings a meter, sorted"; SET[meter_sort]="SET enable_hashagg = off;"
Q[buckets_hash]=$BUCKETS;   WHAT[buckets_hash]="energy.meter_buckets (day), 200 readings a meter, hashed"
Q[buckets_sort]=$BUCKETS;   WHAT[buckets_sort]="energy.meter_buckets (day), 200 readings a meter, sorted"; SET[buckets_sort]="SET enable_hashagg = off;"
Q[rollup_summary_hash]=$ROLLUP_SUMMARY; WHAT[rollup_summary_hash]="energy.rollup(meter_summary), 365 a meter, hashed"
Q[rollup_summary_sort]=$ROLLUP_SUMMARY; WHAT[rollup_summary_sort]="energy.rollup(meter_summary), 365 a meter, sorted"
SET[rollup_summary_sort]="SET enable_hashagg = off;"
# PostgreSQL's own array_agg over the same groups and plan: what hash
# aggregation itself needs when it spills many batches.
Q[array_agg_hash]="SELECT count(*), sum(cardinality(a)) FROM (SELECT meter, array_agg(s) a FROM $SUMMARIES GROUP BY 1) x"
WHAT[array_agg_hash]="control: array_agg(meter_summary), 365 a meter, hashed"
Q[meter_one]="SELECT energy.consumption(energy.meter_agg(ts, reading, 100000)) FROM (SELECT
                '2023-01-01 00:00+08'::timestamptz + g * interval '1 minute' AS ts, (g % 50000)::float8 AS reading
                FROM (SELECT generate_series(0, :N - 1) AS g) s) readings"
WHAT[meter_one]="energy.meter_agg, all rows one meter (kept: it sorts)"

# measure NAME N: "VmHWM_kB seconds plan-notes" of NAME over N rows, in a fresh backend
measure() {
  local name=$1 n=$2 out
  out=$(psql -X -q -At -v ON_ERROR_STOP=1 -v N="$n" 2>&1 <<SQL
${SET[$name]:-}
\\timing on
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) ${Q[$name]};
\\timing off
SELECT 'HWM ' || (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1];
SQL
) || { echo "$name N=$n failed: $out" >&2; echo "error 0 -"; return; }
  local hwm ms notes
  hwm=$(sed -n 's/^HWM //p' <<<"$out")
  ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' <<<"$out" | head -n 1)
  notes=$(grep -oE '(Batches: [0-9]+|Memory Usage: [0-9]+kB|Disk Usage: [0-9]+kB|Sort Method: [a-z -]+(Disk|Memory): [0-9]+kB)' <<<"$out" \
          | sed 's/Sort Method: //; s/  */ /g' | paste -sd, - | sed 's/,/, /g' || true)
  echo "$hwm $(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }') ${notes:--}"
}

mb() { awk -v k="$1" 'BEGIN { if (k == "error") print "error"; else printf "%.1f", k / 1024 }'; }
results=()
for name in ${ONLY:-$ORDER}; do
  read -r base _ _ < <(measure "$name" 1000)
  line=("$name" "$(mb "$base")") first= last=
  for n in $SIZES; do
    say "$name over $n rows"
    read -r hwm secs notes < <(measure "$name" "$n")
    line+=("$(mb "$hwm")" "$secs" "$notes")
    first=${first:-$hwm} last=$hwm
  done
  line+=("$(awk -v a="$first" -v b="$last" 'BEGIN { if (a == "error" || b == "error") print "-"; else printf "%+.1f", (b - a) / 1024 }')")
  results+=("$(printf '%s\t' "${line[@]}")")
done

echo
echo "energy_ext memory — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }'), work_mem $(psql -X -At -c 'SHOW work_mem'), hash_mem_multiplier" \
     "$(psql -X -At -c 'SHOW hash_mem_multiplier'), jit off, no parallel workers; peak RSS (VmHWM) of the backend in MB;" \
     "time under EXPLAIN ANALYZE (TIMING OFF)."
echo
header="query"$'\t'"1k rows"
for n in $SIZES; do header+=$'\t'"$n rows"$'\t'"s"$'\t'"plan ($n)"; done
header+=$'\t'"last - first"
{ echo "$header"; printf '%s\n' "${results[@]}"; } | column -t -s $'\t'
echo
for name in ${ONLY:-$ORDER}; do printf '%-20s %s\n' "$name" "${WHAT[$name]}"; done
