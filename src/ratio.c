/*
 * ratio.c — see ratio.h.
 */
#include "postgres.h"

#include <stdlib.h>
#include <string.h>

#include "ratio.h"

Ratio
ratio_from_decimal(const char *text)
{
	double		digits = 0,
				scale = 1;
	int			ndigits = 0;
	bool		after_point = false;
	const char *p = text;
	const char *end = text + strlen(text);

	if (*p == '+')
		p++;
	/* zeros after the last significant digit of a fraction count for nothing
	 * (0.1229000000000000, as a numeric column may print it, is 0.1229) */
	if (strchr(p, '.') != NULL && strpbrk(p, "eE") == NULL)
		while (end > p && end[-1] == '0')
			end--;
	for (; p < end; p++)
	{
		if (*p == '.' && !after_point)
		{
			after_point = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			return ratio(strtod(text, NULL), 1);	/* exponent or sign: not plain */
		if (ndigits > 0 || *p != '0')
			ndigits++;
		if (ndigits > 15)
			return ratio(strtod(text, NULL), 1);
		digits = digits * 10 + (*p - '0');
		if (after_point)
			scale *= 10;
	}
	return ratio(digits, scale);
}
