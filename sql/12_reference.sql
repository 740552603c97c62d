
-- =====================================================================
-- 0.2.0 — reference data of the reporting model: the administrative
-- divisions (GB/T 2260 / NBS statistics codes), the institution categories
-- and the end uses of the statistics system, and the checks rows of a model
-- are held to (units, unified social credit codes).  Like the factor tables,
-- shipped rows are read-only and not dumped; rows users add (older code
-- vintages, development zones, their own end uses) are dumped and restored.
-- =====================================================================

-- Administrative divisions: province, prefecture-level city, county.
CREATE TABLE energy.admin_division (
    code     text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]{5}$'),
    level    text NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent   text,           -- checked by the guard trigger (a self-referencing
                             -- foreign key would make pg_dump warn of a cycle)
    name_zh  text NOT NULL CHECK (name_zh <> ''),
    kind     text NOT NULL DEFAULT 'division' CHECK (kind IN ('division', 'placeholder', 'zone', 'former')),
    vintage  text NOT NULL,
    source   text NOT NULL CHECK (source <> ''),
    note     text,
    shipped  boolean NOT NULL DEFAULT false,
    CHECK ((level = 'province') = (code ~ '0000$')),
    CHECK (level <> 'city' OR code ~ '00$'),
    CHECK (level <> 'county' OR code !~ '00$'),
    CHECK ((level = 'province') = (parent IS NULL))
);
COMMENT ON TABLE energy.admin_division IS
    'Administrative divisions by six-digit code: the 31 provinces, 342 prefecture-level rows and 2 978 county-level rows of the National Bureau of Statistics'' 2023 统计用区划代码 (whose first six digits are the GB/T 2260 codes), with name and parent — 2 975 county-level rows here: the 3 that repeat their city''s code (东莞市 441900, 中山市 442000, 儋州市 460400, cities without counties) are kept once, as cities. Institutions of a reporting model must carry one of these codes; add older vintages and local codes as rows of your own (shipped = false), which pg_dump keeps.';
COMMENT ON COLUMN energy.admin_division.code IS 'Six-digit code: 2 digits province + 0000 (210000 辽宁省), 4 digits city + 00 (210100 沈阳市), 6 digits county (210102 和平区).';
COMMENT ON COLUMN energy.admin_division.level IS 'province, city (prefecture level, including the placeholders 市辖区 / 县 / 省直辖县级行政区划 of the NBS list) or county (county level, including development zones).';
COMMENT ON COLUMN energy.admin_division.parent IS 'Code of the division one level up: the province of a city, the city (or placeholder) of a county; NULL for a province.';
COMMENT ON COLUMN energy.admin_division.name_zh IS 'Chinese name as published.';
COMMENT ON COLUMN energy.admin_division.kind IS 'division (a GB/T 2260 division); placeholder (an NBS grouping row such as 市辖区 or 省直辖县级行政区划); zone (an NBS development zone, codes xx71–xx79, not in GB/T 2260); former (a code of an earlier vintage, added by users).';
COMMENT ON COLUMN energy.admin_division.vintage IS 'The year of the code list the row comes from (2023 for the shipped rows).';
COMMENT ON COLUMN energy.admin_division.source IS 'Where the code and name come from.';
COMMENT ON COLUMN energy.admin_division.note IS 'Caveats, e.g. what a former code became.';
COMMENT ON COLUMN energy.admin_division.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

-- Institution categories of the statistics system (分类汇总).
CREATE TABLE energy.institution_category (
    code       text PRIMARY KEY CHECK (code ~ '^[0-9]{2,3}$'),
    name_zh    text NOT NULL,
    name_en    text NOT NULL,
    parent     text CHECK (parent IS DISTINCT FROM code),
    assignable boolean NOT NULL,
    source     text NOT NULL CHECK (source <> ''),
    shipped    boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.institution_category IS
    'Institution categories of the public-institution energy statistics (公共机构能源资源消费统计调查制度, 分类汇总): 01 机关, 02 事业单位 with its sub-classes 021–026, 03 社会团体. An institution carries an assignable code; 02 is the sum of 021–026.';
COMMENT ON COLUMN energy.institution_category.code IS 'Category code of the statistics system.';
COMMENT ON COLUMN energy.institution_category.name_zh IS 'Chinese name.';
COMMENT ON COLUMN energy.institution_category.name_en IS 'English name.';
COMMENT ON COLUMN energy.institution_category.parent IS 'The category a sub-class adds up to (02 for 021–026); NULL for a top category.';
COMMENT ON COLUMN energy.institution_category.assignable IS 'Whether an institution may carry the code (02 may not: it is the sum of its sub-classes).';
COMMENT ON COLUMN energy.institution_category.source IS 'Where the code comes from.';
COMMENT ON COLUMN energy.institution_category.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

-- End uses: what a consumption row or a meter is for, and whether it adds to
-- the institution's totals or is a part of them already counted elsewhere
-- (其中项: the data-centre rooms and sub-meters).
CREATE TABLE energy.end_use (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    name_zh     text NOT NULL,
    additive    boolean NOT NULL,
    electricity_only boolean NOT NULL DEFAULT false,
    description text NOT NULL,
    shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.end_use IS
    'End uses of consumption rows and meters. Additive end uses add up to the institution''s totals (综合能耗, water, CO2); the others are parts already counted in them (其中项), reported on their own: the data-centre rooms (PUE) and sub-meters.';
COMMENT ON COLUMN energy.end_use.code IS 'Code used in the model''s consumption.end_use and meter.end_use.';
COMMENT ON COLUMN energy.end_use.name_zh IS 'Chinese name.';
COMMENT ON COLUMN energy.end_use.additive IS 'True: counted in the institution''s totals. False: a part of them (其中项), never added again.';
COMMENT ON COLUMN energy.end_use.electricity_only IS 'True: only electricity, green electricity and PV rows may carry it.';
COMMENT ON COLUMN energy.end_use.description IS 'What belongs here.';
COMMENT ON COLUMN energy.end_use.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

-- A year frozen or re-opened changes which rows a conversion takes: like a
-- change of the factor tables, it makes every call site of this backend that
-- loaded the reference data (a PL/pgSQL loop's, a trigger's) load them again
-- (energy.reference_check counts the change).
CREATE TRIGGER check_all AFTER INSERT OR UPDATE OR DELETE ON energy.frozen_year
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_check();
COMMENT ON TRIGGER check_all ON energy.frozen_year IS
    'After a year is frozen or re-opened, conversions of this session load the reference data again (energy.reference_check, which also validates them).';

-- A factor row takes its transaction's start as loaded_at (now()); one whose
-- transaction began before a year was frozen, written after the freeze
-- committed, would count in that year's figures (a review, 2026-12-02: a
-- late revision changed a published figure). Such a row is loaded when it is
-- written (clock_timestamp()). A loaded_at given by hand (a restore's) is
-- kept; so is one of a transaction that began after every freeze.
CREATE FUNCTION energy.factor_loaded_now() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.loaded_at = now() AND EXISTS (SELECT 1 FROM energy.frozen_year f WHERE f.frozen_at >= NEW.loaded_at) THEN
        NEW.loaded_at := clock_timestamp();
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.factor_loaded_now() IS
    'Trigger: a factor row whose loaded_at is its transaction''s start (the default) while a year was frozen at or after that time is dated when it is written (clock_timestamp()), so that it counts in no year frozen before it was written; a loaded_at given by hand is kept.';
CREATE TRIGGER loaded_now BEFORE INSERT ON energy.coal_factor FOR EACH ROW EXECUTE FUNCTION energy.factor_loaded_now();
CREATE TRIGGER loaded_now BEFORE INSERT ON energy.density FOR EACH ROW EXECUTE FUNCTION energy.factor_loaded_now();
CREATE TRIGGER loaded_now BEFORE INSERT ON energy.co2_factor FOR EACH ROW EXECUTE FUNCTION energy.factor_loaded_now();
CREATE TRIGGER loaded_now BEFORE INSERT ON energy.grid_factor FOR EACH ROW EXECUTE FUNCTION energy.factor_loaded_now();
COMMENT ON TRIGGER loaded_now ON energy.coal_factor IS 'A row written after a freeze its transaction began before is dated when written (energy.factor_loaded_now).';
COMMENT ON TRIGGER loaded_now ON energy.density IS 'A row written after a freeze its transaction began before is dated when written (energy.factor_loaded_now).';
COMMENT ON TRIGGER loaded_now ON energy.co2_factor IS 'A row written after a freeze its transaction began before is dated when written (energy.factor_loaded_now).';
COMMENT ON TRIGGER loaded_now ON energy.grid_factor IS 'A row written after a freeze its transaction began before is dated when written (energy.factor_loaded_now).';

-- A factor set's parent says where its missing factors come from: changed
-- while a year is frozen, it would change that year's figures (a review,
-- 2026-12-02), which no loaded_at can tell.
CREATE FUNCTION energy.factor_set_parent_frozen() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    y integer := (SELECT min(f.data_year) FROM energy.frozen_year f);
BEGIN
    IF NEW.parent IS DISTINCT FROM OLD.parent AND y IS NOT NULL THEN
        RAISE EXCEPTION 'cannot change the parent of factor set % while data year % is frozen', OLD.name, y
              USING ERRCODE = '55000',
                    DETAIL = format('Its parent (%s) gives it the factors it has none of its own for, in the frozen years'' figures too.',
                                    coalesce(OLD.parent, 'none')),
                    HINT = format('Make a new set with the new parent (INSERT INTO energy.factor_set ...), or re-open the frozen years first (SELECT energy.reopen_year(%s)).', y);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.factor_set_parent_frozen() IS
    'Trigger: a factor set''s parent cannot change while a year is frozen (55000, with what to do): it would change that year''s figures.';
CREATE TRIGGER parent_frozen BEFORE UPDATE OF parent ON energy.factor_set FOR EACH ROW EXECUTE FUNCTION energy.factor_set_parent_frozen();
COMMENT ON TRIGGER parent_frozen ON energy.factor_set IS 'A factor set''s parent does not change while a year is frozen (energy.factor_set_parent_frozen).';

-- Shipped rows are read-only (energy.reference_guard, as for the factor tables).
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.admin_division
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.admin_division
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.institution_category
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.institution_category
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.end_use
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.end_use
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
COMMENT ON TRIGGER guard ON energy.admin_division IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.admin_division IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER guard ON energy.institution_category IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.institution_category IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER guard ON energy.end_use IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.end_use IS 'Shipped rows may not be truncated away.';

-- A parent must exist, one level up, and share the code's prefix.
CREATE FUNCTION energy.admin_division_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    bad record;
BEGIN
    SELECT d.code, d.level, d.parent, p.level AS parent_level INTO bad
      FROM energy.admin_division d LEFT JOIN energy.admin_division p ON p.code = d.parent
     WHERE d.parent IS NOT NULL
       AND (p.code IS NULL
            OR p.level <> CASE d.level WHEN 'city' THEN 'province' ELSE 'city' END
            OR left(d.code, CASE d.level WHEN 'city' THEN 2 ELSE 4 END) <> left(p.code, CASE d.level WHEN 'city' THEN 2 ELSE 4 END))
     ORDER BY d.code LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'division % (%) has parent %, which is %', bad.code, bad.level, bad.parent,
              CASE WHEN bad.parent_level IS NULL THEN 'not in energy.admin_division'
                   ELSE 'a ' || bad.parent_level || ' or does not share its prefix' END
            USING ERRCODE = '23503',
                  HINT = 'A city''s parent is its province (210100 -> 210000), a county''s its city (210102 -> 210100); add the parent first.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.admin_division_check() IS
    'Trigger: after each statement on energy.admin_division, every parent exists one level up and shares the code''s prefix (23503 otherwise).';
CREATE TRIGGER check_parents AFTER INSERT OR UPDATE OR DELETE ON energy.admin_division
    FOR EACH STATEMENT EXECUTE FUNCTION energy.admin_division_check();
COMMENT ON TRIGGER check_parents ON energy.admin_division IS 'Every parent exists one level up.';

SELECT pg_catalog.pg_extension_config_dump('energy.admin_division', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.institution_category', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.end_use', 'WHERE NOT shipped');

INSERT INTO energy.institution_category (code, name_zh, name_en, parent, assignable, source, shipped)
SELECT code, name_zh, name_en, parent, assignable,
       '公共机构能源资源消费统计调查制度 (国家机关事务管理局), 分类汇总: 01 机关, 02 事业单位 (021 教育, 022 科技, 023 文化, 024 卫生, 025 体育, 026 其他), 03 社会团体',
       true
  FROM (VALUES
    ('01',  '机关',     'party and government organs',       NULL, true),
    ('02',  '事业单位', 'public service units',              NULL, false),
    ('021', '教育',     'public service units: education',   '02', true),
    ('022', '科技',     'public service units: science and technology', '02', true),
    ('023', '文化',     'public service units: culture',     '02', true),
    ('024', '卫生',     'public service units: health',      '02', true),
    ('025', '体育',     'public service units: sports',      '02', true),
    ('026', '其他',     'public service units: other',       '02', true),
    ('03',  '社会团体', 'social organisations',              NULL, true)
  ) AS v(code, name_zh, name_en, parent, assignable);

INSERT INTO energy.end_use (code, name_zh, additive, electricity_only, description, shipped) VALUES
    ('building', '建筑用能', true, false,
     'Energy and water used to run the buildings: lighting, equipment, cooling, canteens, on-site boilers; the default.', true),
    ('heating', '供暖', true, false,
     'Heating: purchased heat, or fuel burnt for heating, where it is recorded apart.', true),
    ('vehicle', '公务用车', true, false,
     'Fuel and electricity of the institution''s vehicles.', true),
    ('pv_generation', '光伏发电', true, false,
     'Electricity generated on site by rooftop PV and used by the institution (太阳能光电系统发电量, carrier pv).', true),
    ('other', '其他', true, false,
     'Any other use counted in the totals.', true),
    ('datacentre_total', '数据中心机房总电耗', false, true,
     'Of which (其中): all electricity of the data-centre rooms, already counted in the institution''s electricity; the numerator of PUE.', true),
    ('datacentre_it', '数据中心IT设备电耗', false, true,
     'Of which (其中): the electricity of the rooms'' IT equipment; the denominator of PUE.', true),
    ('submeter', '分项计量', false, false,
     'Of which (其中): a sub-meter or sub-account whose consumption is already in another row or meter.', true);

-- Checks of single values.
CREATE FUNCTION energy.credit_code_problem(code text) RETURNS text
    AS 'MODULE_PATHNAME', 'energy_credit_code_problem' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.credit_code_problem(text) IS
    'What is wrong with a unified social credit code (统一社会信用代码, GB 32100-2015): its length, a character outside the 31 of the standard (0-9, A-Y without I, O, S, V, Z) with its position, or a check character other than the one the first 17 characters give; NULL when the code is well formed.';

CREATE FUNCTION energy.canonical_unit(carrier energy.carrier, unit text) RETURNS text
    AS 'MODULE_PATHNAME', 'energy_canonical_unit' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.canonical_unit(energy.carrier, text) IS
    'The canonical spelling of a unit the carrier may be recorded in (any accepted spelling: 吨, ｋＷｈ, ...; NULL: the carrier''s base unit), or the conversions'' error 22023 naming both when the unit does not fit; NULL for a NULL carrier.';

-- The energy mix groups of the national energy balance (能源平衡表): coal and
-- coal products (coke-oven, blast-furnace and manufactured gas among them),
-- oil products (LPG and refinery gas among them), natural gas, electricity
-- (purchased, green included), heat (steam included), renewables generated on
-- site (PV) and other energy already in standard coal.
CREATE FUNCTION energy.mix_group(carrier energy.carrier) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE carrier::text
        WHEN 'electricity' THEN 'electricity' WHEN 'green_electricity' THEN 'electricity'
        WHEN 'raw_coal' THEN 'coal' WHEN 'washed_coal' THEN 'coal' WHEN 'middlings' THEN 'coal'
        WHEN 'briquette' THEN 'coal' WHEN 'coke' THEN 'coal' WHEN 'coke_oven_gas' THEN 'coal'
        WHEN 'blast_furnace_gas' THEN 'coal' WHEN 'manufactured_gas' THEN 'coal'
        WHEN 'crude_oil' THEN 'oil' WHEN 'fuel_oil' THEN 'oil' WHEN 'gasoline' THEN 'oil'
        WHEN 'kerosene' THEN 'oil' WHEN 'diesel' THEN 'oil' WHEN 'lpg' THEN 'oil' WHEN 'refinery_gas' THEN 'oil'
        WHEN 'natural_gas' THEN 'gas' WHEN 'oilfield_gas' THEN 'gas'
        WHEN 'heat' THEN 'heat' WHEN 'steam' THEN 'heat'
        WHEN 'pv' THEN 'renewable'
        WHEN 'other' THEN 'other'
    END;
COMMENT ON FUNCTION energy.mix_group(energy.carrier) IS
    'The energy-mix group of a carrier, as in the national energy balance: electricity (purchased, green included), coal (coal products, coke-oven, blast-furnace and manufactured gas included), oil (oil products, LPG and refinery gas included), gas (natural gas), heat (steam included), renewable (PV generated on site), other (其他能源); NULL for water.';

-- 等价值: the power-supply coal rate of electricity, which users load per year
-- (energy.coal_factor, basis 'primary'); NULL where none is loaded.
CREATE FUNCTION energy.primary_rate(on_date date) RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_primary_rate' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.primary_rate(date) IS
    'kgce per kWh of electricity on the primary basis (等价值, the power-supply coal rate) in force on on_date in the session''s factor set (SET energy.factor_set), or NULL where none is loaded (none is shipped: the yearly rates are unconfirmed).';
CREATE FUNCTION energy.primary_rate(on_date date, factor_set text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_primary_rate' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.primary_rate(date, text) IS
    'As primary_rate(on_date), in the given factor set (NULL: the session''s); a model''s views pass the model''s set.';

-- Every reference row that a conversion or a roll-up reads, as its key and
-- the md5 of its text, rendered the same way on every node; only the tables
-- named, if any are (a table not asked for costs nothing).
CREATE FUNCTION energy.reference_rows(only_tables text[] DEFAULT NULL)
    RETURNS TABLE (reference text, key text, fingerprint text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC' SET "DateStyle" = 'ISO, YMD' SET "IntervalStyle" = 'postgres' SET extra_float_digits = 3
    AS $$
    SELECT 'factor_set', t.name, md5(t::text) FROM energy.factor_set t
     WHERE only_tables IS NULL OR 'factor_set' = ANY (only_tables)
    UNION ALL SELECT 'coal_factor', concat_ws(' ', t.factor_set, t.carrier, t.basis, t.valid_from, t.loaded_at), md5(t::text) FROM energy.coal_factor t
     WHERE only_tables IS NULL OR 'coal_factor' = ANY (only_tables)
    UNION ALL SELECT 'density', concat_ws(' ', t.factor_set, t.carrier, t.valid_from, t.loaded_at), md5(t::text) FROM energy.density t
     WHERE only_tables IS NULL OR 'density' = ANY (only_tables)
    UNION ALL SELECT 'co2_factor', concat_ws(' ', t.factor_set, t.carrier, t.valid_from, t.loaded_at), md5(t::text) FROM energy.co2_factor t
     WHERE only_tables IS NULL OR 'co2_factor' = ANY (only_tables)
    UNION ALL SELECT 'grid_factor', concat_ws(' ', t.factor_set, t.basis, t.area, t.data_year, t.loaded_at), md5(t::text) FROM energy.grid_factor t
     WHERE only_tables IS NULL OR 'grid_factor' = ANY (only_tables)
    UNION ALL SELECT 'region', t.code, md5(t::text) FROM energy.region t
     WHERE only_tables IS NULL OR 'region' = ANY (only_tables)
    UNION ALL SELECT 'frozen_year', t.data_year::text, md5(t::text) FROM energy.frozen_year t
     WHERE only_tables IS NULL OR 'frozen_year' = ANY (only_tables)
    UNION ALL SELECT 'admin_division', t.code, md5(t::text) FROM energy.admin_division t
     WHERE only_tables IS NULL OR 'admin_division' = ANY (only_tables)
    UNION ALL SELECT 'institution_category', t.code, md5(t::text) FROM energy.institution_category t
     WHERE only_tables IS NULL OR 'institution_category' = ANY (only_tables)
    UNION ALL SELECT 'end_use', t.code, md5(t::text) FROM energy.end_use t
     WHERE only_tables IS NULL OR 'end_use' = ANY (only_tables)
$$;
COMMENT ON FUNCTION energy.reference_rows(text[]) IS
    'Every row of the reference tables (factor sets, coal and CO2 factors, densities, grid factors, regions, frozen years, administrative divisions, institution categories, end uses), or of those named in only_tables: its table, its key and the md5 of its text in UTC and ISO dates, the same on every server.';

-- One md5 per reference table over its rows in key order: what a server
-- converts with, besides its settings and its version (energy.node_fingerprint,
-- energy.ledger_basis).
CREATE FUNCTION energy.reference_digests(only_tables text[] DEFAULT NULL)
    RETURNS TABLE (reference text, rows bigint, digest text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT r.reference, count(*), md5(string_agg(r.fingerprint, ',' ORDER BY r.key COLLATE "C", r.fingerprint COLLATE "C"))
      FROM energy.reference_rows(only_tables) r GROUP BY r.reference
$$;
COMMENT ON FUNCTION energy.reference_digests(text[]) IS
    'Per reference table of energy.reference_rows(only_tables): its rows and one md5 over their fingerprints in key order.';
