\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
-- Coordinate systems (src/coords.c).  The expected values are those
-- published with wandergis/coordtransform (test/app.js) for (116.404, 39.915):
--   WGS84 → GCJ-02  (116.41024449916938, 39.91640428150164)
--   GCJ-02 → BD-09  (116.41036949371029, 39.92133699351021)
--   BD-09 → GCJ-02  (116.39762729119315, 39.90865673957631)
--   GCJ-02 → WGS84, one step  (116.39775550083061, 39.91359571849836)
BEGIN;
SELECT * FROM no_plan();

SELECT is(array[round(p[0]::numeric, 12), round(p[1]::numeric, 12)], ARRAY[116.410244499169, 39.916404281502],
          'WGS84 → GCJ-02 as published') FROM (SELECT energy.wgs84_to_gcj02(point(116.404, 39.915)) AS p) x;
SELECT is(array[round(p[0]::numeric, 12), round(p[1]::numeric, 12)], ARRAY[116.410369493710, 39.921336993510],
          'GCJ-02 → BD-09 as published') FROM (SELECT energy.gcj02_to_bd09(point(116.404, 39.915)) AS p) x;
SELECT is(array[round(p[0]::numeric, 12), round(p[1]::numeric, 12)], ARRAY[116.397627291193, 39.908656739576],
          'BD-09 → GCJ-02 as published') FROM (SELECT energy.bd09_to_gcj02(point(116.404, 39.915)) AS p) x;
SELECT ok(abs(f[0] - 116.404) < 1e-12 AND abs(f[1] - 39.915) < 1e-12,
          'GCJ-02 → WGS84 maps back to the given point within 1e-12°')
  FROM (SELECT energy.wgs84_to_gcj02(energy.gcj02_to_wgs84(point(116.404, 39.915))) AS f) x;
SELECT ok(abs(w[0] - 116.39775550083061) BETWEEN 1e-7 AND 1e-6,
          'and lies 1e-7 to 1e-6° from the one-step inverse (116.39775550083061)')
  FROM (SELECT energy.gcj02_to_wgs84(point(116.404, 39.915)) AS w) x;
SELECT ok(abs(b[0] - 116.404) < 1e-6 AND abs(b[1] - 39.915) < 1e-6, 'BD-09 and back within 1e-6° (the published formula pair is not an exact inverse)')
  FROM (SELECT energy.gcj02_to_bd09(energy.bd09_to_gcj02(point(116.404, 39.915))) AS b) x;
SELECT ok(energy.wgs84_to_gcj02(point(2.35, 48.85)) ~= point(2.35, 48.85), 'outside China''s box: no shift (Paris)');
SELECT ok(energy.gcj02_to_wgs84(point(72.0, 30)) ~= point(72.0, 30), 'a GCJ-02 point outside the box is its own WGS84 point');
SELECT ok(abs(b[0] - 72.01) < 1e-12 AND abs(b[1] - 30) < 1e-12, 'just inside the box''s western edge, GCJ-02 → WGS84 maps back too')
  FROM (SELECT energy.gcj02_to_wgs84(energy.wgs84_to_gcj02(point(72.01, 30))) AS b) x;
SELECT ok(energy.to_wgs84(116.404, 39.915, 'wgs84') ~= point(116.404, 39.915), 'to_wgs84: wgs84 as given');
SELECT ok(energy.to_wgs84(116.404, 39.915, 'gcj02') ~= energy.gcj02_to_wgs84(point(116.404, 39.915)), 'to_wgs84: gcj02 inverted');
SELECT ok(energy.to_wgs84(116.404, 39.915, 'bd09') ~= energy.gcj02_to_wgs84(energy.bd09_to_gcj02(point(116.404, 39.915))),
          'to_wgs84: bd09 via GCJ-02');
SELECT throws_ok($$SELECT energy.to_wgs84(116.404, 39.915, 'utm')$$, '22023', 'unknown coordinate system "utm"', 'an unknown system');
SELECT throws_ok($$SELECT energy.to_wgs84(116.404, 91, 'wgs84')$$, '22023', 'invalid location (116.404, 91)', 'a latitude beyond 90°');
SELECT throws_ok($$SELECT energy.wgs84_to_gcj02(point('NaN', 30))$$, '22023', 'invalid location (NaN, 30)', 'NaN');
SELECT ok(energy.to_wgs84(NULL, 39.915, 'wgs84') IS NULL, 'NULL in, NULL out');

SELECT * FROM finish();
ROLLBACK;
