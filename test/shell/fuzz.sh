#!/usr/bin/env bash
# The short fuzzing run of CI (issue 14): every target of fuzz/targets.c
# (the text and binary input of carriers, ledgers, meter summaries and
# meter states, units, regions, credit codes) under libFuzzer with ASan and
# UBSan, 30 000 cases each from the seeds, after the inputs that once
# failed (fuzz/findings/).  `make fuzz` runs 10 million per target.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$(mktemp -d /tmp/energy_fuzz_ci.XXXXXX)
trap 'rm -rf "$dir"' EXIT
FUZZ_RUNS=${FUZZ_RUNS:-30000} FUZZ_DIR=$dir bash tools/fuzz.sh
