# energy_ext — PGXS build.  `make && make install`, then `make installcheck`
# against a running server (tools/test.sh does all of it on a fresh machine).

EXTENSION  = energy_ext
EXTVERSION = 0.1.0

MODULE_big = energy_ext
OBJS = src/energy_ext.o src/ratio.o src/spelling.o src/unit.o src/carrier.o src/factor.o src/callsite.o src/conversion.o src/carbon.o src/textio.o src/ledger.o src/meter.o

# The install script is the concatenation of one file per concern, in order.
SQL_PARTS  = sql/01_carrier.sql sql/02_unit.sql sql/03_factor.sql sql/04_conversion.sql \
             sql/05_carbon.sql sql/06_ledger.sql \
             sql/07_prorate.sql sql/08_meter.sql sql/09_quality.sql
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql

# pg_regress: test/sql/*.sql; expected output in the top-level expected/,
# results in results/ (pg_regress looks in outputdir/expected first).
REGRESS = setup carrier units factors conversion carbon freeze ledger prorate meter quality search_path catalog
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

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

$(OBJS): $(wildcard src/*.h)
