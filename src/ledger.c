/*
 * ledger.c — type energy.ledger and the aggregates energy.ledger(...) and
 * energy.rollup(ledger): physical totals per carrier with the standard coal
 * and CO2 they convert to, each row converted with the factors of its own
 * date and region.
 *
 * Exactness: every total is a compensated sum (double-double, TwoSum) of
 * products kept exact to about 1e-32 (Dekker's TwoProduct against the
 * factor's exact ratio), so the order rows arrive in — serial, parallel,
 * rolled up — changes a total by about 1e-16 of its size, far below the
 * 1e-12 the issue asks for.
 *
 * Layout: a varlena with a 144-byte header and one 40-byte slot per
 * carrier present; slot_of maps a carrier id to its slot.  While
 * aggregating, a state has room for 4 carriers (304 bytes, the SSPACE) and
 * doubles when a group has more (at most 1 424 bytes for 32).  A grown state
 * is allocated in the short-lived context the executor calls us in: the
 * executor copies it into the aggregate's context and frees the old one
 * (ExecAggTransReparent), so growing leaks nothing.  The final function
 * drops unused room; what is stored holds only the carriers present.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/float.h"

#include "callsite.h"
#include "carbon.h"
#include "dd.h"
#include "textio.h"

#define LEDGER_VERSION 1
#define LEDGER_MAX_CARRIERS 32	/* carrier ids 1..31 fit; today they go to 24 */

#define LEDGER_UNDATED 0x01		/* some rows were aggregated without on_date */
#define LEDGER_FLAGS_KNOWN (LEDGER_UNDATED)

/*
 * A factor ready for exact products: its double-double value and Dekker's
 * split of the high part into two 26-bit halves, computed once per factor.
 */
typedef struct Factor
{
	double		hi;
	double		lo;
	double		hi_h;			/* hi = hi_h + hi_l exactly */
	double		hi_l;
} Factor;

#define DEKKER_SPLIT 134217729.0	/* 2^27 + 1 */

static inline void
split(double a, double *h, double *l)
{
	double		t = DEKKER_SPLIT * a;

	*h = t - (t - a);
	*l = a - *h;
}

static Factor
factor_from_dd(DD d)
{
	Factor		f = {d.hi, d.lo, 0, 0};

	split(d.hi, &f.hi_h, &f.hi_l);
	return f;
}

/*
 * s += a × f, the product kept to about 1e-32: Dekker's TwoProduct gives
 * the rounding error of a × f.hi exactly (portable: no fma instruction is
 * assumed); a_h, a_l are the split of a.
 */
static inline void
dd_add_product(DD *s, double a, double a_h, double a_l, const Factor *f)
{
	double		p = a * f->hi;
	double		e = ((a_h * f->hi_h - p) + a_h * f->hi_l + a_l * f->hi_h) + a_l * f->hi_l;

	dd_add(s, p);
	s->lo += e + a * f->lo;
}

/* The value of s / k, rounded once (k an exact integer such as 1000). */
static inline double
dd_div(const DD *s, double k)
{
	double		q = s->hi / k;
	double		r = fma(-q, k, s->hi) + s->lo;	/* what q misses, exactly */

	return q + r / k;
}

/* An exact ratio (integers num, den) as a double-double. */
static DD
dd_from_ratio(Ratio r)
{
	DD			d;

	d.hi = r.num / r.den;
	d.lo = fma(-d.hi, r.den, r.num) / r.den;
	return d;
}

typedef struct LedgerSlot
{
	DD			amount;			/* in the carrier's base unit */
	DD			kgce;			/* standard coal, calorific basis */
	int64		rows;
} LedgerSlot;

enum
{
	CO2_SCOPE1,					/* fuels burnt on site; same in both methods */
	CO2_SCOPE2_LOCATION,		/* purchased electricity and heat */
	CO2_SCOPE2_MARKET,
	CO2_UNSCOPED,				/* carriers of unknown make-up (其他能源), when a
								 * user factor exists */
	CO2_N
};

static const char *const co2_keys[CO2_N] = {"scope1", "scope2_location", "scope2_market", "unscoped"};

typedef struct Ledger
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;
	uint8		nslots;
	uint8		reserved;
	uint32		kgce_missing;	/* carriers (bit = id) with rows lacking a
								 * standard-coal coefficient */
	uint32		co2_missing;	/* carriers with rows lacking a CO2 factor */
	int64		rows;			/* rows counted */
	int64		null_rows;		/* rows with a NULL carrier or amount */
	int64		kgce_missing_rows;
	int64		co2_missing_rows;
	DD			co2[CO2_N];
	uint8		slot_of[LEDGER_MAX_CARRIERS];	/* carrier id -> slot + 1 */
	LedgerSlot	slot[FLEXIBLE_ARRAY_MEMBER];
} Ledger;

#define LEDGER_SIZE(n) (offsetof(Ledger, slot) + (n) * sizeof(LedgerSlot))
#define LEDGER_INITIAL_SLOTS 4

StaticAssertDecl(LEDGER_SIZE(LEDGER_INITIAL_SLOTS) == 304, "energy.ledger SSPACE in sql/06_ledger.sql is 304");
StaticAssertDecl(LEDGER_SIZE(LEDGER_MAX_CARRIERS) == 1424, "the largest ledger state is 1 424 bytes");

#define PG_GETARG_LEDGER(n) ((Ledger *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static inline int
ledger_capacity(const Ledger *l)
{
	return (int) ((VARSIZE(l) - offsetof(Ledger, slot)) / sizeof(LedgerSlot));
}

/* An empty ledger with room for 'cap' carriers, in CurrentMemoryContext. */
static Ledger *
ledger_new(int cap)
{
	Ledger	   *l = palloc0(LEDGER_SIZE(cap));

	SET_VARSIZE(l, LEDGER_SIZE(cap));
	l->version = LEDGER_VERSION;
	return l;
}

static inline const LedgerSlot *
ledger_slot(const Ledger *l, int id)
{
	return l->slot_of[id] ? &l->slot[l->slot_of[id] - 1] : NULL;
}

/*
 * The slot of carrier 'id' in *lp, added if absent.  When the ledger is full
 * a copy with twice the room replaces *lp (see the layout note above).
 */
static LedgerSlot *
ledger_slot_add(Ledger **lp, int id)
{
	Ledger	   *l = *lp;

	if (l->slot_of[id] == 0)
	{
		if (l->nslots == ledger_capacity(l))
		{
			int			cap = Min(LEDGER_MAX_CARRIERS, Max(LEDGER_INITIAL_SLOTS, 2 * l->nslots));
			Ledger	   *g = palloc0(LEDGER_SIZE(cap));

			memcpy(g, l, LEDGER_SIZE(l->nslots));
			SET_VARSIZE(g, LEDGER_SIZE(cap));
			*lp = l = g;
		}
		l->slot_of[id] = ++l->nslots;
	}
	return &l->slot[l->slot_of[id] - 1];
}

/* Add everything of 'o' into *lp (which may be replaced by a larger copy). */
static void
ledger_merge(Ledger **lp, const Ledger *o)
{
	Ledger	   *l = *lp;

	l->flags |= o->flags;
	l->kgce_missing |= o->kgce_missing;
	l->co2_missing |= o->co2_missing;
	l->rows += o->rows;
	l->null_rows += o->null_rows;
	l->kgce_missing_rows += o->kgce_missing_rows;
	l->co2_missing_rows += o->co2_missing_rows;
	for (int i = 0; i < CO2_N; i++)
		dd_merge(&l->co2[i], &o->co2[i]);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(o, id);
		LedgerSlot *d;

		if (s == NULL || s->rows == 0)
			continue;
		d = ledger_slot_add(lp, id);
		dd_merge(&d->amount, &s->amount);
		dd_merge(&d->kgce, &s->kgce);
		d->rows += s->rows;
	}
}

/* The compact copy of any ledger: the carriers with rows, in id order. */
static Ledger *
ledger_compact(const Ledger *l)
{
	int			n = 0;
	Ledger	   *c;

	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s && s->rows > 0)
			n++;
	}
	c = ledger_new(n);
	memcpy(VARDATA(c), VARDATA(l), offsetof(Ledger, slot_of) - VARHDRSZ);
	c->nslots = 0;
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s && s->rows > 0)
		{
			c->slot[c->nslots] = *s;
			c->slot_of[id] = ++c->nslots;
		}
	}
	return c;
}

/* ---------- the transition function and its factor cache ---------- */

#define KEY_MAX 24
#define CACHE_SIZE 1024			/* power of two */
#define CACHE_PROBES 8

/* The factors of one (carrier, unit, region) over the dates [lo, hi). */
typedef struct FactorEntry
{
	bool		used;
	Carrier		carrier;
	int16		unit_len;		/* -1: NULL, the base unit */
	int16		region_len;		/* -1: NULL, national */
	char		unit[KEY_MAX];
	char		region[KEY_MAX];
	DateADT		lo;
	DateADT		hi;
	bool		base_is_unit;	/* to_base is exactly 1 */
	bool		kgce_missing;	/* no standard-coal coefficient */
	bool		co2_missing;	/* no CO2 factor */
	Factor		to_base;		/* base units per unit */
	Factor		kgce;			/* kgce per unit (0 for water) */
	Factor		co2[2];			/* kgCO2 per unit, location and market */
	int			bucket;			/* CO2 bucket of the location figure, -1 none */
} FactorEntry;

typedef struct LedgerCache
{
	ConvCache	cc;				/* reference data and argument caches */
	bool		ready;
	int			coal_set;
	Co2Options	opts;
	DateADT		today;
	FactorEntry *last;
	FactorEntry scratch;		/* for keys too long to cache */
	FactorEntry table[CACHE_SIZE];
} LedgerCache;

/* Units and region codes are a few bytes: a loop beats a call to memcmp. */
static inline bool
bytes_equal(const char *a, const char *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static inline bool
key_equal(const FactorEntry *e, Carrier c, const char *u, int ul, const char *r, int rl)
{
	return e->used && e->carrier == c && e->unit_len == ul && e->region_len == rl &&
		bytes_equal(e->unit, u, ul) && bytes_equal(e->region, r, rl);
}

static uint32
key_hash(Carrier c, const char *u, int ul, const char *r, int rl)
{
	uint32		h = 2166136261u ^ c;

	for (int i = 0; i < ul; i++)
		h = (h ^ (uint8) u[i]) * 16777619u;
	h ^= 0x9e3779b9u;
	for (int i = 0; i < rl; i++)
		h = (h ^ (uint8) r[i]) * 16777619u;
	return h;
}

static void
fill_entry(FunctionCallInfo fcinfo, LedgerCache *lc, FactorEntry *e, Carrier c,
		   const char *u, int ul, const char *r, int rl, DateADT date, bool dated)
{
	RefData    *ref = conv_ref(fcinfo, &lc->cc);
	const CarrierInfo *ci = carrier_info(c);
	const UnitInfo *unit;
	const RefRow *density;
	const RefRow *coal;
	TimestampTz cutoff = refdata_cutoff(ref, date);
	Ratio		per_unit;
	int			y = date_year(date);

	e->used = false;
	e->carrier = c;
	e->unit_len = (int16) ul;
	e->region_len = (int16) rl;
	if (ul > 0)
		memcpy(e->unit, u, Min(ul, KEY_MAX));
	if (rl > 0)
		memcpy(e->region, r, Min(rl, KEY_MAX));

	/* the answer may change at a year's end (grid factors, freezes) */
	e->lo = date2j(y, 1, 1) - POSTGRES_EPOCH_JDATE;
	e->hi = date2j(y + 1, 1, 1) - POSTGRES_EPOCH_JDATE;

	unit = ul < 0 ? unit_lookup(ci->groups[0], unit_group_base(ci->groups[0]))
		: find_unit(ci, pnstrdup(u, ul));
	per_unit = base_per_unit(ref, lc->coal_set, ci, unit, date, cutoff, &density);
	if (density)
		refdata_clip(ref, ref->density, ref->ndensity, lc->coal_set, carrier_factor_id(ci),
					 BASIS_CALORIFIC, date, cutoff, &e->lo, &e->hi);
	e->to_base = factor_from_dd(dd_from_ratio(per_unit));
	e->base_is_unit = (e->to_base.hi == 1.0 && e->to_base.lo == 0.0);

	memset(&e->kgce, 0, sizeof(e->kgce));	/* water: not part of 综合能耗 */
	e->kgce_missing = false;
	if (ci->is_energy)
	{
		coal = refdata_coal(ref, lc->coal_set, carrier_factor_id(ci), BASIS_CALORIFIC, date, cutoff);
		refdata_clip(ref, ref->coal, ref->ncoal, lc->coal_set, carrier_factor_id(ci),
					 BASIS_CALORIFIC, date, cutoff, &e->lo, &e->hi);
		if (coal)
			e->kgce = factor_from_dd(dd_from_ratio(ratio_mul(per_unit, coal->per_base)));
		e->kgce_missing = (coal == NULL);
	}

	e->bucket = -1;
	e->co2_missing = false;
	memset(e->co2, 0, sizeof(e->co2));
	if (dated && ci->is_energy && ci->id != CARRIER_PV)
	{
		const RegionRow *region = co2_region(ref, rl < 0 ? NULL : pnstrdup(r, rl));
		Co2Factor	loc,
					mkt;
		bool		ok_loc = co2_resolve(ref, &lc->opts, ci, date, region, false, cutoff, true, &loc);
		bool		ok_mkt = co2_resolve(ref, &lc->opts, ci, date, region, true, cutoff, true, &mkt);

		co2_clip(ref, &lc->opts, ci, date, cutoff, &e->lo, &e->hi);
		e->co2_missing = !(ok_loc && ok_mkt);
		if (!e->co2_missing)
		{
			e->co2[0] = factor_from_dd(dd_from_ratio(ratio_mul(per_unit, loc.per_base)));
			e->co2[1] = factor_from_dd(dd_from_ratio(ratio_mul(per_unit, mkt.per_base)));
		}
		e->bucket = ci->scope == 1 ? CO2_SCOPE1 : ci->scope == 2 ? CO2_SCOPE2_LOCATION : CO2_UNSCOPED;
	}
	e->used = (ul <= KEY_MAX && rl <= KEY_MAX);
}

/*
 * The entry for (carrier, unit, region) valid on 'date': open addressing,
 * probing a few slots from the key's hash; a key not found is resolved into
 * a free slot, or over the first slot probed when all are taken.
 */
static FactorEntry *
cache_lookup(FunctionCallInfo fcinfo, LedgerCache *lc, Carrier c, const char *u, int ul,
			 const char *r, int rl, DateADT date, bool dated)
{
	uint32		h = key_hash(c, u, ul, r, rl) + (uint32) date_year(date) * 2654435761u;
	FactorEntry *victim = NULL;

	if (ul > KEY_MAX || rl > KEY_MAX)
	{
		fill_entry(fcinfo, lc, &lc->scratch, c, u, ul, r, rl, date, dated);
		return &lc->scratch;
	}
	for (int i = 0; i < CACHE_PROBES; i++)
	{
		FactorEntry *e = &lc->table[(h + i) & (CACHE_SIZE - 1)];

		if (key_equal(e, c, u, ul, r, rl) && date >= e->lo && date < e->hi)
			return e;
		if (victim == NULL && !e->used)
			victim = e;
	}
	if (victim == NULL)
		victim = &lc->table[h & (CACHE_SIZE - 1)];
	fill_entry(fcinfo, lc, victim, c, u, ul, r, rl, date, dated);
	return victim;
}

static LedgerCache *
ledger_cache(FunctionCallInfo fcinfo)
{
	LedgerCache *lc = (LedgerCache *) fcinfo->flinfo->fn_extra;

	if (lc == NULL)
	{
		lc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(LedgerCache));
		fcinfo->flinfo->fn_extra = lc;
	}
	if (!lc->ready)
	{
		RefData    *ref = conv_ref(fcinfo, &lc->cc);

		/* the session's settings, read once per query */
		lc->coal_set = refdata_set(ref, energy_factor_set_guc);
		lc->opts.co2_set = refdata_set(ref, energy_co2_set_guc);
		lc->opts.grid_set = refdata_set(ref, energy_grid_set_guc);
		lc->opts.grid_basis = co2_parse_grid_basis(energy_grid_basis_guc);
		lc->opts.policy = co2_parse_policy(energy_grid_year_policy_guc);
		lc->opts.fallback = co2_parse_fallback(energy_grid_fallback_guc);
		lc->today = GetSQLCurrentDate();
		lc->ready = true;
	}
	return lc;
}

/*
 * energy.ledger(carrier, amount [, unit] [, on_date, region]): one C
 * function for the four forms, told apart by their argument count.
 */
PG_FUNCTION_INFO_V1(ledger_trans);
Datum
ledger_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	Ledger	   *st;
	LedgerCache *lc;
	int			nargs = PG_NARGS();
	bool		has_unit = (nargs == 4 || nargs == 6);
	bool		dated = (nargs >= 5);
	int			unit_arg = 3,
				date_arg = has_unit ? 4 : 3,
				region_arg = date_arg + 1;
	Carrier		c;
	double		amount;
	const char *u = NULL,
			   *r = NULL;
	int			ul = -1,
				rl = -1;
	DateADT		date;
	FactorEntry *e;
	LedgerSlot *slot;
	double		a_h,
				a_l;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.ledger_trans() can only be called as the aggregate energy.ledger")));
	/* a new or grown state is made here, in the per-call context: see above */
	st = PG_ARGISNULL(0) ? ledger_new(LEDGER_INITIAL_SLOTS) : (Ledger *) PG_GETARG_POINTER(0);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		st->null_rows++;		/* counted, never silently dropped */
		PG_RETURN_POINTER(st);
	}
	c = PG_GETARG_CARRIER(1);
	amount = PG_GETARG_FLOAT8(2);
	if (unlikely(isnan(amount) || isinf(amount)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount must be a finite number, not %s", float8out_internal(amount)),
				 errhint("Replace NaN/Infinity readings with the measured amount, or NULL when unknown.")));
	if (has_unit && !PG_ARGISNULL(unit_arg))
	{
		text	   *t = PG_GETARG_TEXT_PP(unit_arg);

		u = VARDATA_ANY(t);
		ul = VARSIZE_ANY_EXHDR(t);
	}
	if (dated && !PG_ARGISNULL(region_arg))
	{
		text	   *t = PG_GETARG_TEXT_PP(region_arg);

		r = VARDATA_ANY(t);
		rl = VARSIZE_ANY_EXHDR(t);
	}

	lc = ledger_cache(fcinfo);
	date = (dated && !PG_ARGISNULL(date_arg)) ? PG_GETARG_DATEADT(date_arg) : lc->today;
	if (unlikely(DATE_NOT_FINITE(date)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("on_date must be a finite date, not %s", date_iso(date))));

	e = lc->last;
	if (e == NULL || !key_equal(e, c, u, ul, r, rl) || date < e->lo || date >= e->hi)
		e = lc->last = cache_lookup(fcinfo, lc, c, u, ul, r, rl, date, dated);

	slot = likely(st->slot_of[c]) ? &st->slot[st->slot_of[c] - 1] : ledger_slot_add(&st, c);
	split(amount, &a_h, &a_l);
	if (e->base_is_unit)
		dd_add(&slot->amount, amount);
	else
		dd_add_product(&slot->amount, amount, a_h, a_l, &e->to_base);
	slot->rows++;
	st->rows++;
	if (unlikely(e->kgce_missing))
	{
		st->kgce_missing |= (uint32) 1 << c;
		st->kgce_missing_rows++;
	}
	else
		dd_add_product(&slot->kgce, amount, a_h, a_l, &e->kgce);

	if (!dated)
		st->flags |= LEDGER_UNDATED;
	else if (e->bucket >= 0)
	{
		if (unlikely(e->co2_missing))
		{
			st->co2_missing |= (uint32) 1 << c;
			st->co2_missing_rows++;
		}
		else
		{
			dd_add_product(&st->co2[e->bucket], amount, a_h, a_l, &e->co2[0]);
			if (e->bucket == CO2_SCOPE2_LOCATION)
				dd_add_product(&st->co2[CO2_SCOPE2_MARKET], amount, a_h, a_l, &e->co2[1]);
		}
	}
	PG_RETURN_POINTER(st);
}

/* Combine two partial states (parallel workers, partitions). */
PG_FUNCTION_INFO_V1(ledger_combine);
Datum
ledger_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	Ledger	   *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.ledger_combine() can only be called by an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	st = PG_ARGISNULL(0) ? ledger_new(LEDGER_INITIAL_SLOTS) : (Ledger *) PG_GETARG_POINTER(0);
	ledger_merge(&st, PG_GETARG_LEDGER(1));
	PG_RETURN_POINTER(st);
}

/* energy.rollup(ledger): add stored ledgers (any form) into an expanded state. */
PG_FUNCTION_INFO_V1(ledger_rollup_trans);
Datum
ledger_rollup_trans(PG_FUNCTION_ARGS)
{
	return ledger_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(ledger_final);
Datum
ledger_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ledger_compact(PG_GETARG_LEDGER(0)));
}

/* ---------- text and binary forms ---------- */

static void
append_dd(StringInfo s, const DD *d)
{
	appendStringInfoChar(s, '[');
	append_exact_double(s, d->hi);
	appendStringInfoChar(s, ',');
	append_exact_double(s, d->lo);
	appendStringInfoChar(s, ']');
}

static void
append_carriers(StringInfo s, uint32 bits)
{
	bool		first = true;

	appendStringInfoChar(s, '[');
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
		if (bits & ((uint32) 1 << id))
		{
			appendStringInfo(s, "%s\"%s\"", first ? "" : ",", carrier_info((Carrier) id)->code);
			first = false;
		}
	appendStringInfoChar(s, ']');
}

/*
 * JSON, keys in a fixed order, every double printed so that it reads back
 * exactly; totals are [hi, lo] pairs of a compensated sum.
 */
PG_FUNCTION_INFO_V1(ledger_out);
Datum
ledger_out(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	StringInfoData s;
	bool		first = true;

	initStringInfo(&s);
	appendStringInfo(&s, "{\"version\":%d,\"rows\":" INT64_FORMAT ",\"null_rows\":" INT64_FORMAT
					 ",\"undated\":%s,\"kgce_missing_rows\":" INT64_FORMAT
					 ",\"co2_missing_rows\":" INT64_FORMAT ",\"kgce_missing\":",
					 l->version, l->rows, l->null_rows,
					 (l->flags & LEDGER_UNDATED) ? "true" : "false",
					 l->kgce_missing_rows, l->co2_missing_rows);
	append_carriers(&s, l->kgce_missing);
	appendStringInfoString(&s, ",\"co2_missing\":");
	append_carriers(&s, l->co2_missing);
	appendStringInfoString(&s, ",\"co2\":{");
	for (int i = 0; i < CO2_N; i++)
	{
		appendStringInfo(&s, "%s\"%s\":", i ? "," : "", co2_keys[i]);
		append_dd(&s, &l->co2[i]);
	}
	appendStringInfoString(&s, "},\"carriers\":{");
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *sl = ledger_slot(l, id);

		if (sl == NULL || sl->rows == 0)
			continue;
		appendStringInfo(&s, "%s\"%s\":{\"rows\":" INT64_FORMAT ",\"amount\":",
						 first ? "" : ",", carrier_info((Carrier) id)->code, sl->rows);
		append_dd(&s, &sl->amount);
		appendStringInfoString(&s, ",\"kgce\":");
		append_dd(&s, &sl->kgce);
		appendStringInfoChar(&s, '}');
		first = false;
	}
	appendStringInfoString(&s, "}}");
	PG_RETURN_CSTRING(s.data);
}

static DD
get_dd(Cursor *c)
{
	DD			d;

	expect_char(c, '[');
	d.hi = get_double(c);
	expect_char(c, ',');
	d.lo = get_double(c);
	expect_char(c, ']');
	return d;
}

static Carrier
get_carrier(Cursor *c)
{
	const char *at = c->p;
	char	   *code = get_string(c);
	Carrier		id;

	if (!carrier_parse(code, &id) || strcmp(carrier_info(id)->code, code) != 0 ||
		id >= LEDGER_MAX_CARRIERS)
	{
		c->p = at;
		bad(c, "a canonical carrier code");
	}
	return id;
}

static uint32
get_carrier_list(Cursor *c)
{
	uint32		bits = 0;

	expect_char(c, '[');
	if (accept_char(c, ']'))
		return 0;
	do
		bits |= (uint32) 1 << get_carrier(c);
	while (accept_char(c, ','));
	expect_char(c, ']');
	return bits;
}

/* Checks shared by text and binary input: the counts must add up. */
static void
ledger_validate(const Ledger *l)
{
	int64		rows = 0;

	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s)
			rows += s->rows;
	}
	if (rows != l->rows)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid energy.ledger: rows is " INT64_FORMAT " but its carriers have " INT64_FORMAT,
						l->rows, rows)));
	if (l->kgce_missing_rows > l->rows || l->co2_missing_rows > l->rows)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid energy.ledger: more rows missing factors than rows")));
}

PG_FUNCTION_INFO_V1(ledger_in);
Datum
ledger_in(PG_FUNCTION_ARGS)
{
	Cursor		c;
	Ledger	   *l = ledger_new(LEDGER_MAX_CARRIERS);

	cursor_init(&c, PG_GETARG_CSTRING(0), "energy.ledger",
				"A ledger's text form is what the aggregate energy.ledger(...) prints: "
				"{\"version\":1,\"rows\":...,\"carriers\":{...}}.");
	expect_char(&c, '{');
	expect_key(&c, "version");
	if (get_count(&c) != LEDGER_VERSION)
		bad(&c, "version 1");
	expect_char(&c, ',');
	expect_key(&c, "rows");
	l->rows = get_count(&c);
	expect_char(&c, ',');
	expect_key(&c, "null_rows");
	l->null_rows = get_count(&c);
	expect_char(&c, ',');
	expect_key(&c, "undated");
	if (get_bool(&c))
		l->flags |= LEDGER_UNDATED;
	expect_char(&c, ',');
	expect_key(&c, "kgce_missing_rows");
	l->kgce_missing_rows = get_count(&c);
	expect_char(&c, ',');
	expect_key(&c, "co2_missing_rows");
	l->co2_missing_rows = get_count(&c);
	expect_char(&c, ',');
	expect_key(&c, "kgce_missing");
	l->kgce_missing = get_carrier_list(&c);
	expect_char(&c, ',');
	expect_key(&c, "co2_missing");
	l->co2_missing = get_carrier_list(&c);
	expect_char(&c, ',');
	expect_key(&c, "co2");
	expect_char(&c, '{');
	for (int i = 0; i < CO2_N; i++)
	{
		if (i)
			expect_char(&c, ',');
		expect_key(&c, co2_keys[i]);
		l->co2[i] = get_dd(&c);
	}
	expect_char(&c, '}');
	expect_char(&c, ',');
	expect_key(&c, "carriers");
	expect_char(&c, '{');
	if (!accept_char(&c, '}'))
	{
		do
		{
			const char *at = c.p;
			Carrier		id = get_carrier(&c);
			LedgerSlot *s;

			if (l->slot_of[id] != 0)
			{
				c.p = at;
				bad(&c, "each carrier once");
			}
			s = ledger_slot_add(&l, id);
			expect_char(&c, ':');
			expect_char(&c, '{');
			expect_key(&c, "rows");
			s->rows = get_count(&c);
			if (s->rows == 0)
				bad(&c, "a carrier with rows");
			expect_char(&c, ',');
			expect_key(&c, "amount");
			s->amount = get_dd(&c);
			expect_char(&c, ',');
			expect_key(&c, "kgce");
			s->kgce = get_dd(&c);
			expect_char(&c, '}');
		} while (accept_char(&c, ','));
		expect_char(&c, '}');
	}
	expect_char(&c, '}');
	expect_end(&c);
	ledger_validate(l);
	PG_RETURN_POINTER(ledger_compact(l));
}

static void
send_dd(StringInfo buf, const DD *d)
{
	pq_sendfloat8(buf, d->hi);
	pq_sendfloat8(buf, d->lo);
}

PG_FUNCTION_INFO_V1(ledger_send);
Datum
ledger_send(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	StringInfoData buf;
	int			n = 0;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, l->version);
	pq_sendbyte(&buf, l->flags);
	pq_sendint32(&buf, l->kgce_missing);
	pq_sendint32(&buf, l->co2_missing);
	pq_sendint64(&buf, l->rows);
	pq_sendint64(&buf, l->null_rows);
	pq_sendint64(&buf, l->kgce_missing_rows);
	pq_sendint64(&buf, l->co2_missing_rows);
	for (int i = 0; i < CO2_N; i++)
		send_dd(&buf, &l->co2[i]);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s && s->rows > 0)
			n++;
	}
	pq_sendbyte(&buf, n);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s == NULL || s->rows == 0)
			continue;
		pq_sendbyte(&buf, id);
		pq_sendint64(&buf, s->rows);
		send_dd(&buf, &s->amount);
		send_dd(&buf, &s->kgce);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static void pg_attribute_noreturn()
bad_binary(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary energy.ledger: %s", what)));
}

static double
recv_double(StringInfo buf)
{
	double		d = pq_getmsgfloat8(buf);

	if (isnan(d) || isinf(d))
		bad_binary("a total is not finite");
	return d;
}

static DD
recv_dd(StringInfo buf)
{
	DD			d;

	d.hi = recv_double(buf);
	d.lo = recv_double(buf);
	return d;
}

static int64
recv_count(StringInfo buf)
{
	int64		v = pq_getmsgint64(buf);

	if (v < 0)
		bad_binary("a negative count");
	return v;
}

static uint32
recv_bits(StringInfo buf)
{
	uint32		bits = (uint32) pq_getmsgint(buf, 4);

	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
		if ((bits & ((uint32) 1 << id)) && carrier_info_or_null((Carrier) id) == NULL)
			bad_binary("an unknown carrier in a missing-factor set");
	return bits;
}

PG_FUNCTION_INFO_V1(ledger_recv);
Datum
ledger_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Ledger	   *l = ledger_new(LEDGER_MAX_CARRIERS);
	int			n;

	if (pq_getmsgbyte(buf) != LEDGER_VERSION)
		bad_binary("unknown version");
	l->flags = (uint8) pq_getmsgbyte(buf);
	if (l->flags & ~LEDGER_FLAGS_KNOWN)
		bad_binary("unknown flags");
	l->kgce_missing = recv_bits(buf);
	l->co2_missing = recv_bits(buf);
	l->rows = recv_count(buf);
	l->null_rows = recv_count(buf);
	l->kgce_missing_rows = recv_count(buf);
	l->co2_missing_rows = recv_count(buf);
	for (int i = 0; i < CO2_N; i++)
		l->co2[i] = recv_dd(buf);
	n = pq_getmsgbyte(buf);
	for (int i = 0; i < n; i++)
	{
		int			id = pq_getmsgbyte(buf);
		LedgerSlot *s;

		if (id >= LEDGER_MAX_CARRIERS || carrier_info_or_null((Carrier) id) == NULL)
			bad_binary("an unknown carrier");
		if (l->slot_of[id] != 0)
			bad_binary("a carrier twice");
		s = ledger_slot_add(&l, id);
		s->rows = recv_count(buf);
		if (s->rows == 0)
			bad_binary("a carrier without rows");
		s->amount = recv_dd(buf);
		s->kgce = recv_dd(buf);
	}
	pq_getmsgend(buf);
	ledger_validate(l);
	PG_RETURN_POINTER(ledger_compact(l));
}

/* ---------- accessors ---------- */

static char *
carrier_names(uint32 bits)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
		if (bits & ((uint32) 1 << id))
			appendStringInfo(&s, "%s%s", s.len ? ", " : "", carrier_info((Carrier) id)->code);
	return s.data;
}

static void
require_kgce(const Ledger *l)
{
	if (l->kgce_missing_rows > 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("standard coal is unknown for " INT64_FORMAT " rows of this ledger (%s): no coefficient",
						l->kgce_missing_rows, carrier_names(l->kgce_missing)),
				 errhint("Add the coefficient to your factor set (energy.coal_factor) and aggregate again, "
						 "or leave those rows out with FILTER (WHERE carrier <> ...); energy.kgce() on one "
						 "of the rows says what is missing.")));
}

static DD
ledger_kgce_total(const Ledger *l)
{
	DD			t = {0, 0};

	require_kgce(l);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s)
			dd_merge(&t, &s->kgce);
	}
	return t;
}

PG_FUNCTION_INFO_V1(ledger_kgce);
Datum
ledger_kgce(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	DD			t;

	if (l->rows == 0)
		PG_RETURN_NULL();		/* like sum(): nothing counted, nothing known */
	t = ledger_kgce_total(l);
	PG_RETURN_FLOAT8(dd_value(&t));
}

PG_FUNCTION_INFO_V1(ledger_tce);
Datum
ledger_tce(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	DD			t;

	if (l->rows == 0)
		PG_RETURN_NULL();
	t = ledger_kgce_total(l);
	PG_RETURN_FLOAT8(dd_div(&t, 1000));
}

PG_FUNCTION_INFO_V1(ledger_carrier_kgce);
Datum
ledger_carrier_kgce(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	Carrier		c = PG_GETARG_CARRIER(1);
	const LedgerSlot *s = c < LEDGER_MAX_CARRIERS ? ledger_slot(l, c) : NULL;

	if (l->kgce_missing & ((uint32) 1 << c))
		require_kgce(l);
	PG_RETURN_FLOAT8(s ? dd_value(&s->kgce) : 0.0);
}

PG_FUNCTION_INFO_V1(ledger_amount);
Datum
ledger_amount(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	Carrier		c = PG_GETARG_CARRIER(1);
	const LedgerSlot *s = c < LEDGER_MAX_CARRIERS ? ledger_slot(l, c) : NULL;

	PG_RETURN_FLOAT8(s ? dd_value(&s->amount) : 0.0);
}

PG_FUNCTION_INFO_V1(ledger_rows);
Datum
ledger_rows(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_LEDGER(0)->rows);
}

PG_FUNCTION_INFO_V1(ledger_null_rows);
Datum
ledger_null_rows(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_LEDGER(0)->null_rows);
}

/*
 * energy.kgco2(ledger, method DEFAULT 'location', scope DEFAULT NULL) and
 * energy.tco2(...): CO2 of the ledger in kg or t.
 */
static Datum
ledger_co2(FunctionCallInfo fcinfo, double divisor)
{
	Ledger	   *l;
	bool		market;
	DD			t = {0, 0};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	l = PG_GETARG_LEDGER(0);
	market = arg_market(fcinfo, 1);
	if (!PG_ARGISNULL(2) && PG_GETARG_INT32(2) != 1 && PG_GETARG_INT32(2) != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown CO2 scope %d", PG_GETARG_INT32(2)),
				 errhint("Use 1 (fuels burnt on site), 2 (purchased electricity and heat) or NULL for the total.")));
	if (l->rows == 0)
		PG_RETURN_NULL();
	if (l->flags & LEDGER_UNDATED)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("this ledger has no CO2: some of its rows were aggregated without on_date"),
				 errhint("CO2 needs each row's data year: aggregate with energy.ledger(carrier, amount, "
						 "unit, on_date, region).")));
	if (l->co2_missing_rows > 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("CO2 is unknown for " INT64_FORMAT " rows of this ledger (%s): no factor",
						l->co2_missing_rows, carrier_names(l->co2_missing)),
				 errhint("energy.kgco2() on one of those rows says what is missing; for grid factors "
						 "choose SET energy.grid_year_policy / energy.grid_fallback before aggregating, "
						 "or load the factor.")));
	if (PG_ARGISNULL(2) || PG_GETARG_INT32(2) == 1)
		dd_merge(&t, &l->co2[CO2_SCOPE1]);
	if (PG_ARGISNULL(2) || PG_GETARG_INT32(2) == 2)
		dd_merge(&t, &l->co2[market ? CO2_SCOPE2_MARKET : CO2_SCOPE2_LOCATION]);
	if (PG_ARGISNULL(2))
		dd_merge(&t, &l->co2[CO2_UNSCOPED]);
	PG_RETURN_FLOAT8(divisor == 1 ? dd_value(&t) : dd_div(&t, divisor));
}

PG_FUNCTION_INFO_V1(ledger_kgco2);
Datum
ledger_kgco2(PG_FUNCTION_ARGS)
{
	return ledger_co2(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(ledger_tco2);
Datum
ledger_tco2(PG_FUNCTION_ARGS)
{
	return ledger_co2(fcinfo, 1000);
}

/* energy.breakdown(ledger): one row per carrier present. */
PG_FUNCTION_INFO_V1(ledger_breakdown);
Datum
ledger_breakdown(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Ledger	   *l = PG_GETARG_LEDGER(0);

	InitMaterializedSRF(fcinfo, 0);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);
		const CarrierInfo *ci;
		Datum		v[5];
		bool		n[5] = {0};

		if (s == NULL || s->rows == 0)
			continue;
		ci = carrier_info((Carrier) id);
		v[0] = CarrierGetDatum(ci->id);
		v[1] = Int64GetDatum(s->rows);
		v[2] = Float8GetDatum(dd_value(&s->amount));
		v[3] = CStringGetTextDatum(carrier_base_unit(ci));
		if (l->kgce_missing & ((uint32) 1 << id))
			n[4] = true;		/* unknown, not zero */
		else
			v[4] = Float8GetDatum(dd_value(&s->kgce));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	}
	return (Datum) 0;
}
