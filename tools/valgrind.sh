#!/usr/bin/env bash
# make valgrind (issue 14): the pg_regress suite (the Makefile's REGRESS list,
# `make installcheck`) with every server process under valgrind's memcheck.
#
# So that the system's PostgreSQL stays as it is, this runs on a copy of
# PostgreSQL 15 in VALGRIND_DIR (PostgreSQL finds its files relative to its
# binary) whose bin/postgres is a small script: it execs the real binary,
# renamed postgres.real beside it, under valgrind, so the postmaster and every
# backend it forks (valgrind follows fork; --trace-children also follows
# exec) are checked, each process writing its own log VALGRIND_DIR/logs/PID.log.
# initdb's bootstrap and single-user runs and `postgres -V` go to the real
# binary directly.  energy_ext is built as usual (-O2 -g, the strict flags) in a
# copy of the source tree and installed into the copy.
#
# What it can and cannot see: Debian's postgres is not built with
# USE_VALGRIND, so palloc's memory contexts are invisible to valgrind: it sees
# only the blocks they malloc, of 8 kB and more.  A read or write past the end
# of one palloc'd chunk into the next chunk of the same block, a use of a
# chunk after pfree (it stays in the context's free list) and palloc'd memory
# read before it is written when the block's bytes were written before are not
# caught.  What is caught: reads of memory never written since it was
# malloc'd (a fresh block, so most of palloc's memory in a short query) or
# taken on the stack, conditional jumps and system calls that depend on such
# values, reads and writes outside every malloc'd block and the stack (past
# the end of a whole block, in freed malloc'd memory, wild pointers), and
# invalid frees.  Leaks are not checked (a backend frees its contexts
# wholesale and exits without freeing).
#
# The run passes when every test passes and no error report has a frame in
# energy_ext (where it happened, or where its memory or uninitialised value
# came from: --track-origins).  Errors elsewhere (in PostgreSQL, PostGIS, glibc) are counted
# and their reports kept; those known and verified to have nothing to do with
# energy_ext are suppressed by tools/valgrind.supp, where each says why.
# VALGRIND_OPTS adds valgrind options.  Slow: 75 minutes on a 2-core machine
# (2026-12-01), against about one minute without valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
VALGRIND_DIR=${VALGRIND_DIR:-/tmp/energy_ext_valgrind}
ensure_packages valgrind postgresql-$PG_MAJOR-postgis-3 postgresql-$PG_MAJOR-pgtap
started=$(date +%s)

say "a copy of PostgreSQL $PG_MAJOR and of the source in $VALGRIND_DIR"
rm -rf "$VALGRIND_DIR"
mkdir -p "$VALGRIND_DIR/pg/usr/lib/postgresql" "$VALGRIND_DIR/pg/usr/share/postgresql" \
         "$VALGRIND_DIR/pg/usr/include/postgresql" "$VALGRIND_DIR/logs" "$VALGRIND_DIR/src"
cp -a "/usr/lib/postgresql/$PG_MAJOR" "$VALGRIND_DIR/pg/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$PG_MAJOR" "$VALGRIND_DIR/pg/usr/share/postgresql/"
cp -a "/usr/include/postgresql/$PG_MAJOR" "$VALGRIND_DIR/pg/usr/include/postgresql/"
git ls-files -z | xargs -0 cp --parents -t "$VALGRIND_DIR/src"
cp tools/valgrind.supp "$VALGRIND_DIR/valgrind.supp"
export PGBIN="$VALGRIND_DIR/pg/usr/lib/postgresql/$PG_MAJOR/bin"

mv "$PGBIN/postgres" "$PGBIN/postgres.real"
cat >"$PGBIN/postgres" <<EOF
#!/bin/sh
# postgres under valgrind (tools/valgrind.sh)
real="$PGBIN/postgres.real"
case "\${1:-}" in
  -V|--version|--boot|--single|--describe-config|-C) exec "\$real" "\$@" ;;
esac
exec valgrind --tool=memcheck --trace-children=yes --track-origins=yes --num-callers=40 \\
  --read-var-info=no --leak-check=no --error-limit=no --fullpath-after= \\
  --suppressions="$VALGRIND_DIR/valgrind.supp" --gen-suppressions=all \\
  --log-file="$VALGRIND_DIR/logs/%p.log" ${VALGRIND_OPTS:-} "\$real" "\$@"
EOF
chmod 755 "$PGBIN/postgres"
chmod -R a+rX "$VALGRIND_DIR"
chmod 777 "$VALGRIND_DIR/logs"

cd "$VALGRIND_DIR/src"
build_and_install
# A postmaster under valgrind takes a while to start and stop.
export PGCTLTIMEOUT=900
trap stop_cluster EXIT
start_cluster

say "pg_regress under valgrind (make installcheck)"
status=0
make -s PG_CONFIG="$PGBIN/pg_config" installcheck >"$VALGRIND_DIR/installcheck.log" 2>&1 || status=$?
cat "$VALGRIND_DIR/installcheck.log"
regress=$(printf 'print-regress:\n\t@echo $(REGRESS)\n' | make -s --no-print-directory -f Makefile -f - print-regress)
passed=0 failed=0
for t in $regress; do
  if grep -Eq "^(test| ) +$t +\.\.\. ok" "$VALGRIND_DIR/installcheck.log"; then
    passed=$((passed + 1))
  else
    echo "test $t did not pass" >&2; failed=$((failed + 1))
  fi
done
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
[ -f regression.diffs ] && head -n 200 regression.diffs
tap_ok=$(cat results/*.out 2>/dev/null | grep -c '^ok ' || true)
tap_bad=$(cat results/*.out 2>/dev/null | grep -c '^not ok ' || true)
[ "$tap_bad" -eq 0 ] || failed=$((failed + 1))
stop_cluster
trap - EXIT
elapsed=$(( $(date +%s) - started ))

# Each process's log ends with "ERROR SUMMARY: N errors from M contexts
# (suppressed: S from C)".  An error report is the block of lines from
# "==PID== <kind>" to the blank "==PID== " line after its stacks; it is
# energy_ext's when a frame of one of its stacks (where it happened, where the
# memory was allocated or freed, where an uninitialised value came from) is in
# energy_ext (energy_ext.so or a file of its source).
say "valgrind's reports"
logs=$(find "$VALGRIND_DIR/logs" -name '*.log' | wc -l)
read -r errors suppressed < <(cat "$VALGRIND_DIR"/logs/*.log | awk '
  /ERROR SUMMARY:/ { for (i = 1; i <= NF; i++) { if ($i == "SUMMARY:") e += $(i+1); if ($i == "(suppressed:") s += $(i+1) } }
  END { print e + 0, s + 0 }')
# The first line of a report (memcheck's kinds of error, and a crash)
START='^==[0-9]+== (Invalid (read|write|free)|Conditional jump|Use of uninitialised|Syscall param|Source and destination overlap|Mismatched free|Argument .* fishy|Jump to the invalid|Process terminating)'
unfinished=$(grep -L 'ERROR SUMMARY:' "$VALGRIND_DIR"/logs/*.log | wc -l)
awk -v out="$VALGRIND_DIR/energy_ext_errors.txt" -v src="$VALGRIND_DIR/src/src/" -v start="$START" '
  FNR == 1 { block = ""; inblock = 0 }
  $0 ~ start {
    inblock = 1; block = FILENAME ":\n" }
  inblock { block = block $0 "\n" }
  inblock && /^==[0-9]+== *$/ && block ~ /(at|by) 0x/ {
    if (index(block, "energy_ext.so") || index(block, src)) { print block > out; n++ }
    inblock = 0 }
  END { print n + 0 }' "$VALGRIND_DIR"/logs/*.log >"$VALGRIND_DIR/energy_ext_count"
ours=$(cat "$VALGRIND_DIR/energy_ext_count")
# The reports grouped: how many, of what kind, the first named frames where
# it happened and, for uninitialised values and bad addresses, the first
# named frame (past malloc and palloc) where the memory came from.
if [ "$errors" -gt 0 ]; then
  say "error reports by kind, place and origin"
  awk -v src="$VALGRIND_DIR/src/src/" -v start="$START" '
    function fname(line) { sub(/^==[0-9]+== +(at|by) 0x[0-9A-F]+: /, "", line); sub(/ \(.*/, "", line); return line }
    FNR == 1 { inblock = 0 }
    $0 ~ start {
      inblock = 1; kind = $0; sub(/^==[0-9]+== /, "", kind); gsub(/\(0x[^)]*\)/, "", kind)
      where = ""; nwhere = 0; origin = ""; created = ""; part = 1; ours = 0; next }
    !inblock { next }
    index($0, "energy_ext.so") || index($0, src) { ours = 1 }
    /^==[0-9]+==  +Uninitialised value was created/ { part = 3; if ($0 ~ /stack allocation/) part = 4; next }
    /^==[0-9]+==  +(Address 0x.*(alloc|free)\x27d|Block was alloc)/ { part = 2; next }
    /^==[0-9]+== +(at|by) 0x/ {
      f = fname($0)
      if (part == 1 && f != "???" && nwhere < 4) { where = where (nwhere++ ? " < " : "") f }
      skip = f ~ /^(malloc|calloc|realloc|palloc0?|repalloc|MemoryContextAlloc.*|AllocSet.*|\?\?\?)$/
      if (part == 2 && origin == "" && !skip) origin = f
      if (part >= 3 && created == "" && !skip) created = (part == 4 ? "the stack of " : "") f
      next }
    /^==[0-9]+== *$/ {
      if (created != "") origin = created
      key = (ours ? "[energy_ext] " : "") kind " | in " where (origin != "" ? " | from " origin : "")
      n[key]++; inblock = 0 }
    END { for (k in n) printf "%7d  %s\n", n[k], k }' "$VALGRIND_DIR"/logs/*.log | sort -rn
fi
[ "$ours" -eq 0 ] || { echo "---- error reports with a frame in energy_ext"; cat "$VALGRIND_DIR/energy_ext_errors.txt"; }
echo "valgrind ($(date -u +%Y-%m-%d), $((elapsed / 60)) min $((elapsed % 60)) s): pg_regress $passed passed, $failed failed" \
     "($tap_ok pgTAP assertions ok, $tap_bad not ok); $logs processes;" \
     "errors: $errors ($ours with a frame in energy_ext), suppressed: $suppressed; processes without a summary: $unfinished"
[ "$failed" -eq 0 ] && [ "$ours" -eq 0 ]
