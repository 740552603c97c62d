/*
 * ratio.h — exact ratios for conversions.
 *
 * Published coefficients are decimals (1.4571 kgce/kg); in binary floating
 * point 1.4571 is not exact, and 1 000 kg × 1.4571 would print as
 * 1457.1000000000001.  So every factor is kept as num / den with both
 * integers held exactly in a double (1.4571 = 14571 / 10^4), factors are
 * chained by multiplying numerators and denominators, and an amount is
 * converted with one division at the end: for integral amounts (and any
 * amount whose product stays below 2^53) the result is the double nearest
 * to the exact decimal answer.
 */
#ifndef ENERGY_RATIO_H
#define ENERGY_RATIO_H

typedef struct Ratio
{
	double		num;
	double		den;
} Ratio;

static inline Ratio
ratio(double num, double den)
{
	Ratio		r = {num, den};

	return r;
}

static inline Ratio
ratio_mul(Ratio a, Ratio b)
{
	return ratio(a.num * b.num, a.den * b.den);
}

static inline Ratio
ratio_div(Ratio a, Ratio b)
{
	return ratio(a.num * b.den, a.den * b.num);
}

/* amount × r, rounded once */
static inline double
ratio_apply(double amount, Ratio r)
{
	return r.den == 1.0 ? amount * r.num : (amount * r.num) / r.den;
}

static inline double
ratio_value(Ratio r)
{
	return r.num / r.den;
}

/*
 * A plain decimal ("0.03412", "1", "1457.1") as digits / 10^scale; a value
 * with more than 15 significant digits falls back to its nearest double.
 */
extern Ratio ratio_from_decimal(const char *text);

#endif
