-- Citus readiness (issue 13): Citus pushes a custom aggregate's partial
-- aggregation to its workers when the aggregate has a combine function and
-- a state type that is not a pseudo-type (its AggregateEnabledCustom); a
-- worker then prints each group's state with the type's output function
-- (worker_partial_agg), the coordinator reads it back with the input
-- function, combines the states and applies the final function
-- (coord_combine_agg).  This file takes that path by hand: the transition
-- function alone (an aggregate without final function, as on a worker),
-- state -> text -> state, then binary (COPY) -> state, combined and
-- finalised, must give the figures of the aggregate over all rows, every
-- one the same double.  (A ledger keeps each total as an unevaluated sum
-- hi + lo; combined in another order, the same exact value may be split
-- otherwise between hi and lo, so the figures are compared, not the
-- ledgers' text.)  Citus itself is not packaged for Debian 12: it is not
-- run here.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- 1. Which aggregates qualify: all of them.  Each energy.ledger form and
--    energy.rollup(ledger) (state energy.ledger), each energy.meter_agg and
--    energy.meter_buckets form (state energy.meter_state since 0.2.0),
--    energy.rollup(meter_summary) (energy.meter_rollup_state) and
--    energy.meter_months, the live ledgers' own (energy.meter_months_state):
--    a combine function, a base state type with send and receive.
SET LOCAL search_path = pg_catalog, public;  -- signatures print schema-qualified
SELECT set_eq(
  $$SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_type t ON t.oid = a.aggtranstype
     WHERE p.pronamespace = 'energy'::regnamespace
       AND a.aggcombinefn <> 0 AND t.typtype <> 'p' AND t.typsend <> 0 AND t.typreceive <> 0
       AND t.typinput <> 0 AND t.typoutput <> 0$$,
  $$VALUES ('energy.ledger(energy.carrier,double precision)'), ('energy.ledger(energy.carrier,double precision,text)'),
           ('energy.ledger(energy.carrier,double precision,date,text)'),
           ('energy.ledger(energy.carrier,double precision,text,date,text)'), ('energy.rollup(energy.ledger)'),
           ('energy.meter_agg(timestamp with time zone,double precision)'),
           ('energy.meter_agg(timestamp with time zone,double precision,double precision)'),
           ('energy.meter_agg(timestamp with time zone,double precision,double precision,double precision)'),
           ('energy.meter_agg(timestamp with time zone,double precision,double precision,double precision,text)'),
           ('energy.meter_buckets(timestamp with time zone,double precision,text)'),
           ('energy.meter_buckets(timestamp with time zone,double precision,text,text)'),
           ('energy.meter_buckets(timestamp with time zone,double precision,text,text,double precision,double precision,text)'),
           ('energy.rollup(energy.meter_summary)'), ('energy.rollup(energy.meter_summary,text)'),
           ('energy.meter_months(timestamp with time zone,double precision,text,double precision,double precision,text,text,text,double precision,double precision)')$$,
  'the ledger and meter aggregates meet Citus''s conditions for partial aggregation on workers');
SELECT is_empty(
  $$SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'energy'::regnamespace AND a.aggtranstype = 'internal'::regtype$$,
  'no aggregate of schema energy keeps an internal state');
SELECT is_empty(
  $$SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a
      JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_type t ON t.oid = a.aggtranstype
     WHERE p.pronamespace = 'energy'::regnamespace
       AND NOT (a.aggcombinefn <> 0 AND t.typtype <> 'p' AND t.typsend <> 0 AND t.typreceive <> 0)$$,
  'every aggregate of schema energy has a combine function and a state type with text and binary forms');
RESET search_path;

-- 2. The rows: 6 000 bills of a province's institutions over 2021-2023,
--    mixed carriers and units, amounts with many digits (so that the
--    compensated sums matter), NULL amounts, and electricity of 1995, which
--    has no grid factor (counted as missing, not dropped).
CREATE TEMP TABLE r AS
SELECT i AS id, 'I' || (i % 40) AS institution,
       (ARRAY['electricity', 'natural_gas', 'diesel', 'water', 'heat', 'pv', 'gasoline'])[1 + i % 7]::energy.carrier AS carrier,
       CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 7919 % 100003) / 7.0 + i / 3.0 END::float8 AS amount,
       (ARRAY['kWh', 'm³', 'L', 't', 'GJ', 'kWh', 'kg'])[1 + i % 7] AS unit,
       CASE WHEN i % 500 = 7 THEN date '1995-06-30' ELSE date '2021-01-01' + (i * 37 % 1095) END AS day,
       (ARRAY['450000', '450100', '450102', '210000'])[1 + i % 4] AS region
  FROM generate_series(1, 6000) i;

-- Every figure a ledger gives: counts, per carrier rows, amount and kgce,
-- total kgce, water, and CO2 by method and scope when every row had a factor.
CREATE FUNCTION pg_temp.figures(l energy.ledger) RETURNS text LANGUAGE sql AS $f$
  SELECT concat_ws(' | ', energy.rows(l), energy.null_rows(l), energy.kgce_missing_rows(l), energy.co2_missing_rows(l),
           (SELECT string_agg(concat_ws(' ', b.carrier, b.rows, b.amount, b.kgce), ', ' ORDER BY b.carrier) FROM energy.breakdown(l) b),
           energy.kgce(l), energy.water(l),
           CASE WHEN energy.co2_missing_rows(l) = 0 AND NOT (l::text ~ '"undated":true') THEN
             concat_ws(' ', energy.kgco2(l), energy.kgco2(l, 'market'), energy.kgco2(l, 'location', 1),
                       energy.kgco2(l, 'location', 2), energy.kgco2(l, 'market', 2)) END)
$f$;

-- As on a worker: the transition function only, no final function.
CREATE AGGREGATE pg_temp.state2(energy.carrier, double precision) (SFUNC = energy.ledger_trans, STYPE = energy.ledger);
CREATE AGGREGATE pg_temp.state3(energy.carrier, double precision, text) (SFUNC = energy.ledger_trans, STYPE = energy.ledger);
CREATE AGGREGATE pg_temp.state4(energy.carrier, double precision, date, text) (SFUNC = energy.ledger_trans, STYPE = energy.ledger);
CREATE AGGREGATE pg_temp.state5(energy.carrier, double precision, text, date, text) (SFUNC = energy.ledger_trans, STYPE = energy.ledger);
CREATE AGGREGATE pg_temp.rollup_state(energy.ledger) (SFUNC = energy.ledger_rollup_trans, STYPE = energy.ledger);
-- As on the coordinator: the combine function, then the final function.
CREATE AGGREGATE pg_temp.combined(energy.ledger) (SFUNC = energy.ledger_combine, STYPE = energy.ledger, FINALFUNC = energy.ledger_final);

-- Partial states of 5 "shards" (rows by id modulo 5), as text.
CREATE TEMP TABLE shipped AS
SELECT id % 5 AS shard,
       pg_temp.state2(carrier, amount)::text AS s2,
       pg_temp.state3(carrier, amount, unit)::text AS s3,
       pg_temp.state4(carrier, CASE WHEN unit IN ('kWh', 'm³', 'kg') THEN amount END, day, region)::text AS s4,
       pg_temp.state5(carrier, amount, unit, day, region)::text AS s5
  FROM r GROUP BY id % 5;
SELECT is((SELECT count(*) FROM shipped), 5::bigint, 'five partial states');

SELECT is((SELECT pg_temp.figures(pg_temp.combined(s2::energy.ledger)) FROM shipped),
          (SELECT pg_temp.figures(energy.ledger(carrier, amount)) FROM r),
          'ledger(carrier, amount): states through text, combined, finalised = direct');
SELECT is((SELECT pg_temp.figures(pg_temp.combined(s3::energy.ledger)) FROM shipped),
          (SELECT pg_temp.figures(energy.ledger(carrier, amount, unit)) FROM r),
          'ledger(carrier, amount, unit): the same');
SELECT is((SELECT pg_temp.figures(pg_temp.combined(s4::energy.ledger)) FROM shipped),
          (SELECT pg_temp.figures(energy.ledger(carrier, CASE WHEN unit IN ('kWh', 'm³', 'kg') THEN amount END, day, region)) FROM r),
          'ledger(carrier, amount, on_date, region): the same');
SELECT is((SELECT pg_temp.figures(pg_temp.combined(s5::energy.ledger)) FROM shipped),
          (SELECT pg_temp.figures(energy.ledger(carrier, amount, unit, day, region)) FROM r),
          'ledger(carrier, amount, unit, on_date, region): the same');
-- and CO2 by method and scope, on the rows that all have a factor (the
-- years without a published grid factor take the nearest year's)
SET LOCAL energy.grid_year_policy = 'nearest';
SELECT is((SELECT pg_temp.figures(pg_temp.combined(s::energy.ledger))
             FROM (SELECT pg_temp.state5(carrier, amount, unit, day, region)::text AS s FROM r WHERE day > '2000-01-01' GROUP BY id % 5) p),
          (SELECT pg_temp.figures(energy.ledger(carrier, amount, unit, day, region)) FROM r WHERE day > '2000-01-01'),
          'with CO2 by method and scope: the same');
SELECT ok((SELECT pg_temp.figures(energy.ledger(carrier, amount, unit, day, region)) ~ '^5928 \| 60 \| 0 \| 0 \| .* [0-9.e+]+ [0-9.e+]+ [0-9.e+]+ [0-9.e+]+ [0-9.e+]+$'
             FROM r WHERE day > '2000-01-01'), 'those figures include the five CO2 totals');
RESET energy.grid_year_policy;
-- the direct result holds what makes the test bite
SELECT ok((SELECT energy.co2_missing_rows(energy.ledger(carrier, amount, unit, day, region)) > 0
              AND energy.null_rows(energy.ledger(carrier, amount, unit, day, region)) > 0 FROM r),
          'the rows include NULL amounts and rows without a CO2 factor');
-- the text of a partial state reads back to the same bytes
SELECT is((SELECT count(*) FROM shipped
            WHERE energy.ledger_send(s5::energy.ledger) <> energy.ledger_send((s5::energy.ledger)::text::energy.ledger)), 0::bigint,
          'state -> text -> state keeps every byte');

-- energy.rollup(ledger): per-institution ledgers rolled up on 3 shards.
CREATE TEMP TABLE per_institution AS
SELECT institution, energy.ledger(carrier, amount, unit, day, region) AS l FROM r GROUP BY institution;
CREATE TEMP TABLE rolled AS
SELECT (hashtext(institution) & 2147483647) % 3 AS shard, pg_temp.rollup_state(l)::text AS s
  FROM per_institution GROUP BY 1;
SELECT is((SELECT pg_temp.figures(pg_temp.combined(s::energy.ledger)) FROM rolled),
          (SELECT pg_temp.figures(energy.rollup(l)) FROM per_institution),
          'rollup(ledger): states through text, combined, finalised = direct');
SELECT is((SELECT pg_temp.figures(energy.rollup(l)) FROM per_institution),
          (SELECT pg_temp.figures(energy.ledger(carrier, amount, unit, day, region)) FROM r),
          'and the figures of the ledger of all the rows');

-- The binary path (COPY ... FORMAT binary: send, then receive) of the states.
CREATE TEMP TABLE bin_in (shard int, s energy.ledger);
COPY (SELECT shard, s5::energy.ledger FROM shipped) TO '/tmp/energy_ext_citus_test.bin' (FORMAT binary);
COPY bin_in FROM '/tmp/energy_ext_citus_test.bin' (FORMAT binary);
SELECT is((SELECT pg_temp.figures(pg_temp.combined(s)) FROM bin_in),
          (SELECT pg_temp.figures(energy.ledger(carrier, amount, unit, day, region)) FROM r),
          'states through binary send/receive, combined, finalised = direct');

-- 3. The meter aggregates: a register read every 40 minutes through 2023
--    (13 140 readings), with a rollover (modulus 100 000), a replacement
--    pair and NULL readings, split over 4 "shards" by reading.
CREATE TEMP TABLE mr AS
SELECT ts, CASE WHEN k % 1000 = 999 THEN NULL ELSE ((k * 37.5)::numeric % 100000)::float8 END AS reading, NULL::text AS event, k
  FROM (SELECT k, timestamptz '2023-01-01 00:00+08' + k * interval '40 minutes' AS ts FROM generate_series(0, 13139) k) x;
UPDATE mr SET event = 'old_final' WHERE k = 6000;
INSERT INTO mr VALUES ((SELECT ts FROM mr WHERE k = 6000), 5, 'new_initial', 6000);
UPDATE mr SET reading = reading + 5 - (SELECT reading FROM mr WHERE k = 6000 AND event = 'old_final') WHERE k > 6000;
UPDATE mr SET reading = ((reading::numeric % 100000) + 100000) % 100000 WHERE k > 6000 AND reading IS NOT NULL;
CREATE AGGREGATE pg_temp.mstate(timestamptz, double precision, double precision, double precision, text)
    (SFUNC = energy.meter_state_trans, STYPE = energy.meter_state);
CREATE AGGREGATE pg_temp.bstate(timestamptz, double precision, text, text, double precision, double precision, text)
    (SFUNC = energy.meter_state_buckets_trans, STYPE = energy.meter_state);
CREATE AGGREGATE pg_temp.mcombined(energy.meter_state)
    (SFUNC = energy.meter_state_combine, STYPE = energy.meter_state, FINALFUNC = energy.meter_state_final, FINALFUNC_MODIFY = READ_WRITE);
CREATE AGGREGATE pg_temp.bcombined(energy.meter_state)
    (SFUNC = energy.meter_state_combine, STYPE = energy.meter_state, FINALFUNC = energy.meter_state_buckets_final, FINALFUNC_MODIFY = READ_WRITE);
CREATE TEMP TABLE mshipped AS
SELECT k % 4 AS shard, pg_temp.mstate(ts, reading, 100000, 2, event)::text AS m,
       pg_temp.bstate(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, event)::text AS b
  FROM mr GROUP BY k % 4;
SELECT is((SELECT pg_temp.mcombined(m::energy.meter_state)::text FROM mshipped),
          (SELECT energy.meter_agg(ts, reading, 100000, 2, event)::text FROM mr),
          'meter_agg: states through text, combined, finalised = direct (the summary''s exact text)');
SELECT is((SELECT pg_temp.bcombined(b::energy.meter_state)::text FROM mshipped),
          (SELECT energy.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, event)::text FROM mr),
          'meter_buckets: the same, month by month');
-- states asking for different buckets (month, day; or two zones) are not combined into either
SELECT throws_ok($$SELECT pg_temp.bcombined(b) FROM (
                     SELECT 1 AS o, pg_temp.bstate(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, event) AS b FROM mr WHERE k < 10
                     UNION ALL
                     SELECT 2, pg_temp.bstate(ts, reading, 'day', 'Asia/Shanghai', 100000, 2, event) FROM mr WHERE k >= 10 AND k < 20
                     ORDER BY o) x$$,
                 '22023', 'one meter''s readings ask for different buckets: month in Asia/Shanghai and day in Asia/Shanghai',
                 'meter_buckets: states of different buckets refused when combined');
SELECT throws_ok($$SELECT pg_temp.bcombined(b) FROM (
                     SELECT 1 AS o, pg_temp.bstate(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, event) AS b FROM mr WHERE k < 10
                     UNION ALL
                     SELECT 2, pg_temp.bstate(ts, reading, 'month', 'UTC', 100000, 2, event) FROM mr WHERE k >= 10 AND k < 20
                     ORDER BY o) x$$,
                 '22023', 'one meter''s readings ask for different buckets: month in Asia/Shanghai and month in UTC',
                 '... and of different time zones');
SELECT ok((SELECT energy.rollovers(s) > 0 AND energy.replacements(s) = 1 AND energy.null_readings(s) = 13
             FROM (SELECT energy.meter_agg(ts, reading, 100000, 2, event) AS s FROM mr) x),
          'the register rolled over, was replaced once and missed 13 readings');
SELECT is((SELECT count(*) FROM mshipped
            WHERE energy.meter_state_send(m::energy.meter_state) <> energy.meter_state_send((m::energy.meter_state)::text::energy.meter_state)),
          0::bigint, 'meter state -> text -> state keeps every byte');
CREATE TEMP TABLE mbin (shard int, m energy.meter_state);
COPY (SELECT shard, m::energy.meter_state FROM mshipped) TO '/tmp/energy_ext_citus_meter.bin' (FORMAT binary);
COPY mbin FROM '/tmp/energy_ext_citus_meter.bin' (FORMAT binary);
SELECT is((SELECT pg_temp.mcombined(m)::text FROM mbin), (SELECT energy.meter_agg(ts, reading, 100000, 2, event)::text FROM mr),
          'meter states through binary send/receive, combined, finalised = direct');
-- (text input: 22P02, like every other text input error; 22P03 is the binary form's)
SELECT throws_ok($$SELECT '{"version":1,"settings_known":true,"modulus":0,"multiplier":-1,"null_readings":0,"bucket":"","time_zone":"","readings":[]}'::energy.meter_state$$,
                 '22P02', 'invalid energy.meter_state: bad multiplier', 'a bad state is refused');
SELECT throws_ok($$SELECT '{"version":1,"settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"bucket":"","time_zone":"","readings":[[0,1,"twice"]]}'::energy.meter_state$$,
                 '22P02', NULL, 'an unknown event is refused');
SELECT throws_ok($$SELECT '{"version":1,"settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"bucket":"week","time_zone":"UTC","readings":[]}'::energy.meter_state$$,
                 '22P02', 'invalid energy.meter_state: unknown bucket', 'an unknown bucket is refused');

-- 4. energy.rollup(meter_summary, meter): the register's daily summaries
--    (local days) rolled up on 3 "shards" (by day), through text, combined
--    and finalised = the direct roll-up = meter_agg over all the readings.
CREATE TEMP TABLE days AS
SELECT date_trunc('day', ts AT TIME ZONE 'Asia/Shanghai') AS day, energy.meter_agg(ts, reading, 100000, 2, event) AS s
  FROM mr GROUP BY 1;
CREATE AGGREGATE pg_temp.rstate(energy.meter_summary, text) (SFUNC = energy.meter_rollup_state_trans, STYPE = energy.meter_rollup_state);
CREATE AGGREGATE pg_temp.rcombined(energy.meter_rollup_state)
    (SFUNC = energy.meter_rollup_combine, STYPE = energy.meter_rollup_state, FINALFUNC = energy.meter_rollup_state_final, FINALFUNC_MODIFY = READ_WRITE);
CREATE TEMP TABLE rshipped AS
SELECT extract(doy FROM day)::int % 3 AS shard, pg_temp.rstate(s, 'M"1 \ 电表')::text AS r FROM days GROUP BY 1;
SELECT is((SELECT pg_temp.rcombined(r::energy.meter_rollup_state)::text FROM rshipped),
          (SELECT energy.rollup(s, 'M"1 \ 电表')::text FROM days),
          'rollup(meter_summary): states through text, combined, finalised = direct');
SELECT is((SELECT energy.consumption(energy.rollup(s)) FROM days), (SELECT energy.consumption(energy.meter_agg(ts, reading, 100000, 2, event)) FROM mr),
          'and the consumption of all the readings (the steps between days counted)');
SELECT is((SELECT count(*) FROM rshipped
            WHERE energy.meter_rollup_state_send(r::energy.meter_rollup_state)
                  <> energy.meter_rollup_state_send((r::energy.meter_rollup_state)::text::energy.meter_rollup_state)),
          0::bigint, 'rollup state -> text -> state keeps every byte, the meter''s odd name included');
SELECT throws_ok($$SELECT energy.rollup(s, 'M"1 \ 电表') FROM (SELECT s FROM days UNION ALL (SELECT s FROM days LIMIT 1)) x$$,
                 '22023', NULL, 'overlapping summaries are still refused');
CREATE TEMP TABLE rbin (shard int, r energy.meter_rollup_state);
COPY (SELECT shard, r::energy.meter_rollup_state FROM rshipped) TO '/tmp/energy_ext_citus_rollup.bin' (FORMAT binary);
COPY rbin FROM '/tmp/energy_ext_citus_rollup.bin' (FORMAT binary);
SELECT is((SELECT pg_temp.rcombined(r)::text FROM rbin), (SELECT energy.rollup(s, 'M"1 \ 电表')::text FROM days),
          'rollup states through binary send/receive, combined, finalised = direct');

-- 5. energy.meter_months, the live ledgers' own (state
--    energy.meter_months_state since 0.2.0).  (a) The register of section 3
--    with the 'flag' rule over 4 "shards"; (b) a small register whose months
--    are worked out by hand, with the 'restart' rule, continued from a seed
--    (as the live ledgers fold appended readings) over 3 "shards", the seed
--    on one of them; (c) a 'skip' row on one shard; (d) states that cannot
--    be combined; (e) bad text and binary forms.
CREATE AGGREGATE pg_temp.mmstate(timestamptz, double precision, text, double precision, double precision, text, text, text,
                                 double precision, double precision)
    (SFUNC = energy.meter_months_trans, STYPE = energy.meter_months_state);
CREATE AGGREGATE pg_temp.mmcombined(energy.meter_months_state)
    (SFUNC = energy.meter_months_combine, STYPE = energy.meter_months_state, FINALFUNC = energy.meter_months_final,
     FINALFUNC_MODIFY = READ_WRITE);
-- A meter's months as '2024-01-01 360, ...': local month, consumption.
CREATE FUNCTION pg_temp.months(m energy.meter_month_sum[]) RETURNS text LANGUAGE sql AS $f$
  SELECT string_agg(format('%s %s', to_char(b.month_start AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), b.sum_hi + b.sum_lo), ', ' ORDER BY b.month_start)
    FROM unnest(m) AS b
$f$;

-- (a)
CREATE TEMP TABLE mmshipped AS
SELECT k % 4 AS shard, pg_temp.mmstate(ts, reading, 'Asia/Shanghai', 100000, 2, event, 'flag', NULL, NULL, NULL)::text AS s
  FROM mr GROUP BY k % 4;
SELECT is((SELECT pg_temp.mmcombined(s::energy.meter_months_state)::text FROM mmshipped),
          (SELECT energy.meter_months(ts, reading, 'Asia/Shanghai', 100000, 2, event, 'flag', NULL, NULL, NULL)::text FROM mr),
          'meter_months: states through text, combined, finalised = direct (every month''s sum_hi, sum_lo and last reading)');
SELECT is((SELECT array_agg(b.sum_hi + b.sum_lo ORDER BY b.month_start)
             FROM unnest((SELECT pg_temp.mmcombined(s::energy.meter_months_state) FROM mmshipped)) AS b),
          (SELECT array_agg(b.consumption ORDER BY b.bucket_start)
             FROM unnest((SELECT energy.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, event) FROM mr)) AS b),
          'and each month the consumption meter_buckets gives it');
CREATE AGGREGATE pg_temp.mmmerged(energy.meter_months_state) (SFUNC = energy.meter_months_combine, STYPE = energy.meter_months_state);
SELECT is((SELECT substring(pg_temp.mmmerged(s::energy.meter_months_state)::text from '"null_readings":([0-9]+)') FROM mmshipped),
          '13', 'the combined state counts the 13 NULL readings of the shards');
SELECT is((SELECT count(*) FROM mmshipped
            WHERE energy.meter_months_state_send(s::energy.meter_months_state)
                  <> energy.meter_months_state_send((s::energy.meter_months_state)::text::energy.meter_months_state)
               OR s <> (s::energy.meter_months_state)::text),
          0::bigint, 'meter months state -> text -> state keeps every byte');
CREATE TEMP TABLE mmbin (shard int, s energy.meter_months_state);
COPY (SELECT shard, s::energy.meter_months_state FROM mmshipped) TO '/tmp/energy_ext_citus_months.bin' (FORMAT binary);
COPY mmbin FROM '/tmp/energy_ext_citus_months.bin' (FORMAT binary);
SELECT is((SELECT pg_temp.mmcombined(s)::text FROM mmbin),
          (SELECT energy.meter_months(ts, reading, 'Asia/Shanghai', 100000, 2, event, 'flag', NULL, NULL, NULL)::text FROM mr),
          'meter months states through binary send/receive, combined, finalised = direct');

-- (b) Multiplier 3, no modulus, local midnights (Asia/Shanghai).  By hand,
--     with 'restart': January (100 -> 160 -> 220) 2 × 60 × 3 = 360; February
--     220 -> 20 a restart from zero, 20 × 3 = 60, then 20 -> 50 (a NULL
--     reading between) 90: 150; March 50 -> 80 (old_final) 90, the new meter
--     0 -> 10 30, 10 -> 5 a restart 15: 135; April 5 -> 25 60.  Each
--     interval ends by its month's end, so none is shared.  With 'flag',
--     220 -> 20 is a reset and 10 -> 5 reverse running, neither counted:
--     February 90, March 120.
CREATE TEMP TABLE m2 (k int, ts timestamptz, reading float8, event text);
INSERT INTO m2 VALUES
  (1, '2024-01-01 00:00+08', 100, NULL), (2, '2024-01-16 00:00+08', 160, NULL), (3, '2024-02-01 00:00+08', 220, NULL),
  (4, '2024-02-11 00:00+08', 20, NULL), (5, '2024-02-21 00:00+08', NULL, NULL), (6, '2024-03-01 00:00+08', 50, NULL),
  (7, '2024-03-11 00:00+08', 80, 'old_final'), (8, '2024-03-11 00:00+08', 0, 'new_initial'),
  (9, '2024-03-21 00:00+08', 10, NULL), (10, '2024-04-01 00:00+08', 5, NULL), (11, '2024-04-11 00:00+08', 25, NULL);
SELECT is((SELECT pg_temp.months(energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', NULL, NULL, NULL)) FROM m2),
          '2024-01-01 360, 2024-02-01 150, 2024-03-01 135, 2024-04-01 60', 'the register by hand, restart');
-- A counter never shows a negative count: 100, then -5 (restart: a restart that counts 0, not -5; flag: a
-- reset), then 10 (15 up from -5): 15 in January under either rule (restart gave 10).
SELECT is((SELECT pg_temp.months(energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 1, NULL, v.rule, NULL, NULL, NULL))
             FROM (VALUES ('2024-01-10 00:00+08'::timestamptz, 100::float8), ('2024-01-20 00:00+08', -5), ('2024-01-30 00:00+08', 10)) r(ts, reading)),
          '2024-01-01 15', v.rule || ': a negative reading counts no negative consumption')
  FROM (VALUES ('restart'), ('flag')) v(rule);
SELECT is((SELECT pg_temp.months(energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'flag', NULL, NULL, NULL)) FROM m2),
          '2024-01-01 360, 2024-02-01 90, 2024-03-01 120, 2024-04-01 60', 'and with flag');
-- The readings after k = 4, and the seed the live ledgers would take: the
-- last month of the readings up to k = 4 (its last reading lies in it, so
-- its sum so far is the month's).
CREATE TEMP TABLE m2rows AS
SELECT k, ts, reading, event, NULL::text AS role, NULL::float8 AS open_hi, NULL::float8 AS open_lo FROM m2 WHERE k > 4
UNION ALL
(SELECT 0, (b).last_ts, (b).last_reading, (b).last_event, 'seed', (b).sum_hi, (b).sum_lo
   FROM (SELECT unnest(energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', NULL, NULL, NULL)) AS b
           FROM m2 WHERE k <= 4) x
  ORDER BY (b).month_start DESC LIMIT 1);
SELECT is((SELECT format('%s %s %s %s %s', to_char(ts AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), reading, event, open_hi, open_lo) FROM m2rows WHERE role = 'seed'),
          '2024-02-11 00:00 20 read 60 0', 'the seed: February 11, 20, February''s 60 so far');
CREATE TEMP TABLE m2direct AS
SELECT energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo) AS m FROM m2rows;
SELECT is((SELECT pg_temp.months(m) FROM m2direct), '2024-02-01 150, 2024-03-01 135, 2024-04-01 60',
          'continued from the seed: February to April as by hand');
SELECT is((SELECT m::text FROM m2direct),
          (SELECT array_agg(b ORDER BY b.month_start)::text
             FROM unnest((SELECT energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', NULL, NULL, NULL) FROM m2)) AS b
            WHERE b.month_start >= '2024-02-01 00:00+08'),
          'to the bit what the whole series gives those months');
CREATE TEMP TABLE m2shipped AS
SELECT k % 3 AS shard, pg_temp.mmstate(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo)::text AS s
  FROM m2rows GROUP BY k % 3;
SELECT ok((SELECT count(*) = 3 AND count(*) FILTER (WHERE s LIKE '%"seed":[%') = 1 FROM m2shipped),
          'three partial states, one of them with the seed');
SELECT is((SELECT pg_temp.mmcombined(s::energy.meter_months_state)::text FROM m2shipped), (SELECT m::text FROM m2direct),
          'seed and restart: states through text, combined, finalised = direct');
SELECT is((SELECT count(*) FROM m2shipped
            WHERE energy.meter_months_state_send(s::energy.meter_months_state)
                  <> energy.meter_months_state_send((s::energy.meter_months_state)::text::energy.meter_months_state)
               OR s <> (s::energy.meter_months_state)::text),
          0::bigint, 'those states -> text -> state keep every byte, the seed''s included');
CREATE TEMP TABLE m2bin (shard int, s energy.meter_months_state);
COPY (SELECT shard, s::energy.meter_months_state FROM m2shipped) TO '/tmp/energy_ext_citus_months.bin' (FORMAT binary);
COPY m2bin FROM '/tmp/energy_ext_citus_months.bin' (FORMAT binary);
SELECT is((SELECT pg_temp.mmcombined(s)::text FROM m2bin), (SELECT m::text FROM m2direct),
          'seed and restart: states through binary send/receive, combined, finalised = direct');
SELECT is((SELECT pg_temp.mmcombined(s::energy.meter_months_state)::text
             FROM (SELECT k % 3, pg_temp.mmstate(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo)::text
                     FROM (SELECT * FROM m2rows UNION ALL SELECT 1, ts, reading, event, role, open_hi, open_lo FROM m2rows WHERE role = 'seed') r
                    GROUP BY k % 3) p(shard, s)),
          (SELECT m::text FROM m2direct), 'the same seed on two shards: the same months');

-- (c) A 'skip' row (the live ledgers cannot continue the meter) on one shard.
CREATE TEMP TABLE m2skip AS
SELECT * FROM m2rows UNION ALL SELECT 2, NULL, NULL, NULL, 'skip', NULL, NULL;
SELECT ok((SELECT energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo) IS NULL FROM m2skip),
          'with a skip row, meter_months is NULL');
SELECT ok((SELECT pg_temp.mmcombined(s::energy.meter_months_state) IS NULL
             FROM (SELECT pg_temp.mmstate(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo)::text AS s
                     FROM m2skip GROUP BY k % 3) p),
          'and so are the states of its shards combined');

-- (d) States that do not combine: another time zone, rule, modulus or seed.
SELECT throws_ok($$SELECT pg_temp.mmcombined(s::energy.meter_months_state ORDER BY shard)
                     FROM (SELECT k % 2, pg_temp.mmstate(ts, reading, CASE k % 2 WHEN 0 THEN 'Asia/Shanghai' ELSE 'UTC' END, NULL, 3, event,
                                                         'restart', NULL, NULL, NULL)::text FROM m2 GROUP BY 1) p(shard, s)$$,
                 '22023', 'one meter''s months are asked for in two time zones: "Asia/Shanghai" and "UTC"', 'two time zones do not combine');
SELECT throws_ok($$SELECT pg_temp.mmcombined(s::energy.meter_months_state ORDER BY shard)
                     FROM (SELECT k % 2, pg_temp.mmstate(ts, reading, 'Asia/Shanghai', NULL, 3, event,
                                                         CASE k % 2 WHEN 0 THEN 'restart' ELSE 'flag' END, NULL, NULL, NULL)::text FROM m2 GROUP BY 1) p(shard, s)$$,
                 '22023', 'one meter''s months are asked for with two on_decrease rules: restart and flag', 'nor two on_decrease rules');
SELECT throws_ok($$SELECT pg_temp.mmcombined(s::energy.meter_months_state ORDER BY shard)
                     FROM (SELECT k % 2, pg_temp.mmstate(ts, reading, 'Asia/Shanghai', CASE k % 2 WHEN 0 THEN NULL ELSE 1000 END, 3, event,
                                                         'restart', NULL, NULL, NULL)::text FROM m2 GROUP BY 1) p(shard, s)$$,
                 '22023', 'one meter''s readings carry different settings: modulus 0 and 1000, multiplier 3 and 3', 'nor two moduli');
SELECT throws_ok($$SELECT pg_temp.mmcombined(s::energy.meter_months_state ORDER BY shard)
                     FROM (SELECT k % 3, pg_temp.mmstate(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo)::text
                             FROM (SELECT * FROM m2rows UNION ALL
                                   SELECT 1, ts, reading, event, role, open_hi + 1, open_lo FROM m2rows WHERE role = 'seed') r
                            GROUP BY 1) p(shard, s)$$,
                 '22023', NULL, 'nor two different seeds');
SELECT throws_like($$SELECT energy.meter_months(ts, reading, 'Asia/Shanghai', NULL, 3, event, 'restart', role, open_hi, open_lo)
                       FROM (SELECT * FROM m2rows UNION ALL SELECT 1, ts, reading, event, role, open_hi + 1, open_lo FROM m2rows WHERE role = 'seed') r$$,
                   'one meter''s months continue from two different readings: 20 at % (its month so far 60 + 0) and 20 at % (61 + 0)',
                   'nor in one aggregate, which says which');

-- (e) Bad text (22P02, with the position and a hint) and binary (22P03) forms.
SELECT throws_ok($$SELECT '{"version":1,"time_zone":"UTC","on_decrease":"flag","settings_known":true,"modulus":0,"multiplier":-1,"null_readings":0,"skip":false,"seed":null,"readings":[]}'::energy.meter_months_state$$,
                 '22P02', 'invalid input syntax for type energy.meter_months_state: expected a positive multiplier at character 100',
                 'a negative multiplier is refused where it stands');
SELECT throws_ok($$SELECT '{"version":1,"time_zone":"UTC","on_decrease":"flag","settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"skip":false,"seed":null,"readings":[[0,1,"twice"]]}'::energy.meter_months_state$$,
                 '22P02', 'invalid input syntax for type energy.meter_months_state: expected an event: read, old_final or new_initial at character 162',
                 'an unknown event is refused');
SELECT throws_ok($$SELECT '{"version":1,"time_zone":"UTC","on_decrease":"sometimes","settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"skip":false,"seed":null,"readings":[]}'::energy.meter_months_state$$,
                 '22P02', 'invalid input syntax for type energy.meter_months_state: expected on_decrease "flag" or "restart" at character 46',
                 'an unknown on_decrease rule is refused');
SELECT throws_ok($$SELECT '{"version":1,"time_zone":"A\x","on_decrease":"flag","settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"skip":false,"seed":null,"readings":[]}'::energy.meter_months_state$$,
                 '22P02', 'invalid input syntax for type energy.meter_months_state: expected \", \\ or \u0001 to \u001f at character 28',
                 'a bad escape in the time zone is refused');
SELECT throws_ok($$SELECT '{"version":1,"time_zone":"UTC","on_decrease":"flag","settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"skip":false,"seed":[0,1,"read",NaN,0],"readings":[]}'::energy.meter_months_state$$,
                 '22P02', 'invalid input syntax for type energy.meter_months_state: expected a number at character 152',
                 'a seed''s sum so far must be a finite number');
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE st text; msg text; hint text;
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
  RETURN st || ' ' || msg || ' HINT: ' || hint;
END $f$;
SELECT is(pg_temp.error_of($$SELECT '{"version":2}'::energy.meter_months_state$$),
          '22P02 invalid input syntax for type energy.meter_months_state: expected version 1 at character 13 HINT: '
          'A meter months state''s text form is what its output function prints (Citus ships it between nodes).',
          'the error says where, and what the text form is');
-- A time zone PostgreSQL accepts, with a quote, a backslash and a line feed,
-- and doubles of 17 digits (the seed's sum so far, readings, modulus and
-- multiplier) go through the text form unchanged.
SELECT is((SELECT x::text::energy.meter_months_state::text = x::text AND energy.meter_months_state_send(x::text::energy.meter_months_state) = energy.meter_months_state_send(x)
              AND strpos(x::text, '"time_zone":"<a\"b\\\u000a>+3"') > 0
              AND strpos(x::text, '"seed":[760896000000000,0.3333333333333333,"old_final",0.30000000000000004,-1.850371707708594e-17]') > 0
             FROM (SELECT pg_temp.mmstate(ts, reading, E'<a"b\\\n>+3', 1e5 / 3, pi(), event, 'restart', role, open_hi, open_lo) AS x
                     FROM (SELECT ts, reading / 7, event, NULL, NULL::float8, NULL::float8 FROM m2
                           UNION ALL SELECT '2024-02-11 00:00+08', 1 / 3::float8, 'old_final', 'seed', 0.1::float8 + 0.2::float8, -1.850371707708594e-17) r(ts, reading, event, role, open_hi, open_lo)) y),
          true, 'an odd time zone and many digits are written exactly and read back');
-- Binary: a good state's bytes, then the same with one field spoilt, read
-- through COPY (a bytea's binary form is its bytes).
CREATE TEMP TABLE mmbad (s energy.meter_months_state);
CREATE FUNCTION pg_temp.receive(b bytea) RETURNS bytea LANGUAGE plpgsql AS $f$
BEGIN
  TRUNCATE mmbad;
  EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, '/tmp/energy_ext_citus_months_bad.bin');
  EXECUTE format('COPY mmbad FROM %L (FORMAT binary)', '/tmp/energy_ext_citus_months_bad.bin');
  RETURN (SELECT energy.meter_months_state_send(s) FROM mmbad);
END $f$;
CREATE TEMP TABLE mmgood AS
SELECT energy.meter_months_state_send(s::energy.meter_months_state) AS b FROM m2shipped WHERE s LIKE '%"seed":[%';
SELECT is((SELECT pg_temp.receive(b) FROM mmgood), (SELECT b FROM mmgood), 'a good state''s bytes are received as they are');
SELECT throws_ok($$SELECT pg_temp.receive(overlay(b placing '\x00000002'::bytea from 1 for 4)) FROM mmgood$$,
                 '22P03', 'invalid energy.meter_months_state: unknown version', 'an unknown version is refused');
-- after the version (4 bytes) and 'Asia/Shanghai' with its zero byte (14), the rule's flag
SELECT throws_ok($$SELECT pg_temp.receive(set_byte(b, 18, 2)) FROM mmgood$$,
                 '22P03', 'invalid energy.meter_months_state: a flag that is neither 0 nor 1', 'a flag other than 0 or 1 is refused');
-- the last byte: the last reading's event
SELECT throws_ok($$SELECT pg_temp.receive(set_byte(b, length(b) - 1, 7)) FROM mmgood$$,
                 '22P03', 'invalid energy.meter_months_state: bad reading', 'an unknown event is refused');
-- then the multiplier (after the rule's and settings_known's flags and the modulus)
SELECT throws_ok($$SELECT pg_temp.receive(overlay(b placing float8send(-3) from 29 for 8)) FROM mmgood$$,
                 '22P03', 'invalid energy.meter_months_state: bad multiplier', 'a negative multiplier is refused');

-- 6. Big states.  energy.meter_state and energy.meter_rollup_state are flat
--    values the aggregate appends to in place, until a state's readings
--    would pass 8 MB (262 144 readings, 32 768 summaries): then it is an
--    expanded object with a memory context of its own, grown in place.
--    Every function that reads a state reads either form.  One meter of
--    400 000 readings (rollovers, NULL readings), against 0.1.0's internal
--    state over the same C functions: directly, through text (combined
--    into one big state), from three shards whose combined state crosses
--    8 MB, through binary, and in parallel workers; 70 000 daily summaries
--    likewise.
CREATE TABLE big_readings AS
SELECT k, timestamptz '2020-01-01 00:00+08' + k * interval '5 minutes' AS ts,
       CASE WHEN k % 50000 = 49999 THEN NULL ELSE ((k * 0.75)::numeric % 100000)::float8 END AS reading
  FROM generate_series(0, 399999) k;
ANALYZE big_readings;
CREATE AGGREGATE pg_temp.magg010(timestamptz, double precision, double precision, double precision, text) (
    SFUNC = energy.meter_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE pg_temp.bagg010(timestamptz, double precision, text, text, double precision, double precision, text) (
    SFUNC = energy.meter_buckets_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_buckets_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE TEMP TABLE big_direct AS
SELECT (SELECT pg_temp.magg010(ts, reading, 100000, 2, NULL) FROM big_readings)::text AS m,
       (SELECT pg_temp.bagg010(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, NULL) FROM big_readings)::text AS b;
SELECT ok((SELECT energy.rollovers(m::energy.meter_summary) = 2 AND energy.null_readings(m::energy.meter_summary) = 8 FROM big_direct),
          'the big register rolled over twice and missed 8 readings');
SELECT is((SELECT energy.meter_agg(ts, reading, 100000, 2, NULL)::text FROM big_readings), (SELECT m FROM big_direct),
          'a meter of 400 000 readings: meter_agg = 0.1.0''s internal state');
SELECT is((SELECT energy.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, NULL)::text FROM big_readings),
          (SELECT b FROM big_direct), 'meter_buckets likewise, month by month');
CREATE TEMP TABLE big_state AS SELECT pg_temp.mstate(ts, reading, 100000, 2, NULL) AS s FROM big_readings;
SELECT is((SELECT length(s::text) > 400000 * 20 FROM big_state), true, 'the big state prints every reading');
SELECT is((SELECT pg_temp.mcombined(s::text::energy.meter_state)::text FROM big_state), (SELECT m FROM big_direct),
          'the big state through text, combined, finalised = direct');
SELECT is((SELECT energy.meter_state_send(s) = energy.meter_state_send(s::text::energy.meter_state) FROM big_state), true,
          'big state -> text -> state keeps every byte');
CREATE TEMP TABLE big_shipped AS
SELECT k % 3 AS shard, pg_temp.mstate(ts, reading, 100000, 2, NULL) AS m,
       pg_temp.bstate(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, NULL) AS b
  FROM big_readings GROUP BY k % 3;
SELECT is((SELECT pg_temp.mcombined(m)::text FROM big_shipped), (SELECT m FROM big_direct),
          'three shards of 133 333 readings, combined past 8 MB, finalised = direct');
SELECT is((SELECT pg_temp.bcombined(b)::text FROM big_shipped), (SELECT b FROM big_direct), 'meter_buckets likewise');
CREATE TEMP TABLE big_bin (m energy.meter_state);
COPY (SELECT s FROM big_state) TO '/tmp/energy_ext_citus_big.bin' (FORMAT binary);
COPY big_bin FROM '/tmp/energy_ext_citus_big.bin' (FORMAT binary);
SELECT is((SELECT pg_temp.mcombined(m)::text FROM big_bin), (SELECT m FROM big_direct),
          'the big state through binary send/receive, combined, finalised = direct');
SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS
  $f$ BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q; END $f$;
SELECT ok((SELECT string_agg(x, E'\n') ~ 'Partial Aggregate' FROM pg_temp.plan(
  $$SELECT energy.meter_agg(ts, reading, 100000, 2, NULL) FROM big_readings$$) AS x),
  'meter_agg over the big register runs as a parallel partial aggregate');
SELECT is((SELECT energy.meter_agg(ts, reading, 100000, 2, NULL)::text FROM big_readings), (SELECT m FROM big_direct),
          'in parallel workers, combined past 8 MB = direct');
SELECT is((SELECT energy.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 2, NULL)::text FROM big_readings),
          (SELECT b FROM big_direct), 'meter_buckets likewise');
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather;
-- 70 000 daily summaries of one meter (each day 100 -> 190, the next from 200).
CREATE TEMP TABLE big_days AS
SELECT d, format('{"version":1,"first_time":"","last_time":"","first_us":%s,"last_us":%s,"first_reading":%s,'
                 '"last_reading":%s,"modulus":0,"multiplier":1,"consumption":90,"consumption_err":0,"reverse_amount":0,'
                 '"readings":24,"null_readings":0,"duplicates":0,"rollovers":0,"resets":0,"replacements":0,"reversals":0}',
                 d * 86400000000::bigint, d * 86400000000::bigint + 82800000000, d * 100, d * 100 + 90)::energy.meter_summary AS s
  FROM generate_series(0, 69999) d;
CREATE AGGREGATE pg_temp.rollup010(energy.meter_summary, text) (
    SFUNC = energy.meter_rollup_trans, STYPE = internal, FINALFUNC = energy.meter_rollup_final, PARALLEL = SAFE);
SELECT is((SELECT energy.rollup(s, 'M big')::text FROM big_days), (SELECT pg_temp.rollup010(s, 'M big')::text FROM big_days),
          'a roll-up of 70 000 summaries = 0.1.0''s internal state');
SELECT is((SELECT energy.consumption(energy.rollup(s)) FROM big_days), 6999990::float8,
          'and its consumption: 70 000 days of 90 and 69 999 steps of 10');
CREATE TEMP TABLE big_rshipped AS SELECT d % 3 AS shard, pg_temp.rstate(s, 'M big')::text AS r FROM big_days GROUP BY d % 3;
SELECT is((SELECT pg_temp.rcombined(r::energy.meter_rollup_state)::text FROM big_rshipped),
          (SELECT pg_temp.rollup010(s, 'M big')::text FROM big_days), 'three shards through text, combined past 8 MB = direct');
SELECT is((SELECT pg_temp.rcombined(r::energy.meter_rollup_state)::text FROM (SELECT pg_temp.rstate(s, 'M big')::text AS r FROM big_days) x),
          (SELECT pg_temp.rollup010(s, 'M big')::text FROM big_days), 'the big state through text, combined, finalised = direct');
SELECT throws_ok($$SELECT energy.rollup(s, 'M big') FROM (SELECT s FROM big_days UNION ALL (SELECT s FROM big_days LIMIT 1)) x$$,
                 '22023', NULL, 'overlapping summaries are still refused in a big state');

SELECT * FROM finish();
ROLLBACK;
