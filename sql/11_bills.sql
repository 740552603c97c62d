
-- =====================================================================
-- 0.2.0 — energy.check_bills reads bills as they are printed.
-- The statistics forms and many utilities print inclusive end dates
-- (01-01 .. 01-31, then 02-01 .. 02-28); others print the next bill's start
-- date (01-15 .. 02-15, then 02-15 .. 03-15).  end_dates says which:
--   'exclusive' (the default, as in 0.1.0): a bill covers [start, end);
--   'inclusive': a bill covers [start, end], its end day included;
--   'chain'    : ENERGY STAR Portfolio Manager's rule — a bill's end day goes
--                to the next bill of the meter when that bill starts on it,
--                and otherwise stays with the bill.  Both printing habits
--                then read right, and so does a mixture of them.
-- The function of 0.1.0 (sql/09_quality.sql, frozen with that release) is
-- replaced by this one; its calls mean what they meant.
-- =====================================================================

SELECT energy.released_function_replace('energy.check_bills(regclass, text, text, text, text, date, date)',
                                        'energy.check_bills(regclass, text, text, text, text, date, date, text)');
DROP FUNCTION energy.check_bills(regclass, text, text, text, text, date, date);

CREATE FUNCTION energy.check_bills(
    source regclass, meter_column text, start_column text, end_column text, amount_column text,
    period_start date DEFAULT NULL, period_end date DEFAULT NULL, end_dates text DEFAULT 'exclusive')
    RETURNS TABLE (meter text, bill_start date, bill_end date, rule text, severity text, detail text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- the source may be a temporary table
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel_schema name;
    rel_name   name;
    arg_names  text[] := ARRAY['meter_column', 'start_column', 'end_column', 'amount_column'];
    arg_values text[] := ARRAY[check_bills.meter_column, check_bills.start_column,
                               check_bills.end_column, check_bills.amount_column];
    mode       text := lower(coalesce(check_bills.end_dates, 'exclusive'));  -- a NULL option takes its default
    types      regtype[];
    bs_read    record;  -- how the start, end and amount columns are read (energy.quality_read)
    be_read    record;
    amt_read   record;
BEGIN
    SELECT q.rel_schema, q.rel_name, q.column_types INTO rel_schema, rel_name, types
      FROM energy.quality_source(check_bills.source, arg_names, arg_values, 4) AS q;
    bs_read := energy.quality_read(check_bills.start_column, types[2], 'date');
    be_read := energy.quality_read(check_bills.end_column, types[3], 'date');
    amt_read := energy.quality_read(check_bills.amount_column, types[4], 'double precision');
    IF check_bills.period_end <= check_bills.period_start THEN
        RAISE EXCEPTION 'period_end % is not after period_start %',
              coalesce(to_char(check_bills.period_end, 'YYYY-MM-DD'), check_bills.period_end::text),
              coalesce(to_char(check_bills.period_start, 'YYYY-MM-DD'), check_bills.period_start::text)
            USING ERRCODE = '22023', HINT = 'The period is half-open: [period_start, period_end).';
    END IF;
    IF mode NOT IN ('exclusive', 'inclusive', 'chain') THEN
        RAISE EXCEPTION 'unknown end_dates "%"', check_bills.end_dates
            USING ERRCODE = '22023',
                  HINT = 'Use exclusive (a bill covers [start, end): the end date is the next bill''s start), '
                         'inclusive (its end day included) or chain (ENERGY STAR Portfolio Manager: the end day '
                         'goes to the next bill when that bill starts on it, and stays otherwise).';
    END IF;

    -- $1 period_start, $2 period_end, $3 the end_dates mode.  ee is the bill's
    -- exclusive end, as the mode reads its printed end date be.  Bills that do
    -- not meet the period are ignored (src keeps those that may, b those that
    -- do once the chain rule gave their end); a NULL date does not exclude a
    -- bill, nor does one that is not a date (bs_bad, be_bad: its text, for
    -- null_period; amount_bad for bad_amount).
    RETURN QUERY EXECUTE format($q$
WITH src AS MATERIALIZED (
    SELECT meter, bs, be, amount, CASE WHEN bs IS NULL THEN bs_raw END AS bs_bad,
           CASE WHEN be IS NULL THEN be_raw END AS be_bad, CASE WHEN amount IS NULL THEN amount_raw END AS amount_bad
      FROM (SELECT (%1$I)::text AS meter, %2$s AS bs, %3$s AS be, %4$s AS amount,
                   %7$s AS bs_raw, %8$s AS be_raw, %9$s AS amount_raw
              FROM %5$I.%6$I OFFSET 0) r  -- (OFFSET 0: each value read once, not again in every expression that uses it)
     WHERE ($1 IS NULL OR be IS NULL OR be + ($3 <> 'exclusive')::integer > $1)
       AND ($2 IS NULL OR bs IS NULL OR bs < $2)
),
k AS (  -- mk: a join key that keeps a NULL meter apart from every text
    SELECT s.*, CASE WHEN s.meter IS NULL THEN 'N' ELSE 'V' || s.meter END AS mk FROM src s
),
starts AS (  -- the days bills that cover a day start on, and how many start on each (chain mode; copies once)
    SELECT mk, bs, count(DISTINCT (be, amount)) AS n FROM k WHERE be >= bs AND isfinite(bs) AND isfinite(be) AND $3 = 'chain' GROUP BY mk, bs
),
b AS (  -- (a bill that covers no day meets the period if it starts in it)
    SELECT * FROM (
        SELECT k.*,
               CASE WHEN $3 = 'exclusive' THEN k.be
                    WHEN $3 = 'chain' AND n.bs IS NOT NULL AND (k.bs <> k.be OR n.n > 1) THEN k.be
                    ELSE k.be + 1 END AS ee
          FROM k LEFT JOIN starts n ON n.mk = k.mk AND n.bs = k.be) AS x
     WHERE $1 IS NULL OR x.bs IS NULL OR x.be IS NULL OR greatest(x.ee, x.bs + 1) > $1
),
valid AS (  -- bills with a finite period, exact duplicates (the same printed dates and amount) once
    SELECT DISTINCT mk, meter, bs, be, ee, amount FROM b WHERE isfinite(bs) AND isfinite(ee) AND ee > bs
),
seq AS (  -- prev_end: the latest (exclusive) end of the bills that start before (or with) this one
    SELECT mk, meter, bs, be, ee,
           max(ee) OVER (PARTITION BY mk ORDER BY bs, ee, amount, be ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
      FROM valid
),
spans AS (
    SELECT mk, min(bs) AS first_start, max(ee) AS last_end,
           range_agg(daterange(bs, ee)) * datemultirange(daterange($1, $2)) AS covered
      FROM valid GROUP BY mk
),
meters AS (
    SELECT m.meter, s.first_start, s.last_end,
           coalesce((SELECT sum(upper(x) - lower(x)) FROM unnest(s.covered) AS x), 0) AS days
      FROM (SELECT mk, min(meter) AS meter FROM b GROUP BY mk) m LEFT JOIN spans s USING (mk)
),
issues AS (
    SELECT meter, bs, be, 'null_period' AS rule, 'error' AS severity,
           CASE WHEN bs IS NULL AND be IS NULL AND bs_bad IS NULL AND be_bad IS NULL THEN 'both dates are NULL'
                ELSE concat_ws('; ',
                     CASE WHEN bs_bad IS NOT NULL THEN 'the start date ' || quote_literal(bs_bad) || ' is not a date'
                          WHEN bs IS NULL THEN 'the start date is NULL'
                          WHEN NOT isfinite(bs) THEN 'the start date is ' || bs END,
                     CASE WHEN be_bad IS NOT NULL THEN 'the end date ' || quote_literal(be_bad) || ' is not a date'
                          WHEN be IS NULL THEN 'the end date is NULL'
                          WHEN NOT isfinite(be) THEN 'the end date is ' || be END) END AS detail
      FROM b WHERE bs IS NULL OR be IS NULL OR NOT isfinite(bs) OR NOT isfinite(be)
    UNION ALL
    SELECT meter, bs, be, 'empty_period', 'error',
           CASE WHEN $3 = 'exclusive'
                THEN 'the end date ' || to_char(be, 'YYYY-MM-DD') || ' is not after the start date ' || to_char(bs, 'YYYY-MM-DD')
                     || ' (a bill covers [start, end))'
                WHEN be < bs
                THEN 'the end date ' || to_char(be, 'YYYY-MM-DD') || ' is before the start date ' || to_char(bs, 'YYYY-MM-DD')
                ELSE 'the bill covers only ' || to_char(be, 'YYYY-MM-DD') || ', which goes to the next bill (it starts that day)'
           END
      FROM b WHERE ee <= bs AND isfinite(bs) AND isfinite(be)
    UNION ALL
    SELECT s.meter, s.bs, s.be, 'overlap', 'error',
           'overlaps an earlier bill by ' || (least(s.prev_end, s.ee) - s.bs)
           || CASE WHEN least(s.prev_end, s.ee) - s.bs = 1 THEN ' day' ELSE ' days' END
           || CASE WHEN $3 = 'exclusive' THEN ' (that bill ends ' ELSE ' (that bill covers up to ' END
           || to_char(s.prev_end - ($3 <> 'exclusive')::integer, 'YYYY-MM-DD') || ', this one starts ' || to_char(s.bs, 'YYYY-MM-DD') || ')'
      FROM seq s WHERE s.prev_end > s.bs
    UNION ALL
    SELECT s.meter, s.bs, s.be, 'gap', 'warning',
           (s.bs - s.prev_end) || CASE WHEN s.bs - s.prev_end = 1 THEN ' day' ELSE ' days' END
           || ' without a bill before this one: ' || to_char(s.prev_end, 'YYYY-MM-DD') || ' to ' || to_char(s.bs - 1, 'YYYY-MM-DD')
      FROM seq s WHERE s.prev_end < s.bs
    UNION ALL
    SELECT meter, bs, be, 'negative_amount', 'warning', 'the amount ' || amount || ' is negative (a credit or a correction?)'
      FROM b WHERE amount < 0 AND amount > '-Infinity'
    UNION ALL
    SELECT meter, bs, be, 'bad_amount', 'error',
           CASE WHEN amount_bad IS NOT NULL THEN 'the amount ' || quote_literal(amount_bad) || ' is not a number'
                ELSE 'the amount ' || amount || ' is not a finite number' END
      FROM b WHERE amount IN ('NaN', 'Infinity', '-Infinity') OR amount_bad IS NOT NULL
    UNION ALL
    SELECT meter, bs, be, 'null_amount', 'warning', 'the amount is NULL'
      FROM b WHERE amount IS NULL AND amount_bad IS NULL
    UNION ALL
    SELECT meter, first_start, last_end - ($3 <> 'exclusive')::integer, 'short_history', 'warning',
           'the bills cover ' || days || CASE WHEN days = 1 THEN ' day' ELSE ' days' END
           || CASE WHEN $1 IS NULL AND $2 IS NULL THEN ' in total'
                   ELSE ' of [' || coalesce(to_char($1, 'YYYY-MM-DD'), '-infinity') || ', '
                        || coalesce(to_char($2, 'YYYY-MM-DD'), 'infinity') || ')' END
           || CASE WHEN $1 IS NOT NULL AND $2 IS NOT NULL THEN ', not all its ' || ($2 - $1) || ' days' ELSE ', less than 365' END
      FROM meters WHERE days < coalesce($2 - $1, 365)
    UNION ALL
    SELECT meter, bs, be, 'duplicate', 'info', 'copy ' || g || ' of ' || copies || ' of the same bill (meter, dates and amount)'
      FROM (SELECT meter, bs, be, count(*) AS copies FROM b GROUP BY mk, meter, bs, be, amount, bs_bad, be_bad, amount_bad HAVING count(*) > 1) d,
           generate_series(2, copies) AS g
)
SELECT meter, bs, be, rule, severity, detail FROM issues
 ORDER BY meter, bs, be, rule, detail
$q$,
        check_bills.meter_column, bs_read.expr, be_read.expr, amt_read.expr,
        rel_schema, rel_name, bs_read.raw, be_read.raw, amt_read.raw)
    USING check_bills.period_start, check_bills.period_end, mode;
END
$$;
COMMENT ON FUNCTION energy.check_bills(regclass, text, text, text, text, date, date, text) IS
    'Data quality of bills in any table (source, with its meter, start date, end date and amount columns), read as printed: end_dates ''exclusive'' (default; a bill covers [start, end), the end date being the next bill''s start), ''inclusive'' (the end day included) or ''chain'' (ENERGY STAR Portfolio Manager: the end day goes to the next bill of the meter when that bill starts on it, and stays with the bill otherwise). One row per problem with the meter, the bill''s dates as printed, rule, severity and a detail, ordered by meter and dates. Bills that do not meet [period_start, period_end) are ignored when those are given. Rules: null_period (error; a NULL or infinite date), empty_period (error; the bill covers no day), overlap (error; the bill starts before an earlier bill of the meter ends; days of overlap in the detail), gap (warning; it starts after the earlier bills end; days missing in the detail), negative_amount (warning), null_amount (warning), bad_amount (error; NaN or infinite), short_history (warning; one row per meter whose bills do not cover the whole period when both its bounds are given, or cover less than 365 days otherwise; dates = its first start and last day covered), duplicate (info; one row per extra copy of the same meter, dates and amount, which then count once for overlap, gap and coverage). A NULL meter is checked as one meter. Date columns of a timestamp type are read as the date in the session''s TimeZone; columns of another type than a date/time (the dates) or a number (the amount) — text loaded from a file — are read from their text (the session''s DateStyle): a date that is not one is a null_period finding, an amount that is not a number a bad_amount one, the text quoted in the detail, and every other row is still checked. A NULL source or column is an error (22004), an unknown column 42703, an unknown end_dates 22023.';
