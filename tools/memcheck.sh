#!/usr/bin/env bash
# make memcheck (issue 14): the whole test suite (tools/test.sh) against
# energy_ext built with AddressSanitizer and UndefinedBehaviorSanitizer (gcc
# -fsanitize=address,undefined plus the float checks: out-of-bounds reads and
# writes of malloc'd blocks, of energy_ext's stack frames and globals, use of
# freed malloc'd memory; signed overflow, shifts, out-of-range float to
# integer casts, division by zero, misaligned and null accesses, bounds of
# arrays of known size), every finding fatal.  So that the system's
# PostgreSQL keeps its ordinary build, this runs on a copy of PostgreSQL 15
# in MEMCHECK_DIR (PostgreSQL finds its files relative to its binaries) and
# builds in a copy of the source tree.  Every report is a file in
# MEMCHECK_DIR/reports; the run passes when the suite passes and there is
# none.
# PostgreSQL itself is not instrumented: ASan's runtime is preloaded into the
# servers (LD_PRELOAD, with tools/asan_preload.c, without which Debian's
# postgres hangs at start: see there), and sees palloc's memory contexts only
# as the blocks they malloc (as valgrind does: tools/valgrind.sh).  Leaks
# are not checked (backends exit without freeing their contexts).
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
gcc -shared -fPIC -O2 -o "$MEMCHECK_DIR/asan_preload.so" tools/asan_preload.c
chmod -R a+rX "$MEMCHECK_DIR"
chmod 777 "$MEMCHECK_DIR/reports"

export PGBIN="$MEMCHECK_DIR/pg/usr/lib/postgresql/$PG_MAJOR/bin"
export COPT="-fsanitize=address,undefined,float-cast-overflow,float-divide-by-zero -fno-sanitize-recover=all -fno-omit-frame-pointer"
export CLUSTER_ENV="UBSAN_OPTIONS=print_stacktrace=1:log_path=$MEMCHECK_DIR/reports/ubsan
  ASAN_OPTIONS=detect_leaks=0:log_path=$MEMCHECK_DIR/reports/asan
  LD_PRELOAD=$(gcc -print-file-name=libasan.so):$MEMCHECK_DIR/asan_preload.so"

say "the whole suite under ASan and UBSan"
status=0
(cd "$MEMCHECK_DIR/src" && bash tools/test.sh) >"$MEMCHECK_DIR/test.log" 2>&1 || status=$?
tail -n 60 "$MEMCHECK_DIR/test.log"
reports=$(find "$MEMCHECK_DIR/reports" -type f | wc -l)
if [ "$reports" -gt 0 ]; then
  for f in "$MEMCHECK_DIR"/reports/*; do echo "---- $f"; head -n 40 "$f"; done
fi
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$MEMCHECK_DIR/test.log" | tail -n 1)
echo "memcheck ($(date -u +%Y-%m-%d), ASan and UBSan): suite ${summary:-did not finish}; sanitizer reports: $reports"
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
