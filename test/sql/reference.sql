-- Reference data of the reporting model (0.2.0): administrative divisions
-- (NBS 2023 统计用区划代码), institution categories, end uses; the value
-- checks (unified social credit codes, units); the energy-mix groups; the
-- primary-basis rate; read-only shipped rows and dumped user rows.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- ---------------------------------------------------------------------
-- Administrative divisions.  The NBS 2023 list (cut-off 2023-06-30): 31
-- provinces, 342 prefecture-level rows (9 of them placeholders: 市辖区 of
-- Beijing, Tianjin, Shanghai and Chongqing, 重庆 县, and the 省直辖县级行政区划
-- of Henan, Hubei, Hainan and Xinjiang), 2 978 county-level rows, of which
-- 124 development zones (xx71–xx79) and 3 that repeat their city's code
-- (东莞市, 中山市, 儋州市, cities without counties: kept once, as cities).
-- ---------------------------------------------------------------------
SELECT results_eq($$SELECT level, kind, count(*)::int FROM energy.admin_division GROUP BY 1, 2 ORDER BY 1, 2$$,
  $$VALUES ('city', 'division', 333), ('city', 'placeholder', 9), ('county', 'division', 2851), ('county', 'zone', 124),
           ('province', 'division', 31)$$,
  'the NBS 2023 list: 31 provinces, 342 city-level rows (9 placeholders), 2 975 county-level rows (124 zones)');
SELECT results_eq($$SELECT code, level, parent, name_zh FROM energy.admin_division
                     WHERE code IN ('210000', '210100', '210102', '210200', '450000', '450100', '450103', '450300',
                                    '450305', '110100', '419001', '441900', '130171') ORDER BY code$$,
  $$VALUES ('110100', 'city', '110000', '市辖区'), ('130171', 'county', '130100', '石家庄高新技术产业开发区'),
           ('210000', 'province', NULL, '辽宁省'), ('210100', 'city', '210000', '沈阳市'),
           ('210102', 'county', '210100', '和平区'), ('210200', 'city', '210000', '大连市'),
           ('419001', 'county', '419000', '济源市'), ('441900', 'city', '440000', '东莞市'),
           ('450000', 'province', NULL, '广西壮族自治区'), ('450100', 'city', '450000', '南宁市'),
           ('450103', 'county', '450100', '青秀区'), ('450300', 'city', '450000', '桂林市'),
           ('450305', 'county', '450300', '七星区')$$,
  'codes, levels, parents and names of Liaoning and Guangxi, a placeholder, a province-administered county, a zone');
SELECT results_eq($$SELECT count(*)::int FROM energy.admin_division WHERE code LIKE '21%' AND level = 'city'$$, $$VALUES (14)$$,
  'Liaoning has 14 prefecture-level cities');
SELECT results_eq($$SELECT count(*)::int FROM energy.admin_division WHERE code LIKE '45%' AND level = 'city'$$, $$VALUES (14)$$,
  'Guangxi has 14 prefecture-level cities');
SELECT is_empty($$SELECT d.code FROM energy.admin_division d LEFT JOIN energy.admin_division p ON p.code = d.parent
                   WHERE d.parent IS NOT NULL AND (p.code IS NULL OR left(p.code, 2) <> left(d.code, 2))$$,
  'every parent exists, in the same province');
SELECT ok((SELECT bool_and(shipped AND vintage = '2023' AND source LIKE 'National Bureau of Statistics, 2023年统计用区划代码%')
             FROM energy.admin_division), 'every shipped row says its source and vintage');

-- Users add older or local codes; shipped rows are read-only; parents are checked.
INSERT INTO energy.admin_division (code, level, parent, name_zh, kind, vintage, source, note)
VALUES ('210298', 'county', '210200', '测试区（旧码）', 'former', '2010', 'test', 'test: a code of an older vintage');
SELECT is((SELECT count(*)::int FROM energy.admin_division WHERE NOT shipped), 1, 'a user''s code is added');
SELECT throws_ok($$INSERT INTO energy.admin_division (code, level, parent, name_zh, vintage, source) VALUES ('219901', 'county', '219900', 'x', '2024', 'test')$$,
  '23503', 'division 219901 (county) has parent 219900, which is not in energy.admin_division', 'a parent that does not exist');
SELECT throws_ok($$INSERT INTO energy.admin_division (code, level, parent, name_zh, vintage, source) VALUES ('219901', 'county', '450100', 'x', '2024', 'test')$$,
  '23503', NULL, 'a parent of another province');
SELECT throws_ok($$UPDATE energy.admin_division SET name_zh = 'x' WHERE code = '210000'$$, '42501',
  'rows of energy.admin_division with shipped = true are the extension''s own and read-only', 'shipped rows are read-only');
SELECT throws_ok($$DELETE FROM energy.admin_division WHERE code = '210102'$$, '42501', NULL, '... and cannot be deleted');
SELECT throws_ok($$TRUNCATE energy.admin_division$$, '42501', NULL, '... nor truncated');
SELECT throws_ok($$INSERT INTO energy.admin_division (code, level, parent, name_zh, vintage, source, shipped) VALUES ('219902', 'county', '210200', 'x', '2024', 'test', true)$$,
  '42501', NULL, 'a user cannot mark a row shipped (it would drop out of dumps)');
SELECT throws_ok($$INSERT INTO energy.admin_division (code, level, parent, name_zh, vintage, source) VALUES ('219900', 'county', '210000', 'x', '2024', 'test')$$,
  '23514', NULL, 'a county code must not end in 00');

-- ---------------------------------------------------------------------
-- Categories and end uses.
-- ---------------------------------------------------------------------
SELECT results_eq($$SELECT code, name_zh, parent, assignable FROM energy.institution_category ORDER BY code$$,
  $$VALUES ('01', '机关', NULL, true), ('02', '事业单位', NULL, false), ('021', '教育', '02', true), ('022', '科技', '02', true),
           ('023', '文化', '02', true), ('024', '卫生', '02', true), ('025', '体育', '02', true), ('026', '其他', '02', true),
           ('03', '社会团体', NULL, true)$$,
  'the categories of the statistics system; 02 is the sum of 021–026');
SELECT results_eq($$SELECT code, additive, electricity_only FROM energy.end_use ORDER BY additive DESC, code$$,
  $$VALUES ('building', true, false), ('heating', true, false), ('other', true, false), ('pv_generation', true, false),
           ('vehicle', true, false), ('datacentre_it', false, true), ('datacentre_total', false, true), ('submeter', false, false)$$,
  'end uses: additive, and the parts already counted (其中项)');
SELECT throws_ok($$DELETE FROM energy.end_use WHERE code = 'building'$$, '42501', NULL, 'shipped end uses are read-only');
SELECT lives_ok($$INSERT INTO energy.end_use (code, name_zh, additive, description) VALUES ('canteen', '食堂', false, 'test: a sub-account')$$,
  'users add end uses of their own');
SELECT results_eq($$SELECT c.relname::text COLLATE "default", d.condition COLLATE "default" FROM pg_extension e
                     CROSS JOIN LATERAL unnest(e.extconfig, e.extcondition) AS d(oid, condition)
                     JOIN pg_class c ON c.oid = d.oid
                    WHERE e.extname = 'energy_ext' AND c.relname IN ('admin_division', 'institution_category', 'end_use', 'model')
                    ORDER BY 1$$,
  $$VALUES ('admin_division', 'WHERE NOT shipped'), ('end_use', 'WHERE NOT shipped'),
           ('institution_category', 'WHERE NOT shipped'), ('model', '')$$,
  'pg_dump keeps user rows of the reference tables and the whole model register');

-- ---------------------------------------------------------------------
-- Unified social credit codes (GB 32100-2015).  The standard's example
-- 91350100M000100Y43: weights 3^(i-1) mod 31, Σ = 1×9 + 3×1 + 9×3 + 27×5 + 19×0
-- + 26×1 + 16×0 + 17×0 + 20×21 (M) + 29×0 + 25×0 + 13×0 + 8×1 + 24×0 + 10×0
-- + 30×30 (Y) + 28×4 = 1 640; 1 640 mod 31 = 28; 31 − 28 = 3: the check is 3.
-- ---------------------------------------------------------------------
SELECT is(energy.credit_code_problem('91350100M000100Y43'), NULL, 'the standard''s example is well formed');
SELECT is(energy.credit_code_problem('11210102MB0123456T'), NULL, 'a made-up code with the right check character');
SELECT is(energy.credit_code_problem('91350100M000100Y44'), 'check character is "4", but the first 17 characters give "3" (GB 32100-2015)',
  'a wrong check character');
SELECT is(energy.credit_code_problem('91350100M000100Y4'), 'has 17 characters, not 18', 'too short');
SELECT is(energy.credit_code_problem('91350100M0001O0Y43'),
  'character "O" at position 14 is not used in credit codes (0-9 and the capitals A-Y without I, O, S, V, Z)', 'an O for a 0');
SELECT is(energy.credit_code_problem('91350100m000100Y43'),
  'character "m" at position 9 is not used in credit codes (0-9 and the capitals A-Y without I, O, S, V, Z); letters are capitals',
  'a small letter');
SELECT is(energy.credit_code_problem('91350100Ｍ000100Y43'),
  'character "Ｍ" at position 9 is not used in credit codes (0-9 and the capitals A-Y without I, O, S, V, Z)', 'a full-width letter');
SELECT is(energy.credit_code_problem(''), 'has 0 characters, not 18', 'empty');
SELECT is(energy.credit_code_problem(NULL), NULL, 'NULL gives NULL');
SELECT is((SELECT count(*)::int FROM generate_series(0, 30) i
            WHERE energy.credit_code_problem('91350100M000100Y4' || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', i + 1, 1)) IS NULL), 1,
  'exactly one of the 31 check characters is right');

-- ---------------------------------------------------------------------
-- Units, mix groups, the primary-basis rate.
-- ---------------------------------------------------------------------
SELECT results_eq($$SELECT energy.canonical_unit('electricity', '万kWh'), energy.canonical_unit('water', '吨'),
                           energy.canonical_unit('diesel', 'l'), energy.canonical_unit('heat', NULL), energy.canonical_unit(NULL, 'kg')$$,
  $$VALUES ('万kWh', 'm³', 'L', 'MJ', NULL::text)$$, 'canonical_unit: spellings to their canonical form; NULL for the base unit');
SELECT throws_ok($$SELECT energy.canonical_unit('water', 'kWh')$$, '22023', 'unit "kWh" does not fit carrier water', 'a unit that does not fit');
SELECT results_eq($$SELECT energy.mix_group(c), count(*)::int FROM energy.carriers k CROSS JOIN LATERAL (SELECT k.carrier AS c) x
                     GROUP BY 1 ORDER BY 1 NULLS LAST$$,
  $$VALUES ('coal', 8), ('electricity', 2), ('gas', 2), ('heat', 2), ('oil', 7), ('other', 1), ('renewable', 1), (NULL, 1)$$,
  'every carrier has a mix group but water');
SELECT is(energy.primary_rate('2022-06-30'), NULL, 'no power-supply coal rate is shipped');
INSERT INTO energy.factor_set (name, parent, description) VALUES ('rates', 'gb2589', 'test');
INSERT INTO energy.coal_factor (factor_set, carrier, basis, valid_from, valid_to, kgce_per_unit, per_unit, source, grade)
VALUES ('rates', 'electricity', 'primary', '2022-01-01', '2023-01-01', 0.3, 'kWh', 'test', 'user'),
       ('rates', 'electricity', 'primary', '2023-01-01', '2024-01-01', 302, 'MWh', 'test', 'user');
SET LOCAL energy.factor_set = 'rates';
SELECT results_eq($$SELECT energy.primary_rate('2021-12-31'), energy.primary_rate('2022-01-01'), energy.primary_rate('2023-07-01')$$,
  $$VALUES (NULL::float8, 0.3::float8, 0.302::float8)$$, 'primary_rate: the rate in force, per kWh, from the session''s set');

-- ---------------------------------------------------------------------
-- Ledger accessors of 0.2.0.
-- ---------------------------------------------------------------------
RESET energy.factor_set;
CREATE TEMP TABLE lr (carrier energy.carrier, amount float8, unit text, day date, region text);
INSERT INTO lr VALUES ('electricity', 1000, 'kWh', '2022-06-30', '450000'), ('pv', 100, 'kWh', '2022-06-30', '450000'),
                      ('diesel', 100, 'kg', '2022-06-30', '450000'), ('water', 10, 'm³', '2022-06-30', '450000'),
                      ('electricity', 500, 'kWh', '2023-06-30', '450000');
SELECT results_eq($$SELECT energy.rows(l, 'electricity'), energy.rows(l, 'coke'), energy.kgce_of(l, '{electricity,pv}'),
                           energy.kgce_of(l, '{diesel,diesel,NULL}'), energy.kgce_of(l, '{}'), energy.kgce_missing_rows(l),
                           energy.co2_missing_rows(l), energy.missing_factors(l)
                      FROM (SELECT energy.ledger(carrier, amount, unit, day, region) l FROM lr) s$$,
  $$VALUES (2::bigint, 0::bigint, 1600 * 0.1229::float8, 145.71::float8, 0::float8, 0::bigint, 1::bigint,
            'no CO2 factor for 1 row (electricity)')$$,
  'rows per carrier, standard coal of a group of carriers, what could not be converted');
SELECT is(energy.missing_factors(energy.ledger('electricity', 1, 'kWh', '2022-01-01', '450000')), NULL, 'NULL when everything was converted');
SELECT is(energy.missing_factors(energy.ledger('electricity', 1)), 'no CO2: rows aggregated without dates', 'an undated ledger has no CO2');
SELECT throws_ok($$SELECT energy.kgce_of(energy.ledger('manufactured_gas', 1), '{manufactured_gas}')$$, '42704', NULL,
  'kgce of a group fails where a carrier had no coefficient ...');
SELECT is(energy.kgce_of(energy.ledger('manufactured_gas', 1), '{electricity}'), 0::float8, '... but not for the other carriers');

SELECT * FROM finish();
ROLLBACK;
