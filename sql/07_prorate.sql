
-- =====================================================================
-- Bill proration: energy.prorate splits the amount of a bill (or a
-- delivery) whose period does not match the calendar into calendar days,
-- months, quarters or years, so that the parts add up exactly to the bill.
--   days     periods are half-open [start, end): a bill printed as
--            2024-01-15 .. 2024-02-15 is daterange('2024-01-15', '2024-02-15')
--            and covers 01-15 .. 02-14, so the day two consecutive bills
--            share is credited to the later bill (ENERGY STAR Portfolio
--            Manager's rule).  An inclusive end, daterange(s, e, '[]'), is
--            canonicalised by PostgreSQL to [s, e + 1).
--   time     tstzrange periods are split by elapsed time, into days,
--            months, quarters or years of local civil time in a time zone
--            (default Asia/Shanghai).
--   shares   each bucket gets amount × part / whole rounded (half away from
--            zero, exactly) to 9 decimal places; the last bucket gets the
--            amount minus the other buckets, so the buckets always add up
--            exactly to the amount.
-- The four energy.prorate functions are LANGUAGE sql because plpgsql cannot
-- have an argument and a result column of the same name (amount); their
-- argument checks are the plpgsql function energy.prorate_check.
-- =====================================================================

CREATE FUNCTION energy.prorate_check(lower_bound anyelement, upper_bound anyelement, is_empty boolean,
                                     amount numeric, bucket text)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    example text := CASE WHEN pg_typeof(lower_bound) = 'date'::regtype
                         THEN 'daterange(''2024-01-15'', ''2024-02-15'')'
                         ELSE 'tstzrange(''2024-01-15 00:00+08'', ''2024-02-15 00:00+08'')' END;
BEGIN
    IF is_empty THEN
        RAISE EXCEPTION 'empty billing period'
            USING ERRCODE = '22023',
                  HINT = format('A period [start, end) needs its end after its start, e.g. %s.', example);
    END IF;
    IF lower_bound IS NULL THEN
        RAISE EXCEPTION 'billing period has no lower bound'
            USING ERRCODE = '22023',
                  HINT = format('Only a bounded period can be prorated, e.g. %s.', example);
    ELSIF NOT isfinite(lower_bound) THEN
        RAISE EXCEPTION 'billing period has an infinite lower bound (%)', lower_bound
            USING ERRCODE = '22023',
                  HINT = format('Only a bounded period can be prorated, e.g. %s.', example);
    END IF;
    IF upper_bound IS NULL THEN
        RAISE EXCEPTION 'billing period has no upper bound'
            USING ERRCODE = '22023',
                  HINT = format('Only a bounded period can be prorated, e.g. %s.', example);
    ELSIF NOT isfinite(upper_bound) THEN
        RAISE EXCEPTION 'billing period has an infinite upper bound (%)', upper_bound
            USING ERRCODE = '22023',
                  HINT = format('Only a bounded period can be prorated, e.g. %s.', example);
    END IF;
    -- Only the (start_date, end_date) form can get here with its bounds reversed.
    IF upper_bound < lower_bound THEN
        RAISE EXCEPTION 'billing period ends (%) before it starts (%)',
                        to_char(upper_bound::timestamp, 'YYYY-MM-DD'), to_char(lower_bound::timestamp, 'YYYY-MM-DD')
            USING ERRCODE = '22023',
                  HINT = 'Pass the start date first, then the end date as printed on the bill (the end date itself is not counted).';
    END IF;
    IF upper_bound = lower_bound THEN
        RAISE EXCEPTION 'empty billing period'
            USING ERRCODE = '22023',
                  HINT = format('A period [start, end) needs its end after its start, e.g. %s.', example);
    END IF;
    IF amount IS NULL THEN
        RAISE EXCEPTION 'amount must not be NULL' USING ERRCODE = '22004';
    ELSIF amount IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'amount must be a finite number, not %', amount
            USING ERRCODE = '22023',
                  HINT = 'Only a finite amount can be prorated: filter out NaN and infinite amounts first.';
    END IF;
    IF bucket IS NULL OR lower(bucket) NOT IN ('day', 'month', 'quarter', 'year') THEN
        RAISE EXCEPTION 'unknown bucket "%"', bucket
            USING ERRCODE = '22023',
                  HINT = 'Use day, month, quarter or year (in any case).';
    END IF;
    RETURN lower(bucket);
END
$$;
COMMENT ON FUNCTION energy.prorate_check(anyelement, anyelement, boolean, numeric, text) IS
    'Argument checks of energy.prorate (internal): raises 22023 for an empty period, a missing (NULL) or infinite bound, an end before the start, a NaN or infinite amount and an unknown bucket; returns the bucket name in lower case.';

CREATE FUNCTION energy.prorate(period daterange, amount numeric, bucket text DEFAULT 'month')
    RETURNS TABLE (bucket_start date, bucket_end date, days integer, amount numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT r.bucket_start, r.bucket_end, r.days,
       trim_scale(CASE WHEN r.n = r.buckets THEN prorate.amount - (r.shares - r.share) ELSE r.share END)
  FROM (SELECT b.bucket_start, b.bucket_end, b.days, s.share,
               row_number() OVER (ORDER BY b.bucket_start) AS n,
               count(*) OVER () AS buckets,
               sum(s.share) OVER () AS shares
          FROM (SELECT g.start::date AS bucket_start, (g.start + k.step)::date AS bucket_end,
                       least((g.start + k.step)::date, upper(prorate.period))
                         - greatest(g.start::date, lower(prorate.period)) AS days,
                       k.total
                  FROM energy.prorate_check(lower(prorate.period), upper(prorate.period), isempty(prorate.period),
                                            prorate.amount, prorate.bucket) AS c(unit)
                 CROSS JOIN LATERAL (SELECT CASE c.unit WHEN 'day' THEN interval '1 day'
                                                        WHEN 'month' THEN interval '1 month'
                                                        WHEN 'quarter' THEN interval '3 months'
                                                        ELSE interval '1 year' END AS step,
                                            upper(prorate.period) - lower(prorate.period) AS total) AS k
                 CROSS JOIN LATERAL generate_series(date_trunc(c.unit, lower(prorate.period)::timestamp),
                                                    (upper(prorate.period) - 1)::timestamp, k.step) AS g(start)) AS b
          -- amount × days / total rounded half away from zero to 9 decimals, exactly:
          -- x = amount × days × 10⁹, q = x div total, then q + sign(x) when 2·|x − q·total| >= total.
         CROSS JOIN LATERAL (SELECT prorate.amount * b.days * 1000000000 AS x) AS x
         CROSS JOIN LATERAL (SELECT div(x.x, b.total) AS q) AS q
         CROSS JOIN LATERAL (SELECT (q.q + sign(x.x) * (2 * abs(x.x - q.q * b.total) >= b.total)::integer)
                                    * 0.000000001 AS share) AS s) AS r
 ORDER BY r.bucket_start
$$;
COMMENT ON FUNCTION energy.prorate(daterange, numeric, text) IS
    'Splits the amount of a bill over period into calendar buckets (bucket: day, month, quarter or year, any case; bucket_end is the first day of the next bucket), one row per bucket the period touches, in order. Periods are half-open [lower, upper): days counts the days of the period in the bucket, and the day two consecutive bills share (printed 01-15..02-15 and 02-15..03-15) goes to the later bill (ENERGY STAR Portfolio Manager''s rule); daterange(s, e, ''[]'') covers e too. Each bucket gets amount × days / total days rounded to 9 decimal places, except the last, which gets amount minus the other buckets, so the amounts add up exactly to amount. NULL period or amount: no rows; empty or unbounded period, NaN or infinite amount, unknown bucket: 22023.';

CREATE FUNCTION energy.prorate(period daterange, amount double precision, bucket text DEFAULT 'month')
    RETURNS TABLE (bucket_start date, bucket_end date, days integer, amount numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT p.bucket_start, p.bucket_end, p.days, p.amount
  FROM energy.prorate(prorate.period, prorate.amount::numeric, prorate.bucket) AS p
$$;
COMMENT ON FUNCTION energy.prorate(daterange, double precision, text) IS
    'energy.prorate(period, amount::numeric, bucket): the same split for a double precision amount (NaN and infinite amounts raise 22023).';

CREATE FUNCTION energy.prorate(start_date date, end_date date, amount numeric, bucket text DEFAULT 'month')
    RETURNS TABLE (bucket_start date, bucket_end date, days integer, amount numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
-- The check runs first (it supplies the bucket) and refuses end_date < start_date
-- with both dates; greatest() keeps daterange() from raising its own error first.
SELECT p.bucket_start, p.bucket_end, p.days, p.amount
  FROM energy.prorate_check(prorate.start_date, prorate.end_date, false, prorate.amount, prorate.bucket) AS c(unit)
 CROSS JOIN LATERAL energy.prorate(daterange(prorate.start_date, greatest(prorate.start_date, prorate.end_date)),
                                   prorate.amount, c.unit) AS p
$$;
COMMENT ON FUNCTION energy.prorate(date, date, numeric, text) IS
    'energy.prorate(daterange(start_date, end_date), amount, bucket) for a bill given as two dates: the half-open period [start_date, end_date), the end date not counted. An end before the start or equal to it raises 22023. There is no double precision form: cast the amount to numeric.';

CREATE FUNCTION energy.prorate(period tstzrange, amount numeric, bucket text DEFAULT 'month',
                               time_zone text DEFAULT 'Asia/Shanghai')
    RETURNS TABLE (bucket_start timestamptz, bucket_end timestamptz, seconds numeric, amount numeric)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT r.bucket_start, r.bucket_end, trim_scale(r.seconds),
       trim_scale(CASE WHEN r.n = r.buckets THEN prorate.amount - (r.shares - r.share) ELSE r.share END)
  FROM (SELECT b.bucket_start, b.bucket_end, b.seconds, s.share,
               row_number() OVER (ORDER BY b.bucket_start) AS n,
               count(*) OVER () AS buckets,
               sum(s.share) OVER () AS shares
          FROM (SELECT l.bucket_start, l.bucket_end,
                       extract(epoch FROM least(l.bucket_end, upper(prorate.period))
                                          - greatest(l.bucket_start, lower(prorate.period))) AS seconds,
                       k.total
                  FROM energy.prorate_check(lower(prorate.period), upper(prorate.period), isempty(prorate.period),
                                            prorate.amount, prorate.bucket) AS c(unit)
                 CROSS JOIN LATERAL (SELECT CASE c.unit WHEN 'day' THEN interval '1 day'
                                                        WHEN 'month' THEN interval '1 month'
                                                        WHEN 'quarter' THEN interval '3 months'
                                                        ELSE interval '1 year' END AS step,
                                            extract(epoch FROM upper(prorate.period) - lower(prorate.period)) AS total) AS k
                 -- Buckets start at local midnights; one bucket too many is generated and
                 -- filtered out, in case a DST change moves the last boundary.
                 CROSS JOIN LATERAL generate_series(date_trunc(c.unit, lower(prorate.period) AT TIME ZONE prorate.time_zone),
                                                    (upper(prorate.period) AT TIME ZONE prorate.time_zone) + k.step,
                                                    k.step) AS g(start)
                 CROSS JOIN LATERAL (SELECT g.start AT TIME ZONE prorate.time_zone AS bucket_start,
                                            (g.start + k.step) AT TIME ZONE prorate.time_zone AS bucket_end) AS l
                 WHERE l.bucket_start < upper(prorate.period) AND l.bucket_end > lower(prorate.period)) AS b
          -- Exact rounding to 9 decimals, as in energy.prorate(daterange, numeric, text).
         CROSS JOIN LATERAL (SELECT prorate.amount * b.seconds * 1000000000 AS x) AS x
         CROSS JOIN LATERAL (SELECT div(x.x, b.total) AS q) AS q
         CROSS JOIN LATERAL (SELECT (q.q + sign(x.x) * (2 * abs(x.x - q.q * b.total) >= b.total)::integer)
                                    * 0.000000001 AS share) AS s) AS r
 ORDER BY r.bucket_start
$$;
COMMENT ON FUNCTION energy.prorate(tstzrange, numeric, text, text) IS
    'Splits the amount of a metered period by elapsed time into days, months, quarters or years of local civil time in time_zone (default Asia/Shanghai): buckets start and end at local midnights (so a DST day has 23 or 25 hours), seconds is the elapsed time of the period in the bucket. The bounds are instants: their inclusivity does not change elapsed time. Each bucket gets amount × seconds / total seconds rounded to 9 decimal places, except the last, which gets amount minus the other buckets, so the amounts add up exactly to amount. NULL arguments: no rows; empty, zero-length or unbounded period, NaN or infinite amount, unknown bucket or time zone: 22023.';
