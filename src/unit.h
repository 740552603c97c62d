/*
 * unit.h — the units amounts are recorded in, grouped by what they measure.
 *
 * Each carrier accepts one or two unit groups (carrier.c).  Every unit is an
 * exact multiple of its group's base unit; those multiples are definitions
 * (1 t = 1 000 kg, 1 GJ = 1 000 MJ), not reference data.  Converting a
 * volume of liquid fuel to mass needs a density, which is reference data
 * (table energy.density), so the LIQUID group is marked 'needs_density'.
 */
#ifndef ENERGY_UNIT_H
#define ENERGY_UNIT_H

#include "postgres.h"

typedef enum UnitGroup
{
	UG_NONE = 0,
	UG_ELECTRIC,				/* base kWh */
	UG_MASS,					/* base kg */
	UG_LIQUID,					/* base L; to kg through a density */
	UG_GAS,						/* base m³ (standard state) */
	UG_WATER,					/* base m³; 1 t of water = 1 m³ */
	UG_HEAT,					/* base MJ */
	UG_COAL,					/* base kgce: 其他能源, already standard coal */
	UG__COUNT
} UnitGroup;

typedef struct UnitInfo
{
	UnitGroup	group;
	const char *name;			/* canonical spelling */
	double		num;			/* 1 name = num / den base units, both */
	double		den;			/* exact integers (see ratio.h) */
	const char *const *aliases; /* further accepted spellings, NULL-ended */
} UnitInfo;

extern const char *unit_group_name(UnitGroup g);
extern const char *unit_group_base(UnitGroup g);
extern bool unit_group_needs_density(UnitGroup g);
extern int	unit_count(void);
extern const UnitInfo *unit_by_index(int i);

/* The unit of group 'g' spelt 'text' (server encoding), or NULL. */
extern const UnitInfo *unit_lookup(UnitGroup g, const char *text);

/* The canonical spellings of group 'g', comma-separated, for hints. */
extern char *unit_group_list(UnitGroup g);

#endif
