-- Freezing a reported year: newer factors never change its figures until it
-- is re-opened; unfrozen years take the newer factors.  A transaction has
-- one now(), so "later" loads are given an explicit later loaded_at.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- A user row loaded before the freeze (yesterday), to test append-only rows.
INSERT INTO energy.factor_set (name, parent, description) VALUES ('campus', 'gb2589', 'measured values');
INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade, loaded_at)
  VALUES ('campus', 'natural_gas', 1.1, 'm³', 'certificate', 'measured', now() - interval '1 day');

SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000'), 562.6::float8, 'before: Liaoning 2022 = 562.6');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2021-06-30', '210000'), 587.6::float8, 'before: Liaoning 2021 = 587.6');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2022-06-30', 'campus'), 110::float8, 'before: campus gas 2022 = 110');

SELECT ok(energy.freeze_year(2022, 'published in the 2022 annual report') = now(), 'freeze 2022 returns the freeze time');
SELECT is((SELECT count(*)::int FROM energy.frozen_year WHERE data_year = 2022), 1, '2022 is listed as frozen');

-- Newly published revisions, loaded after the freeze.
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade, loaded_at) VALUES
  ('mee_nbs', 'average', '210000', 2022, 0.6, 'revised publication (test)', 'B', now() + interval '1 day'),
  ('mee_nbs', 'average', '210000', 2021, 0.6, 'revised publication (test)', 'B', now() + interval '1 day');
INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade, loaded_at)
  VALUES ('campus', 'natural_gas', 1.2, 'm³', 'new certificate', 'measured', now() + interval '1 day');

SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000'), 562.6::float8, 'frozen 2022: unchanged');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2021-06-30', '210000'), 600::float8, 'unfrozen 2021: takes the revision');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2022-06-30', 'campus'), 110::float8, 'frozen 2022: standard coal unchanged too');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2023-06-30', 'campus'), 120::float8, 'unfrozen 2023: the revised coefficient');
SELECT results_eq(
  $$SELECT frozen_at IS NOT NULL, kgco2_per_unit, source
      FROM energy.explain_kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000')$$,
  $$VALUES (true, 0.5626, 'MEE/NBS: 2022 electricity CO2 emission factors, provinces')$$,
  'explain shows the freeze and the factor it kept');

-- Rows loaded before the freeze are append-only while it stands.
SELECT throws_ok($$UPDATE energy.coal_factor SET kgce_per_unit = 1.3 WHERE factor_set = 'campus' AND kgce_per_unit = 1.1$$,
  '55000', 'cannot change or delete a row of energy.coal_factor loaded before data year 2022 was frozen',
  'a row loaded before the freeze cannot change');
SELECT throws_ok($$DELETE FROM energy.coal_factor WHERE factor_set = 'campus' AND kgce_per_unit = 1.1$$,
  '55000', NULL, '... nor be deleted');
SELECT lives_ok($$UPDATE energy.coal_factor SET source = 'new certificate, scanned' WHERE factor_set = 'campus' AND kgce_per_unit = 1.2$$,
  'rows loaded after the freeze can be edited');
-- (a review, 2026-12-02) but not dated back into the frozen figures: the revision of 2022's grid factor given a
-- loaded_at before the freeze would have made 2022 take 0.6 (600 kgCO2 instead of 562.6)
SELECT throws_like($$UPDATE energy.grid_factor SET loaded_at = '2000-01-01' WHERE source = 'revised publication (test)' AND data_year = 2022$$,
  'cannot date a row of energy.grid_factor back to before data year 2022 was frozen%', 'a row cannot be dated back before the freeze');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000'), 562.6::float8, 'frozen 2022 still unchanged');
-- (a review, 2026-12-02) a row written after the freeze by a transaction that began before it (here: the same
-- transaction, whose now() is the freeze time) is dated when written, so it is not in the frozen figures: a
-- revision of 0.7 for 2022 leaves frozen 2022 at 562.6 (it made it 700: loaded_at = now() = frozen_at)
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade) VALUES
  ('mee_nbs', 'average', '210000', 2022, 0.7, 'late revision (test)', 'B'), ('mee_nbs', 'average', '210000', 2021, 0.7, 'late revision (test)', 'B');
SELECT ok((SELECT bool_and(loaded_at > now()) FROM energy.grid_factor WHERE source = 'late revision (test)'), 'a row written after the freeze is dated when written');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000'), 562.6::float8, '... frozen 2022 unchanged');
DELETE FROM energy.grid_factor WHERE source = 'late revision (test)';
-- (a review) nor does a factor set's parent change while a year is frozen: campus would take ndrc2015's gasoline
SELECT throws_ok($$UPDATE energy.factor_set SET parent = 'ndrc2015' WHERE name = 'campus'$$,
  '55000', 'cannot change the parent of factor set campus while data year 2022 is frozen', 'a parent does not change under a frozen year');
SELECT lives_ok($$UPDATE energy.factor_set SET description = 'measured values (certificates)' WHERE name = 'campus'$$, '... its description may');
SELECT throws_ok($$SELECT energy.freeze_year(2022)$$, '55000', 'data year 2022 is already frozen', 'freezing twice is an error');
SELECT throws_ok($$SELECT energy.reopen_year(2019)$$, '55000', 'data year 2019 is not frozen', 're-opening an open year is an error');
SELECT throws_ok($$SELECT energy.freeze_year(NULL)$$, '22004', NULL, 'NULL year');

-- Re-opened, 2022 takes the revisions.
SELECT lives_ok($$SELECT energy.reopen_year(2022)$$, 're-open 2022');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000'), 600::float8, 're-opened 2022: the revision applies');
SELECT is(energy.kgce('natural_gas', 100, 'm³', '2022-06-30', 'campus'), 120::float8, 're-opened 2022: standard coal too');
SELECT lives_ok($$DELETE FROM energy.coal_factor WHERE factor_set = 'campus' AND kgce_per_unit = 1.1$$,
  'with no freeze, old rows can go');

SELECT * FROM finish();
ROLLBACK;
