/*
 * callsite.h — what the conversion functions (conversion.c, carbon.c) share:
 * a per-call-site cache in fn_extra and the parsing of their arguments,
 * each with the error a user should see.
 */
#ifndef ENERGY_CALLSITE_H
#define ENERGY_CALLSITE_H

#include "postgres.h"

#include "fmgr.h"

#include "carrier.h"
#include "factor.h"
#include "unit.h"

typedef struct SetCache
{
	char	   *name;
	int			set;
} SetCache;

/* Per-call-site state, kept in fn_extra for the life of the query. */
typedef struct ConvCache
{
	RefData    *ref;			/* loaded on first need */
	uint64		ref_generation; /* energy_ref_generation when loaded */
	/* last resolved unit */
	Carrier		unit_carrier;
	char	   *unit_text;
	const UnitInfo *unit;
	/* last resolved factor sets: standard coal (and densities), CO2, grid */
	SetCache	coal_set;
	SetCache	co2_set;
	SetCache	grid_set;
} ConvCache;

extern ConvCache *conv_cache(FunctionCallInfo fcinfo);
extern RefData *conv_ref(FunctionCallInfo fcinfo, ConvCache *cc);
extern RefData *conv_ref_once(FunctionCallInfo fcinfo, ConvCache *cc);
extern const UnitInfo *find_unit(const CarrierInfo *ci, const char *text);
extern const UnitInfo *arg_unit(FunctionCallInfo fcinfo, ConvCache *cc, const CarrierInfo *ci, int argno);
extern int	arg_set(FunctionCallInfo fcinfo, ConvCache *cc, int argno, const char *setting, SetCache *sc);
extern DateADT arg_date(FunctionCallInfo fcinfo, int argno);
extern double arg_amount(FunctionCallInfo fcinfo, int argno);
extern Ratio unit_size(const UnitInfo *u);
extern Ratio base_per_unit(const RefData *ref, int set, const CarrierInfo *ci, const UnitInfo *unit,
						   DateADT date, TimestampTz cutoff, const RefRow **density);
/* An energy.co2_method argument: true for 'market', false for 'location' or NULL. */
extern bool arg_market(FunctionCallInfo fcinfo, int argno);

/* An optional text argument, or the setting's value when it is NULL. */
extern char *arg_text_or(FunctionCallInfo fcinfo, int argno, const char *setting);

/* Result-column helpers: text or NULL; a numeric from its text form. */
extern Datum datum_text_or_null(const char *s, bool *isnull);
extern Datum datum_numeric(const char *s);

#endif
