/*
 * overflow.h — results at the edge of double precision and of bigint: an
 * error (22003, as PostgreSQL's own float8 and int8 arithmetic raise),
 * never Infinity, NaN or a count that wraps.
 */
#ifndef ENERGY_OVERFLOW_H
#define ENERGY_OVERFLOW_H

#include "postgres.h"

/*
 * v, a result computed from finite arguments, when it is finite; otherwise
 * (a product or a sum beyond ±1.8e308) error 22003 naming 'what'.
 */
extern double finite_result(double v, const char *what);

/* a + b, two counts of 'what' (rows, readings); beyond a bigint, 22003. */
extern int64 count_add(int64 a, int64 b, const char *what);

#endif
