#!/usr/bin/env bash
# make memcheck (issue 14): the whole test suite (tools/test.sh) against
# energy_ext built with UndefinedBehaviorSanitizer (gcc -fsanitize=undefined
# plus the float checks: signed overflow, shifts, out-of-range float to
# integer casts, division by zero, misaligned and null accesses, bounds of
# arrays of known size), every finding fatal.  So that the system's
# PostgreSQL keeps its ordinary build, this runs on a copy of PostgreSQL 15
# in MEMCHECK_DIR (PostgreSQL finds its files relative to its binaries) and
# builds in a copy of the source tree.  Every report is a file in
# MEMCHECK_DIR/reports; the run passes when the suite passes and there is
# none.
# Not yet: AddressSanitizer needs its runtime preloaded into the server
# (LD_PRELOAD), and Debian's postgres then hangs at start in glibc's
# bindtextdomain (postgres -V, 2026-11-30); valgrind needs a server built
# with USE_VALGRIND to see inside palloc's blocks.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
MEMCHECK_DIR=${MEMCHECK_DIR:-/tmp/energy_ext_memcheck}
ensure_packages $TEST_PACKAGES

say "a copy of PostgreSQL $PG_MAJOR and of the source in $MEMCHECK_DIR"
rm -rf "$MEMCHECK_DIR"
mkdir -p "$MEMCHECK_DIR/pg/usr/lib/postgresql" "$MEMCHECK_DIR/pg/usr/share/postgresql" "$MEMCHECK_DIR/pg/usr/include/postgresql" \
         "$MEMCHECK_DIR/reports" "$MEMCHECK_DIR/src"
cp -a "/usr/lib/postgresql/$PG_MAJOR" "$MEMCHECK_DIR/pg/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PG_MAJOR" "$MEMCHECK_DIR/pg/usr/share/postgresql/"
cp -a "/usr/include/postgresql/$PG_MAJOR" "$MEMCHECK_DIR/pg/usr/include/postgresql/"
git ls-files -z | xargs -0 cp --parents -t "$MEMCHECK_DIR/src"
chmod -R a+rX "$MEMCHECK_DIR"
chmod 777 "$MEMCHECK_DIR/reports"

export PGBIN="$MEMCHECK_DIR/pg/usr/lib/postgresql/$PG_MAJOR/bin"
export COPT="-fsanitize=undefined,float-cast-overflow,float-divide-by-zero -fno-sanitize-recover=all -fno-omit-frame-pointer"
export CLUSTER_ENV="UBSAN_OPTIONS=print_stacktrace=1:log_path=$MEMCHECK_DIR/reports/ubsan"

say "the whole suite under UBSan"
status=0
(cd "$MEMCHECK_DIR/src" && bash tools/test.sh) >"$MEMCHECK_DIR/test.log" 2>&1 || status=$?
tail -n 60 "$MEMCHECK_DIR/test.log"
reports=$(find "$MEMCHECK_DIR/reports" -type f | wc -l)
if [ "$reports" -gt 0 ]; then
  for f in "$MEMCHECK_DIR"/reports/*; do echo "---- $f"; head -n 40 "$f"; done
fi
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$MEMCHECK_DIR/test.log" | tail -n 1)
echo "memcheck ($(date -u +%Y-%m-%d), UBSan): suite ${summary:-did not finish}; sanitizer reports: $reports"
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
