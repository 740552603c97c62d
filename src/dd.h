/*
 * dd.h — compensated sums (double-double): a total kept as hi + lo, where lo
 * gathers the rounding error of every addition (Knuth's TwoSum).  Used by
 * the ledger and meter aggregates, so that the order values arrive in
 * changes a total by about 1e-16 of its size.
 */
#ifndef ENERGY_DD_H
#define ENERGY_DD_H

/* A compensated sum: the value is hi + lo. */
typedef struct DD
{
	double		hi;
	double		lo;
} DD;

/* Knuth's TwoSum: hi + x exactly as a new hi plus an error term. */
static inline void
dd_add(DD *s, double x)
{
	double		t = s->hi + x;
	double		bp = t - s->hi;
	double		err = (s->hi - (t - bp)) + (x - bp);

	s->hi = t;
	s->lo += err;
}

static inline void
dd_merge(DD *s, const DD *o)
{
	dd_add(s, o->hi);
	s->lo += o->lo;
}

static inline double
dd_value(const DD *s)
{
	return s->hi + s->lo;
}

#endif
