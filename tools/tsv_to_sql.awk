# data/admin_division.tsv (code, level, parent, name_zh, kind; a header line)
# -> one INSERT INTO energy.admin_division of the shipped rows.  A line that
# is not five fields with a six-digit code, or a name with a quote, fails the
# build.
BEGIN {
  FS = "\t"
  source = "National Bureau of Statistics, 2023年统计用区划代码和城乡划分代码 (cut-off 2023-06-30, published 2023-09-11): " \
           "the first six digits of the 12-digit codes; machine-readable copy: github.com/modood/Administrative-divisions-of-China, " \
           "dist/provinces.csv, dist/cities.csv, dist/areas.csv (codes padded to six digits)"
}
NR == 1 { next }
{
  if (NF != 5 || $1 !~ /^[0-9][0-9][0-9][0-9][0-9][0-9]$/ || $4 ~ /'/) {
    print "data/admin_division.tsv line " NR " is malformed: " $0 > "/dev/stderr"; bad = 1; exit 1
  }
  rows[++n] = sprintf("    ('%s', '%s', %s, '%s', '%s')", $1, $2, ($3 == "" ? "NULL" : "'" $3 "'"), $4, $5)
}
END {
  if (bad) exit 1
  print "-- Generated from data/admin_division.tsv by tools/tsv_to_sql.awk; do not edit."
  print "INSERT INTO energy.admin_division (code, level, parent, name_zh, kind, vintage, source, shipped)"
  print "SELECT code, level, parent, name_zh, kind, '2023', '" source "', true FROM (VALUES"
  for (i = 1; i <= n; i++) print rows[i] (i < n ? "," : "")
  print ") AS v(code, level, parent, name_zh, kind);"
}
