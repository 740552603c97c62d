/*
 * carrier.c — type energy.carrier: one byte on disk, canonical code as text.
 *
 * The table below is the whole definition of the type: ids (on-disk, never
 * reused), canonical codes (what output prints and other SQL relies on), the
 * names used in the statistics forms and GB/T 2589, and which unit groups
 * each carrier's amounts may be recorded in.  Sorting follows the id, which
 * is the order of the forms (electricity first), not the alphabet.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "carrier.h"
#include "spelling.h"
#include "textio.h"

#define A(...) ((const char *const[]) {__VA_ARGS__, NULL})
#define G1(a) {a, UG_NONE}
#define G2(a, b) {a, b}

static const CarrierInfo carriers[] = {
	{1, "electricity", "电力", "electricity", true, 2, 0, G1(UG_ELECTRIC),
	A("电", "用电", "电能", "外购电力", "power")},
	{2, "water", "水", "water", false, 0, 0, G1(UG_WATER),
	A("用水", "自来水")},
	{3, "raw_coal", "原煤", "raw coal", true, 1, 0, G1(UG_MASS),
	A("煤炭", "煤", "coal")},
	{4, "washed_coal", "洗精煤", "cleaned coal", true, 1, 0, G1(UG_MASS),
	A("精煤")},
	{5, "middlings", "洗中煤", "middlings", true, 1, 0, G1(UG_MASS),
	A("中煤")},
	{6, "briquette", "型煤", "briquette", true, 1, 0, G1(UG_MASS),
	A("煤球", "煤饼")},
	{7, "coke", "焦炭", "coke", true, 1, 0, G1(UG_MASS),
	A("焦")},
	{8, "crude_oil", "原油", "crude oil", true, 1, 0, G2(UG_MASS, UG_LIQUID),
	A("crude")},
	{9, "fuel_oil", "燃料油", "fuel oil", true, 1, 0, G2(UG_MASS, UG_LIQUID),
	A("重油", "heavy_oil")},
	{10, "gasoline", "汽油", "gasoline", true, 1, 0, G2(UG_MASS, UG_LIQUID),
	A("petrol")},
	{11, "kerosene", "煤油", "kerosene", true, 1, 0, G2(UG_MASS, UG_LIQUID),
	A("航空煤油", "jet_fuel")},
	{12, "diesel", "柴油", "diesel", true, 1, 0, G2(UG_MASS, UG_LIQUID),
	A("diesel_oil", "gasoil")},
	{13, "lpg", "液化石油气", "liquefied petroleum gas", true, 1, 0, G2(UG_MASS, UG_LIQUID),
	A("液化气", "liquefied_petroleum_gas")},
	{14, "refinery_gas", "炼厂干气", "refinery gas", true, 1, 0, G1(UG_MASS),
	A("干气")},
	{15, "natural_gas", "天然气", "natural gas", true, 1, 0, G1(UG_GAS),
	A("气田天然气", "管道天然气", "ng")},
	{16, "oilfield_gas", "油田天然气", "oil-field natural gas", true, 1, 0, G1(UG_GAS),
	A("油田气", "associated_gas")},
	{17, "coke_oven_gas", "焦炉煤气", "coke-oven gas", true, 1, 0, G1(UG_GAS),
	A("焦炉气")},
	{18, "blast_furnace_gas", "高炉煤气", "blast-furnace gas", true, 1, 0, G1(UG_GAS),
	A("高炉气")},
	{19, "manufactured_gas", "人工煤气", "manufactured gas", true, 1, 0, G1(UG_GAS),
	A("煤气", "town_gas")},
	{20, "heat", "热力", "heat", true, 2, 0, G1(UG_HEAT),
	A("热", "热量", "外购热力", "供热")},
	{21, "steam", "蒸汽", "steam", true, 2, 0, G1(UG_MASS),
	A("低压蒸汽", "外购蒸汽")},
	{22, "pv", "光伏发电", "on-site PV generation", true, 0, 0, G1(UG_ELECTRIC),
	A("光伏", "光伏发电量", "太阳能光电系统发电量", "太阳能光伏发电", "solar_pv", "photovoltaic")},
	{23, "other", "其他能源", "other energy (in standard coal)", true, 0, 0, G1(UG_COAL),
	A("其他", "其它能源", "其它", "other_energy")},
	/* purchased green electricity (绿电 trading, or grid power covered by green
	 * certificates): electricity in every respect but the market-based CO2 */
	{24, "green_electricity", "绿电", "green electricity", true, 2, CARRIER_ELECTRICITY, G1(UG_ELECTRIC),
	A("绿色电力", "绿电交易电量", "green_power")},
};

/* id -> index into carriers[]; 0 means "no such id" (index stored + 1). */
static uint8 by_id[256];
static bool by_id_ready = false;

static void
build_by_id(void)
{
	for (int i = 0; i < (int) lengthof(carriers); i++)
		by_id[carriers[i].id] = (uint8) (i + 1);
	by_id_ready = true;
}

const CarrierInfo *
carrier_info_or_null(Carrier id)
{
	if (!by_id_ready)
		build_by_id();
	return by_id[id] ? &carriers[by_id[id] - 1] : NULL;
}

const CarrierInfo *
carrier_info(Carrier id)
{
	if (!by_id_ready)
		build_by_id();
	if (by_id[id] == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid energy.carrier value %u on disk", (unsigned) id)));
	return &carriers[by_id[id] - 1];
}

int
carrier_count(void)
{
	return (int) lengthof(carriers);
}

const CarrierInfo *
carrier_by_index(int i)
{
	return &carriers[i];
}

bool
carrier_accepts_group(const CarrierInfo *ci, UnitGroup g)
{
	for (int i = 0; i < CARRIER_MAX_GROUPS; i++)
		if (ci->groups[i] == g && g != UG_NONE)
			return true;
	return false;
}

const char *
carrier_base_unit(const CarrierInfo *ci)
{
	return unit_group_base(ci->groups[0]);
}

static bool
matches(const char *folded, const char *spelling)
{
	char		f[SPELLING_MAX];

	return spelling_fold_utf8(spelling, f) && strcmp(f, folded) == 0;
}

bool
carrier_parse(const char *text, Carrier *result)
{
	char		folded[SPELLING_MAX];

	if (!spelling_fold(text, folded))
		return false;
	for (int i = 0; i < (int) lengthof(carriers); i++)
	{
		const CarrierInfo *ci = &carriers[i];

		if (matches(folded, ci->code) || matches(folded, ci->name_zh))
		{
			*result = ci->id;
			return true;
		}
		for (const char *const *a = ci->aliases; *a; a++)
			if (matches(folded, *a))
			{
				*result = ci->id;
				return true;
			}
	}
	return false;
}

static Carrier
carrier_from_text(const char *text)
{
	Carrier		c;

	if (!carrier_parse(text, &c))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type energy.carrier: \"%s\"", shown_input(text)),
				 errhint("Use a canonical code (electricity, water, raw_coal, natural_gas, "
						 "diesel, heat, pv, other, ...) or a name from the statistics "
						 "forms (电力, 水, 煤炭, 天然气, 柴油, 热力, 光伏发电, 其他能源, ...); "
						 "SELECT * FROM energy.carriers lists every accepted spelling.")));
	return c;
}

PG_FUNCTION_INFO_V1(carrier_in);
Datum
carrier_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_CARRIER(carrier_from_text(PG_GETARG_CSTRING(0)));
}

PG_FUNCTION_INFO_V1(carrier_out);
Datum
carrier_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(carrier_info(PG_GETARG_CARRIER(0))->code));
}

/* Binary form: the canonical code as text, so clients need no id table. */
PG_FUNCTION_INFO_V1(carrier_recv);
Datum
carrier_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			nbytes;
	char	   *code = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);

	PG_RETURN_CARRIER(carrier_from_text(code));
}

PG_FUNCTION_INFO_V1(carrier_send);
Datum
carrier_send(PG_FUNCTION_ARGS)
{
	const CarrierInfo *ci = carrier_info(PG_GETARG_CARRIER(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendtext(&buf, ci->code, strlen(ci->code));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Order by id (the order of the forms); ids are unique, so this is total. */
#define CMP_FN(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_CARRIER(0) op PG_GETARG_CARRIER(1)); \
}

CMP_FN(carrier_eq, ==)
CMP_FN(carrier_ne, !=)
CMP_FN(carrier_lt, <)
CMP_FN(carrier_le, <=)
CMP_FN(carrier_gt, >)
CMP_FN(carrier_ge, >=)

PG_FUNCTION_INFO_V1(carrier_cmp);
Datum
carrier_cmp(PG_FUNCTION_ARGS)
{
	Carrier		a = PG_GETARG_CARRIER(0);
	Carrier		b = PG_GETARG_CARRIER(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

PG_FUNCTION_INFO_V1(carrier_hash);
Datum
carrier_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_CARRIER(0));
}

PG_FUNCTION_INFO_V1(carrier_hash_extended);
Datum
carrier_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_CARRIER(0), PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(carrier_is_energy);
Datum
carrier_is_energy(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(carrier_info(PG_GETARG_CARRIER(0))->is_energy);
}

PG_FUNCTION_INFO_V1(carrier_base_unit_fn);
Datum
carrier_base_unit_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(carrier_base_unit(carrier_info(PG_GETARG_CARRIER(0)))));
}

static ArrayType *
text_array(const char *const *items, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * (n > 0 ? n : 1));

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(items[i]);
	return construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/*
 * energy.carrier_list(): one row per carrier with its names, whether it is
 * energy, its base unit, the units it accepts and every accepted spelling.
 */
PG_FUNCTION_INFO_V1(carrier_list);
Datum
carrier_list(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < (int) lengthof(carriers); i++)
	{
		const CarrierInfo *ci = &carriers[i];
		const char *units[64];
		const char *spellings[32];
		int			nu = 0,
					ns = 0;
		Datum		values[8];
		bool		nulls[8] = {0};
		StringInfoData groups;

		initStringInfo(&groups);
		for (int g = 0; g < CARRIER_MAX_GROUPS; g++)
		{
			if (ci->groups[g] == UG_NONE)
				continue;
			appendStringInfo(&groups, "%s%s", groups.len ? ", " : "",
							 unit_group_name(ci->groups[g]));
			for (int u = 0; u < unit_count() && nu < (int) lengthof(units); u++)
				if (unit_by_index(u)->group == ci->groups[g])
					units[nu++] = unit_by_index(u)->name;
		}
		spellings[ns++] = ci->code;
		spellings[ns++] = ci->name_zh;
		for (const char *const *a = ci->aliases; *a && ns < (int) lengthof(spellings); a++)
			spellings[ns++] = *a;

		values[0] = CarrierGetDatum(ci->id);
		values[1] = CStringGetTextDatum(ci->name_zh);
		values[2] = CStringGetTextDatum(ci->name_en);
		values[3] = BoolGetDatum(ci->is_energy);
		values[4] = CStringGetTextDatum(carrier_base_unit(ci));
		values[5] = CStringGetTextDatum(groups.data);
		values[6] = PointerGetDatum(text_array(units, nu));
		values[7] = PointerGetDatum(text_array(spellings, ns));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
