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

-- 1. Which aggregates qualify.  Each energy.ledger form and
--    energy.rollup(ledger) (state energy.ledger), each energy.meter_agg and
--    energy.meter_buckets form (state energy.meter_state since 0.2.0) and
--    energy.rollup(meter_summary) (energy.meter_rollup_state): a combine
--    function, a base state type with send and receive.  Not yet:
--    meter_months, the live ledgers' own (internal state, no combine
--    function); on Citus it runs whole on the worker that holds the meter.
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
           ('energy.rollup(energy.meter_summary)'), ('energy.rollup(energy.meter_summary,text)')$$,
  'the ledger and meter aggregates meet Citus''s conditions for partial aggregation on workers');
SELECT set_eq(
  $$SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'energy'::regnamespace AND a.aggtranstype = 'internal'::regtype$$,
  $$VALUES ('energy.meter_months(timestamp with time zone,double precision,text,double precision,double precision,text,text,text,double precision,double precision)')$$,
  'an internal state remains: meter_months (the live ledgers'' own)');
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
SELECT throws_ok($$SELECT '{"version":1,"settings_known":true,"modulus":0,"multiplier":-1,"null_readings":0,"bucket":"","time_zone":"","readings":[]}'::energy.meter_state$$,
                 '22P03', 'invalid energy.meter_state: bad multiplier', 'a bad state is refused');
SELECT throws_ok($$SELECT '{"version":1,"settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"bucket":"","time_zone":"","readings":[[0,1,"twice"]]}'::energy.meter_state$$,
                 '22P02', NULL, 'an unknown event is refused');
SELECT throws_ok($$SELECT '{"version":1,"settings_known":true,"modulus":0,"multiplier":1,"null_readings":0,"bucket":"week","time_zone":"UTC","readings":[]}'::energy.meter_state$$,
                 '22P03', 'invalid energy.meter_state: unknown bucket', 'an unknown bucket is refused');

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

SELECT * FROM finish();
ROLLBACK;
