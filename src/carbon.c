/*
 * carbon.c — energy.kgco2 / energy.tco2 / energy.explain_kgco2, the CO2
 * scope of a carrier, and steam and hot water converted to heat.
 *
 * Method: the NDRC guideline for public-building operators (2015), within
 * the boundary of the public-institution statistics.
 *   fuels        E = amount × NCV × CC × OF × 44/12     (energy.co2_factor)
 *   heat         E = GJ × 110 kgCO2/GJ                   (energy.co2_factor)
 *   electricity  E = kWh × grid factor of the data year  (energy.grid_factor)
 *   on-site PV   E = 0
 *   green power  location-based: as electricity; market-based: 0
 *
 * Grid factors are chosen by basis, area and data year.  When the area or
 * the year has no published factor, what happens is the user's explicit
 * choice (year_policy, fallback), never a silent guess.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/float.h"

#include "callsite.h"
#include "overflow.h"
#include "carbon.h"
#include "textio.h"
#include "spelling.h"

static const char *const policy_names[] = {"exact", "latest", "nearest"};
static const char *const level_names[] = {"national", "grid", "province"};
static const char *const kind_names[] = {"fuel", "direct", "grid", "zero: on-site PV", "zero: green electricity (market-based)"};

#define CARRIER_STEAM 21
#define CARRIER_OTHER 23

YearPolicy
co2_parse_policy(const char *s)
{
	for (int i = 0; i < (int) lengthof(policy_names); i++)
		if (pg_strcasecmp(s, policy_names[i]) == 0)
			return (YearPolicy) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown year policy \"%s\"", shown_input(s)),
			 errhint("Use 'exact' (the data year's factor or an error), 'latest' (the latest "
					 "published year not after the data year) or 'nearest' (the nearest year, "
					 "the earlier on a tie).")));
	return POLICY_EXACT;
}

const char *
co2_policy_name(YearPolicy p)
{
	return policy_names[p];
}

Fallback
co2_parse_fallback(const char *s)
{
	if (pg_strcasecmp(s, "none") == 0)
		return FALLBACK_NONE;
	if (pg_strcasecmp(s, "grid") == 0)
		return FALLBACK_GRID;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown area fallback \"%s\"", shown_input(s)),
			 errhint("Use 'none' (the province's own factor or an error) or 'grid' (province, "
					 "then its regional grid, then national).")));
	return FALLBACK_NONE;
}

const char *
co2_parse_grid_basis(const char *s)
{
	static const char *const bases[] = {"average", "excl_market_nonfossil", "fossil"};

	for (int i = 0; i < (int) lengthof(bases); i++)
		if (pg_strcasecmp(s, bases[i]) == 0)
			return bases[i];
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown grid-factor basis \"%s\"", shown_input(s)),
			 errhint("Use 'average' (national, regional grid or provincial average), "
					 "'excl_market_nonfossil' (national average excluding market-traded "
					 "non-fossil electricity) or 'fossil' (national fossil-power factor).")));
	return NULL;
}

const RegionRow *
co2_region(const RefData *ref, const char *text)
{
	const RegionRow *region;
	char		folded[SPELLING_MAX];

	/* the nation, however spelt: ' 000000', full-width digits (as a province
	 * code is read) */
	if (text == NULL || (spelling_fold(text, folded) && strcmp(folded, "000000") == 0))
		return NULL;
	region = refdata_region(ref, text);
	if (region == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown region \"%s\"", shown_input(text)),
				 errhint("Give a GB/T 2260 code of a mainland province, city or county "
						 "('210000' 辽宁, '450000' 广西; a city or county code resolves to "
						 "its province), a province name ('辽宁'), or '000000' or NULL for "
						 "national. SELECT * FROM energy.region lists the provinces.")));
	return region;
}

/* How far up the parent chain of 'set' is 'target'; -1 if not on it. */
static int
chain_depth(const RefData *ref, int set, int target)
{
	int			d = 0;

	for (int s = set; s >= 0; s = ref->sets[s].parent, d++)
		if (s == target)
			return d;
	return -1;
}

/*
 * The grid factor for (basis, area) under 'policy' for 'year', from set
 * 'set' or its ancestors (a set overrides its parent year by year), loaded
 * no later than 'cutoff'.  NULL when there is none.
 */
static const GridRow *
grid_at(const RefData *ref, int set, const char *basis, const char *area, int year,
		YearPolicy policy, TimestampTz cutoff)
{
	int			chosen = -1;
	const GridRow *best = NULL;
	int			best_depth = 0;

	for (int i = 0; i < ref->ngrid; i++)
	{
		const GridRow *g = &ref->grid[i];

		if (strcmp(g->basis, basis) != 0 || strcmp(g->area, area) != 0 ||
			g->loaded_at > cutoff || chain_depth(ref, set, g->set) < 0)
			continue;
		switch (policy)
		{
			case POLICY_EXACT:
				if (g->year == year)
					chosen = year;
				break;
			case POLICY_LATEST:
				if (g->year <= year && g->year > chosen)
					chosen = g->year;
				break;
			case POLICY_NEAREST:
				if (chosen < 0 || abs(g->year - year) < abs(chosen - year) ||
					(abs(g->year - year) == abs(chosen - year) && g->year < chosen))
					chosen = g->year;
				break;
		}
	}
	if (chosen < 0)
		return NULL;
	for (int i = 0; i < ref->ngrid; i++)
	{
		const GridRow *g = &ref->grid[i];
		int			d;

		if (strcmp(g->basis, basis) != 0 || strcmp(g->area, area) != 0 ||
			g->loaded_at > cutoff || g->year != chosen)
			continue;
		d = chain_depth(ref, set, g->set);
		if (d < 0)
			continue;
		if (best == NULL || d < best_depth || (d == best_depth && g->loaded_at > best->loaded_at))
		{
			best = g;
			best_depth = d;
		}
	}
	return best;
}

static bool
resolve_grid(const RefData *ref, const Co2Options *o, DateADT date, const RegionRow *region,
			 TimestampTz cutoff, bool missing_ok, Co2Factor *f)
{
	const char *areas[3];
	int			nareas = 0;

	f->data_year = date_year(date);

	/* The national bases (excluding market non-fossil, fossil) apply everywhere. */
	if (region != NULL && strcmp(o->grid_basis, "average") == 0)
	{
		areas[nareas++] = region->code;
		if (o->fallback == FALLBACK_GRID)
		{
			areas[nareas++] = region->grid;
			areas[nareas++] = "national";
		}
	}
	else
		areas[nareas++] = "national";

	for (int i = 0; i < nareas && f->grid == NULL; i++)
		f->grid = grid_at(ref, o->grid_set, o->grid_basis, areas[i], f->data_year, o->policy, cutoff);

	if (f->grid == NULL)
	{
		StringInfoData years;

		if (missing_ok)
			return false;
		initStringInfo(&years);
		for (int y = 1990; y <= 2200; y++)
			for (int i = 0; i < ref->ngrid; i++)
			{
				const GridRow *g = &ref->grid[i];

				if (g->year == y && strcmp(g->basis, o->grid_basis) == 0 &&
					strcmp(g->area, areas[0]) == 0 && g->loaded_at <= cutoff &&
					chain_depth(ref, o->grid_set, g->set) >= 0)
				{
					appendStringInfo(&years, "%s%d", years.len ? ", " : "", y);
					break;
				}
			}
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no %s grid emission factor for area %s%s%s, data year %d, in factor set \"%s\" (year policy %s, fallback %s)",
						o->grid_basis, areas[0],
						region ? " " : "", region ? region->short_zh : "",
						f->data_year, ref->sets[o->grid_set].name, policy_names[o->policy],
						o->fallback == FALLBACK_GRID ? "grid" : "none"),
				 errdetail("Data years loaded for basis %s, area %s: %s.", o->grid_basis, areas[0],
						   years.len ? years.data : "none"),
				 errhint("Factors are published two to three years after the data year. Choose what "
						 "to do explicitly: year_policy => 'latest' or 'nearest' (or SET "
						 "energy.grid_year_policy), fallback => 'grid' to use the regional grid and "
						 "then the national factor when a province has none (or SET "
						 "energy.grid_fallback), or load the factor into energy.grid_factor.")));
	}
	f->kind = KIND_GRID;
	f->per_base = f->grid->value;
	return true;
}

static bool
resolve_fuel(const RefData *ref, const Co2Options *o, const CarrierInfo *ci, DateADT date,
			 TimestampTz cutoff, bool missing_ok, Co2Factor *f)
{
	f->fuel = refdata_co2(ref, o->co2_set, carrier_factor_id(ci), date, cutoff);
	if (f->fuel == NULL)
	{
		const char *hint;

		if (missing_ok)
			return false;
		if (ci->id == CARRIER_STEAM)
			hint = "Steam's CO2 depends on its enthalpy: convert it with energy.steam_gj(tonnes, "
				"enthalpy_kj_per_kg) and record the result as heat in GJ.";
		else if (ci->id == CARRIER_OTHER)
			hint = "其他能源 is a mix reported in standard coal; add a CO2 factor per kgce for it "
				"to your own set (energy.co2_factor, kgco2_per_unit, per_unit 'kgce').";
		else
		{
			/* per_unit a unit of the carrier's own group: 't' for a solid or
			 * liquid fuel, '万m³' for a gas (t is refused for gases) */
			const char *per = strcmp(carrier_base_unit(ci), "m³") == 0 ? "万m³" : "t";

			hint = psprintf("Add the fuel's parameters to your own set: INSERT INTO energy.co2_factor "
							"(factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, "
							"source, grade) VALUES ('my_set', '%s', '%s', <GJ per %s>, <tC per TJ>, "
							"<oxidation, above 0 and at most 1>, '<source>', 'measured').", ci->code, per, per);
		}
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no CO2 factor for %s in factor set \"%s\" on %s",
						ci->code, ref->sets[o->co2_set].name, date_iso(date)),
				 errhint("%s", hint)));
	}
	f->per_base = f->fuel->per_base;
	f->kind = f->fuel->value ? KIND_DIRECT : KIND_FUEL;
	return true;
}

bool
co2_resolve(const RefData *ref, const Co2Options *o, const CarrierInfo *ci, DateADT date,
			const RegionRow *region, bool market, TimestampTz cutoff, bool missing_ok,
			Co2Factor *f)
{
	memset(f, 0, sizeof(*f));
	if (ci->id == CARRIER_PV)
	{
		f->kind = KIND_ZERO_PV;
		f->per_base = ratio(0, 1);
		return true;
	}
	if (ci->id == CARRIER_GREEN_ELECTRICITY && market)
	{
		f->kind = KIND_ZERO_GREEN;
		f->per_base = ratio(0, 1);
		return true;
	}
	if (carrier_factor_id(ci) == CARRIER_ELECTRICITY)
		return resolve_grid(ref, o, date, region, cutoff, missing_ok, f);
	return resolve_fuel(ref, o, ci, date, cutoff, missing_ok, f);
}

void
co2_clip(const RefData *ref, const Co2Options *o, const CarrierInfo *ci, DateADT date,
		 TimestampTz cutoff, DateADT *lo, DateADT *hi)
{
	int			y = date_year(date);
	DateADT		jan1 = date2j(y, 1, 1) - POSTGRES_EPOCH_JDATE;
	DateADT		next = date2j(y + 1, 1, 1) - POSTGRES_EPOCH_JDATE;

	if (jan1 > *lo)
		*lo = jan1;
	if (next < *hi)
		*hi = next;
	refdata_clip(ref, ref->co2, ref->nco2, o->co2_set, carrier_factor_id(ci), BASIS_CALORIFIC,
				 date, cutoff, lo, hi);
}

/* ---------- the SQL functions ---------- */

/* Everything one CO2 conversion used, for energy.explain_kgco2. */
typedef struct Co2Result
{
	const CarrierInfo *ci;
	const UnitInfo *unit;
	bool		market;
	double		base_amount;
	const RefRow *density;
	Co2Factor	f;
	Co2Options	o;
	TimestampTz cutoff;
	double		kgco2;
	double		amount;			/* as given */
	Ratio		total;			/* kgCO2 per unit given, exact */
} Co2Result;

/*
 * Arguments: 0 carrier, 1 amount, 2 unit, 3 on_date, 4 region, 5 method,
 * 6 co2_set, 7 grid_set, 8 grid_basis, 9 year_policy, 10 fallback.
 * Densities for litres come from the energy.factor_set chain, as for kgce.
 */
static void
compute(FunctionCallInfo fcinfo, ConvCache *cc, Co2Result *r)
{
	RefData    *ref = conv_ref(fcinfo, cc);
	double		amount;
	DateADT		date;
	Ratio		per_unit;
	const RegionRow *region;

	memset(r, 0, sizeof(*r));
	r->ci = carrier_info(PG_GETARG_CARRIER(0));
	if (!r->ci->is_energy)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s (%s) is not an energy carrier and emits no CO2",
						r->ci->code, r->ci->name_zh),
				 errhint("Filter it out with WHERE energy.is_energy(carrier).")));
	amount = arg_amount(fcinfo, 1);
	r->unit = arg_unit(fcinfo, cc, r->ci, 2);
	date = arg_date(fcinfo, 3);
	r->market = arg_market(fcinfo, 5);
	r->o.co2_set = arg_set(fcinfo, cc, 6, energy_co2_set_guc, &cc->co2_set);
	r->o.grid_set = arg_set(fcinfo, cc, 7, energy_grid_set_guc, &cc->grid_set);
	r->o.grid_basis = co2_parse_grid_basis(arg_text_or(fcinfo, 8, energy_grid_basis_guc));
	r->o.policy = co2_parse_policy(arg_text_or(fcinfo, 9, energy_grid_year_policy_guc));
	r->o.fallback = co2_parse_fallback(arg_text_or(fcinfo, 10, energy_grid_fallback_guc));
	region = co2_region(ref, PG_ARGISNULL(4) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(4)));

	r->cutoff = refdata_cutoff(ref, date);
	per_unit = base_per_unit(ref, arg_set(fcinfo, cc, -1, energy_factor_set_guc, &cc->coal_set),
							 r->ci, r->unit, date, r->cutoff, &r->density);
	r->base_amount = ratio_apply(amount, per_unit);
	(void) co2_resolve(ref, &r->o, r->ci, date, region, r->market, r->cutoff, false, &r->f);
	/* one rounding from the amount to the result (ratio.h) */
	r->amount = amount;
	r->total = ratio_mul(per_unit, r->f.per_base);
	r->kgco2 = ratio_apply(amount, r->total);
}

#define RETURN_NULL_ON_NULL_INPUT() \
	do { if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL(); } while (0)

PG_FUNCTION_INFO_V1(energy_kgco2);
Datum
energy_kgco2(PG_FUNCTION_ARGS)
{
	Co2Result	r;

	RETURN_NULL_ON_NULL_INPUT();
	compute(fcinfo, conv_cache(fcinfo), &r);
	PG_RETURN_FLOAT8(finite_result(r.kgco2, "kgCO2"));
}

PG_FUNCTION_INFO_V1(energy_tco2);
Datum
energy_tco2(PG_FUNCTION_ARGS)
{
	Co2Result	r;

	RETURN_NULL_ON_NULL_INPUT();
	compute(fcinfo, conv_cache(fcinfo), &r);
	PG_RETURN_FLOAT8(finite_result(ratio_apply(r.amount, ratio_div(r.total, ratio(1000, 1))), "tCO2"));
}

#define NCOLS 28

PG_FUNCTION_INFO_V1(energy_explain_kgco2);
Datum
energy_explain_kgco2(PG_FUNCTION_ARGS)
{
	ConvCache  *cc = conv_cache(fcinfo);
	Co2Result	r;
	TupleDesc	desc;
	Datum		v[NCOLS];
	bool		n[NCOLS];
	int			i = 0;
	const char *source = NULL,
			   *grade = NULL,
			   *note = NULL;
	TimestampTz loaded_at = 0;
	bool		has_row = false;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "energy.explain_kgco2 must return a record");
	RETURN_NULL_ON_NULL_INPUT();
	compute(fcinfo, cc, &r);
	memset(n, true, sizeof(n));

#define SET(d) (n[i] = false, v[i++] = (d))
#define SKIP() (i++)
#define SET_TEXT(s) ((s) ? (void) SET(CStringGetTextDatum(s)) : (void) SKIP())
#define SET_NUM(s) ((s) ? (void) SET(datum_numeric(s)) : (void) SKIP())

	SET(Float8GetDatum(finite_result(r.kgco2, "kgCO2")));
	SET_TEXT(r.market ? "market" : "location");
	if (r.ci->scope > 0)
		SET(Int16GetDatum((int16) r.ci->scope));
	else
		SKIP();
	SET(Float8GetDatum(finite_result(r.base_amount, "the amount in the base unit")));
	SET_TEXT(carrier_base_unit(r.ci));
	SET_TEXT(kind_names[r.f.kind]);
	SET(Float8GetDatum(ratio_value(r.f.per_base)));
	if (r.f.kind == KIND_FUEL || r.f.kind == KIND_DIRECT)
	{
		SET_TEXT(cc->ref->sets[r.f.fuel->set].name);
		SET_TEXT(r.f.fuel->per_unit);
		SET_NUM(r.f.fuel->ncv);
		SET_NUM(r.f.fuel->carbon);
		SET_NUM(r.f.fuel->oxidation);
		SET_NUM(r.f.fuel->value);
		SET(DateADTGetDatum(r.f.fuel->valid_from));
		SET(DateADTGetDatum(r.f.fuel->valid_to));
		i += 7;					/* grid columns */
		source = r.f.fuel->source;
		grade = r.f.fuel->grade;
		note = r.f.fuel->note;
		loaded_at = r.f.fuel->loaded_at;
		has_row = true;
	}
	else if (r.f.kind == KIND_GRID)
	{
		SET_TEXT(cc->ref->sets[r.f.grid->set].name);
		SET_TEXT("kWh");
		i += 3;					/* fuel parameters */
		SET_NUM(r.f.grid->value_text);
		i += 2;					/* validity */
		SET_TEXT(r.o.grid_basis);
		SET_TEXT(r.f.grid->area);
		SET_TEXT(level_names[r.f.grid->level]);
		SET(Int32GetDatum(r.f.data_year));
		SET(Int32GetDatum(r.f.grid->year));
		SET_TEXT(policy_names[r.o.policy]);
		SET_TEXT(r.f.grid->published);
		source = r.f.grid->source;
		grade = r.f.grid->grade;
		note = r.f.grid->note;
		loaded_at = r.f.grid->loaded_at;
		has_row = true;
	}
	else
		i += 15;				/* no factor row: columns 8..22 */
	SET_TEXT(source);
	SET_TEXT(grade);
	SET_TEXT(note);
	if (has_row)
		SET(TimestampTzGetDatum(loaded_at));
	else
		SKIP();
	if (r.cutoff != DT_NOEND)
		SET(TimestampTzGetDatum(r.cutoff));
	else
		SKIP();
	SET_NUM(r.density ? r.density->value : NULL);

	if (i != desc->natts || i != NCOLS)
		elog(ERROR, "energy.explain_kgco2: %d columns built, %d declared", i, desc->natts);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, n)));
}

PG_FUNCTION_INFO_V1(energy_co2_scope);
Datum
energy_co2_scope(PG_FUNCTION_ARGS)
{
	const CarrierInfo *ci = carrier_info(PG_GETARG_CARRIER(0));

	if (ci->scope == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT16((int16) ci->scope);
}

static double
finite_arg(FunctionCallInfo fcinfo, int argno, const char *name)
{
	double		d = PG_GETARG_FLOAT8(argno);

	if (isnan(d) || isinf(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number, not %s", name, float8out_internal(d))));
	return d;
}

/*
 * energy.steam_gj(tonnes, enthalpy_kj_per_kg): heat in steam by the NDRC
 * guideline, GJ = t × (enthalpy − 83.74) / 1000, 83.74 kJ/kg being water at
 * 20 °C.  Written as t × (100·h − 8374) / 100 000 to keep the constant exact.
 */
PG_FUNCTION_INFO_V1(energy_steam_gj);
Datum
energy_steam_gj(PG_FUNCTION_ARGS)
{
	double		t = finite_arg(fcinfo, 0, "tonnes");
	double		h = finite_arg(fcinfo, 1, "enthalpy_kj_per_kg");

	if (h < 83.74)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("steam enthalpy %s kJ/kg is below that of water at 20 °C (83.74 kJ/kg): negative enthalpy difference",
						float8out_internal(h)),
				 errhint("Give the specific enthalpy of the steam in kJ/kg (about 2 700–3 300 for "
						 "saturated and superheated steam), from steam tables at its pressure and temperature.")));
	PG_RETURN_FLOAT8(finite_result(t * (100.0 * h - 8374.0) / 100000.0, "the heat in GJ"));
}

/*
 * energy.hot_water_gj(tonnes, temperature_c): GJ = t × (T − 20) × 4.1868 /
 * 1000, written as t × (100·T − 2000) × 41 868 / 10^9, as steam_gj keeps its
 * constant: a temperature read to 0.1 °C then gives the published digits
 * (70.3 °C: 503 × 41 868 / 10^8 = 0.21059604, not 0.21059603999999998).
 */
PG_FUNCTION_INFO_V1(energy_hot_water_gj);
Datum
energy_hot_water_gj(PG_FUNCTION_ARGS)
{
	double		t = finite_arg(fcinfo, 0, "tonnes");
	double		temp = finite_arg(fcinfo, 1, "temperature_c");

	if (temp < 20.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("hot water at %s °C is colder than the 20 °C reference: negative enthalpy difference",
						float8out_internal(temp)),
				 errhint("Give the supply temperature in °C.")));
	PG_RETURN_FLOAT8(finite_result(t * (100.0 * temp - 2000.0) * 41868.0 / 1.0e9, "the heat in GJ"));
}
