
-- =====================================================================
-- Reference data: factor sets, standard-coal coefficients, densities.
--
-- A factor set is a named, versioned collection of coefficients.  The
-- shipped set 'gb2589' holds GB/T 2589 values with their sources; users add
-- their own sets (say, the measured calorific value of their gas supply)
-- with parent = 'gb2589': a set answers for what it has rows for and its
-- parent answers for the rest.  Shipped rows (shipped = true) are read-only
-- and not dumped; rows users add are dumped by pg_dump and restored.
-- Validity periods are half-open: [valid_from, valid_to).
-- =====================================================================

CREATE TABLE energy.factor_set (
    name        text PRIMARY KEY CHECK (name <> ''),
    parent      text,           -- checked by energy.reference_check (a self-referencing
                                -- foreign key would make pg_dump warn of a cycle)
    description text NOT NULL,
    shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.factor_set IS
    'Named sets of conversion factors. A set inherits every factor it lacks from its parent. Choose one per call (factor_set => ...) or per session (SET energy.factor_set).';
COMMENT ON COLUMN energy.factor_set.name IS 'Name used in factor_set arguments and the energy.factor_set setting.';
COMMENT ON COLUMN energy.factor_set.parent IS 'Set that answers for carriers, bases and dates this set has no row for; NULL for a root set.';
COMMENT ON COLUMN energy.factor_set.description IS 'What the set is and where its values come from.';
COMMENT ON COLUMN energy.factor_set.shipped IS 'True for sets shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.coal_factor (
    factor_set      text NOT NULL REFERENCES energy.factor_set (name),
    carrier         energy.carrier NOT NULL,
    basis           text NOT NULL DEFAULT 'calorific' CHECK (basis IN ('calorific', 'primary')),
    valid_from      date NOT NULL DEFAULT '-infinity',
    valid_to        date NOT NULL DEFAULT 'infinity',
    kgce_per_unit   numeric NOT NULL CHECK (kgce_per_unit > 0 AND kgce_per_unit < 'Infinity'),
    per_unit        text NOT NULL,
    ncv_kj_per_unit numeric CHECK (ncv_kj_per_unit > 0 AND ncv_kj_per_unit < 'Infinity'),
    source          text NOT NULL CHECK (source <> ''),
    grade           text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'unconfirmed', 'measured', 'user')),
    note            text,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    shipped         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (factor_set, carrier, basis, valid_from, loaded_at),
    CHECK (valid_from < valid_to)
);
COMMENT ON TABLE energy.coal_factor IS
    'Standard-coal coefficients (kgce per unit) by factor set, carrier, basis and validity period, with source and grade. Rows loaded together may not overlap; a later-loaded row for an overlapping period is a revision and supersedes the earlier one, except for frozen years (energy.freeze_year).';
COMMENT ON COLUMN energy.coal_factor.factor_set IS 'Factor set the row belongs to.';
COMMENT ON COLUMN energy.coal_factor.carrier IS 'Carrier converted (any energy carrier; not water).';
COMMENT ON COLUMN energy.coal_factor.basis IS 'calorific (当量值, the statistics system''s basis) or primary (等价值: electricity at the year''s power-supply coal rate).';
COMMENT ON COLUMN energy.coal_factor.valid_from IS 'First day the row is in force (inclusive); -infinity for always.';
COMMENT ON COLUMN energy.coal_factor.valid_to IS 'Day the row stops being in force (exclusive); infinity for open-ended.';
COMMENT ON COLUMN energy.coal_factor.kgce_per_unit IS 'Kilograms of standard coal (7 000 kcal, 29 307 kJ) per one per_unit of the carrier, exactly as published.';
COMMENT ON COLUMN energy.coal_factor.per_unit IS 'The unit the coefficient is per: any unit of the carrier''s base group (kg, t, m³, kWh, MJ, GJ, ...).';
COMMENT ON COLUMN energy.coal_factor.ncv_kj_per_unit IS 'Net calorific value behind the coefficient, kJ per per_unit, where the source gives one.';
COMMENT ON COLUMN energy.coal_factor.source IS 'Where the value comes from: document, table, edition.';
COMMENT ON COLUMN energy.coal_factor.grade IS 'A official text; B reputable report of official numbers; C third-party compilation; unconfirmed; measured (user''s own measurement); user.';
COMMENT ON COLUMN energy.coal_factor.note IS 'Caveats: ranges, renamed items, what the value does not cover.';
COMMENT ON COLUMN energy.coal_factor.loaded_at IS 'When the row was loaded (transaction time; a fixed release time for shipped rows). Revisions are new rows; a frozen year ignores rows loaded after it was frozen.';
COMMENT ON COLUMN energy.coal_factor.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.density (
    factor_set  text NOT NULL REFERENCES energy.factor_set (name),
    carrier     energy.carrier NOT NULL,
    valid_from  date NOT NULL DEFAULT '-infinity',
    valid_to    date NOT NULL DEFAULT 'infinity',
    kg_per_l    numeric NOT NULL CHECK (kg_per_l > 0 AND kg_per_l < 'Infinity'),
    source      text NOT NULL CHECK (source <> ''),
    grade       text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'unconfirmed', 'measured', 'user')),
    note        text,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    shipped     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (factor_set, carrier, valid_from, loaded_at),
    CHECK (valid_from < valid_to)
);
COMMENT ON TABLE energy.density IS
    'Densities (kg per litre) of liquid fuels, used when an amount is recorded by volume (L, kL, m³). Data, not code: official densities of the statistics forms are unconfirmed.';
COMMENT ON COLUMN energy.density.factor_set IS 'Factor set the row belongs to.';
COMMENT ON COLUMN energy.density.carrier IS 'Liquid fuel: crude_oil, fuel_oil, gasoline, kerosene, diesel or lpg.';
COMMENT ON COLUMN energy.density.valid_from IS 'First day the row is in force (inclusive).';
COMMENT ON COLUMN energy.density.valid_to IS 'Day the row stops being in force (exclusive).';
COMMENT ON COLUMN energy.density.kg_per_l IS 'Kilograms per litre.';
COMMENT ON COLUMN energy.density.source IS 'Where the value comes from.';
COMMENT ON COLUMN energy.density.grade IS 'A, B, C, unconfirmed, measured or user (as in energy.coal_factor).';
COMMENT ON COLUMN energy.density.note IS 'Caveats.';
COMMENT ON COLUMN energy.density.loaded_at IS 'When the row was loaded; see energy.coal_factor.loaded_at.';
COMMENT ON COLUMN energy.density.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

-- Guards: shipped rows are read-only; every change is validated as a whole.
CREATE FUNCTION energy.reference_guard() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION energy.reference_guard() IS
    'Trigger: refuses to add, change, remove or truncate rows with shipped = true outside CREATE/ALTER EXTENSION.';
CREATE FUNCTION energy.reference_check() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION energy.reference_check() IS
    'Trigger: after each statement, loads all reference data and refuses overlapping periods, units that do not fit the carrier and cycles of parent sets.';

CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.factor_set
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.factor_set
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.factor_set
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.coal_factor
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.coal_factor
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.coal_factor
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.density
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.density
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.density
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();

COMMENT ON TRIGGER guard ON energy.factor_set IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.factor_set IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER check_all ON energy.factor_set IS 'Validates all reference data after each statement.';
COMMENT ON TRIGGER guard ON energy.coal_factor IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.coal_factor IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER check_all ON energy.coal_factor IS 'Validates all reference data after each statement.';
COMMENT ON TRIGGER guard ON energy.density IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.density IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER check_all ON energy.density IS 'Validates all reference data after each statement.';

-- pg_dump keeps what users add, not what CREATE EXTENSION ships.
SELECT pg_catalog.pg_extension_config_dump('energy.factor_set', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.coal_factor', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.density', 'WHERE NOT shipped');

-- ---------------------------------------------------------------------
-- Shipped data: GB/T 2589 (综合能耗计算通则).  The 2020 edition (in force
-- 2021-04-01) replaced 2008; the coefficients below are those of the 2008
-- Annex A as reprinted in statistics reference tables, identical in every
-- source found (grade C), except electricity (grade A, NBS yearbook notes).
-- 1 kgce = 29 307 kJ (7 000 kcal) of net calorific value.
-- ---------------------------------------------------------------------

INSERT INTO energy.factor_set (name, parent, description, shipped) VALUES
    ('gb2589', NULL,
     'GB/T 2589-2020 综合能耗计算通则: standard-coal coefficients on the calorific (当量值) basis used by the public-institution energy statistics system; densities for litres of liquid fuel from public-institution worked examples. No primary-basis (等价值) electricity rate is shipped: the yearly power-supply coal rates are unconfirmed.',
     true);

INSERT INTO energy.coal_factor
    (factor_set, carrier, kgce_per_unit, per_unit, ncv_kj_per_unit, source, grade, note, shipped)
VALUES
    ('gb2589', 'electricity', 0.1229, 'kWh', 3600,
     'GB/T 2589-2020; NBS China Energy Statistical Yearbook notes: electricity at calorific equivalent 3 600 kJ/kWh', 'A',
     '当量值 (calorific basis), the basis of the public-institution statistics; worked example 12 500 kWh × 0.1229 = 1 536 kgce', true),
    ('gb2589', 'raw_coal', 0.7143, 'kg', 20908,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C',
     '原煤; reported as 煤炭 in the statistics forms since 2015', true),
    ('gb2589', 'washed_coal', 0.9000, 'kg', 26344,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '洗精煤', true),
    ('gb2589', 'middlings', 0.2857, 'kg', 8363,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '洗中煤', true),
    ('gb2589', 'briquette', 0.6000, 'kg', NULL,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '型煤; no NCV given', true),
    ('gb2589', 'coke', 0.9714, 'kg', 28435,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '焦炭', true),
    ('gb2589', 'crude_oil', 1.4286, 'kg', 41816,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '原油', true),
    ('gb2589', 'fuel_oil', 1.4286, 'kg', 41816,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '燃料油', true),
    ('gb2589', 'gasoline', 1.4714, 'kg', 43070,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '汽油', true),
    ('gb2589', 'kerosene', 1.4714, 'kg', 43070,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '煤油', true),
    ('gb2589', 'diesel', 1.4571, 'kg', 42652,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '柴油', true),
    ('gb2589', 'lpg', 1.7143, 'kg', 50179,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '液化石油气', true),
    ('gb2589', 'refinery_gas', 1.5714, 'kg', 46055,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '炼厂干气', true),
    ('gb2589', 'natural_gas', 1.2143, 'm³', 35544,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C',
     '天然气 (gas-field gas, the usual default); the NCV 35 544 kJ/m³ is unconfirmed, the coefficient is consistent across sources', true),
    ('gb2589', 'oilfield_gas', 1.3300, 'm³', 38931,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '油田天然气', true),
    ('gb2589', 'coke_oven_gas', 0.5714, 'm³', 16726,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C',
     '焦炉煤气: the standard gives a range, 16 726–17 981 kJ/m³ = 0.5714–0.6143 kgce/m³; the lower bound is shipped. Add your supplier''s measured value in your own set.', true),
    ('gb2589', 'blast_furnace_gas', 0.1286, 'm³', 3763,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C', '高炉煤气', true),
    ('gb2589', 'heat', 0.03412, 'MJ', NULL,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C',
     '热力: 0.03412 kgce/MJ = 34.12 kgce/GJ (1 GJ / 29.307 MJ per kgce)', true),
    ('gb2589', 'steam', 0.1286, 'kg', 3763,
     'GB/T 2589 Annex A (2008 values, reprinted in statistics reference tables)', 'C',
     '低压蒸汽 (low-pressure steam), 3 763 MJ/t. Steam metered by heat content (GJ) is recorded as heat.', true),
    ('gb2589', 'pv', 0.1229, 'kWh', 3600,
     'GB/T 2589-2020 electricity calorific equivalent (3 600 kJ/kWh), applied to on-site generation', 'A',
     '太阳能光电系统发电量 (statistics item since 2022) converted like electricity on the calorific basis; whether it counts toward an indicator is a reporting rule, not a coefficient', true),
    ('gb2589', 'other', 1, 'kgce', NULL,
     'Public-institution statistics forms: 其他能源 is reported already converted to standard coal', 'A',
     'identity: amounts in kgce / tce pass through', true);

INSERT INTO energy.density
    (factor_set, carrier, kg_per_l, source, grade, note, shipped)
VALUES
    ('gb2589', 'gasoline', 0.725,
     'Public-institution energy accounting worked examples', 'C',
     'official densities of the statistics forms are unconfirmed; add a measured density in your own set', true),
    ('gb2589', 'diesel', 0.83,
     'Public-institution energy accounting worked examples', 'C',
     'official densities of the statistics forms are unconfirmed; add a measured density in your own set', true);
