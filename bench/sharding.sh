#!/usr/bin/env bash
# Benchmark of a model sharded over postgres_fdw (issue 13), one run, ratios
# within it.  ROWS daily consumption rows (default 10 million) of 3 000
# institutions in six provinces, 2023, on one server (model "demo" on the
# coordinator) and the same rows split by province over three shard servers
# (sharded model "nation"; all four servers on this machine).  The year's
# ledger per province (energy.ledger over the raw rows: standard coal and
# CO2 of every row with its date's and region's factors):
#   single   — one server, all rows (parallel workers allowed, as the
#              shards have);
#   pushdown — the three shards, energy.ledger pushed down (partitionwise
#              aggregation): each shard ships one row per province;
#   shipped  — the three shards without pushdown: every row crosses
#              postgres_fdw and is aggregated here.
# Prints medians (RUNS rounds after a warm-up, interleaved), the ratios, and
# the rows each plan fetched from the shards (EXPLAIN ANALYZE).  The three
# answers must be the same figures.  The rows are loaded with
# session_replication_role = replica (no triggers, no live ledgers): the
# raw-row path is what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}

ensure_packages
build_and_install
top=$(mktemp -d /tmp/energy_bench_shards.XXXXXX)
chmod 755 "$top"
shards=(a:5451:110000,210000 b:5452:320000,440000 c:5453:450000,510000)
cleanup() { for s in "${shards[@]}"; do stop_extra_cluster "$top/${s%%:*}"; done; rm -rf "$top"; stop_cluster; }
trap cleanup EXIT
CLUSTER_OPTS="-c shared_buffers=1GB -c max_parallel_workers_per_gather=2 -c jit=off -c work_mem=64MB"
start_cluster
for s in "${shards[@]}"; do n=${s%%:*}; rest=${s#*:}; start_extra_cluster "$top/$n" "${rest%%:*}"; done
shard_psql() { local n=$1 port=$2; shift 2; psql -X -q -v ON_ERROR_STOP=1 -h "$top/$n/sock" -p "$port" -U postgres -d postgres "$@"; }

# The rows: institution k (0..2999) of province k % 6, a city of it; row n
# belongs to institution n % 3000, day n % 365 of 2023, carrier n % 5.
gen() {  # $1: the provinces to keep (a SQL array literal)
  cat <<SQL
SET session_replication_role = replica;
CREATE TEMP TABLE p AS
SELECT row_number() OVER (ORDER BY code) - 1 AS k, code,
       (SELECT min(c.code) FROM energy.admin_division c WHERE c.level = 'city' AND c.parent = d.code) AS city
  FROM energy.admin_division d WHERE code = ANY ('{110000,210000,320000,440000,450000,510000}'::text[]);
INSERT INTO demo.institution (institution_id, name, region_code, category)
SELECT 'I' || g.i, 'institution ' || g.i, p.city, '01' FROM generate_series(0, 2999) g(i) JOIN p ON p.k = g.i % 6
 WHERE p.code = ANY ('$1'::text[]);
INSERT INTO demo.consumption (institution_id, period, carrier, amount, unit)
SELECT 'I' || (n % 3000), daterange(d, d + 1),
       (ARRAY['electricity', 'natural_gas', 'water', 'heat', 'diesel'])[1 + (n % 5)::int]::energy.carrier,
       ((n * 7919) % 100003) / 100.0 + 1,
       (ARRAY['kWh', 'm³', 't', 'GJ', 'kg'])[1 + (n % 5)::int]
  FROM generate_series(0::bigint, $ROWS - 1) n JOIN p ON p.k = (n % 3000) % 6,
       LATERAL (SELECT date '2023-01-01' + (n % 365)::int AS d) x
 WHERE p.code = ANY ('$1'::text[]);
ANALYZE demo.institution; ANALYZE demo.consumption;
SQL
}
say "$ROWS rows on one server"
t0=$(date +%s)
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext" -c "CREATE EXTENSION postgres_fdw" \
  -c "SELECT energy.create_model('demo')" >/dev/null
gen '{110000,210000,320000,440000,450000,510000}' | psql -X -q -v ON_ERROR_STOP=1
say "  loaded in $(( $(date +%s) - t0 )) s; the same rows over three shards"
t0=$(date +%s)
for s in "${shards[@]}"; do
  n=${s%%:*}; rest=${s#*:}; port=${rest%%:*}; provs=${rest#*:}
  shard_psql "$n" "$port" -c "CREATE EXTENSION energy_ext" -c "SELECT energy.create_model('demo')" >/dev/null
  gen "{$provs}" | shard_psql "$n" "$port" &
done
wait
say "  loaded in $(( $(date +%s) - t0 )) s"
map="{"
for s in "${shards[@]}"; do
  n=${s%%:*}; rest=${s#*:}; port=${rest%%:*}; provs=${rest#*:}
  shard_psql "$n" "$port" -c "SELECT energy.shard_prepare('demo')" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 \
    -c "CREATE SERVER shard_$n FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$top/$n/sock', port '$port', dbname 'postgres', fetch_size '10000')" \
    -c "CREATE USER MAPPING FOR postgres SERVER shard_$n OPTIONS (user 'postgres')"
  map="$map\"shard_$n\": [\"${provs//,/\", \"}\"], "
done
map="${map%, }}"
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.shard_model('nation', '$map', 'demo')" >/dev/null
[ "$(psql -X -qtA -c "SELECT count(*) FROM energy.shard_check('nation')")" = 0 ] || { echo "the shards differ" >&2; exit 1; }

. bench/timing.sh
declare -A Q
led="energy.ledger(carrier, amount::float8, unit, lower(period), region_code)"
fig="energy.rows(l), energy.kgce(l), energy.water(l), CASE WHEN energy.co2_missing_rows(l) = 0 THEN energy.kgco2(l) END"
Q[single]="SELECT p, $fig FROM (SELECT left(i.region_code, 2) || '0000' AS p, energy.ledger(c.carrier, c.amount::float8, c.unit, lower(c.period), i.region_code) AS l
             FROM demo.consumption c JOIN demo.institution i USING (institution_id) GROUP BY 1) x ORDER BY 1"
Q[pushdown]="SELECT province_code, $fig FROM (SELECT province_code, $led AS l FROM nation.consumption GROUP BY 1) x ORDER BY 1"
Q[shipped]=${Q[pushdown]}
say "timing (median of $RUNS rounds after a warm-up round)"
time_group "SET enable_partitionwise_aggregate = on;" single pushdown
time_group "SET enable_partitionwise_aggregate = off;" shipped
single=${MS[single|SET enable_partitionwise_aggregate = on;]}
pushdown=${MS[pushdown|SET enable_partitionwise_aggregate = on;]}
shipped=${MS[shipped|SET enable_partitionwise_aggregate = off;]}

fetched() {  # rows the plan's foreign scans returned
  psql -X -qtA -c "SET enable_partitionwise_aggregate = $1" -c "EXPLAIN (ANALYZE, VERBOSE, FORMAT json) $2" \
    | python3 -c 'import json,sys
def walk(n):
    s = n.get("Actual Rows", 0) * n.get("Actual Loops", 1) if n.get("Node Type") == "Foreign Scan" else 0
    return s + sum(walk(c) for c in n.get("Plans", []))
print(walk(json.load(sys.stdin)[0]["Plan"]))'
}
echo "pushed down, the shards run:" >&2
psql -X -qtA -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) ${Q[pushdown]}" | grep 'Remote SQL' | sort | uniq -c >&2
rows_push=$(fetched on "${Q[pushdown]}")
rows_ship=$(fetched off "${Q[shipped]}")
a=$(psql -X -qtA -c "${Q[single]}")
b=$(psql -X -qtA -c "SET enable_partitionwise_aggregate = on" -c "${Q[pushdown]}")
c=$(psql -X -qtA -c "SET enable_partitionwise_aggregate = off" -c "${Q[shipped]}")
same=$([ "$a" = "$b" ] && [ "$a" = "$c" ] && echo yes || echo NO)

echo
echo "sharding benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/^Mem/ { print $2 }') GiB, PostgreSQL $(psql -X -qtA -c 'SHOW server_version'); four servers on this machine"
echo "  $ROWS consumption rows, 3 000 institutions, 6 provinces; the year's ledger per province (energy.ledger over the raw rows)"
printf '  %-58s %10s\n' "one server, all rows" "$single ms"
printf '  %-58s %10s\n' "three shards, energy.ledger pushed down" "$pushdown ms"
printf '  %-58s %10s\n' "three shards, rows shipped to the coordinator" "$shipped ms"
echo "  three shards / one server: $(ratio "$pushdown" "$single")×; shipping rows / pushdown: $(ratio "$shipped" "$pushdown")×"
echo "  rows fetched from the shards: pushed down $rows_push (one per province), shipped $rows_ship"
echo "  the three give the same figures: $same"
[ "$same" = yes ]
