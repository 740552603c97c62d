-- energy.prorate: bills split into calendar days, months, quarters and years,
-- half-open periods (the shared day goes to the later bill), exact shares
-- with the remainder on the last bucket, tstzrange by local civil time,
-- errors, NULLs, markings.  Every expected value is computed by hand.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- 2024-01-15 .. 2024-02-15, 3100: Jan 15..31 = 17 days, Feb 1..14 = 14 days, 31 days in all.
-- Jan 3100 × 17/31 = 1700; Feb 3100 − 1700 = 1400.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 3100::numeric)$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 17, 1700::numeric), ('2024-02-01', '2024-03-01', 14, 1400)$$,
  'a bill across two months: 17 and 14 of 31 days');
-- A credit is prorated the same way: −1700, −1400.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), -3100::numeric)$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 17, -1700::numeric), ('2024-02-01', '2024-03-01', 14, -1400)$$,
  'a negative amount (credit)');
-- 2024-03-05 .. 2024-03-25: Mar 5..24 = 20 days, all of it in March.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-03-05', '2024-03-25'), 512.75::numeric)$$,
  $$VALUES ('2024-03-01'::date, '2024-04-01'::date, 20, 512.75::numeric)$$,
  'a bill inside one month: one row with the whole amount');
-- 2024-04-16 .. 2024-06-16, 6100: Apr 16..30 = 15, May 1..31 = 31, Jun 1..15 = 15; 61 days.
-- Apr 6100 × 15/61 = 1500, May 6100 × 31/61 = 3100, Jun 6100 − 1500 − 3100 = 1500.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-04-16', '2024-06-16'), 6100::numeric)$$,
  $$VALUES ('2024-04-01'::date, '2024-05-01'::date, 15, 1500::numeric), ('2024-05-01', '2024-06-01', 31, 3100),
           ('2024-06-01', '2024-07-01', 15, 1500)$$,
  'a bill over three months');
-- 2023-12-20 .. 2024-01-10, 2100: Dec 20..31 = 12 days, Jan 1..9 = 9 days; 21 days.
-- Dec 2100 × 12/21 = 1200, Jan 2100 − 1200 = 900.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2023-12-20', '2024-01-10'), 2100::numeric)$$,
  $$VALUES ('2023-12-01'::date, '2024-01-01'::date, 12, 1200::numeric), ('2024-01-01', '2024-02-01', 9, 900)$$,
  'a bill across the year boundary');
-- February of the leap year 2024: 2024-02-01 .. 2024-03-01 is Feb 1..29, 29 days.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-02-01', '2024-03-01'), 290::numeric)$$,
  $$VALUES ('2024-02-01'::date, '2024-03-01'::date, 29, 290::numeric)$$,
  'February 2024 has 29 days');

-- Consecutive bills as printed: A 01-15..02-15, B 02-15..03-15.  A covers Jan 15..31 (17)
-- and Feb 1..14 (14); B covers Feb 15..29 (15) and Mar 1..14 (14): 02-15 is B's.
SELECT results_eq(
  $$SELECT bucket_start, days FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 1::numeric)$$,
  $$VALUES ('2024-01-01'::date, 17), ('2024-02-01', 14)$$,
  'consecutive bills: the first one stops before the shared day 02-15');
SELECT results_eq(
  $$SELECT bucket_start, days FROM energy.prorate(daterange('2024-02-15', '2024-03-15'), 1::numeric)$$,
  $$VALUES ('2024-02-01'::date, 15), ('2024-03-01', 14)$$,
  'consecutive bills: the later one has the shared day 02-15');
-- Together February is counted once: 14 + 15 = 29 days.
SELECT is(
  (SELECT sum(p.days)::int FROM (VALUES (daterange('2024-01-15', '2024-02-15')), (daterange('2024-02-15', '2024-03-15'))) b(r),
          energy.prorate(b.r, 1::numeric) p WHERE p.bucket_start = '2024-02-01'),
  29, 'consecutive bills count each February day once');
-- Inclusive end: [2024-01-01, 2024-01-31] is canonicalised to [2024-01-01, 2024-02-01): 31 days.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-01', '2024-01-31', '[]'), 310::numeric)$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 31, 310::numeric)$$,
  'an inclusive end covers its end day');

-- Sum preservation: 100 over 2024-01-01 .. 2024-04-01 (31 + 29 + 31 = 91 days).
-- Jan 100 × 31/91 = 34.0659340659… → 34.065934066; Feb 100 × 29/91 = 31.8681318681… → 31.868131868;
-- Mar 100 − 34.065934066 − 31.868131868 = 34.065934066.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-01', '2024-04-01'), 100::numeric)$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 31, 34.065934066), ('2024-02-01', '2024-03-01', 29, 31.868131868),
           ('2024-03-01', '2024-04-01', 31, 34.065934066)$$,
  '100 over 91 days: 9 decimals, the remainder in March');
SELECT is((SELECT sum(amount) FROM energy.prorate(daterange('2024-01-01', '2024-04-01'), 100::numeric)), 100::numeric,
  '... and the parts add up to exactly 100');
-- 10 over 2024-01-01 .. 2024-01-04 by day: 10/3 = 3.3333333333… → 3.333333333 twice, 10 − 6.666666666 = 3.333333334.
SELECT results_eq(
  $$SELECT amount FROM energy.prorate(daterange('2024-01-01', '2024-01-04'), 10::numeric, 'day')$$,
  $$VALUES (3.333333333), (3.333333333), (3.333333334)$$,
  'the rounding remainder goes to the last bucket');
-- Rounding is exact, a tie away from zero: 0.000000001 over 2 days = 0.0000000005 a day → 0.000000001,
-- and the last day gets 0.000000001 − 0.000000001 = 0; a credit of −0.000000001: −0.000000001 and 0.
SELECT results_eq(
  $$SELECT amount FROM energy.prorate(daterange('2024-01-01', '2024-01-03'), 0.000000001, 'day')$$,
  $$VALUES (0.000000001), (0)$$,
  'a tie is rounded away from zero');
SELECT results_eq(
  $$SELECT amount FROM energy.prorate(daterange('2024-01-01', '2024-01-03'), -0.000000001, 'day')$$,
  $$VALUES (-0.000000001), (0)$$,
  '... for credits too');
-- Exact to the 9th decimal at any size: 100 000 000 000 over 3 days = 33 333 333 333.333333333… a day
-- (numeric division alone would stop at 8 decimals here); the last day gets
-- 100 000 000 000 − 66 666 666 666.666666666 = 33 333 333 333.333333334.
SELECT results_eq(
  $$SELECT amount FROM energy.prorate(daterange('2024-01-01', '2024-01-04'), 100000000000::numeric, 'day')$$,
  $$VALUES (33333333333.333333333), (33333333333.333333333), (33333333333.333333334)$$,
  'large amounts are exact to 9 decimals');

-- Day, quarter and year buckets.
-- 2024-02-27 .. 2024-03-02 by day: 02-27, 02-28, 02-29, 03-01; 40 / 4 = 10 each.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-02-27', '2024-03-02'), 40::numeric, 'day')$$,
  $$VALUES ('2024-02-27'::date, '2024-02-28'::date, 1, 10::numeric), ('2024-02-28', '2024-02-29', 1, 10),
           ('2024-02-29', '2024-03-01', 1, 10), ('2024-03-01', '2024-03-02', 1, 10)$$,
  'day buckets, through 29 February');
-- 2024-03-17 .. 2024-04-16 by quarter: Mar 17..31 = 15 days in Q1, Apr 1..15 = 15 in Q2; 300 → 150, 150.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-03-17', '2024-04-16'), 300::numeric, 'quarter')$$,
  $$VALUES ('2024-01-01'::date, '2024-04-01'::date, 15, 150::numeric), ('2024-04-01', '2024-07-01', 15, 150)$$,
  'quarter buckets');
-- 2023-12-02 .. 2024-01-31 by year: Dec 2..31 = 30 days in 2023, Jan 1..30 = 30 in 2024; 600 → 300, 300.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2023-12-02', '2024-01-31'), 600::numeric, 'year')$$,
  $$VALUES ('2023-01-01'::date, '2024-01-01'::date, 30, 300::numeric), ('2024-01-01', '2025-01-01', 30, 300)$$,
  'year buckets');
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 3100::numeric, 'MONTH')$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 17, 1700::numeric), ('2024-02-01', '2024-03-01', 14, 1400)$$,
  'bucket names are case-insensitive: MONTH');
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-03-17', '2024-04-16'), 300::numeric, 'Quarter')$$,
  $$VALUES ('2024-01-01'::date, '2024-04-01'::date, 15, 150::numeric), ('2024-04-01', '2024-07-01', 15, 150)$$,
  '... Quarter');

-- double precision amounts.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 3100::float8)$$,
  $$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 3100::numeric)$$,
  'double precision: the same rows as numeric');
SELECT results_eq(
  $$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 3100)$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 17, 1700::numeric), ('2024-02-01', '2024-03-01', 14, 1400)$$,
  'an integer literal resolves (to the double precision form) with the same rows');

-- Two dates: [start_date, end_date).
SELECT results_eq(
  $$SELECT * FROM energy.prorate('2024-01-15'::date, '2024-02-15'::date, 3100)$$,
  $$VALUES ('2024-01-01'::date, '2024-02-01'::date, 17, 1700::numeric), ('2024-02-01', '2024-03-01', 14, 1400)$$,
  'start and end dates: the same split as the daterange');
SELECT results_eq(
  $$SELECT * FROM energy.prorate('2024-03-17'::date, '2024-04-16'::date, 300, 'quarter')$$,
  $$VALUES ('2024-01-01'::date, '2024-04-01'::date, 15, 150::numeric), ('2024-04-01', '2024-07-01', 15, 150)$$,
  'start and end dates with a bucket');
-- The dates in the message are ISO whatever the DateStyle.
SET LOCAL DateStyle = 'SQL, DMY';
SELECT throws_ok($$SELECT * FROM energy.prorate('2024-02-15'::date, '2024-01-15'::date, 3100)$$, '22023',
  'billing period ends (2024-01-15) before it starts (2024-02-15)', 'end before start, dates in ISO form');
RESET DateStyle;
SELECT throws_ok($$SELECT * FROM energy.prorate('2024-02-15'::date, '2024-02-15'::date, 3100)$$, '22023',
  'empty billing period', 'end equal to start: empty period');

-- tstzrange, by elapsed time in local civil time.
-- 2024-01-31 12:00+08 .. 2024-02-01 12:00+08, Asia/Shanghai: 12 h = 43 200 s each side of the
-- local midnight; 48 × 43200/86400 = 24, 48 − 24 = 24.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08'), 48::numeric)$$,
  $$VALUES ('2024-01-01 00:00+08'::timestamptz, '2024-02-01 00:00+08'::timestamptz, 43200::numeric, 24::numeric),
           ('2024-02-01 00:00+08', '2024-03-01 00:00+08', 43200, 24)$$,
  'tstzrange, months of Asia/Shanghai: 12 h and 12 h');
SELECT is((SELECT bucket_start FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08'), 48::numeric) LIMIT 1),
  '2024-01-01 00:00+08'::timestamptz, 'the first bucket starts at local midnight of 1 January in Shanghai');
-- The same instants in UTC: 2024-01-31 12:00+08 = 04:00 UTC, so Jan 04:00..24:00 = 20 h = 72 000 s,
-- Feb 00:00..04:00 = 4 h = 14 400 s; 48 × 72000/86400 = 40, 48 − 40 = 8.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08'), 48::numeric, 'month', 'UTC')$$,
  $$VALUES ('2024-01-01 00:00+00'::timestamptz, '2024-02-01 00:00+00'::timestamptz, 72000::numeric, 40::numeric),
           ('2024-02-01 00:00+00', '2024-03-01 00:00+00', 14400, 8)$$,
  'tstzrange, months of UTC: 20 h and 4 h');
-- America/Havana set clocks back from 01:00 to 00:00 on 1 November 2020, so
-- its first 00:00 is 04:00 UTC and the day has 25 hours (0.2.0: 0.1.0 started
-- the day at the second 00:00, 05:00 UTC, and lost the half hour below).
-- 04:00..04:30 UTC: 1 800 s of 1 November; 31 October 16:00 .. 1 November
-- 17:00 UTC: October's last 12 h, November's first 13 h, 25 split 12 and 13.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2020-11-01 04:00+00', '2020-11-01 04:30+00'), 1::numeric, 'day', 'America/Havana')$$,
  $$VALUES ('2020-11-01 04:00+00'::timestamptz, '2020-11-02 05:00+00'::timestamptz, 1800::numeric, 1::numeric)$$,
  'America/Havana, midnight twice: the day starts at the first 00:00 and has 25 hours; nothing lost');
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2020-10-31 16:00+00', '2020-11-01 17:00+00'), 25::numeric, 'month', 'America/Havana')$$,
  $$VALUES ('2020-10-01 04:00+00'::timestamptz, '2020-11-01 04:00+00'::timestamptz, 43200::numeric, 12::numeric),
           ('2020-11-01 04:00+00', '2020-12-01 05:00+00', 46800, 13)$$,
  '... and November starts there too, as in energy.meter_buckets: 12 h and 13 h');
SELECT results_eq($$VALUES (energy.local_start('2020-11-01 00:00', 'America/Havana')), (energy.local_start('2023-10-01 00:00', 'America/Asuncion')),
                           (energy.local_start('2024-02-01 00:00', 'Asia/Shanghai'))$$,
  $$VALUES ('2020-11-01 04:00+00'::timestamptz), ('2023-10-01 04:00+00'), ('2024-01-31 16:00+00')$$,
  'energy.local_start: the first of two midnights, the change where midnight is skipped, else AT TIME ZONE');
-- 2024-03-09 18:00+08 .. 2024-03-11 06:00+08 by day: 9th 18:00..24:00 = 6 h = 21 600 s, 10th 24 h = 86 400 s,
-- 11th 00:00..06:00 = 21 600 s; 36 h in all.  36 × 6/36 = 6, 36 × 24/36 = 24, 36 − 30 = 6.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2024-03-09 18:00+08', '2024-03-11 06:00+08'), 36::numeric, 'day')$$,
  $$VALUES ('2024-03-09 00:00+08'::timestamptz, '2024-03-10 00:00+08'::timestamptz, 21600::numeric, 6::numeric),
           ('2024-03-10 00:00+08', '2024-03-11 00:00+08', 86400, 24),
           ('2024-03-11 00:00+08', '2024-03-12 00:00+08', 21600, 6)$$,
  'tstzrange, days of Asia/Shanghai');
-- Local days have 23 hours when DST starts: New York, 2024-03-09 00:00-05 .. 2024-03-11 00:00-04.
-- 9 March 24 h = 86 400 s, 10 March 23 h = 82 800 s (clocks go from 02:00 to 03:00); 47 h.
-- 47 × 24/47 = 24, 47 − 24 = 23.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2024-03-09 00:00-05', '2024-03-11 00:00-04'), 47::numeric, 'day', 'America/New_York')$$,
  $$VALUES ('2024-03-09 00:00-05'::timestamptz, '2024-03-10 00:00-05'::timestamptz, 86400::numeric, 24::numeric),
           ('2024-03-10 00:00-05', '2024-03-11 00:00-04', 82800, 23)$$,
  'tstzrange, a 23-hour local day when DST starts');
-- The bounds are instants: '[]' gives the same elapsed time as '[)'.
SELECT results_eq(
  $$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08', '[]'), 48::numeric)$$,
  $$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08', '[)'), 48::numeric)$$,
  'tstzrange: bound inclusivity does not change elapsed time');

-- Errors.
SELECT throws_ok($$SELECT * FROM energy.prorate('empty'::daterange, 100::numeric)$$, '22023',
  'empty billing period', 'empty daterange');
SELECT throws_ok($$SELECT * FROM energy.prorate('empty'::tstzrange, 100::numeric)$$, '22023',
  'empty billing period', 'empty tstzrange');
SELECT throws_ok($$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-01-31 12:00+08', '[]'), 100::numeric)$$,
  '22023', 'empty billing period', 'a tstzrange of one instant has no duration');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange(NULL, '2024-02-15'), 100::numeric)$$, '22023',
  'billing period has no lower bound', 'unbounded lower');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('2024-01-15', NULL), 100::numeric)$$, '22023',
  'billing period has no upper bound', 'unbounded upper');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('-infinity', '2024-02-15'), 100::numeric)$$, '22023',
  'billing period has an infinite lower bound (-infinity)', 'infinite lower date');
SELECT throws_ok($$SELECT * FROM energy.prorate('2024-01-15'::date, 'infinity'::date, 100)$$, '22023',
  'billing period has an infinite upper bound (infinity)', 'infinite end date');
SELECT throws_ok($$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', NULL), 100::numeric)$$, '22023',
  'billing period has no upper bound', 'unbounded tstzrange');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 'NaN'::numeric)$$, '22023',
  'amount must be a finite number, not NaN', 'NaN numeric');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 'NaN'::float8)$$, '22023',
  'amount must be a finite number, not NaN', 'NaN double precision');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 'Infinity'::float8)$$, '22023',
  'amount must be a finite number, not Infinity', 'Infinity double precision');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), '-Infinity'::numeric)$$, '22023',
  'amount must be a finite number, not -Infinity', '-Infinity numeric');
SELECT throws_ok($$SELECT * FROM energy.prorate('2024-01-15'::date, '2024-02-15'::date, 'NaN')$$, '22023',
  'amount must be a finite number, not NaN', 'NaN with two dates');
SELECT throws_ok($$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08'), 'NaN'::numeric)$$,
  '22023', 'amount must be a finite number, not NaN', 'NaN with a tstzrange');
SELECT throws_ok($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 100::numeric, 'week')$$, '22023',
  'unknown bucket "week"', 'unknown bucket');
SELECT throws_ok($$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08'), 100::numeric, 'week')$$,
  '22023', 'unknown bucket "week"', 'unknown bucket with a tstzrange');
SELECT throws_ok($$SELECT * FROM energy.prorate(tstzrange('2024-01-31 12:00+08', '2024-02-01 12:00+08'), 100::numeric, 'month', 'Mars/Olympus')$$,
  '22023', NULL, 'unknown time zone');

-- NULLs: no rows.
SELECT is_empty($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), NULL::numeric)$$, 'NULL amount: no rows');
SELECT is_empty($$SELECT * FROM energy.prorate(NULL::daterange, 100::numeric)$$, 'NULL period: no rows');
SELECT is_empty($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), NULL::float8)$$, 'NULL double precision amount: no rows');
SELECT is_empty($$SELECT * FROM energy.prorate('2024-01-15'::date, NULL, 100)$$, 'NULL end date: no rows');
SELECT is_empty($$SELECT * FROM energy.prorate(NULL::tstzrange, 100::numeric)$$, 'NULL tstzrange: no rows');
SELECT is_empty($$SELECT * FROM energy.prorate(daterange('2024-01-15', '2024-02-15'), 100::numeric, NULL)$$, 'NULL bucket: no rows');

-- Markings: the four functions are IMMUTABLE STRICT PARALLEL SAFE and commented; their
-- check is IMMUTABLE PARALLEL SAFE, not STRICT (a NULL bound means unbounded), commented.
SELECT results_eq(
  $$SELECT p.oid::regprocedure::text, p.provolatile::text, p.proisstrict, p.proparallel::text,
           obj_description(p.oid, 'pg_proc') IS NOT NULL
      FROM pg_proc p WHERE p.pronamespace = 'energy'::regnamespace AND p.proname IN ('prorate', 'prorate_check')
     ORDER BY p.oid::regprocedure::text COLLATE "C"$$,
  $$VALUES ('prorate(date,date,numeric,text)', 'i', true, 's', true),
           ('prorate(daterange,double precision,text)', 'i', true, 's', true),
           ('prorate(daterange,numeric,text)', 'i', true, 's', true),
           ('prorate(tstzrange,numeric,text,text)', 'i', true, 's', true),
           ('prorate_check(anyelement,anyelement,boolean,numeric,text)', 'i', false, 's', true)$$,
  'markings and comments');

-- energy.grid_unit: the last binary digit of a double, the grid of energy.month_parts (by hand: 100 is in [64, 128),
-- whose doubles are whole multiples of 2^-46; 63.9 of 2^-47; 1e-320 is subnormal, 2^-1074; zero: 1).
SELECT results_eq($$SELECT energy.grid_unit(100) = 2^(-46), energy.grid_unit(64) = 2^(-46), energy.grid_unit(63.9) = 2^(-47),
                           energy.grid_unit(-100) = 2^(-46), energy.grid_unit(1e-320) = 2^(-1074), energy.grid_unit(0)$$,
  $$VALUES (true, true, true, true, true, 1::double precision)$$, 'grid_unit: the unit in the last place');
SELECT throws_ok($$SELECT energy.grid_unit('NaN')$$, '22023', 'an amount of NaN has no binary grid', 'grid_unit of NaN');
-- energy.month_parts: the monthly parts add up exactly to the amount as a double (the ledger's compensated sum is
-- exact), also where the 9-decimal shares, each rounded up, add up to more than the amount (a review: an amount
-- just below a power of two, a few nanounits over many months — 1 to 2 units off before the units were counted in
-- bigint) and for an ordinary bill.
SELECT is_empty($$SELECT v.a FROM (VALUES ('2002-01-22'::date, '2002-05-11'::date, 255.9999999999), ('2023-12-13', '2025-05-19', 0.000000236),
                                          ('2041-07-30', '2042-12-15', 31.999999999999904077), ('2010-01-01', '2018-01-01', 0.000000055),
                                          ('2020-02-03', '2020-09-09', 2047.9999999995), ('2022-01-01', '2023-01-01', 100)) v(ps, pe, a)
                   WHERE (SELECT energy.amount(energy.ledger('electricity', p.part ORDER BY p.month), 'electricity')
                            FROM energy.month_parts(v.ps, v.pe, v.a) p) IS DISTINCT FROM v.a::double precision$$,
  'month_parts: the parts add up exactly to the amount, shares rounded up past it included');
SELECT * FROM finish();
ROLLBACK;
