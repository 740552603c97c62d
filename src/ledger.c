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
#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/float.h"

#include "callsite.h"
#include "carbon.h"
#include "dd.h"
#include "overflow.h"
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
	double		t;

	if (fabs(a) > 6.696928794914171e+299)	/* 2^996: DEKKER_SPLIT × a would overflow */
	{
		/* split a × 2^-28 and scale the halves back: powers of two, exact */
		double		s = a * 3.7252902984619140625e-09;

		t = DEKKER_SPLIT * s;
		*h = (t - (t - s)) * 268435456.0;
		*l = a - *h;
		return;
	}
	t = DEKKER_SPLIT * a;
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
 * Whether this build may use the CPU's fused multiply-add: always where the
 * compiler targets it (FMA_ALWAYS), chosen at run time on x86 built for the
 * baseline ISA (FMA_DISPATCH), never elsewhere.
 */
#if defined(__FMA__) || defined(__aarch64__)
#define FMA_ALWAYS 1
#elif (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define FMA_DISPATCH 1
#endif

/*
 * a × f as p + e, p the rounded product and e what p misses: the rounding
 * error of a × f.hi exactly (TwoProduct) plus a × f.lo, so the product is
 * kept to about 1e-32.  The exact error is one fused multiply-add where the
 * CPU has one, Dekker's split product otherwise (a_h, a_l split a); both give
 * the same bits, so a ledger does not depend on the machine that made it.
 */
typedef struct Product
{
	double		p;
	double		e;
} Product;

static pg_attribute_always_inline Product
product(double a, double a_h, double a_l, const Factor *f, const bool use_fma)
{
	Product		r;

	r.p = a * f->hi;
#if defined(FMA_ALWAYS) || defined(FMA_DISPATCH)
	if (use_fma)
		r.e = __builtin_fma(a, f->hi, -r.p);
	else
#else
	(void) use_fma;
#endif
		r.e = ((a_h * f->hi_h - r.p) + a_h * f->hi_l + a_l * f->hi_h) + a_l * f->hi_l;
	r.e += a * f->lo;
	return r;
}

/* s += p + e */
static inline void
dd_add_product(DD *s, Product x)
{
	dd_add(s, x.p);
	s->lo += x.e;
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
 * 'l' with a slot for carrier 'id', added if absent.  When the ledger is full
 * the answer is a copy with twice the room (see the layout note above).
 */
static Ledger *
ledger_with_slot(Ledger *l, int id)
{
	if (l->slot_of[id] == 0)
	{
		if (l->nslots == ledger_capacity(l))
		{
			int			cap = Min(LEDGER_MAX_CARRIERS, Max(LEDGER_INITIAL_SLOTS, 2 * l->nslots));
			Ledger	   *g = palloc0(LEDGER_SIZE(cap));

			memcpy(g, l, LEDGER_SIZE(l->nslots));
			SET_VARSIZE(g, LEDGER_SIZE(cap));
			l = g;
		}
		l->slot_of[id] = ++l->nslots;
	}
	return l;
}

/* The slot of carrier 'id' in *lp, added if absent (*lp may be replaced). */
static LedgerSlot *
ledger_slot_add(Ledger **lp, int id)
{
	*lp = ledger_with_slot(*lp, id);
	return &(*lp)->slot[(*lp)->slot_of[id] - 1];
}

/*
 * A total that is not finite: a sum beyond double precision (error 22003),
 * or, read from text or binary input (sqlstate 22P02 or 22P03), a bad state.
 */
static void
check_total(const DD *d, const char *what, const char *of, int sqlstate)
{
	if (likely(isfinite(d->hi) && isfinite(d->lo) && isfinite(d->hi + d->lo)))
		return;
	if (sqlstate != 0)
		ereport(ERROR,
				(errcode(sqlstate),
				 strcmp(what, "CO2") == 0
				 ? errmsg("invalid energy.ledger: the total CO2 of %s is beyond double precision", of)
				 : errmsg("invalid energy.ledger: a total of %s is beyond double precision", of)));
	(void) finite_result(NAN, psprintf("the total %s of %s in this energy.ledger", what, of));
}

/*
 * Every total of a ledger is finite: checked wherever a ledger leaves an
 * aggregate or a function (final, output, send, input), so that a sum that
 * overflowed is an error, never Infinity or NaN printed or stored.  Not per
 * row or per merge: an overflowed sum stays Infinity or NaN to the end.
 */
static void
ledger_check_totals(const Ledger *l, int sqlstate)
{
	for (int i = 0; i < CO2_N; i++)
		check_total(&l->co2[i], "CO2", co2_keys[i], sqlstate);
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s)
		{
			check_total(&s->amount, "amount", carrier_info((Carrier) id)->code, sqlstate);
			check_total(&s->kgce, "kgce", carrier_info((Carrier) id)->code, sqlstate);
		}
	}
}

/* Add everything of 'o' into *lp (which may be replaced by a larger copy). */
static void
ledger_merge(Ledger **lp, const Ledger *o)
{
	Ledger	   *l = *lp;

	l->flags |= o->flags;
	l->kgce_missing |= o->kgce_missing;
	l->co2_missing |= o->co2_missing;
	l->rows = count_add(l->rows, o->rows, "energy.ledger row");
	l->null_rows = count_add(l->null_rows, o->null_rows, "energy.ledger row");
	l->kgce_missing_rows = count_add(l->kgce_missing_rows, o->kgce_missing_rows, "energy.ledger row");
	l->co2_missing_rows = count_add(l->co2_missing_rows, o->co2_missing_rows, "energy.ledger row");
	for (int i = 0; i < CO2_N; i++)
		dd_merge(&l->co2[i], &o->co2[i]);
	/* the carriers present: slot_of is mostly zeros, skipped 8 ids at a time */
	for (int w = 0; w < LEDGER_MAX_CARRIERS; w += 8)
	{
		uint64		any;

		memcpy(&any, &o->slot_of[w], sizeof(any));
		if (any == 0)
			continue;
		for (int id = w; id < w + 8; id++)
		{
			const LedgerSlot *s = ledger_slot(o, id);
			LedgerSlot *d;

			if (s == NULL || s->rows == 0)
				continue;
			d = ledger_slot_add(lp, id);
			dd_merge(&d->amount, &s->amount);
			dd_merge(&d->kgce, &s->kgce);
			d->rows = count_add(d->rows, s->rows, "energy.ledger row");
		}
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

/*
 * The key of a row's factors: carrier, unit and region.  Units and region
 * codes are a few bytes; each is packed into a 64-bit word (all of it when it
 * has at most 8 bytes, its first 8 bytes otherwise) so that a key compares in
 * three word comparisons.  'meta' holds the carrier and both lengths (-1:
 * NULL) and is never 0, the mark of an unused cache entry.
 */
typedef struct RowKey
{
	uint64		meta;
	uint64		unit_w;
	uint64		region_w;
	const char *unit;
	const char *region;
	int			unit_len;
	int			region_len;
	const char *region_text;	/* the row's own region, for resolving it */
	int			region_text_len;
} RowKey;

/* n bytes at p as a word, one-to-one for a given n ≤ 8 (no read past p + n). */
static inline uint64
key_word(const char *p, int n)
{
	uint32		a,
				b;

	if (n >= 8)
	{
		uint64		w;

		memcpy(&w, p, 8);
		return w;
	}
	if (n >= 4)					/* two overlapping loads cover bytes 0..n-1 */
	{
		memcpy(&a, p, 4);
		memcpy(&b, p + n - 4, 4);
		return a | (uint64) b << 32;
	}
	if (n > 0)
		return (uint8) p[0] | (uint32) (uint8) p[(unsigned) n >> 1] << 8 | (uint32) (uint8) p[n - 1] << 16;
	return 0;
}

static inline uint64
key_meta(Carrier c, int unit_len, int region_len)
{
	return 1 | (uint64) c << 8 | (uint64) (uint16) (unit_len + 1) << 16 | (uint64) (uint16) (region_len + 1) << 32;
}

/* The factors of one key over the dates [lo, hi). */
typedef struct FactorEntry
{
	uint64		meta;			/* 0: unused */
	uint64		unit_w;
	uint64		region_w;
	DateADT		lo;
	DateADT		hi;
	bool		base_is_unit;	/* to_base is exactly 1 */
	bool		kgce_missing;	/* no standard-coal coefficient */
	bool		co2_missing;	/* no CO2 factor */
	bool		co2_same;		/* market factor = location factor */
	bool		kgce_zero;		/* water: no standard coal to add */
	int			bucket;			/* CO2 bucket of the location figure, -1 none */
	Factor		to_base;		/* base units per unit */
	Factor		kgce;			/* kgce per unit (0 for water) */
	Factor		co2[2];			/* kgCO2 per unit, location and market */
	char		unit[KEY_MAX];	/* the bytes of keys longer than a word */
	char		region[KEY_MAX];
} FactorEntry;

struct LedgerCache;
typedef Datum (*LedgerForm) (FunctionCallInfo fcinfo, struct LedgerCache *lc);

typedef struct LedgerCache
{
	ConvCache	cc;				/* reference data and argument caches */
	LedgerForm	form;			/* the transition code for this call site */
	int			coal_set;
	Co2Options	opts;
	DateADT		today;
	FactorEntry *last;
	FactorEntry *by_carrier[LEDGER_MAX_CARRIERS];	/* form (carrier, amount) */
	FactorEntry scratch;		/* for keys too long to cache */
	FactorEntry table[CACHE_SIZE];
} LedgerCache;

static inline bool
key_equal(const FactorEntry *e, const RowKey *k)
{
	return e->meta == k->meta && e->unit_w == k->unit_w && e->region_w == k->region_w &&
		(k->unit_len <= 8 || memcmp(e->unit, k->unit, k->unit_len) == 0) &&
		(k->region_len <= 8 || memcmp(e->region, k->region, k->region_len) == 0);
}

static inline uint32
key_hash(const RowKey *k, DateADT date)
{
	uint64		h = k->meta * 0x9e3779b97f4a7c15u;

	h = (h ^ k->unit_w) * 0xff51afd7ed558ccdu;
	h = (h ^ k->region_w) * 0xc4ceb9fe1a85ec53u;
	h ^= (uint64) (uint32) date_year(date) * 0x2545f4914f6cdd1du;
	return (uint32) (h >> 32);
}

static void
fill_entry(FunctionCallInfo fcinfo, LedgerCache *lc, FactorEntry *e, const RowKey *k,
		   Carrier c, DateADT date, bool dated)
{
	RefData    *ref = conv_ref_once(fcinfo, &lc->cc);
	const CarrierInfo *ci = carrier_info(c);
	const UnitInfo *unit;
	const RefRow *density;
	const RefRow *coal;
	TimestampTz cutoff = refdata_cutoff(ref, date);
	Ratio		per_unit;
	int			y = date_year(date);
	int			ul = k->unit_len,
				rl = k->region_len;

	e->meta = 0;				/* unused until filled without error */
	e->unit_w = k->unit_w;
	e->region_w = k->region_w;
	if (ul > 0)
		memcpy(e->unit, k->unit, Min(ul, KEY_MAX));
	if (rl > 0)
		memcpy(e->region, k->region, Min(rl, KEY_MAX));

	/* the answer may change at a year's end (grid factors, freezes) */
	e->lo = date2j(y, 1, 1) - POSTGRES_EPOCH_JDATE;
	e->hi = date2j(y + 1, 1, 1) - POSTGRES_EPOCH_JDATE;

	unit = ul < 0 ? unit_lookup(ci->groups[0], unit_group_base(ci->groups[0]))
		: find_unit(ci, pnstrdup(k->unit, ul));
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
		const RegionRow *region = co2_region(ref, k->region_text_len < 0 ? NULL
											 : pnstrdup(k->region_text, k->region_text_len));
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
	e->kgce_zero = !ci->is_energy;
	e->co2_same = (e->co2[0].hi == e->co2[1].hi && e->co2[0].lo == e->co2[1].lo);
	if (ul <= KEY_MAX && rl <= KEY_MAX)
		e->meta = k->meta;
}

/*
 * The entry for the key valid on 'date': open addressing, probing a few
 * slots from the key's hash; a key not found is resolved into a free slot,
 * or over the first slot probed when all are taken.
 */
static pg_noinline FactorEntry *
cache_lookup(FunctionCallInfo fcinfo, LedgerCache *lc, const RowKey key, Carrier c,
			 DateADT date, bool dated)
{
	const RowKey *k = &key;		/* passed by value: the caller's stays in registers */
	uint32		h = key_hash(k, date);
	FactorEntry *victim = NULL;

	if (k->unit_len > KEY_MAX || k->region_len > KEY_MAX)
	{
		fill_entry(fcinfo, lc, &lc->scratch, k, c, date, dated);
		return &lc->scratch;
	}
	for (int i = 0; i < CACHE_PROBES; i++)
	{
		FactorEntry *e = &lc->table[(h + i) & (CACHE_SIZE - 1)];

		if (key_equal(e, k) && date >= e->lo && date < e->hi)
			return e;
		if (victim == NULL && e->meta == 0)
			victim = e;
	}
	if (victim == NULL)
		victim = &lc->table[h & (CACHE_SIZE - 1)];
	fill_entry(fcinfo, lc, victim, k, c, date, dated);
	return victim;
}

/*
 * The bytes of a text argument.  Short values stored in a tuple (a 1-byte
 * header: units, region codes) are read in place; anything else goes
 * through the detoaster, which copies only what is compressed or out of line.
 */
static inline const char *
text_arg(FunctionCallInfo fcinfo, int n, int *len)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(n));

	if (likely(VARATT_IS_1B(v) && !VARATT_IS_1B_E(v)))
	{
		*len = VARSIZE_1B(v) - VARHDRSZ_SHORT;
		return VARDATA_1B(v);
	}
	v = pg_detoast_datum_packed(v);
	*len = VARSIZE_ANY_EXHDR(v);
	return VARDATA_ANY(v);
}

static pg_noinline void
amount_not_finite(double amount)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("amount must be a finite number, not %s", float8out_internal(amount)),
			 errhint("Replace NaN/Infinity readings with the measured amount, or NULL when unknown.")));
}

static pg_noinline void
date_not_finite(DateADT date)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("on_date must be a finite date, not %s", date_iso(date))));
}

/*
 * Six ASCII digits, the first not 0 (a province's code starts 1-9, as
 * energy.region requires), not ending in 0000: a city's or a county's code.
 */
static inline bool
is_county_or_city_code(const char *p)
{
	if (p[0] < '1' || p[0] > '9')
		return false;
	for (int i = 1; i < 6; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return memcmp(p + 2, "0000", 4) != 0;
}

/* The factors of the form (carrier, amount): one entry per carrier, today's. */
static pg_noinline FactorEntry *
carrier_factors(FunctionCallInfo fcinfo, LedgerCache *lc, Carrier c)
{
	RowKey		k = {key_meta(c, -1, -1), 0, 0, NULL, NULL, -1, -1, NULL, -1};
	FactorEntry *e = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FactorEntry));

	fill_entry(fcinfo, lc, e, &k, c, lc->today, false);
	lc->by_carrier[c] = e;
	return e;
}

/*
 * The factors of this row: by carrier alone in the form (carrier, amount),
 * else by (carrier, unit, region) and date, the previous row's entry first
 * (rows of one meter come together), then the cache.
 */
static pg_attribute_always_inline FactorEntry *
row_factors(FunctionCallInfo fcinfo, LedgerCache *lc, Carrier c, const bool has_unit, const bool dated)
{
	const int	unit_arg = 3,
				date_arg = has_unit ? 4 : 3,
				region_arg = date_arg + 1;
	RowKey		k = {0, 0, 0, NULL, NULL, -1, -1, NULL, -1};
	char		province[6];
	DateADT		date;
	FactorEntry *e;

	if (!has_unit && !dated)
	{
		e = lc->by_carrier[c];
		return likely(e != NULL) ? e : carrier_factors(fcinfo, lc, c);
	}
	if (has_unit && !PG_ARGISNULL(unit_arg))
	{
		k.unit = text_arg(fcinfo, unit_arg, &k.unit_len);
		k.unit_w = key_word(k.unit, k.unit_len);
	}
	if (dated && !PG_ARGISNULL(region_arg))
	{
		k.region = k.region_text = text_arg(fcinfo, region_arg, &k.region_text_len);
		k.region_len = k.region_text_len;
		if (k.region_len == 6 && is_county_or_city_code(k.region))
		{
			/*
			 * A city or county code resolves to its province (co2_region):
			 * cached under the province's code, so that the rows of a
			 * province's thousands of counties share one entry.
			 */
			memcpy(province, k.region, 2);
			memcpy(province + 2, "0000", 4);
			k.region = province;
		}
		k.region_w = key_word(k.region, k.region_len);
	}
	k.meta = key_meta(c, k.unit_len, k.region_len);
	date = (dated && !PG_ARGISNULL(date_arg)) ? PG_GETARG_DATEADT(date_arg) : lc->today;
	if (dated && unlikely(DATE_NOT_FINITE(date)))
		date_not_finite(date);

	e = lc->last;
	if (unlikely(e == NULL || !key_equal(e, &k) || date < e->lo || date >= e->hi))
		e = lc->last = cache_lookup(fcinfo, lc, k, c, date, dated);
	return e;
}

/*
 * The transition of one row, for one form of energy.ledger(carrier, amount
 * [, unit] [, on_date, region]).  Inlined with constant has_unit, dated and
 * use_fma into one function per form, so each form runs only its own code.
 */
static pg_attribute_always_inline Datum
ledger_trans_row(FunctionCallInfo fcinfo, LedgerCache *lc,
				 const bool has_unit, const bool dated, const bool use_fma)
{
	Ledger	   *st;
	Carrier		c;
	double		amount;
	FactorEntry *e;
	LedgerSlot *slot;
	double		a_h = 0,
				a_l = 0;

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
		amount_not_finite(amount);

	e = row_factors(fcinfo, lc, c, has_unit, dated);
	if (unlikely(st->slot_of[c] == 0))
		st = ledger_with_slot(st, c);
	slot = &st->slot[st->slot_of[c] - 1];
	if (!use_fma)
		split(amount, &a_h, &a_l);
	if (e->base_is_unit)
		dd_add(&slot->amount, amount);
	else
		dd_add_product(&slot->amount, product(amount, a_h, a_l, &e->to_base, use_fma));
	slot->rows++;
	st->rows++;
	if (unlikely(e->kgce_missing))
	{
		st->kgce_missing |= (uint32) 1 << c;
		st->kgce_missing_rows++;
	}
	else if (!e->kgce_zero)
		dd_add_product(&slot->kgce, product(amount, a_h, a_l, &e->kgce, use_fma));

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
			Product		loc = product(amount, a_h, a_l, &e->co2[0], use_fma);

			dd_add_product(&st->co2[e->bucket], loc);
			if (e->bucket == CO2_SCOPE2_LOCATION)
				dd_add_product(&st->co2[CO2_SCOPE2_MARKET],
							   e->co2_same ? loc : product(amount, a_h, a_l, &e->co2[1], use_fma));
		}
	}
	PG_RETURN_POINTER(st);
}

/* One function per form (unit?, dated?) and arithmetic (portable, fma). */
#define LEDGER_FORM(name, has_unit, dated, use_fma, attr) \
	static attr Datum \
	name(FunctionCallInfo fcinfo, LedgerCache *lc) \
	{ \
		return ledger_trans_row(fcinfo, lc, has_unit, dated, use_fma); \
	}

LEDGER_FORM(ledger_trans_2, false, false, false,)
LEDGER_FORM(ledger_trans_3, true, false, false,)
LEDGER_FORM(ledger_trans_4, false, true, false,)
LEDGER_FORM(ledger_trans_5, true, true, false,)
#if defined(FMA_ALWAYS) || defined(FMA_DISPATCH)
#ifdef FMA_ALWAYS
#define FMA_TARGET
#define cpu_has_fma() true
#else
#define FMA_TARGET __attribute__((target("fma")))
#define cpu_has_fma() __builtin_cpu_supports("fma")
#endif
LEDGER_FORM(ledger_trans_2_fma, false, false, true, FMA_TARGET)
LEDGER_FORM(ledger_trans_3_fma, true, false, true, FMA_TARGET)
LEDGER_FORM(ledger_trans_4_fma, false, true, true, FMA_TARGET)
LEDGER_FORM(ledger_trans_5_fma, true, true, true, FMA_TARGET)
#endif

/*
 * The transition code for an aggregate with 'nargs' arguments (state
 * included): the FMA code when the CPU has it and energy.use_fma is on.
 */
static LedgerForm
ledger_form(int nargs)
{
	int			form = nargs - 3;	/* 0..3: (c, a), (c, a, u), (c, a, d, r), (c, a, u, d, r) */
	static const LedgerForm portable[4] = {ledger_trans_2, ledger_trans_3, ledger_trans_4, ledger_trans_5};
#if defined(FMA_ALWAYS) || defined(FMA_DISPATCH)
	static const LedgerForm fma[4] = {ledger_trans_2_fma, ledger_trans_3_fma, ledger_trans_4_fma, ledger_trans_5_fma};

	if (energy_use_fma_guc && cpu_has_fma())
		return fma[form];
#endif
	return portable[form];
}

/*
 * First call at a call site: check that it is an aggregate's, make the
 * factor cache and read the session's settings (once per query).
 */
static pg_noinline LedgerCache *
ledger_cache_init(FunctionCallInfo fcinfo)
{
	MemoryContext aggcxt;
	LedgerCache *lc;
	RefData    *ref;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.ledger_trans() can only be called as the aggregate energy.ledger")));
	if (PG_NARGS() < 3 || PG_NARGS() > 6)
		elog(ERROR, "energy.ledger_trans() called with %d arguments", PG_NARGS());
	lc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(LedgerCache));
	ref = conv_ref_once(fcinfo, &lc->cc);
	lc->coal_set = refdata_set(ref, energy_factor_set_guc);
	lc->opts.co2_set = refdata_set(ref, energy_co2_set_guc);
	lc->opts.grid_set = refdata_set(ref, energy_grid_set_guc);
	lc->opts.grid_basis = co2_parse_grid_basis(energy_grid_basis_guc);
	lc->opts.policy = co2_parse_policy(energy_grid_year_policy_guc);
	lc->opts.fallback = co2_parse_fallback(energy_grid_fallback_guc);
	lc->today = GetSQLCurrentDate();
	lc->form = ledger_form(PG_NARGS());
	fcinfo->flinfo->fn_extra = lc;
	return lc;
}

/*
 * energy.ledger(carrier, amount [, unit] [, on_date, region]): one C symbol
 * for the four forms; the first call picks the form's code.
 */
PG_FUNCTION_INFO_V1(ledger_trans);
Datum
ledger_trans(PG_FUNCTION_ARGS)
{
	LedgerCache *lc = (LedgerCache *) fcinfo->flinfo->fn_extra;

	if (unlikely(lc == NULL))
		lc = ledger_cache_init(fcinfo);
	return lc->form(fcinfo, lc);
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
	Ledger	   *l = PG_GETARG_LEDGER(0);

	ledger_check_totals(l, 0);
	PG_RETURN_POINTER(ledger_compact(l));
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

	ledger_check_totals(l, 0);
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

/*
 * Checks shared by text and binary input (sqlstate: 22P02 or 22P03): the
 * counts must add up, and the totals be finite.
 */
static void
ledger_validate(const Ledger *l, int sqlstate)
{
	int64		rows = 0;

	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s && pg_add_s64_overflow(rows, s->rows, &rows))
			ereport(ERROR,
					(errcode(sqlstate),
					 errmsg("invalid energy.ledger: its carriers' rows add up beyond a bigint")));
	}
	if (rows != l->rows)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid energy.ledger: rows is " INT64_FORMAT " but its carriers have " INT64_FORMAT,
						l->rows, rows)));
	if (l->kgce_missing_rows > l->rows || l->co2_missing_rows > l->rows)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid energy.ledger: more rows missing factors than rows")));
	/* what no aggregate of ours can make: carriers missing factors but no
	 * rows missing them (or rows but no carrier), standard coal of water,
	 * CO2 of no rows */
	if ((l->kgce_missing != 0) != (l->kgce_missing_rows > 0) || (l->co2_missing != 0) != (l->co2_missing_rows > 0))
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid energy.ledger: the carriers missing factors and the rows missing them disagree")));
	for (int id = 0; id < LEDGER_MAX_CARRIERS; id++)
	{
		const LedgerSlot *s = ledger_slot(l, id);

		if (s && !carrier_info((Carrier) id)->is_energy && (s->kgce.hi != 0 || s->kgce.lo != 0))
			ereport(ERROR,
					(errcode(sqlstate),
					 errmsg("invalid energy.ledger: %s has standard coal", carrier_info((Carrier) id)->code)));
	}
	if (l->rows == 0)
		for (int i = 0; i < CO2_N; i++)
			if (l->co2[i].hi != 0 || l->co2[i].lo != 0)
				ereport(ERROR,
						(errcode(sqlstate),
						 errmsg("invalid energy.ledger: CO2 of no rows")));
	/* totals whose two parts are finite but whose sum is not: a bad state (the
	 * input's code), not an overflow of a sum this extension made (22003) */
	ledger_check_totals(l, sqlstate);
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
	ledger_validate(l, ERRCODE_INVALID_TEXT_REPRESENTATION);
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

	ledger_check_totals(l, 0);
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
	ledger_validate(l, ERRCODE_INVALID_BINARY_REPRESENTATION);
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
	PG_RETURN_FLOAT8(finite_result(dd_value(&t), "the kgce of this energy.ledger"));
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
	PG_RETURN_FLOAT8(finite_result(dd_div(&t, 1000), "the tce of this energy.ledger"));
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
	PG_RETURN_FLOAT8(s ? finite_result(dd_value(&s->kgce), "the kgce of a carrier of this energy.ledger") : 0.0);
}

PG_FUNCTION_INFO_V1(ledger_amount);
Datum
ledger_amount(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	Carrier		c = PG_GETARG_CARRIER(1);
	const LedgerSlot *s = c < LEDGER_MAX_CARRIERS ? ledger_slot(l, c) : NULL;

	PG_RETURN_FLOAT8(s ? finite_result(dd_value(&s->amount), "the amount of a carrier of this energy.ledger") : 0.0);
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
	PG_RETURN_FLOAT8(finite_result(divisor == 1 ? dd_value(&t) : dd_div(&t, divisor), "the CO2 of this energy.ledger"));
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

/* energy.rows(ledger, carrier): the rows of one carrier (0 if absent). */
PG_FUNCTION_INFO_V1(ledger_carrier_rows);
Datum
ledger_carrier_rows(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	Carrier		c = PG_GETARG_CARRIER(1);
	const LedgerSlot *s = c < LEDGER_MAX_CARRIERS ? ledger_slot(l, c) : NULL;

	PG_RETURN_INT64(s ? s->rows : 0);
}

/*
 * energy.kgce_of(ledger, carriers energy.carrier[]): the standard coal of a group
 * of carriers (a share of the energy mix), one compensated sum; 0 when none
 * is present, an error when one of them lacks its coefficient.
 */
PG_FUNCTION_INFO_V1(ledger_carriers_kgce);
Datum
ledger_carriers_kgce(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	uint32		seen = 0;
	DD			t = {0, 0};

	deconstruct_array(a, ARR_ELEMTYPE(a), 1, true, TYPALIGN_CHAR, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		Carrier		c;
		const LedgerSlot *s;

		if (nulls[i])
			continue;
		c = DatumGetCarrier(elems[i]);
		if (c >= LEDGER_MAX_CARRIERS || (seen & ((uint32) 1 << c)))
			continue;			/* each carrier once, however often listed */
		seen |= (uint32) 1 << c;
		if (l->kgce_missing & ((uint32) 1 << c))
			require_kgce(l);
		if ((s = ledger_slot(l, c)) != NULL)
			dd_merge(&t, &s->kgce);
	}
	PG_RETURN_FLOAT8(finite_result(dd_value(&t), "the kgce of these carriers of this energy.ledger"));
}

PG_FUNCTION_INFO_V1(ledger_kgce_missing_rows);
Datum
ledger_kgce_missing_rows(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_LEDGER(0)->kgce_missing_rows);
}

PG_FUNCTION_INFO_V1(ledger_co2_missing_rows);
Datum
ledger_co2_missing_rows(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_LEDGER(0)->co2_missing_rows);
}

/*
 * energy.missing_factors(ledger): what the ledger could not convert, in words
 * (the carriers and how many rows), NULL when it converted everything.  This
 * is what reports print beside a figure they leave NULL.
 */
PG_FUNCTION_INFO_V1(ledger_missing_factors);
Datum
ledger_missing_factors(PG_FUNCTION_ARGS)
{
	Ledger	   *l = PG_GETARG_LEDGER(0);
	StringInfoData s;

	initStringInfo(&s);
	if (l->kgce_missing_rows > 0)
		appendStringInfo(&s, "no standard-coal coefficient for " INT64_FORMAT " row%s (%s)",
						 l->kgce_missing_rows, l->kgce_missing_rows == 1 ? "" : "s",
						 carrier_names(l->kgce_missing));
	if (l->co2_missing_rows > 0)
		appendStringInfo(&s, "%sno CO2 factor for " INT64_FORMAT " row%s (%s)", s.len ? "; " : "",
						 l->co2_missing_rows, l->co2_missing_rows == 1 ? "" : "s",
						 carrier_names(l->co2_missing));
	if ((l->flags & LEDGER_UNDATED) && l->rows > 0)
		appendStringInfo(&s, "%sno CO2: rows aggregated without dates", s.len ? "; " : "");
	if (s.len == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(s.data));
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
		v[2] = Float8GetDatum(finite_result(dd_value(&s->amount), "the amount of a carrier of this energy.ledger"));
		v[3] = CStringGetTextDatum(carrier_base_unit(ci));
		if (l->kgce_missing & ((uint32) 1 << id))
			n[4] = true;		/* unknown, not zero */
		else
			v[4] = Float8GetDatum(finite_result(dd_value(&s->kgce), "the kgce of a carrier of this energy.ledger"));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	}
	return (Datum) 0;
}
