-- energy_ext: carriers, units and standard-coal conversion for public-institution energy accounting.
\echo Use "CREATE EXTENSION energy_ext" to load this file. \quit

COMMENT ON SCHEMA energy IS
    'energy_ext: energy, water and carbon accounting for public institutions (types, conversions, reference data). Put it on search_path to use the operators of energy.carrier unqualified.';

-- =====================================================================
-- energy.carrier — what a meter or bill measures.
-- One byte on disk; prints its canonical code; reads the code or the
-- Chinese names of the statistics forms and GB/T 2589.  Sorts in the order
-- of the forms (electricity, water, coal, oil, gas, heat, ...).
-- =====================================================================

CREATE TYPE energy.carrier;

CREATE FUNCTION energy.carrier_in(cstring) RETURNS energy.carrier
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.carrier_out(energy.carrier) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.carrier_recv(internal) RETURNS energy.carrier
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.carrier_send(energy.carrier) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE energy.carrier (
    INPUT = energy.carrier_in,
    OUTPUT = energy.carrier_out,
    RECEIVE = energy.carrier_recv,
    SEND = energy.carrier_send,
    INTERNALLENGTH = 1,
    PASSEDBYVALUE,
    ALIGNMENT = char,
    STORAGE = plain
);

COMMENT ON TYPE energy.carrier IS
    'Energy or resource carrier of a meter or bill (electricity, water, raw_coal, natural_gas, diesel, heat, pv, ...). 1 byte; input accepts canonical codes and the Chinese names of the statistics forms / GB/T 2589, case- and width-insensitive; output is the canonical code.';
COMMENT ON FUNCTION energy.carrier_in(cstring) IS 'Text input of energy.carrier: canonical code or Chinese name (see energy.carriers).';
COMMENT ON FUNCTION energy.carrier_out(energy.carrier) IS 'Text output of energy.carrier: the canonical code.';
COMMENT ON FUNCTION energy.carrier_recv(internal) IS 'Binary input of energy.carrier: the canonical code as text.';
COMMENT ON FUNCTION energy.carrier_send(energy.carrier) IS 'Binary output of energy.carrier: the canonical code as text.';

-- Comparison: by the carrier's fixed id, i.e. the order of the statistics forms.
CREATE FUNCTION energy.carrier_eq(energy.carrier, energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_ne(energy.carrier, energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_lt(energy.carrier, energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_le(energy.carrier, energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_gt(energy.carrier, energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_ge(energy.carrier, energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_cmp(energy.carrier, energy.carrier) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_hash(energy.carrier) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION energy.carrier_hash_extended(energy.carrier, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION energy.carrier_eq(energy.carrier, energy.carrier) IS 'Implements = for energy.carrier.';
COMMENT ON FUNCTION energy.carrier_ne(energy.carrier, energy.carrier) IS 'Implements <> for energy.carrier.';
COMMENT ON FUNCTION energy.carrier_lt(energy.carrier, energy.carrier) IS 'Implements < for energy.carrier (order of the statistics forms).';
COMMENT ON FUNCTION energy.carrier_le(energy.carrier, energy.carrier) IS 'Implements <= for energy.carrier (order of the statistics forms).';
COMMENT ON FUNCTION energy.carrier_gt(energy.carrier, energy.carrier) IS 'Implements > for energy.carrier (order of the statistics forms).';
COMMENT ON FUNCTION energy.carrier_ge(energy.carrier, energy.carrier) IS 'Implements >= for energy.carrier (order of the statistics forms).';
COMMENT ON FUNCTION energy.carrier_cmp(energy.carrier, energy.carrier) IS 'B-tree support: -1, 0 or 1.';
COMMENT ON FUNCTION energy.carrier_hash(energy.carrier) IS 'Hash support for energy.carrier (hash joins, hash aggregation).';
COMMENT ON FUNCTION energy.carrier_hash_extended(energy.carrier, bigint) IS 'Seeded hash support for energy.carrier (hash partitioning).';

CREATE OPERATOR energy.= (
    LEFTARG = energy.carrier, RIGHTARG = energy.carrier, PROCEDURE = energy.carrier_eq,
    COMMUTATOR = OPERATOR(energy.=), NEGATOR = OPERATOR(energy.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR energy.<> (
    LEFTARG = energy.carrier, RIGHTARG = energy.carrier, PROCEDURE = energy.carrier_ne,
    COMMUTATOR = OPERATOR(energy.<>), NEGATOR = OPERATOR(energy.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR energy.< (
    LEFTARG = energy.carrier, RIGHTARG = energy.carrier, PROCEDURE = energy.carrier_lt,
    COMMUTATOR = OPERATOR(energy.>), NEGATOR = OPERATOR(energy.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR energy.<= (
    LEFTARG = energy.carrier, RIGHTARG = energy.carrier, PROCEDURE = energy.carrier_le,
    COMMUTATOR = OPERATOR(energy.>=), NEGATOR = OPERATOR(energy.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR energy.> (
    LEFTARG = energy.carrier, RIGHTARG = energy.carrier, PROCEDURE = energy.carrier_gt,
    COMMUTATOR = OPERATOR(energy.<), NEGATOR = OPERATOR(energy.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR energy.>= (
    LEFTARG = energy.carrier, RIGHTARG = energy.carrier, PROCEDURE = energy.carrier_ge,
    COMMUTATOR = OPERATOR(energy.<=), NEGATOR = OPERATOR(energy.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);

COMMENT ON OPERATOR energy.= (energy.carrier, energy.carrier) IS 'Same carrier.';
COMMENT ON OPERATOR energy.<> (energy.carrier, energy.carrier) IS 'Different carriers.';
COMMENT ON OPERATOR energy.< (energy.carrier, energy.carrier) IS 'Earlier in the order of the statistics forms.';
COMMENT ON OPERATOR energy.<= (energy.carrier, energy.carrier) IS 'Earlier in the order of the statistics forms, or the same.';
COMMENT ON OPERATOR energy.> (energy.carrier, energy.carrier) IS 'Later in the order of the statistics forms.';
COMMENT ON OPERATOR energy.>= (energy.carrier, energy.carrier) IS 'Later in the order of the statistics forms, or the same.';

CREATE OPERATOR CLASS energy.carrier_ops
    DEFAULT FOR TYPE energy.carrier USING btree AS
        OPERATOR 1 energy.<,
        OPERATOR 2 energy.<=,
        OPERATOR 3 energy.=,
        OPERATOR 4 energy.>=,
        OPERATOR 5 energy.>,
        FUNCTION 1 energy.carrier_cmp(energy.carrier, energy.carrier);
CREATE OPERATOR CLASS energy.carrier_ops
    DEFAULT FOR TYPE energy.carrier USING hash AS
        OPERATOR 1 energy.=,
        FUNCTION 1 energy.carrier_hash(energy.carrier),
        FUNCTION 2 energy.carrier_hash_extended(energy.carrier, bigint);

COMMENT ON OPERATOR CLASS energy.carrier_ops USING btree IS 'B-tree ordering of energy.carrier: ORDER BY, indexes, merge joins.';
COMMENT ON OPERATOR FAMILY energy.carrier_ops USING btree IS 'B-tree operators of energy.carrier.';
COMMENT ON OPERATOR CLASS energy.carrier_ops USING hash IS 'Hashing of energy.carrier: GROUP BY, hash joins, hash partitioning.';
COMMENT ON OPERATOR FAMILY energy.carrier_ops USING hash IS 'Hash operators of energy.carrier.';

-- What is known about each carrier, straight from the type's built-in table.
CREATE FUNCTION energy.carrier_list(
    OUT carrier energy.carrier, OUT name_zh text, OUT name_en text, OUT is_energy boolean,
    OUT base_unit text, OUT unit_groups text, OUT units text[], OUT spellings text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION energy.carrier_list() IS
    'Every carrier: Chinese and English name, whether it is energy (water is not), base unit, accepted unit groups and units, and every accepted input spelling.';

CREATE VIEW energy.carriers AS SELECT * FROM energy.carrier_list();
COMMENT ON VIEW energy.carriers IS
    'Every carrier energy_ext knows, with its names, base unit, accepted units and input spellings.';

CREATE FUNCTION energy.is_energy(energy.carrier) RETURNS boolean
    AS 'MODULE_PATHNAME', 'carrier_is_energy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.is_energy(energy.carrier) IS
    'True for carriers that count toward 综合能耗 (comprehensive energy consumption); false for water.';

CREATE FUNCTION energy.base_unit(energy.carrier) RETURNS text
    AS 'MODULE_PATHNAME', 'carrier_base_unit_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.base_unit(energy.carrier) IS
    'The unit a carrier''s amounts default to and its coefficients are kept in: kWh, kg, m³, MJ or kgce.';
