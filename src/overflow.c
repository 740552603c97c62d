/*
 * overflow.c — see overflow.h.
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"

#include "overflow.h"

double
finite_result(double v, const char *what)
{
	if (unlikely(isnan(v) || isinf(v)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range for double precision (beyond ±1.8e308)", what),
				 errhint("No real consumption comes near this: look for an amount in the wrong unit "
						 "or a runaway value among the rows.")));
	return v;
}

int64
count_add(int64 a, int64 b, const char *what)
{
	int64		r;

	if (unlikely(pg_add_s64_overflow(a, b, &r)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s count out of range: " INT64_FORMAT " + " INT64_FORMAT, what, a, b)));
	return r;
}
