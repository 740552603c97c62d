
-- ---------------------------------------------------------------------
-- Spatial roll-ups: the region-year indicators of region_year, grouped by
-- the regions of the boundary layer that contain the institutions instead of
-- the code prefix of their region_code — same columns, same rules (ratios of
-- sums over the institutions that have both figures, coverage, like-for-like
-- changes: the aggregates of energy.model_rollup_sql over rollup_input).
-- Where the placement and the recorded codes agree, the two give the same
-- figures.  Institutions placed nowhere (no location, or outside every
-- region) form the unplaced row of each level, never dropped; a level the
-- layer has no polygons of is taken from the codes of a finer one (a layer
-- of cities gives province rows) or, when none is finer, left out.
-- area_year(area) rolls up the institutions inside any polygon the user
-- draws (a heating zone, a campus cluster), per year.
-- ---------------------------------------------------------------------

CREATE FUNCTION energy.layer_levels(layer text) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT coalesce(array_agg(DISTINCT b.level), '{}') FROM energy.region_boundary AS b WHERE b.layer = layer_levels.layer;
    END;
COMMENT ON FUNCTION energy.layer_levels(text) IS 'The levels (province, city, county) a boundary layer has polygons of.';

CREATE FUNCTION energy.point_in_area(point geometry, area geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT ST_Intersects(point, CASE WHEN ST_SRID(area) IN (0, 4326) THEN ST_SetSRID(area, 4326) ELSE ST_Transform(area, 4326) END);
    END;
COMMENT ON FUNCTION energy.point_in_area(geometry, geometry) IS
    'Whether a WGS84 point lies in (or on the edge of) an area; the area is taken as WGS84 when it has no SRID, transformed otherwise.';

CREATE FUNCTION energy.model_spatial_rollup_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE OR REPLACE VIEW @model@.spatial_region_year AS
WITH layer AS (
    SELECT s.layer, energy.layer_levels(s.layer) AS levels FROM energy.spatial_model AS s WHERE s.model = @model_name@
),
member AS (  -- placed in a province (city) but in none of its cities (counties) of the layer: under it, unallocated
    SELECT g.level, g.code, g.code IS NULL AND g.level <> 'all' AS unplaced, g.unallocated, x.*
      FROM @model@.rollup_input AS x
      LEFT JOIN @model@.institution_place AS p ON p.institution_id = x.institution_id
     CROSS JOIN LATERAL (VALUES ('province', p.province_code, false),
                                ('city', coalesce(p.city_code, p.province_code), p.city_code IS NULL AND p.province_code IS NOT NULL),
                                ('county', coalesce(p.county_code, p.city_code, p.province_code),
                                 p.county_code IS NULL AND p.province_code IS NOT NULL),
                                ('all', NULL, false))
           AS g(level, code, unallocated)
     -- the levels the layer has polygons of, and those above them (a file of cities only: the provinces from their codes)
     WHERE g.level = 'all'
        OR EXISTS (SELECT 1 FROM layer CROSS JOIN unnest(layer.levels) AS l(level)
                    WHERE array_position(ARRAY['province', 'city', 'county'], l.level)
                          >= array_position(ARRAY['province', 'city', 'county'], g.level))
),
r AS (
    SELECT level, code, unplaced, unallocated, year, count(*)::integer AS institutions,
           @rollup_aggregates@
      FROM member
     GROUP BY level, code, unplaced, unallocated, year
)
SELECT (SELECT layer.layer FROM layer) AS layer, r.level, r.code AS region_code,
       CASE WHEN r.level = 'all' THEN '全部' WHEN r.unplaced THEN '（未定位）'
            WHEN r.unallocated THEN coalesce(b.name_zh, d.name_zh) || CASE r.level WHEN 'city' THEN '（未细分到市）' ELSE '（未细分到县）' END
            ELSE coalesce(b.name_zh, d.name_zh) END AS region_name,
       CASE WHEN r.level = 'province' THEN NULL WHEN r.unallocated THEN r.code
            ELSE coalesce(b.parent, CASE r.level WHEN 'city' THEN left(r.code, 2) || '0000' ELSE left(r.code, 4) || '00' END) END AS parent_code,
       r.unplaced, r.unallocated, r.year, r.institutions,
       @rollup_columns@
  FROM r
  LEFT JOIN energy.region_boundary AS b ON b.layer = (SELECT layer.layer FROM layer) AND b.code = r.code
  LEFT JOIN energy.admin_division AS d ON d.code = r.code;
COMMENT ON VIEW @model@.spatial_region_year IS '空间区域汇总 (roll-up by the regions that contain the institutions, BI): region_year''s figures grouped by the province, city and county polygons of the model''s boundary layer (energy.spatial_model) that contain each institution''s location instead of its region_code; institutions with no location or outside every region in the unplaced row of each level; those in a province (city) but in none of its cities (counties) of the layer in an unallocated row under it, as region_year does; a level the layer has no polygons of from the codes of a finer one (a layer of cities: provinces by their cities'' codes). Its columns are region_year''s with layer first and unplaced before unallocated.';

CREATE OR REPLACE FUNCTION @model@.area_year(area @postgis@.geometry)
    RETURNS SETOF @model@.spatial_region_year
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT (SELECT s.layer FROM energy.spatial_model AS s WHERE s.model = @model_name@), 'area', NULL::text, '（自定义区域）', NULL::text, false,
           false, r.year, r.institutions, @rollup_columns@
      FROM (SELECT year, count(*)::integer AS institutions,
                   @rollup_aggregates@
              FROM (SELECT x.* FROM @model@.rollup_input AS x
                      JOIN @model@.institution_place AS p ON p.institution_id = x.institution_id
                     WHERE energy.point_in_area(p.point, area)) AS member
             GROUP BY year) AS r
     ORDER BY r.year;
    END;
COMMENT ON FUNCTION @model@.area_year(@postgis@.geometry) IS '自定义区域汇总: region_year''s figures over the institutions whose location lies in area (a polygon in WGS84, or in any SRID it carries), per year; level area.';
$model$;
COMMENT ON FUNCTION energy.model_spatial_rollup_sql() IS
    'The spatial roll-ups of a model (internal; energy.enable_spatial runs it): view spatial_region_year, function area_year(area).';

-- Column comments of the spatial objects: region_year's where the column is
-- the same, and their own.
CREATE FUNCTION energy.spatial_document(model name) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT a.attname, coalesce(o.doc, col_description(format('%I.region_year', model)::regclass, ra.attnum)) AS doc,
               format('%I.%I', model, x.rel) AS rel
          FROM (VALUES ('spatial_region_year'), ('institution_place'), ('location_quality')) AS x(rel)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = format('%I.%I', model, x.rel)::regclass AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_catalog.pg_attribute ra ON ra.attrelid = format('%I.region_year', model)::regclass AND ra.attname = a.attname
          LEFT JOIN (VALUES
              ('spatial_region_year', 'layer', '边界图层（文本）：the boundary layer of the model (energy.spatial_model) the regions come from.'),
              ('spatial_region_year', 'level', '汇总层级（文本）：province, city, county (those the layer has polygons of, and those above them) or all.'),
              ('spatial_region_year', 'region_code', '行政区划代码（GB/T 2260 六位代码）：the region of the layer that contains the institutions'' locations; NULL for level all and for the unplaced rows.'),
              ('spatial_region_year', 'region_name', '行政区划名称（文本）：the layer''s name of the region; 全部 for level all, （未定位） for the unplaced row.'),
              ('spatial_region_year', 'parent_code', '上级行政区划代码（GB/T 2260 六位代码）：the region one level up.'),
              ('spatial_region_year', 'unplaced', '未定位（是/否）：true for the row of the institutions with no location or outside every region of the layer.'),
              ('spatial_region_year', 'unallocated', '未细分（是/否）：true for the row, at the city (county) level, of the institutions in a province (city) of the layer but in none of its cities (counties); region_code is the province (city).'),
              ('institution_place', 'institution_id', '机构代码（文本）：the institution.'),
              ('institution_place', 'point', '位置（WGS84 点）：longitude and latitude of the institution turned into WGS84 (energy.wgs84_point with its coord_system).'),
              ('institution_place', 'province_code', '所在省（GB/T 2260 六位代码）：the province of the layer containing the point.'),
              ('institution_place', 'city_code', '所在市（GB/T 2260 六位代码）：the city of the layer containing the point (from the county''s code when the layer has no city polygons).'),
              ('institution_place', 'county_code', '所在县（GB/T 2260 六位代码）：the county of the layer containing the point; NULL when the layer has no counties.'),
              ('institution_place', 'outside', '不在任何区域（是/否）：the point lies in no region of the layer.'),
              ('institution_place', 'mismatch_level', '代码矛盾层级（文本）：county, city or province where the recorded region_code contradicts the placement; NULL when they agree.'),
              ('institution_place', 'recorded_code', '登记代码（GB/T 2260 六位代码）：region_code at that level.'),
              ('institution_place', 'placed_code', '定位代码（GB/T 2260 六位代码）：the region at that level that contains the point.'),
              ('institution_place', 'distance_m', '距登记区域距离（米）：distance from the point to the recorded region''s polygon, on the WGS84 spheroid; NULL when the layer has none.'),
              ('location_quality', 'institution_id', '机构代码（文本）：the institution.'),
              ('location_quality', 'year', '统计年度（年）：NULL (a finding about the institution).'),
              ('location_quality', 'rule', '规则（规则代码）：no_location, location_outside, location_partial, location_mismatch.'),
              ('location_quality', 'severity', '严重程度（warning / info）：warning for a location outside every region or contradicting region_code.'),
              ('location_quality', 'detail', '说明（文本）：what was found, with the codes and the distance.'),
              ('location_quality', 'reference', '关联记录（编号）：the region that contains the location.')
          ) AS o(rel, col, doc) ON o.rel = x.rel AND o.col = a.attname
    LOOP
        IF c.doc IS NOT NULL THEN
            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', c.rel, c.attname, c.doc);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.spatial_document(name) IS
    'Comments the columns of a model''s spatial objects (internal; energy.enable_spatial calls it): region_year''s comment where the column is the same, their own otherwise.';
