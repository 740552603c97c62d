-- energy.kgco2: fuels, heat, steam and hot water, grid electricity by province,
-- year and basis, policies and fallback, PV and green electricity, scopes,
-- errors.  Expected values are hand-computed from shared/reference/factors.md §2.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();
\i test/data/error_of.sql

-- Fuels (set gb2589): E = amount × NCV × CC × OF × 44/12, per kg (per m³ for gas),
-- rounded to the four decimals of the factors.md table.
SELECT results_eq(
  $$SELECT c, round(energy.kgco2(c::energy.carrier, 1, u, '2023-06-30')::numeric, 4) FROM (VALUES
     ('raw_coal','kg'),('coke','kg'),('crude_oil','kg'),('fuel_oil','kg'),('gasoline','kg'),
     ('kerosene','kg'),('diesel','kg'),('lpg','kg'),('refinery_gas','kg'),('natural_gas','m³')) v(c, u)$$,
  $$VALUES ('raw_coal', 1.9003), ('coke', 2.8604), ('crude_oil', 3.0202), ('fuel_oil', 3.1705),
           ('gasoline', 2.9251), ('kerosene', 3.0179), ('diesel', 3.0959), ('lpg', 3.1013),
           ('refinery_gas', 3.0119), ('natural_gas', 2.1622)$$,
  'each fuel''s kgCO2 per unit matches factors.md §2');
-- Full precision: diesel 1 t = 42.652 GJ × 20.2 kgC/GJ × 0.98 × 44/12
--   = 42652·202·98·44 / (1000·10·100·12) = 37 150 915 648 / 12 000 000 kg.
SELECT is(energy.kgco2('diesel', 1, 't', '2023-06-30'), 37150915648::float8 / 12000000, 'diesel 1 t, exact');
-- 100 L of diesel = 83 kg: 83/1000 of the above.
SELECT is(energy.kgco2('柴油', 100, '升', '2023-06-30'), 37150915648::float8 * 83 / 12000000000, 'diesel 100 L via 0.83 kg/L');
-- natural gas 1 万m³ = 389.31 × 15.3 × 0.99 × 44/12 = 38931·153·99·44 / (100·10·100·12)
SELECT is(energy.kgco2('natural_gas', 1, '万m³', '2023-06-30'), 38931::float8 * 153 * 99 * 44 / 1200000, 'natural gas 1 万m³');
-- NDRC set: gasoline 1 t = 44.80 × 18.9 × 0.98 × 44/12 = 3 042.5472 kg (4 % above gb2589's 2 925.1)
SELECT is(energy.kgco2('gasoline', 1, 't', '2023-06-30', co2_set => 'ndrc2015'), 3042.5472::float8, 'NDRC set: gasoline');
SELECT throws_ok($$SELECT energy.kgco2('raw_coal', 1, 't', '2023-06-30', co2_set => 'ndrc2015')$$, '42704',
  'no CO2 factor for raw_coal in factor set "ndrc2015" on 2023-06-30',
  'the NDRC set is never completed silently from the other set');

-- A fuel without parameters: the hint's INSERT, filled in, is one the table takes (its per_unit was 't' for
-- every fuel, which a gas refuses: 22023); oilfield gas at 389.31 GJ/万m³, 15.3 tC/TJ, 0.99:
-- 389.31 × 15.3 × 0.99 × 44/12 = 38931·153·99·44 / (100·10·100·12) = 25 946 265 708 / 1 200 000 kg per 万m³
SELECT throws_ok($$SELECT energy.kgco2('oilfield_gas', 1, 'm³', '2023-06-30')$$, '42704',
  'no CO2 factor for oilfield_gas in factor set "gb2589" on 2023-06-30', 'oilfield gas has no shipped CO2 factor');
SELECT is((pg_temp.error_of($$SELECT energy.kgco2('oilfield_gas', 1, 'm³', '2023-06-30')$$)).hint,
  'Add the fuel''s parameters to your own set: INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, source, grade) VALUES (''my_set'', ''oilfield_gas'', ''万m³'', <GJ per 万m³>, <tC per TJ>, <oxidation, above 0 and at most 1>, ''<source>'', ''measured'').',
  'the hint names the carrier and a unit of its own');
INSERT INTO energy.factor_set (name, parent, description) VALUES ('my_set', 'gb2589', 'test: the hint filled in');
INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, source, grade)
  VALUES ('my_set', 'oilfield_gas', '万m³', 389.31, 15.3, 0.99, 'test', 'measured');
SELECT is(round(energy.kgco2('oilfield_gas', 1, '万m³', '2023-06-30', co2_set => 'my_set')::numeric, 5), 25946265708 / 1200000.0,
  '... and, filled in, the table takes it: 21 621.888 09 kg per 万m³');

-- A user's measured parameters, in a set inheriting from gb2589: gas at 360 GJ/万m³.
INSERT INTO energy.factor_set (name, parent, description) VALUES ('campus', 'gb2589', 'measured gas');
INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, source, grade)
  VALUES ('campus', 'natural_gas', '万m³', 360, 15.3, 0.99, 'supplier certificate', 'measured');
-- 1 万m³ = 360 × 15.3 × 0.99 × 44/12 = 360·153·99·44 / (10·100·12)
SELECT is(energy.kgco2('natural_gas', 1, '万m³', '2023-06-30', co2_set => 'campus'), 360::float8 * 153 * 99 * 44 / 12000,
  'user set: measured gas parameters');
SELECT is(energy.kgco2('diesel', 1, 't', '2023-06-30', co2_set => 'campus'), 37150915648::float8 / 12000000,
  'user set: other fuels from the parent');
SET LOCAL energy.co2_set = 'campus';
SELECT is(energy.kgco2('natural_gas', 1, '万m³', '2023-06-30'), 360::float8 * 153 * 99 * 44 / 12000, 'SET energy.co2_set');
RESET energy.co2_set;

-- Heat 0.11 tCO2/GJ; steam and hot water converted to GJ by the guideline's formulas.
SELECT is(energy.kgco2('heat', 1, 'GJ', '2023-06-30'), 110::float8, 'heat 1 GJ = 110 kg');
SELECT results_eq($$SELECT factor_kind, kgco2_per_unit, per_unit, scope FROM energy.explain_kgco2('heat', 1, 'GJ', '2023-06-30')$$,
  $$VALUES ('direct', 110::numeric, 'GJ', 2::smallint)$$, 'heat is a direct factor, scope 2');
SELECT is(energy.kgco2('热力', 100, '百万千焦', '2023-06-30'), 11000::float8, 'heat 100 百万千焦');
SELECT is(energy.kgco2('heat', 1, 'Gcal', '2023-06-30'), 460.548::float8, 'heat 1 Gcal = 4.1868 GJ × 110');
SELECT is(energy.steam_gj(10, 2763.74), 26.8::float8, 'steam: 10 t × (2 763.74 − 83.74) / 1000 = 26.8 GJ');
SELECT is(energy.kgco2('heat', energy.steam_gj(10, 2763.74), 'GJ', '2023-06-30'), 2948::float8, '... = 2 948 kgCO2');
SELECT is(energy.hot_water_gj(50, 60), 8.3736::float8, 'hot water: 50 t × (60 − 20) × 4.1868 / 1000 = 8.3736 GJ');
SELECT is(energy.kgco2('heat', energy.hot_water_gj(50, 60), 'GJ', '2023-06-30'), 921.096::float8, '... = 921.096 kgCO2');
SELECT is(energy.hot_water_gj(50, 20), 0::float8, 'hot water at 20 °C carries no heat');
-- (a review, 2026-12-02) to the published digits at 0.1 °C: (70.3 − 20) × 4.1868 / 1000 = 0.21059604,
-- (90.9 − 20) × 4.1868 / 1000 = 0.29684412, (38.6 − 20) × 4.1868 / 1000 = 0.07787448
SELECT results_eq($$SELECT energy.hot_water_gj(1, t)::text FROM unnest(ARRAY[70.3, 90.9, 38.6]) t$$,
  $$VALUES ('0.21059604'), ('0.29684412'), ('0.07787448')$$, 'hot water at 70.3, 90.9 and 38.6 °C: the published digits');
SELECT throws_ok($$SELECT energy.steam_gj(10, 50)$$, '22023', NULL, 'steam enthalpy below 83.74: negative difference');
SELECT throws_ok($$SELECT energy.hot_water_gj(10, 15)$$, '22023', NULL, 'hot water below 20 °C: negative difference');
SELECT throws_ok($$SELECT energy.steam_gj('NaN', 2700)$$, '22023', NULL, 'NaN tonnes');
SELECT throws_ok($$SELECT energy.hot_water_gj(10, 'Infinity')$$, '22023', NULL, 'infinite temperature');
SELECT throws_ok($$SELECT energy.kgco2('steam', 10, 't', '2023-06-30')$$, '42704', NULL,
  'steam by the tonne needs its enthalpy');

-- Electricity, average basis, by province and data year (1 000 kWh × factor).
SELECT results_eq(
  $$SELECT r, y, energy.kgco2('electricity', 1000, 'kWh', make_date(y, 6, 30), r) FROM (VALUES
     ('210000', 2021), ('210000', 2022), ('450000', 2021), ('450000', 2022), ('510000', 2022),
     ('110000', 2021), ('650000', 2022), (NULL, 2021), (NULL, 2022), (NULL, 2023), ('000000', 2023)) v(r, y)$$,
  $$VALUES ('210000', 2021, 587.6::float8), ('210000', 2022, 562.6), ('450000', 2021, 515.4), ('450000', 2022, 404.4),
           ('510000', 2022, 140.4), ('110000', 2021, 568.8), ('650000', 2022, 623.1),
           (NULL, 2021, 556.8), (NULL, 2022, 536.6), (NULL, 2023, 530.6), ('000000', 2023, 530.6)$$,
  'provincial and national averages (Liaoning, Guangxi, Sichuan, Beijing, Xinjiang; national 2021–2023)');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '450100'), 404.4::float8, 'a city code (南宁 450100) resolves to Guangxi');
-- (a review, 2026-12-02) the nation spelt as a province code may be: ' 000000' and full-width digits (refused before)
SELECT results_eq($$SELECT energy.kgco2('electricity', 1000, 'kWh', '2023-06-30', r) FROM unnest(ARRAY[' 000000', '００００００']) r$$,
  $$VALUES (530.6::float8), (530.6)$$, 'the national code with a space or in full-width digits: the national 2023 factor');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210102'), 562.6::float8, 'a county code resolves to Liaoning');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '广西'), 404.4::float8, 'a province name');
SELECT is(energy.kgco2('电力', 1, '万kWh', '2022-06-30', '辽宁省'), 5626::float8, '1 万kWh in 辽宁省');
SELECT is(energy.kgco2('electricity', 2, 'MWh', '2023-06-30'), 1061.2::float8, '2 MWh national 2023');

-- Other bases: national figures for any region.
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', grid_basis => 'excl_market_nonfossil'), 585.6::float8,
  '2022 national excluding market-traded non-fossil');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2023-06-30', grid_basis => 'excl_market_nonfossil'), 609.6::float8,
  '2023 national excluding market-traded non-fossil');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2021-06-30', '210000', grid_basis => 'fossil'), 842.6::float8,
  '2021 fossil-power factor, national even for a province');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1000, 'kWh', '2021-06-30', grid_basis => 'excl_market_nonfossil')$$,
  '42704', NULL, '2021 excluding-market factor is unconfirmed and not shipped');
-- The 0.5703 enterprise-reporting figure is its own set, labelled 2022.
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', grid_set => 'enterprise_2022'), 570.3::float8,
  'enterprise_2022 set: 0.5703');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2024-06-30', grid_set => 'enterprise_2022', year_policy => 'latest'),
  570.3::float8, '... used for 2024 reporting with year_policy latest');
SELECT isnt(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30'), 570.3::float8, 'the 2022 average is not 0.5703');

-- Year policies.
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1000, 'kWh', '2025-06-30')$$, '42704',
  'no average grid emission factor for area national, data year 2025, in factor set "mee_nbs" (year policy exact, fallback none)',
  'exact: a year without a factor is an error');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2025-06-30', year_policy => 'latest'), 530.6::float8,
  'latest: 2025 uses 2023');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2025-06-30', year_policy => 'nearest'), 530.6::float8,
  'nearest: 2025 uses 2023');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1000, 'kWh', '2019-06-30', year_policy => 'latest')$$, '42704',
  NULL, 'latest: a year before any factor is an error');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2019-06-30', year_policy => 'nearest'), 556.8::float8,
  'nearest: 2019 uses 2021');
INSERT INTO energy.factor_set (name, description) VALUES ('tie', 'test: factors for 2020 and 2022 only');
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade) VALUES
  ('tie', 'average', 'national', 2020, 0.6, 'test', 'user'), ('tie', 'average', 'national', 2022, 0.5, 'test', 'user');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2021-06-30', grid_set => 'tie', year_policy => 'nearest'), 600::float8,
  'nearest: a tie goes to the earlier year');
SET LOCAL energy.grid_year_policy = 'latest';
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2025-06-30'), 530.6::float8, 'SET energy.grid_year_policy');
RESET energy.grid_year_policy;

-- Area fallback: province -> regional grid -> national, only when asked for.
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1000, 'kWh', '2023-06-30', '210000')$$, '42704',
  'no average grid emission factor for area 210000 辽宁, data year 2023, in factor set "mee_nbs" (year policy exact, fallback none)',
  'no 2023 provincial factor: an error without fallback');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2023-06-30', '210000', fallback => 'grid'), 512.2::float8,
  'fallback grid: Liaoning 2023 uses the Northeast grid');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '540000', fallback => 'grid'), 226.8::float8,
  'fallback grid: Tibet (no provincial value) uses the Southwest grid');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2023-06-30', '210000', year_policy => 'latest'), 562.6::float8,
  'the year policy applies per level first: Liaoning 2023 under latest is Liaoning 2022');
INSERT INTO energy.factor_set (name, description) VALUES ('national_only', 'test: one national factor');
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade)
  VALUES ('national_only', 'average', 'national', 2022, 0.55, 'test', 'user');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '210000', grid_set => 'national_only', fallback => 'grid'),
  550::float8, 'fallback grid reaches national when the grid has none too');
SET LOCAL energy.grid_fallback = 'grid';
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2023-06-30', '450000'), 404.2::float8, 'SET energy.grid_fallback: Guangxi 2023 → South grid');
RESET energy.grid_fallback;

-- PV and green electricity; location- and market-based.
SELECT is(energy.kgco2('pv', 5000, 'kWh', '2022-06-30', '450000'), 0::float8, 'on-site PV emits nothing');
SELECT is(energy.kgco2('pv', 5000, 'kWh', '2022-06-30', '450000', 'market'), 0::float8, '... in either method');
SELECT is(energy.kgco2('绿电', 1000, 'kWh', '2022-06-30', '450000'), 404.4::float8, 'green electricity, location-based: the grid factor');
SELECT is(energy.kgco2('green_electricity', 1000, 'kWh', '2022-06-30', '450000', 'market'), 0::float8, '... market-based: zero');
SELECT is(energy.kgco2('electricity', 1000, 'kWh', '2022-06-30', '450000', 'market'), 404.4::float8, 'grid electricity is the same in both methods');
SELECT is(energy.kgce('green_electricity', 1000, 'kWh'), 122.9::float8, 'green electricity is electricity for standard coal');

-- Scopes and a scope split.
SELECT results_eq(
  $$SELECT c, energy.co2_scope(c::energy.carrier)::int FROM unnest('{electricity,green_electricity,heat,steam,raw_coal,diesel,gasoline,natural_gas,lpg,pv,water,other}'::text[]) c$$,
  $$VALUES ('electricity', 2), ('green_electricity', 2), ('heat', 2), ('steam', 2), ('raw_coal', 1),
           ('diesel', 1), ('gasoline', 1), ('natural_gas', 1), ('lpg', 1), ('pv', NULL), ('water', NULL), ('other', NULL)$$,
  'scope 1 = fuels, 2 = purchased electricity and heat');
CREATE TEMP TABLE year_bills (carrier energy.carrier, amount float8, unit text);
INSERT INTO year_bills VALUES ('electricity', 100000, 'kWh'), ('green_electricity', 20000, 'kWh'), ('pv', 5000, 'kWh'),
  ('diesel', 1, 't'), ('natural_gas', 1, '万m³'), ('heat', 10, 'GJ');
SELECT results_eq(
  $$SELECT energy.co2_scope(carrier)::int, round(sum(energy.kgco2(carrier, amount, unit, '2022-06-30', '450000'))::numeric, 4),
           round(sum(energy.kgco2(carrier, amount, unit, '2022-06-30', '450000', 'market'))::numeric, 4)
      FROM year_bills WHERE energy.co2_scope(carrier) IS NOT NULL GROUP BY 1 ORDER BY 1$$,
  -- scope 1: diesel 3 095.9096 + gas 21 621.8881 = 24 717.7977
  -- scope 2 location: (100 000 + 20 000) × 0.4044 + 10 × 110 = 49 628; market: 100 000 × 0.4044 + 1 100 = 41 540
  $$VALUES (1, 24717.7977::numeric, 24717.7977::numeric), (2, 49628, 41540)$$,
  'scope split, location- and market-based (Guangxi 2022)');

-- Provenance.
SELECT results_eq(
  $$SELECT factor_kind, factor_set_used, area, area_level, data_year, factor_year, kgco2_per_unit, grade, published
      FROM energy.explain_kgco2('electricity', 1000, 'kWh', '2023-06-30', '210000', fallback => 'grid')$$,
  $$VALUES ('grid', 'mee_nbs', 'northeast', 'grid', 2023, 2023, 0.5122, 'B', '2026-01')$$,
  'explain: which factor, which level, which year');
SELECT results_eq(
  $$SELECT factor_kind, scope, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, per_unit, base_amount, density_kg_per_l
      FROM energy.explain_kgco2('diesel', 100, 'L', '2023-06-30')$$,
  $$VALUES ('fuel', 1::smallint, 42.652, 20.2, 0.98, 't', 83::float8, 0.83)$$,
  'explain: fuel parameters and density');

-- Errors.
SELECT throws_ok($$SELECT energy.kgco2('water', 10, 'm³', '2023-06-30')$$, '22023', NULL, 'water emits no CO2');
SELECT throws_ok($$SELECT energy.kgco2('other', 10, 'tce', '2023-06-30')$$, '42704', NULL, '其他能源 has no CO2 factor');
SELECT throws_ok($$SELECT energy.kgco2('manufactured_gas', 10, 'm³', '2023-06-30')$$, '42704', NULL, 'no CO2 factor for manufactured gas');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 'NaN', 'kWh', '2023-06-30')$$, '22023', NULL, 'NaN amount');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 'Infinity', 'kWh', '2023-06-30')$$, '22023', NULL, 'infinite amount');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', '990000')$$, '22023',
  'unknown region "990000"', 'unknown region code');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', 'Atlantis')$$, '22023', NULL, 'unknown region name');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', method => 'average')$$, '22P02', NULL, 'unknown method');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', year_policy => 'closest')$$, '22023', NULL, 'unknown year policy');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', fallback => 'yes')$$, '22023', NULL, 'unknown fallback');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', grid_basis => 'marginal')$$, '22023', NULL, 'unknown basis');
SELECT throws_ok($$SELECT energy.kgco2('electricity', 1, 'kWh', '2022-06-30', grid_set => 'nope')$$, '42704', NULL, 'unknown grid set');
SELECT throws_ok($$SELECT energy.kgco2('diesel', 1, 'kWh', '2022-06-30')$$, '22023', NULL, 'unit that does not fit');
SELECT throws_ok($$INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, source, grade)
  VALUES ('tie', 'average', 'mars', 2022, 0.5, 'x', 'user')$$, '22023', NULL, 'grid factor for an unknown area is refused');
SELECT throws_ok($$INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, kgco2_per_unit, source, grade)
  VALUES ('tie', 'diesel', 't', 43, 20, 0.98, 3000, 'x', 'user')$$, '23514', NULL, 'parameters and a direct factor together are refused');
SELECT is(energy.kgco2(NULL, 1), NULL, 'NULL carrier gives NULL');
SELECT is(energy.kgco2('diesel', NULL::float8), NULL, 'NULL amount gives NULL');
SELECT is(energy.tco2('heat', 5, 'GJ', '2023-06-30'), 0.55::float8, 'tco2 = kgco2 / 1000, rounded once');
SELECT throws_ok($$SELECT energy.kgco2('diesel', '1')$$, '42725', NULL,
  'two untyped literals are refused as ambiguous, never sent to the ledger accessor');

SELECT * FROM finish();
ROLLBACK;
