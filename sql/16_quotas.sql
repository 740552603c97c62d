
-- =====================================================================
-- 0.2.0 — quota ratings in the structure of GB/T 40498-2021 (公共机构能耗
-- 定额标准编制通则): a provincial standard gives, per class of institution
-- (and region or climate zone), indicators with three levels — 约束值
-- (constraint, the upper limit), 基准值 (baseline), 引导值 (guide, the
-- advanced level) — each on its own energy scope (all energy, or energy
-- other than heating) and electricity basis (some standards convert
-- electricity at 0.31 kgce/kWh, not 0.1229).
--
--   energy.quota_standard   the standards: official, peer_average (a
--                           province's published averages of a class) or
--                           example (test data, never for official use).
--                           Shipped: Guangdong's 2021 peer averages
--   energy.quota_value      their values; load a standard's table from CSV
--                           with \copy (README), each row checked as written
--   <model>.quota_rating    each institution-year against every quota row
--                           that applies to it (BI), computed on the row's
--                           scope and basis; rating and gap to each level
--   <model>.data_quality    the statistics system's flags: per-area energy
--                           above a constraint value or below a guide value
--
-- An institution takes the rows of its province's standards whose region
-- (a province or city code: the institutions under it) and category (or the
-- category above it) fit, and whose class, if the row names one, is the
-- institution's quota_class.  The Liaoning and Guangxi standards' values are
-- not confirmed and are not shipped.
-- =====================================================================

CREATE TABLE energy.quota_standard (
    standard      text PRIMARY KEY CHECK (standard <> ''),
    name_zh       text NOT NULL CHECK (name_zh <> ''),
    province_code text CHECK (province_code ~ '^[1-9][0-9]0000$'),
    kind          text NOT NULL CHECK (kind IN ('official', 'peer_average', 'example')),
    source        text NOT NULL CHECK (source <> ''),
    note          text,
    shipped       boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.quota_standard IS
    'Energy quota standards (能耗定额) and peer benchmarks: official (a provincial DB standard), peer_average (a province''s published averages of a class of institutions), example (labelled test data, never for official ratings). Shipped: Guangdong''s 2021 peer averages; add your province''s standard (shipped = false; dumped).';
COMMENT ON COLUMN energy.quota_standard.standard IS 'Code of the standard, e.g. DB37/T 2673-2019.';
COMMENT ON COLUMN energy.quota_standard.name_zh IS 'Title of the standard or notice.';
COMMENT ON COLUMN energy.quota_standard.province_code IS 'The province it applies in (GB/T 2260 code); NULL for a national one.';
COMMENT ON COLUMN energy.quota_standard.kind IS 'official, peer_average or example.';
COMMENT ON COLUMN energy.quota_standard.source IS 'Where it was published.';
COMMENT ON COLUMN energy.quota_standard.note IS 'Caveats.';
COMMENT ON COLUMN energy.quota_standard.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.quota_value (
    standard          text NOT NULL REFERENCES energy.quota_standard ON UPDATE CASCADE,
    region_code       text,
    category          text,
    quota_class       text CHECK (quota_class <> ''),
    indicator         text NOT NULL,
    energy_scope      text NOT NULL DEFAULT 'total',
    electricity_basis numeric NOT NULL DEFAULT 0.1229,
    constraint_value  numeric,
    baseline_value    numeric,
    guide_value       numeric,
    note              text,
    shipped           boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX quota_value_key ON energy.quota_value
    (standard, coalesce(region_code, ''), coalesce(category, ''), coalesce(quota_class, ''), indicator, energy_scope, electricity_basis);
COMMENT ON TABLE energy.quota_value IS
    'The values of a quota standard: per region (or climate zone, as the province or city codes under it), category and class, an indicator on its energy scope and electricity basis, with its constraint (约束值), baseline (基准值) and guide (引导值) values, lower being better. Load a standard''s table with \copy energy.quota_value (...) FROM ''file.csv'' (FORMAT csv, HEADER); each row is checked as it is written.';
COMMENT ON INDEX energy.quota_value_key IS 'One row per standard, region, category, class, indicator, scope and basis.';
COMMENT ON COLUMN energy.quota_value.standard IS 'The standard (energy.quota_standard).';
COMMENT ON COLUMN energy.quota_value.region_code IS 'Where the row applies within the standard''s province: a city code (its institutions) or a province code; NULL: all of it. A climate zone is one row per city of the zone.';
COMMENT ON COLUMN energy.quota_value.category IS 'The institution category it applies to (an institution of a sub-class 021–026 also takes rows of 02); NULL: any.';
COMMENT ON COLUMN energy.quota_value.quota_class IS 'The standard''s own class (二级医院, 高等学校, 省级以上机关...), matched against the model''s institution.quota_class; NULL: by category alone.';
COMMENT ON COLUMN energy.quota_value.indicator IS 'kgce_per_m2 (kgce/m²·a), kgce_per_person (kgce/人·a), kwh_per_m2 (kWh/m²·a) or water_m3_per_person (m³/人·a).';
COMMENT ON COLUMN energy.quota_value.energy_scope IS 'total (all energy) or non_heating (without the energy of end use heating: 单位建筑面积非供暖能耗).';
COMMENT ON COLUMN energy.quota_value.electricity_basis IS 'kgce per kWh of electricity (grid, green and PV) in the indicator: 0.1229 (当量值) or e.g. 0.31 as some provincial standards use.';
COMMENT ON COLUMN energy.quota_value.constraint_value IS '约束值: the upper limit; NULL when the standard gives none.';
COMMENT ON COLUMN energy.quota_value.baseline_value IS '基准值 (for a peer average, the average); NULL when none.';
COMMENT ON COLUMN energy.quota_value.guide_value IS '引导值: the advanced level; NULL when none.';
COMMENT ON COLUMN energy.quota_value.note IS 'Caveats.';
COMMENT ON COLUMN energy.quota_value.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

-- Each quota row is checked as it is written: its region, category,
-- indicator, scope and basis, and its levels in order.
CREATE FUNCTION energy.quota_value_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    what text := format('quota %s %s%s', NEW.standard, NEW.indicator, coalesce(' (' || NEW.quota_class || ')', ''));
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.quota_standard q WHERE q.standard = NEW.standard) THEN
        RAISE EXCEPTION 'unknown quota standard "%"', NEW.standard USING ERRCODE = '23503',
              HINT = 'Insert the standard into energy.quota_standard first; there are: '
                     || coalesce((SELECT string_agg(q.standard, ', ' ORDER BY q.standard) FROM energy.quota_standard q), 'none') || '.';
    END IF;
    IF NEW.indicator IS NULL OR NEW.indicator NOT IN ('kgce_per_m2', 'kgce_per_person', 'kwh_per_m2', 'water_m3_per_person') THEN
        RAISE EXCEPTION 'unknown quota indicator "%" in %', NEW.indicator, NEW.standard USING ERRCODE = '22023',
              HINT = 'Use kgce_per_m2, kgce_per_person, kwh_per_m2 or water_m3_per_person.';
    END IF;
    IF NEW.energy_scope IS NULL OR NEW.energy_scope NOT IN ('total', 'non_heating') THEN
        RAISE EXCEPTION 'unknown energy scope "%" of %', NEW.energy_scope, what USING ERRCODE = '22023',
              HINT = 'Use total (all energy) or non_heating (without the energy of end use heating).';
    END IF;
    IF NEW.electricity_basis IS NULL OR NEW.electricity_basis <= 0 OR NEW.electricity_basis > 1 THEN
        RAISE EXCEPTION 'electricity basis % of % is not a standard-coal rate', NEW.electricity_basis, what USING ERRCODE = '22023',
              HINT = 'kgce per kWh: 0.1229 (当量值) or the rate the standard uses, e.g. 0.31.';
    END IF;
    IF NEW.region_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = NEW.region_code) THEN
        RAISE EXCEPTION 'unknown region code "%" of %', NEW.region_code, what USING ERRCODE = '23503',
              HINT = 'Give a province or city code of energy.admin_division, or NULL for the whole province of the standard.';
    END IF;
    IF NEW.region_code IS NOT NULL AND EXISTS (SELECT 1 FROM energy.quota_standard s WHERE s.standard = NEW.standard
                                                  AND left(s.province_code, 2) <> left(NEW.region_code, 2)) THEN
        RAISE EXCEPTION 'region % of % lies outside the standard''s province', NEW.region_code, what USING ERRCODE = '22023',
              HINT = 'A standard applies in its own province (energy.quota_standard.province_code): give a city of it, or NULL.';
    END IF;
    IF NEW.category IS NOT NULL AND NOT EXISTS (SELECT 1 FROM energy.institution_category k WHERE k.code = NEW.category) THEN
        RAISE EXCEPTION 'unknown category "%" of %', NEW.category, what USING ERRCODE = '23503',
              HINT = 'Use a code of energy.institution_category: 01, 02, 021–026 or 03, or NULL.';
    END IF;
    IF 'NaN' IN (NEW.constraint_value, NEW.baseline_value, NEW.guide_value)
       OR greatest(NEW.constraint_value, NEW.baseline_value, NEW.guide_value) = 'Infinity' THEN
        RAISE EXCEPTION '% has a level that is not a finite number', what USING ERRCODE = '22023',
              HINT = 'Quota values are positive finite numbers in the indicator''s unit.';
    END IF;
    IF num_nulls(NEW.constraint_value, NEW.baseline_value, NEW.guide_value) = 3 THEN
        RAISE EXCEPTION '% has no value', what USING ERRCODE = '22023',
              HINT = 'Give at least one of constraint_value (约束值), baseline_value (基准值), guide_value (引导值).';
    END IF;
    IF least(NEW.constraint_value, NEW.baseline_value, NEW.guide_value) <= 0 THEN
        RAISE EXCEPTION '% has a level at or below zero', what USING ERRCODE = '22023', HINT = 'Quota values are positive.';
    END IF;
    IF NEW.guide_value > coalesce(NEW.baseline_value, NEW.constraint_value) OR NEW.baseline_value > NEW.constraint_value THEN
        RAISE EXCEPTION 'levels of % out of order: constraint %, baseline %, guide %', what,
              coalesce(NEW.constraint_value::text, '-'), coalesce(NEW.baseline_value::text, '-'), coalesce(NEW.guide_value::text, '-')
              USING ERRCODE = '23514',
              HINT = 'Lower is better: constraint (约束值) ≥ baseline (基准值) ≥ guide (引导值). Were two columns swapped?';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.quota_value_check() IS
    'Trigger: a quota row''s indicator, energy scope, electricity basis, region, category and levels (constraint ≥ baseline ≥ guide, 23514 otherwise) are checked as it is written, and its standard must exist in energy.quota_standard (23503, listing them).';
CREATE TRIGGER check_quota BEFORE INSERT OR UPDATE ON energy.quota_value
    FOR EACH ROW EXECUTE FUNCTION energy.quota_value_check();
COMMENT ON TRIGGER check_quota ON energy.quota_value IS 'Checks each quota row as it is written.';

-- A standard is checked as it is written: a province that exists (else its
-- rows would silently apply to no one) and a known kind.
CREATE FUNCTION energy.quota_standard_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.kind IS NULL OR NEW.kind NOT IN ('official', 'peer_average', 'example') THEN
        RAISE EXCEPTION 'unknown kind "%" of quota standard %', coalesce(NEW.kind, 'NULL'), NEW.standard USING ERRCODE = '22023',
              HINT = 'official (a provincial DB standard), peer_average (published averages of a class) or example (test data, never for official ratings).';
    END IF;
    IF NEW.province_code IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = NEW.province_code AND d.level = 'province') THEN
        RAISE EXCEPTION 'unknown province code "%" of quota standard %', NEW.province_code, NEW.standard USING ERRCODE = '23503',
              HINT = 'The province the standard applies in, a province code of energy.admin_division (370000 山东, 440000 广东), or NULL for a national one.';
    END IF;
    -- moved to another province, its rows of regions of the old one would
    -- rate no one (quota_value_check refuses such a row when it is written)
    IF TG_OP = 'UPDATE' AND NEW.province_code IS NOT NULL AND NEW.province_code IS DISTINCT FROM OLD.province_code
       AND EXISTS (SELECT 1 FROM energy.quota_value v WHERE v.standard = OLD.standard AND v.region_code IS NOT NULL
                      AND left(v.region_code, 2) <> left(NEW.province_code, 2)) THEN
        RAISE EXCEPTION 'quota standard % cannot move to province %: % of its rows are for regions outside it', NEW.standard, NEW.province_code,
              (SELECT count(*) FROM energy.quota_value v WHERE v.standard = OLD.standard AND v.region_code IS NOT NULL
                  AND left(v.region_code, 2) <> left(NEW.province_code, 2)) USING ERRCODE = '23514',
              DETAIL = 'Regions: ' || (SELECT string_agg(DISTINCT v.region_code, ', ') FROM energy.quota_value v
                                        WHERE v.standard = OLD.standard AND v.region_code IS NOT NULL
                                          AND left(v.region_code, 2) <> left(NEW.province_code, 2)) || '.',
              HINT = 'A standard applies in its own province: set those rows'' region_code to regions of the new province (or NULL) first, or correct the province code.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.quota_standard_check() IS
    'Trigger: a quota standard''s kind is known (22023) and its province exists in energy.admin_division (23503); a standard whose rows name regions cannot move to another province (23514); each with a hint.';
CREATE TRIGGER check_standard BEFORE INSERT OR UPDATE ON energy.quota_standard
    FOR EACH ROW EXECUTE FUNCTION energy.quota_standard_check();
COMMENT ON TRIGGER check_standard ON energy.quota_standard IS 'Checks each standard as it is written.';

CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.quota_standard
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.quota_standard
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.quota_value
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.quota_value
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
COMMENT ON TRIGGER guard ON energy.quota_standard IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.quota_standard IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER guard ON energy.quota_value IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.quota_value IS 'Shipped rows may not be truncated away.';

SELECT pg_catalog.pg_extension_config_dump('energy.quota_standard', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.quota_value', 'WHERE NOT shipped');

-- Guangdong's official 2021 averages of its classes of public institutions,
-- as a peer benchmark (the baseline column holds the average).
INSERT INTO energy.quota_standard (standard, name_zh, province_code, kind, source, note, shipped) VALUES
    ('GD-2021-peer-average', '2021年度广东省同类型公共机构能源资源消费指标平均值', '440000', 'peer_average',
     '广东省能源局《关于公布2021年度我省同类型公共机构能源资源消费指标平均值的通知》 (2023-01-03)',
     'Averages of each class in 2021, not quotas: the baseline column holds the average; electricity at 0.1229 kgce/kWh assumed (当量值, as the statistics system).', true);
INSERT INTO energy.quota_value (standard, category, quota_class, indicator, baseline_value, shipped)
SELECT 'GD-2021-peer-average', v.category, v.class, i.indicator, i.value, true
  FROM (VALUES ('01', '省级以上机关', 12.49, 517.33, 38.53), ('01', '市级以下机关', 11.02, 397.34, 69.99),
               ('021', '高等学校', 4.77, 102.80, 50.51), ('021', '中小学校', 3.28, 65.30, 43.38),
               ('024', '医院', 15.88, 294.06, 55.87), (NULL, '场馆', 9.87, 66.04, 11.17)) AS v(category, class, per_m2, per_person, water)
 CROSS JOIN LATERAL (VALUES ('kgce_per_m2', v.per_m2), ('kgce_per_person', v.per_person), ('water_m3_per_person', v.water))
       AS i(indicator, value);
