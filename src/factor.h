/*
 * factor.h — the reference data behind conversions, read from the
 * extension's tables: factor sets, standard-coal coefficients, densities,
 * fuel CO2 parameters, grid emission factors, regions and frozen years.
 *
 * The tables are small, so a query loads them whole, once per call site
 * (fn_extra), and resolves every row in memory: no per-row SPI, and every
 * call within one query sees the same snapshot of the data.
 *
 * Every row carries loaded_at.  A revision is a new row loaded later; it
 * supersedes the older row for the periods both cover.  A frozen data year
 * (energy.frozen_year) ignores rows loaded after it was frozen, so loading
 * newer factors never changes a published figure.
 */
#ifndef ENERGY_FACTOR_H
#define ENERGY_FACTOR_H

#include "postgres.h"

#include "utils/date.h"
#include "utils/timestamp.h"

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

/* One row of energy.coal_factor, energy.density or energy.co2_factor. */
typedef struct RefRow
{
	int			set;			/* index into sets */
	Carrier		carrier;
	Basis		basis;			/* coal factors only */
	DateADT		valid_from;		/* inclusive */
	DateADT		valid_to;		/* exclusive */
	TimestampTz loaded_at;
	Ratio		per_base;		/* kgce or kgCO2 per base unit, or kg per L */
	char	   *value;			/* the value as stored (numeric text); NULL
								 * for CO2 rows given by parameters */
	char	   *per_unit;		/* coal and CO2 rows: the unit it is per */
	char	   *ncv;			/* CO2 rows by parameters: GJ per per_unit */
	char	   *carbon;			/* ... tC/TJ */
	char	   *oxidation;		/* ... fraction */
	char	   *source;
	char	   *grade;
	char	   *note;			/* may be NULL */
} RefRow;

/* Grid emission-factor levels, most specific last. */
typedef enum GridLevel
{
	LEVEL_NATIONAL = 0,
	LEVEL_GRID = 1,
	LEVEL_PROVINCE = 2
} GridLevel;

/* One row of energy.grid_factor. */
typedef struct GridRow
{
	int			set;
	char	   *basis;			/* average, excl_market_nonfossil, fossil */
	GridLevel	level;
	char	   *area;			/* 'national', a grid code, a province code */
	int			year;
	TimestampTz loaded_at;
	Ratio		value;			/* kgCO2 per kWh */
	char	   *value_text;
	char	   *published;
	char	   *source;
	char	   *grade;
	char	   *note;
} GridRow;

typedef struct RegionRow
{
	char	   *code;			/* '210000' */
	char	   *short_zh;		/* '辽宁' */
	char	   *name_zh;		/* '辽宁省' */
	char	   *grid;			/* 'northeast' */
} RegionRow;

typedef struct FrozenYear
{
	int			year;
	TimestampTz frozen_at;
} FrozenYear;

typedef struct RefData
{
	int			nsets;
	RefSet	   *sets;
	int			ncoal;
	RefRow	   *coal;
	int			ndensity;
	RefRow	   *density;
	int			nco2;
	RefRow	   *co2;
	int			ngrid;
	GridRow    *grid;
	int			nregions;
	RegionRow  *regions;
	int			nfrozen;
	FrozenYear *frozen;
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
 * Rows loaded after the returned time are ignored for 'date': the freeze
 * time of its year if that year is frozen, DT_NOEND otherwise.
 */
extern TimestampTz refdata_cutoff(const RefData *ref, DateADT date);

/*
 * The row in force on 'date' for 'carrier' (and 'basis') in set 'set' or,
 * failing that, its nearest ancestor that has one; among revisions, the
 * latest loaded no later than 'cutoff'.  NULL when none has one.
 */
extern const RefRow *refdata_coal(const RefData *ref, int set, Carrier carrier,
								  Basis basis, DateADT date, TimestampTz cutoff);
extern const RefRow *refdata_density(const RefData *ref, int set, Carrier carrier,
									 DateADT date, TimestampTz cutoff);
extern const RefRow *refdata_co2(const RefData *ref, int set, Carrier carrier,
								 DateADT date, TimestampTz cutoff);

/*
 * Narrow [*lo, *hi) around 'date' to the boundaries of every row that could
 * answer for (set, carrier, basis): within it, the resolved row stays the
 * same.  Used to cache a resolution for a range of dates.
 */
extern void refdata_clip(const RefData *ref, const RefRow *rows, int n, int set, Carrier carrier,
						 Basis basis, DateADT date, TimestampTz cutoff, DateADT *lo, DateADT *hi);

/* The region row for a GB/T 2260 code or Chinese name; NULL if unknown. */
extern const RegionRow *refdata_region(const RefData *ref, const char *text);

/* Set names, current values of the energy.* settings. */
/* Bumped whenever this backend changes the reference data (their triggers):
 * conv_ref loads them again at a call site that loaded them before. */
extern uint64 energy_ref_generation;

extern char *energy_factor_set_guc;
extern char *energy_co2_set_guc;
extern char *energy_grid_set_guc;
extern char *energy_grid_basis_guc;
extern char *energy_grid_year_policy_guc;
extern char *energy_grid_fallback_guc;
extern bool energy_use_fma_guc;

/* The calendar year of a date. */
extern int	date_year(DateADT d);

/* A date as YYYY-MM-DD (or ±infinity) whatever the DateStyle: for messages. */
extern char *date_iso(DateADT d);

extern Basis basis_parse(const char *text);
extern const char *basis_name(Basis b);

#endif
