
-- =====================================================================
-- Units — every spelling accepted for an amount, and its size.
-- Multiples are definitions (1 t = 1 000 kg, 1 GJ = 1 000 MJ, 1 kWh of heat
-- = 3.6 MJ, 1 Gcal = 4 186.8 MJ, 1 t of water = 1 m³), kept in C.
-- Litres of liquid fuel become kilograms through energy.density (data).
-- =====================================================================

CREATE FUNCTION energy.unit_list(
    OUT unit_group text, OUT unit text, OUT size_in_base double precision,
    OUT base_unit text, OUT needs_density boolean, OUT aliases text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION energy.unit_list() IS
    'Every unit: its group (electricity, mass, liquid volume, gas volume, water volume, heat, standard coal), size in the group''s base unit, and accepted spellings.';

CREATE VIEW energy.units AS SELECT * FROM energy.unit_list();
COMMENT ON VIEW energy.units IS
    'Every unit an amount may be recorded in, with its size in base units; see energy.carriers for which carrier takes which group.';
