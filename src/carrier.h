/*
 * carrier.h — the energy and resource carriers known to energy_ext.
 *
 * A carrier is stored on disk as one byte: its id.  Ids are part of the
 * on-disk format and never change or get reused; new carriers get new ids.
 * Everything a type I/O function needs (codes, Chinese names, unit groups)
 * is in the static table in carrier.c, so input and output never touch a
 * table, SPI or a GUC (see STYLE.md on postgresql-unit issue #44).
 */
#ifndef ENERGY_CARRIER_H
#define ENERGY_CARRIER_H

#include "postgres.h"
#include "unit.h"

typedef uint8 Carrier;

#define DatumGetCarrier(d)	((Carrier) DatumGetUInt8(d))
#define CarrierGetDatum(c)	UInt8GetDatum(c)
#define PG_GETARG_CARRIER(n)	DatumGetCarrier(PG_GETARG_DATUM(n))
#define PG_RETURN_CARRIER(c)	return CarrierGetDatum(c)

/* Number of unit groups a carrier accepts at most (see unit.h). */
#define CARRIER_MAX_GROUPS 2

typedef struct CarrierInfo
{
	Carrier		id;				/* on-disk value, 1..255 */
	const char *code;			/* canonical code, the output form */
	const char *name_zh;		/* name in the statistics forms / GB/T 2589 */
	const char *name_en;
	bool		is_energy;		/* false for water: not part of 综合能耗 */
	int			scope;			/* CO2 scope: 1 direct (fuels), 2 purchased
								 * (electricity, heat), 0 none (water, PV,
								 * 其他能源 of unknown make-up) */
	Carrier		factor_carrier; /* carrier whose coefficients apply; 0 =
								 * its own (green electricity uses
								 * electricity's) */
	UnitGroup	groups[CARRIER_MAX_GROUPS];	/* accepted unit groups, first
											 * is the base group */
	const char *const *aliases; /* further accepted spellings, NULL-ended */
} CarrierInfo;

extern const CarrierInfo *carrier_info(Carrier id);
extern const CarrierInfo *carrier_info_or_null(Carrier id);	/* NULL if unknown */
extern int	carrier_count(void);
extern const CarrierInfo *carrier_by_index(int i);
extern bool carrier_parse(const char *text, Carrier *result);
extern bool carrier_accepts_group(const CarrierInfo *ci, UnitGroup g);
extern const char *carrier_base_unit(const CarrierInfo *ci);

/* The carrier whose reference rows apply to ci (itself, or e.g. electricity). */
static inline Carrier
carrier_factor_id(const CarrierInfo *ci)
{
	return ci->factor_carrier ? ci->factor_carrier : ci->id;
}

#define CARRIER_ELECTRICITY 1
#define CARRIER_PV 22
#define CARRIER_GREEN_ELECTRICITY 24

#endif
