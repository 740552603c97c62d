#!/usr/bin/env bash
# The main job, for now a demonstration: on a fresh Debian 12 machine install
# the packages, build and install energy_ext, start a throwaway cluster,
# account a county hospital's year (tools/demo.sql): bills to standard coal
# and CO2 with the factors used, one ledger, a meter register to monthly
# consumption; print it all, stop.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

ensure_packages
build_and_install
trap stop_cluster EXIT
start_cluster
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext"
PGOPTIONS="-c search_path=public,energy" psql -X -q -v ON_ERROR_STOP=1 -f tools/demo.sql
