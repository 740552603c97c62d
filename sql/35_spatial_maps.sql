
-- ---------------------------------------------------------------------
-- Maps of an indicator in a year, by the regions of a model's boundary
-- layer (one level: province, city or county):
--   energy.map_regions   the figures per region: value, change on the
--                        year before, coverage, target status (plain rows)
--   energy.map_geojson   a GeoJSON FeatureCollection (ST_AsGeoJSON), for
--                        web maps and GIS
--   energy.map_mvt       one Mapbox vector tile z/x/y (ST_AsMVT), layer
--                        "regions", for web maps
--   energy.map_svg       an SVG choropleth (ST_AsSVG) with title, legend and
--                        source, coloured by quantile class of the value or
--                        by target status
-- tolerance (degrees) simplifies the polygons for display without gaps
-- between neighbours (energy.simplified_boundaries); 0 draws them as they
-- are.  A map of an approximate layer (the synthetic one) says so on it.
--
-- Target status of a region: its change on the year before against the
-- yearly rate of the nearest target of the indicator — the region's own,
-- else its province's, else the national one: an annual_change target of
-- that year, or a cumulative_change plan running over it at its equal
-- yearly rate ((1 + value)^(1/years) − 1).  met: the change is at or below
-- the rate; not met: above; no target / insufficient data otherwise.
-- status_basis names the target used.
-- ---------------------------------------------------------------------

-- The target a region's change in a year is judged against.
CREATE FUNCTION energy.map_target(level text, code text, indicator text, year integer,
                                  OUT target_id text, OUT rate_pct numeric, OUT basis text)
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT t.target_id,
           CASE WHEN t.kind = 'annual_change' THEN t.value
                ELSE round((power(1 + t.value / 100, 1.0 / (t.target_year - t.baseline_year)) - 1) * 100, 10) END,
           coalesce(energy.target_scope_name(t.scope_level, t.scope_code), t.scope_code) || ' '
             || CASE WHEN t.kind = 'annual_change' THEN t.target_year || ' annual target ' || t.value || ' %'
                     ELSE t.baseline_year || '–' || t.target_year || ' target ' || t.value || ' % (yearly '
                          || round((power(1 + t.value / 100, 1.0 / (t.target_year - t.baseline_year)) - 1) * 100, 2) || ' %)' END
             || ' (' || t.target_id || ')'
      FROM energy.target AS t
     CROSS JOIN LATERAL (SELECT CASE t.scope_level WHEN 'national' THEN 3 WHEN 'province' THEN 2 ELSE 1 END AS distance) AS s
     WHERE t.indicator = CASE map_target.indicator WHEN 'kgce' THEN 'tce' WHEN 'kgco2' THEN 'tco2' ELSE map_target.indicator END
       AND t.subset IS NULL
       AND ((t.scope_level = map_target.level AND t.scope_code = map_target.code)
            OR (t.scope_level = 'province' AND map_target.level <> 'province' AND t.scope_code = left(map_target.code, 2) || '0000')
            OR t.scope_level = 'national')
       AND ((t.kind = 'annual_change' AND t.target_year = map_target.year)
            OR (t.kind = 'cumulative_change' AND map_target.year > t.baseline_year AND map_target.year <= t.target_year))
     ORDER BY s.distance, t.kind = 'cumulative_change', t.target_id
     LIMIT 1;
    END;
COMMENT ON FUNCTION energy.map_target(text, text, text, integer) IS
    'The target a region''s change of an indicator in a year is judged against on a map (internal): the nearest of its own, its province''s and the national target of that indicator — an annual_change of that year, else a cumulative_change plan running over it — with the yearly rate in per cent and a description.';

-- What a map is asked for, checked before it is drawn (a map of nothing
-- must not read as an empty map): a spatially enabled model, a level its
-- layer has polygons of, a within that is a province or city of the layer
-- (six digits), and, for map_svg, a known scheme and figure.  True, so that
-- a query's WHERE can call it.
CREATE FUNCTION energy.map_check(model name, level text, within text DEFAULT NULL,
                                 scheme text DEFAULT 'quantile', of text DEFAULT 'value', width integer DEFAULT 800) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    l text;
    levels text[];
BEGIN
    PERFORM energy.spatial_require(model);
    SELECT s.layer INTO l FROM energy.spatial_model s WHERE s.model = map_check.model;
    levels := energy.layer_levels(l);
    IF level IS NULL OR NOT level = ANY (levels) THEN
        RAISE EXCEPTION 'layer "%" of model % has no % level', l, model, coalesce(level, 'NULL') USING ERRCODE = '22023',
              HINT = 'Its levels: ' || coalesce(nullif(array_to_string(levels, ', '), ''), 'none (load its polygons with energy.load_boundaries)') || '.';
    END IF;
    IF within IS NOT NULL AND NOT EXISTS (SELECT 1 FROM energy.region_boundary b
                                           WHERE b.layer = l AND b.code = within
                                             AND b.level = CASE WHEN within ~ '^[0-9]{2}0000$' THEN 'province'
                                                                WHEN within ~ '^[0-9]{4}00$' THEN 'city' END) THEN
        RAISE EXCEPTION 'within "%" is no province or city of layer "%"', within, l USING ERRCODE = '22023',
              HINT = 'Give the six-digit code of a province (450000) or city (450100) the layer has a polygon of, or NULL for the whole map.';
    END IF;
    -- (a map of provinces within a city has no region: it would be an empty picture)
    IF within ~ '^[0-9]{4}00$' AND within !~ '0000$' AND level = 'province' THEN
        RAISE EXCEPTION 'a map of provinces within city % has no region', within USING ERRCODE = '22023',
              HINT = format('Within a city, map its cities or counties (level city or county), or give its province (%s).', left(within, 2) || '0000');
    END IF;
    IF width IS NULL OR width < 100 OR width > 10000 THEN
        RAISE EXCEPTION 'map width % is out of range', coalesce(width::text, 'NULL') USING ERRCODE = '22023',
              HINT = 'The width in pixels, 100 to 10 000 (the default is 800; the height is 3/4 of it).';
    END IF;
    IF scheme IS NULL OR scheme NOT IN ('quantile', 'status') THEN
        RAISE EXCEPTION 'unknown map scheme "%"', coalesce(scheme, 'NULL') USING ERRCODE = '22023',
              HINT = 'quantile (five classes of the figure) or status (the target status).';
    END IF;
    IF of IS NULL OR of NOT IN ('value', 'change') THEN
        RAISE EXCEPTION 'unknown map figure "%"', coalesce(of, 'NULL') USING ERRCODE = '22023',
              HINT = 'value (the indicator) or change (its like-for-like change on the year before).';
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION energy.map_check(name, text, text, text, text, integer) IS
    'Checks what a map is asked for (internal: the map functions): a spatially enabled model (55000), a level its layer has polygons of, a within that is a province or city code of the layer (and not a city for a map of provinces), a known scheme (quantile, status) and figure (value, change), a width of 100 to 10 000 pixels — 22023 with a hint otherwise; true.';

-- A tile's z/x/y, checked before PostGIS computes its envelope (which fails
-- with an internal error otherwise).
CREATE FUNCTION energy.map_tile_check(z integer, x integer, y integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF z IS NULL OR z < 0 OR z > 30 THEN
        RAISE EXCEPTION 'tile zoom % is out of range', coalesce(z::text, 'NULL') USING ERRCODE = '22023',
              HINT = 'A zoom level is 0 to 30 (the whole world is tile 0/0/0).';
    END IF;
    IF x IS NULL OR y IS NULL OR x < 0 OR y < 0 OR x >= (1::bigint << z) OR y >= (1::bigint << z) THEN
        RAISE EXCEPTION 'tile %/%/% does not exist', z, coalesce(x::text, 'NULL'), coalesce(y::text, 'NULL') USING ERRCODE = '22023',
              HINT = format('At zoom %s, x and y are 0 to %s.', z, (1::bigint << z) - 1);
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION energy.map_tile_check(integer, integer, integer) IS
    'Checks a vector tile''s z/x/y (internal: energy.map_mvt): zoom 0 to 30, x and y 0 to 2^z − 1 — 22023 with a hint otherwise; true.';

CREATE FUNCTION energy.map_regions(model name, indicator text, year integer, level text DEFAULT 'city')
    RETURNS TABLE (code text, name_zh text, value double precision, change double precision, coverage double precision,
                   institutions integer, status text, status_basis text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    spec record;
BEGIN
    PERFORM energy.map_check(model, level);
    SELECT * INTO spec FROM energy.model_rollup_spec() s WHERE s.name = map_regions.indicator;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown indicator "%"', indicator USING ERRCODE = '22023',
              HINT = 'Use a column of region_year: ' || (SELECT string_agg(s.name, ', ' ORDER BY s.ord) FROM energy.model_rollup_spec() s) || '.';
    END IF;
    IF level IS NULL OR level NOT IN ('province', 'city', 'county') THEN
        RAISE EXCEPTION 'unknown map level "%"', level USING ERRCODE = '22023', HINT = 'Use province, city or county.';
    END IF;
    RETURN QUERY EXECUTE format($sql$
        SELECT r.region_code, r.region_name, r.%1$I, %2$s, %3$s, r.institutions,
               CASE WHEN t.target_id IS NULL THEN 'no target'
                    WHEN %2$s IS NULL THEN 'insufficient data'
                    WHEN %2$s * 100 <= t.rate_pct THEN 'met' ELSE 'not met' END,
               t.basis
          FROM %4$I.spatial_region_year AS r
          LEFT JOIN LATERAL energy.map_target(r.level, r.region_code, %5$L, r.year) AS t ON true
         WHERE r.level = $1 AND r.year = $2 AND NOT r.unplaced AND NOT r.unallocated
         ORDER BY r.region_code$sql$,
        indicator,
        CASE WHEN spec.change THEN format('r.%I', indicator || '_change') ELSE 'NULL::double precision' END,
        CASE WHEN spec.coverage THEN format('r.%I', indicator || '_coverage') ELSE 'NULL::double precision' END,
        model, indicator)
    USING level, year;
END
$$;
COMMENT ON FUNCTION energy.map_regions(name, text, integer, text) IS
    'The figures a map of a spatially enabled model shows, per region of a level of its layer (spatial_region_year) in a year: the indicator (a column of region_year), its like-for-like change on the year before, coverage, institutions, and the target status (met / not met / no target / insufficient data) with the target used (energy.map_target).';

CREATE FUNCTION energy.map_features(model name, indicator text, year integer, level text DEFAULT 'city',
                                    tolerance double precision DEFAULT 0, within text DEFAULT NULL)
    RETURNS TABLE (code text, name_zh text, value double precision, change double precision, coverage double precision,
                   institutions integer, status text, status_basis text, geom geometry)
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    WITH layer AS (SELECT s.layer FROM energy.spatial_model AS s WHERE s.model = map_features.model
                                                                    AND energy.map_check(map_features.model, map_features.level, map_features.within)),
    g AS (
        SELECT b.code, b.name_zh, b.geom FROM energy.region_boundary AS b
         WHERE b.layer = (SELECT layer.layer FROM layer) AND b.level = map_features.level AND coalesce(map_features.tolerance, 0) <= 0
        UNION ALL
        SELECT b.code, b.name_zh, s.geom
          FROM energy.simplified_boundaries((SELECT layer.layer FROM layer), map_features.level, map_features.tolerance) AS s
          JOIN energy.region_boundary AS b ON b.layer = (SELECT layer.layer FROM layer) AND b.code = s.code
         WHERE coalesce(map_features.tolerance, 0) > 0
    )
    SELECT g.code, g.name_zh, r.value, r.change, r.coverage, coalesce(r.institutions, 0),
           coalesce(r.status, 'no data'), r.status_basis, g.geom
      FROM g LEFT JOIN energy.map_regions(model, indicator, year, map_features.level) AS r ON r.code = g.code
     WHERE map_features.within IS NULL
        OR left(g.code, CASE WHEN map_features.within ~ '0000$' THEN 2 WHEN map_features.within ~ '00$' THEN 4 ELSE 6 END)
           = left(map_features.within, CASE WHEN map_features.within ~ '0000$' THEN 2 WHEN map_features.within ~ '00$' THEN 4 ELSE 6 END)
     ORDER BY g.code;
    END;
COMMENT ON FUNCTION energy.map_features(name, text, integer, text, double precision, text) IS
    'Every region of a level of a model''s boundary layer (within a province or city, when within gives its code) with the figures of energy.map_regions (status no data where the model has no institution there) and its polygon, simplified without gaps when tolerance (degrees) > 0. A NULL tolerance is 0 (energy.map_svg: 0.01).';

CREATE FUNCTION energy.map_geojson(model name, indicator text, year integer, level text DEFAULT 'city',
                                   tolerance double precision DEFAULT 0, within text DEFAULT NULL)
    RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT jsonb_build_object(
               'type', 'FeatureCollection',
               'name', indicator || ' ' || year,
               'layer', l.layer, 'approximate', l.approximate, 'layer_description', l.description,
               'features', coalesce((SELECT jsonb_agg(ST_AsGeoJSON(f.*, 'geom', 6)::jsonb ORDER BY f.code)
                                       FROM (SELECT m.*, l.layer, l.approximate  -- on each feature: GIS tools drop the collection's members
                                               FROM energy.map_features(model, indicator, year, level, tolerance, within) AS m) AS f),
                                    '[]'::jsonb))
      FROM energy.spatial_model AS s JOIN energy.boundary_layer AS l ON l.layer = s.layer
     WHERE s.model = map_geojson.model AND energy.spatial_require(map_geojson.model);
    END;
COMMENT ON FUNCTION energy.map_geojson(name, text, integer, text, double precision, text) IS
    'A GeoJSON FeatureCollection of energy.map_features (WGS84, 6 decimals; within a province or city when within gives its code): one Feature per region with properties code, name_zh, value, change, coverage, institutions, status, status_basis, layer and approximate (whether the layer''s regions are made up: on each feature, as GIS tools drop the collection''s own members); the collection says its layer too. 55000 for a model that is not spatially enabled.';

CREATE FUNCTION energy.map_mvt(model name, indicator text, year integer, level text, z integer, x integer, y integer,
                               tolerance double precision DEFAULT 0)
    RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    -- (the request checked first: without, a model that is not spatially enabled gave an empty tile)
    SELECT CASE WHEN energy.map_check(map_mvt.model, map_mvt.level) AND energy.map_tile_check(map_mvt.z, map_mvt.x, map_mvt.y) THEN
           coalesce((SELECT ST_AsMVT(t.*, 'regions', 4096, 'geom')
                       FROM (SELECT f.code, f.name_zh, f.value, f.change, f.coverage, f.institutions, f.status, l.layer, l.approximate,
                                    ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(z, x, y), 4096, 64, true) AS geom
                               FROM energy.map_features(model, indicator, year, level, tolerance) AS f,
                                    energy.spatial_model AS s JOIN energy.boundary_layer AS l ON l.layer = s.layer
                              WHERE s.model = map_mvt.model
                                AND ST_Intersects(f.geom, ST_Transform(ST_TileEnvelope(z, x, y), 4326))) AS t
                      WHERE t.geom IS NOT NULL), '\x'::bytea) END;
    END;
COMMENT ON FUNCTION energy.map_mvt(name, text, integer, text, integer, integer, integer, double precision) IS
    'Mapbox vector tile z/x/y (Web Mercator) of energy.map_features: layer regions, extent 4096, attributes code, name_zh, value, change, coverage, institutions, status, layer and approximate (whether the layer''s regions are made up); empty when no region meets the tile.';

-- Text inside SVG/XML: & < > " escaped (names and sources come from users' files).
CREATE FUNCTION energy.xml_text(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN replace(replace(replace(replace(coalesce(t, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;');
COMMENT ON FUNCTION energy.xml_text(text) IS 'Text for SVG and XML: &, <, > and " escaped; NULL as empty.';

-- The colour of a class: five sequential classes (ColorBrewer YlOrRd), or a status.
CREATE FUNCTION energy.map_colour(scheme text, class integer, status text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN scheme = 'status'
                THEN CASE status WHEN 'met' THEN '#1a9641' WHEN 'not met' THEN '#d7191c' WHEN 'insufficient data' THEN '#fdae61'
                                 WHEN 'no target' THEN '#bdbdbd' ELSE '#f0f0f0' END
                WHEN class IS NULL THEN '#f0f0f0'
                ELSE (ARRAY['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'])[class] END;
COMMENT ON FUNCTION energy.map_colour(text, integer, text) IS
    'Fill colour of a region on an SVG map (internal): quantile class 1–5 (ColorBrewer YlOrRd) or target status (met green, not met red, insufficient data orange, no target grey); no data light grey.';

CREATE FUNCTION energy.map_svg(model name, indicator text, year integer, level text DEFAULT 'city',
                               scheme text DEFAULT 'quantile', tolerance double precision DEFAULT 0.01,
                               width integer DEFAULT 800, of text DEFAULT 'value', within text DEFAULT NULL)
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    WITH f AS (  -- each region with the figure shown and its quintile class
        SELECT m.*, ST_Transform(m.geom, 3857) AS g,
               CASE WHEN m.shown IS NOT NULL THEN ntile(5) OVER (PARTITION BY m.shown IS NULL ORDER BY m.shown) END AS class
          FROM (SELECT r.*, CASE map_svg.of WHEN 'change' THEN r.change ELSE r.value END AS shown
                  FROM energy.map_features(model, indicator, year, level, coalesce(map_svg.tolerance, 0.01), within) AS r) AS m
    ),
    box AS (
        SELECT ST_XMin(e) AS x0, ST_YMax(e) AS y1, ST_XMax(e) - ST_XMin(e) AS w, ST_YMax(e) - ST_YMin(e) AS h
          FROM (SELECT ST_Extent(f.g)::geometry AS e FROM f) AS x
    ),
    layer AS (
        SELECT l.* FROM energy.spatial_model AS s JOIN energy.boundary_layer AS l ON l.layer = s.layer
         WHERE s.model = map_svg.model
           AND energy.map_check(map_svg.model, map_svg.level, map_svg.within, map_svg.scheme, map_svg.of, map_svg.width)
    ),
    legend AS (
        SELECT string_agg(format('<rect x="10" y="%s" width="18" height="14" fill="%s" stroke="#555"/><text x="34" y="%s">%s</text>',
                                 40 + 20 * k.n, k.colour, 52 + 20 * k.n, energy.xml_text(k.label)), '' ORDER BY k.n) AS svg
          FROM (SELECT row_number() OVER (ORDER BY c.ord) AS n, c.colour, c.label
                  FROM (SELECT f.class AS ord, energy.map_colour(map_svg.scheme, f.class, NULL) AS colour,
                               CASE WHEN f.class IS NULL THEN 'no data'
                                    -- (as the tooltips: a change in per cent, a value to 3 decimals, of any size)
                                    WHEN map_svg.of = 'change'
                                    THEN round((min(f.shown) * 100)::numeric, 2) || ' % – ' || round((max(f.shown) * 100)::numeric, 2) || ' %'
                                    ELSE trim_scale(round(min(f.shown)::numeric, 3)) || ' – ' || trim_scale(round(max(f.shown)::numeric, 3)) END AS label
                          FROM f WHERE map_svg.scheme <> 'status' GROUP BY f.class
                        UNION ALL
                        SELECT s.ord, energy.map_colour('status', NULL, s.status), s.status || ' (' || count(f.code) || ')'
                          FROM (VALUES (1, 'met'), (2, 'not met'), (3, 'insufficient data'), (4, 'no target'), (5, 'no data')) AS s(ord, status)
                          LEFT JOIN f ON f.status = s.status
                         WHERE map_svg.scheme = 'status' GROUP BY s.ord, s.status) AS c) AS k
    )
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" width="%1$s" height="%2$s" viewBox="0 0 %1$s %2$s" font-family="sans-serif" font-size="12">'
                  '<title>%3$s</title><rect width="100%%" height="100%%" fill="#ffffff"/>'
                  '<text x="10" y="22" font-size="%12$s" font-weight="bold">%3$s</text>%4$s'
                  '<g transform="translate(%5$s,%6$s)"><g transform="scale(%7$s)" stroke="#ffffff" stroke-width="%8$s" stroke-linejoin="round">%9$s</g></g>'
                  '<text x="10" y="%10$s" font-size="10" fill="#555">%11$s</text></svg>',
                  map_svg.width, round(map_svg.width * 0.75), energy.xml_text(s.title), legend.svg,
                  -- the map fills the right 70 % of the width and the height between title and note
                  round(map_svg.width * 0.28 + (map_svg.width * 0.7 - box.w * s.k) / 2),
                  round(40 + (map_svg.width * 0.75 - 70 - box.h * s.k) / 2),
                  s.k, round((1.0 / s.k)::numeric, 2),
                  (SELECT string_agg(format('<path id="r%s" d="%s" fill="%s" fill-rule="evenodd"><title>%s</title></path>',
                                            energy.xml_text(f.code), ST_AsSVG(ST_Translate(f.g, -box.x0, -box.y1), 0, 0),
                                            energy.map_colour(map_svg.scheme, f.class, f.status),
                                            energy.xml_text(f.name_zh || ': ' || coalesce(round(f.shown::numeric, 3)::text, 'no data')
                                                            || coalesce(' (' || round((f.change * 100)::numeric, 2) || ' %)', '')
                                                            || ' — ' || f.status)), '' ORDER BY f.code) FROM f)
                  -- the names, in pixels over the map
                  || '</g><g font-size="10" text-anchor="middle" fill="#222" stroke="none">'
                  || (SELECT string_agg(format('<text x="%s" y="%s">%s</text>',
                                               round((ST_X(l.p) - box.x0) * s.k), round((box.y1 - ST_Y(l.p)) * s.k), energy.xml_text(f.name_zh)), '' ORDER BY f.code)
                        FROM f CROSS JOIN LATERAL (SELECT ST_PointOnSurface(f.g) AS p) AS l),
                  round(map_svg.width * 0.75 - 12),
                  energy.xml_text(CASE WHEN layer.approximate
                                       THEN 'Regions of layer ' || layer.layer || ' are approximate (synthetic, NOT boundaries). '
                                       ELSE 'Regions: layer ' || layer.layer || ' (' || layer.source || '). ' END
                                  || 'energy_ext; figures: spatial_region_year.'),
                  least(15, round(map_svg.width / 48.0)))
      FROM box, layer, legend,
           LATERAL (SELECT least((map_svg.width * 0.7) / nullif(box.w, 0), (map_svg.width * 0.75 - 70) / nullif(box.h, 0)) AS k,
                           indicator || CASE map_svg.of WHEN 'change' THEN ' change on ' || (year - 1) ELSE '' END || ', ' || year
                           || ', by ' || level || CASE map_svg.scheme WHEN 'status' THEN ' — target status' ELSE ' — quintiles' END AS title) AS s;
    END;
COMMENT ON FUNCTION energy.map_svg(name, text, integer, text, text, double precision, integer, text, text) IS
    'An SVG choropleth of energy.map_features (Web Mercator, simplified by tolerance degrees without gaps): one path per region with a tooltip and its name, coloured by quintile of the value (of => ''value'') or of its change (of => ''change''), or by target status (scheme => ''status''); title, legend, and a note saying the layer and whether it is approximate. width in pixels (height 3/4 of it); within: only the regions of that province or city.';
