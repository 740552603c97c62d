# Timing helpers of the benchmarks (bench/bench.sh, bench/model.sh); source
# after defining Q (query text by name) and RUNS.
declare -A MS
# time_group SETTINGS NAME...: in one session, RUNS + 1 rounds that each run
# every named query once, in turn (the first round warms up and is dropped);
# MS[NAME|SETTINGS] is the median in ms.  Interleaving the queries, rather
# than timing one query's runs back to back, exposes them all to the same
# drift in the machine's speed, so the ratios within a run stay fair.
time_group() {
  local settings=$1 out name
  shift
  out=$( { echo "$settings"
           for i in $(seq 0 "$RUNS"); do
             for name in "$@"; do
               echo "\\echo @$name"; echo '\timing on'; echo "${Q[$name]};"; echo '\timing off'
             done
           done; } | psql -X -q -v ON_ERROR_STOP=1 -o /dev/null 2>&1) \
    || { echo "benchmark query failed: $out" >&2; exit 1; }
  for name in "$@"; do
    MS[$name|$settings]=$(printf '%s\n' "$out" \
      | awk -v q="@$name" '/^@/ { cur = $1; next } /^Time: / && cur == q { if (seen++) print $2; cur = "" }' \
      | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  done
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "ge") ? (r >= t) : (r <= t); printf "%s", ok ? "met" : "NOT MET" }'; }

