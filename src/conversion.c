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
#include "utils/timestamp.h"

#include "callsite.h"
#include "overflow.h"

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
	double		amount;			/* as given */
	Ratio		total;			/* kgce per unit given, exact */
} Conversion;

static void
convert(FunctionCallInfo fcinfo, ConvCache *cc, Conversion *cv)
{
	RefData    *ref = conv_ref(fcinfo, cc);
	double		amount;
	DateADT		date;
	int			set;
	Ratio		per_unit;
	TimestampTz cutoff;

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
	set = arg_set(fcinfo, cc, 4, energy_factor_set_guc, &cc->coal_set);
	cv->basis = PG_ARGISNULL(5) ? BASIS_CALORIFIC
		: basis_parse(text_to_cstring(PG_GETARG_TEXT_PP(5)));

	cutoff = refdata_cutoff(ref, date);
	per_unit = base_per_unit(ref, set, cv->ci, cv->unit, date, cutoff, &cv->density);
	cv->base_amount = ratio_apply(amount, per_unit);

	cv->coal = refdata_coal(ref, set, carrier_factor_id(cv->ci), cv->basis, date, cutoff);
	/* 等价值 = 当量值 for fuels; only electricity needs its own primary rate. */
	if (cv->coal == NULL && cv->basis == BASIS_PRIMARY && cv->ci->groups[0] != UG_ELECTRIC)
		cv->coal = refdata_coal(ref, set, carrier_factor_id(cv->ci), BASIS_CALORIFIC, date, cutoff);
	/*
	 * PV electricity without a primary row of its own is counted at the
	 * power-supply coal rate of electricity (发电煤耗法), as the models'
	 * kgce_primary counts it: it refused before while the views converted it.
	 */
	if (cv->coal == NULL && cv->basis == BASIS_PRIMARY && cv->ci->id == CARRIER_PV)
		cv->coal = refdata_coal(ref, set, CARRIER_ELECTRICITY, BASIS_PRIMARY, date, cutoff);
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
	cv->amount = amount;
	cv->total = ratio_mul(per_unit, cv->coal->per_base);
	cv->kgce = ratio_apply(amount, cv->total);
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
	PG_RETURN_FLOAT8(finite_result(cv.kgce, "kgce"));
}

PG_FUNCTION_INFO_V1(energy_tce);
Datum
energy_tce(PG_FUNCTION_ARGS)
{
	Conversion	cv;

	RETURN_NULL_ON_NULL_INPUT();
	convert(fcinfo, conv_cache(fcinfo), &cv);
	PG_RETURN_FLOAT8(finite_result(ratio_apply(cv.amount, ratio_div(cv.total, ratio(1000, 1))), "tce"));
}

/* energy.explain_kgce: one row telling which coefficient (and density) was used. */
PG_FUNCTION_INFO_V1(energy_explain_kgce);
Datum
energy_explain_kgce(PG_FUNCTION_ARGS)
{
	ConvCache  *cc = conv_cache(fcinfo);
	Conversion	cv;
	TupleDesc	desc;
	Datum		v[17];
	bool		n[17] = {0};
	int			i = 0;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "energy.explain_kgce must return a record");
	RETURN_NULL_ON_NULL_INPUT();
	convert(fcinfo, cc, &cv);

	v[i++] = Float8GetDatum(finite_result(cv.kgce, "kgce"));
	v[i++] = Float8GetDatum(finite_result(cv.base_amount, "the amount in the base unit"));
	v[i++] = CStringGetTextDatum(carrier_base_unit(cv.ci));
	v[i++] = CStringGetTextDatum(cv.unit->name);
	v[i++] = CStringGetTextDatum(basis_name(cv.basis));
	v[i++] = CStringGetTextDatum(cc->ref->sets[cv.coal->set].name);
	v[i++] = datum_numeric(cv.coal->value);
	v[i++] = CStringGetTextDatum(cv.coal->per_unit);
	v[i++] = DateADTGetDatum(cv.coal->valid_from);
	v[i++] = DateADTGetDatum(cv.coal->valid_to);
	v[i++] = CStringGetTextDatum(cv.coal->source);
	v[i++] = CStringGetTextDatum(cv.coal->grade);
	v[i] = datum_text_or_null(cv.coal->note, &n[i]);
	i++;
	v[i++] = TimestampTzGetDatum(cv.coal->loaded_at);
	if (cv.density)
	{
		v[i++] = datum_numeric(cv.density->value);
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
		int			set = arg_set(fcinfo, cc, 5, energy_factor_set_guc, &cc->coal_set);
		TimestampTz cutoff = refdata_cutoff(ref, date);
		const RefRow *density;
		Ratio		kg_from = base_per_unit(ref, set, ci, from, date, cutoff, &density);
		Ratio		kg_to = base_per_unit(ref, set, ci, to, date, cutoff, &density);

		v = ratio_apply(amount, ratio_div(kg_from, kg_to));
	}
	PG_RETURN_FLOAT8(finite_result(v, "the converted amount"));
}

/*
 * energy.canonical_unit(carrier, unit): the canonical spelling of a unit the
 * carrier may be recorded in (NULL: its base unit), or the conversions' own
 * error (22023) naming both when it does not fit.  Tables check their units
 * with it when rows are written, not when a report runs.
 */
PG_FUNCTION_INFO_V1(energy_canonical_unit);
Datum
energy_canonical_unit(PG_FUNCTION_ARGS)
{
	const CarrierInfo *ci;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ci = carrier_info(PG_GETARG_CARRIER(0));
	if (PG_ARGISNULL(1))
		PG_RETURN_TEXT_P(cstring_to_text(carrier_base_unit(ci)));
	PG_RETURN_TEXT_P(cstring_to_text(find_unit(ci, text_to_cstring(PG_GETARG_TEXT_PP(1)))->name));
}

/*
 * energy.primary_rate(on_date [, factor_set]): kgce per kWh of electricity on
 * the primary basis (等价值, the year's power-supply coal rate) in force on
 * on_date in the factor set (NULL or absent: the session's), or NULL where
 * none is loaded — reports show the
 * primary-basis figure only where the user supplied the rate.
 */
PG_FUNCTION_INFO_V1(energy_primary_rate);
Datum
energy_primary_rate(PG_FUNCTION_ARGS)
{
	ConvCache  *cc;
	RefData    *ref;
	DateADT		date;
	int			set;
	const RefRow *row;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	cc = conv_cache(fcinfo);
	ref = conv_ref(fcinfo, cc);
	date = PG_GETARG_DATEADT(0);
	set = arg_set(fcinfo, cc, PG_NARGS() > 1 ? 1 : -1, energy_factor_set_guc, &cc->coal_set);

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("on_date must be a finite date")));
	row = refdata_coal(ref, set, CARRIER_ELECTRICITY, BASIS_PRIMARY, date, refdata_cutoff(ref, date));
	if (row == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ratio_apply(1, row->per_base));
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
