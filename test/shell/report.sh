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

# every error and warning of data quality but the quota ratings is listed with its detail; the ratings are not
while IFS='|' read -r severity rule; do
  grep -q "<tr><td>$severity</td><td>$rule</td>" <<<"$html" || fail "the list of findings to fix has no $severity $rule"
done < <(q "SELECT DISTINCT severity, rule FROM demo.data_quality WHERE severity IN ('error', 'warning') AND rule NOT LIKE 'quota%'")
[ "$(q "SELECT count(*) FROM demo.data_quality WHERE rule LIKE 'quota%'")" -gt 0 ] || fail "no quota rating in data_quality (the check below would test nothing)"
! grep -q '<tr><td>[a-z]*</td><td>quota_' <<<"$html" || fail "quota ratings listed among the findings to fix"
# a national target says it is judged on the model's institutions
grep -qE "<td>cn-14fyp-kgce_per_m2</td><td>全国</td>(<td[^>]*>[^<]*</td>)*<td>[^<]*a national target judged on this model's institutions only" <<<"$html" \
  || fail "the national targets do not say they count the model's institutions only"

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
# what the figures were converted with: the coefficient of electricity (GB/T 2589, 当量值 0.1229 kgce/kWh) and the
# grid factor of each province and year, with the year it is of: the demo model's policy is nearest, so 2023
# takes Guangxi's 2022 factor, 0.4044 kgCO2/kWh (MEE/NBS, factors.md §2)
grep -q '<td>electricity</td><td>kWh</td><td>0.1229 kgce/kWh (gb2589, calorific; GB/T 2589' <<<"$html" || fail "the page does not give electricity's coefficient"
# gasoline, recorded in litres: its density and CO2 factor too (0.725 kg/L; 2.925056 kgCO2/kg = 43.070 GJ/t × 18.9 tC/TJ
# × 0.98 × 44/12 / 1000, factors.md)
grep -q '<td>gasoline</td><td>L</td><td>1.4714 kgce/kg ([^<]*)</td><td>0.725 kg/L ([^<]*)</td><td>2.925056 kgCO2/kg (gb2589; ' <<<"$html" \
  || fail "the page does not give gasoline's coefficient, density and CO2 factor"
grep -q '<td>广西壮族自治区</td><td>2023</td><td>0.4044</td><td>450000</td><td>2022 (no 2023 factor)</td><td>MEE/NBS' <<<"$html" \
  || fail "the page does not say 2023 took Guangxi's 2022 grid factor"
grep -q 'year policy nearest' <<<"$html" || fail "the page does not name the year policy"
# a ratio over fewer institutions than the province has says how many it counts
partial=$(q "SELECT count(*) FROM demo.region_year WHERE level = 'province' AND kgce_per_m2_institutions < institutions")
[ "$partial" -gt 0 ] || fail "the dataset has no province-year with an area missing (the check below would test nothing)"
while IFS='|' read -r name year value n total; do
  grep -q "<td>$name</td><td>$year</td><td>$total</td><td>[^<]*</td><td>$value ($n of $total)</td>" <<<"$html" \
    || fail "province table: $name $year kgce/m² $value does not say ($n of $total)"
done < <(q "SELECT region_name, year, to_char(round(kgce_per_m2::numeric, 3), 'FM999G999G990D000'), kgce_per_m2_institutions, institutions
              FROM demo.region_year WHERE level = 'province' AND kgce_per_m2_institutions < institutions")
# the map's table: grouped by location, the unplaced institutions said and listed
unplaced=$(q "SELECT institutions FROM demo.spatial_region_year WHERE level = 'city' AND unplaced AND year = 2023")
grep -q "and $unplaced have no location or lie outside every region" <<<"$html" || fail "the map does not say $unplaced are unplaced"
grep -q '<td>（未定位）</td><td>'"$unplaced"'</td>.*<td>not on the map</td>' <<<"$html" || fail "the map's table has no unplaced row"
# report.sql over a model that is no demo (no demo_fault table): a page, no error
q "SELECT energy.create_model('bare')" >/dev/null
q "INSERT INTO bare.institution (institution_id, name, region_code, category) VALUES ('B1', 'bare', '450103', '01')"
q "INSERT INTO bare.consumption (institution_id, period, carrier, amount, unit) VALUES ('B1', '[2023-01-01,2024-01-01)', 'electricity', 1000, 'kWh')"
bare=$(psql -X -v ON_ERROR_STOP=1 -d $db -v model=bare -v scale=0 -v seed=0 -v spatial=0 -f tools/report.sql 2>&1) || fail "report.sql over a model without demo_fault: $bare"
grep -q '</html>$' <<<"$bare" || fail "report.sql over a model without demo_fault wrote no page"
# bad arguments are named before anything runs; a model that exists is refused, and the last report stays
for arg in "SCALE=abc|SCALE=abc is not a number" "SEED=x|SEED=x is not a whole number" "SEED=-5|SEED=-5 is not a whole number of 0 or more" "MODEL=Demo2|MODEL=Demo2 is not a plain lower-case name" \
           "MODEL=demo|model demo exists already in database $db: run again with another MODEL="; do
  err=$(env "${arg%%|*}" ENERGY_EXT_DATABASE=$db OUT="$out" bash tools/report.sh 2>&1) && fail "${arg%%|*} accepted"
  grep -qF "${arg#*|}" <<<"$err" || fail "${arg%%|*}: $err"
done
err=$(ENERGY_EXT_DATABASE=$db OUT="$out" bash tools/report.sh --year 2030 2>&1) && fail "an argument accepted (and ignored)"
grep -qF 'it takes no arguments, only settings before the command ("--year" given)' <<<"$err" || fail "--year: $err"
grep -q '^usage: ' <<<"$(bash tools/report.sh --help)" || fail "--help gives no usage"
[ -s "$out/report.html" ] && [ -s "$out/region_year.csv" ] || fail "a refused run removed the last report"
# the page in headless Chromium: a screenshot, no console message
if command -v chromium >/dev/null; then
  [ -s "$out/report.png" ] || fail "no screenshot"
  [ "$(head -c 8 "$out/report.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "report.png is not a PNG"
  [ ! -s "$out/screenshot.log" ] || fail "console messages: $(cat "$out/screenshot.log")"
else
  fail "chromium is not installed (tools/common.sh TEST_PACKAGES)"
fi
echo "ok - report: page, 10 CSV files with BOM, 8 of 8 faults found, Guangxi 2023 kgce $got as made (electricity, PV, gasoline), two maps, quota ratings, rendered in Chromium without console messages"
