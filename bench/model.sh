#!/usr/bin/env bash
# Benchmark of a reporting model's views over a year of 10 million
# consumption rows (bench/model_data.sql): the time to load them through the
# model's checks, and the time of each view that reads them (median of RUNS
# rounds after a warm-up round, the views in turn), with 2 parallel workers.
# The baseline for the live-ledger issue, whose views will read maintained
# summaries instead of raw rows.  JIT is off, as in bench/bench.sh (with it
# on, compiling the views' expressions costs about 2 s per query).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
RUNS=${RUNS:-3}
declare -A Q=(
  [year_ledger]="SELECT count(*), sum(energy.rows(ledger)) FROM bench.year_ledger"
  [institution_year]="SELECT count(*), sum(kgce), sum(kgce_per_m2) FROM bench.institution_year"
  [region_year]="SELECT count(*), sum(kgce_per_m2) FROM bench.region_year"
  [category_year]="SELECT count(*), sum(kgce_per_m2) FROM bench.category_year"
  [monthly]="SELECT count(*), sum(kgce) FROM bench.monthly"
  [region_year_one]="SELECT kgce_per_m2 FROM bench.region_year WHERE level = 'province' AND region_code = '450000'"
)
. bench/timing.sh

ensure_packages
build_and_install
trap stop_cluster EXIT
CLUSTER_OPTS="-c shared_buffers=2GB -c max_parallel_workers_per_gather=2 -c max_worker_processes=8 -c jit=off -c max_wal_size=8GB"
start_cluster
export PGOPTIONS="-c energy.grid_fallback=grid -c TimeZone=Asia/Shanghai"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
say "loading 10 060 000 consumption rows into model bench"
load=$(psql -X -q -v ON_ERROR_STOP=1 -f bench/model_data.sql 2>&1 | awk '/^Time: / { print $2 }')
daily_ms=$(echo "$load" | sed -n 1p); bills_ms=$(echo "$load" | sed -n 2p)
rows=$(psql -X -qAt -c "SELECT count(*) FROM bench.consumption")
say "timing the views (median of $RUNS rounds after a warm-up round)"
PAR="SET max_parallel_workers_per_gather = 2;"
time_group "$PAR" year_ledger institution_year region_year category_year monthly region_year_one

echo
echo "energy_ext model benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }'), shared_buffers 2GB, jit off, work_mem default (4MB), 2 parallel workers."
echo "$rows consumption rows of 5 000 institutions, 2023: 10 000 000 daily rows of 50 000 accounts, 60 000 monthly bills."
echo
printf '  %-62s %10s\n' "loading (INSERT ... SELECT, checks and foreign keys included)" "ms"
printf '  %-62s %10s\n' "10 000 000 daily rows, one statement" "$daily_ms"
printf '  %-62s %10s\n' "60 000 monthly bills, one statement" "$bills_ms"
echo
printf '  %-62s %10s\n' "view (each query reads all of it)" "ms"
for v in year_ledger institution_year region_year category_year monthly region_year_one; do
  printf '  %-62s %10s\n' "$v" "${MS[$v|$PAR]}"
done
