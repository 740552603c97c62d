
-- =====================================================================
-- 0.2.0 — targets: is each scope (the nation, a province, city or county,
-- a department, a category, one institution) on track for its energy,
-- water and carbon targets?
--
--   energy.target_indicator   what a target can be set on: the indicators
--                             of the statistics system and the totals the
--                             caps limit, as Σ numerator / Σ denominator
--   energy.target             the targets, with the document each comes
--                             from: a change on the year before
--                             (annual_change), a change on a baseline year
--                             reached at an equal yearly rate
--                             (cumulative_change), a ceiling (cap), a
--                             number (count) or a share (share) to reach.
--                             Shipped: the 14th Five-Year plan's national
--                             targets and caps, Guangxi's 2023 annual and
--                             counted targets; users add their own (dumped)
--   energy.published_indicator  the figures the offices published (the
--                             national ones of 2020, 2022, 2023 shipped)
--   energy.published_target_status  the targets against those figures
--   <model>.programme         counted work (PV projects, contracts, m²
--                             retrofitted, e-waste, conservation offices,
--                             water-saving units) for count and share targets
--   <model>.target_status     the targets against a model's data (BI)
--   <model>.cap_status        caps burning down: used, projected, warning
--
-- How a target is judged, in year y of its evaluation:
--   change targets   over the like-for-like set — the institutions of the
--                    scope with the indicator's figures (a positive area or
--                    headcount) both in y and in the baseline year —
--                    actual = Σ numerator / Σ denominator in y, baseline =
--                    the same in the baseline year; required change by y =
--                    (1 + target %)^((y − baseline) / (target year −
--                    baseline)) − 1, the equal yearly rate of the plan; the
--                    required value = baseline × (1 + required change)
--   caps             actual = the scope's total in y over the institutions
--                    with the figure, required = the cap
--   status           met / not met in the target year; on track / off track
--                    before it (the mid-term evaluation is 2023 of a
--                    2021–2025 plan); insufficient data when no institution
--                    has the figures.  gap, in the indicator's unit, is what
--                    is still to do (> 0) or the margin (≤ 0): actual −
--                    required for energy, water and carbon (better lower),
--                    required − actual for counts and shares (better higher)
--   counts, shares   the programme rows (or the share of new-energy
--                    vehicles) of the scope, judged in the target year
-- =====================================================================

CREATE TABLE energy.target_indicator (
    indicator   text PRIMARY KEY CHECK (indicator ~ '^[a-z][a-z0-9_]*$'),
    name_zh     text NOT NULL CHECK (name_zh <> ''),
    unit        text NOT NULL CHECK (unit <> ''),
    basis       text NOT NULL DEFAULT 'institution_year' CHECK (basis IN ('institution_year', 'programme')),
    numerator   text NOT NULL,
    denominator text,
    scale       numeric NOT NULL DEFAULT 1 CHECK (scale > 0),
    better      text NOT NULL DEFAULT 'lower' CHECK (better IN ('lower', 'higher')),
    description text NOT NULL,
    shipped     boolean NOT NULL DEFAULT true CONSTRAINT only_the_extensions_indicators CHECK (shipped),
    CHECK (basis <> 'institution_year' OR (numerator IN ('kgce', 'kgco2', 'water_m3', 'electricity_kwh', 'nev_added')
                                           AND coalesce(denominator, 'people') IN ('building_area_m2', 'people', 'vehicles_added'))),
    CHECK (basis <> 'programme' OR (numerator IN ('pv_project', 'epc_contract', 'retrofit_area', 'ewaste_item',
                                                  'conservation_office', 'water_saving_unit')
                                    AND coalesce(denominator, 'eligible') = 'eligible'))
);
COMMENT ON TABLE energy.target_indicator IS
    'What a target can be set on: an indicator of the statistics system (Σ numerator / Σ denominator over the institutions that have both, × scale) or a total (no denominator: Σ numerator × scale). Numerators and denominators are figures of a model''s institution_year. The list is the extension''s: the views compute exactly these.';
COMMENT ON COLUMN energy.target_indicator.indicator IS 'Name of the indicator, as targets give it.';
COMMENT ON COLUMN energy.target_indicator.name_zh IS 'Chinese name.';
COMMENT ON COLUMN energy.target_indicator.unit IS 'Unit of the indicator (and of a cap on it).';
COMMENT ON COLUMN energy.target_indicator.basis IS 'Where the figures come from: institution_year (the model''s indicators) or programme (the model''s programme table of counted work).';
COMMENT ON COLUMN energy.target_indicator.numerator IS 'Summed above the line: an institution_year figure (kgce, kgco2, water_m3, electricity_kwh, nev_added) or a programme item (pv_project, epc_contract, retrofit_area, ewaste_item, conservation_office, water_saving_unit).';
COMMENT ON COLUMN energy.target_indicator.denominator IS 'Summed below the line, over the rows that have both: building_area_m2, people or vehicles_added of institution_year, or a programme row''s eligible; NULL for a total or a count.';
COMMENT ON COLUMN energy.target_indicator.scale IS 'Factor from the model''s unit to the indicator''s (0.001: kgce to tce, kgCO2 to t; 100: a share in per cent).';
COMMENT ON COLUMN energy.target_indicator.better IS 'lower (energy, water, carbon: change targets and caps) or higher (counts and shares: count and share targets).';
COMMENT ON COLUMN energy.target_indicator.description IS 'Definition.';
COMMENT ON COLUMN energy.target_indicator.shipped IS 'Always true: the indicators are the extension''s (read-only).';

INSERT INTO energy.target_indicator (indicator, name_zh, unit, basis, numerator, denominator, scale, better, description) VALUES
    ('nev_share', '新能源汽车占新增车辆比例', '%', 'institution_year', 'nev_added', 'vehicles_added', 100, 'higher',
     'New-energy vehicles among the vehicles added or replaced, Σ / Σ over the institutions that added vehicles, in per cent.'),
    ('pv_projects', '屋顶光伏项目', '个', 'programme', 'pv_project', NULL, 1, 'higher', 'Rooftop PV projects completed (programme rows pv_project).'),
    ('epc_contracts', '合同能源管理项目', '个', 'programme', 'epc_contract', NULL, 1, 'higher', 'Energy-performance contracts signed (programme rows epc_contract).'),
    ('retrofit_m2', '既有建筑节能改造面积', 'm²', 'programme', 'retrofit_area', NULL, 1, 'higher', 'Existing floor area retrofitted for energy saving (programme rows retrofit_area, in m²).'),
    ('ewaste_items', '废旧电子产品规范处置', '件', 'programme', 'ewaste_item', NULL, 1, 'higher', 'Discarded electronic items disposed of properly (programme rows ewaste_item).'),
    ('conservation_offices', '节约型机关', '个', 'programme', 'conservation_office', NULL, 1, 'higher', 'Offices that completed the conservation-office campaign (programme rows conservation_office).'),
    ('conservation_office_share', '节约型机关占比', '%', 'programme', 'conservation_office', 'eligible', 100, 'higher',
     'Conservation offices among the eligible offices, Σ quantity / Σ eligible of the rows that give both, in per cent.'),
    ('water_saving_unit_share', '节水型单位占比', '%', 'programme', 'water_saving_unit', 'eligible', 100, 'higher',
     'Water-saving units among the eligible units, Σ quantity / Σ eligible of the rows that give both, in per cent.');
INSERT INTO energy.target_indicator (indicator, name_zh, unit, numerator, denominator, scale, description, shipped) VALUES
    ('kgce_per_m2', '单位建筑面积能耗', 'kgce/m²', 'kgce', 'building_area_m2', 1,
     '综合能耗 (当量值) / building area, Σ / Σ over the institutions with both.', true),
    ('kgce_per_person', '人均综合能耗', 'kgce/人', 'kgce', 'people', 1,
     '综合能耗 (当量值) / 用能人数, Σ / Σ over the institutions with both.', true),
    ('water_m3_per_person', '人均用水量', 'm³/人', 'water_m3', 'people', 1,
     'Water / 用能人数, Σ / Σ over the institutions with both.', true),
    ('kgco2_per_m2', '单位建筑面积碳排放', 'kgCO2/m²', 'kgco2', 'building_area_m2', 1,
     'CO2 (location-based) / building area, Σ / Σ over the institutions with both.', true),
    ('kwh_per_m2', '单位建筑面积电耗', 'kWh/m²', 'electricity_kwh', 'building_area_m2', 1,
     'Electricity used (grid, green, PV) / building area, Σ / Σ over the institutions with both.', true),
    ('tce', '能源消费总量', 'tce', 'kgce', NULL, 0.001,
     '综合能耗 (当量值) in tonnes of standard coal, summed over the institutions with the figure.', true),
    ('water_m3', '用水总量', 'm³', 'water_m3', NULL, 1,
     'Water, summed over the institutions with the figure.', true),
    ('tco2', '二氧化碳排放总量', 'tCO2', 'kgco2', NULL, 0.001,
     'CO2 (location-based) in tonnes, summed over the institutions with the figure.', true);

CREATE TABLE energy.target (
    target_id     text PRIMARY KEY CHECK (target_id ~ '^[a-z0-9][a-z0-9_.-]*$'),
    scope_level   text NOT NULL,
    scope_code    text,
    indicator     text NOT NULL,
    kind          text NOT NULL,
    baseline_year integer CHECK (baseline_year BETWEEN 1990 AND 2100),
    target_year   integer NOT NULL CHECK (target_year BETWEEN 1990 AND 2100),
    value         numeric NOT NULL,
    subset        text CHECK (subset <> ''),
    source        text NOT NULL CHECK (source <> ''),
    note          text,
    shipped       boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.target IS
    'Energy, water and carbon targets by scope: annual_change (per cent on the year before), cumulative_change (per cent on a baseline year, at an equal yearly rate), cap (a ceiling on a total), count (a number of programme items to reach), share (a share in per cent to reach). Shipped: the 14th Five-Year plan''s national targets and caps and Guangxi''s 2023 annual targets, each with its document; add your own (shipped = false), which pg_dump keeps. A model''s target_status and energy.published_target_status judge them.';
COMMENT ON COLUMN energy.target.target_id IS 'Your name for the target (lower case, digits, - _ .), e.g. cn-14fyp-kgce_per_m2.';
COMMENT ON COLUMN energy.target.scope_level IS 'national, province, city, county (GB/T 2260 codes), department, category (01, 02, 021–026, 03) or institution.';
COMMENT ON COLUMN energy.target.scope_code IS 'The province, city or county code, the department, the category code or the institution_id; NULL for national.';
COMMENT ON COLUMN energy.target.indicator IS 'What the target is set on (energy.target_indicator).';
COMMENT ON COLUMN energy.target.kind IS 'annual_change: value per cent on the year before; cumulative_change: value per cent on baseline_year by target_year; cap: value is a ceiling in the indicator''s unit; count: value is a number to reach (counted over baseline_year + 1 .. target_year when a baseline is given, else in target_year); share: value is a share in per cent to reach in target_year.';
COMMENT ON COLUMN energy.target.baseline_year IS 'The year compared with: target_year − 1 for an annual change (filled in when left NULL); the plan''s base for a cumulative change; for a cap, optionally the year before the first year it is followed in.';
COMMENT ON COLUMN energy.target.target_year IS 'The year the target is due.';
COMMENT ON COLUMN energy.target.value IS 'For a change: per cent, negative for a decrease (−5 = down 5 %); for a cap: the ceiling in the indicator''s unit; for a count: the number to reach; for a share: per cent.';
COMMENT ON COLUMN energy.target.subset IS 'For a programme target: only the programme rows of this subset count (e.g. 区直事业单位 and 市直事业单位 for two water-saving targets of one province); NULL: all.';
COMMENT ON COLUMN energy.target.source IS 'The document that sets the target.';
COMMENT ON COLUMN energy.target.note IS 'Free text.';
COMMENT ON COLUMN energy.target.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE UNIQUE INDEX target_scope ON energy.target (scope_level, coalesce(scope_code, ''), indicator, kind, target_year, coalesce(baseline_year, 0), coalesce(subset, ''));
COMMENT ON INDEX energy.target_scope IS 'One target per scope, indicator, kind, years and subset.';

-- Every target is checked as it is written: its scope, indicator, kind and
-- years, with the value and what to do in the error.
CREATE FUNCTION energy.target_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ind energy.target_indicator;
    dup record;
BEGIN
    IF NEW.target_id IS NULL OR NEW.target_id !~ '^[a-z0-9][a-z0-9_.-]*$' THEN
        RAISE EXCEPTION 'target id "%" is not a lower-case code', coalesce(NEW.target_id, 'NULL') USING ERRCODE = '22023',
              HINT = 'Lower-case letters, digits, _ . and -, starting with a letter or digit: e.g. gx-2025-kgce_per_m2'
                     || CASE WHEN NEW.target_id IS NOT NULL THEN ' (' || lower(NEW.target_id) || '?)' ELSE '' END || '.';
    END IF;
    IF NEW.target_year NOT BETWEEN 1990 AND 2100 OR NEW.baseline_year NOT BETWEEN 1990 AND 2100 THEN
        RAISE EXCEPTION 'target % has year % (baseline %), outside 1990–2100', NEW.target_id, NEW.target_year,
              coalesce(NEW.baseline_year::text, 'none') USING ERRCODE = '22023',
              HINT = 'Years are written in full: 2025, with baseline 2020.';
    END IF;
    IF NEW.scope_level IS NULL OR NEW.scope_level NOT IN ('national', 'province', 'city', 'county', 'department', 'category', 'institution') THEN
        RAISE EXCEPTION 'unknown scope level "%" of target %', NEW.scope_level, NEW.target_id USING ERRCODE = '22023',
              HINT = 'Use national, province, city, county, department, category or institution.';
    END IF;
    IF NEW.scope_level = 'national' AND NEW.scope_code IS NOT NULL THEN
        RAISE EXCEPTION 'national target % has scope code "%"', NEW.target_id, NEW.scope_code USING ERRCODE = '22023',
              HINT = 'Leave scope_code NULL for a national target; give a region its level (province, city, county).';
    END IF;
    IF NEW.scope_level <> 'national' AND coalesce(NEW.scope_code, '') = '' THEN
        RAISE EXCEPTION '% target % has no scope code', NEW.scope_level, NEW.target_id USING ERRCODE = '22023',
              HINT = 'Give the code of the ' || NEW.scope_level || ' in scope_code.';
    END IF;
    IF NEW.scope_level IN ('province', 'city', 'county')
       AND NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = NEW.scope_code AND d.level = NEW.scope_level) THEN
        RAISE EXCEPTION 'unknown % code "%" of target %', NEW.scope_level, NEW.scope_code, NEW.target_id USING ERRCODE = '23503',
              HINT = coalesce('"' || NEW.scope_code || '" is a ' || (SELECT d.level FROM energy.admin_division d WHERE d.code = NEW.scope_code)
                              || ' code: set scope_level to that. ', '')
                     || 'Codes are those of energy.admin_division: 450000 广西 (province), 450100 南宁市 (city), 450102 兴宁区 (county).';
    END IF;
    IF NEW.scope_level = 'category' AND NOT EXISTS (SELECT 1 FROM energy.institution_category k WHERE k.code = NEW.scope_code) THEN
        RAISE EXCEPTION 'unknown category "%" of target %', NEW.scope_code, NEW.target_id USING ERRCODE = '23503',
              HINT = 'Use a code of energy.institution_category: 01, 02, 021–026 or 03.';
    END IF;
    SELECT * INTO ind FROM energy.target_indicator i WHERE i.indicator = NEW.indicator;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown indicator "%" of target %', NEW.indicator, NEW.target_id USING ERRCODE = '23503',
              HINT = 'Use one of energy.target_indicator: '
                     || (SELECT string_agg(i.indicator, ', ' ORDER BY i.indicator) FROM energy.target_indicator i) || '.';
    END IF;
    IF NEW.kind IS NULL OR NEW.kind NOT IN ('annual_change', 'cumulative_change', 'cap', 'count', 'share') THEN
        RAISE EXCEPTION 'unknown kind "%" of target %', NEW.kind, NEW.target_id USING ERRCODE = '22023',
              HINT = 'Use annual_change (per cent on the year before), cumulative_change (per cent on a baseline year), cap (a ceiling on a total), count (a number to reach) or share (a share in per cent to reach).';
    END IF;
    IF (NEW.kind IN ('count', 'share')) <> (ind.better = 'higher')
       OR (NEW.kind = 'count' AND ind.denominator IS NOT NULL) OR (NEW.kind = 'share' AND ind.denominator IS NULL) THEN
        RAISE EXCEPTION 'target % of kind % cannot be set on %', NEW.target_id, NEW.kind, NEW.indicator USING ERRCODE = '22023',
              HINT = 'Energy, water and carbon indicators take annual_change, cumulative_change or cap; counts ('
                     || (SELECT string_agg(i.indicator, ', ' ORDER BY i.indicator) FROM energy.target_indicator i
                          WHERE i.better = 'higher' AND i.denominator IS NULL)
                     || ') take count; shares ('
                     || (SELECT string_agg(i.indicator, ', ' ORDER BY i.indicator) FROM energy.target_indicator i
                          WHERE i.better = 'higher' AND i.denominator IS NOT NULL)
                     || ') take share.';
    END IF;
    IF NEW.subset IS NOT NULL AND ind.basis <> 'programme' THEN
        RAISE EXCEPTION 'target % on % has a subset', NEW.target_id, NEW.indicator USING ERRCODE = '22023',
              HINT = 'A subset selects programme rows; leave it NULL for an indicator of institution_year.';
    END IF;
    IF NEW.kind = 'share' AND (NEW.value <= 0 OR NEW.value > 100) THEN
        RAISE EXCEPTION 'share target % is % %%', NEW.target_id, NEW.value USING ERRCODE = '22023',
              HINT = 'A share is in per cent, above 0 and at most 100: 85 for 85 %.';
    END IF;
    IF NEW.kind = 'count' AND NEW.value <= 0 THEN
        RAISE EXCEPTION 'count target % is %', NEW.target_id, NEW.value USING ERRCODE = '22023',
              HINT = 'A count target is the positive number to reach.';
    END IF;
    IF NEW.kind = 'share' AND NEW.baseline_year IS NOT NULL THEN
        RAISE EXCEPTION 'share target % has a baseline year', NEW.target_id USING ERRCODE = '22023',
              HINT = 'A share is judged in its target year; leave baseline_year NULL.';
    END IF;
    IF NEW.value IS NULL OR NEW.value = 'NaN' OR NEW.value IN ('Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'target % has value %', NEW.target_id, coalesce(NEW.value::text, 'NULL') USING ERRCODE = '22023',
              HINT = 'A finite number: per cent for a change or a share, the ceiling or the number to reach otherwise.';
    END IF;
    IF NEW.kind = 'annual_change' THEN
        -- an annual target moved to another year compares with its new year
        -- before, when its baseline was the one filled in (left unchanged)
        IF TG_OP = 'UPDATE' AND OLD.kind = 'annual_change' AND NEW.target_year <> OLD.target_year
           AND NEW.baseline_year IS NOT DISTINCT FROM OLD.baseline_year AND OLD.baseline_year = OLD.target_year - 1 THEN
            NEW.baseline_year := NULL;
        END IF;
        NEW.baseline_year := coalesce(NEW.baseline_year, NEW.target_year - 1);
        IF NEW.baseline_year < 1990 THEN  -- (it was the column's CHECK, naming a year the user never wrote)
            RAISE EXCEPTION 'annual target % of % compares with %, before 1990', NEW.target_id, NEW.target_year, NEW.baseline_year
                  USING ERRCODE = '22023',
                  HINT = 'An annual change compares with the year before: its target year is 1991 or later.';
        END IF;
        IF NEW.baseline_year <> NEW.target_year - 1 THEN
            RAISE EXCEPTION 'annual target % compares % with %, not with the year before', NEW.target_id, NEW.target_year, NEW.baseline_year
                  USING ERRCODE = '22023',
                  HINT = 'Leave baseline_year NULL for an annual change (SET baseline_year = NULL in an UPDATE), or use kind cumulative_change for a change on a baseline year.';
        END IF;
    ELSIF NEW.baseline_year IS NULL AND NEW.kind = 'cumulative_change' THEN
        RAISE EXCEPTION 'cumulative target % has no baseline year', NEW.target_id USING ERRCODE = '22023',
              HINT = 'Give the plan''s base year, e.g. baseline_year 2020 for the 14th Five-Year plan.';
    END IF;
    IF NEW.baseline_year >= NEW.target_year THEN
        RAISE EXCEPTION 'target year % of target % is not after its baseline year %', NEW.target_year, NEW.target_id, NEW.baseline_year
              USING ERRCODE = '22023', HINT = 'A target is due after the year it is measured from: swap the two years?';
    END IF;
    IF NEW.kind IN ('annual_change', 'cumulative_change') AND NEW.value <= -100 THEN
        RAISE EXCEPTION 'target % asks for a change of % %%', NEW.target_id, NEW.value USING ERRCODE = '22023',
              HINT = 'A change is in per cent of the baseline, above −100: −5 is a decrease of 5 %.';
    END IF;
    -- the statistics system's targets are decreases (下降), written negative;
    -- "a decrease of 5 %" written 5 is a common slip: said, not refused (an
    -- allowance for growth is a target too)
    IF NEW.kind IN ('annual_change', 'cumulative_change') AND NEW.value > 0 AND ind.better = 'lower' THEN
        RAISE WARNING 'target % asks for an increase of % %% in %, where lower is better', NEW.target_id, NEW.value, NEW.indicator
              USING HINT = format('A decrease is written negative: %s for a decrease of %s %%. Leave it if an increase is meant.', -NEW.value, NEW.value);
    END IF;
    IF NEW.kind = 'cap' AND ind.denominator IS NOT NULL THEN
        RAISE EXCEPTION 'cap % is on %, a ratio', NEW.target_id, NEW.indicator USING ERRCODE = '22023',
              HINT = 'A cap limits a total: tce, water_m3 or tco2. Set a ratio''s target as a change.';
    END IF;
    IF NEW.kind = 'cap' AND NEW.value <= 0 THEN
        RAISE EXCEPTION 'cap % is %', NEW.target_id, NEW.value USING ERRCODE = '22023',
              HINT = 'A cap is a positive ceiling in the indicator''s unit (' || ind.unit || ').';
    END IF;
    -- one target per scope, indicator, kind, years and subset (the index
    -- target_scope): said with the target already there and what to do
    SELECT t.target_id, t.value, t.shipped INTO dup FROM energy.target t
     WHERE t.scope_level = NEW.scope_level AND coalesce(t.scope_code, '') = coalesce(NEW.scope_code, '')
       AND t.indicator = NEW.indicator AND t.kind = NEW.kind AND t.target_year = NEW.target_year
       AND coalesce(t.baseline_year, 0) = coalesce(NEW.baseline_year, 0) AND coalesce(t.subset, '') = coalesce(NEW.subset, '')
       AND t.target_id <> NEW.target_id  -- (the row itself, to an INSERT ... ON CONFLICT (target_id) of it)
       AND (TG_OP = 'INSERT' OR t.target_id <> OLD.target_id);
    IF FOUND THEN
        RAISE EXCEPTION 'target % repeats target % (%, % of %, %)', NEW.target_id, dup.target_id,
              energy.target_scope_name(NEW.scope_level, NEW.scope_code), NEW.kind, NEW.indicator, NEW.target_year
            USING ERRCODE = '23505',
                  DETAIL = format('Target %s says %s.', dup.target_id, dup.value),
                  HINT = CASE WHEN dup.shipped
                              THEN 'That one is shipped with energy_ext (read-only): '
                                   || CASE WHEN ind.basis = 'programme' THEN 'give this one a subset if it is for part of the scope, or other years.'
                                           ELSE 'give this one other years, or set it on a smaller scope (a city, a department, a category).' END
                              ELSE 'Change that target (UPDATE energy.target ... WHERE target_id = ' || quote_literal(dup.target_id) || ')'
                                   || CASE WHEN ind.basis = 'programme' THEN ', or give this one a subset if it is for part of the scope.' ELSE '.' END END;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.target_check() IS
    'Trigger: a target''s id, scope level and code, indicator, kind and years are checked as it is written (22023 for a bad value, 23503 for an unknown code or indicator, 23505 for a second target of the same scope, indicator, kind, years and subset, naming the first; each with a hint); an annual change gets its baseline year; an increase asked of an indicator where lower is better is warned about.';
CREATE TRIGGER check_target BEFORE INSERT OR UPDATE ON energy.target
    FOR EACH ROW EXECUTE FUNCTION energy.target_check();
COMMENT ON TRIGGER check_target ON energy.target IS 'Checks each target as it is written.';

-- Figures the offices published for a scope and year (the national ones are
-- the 国管局's, from its statistics), to judge targets where the model does
-- not hold the scope's data.
CREATE TABLE energy.published_indicator (
    scope_level text NOT NULL CHECK (scope_level IN ('national', 'province', 'city', 'county')),
    scope_code  text,
    year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    indicator   text NOT NULL REFERENCES energy.target_indicator (indicator),
    subset      text CHECK (subset <> ''),
    value       numeric NOT NULL CHECK (value >= 0),
    source      text NOT NULL CHECK (source <> ''),
    shipped     boolean NOT NULL DEFAULT false,
    CHECK ((scope_level = 'national') = (scope_code IS NULL))
);
CREATE UNIQUE INDEX published_indicator_key ON energy.published_indicator (scope_level, coalesce(scope_code, ''), year, indicator, coalesce(subset, ''));
COMMENT ON TABLE energy.published_indicator IS
    'Indicator values published by the offices of government affairs for a scope and year, in the indicator''s unit (the national 2020, 2022 and 2023 figures shipped); energy.published_target_status judges targets against them. Add your province''s own (shipped = false; dumped).';
COMMENT ON INDEX energy.published_indicator_key IS 'One figure per scope, year, indicator and subset.';
COMMENT ON COLUMN energy.published_indicator.scope_level IS 'national, province, city or county.';
COMMENT ON COLUMN energy.published_indicator.scope_code IS 'GB/T 2260 code of the region; NULL for national.';
COMMENT ON COLUMN energy.published_indicator.year IS 'The year the figure is for.';
COMMENT ON COLUMN energy.published_indicator.indicator IS 'The indicator (energy.target_indicator).';
COMMENT ON COLUMN energy.published_indicator.subset IS 'For a programme figure: the subset it counts (as energy.target.subset, e.g. 区直事业单位), judged against the targets of that subset only; NULL: all.';
COMMENT ON COLUMN energy.published_indicator.value IS 'The published figure, in the indicator''s unit: positive, or 0 for a count or share (nothing done that year); a share at most 100.';
COMMENT ON COLUMN energy.published_indicator.source IS 'Where it was published.';
COMMENT ON COLUMN energy.published_indicator.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

-- A published figure's region is checked as it is written.
CREATE FUNCTION energy.published_indicator_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.scope_level IS NULL OR NEW.scope_level NOT IN ('national', 'province', 'city', 'county') THEN
        RAISE EXCEPTION 'unknown scope level "%" of a published % figure', coalesce(NEW.scope_level, 'NULL'), NEW.indicator
              USING ERRCODE = '22023', HINT = 'Offices publish figures of a region: national, province, city or county.';
    END IF;
    IF NEW.year NOT BETWEEN 1990 AND 2100 THEN
        RAISE EXCEPTION 'published % figure of year %, outside 1990–2100', NEW.indicator, NEW.year USING ERRCODE = '22023',
              HINT = 'Years are written in full: 2023.';
    END IF;
    IF NEW.scope_level <> 'national'
       AND NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = NEW.scope_code AND d.level = NEW.scope_level) THEN
        RAISE EXCEPTION 'unknown % code "%" of a published % figure', NEW.scope_level, NEW.scope_code, NEW.indicator
              USING ERRCODE = '23503',
              HINT = coalesce('"' || NEW.scope_code || '" is a ' || (SELECT d.level FROM energy.admin_division d WHERE d.code = NEW.scope_code)
                              || ' code: set scope_level to that. ', '')
                     || 'Codes are those of energy.admin_division: 450000 广西 (province), 450100 南宁市 (city), 450102 兴宁区 (county).';
    END IF;
    -- counts and shares (better higher) may be 0: nothing done, no new-energy
    -- vehicle among those added; a share is at most 100 %
    IF NEW.value = 'NaN' OR NEW.value = 'Infinity' OR NEW.value < 0
       OR (NEW.value = 0 AND (SELECT i.better FROM energy.target_indicator i WHERE i.indicator = NEW.indicator) <> 'higher') THEN
        RAISE EXCEPTION 'published % figure of % is %', NEW.indicator, NEW.year, NEW.value USING ERRCODE = '22023',
              HINT = 'A positive finite number in the indicator''s unit; 0 only for a count or a share (nothing done that year).';
    END IF;
    IF NEW.value > 100 AND EXISTS (SELECT 1 FROM energy.target_indicator i WHERE i.indicator = NEW.indicator
                                      AND i.better = 'higher' AND i.denominator IS NOT NULL) THEN
        RAISE EXCEPTION 'published % figure of % is % %%, above 100 %%', NEW.indicator, NEW.year, NEW.value USING ERRCODE = '22023',
              HINT = 'A share is in per cent, at most 100: 85.0 for 85 %' || CASE WHEN NEW.value <= 1000 THEN format(' (%s typed %s?)', NEW.value / 10, NEW.value) ELSE '' END || '.';
    END IF;
    IF NEW.subset IS NOT NULL AND (SELECT i.basis FROM energy.target_indicator i WHERE i.indicator = NEW.indicator) <> 'programme' THEN
        RAISE EXCEPTION 'published % figure of % has a subset', NEW.indicator, NEW.year USING ERRCODE = '22023',
              HINT = 'A subset (区直事业单位, say) belongs to a programme figure; leave it NULL for an indicator of institution_year.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.published_indicator_check() IS
    'Trigger: a published figure''s scope level and year are valid (22023), its region code exists at its level (23503 with a hint), its value is finite and positive (0 allowed for a count or share; a share at most 100), and only a programme figure has a subset (22023).';
CREATE TRIGGER check_figure BEFORE INSERT OR UPDATE ON energy.published_indicator
    FOR EACH ROW EXECUTE FUNCTION energy.published_indicator_check();
COMMENT ON TRIGGER check_figure ON energy.published_indicator IS 'Checks each published figure as it is written.';

CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.target_indicator
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.target_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.target
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.target
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.published_indicator
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.published_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
COMMENT ON TRIGGER guard ON energy.target_indicator IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.target_indicator IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER guard ON energy.target IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.target IS 'Shipped rows may not be truncated away.';
COMMENT ON TRIGGER guard ON energy.published_indicator IS 'Shipped rows are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.published_indicator IS 'Shipped rows may not be truncated away.';

SELECT pg_catalog.pg_extension_config_dump('energy.target', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.published_indicator', 'WHERE NOT shipped');

-- The 14th Five-Year plan (2021–2025) for public institutions: by 2025,
-- on 2020, per-area energy −5 %, per-capita energy −6 %, per-capita water
-- −6 %, per-area CO2 −7 %; energy within 1.89 亿 tce, water within 124 亿 m³,
-- CO2 within 4 亿 t.  Guangxi 2023, on 2022: per-capita energy −1.1 %,
-- per-area energy −0.9 %, per-capita water −1.1 %, per-area carbon −1.8 %;
-- and its counted work: 50 rooftop PV projects, 18 energy-performance
-- contracts, 1.8 million m² retrofitted, 17 000 e-waste items, 980
-- conservation offices (85 %), water-saving units among 60 % of 区直 and 50 %
-- of 市直 public service units.
INSERT INTO energy.target (target_id, scope_level, scope_code, indicator, kind, baseline_year, target_year, value, subset, source, shipped)
SELECT v.id, v.level, v.code, v.indicator, v.kind, v.base, v.due, v.value, v.subset, v.source, true
  FROM (VALUES
    ('cn-14fyp-kgce_per_m2', 'national', NULL::text, 'kgce_per_m2', 'cumulative_change', 2020, 2025, -5, 1, NULL::text),
    ('cn-14fyp-kgce_per_person', 'national', NULL, 'kgce_per_person', 'cumulative_change', 2020, 2025, -6, 1, NULL),
    ('cn-14fyp-water_m3_per_person', 'national', NULL, 'water_m3_per_person', 'cumulative_change', 2020, 2025, -6, 1, NULL),
    ('cn-14fyp-kgco2_per_m2', 'national', NULL, 'kgco2_per_m2', 'cumulative_change', 2020, 2025, -7, 1, NULL),
    ('cn-14fyp-tce', 'national', NULL, 'tce', 'cap', 2020, 2025, 189000000, 1, NULL),
    ('cn-14fyp-water_m3', 'national', NULL, 'water_m3', 'cap', 2020, 2025, 12400000000, 1, NULL),
    ('cn-14fyp-tco2', 'national', NULL, 'tco2', 'cap', 2020, 2025, 400000000, 1, NULL),
    ('gx-2023-kgce_per_person', 'province', '450000', 'kgce_per_person', 'annual_change', 2022, 2023, -1.1, 2, NULL),
    ('gx-2023-kgce_per_m2', 'province', '450000', 'kgce_per_m2', 'annual_change', 2022, 2023, -0.9, 2, NULL),
    ('gx-2023-water_m3_per_person', 'province', '450000', 'water_m3_per_person', 'annual_change', 2022, 2023, -1.1, 2, NULL),
    ('gx-2023-kgco2_per_m2', 'province', '450000', 'kgco2_per_m2', 'annual_change', 2022, 2023, -1.8, 2, NULL),
    ('gx-2023-pv_projects', 'province', '450000', 'pv_projects', 'count', NULL, 2023, 50, 2, NULL),
    ('gx-2023-epc_contracts', 'province', '450000', 'epc_contracts', 'count', NULL, 2023, 18, 2, NULL),
    ('gx-2023-retrofit_m2', 'province', '450000', 'retrofit_m2', 'count', NULL, 2023, 1800000, 2, NULL),
    ('gx-2023-ewaste_items', 'province', '450000', 'ewaste_items', 'count', NULL, 2023, 17000, 2, NULL),
    ('gx-2023-conservation_offices', 'province', '450000', 'conservation_offices', 'count', NULL, 2023, 980, 2, NULL),
    ('gx-2023-conservation_office_share', 'province', '450000', 'conservation_office_share', 'share', NULL, 2023, 85, 2, NULL),
    ('gx-2023-water_saving_units-qz', 'province', '450000', 'water_saving_unit_share', 'share', NULL, 2023, 60, 2, '区直事业单位'),
    ('gx-2023-water_saving_units-sz', 'province', '450000', 'water_saving_unit_share', 'share', NULL, 2023, 50, 2, '市直事业单位'),
    ('gx-2023-water_saving_units-jg', 'province', '450000', 'water_saving_unit_share', 'share', NULL, 2023, 100, 2, '区直和市直机关')
  ) AS x(id, level, code, indicator, kind, base, due, value, doc, subset)
 CROSS JOIN LATERAL (SELECT x.*, CASE x.doc
        WHEN 1 THEN '《“十四五”公共机构节约能源资源工作规划》, 国家机关事务管理局, published 2021-06 (Xinhua, 2021-06-04): by 2025 energy within 1.89 亿 tce, water within 124 亿 m³, CO2 within 4 亿 t; per-area energy −5 %, per-capita energy −6 %, per-capita water −6 %, per-area CO2 −7 % on 2020'
        ELSE '《2023年全区公共机构能源资源节约和生态环境保护工作安排》, 广西壮族自治区机关事务管理局 (广西新闻网, 2023-02-20): per-capita energy −1.1 %, per-area energy −0.9 %, per-capita water −1.1 %, per-area carbon −1.8 % on the year before; 1.8 million m² retrofitted, at least 50 rooftop PV projects, 17 000 e-waste items disposed of, water-saving units in all 区直 and 市直 offices and at least 60 % of 区直 and 50 % of 市直 public service units; at least 18 energy-performance contracts and 980 conservation offices (85 %) as listed in this project''s domain reference (shared/reference/domain.md)'
        END AS source) AS v;

INSERT INTO energy.published_indicator (scope_level, scope_code, year, indicator, value, source, shipped)
SELECT 'national', NULL, v.year, v.indicator, v.value, v.source, true
  FROM (VALUES
    (2020, 'kgce_per_m2', 18.48, 1), (2020, 'kgce_per_person', 329.56, 1), (2020, 'water_m3_per_person', 21.53, 1),
    (2020, 'tce', 164000000, 1), (2020, 'water_m3', 10697000000, 1),
    (2022, 'kgce_per_m2', 18.03, 2), (2022, 'kgce_per_person', 321.27, 2), (2022, 'water_m3_per_person', 20.99, 2),
    (2023, 'kgce_per_m2', 17.90, 3), (2023, 'kgce_per_person', 317.16, 3), (2023, 'water_m3_per_person', 20.73, 3),
    (2023, 'tce', 165000000, 3), (2023, 'water_m3', 10757000000, 3)
  ) AS x(year, indicator, value, doc)
 CROSS JOIN LATERAL (SELECT x.*, CASE x.doc
        WHEN 1 THEN '《“十四五”公共机构节约能源资源工作规划》 (国家机关事务管理局, 2021): 2020, about 158.6 万 institutions, 1.64 亿 tce, 106.97 亿 m³ water, 18.48 kgce/m², 329.56 kgce/person, 21.53 m³/person'
        WHEN 2 THEN '国家机关事务管理局 statistics for 2022 (人民日报, 2023-07-11, p. 14): 321.27 kgce/person, 18.03 kgce/m², 20.99 m³/person'
        ELSE '国家机关事务管理局 statistics for 2023 (Xinhua, 2024-05-17): 1.65 亿 tce, 107.57 亿 m³ water, 317.16 kgce/person, 17.90 kgce/m², 20.73 m³/person'
        END AS source) AS v;

-- The evaluation of one target in one year, from the sums over its scope
-- (the like-for-like set for a change): the actual value, the required one
-- on the plan's trajectory, the gap and the status.  Shared by the model
-- views and the published figures.
CREATE FUNCTION energy.target_judgement(
    kind text, value numeric, baseline_year integer, target_year integer, year integer,
    actual numeric, baseline numeric,
    OUT required_change_pct numeric, OUT required_value numeric, OUT actual_change_pct numeric,
    OUT gap numeric, OUT status text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
    -- (the actual and the baseline values are quotients of sums, rounded in
    -- their last digits: a change of exactly -1.1 % came out -1.0999999999999996 %
    -- and "not met"; within a billionth of the required value is on it)
    SELECT r.change * 100, r.required,
           CASE WHEN r.changes THEN (actual / nullif(baseline, 0) - 1) * 100 END,
           CASE WHEN abs(actual - r.required) <= r.tolerance THEN 0
                WHEN r.higher THEN r.required - actual ELSE actual - r.required END,
           CASE WHEN actual IS NULL OR r.required IS NULL THEN 'insufficient data'
                WHEN (r.higher AND actual >= r.required - r.tolerance) OR (NOT r.higher AND actual <= r.required + r.tolerance)
                THEN CASE WHEN year >= target_year THEN 'met' ELSE 'on track' END
                ELSE CASE WHEN year >= target_year THEN 'not met' ELSE 'off track' END END
      FROM (SELECT q.*, abs(q.required) * 1e-9 AS tolerance
              FROM (SELECT c.change, c.changes, c.higher,
                   CASE WHEN c.changes THEN baseline * (1 + c.change) ELSE value END AS required
              FROM (SELECT kind IN ('annual_change', 'cumulative_change') AS changes, kind IN ('count', 'share') AS higher,
                           CASE WHEN kind IN ('annual_change', 'cumulative_change')
                                THEN round(power(1 + value / 100, (year - baseline_year)::numeric / (target_year - baseline_year)) - 1, 12)
                           END AS change) AS c) AS q) AS r;
    END;
COMMENT ON FUNCTION energy.target_judgement(text, numeric, integer, integer, integer, numeric, numeric) IS
    'Judges a target in a year from its actual value (and, for a change, the baseline value over the same institutions): the change required by that year on the equal-yearly-rate trajectory (per cent, to 10 decimals), the required value (the cap, count or share itself for those kinds), the actual change, the gap (what is still to do: actual − required for a change or a cap, required − actual for a count or a share; ≤ 0 when met; 0 within a billionth of the required value, which counts as on it: the values are quotients rounded in their last digits) and the status (met / not met in the target year, on track / off track before, insufficient data).';

-- The name of a target's scope: 全国, the region's or the category's name, the
-- department itself (an institution's name is its model's: NULL here).
CREATE FUNCTION energy.target_scope_name(scope_level text, scope_code text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT CASE scope_level
               WHEN 'national' THEN '全国'
               WHEN 'department' THEN scope_code
               WHEN 'category' THEN (SELECT k.name_zh FROM energy.institution_category AS k WHERE k.code = scope_code)
               WHEN 'institution' THEN NULL
               ELSE (SELECT d.name_zh FROM energy.admin_division AS d WHERE d.code = scope_code) END;
    END;
COMMENT ON FUNCTION energy.target_scope_name(text, text) IS
    'The name of a target''s scope: 全国, the region''s (energy.admin_division) or category''s name, the department itself; NULL for an institution (its model knows its name).';

CREATE VIEW energy.published_target_status AS
SELECT t.target_id, t.scope_level, t.scope_code,
       energy.target_scope_name(t.scope_level, t.scope_code) AS scope_name,
       t.indicator, i.name_zh AS indicator_name, i.unit, t.kind, t.baseline_year, t.target_year, p.year,
       t.value::double precision AS target_value,
       b.value::double precision AS baseline_value, p.value::double precision AS actual_value,
       j.actual_change_pct::double precision AS actual_change_pct, j.required_change_pct::double precision AS required_change_pct,
       j.required_value::double precision AS required_value,
       CASE WHEN u.unsure THEN NULL ELSE j.gap::double precision END AS gap,
       CASE WHEN u.unsure THEN 'insufficient data' ELSE j.status END AS status, t.source,
       p.source || coalesce('; no figure published for ' || p.missing
                            || CASE WHEN u.unsure THEN ': not judged below the target' ELSE '' END, '') AS figures_source,
       t.subset
  FROM energy.target t
  JOIN energy.target_indicator i ON i.indicator = t.indicator
  JOIN (  -- a figure per year; for a count, the years' figures summed, in the target year, with the years missing
        SELECT x.scope_level, x.scope_code, x.indicator, x.subset, x.year, x.value, x.source, NULL::text AS count_target,
               NULL::text AS missing
          FROM energy.published_indicator AS x
        UNION ALL
        SELECT c.scope_level, c.scope_code, c.indicator, c.subset, c.target_year, c.value, c.source, c.target_id,
               (SELECT string_agg(g.y::text, ', ' ORDER BY g.y) FROM generate_series(c.first_year, c.target_year) AS g(y)
                 WHERE g.y <> ALL (c.years))
          FROM (SELECT t2.target_id, t2.scope_level, t2.scope_code, t2.indicator, t2.subset, t2.target_year,
                       coalesce(t2.baseline_year + 1, t2.target_year) AS first_year, sum(x.value) AS value,
                       string_agg(x.source, '; ' ORDER BY x.year) AS source, array_agg(x.year) AS years
                  FROM energy.target AS t2
                  JOIN energy.published_indicator AS x
                    ON x.scope_level = t2.scope_level AND x.scope_code IS NOT DISTINCT FROM t2.scope_code AND x.indicator = t2.indicator
                   AND x.subset IS NOT DISTINCT FROM t2.subset
                   AND x.year BETWEEN coalesce(t2.baseline_year + 1, t2.target_year) AND t2.target_year
                 WHERE t2.kind = 'count'
                 GROUP BY t2.target_id, t2.scope_level, t2.scope_code, t2.indicator, t2.subset, t2.target_year, t2.baseline_year) AS c) AS p
    ON p.scope_level = t.scope_level AND p.scope_code IS NOT DISTINCT FROM t.scope_code AND p.indicator = t.indicator
   AND p.subset IS NOT DISTINCT FROM t.subset  -- a subset's figure judges that subset's target only
   AND p.year BETWEEN coalesce(t.baseline_year + 1, t.target_year) AND t.target_year
   AND (CASE WHEN t.kind = 'count' THEN p.count_target = t.target_id ELSE p.count_target IS NULL END)
  LEFT JOIN energy.published_indicator b
    ON b.scope_level = t.scope_level AND b.scope_code IS NOT DISTINCT FROM t.scope_code AND b.indicator = t.indicator
   AND b.subset IS NOT DISTINCT FROM t.subset
   AND b.year = t.baseline_year AND t.kind IN ('annual_change', 'cumulative_change')
 -- a change without the baseline year's figure is shown, 'insufficient data', not left out
 CROSS JOIN LATERAL energy.target_judgement(t.kind, t.value, t.baseline_year, t.target_year, p.year,
                                            p.value, b.value) AS j
 -- a count with a year unpublished: the sum is a lower bound, enough to say
 -- met, not enough to say not met
 CROSS JOIN LATERAL (SELECT p.missing IS NOT NULL AND j.status IN ('not met', 'off track') AS unsure) AS u;
COMMENT ON VIEW energy.published_target_status IS
    'Targets against the figures the offices published (energy.published_indicator): per target and each year with a published figure up to the target year, the required value on the plan''s trajectory, the gap and the status; the national mid-term evaluation of the 14th Five-Year plan is its rows of 2023. Published figures cover all institutions of the year, not a like-for-like set.';
COMMENT ON COLUMN energy.published_target_status.target_id IS '目标编号（文本）：energy.target.';
COMMENT ON COLUMN energy.published_target_status.scope_level IS '目标范围层级（文本）：national, province, city or county.';
COMMENT ON COLUMN energy.published_target_status.scope_code IS '目标范围代码（GB/T 2260 六位代码）：NULL for national.';
COMMENT ON COLUMN energy.published_target_status.scope_name IS '目标范围名称（文本）：全国 or the region''s name.';
COMMENT ON COLUMN energy.published_target_status.indicator IS '指标（指标代码）：energy.target_indicator.';
COMMENT ON COLUMN energy.published_target_status.indicator_name IS '指标名称（文本）。';
COMMENT ON COLUMN energy.published_target_status.unit IS '计量单位（单位）：of the values, the required value and the gap.';
COMMENT ON COLUMN energy.published_target_status.kind IS '目标类型（文本）：annual_change, cumulative_change, cap, count (the years'' published figures summed, judged in the target year) or share.';
COMMENT ON COLUMN energy.published_target_status.baseline_year IS '基准年（年）。';
COMMENT ON COLUMN energy.published_target_status.target_year IS '目标年（年）。';
COMMENT ON COLUMN energy.published_target_status.year IS '评价年度（年）：the year judged.';
COMMENT ON COLUMN energy.published_target_status.target_value IS '目标值（%，或见 unit）：the change in per cent, or the cap in the indicator''s unit.';
COMMENT ON COLUMN energy.published_target_status.baseline_value IS '基准年数值（见 unit）：the published figure of the baseline year; NULL for a cap.';
COMMENT ON COLUMN energy.published_target_status.actual_value IS '实际值（见 unit）：the published figure of the year.';
COMMENT ON COLUMN energy.published_target_status.actual_change_pct IS '实际变化率（%）：(actual − baseline) / baseline × 100.';
COMMENT ON COLUMN energy.published_target_status.required_change_pct IS '应达变化率（%）：the change due by this year at the plan''s equal yearly rate, (1 + target)^((year − baseline) / (target year − baseline)) − 1.';
COMMENT ON COLUMN energy.published_target_status.required_value IS '应达值（见 unit）：baseline × (1 + required change), or the cap.';
COMMENT ON COLUMN energy.published_target_status.gap IS '差距（见 unit）：what is still to do when positive, the margin when not: actual − required for a change or a cap, required − actual for a count or a share; NULL when not judged.';
COMMENT ON COLUMN energy.published_target_status.status IS '完成情况（文本）：met / not met in the target year, on track / off track before it; insufficient data for a change whose baseline year has no published figure, and for a count short of its target with a year of its span unpublished (the sum of the years published is a lower bound: enough to say met).';
COMMENT ON COLUMN energy.published_target_status.source IS '目标依据（文本）：the document that sets the target.';
COMMENT ON COLUMN energy.published_target_status.figures_source IS '数据来源（文本）：where the figure of the year was published (for a count, each year''s source, and the years of its span with no figure published).';
COMMENT ON COLUMN energy.published_target_status.subset IS '子类（文本）：the subset of a programme target (e.g. 区直事业单位), judged by the published figures of that subset only; NULL: all.';

-- The regions a GB/T 2260 code belongs to, as target scopes: the nation
-- (code ''), its province, its city and its county, as far as it goes.
CREATE FUNCTION energy.region_scopes(region_code text, OUT scope_level text, OUT scope_code text)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 4
    BEGIN ATOMIC  -- parsed once, here: a caller's search_path cannot redirect it
    SELECT v.l, v.c
      FROM (VALUES ('national', ''),
                   ('province', pg_catalog.left(region_code, 2) || '0000'),
                   ('city', CASE WHEN region_code NOT LIKE '__0000' THEN pg_catalog.left(region_code, 4) || '00' END),
                   ('county', CASE WHEN region_code NOT LIKE '____00' THEN region_code END)) AS v(l, c)
     WHERE v.c IS NOT NULL;
    END;
COMMENT ON FUNCTION energy.region_scopes(text) IS
    'The target scopes a region code belongs to: national (scope code the empty string), its province, city and county as far as the code goes (a province code: national and province).';

-- Counted work of a programme (rooftop PV, energy-performance contracts,
-- retrofits, e-waste, conservation offices, water-saving units) is checked
-- as it is written.
CREATE FUNCTION energy.model_programme_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.item IS NULL OR NEW.item NOT IN ('pv_project', 'epc_contract', 'retrofit_area', 'ewaste_item',
                                            'conservation_office', 'water_saving_unit') THEN
        RAISE EXCEPTION 'unknown programme item "%"', NEW.item USING ERRCODE = '22023',
              HINT = 'Use pv_project, epc_contract, retrofit_area (m²), ewaste_item, conservation_office or water_saving_unit.';
    END IF;
    IF NEW.institution_id IS NULL AND NEW.region_code IS NULL THEN
        RAISE EXCEPTION 'programme row (%, %) says neither where nor whose', NEW.item, NEW.year USING ERRCODE = '23502',
              HINT = 'Give the institution_id of the institution, or the region_code of a region''s total.';
    END IF;
    IF NEW.institution_id IS NOT NULL AND NEW.region_code IS NOT NULL THEN
        RAISE EXCEPTION 'programme row (%, %) gives both an institution and a region', NEW.item, NEW.year USING ERRCODE = '22023',
              HINT = 'An institution''s row counts in its own region; leave region_code NULL.';
    END IF;
    IF NEW.quantity IS NULL OR NEW.quantity < 0 OR NEW.quantity = 'NaN' OR NEW.quantity = 'Infinity' THEN
        RAISE EXCEPTION 'programme row (%, %) has quantity %', NEW.item, NEW.year, NEW.quantity USING ERRCODE = '22023',
              HINT = 'The number done (m² for retrofit_area), zero or more.';
    END IF;
    IF NEW.eligible IS NOT NULL AND (NEW.eligible <= 0 OR NEW.eligible = 'NaN' OR NEW.eligible = 'Infinity' OR NEW.eligible < NEW.quantity) THEN
        RAISE EXCEPTION 'programme row (%, %) has % done of % eligible', NEW.item, NEW.year, NEW.quantity, NEW.eligible
              USING ERRCODE = '22023', HINT = 'eligible is how many could take part (offices, units): positive, and at least quantity.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.model_programme_check() IS
    'Trigger: a programme row''s item, owner (an institution or a region, not both), quantity and eligible are checked as it is written (22023, 23502 with a hint).';

-- A model's programme table (energy.create_model runs this template).
CREATE FUNCTION energy.model_programme_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE TABLE @model@.programme (
    programme_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item           text NOT NULL,
    institution_id text REFERENCES @model@.institution DEFERRABLE INITIALLY DEFERRED,
    region_code    text REFERENCES energy.admin_division (code) DEFERRABLE INITIALLY DEFERRED,
    subset         text,
    year           integer NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    quantity       numeric NOT NULL,
    eligible       numeric,
    source         text,
    note           text
);
CREATE TRIGGER check_row BEFORE INSERT OR UPDATE ON @model@.programme
    FOR EACH ROW EXECUTE FUNCTION energy.model_programme_check();
COMMENT ON TABLE @model@.programme IS '节能工作项目 (programme progress): counted work by institution or region and year — rooftop PV projects, energy-performance contracts, retrofitted m², e-waste items, conservation offices and water-saving units (with how many were eligible) — for the count and share targets of target_status.';
COMMENT ON INDEX @model@.programme_pkey IS 'Programme rows by number.';
COMMENT ON TRIGGER check_row ON @model@.programme IS 'Checks item, owner, quantity and eligible (energy.model_programme_check).';
$model$;
COMMENT ON FUNCTION energy.model_programme_sql() IS
    'The programme table of a reporting model, as SQL with @model@ for the schema (internal; energy.create_model runs it).';

-- A model's target_status (energy.create_model and energy.upgrade_model run
-- this template, @model@ the schema).
CREATE FUNCTION energy.model_targets_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE OR REPLACE VIEW @model@.institution_scope AS
-- The scopes a target can name that each institution belongs to: the
-- nation (code ''), its province, city and county, its category and the
-- category above it, its department, itself.
SELECT i.institution_id, r.scope_level, r.scope_code
  FROM @model@.institution AS i CROSS JOIN LATERAL energy.region_scopes(i.region_code) AS r
UNION ALL
SELECT i.institution_id, s.scope_level, s.scope_code
  FROM @model@.institution AS i
  LEFT JOIN energy.institution_category AS k ON k.code = i.category
 CROSS JOIN LATERAL (VALUES ('category', i.category), ('category', nullif(k.parent, i.category)), ('department', i.department),
                            ('institution', i.institution_id)) AS s(scope_level, scope_code)
 WHERE s.scope_code IS NOT NULL;

CREATE OR REPLACE VIEW @model@.target_status AS
-- A year is whole for a figure as whole_year says (sql/15_model_views.sql).
-- (MATERIALIZED: computed once; inlined, the planner, expecting one row of
-- the scopes, ran them again for every one — 220 s a query at the demo's
-- scale 1)
WITH mc AS MATERIALIZED (
    SELECT w.institution_id, w.year, w.energy_whole, w.water_whole, w.electricity_whole FROM @model@.whole_year AS w
),
scope AS (  -- every scope an institution-year belongs to, with the figures targets are set on
    SELECT y.institution_id, y.year, s.scope_level, s.scope_code,
           y.kgce, y.kgco2, y.water_m3, y.electricity_kwh, y.nev_added, y.building_area_m2, y.people, y.vehicles_added,
           mc.energy_whole, mc.water_whole, mc.electricity_whole
      FROM @model@.institution_year AS y JOIN @model@.institution_scope AS s ON s.institution_id = y.institution_id
      LEFT JOIN mc ON mc.institution_id = y.institution_id AND mc.year = y.year
),
ev AS (  -- each target with the institution-years of its scope, in the years it is judged in and its baseline year
    SELECT t.target_id, t.kind IN ('cap', 'count', 'share') AS level, t.baseline_year, t.target_year, s.year, s.institution_id,
           i.denominator IS NULL AS total,
           CASE i.numerator WHEN 'kgce' THEN s.kgce WHEN 'kgco2' THEN s.kgco2 WHEN 'water_m3' THEN s.water_m3
                            WHEN 'electricity_kwh' THEN s.electricity_kwh WHEN 'nev_added' THEN s.nev_added END AS num,
           CASE i.denominator WHEN 'building_area_m2' THEN s.building_area_m2 WHEN 'people' THEN s.people
                              WHEN 'vehicles_added' THEN s.vehicles_added END AS den,
           -- a whole year of the figure (mc; vehicles are counted by the year)
           CASE i.numerator WHEN 'water_m3' THEN s.water_whole WHEN 'electricity_kwh' THEN s.electricity_whole
                            WHEN 'nev_added' THEN true ELSE s.energy_whole END AS whole
      FROM energy.target AS t
      JOIN energy.target_indicator AS i ON i.indicator = t.indicator AND i.basis = 'institution_year'
      JOIN scope AS s ON s.scope_level = t.scope_level AND s.scope_code = coalesce(t.scope_code, '')
                     AND s.year BETWEEN coalesce(t.baseline_year, t.target_year) AND t.target_year
),
pair AS (  -- the years judged, each institution with its own figures of the baseline year (for a change)
    -- a change compares whole years only (a year loaded up to September is
    -- not a saving); a cap sums what there is, a lower bound unless every
    -- institution has its whole year (whole)
    SELECT x.target_id, x.level, x.year, x.num, x.den, x.b_num, x.b_den,
           x.num IS NOT NULL AND (x.total OR x.den > 0) AND (x.level OR x.whole) AS has,
           NOT x.level AND x.b_num IS NOT NULL AND (x.total OR x.b_den > 0) AND coalesce(x.b_whole, false) AS b_has,
           x.num IS NOT NULL AND (x.total OR x.den > 0) AND x.whole AS has_whole,
           -- figures of fewer months (in the year judged or the baseline year) than a whole year
           (x.num IS NOT NULL AND NOT coalesce(x.whole, false))
               OR (NOT x.level AND x.b_num IS NOT NULL AND NOT coalesce(x.b_whole, false)) AS part_year
      FROM (SELECT ev.*,  -- (a window, not a join of ev to itself: one pass whatever the row estimates)
                   max(ev.num) FILTER (WHERE ev.year = ev.baseline_year) OVER w AS b_num,
                   max(ev.den) FILTER (WHERE ev.year = ev.baseline_year) OVER w AS b_den,
                   bool_or(ev.whole) FILTER (WHERE ev.year = ev.baseline_year) OVER w AS b_whole
              FROM ev WINDOW w AS (PARTITION BY ev.target_id, ev.institution_id)) AS x
     WHERE x.year BETWEEN coalesce(x.baseline_year + 1, x.target_year) AND x.target_year
),
prog AS (  -- programme rows with the scopes they count in: their institution's, or their region's
    SELECT p.item, p.subset, p.year, p.quantity, p.eligible, s.scope_level, s.scope_code
      FROM @model@.programme AS p JOIN @model@.institution_scope AS s ON s.institution_id = p.institution_id
    UNION ALL
    SELECT p.item, p.subset, p.year, p.quantity, p.eligible, r.scope_level, r.scope_code
      FROM @model@.programme AS p CROSS JOIN LATERAL energy.region_scopes(p.region_code) AS r
     WHERE p.institution_id IS NULL
),
absent AS (  -- institutions of a cap's scope with records of the year before and nothing of the year (no records,
            -- no profile): left, or not reported — counted as nothing, as cap_status does once the year is over,
            -- and said in the notes
    SELECT t.target_id, y.year + 1 AS year, count(DISTINCT y.institution_id) AS absent
      FROM energy.target AS t
      JOIN @model@.institution_scope AS x ON x.scope_level = t.scope_level AND x.scope_code = coalesce(t.scope_code, '')
      JOIN (SELECT DISTINCT o.institution_id, o.year FROM @model@.year_ledger AS o) AS y  -- (one row an institution-year)
        ON y.institution_id = x.institution_id AND y.year + 1 BETWEEN coalesce(t.baseline_year + 1, t.target_year) AND t.target_year
     WHERE t.kind = 'cap'
       AND NOT EXISTS (SELECT 1 FROM @model@.year_ledger AS o WHERE o.institution_id = y.institution_id AND o.year = y.year + 1)
       AND NOT EXISTS (SELECT 1 FROM @model@.profile AS p WHERE p.institution_id = y.institution_id AND p.year = y.year + 1)
     GROUP BY t.target_id, y.year + 1
),
sums AS (  -- change: over the like-for-like set; otherwise over the institutions (or programme rows) with the figures
    SELECT p.target_id, p.year, count(*) AS present,
           count(*) FILTER (WHERE p.has AND (p.level OR p.b_has)) AS counted,
           count(*) FILTER (WHERE p.has_whole) AS whole,
           count(*) FILTER (WHERE p.part_year) AS part_year,
           sum(p.num::numeric) FILTER (WHERE p.has AND (p.level OR p.b_has)) AS s_num,
           sum(p.den::numeric) FILTER (WHERE p.has AND (p.level OR p.b_has)) AS s_den,
           sum(p.b_num::numeric) FILTER (WHERE p.has AND p.b_has) AS s_b_num,
           sum(p.b_den::numeric) FILTER (WHERE p.has AND p.b_has) AS s_b_den
      FROM pair AS p
     GROUP BY p.target_id, p.year
    UNION ALL
    -- programme targets, in their target year: the rows of their item (and subset) over their years
    SELECT t.target_id, t.target_year, count(*),
           count(*) FILTER (WHERE i.denominator IS NULL OR g.eligible IS NOT NULL), count(*), 0,
           sum(g.quantity) FILTER (WHERE i.denominator IS NULL OR g.eligible IS NOT NULL),
           sum(g.eligible), NULL, NULL
      FROM energy.target AS t
      JOIN energy.target_indicator AS i ON i.indicator = t.indicator AND i.basis = 'programme'
      JOIN prog AS g ON g.scope_level = t.scope_level AND g.scope_code = coalesce(t.scope_code, '')
                    AND g.item = i.numerator AND (t.subset IS NULL OR g.subset = t.subset)
                    AND g.year BETWEEN coalesce(t.baseline_year + 1, t.target_year) AND t.target_year
     GROUP BY t.target_id, t.target_year
)
SELECT t.target_id, t.scope_level, t.scope_code,
       coalesce(n.name, energy.target_scope_name(t.scope_level, t.scope_code)) AS scope_name,
       t.indicator, i.name_zh AS indicator_name, i.unit, t.kind, t.baseline_year, t.target_year,
       coalesce(s.year, t.target_year) AS year,
       t.value::double precision AS target_value,
       v.baseline::double precision AS baseline_value, v.actual::double precision AS actual_value,
       j.actual_change_pct::double precision AS actual_change_pct, j.required_change_pct::double precision AS required_change_pct,
       j.required_value::double precision AS required_value, j.gap::double precision AS gap,
       -- a cap's total without every institution's whole year is a lower
       -- bound: it can show the cap broken, never kept
       -- (so is a national cap's: a model holds part of the nation)
       CASE WHEN t.kind = 'cap' AND (s.whole < s.present OR t.scope_level = 'national') AND j.status IN ('met', 'on track')
            THEN 'insufficient data'
            ELSE j.status END AS status,
       coalesce(s.present, 0)::integer AS institutions, coalesce(s.counted, 0)::integer AS institutions_counted,
       s.counted::double precision / s.present AS coverage,
       t.source,
       -- a national target other than a cap (whose notes say it already) is judged on the model's institutions
       nullif(concat_ws('; ',
       CASE WHEN s.target_id IS NULL AND i.basis = 'programme'
            THEN 'no programme row of ' || i.numerator || coalesce(' (subset ' || t.subset || ')', '') || ' in the scope in '
                 || CASE WHEN t.baseline_year + 1 < t.target_year THEN (t.baseline_year + 1) || '–' ELSE '' END || t.target_year
                 || CASE WHEN t.kind = 'share' THEN ': load them, with eligible' ELSE ': load them (a quantity of 0 when there were none)' END
            WHEN s.target_id IS NULL
            THEN 'no institution of the scope has figures in '
                 || CASE WHEN t.baseline_year + 1 < t.target_year THEN (t.baseline_year + 1) || '–' ELSE '' END || t.target_year
            WHEN i.basis = 'programme' THEN s.present || ' programme row(s)'
                                            || CASE WHEN s.counted < s.present THEN ', ' || (s.present - s.counted) || ' without eligible not counted' ELSE '' END
            WHEN s.counted = 0 AND t.kind IN ('cap', 'count', 'share') THEN 'no institution of the scope has the figures in ' || s.year
            WHEN s.counted = 0 THEN 'no institution of the scope has the figures of whole years both in ' || s.year || ' and in ' || t.baseline_year
                                    || CASE WHEN s.part_year > 0 THEN ' (' || s.part_year || ' with fewer than 12 months)' ELSE '' END
            WHEN t.kind IN ('annual_change', 'cumulative_change')
            THEN 'like for like: ' || s.counted || ' of ' || s.present || ' institutions, with the figures of whole years in '
                 || s.year || ' and ' || t.baseline_year
                 || CASE WHEN s.part_year > 0 THEN '; ' || s.part_year || ' with fewer than 12 months not counted' ELSE '' END
            WHEN t.kind = 'cap' AND s.whole < s.present
            THEN s.whole || ' of ' || s.present || ' institutions with the whole year''s figure'
                 || CASE WHEN s.part_year > 0 THEN ' (' || s.part_year || ' with fewer than 12 months)' ELSE '' END
                 || ': the total is a lower bound, which can break the cap but not keep it'
            WHEN t.kind = 'cap' AND t.scope_level = 'national'
            THEN 'a model holds part of the nation: its total is a lower bound, which can break the cap but not keep it '
                 || '(energy.published_target_status judges national caps against the published figures)'
       END,
       CASE WHEN t.scope_level = 'national' AND t.kind <> 'cap'
            THEN 'a national target judged on this model''s institutions only, not on the nation''s figures '
                 || '(energy.published_target_status judges it on the published ones)' END,
       CASE WHEN a.absent > 0
            THEN a.absent || ' institution(s) of the scope with records of ' || (s.year - 1) || ' and nothing of ' || s.year
                 || ': counted as nothing (left, or not reported? cap_status and data_quality''s no_records say so too)' END), '') AS notes
  FROM energy.target AS t
  JOIN energy.target_indicator AS i ON i.indicator = t.indicator
  -- a target with nothing to judge in a scope of the model shows once, in its
  -- target year, as insufficient data: it does not vanish
  LEFT JOIN sums AS s ON s.target_id = t.target_id
  LEFT JOIN absent AS a ON a.target_id = t.target_id AND a.year = s.year
  LEFT JOIN @model@.institution AS n ON n.institution_id = t.scope_code AND t.scope_level = 'institution'
 CROSS JOIN LATERAL (SELECT CASE WHEN i.denominator IS NULL THEN s.s_num * i.scale
                                 ELSE s.s_num / nullif(s.s_den, 0) * i.scale END AS actual,
                            CASE WHEN t.kind NOT IN ('annual_change', 'cumulative_change') THEN NULL
                                 WHEN i.denominator IS NULL THEN s.s_b_num * i.scale
                                 ELSE s.s_b_num / nullif(s.s_b_den, 0) * i.scale END AS baseline) AS v
 CROSS JOIN LATERAL energy.target_judgement(t.kind, t.value, t.baseline_year, t.target_year, coalesce(s.year, t.target_year),
                                            v.actual, v.baseline) AS j
 WHERE s.target_id IS NOT NULL
    OR EXISTS (SELECT 1 FROM @model@.institution_scope AS x WHERE x.scope_level = t.scope_level AND x.scope_code = coalesce(t.scope_code, ''));

-- Caps burn down: how much of each cap the scope has used so far in a year,
-- and where it is heading.  Each institution's year-end is projected from
-- its own months: the months it reported this year, × last year's whole
-- year / last year's same months (seasonal) when it has all twelve months of
-- last year, otherwise × 12 / the months it reported (linear); one with all
-- twelve months is its year (whole year).  An institution with nothing yet
-- this year is projected at last year's total until the year is over — by
-- the calendar, and some institution of the scope has December (an annual
-- bill spread over the months gives December early): then it counts nothing,
-- and notes says so.
CREATE OR REPLACE VIEW @model@.cap_status AS
WITH mo AS (  -- each institution's months: standard coal, CO2, water
    SELECT x.institution_id, extract(year FROM x.month)::integer AS year, extract(month FROM x.month)::integer AS m,
           CASE WHEN energy.kgce_missing_rows(x.l) = 0 AND energy.rows(x.l) > energy.rows(x.l, 'water') THEN energy.kgce(x.l) END AS kgce,
           CASE WHEN energy.co2_missing_rows(x.l) = 0 AND energy.rows(x.l) > energy.rows(x.l, 'water') THEN energy.kgco2(x.l) END AS kgco2,
           CASE WHEN energy.rows(x.l, 'water') > 0 THEN energy.water(x.l) END AS water_m3,
           -- rows without their factor (standard coal, CO2); water needs none
           energy.kgce_missing_rows(x.l) > 0 AS kgce_unconverted, energy.co2_missing_rows(x.l) > 0 AS co2_unconverted
      FROM (SELECT ml.institution_id, ml.month, energy.rollup(ml.ledger ORDER BY ml.end_use, ml.carrier) AS l
              FROM @model@.month_ledger AS ml JOIN energy.end_use AS e ON e.code = ml.end_use
             WHERE e.additive
             GROUP BY ml.institution_id, ml.month) AS x
),
v AS (  -- the capped figure of each institution of a cap's scope, month by month, from the year before the first judged
    SELECT t.target_id, t.baseline_year, t.target_year, mo.institution_id, mo.year, mo.m,
           (CASE i.numerator WHEN 'kgce' THEN mo.kgce WHEN 'kgco2' THEN mo.kgco2 WHEN 'water_m3' THEN mo.water_m3 END)::numeric
               * i.scale AS v,
           CASE i.numerator WHEN 'kgce' THEN mo.kgce_unconverted WHEN 'kgco2' THEN mo.co2_unconverted ELSE false END AS unconverted
      FROM energy.target AS t
      JOIN energy.target_indicator AS i ON i.indicator = t.indicator
      JOIN @model@.institution_scope AS s ON s.scope_level = t.scope_level AND s.scope_code = coalesce(t.scope_code, '')
      JOIN mo ON mo.institution_id = s.institution_id
     WHERE t.kind = 'cap' AND mo.year BETWEEN coalesce(t.baseline_year, t.target_year - 1) AND t.target_year
),
ty AS (  -- the years judged that have the figure
    SELECT DISTINCT v.target_id, v.year
      FROM v
     WHERE v.year BETWEEN coalesce(v.baseline_year + 1, v.target_year) AND v.target_year AND v.v IS NOT NULL
),
x AS (  -- the months of this year and last, each with its institution's last month with the figure this year
    -- (each month counts for its own year and the next, kept where that year is judged: a key in an array
    -- computed once, not a join — the planner, misjudging v's size, could hash v on a few distinct keys)
    SELECT v.target_id, j.year, v.institution_id, v.year AS y, v.m, v.v, v.unconverted,
           max(v.m) FILTER (WHERE v.year = j.year AND v.v IS NOT NULL)
               OVER (PARTITION BY v.target_id, j.year, v.institution_id) AS through,
           -- whether the month has the figure this year: last year's same months are those
           bool_or(v.year = j.year AND v.v IS NOT NULL)
               OVER (PARTITION BY v.target_id, j.year, v.institution_id, v.m) AS reported_now
      FROM v CROSS JOIN LATERAL (VALUES (v.year), (v.year + 1)) AS j(year)
     WHERE v.target_id || '/' || j.year = ANY (ARRAY(SELECT ty.target_id || '/' || ty.year FROM ty))
),
inst AS (  -- per institution: used so far (in how many months), last year's same months and whole year
    SELECT x.target_id, x.year, x.institution_id, x.through,
           max(x.through) OVER (PARTITION BY x.target_id, x.year) AS scope_through,
           sum(x.v) FILTER (WHERE x.y = x.year) AS used,
           count(x.v) FILTER (WHERE x.y = x.year) AS months,
           count(*) FILTER (WHERE x.y = x.year AND x.unconverted) AS months_unconverted,  -- rows without their factor
           sum(x.v) FILTER (WHERE x.y = x.year - 1 AND x.reported_now) AS last_same,
           sum(x.v) FILTER (WHERE x.y = x.year - 1) AS last_total,
           count(x.v) FILTER (WHERE x.y = x.year - 1) = 12 AS history
      FROM x
     GROUP BY x.target_id, x.year, x.institution_id, x.through
),
proj AS (
    SELECT inst.*, p.method, p.projected
      FROM inst CROSS JOIN LATERAL (SELECT
            CASE WHEN inst.used IS NULL AND inst.last_total IS NOT NULL AND inst.scope_through = 12
                      AND make_date(inst.year + 1, 1, 1) <= current_date THEN 'absent'
                 WHEN inst.used IS NULL AND inst.last_total IS NOT NULL THEN 'last year'
                 WHEN inst.used IS NULL THEN NULL
                 WHEN inst.months = 12 THEN 'whole year'
                 WHEN inst.history AND inst.last_same > 0 THEN 'seasonal'
                 ELSE 'linear' END AS method) AS m
     CROSS JOIN LATERAL (SELECT m.method,
            CASE m.method WHEN 'last year' THEN inst.last_total
                          WHEN 'whole year' THEN inst.used
                          WHEN 'seasonal' THEN inst.used * inst.last_total / inst.last_same
                          WHEN 'linear' THEN inst.used * 12 / inst.months END AS projected) AS p
),
sums AS (
    SELECT target_id, year, max(through) AS through, count(*) FILTER (WHERE used IS NOT NULL) AS reporting,
           count(*) AS institutions, coalesce(sum(used), 0) AS used, sum(projected) AS projected,
           count(*) FILTER (WHERE method = 'seasonal') AS seasonal, count(*) FILTER (WHERE method = 'linear') AS linear,
           count(*) FILTER (WHERE method = 'last year') AS last_year, count(*) FILTER (WHERE method = 'absent') AS absent,
           count(*) FILTER (WHERE months < through) AS gaps,
           count(*) FILTER (WHERE months_unconverted > 0) AS unconverted
      FROM proj GROUP BY target_id, year
)
SELECT t.target_id, t.scope_level, t.scope_code,
       coalesce(n.name, energy.target_scope_name(t.scope_level, t.scope_code)) AS scope_name,
       t.indicator, i.name_zh AS indicator_name, i.unit, s.year, t.value::double precision AS cap,
       s.through AS months, make_date(s.year, s.through, 1) AS through_month,
       s.used::double precision AS used, (s.used / t.value)::double precision AS used_share,
       s.projected::double precision AS projected, (t.value - s.used)::double precision AS remaining,
       (t.value - s.projected)::double precision AS projected_remaining,
       CASE WHEN s.used > t.value THEN 'over cap'
            WHEN s.projected > t.value THEN 'projected over cap'
            -- months without the figure, or a scope the model holds part of
            -- (the nation): the sums are lower bounds
            WHEN s.unconverted > 0 OR t.scope_level = 'national' THEN 'insufficient data'
            WHEN s.projected > 0.9 * t.value THEN 'near cap'
            ELSE 'within cap' END AS warning,
       s.reporting::integer AS institutions, s.institutions::integer AS institutions_in_scope,
       t.source,
       nullif(concat_ws('; ',
           CASE WHEN s.seasonal + s.linear > 0
                THEN format('projected: %s institution(s) by last year''s months, %s linearly (no whole last year)',
                            s.seasonal, s.linear) END,
           CASE WHEN s.last_year > 0 THEN format('%s with nothing yet this year, projected at last year''s total', s.last_year) END,
           CASE WHEN s.absent > 0 THEN format('%s of last year with nothing this year, which is over: counted as nothing (left, or not reported)', s.absent) END,
           CASE WHEN s.gaps > 0 THEN format('%s with a month missing before their last: projected from the months they reported', s.gaps) END,
           CASE WHEN s.unconverted > 0 THEN format('%s with months with rows without their factor (data_quality''s missing_factor names them), those months not counted: used and projected are lower bounds', s.unconverted) END,
           CASE WHEN t.scope_level = 'national' THEN 'a model holds part of the nation: used and projected are lower bounds (energy.published_target_status judges national caps against the published figures)' END),
           '') AS notes
  FROM sums AS s
  JOIN energy.target AS t ON t.target_id = s.target_id
  JOIN energy.target_indicator AS i ON i.indicator = t.indicator
  LEFT JOIN @model@.institution AS n ON n.institution_id = t.scope_code AND t.scope_level = 'institution';

COMMENT ON VIEW @model@.institution_scope IS '机构所属范围 (internal): the scopes of energy.target each institution belongs to — the nation, its province, city and county, category (and the one above), department, itself.';
COMMENT ON VIEW @model@.cap_status IS '总量控制进度 (cap burn-down, BI): per cap of energy.target (an energy, CO2 or water allowance of a scope) and year, what the scope has used through its last month with data, the projected year-end (each institution from its own last year''s months, else linearly), what remains and a warning.';
COMMENT ON VIEW @model@.target_status IS '目标完成情况 (target status, BI): each target of energy.target whose scope has institutions in this model, in each year it is judged in (the target year; for a plan, every year from its baseline on, the mid-term evaluation among them): actual and required value, gap, status, from like-for-like sums of institution_year; a target with nothing to judge (no figures, no programme rows) shows once, in its target year, as insufficient data, its notes saying what is missing.';
$model$;
COMMENT ON FUNCTION energy.model_targets_sql() IS
    'The target view of a reporting model, as SQL with @model@ for the schema (internal; energy.create_model and energy.upgrade_model run it).';

INSERT INTO energy.model_column_doc (relation, column_name, name_zh, unit, description) VALUES
    ('target_status', 'target_id', '目标编号', '文本', 'The target (energy.target).'),
    ('target_status', 'scope_level', '目标范围层级', '文本', 'national, province, city, county, department, category or institution.'),
    ('target_status', 'scope_code', '目标范围代码', '文本', 'The region code, department, category or institution_id; NULL for national.'),
    ('target_status', 'scope_name', '目标范围名称', '文本', '全国, the region''s, category''s or institution''s name, or the department.'),
    ('target_status', 'indicator', '指标', '指标代码', 'What the target is set on (energy.target_indicator).'),
    ('target_status', 'indicator_name', '指标名称', '文本', 'Chinese name of the indicator.'),
    ('target_status', 'unit', '计量单位', '单位', 'Unit of the values, the required value and the gap.'),
    ('target_status', 'kind', '目标类型', '文本', 'annual_change (per cent on the year before), cumulative_change (per cent on the baseline year), cap (a ceiling), count (a number to reach) or share (per cent to reach).'),
    ('target_status', 'baseline_year', '基准年', '年', 'The year compared with.'),
    ('target_status', 'target_year', '目标年', '年', 'The year the target is due.'),
    ('target_status', 'year', '评价年度', '年', 'The year judged: the target year, or a year on the way to it.'),
    ('target_status', 'target_value', '目标值', '% 或见 unit', 'The change in per cent (negative: a decrease), or the cap, count or share in the indicator''s unit.'),
    ('target_status', 'baseline_value', '基准年数值', '见 unit', 'The indicator in the baseline year over the same institutions as actual_value (like for like); NULL for a cap.'),
    ('target_status', 'actual_value', '实际值', '见 unit', 'The indicator in the year: Σ numerator / Σ denominator over the like-for-like set for a change; the scope''s total or share over the institutions with the figures for a cap or a share; the programme rows'' sum for a count.'),
    ('target_status', 'actual_change_pct', '实际变化率', '%', '(actual − baseline) / baseline × 100, negative for a decrease.'),
    ('target_status', 'required_change_pct', '应达变化率', '%', 'The change due by this year at the plan''s equal yearly rate: (1 + target)^((year − baseline) / (target year − baseline)) − 1; the target itself in the target year.'),
    ('target_status', 'required_value', '应达值', '见 unit', 'baseline × (1 + required change), or the cap, count or share.'),
    ('target_status', 'gap', '差距', '见 unit', 'What is still to do, in the indicator''s unit: actual − required for a change or a cap (still to cut), required − actual for a count or a share (still to reach); zero or less when met, by that margin.'),
    ('target_status', 'status', '完成情况', '文本', 'met / not met in the target year, on track / off track before it; insufficient data when no institution has the figures of whole years (a change), or when a cap''s total lacks some institution''s whole year, or the cap is national (a model holds part of the nation), and does not already break the cap (a lower bound).'),
    ('target_status', 'institutions', '范围内机构数', '个', 'Institutions of the scope present in the year (for a programme target: its programme rows).'),
    ('target_status', 'institutions_counted', '计入机构数', '个', 'Institutions counted: for a change, those with the figures (a positive area or headcount) in the year and the baseline year; otherwise those with the figures (for a programme share, the rows that give eligible).'),
    ('target_status', 'coverage', '覆盖率', '比例 0–1', 'institutions_counted / institutions.'),
    ('target_status', 'source', '目标依据', '文本', 'The document that sets the target.'),
    ('target_status', 'notes', '说明', '文本', 'The like-for-like set (institutions with whole years of the figures in both years; how many had fewer than 12 months), a cap''s lower bound, or why there is no figure; for a national target, that it is judged on the model''s institutions only.'),
    ('programme', 'programme_id', '项目记录编号', '编号', 'Number of the programme row (given on insert).'),
    ('programme', 'item', '工作项目', '项目代码', 'pv_project (屋顶光伏项目), epc_contract (合同能源管理), retrofit_area (既有建筑节能改造, m²), ewaste_item (废旧电子产品规范处置), conservation_office (节约型机关), water_saving_unit (节水型单位).'),
    ('programme', 'institution_id', '机构代码', '文本', 'The institution that did it; NULL for a region''s total (then region_code).'),
    ('programme', 'region_code', '行政区划代码', 'GB/T 2260 六位代码', 'The region of a total not kept by institution; NULL for an institution''s row.'),
    ('programme', 'subset', '子类', '文本', 'A subset a target may name (e.g. 区直事业单位, 市直事业单位); NULL when none.'),
    ('programme', 'year', '年度', '年', 'The year the work was done.'),
    ('programme', 'quantity', '完成数量', '个 / m² / 件', 'How many were done: projects, contracts, m² retrofitted, items, offices or units.'),
    ('programme', 'eligible', '应参与数量', '个', 'For conservation offices and water-saving units: how many could take part (the denominator of a share); NULL when not known.'),
    ('institution_scope', 'scope_level', '范围层级', '文本', 'national, province, city, county, category, department or institution.'),
    ('institution_scope', 'scope_code', '范围代码', '文本', 'The region code, category, department or institution_id; the empty string for national.'),
    ('cap_status', 'target_id', '目标编号', '文本', 'The cap (energy.target, kind cap).'),
    ('cap_status', 'scope_level', '目标范围层级', '文本', 'national, province, city, county, department, category or institution.'),
    ('cap_status', 'scope_code', '目标范围代码', '文本', 'The region code, department, category or institution_id; NULL for national.'),
    ('cap_status', 'scope_name', '目标范围名称', '文本', '全国, the region''s, category''s or institution''s name, or the department.'),
    ('cap_status', 'indicator', '指标', '指标代码', 'The capped total: tce, tco2 or water_m3.'),
    ('cap_status', 'indicator_name', '指标名称', '文本', 'Chinese name of the total.'),
    ('cap_status', 'unit', '计量单位', '单位', 'Unit of the cap and of the figures.'),
    ('cap_status', 'cap', '控制目标', '见 unit', 'The cap: the allowance of the scope for the year.'),
    ('cap_status', 'months', '已有数据月数', '月', 'Months through the last month with the figure this year of any institution of the scope.'),
    ('cap_status', 'through_month', '数据截至月份', '日期（当月1日）', 'That month.'),
    ('cap_status', 'used', '已用量', '见 unit', 'Used this year so far, over the institutions of the scope.'),
    ('cap_status', 'used_share', '已用比例', '比例', 'used / cap.'),
    ('cap_status', 'projected', '预计全年用量', '见 unit', 'Projected year-end, per institution from the months it reported this year: used × last year''s whole year / last year''s same months (seasonal) when it has all of last year, else used × 12 / its months (linear), or last year''s total when it has nothing yet this year; what it used once it has all twelve months; nothing for an institution with nothing this year once the year is over (by the calendar, and some institution of the scope has December).'),
    ('cap_status', 'remaining', '剩余量', '见 unit', 'cap − used.'),
    ('cap_status', 'projected_remaining', '预计年末剩余量', '见 unit', 'cap − projected: negative when the projection exceeds the cap.'),
    ('cap_status', 'warning', '预警', '文本', 'over cap (used more than the cap), projected over cap, insufficient data (some institution has months with rows without their factor, or the cap is national: a model holds part of the nation — and the rest is not over), near cap (projected above 90 % of it) or within cap.'),
    ('cap_status', 'institutions', '已报数机构数', '个', 'Institutions of the scope with the figure this year.'),
    ('cap_status', 'institutions_in_scope', '范围内机构数', '个', 'Institutions of the scope with data (a month ledger) this year or last year, whether or not the capped figure could be computed.'),
    ('cap_status', 'source', '目标依据', '文本', 'The document that sets the cap.'),
    ('cap_status', 'notes', '说明', '文本', 'How the year-end was projected: how many institutions seasonally, linearly, at last year''s total; how many of last year counted as nothing once the year is over; how many with a month missing; how many with months whose figure is missing (no factor), not counted.');
