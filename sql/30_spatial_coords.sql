
-- =====================================================================
-- energy_ext_postgis 0.2.0 — the companion extension for PostGIS
-- (CREATE EXTENSION energy_ext_postgis CASCADE).  energy_ext itself needs no
-- PostGIS; this extension adds region boundaries, institutions placed in
-- them, spatial roll-ups and maps.  Its objects live in schema energy.
--
--   30_spatial_coords      PostGIS's schema, locations as WGS84 points
--   31_spatial_boundaries  boundary layers: load, validate, simplify
--   32_spatial_seats       city seats and the synthetic demo layer
--   33_spatial_placement   a model's institutions placed in regions
--   34_spatial_rollup      roll-ups by the regions that contain them
--   35_spatial_maps        GeoJSON, vector tiles, SVG choropleth
--   36_spatial_demo        locations for the demo model
--
-- Search path: every function that calls PostGIS is a SQL-standard body
-- (BEGIN ATOMIC / RETURN), parsed once while this script runs — when the
-- search path is schema energy followed by PostGIS's schema — and bound to
-- the PostGIS functions it found then.  The caller's search_path (empty,
-- as under pg_restore, or hostile) changes nothing.  The PL/pgSQL functions
-- call only those, with search_path pg_catalog, pg_temp; the DDL they run
-- names PostGIS's types with its schema (energy.postgis_schema()).
-- =====================================================================

CREATE FUNCTION energy.postgis_schema() RETURNS name
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'postgis';
    END;
COMMENT ON FUNCTION energy.postgis_schema() IS
    'The schema PostGIS is installed in (internal: the DDL of energy.enable_spatial names PostGIS''s types with it).';

-- A location as a PostGIS point: energy.to_wgs84 (energy_ext, src/coords.c)
-- turns a longitude and latitude in wgs84, gcj02 or bd09 into WGS84.  One
-- expression, so that the planner inlines it.
CREATE FUNCTION energy.wgs84_point(lon double precision, lat double precision, coord_system text DEFAULT 'wgs84')
    RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_SetSRID(geometry(energy.to_wgs84(lon, lat, coord_system)), 4326);
COMMENT ON FUNCTION energy.wgs84_point(double precision, double precision, text) IS
    'A point in WGS84 (SRID 4326) from a longitude and latitude in coord_system wgs84, gcj02 or bd09 (energy.to_wgs84; 22023 for another system).';
