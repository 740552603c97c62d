
-- =====================================================================
-- Data quality of meter readings and bills: energy.check_readings,
-- energy.reading_coverage and energy.check_bills read a table of the
-- caller's (any table, view or materialised view, named with its columns)
-- and return the offending rows, each with a rule name, a severity
-- ('error', 'warning', 'info') and a detail, or the coverage per meter.
-- Nothing is dropped silently: rows with NULLs are reported, not skipped.
-- The queries are built with format(): the table and column names come from
-- the caller, are checked against pg_attribute first and enter the text only
-- through %I; values travel as parameters (EXECUTE ... USING), never as SQL
-- text.
-- =====================================================================

CREATE FUNCTION energy.quality_source(
    source regclass, arg_names text[], arg_values text[], required integer,
    OUT rel_schema name, OUT rel_name name, OUT column_types regtype[])
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- the source may be a temporary table
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel_kind "char";
    col_type regtype;
BEGIN
    IF source IS NULL THEN
        RAISE EXCEPTION 'source must not be NULL' USING ERRCODE = '22004';
    END IF;
    FOR i IN 1 .. required LOOP
        IF arg_values[i] IS NULL THEN
            RAISE EXCEPTION '% must not be NULL', arg_names[i] USING ERRCODE = '22004',
                  HINT = 'Name the column of the source table, as stored (case-sensitive, without quotes).';
        END IF;
    END LOOP;
    SELECT n.nspname, c.relname, c.relkind INTO rel_schema, rel_name, rel_kind
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = source;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'relation with OID % does not exist', source::oid USING ERRCODE = '42P01';
    END IF;
    IF rel_kind NOT IN ('r', 'p', 'v', 'm', 'f') THEN
        RAISE EXCEPTION '% is not a table, view, materialized view or foreign table', source
            USING ERRCODE = '42809';
    END IF;
    -- Every column name is checked against the catalog before any SQL is built.
    column_types := '{}';
    FOR i IN 1 .. cardinality(arg_values) LOOP
        col_type := NULL;
        IF arg_values[i] IS NOT NULL THEN
            SELECT a.atttypid INTO col_type
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = source AND a.attname = arg_values[i]
               AND a.attnum > 0 AND NOT a.attisdropped;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'column "%" of relation % does not exist (%)', arg_values[i], source, arg_names[i]
                    USING ERRCODE = '42703',
                          HINT = (SELECT format('Columns of %s: %s. Give the name as stored (case-sensitive, without quotes).',
                                                source, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum))
                                    FROM pg_catalog.pg_attribute a
                                   WHERE a.attrelid = source AND a.attnum > 0 AND NOT a.attisdropped);
            END IF;
        END IF;
        column_types := column_types || col_type;
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.quality_source(regclass, text[], text[], integer) IS
    'Argument checks of the data-quality functions (internal): the source is a table, view, materialized view or foreign table (42809), the first required column names are not NULL (22004), every named column exists (42703, the hint lists the columns); returns the schema, the relation name and the columns'' types.';

CREATE FUNCTION energy.check_readings(
    source regclass, meter_column text, time_column text, reading_column text,
    period_start timestamptz DEFAULT NULL, period_end timestamptz DEFAULT NULL,
    expected_interval interval DEFAULT '1 day', stale_after interval DEFAULT '7 days',
    spike_factor double precision DEFAULT 10, estimated_column text DEFAULT NULL)
    RETURNS TABLE (meter text, ts timestamptz, reading double precision, rule text, severity text, detail text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- the source may be a temporary table
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel_schema name;
    rel_name   name;
    arg_names  text[] := ARRAY['meter_column', 'time_column', 'reading_column', 'estimated_column'];
    arg_values text[] := ARRAY[check_readings.meter_column, check_readings.time_column,
                               check_readings.reading_column, check_readings.estimated_column];
    col_type   regtype;
    interval_v interval := coalesce(check_readings.expected_interval, interval '1 day');
    stale_v    interval := coalesce(check_readings.stale_after, interval '7 days');
    factor_v   double precision := coalesce(check_readings.spike_factor, 10);
    est_expr   text := 'NULL::boolean';
BEGIN
    SELECT q.rel_schema, q.rel_name, q.column_types[4] INTO rel_schema, rel_name, col_type
      FROM energy.quality_source(check_readings.source, arg_names, arg_values, 3) AS q;
    IF arg_values[4] IS NOT NULL AND col_type <> 'boolean'::regtype THEN
        RAISE EXCEPTION 'estimated_column "%" is of type %, not boolean', arg_values[4], col_type
            USING ERRCODE = '42804', HINT = 'Name a boolean column that is true for estimated readings.';
    END IF;
    IF interval_v <= interval '0' THEN
        RAISE EXCEPTION 'expected_interval must be positive, not %', interval_v USING ERRCODE = '22023';
    END IF;
    IF stale_v <= interval '0' THEN
        RAISE EXCEPTION 'stale_after must be positive, not %', stale_v USING ERRCODE = '22023';
    END IF;
    IF factor_v <= 1 OR factor_v = 'NaN' THEN
        RAISE EXCEPTION 'spike_factor must be greater than 1, not %', factor_v USING ERRCODE = '22023',
              HINT = 'A step is a spike when it exceeds spike_factor times the meter''s median positive step; the default is 10.';
    END IF;
    IF check_readings.period_end <= check_readings.period_start THEN
        RAISE EXCEPTION 'period_end % is not after period_start %',
              coalesce(to_char(check_readings.period_end, 'YYYY-MM-DD HH24:MI:SSOF'), check_readings.period_end::text),
              coalesce(to_char(check_readings.period_start, 'YYYY-MM-DD HH24:MI:SSOF'), check_readings.period_start::text)
            USING ERRCODE = '22023', HINT = 'The period is half-open: [period_start, period_end).';
    END IF;
    IF check_readings.estimated_column IS NOT NULL THEN
        -- Built with %I here; the query below takes this fragment with %4$s.
        est_expr := format('(%I)::boolean', check_readings.estimated_column);
    END IF;

    -- $1 period_start, $2 period_end, $3 expected_interval, $4 stale_after,
    -- $5 spike_factor, $6 the time staleness is measured at.
    -- (A literal percent sign is written %% because the text goes through format().)
    RETURN QUERY EXECUTE format($q$
WITH src AS MATERIALIZED (
    SELECT CASE WHEN s.meter IS NULL THEN 'N' ELSE 'V' || s.meter END AS mk, s.*
      FROM (SELECT (%1$I)::text AS meter, (%2$I)::timestamptz AS ts, (%3$I)::double precision AS reading, %4$s AS est
              FROM %5$I.%6$I
             WHERE (%2$I) IS NULL
                OR (($1 IS NULL OR (%2$I)::timestamptz >= $1) AND ($2 IS NULL OR (%2$I)::timestamptz < $2))) s
),
-- mk is a join key that keeps a NULL meter apart from every text.  The rows
-- with a time and a reading go through one sort by (mk, ts, reading); every
-- window below shares it.
p1 AS (
    SELECT mk, meter, ts, reading,
           row_number() OVER (PARTITION BY mk, ts, reading) AS copy_no,
           count(*) OVER (PARTITION BY mk, ts, reading) AS copies,
           dense_rank() OVER (PARTITION BY mk, ts ORDER BY reading) AS value_no,
           row_number() OVER w AS pos,
           lag(ts) OVER w AS prev_row_ts,
           lead(ts) OVER w IS NULL AS is_last
      FROM src WHERE ts IS NOT NULL AND reading IS NOT NULL
    WINDOW w AS (PARTITION BY mk ORDER BY ts, reading)
),
p2 AS (
    SELECT p1.*, max(value_no) OVER (PARTITION BY mk, ts) AS n_values FROM p1
),
pts AS MATERIALIZED (  -- prev: the reading of the latest earlier time that has a single reading
    SELECT p2.*,
           (max(CASE WHEN n_values = 1 AND copy_no = 1 THEN ARRAY[pos::double precision, reading] END)
                OVER (PARTITION BY mk ORDER BY ts, reading ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))[2] AS prev
      FROM p2
),
steps AS (  -- one row per time with a single reading; conflicting times take no part, the step spans them
    SELECT mk, meter, ts, reading AS value, prev FROM pts
     WHERE n_values = 1 AND copy_no = 1 AND prev IS NOT NULL
),
medians AS (
    SELECT mk, percentile_cont(0.5) WITHIN GROUP (ORDER BY value - prev) AS median
      FROM steps WHERE value > prev GROUP BY mk
),
jumps AS MATERIALIZED (
    SELECT s.meter, s.ts, s.value, s.prev, m.median,
           CASE WHEN s.prev > 0 AND s.value BETWEEN 900 * s.prev AND 1100 * s.prev THEN 'up'
                WHEN s.value > 0 AND s.prev BETWEEN 900 * s.value AND 1100 * s.value THEN 'down' END AS jump
      FROM steps s LEFT JOIN medians m USING (mk)
),
meters AS (
    SELECT mk, min(meter) AS meter, count(*) AS n_rows, count(*) FILTER (WHERE est) AS n_est FROM src GROUP BY mk
),
issues AS (
    SELECT meter, ts, reading, 'null_time' AS rule, 'error' AS severity, 'the time is NULL' AS detail
      FROM src WHERE ts IS NULL
    UNION ALL
    SELECT meter, ts, reading, 'null_reading', 'warning', 'the reading is NULL'
      FROM src WHERE reading IS NULL
    UNION ALL
    SELECT meter, ts, reading, 'duplicate', 'info',
           'copy ' || copy_no || ' of ' || copies || ' of the same meter, time and reading'
      FROM pts WHERE copy_no > 1
    UNION ALL
    SELECT meter, ts, reading, 'conflicting_readings', 'error',
           n_values || ' different readings at this time: '
           || string_agg(reading::text, ', ') OVER (PARTITION BY mk, ts ORDER BY reading
                                                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
      FROM pts WHERE n_values > 1 AND copy_no = 1
    UNION ALL
    SELECT meter, ts, CASE WHEN n_values = 1 THEN reading END, 'gap', 'warning',
           'no reading for ' || extract(day FROM ts - prev_row_ts)::bigint
           || CASE WHEN extract(day FROM ts - prev_row_ts) = 1 THEN ' day ' ELSE ' days ' END
           || to_char(ts - prev_row_ts, 'HH24:MI:SS') || ' before this one'
      FROM pts WHERE value_no = 1 AND copy_no = 1 AND ts - prev_row_ts > 2 * $3
    UNION ALL
    SELECT meter, ts, value, 'decrease', 'warning',
           'fell from ' || prev || ' to ' || value
           || CASE WHEN value <= 0.1 * prev
                   THEN ' (to at most 10 %% of the previous reading): a reset, a rollover or a meter replacement'
                   ELSE ' (to more than 10 %% of the previous reading): reverse running, unless a meter replacement' END
      FROM jumps WHERE value < prev
    UNION ALL
    SELECT meter, ts, value, 'spike', 'warning',
           'step ' || (value - prev) || ' from ' || prev || ' is ' || trim_scale(round(((value - prev) / median)::numeric, 1))
           || ' times the meter''s median step ' || median || ' (spike_factor ' || $5 || ')'
      FROM jumps WHERE jump IS NULL AND value - prev > $5 * median
    UNION ALL
    SELECT meter, ts, value, 'unit_jump', 'error',
           CASE jump
             WHEN 'up' THEN 'reading ' || value || ' is ' || trim_scale(round((value / prev)::numeric, 1))
                  || ' times the previous reading ' || prev || ': a ×1000 unit jump (kWh recorded where MWh were?)'
             ELSE 'reading ' || value || ' is 1/' || trim_scale(round((prev / value)::numeric, 1))
                  || ' of the previous reading ' || prev || ': a ÷1000 unit jump (MWh recorded where kWh were?)' END
      FROM jumps WHERE jump IS NOT NULL
    UNION ALL
    SELECT m.meter, l.ts, l.value, 'stale', 'warning',
           CASE WHEN l.ts IS NULL THEN 'no reading with both a time and a value'
                ELSE 'last reading ' || extract(day FROM $6 - l.ts)::bigint
                     || CASE WHEN extract(day FROM $6 - l.ts) = 1 THEN ' day ' ELSE ' days ' END
                     || to_char($6 - l.ts, 'HH24:MI:SS')
                     || CASE WHEN $2 IS NULL THEN ' before now' ELSE ' before the end of the period' END END
      FROM meters m
      LEFT JOIN (SELECT mk, ts, CASE WHEN n_values = 1 THEN reading END AS value FROM pts WHERE is_last) l USING (mk)
     WHERE l.ts IS NULL OR l.ts < $6 - $4
    UNION ALL
    SELECT meter, NULL, NULL, 'estimated', 'info',
           n_est || ' of ' || n_rows || ' readings (' || round(100.0 * n_est / n_rows, 1) || ' %%) are estimated'
      FROM meters WHERE n_est > 0
)
SELECT meter, ts, reading, rule, severity, detail FROM issues
 ORDER BY meter, ts, rule, reading, detail
$q$,
        check_readings.meter_column, check_readings.time_column, check_readings.reading_column, est_expr,
        rel_schema, rel_name)
    USING check_readings.period_start, check_readings.period_end, interval_v, stale_v, factor_v,
          coalesce(check_readings.period_end, now());
END
$$;
COMMENT ON FUNCTION energy.check_readings(regclass, text, text, text, timestamptz, timestamptz, interval, interval, double precision, text) IS
    'Data quality of cumulative meter register readings in any table (source, with its meter, time and reading columns): one row per problem with the meter, time, reading, rule, severity and a detail, ordered by meter, time and rule. Rows outside [period_start, period_end) are ignored when those are given. Rules: null_time (error; ts NULL, reported whatever the period), null_reading (warning), duplicate (info; one row per extra copy of the same meter, time and reading), conflicting_readings (error; one row per distinct reading at a time with several), gap (warning; more than 2 × expected_interval since the previous reading), decrease (warning; lower than the previous reading: a reset, rollover or replacement when it drops to at most 10 %, else reverse running, as energy.meter_agg classifies it), spike (warning; a step over spike_factor × the meter''s median positive step, unit jumps excepted), unit_jump (error; a reading 900–1100 times the previous one, or 1/1100–1/900 of it: MWh and kWh confused), stale (warning; one row per meter whose last reading is older than stale_after before period_end, or now(); ts NULL when it has no usable reading), estimated (info; with estimated_column, a boolean column: one row per meter with estimated readings, ts NULL, their share in the detail). Times with conflicting readings count for gap but not for the step rules. A NULL meter is checked as one meter. NULL options take their defaults; a NULL source or column is an error (22004), an unknown column 42703.';

CREATE FUNCTION energy.reading_coverage(
    source regclass, meter_column text, time_column text,
    period_start timestamptz, period_end timestamptz, expected_interval interval DEFAULT '1 day')
    RETURNS TABLE (meter text, first_time timestamptz, last_time timestamptz, readings bigint,
                   expected_readings bigint, coverage double precision)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- the source may be a temporary table
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel_schema name;
    rel_name   name;
    arg_names  text[] := ARRAY['meter_column', 'time_column'];
    arg_values text[] := ARRAY[reading_coverage.meter_column, reading_coverage.time_column];
    interval_v interval := coalesce(reading_coverage.expected_interval, interval '1 day');
    expected   bigint;
BEGIN
    SELECT q.rel_schema, q.rel_name INTO rel_schema, rel_name
      FROM energy.quality_source(reading_coverage.source, arg_names, arg_values, 2) AS q;
    IF reading_coverage.period_start IS NULL OR reading_coverage.period_end IS NULL THEN
        RAISE EXCEPTION 'reading_coverage needs both period_start and period_end' USING ERRCODE = '22004',
              HINT = 'Give the reporting period, e.g. ''2024-01-01'' and ''2025-01-01'' (half-open).';
    END IF;
    IF interval_v <= interval '0' THEN
        RAISE EXCEPTION 'expected_interval must be positive, not %', interval_v USING ERRCODE = '22023';
    END IF;
    IF NOT isfinite(reading_coverage.period_start) OR NOT isfinite(reading_coverage.period_end) THEN
        RAISE EXCEPTION 'the period must be finite' USING ERRCODE = '22023';
    END IF;
    IF reading_coverage.period_end <= reading_coverage.period_start THEN
        RAISE EXCEPTION 'period_end % is not after period_start %',
              to_char(reading_coverage.period_end, 'YYYY-MM-DD HH24:MI:SSOF'),
              to_char(reading_coverage.period_start, 'YYYY-MM-DD HH24:MI:SSOF')
            USING ERRCODE = '22023', HINT = 'The period is half-open: [period_start, period_end).';
    END IF;
    -- Elapsed time: a day is 86 400 s, a month (in an interval) 30 days.
    expected := floor(extract(epoch FROM reading_coverage.period_end - reading_coverage.period_start)
                      / extract(epoch FROM interval_v))::bigint;
    IF expected < 1 THEN
        RAISE EXCEPTION 'expected_interval % is longer than the period', interval_v USING ERRCODE = '22023',
              HINT = 'At least one reading must be expected in [period_start, period_end).';
    END IF;

    -- $1 period_start, $2 period_end, $3 expected readings.
    RETURN QUERY EXECUTE format($q$
SELECT meter, min(ts), max(ts), count(DISTINCT ts), $3, least(1, count(DISTINCT ts)::double precision / $3)
  FROM (SELECT (%1$I)::text AS meter, (%2$I)::timestamptz AS ts FROM %3$I.%4$I) s
 WHERE ts >= $1 AND ts < $2
 GROUP BY meter
 ORDER BY meter
$q$,
        reading_coverage.meter_column, reading_coverage.time_column, rel_schema, rel_name)
    USING reading_coverage.period_start, reading_coverage.period_end, expected;
END
$$;
COMMENT ON FUNCTION energy.reading_coverage(regclass, text, text, timestamptz, timestamptz, interval) IS
    'Coverage of each meter in [period_start, period_end) (both required): one row per meter with at least one reading in the period, with its first and last time, readings (distinct times in the period), expected_readings = floor((period_end − period_start) / expected_interval) in elapsed seconds, and coverage = least(1, readings / expected_readings). Meters without any reading in the period have no row. A NULL meter is counted as one meter.';

CREATE FUNCTION energy.check_bills(
    source regclass, meter_column text, start_column text, end_column text, amount_column text,
    period_start date DEFAULT NULL, period_end date DEFAULT NULL)
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
BEGIN
    SELECT q.rel_schema, q.rel_name INTO rel_schema, rel_name
      FROM energy.quality_source(check_bills.source, arg_names, arg_values, 4) AS q;
    IF check_bills.period_end <= check_bills.period_start THEN
        RAISE EXCEPTION 'period_end % is not after period_start %',
              coalesce(to_char(check_bills.period_end, 'YYYY-MM-DD'), check_bills.period_end::text),
              coalesce(to_char(check_bills.period_start, 'YYYY-MM-DD'), check_bills.period_start::text)
            USING ERRCODE = '22023', HINT = 'The period is half-open: [period_start, period_end).';
    END IF;

    -- $1 period_start, $2 period_end.  A bill is [start, end): the end date is
    -- the next bill's start date.  Bills that do not meet the period are ignored;
    -- a NULL date does not exclude a bill.
    RETURN QUERY EXECUTE format($q$
WITH src AS MATERIALIZED (
    SELECT (%1$I)::text AS meter, (%2$I)::date AS bs, (%3$I)::date AS be, (%4$I)::double precision AS amount
      FROM %5$I.%6$I
     WHERE ($1 IS NULL OR (%3$I) IS NULL OR (%3$I)::date > $1)
       AND ($2 IS NULL OR (%2$I) IS NULL OR (%2$I)::date < $2)
),
b AS (  -- mk: a join key that keeps a NULL meter apart from every text
    SELECT s.*, CASE WHEN s.meter IS NULL THEN 'N' ELSE 'V' || s.meter END AS mk FROM src s
),
valid AS (  -- bills with a period, exact duplicates once
    SELECT DISTINCT mk, meter, bs, be, amount FROM b WHERE bs IS NOT NULL AND be IS NOT NULL AND be > bs
),
seq AS (  -- prev_end: the latest end of the bills that start before (or with) this one
    SELECT mk, meter, bs, be,
           max(be) OVER (PARTITION BY mk ORDER BY bs, be, amount ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
      FROM valid
),
spans AS (
    SELECT mk, min(bs) AS first_start, max(be) AS last_end,
           range_agg(daterange(bs, be)) * datemultirange(daterange($1, $2)) AS covered
      FROM valid GROUP BY mk
),
meters AS (
    SELECT m.meter, s.first_start, s.last_end,
           coalesce((SELECT sum(upper(x) - lower(x)) FROM unnest(s.covered) AS x), 0) AS days
      FROM (SELECT mk, min(meter) AS meter FROM b GROUP BY mk) m LEFT JOIN spans s USING (mk)
),
issues AS (
    SELECT meter, bs, be, 'null_period' AS rule, 'error' AS severity,
           CASE WHEN bs IS NULL AND be IS NULL THEN 'both dates are NULL'
                WHEN bs IS NULL THEN 'the start date is NULL' ELSE 'the end date is NULL' END AS detail
      FROM b WHERE bs IS NULL OR be IS NULL
    UNION ALL
    SELECT meter, bs, be, 'empty_period', 'error',
           'the end date ' || to_char(be, 'YYYY-MM-DD') || ' is not after the start date ' || to_char(bs, 'YYYY-MM-DD')
           || ' (a bill covers [start, end))'
      FROM b WHERE be <= bs
    UNION ALL
    SELECT meter, bs, be, 'overlap', 'error',
           'overlaps an earlier bill by ' || (least(prev_end, be) - bs)
           || CASE WHEN least(prev_end, be) - bs = 1 THEN ' day' ELSE ' days' END
           || ' (that bill ends ' || to_char(prev_end, 'YYYY-MM-DD') || ', this one starts ' || to_char(bs, 'YYYY-MM-DD') || ')'
      FROM seq WHERE prev_end > bs
    UNION ALL
    SELECT meter, bs, be, 'gap', 'warning',
           (bs - prev_end) || CASE WHEN bs - prev_end = 1 THEN ' day' ELSE ' days' END
           || ' without a bill before this one: ' || to_char(prev_end, 'YYYY-MM-DD') || ' to ' || to_char(bs - 1, 'YYYY-MM-DD')
      FROM seq WHERE prev_end < bs
    UNION ALL
    SELECT meter, bs, be, 'negative_amount', 'warning', 'the amount ' || amount || ' is negative (a credit or a correction?)'
      FROM b WHERE amount < 0
    UNION ALL
    SELECT meter, bs, be, 'null_amount', 'warning', 'the amount is NULL'
      FROM b WHERE amount IS NULL
    UNION ALL
    SELECT meter, first_start, last_end, 'short_history', 'warning',
           'the bills cover ' || days || CASE WHEN days = 1 THEN ' day' ELSE ' days' END
           || CASE WHEN $1 IS NULL AND $2 IS NULL THEN ' in total'
                   ELSE ' of [' || coalesce(to_char($1, 'YYYY-MM-DD'), '-infinity') || ', '
                        || coalesce(to_char($2, 'YYYY-MM-DD'), 'infinity') || ')' END
           || ', less than 365'
      FROM meters WHERE days < 365
    UNION ALL
    SELECT meter, bs, be, 'duplicate', 'info', 'copy ' || g || ' of ' || copies || ' of the same bill (meter, dates and amount)'
      FROM (SELECT meter, bs, be, count(*) AS copies FROM b GROUP BY mk, meter, bs, be, amount HAVING count(*) > 1) d,
           generate_series(2, copies) AS g
)
SELECT meter, bs, be, rule, severity, detail FROM issues
 ORDER BY meter, bs, be, rule, detail
$q$,
        check_bills.meter_column, check_bills.start_column, check_bills.end_column, check_bills.amount_column,
        rel_schema, rel_name)
    USING check_bills.period_start, check_bills.period_end;
END
$$;
COMMENT ON FUNCTION energy.check_bills(regclass, text, text, text, text, date, date) IS
    'Data quality of bills in any table (source, with its meter, start date, end date and amount columns). Bills are half-open [start, end): the end date is the next bill''s start date, as energy.prorate treats them. One row per problem with the meter, the bill''s dates, rule, severity and a detail, ordered by meter and dates. Bills that do not meet [period_start, period_end) are ignored when those are given. Rules: null_period (error; a NULL date), empty_period (error; end <= start), overlap (error; the bill starts before an earlier bill of the meter ends; days of overlap in the detail), gap (warning; it starts after the earlier bills end; days missing in the detail), negative_amount (warning), null_amount (warning), short_history (warning; one row per meter whose bills cover less than 365 days in total within the period, or overall; dates = its first start and last end), duplicate (info; one row per extra copy of the same meter, dates and amount, which then count once for overlap, gap and coverage). A NULL meter is checked as one meter. A NULL source or column is an error (22004), an unknown column 42703.';
