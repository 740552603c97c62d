#!/usr/bin/env bash
# The report of bench/live.sh alone (about 8 minutes instead of an hour): the
# same institutions, meters, 10 million readings and bills (bench/live_setup.sql
# and bench/live_rows.sql), loaded with the live ledgers off and rebuilt, then
# the 2023 province and city report from the summaries and from the raw rows
# (bench/live_report.sql), interleaved, median of RUNS rounds after a warm-up.
# OLD=<commit>: also the report through region_year as that commit's template
# defined it (region_year_old beside the installed one; the rows must agree),
# to compare two versions of the roll-up views on one machine in one session.
# Uses the installed extension (bash tools/test.sh or bench/live.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
. bench/live_env.sh
RUNS=${RUNS:-9}
trap stop_cluster EXIT
start_cluster
export PGOPTIONS="$LIVE_PGOPTIONS"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
psql -X -q -v ON_ERROR_STOP=1 -f bench/live_rows.sql
psql -X -q -v ON_ERROR_STOP=1 -v model=live -v institutions="$INSTITUTIONS" -v meters="$METERS" -f bench/live_setup.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.set_live('live', false)" >/dev/null
say "loading $((METERS * 200)) readings and $((INSTITUTIONS * 24)) bills with the live ledgers off, then rebuilding"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO live.reading (meter_id, ts, reading)
SELECT meter_id, ts, reading FROM bench_live_readings($METERS) ORDER BY k, m;
INSERT INTO live.consumption (institution_id, period, carrier, amount, unit, account)
SELECT institution_id, period, carrier::energy.carrier, amount, unit, account FROM bench_live_bills($INSTITUTIONS) ORDER BY mo, i, c;
SQL
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.set_live('live', true)" >/dev/null
psql -X -q -c "VACUUM ANALYZE"
# the two queries of bench/live_report.sql, without comments and semicolons
part() { sed -n "/^-- $1\$/,/^-- $2\$/p" bench/live_report.sql | sed '/^--/d; s/@model@/live/g; s/;$//'; }
declare -A Q=([summaries]="$(part summaries raw)" [raw]="$(part raw end)")
names=(summaries raw)
if [ -n "${OLD:-}" ]; then
  # region_year and what it reads of the roll-ups, as OLD's template has them:
  # before ec28b3c rollup_year and then region_year over it, since then
  # region_year by itself over rollup_input (rollup_year comes last)
  tmpl=$(git show "$OLD:sql/15_model_views.sql" \
         | sed -n '/^CREATE OR REPLACE VIEW @model@.rollup_year AS/,/^CREATE OR REPLACE VIEW @model@.category_year AS/p' | sed '$d')
  if ! grep -q '^CREATE OR REPLACE VIEW @model@.region_year AS' <<<"$tmpl"; then
    tmpl=$(git show "$OLD:sql/15_model_views.sql" \
           | sed -n '/^CREATE OR REPLACE VIEW @model@.region_year AS/,/^CREATE OR REPLACE VIEW @model@.category_year AS/p' | sed '$d')
  fi
  grep -q '^CREATE OR REPLACE VIEW @model@.region_year AS' <<<"$tmpl" \
    || { echo "no region_year view (before category_year) in $OLD's template" >&2; exit 1; }
  tmpl=${tmpl//@model@.rollup_year/@model@.rollup_year_old}
  tmpl=${tmpl//@model@.region_year/@model@.region_year_old}
  psql -X -q -v ON_ERROR_STOP=1 -v tmpl="$tmpl" <<'SQL'
SELECT replace(replace(replace(:'tmpl', '@model@', 'live'), '@rollup_aggregates@', energy.model_rollup_sql('aggregates')),
               '@rollup_columns@', energy.model_rollup_sql('columns')) AS ddl \gset
:ddl
SQL
  Q[old]=$(part summaries raw | sed 's/live\.region_year/live.region_year_old/')
  names=(summaries old raw)
fi
. bench/timing.sh
time_group "SET max_parallel_workers_per_gather = 2;" "${names[@]}"
echo
echo "energy_ext live-ledger report alone — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), commit $(git rev-parse --short HEAD)"
for name in "${names[@]}"; do
  printf '  %-58s %10s ms\n' "$name" "${MS[$name|SET max_parallel_workers_per_gather = 2;]}"
done
if [ -n "${OLD:-}" ]; then
  differ=$(psql -X -qAt -c "SELECT (SELECT count(*) FROM ((${Q[summaries]}) EXCEPT (${Q[old]})) a)
                                   + (SELECT count(*) FROM ((${Q[old]}) EXCEPT (${Q[summaries]})) b)")
  echo "  rows that differ between region_year and region_year as at $OLD: $differ"
fi
