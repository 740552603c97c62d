-- The rows of the live-ledger benchmark, defined once for bench/live.sh and
-- bench/live_report_alone.sh (run once per database, after CREATE EXTENSION):
--   bench_live_readings(meters): 200 readings of each meter over 2023, every
--     43.8 hours, meter m offset by m % 3600 seconds; k is the reading's
--     number and m the meter's, to order by;
--   bench_live_bills(institutions): a monthly natural gas and a water bill of
--     each institution for 2023; mo (the month), i (the institution) and c
--     (the carrier) to order by.
CREATE FUNCTION public.bench_live_readings(meters integer)
    RETURNS TABLE (k integer, m integer, meter_id text, ts timestamptz, reading integer)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
SELECT k, m, 'M' || lpad(m::text, 6, '0'),
       '2023-01-01 00:00+08'::timestamptz + k * interval '43.8 hours' + (m % 3600) * interval '1 second',
       k * (10 + m % 50) + (k * k + m) % 7
  FROM generate_series(0, 199) k, generate_series(0, meters - 1) m
$$;
CREATE FUNCTION public.bench_live_bills(institutions integer)
    RETURNS TABLE (mo integer, i integer, c text, institution_id text, period daterange, carrier text,
                   amount integer, unit text, account text)
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
SELECT mo, i, c, 'I' || lpad(i::text, 6, '0'), daterange(s, (s + interval '1 month')::date), c,
       100 + (i * 7 + mo) % 500, 'm³', c || i
  FROM generate_series(0, 11) mo, generate_series(0, institutions - 1) i,
       unnest(ARRAY['natural_gas', 'water']) c,
       LATERAL (SELECT ('2023-01-01'::date + mo * interval '1 month')::date AS s) x
$$;
