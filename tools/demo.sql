-- A county hospital in Guangxi (450000): its 2024 energy and water bills, as
-- they arrive: mixed carriers, Chinese names, the units on the bills.
\pset footer off
CREATE TEMP TABLE bills (carrier energy.carrier, amount float8, unit text, billed date);
INSERT INTO bills VALUES
  ('电力',      86.4,  '万kWh', '2024-12-31'),
  ('绿电',      12.0,  '万kWh', '2024-12-31'),   -- green-power trading
  ('天然气',    3.2,   '万m³',  '2024-12-31'),
  ('柴油',      2400,  'L',     '2024-12-31'),   -- standby generators and vehicles
  ('汽油',      5600,  'L',     '2024-12-31'),
  ('热力',      1850,  'GJ',    '2024-12-31'),
  ('光伏发电',  21000, 'kWh',   '2024-12-31'),
  ('水',        4.8,   '万m³',  '2024-12-31');

\echo
\echo 'Each bill in standard coal (GB/T 2589, calorific basis), with the coefficient used and its grade:'
SELECT b.carrier, b.amount, b.unit,
       round(e.base_amount::numeric, 1) AS in_base, e.base_unit,
       e.kgce_per_unit || ' kgce/' || e.per_unit AS coefficient,
       coalesce(e.density_kg_per_l || ' kg/L', '') AS density,
       round(e.kgce::numeric, 1) AS kgce, e.grade
  FROM bills b, energy.explain_kgce(b.carrier, b.amount, b.unit, b.billed) e
 WHERE energy.is_energy(b.carrier)
 ORDER BY b.carrier;

\echo 'Each bill in CO2. The 2024 grid factors are not published yet: the report says so and chooses'
\echo 'explicitly to use the latest published year, and the regional grid where a province has none.'
SET energy.grid_year_policy = 'latest';
SET energy.grid_fallback = 'grid';
SELECT b.carrier, e.scope, e.factor_kind,
       coalesce(e.area || ' ' || e.factor_year, e.factor_set_used, '') AS factor_from,
       round(e.kgco2_per_base_unit::numeric, 4) || ' kg/' || e.base_unit AS kgco2_per_unit,
       round(e.kgco2::numeric, 1) AS location_kgco2,
       round(energy.kgco2(b.carrier, b.amount, b.unit, b.billed, '450000', 'market')::numeric, 1) AS market_kgco2
  FROM bills b, energy.explain_kgco2(b.carrier, b.amount, b.unit, b.billed, '450000') e
 WHERE energy.is_energy(b.carrier)
 ORDER BY b.carrier;

\echo 'Totals: standard coal with and without on-site PV (whether PV counts is a reporting rule),'
\echo 'CO2 by scope (location- and market-based), and water, which is not energy:'
SELECT round(sum(energy.tce(carrier, amount, unit, billed))::numeric, 3) AS "all carriers tce",
       round(sum(energy.tce(carrier, amount, unit, billed)) FILTER (WHERE carrier <> 'pv')::numeric, 3)
         AS "without PV tce",
       round(sum(energy.tco2(carrier, amount, unit, billed, '450000'))
             FILTER (WHERE energy.co2_scope(carrier) = 1)::numeric, 3) AS "scope 1 tCO2",
       round(sum(energy.tco2(carrier, amount, unit, billed, '450000'))
             FILTER (WHERE energy.co2_scope(carrier) = 2)::numeric, 3) AS "scope 2 tCO2 (location)",
       round(sum(energy.tco2(carrier, amount, unit, billed, '450000', 'market'))
             FILTER (WHERE energy.co2_scope(carrier) = 2)::numeric, 3) AS "scope 2 tCO2 (market)",
       (SELECT energy.convert_unit(carrier, amount, unit, 'm³') FROM bills WHERE carrier = 'water') AS "water m³"
  FROM bills WHERE energy.is_energy(carrier);

\echo 'The same year as one ledger (the aggregate a BI tool or a provincial roll-up reads):'
SELECT round(energy.tce(l)::numeric, 3) AS tce, round(energy.tco2(l)::numeric, 3) AS tco2_location,
       round(energy.tco2(l, 'market')::numeric, 3) AS tco2_market, energy.water(l) AS water_m3, energy.rows(l) AS bills
  FROM (SELECT energy.ledger(carrier, amount, unit, billed, '450000') AS l FROM bills) s;

\echo 'The main electricity meter''s register (CT ratio 40, rolls over at 100000), read on the 10th of'
\echo 'each month, and replaced on 2024-07-10: monthly consumption in Beijing time, the intervals that'
\echo 'cross a month end shared by time, with what was found in the register:'
CREATE TEMP TABLE register (ts timestamptz, reading float8, event text);
INSERT INTO register VALUES
  ('2024-01-10 09:00+08', 95210.5, NULL), ('2024-02-10 09:00+08', 97105.0, NULL),
  ('2024-03-10 09:00+08', 98830.2, NULL), ('2024-04-10 09:00+08', 612.8, NULL),      -- rolled over
  ('2024-05-10 09:00+08', 2301.4, NULL),  ('2024-06-10 09:00+08', 4388.0, NULL),
  ('2024-07-10 09:00+08', 6702.9, 'old_final'), ('2024-07-10 09:00+08', 0.0, 'new_initial'),
  ('2024-08-10 09:00+08', 2544.6, NULL),  ('2024-09-10 09:00+08', 4890.1, NULL),
  ('2024-10-10 09:00+08', 6755.3, NULL),  ('2024-11-10 09:00+08', 8311.9, NULL),
  ('2024-12-10 09:00+08', 9973.0, NULL);
SELECT to_char((b).bucket_start AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
       round((b).consumption::numeric, 1) AS kwh
  FROM (SELECT unnest(energy.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 40, event)) AS b
          FROM register) s;
SELECT energy.consumption(s) AS kwh_total, energy.rollovers(s) AS rollovers, energy.replacements(s) AS replacements,
       energy.resets(s) AS resets, energy.reversals(s) AS reversals, energy.readings(s) AS readings
  FROM (SELECT energy.meter_agg(ts, reading, 100000, 40, event) AS s FROM register) s;
