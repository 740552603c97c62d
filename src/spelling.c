/*
 * spelling.c — see spelling.h.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "spelling.h"

/* Decode one UTF-8 code point; returns its length in bytes (1 on bad bytes). */
static int
utf8_next(const unsigned char *s, uint32 *cp)
{
	if (s[0] < 0x80)
	{
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80)
	{
		*cp = ((uint32) (s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
	{
		*cp = ((uint32) (s[0] & 0x0F) << 12) | ((uint32) (s[1] & 0x3F) << 6) |
			(s[2] & 0x3F);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 &&
		(s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80)
	{
		*cp = ((uint32) (s[0] & 0x07) << 18) | ((uint32) (s[1] & 0x3F) << 12) |
			((uint32) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

static bool
is_ignored(uint32 cp)
{
	switch (cp)
	{
		case ' ':
		case '\t':
		case '\n':
		case '\r':
		case '\f':
		case '\v':
		case '_':
		case '-':
		case '^':
		case '*':
		case 0x00B7:			/* · middle dot */
		case 0x30FB:			/* ・ katakana middle dot */
		case 0x3000:			/* ideographic space */
			return true;
		default:
			return false;
	}
}

bool
spelling_fold_utf8(const char *utf8, char *out)
{
	const unsigned char *s = (const unsigned char *) utf8;
	int			n = 0;

	while (*s)
	{
		uint32		cp;
		int			len = utf8_next(s, &cp);

		if (cp >= 0xFF01 && cp <= 0xFF5E)	/* full-width ASCII */
			cp -= 0xFEE0;
		if (cp == 0x00B3)		/* superscript three: m³ = m3 */
			cp = '3';

		if (is_ignored(cp))
		{
			s += len;
			continue;
		}
		if (cp < 0x80)
		{
			if (n + 1 >= SPELLING_MAX)
				return false;
			out[n++] = (cp >= 'A' && cp <= 'Z') ? (char) (cp + ('a' - 'A')) : (char) cp;
		}
		else
		{
			if (n + len >= SPELLING_MAX)
				return false;
			memcpy(out + n, s, len);
			n += len;
		}
		s += len;
	}
	out[n] = '\0';
	return n > 0;
}

bool
spelling_fold(const char *text, char *out)
{
	char	   *utf8 = pg_server_to_any(text, strlen(text), PG_UTF8);
	bool		ok = spelling_fold_utf8(utf8, out);

	if (utf8 != text)
		pfree(utf8);
	return ok;
}
