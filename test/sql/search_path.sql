-- A hostile search_path must not change what the extension computes:
-- look-alike tables, functions and operators placed ahead of pg_catalog.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

CREATE SCHEMA evil;
CREATE TABLE evil.factor_set (name text, parent text);
CREATE TABLE evil.coal_factor AS SELECT * FROM energy.coal_factor;
UPDATE evil.coal_factor SET kgce_per_unit = 999;
CREATE TABLE evil.density AS SELECT * FROM energy.density;
CREATE TABLE evil.grid_factor AS SELECT * FROM energy.grid_factor;
UPDATE evil.grid_factor SET kgco2_per_kwh = 9;
CREATE TABLE evil.region (code text, short_zh text, name_zh text, grid text);
CREATE TABLE evil.frozen_year (data_year int, frozen_at timestamptz);
CREATE FUNCTION evil.float8(numeric) RETURNS float8 LANGUAGE sql AS 'SELECT 999::float8';
CREATE FUNCTION evil.text(numeric) RETURNS text LANGUAGE sql AS $$SELECT '999'$$;
CREATE FUNCTION evil.lower(text) RETURNS text LANGUAGE sql AS $$SELECT 'evil'$$;
CREATE FUNCTION evil.eq(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, PROCEDURE = evil.eq);
-- Compute under the hostile path (pgTAP itself would be fooled by it, so
-- the results are kept in a temp table and asserted afterwards).
SET LOCAL search_path = evil, pg_catalog, public;
CREATE TEMP TABLE got AS SELECT
  energy.kgce('electricity', 12500, 'kWh') AS kgce,
  energy.kgce('diesel', 100, 'L') AS litres,
  (energy.explain_kgce('heat', 1, 'GJ')).kgce_per_unit AS explained,
  energy.convert_unit('diesel', 1000, 'L', 'kg') AS converted,
  (SELECT count(*)::int FROM energy.carriers) AS carriers,
  energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000') AS grid,
  energy.kgco2('diesel', 1, 't', '2022-06-30') AS fuel;
-- A reporting model made, loaded and read under the hostile path (look-alike
-- tables of the model, a look-alike sum() and = on text ahead of pg_catalog).
CREATE TABLE evil.institution (institution_id text, name text, region_code text, category text);
CREATE TABLE evil.admin_division (code text);
CREATE FUNCTION evil.sum(double precision) RETURNS double precision LANGUAGE sql AS 'SELECT 999::float8';
-- a look-alike div(), which energy.month_parts (inlined into the views and
-- the live ledgers) uses to split a bill by days
CREATE FUNCTION evil.div(numeric, numeric) RETURNS numeric LANGUAGE sql AS 'SELECT 0';
CREATE TEMP TABLE got_parts AS SELECT * FROM energy.month_parts('2022-01-01', '2022-03-01', 590);
SELECT energy.create_model('hostile') \gset
INSERT INTO hostile.institution (institution_id, name, region_code, category) VALUES ('H1', 'h', '450103', '024');
INSERT INTO hostile.profile (institution_id, year, building_area_m2, people) VALUES ('H1', 2022, 1000, 10);
INSERT INTO hostile.consumption (institution_id, period, carrier, amount, unit)
  VALUES ('H1', '[2022-01-01,2023-01-01)', 'electricity', 10000, 'kWh'),
         ('H1', '[2022-01-01,2022-03-01)', 'water', 590, 'm³');
ANALYZE hostile.institution, hostile.profile, hostile.consumption, hostile.meter, hostile.reading;
CREATE TEMP TABLE got_model AS
  SELECT (SELECT kgce_per_m2 FROM hostile.institution_year) AS per_m2,
         (SELECT kgce FROM hostile.region_year WHERE level OPERATOR(pg_catalog.=) 'province') AS province,
         (SELECT count(*)::int FROM hostile.institution_year) AS rows,
         (SELECT pg_catalog.sum(amount) OPERATOR(pg_catalog.||) '' FROM hostile.consumption_part WHERE carrier OPERATOR(energy.=) 'water'
             AND month OPERATOR(pg_catalog.=) '2022-01-01') AS gas_january;
INSERT INTO energy.factor_set (name, parent, description) VALUES ('mine', 'gb2589', 'x');
INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('mine', 'diesel', 1.5, 'kg', 'x', 'user');
RESET search_path;

SELECT is((SELECT kgce FROM got), 1536.25::float8, 'kgce unchanged: 12 500 × 0.1229');
SELECT is((SELECT litres FROM got), 120.9393::float8, 'density unchanged: 100 × 0.83 × 1.4571');
SELECT is((SELECT explained FROM got), 0.03412::numeric, 'explain unchanged');
SELECT is((SELECT converted FROM got), 830::float8, 'convert_unit unchanged');
SELECT is((SELECT grid FROM got), 562.6::float8, 'grid factor unchanged');
SELECT is((SELECT fuel FROM got), 37150915648::float8 / 12000000, 'fuel CO2 unchanged');
SELECT is((SELECT carriers FROM got), 24, 'the carriers view reads the extension''s own list');
SELECT is(energy.kgce('diesel', 1, 'kg', factor_set => 'mine'), 1.5::float8,
  'rows written under the hostile path were validated and stored in the extension''s tables');

SELECT results_eq($$SELECT per_m2, province, rows FROM got_model$$, $$VALUES (1.229::float8, 1229::float8, 1)$$,
  'a model created, loaded and read under the hostile path computes 10 000 kWh × 0.1229 / 1 000 m²');
SELECT is((SELECT count(*)::int FROM evil.institution), 0, '... and wrote nothing into the look-alike tables');
SELECT results_eq($$SELECT month, part FROM got_parts$$, $$VALUES ('2022-01-01'::date, 310::float8), ('2022-02-01', 280)$$,
  'month_parts under a look-alike div(): 590 over 59 days is 310 in January, 280 in February');
SELECT is((SELECT gas_january FROM got_model), '310', '... and so is the model''s consumption_part, which inlines it');

SELECT * FROM finish();
ROLLBACK;
