/*
 * server.c — the few PostgreSQL server functions that energy_ext's input and
 * output functions call, re-implemented for the fuzzing harness (issue 14),
 * which runs the parsers outside the server under libFuzzer, AddressSanitizer
 * and UndefinedBehaviorSanitizer.
 *
 * Written for this harness from the documented contracts in the server's
 * headers (utils/palloc.h, utils/elog.h, lib/stringinfo.h, libpq/pqformat.h,
 * utils/expandeddatum.h); nothing here is taken from PostgreSQL's sources.
 * What matters for fuzzing is that they fail the way the server does:
 *
 *  - memory: every palloc is its own malloc, so that AddressSanitizer sees
 *    the bounds of each chunk (in the server a chunk sits inside a larger
 *    block, and a small overrun goes unnoticed).  Chunks belong to contexts;
 *    deleting a context frees its chunks and its children.  harness_reset()
 *    frees everything a case allocated.
 *  - errors: ereport(ERROR) records the SQLSTATE and the formatted message
 *    and jumps to *PG_exception_stack, like the server's error recovery; the
 *    harness checks both.  An elog() (an internal error, SQLSTATE XX000) or a
 *    level above ERROR is a finding.
 *  - binary input: pq_getmsg* check the bounds as the server does (08P01,
 *    "insufficient data left in message"); pq_getmsgtext validates UTF-8 as
 *    the server's client-to-server conversion does (22021).
 *  - encodings: the server encoding is UTF-8.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "nodes/memnodes.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "server.h"

/* ---------- memory contexts ---------- */

typedef struct Chunk
{
	struct Chunk *prev;
	struct Chunk *next;
	struct FakeContext *owner;
	Size		size;
	/* the server keeps the owning context just before each chunk */
	MemoryContext context;
} Chunk;

#define CHUNK_HDR MAXALIGN(sizeof(Chunk))

typedef struct FakeContext
{
	MemoryContextData base;		/* first: a MemoryContext points here */
	Chunk		chunks;			/* list head */
	struct FakeContext *parent;
	struct FakeContext *first_child;
	struct FakeContext *next_sibling;
} FakeContext;

static FakeContext root;
MemoryContext CurrentMemoryContext = NULL;
MemoryContext TopMemoryContext = NULL;
MemoryContext ErrorContext = NULL;

static void
context_init(FakeContext *c, FakeContext *parent, const char *name)
{
	memset(c, 0, sizeof(FakeContext));
	c->base.type = T_AllocSetContext;
	c->base.name = name;
	c->chunks.next = c->chunks.prev = &c->chunks;
	c->parent = parent;
	if (parent)
	{
		c->next_sibling = parent->first_child;
		parent->first_child = c;
		c->base.parent = &parent->base;
	}
}

static void
harness_oom(Size size)
{
	fprintf(stderr, "harness: cannot allocate %zu bytes\n", (size_t) size);
	abort();
}

static void *
chunk_alloc(MemoryContext mc, Size size, bool zero)
{
	FakeContext *c = (FakeContext *) mc;
	Chunk	   *ch;

	if (!AllocSizeIsValid(size))
	{
		/* the server's "invalid memory alloc request size" is an elog: XX000 */
		elog(ERROR, "invalid memory alloc request size %zu", (size_t) size);
	}
	ch = zero ? calloc(1, CHUNK_HDR + size) : malloc(CHUNK_HDR + size);
	if (ch == NULL)
		harness_oom(size);
	ch->owner = c;
	ch->size = size;
	ch->context = mc;
	ch->next = c->chunks.next;
	ch->prev = &c->chunks;
	c->chunks.next->prev = ch;
	c->chunks.next = ch;
	return (char *) ch + CHUNK_HDR;
}

static Chunk *
chunk_of(void *p)
{
	return (Chunk *) ((char *) p - CHUNK_HDR);
}

static void
chunk_unlink(Chunk *ch)
{
	ch->prev->next = ch->next;
	ch->next->prev = ch->prev;
}

void *
MemoryContextAlloc(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, false);
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, true);
}

void *
MemoryContextAllocZeroAligned(MemoryContext context, Size size)
{
	return chunk_alloc(context, size, true);
}

void *
MemoryContextAllocExtended(MemoryContext context, Size size, int flags)
{
	return chunk_alloc(context, size, (flags & MCXT_ALLOC_ZERO) != 0);
}

void *
palloc(Size size)
{
	return chunk_alloc(CurrentMemoryContext, size, false);
}

void *
palloc0(Size size)
{
	return chunk_alloc(CurrentMemoryContext, size, true);
}

void *
palloc_extended(Size size, int flags)
{
	return chunk_alloc(CurrentMemoryContext, size, (flags & MCXT_ALLOC_ZERO) != 0);
}

void
pfree(void *pointer)
{
	Chunk	   *ch = chunk_of(pointer);

	chunk_unlink(ch);
	free(ch);
}

void *
repalloc(void *pointer, Size size)
{
	Chunk	   *old = chunk_of(pointer);
	void	   *p = chunk_alloc(&old->owner->base, size, false);

	memcpy(p, pointer, Min(size, old->size));
	pfree(pointer);
	return p;
}

char *
MemoryContextStrdup(MemoryContext context, const char *string)
{
	size_t		n = strlen(string) + 1;
	char	   *p = chunk_alloc(context, n, false);

	memcpy(p, string, n);
	return p;
}

char *
pstrdup(const char *in)
{
	return MemoryContextStrdup(CurrentMemoryContext, in);
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *p;

	len = strnlen(in, len);
	p = palloc(len + 1);
	memcpy(p, in, len);
	p[len] = '\0';
	return p;
}

char *
psprintf(const char *fmt,...)
{
	StringInfoData s;
	va_list		args;

	initStringInfo(&s);
	for (;;)
	{
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&s, fmt, args);
		va_end(args);
		if (needed == 0)
			return s.data;
		enlargeStringInfo(&s, needed);
	}
}

MemoryContext
AllocSetContextCreateInternal(MemoryContext parent, const char *name,
							  Size minContextSize, Size initBlockSize, Size maxBlockSize)
{
	FakeContext *c = malloc(sizeof(FakeContext));

	(void) minContextSize;
	(void) initBlockSize;
	(void) maxBlockSize;
	if (c == NULL)
		harness_oom(sizeof(FakeContext));
	context_init(c, (FakeContext *) parent, name);
	return &c->base;
}

static void
context_free_contents(FakeContext *c)
{
	while (c->first_child)
	{
		FakeContext *child = c->first_child;

		c->first_child = child->next_sibling;
		context_free_contents(child);
		free(child);
	}
	while (c->chunks.next != &c->chunks)
	{
		Chunk	   *ch = c->chunks.next;

		chunk_unlink(ch);
		free(ch);
	}
}

void
MemoryContextDelete(MemoryContext context)
{
	FakeContext *c = (FakeContext *) context;

	if (c == &root)
		abort();
	if (c->parent)
	{
		FakeContext **link = &c->parent->first_child;

		while (*link != c)
			link = &(*link)->next_sibling;
		*link = c->next_sibling;
	}
	context_free_contents(c);
	free(c);
}

void
MemoryContextReset(MemoryContext context)
{
	context_free_contents((FakeContext *) context);
}

/* ---------- errors ---------- */

sigjmp_buf *PG_exception_stack = NULL;
ErrorContextCallback *error_context_stack = NULL;

HarnessError harness_error;
static int	pending_level;

bool
errstart(int elevel, const char *domain)
{
	(void) domain;
	if (elevel < ERROR)
		return false;			/* notices and warnings: not reported */
	pending_level = elevel;
	harness_error.level = elevel;
	harness_error.sqlerrcode = ERRCODE_INTERNAL_ERROR;	/* unless errcode() says */
	harness_error.message[0] = '\0';
	harness_error.hint[0] = '\0';
	harness_error.has_message = false;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	harness_error.filename = filename;
	harness_error.lineno = lineno;
	harness_error.funcname = funcname;
	if (pending_level > ERROR || PG_exception_stack == NULL)
	{
		fprintf(stderr, "harness: level %d error outside any handler at %s:%d: %s\n",
				pending_level, filename, lineno, harness_error.message);
		abort();
	}
	siglongjmp(*PG_exception_stack, 1);
}

void
pg_re_throw(void)
{
	if (PG_exception_stack == NULL)
		abort();
	siglongjmp(*PG_exception_stack, 1);
}

int
errcode(int sqlerrcode)
{
	harness_error.sqlerrcode = sqlerrcode;
	return 0;
}

#define FORMAT_INTO(buf, fmt) \
	do { \
		va_list		args_; \
		va_start(args_, fmt); \
		pg_vsnprintf(buf, sizeof(buf), fmt, args_); \
		va_end(args_); \
	} while (0)

int
errmsg(const char *fmt,...)
{
	FORMAT_INTO(harness_error.message, fmt);
	harness_error.has_message = true;
	harness_error.internal = false;
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	FORMAT_INTO(harness_error.message, fmt);
	harness_error.has_message = true;
	harness_error.internal = true;
	return 0;
}

int
errdetail(const char *fmt,...)
{
	char		buf[1024];

	FORMAT_INTO(buf, fmt);
	return 0;
}

int
errdetail_internal(const char *fmt,...)
{
	char		buf[1024];

	FORMAT_INTO(buf, fmt);
	return 0;
}

int
errhint(const char *fmt,...)
{
	FORMAT_INTO(harness_error.hint, fmt);
	return 0;
}

/* ---------- StringInfo ---------- */

void
initStringInfo(StringInfo str)
{
	str->maxlen = 1024;
	str->data = palloc(str->maxlen);
	resetStringInfo(str);
}

StringInfo
makeStringInfo(void)
{
	StringInfo	s = palloc(sizeof(StringInfoData));

	initStringInfo(s);
	return s;
}

void
resetStringInfo(StringInfo str)
{
	str->data[0] = '\0';
	str->len = 0;
	str->cursor = 0;
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	Size		want;
	Size		cap;

	if (needed < 0 || (Size) needed >= MaxAllocSize - (Size) str->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("out of memory: cannot enlarge string buffer containing %d bytes by %d more bytes",
						str->len, needed)));
	want = (Size) str->len + needed + 1;
	if (want <= (Size) str->maxlen)
		return;
	cap = str->maxlen;
	while (cap < want)
		cap *= 2;
	if (cap > MaxAllocSize)
		cap = MaxAllocSize;
	str->data = repalloc(str->data, cap);
	str->maxlen = (int) cap;
}

int
appendStringInfoVA(StringInfo str, const char *fmt, va_list args)
{
	size_t		avail = str->maxlen - str->len;
	int			n = pg_vsnprintf(str->data + str->len, avail, fmt, args);

	if (n < 0)
		elog(ERROR, "vsnprintf failed");
	if ((size_t) n < avail)
	{
		str->len += n;
		return 0;
	}
	str->data[str->len] = '\0';
	return n + 1;
}

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(str, fmt, args);
		va_end(args);
		if (needed == 0)
			return;
		enlargeStringInfo(str, needed);
	}
}

void
appendBinaryStringInfo(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
	str->data[str->len] = '\0';
}

void
appendBinaryStringInfoNT(StringInfo str, const char *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
}

void
appendStringInfoString(StringInfo str, const char *s)
{
	appendBinaryStringInfo(str, s, strlen(s));
}

void
appendStringInfoChar(StringInfo str, char ch)
{
	appendBinaryStringInfo(str, &ch, 1);
}

/* ---------- the binary protocol: building and reading messages ---------- */

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	/* room for the varlena header */
	appendBinaryStringInfoNT(buf, "\0\0\0\0", 4);
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union
	{
		float8		f;
		int64		i;
	}			u;

	u.f = f;
	pq_sendint64(buf, u.i);
}

void
pq_sendbytes(StringInfo buf, const char *data, int datalen)
{
	appendBinaryStringInfo(buf, data, datalen);
}

void
pq_sendtext(StringInfo buf, const char *str, int slen)
{
	appendBinaryStringInfo(buf, str, slen);
}

void
pq_sendstring(StringInfo buf, const char *str)
{
	appendBinaryStringInfoNT(buf, str, strlen(str) + 1);
}

static void
short_message(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROTOCOL_VIOLATION),
			 errmsg("insufficient data left in message")));
}

const char *
pq_getmsgbytes(StringInfo msg, int datalen)
{
	const char *p;

	if (datalen < 0 || datalen > msg->len - msg->cursor)
		short_message();
	p = &msg->data[msg->cursor];
	msg->cursor += datalen;
	return p;
}

void
pq_copymsgbytes(StringInfo msg, char *buf, int datalen)
{
	memcpy(buf, pq_getmsgbytes(msg, datalen), datalen);
}

int
pq_getmsgbyte(StringInfo msg)
{
	return (unsigned char) *pq_getmsgbytes(msg, 1);
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	const unsigned char *p = (const unsigned char *) pq_getmsgbytes(msg, b);
	unsigned int v = 0;

	if (b != 1 && b != 2 && b != 4)
		elog(ERROR, "unsupported integer size %d", b);
	/* big-endian, unsigned (1 and 2 bytes are not sign-extended) */
	for (int i = 0; i < b; i++)
		v = (v << 8) | p[i];
	return v;
}

int64
pq_getmsgint64(StringInfo msg)
{
	const unsigned char *p = (const unsigned char *) pq_getmsgbytes(msg, 8);
	uint64		v = 0;

	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return (int64) v;
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union
	{
		float8		f;
		int64		i;
	}			u;

	u.i = pq_getmsgint64(msg);
	return u.f;
}

char *
pq_getmsgtext(StringInfo msg, int rawbytes, int *nbytes)
{
	const char *s = pq_getmsgbytes(msg, rawbytes);

	if (pg_encoding_verifymbstr(PG_UTF8, s, rawbytes) != rawbytes)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid byte sequence for encoding \"UTF8\"")));
	*nbytes = rawbytes;
	return pnstrdup(s, rawbytes);
}

const char *
pq_getmsgstring(StringInfo msg)
{
	const char *s = &msg->data[msg->cursor];
	int			slen = strnlen(s, msg->len - msg->cursor);

	if (msg->cursor + slen >= msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("invalid string in message")));
	msg->cursor += slen + 1;
	/* the server converts (and so validates) client text here too */
	if (pg_encoding_verifymbstr(PG_UTF8, s, slen) != slen)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid byte sequence for encoding \"UTF8\"")));
	return s;
}

void
pq_getmsgend(StringInfo msg)
{
	if (msg->cursor != msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("invalid message format")));
}

/* ---------- encodings (the server's is UTF-8) ---------- */

int
GetDatabaseEncoding(void)
{
	return PG_UTF8;
}

char *
pg_server_to_any(const char *s, int len, int encoding)
{
	(void) len;
	(void) encoding;
	return unconstify(char *, s);	/* same encoding: as is, unchecked */
}

bool
pg_verifymbstr(const char *mbstr, int len, bool noError)
{
	if (pg_encoding_verifymbstr(PG_UTF8, mbstr, len) == len)
		return true;
	if (!noError)
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid byte sequence for encoding \"UTF8\"")));
	return false;
}

int
pg_mblen(const char *mbstr)
{
	return pg_utf_mblen((const unsigned char *) mbstr);
}

int
pg_mbcliplen(const char *mbstr, int len, int limit)
{
	int			clen = 0;

	/* the bytes of the whole characters that fit in limit (UTF-8, as the server's) */
	while (clen < len && *mbstr)
	{
		int			l = pg_mblen(mbstr);

		if (clen + l > limit)
			break;
		clen += l;
		mbstr += l;
	}
	return clen;
}

int
pg_mbstrlen_with_len(const char *mbstr, int limit)
{
	int			len = 0;

	while (limit > 0 && *mbstr)
	{
		int			l = pg_mblen(mbstr);

		limit -= l;
		mbstr += l;
		len++;
	}
	return len;
}

/* ---------- varlena and text ---------- */

struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	if (VARATT_IS_EXTENDED(datum))
	{
		fprintf(stderr, "harness: a toasted or short value reached pg_detoast_datum\n");
		abort();
	}
	return datum;
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	return datum;
}

/* A copy of its own (the meter states' final functions outside an aggregate). */
struct varlena *
pg_detoast_datum_copy(struct varlena *datum)
{
	struct varlena *copy = palloc(VARSIZE(pg_detoast_datum(datum)));

	memcpy(copy, datum, VARSIZE(datum));
	return copy;
}

text *
cstring_to_text_with_len(const char *s, int len)
{
	text	   *t = palloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

text *
cstring_to_text(const char *s)
{
	return cstring_to_text_with_len(s, strlen(s));
}

char *
text_to_cstring(const text *t)
{
	text	   *tunpacked = pg_detoast_datum_packed(unconstify(text *, t));

	return pnstrdup(VARDATA_ANY(tunpacked), VARSIZE_ANY_EXHDR(tunpacked));
}

/* ---------- expanded objects ---------- */

static void
set_expanded_pointer(char *ptr, vartag_external tag, ExpandedObjectHeader *eoh)
{
	varatt_expanded e;

	e.eohptr = eoh;
	SET_VARTAG_EXTERNAL(ptr, tag);
	memcpy(VARDATA_EXTERNAL(ptr), &e, sizeof(e));
}

void
EOH_init_header(ExpandedObjectHeader *eohptr, const ExpandedObjectMethods *methods, MemoryContext obj_context)
{
	eohptr->vl_len_ = EOH_HEADER_MAGIC;
	eohptr->eoh_methods = methods;
	eohptr->eoh_context = obj_context;
	set_expanded_pointer(eohptr->eoh_rw_ptr, VARTAG_EXPANDED_RW, eohptr);
	set_expanded_pointer(eohptr->eoh_ro_ptr, VARTAG_EXPANDED_RO, eohptr);
}

ExpandedObjectHeader *
DatumGetEOHP(Datum d)
{
	varatt_expanded e;

	memcpy(&e, VARDATA_EXTERNAL(DatumGetPointer(d)), sizeof(e));
	return e.eohptr;
}

Size
EOH_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return eohptr->eoh_methods->get_flat_size(eohptr);
}

void
EOH_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	eohptr->eoh_methods->flatten_into(eohptr, result, allocated_size);
}

/* ---------- function calls ---------- */

bool		harness_in_aggregate = true;
Oid			harness_arg_type = InvalidOid;

int
AggCheckCallContext(FunctionCallInfo fcinfo, MemoryContext *aggcontext)
{
	(void) fcinfo;
	if (!harness_in_aggregate)
		return 0;
	if (aggcontext)
		*aggcontext = CurrentMemoryContext;
	return 1;					/* AGG_CONTEXT_AGGREGATE */
}

Oid
get_fn_expr_argtype(FmgrInfo *flinfo, int argnum)
{
	(void) flinfo;
	(void) argnum;
	return harness_arg_type;
}

Datum
DirectFunctionCall1Coll(PGFunction func, Oid collation, Datum arg1)
{
	LOCAL_FCINFO(fcinfo, 1);
	Datum		result;

	InitFunctionCallInfoData(*fcinfo, NULL, 1, collation, NULL, NULL);
	fcinfo->args[0].value = arg1;
	fcinfo->args[0].isnull = false;
	result = (*func) (fcinfo);
	if (fcinfo->isnull)
		elog(ERROR, "function %p returned NULL", (void *) func);
	return result;
}

/*
 * The readable copy of a time in the text forms (never read back): the
 * server prints it in the session's time zone; here microseconds will do.
 */
Datum
timestamptz_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(psprintf("us " INT64_FORMAT, PG_GETARG_TIMESTAMPTZ(0)));
}

/* ---------- the harness's own ---------- */

void
harness_init(void)
{
	if (TopMemoryContext)
		return;
	context_init(&root, NULL, "harness");
	TopMemoryContext = ErrorContext = CurrentMemoryContext = &root.base;
}

void
harness_reset(void)
{
	context_free_contents(&root);
	CurrentMemoryContext = &root.base;
	PG_exception_stack = NULL;
	error_context_stack = NULL;
}

/* ---------- small helpers the extension's messages use ---------- */

char *
unpack_sql_state(int sql_state)
{
	static char buf[6];

	for (int i = 0; i < 5; i++)
	{
		buf[i] = PGUNSIXBIT(sql_state);
		sql_state >>= 6;
	}
	buf[5] = '\0';
	return buf;
}

char *
float8out_internal(double num)
{
	return psprintf("%.17g", num);
}

void *
repalloc_huge(void *pointer, Size size)
{
	return repalloc(pointer, size);
}
