-- The 2023 province and city report of bench/live.sh (@model@ is the model):
-- standard coal, CO2, water, per m² and per person, as ratios of sums over
-- the institutions that have both figures.  First from the live summaries,
-- then the same figures computed from the raw rows (readings and bills),
-- the way a report did without summaries.  Rounded to 4 decimals so that
-- the two can be compared row by row.
-- summaries
SELECT level, region_code, round(kgce::numeric, 4) AS kgce, round(kgco2::numeric, 4) AS kgco2,
       round(water_m3::numeric, 4) AS water_m3, round(kgce_per_m2::numeric, 4) AS kgce_per_m2,
       round(kgce_per_person::numeric, 4) AS kgce_per_person, round(water_m3_per_person::numeric, 4) AS water_m3_per_person,
       round(kgco2_per_m2::numeric, 4) AS kgco2_per_m2
  FROM @model@.region_year
 WHERE year = 2023 AND level IN ('province', 'city')
 ORDER BY 1, 2;
-- raw
WITH mm AS (  -- each meter's months, from all its readings
    SELECT x.meter_id, (b.bucket_start AT TIME ZONE 'Asia/Shanghai')::date AS month, b.consumption
      FROM (SELECT r.meter_id, energy.meter_buckets(r.ts, r.reading, 'month', 'Asia/Shanghai', m.modulus, m.multiplier, r.event) AS bk
              FROM @model@.reading r JOIN @model@.meter m ON m.meter_id = r.meter_id GROUP BY r.meter_id) x
     CROSS JOIN LATERAL unnest(x.bk) b
),
parts AS (  -- and the bills' monthly parts
    SELECT m.institution_id, mm.month, m.end_use, m.carrier, m.unit, mm.month AS day, mm.consumption AS amount
      FROM mm JOIN @model@.meter m ON m.meter_id = mm.meter_id
    UNION ALL
    SELECT institution_id, month, end_use, carrier, unit, day, amount FROM @model@.consumption_part
),
ml AS (  -- converted per institution, month, end use and carrier
    SELECT p.institution_id, p.month, p.end_use, energy.ledger(p.carrier, p.amount, p.unit, p.day, i.region_code) AS l
      FROM parts p JOIN @model@.institution i ON i.institution_id = p.institution_id
     GROUP BY p.institution_id, p.month, p.end_use, p.carrier
),
iy AS (  -- per institution and year
    SELECT y.institution_id, i.region_code, p.building_area_m2 AS area, p.people,
           CASE WHEN energy.kgce_missing_rows(y.l) = 0 AND energy.rows(y.l) > energy.rows(y.l, 'water') THEN energy.kgce(y.l) END AS kgce,
           CASE WHEN energy.co2_missing_rows(y.l) = 0 AND energy.rows(y.l) > energy.rows(y.l, 'water') THEN energy.kgco2(y.l) END AS kgco2,
           CASE WHEN energy.rows(y.l, 'water') > 0 THEN energy.water(y.l) END AS water
      FROM (SELECT ml.institution_id, energy.rollup(ml.l) AS l FROM ml JOIN energy.end_use e ON e.code = ml.end_use
             WHERE e.additive AND ml.month >= '2023-01-01' AND ml.month < '2024-01-01' GROUP BY ml.institution_id) y
      JOIN @model@.institution i ON i.institution_id = y.institution_id
      LEFT JOIN @model@.profile p ON p.institution_id = y.institution_id AND p.year = 2023
)
SELECT g.level, g.code, round(sum(kgce::numeric)::float8::numeric, 4), round(sum(kgco2::numeric)::float8::numeric, 4),
       round(sum(water::numeric)::float8::numeric, 4),
       round((sum(kgce::numeric) FILTER (WHERE kgce IS NOT NULL AND area > 0) / nullif(sum(area::numeric) FILTER (WHERE kgce IS NOT NULL AND area > 0), 0))::float8::numeric, 4),
       round((sum(kgce::numeric) FILTER (WHERE kgce IS NOT NULL AND people > 0) / nullif(sum(people::numeric) FILTER (WHERE kgce IS NOT NULL AND people > 0), 0))::float8::numeric, 4),
       round((sum(water::numeric) FILTER (WHERE water IS NOT NULL AND people > 0) / nullif(sum(people::numeric) FILTER (WHERE water IS NOT NULL AND people > 0), 0))::float8::numeric, 4),
       round((sum(kgco2::numeric) FILTER (WHERE kgco2 IS NOT NULL AND area > 0) / nullif(sum(area::numeric) FILTER (WHERE kgco2 IS NOT NULL AND area > 0), 0))::float8::numeric, 4)
  FROM iy CROSS JOIN LATERAL (VALUES ('province', left(iy.region_code, 2) || '0000'),
                                     ('city', CASE WHEN iy.region_code NOT LIKE '__0000' THEN left(iy.region_code, 4) || '00'
                                                   ELSE iy.region_code END)) AS g(level, code)
 GROUP BY g.level, g.code
 ORDER BY 1, 2;
-- end
