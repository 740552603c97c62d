/*
 * textio.c — see textio.h.
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "mb/pg_wchar.h"

#include "textio.h"

void
append_exact_double(StringInfo s, double d)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(d, buf);
	appendStringInfoString(s, buf);
}

void
cursor_init(Cursor *c, const char *text, const char *type_name, const char *hint)
{
	c->text = c->p = text;
	c->type_name = type_name;
	c->hint = hint;
}

void
bad(Cursor *c, const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: expected %s at character %d",
					c->type_name, expected, (int) (c->p - c->text) + 1),
			 errhint("%s", c->hint)));
}

void
skip_ws(Cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

void
expect_char(Cursor *c, char ch)
{
	char		what[4] = {'"', ch, '"', 0};

	skip_ws(c);
	if (*c->p != ch)
		bad(c, what);
	c->p++;
}

bool
accept_char(Cursor *c, char ch)
{
	skip_ws(c);
	if (*c->p != ch)
		return false;
	c->p++;
	return true;
}

char *
get_string(Cursor *c)
{
	const char *start;

	expect_char(c, '"');
	start = c->p;
	while (*c->p && *c->p != '"' && *c->p != '\\')
		c->p++;
	if (*c->p != '"')
		bad(c, "the end of a string");
	c->p++;
	return pnstrdup(start, c->p - start - 1);
}

void
append_escaped_string(StringInfo s, const char *str)
{
	appendStringInfoChar(s, '"');
	for (const unsigned char *p = (const unsigned char *) str; *p; p++)
	{
		if (*p == '"' || *p == '\\')
			appendStringInfo(s, "\\%c", *p);
		else if (*p < 0x20)
			appendStringInfo(s, "\\u%04x", *p);
		else
			appendStringInfoChar(s, (char) *p);
	}
	appendStringInfoChar(s, '"');
}

char *
get_escaped_string(Cursor *c)
{
	StringInfoData v;

	expect_char(c, '"');
	initStringInfo(&v);
	while (*c->p != '"')
	{
		if (*c->p == '\0')
			bad(c, "the end of a string");
		if (*c->p != '\\')
		{
			appendStringInfoChar(&v, *c->p++);
			continue;
		}
		if (c->p[1] == '"' || c->p[1] == '\\')
		{
			appendStringInfoChar(&v, c->p[1]);
			c->p += 2;
		}
		else if (strncmp(c->p + 1, "u00", 3) == 0 && (c->p[4] == '0' || c->p[4] == '1') &&
				 ((c->p[5] >= '0' && c->p[5] <= '9') || (c->p[5] >= 'a' && c->p[5] <= 'f')) &&
				 !(c->p[4] == '0' && c->p[5] == '0'))
		{
			/* a control character, as append_escaped_string writes it */
			appendStringInfoChar(&v, (char) ((c->p[4] - '0') * 16 +
											 (c->p[5] <= '9' ? c->p[5] - '0' : c->p[5] - 'a' + 10)));
			c->p += 6;
		}
		else
			bad(c, "\\\", \\\\ or \\u0001 to \\u001f");
	}
	c->p++;
	return v.data;
}

void
expect_key(Cursor *c, const char *key)
{
	const char *at = c->p;
	char	   *k = get_string(c);

	if (strcmp(k, key) != 0)
	{
		c->p = at;
		bad(c, psprintf("key \"%s\"", key));
	}
	expect_char(c, ':');
}

/*
 * The end of a number as JSON writes one at p — an optional minus, 0 or a
 * digit 1–9 and more digits, an optional fraction, an optional exponent —
 * or NULL.  The parsers of C take more (a plus sign, leading zeros,
 * hexadecimal, "inf"): a state is text we wrote, and what we never write is
 * refused, not read as something else.
 */
static const char *
json_number_end(const char *p, bool integer)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (integer)
		return p;
	if (*p == '.')
	{
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E')
	{
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

/* An integer, and whether it may be negative (else "a non-negative integer"). */
static int64
get_integer(Cursor *c, bool signed_ok)
{
	char	   *end;
	long long	v;
	const char *json_end;

	skip_ws(c);
	json_end = json_number_end(c->p, true);
	if (json_end == NULL)
		bad(c, signed_ok ? "an integer" : "a non-negative integer");
	errno = 0;
	v = strtoll(c->p, &end, 10);
	if (end != json_end || errno != 0 || (!signed_ok && v < 0))
		bad(c, signed_ok ? "an integer" : "a non-negative integer");
	c->p = end;
	return (int64) v;
}

int64
get_int64(Cursor *c)
{
	return get_integer(c, true);
}

int64
get_count(Cursor *c)
{
	return get_integer(c, false);
}

double
get_double(Cursor *c)
{
	char	   *end;
	double		v;

	const char *json_end;

	skip_ws(c);
	json_end = json_number_end(c->p, false);
	if (json_end == NULL)
		bad(c, "a number");
	errno = 0;
	v = strtod(c->p, &end);
	if (end != json_end || isnan(v) || isinf(v))
		bad(c, "a finite number");
	/* too small for a double, read as 0: not what was written (a double we
	 * wrote, however small, reads back as itself) */
	if (v == 0.0 && errno == ERANGE)
		bad(c, "a number a double can hold");
	c->p = end;
	return v;
}

bool
get_bool(Cursor *c)
{
	skip_ws(c);
	if (strncmp(c->p, "true", 4) == 0)
	{
		c->p += 4;
		return true;
	}
	if (strncmp(c->p, "false", 5) == 0)
	{
		c->p += 5;
		return false;
	}
	bad(c, "true or false");
}

void
expect_end(Cursor *c)
{
	skip_ws(c);
	if (*c->p != '\0')
		bad(c, "the end of the input");
}

#define SHOWN_INPUT_MAX 64
#define SHOWN_INPUT_HEAD 60

const char *
shown_input(const char *s)
{
	size_t		len;

	if (s == NULL)
		return "NULL";
	len = strlen(s);
	if (len <= SHOWN_INPUT_MAX)
		return s;
	return psprintf("%.*s…[%zu bytes]", pg_mbcliplen(s, (int) Min(len, (size_t) SHOWN_INPUT_MAX), SHOWN_INPUT_HEAD),
					s, len);
}
