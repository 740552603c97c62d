/*
 * credit_code.c — energy.credit_code_problem(text): what is wrong with a
 * unified social credit code (统一社会信用代码, GB 32100-2015), or NULL when
 * it is well formed.
 *
 * A code has 18 characters from the 31 of GB 32100 (0-9 and the capitals
 * without I, O, S, V, Z): registration authority, entity category, the
 * six-digit region code, the nine-character organisation code and a check
 * character.  The check character is the one whose value is
 * 31 - (sum of value(c_i) × 3^(i-1) mod 31, i = 1..17) mod 31, with weights
 * 3^(i-1) mod 31 = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10,
 * 30, 28 (GB 32100-2015).  The standard's own example,
 * 91350100M000100Y43, passes.
 *
 * A report names the first problem only: the length, a character that is not
 * in the set (with its position), or the check character and the one
 * expected.  The model's data-quality view reports these; rows are never
 * rejected for them.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#define CREDIT_CODE_LEN 18

static const char code_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int weights[CREDIT_CODE_LEN - 1] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

/* The value (0..30) of an ASCII character of the set, or -1. */
static int
char_value(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(code_chars, c);
	return p ? (int) (p - code_chars) : -1;
}

/* The problem with 'code' ('len' bytes, server encoding), or NULL. */
static char *
credit_code_problem(const char *code, int len)
{
	int			chars = pg_mbstrlen_with_len(code, len);
	int			sum = 0;
	char		expected;

	if (chars != CREDIT_CODE_LEN)
		return psprintf("has %d character%s, not %d", chars, chars == 1 ? "" : "s", CREDIT_CODE_LEN);
	for (int i = 0, at = 0; i < CREDIT_CODE_LEN; i++)
	{
		int			l = pg_mblen(code + at);
		int			v = l == 1 ? char_value(code[at]) : -1;

		if (v < 0)
			return psprintf("character \"%.*s\" at position %d is not used in credit codes "
							"(0-9 and the capitals A-Y without I, O, S, V, Z)%s",
							l, code + at, i + 1,
							(code[at] >= 'a' && code[at] <= 'z') ? "; letters are capitals" : "");
		if (i < CREDIT_CODE_LEN - 1)
			sum += v * weights[i];
		at += l;
	}
	/* every character was one byte: the code is code[0 .. 17] */
	expected = code_chars[(31 - sum % 31) % 31];
	if (code[CREDIT_CODE_LEN - 1] != expected)
		return psprintf("check character is \"%c\", but the first 17 characters give \"%c\" (GB 32100-2015)",
						code[CREDIT_CODE_LEN - 1], expected);
	return NULL;
}

PG_FUNCTION_INFO_V1(energy_credit_code_problem);
Datum
energy_credit_code_problem(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *problem = credit_code_problem(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));

	if (problem == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(problem));
}
