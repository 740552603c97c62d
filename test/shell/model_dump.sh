#!/usr/bin/env bash
# A database with two loaded reporting models survives pg_dump/restore (custom
# and plain formats): every view of both models prints the same rows, the
# register of models, the user's own division code, target, published
# figure and quota standard come back once, and in the restored database
# DROP EXTENSION still refuses while the models exist;
# the live summaries come back equal to a recomputation and stay live.
# Runs against the cluster of tools/test.sh (PGHOST/PGPORT/PGUSER set).
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -v ON_ERROR_STOP=1 -qtA -d "$1" -c "$2"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"; for d in md_src md_custom md_plain md_parallel; do dropdb --if-exists $d 2>/dev/null; done' EXIT

createdb md_src
q md_src "CREATE EXTENSION energy_ext"
q md_src "SELECT energy.create_model('prov', 'official round')" >/dev/null
q md_src "SELECT energy.create_model('sandbox', NULL, 'UTC')" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d md_src -v model=prov -f test/data/model_fixture.sql
psql -X -q -v ON_ERROR_STOP=1 -d md_src -v model=sandbox -f test/data/model_fixture.sql
q md_src "INSERT INTO energy.admin_division (code, level, parent, name_zh, kind, vintage, source)
          VALUES ('210298', 'county', '210200', '测试区', 'former', '2010', 'dump test')"
q md_src "INSERT INTO sandbox.institution (institution_id, name, region_code, category) VALUES ('S-OLD', 'x', '210298', '01')"
q md_src "CREATE VIEW sandbox.my_report AS SELECT region_code, kgce FROM sandbox.region_year WHERE level = 'province'"
# a target and a published figure of the user's, on the user's former county code
q md_src "INSERT INTO energy.target (target_id, scope_level, scope_code, indicator, kind, target_year, value, source)
          VALUES ('old-2022-kgce_per_m2', 'county', '210298', 'kgce_per_m2', 'annual_change', 2022, -2, 'dump test')"
q md_src "INSERT INTO energy.published_indicator (scope_level, scope_code, year, indicator, value, source)
          VALUES ('province', '450000', 2022, 'kgce_per_person', 30.14, 'dump test')"
# a quota standard of the user's, with a row for the fixture's Liaoning office (category 01)
q md_src "INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source)
          VALUES ('DB21/T test', '辽宁 test quotas', '210000', 'example', 'dump test')"
q md_src "INSERT INTO energy.quota_value (standard, category, indicator, constraint_value, baseline_value, guide_value)
          VALUES ('DB21/T test', '01', 'kgce_per_m2', 9, 8, 7)"

# a factor set of the user's (GB/T 2589's coefficients, and one of its own from
# 2030, which no row of the fixture reaches) that a model converts with
q md_src "INSERT INTO energy.factor_set (name, parent, description) VALUES ('campus', 'gb2589', 'dump test')"
q md_src "INSERT INTO energy.coal_factor (factor_set, carrier, valid_from, valid_to, kgce_per_unit, per_unit, source, grade)
          VALUES ('campus', 'natural_gas', '2030-01-01', '2031-01-01', 1.1, 'm³', 'dump test', 'measured')"
q md_src "UPDATE energy.model SET factor_set = 'campus' WHERE name = 'sandbox'"
q md_src "SELECT energy.rebuild_model('sandbox')" >/dev/null

# Every view of both models (its rows as text, ordered), and a view of the user's.
views() {
  local db=$1 n r
  for n in prov sandbox; do
    for r in institution_year region_year category_year department_year monthly data_quality target_status cap_status quota_rating month_ledger year_ledger; do
      echo "$n.$r $(q "$db" "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM $n.$r t")"
    done
  done
  echo "my_report $(q "$db" "SELECT string_agg(region_code || '=' || kgce, ',' ORDER BY region_code) FROM sandbox.my_report")"
}
want=$(views md_src)
register="SELECT string_agg(name || '/' || time_zone || '/' || coalesce(description, '-') || '/' || coalesce(factor_set, '-'), ',' ORDER BY name) FROM energy.model"
want_register=$(q md_src "$register")
[ "$want_register" = "prov/Asia/Shanghai/official round/gb2589,sandbox/UTC/-/campus" ] || fail "source register: $want_register"
# The source itself is right: Guangxi 2022 kgce per person by hand, (69 920.7 + 13 519 + 2 458) / 2 850.
gx=$(q md_src "SELECT round(kgce_per_person::numeric, 10) FROM prov.region_year WHERE level = 'province' AND region_code = '450000' AND year = 2022")
[ "$gx" = "30.1395438596" ] || fail "source Guangxi 2022 kgce per person: $gx"

pg_dump -Fc -d md_src -f "$dir/db.dump"
createdb md_custom
pg_restore --exit-on-error -d md_custom "$dir/db.dump" || fail "pg_restore (custom format) reported errors"
pg_dump -Fp -d md_src -f "$dir/db.sql"
createdb md_plain
psql -X -q -v ON_ERROR_STOP=1 -d md_plain -f "$dir/db.sql" >/dev/null || fail "plain-format restore reported errors"

# in parallel, the README's way
createdb md_parallel
{ pg_restore --exit-on-error -d md_parallel --section=pre-data "$dir/db.dump" &&
  pg_restore --exit-on-error -d md_parallel --section=data --schema=energy "$dir/db.dump" &&
  pg_restore --exit-on-error -d md_parallel --section=data --exclude-schema=energy -j 2 "$dir/db.dump" &&
  pg_restore --exit-on-error -d md_parallel --section=post-data -j 2 "$dir/db.dump"; } || fail "parallel restore reported errors"

for db in md_custom md_plain md_parallel; do
  # the planner's statistics are not dumped
  q $db "ANALYZE" >/dev/null
  got=$(views $db)
  [ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") >&2 || true; fail "$db: the views differ after restore"; }
  [ "$(q $db "$register")" = "$want_register" ] || fail "$db: register of models $(q $db "$register")"
  [ "$(q $db "SELECT count(*) FROM energy.admin_division WHERE NOT shipped")" = 1 ] || fail "$db: user division codes"
  [ "$(q $db "SELECT count(*) FROM energy.admin_division")" = 3349 ] || fail "$db: shipped division codes duplicated or lost"
  [ "$(q $db "SELECT count(*) FILTER (WHERE NOT shipped) || '/' || count(*) FROM energy.target")" = 1/21 ] || fail "$db: targets"
  [ "$(q $db "SELECT count(*) FILTER (WHERE NOT shipped) || '/' || count(*) FROM energy.published_indicator")" = 1/14 ] \
    || fail "$db: published figures"
  [ "$(q $db "SELECT count(*) FILTER (WHERE NOT shipped) || '/' || count(*) FROM energy.quota_value")" = 1/19 ] || fail "$db: quota values"
  [ "$(q $db "SELECT count(*) FROM energy.coal_factor WHERE NOT shipped")" = 1 ] || fail "$db: the user's coefficients"
  # the live summaries came back equal to the raw rows, and stay live
  [ "$(q $db "SELECT count(*) FROM energy.verify_model('prov')") $(q $db "SELECT count(*) FROM energy.verify_model('sandbox')")" = "0 0" ] \
    || fail "$db: the restored summaries differ from a recomputation"
  q $db "INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES ('GX-SH-0001', '[2022-01-01,2023-01-01)', 'electricity', 1000)"
  [ "$(q $db "SELECT round(kgce::numeric, 6) FROM prov.institution_year WHERE institution_id = 'GX-SH-0001' AND year = 2022")" = "2580.900000" ] \
    || fail "$db: the restored model's summaries are not live (E 2022 should be 2 458 + 1 000 × 0.1229 kgce)"
  # the model still checks what is written
  err=$(psql -X -qtA -d $db -c "INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('X', 'x', '219999', '01')" 2>&1 || true)
  case "$err" in *'unknown region code "219999"'*) ;; *) fail "$db: the restored model does not check its rows: $err" ;; esac
  # and the extension cannot be dropped from under the models
  for try in 1 2 3 4 5; do  # a deadlock with autovacuum (see test/sql/model.sql) is retried
    err=$(psql -X -qtA -d $db -c "DROP EXTENSION energy_ext" 2>&1 || true)
    case "$err" in *"deadlock detected"*) ;; *) break ;; esac
  done
  case "$err" in *"cannot drop extension energy_ext because other objects depend on it"*) ;; *) fail "$db: DROP EXTENSION: $err" ;; esac
  [ "$(q $db "SELECT count(*) FROM pg_namespace WHERE nspname IN ('prov', 'sandbox')")" = 2 ] || fail "$db: a model is gone"
  echo "ok - $db: $(echo "$got" | wc -l) views identical, register $want_register"
done
