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

SELECT * FROM finish();
ROLLBACK;
