/*
 * textio.h — the JSON text forms of energy.ledger and energy.meter_summary:
 * writing doubles so that they read back exactly, and reading with a cursor
 * over the input and the few tokens they use, each failing with 22P02, the
 * position and what was expected.
 */
#ifndef ENERGY_TEXTIO_H
#define ENERGY_TEXTIO_H

#include "postgres.h"

#include "lib/stringinfo.h"

typedef struct Cursor
{
	const char *text;
	const char *p;
	const char *type_name;		/* for messages: "energy.ledger" */
	const char *hint;
} Cursor;

/* d in the shortest form that reads back exactly, whatever the settings. */
extern void append_exact_double(StringInfo s, double d);

extern void cursor_init(Cursor *c, const char *text, const char *type_name, const char *hint);
extern void bad(Cursor *c, const char *expected) pg_attribute_noreturn();
extern void skip_ws(Cursor *c);
extern void expect_char(Cursor *c, char ch);
extern bool accept_char(Cursor *c, char ch);
extern char *get_string(Cursor *c);		/* a string without escapes */
/* Any string (no zero byte): '"', '\\' and control characters escaped. */
extern void append_escaped_string(StringInfo s, const char *str);
extern char *get_escaped_string(Cursor *c);	/* what append_escaped_string writes */
extern void expect_key(Cursor *c, const char *key);
extern int64 get_int64(Cursor *c);		/* an integer */
extern int64 get_count(Cursor *c);		/* a non-negative integer */
extern double get_double(Cursor *c);	/* a finite number */
extern bool get_bool(Cursor *c);
extern void expect_end(Cursor *c);

/*
 * A value to echo in an error message: itself when short, otherwise its
 * first 60 bytes (whole characters), "…" and its length — a message must
 * not grow with a mistaken input of megabytes.
 */
extern const char *shown_input(const char *s);

#endif
