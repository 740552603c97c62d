-- Reference data: shipped coefficients against shared/reference/factors.md §1,
-- the guards on shipped rows, validation of user rows, dump registration.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- factors.md §1, row by row (carrier, kgce per unit, unit, NCV kJ, grade).
SELECT set_eq(
  $$SELECT carrier::text, kgce_per_unit, per_unit, ncv_kj_per_unit, grade, basis, valid_from, valid_to
      FROM energy.coal_factor WHERE factor_set = 'gb2589'$$,
  $$SELECT * FROM (VALUES
    ('electricity', 0.1229, 'kWh', 3600, 'A'),
    ('raw_coal', 0.7143, 'kg', 20908, 'C'),
    ('washed_coal', 0.9000, 'kg', 26344, 'C'),
    ('middlings', 0.2857, 'kg', 8363, 'C'),
    ('briquette', 0.6000, 'kg', NULL, 'C'),
    ('coke', 0.9714, 'kg', 28435, 'C'),
    ('crude_oil', 1.4286, 'kg', 41816, 'C'),
    ('fuel_oil', 1.4286, 'kg', 41816, 'C'),
    ('gasoline', 1.4714, 'kg', 43070, 'C'),
    ('kerosene', 1.4714, 'kg', 43070, 'C'),
    ('diesel', 1.4571, 'kg', 42652, 'C'),
    ('lpg', 1.7143, 'kg', 50179, 'C'),
    ('refinery_gas', 1.5714, 'kg', 46055, 'C'),
    ('natural_gas', 1.2143, 'm³', 35544, 'C'),
    ('oilfield_gas', 1.3300, 'm³', 38931, 'C'),
    ('coke_oven_gas', 0.5714, 'm³', 16726, 'C'),
    ('blast_furnace_gas', 0.1286, 'm³', 3763, 'C'),
    ('heat', 0.03412, 'MJ', NULL, 'C'),
    ('steam', 0.1286, 'kg', 3763, 'C'),
    ('pv', 0.1229, 'kWh', 3600, 'A'),
    ('other', 1, 'kgce', NULL, 'A')
  ) AS v(carrier, k, u, ncv, grade)
  CROSS JOIN (VALUES ('calorific', '-infinity'::date, 'infinity'::date)) p$$,
  'shipped standard-coal coefficients are those of factors.md §1');

-- Each coefficient is within 1 % of NCV / 29 307 kJ (1 kgce = 7 000 kcal), where an NCV is given:
-- a typo check.  (The standard rounds via kcal, so they differ in the 4th digit.)
SELECT is_empty(
  $$SELECT carrier FROM energy.coal_factor
     WHERE ncv_kj_per_unit IS NOT NULL AND abs(ncv_kj_per_unit / 29307 / kgce_per_unit - 1) > 0.01$$,
  'coefficients agree with their NCVs');
-- Exactly: the annex's coefficients are its calorific values in kcal / 7 000, and its kJ are those kcal × 4.1816
-- (the 20 °C calorie; NCV / 29 307 is 0.12 % lower: raw coal 20 908 kJ = 5 000 kcal → 0.7143, not 0.7134) — except
-- electricity (and PV), 3 600 kJ = 860 kcal of 4.1868 J → 0.1229, and refinery gas, whose 46 055 kJ is
-- 11 000 kcal of 4.1868 J → 1.5714 (45 998 kJ on the annex's own scale; README, "Standard coal")
SELECT is_empty(
  $$SELECT carrier FROM energy.coal_factor
     WHERE factor_set = 'gb2589' AND ncv_kj_per_unit IS NOT NULL
       AND round(round(ncv_kj_per_unit::numeric / CASE WHEN carrier::text IN ('electricity', 'pv', 'refinery_gas') THEN 4.1868 ELSE 4.1816 END)
                 / 7000, 4) <> kgce_per_unit::numeric$$,
  'each coefficient is its calorific value in kcal / 7 000 (kJ of 4.1816 J a calorie; electricity and refinery gas 4.1868)');
SELECT is((SELECT count(*)::int FROM energy.coal_factor WHERE factor_set = 'gb2589' AND source = ''), 0,
  'every shipped coefficient has a source');
SELECT is((SELECT count(*)::int FROM energy.coal_factor WHERE basis = 'primary'), 0,
  'no primary-basis electricity rate is shipped (the yearly rates are unconfirmed)');
SELECT is((SELECT count(*)::int FROM energy.coal_factor WHERE carrier = 'manufactured_gas'), 0,
  'no coefficient is shipped for manufactured gas (none in the sources)');
SELECT set_eq(
  $$SELECT carrier::text, kg_per_l, grade FROM energy.density WHERE factor_set = 'gb2589'$$,
  $$VALUES ('gasoline', 0.725, 'C'), ('diesel', 0.83, 'C')$$,
  'shipped densities: gasoline 0.725, diesel 0.83 kg/L (factors.md §1)');
SELECT ok((SELECT bool_and(shipped) FROM energy.coal_factor), 'all shipped rows are marked shipped');

-- Shipped rows are read-only outside CREATE/ALTER EXTENSION.
SELECT throws_ok($$UPDATE energy.coal_factor SET kgce_per_unit = 0.2 WHERE carrier = 'electricity'$$,
  '42501', 'rows of energy.coal_factor with shipped = true are the extension''s own and read-only',
  'shipped coefficient cannot be updated');
SELECT throws_ok($$DELETE FROM energy.density$$, '42501', NULL, 'shipped density cannot be deleted');
SELECT throws_ok($$TRUNCATE energy.coal_factor$$, '42501', NULL, 'shipped table cannot be truncated');
SELECT throws_ok($$DELETE FROM energy.factor_set WHERE name = 'gb2589'$$, '42501', NULL,
  'shipped set cannot be deleted');
SELECT throws_ok($$INSERT INTO energy.factor_set VALUES ('fake', NULL, 'x', true)$$, '42501', NULL,
  'users cannot mark their rows shipped (they would vanish from dumps)');

-- A user set inherits from gb2589; its rows are validated as they are written.
INSERT INTO energy.factor_set (name, parent, description) VALUES ('campus', 'gb2589', 'measured values of our campus');
SELECT lives_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, valid_from, valid_to, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'natural_gas', '2024-01-01', '2025-01-01', 1.1, 'm³', 'gas supplier certificate 2024', 'measured')$$,
  'a measured gas coefficient for 2024');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, valid_from, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'natural_gas', '2024-06-01', 1.2, 'm³', 'x', 'measured')$$, '23P01',
  'energy.coal_factor row (campus, natural_gas, calorific, 2024-06-01 .. infinity) overlaps energy.coal_factor row (campus, natural_gas, calorific, 2024-01-01 .. 2025-01-01)',
  'overlapping validity periods are refused');
SELECT lives_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, valid_from, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'natural_gas', '2025-01-01', 1.2, 'm³', 'gas supplier certificate 2025', 'measured')$$,
  'an adjacent period is fine (half-open ranges)');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'diesel', 1.5, 'kWh', 'x', 'user')$$, '22023', NULL, 'per_unit must be a unit of the carrier');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'water', 0.1, 'm³', 'x', 'user')$$, '22023', NULL, 'water has no coefficient');
SELECT throws_ok($$INSERT INTO energy.density (factor_set, carrier, kg_per_l, source, grade)
  VALUES ('campus', 'natural_gas', 0.7, 'x', 'user')$$, '22023', NULL, 'densities are for liquid fuels');
-- (a review, 2026-12-02) a CO2 row for electricity would never be read: grid factors are by region and year
SELECT throws_ok($$INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, kgco2_per_unit, source, grade)
  VALUES ('campus', 'electricity', 'kWh', 0.9, 'x', 'user')$$, '22023', NULL, 'no fuel CO2 factor for electricity');
SELECT throws_like($$INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, kgco2_per_unit, source, grade)
  VALUES ('campus', 'pv', 'kWh', 0.9, 'x', 'user')$$, '%: pv has no fuel CO2 factor', '... nor for PV');
-- a coefficient printed with trailing zeros (as a numeric column may hold it) is the same exact ratio:
-- 3 kWh × 0.1229000000000000 = 0.3687 to the last bit, as with 0.1229
INSERT INTO energy.factor_set (name, parent, description) VALUES ('zeros', 'gb2589', 'trailing zeros');
INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('zeros', 'electricity', 0.1229000000000000, 'kWh', 'GB/T 2589-2020, with trailing zeros', 'user');
SELECT is(energy.kgce('electricity', 3, 'kWh', NULL, 'zeros'), energy.kgce('electricity', 3, 'kWh'),
  'trailing zeros of a coefficient count for nothing');
SELECT is(energy.kgce('electricity', 3, 'kWh', NULL, 'zeros')::text, '0.3687', '... 3 × 0.1229 = 0.3687 exactly');
-- (a review, 2026-12-02) a PL/pgSQL call site (a trigger's, a loop's) lives as long as the transaction: it loaded
-- the reference data once, and a coefficient added later in the transaction did not count there (122.9 again)
INSERT INTO energy.factor_set (name, parent, description) VALUES ('q2', 'gb2589', 'a set changed mid-transaction');
CREATE TEMP TABLE tb (kwh float8, kgce float8);
CREATE FUNCTION pg_temp.tb_kgce() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    NEW.kgce := energy.kgce('electricity', NEW.kwh, 'kWh', '2024-06-01', 'q2');
    RETURN NEW;
END $f$;
CREATE TRIGGER tb_kgce BEFORE INSERT ON tb FOR EACH ROW EXECUTE FUNCTION pg_temp.tb_kgce();
INSERT INTO tb (kwh) VALUES (1000);
INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('q2', 'electricity', 0.3, 'kWh', 'test: a coefficient of its own', 'user');
INSERT INTO tb (kwh) VALUES (1000);
SELECT results_eq($$SELECT kgce FROM tb ORDER BY kgce$$, $$VALUES (122.9::float8), (300)$$,
  'a trigger converts with a coefficient added earlier in its transaction: 1 000 × 0.1229, then 1 000 × 0.3');
-- ... and a change rolled back (a PL/pgSQL block's EXCEPTION clause) counts no more at a call site that saw it
INSERT INTO energy.factor_set (name, parent, description) VALUES ('q3', 'gb2589', 'a change rolled back');
CREATE FUNCTION pg_temp.rolled_back() RETURNS float8[] LANGUAGE plpgsql AS $f$
DECLARE
    r float8[] := '{}';
BEGIN
    FOR i IN 1 .. 2 LOOP
        BEGIN
            IF i = 1 THEN
                INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
                VALUES ('q3', 'electricity', 0.5, 'kWh', 'test: rolled back', 'user');
            END IF;
            r := r || energy.kgce('electricity', 1000, 'kWh', '2024-06-01', 'q3');
            IF i = 1 THEN
                RAISE EXCEPTION 'undo';
            END IF;
        EXCEPTION WHEN raise_exception THEN
            NULL;
        END;
    END LOOP;
    RETURN r;
END $f$;
SELECT is(pg_temp.rolled_back(), ARRAY[500, 122.9]::float8[], 'the same call site: 1 000 × 0.5 inside the block, 1 000 × 0.1229 after its rollback');
-- a CO2 row for electricity loaded before it was refused (an older version, a restore) stops no conversion
ALTER TABLE energy.co2_factor DISABLE TRIGGER guard;
INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, kgco2_per_unit, source, grade)
  VALUES ('campus', 'electricity', 'kWh', 0.9, 'test: written before the rule', 'user');
ALTER TABLE energy.co2_factor ENABLE TRIGGER guard;
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000', co2_set => 'campus'), 562.6::float8,
  'an electricity row of co2_factor written before the rule: ignored, conversions go on (Liaoning 2022 grid)');
DELETE FROM energy.co2_factor WHERE factor_set = 'campus' AND carrier = 'electricity';
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'diesel', 'NaN', 'kg', 'x', 'user')$$, '23514', NULL, 'NaN coefficient refused');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'diesel', 0, 'kg', 'x', 'user')$$, '23514', NULL, 'zero coefficient refused');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, valid_from, valid_to, kgce_per_unit, per_unit, source, grade)
  VALUES ('campus', 'diesel', '2024-01-01', '2024-01-01', 1.4, 'kg', 'x', 'user')$$, '23514', NULL, 'empty period refused');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
  VALUES ('nosuchset', 'diesel', 1.4, 'kg', 'x', 'user')$$, '23503', NULL, 'unknown set refused');
INSERT INTO energy.factor_set (name, parent, description) VALUES ('loop_a', 'campus', 'x');
SELECT throws_ok($$UPDATE energy.factor_set SET parent = 'loop_a' WHERE name = 'campus'$$, '22023', NULL,
  'cycles of parent sets are refused');
SELECT throws_like($$UPDATE energy.factor_set SET parent = 'loop_a' WHERE name = 'campus'$$,
  'factor set "%" is its own ancestor', '... naming a set of the cycle');
SELECT throws_ok($$INSERT INTO energy.factor_set (name, parent, description) VALUES ('orphan', 'nope', 'x')$$, '23503',
  'factor set "orphan" names parent "nope", which does not exist', 'unknown parent refused');
SELECT throws_ok($$DELETE FROM energy.factor_set WHERE name = 'campus'$$, '23503', NULL,
  'a set with children or rows cannot be deleted');
SELECT lives_ok($$UPDATE energy.coal_factor SET source = 'supplier certificate 2025, revised' WHERE factor_set = 'campus' AND valid_from = '2025-01-01'$$,
  'user rows can be edited');

-- Rows users add are dumped; shipped rows are not (pg_extension_config_dump).
SELECT set_eq(
  $$SELECT c::regclass, cond FROM pg_extension e,
      unnest(e.extconfig, e.extcondition) AS u(c, cond) WHERE extname = 'energy_ext'$$,
  $$VALUES ('energy.factor_set'::regclass, 'WHERE NOT shipped'), ('energy.coal_factor'::regclass, 'WHERE NOT shipped'),
           ('energy.density'::regclass, 'WHERE NOT shipped'), ('energy.region'::regclass, 'WHERE NOT shipped'),
           ('energy.co2_factor'::regclass, 'WHERE NOT shipped'), ('energy.grid_factor'::regclass, 'WHERE NOT shipped'),
           ('energy.frozen_year'::regclass, ''),
           -- 0.2.0 (test/sql/reference.sql)
           ('energy.admin_division'::regclass, 'WHERE NOT shipped'), ('energy.institution_category'::regclass, 'WHERE NOT shipped'),
           ('energy.end_use'::regclass, 'WHERE NOT shipped'), ('energy.model'::regclass, ''),
           -- 0.2.0 (test/sql/targets.sql)
           ('energy.target'::regclass, 'WHERE NOT shipped'), ('energy.published_indicator'::regclass, 'WHERE NOT shipped'),
           -- 0.2.0 (test/sql/quotas.sql)
           ('energy.quota_standard'::regclass, 'WHERE NOT shipped'), ('energy.quota_value'::regclass, 'WHERE NOT shipped'),
           -- 0.2.0 (test/shell/sharding.sh, test/sql/access.sql)
           ('energy.shard'::regclass, ''), ('energy.region_grant'::regclass, '')$$,
  'reference tables are dumped with the filter WHERE NOT shipped; frozen years, the register of models, the shard map and the region grants whole');

SELECT * FROM finish();
ROLLBACK;
