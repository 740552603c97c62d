
-- =====================================================================
-- 0.2.0 — the views of a reporting model (energy.create_model and
-- energy.upgrade_model run this template: @model@ is the schema,
-- @time_zone@ the model's time zone, @rollup_aggregates@ the roll-up
-- columns of energy.model_rollup_sql()).
--
--   consumption_period  each consumption row with the period it is
--                       calendarised over (Portfolio Manager's chain rule)
--   consumption_part    consumption rows split over calendar months as
--                       energy.prorate splits them (what month_ledger holds
--                       of them; for SQL)
--   monthly             institution × month × carrier            (BI)
--   institution_year    the statistics system's indicators per
--                       institution and year, changes on the year before (BI)
--   region_year, category_year, department_year: sums and ratios of
--                       sums over groups of institution-years      (BI)
--   rollup_year         the three in one (internal)
--   data_quality        what keeps a figure from being right or complete (BI)
-- The figures come from the live summaries month_ledger and year_ledger
-- (sql/14_live_ledgers.sql), never from the raw rows.
--
-- The indicators (公共机构能源资源消费统计调查制度):
--   综合能耗 kgce       Σ amount × standard-coal coefficient, electricity at
--                       当量值 0.1229 kgce/kWh; water excluded
--   kgce_primary        the same with electricity (grid, green and PV) at the
--                       power-supply coal rate in force on 1 January of the
--                       year (等价值), where the user loaded one
--                       (energy.primary_rate)
--   单位建筑面积能耗    kgce / building area            kgce/m²
--   人均综合能耗        kgce / people (用能人数)         kgce/person
--   人均用水量          water / people                   m³/person
--   单位建筑面积碳排放  kgCO2 / building area, location- and market-based
--   kwh_per_m2          electricity used (grid, green, PV) / building area
--   pue                 data-centre total ÷ IT electricity
--   nev_share           new-energy vehicles among the vehicles added
--   pv_share            PV generation among the electricity used
--   energy mix          kgce of each group / kgce (energy.mix_group)
--   electrification     electricity of all origins / kgce
--   <x>_change          (this year − last year) / last year
-- An unknown area or headcount leaves its indicators NULL with a note, never
-- computed with zero.  Roll-ups are ratios of sums over the institutions
-- that have both figures, with coverage; changes are over the like-for-like
-- set (institutions with both figures in both years).
-- =====================================================================

-- A change as a signed percentage with one decimal, however large ('+999900.0 %').
CREATE FUNCTION energy.signed_percent(change numeric) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN change >= 0 THEN '+' ELSE '' END
           -- one decimal, or as many as it takes (up to 6) not to print a change beyond ±10 % as 10.0 % (the
           -- statistics system's review flag: +10.009 % said '+10.0 %, more than 10 %')
           || CASE WHEN abs(pg_catalog.round(100 * change, 1)) = 10 AND abs(change) <> 0.1
                   THEN pg_catalog.regexp_replace(pg_catalog.round(100 * change, 6)::text, '0{1,5}$', '')
                   ELSE pg_catalog.round(100 * change, 1)::text END || ' %';
COMMENT ON FUNCTION energy.signed_percent(numeric) IS
    'A change (0.2 for a fifth more) as a signed percentage with one decimal, however large: ''+20.0 %'', ''-5.5 %'', ''+999900.0 %'' — more decimals (up to 6) where one would show a change just beyond ±10 % as ±10.0 % (''+10.009 %''): data_quality''s details, whose review flag is at 10 %.';

-- The roll-up columns, from one list: a total (no denominator) is a sum; a
-- ratio is a ratio of sums over the institution-years that have the
-- numerator and a positive denominator.  coverage adds <name>_institutions
-- (counted) and <name>_coverage (counted / present); change adds
-- <name>_change over the like-for-like set (institutions with both figures
-- in both years, from the prev_ columns of rollup_input) and
-- <name>_change_institutions.  Sums are exact numeric sums.
CREATE FUNCTION energy.model_rollup_spec(
    OUT ord integer, OUT name text, OUT numerator text, OUT denominator text, OUT coverage boolean, OUT change boolean)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 40
    AS $$
VALUES
    ( 1, 'kgce',                'kgce',              NULL,                true,  true),
    ( 2, 'tce',                 '(kgce / 1000)',     NULL,                false, false),
    ( 3, 'kgce_primary',        'kgce_primary',      NULL,                true,  false),
    ( 4, 'kgco2',               'kgco2',             NULL,                true,  true),
    ( 5, 'kgco2_market',        'kgco2_market',      NULL,                false, false),
    ( 6, 'water_m3',            'water_m3',          NULL,                true,  true),
    ( 7, 'electricity_kwh',     'electricity_kwh',   NULL,                true,  false),
    ( 8, 'pv_kwh',              'pv_kwh',            NULL,                false, false),
    ( 9, 'datacentre_kwh',      'datacentre_kwh',    NULL,                false, false),
    (10, 'datacentre_it_kwh',   'datacentre_it_kwh', NULL,                false, false),
    (11, 'electricity_kgce',    'electricity_kgce',  NULL,                false, false),
    (12, 'coal_kgce',           'coal_kgce',         NULL,                false, false),
    (13, 'oil_kgce',            'oil_kgce',          NULL,                false, false),
    (14, 'gas_kgce',            'gas_kgce',          NULL,                false, false),
    (15, 'heat_kgce',           'heat_kgce',         NULL,                false, false),
    (16, 'renewable_kgce',      'renewable_kgce',    NULL,                false, false),
    (17, 'other_kgce',          'other_kgce',        NULL,                false, false),
    (18, 'building_area_m2',    'building_area_m2',  NULL,                true,  false),
    (19, 'people',              'people',            NULL,                true,  false),
    (20, 'kgce_per_m2',         'kgce',              'building_area_m2',  true,  true),
    (21, 'kgce_per_person',     'kgce',              'people',            true,  true),
    (22, 'water_m3_per_person', 'water_m3',          'people',            true,  true),
    (23, 'kgco2_per_m2',        'kgco2',             'building_area_m2',  true,  true),
    (24, 'kgco2_market_per_m2', 'kgco2_market',      'building_area_m2',  false, false),
    (25, 'kwh_per_m2',          'electricity_kwh',   'building_area_m2',  true,  true),
    (26, 'pue',                 'datacentre_kwh',    'datacentre_it_kwh', true,  false),
    (27, 'nev_share',           'nev_added',         'vehicles_added',    true,  false),
    (28, 'pv_share',            'pv_kwh',            'electricity_kwh',   false, false),
    (29, 'electricity_share',   'electricity_kgce',  'kgce',              false, false),
    (30, 'coal_share',          'coal_kgce',         'kgce',              false, false),
    (31, 'oil_share',           'oil_kgce',          'kgce',              false, false),
    (32, 'gas_share',           'gas_kgce',          'kgce',              false, false),
    (33, 'heat_share',          'heat_kgce',         'kgce',              false, false),
    (34, 'renewable_share',     'renewable_kgce',    'kgce',              false, false),
    (35, 'other_share',         'other_kgce',        'kgce',              false, false),
    (36, 'electrification_rate', '(electricity_kgce + renewable_kgce)', 'kgce', false, false)
$$;
COMMENT ON FUNCTION energy.model_rollup_spec() IS
    'The roll-up columns of a reporting model (internal): name, numerator, denominator (NULL for a total), whether coverage and like-for-like change columns come with it.';

-- part 'aggregates': the aggregate expressions of the roll-up views; part
-- 'columns': the same output columns, as r.<name>, for the BI views.
CREATE FUNCTION energy.model_rollup_sql(part text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (
SELECT string_agg(x.sql, E',\n       ' ORDER BY s.ord, c.n)
  FROM energy.model_rollup_spec() AS s
 CROSS JOIN LATERAL (SELECT
        CASE WHEN s.denominator IS NULL THEN format('%s IS NOT NULL', s.numerator)
             ELSE format('%s IS NOT NULL AND %s > 0', s.numerator, s.denominator) END AS counted,
        CASE WHEN s.denominator IS NULL THEN format('%1$s IS NOT NULL AND prev_%1$s IS NOT NULL', s.numerator)
             ELSE format('%1$s IS NOT NULL AND %2$s > 0 AND prev_%1$s IS NOT NULL AND prev_%2$s > 0', s.numerator, s.denominator)
        END AS lfl) AS w
 CROSS JOIN LATERAL (VALUES
        (1, s.name,
         CASE WHEN s.denominator IS NULL
              THEN format('sum((%s)::numeric)::double precision', s.numerator)
              ELSE format('(sum((%1$s)::numeric) FILTER (WHERE %3$s) / nullif(sum((%2$s)::numeric) FILTER (WHERE %3$s), 0))::double precision',
                          s.numerator, s.denominator, w.counted) END,
         true),
        (2, s.name || '_institutions', format('(count(*) FILTER (WHERE %s))::integer', w.counted), s.coverage),
        (3, s.name || '_coverage', format('(count(*) FILTER (WHERE %s))::double precision / count(*)', w.counted), s.coverage),
        (4, s.name || '_change',
         CASE WHEN s.denominator IS NULL
              THEN format('(sum((%1$s)::numeric) FILTER (WHERE %2$s) / nullif(sum((prev_%1$s)::numeric) FILTER (WHERE %2$s), 0) - 1)::double precision',
                          s.numerator, w.lfl)
              ELSE format('((sum((%1$s)::numeric) FILTER (WHERE %3$s) / nullif(sum((%2$s)::numeric) FILTER (WHERE %3$s), 0))'
                          ' / nullif(sum((prev_%1$s)::numeric) FILTER (WHERE %3$s) / nullif(sum((prev_%2$s)::numeric) FILTER (WHERE %3$s), 0), 0)'
                          ' - 1)::double precision', s.numerator, s.denominator, w.lfl) END,
         s.change),
        (5, s.name || '_change_institutions', format('(count(*) FILTER (WHERE %s))::integer', w.lfl), s.change)
     ) AS c(n, col, expr, wanted)
 CROSS JOIN LATERAL (SELECT CASE part WHEN 'aggregates' THEN c.expr || ' AS ' || quote_ident(c.col)
                                      ELSE 'r.' || quote_ident(c.col) END AS sql) AS x
 WHERE c.wanted
);
COMMENT ON FUNCTION energy.model_rollup_sql(text) IS
    'The roll-up columns of energy.model_rollup_spec() as SQL (internal): part ''aggregates'' the expressions region_year, category_year and department_year group with, ''columns'' the list r.<name> the BI views select.';

CREATE FUNCTION energy.model_views_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE OR REPLACE VIEW @model@.consumption_period AS
-- A bill (a row over more than one day) whose last day is the first day of
-- the next bill of its chain (same institution, carrier, end use and account)
-- gives that day away: ENERGY STAR Portfolio Manager's rule, which reads
-- bills printed with inclusive end dates and bills printed with the next
-- bill's start date alike.  (OFFSET 0: the end is computed once per row.)
SELECT c.consumption_id, c.institution_id, c.carrier, c.amount, c.unit, c.end_use, c.account, c.estimated,
       lower(c.period) AS period_start, @chain_end@ AS period_end
  FROM @model@.consumption AS c
OFFSET 0;

CREATE OR REPLACE VIEW @model@.consumption_part AS
-- Consumption rows within one calendar month as they are; rows over several
-- split as energy.prorate(period, amount, 'month') splits them
-- (energy.month_parts).  Each part's day is its first day in the month.
SELECT b.consumption_id, b.institution_id, p.month, b.carrier, b.unit, b.end_use, p.day, p.part AS amount
  FROM @model@.consumption_period AS b
 CROSS JOIN LATERAL energy.month_parts(b.period_start, b.period_end, b.amount) AS p;

CREATE OR REPLACE VIEW @model@.monthly AS
SELECT s.institution_id, extract(year FROM s.month)::integer AS year, s.month,
       s.carrier::text AS carrier, k.name_zh AS carrier_name, k.base_unit AS unit,
       energy.amount(s.l, s.carrier) AS amount,
       CASE WHEN k.is_energy AND energy.kgce_missing_rows(s.l) = 0 THEN energy.kgce(s.l) END AS kgce,
       CASE WHEN k.is_energy AND energy.co2_missing_rows(s.l) = 0 THEN energy.kgco2(s.l) END AS kgco2,
       CASE WHEN k.is_energy AND energy.co2_missing_rows(s.l) = 0 THEN energy.kgco2(s.l, 'market') END AS kgco2_market,
       energy.rows(s.l)::integer AS records,
       energy.missing_factors(s.l) AS notes
  FROM (SELECT m.institution_id, m.month, m.carrier, energy.rollup(m.ledger) AS l
          FROM @model@.month_ledger m JOIN energy.end_use e ON e.code = m.end_use
         WHERE e.additive
         GROUP BY m.institution_id, m.month, m.carrier) AS s
  JOIN energy.carriers k ON k.carrier = s.carrier;

CREATE OR REPLACE VIEW @model@.institution_year AS
WITH yl AS (
    SELECT y.institution_id, y.year,
           energy.rollup(y.ledger) FILTER (WHERE e.additive) AS l,
           sum(energy.amount(y.ledger, 'electricity') + energy.amount(y.ledger, 'green_electricity') + energy.amount(y.ledger, 'pv'))
               FILTER (WHERE y.end_use = 'datacentre_total') AS datacentre_kwh,
           sum(energy.amount(y.ledger, 'electricity') + energy.amount(y.ledger, 'green_electricity') + energy.amount(y.ledger, 'pv'))
               FILTER (WHERE y.end_use = 'datacentre_it') AS datacentre_it_kwh
      FROM @model@.year_ledger AS y JOIN energy.end_use AS e ON e.code = y.end_use
     GROUP BY y.institution_id, y.year
),
-- (yl is read once, so that a query's unused columns are never computed)
iy AS (  -- an institution is present in a year when it has consumption or a profile
    SELECT institution_id, year FROM @model@.year_ledger UNION SELECT institution_id, year FROM @model@.profile
),
mix AS (  -- the carriers of each group of the energy mix
    SELECT array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'electricity') AS electricity,
           array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'coal') AS coal,
           array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'oil') AS oil,
           array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'gas') AS gas,
           array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'heat') AS heat,
           array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'renewable') AS renewable,
           array_agg(carrier) FILTER (WHERE energy.mix_group(carrier) = 'other') AS other
      FROM energy.carriers
),
f AS (
    SELECT iy.institution_id, iy.year, yl.l, yl.datacentre_kwh, yl.datacentre_it_kwh,
           -- 等价值: the power-supply coal rate in force on 1 January in the model's factor set, where loaded
           energy.primary_rate(make_date(iy.year, 1, 1), (SELECT m.factor_set FROM energy.model m WHERE m.name = @model_name@)) AS primary_rate,
           p.institution_id IS NOT NULL AS has_profile,
           p.building_area_m2, p.people, p.heated_area_m2, p.vehicles_added, p.nev_added,
           coalesce(energy.rows(yl.l) - energy.rows(yl.l, 'water'), 0) AS energy_records,
           coalesce(energy.rows(yl.l, 'water'), 0) AS water_records,
           coalesce(energy.rows(yl.l, 'electricity') + energy.rows(yl.l, 'green_electricity') + energy.rows(yl.l, 'pv'), 0)
               AS electricity_records,
           energy.missing_factors(yl.l) AS missing_factors
      FROM iy LEFT JOIN yl ON yl.institution_id = iy.institution_id AND yl.year = iy.year
      LEFT JOIN @model@.profile p ON p.institution_id = iy.institution_id AND p.year = iy.year
),
v AS (
    SELECT f.*,
           CASE WHEN k.has_kgce THEN energy.kgce(f.l) END AS kgce,
           CASE WHEN k.has_kgce THEN energy.tce(f.l) END AS tce,
           CASE WHEN k.has_co2 THEN energy.kgco2(f.l) END AS kgco2,
           CASE WHEN k.has_co2 THEN energy.kgco2(f.l, 'market') END AS kgco2_market,
           CASE WHEN k.has_co2 THEN energy.kgco2(f.l, 'location', 1) END AS kgco2_scope1,
           CASE WHEN k.has_co2 THEN energy.kgco2(f.l, 'location', 2) END AS kgco2_scope2,
           CASE WHEN f.water_records > 0 THEN energy.water(f.l) END AS water_m3,
           CASE WHEN f.electricity_records > 0
                THEN energy.amount(f.l, 'electricity') + energy.amount(f.l, 'green_electricity') + energy.amount(f.l, 'pv') END AS electricity_kwh,
           CASE WHEN f.electricity_records > 0 THEN energy.amount(f.l, 'pv') END AS pv_kwh,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.electricity) END AS electricity_kgce,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.coal) END AS coal_kgce,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.oil) END AS oil_kgce,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.gas) END AS gas_kgce,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.heat) END AS heat_kgce,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.renewable) END AS renewable_kgce,
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.other) END AS other_kgce,
           -- electricity of all origins in one sum (two sums added could pass the total by a bit: a rate of 1.0000000000000002)
           CASE WHEN k.has_kgce THEN energy.kgce_of(f.l, mix.electricity || mix.renewable) END AS electrified_kgce
      FROM f CROSS JOIN mix
     -- standard coal (CO2) is known when there are energy rows and none lacked its factor
     CROSS JOIN LATERAL (SELECT f.energy_records > 0 AND energy.kgce_missing_rows(f.l) = 0 AS has_kgce,
                                f.energy_records > 0 AND energy.co2_missing_rows(f.l) = 0 AS has_co2) AS k
),
r AS (
    SELECT v.*,
           -- 等价值: electricity of all origins at the power-supply coal rate instead of 0.1229
           v.kgce - v.electrified_kgce + coalesce(v.electricity_kwh, 0) * v.primary_rate AS kgce_primary,
           v.kgce / v.building_area_m2 AS kgce_per_m2,
           v.kgce / v.people AS kgce_per_person,
           v.water_m3 / v.people AS water_m3_per_person,
           v.kgco2 / v.building_area_m2 AS kgco2_per_m2,
           v.kgco2_market / v.building_area_m2 AS kgco2_market_per_m2,
           v.electricity_kwh / v.building_area_m2 AS kwh_per_m2,
           v.datacentre_kwh / nullif(v.datacentre_it_kwh, 0) AS pue,
           v.nev_added::double precision / nullif(v.vehicles_added, 0) AS nev_share,
           v.pv_kwh / nullif(v.electricity_kwh, 0) AS pv_share,
           v.electricity_kgce / nullif(v.kgce, 0) AS electricity_share,
           v.coal_kgce / nullif(v.kgce, 0) AS coal_share,
           v.oil_kgce / nullif(v.kgce, 0) AS oil_share,
           v.gas_kgce / nullif(v.kgce, 0) AS gas_share,
           v.heat_kgce / nullif(v.kgce, 0) AS heat_share,
           v.renewable_kgce / nullif(v.kgce, 0) AS renewable_share,
           v.other_kgce / nullif(v.kgce, 0) AS other_share,
           v.electrified_kgce / nullif(v.kgce, 0) AS electrification_rate,
           lag(v.year) OVER w = v.year - 1 AS has_previous,
           min(v.year) OVER () AS first_year
      FROM v
    WINDOW w AS (PARTITION BY v.institution_id ORDER BY v.year)
),
c AS (  -- last year's figures of the same institution
    SELECT r.*,
           CASE WHEN r.has_previous THEN lag(r.kgce) OVER w END AS p_kgce,
           CASE WHEN r.has_previous THEN lag(r.kgco2) OVER w END AS p_kgco2,
           CASE WHEN r.has_previous THEN lag(r.water_m3) OVER w END AS p_water_m3,
           CASE WHEN r.has_previous THEN lag(r.kgce_per_m2) OVER w END AS p_kgce_per_m2,
           CASE WHEN r.has_previous THEN lag(r.kgce_per_person) OVER w END AS p_kgce_per_person,
           CASE WHEN r.has_previous THEN lag(r.water_m3_per_person) OVER w END AS p_water_m3_per_person,
           CASE WHEN r.has_previous THEN lag(r.kgco2_per_m2) OVER w END AS p_kgco2_per_m2,
           CASE WHEN r.has_previous THEN lag(r.kwh_per_m2) OVER w END AS p_kwh_per_m2
      FROM r
    WINDOW w AS (PARTITION BY r.institution_id ORDER BY r.year)
)
SELECT i.institution_id, i.name, i.region_code, d.name_zh AS region_name,
       left(i.region_code, 2) || '0000' AS province_code,
       CASE WHEN i.region_code NOT LIKE '__0000' THEN left(i.region_code, 4) || '00' END AS city_code,
       CASE WHEN i.region_code NOT LIKE '____00' THEN i.region_code END AS county_code,
       i.category, k.name_zh AS category_name, i.department,
       energy.credit_code_problem(i.institution_id) IS NULL AS credit_code_valid,
       c.year,
       c.kgce, c.tce, c.kgce_primary, c.kgco2, c.kgco2_market, c.kgco2_scope1, c.kgco2_scope2,
       c.water_m3, c.electricity_kwh, c.pv_kwh, c.datacentre_kwh, c.datacentre_it_kwh,
       c.electricity_kgce, c.coal_kgce, c.oil_kgce, c.gas_kgce, c.heat_kgce, c.renewable_kgce, c.other_kgce,
       c.building_area_m2, c.people, c.heated_area_m2, c.vehicles_added, c.nev_added,
       c.kgce_per_m2, c.kgce_per_person, c.water_m3_per_person, c.kgco2_per_m2, c.kgco2_market_per_m2,
       c.kwh_per_m2, c.pue, c.nev_share, c.pv_share,
       c.electricity_share, c.coal_share, c.oil_share, c.gas_share, c.heat_share, c.renewable_share, c.other_share,
       c.electrification_rate,
       (c.kgce - c.p_kgce) / nullif(c.p_kgce, 0) AS kgce_change,
       (c.kgco2 - c.p_kgco2) / nullif(c.p_kgco2, 0) AS kgco2_change,
       (c.water_m3 - c.p_water_m3) / nullif(c.p_water_m3, 0) AS water_m3_change,
       (c.kgce_per_m2 - c.p_kgce_per_m2) / nullif(c.p_kgce_per_m2, 0) AS kgce_per_m2_change,
       (c.kgce_per_person - c.p_kgce_per_person) / nullif(c.p_kgce_per_person, 0) AS kgce_per_person_change,
       (c.water_m3_per_person - c.p_water_m3_per_person) / nullif(c.p_water_m3_per_person, 0) AS water_m3_per_person_change,
       (c.kgco2_per_m2 - c.p_kgco2_per_m2) / nullif(c.p_kgco2_per_m2, 0) AS kgco2_per_m2_change,
       (c.kwh_per_m2 - c.p_kwh_per_m2) / nullif(c.p_kwh_per_m2, 0) AS kwh_per_m2_change,
       c.energy_records::integer AS energy_records, c.water_records::integer AS water_records,
       c.missing_factors AS unconverted,
       nullif(concat_ws('; ',
           CASE WHEN NOT c.has_profile THEN 'no profile for ' || c.year || ': indicators per m² and per person left out'
                WHEN c.building_area_m2 IS NULL AND c.people IS NULL THEN 'building area and people unknown: indicators per m² and per person left out'
                WHEN c.building_area_m2 IS NULL THEN 'building area unknown: indicators per m² left out'
                WHEN c.people IS NULL THEN 'people unknown: indicators per person left out' END,
           CASE WHEN c.energy_records = 0 THEN 'no energy consumption recorded' END,
           CASE WHEN c.water_records = 0 THEN 'no water consumption recorded' END,
           c.missing_factors,
           CASE WHEN NOT coalesce(c.has_previous, false) AND c.year > c.first_year
                THEN 'not present in ' || (c.year - 1) || ': no changes' END,
           -- present the year before, but without a figure a change needs
           CASE WHEN c.has_previous THEN 'no change of ' || nullif(concat_ws(', ',
               CASE WHEN c.kgce IS NOT NULL AND coalesce(c.p_kgce, 0) = 0 THEN 'kgce' END,
               CASE WHEN c.kgco2 IS NOT NULL AND coalesce(c.p_kgco2, 0) = 0 THEN 'kgco2' END,
               CASE WHEN c.water_m3 IS NOT NULL AND coalesce(c.p_water_m3, 0) = 0 THEN 'water_m3' END,
               CASE WHEN c.kgce_per_m2 IS NOT NULL AND coalesce(c.p_kgce_per_m2, 0) = 0 THEN 'kgce_per_m2' END,
               CASE WHEN c.kgce_per_person IS NOT NULL AND coalesce(c.p_kgce_per_person, 0) = 0 THEN 'kgce_per_person' END,
               CASE WHEN c.water_m3_per_person IS NOT NULL AND coalesce(c.p_water_m3_per_person, 0) = 0 THEN 'water_m3_per_person' END,
               CASE WHEN c.kgco2_per_m2 IS NOT NULL AND coalesce(c.p_kgco2_per_m2, 0) = 0 THEN 'kgco2_per_m2' END,
               CASE WHEN c.kwh_per_m2 IS NOT NULL AND coalesce(c.p_kwh_per_m2, 0) = 0 THEN 'kwh_per_m2' END), '')
           || ': unknown or zero in ' || (c.year - 1) END), '') AS notes
  FROM c
  JOIN @model@.institution i ON i.institution_id = c.institution_id
  LEFT JOIN energy.admin_division d ON d.code = i.region_code
  LEFT JOIN energy.institution_category k ON k.code = i.category;

-- rollup_input reads institution_year once, through a window (not joined to
-- itself), so that the planner drops every column a query does not ask for:
-- a report of three indicators computes three, not all of them.  The figures
-- are cast to numeric here, once per institution-year, however many groups
-- and sums they go into.  region_year groups it by code prefix,
-- category_year by category, department_year by department; the spatial
-- roll-ups of energy_ext_postgis by the regions that contain the
-- institutions.
CREATE OR REPLACE VIEW @model@.rollup_input AS
SELECT c.institution_id, c.year, c.province_code, c.city_code, c.county_code, c.category, c.department,
       c.kgce::numeric AS kgce, c.kgce_primary::numeric AS kgce_primary, c.kgco2::numeric AS kgco2,
       c.kgco2_market::numeric AS kgco2_market, c.water_m3::numeric AS water_m3,
       c.electricity_kwh::numeric AS electricity_kwh, c.pv_kwh::numeric AS pv_kwh,
       c.datacentre_kwh::numeric AS datacentre_kwh, c.datacentre_it_kwh::numeric AS datacentre_it_kwh,
       c.electricity_kgce::numeric AS electricity_kgce, c.coal_kgce::numeric AS coal_kgce, c.oil_kgce::numeric AS oil_kgce,
       c.gas_kgce::numeric AS gas_kgce, c.heat_kgce::numeric AS heat_kgce, c.renewable_kgce::numeric AS renewable_kgce,
       c.other_kgce::numeric AS other_kgce, c.building_area_m2::numeric AS building_area_m2, c.people::numeric AS people,
       c.vehicles_added::numeric AS vehicles_added, c.nev_added::numeric AS nev_added,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.kgce::numeric) OVER w END AS prev_kgce,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.kgco2::numeric) OVER w END AS prev_kgco2,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.water_m3::numeric) OVER w END AS prev_water_m3,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.electricity_kwh::numeric) OVER w END AS prev_electricity_kwh,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.building_area_m2::numeric) OVER w END AS prev_building_area_m2,
       CASE WHEN lag(c.year) OVER w = c.year - 1 THEN lag(c.people::numeric) OVER w END AS prev_people
  FROM @model@.institution_year AS c
WINDOW w AS (PARTITION BY c.institution_id ORDER BY c.year);

-- One view per dimension, each grouping rollup_input by itself: a query of
-- one dimension plans and runs only its own (when the three were branches of
-- one view, a region report spent half of its 13-18 ms of planning on the
-- other two).  rollup_year puts them together.
CREATE OR REPLACE VIEW @model@.region_year AS
WITH r AS (  -- the groups an institution-year counts in: its province, city, county and all
    SELECT g.level, g.code, g.unallocated, x.year, count(*)::integer AS institutions,
           @rollup_aggregates@
      FROM @model@.rollup_input AS x
     CROSS JOIN LATERAL (VALUES
            ('province', x.province_code, false),
            ('city', coalesce(x.city_code, x.province_code), x.city_code IS NULL),
            ('county', coalesce(x.county_code, x.city_code, x.province_code), x.county_code IS NULL),
            ('all', NULL, false)) AS g(level, code, unallocated)
     GROUP BY g.level, g.code, g.unallocated, x.year
)
SELECT r.level, r.code AS region_code,
       CASE WHEN r.level = 'all' THEN '全部'
            WHEN r.unallocated THEN d.name_zh || CASE r.level WHEN 'city' THEN '（未细分到市）' ELSE '（未细分到县）' END
            ELSE d.name_zh END AS region_name,
       CASE WHEN r.unallocated THEN r.code ELSE d.parent END AS parent_code, r.unallocated, r.year, r.institutions,
       @rollup_columns@
  FROM r LEFT JOIN energy.admin_division AS d ON d.code = r.code;

CREATE OR REPLACE VIEW @model@.category_year AS
WITH r AS (  -- its category or sub-class, the category above a sub-class, and all
    SELECT g.level, g.code, x.year, count(*)::integer AS institutions,
           @rollup_aggregates@
      FROM @model@.rollup_input AS x
      LEFT JOIN energy.institution_category AS k ON k.code = x.category
     CROSS JOIN LATERAL (VALUES
            (CASE WHEN k.parent IS NULL THEN 'category' ELSE 'subcategory' END, x.category),
            ('category', k.parent),
            ('all', NULL)) AS g(level, code)
     WHERE g.code IS NOT NULL OR g.level = 'all'
     GROUP BY g.level, g.code, x.year
)
SELECT r.level, r.code AS category,
       CASE WHEN r.level = 'all' THEN '全部' ELSE k.name_zh END AS category_name,
       k.parent AS parent_category, r.year, r.institutions,
       @rollup_columns@
  FROM r LEFT JOIN energy.institution_category AS k ON k.code = r.code;

CREATE OR REPLACE VIEW @model@.department_year AS
WITH r AS (  -- its department (unallocated: none recorded) and all
    SELECT g.level, g.code, g.unallocated, x.year, count(*)::integer AS institutions,
           @rollup_aggregates@
      FROM @model@.rollup_input AS x
     CROSS JOIN LATERAL (VALUES
            ('department', x.department, x.department IS NULL),
            ('all', NULL, false)) AS g(level, code, unallocated)
     GROUP BY g.level, g.code, g.unallocated, x.year
)
SELECT r.level, r.code AS department, r.unallocated, r.year, r.institutions,
       @rollup_columns@
  FROM r;

CREATE OR REPLACE VIEW @model@.rollup_year AS
SELECT 'region' AS dimension, r.level, r.region_code AS code, r.unallocated, r.year, r.institutions,
       @rollup_columns@
  FROM @model@.region_year AS r
UNION ALL
SELECT 'category', r.level, r.category, false, r.year, r.institutions,
       @rollup_columns@
  FROM @model@.category_year AS r
UNION ALL
SELECT 'department', r.level, r.department, r.unallocated, r.year, r.institutions,
       @rollup_columns@
  FROM @model@.department_year AS r;

-- Which institution-years are whole, per figure (target_status and
-- quota_rating judge whole years only): a year is whole for a figure when
-- its carriers' months make twelve and no carrier that had all twelve
-- months the year before has fewer now (a feed that stops in September is
-- not hidden by a yearly heat bill; a carrier bought now and then, or used
-- in winter only, does not count against it).  A carrier that stopped
-- altogether (none of its months this year: a gas boiler replaced by a heat
-- pump) does not break the year — the change of fuel is what the plans ask
-- for —; data_quality's carrier_stopped says it, in case its records were
-- not loaded.
CREATE OR REPLACE VIEW @model@.whole_year AS
WITH mcc AS MATERIALIZED (  -- months of each institution, year and carrier
    SELECT ml.institution_id, extract(year FROM ml.month)::integer AS year, ml.carrier::text AS carrier, ml.month
      FROM @model@.month_ledger AS ml JOIN energy.end_use AS e ON e.code = ml.end_use
     WHERE e.additive
     GROUP BY ml.institution_id, ml.carrier, ml.month
),
cm AS MATERIALIZED (  -- per institution, year and carrier: how many months
    SELECT institution_id, year, carrier, count(*) AS months FROM mcc GROUP BY institution_id, year, carrier
)
SELECT u.institution_id, u.year, u.energy_months::integer AS energy_months, u.water_months::integer AS water_months,
       u.electricity_months::integer AS electricity_months,
       u.energy_months = 12 AND NOT coalesce(b.energy_broken, false) AS energy_whole,
       u.water_months = 12 AS water_whole,
       u.electricity_months = 12 AND NOT coalesce(b.electricity_broken, false) AS electricity_whole
  FROM (SELECT institution_id, year,
               count(DISTINCT month) FILTER (WHERE carrier <> 'water') AS energy_months,
               count(DISTINCT month) FILTER (WHERE carrier = 'water') AS water_months,
               count(DISTINCT month) FILTER (WHERE carrier IN ('electricity', 'green_electricity', 'pv')) AS electricity_months
          FROM mcc GROUP BY institution_id, year) AS u
  LEFT JOIN (SELECT p.institution_id, p.year + 1 AS year,
                    bool_or(p.carrier <> 'water' AND c.months < 12) AS energy_broken,
                    bool_or(p.carrier IN ('electricity', 'green_electricity', 'pv') AND c.months < 12) AS electricity_broken
               FROM cm AS p LEFT JOIN cm AS c ON c.institution_id = p.institution_id AND c.carrier = p.carrier AND c.year = p.year + 1
              WHERE p.months = 12
              GROUP BY p.institution_id, p.year) AS b
    ON b.institution_id = u.institution_id AND b.year = u.year;

-- Quota ratings (sql/16_quotas.sql): each institution-year against every
-- quota row that applies to it, the indicator computed on the row's energy
-- scope (all, or without end use heating) and electricity basis (electricity
-- of all origins at the row's kgce per kWh instead of 0.1229).
CREATE OR REPLACE VIEW @model@.quota_rating AS
WITH heating AS (  -- the heating end use of each institution-year
    SELECT h.institution_id, h.year,
           CASE WHEN energy.kgce_missing_rows(h.ledger) = 0 THEN energy.kgce(h.ledger) END AS kgce,
           CASE WHEN energy.kgce_missing_rows(h.ledger) = 0
                THEN energy.kgce_of(h.ledger, ARRAY['electricity', 'green_electricity', 'pv']::energy.carrier[]) END AS electricity_kgce,
           energy.amount(h.ledger, 'electricity') + energy.amount(h.ledger, 'green_electricity') + energy.amount(h.ledger, 'pv')
               AS electricity_kwh
      FROM @model@.year_ledger AS h WHERE h.end_use = 'heating'
),
r AS (
    SELECT y.institution_id, y.name, y.region_code, y.category, i.quota_class, y.year,
           q.standard, s.kind AS standard_kind, q.region_code AS quota_region, q.category AS quota_category,
           q.quota_class AS quota_quota_class, q.indicator, q.energy_scope, q.electricity_basis,
           q.constraint_value, q.baseline_value, q.guide_value,
           CASE q.indicator
                WHEN 'kgce_per_m2' THEN e.kgce / y.building_area_m2
                WHEN 'kgce_per_person' THEN e.kgce / y.people
                WHEN 'kwh_per_m2' THEN e.kwh / y.building_area_m2
                WHEN 'water_m3_per_person' THEN y.water_m3 / y.people END AS value,
           -- the quota levels are per year: a part year is no rating
           CASE q.indicator WHEN 'kwh_per_m2' THEN w.electricity_months WHEN 'water_m3_per_person' THEN w.water_months
                            ELSE w.energy_months END AS months,
           coalesce(CASE q.indicator WHEN 'kwh_per_m2' THEN w.electricity_whole WHEN 'water_m3_per_person' THEN w.water_whole
                                     ELSE w.energy_whole END, false) AS whole
      FROM @model@.institution_year AS y
      LEFT JOIN @model@.whole_year AS w ON w.institution_id = y.institution_id AND w.year = y.year
      JOIN @model@.institution AS i ON i.institution_id = y.institution_id
      LEFT JOIN energy.institution_category AS k ON k.code = y.category
      JOIN energy.quota_value AS q ON (q.category IS NULL OR q.category IN (y.category, k.parent))
                                  AND (q.quota_class IS NULL OR q.quota_class = i.quota_class)
                                  AND (q.region_code IS NULL
                                       OR q.region_code IN (SELECT r.scope_code FROM energy.region_scopes(y.region_code) AS r))
      JOIN energy.quota_standard AS s ON s.standard = q.standard
                                     AND (s.province_code IS NULL OR left(s.province_code, 2) = left(y.region_code, 2))
      LEFT JOIN heating AS h ON h.institution_id = y.institution_id AND h.year = y.year
     CROSS JOIN LATERAL (SELECT  -- standard coal and electricity on the row's scope and basis
            y.kgce - y.electricity_kgce - y.renewable_kgce + coalesce(y.electricity_kwh, 0) * q.electricity_basis::double precision
                - CASE WHEN q.energy_scope = 'non_heating' AND h.institution_id IS NOT NULL
                       THEN h.kgce - h.electricity_kgce + h.electricity_kwh * q.electricity_basis::double precision ELSE 0 END AS kgce,
            y.electricity_kwh - CASE WHEN q.energy_scope = 'non_heating' THEN coalesce(h.electricity_kwh, 0) ELSE 0 END AS kwh) AS e
),
best AS (  -- of a standard's rows for one indicator, scope and basis, the one
           -- that fits the institution most closely: its class before its
           -- category (its own before the one above) before its region (the
           -- smaller before the larger); the unique key leaves one
    SELECT r.*, row_number() OVER (PARTITION BY r.institution_id, r.year, r.standard, r.indicator, r.energy_scope, r.electricity_basis
                                   ORDER BY r.quota_quota_class IS NOT NULL DESC,
                                            CASE WHEN r.quota_category = r.category THEN 2 WHEN r.quota_category IS NOT NULL THEN 1 ELSE 0 END DESC,
                                            length(rtrim(coalesce(r.quota_region, ''), '0')) DESC) AS fit
      FROM r
)
SELECT r.institution_id, r.name, r.region_code, r.category, r.quota_class, r.year, r.standard, r.standard_kind,
       r.indicator, CASE r.indicator WHEN 'kgce_per_m2' THEN 'kgce/m²' WHEN 'kgce_per_person' THEN 'kgce/人'
                                     WHEN 'kwh_per_m2' THEN 'kWh/m²' ELSE 'm³/人' END AS unit,
       r.energy_scope, r.electricity_basis::double precision AS electricity_basis, r.value,
       r.constraint_value::double precision AS constraint_value, r.baseline_value::double precision AS baseline_value,
       r.guide_value::double precision AS guide_value, coalesce(r.months, 0) AS months,
       -- (compared to 9 decimals: 101 300 kWh × 0.1229 / 1 013 m² is 12.290000000000001 in double precision, and
       -- exactly the constraint value 12.29 is within it)
       CASE WHEN r.value IS NULL OR NOT r.whole THEN 'insufficient data'
            WHEN v.v9 > r.constraint_value THEN 'above constraint'
            WHEN v.v9 > r.baseline_value THEN CASE WHEN r.constraint_value IS NULL THEN 'above baseline' ELSE 'between constraint and baseline' END
            WHEN v.v9 > r.guide_value THEN CASE WHEN r.baseline_value IS NULL THEN 'above guide' ELSE 'between baseline and guide' END
            WHEN r.guide_value IS NOT NULL THEN 'better than guide'
            WHEN r.baseline_value IS NOT NULL THEN 'at or below baseline'
            ELSE 'at or below constraint' END AS rating,
       -- (from the value to 9 decimals, as the rating; none for a part year)
       CASE WHEN r.whole THEN (v.v9 - r.constraint_value)::double precision END AS gap_to_constraint,
       CASE WHEN r.whole THEN (v.v9 - r.baseline_value)::double precision END AS gap_to_baseline,
       CASE WHEN r.whole THEN (v.v9 - r.guide_value)::double precision END AS gap_to_guide,
       r.quota_region AS row_region_code, r.quota_category AS row_category, r.quota_quota_class AS row_quota_class
  FROM best AS r
 CROSS JOIN LATERAL (SELECT round(r.value::numeric, 9) AS v9) AS v  -- (once a row, for the rating and the gaps)
 WHERE r.fit = 1;

CREATE OR REPLACE VIEW @model@.data_quality AS
-- each consumption row's calendarised period, computed once for the rules on bills below
WITH cp AS MATERIALIZED (SELECT * FROM @model@.consumption_period)
-- identifiers that are not valid unified social credit codes
SELECT i.institution_id, NULL::integer AS year, 'credit_code' AS rule,
       CASE WHEN length(i.institution_id) = 18 THEN 'warning' ELSE 'info' END AS severity,
       CASE WHEN length(i.institution_id) = 18 THEN 'not a valid unified social credit code: '
            ELSE 'not a unified social credit code (an identifier of your own?): ' END || q.problem AS detail,
       NULL::text AS reference
  FROM @model@.institution AS i
 CROSS JOIN LATERAL (SELECT energy.credit_code_problem(i.institution_id) AS problem) AS q
 WHERE q.problem IS NOT NULL
UNION ALL
-- institution-years whose indicators are incomplete
SELECT y.institution_id, y.year, x.rule, x.severity, x.detail, NULL
  FROM @model@.institution_year AS y
  LEFT JOIN @model@.profile AS p ON p.institution_id = y.institution_id AND p.year = y.year
 CROSS JOIN LATERAL (SELECT array_agg(DISTINCT c ORDER BY c) AS carriers  -- the carriers named in unconverted's parentheses
                       FROM regexp_matches(coalesce(y.unconverted, ''), '\(([^)]*)\)', 'g') AS m, unnest(string_to_array(m[1], ', ')) AS c) AS mf
 CROSS JOIN LATERAL (VALUES
        ('no_profile', 'warning', p.institution_id IS NULL,
         'consumption recorded for ' || y.year || ' but no profile: no building area or people, indicators per m² and per person left out'),
        ('no_building_area', 'warning', p.institution_id IS NOT NULL AND p.building_area_m2 IS NULL,
         'building area unknown in ' || y.year || ': indicators per m² left out'),
        ('no_people', 'warning', p.institution_id IS NOT NULL AND p.people IS NULL,
         'people (用能人数) unknown in ' || y.year || ': indicators per person left out'),
        ('no_energy_data', 'warning', y.energy_records = 0,
         'no energy consumption recorded for ' || y.year),
        ('no_water_data', 'warning', y.water_records = 0 AND y.energy_records > 0,
         'no water consumption recorded for ' || y.year),
        ('missing_factor', 'error', y.unconverted IS NOT NULL,
         y.unconverted || ' (a record counts once for each month it covers): the figures that need them are left NULL. '
         || coalesce(nullif(concat_ws('; ',
                CASE WHEN 'steam' = ANY (mf.carriers)
                     THEN 'Steam has no CO2 factor of its own: convert it with energy.steam_gj(tonnes, enthalpy_kj_per_kg) and record it as heat in GJ' END,
                CASE WHEN 'other' = ANY (mf.carriers)
                     THEN '其他能源 (other) is reported in standard coal: add a CO2 factor per kgce for it to your own factor set (energy.co2_factor) and name that set in energy.model' END,
                CASE WHEN 'electricity' = ANY (mf.carriers)
                     THEN 'Electricity: load the grid factor of the year and province, or set this model''s grid_year_policy or grid_fallback in energy.model' END,
                CASE WHEN EXISTS (SELECT 1 FROM unnest(mf.carriers) AS c WHERE c NOT IN ('steam', 'other', 'electricity'))
                     THEN 'load the factors of ' || (SELECT string_agg(c, ', ') FROM unnest(mf.carriers) AS c WHERE c NOT IN ('steam', 'other', 'electricity'))
                          || ' into your own factor set and name it in energy.model' END), ''), 'Load the factors')
         || '; then SELECT energy.rebuild_model(' || quote_literal(@model_name@) || ').')
     ) AS x(rule, severity, hit, detail)
 WHERE x.hit
UNION ALL
-- per-area energy above a quota's constraint value or below its guide value
-- (the statistics system's review flags; official and example standards)
SELECT q.institution_id, q.year,
       CASE WHEN q.rating = 'above constraint' THEN 'quota_above_constraint' ELSE 'quota_below_guide' END,
       CASE WHEN q.rating = 'above constraint' THEN 'warning' ELSE 'info' END,
       'kgce per m² ' || round(q.value::numeric, 4) || CASE WHEN q.energy_scope = 'non_heating' THEN ' (without heating)' ELSE '' END
       || CASE WHEN q.rating = 'above constraint'
               THEN ' above the constraint value ' || q.constraint_value || ' (约束值)'
               ELSE ' below the guide value ' || q.guide_value || ' (引导值): check the energy and the area' END
       || ' of ' || q.standard || coalesce(' (' || nullif(concat_ws(', ', q.row_quota_class, 'category ' || q.row_category,
                                                                 'region ' || q.row_region_code), '') || ')', '')
       || CASE WHEN q.electricity_basis <> 0.1229 THEN ', electricity at ' || q.electricity_basis || ' kgce/kWh' ELSE '' END,
       q.standard
  FROM @model@.quota_rating AS q
 WHERE q.indicator = 'kgce_per_m2' AND q.standard_kind IN ('official', 'example')
   AND (q.rating = 'above constraint' OR (q.rating <> 'insufficient data' AND round(q.value::numeric, 9) < q.guide_value::numeric))
UNION ALL
-- building area or people changing by more than 10 % on the year before (the statistics system's review flag)
SELECT p.institution_id, p.year, x.rule, 'warning', x.detail, NULL
  FROM @model@.profile AS p
  JOIN @model@.profile AS q ON q.institution_id = p.institution_id AND q.year = p.year - 1
 CROSS JOIN LATERAL (VALUES
        ('building_area_change', abs(p.building_area_m2 - q.building_area_m2) > 0.1 * q.building_area_m2,
         'building area ' || q.building_area_m2 || ' m² in ' || q.year || ', ' || p.building_area_m2 || ' m² in ' || p.year
         || ' (' || energy.signed_percent(p.building_area_m2 / q.building_area_m2 - 1) || ', more than 10 %)'),
        ('people_change', abs(p.people - q.people) > 0.1 * q.people,
         'people ' || q.people || ' in ' || q.year || ', ' || p.people || ' in ' || p.year
         || ' (' || energy.signed_percent(p.people / q.people - 1) || ', more than 10 %)')
     ) AS x(rule, hit, detail)
 WHERE x.hit
UNION ALL
-- overlapping bills (counted twice) and gaps in a chain of records; a credit
-- (a negative amount) nets against the bills it corrects and is no link of
-- the chain, and a bill cancelled by a credit over the same days and billed
-- again is one link with its rebill; cancelled and not billed again (the
-- records of those days add up to nothing or less), it is no link: its days
-- are a gap, unless a rebill over other days covers them.
SELECT b.institution_id, y.year,
       CASE WHEN b.prev_end > b.period_start THEN 'bill_overlap' ELSE 'bill_gap' END,
       CASE WHEN b.prev_end > b.period_start THEN 'error' WHEN b.off_season THEN 'info' ELSE 'warning' END,
       CASE WHEN b.prev_end > b.period_start
            THEN b.carrier || ' record overlaps the one before it (reaching to ' || to_char(b.prev_end - 1, 'YYYY-MM-DD') || ') by '
                 || (least(b.prev_end, b.period_end) - b.period_start)
                 || ' day(s) from ' || to_char(b.period_start, 'YYYY-MM-DD') || ': that consumption is counted twice'
            ELSE (b.period_start - b.prev_end) || ' day(s) without any ' || b.carrier || ' record: '
                 || to_char(b.prev_end, 'YYYY-MM-DD') || ' to ' || to_char(b.period_start - 1, 'YYYY-MM-DD') END
       || ' (end use ' || b.end_use || coalesce(', account ' || b.account, '') || ')'
       || CASE WHEN b.off_season AND b.prev_end <= b.period_start THEN ': between two heating seasons, as expected' ELSE '' END,
       b.consumption_id::text
  FROM (SELECT g.*,  -- a gap of heating's records from March to November of one year: the season between
               g.end_use = 'heating' AND extract(year FROM g.prev_end) = extract(year FROM g.period_start - 1)
               AND extract(month FROM g.prev_end) >= 3 AND extract(month FROM g.period_start - 1) <= 11 AS off_season
          FROM (SELECT l.*,
               max(l.period_end) OVER (PARTITION BY l.institution_id, l.carrier, l.end_use, l.account
                                       ORDER BY l.period_start, l.period_end, l.consumption_id
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
          FROM (SELECT cp.*,  -- the records of the same chain and days: with a credit among them, one link
                       count(*) FILTER (WHERE cp.amount < 0) OVER same AS credits,
                       sum(cp.amount) OVER same AS net,
                       row_number() OVER (same ORDER BY cp.amount < 0, cp.consumption_id) AS nth
                  FROM cp
                WINDOW same AS (PARTITION BY cp.institution_id, cp.carrier, cp.end_use, cp.account, cp.period_start, cp.period_end)) AS l
         WHERE l.amount >= 0 AND (l.credits = 0 OR (l.nth = 1 AND l.net > 0))) AS g) AS b
 -- an overlap is the year's where it begins; a gap, each year's it takes
 -- days from (December to January: both years' figures lack them)
 CROSS JOIN LATERAL generate_series(extract(year FROM least(b.prev_end, b.period_start))::integer,
                                    CASE WHEN b.prev_end > b.period_start THEN extract(year FROM b.period_start)::integer
                                         ELSE extract(year FROM b.period_start - 1)::integer END) AS y(year)
 WHERE b.prev_end <> b.period_start
UNION ALL
-- a chain of records that starts after the first day of its first year, or
-- ends before the last day of its last year once that year is over: the
-- year's figure is partial (no bill_gap marks a missing start or end)
SELECT c.institution_id, x.year, 'bill_partial_year', 'warning',
       c.carrier || ' records ' || x.what || ': ' || to_char(x.missing_from, 'YYYY-MM-DD') || ' to ' || to_char(x.missing_to, 'YYYY-MM-DD')
       || ' has none (end use ' || c.end_use || coalesce(', account ' || c.account, '') || '), so ' || x.year
       || '''s figure is partial; load those records, or ignore this if the account opened or closed then',
       NULL
  FROM (SELECT cp.institution_id, cp.carrier, cp.end_use, cp.account, min(cp.period_start) AS first_day, max(cp.period_end) AS end_day
          FROM cp WHERE cp.amount >= 0
         GROUP BY cp.institution_id, cp.carrier, cp.end_use, cp.account) AS c
 CROSS JOIN LATERAL (VALUES
        (extract(year FROM c.first_day)::integer, 'start ' || to_char(c.first_day, 'YYYY-MM-DD'),
         date_trunc('year', c.first_day::timestamp)::date, c.first_day - 1),
        (extract(year FROM c.end_day - 1)::integer, 'end ' || to_char(c.end_day - 1, 'YYYY-MM-DD'),
         c.end_day, (date_trunc('year', (c.end_day - 1)::timestamp) + interval '1 year - 1 day')::date)
     ) AS x(year, what, missing_from, missing_to)
 WHERE x.missing_from <= x.missing_to
   AND (x.what LIKE 'start%' OR x.missing_to < current_date)
UNION ALL
-- estimated records (估算) among an institution's records of a carrier in a year
SELECT e.institution_id, e.year, 'estimated_records', 'info',
       e.estimated || ' of ' || e.records || ' ' || e.carrier || ' records of ' || e.year
       || ' are estimated (估算): replace them with the metered or billed amounts when these come',
       NULL
  FROM (SELECT cp.institution_id, extract(year FROM cp.period_start)::integer AS year, cp.carrier::text AS carrier,
               count(*) FILTER (WHERE cp.estimated) AS estimated, count(*) AS records
          FROM cp
         GROUP BY 1, 2, 3) AS e
 WHERE e.estimated > 0
UNION ALL
-- a record far out of line with the others of its chain (a unit error: kWh
-- for 万kWh or MWh, a misplaced decimal point): more than 100 times the
-- median per day of at least six records, or less than a hundredth of it.
-- Compared in the base unit of the record's kind of unit (kWh, MWh, 万kWh
-- and 度 together; a fuel's litres and kilograms apart, which need a density)
SELECT b.institution_id, extract(year FROM b.period_start)::integer, 'bill_outlier', 'warning',
       b.carrier || ' record of ' || to_char(b.period_start, 'YYYY-MM-DD') || ' ('
       || b.amount || ' ' || coalesce(b.unit, energy.base_unit(b.carrier)) || ') is '
       || CASE WHEN b.per_day > b.median THEN round(b.per_day / b.median) || ' times'
               ELSE '1/' || round(b.median / b.per_day) || ' of' END
       || ' the median per day of its ' || b.n || ' records (end use ' || b.end_use || coalesce(', account ' || b.account, '')
       || '): a unit error?',
       b.consumption_id::text
  FROM (WITH units AS MATERIALIZED (  -- each carrier and unit written: its kind of unit and size in the kind's base unit
            SELECT p.carrier, coalesce(p.unit, '') AS unit, u.unit_group, u.size_in_base
              FROM (SELECT DISTINCT cp.carrier, cp.unit FROM cp) AS p
              JOIN energy.carriers AS k ON k.carrier = p.carrier
              JOIN energy.unit_list() AS u
                ON u.unit = energy.canonical_unit(p.carrier, p.unit) AND u.unit_group = ANY (string_to_array(k.unit_groups, ', '))),
             r AS MATERIALIZED (  -- (akey: the account as a key that groups a NULL account apart from every text)
            SELECT cp.*, u.unit_group, cp.amount * u.size_in_base / (cp.period_end - cp.period_start) AS per_day,
                   CASE WHEN cp.account IS NULL THEN 'N' ELSE 'V' || cp.account END AS akey
              FROM cp JOIN units AS u ON u.carrier = cp.carrier AND u.unit = coalesce(cp.unit, ''))
        -- each chain's median per day with its records in arrays, unnested again: no join of the records to their
        -- chains' medians (the planner, misjudging both sides, nested them: 4.6 s at the demo's scale 1)
        SELECT m.institution_id, m.carrier, m.end_use, m.account, m.n, m.median, x.*
          FROM (SELECT r.institution_id, r.carrier, r.end_use, min(r.account) AS account, count(*) AS n,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.per_day) AS median,
                       array_agg(r.consumption_id) AS ids, array_agg(r.per_day) AS per_days, array_agg(r.period_start) AS starts,
                       array_agg(r.amount) AS amounts, array_agg(r.unit) AS units
                  FROM r GROUP BY r.institution_id, r.carrier, r.end_use, r.akey, r.unit_group) AS m
         CROSS JOIN LATERAL unnest(m.ids, m.per_days, m.starts, m.amounts, m.units) AS x(consumption_id, per_day, period_start, amount, unit)
         WHERE m.n >= 6) AS b
 WHERE b.n >= 6 AND b.median > 0 AND (b.per_day > 100 * b.median OR (b.per_day > 0 AND b.per_day < b.median / 100))
UNION ALL
-- a carrier whose records of a year add up to less than zero: more credits
-- than bills (a credit entered twice, a sign slip); the year's figures count it
SELECT t.institution_id, t.year, 'negative_total', 'error',
       t.carrier::text || ' records of ' || t.year || ' add up to ' || t.amount || ' ' || energy.base_unit(t.carrier)
       || ', less than zero: more credits than bills (a credit entered twice, or a sign slip?); the year''s figures count it',
       NULL
  FROM (SELECT m.institution_id, extract(year FROM m.month)::integer AS year, m.carrier,
               sum(energy.amount(m.ledger, m.carrier)) AS amount, sum(abs(energy.amount(m.ledger, m.carrier))) AS gross
          FROM @model@.month_ledger AS m JOIN energy.end_use AS e ON e.code = m.end_use AND e.additive
         GROUP BY m.institution_id, extract(year FROM m.month), m.carrier) AS t
 -- (below zero by more than the rounding of its months: a credit that cancels its bills exactly, 0.1 + 0.7 − 0.8,
 -- sums to −1.1e-16 in double precision, and is no finding)
 WHERE t.amount < -1e-9 * t.gross
UNION ALL
-- the same credit recorded more than once (a correction file loaded twice):
-- each copy is subtracted (the same bill twice is a bill_overlap)
SELECT d.institution_id, extract(year FROM lower(d.period))::integer, 'credit_duplicate', 'error',
       'the same credit (' || d.amount || ' ' || coalesce(d.unit, energy.base_unit(d.carrier)) || ' of ' || d.carrier::text
       || ' over ' || energy.period_text(d.period) || ', end use ' || d.end_use || coalesce(', account ' || d.account, '')
       || ') is recorded ' || d.copies || ' times, and each copy is subtracted: a correction loaded twice?',
       d.first_id::text
  FROM (SELECT c.institution_id, c.carrier, c.end_use, c.account, c.period, c.amount, c.unit, count(*) AS copies,
               min(c.consumption_id) AS first_id
          FROM @model@.consumption AS c WHERE c.amount < 0
         GROUP BY c.institution_id, c.carrier, c.end_use, c.account, c.period, c.amount, c.unit
        HAVING count(*) > 1) AS d
UNION ALL
-- the same records (days and amount) under more than one account, or with
-- and without one: each copy counts (bills loaded twice under a mistyped
-- account; or two supplies billed alike, then ignore it)
SELECT a.institution_id, a.year, 'bill_other_account', 'warning',
       a.records || ' ' || a.carrier::text || CASE WHEN a.records = 1 THEN ' record of ' ELSE ' records of ' END || a.year
       || ' (end use ' || a.end_use || ') recorded alike — the same days and amount — ' || a.accounts
       || ': each copy counts; the same bills loaded under two accounts?',
       a.first_id::text
  FROM (WITH k AS MATERIALIZED (  -- each record of each account once
            SELECT c.institution_id, c.carrier, c.end_use, c.period, c.amount, c.unit, c.account,
                   CASE WHEN c.account IS NULL THEN 'N' ELSE 'V' || c.account END AS akey,
                   extract(year FROM lower(c.period))::integer AS year, min(c.consumption_id) AS first_id
              FROM @model@.consumption AS c
             WHERE c.amount <> 0
             GROUP BY c.institution_id, c.carrier, c.end_use, c.period, c.amount, c.unit, c.account),
        n AS (  -- the records of each account in a year
            SELECT k.institution_id, k.carrier, k.end_use, k.year, k.akey, count(*) AS records
              FROM k GROUP BY k.institution_id, k.carrier, k.end_use, k.year, k.akey),
        d AS (  -- each record alike under several accounts
            SELECT k.institution_id, k.carrier, k.end_use, k.year, array_agg(k.akey ORDER BY k.akey) AS akeys,
                   'under ' || concat_ws(' and ', CASE WHEN count(k.account) = 1 THEN 'account ' ELSE 'accounts ' END
                                                  || string_agg(k.account, ', ' ORDER BY k.account),
                                          CASE WHEN bool_or(k.account IS NULL) THEN 'without an account' END) AS accounts,
                   min(k.first_id) AS first_id
              FROM k GROUP BY k.institution_id, k.carrier, k.end_use, k.period, k.amount, k.unit, k.year
            HAVING count(*) > 1),
        a AS (
            SELECT d.institution_id, d.carrier, d.end_use, d.year, d.akeys, d.accounts, count(*) AS records, min(d.first_id) AS first_id
              FROM d GROUP BY d.institution_id, d.carrier, d.end_use, d.year, d.akeys, d.accounts)
        -- copies, not coincidences: at least half of the records of the year of each of those accounts alike
        -- (two sub-meters read daily agree on some days by chance)
        SELECT a.* FROM a
         CROSS JOIN LATERAL unnest(a.akeys) AS u(akey)
          JOIN n ON n.institution_id = a.institution_id AND n.carrier = a.carrier AND n.end_use = a.end_use
                AND n.year = a.year AND n.akey = u.akey
         GROUP BY a.institution_id, a.carrier, a.end_use, a.year, a.akeys, a.accounts, a.records, a.first_id
        HAVING 2 * a.records >= max(n.records)) AS a
UNION ALL
-- an institution with nothing recorded in a year that others have records
-- of, though it has a profile of that year or records of the year before (a
-- file forgotten): it is in none of the year's figures; and one with nothing
-- recorded at all
SELECT i.institution_id, y.year, 'no_records', 'warning',
       'nothing recorded for ' || y.year || ', though it has '
       || CASE WHEN p.institution_id IS NOT NULL THEN 'a profile of that year' ELSE 'records of ' || (y.year - 1) END
       || ' and other institutions have records of ' || y.year
       || ': it is left out of the year''s figures and roll-ups; load its records, or ignore this if it had closed',
       NULL
  FROM @model@.institution AS i
 -- the years others report: some institution has six months or more of the year (a bill into January, or a new
 -- meter's first reading, does not make a year reported)
 CROSS JOIN (SELECT DISTINCT r.year
               FROM (SELECT extract(year FROM ml.month)::integer AS year FROM @model@.month_ledger AS ml
                      GROUP BY ml.institution_id, extract(year FROM ml.month) HAVING count(DISTINCT ml.month) >= 6) AS r) AS y
  LEFT JOIN @model@.profile AS p ON p.institution_id = i.institution_id AND p.year = y.year
 WHERE NOT EXISTS (SELECT 1 FROM @model@.year_ledger AS o WHERE o.institution_id = i.institution_id AND o.year = y.year)
   AND (p.institution_id IS NOT NULL
        OR EXISTS (SELECT 1 FROM @model@.year_ledger AS o WHERE o.institution_id = i.institution_id AND o.year = y.year - 1))
UNION ALL
-- an energy carrier with records of every month of a year and none of the
-- next, though the institution has energy records of all twelve months of
-- that year: a change of fuel, or the carrier's records not loaded (targets
-- count the year as it is; a year in progress is not judged; water that
-- stops leaves the year out of the water targets, which say so)
SELECT c.institution_id, c.year + 1, 'carrier_stopped', 'warning',
       c.carrier || ': records of all 12 months of ' || c.year || ' and none of ' || (c.year + 1)
       || ', while other energy of all 12 months of ' || (c.year + 1) || ' is there: a change of fuel (then ignore this), or '
       || (c.year + 1) || '''s ' || c.carrier || ' records not loaded? The year''s figures and targets count it as it is',
       NULL
  FROM (SELECT ml.institution_id, extract(year FROM ml.month)::integer AS year, ml.carrier::text AS carrier
          FROM @model@.month_ledger AS ml JOIN energy.end_use AS e ON e.code = ml.end_use AND e.additive
         WHERE ml.carrier <> 'water'
         GROUP BY ml.institution_id, extract(year FROM ml.month), ml.carrier
        HAVING count(DISTINCT ml.month) = 12) AS c
 WHERE EXISTS (SELECT 1 FROM @model@.whole_year AS w WHERE w.institution_id = c.institution_id AND w.year = c.year + 1 AND w.energy_months = 12)
   AND NOT EXISTS (SELECT 1 FROM @model@.month_ledger AS n JOIN energy.end_use AS e ON e.code = n.end_use AND e.additive
                    WHERE n.institution_id = c.institution_id AND n.carrier::text = c.carrier
                      AND n.month >= make_date(c.year + 1, 1, 1) AND n.month < make_date(c.year + 2, 1, 1))
UNION ALL
SELECT i.institution_id, NULL, 'no_records', 'warning', 'nothing recorded and no profile: the institution counts in no figure', NULL
  FROM @model@.institution AS i
 WHERE NOT EXISTS (SELECT 1 FROM @model@.year_ledger AS o WHERE o.institution_id = i.institution_id)
   AND NOT EXISTS (SELECT 1 FROM @model@.profile AS q WHERE q.institution_id = i.institution_id)
UNION ALL
-- meters whose registers did something other than count up
SELECT m.institution_id, NULL::integer, x.rule, x.severity, x.detail, m.meter_id
  -- (a meter whose readings energy.meter_agg refuses — two different readings
  -- of one kind at a time, half a swap, a plain reading at a swap's time
  -- repeating neither of its readings; the live ledgers refuse them, so they
  -- are there only when loaded with the ledgers off — is a finding of its
  -- own, left out of meter_agg: one such meter does not make the view fail)
  FROM (SELECT r.meter_id, energy.meter_agg(r.ts, r.reading, m.modulus, m.multiplier, r.event) FILTER (WHERE NOT r.row_bad) AS s,
               count(*) FILTER (WHERE lower(r.raw_event) IN ('old_final', 'new_initial') AND r.event IS NULL) AS unpaired,
               count(*) FILTER (WHERE r.reading < 0) AS negative,
               bool_or(r.row_bad) AS bad, min(r.ts) FILTER (WHERE r.row_bad) AS bad_ts
          FROM (SELECT r.*,
                       -- a time whose readings meter_agg refuses (its rows are left out): two different readings of
                       -- one kind, half a swap not at an end of the series (there it is a plain reading), plain
                       -- readings that differ where there is no swap; and a plain reading at a swap's time that
                       -- repeats neither of its readings (that row alone).  Only a time with more than one reading,
                       -- or a swap's row, can be one: those few are looked at again, through the index
                       CASE WHEN r.reading IS NOT NULL AND (r.n_t > 1 OR lower(r.raw_event) IN ('old_final', 'new_initial')) THEN
                           (SELECT coalesce(g.o_lo <> g.o_hi OR g.n_lo <> g.n_hi
                                            OR ((g.o_lo IS NULL) <> (g.n_lo IS NULL)
                                                AND NOT ((g.o_lo IS NOT NULL AND r.ts = g.last_ts) OR (g.n_lo IS NOT NULL AND r.ts = g.first_ts)))
                                            OR ((g.o_lo IS NULL OR g.n_lo IS NULL)
                                                AND least(g.p_lo, coalesce(g.o_lo, g.n_lo)) <> greatest(g.p_hi, coalesce(g.o_lo, g.n_lo)))
                                            OR (g.o_lo IS NOT NULL AND g.n_lo IS NOT NULL
                                                AND lower(coalesce(r.raw_event, '')) NOT IN ('old_final', 'new_initial')
                                                AND r.reading <> g.o_lo AND r.reading <> g.n_lo), false)
                              FROM (SELECT min(x.reading) FILTER (WHERE lower(x.event) = 'old_final') AS o_lo,
                                           max(x.reading) FILTER (WHERE lower(x.event) = 'old_final') AS o_hi,
                                           min(x.reading) FILTER (WHERE lower(x.event) = 'new_initial') AS n_lo,
                                           max(x.reading) FILTER (WHERE lower(x.event) = 'new_initial') AS n_hi,
                                           min(x.reading) FILTER (WHERE lower(coalesce(x.event, '')) NOT IN ('old_final', 'new_initial')) AS p_lo,
                                           max(x.reading) FILTER (WHERE lower(coalesce(x.event, '')) NOT IN ('old_final', 'new_initial')) AS p_hi,
                                           (SELECT min(y.ts) FROM @model@.reading AS y WHERE y.meter_id = r.meter_id AND y.reading IS NOT NULL) AS first_ts,
                                           (SELECT max(y.ts) FROM @model@.reading AS y WHERE y.meter_id = r.meter_id AND y.reading IS NOT NULL) AS last_ts
                                      FROM @model@.reading AS x
                                     WHERE x.meter_id = r.meter_id AND x.ts = r.ts AND x.reading IS NOT NULL) AS g)
                       ELSE false END AS row_bad
                  FROM (SELECT r.meter_id, r.ts, r.reading, r.event AS raw_event, @event@ AS event,
                               count(r.reading) OVER t AS n_t  -- (over a window the event above reads already)
                          FROM @model@.reading AS r
                        WINDOW m AS (PARTITION BY r.meter_id), t AS (PARTITION BY r.meter_id, r.ts)) AS r) AS r
          JOIN @model@.meter AS m ON m.meter_id = r.meter_id
         GROUP BY r.meter_id) AS a
  JOIN @model@.meter AS m ON m.meter_id = a.meter_id
 CROSS JOIN LATERAL (VALUES
        ('meter_reset', 'warning', m.on_decrease = 'flag' AND energy.resets(a.s) > 0,
         energy.resets(a.s) || ' reset(s) of the register: the consumption of those intervals is unknown and not counted'),
        ('meter_restart', 'info', m.on_decrease = 'restart' AND energy.resets(a.s) + energy.reversals(a.s) > 0,
         (energy.resets(a.s) + energy.reversals(a.s)) || ' restart(s) of the counter from zero (on_decrease restart): '
         || 'what it showed after each is counted as consumption'),
        ('meter_reversal', 'warning', m.on_decrease = 'flag' AND energy.reversals(a.s) > 0,
         energy.reversals(a.s) || ' interval(s) in which the register ran backwards by ' || energy.reverse_amount(a.s)
         || ' in all: not counted as consumption'),
        ('meter_duplicate', 'info', energy.duplicates(a.s) > 0,
         energy.duplicates(a.s) || ' repeated reading(s), used once'),
        ('meter_null_reading', 'warning', energy.null_readings(a.s) > 0,
         energy.null_readings(a.s) || ' reading(s) without a value'),
        ('meter_invalid_readings', 'error', a.bad,
         'readings the ledgers cannot take, first at ' || to_char(a.bad_ts, 'YYYY-MM-DD HH24:MI:SSOF')
         || ': two different readings of one kind at one time, half a meter swap (an old_final without a new_initial at '
         || 'its time, or the reverse), or a plain reading at a swap''s time repeating neither of its readings — '
         || 'energy.check_readings(''' || @model_name@ || '.reading'', ''meter_id'', ''ts'', ''reading'', event_column => ''event'') '
         || 'lists them; its other findings leave those readings out, and the live ledgers cannot be switched on, until they are corrected'),
        ('meter_negative_reading', 'warning', a.negative > 0,
         a.negative || ' reading(s) below zero, which a register cannot show (a sign lost or added, a wrong column?)'),
        ('meter_replacement_unpaired', 'warning', a.unpaired > 0,
         a.unpaired || ' replacement reading(s) without the other of the pair (an old_final with no new_initial after it, '
         || 'or a new_initial with no old_final before it): counted as plain readings until the other row is loaded')
     ) AS x(rule, severity, hit, detail)
 WHERE x.hit
UNION ALL
-- the live ledgers switched off (energy.set_live, for a bulk load) and not
-- on again: every figure is the summaries as they were then
SELECT NULL::text, NULL::integer, 'ledgers_off', 'error',
       'the live ledgers of model ' || @model_name@ || ' are off (energy.set_live): every figure is the summaries as they '
       || 'were when they were switched off, without the rows written since; SELECT energy.set_live('
       || quote_literal(@model_name@) || ', true) rebuilds them from the raw rows',
       NULL
 WHERE EXISTS (SELECT 1 FROM energy.model_live_triggers(@model_name@) AS t WHERE NOT t.enabled)
UNION ALL
-- summaries computed with reference data or settings that have changed
-- since (a basis recorded in ledger_basis with an entry that is not in
-- energy.ledger_basis now): each summary keeps the factors it was converted
-- with until it is recomputed
SELECT NULL::text, NULL::integer, 'ledgers_stale', 'warning',
       'live ledgers of model ' || @model_name@ || ' computed since ' || to_char(c.since, 'YYYY-MM-DD HH24:MI:SSOF')
       || ' used reference data, settings or an energy_ext version that have changed: ' || c.changed || '; each summary keeps the factors and '
       || 'settings it was converted with, so figures may mix old and new ones; SELECT energy.rebuild_model('
       || quote_literal(@model_name@) || ') recomputes them all',
       NULL
  FROM (SELECT min(o.first_used) AS since,
               string_agg(DISTINCT o.name, ', ' ORDER BY o.name) COLLATE "default" AS changed
          FROM (SELECT b.first_used, split_part(e.entry, '=', 1) COLLATE "C" AS name
                  FROM @model@.ledger_basis AS b CROSS JOIN LATERAL unnest(b.basis) AS e(entry)
                 WHERE e.entry <> ALL ((SELECT energy.ledger_basis(@model_name@))::text[])) AS o) AS c
 WHERE c.changed IS NOT NULL
@extra_quality@;

COMMENT ON VIEW @model@.consumption_period IS '消费记录计算期间 (consumption periods, internal): each consumption row with the half-open period it is calendarised over — a one-day overlap at the end of a bill goes to the next bill of its chain (ENERGY STAR Portfolio Manager).';
COMMENT ON VIEW @model@.consumption_part IS '消费记录分期 (calendarised parts, for SQL): each consumption row split over calendar months as energy.prorate splits it (each part then on the binary grid of the row''s amount, so that the parts add up to it exactly: energy.month_parts), after the chain rule, with the first day of each part — what month_ledger holds of the consumption rows.';
COMMENT ON VIEW @model@.monthly IS '月度能源资源消费 (monthly consumption, BI): per institution, month and carrier, the amount in the carrier''s base unit, its standard coal and CO2; additive end uses only.';
COMMENT ON VIEW @model@.quota_rating IS '能耗定额评价 (quota ratings, BI): each institution-year against each standard of its province (and national ones), per indicator, energy scope and electricity basis, on the row of energy.quota_value that fits it most closely (its quota class before its category before its region; row_ columns name the row), the indicator computed on the row''s energy scope and electricity basis, the rating (above constraint / between constraint and baseline / between baseline and guide / better than guide, at or below the guide value; with fewer levels: above baseline, above guide, at or below baseline, at or below constraint; insufficient data) and the gap to each level; a year without the figure''s twelve months (whole_year) is insufficient data: the levels are per year.';
COMMENT ON VIEW @model@.whole_year IS '全年数据 (whole years, BI): per institution and year, the months with records of energy, water and electricity, and whether the year is whole for each — twelve months, and no carrier that had all twelve the year before has fewer (one that stopped altogether, a change of fuel, does not count against it: data_quality says carrier_stopped). target_status and quota_rating judge whole years only.';
COMMENT ON VIEW @model@.institution_year IS '机构年度指标 (institution-year indicators, BI): 综合能耗, CO2, water, 人均综合能耗, 单位建筑面积能耗, 人均用水量, 单位建筑面积碳排放, electricity per m², PUE, NEV and PV shares, the energy mix and the changes on the year before, per institution and year; NULL with a note where an input is missing.';
COMMENT ON VIEW @model@.rollup_input IS '汇总输入 (roll-up input, internal): each institution-year of institution_year with its figures as numeric and its own figures of the year before (prev_), from one read of institution_year; region_year, category_year, department_year and the spatial roll-ups of energy_ext_postgis group it.';
COMMENT ON VIEW @model@.rollup_year IS '汇总 (roll-ups, internal): region_year, category_year and department_year in one relation, by dimension, level and group code — sums and ratios of sums of institution_year with coverage and like-for-like changes.';
COMMENT ON VIEW @model@.region_year IS '行政区域汇总 (roll-up by administrative region, BI): per province, city, county (by code prefix) and the whole (level all) and year; ratios of sums over the institutions that have both figures, coverage, like-for-like changes.';
COMMENT ON VIEW @model@.category_year IS '分类汇总 (roll-up by category, BI): per category (01, 02 = 021–026, 03), sub-class (021–026) and the whole, and year.';
COMMENT ON VIEW @model@.department_year IS '部门汇总 (roll-up by department, BI): per department (主管部门) and the whole, and year.';
COMMENT ON VIEW @model@.data_quality IS '数据质量 (data quality, BI): one row per finding — invalid credit codes, missing profiles, areas or people, year-on-year changes of area or people over 10 %, missing factors, overlapping or missing bills, chains of records that leave part of a year without any, records far out of line with their chain (a unit error), the same records under two accounts, negative yearly totals, credits recorded twice, institutions with nothing recorded in a year, estimated records, meter resets and reversals, live ledgers left off or computed with reference data or settings changed since — with severity and a detail.';
$model$;
COMMENT ON FUNCTION energy.model_views_sql() IS
    'The views of a reporting model, as SQL with @model@ for the schema, @time_zone@ for its time zone and @rollup_aggregates@ for the roll-up columns (internal; energy.create_model and energy.upgrade_model run it).';
