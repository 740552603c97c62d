
-- =====================================================================
-- 0.2.0 — energy.check_readings reports what it passed over in 0.1.0:
-- readings that are NaN, Infinity or -Infinity (new rule bad_reading: 0.1.0
-- took them as values, "fell from NaN to 3") and times that are infinity or
-- -infinity (rule null_time, as check_bills' null_period takes infinite
-- dates: 0.1.0 failed on them with "cannot subtract infinite timestamps").
-- Both are errors and take part in no other rule, as NULLs do.  An
-- infinite period bound is refused (22023, naming it) where 0.1.0 failed in
-- the middle of its query (check_readings) or said only "the period must be
-- finite" (energy.reading_coverage, otherwise unchanged), and the errors on
-- the options have a HINT.  The functions of 0.1.0 (sql/09_quality.sql,
-- frozen with that release) are replaced by these, with the same results;
-- check_readings takes one more, optional argument: event_column, the
-- replacement events of energy.meter_agg (a meter swap is an old_final and a
-- new_initial reading at one time: without the events it reads as two
-- conflicting readings and a fall to the new meter's reading).
-- =====================================================================

SELECT energy.released_function_replace('energy.check_readings(regclass, text, text, text, timestamptz, timestamptz, interval, interval, double precision, text)',
                                        'energy.check_readings(regclass, text, text, text, timestamptz, timestamptz, interval, interval, double precision, text, text)');
DROP FUNCTION energy.check_readings(regclass, text, text, text, timestamptz, timestamptz, interval, interval, double precision, text);

CREATE FUNCTION energy.check_readings(
    source regclass, meter_column text, time_column text, reading_column text,
    period_start timestamptz DEFAULT NULL, period_end timestamptz DEFAULT NULL,
    expected_interval interval DEFAULT '1 day', stale_after interval DEFAULT '7 days',
    spike_factor double precision DEFAULT 10, estimated_column text DEFAULT NULL, event_column text DEFAULT NULL)
    RETURNS TABLE (meter text, ts timestamptz, reading double precision, rule text, severity text, detail text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- the source may be a temporary table
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel_schema name;
    rel_name   name;
    arg_names  text[] := ARRAY['meter_column', 'time_column', 'reading_column', 'estimated_column', 'event_column'];
    arg_values text[] := ARRAY[check_readings.meter_column, check_readings.time_column,
                               check_readings.reading_column, check_readings.estimated_column, check_readings.event_column];
    col_type   regtype;
    interval_v interval := coalesce(check_readings.expected_interval, interval '1 day');
    stale_v    interval := coalesce(check_readings.stale_after, interval '7 days');
    factor_v   double precision := coalesce(check_readings.spike_factor, 10);
    est_expr   text := 'NULL::boolean';
    -- a reading's event: old_final, new_initial, or NULL for a plain reading
    ev_expr    text := 'NULL::text';
    types      regtype[];
    ts_read    record;  -- how the time and reading columns are read (energy.quality_read)
    rd_read    record;
BEGIN
    SELECT q.rel_schema, q.rel_name, q.column_types[4], q.column_types INTO rel_schema, rel_name, col_type, types
      FROM energy.quality_source(check_readings.source, arg_names, arg_values, 3) AS q;
    ts_read := energy.quality_read(check_readings.time_column, types[2], 'timestamptz');
    rd_read := energy.quality_read(check_readings.reading_column, types[3], 'double precision');
    IF arg_values[4] IS NOT NULL AND col_type <> 'boolean'::regtype THEN
        RAISE EXCEPTION 'estimated_column "%" is of type %, not boolean', arg_values[4], col_type
            USING ERRCODE = '42804', HINT = 'Name a boolean column that is true for estimated readings.';
    END IF;
    IF interval_v <= interval '0' THEN
        RAISE EXCEPTION 'expected_interval must be positive, not %', interval_v USING ERRCODE = '22023',
              HINT = 'The interval the meter is read at: a gap is more than twice it; the default is 1 day.';
    END IF;
    IF stale_v <= interval '0' THEN
        RAISE EXCEPTION 'stale_after must be positive, not %', stale_v USING ERRCODE = '22023',
              HINT = 'A meter is stale when its last reading is older than stale_after before period_end (or now); the default is 7 days.';
    END IF;
    IF NOT isfinite(check_readings.period_start) THEN
        RAISE EXCEPTION 'period_start % is not a point in time', check_readings.period_start
            USING ERRCODE = '22023', HINT = 'Leave period_start NULL for no lower bound.';
    END IF;
    IF NOT isfinite(check_readings.period_end) THEN
        RAISE EXCEPTION 'period_end % is not a point in time', check_readings.period_end
            USING ERRCODE = '22023', HINT = 'Leave period_end NULL to measure staleness at now().';
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
    IF check_readings.event_column IS NOT NULL THEN
        -- (%7$s below) the events energy.meter_agg knows, in any case; anything else is a plain reading
        ev_expr := format('CASE lower((%I)::text) WHEN ''old_final'' THEN ''old_final'' WHEN ''new_initial'' THEN ''new_initial'' END',
                          check_readings.event_column);
    END IF;

    -- $1 period_start, $2 period_end, $3 expected_interval, $4 stale_after,
    -- $5 spike_factor, $6 the time staleness is measured at.
    -- (A literal percent sign is written %% because the text goes through format().)
    RETURN QUERY EXECUTE format($q$
WITH src AS MATERIALIZED (
    SELECT CASE WHEN s.meter IS NULL THEN 'N' ELSE 'V' || s.meter END AS mk, s.*,
           -- at one time a swap's old meter's last reading comes first, the new one's first reading last;
           -- a reading without an event at a swap's time is one of the swap's rows sent again (a copy when it
           -- repeats one, else a conflict with it), as energy.meter_agg takes it
           CASE WHEN s.ev = 'old_final' THEN 0 WHEN s.ev = 'new_initial' THEN 2
                WHEN s.reading = ANY (array_agg(s.reading) FILTER (WHERE s.ev = 'new_initial') OVER t) THEN 2
                WHEN bool_or(s.ev = 'old_final') OVER t THEN 0
                WHEN bool_or(s.ev = 'new_initial') OVER t THEN 2
                ELSE 1 END AS ev_no,
           -- a swap is a pair: an old_final or new_initial alone at its time is refused by energy.meter_agg
           s.ev IS NOT NULL AND NOT (coalesce(bool_or(s.ev = 'old_final') OVER t, false)
                                     AND coalesce(bool_or(s.ev = 'new_initial') OVER t, false)) AS unpaired
      FROM (SELECT meter, ts, reading, est, ev, CASE WHEN ts IS NULL THEN ts_raw END AS ts_bad,
                   CASE WHEN reading IS NULL THEN reading_raw END AS reading_bad
              FROM (SELECT (%1$I)::text AS meter, %2$s AS ts, %3$s AS reading, %4$s AS est, %7$s AS ev,
                           %8$s AS ts_raw, %9$s AS reading_raw
                      FROM %5$I.%6$I OFFSET 0) r  -- (OFFSET 0: each value read once)
             WHERE ts IS NULL OR NOT isfinite(ts) OR (($1 IS NULL OR ts >= $1) AND ($2 IS NULL OR ts < $2))) s
    WINDOW t AS (PARTITION BY s.meter, s.ts)
),
-- mk is a join key that keeps a NULL meter apart from every text.  The rows
-- with a time and a reading go through one sort by (mk, ts, ev_no, reading);
-- every window below shares it.  A time is a time and event (ev_no): the two
-- readings of a swap are no conflict.
p1 AS (
    SELECT mk, meter, ts, ev_no, reading,
           row_number() OVER (PARTITION BY mk, ts, ev_no, reading) AS copy_no,
           count(*) OVER (PARTITION BY mk, ts, ev_no, reading) AS copies,
           dense_rank() OVER (PARTITION BY mk, ts, ev_no ORDER BY reading) AS value_no,
           row_number() OVER w AS pos,
           lag(ts) OVER w AS prev_row_ts,
           lead(ts) OVER w IS NULL AS is_last
      FROM src WHERE isfinite(ts) AND reading NOT IN ('NaN', 'Infinity', '-Infinity')  -- NULLs fail both
    WINDOW w AS (PARTITION BY mk ORDER BY ts, ev_no, reading)
),
p2 AS (
    SELECT p1.*, max(value_no) OVER (PARTITION BY mk, ts, ev_no) AS n_values FROM p1
),
pts AS MATERIALIZED (  -- prev: the reading of the latest earlier time that has a single reading
    SELECT p2.*,
           (max(CASE WHEN n_values = 1 AND copy_no = 1 THEN ARRAY[pos::double precision, reading] END)
                OVER (PARTITION BY mk ORDER BY ts, ev_no, reading ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))[2] AS prev
      FROM p2
),
steps AS (  -- one row per time with a single reading; conflicting times take no part, the step spans them;
            -- a new meter's first reading is no step from the old one's last
    SELECT mk, meter, ts, reading AS value, prev FROM pts
     WHERE n_values = 1 AND copy_no = 1 AND prev IS NOT NULL AND ev_no <> 2
),
jumps AS MATERIALIZED (
    -- each meter's median positive step, with its steps in arrays unnested again: joined to the steps, the
    -- medians were aggregated again for every step (the planner misjudged both sides): quadratic in the meters,
    -- 5.5 s for 100 meters of 100 readings, minutes for 1 000
    SELECT s.meter, s.ts, s.value, s.prev, g.median,
           -- (divided, not multiplied: a reading near the largest double would overflow)
           CASE WHEN s.prev > 0 AND s.value / 1100 <= s.prev AND s.prev <= s.value / 900 THEN 'up'
                WHEN s.value > 0 AND s.prev / 1100 <= s.value AND s.value <= s.prev / 900 THEN 'down' END AS jump
      FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY st.value - st.prev) FILTER (WHERE st.value > st.prev) AS median,
                   array_agg(st.meter) AS meters, array_agg(st.ts) AS tss, array_agg(st.value) AS vals, array_agg(st.prev) AS prevs
              FROM steps st GROUP BY st.mk) AS g
     CROSS JOIN LATERAL unnest(g.meters, g.tss, g.vals, g.prevs) AS s(meter, ts, value, prev)
),
meters AS (
    SELECT mk, min(meter) AS meter, count(*) AS n_rows, count(*) FILTER (WHERE est) AS n_est FROM src GROUP BY mk
),
issues AS (
    SELECT meter, ts, reading, 'null_time' AS rule, 'error' AS severity,
           CASE WHEN ts_bad IS NOT NULL THEN 'the time ' || quote_literal(ts_bad) || ' is not a point in time'
                ELSE 'the time is ' || coalesce(ts::text, 'NULL') END AS detail
      FROM src WHERE ts IS NULL OR NOT isfinite(ts)
    UNION ALL
    SELECT meter, ts, reading, 'null_reading', 'warning', 'the reading is NULL'
      FROM src WHERE reading IS NULL AND reading_bad IS NULL
    UNION ALL
    SELECT meter, ts, reading, 'bad_reading', 'error',
           CASE WHEN reading_bad IS NOT NULL THEN 'the reading ' || quote_literal(reading_bad) || ' is not a number'
                ELSE 'the reading ' || reading || ' is not a finite number' END
      FROM src WHERE reading IN ('NaN', 'Infinity', '-Infinity') OR reading_bad IS NOT NULL
    UNION ALL
    SELECT meter, ts, reading, 'unpaired_event', 'error',
           CASE ev WHEN 'old_final' THEN 'an old meter''s final reading (old_final) with no new meter''s initial reading (new_initial) at this time'
                   ELSE 'a new meter''s initial reading (new_initial) with no old meter''s final reading (old_final) at this time' END
           || ': energy.meter_agg refuses it; add the other row of the swap, or clear the event if there was no swap'
      FROM src WHERE unpaired AND isfinite(ts)
    UNION ALL
    SELECT meter, ts, reading, 'duplicate', 'info',
           'copy ' || copy_no || ' of ' || copies || ' of the same meter, time and reading'
      FROM pts WHERE copy_no > 1
    UNION ALL
    SELECT meter, ts, reading, 'conflicting_readings', 'error',
           n_values || ' different readings at this time: '
           || string_agg(reading::text, ', ') OVER (PARTITION BY mk, ts, ev_no ORDER BY reading
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
           || CASE WHEN prev > 0 AND value >= 0 AND value <= 0.1 * prev
                   THEN ' (to at most 10 %% of the previous reading): a reset, a rollover or a meter replacement'
                   WHEN value < 0 OR prev <= 0
                   THEN ' (below zero, or from zero or below): reverse running, unless a meter replacement'
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
        check_readings.meter_column, ts_read.expr, rd_read.expr, est_expr,
        rel_schema, rel_name, ev_expr, ts_read.raw, rd_read.raw)
    USING check_readings.period_start, check_readings.period_end, interval_v, stale_v, factor_v,
          coalesce(check_readings.period_end, now());
END
$$;
COMMENT ON FUNCTION energy.check_readings(regclass, text, text, text, timestamptz, timestamptz, interval, interval, double precision, text, text) IS
    'Data quality of cumulative meter register readings in any table (source, with its meter, time and reading columns): one row per problem with the meter, time, reading, rule, severity and a detail, ordered by meter, time and rule. Rows outside [period_start, period_end) are ignored when those are given. Rules: null_time (error; ts NULL, infinity or -infinity, reported whatever the period), null_reading (warning), bad_reading (error; NaN, Infinity or -Infinity), unpaired_event (error; with event_column, an old_final without a new_initial at its time or the reverse, which energy.meter_agg refuses), duplicate (info; one row per extra copy of the same meter, time and reading), conflicting_readings (error; one row per distinct reading at a time with several), gap (warning; more than 2 × expected_interval since the previous reading), decrease (warning; lower than the previous reading: a reset, rollover or replacement when it drops to at most 10 % and not below zero, else reverse running, as energy.meter_agg classifies it), spike (warning; a step over spike_factor × the meter''s median positive step, unit jumps excepted), unit_jump (error; a reading 900–1100 times the previous one, or 1/1100–1/900 of it: MWh and kWh confused), stale (warning; one row per meter whose last reading is older than stale_after before period_end, or now(); ts NULL when it has no usable reading), estimated (info; with estimated_column, a boolean column: one row per meter with estimated readings, ts NULL, their share in the detail). With event_column (the events of energy.meter_agg, any case), a meter swap — an old_final and a new_initial reading at one time — is no conflict, and the new meter''s first reading no fall: the steps go on from it; a reading without an event at a swap''s time is a duplicate of the swap''s row it repeats, or conflicts with it. Times with conflicting readings count for gap but not for the step rules; rows with a NULL, infinite or NaN time or reading take part in no rule but their own. A NULL meter is checked as one meter. Time and reading columns of another type than a date/time or a number — text loaded from a file — are read from their text (a time without an offset in the session''s TimeZone): a time that is not one is a null_time finding, a reading that is not a number a bad_reading one, the text quoted in the detail, and every other row is still checked. NULL options take their defaults; a NULL source or column is an error (22004), an unknown column 42703, an infinite period bound 22023.';

-- reading_column (new in 0.2.0, optional): a time counts only when it has a
-- reading (not NULL, NaN or infinite); without it every row's time counts,
-- as in 0.1.0.
SELECT energy.released_function_replace('energy.reading_coverage(regclass, text, text, timestamptz, timestamptz, interval)',
                                        'energy.reading_coverage(regclass, text, text, timestamptz, timestamptz, interval, text)');
DROP FUNCTION energy.reading_coverage(regclass, text, text, timestamptz, timestamptz, interval);
CREATE FUNCTION energy.reading_coverage(
    source regclass, meter_column text, time_column text,
    period_start timestamptz, period_end timestamptz, expected_interval interval DEFAULT '1 day',
    reading_column text DEFAULT NULL)
    RETURNS TABLE (meter text, first_time timestamptz, last_time timestamptz, readings bigint,
                   expected_readings bigint, coverage double precision)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- the source may be a temporary table
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel_schema name;
    rel_name   name;
    arg_names  text[] := ARRAY['meter_column', 'time_column', 'reading_column'];
    arg_values text[] := ARRAY[reading_coverage.meter_column, reading_coverage.time_column, reading_coverage.reading_column];
    interval_v interval := coalesce(reading_coverage.expected_interval, interval '1 day');
    expected   bigint;
    types      regtype[];
    ts_expr    text;   -- the time column read as a timestamptz (energy.quality_read)
    -- with reading_column: the rows that have a reading
    read_filter text := 'true';
BEGIN
    SELECT q.rel_schema, q.rel_name, q.column_types INTO rel_schema, rel_name, types
      FROM energy.quality_source(reading_coverage.source, arg_names, arg_values, 2) AS q;
    ts_expr := (energy.quality_read(reading_coverage.time_column, types[2], 'timestamptz')).expr;
    IF reading_coverage.reading_column IS NOT NULL THEN
        read_filter := format('%1$s NOT IN (''NaN'', ''Infinity'', ''-Infinity'')',  -- NULL fails it too
                              (energy.quality_read(reading_coverage.reading_column, types[3], 'double precision')).expr);
    END IF;
    IF reading_coverage.period_start IS NULL OR reading_coverage.period_end IS NULL THEN
        RAISE EXCEPTION 'reading_coverage needs both period_start and period_end' USING ERRCODE = '22004',
              HINT = 'Give the reporting period, e.g. ''2024-01-01'' and ''2025-01-01'' (half-open).';
    END IF;
    IF interval_v <= interval '0' THEN
        RAISE EXCEPTION 'expected_interval must be positive, not %', interval_v USING ERRCODE = '22023',
              HINT = 'The interval the meter is read at: coverage counts one reading per interval; the default is 1 day.';
    END IF;
    IF NOT isfinite(reading_coverage.period_start) THEN
        RAISE EXCEPTION 'period_start % is not a point in time', reading_coverage.period_start
            USING ERRCODE = '22023', HINT = 'Coverage needs a finite period, e.g. ''2024-01-01'' and ''2025-01-01'' (half-open).';
    END IF;
    IF NOT isfinite(reading_coverage.period_end) THEN
        RAISE EXCEPTION 'period_end % is not a point in time', reading_coverage.period_end
            USING ERRCODE = '22023', HINT = 'Coverage needs a finite period, e.g. ''2024-01-01'' and ''2025-01-01'' (half-open).';
    END IF;
    IF reading_coverage.period_end <= reading_coverage.period_start THEN
        RAISE EXCEPTION 'period_end % is not after period_start %',
              to_char(reading_coverage.period_end, 'YYYY-MM-DD HH24:MI:SSOF'),
              to_char(reading_coverage.period_start, 'YYYY-MM-DD HH24:MI:SSOF')
            USING ERRCODE = '22023', HINT = 'The period is half-open: [period_start, period_end).';
    END IF;
    -- The whole intervals in the period.  Elapsed time, a day being 86 400 s;
    -- but an interval with months (a meter read monthly, 抄表) steps through
    -- the calendar from period_start: February 2024 is one month (not 29/30
    -- of one), February to April three months (not 89/30)
    IF extract(month FROM interval_v) <> 0 OR extract(year FROM interval_v) <> 0 THEN
        expected := (SELECT count(*) FROM generate_series(reading_coverage.period_start, reading_coverage.period_end, interval_v) AS g(t)
                      WHERE g.t + interval_v <= reading_coverage.period_end);
    ELSE
        expected := floor(extract(epoch FROM reading_coverage.period_end - reading_coverage.period_start)
                          / extract(epoch FROM interval_v))::bigint;
    END IF;
    IF expected < 1 THEN
        RAISE EXCEPTION 'expected_interval % is longer than the period', interval_v USING ERRCODE = '22023',
              HINT = 'At least one reading must be expected in [period_start, period_end).';
    END IF;

    -- $1 period_start, $2 period_end, $3 expected readings.
    RETURN QUERY EXECUTE format($q$
SELECT meter, min(ts), max(ts), count(DISTINCT ts), $3, least(1, count(DISTINCT ts)::double precision / $3)
  FROM (SELECT (%1$I)::text AS meter, %2$s AS ts FROM %3$I.%4$I WHERE %5$s OFFSET 0) s  -- (each time read once)
 WHERE ts >= $1 AND ts < $2
 GROUP BY meter
 ORDER BY meter
$q$,
        reading_coverage.meter_column, ts_expr, rel_schema, rel_name, read_filter)
    USING reading_coverage.period_start, reading_coverage.period_end, expected;
END
$$;
COMMENT ON FUNCTION energy.reading_coverage(regclass, text, text, timestamptz, timestamptz, interval, text) IS
    'Coverage of each meter in [period_start, period_end) (both required): one row per meter with at least one reading in the period, with its first and last time, readings (distinct times in the period; with reading_column, only times with a reading — not NULL, NaN or infinite: a register not read is no coverage), expected_readings = the whole expected_intervals in the period (floor((period_end − period_start) / expected_interval) in elapsed seconds; an interval with months steps through the calendar: February is one month), and coverage = least(1, readings / expected_readings). Meters without any reading in the period have no row. A NULL meter is counted as one meter. Columns of another type than a date/time (the time) or a number (the reading) — text loaded from a file — are read from their text: a time or reading that is not one counts as no reading (energy.check_readings reports it).';

-- The last of the 0.1.0 functions replaced with a new argument: the helper
-- that checked them (sql/11_released_functions.sql) goes.
DROP FUNCTION energy.released_function_replace(regprocedure, text);
