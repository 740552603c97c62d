-- Institutions, profiles and meters of a live-ledger benchmark model (run by
-- bench/live.sh with :model, :institutions and :meters): institutions in
-- real county codes of all provinces, their 2023 profiles (every 50th without
-- a building area), ten meters each (7 electricity, 2 water, 1 natural gas;
-- registers wrapping at 1 000 000).  Deterministic.
SELECT energy.create_model(:'model', 'live-ledger benchmark');
-- 2023 has no published grid factors yet: the regional grid's, then the latest
UPDATE energy.model SET grid_fallback = 'grid', grid_year_policy = 'latest' WHERE name = :'model';
INSERT INTO :model.institution (institution_id, name, region_code, category, department)
SELECT 'I' || lpad(i::text, 6, '0'), 'institution ' || i, c.codes[1 + (i * 7919) % cardinality(c.codes)],
       (ARRAY['01', '021', '022', '023', '024', '025', '026', '03'])[1 + i % 8], 'department ' || i % 40
  FROM generate_series(0, :institutions - 1) i,
       (SELECT array_agg(code ORDER BY code) AS codes FROM energy.admin_division WHERE level = 'county' AND kind = 'division') c;
INSERT INTO :model.profile (institution_id, year, building_area_m2, people)
SELECT 'I' || lpad(i::text, 6, '0'), 2023, CASE WHEN i % 50 <> 0 THEN 2000 + (i * 37) % 30000 END, 40 + (i * 13) % 2000
  FROM generate_series(0, :institutions - 1) i;
INSERT INTO :model.meter (meter_id, institution_id, carrier, unit, modulus)
SELECT 'M' || lpad(m::text, 6, '0'), 'I' || lpad((m % :institutions)::text, 6, '0'),
       (ARRAY['electricity', 'electricity', 'electricity', 'electricity', 'electricity', 'electricity', 'electricity',
              'water', 'water', 'natural_gas'])[1 + (m / :institutions) % 10]::energy.carrier,
       (ARRAY['kWh', 'kWh', 'kWh', 'kWh', 'kWh', 'kWh', 'kWh', 'm³', 'm³', 'm³'])[1 + (m / :institutions) % 10], 1000000
  FROM generate_series(0, :meters - 1) m;
ANALYZE :model.institution, :model.profile, :model.meter;
