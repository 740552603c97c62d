#!/usr/bin/env bash
# The one-command report (tools/report.sh) end to end at a small scale, on the
# cluster of tools/test.sh (ENERGY_EXT_DATABASE: no cluster of its own, the
# example quotas asked for): it must write the page and the CSV files, find
# every injected fault that has a rule (the two location faults included),
# report Guangxi's 2023 standard coal as the generator made it (its
# electricity, PV and gasoline there), draw a map per province with every city's
# status as energy.map_regions judges it, and rate against the example quotas.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
db=report_test
out=test/out/report   # kept: the CI artefacts (the page, its screenshot)
rm -rf "$out"; mkdir -p "$out"
trap 'dropdb --if-exists $db 2>/dev/null' EXIT
dropdb --if-exists $db 2>/dev/null; createdb $db
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d $db -c "$1"; }

log=$(ENERGY_EXT_DATABASE=$db EXAMPLE_QUOTAS=1 SCALE=0.06 SEED=11 OUT="$out" bash tools/report.sh 2>&1) || { echo "$log" >&2; fail "tools/report.sh failed"; }
grep -q '^==>   demo demo: hourly readings — [0-9]* % done, [0-9.]* s elapsed, about [0-9]* s left$' <<<"$log" \
  || { echo "$log" >&2; fail "no progress of the dataset's steps"; }
grep -q '^==>   demo demo: live summaries rebuilt — 100 % done' <<<"$log" || fail "no progress at the end"
grep -q '^ 8 of 8$' <<<"$log" || { echo "$log" >&2; fail "the summary does not say 8 of 8 faults found"; }
# the data-quality checks run once (a step of their own), into a schema the run drops
grep -q '^==>   done in [0-9]* ms: [0-9]* findings$' <<<"$log" || { echo "$log" >&2; fail "no data-quality step"; }
[ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'energy\_report\_%'")" = 0 ] || fail "the run left its schema"

[ -s "$out/report.html" ] || fail "no report.html"
html=$(cat "$out/report.html")
[ "$(grep -o '<svg' <<<"$html" | wc -l)" = 4 ] || fail "report.html: not two charts and two maps"
grep -q '辽宁省' <<<"$html" && grep -q '广西壮族自治区' <<<"$html" || fail "report.html: provinces missing"
[ "$(grep -o '<td>found</td>' <<<"$html" | wc -l)" = 8 ] || fail "report.html: not 8 faults found"
! grep -q 'NOT FOUND' <<<"$html" || fail "report.html: a fault not found"

n=0
for f in "$out"/*.csv; do
  [ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "$(basename "$f") does not begin with a byte-order mark"
  n=$((n + 1))
done
[ $n = 10 ] || fail "$n CSV files, expected 10"
for rule in $(q "SELECT rule FROM demo.demo_fault WHERE rule IS NOT NULL"); do
  grep -q ",$rule," "$out/data_quality.csv" || fail "data_quality.csv has no $rule"
done

# Guangxi 2023: the standard coal of what the generator made there — electricity (the grid's and PV,
# 0.1229 kgce/kWh) and gasoline (0.725 kg/L × 1.4714 kgce/kg); no gas or heat in Guangxi, and the
# data-centre room's sub-meters add nothing
want=$(q "SELECT round(sum(e.amount * CASE e.carrier::text WHEN 'gasoline' THEN 0.725 * 1.4714 ELSE 0.1229 END)::numeric, 6)
            FROM demo.demo_expected e JOIN demo.institution i USING (institution_id)
           WHERE e.year = 2023 AND i.region_code LIKE '45%' AND e.end_use IN ('building', 'pv_generation', 'vehicle')
             AND e.carrier::text IN ('electricity', 'pv', 'gasoline')")
got=$(q "SELECT round(kgce::numeric, 6) FROM demo.region_year WHERE level = 'province' AND region_code = '450000' AND year = 2023")
[ "$got" = "$want" ] || fail "Guangxi 2023 kgce $got, made $want"
csv=$(q "SELECT kgce FROM demo.region_year WHERE level = 'province' AND region_code = '450000' AND year = 2023")
grep -q "^province,450000,.*,2023,[0-9]*,$csv," "$out/region_year.csv" || fail "region_year.csv does not hold Guangxi 2023 kgce $csv"
# the maps: 14 cities each, and each city's status in the table as map_regions says
[ "$(grep -o '<path id="r21[0-9]*"' <<<"$html" | wc -l)" = 14 ] || fail "Liaoning's map has not 14 cities"
[ "$(grep -o '<path id="r45[0-9]*"' <<<"$html" | wc -l)" = 14 ] || fail "Guangxi's map has not 14 cities"
grep -q 'NOT boundaries' <<<"$html" || fail "the map does not say its regions are not boundaries"
while IFS='|' read -r name status; do
  grep -q "<td>$name</td>.*<td class=\"[a-z]*\">$status</td>" <<<"$html" || fail "map table: $name is not $status"
done < <(q "SELECT name_zh, status FROM energy.map_regions('demo', 'kgce_per_person', 2023, 'city')")
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['features']) == 28" "$out/map_city.geojson" \
  || fail "map_city.geojson has not 28 cities"
# quota ratings against the example quotas, as the view counts them
while IFS='|' read -r standard rating n; do
  grep -q "<td>$standard</td><td>kgce_per_m2</td><td>$rating</td><td>$n</td>" <<<"$html" || fail "quota table: $standard $rating $n"
done < <(q "SELECT standard, rating, count(*) FROM demo.quota_rating WHERE year = 2023 GROUP BY 1, 2")
[ "$(q "SELECT count(*) FROM demo.quota_rating WHERE year = 2023")" -gt 0 ] || fail "no quota ratings"
# the national mid-term evaluation from the published figures: 17.90 kgce/m² in 2023 against 17.920 required
grep -q '<td>cn-14fyp-kgce_per_m2</td><td>[^<]*</td><td>2023</td><td>17.900</td><td>17.920</td><td>[^<]*</td><td>[^<]*</td><td class="met">on track</td>' <<<"$html" \
  || fail "the national mid-term evaluation is missing"
# the page in headless Chromium: a screenshot, no console message
if command -v chromium >/dev/null; then
  [ -s "$out/report.png" ] || fail "no screenshot"
  [ "$(head -c 8 "$out/report.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "report.png is not a PNG"
  [ ! -s "$out/screenshot.log" ] || fail "console messages: $(cat "$out/screenshot.log")"
else
  fail "chromium is not installed (tools/common.sh TEST_PACKAGES)"
fi
echo "ok - report: page, 10 CSV files with BOM, 8 of 8 faults found, Guangxi 2023 kgce $got as made (electricity, PV, gasoline), two maps, quota ratings, rendered in Chromium without console messages"
