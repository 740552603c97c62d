\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
-- The demonstration dataset (sql/16_demo.sql): energy.generate_demo at a
-- small scale (12 institutions, 3 with hourly registers), checked against
-- its own record of what it made (demo_expected) and broke (demo_fault):
-- every fault with a rule is found by data_quality and nothing else is;
-- every amount the model computes equals the amount made, to 1e-9, except
-- where a fault changes it; the same seed gives the same rows.
-- energy.progress set and rolled back before the module is loaded (its first
-- C call) leaves the setting's placeholder '': the progress report still reads it
BEGIN; SET LOCAL energy.progress = on; ROLLBACK;
BEGIN;
SELECT * FROM no_plan();
SELECT is(current_setting('energy.progress', true), '', 'before the module is loaded, a rolled-back SET LOCAL leaves energy.progress ''''');
SELECT lives_ok($$SELECT energy.demo_progress('m', 'a step', 0.5, now())$$, '... and the progress report loads the module first, then reads it (off)');
SELECT is(current_setting('energy.progress'), 'off', '... which the module defines');

SELECT results_eq($$SELECT relation, rows FROM energy.generate_demo('demo', 0.06, 7)$$,
  $$VALUES ('institution', 12::bigint), ('profile', 48), ('consumption', 1679), ('meter', 3), ('reading', 105197), ('demo_fault', 8)$$,
  '12 institutions over 2020–2023: profiles, monthly bills, three hourly registers, eight faults');
-- the bills, by hand (i = 0 .. 11, 48 months): electricity of the 9 without a register (i mod 4 <> 0) 432, water
-- 12 × 48 − 1 (the missing one) 575, heating gas of Liaoning (even i) but the two on district heat (i mod 6 = 2)
-- 192, district heat 96, gasoline of i mod 3 = 0 (0, 3, 6, 9) 192, PV of i mod 7 = 3 (3, 10) 96, the data-centre
-- room of i = 5 (total and IT) 96: 1 679
SELECT results_eq($$SELECT carrier::text, end_use, count(*)::integer FROM demo.consumption GROUP BY 1, 2 ORDER BY 1, 2$$,
  $$VALUES ('electricity', 'building', 432), ('electricity', 'datacentre_it', 48), ('electricity', 'datacentre_total', 48),
           ('gasoline', 'vehicle', 192), ('heat', 'heating', 96), ('natural_gas', 'heating', 192), ('pv', 'pv_generation', 96),
           ('water', 'building', 575)$$,
  'bills per carrier and end use, by hand');
SELECT is_empty($$SELECT institution_id, energy.credit_code_problem(institution_id) FROM demo.institution
                   WHERE energy.credit_code_problem(institution_id) IS NOT NULL$$,
  'every institution has a valid unified social credit code');
SELECT is((SELECT count(DISTINCT category)::integer FROM demo.institution), 8, 'eight categories ...');
SELECT is((SELECT string_agg(DISTINCT left(region_code, 2), ',') FROM demo.institution), '21,45', '... in Liaoning and Guangxi');
SELECT is_empty($$SELECT i.region_code FROM demo.institution i LEFT JOIN energy.admin_division d ON d.code = i.region_code
                   WHERE d.level IS DISTINCT FROM 'county'$$, 'in real county codes');

-- every fault that has a rule is found, and nothing else is
SELECT set_eq($$SELECT rule, institution_id FROM demo.demo_fault WHERE rule IS NOT NULL$$,
              $$SELECT rule, institution_id FROM demo.data_quality$$,
  'data_quality finds exactly the injected faults: an overlapping, a missing and a 1 000-times bill, a repeated reading, a reset, a missing area');
SELECT is((SELECT string_agg(fault, ',' ORDER BY fault) FROM demo.demo_fault WHERE rule IS NULL), 'replacement,rollover',
  'the faults no rule flags: a rollover and a replacement, both counted right');
SELECT ok((SELECT substring(detail FROM ' is ([0-9]+) times')::integer BETWEEN 25000 AND 30000
              AND detail LIKE 'natural_gas record of 2023-01-01 (% m³) is % times the median per day of its 48 records (end use heating, account G): a unit error?'
             FROM demo.data_quality WHERE rule = 'bill_outlier'),
  'the gas bill 1 000 times too large: about 30 000 times the median per day (a summer month''s 0.01 of the year against January''s 0.3, × 1 000, less 31 days against 30 and the trend)');

-- the figures: every amount as made, except where a fault changes it
-- (electricity used is the grid's and the roof's: institution_year's electricity_kwh holds PV too)
CREATE TEMP TABLE off AS
SELECT e.institution_id, e.year, e.carrier, e.amount AS expected,
       CASE e.carrier WHEN 'electricity' THEN y.electricity_kwh - coalesce(y.pv_kwh, 0) WHEN 'water' THEN y.water_m3 END AS got
  FROM demo.demo_expected e JOIN demo.institution_year y USING (institution_id, year)
 WHERE e.carrier IN ('electricity', 'water') AND e.end_use = 'building'
   AND abs(CASE e.carrier WHEN 'electricity' THEN y.electricity_kwh - coalesce(y.pv_kwh, 0) WHEN 'water' THEN y.water_m3 END - e.amount)
       > 1e-9 * e.amount;
SELECT set_eq($$SELECT institution_id, year, carrier::text FROM off$$,
  $$SELECT institution_id, year, CASE fault WHEN 'reset' THEN 'electricity' ELSE 'water' END FROM demo.demo_fault
     WHERE fault IN ('reset', 'bill_missing')$$,
  'every electricity and water total equals the amount made, to 1e-9, but the year of the reset and of the missing bill');
SELECT is((SELECT round((expected - got)::numeric, 6) FROM off WHERE carrier = 'electricity'),
          (SELECT substring(detail FROM 'lost \(([0-9.]+) kWh\)')::numeric FROM demo.demo_fault WHERE fault = 'reset'),
  'the reset loses exactly the hour it hides');
SELECT is((SELECT round((expected - got)::numeric, 6) FROM off WHERE carrier = 'water'),
          (SELECT round(amount::numeric / 12, 6) FROM demo.demo_expected e JOIN demo.demo_fault f USING (institution_id, year)
            WHERE f.fault = 'bill_missing' AND e.carrier = 'water' AND e.end_use = 'building'),
  'the missing bill loses one month of water');
SELECT is((SELECT round(c.amount / (e.amount * 0.3 / 1.07)::numeric, 6)
             FROM demo.demo_fault f JOIN demo.demo_expected e ON e.institution_id = f.institution_id AND e.year = 2023 AND e.carrier = 'natural_gas'
             JOIN demo.consumption c ON c.institution_id = f.institution_id AND c.carrier = 'natural_gas' AND c.period = '[2023-01-01,2023-02-01)'
            WHERE f.fault = 'unit_x1000'), 1000.000000,
  'the gas bill of January 2023 is 1 000 times its share (0.3 / 1.07) of the year');

-- standard coal of the heating gas (1.2143 kgce/m³) and CO2 of Guangxi's
-- electricity at the nearest year's grid factor (Guangxi 0.5154 for 2021,
-- taken for 2020 too; 0.4044 for 2022, taken for 2023 too)
SELECT is_empty($$SELECT e.institution_id, e.year FROM demo.demo_expected e JOIN demo.institution_year y USING (institution_id, year)
                   WHERE e.carrier = 'natural_gas'
                     AND NOT EXISTS (SELECT 1 FROM demo.demo_fault f WHERE f.fault = 'unit_x1000' AND f.institution_id = e.institution_id AND f.year = e.year)
                     AND abs(y.gas_kgce - e.amount * 1.2143) > 1e-9 * y.gas_kgce$$,
  'the heating gas in standard coal, as made (the year of the 1 000-times bill apart)');
-- Guangxi's CO2 of the electricity from the grid (PV emits none; gasoline has its own factor: the
-- institutions with official cars are left out here)
SELECT is_empty($$SELECT e.institution_id, e.year FROM demo.demo_expected e JOIN demo.institution_year y USING (institution_id, year)
                   WHERE e.carrier = 'electricity' AND e.end_use = 'building' AND y.region_code LIKE '45%'
                     AND NOT EXISTS (SELECT 1 FROM demo.demo_expected g WHERE g.institution_id = e.institution_id AND g.carrier = 'gasoline')
                     AND abs(y.kgco2 - e.amount * CASE WHEN e.year <= 2021 THEN 0.5154 ELSE 0.4044 END) > 1e-9 * y.kgco2$$,
  'Guangxi''s CO2: the electricity made × the nearest year''s grid factor');

-- district heat at 34.12 kgce/GJ (GB/T 2589: 0.03412 tce/GJ); gasoline at 0.725 kg/L (the shipped density)
-- × 1.4714 kgce/kg; PV as made; a data-centre room's PUE = total / IT as made; cars: one added in 2021
-- and 2023, the second new-energy, so the NEV share is 0 in 2021 and 1 in 2023
SELECT is_empty($$SELECT e.institution_id, e.year FROM demo.demo_expected e JOIN demo.institution_year y USING (institution_id, year)
                   WHERE e.carrier = 'heat' AND abs(y.heat_kgce - e.amount * 34.12) > 1e-9 * y.heat_kgce$$,
  'district heat in standard coal: GJ made × 34.12');
SELECT is((SELECT count(*)::integer FROM demo.demo_expected WHERE carrier = 'heat'), 8, 'two institutions on district heat, four years');
SELECT is_empty($$SELECT e.institution_id, e.year FROM demo.demo_expected e JOIN demo.institution_year y USING (institution_id, year)
                   WHERE e.carrier = 'gasoline' AND abs(y.oil_kgce - e.amount * 0.725 * 1.4714) > 1e-9 * y.oil_kgce$$,
  'gasoline in standard coal: litres made × 0.725 × 1.4714');
SELECT is_empty($$SELECT e.institution_id, e.year FROM demo.demo_expected e JOIN demo.institution_year y USING (institution_id, year)
                   WHERE e.carrier = 'pv' AND abs(y.pv_kwh - e.amount) > 1e-9 * e.amount$$,
  'PV generation as made');
SELECT is_empty($$SELECT t.institution_id, t.year FROM demo.demo_expected t
                   JOIN demo.demo_expected it ON it.institution_id = t.institution_id AND it.year = t.year AND it.end_use = 'datacentre_it'
                   JOIN demo.institution_year y ON y.institution_id = t.institution_id AND y.year = t.year
                   WHERE t.end_use = 'datacentre_total' AND abs(y.pue - t.amount / it.amount) > 1e-12$$,
  'the data-centre room''s PUE as made');
SELECT ok((SELECT bool_and(pue BETWEEN 1.5 AND 1.8) AND count(*) = 4 FROM demo.institution_year WHERE pue IS NOT NULL),
  'one room, PUE between 1.5 and 1.8, four years');
SELECT results_eq($$SELECT year, nev_share FROM demo.region_year WHERE level = 'all' AND year IN (2021, 2023) ORDER BY year$$,
  $$VALUES (2021, 0::double precision), (2023, 1)$$, 'new-energy vehicles among those added: none in 2021, all in 2023');

-- seasons and trends
SELECT ok((SELECT bool_and(jul > 1.3 * jan) FROM (
             SELECT sum(amount) FILTER (WHERE lower(period) = '2022-07-01') AS jul, sum(amount) FILTER (WHERE lower(period) = '2022-01-01') AS jan
               FROM demo.consumption c JOIN demo.institution i USING (institution_id)
              WHERE c.carrier = 'electricity' AND i.region_code LIKE '45%' GROUP BY c.institution_id) x),
  'Guangxi cools in summer: July electricity above January by 35 %');
SELECT ok((SELECT bool_and(jan > 20 * jul) FROM (
             SELECT sum(amount) FILTER (WHERE lower(period) = '2022-07-01') AS jul, sum(amount) FILTER (WHERE lower(period) = '2022-01-01') AS jan
               FROM demo.consumption c WHERE c.carrier = 'natural_gas' GROUP BY c.institution_id) x),
  'Liaoning heats in winter: January gas 30 times July''s');
SELECT ok((SELECT bool_and(b.amount / a.amount BETWEEN 0.96 AND 1.01) FROM demo.demo_expected a
             JOIN demo.demo_expected b ON b.institution_id = a.institution_id AND b.carrier = a.carrier AND b.end_use = a.end_use AND b.year = a.year + 1
            WHERE a.carrier = 'electricity' AND a.end_use = 'building'), 'each institution''s electricity changes by −4 % to +1 % a year');

-- the same seed, the same rows; another seed, others
CREATE TEMP TABLE g2 AS SELECT * FROM energy.generate_demo('demo2', 0.06, 7);
SELECT is((SELECT md5(string_agg(institution_id || name || region_code, '|' ORDER BY institution_id)) FROM demo2.institution),
          (SELECT md5(string_agg(institution_id || name || region_code, '|' ORDER BY institution_id)) FROM demo.institution),
  'the same seed gives the same institutions ...');
SELECT is((SELECT md5(string_agg(meter_id || ts || reading, '|' ORDER BY meter_id, ts, reading)) FROM demo2.reading),
          (SELECT md5(string_agg(meter_id || ts || reading, '|' ORDER BY meter_id, ts, reading)) FROM demo.reading),
  '... and the same readings');
CREATE TEMP TABLE g3 AS SELECT * FROM energy.generate_demo('demo3', 0.06, 8);
SELECT isnt((SELECT md5(string_agg(institution_id, '|' ORDER BY institution_id)) FROM demo3.institution),
            (SELECT md5(string_agg(institution_id, '|' ORDER BY institution_id)) FROM demo.institution),
  'another seed, other institutions');

-- bad calls
SELECT throws_ok($$SELECT energy.generate_demo('demo', 0.06)$$, '55000', 'model "demo" already holds 12 institution(s)',
  'a model that holds data is not filled again');
SELECT throws_ok($$SELECT energy.generate_demo('demo4', 0)$$, '22023', 'scale 0 is out of range', 'a scale of zero');
SELECT lives_ok($$SELECT energy.drop_model('demo')$$, 'drop_model removes a demo model, its truth tables too');

SELECT * FROM finish();
ROLLBACK;
