
-- ---------------------------------------------------------------------
-- Institutions placed in regions.  energy.enable_spatial(model, layer)
-- gives a model
--   institution_place    each institution's WGS84 point (from longitude,
--                        latitude and coord_system) and the province, city
--                        and county of the layer that contain it; kept
--                        current by a trigger on institution
--   location_quality     findings, also rows of the model's data_quality:
--                        location_outside, location_mismatch, no_location
--   spatial_region_year  roll-ups by the regions that contain the
--                        institutions (sql/34_spatial_rollup.sql)
--   area_year(area)      the same for any polygon drawn by the user
-- Placement rules:
--   * a point in the interior of a region belongs to it; a point on a
--     border shared by several (an edge, a vertex) to the one with the
--     lowest code — deterministic, one region per level;
--   * a level the layer has no polygons of is taken from the finer level's
--     code (a county's city is its first four digits);
--   * a point in no region is reported (location_outside), never dropped:
--     the roll-ups count it as unplaced;
--   * the recorded region_code is compared at the finest level both give;
--     a contradiction is reported with both codes and the distance from the
--     point to the recorded region's polygon (metres, on the spheroid).
-- After the layer's polygons change: SELECT energy.place_institutions(model).
-- ---------------------------------------------------------------------

CREATE TABLE energy.spatial_model (
    model     name PRIMARY KEY REFERENCES energy.model (name) ON UPDATE CASCADE ON DELETE CASCADE,
    layer     text NOT NULL REFERENCES energy.boundary_layer (layer) ON UPDATE CASCADE,
    placed_at timestamptz
);
COMMENT ON TABLE energy.spatial_model IS
    'The boundary layer each spatially enabled model places its institutions in (energy.enable_spatial); a layer in use cannot be deleted.';
COMMENT ON COLUMN energy.spatial_model.model IS 'The model (energy.model).';
COMMENT ON COLUMN energy.spatial_model.layer IS 'Its boundary layer (energy.boundary_layer).';
COMMENT ON COLUMN energy.spatial_model.placed_at IS 'When all its institutions were last placed (energy.place_institutions).';
SELECT pg_catalog.pg_extension_config_dump('energy.spatial_model', '');

CREATE FUNCTION energy.layer_region(layer text, level text, point geometry) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT b.code FROM energy.region_boundary AS b
     WHERE b.layer = layer_region.layer AND b.level = layer_region.level AND ST_Intersects(b.geom, layer_region.point)
     ORDER BY b.code LIMIT 1;
    END;
COMMENT ON FUNCTION energy.layer_region(text, text, geometry) IS
    'The region of a level of a layer that contains a WGS84 point (GiST index); on a border shared by several, the lowest code; NULL when none does.';

-- One index probe per point for all levels; RETURNS TABLE and not STRICT,
-- so that the planner inlines it into the placing statement.  Where several
-- regions of a level contain the point (a shared border, overlapping
-- polygons), the one the recorded region_code names, else the lowest code;
-- and each level's region lies in the coarser level's (a county of another
-- city than the one chosen is not taken: the point is then in the city but
-- in none of its counties).
CREATE FUNCTION energy.locate(point geometry, layer text, recorded text DEFAULT NULL)
    RETURNS TABLE (province_code text, city_code text, county_code text)
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT coalesce(p.province, left(coalesce(c.city, k.county), 2) || '0000'),
           coalesce(c.city, left(k.county, 4) || '00'),
           k.county
      FROM (SELECT array_agg(b.code) FILTER (WHERE b.level = 'province') AS ps,
                   array_agg(b.code) FILTER (WHERE b.level = 'city') AS cs,
                   array_agg(b.code) FILTER (WHERE b.level = 'county') AS ks
              FROM energy.region_boundary AS b
             WHERE b.layer = locate.layer AND ST_Intersects(b.geom, locate.point)) AS a
     CROSS JOIN LATERAL (SELECT coalesce(min(x) FILTER (WHERE x = left(locate.recorded, 2) || '0000'), min(x)) AS province
                           FROM unnest(a.ps) AS x) AS p
     CROSS JOIN LATERAL (SELECT coalesce(min(x) FILTER (WHERE x = left(locate.recorded, 4) || '00'), min(x)) AS city
                           FROM unnest(a.cs) AS x
                          WHERE p.province IS NULL OR left(x, 2) = left(p.province, 2)) AS c
     CROSS JOIN LATERAL (SELECT coalesce(min(x) FILTER (WHERE x = locate.recorded), min(x)) AS county
                           FROM unnest(a.ks) AS x
                          WHERE CASE WHEN c.city IS NOT NULL THEN left(x, 4) = left(c.city, 4)
                                     ELSE p.province IS NULL OR left(x, 2) = left(p.province, 2) END) AS k;
    END;
COMMENT ON FUNCTION energy.locate(geometry, text, text) IS
    'The province, city and county of a layer that contain a WGS84 point, one row (GiST index, one probe for all levels): where several regions of a level contain it (a shared border), the one the recorded region code (if given) names, else the lowest code, each within the region chosen one level up (none when no region of the level within it contains the point); a level the layer lacks is taken from the finer level''s code. All NULL when the point is in no region or NULL.';

CREATE FUNCTION energy.region_distance(point geometry, layer text, code text) RETURNS double precision
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT ST_Distance(b.geom::geography, point::geography)
      FROM energy.region_boundary AS b WHERE b.layer = region_distance.layer AND b.code = region_distance.code;
    END;
COMMENT ON FUNCTION energy.region_distance(geometry, text, code text) IS
    'Distance in metres (WGS84 spheroid) from a point to the polygon of a region of a layer: 0 inside, NULL when the layer has no polygon for the code.';

-- Which level a recorded code and a placement are compared at, and the two codes there.
CREATE FUNCTION energy.place_mismatch(recorded text, province_code text, city_code text, county_code text)
    RETURNS TABLE (level text, recorded_code text, placed_code text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT c.level, c.rec, c.placed
      FROM (SELECT CASE WHEN recorded !~ '00$' AND county_code IS NOT NULL THEN 'county'
                        WHEN recorded !~ '0000$' AND city_code IS NOT NULL THEN 'city'
                        WHEN province_code IS NOT NULL THEN 'province' END AS level) AS l
     CROSS JOIN LATERAL (SELECT l.level,
                                CASE l.level WHEN 'county' THEN recorded WHEN 'city' THEN left(recorded, 4) || '00'
                                             ELSE left(recorded, 2) || '0000' END AS rec,
                                CASE l.level WHEN 'county' THEN county_code WHEN 'city' THEN city_code ELSE province_code END AS placed) AS c
     WHERE l.level IS NOT NULL AND c.rec <> c.placed;
    END;
COMMENT ON FUNCTION energy.place_mismatch(text, text, text, text) IS
    'Whether a recorded region code contradicts a placement, compared at the finest level both give (county, else city, else province): that level and the two codes; no row when they agree or nothing was placed.';

-- The SQL of a model's spatial objects (@model@, @model_name@, @postgis@,
-- @rollup_aggregates@, @rollup_columns@ as in energy.model_exec).
CREATE FUNCTION energy.model_spatial_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE TABLE IF NOT EXISTS @model@.institution_place (
    institution_id text PRIMARY KEY REFERENCES @model@.institution ON DELETE CASCADE,
    point          @postgis@.geometry(Point, 4326),
    province_code  text,
    city_code      text,
    county_code    text,
    outside        boolean NOT NULL,
    mismatch_level text,
    recorded_code  text,
    placed_code    text,
    distance_m     double precision
);
COMMENT ON TABLE @model@.institution_place IS '机构空间定位 (placement, kept by a trigger on institution): each institution''s WGS84 point and the regions of the model''s boundary layer (energy.spatial_model) that contain it; energy.place_institutions recomputes it.';

CREATE OR REPLACE TRIGGER placed BEFORE INSERT OR UPDATE ON @model@.institution_place
    FOR EACH ROW EXECUTE FUNCTION energy.spatial_place_row();
COMMENT ON TRIGGER placed ON @model@.institution_place IS 'A row written by a role other than the model''s owner is computed again from its institution (energy.spatial_place_row): a region''s writer, whose statements on institution place them with its rights, cannot write a placement of its own.';

CREATE OR REPLACE TRIGGER place_insert AFTER INSERT ON @model@.institution
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION energy.spatial_place_trigger();
CREATE OR REPLACE TRIGGER place_update AFTER UPDATE ON @model@.institution
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION energy.spatial_place_trigger();
COMMENT ON TRIGGER place_insert ON @model@.institution IS 'Places new institutions in the model''s boundary layer (energy_ext_postgis).';
COMMENT ON TRIGGER place_update ON @model@.institution IS 'Places changed institutions again (energy_ext_postgis).';

CREATE OR REPLACE VIEW @model@.location_quality AS
SELECT i.institution_id, NULL::integer AS year, x.rule, x.severity, x.detail, x.reference
  FROM @model@.institution AS i
  LEFT JOIN @model@.institution_place AS p ON p.institution_id = i.institution_id
 CROSS JOIN (SELECT s.layer, energy.layer_levels(s.layer) AS levels FROM energy.spatial_model AS s WHERE s.model = @model_name@) AS l
 CROSS JOIN LATERAL (VALUES
        ('no_location', 'info', i.longitude IS NULL,
         'no longitude and latitude: counted in the spatial roll-ups as unplaced', NULL::text),
        ('location_outside', 'warning', coalesce(p.outside, false),
         format('location (%s, %s %s) lies in no region of boundary layer %s: counted in the spatial roll-ups as unplaced',
                i.longitude, i.latitude, i.coord_system, (SELECT s.layer FROM energy.spatial_model s WHERE s.model = @model_name@)),
         NULL),
        ('location_mismatch', 'warning', p.mismatch_level IS NOT NULL,
         format('location lies in %s %s, region_code says %s %s (%s)',
                p.placed_code, (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = p.placed_code),
                p.recorded_code, (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = p.recorded_code),
                coalesce(round((p.distance_m / 1000)::numeric, 1)::text || ' km from it',
                         'no polygon of the recorded region: distance unknown')),
         p.placed_code),
        -- in a region of a coarser level but in none of the finer level's
        -- (the layer's counties leave a gap there): counted at that level
        -- under the coarser region (未细分)
        ('location_partial', 'info',
         p.province_code IS NOT NULL AND ((p.county_code IS NULL AND 'county' = ANY (l.levels))
                                          OR (p.city_code IS NULL AND 'city' = ANY (l.levels))),
         format('location lies in %s %s but in none of its %s of boundary layer %s: counted there as %s',
                coalesce(p.city_code, p.province_code),
                (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = coalesce(p.city_code, p.province_code)),
                CASE WHEN p.city_code IS NULL THEN 'cities' ELSE 'counties' END, l.layer,
                (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = coalesce(p.city_code, p.province_code))
                || CASE WHEN p.city_code IS NULL THEN '（未细分到市）' ELSE '（未细分到县）' END),
         coalesce(p.city_code, p.province_code))
     ) AS x(rule, severity, hit, detail, reference)
 WHERE x.hit;
COMMENT ON VIEW @model@.location_quality IS '位置质量 (location findings, also in data_quality): institutions without a location, outside every region of the boundary layer, placed in a region that contradicts their region_code (both codes, distance), or in a city (province) but in none of its counties (cities) of the layer.';
$model$;
COMMENT ON FUNCTION energy.model_spatial_sql() IS
    'The spatial objects of a model (internal; energy.enable_spatial runs it): table institution_place with its trigger, view location_quality.';

-- How an institution is placed, as the columns of institution_place in their
-- order, for the rows of the model's institution table that filter (a WHERE clause, or '')
-- lets through: place_sql writes them, spatial_place_row takes one row.
CREATE FUNCTION energy.place_select_sql(model name, layer text, filter text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN format($sql$
SELECT i.institution_id, p.point, l.province_code, l.city_code, l.county_code,
       p.point IS NOT NULL AND l.province_code IS NULL AS outside,
       m.level AS mismatch_level, m.recorded_code, m.placed_code,
       CASE WHEN m.level IS NOT NULL THEN energy.region_distance(p.point, %2$L, m.recorded_code) END AS distance_m
  FROM %1$I.institution AS i
 CROSS JOIN LATERAL (SELECT energy.wgs84_point(i.longitude, i.latitude, i.coord_system) AS point) AS p
 CROSS JOIN LATERAL energy.locate(p.point, %2$L, i.region_code) AS l
  LEFT JOIN LATERAL energy.place_mismatch(i.region_code, l.province_code, l.city_code, l.county_code) AS m ON true
 %3$s$sql$, model, layer, filter);
COMMENT ON FUNCTION energy.place_select_sql(name, text, text) IS
    'The query that places a model''s institutions in a layer, as institution_place''s columns, for the institutions a WHERE clause lets through (internal: energy.place_sql and energy.spatial_place_row).';

CREATE FUNCTION energy.place_sql(model name, layer text, only_changed boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN format($sql$
INSERT INTO %1$I.institution_place AS t
%2$s
ON CONFLICT (institution_id) DO UPDATE
   SET point = excluded.point, province_code = excluded.province_code, city_code = excluded.city_code,
       county_code = excluded.county_code, outside = excluded.outside, mismatch_level = excluded.mismatch_level,
       recorded_code = excluded.recorded_code, placed_code = excluded.placed_code, distance_m = excluded.distance_m
 WHERE (t.point::text, t.province_code, t.city_code, t.county_code, t.outside, t.mismatch_level, t.recorded_code, t.distance_m)
       IS DISTINCT FROM (excluded.point::text, excluded.province_code, excluded.city_code, excluded.county_code, excluded.outside,
                         excluded.mismatch_level, excluded.recorded_code, excluded.distance_m)$sql$,
       model,
       energy.place_select_sql(model, layer,
           CASE WHEN only_changed THEN 'WHERE i.institution_id IN (SELECT c.institution_id FROM changed AS c)' ELSE '' END));
COMMENT ON FUNCTION energy.place_sql(name, text, boolean) IS
    'The statement that places a model''s institutions in a layer (internal): all of them, or those of the trigger''s transition table changed.';

-- A region's writer places the institutions it writes: the trigger above
-- runs with its rights, so it may write institution_place (its regions'
-- rows, under the write policies).  It could then write a placement of its
-- own (an institution moved into another city, a contradiction hidden from
-- location_quality); so a row written by anyone but the model's owner is
-- computed again, here, from its institution and the model's layer — what
-- place_sql writes (energy.place_select_sql), one row at a time.  The
-- owner's writes (place_institutions over every institution) are not
-- computed twice.
CREATE FUNCTION energy.spatial_place_row() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    l text;
    r record;
BEGIN
    IF pg_has_role((SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RETURN NEW;
    END IF;
    SELECT s.layer INTO l FROM energy.spatial_model s WHERE s.model = TG_TABLE_SCHEMA;
    EXECUTE energy.place_select_sql(TG_TABLE_SCHEMA, l, 'WHERE i.institution_id = $1') INTO r USING NEW.institution_id;
    NEW.point := r.point;
    NEW.province_code := r.province_code;
    NEW.city_code := r.city_code;
    NEW.county_code := r.county_code;
    NEW.outside := coalesce(r.outside, false);
    NEW.mismatch_level := r.mismatch_level;
    NEW.recorded_code := r.recorded_code;
    NEW.placed_code := r.placed_code;
    NEW.distance_m := r.distance_m;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.spatial_place_row() IS
    'Trigger of a spatially enabled model''s institution_place (before each row): a row written by a role other than the model''s owner gets the placement computed from its institution and the model''s layer, whatever it said (a writer places its institutions with its own rights, but cannot forge a placement).';

CREATE FUNCTION energy.spatial_place_trigger() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    l text;
BEGIN
    SELECT s.layer INTO l FROM energy.spatial_model s WHERE s.model = TG_TABLE_SCHEMA;
    IF l IS NOT NULL THEN
        EXECUTE energy.place_sql(TG_TABLE_SCHEMA, l, true);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.spatial_place_trigger() IS
    'Trigger of a spatially enabled model''s institution table: after each statement, places the rows it wrote in the model''s boundary layer.';

-- A model that is spatially enabled, or an error (a map of nothing must not
-- read as an empty map); true, so that a query's WHERE can call it.
CREATE FUNCTION energy.spatial_require(model name) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.spatial_model s WHERE s.model = spatial_require.model) THEN
        RAISE EXCEPTION 'model "%" is not spatially enabled', model USING ERRCODE = '55000',
              HINT = 'SELECT energy.enable_spatial(' || quote_literal(model) || ', ''<layer>'') places its institutions in a boundary layer.';
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION energy.spatial_require(name) IS
    'True when the model is spatially enabled; 55000 with a hint otherwise (internal: place_institutions and the map functions, so that a map of a model without a layer is an error, not an empty map).';

CREATE FUNCTION energy.place_institutions(model name,
    OUT institutions bigint, OUT placed bigint, OUT outside bigint, OUT no_location bigint, OUT mismatches bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    l text;
BEGIN
    PERFORM energy.spatial_require(model);
    SELECT s.layer INTO l FROM energy.spatial_model s WHERE s.model = place_institutions.model;
    EXECUTE energy.place_sql(model, l, false);
    UPDATE energy.spatial_model s SET placed_at = now() WHERE s.model = place_institutions.model;
    EXECUTE format('SELECT count(*), count(*) FILTER (WHERE province_code IS NOT NULL), count(*) FILTER (WHERE outside),
                           count(*) FILTER (WHERE point IS NULL), count(*) FILTER (WHERE mismatch_level IS NOT NULL)
                      FROM %I.institution_place', model)
       INTO institutions, placed, outside, no_location, mismatches;
END
$$;
COMMENT ON FUNCTION energy.place_institutions(name) IS
    'Places every institution of a spatially enabled model in its boundary layer again (after the layer''s polygons changed); returns how many institutions, placed, outside every region, without a location, contradicting their region_code.';

CREATE FUNCTION energy.enable_spatial(model name, layer text)
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM energy.model_require(model);
    IF NOT EXISTS (SELECT 1 FROM energy.boundary_layer b WHERE b.layer = enable_spatial.layer) THEN
        RAISE EXCEPTION 'unknown boundary layer "%"', layer USING ERRCODE = '23503',
              HINT = 'SELECT layer FROM energy.boundary_layer lists them; load yours with energy.load_boundaries (or use synthetic, the demo''s made-up regions).';
    END IF;
    INSERT INTO energy.spatial_model AS s (model, layer) VALUES (model, layer)
    ON CONFLICT ON CONSTRAINT spatial_model_pkey DO UPDATE SET layer = excluded.layer;
    PERFORM energy.model_spatial_exec(model, energy.model_spatial_sql());
    PERFORM energy.model_spatial_exec(model, energy.model_spatial_rollup_sql());
    -- data_quality picks up location_quality (energy.model_extra_quality_sql)
    PERFORM energy.model_exec(model, energy.model_views_sql());
    PERFORM energy.model_document(model);
    PERFORM energy.spatial_document(model);
    PERFORM energy.place_institutions(model);
    RETURN model;
END
$$;
COMMENT ON FUNCTION energy.enable_spatial(name, text) IS
    'Places a model''s institutions in a boundary layer (or moves it to another): creates table institution_place (kept current by a trigger on institution), views location_quality (also in data_quality) and spatial_region_year, function area_year(area), and places every institution. Returns the model.';

CREATE FUNCTION energy.disable_spatial(model name)
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM energy.model_require(model);
    -- data_quality first loses its location rows (CREATE OR REPLACE VIEW,
    -- so that views of your own on it stay), then location_quality goes
    IF to_regclass(format('%I.location_quality', model)) IS NOT NULL THEN
        EXECUTE format('ALTER VIEW %1$I.location_quality RENAME TO location_quality_dropped', model);
        PERFORM energy.model_exec(model, energy.model_views_sql());
        PERFORM energy.model_document(model);
        EXECUTE format('DROP VIEW %1$I.location_quality_dropped', model);
    END IF;
    EXECUTE format('DROP FUNCTION IF EXISTS %1$I.area_year', model);
    EXECUTE format('DROP VIEW IF EXISTS %1$I.spatial_region_year', model);
    EXECUTE format('DROP TRIGGER IF EXISTS place_insert ON %1$I.institution', model);
    EXECUTE format('DROP TRIGGER IF EXISTS place_update ON %1$I.institution', model);
    EXECUTE format('DROP TABLE IF EXISTS %1$I.institution_place', model);
    DELETE FROM energy.spatial_model s WHERE s.model = disable_spatial.model;
    RETURN model;
END
$$;
COMMENT ON FUNCTION energy.disable_spatial(name) IS
    'Removes a model''s spatial objects (institution_place, location_quality, spatial_region_year, area_year) and its row of energy.spatial_model; data_quality is rebuilt without the location findings. Returns the model.';

CREATE FUNCTION energy.model_spatial_exec(model name, template text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM energy.model_exec(model, replace(template, '@postgis@', quote_ident(energy.postgis_schema())));
END
$$;
COMMENT ON FUNCTION energy.model_spatial_exec(name, text) IS
    'Runs a spatial model template (internal): @postgis@ becomes PostGIS''s schema, the rest as energy.model_exec.';
