
-- =====================================================================
-- energy.ledger — a two-step aggregate.  energy.ledger(carrier, amount
-- [, unit] [, on_date, region]) sums physical amounts per carrier with the
-- standard coal and CO2 they convert to (each row with the factors of its
-- own date and region); accessors read the result; energy.rollup(ledger)
-- re-aggregates ledgers (day -> year, institution -> province) with the same
-- result as aggregating the raw rows.  Factor sets and grid policies are the
-- session's settings (energy.factor_set, energy.co2_set, energy.grid_set,
-- energy.grid_basis, energy.grid_year_policy, energy.grid_fallback).
-- =====================================================================

CREATE TYPE energy.ledger;

CREATE FUNCTION energy.ledger_in(cstring) RETURNS energy.ledger
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.ledger_out(energy.ledger) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.ledger_recv(internal) RETURNS energy.ledger
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.ledger_send(energy.ledger) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE energy.ledger (
    INPUT = energy.ledger_in,
    OUTPUT = energy.ledger_out,
    RECEIVE = energy.ledger_recv,
    SEND = energy.ledger_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE energy.ledger IS
    'Summary of meter or bill rows: per carrier the rows, the physical amount (base unit) and its standard coal, plus CO2 by scope (location- and market-based), rows with NULLs and rows whose factors were missing. Totals are compensated sums. Text form: JSON that reads back exactly.';
COMMENT ON FUNCTION energy.ledger_in(cstring) IS 'Text input of energy.ledger: the JSON its output prints; validated.';
COMMENT ON FUNCTION energy.ledger_out(energy.ledger) IS 'Text output of energy.ledger: JSON, totals as exact [hi, lo] compensated-sum pairs.';
COMMENT ON FUNCTION energy.ledger_recv(internal) IS 'Binary input of energy.ledger; validated (version, carriers, counts, finite totals).';
COMMENT ON FUNCTION energy.ledger_send(energy.ledger) IS 'Binary output of energy.ledger.';

-- Support functions.  One C transition function serves the four forms.
CREATE FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision, text)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision, date, text)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision, text, date, text)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION energy.ledger_combine(energy.ledger, energy.ledger)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.ledger_rollup_trans(energy.ledger, energy.ledger)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.ledger_final(energy.ledger)
    RETURNS energy.ledger AS 'MODULE_PATHNAME', 'ledger_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision) IS
    'Transition function of energy.ledger(carrier, amount).';
COMMENT ON FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision, text) IS
    'Transition function of energy.ledger(carrier, amount, unit).';
COMMENT ON FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision, date, text) IS
    'Transition function of energy.ledger(carrier, amount, on_date, region).';
COMMENT ON FUNCTION energy.ledger_trans(energy.ledger, energy.carrier, double precision, text, date, text) IS
    'Transition function of energy.ledger(carrier, amount, unit, on_date, region).';
COMMENT ON FUNCTION energy.ledger_combine(energy.ledger, energy.ledger) IS
    'Combine function of the ledger aggregates (parallel workers, partial aggregation).';
COMMENT ON FUNCTION energy.ledger_rollup_trans(energy.ledger, energy.ledger) IS
    'Transition function of energy.rollup(ledger).';
COMMENT ON FUNCTION energy.ledger_final(energy.ledger) IS
    'Final function of the ledger aggregates: keeps only the carriers present.';

-- SSPACE: a state has room for 4 carriers (144-byte header + 4 × 40 = 304
-- bytes) and doubles for more, up to 1 424 bytes for 32; what is stored keeps
-- only the carriers present (144 + 40 per carrier).
CREATE AGGREGATE energy.ledger(energy.carrier, double precision) (
    SFUNC = energy.ledger_trans, STYPE = energy.ledger, SSPACE = 304,
    COMBINEFUNC = energy.ledger_combine, FINALFUNC = energy.ledger_final,
    FINALFUNC_MODIFY = READ_ONLY, PARALLEL = SAFE);
CREATE AGGREGATE energy.ledger(energy.carrier, double precision, text) (
    SFUNC = energy.ledger_trans, STYPE = energy.ledger, SSPACE = 304,
    COMBINEFUNC = energy.ledger_combine, FINALFUNC = energy.ledger_final,
    FINALFUNC_MODIFY = READ_ONLY, PARALLEL = SAFE);
CREATE AGGREGATE energy.ledger(energy.carrier, double precision, date, text) (
    SFUNC = energy.ledger_trans, STYPE = energy.ledger, SSPACE = 304,
    COMBINEFUNC = energy.ledger_combine, FINALFUNC = energy.ledger_final,
    FINALFUNC_MODIFY = READ_ONLY, PARALLEL = SAFE);
CREATE AGGREGATE energy.ledger(energy.carrier, double precision, text, date, text) (
    SFUNC = energy.ledger_trans, STYPE = energy.ledger, SSPACE = 304,
    COMBINEFUNC = energy.ledger_combine, FINALFUNC = energy.ledger_final,
    FINALFUNC_MODIFY = READ_ONLY, PARALLEL = SAFE);
CREATE AGGREGATE energy.rollup(energy.ledger) (
    SFUNC = energy.ledger_rollup_trans, STYPE = energy.ledger, SSPACE = 304,
    COMBINEFUNC = energy.ledger_combine, FINALFUNC = energy.ledger_final,
    FINALFUNC_MODIFY = READ_ONLY, PARALLEL = SAFE);

COMMENT ON AGGREGATE energy.ledger(energy.carrier, double precision) IS
    'Ledger of amounts in base units, with standard coal at today''s coefficients; no CO2 (it needs dates).';
COMMENT ON AGGREGATE energy.ledger(energy.carrier, double precision, text) IS
    'Ledger of amounts in any unit of their carrier, with standard coal at today''s coefficients; no CO2.';
COMMENT ON AGGREGATE energy.ledger(energy.carrier, double precision, date, text) IS
    'Ledger of amounts in base units with standard coal and CO2 at each row''s date and region (GB/T 2260 code or province; NULL national).';
COMMENT ON AGGREGATE energy.ledger(energy.carrier, double precision, text, date, text) IS
    'Ledger of amounts in any unit with standard coal and CO2 at each row''s date and region.';
COMMENT ON AGGREGATE energy.rollup(energy.ledger) IS
    'Re-aggregates ledgers (hour -> day -> year, institution -> city -> province): the same result as aggregating the raw rows, to within rounding of 1e-16.';

-- Accessors.
CREATE FUNCTION energy.kgce(energy.ledger) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_kgce' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.tce(energy.ledger) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_tce' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.kgce(energy.ledger, energy.carrier) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_carrier_kgce' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.amount(energy.ledger, energy.carrier) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.water(energy.ledger) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN energy.amount($1, 'water'::energy.carrier);
CREATE FUNCTION energy.rows(energy.ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ledger_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.null_rows(energy.ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ledger_null_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.kgco2(ledger energy.ledger, method energy.co2_method DEFAULT 'location', scope integer DEFAULT NULL)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_kgco2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.tco2(ledger energy.ledger, method energy.co2_method DEFAULT 'location', scope integer DEFAULT NULL)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_tco2' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.breakdown(energy.ledger,
    OUT carrier energy.carrier, OUT rows bigint, OUT amount double precision,
    OUT base_unit text, OUT kgce double precision)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'ledger_breakdown' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;

COMMENT ON FUNCTION energy.kgce(energy.ledger) IS
    'Standard coal of all rows of the ledger, kgce; NULL if it counted no rows; an error naming the carriers if some rows had no coefficient.';
COMMENT ON FUNCTION energy.tce(energy.ledger) IS 'Standard coal of the ledger, tce.';
COMMENT ON FUNCTION energy.kgce(energy.ledger, energy.carrier) IS 'Standard coal of one carrier in the ledger, kgce (0 if absent).';
COMMENT ON FUNCTION energy.amount(energy.ledger, energy.carrier) IS
    'Physical amount of one carrier in the ledger, in its base unit (energy.base_unit): kWh, kg, m³, MJ or kgce; 0 if absent.';
COMMENT ON FUNCTION energy.water(energy.ledger) IS 'Water in the ledger, m³ (not part of standard coal).';
COMMENT ON FUNCTION energy.rows(energy.ledger) IS 'Rows counted in the ledger.';
COMMENT ON FUNCTION energy.null_rows(energy.ledger) IS 'Rows left out of the ledger because their carrier or amount was NULL.';
COMMENT ON FUNCTION energy.kgco2(energy.ledger, energy.co2_method, integer) IS
    'CO2 of the ledger, kg: location- or market-based, scope 1, 2 or (NULL) all; an error if rows were aggregated without dates or had no factor.';
COMMENT ON FUNCTION energy.tco2(energy.ledger, energy.co2_method, integer) IS 'CO2 of the ledger, t.';
COMMENT ON FUNCTION energy.breakdown(energy.ledger) IS
    'One row per carrier in the ledger: rows, amount in base unit, standard coal (NULL where the coefficient was missing).';
