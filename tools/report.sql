-- The year-end report of tools/report.sh (issue 15, first version), over the
-- model :model (made by energy.generate_demo): one self-contained HTML page on
-- standard output — data quality (and, for a demo model, each injected fault
-- and whether it was found), indicators per province and year with changes,
-- per city for the last year, quota ratings, a map per province (when spatial is 1: the
-- model is placed in the synthetic layer), target status, caps, the trend per
-- province and the energy mix as inline SVG charts.  psql variables: model,
-- scale, seed, spatial.
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset footer off
SET search_path = pg_catalog, energy;
-- each view once
CREATE TEMP TABLE r_region AS SELECT * FROM :model.region_year WHERE level IN ('province', 'city');
CREATE TEMP VIEW r_province AS SELECT * FROM r_region WHERE level = 'province';
CREATE TEMP VIEW r_city AS SELECT * FROM r_region WHERE level = 'city' AND year = (SELECT max(year) FROM r_region);
CREATE TEMP TABLE r_target AS SELECT * FROM :model.target_status;
CREATE TEMP TABLE r_cap AS SELECT * FROM :model.cap_status;
-- the model's data_quality, or (psql variable quality) a table of its rows
-- that tools/report.sh made once for the page, the CSV file and the summary
\if :{?quality}
\else
\set quality :model.data_quality
\endif
CREATE TEMP TABLE r_quality AS SELECT * FROM :quality;
CREATE TEMP TABLE r_quota AS SELECT * FROM :model.quota_rating;
-- the generator's injected faults, for a demo model (an empty list otherwise)
CREATE TEMP TABLE r_fault (fault text, institution_id text, meter_id text, year integer, rule text);
SELECT to_regclass(:'model' || '.demo_fault') IS NOT NULL AS has_faults \gset
\if :has_faults
INSERT INTO r_fault SELECT fault, institution_id, meter_id, year, rule FROM :model.demo_fault;
\endif
-- what the figures were converted with: the model's settings (energy.model,
-- which its live ledgers convert with), each carrier's standard-coal
-- coefficient and each province's grid CO2 factor per year, with the year
-- the factor is of
CREATE TEMP TABLE r_basis AS
SELECT m.factor_set, m.co2_set, m.grid_set, m.grid_basis, m.grid_year_policy, m.grid_fallback
  FROM energy.model m WHERE m.name = :'model';
-- (u: the unit the carrier is recorded in most, so that a density used shows)
CREATE FUNCTION pg_temp.coal(c energy.carrier, u text, d date) RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE e record;
BEGIN
    SELECT * INTO e FROM energy.explain_kgce(c, 1, u, d, (SELECT factor_set FROM r_basis));
    RETURN ARRAY[e.kgce_per_unit || ' kgce/' || e.per_unit || ' (' || e.factor_set_used || ', ' || e.basis_used || '; ' || e.source || ')',
                 CASE WHEN e.density_kg_per_l IS NOT NULL THEN e.density_kg_per_l || ' kg/L (' || e.density_source || ')' ELSE '–' END];
EXCEPTION WHEN OTHERS THEN
    RETURN ARRAY['no coefficient: ' || SQLERRM, '–'];
END $$;
-- a fuel's or heat's CO2 factor (electricity's is the grid's, per province below)
CREATE FUNCTION pg_temp.co2(c energy.carrier, d date) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE e record; b record;
BEGIN
    IF c::text IN ('electricity', 'green_electricity') THEN RETURN 'the grid''s, per province and year: below'; END IF;
    SELECT * INTO b FROM r_basis;
    SELECT * INTO e FROM energy.explain_kgco2(c, 1, NULL, d, NULL, 'location', b.co2_set);
    RETURN round(e.kgco2_per_base_unit::numeric, 6) || ' kgCO2/' || e.base_unit || ' (' || e.factor_set_used || '; ' || e.source || ')';
EXCEPTION WHEN OTHERS THEN
    RETURN 'no factor: ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.grid(region text, y integer) RETURNS text[] LANGUAGE plpgsql STABLE AS $$
DECLARE e record; b record;
BEGIN
    SELECT * INTO b FROM r_basis;
    SELECT * INTO e FROM energy.explain_kgco2('electricity', 1, 'kWh', make_date(y, 7, 1), region, 'location', b.co2_set,
                                              b.grid_set, b.grid_basis, b.grid_year_policy, b.grid_fallback);
    RETURN ARRAY[round(e.kgco2_per_base_unit::numeric, 4)::text, e.area, e.factor_year::text, e.source];
EXCEPTION WHEN OTHERS THEN
    RETURN ARRAY['–', '–', '–', 'no factor: ' || SQLERRM];
END $$;
CREATE FUNCTION pg_temp.h(t text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN replace(replace(replace(coalesce(t, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;');
CREATE FUNCTION pg_temp.n(x double precision, digits integer) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN coalesce(to_char(round(x::numeric, digits), 'FM999G999G999G990' || CASE WHEN digits > 0 THEN 'D' || repeat('0', digits) ELSE '' END), '–');
-- a ratio of sums and, when it counts fewer institutions than are present,
-- how many it counts ("11.828 (9 of 10)"): a roll-up over fewer institutions
-- is not the whole region's
CREATE FUNCTION pg_temp.nc(x double precision, digits integer, counted integer, present integer) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN pg_temp.n(x, digits) || CASE WHEN x IS NOT NULL AND counted < present THEN ' (' || counted || ' of ' || present || ')' ELSE '' END;
-- a value in per cent (pct_points), or a fraction shown in per cent (pct)
CREATE FUNCTION pg_temp.pct_points(x double precision) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN coalesce(to_char(round(x::numeric, 2), 'FMSG999G999G990.00') || ' %', '–');
CREATE FUNCTION pg_temp.pct(x double precision) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN pg_temp.pct_points(100 * x);
-- a table from rows of cells
CREATE FUNCTION pg_temp.tbl(head text[], rows text[]) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN '<table><tr>' || (SELECT string_agg('<th>' || pg_temp.h(x) || '</th>', '') FROM unnest(head) x) || '</tr>'
           || coalesce(array_to_string(rows, ''), '') || '</table>';
CREATE FUNCTION pg_temp.tr(VARIADIC cells text[]) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN '<tr>' || (SELECT string_agg('<td>' || pg_temp.h(x) || '</td>', '') FROM unnest(cells) x) || '</tr>';
-- a row whose status cell is coloured: met / on track green (met), not met / off track red (not), others as told
CREATE FUNCTION pg_temp.marked(row_html text, status text, otherwise text) RETURNS text LANGUAGE sql IMMUTABLE
    RETURN replace(row_html, '<td>' || status || '</td>',
                   '<td class="' || CASE WHEN status IN ('met', 'on track') THEN 'met' WHEN status IN ('not met', 'off track') THEN 'not'
                                         ELSE otherwise END || '">' || status || '</td>');

SELECT '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>公共机构能源资源消费年度报告</title><style>'
    || 'body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}'
    || 'table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:.9em}td{text-align:right}'
    || 'td:first-child{text-align:left}th{background:#f0f0f0}.met{color:#070}.not{color:#b00}.note{color:#555;font-size:.9em}'
    || '.maps{display:flex;flex-wrap:wrap;gap:1em}.maps svg{border:1px solid #ddd}'
    || '</style></head><body>'
    || '<h1>公共机构能源资源消费年度报告 · Public-institution energy and resources report</h1>'
    || '<p class="note">Model ' || pg_temp.h(:'model') || ', demonstration data (energy.generate_demo, scale ' || :'scale' || ', seed ' || :'seed'
    || '): ' || (SELECT count(*) FROM :model.institution) || ' institutions, '
    || (SELECT count(*) FROM :model.reading) || ' meter readings, ' || (SELECT count(*) FROM :model.consumption)
    || ' bills. Made by energy_ext ' || (SELECT extversion FROM pg_extension WHERE extname = 'energy_ext') || ' on ' || current_date || '.</p>'

-- data quality
    || '<h2>数据质量 · Data quality</h2>'
    || '<p class="note">Findings by rule; quota_above_constraint and quota_below_guide are ratings against the quotas '
    || '(below, under quota ratings), not errors in the data.</p>'
    || pg_temp.tbl(ARRAY['rule', 'severity', 'findings'],
          (SELECT array_agg(pg_temp.tr(rule, severity, count::text) ORDER BY severity, rule)
             FROM (SELECT rule, severity, count(*) FROM r_quality GROUP BY 1, 2) x))
    || '<p>Errors and warnings to fix, each with what it is about (the year''s figures of the institution count the record '
    || 'as it is until it is corrected and the model''s summaries follow):</p>'
    || coalesce(pg_temp.tbl(ARRAY['severity', 'rule', 'institution', 'region', 'year', 'record or meter', 'detail'],
          (SELECT array_agg(pg_temp.tr(q.severity, q.rule, coalesce(i.name || ' ', '') || coalesce(q.institution_id, ''), i.region_code,
                                       q.year::text, q.reference, q.detail)
                            ORDER BY q.severity, q.rule, q.institution_id, q.year, q.reference)
             FROM (SELECT * FROM r_quality WHERE severity IN ('error', 'warning') AND rule NOT LIKE 'quota%'
                    ORDER BY severity, rule, institution_id, year, reference LIMIT 500) q
             LEFT JOIN :model.institution i USING (institution_id))), '')
    || (SELECT CASE WHEN count(*) > 500 THEN '<p class="note">… and ' || (count(*) - 500) || ' more: data_quality.csv holds every finding.</p>'
                    ELSE '' END
          FROM r_quality WHERE severity IN ('error', 'warning') AND rule NOT LIKE 'quota%')
    || CASE WHEN NOT EXISTS (SELECT 1 FROM r_fault) THEN '' ELSE
          '<p>Faults injected by the generator, and whether the data-quality rules found them:</p>'
          || pg_temp.tbl(ARRAY['fault', 'institution', 'meter', 'year', 'rule', 'found'],
               (SELECT array_agg(pg_temp.tr(f.fault, f.institution_id, f.meter_id, f.year::text, coalesce(f.rule, '(no rule yet)'),
                                            CASE WHEN f.rule IS NULL THEN '–'
                                                 WHEN EXISTS (SELECT 1 FROM r_quality q WHERE q.rule = f.rule AND q.institution_id = f.institution_id)
                                                 THEN 'found' ELSE 'NOT FOUND' END) ORDER BY f.fault)
                  FROM r_fault f)) END

-- indicators per province and year
    || '<h2>各省指标 · Indicators per province</h2>'
    || '<p class="note">Ratios of sums over the institutions that have both figures: "(9 of 10)" after a figure says it counts '
    || 'fewer institutions than the province has that year (an area, a headcount or a factor missing: see data quality), '
    || 'so it is not the whole province''s; changes are like for like. Findings: errors and warnings of data quality '
    || 'about the province''s institutions in that year (listed above; quota ratings apart; findings about a meter '
    || 'carry no year and are not counted here).</p>'
    || pg_temp.tbl(ARRAY['province', 'year', 'institutions', 'tce', 'kgce/m²', 'change', 'kgce/person', 'change', 'water m³/person', 'kgCO2/m²', 'findings'],
          (SELECT array_agg(pg_temp.tr(region_name, year::text, institutions::text, pg_temp.nc(tce, 1, kgce_institutions, institutions),
                                       pg_temp.nc(kgce_per_m2, 3, kgce_per_m2_institutions, institutions),
                                       pg_temp.pct(kgce_per_m2_change), pg_temp.nc(kgce_per_person, 2, kgce_per_person_institutions, institutions),
                                       pg_temp.pct(kgce_per_person_change),
                                       pg_temp.nc(water_m3_per_person, 2, water_m3_per_person_institutions, institutions),
                                       pg_temp.nc(kgco2_per_m2, 3, kgco2_per_m2_institutions, institutions),
                                       (SELECT count(*) FROM r_quality q JOIN :model.institution i USING (institution_id)
                                         WHERE q.year = p.year AND q.severity IN ('error', 'warning') AND q.rule NOT LIKE 'quota%'
                                           AND left(i.region_code, 2) || '0000' = p.region_code)::text) ORDER BY region_code, year)
             FROM r_province p))

-- what the figures were converted with
    || '<h2>换算依据 · What the figures were converted with</h2>'
    || (SELECT '<p class="note">Standard coal: factor set ' || pg_temp.h(b.factor_set) || ' (electricity at its 当量值). CO2: '
               || 'factor set ' || pg_temp.h(b.co2_set) || ', grid factors ' || pg_temp.h(b.grid_set) || ' (' || pg_temp.h(b.grid_basis)
               || '), year policy ' || pg_temp.h(b.grid_year_policy) || ' (a year without a published grid factor takes '
               || CASE b.grid_year_policy WHEN 'nearest' THEN 'the nearest year''s' WHEN 'latest' THEN 'the latest published' ELSE 'none' END
               || '), fallback ' || pg_temp.h(b.grid_fallback) || '. Each figure keeps the factors of its own date and region.</p>'
          FROM r_basis b)
    || pg_temp.tbl(ARRAY['carrier', 'recorded in', 'standard-coal coefficient, last year (set, basis; source)', 'density', 'CO2 factor (set; source)'],
          (SELECT array_agg(pg_temp.tr(c::text, coalesce(u, energy.base_unit(c)), k[1], k[2], pg_temp.co2(c, d)) ORDER BY c::text)
             FROM (SELECT c, mode() WITHIN GROUP (ORDER BY u) AS u
                     FROM (SELECT carrier AS c, coalesce(unit, energy.base_unit(carrier)) AS u FROM :model.consumption
                           UNION ALL SELECT carrier, coalesce(unit, energy.base_unit(carrier)) FROM :model.meter) r
                    WHERE c <> 'water' GROUP BY c) x
            CROSS JOIN LATERAL (SELECT make_date((SELECT max(year) FROM r_region), 7, 1) AS d) AS dd
            CROSS JOIN LATERAL (SELECT pg_temp.coal(x.c, x.u, dd.d) AS k) AS kk))
    || '<p class="note">Water is counted in m³ only: it has no standard-coal equivalent.</p>'
    || pg_temp.tbl(ARRAY['province', 'year', 'grid kgCO2/kWh', 'area', 'factor of year', 'source'],
          (SELECT array_agg(pg_temp.tr(p.region_name, p.year::text, g[1], g[2],
                                       g[3] || CASE WHEN g[3] <> p.year::text THEN ' (no ' || p.year || ' factor)' ELSE '' END, g[4])
                            ORDER BY p.region_code, p.year)
             FROM r_province p CROSS JOIN LATERAL (SELECT pg_temp.grid(p.region_code, p.year) AS g) x))
;

-- the map of each province (energy_ext_postgis, when installed): change of
-- kgce per person by city, coloured by target status, with the figures
\if :spatial
SELECT '<h2>地图 · Change of kgce per person by city, ' || y || ', coloured by target status</h2>'
    || '<p class="note">Regions of the layer synthetic: Voronoi cells around the city seats, approximate, NOT boundaries. '
    || 'Each city''s like-for-like change is judged against the yearly rate of the nearest target (its province''s, else the national plan''s).</p>'
    || '<div class="maps">' || energy.map_svg(:'model', 'kgce_per_person', y, 'city', 'status', 0.02, 500, 'change', '210000')
    || energy.map_svg(:'model', 'kgce_per_person', y, 'city', 'status', 0.02, 500, 'change', '450000') || '</div>'
    || '<p class="note">The map groups the institutions by the city polygon their location lies in (spatial_region_year), '
    || 'not by their region_code as the tables below do, so a city''s figures can differ: '
    || (SELECT count(*) FROM :model.institution_place p JOIN :model.institution i USING (institution_id)
         WHERE p.city_code <> left(i.region_code, 4) || '00' AND i.region_code NOT LIKE '__0000') || ' institution(s) lie in another city than '
    || 'their region_code says (data quality, location_mismatch), and '
    || coalesce((SELECT s.institutions FROM :model.spatial_region_year s WHERE s.level = 'city' AND s.unplaced AND s.year = y), 0)
    || ' have no location or lie outside every region (unplaced, in no city of the map).</p>'
    || pg_temp.tbl(ARRAY['city', 'institutions', 'kgce/person', 'change', 'status', 'judged against'],
          (SELECT array_agg(pg_temp.marked(pg_temp.tr(m.name_zh, m.institutions::text, pg_temp.n(m.value, 2), pg_temp.pct(m.change),
                                                       m.status, m.status_basis), m.status, 'none')
                            ORDER BY m.code)
             FROM energy.map_regions(:'model', 'kgce_per_person', y, 'city') AS m)
           || coalesce((SELECT array_agg(pg_temp.tr(s.region_name, s.institutions::text,
                                                    pg_temp.n(s.kgce_per_person, 2), pg_temp.pct(s.kgce_per_person_change), '–', 'not on the map'))
                          FROM :model.spatial_region_year s WHERE s.level = 'city' AND s.unplaced AND s.year = y), '{}'))
  FROM (SELECT max(year) AS y FROM r_region) AS x;
\endif

-- trend and mix
SELECT '<h2>趋势 · Trend of kgce per m²</h2>'
    || '<p class="note">A line joins the years whose figure counts every institution of the province; a hollow circle '
    || 'marks a year that counts fewer (an area or a figure missing), which is not comparable.</p>'
    || (WITH a AS (SELECT region_code, region_name, year, kgce_per_m2, kgce_per_m2_institutions < institutions AS partial
                     FROM r_province WHERE kgce_per_m2 IS NOT NULL),
            b AS (SELECT min(year) AS y0, max(year) AS y1, 0 AS v0, max(kgce_per_m2) * 1.1 AS v1 FROM a),
            -- each province's line through its years that count every institution
            l AS (SELECT a.region_code, a.region_name, coalesce(string_agg(
                        round((60 + 460 * (a.year - b.y0) / greatest(b.y1 - b.y0, 1))::numeric, 1) || ',' ||
                        round((220 - 200 * a.kgce_per_m2 / b.v1)::numeric, 1), ' ' ORDER BY a.year) FILTER (WHERE NOT a.partial), '') AS pts,
                        row_number() OVER (ORDER BY a.region_code) AS k
                    FROM a, b GROUP BY a.region_code, a.region_name)
        SELECT '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="250" role="img"><rect width="640" height="250" fill="#fff"/>'
               || '<line x1="60" y1="220" x2="540" y2="220" stroke="#999"/><line x1="60" y1="20" x2="60" y2="220" stroke="#999"/>'
               || (SELECT string_agg('<text x="' || round((60 + 460 * (y - b.y0) / greatest(b.y1 - b.y0, 1))::numeric, 1)
                                     || '" y="238" font-size="11" text-anchor="middle">' || y || '</text>', '')
                     FROM generate_series(b.y0, b.y1) y)
               || '<text x="56" y="24" font-size="11" text-anchor="end">' || round(b.v1::numeric, 1) || '</text>'
               || '<text x="56" y="222" font-size="11" text-anchor="end">0</text>'
               || coalesce((SELECT string_agg('<circle cx="' || round((60 + 460 * (a.year - b.y0) / greatest(b.y1 - b.y0, 1))::numeric, 1)
                                              || '" cy="' || round((220 - 200 * a.kgce_per_m2 / b.v1)::numeric, 1)
                                              || '" r="4" fill="none" stroke="#555"><title>' || pg_temp.h(a.region_name) || ' ' || a.year
                                              || ': not every institution counted</title></circle>', '')
                              FROM a WHERE a.partial), '')
               || string_agg('<polyline fill="none" stroke-width="2" stroke="' || (ARRAY['#1f77b4', '#d62728', '#2ca02c', '#9467bd'])[1 + (l.k - 1) % 4]
                             || '" points="' || l.pts || '"/><text x="548" y="' || (30 + 16 * l.k) || '" font-size="12" fill="'
                             || (ARRAY['#1f77b4', '#d62728', '#2ca02c', '#9467bd'])[1 + (l.k - 1) % 4] || '">' || pg_temp.h(l.region_name) || '</text>', '')
               || '</svg>'
          FROM l, b GROUP BY b.y0, b.y1, b.v1)
    || '<h2>能源结构 · Energy mix, last year</h2>'
    || (WITH m AS (SELECT region_name, row_number() OVER (ORDER BY region_code) AS k,
                          ARRAY[electricity_kgce, gas_kgce, heat_kgce, oil_kgce + coal_kgce + other_kgce + renewable_kgce] AS parts, kgce
                     FROM r_province WHERE year = (SELECT max(year) FROM r_province) AND kgce > 0)
        SELECT '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="' || (40 + 30 * count(*)) || '" role="img"><rect width="640" height="'
               || (40 + 30 * count(*)) || '" fill="#fff"/>'
               || string_agg('<text x="4" y="' || (30 * m.k + 4) || '" font-size="12">' || pg_temp.h(m.region_name) || '</text>'
                             || (SELECT string_agg('<rect x="' || round((120 + 400 * coalesce((SELECT sum(coalesce(p2, 0)) FROM unnest(m.parts[1:j - 1]) p2), 0) / m.kgce)::numeric, 1)
                                                   || '" y="' || (30 * m.k - 10) || '" height="18" width="'
                                                   || round((400 * coalesce(m.parts[j], 0) / m.kgce)::numeric, 1) || '" fill="'
                                                   || (ARRAY['#1f77b4', '#ff7f0e', '#d62728', '#7f7f7f'])[j] || '"/>', '')
                                  FROM generate_series(1, 4) j), '')
               || '<text x="120" y="' || (30 * count(*) + 30) || '" font-size="11"><tspan fill="#1f77b4">■ electricity</tspan> '
               || '<tspan fill="#ff7f0e">■ gas</tspan> <tspan fill="#d62728">■ heat</tspan> <tspan fill="#7f7f7f">■ other</tspan></text></svg>'
          FROM m)

-- per city, last year
    || '<h2>各市指标 · Indicators per city, ' || (SELECT max(year) FROM r_region) || '</h2>'
    || pg_temp.tbl(ARRAY['city', 'institutions', 'kgce/m²', 'change', 'kgce/person', 'change'],
          (SELECT array_agg(pg_temp.tr(region_name, institutions::text, pg_temp.nc(kgce_per_m2, 3, kgce_per_m2_institutions, institutions),
                                       pg_temp.pct(kgce_per_m2_change),
                                       pg_temp.nc(kgce_per_person, 2, kgce_per_person_institutions, institutions),
                                       pg_temp.pct(kgce_per_person_change)) ORDER BY region_code)
             FROM r_city));


-- quota ratings in the last year
SELECT '<h2>能耗定额 · Quota ratings, ' || y || '</h2>'
    || CASE WHEN NOT EXISTS (SELECT 1 FROM r_quota) THEN '<p>No quota standard applies to these institutions.</p>' ELSE
          '<p class="note">Standards: ' || (SELECT string_agg(DISTINCT pg_temp.h(q.standard || ' — ' || q.standard_kind), '; ') FROM r_quota q)
          || CASE WHEN EXISTS (SELECT 1 FROM r_quota q WHERE q.standard_kind = 'example')
                  THEN '. Kind example: invented for the demonstration, not a standard.' ELSE '' END || '</p>'
          || pg_temp.tbl(ARRAY['standard', 'indicator', 'rating', 'institutions'],
               (SELECT array_agg(pg_temp.tr(standard, indicator, rating, n::text) ORDER BY standard, indicator, rating)
                  FROM (SELECT standard, indicator, rating, count(*) AS n FROM r_quota WHERE year = y GROUP BY 1, 2, 3) c))
          || '<p>Above the constraint value (约束值):</p>'
          || pg_temp.tbl(ARRAY['institution', 'region', 'indicator', 'value', 'constraint', 'over by'],
               (SELECT array_agg(pg_temp.tr(q.name, q.region_code, q.indicator, pg_temp.n(q.value, 2), pg_temp.n(q.constraint_value, 2),
                                            pg_temp.n(q.value - q.constraint_value, 2)) ORDER BY q.value - q.constraint_value DESC)
                  FROM r_quota q WHERE q.year = y AND q.value > q.constraint_value))
       END
  FROM (SELECT max(year) AS y FROM r_region) AS x;

-- targets
SELECT '<h2>目标完成情况 · Targets</h2>'
    || pg_temp.tbl(ARRAY['target', 'scope', 'indicator', 'year', 'actual', 'required', 'change', 'required change', 'gap', 'status', 'counted', 'notes'],
          (SELECT array_agg(pg_temp.marked(pg_temp.tr(target_id, scope_name, indicator_name || ' (' || unit || ')', year::text,
                                                       pg_temp.n(actual_value, 3), pg_temp.n(required_value, 3),
                                                       pg_temp.pct_points(actual_change_pct), pg_temp.pct_points(required_change_pct),
                                                       pg_temp.n(gap, 3), status, institutions_counted || ' of ' || institutions, notes),
                                            status, 'not')
                            ORDER BY target_id, year)
             FROM r_target WHERE kind <> 'cap'))
    || '<h2>全国中期评估 · National mid-term evaluation (published figures)</h2>'
    || '<p class="note">The 14th Five-Year plan''s national targets judged on the nationally published figures '
    || '(energy.published_target_status), on the same equal-yearly-rate trajectory.</p>'
    || pg_temp.tbl(ARRAY['target', 'indicator', 'year', 'published', 'required', 'change', 'required change', 'status', 'figures from'],
          (SELECT array_agg(pg_temp.marked(pg_temp.tr(target_id, indicator_name || ' (' || unit || ')', year::text,
                                                       pg_temp.n(actual_value, 3), pg_temp.n(required_value, 3),
                                                       pg_temp.pct_points(actual_change_pct), pg_temp.pct_points(required_change_pct),
                                                       status, figures_source),
                                            status, 'not')
                            ORDER BY target_id, year)
             FROM energy.published_target_status))
    || '<h2>总量控制 · Caps</h2>'
    || pg_temp.tbl(ARRAY['cap', 'scope', 'year', 'unit', 'cap', 'used', 'projected', 'warning', 'notes'],
          (SELECT array_agg(pg_temp.tr(target_id, scope_name, year::text, unit, pg_temp.n(cap, 1), pg_temp.n(used, 1), pg_temp.n(projected, 1),
                                       warning, notes) ORDER BY target_id, year)
             FROM r_cap))
    || '<p class="note">Figures: energy_ext views institution_year, region_year, target_status, cap_status, data_quality; '
    || 'ratios of sums over the institutions that have both figures; changes like for like.</p>'
    || '</body></html>';
