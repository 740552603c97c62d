#!/usr/bin/env bash
# A mixed load (issue 14): 8 pgbench clients for 60 s (LOAD_SECONDS) on the
# demonstration model — reading ingest (single readings and batches of 24,
# late ones among them), bills, corrections, report queries (region_year,
# monthly, target_status) and reference-data updates (a provincial office
# adding and withdrawing a future year's grid factor, a user factor set's
# revision) at once.  No transaction may fail (a deadlock or a
# serialization error would count as one), and afterwards the live
# summaries must equal a recomputation from the raw rows
# (energy.verify_model).  Runs against the cluster of tools/test.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -v ON_ERROR_STOP=1 -qtA -d ld -c "$1"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"; dropdb --if-exists ld 2>/dev/null' EXIT
PGBENCH=${PGBIN:-/usr/lib/postgresql/15/bin}/pgbench
SECONDS_=${LOAD_SECONDS:-60}

createdb ld
q "CREATE EXTENSION energy_ext"
q "SELECT energy.generate_demo('m', 0.1, 11)" >/dev/null
meters=$(q "SELECT count(*) FROM m.meter WHERE modulus IS NULL")
institutions=$(q "SELECT count(*) FROM m.institution")
before=$(q "SELECT count(*) FROM m.reading")
q "INSERT INTO energy.factor_set (name, parent, description) VALUES ('load_test', 'gb2589', 'test/shell/load.sh: revised during the load')"

# readings for a random meter at a random hour of 2024 (the demo's registers
# end at its first instant, hour 0): appended after the last, or late
# (between); a reading is a function of its hour, so two clients writing
# the same one agree
cat >"$dir/reading.sql" <<EOF
\\set m random(1, $meters)
\\set h random(1, 8000)
INSERT INTO m.reading (meter_id, ts, reading)
SELECT meter_id, '2024-01-01 00:00+08'::timestamptz + :h * interval '1 hour', 1e7 + :h * 2.5
  FROM (SELECT meter_id FROM m.meter WHERE modulus IS NULL ORDER BY meter_id OFFSET :m - 1 LIMIT 1) x;
EOF
cat >"$dir/batch.sql" <<EOF
\\set m random(1, $meters)
\\set h random(1, 8000)
INSERT INTO m.reading (meter_id, ts, reading)
SELECT meter_id, '2024-01-01 00:00+08'::timestamptz + (:h + k) * interval '1 hour', 1e7 + (:h + k) * 2.5
  FROM (SELECT meter_id FROM m.meter WHERE modulus IS NULL ORDER BY meter_id OFFSET :m - 1 LIMIT 1) x, generate_series(0, 23) k;
EOF
cat >"$dir/bill.sql" <<EOF
\\set i random(1, $institutions)
\\set d random(0, 330)
INSERT INTO m.consumption (institution_id, period, carrier, amount, unit, source)
SELECT institution_id, daterange(date '2024-01-01' + :d, date '2024-01-01' + :d + 30), 'water', 10 + :d, 't', 'load'
  FROM (SELECT institution_id FROM m.institution ORDER BY institution_id OFFSET :i - 1 LIMIT 1) x;
EOF
cat >"$dir/fix.sql" <<EOF
\\set i random(1, $institutions)
UPDATE m.consumption SET amount = amount + 1
 WHERE consumption_id = (SELECT min(consumption_id) FROM m.consumption
                          WHERE source = 'load' AND institution_id = (SELECT institution_id FROM m.institution ORDER BY institution_id OFFSET :i - 1 LIMIT 1));
DELETE FROM m.reading WHERE (meter_id, ts) IN (SELECT meter_id, ts FROM m.reading WHERE ts >= '2024-06-01' ORDER BY ts LIMIT 1);
EOF
cat >"$dir/report.sql" <<'EOF'
SELECT count(*), sum(kgce) FROM m.region_year WHERE year = 2023;
SELECT count(*) FROM m.monthly WHERE month >= '2023-01-01';
SELECT count(*) FROM m.target_status;
EOF
cat >"$dir/factor.sql" <<'EOF'
\set y random(2030, 2090)
BEGIN;
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade)
VALUES ('mee_nbs', 'average', '450000', :y, 0.4, 'test/shell/load.sh', 'user');
DELETE FROM energy.grid_factor WHERE source = 'test/shell/load.sh' AND data_year = :y;
-- a revision for a day of the client's own: two clients' rows never overlap
-- (each transaction's rows are loaded at its start, now(), so a client's
-- successive rows are revisions of each other)
INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade, valid_from, valid_to)
VALUES ('load_test', 'natural_gas', 1.2 + :y / 100000.0, 'm³', 'test/shell/load.sh', 'user',
        date '2000-01-01' + :client_id, date '2000-01-02' + :client_id);
COMMIT;
EOF

"$PGBENCH" -n -d ld -c 8 -j 2 -T "$SECONDS_" -f "$dir/reading.sql@6" -f "$dir/batch.sql@3" -f "$dir/bill.sql@2" \
  -f "$dir/fix.sql@1" -f "$dir/report.sql@2" -f "$dir/factor.sql@1" >"$dir/pgbench.log" 2>&1 \
  || { cat "$dir/pgbench.log"; fail "pgbench reported failed clients"; }
cat "$dir/pgbench.log"
grep -Eq '^number of failed transactions: 0 ' "$dir/pgbench.log" || fail "failed transactions"
done_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\)$/\1/p' "$dir/pgbench.log")
[ -n "$done_tx" ] && [ "$done_tx" -gt 100 ] || fail "only ${done_tx:-no} transactions"
grep -q 'aborted' "$dir/pgbench.log" && fail "a client was aborted"

after=$(q "SELECT count(*) FROM m.reading")
[ "$after" -gt "$before" ] || fail "no reading was written ($before before, $after after)"
revisions=$(q "SELECT count(*) FROM energy.coal_factor WHERE factor_set = 'load_test'")
[ "$revisions" -gt 0 ] || fail "no factor revision was written"
bad=$(q "SELECT count(*) FROM energy.verify_model('m')")
[ "$bad" = 0 ] || { q "SELECT * FROM energy.verify_model('m') LIMIT 20"; fail "$bad differences from a recomputation"; }
# Two writers of reference data at once, whose rows clash only together
# (loaded at the same instant, overlapping periods): the second waits for
# the first and is refused, rather than both committing rows that would
# make every conversion fail.
clash="INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade, valid_from, loaded_at)
       VALUES ('load_test', 'diesel', 1.4571, 'kg', 'test/shell/load.sh', 'user'"
q "$clash, '2010-01-01', '2026-01-01 00:00+00'); SELECT pg_sleep(2)" >/dev/null &
first=$!
sleep 0.5
if err=$(q "$clash, '2011-01-01', '2026-01-01 00:00+00')" 2>&1); then fail "two clashing factor rows both committed"; fi
wait "$first" || fail "the first writer failed"
grep -q 'overlaps energy.coal_factor row (load_test, diesel, calorific, 2010-01-01 .. infinity)' <<<"$err" || fail "unexpected error: $err"
[ "$(q "SELECT count(*) FROM energy.coal_factor WHERE factor_set = 'load_test' AND carrier::text = 'diesel'")" = 1 ] || fail "clashing rows"
[ "$(q "SELECT energy.kgce('diesel', 1, 'kg', '2020-06-30', 'load_test')")" = 1.4571 ] || fail "conversions broken"

echo "mixed load: $done_tx transactions in ${SECONDS_} s by 8 clients, none failed; $((after - before)) readings, $revisions factor revisions; summaries equal to a recomputation"
