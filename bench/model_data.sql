-- Benchmark data of the reporting model: model "bench" with 5 000
-- institutions in 4 000 real county codes of 31 provinces, their 2023
-- profiles (every 50th without a building area), and a year of consumption:
-- 10 000 000 daily rows of 50 000 meter accounts (200 days each; electricity,
-- water, natural gas, heat and diesel, in kWh, m³, m³, GJ and L) and 60 000
-- monthly electricity bills printed 15th to 15th with inclusive end dates
-- (each shares its last day with the next, crossing a month).
-- Deterministic (no random()).  bench/model.sh times the load and the views.
SELECT energy.create_model('bench', 'benchmark data');
INSERT INTO bench.institution (institution_id, name, region_code, category, department)
SELECT 'I' || lpad(i::text, 5, '0'), 'institution ' || i, c.codes[1 + (i * 7919) % cardinality(c.codes)],
       (ARRAY['01', '021', '022', '023', '024', '025', '026', '03'])[1 + i % 8], 'department ' || i % 40
  FROM generate_series(0, 4999) i,
       (SELECT array_agg(code ORDER BY code) AS codes FROM energy.admin_division WHERE level = 'county' AND kind = 'division') c;
INSERT INTO bench.profile (institution_id, year, building_area_m2, people)
SELECT 'I' || lpad(i::text, 5, '0'), 2023, CASE WHEN i % 50 <> 0 THEN 2000 + (i * 37) % 30000 END, 40 + (i * 13) % 2000
  FROM generate_series(0, 4999) i;
\timing on
INSERT INTO bench.consumption (institution_id, period, carrier, amount, unit, account)
SELECT 'I' || lpad((m % 5000)::text, 5, '0'), daterange(d, d + 1),
       (ARRAY['electricity', 'electricity', 'electricity', 'electricity', 'water', 'water', 'natural_gas', 'heat', 'diesel', 'electricity'])[1 + (m / 5000) % 10]::energy.carrier,
       ((k::bigint * 7919 + m::bigint * 104729) % 100000) / 100.0 + 1,
       (ARRAY['kWh', 'kWh', 'kWh', 'kWh', 'm³', 'm³', 'm³', 'GJ', 'L', 'kWh'])[1 + (m / 5000) % 10],
       'M' || m
  FROM generate_series(0, 49999) m, generate_series(0, 199) k,
       LATERAL (SELECT '2023-01-01'::date + ((k * 37 + m) % 365) AS d) x;
INSERT INTO bench.consumption (institution_id, period, carrier, amount, unit, account)
SELECT 'I' || lpad(i::text, 5, '0'), daterange(s, (s + interval '1 month')::date, '[]'), 'electricity',
       1000 + (i * 7 + mo) % 500, 'kWh', 'B' || i
  FROM generate_series(0, 4999) i, generate_series(0, 11) mo,
       LATERAL (SELECT ('2022-12-15'::date + mo * interval '1 month')::date AS s) x;
\timing off
VACUUM ANALYZE bench.institution, bench.profile, bench.consumption, bench.meter, bench.reading;
