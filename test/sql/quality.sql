-- Data quality: energy.check_readings, energy.reading_coverage, energy.check_bills
-- on hand-made tables with one clear case per rule; the exact rows expected,
-- no false positives on clean meters and bills, the period filter, the options,
-- every error with its SQLSTATE (hostile column names included), and the
-- catalog markings.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();
SET LOCAL timezone = 'Asia/Shanghai';

-- The error hint of a statement (NULL when it succeeds).
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $f$;

-- ---------------------------------------------------------------------
-- Markings: STABLE, PARALLEL RESTRICTED (the source may be a temporary table),
-- not STRICT, fixed search_path, comments.
-- ---------------------------------------------------------------------
SELECT results_eq(
  $$SELECT p.proname::text COLLATE "default", pg_get_function_identity_arguments(p.oid), p.provolatile::text COLLATE "default",
           p.proparallel::text COLLATE "default", p.proisstrict, p.prosecdef,
           l.lanname::text COLLATE "default", p.proconfig COLLATE "default", obj_description(p.oid, 'pg_proc') IS NOT NULL
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'energy'::regnamespace AND p.proname IN ('check_readings', 'reading_coverage', 'check_bills')
     ORDER BY p.proname$$,
  $$VALUES
    ('check_bills', 'source regclass, meter_column text, start_column text, end_column text, amount_column text, period_start date, period_end date, end_dates text', 's', 'r', false, false, 'plpgsql',
     '{"search_path=pg_catalog, pg_temp"}'::text[], true),
    ('check_readings', 'source regclass, meter_column text, time_column text, reading_column text, period_start timestamp with time zone, period_end timestamp with time zone, expected_interval interval, stale_after interval, spike_factor double precision, estimated_column text, event_column text',
     's', 'r', false, false, 'plpgsql', '{"search_path=pg_catalog, pg_temp"}'::text[], true),
    ('reading_coverage', 'source regclass, meter_column text, time_column text, period_start timestamp with time zone, period_end timestamp with time zone, expected_interval interval, reading_column text',
     's', 'r', false, false, 'plpgsql', '{"search_path=pg_catalog, pg_temp"}'::text[], true)$$,
  'the three functions: STABLE, PARALLEL RESTRICTED, not STRICT, not SECURITY DEFINER, plpgsql, pinned search_path, commented');
SELECT ok(obj_description('energy.check_readings'::regproc, 'pg_proc') ~ 'null_time.*null_reading.*duplicate.*conflicting_readings.*gap.*decrease.*spike.*unit_jump.*stale.*estimated',
  'the comment of check_readings names every rule');
SELECT ok(obj_description('energy.check_bills'::regproc, 'pg_proc') ~ 'null_period.*empty_period.*overlap.*gap.*negative_amount.*null_amount.*bad_amount.*short_history.*duplicate',
  'the comment of check_bills names every rule');

-- ---------------------------------------------------------------------
-- check_readings.  Period [2024-01-01, 2024-01-11) +08, daily readings,
-- stale after 7 days (last reading before 2024-01-04), spike factor 10.
-- One meter per rule; every other meter is clean in the period.
-- ---------------------------------------------------------------------
CREATE TEMP TABLE rd (meter text, ts timestamptz, reading double precision, est boolean);
INSERT INTO rd VALUES
  -- clean: a reading a day, +10 a day (no row at all)
  ('clean', '2024-01-01 00:00+08', 100, false), ('clean', '2024-01-02 00:00+08', 110, false),
  ('clean', '2024-01-03 00:00+08', 120, false), ('clean', '2024-01-04 00:00+08', 130, false),
  ('clean', '2024-01-05 00:00+08', 140, false), ('clean', '2024-01-06 00:00+08', 150, false),
  ('clean', '2024-01-07 00:00+08', 160, false), ('clean', '2024-01-08 00:00+08', 170, false),
  ('clean', '2024-01-09 00:00+08', 180, false), ('clean', '2024-01-10 00:00+08', 190, false),
  -- null_time
  ('m01', '2024-01-08 00:00+08', 100, false), ('m01', '2024-01-09 00:00+08', 110, false),
  ('m01', '2024-01-10 00:00+08', 120, false), ('m01', NULL, 130, false),
  -- null_reading (the readings around it are 2 days apart: not a gap)
  ('m02', '2024-01-08 00:00+08', 100, false), ('m02', '2024-01-09 00:00+08', NULL, false),
  ('m02', '2024-01-10 00:00+08', 120, false),
  -- duplicate: three copies, two extra
  ('m03', '2024-01-08 00:00+08', 100, false), ('m03', '2024-01-09 00:00+08', 110, false),
  ('m03', '2024-01-09 00:00+08', 110, false), ('m03', '2024-01-09 00:00+08', 110, false),
  ('m03', '2024-01-10 00:00+08', 120, false),
  -- conflicting_readings
  ('m04', '2024-01-08 00:00+08', 100, false), ('m04', '2024-01-09 00:00+08', 110, false),
  ('m04', '2024-01-09 00:00+08', 112, false), ('m04', '2024-01-10 00:00+08', 120, false),
  -- gap: nothing from the 2nd to the 7th (and a December reading outside the period)
  ('m05', '2023-12-01 00:00+08', 50, false),
  ('m05', '2024-01-01 00:00+08', 100, false), ('m05', '2024-01-02 00:00+08', 110, false),
  ('m05', '2024-01-07 00:00+08', 160, false), ('m05', '2024-01-08 00:00+08', 170, false),
  -- decrease: reverse running (800 -> 790), then a reset (795 -> 50, under 10 %)
  ('m06', '2024-01-07 00:00+08', 800, false), ('m06', '2024-01-08 00:00+08', 790, false),
  ('m06', '2024-01-09 00:00+08', 795, false), ('m06', '2024-01-10 00:00+08', 50, false),
  -- spike: steps 10, 10, 10, 200, 10: median 10, 200 > 10 × 10
  ('m07', '2024-01-05 00:00+08', 100, false), ('m07', '2024-01-06 00:00+08', 110, false),
  ('m07', '2024-01-07 00:00+08', 120, false), ('m07', '2024-01-08 00:00+08', 130, false),
  ('m07', '2024-01-09 00:00+08', 330, false), ('m07', '2024-01-10 00:00+08', 340, false),
  -- unit_jump up: 150 -> 150 000 (×1000), not also a spike
  ('m08', '2024-01-08 00:00+08', 150, false), ('m08', '2024-01-09 00:00+08', 150000, false),
  ('m08', '2024-01-10 00:00+08', 150010, false),
  -- unit_jump down: 200 000 -> 201 (÷995), which is also a decrease
  ('m09', '2024-01-08 00:00+08', 200000, false), ('m09', '2024-01-09 00:00+08', 201, false),
  ('m09', '2024-01-10 00:00+08', 205, false),
  -- stale: last reading on the 3rd, 8 days before the end (and one after the period)
  ('m10', '2024-01-01 00:00+08', 100, false), ('m10', '2024-01-02 00:00+08', 110, false),
  ('m10', '2024-01-03 00:00+08', 120, false), ('m10', '2024-01-20 00:00+08', 290, false),
  -- estimated: 1 of 4
  ('m11', '2024-01-07 00:00+08', 100, false), ('m11', '2024-01-08 00:00+08', 110, true),
  ('m11', '2024-01-09 00:00+08', 120, false), ('m11', '2024-01-10 00:00+08', 130, NULL);

SELECT results_eq(
  $$SELECT meter, ts, rule, severity FROM energy.check_readings('rd', 'meter', 'ts', 'reading',
      '2024-01-01 00:00+08', '2024-01-11 00:00+08', estimated_column => 'est')$$,
  $$VALUES
    ('m01', NULL::timestamptz, 'null_time', 'error'),
    ('m02', '2024-01-09 00:00+08', 'null_reading', 'warning'),
    ('m03', '2024-01-09 00:00+08', 'duplicate', 'info'),
    ('m03', '2024-01-09 00:00+08', 'duplicate', 'info'),
    ('m04', '2024-01-09 00:00+08', 'conflicting_readings', 'error'),
    ('m04', '2024-01-09 00:00+08', 'conflicting_readings', 'error'),
    ('m05', '2024-01-07 00:00+08', 'gap', 'warning'),
    ('m06', '2024-01-08 00:00+08', 'decrease', 'warning'),
    ('m06', '2024-01-10 00:00+08', 'decrease', 'warning'),
    ('m07', '2024-01-09 00:00+08', 'spike', 'warning'),
    ('m08', '2024-01-09 00:00+08', 'unit_jump', 'error'),
    ('m09', '2024-01-09 00:00+08', 'decrease', 'warning'),
    ('m09', '2024-01-09 00:00+08', 'unit_jump', 'error'),
    ('m10', '2024-01-03 00:00+08', 'stale', 'warning'),
    ('m11', NULL, 'estimated', 'info')$$,
  'check_readings: exactly one finding per planted problem, ordered by meter, ts, rule');

SELECT results_eq(
  $$SELECT meter, ts, reading, rule, detail FROM energy.check_readings('rd', 'meter', 'ts', 'reading',
      '2024-01-01 00:00+08', '2024-01-11 00:00+08', estimated_column => 'est')$$,
  $$VALUES
    ('m01', NULL::timestamptz, 130::float8, 'null_time', 'the time is NULL'),
    ('m02', '2024-01-09 00:00+08', NULL, 'null_reading', 'the reading is NULL'),
    ('m03', '2024-01-09 00:00+08', 110, 'duplicate', 'copy 2 of 3 of the same meter, time and reading'),
    ('m03', '2024-01-09 00:00+08', 110, 'duplicate', 'copy 3 of 3 of the same meter, time and reading'),
    ('m04', '2024-01-09 00:00+08', 110, 'conflicting_readings', '2 different readings at this time: 110, 112'),
    ('m04', '2024-01-09 00:00+08', 112, 'conflicting_readings', '2 different readings at this time: 110, 112'),
    ('m05', '2024-01-07 00:00+08', 160, 'gap', 'no reading for 5 days 00:00:00 before this one'),
    ('m06', '2024-01-08 00:00+08', 790, 'decrease',
     'fell from 800 to 790 (to more than 10 % of the previous reading): reverse running, unless a meter replacement'),
    ('m06', '2024-01-10 00:00+08', 50, 'decrease',
     'fell from 795 to 50 (to at most 10 % of the previous reading): a reset, a rollover or a meter replacement'),
    ('m07', '2024-01-09 00:00+08', 330, 'spike', 'step 200 from 130 is 20 times the meter''s median step 10 (spike_factor 10)'),
    ('m08', '2024-01-09 00:00+08', 150000, 'unit_jump',
     'reading 150000 is 1000 times the previous reading 150: a ×1000 unit jump (kWh recorded where MWh were?)'),
    ('m09', '2024-01-09 00:00+08', 201, 'decrease',
     'fell from 200000 to 201 (to at most 10 % of the previous reading): a reset, a rollover or a meter replacement'),
    ('m09', '2024-01-09 00:00+08', 201, 'unit_jump',
     'reading 201 is 1/995 of the previous reading 200000: a ÷1000 unit jump (MWh recorded where kWh were?)'),
    ('m10', '2024-01-03 00:00+08', 120, 'stale', 'last reading 8 days 00:00:00 before the end of the period'),
    ('m11', NULL, NULL, 'estimated', '1 of 4 readings (25.0 %) are estimated')$$,
  'check_readings: readings and details');

SELECT is_empty($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading',
    '2024-01-01 00:00+08', '2024-01-11 00:00+08', estimated_column => 'est') WHERE meter = 'clean'$$,
  'no false positives on a clean meter');
CREATE TEMP TABLE clean_only AS SELECT * FROM rd WHERE meter = 'clean';
SELECT is_empty($$SELECT * FROM energy.check_readings('clean_only', 'meter', 'ts', 'reading',
    '2024-01-01 00:00+08', '2024-01-11 00:00+08', estimated_column => 'est')$$,
  'a table with only the clean meter gives no rows');
CREATE TEMP VIEW clean_view AS SELECT meter, ts, reading FROM rd WHERE meter = 'clean';
SELECT is_empty($$SELECT * FROM energy.check_readings('clean_view', 'meter', 'ts', 'reading',
    '2024-01-01 00:00+08', '2024-01-11 00:00+08')$$,
  'a view works as the source');
SELECT is_empty($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading',
    '2024-01-01 00:00+08', '2024-01-11 00:00+08') WHERE rule = 'estimated'$$,
  'without estimated_column there is no estimated rule');

-- NULL options take their defaults.
SELECT results_eq(
  $$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
      NULL, NULL, NULL, NULL)$$,
  $$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
      '1 day', '7 days', 10, NULL)$$,
  'NULL expected_interval, stale_after, spike_factor and estimated_column take their defaults');

-- The period filter.
SELECT results_eq(
  $$SELECT ts, rule, detail FROM energy.check_readings('rd', 'meter', 'ts', 'reading', NULL, '2024-01-11 00:00+08')
     WHERE meter = 'm05'$$,
  $$VALUES ('2024-01-01 00:00+08'::timestamptz, 'gap', 'no reading for 31 days 00:00:00 before this one'),
           ('2024-01-07 00:00+08', 'gap', 'no reading for 5 days 00:00:00 before this one')$$,
  'without period_start the December reading counts: a 31-day gap before 1 January');
SELECT results_eq(
  $$SELECT ts, rule FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-25 00:00+08')
     WHERE meter = 'm10'$$,
  $$VALUES ('2024-01-20 00:00+08'::timestamptz, 'gap'), ('2024-01-20 00:00+08', 'spike')$$,
  'a later period end takes in the reading of the 20th: m10 is not stale, but 17 days without a reading and a step of 170 are flagged');
SELECT results_eq(
  $$SELECT ts, rule FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-03 00:00+08')
     WHERE meter IN ('m01', 'm10')$$,
  $$VALUES (NULL::timestamptz, 'null_time'), (NULL, 'stale')$$,
  'period [1st, 3rd): m10 (readings on the 1st and 2nd) is not stale; the NULL time of m01 is reported whatever the period, and m01 has no reading in it');
SELECT is_empty(
  $$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-09 12:00+08', '2024-01-11 00:00+08')
     WHERE meter IN ('m07', 'm08', 'm09')$$,
  'period from the 9th at noon: the jumps of the 9th are outside it');

-- Options.
SELECT is_empty($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
    expected_interval => '3 days') WHERE rule = 'gap'$$,
  'expected_interval 3 days: a 5-day gap is not over 6 days');
SELECT results_eq($$SELECT meter, ts FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
    expected_interval => '2 days') WHERE rule = 'gap'$$,
  $$VALUES ('m05', '2024-01-07 00:00+08'::timestamptz)$$,
  'expected_interval 2 days: 5 days is over 4');
SELECT is_empty($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08')
    WHERE meter = 'm02' AND rule = 'gap'$$,
  'exactly 2 × expected_interval is not a gap (m02: 2 days around its NULL reading)');
SELECT is_empty($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
    stale_after => '8 days') WHERE rule = 'stale'$$,
  'stale_after 8 days: the 3rd is exactly 8 days before the end, not older');
SELECT results_eq($$SELECT meter FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
    stale_after => '2 days') WHERE rule = 'stale'$$,
  $$VALUES ('m05'), ('m10')$$,
  'stale_after 2 days: m05 (last on the 8th) is stale too');
SELECT is_empty($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
    spike_factor => 25) WHERE rule = 'spike'$$,
  'spike_factor 25: a step of 20 × the median is not a spike');
SELECT results_eq($$SELECT meter, ts FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-11 00:00+08',
    spike_factor => 19.9) WHERE rule = 'spike'$$,
  $$VALUES ('m07', '2024-01-09 00:00+08'::timestamptz)$$,
  'spike_factor 19.9: still a spike, and the ×1000 jump of m08 never is');
SELECT ok((SELECT count(*) FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', NULL)
            WHERE rule = 'stale') = 12,
  'without period_end, staleness is measured at now(): every meter (2024 data) is stale');

-- Stale without a usable reading; a NULL meter is checked as one meter.
CREATE TEMP TABLE odd (meter text, ts timestamptz, reading double precision);
INSERT INTO odd VALUES ('x', NULL, 5), ('x', '2024-01-05 00:00+08', NULL),
  (NULL, '2024-01-09 00:00+08', 10), (NULL, '2024-01-10 00:00+08', 5);
SELECT results_eq(
  $$SELECT meter, ts, reading, rule, severity, detail FROM energy.check_readings('odd', 'meter', 'ts', 'reading',
      '2024-01-01 00:00+08', '2024-01-11 00:00+08')$$,
  $$VALUES
    ('x', '2024-01-05 00:00+08'::timestamptz, NULL::float8, 'null_reading', 'warning', 'the reading is NULL'),
    ('x', NULL, 5, 'null_time', 'error', 'the time is NULL'),
    ('x', NULL, NULL, 'stale', 'warning', 'no reading with both a time and a value'),
    (NULL, '2024-01-10 00:00+08', 5, 'decrease', 'warning',
     'fell from 10 to 5 (to more than 10 % of the previous reading): reverse running, unless a meter replacement')$$,
  'a meter without a usable reading is stale (ts NULL); NULL meters form one meter, sorted last');

-- A time with conflicting readings takes part in gap, not in the step rules:
-- the step goes from the reading before it to the reading after it.
CREATE TEMP TABLE conflict (meter text, ts timestamptz, reading double precision);
INSERT INTO conflict VALUES ('c', '2024-01-06 00:00+08', 100), ('c', '2024-01-07 00:00+08', 5),
  ('c', '2024-01-07 00:00+08', 500), ('c', '2024-01-07 00:00+08', 500), ('c', '2024-01-08 00:00+08', 110),
  ('c', '2024-01-10 12:00+08', 80), ('c', '2024-01-10 12:00+08', 90);
SELECT results_eq(
  $$SELECT ts, reading, rule, detail FROM energy.check_readings('conflict', 'meter', 'ts', 'reading',
      '2024-01-01 00:00+08', '2024-01-11 00:00+08')$$,
  $$VALUES
    ('2024-01-07 00:00+08'::timestamptz, 5::float8, 'conflicting_readings', '2 different readings at this time: 5, 500'),
    ('2024-01-07 00:00+08', 500, 'conflicting_readings', '2 different readings at this time: 5, 500'),
    ('2024-01-07 00:00+08', 500, 'duplicate', 'copy 2 of 2 of the same meter, time and reading'),
    ('2024-01-10 12:00+08', 80, 'conflicting_readings', '2 different readings at this time: 80, 90'),
    ('2024-01-10 12:00+08', 90, 'conflicting_readings', '2 different readings at this time: 80, 90'),
    ('2024-01-10 12:00+08', NULL, 'gap', 'no reading for 2 days 12:00:00 before this one')$$,
  'conflicting times: no decrease to 5 or from 500 (100 -> 110 is the step), a gap measured to a conflicting time');
SELECT results_eq(
  $$SELECT ts, reading, rule FROM energy.check_readings('conflict', 'meter', 'ts', 'reading',
      '2024-01-01 00:00+08', '2024-01-11 00:00+08', expected_interval => '1 day', stale_after => '6 hours') WHERE rule = 'stale'$$,
  $$VALUES ('2024-01-10 12:00+08'::timestamptz, NULL::float8, 'stale')$$,
  'stale at a last time with conflicting readings: reading NULL');

-- Column types: integer meter, date times, numeric readings, a boolean estimate flag.
CREATE TEMP TABLE typed (meter_no integer, day date, kwh numeric, estimated boolean);
INSERT INTO typed SELECT 7, d::date, 1000 + 10 * extract(day FROM d), extract(day FROM d) <= 3
  FROM generate_series('2024-01-01'::timestamp, '2024-01-31', '1 day') d;
SELECT results_eq(
  $$SELECT meter, ts, rule, detail FROM energy.check_readings('typed', 'meter_no', 'day', 'kwh',
      '2024-01-01', '2024-02-01', estimated_column => 'estimated')$$,
  $$VALUES ('7', NULL::timestamptz, 'estimated', '3 of 31 readings (9.7 %) are estimated')$$,
  'integer meters, dates and numeric readings are cast; 3 of 31 estimated');

-- Identifiers are quoted, never spliced: a table and columns with hostile names.
CREATE TEMP TABLE "we""ird; DROP TABLE rd; --" ("meter id" text, "Time" timestamptz, "reading""; DROP TABLE rd; --" float8);
INSERT INTO "we""ird; DROP TABLE rd; --" VALUES ('a', '2024-01-09 00:00+08', 20), ('a', '2024-01-10 00:00+08', 10);
SELECT results_eq(
  $$SELECT meter, ts, rule FROM energy.check_readings('"we""ird; DROP TABLE rd; --"', 'meter id', 'Time',
      'reading"; DROP TABLE rd; --', '2024-01-01 00:00+08', '2024-01-11 00:00+08')$$,
  $$VALUES ('a', '2024-01-10 00:00+08'::timestamptz, 'decrease')$$,
  'hostile table and column names that exist are read as names');

-- Errors.
SELECT throws_ok($$SELECT * FROM energy.check_readings(NULL, 'meter', 'ts', 'reading')$$, '22004',
  'source must not be NULL', 'NULL source');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', NULL, 'ts', 'reading')$$, '22004',
  'meter_column must not be NULL', 'NULL meter_column');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', NULL, 'reading')$$, '22004',
  'time_column must not be NULL', 'NULL time_column');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', NULL)$$, '22004',
  'reading_column must not be NULL', 'NULL reading_column');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'value')$$, '42703',
  'column "value" of relation rd does not exist (reading_column)', 'a column that does not exist');
SELECT is(pg_temp.hint_of($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'value')$$),
  'Columns of rd: meter, ts, reading, est. Give the name as stored (case-sensitive, without quotes).',
  '... the hint lists the columns');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'Meter', 'ts', 'reading')$$, '42703',
  NULL, 'column names are case-sensitive, as stored');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading"; DROP TABLE rd; --')$$, '42703',
  'column "reading"; DROP TABLE rd; --" of relation rd does not exist (reading_column)',
  'a hostile reading column name is refused as unknown');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', estimated_column => 'est) FROM rd; DROP TABLE rd; --')$$,
  '42703', NULL, 'a hostile estimated column name is refused as unknown');
SELECT is((SELECT count(*)::int FROM rd), 55, '... and rd is still there, untouched');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', estimated_column => 'reading')$$, '42804',
  'estimated_column "reading" is of type double precision, not boolean', 'estimated_column must be boolean');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', expected_interval => '0')$$, '22023',
  NULL, 'expected_interval 0');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', expected_interval => '-1 day')$$, '22023',
  NULL, 'negative expected_interval');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', stale_after => '0')$$, '22023',
  NULL, 'stale_after 0');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', spike_factor => 1)$$, '22023',
  'spike_factor must be greater than 1, not 1', 'spike_factor 1');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', spike_factor => 0.5)$$, '22023',
  NULL, 'spike_factor below 1');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', spike_factor => 'NaN')$$, '22023',
  NULL, 'spike_factor NaN');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-11 00:00+08', '2024-01-01 00:00+08')$$,
  '22023', 'period_end 2024-01-01 00:00:00+08 is not after period_start 2024-01-11 00:00:00+08', 'period_end before period_start');
SELECT throws_ok($$SELECT * FROM energy.check_readings('rd', 'meter', 'ts', 'reading', '2024-01-01 00:00+08', '2024-01-01 00:00+08')$$,
  '22023', NULL, 'an empty period');
CREATE TEMP SEQUENCE not_a_table;
SELECT throws_ok($$SELECT * FROM energy.check_readings('not_a_table', 'meter', 'ts', 'reading')$$, '42809',
  NULL, 'a sequence is not a source');
SELECT throws_ok($$SELECT * FROM energy.check_readings('no_such_table', 'meter', 'ts', 'reading')$$, '42P01',
  NULL, 'an unknown table (regclass input)');

-- ---------------------------------------------------------------------
-- A meter swap (energy.meter_agg's events): 1 000 on 1 January, the old meter's last 1 800 and the new one's
-- first 0 on 1 March, 350 on 1 April.  Without the events: two conflicting readings on 1 March and a fall from
-- 1 000 to 350; with them: nothing (steps +800 and +350, from the new meter's 0).
CREATE TEMP TABLE swap (meter text, ts timestamptz, reading double precision, ev text);
INSERT INTO swap VALUES ('s', '2024-01-01 00:00+08', 1000, NULL), ('s', '2024-03-01 00:00+08', 1800, 'OLD_FINAL'),
                        ('s', '2024-03-01 00:00+08', 0, 'new_initial'), ('s', '2024-04-01 00:00+08', 350, NULL);
SELECT results_eq($$SELECT ts, rule, severity FROM energy.check_readings('swap', 'meter', 'ts', 'reading', expected_interval => '1 month',
                                                                          period_end => '2024-04-02 00:00+08')$$,
  $$VALUES ('2024-03-01 00:00+08'::timestamptz, 'conflicting_readings', 'error'), ('2024-03-01 00:00+08', 'conflicting_readings', 'error'),
           ('2024-04-01 00:00+08', 'decrease', 'warning')$$,
  'a meter swap read without its events: two conflicting readings and a fall');
SELECT is_empty($$SELECT * FROM energy.check_readings('swap', 'meter', 'ts', 'reading', expected_interval => '1 month',
                                                     period_end => '2024-04-02 00:00+08', event_column => 'ev')$$,
  '... with event_column: a swap, no finding');
INSERT INTO swap VALUES ('s', '2024-05-01 00:00+08', 100, NULL);
SELECT results_eq($$SELECT ts, rule, detail FROM energy.check_readings('swap', 'meter', 'ts', 'reading', expected_interval => '1 month',
                                                                       period_end => '2024-05-02 00:00+08', event_column => 'ev')$$,
  $$VALUES ('2024-05-01 00:00+08'::timestamptz, 'decrease', 'fell from 350 to 100 (to more than 10 % of the previous reading): reverse running, unless a meter replacement')$$,
  '... and the steps go on from the new meter: 350 to 100 is a fall');
-- A reading without an event at the swap's time (a logger that sends plain readings too): the new meter's 0 again
-- is a copy of it; 500 is neither of the swap's readings: a conflict with the old meter's 1 800 (it was taken as a
-- reading before the swap: "fell from 1800 to 0" and energy.meter_agg counted 0 -> 1 800 as consumption).
INSERT INTO swap VALUES ('s', '2024-03-01 00:00+08', 0, NULL);
SELECT results_eq($$SELECT ts, rule, reading FROM energy.check_readings('swap', 'meter', 'ts', 'reading', expected_interval => '1 month',
                                                                       period_end => '2024-04-02 00:00+08', event_column => 'ev')$$,
  $$VALUES ('2024-03-01 00:00+08'::timestamptz, 'duplicate', 0::double precision)$$,
  '... a plain reading repeating the new meter''s first one at the swap is a copy of it');
INSERT INTO swap VALUES ('s', '2024-03-01 00:00+08', 500, NULL);
SELECT results_eq($$SELECT ts, rule, reading FROM energy.check_readings('swap', 'meter', 'ts', 'reading', expected_interval => '1 month',
                                                                       period_end => '2024-04-02 00:00+08', event_column => 'ev')
                     WHERE rule <> 'duplicate'$$,
  $$VALUES ('2024-03-01 00:00+08'::timestamptz, 'conflicting_readings', 500::double precision),
           ('2024-03-01 00:00+08', 'conflicting_readings', 1800)$$,
  '... one repeating neither conflicts with the old meter''s last one, as meter_agg refuses it');
DELETE FROM swap WHERE ev IS NULL AND ts = '2024-03-01 00:00+08';
-- (a review, 2026-12-02) half a swap — a new meter's first reading with no old meter's last at its time, or the
-- reverse — is an error, as energy.meter_agg refuses it (it was no finding at all)
CREATE TEMP TABLE half (meter text, ts timestamptz, reading double precision, ev text);
INSERT INTO half VALUES ('m', '2024-01-01 00:00+08', 100, NULL), ('m', '2024-01-02 00:00+08', 200, NULL),
                        ('m', '2024-01-03 00:00+08', 5, 'new_initial'), ('m', '2024-01-04 00:00+08', 20, NULL),
                        ('n', '2024-01-01 00:00+08', 100, NULL), ('n', '2024-01-02 00:00+08', 200, 'old_final'),
                        ('n', '2024-01-03 00:00+08', 300, NULL);
SELECT results_eq($$SELECT meter, ts, rule, severity, detail FROM energy.check_readings('half', 'meter', 'ts', 'reading',
                        period_start => '2024-01-01 00:00+08', period_end => '2024-01-05 00:00+08', event_column => 'ev')
                     WHERE rule <> 'stale'$$,
  $$VALUES ('m', '2024-01-03 00:00+08'::timestamptz, 'unpaired_event', 'error',
            'a new meter''s initial reading (new_initial) with no old meter''s final reading (old_final) at this time: energy.meter_agg refuses it; add the other row of the swap, or clear the event if there was no swap'),
           ('n', '2024-01-02 00:00+08', 'unpaired_event', 'error',
            'an old meter''s final reading (old_final) with no new meter''s initial reading (new_initial) at this time: energy.meter_agg refuses it; add the other row of the swap, or clear the event if there was no swap')$$,
  'half a swap is an error (unpaired_event)');
-- (a review) readings near the largest double: findings, not an overflow (900 × 1e306 was multiplied out):
-- steps 10, 10 and 1e306 - 120: a spike of 1e305 times the median step 10
CREATE TEMP TABLE huge (meter text, ts timestamptz, reading double precision);
INSERT INTO huge VALUES ('h', '2024-01-01 00:00+08', 100), ('h', '2024-01-02 00:00+08', 110), ('h', '2024-01-03 00:00+08', 120),
                        ('h', '2024-01-04 00:00+08', 1e306), ('h', '2024-01-05 00:00+08', 1e306);
SELECT results_eq($$SELECT ts, rule FROM energy.check_readings('huge', 'meter', 'ts', 'reading', period_end => '2024-01-06 00:00+08')$$,
  $$VALUES ('2024-01-04 00:00+08'::timestamptz, 'spike')$$, 'a reading of 1e306: a spike, no overflow');
-- (a review) a fall below zero, or from zero or below, is no reset to a small value: reverse running
CREATE TEMP TABLE neg (meter text, ts timestamptz, reading double precision);
INSERT INTO neg VALUES ('n', '2024-01-01 00:00+08', -50), ('n', '2024-01-02 00:00+08', -200), ('p', '2024-01-01 00:00+08', 100),
                       ('p', '2024-01-02 00:00+08', -5);
SELECT results_eq($$SELECT meter, detail FROM energy.check_readings('neg', 'meter', 'ts', 'reading', period_end => '2024-01-03 00:00+08')
                     WHERE rule = 'decrease'$$,
  $$VALUES ('n', 'fell from -50 to -200 (below zero, or from zero or below): reverse running, unless a meter replacement'),
           ('p', 'fell from 100 to -5 (below zero, or from zero or below): reverse running, unless a meter replacement')$$,
  'falls below zero are reverse running, not resets');

-- reading_coverage.
-- ---------------------------------------------------------------------
CREATE TEMP TABLE cov (meter text, ts timestamptz, reading double precision);
INSERT INTO cov
  -- a: 20 daily readings in January (1st–20th), one of them twice, plus one each in December and February
  SELECT 'a', '2024-01-01 00:00+08'::timestamptz + (d - 1) * interval '1 day', d FROM generate_series(1, 20) d
  UNION ALL SELECT 'a', '2024-01-05 00:00+08', 5
  UNION ALL SELECT 'a', '2023-12-31 00:00+08', 0
  UNION ALL SELECT 'a', '2024-02-01 00:00+08', 32
  -- b: every day plus an extra reading at noon on the 1st: 32 times, capped at 1
  UNION ALL SELECT 'b', '2024-01-01 00:00+08'::timestamptz + (d - 1) * interval '1 day', d FROM generate_series(1, 31) d
  UNION ALL SELECT 'b', '2024-01-01 12:00+08', 1.5
  -- c: only outside January (no row); d: one reading with a NULL time (not counted) and one on the 31st
  UNION ALL SELECT 'c', '2024-02-10 00:00+08', 1
  UNION ALL SELECT 'd', NULL, 1
  UNION ALL SELECT 'd', '2024-01-31 23:59:59+08', 2;
SELECT results_eq(
  $$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '2024-01-01 00:00+08', '2024-02-01 00:00+08')$$,
  $$VALUES ('a', '2024-01-01 00:00+08'::timestamptz, '2024-01-20 00:00+08'::timestamptz, 20::bigint, 31::bigint, 20::float8 / 31),
           ('b', '2024-01-01 00:00+08', '2024-01-31 00:00+08', 32, 31, 1),
           ('d', '2024-01-31 23:59:59+08', '2024-01-31 23:59:59+08', 1, 31, 1::float8 / 31)$$,
  'coverage: 20 of 31 days, capped at 1, meters without readings in the period have no row');
SELECT results_eq(
  $$SELECT meter, readings, expected_readings, coverage FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2024-01-01 00:00+08', '2024-02-01 00:00+08', '1 hour') WHERE meter = 'a'$$,
  $$VALUES ('a', 20::bigint, 744::bigint, 20::float8 / 744)$$,
  'hourly expected: 31 × 24 = 744');
SELECT results_eq(
  $$SELECT meter, readings, expected_readings, coverage FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2024-01-01 00:00+08', '2024-01-11 00:00+08', '3 days') WHERE meter = 'a'$$,
  $$VALUES ('a', 10::bigint, 3::bigint, 1::float8)$$,
  'floor(10 days / 3 days) = 3 expected');
-- read monthly (抄表): February 2024 is one month of 29 days (not 29/30 of one: an error before), February to
-- April 2023 three (not floor(89/30) = 2); m read in February and March only: 2 of 3
INSERT INTO cov VALUES ('m', '2023-02-01 00:00+08', 10), ('m', '2023-03-01 00:00+08', 20), ('m', '2024-02-01 00:00+08', 30);
SELECT results_eq(
  $$SELECT meter, readings, expected_readings, coverage FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2023-02-01 00:00+08', '2023-05-01 00:00+08', '1 month')
    UNION ALL
    SELECT meter, readings, expected_readings, coverage FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2024-02-01 00:00+08', '2024-03-01 00:00+08', '1 month') WHERE meter = 'm'$$,
  $$VALUES ('m', 2::bigint, 3::bigint, 2::float8 / 3), ('m', 1, 1, 1)$$,
  'monthly readings: February to April is 3 months, February 2024 one');
DELETE FROM cov WHERE meter = 'm';
-- with reading_column, a time without a reading (NULL, NaN, infinite) is no coverage: b's 1st–3rd not read,
-- its 4th NaN, its 5th infinite: 31 of its 32 times, less 5 = 27 (its noon reading on the 1st stays); e only
-- NULL readings: no row (without reading_column: 1 of 31)
UPDATE cov SET reading = NULL WHERE meter = 'b' AND ts IN ('2024-01-01 00:00+08', '2024-01-02 00:00+08', '2024-01-03 00:00+08');
UPDATE cov SET reading = 'NaN' WHERE meter = 'b' AND ts = '2024-01-04 00:00+08';
UPDATE cov SET reading = '-Infinity' WHERE meter = 'b' AND ts = '2024-01-05 00:00+08';
INSERT INTO cov VALUES ('e', '2024-01-10 00:00+08', NULL);
SELECT results_eq(
  $$SELECT meter, first_time, readings, coverage FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2024-01-01 00:00+08', '2024-02-01 00:00+08', reading_column => 'reading') WHERE meter IN ('b', 'e')
    UNION ALL
    SELECT meter, first_time, readings, coverage FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2024-01-01 00:00+08', '2024-02-01 00:00+08') WHERE meter IN ('b', 'e')$$,
  $$VALUES ('b', '2024-01-01 12:00+08'::timestamptz, 27::bigint, 27::float8 / 31),
           ('b', '2024-01-01 00:00+08', 32, 1), ('e', '2024-01-10 00:00+08', 1, 1::float8 / 31)$$,
  'reading_column: times without a reading (NULL, NaN, -Infinity) are not covered; without it, every row''s time');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '2024-01-01', '2024-02-01', reading_column => 'value')$$,
  '42703', NULL, 'coverage: an unknown reading_column');
DELETE FROM cov WHERE meter = 'e';
SELECT results_eq(
  $$SELECT meter, readings, expected_readings FROM energy.reading_coverage('cov', 'meter', 'ts',
      '2024-01-01 00:00+08', '2024-02-01 00:00+08', NULL) WHERE meter = 'a'$$,
  $$VALUES ('a', 20::bigint, 31::bigint)$$,
  'NULL expected_interval is 1 day');
SELECT results_eq(
  $$SELECT meter, first_time, readings, expected_readings, coverage FROM energy.reading_coverage('typed', 'meter_no', 'day',
      '2024-01-01', '2024-02-01')$$,
  $$VALUES ('7', '2024-01-01 00:00+08'::timestamptz, 31::bigint, 31::bigint, 1::float8)$$,
  'an integer meter and a date column');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage(NULL, 'meter', 'ts', '2024-01-01', '2024-02-01')$$, '22004',
  NULL, 'coverage: NULL source');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', NULL, 'ts', '2024-01-01', '2024-02-01')$$, '22004',
  NULL, 'coverage: NULL meter_column');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', NULL, '2024-01-01', '2024-02-01')$$, '22004',
  'time_column must not be NULL', 'coverage: NULL time_column');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', NULL, '2024-02-01')$$, '22004',
  'reading_coverage needs both period_start and period_end', 'coverage: NULL period_start');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '2024-01-01', NULL)$$, '22004',
  NULL, 'coverage: NULL period_end');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '2024-02-01 00:00+08', '2024-01-01 00:00+08')$$, '22023',
  'period_end 2024-01-01 00:00:00+08 is not after period_start 2024-02-01 00:00:00+08', 'coverage: end before start');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '2024-01-01', '2024-02-01', '0')$$, '22023',
  NULL, 'coverage: expected_interval 0');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '2024-01-01', '2024-02-01', '32 days')$$, '22023',
  NULL, 'coverage: an interval longer than the period');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts', '-infinity', '2024-02-01')$$, '22023',
  'period_start -infinity is not a point in time', 'coverage: an infinite period (0.2.0: the error names the bound)');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('cov', 'meter', 'ts; DROP TABLE cov; --', '2024-01-01', '2024-02-01')$$, '42703',
  'column "ts; DROP TABLE cov; --" of relation cov does not exist (time_column)', 'coverage: a hostile column name');
SELECT is((SELECT count(*)::int FROM cov), 58, '... and cov is still there');

-- ---------------------------------------------------------------------
-- check_bills.  Bills are half-open [start, end).  Every meter has the 12
-- monthly bills of 2024 (clean), then one problem each.
-- ---------------------------------------------------------------------
CREATE TEMP TABLE bills (meter text, start_date date, end_date date, amount numeric);
INSERT INTO bills
  SELECT m, d::date, (d + interval '1 month')::date, 100
    FROM unnest('{clean,cfl,dup,emp,gap,neg,np,nul,ovl}'::text[]) m,
         generate_series('2024-01-01'::timestamp, '2024-12-01', '1 month') d;
-- short: January to June only (182 days)
INSERT INTO bills SELECT 'short', d::date, (d + interval '1 month')::date, 100
  FROM generate_series('2024-01-01'::timestamp, '2024-06-01', '1 month') d;
-- old: 2022 only, with a negative amount (outside a 2024 period)
INSERT INTO bills SELECT 'old', d::date, (d + interval '1 month')::date, CASE WHEN d = '2022-03-01' THEN -5 ELSE 100 END
  FROM generate_series('2022-01-01'::timestamp, '2022-12-01', '1 month') d;
INSERT INTO bills VALUES ('cfl', '2024-09-01', '2024-10-01', 120);          -- the same month twice, different amounts
INSERT INTO bills VALUES ('dup', '2024-09-01', '2024-10-01', 100);          -- an exact copy
INSERT INTO bills VALUES ('emp', '2024-03-10', '2024-03-01', 7);            -- ends before it starts
DELETE FROM bills WHERE meter = 'gap' AND start_date = '2024-05-01';        -- May missing ...
INSERT INTO bills VALUES ('gap', '2025-01-01', '2025-02-01', 100);          -- ... 2025-01 makes up the days overall
UPDATE bills SET amount = -50 WHERE meter = 'neg' AND start_date = '2024-07-01';
INSERT INTO bills VALUES ('np', NULL, '2024-03-01', 10);
UPDATE bills SET amount = NULL WHERE meter = 'nul' AND start_date = '2024-08-01';
UPDATE bills SET start_date = '2024-02-25' WHERE meter = 'ovl' AND start_date = '2024-03-01';  -- 5 days of February again

SELECT results_eq(
  $$SELECT meter, bill_start, bill_end, rule, severity FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount')$$,
  $$VALUES
    ('cfl', '2024-09-01'::date, '2024-10-01'::date, 'overlap', 'error'),
    ('dup', '2024-09-01', '2024-10-01', 'duplicate', 'info'),
    ('emp', '2024-03-10', '2024-03-01', 'empty_period', 'error'),
    ('gap', '2024-06-01', '2024-07-01', 'gap', 'warning'),
    ('neg', '2024-07-01', '2024-08-01', 'negative_amount', 'warning'),
    ('np', NULL, '2024-03-01', 'null_period', 'error'),
    ('nul', '2024-08-01', '2024-09-01', 'null_amount', 'warning'),
    ('old', '2022-03-01', '2022-04-01', 'negative_amount', 'warning'),
    ('ovl', '2024-02-25', '2024-04-01', 'overlap', 'error'),
    ('short', '2024-01-01', '2024-07-01', 'short_history', 'warning')$$,
  'check_bills overall: exactly one finding per planted problem');
SELECT results_eq(
  $$SELECT meter, bill_start, rule, detail FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount')
     WHERE meter IN ('cfl', 'dup', 'emp', 'gap', 'neg', 'np', 'nul', 'ovl', 'short')$$,
  $$VALUES
    ('cfl', '2024-09-01'::date, 'overlap', 'overlaps an earlier bill by 30 days (that bill ends 2024-10-01, this one starts 2024-09-01)'),
    ('dup', '2024-09-01', 'duplicate', 'copy 2 of 2 of the same bill (meter, dates and amount)'),
    ('emp', '2024-03-10', 'empty_period', 'the end date 2024-03-01 is not after the start date 2024-03-10 (a bill covers [start, end))'),
    ('gap', '2024-06-01', 'gap', '31 days without a bill before this one: 2024-05-01 to 2024-05-31'),
    ('neg', '2024-07-01', 'negative_amount', 'the amount -50 is negative (a credit or a correction?)'),
    ('np', NULL, 'null_period', 'the start date is NULL'),
    ('nul', '2024-08-01', 'null_amount', 'the amount is NULL'),
    ('ovl', '2024-02-25', 'overlap', 'overlaps an earlier bill by 5 days (that bill ends 2024-03-01, this one starts 2024-02-25)'),
    ('short', '2024-01-01', 'short_history', 'the bills cover 182 days in total, less than 365')$$,
  'check_bills: details (days of overlap, days missing, days covered)');
SELECT is_empty($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount') WHERE meter = 'clean'$$,
  'a clean 12-month series gives no rows');
SELECT is_empty($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount', '2024-01-01', '2025-01-01')
                   WHERE meter = 'clean'$$,
  '... nor within [2024-01-01, 2025-01-01)');
-- Within 2024: the 2022 meter is ignored, the 2025 bill no longer makes up for May.
SELECT results_eq(
  $$SELECT meter, bill_start, bill_end, rule, detail FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount',
      '2024-01-01', '2025-01-01') WHERE rule = 'short_history' OR meter = 'old'$$,
  $$VALUES
    ('gap', '2024-01-01'::date, '2025-01-01'::date, 'short_history', 'the bills cover 335 days of [2024-01-01, 2025-01-01), not all its 366 days'),
    ('short', '2024-01-01', '2024-07-01', 'short_history', 'the bills cover 182 days of [2024-01-01, 2025-01-01), not all its 366 days')$$,
  'period filter: bills outside it are ignored; coverage counted within it');
SELECT results_eq(
  $$SELECT meter, rule, detail FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount', '2024-04-01', NULL)
     WHERE meter = 'clean'$$,
  $$VALUES ('clean', 'short_history', 'the bills cover 275 days of [2024-04-01, infinity), less than 365')$$,
  'only period_start: coverage from 1 April');
SELECT results_eq(
  $$SELECT meter, rule FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount', '2022-01-01', '2023-01-01')$$,
  $$VALUES ('np', 'null_period'), ('np', 'short_history'), ('old', 'negative_amount')$$,
  '2022: the old meter, and the bill of np without a start (it may lie in 2022: its end is 2024-03-01)');

-- A bill inside a longer one overlaps it even when a bill in between does not.
CREATE TEMP TABLE nested (meter integer, s date, e date, amount double precision);
INSERT INTO nested VALUES (1, '2023-01-01', '2024-01-01', 1200), (1, '2023-02-01', '2023-03-01', 100),
  (1, '2023-03-01', '2023-04-01', 100), (1, '2024-01-01', '2024-01-03', 5);
SELECT results_eq(
  $$SELECT meter, bill_start, bill_end, rule, detail FROM energy.check_bills('nested', 'meter', 's', 'e', 'amount')$$,
  $$VALUES ('1', '2023-02-01'::date, '2023-03-01'::date, 'overlap', 'overlaps an earlier bill by 28 days (that bill ends 2024-01-01, this one starts 2023-02-01)'),
           ('1', '2023-03-01', '2023-04-01', 'overlap', 'overlaps an earlier bill by 31 days (that bill ends 2024-01-01, this one starts 2023-03-01)')$$,
  'a bill within a yearly bill overlaps it, whatever comes between; 367 days covered: not short');

-- Errors.
SELECT throws_ok($$SELECT * FROM energy.check_bills(NULL, 'meter', 'start_date', 'end_date', 'amount')$$, '22004',
  'source must not be NULL', 'bills: NULL source');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', NULL)$$, '22004',
  'amount_column must not be NULL', 'bills: NULL amount_column');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', NULL, 'start_date', 'end_date', 'amount')$$, '22004',
  'meter_column must not be NULL', 'bills: NULL meter_column');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', NULL, 'end_date', 'amount')$$, '22004',
  'start_column must not be NULL', 'bills: NULL start_column');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', NULL, 'amount')$$, '22004',
  'end_column must not be NULL', 'bills: NULL end_column');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end', 'amount')$$, '42703',
  'column "end" of relation bills does not exist (end_column)', 'bills: a column that does not exist');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount"); DROP TABLE bills; --')$$, '42703',
  NULL, 'bills: a hostile column name');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter"; DROP TABLE bills; --', 'start_date', 'end_date', 'amount')$$, '42703',
  'column "meter"; DROP TABLE bills; --" of relation bills does not exist (meter_column)', 'bills: a hostile meter column name');
SELECT is(pg_temp.hint_of($$SELECT * FROM energy.check_bills('bills', 'meter', 'start', 'end_date', 'amount')$$),
  'Columns of bills: meter, start_date, end_date, amount. Give the name as stored (case-sensitive, without quotes).',
  'bills: the hint lists the columns');
SELECT is((SELECT count(*)::int FROM bills), 130, '... and bills is still there');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount', '2025-01-01', '2024-01-01')$$, '22023',
  'period_end 2024-01-01 is not after period_start 2025-01-01', 'bills: end before start');
SELECT throws_ok($$SELECT * FROM energy.check_bills('bills', 'meter', 'start_date', 'end_date', 'amount', '2024-01-01', '2024-01-01')$$, '22023',
  NULL, 'bills: an empty period');
SELECT throws_ok($$SELECT * FROM energy.check_bills('not_a_table', 'meter', 'start_date', 'end_date', 'amount')$$, '42809',
  NULL, 'bills: a sequence is not a source');
SELECT throws_ok($$SELECT * FROM energy.reading_coverage('not_a_table', 'meter', 'ts', '2024-01-01', '2024-02-01')$$, '42809',
  NULL, 'coverage: a sequence is not a source');

-- ---------------------------------------------------------------------
-- check_bills reads printed end dates (0.2.0): end_dates 'inclusive' and
-- 'chain' (ENERGY STAR Portfolio Manager: a bill's end day goes to the next
-- bill when that bill starts on it, and stays otherwise).
-- ---------------------------------------------------------------------
CREATE TEMP TABLE printed (meter text, s date, e date, amount numeric);
INSERT INTO printed VALUES
  -- inclusive chain: 01-01..01-31, 02-01..02-29, 03-01..03-31
  ('incl', '2024-01-01', '2024-01-31', 31), ('incl', '2024-02-01', '2024-02-29', 29), ('incl', '2024-03-01', '2024-03-31', 31),
  -- shared-day chain: 01-15..02-15, 02-15..03-15
  ('shared', '2024-01-15', '2024-02-15', 31), ('shared', '2024-02-15', '2024-03-15', 29),
  -- a mixture: 01-01..01-31 (inclusive), 02-01..03-01 and 03-01..03-31 (sharing 03-01)
  ('mixed', '2024-01-01', '2024-01-31', 31), ('mixed', '2024-02-01', '2024-03-01', 29), ('mixed', '2024-03-01', '2024-03-31', 31),
  -- inclusive with a real gap (02-01 .. 02-04 missing) and a real overlap (03-10 .. 03-15 twice)
  ('bad', '2024-01-01', '2024-01-31', 31), ('bad', '2024-02-05', '2024-03-15', 40), ('bad', '2024-03-10', '2024-03-31', 22),
  -- a one-day bill printed 04-01..04-01 and one ending before it starts
  ('day', '2024-04-01', '2024-04-01', 1), ('day', '2024-04-03', '2024-04-02', 1);
SELECT results_eq(
  $$SELECT meter, bill_start, bill_end, rule, detail FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount') WHERE meter = 'incl'$$,
  $$VALUES ('incl', '2024-01-01'::date, '2024-03-31'::date, 'short_history', 'the bills cover 88 days in total, less than 365'),
           ('incl', '2024-02-01', '2024-02-29', 'gap', '1 day without a bill before this one: 2024-01-31 to 2024-01-31'),
           ('incl', '2024-03-01', '2024-03-31', 'gap', '1 day without a bill before this one: 2024-02-29 to 2024-02-29')$$,
  'end_dates exclusive (the default, as in 0.1.0): an inclusive chain shows false one-day gaps');
SELECT results_eq(
  $$SELECT meter, bill_start, bill_end, rule, detail FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', end_dates => 'inclusive')
     WHERE meter IN ('incl', 'bad', 'day')$$,
  $$VALUES ('bad', '2024-01-01'::date, '2024-03-31'::date, 'short_history', 'the bills cover 87 days in total, less than 365'),
           ('bad', '2024-02-05', '2024-03-15', 'gap', '4 days without a bill before this one: 2024-02-01 to 2024-02-04'),
           ('bad', '2024-03-10', '2024-03-31', 'overlap', 'overlaps an earlier bill by 6 days (that bill covers up to 2024-03-15, this one starts 2024-03-10)'),
           ('day', '2024-04-01', '2024-04-01', 'short_history', 'the bills cover 1 day in total, less than 365'),
           ('day', '2024-04-03', '2024-04-02', 'empty_period', 'the end date 2024-04-02 is before the start date 2024-04-03'),
           ('incl', '2024-01-01', '2024-03-31', 'short_history', 'the bills cover 91 days in total, less than 365')$$,
  'end_dates inclusive: no false gap, the real gap and overlap with their days, a one-day bill is one day');
SELECT results_eq(
  $$SELECT meter, rule, detail FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', end_dates => 'chain')$$,
  $$VALUES ('bad', 'short_history', 'the bills cover 87 days in total, less than 365'),
           ('bad', 'gap', '4 days without a bill before this one: 2024-02-01 to 2024-02-04'),
           ('bad', 'overlap', 'overlaps an earlier bill by 6 days (that bill covers up to 2024-03-15, this one starts 2024-03-10)'),
           ('day', 'short_history', 'the bills cover 1 day in total, less than 365'),
           ('day', 'empty_period', 'the end date 2024-04-02 is before the start date 2024-04-03'),
           ('incl', 'short_history', 'the bills cover 91 days in total, less than 365'),
           ('mixed', 'short_history', 'the bills cover 91 days in total, less than 365'),
           ('shared', 'short_history', 'the bills cover 61 days in total, less than 365')$$,
  'end_dates chain: inclusive, shared-day and mixed chains all read right (01-15..03-15 is 61 days)');
SELECT results_eq(
  $$SELECT meter, rule FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', end_dates => 'inclusive') WHERE meter = 'shared'$$,
  $$VALUES ('shared', 'short_history'), ('shared', 'overlap')$$,
  'end_dates inclusive reads a shared-day chain as a one-day overlap: chain is the mode for a mixture');
SELECT is_empty($$SELECT * FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', '2024-01-01', '2024-04-01', 'CHAIN')
                   WHERE meter IN ('incl', 'mixed') AND rule <> 'short_history'$$,
  'chain over a period: nothing to report on the clean chains; the mode in any case');
SELECT is_empty($$SELECT * FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', '2024-01-01', '2024-04-01', 'chain')
                   WHERE meter IN ('incl', 'mixed')$$,
  '... and no short history: they cover all 91 days of the period');
-- a period of 2024 (366 days) whose bills stop a day short: short_history (no gap marks a missing end)
CREATE TEMP TABLE leap (meter text, s date, e date, amount numeric);
INSERT INTO leap VALUES ('m', '2024-01-01', '2024-06-30', 182), ('m', '2024-07-01', '2024-12-30', 183);
SELECT results_eq($$SELECT rule, detail FROM energy.check_bills('leap', 'meter', 's', 'e', 'amount', '2024-01-01', '2025-01-01', 'inclusive')$$,
  $$VALUES ('short_history', 'the bills cover 365 days of [2024-01-01, 2025-01-01), not all its 366 days')$$,
  'a year of 366 days with 31 December missing: short history, though 365 days are covered');
-- two copies of a one-day bill in chain mode: one bill (a duplicate), not each other's next bill
INSERT INTO leap VALUES ('d', '2024-04-01', '2024-04-01', 5), ('d', '2024-04-01', '2024-04-01', 5);
SELECT results_eq($$SELECT rule, detail FROM energy.check_bills('leap', 'meter', 's', 'e', 'amount', end_dates => 'chain') WHERE meter = 'd'$$,
  $$VALUES ('duplicate', 'copy 2 of 2 of the same bill (meter, dates and amount)'), ('short_history', 'the bills cover 1 day in total, less than 365')$$,
  'two copies of a one-day bill: a duplicate covering its day, no empty period');
SELECT throws_ok($$SELECT * FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', end_dates => 'both')$$, '22023',
  'unknown end_dates "both"', 'an unknown end_dates');
-- What a review found (2026-12-01), in chain mode: a bill wholly before the
-- period once its end day went to the next bill; a bill that covers no day
-- taking a day from the one before; two bills of different printed dates that
-- cover the same days; a NULL end_dates.
CREATE TEMP TABLE chained (meter text, s date, e date, amount numeric);
INSERT INTO chained VALUES
  -- 2023-12-01..2024-01-01 gives 01-01 to the next bill: all of it before 2024 (twice, with no amount)
  ('before', '2023-12-01', '2024-01-01', NULL), ('before', '2023-12-01', '2024-01-01', NULL),
  ('before', '2024-01-01', '2024-01-31', 100), ('before', '2024-02-01', '2024-12-31', 1000),
  -- 01-01..01-31, a reversed bill starting 01-31 (it covers nothing), 02-01..02-29
  ('reversed', '2024-01-01', '2024-01-31', 310), ('reversed', '2024-01-31', '2024-01-20', 5), ('reversed', '2024-02-01', '2024-02-29', 290),
  -- 01-01..01-31 (no bill starts 01-31: it covers January) and 01-01..02-01 (02-01 goes on): both cover January
  ('twice', '2024-01-01', '2024-01-31', 310), ('twice', '2024-01-01', '2024-02-01', 310), ('twice', '2024-02-01', '2024-02-29', 290);
SELECT is_empty($$SELECT * FROM energy.check_bills('chained', 'meter', 's', 'e', 'amount', '2024-01-01', '2025-01-01', 'chain')
                   WHERE meter = 'before'$$,
  'chain over a period: a bill whose last printed day went to the next bill, wholly before the period, is not checked');
SELECT results_eq($$SELECT rule FROM energy.check_bills('chained', 'meter', 's', 'e', 'amount', end_dates => 'chain')
                     WHERE meter = 'reversed' AND rule <> 'short_history'$$,
  $$VALUES ('empty_period')$$, 'chain: a bill that covers no day takes none from the bill before (no false gap)');
SELECT results_eq($$SELECT bill_start, bill_end, rule, detail FROM energy.check_bills('chained', 'meter', 's', 'e', 'amount', end_dates => 'chain')
                     WHERE meter = 'twice' AND rule <> 'short_history'$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 'overlap', 'overlaps an earlier bill by 31 days (that bill covers up to 2024-01-31, this one starts 2024-01-01)')$$,
  'chain: two bills printed differently that cover the same January overlap by 31 days, reported once');
-- non-finite values: a finding each, and the rest of the check runs
CREATE TEMP TABLE bills_nonfinite (meter text, s date, e date, amount double precision);
INSERT INTO bills_nonfinite VALUES ('odd', '2024-01-01', '2024-02-01', 'NaN'), ('odd', '2024-02-01', '2024-03-01', '-Infinity'),
  ('odd', '2024-03-01', 'infinity', 5), ('odd', '-infinity', '2024-01-01', 5);
SELECT results_eq($$SELECT bill_start, bill_end, rule, detail FROM energy.check_bills('bills_nonfinite', 'meter', 's', 'e', 'amount')$$,
  $$VALUES ('-infinity'::date, '2024-01-01'::date, 'null_period', 'the start date is -infinity'),
           ('2024-01-01', '2024-02-01', 'bad_amount', 'the amount NaN is not a finite number'),
           ('2024-01-01', '2024-03-01', 'short_history', 'the bills cover 60 days in total, less than 365'),
           ('2024-02-01', '2024-03-01', 'bad_amount', 'the amount -Infinity is not a finite number'),
           ('2024-03-01', 'infinity', 'null_period', 'the end date is infinity')$$,
  'NaN and infinite amounts (bad_amount), infinite dates (null_period): found, and the finite bills still checked');
\i test/data/error_of.sql
-- Readings that are not numbers, times that are not points in time: errors
-- of their own (0.1.0 read 'fell from NaN to 3' and failed on an infinite
-- time); the finite readings around them are still checked — 1, 3, 5 rise.
CREATE TEMP TABLE readings_nonfinite (meter text, ts timestamptz, reading double precision);
INSERT INTO readings_nonfinite VALUES ('odd', '2024-01-01 00:00+08', 1), ('odd', '2024-01-02 00:00+08', 'NaN'),
  ('odd', '2024-01-03 00:00+08', 3), ('odd', '2024-01-04 00:00+08', 'Infinity'), ('odd', '2024-01-05 00:00+08', 5),
  ('odd', '2024-01-06 00:00+08', '-Infinity'), ('odd', 'infinity', 7), ('inf', '-infinity', 1);
SELECT results_eq($$SELECT meter, ts, reading, rule, detail FROM energy.check_readings('readings_nonfinite', 'meter', 'ts', 'reading',
                                                                                       NULL, '2024-01-07 00:00+08')$$,
  $$VALUES ('inf', '-infinity'::timestamptz, 1::double precision, 'null_time', 'the time is -infinity'),
           ('inf', NULL, NULL, 'stale', 'no reading with both a time and a value'),
           ('odd', '2024-01-02 00:00+08', 'NaN', 'bad_reading', 'the reading NaN is not a finite number'),
           ('odd', '2024-01-04 00:00+08', 'Infinity', 'bad_reading', 'the reading Infinity is not a finite number'),
           ('odd', '2024-01-06 00:00+08', '-Infinity', 'bad_reading', 'the reading -Infinity is not a finite number'),
           ('odd', 'infinity', 7, 'null_time', 'the time is infinity')$$,
  'NaN and infinite readings (bad_reading), infinite times (null_time): found, and the finite readings still checked');
SELECT throws_ok($$SELECT * FROM energy.check_readings('readings_nonfinite', 'meter', 'ts', 'reading', NULL, 'infinity')$$,
  '22023', 'period_end infinity is not a point in time', 'an infinite period bound: 22023, not a failure inside the query');
SELECT results_eq($$SELECT hint FROM pg_temp.error_of($q$SELECT * FROM energy.check_readings('readings_nonfinite', 'meter', 'ts', 'reading',
                                                          expected_interval => '-1 day')$q$)$$,
  $$VALUES ('The interval the meter is read at: a gap is more than twice it; the default is 1 day.')$$,
  'a negative expected_interval: the error says what it is');
SELECT results_eq($$SELECT rule, detail FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', end_dates => NULL) WHERE meter = 'incl'$$,
  $$SELECT rule, detail FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount') WHERE meter = 'incl'$$,
  'end_dates NULL takes the default, exclusive');

-- Bills and readings loaded as text (a staging table of a CSV): a value that
-- is not a date, time or number is a finding of its row, quoted, and every
-- other row is still checked (0.1.0 stopped at the first with the cast's
-- error).  m1's second bill ends on 2023-13-01 (no 13th month): null_period,
-- and its first bill alone covers 31 days; m2's amounts 'x' and ' 7 ' (a
-- number with blanks, read as 7): one bad_amount, and its two bills cover
-- 2023-01-01 .. 2023-03-01, 59 days; m3's row of words and a row of NULLs.
CREATE TEMP TABLE bills_text (m text, s text, e text, a text);
INSERT INTO bills_text VALUES ('m1', '2023-01-01', '2023-02-01', '10'), ('m1', '2023-02-01', '2023-13-01', '5'),
  ('m2', '2023-01-01', '2023-02-01', 'x'), ('m2', '2023-02-01', '2023-03-01', ' 7 '),
  ('m3', 'soon', 'later', '1,5'), ('m3', NULL, NULL, NULL);
SELECT results_eq($$SELECT meter, bill_start, bill_end, rule, detail FROM energy.check_bills('bills_text', 'm', 's', 'e', 'a')$$,
  $$VALUES ('m1', '2023-01-01'::date, '2023-02-01'::date, 'short_history', 'the bills cover 31 days in total, less than 365'),
           ('m1', '2023-02-01', NULL, 'null_period', 'the end date ''2023-13-01'' is not a date'),
           ('m2', '2023-01-01', '2023-02-01', 'bad_amount', 'the amount ''x'' is not a number'),
           ('m2', '2023-01-01', '2023-03-01', 'short_history', 'the bills cover 59 days in total, less than 365'),
           ('m3', NULL, NULL, 'bad_amount', 'the amount ''1,5'' is not a number'),
           ('m3', NULL, NULL, 'null_amount', 'the amount is NULL'),
           ('m3', NULL, NULL, 'null_period', 'both dates are NULL'),
           ('m3', NULL, NULL, 'null_period', 'the start date ''soon'' is not a date; the end date ''later'' is not a date'),
           ('m3', NULL, NULL, 'short_history', 'the bills cover 0 days in total, less than 365')$$,
  'bills as text: dates and amounts that are not one are findings of their rows, the rest checked');
-- Two rows whose bad texts differ are not copies of one bill.
INSERT INTO bills_text VALUES ('m4', '2023-01-01', 'x', '1'), ('m4', '2023-01-01', 'y', '1');
SELECT results_eq($$SELECT rule, detail FROM energy.check_bills('bills_text', 'm', 's', 'e', 'a') WHERE meter = 'm4' AND rule <> 'short_history'$$,
  $$VALUES ('null_period', 'the end date ''x'' is not a date'), ('null_period', 'the end date ''y'' is not a date')$$,
  'bills as text: different bad values are no duplicates');
-- Good values as text read as the typed table does: the same findings.
CREATE TEMP TABLE printed_text AS SELECT meter, s::text AS s, e::text AS e, amount::text AS amount FROM printed;
SELECT results_eq($$SELECT * FROM energy.check_bills('printed_text', 'meter', 's', 'e', 'amount', end_dates => 'inclusive')$$,
  $$SELECT * FROM energy.check_bills('printed', 'meter', 's', 'e', 'amount', end_dates => 'inclusive')$$,
  'bills as text: valid text reads as the typed columns');
-- Readings as text, in a session at +08: '2023-01-01 00:00' is that time in
-- Beijing; 2023-01-32 is no day, 'x' no number.  The times around them are
-- still checked: 1 → 2 over a day, then nothing until the period's end
-- (2023-01-05 00:00+08, 3 days later: not stale at the 7-day default).
SET LOCAL TimeZone = 'Asia/Shanghai';
CREATE TEMP TABLE readings_text (m text, t text, v text);
INSERT INTO readings_text VALUES ('a', '2023-01-01 00:00', '1'), ('a', '2023-01-02 00:00', '2'), ('a', '2023-01-32', '3'),
  ('a', '2023-01-03', 'x'), ('a', NULL, NULL);
SELECT results_eq($$SELECT meter, ts, reading, rule, detail FROM energy.check_readings('readings_text', 'm', 't', 'v', '2023-01-01 00:00+08', '2023-01-05 00:00+08')$$,
  $$VALUES ('a', '2023-01-03 00:00+08'::timestamptz, NULL::double precision, 'bad_reading', 'the reading ''x'' is not a number'),
           ('a', NULL, NULL, 'null_reading', 'the reading is NULL'),
           ('a', NULL, 3, 'null_time', 'the time ''2023-01-32'' is not a point in time'),
           ('a', NULL, NULL, 'null_time', 'the time is NULL')$$,
  'readings as text: times and readings that are not one are findings of their rows');
-- Coverage counts only the two readable readings of the four days.
SELECT results_eq($$SELECT readings, expected_readings, coverage FROM energy.reading_coverage('readings_text', 'm', 't', '2023-01-01 00:00+08',
                                                                                             '2023-01-05 00:00+08', '1 day', 'v')$$,
  $$VALUES (2::bigint, 4::bigint, 0.5::double precision)$$,
  'readings as text: coverage counts the readable ones');

SELECT * FROM finish();
ROLLBACK;
