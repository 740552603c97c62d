/*
 * unit.c — see unit.h.
 */
#include "postgres.h"

#include "lib/stringinfo.h"

#include "spelling.h"
#include "unit.h"

#define A(...) ((const char *const[]) {__VA_ARGS__, NULL})
#define NONE ((const char *const[]) {NULL})

/* Canonical spelling first, then the spellings met in bills and forms. */
static const UnitInfo units[] = {
	{UG_ELECTRIC, "kWh", 1, 1, A("千瓦时", "千瓦·时", "度", "kilowatthour")},
	{UG_ELECTRIC, "MWh", 1e3, 1, A("兆瓦时", "千千瓦时", "megawatthour")},
	{UG_ELECTRIC, "GWh", 1e6, 1, A("吉瓦时", "百万千瓦时")},
	{UG_ELECTRIC, "万kWh", 1e4, 1, A("万千瓦时", "万度")},
	{UG_ELECTRIC, "亿kWh", 1e8, 1, A("亿千瓦时", "亿度")},

	{UG_MASS, "kg", 1, 1, A("千克", "公斤", "kilogram")},
	{UG_MASS, "t", 1e3, 1, A("吨", "tonne", "ton")},
	{UG_MASS, "万t", 1e7, 1, A("万吨")},

	{UG_LIQUID, "L", 1, 1, A("升", "litre", "liter")},
	{UG_LIQUID, "kL", 1e3, 1, A("千升")},
	{UG_LIQUID, "m³", 1e3, 1, A("m3", "立方米", "方")},

	{UG_GAS, "m³", 1, 1, A("m3", "Nm³", "Nm3", "立方米", "标准立方米", "方")},
	{UG_GAS, "万m³", 1e4, 1, A("万m3", "万Nm³", "万Nm3", "万立方米", "万标准立方米", "万方")},
	{UG_GAS, "亿m³", 1e8, 1, A("亿m3", "亿立方米", "亿方")},

	{UG_WATER, "m³", 1, 1, A("m3", "立方米", "方", "t", "吨")},
	{UG_WATER, "万m³", 1e4, 1, A("万m3", "万立方米", "万方", "万t", "万吨")},
	{UG_WATER, "L", 1, 1e3, A("升")},

	{UG_HEAT, "MJ", 1, 1, A("兆焦", "兆焦耳")},
	{UG_HEAT, "GJ", 1e3, 1, A("吉焦", "吉焦耳", "百万千焦")},
	{UG_HEAT, "TJ", 1e6, 1, A("太焦", "太焦耳")},
	{UG_HEAT, "kJ", 1, 1e3, A("千焦", "千焦耳")},
	/* heat meters (EN 1434) also count in kWh/MWh: 1 kWh = 3.6 MJ */
	{UG_HEAT, "kWh", 36, 10, A("千瓦时")},
	{UG_HEAT, "MWh", 3600, 1, A("兆瓦时")},
	/* 1 Gcal = 10^9 cal(IT) × 4.1868 J/cal = 4 186.8 MJ */
	{UG_HEAT, "Gcal", 41868, 10, A("吉卡", "百万千卡")},

	{UG_COAL, "kgce", 1, 1, A("千克标准煤", "千克标煤", "公斤标准煤")},
	{UG_COAL, "tce", 1e3, 1, A("吨标准煤", "吨标煤")},
	{UG_COAL, "万tce", 1e7, 1, A("万吨标准煤", "万吨标煤")},
};

static const struct
{
	const char *name;
	const char *base;
}			groups[UG__COUNT] = {
	[UG_NONE] = {"none", ""},
	[UG_ELECTRIC] = {"electricity", "kWh"},
	[UG_MASS] = {"mass", "kg"},
	[UG_LIQUID] = {"liquid volume", "L"},
	[UG_GAS] = {"gas volume", "m³"},
	[UG_WATER] = {"water volume", "m³"},
	[UG_HEAT] = {"heat", "MJ"},
	[UG_COAL] = {"standard coal", "kgce"},
};

const char *
unit_group_name(UnitGroup g)
{
	return groups[g].name;
}

const char *
unit_group_base(UnitGroup g)
{
	return groups[g].base;
}

bool
unit_group_needs_density(UnitGroup g)
{
	return g == UG_LIQUID;
}

int
unit_count(void)
{
	return (int) lengthof(units);
}

const UnitInfo *
unit_by_index(int i)
{
	return &units[i];
}

static bool
matches(const char *folded, const char *spelling)
{
	char		f[SPELLING_MAX];

	return spelling_fold_utf8(spelling, f) && strcmp(f, folded) == 0;
}

const UnitInfo *
unit_lookup(UnitGroup g, const char *text)
{
	char		folded[SPELLING_MAX];

	if (!spelling_fold(text, folded))
		return NULL;
	for (int i = 0; i < (int) lengthof(units); i++)
	{
		const UnitInfo *u = &units[i];

		if (u->group != g)
			continue;
		if (matches(folded, u->name))
			return u;
		for (const char *const *a = u->aliases; *a; a++)
			if (matches(folded, *a))
				return u;
	}
	return NULL;
}

char *
unit_group_list(UnitGroup g)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < (int) lengthof(units); i++)
		if (units[i].group == g)
			appendStringInfo(&s, "%s%s", s.len ? ", " : "", units[i].name);
	return s.data;
}
