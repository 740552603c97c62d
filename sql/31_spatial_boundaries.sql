
-- ---------------------------------------------------------------------
-- Boundary layers (per database, shared by the models): a layer is one
-- set of region polygons — the users' own official boundaries, loaded from
-- their GIS department's Shapefile or GeoJSON, or the shipped synthetic
-- layer of the demo.  A model places its institutions in one layer
-- (energy.enable_spatial).  Polygons are MultiPolygons in WGS84
-- (SRID 4326), keyed by GB/T 2260 code.
--
-- Loading: the standard tools put a file into a table of its own, then
-- energy.load_boundaries copies it into a layer —
--   shp2pgsql -s 4490 -W UTF-8 -g geom cities.shp staging.cities | psql
--   ogr2ogr -f PostgreSQL PG:dbname=... cities.geojson -nln staging.cities -lco GEOMETRY_NAME=geom
--   SELECT * FROM energy.load_boundaries('official_2023', 'staging.cities', 'adcode', 'name', ...);
-- It transforms to 4326, repairs invalid polygons (ST_MakeValid) and says
-- so, merges rows of one code, normalises codes (12-digit NBS, 2- and
-- 4-digit short forms) and returns one row per region with what it did;
-- rows it cannot use are returned as rejected, never dropped silently.
-- energy.check_boundaries reports what is still wrong: invalid polygons,
-- codes unknown to energy.admin_division, gaps and overlaps between
-- neighbours, children outside their parent.
-- ---------------------------------------------------------------------

CREATE TABLE energy.boundary_layer (
    layer       text PRIMARY KEY CHECK (layer ~ '^[a-z0-9][a-z0-9_]*$'),
    description text NOT NULL,
    source      text NOT NULL CHECK (source <> ''),
    vintage     text,
    approximate boolean NOT NULL DEFAULT false,
    shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE energy.boundary_layer IS
    'Boundary layers: sets of region polygons (energy.region_boundary) a model can place its institutions in. Add your own (the official boundaries of your GIS department) with energy.load_boundaries; the shipped layer synthetic is made-up test data, not boundaries.';
COMMENT ON COLUMN energy.boundary_layer.layer IS 'Name of the layer (lower case letters, digits, _).';
COMMENT ON COLUMN energy.boundary_layer.description IS 'What the layer is.';
COMMENT ON COLUMN energy.boundary_layer.source IS 'Where the polygons come from (the file, its publisher, its review number).';
COMMENT ON COLUMN energy.boundary_layer.vintage IS 'The date or year the boundaries are valid for.';
COMMENT ON COLUMN energy.boundary_layer.approximate IS 'True for layers that are not boundaries (the synthetic layer): maps drawn from them say so.';
COMMENT ON COLUMN energy.boundary_layer.shipped IS 'True for layers shipped with the extension (read-only, not dumped).';

CREATE TABLE energy.region_boundary (
    layer    text NOT NULL REFERENCES energy.boundary_layer ON UPDATE CASCADE ON DELETE CASCADE,
    code     text NOT NULL CHECK (code ~ '^[1-9][0-9]{5}$'),
    level    text NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent   text,
    name_zh  text NOT NULL CHECK (name_zh <> ''),
    geom     geometry(MultiPolygon, 4326) NOT NULL,
    source   text,
    vintage  text,
    repaired text,
    shipped  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (layer, code),
    CHECK ((level = 'province') = (code ~ '0000$')),
    CHECK (level <> 'city' OR code ~ '00$'),
    CHECK (level <> 'county' OR code !~ '00$'),
    CHECK ((level = 'province') = (parent IS NULL))
);
CREATE INDEX region_boundary_geom ON energy.region_boundary USING gist (geom);
COMMENT ON TABLE energy.region_boundary IS
    'Region polygons of the boundary layers: GB/T 2260 code, level, parent, name, MultiPolygon in WGS84 (SRID 4326, GiST-indexed), source and vintage. Load with energy.load_boundaries, check with energy.check_boundaries.';
COMMENT ON COLUMN energy.region_boundary.layer IS 'The layer (energy.boundary_layer).';
COMMENT ON COLUMN energy.region_boundary.code IS 'Six-digit GB/T 2260 code of the region.';
COMMENT ON COLUMN energy.region_boundary.level IS 'province, city or county (from the code).';
COMMENT ON COLUMN energy.region_boundary.parent IS 'Code of the region one level up (a city''s province, a county''s city); NULL for a province.';
COMMENT ON COLUMN energy.region_boundary.name_zh IS 'Name of the region, as the file gives it (else energy.admin_division''s).';
COMMENT ON COLUMN energy.region_boundary.geom IS 'The region''s area, MultiPolygon, WGS84 (SRID 4326).';
COMMENT ON COLUMN energy.region_boundary.source IS 'Where this polygon comes from, when not the layer''s source.';
COMMENT ON COLUMN energy.region_boundary.vintage IS 'The date or year this polygon is valid for, when not the layer''s.';
COMMENT ON COLUMN energy.region_boundary.repaired IS 'What energy.load_boundaries changed on the way in (invalid polygon made valid, rows merged, code normalised); NULL: loaded as given.';
COMMENT ON COLUMN energy.region_boundary.shipped IS 'True for rows shipped with the extension (read-only, not dumped).';

CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.boundary_layer
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.boundary_layer
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON energy.region_boundary
    FOR EACH ROW EXECUTE FUNCTION energy.reference_guard();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON energy.region_boundary
    FOR EACH STATEMENT EXECUTE FUNCTION energy.reference_guard();
COMMENT ON TRIGGER guard ON energy.boundary_layer IS 'Shipped layers are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.boundary_layer IS 'Shipped layers are read-only.';
COMMENT ON TRIGGER guard ON energy.region_boundary IS 'Shipped polygons are read-only.';
COMMENT ON TRIGGER guard_truncate ON energy.region_boundary IS 'Shipped polygons are read-only.';

SELECT pg_catalog.pg_extension_config_dump('energy.boundary_layer', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('energy.region_boundary', 'WHERE NOT shipped');

-- A code as the files give it → six digits: 12-digit statistics codes
-- (210100000000), short forms (21, 2101), six digits as they are.
CREATE FUNCTION energy.boundary_code(raw text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (SELECT CASE WHEN c ~ '^[1-9][0-9]{5}$' THEN c
                        WHEN c ~ '^[1-9][0-9]{5}000000$' THEN left(c, 6)
                        WHEN c ~ '^[1-9][0-9]$' THEN c || '0000'
                        WHEN c ~ '^[1-9][0-9]{3}$' THEN c || '00' END
              -- a code read as a number (a DBF decimal field: 210100.000, 210100000000.00000000000) without its decimals
              FROM (SELECT regexp_replace(btrim(raw), '^([0-9]+)\.0+$', '\1') AS c) AS t);
COMMENT ON FUNCTION energy.boundary_code(text) IS
    'A region code as boundary files give it, as six digits: 12-digit NBS codes ending in 000000, the short forms 21 / 2101, a number with decimals (DBF); NULL for anything else (a township code, text).';

-- A boundary file's polygons from GCJ-02 or BD-09 to WGS84: each vertex by
-- energy.to_wgs84 (energy_ext, src/coords.c), rings and holes kept, parts
-- in their order.  Many web sources (DataV GeoJSON, Amap) give boundaries in
-- GCJ-02 while saying 4326; taken as WGS84 they lie 50-700 m off, and
-- institutions near a border land in the neighbour.  Parts that are no
-- polygon are left out (load_boundaries keeps only polygons anyway).
CREATE FUNCTION energy.boundary_to_wgs84(geom geometry, coord_system text) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
    SELECT coalesce(ST_Collect(p.poly ORDER BY p.part), ST_SetSRID('MULTIPOLYGON EMPTY'::geometry, 4326))
      FROM (SELECT d.path AS part,
                   (SELECT ST_MakePolygon((array_agg(r.ring ORDER BY r.n))[1], coalesce((array_agg(r.ring ORDER BY r.n))[2:], '{}'))
                      FROM (SELECT rr.path[1] AS n,
                                   ST_MakeLine(ARRAY(SELECT ST_SetSRID(geometry(energy.to_wgs84(ST_X(v.geom), ST_Y(v.geom), boundary_to_wgs84.coord_system)), 4326)
                                                       FROM ST_DumpPoints(ST_ExteriorRing(rr.geom)) AS v ORDER BY v.path[1])) AS ring
                              FROM ST_DumpRings(d.geom) AS rr OFFSET 0) AS r) AS poly  -- (each ring once, not per aggregate)
              FROM ST_Dump(boundary_to_wgs84.geom) AS d
             WHERE ST_GeometryType(d.geom) = 'ST_Polygon') AS p;
    END;
COMMENT ON FUNCTION energy.boundary_to_wgs84(geometry, text) IS
    'The polygons of a geometry in SRID 4326 whose coordinates are in coord_system gcj02 (Amap, Tencent, DataV GeoJSON) or bd09 (Baidu), with every vertex turned into WGS84 by energy.to_wgs84 (rings, holes and parts kept; parts that are no polygon left out) (internal: energy.load_boundaries'' coord_system).';

-- One polygon as loaded: in 4326 (WGS84 coordinates), valid, polygons only.
-- Made valid in the file's coordinates, before any conversion (a collapsed
-- ring cannot be rebuilt); a GCJ-02 or BD-09 polygon's edges are cut to
-- 0.001° before its vertices are converted (the shift is not linear: a
-- straight east-west edge converted by its ends alone parts from the
-- converted edge of a neighbour drawn with more vertices — over 0.3°, slivers
-- of 46 m² when cut to 0.005°, 1 m² at 0.001° in GCJ-02, 31 m² in BD-09);
-- curves (CurvePolygon, MultiSurface of GeoPackage files) are made lines
-- first.  Each step once (OFFSET 0).
CREATE FUNCTION energy.boundary_clean(geom geometry, srid integer, coord_system text,
                                      OUT geom geometry, OUT repaired text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT CASE WHEN k.ok THEN c.g ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(c.g), 3)) END,
           nullif(concat_ws('; ',
               CASE WHEN t.arcs THEN 'curves made lines' END,
               CASE WHEN NOT v.valid THEN 'invalid polygon made valid (' || v.reason || coalesce(' at ' || ST_AsText(v.location), '') || ')' END,
               CASE WHEN NOT k.ok THEN 'made valid again after the conversion to WGS84' END), '')
      FROM (SELECT CASE WHEN x.curved THEN ST_CurveToLine(x.g) ELSE x.g END AS g, x.arcs
              FROM (SELECT s.g, ST_GeometryType(s.g) IN ('ST_CurvePolygon', 'ST_MultiSurface') OR ST_HasArc(s.g) AS curved,
                           ST_HasArc(s.g) AS arcs  -- (a MultiSurface of straight edges, as GeoPackage layers type them, says nothing)
                      FROM (SELECT ST_Transform(ST_Force2D(CASE WHEN ST_SRID($1) = 0 THEN ST_SetSRID($1, $2) ELSE $1 END), 4326) AS g) AS s
                    OFFSET 0) AS x
            OFFSET 0) AS t  -- (computed once, not once per use of t.g)
     CROSS JOIN LATERAL ST_IsValidDetail(t.g) AS v
     CROSS JOIN LATERAL (SELECT ST_Multi(ST_CollectionExtract(CASE WHEN v.valid THEN t.g ELSE ST_MakeValid(t.g) END, 3)) AS g OFFSET 0) AS m
     CROSS JOIN LATERAL (SELECT CASE WHEN $3 = 'wgs84' THEN m.g ELSE energy.boundary_to_wgs84(ST_Segmentize(m.g, 0.001), $3) END AS g
                         OFFSET 0) AS c
     CROSS JOIN LATERAL (SELECT $3 = 'wgs84' OR ST_IsValid(c.g) AS ok) AS k;
    END;
COMMENT ON FUNCTION energy.boundary_clean(geometry, integer, text) IS
    'A polygon as energy.load_boundaries stores it (internal): given SRID srid when it has none, flattened to 2D (a PolygonZ or M of ArcGIS files), transformed to SRID 4326, curves made lines, made valid (ST_MakeValid) if invalid — saying why —, its polygons as one MultiPolygon; when coord_system is gcj02 or bd09, its edges cut to 0.001° and its vertices turned into WGS84 (energy.boundary_to_wgs84), made valid again if that made it invalid.';

-- Whether a polygon's box, transformed to WGS84, lies within ±180°, ±90°: a
-- projected file (metres) given a geographic SRID does not (internal).
CREATE FUNCTION energy.boundary_in_range(geom geometry, srid integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT ST_XMin(b.g) >= -180 AND ST_XMax(b.g) <= 180 AND ST_YMin(b.g) >= -90 AND ST_YMax(b.g) <= 90
      FROM (SELECT ST_Transform(ST_Envelope(ST_Force2D(CASE WHEN ST_SRID($1) = 0 THEN ST_SetSRID($1, $2) ELSE $1 END)), 4326) AS g) AS b;
    END;
COMMENT ON FUNCTION energy.boundary_in_range(geometry, integer) IS
    'Whether a polygon''s bounding box, transformed to WGS84, lies within ±180° longitude and ±90° latitude (internal: energy.load_boundaries rejects the others: a projected file in metres given a geographic SRID).';

CREATE FUNCTION energy.boundary_union(geoms geometry[]) RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(geoms)), 3));
COMMENT ON FUNCTION energy.boundary_union(geometry[]) IS
    'The union of several polygons as one MultiPolygon (internal: rows of one code in a boundary file).';

CREATE FUNCTION energy.geometry_srid(geom geometry) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_SRID(geom);
COMMENT ON FUNCTION energy.geometry_srid(geometry) IS 'ST_SRID, bound at install time (internal).';

CREATE FUNCTION energy.geometry_xmin(geom geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_XMin(geom);
COMMENT ON FUNCTION energy.geometry_xmin(geometry) IS 'ST_XMin, bound at install time (internal).';

CREATE FUNCTION energy.geometry_xmax(geom geometry) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_XMax(geom);
COMMENT ON FUNCTION energy.geometry_xmax(geometry) IS 'ST_XMax, bound at install time (internal).';

CREATE FUNCTION energy.geometry_is_empty(geom geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ST_IsEmpty(geom);
COMMENT ON FUNCTION energy.geometry_is_empty(geometry) IS 'ST_IsEmpty, bound at install time (internal).';

CREATE FUNCTION energy.load_boundaries(
    layer text, source_table regclass, code_column text, name_column text DEFAULT NULL,
    geom_column text DEFAULT 'geom', srid integer DEFAULT NULL,
    source text DEFAULT NULL, vintage text DEFAULT NULL, replace boolean DEFAULT false,
    coord_system text DEFAULT 'wgs84')
    RETURNS TABLE (code text, name_zh text, level text, status text, detail text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    no_srid boolean;
    empty boolean;
BEGIN
    IF source_table IS NULL THEN
        RAISE EXCEPTION 'source_table must not be NULL' USING ERRCODE = '22004',
              HINT = 'Name the table shp2pgsql or ogr2ogr loaded the file into, e.g. ''staging.cities''.';
    END IF;
    IF load_boundaries.coord_system IS NULL OR load_boundaries.coord_system NOT IN ('wgs84', 'gcj02', 'bd09') THEN
        RAISE EXCEPTION 'unknown coordinate system "%"', coalesce(load_boundaries.coord_system, 'NULL') USING ERRCODE = '22023',
              HINT = 'coord_system => ''wgs84'' (GPS; most official files, in SRID 4326 or 4490), ''gcj02'' (Amap, Tencent, DataV GeoJSON) or ''bd09'' (Baidu).';
    END IF;
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %s)', source_table) INTO empty;
    IF empty THEN  -- (the layer was made, empty, and check_boundaries then found nothing wrong with it)
        RAISE EXCEPTION '% has no rows', source_table USING ERRCODE = '22023',
              HINT = 'Load the file into it first (shp2pgsql or ogr2ogr, as the README shows), then call energy.load_boundaries.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM energy.boundary_layer b WHERE b.layer = load_boundaries.layer) THEN
        IF load_boundaries.layer !~ '^[a-z0-9][a-z0-9_]*$' THEN
            RAISE EXCEPTION 'layer name "%" is not a plain lower-case name', load_boundaries.layer USING ERRCODE = '22023',
                  HINT = format('Use lower-case letters, digits and _, e.g. %L (the Chinese name can go into the layer''s description).',
                                coalesce(nullif(trim(BOTH '_' FROM regexp_replace(lower(load_boundaries.layer), '[^a-z0-9]+', '_', 'g')), ''),
                                         'official_2023'));
        END IF;
        IF load_boundaries.source IS NULL OR load_boundaries.layer IS NULL THEN
            RAISE EXCEPTION 'unknown boundary layer "%"', load_boundaries.layer USING ERRCODE = '23503',
                  HINT = 'Give source => ''where the file comes from'' to create the layer, or INSERT INTO energy.boundary_layer (layer, description, source) first.';
        END IF;
        INSERT INTO energy.boundary_layer (layer, description, source, vintage)
        VALUES (load_boundaries.layer,
                'loaded from ' || source_table::text
                || CASE load_boundaries.coord_system WHEN 'gcj02' THEN ' (GCJ-02 coordinates, turned into WGS84)'
                                                     WHEN 'bd09' THEN ' (BD-09 coordinates, turned into WGS84)' ELSE '' END,
                load_boundaries.source, load_boundaries.vintage);
    ELSIF EXISTS (SELECT 1 FROM energy.boundary_layer b WHERE b.layer = load_boundaries.layer AND b.shipped) THEN
        RAISE EXCEPTION 'layer "%" is shipped with the extension and read-only', load_boundaries.layer USING ERRCODE = '42501',
              HINT = 'Load your boundaries into a layer of your own.';
    END IF;
    EXECUTE format('CREATE TEMP TABLE energy_load_boundaries (raw_code text, name text, g %I.geometry) ON COMMIT DROP',
                   energy.postgis_schema());
    EXECUTE format('INSERT INTO energy_load_boundaries SELECT %I::text, %s, %I FROM %s',
                   code_column, CASE WHEN name_column IS NULL THEN 'NULL::text' ELSE format('%I::text', name_column) END,
                   geom_column, source_table);
    -- each polygon's SRID: its own, or the one given
    SELECT bool_or(energy.geometry_srid(t.g) = 0) INTO no_srid FROM energy_load_boundaries t WHERE t.g IS NOT NULL;
    IF no_srid AND load_boundaries.srid IS NULL THEN
        DROP TABLE energy_load_boundaries;
        RAISE EXCEPTION 'the polygons of % have no SRID', source_table USING ERRCODE = '22023',
              HINT = 'Say which coordinate system the file is in: srid => 4326 (WGS84), 4490 (CGCS2000); or load it with shp2pgsql -s <srid>.';
    END IF;
    RETURN QUERY
    WITH src AS (
        SELECT t.raw_code, c.c, t.name, t.g,
               -- a code that ends in 0000 but is no province (100000, the whole country in some files)
               c.c ~ '0000$' AND NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = c.c AND d.level = 'province') AS no_province,
               coalesce(energy.geometry_is_empty(t.g) OR energy.boundary_in_range(t.g, load_boundaries.srid), true) AS in_range
          FROM energy_load_boundaries t CROSS JOIN LATERAL (SELECT energy.boundary_code(t.raw_code) AS c) AS c
    ),
    rejected AS (
        SELECT s.raw_code AS code, s.name AS name_zh, NULL::text AS level, 'rejected'::text AS status,
               CASE WHEN s.c IS NULL THEN 'not a six-digit region code: "' || coalesce(s.raw_code, 'NULL') || '"'
                    WHEN s.no_province THEN 'not a province code: ' || s.c
                                            || CASE WHEN s.c = '100000' THEN ' is the whole country in some files (DataV): leave it out'
                                                    ELSE ' (a province code of energy.admin_division ends in 0000)' END
                    WHEN s.g IS NULL OR energy.geometry_is_empty(s.g) THEN 'no polygon'
                    ELSE 'coordinates outside ±180°, ±90° in WGS84 (x from ' || round(energy.geometry_xmin(s.g)::numeric, 1) || ' to '
                         || round(energy.geometry_xmax(s.g)::numeric, 1) || ' in the file): a file in metres given a geographic SRID? Give the file''s own '
                         || '(its .prj: CGCS2000 Gauss-Krüger zones are 4513-4554, e.g. shp2pgsql -s 4527), or load it with ogr2ogr, which reads the .prj'
               END AS detail
          FROM src s WHERE s.c IS NULL OR s.no_province OR s.g IS NULL OR energy.geometry_is_empty(s.g) OR NOT s.in_range
    ),
    cleaned AS (
        SELECT s.c, s.raw_code, s.name, k.geom, k.repaired
          FROM src s CROSS JOIN LATERAL energy.boundary_clean(s.g, load_boundaries.srid, load_boundaries.coord_system) AS k
         WHERE s.c IS NOT NULL AND NOT s.no_province AND s.g IS NOT NULL AND NOT energy.geometry_is_empty(s.g) AND s.in_range
    ),
    no_area AS (  -- points or lines (a layer of seats loaded by mistake?): nothing of them is a polygon
        SELECT DISTINCT c.c FROM cleaned c
         WHERE energy.geometry_is_empty(c.geom)
           AND NOT EXISTS (SELECT 1 FROM cleaned o WHERE o.c = c.c AND NOT energy.geometry_is_empty(o.geom))
    ),
    merged AS (
        SELECT c.c AS code, min(c.name) AS name, energy.boundary_union(array_agg(c.geom)) AS geom,
               nullif(concat_ws('; ',
                   string_agg(DISTINCT c.repaired, '; '),
                   CASE WHEN count(*) > 1 THEN count(*) || ' rows merged' END,
                   CASE WHEN bool_or(c.raw_code IS DISTINCT FROM c.c) THEN 'code ' || min(c.raw_code) || ' read as ' || c.c END), '') AS repaired
          FROM cleaned c WHERE NOT energy.geometry_is_empty(c.geom) GROUP BY c.c
    ),
    ins AS (
        INSERT INTO energy.region_boundary AS b (layer, code, level, parent, name_zh, geom, source, vintage, repaired)
        SELECT load_boundaries.layer, m.code,
               CASE WHEN m.code ~ '0000$' THEN 'province' WHEN m.code ~ '00$' THEN 'city' ELSE 'county' END,
               CASE WHEN m.code ~ '0000$' THEN NULL
                    ELSE coalesce((SELECT d.parent FROM energy.admin_division d WHERE d.code = m.code),
                                  CASE WHEN m.code ~ '00$' THEN left(m.code, 2) || '0000' ELSE left(m.code, 4) || '00' END) END,
               coalesce(nullif(btrim(m.name), ''), (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = m.code), m.code),
               m.geom,
               -- each region says what its coordinates were (a later load with replace => true may differ)
               CASE load_boundaries.coord_system WHEN 'wgs84' THEN load_boundaries.source
                    ELSE concat_ws(' ', load_boundaries.source,
                                   CASE load_boundaries.coord_system WHEN 'gcj02' THEN '(GCJ-02 coordinates, turned into WGS84)'
                                                                     ELSE '(BD-09 coordinates, turned into WGS84)' END) END,
               load_boundaries.vintage, m.repaired
          FROM merged m
        ON CONFLICT ON CONSTRAINT region_boundary_pkey DO UPDATE
           SET name_zh = excluded.name_zh, geom = excluded.geom, source = excluded.source,
               vintage = excluded.vintage, repaired = excluded.repaired
         WHERE load_boundaries.replace
        RETURNING b.code, b.name_zh, b.level, b.repaired
    )
    SELECT i.code, i.name_zh, i.level, CASE WHEN i.repaired IS NULL THEN 'loaded' ELSE 'repaired' END, i.repaired FROM ins i
    UNION ALL
    SELECT m.code, m.name, NULL, 'rejected',
           'layer ' || load_boundaries.layer || ' has region ' || m.code || ' already: replace => true to overwrite it'
      FROM merged m WHERE NOT load_boundaries.replace AND NOT EXISTS (SELECT 1 FROM ins i WHERE i.code = m.code)
    UNION ALL
    SELECT * FROM rejected
    UNION ALL
    SELECT n.c, NULL, NULL, 'rejected', 'not a polygon (points or lines: a layer of seats or roads?)' FROM no_area n
    ORDER BY 1;
    DROP TABLE energy_load_boundaries;
END
$$;
COMMENT ON FUNCTION energy.load_boundaries(text, regclass, text, text, text, integer, text, text, boolean, text) IS
    'Copies the polygons of a table loaded by shp2pgsql or ogr2ogr into boundary layer layer (created, with source, if new): codes from code_column normalised to six digits (12-digit NBS, 2/4-digit short forms), names from name_column (else energy.admin_division''s), geometry from geom_column transformed to WGS84 (srid: the file''s SRID when the column has none; coord_system gcj02 or bd09: coordinates of Amap, Tencent, DataV or Baidu, each vertex turned into WGS84), invalid polygons made valid, rows of one code merged. Returns one row per region: loaded, repaired (with what was done) or rejected (with why: a code that is not one, no polygon, not a polygon (points, lines), already in the layer without replace => true). Run energy.check_boundaries afterwards.';

-- A layer that exists, or an error (a misspelt layer must not read as a
-- clean one); true, to be used in a query's WHERE.
CREATE FUNCTION energy.layer_require(layer text) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.boundary_layer b WHERE b.layer = layer_require.layer) THEN
        RAISE EXCEPTION 'unknown boundary layer "%"', layer USING ERRCODE = '23503',
              HINT = 'SELECT layer FROM energy.boundary_layer lists them.';
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION energy.layer_require(text) IS
    'True when the boundary layer exists; 23503 with a hint otherwise (internal: check_boundaries, so that a misspelt layer is not read as a clean one).';

-- What is wrong with a layer.  Areas on the spheroid (geography), in km²;
-- tolerance_m2 keeps floating-point slivers out of the gaps and overlaps.
CREATE FUNCTION energy.check_boundaries(layer text, tolerance_m2 double precision DEFAULT 1)
    RETURNS TABLE (problem text, code text, other_code text, detail text, area_km2 double precision, geom geometry)
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    WITH b AS (
        SELECT r.* FROM energy.region_boundary AS r
         WHERE r.layer = check_boundaries.layer AND energy.layer_require(check_boundaries.layer)
    ),
    gap AS (  -- per level: holes in the union of the level's polygons, and each parent's area its children leave uncovered
        SELECT 'gap'::text AS problem, NULL::text AS code, NULL::text AS other_code, h.level,
               ST_MakePolygon(ST_InteriorRingN(h.u, h.n)) AS geom
          FROM (SELECT u.level, u.u, generate_series(1, ST_NumInteriorRings(u.u)) AS n
                  FROM (SELECT d.level, (ST_Dump(ST_Union(d.geom))).geom AS u FROM b AS d GROUP BY d.level) AS u) AS h
        UNION ALL
        SELECT 'gap', p.code, NULL, c.level, ST_Difference(p.geom, ST_Union(c.geom))
          FROM b AS p JOIN b AS c ON c.parent = p.code
         GROUP BY p.code, p.geom, c.level
    )
    SELECT x.problem, x.code, x.other_code, x.detail, x.area_km2, x.geom
      FROM (
        SELECT 'invalid_geometry' AS problem, b.code, NULL::text AS other_code, v.reason || coalesce(' at ' || ST_AsText(v.location), '') AS detail,
               NULL::double precision AS area_km2, b.geom
          FROM b CROSS JOIN LATERAL ST_IsValidDetail(b.geom) AS v WHERE NOT v.valid
        UNION ALL
        SELECT 'repaired', b.code, NULL, b.repaired, NULL, NULL FROM b WHERE b.repaired IS NOT NULL
        UNION ALL
        SELECT 'unknown_code', b.code, NULL, 'not in energy.admin_division: add the code (older vintage?) or fix the file', NULL, NULL
          FROM b WHERE NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = b.code)
        UNION ALL
        SELECT 'name_differs', b.code, NULL, b.name_zh || ' in the layer, ' || d.name_zh || ' in energy.admin_division', NULL, NULL
          FROM b JOIN energy.admin_division d ON d.code = b.code WHERE d.name_zh <> b.name_zh
        UNION ALL
        SELECT 'overlap', a.code, c.code, a.name_zh || ' and ' || c.name_zh || ' overlap', o.km2, o.g
          FROM b AS a JOIN b AS c ON c.level = a.level AND c.code > a.code AND ST_Intersects(a.geom, c.geom)
         CROSS JOIN LATERAL (SELECT i.g, ST_Area(i.g::geography) / 1e6 AS km2
                               FROM (SELECT ST_CollectionExtract(ST_Intersection(a.geom, c.geom), 3) AS g) AS i) AS o
         WHERE o.km2 * 1e6 > check_boundaries.tolerance_m2
        UNION ALL
        SELECT 'outside_parent', c.code, p.code, c.name_zh || ' reaches outside ' || p.name_zh, o.km2, o.g
          FROM b AS c JOIN b AS p ON p.code = c.parent
         CROSS JOIN LATERAL (SELECT i.g, ST_Area(i.g::geography) / 1e6 AS km2
                               FROM (SELECT ST_CollectionExtract(ST_Difference(c.geom, p.geom), 3) AS g) AS i) AS o
         WHERE o.km2 * 1e6 > check_boundaries.tolerance_m2
        UNION ALL
        SELECT g.problem, g.code, NULL,
               CASE WHEN g.code IS NULL THEN 'a hole among the ' || g.level || ' polygons (an enclave missing from the layer?)'
                    ELSE 'area of ' || g.code || ' covered by none of its ' || g.level || ' polygons' END,
               ST_Area(g.geom::geography) / 1e6, g.geom
          FROM gap AS g
         WHERE NOT ST_IsEmpty(g.geom) AND ST_Area(g.geom::geography) > check_boundaries.tolerance_m2
      ) AS x
     ORDER BY x.problem, x.code, x.other_code;
    END;
COMMENT ON FUNCTION energy.check_boundaries(text, double precision) IS
    'What is wrong with a boundary layer, one row per finding: invalid_geometry (with the reason), repaired (what energy.load_boundaries did), unknown_code (not in energy.admin_division), name_differs, overlap (two regions of one level, with the area), outside_parent (a city beyond its province), gap (a hole among a level''s polygons, or a parent''s area none of its children cover), each with its area in km² and its geometry. tolerance_m2 leaves out slivers below it.';

-- Simplified polygons for maps, without gaps or overlaps between neighbours:
-- each shared edge is simplified once (Douglas-Peucker keeps an edge's end
-- nodes, where three regions meet), the faces rebuilt from the simplified
-- edges, and each face given to the region that contains its interior point
-- (a face no region contains — two edges that crossed — to the region it
-- overlaps most; a face inside a hole of the layer to none).
CREATE FUNCTION energy.simplified_boundaries(layer text, level text, tolerance double precision)
    RETURNS TABLE (code text, geom geometry)
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    WITH b AS (
        SELECT r.code, r.geom FROM energy.region_boundary AS r
         WHERE r.layer = simplified_boundaries.layer AND r.level = simplified_boundaries.level
    ),
    edge AS (
        SELECT (ST_Dump(ST_LineMerge(ST_UnaryUnion(ST_Collect(ST_Boundary(b.geom)))))).geom AS e FROM b
    ),
    face AS (
        SELECT (ST_Dump(ST_Polygonize(s.e))).geom AS f
          FROM (SELECT ST_UnaryUnion(ST_Collect(ST_SimplifyPreserveTopology(edge.e, simplified_boundaries.tolerance))) AS e
                  FROM edge) AS s
    ),
    owned AS (
        SELECT coalesce(
                   (SELECT b.code FROM b WHERE ST_Intersects(b.geom, ST_PointOnSurface(face.f)) ORDER BY b.code LIMIT 1),
                   (SELECT b.code FROM b WHERE ST_Intersects(b.geom, face.f) AND ST_Area(ST_Intersection(b.geom, face.f)) > 0
                     ORDER BY ST_Area(ST_Intersection(b.geom, face.f)) DESC, b.code LIMIT 1)) AS code,
               face.f
          FROM face
    )
    SELECT b.code, coalesce(s.g, b.geom)
      FROM b LEFT JOIN (SELECT o.code, ST_Multi(ST_Union(o.f)) AS g FROM owned o WHERE o.code IS NOT NULL GROUP BY o.code) AS s
        ON s.code = b.code
     ORDER BY b.code;
    END;
COMMENT ON FUNCTION energy.simplified_boundaries(text, text, double precision) IS
    'The polygons of one level of a layer simplified for display (tolerance in degrees, e.g. 0.01 at province scale), sharing their simplified edges so that neighbours keep neither gaps nor overlaps: each shared edge simplified once, faces rebuilt (ST_Polygonize) and given to the region containing them. A region too small to keep a face keeps its own polygon.';
