-- Benchmark data: a year of readings from 50 000 meters at 5 000
-- institutions in 30 provinces; 10 million rows, carriers in realistic
-- proportions, amounts in each carrier's unit.  Deterministic (no random()).
\set rows 10000000
DROP TABLE IF EXISTS institution, meter, readings, factors, daily CASCADE;
CREATE TABLE institution AS
  SELECT i AS institution_id,
         (ARRAY['110000','120000','130000','140000','150000','210000','220000','230000','310000','320000',
                '330000','340000','350000','360000','370000','410000','420000','430000','440000','450000',
                '460000','500000','510000','520000','530000','610000','620000','630000','640000','650000'])[1 + i % 30]
           AS region
    FROM generate_series(0, 4999) i;
CREATE TABLE meter AS
  SELECT m AS meter_id, m % 5000 AS institution_id,
         (ARRAY['electricity','electricity','electricity','electricity','water','water','natural_gas','heat','diesel','gasoline'])[1 + (m / 5000) % 10]::energy.carrier AS carrier,
         (ARRAY['kWh','kWh','kWh','kWh','m³','m³','m³','GJ','L','L'])[1 + (m / 5000) % 10] AS unit
    FROM generate_series(0, 49999) m;
-- 200 readings per meter, spread over 2023; amounts vary deterministically.
CREATE TABLE readings AS
  SELECT m.meter_id, m.institution_id, i.region, m.carrier, m.unit,
         ('2023-01-01'::date + ((k * 37 + m.meter_id) % 365)) AS day,   -- 37 is prime to 365: 200 distinct days
         (((k::bigint * 7919 + m.meter_id::bigint * 104729) % 100000) / 100.0 + 1)::float8 AS amount
    FROM meter m JOIN institution i USING (institution_id), generate_series(0, 199) k;
-- The idiomatic factor table: standard coal per carrier (numeric and float8).
CREATE TABLE factors AS
  SELECT carrier, kgce_per_unit AS kgce, kgce_per_unit::float8 AS kgce_f8
    FROM energy.coal_factor WHERE factor_set = 'gb2589';
VACUUM ANALYZE readings; ANALYZE meter; ANALYZE factors; ANALYZE institution;

-- Register readings for the meter benchmark: 50 000 meters, 200 cumulative
-- readings each (every 43 h 48 min from 2023-01-01, staggered by meter), a
-- 100000 modulus and rates up to 500 per reading, so fast meters roll over.
DROP TABLE IF EXISTS registers;
CREATE TABLE registers AS
  SELECT m AS meter_id,
         '2023-01-01 00:00+08'::timestamptz + k * interval '43 hours 48 minutes' + (m % 1440) * interval '1 minute' AS ts,
         ((k::bigint * (1 + m % 500) + (k::bigint * 7919 + m) % 97) % 100000)::float8 AS reading
    FROM generate_series(0, 49999) m, generate_series(0, 199) k;
VACUUM ANALYZE registers;
