
-- ---------------------------------------------------------------------
-- 0.2.0 — coordinate systems of an institution's location (src/coords.c),
-- as PostgreSQL points (x longitude, y latitude, degrees).  WGS84 is what
-- GPS and PostGIS's SRID 4326 use; GCJ-02 (国测局坐标: Amap, Tencent) is
-- WGS84 shifted by a published formula, 50–700 m inside China; BD-09
-- (Baidu) is GCJ-02 shifted again.  A model's institution says which its
-- longitude and latitude are in (coord_system); the PostGIS companion
-- places it with energy.to_wgs84.  No PostGIS needed here.
-- ---------------------------------------------------------------------

CREATE FUNCTION energy.wgs84_to_gcj02(point) RETURNS point
    AS 'MODULE_PATHNAME', 'energy_wgs84_to_gcj02' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.wgs84_to_gcj02(point) IS
    'WGS84 (longitude, latitude) to GCJ-02 (国测局坐标, Amap, Tencent) by the published formula; no shift outside China''s box 72.004–137.8347 °E, 0.8293–55.8271 °N. 22023 for a point outside ±180°, ±90°.';
CREATE FUNCTION energy.gcj02_to_wgs84(point) RETURNS point
    AS 'MODULE_PATHNAME', 'energy_gcj02_to_wgs84' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.gcj02_to_wgs84(point) IS
    'GCJ-02 (longitude, latitude) to WGS84: the formula inverted by fixed-point iteration until a step moves less than 1e-15° (maps back to the given point to about 1e-13°; the one-step inverse common on the web is off by up to 5e-7°).';
CREATE FUNCTION energy.gcj02_to_bd09(point) RETURNS point
    AS 'MODULE_PATHNAME', 'energy_gcj02_to_bd09' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.gcj02_to_bd09(point) IS 'GCJ-02 (longitude, latitude) to BD-09 (Baidu) by the published formula.';
CREATE FUNCTION energy.bd09_to_gcj02(point) RETURNS point
    AS 'MODULE_PATHNAME', 'energy_bd09_to_gcj02' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.bd09_to_gcj02(point) IS 'BD-09 (Baidu) (longitude, latitude) to GCJ-02 by the published inverse formula.';
CREATE FUNCTION energy.to_wgs84(longitude double precision, latitude double precision, coord_system text) RETURNS point
    AS 'MODULE_PATHNAME', 'energy_to_wgs84' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.to_wgs84(double precision, double precision, text) IS
    'A location in coord_system wgs84 (as given), gcj02 (energy.gcj02_to_wgs84) or bd09 (energy.bd09_to_gcj02, then to WGS84) as a WGS84 point (x longitude, y latitude). 22023 for another system or a location outside ±180°, ±90°.';
