#!/usr/bin/env bash
# make memcheck (issue 14): the whole test suite (tools/test.sh) against
# energy_ext built with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc -fsanitize=address,undefined), loaded into servers that run with the
# sanitizer runtime preloaded (LD_PRELOAD).  So that the system's PostgreSQL
# keeps its ordinary build, this runs on a copy of PostgreSQL 15 in
# MEMCHECK_DIR (PostgreSQL finds its files relative to its binaries) and
# builds in a copy of the source tree.  Every report of the sanitizers is a
# file in MEMCHECK_DIR/reports; the run passes when the suite passes and
# there is none.  About 15 minutes on this 2-core machine.
# (ASan sees our own code's heap, stack and global accesses and the
# malloc'd memory of the server; memory inside PostgreSQL's palloc blocks is
# not poisoned, so an overrun within a block is not seen: valgrind with a
# USE_VALGRIND server build would be the check for that.)
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

asan=$(gcc -print-file-name=libasan.so)
[ -e "$asan" ] || { echo "no libasan (apt-get install libasan8)" >&2; exit 1; }
export PGBIN="$MEMCHECK_DIR/pg/usr/lib/postgresql/$PG_MAJOR/bin"
export COPT="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
# detect_leaks=0: the server frees by memory context, and exits without
# freeing what lives as long as it does
export CLUSTER_ENV="LD_PRELOAD=$asan ASAN_OPTIONS=detect_leaks=0:log_path=$MEMCHECK_DIR/reports/asan:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:log_path=$MEMCHECK_DIR/reports/ubsan"

say "the whole suite under the sanitizers"
status=0
(cd "$MEMCHECK_DIR/src" && bash tools/test.sh) >"$MEMCHECK_DIR/test.log" 2>&1 || status=$?
tail -n 60 "$MEMCHECK_DIR/test.log"
reports=$(find "$MEMCHECK_DIR/reports" -type f | wc -l)
if [ "$reports" -gt 0 ]; then
  for f in "$MEMCHECK_DIR"/reports/*; do echo "---- $f"; head -n 40 "$f"; done
fi
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$MEMCHECK_DIR/test.log" | tail -n 1)
echo "memcheck ($(date -u +%Y-%m-%d), ASan + UBSan): suite ${summary:-did not finish}; sanitizer reports: $reports"
[ "$status" -eq 0 ] && [ "$reports" -eq 0 ]
