# The benchmark's queries, by name.  Sourced by bench/bench.sh.
# Each is a complete statement whose result is consumed (an outer aggregate),
# so the planner cannot drop the work it measures.

CASE_KGCE="CASE carrier WHEN 'electricity' THEN 0.1229 WHEN 'natural_gas' THEN 1.2143 WHEN 'heat' THEN 0.03412
                        WHEN 'diesel' THEN 1.4571 WHEN 'gasoline' THEN 1.4714 ELSE 0 END"

declare -A Q=(
  [floor]="SELECT sum(amount) FROM readings"
  [ledger]="SELECT energy.kgce(energy.ledger(carrier, amount)) FROM readings"
  [ledger_units]="SELECT energy.kgce(energy.ledger(carrier, amount, unit)) FROM readings"
  [ledger_dated]="SELECT energy.kgce(l) + energy.kgco2(l) FROM (SELECT energy.ledger(carrier, amount, unit, day, region) l FROM readings) s"
  [join_numeric]="SELECT sum(r.amount::numeric * f.kgce) FROM readings r JOIN factors f USING (carrier)"
  [join_float8]="SELECT sum(r.amount * f.kgce_f8) FROM readings r JOIN factors f USING (carrier)"
  [case]="SELECT sum(amount * $CASE_KGCE) FROM readings"
  [g_floor]="SELECT sum(s) FROM (SELECT institution_id, sum(amount) s FROM readings GROUP BY 1) t"
  [g_ledger]="SELECT sum(k) FROM (SELECT institution_id, energy.kgce(energy.ledger(carrier, amount)) k FROM readings GROUP BY 1) t"
  [g_ledger_dated]="SELECT sum(k) FROM (SELECT institution_id, energy.kgce(l) + energy.kgco2(l) k FROM (SELECT institution_id, energy.ledger(carrier, amount, unit, day, region) l FROM readings GROUP BY 1) u) t"
  [g_join_numeric]="SELECT sum(k) FROM (SELECT institution_id, sum(r.amount::numeric * f.kgce) k FROM readings r JOIN factors f USING (carrier) GROUP BY 1) t"
  [g_join_float8]="SELECT sum(k) FROM (SELECT institution_id, sum(r.amount * f.kgce_f8) k FROM readings r JOIN factors f USING (carrier) GROUP BY 1) t"
  [g_case]="SELECT sum(k) FROM (SELECT institution_id, sum(amount * $CASE_KGCE) k FROM readings GROUP BY 1) t"
  [report_raw]="SELECT sum(k) FROM (SELECT region, energy.kgce(l) + energy.kgco2(l) + energy.water(l) k FROM (SELECT region, energy.ledger(carrier, amount, unit, day, region) l FROM readings GROUP BY 1) u) t"
  [report_daily]="SELECT sum(k) FROM (SELECT region, energy.kgce(l) + energy.kgco2(l) + energy.water(l) k FROM (SELECT region, energy.rollup(l) l FROM daily_region GROUP BY 1) u) t"
  [inst_raw]="SELECT sum(k) FROM (SELECT institution_id, energy.kgce(l) + energy.kgco2(l) + energy.water(l) k FROM (SELECT institution_id, energy.ledger(carrier, amount, unit, day, region) l FROM readings GROUP BY 1) u) t"
  [inst_daily]="SELECT sum(k) FROM (SELECT institution_id, energy.kgce(l) + energy.kgco2(l) + energy.water(l) k FROM (SELECT institution_id, energy.rollup(l) l FROM daily_institution GROUP BY 1) u) t"
)

# Meter registers: per-meter monthly consumption (modulus 100000, Asia/Shanghai months).
# The window-function version applies the same rules (rollover when the wrapped step is
# under half the modulus, nothing counted for resets and reverse running) and shares each
# interval among the months it crosses by time, as energy.meter_buckets does.
Q[meter_buckets]="SELECT count(*), sum((b).consumption) FROM (SELECT meter_id, unnest(energy.meter_buckets(ts, reading, 'month', 'Asia/Shanghai', 100000, 1, NULL)) b FROM registers GROUP BY meter_id) s"
Q[meter_window]="WITH steps AS (
    SELECT meter_id, lag(ts) OVER w AS t0, ts AS t1, lag(reading) OVER w AS r0, reading AS r1
      FROM registers WINDOW w AS (PARTITION BY meter_id ORDER BY ts)),
  d AS (
    SELECT meter_id, t0, t1,
           CASE WHEN r1 >= r0 THEN r1 - r0
                WHEN 100000 - r0 + r1 < 50000 THEN 100000 - r0 + r1
                ELSE 0 END AS delta
      FROM steps WHERE t0 IS NOT NULL),
  m AS (
    SELECT meter_id, mon,
           sum(delta * extract(epoch FROM least(t1, mon + interval '1 month') - greatest(t0, mon))
                     / extract(epoch FROM t1 - t0)) AS consumption
      FROM d, generate_series(date_trunc('month', t0), date_trunc('month', t1 - interval '1 microsecond'),
                              interval '1 month') AS mon
     GROUP BY 1, 2)
  SELECT count(*), sum(consumption) FROM m"
Q[meter_lag_naive]="SELECT count(*), sum(c) FROM (SELECT meter_id, date_trunc('month', ts) AS mon, sum(greatest(reading - r0, 0)) c
    FROM (SELECT meter_id, ts, reading, lag(reading) OVER (PARTITION BY meter_id ORDER BY ts) r0 FROM registers) s GROUP BY 1, 2) t"
