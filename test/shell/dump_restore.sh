#!/usr/bin/env bash
# User reference data survives pg_dump/restore (custom and plain formats);
# shipped rows are restored once, by CREATE EXTENSION, not duplicated; a
# frozen year keeps its figures across the restore; a model's live ledgers
# are not taken for stale after it.
# Runs against the cluster of tools/test.sh (PGHOST/PGPORT/PGUSER set).
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -v ON_ERROR_STOP=1 -qtA -d "$1" -c "$2"; }
dir=$(mktemp -d); trap 'rm -rf "$dir"; for d in dr_src dr_custom dr_plain; do dropdb --if-exists $d 2>/dev/null; done' EXIT

createdb dr_src
q dr_src "CREATE EXTENSION energy_ext"
q dr_src "INSERT INTO energy.factor_set (name, parent, description) VALUES ('campus', 'gb2589', 'measured on our campus')"
q dr_src "INSERT INTO energy.coal_factor (factor_set, carrier, valid_from, valid_to, kgce_per_unit, per_unit, source, grade)
          VALUES ('campus', 'natural_gas', '2024-01-01', '2025-01-01', 1.1, 'm³', 'supplier certificate', 'measured')"
q dr_src "INSERT INTO energy.density (factor_set, carrier, kg_per_l, source, grade)
          VALUES ('campus', 'lpg', 0.55, 'supplier certificate', 'measured')"
q dr_src "CREATE TABLE bills (carrier energy.carrier, amount float8, unit text, on_date date)"
q dr_src "INSERT INTO bills VALUES ('天然气', 100, 'm³', '2024-05-01'), ('lpg', 100, 'L', '2024-05-01'), ('电力', 12500, 'kWh', '2024-05-01')"
# A frozen year (2022) and a revision loaded after the freeze, in later transactions.
q dr_src "SELECT energy.freeze_year(2022, 'annual report 2022')" >/dev/null
q dr_src "INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade)
          VALUES ('mee_nbs', 'average', '210000', 2022, 0.6, 'revision (test)', 'B'),
                 ('mee_nbs', 'average', '210000', 2021, 0.6, 'revision (test)', 'B')"
# Stored aggregates: a daily ledger table and a meter summary table.
q dr_src "CREATE TABLE daily AS SELECT on_date, energy.ledger(carrier, amount, unit, on_date, '450000') AS l
          FROM bills WHERE carrier OPERATOR(energy.<>) 'lpg' GROUP BY on_date"
q dr_src "CREATE TABLE meters AS SELECT 'M-1'::text AS meter, energy.meter_agg(ts, r, 100000, 40) AS s
          FROM (VALUES ('2024-01-01'::timestamptz, 99990::float8), ('2024-02-01', 15), ('2024-03-01', 40)) v(ts, r)"
stored="SELECT (SELECT string_agg(l::text, '|' ORDER BY on_date) FROM daily) || '|' || (SELECT s::text FROM meters)"
want_stored=$(q dr_src "$stored")
report="SELECT string_agg(carrier || '=' || energy.kgce(carrier, amount, unit, on_date, 'campus'), ' ' ORDER BY carrier)
        || ' co2_2022=' || energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000')
        || ' co2_2021=' || energy.kgco2('electricity', 1000, 'kWh', '2021-06-30', '210000') FROM bills"
counts="SELECT (SELECT count(*) FROM energy.factor_set) || '/' || (SELECT count(*) FROM energy.coal_factor) || '/' || (SELECT count(*) FROM energy.density)
        || '/' || (SELECT count(*) FROM energy.grid_factor) || '/' || (SELECT count(*) FROM energy.frozen_year)"
want_report=$(q dr_src "$report")
want_counts=$(q dr_src "$counts")
# Hand check of the source: 1.1 × 100; 0.55 × 100 × 1.7143; 12 500 × 0.1229;
# 2022 frozen at 1 000 × 0.5626; 2021 open, revised to 1 000 × 0.6.
[ "$want_report" = "electricity=1536.25 lpg=94.2865 natural_gas=110 co2_2022=562.6 co2_2021=600" ] || fail "source report: $want_report"

# A model written after all of that: what its live ledgers were computed with
# (ledger_basis) is what the restored reference data give, so its
# data_quality finds no ledgers_stale after a restore.
q dr_src "SELECT energy.create_model('m')" >/dev/null
q dr_src "INSERT INTO m.institution (institution_id, name, region_code, category) VALUES ('A', '辽宁某机关', '210102', '01')"
q dr_src "INSERT INTO m.consumption (institution_id, period, carrier, amount) VALUES ('A', '[2021-01-01,2022-01-01)', 'electricity', 1000)"
model="SELECT (SELECT energy.kgco2(ledger) FROM m.year_ledger) || ' stale=' || (SELECT count(*) FROM m.data_quality WHERE rule = 'ledgers_stale')
       || ' differences=' || (SELECT count(*) FROM energy.verify_model('m'))"
# 2021 open, revised: 1 000 kWh × 0.6
[ "$(q dr_src "$model")" = "600 stale=0 differences=0" ] || fail "source model: $(q dr_src "$model")"

pg_dump -Fc -d dr_src -f "$dir/db.dump"
createdb dr_custom
pg_restore --exit-on-error -d dr_custom "$dir/db.dump" || fail "pg_restore (custom format) reported errors"
pg_dump -Fp -d dr_src -f "$dir/db.sql"
createdb dr_plain
psql -X -q -v ON_ERROR_STOP=1 -d dr_plain -f "$dir/db.sql" >/dev/null || fail "plain-format restore reported errors"

for db in dr_custom dr_plain; do
  got_counts=$(q $db "$counts")
  [ "$got_counts" = "$want_counts" ] || fail "$db: sets/coefficients/densities $got_counts, expected $want_counts"
  got_report=$(q $db "$report")
  [ "$got_report" = "$want_report" ] || fail "$db: report $got_report, expected $want_report"
  [ "$(q $db "$stored")" = "$want_stored" ] || fail "$db: stored ledgers and meter summaries differ after restore"
  consumption=$(q $db "SELECT energy.consumption(s) FROM meters")
  # 99 990 -> 15 rolls over: 100 000 - 99 990 + 15 = 25; then 15 -> 40: 25; (25 + 25) × 40 = 2 000
  [ "$consumption" = 2000 ] || fail "$db: meter consumption $consumption, expected 2000"
  shipped=$(q $db "SELECT count(*) FROM energy.coal_factor WHERE shipped")
  [ "$shipped" = 21 ] || fail "$db: $shipped shipped coefficients, expected 21"
  user=$(q $db "SELECT count(*) FROM energy.coal_factor WHERE NOT shipped")
  [ "$user" = 1 ] || fail "$db: $user user coefficients, expected 1"
  got_model=$(q $db "$model")
  [ "$got_model" = "600 stale=0 differences=0" ] || fail "$db: model $got_model, expected 600 stale=0 differences=0"
  echo "ok - $db: counts $got_counts, report $got_report, model $got_model"
done
