/*
 * targets.c — libFuzzer targets for energy_ext's parsers (issue 14).  One
 * binary holds them all; the name it runs by chooses the target (see
 * 'targets' below; tools/fuzz.sh links it under each name).  Each case runs the extension's own C functions (src/, every .c
 * compiled unchanged) on the fuzzer's bytes through the stand-ins of
 * server.c, and checks what a user of the server would rely on:
 *
 *  - no crash, no memory error, no undefined behaviour (ASan, UBSan);
 *  - bad input fails with ereport(ERROR) and a user-facing SQLSTATE of the
 *    target's list, with a message; never an internal error (elog, XX000);
 *  - what is accepted prints back and reads back to the same value: text
 *    in -> out -> in -> out gives the same text twice, binary recv -> send
 *    -> recv -> send the same bytes, and the text form of a value received
 *    in binary reads back to the same binary form;
 *  - figures are finite: every accessor and a value combined with itself
 *    either give a finite number or fail with 22003 (never Infinity or NaN).
 *
 * A finding aborts with the input saved by libFuzzer (crash-<sha1>).
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "../src/carrier.h"
#include "../src/unit.h"
#include "../src/factor.h"
#include "server.h"

/* ---------- the extension's functions under test ---------- */

extern Datum carrier_in(PG_FUNCTION_ARGS);
extern Datum carrier_out(PG_FUNCTION_ARGS);
extern Datum carrier_recv(PG_FUNCTION_ARGS);
extern Datum carrier_send(PG_FUNCTION_ARGS);
extern Datum energy_credit_code_problem(PG_FUNCTION_ARGS);
extern Datum ledger_in(PG_FUNCTION_ARGS);
extern Datum ledger_out(PG_FUNCTION_ARGS);
extern Datum ledger_recv(PG_FUNCTION_ARGS);
extern Datum ledger_send(PG_FUNCTION_ARGS);
extern Datum ledger_combine(PG_FUNCTION_ARGS);
extern Datum ledger_final(PG_FUNCTION_ARGS);
extern Datum ledger_kgce(PG_FUNCTION_ARGS);
extern Datum ledger_tce(PG_FUNCTION_ARGS);
extern Datum ledger_kgco2(PG_FUNCTION_ARGS);
extern Datum ledger_tco2(PG_FUNCTION_ARGS);
extern Datum meter_summary_in(PG_FUNCTION_ARGS);
extern Datum meter_summary_out(PG_FUNCTION_ARGS);
extern Datum meter_summary_recv(PG_FUNCTION_ARGS);
extern Datum meter_summary_send(PG_FUNCTION_ARGS);
extern Datum meter_consumption(PG_FUNCTION_ARGS);
extern Datum meter_state_in(PG_FUNCTION_ARGS);
extern Datum meter_state_out(PG_FUNCTION_ARGS);
extern Datum meter_state_recv(PG_FUNCTION_ARGS);
extern Datum meter_state_send(PG_FUNCTION_ARGS);
extern Datum meter_combine(PG_FUNCTION_ARGS);
extern Datum meter_trans(PG_FUNCTION_ARGS);
extern Datum meter_final(PG_FUNCTION_ARGS);
extern Datum meter_rollup_state_in(PG_FUNCTION_ARGS);
extern Datum meter_rollup_state_out(PG_FUNCTION_ARGS);
extern Datum meter_rollup_state_recv(PG_FUNCTION_ARGS);
extern Datum meter_rollup_state_send(PG_FUNCTION_ARGS);
extern Datum meter_rollup_combine(PG_FUNCTION_ARGS);
extern Datum meter_rollup_trans(PG_FUNCTION_ARGS);
extern Datum meter_rollup_final(PG_FUNCTION_ARGS);
extern Datum meter_months_state_in(PG_FUNCTION_ARGS);
extern Datum meter_months_state_out(PG_FUNCTION_ARGS);
extern Datum meter_months_state_recv(PG_FUNCTION_ARGS);
extern Datum meter_months_state_send(PG_FUNCTION_ARGS);
extern Datum meter_months_combine(PG_FUNCTION_ARGS);

/* ---------- calling them as the server would ---------- */

/* SQLSTATEs a target's bad input may fail with (0-terminated). */
static const int *allowed_errors;

static void finding(const char *what) pg_attribute_noreturn();
static void
finding(const char *what)
{
	fprintf(stderr, "FINDING: %s\n", what);
	if (harness_error.filename)
		fprintf(stderr, "  last error: %s (SQLSTATE %s) at %s:%d\n", harness_error.message,
				unpack_sql_state(harness_error.sqlerrcode), harness_error.filename, harness_error.lineno);
	abort();
}

static void
check_error(void)
{
	if (harness_error.internal || !harness_error.has_message)
		finding("an internal error (elog) or an error without a message");
	for (const int *e = allowed_errors; *e; e++)
		if (*e == harness_error.sqlerrcode)
			return;
	finding("an error with a SQLSTATE this input function must not raise");
}

/*
 * fn(args...) with 'nargs' arguments (NULL where isnull); true and *result
 * when it returned, false when it raised an error (checked).
 */
static bool
call(PGFunction fn, Datum *result, int nargs, const Datum *args, const bool *isnull)
{
	LOCAL_FCINFO(fcinfo, 4);
	FmgrInfo	flinfo;
	sigjmp_buf	jump;
	sigjmp_buf *volatile outer = PG_exception_stack;

	memset(&flinfo, 0, sizeof(flinfo));
	flinfo.fn_nargs = nargs;
	flinfo.fn_mcxt = CurrentMemoryContext;
	InitFunctionCallInfoData(*fcinfo, &flinfo, nargs, InvalidOid, NULL, NULL);
	for (int i = 0; i < nargs; i++)
	{
		fcinfo->args[i].value = args[i];
		fcinfo->args[i].isnull = isnull ? isnull[i] : false;
	}
	if (sigsetjmp(jump, 0) == 0)
	{
		PG_exception_stack = &jump;
		*result = fn(fcinfo);
		PG_exception_stack = outer;
		return !fcinfo->isnull;
	}
	PG_exception_stack = outer;
	check_error();
	return false;
}

static bool
call1(PGFunction fn, Datum *result, Datum a)
{
	return call(fn, result, 1, &a, NULL);
}

static bool
call2(PGFunction fn, Datum *result, Datum a, Datum b)
{
	Datum		args[2] = {a, b};

	return call(fn, result, 2, args, NULL);
}

/* fn(a, NULL, NULL): an accessor with its optional arguments left out. */
static bool
call_optional(PGFunction fn, Datum *result, Datum a)
{
	Datum		args[3] = {a, 0, 0};
	bool		nulls[3] = {false, true, true};

	return call(fn, result, 3, args, nulls);
}

static char *
cstring_of(const uint8_t *data, size_t size)
{
	char	   *s = palloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';				/* a cstring ends at its first NUL */
	return s;
}

static StringInfoData
message_of(const char *data, int size)
{
	StringInfoData m;

	initStringInfo(&m);
	appendBinaryStringInfo(&m, data, size);
	return m;
}

static bytea *
to_bytes(Datum d)
{
	return (bytea *) DatumGetPointer(d);
}

static void
same_text(const char *a, const char *b, const char *what)
{
	if (strcmp(a, b) != 0)
	{
		fprintf(stderr, "first:  %s\nsecond: %s\n", a, b);
		finding(what);
	}
}

static void
same_bytes(const bytea *a, const bytea *b, const char *what)
{
	if (VARSIZE(a) != VARSIZE(b) || memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) != 0)
		finding(what);
}

/* A float8 result must be finite; 22003 is the only acceptable failure. */
static void
finite_or_range_error(PGFunction fn, Datum v, const char *what)
{
	static const int range_errors[] = {ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, ERRCODE_UNDEFINED_OBJECT,
	ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, 0};
	const int  *saved = allowed_errors;
	Datum		r;

	allowed_errors = range_errors;
	if (call_optional(fn, &r, v) && !isfinite(DatumGetFloat8(r)))
		finding(what);
	allowed_errors = saved;
}

/*
 * A type's text and binary forms: in -> out -> in -> out gives the same
 * text, the value's binary form reads back to itself.  Returns the value
 * read (0 when the input was refused).
 */
typedef struct TypeIO
{
	PGFunction	in,
				out,
				recv,
				send;
} TypeIO;

static Datum
text_round_trip(const TypeIO *t, const char *text)
{
	Datum		v,
				v2,
				o1,
				o2,
				b1,
				b2,
				v3;
	StringInfoData m;

	if (!call1(t->in, &v, CStringGetDatum(text)))
		return 0;
	if (!call1(t->out, &o1, v) || !call1(t->in, &v2, o1) || !call1(t->out, &o2, v2))
		finding("a value read from text does not print and read back");
	same_text(DatumGetCString(o1), DatumGetCString(o2), "text -> value -> text is not stable");
	/*
	 * Text that is not UTF-8 never reaches an input function in the server
	 * (it checks what clients send); here it must still parse safely, but
	 * its binary form, whose strings the server checks, need not read back.
	 */
	if (pg_encoding_verifymbstr(PG_UTF8, text, strlen(text)) != (int) strlen(text))
		return v;
	if (!call1(t->send, &b1, v))
		finding("a value read from text does not send");
	m = message_of(VARDATA(to_bytes(b1)), VARSIZE(to_bytes(b1)) - VARHDRSZ);
	if (!call1(t->recv, &v3, PointerGetDatum(&m)) || !call1(t->send, &b2, v3))
		finding("a value's binary form does not read back");
	same_bytes(to_bytes(b1), to_bytes(b2), "binary -> value -> binary is not stable");
	return v;
}

static Datum
binary_round_trip(const TypeIO *t, const uint8_t *data, size_t size)
{
	Datum		v,
				v2,
				b1,
				b2,
				o,
				v3,
				b3;
	StringInfoData m = message_of((const char *) data, (int) size);
	StringInfoData m2;

	if (!call1(t->recv, &v, PointerGetDatum(&m)))
		return 0;
	if (!call1(t->send, &b1, v))
		finding("a received value does not send");
	m2 = message_of(VARDATA(to_bytes(b1)), VARSIZE(to_bytes(b1)) - VARHDRSZ);
	if (!call1(t->recv, &v2, PointerGetDatum(&m2)) || !call1(t->send, &b2, v2))
		finding("a sent value does not read back");
	same_bytes(to_bytes(b1), to_bytes(b2), "binary -> value -> binary is not stable");
	if (!call1(t->out, &o, v) || !call1(t->in, &v3, o) || !call1(t->send, &b3, v3))
		finding("a received value does not print and read back");
	same_bytes(to_bytes(b1), to_bytes(b3), "binary -> text -> binary is not stable");
	return v;
}

/* ---------- the targets ---------- */

static const int text_errors[] = {ERRCODE_INVALID_TEXT_REPRESENTATION, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
ERRCODE_PROGRAM_LIMIT_EXCEEDED, 0};
static const int binary_errors[] = {ERRCODE_INVALID_BINARY_REPRESENTATION, ERRCODE_PROTOCOL_VIOLATION,
ERRCODE_CHARACTER_NOT_IN_REPERTOIRE, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, 0};
/* a carrier's binary form is its code as text: a bad code is bad text */
static const int carrier_binary_errors[] = {ERRCODE_INVALID_TEXT_REPRESENTATION, ERRCODE_PROTOCOL_VIOLATION,
ERRCODE_CHARACTER_NOT_IN_REPERTOIRE, 0};
static const int no_errors[] = {0};

static const TypeIO carrier_io = {carrier_in, carrier_out, carrier_recv, carrier_send};
static const TypeIO ledger_io = {ledger_in, ledger_out, ledger_recv, ledger_send};
static const TypeIO summary_io = {meter_summary_in, meter_summary_out, meter_summary_recv, meter_summary_send};
static const TypeIO state_io = {meter_state_in, meter_state_out, meter_state_recv, meter_state_send};
static const TypeIO rollup_io = {meter_rollup_state_in, meter_rollup_state_out,
meter_rollup_state_recv, meter_rollup_state_send};
static const TypeIO months_io = {meter_months_state_in, meter_months_state_out,
meter_months_state_recv, meter_months_state_send};

/* Carrier: what reads back is the same carrier. */
static void
check_carrier(Datum v)
{
	Datum		o,
				v2;

	if (!call1(carrier_out, &o, v) || !call1(carrier_in, &v2, o) || DatumGetCarrier(v2) != DatumGetCarrier(v))
		finding("a carrier's code does not read back to the same carrier");
}

/* A unit found in a group is found again by its canonical name. */
static void
fuzz_unit(const char *text)
{
	for (int g = UG_NONE + 1; g < UG__COUNT; g++)
	{
		const UnitInfo *u = unit_lookup((UnitGroup) g, text);

		if (u && ((int) u->group != g || unit_lookup((UnitGroup) g, u->name) != u))
			finding("a unit does not look up again by its canonical name");
	}
}

/* Regions: three provinces as energy.region holds them. */
static void
fuzz_region(const char *text)
{
	static RegionRow rows[] = {
		{.code = "110000", .short_zh = "北京", .name_zh = "北京市", .grid = "north"},
		{.code = "210000", .short_zh = "辽宁", .name_zh = "辽宁省", .grid = "northeast"},
		{.code = "450000", .short_zh = "广西", .name_zh = "广西壮族自治区", .grid = "south"},
	};
	RefData		ref;
	const RegionRow *r;

	memset(&ref, 0, sizeof(ref));
	ref.nregions = lengthof(rows);
	ref.regions = rows;
	r = refdata_region(&ref, text);
	if (r && (r < rows || r >= rows + lengthof(rows)))
		finding("a region that is not in the table");
	if (r && strncmp(text, r->code, 2) == 0 && strspn(text, "0123456789") == strlen(text) &&
		(strlen(text) == 2 || strlen(text) == 4 || strlen(text) == 6) && refdata_region(&ref, r->code) != r)
		finding("a province code does not find its province");
}

/* What is wrong with a credit code; NULL (a well-formed code) only for 18 ASCII characters. */
static void
fuzz_credit_code(const uint8_t *data, size_t size)
{
	Datum		r;

	/* the server hands a function only valid text of the database encoding */
	if (pg_encoding_verifymbstr(PG_UTF8, (const char *) data, (int) size) != (int) size)
		return;
	if (!call1(energy_credit_code_problem, &r, PointerGetDatum(cstring_to_text_with_len((const char *) data, (int) size))) &&
		size != 18)
		finding("a code that is not 18 bytes long passed the check");
}

/* A ledger's figures, and the ledger added to itself. */
static void
check_ledger(Datum v)
{
	Datum		sum,
				fin;

	finite_or_range_error(ledger_kgce, v, "a ledger's kgce is not finite");
	finite_or_range_error(ledger_tce, v, "a ledger's tce is not finite");
	finite_or_range_error(ledger_kgco2, v, "a ledger's kgCO2 is not finite");
	finite_or_range_error(ledger_tco2, v, "a ledger's tCO2 is not finite");
	{
		static const int range_errors[] = {ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, 0};
		const int  *saved = allowed_errors;
		struct varlena *copy = palloc(VARSIZE(DatumGetPointer(v)));

		memcpy(copy, DatumGetPointer(v), VARSIZE(DatumGetPointer(v)));
		allowed_errors = range_errors;
		if (call2(ledger_combine, &sum, PointerGetDatum(copy), v) && call1(ledger_final, &fin, sum))
		{
			finite_or_range_error(ledger_kgce, fin, "a ledger added to itself has a kgce that is not finite");
			finite_or_range_error(ledger_kgco2, fin, "a ledger added to itself has a kgCO2 that is not finite");
		}
		allowed_errors = saved;
	}
}

static void
check_summary(Datum v)
{
	finite_or_range_error(meter_consumption, v, "a summary's consumption is not finite");
}

/* A copy of a varlena value. */
static Datum
copy_of(Datum v)
{
	struct varlena *copy = palloc(VARSIZE(DatumGetPointer(v)));

	memcpy(copy, DatumGetPointer(v), VARSIZE(DatumGetPointer(v)));
	return PointerGetDatum(copy);
}

static void
unchanged(Datum before, Datum v, const char *what)
{
	if (VARSIZE(DatumGetPointer(before)) != VARSIZE(DatumGetPointer(v)) ||
		memcmp(DatumGetPointer(before), DatumGetPointer(v), VARSIZE(DatumGetPointer(v))) != 0)
		finding(what);
}

/* A state the transition function returned prints and reads back. */
static void
prints_back(const TypeIO *t, Datum v, const char *what)
{
	Datum		o,
				v2,
				o2;

	if (!call1(t->out, &o, v) || !call1(t->in, &v2, o) || !call1(t->out, &o2, v2))
		finding(what);
	same_text(DatumGetCString(o), DatumGetCString(o2), what);
}

/*
 * A meter state: combined with itself three times, as an aggregate combines
 * its workers' states into its own (a copy first: the combine function
 * appends to its first argument in place when it has room, as it has by the
 * third time for a few readings), then finalised; the second argument never
 * changes.  A reading appended by the transition function (which grows the
 * state, read without room to spare, or fails as the server would); the
 * state finalised.
 */
static void
check_state(Datum v)
{
	static const int final_errors[] = {ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, ERRCODE_INVALID_PARAMETER_VALUE,
	ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, ERRCODE_PROGRAM_LIMIT_EXCEEDED, 0};
	const int  *saved = allowed_errors;
	Datum		before = copy_of(v),
				s,
				c;
	Datum		args[3] = {copy_of(v), TimestampTzGetDatum(0), Float8GetDatum(1)};

	allowed_errors = final_errors;
	harness_arg_type = FLOAT8OID;	/* any type but internal: the 0.2.0 state */
	if (call2(meter_combine, &c, copy_of(v), v) && call2(meter_combine, &c, c, v) &&
		call2(meter_combine, &c, c, v) && call1(meter_final, &s, c))
		check_summary(s);
	unchanged(before, v, "the combine function changed its second argument");
	if (call(meter_trans, &c, 3, args, NULL))
	{
		allowed_errors = saved;
		prints_back(&state_io, c, "a meter state with a reading appended does not print and read back");
		allowed_errors = final_errors;
		if (call1(meter_final, &s, c))
			check_summary(s);
	}
	if (call1(meter_final, &s, v))
		check_summary(s);
	allowed_errors = saved;
}

/* The same for a rollup state, with a summary of its own appended under a meter's name. */
static void
check_rollup(Datum v)
{
	static const int final_errors[] = {ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, ERRCODE_INVALID_PARAMETER_VALUE,
	ERRCODE_DATA_EXCEPTION, ERRCODE_PROGRAM_LIMIT_EXCEEDED, 0};
	const int  *saved = allowed_errors;
	Datum		before = copy_of(v),
				s,
				c,
				summary;

	allowed_errors = final_errors;
	harness_arg_type = FLOAT8OID;
	if (call2(meter_rollup_combine, &c, copy_of(v), v) && call2(meter_rollup_combine, &c, c, v) &&
		call2(meter_rollup_combine, &c, c, v) && call1(meter_rollup_final, &s, c))
		check_summary(s);
	unchanged(before, v, "the combine function changed its second argument");
	allowed_errors = text_errors;
	if (!call1(meter_summary_in, &summary, CStringGetDatum(
		"{\"version\":1,\"first_time\":\"\",\"last_time\":\"\",\"first_us\":0,\"last_us\":3600000000,"
		"\"first_reading\":1,\"last_reading\":2.5,\"modulus\":0,\"multiplier\":1,\"consumption\":1.5,"
		"\"consumption_err\":0,\"reverse_amount\":0,\"readings\":2,\"null_readings\":0,\"duplicates\":0,"
		"\"rollovers\":0,\"resets\":0,\"replacements\":0,\"reversals\":0}")))
		finding("the harness's own summary does not read");
	{
		Datum		args[3] = {copy_of(v), summary, PointerGetDatum(cstring_to_text("M\"1 电表"))};

		allowed_errors = final_errors;
		if (call(meter_rollup_trans, &c, 3, args, NULL))
		{
			allowed_errors = saved;
			prints_back(&rollup_io, c, "a rollup state with a summary appended does not print and read back");
			allowed_errors = final_errors;
			if (call1(meter_rollup_final, &s, c))
				check_summary(s);
		}
	}
	if (call1(meter_rollup_final, &s, v))
		check_summary(s);
	allowed_errors = saved;
}

/*
 * A months state (the live ledgers' energy.meter_months) combined with a
 * copy of itself, as two shards' states are, prints and reads back.  Its
 * final function needs the catalogs (its row type) and time zones: not
 * fuzzed here; test/sql/citus.sql covers it.
 */
static void
check_months(Datum v)
{
	static const int combine_errors[] = {ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, ERRCODE_INVALID_PARAMETER_VALUE,
	ERRCODE_PROGRAM_LIMIT_EXCEEDED, 0};
	const int  *saved = allowed_errors;
	struct varlena *copy = palloc(VARSIZE(DatumGetPointer(v)));
	Datum		c,
				o,
				v2,
				o2;

	memcpy(copy, DatumGetPointer(v), VARSIZE(DatumGetPointer(v)));
	allowed_errors = combine_errors;
	if (call2(meter_months_combine, &c, PointerGetDatum(copy), v))
	{
		allowed_errors = saved;
		if (!call1(meter_months_state_out, &o, c) || !call1(meter_months_state_in, &v2, o) ||
			!call1(meter_months_state_out, &o2, v2))
			finding("a combined months state does not print and read back");
		same_text(DatumGetCString(o), DatumGetCString(o2), "combined months state: text -> value -> text is not stable");
	}
	allowed_errors = saved;
}

/* ---------- one case ---------- */

static void
carrier_text(const uint8_t *data, size_t size)
{
	Datum		v;

	allowed_errors = text_errors;
	if ((v = text_round_trip(&carrier_io, cstring_of(data, size))) != 0)
		check_carrier(v);
}

static void
carrier_binary(const uint8_t *data, size_t size)
{
	StringInfoData m = message_of((const char *) data, (int) size);
	Datum		v;

	allowed_errors = carrier_binary_errors;
	if (call1(carrier_recv, &v, PointerGetDatum(&m)))
		check_carrier(v);
}

static void
unit_text(const uint8_t *data, size_t size)
{
	allowed_errors = no_errors;
	fuzz_unit(cstring_of(data, size));
}

static void
region_text(const uint8_t *data, size_t size)
{
	allowed_errors = no_errors;
	fuzz_region(cstring_of(data, size));
}

static void
credit_code(const uint8_t *data, size_t size)
{
	allowed_errors = no_errors;
	fuzz_credit_code(data, size);
}

#define TEXT_TARGET(name, io, check) \
static void \
name(const uint8_t *data, size_t size) \
{ \
	Datum		v; \
\
	allowed_errors = text_errors; \
	if ((v = text_round_trip(io, cstring_of(data, size))) != 0) \
		check(v); \
}
#define BINARY_TARGET(name, io, check) \
static void \
name(const uint8_t *data, size_t size) \
{ \
	Datum		v; \
\
	allowed_errors = binary_errors; \
	if ((v = binary_round_trip(io, data, size)) != 0) \
		check(v); \
}

TEXT_TARGET(ledger_text, &ledger_io, check_ledger)
BINARY_TARGET(ledger_binary, &ledger_io, check_ledger)
TEXT_TARGET(summary_text, &summary_io, check_summary)
BINARY_TARGET(summary_binary, &summary_io, check_summary)
TEXT_TARGET(meter_state_text, &state_io, check_state)
BINARY_TARGET(meter_state_binary, &state_io, check_state)
TEXT_TARGET(rollup_state_text, &rollup_io, check_rollup)
BINARY_TARGET(rollup_state_binary, &rollup_io, check_rollup)
TEXT_TARGET(months_state_text, &months_io, check_months)
BINARY_TARGET(months_state_binary, &months_io, check_months)

typedef void (*Target) (const uint8_t *data, size_t size);

static const struct
{
	const char *name;
	Target		run;
}			targets[] pg_attribute_unused() = {
#define T(name) {#name, name}
	T(carrier_text), T(carrier_binary), T(unit_text), T(region_text), T(credit_code),
	T(ledger_text), T(ledger_binary), T(summary_text), T(summary_binary),
	T(meter_state_text), T(meter_state_binary), T(rollup_state_text), T(rollup_state_binary),
	T(months_state_text), T(months_state_binary),
#undef T
};

#ifndef FUZZ_SEEDGEN

/*
 * One binary for every target: the name it is run by says which
 * (tools/fuzz.sh links it under each name).
 */
static Target target;

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *slash = strrchr((*argv)[0], '/');
	const char *name = slash ? slash + 1 : (*argv)[0];

	(void) argc;
	for (int i = 0; i < (int) lengthof(targets); i++)
		if (strcmp(name, targets[i].name) == 0)
			target = targets[i].run;
	if (target == NULL)
	{
		fprintf(stderr, "no fuzz target is called \"%s\"; the targets:", name);
		for (int i = 0; i < (int) lengthof(targets); i++)
			fprintf(stderr, " %s", targets[i].name);
		fprintf(stderr, "\n");
		exit(2);
	}
	harness_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size <= 1 << 20)
		target(data, size);
	harness_reset();
	return 0;
}

#else							/* FUZZ_SEEDGEN */

/*
 * seedgen TYPE TEXT_DIR BINARY_DIR: the binary form of each text seed of a
 * type (in, then send), so that the binary targets start from real values.
 */
#include <dirent.h>

int
main(int argc, char **argv)
{
	static const struct
	{
		const char *name;
		const TypeIO *io;
	}			types[] = {{"ledger", &ledger_io}, {"summary", &summary_io}, {"meter_state", &state_io},
	{"rollup_state", &rollup_io}, {"months_state", &months_io}};
	const TypeIO *io = NULL;
	DIR		   *dir;
	struct dirent *e;
	int			made = 0;

	if (argc != 4)
		return 2;
	for (int i = 0; i < (int) lengthof(types); i++)
		if (strcmp(argv[1], types[i].name) == 0)
			io = types[i].io;
	if (io == NULL || (dir = opendir(argv[2])) == NULL)
		return 2;
	harness_init();
	allowed_errors = text_errors;
	while ((e = readdir(dir)) != NULL)
	{
		char		path[4096];
		char		text[65536];
		FILE	   *f;
		size_t		n;
		Datum		v,
					b;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[2], e->d_name);
		if ((f = fopen(path, "rb")) == NULL)
			return 1;
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
		text[n] = '\0';
		if (!call1(io->in, &v, CStringGetDatum(text)) || !call1(io->send, &b, v))
			continue;			/* a seed of bad input: no binary form */
		snprintf(path, sizeof(path), "%s/%s", argv[3], e->d_name);
		if ((f = fopen(path, "wb")) == NULL)
			return 1;
		fwrite(VARDATA(to_bytes(b)), 1, VARSIZE(to_bytes(b)) - VARHDRSZ, f);
		fclose(f);
		made++;
	}
	closedir(dir);
	printf("seedgen %s: %d binary seeds\n", argv[1], made);
	return 0;
}
#endif							/* FUZZ_SEEDGEN */
