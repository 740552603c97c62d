-- Out of range (issue 14): no function returns Infinity or NaN for finite
-- input, and no count wraps.  A product or a sum beyond double precision
-- (±1.8e308) is error 22003, as PostgreSQL's own float8 arithmetic raises;
-- found by the fuzzers of fuzz/targets.c and by hand.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- 1. One amount.  1e308 GWh is 1e314 kWh: beyond double precision before
--    any coefficient.  1e300 kWh is not: × 0.1229 kgce/kWh (GB/T 2589,
--    equivalent value) = 1.229e299 kgce.
SELECT throws_ok($$SELECT energy.kgce('electricity', 1e308, 'GWh')$$, '22003',
  'kgce is out of range for double precision (beyond ±1.8e308)', 'kgce of 1e308 GWh: 22003, not Infinity');
SELECT throws_ok($$SELECT energy.tce('electricity', 1e308, 'GWh')$$, '22003', NULL, 'tce of 1e308 GWh: 22003');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1e308, 'GWh', '2022-06-30', '210000')$$, '22003', NULL,
  'kgCO2 of 1e308 GWh: 22003');
SELECT throws_ok($$SELECT energy.tco2('electricity', 1e308, 'GWh', '2022-06-30', '210000')$$, '22003', NULL,
  'tCO2 of 1e308 GWh: 22003');
SELECT throws_ok($$SELECT energy.convert_unit('electricity', 1e308, 'GWh', 'kWh')$$, '22003', NULL,
  'convert_unit of 1e308 GWh to kWh: 22003');
SELECT throws_ok($$SELECT * FROM energy.explain_kgce('electricity', 1e308, 'GWh')$$, '22003', NULL,
  'explain_kgce of 1e308 GWh: 22003');
SELECT throws_ok($$SELECT energy.steam_gj(1e308, 3000)$$, '22003', NULL, 'steam_gj of 1e308 t: 22003');
SELECT throws_ok($$SELECT energy.hot_water_gj(1e308, 95)$$, '22003', NULL, 'hot_water_gj of 1e308 t: 22003');
SELECT is(energy.kgce('electricity', 1e300, 'kWh'), 1.229e299::float8, '1e300 kWh is 1.229e299 kgce: large but finite');
SELECT throws_ok($$SELECT energy.kgce('electricity', 'Infinity', 'kWh')$$, '22023', NULL, 'an infinite amount: 22023');

-- 2. Ledgers.  Each sum is checked where the ledger leaves the aggregate,
--    and every figure read from it.
SELECT throws_ok($$SELECT energy.ledger(c, a, 'kWh') FROM (VALUES ('electricity'::energy.carrier, 1e308::float8),
    ('electricity', 1e308)) v(c, a)$$, '22003',
  'the total amount of electricity in this energy.ledger is out of range for double precision (beyond ±1.8e308)',
  'two amounts of 1e308 kWh in one ledger: 22003 naming the carrier');
SELECT throws_ok($$SELECT energy.ledger(c, a, 'kWh') FROM (VALUES (1, 'electricity'::energy.carrier, 1e308::float8),
    (2, 'electricity', 1e308), (3, 'electricity', -1e308), (4, 'electricity', -1e308)) v(i, c, a)$$, '22003', NULL,
  'a sum that overflows on the way is refused, even when later rows would bring it back to 0');
-- 1e308 kgce of 其他能源 (already standard coal) and 1.4e308 kg of raw coal
-- (× 0.7143 = 1.00002e308 kgce): each total is finite, their sum is not.
CREATE TEMP TABLE big AS SELECT energy.ledger(c, a, u) AS l
  FROM (VALUES ('other'::energy.carrier, 1e308::float8, 'kgce'), ('raw_coal', 1.4e308, 'kg')) v(c, a, u);
SELECT is(energy.kgce(l, 'other'), 1e308::float8, 'each carrier''s total is finite: 1e308 kgce') FROM big;
SELECT is(energy.kgce(l, 'raw_coal'), 1.4e308 * 0.7143::float8, '... and 1.00002e308 kgce') FROM big;
SELECT throws_ok($$SELECT energy.kgce(l) FROM big$$, '22003',
  'the kgce of this energy.ledger is out of range for double precision (beyond ±1.8e308)', 'their sum: 22003');
SELECT throws_ok($$SELECT energy.tce(l) FROM big$$, '22003', NULL, 'tce of that ledger: 22003');
SELECT throws_ok($$SELECT energy.kgce_of(l, ARRAY['other', 'raw_coal']::energy.carrier[]) FROM big$$,
  '22003', NULL, 'kgce_of both carriers: 22003');
SELECT throws_ok($$SELECT energy.rollup(l) FROM (SELECT l FROM big UNION ALL SELECT l FROM big) x$$, '22003',
  NULL, 'rollup of two such ledgers: 22003');
SELECT throws_ok($$SELECT ('{"version":1,"rows":1,"null_rows":0,"undated":true,"kgce_missing_rows":0,'
    '"co2_missing_rows":0,"kgce_missing":[],"co2_missing":[],"co2":{"scope1":[0,0],"scope2_location":[0,0],'
    '"scope2_market":[0,0],"unscoped":[0,0]},"carriers":{"electricity":{"rows":1,"amount":[1.7e308,1.7e308],'
    '"kgce":[0,0]}}}')::energy.ledger$$, '22P02', NULL, 'a ledger whose total hi + lo overflows does not read in (a bad state: 22P02)');

-- 3. Counts never wrap: two carriers of 2^62 rows each and rows = 2^63 - 1
--    would need a bigint beyond its range; two ledgers of 2^62 rows add up
--    to 2^63, one more than a bigint holds.
SELECT throws_ok($$SELECT ('{"version":1,"rows":9223372036854775807,"null_rows":0,"undated":true,'
    '"kgce_missing_rows":0,"co2_missing_rows":0,"kgce_missing":[],"co2_missing":[],"co2":{"scope1":[0,0],'
    '"scope2_location":[0,0],"scope2_market":[0,0],"unscoped":[0,0]},"carriers":{'
    '"electricity":{"rows":9223372036854775807,"amount":[1,0],"kgce":[0.1229,0]},'
    '"water":{"rows":9223372036854775807,"amount":[1,0],"kgce":[0,0]}}}')::energy.ledger$$, '22P02',
  'invalid energy.ledger: its carriers'' rows add up beyond a bigint', 'carriers'' rows beyond a bigint: refused');
CREATE TEMP TABLE many AS SELECT ('{"version":1,"rows":4611686018427387904,"null_rows":0,"undated":true,'
    '"kgce_missing_rows":0,"co2_missing_rows":0,"kgce_missing":[],"co2_missing":[],"co2":{"scope1":[0,0],'
    '"scope2_location":[0,0],"scope2_market":[0,0],"unscoped":[0,0]},"carriers":{'
    '"water":{"rows":4611686018427387904,"amount":[1,0],"kgce":[0,0]}}}')::energy.ledger AS l;
SELECT is(energy.rows(l), 4611686018427387904::bigint, 'a ledger of 2^62 rows reads in') FROM many;
SELECT throws_ok($$SELECT energy.rollup(l) FROM (SELECT l FROM many UNION ALL SELECT l FROM many) x$$, '22003',
  'energy.ledger row count out of range: 4611686018427387904 + 4611686018427387904', 'two of them: 22003, no wrap');

-- 4. Meters.  A register read at -1e308 and then 1e308 rose by 2e308:
--    beyond double precision; the same for a rollup's sum.  Counts of summaries rolled up never wrap.
SELECT throws_ok($$SELECT energy.meter_agg(ts, r) FROM (VALUES ('2024-01-01'::timestamptz, -1e308::float8),
    ('2024-01-02', 1e308)) v(ts, r)$$, '22003',
  'the consumption of this meter is out of range for double precision (beyond ±1.8e308)',
  'a rise of 2e308: 22003, not Infinity');
SELECT throws_ok($$SELECT energy.meter_agg(ts, r, NULL, 1e300) FROM (VALUES ('2024-01-01'::timestamptz, 0::float8),
    ('2024-01-02', 1e10)) v(ts, r)$$, '22003', NULL, 'a rise of 1e10 × multiplier 1e300: 22003');
SELECT is(energy.consumption(energy.meter_agg(ts, r, NULL, 1e290)), 1e300::float8,
  'a rise of 1e10 × multiplier 1e290 = 1e300: large but finite')
  FROM (VALUES ('2024-01-01'::timestamptz, 0::float8), ('2024-01-02', 1e10)) v(ts, r);
CREATE TEMP TABLE halves AS SELECT m, energy.meter_agg(ts, r) AS s
  FROM (VALUES (1, '2024-01-01'::timestamptz, 0::float8), (1, '2024-01-02', 1e308),
               (2, '2024-01-03', 0), (2, '2024-01-04', 1e308)) v(m, ts, r) GROUP BY m;
SELECT is(energy.consumption(s), 1e308::float8, 'each of two periods: 1e308 (the drop between them is a reset)')
  FROM halves WHERE m = 2;
SELECT throws_ok($$SELECT energy.rollup(s ORDER BY m) FROM halves$$, '22003', NULL,
  'the rollup of the two periods, 2e308: 22003');
SELECT throws_ok($$SELECT ('{"version":1,"first_time":"","last_time":"","first_us":0,"last_us":0,'
    '"first_reading":1,"last_reading":1,"modulus":0,"multiplier":1,"consumption":1.5e308,"consumption_err":1.5e308,'
    '"reverse_amount":0,"readings":1,"null_readings":0,"duplicates":0,"rollovers":0,"resets":0,"replacements":0,'
    '"reversals":0}')::energy.meter_summary$$, '22P02',
  'invalid energy.meter_summary: a figure that is not finite', 'a summary whose consumption hi + lo overflows');
SELECT throws_ok($$SELECT energy.rollup(s) FROM (VALUES
    ('{"version":1,"first_time":"","last_time":"","first_us":0,"last_us":0,"first_reading":1,"last_reading":1,"modulus":0,"multiplier":1,"consumption":0,"consumption_err":0,"reverse_amount":0,"readings":9223372036854775807,"null_readings":0,"duplicates":0,"rollovers":0,"resets":0,"replacements":0,"reversals":0}'::energy.meter_summary),
    ('{"version":1,"first_time":"","last_time":"","first_us":5,"last_us":6,"first_reading":1,"last_reading":1,"modulus":0,"multiplier":1,"consumption":0,"consumption_err":0,"reverse_amount":0,"readings":2,"null_readings":0,"duplicates":0,"rollovers":0,"resets":0,"replacements":0,"reversals":0}')) v(s)$$,
  '22003', 'meter reading count out of range: 9223372036854775807 + 2', 'readings of a rollup beyond a bigint: 22003');

-- 3. A mistaken input of megabytes is not echoed whole: its first 60 bytes (whole characters), "…" and
--    its length.  '电' is 3 bytes in UTF-8: 20 of them are the 60 bytes shown of 300 000.
SELECT throws_ok($$SELECT energy.kgce('electricity', 1, repeat('x', 1000000))$$, '22023',
  'unknown unit "' || repeat('x', 60) || '…[1000000 bytes]" for carrier electricity', 'a unit of a million bytes: 60 of them shown');
SELECT throws_ok($$SELECT repeat('电', 100000)::energy.carrier$$, '22P02',
  'invalid input syntax for type energy.carrier: "' || repeat('电', 20) || '…[300000 bytes]"', 'a carrier of 300 000 bytes: 20 characters shown');
SELECT throws_ok($$SELECT energy.kgce('electricity', 1, repeat('x', 64))$$, '22023',
  'unknown unit "' || repeat('x', 64) || '" for carrier electricity', 'a unit of 64 bytes is shown whole');

SELECT * FROM finish();
ROLLBACK;
