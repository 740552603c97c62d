/*
 * callsite.c — see callsite.h.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"

#include "callsite.h"
#include "textio.h"

/* Per-call-site state, kept in fn_extra for the life of the query. */

ConvCache *
conv_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ConvCache));
	return (ConvCache *) fcinfo->flinfo->fn_extra;
}

/*
 * The reference data, loaded once per call site — and again when this
 * backend has changed them since (energy_ref_generation): a call site of a
 * PL/pgSQL loop or trigger lives for the whole transaction, and a factor
 * added in it must count from the next statement on, as it does for a new
 * query.  The resolved factor sets refer to the old load: forgotten too.
 */
RefData *
conv_ref(FunctionCallInfo fcinfo, ConvCache *cc)
{
	if (cc->ref != NULL && cc->ref_generation != energy_ref_generation)
	{
		cc->ref = NULL;
		cc->coal_set.name = NULL;
		cc->co2_set.name = NULL;
		cc->grid_set.name = NULL;
	}
	return conv_ref_once(fcinfo, cc);
}

/*
 * The reference data as first loaded at this call site, whatever changed
 * since: an aggregate's state keeps what it resolved from them (factor sets
 * by position, the factors of each carrier and date) for the whole query, so
 * it must never see two loads.  (An aggregate's call site lives for one query.)
 */
RefData *
conv_ref_once(FunctionCallInfo fcinfo, ConvCache *cc)
{
	if (cc->ref == NULL)
	{
		cc->ref = refdata_load(fcinfo->flinfo->fn_mcxt, false);
		cc->ref_generation = energy_ref_generation;
	}
	return cc->ref;
}

/* The unit spelt 'text' for carrier 'ci'; errors name both when they do not fit. */
const UnitInfo *
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
					 errmsg("unit \"%s\" does not fit carrier %s", shown_input(text), ci->code),
					 errhint("%s (%s) is measured in %s.", ci->code, ci->name_zh, accepted)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\" for carrier %s", shown_input(text), ci->code),
				 errhint("%s (%s) is measured in %s; SELECT * FROM energy.units lists every spelling.",
						 ci->code, ci->name_zh, accepted)));
	}
	return NULL;				/* not reached */
}

/* Unit argument 'argno' (NULL = the carrier's base unit), cached per call site. */
const UnitInfo *
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

/* Factor-set argument 'argno' (NULL, or argno < 0: the value of 'setting'), cached in *sc. */
int
arg_set(FunctionCallInfo fcinfo, ConvCache *cc, int argno, const char *setting, SetCache *sc)
{
	RefData    *ref = conv_ref(fcinfo, cc);
	char	   *name;

	name = (argno < 0 || PG_ARGISNULL(argno)) ? pstrdup(setting)
		: text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (sc->name == NULL || strcmp(sc->name, name) != 0)
	{
		int			set = refdata_set(ref, name);

		if (sc->name)
			pfree(sc->name);
		sc->name = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, name);
		sc->set = set;
	}
	pfree(name);
	return sc->set;
}

DateADT
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

double
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

Ratio
unit_size(const UnitInfo *u)
{
	return ratio(u->num, u->den);
}

/*
 * How many base units (kg for litres of liquid fuel) one 'unit' of ci is:
 * the unit's size, times the density in force when the unit is a volume of
 * liquid.  *density tells which density row was used.
 */
Ratio
base_per_unit(const RefData *ref, int set, const CarrierInfo *ci, const UnitInfo *unit,
			  DateADT date, TimestampTz cutoff, const RefRow **density)
{
	Ratio		r = unit_size(unit);

	*density = NULL;
	if (unit_group_needs_density(unit->group))
	{
		*density = refdata_density(ref, set, carrier_factor_id(ci), date, cutoff);
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

char *
arg_text_or(FunctionCallInfo fcinfo, int argno, const char *setting)
{
	return PG_ARGISNULL(argno) ? pstrdup(setting) : text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

Datum
datum_text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL);
	return s ? CStringGetTextDatum(s) : (Datum) 0;
}

Datum
datum_numeric(const char *s)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(s),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}


bool
arg_market(FunctionCallInfo fcinfo, int argno)
{
	/* the label of the last enum value seen (a backend stays in one database) */
	static Oid	last = InvalidOid;
	static bool last_market = false;
	Oid			value;

	if (PG_ARGISNULL(argno))
		return false;
	value = PG_GETARG_OID(argno);
	if (value != last)
	{
		/* values other than 'location' and 'market' cannot be input */
		last_market = strcmp(DatumGetCString(DirectFunctionCall1(enum_out, ObjectIdGetDatum(value))),
							 "market") == 0;
		last = value;
	}
	return last_market;
}
