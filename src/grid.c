/*
 * energy.grid_unit(double precision): the last binary digit of a double (its
 * unit in the last place), the grid energy.month_parts puts a bill's monthly
 * parts on so that they add up exactly to the bill's amount as a double.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"

PG_FUNCTION_INFO_V1(energy_grid_unit);

/*
 * 2^(e - 53) for a = m × 2^e with 0.5 <= |m| < 1 (frexp): every double of
 * the same binade as a, and of any smaller one, is a whole multiple of it;
 * never below the smallest subnormal, 2^-1074.  1 for zero (any unit will do:
 * every part of zero is zero).  NaN and infinity have none: an error.
 */
Datum
energy_grid_unit(PG_FUNCTION_ARGS)
{
	double		a = PG_GETARG_FLOAT8(0);
	int			e;

	if (!isfinite(a))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an amount of %s has no binary grid", isnan(a) ? "NaN" : (a > 0 ? "Infinity" : "-Infinity")),
				 errhint("Amounts are finite numbers.")));
	if (a == 0)
		PG_RETURN_FLOAT8(1.0);
	(void) frexp(a, &e);
	PG_RETURN_FLOAT8(ldexp(1.0, e - 53 < -1074 ? -1074 : e - 53));
}
