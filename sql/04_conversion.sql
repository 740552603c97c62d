
-- =====================================================================
-- Standard-coal conversion (GB/T 2589).
--   kgce = amount × unit size [× density, for litres] × coefficient
-- The coefficient is the energy.coal_factor row in force on on_date in the
-- chosen factor set (or the set it inherits from).  Defaults: the carrier's
-- base unit, today, the session's energy.factor_set ('gb2589'), calorific.
-- A NULL carrier or amount gives NULL.  Water raises an error: it is not
-- part of 综合能耗.
-- =====================================================================

CREATE FUNCTION energy.kgce(
    carrier energy.carrier, amount double precision, unit text DEFAULT NULL,
    on_date date DEFAULT NULL, factor_set text DEFAULT NULL, basis text DEFAULT 'calorific')
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_kgce' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.kgce(energy.carrier, double precision, text, date, text, text) IS
    'Kilograms of standard coal (GB/T 2589) in amount of carrier recorded in unit (default: the carrier''s base unit), with the coefficient of factor_set (default: SET energy.factor_set, ''gb2589'') in force on on_date (default: today), on the calorific (当量值) or primary (等价值) basis.';

CREATE FUNCTION energy.tce(
    carrier energy.carrier, amount double precision, unit text DEFAULT NULL,
    on_date date DEFAULT NULL, factor_set text DEFAULT NULL, basis text DEFAULT 'calorific')
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_tce' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.tce(energy.carrier, double precision, text, date, text, text) IS
    'Tonnes of standard coal: energy.kgce(...) / 1000.';

CREATE FUNCTION energy.explain_kgce(
    carrier energy.carrier, amount double precision, unit text DEFAULT NULL,
    on_date date DEFAULT NULL, factor_set text DEFAULT NULL, basis text DEFAULT 'calorific',
    OUT kgce double precision, OUT base_amount double precision, OUT base_unit text,
    OUT unit_used text, OUT basis_used text, OUT factor_set_used text,
    OUT kgce_per_unit numeric, OUT per_unit text, OUT valid_from date, OUT valid_to date,
    OUT source text, OUT grade text, OUT note text, OUT loaded_at timestamptz,
    OUT density_kg_per_l numeric, OUT density_source text, OUT density_grade text)
    RETURNS record
    AS 'MODULE_PATHNAME', 'energy_explain_kgce' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.explain_kgce(energy.carrier, double precision, text, date, text, text) IS
    'The conversion energy.kgce would do, shown: amount in base units, the coefficient row used (set, period, value as published, source, grade, note) and the density used for litres.';

CREATE FUNCTION energy.convert_unit(
    carrier energy.carrier, amount double precision, from_unit text, to_unit text,
    on_date date DEFAULT NULL, factor_set text DEFAULT NULL)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'energy_convert_unit' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.convert_unit(energy.carrier, double precision, text, text, date, text) IS
    'The same amount of carrier in another of its units (万kWh to kWh, t to kg, 万m³ to m³, GJ to MJ, L to kg through the density in force).';
