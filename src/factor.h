/*
 * factor.h — the reference data behind conversions: factor sets, standard-
 * coal coefficients and liquid-fuel densities, read from the extension's
 * tables (energy.factor_set, energy.coal_factor, energy.density).
 *
 * The tables are small, so a query loads them whole, once per call site
 * (fn_extra), and resolves every row in memory: no per-row SPI, and every
 * call within one query sees the same snapshot of the data.
 */
#ifndef ENERGY_FACTOR_H
#define ENERGY_FACTOR_H

#include "postgres.h"

#include "utils/date.h"

#include "carrier.h"
#include "ratio.h"

typedef enum Basis
{
	BASIS_CALORIFIC = 0,		/* 当量值 */
	BASIS_PRIMARY = 1			/* 等价值 */
} Basis;

typedef struct RefSet
{
	char	   *name;
	int			parent;			/* index into sets, -1 for a root */
} RefSet;

/* One row of energy.coal_factor or energy.density. */
typedef struct RefRow
{
	int			set;			/* index into sets */
	Carrier		carrier;
	Basis		basis;			/* coal factors only */
	DateADT		valid_from;		/* inclusive */
	DateADT		valid_to;		/* exclusive */
	Ratio		per_base;		/* kgce per base unit, or kg per L, exact */
	char	   *value;			/* the value as stored (numeric text) */
	char	   *per_unit;		/* coal factors: the unit it is per */
	char	   *source;
	char	   *grade;
	char	   *note;			/* may be NULL */
} RefRow;

typedef struct RefData
{
	int			nsets;
	RefSet	   *sets;
	int			ncoal;
	RefRow	   *coal;
	int			ndensity;
	RefRow	   *density;
} RefData;

/*
 * Load and validate all reference data into 'cxt'; errors on bad data.
 * 'fresh' reads with a new snapshot that sees the current command's own
 * writes (the validation trigger); otherwise the caller's snapshot is used,
 * as a STABLE function must.
 */
extern RefData *refdata_load(MemoryContext cxt, bool fresh);

/* Index of the set named 'name'; errors (42704) when there is none. */
extern int	refdata_set(const RefData *ref, const char *name);

/*
 * The row in force on 'date' for 'carrier' (and 'basis') in set 'set' or,
 * failing that, its nearest ancestor that has one; NULL when none has.
 */
extern const RefRow *refdata_coal(const RefData *ref, int set, Carrier carrier,
								  Basis basis, DateADT date);
extern const RefRow *refdata_density(const RefData *ref, int set, Carrier carrier,
									 DateADT date);

/* The set named by GUC energy.factor_set. */
extern char *energy_factor_set_guc;

/* A date as YYYY-MM-DD (or ±infinity) whatever the DateStyle: for messages. */
extern char *date_iso(DateADT d);

extern Basis basis_parse(const char *text);
extern const char *basis_name(Basis b);

#endif
