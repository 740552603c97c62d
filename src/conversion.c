/*
 * conversion.c — energy.kgce / energy.tce / energy.explain_kgce /
 * energy.convert_unit: amounts in the units people record, turned into
 * standard coal through the coefficients of energy.coal_factor.
 *
 *   kgce = amount × (unit in base units) [× density, for litres] × coefficient
 *
 * The base unit is the carrier's: kWh, kg, m³, MJ or kgce (carrier.c).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"

#include "carrier.h"
#include "factor.h"
#include "unit.h"

/* Per-call-site state, kept in fn_extra for the life of the query. */
typedef struct ConvCache
{
	RefData    *ref;			/* loaded on first need */
	/* last resolved unit */
	Carrier		unit_carrier;
	char	   *unit_text;
	const UnitInfo *unit;
	/* last resolved factor set */
	char	   *set_name;
	int			set;
} ConvCache;

static ConvCache *
conv_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ConvCache));
	return (ConvCache *) fcinfo->flinfo->fn_extra;
}

static RefData *
conv_ref(FunctionCallInfo fcinfo, ConvCache *cc)
{
	if (cc->ref == NULL)
		cc->ref = refdata_load(fcinfo->flinfo->fn_mcxt, false);
	return cc->ref;
}

/* The unit spelt 'text' for carrier 'ci'; errors name both when they do not fit. */
static const UnitInfo *
find_unit(const CarrierInfo *ci, const char *text)
{
	for (int g = 0; g < CARRIER_MAX_GROUPS; g++)
	{
		const UnitInfo *u;

		if (ci->groups[g] != UG_NONE && (u = unit_lookup(ci->groups[g], text)) != NULL)
			return u;
	}
	{
		char	   *accepted = unit_group_list(ci->groups[0]);
		bool		known = false;

		if (ci->groups[1] != UG_NONE)
			accepted = psprintf("%s or, through a density, %s", accepted,
								unit_group_list(ci->groups[1]));
		for (int g = UG_NONE + 1; g < UG__COUNT; g++)
			if (unit_lookup((UnitGroup) g, text) != NULL)
				known = true;
		if (known)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unit \"%s\" does not fit carrier %s", text, ci->code),
					 errhint("%s (%s) is measured in %s.", ci->code, ci->name_zh, accepted)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\" for carrier %s", text, ci->code),
				 errhint("%s (%s) is measured in %s; SELECT * FROM energy.units lists every spelling.",
						 ci->code, ci->name_zh, accepted)));
	}
	return NULL;				/* not reached */
}

/* Unit argument 'argno' (NULL = the carrier's base unit), cached per call site. */
static const UnitInfo *
arg_unit(FunctionCallInfo fcinfo, ConvCache *cc, const CarrierInfo *ci, int argno)
{
	char	   *spelt;

	if (PG_ARGISNULL(argno))
		return unit_lookup(ci->groups[0], unit_group_base(ci->groups[0]));
	spelt = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (cc->unit == NULL || cc->unit_carrier != ci->id || strcmp(cc->unit_text, spelt) != 0)
	{
		const UnitInfo *u = find_unit(ci, spelt);

		if (cc->unit_text)
			pfree(cc->unit_text);
		cc->unit_text = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, spelt);
		cc->unit_carrier = ci->id;
		cc->unit = u;
	}
	pfree(spelt);
	return cc->unit;
}

/* Factor-set argument 'argno' (NULL = GUC energy.factor_set), cached. */
static int
arg_set(FunctionCallInfo fcinfo, ConvCache *cc, int argno)
{
	RefData    *ref = conv_ref(fcinfo, cc);
	char	   *name;

	name = PG_ARGISNULL(argno) ? pstrdup(energy_factor_set_guc)
		: text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (cc->set_name == NULL || strcmp(cc->set_name, name) != 0)
	{
		int			set = refdata_set(ref, name);

		if (cc->set_name)
			pfree(cc->set_name);
		cc->set_name = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, name);
		cc->set = set;
	}
	pfree(name);
	return cc->set;
}

static DateADT
arg_date(FunctionCallInfo fcinfo, int argno)
{
	DateADT		d;

	if (PG_ARGISNULL(argno))
		return GetSQLCurrentDate();
	d = PG_GETARG_DATEADT(argno);
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("on_date must be a finite date, not %s", date_iso(d)),
				 errhint("Pass the date the amount was consumed, or NULL for today.")));
	return d;
}

static double
arg_amount(FunctionCallInfo fcinfo, int argno)
{
	double		a = PG_GETARG_FLOAT8(argno);

	if (isnan(a) || isinf(a))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount must be a finite number, not %s", float8out_internal(a)),
				 errhint("Replace NaN/Infinity readings with the measured amount, or NULL when unknown.")));
	return a;
}

/* Everything one conversion used, for energy.explain_kgce. */
typedef struct Conversion
{
	const CarrierInfo *ci;
	const UnitInfo *unit;
	Basis		basis;
	double		base_amount;	/* in the carrier's base unit */
	const RefRow *density;		/* when the amount was a volume of liquid */
	const RefRow *coal;
	double		kgce;
} Conversion;

static Ratio
unit_size(const UnitInfo *u)
{
	return ratio(u->num, u->den);
}

/*
 * How many base units (kg for litres of liquid fuel) one 'unit' of ci is:
 * the unit's size, times the density in force when the unit is a volume of
 * liquid.  *density tells which density row was used.
 */
static Ratio
base_per_unit(const RefData *ref, int set, const CarrierInfo *ci, const UnitInfo *unit,
			  DateADT date, const RefRow **density)
{
	Ratio		r = unit_size(unit);

	*density = NULL;
	if (unit_group_needs_density(unit->group))
	{
		*density = refdata_density(ref, set, ci->id, date);
		if (*density == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("no density for %s in factor set \"%s\" on %s",
							ci->code, ref->sets[set].name, date_iso(date)),
					 errhint("Record %s by mass (kg, t), or add a density to your own set: "
							 "INSERT INTO energy.density (factor_set, carrier, kg_per_l, source, grade) "
							 "VALUES ('my_set', '%s', ..., '...', 'measured').",
							 ci->code, ci->code)));
		r = ratio_mul(r, (*density)->per_base);
	}
	return r;
}

static void
convert(FunctionCallInfo fcinfo, ConvCache *cc, Conversion *cv)
{
	RefData    *ref = conv_ref(fcinfo, cc);
	double		amount;
	DateADT		date;
	int			set;
	Ratio		per_unit;

	cv->ci = carrier_info(PG_GETARG_CARRIER(0));
	if (!cv->ci->is_energy)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s (%s) is not an energy carrier and has no standard-coal equivalent",
						cv->ci->code, cv->ci->name_zh),
				 errhint("Water is reported in m³, outside 综合能耗 (GB/T 2589); "
						 "filter it out with WHERE energy.is_energy(carrier).")));
	amount = arg_amount(fcinfo, 1);
	cv->unit = arg_unit(fcinfo, cc, cv->ci, 2);
	date = arg_date(fcinfo, 3);
	set = arg_set(fcinfo, cc, 4);
	cv->basis = PG_ARGISNULL(5) ? BASIS_CALORIFIC
		: basis_parse(text_to_cstring(PG_GETARG_TEXT_PP(5)));

	per_unit = base_per_unit(ref, set, cv->ci, cv->unit, date, &cv->density);
	cv->base_amount = ratio_apply(amount, per_unit);

	cv->coal = refdata_coal(ref, set, cv->ci->id, cv->basis, date);
	/* 等价值 = 当量值 for fuels; only electricity needs its own primary rate. */
	if (cv->coal == NULL && cv->basis == BASIS_PRIMARY && cv->ci->groups[0] != UG_ELECTRIC)
		cv->coal = refdata_coal(ref, set, cv->ci->id, BASIS_CALORIFIC, date);
	if (cv->coal == NULL)
	{
		if (cv->basis == BASIS_PRIMARY)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("no primary-basis (等价值) coefficient for %s in factor set \"%s\" on %s",
							cv->ci->code, ref->sets[set].name, date_iso(date)),
					 errhint("The primary basis needs the year's power-supply coal rate, which is not "
							 "shipped: add it to your own set, e.g. INSERT INTO energy.coal_factor "
							 "(factor_set, carrier, basis, valid_from, valid_to, kgce_per_unit, per_unit, "
							 "source, grade) VALUES ('my_set', '%s', 'primary', '2023-01-01', "
							 "'2024-01-01', 0.3, 'kWh', '...', 'user').", cv->ci->code)));
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no standard-coal coefficient for %s in factor set \"%s\" on %s",
						cv->ci->code, ref->sets[set].name, date_iso(date)),
				 errhint("Add your measured coefficient to your own set: INSERT INTO "
						 "energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade) "
						 "VALUES ('my_set', '%s', ..., '%s', '...', 'measured').",
						 cv->ci->code, carrier_base_unit(cv->ci))));
	}
	/* one rounding from the amount to the result (ratio.h) */
	cv->kgce = ratio_apply(amount, ratio_mul(per_unit, cv->coal->per_base));
}

/* NULL carrier or amount gives NULL: unknown consumption stays unknown. */
#define RETURN_NULL_ON_NULL_INPUT() \
	do { if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL(); } while (0)

PG_FUNCTION_INFO_V1(energy_kgce);
Datum
energy_kgce(PG_FUNCTION_ARGS)
{
	Conversion	cv;

	RETURN_NULL_ON_NULL_INPUT();
	convert(fcinfo, conv_cache(fcinfo), &cv);
	PG_RETURN_FLOAT8(cv.kgce);
}

PG_FUNCTION_INFO_V1(energy_tce);
Datum
energy_tce(PG_FUNCTION_ARGS)
{
	Conversion	cv;

	RETURN_NULL_ON_NULL_INPUT();
	convert(fcinfo, conv_cache(fcinfo), &cv);
	PG_RETURN_FLOAT8(cv.kgce / 1000.0);
}

static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL);
	return s ? CStringGetTextDatum(s) : (Datum) 0;
}

static Datum
numeric_datum(const char *s)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(s),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* energy.explain_kgce: one row telling which coefficient (and density) was used. */
PG_FUNCTION_INFO_V1(energy_explain_kgce);
Datum
energy_explain_kgce(PG_FUNCTION_ARGS)
{
	ConvCache  *cc = conv_cache(fcinfo);
	Conversion	cv;
	TupleDesc	desc;
	Datum		v[16];
	bool		n[16] = {0};
	int			i = 0;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "energy.explain_kgce must return a record");
	RETURN_NULL_ON_NULL_INPUT();
	convert(fcinfo, cc, &cv);

	v[i++] = Float8GetDatum(cv.kgce);
	v[i++] = Float8GetDatum(cv.base_amount);
	v[i++] = CStringGetTextDatum(carrier_base_unit(cv.ci));
	v[i++] = CStringGetTextDatum(cv.unit->name);
	v[i++] = CStringGetTextDatum(basis_name(cv.basis));
	v[i++] = CStringGetTextDatum(cc->ref->sets[cv.coal->set].name);
	v[i++] = numeric_datum(cv.coal->value);
	v[i++] = CStringGetTextDatum(cv.coal->per_unit);
	v[i++] = DateADTGetDatum(cv.coal->valid_from);
	v[i++] = DateADTGetDatum(cv.coal->valid_to);
	v[i++] = CStringGetTextDatum(cv.coal->source);
	v[i++] = CStringGetTextDatum(cv.coal->grade);
	v[i] = text_or_null(cv.coal->note, &n[i]);
	i++;
	if (cv.density)
	{
		v[i++] = numeric_datum(cv.density->value);
		v[i++] = CStringGetTextDatum(cv.density->source);
		v[i++] = CStringGetTextDatum(cv.density->grade);
	}
	else
	{
		n[i++] = true;
		n[i++] = true;
		n[i++] = true;
	}
	Assert(i == desc->natts);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, n)));
}

/*
 * energy.convert_unit(carrier, amount, from_unit, to_unit, on_date, factor_set):
 * the same quantity in another unit of the carrier; between litres and mass
 * through the density in force.
 */
PG_FUNCTION_INFO_V1(energy_convert_unit);
Datum
energy_convert_unit(PG_FUNCTION_ARGS)
{
	ConvCache  *cc = conv_cache(fcinfo);
	const CarrierInfo *ci;
	const UnitInfo *from,
			   *to;
	double		amount,
				v;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("energy.convert_unit needs both from_unit and to_unit")));
	ci = carrier_info(PG_GETARG_CARRIER(0));
	amount = arg_amount(fcinfo, 1);
	from = find_unit(ci, text_to_cstring(PG_GETARG_TEXT_PP(2)));
	to = find_unit(ci, text_to_cstring(PG_GETARG_TEXT_PP(3)));

	if (from == to)
		v = amount;
	else if (from->group == to->group)
		v = ratio_apply(amount, ratio_div(unit_size(from), unit_size(to)));
	else
	{
		/* one side is a volume of liquid fuel, the other a mass */
		RefData    *ref = conv_ref(fcinfo, cc);
		DateADT		date = arg_date(fcinfo, 4);
		int			set = arg_set(fcinfo, cc, 5);
		const RefRow *density;
		Ratio		kg_from = base_per_unit(ref, set, ci, from, date, &density);
		Ratio		kg_to = base_per_unit(ref, set, ci, to, date, &density);

		v = ratio_apply(amount, ratio_div(kg_from, kg_to));
	}
	PG_RETURN_FLOAT8(v);
}

/* energy.unit_list(): every unit spelling, its group and size in base units. */
PG_FUNCTION_INFO_V1(unit_list);
Datum
unit_list(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < unit_count(); i++)
	{
		const UnitInfo *u = unit_by_index(i);
		const char *const none[] = {NULL};
		const char *const *a = u->aliases ? u->aliases : none;
		int			na = 0;
		Datum	   *ad;
		Datum		v[6];
		bool		n[6] = {0};

		while (a[na])
			na++;
		ad = palloc(sizeof(Datum) * (na + 1));
		for (int j = 0; j < na; j++)
			ad[j] = CStringGetTextDatum(a[j]);
		v[0] = CStringGetTextDatum(unit_group_name(u->group));
		v[1] = CStringGetTextDatum(u->name);
		v[2] = Float8GetDatum(u->num / u->den);
		v[3] = CStringGetTextDatum(unit_group_base(u->group));
		v[4] = BoolGetDatum(unit_group_needs_density(u->group));
		v[5] = PointerGetDatum(construct_array(ad, na, TEXTOID, -1, false, TYPALIGN_INT));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	}
	return (Datum) 0;
}
