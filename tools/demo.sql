-- A county hospital's 2024 energy and water bills, as they arrive: mixed
-- carriers, Chinese names, the units on the bills.
\pset footer off
CREATE TEMP TABLE bills (carrier energy.carrier, amount float8, unit text, billed date);
INSERT INTO bills VALUES
  ('电力',      86.4,  '万kWh', '2024-12-31'),
  ('天然气',    3.2,   '万m³',  '2024-12-31'),
  ('柴油',      2400,  'L',     '2024-12-31'),   -- standby generators and vehicles
  ('汽油',      5600,  'L',     '2024-12-31'),
  ('热力',      1850,  'GJ',    '2024-12-31'),
  ('光伏发电',  21000, 'kWh',   '2024-12-31'),
  ('水',        4.8,   '万m³',  '2024-12-31');

\echo
\echo 'Each bill in standard coal (GB/T 2589, calorific basis), with the coefficient used and its source:'
SELECT b.carrier, b.amount, b.unit,
       round(e.base_amount::numeric, 1) AS in_base, e.base_unit,
       e.kgce_per_unit || ' kgce/' || e.per_unit AS coefficient,
       coalesce(e.density_kg_per_l || ' kg/L', '') AS density,
       round(e.kgce::numeric, 1) AS kgce, e.grade
  FROM bills b, energy.explain_kgce(b.carrier, b.amount, b.unit, b.billed) e
 WHERE energy.is_energy(b.carrier)
 ORDER BY b.carrier;

\echo 'Totals in tce, with and without on-site PV generation (whether PV counts is a reporting rule), and water, which is not energy:'
SELECT round(sum(energy.tce(carrier, amount, unit, billed))::numeric, 3) AS "all carriers tce",
       round(sum(energy.tce(carrier, amount, unit, billed)) FILTER (WHERE carrier <> 'pv')::numeric, 3)
         AS "without PV tce",
       (SELECT energy.convert_unit(carrier, amount, unit, 'm³') FROM bills WHERE carrier = 'water') AS "water m³"
  FROM bills WHERE energy.is_energy(carrier);
