-- What the live ledgers cannot go below while they keep one row per meter
-- month, institution month and institution year (run by bench/live.sh on the
-- loaded time-order model "live", rolled back): the time to write, with
-- values already computed, the summary rows that one time-order batch of
-- 10 000 readings changes when it holds one reading of each of 10 000 meters
-- of every institution and carrier — their 10 000 meter months, the 15 000
-- month ledgers of the month (every institution, carrier and end use), and
-- the 5 000 year ledgers.  Each is an INSERT ... ON CONFLICT DO UPDATE, as
-- the triggers write them.  Prints one line: meter months, month ledgers,
-- year ledgers (rows and ms each), the total ms.
BEGIN;
CREATE TEMP TABLE floor_mm ON COMMIT DROP AS
SELECT meter_id, month, institution_id, carrier, end_use, unit, sum_hi, sum_lo, last_ts, last_reading, last_event
  FROM live.meter_month WHERE month = '2023-07-01' ORDER BY meter_id LIMIT 10000;
CREATE TEMP TABLE floor_ml ON COMMIT DROP AS SELECT * FROM live.month_ledger WHERE month = '2023-07-01';
CREATE TEMP TABLE floor_yl ON COMMIT DROP AS SELECT * FROM live.year_ledger WHERE year = 2023;
CREATE TEMP TABLE floor_ms (step integer, what text, n bigint, ms double precision) ON COMMIT DROP;
DO $floor$
DECLARE
    t timestamptz;
    n bigint;
BEGIN
    t := clock_timestamp();
    INSERT INTO live.meter_month AS o (meter_id, month, institution_id, carrier, end_use, unit,
                                       sum_hi, sum_lo, last_ts, last_reading, last_event)
    SELECT * FROM floor_mm
        ON CONFLICT (meter_id, month) DO UPDATE
       SET sum_hi = excluded.sum_hi, sum_lo = excluded.sum_lo, last_ts = excluded.last_ts,
           last_reading = excluded.last_reading, last_event = excluded.last_event;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO floor_ms VALUES (1, 'meter months', n, extract(epoch FROM clock_timestamp() - t) * 1000);
    t := clock_timestamp();
    INSERT INTO live.month_ledger SELECT * FROM floor_ml
        ON CONFLICT (institution_id, month, end_use, carrier) DO UPDATE SET ledger = excluded.ledger;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO floor_ms VALUES (2, 'month ledgers', n, extract(epoch FROM clock_timestamp() - t) * 1000);
    t := clock_timestamp();
    INSERT INTO live.year_ledger SELECT * FROM floor_yl
        ON CONFLICT (institution_id, year, end_use) DO UPDATE SET ledger = excluded.ledger;
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO floor_ms VALUES (3, 'year ledgers', n, extract(epoch FROM clock_timestamp() - t) * 1000);
END
$floor$;
SELECT string_agg(format('%s %s in %s ms', n, what, round(ms::numeric, 1)), ', ' ORDER BY step)
       || format('; %s ms in all', round(sum(ms)::numeric, 1))
  FROM floor_ms;
ROLLBACK;
