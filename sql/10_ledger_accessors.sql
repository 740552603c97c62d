
-- =====================================================================
-- 0.2.0 — more ledger accessors, for reports that must not fail on one
-- institution's missing factor: they ask what is missing, leave that figure
-- NULL and say why, and go on with the others.
-- =====================================================================

CREATE FUNCTION energy.rows(energy.ledger, energy.carrier) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ledger_carrier_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.rows(energy.ledger, energy.carrier) IS
    'Rows of one carrier counted in the ledger (0 if absent).';

CREATE FUNCTION energy.kgce_of(energy.ledger, energy.carrier[]) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ledger_carriers_kgce' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.kgce_of(energy.ledger, energy.carrier[]) IS
    'Standard coal of a group of carriers in the ledger, kgce, one compensated sum (0 if none is present; each carrier counted once; NULL elements ignored); an error if one of them had rows without a coefficient.';

CREATE FUNCTION energy.kgce_missing_rows(energy.ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ledger_kgce_missing_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.kgce_missing_rows(energy.ledger) IS
    'Rows of the ledger whose carrier had no standard-coal coefficient (energy.kgce(ledger) raises an error when this is not 0).';

CREATE FUNCTION energy.co2_missing_rows(energy.ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'ledger_co2_missing_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.co2_missing_rows(energy.ledger) IS
    'Rows of the ledger that had no CO2 factor (energy.kgco2(ledger) raises an error when this is not 0).';

CREATE FUNCTION energy.missing_factors(energy.ledger) RETURNS text
    AS 'MODULE_PATHNAME', 'ledger_missing_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.missing_factors(energy.ledger) IS
    'What the ledger could not convert, in words: carriers and rows without a standard-coal coefficient or a CO2 factor, rows aggregated without dates; NULL when everything was converted.';
