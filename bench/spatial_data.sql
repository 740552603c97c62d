-- The data of bench/spatial.sh: a boundary layer "bench" of :regions Voronoi
-- regions over Liaoning's box (each a county of the city whose seat is
-- nearest), a model b of :institutions institutions at random points,
-- recorded in the city of the region that contains them, with two years of
-- electricity, water and gas and a profile per year.
INSERT INTO energy.boundary_layer (layer, description, source) VALUES ('bench', 'benchmark regions', 'bench/spatial.sh');
-- REGIONS random points over Liaoning's box, each a county of the city whose seat is nearest
CREATE TEMP TABLE site AS
SELECT n, ST_SetSRID(ST_MakePoint(119.5 + 6 * energy.demo_uniform(1, 'x' || n), 38.7 + 4.6 * energy.demo_uniform(1, 'y' || n)), 4326) AS p
  FROM generate_series(1, :regions) n;
CREATE TEMP TABLE site_city AS
SELECT s.n, s.p, (SELECT c.code FROM energy.city_seat c WHERE c.code LIKE '21%'
                   ORDER BY ST_Distance(s.p, energy.wgs84_point(c.lon, c.lat, c.coord_system)) LIMIT 1) AS city
  FROM site s;
INSERT INTO energy.region_boundary (layer, code, level, parent, name_zh, geom)
SELECT 'bench', left(s.city, 4) || lpad((row_number() OVER (PARTITION BY s.city ORDER BY s.n))::text, 2, '0'), 'county', s.city,
       'region ' || s.n, ST_Multi(ST_Intersection(v.cell, ST_MakeEnvelope(119, 38.2, 126, 43.8, 4326)))
  FROM site_city s
  JOIN (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(p), 0, ST_MakeEnvelope(119, 38.2, 126, 43.8, 4326)))).geom AS cell FROM site) AS v
    ON ST_Intersects(v.cell, s.p);
SELECT energy.create_model('b') \gset
-- a bulk load: live summaries off, rebuilt once afterwards
SELECT energy.set_live('b', false) \gset
-- institutions: random points, recorded in the city of the region that contains them
CREATE TEMP TABLE inst AS
SELECT i, 'B' || lpad(i::text, 6, '0') AS id,
       119.2 + 6.6 * energy.demo_uniform(2, 'x' || i) AS lon, 38.4 + 5.2 * energy.demo_uniform(2, 'y' || i) AS lat
  FROM generate_series(1, :institutions) i;
INSERT INTO b.institution (institution_id, name, region_code, category, longitude, latitude)
SELECT id, 'institution ' || i,
       coalesce((SELECT r.parent FROM energy.region_boundary r
                  WHERE r.layer = 'bench' AND ST_Intersects(r.geom, ST_SetSRID(ST_MakePoint(lon, lat), 4326)) LIMIT 1), '210000'),
       '01', lon, lat
  FROM inst;
INSERT INTO b.profile (institution_id, year, building_area_m2, people)
SELECT id, y, 1000 + i % 5000, 10 + i % 300 FROM inst, generate_series(2022, 2023) y;
INSERT INTO b.consumption (institution_id, carrier, period, amount, unit)
SELECT id, x.carrier::energy.carrier, daterange(make_date(y, 1, 1), make_date(y + 1, 1, 1)),
       x.amount * (1 + (i % 17) / 100.0) * CASE WHEN y = 2023 THEN 0.98 ELSE 1 END, x.unit
  FROM inst, generate_series(2022, 2023) y,
       (VALUES ('electricity', 100000, 'kWh'), ('water', 3000, 'm³'), ('natural_gas', 5000, 'm³')) AS x(carrier, amount, unit);
SELECT energy.set_live('b', true) \gset
-- the timed assignment: every institution placed afresh
CREATE FUNCTION bench_place() RETURNS bigint LANGUAGE sql AS $$
    TRUNCATE b.institution_place;
    SELECT placed FROM energy.place_institutions('b');
$$;
