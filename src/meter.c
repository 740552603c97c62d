/*
 * meter.c — energy.meter_agg(ts, reading [, modulus [, multiplier [, event]]]):
 * consumption from the cumulative register readings of one meter, with
 * rollover, multiplier, meter replacement, resets and reverse running, and
 * nothing dropped silently.  Result: type energy.meter_summary.
 *
 * Readings may arrive in any order (and in parallel workers): the state
 * collects them and the final function sorts them by time.  Rules, applied
 * between consecutive readings prev -> cur (documented in the README):
 *   - cur >= prev: consumption += (cur - prev) × multiplier.
 *   - cur < prev, with a modulus, and the wrapped step (modulus - prev + cur)
 *     is less than half the modulus: a rollover; that step is consumption.
 *   - cur < prev otherwise, prev > 0 and 0 <= cur <= 10 % of prev: a reset
 *     (to zero or a small non-zero value).  What was used in that interval
 *     is unknown and not counted; resets are counted.  (A fall to below zero,
 *     or from zero or below, is no reset: reverse running.)
 *   - cur < prev otherwise: reverse running (a mis-wired meter): flagged and
 *     measured (reverse_amount), never counted.
 *   - a replacement is a pair of rows at the time of the swap: the old meter's
 *     final reading (event 'old_final') and the new meter's initial reading
 *     (event 'new_initial'); consumption runs to the old final reading and
 *     starts again from the new initial one.
 *   - the same reading twice at the same time is a duplicate: counted, used
 *     once; two different readings at one time are an error.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/expandeddatum.h"
#include "utils/float.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"
#include "utils/lsyscache.h"
#include "utils/array.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "utils/memutils.h"

#include "dd.h"
#include "overflow.h"
#include "textio.h"

typedef enum MeterEvent
{
	EVENT_READ = 0,
	EVENT_OLD_FINAL = 1,		/* sorts before the new initial reading */
	EVENT_NEW_INITIAL = 2
} MeterEvent;

static const char *const event_names[] = {"read", "old_final", "new_initial"};

#define RESET_FRACTION 0.1		/* a drop to <= 10 % of prev is a reset */

typedef struct MeterPoint
{
	TimestampTz ts;
	double		reading;
	int32		event;
	int32		pad;
} MeterPoint;

/* The aggregation state (internal): the points, and the meter's settings. */
typedef struct MeterState
{
	double		modulus;		/* 0: none */
	double		multiplier;
	bool		settings_known;
	char		unit[16];		/* energy.meter_buckets: bucket unit */
	char		tz[64];			/* ... and time zone; "" otherwise */
	int64		null_readings;
	int			n;
	int			cap;
	MeterPoint *pts;
} MeterState;

/* The result. */
typedef struct MeterSummary
{
	int32		vl_len_;
	int32		version;
	TimestampTz first_ts;
	TimestampTz last_ts;
	double		first_reading;	/* raw register values */
	double		last_reading;
	double		modulus;		/* 0: none */
	double		multiplier;
	double		consumption;	/* × multiplier, compensated sum */
	double		consumption_err;
	double		reverse_amount; /* × multiplier, not counted */
	int64		readings;		/* distinct points used */
	int64		null_readings;
	int64		duplicates;
	int64		rollovers;
	int64		resets;
	int64		replacements;
	int64		reversals;
} MeterSummary;

#define METER_SUMMARY_VERSION 1

static MeterState *
state_new(MemoryContext cxt)
{
	MeterState *st = MemoryContextAllocZero(cxt, sizeof(MeterState));

	st->multiplier = 1;
	st->cap = 64;
	st->pts = MemoryContextAlloc(cxt, sizeof(MeterPoint) * st->cap);
	return st;
}

static void
state_push(MeterState *st, MemoryContext cxt, const MeterPoint *p)
{
	if (st->n == st->cap)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		st->cap *= 2;
		st->pts = repalloc_huge(st->pts, sizeof(MeterPoint) * st->cap);
		MemoryContextSwitchTo(old);
	}
	st->pts[st->n++] = *p;
}

static void
set_settings(MeterState *st, double modulus, double multiplier)
{
	if (!st->settings_known)
	{
		st->modulus = modulus;
		st->multiplier = multiplier;
		st->settings_known = true;
	}
	else if (st->modulus != modulus || st->multiplier != multiplier)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("one meter's readings carry different settings: modulus %s and %s, multiplier %s and %s",
						float8out_internal(st->modulus), float8out_internal(modulus),
						float8out_internal(st->multiplier), float8out_internal(multiplier)),
				 errhint("Aggregate each meter separately (GROUP BY meter), with its own modulus and multiplier; "
						 "a changed multiplier is a new meter (record it as a replacement).")));
}

/*
 * One reading into the state.  'opt' is the argument number of the modulus
 * (then multiplier, event) when the call has them, 0 otherwise.
 */
static Datum
meter_add(FunctionCallInfo fcinfo, MemoryContext aggcxt, MeterState *st, int opt)
{
	int			nargs = PG_NARGS();
	double		modulus = 0,
				multiplier = 1;
	MeterPoint	p = {0};

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("a meter reading has no timestamp"),
				 errhint("Every reading needs the time it was taken; filter rows with WHERE ts IS NOT NULL "
						 "and look at them with energy.check_readings.")));
	p.ts = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(p.ts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a meter reading's timestamp must be finite, not %s",
						TIMESTAMP_IS_NOBEGIN(p.ts) ? "-infinity" : "infinity"),
				 errhint("A reading is taken at a point in time: filter rows with WHERE isfinite(ts) "
						 "and look at them with energy.check_readings (rule null_time).")));
	if (opt > 0 && nargs > opt && !PG_ARGISNULL(opt))
	{
		modulus = PG_GETARG_FLOAT8(opt);
		if (!(modulus > 0) || isinf(modulus))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("modulus must be a positive finite number, not %s", float8out_internal(modulus)),
					 errhint("The modulus is the value at which the register wraps to zero: 100000 for a "
							 "register that shows 00000.0 to 99999.9; NULL for none.")));
	}
	if (opt > 0 && nargs > opt + 1 && !PG_ARGISNULL(opt + 1))
	{
		multiplier = PG_GETARG_FLOAT8(opt + 1);
		if (!(multiplier > 0) || isinf(multiplier))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("multiplier must be a positive finite number, not %s", float8out_internal(multiplier)),
					 errhint("The multiplier (倍率, CT × PT ratio) turns register units into consumption; 1 for none.")));
	}
	if (opt > 0 && nargs > opt + 2 && !PG_ARGISNULL(opt + 2))
	{
		char	   *e = text_to_cstring(PG_GETARG_TEXT_PP(opt + 2));
		bool		found = false;

		for (int i = 0; i < (int) lengthof(event_names); i++)
			if (pg_strcasecmp(e, event_names[i]) == 0)
			{
				p.event = i;
				found = true;
			}
		if (!found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown meter event \"%s\"", shown_input(e)),
					 errhint("Use 'read' (or NULL), or for a meter replacement 'old_final' (the old meter's "
							 "last reading) and 'new_initial' (the new meter's first reading).")));
	}
	set_settings(st, modulus, multiplier);

	if (PG_ARGISNULL(2))
	{
		st->null_readings++;	/* counted, never silently dropped */
		PG_RETURN_POINTER(st);
	}
	p.reading = PG_GETARG_FLOAT8(2);
	if (isnan(p.reading) || isinf(p.reading))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("meter reading must be a finite number, not %s", float8out_internal(p.reading)),
				 errhint("Replace it with the register value, or NULL when it was not read.")));
	state_push(st, aggcxt, &p);
	PG_RETURN_POINTER(st);
}

/* ---------- the state as a value: energy.meter_state ----------
 *
 * 0.1.0 declared the meter aggregates with an internal state (serialized
 * for parallel workers); 0.2.0 declares them with energy.meter_state, a
 * value with text and binary forms, which Citus needs to combine the states
 * of its workers.  One C function serves both declarations: the state's
 * declared type says which (cached in fn_extra).
 *
 * As a value, the state is one flat varlena with room for more readings
 * beyond n, as energy.meter_months_state (see there), and not an expanded
 * object, whose memory context of its own per group made PostgreSQL 15's
 * hash aggregation quadratic in the number of meters (it adds up the memory
 * of every child context of the aggregate's context at each new group).
 * The transition and combine functions append in place (they may: they
 * check AggCheckCallContext) and return the same pointer; when the room
 * runs out they return a copy with twice the room, made in the current
 * (per-call) memory context, which the aggregate copies into its own
 * context, freeing the old value.  The input functions return a state
 * without room to spare.
 *
 * Only a big state, whose readings would pass STATE_BIG bytes, becomes an
 * expanded object (MeterStateEO) in a context of its own, grown in place:
 * copying it twice at each doubling (once here, once by the aggregate) made
 * one meter of 10 million readings take 1 GB at its peak and 1.8 times as
 * long as 0.1.0's internal state.  A context per state costs little when
 * each holds megabytes: a hash table's memory holds at most hash_mem /
 * STATE_BIG of them.  Every function that reads a state reads either form
 * (PG_DETOAST_DATUM flattens an expanded object: meo_flatten).
 */
#define STATE_BIG (8 * 1024 * 1024)
#define METER_STATE_VERSION 1

typedef struct MeterStateFlat
{
	int32		vl_len_;		/* the header and the room for readings */
	int32		version;
	double		modulus;
	double		multiplier;
	int64		null_readings;
	int32		n;				/* readings */
	int32		settings_known;
	char		unit[16];
	char		tz[64];
	MeterPoint	pts[FLEXIBLE_ARRAY_MEMBER];
} MeterStateFlat;

#define FLAT_HEADER offsetof(MeterStateFlat, pts)
#define FLAT_ROOM(f) ((int) ((VARSIZE(f) - FLAT_HEADER) / sizeof(MeterPoint)))
#define FLAT_MAX_ROOM ((int64) ((MaxAllocSize - FLAT_HEADER) / sizeof(MeterPoint)))

static void invalid_state_as(int sqlstate, const char *why) pg_attribute_noreturn();
static void
invalid_state_as(int sqlstate, const char *why)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid energy.meter_state: %s", why)));
}

#define invalid_state(why) invalid_state_as(sqlstate, why)

/*
 * Checks what a state may hold, wherever it came from (sqlstate: 22P02 for
 * text, 22P03 for binary and stored values).
 */
static void
check_state(const MeterState *st, int sqlstate)
{
	if (!(st->modulus >= 0) || isinf(st->modulus))
		invalid_state("bad modulus");
	if (!(st->multiplier > 0) || isinf(st->multiplier))
		invalid_state("bad multiplier");
	if (st->null_readings < 0 || st->n < 0)
		invalid_state("negative count");
	if (memchr(st->unit, '\0', sizeof(st->unit)) == NULL || memchr(st->tz, '\0', sizeof(st->tz)) == NULL)
		invalid_state("unterminated bucket or time zone");
	if (st->unit[0] != '\0' && strcmp(st->unit, "hour") != 0 && strcmp(st->unit, "day") != 0 &&
		strcmp(st->unit, "month") != 0 && strcmp(st->unit, "quarter") != 0 && strcmp(st->unit, "year") != 0)
		invalid_state("unknown bucket");
	for (int i = 0; i < st->n; i++)
		if (st->pts[i].event < EVENT_READ || st->pts[i].event > EVENT_NEW_INITIAL ||
			isnan(st->pts[i].reading) || isinf(st->pts[i].reading) || TIMESTAMP_NOT_FINITE(st->pts[i].ts))
			invalid_state("bad reading");
}

#undef invalid_state
#define invalid_state(why) invalid_state_as(ERRCODE_INVALID_BINARY_REPRESENTATION, why)

/*
 * A copy of f (NULL: a new empty state) with room for at least 'need'
 * readings (twice what f had, 64 at least), in the current memory context;
 * f itself is left as it is (the aggregate frees its old value).
 */
static MeterStateFlat *
flat_grown(const MeterStateFlat *f, int64 need)
{
	int64		room = f ? FLAT_ROOM(f) : 0;
	MeterStateFlat *g;

	if (need > FLAT_MAX_ROOM)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many readings for one energy.meter_state (at most " INT64_FORMAT ")", FLAT_MAX_ROOM),
				 errhint("Aggregate the meter's readings by period (GROUP BY meter, month, say) and roll "
						 "the summaries up with energy.rollup.")));
	room = Min(Max(need, Max(2 * room, 64)), FLAT_MAX_ROOM);
	g = palloc0(FLAT_HEADER + sizeof(MeterPoint) * (Size) room);
	if (f)
		memcpy(g, f, FLAT_HEADER + sizeof(MeterPoint) * (Size) f->n);
	else
	{
		g->version = METER_STATE_VERSION;
		g->multiplier = 1;
	}
	SET_VARSIZE(g, FLAT_HEADER + sizeof(MeterPoint) * (Size) room);
	return g;
}

/*
 * Argument argno (not NULL) as a state, after the checks of its size that
 * cost nothing (check_state reads every reading).  copy: a copy of its own
 * (a final function called outside an aggregate, which sorts in place).
 */
static MeterStateFlat *
flat_arg(FunctionCallInfo fcinfo, int argno, bool copy)
{
	MeterStateFlat *f = (MeterStateFlat *) (copy ? PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno))
											: PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));

	if (VARSIZE(f) < FLAT_HEADER || (VARSIZE(f) - FLAT_HEADER) % sizeof(MeterPoint) != 0 ||
		f->version != METER_STATE_VERSION || f->n < 0 || f->n > FLAT_ROOM(f))
		invalid_state("wrong version or size");
	return f;
}

/*
 * A flat state as a MeterState *m sharing its readings (and their room), for
 * meter_add, set_settings, check_state and meter_walk; flat_store writes
 * back what those may change.  names: with the bucket and time zone (else
 * empty in m, and not written back: meter_agg's transition, once a row,
 * has no use for them).
 */
static void
flat_view(MeterState *m, MeterStateFlat *f, bool names)
{
	m->modulus = f->modulus;
	m->multiplier = f->multiplier;
	m->settings_known = f->settings_known != 0;
	if (names)
	{
		memcpy(m->unit, f->unit, sizeof(m->unit));
		memcpy(m->tz, f->tz, sizeof(m->tz));
	}
	else
		m->unit[0] = m->tz[0] = '\0';
	m->null_readings = f->null_readings;
	m->n = f->n;
	m->cap = FLAT_ROOM(f);
	m->pts = f->pts;
}

static void
flat_store(MeterStateFlat *f, const MeterState *m, bool names)
{
	Assert(m->pts == f->pts && m->n <= FLAT_ROOM(f));
	f->modulus = m->modulus;
	f->multiplier = m->multiplier;
	f->settings_known = m->settings_known;
	if (names)
	{
		memcpy(f->unit, m->unit, sizeof(f->unit));
		memcpy(f->tz, m->tz, sizeof(f->tz));
	}
	f->null_readings = m->null_readings;
	f->n = m->n;
}

/* p appended to a state being read in (*f grows in the current context). */
static void
flat_push(MeterStateFlat **f, const MeterPoint *p)
{
	if ((*f)->n == FLAT_ROOM(*f))
		*f = flat_grown(*f, (int64) (*f)->n + 1);
	(*f)->pts[(*f)->n++] = *p;
}

/* A state read in (from its view m), checked, without room to spare. */
static Datum
flat_done(MeterStateFlat *f, MeterState *m, int sqlstate)
{
	flat_store(f, m, true);
	check_state(m, sqlstate);
	SET_VARSIZE(f, FLAT_HEADER + sizeof(MeterPoint) * (Size) f->n);
	PG_RETURN_POINTER(f);
}

/* ---------- big states: expanded objects ---------- */

/* An expanded object of size bytes in a context of its own under parent. */
static ExpandedObjectHeader *
expanded_new(MemoryContext parent, Size size, const ExpandedObjectMethods *methods)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "energy meter aggregate state", ALLOCSET_DEFAULT_SIZES);
	ExpandedObjectHeader *eoh = MemoryContextAllocZero(cxt, size);

	EOH_init_header(eoh, methods, cxt);
	return eoh;
}

/*
 * d as one of our expanded objects with these methods (writable: only a
 * read-write pointer), or NULL when it is not one.
 */
static ExpandedObjectHeader *
expanded_own(Datum d, const ExpandedObjectMethods *methods, bool writable)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) && DatumGetEOHP(d)->eoh_methods == methods &&
		(!writable || VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d))))
		return DatumGetEOHP(d);
	return NULL;
}

typedef struct MeterStateEO
{
	ExpandedObjectHeader hdr;
	MeterState	st;				/* readings in hdr.eoh_context */
} MeterStateEO;

static Size
meo_flat_size(ExpandedObjectHeader *eoh)
{
	return FLAT_HEADER + sizeof(MeterPoint) * (Size) ((MeterStateEO *) eoh)->st.n;
}

static void
meo_flatten(ExpandedObjectHeader *eoh, void *result, Size size)
{
	const MeterState *st = &((MeterStateEO *) eoh)->st;
	MeterStateFlat *f = (MeterStateFlat *) result;

	memset(f, 0, FLAT_HEADER);
	SET_VARSIZE(f, size);
	f->version = METER_STATE_VERSION;
	f->modulus = st->modulus;
	f->multiplier = st->multiplier;
	f->settings_known = st->settings_known;
	memcpy(f->unit, st->unit, sizeof(f->unit));
	memcpy(f->tz, st->tz, sizeof(f->tz));
	f->null_readings = st->null_readings;
	f->n = st->n;
	memcpy(f->pts, st->pts, sizeof(MeterPoint) * (Size) st->n);
}

static const ExpandedObjectMethods meo_methods = {meo_flat_size, meo_flatten};

/* A big state under aggcxt: f's contents (NULL: none), room for cap readings. */
static MeterStateEO *
meo_new(const MeterStateFlat *f, MemoryContext aggcxt, int64 cap)
{
	MeterStateEO *eo = (MeterStateEO *) expanded_new(aggcxt, sizeof(MeterStateEO), &meo_methods);
	MeterPoint *pts = MemoryContextAllocExtended(eo->hdr.eoh_context, sizeof(MeterPoint) * (Size) cap,
												 MCXT_ALLOC_HUGE);

	if (f)
	{
		flat_view(&eo->st, (MeterStateFlat *) f, true);
		memcpy(pts, f->pts, sizeof(MeterPoint) * (Size) f->n);
	}
	else
		eo->st.multiplier = 1;
	eo->st.cap = (int) cap;
	eo->st.pts = pts;
	return eo;
}

/*
 * The aggregate's own 0.2.0 state (argument 0; NULL: none yet) made ready
 * to take 'more' readings in place: a big state's expanded object (*eo; it
 * grows by itself, in its own context), or a flat state with room for them
 * (*f, read and written through *view, with its names or not: flat_view).
 * Returns the readings to add to.
 */
static MeterState *
state_to_add(FunctionCallInfo fcinfo, MemoryContext aggcxt, int64 more, bool names,
			 MeterStateFlat **f, MeterStateEO **eo, MeterState *view)
{
	MeterStateFlat *old = NULL;
	int64		need,
				room;

	*f = NULL;
	*eo = NULL;
	if (!PG_ARGISNULL(0))
	{
		*eo = (MeterStateEO *) expanded_own(PG_GETARG_DATUM(0), &meo_methods, true);
		if (*eo)
			return &(*eo)->st;
		old = flat_arg(fcinfo, 0, false);
	}
	need = (old ? old->n : 0) + more;
	room = old ? FLAT_ROOM(old) : 0;
	if (old && need <= room)
		*f = old;
	else if (FLAT_HEADER + sizeof(MeterPoint) * Max(need, Max(2 * room, 64)) > STATE_BIG)
	{
		*eo = meo_new(old, aggcxt, Max(need, 2 * room));
		return &(*eo)->st;
	}
	else
		*f = flat_grown(old, need);
	flat_view(view, *f, names);
	return view;
}

/* The state after adding to it (see state_to_add). */
static Datum
state_added(MeterStateFlat *f, MeterStateEO *eo, const MeterState *view, bool names)
{
	if (eo)
		return EOHPGetRWDatum(&eo->hdr);
	flat_store(f, view, names);
	return PointerGetDatum(f);
}

/* Whether this call's state is internal (0.1.0's declarations). */
static bool
state_is_internal(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra =
			(void *) (uintptr_t) (get_fn_expr_argtype(fcinfo->flinfo, 0) == INTERNALOID ? 1 : 2);
	return (uintptr_t) fcinfo->flinfo->fn_extra == 1;
}

/*
 * A transition call: 'add' (meter_add, with the bucket's checks first for
 * meter_buckets, which reads and writes names: the bucket and time zone)
 * applied to the state, internal or 0.2.0's; returns the state.
 */
typedef void (*StateAdd) (FunctionCallInfo fcinfo, MemoryContext grow, MeterState *st);

static Datum
meter_transition(FunctionCallInfo fcinfo, StateAdd add, bool names, const char *fn)
{
	MemoryContext aggcxt;
	MeterStateFlat *f;
	MeterStateEO *eo;
	MeterState	view,
			   *st;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s() can only be called by its aggregate", fn)));
	if (state_is_internal(fcinfo))
	{
		MeterState *st = PG_ARGISNULL(0) ? state_new(aggcxt) : (MeterState *) PG_GETARG_POINTER(0);

		add(fcinfo, aggcxt, st);
		PG_RETURN_POINTER(st);
	}
	/* a flat state has room for one more: meter_add appends in place, never grows it */
	st = state_to_add(fcinfo, aggcxt, 1, names, &f, &eo, &view);
	add(fcinfo, eo ? eo->hdr.eoh_context : CurrentMemoryContext, st);
	return state_added(f, eo, st, names);
}

/*
 * The state a final function reads (NULL: no rows); *view holds a flat
 * state's.  FINALFUNC_MODIFY = READ_WRITE: the final functions sort the
 * readings in place (the aggregate passes its own state read-only), in a
 * copy when not called by an aggregate.
 */
static MeterState *
final_state(FunctionCallInfo fcinfo, MeterState *view)
{
	bool		own = AggCheckCallContext(fcinfo, NULL) != 0;
	MeterStateEO *eo;
	MeterState *st = view;

	if (PG_ARGISNULL(0))
		return NULL;
	if (state_is_internal(fcinfo))
		return (MeterState *) PG_GETARG_POINTER(0);
	if (own && (eo = (MeterStateEO *) expanded_own(PG_GETARG_DATUM(0), &meo_methods, false)) != NULL)
		st = &eo->st;
	else
		flat_view(view, flat_arg(fcinfo, 0, !own), true);
	check_state(st, ERRCODE_INVALID_BINARY_REPRESENTATION);
	return st;
}

/* The text form: readable, and exact (doubles in the shortest form that
 * reads back, times as microseconds since 2000-01-01 UTC). */
PG_FUNCTION_INFO_V1(meter_state_out);
Datum
meter_state_out(PG_FUNCTION_ARGS)
{
	MeterState	v;
	const MeterState *st = &v;
	StringInfoData s;

	flat_view(&v, flat_arg(fcinfo, 0, false), true);
	check_state(st, ERRCODE_INVALID_BINARY_REPRESENTATION);
	initStringInfo(&s);
	appendStringInfo(&s, "{\"version\":%d,\"settings_known\":%s,\"modulus\":", METER_STATE_VERSION,
					 st->settings_known ? "true" : "false");
	append_exact_double(&s, st->modulus);
	appendStringInfoString(&s, ",\"multiplier\":");
	append_exact_double(&s, st->multiplier);
	appendStringInfo(&s, ",\"null_readings\":" INT64_FORMAT ",\"bucket\":", st->null_readings);
	append_escaped_string(&s, st->unit);
	appendStringInfoString(&s, ",\"time_zone\":");
	append_escaped_string(&s, st->tz);
	appendStringInfoString(&s, ",\"readings\":[");
	for (int i = 0; i < st->n; i++)
	{
		appendStringInfo(&s, "%s[" INT64_FORMAT ",", i > 0 ? "," : "", st->pts[i].ts);
		append_exact_double(&s, st->pts[i].reading);
		appendStringInfo(&s, ",\"%s\"]", event_names[st->pts[i].event]);
	}
	appendStringInfoString(&s, "]}");
	PG_RETURN_CSTRING(s.data);
}

static void
copy_name(Cursor *c, char *dst, size_t size, const char *what)
{
	char	   *v = get_escaped_string(c);

	if (strlen(v) >= size)
		bad(c, what);
	strlcpy(dst, v, size);
}

PG_FUNCTION_INFO_V1(meter_state_in);
Datum
meter_state_in(PG_FUNCTION_ARGS)
{
	Cursor		c;
	MeterStateFlat *f = flat_grown(NULL, 0);
	MeterState	st;

	flat_view(&st, f, true);
	cursor_init(&c, PG_GETARG_CSTRING(0), "energy.meter_state",
				"A meter state's text form is what its output function prints (Citus ships it between nodes).");
	expect_char(&c, '{');
	expect_key(&c, "version");
	if (get_count(&c) != METER_STATE_VERSION)
		bad(&c, "version 1");
	expect_char(&c, ',');
	expect_key(&c, "settings_known");
	st.settings_known = get_bool(&c);
	expect_char(&c, ',');
	expect_key(&c, "modulus");
	st.modulus = get_double(&c);
	expect_char(&c, ',');
	expect_key(&c, "multiplier");
	st.multiplier = get_double(&c);
	expect_char(&c, ',');
	expect_key(&c, "null_readings");
	st.null_readings = get_count(&c);
	expect_char(&c, ',');
	expect_key(&c, "bucket");
	copy_name(&c, st.unit, sizeof(st.unit), "a bucket of fewer than 16 bytes");
	expect_char(&c, ',');
	expect_key(&c, "time_zone");
	copy_name(&c, st.tz, sizeof(st.tz), "a time zone of fewer than 64 bytes");
	expect_char(&c, ',');
	expect_key(&c, "readings");
	expect_char(&c, '[');
	flat_store(f, &st, true);
	if (!accept_char(&c, ']'))
	{
		do
		{
			MeterPoint	p = {0};
			char	   *e;
			bool		found = false;

			expect_char(&c, '[');
			p.ts = get_int64(&c);
			expect_char(&c, ',');
			p.reading = get_double(&c);
			expect_char(&c, ',');
			e = get_string(&c);
			for (int i = 0; i < (int) lengthof(event_names); i++)
				if (strcmp(e, event_names[i]) == 0)
				{
					p.event = i;
					found = true;
				}
			if (!found)
				bad(&c, "an event: read, old_final or new_initial");
			expect_char(&c, ']');
			flat_push(&f, &p);
		} while (accept_char(&c, ','));
		expect_char(&c, ']');
	}
	expect_char(&c, '}');
	expect_end(&c);
	flat_view(&st, f, true);
	return flat_done(f, &st, ERRCODE_INVALID_TEXT_REPRESENTATION);
}

PG_FUNCTION_INFO_V1(meter_state_send);
Datum
meter_state_send(PG_FUNCTION_ARGS)
{
	MeterState	v;
	const MeterState *st = &v;
	StringInfoData buf;

	flat_view(&v, flat_arg(fcinfo, 0, false), true);
	check_state(st, ERRCODE_INVALID_BINARY_REPRESENTATION);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, METER_STATE_VERSION);
	pq_sendbyte(&buf, st->settings_known);
	pq_sendfloat8(&buf, st->modulus);
	pq_sendfloat8(&buf, st->multiplier);
	pq_sendint64(&buf, st->null_readings);
	pq_sendstring(&buf, st->unit);
	pq_sendstring(&buf, st->tz);
	pq_sendint32(&buf, st->n);
	for (int i = 0; i < st->n; i++)
	{
		pq_sendint64(&buf, st->pts[i].ts);
		pq_sendfloat8(&buf, st->pts[i].reading);
		pq_sendbyte(&buf, st->pts[i].event);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(meter_state_recv);
Datum
meter_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MeterStateFlat *f;
	MeterState	st;
	const char *name;
	int			n;

	if (pq_getmsgint(buf, 4) != METER_STATE_VERSION)
		invalid_state("unknown version");
	f = flat_grown(NULL, 0);
	flat_view(&st, f, true);
	st.settings_known = pq_getmsgbyte(buf) != 0;
	st.modulus = pq_getmsgfloat8(buf);
	st.multiplier = pq_getmsgfloat8(buf);
	st.null_readings = pq_getmsgint64(buf);
	name = pq_getmsgstring(buf);
	if (strlen(name) >= sizeof(st.unit))
		invalid_state("bucket too long");
	strlcpy(st.unit, name, sizeof(st.unit));
	name = pq_getmsgstring(buf);
	if (strlen(name) >= sizeof(st.tz))
		invalid_state("time zone too long");
	strlcpy(st.tz, name, sizeof(st.tz));
	flat_store(f, &st, true);
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > (buf->len - buf->cursor) / 17)
		invalid_state("wrong number of readings");
	if (n > FLAT_ROOM(f))
		f = flat_grown(f, n);
	for (int i = 0; i < n; i++)
	{
		MeterPoint *p = &f->pts[f->n++];

		p->ts = pq_getmsgint64(buf);
		p->reading = pq_getmsgfloat8(buf);
		p->event = pq_getmsgbyte(buf);
	}
	pq_getmsgend(buf);
	flat_view(&st, f, true);
	return flat_done(f, &st, ERRCODE_INVALID_BINARY_REPRESENTATION);
}

static void
meter_trans_add(FunctionCallInfo fcinfo, MemoryContext grow, MeterState *st)
{
	(void) meter_add(fcinfo, grow, st, PG_NARGS() > 3 ? 3 : 0);
}

/* energy.meter_agg transition: (state, ts, reading [, modulus [, multiplier [, event]]]) */
PG_FUNCTION_INFO_V1(meter_trans);
Datum
meter_trans(PG_FUNCTION_ARGS)
{
	return meter_transition(fcinfo, meter_trans_add, false, "energy.meter_trans");
}

static const char *const bucket_units[] = {"hour", "day", "month", "quarter", "year"};

static void
meter_buckets_add(FunctionCallInfo fcinfo, MemoryContext grow, MeterState *st)
{
	char	   *unit,
			   *tz;
	bool		known = false;

	if (PG_ARGISNULL(3) || (PG_NARGS() > 4 && PG_ARGISNULL(4)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("energy.meter_buckets needs a bucket and a time zone"),
				 errhint("The bucket is 'hour', 'day', 'month', 'quarter' or 'year'; the time zone a name of "
						 "pg_timezone_names, e.g. 'Asia/Shanghai' (the default when it is left out).")));
	unit = text_to_cstring(PG_GETARG_TEXT_PP(3));
	tz = PG_NARGS() > 4 ? text_to_cstring(PG_GETARG_TEXT_PP(4)) : "Asia/Shanghai";
	for (int i = 0; i < (int) lengthof(bucket_units); i++)
		if (pg_strcasecmp(unit, bucket_units[i]) == 0)
		{
			unit = (char *) bucket_units[i];
			known = true;
		}
	if (!known)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown bucket \"%s\"", shown_input(unit)),
				 errhint("Use 'hour', 'day', 'month', 'quarter' or 'year'.")));
	if (strlen(tz) >= sizeof(st->tz))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone name too long: \"%s\"", shown_input(tz))));
	if (st->unit[0] == '\0')
	{
		/* check the zone once: PostgreSQL's own error names a bad one */
		(void) DirectFunctionCall2(timestamptz_zone, CStringGetTextDatum(tz),
								   TimestampTzGetDatum(0));
		strlcpy(st->unit, unit, sizeof(st->unit));
		strlcpy(st->tz, tz, sizeof(st->tz));
	}
	else if (strcmp(st->unit, unit) != 0 || strcmp(st->tz, tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("one meter's readings ask for different buckets: %s in %s and %s in %s",
						st->unit, st->tz, unit, tz)));
	(void) meter_add(fcinfo, grow, st, PG_NARGS() > 5 ? 5 : 0);
}

/*
 * energy.meter_buckets transition: (state, ts, reading, bucket [, time_zone
 * [, modulus, multiplier, event]]).
 */
PG_FUNCTION_INFO_V1(meter_buckets_trans);
Datum
meter_buckets_trans(PG_FUNCTION_ARGS)
{
	return meter_transition(fcinfo, meter_buckets_add, true, "energy.meter_buckets_trans");
}

/*
 * The readings of both states (arg 1 is left as it is; arg 0, the
 * aggregate's own, grows in place).
 */
PG_FUNCTION_INFO_V1(meter_combine);
Datum
meter_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MeterStateFlat *fa = NULL;
	MeterStateEO *eo = NULL;
	MeterState	va,
				vb;
	MeterState *a,
			   *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.meter_combine() can only be called by an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (state_is_internal(fcinfo))
	{
		b = (MeterState *) PG_GETARG_POINTER(1);
		a = PG_ARGISNULL(0) ? state_new(aggcxt) : (MeterState *) PG_GETARG_POINTER(0);
	}
	else
	{
		flat_view(&vb, flat_arg(fcinfo, 1, false), true);
		b = &vb;
		check_state(b, ERRCODE_INVALID_BINARY_REPRESENTATION);
		a = state_to_add(fcinfo, aggcxt, b->n, true, &fa, &eo, &va);
	}
	if (b->settings_known)
		set_settings(a, b->modulus, b->multiplier);
	if (b->unit[0] && a->unit[0] == '\0')
	{
		strlcpy(a->unit, b->unit, sizeof(a->unit));
		strlcpy(a->tz, b->tz, sizeof(a->tz));
	}
	else if (b->unit[0] && (strcmp(a->unit, b->unit) != 0 || strcmp(a->tz, b->tz) != 0))
		/* as meter_buckets_add says it of one state's rows */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("one meter's readings ask for different buckets: %s in %s and %s in %s",
						a->unit, a->tz, b->unit, b->tz)));
	a->null_readings = count_add(a->null_readings, b->null_readings, "meter null reading");
	if (fa == NULL)
	{
		/* internal, or a big state */
		for (int i = 0; i < b->n; i++)
			state_push(a, eo ? eo->hdr.eoh_context : aggcxt, &b->pts[i]);
		if (eo == NULL)
			PG_RETURN_POINTER(a);
	}
	else
	{
		/* room for both: b's readings after a's (b may be a itself: its n is apart) */
		memcpy(a->pts + a->n, b->pts, sizeof(MeterPoint) * (Size) b->n);
		a->n += b->n;
	}
	return state_added(fa, eo, a, true);
}

PG_FUNCTION_INFO_V1(meter_serialize);
Datum
meter_serialize(PG_FUNCTION_ARGS)
{
	MeterState *st = (MeterState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, st->settings_known);
	pq_sendfloat8(&buf, st->modulus);
	pq_sendfloat8(&buf, st->multiplier);
	pq_sendint64(&buf, st->null_readings);
	pq_sendstring(&buf, st->unit);
	pq_sendstring(&buf, st->tz);
	pq_sendint32(&buf, st->n);
	for (int i = 0; i < st->n; i++)
	{
		pq_sendint64(&buf, st->pts[i].ts);
		pq_sendfloat8(&buf, st->pts[i].reading);
		pq_sendbyte(&buf, st->pts[i].event);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(meter_deserialize);
Datum
meter_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	MeterState *st;
	int			n;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.meter_deserialize() can only be called by an aggregate")));
	st = state_new(CurrentMemoryContext);
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	st->settings_known = pq_getmsgbyte(&buf) != 0;
	st->modulus = pq_getmsgfloat8(&buf);
	st->multiplier = pq_getmsgfloat8(&buf);
	st->null_readings = pq_getmsgint64(&buf);
	strlcpy(st->unit, pq_getmsgstring(&buf), sizeof(st->unit));
	strlcpy(st->tz, pq_getmsgstring(&buf), sizeof(st->tz));
	n = pq_getmsgint(&buf, 4);
	for (int i = 0; i < n; i++)
	{
		MeterPoint	p = {0};

		p.ts = pq_getmsgint64(&buf);
		p.reading = pq_getmsgfloat8(&buf);
		p.event = pq_getmsgbyte(&buf);
		if (p.event < EVENT_READ || p.event > EVENT_NEW_INITIAL)
			elog(ERROR, "invalid meter state");
		state_push(st, CurrentMemoryContext, &p);
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(st);
}

static int
point_cmp(const void *a, const void *b)
{
	const MeterPoint *x = a,
			   *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->event != y->event)
		return x->event < y->event ? -1 : 1;
	return x->reading < y->reading ? -1 : (x->reading > y->reading ? 1 : 0);
}

static char *
ts_text(TimestampTz ts)
{
	return DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(ts)));
}

typedef enum StepKind
{
	STEP_USE,					/* the register rose: consumption */
	STEP_ROLLOVER,				/* it wrapped at the modulus: consumption */
	STEP_RESET,					/* dropped to <= 10 %: unknown, not counted */
	STEP_REVERSE,				/* ran backwards: flagged, not counted */
	STEP_RESTART				/* a counter restarted from zero: counted */
} StepKind;

/*
 * The rule between two register values (see the top of this file).  *amount
 * gets the consumption (× multiplier) of a counted step, or how far the
 * register ran backwards for STEP_REVERSE.
 */
static StepKind
classify_step(double prev, double cur, double modulus, double multiplier, bool restart, double *amount)
{
	*amount = 0;
	if (cur >= prev)
	{
		*amount = (cur - prev) * multiplier;
		return STEP_USE;
	}
	/* a wrap starts from a register value the register can hold (a reading
	 * above the modulus or below zero makes none: no negative "rollover") */
	if (modulus > 0 && prev <= modulus && cur >= 0 && modulus - prev + cur < modulus / 2)
	{
		*amount = (modulus - prev + cur) * multiplier;
		return STEP_ROLLOVER;
	}
	if (restart)
	{
		/* a counter that restarted from zero: it has counted cur since (a
		 * counter counts nothing below zero: a negative reading counts 0, and
		 * the step up from it counts in full) */
		*amount = (cur > 0 ? cur : 0) * multiplier;
		return STEP_RESTART;
	}
	/* a reset lands on zero or a small value; a register below zero (or a
	 * fall from zero or below) ran backwards */
	if (prev > 0 && cur >= 0 && cur <= RESET_FRACTION * prev)
		return STEP_RESET;
	*amount = (prev - cur) * multiplier;
	return STEP_REVERSE;
}

/* Told of every interval between consecutive readings (from t0 to the point end), with what it counts. */
typedef void (*IntervalSink) (void *arg, TimestampTz t0, const MeterPoint *end, double amount);

static void
count_step(MeterSummary *s, StepKind k, double amount, DD *used, DD *rev)
{
	switch (k)
	{
		case STEP_ROLLOVER:
			s->rollovers++;
			/* FALLTHROUGH */
		case STEP_USE:
			dd_add(used, amount);
			break;
		case STEP_RESTART:
			s->resets++;		/* counted as a reset in a summary */
			dd_add(used, amount);
			break;
		case STEP_RESET:
			s->resets++;
			break;
		case STEP_REVERSE:
			s->reversals++;
			dd_add(rev, amount);
			break;
	}
}

/*
 * How a walk differs from meter_agg's (energy.meter_months, for the live
 * ledgers): it may continue from a point already walked (seed), take an
 * unpaired replacement row at either end of the series as a plain reading
 * (relax_pairs: its pair may come in a later statement), and count any
 * decrease as a restart from zero (restart).
 */
typedef struct WalkOptions
{
	bool		has_seed;
	MeterPoint	seed;
	bool		relax_pairs;
	bool		restart;
} WalkOptions;

static const WalkOptions meter_agg_rules = {false, {0}, false, false};

/* A meter's consumption and reverse running beyond double precision: 22003. */
static void
check_sums(const DD *used, const DD *rev)
{
	if (unlikely(!isfinite(used->hi) || !isfinite(used->lo) || !isfinite(dd_value(used))))
		(void) finite_result(NAN, "the consumption of this meter");
	if (unlikely(!isfinite(dd_value(rev))))
		(void) finite_result(NAN, "the reverse running of this meter");
}

/* Sort the readings, apply the rules, fill a summary; tell 'sink' the intervals. */
static MeterSummary *
meter_walk(MeterState *st, IntervalSink sink, void *arg, const WalkOptions *o)
{
	MeterSummary *s;
	const MeterPoint *prev = o->has_seed ? &o->seed : NULL;
	bool		awaiting_new = o->has_seed && o->seed.event == EVENT_OLD_FINAL;	/* after an old_final */
	DD			used = {0, 0},
				rev = {0, 0};

	if (st->n > 0)
		qsort(st->pts, st->n, sizeof(MeterPoint), point_cmp);
	s = palloc0(sizeof(MeterSummary));
	SET_VARSIZE(s, sizeof(MeterSummary));
	s->version = METER_SUMMARY_VERSION;
	s->modulus = st->modulus;
	s->multiplier = st->multiplier;
	s->null_readings = st->null_readings;

	for (int i = 0; i < st->n; i++)
	{
		const MeterPoint *cur = &st->pts[i];

		if (prev && cur->ts == prev->ts && cur->event == prev->event)
		{
			if (cur->reading == prev->reading)
			{
				s->duplicates++;
				continue;
			}
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("two different readings at %s: %s and %s",
							ts_text(cur->ts), float8out_internal(prev->reading),
							float8out_internal(cur->reading)),
					 errhint("Keep the right one; a meter swap is two rows, events 'old_final' and 'new_initial'.")));
		}
		/*
		 * A reading without an event at the time of a meter swap (sorted
		 * before the swap's rows) is one of them sent twice, by a logger that
		 * also sends plain readings: a duplicate when it repeats the old
		 * meter's final or the new meter's initial reading, else a conflict.
		 * Taken as a reading, it would make a step of its own to the
		 * old_final (100, then 3 and the swap 205 -> 3 counted 3 -> 205).
		 */
		if (cur->event == EVENT_READ)
		{
			const MeterPoint *swap = NULL;
			bool		repeats = false;

			for (int j = i + 1; j < st->n && st->pts[j].ts == cur->ts; j++)
			{
				if (st->pts[j].event == EVENT_READ)
					continue;
				if (swap == NULL)
					swap = &st->pts[j];
				if (st->pts[j].reading == cur->reading)
					repeats = true;
			}
			if (swap != NULL && repeats)
			{
				s->duplicates++;
				continue;
			}
			if (swap != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("two different readings at %s: %s and the meter swap's %s %s",
								ts_text(cur->ts), float8out_internal(cur->reading),
								swap->event == EVENT_OLD_FINAL ? "old_final" : "new_initial",
								float8out_internal(swap->reading)),
						 errdetail("At the time of a swap, a reading without an event can only repeat the old meter's final or the new meter's initial reading."),
						 errhint("Give the reading the event it is ('old_final' or 'new_initial'), or drop it.")));
		}
		if (awaiting_new && cur->event != EVENT_NEW_INITIAL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("meter replacement at %s has an old final reading but no new initial reading",
							ts_text(prev->ts)),
					 errhint("Add the new meter's first reading with event 'new_initial' at the time of the swap.")));
		if (cur->event == EVENT_NEW_INITIAL && !awaiting_new && !(o->relax_pairs && prev == NULL))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("new initial reading at %s without the old meter's final reading",
							ts_text(cur->ts)),
					 errhint("Add the old meter's last reading with event 'old_final' at the time of the swap "
							 "(if it is unknown, the consumption since the previous reading is lost: say so "
							 "explicitly with an 'old_final' equal to the previous reading).")));

		if (s->readings == 0)
		{
			s->first_ts = cur->ts;
			s->first_reading = cur->reading;
		}
		s->readings++;

		if (prev != NULL)
		{
			double		amount = 0;

			if (cur->event == EVENT_NEW_INITIAL && awaiting_new)
			{
				s->replacements++;	/* a new baseline: nothing between the meters */
				awaiting_new = false;
			}
			else
			{
				StepKind	k = classify_step(prev->reading, cur->reading, st->modulus,
											  st->multiplier, o->restart, &amount);

				count_step(s, k, amount, &used, &rev);
				if (k == STEP_RESET || k == STEP_REVERSE)
					amount = 0;
			}
			if (sink)
				sink(arg, prev->ts, cur, amount);
		}
		if (cur->event == EVENT_OLD_FINAL)
			awaiting_new = true;
		s->last_ts = cur->ts;
		s->last_reading = cur->reading;
		prev = cur;
	}
	if (awaiting_new && !o->relax_pairs)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("meter replacement at %s has an old final reading but no new initial reading",
						ts_text(prev->ts)),
				 errhint("Add the new meter's first reading with event 'new_initial' at the time of the swap.")));
	check_sums(&used, &rev);
	s->consumption = used.hi;
	s->consumption_err = used.lo;
	s->reverse_amount = dd_value(&rev);
	return s;
}

PG_FUNCTION_INFO_V1(meter_final);
Datum
meter_final(PG_FUNCTION_ARGS)
{
	MeterState	view;
	MeterState *st = final_state(fcinfo, &view);

	if (st == NULL)
		PG_RETURN_NULL();		/* no rows at all */
	PG_RETURN_POINTER(meter_walk(st, NULL, NULL, &meter_agg_rules));
}

/* ---------- buckets in local civil time ---------- */

typedef struct Bucket
{
	TimestampTz start;
	TimestampTz end;
	DD			total;
	MeterPoint	last;			/* the end of the last interval in the bucket */
} Bucket;

typedef struct BucketAcc
{
	const char *unit;
	Datum		tz;				/* text */
	int			n;
	int			cap;
	Bucket	   *b;
} BucketAcc;

/* One bucket unit as an interval of local time. */
static Interval
bucket_step(const BucketAcc *acc)
{
	Interval	step = {0};

	if (strcmp(acc->unit, "hour") == 0)
		step.time = USECS_PER_HOUR;
	else if (strcmp(acc->unit, "day") == 0)
		step.day = 1;
	else if (strcmp(acc->unit, "month") == 0)
		step.month = 1;
	else if (strcmp(acc->unit, "quarter") == 0)
		step.month = 3;
	else
		step.month = 12;
	return step;
}

/*
 * The first instant whose local time in tz (text) is local or later.
 * PostgreSQL makes a local time that happens twice (clocks set back) the
 * later instant: the first is earlier by what the instant before shows
 * beyond it.  A local time that does not exist (clocks set forward) it makes
 * the instant of the change.
 */
static TimestampTz
first_instant(Datum tz, Datum local)
{
	TimestampTz s = DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, tz, local));
	Timestamp	before = DatumGetTimestamp(DirectFunctionCall2(timestamptz_zone, tz, TimestampTzGetDatum(s - 1)));

	if (before >= DatumGetTimestamp(local))
		s -= before - DatumGetTimestamp(local) + 1;
	return s;
}

/* energy.local_start(local timestamp, time_zone text): first_instant for SQL. */
PG_FUNCTION_INFO_V1(energy_local_start);
Datum
energy_local_start(PG_FUNCTION_ARGS)
{
	Timestamp	local = PG_GETARG_TIMESTAMP(0);

	if (TIMESTAMP_NOT_FINITE(local))
		PG_RETURN_TIMESTAMPTZ(local);
	PG_RETURN_TIMESTAMPTZ(first_instant(PG_GETARG_DATUM(1), TimestampGetDatum(local)));
}

/*
 * The bucket containing t: by its local time (its month in the calendar on
 * the wall), from the first instant of its local start to the first of the
 * next (local start + 1 unit: DST-safe), so that consecutive buckets share
 * their boundary even where a local start does not exist or happens twice (a
 * DST change at midnight: America/Havana, America/Asuncion, Asia/Shanghai in
 * the 1940s).  Where clocks set back across a boundary, t is in the bucket
 * whose instants hold it.
 */
static void
bucket_bounds(BucketAcc *acc, TimestampTz t, TimestampTz *start, TimestampTz *end)
{
	Interval	step = bucket_step(acc);
	Datum		local = DirectFunctionCall2(timestamptz_zone, acc->tz, TimestampTzGetDatum(t));
	Datum		lo = DirectFunctionCall2(timestamp_trunc, CStringGetTextDatum(acc->unit), local);
	Datum		hi = DirectFunctionCall2(timestamp_pl_interval, lo, IntervalPGetDatum(&step));

	/*
	 * An hour is an hour of the clock on the wall, but 60 minutes of time:
	 * from the instant the clock showed its start, so that the hour shown
	 * twice when clocks are set back is two buckets, not one of two hours.
	 */
	if (step.time == USECS_PER_HOUR)
	{
		*start = t - (DatumGetTimestamp(local) - DatumGetTimestamp(lo));
		*end = *start + USECS_PER_HOUR;
		return;
	}
	*start = first_instant(acc->tz, lo);
	*end = first_instant(acc->tz, hi);
	if (*start > t)
	{
		Interval	back = {.time = -step.time, .day = -step.day, .month = -step.month};

		*end = *start;
		lo = DirectFunctionCall2(timestamp_pl_interval, lo, IntervalPGetDatum(&back));
		*start = first_instant(acc->tz, lo);
	}
	else if (*end <= t)
	{
		*start = *end;
		hi = DirectFunctionCall2(timestamp_pl_interval, hi, IntervalPGetDatum(&step));
		*end = first_instant(acc->tz, hi);
	}
}

/* The bucket containing t (buckets come in time order: usually the last one). */
static Bucket *
bucket_at(BucketAcc *acc, TimestampTz t)
{
	Bucket	   *last = acc->n ? &acc->b[acc->n - 1] : NULL;

	if (last && t >= last->start && t < last->end)
		return last;
	if (acc->n == acc->cap)
	{
		acc->cap = acc->cap ? 2 * acc->cap : 16;
		acc->b = acc->b ? repalloc(acc->b, sizeof(Bucket) * acc->cap) : palloc(sizeof(Bucket) * acc->cap);
	}
	last = &acc->b[acc->n++];
	bucket_bounds(acc, t, &last->start, &last->end);
	last->total.hi = last->total.lo = 0;
	memset(&last->last, 0, sizeof(MeterPoint));
	return last;
}

/*
 * An interval's consumption shared among the buckets it crosses, in
 * proportion to time (linear interpolation); the last share is what remains,
 * so the shares add up to the interval's consumption.
 */
static void
bucket_sink(void *arg, TimestampTz t0, const MeterPoint *end, double amount)
{
	BucketAcc  *acc = arg;
	Bucket	   *b = bucket_at(acc, t0);
	TimestampTz t1 = end->ts;
	double		given = 0;

	while (t1 > b->end)
	{
		double		part = amount * ((double) (b->end - Max(t0, b->start)) / (double) (t1 - t0));

		dd_add(&b->total, part);
		b->last = *end;
		given += part;
		b = bucket_at(acc, b->end);
	}
	dd_add(&b->total, amount - given);
	b->last = *end;
}

PG_FUNCTION_INFO_V1(meter_buckets_final);
Datum
meter_buckets_final(PG_FUNCTION_ARGS)
{
	MeterState *st,
				view;
	BucketAcc	acc = {0};
	Oid			array_type = get_fn_expr_rettype(fcinfo->flinfo);
	Oid			elem_type = get_element_type(array_type);
	TupleDesc	desc;
	Datum	   *elems;

	st = final_state(fcinfo, &view);
	if (st == NULL)
		PG_RETURN_NULL();
	if (!OidIsValid(elem_type))
		elog(ERROR, "energy.meter_buckets must return an array");
	acc.unit = st->unit;
	acc.tz = CStringGetTextDatum(st->tz);
	(void) meter_walk(st, bucket_sink, &acc, &meter_agg_rules);
	if (acc.n == 0 && st->n > 0)
		(void) bucket_at(&acc, st->pts[0].ts);	/* a single reading: its bucket, 0 */

	desc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(elem_type, -1));
	elems = palloc(sizeof(Datum) * (acc.n + 1));
	for (int i = 0; i < acc.n; i++)
	{
		Datum		v[3];
		bool		n[3] = {false, false, false};

		v[0] = TimestampTzGetDatum(acc.b[i].start);
		v[1] = TimestampTzGetDatum(acc.b[i].end);
		v[2] = Float8GetDatum(dd_value(&acc.b[i].total));
		elems[i] = HeapTupleGetDatum(heap_form_tuple(desc, v, n));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, acc.n, elem_type, -1, false, TYPALIGN_DOUBLE));
}

/* ---------- rollup of summaries ---------- */

/* 0.1.0's internal state, and a flat state's view (rollup_view). */
typedef struct RollupState
{
	int			n;
	int			cap;
	MeterSummary *s;
	char	   *meter;			/* for messages, when given */
} RollupState;

/*
 * energy.rollup(meter_summary)'s state as a value (0.2.0): the summaries so
 * far and the meter's name, one flat varlena with room for more summaries,
 * appended to in place while the aggregate runs, and an expanded object
 * (RollupEO) once big, as energy.meter_state (see there).  The name's bytes
 * (no terminating zero) follow the room.
 */
#define ROLLUP_STATE_VERSION 1

typedef struct RollupFlat
{
	int32		vl_len_;		/* the header, the room for summaries, the name */
	int32		version;
	int32		n;
	int32		meter_len;		/* -1: no name */
	MeterSummary s[FLEXIBLE_ARRAY_MEMBER];	/* then the name's bytes */
} RollupFlat;

#define ROLLUP_HEADER offsetof(RollupFlat, s)
#define ROLLUP_NAME_LEN(f) ((Size) Max((f)->meter_len, 0))
#define ROLLUP_ROOM(f) ((int) ((VARSIZE(f) - ROLLUP_HEADER - ROLLUP_NAME_LEN(f)) / sizeof(MeterSummary)))
#define ROLLUP_NAME(f) ((char *) (f)->s + sizeof(MeterSummary) * (Size) ROLLUP_ROOM(f))

static void invalid_rollup(const char *why) pg_attribute_noreturn();
static void
invalid_rollup(const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid energy.meter_rollup_state: %s", why)));
}

/*
 * A copy of f (NULL: a new empty state) with room for at least 'need'
 * summaries (twice what f had when that is too few, 16 at least) and the
 * name 'name' of 'len' bytes (NULL: f's own, if any), in the current memory
 * context; f itself is left as it is.
 */
static RollupFlat *
rollup_grown(const RollupFlat *f, int64 need, const char *name, int32 len)
{
	int64		room = f ? ROLLUP_ROOM(f) : 0;
	int64		max_room;
	RollupFlat *g;

	if (name == NULL && f && f->meter_len >= 0)
	{
		name = ROLLUP_NAME(f);
		len = f->meter_len;
	}
	else if (name == NULL)
		len = -1;
	max_room = (int64) ((MaxAllocSize - ROLLUP_HEADER - Max(len, 0)) / sizeof(MeterSummary));
	if (need > max_room)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many summaries for one energy.meter_rollup_state (at most " INT64_FORMAT ")", max_room)));
	if (need > room)
		room = Min(Max(need, Max(2 * room, 16)), max_room);
	g = palloc0(ROLLUP_HEADER + sizeof(MeterSummary) * (Size) room + Max(len, 0));
	if (f)
		memcpy(g, f, ROLLUP_HEADER + sizeof(MeterSummary) * (Size) f->n);
	else
		g->version = ROLLUP_STATE_VERSION;
	g->meter_len = len;
	SET_VARSIZE(g, ROLLUP_HEADER + sizeof(MeterSummary) * (Size) room + Max(len, 0));
	if (len > 0)
		memcpy(ROLLUP_NAME(g), name, len);
	return g;
}

/*
 * Argument argno (not NULL) as a state, after the checks of its size that
 * cost nothing; copy: a copy of its own (see flat_arg).
 */
static RollupFlat *
rollup_arg(FunctionCallInfo fcinfo, int argno, bool copy)
{
	RollupFlat *f = (RollupFlat *) (copy ? PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno))
									: PG_DETOAST_DATUM(PG_GETARG_DATUM(argno)));

	if (VARSIZE(f) < ROLLUP_HEADER || f->version != ROLLUP_STATE_VERSION || f->meter_len < -1 ||
		VARSIZE(f) - ROLLUP_HEADER < ROLLUP_NAME_LEN(f) ||
		(VARSIZE(f) - ROLLUP_HEADER - ROLLUP_NAME_LEN(f)) % sizeof(MeterSummary) != 0 ||
		f->n < 0 || f->n > ROLLUP_ROOM(f))
		invalid_rollup("wrong version or size");
	return f;
}

/* A flat state as a RollupState sharing its summaries (the name copied). */
static RollupState
rollup_view(RollupFlat *f)
{
	RollupState st;

	st.n = f->n;
	st.cap = ROLLUP_ROOM(f);
	st.s = f->s;
	st.meter = f->meter_len >= 0 ? pnstrdup(ROLLUP_NAME(f), f->meter_len) : NULL;
	return st;
}

/* 0.1.0's internal state: one more summary. */
static void
rollup_push(RollupState *st, MemoryContext cxt, const MeterSummary *m)
{
	if (st->n == st->cap)
	{
		st->cap = st->cap ? 2 * st->cap : 16;
		st->s = st->s ? repalloc(st->s, sizeof(MeterSummary) * st->cap)
			: MemoryContextAlloc(cxt, sizeof(MeterSummary) * st->cap);
	}
	st->s[st->n++] = *m;
}

static void
rollup_check(const RollupState *st)
{
	for (int i = 0; i < st->n; i++)
	{
		const MeterSummary *m = &st->s[i];

		if (m->version != METER_SUMMARY_VERSION || m->last_ts < m->first_ts || !(m->modulus >= 0) ||
			!(m->multiplier > 0) || isnan(m->consumption) || m->readings < 0 || m->null_readings < 0)
			invalid_rollup("a bad summary");
	}
}

/* m appended to a state being read in (*f grows in the current context). */
static void
rollup_flat_push(RollupFlat **f, const MeterSummary *m)
{
	if ((*f)->n == ROLLUP_ROOM(*f))
		*f = rollup_grown(*f, (int64) (*f)->n + 1, NULL, 0);
	(*f)->s[(*f)->n++] = *m;
}

/* A state read in, checked, without room to spare (the name moved up). */
static Datum
rollup_done(RollupFlat *f)
{
	RollupState st = rollup_view(f);

	rollup_check(&st);
	if (f->meter_len > 0)
		memmove((char *) f->s + sizeof(MeterSummary) * (Size) f->n, ROLLUP_NAME(f), f->meter_len);
	SET_VARSIZE(f, ROLLUP_HEADER + sizeof(MeterSummary) * (Size) f->n + ROLLUP_NAME_LEN(f));
	PG_RETURN_POINTER(f);
}

/* A big state: an expanded object (see energy.meter_state's). */
typedef struct RollupEO
{
	ExpandedObjectHeader hdr;
	RollupState st;				/* summaries and name in hdr.eoh_context */
} RollupEO;

static Size
rollup_eo_flat_size(ExpandedObjectHeader *eoh)
{
	const RollupState *st = &((RollupEO *) eoh)->st;

	return ROLLUP_HEADER + sizeof(MeterSummary) * (Size) st->n + (st->meter ? strlen(st->meter) : 0);
}

static void
rollup_eo_flatten(ExpandedObjectHeader *eoh, void *result, Size size)
{
	const RollupState *st = &((RollupEO *) eoh)->st;
	RollupFlat *f = (RollupFlat *) result;

	SET_VARSIZE(f, size);
	f->version = ROLLUP_STATE_VERSION;
	f->n = st->n;
	f->meter_len = st->meter ? (int32) strlen(st->meter) : -1;
	memcpy(f->s, st->s, sizeof(MeterSummary) * (Size) st->n);
	if (st->meter)
		memcpy((char *) f->s + sizeof(MeterSummary) * (Size) st->n, st->meter, strlen(st->meter));
}

static const ExpandedObjectMethods rollup_methods = {rollup_eo_flat_size, rollup_eo_flatten};

/* A big state under aggcxt: f's contents (NULL: none), room for cap summaries, the name (f's if it has one). */
static RollupEO *
rollup_eo_new(const RollupFlat *f, MemoryContext aggcxt, int64 cap, const char *name, int32 len)
{
	RollupEO   *eo = (RollupEO *) expanded_new(aggcxt, sizeof(RollupEO), &rollup_methods);

	eo->st.cap = (int) cap;
	eo->st.s = MemoryContextAlloc(eo->hdr.eoh_context, sizeof(MeterSummary) * (Size) cap);
	if (f)
	{
		memcpy(eo->st.s, f->s, sizeof(MeterSummary) * (Size) f->n);
		eo->st.n = f->n;
		if (f->meter_len >= 0)
		{
			name = ROLLUP_NAME(f);
			len = f->meter_len;
		}
	}
	if (name)
		eo->st.meter = MemoryContextStrdup(eo->hdr.eoh_context, pnstrdup(name, len));
	return eo;
}

/*
 * The aggregate's own 0.2.0 state (argument 0; NULL: none yet) made ready
 * to take 'more' summaries in place, and the meter's name (NULL: none given;
 * the first name given stays): a big state's expanded object (*eo, which
 * grows by itself), or a flat state with room for them (*f).
 */
static void
rollup_to_add(FunctionCallInfo fcinfo, MemoryContext aggcxt, int64 more, const char *name, int32 len,
			  RollupFlat **f, RollupEO **eo)
{
	RollupFlat *old = NULL;
	int64		need,
				room;

	*f = NULL;
	*eo = NULL;
	if (!PG_ARGISNULL(0))
	{
		*eo = (RollupEO *) expanded_own(PG_GETARG_DATUM(0), &rollup_methods, true);
		if (*eo)
		{
			if (name && (*eo)->st.meter == NULL)
				(*eo)->st.meter = MemoryContextStrdup((*eo)->hdr.eoh_context, pnstrdup(name, len));
			return;
		}
		old = rollup_arg(fcinfo, 0, false);
		if (old->meter_len >= 0)
			name = NULL;		/* it has its name */
	}
	need = (old ? old->n : 0) + more;
	room = old ? ROLLUP_ROOM(old) : 0;
	if (old && need <= room && name == NULL)
		*f = old;
	else if (ROLLUP_HEADER + sizeof(MeterSummary) * (need > room ? Max(need, Max(2 * room, 16)) : room) +
			 (name ? len : 0) > STATE_BIG)
		*eo = rollup_eo_new(old, aggcxt, Max(need, 2 * room), name, len);
	else
		*f = rollup_grown(old, need, name, len);
}

/* energy.rollup(meter_summary [, meter text]) transition */
PG_FUNCTION_INFO_V1(meter_rollup_trans);
Datum
meter_rollup_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	RollupFlat *f;
	RollupEO   *eo;
	const char *name = NULL;
	int32		len = 0;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.meter_rollup_trans() can only be called by its aggregate")));
	if (state_is_internal(fcinfo))
	{
		RollupState *st = PG_ARGISNULL(0) ? MemoryContextAllocZero(aggcxt, sizeof(RollupState))
			: (RollupState *) PG_GETARG_POINTER(0);

		if (PG_NARGS() > 2 && !PG_ARGISNULL(2) && st->meter == NULL)
			st->meter = MemoryContextStrdup(aggcxt, text_to_cstring(PG_GETARG_TEXT_PP(2)));
		if (!PG_ARGISNULL(1))
			rollup_push(st, aggcxt, (MeterSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1)));
		PG_RETURN_POINTER(st);
	}
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
	{
		text	   *t = PG_GETARG_TEXT_PP(2);

		name = VARDATA_ANY(t);
		len = VARSIZE_ANY_EXHDR(t);
	}
	rollup_to_add(fcinfo, aggcxt, !PG_ARGISNULL(1), name, len, &f, &eo);
	if (!PG_ARGISNULL(1))
	{
		const MeterSummary *m = (MeterSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));

		if (eo)
			rollup_push(&eo->st, eo->hdr.eoh_context, m);
		else
			f->s[f->n++] = *m;
	}
	return eo ? EOHPGetRWDatum(&eo->hdr) : PointerGetDatum(f);
}

/*
 * energy.rollup(meter_summary)'s combine function (0.2.0 state only): the
 * summaries of both (arg 1 is left as it is; arg 0 grows in place when it
 * has room).
 */
PG_FUNCTION_INFO_V1(meter_rollup_combine);
Datum
meter_rollup_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	RollupFlat *a;
	RollupEO   *eo;
	RollupFlat *b;
	RollupState vb;
	int			bn;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.meter_rollup_combine() can only be called by an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = rollup_arg(fcinfo, 1, false);
	vb = rollup_view(b);
	rollup_check(&vb);
	bn = b->n;					/* b may be a itself: read first */
	rollup_to_add(fcinfo, aggcxt, bn, b->meter_len >= 0 ? ROLLUP_NAME(b) : NULL, b->meter_len, &a, &eo);
	if (eo)
	{
		for (int i = 0; i < bn; i++)
			rollup_push(&eo->st, eo->hdr.eoh_context, &b->s[i]);
		return EOHPGetRWDatum(&eo->hdr);
	}
	memcpy(a->s + a->n, b->s, sizeof(MeterSummary) * (Size) bn);
	a->n += bn;
	PG_RETURN_POINTER(a);
}

static int
summary_cmp(const void *a, const void *b)
{
	const MeterSummary *x = a,
			   *y = b;

	if (x->readings == 0 || y->readings == 0)
		return (x->readings != 0) - (y->readings != 0);
	if (x->first_ts != y->first_ts)
		return x->first_ts < y->first_ts ? -1 : 1;
	/* one reading shared with the next summary: the shorter one first, whatever the input order */
	return x->last_ts < y->last_ts ? -1 : (x->last_ts > y->last_ts ? 1 : 0);
}

/*
 * The summaries of one meter over disjoint periods, in time order, make one:
 * counts add up, and the step between one summary's last reading and the
 * next one's first is classified by the same rule as any other step.
 */
PG_FUNCTION_INFO_V1(meter_rollup_final);
Datum
meter_rollup_final(PG_FUNCTION_ARGS)
{
	RollupState *st,
				view;
	MeterSummary *r = NULL;
	DD			used = {0, 0},
				rev = {0, 0};
	const char *who;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	/*
	 * FINALFUNC_MODIFY = READ_WRITE: the summaries are sorted in place (in a
	 * copy when not called by an aggregate)
	 */
	if (state_is_internal(fcinfo))
		st = (RollupState *) PG_GETARG_POINTER(0);
	else
	{
		bool		own = AggCheckCallContext(fcinfo, NULL) != 0;
		RollupEO   *eo;

		if (own && (eo = (RollupEO *) expanded_own(PG_GETARG_DATUM(0), &rollup_methods, false)) != NULL)
			st = &eo->st;
		else
		{
			view = rollup_view(rollup_arg(fcinfo, 0, !own));
			st = &view;
		}
		rollup_check(st);
	}
	if (st->n == 0)
		PG_RETURN_NULL();
	who = st->meter ? psprintf(" of meter %s", st->meter) : "";
	qsort(st->s, st->n, sizeof(MeterSummary), summary_cmp);
	for (int i = 0; i < st->n; i++)
	{
		MeterSummary *m = &st->s[i];

		if (r == NULL)
		{
			r = palloc(sizeof(MeterSummary));
			*r = *m;
			used = (DD) {m->consumption, m->consumption_err};
			rev = (DD) {m->reverse_amount, 0};
			continue;
		}
		r->null_readings = count_add(r->null_readings, m->null_readings, "meter reading");
		if (m->readings == 0)
			continue;
		if (r->readings == 0)
		{
			int64		nulls = r->null_readings;

			*r = *m;
			r->null_readings = nulls;
			used = (DD) {m->consumption, m->consumption_err};
			rev = (DD) {m->reverse_amount, 0};
			continue;
		}
		if (m->modulus != r->modulus || m->multiplier != r->multiplier)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("meter summaries%s with different settings cannot be rolled up", who),
					 errhint("Roll up the summaries of one meter (same modulus and multiplier).")));
		if (m->first_ts < r->last_ts ||
			(m->first_ts == r->last_ts && m->first_reading != r->last_reading))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("meter summaries%s overlap: %s .. %s and %s .. %s", who,
							ts_text(r->first_ts), ts_text(r->last_ts),
							ts_text(m->first_ts), ts_text(m->last_ts)),
					 errhint("Roll up summaries of disjoint periods (buckets by time), or aggregate the "
							 "raw readings of the overlapping period again with energy.meter_agg.")));
		if (m->first_ts == r->last_ts)
			r->readings--;		/* the shared reading, counted once */
		else
		{
			double		amount;
			StepKind	k = classify_step(r->last_reading, m->first_reading, r->modulus,
										  r->multiplier, false, &amount);

			count_step(r, k, amount, &used, &rev);
		}
		dd_merge(&used, &(DD) {m->consumption, m->consumption_err});
		dd_add(&rev, m->reverse_amount);
		r->readings = count_add(r->readings, m->readings, "meter reading");
		r->duplicates = count_add(r->duplicates, m->duplicates, "meter duplicate");
		r->rollovers = count_add(r->rollovers, m->rollovers, "meter rollover");
		r->resets = count_add(r->resets, m->resets, "meter reset");
		r->replacements = count_add(r->replacements, m->replacements, "meter replacement");
		r->reversals = count_add(r->reversals, m->reversals, "meter reversal");
		r->last_ts = m->last_ts;
		r->last_reading = m->last_reading;
	}
	check_sums(&used, &rev);
	r->consumption = used.hi;
	r->consumption_err = used.lo;
	r->reverse_amount = dd_value(&rev);
	SET_VARSIZE(r, sizeof(MeterSummary));	/* whatever a stored state said */
	PG_RETURN_POINTER(r);
}

/* ---------- text and binary forms ---------- */

#define PG_GETARG_SUMMARY(n) ((MeterSummary *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Times as microseconds since 2000-01-01 UTC: exact, independent of settings. */
static void
append_summary(StringInfo s, const MeterSummary *m)
{
	const double d[] = {m->first_reading, m->last_reading, m->modulus, m->multiplier,
	m->consumption, m->consumption_err, m->reverse_amount};
	const char *dk[] = {"first_reading", "last_reading", "modulus", "multiplier",
	"consumption", "consumption_err", "reverse_amount"};
	const int64 c[] = {m->readings, m->null_readings, m->duplicates, m->rollovers,
	m->resets, m->replacements, m->reversals};
	const char *ck[] = {"readings", "null_readings", "duplicates", "rollovers",
	"resets", "replacements", "reversals"};

	appendStringInfo(s, "{\"version\":%d,\"first_time\":\"%s\",\"last_time\":\"%s\",\"first_us\":" INT64_FORMAT
					 ",\"last_us\":" INT64_FORMAT,
					 m->version, ts_text(m->first_ts), ts_text(m->last_ts), m->first_ts, m->last_ts);
	for (int i = 0; i < (int) lengthof(d); i++)
	{
		appendStringInfo(s, ",\"%s\":", dk[i]);
		append_exact_double(s, d[i]);
	}
	for (int i = 0; i < (int) lengthof(c); i++)
		appendStringInfo(s, ",\"%s\":" INT64_FORMAT, ck[i], c[i]);
	appendStringInfoChar(s, '}');
}

PG_FUNCTION_INFO_V1(meter_summary_out);
Datum
meter_summary_out(PG_FUNCTION_ARGS)
{
	StringInfoData s;

	initStringInfo(&s);
	append_summary(&s, PG_GETARG_SUMMARY(0));
	PG_RETURN_CSTRING(s.data);
}

/*
 * What a summary may hold, read from text or binary (sqlstate 22P02 or
 * 22P03): the same checks for both, so that what one form accepts the
 * other reads back.
 */
static void
summary_validate(const MeterSummary *m, int sqlstate)
{
	const double d[] = {m->first_reading, m->last_reading, m->consumption, m->consumption_err,
	m->reverse_amount, m->consumption + m->consumption_err};
	const int64 c[] = {m->readings, m->null_readings, m->duplicates, m->rollovers,
	m->resets, m->replacements, m->reversals};
	const char *why = NULL;

	if (m->last_ts < m->first_ts)
		why = "times out of order";
	else if (!(m->modulus >= 0) || !isfinite(m->modulus) || !(m->multiplier > 0) || !isfinite(m->multiplier))
		why = "bad modulus or multiplier";
	for (int i = 0; why == NULL && i < (int) lengthof(d); i++)
		if (!isfinite(d[i]))
			why = "a figure that is not finite";
	for (int i = 0; why == NULL && i < (int) lengthof(c); i++)
		if (c[i] < 0)
			why = "a negative count";
	if (why)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid energy.meter_summary: %s", why)));
}

/* One summary's JSON object at the cursor, validated. */
static void
parse_summary(Cursor *c, MeterSummary *m)
{
	double	   *d[] = {&m->first_reading, &m->last_reading, &m->modulus, &m->multiplier,
	&m->consumption, &m->consumption_err, &m->reverse_amount};
	const char *dk[] = {"first_reading", "last_reading", "modulus", "multiplier",
	"consumption", "consumption_err", "reverse_amount"};
	int64	   *cnt[] = {&m->readings, &m->null_readings, &m->duplicates, &m->rollovers,
	&m->resets, &m->replacements, &m->reversals};
	const char *ck[] = {"readings", "null_readings", "duplicates", "rollovers",
	"resets", "replacements", "reversals"};

	memset(m, 0, sizeof(MeterSummary));
	SET_VARSIZE(m, sizeof(MeterSummary));
	expect_char(c, '{');
	expect_key(c, "version");
	if (get_count(c) != METER_SUMMARY_VERSION)
		bad(c, "version 1");
	m->version = METER_SUMMARY_VERSION;
	expect_char(c, ',');
	expect_key(c, "first_time");
	(void) get_string(c);		/* readable copy of first_us */
	expect_char(c, ',');
	expect_key(c, "last_time");
	(void) get_string(c);
	expect_char(c, ',');
	expect_key(c, "first_us");
	m->first_ts = get_int64(c);
	expect_char(c, ',');
	expect_key(c, "last_us");
	m->last_ts = get_int64(c);
	for (int i = 0; i < (int) lengthof(d); i++)
	{
		expect_char(c, ',');
		expect_key(c, dk[i]);
		*d[i] = get_double(c);
	}
	for (int i = 0; i < (int) lengthof(cnt); i++)
	{
		expect_char(c, ',');
		expect_key(c, ck[i]);
		*cnt[i] = get_count(c);
	}
	expect_char(c, '}');
	summary_validate(m, ERRCODE_INVALID_TEXT_REPRESENTATION);
}

PG_FUNCTION_INFO_V1(meter_summary_in);
Datum
meter_summary_in(PG_FUNCTION_ARGS)
{
	Cursor		c;
	MeterSummary *m = palloc0(sizeof(MeterSummary));

	cursor_init(&c, PG_GETARG_CSTRING(0), "energy.meter_summary",
				"A meter summary's text form is what energy.meter_agg(...) prints.");
	parse_summary(&c, m);
	expect_end(&c);
	PG_RETURN_POINTER(m);
}

static void
send_summary(StringInfo buf, const MeterSummary *m)
{
	pq_sendint32(buf, m->version);
	pq_sendint64(buf, m->first_ts);
	pq_sendint64(buf, m->last_ts);
	pq_sendfloat8(buf, m->first_reading);
	pq_sendfloat8(buf, m->last_reading);
	pq_sendfloat8(buf, m->modulus);
	pq_sendfloat8(buf, m->multiplier);
	pq_sendfloat8(buf, m->consumption);
	pq_sendfloat8(buf, m->consumption_err);
	pq_sendfloat8(buf, m->reverse_amount);
	pq_sendint64(buf, m->readings);
	pq_sendint64(buf, m->null_readings);
	pq_sendint64(buf, m->duplicates);
	pq_sendint64(buf, m->rollovers);
	pq_sendint64(buf, m->resets);
	pq_sendint64(buf, m->replacements);
	pq_sendint64(buf, m->reversals);
}

static void
recv_summary(StringInfo buf, MeterSummary *m)
{
	memset(m, 0, sizeof(MeterSummary));
	SET_VARSIZE(m, sizeof(MeterSummary));
	m->version = pq_getmsgint(buf, 4);
	if (m->version != METER_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary energy.meter_summary: unknown version %d", m->version)));
	m->first_ts = pq_getmsgint64(buf);
	m->last_ts = pq_getmsgint64(buf);
	m->first_reading = pq_getmsgfloat8(buf);
	m->last_reading = pq_getmsgfloat8(buf);
	m->modulus = pq_getmsgfloat8(buf);
	m->multiplier = pq_getmsgfloat8(buf);
	m->consumption = pq_getmsgfloat8(buf);
	m->consumption_err = pq_getmsgfloat8(buf);
	m->reverse_amount = pq_getmsgfloat8(buf);
	m->readings = pq_getmsgint64(buf);
	m->null_readings = pq_getmsgint64(buf);
	m->duplicates = pq_getmsgint64(buf);
	m->rollovers = pq_getmsgint64(buf);
	m->resets = pq_getmsgint64(buf);
	m->replacements = pq_getmsgint64(buf);
	m->reversals = pq_getmsgint64(buf);
	summary_validate(m, ERRCODE_INVALID_BINARY_REPRESENTATION);
}

PG_FUNCTION_INFO_V1(meter_summary_send);
Datum
meter_summary_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	send_summary(&buf, PG_GETARG_SUMMARY(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(meter_summary_recv);
Datum
meter_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MeterSummary *m = palloc(sizeof(MeterSummary));

	recv_summary(buf, m);
	pq_getmsgend(buf);
	PG_RETURN_POINTER(m);
}

/* energy.meter_rollup_state's text form: the meter's name in hex (any bytes), each summary as its own text. */
PG_FUNCTION_INFO_V1(meter_rollup_state_out);
Datum
meter_rollup_state_out(PG_FUNCTION_ARGS)
{
	RollupState v = rollup_view(rollup_arg(fcinfo, 0, false));
	const RollupState *st = &v;
	StringInfoData s;

	rollup_check(st);
	initStringInfo(&s);
	appendStringInfo(&s, "{\"version\":%d,\"named\":%s,\"meter_hex\":\"", ROLLUP_STATE_VERSION, st->meter ? "true" : "false");
	for (const char *p = st->meter ? st->meter : ""; *p; p++)
		appendStringInfo(&s, "%02x", (unsigned char) *p);
	appendStringInfoString(&s, "\",\"summaries\":[");
	for (int i = 0; i < st->n; i++)
	{
		if (i > 0)
			appendStringInfoChar(&s, ',');
		append_summary(&s, &st->s[i]);
	}
	appendStringInfoString(&s, "]}");
	PG_RETURN_CSTRING(s.data);
}

static int
hex_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

PG_FUNCTION_INFO_V1(meter_rollup_state_in);
Datum
meter_rollup_state_in(PG_FUNCTION_ARGS)
{
	Cursor		c;
	RollupFlat *f;
	bool		named;
	char	   *hex;
	char	   *name = NULL;
	size_t		len;

	cursor_init(&c, PG_GETARG_CSTRING(0), "energy.meter_rollup_state",
				"A rollup state's text form is what its output function prints (Citus ships it between nodes).");
	expect_char(&c, '{');
	expect_key(&c, "version");
	if (get_count(&c) != ROLLUP_STATE_VERSION)
		bad(&c, "version 1");
	expect_char(&c, ',');
	expect_key(&c, "named");
	named = get_bool(&c);
	expect_char(&c, ',');
	expect_key(&c, "meter_hex");
	hex = get_string(&c);
	len = strlen(hex);
	if (len % 2 != 0 || (!named && len > 0))
		bad(&c, "the meter's name as pairs of hex digits (empty when not named)");
	if (named)
	{
		name = palloc(len / 2 + 1);
		for (size_t i = 0; i < len / 2; i++)
		{
			int			hi = hex_value(hex[2 * i]),
						lo = hex_value(hex[2 * i + 1]);

			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				bad(&c, "the meter's name as pairs of lower-case hex digits, no zero byte");
			name[i] = (char) (hi * 16 + lo);
		}
		name[len / 2] = '\0';
		if (!pg_verifymbstr(name, (int) (len / 2), true))
			bad(&c, "the meter's name as hex of text valid in the database encoding");
	}
	f = rollup_grown(NULL, 0, name, name ? (int32) (len / 2) : -1);
	expect_char(&c, ',');
	expect_key(&c, "summaries");
	expect_char(&c, '[');
	if (!accept_char(&c, ']'))
	{
		do
		{
			MeterSummary m;

			parse_summary(&c, &m);
			rollup_flat_push(&f, &m);
		} while (accept_char(&c, ','));
		expect_char(&c, ']');
	}
	expect_char(&c, '}');
	expect_end(&c);
	return rollup_done(f);
}

PG_FUNCTION_INFO_V1(meter_rollup_state_send);
Datum
meter_rollup_state_send(PG_FUNCTION_ARGS)
{
	RollupState v = rollup_view(rollup_arg(fcinfo, 0, false));
	const RollupState *st = &v;
	StringInfoData buf;

	rollup_check(st);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, ROLLUP_STATE_VERSION);
	pq_sendbyte(&buf, st->meter != NULL);
	pq_sendstring(&buf, st->meter ? st->meter : "");
	pq_sendint32(&buf, st->n);
	for (int i = 0; i < st->n; i++)
		send_summary(&buf, &st->s[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(meter_rollup_state_recv);
Datum
meter_rollup_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	RollupFlat *f;
	bool		named;
	const char *name;
	int			n;

	if (pq_getmsgint(buf, 4) != ROLLUP_STATE_VERSION)
		invalid_rollup("unknown version");
	named = pq_getmsgbyte(buf) != 0;
	name = pq_getmsgstring(buf);
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > (buf->len - buf->cursor) / 132)
		invalid_rollup("wrong number of summaries");
	f = rollup_grown(NULL, n, named ? name : NULL, named ? (int32) strlen(name) : -1);
	for (int i = 0; i < n; i++)
		recv_summary(buf, &f->s[f->n++]);
	pq_getmsgend(buf);
	return rollup_done(f);
}

/* ---------- accessors ---------- */

PG_FUNCTION_INFO_V1(meter_consumption);
Datum
meter_consumption(PG_FUNCTION_ARGS)
{
	MeterSummary *m = PG_GETARG_SUMMARY(0);

	if (m->readings == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(m->consumption + m->consumption_err);
}

#define FLOAT_ACCESSOR(fn, field) \
PG_FUNCTION_INFO_V1(fn); \
Datum fn(PG_FUNCTION_ARGS) \
{ \
	MeterSummary *m = PG_GETARG_SUMMARY(0); \
	if (m->readings == 0) \
		PG_RETURN_NULL(); \
	PG_RETURN_FLOAT8(m->field); \
}
#define TS_ACCESSOR(fn, field) \
PG_FUNCTION_INFO_V1(fn); \
Datum fn(PG_FUNCTION_ARGS) \
{ \
	MeterSummary *m = PG_GETARG_SUMMARY(0); \
	if (m->readings == 0) \
		PG_RETURN_NULL(); \
	PG_RETURN_TIMESTAMPTZ(m->field); \
}
#define COUNT_ACCESSOR(fn, field) \
PG_FUNCTION_INFO_V1(fn); \
Datum fn(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT64(PG_GETARG_SUMMARY(0)->field); \
}

FLOAT_ACCESSOR(meter_first_reading, first_reading)
FLOAT_ACCESSOR(meter_last_reading, last_reading)
FLOAT_ACCESSOR(meter_reverse_amount, reverse_amount)
TS_ACCESSOR(meter_first_time, first_ts)
TS_ACCESSOR(meter_last_time, last_ts)
COUNT_ACCESSOR(meter_readings, readings)
COUNT_ACCESSOR(meter_null_readings, null_readings)
COUNT_ACCESSOR(meter_duplicates, duplicates)
COUNT_ACCESSOR(meter_rollovers, rollovers)
COUNT_ACCESSOR(meter_resets, resets)
COUNT_ACCESSOR(meter_replacements, replacements)
COUNT_ACCESSOR(meter_reversals, reversals)

/*
 * energy.coverage(summary, period tstzrange): the share of the period that
 * lies between the first and the last reading (0..1).
 */
PG_FUNCTION_INFO_V1(meter_coverage);
Datum
meter_coverage(PG_FUNCTION_ARGS)
{
	MeterSummary *m = PG_GETARG_SUMMARY(0);
	TimestampTz lo = DatumGetTimestampTz(PG_GETARG_DATUM(1));
	TimestampTz hi = DatumGetTimestampTz(PG_GETARG_DATUM(2));
	TimestampTz a,
				b;

	if (TIMESTAMP_NOT_FINITE(lo) || TIMESTAMP_NOT_FINITE(hi) || hi <= lo)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("coverage needs a finite, non-empty period"),
				 errhint("Give the reporting period, e.g. tstzrange('2024-01-01', '2025-01-01').")));
	if (m->readings == 0)
		PG_RETURN_FLOAT8(0);
	a = Max(lo, m->first_ts);
	b = Min(hi, m->last_ts);
	PG_RETURN_FLOAT8(b > a ? (double) (b - a) / (double) (hi - lo) : 0.0);
}

/* ---------- months of the live ledgers: energy.meter_months ---------- */

/*
 * energy.meter_months(ts, reading, time_zone, modulus, multiplier, event,
 * on_decrease, role, open_hi, open_lo): one meter's consumption per month of
 * local time, as energy.meter_buckets(..., 'month', ...) gives it, with each
 * month's compensated sum as its two parts (sum_hi + sum_lo is the
 * consumption) and the reading that ends its last interval (the meter's last
 * reading, in its last month), so that a later call can continue it exactly.
 * A row's role:
 *   NULL     a reading;
 *   'seed'   the last reading already walked (ts, reading, event), with the
 *            sum of its month so far (open_hi, open_lo): the readings after it
 *            give the same months, to the last bit, as a walk of the whole
 *            series;
 *   'skip'   the caller cannot continue this meter: the result is NULL.
 * An unpaired replacement row at either end of the series counts as a plain
 * reading, and on_decrease 'restart' counts any decrease (not a rollover) as
 * a counter restarting from zero.
 */
/*
 * The state, energy.meter_months_state (0.2.0): one meter's readings so far
 * and its settings, the seed with its month's sum so far, and whether to
 * skip, as a value with exact text and binary forms, so that Citus can run
 * the aggregate partially on its workers and combine the states.
 *
 * It is not an expanded object (nor, since, are energy.meter_state and
 * energy.meter_rollup_state below 8 MB): an expanded object lives in a
 * memory context of its own, and PostgreSQL 15's hash aggregation adds up
 * the memory of every child context of the aggregate's context each time it
 * creates a group, so one context per meter makes hashing thousands of
 * meters quadratic (the live ledgers' time-order load of 10 000 meters a
 * statement took twice as long).  The state is one flat value instead, with
 * room for more readings beyond n: the transition function appends in place
 * (it may: AggCheckCallContext) and returns the same pointer; when the room
 * runs out it returns a copy with twice the room, which the aggregate copies
 * into its own context, freeing the old one.
 */
typedef struct MonthsState
{
	int32		vl_len_;		/* the header and the room for readings */
	int32		version;
	double		modulus;		/* 0: none */
	double		multiplier;
	int64		null_readings;
	MeterPoint	seed;			/* zero without one */
	double		open_hi;		/* the seed's month so far */
	double		open_lo;
	int32		n;				/* readings */
	bool		settings_known; /* modulus and multiplier */
	bool		restart;		/* on_decrease 'restart' (else 'flag') */
	bool		has_seed;
	bool		skip;
	char		tz[64];			/* "" until the first row */
	MeterPoint	pts[FLEXIBLE_ARRAY_MEMBER];
} MonthsState;

#define MONTHS_STATE_VERSION 1
#define MONTHS_HEADER offsetof(MonthsState, pts)
#define MONTHS_ROOM(ms) ((int) ((VARSIZE(ms) - MONTHS_HEADER) / sizeof(MeterPoint)))

static const char *const decrease_rules[] = {"flag", "restart"};

static void invalid_months(const char *why) pg_attribute_noreturn();
static void
invalid_months(const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid energy.meter_months_state: %s", why)));
}

/*
 * A copy of ms (NULL: a new empty state) with room for at least 'need'
 * readings (twice what ms had; 8 at first: the live ledgers' append path
 * folds one or two new readings of each of thousands of meters at once,
 * and a first room of 64 cost each of them 2 kB to allocate and zero), in
 * the current memory context; ms itself is left as it is (the aggregate
 * frees its old value).
 */
static MonthsState *
months_grown(const MonthsState *ms, int64 need)
{
	int64		room = Max(need, ms ? 2 * (int64) MONTHS_ROOM(ms) : 8);
	MonthsState *g;

	if (room > (int64) ((MaxAllocSize - MONTHS_HEADER) / sizeof(MeterPoint)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many readings for one energy.meter_months_state")));
	g = palloc0(MONTHS_HEADER + sizeof(MeterPoint) * (Size) room);
	if (ms)
		memcpy(g, ms, MONTHS_HEADER + sizeof(MeterPoint) * (Size) ms->n);
	else
	{
		g->version = MONTHS_STATE_VERSION;
		g->multiplier = 1;
	}
	SET_VARSIZE(g, MONTHS_HEADER + sizeof(MeterPoint) * (Size) room);
	return g;
}

/* Argument argno (not NULL) as a state, after the checks of its size that cost nothing. */
static MonthsState *
months_arg(FunctionCallInfo fcinfo, int argno)
{
	MonthsState *ms = (MonthsState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));

	if (VARSIZE(ms) < MONTHS_HEADER || (VARSIZE(ms) - MONTHS_HEADER) % sizeof(MeterPoint) != 0 ||
		ms->version != MONTHS_STATE_VERSION || ms->n < 0 || ms->n > MONTHS_ROOM(ms))
		invalid_months("wrong version or size");
	return ms;
}

static bool
point_valid(const MeterPoint *p)
{
	return p->event >= EVENT_READ && p->event <= EVENT_NEW_INITIAL && !isnan(p->reading) && !isinf(p->reading) &&
		IS_VALID_TIMESTAMP(p->ts);
}

/* Checks what a state may hold (its input functions, and before it is read). */
static void
months_check(const MonthsState *ms)
{
	if (!(ms->modulus >= 0) || isinf(ms->modulus))
		invalid_months("bad modulus");
	if (!(ms->multiplier > 0) || isinf(ms->multiplier))
		invalid_months("bad multiplier");
	if (ms->null_readings < 0)
		invalid_months("negative count");
	if (memchr(ms->tz, '\0', sizeof(ms->tz)) == NULL || ms->tz[0] == '\0')
		invalid_months("no time zone");
	if (ms->has_seed && (!point_valid(&ms->seed) || isnan(ms->open_hi) || isinf(ms->open_hi) ||
						 isnan(ms->open_lo) || isinf(ms->open_lo)))
		invalid_months("bad seed");
	for (int i = 0; i < ms->n; i++)
		if (!point_valid(&ms->pts[i]))
			invalid_months("bad reading");
}

/*
 * The readings and settings of a state as a MeterState (sharing its points),
 * for meter_add, set_settings and meter_walk (which read neither its bucket
 * nor its time zone).
 */
static MeterState
months_meter(const MonthsState *ms)
{
	MeterState	m;

	m.modulus = ms->modulus;
	m.multiplier = ms->multiplier;
	m.settings_known = ms->settings_known;
	m.unit[0] = m.tz[0] = '\0';
	m.null_readings = ms->null_readings;
	m.n = ms->n;
	m.cap = MONTHS_ROOM(ms);
	m.pts = (MeterPoint *) ms->pts;
	return m;
}

static const char *
text_arg(FunctionCallInfo fcinfo, int argno, const char *dflt)
{
	return PG_ARGISNULL(argno) ? dflt : text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

/*
 * Whether text argument argno (dflt when NULL) is s, a string in a buffer of
 * size bytes; no copy (every row's time zone and rule are compared).
 */
static bool
text_arg_is(FunctionCallInfo fcinfo, int argno, const char *dflt, const char *s, size_t size)
{
	text	   *t;
	size_t		len;

	if (PG_ARGISNULL(argno))
		return strcmp(dflt, s) == 0;
	t = PG_GETARG_TEXT_PP(argno);
	len = VARSIZE_ANY_EXHDR(t);
	/* a text holds no zero byte: equal when s ends right after the same bytes */
	return len < size && s[len] == '\0' && memcmp(VARDATA_ANY(t), s, len) == 0;
}

static void months_settings_differ(const MonthsState *ms, const char *tz, const char *rule) pg_attribute_noreturn();
static void
months_settings_differ(const MonthsState *ms, const char *tz, const char *rule)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 strcmp(ms->tz, tz) != 0
			 ? errmsg("one meter's months are asked for in two time zones: \"%s\" and \"%s\"", ms->tz, tz)
			 : errmsg("one meter's months are asked for with two on_decrease rules: %s and %s",
					  decrease_rules[ms->restart], rule),
			 errhint("Aggregate each meter separately (GROUP BY meter), in one time zone and with its own on_decrease rule.")));
}

/* The seed (and its month's sum so far) a walk continues from: one per meter. */
static void
months_seed(MonthsState *ms, const MeterPoint *seed, double open_hi, double open_lo)
{
	if (ms->has_seed &&
		(ms->seed.ts != seed->ts || ms->seed.reading != seed->reading || ms->seed.event != seed->event ||
		 ms->open_hi != open_hi || ms->open_lo != open_lo))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("one meter's months continue from two different readings: %s at %s (its month so far %s + %s) "
						"and %s at %s (%s + %s)",
						float8out_internal(ms->seed.reading), ts_text(ms->seed.ts),
						float8out_internal(ms->open_hi), float8out_internal(ms->open_lo),
						float8out_internal(seed->reading), ts_text(seed->ts),
						float8out_internal(open_hi), float8out_internal(open_lo)),
				 errhint("Give at most one 'seed' row per meter: the last reading already walked, with its month's sum so far.")));
	ms->has_seed = true;
	ms->seed = *seed;
	ms->seed.pad = 0;
	ms->open_hi = open_hi;
	ms->open_lo = open_lo;
}

PG_FUNCTION_INFO_V1(meter_months_trans);
Datum
meter_months_trans(PG_FUNCTION_ARGS)
{
	MonthsState *ms;
	const char *role = text_arg(fcinfo, 8, "reading");

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.meter_months_trans() can only be called by its aggregate")));
	ms = PG_ARGISNULL(0) ? NULL : months_arg(fcinfo, 0);
	if (ms == NULL || ms->n == MONTHS_ROOM(ms))
		ms = months_grown(ms, ms ? ms->n + 1 : 1);
	if (ms->tz[0] == '\0')
	{
		/* the first row: its time zone and rule are the meter's */
		const char *tz = text_arg(fcinfo, 3, "Asia/Shanghai");
		const char *rule = text_arg(fcinfo, 7, "flag");

		if (strlen(tz) >= sizeof(ms->tz))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("time zone name too long: \"%s\"", shown_input(tz))));
		(void) DirectFunctionCall2(timestamptz_zone, CStringGetTextDatum(tz), TimestampTzGetDatum(0));
		if (strcmp(rule, "restart") == 0)
			ms->restart = true;
		else if (strcmp(rule, "flag") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown on_decrease rule \"%s\"", shown_input(rule)),
					 errhint("Use 'flag' (a drop is a reset or reverse running, not counted) or 'restart' "
							 "(a drop is a counter restarting from zero, counted from zero).")));
		strlcpy(ms->tz, tz, sizeof(ms->tz));
	}
	else if (!text_arg_is(fcinfo, 3, "Asia/Shanghai", ms->tz, sizeof(ms->tz)) ||
			 !text_arg_is(fcinfo, 7, "flag", decrease_rules[ms->restart], strlen(decrease_rules[ms->restart]) + 1))
		months_settings_differ(ms, text_arg(fcinfo, 3, "Asia/Shanghai"), text_arg(fcinfo, 7, "flag"));

	if (strcmp(role, "reading") == 0)
	{
		/* there is room for one more: meter_add appends in place */
		MeterState	m = months_meter(ms);

		(void) meter_add(fcinfo, CurrentMemoryContext, &m, 4);
		Assert(m.pts == ms->pts);
		ms->modulus = m.modulus;
		ms->multiplier = m.multiplier;
		ms->settings_known = m.settings_known;
		ms->null_readings = m.null_readings;
		ms->n = m.n;
	}
	else if (strcmp(role, "skip") == 0)
		ms->skip = true;
	else if (strcmp(role, "seed") == 0)
	{
		const char *e = text_arg(fcinfo, 6, "read");
		MeterPoint	seed = {0};
		double		open_hi = PG_ARGISNULL(9) ? 0 : PG_GETARG_FLOAT8(9),
					open_lo = PG_ARGISNULL(10) ? 0 : PG_GETARG_FLOAT8(10);
		bool		found = false;

		if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the reading a walk continues from needs a time and a value")));
		seed.ts = PG_GETARG_TIMESTAMPTZ(1);
		seed.reading = PG_GETARG_FLOAT8(2);
		for (int i = 0; i < (int) lengthof(event_names); i++)
			if (pg_strcasecmp(e, event_names[i]) == 0)
			{
				seed.event = i;
				found = true;
			}
		if (!found || !point_valid(&seed) || isnan(open_hi) || isinf(open_hi) || isnan(open_lo) || isinf(open_lo))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the reading a walk continues from must have a finite time, a finite value, an event "
							"and a finite sum so far")));
		months_seed(ms, &seed, open_hi, open_lo);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown row role \"%s\" in energy.meter_months", shown_input(role)),
				 errhint("NULL for a reading, 'seed' for the reading to continue from, 'skip'.")));
	PG_RETURN_POINTER(ms);
}

/*
 * Two states of one meter make one: the readings of both, one seed (the same
 * on both sides at most), skip if either skips; the settings must agree.
 */
PG_FUNCTION_INFO_V1(meter_months_combine);
Datum
meter_months_combine(PG_FUNCTION_ARGS)
{
	MonthsState *a;
	const MonthsState *b;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("energy.meter_months_combine() can only be called by an aggregate")));
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = months_arg(fcinfo, 1);
	months_check(b);
	a = PG_ARGISNULL(0) ? NULL : months_arg(fcinfo, 0);
	if (a == NULL || a->n + b->n > MONTHS_ROOM(a))
		a = months_grown(a, (a ? (int64) a->n : 0) + b->n);
	if (a->tz[0] == '\0')
	{
		strlcpy(a->tz, b->tz, sizeof(a->tz));
		a->restart = b->restart;
	}
	else if (strcmp(a->tz, b->tz) != 0 || a->restart != b->restart)
		months_settings_differ(a, b->tz, decrease_rules[b->restart]);
	if (b->settings_known)
	{
		MeterState	m = months_meter(a);

		set_settings(&m, b->modulus, b->multiplier);
		a->modulus = m.modulus;
		a->multiplier = m.multiplier;
		a->settings_known = true;
	}
	if (b->has_seed)
		months_seed(a, &b->seed, b->open_hi, b->open_lo);
	a->skip = a->skip || b->skip;
	a->null_readings = count_add(a->null_readings, b->null_readings, "meter null reading");
	memcpy(a->pts + a->n, b->pts, sizeof(MeterPoint) * (Size) b->n);
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(meter_months_final);
Datum
meter_months_final(PG_FUNCTION_ARGS)
{
	MonthsState *ms;
	MeterState	m;
	WalkOptions o = {0};
	BucketAcc	acc = {0};
	Oid			elem_type = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	TupleDesc	desc;
	Datum	   *elems;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ms = months_arg(fcinfo, 0);
	months_check(ms);
	if (ms->skip)
		PG_RETURN_NULL();
	if (!OidIsValid(elem_type))
		elog(ERROR, "energy.meter_months must return an array");
	/* FINALFUNC_MODIFY = READ_WRITE: the walk sorts the readings in place */
	m = months_meter(ms);
	o.has_seed = ms->has_seed;
	o.seed = ms->seed;
	o.relax_pairs = true;
	o.restart = ms->restart;
	acc.unit = "month";
	acc.tz = CStringGetTextDatum(ms->tz);
	if (o.has_seed)
	{
		Bucket	   *b = bucket_at(&acc, o.seed.ts);	/* the month walked so far */

		b->total.hi = ms->open_hi;
		b->total.lo = ms->open_lo;
		b->last = o.seed;
	}
	(void) meter_walk(&m, bucket_sink, &acc, &o);
	if (acc.n == 0 && m.n > 0)
		bucket_at(&acc, m.pts[0].ts)->last = m.pts[0];	/* a single reading: its month, 0 */

	desc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(elem_type, -1));
	elems = palloc(sizeof(Datum) * (acc.n + 1));
	for (int i = 0; i < acc.n; i++)
	{
		Datum		v[6];
		bool		n[6] = {false, false, false, false, false, false};

		v[0] = TimestampTzGetDatum(acc.b[i].start);
		v[1] = Float8GetDatum(acc.b[i].total.hi);
		v[2] = Float8GetDatum(acc.b[i].total.lo);
		v[3] = TimestampTzGetDatum(acc.b[i].last.ts);
		v[4] = Float8GetDatum(acc.b[i].last.reading);
		v[5] = CStringGetTextDatum(event_names[acc.b[i].last.event]);
		elems[i] = HeapTupleGetDatum(heap_form_tuple(desc, v, n));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, acc.n, elem_type, -1, false, TYPALIGN_DOUBLE));
}

/*
 * energy.meter_months_state's text form: JSON, exact (doubles in the shortest
 * form that reads back, times as microseconds since 2000-01-01 UTC, the time
 * zone escaped); the seed, when there is one, is [time, reading, event,
 * open_hi, open_lo].  The room for more readings is not part of it.
 */
static void
append_point(StringInfo s, const MeterPoint *p)
{
	appendStringInfo(s, INT64_FORMAT ",", p->ts);
	append_exact_double(s, p->reading);
	appendStringInfo(s, ",\"%s\"", event_names[p->event]);
}

PG_FUNCTION_INFO_V1(meter_months_state_out);
Datum
meter_months_state_out(PG_FUNCTION_ARGS)
{
	const MonthsState *ms = months_arg(fcinfo, 0);
	StringInfoData s;

	months_check(ms);
	initStringInfo(&s);
	appendStringInfo(&s, "{\"version\":%d,\"time_zone\":", MONTHS_STATE_VERSION);
	append_escaped_string(&s, ms->tz);
	appendStringInfo(&s, ",\"on_decrease\":\"%s\",\"settings_known\":%s,\"modulus\":",
					 decrease_rules[ms->restart], ms->settings_known ? "true" : "false");
	append_exact_double(&s, ms->modulus);
	appendStringInfoString(&s, ",\"multiplier\":");
	append_exact_double(&s, ms->multiplier);
	appendStringInfo(&s, ",\"null_readings\":" INT64_FORMAT ",\"skip\":%s,\"seed\":",
					 ms->null_readings, ms->skip ? "true" : "false");
	if (ms->has_seed)
	{
		appendStringInfoChar(&s, '[');
		append_point(&s, &ms->seed);
		appendStringInfoChar(&s, ',');
		append_exact_double(&s, ms->open_hi);
		appendStringInfoChar(&s, ',');
		append_exact_double(&s, ms->open_lo);
		appendStringInfoChar(&s, ']');
	}
	else
		appendStringInfoString(&s, "null");
	appendStringInfoString(&s, ",\"readings\":[");
	for (int i = 0; i < ms->n; i++)
	{
		appendStringInfoString(&s, i > 0 ? ",[" : "[");
		append_point(&s, &ms->pts[i]);
		appendStringInfoChar(&s, ']');
	}
	appendStringInfoString(&s, "]}");
	PG_RETURN_CSTRING(s.data);
}

/* "time,reading,event" at the cursor, each checked where it stands. */
static void
parse_point(Cursor *c, MeterPoint *p)
{
	const char *at;
	char	   *e;
	bool		found = false;

	memset(p, 0, sizeof(MeterPoint));
	skip_ws(c);
	at = c->p;
	p->ts = get_int64(c);
	if (!IS_VALID_TIMESTAMP(p->ts))
	{
		c->p = at;
		bad(c, "a finite time in microseconds since 2000-01-01 UTC");
	}
	expect_char(c, ',');
	p->reading = get_double(c);
	expect_char(c, ',');
	skip_ws(c);
	at = c->p;
	e = get_string(c);
	for (int i = 0; i < (int) lengthof(event_names); i++)
		if (strcmp(e, event_names[i]) == 0)
		{
			p->event = i;
			found = true;
		}
	if (!found)
	{
		c->p = at;
		bad(c, "an event: read, old_final or new_initial");
	}
}

/* p appended to a state being read (*ms grows in the current context). */
static void
months_push(MonthsState **ms, const MeterPoint *p)
{
	if ((*ms)->n == MONTHS_ROOM(*ms))
		*ms = months_grown(*ms, (*ms)->n + 1);
	(*ms)->pts[(*ms)->n++] = *p;
}

/* A state read in, without room to spare. */
static Datum
months_done(MonthsState *ms)
{
	months_check(ms);
	SET_VARSIZE(ms, MONTHS_HEADER + sizeof(MeterPoint) * (Size) ms->n);
	PG_RETURN_POINTER(ms);
}

PG_FUNCTION_INFO_V1(meter_months_state_in);
Datum
meter_months_state_in(PG_FUNCTION_ARGS)
{
	Cursor		c;
	MonthsState *ms = months_grown(NULL, 0);
	const char *at;
	char	   *v;

	cursor_init(&c, PG_GETARG_CSTRING(0), "energy.meter_months_state",
				"A meter months state's text form is what its output function prints (Citus ships it between nodes).");
	expect_char(&c, '{');
	expect_key(&c, "version");
	if (get_count(&c) != MONTHS_STATE_VERSION)
		bad(&c, "version 1");
	expect_char(&c, ',');
	expect_key(&c, "time_zone");
	skip_ws(&c);
	at = c.p;
	v = get_escaped_string(&c);
	if (v[0] == '\0' || strlen(v) >= sizeof(ms->tz))
	{
		c.p = at;
		bad(&c, "a time zone of 1 to 63 bytes");
	}
	strlcpy(ms->tz, v, sizeof(ms->tz));
	expect_char(&c, ',');
	expect_key(&c, "on_decrease");
	skip_ws(&c);
	at = c.p;
	v = get_string(&c);
	if (strcmp(v, "restart") == 0)
		ms->restart = true;
	else if (strcmp(v, "flag") != 0)
	{
		c.p = at;
		bad(&c, "on_decrease \"flag\" or \"restart\"");
	}
	expect_char(&c, ',');
	expect_key(&c, "settings_known");
	ms->settings_known = get_bool(&c);
	expect_char(&c, ',');
	expect_key(&c, "modulus");
	skip_ws(&c);
	at = c.p;
	ms->modulus = get_double(&c);
	if (ms->modulus < 0)
	{
		c.p = at;
		bad(&c, "a modulus of 0 (none) or more");
	}
	expect_char(&c, ',');
	expect_key(&c, "multiplier");
	skip_ws(&c);
	at = c.p;
	ms->multiplier = get_double(&c);
	if (ms->multiplier <= 0)
	{
		c.p = at;
		bad(&c, "a positive multiplier");
	}
	expect_char(&c, ',');
	expect_key(&c, "null_readings");
	ms->null_readings = get_count(&c);
	expect_char(&c, ',');
	expect_key(&c, "skip");
	ms->skip = get_bool(&c);
	expect_char(&c, ',');
	expect_key(&c, "seed");
	skip_ws(&c);
	if (strncmp(c.p, "null", 4) == 0)
		c.p += 4;
	else
	{
		MeterPoint	seed;
		double		open_hi,
					open_lo;

		if (!accept_char(&c, '['))
			bad(&c, "null or [time, reading, event, open_hi, open_lo]");
		parse_point(&c, &seed);
		expect_char(&c, ',');
		open_hi = get_double(&c);
		expect_char(&c, ',');
		open_lo = get_double(&c);
		expect_char(&c, ']');
		months_seed(ms, &seed, open_hi, open_lo);
	}
	expect_char(&c, ',');
	expect_key(&c, "readings");
	expect_char(&c, '[');
	if (!accept_char(&c, ']'))
	{
		do
		{
			MeterPoint	p;

			expect_char(&c, '[');
			parse_point(&c, &p);
			expect_char(&c, ']');
			months_push(&ms, &p);
		} while (accept_char(&c, ','));
		expect_char(&c, ']');
	}
	expect_char(&c, '}');
	expect_end(&c);
	return months_done(ms);
}

static void
send_point(StringInfo buf, const MeterPoint *p)
{
	pq_sendint64(buf, p->ts);
	pq_sendfloat8(buf, p->reading);
	pq_sendbyte(buf, p->event);
}

static void
recv_point(StringInfo buf, MeterPoint *p)
{
	memset(p, 0, sizeof(MeterPoint));
	p->ts = pq_getmsgint64(buf);
	p->reading = pq_getmsgfloat8(buf);
	p->event = pq_getmsgbyte(buf);
}

/* 0 or 1, else the state is refused. */
static bool
recv_flag(StringInfo buf)
{
	int			b = pq_getmsgbyte(buf);

	if (b != 0 && b != 1)
		invalid_months("a flag that is neither 0 nor 1");
	return b == 1;
}

PG_FUNCTION_INFO_V1(meter_months_state_send);
Datum
meter_months_state_send(PG_FUNCTION_ARGS)
{
	const MonthsState *ms = months_arg(fcinfo, 0);
	StringInfoData buf;

	months_check(ms);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, MONTHS_STATE_VERSION);
	pq_sendstring(&buf, ms->tz);
	pq_sendbyte(&buf, ms->restart);
	pq_sendbyte(&buf, ms->settings_known);
	pq_sendfloat8(&buf, ms->modulus);
	pq_sendfloat8(&buf, ms->multiplier);
	pq_sendint64(&buf, ms->null_readings);
	pq_sendbyte(&buf, ms->skip);
	pq_sendbyte(&buf, ms->has_seed);
	if (ms->has_seed)
	{
		send_point(&buf, &ms->seed);
		pq_sendfloat8(&buf, ms->open_hi);
		pq_sendfloat8(&buf, ms->open_lo);
	}
	pq_sendint32(&buf, ms->n);
	for (int i = 0; i < ms->n; i++)
		send_point(&buf, &ms->pts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(meter_months_state_recv);
Datum
meter_months_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MonthsState *ms;
	const char *tz;
	int			n;

	if (pq_getmsgint(buf, 4) != MONTHS_STATE_VERSION)
		invalid_months("unknown version");
	ms = months_grown(NULL, 0);
	tz = pq_getmsgstring(buf);
	if (strlen(tz) >= sizeof(ms->tz))
		invalid_months("time zone too long");
	strlcpy(ms->tz, tz, sizeof(ms->tz));
	ms->restart = recv_flag(buf);
	ms->settings_known = recv_flag(buf);
	ms->modulus = pq_getmsgfloat8(buf);
	ms->multiplier = pq_getmsgfloat8(buf);
	ms->null_readings = pq_getmsgint64(buf);
	ms->skip = recv_flag(buf);
	if (recv_flag(buf))
	{
		MeterPoint	seed;
		double		open_hi,
					open_lo;

		recv_point(buf, &seed);
		open_hi = pq_getmsgfloat8(buf);
		open_lo = pq_getmsgfloat8(buf);
		months_seed(ms, &seed, open_hi, open_lo);
	}
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > (buf->len - buf->cursor) / 17)
		invalid_months("wrong number of readings");
	if (n > MONTHS_ROOM(ms))
		ms = months_grown(ms, n);
	for (int i = 0; i < n; i++)
		recv_point(buf, &ms->pts[ms->n++]);
	pq_getmsgend(buf);
	return months_done(ms);
}
