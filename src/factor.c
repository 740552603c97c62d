/*
 * factor.c — loading, validating and resolving reference data; the guard
 * triggers that keep shipped rows read-only and validate every change.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "factor.h"
#include "spelling.h"
#include "textio.h"

/* the advisory lock of reference-data writers: "energy" in ASCII */
#define REFERENCE_WRITE_LOCK INT64CONST(0x656E65726779)

char	   *energy_factor_set_guc = NULL;
char	   *energy_co2_set_guc = NULL;
char	   *energy_grid_set_guc = NULL;
char	   *energy_grid_basis_guc = NULL;
char	   *energy_grid_year_policy_guc = NULL;
char	   *energy_grid_fallback_guc = NULL;
bool		energy_use_fma_guc = true;

Basis
basis_parse(const char *text)
{
	char		f[SPELLING_MAX];

	if (spelling_fold(text, f))
	{
		if (strcmp(f, "calorific") == 0 || strcmp(f, "当量值") == 0 ||
			strcmp(f, "当量") == 0)
			return BASIS_CALORIFIC;
		if (strcmp(f, "primary") == 0 || strcmp(f, "等价值") == 0 ||
			strcmp(f, "等价") == 0)
			return BASIS_PRIMARY;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown conversion basis \"%s\"", shown_input(text)),
			 errhint("Use 'calorific' (当量值, the basis of the public-institution statistics) "
					 "or 'primary' (等价值).")));
	return BASIS_CALORIFIC;		/* keep compiler quiet */
}

const char *
basis_name(Basis b)
{
	return b == BASIS_PRIMARY ? "primary" : "calorific";
}

char *
date_iso(DateADT d)
{
	int			y,
				m,
				day;

	if (DATE_IS_NOBEGIN(d))
		return pstrdup("-infinity");
	if (DATE_IS_NOEND(d))
		return pstrdup("infinity");
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	if (y <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - y, m, day);
	return psprintf("%04d-%02d-%02d", y, m, day);
}

/* ---------- loading ---------- */

static char *
get_text(HeapTuple tup, TupleDesc td, int col, MemoryContext cxt)
{
	char	   *v = SPI_getvalue(tup, td, col);

	return v ? MemoryContextStrdup(cxt, v) : NULL;
}

static Datum
get_bin(HeapTuple tup, TupleDesc td, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, td, col, &isnull);

	if (isnull)					/* the tables declare these NOT NULL */
		elog(ERROR, "unexpected NULL in energy reference data, column %d", col);
	return d;
}

static int
find_set(const RefData *ref, const char *name)
{
	for (int i = 0; i < ref->nsets; i++)
		if (strcmp(ref->sets[i].name, name) == 0)
			return i;
	return -1;
}

/* A readable name for a row, for error messages. */
static char *
row_label(const RefData *ref, const RefRow *r, const char *table, bool with_basis)
{
	return psprintf("%s row (%s, %s%s%s, %s .. %s)", table,
					ref->sets[r->set].name, carrier_info(r->carrier)->code,
					with_basis ? ", " : "", with_basis ? basis_name(r->basis) : "",
					date_iso(r->valid_from), date_iso(r->valid_to));
}

/* Does energy.<name> exist?  Only false half-way through CREATE EXTENSION. */
static bool
table_exists(const char *name)
{
	Oid			nsp = get_namespace_oid("energy", true);

	return OidIsValid(nsp) && OidIsValid(get_relname_relid(name, nsp));
}

static void
run_query(const char *query, bool fresh)
{
	if (SPI_execute(query, !fresh, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read energy reference data: %s", query);
}

typedef enum RowKind
{
	ROWS_COAL,
	ROWS_DENSITY,
	ROWS_CO2
} RowKind;

/*
 * Columns 1..9 are common: factor_set, carrier, valid_from, valid_to,
 * loaded_at, value (text), source, grade, note; then per kind:
 * coal 10 basis, 11 per_unit; CO2 10 per_unit, 11 ncv, 12 carbon, 13 oxidation.
 */
static RefRow *
load_rows(RefData *ref, const char *query, RowKind kind, bool fresh, MemoryContext cxt, int *count)
{
	int			n;
	RefRow	   *rows;

	run_query(query, fresh);
	n = (int) SPI_processed;
	rows = MemoryContextAllocZero(cxt, sizeof(RefRow) * (n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		RefRow	   *r = &rows[i];
		char	   *set = SPI_getvalue(t, td, 1);

		r->set = find_set(ref, set);
		if (r->set < 0)			/* the foreign key makes this impossible */
			elog(ERROR, "energy reference row names unknown factor set \"%s\"", set);
		r->carrier = DatumGetCarrier(get_bin(t, td, 2));
		r->valid_from = DatumGetDateADT(get_bin(t, td, 3));
		r->valid_to = DatumGetDateADT(get_bin(t, td, 4));
		r->loaded_at = DatumGetTimestampTz(get_bin(t, td, 5));
		r->value = get_text(t, td, 6, cxt);
		r->source = get_text(t, td, 7, cxt);
		r->grade = get_text(t, td, 8, cxt);
		r->note = get_text(t, td, 9, cxt);
		if (kind == ROWS_COAL)
		{
			r->basis = basis_parse(SPI_getvalue(t, td, 10));
			r->per_unit = get_text(t, td, 11, cxt);
		}
		else if (kind == ROWS_CO2)
		{
			r->per_unit = get_text(t, td, 10, cxt);
			r->ncv = get_text(t, td, 11, cxt);
			r->carbon = get_text(t, td, 12, cxt);
			r->oxidation = get_text(t, td, 13, cxt);
		}
		if (r->value)
			r->per_base = ratio_from_decimal(r->value);
	}
	*count = n;
	return rows;
}

/* The unit a coal or CO2 row is per: one of its carrier's base group. */
static const UnitInfo *
row_unit(const RefData *ref, const RefRow *r, const char *table, bool with_basis)
{
	const CarrierInfo *ci = carrier_info(r->carrier);
	const UnitInfo *u = unit_lookup(ci->groups[0], r->per_unit);

	if (u == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: per_unit \"%s\" is not a unit of %s",
						row_label(ref, r, table, with_basis), r->per_unit,
						unit_group_name(ci->groups[0])),
				 errhint("Give the value per one of: %s.", unit_group_list(ci->groups[0]))));
	return u;
}

static void
check_own_carrier(const RefData *ref, const RefRow *r, const char *table, bool with_basis)
{
	const CarrierInfo *ci = carrier_info(r->carrier);

	if (!ci->is_energy)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s is not an energy carrier and takes no conversion factor",
						row_label(ref, r, table, with_basis), ci->code)));
	if (ci->factor_carrier)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s takes the factors of %s",
						row_label(ref, r, table, with_basis), ci->code,
						carrier_info(ci->factor_carrier)->code),
				 errhint("Give the row for %s.", carrier_info(ci->factor_carrier)->code)));
}

/* Coal factors: an energy carrier, per one of its own units. */
static void
validate_coal(RefData *ref)
{
	for (int i = 0; i < ref->ncoal; i++)
	{
		RefRow	   *r = &ref->coal[i];
		const UnitInfo *u;

		check_own_carrier(ref, r, "energy.coal_factor", true);
		u = row_unit(ref, r, "energy.coal_factor", true);
		r->per_base = ratio_div(r->per_base, ratio(u->num, u->den));
	}
}

static void
validate_density(RefData *ref)
{
	for (int i = 0; i < ref->ndensity; i++)
	{
		RefRow	   *r = &ref->density[i];
		const CarrierInfo *ci = carrier_info(r->carrier);

		if (!carrier_accepts_group(ci, UG_LIQUID))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s is not a liquid fuel recorded by volume",
							row_label(ref, r, "energy.density", false), ci->code),
					 errhint("Densities apply to crude_oil, fuel_oil, gasoline, kerosene, diesel and lpg.")));
	}
}

/*
 * CO2 rows: kgCO2 per base unit, either given directly (heat: 110 kgCO2/GJ)
 * or from NCV (GJ per per_unit) × carbon content (tC/TJ = kgC/GJ) ×
 * oxidation × 44/12, the formula of the NDRC guideline.
 */
static void
validate_co2(RefData *ref)
{
	for (int i = 0; i < ref->nco2; i++)
	{
		RefRow	   *r = &ref->co2[i];
		const UnitInfo *u;
		Ratio		per_unit;

		check_own_carrier(ref, r, "energy.co2_factor", false);
		u = row_unit(ref, r, "energy.co2_factor", false);
		if (r->value)
			per_unit = r->per_base;
		else
			per_unit = ratio_mul(ratio_mul(ratio_from_decimal(r->ncv), ratio_from_decimal(r->carbon)),
								 ratio_mul(ratio_from_decimal(r->oxidation), ratio(44, 12)));
		r->per_base = ratio_div(per_unit, ratio(u->num, u->den));
	}
}

/* Rows loaded together may not be in force on one day; later loads revise. */
static void
validate_overlaps(RefData *ref, RefRow *rows, int n, const char *table, bool with_basis)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
		{
			RefRow	   *a = &rows[i],
					   *b = &rows[j];

			if (a->set == b->set && a->carrier == b->carrier && a->basis == b->basis &&
				a->loaded_at == b->loaded_at &&
				a->valid_from < b->valid_to && b->valid_from < a->valid_to)
				ereport(ERROR,
						(errcode(ERRCODE_EXCLUSION_VIOLATION),
						 errmsg("%s overlaps %s", row_label(ref, b, table, with_basis),
								row_label(ref, a, table, with_basis)),
						 errhint("Validity periods are half-open [valid_from, valid_to); "
								 "end the older row where the newer one starts. A row loaded "
								 "in a later transaction is a revision and supersedes the older one.")));
		}
}

static void
validate_sets(RefData *ref)
{
	for (int i = 0; i < ref->nsets; i++)
	{
		int			p = ref->sets[i].parent;

		for (int steps = 0; p >= 0; steps++, p = ref->sets[p].parent)
			if (p == i || steps > ref->nsets)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("factor set \"%s\" is its own ancestor", ref->sets[i].name),
						 errhint("Point energy.factor_set.parent at a set that does not "
								 "inherit from \"%s\".", ref->sets[i].name)));
	}
}

static const char *const grid_codes[] = {
	"north", "northeast", "east", "central", "northwest", "south", "southwest", NULL
};

static void
load_grid(RefData *ref, bool fresh, MemoryContext cxt)
{
	run_query("SELECT factor_set, basis, area, data_year, loaded_at, "
			  "kgco2_per_kwh::pg_catalog.text, published, source, grade, note "
			  "FROM energy.grid_factor", fresh);
	ref->ngrid = (int) SPI_processed;
	ref->grid = MemoryContextAllocZero(cxt, sizeof(GridRow) * (ref->ngrid + 1));
	for (int i = 0; i < ref->ngrid; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		GridRow    *g = &ref->grid[i];
		char	   *set = SPI_getvalue(t, td, 1);
		bool		known = false;

		g->set = find_set(ref, set);
		if (g->set < 0)
			elog(ERROR, "energy.grid_factor row names unknown factor set \"%s\"", set);
		g->basis = get_text(t, td, 2, cxt);
		g->area = get_text(t, td, 3, cxt);
		g->year = DatumGetInt32(get_bin(t, td, 4));
		g->loaded_at = DatumGetTimestampTz(get_bin(t, td, 5));
		g->value_text = get_text(t, td, 6, cxt);
		g->value = ratio_from_decimal(g->value_text);
		g->published = get_text(t, td, 7, cxt);
		g->source = get_text(t, td, 8, cxt);
		g->grade = get_text(t, td, 9, cxt);
		g->note = get_text(t, td, 10, cxt);

		if (strcmp(g->area, "national") == 0)
		{
			g->level = LEVEL_NATIONAL;
			known = true;
		}
		for (int k = 0; !known && grid_codes[k]; k++)
			if (strcmp(g->area, grid_codes[k]) == 0)
			{
				g->level = LEVEL_GRID;
				known = true;
			}
		for (int k = 0; !known && k < ref->nregions; k++)
			if (strcmp(g->area, ref->regions[k].code) == 0)
			{
				g->level = LEVEL_PROVINCE;
				known = true;
			}
		if (!known)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("energy.grid_factor row (%s, %s, %s, %d): unknown area \"%s\"",
							set, g->basis, g->area, g->year, g->area),
					 errhint("Use 'national', a regional grid (north, northeast, east, central, "
							 "northwest, south, southwest) or a province code of energy.region "
							 "such as '210000'.")));
	}
}

uint64		energy_ref_generation = 0;

RefData *
refdata_load(MemoryContext cxt, bool fresh)
{
	RefData    *ref = MemoryContextAllocZero(cxt, sizeof(RefData));
	bool		carbon = table_exists("grid_factor");	/* false only mid-install */

	SPI_connect();
	run_query("SELECT name, parent FROM energy.factor_set", fresh);
	ref->nsets = (int) SPI_processed;
	ref->sets = MemoryContextAllocZero(cxt, sizeof(RefSet) * (ref->nsets + 1));
	for (int i = 0; i < ref->nsets; i++)
		ref->sets[i].name = get_text(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, cxt);
	for (int i = 0; i < ref->nsets; i++)
	{
		char	   *parent = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		ref->sets[i].parent = parent ? find_set(ref, parent) : -1;
		if (parent && ref->sets[i].parent < 0)
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("factor set \"%s\" names parent \"%s\", which does not exist",
							ref->sets[i].name, parent),
					 errhint("Add the parent set first, or set parent to an existing set such as 'gb2589'.")));
	}

	ref->coal = load_rows(ref,
						  "SELECT factor_set, carrier, valid_from, valid_to, loaded_at, "
						  "kgce_per_unit::pg_catalog.text, source, grade, note, basis, per_unit "
						  "FROM energy.coal_factor",
						  ROWS_COAL, fresh, cxt, &ref->ncoal);
	ref->density = load_rows(ref,
							 "SELECT factor_set, carrier, valid_from, valid_to, loaded_at, "
							 "kg_per_l::pg_catalog.text, source, grade, note FROM energy.density",
							 ROWS_DENSITY, fresh, cxt, &ref->ndensity);
	if (carbon)
	{
		run_query("SELECT code, short_zh, name_zh, grid FROM energy.region", fresh);
		ref->nregions = (int) SPI_processed;
		ref->regions = MemoryContextAllocZero(cxt, sizeof(RegionRow) * (ref->nregions + 1));
		for (int i = 0; i < ref->nregions; i++)
		{
			HeapTuple	t = SPI_tuptable->vals[i];
			TupleDesc	td = SPI_tuptable->tupdesc;

			ref->regions[i].code = get_text(t, td, 1, cxt);
			ref->regions[i].short_zh = get_text(t, td, 2, cxt);
			ref->regions[i].name_zh = get_text(t, td, 3, cxt);
			ref->regions[i].grid = get_text(t, td, 4, cxt);
		}
		run_query("SELECT data_year, frozen_at FROM energy.frozen_year", fresh);
		ref->nfrozen = (int) SPI_processed;
		ref->frozen = MemoryContextAllocZero(cxt, sizeof(FrozenYear) * (ref->nfrozen + 1));
		for (int i = 0; i < ref->nfrozen; i++)
		{
			ref->frozen[i].year = DatumGetInt32(get_bin(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
			ref->frozen[i].frozen_at = DatumGetTimestampTz(get_bin(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2));
		}
		ref->co2 = load_rows(ref,
							 "SELECT factor_set, carrier, valid_from, valid_to, loaded_at, "
							 "kgco2_per_unit::pg_catalog.text, source, grade, note, per_unit, "
							 "ncv_gj_per_unit::pg_catalog.text, carbon_tc_per_tj::pg_catalog.text, "
							 "oxidation::pg_catalog.text FROM energy.co2_factor",
							 ROWS_CO2, fresh, cxt, &ref->nco2);
		load_grid(ref, fresh, cxt);
	}
	SPI_finish();

	validate_sets(ref);
	validate_coal(ref);
	validate_density(ref);
	validate_co2(ref);
	validate_overlaps(ref, ref->coal, ref->ncoal, "energy.coal_factor", true);
	validate_overlaps(ref, ref->density, ref->ndensity, "energy.density", false);
	validate_overlaps(ref, ref->co2, ref->nco2, "energy.co2_factor", false);
	return ref;
}

/* ---------- resolving ---------- */

int
refdata_set(const RefData *ref, const char *name)
{
	int			i = find_set(ref, name);

	if (i < 0)
	{
		StringInfoData s;

		initStringInfo(&s);
		for (int j = 0; j < ref->nsets; j++)
			appendStringInfo(&s, "%s%s", j ? ", " : "", ref->sets[j].name);
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("factor set \"%s\" does not exist", name),
				 errhint("Known factor sets: %s. Add one with INSERT INTO energy.factor_set.",
						 s.data)));
	}
	return i;
}

int
date_year(DateADT d)
{
	int			y,
				m,
				day;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return y;
}

TimestampTz
refdata_cutoff(const RefData *ref, DateADT date)
{
	int			year = date_year(date);

	for (int i = 0; i < ref->nfrozen; i++)
		if (ref->frozen[i].year == year)
			return ref->frozen[i].frozen_at;
	return DT_NOEND;
}

static const RefRow *
resolve(const RefData *ref, const RefRow *rows, int n, int set, Carrier carrier,
		Basis basis, DateADT date, TimestampTz cutoff)
{
	for (int s = set; s >= 0; s = ref->sets[s].parent)
	{
		const RefRow *best = NULL;

		for (int i = 0; i < n; i++)
		{
			const RefRow *r = &rows[i];

			if (r->set == s && r->carrier == carrier && r->basis == basis &&
				r->valid_from <= date && date < r->valid_to && r->loaded_at <= cutoff &&
				(best == NULL || r->loaded_at > best->loaded_at))
				best = r;
		}
		if (best)
			return best;
	}
	return NULL;
}

const RefRow *
refdata_coal(const RefData *ref, int set, Carrier carrier, Basis basis, DateADT date,
			 TimestampTz cutoff)
{
	return resolve(ref, ref->coal, ref->ncoal, set, carrier, basis, date, cutoff);
}

const RefRow *
refdata_density(const RefData *ref, int set, Carrier carrier, DateADT date, TimestampTz cutoff)
{
	return resolve(ref, ref->density, ref->ndensity, set, carrier, BASIS_CALORIFIC, date, cutoff);
}

const RefRow *
refdata_co2(const RefData *ref, int set, Carrier carrier, DateADT date, TimestampTz cutoff)
{
	return resolve(ref, ref->co2, ref->nco2, set, carrier, BASIS_CALORIFIC, date, cutoff);
}

void
refdata_clip(const RefData *ref, const RefRow *rows, int n, int set, Carrier carrier,
			 Basis basis, DateADT date, TimestampTz cutoff, DateADT *lo, DateADT *hi)
{
	for (int s = set; s >= 0; s = ref->sets[s].parent)
		for (int i = 0; i < n; i++)
		{
			const RefRow *r = &rows[i];
			DateADT		b[2] = {r->valid_from, r->valid_to};

			if (r->set != s || r->carrier != carrier || r->basis != basis || r->loaded_at > cutoff)
				continue;
			for (int k = 0; k < 2; k++)
			{
				if (b[k] <= date && b[k] > *lo)
					*lo = b[k];
				if (b[k] > date && b[k] < *hi)
					*hi = b[k];
			}
		}
}

const RegionRow *
refdata_region(const RefData *ref, const char *text)
{
	char		folded[SPELLING_MAX];
	char		code[7];
	size_t		len;

	if (!spelling_fold(text, folded))
		return NULL;
	len = strlen(folded);
	if ((len == 2 || len == 4 || len == 6) && strspn(folded, "0123456789") == len)
	{
		/* a province, city or county code: its province */
		snprintf(code, sizeof(code), "%.2s0000", folded);
		for (int i = 0; i < ref->nregions; i++)
			if (strcmp(ref->regions[i].code, code) == 0)
				return &ref->regions[i];
		return NULL;
	}
	for (int i = 0; i < ref->nregions; i++)
	{
		char		a[SPELLING_MAX],
					b[SPELLING_MAX];

		if ((spelling_fold_utf8(ref->regions[i].short_zh, a) && strcmp(a, folded) == 0) ||
			(spelling_fold_utf8(ref->regions[i].name_zh, b) && strcmp(b, folded) == 0))
			return &ref->regions[i];
	}
	return NULL;
}

/* ---------- triggers ---------- */

/*
 * BEFORE row trigger (and BEFORE TRUNCATE): rows with shipped = true belong
 * to the extension.  Only its own scripts (CREATE/ALTER EXTENSION) may add,
 * change or remove them; users add their own sets.  This also keeps users
 * from marking their rows shipped, which would drop them from pg_dump.
 */
PG_FUNCTION_INFO_V1(reference_guard);
Datum
reference_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	const char *table;
	HeapTuple	checks[2] = {NULL, NULL};
	HeapTuple	result;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("energy.reference_guard() must be called as a trigger")));
	table = RelationGetRelationName(td->tg_relation);
	energy_ref_generation++;		/* (a change, or its attempt: load again) */

	/*
	 * One writer of reference data at a time.  energy.reference_check
	 * validates all reference data after each statement; two transactions
	 * validated each without the other's rows (rows of the same loaded_at
	 * whose periods overlap, say) could both commit, and every conversion
	 * would then fail on the whole.  Held to the end of the transaction, the
	 * lock makes the second writer's check (a fresh snapshot at READ
	 * COMMITTED) see the first one's rows.
	 */
	DirectFunctionCall1(pg_advisory_xact_lock_int8, Int64GetDatum(REFERENCE_WRITE_LOCK));

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (!creating_extension)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("cannot truncate energy.%s: it holds the extension's shipped reference data",
							table),
					 errhint("Delete your own rows with DELETE ... WHERE NOT shipped.")));
		return PointerGetDatum(NULL);
	}

	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		checks[0] = td->tg_trigtuple;
		result = td->tg_trigtuple;
	}
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		checks[0] = td->tg_trigtuple;
		checks[1] = td->tg_newtuple;
		result = td->tg_newtuple;
	}
	else
	{
		checks[0] = td->tg_trigtuple;
		result = td->tg_trigtuple;
	}

	if (!creating_extension)
	{
		TupleDesc	desc = RelationGetDescr(td->tg_relation);
		int			att = SPI_fnumber(desc, "shipped");
		int			loaded = SPI_fnumber(desc, "loaded_at");

		for (int i = 0; i < 2; i++)
		{
			bool		isnull;

			if (checks[i] == NULL || att <= 0)
				continue;
			if (DatumGetBool(heap_getattr(checks[i], att, desc, &isnull)) && !isnull)
				ereport(ERROR,
						(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
						 errmsg("rows of energy.%s with shipped = true are the extension's own and read-only",
								table),
						 loaded > 0 || strcmp(table, "factor_set") == 0 ?
						 errhint("Add your own factor set that inherits from the shipped one "
								 "(INSERT INTO energy.factor_set (name, parent, description) "
								 "VALUES ('my_set', 'gb2589', '...')) and put your rows there, "
								 "with shipped = false.") :
						 errhint("Add rows of your own beside the shipped ones, with shipped = false "
								 "(the default); pg_dump keeps them.")));
		}

		/*
		 * A CO2 row written for electricity or PV would never be read: grid
		 * electricity's CO2 is energy.grid_factor's, PV's 0.  Refused as it is
		 * written (not when the data are loaded: a row of an older version
		 * must not stop every conversion).
		 */
		if (strcmp(table, "co2_factor") == 0 && !TRIGGER_FIRED_BY_DELETE(td->tg_event))
		{
			int			catt = SPI_fnumber(desc, "carrier");
			char	   *code = catt > 0 ? SPI_getvalue(result, desc, catt) : NULL;

			if (code && (strcmp(code, "electricity") == 0 || strcmp(code, "pv") == 0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("energy.co2_factor: %s has no fuel CO2 factor", code),
						 errhint("Grid electricity's CO2 comes from energy.grid_factor (by province or regional grid and year); "
								 "PV counts 0 (location- and market-based).")));
		}

		/*
		 * While a year is frozen, rows loaded before its freeze may be in its
		 * figures: they cannot change or go; revisions are new rows.
		 */
		if (loaded > 0 && !TRIGGER_FIRED_BY_INSERT(td->tg_event))
		{
			bool		isnull;
			TimestampTz row_loaded = DatumGetTimestampTz(heap_getattr(td->tg_trigtuple, loaded, desc, &isnull));

			SPI_connect();
			if (SPI_execute("SELECT data_year, frozen_at FROM energy.frozen_year "
							"ORDER BY frozen_at DESC LIMIT 1", true, 1) != SPI_OK_SELECT)
				elog(ERROR, "could not read energy.frozen_year");
			if (SPI_processed == 1)
			{
				bool		n1,
							n2;
				int			year = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &n1));
				TimestampTz frozen_at = DatumGetTimestampTz(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &n2));

				if (!isnull && row_loaded <= frozen_at)
					ereport(ERROR,
							(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
							 errmsg("cannot change or delete a row of energy.%s loaded before data year %d was frozen",
									table, year),
							 errhint("Load a revision as a new row (it applies to years that are not frozen), "
									 "or re-open the year with SELECT energy.reopen_year(%d).", year)));
				/* nor may a row be dated back into the frozen figures */
				if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
				{
					bool		newnull;
					TimestampTz new_loaded = DatumGetTimestampTz(heap_getattr(td->tg_newtuple, loaded, desc, &newnull));

					if (!newnull && new_loaded <= frozen_at)
						ereport(ERROR,
								(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
								 errmsg("cannot date a row of energy.%s back to before data year %d was frozen (loaded_at %s)",
										table, year, timestamptz_to_str(new_loaded)),
								 errhint("loaded_at says which figures a row may be in; a frozen year's figures keep the rows "
										 "loaded before its freeze. Re-open the year with SELECT energy.reopen_year(%d) first.", year)));
				}
			}
			SPI_finish();
		}
	}
	return PointerGetDatum(result);
}

/*
 * AFTER statement trigger: load and validate the whole reference data, so a
 * bad row (overlapping periods, a unit that does not fit, a cycle of parent
 * sets) is refused by the statement that wrote it, not found at report time.
 */
PG_FUNCTION_INFO_V1(reference_check);
Datum
reference_check(PG_FUNCTION_ARGS)
{
	MemoryContext cxt;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("energy.reference_check() must be called as a trigger")));
	energy_ref_generation++;
	cxt = AllocSetContextCreate(CurrentMemoryContext, "energy reference check",
								ALLOCSET_SMALL_SIZES);
	(void) refdata_load(cxt, true);
	MemoryContextDelete(cxt);
	return PointerGetDatum(NULL);
}
