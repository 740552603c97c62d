
-- =====================================================================
-- 0.2.0 — live ledgers: a model's monthly summaries, kept equal to its raw
-- rows as they are written, so that reports never rescan the raw rows.
--
--   meter_month   meter × month (local time): consumption from the
--                 register readings, as energy.meter_buckets gives it
--   month_ledger  institution × month × end use × carrier: an energy.ledger
--                 of the bills' monthly parts and the meters' months, each
--                 converted with the factors of its date and the
--                 institution's region
--   year_ledger   institution × year × end use: energy.rollup of the months
--
-- How they stay current.  Statement triggers (transition tables: one run
-- per INSERT, COPY, UPDATE or DELETE, however many rows) find what the
-- statement touched and recompute just that from the raw rows:
--   * readings appended after a meter's last one (a feed, a load in time
--     order) continue its last month: meter_month keeps each month's
--     compensated sum and the reading that ends it, and energy.meter_months
--     carries on from them to the same bits as a walk of the whole series
--     (unless the statement is a bulk load of energy.live_bulk_rows readings
--     or more, a million unless set: folding a transition table that large
--     costs more than reading each meter's window, the next way);
--   * any other reading changes the intervals to its neighbours, so the months from
--     its previous reading's month to its next reading's month of that meter
--     are recomputed — from a window of readings that begins with the last
--     reading before those months and ends with the first one after them,
--     which gives every month inside exactly what the meter's whole series
--     gives it (energy.meter_buckets shares each interval by time);
--   * a consumption row changes the months it covers, and a bill also the
--     months of the bill before it in its chain (which gives away its last
--     day when this one starts on it);
--   * a meter's settings (multiplier, modulus, on_decrease, carrier, unit,
--     end use, institution) or an institution's region change all their
--     months;
--   * TRUNCATE empties what came from the table.
-- Then the institution-months touched are recomputed from consumption and
-- meter_month (with the model's factor settings, energy.model), and their
-- years from the months, each aggregated in a fixed order.  A change is recomputed,
-- never added or subtracted, so the order rows arrive in, late readings and
-- corrections all end with the figures a recomputation from the raw rows
-- gives (energy.verify_model checks; energy.rebuild_model recomputes all).
--
-- Concurrency: each statement first takes transaction-level advisory locks
-- on the institutions it touches (by bucket, in sorted order:
-- energy.model_lock), and only then reads the raw
-- rows (READ COMMITTED reads them afresh after the lock), so two sessions
-- writing readings of one institution and month wait for each other instead
-- of losing each other's rows.  Under REPEATABLE READ or SERIALIZABLE the
-- second writer fails with a serialization failure (or a duplicate key on a
-- month both created) and must retry: loud, never lost.  Under SERIALIZABLE
-- so may two writers of a new model, or the first two after factors or
-- settings changed, that both record the basis (ledger_basis).
--
-- Replacement pairs split over two statements (a COPY batch ending with the
-- old meter's final reading) are accepted: an old_final with nothing after it
-- yet, or a new_initial with nothing before it, counts as a plain reading,
-- which gives the same consumption; data_quality names the unpaired event.
-- =====================================================================

-- The last binary digit of a double (src/grid.c): the grid month_parts puts
-- a row's parts on.
CREATE FUNCTION energy.grid_unit(amount double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_grid_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.grid_unit(double precision) IS
    'The unit in the last place of a double (2^(e−53) for amount = m × 2^e, 0.5 ≤ |m| < 1; at least 2^−1074; 1 for 0): every double of its binade and below is a whole multiple of it. energy.month_parts puts a row''s monthly parts on this grid of its amount, so that they add up to it exactly. NaN and infinity are an error (22023).';

-- The monthly parts of one row over [period_start, period_end), as
-- energy.prorate(daterange, amount, 'month') gives them: by days, each
-- amount × days / total days rounded half away from zero to 9 decimals, the
-- last month getting the rest.  day is the part's first day (its factors'
-- date).  Each part is then put on the binary grid of the amount: a whole
-- number q of u = energy.grid_unit(amount), the last binary digit of the
-- amount as a double (at most 2^-52 of it), the nearest one (a part moves
-- by at most u), and the last part is what the others leave of the amount
-- (moving by at most u times the months).  The q are counted in bigint, so
-- that their sum is exact even where the 9-decimal shares, each rounded up,
-- add up to more than the amount (an amount just below a power of two, or a
-- few nanounits over many months): the last part is (amount/u − Σ others)
-- units, exact.  Every part is then a whole multiple of u (scaling by a power
-- of two is exact), and they add up exactly to the row's amount as a double
-- in the ledgers' compensated sums (a plain double sum can round where the
-- shares overshoot past 2^53 u).  The ledgers sum them without error, and a year's figure is the
-- ledger of the row taken whole (100 kWh over 2022 is 12.29 kgce, not the
-- 12.290000000000001 that the nearest doubles of the 9-decimal parts gave).
-- The grid adds expressions, no query level: this function is inlined into
-- the live ledgers' queries, which are planned at every statement (a query
-- level more, to work u out once per row, doubled their planning: a one-row
-- statement of readings took 12.0 ms with it against 9.8 without the grid,
-- and as long as without the grid this way, within the noise of three runs;
-- 200 000 bills of 1 to 13 months, 1.5 million parts: 14.7 and 17.0 s this
-- way against 12.0 and 14.3 s without the grid; 2026-12-02, development
-- machine).  An SQL function PostgreSQL inlines into the
-- queries that call it; its body is parsed once, when it is created (BEGIN
-- ATOMIC), so that no search_path of a caller's can put another div() or
-- operator in it.
CREATE FUNCTION energy.month_parts(period_start date, period_end date, amount numeric,
    OUT month date, OUT day date, OUT part double precision)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 2
BEGIN ATOMIC
SELECT date_trunc('month', period_start::timestamp)::date, period_start, amount::double precision
 WHERE period_end <= (date_trunc('month', period_start::timestamp) + interval '1 month')::date
UNION ALL
SELECT s.start::date, s.day,
       CASE WHEN s.n = s.months THEN ((amount::double precision / s.u)::bigint - (s.qs - s.q))::double precision * s.u
            ELSE s.q::double precision * s.u END
  FROM (SELECT m.start, greatest(m.start::date, period_start) AS day, r.q, x.u,
               row_number() OVER (ORDER BY m.start) AS n, count(*) OVER () AS months, sum(r.q) OVER () AS qs
          FROM generate_series(date_trunc('month', period_start::timestamp), (period_end - 1)::timestamp, interval '1 month') AS m(start)
         CROSS JOIN LATERAL (SELECT amount * (least((m.start + interval '1 month')::date, period_end)
                                              - greatest(m.start::date, period_start)) * 1000000000 AS x,
                                    period_end - period_start AS total,
                                    energy.grid_unit(amount::double precision) AS u) AS x
         CROSS JOIN LATERAL (SELECT div(x.x, x.total) AS q) AS q
         -- the 9-decimal share, rounded half away from zero, in whole units u
         CROSS JOIN LATERAL (SELECT round(((q.q + sign(x.x) * (2 * abs(x.x - q.q * x.total) >= x.total)::integer)
                                           * 0.000000001)::double precision / x.u)::bigint AS q) AS r) AS s
 WHERE period_end > (date_trunc('month', period_start::timestamp) + interval '1 month')::date;
END;
COMMENT ON FUNCTION energy.month_parts(date, date, numeric) IS
    'The calendar months of [period_start, period_end) with their parts of amount, as energy.prorate(daterange, amount, ''month'') splits it (9-decimal shares by days, the rest on the last month), each then on the binary grid of the amount (a whole multiple of its last binary digit, the last part taking the rest) so that the parts, as doubles, add up exactly to the amount as a double; day is each part''s first day.';

-- The end a consumption row is calendarised to (alias c): a bill (over more
-- than one day) whose last day is the first day of the next bill of its
-- chain (same institution, carrier, end use and account) gives that day away
-- — ENERGY STAR Portfolio Manager's rule.  A credit (a negative amount) is
-- no next bill: it takes no day.  Used by the view consumption_period and by
-- the live ledgers.  Two look-ups, each through an index: a next bill over
-- more than one day (consumption_chain, which indexes those only), a one-day
-- next record (which ends where c ends: consumption_month).
CREATE FUNCTION energy.model_chain_end_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $sql$upper(c.period) - CASE WHEN upper(c.period) - lower(c.period) > 1 AND (EXISTS (
                                   SELECT 1 FROM @model@.consumption AS n
                                    WHERE n.institution_id = c.institution_id AND n.carrier = c.carrier
                                      AND lower(n.period) = upper(c.period) - 1 AND upper(n.period) - lower(n.period) > 1
                                      AND n.end_use = c.end_use AND n.account IS NOT DISTINCT FROM c.account AND n.amount >= 0)
                                   OR EXISTS (
                                   SELECT 1 FROM @model@.consumption AS n
                                    WHERE n.institution_id = c.institution_id AND upper(n.period) = upper(c.period)
                                      AND lower(n.period) = upper(c.period) - 1 AND n.carrier = c.carrier
                                      AND n.end_use = c.end_use AND n.account IS NOT DISTINCT FROM c.account AND n.amount >= 0))
                              THEN 1 ELSE 0 END$sql$;
COMMENT ON FUNCTION energy.model_chain_end_sql() IS
    'SQL of the day after the last day a consumption row c is calendarised over (Portfolio Manager''s chain rule), with @model@ for the schema (internal).';

-- What a ledger says, as text: rows, what lacked a factor, and each
-- carrier's amount and standard coal and the CO2, every double printed
-- exactly.  energy.verify_model compares ledgers by it (two ledgers of the
-- same rows summed in another order differ in the last bits of their
-- compensated sums' low parts, and can differ in the last bit of these
-- figures: the live ledgers aggregate in a fixed order).
CREATE FUNCTION energy.ledger_figures(l energy.ledger) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (
SELECT format('%s rows; %s', energy.rows(l), string_agg(format('%s %s %s = %s kgce', b.carrier, b.amount, b.base_unit,
                                                                  coalesce(b.kgce::text, 'unknown')), ', ' ORDER BY b.carrier))
       || CASE WHEN energy.kgce_missing_rows(l) + energy.co2_missing_rows(l) > 0
               THEN format('; without factors: %s', energy.missing_factors(l))
               ELSE format('; CO2 %s kg (market-based %s kg, scope 1 %s kg, scope 2 %s kg)', energy.kgco2(l), energy.kgco2(l, 'market'),
                           energy.kgco2(l, 'location', 1), energy.kgco2(l, 'location', 2)) END
  FROM energy.breakdown(l) AS b
);
COMMENT ON FUNCTION energy.ledger_figures(energy.ledger) IS
    'What a ledger says, as text: rows, each carrier''s amount and standard coal, the CO2 (or what lacked a factor); energy.verify_model compares summaries by it.';

-- A meter's months with their compensated sums, continuing from a reading
-- already walked (see src/meter.c): the live ledgers fold appended readings
-- without reading the month again, to the same bits as a whole walk.
CREATE TYPE energy.meter_month_sum AS (month_start timestamptz, sum_hi double precision, sum_lo double precision,
                                       last_ts timestamptz, last_reading double precision, last_event text);
COMMENT ON TYPE energy.meter_month_sum IS
    'One month of energy.meter_months: its local start, its consumption as a compensated sum (sum_hi + sum_lo), and the reading that ends its last interval.';
-- Its state as a value, energy.meter_months_state (as energy.meter_state,
-- sql/11_meter_state.sql): the readings so far, the settings, the seed and
-- its month's sum so far, whether to skip; JSON text that reads back exactly
-- and a binary form, and a combine function, so that Citus may run the
-- aggregate partially on its workers (and PostgreSQL in parallel workers).
-- Not an expanded object but one flat value the transition function appends
-- to in place: hash aggregation over many meters stays linear (src/meter.c).
CREATE TYPE energy.meter_months_state;
CREATE FUNCTION energy.meter_months_state_in(cstring) RETURNS energy.meter_months_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_months_state_out(energy.meter_months_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_months_state_recv(internal) RETURNS energy.meter_months_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_months_state_send(energy.meter_months_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE energy.meter_months_state (
    INPUT = energy.meter_months_state_in,
    OUTPUT = energy.meter_months_state_out,
    RECEIVE = energy.meter_months_state_recv,
    SEND = energy.meter_months_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE energy.meter_months_state IS
    'The state of energy.meter_months between rows: one meter''s readings so far (any order), its time zone, on_decrease rule, modulus and multiplier, the reading it continues from with its month''s sum so far, and whether to skip. Text form: JSON that reads back exactly (times in microseconds since 2000-01-01 UTC), for Citus to ship partial states between nodes.';
COMMENT ON FUNCTION energy.meter_months_state_in(cstring) IS 'Text input of energy.meter_months_state: the JSON its output prints; validated.';
COMMENT ON FUNCTION energy.meter_months_state_out(energy.meter_months_state) IS 'Text output of energy.meter_months_state: JSON with the settings, the seed and every reading, exact.';
COMMENT ON FUNCTION energy.meter_months_state_recv(internal) IS 'Binary input of energy.meter_months_state; validated (version, settings, flags, seed, finite readings, events).';
COMMENT ON FUNCTION energy.meter_months_state_send(energy.meter_months_state) IS 'Binary output of energy.meter_months_state.';

CREATE FUNCTION energy.meter_months_trans(energy.meter_months_state, timestamptz, double precision, text, double precision,
                                          double precision, text, text, text, double precision, double precision)
    RETURNS energy.meter_months_state AS 'MODULE_PATHNAME', 'meter_months_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_months_combine(energy.meter_months_state, energy.meter_months_state)
    RETURNS energy.meter_months_state AS 'MODULE_PATHNAME', 'meter_months_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_months_final(energy.meter_months_state)
    RETURNS energy.meter_month_sum[] AS 'MODULE_PATHNAME', 'meter_months_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
-- The final function sorts the readings in place.
CREATE AGGREGATE energy.meter_months(ts timestamptz, reading double precision, time_zone text, modulus double precision,
                                     multiplier double precision, event text, on_decrease text, role text,
                                     open_hi double precision, open_lo double precision) (
    SFUNC = energy.meter_months_trans, STYPE = energy.meter_months_state, SSPACE = 4800,
    FINALFUNC = energy.meter_months_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_months_combine, PARALLEL = SAFE);
COMMENT ON FUNCTION energy.meter_months_trans(energy.meter_months_state, timestamptz, double precision, text, double precision,
                                              double precision, text, text, text, double precision, double precision) IS
    'Transition function of energy.meter_months (every row of a meter must give the same time zone and on_decrease rule).';
COMMENT ON FUNCTION energy.meter_months_combine(energy.meter_months_state, energy.meter_months_state) IS
    'Combine function of energy.meter_months (parallel workers, Citus workers): the readings of both, the seed of either (two different seeds are an error), skip if either skips; the settings must agree.';
COMMENT ON FUNCTION energy.meter_months_final(energy.meter_months_state) IS 'Final function of energy.meter_months: the rules, then the intervals shared among months.';
COMMENT ON AGGREGATE energy.meter_months(timestamptz, double precision, text, double precision, double precision, text, text,
                                         text, double precision, double precision) IS
    'One meter''s consumption per month of local time, as meter_buckets(..., ''month'', ...) gives it, as compensated sums. A row''s role: NULL a reading; ''seed'' the last reading already walked, with its month''s sum so far (open_hi, open_lo), to continue from exactly; ''skip'': the result is NULL. Unpaired replacement rows at the ends count as readings; on_decrease ''restart'' counts a drop as a counter restarting from zero (internal to the live ledgers).';

-- ---------------------------------------------------------------------
-- The summary tables of a model (energy.create_model runs this template).
-- ---------------------------------------------------------------------
CREATE FUNCTION energy.model_summaries_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE TABLE @model@.meter_month (
    meter_id    text NOT NULL,
    month       date NOT NULL,
    -- the meter's, copied: an institution-month's meters are read through
    -- one index (meter_month_institution); a meter whose institution,
    -- carrier, end use or unit changes has all its months rewritten
    institution_id text NOT NULL,
    carrier     energy.carrier NOT NULL,
    end_use     text NOT NULL,
    unit        text,
    consumption  double precision NOT NULL GENERATED ALWAYS AS (sum_hi + sum_lo) STORED,
    sum_hi       double precision NOT NULL,
    sum_lo       double precision NOT NULL,
    last_ts      timestamptz NOT NULL,
    last_reading double precision NOT NULL,
    last_event   text NOT NULL,
    PRIMARY KEY (meter_id, month)
) WITH (fillfactor = 50);  -- room on each page to rewrite a month in place (HOT updates)
CREATE TABLE @model@.month_ledger (
    institution_id text NOT NULL,
    month          date NOT NULL,
    end_use        text NOT NULL,
    carrier        energy.carrier NOT NULL,
    ledger         energy.ledger NOT NULL,
    PRIMARY KEY (institution_id, month, end_use, carrier)
) WITH (fillfactor = 50);
CREATE TABLE @model@.year_ledger (
    institution_id text NOT NULL,
    year           integer NOT NULL,
    end_use        text NOT NULL,
    ledger         energy.ledger NOT NULL,
    PRIMARY KEY (institution_id, year, end_use)
) WITH (fillfactor = 50);
-- what the summaries were computed with (energy.ledger_basis): a row for
-- each basis used since the last rebuild_model; writers only add rows, so
-- no writer waits for another here, and a row holds the true basis whoever
-- adds it (trigger basis_filled)
CREATE TABLE @model@.ledger_basis (
    basis       text[] NOT NULL,
    first_used  timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL CHECK (recorded_by IN ('rows written', 'rebuild_model'))
);
CREATE TRIGGER basis_filled BEFORE INSERT ON @model@.ledger_basis
    FOR EACH ROW EXECUTE FUNCTION energy.model_basis_fill();
-- what the live ledgers look up: a bill and the one before it, the rows of
-- an institution around a month, the meter months of an institution
CREATE INDEX consumption_month ON @model@.consumption (institution_id, (upper(period)));
CREATE INDEX meter_month_institution ON @model@.meter_month (institution_id, month, carrier);

-- the live triggers' functions: the model's own, run as its owner (energy.model_live_functions)
SELECT energy.model_live_functions(@model_name@);
CREATE TRIGGER live_inserted AFTER INSERT ON @model@.reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_reading();
CREATE TRIGGER live_updated AFTER UPDATE ON @model@.reading
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_reading();
CREATE TRIGGER live_deleted AFTER DELETE ON @model@.reading
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_reading();
CREATE TRIGGER live_truncated AFTER TRUNCATE ON @model@.reading
    FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_reading();
CREATE TRIGGER live_inserted AFTER INSERT ON @model@.consumption
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_consumption();
CREATE TRIGGER live_updated AFTER UPDATE ON @model@.consumption
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_consumption();
CREATE TRIGGER live_deleted AFTER DELETE ON @model@.consumption
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_consumption();
CREATE TRIGGER live_truncated AFTER TRUNCATE ON @model@.consumption
    FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_consumption();
CREATE TRIGGER live_inserted AFTER INSERT ON @model@.meter
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_meter();
CREATE TRIGGER live_updated AFTER UPDATE ON @model@.meter
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_meter();
CREATE TRIGGER live_deleted AFTER DELETE ON @model@.meter
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_meter();
CREATE TRIGGER live_inserted AFTER INSERT ON @model@.institution
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_institution();
CREATE TRIGGER live_updated AFTER UPDATE ON @model@.institution
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @model@.live_institution();

COMMENT ON TABLE @model@.meter_month IS '计量表月度消费 (live summary): each meter''s consumption per calendar month of the model''s time zone, as energy.meter_buckets gives it from all the meter''s readings; kept current by the triggers on reading and meter.';
COMMENT ON TABLE @model@.month_ledger IS '月度台账 (live summary, for SQL): one energy.ledger per institution, month, end use and carrier — bills split over months by days (Portfolio Manager''s chain rule), meters from meter_month — converted with the factors of each part''s date and the institution''s region. Kept current as rows are written; energy.verify_model checks it.';
COMMENT ON TABLE @model@.year_ledger IS '年度台账 (live summary, for SQL): one energy.ledger per institution, year and end use, energy.rollup of the year''s month_ledger rows; institution_year and the roll-ups read it.';
COMMENT ON TABLE @model@.ledger_basis IS '台账计算依据 (what the live summaries were computed with): a row for each energy.ledger_basis of the model — version, time zone and conversion settings, a digest of each reference table a conversion reads, frozen years — that computed any summary since rebuild_model last ran (two writers may record one twice). data_quality reports ledgers_stale while a row holds an entry that differs from now.';
COMMENT ON TRIGGER basis_filled ON @model@.ledger_basis IS 'A new row holds the basis of now and the time of now, whatever the INSERT said (energy.model_basis_fill).';
COMMENT ON COLUMN @model@.ledger_basis.basis IS 'energy.ledger_basis(model) as it was: sorted name=value entries.';
COMMENT ON COLUMN @model@.ledger_basis.first_used IS 'When a summary was first computed with it (the transaction''s time).';
COMMENT ON COLUMN @model@.ledger_basis.recorded_by IS '''rows written'' (a statement that wrote rows and computed summaries) or ''rebuild_model''.';
COMMENT ON INDEX @model@.meter_month_pkey IS 'One row per meter and month.';
COMMENT ON INDEX @model@.month_ledger_pkey IS 'One ledger per institution, month, end use and carrier.';
COMMENT ON INDEX @model@.year_ledger_pkey IS 'One ledger per institution, year and end use.';
COMMENT ON INDEX @model@.meter_month_institution IS 'Finds the meter months of an institution and month, and of one carrier (live ledgers).';
COMMENT ON INDEX @model@.consumption_month IS 'Finds an institution''s rows that reach into a month, and the bill before a bill (live ledgers).';
COMMENT ON TRIGGER live_inserted ON @model@.reading IS 'Folds the inserted readings into meter_month and the ledgers (energy.model_reading_live).';
COMMENT ON TRIGGER live_updated ON @model@.reading IS 'Folds the updated readings into meter_month and the ledgers (energy.model_reading_live).';
COMMENT ON TRIGGER live_deleted ON @model@.reading IS 'Takes the deleted readings out of meter_month and the ledgers (energy.model_reading_live).';
COMMENT ON TRIGGER live_truncated ON @model@.reading IS 'Empties meter_month and recomputes the ledgers without meters (energy.model_reading_live).';
COMMENT ON TRIGGER live_inserted ON @model@.consumption IS 'Folds the inserted rows into the ledgers (energy.model_consumption_live).';
COMMENT ON TRIGGER live_updated ON @model@.consumption IS 'Folds the updated rows into the ledgers (energy.model_consumption_live).';
COMMENT ON TRIGGER live_deleted ON @model@.consumption IS 'Takes the deleted rows out of the ledgers (energy.model_consumption_live).';
COMMENT ON TRIGGER live_truncated ON @model@.consumption IS 'Recomputes the ledgers without consumption rows (energy.model_consumption_live).';
COMMENT ON TRIGGER live_inserted ON @model@.meter IS 'Recomputes the months of inserted meters that have readings, deleted and inserted again within a transaction (energy.model_meter_live).';
COMMENT ON TRIGGER live_updated ON @model@.meter IS 'Recomputes the months of meters whose settings changed (energy.model_meter_live).';
COMMENT ON TRIGGER live_deleted ON @model@.meter IS 'Takes deleted meters out of meter_month and the ledgers (energy.model_meter_live).';
COMMENT ON TRIGGER live_inserted ON @model@.institution IS 'Recomputes the ledgers of inserted institutions that have ledgers, deleted and inserted again within a transaction (energy.model_institution_live).';
COMMENT ON TRIGGER live_updated ON @model@.institution IS 'Recomputes the ledgers of institutions whose region changed (energy.model_institution_live).';
$model$;
COMMENT ON FUNCTION energy.model_summaries_sql() IS
    'The live summary tables of a reporting model (meter_month, month_ledger, year_ledger, ledger_basis), their indexes and triggers, as SQL with @model@ for the schema (internal; energy.create_model runs it).';

-- ---------------------------------------------------------------------
-- What the summaries are computed with.  A summary keeps the factors it was
-- converted with: reference rows loaded, revised or deleted later, another
-- setting in energy.model, a year reopened, or another version of
-- energy_ext change no summary until it is recomputed.  So every statement
-- that computes summaries makes sure that what it computes with is recorded
-- in the model's ledger_basis (a row for each basis used since the last
-- rebuild_model), and data_quality names every entry of a recorded basis
-- that differs now (ledgers_stale) — also after a change undone, if rows
-- were computed in between.
-- ---------------------------------------------------------------------

-- The six settings of energy.model a model's conversions use, by the name of
-- the session setting each stands for.
CREATE FUNCTION energy.model_conversion_settings(model name) RETURNS TABLE (name text, value text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT s.name, s.value
  FROM energy.model AS m
 CROSS JOIN LATERAL (VALUES ('energy.factor_set', m.factor_set), ('energy.co2_set', m.co2_set),
                            ('energy.grid_set', m.grid_set), ('energy.grid_basis', m.grid_basis),
                            ('energy.grid_year_policy', m.grid_year_policy), ('energy.grid_fallback', m.grid_fallback)) AS s(name, value)
 WHERE m.name = model_conversion_settings.model
$$;
COMMENT ON FUNCTION energy.model_conversion_settings(name) IS
    'A model''s conversion settings in energy.model (factor_set, co2_set, grid_set, grid_basis, grid_year_policy, grid_fallback) by the session setting each stands for (energy.factor_set, ...).';

-- name=value entries, sorted: the version of energy_ext, the model's time
-- zone and conversion settings, one digest per reference table a conversion
-- reads (any change of a row, its note included, changes it), and each
-- frozen year with the time it was frozen.  Freezing a year changes no
-- figure (it ignores rows loaded after the freeze, and those change a digest
-- themselves), so a year frozen since is no difference; a year reopened or
-- frozen again is.  About 1.4 ms with the shipped reference data (on the
-- development machine), once per statement that computes summaries.
CREATE FUNCTION energy.ledger_basis(model name) RETURNS text[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT array_agg(x.entry ORDER BY x.entry COLLATE "C")
  FROM (SELECT 'energy_ext=' || e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'energy_ext'
        UNION ALL
        SELECT 'energy.model.time_zone=' || m.time_zone FROM energy.model AS m WHERE m.name = ledger_basis.model
        UNION ALL
        SELECT 'energy.model.' || substr(s.name, length('energy.') + 1) || '=' || s.value
          FROM energy.model_conversion_settings(ledger_basis.model) AS s
        UNION ALL
        SELECT 'energy.' || d.reference || '=' || d.digest
          FROM energy.reference_digests(ARRAY['factor_set', 'coal_factor', 'density', 'co2_factor', 'grid_factor', 'region']) AS d
        UNION ALL
        SELECT 'energy.frozen_year ' || f.data_year || '=' || extract(epoch FROM f.frozen_at)
          FROM energy.frozen_year AS f) AS x(entry)
$$;
COMMENT ON FUNCTION energy.ledger_basis(name) IS
    'What a model''s live summaries are computed with now, as sorted name=value entries: the energy_ext version, the model''s time zone and conversion settings (energy.model), an md5 of each reference table a conversion reads (factor_set, coal_factor, density, co2_factor, grid_factor, region) and each frozen year with its freezing time. Recorded in the model''s ledger_basis by every statement that computes summaries; data_quality compares.';

-- Called wherever summaries are computed (energy.model_refold): records the
-- basis they are computed with unless it is recorded already.  An INSERT of
-- a row, never an UPDATE: writers of a new model do not wait for each other
-- (two may record the same basis twice).  The row's basis and time are the
-- trigger's (energy.model_basis_fill).
CREATE FUNCTION energy.model_basis_note(model name, recorded_by text DEFAULT 'rows written') RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    now_basis text[] := energy.ledger_basis(model);
    known boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.ledger_basis b WHERE b.basis = $1)', model) INTO known USING now_basis;
    IF NOT known THEN
        EXECUTE format('INSERT INTO %I.ledger_basis (recorded_by) VALUES ($1)', model) USING recorded_by;
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_basis_note(name, text) IS
    'Records in a model''s ledger_basis what its summaries are computed with now (energy.ledger_basis), unless that basis is recorded already (internal: energy.model_refold and energy.rebuild_model).';

-- A row of ledger_basis holds the basis of now and the time it is added,
-- whatever the INSERT says: a role that may add rows (a region's writer)
-- cannot put other text into a finding that every role reads.
CREATE FUNCTION energy.model_basis_fill() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
BEGIN
    NEW.basis := energy.ledger_basis(TG_TABLE_SCHEMA);
    NEW.first_used := now();
    IF NOT pg_has_role((SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
        NEW.recorded_by := 'rows written';  -- rebuild_model is the owner's
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.model_basis_fill() IS
    'Trigger of a model''s ledger_basis (before INSERT): the row holds energy.ledger_basis of now and the transaction''s time, whatever was inserted, and, unless the owner adds it, recorded_by ''rows written''.';

-- ---------------------------------------------------------------------
-- Recomputation from the raw rows.
-- ---------------------------------------------------------------------

-- Each writing statement locks the institutions it touches until the end
-- of its transaction: each institution by its bucket (hashtext(id) & 255), the
-- buckets in sorted order.  Writers of one institution share its bucket and
-- wait for each other; a transaction holds at most 256 of these locks however
-- many institutions it writes, so the server's lock table (64 locks per
-- backend by default) never runs out, as it did with a lock per institution
-- when one COPY held a province's year of bills.  Two writers of different
-- institutions in one bucket wait for each other needlessly (1 in 256).
CREATE FUNCTION energy.model_lock(model name, institution_ids text[])
    RETURNS void
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    BEGIN ATOMIC
    SELECT pg_catalog.count(pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext(model::text), b.bucket))
      FROM (SELECT DISTINCT pg_catalog.hashtext(u.id) & 255 AS bucket
              FROM pg_catalog.unnest(institution_ids) AS u(id) WHERE u.id IS NOT NULL ORDER BY 1) AS b;
    END;
COMMENT ON FUNCTION energy.model_lock(name, text[]) IS
    'Takes the live ledgers'' transaction-level advisory locks of a statement (internal): one per bucket of the institutions it writes (hashtext(id) & 255), in sorted order. Writers of one institution wait for each other, so none loses the other''s rows; a transaction never holds more than 256.';

-- The event a reading r counts with in a whole series, as energy.meter_months
-- takes it: an old_final with nothing after it, or a new_initial with nothing
-- before it, is a plain reading (its pair may come in a later statement).
-- Rows without a reading (NULL) are no part of the series, as in the walk: a
-- NULL row after an old_final, or a NULL new_initial beside it, leaves it
-- unpaired.  The caller defines the windows m (the meter's readings) and t
-- (those at r's time).  data_quality feeds energy.meter_agg with it.
CREATE FUNCTION energy.model_event_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $sql$CASE WHEN lower(r.event) = 'old_final' AND r.ts = max(r.ts) FILTER (WHERE r.reading IS NOT NULL) OVER m
                 AND NOT coalesce(bool_or(lower(r.event) IS NOT DISTINCT FROM 'new_initial') FILTER (WHERE r.reading IS NOT NULL) OVER t, false) THEN NULL
            WHEN lower(r.event) = 'new_initial' AND r.ts = min(r.ts) FILTER (WHERE r.reading IS NOT NULL) OVER m
                 AND NOT coalesce(bool_or(lower(r.event) IS NOT DISTINCT FROM 'old_final') FILTER (WHERE r.reading IS NOT NULL) OVER t, false) THEN NULL
            ELSE r.event END$sql$;
COMMENT ON FUNCTION energy.model_event_sql() IS
    'SQL of the event a reading r counts with, an unpaired old_final at the end or new_initial at the start of its series being a plain reading, as energy.meter_months takes them (internal: data_quality).';

-- Meter months from the raw readings: for each meter, the months lo..hi
-- (both NULL: all of them), from the window of readings that gives those
-- months what the whole series gives them.
CREATE FUNCTION energy.model_meter_months(model name, meter_ids text[], lo date[], hi date[])
    RETURNS TABLE (meter_id text, month date, institution_id text, carrier energy.carrier, end_use text, unit text,
                   sum_hi double precision, sum_lo double precision,
                   last_ts timestamptz, last_reading double precision, last_event text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    tz text := (SELECT m.time_zone FROM energy.model m WHERE m.name = model);
BEGIN
    RETURN QUERY EXECUTE format($q$
WITH d AS (
    SELECT x.meter_id, x.lo, x.hi,
           -- (a day early: where midnight happens twice, the month starts at
           -- its first, and AT TIME ZONE gives the second)
           (x.lo - 1)::timestamp AT TIME ZONE $4 AS lo_ts,
           (x.hi + interval '1 month')::timestamp AT TIME ZONE $4 AS hi_ts
      FROM unnest($1, $2, $3) AS x(meter_id, lo, hi)
),
b AS (  -- the window: from the last reading before lo, to the first after hi
        -- (readings with a value: a NULL one counts nothing, see energy.meter_agg)
    SELECT d.*,
           (SELECT r.ts FROM %1$I.reading r
             WHERE r.meter_id = d.meter_id AND r.ts < d.lo_ts AND r.reading IS NOT NULL
               AND lower(r.event) IS DISTINCT FROM 'new_initial'
             ORDER BY r.ts DESC LIMIT 1) AS p_ts,
           (SELECT r.ts FROM %1$I.reading r
             WHERE r.meter_id = d.meter_id AND r.ts >= d.hi_ts AND r.reading IS NOT NULL
               AND lower(r.event) IS DISTINCT FROM 'old_final'
             ORDER BY r.ts LIMIT 1) AS q_ts
      FROM d
)
SELECT m.meter_id, (k.month_start AT TIME ZONE $4)::date, m.institution_id, m.carrier, m.end_use, m.unit,
       k.sum_hi, k.sum_lo, k.last_ts, k.last_reading, k.last_event
  FROM b JOIN %1$I.meter m ON m.meter_id = b.meter_id
 -- each meter's window by itself, in the index's order: no sort, no grouping
 CROSS JOIN LATERAL (SELECT energy.meter_months(r.ts, r.reading, $4, m.modulus, m.multiplier, r.event, m.on_decrease,
                                                NULL, NULL, NULL) AS months
                       FROM %1$I.reading r
                      WHERE r.meter_id = b.meter_id
                        AND r.ts >= coalesce(b.p_ts, '-infinity') AND r.ts <= coalesce(b.q_ts, 'infinity')) AS a
 CROSS JOIN LATERAL unnest(a.months) AS k
 WHERE (k.month_start AT TIME ZONE $4)::date BETWEEN coalesce(b.lo, '-infinity') AND coalesce(b.hi, 'infinity')
$q$, model) USING meter_ids, lo, hi, tz;
END
$$;
COMMENT ON FUNCTION energy.model_meter_months(name, text[], date[], date[]) IS
    'Consumption of the given meters in the months lo..hi (NULL: all months) as compensated sums, with each meter''s institution, carrier, end use and unit, recomputed from the raw readings exactly as energy.meter_months over each meter''s whole series gives it (internal: live ledgers, rebuild and verify).';

-- Whether a ledger can take a row of this carrier, unit, date and region
-- under the session's settings: NULL, or the error (42704) it raises, such
-- as a missing density.  Used to name the row behind such an error.
CREATE FUNCTION energy.model_ledger_error(carrier energy.carrier, unit text, day date, region_code text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE  -- its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM energy.ledger(carrier, 1, unit, day, region_code);
    RETURN NULL;
EXCEPTION WHEN undefined_object THEN
    RETURN SQLERRM;
END
$$;
COMMENT ON FUNCTION energy.model_ledger_error(energy.carrier, text, date, text) IS
    'NULL if energy.ledger takes a row of this carrier, unit, date and region under the session''s settings, else its error message (42704: no density for a litre of fuel, say). Internal: names the row behind a live ledger''s error.';

-- Month ledgers from the consumption rows and the meter months in
-- meter_source (the model's meter_month, or a recomputation of it), for the
-- given institution-months, or all of them (both NULL); carriers, if given,
-- pairs with them: only that carrier's ledger of each institution-month.
-- A row the ledger cannot convert (a litre of a fuel its factor set has no
-- density for, 42704) fails the statement with the ledger's own error, and
-- the DETAIL names the row: the bill, or the meter and month.
CREATE FUNCTION energy.model_month_ledgers(model name, institution_ids text[], months date[], meter_source regclass,
                                           carriers energy.carrier[] DEFAULT NULL)
    RETURNS TABLE (institution_id text, month date, end_use text, carrier energy.carrier, ledger energy.ledger)
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE  -- its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    all_months boolean := institution_ids IS NULL;
    by_carrier boolean := carriers IS NOT NULL;
    parts text;
    msg text;
    hint text;
    culprit text;
BEGIN
    -- @source@ is the row's description, computed only by the search for a culprit
    parts := replace(format($q$
WITH k AS (SELECT DISTINCT x.i, x.m, x.c FROM unnest($1, $2, $3) AS x(i, m, c)),
ki AS (SELECT k.i, min(k.m) AS lo, (max(k.m) + interval '1 month')::date AS hi FROM k GROUP BY k.i),
-- each bill's last day once (MATERIALIZED: joined to the key months below
-- it, the chain rule ran once per bill and key month of its institution —
-- 46 s for a statement of 20 years of one institution's monthly bills)
c AS MATERIALIZED (
    SELECT c.*, e.period_end
      FROM %4$s
     CROSS JOIN LATERAL (SELECT %3$s AS period_end OFFSET 0) AS e  -- OFFSET 0: computed once per row
),
parts AS (
    SELECT c.institution_id, p.month, c.end_use, c.carrier, c.unit, p.day, p.part AS amount,
           @source_c@ AS source
      FROM c
     CROSS JOIN LATERAL energy.month_parts(lower(c.period), c.period_end, c.amount) AS p
     WHERE %6$s
    UNION ALL
    SELECT mm.institution_id, mm.month, mm.end_use, mm.carrier, mm.unit, mm.month, mm.consumption,
           @source_m@
      FROM %5$s
)
$q$, model, meter_source, energy.model_chain_end_sql(),
     -- a key set is small (a statement's): driven by it, through the indexes;
     -- a bill's parts outside the keys are left out, the meter months are the keys'
     format(CASE WHEN all_months THEN '%1$I.consumption c' ELSE
         'ki JOIN %1$I.consumption c ON c.institution_id = ki.i AND upper(c.period) > ki.lo AND lower(c.period) < ki.hi'
         || CASE WHEN by_carrier THEN ' AND EXISTS (SELECT 1 FROM k WHERE k.i = c.institution_id AND k.c = c.carrier)' ELSE '' END
         END, model),
     format(CASE WHEN all_months THEN '%2$s mm' ELSE
         'k CROSS JOIN LATERAL (SELECT mm.* FROM %2$s mm WHERE mm.institution_id = k.i AND mm.month = k.m'
         || CASE WHEN by_carrier THEN ' AND mm.carrier = k.c' ELSE '' END || ' OFFSET 0) AS mm' END,
         model, meter_source),
     CASE WHEN all_months THEN 'true' ELSE
         'EXISTS (SELECT 1 FROM k WHERE k.i = c.institution_id AND k.m = p.month'
         || CASE WHEN by_carrier THEN ' AND k.c = c.carrier' ELSE '' END || ')' END),
    '@model@', quote_ident(model));
    BEGIN
        RETURN QUERY EXECUTE replace(replace(parts, '@source_c@', 'NULL::text'), '@source_m@', 'NULL::text') || format($q$
SELECT p.institution_id, p.month, p.end_use, p.carrier,
       -- in a fixed order, so that any plan gives the same bits
       energy.ledger(p.carrier, p.amount, p.unit, p.day, i.region_code ORDER BY p.day, p.amount, p.unit)
  FROM parts p JOIN %1$I.institution i ON i.institution_id = p.institution_id
 GROUP BY p.institution_id, p.month, p.end_use, p.carrier
$q$, model) USING institution_ids, months, carriers;
    EXCEPTION WHEN undefined_object THEN
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
        -- each kind of row once (carrier, unit, date, region), then one row of the first kind that fails
        EXECUTE replace(replace(parts,
                '@source_c@', $s$format('the consumption row of institution "%s" over %s (%s %s %s)', c.institution_id,
                                        energy.period_text(c.period), c.carrier, c.amount, coalesce(c.unit, 'in its base unit'))$s$),
                '@source_m@', $s$format('meter "%s" of institution "%s", month %s (%s %s)', mm.meter_id, mm.institution_id,
                                        to_char(mm.month, 'YYYY-MM'), mm.carrier, coalesce(mm.unit, 'in its base unit'))$s$)
             || format($q$,
kinds AS (SELECT DISTINCT p.carrier, p.unit, p.day, i.region_code
            FROM parts p JOIN %1$I.institution i ON i.institution_id = p.institution_id),
failing AS (SELECT kinds.* FROM kinds
             WHERE energy.model_ledger_error(kinds.carrier, kinds.unit, kinds.day, kinds.region_code) IS NOT NULL
             ORDER BY kinds.day, kinds.carrier, kinds.unit LIMIT 1)
SELECT p.source
  FROM failing f JOIN parts p ON p.carrier = f.carrier AND p.unit IS NOT DISTINCT FROM f.unit AND p.day = f.day
  JOIN %1$I.institution i ON i.institution_id = p.institution_id AND i.region_code IS NOT DISTINCT FROM f.region_code
 ORDER BY p.source LIMIT 1$q$, model)
            INTO culprit USING institution_ids, months, carriers;
        RAISE EXCEPTION '%', msg USING ERRCODE = 'undefined_object', HINT = hint,
              DETAIL = coalesce('In ' || culprit || '.', 'The row was not found again.');
    END;
END
$$;
COMMENT ON FUNCTION energy.model_month_ledgers(name, text[], date[], regclass, energy.carrier[]) IS
    'Month ledgers of the given institution-months (NULL: all; with carriers, only those carriers'' ledgers) from a model''s consumption rows (split by energy.month_parts after the chain rule) and the meter months in meter_source, converted with the factors of each part''s date and the institution''s region (internal: live ledgers, rebuild and verify).';

-- The live ledgers convert with the model's settings (energy.model), not
-- the writing session's: model_settings sets them for the transaction and
-- returns the values they had, which model_settings_restore puts back.
-- A model's live ledgers convert with its row of the register (energy.model:
-- factor sets, grid basis and policies, time zone).  A schema restored
-- without that row (pg_dump -n of the model alone leaves it out) would
-- convert with the session's settings instead, and say nothing: its writes
-- stop here until the row is back.
CREATE FUNCTION energy.model_registered(model name) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.model m WHERE m.name = model_registered.model) THEN
        RAISE EXCEPTION 'model "%" is not in the register of models (energy.model)', model USING ERRCODE = '42704',
              DETAIL = 'Its live ledgers convert with the settings registered there (time zone, factor sets, grid basis and policies); without its row they would use others.',
              HINT = 'Restore its row of energy.model with the settings it had (a dump of the model''s schema alone leaves it out: dump energy.model with it, or INSERT the row), then SELECT energy.rebuild_model('
                     || quote_literal(model) || ').';
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_registered(name) IS
    'Raises 42704, with what to do, unless the model has its row in energy.model (internal: the live ledgers convert with that row''s settings and stop without it).';

CREATE FUNCTION energy.model_settings(model name) RETURNS text[]
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    old text[] := '{}';
    s record;
BEGIN
    PERFORM energy.model_registered(model);
    FOR s IN SELECT * FROM energy.model_conversion_settings(model) AS v WHERE v.value IS NOT NULL LOOP
        old := old || ARRAY[s.name, current_setting(s.name)];
        PERFORM set_config(s.name, s.value, true);
    END LOOP;
    RETURN old;
END
$$;
COMMENT ON FUNCTION energy.model_settings(name) IS
    'Sets the conversion settings of a model (energy.model: factor_set ... grid_fallback) for the transaction and returns the previous values as name, value pairs (internal: the live ledgers convert with the model''s settings).';

CREATE FUNCTION energy.model_settings_restore(old text[]) RETURNS void
    LANGUAGE sql VOLATILE PARALLEL UNSAFE
    BEGIN ATOMIC
    SELECT pg_catalog.count(pg_catalog.set_config(old[i], old[i + 1], true))
      FROM pg_catalog.generate_series(1, pg_catalog.cardinality(old), 2) AS i;
    END;
COMMENT ON FUNCTION energy.model_settings_restore(text[]) IS
    'Puts back the settings energy.model_settings returned (internal).';

-- Replace the ledgers of the given institution-months and of their years
-- (none given: nothing to do); everything: all of them.  carriers, if given,
-- pairs with the institution-months: only that carrier's month ledger is
-- recomputed; the year ledgers are whole.  appended: the caller only added
-- to the months (readings appended: meter months grew, none went), so no
-- ledger of theirs can be gone and none is looked for.
CREATE FUNCTION energy.model_refold(model name, institution_ids text[], months date[], everything boolean DEFAULT false,
                                    carriers energy.carrier[] DEFAULT NULL, appended boolean DEFAULT false)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    all_months boolean := everything;
    meter_month regclass := (quote_ident(model) || '.meter_month')::regclass;
    saved text[];
BEGIN
    IF NOT everything AND coalesce(cardinality(institution_ids), 0) = 0 THEN
        RETURN;
    END IF;
    PERFORM energy.model_basis_note(model);
    saved := energy.model_settings(model);
    IF all_months THEN
        EXECUTE format('TRUNCATE %1$I.month_ledger, %1$I.year_ledger', model);
        EXECUTE format('INSERT INTO %1$I.month_ledger SELECT * FROM energy.model_month_ledgers($1, NULL, NULL, $2)', model)
            USING model, meter_month;
        EXECUTE format($q$
            INSERT INTO %1$I.year_ledger
            SELECT institution_id, extract(year FROM month)::integer, end_use, energy.rollup(ledger ORDER BY month, carrier)
              FROM %1$I.month_ledger GROUP BY 1, 2, 3$q$, model);
    ELSE
        -- the keys' ledgers: new values written over the old (fewer dead rows
        -- than delete and insert), and those that are no more deleted
        EXECUTE format($q$
            WITH k AS (SELECT DISTINCT k.i, k.m, k.c FROM unnest($1, $2, $5) AS k(i, m, c)),
            n AS (SELECT * FROM energy.model_month_ledgers($3, $1, $2, $4, $5)),
            up AS (INSERT INTO %1$I.month_ledger SELECT * FROM n
                       ON CONFLICT (institution_id, month, end_use, carrier) DO UPDATE SET ledger = excluded.ledger
                   RETURNING 1),
            -- the keys' rows found through the primary key, never by reading the
            -- whole table; NOT IN: a hashed subplan, whatever the estimates (no
            -- column is NULL)
            gone AS (DELETE FROM %1$I.month_ledger l
                      WHERE NOT $6 AND l.ctid = ANY (ARRAY(
                            SELECT o.ctid
                              FROM k CROSS JOIN LATERAL (
                                   SELECT o.ctid, o.institution_id, o.month, o.end_use, o.carrier FROM %1$I.month_ledger o
                                    WHERE o.institution_id = k.i AND o.month = k.m AND o.carrier = coalesce(k.c, o.carrier)
                                   OFFSET 0) AS o
                             WHERE (o.institution_id, o.month, o.end_use, o.carrier)
                                   NOT IN (SELECT n.institution_id, n.month, n.end_use, n.carrier FROM n)))
                   RETURNING 1)
            SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM gone)$q$, model)
            USING institution_ids, months, model, meter_month, carriers, appended;
        EXECUTE format($q$
            WITH k AS (SELECT DISTINCT k.i, extract(year FROM k.m)::integer AS y FROM unnest($1, $2) AS k(i, m)),
            -- each institution-year by itself: a few dozen months, sorted in memory
            n AS (SELECT k.i AS institution_id, k.y AS year, l.end_use, l.ledger
                    FROM k CROSS JOIN LATERAL (
                        SELECT l.end_use, energy.rollup(l.ledger ORDER BY l.month, l.carrier) AS ledger
                          FROM %1$I.month_ledger l
                         WHERE l.institution_id = k.i AND l.month >= make_date(k.y, 1, 1)
                           AND l.month < (make_date(k.y, 1, 1) + interval '1 year')::date  -- (1 BC is followed by AD 1)
                         GROUP BY l.end_use) AS l),
            up AS (INSERT INTO %1$I.year_ledger SELECT * FROM n
                       ON CONFLICT (institution_id, year, end_use) DO UPDATE SET ledger = excluded.ledger
                   RETURNING 1),
            gone AS (DELETE FROM %1$I.year_ledger l USING k
                      WHERE NOT $3 AND l.institution_id = k.i AND l.year = k.y
                        AND (l.institution_id, l.year, l.end_use) NOT IN (SELECT n.institution_id, n.year, n.end_use FROM n)
                   RETURNING 1)
            SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM gone)$q$, model)
            USING institution_ids, months, appended;
    END IF;
    PERFORM energy.model_settings_restore(saved);
END
$$;
COMMENT ON FUNCTION energy.model_refold(name, text[], date[], boolean, energy.carrier[], boolean) IS
    'Recomputes a model''s month_ledger rows of the given institution-months (everything: all; with carriers, only those carriers'' rows) from its consumption rows and meter_month, and the year_ledger rows of their years from those; appended: the months only grew, no ledger is looked for to delete (internal: the live-ledger triggers, energy.rebuild_model).';

-- Replace the months of the given meters (lo, hi NULL: all their months)
-- and the ledgers of the institution-months they touch, for the meters'
-- institutions now and, for meters that moved, before (also_institutions
-- pairs with meter_ids).
CREATE FUNCTION energy.model_refold_meters(model name, meter_ids text[], lo date[], hi date[],
                                           also_institutions text[] DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    old_meters text[];
    old_months date[];
    old_institutions text[];
    new_meters text[];
    new_months date[];
    keys record;
BEGIN
    IF coalesce(cardinality(meter_ids), 0) = 0 THEN
        RETURN;
    END IF;
    EXECUTE format($q$
        WITH old AS (DELETE FROM %1$I.meter_month mm USING unnest($1, $2, $3) AS d(meter_id, lo, hi)
                      WHERE mm.meter_id = d.meter_id AND mm.month BETWEEN coalesce(d.lo, '-infinity') AND coalesce(d.hi, 'infinity')
                  RETURNING mm.meter_id, mm.month, mm.institution_id)
        SELECT array_agg(meter_id), array_agg(month), array_agg(institution_id) FROM old$q$, model)
        INTO old_meters, old_months, old_institutions USING meter_ids, lo, hi;
    EXECUTE format($q$
        WITH new AS (INSERT INTO %1$I.meter_month (meter_id, month, institution_id, carrier, end_use, unit,
                                                   sum_hi, sum_lo, last_ts, last_reading, last_event)
                     SELECT * FROM energy.model_meter_months($4, $1, $2, $3)
                  RETURNING meter_id, month)
        SELECT array_agg(meter_id), array_agg(month) FROM new$q$, model)
        INTO new_meters, new_months USING meter_ids, lo, hi, model;
    -- the institution-months touched: months that had a row, have one, or
    -- lie in a range, of each meter's institution (and former institution),
    -- and the institution-months of the rows replaced (a meter no more in
    -- the meter table, deleted by the same statement, has only those)
    EXECUTE format($q$
        WITH d AS (SELECT * FROM unnest($1, $2, $3, $4) AS d(meter_id, lo, hi, also)),
        touched AS (
            SELECT * FROM unnest($5, $6) AS o(meter_id, month)
            UNION SELECT * FROM unnest($7, $8) AS n(meter_id, month)
            UNION SELECT d.meter_id, g.m::date FROM d CROSS JOIN generate_series(d.lo, d.hi, interval '1 month') AS g(m)
        ),
        who AS (SELECT m.meter_id, m.institution_id FROM %1$I.meter m JOIN d ON d.meter_id = m.meter_id
                UNION SELECT d.meter_id, d.also FROM d WHERE d.also IS NOT NULL),
        k AS (SELECT w.institution_id, t.month FROM touched t JOIN who w ON w.meter_id = t.meter_id
              UNION SELECT * FROM unnest($9, $6) AS o(institution_id, month))
        SELECT array_agg(k.institution_id) AS i, array_agg(k.month) AS m FROM k$q$, model) INTO keys
        USING meter_ids, lo, hi, coalesce(also_institutions, array_fill(NULL::text, ARRAY[cardinality(meter_ids)])),
              old_meters, old_months, new_meters, new_months, old_institutions;
    PERFORM energy.model_refold(model, keys.i, keys.m);
END
$$;
COMMENT ON FUNCTION energy.model_refold_meters(name, text[], date[], date[], text[]) IS
    'Recomputes a model''s meter_month rows of the given meters and months (NULL: all) and the ledgers of the institution-months they touch (internal: the live-ledger triggers).';

-- ---------------------------------------------------------------------
-- The triggers.  Each locks the institutions it touches first, then reads.
-- ---------------------------------------------------------------------

-- The rows a statement changed, from its transition tables: the new rows of
-- an INSERT, the old of a DELETE, both of an UPDATE.
CREATE FUNCTION energy.model_changed_sql(op text, columns text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE op WHEN 'INSERT' THEN format('SELECT %s FROM new_rows', columns)
                   WHEN 'DELETE' THEN format('SELECT %s FROM old_rows', columns)
                   ELSE format('SELECT %1$s FROM new_rows UNION ALL SELECT %1$s FROM old_rows', columns) END;
COMMENT ON FUNCTION energy.model_changed_sql(text, text) IS
    'SQL of the rows a statement changed, from a statement trigger''s transition tables (new_rows, old_rows) by TG_OP (internal).';

-- A live trigger runs on its model's own table only.  The model's copies
-- (energy.model_live_functions) run as its owner and have the model's name
-- written in: attached to a table of anyone else's, or of another schema,
-- they refuse to run instead of reading and writing that schema's tables
-- with the owner's rights.
CREATE FUNCTION energy.model_live_guard(model name, tg_schema name, tg_table name, own_table name) RETURNS void
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF tg_schema IS DISTINCT FROM model OR tg_table IS DISTINCT FROM own_table THEN
        RAISE EXCEPTION 'the live-ledger trigger of %.% fired on %.%', model, own_table, tg_schema, tg_table
            USING ERRCODE = '42501', HINT = 'A model''s live triggers run only on its own tables, where energy.create_model attaches them.';
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_live_guard(name, name, name, name) IS
    'Raises 42501 unless a live trigger fired on its model''s own table (internal: the live-ledger triggers, whose model copies run as the model''s owner).';

-- Which of a statement's meters a register error is about (its message
-- says the time, not the meter): one with two different readings at one
-- time (of one event), or with old_final and new_initial readings that do
-- not pair up; NULL when none is found.
CREATE FUNCTION energy.model_meter_culprit(model name, meter_ids text[], message text) RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE  -- its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    found text;
    m text;
BEGIN
    IF message LIKE 'two different readings at % and the meter swap''s %' THEN
        -- a reading without an event at a swap's time that repeats neither of the swap's readings
        EXECUTE format($q$
            SELECT format('meter "%%s" (a reading without an event, %%s, at its swap at %%s)', r.meter_id, r.reading, r.ts)
              FROM %1$I.reading r WHERE r.meter_id = ANY ($1) AND r.reading IS NOT NULL
               AND lower(coalesce(r.event, 'read')) NOT IN ('old_final', 'new_initial')
               AND EXISTS (SELECT 1 FROM %1$I.reading s WHERE s.meter_id = r.meter_id AND s.ts = r.ts AND s.reading IS NOT NULL
                              AND lower(s.event) IN ('old_final', 'new_initial'))
               AND NOT EXISTS (SELECT 1 FROM %1$I.reading s WHERE s.meter_id = r.meter_id AND s.ts = r.ts AND s.reading = r.reading
                                  AND lower(s.event) IN ('old_final', 'new_initial'))
             ORDER BY r.meter_id, r.ts LIMIT 1$q$, model) INTO found USING meter_ids;
    ELSIF message LIKE 'two different readings at %' THEN
        EXECUTE format($q$
            SELECT format('meter "%%s" (%%s readings at %%s)', r.meter_id, count(DISTINCT r.reading), r.ts)
              FROM %I.reading r WHERE r.meter_id = ANY ($1) AND r.reading IS NOT NULL
             GROUP BY r.meter_id, r.ts, lower(coalesce(r.event, 'read'))
            HAVING count(DISTINCT r.reading) > 1
             ORDER BY r.meter_id, r.ts LIMIT 1$q$, model) INTO found USING meter_ids;
    ELSIF message ~ '(old final|new initial) reading' THEN
        EXECUTE format($q$
            SELECT format('meter "%%s" (%%s old_final and %%s new_initial readings)', r.meter_id,
                          count(*) FILTER (WHERE lower(r.event) = 'old_final'), count(*) FILTER (WHERE lower(r.event) = 'new_initial'))
              FROM %I.reading r WHERE r.meter_id = ANY ($1) AND lower(r.event) IN ('old_final', 'new_initial')
             GROUP BY r.meter_id
            HAVING count(*) FILTER (WHERE lower(r.event) = 'old_final') <> count(*) FILTER (WHERE lower(r.event) = 'new_initial')
             ORDER BY r.meter_id LIMIT 1$q$, model) INTO found USING meter_ids;
    END IF;
    -- any other error of a meter's readings (a consumption beyond double
    -- precision, say): the first meter whose months cannot be computed
    IF found IS NULL THEN
        FOR m IN SELECT x.id FROM unnest(meter_ids) AS x(id) ORDER BY 1 LOOP
            BEGIN
                PERFORM 1 FROM energy.model_meter_months(model, ARRAY[m], NULL, NULL);
            EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
                found := format('meter "%s"', m);
                EXIT;
            END;
        END LOOP;
    END IF;
    RETURN found;
END
$$;
COMMENT ON FUNCTION energy.model_meter_culprit(name, text[], text) IS
    'Which of the given meters of a model a register error (two different readings at one time, a reading without an event at a swap''s time that repeats neither of its readings, a replacement pair taken apart; otherwise the first meter whose months cannot be computed, e.g. a consumption beyond double precision) is about, as text for a DETAIL; NULL when none is found (internal: the reading trigger, rebuild_model, verify_model).';

CREATE FUNCTION energy.model_reading_live() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    model name := TG_TABLE_SCHEMA;
    tz text := (SELECT m.time_zone FROM energy.model m WHERE m.name = model);
    c record;
    w record;
    all_ids text[];
    msg text;
    hint text;
    detail text;
    state text;
    culprit text;
BEGIN
    PERFORM energy.model_live_guard(model, TG_TABLE_SCHEMA, TG_TABLE_NAME, 'reading');
    IF tz IS NULL THEN
        PERFORM energy.model_registered(model);  -- (its months are in the registered time zone)
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT m.institution_id) FROM %I.meter m', model) INTO c;
        PERFORM energy.model_lock(model, c.array_agg);
        EXECUTE format($q$
            WITH old AS (DELETE FROM %1$I.meter_month RETURNING institution_id, month),
            k AS (SELECT DISTINCT o.institution_id, o.month FROM old o)
            SELECT array_agg(k.institution_id) AS i, array_agg(k.month) AS m FROM k$q$, model) INTO c;
        PERFORM energy.model_refold(model, c.i, c.m);
        RETURN NULL;
    END IF;
    -- per meter, the first and the last time the statement changed
    EXECUTE format($q$
        SELECT array_agg(x.meter_id) AS ids, array_agg(x.t0) AS t0, array_agg(x.t1) AS t1,
               -- (a meter deleted by the same statement: its institution as its months have it)
               array_agg(DISTINCT coalesce(m.institution_id,
                                           (SELECT mm.institution_id FROM %2$I.meter_month mm
                                             WHERE mm.meter_id = x.meter_id LIMIT 1))) AS institutions,
               sum(x.n) AS n
          FROM (SELECT meter_id, min(ts) AS t0, max(ts) AS t1, count(*) AS n FROM (%1$s) AS x GROUP BY meter_id) AS x
          LEFT JOIN %2$I.meter m ON m.meter_id = x.meter_id$q$,
        energy.model_changed_sql(TG_OP, 'meter_id, ts'),
        model) INTO c;
    PERFORM energy.model_lock(model, c.institutions);
    -- the meters' institutions again, now that those locks are held: a meter
    -- moved by a transaction that committed while this one waited belongs to
    -- its new institution, whose lock this statement needs too — else a
    -- writer of that institution would not wait for it and would write the
    -- institution's months without this statement's readings (a deadlock
    -- with such a writer, should one arise, fails loudly; nothing is lost)
    LOOP
        EXECUTE format('SELECT array_agg(DISTINCT m.institution_id) AS more FROM %I.meter m
                         WHERE m.meter_id = ANY ($1) AND m.institution_id <> ALL ($2)', model)
            INTO w USING c.ids, coalesce(array_remove(c.institutions, NULL), '{}');
        EXIT WHEN w.more IS NULL;
        PERFORM energy.model_lock(model, w.more);
        c.institutions := c.institutions || w.more;
    END LOOP;
    all_ids := c.ids;
    BEGIN  -- (a register error names its meter: see the handler below)
    -- Readings appended after all of a meter's readings (a live feed, a load
    -- in time order): the meter's months continue from its last reading and
    -- the sum of that month, without reading the month again (NULL readings
    -- count nothing and are left out; a meter with no other takes the
    -- general way, which changes nothing) — unless the
    -- statement is a bulk load (energy.live_bulk_rows readings or more, a
    -- million unless set): folding a transition table that no longer fits in
    -- work_mem costs more than reading the meters' windows from the raw table
    -- (the general way).  The module defines the setting: load it first.
    PERFORM energy.creating_extension();
    IF TG_OP = 'INSERT' AND c.n < current_setting('energy.live_bulk_rows')::bigint THEN
        EXECUTE format($q$
            WITH x AS (SELECT meter_id, min(ts) AS t0 FROM new_rows WHERE reading IS NOT NULL GROUP BY meter_id),
            s AS (  -- per meter: its settings, and its last month, which holds its last reading (the seed)
                SELECT x.meter_id, x.t0, m.institution_id, m.carrier, m.end_use, m.unit, m.modulus, m.multiplier, m.on_decrease,
                       o.month, o.sum_hi, o.sum_lo, o.last_ts, o.last_reading, o.last_event,
                       o.month IS NULL OR x.t0 > o.last_ts AS ok,
                       -- the seed's month so far: the last month, unless the seed ends it exactly
                       date_trunc('month', o.last_ts AT TIME ZONE $3)::date = o.month AS open
                  FROM x JOIN %1$I.meter m ON m.meter_id = x.meter_id
                  LEFT JOIN LATERAL (SELECT * FROM %1$I.meter_month o WHERE o.meter_id = x.meter_id
                                      ORDER BY o.month DESC LIMIT 1) AS o ON true
            ),
            rows AS (  -- the new readings, and a row per meter that says where to continue from
                SELECT meter_id, ts, reading, event, NULL AS role, NULL::double precision AS open_hi, NULL::double precision AS open_lo
                  FROM new_rows WHERE reading IS NOT NULL
                UNION ALL
                SELECT meter_id, last_ts, last_reading, last_event, CASE WHEN ok THEN 'seed' ELSE 'skip' END,
                       CASE WHEN open THEN sum_hi ELSE 0 END, CASE WHEN open THEN sum_lo ELSE 0 END
                  FROM s WHERE NOT ok OR month IS NOT NULL
            ),
            f AS (
                SELECT s.meter_id, s.institution_id, s.carrier, s.end_use, s.unit,
                       energy.meter_months(r.ts, r.reading, $3, s.modulus, s.multiplier, r.event, s.on_decrease,
                                           r.role, r.open_hi, r.open_lo) AS months
                  FROM rows r JOIN s ON s.meter_id = r.meter_id
                 GROUP BY s.meter_id, s.institution_id, s.carrier, s.end_use, s.unit
            ),
            up AS (
                INSERT INTO %1$I.meter_month AS o (meter_id, month, institution_id, carrier, end_use, unit,
                                                   sum_hi, sum_lo, last_ts, last_reading, last_event)
                SELECT f.meter_id, (k.month_start AT TIME ZONE $3)::date, f.institution_id, f.carrier, f.end_use, f.unit,
                       k.sum_hi, k.sum_lo, k.last_ts, k.last_reading, k.last_event
                  FROM f CROSS JOIN LATERAL unnest(f.months) AS k
                    ON CONFLICT (meter_id, month) DO UPDATE
                   SET sum_hi = excluded.sum_hi, sum_lo = excluded.sum_lo, last_ts = excluded.last_ts,
                       last_reading = excluded.last_reading, last_event = excluded.last_event
                RETURNING o.institution_id, o.month, o.carrier
            )
            SELECT (SELECT array_agg(f.meter_id) FROM f WHERE f.months IS NOT NULL) AS ids,
                   array_agg(up.institution_id) AS k_institutions, array_agg(up.month) AS k_months,
                   array_agg(up.carrier) AS k_carriers
              FROM up$q$, model) INTO w USING NULL, NULL, tz;
        IF w.ids IS NOT NULL THEN
            -- only the carriers of the meters read: the others' month ledgers stay
            PERFORM energy.model_refold(model, w.k_institutions, w.k_months, false, w.k_carriers, appended => true);
            -- the other meters take the general way
            SELECT array_agg(x.id), array_agg(x.t0), array_agg(x.t1) INTO c.ids, c.t0, c.t1
              FROM unnest(c.ids, c.t0, c.t1) AS x(id, t0, t1)
             WHERE NOT EXISTS (SELECT 1 FROM unnest(w.ids) AS f(id) WHERE f.id = x.id);
        END IF;
    END IF;
    -- the months from the reading before the first change to the one after the last
    -- (readings with a value: a NULL one is not where an interval ends)
    EXECUTE format($q$
        SELECT array_agg(x.meter_id) AS ids,
               array_agg(date_trunc('month', coalesce(p.ts, x.t0) AT TIME ZONE $4)::date) AS lo,
               array_agg(date_trunc('month', coalesce(n.ts, x.t1) AT TIME ZONE $4)::date) AS hi
          FROM unnest($1, $2, $3) AS x(meter_id, t0, t1)
          LEFT JOIN LATERAL (SELECT r.ts FROM %1$I.reading r
                              WHERE r.meter_id = x.meter_id AND r.ts < x.t0 AND r.reading IS NOT NULL
                              ORDER BY r.ts DESC LIMIT 1) AS p ON true
          LEFT JOIN LATERAL (SELECT r.ts FROM %1$I.reading r
                              WHERE r.meter_id = x.meter_id AND r.ts > x.t1 AND r.reading IS NOT NULL
                              ORDER BY r.ts LIMIT 1) AS n ON true$q$, model)
        INTO w USING c.ids, c.t0, c.t1, tz;
    PERFORM energy.model_refold_meters(model, w.ids, w.lo, w.hi);
    EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
        -- two readings at one time, a replacement pair taken apart, a
        -- consumption beyond double precision: the register's own message,
        -- and which of the statement's meters
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT, detail = PG_EXCEPTION_DETAIL, state = RETURNED_SQLSTATE;
        culprit := energy.model_meter_culprit(model, all_ids, msg);
        IF culprit IS NULL THEN
            RAISE;
        END IF;
        RAISE EXCEPTION '%', msg USING ERRCODE = state, HINT = hint,
              DETAIL = coalesce(nullif(detail, '') || ' ', '') || 'In ' || culprit || '.';
    END;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.model_reading_live() IS
    'Statement trigger of a model''s reading table (after INSERT, COPY, UPDATE, DELETE, TRUNCATE): folds readings appended after a meter''s last one into its months from that reading on (energy.meter_months continuing the month''s sum), unless the statement has energy.live_bulk_rows readings or more; otherwise recomputes the meter months from each changed meter''s reading before the first change to the one after the last; then the ledgers of those institution-months.';

CREATE FUNCTION energy.model_consumption_live() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    model name := TG_TABLE_SCHEMA;
    c record;
BEGIN
    PERFORM energy.model_live_guard(model, TG_TABLE_SCHEMA, TG_TABLE_NAME, 'consumption');
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT institution_id) FROM %I.month_ledger', model) INTO c;
        PERFORM energy.model_lock(model, c.array_agg);
        EXECUTE format($q$
            SELECT array_agg(k.institution_id) AS i, array_agg(k.month) AS m
              FROM (SELECT DISTINCT institution_id, month FROM %I.month_ledger) AS k$q$, model) INTO c;
        PERFORM energy.model_refold(model, c.i, c.m);
        RETURN NULL;
    END IF;
    EXECUTE format($q$
        SELECT array_agg(DISTINCT institution_id) FROM (%s) AS x$q$,
        energy.model_changed_sql(TG_OP, 'institution_id')) INTO c;
    PERFORM energy.model_lock(model, c.array_agg);
    -- the months of each changed row, and of the bill before a changed bill
    -- in its chain (it gives away its last day when this one starts on it)
    EXECUTE format($q$
        WITH x AS (%s),
        rows AS (
            SELECT x.institution_id, x.period FROM x
            UNION ALL
            SELECT b.institution_id, b.period
              FROM x JOIN %I.consumption b
                ON b.institution_id = x.institution_id AND upper(b.period) = lower(x.period) + 1
               AND upper(b.period) - lower(b.period) > 1
               AND b.carrier = x.carrier AND b.end_use = x.end_use AND b.account IS NOT DISTINCT FROM x.account
        ),
        k AS (SELECT DISTINCT r.institution_id, g.m::date AS month
                FROM rows r CROSS JOIN generate_series(date_trunc('month', lower(r.period)::timestamp),
                                                       (upper(r.period) - 1)::timestamp, interval '1 month') AS g(m))
        SELECT array_agg(k.institution_id) AS i, array_agg(k.month) AS m FROM k$q$,
        energy.model_changed_sql(TG_OP, '*'),
        model) INTO c;
    PERFORM energy.model_refold(model, c.i, c.m);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.model_consumption_live() IS
    'Statement trigger of a model''s consumption table (after INSERT, COPY, UPDATE, DELETE, TRUNCATE): recomputes the ledgers of the months each changed row covers, and of the bill before a changed bill in its chain.';

CREATE FUNCTION energy.model_meter_live() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    model name := TG_TABLE_SCHEMA;
    c record;
BEGIN
    PERFORM energy.model_live_guard(model, TG_TABLE_SCHEMA, TG_TABLE_NAME, 'meter');
    -- meters whose months or ledgers depend on what changed: all their months
    EXECUTE format($q$
        SELECT array_agg(coalesce(o.meter_id, n.meter_id)) AS ids, array_agg(o.institution_id) AS former,
               array_cat(array_agg(o.institution_id), array_agg(n.institution_id)) AS institutions
          FROM %s
               (o.institution_id, o.carrier, o.unit, o.end_use, o.multiplier, o.modulus, o.on_decrease)
               IS DISTINCT FROM (n.institution_id, n.carrier, n.unit, n.end_use, n.multiplier, n.modulus, n.on_decrease)$q$,
        CASE TG_OP WHEN 'DELETE' THEN 'old_rows o LEFT JOIN (SELECT * FROM old_rows WHERE false) n ON false WHERE'
                   -- a meter inserted that has readings: deleted and inserted again within a transaction
                   WHEN 'INSERT' THEN format('new_rows n LEFT JOIN (SELECT * FROM new_rows WHERE false) o ON false
                                              WHERE EXISTS (SELECT 1 FROM %I.reading r WHERE r.meter_id = n.meter_id) AND',
                                             model)
                   ELSE 'old_rows o FULL JOIN new_rows n ON n.meter_id = o.meter_id WHERE' END) INTO c;
    IF c.ids IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM energy.model_lock(model, c.institutions);
    PERFORM energy.model_refold_meters(model, c.ids, array_fill(NULL::date, ARRAY[cardinality(c.ids)]),
                                       array_fill(NULL::date, ARRAY[cardinality(c.ids)]), c.former);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.model_meter_live() IS
    'Statement trigger of a model''s meter table (after INSERT, UPDATE and DELETE): recomputes all months of the meters whose institution, carrier, unit, end use, multiplier, modulus or on_decrease rule changed, of meters deleted, and of meters inserted that have readings (deleted and inserted again within a transaction), and the ledgers of their institutions (now and before).';

CREATE FUNCTION energy.model_institution_live() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    model name := TG_TABLE_SCHEMA;
    c record;
BEGIN
    PERFORM energy.model_live_guard(model, TG_TABLE_SCHEMA, TG_TABLE_NAME, 'institution');
    IF TG_OP = 'INSERT' THEN
        -- an institution inserted that has rows already: deleted and inserted
        -- again within a transaction (the foreign keys are deferred), perhaps
        -- in another region, its rows written meanwhile — whose ledgers were
        -- then computed without it, so none
        EXECUTE format('SELECT array_agg(n.institution_id) FROM new_rows n
                         WHERE EXISTS (SELECT 1 FROM %1$I.month_ledger l WHERE l.institution_id = n.institution_id)
                            OR EXISTS (SELECT 1 FROM %1$I.meter_month mm WHERE mm.institution_id = n.institution_id)
                            OR EXISTS (SELECT 1 FROM %1$I.consumption r WHERE r.institution_id = n.institution_id)', model)
            INTO c;
    ELSE
        EXECUTE $q$
            SELECT array_agg(coalesce(o.institution_id, n.institution_id))
              FROM old_rows o FULL JOIN new_rows n ON n.institution_id = o.institution_id
             WHERE o.region_code IS DISTINCT FROM n.region_code$q$ INTO c;
    END IF;
    IF c.array_agg IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM energy.model_lock(model, c.array_agg);
    -- their months: those with ledgers, and those of their raw rows (meter
    -- months, bills' months), which have none while the institution is away
    -- (deleted, or renamed and renamed back)
    EXECUTE format($q$
        SELECT array_agg(k.institution_id) AS i, array_agg(k.month) AS m
          FROM (SELECT institution_id, month FROM %1$I.month_ledger WHERE institution_id = ANY ($1)
                UNION
                SELECT institution_id, month FROM %1$I.meter_month WHERE institution_id = ANY ($1)
                UNION
                SELECT r.institution_id, g.m::date
                  FROM %1$I.consumption r
                 CROSS JOIN LATERAL generate_series(date_trunc('month', lower(r.period)), (upper(r.period) - 1)::timestamp,
                                                    interval '1 month') AS g(m)
                 WHERE r.institution_id = ANY ($1)) AS k$q$, model)
        INTO c USING c.array_agg;
    PERFORM energy.model_refold(model, c.i, c.m);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.model_institution_live() IS
    'Statement trigger of a model''s institution table (after INSERT and UPDATE): recomputes the ledgers of institutions whose region code or key changed (their factors are the region''s), and of institutions inserted that have ledgers or rows (deleted and inserted again within a transaction), over the months of their ledgers, meter months and bills.';

-- The triggers run as the model's owner.  The summaries are the owner's:
-- a role that may write raw rows (energy.grant_region ... writes) gets no
-- privilege on meter_month, month_ledger, year_ledger or ledger_basis, so it
-- can neither forge its own region's summaries nor plant rows that the
-- triggers would carry on from; the triggers write them on its behalf.  So
-- each model has its own copies of the four trigger functions above, in its
-- schema, owned by its owner and SECURITY DEFINER: the same bodies with the
-- model's name written in (this function copies them, and
-- energy.upgrade_model copies them again with each version), which run on
-- the model's own tables only (energy.model_live_guard) and which no one
-- else may call (EXECUTE revoked from PUBLIC; a trigger fires without it).  Their definer is the owner of the tables they write,
-- never more: a writer can make them do only what the owner could.
CREATE FUNCTION energy.model_live_functions(model name) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    in_script boolean := energy.creating_extension();
    f record;
    body text;
BEGIN
    FOR f IN SELECT v.name, v.source, to_regprocedure(format('%I.%I()', model, v.name)) AS existing
               FROM (VALUES ('live_reading', 'energy.model_reading_live()'::regprocedure),
                            ('live_consumption', 'energy.model_consumption_live()'::regprocedure),
                            ('live_meter', 'energy.model_meter_live()'::regprocedure),
                            ('live_institution', 'energy.model_institution_live()'::regprocedure)) AS v(name, source) LOOP
        -- an extension script (an upgrade) may replace only the extension's
        -- members: the function joins it while it is replaced, and leaves it
        IF in_script AND f.existing IS NOT NULL THEN
            EXECUTE format('ALTER EXTENSION energy_ext ADD FUNCTION %s', f.existing);
        END IF;
        -- the body with the model's name written in, where the original takes the trigger's schema
        body := (SELECT p.prosrc FROM pg_catalog.pg_proc p WHERE p.oid = f.source);
        IF position('model name := TG_TABLE_SCHEMA;' IN body) = 0 THEN
            RAISE EXCEPTION 'the body of % does not declare its model as expected', f.source USING ERRCODE = 'XX000';
        END IF;
        body := replace(body, 'model name := TG_TABLE_SCHEMA;', format('model name := %L;', model));
        EXECUTE format('CREATE OR REPLACE FUNCTION %I.%I() RETURNS trigger LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER '
                       'SET search_path = pg_catalog, energy, pg_temp AS %L',
                       model, f.name, body);
        EXECUTE format('REVOKE ALL ON FUNCTION %I.%I() FROM PUBLIC', model, f.name);
        EXECUTE format('COMMENT ON FUNCTION %I.%I() IS %L', model, f.name,
                       format('The live-ledger trigger of the model (%s, copied by energy.model_live_functions with the model''s name written in), run as the model''s owner and on the model''s own tables only: writers of raw rows write no summary themselves.', f.source));
        -- out of the extension after the REVOKE, which takes with it the
        -- initial privileges (pg_init_privs) the REVOKE recorded in the
        -- script: pg_dump then dumps the REVOKE
        IF in_script THEN
            EXECUTE format('ALTER EXTENSION energy_ext DROP FUNCTION %I.%I()', model, f.name);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.model_live_functions(name) IS
    'Creates or replaces a model''s own live-ledger trigger functions (live_reading, live_consumption, live_meter, live_institution in its schema): copies of energy.model_reading_live() and the others with the model''s name written in, SECURITY DEFINER (the model''s owner), EXECUTE revoked from PUBLIC (internal: energy.create_model and energy.upgrade_model).';

-- ---------------------------------------------------------------------
-- For users: rebuild, verify, switch off for a bulk load.
-- ---------------------------------------------------------------------

CREATE FUNCTION energy.model_require(model name) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.model m WHERE m.name = model_require.model)
       OR to_regclass(quote_ident(model) || '.month_ledger') IS NULL THEN
        RAISE EXCEPTION '"%" is not a reporting model', model USING ERRCODE = '42704',
              HINT = 'SELECT name FROM energy.model lists the models.';
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_require(name) IS
    'Raises 42704 with a hint unless the name is a reporting model with live ledgers (internal: upgrade_model, rebuild_model, verify_model, set_live).';

-- Maintenance as the model's owner.  rebuild_model and verify_model (and so
-- set_live and upgrade_model, which every extension update runs for every
-- model) read and write the model's tables.  Run by a superuser or another
-- member of the owner's role, whatever the owner attached to those tables
-- (a trigger, a rule, a function in a policy, a default or an index) would
-- run with the caller's privileges: a model owner who is no superuser would
-- become one at the next extension update.  So that work runs as the owner
-- (as VACUUM and ANALYZE run as a table's owner): model_as_owner switches to
-- the owner of the model's tables when the caller may (SET LOCAL ROLE, until
-- model_role_back or the end of the transaction) and says whom to switch
-- back to; a caller who is no member of the owner's role (a region's role
-- verifying what it sees) stays itself.
CREATE FUNCTION energy.model_as_owner(model name) RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    -- the owner of the summaries it writes (by name: regrole would quote it)
    owner name := (SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c
                    WHERE c.oid = to_regclass(quote_ident(model_as_owner.model) || '.meter_month'));
    me name := current_user;
BEGIN
    IF owner IS NULL OR owner = me OR NOT pg_catalog.pg_has_role(me, owner, 'MEMBER') THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SET LOCAL ROLE %I', owner);
    RETURN me;
END
$$;
COMMENT ON FUNCTION energy.model_as_owner(name) IS
    'Switches to the owner of a model''s summary tables (SET LOCAL ROLE) when the caller is another member of that role (a superuser), so that maintenance never runs the owner''s objects with more privileges than the owner''s; returns the role to switch back to (energy.model_role_back), or NULL when nothing changed (internal: rebuild_model, verify_model).';

CREATE FUNCTION energy.model_role_back(role_before name) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF role_before IS NOT NULL THEN
        EXECUTE format('SET LOCAL ROLE %I', role_before);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_role_back(name) IS
    'Switches back to the role energy.model_as_owner returned (nothing for NULL) (internal).';

-- Raised again from an EXCEPTION block of rebuild_model or verify_model: the
-- register's error, with the meter it is about and where to look.
CREATE FUNCTION energy.model_meter_error(model name, state text, msg text, detail text, hint text) RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL UNSAFE  -- (model_meter_culprit's subtransactions)
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    culprit text;
    ids text[];
BEGIN
    EXECUTE format('SELECT array_agg(meter_id ORDER BY meter_id) FROM %I.meter', model) INTO ids;
    culprit := energy.model_meter_culprit(model, ids, msg);
    RAISE EXCEPTION '%', msg USING ERRCODE = state,
          DETAIL = coalesce(nullif(detail, '') || ' ', '') || coalesce('In ' || culprit || '.', ''),
          HINT = coalesce(nullif(hint, '') || ' ', '')
                 || format('SELECT * FROM energy.check_readings(%L, ''meter_id'', ''ts'', ''reading'', event_column => ''event'') lists such readings (and the model''s data_quality, meter_invalid_readings): correct them, then run this again.',
                           quote_ident(model) || '.reading');
END
$$;
COMMENT ON FUNCTION energy.model_meter_error(name, text, text, text, text) IS
    'Raises again, in an EXCEPTION block, a register error of a model''s readings with the meter it is about (energy.model_meter_culprit) and a hint to energy.check_readings (internal: rebuild_model, verify_model).';

CREATE FUNCTION energy.rebuild_model(model name)
    RETURNS TABLE (relation text, rows bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    role_before name;
    msg text;
    hint text;
    detail text;
    state text;
BEGIN
    PERFORM energy.model_require(model);
    role_before := energy.model_as_owner(model);
    -- writers wait until this transaction ends
    EXECUTE format('LOCK TABLE %1$I.institution, %1$I.consumption, %1$I.meter, %1$I.reading IN SHARE MODE', model);
    EXECUTE format('TRUNCATE %I.meter_month', model);
    EXECUTE format('DELETE FROM %I.ledger_basis', model);
    PERFORM energy.model_basis_note(model, 'rebuild_model');
    BEGIN  -- (a meter's readings it cannot take: the error names the meter)
    EXECUTE format($q$INSERT INTO %1$I.meter_month (meter_id, month, institution_id, carrier, end_use, unit,
                                                    sum_hi, sum_lo, last_ts, last_reading, last_event)
                     SELECT * FROM energy.model_meter_months($1, (SELECT array_agg(meter_id) FROM %1$I.meter), NULL, NULL)$q$, model)
        USING model;
    PERFORM energy.model_refold(model, NULL, NULL, everything => true);
    EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT, detail = PG_EXCEPTION_DETAIL, state = RETURNED_SQLSTATE;
        PERFORM energy.model_meter_error(model, state, msg, detail, hint);
    END;
    -- the planner's statistics of the summaries, now: a report right after a
    -- rebuild would otherwise be planned for the old (or empty) tables (the
    -- 100-million-row demo's cap_status, started right after its rebuild,
    -- ran for over 10 minutes; planned with statistics it takes 13 s)
    EXECUTE format('ANALYZE %1$I.meter_month, %1$I.month_ledger, %1$I.year_ledger', model);
    RETURN QUERY EXECUTE format($q$
        SELECT 'meter_month', count(*) FROM %1$I.meter_month
        UNION ALL SELECT 'month_ledger', count(*) FROM %1$I.month_ledger
        UNION ALL SELECT 'year_ledger', count(*) FROM %1$I.year_ledger$q$, model);
    PERFORM energy.model_role_back(role_before);
END
$$;
COMMENT ON FUNCTION energy.rebuild_model(name) IS
    'Recomputes a model''s live summaries (meter_month, month_ledger, year_ledger) from its raw rows with the factors loaded now and the model''s settings (energy.model) — after a bulk load with the live ledgers off, or after factors were reloaded (frozen years keep their factors, so their figures stay) — records that basis alone in ledger_basis, and ANALYZEs them. Writers wait until it commits. Returns the rows of each summary.';

CREATE FUNCTION energy.verify_model(model name)
    RETURNS TABLE (relation text, key text, summary text, recomputed text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    saved text[];
    role_before name;
    msg text;
    hint text;
    detail text;
    state text;
BEGIN
    PERFORM energy.model_require(model);
    IF to_regclass('pg_temp.energy_verify_meter_month') IS NOT NULL THEN
        DROP TABLE pg_temp.energy_verify_meter_month, pg_temp.energy_verify_month_ledger;
    END IF;
    role_before := energy.model_as_owner(model);
    BEGIN  -- (a meter's readings it cannot take: the error names the meter)
        EXECUTE format($q$CREATE TEMP TABLE energy_verify_meter_month ON COMMIT DROP AS
                         SELECT *, sum_hi + sum_lo AS consumption FROM energy.model_meter_months($1, (SELECT array_agg(meter_id) FROM %1$I.meter), NULL, NULL)$q$, model)
            USING model;
    EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
        GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT, detail = PG_EXCEPTION_DETAIL, state = RETURNED_SQLSTATE;
        PERFORM energy.model_meter_error(model, state, msg, detail, hint);
    END;
    saved := energy.model_settings(model);
    CREATE TEMP TABLE energy_verify_month_ledger ON COMMIT DROP AS
        SELECT * FROM energy.model_month_ledgers(model, NULL, NULL, 'pg_temp.energy_verify_meter_month');
    PERFORM energy.model_settings_restore(saved);
    RETURN QUERY EXECUTE format($q$
        SELECT 'meter_month', format('meter %%s, %%s', coalesce(s.meter_id, r.meter_id), to_char(coalesce(s.month, r.month), 'YYYY-MM')),
               s.consumption::text, r.consumption::text
          FROM %1$I.meter_month s FULL JOIN pg_temp.energy_verify_meter_month r ON r.meter_id = s.meter_id AND r.month = s.month
         WHERE (s.institution_id, s.carrier, s.end_use, s.unit, s.sum_hi, s.sum_lo, s.last_ts, s.last_reading, s.last_event)
               IS DISTINCT FROM (r.institution_id, r.carrier, r.end_use, r.unit, r.sum_hi, r.sum_lo, r.last_ts, r.last_reading, r.last_event)
        UNION ALL
        SELECT 'month_ledger', format('institution %%s, %%s, end use %%s, %%s', coalesce(s.institution_id, r.institution_id),
                                      to_char(coalesce(s.month, r.month), 'YYYY-MM'), coalesce(s.end_use, r.end_use), coalesce(s.carrier, r.carrier)),
               energy.ledger_figures(s.ledger), energy.ledger_figures(r.ledger)
          FROM %1$I.month_ledger s FULL JOIN pg_temp.energy_verify_month_ledger r
            ON r.institution_id = s.institution_id AND r.month = s.month AND r.end_use = s.end_use AND r.carrier = s.carrier
         WHERE energy.ledger_figures(s.ledger) IS DISTINCT FROM energy.ledger_figures(r.ledger)
        UNION ALL
        SELECT 'year_ledger', format('institution %%s, %%s, end use %%s', coalesce(s.institution_id, r.institution_id),
                                     coalesce(s.year, r.year), coalesce(s.end_use, r.end_use)),
               energy.ledger_figures(s.ledger), energy.ledger_figures(r.ledger)
          FROM %1$I.year_ledger s
          FULL JOIN (SELECT institution_id, extract(year FROM month)::integer AS year, end_use,
                            energy.rollup(ledger ORDER BY month, carrier) AS ledger
                       FROM pg_temp.energy_verify_month_ledger GROUP BY 1, 2, 3) r
            ON r.institution_id = s.institution_id AND r.year = s.year AND r.end_use = s.end_use
         WHERE energy.ledger_figures(s.ledger) IS DISTINCT FROM energy.ledger_figures(r.ledger)
         ORDER BY 1, 2$q$, model);
    -- (gone now: whoever calls next in this transaction makes its own)
    DROP TABLE pg_temp.energy_verify_meter_month, pg_temp.energy_verify_month_ledger;
    PERFORM energy.model_role_back(role_before);
END
$$;
COMMENT ON FUNCTION energy.verify_model(name) IS
    'Recomputes a model''s live summaries from its raw rows and returns every difference: relation, key, what the summary says, what the recomputation says (none expected; energy.rebuild_model mends them).';

-- A model's live triggers (their names begin with live_), and whether each
-- is on: set_live switches them, data_quality's ledgers_off reads them.
CREATE FUNCTION energy.model_live_triggers(model name)
    RETURNS TABLE (rel regclass, trigger name, enabled boolean)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT c.oid::regclass, g.tgname, g.tgenabled <> 'D'
  FROM pg_catalog.pg_trigger AS g JOIN pg_catalog.pg_class AS c ON c.oid = g.tgrelid
  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
 WHERE n.nspname = model_live_triggers.model AND g.tgname LIKE 'live\_%'
$$;
COMMENT ON FUNCTION energy.model_live_triggers(name) IS
    'The live-ledger triggers of a model (named live_...): the table, the trigger, whether it is enabled (internal: set_live, data_quality).';

CREATE FUNCTION energy.set_live(model name, live boolean)
    RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    t record;
BEGIN
    PERFORM energy.model_require(model);
    FOR t IN SELECT * FROM energy.model_live_triggers(model) LOOP
        EXECUTE format('ALTER TABLE %s %s TRIGGER %I', t.rel, CASE WHEN live THEN 'ENABLE' ELSE 'DISABLE' END, t.trigger);
    END LOOP;
    IF live THEN
        PERFORM energy.rebuild_model(model);
        RETURN format('live ledgers of %s on, rebuilt from the raw rows', model);
    END IF;
    RETURN format('live ledgers of %s off: the summaries, and the views that read them, stay as they are until SELECT energy.set_live(%L, true)', model, model);
END
$$;
COMMENT ON FUNCTION energy.set_live(name, boolean) IS
    'Turns a model''s live ledgers off (for a bulk load: the raw tables load as fast as without them, and the reports show the summaries as they were) or on again, which rebuilds the summaries from the raw rows.';
