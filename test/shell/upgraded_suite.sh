#!/usr/bin/env bash
# The whole pg_regress suite on an upgraded catalog (issue 14): a database
# where energy_ext was installed at the released 0.1.0 and updated with
# ALTER EXTENSION UPDATE (test/sql/setup_upgraded.sql), then every other
# file of REGRESS with the same expected output as on a fresh install.
# Results in a directory of their own.  Runs against the cluster of
# tools/test.sh (PGHOST/PGPORT/PGUSER set).
set -euo pipefail
cd "$(dirname "$0")/../.."
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"; dropdb --if-exists energy_upgraded 2>/dev/null' EXIT
cp -r expected "$out/expected"
regress=$(printf 'print-regress:\n\t@echo $(REGRESS)\n' | make -s --no-print-directory -f Makefile -f - print-regress)
tests="setup_upgraded ${regress#setup }"
[ "${regress%% *}" = setup ] || fail "REGRESS does not start with setup"
status=0
"$("$PGBIN/pg_config" --pkglibdir)/pgxs/src/test/regress/pg_regress" --inputdir=test --outputdir="$out" \
  --bindir="$PGBIN" --dbname=energy_upgraded $tests >"$out/log" 2>&1 || status=$?
cat "$out/log"
[ -f "$out/regression.diffs" ] && head -100 "$out/regression.diffs"
for t in $tests; do
  grep -Eq "^(test| ) +$t +\.\.\. ok" "$out/log" || fail "$t did not pass on the upgraded catalog"
done
bad=$(cat "$out"/results/*.out | grep -c '^not ok ' || true)
[ "$bad" = 0 ] || fail "$bad pgTAP assertions failed"
[ "$status" = 0 ] || fail "pg_regress exited with $status"
echo "the suite on a catalog updated from 0.1.0: $(echo $tests | wc -w) files passed"
