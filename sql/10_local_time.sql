-- =====================================================================
-- 0.2.0 — local time where midnight happens twice or not at all.
--
-- A day, month or year of local civil time starts at the first instant its
-- first day shows on the wall: where clocks go back at midnight (America/
-- Havana, 1 November 2020) at the first 00:00, where they skip it (America/
-- Asuncion, 1 October 2023) at the change (01:00).  AT TIME ZONE gives the
-- second 00:00 for the first case, so 0.1.0's prorate(tstzrange) lost or
-- moved that hour; energy.meter_buckets (src/meter.c) and this file share
-- the rule.
-- =====================================================================

CREATE FUNCTION energy.local_start(local_time timestamp, time_zone text) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'energy_local_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.local_start(timestamp, text) IS
    'The first instant whose local time in time_zone is local_time or later: local_time AT TIME ZONE time_zone, except where that local time happens twice (the first of the two) or not at all (the instant clocks skip it). Unknown time zone: 22023.';

CREATE OR REPLACE FUNCTION energy.prorate(period tstzrange, amount numeric, bucket text DEFAULT 'month',
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
                 -- Buckets start at the first instant of local midnights (energy.local_start);
                 -- one bucket too many is generated and filtered out, in case a DST change
                 -- moves the last boundary.
                 CROSS JOIN LATERAL generate_series(date_trunc(c.unit, lower(prorate.period) AT TIME ZONE prorate.time_zone),
                                                    (upper(prorate.period) AT TIME ZONE prorate.time_zone) + k.step,
                                                    k.step) AS g(start)
                 CROSS JOIN LATERAL (SELECT energy.local_start(g.start, prorate.time_zone) AS bucket_start,
                                            energy.local_start(g.start + k.step, prorate.time_zone) AS bucket_end) AS l
                 WHERE l.bucket_start < upper(prorate.period) AND l.bucket_end > lower(prorate.period)) AS b
          -- Exact rounding to 9 decimals, as in energy.prorate(daterange, numeric, text).
         CROSS JOIN LATERAL (SELECT prorate.amount * b.seconds * 1000000000 AS x) AS x
         CROSS JOIN LATERAL (SELECT div(x.x, b.total) AS q) AS q
         CROSS JOIN LATERAL (SELECT (q.q + sign(x.x) * (2 * abs(x.x - q.q * b.total) >= b.total)::integer)
                                    * 0.000000001 AS share) AS s) AS r
 ORDER BY r.bucket_start
$$;
COMMENT ON FUNCTION energy.prorate(tstzrange, numeric, text, text) IS
    'Splits the amount of a metered period by elapsed time into days, months, quarters or years of local civil time in time_zone (default Asia/Shanghai): buckets start and end at local midnights (so a DST day has 23 or 25 hours; a midnight that happens twice starts its day at the first, energy.local_start), seconds is the elapsed time of the period in the bucket. The bounds are instants: their inclusivity does not change elapsed time. Each bucket gets amount × seconds / total seconds rounded to 9 decimal places, except the last, which gets amount minus the other buckets, so the amounts add up exactly to amount. NULL arguments: no rows; empty, zero-length or unbounded period, NaN or infinite amount, unknown bucket or time zone: 22023.';
