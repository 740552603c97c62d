#!/usr/bin/env bash
# The year-end report in one command (issue 15, first version): on a fresh
# Debian 12 machine install what is missing, build and install energy_ext,
# start a throwaway cluster (private data directory and Unix socket, stopped
# afterwards), generate the demonstration dataset (energy.generate_demo),
# and write the report to OUT (default ./out):
#   report.html   one self-contained page: data quality and the injected
#                 faults found, indicators per province and city with
#                 changes, the trend and energy mix as SVG charts, targets
#                 and caps
#   *.csv         the BI views, UTF-8 with a byte-order mark (spreadsheets
#                 then read the Chinese text right)
# and a summary on the terminal.  Each step prints its time and rows.
#
#   SCALE=1 SEED=2023 OUT=out bash tools/report.sh
#   ENERGY_EXT_DATABASE=mydb bash tools/report.sh   # an existing server (PG*
#       variables) and database: the model "demo" is made there, or MODEL=...
# Not yet: the choropleth map (regions, issue 12), quota ratings in the page,
# a screenshot in headless Chromium, progress with an ETA inside a step.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
SCALE=${SCALE:-1}
SEED=${SEED:-2023}
OUT=${OUT:-out}
MODEL=${MODEL:-demo}
t_start=$(date +%s%N)
step_t=0
begin() { step_t=$(date +%s%N); say "$*"; }
done_() { say "  done in $(( ($(date +%s%N) - step_t) / 1000000 )) ms${1:+: $1}"; }

if [ -z "${ENERGY_EXT_DATABASE:-}" ]; then
  begin "setting up: packages, build, a throwaway cluster"
  ensure_packages
  build_and_install
  trap stop_cluster EXIT
  start_cluster
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
  done_
else
  export PGDATABASE=$ENERGY_EXT_DATABASE
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS energy_ext"
fi
mkdir -p "$OUT"

begin "generating the demonstration dataset into model $MODEL (scale $SCALE, seed $SEED)"
rows=$(psql -X -qAt -v ON_ERROR_STOP=1 -F '=' -c "SELECT * FROM energy.generate_demo('$MODEL', $SCALE, $SEED)" | tr '\n' ' ')
done_ "$rows"

begin "writing $OUT/report.html"
psql -X -q -v ON_ERROR_STOP=1 -v model="$MODEL" -v scale="$SCALE" -v seed="$SEED" -f tools/report.sql >"$OUT/report.html"
done_ "$(wc -c <"$OUT/report.html") bytes"

begin "exporting the BI views as CSV (UTF-8 with BOM)"
for v in institution_year region_year category_year department_year monthly data_quality target_status cap_status quota_rating; do
  { printf '\xef\xbb\xbf'; psql -X -q -v ON_ERROR_STOP=1 -c "\\copy (SELECT * FROM $MODEL.$v) TO STDOUT (FORMAT csv, HEADER, ENCODING 'UTF8')"; } >"$OUT/$v.csv"
done
done_ "$(cat "$OUT"/*.csv | wc -l) lines in $(ls "$OUT"/*.csv | wc -l) files"

# the summary
psql -X -q -v ON_ERROR_STOP=1 <<SQL
\pset footer off
\echo
\echo 'Data quality: findings by rule'
SELECT rule, severity, count(*) AS findings FROM $MODEL.data_quality GROUP BY 1, 2 ORDER BY 2, 1;
\echo 'Injected faults found (faults that have a rule)'
SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM $MODEL.data_quality q WHERE q.rule = f.rule AND q.institution_id = f.institution_id))
       || ' of ' || count(*) AS found
  FROM $MODEL.demo_fault f WHERE f.rule IS NOT NULL;
\echo 'Per province'
SELECT region_name AS province, year, round(tce::numeric, 1) AS tce, round(kgce_per_m2::numeric, 3) AS kgce_per_m2,
       round((100 * kgce_per_m2_change)::numeric, 2) AS "change %", round(kgce_per_person::numeric, 2) AS kgce_per_person
  FROM $MODEL.region_year WHERE level = 'province' ORDER BY region_code, year;
\echo 'Targets in the last year'
SELECT target_id, round(actual_value::numeric, 3) AS actual, round(required_value::numeric, 3) AS required, status
  FROM $MODEL.target_status WHERE year = (SELECT max(year) FROM $MODEL.target_status) AND kind <> 'cap' ORDER BY target_id;
SQL
say "report in $OUT/ (report.html and $(ls "$OUT"/*.csv | wc -l) CSV files), $(( ($(date +%s%N) - t_start) / 1000000000 )) s in all"
