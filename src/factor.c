/*
 * factor.c — loading, validating and resolving reference data; the guard
 * triggers that keep shipped rows read-only and validate every change.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "factor.h"
#include "spelling.h"

char	   *energy_factor_set_guc = NULL;

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
			 errmsg("unknown conversion basis \"%s\"", text),
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
row_label(const RefData *ref, const RefRow *r, const char *table)
{
	return psprintf("%s row (%s, %s%s%s, %s .. %s)", table,
					ref->sets[r->set].name, carrier_info(r->carrier)->code,
					strcmp(table, "energy.coal_factor") == 0 ? ", " : "",
					strcmp(table, "energy.coal_factor") == 0 ? basis_name(r->basis) : "",
					date_iso(r->valid_from), date_iso(r->valid_to));
}

static void
load_rows(RefData *ref, const char *query, bool coal, bool fresh, MemoryContext cxt)
{
	int			n;
	RefRow	   *rows;

	if (SPI_execute(query, !fresh, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read energy reference data: %s", query);
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
		r->value = get_text(t, td, 5, cxt);
		r->per_base = ratio_from_decimal(r->value);
		r->source = get_text(t, td, 6, cxt);
		r->grade = get_text(t, td, 7, cxt);
		r->note = get_text(t, td, 8, cxt);
		if (coal)
		{
			r->basis = basis_parse(SPI_getvalue(t, td, 9));
			r->per_unit = get_text(t, td, 10, cxt);
		}
	}
	if (coal)
	{
		ref->coal = rows;
		ref->ncoal = n;
	}
	else
	{
		ref->density = rows;
		ref->ndensity = n;
	}
}

/* Coal factors: the carrier is energy, and per_unit is one of its own units. */
static void
validate_coal(RefData *ref)
{
	for (int i = 0; i < ref->ncoal; i++)
	{
		RefRow	   *r = &ref->coal[i];
		const CarrierInfo *ci = carrier_info(r->carrier);
		const UnitInfo *u;

		if (!ci->is_energy)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: %s is not an energy carrier and has no standard-coal coefficient",
							row_label(ref, r, "energy.coal_factor"), ci->code)));
		u = unit_lookup(ci->groups[0], r->per_unit);
		if (u == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: per_unit \"%s\" is not a unit of %s",
							row_label(ref, r, "energy.coal_factor"), r->per_unit,
							unit_group_name(ci->groups[0])),
					 errhint("Give the coefficient per one of: %s.",
							 unit_group_list(ci->groups[0]))));
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
							row_label(ref, r, "energy.density"), ci->code),
					 errhint("Densities apply to crude_oil, fuel_oil, gasoline, kerosene, diesel and lpg.")));
	}
}

/* Two rows of one set, carrier (and basis) may not be in force on one day. */
static void
validate_overlaps(RefData *ref, RefRow *rows, int n, const char *table)
{
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
		{
			RefRow	   *a = &rows[i],
					   *b = &rows[j];

			if (a->set == b->set && a->carrier == b->carrier && a->basis == b->basis &&
				a->valid_from < b->valid_to && b->valid_from < a->valid_to)
				ereport(ERROR,
						(errcode(ERRCODE_EXCLUSION_VIOLATION),
						 errmsg("%s overlaps %s", row_label(ref, b, table),
								row_label(ref, a, table)),
						 errhint("Validity periods are half-open [valid_from, valid_to); "
								 "end the older row where the newer one starts.")));
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

RefData *
refdata_load(MemoryContext cxt, bool fresh)
{
	RefData    *ref = MemoryContextAllocZero(cxt, sizeof(RefData));

	SPI_connect();
	if (SPI_execute("SELECT name, parent FROM energy.factor_set", !fresh, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read energy.factor_set");
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

	load_rows(ref,
			  "SELECT factor_set, carrier, valid_from, valid_to, "
			  "kgce_per_unit::pg_catalog.text, "
			  "source, grade, note, basis, per_unit FROM energy.coal_factor",
			  true, fresh, cxt);
	load_rows(ref,
			  "SELECT factor_set, carrier, valid_from, valid_to, "
			  "kg_per_l::pg_catalog.text, "
			  "source, grade, note FROM energy.density",
			  false, fresh, cxt);
	SPI_finish();

	validate_sets(ref);
	validate_coal(ref);
	validate_density(ref);
	validate_overlaps(ref, ref->coal, ref->ncoal, "energy.coal_factor");
	validate_overlaps(ref, ref->density, ref->ndensity, "energy.density");
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

static const RefRow *
resolve(const RefData *ref, const RefRow *rows, int n, int set, Carrier carrier,
		Basis basis, DateADT date)
{
	for (int s = set; s >= 0; s = ref->sets[s].parent)
		for (int i = 0; i < n; i++)
		{
			const RefRow *r = &rows[i];

			if (r->set == s && r->carrier == carrier && r->basis == basis &&
				r->valid_from <= date && date < r->valid_to)
				return r;
		}
	return NULL;
}

const RefRow *
refdata_coal(const RefData *ref, int set, Carrier carrier, Basis basis, DateADT date)
{
	return resolve(ref, ref->coal, ref->ncoal, set, carrier, basis, date);
}

const RefRow *
refdata_density(const RefData *ref, int set, Carrier carrier, DateADT date)
{
	return resolve(ref, ref->density, ref->ndensity, set, carrier, BASIS_CALORIFIC, date);
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

		for (int i = 0; i < 2; i++)
		{
			bool		isnull;

			if (checks[i] == NULL)
				continue;
			if (DatumGetBool(heap_getattr(checks[i], att, desc, &isnull)) && !isnull)
				ereport(ERROR,
						(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
						 errmsg("rows of energy.%s with shipped = true are the extension's own and read-only",
								table),
						 errhint("Add your own factor set that inherits from the shipped one "
								 "(INSERT INTO energy.factor_set (name, parent, description) "
								 "VALUES ('my_set', 'gb2589', '...')) and put your rows there, "
								 "with shipped = false.")));
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
	cxt = AllocSetContextCreate(CurrentMemoryContext, "energy reference check",
								ALLOCSET_SMALL_SIZES);
	(void) refdata_load(cxt, true);
	MemoryContextDelete(cxt);
	return PointerGetDatum(NULL);
}
