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
	UnitGroup	groups[CARRIER_MAX_GROUPS];	/* accepted unit groups, first
											 * is the base group */
	const char *const *aliases; /* further accepted spellings, NULL-ended */
} CarrierInfo;

extern const CarrierInfo *carrier_info(Carrier id);
extern int	carrier_count(void);
extern const CarrierInfo *carrier_by_index(int i);
extern bool carrier_parse(const char *text, Carrier *result);
extern bool carrier_accepts_group(const CarrierInfo *ci, UnitGroup g);
extern const char *carrier_base_unit(const CarrierInfo *ci);

#endif
