/*
 * carbon.h — resolving the CO2 factor of one (carrier, date, region), shared
 * by the scalar functions (carbon.c) and the ledger aggregate (ledger.c).
 */
#ifndef ENERGY_CARBON_H
#define ENERGY_CARBON_H

#include "postgres.h"

#include "factor.h"
#include "ratio.h"

typedef enum YearPolicy
{
	POLICY_EXACT,				/* the data year or an error */
	POLICY_LATEST,				/* latest published year <= data year */
	POLICY_NEAREST				/* nearest year; ties go to the earlier */
} YearPolicy;

typedef enum Fallback
{
	FALLBACK_NONE,				/* the region's own province or an error */
	FALLBACK_GRID				/* province, then regional grid, then national */
} Fallback;

/* Which factors: sets, grid basis, and what to do when one is missing. */
typedef struct Co2Options
{
	int			co2_set;		/* fuels and heat */
	int			grid_set;		/* electricity */
	const char *grid_basis;
	YearPolicy	policy;
	Fallback	fallback;
} Co2Options;

typedef enum Co2Kind
{
	KIND_FUEL,					/* energy.co2_factor row by parameters */
	KIND_DIRECT,				/* energy.co2_factor row with a direct factor */
	KIND_GRID,					/* energy.grid_factor row */
	KIND_ZERO_PV,				/* on-site generation emits nothing */
	KIND_ZERO_GREEN				/* green electricity, market-based */
} Co2Kind;

/* The factor found for one carrier, date and region. */
typedef struct Co2Factor
{
	Co2Kind		kind;
	Ratio		per_base;		/* kgCO2 per base unit of the carrier */
	const RefRow *fuel;			/* KIND_FUEL, KIND_DIRECT */
	const GridRow *grid;		/* KIND_GRID */
	int			data_year;
} Co2Factor;

extern YearPolicy co2_parse_policy(const char *s);
extern Fallback co2_parse_fallback(const char *s);
extern const char *co2_parse_grid_basis(const char *s);
extern const char *co2_policy_name(YearPolicy p);

/*
 * The region named by 'text' (GB/T 2260 code or province name); NULL for
 * national (NULL text or '000000').  Errors (22023) on an unknown region.
 */
extern const RegionRow *co2_region(const RefData *ref, const char *text);

/*
 * Find the CO2 factor of 'ci' on 'date' in 'region' (NULL: national) by the
 * location- or market-based method, ignoring rows loaded after 'cutoff'.
 * When none exists: with missing_ok, returns false; otherwise raises the
 * error that tells the user what is missing and what to do.
 */
extern bool co2_resolve(const RefData *ref, const Co2Options *o, const CarrierInfo *ci,
						DateADT date, const RegionRow *region, bool market,
						TimestampTz cutoff, bool missing_ok, Co2Factor *f);

/*
 * The validity of the answer co2_resolve gives for 'date': the calendar year
 * (grid factors and freezes go by data year) narrowed to the boundaries of
 * the fuel rows that could apply.  *lo and *hi are narrowed in place.
 */
extern void co2_clip(const RefData *ref, const Co2Options *o, const CarrierInfo *ci,
					 DateADT date, TimestampTz cutoff, DateADT *lo, DateADT *hi);

#endif
