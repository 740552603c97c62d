
-- =====================================================================
-- Carbon (CO2), by the NDRC guideline for public-building operators
-- (公共建筑运营单位（企业）温室气体排放核算方法与报告指南（试行）, 2015), within the
-- boundary of the public-institution statistics.
--   fuels        E = amount × NCV × CC × OF × 44/12     energy.co2_factor
--   heat         E = GJ × 0.11 tCO2/GJ                  energy.co2_factor
--   electricity  E = kWh × grid factor of the data year energy.grid_factor
-- Factor rows carry loaded_at: revisions are new rows, and a frozen data year
-- (energy.freeze_year) ignores rows loaded after it was frozen.
-- =====================================================================

-- Provinces (GB/T 2260) and the regional grid each belongs to.
CREATE TABLE energy.region (
    code     text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]0000$'),
    short_zh text NOT NULL UNIQUE,
    name_zh  text NOT NULL UNIQUE,
    name_en  text NOT NULL,
    grid     text NOT NULL CHECK (grid IN ('north', 'northeast', 'east', 'central', 'northwest', 'south', 'southwest')),
    source   text NOT NULL,
    note     text,
    shipped  boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.region IS
    'Provinces by GB/T 2260 code, with the regional grid whose emission factor applies when a province has none (fallback => ''grid''). City and county codes resolve to their province by the first two digits.';
COMMENT ON COLUMN energy.region.code IS 'GB/T 2260 province code, e.g. 210000.';
COMMENT ON COLUMN energy.region.short_zh IS 'Short Chinese name, e.g. 辽宁; accepted as a region argument.';
COMMENT ON COLUMN energy.region.name_zh IS 'Full Chinese name, e.g. 辽宁省; accepted as a region argument.';
COMMENT ON COLUMN energy.region.name_en IS 'English name.';
COMMENT ON COLUMN energy.region.grid IS 'Regional grid: north 华北, northeast 东北, east 华东, central 华中, northwest 西北, south 南方, southwest 西南.';
COMMENT ON COLUMN energy.region.source IS 'Where the code and grid membership come from.';
COMMENT ON COLUMN energy.region.note IS 'Caveats, e.g. provinces split between grids.';
COMMENT ON COLUMN energy.region.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.co2_factor (
    factor_set       text NOT NULL REFERENCES energy.factor_set (name),
    carrier          energy.carrier NOT NULL,
    valid_from       date NOT NULL DEFAULT '-infinity',
    valid_to         date NOT NULL DEFAULT 'infinity',
    per_unit         text NOT NULL,
    ncv_gj_per_unit  numeric CHECK (ncv_gj_per_unit > 0 AND ncv_gj_per_unit < 'Infinity'),
    carbon_tc_per_tj numeric CHECK (carbon_tc_per_tj > 0 AND carbon_tc_per_tj < 'Infinity'),
    oxidation        numeric CHECK (oxidation > 0 AND oxidation <= 1),
    kgco2_per_unit   numeric CHECK (kgco2_per_unit >= 0 AND kgco2_per_unit < 'Infinity'),
    source           text NOT NULL CHECK (source <> ''),
    grade            text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'unconfirmed', 'measured', 'user')),
    note             text,
    loaded_at        timestamptz NOT NULL DEFAULT now(),
    shipped          boolean NOT NULL DEFAULT false,
    PRIMARY KEY (factor_set, carrier, valid_from, loaded_at),
    CHECK (valid_from < valid_to),
    CHECK ((ncv_gj_per_unit IS NOT NULL AND carbon_tc_per_tj IS NOT NULL AND oxidation IS NOT NULL
            AND kgco2_per_unit IS NULL)
        OR (ncv_gj_per_unit IS NULL AND carbon_tc_per_tj IS NULL AND oxidation IS NULL
            AND kgco2_per_unit IS NOT NULL))
);
COMMENT ON TABLE energy.co2_factor IS
    'CO2 of fuels and heat by factor set, carrier and validity period: either the guideline''s parameters (E = amount × NCV × CC × OF × 44/12) or a direct factor (heat: 110 kgCO2/GJ).';
COMMENT ON COLUMN energy.co2_factor.factor_set IS 'Factor set the row belongs to (shipped: gb2589, ndrc2015).';
COMMENT ON COLUMN energy.co2_factor.carrier IS 'Fuel or heat.';
COMMENT ON COLUMN energy.co2_factor.valid_from IS 'First day the row is in force (inclusive).';
COMMENT ON COLUMN energy.co2_factor.valid_to IS 'Day the row stops being in force (exclusive).';
COMMENT ON COLUMN energy.co2_factor.per_unit IS 'The unit NCV or the direct factor is per: t, kg, 万m³, m³, GJ, ... (a unit of the carrier''s base group).';
COMMENT ON COLUMN energy.co2_factor.ncv_gj_per_unit IS 'Net calorific value, GJ per per_unit.';
COMMENT ON COLUMN energy.co2_factor.carbon_tc_per_tj IS 'Carbon content per unit heat, tC/TJ (= kgC/GJ).';
COMMENT ON COLUMN energy.co2_factor.oxidation IS 'Oxidation rate, a fraction (0.98 = 98 %).';
COMMENT ON COLUMN energy.co2_factor.kgco2_per_unit IS 'Direct factor, kgCO2 per per_unit, where no parameters apply (heat).';
COMMENT ON COLUMN energy.co2_factor.source IS 'Where the values come from.';
COMMENT ON COLUMN energy.co2_factor.grade IS 'A, B, C, unconfirmed, measured or user (as in energy.coal_factor).';
COMMENT ON COLUMN energy.co2_factor.note IS 'Caveats.';
COMMENT ON COLUMN energy.co2_factor.loaded_at IS 'When the row was loaded; see energy.coal_factor.loaded_at.';
COMMENT ON COLUMN energy.co2_factor.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.grid_factor (
    factor_set    text NOT NULL REFERENCES energy.factor_set (name),
    basis         text NOT NULL CHECK (basis IN ('average', 'excl_market_nonfossil', 'fossil')),
    area          text NOT NULL,
    data_year     integer NOT NULL CHECK (data_year BETWEEN 1990 AND 2200),
    kgco2_per_kwh numeric NOT NULL CHECK (kgco2_per_kwh >= 0 AND kgco2_per_kwh < 'Infinity'),
    published     text,
    source        text NOT NULL CHECK (source <> ''),
    grade         text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'unconfirmed', 'measured', 'user')),
    note          text,
    loaded_at     timestamptz NOT NULL DEFAULT now(),
    shipped       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (factor_set, basis, area, data_year, loaded_at)
);
COMMENT ON TABLE energy.grid_factor IS
    'Electricity CO2 emission factors (kgCO2/kWh = tCO2/MWh) by factor set, basis, area and data year. A later-loaded row for the same key is a revision.';
COMMENT ON COLUMN energy.grid_factor.factor_set IS 'Factor set (shipped: mee_nbs, enterprise_2022).';
COMMENT ON COLUMN energy.grid_factor.basis IS 'average (national, regional grid, province); excl_market_nonfossil (national average excluding market-traded non-fossil electricity); fossil (national fossil-power factor).';
COMMENT ON COLUMN energy.grid_factor.area IS '''national'', a regional grid (north, northeast, east, central, northwest, south, southwest) or a province code of energy.region.';
COMMENT ON COLUMN energy.grid_factor.data_year IS 'The year the factor describes (published two to three years later).';
COMMENT ON COLUMN energy.grid_factor.kgco2_per_kwh IS 'kgCO2 per kWh, as published.';
COMMENT ON COLUMN energy.grid_factor.published IS 'When it was published (year-month).';
COMMENT ON COLUMN energy.grid_factor.source IS 'Publication.';
COMMENT ON COLUMN energy.grid_factor.grade IS 'A, B, C, unconfirmed, measured or user (as in energy.coal_factor).';
COMMENT ON COLUMN energy.grid_factor.note IS 'Caveats.';
COMMENT ON COLUMN energy.grid_factor.loaded_at IS 'When the row was loaded; see energy.coal_factor.loaded_at.';
COMMENT ON COLUMN energy.grid_factor.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.frozen_year (
    data_year integer PRIMARY KEY CHECK (data_year BETWEEN 1990 AND 2200),
    frozen_at timestamptz NOT NULL DEFAULT now(),
    note      text
);
COMMENT ON TABLE energy.frozen_year IS
    'Data years whose published figures are frozen: conversions dated in a frozen year ignore reference rows loaded after frozen_at. Use energy.freeze_year / energy.reopen_year.';
COMMENT ON COLUMN energy.frozen_year.data_year IS 'The frozen data year.';
COMMENT ON COLUMN energy.frozen_year.frozen_at IS 'Rows loaded later than this are ignored for this year.';
COMMENT ON COLUMN energy.frozen_year.note IS 'Why, e.g. the report it was published in.';

CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.region
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.region
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.region
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.co2_factor
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.co2_factor
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.co2_factor
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.grid_factor
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.grid_factor
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.grid_factor
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();
COMMENT ON TRIGGER guard ON energy.region IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.region IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER check_all ON energy.region IS 'Validates all reference data after each statement.';
COMMENT ON TRIGGER guard ON energy.co2_factor IS 'Shipped rows are read-only; rows loaded before a freeze are append-only.';
COMMENT ON TRIGGER guard_truncate ON energy.co2_factor IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER check_all ON energy.co2_factor IS 'Validates all reference data after each statement.';
COMMENT ON TRIGGER guard ON energy.grid_factor IS 'Shipped rows are read-only; rows loaded before a freeze are append-only.';
COMMENT ON TRIGGER guard_truncate ON energy.grid_factor IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER check_all ON energy.grid_factor IS 'Validates all reference data after each statement.';

SELECT pg_catalog.pg_extension_config_dump('energy.region', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.co2_factor', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.grid_factor', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.frozen_year', '');

-- ---------------------------------------------------------------------
-- Shipped data.
-- ---------------------------------------------------------------------

INSERT INTO energy.region (code, short_zh, name_zh, name_en, grid, source, note, shipped)
SELECT code, short_zh, name_zh, name_en, grid,
       'GB/T 2260 province codes; regional grids as in the MEE/NBS electricity CO2 factor announcements (华北, 东北, 华东, 华中, 西北, 南方, 西南)',
       note, true
  FROM (VALUES
    ('110000', '北京', '北京市', 'Beijing', 'north', NULL),
    ('120000', '天津', '天津市', 'Tianjin', 'north', NULL),
    ('130000', '河北', '河北省', 'Hebei', 'north', NULL),
    ('140000', '山西', '山西省', 'Shanxi', 'north', NULL),
    ('150000', '内蒙古', '内蒙古自治区', 'Inner Mongolia', 'north',
     'western Inner Mongolia (蒙西) is in the North grid, eastern (蒙东) in the Northeast grid; the regional fallback uses North'),
    ('210000', '辽宁', '辽宁省', 'Liaoning', 'northeast', NULL),
    ('220000', '吉林', '吉林省', 'Jilin', 'northeast', NULL),
    ('230000', '黑龙江', '黑龙江省', 'Heilongjiang', 'northeast', NULL),
    ('310000', '上海', '上海市', 'Shanghai', 'east', NULL),
    ('320000', '江苏', '江苏省', 'Jiangsu', 'east', NULL),
    ('330000', '浙江', '浙江省', 'Zhejiang', 'east', NULL),
    ('340000', '安徽', '安徽省', 'Anhui', 'east', NULL),
    ('350000', '福建', '福建省', 'Fujian', 'east', NULL),
    ('360000', '江西', '江西省', 'Jiangxi', 'central', NULL),
    ('370000', '山东', '山东省', 'Shandong', 'north', NULL),
    ('410000', '河南', '河南省', 'Henan', 'central', NULL),
    ('420000', '湖北', '湖北省', 'Hubei', 'central', NULL),
    ('430000', '湖南', '湖南省', 'Hunan', 'central', NULL),
    ('440000', '广东', '广东省', 'Guangdong', 'south', NULL),
    ('450000', '广西', '广西壮族自治区', 'Guangxi', 'south', NULL),
    ('460000', '海南', '海南省', 'Hainan', 'south', NULL),
    ('500000', '重庆', '重庆市', 'Chongqing', 'southwest', NULL),
    ('510000', '四川', '四川省', 'Sichuan', 'southwest', NULL),
    ('520000', '贵州', '贵州省', 'Guizhou', 'south', NULL),
    ('530000', '云南', '云南省', 'Yunnan', 'south', NULL),
    ('540000', '西藏', '西藏自治区', 'Tibet', 'southwest', 'no provincial factor is shipped: the 西藏 value is unconfirmed'),
    ('610000', '陕西', '陕西省', 'Shaanxi', 'northwest', NULL),
    ('620000', '甘肃', '甘肃省', 'Gansu', 'northwest', NULL),
    ('630000', '青海', '青海省', 'Qinghai', 'northwest', NULL),
    ('640000', '宁夏', '宁夏回族自治区', 'Ningxia', 'northwest', NULL),
    ('650000', '新疆', '新疆维吾尔自治区', 'Xinjiang', 'northwest', NULL)
  ) AS v(code, short_zh, name_zh, name_en, grid, note);

INSERT INTO energy.factor_set (name, parent, description, shipped) VALUES
    ('ndrc2015', NULL,
     'NDRC 2015 public-building guideline default fuel parameters (their NCVs differ from GB/T 2589 by about 4 % on liquid fuels). Only the fuels whose defaults were found are shipped; it has no parent, so it is never mixed silently with the GB/T 2589-consistent parameters of gb2589.',
     true),
    ('mee_nbs', NULL,
     'Electricity CO2 emission factors published by the Ministry of Ecology and Environment with the National Bureau of Statistics, by data year: national, regional-grid and provincial averages, the national average excluding market-traded non-fossil electricity, and the national fossil-power factor.',
     true),
    ('enterprise_2022', NULL,
     '0.5703 tCO2/MWh, labelled "2022年度", the national grid factor MEE set for carbon-market enterprise reporting of 2023–2025. It is not the 2022 national average (0.5366, set mee_nbs). Use it with year_policy => ''latest'' for 2023–2025 data.',
     true);
UPDATE energy.factor_set SET description = description
    || ' CO2: fuel parameters consistent with the GB/T 2589 NCVs (NDRC 2015 public-building guideline formula) and heat at 0.11 tCO2/GJ.'
 WHERE name = 'gb2589';

-- Fuels, consistent with the GB/T 2589 NCVs (CC and OF: the guideline's defaults).
INSERT INTO energy.co2_factor
    (factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, source, grade, note, shipped)
SELECT 'gb2589', carrier::energy.carrier, per_unit, ncv, cc, ox,
       'NCV: GB/T 2589 Annex A; CC and OF: NDRC 2015 public-building guideline defaults (compilation of the GB/T 2589-consistent set)',
       'C', note, true
  FROM (VALUES
    ('raw_coal',     't',    20.908, 26.37, 0.94, '原煤: 1.9003 kgCO2/kg'),
    ('coke',         't',    28.435, 29.5,  0.93, '焦炭: 2.8604 kgCO2/kg'),
    ('crude_oil',    't',    41.816, 20.1,  0.98, '原油: 3.0202 kgCO2/kg'),
    ('fuel_oil',     't',    41.816, 21.1,  0.98, '燃料油: 3.1705 kgCO2/kg'),
    ('gasoline',     't',    43.070, 18.9,  0.98, '汽油: 2.9251 kgCO2/kg'),
    ('kerosene',     't',    43.070, 19.5,  0.98, '煤油: 3.0179 kgCO2/kg'),
    ('diesel',       't',    42.652, 20.2,  0.98, '柴油: 3.0959 kgCO2/kg'),
    ('lpg',          't',    50.179, 17.2,  0.98, '液化石油气: 3.1013 kgCO2/kg'),
    ('refinery_gas', 't',    46.055, 18.2,  0.98, '炼厂干气: 3.0119 kgCO2/kg'),
    ('natural_gas',  '万m³', 389.31, 15.3,  0.99, '天然气 at NCV 38 931 kJ/m³: 2.1622 kgCO2/m³')
  ) AS v(carrier, per_unit, ncv, cc, ox, note);

-- NDRC guideline defaults: only the NCVs that were found (gasoline, diesel, natural gas).
INSERT INTO energy.co2_factor
    (factor_set, carrier, per_unit, ncv_gj_per_unit, carbon_tc_per_tj, oxidation, source, grade, note, shipped)
SELECT 'ndrc2015', carrier::energy.carrier, per_unit, ncv, cc, ox,
       'NDRC 2015 public-building guideline, default table (NCV, CC, OF)', 'C', note, true
  FROM (VALUES
    ('gasoline',    't',    44.80,  18.9, 0.98, '汽油 at the guideline''s 44.80 GJ/t'),
    ('diesel',      't',    43.33,  20.2, 0.98, '柴油 at the guideline''s 43.33 GJ/t'),
    ('natural_gas', '万m³', 389.31, 15.3, 0.99, '天然气 at the guideline''s 389.31 GJ/10⁴Nm³')
  ) AS v(carrier, per_unit, ncv, cc, ox, note);

-- Heat: 0.11 tCO2/GJ, in both sets.
INSERT INTO energy.co2_factor (factor_set, carrier, per_unit, kgco2_per_unit, source, grade, note, shipped)
SELECT s, 'heat', 'GJ', 110,
       'NDRC 2015 public-building guideline: purchased heat 0.11 tCO2/GJ', 'C',
       'steam and hot water: convert to GJ with energy.steam_gj / energy.hot_water_gj and record as heat', true
  FROM (VALUES ('gb2589'), ('ndrc2015')) AS v(s);

-- Grid factors, MEE/NBS.
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, published, source, grade, shipped)
SELECT 'mee_nbs', basis, 'national', y, v, p, s, g, true
  FROM (VALUES
    ('average', 2021, 0.5568, '2024-04', 'MEE/NBS announcement 2024 No. 12: 2021 electricity CO2 emission factors', 'B'),
    ('average', 2022, 0.5366, '2024-12', 'MEE/NBS: 2022 electricity CO2 emission factors', 'B'),
    ('average', 2023, 0.5306, '2026-01', 'MEE/NBS: 2023 electricity CO2 emission factors', 'B'),
    ('excl_market_nonfossil', 2022, 0.5856, '2024-12', 'MEE/NBS: 2022 electricity CO2 emission factors', 'B'),
    ('excl_market_nonfossil', 2023, 0.6096, '2026-01', 'MEE/NBS: 2023 electricity CO2 emission factors', 'B'),
    ('fossil', 2021, 0.8426, '2024-04', 'MEE/NBS announcement 2024 No. 12: 2021 electricity CO2 emission factors', 'B'),
    ('fossil', 2022, 0.8325, '2024-12', 'MEE/NBS: 2022 electricity CO2 emission factors', 'B'),
    ('fossil', 2023, 0.8273, '2026-01', 'MEE/NBS: 2023 electricity CO2 emission factors', 'B')
  ) AS t(basis, y, v, p, s, g);

INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, published, source, grade, shipped)
SELECT 'mee_nbs', 'average', area, y, v,
       CASE y WHEN 2021 THEN '2024-04' WHEN 2022 THEN '2024-12' ELSE '2026-01' END,
       'MEE/NBS: ' || y || ' electricity CO2 emission factors, regional grids',
       CASE y WHEN 2021 THEN 'C' ELSE 'B' END, true
  FROM (VALUES
    ('north',     0.7120, 0.6776, 0.6361),
    ('northeast', 0.6012, 0.5564, 0.5122),
    ('east',      0.5992, 0.5617, 0.5500),
    ('central',   0.5354, 0.5395, 0.5271),
    ('northwest', 0.5951, 0.5857, 0.5543),
    ('south',     0.4326, 0.3869, 0.4042),
    ('southwest', 0.2113, 0.2268, 0.2472)
  ) AS t(area, v2021, v2022, v2023),
  LATERAL (VALUES (2021, v2021), (2022, v2022), (2023, v2023)) AS yv(y, v);

-- Provinces: 2021 single-sourced, 2022 from two independent files (grade C);
-- 2023 provincial values and 西藏 are unconfirmed and not shipped.
INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, published, source, grade, note, shipped)
SELECT 'mee_nbs', 'average', r.code, y, v,
       CASE y WHEN 2021 THEN '2024-04' ELSE '2024-12' END,
       'MEE/NBS: ' || y || ' electricity CO2 emission factors, provinces', 'C',
       CASE y WHEN 2021 THEN 'single-sourced compilation' ELSE 'two independent compilations agree' END, true
  FROM (VALUES
    ('北京', 0.5688, 0.5580), ('天津', 0.7355, 0.7041), ('河北', 0.7901, 0.7252), ('山西', 0.7222, 0.7096),
    ('内蒙古', 0.7025, 0.6849), ('辽宁', 0.5876, 0.5626), ('吉林', 0.5629, 0.4932), ('黑龙江', 0.6342, 0.5368),
    ('上海', 0.5834, 0.5849), ('江苏', 0.6451, 0.5978), ('浙江', 0.5422, 0.5153), ('安徽', 0.7075, 0.6782),
    ('福建', 0.4711, 0.4092), ('江西', 0.5835, 0.5752), ('山东', 0.6838, 0.6410), ('河南', 0.6369, 0.6058),
    ('湖北', 0.3672, 0.4364), ('湖南', 0.5138, 0.4900), ('广东', 0.4715, 0.4403), ('广西', 0.5154, 0.4044),
    ('海南', 0.4524, 0.4184), ('重庆', 0.4743, 0.5227), ('四川', 0.1255, 0.1404), ('贵州', 0.5182, 0.4989),
    ('云南', 0.1235, 0.1073), ('陕西', 0.6336, 0.6558), ('甘肃', 0.4955, 0.4772), ('青海', 0.1326, 0.1567),
    ('宁夏', 0.6546, 0.6423), ('新疆', 0.6577, 0.6231)
  ) AS t(province, v2021, v2022)
  JOIN energy.region r ON r.short_zh = t.province,
  LATERAL (VALUES (2021, v2021), (2022, v2022)) AS yv(y, v);

INSERT INTO energy.grid_factor (factor_set, basis, area, data_year, kgco2_per_kwh, published, source, grade, note, shipped)
VALUES ('enterprise_2022', 'average', 'national', 2022, 0.5703, '2023-02',
        'MEE: national grid emission factor for carbon-market enterprise reporting of 2023–2025 ("2022年度")', 'B',
        'not the 2022 national average (0.5366); much public code hard-codes this figure as "the 2022 factor"', true);

-- Shipped rows carry a fixed time (release 0.1.0: 2026-01-01, after the newest
-- source it ships), not the install time, so a restore
-- (which re-creates them) never makes them newer than a user's freeze.
UPDATE energy.coal_factor SET loaded_at = '2026-01-01 00:00:00+00' WHERE shipped;
UPDATE energy.density     SET loaded_at = '2026-01-01 00:00:00+00' WHERE shipped;
UPDATE energy.co2_factor  SET loaded_at = '2026-01-01 00:00:00+00' WHERE shipped;
UPDATE energy.grid_factor SET loaded_at = '2026-01-01 00:00:00+00' WHERE shipped;

-- ---------------------------------------------------------------------
-- Functions.
-- ---------------------------------------------------------------------

CREATE TYPE energy.co2_method AS ENUM ('location', 'market');
COMMENT ON TYPE energy.co2_method IS
    'CO2 accounting method: location (grid factors for all purchased electricity) or market (purchased green electricity counts zero).';

CREATE FUNCTION energy.kgco2(
    carrier energy.carrier, amount double precision, unit text DEFAULT NULL,
    on_date date DEFAULT NULL, region text DEFAULT NULL, method energy.co2_method DEFAULT 'location',
    co2_set text DEFAULT NULL, grid_set text DEFAULT NULL, grid_basis text DEFAULT NULL,
    year_policy text DEFAULT NULL, fallback text DEFAULT NULL)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_kgco2' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.kgco2(energy.carrier, double precision, text, date, text, energy.co2_method, text, text, text, text, text) IS
    'Kilograms of CO2 from amount of carrier in unit consumed on on_date in region (GB/T 2260 code or province name; NULL = national): fuels by NCV × CC × OF × 44/12 (co2_set, default SET energy.co2_set = gb2589), heat at 110 kgCO2/GJ, electricity by the grid factor of the data year (grid_set mee_nbs, grid_basis average, year_policy exact, fallback none unless set), PV zero, green electricity zero when method = market.';

CREATE FUNCTION energy.tco2(
    carrier energy.carrier, amount double precision, unit text DEFAULT NULL,
    on_date date DEFAULT NULL, region text DEFAULT NULL, method energy.co2_method DEFAULT 'location',
    co2_set text DEFAULT NULL, grid_set text DEFAULT NULL, grid_basis text DEFAULT NULL,
    year_policy text DEFAULT NULL, fallback text DEFAULT NULL)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_tco2' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.tco2(energy.carrier, double precision, text, date, text, energy.co2_method, text, text, text, text, text) IS
    'Tonnes of CO2: energy.kgco2(...) / 1000.';

CREATE FUNCTION energy.explain_kgco2(
    carrier energy.carrier, amount double precision, unit text DEFAULT NULL,
    on_date date DEFAULT NULL, region text DEFAULT NULL, method energy.co2_method DEFAULT 'location',
    co2_set text DEFAULT NULL, grid_set text DEFAULT NULL, grid_basis text DEFAULT NULL,
    year_policy text DEFAULT NULL, fallback text DEFAULT NULL,
    OUT kgco2 double precision, OUT method_used text, OUT scope smallint,
    OUT base_amount double precision, OUT base_unit text, OUT factor_kind text,
    OUT kgco2_per_base_unit double precision, OUT factor_set_used text, OUT per_unit text,
    OUT ncv_gj_per_unit numeric, OUT carbon_tc_per_tj numeric, OUT oxidation numeric,
    OUT kgco2_per_unit numeric, OUT valid_from date, OUT valid_to date,
    OUT grid_basis_used text, OUT area text, OUT area_level text, OUT data_year integer,
    OUT factor_year integer, OUT year_policy_used text, OUT published text,
    OUT source text, OUT grade text, OUT note text, OUT loaded_at timestamptz,
    OUT frozen_at timestamptz, OUT density_kg_per_l numeric)
    RETURNS record
    AS 'MODULE_PATHNAME', 'energy_explain_kgco2' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.explain_kgco2(energy.carrier, double precision, text, date, text, energy.co2_method, text, text, text, text, text) IS
    'The CO2 conversion energy.kgco2 would do, shown: scope, the factor row used (fuel parameters or grid factor with its area, level, data year and the year actually used), source, grade, when it was loaded, the freeze in force and the density.';

CREATE FUNCTION energy.co2_scope(energy.carrier) RETURNS smallint
    AS 'MODULE_PATHNAME', 'energy_co2_scope' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.co2_scope(energy.carrier) IS
    'CO2 scope of a carrier: 1 for fuels burnt on site (including vehicles), 2 for purchased electricity, green electricity, heat and steam, NULL for water, on-site PV and 其他能源.';

CREATE FUNCTION energy.steam_gj(tonnes double precision, enthalpy_kj_per_kg double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_steam_gj' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.steam_gj(double precision, double precision) IS
    'Heat in steam, GJ = tonnes × (enthalpy − 83.74 kJ/kg) / 1000 (NDRC 2015 public-building guideline); an enthalpy below 83.74 is an error.';

CREATE FUNCTION energy.hot_water_gj(tonnes double precision, temperature_c double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_hot_water_gj' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.hot_water_gj(double precision, double precision) IS
    'Heat in hot water, GJ = tonnes × (temperature − 20 °C) × 4.1868 / 1000 (NDRC 2015 public-building guideline); below 20 °C is an error.';

CREATE FUNCTION energy.freeze_year(data_year integer, note text DEFAULT NULL)
    RETURNS timestamptz
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    at timestamptz;
BEGIN
    IF freeze_year.data_year IS NULL THEN
        RAISE EXCEPTION 'data_year must not be NULL' USING ERRCODE = '22004';
    END IF;
    INSERT INTO energy.frozen_year AS f (data_year, note)
    VALUES (freeze_year.data_year, freeze_year.note)
    RETURNING f.frozen_at INTO at;
    RETURN at;
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'data year % is already frozen', freeze_year.data_year
        USING ERRCODE = '55000',
              HINT = format('Re-open it first with SELECT energy.reopen_year(%s).', freeze_year.data_year);
END
$$;
COMMENT ON FUNCTION energy.freeze_year(integer, text) IS
    'Freezes the figures of a data year: from now on, conversions dated in that year ignore reference rows loaded later, and rows loaded before cannot be changed or deleted. Returns the freeze time. Load new factors in a later transaction than the freeze.';

CREATE FUNCTION energy.reopen_year(data_year integer)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    DELETE FROM energy.frozen_year f WHERE f.data_year = reopen_year.data_year;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'data year % is not frozen', reopen_year.data_year
            USING ERRCODE = '55000',
                  HINT = 'SELECT * FROM energy.frozen_year lists the frozen years.';
    END IF;
END
$$;
COMMENT ON FUNCTION energy.reopen_year(integer) IS
    'Re-opens a frozen data year: its conversions use the newest reference rows again.';
