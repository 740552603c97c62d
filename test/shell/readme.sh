#!/usr/bin/env bash
# The README's examples are executed: every ```sql block followed by a
# ```text block must print exactly that text.  Those blocks run in order in one
# database (search_path public, energy, as the README recommends).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=readme_examples
dropdb --if-exists "$db" 2>/dev/null; createdb "$db"
trap 'dropdb --if-exists "$db" 2>/dev/null' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION energy_ext" \
  -c "ALTER DATABASE $db SET search_path = \"\$user\", public, energy"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; dropdb --if-exists "$db" 2>/dev/null' EXIT
# Split README.md into numbered sql/text pairs.
awk -v dir="$tmp" '
  /^```sql$/  { n++; f = dir "/" n ".sql"; inblk = 1; next }
  /^```text$/ { if (n) { f = dir "/" n ".want"; inblk = 1 }; next }
  /^```/      { inblk = 0; f = ""; next }
  inblk && f  { print > f }
' README.md
failed=0 checked=0
n=$(ls "$tmp"/*.sql | wc -l)
for i in $(seq 1 "$n"); do
  s=$tmp/$i.sql w=$tmp/$i.want
  [ -f "$w" ] || continue   # blocks without shown output (installation) are not run
  got=$(psql -X -d "$db" <"$s" 2>&1 | sed -e 's/[[:space:]]*$//')
  if true; then
    checked=$((checked + 1))
    if [ "$got" != "$(sed -e 's/[[:space:]]*$//' "$w")" ]; then
      failed=$((failed + 1))
      echo "README example $(basename "$s" .sql) differs:"; cat "$s"
      diff <(sed -e 's/[[:space:]]*$//' "$w") <(printf '%s\n' "$got") || true
    fi
  fi
done
echo "$checked README examples checked, $failed differ"
[ "$checked" -gt 0 ] && [ "$failed" -eq 0 ]
