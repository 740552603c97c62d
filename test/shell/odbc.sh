#!/usr/bin/env bash
# The BI views read through ODBC, as Power BI, Tableau or FineBI read them:
# unixODBC with the PostgreSQL driver (Debian's unixodbc and odbc-postgresql,
# default driver settings), a DSN this test writes itself, and a small ODBC
# client (test/odbc/odbc_query.c) that describes the columns and fetches the
# values as text.  Every column of every BI view has an ODBC type the driver
# knows (text → SQL_LONGVARCHAR, integer → SQL_INTEGER, numeric →
# SQL_NUMERIC, double precision → SQL_FLOAT, date → SQL_TYPE_DATE, boolean →
# SQL_VARCHAR '1'/'0' with the driver's default BoolsAsChar), and the figures
# of the fixture arrive intact, Chinese names included.
# Runs against the cluster of tools/test.sh (PGHOST/PGPORT/PGUSER set).
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -v ON_ERROR_STOP=1 -qtA -d "$1" -c "$2"; }
dir=$(mktemp -d)
chmod 755 "$dir"
trap 'rm -rf "$dir"; dropdb --if-exists odbc_test 2>/dev/null' EXIT

driver=$(dpkg -L odbc-postgresql 2>/dev/null | grep '/psqlodbcw\.so$' | head -n 1)
[ -n "$driver" ] || fail "the PostgreSQL ODBC driver (Debian package odbc-postgresql) is not installed"
gcc -std=c11 -Wall -Wextra -Werror -o "$dir/odbc_query" test/odbc/odbc_query.c -lodbc || fail "cannot build the ODBC client (unixodbc-dev)"

createdb odbc_test
q odbc_test "CREATE EXTENSION energy_ext"
q odbc_test "SELECT energy.create_model('prov')" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d odbc_test -v model=prov -f test/data/model_fixture.sql

cat > "$dir/odbc.ini" <<EOF
[energy_ext]
Description = energy_ext reporting model (test)
Driver      = $driver
Servername  = $PGHOST
Port        = $PGPORT
Database    = odbc_test
Username    = $PGUSER
EOF
: > "$dir/odbcinst.ini"
odbc() { ODBCINI="$dir/odbc.ini" ODBCSYSINI="$dir" "$dir/odbc_query" energy_ext "$1"; }

# 1. Column types: for every BI view, what the driver reports is what the
#    column's PostgreSQL type maps to, and nothing else.
for v in institution_year region_year category_year department_year monthly data_quality; do
  want=$(q odbc_test "SELECT string_agg('column ' || attname || ' ' ||
            CASE atttypid WHEN 'text'::regtype THEN 'SQL_LONGVARCHAR' WHEN 'integer'::regtype THEN 'SQL_INTEGER'
                          WHEN 'numeric'::regtype THEN 'SQL_NUMERIC' WHEN 'double precision'::regtype THEN 'SQL_FLOAT'
                          WHEN 'date'::regtype THEN 'SQL_TYPE_DATE' WHEN 'boolean'::regtype THEN 'SQL_VARCHAR'
                          ELSE 'not a plain type: ' || format_type(atttypid, atttypmod) END, E'\n' ORDER BY attnum)
          FROM pg_attribute WHERE attrelid = 'prov.$v'::regclass AND attnum > 0 AND NOT attisdropped")
  got=$(odbc "SELECT * FROM prov.$v LIMIT 0")
  [ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") >&2 || true; fail "ODBC column types of prov.$v"; }
  echo "ok - prov.$v: $(echo "$got" | wc -l) columns, ODBC types as expected"
done

# 2. Values, as the BI tool fetches them (by hand in test/sql/indicators.sql).
got=$(odbc "SELECT institution_id, name, region_name, year, kgce, building_area_m2, kgce_per_m2, credit_code_valid, notes
              FROM prov.institution_year WHERE year = 2022 ORDER BY institution_id")
want=$(printf '%s\n' \
  'column institution_id SQL_LONGVARCHAR' 'column name SQL_LONGVARCHAR' 'column region_name SQL_LONGVARCHAR' \
  'column year SQL_INTEGER' 'column kgce SQL_FLOAT' 'column building_area_m2 SQL_NUMERIC' 'column kgce_per_m2 SQL_FLOAT' \
  'column credit_code_valid SQL_VARCHAR' 'column notes SQL_LONGVARCHAR' \
  $'11210102MB0123456T\t辽宁省某厅机关\t和平区\t2022\t81491.405\t10000\t8.1491405\t1\tNULL' \
  $'12210200MB0234567B\t大连某中学\t大连市\t2022\t437412.393\t20000\t21.87061965\t1\tNULL' \
  $'12450103MB0345678X\t南宁某医院\t青秀区\t2022\t69920.7\t25000\t2.796828\t0\tNULL' \
  $'12450305MB0456789D\t桂林某小学\t七星区\t2022\t13519\tNULL\tNULL\t1\tbuilding area unknown: indicators per m² left out' \
  $'GX-SH-0001\t广西某学会\t广西壮族自治区\t2022\t2458\t1000\t2.458\t0\tnot present in 2021: no changes')
[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") >&2 || true; fail "institution_year through ODBC"; }
echo "ok - institution_year 2022 through ODBC: figures, Chinese names, NULLs and notes intact"

sql="SELECT level, region_code, region_name, year, institutions, kgce_per_person, kgce_per_m2_coverage, kgce_change
       FROM prov.region_year WHERE level = 'province' AND year = 2022 ORDER BY region_code"
got=$(odbc "$sql")
want=$(printf '%s\n' \
  'column level SQL_LONGVARCHAR' 'column region_code SQL_LONGVARCHAR' 'column region_name SQL_LONGVARCHAR' \
  'column year SQL_INTEGER' 'column institutions SQL_INTEGER' 'column kgce_per_person SQL_FLOAT' \
  'column kgce_per_m2_coverage SQL_FLOAT' 'column kgce_change SQL_FLOAT'; psql -X -qtA -F $'\t' -d odbc_test -c "$sql")
[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") >&2 || true; fail "region_year through ODBC"; }
case "$got" in *$'\t广西壮族自治区\t2022\t3\t30.139543859649123\t0.6666666666666666\t'*) ;; *) fail "region_year: Guangxi 2022" ;; esac
echo "ok - region_year 2022 through ODBC: ratios of sums, coverage, like-for-like change"

got=$(odbc "SELECT month, carrier, carrier_name, unit, amount FROM prov.monthly
             WHERE institution_id = '11210102MB0123456T' AND carrier = 'natural_gas' AND month < '2021-03-01' ORDER BY month")
want=$(printf '%s\n' 'column month SQL_TYPE_DATE' 'column carrier SQL_LONGVARCHAR' 'column carrier_name SQL_LONGVARCHAR' \
  'column unit SQL_LONGVARCHAR' 'column amount SQL_FLOAT' \
  $'2021-01-01\tnatural_gas\t天然气\tm³\t3100' $'2021-02-01\tnatural_gas\t天然气\tm³\t2800')
[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") >&2 || true; fail "monthly through ODBC"; }
echo "ok - monthly through ODBC: dates as SQL_TYPE_DATE, the calendarised gas bills"
