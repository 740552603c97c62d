#!/usr/bin/env bash
# The year-end report in one command (issue 15, first version): on a fresh
# Debian 12 machine install what is missing, build and install energy_ext,
# start a throwaway cluster (private data directory and Unix socket, stopped
# afterwards), generate the demonstration dataset (energy.generate_demo),
# and write the report to OUT (default ./out):
#   report.html   one self-contained page: data quality and the injected
#                 faults found, indicators per province and city with
#                 changes, the trend and energy mix as SVG charts, a map per
#                 province (change of kgce per person by city, coloured by
#                 target status), targets, the national mid-term
#                 evaluation and caps
#   *.csv         the BI views, UTF-8 with a byte-order mark (spreadsheets
#                 then read the Chinese text right)
#   map_city.geojson  the cities' figures and polygons for GIS tools
# The map needs the PostGIS companion (energy_ext_postgis); where it cannot be
# installed (an existing server without PostGIS) the page has no map.
# and a summary on the terminal.  Each step prints its time and rows.
#
#   SCALE=1 SEED=2023 OUT=out bash tools/report.sh
#   ENERGY_EXT_DATABASE=mydb bash tools/report.sh   # an existing server (PG*
#       variables) and database: the model "demo" is made there, or MODEL=...
# Quota ratings: against example quotas invented for the demonstration
# (tools/quota_demo_example.csv, from the demo's 2020 kgce per m² of each
# province's categories at SCALE=1 SEED=2023: the 90th percentile, rounded
# up, as the constraint value, the median as the baseline, the 10th
# percentile, rounded down, as the guide; kind example, never a standard), loaded on the throwaway cluster, and in an
# existing database only with EXAMPLE_QUOTAS=1.
# The page is rendered in headless Chromium (Debian package chromium, CJK
# font fonts-wqy-microhei): report.png, with the browser's console messages
# in screenshot.log (none expected); skipped when Chromium is missing on an
# existing server.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
SCALE=${SCALE:-1}
SEED=${SEED:-2023}
OUT=${OUT:-out}
MODEL=${MODEL:-demo}
# the arguments, checked before anything is set up (they go into SQL)
bad_arg() { echo "tools/report.sh: $1" >&2; exit 2; }
# settings are environment variables; an argument would be ignored, so none is taken
usage="usage: [SCALE=1] [SEED=2023] [OUT=out] [MODEL=demo] [ENERGY_EXT_DATABASE=db [EXAMPLE_QUOTAS=1]] bash tools/report.sh"
case "${1:-}" in
  -h|--help) echo "$usage"; exit 0 ;;
  "") ;;
  *) bad_arg "it takes no arguments, only settings before the command (\"$1\" given)
$usage" ;;
esac
[[ $SCALE =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] || bad_arg "SCALE=$SCALE is not a number (SCALE=1 is the full dataset, SCALE=0.1 a tenth)"
[[ $SEED =~ ^[0-9]{1,9}$ ]] || bad_arg "SEED=$SEED is not a whole number of 0 or more (SEED=2023; the same seed gives the same data)"
[[ $MODEL =~ ^[a-z_][a-z0-9_]{0,62}$ ]] \
  || bad_arg "MODEL=$MODEL is not a plain lower-case name (letters a-z, digits, _; at most 63): e.g. MODEL=demo2"
# the report's own sessions plan without JIT: the views' large queries reach
# its cost threshold even with statistics, and compiling them took longer
# than running them (data_quality at scale 1: 6.4 s of 15–17 s compiling)
export PGOPTIONS="-c jit=off ${PGOPTIONS:-}"
t_start=$(date +%s%N)
step_t=0
begin() { step_t=$(date +%s%N); say "$*"; }
done_() { say "  done in $(( ($(date +%s%N) - step_t) / 1000000 )) ms${1:+: $1}"; }

if [ -z "${ENERGY_EXT_DATABASE:-}" ]; then
  begin "setting up: packages, build, a throwaway cluster"
  ensure_packages chromium fonts-wqy-microhei
  build_and_install
  trap stop_cluster EXIT
  start_cluster
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
  done_
else
  export PGDATABASE=$ENERGY_EXT_DATABASE
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS energy_ext"
fi
if [ "$(psql -X -qAt -v ON_ERROR_STOP=1 -c "SELECT to_regclass('$MODEL.institution') IS NOT NULL")" = t ] \
   && [ "$(psql -X -qAt -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM $MODEL.institution")" != 0 ]; then
  bad_arg "model $MODEL exists already in database $(psql -X -qAt -c 'SELECT current_database()'): run again with another MODEL=..., or remove it first (psql -c \"SELECT energy.drop_model('$MODEL')\")"
fi
mkdir -p "$OUT"
# what this run writes, gone before it starts: a file of an earlier run (a
# map, a screenshot, a view's CSV) must never pass for this one's
rm -f "$OUT/report.html" "$OUT/map_city.geojson" "$OUT/report.png" "$OUT/screenshot.log" "$OUT/chromium.log"
for v in institution_year region_year category_year department_year monthly data_quality target_status cap_status quota_rating \
         spatial_region_year; do
  rm -f "$OUT/$v.csv"
done

begin "generating the demonstration dataset into model $MODEL (scale $SCALE, seed $SEED)"
# progress of its steps (NOTICEs on the terminal: share done, elapsed, time left)
rows=$(PGOPTIONS="${PGOPTIONS:-} -c energy.progress=on" psql -X -qAt -v ON_ERROR_STOP=1 -F '=' \
         -c "SELECT * FROM energy.generate_demo('$MODEL', $SCALE, $SEED)" 2> >(sed -u 's/^NOTICE:  /==>   /' >&2) | tr '\n' ' ')
done_ "$rows"

if [ -z "${ENERGY_EXT_DATABASE:-}" ] || [ "${EXAMPLE_QUOTAS:-0}" = 1 ]; then
  begin "loading the example quotas (tools/quota_demo_example.csv, labelled EXAMPLE)"
  psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source, note)
VALUES ('DEMO-21 (example)', '演示用示例定额（辽宁）', '210000', 'example',
        'invented by tools/report.sh for the demonstration (tools/quota_demo_example.csv): the demo''s 2020 kgce per m² per category at SCALE=1 SEED=2023 — the 90th percentile, rounded up, as the constraint value, the median as the baseline, the 10th percentile, rounded down, as the guide',
        'EXAMPLE, not a standard'),
       ('DEMO-45 (example)', '演示用示例定额（广西）', '450000', 'example',
        'invented by tools/report.sh for the demonstration (tools/quota_demo_example.csv): the demo''s 2020 kgce per m² per category at SCALE=1 SEED=2023 — the 90th percentile, rounded up, as the constraint value, the median as the baseline, the 10th percentile, rounded down, as the guide',
        'EXAMPLE, not a standard')
ON CONFLICT (standard) DO UPDATE SET source = EXCLUDED.source;
SQL
  if [ "$(psql -X -qAt -c "SELECT count(*) FROM energy.quota_value WHERE standard LIKE 'DEMO-__ (example)'")" = 0 ]; then
    psql -X -q -v ON_ERROR_STOP=1 -c "\\copy energy.quota_value (standard, region_code, category, indicator, energy_scope, electricity_basis, constraint_value, baseline_value, guide_value, note) FROM 'tools/quota_demo_example.csv' (FORMAT csv, HEADER)"
  fi
  done_ "$(psql -X -qAt -c "SELECT count(*) FROM $MODEL.quota_rating") ratings"
fi

begin "placing the institutions on the synthetic map (energy_ext_postgis)"
spatial=0
if err=$(psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
           -c "CREATE EXTENSION IF NOT EXISTS energy_ext_postgis CASCADE" 2>&1); then
  psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.demo_locations('$MODEL', $SEED)" >/dev/null
  spatial=1
  done_ "$(psql -X -qAt -c "SELECT placed || ' placed, ' || outside || ' outside every region, ' || mismatches
                             || ' contradicting region_code' FROM energy.place_institutions('$MODEL')")"
else
  say "  no map: energy_ext_postgis cannot be installed here ($err)"
fi

# The data-quality checks read every reading: run them once, into a table
# of a schema of this run's own, which the page, the CSV file and the
# summary read (dropped at the end).
snap="energy_report_$$"
drop_snapshot() { psql -X -q -c "DROP SCHEMA IF EXISTS $snap CASCADE" >/dev/null 2>&1 || true; }
if [ -z "${ENERGY_EXT_DATABASE:-}" ]; then trap 'drop_snapshot; stop_cluster' EXIT; else trap drop_snapshot EXIT; fi
begin "checking the data (data_quality)"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $snap" \
  -c "CREATE UNLOGGED TABLE $snap.data_quality AS SELECT * FROM $MODEL.data_quality"
done_ "$(psql -X -qAt -c "SELECT count(*) FROM $snap.data_quality") findings"

begin "writing $OUT/report.html"
psql -X -q -v ON_ERROR_STOP=1 -v model="$MODEL" -v scale="$SCALE" -v seed="$SEED" -v spatial="$spatial" \
  -v quality="$snap.data_quality" -f tools/report.sql >"$OUT/report.html"
done_ "$(wc -c <"$OUT/report.html") bytes"

begin "exporting the BI views as CSV (UTF-8 with BOM)"
views="institution_year region_year category_year department_year monthly data_quality target_status cap_status quota_rating"
[ "$spatial" = 1 ] && views="$views spatial_region_year"
for v in $views; do
  src="$MODEL.$v"
  [ "$v" = data_quality ] && src="$snap.data_quality"
  { printf '\xef\xbb\xbf'; psql -X -q -v ON_ERROR_STOP=1 -c "\\copy (SELECT * FROM $src) TO STDOUT (FORMAT csv, HEADER, ENCODING 'UTF8')"; } >"$OUT/$v.csv"
done
if [ "$spatial" = 1 ]; then
  psql -X -qAt -v ON_ERROR_STOP=1 -c "SELECT energy.map_geojson('$MODEL', 'kgce_per_person', (SELECT max(year) FROM $MODEL.region_year), 'city', 0.01)" \
    >"$OUT/map_city.geojson"
fi
csvs=()
for v in $views; do csvs+=("$OUT/$v.csv"); done
done_ "$(cat "${csvs[@]}" | wc -l) lines in ${#csvs[@]} files"

if command -v chromium >/dev/null; then
  begin "rendering the page in headless Chromium: $OUT/report.png"
  sandbox=""
  [ "$(id -u)" -eq 0 ] && sandbox="--no-sandbox"   # Chromium's sandbox refuses root
  # headless Chromium shoots the window only: a window as tall as the page, estimated generously from its table rows (90 px
  # each, long details wrap) and charts, and a screen's height for the headings and notes
  svg_h=$(grep -o '<svg[^>]*height="[0-9]*"' "$OUT/report.html" | grep -o '[0-9]*"$' | tr -d '"' | awk '{ s += $1 } END { print s + 0 }')
  page_h=$(( 1500 + 90 * $(grep -o '<tr>' "$OUT/report.html" | wc -l) + ${svg_h:-0} ))
  chromium --headless $sandbox --disable-gpu --hide-scrollbars --window-size=1100,$page_h --force-device-scale-factor=0.6 \
    --enable-logging=stderr --v=0 --screenshot="$OUT/report.png" "file://$(cd "$OUT" && pwd)/report.html" >"$OUT/chromium.log" 2>&1 || true
  grep ':CONSOLE' "$OUT/chromium.log" >"$OUT/screenshot.log" || true
  [ -s "$OUT/report.png" ] || { cat "$OUT/chromium.log" >&2; say "  Chromium wrote no screenshot"; }
  done_ "$(wc -c <"$OUT/report.png" 2>/dev/null || echo 0) bytes, $(wc -l <"$OUT/screenshot.log") console messages"
else
  say "no screenshot: chromium is not installed (apt-get install chromium fonts-wqy-microhei)"
fi

# the summary
psql -X -q -v ON_ERROR_STOP=1 <<SQL
\pset footer off
\echo
\echo 'Data quality: findings by rule (quota_* are ratings against the quotas, not data errors)'
SELECT rule, severity, count(*) AS findings FROM $snap.data_quality GROUP BY 1, 2 ORDER BY 2, 1;
\echo 'Errors and warnings to fix (quota ratings apart; all of them in report.html and data_quality.csv)'
SELECT severity, rule, institution_id, year, left(detail, 110) AS detail FROM $snap.data_quality
 WHERE severity IN ('error', 'warning') AND rule NOT LIKE 'quota%' ORDER BY severity, rule, institution_id, year LIMIT 20;
\echo 'Injected faults found (faults that have a rule)'
SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM $snap.data_quality q WHERE q.rule = f.rule AND q.institution_id = f.institution_id))
       || ' of ' || count(*) AS found
  FROM $MODEL.demo_fault f WHERE f.rule IS NOT NULL;
\echo 'Per province ("(9 of 10)": the figure counts fewer institutions than the province has that year)'
SELECT region_name AS province, year, institutions,
       round(tce::numeric, 1) || CASE WHEN kgce_institutions < institutions THEN ' (' || kgce_institutions || ' of ' || institutions || ')' ELSE '' END AS tce,
       round(kgce_per_m2::numeric, 3) || CASE WHEN kgce_per_m2_institutions < institutions
                                              THEN ' (' || kgce_per_m2_institutions || ' of ' || institutions || ')' ELSE '' END AS kgce_per_m2,
       round((100 * kgce_per_m2_change)::numeric, 2) AS "change %",
       round(kgce_per_person::numeric, 2) || CASE WHEN kgce_per_person_institutions < institutions
                                                  THEN ' (' || kgce_per_person_institutions || ' of ' || institutions || ')' ELSE '' END AS kgce_per_person
  FROM $MODEL.region_year WHERE level = 'province' ORDER BY region_code, year;
\echo 'Targets in the last year of data'
SELECT target_id, round(actual_value::numeric, 3) AS actual, round(required_value::numeric, 3) AS required, status,
       institutions_counted || ' of ' || institutions AS counted
  FROM $MODEL.target_status WHERE year = (SELECT max(year) FROM $MODEL.region_year) AND kind <> 'cap' ORDER BY target_id;
SQL
say "report in $OUT/ (report.html and ${#csvs[@]} CSV files), $(( ($(date +%s%N) - t_start) / 1000000000 )) s in all"
