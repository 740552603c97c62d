
-- ---------------------------------------------------------------------
-- Locations for a demo model (energy.generate_demo): each institution near
-- the seat of its city (within 0.12°), inside that city's synthetic cell,
-- given in WGS84, GCJ-02 or BD-09 by turns (i mod 3), as Chinese sources mix
-- them.  Two faults, recorded in demo_fault: institution 9 lies near the
-- seat of the next city of its province (location_mismatch), institution
-- 10 has its longitude 5° too large, in no region (location_outside).
-- The model is then placed in layer synthetic (energy.enable_spatial).
-- ---------------------------------------------------------------------

-- A demo institution's point: WGS84, near the seat of city, inside its cell.
CREATE FUNCTION energy.demo_point(seed integer, i integer, city text) RETURNS geometry
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT CASE WHEN energy.layer_region('synthetic', 'city', o.p) = city THEN o.p ELSE w.seat END
      FROM energy.city_seat AS s
     CROSS JOIN LATERAL (SELECT energy.wgs84_point(s.lon, s.lat, s.coord_system) AS seat) AS w
     CROSS JOIN LATERAL (SELECT 0.12 * sqrt(energy.demo_uniform(seed, 'location-r/' || i)) AS r,
                                2 * pi() * energy.demo_uniform(seed, 'location-a/' || i) AS a) AS u
     CROSS JOIN LATERAL (SELECT ST_Translate(w.seat, u.r * cos(u.a), u.r * sin(u.a)) AS p) AS o
     WHERE s.code = city;
    END;
COMMENT ON FUNCTION energy.demo_point(integer, integer, text) IS
    'Where demo institution i of a city lies (internal): a WGS84 point within 0.12° of the city''s seat (energy.city_seat), inside its cell of layer synthetic (else the seat itself); from a hash of seed and i.';

CREATE FUNCTION energy.demo_coordinates(point geometry, coord_system text) RETURNS point
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE coord_system WHEN 'gcj02' THEN energy.wgs84_to_gcj02(point(ST_X(point), ST_Y(point)))
                             WHEN 'bd09' THEN energy.gcj02_to_bd09(energy.wgs84_to_gcj02(point(ST_X(point), ST_Y(point))))
                             ELSE point(ST_X(point), ST_Y(point)) END;
COMMENT ON FUNCTION energy.demo_coordinates(geometry, text) IS
    'A WGS84 point''s longitude and latitude (x, y) in coord_system wgs84, gcj02 or bd09 (internal: the demo''s locations).';

CREATE FUNCTION energy.demo_locations(model name, seed integer DEFAULT 2023)
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM energy.model_require(model);
    IF to_regclass(format('%I.demo_fault', model)) IS NULL THEN
        RAISE EXCEPTION 'model "%" was not made by energy.generate_demo', model USING ERRCODE = '55000',
              HINT = 'SELECT energy.generate_demo(''demo'') makes one; give your own institutions longitude, latitude and coord_system.';
    END IF;
    EXECUTE format($sql$
        WITH d AS (
            SELECT i.institution_id, substring(i.name FROM '单位([0-9]+)$')::integer AS n, i.region_code
              FROM %1$I.institution AS i
        ),
        c AS (  -- the city whose seat it lies near: its own, or for institution 9 the next of its province
            SELECT d.*, (ARRAY['wgs84', 'gcj02', 'bd09'])[1 + d.n %% 3] AS crs,
                   CASE WHEN d.n = 9
                        THEN coalesce((SELECT min(s.code) FROM energy.city_seat s
                                        WHERE left(s.code, 2) = left(d.region_code, 2) AND s.code > left(d.region_code, 4) || '00'),
                                      (SELECT min(s.code) FROM energy.city_seat s
                                        WHERE left(s.code, 2) = left(d.region_code, 2) AND s.code <> left(d.region_code, 4) || '00'))
                        ELSE left(d.region_code, 4) || '00' END AS city
              FROM d WHERE d.n IS NOT NULL
        )
        UPDATE %1$I.institution AS t
           SET longitude = x.p[0] + CASE WHEN c.n = 10 THEN 5 ELSE 0 END, latitude = x.p[1], coord_system = c.crs
          FROM c CROSS JOIN LATERAL (SELECT energy.demo_coordinates(energy.demo_point(%2$s, c.n, c.city), c.crs) AS p) AS x
         WHERE t.institution_id = c.institution_id$sql$, model, seed);
    EXECUTE format($sql$
        INSERT INTO %1$I.demo_fault (fault, institution_id, year, detail, rule)
        SELECT CASE n WHEN 9 THEN 'location_mismatch' ELSE 'location_outside' END, institution_id, NULL,
               CASE n WHEN 9 THEN 'lies near the seat of the next city of its province, not in ' || region_code
                      ELSE 'its longitude is 5° too large: in no region' END,
               CASE n WHEN 9 THEN 'location_mismatch' ELSE 'location_outside' END
          FROM (SELECT i.institution_id, i.region_code, substring(i.name FROM '单位([0-9]+)$')::integer AS n FROM %1$I.institution i) AS d
         WHERE n IN (9, 10)$sql$, model);
    PERFORM energy.enable_spatial(model, 'synthetic');
    RETURN model;
END
$$;
COMMENT ON FUNCTION energy.demo_locations(name, integer) IS
    'Gives the institutions of a demo model (energy.generate_demo) locations near their city''s seat, in WGS84, GCJ-02 or BD-09 by turns, with two faults recorded in demo_fault (location_mismatch, location_outside), and places the model in layer synthetic. Returns the model.';
