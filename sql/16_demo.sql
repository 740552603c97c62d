
-- =====================================================================
-- 0.2.0 — a demonstration dataset (issue 15, first part):
-- energy.generate_demo(model, scale, seed) fills a reporting model with
-- public institutions of Liaoning and Guangxi, 2020–2023, and records what it
-- made and what it broke, so that tests and the report can check both.
--
--   institutions   of every category in real county codes, each with a
--                  valid unified social credit code (GB 32100-2015)
--   profiles       building area and people per year; vehicles added (one
--                  in 2021, a new-energy one in 2023) where there are cars
--   electricity    hourly register readings for a quarter of them (the
--                  model's meters), monthly bills for the others; seasonal
--                  (cooling in Guangxi, lighting in Liaoning's winter),
--                  more by day than by night, and a yearly trend of each
--                  institution between −4 % and +1 %
--   heating        natural gas (m³) in Liaoning's heating season, or
--                  district heat (GJ) for a third of them (i mod 6 = 2)
--   vehicles       gasoline (L) of the official cars (i mod 3 = 0)
--   PV             roof generation (kWh, more in summer; i mod 7 = 3)
--   data centres   a machine room (i mod 9 = 5): total and IT electricity
--                  as sub-meters (not additive), PUE 1.5–1.8
--   water          monthly bills
--   faults         a register that rolls over, a replaced meter, a register
--                  reset, a repeated reading, a missing building area, an
--                  overlapping and a missing water bill, a gas bill 1 000
--                  times too large
--   <model>.demo_expected   the amounts made, per institution, year,
--                  carrier and end use, before the faults
--   <model>.demo_fault      each fault, where, and the data_quality rule
--                  that must find it (NULL when none does yet)
--
-- Everything comes from a hash of the seed and a key, never from random():
-- the same seed gives the same rows whatever the plan.  scale 1 is about
-- 200 institutions and 1.8 million rows.
-- =====================================================================

CREATE FUNCTION energy.demo_uniform(seed integer, key text) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT (pg_catalog.hashtextextended(key, seed) & 140737488355327)::double precision / 140737488355328;
    END;
COMMENT ON FUNCTION energy.demo_uniform(integer, text) IS
    'A number in [0, 1) from a seed and a key (a hash: the same inputs give the same number on every run and plan); energy.generate_demo draws with it.';

-- A unified social credit code with its check character: authority (1
-- 机构编制, 5 民政), entity kind, the six-digit region and nine characters of
-- the organisation code; the check character per GB 32100-2015.
CREATE FUNCTION energy.demo_credit_code(first17 text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT first17 || pg_catalog.substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
               (31 - pg_catalog.sum((pg_catalog.strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', pg_catalog.substr(first17, i, 1)) - 1)
                                    * (ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])[i])::integer % 31) % 31 + 1, 1)
      FROM pg_catalog.generate_series(1, 17) AS i;
    END;
COMMENT ON FUNCTION energy.demo_credit_code(text) IS
    'The 17 first characters of a unified social credit code followed by their check character (GB 32100-2015); energy.credit_code_problem finds nothing wrong with the result.';

-- A NOTICE of progress, when SET energy.progress = on: what was written, the
-- time elapsed and the time left, from the share of the work done.
CREATE FUNCTION energy.demo_progress(model name, step text, done numeric, started timestamptz)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    elapsed double precision := extract(epoch FROM clock_timestamp() - started);
BEGIN
    -- load the module, which defines the setting, before reading it: unloaded,
    -- a rolled-back SET LOCAL leaves its placeholder '' (not a boolean)
    PERFORM energy.creating_extension();
    IF current_setting('energy.progress')::boolean THEN
        RAISE NOTICE '%', format('demo %s: %s — %s %% done, %s s elapsed, about %s s left', model, step,
                                 round(100 * least(done, 1)), round(elapsed::numeric, 1),
                                 CASE WHEN done > 0 THEN round((elapsed / least(done, 1)::double precision - elapsed)::numeric) END);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.demo_progress(name, text, numeric, timestamptz) IS
    'Reports a step of energy.generate_demo as a NOTICE when energy.progress is on (internal): the step, the share done, the time elapsed and the time left.';

CREATE FUNCTION energy.generate_demo(model name, scale double precision DEFAULT 1, seed integer DEFAULT 2023)
    RETURNS TABLE (relation text, rows bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    n integer;
    q text;
    parts text[];
    step_label text;
    step_weight numeric;
    done_weight numeric := 0;
    started timestamptz := clock_timestamp();
BEGIN
    IF scale IS NULL OR NOT scale > 0 OR scale > 500 THEN
        RAISE EXCEPTION 'scale % is out of range', scale USING ERRCODE = '22023',
              HINT = 'scale 1 makes about 200 institutions and 1.8 million rows; 0.05 a small test set; at most 500.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM energy.model m WHERE m.name = generate_demo.model) THEN
        PERFORM energy.create_model(model, 'demonstration dataset (energy.generate_demo, seed ' || seed || ')');
    END IF;
    EXECUTE format('SELECT count(*) FROM %I.institution', model) INTO n;
    IF n > 0 THEN
        RAISE EXCEPTION 'model "%" already holds % institution(s)', model, n USING ERRCODE = '55000',
              HINT = 'Generate into a new model: SELECT energy.generate_demo(''demo2'') creates one.';
    END IF;
    n := greatest(12, round(200 * scale)::integer);
    -- grid factors are published for some years only: each year takes the nearest, the regional grid's where a
    -- province has none
    UPDATE energy.model m SET grid_year_policy = 'nearest', grid_fallback = 'grid' WHERE m.name = generate_demo.model;
    PERFORM energy.set_live(model, false);
    q := $q$
CREATE TABLE @m@.demo_expected (
    institution_id text NOT NULL, year integer NOT NULL, carrier energy.carrier NOT NULL, end_use text NOT NULL,
    amount double precision NOT NULL, unit text NOT NULL, PRIMARY KEY (institution_id, year, carrier, end_use));
CREATE TABLE @m@.demo_fault (
    fault text NOT NULL, institution_id text NOT NULL, meter_id text, year integer, detail text NOT NULL, rule text);
COMMENT ON TABLE @m@.demo_expected IS '演示数据真值 (demo truth): the amounts energy.generate_demo made per institution, year, carrier and end use, before its faults.';
COMMENT ON TABLE @m@.demo_fault IS '演示数据故障 (demo faults): each fault energy.generate_demo injected, where, and the data_quality rule that must find it (NULL when none does).';

-- the institutions and what they are like
CREATE TEMP TABLE demo_inst ON COMMIT DROP AS
SELECT i, c.code AS region_code, k.category, k.intensity, k.water, k.area,
       round((k.area * (0.6 + 0.8 * energy.demo_uniform(@seed@, 'area/' || i)))::numeric, -1) AS area_m2,
       round((k.area / k.per_person * (0.7 + 0.6 * energy.demo_uniform(@seed@, 'people/' || i)))::numeric) AS people,
       -0.04 + 0.05 * energy.demo_uniform(@seed@, 'trend/' || i) AS trend,
       i % 4 = 0 AS metered,
       left(c.code, 2) = '21' AS liaoning,
       energy.demo_credit_code(CASE WHEN k.category = '03' THEN '51' WHEN k.category = '01' THEN '11' ELSE '12' END
                               || c.code || lpad(((i::bigint * 7919 + @seed@::bigint * 104729) % 100000000)::text, 8, '0')
                               || (i % 10)::text) AS institution_id
  FROM generate_series(0, @n@ - 1) AS i
 CROSS JOIN LATERAL (SELECT d.code FROM energy.admin_division d
                      WHERE d.level = 'county' AND d.kind = 'division' AND d.code LIKE CASE WHEN i % 2 = 0 THEN '21%' ELSE '45%' END
                      ORDER BY d.code OFFSET floor(energy.demo_uniform(@seed@, 'county/' || i) * 100) LIMIT 1) AS c
 CROSS JOIN LATERAL (SELECT * FROM (VALUES
        (0, '01', 90, 0.9, 8000, 40), (1, '01', 90, 0.9, 8000, 40), (2, '021', 35, 1.4, 30000, 25),
        (3, '024', 160, 2.2, 40000, 45), (4, '023', 60, 0.6, 12000, 60), (5, '025', 70, 1.0, 15000, 80),
        (6, '022', 110, 0.8, 10000, 50), (7, '026', 75, 0.8, 6000, 40), (8, '021', 40, 1.3, 20000, 20),
        (9, '03', 55, 0.5, 2000, 30)) AS v(j, category, intensity, water, area, per_person)
                      WHERE v.j = i % 10) AS k;
INSERT INTO @m@.institution (institution_id, name, region_code, category, department)
SELECT d.institution_id, coalesce(a.name_zh, '') || '某' || k.name_zh || '单位' || d.i,
       d.region_code, d.category, CASE WHEN d.liaoning THEN '辽宁省' ELSE '广西' END || (ARRAY['机关事务管理局', '教育厅', '卫生健康委'])[1 + d.i % 3]
  FROM demo_inst d
  JOIN energy.institution_category k ON k.code = d.category
  LEFT JOIN energy.admin_division a ON a.code = left(d.region_code, 4) || '00';

-- vehicles: the institutions with official cars (i mod 3 = 0) add one in 2021
-- and one in 2023, the second a new-energy vehicle
INSERT INTO @m@.profile (institution_id, year, building_area_m2, people, vehicles_added, nev_added)
SELECT d.institution_id, y, CASE WHEN d.i = 3 AND y = 2022 THEN NULL ELSE d.area_m2 END, d.people,
       CASE WHEN d.i % 3 = 0 THEN CASE WHEN y IN (2021, 2023) THEN 1 ELSE 0 END END,
       CASE WHEN d.i % 3 = 0 THEN CASE WHEN y = 2023 THEN 1 ELSE 0 END END
  FROM demo_inst d CROSS JOIN generate_series(2020, 2023) AS y;

-- yearly amounts, and the months' shares: cooling in Guangxi, lighting in Liaoning's winter
CREATE TEMP TABLE demo_month ON COMMIT DROP AS
SELECT d.institution_id, d.i, d.metered, d.liaoning, y AS year, m AS month,
       make_date(y, m, 1) AS month_start, (make_date(y, m, 1) + interval '1 month')::date AS month_end,
       d.area_m2 * d.intensity * power(1 + d.trend, y - 2020) AS kwh_year,
       d.people * d.water * 12 * power(1 + d.trend / 2, y - 2020) AS water_year,
       d.area_m2 * 3.0 * power(1 + d.trend, y - 2020) AS gas_year,
       -- district heat instead of gas for a third of Liaoning's (i mod 6 = 2), 0.35 GJ per m² a season
       d.liaoning AND d.i % 6 = 2 AS district_heat,
       d.area_m2 * 0.35 * power(1 + d.trend, y - 2020) AS heat_gj_year,
       -- official cars (i mod 3 = 0): 2 000 L of gasoline a year
       d.i % 3 = 0 AS cars, 2000 * power(1 + d.trend, y - 2020) AS gasoline_l_year,
       -- PV on some roofs (i mod 7 = 3): 8 kWh a year per m² of floor, more in summer
       d.i % 7 = 3 AS pv, d.area_m2 * 8.0 AS pv_kwh_year,
       (ARRAY[0.05, 0.06, 0.08, 0.09, 0.10, 0.10, 0.11, 0.11, 0.10, 0.08, 0.06, 0.06])[m]::double precision AS pv_share,
       -- a data-centre room (i mod 9 = 5): a quarter of the building's electricity, PUE 1.5–1.8
       d.i % 9 = 5 AS datacentre, 1.5 + 0.3 * energy.demo_uniform(@seed@, 'pue/' || d.i) AS pue,
       (CASE WHEN d.liaoning THEN (ARRAY[1.10, 1.05, 1.0, 0.95, 0.9, 0.95, 1.0, 1.0, 0.95, 0.95, 1.05, 1.10])[m]
             ELSE (ARRAY[0.8, 0.75, 0.85, 0.95, 1.1, 1.25, 1.35, 1.35, 1.2, 1.0, 0.8, 0.6])[m] END)::double precision / 12 AS share,
       (ARRAY[0.3, 0.25, 0.1, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.1, 0.25])[m]::double precision / 1.07 AS heating_share
  FROM demo_inst d CROSS JOIN generate_series(2020, 2023) AS y CROSS JOIN generate_series(1, 12) AS m;
INSERT INTO @m@.demo_expected (institution_id, year, carrier, end_use, amount, unit)
SELECT institution_id, year, 'electricity'::energy.carrier, 'building', sum(kwh_year * share), 'kWh' FROM demo_month GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'water', 'building', sum(water_year / 12), 'm³' FROM demo_month GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'natural_gas', 'heating', sum(gas_year * heating_share), 'm³' FROM demo_month WHERE liaoning AND NOT district_heat GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'heat', 'heating', sum(heat_gj_year * heating_share), 'GJ' FROM demo_month WHERE district_heat GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'gasoline', 'vehicle', sum(gasoline_l_year / 12), 'L' FROM demo_month WHERE cars GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'pv', 'pv_generation', sum(pv_kwh_year * pv_share), 'kWh' FROM demo_month WHERE pv GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'electricity', 'datacentre_total', sum(kwh_year * share / 4), 'kWh' FROM demo_month WHERE datacentre GROUP BY 1, 2
UNION ALL
SELECT institution_id, year, 'electricity', 'datacentre_it', sum(kwh_year * share / 4 / pue), 'kWh' FROM demo_month WHERE datacentre GROUP BY 1, 2;

-- monthly bills: electricity of the institutions without a meter, water, heating gas or district heat,
-- gasoline of the official cars, PV generation, a data-centre room's total and IT electricity (sub-meters)
--@step 0.011|monthly bills
INSERT INTO @m@.consumption (institution_id, period, carrier, amount, unit, account, end_use)
SELECT institution_id, daterange(month_start, month_end),
       'electricity'::energy.carrier, kwh_year * share, 'kWh', 'E', 'building'
  FROM demo_month WHERE NOT metered
UNION ALL
SELECT institution_id,
       CASE WHEN i = 4 AND year = 2021 AND month = 3 THEN daterange('2021-03-01', '2021-04-05')
            ELSE daterange(month_start, month_end) END,
       'water', water_year / 12, 'm³', 'W', 'building'
  FROM demo_month WHERE NOT (i = 5 AND year = 2022 AND month = 7)
UNION ALL
SELECT institution_id, daterange(month_start, month_end),
       'natural_gas', gas_year * heating_share * CASE WHEN i = 6 AND year = 2023 AND month = 1 THEN 1000 ELSE 1 END, 'm³', 'G', 'heating'
  FROM demo_month WHERE liaoning AND NOT district_heat
UNION ALL
SELECT institution_id, daterange(month_start, month_end), 'heat', heat_gj_year * heating_share, 'GJ', 'H', 'heating'
  FROM demo_month WHERE district_heat
UNION ALL
SELECT institution_id, daterange(month_start, month_end), 'gasoline', gasoline_l_year / 12, 'L', 'V', 'vehicle'
  FROM demo_month WHERE cars
UNION ALL
SELECT institution_id, daterange(month_start, month_end), 'pv', pv_kwh_year * pv_share, 'kWh', 'PV', 'pv_generation'
  FROM demo_month WHERE pv
UNION ALL
SELECT institution_id, daterange(month_start, month_end), 'electricity', kwh_year * share / 4, 'kWh', 'DC', 'datacentre_total'
  FROM demo_month WHERE datacentre
UNION ALL
SELECT institution_id, daterange(month_start, month_end), 'electricity', kwh_year * share / 4 / pue, 'kWh', 'DC-IT', 'datacentre_it'
  FROM demo_month WHERE datacentre;
INSERT INTO @m@.demo_fault (fault, institution_id, year, detail, rule)
SELECT 'missing_area', institution_id, 2022, 'no building area in the 2022 profile', 'no_building_area' FROM demo_inst WHERE i = 3
UNION ALL
SELECT 'bill_overlap', institution_id, 2021, 'the water bill of March 2021 runs to 4 April: 4 days counted twice', 'bill_overlap'
  FROM demo_inst WHERE i = 4
UNION ALL
SELECT 'bill_missing', institution_id, 2022, 'no water bill for July 2022', 'bill_gap' FROM demo_inst WHERE i = 5
UNION ALL
SELECT 'unit_x1000', institution_id, 2023, 'the gas bill of January 2023 is 1 000 times too large', 'bill_outlier' FROM demo_inst WHERE i = 6;

-- hourly electricity registers of the metered institutions: more by day
-- (8:00–18:59) than by night, each month's total as the bills would have it
--@step 0.52|hourly readings
INSERT INTO @m@.meter (meter_id, institution_id, carrier, unit, modulus)
SELECT 'EM-' || d.i, d.institution_id, 'electricity', 'kWh', CASE WHEN d.i = 0 THEN 1000000 END
  FROM demo_inst d WHERE d.metered;
CREATE TEMP TABLE demo_hour ON COMMIT DROP AS
SELECT 'EM-' || x.i AS meter_id, x.i, x.ts,
       sum(x.kwh) OVER (PARTITION BY x.i ORDER BY x.ts ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS cumulative
  FROM (SELECT m.i, h.ts,
               m.kwh_year * m.share / ((m.month_end - m.month_start) * 24)
               * CASE WHEN extract(hour FROM h.ts AT TIME ZONE 'Asia/Shanghai') BETWEEN 8 AND 18 THEN 16.2 / 11 ELSE 0.6 END AS kwh
          FROM demo_month m
         CROSS JOIN LATERAL generate_series(m.month_start::timestamp AT TIME ZONE 'Asia/Shanghai',
                                            m.month_end::timestamp AT TIME ZONE 'Asia/Shanghai' - interval '1 hour',
                                            interval '1 hour') AS h(ts)
         WHERE m.metered
        UNION ALL  -- the reading that closes the last hour of 2023
        SELECT d.i, '2024-01-01 00:00+08', 0 FROM demo_inst d WHERE d.metered) AS x;
INSERT INTO @m@.reading (meter_id, ts, reading, event)
SELECT meter_id, ts,
       CASE WHEN i = 0 THEN (coalesce(cumulative, 0) + 990000)::numeric % 1000000   -- rolls over at 1 000 000
            WHEN i = 4 AND ts >= '2022-06-15 00:00+08' THEN coalesce(cumulative, 0)
                 - (SELECT h2.cumulative FROM demo_hour h2 WHERE h2.i = 4 AND h2.ts = '2022-06-15 00:00+08')
            WHEN i = 8 AND ts >= '2021-09-10 12:00+08' THEN 5 + coalesce(cumulative, 0)
                 - (SELECT h2.cumulative FROM demo_hour h2 WHERE h2.i = 8 AND h2.ts = '2021-09-10 12:00+08')
            ELSE coalesce(cumulative, 0) END,
       CASE WHEN i = 4 AND ts = '2022-06-15 00:00+08' THEN 'new_initial' END
  FROM demo_hour
UNION ALL  -- the replaced meter's last reading
SELECT meter_id, ts, cumulative, 'old_final' FROM demo_hour WHERE i = 4 AND ts = '2022-06-15 00:00+08'
UNION ALL  -- a reading sent twice
SELECT meter_id, ts, (coalesce(cumulative, 0) + 990000)::numeric % 1000000, NULL FROM demo_hour WHERE i = 0 AND ts = '2021-05-01 00:00+08';
--@step 0.016|meter faults
INSERT INTO @m@.demo_fault (fault, institution_id, meter_id, year, detail, rule)
SELECT 'rollover', institution_id, 'EM-0', NULL, 'the register rolls over at 1 000 000 (counted: the modulus is set)', NULL FROM demo_inst WHERE i = 0
UNION ALL
SELECT 'duplicate_reading', institution_id, 'EM-0', 2021, 'the reading of 2021-05-01 00:00 comes twice', 'meter_duplicate' FROM demo_inst WHERE i = 0
UNION ALL
SELECT 'replacement', institution_id, 'EM-4', 2022, 'the meter is replaced on 2022-06-15 00:00, the new one starting at 0 (counted)', NULL
  FROM demo_inst WHERE i = 4
UNION ALL
SELECT 'reset', institution_id, 'EM-8', 2021,
       'the register falls to 5 on 2021-09-10 12:00: the hour before is lost ('
       || round((SELECT (h2.cumulative - h1.cumulative)::numeric FROM demo_hour h1, demo_hour h2
                  WHERE h1.i = 8 AND h2.i = 8 AND h1.ts = '2021-09-10 11:00+08' AND h2.ts = '2021-09-10 12:00+08'), 6) || ' kWh)',
       'meter_reset'
  FROM demo_inst WHERE i = 8;
DROP TABLE pg_temp.demo_hour, pg_temp.demo_month, pg_temp.demo_inst;
$q$;
    -- The template runs in steps (--@step weight|label lines); with SET
    -- energy.progress = on each step reports what it wrote, the time elapsed
    -- and the time left, estimated from the steps' weights (their shares of
    -- the whole, measured at scale 1) — the summaries' rebuild last.
    parts := regexp_split_to_array(replace(replace(replace(q, '@m@', quote_ident(model)), '@seed@', seed::text), '@n@', n::text),
                                   E'\n--@step ');
    FOR k IN 1 .. array_length(parts, 1) LOOP
        IF k = 1 THEN
            EXECUTE parts[k];
            step_label := 'institutions and profiles';
            step_weight := 0.016;
        ELSE
            EXECUTE '--' || parts[k];
            step_weight := split_part(split_part(parts[k], E'\n', 1), '|', 1)::numeric;
            step_label := split_part(split_part(parts[k], E'\n', 1), '|', 2);
        END IF;
        PERFORM energy.demo_progress(model, step_label, done_weight + step_weight, started);
        done_weight := done_weight + step_weight;
    END LOOP;
    SET CONSTRAINTS ALL IMMEDIATE;  -- the deferred checks now, before the live ledgers are switched back on
    PERFORM energy.set_live(model, true);
    PERFORM energy.demo_progress(model, 'live summaries rebuilt', 1, started);
    EXECUTE format('ANALYZE %1$I.institution, %1$I.profile, %1$I.consumption, %1$I.meter, %1$I.reading', model);
    RETURN QUERY EXECUTE format($r$
        SELECT 'institution', count(*) FROM %1$I.institution UNION ALL SELECT 'profile', count(*) FROM %1$I.profile
        UNION ALL SELECT 'consumption', count(*) FROM %1$I.consumption UNION ALL SELECT 'meter', count(*) FROM %1$I.meter
        UNION ALL SELECT 'reading', count(*) FROM %1$I.reading UNION ALL SELECT 'demo_fault', count(*) FROM %1$I.demo_fault$r$, model);
END
$$;
COMMENT ON FUNCTION energy.generate_demo(name, double precision, integer) IS
    'Fills a reporting model (created when it does not exist; it must be empty; its grid_year_policy becomes nearest and its grid_fallback grid; the transaction''s deferred checks are made at once (SET CONSTRAINTS ALL IMMEDIATE) and its live ledgers are rebuilt and on at the end) with a demonstration dataset of Liaoning and Guangxi public institutions, 2020–2023: profiles (with vehicles added), hourly electricity registers and monthly bills, heating gas or district heat, water, official cars'' gasoline, roof PV, a data-centre room''s total and IT electricity, seasonal and with yearly trends, and injected faults, recording the amounts made (demo_expected) and the faults with the data_quality rule that must find each (demo_fault). scale 1 is about 200 institutions and 1.8 million rows; the same seed gives the same rows. Returns the rows per table.';
