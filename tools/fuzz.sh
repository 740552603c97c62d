#!/usr/bin/env bash
# make fuzz (issue 14): the extension's parsers under libFuzzer with
# AddressSanitizer and UndefinedBehaviorSanitizer, outside the server.
# fuzz/targets.c lists the targets and what each checks; fuzz/server.c
# stands in for the server functions they call.  src/*.c are compiled
# unchanged.
#
#   FUZZ_RUNS   cases per target (default 10 000 000; the CI test runs fewer)
#   FUZZ_JOBS   targets fuzzed at once (default 2)
#   FUZZ_DIR    build and working directory (default /tmp/energy_ext_fuzz)
#   FUZZ_ONLY   fuzz only these targets (space-separated names)
#
# Seeds: fuzz/seeds/<target>/ (text forms of values from the tests); the
# binary targets' seeds are made from them at build time (targets.c built
# as seedgen).  Inputs that once failed are kept in fuzz/findings/<target>/
# and re-run first, every time.  A finding stops its target with the input
# in FUZZ_DIR/findings/.  Prints one line per target (cases run, seconds,
# findings) and "fuzz: N targets, N cases, N failed"; exits non-zero on a
# finding.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
FUZZ_RUNS=${FUZZ_RUNS:-10000000}
FUZZ_JOBS=${FUZZ_JOBS:-2}
FUZZ_DIR=${FUZZ_DIR:-/tmp/energy_ext_fuzz}
TARGETS="carrier_text carrier_binary unit_text region_text credit_code ledger_text ledger_binary
         summary_text summary_binary meter_state_text meter_state_binary rollup_state_text rollup_state_binary
         months_state_text months_state_binary"
FUZZ_ONLY=${FUZZ_ONLY:-$TARGETS}

ensure_packages $TEST_PACKAGES clang libclang-rt-14-dev

CC=${FUZZ_CC:-clang}
INC=$("$PGBIN/pg_config" --includedir-server)
LIBDIR=$("$PGBIN/pg_config" --pkglibdir)
# The server's own flags that change what C means (-fno-strict-aliasing),
# plus ours; no -fwrapv, so that UBSan reports signed overflow.
CFLAGS="-std=c11 -D_GNU_SOURCE -O1 -g -fno-omit-frame-pointer -fno-strict-aliasing -ffp-contract=off
        -ffunction-sections -fdata-sections -Wall -Wextra -Werror -isystem $INC"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
SRC="textio ledger meter carrier unit spelling credit_code ratio factor carbon callsite conversion overflow"

say "building the fuzz targets in $FUZZ_DIR"
rm -rf "$FUZZ_DIR/obj" "$FUZZ_DIR/bin" "$FUZZ_DIR/seeds"
mkdir -p "$FUZZ_DIR/obj" "$FUZZ_DIR/bin" "$FUZZ_DIR/seeds" "$FUZZ_DIR/findings" "$FUZZ_DIR/logs"
objs=()
for f in $SRC; do
  $CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c "src/$f.c" -o "$FUZZ_DIR/obj/$f.o"
  objs+=("$FUZZ_DIR/obj/$f.o")
done
for f in server unavailable; do
  $CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c "fuzz/$f.c" -o "$FUZZ_DIR/obj/$f.o"
  objs+=("$FUZZ_DIR/obj/$f.o")
done
LIBS="$LIBDIR/libpgcommon_shlib.a $LIBDIR/libpgport_shlib.a -lm"
$CC $CFLAGS $SAN -fsanitize=fuzzer fuzz/targets.c "${objs[@]}" $LIBS -Wl,--gc-sections -o "$FUZZ_DIR/bin/energy_fuzz"
for t in $TARGETS; do ln "$FUZZ_DIR/bin/energy_fuzz" "$FUZZ_DIR/bin/$t"; done
$CC $CFLAGS $SAN -DFUZZ_SEEDGEN fuzz/targets.c "${objs[@]}" $LIBS -Wl,--gc-sections -o "$FUZZ_DIR/bin/seedgen"

say "seeds"
for t in $TARGETS; do
  mkdir -p "$FUZZ_DIR/seeds/$t"
  if [ -d "fuzz/seeds/$t" ]; then cp fuzz/seeds/$t/* "$FUZZ_DIR/seeds/$t/"; fi
done
for ty in ledger summary meter_state rollup_state months_state; do
  "$FUZZ_DIR/bin/seedgen" "$ty" "fuzz/seeds/${ty}_text" "$FUZZ_DIR/seeds/${ty}_binary"
done

run_target() {
  local t=$1 log="$FUZZ_DIR/logs/$1.log" corpus="$FUZZ_DIR/corpus/$1" status=0
  mkdir -p "$corpus" "$FUZZ_DIR/findings/$t"
  : >"$log"
  # the inputs that once failed, first
  if [ -d "fuzz/findings/$t" ] && [ -n "$(ls -A "fuzz/findings/$t")" ]; then
    "$FUZZ_DIR/bin/$t" -artifact_prefix="$FUZZ_DIR/findings/$t/" fuzz/findings/$t/* >>"$log" 2>&1 || status=$?
  fi
  if [ "$status" -eq 0 ]; then
    "$FUZZ_DIR/bin/$t" -runs="$FUZZ_RUNS" -seed=1 -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$FUZZ_DIR/findings/$t/" "$corpus" "$FUZZ_DIR/seeds/$t" >>"$log" 2>&1 || status=$?
  fi
  local runs secs
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -n 1 || true)
  secs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo 'in [0-9]+' | grep -Eo '[0-9]+' | tail -n 1 || true)
  local found
  found=$(find "$FUZZ_DIR/findings/$t" -type f | wc -l)
  printf '%-20s %12s cases %6s s  findings %s%s\n' "$t" "${runs:-?}" "${secs:-?}" "$found" \
    "$([ "$status" -ne 0 ] && echo "  FAILED (status $status, $log)")"
  [ "$status" -eq 0 ] && [ "$found" -eq 0 ]
}
export -f run_target
export FUZZ_DIR FUZZ_RUNS

say "fuzzing: $FUZZ_RUNS cases per target, $FUZZ_JOBS at once"
rm -rf "$FUZZ_DIR/findings"/*
start=$(date +%s)
status=0
printf '%s\n' $FUZZ_ONLY | xargs -P "$FUZZ_JOBS" -I{} bash -c 'run_target {}' >"$FUZZ_DIR/summary.txt" || status=$?
sort "$FUZZ_DIR/summary.txt"
for t in $FUZZ_ONLY; do
  if grep -q FAILED <(grep "^$t " "$FUZZ_DIR/summary.txt"); then
    echo "---- $t"; grep -E 'FINDING|ERROR:|runtime error|SUMMARY|last error|first:|second:' "$FUZZ_DIR/logs/$t.log" | head -n 20
  fi
done
total=$(awk '{s += $2} END {print s + 0}' "$FUZZ_DIR/summary.txt")
failed=$(grep -c FAILED "$FUZZ_DIR/summary.txt" || true)
echo "fuzz ($(date -u +%Y-%m-%d), $((($(date +%s) - start))) s): $(echo $FUZZ_ONLY | wc -w) targets, $total cases, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
