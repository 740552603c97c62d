
-- ---------------------------------------------------------------------
-- City seats and the synthetic layer.
--
-- Publishing maps of China with boundaries needs a review (地图审核管理规定,
-- 2017, art. 5), so no boundaries ship here.  The layer "synthetic" is made
-- up: the Voronoi cells (ST_VoronoiPolygons) around the seats of the
-- prefecture-level cities of Liaoning and Guangxi, clipped to a rough hull
-- (the seats' convex hull widened by 0.5°); a province is the union of its
-- cities' cells.  They are NOT boundaries, they only look like regions so
-- that the demo, the tests and the maps have something to draw; the layer
-- says approximate = true and the maps print it.  Load official boundaries
-- from your GIS department with energy.load_boundaries.
--
-- The seats are facts: the "center" (government seat) of each city in
-- lyhmyd1211/GeoMapData_CN, location.json (commit 4871c5a, 2022-01-26),
-- derived from Alibaba DataV and therefore GCJ-02; stored as published and
-- turned into WGS84 with energy.gcj02_to_wgs84.
-- ---------------------------------------------------------------------

CREATE TABLE energy.city_seat (
    code         text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]{3}00$' AND code !~ '0000$'),
    name_zh      text NOT NULL,
    lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    coord_system text NOT NULL CHECK (coord_system IN ('wgs84', 'gcj02', 'bd09')),
    source       text NOT NULL CHECK (source <> ''),
    shipped      boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.city_seat IS
    'Seats (government locations) of prefecture-level cities, as published, with their coordinate system: the shipped rows are the 14 cities of Liaoning and the 14 of Guangxi, around which the synthetic layer is drawn. energy.wgs84_point(lon, lat, coord_system) gives the WGS84 point.';
COMMENT ON COLUMN energy.city_seat.code IS 'Six-digit code of the city.';
COMMENT ON COLUMN energy.city_seat.name_zh IS 'Name of the city.';
COMMENT ON COLUMN energy.city_seat.lon IS 'Longitude of the seat in coord_system, degrees.';
COMMENT ON COLUMN energy.city_seat.lat IS 'Latitude of the seat in coord_system, degrees.';
COMMENT ON COLUMN energy.city_seat.coord_system IS 'Coordinate system of lon and lat: wgs84, gcj02 or bd09.';
COMMENT ON COLUMN energy.city_seat.source IS 'Where the coordinates come from.';
COMMENT ON COLUMN energy.city_seat.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.city_seat
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.city_seat
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
COMMENT ON TRIGGER guard ON energy.city_seat IS 'Shipped seats are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.city_seat IS 'Shipped seats are read-only.';
SELECT pg_catalog.pg_extension_config_dump('energy.city_seat', 'WHERE NOT shipped');

INSERT INTO energy.city_seat (code, name_zh, lon, lat, coord_system, source, shipped)
SELECT s.code, s.name_zh, s.lon, s.lat, 'gcj02',
       'lyhmyd1211/GeoMapData_CN location.json "center" (commit 4871c5a, 2022-01-26; from Alibaba DataV, GCJ-02)', true
  FROM (VALUES
    ('210100', '沈阳市',   123.429096, 41.796767), ('210200', '大连市',   121.618622, 38.91459),
    ('210300', '鞍山市',   122.995632, 41.110626), ('210400', '抚顺市',   123.921109, 41.875956),
    ('210500', '本溪市',   123.770519, 41.297909), ('210600', '丹东市',   124.383044, 40.124296),
    ('210700', '锦州市',   121.135742, 41.119269), ('210800', '营口市',   122.235151, 40.667432),
    ('210900', '阜新市',   121.648962, 42.011796), ('211000', '辽阳市',   123.18152,  41.269402),
    ('211100', '盘锦市',   122.06957,  41.124484), ('211200', '铁岭市',   123.844279, 42.290585),
    ('211300', '朝阳市',   120.451176, 41.576758), ('211400', '葫芦岛市', 120.856394, 40.755572),
    ('450100', '南宁市',   108.320004, 22.82402),  ('450200', '柳州市',   109.411703, 24.314617),
    ('450300', '桂林市',   110.299121, 25.274215), ('450400', '梧州市',   111.297604, 23.474803),
    ('450500', '北海市',   109.119254, 21.473343), ('450600', '防城港市', 108.345478, 21.614631),
    ('450700', '钦州市',   108.624175, 21.967127), ('450800', '贵港市',   109.602146, 23.0936),
    ('450900', '玉林市',   110.154393, 22.63136),  ('451000', '百色市',   106.616285, 23.897742),
    ('451100', '贺州市',   111.552056, 24.414141), ('451200', '河池市',   108.062105, 24.695899),
    ('451300', '来宾市',   109.229772, 23.733766), ('451400', '崇左市',   107.353926, 22.404108)
  ) AS s(code, name_zh, lon, lat);

INSERT INTO energy.boundary_layer (layer, description, source, vintage, approximate, shipped) VALUES
    ('synthetic',
     'SYNTHETIC TEST REGIONS, NOT BOUNDARIES: Voronoi cells around the city seats of Liaoning and Guangxi, clipped to the seats'' convex hull widened by 0.5°; provinces are the union of their cells. For the demo, the tests and the maps only.',
     'made by energy_ext_postgis from energy.city_seat (ST_VoronoiPolygons); not an official map', '2023', true, true);

-- the cells, per province; each cell to the seat inside it
INSERT INTO energy.region_boundary (layer, code, level, parent, name_zh, geom, source, vintage, shipped)
WITH seat AS (
    SELECT s.code, s.name_zh, left(s.code, 2) || '0000' AS province, energy.wgs84_point(s.lon, s.lat, s.coord_system) AS p
      FROM energy.city_seat s WHERE s.shipped
),
hull AS (
    SELECT seat.province, ST_Buffer(ST_ConvexHull(ST_Collect(seat.p)), 0.5, 'quad_segs=2') AS h
      FROM seat GROUP BY seat.province
),
cell AS (
    SELECT hull.province, hull.h, (ST_Dump(ST_VoronoiPolygons(ST_Collect(seat.p), 0, hull.h))).geom AS c
      FROM hull JOIN seat ON seat.province = hull.province GROUP BY hull.province, hull.h
)
SELECT 'synthetic', seat.code, 'city', seat.province, seat.name_zh,
       ST_Multi(ST_CollectionExtract(ST_Intersection(cell.c, cell.h), 3)),
       'synthetic Voronoi cell around the seat of ' || seat.name_zh || ' (not a boundary)', '2023', true
  FROM cell JOIN seat ON seat.province = cell.province AND ST_Intersects(cell.c, seat.p);

INSERT INTO energy.region_boundary (layer, code, level, parent, name_zh, geom, source, vintage, shipped)
SELECT 'synthetic', d.code, 'province', NULL, d.name_zh, ST_Multi(ST_Union(b.geom)),
       'synthetic: union of the cells of its cities (not a boundary)', '2023', true
  FROM energy.region_boundary b JOIN energy.admin_division d ON d.code = b.parent
 WHERE b.layer = 'synthetic' AND b.level = 'city'
 GROUP BY d.code, d.name_zh;
