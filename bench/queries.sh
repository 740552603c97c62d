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
