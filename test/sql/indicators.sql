-- Indicators of a reporting model, computed by hand from the fixture
-- test/data/model_fixture.sql and asserted: every institution-year, every
-- region, category and department roll-up with coverage and like-for-like
-- changes, the monthly calendarisation of bills, the data-quality findings.
--
-- The coefficients (GB/T 2589, README "Where the coefficients come from"):
-- electricity, green electricity and PV 0.1229 kgce/kWh; natural gas
-- 1.2143 kgce/m³; heat 0.03412 kgce/MJ (34.12 kgce/GJ); diesel 1.4571 kgce/kg
-- at 0.83 kg/L.  CO2 (NDRC 2015 guideline, MEE/NBS grid factors): electricity
-- Liaoning 0.5876 (2021) and 0.5626 (2022), Guangxi 0.5154 and 0.4044
-- kgCO2/kWh; natural gas 38.931 GJ/1000 m³ × 15.3 tC/TJ × 0.99 × 44/12
-- = 2.16218880885 kgCO2/m³; heat 110 kgCO2/GJ; diesel 42.652 GJ/t × 20.2
-- × 0.98 × 44/12 = 3.09590963733 kgCO2/kg; PV 0, green electricity 0 when
-- market-based.
--
-- By hand, institution A (11210102MB0123456T, 沈阳市和平区, 机关):
--   2021 electricity 181 000 + 184 000 = 365 000 kWh × 0.1229 = 44 858.5 kgce
--        gas 1 400 + 3 100 + 4 500 + 27 500 = 36 500 m³ × 1.2143 = 44 321.95 kgce
--        kgce 89 180.45; per m² 89 180.45 / 10 000 = 8.918045; per person / 500 = 178.3609
--        CO2 365 000 × 0.5876 + 36 500 × 2.16218880885 = 214 474 + 78 919.8915285 = 293 393.8915285
--   2022 electricity 162 900 + 165 600 = 328 500 kWh, PV 10 000 kWh (0.1229 each): 41 601.65
--        gas 32 850 × 1.2143 = 39 889.755; kgce 81 491.405; per m² 8.1491405
--        change per m² (8.1491405 − 8.918045) / 8.918045 = −0.0862189526965
--        PUE 36 500 / 25 000 = 1.46; PV share 10 000 / 338 500; NEV share 2 / 4 = 0.5
-- B (大连市, known by its city only, 教育): heat 7 400 + 4 700 (of the 12 100 GJ bill
--   over 2021-11-15 .. 2022-03-15, 121 days: 47 in 2021, 74 in 2022) = 12 100 GJ a year
--   × 34.12 = 412 852 kgce; electricity 20 万kWh × 0.1229 = 24 580; kgce 437 432.
--   2022: electricity 23 351, heat 412 852, diesel 1 000 L × 0.83 × 1.4571 = 1 209.393.
-- C (南宁市青秀区, 卫生): 2022 electricity 400 000 + green 80 000 kWh = 58 992 kgce, gas
--   9 000 × 1.2143 = 10 928.7; CO2 480 000 × 0.4044 + 9 000 × 2.16218880885
--   = 194 112 + 19 459.6992797 = 213 571.699281, market-based 80 000 × 0.4044 less.
-- D (桂林市七星区, 教育): no building area: per-m² figures NULL.
-- E (广西, province only, 社会团体, new in 2022, meter with CT ratio 10):
--   (3 000 − 1 000) × 10 = 20 000 kWh × 0.1229 = 2 458 kgce; × 0.4044 = 8 088 kgCO2.
-- Roll-ups are ratios of sums, e.g. Guangxi 2022 kgce per person
--   (69 920.7 + 13 519 + 2 458) / (2 000 + 800 + 50) = 30.1395438596, where the mean of
--   the three institutions' ratios would be 33.6730333333; per m² only C and E count
--   (D has no area): 72 378.7 / 26 000 = 2.78379615385, coverage 2/3.
-- Changes are over the like-for-like set: Guangxi kgce 2022 over {C, D} (E is new):
--   (69 920.7 + 13 519) / (73 593 + 12 290) − 1 = −0.0284491692186.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();
SET LOCAL timezone = 'Asia/Shanghai';

SELECT energy.create_model('prov', 'test round') \gset
\set model prov
\i test/data/model_fixture.sql

-- got within 1e-10 of want (relative, or absolute below 1), or both NULL
CREATE FUNCTION pg_temp.near(got double precision, want numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    RETURN (got IS NULL AND want IS NULL) OR abs(got::numeric - want) <= 1e-10 * greatest(1, abs(want));

-- ---------------------------------------------------------------------
-- institution_year
-- ---------------------------------------------------------------------
CREATE TEMP TABLE want_iy (institution_id text, year integer, kgce numeric, tce numeric, kgco2 numeric,
    kgco2_market numeric, water_m3 numeric, electricity_kwh numeric, building_area_m2 numeric, people numeric,
    kgce_per_m2 numeric, kgce_per_person numeric, water_m3_per_person numeric, kgco2_per_m2 numeric, kwh_per_m2 numeric);
INSERT INTO want_iy VALUES
    ('11210102MB0123456T', 2021, 89180.45, 89.18045, 293393.8915285, 293393.8915285, 18250, 365000, 10000, 500, 8.918045, 178.3609, 36.5, 29.33938915285, 36.5),
    ('11210102MB0123456T', 2022, 81491.405, 81.491405, 255842.00237565, 255842.00237565, 16425, 338500, 10000, 500, 8.1491405, 162.98281, 32.85, 25.58420023756, 33.85),
    ('12210200MB0234567B', 2021, 437432, 437.432, 1448520, 1448520, 30000, 200000, 20000, 1000, 21.8716, 437.432, 30, 72.426, 10),
    ('12210200MB0234567B', 2022, 437412.393, 437.412393, 1440463.604999, 1440463.604999, 33000, 190000, 20000, 1200, 21.87061965, 364.5103275, 27.5, 72.02318024995, 9.5),
    ('12450103MB0345678X', 2021, 73593, 73.593, 279321.88809, 279321.88809, 40000, 500000, 25000, 2000, 2.94372, 36.7965, 20, 11.1728755236, 20),
    ('12450103MB0345678X', 2022, 69920.7, 69.9207, 213571.699281, 181219.699281, 38000, 480000, 25000, 2000, 2.796828, 34.96035, 19, 8.54286797124, 19.2),
    ('12450305MB0456789D', 2021, 12290, 12.29, 51540, 51540, 20000, 100000, NULL, 800, NULL, 15.3625, 25, NULL, NULL),
    ('12450305MB0456789D', 2022, 13519, 13.519, 44484, 44484, 21000, 110000, NULL, 800, NULL, 16.89875, 26.25, NULL, NULL),
    ('GX-SH-0001', 2022, 2458, 2.458, 8088, 8088, 1000, 20000, 1000, 50, 2.458, 49.16, 20, 8.088, 20);
SELECT is_empty($$
    SELECT coalesce(w.institution_id, g.institution_id), coalesce(w.year, g.year), c.col, c.got, c.want
      FROM want_iy w FULL JOIN prov.institution_year g USING (institution_id, year)
     CROSS JOIN LATERAL (VALUES ('kgce', g.kgce, w.kgce), ('tce', g.tce, w.tce), ('kgco2', g.kgco2, w.kgco2),
            ('kgco2_market', g.kgco2_market, w.kgco2_market), ('water_m3', g.water_m3, w.water_m3),
            ('electricity_kwh', g.electricity_kwh, w.electricity_kwh),
            ('building_area_m2', g.building_area_m2::double precision, w.building_area_m2),
            ('people', g.people::double precision, w.people), ('kgce_per_m2', g.kgce_per_m2, w.kgce_per_m2),
            ('kgce_per_person', g.kgce_per_person, w.kgce_per_person),
            ('water_m3_per_person', g.water_m3_per_person, w.water_m3_per_person),
            ('kgco2_per_m2', g.kgco2_per_m2, w.kgco2_per_m2), ('kwh_per_m2', g.kwh_per_m2, w.kwh_per_m2)) AS c(col, got, want)
     WHERE NOT pg_temp.near(c.got, c.want)$$,
  'institution_year: 综合能耗, CO2, water, electricity and the four indicators of every institution-year, by hand');

CREATE TEMP TABLE want_change (institution_id text, year integer, kgce numeric, kgco2 numeric, water_m3 numeric,
    kgce_per_m2 numeric, kgce_per_person numeric, water_m3_per_person numeric, kgco2_per_m2 numeric, kwh_per_m2 numeric);
INSERT INTO want_change VALUES
    ('11210102MB0123456T', 2022, -0.08621895269647, -0.1279913803154, -0.1, -0.08621895269647, -0.08621895269647, -0.1, -0.1279913803154, -0.07260273972603),
    ('12210200MB0234567B', 2022, -4.482296676969e-05, -0.005561811366784, 0.1, -4.482296676969e-05, -0.166704019139, -0.08333333333333, -0.005561811366784, -0.05),
    ('12450103MB0345678X', 2022, -0.04990012637071, -0.2353921823263, -0.05, -0.04990012637071, -0.04990012637071, -0.05, -0.2353921823263, -0.04),
    ('12450305MB0456789D', 2022, 0.1, -0.1369033760186, 0.05, NULL, 0.1, 0.05, NULL, NULL);
SELECT is_empty($$
    SELECT g.institution_id, g.year, c.col, c.got, c.want
      FROM prov.institution_year g LEFT JOIN want_change w USING (institution_id, year)
     CROSS JOIN LATERAL (VALUES ('kgce', g.kgce_change, w.kgce), ('kgco2', g.kgco2_change, w.kgco2),
            ('water_m3', g.water_m3_change, w.water_m3), ('kgce_per_m2', g.kgce_per_m2_change, w.kgce_per_m2),
            ('kgce_per_person', g.kgce_per_person_change, w.kgce_per_person),
            ('water_m3_per_person', g.water_m3_per_person_change, w.water_m3_per_person),
            ('kgco2_per_m2', g.kgco2_per_m2_change, w.kgco2_per_m2),
            ('kwh_per_m2', g.kwh_per_m2_change, w.kwh_per_m2)) AS c(col, got, want)
     WHERE NOT pg_temp.near(c.got, c.want)$$,
  'institution_year: changes on 2021 by hand, NULL in the first year, for the new institution and where an input is missing');

SELECT results_eq($$
    SELECT institution_id, year, region_name, province_code, city_code, county_code, category_name, department,
           credit_code_valid
      FROM prov.institution_year ORDER BY 1, 2$$,
  $$VALUES ('11210102MB0123456T', 2021, '和平区', '210000', '210100', '210102', '机关', '省机关事务管理局', true),
           ('11210102MB0123456T', 2022, '和平区', '210000', '210100', '210102', '机关', '省机关事务管理局', true),
           ('12210200MB0234567B', 2021, '大连市', '210000', '210200', NULL, '教育', '省教育厅', true),
           ('12210200MB0234567B', 2022, '大连市', '210000', '210200', NULL, '教育', '省教育厅', true),
           ('12450103MB0345678X', 2021, '青秀区', '450000', '450100', '450103', '卫生', '自治区卫生健康委', false),
           ('12450103MB0345678X', 2022, '青秀区', '450000', '450100', '450103', '卫生', '自治区卫生健康委', false),
           ('12450305MB0456789D', 2021, '七星区', '450000', '450300', '450305', '教育', '自治区教育厅', true),
           ('12450305MB0456789D', 2022, '七星区', '450000', '450300', '450305', '教育', '自治区教育厅', true),
           ('GX-SH-0001', 2022, '广西壮族自治区', '450000', NULL, NULL, '社会团体', NULL, false)$$,
  'institution_year: names, the region at each level, category, department, credit code check');

-- A 2022: data centre, PV, vehicles, the energy mix; B 2022: heat and diesel; C 2022: green electricity.
SELECT ok(pg_temp.near(pue, 1.46) AND pg_temp.near(pv_share, 10000 / 338500.0) AND pg_temp.near(nev_share, 0.5)
          AND pg_temp.near(datacentre_kwh, 36500) AND pg_temp.near(datacentre_it_kwh, 25000) AND pg_temp.near(pv_kwh, 10000)
          AND pg_temp.near(electricity_kgce, 40372.65) AND pg_temp.near(renewable_kgce, 1229) AND pg_temp.near(gas_kgce, 39889.755)
          AND pg_temp.near(electricity_share, 40372.65 / 81491.405) AND pg_temp.near(gas_share, 39889.755 / 81491.405)
          AND pg_temp.near(renewable_share, 1229 / 81491.405) AND coal_share = 0 AND oil_share = 0 AND heat_share = 0
          AND other_share = 0 AND pg_temp.near(electrification_rate, 41601.65 / 81491.405)
          AND pg_temp.near(kgco2_scope1, 32850 * 2.1621888088500) AND pg_temp.near(kgco2_scope2, 328500 * 0.5626)
          AND vehicles_added = 4 AND nev_added = 2 AND kgce_primary IS NULL)
  FROM prov.institution_year WHERE institution_id = '11210102MB0123456T' AND year = 2022;
SELECT ok(pg_temp.near(heat_kgce, 412852) AND pg_temp.near(oil_kgce, 1209.393) AND pg_temp.near(electricity_kgce, 23351)
          AND pg_temp.near(heat_share, 412852 / 437412.393) AND pg_temp.near(oil_share, 1209.393 / 437412.393)
          AND pg_temp.near(electricity_share + heat_share + oil_share, 1)
          AND pg_temp.near(kgco2_scope1, 830 * 3.09590963733) AND pg_temp.near(kgco2_scope2, 190000 * 0.5626 + 12100 * 110)
          AND pue IS NULL AND nev_share IS NULL AND pv_share = 0)
  FROM prov.institution_year WHERE institution_id = '12210200MB0234567B' AND year = 2022;
SELECT ok(pg_temp.near(kgco2 - kgco2_market, 80000 * 0.4044) AND pg_temp.near(electricity_kgce, 480000 * 0.1229))
  FROM prov.institution_year WHERE institution_id = '12450103MB0345678X' AND year = 2022;
SELECT is(sum(electricity_share + coal_share + oil_share + gas_share + heat_share + renewable_share + other_share)::numeric(20, 12),
          9::numeric(20, 12), 'the seven shares of the energy mix add up to 1 in each of the 9 institution-years')
  FROM prov.institution_year;

SELECT results_eq($$SELECT institution_id, year, energy_records, water_records, unconverted, notes
                      FROM prov.institution_year ORDER BY 1, 2$$,
  -- records count once per month they cover.  A 2021: electricity 6 + 6, gas 1 (the 15th goes to the
  -- next bill) + 2 + 2 + 9; 2022: electricity 12, gas 12, PV 12 (the data-centre rows are not additive).
  -- B 2021: electricity 12, heat 3 (Jan–Mar) + 2 (Nov–Dec); 2022: 12, heat 3 + 2, diesel 12.  C: 12 a
  -- carrier.  E: the meter's 12 months.  Water: 12 months everywhere.
  $$VALUES ('11210102MB0123456T', 2021, 26, 12, NULL::text, NULL::text),
           ('11210102MB0123456T', 2022, 36, 12, NULL, NULL),
           ('12210200MB0234567B', 2021, 17, 12, NULL, NULL),
           ('12210200MB0234567B', 2022, 29, 12, NULL, NULL),
           ('12450103MB0345678X', 2021, 24, 12, NULL, NULL),
           ('12450103MB0345678X', 2022, 36, 12, NULL, NULL),
           ('12450305MB0456789D', 2021, 12, 12, NULL, 'building area unknown: indicators per m² left out'),
           ('12450305MB0456789D', 2022, 12, 12, NULL, 'building area unknown: indicators per m² left out'),
           ('GX-SH-0001', 2022, 12, 12, NULL, 'not present in 2021: no changes')$$,
  'records behind each figure, once per month they cover (the 2021-22 heat bill in five months of two years) and the notes');

-- 等价值: with a power-supply coal rate of 0.3 kgce/kWh for 2022 in a set of the user's,
-- A 2022 = 81 491.405 − 338 500 × 0.1229 + 338 500 × 0.3 = 141 439.755 kgce; 2021 has no rate.
INSERT INTO energy.factor_set (name, parent, description) VALUES ('supply_rate', 'gb2589', 'test: a 2022 power-supply coal rate');
INSERT INTO energy.coal_factor (factor_set, carrier, basis, valid_from, valid_to, kgce_per_unit, per_unit, source, grade)
VALUES ('supply_rate', 'electricity', 'primary', '2022-01-01', '2023-01-01', 0.3, 'kWh', 'test value', 'user');
UPDATE energy.model SET factor_set = 'supply_rate' WHERE name = 'prov';
SELECT ok(count(*) = 3, 'the model''s factor set changed: rebuild_model') FROM energy.rebuild_model('prov');
SELECT results_eq($$SELECT institution_id, year, round(kgce_primary::numeric, 6) FROM prov.institution_year
                     WHERE institution_id IN ('11210102MB0123456T', '12210200MB0234567B') ORDER BY 1, 2$$,
  $$VALUES ('11210102MB0123456T', 2021, NULL::numeric), ('11210102MB0123456T', 2022, 141439.755),
           ('12210200MB0234567B', 2021, NULL), ('12210200MB0234567B', 2022, 437412.393 - 23351 + 190000 * 0.3)$$,
  'kgce_primary (等价值): electricity at the year''s power-supply coal rate where one is loaded, NULL where none is');
SELECT is(round(kgce_primary::numeric, 6), 81491.405 - 41601.65 + 338500 * 0.3, 'the region roll-up sums it')
  FROM prov.region_year WHERE level = 'city' AND region_code = '210100' AND year = 2022;
UPDATE energy.model SET factor_set = 'gb2589' WHERE name = 'prov';
SELECT ok(count(*) = 3, 'and back') FROM energy.rebuild_model('prov');

-- ---------------------------------------------------------------------
-- Roll-ups.  Columns: institutions, kgce, kgco2, water_m3, kgce_per_m2 with
-- its institutions and coverage, kgce_per_person with its institutions,
-- water_m3_per_person, kgco2_per_m2, kwh_per_m2, kgce_change with its
-- like-for-like institutions, kgce_per_m2_change with its institutions,
-- kgce_per_person_change, water_m3_per_person_change, kgco2_per_m2_change,
-- kwh_per_m2_change.
-- ---------------------------------------------------------------------
CREATE FUNCTION pg_temp.rollup_mismatches(got_query text, want_query text, keys text[]) RETURNS SETOF text
    LANGUAGE plpgsql AS $f$
DECLARE
    cols text[] := ARRAY['institutions', 'kgce', 'kgco2', 'water_m3', 'kgce_per_m2', 'kgce_per_m2_institutions',
        'kgce_per_m2_coverage', 'kgce_per_person', 'kgce_per_person_institutions', 'water_m3_per_person',
        'kgco2_per_m2', 'kwh_per_m2', 'kgce_change', 'kgce_change_institutions', 'kgce_per_m2_change',
        'kgce_per_m2_change_institutions', 'kgce_per_person_change', 'water_m3_per_person_change',
        'kgco2_per_m2_change', 'kwh_per_m2_change'];
    k text := (SELECT string_agg(format('coalesce(g.%I::text, ''-'') = coalesce(w.%I::text, ''-'')', c, c), ' AND ') FROM unnest(keys) c);
    shown text := (SELECT string_agg(format('coalesce(g.%I, w.%I)::text', c, c), ' || ''/'' || ') FROM unnest(keys) c);
BEGIN
    RETURN QUERY EXECUTE format($q$
        SELECT %s || ' ' || c.col || ': got ' || coalesce(c.got::text, 'NULL') || ', want ' || coalesce(c.want::text, 'NULL')
          FROM (%s) g FULL JOIN (%s) w ON %s
         CROSS JOIN LATERAL (VALUES %s) AS c(col, got, want)
         WHERE NOT pg_temp.near(c.got, c.want)$q$,
        shown, got_query, want_query, k,
        (SELECT string_agg(format('(%L, g.%I::double precision, w.%I::numeric)', c, c, c), ', ') FROM unnest(cols) c));
END $f$;

CREATE TEMP TABLE want_region (level text, region_code text, unallocated boolean, year integer,
    institutions numeric, kgce numeric, kgco2 numeric, water_m3 numeric, kgce_per_m2 numeric,
    kgce_per_m2_institutions numeric, kgce_per_m2_coverage numeric, kgce_per_person numeric,
    kgce_per_person_institutions numeric, water_m3_per_person numeric, kgco2_per_m2 numeric, kwh_per_m2 numeric,
    kgce_change numeric, kgce_change_institutions numeric, kgce_per_m2_change numeric,
    kgce_per_m2_change_institutions numeric, kgce_per_person_change numeric, water_m3_per_person_change numeric,
    kgco2_per_m2_change numeric, kwh_per_m2_change numeric);
INSERT INTO want_region VALUES
    ('all', NULL, false, 2021, 4, 612495.45, 2072775.7796185, 108250, 10.91282636364, 3, 0.75, 142.4408023256, 4, 25.17441860465, 36.74974144761, 19.36363636364, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('city', '210100', false, 2021, 1, 89180.45, 293393.8915285, 18250, 8.918045, 1, 1, 178.3609, 1, 36.5, 29.33938915285, 36.5, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('city', '210200', false, 2021, 1, 437432, 1448520, 30000, 21.8716, 1, 1, 437.432, 1, 30, 72.426, 10, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('city', '450100', false, 2021, 1, 73593, 279321.88809, 40000, 2.94372, 1, 1, 36.7965, 1, 20, 11.1728755236, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('city', '450300', false, 2021, 1, 12290, 51540, 20000, NULL, 0, 0, 15.3625, 1, 25, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('county', '210102', false, 2021, 1, 89180.45, 293393.8915285, 18250, 8.918045, 1, 1, 178.3609, 1, 36.5, 29.33938915285, 36.5, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('county', '210200', true, 2021, 1, 437432, 1448520, 30000, 21.8716, 1, 1, 437.432, 1, 30, 72.426, 10, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('county', '450103', false, 2021, 1, 73593, 279321.88809, 40000, 2.94372, 1, 1, 36.7965, 1, 20, 11.1728755236, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('county', '450305', false, 2021, 1, 12290, 51540, 20000, NULL, 0, 0, 15.3625, 1, 25, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('province', '210000', false, 2021, 2, 526612.45, 1741913.8915285, 48250, 17.55374833333, 2, 1, 351.0749666667, 2, 32.16666666667, 58.06379638428, 18.83333333333, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('province', '450000', false, 2021, 2, 85883, 330861.88809, 60000, 2.94372, 1, 0.5, 30.6725, 2, 21.42857142857, 11.1728755236, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('all', NULL, false, 2022, 5, 604801.498, 1962449.306656, 109425, 10.55861603571, 4, 0.8, 132.9234061538, 5, 24.04945054945, 34.24938047599, 18.36607142857, -0.01657473863683, 4, -0.01896176051051, 3, -0.06028252803075, -0.04289966641006, -0.05509425178684, -0.05305164319249),
    ('city', '210100', false, 2022, 1, 81491.405, 255842.00237565, 16425, 8.1491405, 1, 1, 162.98281, 1, 32.85, 25.58420023756, 33.85, -0.08621895269647, 1, -0.08621895269647, 1, -0.08621895269647, -0.1, -0.1279913803154, -0.07260273972603),
    ('city', '210200', false, 2022, 1, 437412.393, 1440463.604999, 33000, 21.87061965, 1, 1, 364.5103275, 1, 27.5, 72.02318024995, 9.5, -4.482296676969e-05, 1, -4.482296676969e-05, 1, -0.166704019139, -0.08333333333333, -0.005561811366784, -0.05),
    ('city', '450000', true, 2022, 1, 2458, 8088, 1000, 2.458, 1, 1, 49.16, 1, 20, 8.088, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('city', '450100', false, 2022, 1, 69920.7, 213571.699281, 38000, 2.796828, 1, 1, 34.96035, 1, 19, 8.54286797124, 19.2, -0.04990012637071, 1, -0.04990012637071, 1, -0.04990012637071, -0.05, -0.2353921823263, -0.04),
    ('city', '450300', false, 2022, 1, 13519, 44484, 21000, NULL, 0, 0, 16.89875, 1, 26.25, NULL, NULL, 0.1, 1, NULL, 0, 0.1, 0.05, NULL, NULL),
    ('county', '210102', false, 2022, 1, 81491.405, 255842.00237565, 16425, 8.1491405, 1, 1, 162.98281, 1, 32.85, 25.58420023756, 33.85, -0.08621895269647, 1, -0.08621895269647, 1, -0.08621895269647, -0.1, -0.1279913803154, -0.07260273972603),
    ('county', '210200', true, 2022, 1, 437412.393, 1440463.604999, 33000, 21.87061965, 1, 1, 364.5103275, 1, 27.5, 72.02318024995, 9.5, -4.482296676969e-05, 1, -4.482296676969e-05, 1, -0.166704019139, -0.08333333333333, -0.005561811366784, -0.05),
    ('county', '450000', true, 2022, 1, 2458, 8088, 1000, 2.458, 1, 1, 49.16, 1, 20, 8.088, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('county', '450103', false, 2022, 1, 69920.7, 213571.699281, 38000, 2.796828, 1, 1, 34.96035, 1, 19, 8.54286797124, 19.2, -0.04990012637071, 1, -0.04990012637071, 1, -0.04990012637071, -0.05, -0.2353921823263, -0.04),
    ('county', '450305', false, 2022, 1, 13519, 44484, 21000, NULL, 0, 0, 16.89875, 1, 26.25, NULL, NULL, 0.1, 1, NULL, 0, 0.1, 0.05, NULL, NULL),
    ('province', '210000', false, 2022, 2, 518903.798, 1696305.607375, 49425, 17.29679326667, 2, 1, 305.2375282353, 2, 29.07352941176, 56.54352024582, 17.61666666667, -0.01463818791219, 2, -0.01463818791219, 2, -0.1305631069813, -0.09615970740628, -0.02618285804808, -0.0646017699115),
    ('province', '450000', false, 2022, 3, 85897.7, 266143.699281, 60000, 2.783796153846, 2, 0.6666666666667, 30.13954385965, 3, 21.05263157895, 8.525373049269, 19.23076923077, -0.02844916921859, 2, -0.04990012637071, 1, -0.02844916921859, -0.01666666666667, -0.2353921823263, -0.04);
SELECT is_empty($$SELECT * FROM pg_temp.rollup_mismatches('SELECT * FROM prov.region_year', 'SELECT * FROM want_region',
                                                            '{level,region_code,unallocated,year}')$$,
  'region_year: every province, city, county (unallocated rows for B and E) and the whole, both years, by hand');

CREATE TEMP TABLE want_category (LIKE want_region);
ALTER TABLE want_category RENAME region_code TO category;
ALTER TABLE want_category DROP unallocated;
INSERT INTO want_category VALUES
    ('all', NULL, 2021, 4, 612495.45, 2072775.7796185, 108250, 10.91282636364, 3, 0.75, 142.4408023256, 4, 25.17441860465, 36.74974144761, 19.36363636364, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('category', '01', 2021, 1, 89180.45, 293393.8915285, 18250, 8.918045, 1, 1, 178.3609, 1, 36.5, 29.33938915285, 36.5, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('category', '02', 2021, 3, 523315, 1779381.88809, 90000, 11.35611111111, 2, 0.6666666666667, 137.7144736842, 3, 23.68421052632, 38.396486402, 15.55555555556, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('subcategory', '021', 2021, 2, 449722, 1500060, 50000, 21.8716, 1, 0.5, 249.8455555556, 2, 27.77777777778, 72.426, 10, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('subcategory', '024', 2021, 1, 73593, 279321.88809, 40000, 2.94372, 1, 1, 36.7965, 1, 20, 11.1728755236, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('all', NULL, 2022, 5, 604801.498, 1962449.306656, 109425, 10.55861603571, 4, 0.8, 132.9234061538, 5, 24.04945054945, 34.24938047599, 18.36607142857, -0.01657473863683, 4, -0.01896176051051, 3, -0.06028252803075, -0.04289966641006, -0.05509425178684, -0.05305164319249),
    ('category', '01', 2022, 1, 81491.405, 255842.00237565, 16425, 8.1491405, 1, 1, 162.98281, 1, 32.85, 25.58420023756, 33.85, -0.08621895269647, 1, -0.08621895269647, 1, -0.08621895269647, -0.1, -0.1279913803154, -0.07260273972603),
    ('category', '02', 2022, 3, 520852.093, 1698519.30428, 92000, 11.27406873333, 2, 0.6666666666667, 130.21302325, 3, 23, 36.75634009511, 14.88888888889, -0.00470635659211, 3, -0.007224513477814, 2, -0.0544710387625, -0.02888888888889, -0.0427160519251, -0.04285714285714),
    ('category', '03', 2022, 1, 2458, 8088, 1000, 2.458, 1, 1, 49.16, 1, 20, 8.088, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('subcategory', '021', 2022, 2, 450931.393, 1484947.604999, 54000, 21.87061965, 1, 0.5, 225.4656965, 2, 27, 72.02318024995, 9.5, 0.002689201328821, 2, -4.482296676969e-05, 1, -0.09757971880406, -0.028, -0.005561811366784, -0.05),
    ('subcategory', '024', 2022, 1, 69920.7, 213571.699281, 38000, 2.796828, 1, 1, 34.96035, 1, 19, 8.54286797124, 19.2, -0.04990012637071, 1, -0.04990012637071, 1, -0.04990012637071, -0.05, -0.2353921823263, -0.04);
SELECT is_empty($$SELECT * FROM pg_temp.rollup_mismatches('SELECT * FROM prov.category_year', 'SELECT * FROM want_category',
                                                            '{level,category,year}')$$,
  'category_year: 01, 02 = 021 + 024, the sub-classes, 03 and the whole, by hand');

CREATE TEMP TABLE want_department (LIKE want_region);
ALTER TABLE want_department RENAME region_code TO department;
INSERT INTO want_department VALUES
    ('all', NULL, false, 2021, 4, 612495.45, 2072775.7796185, 108250, 10.91282636364, 3, 0.75, 142.4408023256, 4, 25.17441860465, 36.74974144761, 19.36363636364, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('department', '省教育厅', false, 2021, 1, 437432, 1448520, 30000, 21.8716, 1, 1, 437.432, 1, 30, 72.426, 10, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('department', '省机关事务管理局', false, 2021, 1, 89180.45, 293393.8915285, 18250, 8.918045, 1, 1, 178.3609, 1, 36.5, 29.33938915285, 36.5, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('department', '自治区卫生健康委', false, 2021, 1, 73593, 279321.88809, 40000, 2.94372, 1, 1, 36.7965, 1, 20, 11.1728755236, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('department', '自治区教育厅', false, 2021, 1, 12290, 51540, 20000, NULL, 0, 0, 15.3625, 1, 25, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('all', NULL, false, 2022, 5, 604801.498, 1962449.306656, 109425, 10.55861603571, 4, 0.8, 132.9234061538, 5, 24.04945054945, 34.24938047599, 18.36607142857, -0.01657473863683, 4, -0.01896176051051, 3, -0.06028252803075, -0.04289966641006, -0.05509425178684, -0.05305164319249),
    ('department', NULL, true, 2022, 1, 2458, 8088, 1000, 2.458, 1, 1, 49.16, 1, 20, 8.088, 20, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL),
    ('department', '省教育厅', false, 2022, 1, 437412.393, 1440463.604999, 33000, 21.87061965, 1, 1, 364.5103275, 1, 27.5, 72.02318024995, 9.5, -4.482296676969e-05, 1, -4.482296676969e-05, 1, -0.166704019139, -0.08333333333333, -0.005561811366784, -0.05),
    ('department', '省机关事务管理局', false, 2022, 1, 81491.405, 255842.00237565, 16425, 8.1491405, 1, 1, 162.98281, 1, 32.85, 25.58420023756, 33.85, -0.08621895269647, 1, -0.08621895269647, 1, -0.08621895269647, -0.1, -0.1279913803154, -0.07260273972603),
    ('department', '自治区卫生健康委', false, 2022, 1, 69920.7, 213571.699281, 38000, 2.796828, 1, 1, 34.96035, 1, 19, 8.54286797124, 19.2, -0.04990012637071, 1, -0.04990012637071, 1, -0.04990012637071, -0.05, -0.2353921823263, -0.04),
    ('department', '自治区教育厅', false, 2022, 1, 13519, 44484, 21000, NULL, 0, 0, 16.89875, 1, 26.25, NULL, NULL, 0.1, 1, NULL, 0, 0.1, 0.05, NULL, NULL);
SELECT is_empty($$SELECT * FROM pg_temp.rollup_mismatches('SELECT * FROM prov.department_year', 'SELECT * FROM want_department',
                                                            '{level,department,unallocated,year}')$$,
  'department_year: each department, the institution without one, the whole, by hand');

-- Ratios of sums, not means of ratios.
SELECT ok(pg_temp.near(r.kgce_per_person, (69920.7 + 13519 + 2458) / (2000 + 800 + 50.0))
          AND NOT pg_temp.near(r.kgce_per_person, (SELECT avg(kgce_per_person::numeric) FROM prov.institution_year
                                                   WHERE province_code = '450000' AND year = 2022)),
          'Guangxi 2022 kgce per person is Σ kgce / Σ people = 30.1395438596, not the mean of the ratios, 33.6730333333')
  FROM prov.region_year r WHERE r.level = 'province' AND r.region_code = '450000' AND r.year = 2022;
SELECT is(round((SELECT avg(kgce_per_person::numeric) FROM prov.institution_year WHERE province_code = '450000' AND year = 2022), 10),
          33.6730333333, '... which is what the mean of ratios would have been');

SELECT results_eq($$SELECT level, region_code, region_name, parent_code, unallocated FROM prov.region_year
                     WHERE year = 2022 ORDER BY level, region_code NULLS FIRST$$,
  $$VALUES ('all', NULL, '全部', NULL, false),
           ('city', '210100', '沈阳市', '210000', false), ('city', '210200', '大连市', '210000', false),
           ('city', '450000', '广西壮族自治区（未细分到市）', '450000', true),
           ('city', '450100', '南宁市', '450000', false), ('city', '450300', '桂林市', '450000', false),
           ('county', '210102', '和平区', '210100', false), ('county', '210200', '大连市（未细分到县）', '210200', true),
           ('county', '450000', '广西壮族自治区（未细分到县）', '450000', true),
           ('county', '450103', '青秀区', '450100', false), ('county', '450305', '七星区', '450300', false),
           ('province', '210000', '辽宁省', NULL, false), ('province', '450000', '广西壮族自治区', NULL, false)$$,
  'region_year: names, parents, and unallocated rows that keep every institution at every level');
SELECT is_empty($$SELECT r.level, r.year FROM prov.region_year r GROUP BY r.level, r.year
                  HAVING NOT pg_temp.near(sum(r.kgce), (SELECT sum(kgce::numeric) FROM prov.institution_year y WHERE y.year = r.year))$$,
  'each level of region_year adds up to the whole: nothing dropped');

-- ---------------------------------------------------------------------
-- Monthly: bills calendarised as ENERGY STAR Portfolio Manager does.
-- A's gas bills, printed 01-01..01-15, 01-15..02-15, 02-15..03-31 (inclusive,
-- each sharing its last day with the next bill, 100 m³ a day): the shared day
-- goes to the later bill, so January = 14 + 17 days = 3 100 m³ and February
-- = 14 + 14 days = 2 800 m³ (read naively, January would be 1 400 + 3 100 ×
-- 17/32 = 3 046.875).
-- ---------------------------------------------------------------------
SELECT results_eq($$SELECT month, amount, unit, round(kgce::numeric, 6), records FROM prov.monthly
                     WHERE institution_id = '11210102MB0123456T' AND carrier = 'natural_gas' AND year = 2021 ORDER BY month$$,
  $$VALUES ('2021-01-01'::date, 3100::double precision, 'm³', 3764.33, 2), ('2021-02-01', 2800, 'm³', 3400.04, 2),
           ('2021-03-01', 3100, 'm³', 3764.33, 1), ('2021-04-01', 3000, 'm³', 3642.9, 1), ('2021-05-01', 3100, 'm³', 3764.33, 1),
           ('2021-06-01', 3000, 'm³', 3642.9, 1), ('2021-07-01', 3100, 'm³', 3764.33, 1), ('2021-08-01', 3100, 'm³', 3764.33, 1),
           ('2021-09-01', 3000, 'm³', 3642.9, 1), ('2021-10-01', 3100, 'm³', 3764.33, 1), ('2021-11-01', 3000, 'm³', 3642.9, 1),
           ('2021-12-01', 3100, 'm³', 3764.33, 1)$$,
  'monthly: the gas bills of A by month, the day two bills share credited to the later one');
SELECT results_eq($$SELECT month, amount, round(kgce::numeric, 6) FROM prov.monthly
                     WHERE institution_id = '12210200MB0234567B' AND carrier = 'heat' ORDER BY month$$,
  $$VALUES ('2021-01-01'::date, 3100000::double precision, 105772.0), ('2021-02-01', 2800000, 95536),
           ('2021-03-01', 1500000, 51180), ('2021-11-01', 1600000, 54592), ('2021-12-01', 3100000, 105772),
           ('2022-01-01', 3100000, 105772), ('2022-02-01', 2800000, 95536), ('2022-03-01', 1500000, 51180),
           ('2022-11-01', 1600000, 54592), ('2022-12-01', 3100000, 105772)$$,
  'monthly: heat in MJ (the base unit), the 2021-11-15..2022-03-15 bill shared over five months and two years');
-- ... each put on the binary grid of the amount: a part moves by at most one unit of the amount's last binary
-- digit (u ≤ |amount| × 2^-52), the last, which takes what the others leave, by at most the months × u
SELECT is_empty($$
    SELECT c.consumption_id, c.bucket_start
      FROM (SELECT c.consumption_id, c.amount, c.period_start, p.bucket_start, p.amount AS share,
                   count(*) OVER (PARTITION BY c.consumption_id) AS months
              FROM prov.consumption_period c
             CROSS JOIN LATERAL energy.prorate(daterange(c.period_start, c.period_end), c.amount, 'month') p) c
      FULL JOIN prov.consumption_part s
        ON s.consumption_id = c.consumption_id AND s.month = c.bucket_start AND s.day = greatest(c.bucket_start, c.period_start)
     WHERE s.day IS NULL OR c.consumption_id IS NULL
        OR abs(s.amount - c.share::double precision) > abs(c.amount::double precision) * 2^(-52) * c.months$$,
  'every monthly part is what energy.prorate(period, amount, ''month'') gives for its row, to the amount''s last binary digits');
-- ... put on the binary grid of the amount, so that the parts add up to it exactly: a year's figure is the row's
-- own (100 kWh over a year is 12.29 kgce, not 12.290000000000001)
SELECT is_empty($$
    SELECT c.consumption_id, c.amount, sum(s.amount)
      FROM prov.consumption_period c JOIN prov.consumption_part s ON s.consumption_id = c.consumption_id
     GROUP BY c.consumption_id, c.amount HAVING sum(s.amount) <> c.amount::double precision$$,
  'the monthly parts of each row add up, as doubles, exactly to its amount');
SELECT is_empty($$
    SELECT m.institution_id, m.year FROM prov.monthly m JOIN prov.institution_year y USING (institution_id, year)
     WHERE energy.is_energy(m.carrier::energy.carrier)
     GROUP BY m.institution_id, m.year, y.kgce HAVING NOT pg_temp.near(sum(m.kgce), y.kgce::numeric)$$,
  'the months of each institution add up to its year');
SELECT results_eq($$SELECT month, round(amount::numeric, 6) FROM prov.monthly WHERE institution_id = 'GX-SH-0001' AND carrier = 'electricity'
                     AND month IN ('2022-01-01', '2022-07-01') ORDER BY month$$,
  $$VALUES ('2022-01-01'::date, round(10000 * 31 / 181.0, 6)), ('2022-07-01', round(10000 * 31 / 184.0, 6))$$,
  'monthly: the meter''s 10 000 kWh of each half-year shared by time');

-- ---------------------------------------------------------------------
-- Data quality: exactly the findings planted in the fixture.
-- ---------------------------------------------------------------------
SELECT results_eq($$SELECT institution_id, year, rule, severity, detail, reference FROM prov.data_quality ORDER BY 1, 2, 3$$,
  $$VALUES
    ('12210200MB0234567B', 2021, 'bill_gap', 'info', '244 day(s) without any heat record: 2021-03-16 to 2021-11-14 (end use heating, account H-1): between two heating seasons, as expected',
     (SELECT consumption_id::text FROM prov.consumption WHERE account = 'H-1' AND lower(period) = '2021-11-15')),
    ('12210200MB0234567B', 2022, 'bill_gap', 'info', '244 day(s) without any heat record: 2022-03-16 to 2022-11-14 (end use heating, account H-1): between two heating seasons, as expected',
     (SELECT consumption_id::text FROM prov.consumption WHERE account = 'H-1' AND lower(period) = '2022-11-15')),
    ('12210200MB0234567B', 2022, 'people_change', 'warning', 'people 1000 in 2021, 1200 in 2022 (+20.0 %, more than 10 %)', NULL),
    ('12450103MB0345678X', NULL, 'credit_code', 'warning',
     'not a valid unified social credit code: check character is "X", but the first 17 characters give "T" (GB 32100-2015)', NULL),
    ('12450305MB0456789D', 2021, 'no_building_area', 'warning', 'building area unknown in 2021: indicators per m² left out', NULL),
    ('12450305MB0456789D', 2022, 'no_building_area', 'warning', 'building area unknown in 2022: indicators per m² left out', NULL),
    ('GX-SH-0001', NULL, 'credit_code', 'info', 'not a unified social credit code (an identifier of your own?): has 10 characters, not 18', NULL)$$,
  'data_quality: the bad and the local credit code, the missing area, the 20 % change of people, the gaps between heating seasons');

-- ---------------------------------------------------------------------
-- Only plain SQL types in the BI views.
-- ---------------------------------------------------------------------
SELECT is_empty($$
    SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = 'prov'::regnamespace
       AND c.relname IN ('institution_year', 'region_year', 'category_year', 'department_year', 'monthly', 'data_quality')
       AND a.attnum > 0 AND NOT a.attisdropped
       AND a.atttypid NOT IN ('text'::regtype, 'integer'::regtype, 'numeric'::regtype, 'double precision'::regtype,
                              'date'::regtype, 'boolean'::regtype)$$,
  'BI views: only text, integer, numeric, double precision, date and boolean columns');

-- A change that cannot be computed says why (a review, 2026-12-01): present in
-- 2021 by its profile but without energy, so 2022's changes of the energy
-- figures are NULL with a note (water: none in either year, no change asked).
INSERT INTO prov.institution (institution_id, name, region_code, category) VALUES ('CHG', '变化', '210102', '01');
INSERT INTO prov.profile (institution_id, year, building_area_m2, people) VALUES ('CHG', 2021, 1000, 10), ('CHG', 2022, 1000, 10);
INSERT INTO prov.consumption (institution_id, period, carrier, amount, unit) VALUES ('CHG', '[2022-01-01,2023-01-01)', 'electricity', 1000, 'kWh');
SELECT results_eq($$SELECT year, kgce_change, kgce_per_m2_change, notes FROM prov.institution_year WHERE institution_id = 'CHG' ORDER BY year$$,
  $$VALUES (2021, NULL::double precision, NULL::double precision, 'no energy consumption recorded; no water consumption recorded'),
           (2022, NULL, NULL, 'no water consumption recorded; no change of kgce, kgco2, kgce_per_m2, kgce_per_person, kgco2_per_m2, kwh_per_m2: unknown or zero in 2021')$$,
  'a change left out because the year before lacks the figure is named in notes');

-- energy.signed_percent: one decimal, more where one would print a change beyond ±10 % (the review flag) as 10.0 %
SELECT results_eq($$SELECT energy.signed_percent(0.2), energy.signed_percent(-0.055), energy.signed_percent(0.10009),
                           energy.signed_percent(-0.1000125), energy.signed_percent(0.1), energy.signed_percent(9999)$$,
  $$VALUES ('+20.0 %', '-5.5 %', '+10.009 %', '-10.00125 %', '+10.0 %', '+999900.0 %')$$,
  'signed_percent: +10.009 % is no longer printed as +10.0 % (more than 10 %)');
-- data_quality: the faults a demanding analyst meets in a year's files.
SELECT energy.create_model('dq') IS NOT NULL AS made \gset
INSERT INTO dq.institution (institution_id, name, region_code, category) VALUES
  ('U', 'unit slip', '450103', '01'), ('N', 'sign slip', '450103', '01'), ('D', 'credit twice', '450103', '01'),
  ('P', 'profile only', '450103', '01'), ('Q', 'gone in 2022', '450103', '01'), ('R', 'nothing at all', '450103', '01');
-- U: twelve monthly bills of 1 000 kWh, January written 度 and May 1 000 MWh
-- (1 000 times too large).  Per day in kWh: 1000/31 = 32.258 (six months),
-- 1000/30 = 33.333 (four), 1000/28 = 35.714 and May 1 000 000/31 = 32 258.06;
-- the median is (32.258 + 33.333) / 2 = 32.796, and May 983.6 times it.
-- (Compared by the unit's text, May was a group of one and never flagged.)
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account)
SELECT 'U', daterange(m, (m + interval '1 month')::date), 'electricity', 1000,
       CASE extract(month FROM m) WHEN 1 THEN '度' WHEN 5 THEN 'MWh' ELSE 'kWh' END, 'E-1'
  FROM generate_series('2022-01-01'::date, '2022-12-01', interval '1 month') AS g(t) CROSS JOIN LATERAL (SELECT g.t::date AS m) AS x;
SELECT results_eq($$SELECT detail FROM dq.data_quality WHERE institution_id = 'U' AND rule = 'bill_outlier'$$,
  $$VALUES ('electricity record of 2022-05-01 (1000 MWh) is 984 times the median per day of its 12 records (end use building, account E-1): a unit error?')$$,
  'a record in MWh among kWh bills is compared in kWh: 1 000 times too large is an outlier');
-- N: the same twelve bills in kWh and a credit of −30 000 kWh over March
-- (−300 meant): 12 000 − 30 000 = −18 000 kWh in the year.
-- D: the same bills and a credit of −300 kWh over March loaded twice.
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account)
SELECT i, daterange(m, (m + interval '1 month')::date), 'electricity', 1000, 'kWh', 'E-1'
  FROM (VALUES ('N'), ('D')) AS v(i),
       generate_series('2022-01-01'::date, '2022-12-01', interval '1 month') AS g(t) CROSS JOIN LATERAL (SELECT g.t::date AS m) AS x;
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account) VALUES
  ('N', '[2022-03-01,2022-04-01)', 'electricity', -30000, 'kWh', 'E-1'),
  ('D', '[2022-03-01,2022-04-01)', 'electricity', -300, 'kWh', 'E-1'), ('D', '[2022-03-01,2022-04-01)', 'electricity', -300, 'kWh', 'E-1');
SELECT results_eq($$SELECT institution_id, year, severity, detail FROM dq.data_quality WHERE rule = 'negative_total'$$,
  $$VALUES ('N', 2022, 'error', 'electricity records of 2022 add up to -18000 kWh, less than zero: more credits than bills (a credit entered twice, or a sign slip?); the year''s figures count it')$$,
  'a year whose records add up to less than zero is an error (only N: D nets 12 000 − 600)');
SELECT results_eq($$SELECT institution_id, year, severity, detail FROM dq.data_quality WHERE rule = 'credit_duplicate'$$,
  $$VALUES ('D', 2022, 'error', 'the same credit (-300 kWh of electricity over [2022-03-01,2022-04-01), end use building, account E-1) is recorded 2 times, and each copy is subtracted: a correction loaded twice?')$$,
  'the same credit twice is found (a credit is no link of the chain, so no bill_overlap told it)');
SELECT is((SELECT electricity_kwh FROM dq.institution_year WHERE institution_id = 'D' AND year = 2022), 11400::double precision,
  '... and both copies are subtracted: 12 000 − 2 × 300');
-- X: bills of 0.1 and 0.7 kWh and a credit of −0.8 that cancels them: 0.1 + 0.7 − 0.8 is −1.1e-16 in double
-- precision, no negative total. B2: one bill from 2022-12-15 to 2023-01-15 — a January of 2023 for B2 alone does
-- not make 2023 a year others report (every institution with 2022 records was told it had nothing for 2023).
INSERT INTO dq.institution (institution_id, name, region_code, category) VALUES ('X', 'cancelled', '450103', '01'), ('B2', 'into 2023', '450103', '01');
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account) VALUES
  ('X', '[2022-01-01,2022-02-01)', 'electricity', 0.1, 'kWh', 'X1'), ('X', '[2022-02-01,2022-03-01)', 'electricity', 0.7, 'kWh', 'X1'),
  ('X', '[2022-03-01,2022-04-01)', 'electricity', -0.8, 'kWh', 'X1'),
  ('B2', '[2022-12-15,2023-01-15)', 'electricity', 310, 'kWh', 'B');
SELECT ok((SELECT energy.amount(energy.rollup(ledger), 'electricity') FROM dq.year_ledger WHERE institution_id = 'X') < 0,
  'X''s year sums below zero in double precision (the check below would test nothing otherwise)');
SELECT is_empty($$SELECT * FROM dq.data_quality WHERE institution_id = 'X' AND rule = 'negative_total'$$,
  '... and that is no negative total (it was an error)');
-- P: a profile of 2022 and no records; Q: records of 2021 and none of 2022;
-- R: registered, nothing else.  2022 has records of U, N and D.
INSERT INTO dq.profile (institution_id, year, building_area_m2, people) VALUES ('P', 2022, 1000, 50);
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit) VALUES ('Q', '[2021-01-01,2022-01-01)', 'electricity', 5000, 'kWh');
SELECT results_eq($$SELECT institution_id, year, detail FROM dq.data_quality WHERE rule = 'no_records' ORDER BY institution_id$$,
  $$VALUES ('P', 2022, 'nothing recorded for 2022, though it has a profile of that year and other institutions have records of 2022: it is left out of the year''s figures and roll-ups; load its records, or ignore this if it had closed'),
           ('Q', 2022, 'nothing recorded for 2022, though it has records of 2021 and other institutions have records of 2022: it is left out of the year''s figures and roll-ups; load its records, or ignore this if it had closed'),
           ('R', NULL, 'nothing recorded and no profile: the institution counts in no figure')$$,
  'institutions with nothing recorded in a year others have records of (a profile or the year before says they should), or at all');
-- A share is at most 1: electricity of the grid and the roof, 1 000 + 500 kWh
-- (184.35 kgce), all of the energy — electrification rate 1, not the
-- 1.0000000000000002 of the two groups' sums added.
INSERT INTO dq.institution (institution_id, name, region_code, category) VALUES ('E', 'all electric', '450103', '01');
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit) VALUES
  ('E', '[2022-01-01,2023-01-01)', 'electricity', 1000, 'kWh'), ('E', '[2022-01-01,2023-01-01)', 'pv', 500, 'kWh');
SELECT results_eq($$SELECT kgce, electrification_rate FROM dq.institution_year WHERE institution_id = 'E'$$,
  $$VALUES (184.35::double precision, 1::double precision)$$, 'an institution on electricity alone: electrification rate exactly 1');
-- The same bills under two accounts (E-1 and E1, a typo) and a gas bill
-- with and without one: each copy counts — 24 000 kWh — and is a finding,
-- one per carrier and year; two bills alike in one account are no such
-- finding (bill_overlap tells them).
INSERT INTO dq.institution (institution_id, name, region_code, category) VALUES ('C', 'copied', '450103', '01');
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account)
SELECT 'C', daterange(m, (m + interval '1 month')::date), 'electricity', 1000, 'kWh', a
  FROM (VALUES ('E-1'), ('E1')) AS v(a),
       generate_series('2022-01-01'::date, '2022-12-01', interval '1 month') AS g(t) CROSS JOIN LATERAL (SELECT g.t::date AS m) AS x;
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account) VALUES
  ('C', '[2022-01-01,2022-02-01)', 'natural_gas', 50, 'm³', 'G-1'), ('C', '[2022-01-01,2022-02-01)', 'natural_gas', 50, 'm³', NULL);
SELECT results_eq($$SELECT year, detail FROM dq.data_quality WHERE rule = 'bill_other_account' ORDER BY detail$$,
  $$VALUES (2022, '1 natural_gas record of 2022 (end use building) recorded alike — the same days and amount — under account G-1 and without an account: each copy counts; the same bills loaded under two accounts?'),
           (2022, '12 electricity records of 2022 (end use building) recorded alike — the same days and amount — under accounts E-1, E1: each copy counts; the same bills loaded under two accounts?')$$,
  'the same bills under two accounts, or with and without one, are found (only C''s: D''s two credits are in one account)');
-- S: two water sub-meters read daily, W1 and W2, alike on 4 of their 10 days: a coincidence, no copy (the rule
-- takes at least half of each account's records of the year alike)
INSERT INTO dq.institution (institution_id, name, region_code, category) VALUES ('S', 'sub-meters', '450103', '01');
INSERT INTO dq.consumption (institution_id, period, carrier, amount, unit, account)
SELECT 'S', daterange(date '2022-01-01' + d, date '2022-01-02' + d), 'water', CASE WHEN a = 'W1' OR d < 4 THEN 10 + d ELSE 30 + d END, 'm³', a
  FROM generate_series(0, 9) AS d, (VALUES ('W1'), ('W2')) AS v(a);
SELECT is_empty($$SELECT * FROM dq.data_quality WHERE institution_id = 'S' AND rule = 'bill_other_account'$$,
  'two sub-meters alike on 4 of 10 days are no copies');
UPDATE dq.consumption SET amount = 10 + (lower(period) - date '2022-01-01') WHERE institution_id = 'S' AND account = 'W2' AND lower(period) = '2022-01-05';
SELECT results_eq($$SELECT detail FROM dq.data_quality WHERE institution_id = 'S' AND rule = 'bill_other_account'$$,
  $$VALUES ('5 water records of 2022 (end use building) recorded alike — the same days and amount — under accounts W1, W2: each copy counts; the same bills loaded under two accounts?')$$,
  '... on 5 of 10, half of them: told');
SELECT * FROM finish();
ROLLBACK;
