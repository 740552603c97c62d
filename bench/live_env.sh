# Settings bench/live.sh and bench/live_report_alone.sh share, so that the
# report alone runs on the cluster and the session settings of the full run:
# METERS (default 50 000) and its INSTITUTIONS (a tenth), the cluster's
# options, and LIVE_PGOPTIONS, the settings the raw report converts with (the
# models' own, bench/live_setup.sql).
METERS=${METERS:-50000}
INSTITUTIONS=$((METERS / 10))
CLUSTER_OPTS="-c shared_buffers=2GB -c max_parallel_workers_per_gather=2 -c max_worker_processes=8 -c jit=off -c max_wal_size=8GB"
LIVE_PGOPTIONS="-c TimeZone=Asia/Shanghai -c energy.grid_fallback=grid -c energy.grid_year_policy=latest"
