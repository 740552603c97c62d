\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
-- Quota ratings (sql/16_quotas.sql), by hand.
--
-- The standard: the Shandong figures for a grade-II hospital, zone A, as
-- quoted in shared/reference/factors.md (DB37/T 2673-2019), loaded from
-- test/data/quota_shandong_example.csv as an EXAMPLE standard (test data):
-- non-heating energy per m² 22.6 / 15.3 / 9.4 kgce, electricity per m² 73.1 /
-- 53.0 / 34.9 kWh, per person 907.4 / 556.9 / 428.3 kgce (constraint /
-- baseline / guide); and a row of our own on a 0.31 kgce/kWh basis, all
-- energy, 70 / 50 / 30.
-- Four hospitals of 10 000 m² and 400 people in 2023, electricity at 0.1229:
--   H1 2 000 000 kWh and 10 000 m³ of gas for heating (× 1.2143):
--      without heating 245 800 / 10 000 = 24.58: above the constraint (by
--      1.98); on 0.31, (620 000 + 12 143) / 10 000 = 63.2143: between
--      constraint and baseline; per person (245 800 + 12 143) / 400 = 644.8575
--   H2 1 500 000 kWh: 18.435 between constraint and baseline; 0.31: 46.5
--      between baseline and guide
--   H3 1 000 000 kWh: 12.29 between baseline and guide; 0.31: 31.0 also
--   H4   700 000 kWh: 8.603 better than the guide (by 0.797); 0.31: 21.7 too
-- A Guangzhou hospital (医院, 1 200 000 kWh, 10 000 m², 1 000 people) against
-- Guangdong's 2021 averages: 14.748 kgce/m² (average 15.88), 147.48 kgce per
-- person (294.06), water unknown.
BEGIN;
SELECT * FROM no_plan();
SET LOCAL extra_float_digits = 0;

SELECT results_eq($$SELECT quota_class, indicator, baseline_value FROM energy.quota_value WHERE standard = 'GD-2021-peer-average'
                     ORDER BY quota_class, indicator$$,
  $$VALUES ('中小学校', 'kgce_per_m2', 3.28), ('中小学校', 'kgce_per_person', 65.30), ('中小学校', 'water_m3_per_person', 43.38),
           ('医院', 'kgce_per_m2', 15.88), ('医院', 'kgce_per_person', 294.06), ('医院', 'water_m3_per_person', 55.87),
           ('场馆', 'kgce_per_m2', 9.87), ('场馆', 'kgce_per_person', 66.04), ('场馆', 'water_m3_per_person', 11.17),
           ('市级以下机关', 'kgce_per_m2', 11.02), ('市级以下机关', 'kgce_per_person', 397.34), ('市级以下机关', 'water_m3_per_person', 69.99),
           ('省级以上机关', 'kgce_per_m2', 12.49), ('省级以上机关', 'kgce_per_person', 517.33), ('省级以上机关', 'water_m3_per_person', 38.53),
           ('高等学校', 'kgce_per_m2', 4.77), ('高等学校', 'kgce_per_person', 102.80), ('高等学校', 'water_m3_per_person', 50.51)$$,
  'Guangdong''s 2021 peer averages shipped as a peer benchmark');
SELECT is((SELECT count(*)::integer FROM energy.quota_standard WHERE kind <> 'peer_average'), 0,
  'no quota standard is shipped as official (the Liaoning and Guangxi values are unconfirmed)');

-- the example standard, loaded from CSV
INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source, note)
VALUES ('DB37/T 2673-2019 (example)', '山东省公共机构能耗定额 (example rows)', '370000', 'example',
        'shared/reference/factors.md §3, quoting DB37/T 2673-2019', 'EXAMPLE test data: not for official ratings');
\copy energy.quota_value (standard, quota_class, indicator, energy_scope, electricity_basis, constraint_value, baseline_value, guide_value, note) FROM 'test/data/quota_shandong_example.csv' (FORMAT csv, HEADER)
SELECT is((SELECT count(*)::integer FROM energy.quota_value WHERE standard = 'DB37/T 2673-2019 (example)'), 3, 'three rows loaded from CSV');
INSERT INTO energy.quota_value (standard, quota_class, indicator, energy_scope, electricity_basis, constraint_value, baseline_value, guide_value)
VALUES ('DB37/T 2673-2019 (example)', '二级医院', 'kgce_per_m2', 'total', 0.31, 70, 50, 30);

SELECT energy.create_model('qt');
INSERT INTO qt.institution (institution_id, name, region_code, category, quota_class) VALUES
    ('H1', '济南某医院一', '370102', '024', '二级医院'), ('H2', '济南某医院二', '370103', '024', '二级医院'),
    ('H3', '济南某医院三', '370104', '024', '二级医院'), ('H4', '济南某医院四', '370105', '024', '二级医院'),
    ('GZ1', '广州某医院', '440103', '024', '医院');
INSERT INTO qt.profile (institution_id, year, building_area_m2, people) VALUES
    ('H1', 2023, 10000, 400), ('H2', 2023, 10000, 400), ('H3', 2023, 10000, 400), ('H4', 2023, 10000, 400),
    ('GZ1', 2023, 10000, 1000);
INSERT INTO qt.consumption (institution_id, period, carrier, amount, unit, end_use) VALUES
    ('H1', '[2023-01-01,2024-01-01)', 'electricity', 2000000, 'kWh', 'building'),
    ('H1', '[2023-01-01,2024-01-01)', 'natural_gas', 10000, 'm³', 'heating'),
    ('H2', '[2023-01-01,2024-01-01)', 'electricity', 1500000, 'kWh', 'building'),
    ('H3', '[2023-01-01,2024-01-01)', 'electricity', 1000000, 'kWh', 'building'),
    ('H4', '[2023-01-01,2024-01-01)', 'electricity', 700000, 'kWh', 'building'),
    ('GZ1', '[2023-01-01,2024-01-01)', 'electricity', 1200000, 'kWh', 'building');

SELECT results_eq($$SELECT institution_id, indicator, energy_scope, electricity_basis, round(value::numeric, 6), rating,
                           round(gap_to_constraint::numeric, 6), round(gap_to_guide::numeric, 6)
                      FROM qt.quota_rating WHERE standard = 'DB37/T 2673-2019 (example)' AND indicator = 'kgce_per_m2'
                     ORDER BY institution_id, electricity_basis$$,
  $$VALUES ('H1', 'kgce_per_m2', 'non_heating', 0.1229::float8, 24.58::numeric, 'above constraint', 1.98::numeric, 15.18::numeric),
           ('H1', 'kgce_per_m2', 'total', 0.31, 63.2143, 'between constraint and baseline', -6.7857, 33.2143),
           ('H2', 'kgce_per_m2', 'non_heating', 0.1229, 18.435, 'between constraint and baseline', -4.165, 9.035),
           ('H2', 'kgce_per_m2', 'total', 0.31, 46.5, 'between baseline and guide', -23.5, 16.5),
           ('H3', 'kgce_per_m2', 'non_heating', 0.1229, 12.29, 'between baseline and guide', -10.31, 2.89),
           ('H3', 'kgce_per_m2', 'total', 0.31, 31, 'between baseline and guide', -39, 1),
           ('H4', 'kgce_per_m2', 'non_heating', 0.1229, 8.603, 'better than guide', -13.997, -0.797),
           ('H4', 'kgce_per_m2', 'total', 0.31, 21.7, 'better than guide', -48.3, -8.3)$$,
  'ratings at each level, on the standard''s non-heating scope and on a 0.31 kgce/kWh basis');
SELECT results_eq($$SELECT indicator, round(value::numeric, 6), rating FROM qt.quota_rating
                     WHERE institution_id = 'H1' AND standard = 'DB37/T 2673-2019 (example)' AND indicator <> 'kgce_per_m2' ORDER BY indicator$$,
  $$VALUES ('kgce_per_person', 644.8575::numeric, 'between constraint and baseline'), ('kwh_per_m2', 200, 'above constraint')$$,
  'per person (heating included: the row''s scope is total) and electricity per m²');
SELECT results_eq($$SELECT standard, indicator, round(value::numeric, 6), rating, round(gap_to_baseline::numeric, 6) FROM qt.quota_rating
                     WHERE institution_id = 'GZ1' ORDER BY indicator$$,
  $$VALUES ('GD-2021-peer-average', 'kgce_per_m2', 14.748::numeric, 'at or below baseline', -1.132::numeric),
           ('GD-2021-peer-average', 'kgce_per_person', 147.48, 'at or below baseline', -146.58),
           ('GD-2021-peer-average', 'water_m3_per_person', NULL, 'insufficient data', NULL)$$,
  'a Guangzhou hospital against Guangdong''s peer averages only (not the Shandong rows)');
SELECT results_eq($$SELECT institution_id, rule, severity, detail, reference FROM qt.data_quality WHERE rule LIKE 'quota%' ORDER BY 1, 4$$,
  $$VALUES ('H1', 'quota_above_constraint', 'warning',
            'kgce per m² 24.5800 (without heating) above the constraint value 22.6 (约束值) of DB37/T 2673-2019 (example) (二级医院)',
            'DB37/T 2673-2019 (example)'),
           ('H4', 'quota_below_guide', 'info',
            'kgce per m² 21.7000 below the guide value 30 (引导值): check the energy and the area of DB37/T 2673-2019 (example) (二级医院), electricity at 0.31 kgce/kWh',
            'DB37/T 2673-2019 (example)'),
           ('H4', 'quota_below_guide', 'info',
            'kgce per m² 8.6030 (without heating) below the guide value 9.4 (引导值): check the energy and the area of DB37/T 2673-2019 (example) (二级医院)',
            'DB37/T 2673-2019 (example)')$$,
  'governance flags: per-area energy above a constraint value, below a guide value (peer averages raise none)');

-- a standard's most closely fitting row: a general row for category 02 (事业单位, above 024) and a row of the
-- class for Jinan (370100) beside the class's row for the whole province; a hospital of no class (H5) takes the
-- general row.  Non-heating kgce per m² at 0.1229: H1 24.58, H2 18.435, H3 12.29, H4 8.603, H5 2 000 000 × 0.1229
-- / 10 000 = 24.58 — against Jinan's 24 / 16 / 10 and the general 40 / 25 / 15.
INSERT INTO energy.quota_value (standard, region_code, category, quota_class, indicator, energy_scope, constraint_value, baseline_value, guide_value)
VALUES ('DB37/T 2673-2019 (example)', NULL, '02', NULL, 'kgce_per_m2', 'non_heating', 40, 25, 15),
       ('DB37/T 2673-2019 (example)', '370100', NULL, '二级医院', 'kgce_per_m2', 'non_heating', 24, 16, 10);
INSERT INTO qt.institution (institution_id, name, region_code, category) VALUES ('H5', '济南某医院五', '370102', '024');
INSERT INTO qt.profile (institution_id, year, building_area_m2, people) VALUES ('H5', 2023, 10000, 400);
INSERT INTO qt.consumption (institution_id, period, carrier, amount, unit, end_use) VALUES
    ('H5', '[2023-01-01,2024-01-01)', 'electricity', 2000000, 'kWh', 'building');
SELECT results_eq($$SELECT institution_id, row_region_code, row_category, row_quota_class, constraint_value, round(value::numeric, 6), rating
                      FROM qt.quota_rating WHERE standard = 'DB37/T 2673-2019 (example)' AND indicator = 'kgce_per_m2'
                       AND energy_scope = 'non_heating' ORDER BY institution_id$$,
  $$VALUES ('H1', '370100', NULL, '二级医院', 24::float8, 24.58::numeric, 'above constraint'),
           ('H2', '370100', NULL, '二级医院', 24, 18.435, 'between constraint and baseline'),
           ('H3', '370100', NULL, '二级医院', 24, 12.29, 'between baseline and guide'),
           ('H4', '370100', NULL, '二级医院', 24, 8.603, 'better than guide'),
           ('H5', NULL, '02', NULL, 40, 24.58, 'between baseline and guide')$$,
  'each institution rated once per standard, indicator, scope and basis: on Jinan''s row of its class, or on the general row without a class');
SELECT results_eq($$SELECT institution_id, detail FROM qt.data_quality WHERE rule LIKE 'quota%' AND detail LIKE '%without heating%' ORDER BY 1$$,
  $$VALUES ('H1', 'kgce per m² 24.5800 (without heating) above the constraint value 24 (约束值) of DB37/T 2673-2019 (example) (二级医院, region 370100)'),
           ('H4', 'kgce per m² 8.6030 (without heating) below the guide value 10 (引导值): check the energy and the area of DB37/T 2673-2019 (example) (二级医院, region 370100)')$$,
  '... and data_quality flags each once, naming the row');
-- its class before its category: a row for category 024 alone does not displace the class's row
INSERT INTO energy.quota_value (standard, category, indicator, energy_scope, constraint_value, baseline_value, guide_value)
VALUES ('DB37/T 2673-2019 (example)', '024', 'kgce_per_m2', 'non_heating', 30, 20, 12);
SELECT results_eq($$SELECT institution_id, row_region_code, row_category, row_quota_class, rating FROM qt.quota_rating
                     WHERE standard = 'DB37/T 2673-2019 (example)' AND indicator = 'kgce_per_m2' AND energy_scope = 'non_heating'
                       AND institution_id IN ('H1', 'H5') ORDER BY institution_id$$,
  $$VALUES ('H1', '370100', NULL, '二级医院', 'above constraint'), ('H5', NULL, '024', NULL, 'between constraint and baseline')$$,
  'H1 keeps its class''s row; H5 takes the row of its own category 024 (30 / 20 / 12) over the one of 02');

-- a row for the whole standard (no region, category or class) is named by the standard alone
INSERT INTO energy.quota_value (standard, indicator, constraint_value) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_m2', 20);
SELECT results_eq($$SELECT detail FROM qt.data_quality WHERE institution_id = 'H5' AND rule = 'quota_above_constraint'$$,
  $$VALUES ('kgce per m² 24.5800 above the constraint value 20 (约束值) of DB37/T 2673-2019 (example)')$$,
  'H5 above a general row''s constraint: 2 000 000 × 0.1229 / 10 000 = 24.58 > 20');
DELETE FROM energy.quota_value WHERE standard = 'DB37/T 2673-2019 (example)' AND indicator = 'kgce_per_m2' AND energy_scope = 'total'
   AND electricity_basis = 0.1229;

-- the statistics system's other review flag: building area or people more than 10 % off the year before
INSERT INTO qt.institution (institution_id, name, region_code, category) VALUES ('J1', '济南某局', '370102', '01');
INSERT INTO qt.profile (institution_id, year, building_area_m2, people) VALUES ('J1', 2022, 8000, 100), ('J1', 2023, 10000, 105);
SELECT results_eq($$SELECT rule, detail FROM qt.data_quality WHERE institution_id = 'J1' AND rule LIKE '%change' ORDER BY rule$$,
  $$VALUES ('building_area_change', 'building area 8000 m² in 2022, 10000 m² in 2023 (+25.0 %, more than 10 %)')$$,
  'building area 25 % up is flagged, people 5 % up is not');
-- an area entered in 万m² one year and in m² the next: the change printed whole
INSERT INTO qt.institution (institution_id, name, region_code, category) VALUES ('J2', '济南某所', '370102', '01');
INSERT INTO qt.profile (institution_id, year, building_area_m2, people) VALUES ('J2', 2022, 1.2, 50), ('J2', 2023, 12000, 5000);
SELECT results_eq($$SELECT rule, detail FROM qt.data_quality WHERE institution_id = 'J2' AND rule LIKE '%change' ORDER BY rule$$,
  $$VALUES ('building_area_change', 'building area 1.2 m² in 2022, 12000 m² in 2023 (+999900.0 %, more than 10 %)'),
           ('people_change', 'people 50 in 2022, 5000 in 2023 (+9900.0 %, more than 10 %)')$$,
  'changes of 1 000 % and more printed whole: (12 000 − 1.2) / 1.2 = +999 900 %, (5 000 − 50) / 50 = +9 900 %');
-- a credit (a negative amount over the bill's own days) nets against the bill: no overlap, nothing counted twice
INSERT INTO qt.consumption (institution_id, period, carrier, amount, unit, account) VALUES
    ('J1', daterange('2023-01-01', '2023-01-31', '[]'), 'electricity', 3100, 'kWh', 'E1'),
    ('J1', daterange('2023-01-01', '2023-01-31', '[]'), 'electricity', -100, 'kWh', 'E1'),
    ('J1', daterange('2023-02-01', '2023-02-28', '[]'), 'electricity', 2800, 'kWh', 'E1');
SELECT results_eq($$SELECT month, amount FROM qt.monthly WHERE institution_id = 'J1' ORDER BY month$$,
  $$VALUES ('2023-01-01'::date, 3000::double precision), ('2023-02-01', 2800)$$, 'a credit of 100 kWh: January 3 100 − 100');
SELECT is_empty($$SELECT * FROM qt.data_quality WHERE institution_id = 'J1' AND rule IN ('bill_gap', 'bill_overlap')$$,
  '... and data_quality finds no bill overlapping (a credit is no link of the chain)');

-- a record a thousand times too small (3 kWh typed for 3 000 in April): 0.1 kWh a day against the median 100 of
-- its seven records, flagged as 1/1000 of it
INSERT INTO qt.institution (institution_id, name, region_code, category) VALUES ('J3', '济南某站', '370102', '01');
INSERT INTO qt.consumption (institution_id, period, carrier, amount, unit, account)
SELECT 'J3', daterange(m, (m + interval '1 month')::date), 'electricity',
       CASE WHEN m = '2023-04-01' THEN 3 ELSE 100 * ((m + interval '1 month')::date - m) END, 'kWh', 'E9'
  FROM generate_series('2023-01-01'::date, '2023-07-01', interval '1 month') AS g(t) CROSS JOIN LATERAL (SELECT g.t::date AS m) AS x;
SELECT results_eq($$SELECT detail FROM qt.data_quality WHERE institution_id = 'J3' AND rule = 'bill_outlier'$$,
  $$VALUES ('electricity record of 2023-04-01 (3 kWh) is 1/1000 of the median per day of its 7 records (end use building, account E9): a unit error?')$$,
  'a record far below its chain''s median per day is an outlier too');

-- bad quota rows
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, quota_class, indicator, constraint_value, baseline_value, guide_value)
                   VALUES ('DB37/T 2673-2019 (example)', '一级医院', 'kgce_per_m2', 9.4, 15.3, 22.6)$$,
  '23514', 'levels of quota DB37/T 2673-2019 (example) kgce_per_m2 (一级医院) out of order: constraint 9.4, baseline 15.3, guide 22.6',
  'levels out of order (the guide above the constraint)');
SELECT throws_ok($$INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source)
                   VALUES ('x', 'x', '990000', 'official', 'test')$$,
  '23503', 'unknown province code "990000" of quota standard x', 'a standard of a province that does not exist (its rows would rate no one)');
SELECT throws_ok($$INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source)
                   VALUES ('x', 'x', '370000', 'official2', 'test')$$,
  '22023', 'unknown kind "official2" of quota standard x', 'an unknown kind of standard');
SELECT throws_like($$INSERT INTO energy.quota_value (standard, indicator, baseline_value) VALUES ('DB37/T 9999', 'kgce_per_m2', 1)$$,
  'unknown quota standard "DB37/T 9999"', 'a quota of an unknown standard (it was the foreign key''s bare 23503)');
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, indicator, baseline_value) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_cow', 1)$$,
  '22023', 'unknown quota indicator "kgce_per_cow" in DB37/T 2673-2019 (example)', 'an unknown indicator');
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, indicator, electricity_basis, baseline_value) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_m2', 3.1, 1)$$,
  '22023', 'electricity basis 3.1 of quota DB37/T 2673-2019 (example) kgce_per_m2 is not a standard-coal rate', 'a basis that is no rate');
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, indicator, region_code, baseline_value) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_m2', '379900', 1)$$,
  '23503', 'unknown region code "379900" of quota DB37/T 2673-2019 (example) kgce_per_m2', 'an unknown region');
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, indicator) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_m2')$$,
  '22023', 'quota DB37/T 2673-2019 (example) kgce_per_m2 has no value', 'a row without a value');
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, indicator, baseline_value) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_person', 'NaN')$$,
  '22023', 'quota DB37/T 2673-2019 (example) kgce_per_person has a level that is not a finite number', 'a NaN level');
SELECT throws_ok($$INSERT INTO energy.institution_category (code, name_zh, name_en, parent, assignable, source)
                   VALUES ('04', '其他', 'other', '04', true, 'test')$$,
  '23514', NULL, 'a category that is its own parent (it would count its institutions twice in a scope)');
SELECT throws_ok($$INSERT INTO energy.quota_value (standard, indicator, region_code, baseline_value) VALUES ('DB37/T 2673-2019 (example)', 'kgce_per_m2', '450100', 1)$$,
  '22023', 'region 450100 of quota DB37/T 2673-2019 (example) kgce_per_m2 lies outside the standard''s province', 'a region outside the standard''s province');
-- a standard moved to another province while a row names a city of the old one: that row would rate no one
-- (a review, 2026-12-02: accepted silently)
-- (the row for 济南, 370100, above)
SELECT throws_ok($$UPDATE energy.quota_standard SET province_code = '210000' WHERE standard = 'DB37/T 2673-2019 (example)'$$,
  '23514', 'quota standard DB37/T 2673-2019 (example) cannot move to province 210000: 1 of its rows are for regions outside it',
  'a standard cannot move away from the regions its rows name');
SELECT lives_ok($$UPDATE energy.quota_standard SET note = 'EXAMPLE test data (checked)' WHERE standard = 'DB37/T 2673-2019 (example)'$$,
  '... while other changes of it are accepted');
SELECT throws_ok($$UPDATE energy.quota_value SET baseline_value = 1 WHERE standard = 'GD-2021-peer-average'$$,
  '42501', NULL, 'shipped values are read-only');

-- (a review, 2026-12-02) A value exactly at the constraint value was rated above it (101 300 kWh × 0.1229 / 1 013 m²
-- is 12.290000000000001 in double precision) and flagged; a half year was rated as if it were the year.
INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source)
VALUES ('SD-review', '山东 example (review)', '370000', 'example', 'test');
INSERT INTO energy.quota_value (standard, category, indicator, constraint_value, baseline_value, guide_value)
VALUES ('SD-review', '01', 'kgce_per_m2', 12.29, 10, 8);
INSERT INTO qt.institution (institution_id, name, region_code, category) VALUES ('K1', '济南某局', '370102', '01'), ('P1', '济南某厅', '370102', '01');
INSERT INTO qt.profile (institution_id, year, building_area_m2, people) VALUES ('K1', 2023, 1013, 50), ('P1', 2023, 10000, 400);
INSERT INTO qt.consumption (institution_id, period, carrier, amount, unit) VALUES
    ('K1', '[2023-01-01,2024-01-01)', 'electricity', 101300, 'kWh'),
    ('P1', '[2023-01-01,2023-07-01)', 'electricity', 1000000, 'kWh');
SELECT results_eq($$SELECT institution_id, round(value::numeric, 6), months, rating, gap_to_constraint, gap_to_guide
                      FROM qt.quota_rating WHERE standard = 'SD-review' AND institution_id IN ('K1', 'P1') ORDER BY 1$$,
  $$VALUES ('K1', 12.29::numeric, 12, 'between constraint and baseline', 0::float8, 4.29::float8), ('P1', 12.29, 6, 'insufficient data', NULL, NULL)$$,
  'exactly at the constraint value 12.29 is within it (gap 0, not 1.8e-15); half a year (6 months) is no rating, nor gaps: the levels are per year');
SELECT is_empty($$SELECT institution_id, rule FROM qt.data_quality WHERE rule LIKE 'quota%' AND institution_id IN ('K1', 'P1')$$,
  '... and neither is flagged above the constraint');
SELECT results_eq($$SELECT energy_months, energy_whole, water_months, water_whole FROM qt.whole_year WHERE institution_id = 'P1' AND year = 2023$$,
  $$VALUES (6, false, 0, false)$$, 'whole_year: P1 has 6 months of energy in 2023');

SELECT * FROM finish();
ROLLBACK;
