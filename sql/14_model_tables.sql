
-- =====================================================================
-- 0.2.0 — the tables of a reporting model (energy.create_model runs this
-- template with @model@ replaced by the schema).  Analysts load them with
-- INSERT or COPY; NULL means unknown, never zero.
--
--   institution  one row per institution (basic information of the forms)
--   profile      one row per institution and year: area, people, vehicles...
--   consumption  what the forms and bills record: a period, a carrier, an
--                amount in a unit, an end use
--   meter        meters of an institution, and reading their register
--                readings, turned into monthly consumption by energy.meter_buckets
--
-- Periods are dateranges.  A bill as printed with an inclusive end date is
-- daterange(start, end, '[]'); one printed with the next bill's start date
-- is daterange(start, end).  Chains of bills of one account are calendarised
-- as ENERGY STAR Portfolio Manager does: a one-day overlap at the end of a
-- bill goes to the next bill (see the view month_ledger).
-- =====================================================================

CREATE FUNCTION energy.model_tables_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE TABLE @model@.institution (
    institution_id text PRIMARY KEY,
    name           text NOT NULL,
    region_code    text NOT NULL REFERENCES energy.admin_division (code) DEFERRABLE INITIALLY DEFERRED,
    category       text NOT NULL REFERENCES energy.institution_category (code) DEFERRABLE INITIALLY DEFERRED,
    department     text,
    address        text,
    longitude      double precision,
    latitude       double precision,
    coord_system   text NOT NULL DEFAULT 'wgs84',
    quota_class    text,
    note           text
);

CREATE TABLE @model@.profile (
    institution_id   text NOT NULL REFERENCES @model@.institution DEFERRABLE INITIALLY DEFERRED,
    year             integer NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    building_area_m2 numeric CHECK (building_area_m2 > 0 AND building_area_m2 < 'Infinity'),
    people           numeric CHECK (people > 0 AND people < 'Infinity'),
    heated_area_m2   numeric CHECK (heated_area_m2 >= 0 AND heated_area_m2 < 'Infinity'),
    land_area_m2     numeric CHECK (land_area_m2 >= 0 AND land_area_m2 < 'Infinity'),
    vehicles         integer CHECK (vehicles >= 0),
    nev              integer CHECK (nev >= 0),
    vehicles_added   integer CHECK (vehicles_added >= 0),
    nev_added        integer CHECK (nev_added >= 0),
    pv_capacity_kw   numeric CHECK (pv_capacity_kw >= 0 AND pv_capacity_kw < 'Infinity'),
    datacentre_rooms integer CHECK (datacentre_rooms >= 0),
    note             text,
    PRIMARY KEY (institution_id, year),
    CHECK (nev <= vehicles),
    CHECK (nev_added <= vehicles_added)
);

CREATE TABLE @model@.consumption (
    consumption_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    institution_id text NOT NULL REFERENCES @model@.institution DEFERRABLE INITIALLY DEFERRED,
    period         daterange NOT NULL,
    carrier        energy.carrier NOT NULL,
    amount         numeric NOT NULL,
    unit           text,
    end_use        text NOT NULL DEFAULT 'building' REFERENCES energy.end_use (code) DEFERRABLE INITIALLY DEFERRED,
    account        text,
    estimated      boolean NOT NULL DEFAULT false,
    source         text,
    note           text
);
-- The calendarisation looks up the next bill of a chain by its first day;
-- only rows over more than one day are bills (hourly and daily rows are not
-- indexed, which keeps their loading fast).
CREATE INDEX consumption_chain ON @model@.consumption (institution_id, carrier, (lower(period)))
    WHERE upper(period) - lower(period) > 1;

CREATE TABLE @model@.meter (
    meter_id       text PRIMARY KEY,
    institution_id text NOT NULL REFERENCES @model@.institution DEFERRABLE INITIALLY DEFERRED,
    carrier        energy.carrier NOT NULL,
    unit           text,
    end_use        text NOT NULL DEFAULT 'building' REFERENCES energy.end_use (code) DEFERRABLE INITIALLY DEFERRED,
    multiplier     double precision NOT NULL DEFAULT 1 CHECK (multiplier > 0 AND multiplier < 'Infinity'),
    modulus        double precision CHECK (modulus > 0 AND modulus < 'Infinity'),
    on_decrease    text NOT NULL DEFAULT 'flag' CHECK (on_decrease IN ('flag', 'restart')),
    location       text,
    note           text
);

CREATE TABLE @model@.reading (
    meter_id text NOT NULL REFERENCES @model@.meter DEFERRABLE INITIALLY DEFERRED,
    ts       timestamptz NOT NULL,
    reading  double precision,
    event    text,
    source   text
);
CREATE INDEX reading_meter_ts ON @model@.reading (meter_id, ts);

CREATE TRIGGER check_row BEFORE INSERT OR UPDATE ON @model@.institution
    FOR EACH ROW EXECUTE FUNCTION energy.model_institution_check();
CREATE TRIGGER check_row BEFORE INSERT OR UPDATE ON @model@.profile
    FOR EACH ROW EXECUTE FUNCTION energy.model_profile_check();
CREATE TRIGGER check_inserted AFTER INSERT ON @model@.consumption
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy.model_consumption_check();
CREATE TRIGGER check_updated AFTER UPDATE ON @model@.consumption
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy.model_consumption_check();
CREATE TRIGGER check_row BEFORE INSERT OR UPDATE ON @model@.meter
    FOR EACH ROW EXECUTE FUNCTION energy.model_meter_check();
CREATE TRIGGER check_inserted AFTER INSERT ON @model@.reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy.model_reading_check();
CREATE TRIGGER check_updated AFTER UPDATE ON @model@.reading
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION energy.model_reading_check();

COMMENT ON TABLE @model@.institution IS '公共机构基本信息 (institutions): one row per institution, with its unified social credit code, region code, category and department.';
COMMENT ON TABLE @model@.profile IS '公共机构年度基本情况 (yearly profile): one row per institution and year — building area, people, heated area, vehicles, PV capacity, data-centre rooms. NULL means unknown, never zero.';
COMMENT ON TABLE @model@.consumption IS '能源资源消费 (consumption): what the statistics forms and bills record — a period, a carrier, an amount in a unit, an end use. Bills of one account form a chain (ENERGY STAR Portfolio Manager''s calendarisation).';
COMMENT ON TABLE @model@.meter IS '计量表 (meters) of the institutions: carrier, unit of the register, end use, multiplier (倍率) and rollover modulus. A changed multiplier is a new meter.';
COMMENT ON TABLE @model@.reading IS '抄表读数 (register readings) of the meters, with replacement events; turned into monthly consumption by energy.meter_buckets.';
COMMENT ON INDEX @model@.institution_pkey IS 'One row per institution.';
COMMENT ON INDEX @model@.profile_pkey IS 'One profile per institution and year.';
COMMENT ON INDEX @model@.consumption_pkey IS 'Consumption rows by number.';
COMMENT ON INDEX @model@.meter_pkey IS 'One row per meter.';
COMMENT ON INDEX @model@.consumption_chain IS 'Finds the next bill of a chain by its first day (calendarisation); bills only (rows over more than one day).';
COMMENT ON INDEX @model@.reading_meter_ts IS 'Readings of a meter in time order.';
COMMENT ON TRIGGER check_row ON @model@.institution IS 'Checks region code, category, coordinate system and location (energy.model_institution_check).';
COMMENT ON TRIGGER check_row ON @model@.profile IS 'Checks institution, year, areas, people and vehicles (energy.model_profile_check).';
COMMENT ON TRIGGER check_inserted ON @model@.consumption IS 'Checks the inserted rows once per statement (energy.model_consumption_check).';
COMMENT ON TRIGGER check_updated ON @model@.consumption IS 'Checks the updated rows once per statement (energy.model_consumption_check).';
COMMENT ON TRIGGER check_row ON @model@.meter IS 'Checks institution, end use, multiplier, modulus and unit (energy.model_meter_check).';
COMMENT ON TRIGGER check_inserted ON @model@.reading IS 'Checks the inserted readings once per statement (energy.model_reading_check).';
COMMENT ON TRIGGER check_updated ON @model@.reading IS 'Checks the updated readings once per statement (energy.model_reading_check).';
$model$;
COMMENT ON FUNCTION energy.model_tables_sql() IS
    'The tables of a reporting model, as SQL with @model@ for the schema (internal; energy.create_model runs it). Their columns are documented from energy.model_column_doc.';
