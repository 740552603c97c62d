-- Reporting models: energy.create_model / upgrade_model / drop_model, the
-- tables and views they make and their comments, bad input refused with its
-- SQLSTATE and nothing half-written, several models side by side, the
-- dependency that keeps DROP EXTENSION from deleting a model.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();
SET LOCAL timezone = 'Asia/Shanghai';

\i test/data/error_of.sql

-- ---------------------------------------------------------------------
-- create_model
-- ---------------------------------------------------------------------
SELECT is(energy.create_model('prov', 'official round 2022'), 'prov'::name, 'create_model returns the schema');
SELECT results_eq($$SELECT relname::text COLLATE "default", relkind::text COLLATE "default" FROM pg_class WHERE relnamespace = 'prov'::regnamespace
                     AND relkind IN ('r', 'v') ORDER BY relkind, relname$$,
  $$VALUES ('consumption', 'r'), ('institution', 'r'), ('ledger_basis', 'r'), ('meter', 'r'), ('meter_month', 'r'), ('month_ledger', 'r'),
           ('profile', 'r'), ('programme', 'r'), ('reading', 'r'), ('year_ledger', 'r'),
           ('cap_status', 'v'), ('category_year', 'v'), ('consumption_part', 'v'), ('consumption_period', 'v'), ('data_quality', 'v'),
           ('department_year', 'v'), ('institution_scope', 'v'), ('institution_year', 'v'), ('monthly', 'v'),
           ('quota_rating', 'v'), ('region_year', 'v'), ('rollup_input', 'v'), ('rollup_year', 'v'), ('target_status', 'v'), ('whole_year', 'v')$$,
  'the model''s tables and views');
SELECT results_eq($$SELECT name::text COLLATE "default", time_zone, description, version FROM energy.model$$,
  $$VALUES ('prov', 'Asia/Shanghai', 'official round 2022', '0.2.0')$$, 'registered in energy.model');
SELECT is_empty($$SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                   WHERE c.relnamespace = 'prov'::regnamespace AND c.relkind IN ('r', 'v') AND a.attnum > 0
                     AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL$$,
  'every column of every table and view has a comment');
SELECT is_empty($$SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'prov'::regnamespace
                     AND c.relkind IN ('r', 'v', 'i') AND obj_description(c.oid, 'pg_class') IS NULL
                  UNION ALL
                  SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                   WHERE c.relnamespace = 'prov'::regnamespace AND NOT t.tgisinternal
                     AND obj_description(t.oid, 'pg_trigger') IS NULL$$,
  'every table, view, index and trigger has a comment');
SELECT is(col_description('prov.institution_year'::regclass,
                          (SELECT attnum FROM pg_attribute WHERE attrelid = 'prov.institution_year'::regclass AND attname = 'kgce_per_m2')),
  '单位建筑面积能耗（kgce/m²）：kgce / building_area_m2; in roll-ups Σ kgce / Σ building area over the institutions that have both. NULL when the area is unknown.',
  'a column comment: Chinese name, unit, definition');
SELECT is(col_description('prov.region_year'::regclass,
                          (SELECT attnum FROM pg_attribute WHERE attrelid = 'prov.region_year'::regclass AND attname = 'kgce_per_person_coverage')),
  '人均综合能耗覆盖率（比例，0–1）：kgce_per_person_institutions / institutions present.',
  'a derived roll-up column is documented from its indicator');
SELECT ok(obj_description('prov.region_year'::regclass, 'pg_class') LIKE '行政区域汇总%', 'views carry their Chinese name');
SELECT is_empty($$SELECT 1 FROM pg_depend d WHERE d.deptype = 'e' AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'energy_ext')
                     AND d.classid = 'pg_class'::regclass AND d.objid IN (SELECT oid FROM pg_class WHERE relnamespace = 'prov'::regnamespace)$$,
  'no object of the model is a member of the extension (pg_dump dumps them, DROP EXTENSION does not take them)');

SELECT throws_ok($$SELECT energy.create_model('prov')$$, '42P06', 'schema "prov" already exists', 'a second model of the same name');
SELECT is((pg_temp.error_of($$SELECT energy.create_model('prov')$$)).hint,
  'It is a model already: load it, or remove it with SELECT energy.drop_model(''prov'').', '... with a hint');
SELECT throws_ok($$SELECT energy.create_model('public')$$, '42939', 'schema public cannot hold a model', 'public is refused');
-- (a review: 'z@time_zone@' became schema z'Asia/Shanghai' in the templates, and a quote after it broke their literals open)
SELECT throws_ok($$SELECT energy.create_model('z@time_zone@')$$, '42602', 'a model name cannot contain @: "z@time_zone@"',
  'a name with @ is refused: the templates'' placeholders are @...@');
SELECT throws_ok($$SELECT energy.create_model('pg_model')$$, '42939', NULL, 'pg_ names are refused');
SELECT throws_ok($$SELECT energy.create_model('x', NULL, 'Mars/Olympus')$$, '22023', 'unknown time zone "Mars/Olympus"', 'an unknown time zone');
SELECT throws_ok($$SELECT energy.create_model(NULL)$$, '22004', NULL, 'no name');
SELECT is((SELECT count(*)::int FROM energy.model), 1, 'failed calls registered nothing');
SELECT hasnt_schema('x', 'and created no schema');

-- ---------------------------------------------------------------------
-- Bad input: a clear error with its SQLSTATE; the statement writes nothing.
-- ---------------------------------------------------------------------
INSERT INTO prov.institution (institution_id, name, region_code, category, department)
VALUES ('11210102MB0123456T', '辽宁省某厅机关', '210102', '01', '省机关事务管理局');

SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('X1', 'x', '219999', '01')$$,
  '23503', 'unknown region code "219999" for institution "X1"', 'an unknown region code');
SELECT ok((pg_temp.error_of($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('X1', 'x', '219999', '01')$$)).hint
          LIKE 'Use a six-digit code of energy.admin_division%INSERT INTO energy.admin_division%', '... the hint says how to add one');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('X1', 'x', '210102', '04')$$,
  '23503', 'unknown category code "04" for institution "X1"', 'an unknown category');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('X1', 'x', '210102', '02')$$,
  '23503', 'summary-only category code "02" for institution "X1"', '02 is the sum of 021–026, not a category of its own');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category, coord_system) VALUES ('X1', 'x', '210102', '01', 'utm')$$,
  '22023', 'unknown coordinate system "utm" for institution "X1"', 'an unknown coordinate system');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category, longitude) VALUES ('X1', 'x', '210102', '01', 123.4)$$,
  '22023', NULL, 'a longitude without a latitude');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('X1', 'x', '210102', '01'), ('X2', 'y', '2101', '01')$$,
  '23503', 'unknown region code "2101" for institution "X2"', 'one bad row of two ...');
SELECT is((SELECT count(*)::int FROM prov.institution), 1, '... and neither is written');

SELECT throws_ok($$INSERT INTO prov.profile (institution_id, year, building_area_m2, people) VALUES ('11210102MB0123456T', 2022, -5, 10)$$,
  '23514', 'building_area_m2 of institution "11210102MB0123456T" in 2022 must be positive, not -5', 'a negative area');
SELECT is((pg_temp.error_of($$INSERT INTO prov.profile (institution_id, year, people) VALUES ('11210102MB0123456T', 2022, 0)$$)).message,
  'people of institution "11210102MB0123456T" in 2022 must be positive, not 0', 'a headcount of zero: NULL means unknown, never zero');
SELECT is((pg_temp.error_of($$INSERT INTO prov.profile (institution_id, year, people) VALUES ('11210102MB0123456T', 2022, 0)$$)).hint,
  'Leave it NULL when it is unknown: the indicators per m² or per person are then left out, never computed with zero.', '... with a hint');
SELECT throws_ok($$INSERT INTO prov.profile (institution_id, year, people) VALUES ('11210102MB0123456T', 2022, -3)$$,
  '23514', NULL, 'a negative headcount');
SELECT throws_ok($$INSERT INTO prov.profile (institution_id, year, vehicles_added, nev_added) VALUES ('11210102MB0123456T', 2022, 2, 3)$$,
  '23514', NULL, 'more new-energy vehicles than vehicles added');
SELECT throws_ok($$INSERT INTO prov.profile (institution_id, year) VALUES ('nobody', 2022)$$,
  '23503', 'profile of unknown institution "nobody"', 'a profile of an unknown institution');
SELECT throws_ok($$INSERT INTO prov.profile (institution_id, year) VALUES ('11210102MB0123456T', 1850)$$,
  '22023', NULL, 'a year out of range');

SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 100, 'kWh'),
                          ('nobody', '[2022-01-01,2022-02-01)', 'electricity', 100, 'kWh')$$,
  '23503', 'consumption row for unknown institution "nobody"', 'a consumption row for an unknown institution ...');
SELECT is((SELECT count(*)::int FROM prov.consumption), 0, '... and the good row with it is not written either');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'diesel', 100, 'kWh')$$,
  '22023', 'unit "kWh" does not fit carrier diesel', 'a unit that does not fit the carrier');
SELECT results_eq($q$SELECT * FROM pg_temp.error_of($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'diesel', 100, 'kWh')$$)$q$,
  $$VALUES ('22023', 'unit "kWh" does not fit carrier diesel',
            'In the consumption of institution "11210102MB0123456T" over [2022-01-01,2022-02-01).',
            'diesel (柴油) is measured in kg, t, 万t or, through a density, L, kL, m³.')$$,
  '... naming the row, with the hint of the conversions');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 100, 'kwhh')$$,
  '22023', 'unknown unit "kwhh" for carrier electricity', 'an unknown unit');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount)
                   VALUES ('11210102MB0123456T', 'empty', 'electricity', 100)$$,
  '22023', 'consumption period empty of institution "11210102MB0123456T" is empty or unbounded', 'an empty period');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount)
                   VALUES ('11210102MB0123456T', '[2022-01-01,)', 'electricity', 100)$$,
  '22023', NULL, 'an unbounded period');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 'NaN')$$,
  '22023', NULL, 'a NaN amount');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 1e309)$$,
  '22003', NULL, 'an amount beyond double precision ...');
SELECT throws_like($$INSERT INTO prov.consumption (institution_id, period, carrier, amount)
                     VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 1e309)$$,
  'consumption amount % of institution "11210102MB0123456T" over [2022-01-01,2022-02-01) is beyond double precision',
  '... is refused as such (it failed inside the live ledgers: "out of range for type double precision", no hint)');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, end_use)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 1, 'canteen')$$,
  '23503', 'unknown end use "canteen" in consumption of institution "11210102MB0123456T"', 'an unknown end use');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, end_use)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'natural_gas', 1, 'datacentre_it')$$,
  '22023', NULL, 'a data-centre end use is for electricity');
-- water has no energy-mix group: its data-centre rows were let through (the test was NULL), then counted nowhere
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, unit, end_use)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2023-01-01)', 'water', 1000, 'm³', 'datacentre_it')$$,
  '22023', 'end use datacentre_it is for electricity, not water (institution "11210102MB0123456T", period [2022-01-01,2023-01-01))',
  'a data-centre end use is not for water');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, end_use)
                   VALUES ('11210102MB0123456T', '[2022-01-01,2023-01-01)', 'electricity', 1000, 'pv_generation')$$,
  '22023', 'end use pv_generation is for carrier pv, not electricity (institution "11210102MB0123456T", period [2022-01-01,2023-01-01))',
  'PV generation recorded as electricity is refused (it would count as grid power with CO2)');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'uranium', 1)$$,
  '22P02', NULL, 'an unknown carrier is refused by its type');
-- An ID as a CSV pads it (a blank at the end, a byte-order mark at the
-- start) is told as that, with the trimmed ID, not as an unknown institution.
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES ('11210102MB0123456T ', '[2022-01-01,2022-02-01)', 'electricity', 1)$$,
  '22023', 'consumption row for institution "11210102MB0123456T ", which begins or ends with blanks', 'a padded institution_id in consumption');
SELECT is((pg_temp.error_of($$INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES (E'\ufeff11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 1)$$)).hint,
  'Trim it: ''11210102MB0123456T'' (a CSV padded with blanks, or saved with a byte-order mark).', '... a byte-order mark too, and the hint gives the trimmed ID');
-- A year mistyped: 0022 for 2022, 2203 for 2023 (before, accepted: a model year 22 or 2203).
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES ('11210102MB0123456T', '[0022-01-01,0023-01-01)', 'electricity', 1)$$,
  '22023', 'consumption period [0022-01-01,0023-01-01) of institution "11210102MB0123456T" is outside the years 1990–2200', 'a period in the year 22');
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES ('11210102MB0123456T', '[2200-12-01,2201-01-02)', 'electricity', 1)$$,
  '22023', NULL, 'a period that ends in 2201');
SELECT is((SELECT count(*)::int FROM prov.consumption), 0, 'nothing was written by the failed statements so far');
SELECT lives_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount) VALUES ('11210102MB0123456T', '[2200-12-01,2201-01-01)', 'electricity', 1),
                                                                                               ('11210102MB0123456T', '[1990-01-01,1990-02-01)', 'electricity', 1)$$,
  '... while December 2200 and January 1990 are in range');
DELETE FROM prov.consumption;
-- An account padded or empty would be an account of its own: its bills chain apart.
SELECT throws_ok($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, account) VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 1, 'E-1 ')$$,
  '22023', 'account "E-1 " of institution "11210102MB0123456T" (consumption over [2022-01-01,2022-02-01)) is empty or begins or ends with blanks', 'a padded account');
SELECT is((pg_temp.error_of($$INSERT INTO prov.consumption (institution_id, period, carrier, amount, account) VALUES ('11210102MB0123456T', '[2022-01-01,2022-02-01)', 'electricity', 1, '')$$)).hint,
  'Leave account NULL when the record has no account number.', 'an empty account: NULL is no account');
SELECT is((SELECT count(*)::int FROM prov.consumption), 0, 'nothing was written by the failed statements');
-- a padded institution_id in a profile or a meter: told as padded too, with the trimmed ID
SELECT throws_ok($$INSERT INTO prov.profile (institution_id, year, people) VALUES ('11210102MB0123456T ', 2022, 10)$$,
  '22023', 'profile of institution "11210102MB0123456T ", which begins or ends with blanks', 'a padded institution_id in a profile');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier) VALUES ('MP', E'\ufeff11210102MB0123456T', 'water')$$,
  '22023', NULL, '... and in a meter (a byte-order mark)');

-- COPY is checked as INSERT is.
COPY prov.consumption (institution_id, period, carrier, amount, unit) FROM STDIN;
11210102MB0123456T	[2022-01-01,2022-07-01)	电力	162900	kWh
11210102MB0123456T	[2022-07-01,2023-01-01)	电力	16.56	万kWh
\.
SELECT is((SELECT sum(energy.convert_unit(carrier, amount::float8, coalesce(unit, 'kWh'), 'kWh')) FROM prov.consumption), 328500::float8,
  'COPY loads rows in any accepted spelling');
SELECT throws_ok($$COPY prov.consumption (institution_id, period, carrier, amount, unit) FROM PROGRAM 'printf "11210102MB0123456T\t[2022-01-01,2022-02-01)\twater\t5\tkWh\n"'$$,
  '22023', 'unit "kWh" does not fit carrier water', 'a bad row in a COPY fails the COPY');
SELECT throws_ok($$UPDATE prov.consumption SET unit = 'kg'$$, '22023', 'unit "kg" does not fit carrier electricity', 'UPDATE is checked too');
SELECT is((SELECT count(*)::int FROM prov.consumption), 2, 'the COPY and the UPDATE wrote nothing');

-- Meters and readings.
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier, multiplier) VALUES ('M0', '11210102MB0123456T', 'electricity', 0)$$,
  '23514', 'multiplier of meter "M0" must be a positive number, not 0', 'a zero multiplier');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier, unit) VALUES ('M0', '11210102MB0123456T', 'water', 'kWh')$$,
  '22023', 'unit "kWh" does not fit carrier water', 'a meter unit that does not fit');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier) VALUES ('M0', 'nobody', 'water')$$,
  '23503', 'meter "M0" of unknown institution "nobody"', 'a meter of an unknown institution');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier) VALUES ('M0 ', '11210102MB0123456T', 'water')$$,
  '22023', 'meter_id "M0 " begins or ends with blanks', 'a padded meter_id (from a CSV padded with blanks)');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('11210102MB0123456T ', 'x', '210102', '01')$$,
  '22023', 'institution_id "11210102MB0123456T " begins or ends with blanks', 'a padded institution_id: it would be an institution of its own');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES (E'\ufeffH\u00a0', 'x', '210102', '01')$$,
  '22023', NULL, '... padded with a byte-order mark and a no-break space too');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES (E'\u3000\t', 'x', '210102', '01')$$,
  '23502', 'an institution needs an institution_id', 'an institution_id of blanks only is none');
SELECT is(energy.id_trim(E'\tvAf\u00a0\u3000'), 'vAf', 'id_trim takes blanks away, never a letter');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier) VALUES ('', '11210102MB0123456T', 'water')$$,
  '23502', 'a meter needs a meter_id', 'an empty meter_id is none');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier, unit, end_use) VALUES ('M0', '11210102MB0123456T', 'water', 'm³', 'datacentre_it')$$,
  '22023', 'end use datacentre_it is for electricity, not water (meter "M0")', 'a water meter of a data-centre end use');
SELECT throws_ok($$INSERT INTO prov.meter (meter_id, institution_id, carrier, end_use) VALUES ('M0', '11210102MB0123456T', 'electricity', 'pv_generation')$$,
  '22023', 'end use pv_generation is for carrier pv, not electricity (meter "M0")', 'a PV generation meter as electricity');
INSERT INTO prov.meter (meter_id, institution_id, carrier, unit, modulus) VALUES ('M1', '11210102MB0123456T', 'water', 't', 100000);
SELECT throws_ok($$INSERT INTO prov.reading (meter_id, ts, reading) VALUES ('M9', '2022-01-01', 5)$$,
  '23503', 'reading of unknown meter "M9"', 'a reading of an unknown meter');
SELECT throws_ok($$INSERT INTO prov.reading (meter_id, ts, reading) VALUES ('M1 ', '2022-01-01', 5)$$,
  '22023', 'reading of meter "M1 ", which begins or ends with blanks', 'a reading of a padded meter_id: told as padded, not unknown');
SELECT throws_ok($$INSERT INTO prov.reading (meter_id, ts, reading, event) VALUES ('M1', '2022-01-01', 5, 'swap')$$,
  '22023', 'unknown meter event "swap" (meter "M1" at 2022-01-01 00:00:00+08)', 'an unknown event');
SELECT throws_ok($$INSERT INTO prov.reading (meter_id, ts, reading) VALUES ('M1', '2022-01-01', 'Infinity')$$,
  '22023', NULL, 'an infinite reading');
SELECT lives_ok($$INSERT INTO prov.reading (meter_id, ts, reading, event) VALUES ('M1', '2022-01-01', 99990, NULL), ('M1', '2022-02-01', 10, 'read'),
                                                                               ('M1', '2022-03-01', NULL, NULL)$$,
  'readings with and without an event, and a reading not taken (NULL)');

-- Removing an institution that has data is refused (the foreign keys, checked at commit).
SET CONSTRAINTS ALL IMMEDIATE;
SELECT throws_ok($$DELETE FROM prov.institution$$, '23503', NULL, 'an institution with data cannot be deleted');
SET CONSTRAINTS ALL DEFERRED;

-- ---------------------------------------------------------------------
-- Several models: independent of each other.
-- ---------------------------------------------------------------------
SELECT is(energy.create_model('sandbox', NULL, 'UTC'), 'sandbox'::name, 'a second model');
INSERT INTO sandbox.institution (institution_id, name, region_code, category) VALUES ('S1', 'sandbox school', '450103', '021');
INSERT INTO sandbox.consumption (institution_id, period, carrier, amount) VALUES ('S1', '[2022-01-01,2023-01-01)', 'electricity', 1000);
ANALYZE prov.institution, prov.profile, prov.consumption, prov.meter, prov.reading,
        sandbox.institution, sandbox.profile, sandbox.consumption, sandbox.meter, sandbox.reading;
SELECT results_eq($$SELECT (SELECT count(*)::int FROM prov.institution), (SELECT count(*)::int FROM sandbox.institution),
                           (SELECT kgce FROM sandbox.institution_year), (SELECT count(*)::int FROM prov.institution_year WHERE year = 2022)$$,
  $$VALUES (1, 1, 122.9::float8, 1)$$, 'each model sees its own rows only');
SELECT is((SELECT time_zone FROM energy.model WHERE name = 'sandbox'), 'UTC', 'with its own time zone');
-- The sandbox's meter is read in UTC: 100 kWh from 2022-01-01 00:00 to 2022-02-01 04:00 UTC, 748 hours,
-- 4 of them in February.  The yearly row adds 1 000 × 31/365 = 84.931506849 and 1 000 × 28/365 = 76.712328767.
INSERT INTO sandbox.meter (meter_id, institution_id, carrier) VALUES ('SM', 'S1', 'electricity');
INSERT INTO sandbox.reading (meter_id, ts, reading) VALUES ('SM', '2022-01-01 00:00+00', 0), ('SM', '2022-02-01 04:00+00', 100);
SELECT results_eq($$SELECT month, round(amount::numeric, 9) FROM sandbox.monthly WHERE carrier = 'electricity' AND month < '2022-03-01' ORDER BY month$$,
  $$VALUES ('2022-01-01'::date, round(100 * 744 / 748.0 + 84.931506849, 9)), ('2022-02-01', round(100 * 4 / 748.0 + 76.712328767, 9))$$,
  'months of the model''s time zone (UTC): 744 of the 748 hours fall in January');

-- A view of one's own on a model view survives upgrade_model, and stops drop_model.
CREATE VIEW sandbox.my_report AS SELECT region_code, kgce FROM sandbox.region_year WHERE level = 'province';
-- The register is checked as it is written by hand, with a hint.
SELECT throws_ok($$UPDATE energy.model SET time_zone = '+08' WHERE name = 'sandbox'$$,
  '22023', 'unknown time zone "+08" for model sandbox', 'a time zone written as an offset (POSIX: UTC-8) is refused');
SELECT throws_ok($$UPDATE energy.model SET time_zone = 'Asia/Shangai' WHERE name = 'sandbox'$$,
  '22023', 'unknown time zone "Asia/Shangai" for model sandbox', 'so is a misspelt one (it stopped every later write of readings)');
SELECT throws_ok($$UPDATE energy.model SET grid_year_policy = 'newest' WHERE name = 'sandbox'$$,
  '22023', 'unknown grid_year_policy "newest" of model sandbox', 'a setting outside its list');
SELECT throws_ok($$UPDATE energy.model SET co2_set = 'nosuch' WHERE name = 'sandbox'$$,
  '23503', 'unknown factor set "nosuch" (co2_set of model sandbox)', 'a factor set that does not exist');
UPDATE energy.model SET time_zone = 'Asia/Shanghai' WHERE name = 'sandbox';
SELECT is(energy.upgrade_model('sandbox'), 'sandbox'::name, 'upgrade_model rebuilds the views and the summaries');
SELECT results_eq($$SELECT month, round(amount::numeric, 9) FROM sandbox.monthly WHERE carrier = 'electricity' AND month < '2022-03-01' ORDER BY month$$,
  $$VALUES ('2022-01-01'::date, round(100 * 736 / 748.0 + 84.931506849, 9)), ('2022-02-01', round(100 * 12 / 748.0 + 76.712328767, 9))$$,
  '... in the time zone now registered (Asia/Shanghai: 2022-01-01 08:00 to 2022-02-01 12:00, 12 hours in February)');
SELECT is((SELECT kgce FROM sandbox.my_report), 122.9::float8 + 0.1229 * 100, 'the user''s view still works');
SELECT throws_ok($$SELECT energy.upgrade_model('nothing')$$, '42704', '"nothing" is not a reporting model', 'upgrade_model of no model');

-- (Tables with pending foreign-key checks cannot be dropped: check them now.)
SET CONSTRAINTS ALL IMMEDIATE;
SET LOCAL client_min_messages = warning;
SELECT throws_ok($$SELECT energy.drop_model('sandbox')$$, '2BP01', NULL, 'drop_model stops at a view of one''s own ...');
SELECT has_schema('sandbox', '... and leaves the model whole');
SELECT lives_ok($$SELECT energy.drop_model('sandbox', cascade => true)$$, 'cascade => true drops it with the model');
SELECT hasnt_schema('sandbox', 'the schema is gone');
SELECT is((SELECT count(*)::int FROM energy.model), 1, 'and so is its register row');
SELECT throws_ok($$SELECT energy.drop_model('sandbox')$$, '42704', '"sandbox" is not a reporting model', 'drop_model of no model');
SELECT throws_ok($$SELECT energy.drop_model('public')$$, '42704', NULL, 'drop_model does not drop a schema that is not a model');

-- A schema name that needs quoting works through create, load, upgrade and drop.
SELECT is(energy.create_model('Round 2 (test)'), 'Round 2 (test)'::name, 'a model whose name needs quoting');
INSERT INTO "Round 2 (test)".institution (institution_id, name, region_code, category) VALUES ('Q1', 'q', '450103', '024');
INSERT INTO "Round 2 (test)".consumption (institution_id, period, carrier, amount) VALUES ('Q1', '[2022-01-01,2023-01-01)', 'electricity', 1000);
ANALYZE "Round 2 (test)".institution, "Round 2 (test)".consumption;
SELECT is((SELECT kgce FROM "Round 2 (test)".institution_year), 122.9::float8, '... computes (1 000 kWh × 0.1229)');
SELECT lives_ok($$SELECT energy.upgrade_model('Round 2 (test)')$$, '... is upgraded');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT lives_ok($$SELECT energy.drop_model('Round 2 (test)')$$, '... and dropped');
SELECT hasnt_schema('Round 2 (test)', '... with its schema');

-- ---------------------------------------------------------------------
-- A BI role reads a model with the grants the README lists, and not without.
-- ---------------------------------------------------------------------
CREATE ROLE model_test_bi;
SET LOCAL ROLE model_test_bi;
SELECT throws_ok($$SELECT count(*) FROM prov.institution_year$$, '42501', NULL, 'without grants a role reads nothing');
RESET ROLE;
GRANT USAGE ON SCHEMA energy TO model_test_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA energy TO model_test_bi;
GRANT USAGE ON SCHEMA prov TO model_test_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA prov TO model_test_bi;
SET LOCAL ROLE model_test_bi;
SELECT is((SELECT round(kgce::numeric, 4) FROM prov.institution_year WHERE year = 2022), 40372.65,
  'with them it reads the indicators (328 500 kWh × 0.1229)');
SELECT throws_ok($$INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('Z', 'z', '210102', '01')$$,
  '42501', NULL, '... and cannot write');
RESET ROLE;

-- ---------------------------------------------------------------------
-- The extension cannot be dropped from under a model.
-- ---------------------------------------------------------------------
-- (DROP EXTENSION locks the extension's tables and indexes in the order it
-- finds them, an index through its operator class before its table; when
-- autovacuum is analysing such a table just then, as after an upgrade, the two
-- can deadlock: that is retried, the refusal is what is asserted.)
CREATE FUNCTION pg_temp.drop_extension() RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
    FOR i IN 1 .. 5 LOOP
        BEGIN
            DROP EXTENSION energy_ext;
            RETURN 'dropped';
        EXCEPTION WHEN deadlock_detected THEN
            CONTINUE;
        WHEN OTHERS THEN
            RETURN SQLSTATE || ': ' || SQLERRM;
        END;
    END LOOP;
    RETURN 'deadlocked five times';
END
$f$;
SELECT is(pg_temp.drop_extension(), '2BP01: cannot drop extension energy_ext because other objects depend on it',
  'DROP EXTENSION refuses while a model exists');
SELECT has_schema('prov', 'the model is untouched');

-- A model dropped without CASCADE, views first, then tables.
SELECT lives_ok($$SELECT energy.drop_model('prov')$$, 'drop_model of a model with data');
SELECT hasnt_schema('prov', 'its schema is gone');
SELECT is((SELECT count(*)::int FROM energy.model), 0, 'no model is registered');

-- What a missing factor asks of the analyst, per carrier (a review found one advice for all: the grid
-- policies, which cannot help steam or 其他能源): 10 t of steam and 1 000 kgce of other over 2022 (12
-- monthly parts each), 10 kWh in January 2025 (no grid factor of 2025 under the exact year policy).
SELECT is(energy.create_model('mf'), 'mf'::name, 'a model for missing factors');
INSERT INTO mf.institution (institution_id, name, region_code, category) VALUES ('E', 'e', '450103', '01');
INSERT INTO mf.consumption (institution_id, period, carrier, amount, unit, end_use) VALUES
    ('E', '[2022-01-01,2023-01-01)', 'other', 1000, 'kgce', 'building'), ('E', '[2022-01-01,2023-01-01)', 'steam', 10, 't', 'heating'),
    ('E', '[2025-01-01,2025-02-01)', 'electricity', 10, 'kWh', 'building');
SELECT results_eq($$SELECT year, detail FROM mf.data_quality WHERE rule = 'missing_factor' ORDER BY year$$,
  $$VALUES (2022, 'no CO2 factor for 24 rows (steam, other) (a record counts once for each month it covers): the figures that need them are left NULL. '
                  'Steam has no CO2 factor of its own: convert it with energy.steam_gj(tonnes, enthalpy_kj_per_kg) and record it as heat in GJ; '
                  '其他能源 (other) is reported in standard coal: add a CO2 factor per kgce for it to your own factor set (energy.co2_factor) and name that set in energy.model; '
                  'then SELECT energy.rebuild_model(''mf'').'),
           (2025, 'no CO2 factor for 1 row (electricity) (a record counts once for each month it covers): the figures that need them are left NULL. '
                  'Electricity: load the grid factor of the year and province, or set this model''s grid_year_policy or grid_fallback in energy.model; '
                  'then SELECT energy.rebuild_model(''mf'').')$$,
  'missing_factor says what to do for each carrier without a factor');

SELECT * FROM finish();
ROLLBACK;
