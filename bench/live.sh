#!/usr/bin/env bash
# Benchmark of the live ledgers (issue 10), one run, ratios within it:
#   1. loading a year of readings of METERS meters (200 each, every 43.8
#      hours) and a year of monthly bills, with COPY in batches of 10 000
#      rows, into a model with its live ledgers on, and into the same tables
#      with them off (the plain COPY: the checks and foreign keys run in both)
#      — target on ≤ 1.5 × off.  Four times: in time order (a live feed:
#      each batch holds one reading of each of 10 000 meters, numbered so
#      that they belong to every institution), in time order with each
#      institution's meters together (as a building's data collector uploads
#      them: each batch holds the meters of 1 000 institutions), in meter
#      order (files per meter: each batch holds whole meters), and the whole
#      year in one statement (in time order; then the bills in one).  The
#      backend's memory is sampled every second while loading;
#   2. the year's province and city report (standard coal, CO2, water, per
#      m² and per person) from the summaries (region_year) and computed from
#      the raw rows — target ≥ 50 × faster and under 100 ms; both must give
#      the same figures.
# METERS=50000 (default) is 10 million readings; METERS=5000 a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
. bench/live_env.sh
RUNS=${RUNS:-5}

ensure_packages
build_and_install
trap stop_cluster EXIT
start_cluster
# the raw report converts with the session's settings: the models' (live_setup.sql)
export PGOPTIONS="$LIVE_PGOPTIONS"
data="$CLUSTER_DIR/batches"
mkdir -p "$data"; [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
psql -X -q -v ON_ERROR_STOP=1 -f bench/live_rows.sql

# Models with the same institutions, profiles and meters: "live", "live_g",
# "live_m" and "live_1" keep their ledgers, "plain", "plain_g", "plain_m" and
# "plain_1" have them off.
for model in live plain live_g plain_g live_m plain_m live_1 plain_1; do
  psql -X -q -v ON_ERROR_STOP=1 -v model="$model" -v institutions="$INSTITUTIONS" -v meters="$METERS" -f bench/live_setup.sql
done
for model in plain plain_g plain_m plain_1; do
  psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.set_live('$model', false)" >/dev/null
done

say "writing $((METERS * 200)) readings and $((INSTITUTIONS * 24)) bills as files of 10 000 rows"
# readings ORDER PREFIX: the COPY that writes the year's readings, ORDER BY
# ORDER, as the files PREFIX_*
readings() {
  cat <<SQL
COPY (SELECT meter_id, ts, reading FROM bench_live_readings($METERS)
       ORDER BY $1) TO PROGRAM 'split -l 10000 -d -a 5 - $data/$2_';
SQL
}
{ readings "k, m" reading; readings "k, m % $INSTITUTIONS, m" grouped; readings "m, k" bymeter
  cat <<SQL
COPY (SELECT institution_id, period, carrier, amount, unit, account FROM bench_live_bills($INSTITUTIONS)
       ORDER BY mo, i, c) TO PROGRAM 'split -l 10000 -d -a 5 - $data/bill_';
SQL
} | psql -X -q -v ON_ERROR_STOP=1
readings_files=$(ls "$data" | grep -c '^reading_')
bills_files=$(ls "$data" | grep -c '^bill_')

# load MODEL PREFIX: every reading file PREFIX_* and bill file with COPY, one
# statement (and transaction) each (PREFIX whole: all the time-order reading
# files in one statement, then all the bill files in one), in one session
# whose memory a sampler reads once a second (RssAnon); after every 100th
# statement the session adds up its memory contexts (what PostgreSQL holds
# between statements), written to ctx_MODEL at the end; prints the ms.
load() {
  local model=$1 prefix=$2 script="$CLUSTER_DIR/load_$1.sql" f pid t0 t1 n=0
  local sample="SELECT :'ctx' || ' ' || sum(total_bytes) AS ctx FROM pg_backend_memory_contexts \\gset"
  : >"$script"
  if [ "$prefix" = whole ]; then
    echo "COPY $model.reading (meter_id, ts, reading) FROM PROGRAM 'cat $data/reading_*';" >>"$script"
    echo "COPY $model.consumption (institution_id, period, carrier, amount, unit, account) FROM PROGRAM 'cat $data/bill_*';" >>"$script"
  fi
  for f in $( [ "$prefix" = whole ] || { ls "$data" | grep "^${prefix}_"; ls "$data" | grep '^bill_'; } ); do
    case $f in
      bill_*) echo "COPY $model.consumption (institution_id, period, carrier, amount, unit, account) FROM '$data/$f';" ;;
      *) echo "COPY $model.reading (meter_id, ts, reading) FROM '$data/$f';" ;;
    esac >>"$script"
    n=$((n + 1))
    [ $((n % 100)) -ne 0 ] || echo "$sample" >>"$script"
  done
  echo "$sample" >>"$script"
  echo "\\o $CLUSTER_DIR/ctx_$model" >>"$script"; echo "\\qecho :ctx" >>"$script"
  t0=$(date +%s%N)
  { echo "SELECT pg_backend_pid() AS pid \\gset"; echo "\\o $CLUSTER_DIR/pid_$model"; echo "\\qecho :pid"; echo "\\o /dev/null"
    echo "\\set ctx ''"; cat "$script"; } | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null &
  local job=$!
  : >"$CLUSTER_DIR/rss_$model"
  while kill -0 $job 2>/dev/null; do
    pid=$({ tr -dc 0-9 <"$CLUSTER_DIR/pid_$model"; } 2>/dev/null || true)
    [ -n "$pid" ] && awk '/^RssAnon/ { print $2 }' "/proc/$pid/status" 2>/dev/null >>"$CLUSTER_DIR/rss_$model" || true
    sleep 1
  done
  wait $job
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
say "time order: loading with the live ledgers off (plain COPY), then on"
off_ms=$(load plain reading)
on_ms=$(load live reading)
say "time order, each institution's meters together: the same"
off_g_ms=$(load plain_g grouped)
on_g_ms=$(load live_g grouped)
say "meter order: the same"
off_m_ms=$(load plain_m bymeter)
on_m_ms=$(load live_m bymeter)
say "the whole year in one statement (time order), then the bills in one: the same"
off_1_ms=$(load plain_1 whole)
on_1_ms=$(load live_1 whole)
say "rebuilding the plain model's summaries (energy.set_live('plain', true))"
t0=$(date +%s%N); psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.set_live('plain', true)" >/dev/null; t1=$(date +%s%N)
rebuild_ms=$(((t1 - t0) / 1000000))
psql -X -q -c "VACUUM ANALYZE"
# every difference verify_model finds in the models with live ledgers
verify="SELECT v.model, d.* FROM unnest(ARRAY['live', 'live_g', 'live_m', 'live_1']) AS v(model), energy.verify_model(v.model) AS d"
diffs=$(psql -X -qAt -c "SELECT count(*) FROM ($verify) AS x")
[ "$diffs" = 0 ] || psql -X -c "$verify LIMIT 20"
# memory: the range of the samples, and the median of the first and of the last tenth of the load
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%d", v[int((NR + 1) / 2)] / 1024 }'; }
# what the memory contexts held after every 100th statement: least and most
ctx() {
  tr ' ' '\n' <"$CLUSTER_DIR/ctx_$1" | grep . | sort -n | sed -n '1p;$p' | awk '{ printf "%s%.1f", (NR > 1 ? "–" : ""), $1 / 1048576 } END { print " MB" }'
}
rss() {
  local f="$CLUSTER_DIR/rss_$1" n t
  n=$(wc -l <"$f"); t=$((n / 10)); [ "$t" -ge 1 ] || t=1
  printf '%s–%s MB (first tenth %s, last tenth %s)' "$(sort -n "$f" | head -1 | awk '{ printf "%d", $1 / 1024 }')" \
    "$(sort -n "$f" | tail -1 | awk '{ printf "%d", $1 / 1024 }')" "$(head -n "$t" "$f" | median)" "$(tail -n "$t" "$f" | median)"
}

say "the floor: writing the summary rows of one time-order batch, values precomputed (bench/live_floor.sql)"
floor=$(psql -X -qAt -v ON_ERROR_STOP=1 -f bench/live_floor.sql | grep ' in all') || floor="(bench/live_floor.sql failed: see above)"
batches=$((readings_files + bills_files))

say "timing the report (median of $RUNS rounds after a warm-up round)"
# the two queries of bench/live_report.sql, without comments and semicolons
part() { sed -n "/^-- $1\$/,/^-- $2\$/p" bench/live_report.sql | sed '/^--/d; s/@model@/live/g; s/;$//'; }
declare -A Q=([summaries]="$(part summaries raw)" [raw]="$(part raw end)")
. bench/timing.sh
time_group "SET max_parallel_workers_per_gather = 2;" summaries raw
same=$(psql -X -qAt <<SQL
WITH s AS (${Q[summaries]}), r AS (${Q[raw]})
SELECT count(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM r UNION ALL (SELECT * FROM r EXCEPT SELECT * FROM s)) d;
SQL
)
rows=$(psql -X -qAt -c "SELECT (SELECT count(*) FROM live.reading) || ' readings, ' || (SELECT count(*) FROM live.consumption) || ' bills, '
                               || (SELECT count(*) FROM live.meter_month) || ' meter months, ' || (SELECT count(*) FROM live.month_ledger) || ' month ledgers'")
S=${MS[summaries|SET max_parallel_workers_per_gather = 2;]}
R=${MS[raw|SET max_parallel_workers_per_gather = 2;]}
load_ratio=$(ratio "$on_ms" "$off_ms"); load_g_ratio=$(ratio "$on_g_ms" "$off_g_ms"); load_m_ratio=$(ratio "$on_m_ms" "$off_m_ms"); load_1_ratio=$(ratio "$on_1_ms" "$off_1_ms"); speedup=$(ratio "$R" "$S")

echo
echo "energy_ext live-ledger benchmark — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }'), shared_buffers 2GB, jit off, 2 parallel workers."
echo "$METERS meters of $INSTITUTIONS institutions: $rows; $readings_files + $bills_files COPY batches of 10 000 rows."
echo
printf '  %-58s %10s  %s\n' "loading, COPY in batches of 10 000 rows" "ms" "backend private memory (RssAnon); memory contexts between statements"
printf '  %-58s %10s  %s; %s\n' "time order, live ledgers off (plain COPY: checks, foreign keys)" "$off_ms" "$(rss plain)" "$(ctx plain)"
printf '  %-58s %10s  %s; %s\n' "time order, live ledgers on" "$on_ms" "$(rss live)" "$(ctx live)"
printf '  %-58s %10s  %s; %s\n' "time order, an institution's meters together, off" "$off_g_ms" "$(rss plain_g)" "$(ctx plain_g)"
printf '  %-58s %10s  %s; %s\n' "time order, an institution's meters together, on" "$on_g_ms" "$(rss live_g)" "$(ctx live_g)"
printf '  %-58s %10s  %s; %s\n' "meter order, live ledgers off" "$off_m_ms" "$(rss plain_m)" "$(ctx plain_m)"
printf '  %-58s %10s  %s; %s\n' "meter order, live ledgers on" "$on_m_ms" "$(rss live_m)" "$(ctx live_m)"
printf '  %-58s %10s  %s; %s\n' "the year in one statement, the bills in one, off" "$off_1_ms" "$(rss plain_1)" "$(ctx plain_1)"
printf '  %-58s %10s  %s; %s\n' "the year in one statement, the bills in one, on" "$on_1_ms" "$(rss live_1)" "$(ctx live_1)"
printf '  %-58s %10s\n' "rebuilding the summaries of the time-order plain model" "$rebuild_ms"
printf '  on / off: time order %s× (target ≤ 1.5: %s), an institution'"'"'s meters together %s× (%s), meter order %s× (%s)\n' \
  "$load_ratio" "$(verdict "$load_ratio" 1.5 le)" "$load_g_ratio" "$(verdict "$load_g_ratio" 1.5 le)" \
  "$load_m_ratio" "$(verdict "$load_m_ratio" 1.5 le)"
printf '  in one statement: %s×\n' "$load_1_ratio"
printf '  verify_model after loading: %s differences\n' "$diffs"
printf '  a batch of the plain time-order load: %s ms on average; writing the summary rows a batch of every institution\n' \
  "$(awk -v a="$off_ms" -v b="$batches" 'BEGIN { printf "%.1f", a / b }')"
printf '  and carrier changes, values precomputed (bench/live_floor.sql): %s\n' "$floor"
echo
printf '  %-58s %10s\n' "the 2023 province and city report" "ms"
printf '  %-58s %10s\n' "from the summaries (region_year)" "$S"
printf '  %-58s %10s\n' "from the raw rows" "$R"
printf '  speed-up: %s× (target ≥ 50: %s); under 100 ms: %s; rows that differ between the two: %s\n' \
  "$speedup" "$(verdict "$speedup" 50 ge)" "$(verdict "$S" 100 le)" "$same"
