#!/usr/bin/env bash
# The one-command report (tools/report.sh) end to end at a small scale, on the
# cluster of tools/test.sh (ENERGY_EXT_DATABASE: no cluster of its own): it
# must write the page and the CSV files, find every injected fault that has a
# rule, and report Guangxi's 2023 standard coal as the generator made it
# (electricity only there: Σ kWh × 0.1229).
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
db=report_test
out=$(mktemp -d)
trap 'rm -rf "$out"; dropdb --if-exists $db 2>/dev/null' EXIT
dropdb --if-exists $db 2>/dev/null; createdb $db
q() { psql -X -qtA -v ON_ERROR_STOP=1 -d $db -c "$1"; }

log=$(ENERGY_EXT_DATABASE=$db SCALE=0.06 SEED=11 OUT="$out" bash tools/report.sh 2>&1) || { echo "$log" >&2; fail "tools/report.sh failed"; }
echo "$log" | grep -q '^ 6 of 6$' || { echo "$log" >&2; fail "the summary does not say 6 of 6 faults found"; }

[ -s "$out/report.html" ] || fail "no report.html"
html=$(cat "$out/report.html")
[ "$(grep -o '<svg' <<<"$html" | wc -l)" = 2 ] || fail "report.html: not two charts"
grep -q '辽宁省' <<<"$html" && grep -q '广西壮族自治区' <<<"$html" || fail "report.html: provinces missing"
[ "$(grep -o '<td>found</td>' <<<"$html" | wc -l)" = 6 ] || fail "report.html: not 6 faults found"
! grep -q 'NOT FOUND' <<<"$html" || fail "report.html: a fault not found"

n=0
for f in "$out"/*.csv; do
  [ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "$(basename "$f") does not begin with a byte-order mark"
  n=$((n + 1))
done
[ $n = 9 ] || fail "$n CSV files, expected 9"
for rule in $(q "SELECT rule FROM demo.demo_fault WHERE rule IS NOT NULL"); do
  grep -q ",$rule," "$out/data_quality.csv" || fail "data_quality.csv has no $rule"
done

# Guangxi 2023: the standard coal of the electricity the generator made
want=$(q "SELECT round(sum(e.amount * 0.1229)::numeric, 6) FROM demo.demo_expected e JOIN demo.institution i USING (institution_id)
          WHERE e.year = 2023 AND e.carrier::text = 'electricity' AND i.region_code LIKE '45%'")
got=$(q "SELECT round(kgce::numeric, 6) FROM demo.region_year WHERE level = 'province' AND region_code = '450000' AND year = 2023")
[ "$got" = "$want" ] || fail "Guangxi 2023 kgce $got, made $want"
csv=$(q "SELECT kgce FROM demo.region_year WHERE level = 'province' AND region_code = '450000' AND year = 2023")
grep -q "^province,450000,.*,2023,[0-9]*,$csv," "$out/region_year.csv" || fail "region_year.csv does not hold Guangxi 2023 kgce $csv"
echo "ok - report: page, 9 CSV files with BOM, 6 of 6 faults found, Guangxi 2023 kgce $got as made"
