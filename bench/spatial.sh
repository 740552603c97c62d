#!/usr/bin/env bash
# Benchmark of the PostGIS companion (issue 12), one run, ratios within it:
#   1. placing INSTITUTIONS institutions (random points over Liaoning's
#      box) in about 350 synthetic regions (Voronoi cells of random points,
#      each a county of one of Liaoning's 14 cities) afresh: the placement
#      emptied, then energy.place_institutions, median of RUNS runs —
#      target < 2 s;
#   2. the 2023 city roll-up (kgce, CO2, water, per m², per person and their
#      changes) by the regions that contain the institutions
#      (spatial_region_year) against the same roll-up by region code
#      (region_year), medians of interleaved runs — target ≤ 1.2 ×.
# INSTITUTIONS=50000 (default); INSTITUTIONS=5000 a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
INSTITUTIONS=${INSTITUTIONS:-50000}
REGIONS=${REGIONS:-350}
RUNS=${RUNS:-5}

ensure_packages
build_and_install
trap stop_cluster EXIT
CLUSTER_OPTS="-c shared_buffers=2GB -c max_parallel_workers_per_gather=2 -c jit=off"
start_cluster
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION energy_ext_postgis CASCADE" 2>/dev/null

say "a layer of $REGIONS Voronoi regions, $INSTITUTIONS institutions with two years of electricity and water"
psql -X -q -v ON_ERROR_STOP=1 -v regions="$REGIONS" -v institutions="$INSTITUTIONS" -f bench/spatial_data.sql
psql -X -q -v ON_ERROR_STOP=1 -c "SELECT energy.enable_spatial('b', 'bench')" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c "VACUUM ANALYZE"
regions=$(psql -X -qtA -c "SELECT count(*) FROM energy.region_boundary WHERE layer = 'bench'")
placed=$(psql -X -qtA -c "SELECT placed || ' placed, ' || outside || ' outside' FROM energy.place_institutions('b')")

. bench/timing.sh
declare -A Q
Q[place]="SELECT bench_place()"
cols="region_code, kgce, kgco2, water_m3, kgce_per_m2, kgce_per_person, water_m3_per_person, kgco2_per_m2, kgce_change, kgce_per_m2_change, kgce_per_person_change"
Q[by_code]="SELECT $cols FROM b.region_year WHERE level = 'city' AND year = 2023"
Q[by_region]="SELECT $cols FROM b.spatial_region_year WHERE level = 'city' AND year = 2023"
say "timing (median of $RUNS rounds after a warm-up round)"
time_group "" place
time_group "" by_code by_region
# both roll-ups hold every institution once, and agree where the codes were taken from the regions
same=$(psql -X -qtA -c "SELECT count(*) FROM b.region_year r JOIN b.spatial_region_year s USING (region_code, year)
                         WHERE r.level = 'city' AND s.level = 'city' AND r.year = 2023 AND r.kgce IS DISTINCT FROM s.kgce")
place_ms=${MS[place|]}; code_ms=${MS[by_code|]}; region_ms=${MS[by_region|]}
r=$(ratio "$region_ms" "$code_ms")

echo
echo "energy_ext_postgis benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL $(psql -X -qtA -c 'SHOW server_version'), $(psql -X -qtA -c 'SELECT postgis_lib_version()')"
echo "  $INSTITUTIONS institutions, $regions regions ($placed)"
printf '  %-62s %10s\n' "placing every institution (energy.place_institutions)" "$place_ms ms"
printf '  %-62s %10s\n' "2023 city roll-up by region code (region_year)" "$code_ms ms"
printf '  %-62s %10s\n' "2023 city roll-up by containing region (spatial_region_year)" "$region_ms ms"
echo "  placing: $place_ms ms, target < 2000 ms: $(verdict "$place_ms" 2000 le)"
echo "  spatial / by code: ${r}×, target ≤ 1.2×: $(verdict "$r" 1.2 le)"
echo "  cities whose kgce differs between the two (codes were taken from the regions): $same"
[ "$same" = "0" ]
