#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install packages, build,
# install, start a throwaway cluster, run pg_regress/pgTAP (make installcheck)
# and the shell tests in test/shell/, stop the cluster, print
# "N passed, N failed" and exit non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

ensure_packages $TEST_PACKAGES
build_and_install
trap stop_cluster EXIT
start_cluster

passed=0 failed=0

say "pg_regress and pgTAP (make installcheck)"
rm -rf results regression.diffs regression.out
status=0
make -s PG_CONFIG="$PGBIN/pg_config" installcheck >test/installcheck.log 2>&1 || status=$?
cat test/installcheck.log
# Every test of REGRESS must print "... ok"; one that does not (failed,
# missing its expected output, not run because pg_regress stopped) fails.
regress=$(printf 'print-regress:\n\t@echo $(REGRESS)\n' | make -s --no-print-directory -f Makefile -f - print-regress)
for t in $regress; do
  if grep -Eq "^(test| ) +$t +\.\.\. ok" test/installcheck.log; then
    passed=$((passed + 1))
  else
    echo "test $t did not pass" >&2; failed=$((failed + 1))
  fi
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "make installcheck failed (status $status)" >&2; failed=$((failed + 1))
fi
if [ -f regression.diffs ]; then
  echo "---- regression.diffs (first 200 lines) ----"; head -n 200 regression.diffs
fi
tap_ok=$(cat results/*.out 2>/dev/null | grep -c '^ok ' || true)
tap_bad=$(cat results/*.out 2>/dev/null | grep -c '^not ok ' || true)
echo "pgTAP assertions inside those files: $tap_ok ok, $tap_bad not ok"
# an expected output that records a failed assertion must not pass either
if [ "$tap_bad" -gt 0 ]; then
  grep -H '^not ok ' results/*.out >&2; failed=$((failed + 1))
fi

for t in test/shell/*.sh; do
  [ -e "$t" ] || continue
  name=$(basename "$t" .sh)
  if bash "$t" >"test/shell-$name.log" 2>&1; then
    echo "shell $name ... ok"; passed=$((passed + 1))
  else
    echo "shell $name ... FAILED"; sed 's/^/    /' "test/shell-$name.log"; failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
