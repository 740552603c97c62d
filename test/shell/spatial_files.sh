#!/usr/bin/env bash
# The PostGIS companion with the standard tools and formats:
#  - a GeoJSON file and a Shapefile made here are loaded with ogr2ogr and
#    shp2pgsql and copied into layers by energy.load_boundaries;
#  - a demo model placed in the synthetic layer: the GeoJSON of a map parses
#    (Python and GDAL) with the right features and properties, a vector tile
#    decodes with GDAL's MVT driver, the SVG parses as XML and renders
#    (rsvg-convert) with the status colours in it;
#  - pg_dump/restore keeps the user's layer, the placement and the roll-ups,
#    and the restored trigger places new rows;
#  - energy_ext alone works in a database without PostGIS, and its library
#    links no PostGIS library.
# Runs against the cluster of tools/test.sh (PGHOST/PGPORT/PGUSER set).
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -v ON_ERROR_STOP=1 -qtA -d "$1" -c "$2"; }
dir=$(mktemp -d)
chmod 755 "$dir"
trap 'rm -rf "$dir"; for d in sf_src sf_restored sf_nogis; do dropdb --if-exists $d 2>/dev/null; done' EXIT

createdb sf_src
q sf_src "CREATE EXTENSION energy_ext_postgis CASCADE" 2>/dev/null

# --- a GeoJSON file of two "cities" (squares, made up) with Chinese names
cat >"$dir/cities.geojson" <<'EOF'
{"type": "FeatureCollection",
 "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
 "features": [
  {"type": "Feature", "properties": {"adcode": "210100", "name": "沈阳市"},
   "geometry": {"type": "Polygon", "coordinates": [[[122, 41], [123, 41], [123, 42], [122, 42], [122, 41]]]}},
  {"type": "Feature", "properties": {"adcode": "210200000000", "name": "大连市"},
   "geometry": {"type": "Polygon", "coordinates": [[[123, 41], [124, 41], [124, 42], [123, 42], [123, 41]]]}}
 ]}
EOF
ogr2ogr -f PostgreSQL "PG:dbname=sf_src" "$dir/cities.geojson" -nln staging_gj -lco GEOMETRY_NAME=geom \
  || fail "ogr2ogr could not load the GeoJSON file"
got=$(q sf_src "SELECT string_agg(code || ':' || status, ',' ORDER BY code)
                  FROM energy.load_boundaries('gj', 'staging_gj', 'adcode', 'name', source => 'test GeoJSON')")
[ "$got" = "210100:loaded,210200:repaired" ] || fail "load_boundaries from ogr2ogr: $got"

# --- the same as a Shapefile (UTF-8 DBF), loaded with shp2pgsql
ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$dir/cities.shp" "$dir/cities.geojson" || fail "ogr2ogr could not write the Shapefile"
shp2pgsql -s 4326 -W UTF-8 -g geom "$dir/cities.shp" staging_shp 2>/dev/null | psql -X -q -v ON_ERROR_STOP=1 -d sf_src >/dev/null \
  || fail "shp2pgsql could not load the Shapefile"
got=$(q sf_src "SELECT string_agg(code || ':' || name_zh || ':' || status, ',' ORDER BY code)
                  FROM energy.load_boundaries('shp', 'staging_shp', 'adcode', 'name', source => 'test Shapefile')")
[ "$got" = "210100:沈阳市:loaded,210200:大连市:repaired" ] || fail "load_boundaries from shp2pgsql: $got"
# both layers hold the two squares: 1 square degree each, the same polygons
got=$(q sf_src "SELECT string_agg(a.code || '=' || round(ST_Area(a.geom)::numeric, 9) || '/' || ST_Equals(a.geom, b.geom), ',' ORDER BY a.code)
                  FROM energy.region_boundary a JOIN energy.region_boundary b ON b.code = a.code AND b.layer = 'shp'
                 WHERE a.layer = 'gj'")
[ "$got" = "210100=1.000000000/true,210200=1.000000000/true" ] || fail "loaded layers: $got"
got=$(q sf_src "SELECT count(*) FROM energy.check_boundaries('gj') WHERE problem NOT IN ('repaired')")
[ "$got" = "0" ] || fail "check_boundaries of the GeoJSON layer: $got findings"

# --- a demo model in the synthetic layer
q sf_src "SELECT energy.generate_demo('demo', 0.2, 11)" >/dev/null
q sf_src "SELECT energy.demo_locations('demo', 11)" >/dev/null
got=$(q sf_src "SELECT string_agg(f.rule || '=' || (q.institution_id IS NOT NULL), ',' ORDER BY f.rule)
                  FROM demo.demo_fault f LEFT JOIN demo.data_quality q ON q.institution_id = f.institution_id AND q.rule = f.rule
                 WHERE f.rule LIKE 'location%'")
[ "$got" = "location_mismatch=true,location_outside=true" ] || fail "demo location faults found: $got"

# GeoJSON of Liaoning's cities: 14 features, each a MultiPolygon with the properties
q sf_src "SELECT energy.map_geojson('demo', 'kgce_per_person', 2023, 'city', 0.02, '210000')" >"$dir/map.geojson"
python3 - "$dir/map.geojson" <<'EOF' || fail "GeoJSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["type"] == "FeatureCollection" and d["approximate"] is True, d.keys()
f = d["features"]
assert len(f) == 14, len(f)
assert all(x["geometry"]["type"] == "MultiPolygon" for x in f)
keys = {"code", "name_zh", "value", "change", "coverage", "institutions", "status", "status_basis", "layer", "approximate"}
assert all(set(x["properties"]) == keys for x in f), f[0]["properties"]
assert all(x["properties"]["approximate"] is True and x["properties"]["layer"] == "synthetic" for x in f)
assert [x["properties"]["code"] for x in f] == sorted(x["properties"]["code"] for x in f)
assert all(x["properties"]["code"].startswith("21") for x in f)
EOF
ogrinfo -ro -so -al "$dir/map.geojson" >"$dir/ogrinfo.txt" 2>&1 || fail "GDAL cannot read the GeoJSON: $(cat "$dir/ogrinfo.txt")"
grep -q "Feature Count: 14" "$dir/ogrinfo.txt" || fail "GDAL reads $(grep 'Feature Count' "$dir/ogrinfo.txt")"
grep -q "^approximate: " "$dir/ogrinfo.txt" || fail "GDAL does not see the features' approximate attribute: $(cat "$dir/ogrinfo.txt")"

# A vector tile over Liaoning (z 5, x 26, y 11), decoded by GDAL's MVT driver
mkdir -p "$dir/tiles/5/26"
q sf_src "SELECT encode(energy.map_mvt('demo', 'kgce_per_person', 2023, 'city', 5, 26, 11), 'hex')" | xxd -r -p >"$dir/tiles/5/26/11.pbf"
[ -s "$dir/tiles/5/26/11.pbf" ] || fail "empty tile"
ogrinfo -ro -al "$dir/tiles/5/26/11.pbf" >"$dir/mvt.txt" 2>&1 || fail "GDAL cannot decode the tile: $(head -5 "$dir/mvt.txt")"
grep -q "^Layer name: regions" "$dir/mvt.txt" || fail "no layer regions in the tile"
n=$(grep -c "^OGRFeature(regions)" "$dir/mvt.txt" || true)
[ "$n" -ge 10 ] || fail "the tile has $n features"
grep -q "code (String) = 210100" "$dir/mvt.txt" || fail "Shenyang missing from the tile"
grep -q "status (String) = " "$dir/mvt.txt" || fail "no status attribute in the tile"

# The SVG: well-formed XML, one path per city of Liaoning, renders to PNG with the status colours
q sf_src "SELECT energy.map_svg('demo', 'kgce_per_person', 2023, 'city', 'status', 0.02, 800, 'change', '210000')" >"$dir/map.svg"
rsvg-convert "$dir/map.svg" -o "$dir/map.png" || fail "rsvg-convert cannot render the SVG"
python3 - "$dir/map.svg" "$dir/map.png" <<'EOF' || fail "SVG"
import sys, struct, zlib
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
paths = root.findall(".//" + ns + "path")
assert len(paths) == 14, len(paths)
fills = {p.get("fill") for p in paths}
# decode the PNG (8-bit RGB or RGBA) and count the pixels of each fill colour
data = open(sys.argv[2], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8]); chunk = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", chunk[:10])
    if kind == b"IDAT": idat += chunk
assert (w, h, depth) == (800, 600, 8), (w, h, depth)
bpp = {2: 3, 6: 4}[ctype]
raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
count = {}
for line in rows:
    for x in range(w):
        px = "#%02x%02x%02x" % tuple(line[x * bpp:x * bpp + 3])
        count[px] = count.get(px, 0) + 1
for colour in fills:
    assert count.get(colour, 0) > 200, (colour, count.get(colour, 0))
print("SVG renders:", {c: count[c] for c in fills})
EOF

# --- pg_dump / restore
views() {
  local db=$1 r
  for r in "demo.spatial_region_year" "demo.institution_place" "demo.location_quality" "demo.data_quality" "energy.spatial_model" \
           "(SELECT layer, code, ST_AsEWKB(geom) FROM energy.region_boundary)" "(SELECT * FROM energy.boundary_layer)"; do
    echo "$r $(q "$db" "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM $r t")"
  done
}
want=$(views sf_src)
pg_dump -Fc -d sf_src -f "$dir/db.dump"
createdb sf_restored
pg_restore --exit-on-error -d sf_restored "$dir/db.dump" || fail "pg_restore reported errors"
got=$(views sf_restored)
[ "$got" = "$want" ] || fail "restored database differs: $(diff <(echo "$want") <(echo "$got"))"
q sf_restored "INSERT INTO demo.institution (institution_id, name, region_code, category, longitude, latitude)
               SELECT 'NEW-1', 'new', '210100', '01', ST_X(energy.wgs84_point(lon, lat, coord_system)), ST_Y(energy.wgs84_point(lon, lat, coord_system))
                 FROM energy.city_seat WHERE code = '210100'"
got=$(q sf_restored "SELECT city_code FROM demo.institution_place WHERE institution_id = 'NEW-1'")
[ "$got" = "210100" ] || fail "the restored trigger placed NEW-1 in '$got'"
got=$(q sf_restored "SELECT count(*) FROM energy.region_boundary WHERE layer = 'synthetic'")
[ "$got" = "30" ] || fail "restored synthetic layer has $got regions (shipped rows dumped twice?)"

# --- energy_ext without PostGIS
createdb sf_nogis
q sf_nogis "CREATE EXTENSION energy_ext"
q sf_nogis "SELECT energy.create_model('m')" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d sf_nogis -v model=m -f test/data/model_fixture.sql
got=$(q sf_nogis "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")
[ "$got" = "0" ] || fail "postgis got installed"
got=$(q sf_nogis "SELECT count(*) > 0 FROM m.region_year")
[ "$got" = "t" ] || fail "region_year without PostGIS"
if err=$(q sf_nogis "CREATE EXTENSION energy_ext_postgis" 2>&1); then fail "energy_ext_postgis installed without postgis"; fi
grep -q 'required extension "postgis" is not installed' <<<"$err" || fail "unexpected error: $err"
lib=$("${PGBIN:-/usr/lib/postgresql/15/bin}/pg_config" --pkglibdir)
if ldd "$lib/energy_ext.so" | grep -Eiq 'lwgeom|geos|proj|postgis'; then fail "energy_ext.so links a PostGIS library"; fi
echo "spatial files: ok"
