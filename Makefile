# energy_ext — PGXS build.  `make && make install`, then `make installcheck`
# against a running server (tools/test.sh does all of it on a fresh machine).

EXTENSION  = energy_ext energy_ext_postgis
EXTVERSION = 0.2.0

MODULE_big = energy_ext
OBJS = src/energy_ext.o src/ratio.o src/spelling.o src/unit.o src/carrier.o src/factor.o src/callsite.o \
       src/conversion.o src/carbon.o src/textio.o src/ledger.o src/meter.o src/credit_code.o src/coords.o \
       src/overflow.o src/grid.o

# Each release's objects are one SQL file per concern, in order.  0.1.0 is
# released: its files never change (test/shell/upgrade.sh checks the script's
# checksum).  A fresh install of 0.2.0 runs the 0.1.0 files and then the
# 0.2.0 files, which are also the upgrade script from 0.1.0, so a fresh
# install and an upgraded one create the same objects.
SQL_0_1_0 = sql/01_carrier.sql sql/02_unit.sql sql/03_factor.sql sql/04_conversion.sql \
            sql/05_carbon.sql sql/06_ledger.sql sql/07_prorate.sql sql/08_meter.sql sql/09_quality.sql
SQL_0_2_0 = sql/10_ledger_accessors.sql sql/10_local_time.sql sql/11_released_functions.sql sql/11_quality_values.sql sql/11_bills.sql sql/11_readings.sql sql/11_meter_state.sql sql/12_reference.sql sql/12_admin_division_data.sql sql/12_coordinates.sql \
            sql/13_model.sql sql/14_model_tables.sql sql/14_live_ledgers.sql sql/15_model_views.sql sql/16_column_docs.sql \
            sql/16_targets.sql sql/16_quotas.sql sql/16_demo.sql sql/16_sharding.sql sql/16_access.sql sql/17_upgrade_models.sql
# The PostGIS companion (energy_ext_postgis.control, requires energy_ext and
# postgis): SQL only, so that energy_ext itself never needs PostGIS.
SQL_POSTGIS_0_2_0 = sql/30_spatial_coords.sql sql/31_spatial_boundaries.sql sql/32_spatial_seats.sql \
            sql/33_spatial_placement.sql sql/34_spatial_rollup.sql sql/35_spatial_maps.sql sql/36_spatial_demo.sql
DATA_built = sql/energy_ext--0.1.0.sql sql/energy_ext--0.2.0.sql sql/energy_ext--0.1.0--0.2.0.sql \
             sql/energy_ext_postgis--0.2.0.sql
EXTRA_CLEAN = sql/12_admin_division_data.sql

# pg_regress: test/sql/*.sql; expected output in the top-level expected/,
# results in results/ (pg_regress looks in outputdir/expected first).
REGRESS = setup carrier units factors conversion carbon freeze ledger prorate meter quality \
          reference coordinates model indicators live targets quotas demo spatial citus access limits search_path catalog
REGRESS_OPTS = --inputdir=test

PG_CONFIG ?= pg_config
# Our code is built -Wall -Wextra -Werror; the server headers are read as system
# headers so that their own unused parameters do not count against us.
# -ffp-contract=off: the compensated sums and exact products rely on each
# operation being rounded on its own; a compiler must not fuse them into
# multiply-adds behind our back (gcc and clang, whose bitcode the JIT inlines).
PG_CFLAGS   = -std=c11 -Wall -Wextra -Werror -ffp-contract=off
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
override BITCODE_CFLAGS += -ffp-contract=off

sql/energy_ext--0.1.0.sql: $(SQL_0_1_0)
	cat $^ > $@
sql/energy_ext--0.2.0.sql: $(SQL_0_1_0) $(SQL_0_2_0)
	cat $^ > $@
sql/energy_ext_postgis--0.2.0.sql: $(SQL_POSTGIS_0_2_0)
	{ printf '%s\n' '-- energy_ext_postgis 0.2.0' \
	    '\echo Use "CREATE EXTENSION energy_ext_postgis CASCADE" to load this file. \quit'; \
	  cat $^; } > $@
sql/energy_ext--0.1.0--0.2.0.sql: $(SQL_0_2_0)
	{ printf '%s\n' '-- energy_ext 0.1.0 -> 0.2.0' \
	    '\echo Use "ALTER EXTENSION energy_ext UPDATE TO '"'"'0.2.0'"'"'" to load this file. \quit'; \
	  cat $^; } > $@

# The administrative divisions (data/admin_division.tsv) as one INSERT.
sql/12_admin_division_data.sql: data/admin_division.tsv tools/tsv_to_sql.awk
	awk -f tools/tsv_to_sql.awk $< > $@

$(OBJS): $(wildcard src/*.h)

# The whole test suite against a build with AddressSanitizer and
# UndefinedBehaviorSanitizer, on a copy of PostgreSQL (tools/memcheck.sh; not
# part of CI).
.PHONY: memcheck
memcheck:
	bash tools/memcheck.sh

# The pg_regress suite with the servers under valgrind's memcheck, on a copy
# of PostgreSQL (tools/valgrind.sh; not part of CI).
.PHONY: valgrind
valgrind:
	bash tools/valgrind.sh

# A backend's peak memory running the aggregates over 1 and 10 million rows
# (bench/memory.sh; not part of CI).
.PHONY: memory-bench
memory-bench:
	bash bench/memory.sh

# The parsers under libFuzzer with ASan and UBSan, 10 million cases per
# target (tools/fuzz.sh; FUZZ_RUNS changes it; CI runs test/shell/fuzz.sh).
.PHONY: fuzz
fuzz:
	bash tools/fuzz.sh
