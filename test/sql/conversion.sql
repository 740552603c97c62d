-- energy.kgce / energy.tce / energy.explain_kgce: every carrier, hand-computed
-- from the GB/T 2589 coefficients (factors.md §1); defaults, NULLs, errors.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- amount × unit size [× density] × coefficient, worked by hand:
SELECT results_eq(
  $$SELECT c, a, u, energy.kgce(c::energy.carrier, a, u) FROM (VALUES
    ('electricity', 12500::float8, 'kWh'),   -- 12 500 × 0.1229 (factors.md worked example)
    ('电力', 1, '万kWh'),                    -- 10 000 × 0.1229
    ('electricity', 2, 'MWh'),               -- 2 000 × 0.1229
    ('raw_coal', 1, 't'),                    -- 1 000 × 0.7143
    ('煤炭', 3.5, '吨'),                     -- 3 500 × 0.7143
    ('washed_coal', 2, 't'),                 -- 2 000 × 0.9000
    ('middlings', 1000, 'kg'),               -- 1 000 × 0.2857
    ('briquette', 10, 'kg'),                 -- 10 × 0.6000
    ('coke', 1, 't'),                        -- 1 000 × 0.9714
    ('crude_oil', 1, 't'),                   -- 1 000 × 1.4286
    ('fuel_oil', 500, 'kg'),                 -- 500 × 1.4286
    ('gasoline', 1, 't'),                    -- 1 000 × 1.4714
    ('gasoline', 200, 'L'),                  -- 200 × 0.725 × 1.4714 = 145 × 1.4714
    ('kerosene', 100, 'kg'),                 -- 100 × 1.4714
    ('diesel', 1, 't'),                      -- 1 000 × 1.4571
    ('柴油', 100, '升'),                     -- 100 × 0.83 × 1.4571 = 83 × 1.4571
    ('diesel', 1, 'kL'),                     -- 830 × 1.4571
    ('lpg', 15, 'kg'),                       -- 15 × 1.7143
    ('refinery_gas', 1, 't'),                -- 1 000 × 1.5714
    ('natural_gas', 1, '万m³'),              -- 10 000 × 1.2143
    ('天然气', 250, 'm³'),                   -- 250 × 1.2143
    ('oilfield_gas', 100, 'm³'),             -- 100 × 1.3300
    ('coke_oven_gas', 1000, 'm³'),           -- 1 000 × 0.5714
    ('blast_furnace_gas', 1000, 'm³'),       -- 1 000 × 0.1286
    ('heat', 1, 'GJ'),                       -- 1 000 × 0.03412
    ('热力', 100, '百万千焦'),               -- 100 000 × 0.03412
    ('heat', 1, 'Gcal'),                     -- 4 186.8 × 0.03412
    ('heat', 1000, 'kWh'),                   -- 3 600 × 0.03412
    ('steam', 10, 't'),                      -- 10 000 × 0.1286
    ('pv', 1000, 'kWh'),                     -- 1 000 × 0.1229
    ('other', 2.5, 'tce'),                   -- 2 500 × 1
    ('其他能源', 1, '万tce')                 -- 10 000 000 × 1
    ) v(c, a, u)$$,
  $$VALUES
    ('electricity', 12500::float8, 'kWh', 1536.25::float8), ('电力', 1, '万kWh', 1229),
    ('electricity', 2, 'MWh', 245.8), ('raw_coal', 1, 't', 714.3), ('煤炭', 3.5, '吨', 2500.05),
    ('washed_coal', 2, 't', 1800), ('middlings', 1000, 'kg', 285.7), ('briquette', 10, 'kg', 6),
    ('coke', 1, 't', 971.4), ('crude_oil', 1, 't', 1428.6), ('fuel_oil', 500, 'kg', 714.3),
    ('gasoline', 1, 't', 1471.4), ('gasoline', 200, 'L', 213.353), ('kerosene', 100, 'kg', 147.14),
    ('diesel', 1, 't', 1457.1), ('柴油', 100, '升', 120.9393), ('diesel', 1, 'kL', 1209.393),
    ('lpg', 15, 'kg', 25.7145), ('refinery_gas', 1, 't', 1571.4), ('natural_gas', 1, '万m³', 12143),
    ('天然气', 250, 'm³', 303.575), ('oilfield_gas', 100, 'm³', 133), ('coke_oven_gas', 1000, 'm³', 571.4),
    ('blast_furnace_gas', 1000, 'm³', 128.6), ('heat', 1, 'GJ', 34.12), ('热力', 100, '百万千焦', 3412),
    ('heat', 1, 'Gcal', 142.853616), ('heat', 1000, 'kWh', 122.832), ('steam', 10, 't', 1286),
    ('pv', 1000, 'kWh', 122.9), ('other', 2.5, 'tce', 2500), ('其他能源', 1, '万tce', 10000000)$$,
  'kgce of every carrier, exact to the published digits');

SELECT is(energy.tce('electricity', 12500, 'kWh'), 1.53625::float8, 'tce = kgce / 1000');
SELECT is(energy.tce('diesel', 5), 0.0072855::float8, 'tce is rounded once: 5 × 1.4571 / 1000');
SELECT is(energy.kgce('electricity', 12500), 1536.25::float8, 'unit defaults to the base unit (kWh)');
SELECT is(energy.kgce('diesel', 1000), 1457.1::float8, 'diesel base unit is kg');
SELECT is(energy.kgce('electricity', -100, 'kWh'), -12.29::float8, 'a negative amount (a credit) converts linearly');
SELECT is(energy.kgce('electricity', 0), 0::float8, 'zero is zero');

-- NULLs: an unknown amount or carrier stays unknown; NULL options take their defaults.
SELECT is(energy.kgce(NULL, 100, 'kWh'), NULL, 'NULL carrier gives NULL');
SELECT is(energy.kgce('electricity', NULL, 'kWh'), NULL, 'NULL amount gives NULL');
SELECT is(energy.kgce('electricity', 100, NULL, NULL, NULL, NULL), 12.29::float8,
  'NULL unit, date, set and basis take the defaults');
SELECT is(energy.tce(NULL, NULL), NULL, 'tce: NULL in, NULL out');

-- Errors, each with its SQLSTATE.
SELECT throws_ok($$SELECT energy.kgce('water', 10, 'm³')$$, '22023',
  'water (水) is not an energy carrier and has no standard-coal equivalent', 'water has no kgce');
SELECT throws_ok($$SELECT energy.kgce('diesel', 10, 'kWh')$$, '22023',
  'unit "kWh" does not fit carrier diesel', 'kWh for diesel');
SELECT throws_ok($$SELECT energy.kgce('steam', 10, 'GJ')$$, '22023',
  'unit "GJ" does not fit carrier steam', 'steam is by mass; heat content is recorded as heat');
SELECT throws_ok($$SELECT energy.kgce('heat', 10, 'calories')$$, '22023',
  'unknown unit "calories" for carrier heat', 'unknown unit');
SELECT throws_ok($$SELECT energy.kgce('diesel', 'NaN', 'kg')$$, '22023',
  'amount must be a finite number, not NaN', 'NaN');
SELECT throws_ok($$SELECT energy.kgce('diesel', '-Infinity', 'kg')$$, '22023',
  'amount must be a finite number, not -Infinity', '-Infinity');
SELECT throws_ok($$SELECT energy.kgce('manufactured_gas', 100, 'm³', '2024-03-01')$$, '42704',
  'no standard-coal coefficient for manufactured_gas in factor set "gb2589" on 2024-03-01',
  'manufactured gas needs a user coefficient');
SELECT throws_ok($$SELECT energy.kgce('lpg', 100, 'L', '2024-03-01')$$, '42704',
  'no density for lpg in factor set "gb2589" on 2024-03-01', 'LPG by volume needs a density');
SELECT throws_ok($$SELECT energy.kgce('diesel', 1, 'kg', factor_set => 'nope')$$, '42704',
  'factor set "nope" does not exist', 'unknown factor set');
SELECT throws_ok($$SELECT energy.kgce('diesel', 1, 'kg', basis => 'heat rate')$$, '22023',
  'unknown conversion basis "heat rate"', 'unknown basis');
SELECT throws_ok($$SELECT energy.kgce('diesel', 1, 'kg', 'infinity'::date)$$, '22023',
  'on_date must be a finite date, not infinity', 'infinite date');
SELECT throws_ok($$SELECT energy.kgce('electricity', 1000, 'kWh', '2023-06-30', basis => 'primary')$$, '42704',
  'no primary-basis (等价值) coefficient for electricity in factor set "gb2589" on 2023-06-30',
  'primary basis needs a user-supplied power-supply coal rate');

-- A user set: measured gas for 2024, a 2023 power-supply coal rate, an LPG density.
INSERT INTO energy.factor_set (name, parent, description) VALUES ('campus', 'gb2589', 'our measured values');
INSERT INTO energy.coal_factor (factor_set, carrier, basis, valid_from, valid_to, kgce_per_unit, per_unit, source, grade) VALUES
  ('campus', 'natural_gas', 'calorific', '2024-01-01', '2025-01-01', 1.1, 'm³', 'supplier certificate', 'measured'),
  ('campus', 'electricity', 'primary', '2023-01-01', '2024-01-01', 0.3, 'kWh', 'our assumption', 'user'),
  ('campus', 'manufactured_gas', 'calorific', '-infinity', 'infinity', 5.5, '万m³', 'supplier certificate', 'measured');
INSERT INTO energy.density (factor_set, carrier, kg_per_l, source, grade) VALUES
  ('campus', 'lpg', 0.55, 'supplier certificate', 'measured');

SELECT is(energy.kgce('natural_gas', 100, 'm³', '2024-05-01', 'campus'), 110::float8,
  'the set''s own row: 100 × 1.1');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2023-05-01', 'campus'), 121.43::float8,
  'outside its period the parent answers: 100 × 1.2143');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2025-01-01', 'campus'), 121.43::float8,
  'valid_to is exclusive');
SELECT is(energy.kgce('diesel', 1, 't', '2024-05-01', 'campus'), 1457.1::float8,
  'carriers the set lacks come from the parent');
SELECT is(energy.kgce('manufactured_gas', 2, '万m³', '2024-05-01', 'campus'), 11::float8,
  'a coefficient given per 万m³: 2 × 5.5');
SELECT is(energy.kgce('manufactured_gas', 1000, 'm³', '2024-05-01', 'campus'), 0.55::float8,
  '... and used per m³: 1 000 × 5.5 / 10 000');
SELECT is(energy.kgce('lpg', 100, 'L', '2024-05-01', 'campus'), 94.2865::float8,
  'LPG by volume with the set''s density: 100 × 0.55 × 1.7143');
SELECT is(energy.kgce('electricity', 1000, 'kWh', '2023-06-30', 'campus', 'primary'), 300::float8,
  'primary basis: 1 000 × 0.3');
SELECT is(energy.kgce('electricity', 1000, 'kWh', '2023-06-30', 'campus', '等价值'), 300::float8,
  'the basis can be named in Chinese');
SELECT is(energy.kgce('electricity', 1000, 'kWh', '2023-06-30', 'campus', '当量值'), 122.9::float8,
  '当量值 is the calorific basis');
SELECT throws_ok($$SELECT energy.kgce('electricity', 1000, 'kWh', '2024-06-30', 'campus', 'primary')$$, '42704',
  'no primary-basis (等价值) coefficient for electricity in factor set "campus" on 2024-06-30',
  'no silent reuse of another year''s coal rate');
SELECT is(energy.kgce('diesel', 1000, 'kg', '2023-06-30', 'campus', 'primary'), 1457.1::float8,
  'for fuels the primary basis is the calorific one');
-- PV generated on site: at electricity's power-supply coal rate on the primary basis (it refused, while a
-- model's kgce_primary counted it so), at 0.1229 on the calorific one
SELECT is(energy.kgce('pv', 1000, 'kWh', '2023-06-30', 'campus', 'primary'), 300::float8,
  'PV on the primary basis: electricity''s rate, 1 000 × 0.3');
SELECT is(energy.kgce('pv', 1000, 'kWh', '2023-06-30', 'campus'), 122.9::float8, '... and 0.1229 on the calorific basis');
SELECT throws_ok($$SELECT energy.kgce('pv', 1000, 'kWh', '2023-06-30', basis => 'primary')$$, '42704',
  'no primary-basis (等价值) coefficient for pv in factor set "gb2589" on 2023-06-30', '... and no rate, no figure');

-- The session's set: SET energy.factor_set.
SET LOCAL energy.factor_set = 'campus';
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2024-05-01'), 110::float8, 'SET energy.factor_set chooses the set');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2024-05-01', 'gb2589'), 121.43::float8, 'a call''s factor_set wins');
RESET energy.factor_set;
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2024-05-01'), 121.43::float8, 'default set is gb2589');
SELECT throws_ok($$SET energy.no_such_setting = 1$$, '42602', NULL, 'the energy.* prefix is reserved');

-- explain_kgce shows its work.
SELECT results_eq(
  $$SELECT kgce, base_amount, base_unit, unit_used, basis_used, factor_set_used, kgce_per_unit, per_unit,
           source, grade, density_kg_per_l
      FROM energy.explain_kgce('柴油', 100, '升', '2024-05-01', 'campus')$$,
  $$VALUES (120.9393::float8, 83::float8, 'kg', 'L', 'calorific', 'gb2589', 1.4571::numeric, 'kg',
            'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', 0.83::numeric)$$,
  'explain_kgce: diesel by volume, density and coefficient from gb2589');
SELECT results_eq(
  $$SELECT kgce, factor_set_used, valid_from, valid_to, grade, density_kg_per_l IS NULL
      FROM energy.explain_kgce('natural_gas', 100, 'm³', '2024-05-01', 'campus')$$,
  $$VALUES (110::float8, 'campus', '2024-01-01'::date, '2025-01-01'::date, 'measured', true)$$,
  'explain_kgce: the user row that was used');

-- Same answers serially and in parallel workers.
-- (a plain table: temp tables are never scanned by parallel workers)
CREATE TABLE bills AS
  SELECT (ARRAY['electricity','diesel','natural_gas','heat','raw_coal'])[1 + i % 5]::energy.carrier AS carrier,
         (i % 1000)::float8 AS amount,
         (ARRAY['kWh','L','万m³','GJ','t'])[1 + i % 5] AS unit
    FROM generate_series(1, 20000) i;
ANALYZE bills;
CREATE TEMP TABLE serial_result AS
  SELECT carrier, sum(energy.kgce(carrier, amount, unit, '2024-01-01')) AS kgce FROM bills GROUP BY carrier;
SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS
  $f$ BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q; END $f$;
SELECT ok((SELECT string_agg(x, E'\n') ~ 'Parallel Seq Scan' FROM pg_temp.plan(
  $$SELECT carrier, sum(energy.kgce(carrier, amount, unit, '2024-01-01')) FROM bills GROUP BY carrier$$) AS x),
  'the conversion runs in a parallel plan');
SELECT is_empty(
  $$SELECT carrier FROM (SELECT carrier, sum(energy.kgce(carrier, amount, unit, '2024-01-01')) AS kgce
      FROM bills GROUP BY carrier) p JOIN serial_result s USING (carrier)
     WHERE abs(p.kgce - s.kgce) > 1e-9 * abs(s.kgce)$$,
  'parallel and serial sums agree');
-- Hand check of one group: diesel rows are i % 5 = 1, amounts i % 1000 in litres.
SELECT is((SELECT round(kgce::numeric, 4) FROM serial_result WHERE carrier = 'diesel'),
  (SELECT round(sum((i % 1000) * 0.83 * 1.4571), 4) FROM generate_series(1, 20000) i WHERE i % 5 = 1),
  'diesel group equals the exact numeric computation');

SELECT * FROM finish();
ROLLBACK;
