
-- =====================================================================
-- 0.2.0 — reporting models.
--
-- energy.create_model('prov2023') creates schema prov2023 with the tables
-- analysts load (institution, profile, consumption, meter, reading) and the
-- views they and their BI tools read (institution_year, region_year,
-- category_year, department_year, monthly, data_quality).  Several models
-- live side by side: an official round, a sandbox, the demo.
--
-- A model is the user's data, not part of the extension (as PostGIS keeps
-- topologies): pg_dump dumps its tables and views like any other, and
-- DROP EXTENSION energy_ext refuses while one exists, because its columns
-- and views depend on the extension's types and functions.  The extension
-- keeps only a register of its models (energy.model, dumped whole).
--
-- Upgrades: the views of every model are rebuilt by energy.upgrade_model,
-- which each release's upgrade script calls for every registered model
-- (ALTER EXTENSION energy_ext UPDATE), and which users may call at any time.
-- Inside an extension script it adds the views to the extension before
-- replacing them and takes them out again afterwards, so they stay the
-- user's (PostgreSQL lets an extension script replace only its own members).
-- =====================================================================

CREATE TABLE energy.model (
    name        name PRIMARY KEY,
    time_zone   text NOT NULL DEFAULT 'Asia/Shanghai',
    description text,
    version     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- how the live ledgers convert (the settings energy.* of that name)
    factor_set       text NOT NULL DEFAULT 'gb2589' REFERENCES energy.factor_set (name),
    co2_set          text NOT NULL DEFAULT 'gb2589' REFERENCES energy.factor_set (name),
    grid_set         text NOT NULL DEFAULT 'mee_nbs' REFERENCES energy.factor_set (name),
    grid_basis       text NOT NULL DEFAULT 'average' CHECK (grid_basis IN ('average', 'excl_market_nonfossil', 'fossil')),
    grid_year_policy text NOT NULL DEFAULT 'exact' CHECK (grid_year_policy IN ('exact', 'latest', 'nearest')),
    grid_fallback    text NOT NULL DEFAULT 'none' CHECK (grid_fallback IN ('none', 'grid'))
);
COMMENT ON TABLE energy.model IS
    'Register of reporting models, one row per schema made by energy.create_model, with the settings its live ledgers convert with (whatever the writing session has SET); pg_dump keeps it. Change time_zone here, then SELECT energy.upgrade_model(name); change a conversion setting, then SELECT energy.rebuild_model(name).';
COMMENT ON COLUMN energy.model.name IS 'Schema of the model.';
COMMENT ON COLUMN energy.model.time_zone IS 'Time zone of the model''s calendar: meter readings are put into months of local civil time here (default Asia/Shanghai).';
COMMENT ON COLUMN energy.model.description IS 'What the model is for (an official round, a sandbox, ...).';
COMMENT ON COLUMN energy.model.version IS 'Version of energy_ext whose views the model has (energy.upgrade_model sets it).';
COMMENT ON COLUMN energy.model.created_at IS 'When the model was created.';
COMMENT ON COLUMN energy.model.factor_set IS 'Factor set of the standard-coal coefficients and densities the model converts with (energy.factor_set; as SET energy.factor_set). After a change, SELECT energy.rebuild_model(name).';
COMMENT ON COLUMN energy.model.co2_set IS 'Factor set of the fuel CO2 parameters and the heat factor (as SET energy.co2_set). After a change, rebuild_model.';
COMMENT ON COLUMN energy.model.grid_set IS 'Factor set of the grid emission factors (as SET energy.grid_set). After a change, rebuild_model.';
COMMENT ON COLUMN energy.model.grid_basis IS 'Grid-factor basis: average, excl_market_nonfossil or fossil (as SET energy.grid_basis). After a change, rebuild_model.';
COMMENT ON COLUMN energy.model.grid_year_policy IS 'When a data year has no grid factor: exact (the figure stays NULL and data_quality says so), latest or nearest (as SET energy.grid_year_policy). After a change, rebuild_model.';
COMMENT ON COLUMN energy.model.grid_fallback IS 'When a province has no grid factor: none, or grid (its regional grid, then the national factor) (as SET energy.grid_fallback). After a change, rebuild_model.';
SELECT pg_catalog.pg_extension_config_dump('energy.model', '');
-- Everyone reads the register (the live triggers, run as each model's owner,
-- read its settings); a role writes only the rows of models whose schema is
-- its own (or a member's of its role), or of models whose schema is gone: a
-- DBA granted INSERT, UPDATE, DELETE here to make models of its own cannot
-- change another DBA's settings or time zone, nor take its model out of the
-- register.  The table's owner and superusers are not bound.
ALTER TABLE energy.model ENABLE ROW LEVEL SECURITY;
CREATE POLICY model_read ON energy.model FOR SELECT USING (true);
CREATE POLICY model_own ON energy.model FOR ALL
    USING (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = model.name)
           OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                       WHERE n.nspname = model.name AND pg_catalog.pg_has_role(n.nspowner, 'MEMBER')))
    WITH CHECK (NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n WHERE n.nspname = model.name)
                OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace n
                            WHERE n.nspname = model.name AND pg_catalog.pg_has_role(n.nspowner, 'MEMBER')));
COMMENT ON POLICY model_read ON energy.model IS 'Every role reads the register of models.';
COMMENT ON POLICY model_own ON energy.model IS 'A role writes the rows of the models whose schema it owns (or a role it is a member of owns), and of models whose schema is gone.';

-- The register is changed by hand (UPDATE energy.model SET time_zone = ...,
-- then upgrade_model; SET factor_set = ..., then rebuild_model), so each row is
-- checked as it is written, with what to write instead: a time zone that is
-- not a name of pg_timezone_names ('+08' is a POSIX zone, UTC−8, and a typo
-- would stop every later write of the model's readings), a setting outside
-- its list, a factor set that does not exist.
CREATE FUNCTION energy.model_register_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    col text;
    val text;
BEGIN
    IF NEW.time_zone IS DISTINCT FROM OLD.time_zone OR TG_OP = 'INSERT' THEN
        IF NEW.time_zone IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names z WHERE z.name = NEW.time_zone) THEN
            RAISE EXCEPTION 'unknown time zone "%" for model %', NEW.time_zone, NEW.name USING ERRCODE = '22023',
                  HINT = CASE WHEN NEW.time_zone ~ '^[+-]'
                              THEN 'An offset like +08 is read as a POSIX zone (UTC−8, west of Greenwich): use a name of pg_timezone_names, e.g. Asia/Shanghai.'
                              ELSE 'Use a name of pg_timezone_names, e.g. Asia/Shanghai.' END;
        END IF;
    END IF;
    FOREACH col IN ARRAY ARRAY['factor_set', 'co2_set', 'grid_set'] LOOP
        val := CASE col WHEN 'factor_set' THEN NEW.factor_set WHEN 'co2_set' THEN NEW.co2_set ELSE NEW.grid_set END;
        IF val IS NOT NULL AND NOT EXISTS (SELECT 1 FROM energy.factor_set f WHERE f.name = val) THEN
            RAISE EXCEPTION 'unknown factor set "%" (% of model %)', val, col, NEW.name USING ERRCODE = '23503',
                  HINT = 'Factor sets of energy.factor_set: ' || (SELECT string_agg(f.name, ', ' ORDER BY f.name) FROM energy.factor_set f) || '.';
        END IF;
    END LOOP;
    IF NEW.grid_basis NOT IN ('average', 'excl_market_nonfossil', 'fossil') THEN
        RAISE EXCEPTION 'unknown grid_basis "%" of model %', NEW.grid_basis, NEW.name USING ERRCODE = '22023',
              HINT = 'average (province, regional grid or national), excl_market_nonfossil or fossil (national figures).';
    ELSIF NEW.grid_year_policy NOT IN ('exact', 'latest', 'nearest') THEN
        RAISE EXCEPTION 'unknown grid_year_policy "%" of model %', NEW.grid_year_policy, NEW.name USING ERRCODE = '22023',
              HINT = 'exact (the data year, or no figure and a data_quality finding), latest (the latest year up to the data year) or nearest (ties go to the earlier year).';
    ELSIF NEW.grid_fallback NOT IN ('none', 'grid') THEN
        RAISE EXCEPTION 'unknown grid_fallback "%" of model %', NEW.grid_fallback, NEW.name USING ERRCODE = '22023',
              HINT = 'none (the province''s own factor) or grid (the province, then its regional grid, then national).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.model_register_check() IS
    'Trigger of energy.model (before INSERT or UPDATE): a time zone of pg_timezone_names and settings of their lists (22023), factor sets that exist (23503), each with a hint of what to write.';
CREATE TRIGGER register_checked BEFORE INSERT OR UPDATE ON energy.model
    FOR EACH ROW EXECUTE FUNCTION energy.model_register_check();
COMMENT ON TRIGGER register_checked ON energy.model IS
    'Checks each row of the register as it is written, with a hint (energy.model_register_check).';

CREATE FUNCTION energy.creating_extension() RETURNS boolean
    AS 'MODULE_PATHNAME', 'energy_creating_extension' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.creating_extension() IS
    'True while an extension script runs (CREATE or ALTER EXTENSION); energy.upgrade_model uses it to keep a model''s views out of the extension.';

-- The SQL of a model: tables (sql/14_model_tables.sql) and views
-- (sql/15_model_views.sql), with @model@ standing for the quoted schema name.
-- Their column comments come from energy.model_column_doc (sql/16_column_docs.sql).

-- Findings of a companion extension in a model's data_quality view: the
-- model's view location_quality (energy_ext_postgis, energy.enable_spatial),
-- when it exists, adds its rows.  The views are rebuilt by upgrade_model.
CREATE FUNCTION energy.model_extra_quality_sql(model name) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
    SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                              WHERE c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = model)
                                AND c.relname = 'location_quality' AND c.relkind = 'v')
                THEN 'UNION ALL SELECT q.institution_id, q.year, q.rule, q.severity, q.detail, q.reference FROM '
                     || pg_catalog.quote_ident(model) || '.location_quality AS q'
                ELSE '' END;
    END;
COMMENT ON FUNCTION energy.model_extra_quality_sql(name) IS
    'The rows a companion extension adds to a model''s data_quality view (internal): those of the model''s view location_quality (energy_ext_postgis) when it exists, else nothing.';

CREATE FUNCTION energy.model_exec(model name, template text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
DECLARE
    tz text;
BEGIN
    SELECT m.time_zone INTO tz FROM energy.model m WHERE m.name = model_exec.model;
    EXECUTE replace(replace(replace(replace(replace(replace(replace(replace(template,
        '@chain_end@', energy.model_chain_end_sql()),
        '@event@', energy.model_event_sql()),
        '@model_name@', quote_literal(model)),
        '@model@', quote_ident(model)),
        '@time_zone@', quote_literal(coalesce(tz, 'Asia/Shanghai'))),
        '@rollup_aggregates@', energy.model_rollup_sql('aggregates')),
        '@rollup_columns@', energy.model_rollup_sql('columns')),
        '@extra_quality@', energy.model_extra_quality_sql(model));
    -- a model with region grants keeps its tables and views (new ones
    -- included) under row-level security
    IF EXISTS (SELECT 1 FROM energy.region_grant g WHERE g.model = model_exec.model) THEN
        PERFORM energy.model_protect(model);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_exec(name, text) IS
    'Runs a model template (internal): @chain_end@ becomes energy.model_chain_end_sql(), @event@ energy.model_event_sql(), @model_name@ the model''s name as a literal, @model@ the quoted schema name, @time_zone@ the model''s time zone, @rollup_aggregates@ and @rollup_columns@ the roll-up columns of energy.model_rollup_sql(), @extra_quality@ energy.model_extra_quality_sql(model); search_path is pg_catalog, energy. Afterwards, a model with region grants gets its tables and views (new ones too) under row-level security (energy.model_protect).';

CREATE FUNCTION energy.create_model(model name, description text DEFAULT NULL, time_zone text DEFAULT 'Asia/Shanghai')
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF model IS NULL OR model = '' THEN
        RAISE EXCEPTION 'a model needs a schema name' USING ERRCODE = '22004',
              HINT = 'SELECT energy.create_model(''prov2023'') creates the model in schema prov2023.';
    END IF;
    IF model ~ '^pg_' OR model IN ('energy', 'public', 'information_schema') THEN
        RAISE EXCEPTION 'schema % cannot hold a model', model USING ERRCODE = '42939',
              HINT = 'Choose a name of your own, e.g. prov2023 or sandbox.';
    END IF;
    -- the model's SQL is written from templates whose placeholders are @...@:
    -- a name with @ in it could be read as one of them
    IF position('@' IN model) > 0 THEN
        RAISE EXCEPTION 'a model name cannot contain @: "%"', model USING ERRCODE = '42602',
              HINT = 'Choose a name without @, e.g. prov2023.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = model) THEN
        RAISE EXCEPTION 'schema "%" already exists', model USING ERRCODE = '42P06',
              HINT = CASE WHEN EXISTS (SELECT 1 FROM energy.model m WHERE m.name = create_model.model)
                          THEN 'It is a model already: load it, or remove it with SELECT energy.drop_model(' || quote_literal(model) || ').'
                          ELSE 'A model gets a schema of its own: choose another name.' END;
    END IF;
    IF time_zone IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names WHERE name = time_zone) THEN
        RAISE EXCEPTION 'unknown time zone "%"', time_zone USING ERRCODE = '22023',
              HINT = 'Use a name of pg_timezone_names, e.g. Asia/Shanghai.';
    END IF;
    -- the stale rows of a schema dropped by hand: the new model starts with no grants
    DELETE FROM energy.model m WHERE m.name = create_model.model;
    PERFORM energy.model_forget_grants(model);
    INSERT INTO energy.model (name, time_zone, description, version)
    VALUES (model, time_zone, description,
            (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'energy_ext'));
    EXECUTE format('CREATE SCHEMA %I', model);
    EXECUTE format('COMMENT ON SCHEMA %I IS %L', model,
                   'energy_ext reporting model' || coalesce(': ' || description, '')
                   || '. Load institution, profile, consumption, meter, reading and programme; read institution_year, region_year, category_year, department_year, monthly, data_quality, target_status, cap_status and quota_rating.');
    PERFORM energy.model_exec(model, energy.model_tables_sql());
    PERFORM energy.model_exec(model, energy.model_programme_sql());
    PERFORM energy.model_exec(model, energy.model_summaries_sql());
    PERFORM energy.model_exec(model, energy.model_views_sql());
    PERFORM energy.model_exec(model, energy.model_targets_sql());
    PERFORM energy.model_document(model);
    RETURN model;
END
$$;
COMMENT ON FUNCTION energy.create_model(name, text, text) IS
    'Creates a reporting model in a new schema: tables institution, profile, consumption, meter, reading, programme (load them with INSERT or COPY) and views monthly, institution_year, region_year, category_year, department_year, data_quality, target_status, cap_status, quota_rating (for BI tools) and consumption_period, consumption_part, rollup_input, rollup_year; live summaries meter_month, month_ledger and year_ledger, kept current as rows are written by the model''s own trigger functions (live_reading, live_consumption, live_meter, live_institution: run as the model''s owner), and ledger_basis, what they were computed with; registers it in energy.model. time_zone is the calendar of its months. Returns the schema name.';

CREATE FUNCTION energy.upgrade_model(model name)
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    in_script boolean := energy.creating_extension();
    v record;
BEGIN
    PERFORM energy.model_require(model);
    -- An extension script may replace only the extension's own members.
    IF in_script THEN
        FOR v IN SELECT c.oid::regclass AS view FROM pg_catalog.pg_class c
                  WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relkind = 'v'
                    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                                     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
            EXECUTE format('ALTER EXTENSION energy_ext ADD VIEW %s', v.view);
        END LOOP;
    END IF;
    PERFORM energy.model_exec(model, energy.model_views_sql());
    PERFORM energy.model_exec(model, energy.model_targets_sql());
    PERFORM energy.model_document(model);
    -- the live triggers' functions with this version's bodies, and the
    -- summaries with this version's rules and the registered time zone
    PERFORM energy.model_live_functions(model);
    PERFORM energy.rebuild_model(model);
    IF in_script THEN
        FOR v IN SELECT c.oid::regclass AS view FROM pg_catalog.pg_class c
                  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
                  WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relkind = 'v' LOOP
            EXECUTE format('ALTER EXTENSION energy_ext DROP VIEW %s', v.view);
        END LOOP;
    END IF;
    UPDATE energy.model m SET version = (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'energy_ext')
     WHERE m.name = upgrade_model.model;
    RETURN model;
END
$$;
COMMENT ON FUNCTION energy.upgrade_model(name) IS
    'Rebuilds the views of a reporting model with this version of energy_ext (CREATE OR REPLACE VIEW: views of your own built on them stay) and recomputes its live summaries (energy.rebuild_model), both with its time zone from energy.model; every upgrade script calls it for each registered model. Returns the schema name.';

-- The relations energy_ext (and energy_ext_postgis) make in a model's
-- schema, each before what it depends on: what drop_model drops, and all
-- that grant_region grants (a table of your own in the schema is yours to
-- grant).  location_quality, spatial_region_year, institution_place (and the
-- function area_year) are energy_ext_postgis's, in spatially enabled models;
-- the shard_* views are energy.shard_prepare's, on the servers of a sharded
-- model; demo_fault and demo_expected are the demo's.
CREATE FUNCTION energy.model_relations() RETURNS name[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY['shard_institution', 'shard_profile', 'shard_consumption', 'shard_reading', 'shard_month_ledger', 'shard_year_ledger', 'shard_ledger_state',
                 'cap_status', 'target_status', 'institution_scope', 'data_quality', 'location_quality', 'quota_rating', 'whole_year',
                 'spatial_region_year', 'rollup_year', 'region_year', 'category_year', 'department_year', 'rollup_input',
                 'institution_year', 'monthly', 'consumption_part', 'consumption_period',
                 'demo_fault', 'demo_expected', 'ledger_basis', 'year_ledger', 'month_ledger', 'meter_month', 'programme', 'reading', 'meter',
                 'consumption', 'profile', 'institution_place', 'institution']::name[];
COMMENT ON FUNCTION energy.model_relations() IS
    'The names of the tables and views energy_ext and energy_ext_postgis make in a model''s schema, each before what it depends on (internal: energy.drop_model drops them; energy.grant_region grants them and nothing else of the schema).';

CREATE FUNCTION energy.drop_model(model name, cascade boolean DEFAULT false)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    own name[] := energy.model_relations();
    own_functions name[] := ARRAY['area_year'];
    obj record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.model m WHERE m.name = drop_model.model) THEN
        RAISE EXCEPTION '"%" is not a reporting model', model USING ERRCODE = '42704',
              HINT = 'SELECT name FROM energy.model lists the models; a schema of your own is dropped with DROP SCHEMA.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = model) THEN
        IF cascade THEN
            EXECUTE format('DROP SCHEMA %I CASCADE', model);
        ELSE
            -- Anything else in the schema, or built on the model's views,
            -- stops the drop with PostgreSQL's own message.
            FOR obj IN SELECT p.oid::regprocedure AS fn FROM pg_catalog.pg_proc p
                        JOIN pg_catalog.pg_type t ON t.oid = p.proargtypes[0]
                        WHERE p.pronamespace = quote_ident(model)::regnamespace AND p.proname = ANY (own_functions)
                          AND p.pronargs = 1 AND t.typname = 'geometry' LOOP  -- area_year(geometry), not one of yours
                EXECUTE format('DROP FUNCTION %s', obj.fn);
            END LOOP;
            FOR obj IN SELECT c.relkind, c.oid::regclass AS rel FROM pg_catalog.pg_class c
                        WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relname = ANY (own)
                        ORDER BY array_position(own, c.relname) LOOP
                EXECUTE format(CASE obj.relkind WHEN 'v' THEN 'DROP VIEW %s' ELSE 'DROP TABLE %s' END, obj.rel);
            END LOOP;
            -- the live triggers' functions (energy.model_live_functions), once their tables are gone
            FOR obj IN SELECT p.oid::regprocedure AS fn FROM pg_catalog.pg_proc p
                        WHERE p.pronamespace = quote_ident(model)::regnamespace AND p.pronargs = 0
                          AND p.proname IN ('live_reading', 'live_consumption', 'live_meter', 'live_institution')
                          AND p.prorettype = 'trigger'::regtype LOOP
                EXECUTE format('DROP FUNCTION %s', obj.fn);
            END LOOP;
            EXECUTE format('DROP SCHEMA %I', model);
        END IF;
    END IF;
    DELETE FROM energy.model m WHERE m.name = drop_model.model;
    PERFORM energy.model_forget_grants(model);
END
$$;
COMMENT ON FUNCTION energy.drop_model(name, boolean) IS
    'Drops a reporting model: its views, tables (with their data), live-trigger functions and schema, its row of energy.model and its region grants. Objects of your own in the schema or built on its views stop the drop (2BP01), unless cascade => true, which drops them too.';

-- ---------------------------------------------------------------------
-- Checks of the rows analysts load.  Each error has its SQLSTATE, names the
-- institution and the bad value, and has a hint; the statement that wrote
-- the row fails as a whole, so nothing is half-written.  Small tables are
-- checked row by row (BEFORE, so these messages come before the constraints'
-- own); consumption and readings, which are loaded by the million, once per
-- statement over its new rows.  Load institutions first, then the rest.
-- The foreign keys stay as the guarantee (deleting an institution that has
-- data fails); they are checked at commit, so that these messages come first.
-- ---------------------------------------------------------------------

-- A period as text with ISO dates, whatever the session's DateStyle.
CREATE FUNCTION energy.period_text(period daterange) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN isempty(period) THEN 'empty' ELSE
        CASE WHEN lower_inc(period) THEN '[' ELSE '(' END
        || coalesce(CASE WHEN isfinite(lower(period)) THEN to_char(lower(period)::timestamp, 'YYYY-MM-DD')
                         ELSE lower(period)::text END, '')
        || ','
        || coalesce(CASE WHEN isfinite(upper(period)) THEN to_char(upper(period)::timestamp, 'YYYY-MM-DD')
                         ELSE upper(period)::text END, '')
        || CASE WHEN upper_inc(period) THEN ']' ELSE ')' END END;
COMMENT ON FUNCTION energy.period_text(daterange) IS
    'A daterange as text with ISO dates (2022-01-01), whatever the session''s DateStyle: for messages.';

-- Checks the row triggers share.
CREATE FUNCTION energy.model_require_institution(model name, institution_id text, what text)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    known boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.institution WHERE institution_id = $1)', model)
       INTO known USING institution_id;
    IF NOT known AND institution_id <> energy.id_trim(institution_id) THEN
        RAISE EXCEPTION '% of institution "%", which begins or ends with blanks', what, institution_id USING ERRCODE = '22023',
              HINT = format('Trim it: %L (a CSV padded with blanks, or saved with a byte-order mark).', energy.id_trim(institution_id));
    ELSIF NOT known THEN
        RAISE EXCEPTION '% of unknown institution "%"', what, institution_id USING ERRCODE = '23503',
              HINT = format('Insert the institution into %I.institution first.', model);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_require_institution(name, text, text) IS
    'Raises 23503 "<what> of unknown institution" unless the model has the institution (22023 with the trimmed ID when the unknown ID is padded with blanks; internal, for the checks of loaded rows).';

CREATE FUNCTION energy.model_check_unit(carrier energy.carrier, unit text, context text)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE  -- its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    msg text;
    hint text;
BEGIN
    PERFORM energy.canonical_unit(carrier, unit);
EXCEPTION WHEN invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
    RAISE EXCEPTION '%', msg USING ERRCODE = 'invalid_parameter_value', HINT = hint, DETAIL = context;
END
$$;
COMMENT ON FUNCTION energy.model_check_unit(energy.carrier, text, text) IS
    'The error of energy.canonical_unit (22023: the unit does not fit the carrier, with its hint), with context as its detail: which row (internal, for the checks of loaded rows).';

-- An identifier without what spreadsheets and web pages pad it with: white
-- space (tabs, line ends, form feeds), the no-break and other Unicode spaces
-- (U+00A0, U+2000–U+200B, U+202F, U+205F, the full-width U+3000) and a
-- byte-order mark (U+FEFF, the first bytes of a CSV saved as "UTF-8 with BOM").
CREATE FUNCTION energy.id_trim(id text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN pg_catalog.btrim(id, E' \t\n\r\f\u000b\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff');
COMMENT ON FUNCTION energy.id_trim(text) IS
    'An identifier without the blanks it may be padded with at either end: white space, the no-break and other Unicode spaces, the zero-width space and a byte-order mark (internal: the model''s checks refuse padded institution and meter IDs).';

CREATE FUNCTION energy.model_institution_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cat record;
BEGIN
    IF NEW.institution_id IS NULL OR energy.id_trim(NEW.institution_id) = '' THEN
        RAISE EXCEPTION 'an institution needs an institution_id' USING ERRCODE = '23502',
              HINT = 'Use the 18-character unified social credit code (统一社会信用代码) where known, or an identifier of your own.';
    END IF;
    -- 'A ' and 'A' would be two institutions, the bills of one never
    -- meeting the profile of the other (a CSV padded with blanks)
    IF NEW.institution_id <> energy.id_trim(NEW.institution_id) THEN
        RAISE EXCEPTION 'institution_id "%" begins or ends with blanks', NEW.institution_id USING ERRCODE = '22023',
              HINT = format('Trim it: %L. A padded identifier would be an institution of its own.', energy.id_trim(NEW.institution_id));
    END IF;
    IF NEW.region_code IS NULL OR NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = NEW.region_code) THEN
        RAISE EXCEPTION 'unknown region code "%" for institution "%"', NEW.region_code, NEW.institution_id
            USING ERRCODE = '23503',
                  HINT = 'Use a six-digit code of energy.admin_division (GB/T 2260 / NBS 2023): province 210000, city 210100, county 210102. '
                         || 'Add an older or local code as a row of your own: INSERT INTO energy.admin_division (code, level, parent, name_zh, kind, vintage, source) VALUES (...).';
    END IF;
    SELECT * INTO cat FROM energy.institution_category c WHERE c.code = NEW.category;
    IF NOT FOUND OR NOT cat.assignable THEN
        RAISE EXCEPTION '% category code "%" for institution "%"',
              CASE WHEN FOUND THEN 'summary-only' ELSE 'unknown' END, NEW.category, NEW.institution_id
            USING ERRCODE = '23503',
                  HINT = 'Use 01 (机关), 021 (教育), 022 (科技), 023 (文化), 024 (卫生), 025 (体育), 026 (其他事业单位) or 03 (社会团体); '
                         || '02 (事业单位) is the sum of 021–026.';
    END IF;
    IF NEW.coord_system IS NULL OR NEW.coord_system NOT IN ('wgs84', 'gcj02', 'bd09') THEN
        RAISE EXCEPTION 'unknown coordinate system "%" for institution "%"', NEW.coord_system, NEW.institution_id
            USING ERRCODE = '22023',
                  HINT = 'Use wgs84 (GPS, PostGIS SRID 4326), gcj02 (Amap, Tencent) or bd09 (Baidu).';
    END IF;
    IF (NEW.longitude IS NULL) <> (NEW.latitude IS NULL)
       OR NOT (NEW.longitude BETWEEN -180 AND 180) OR NOT (NEW.latitude BETWEEN -90 AND 90) THEN
        RAISE EXCEPTION 'invalid location (%, %) for institution "%"', NEW.longitude, NEW.latitude, NEW.institution_id
            USING ERRCODE = '22023',
                  HINT = 'Give both longitude (-180 to 180) and latitude (-90 to 90) in degrees, or neither.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.model_institution_check() IS
    'Trigger of a model''s institution table: an institution_id without surrounding blanks (22023), a region code of energy.admin_division (23503), an assignable category (23503), a known coordinate system and a location in range (22023). Credit codes are not checked here: data_quality reports bad ones.';

CREATE FUNCTION energy.model_profile_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    what text;
    val numeric;
BEGIN
    PERFORM energy.model_require_institution(TG_TABLE_SCHEMA, NEW.institution_id, 'profile');
    IF NEW.year IS NULL OR NEW.year NOT BETWEEN 1990 AND 2200 THEN
        RAISE EXCEPTION 'profile year % of institution "%" is out of range', NEW.year, NEW.institution_id
            USING ERRCODE = '22023', HINT = 'A profile describes one calendar year, 1990–2200.';
    END IF;
    FOREACH what IN ARRAY ARRAY['building_area_m2', 'people'] LOOP
        val := CASE what WHEN 'building_area_m2' THEN NEW.building_area_m2 ELSE NEW.people END;
        IF NOT (val > 0 AND val < 'Infinity') THEN
            RAISE EXCEPTION '% of institution "%" in % must be positive, not %', what, NEW.institution_id, NEW.year, val
                USING ERRCODE = '23514',
                      HINT = 'Leave it NULL when it is unknown: the indicators per m² or per person are then left out, never computed with zero.';
        END IF;
    END LOOP;
    FOREACH what IN ARRAY ARRAY['heated_area_m2', 'land_area_m2', 'pv_capacity_kw', 'vehicles', 'nev',
                                'vehicles_added', 'nev_added', 'datacentre_rooms'] LOOP
        val := CASE what WHEN 'heated_area_m2' THEN NEW.heated_area_m2 WHEN 'land_area_m2' THEN NEW.land_area_m2
                         WHEN 'pv_capacity_kw' THEN NEW.pv_capacity_kw WHEN 'vehicles' THEN NEW.vehicles
                         WHEN 'nev' THEN NEW.nev WHEN 'vehicles_added' THEN NEW.vehicles_added
                         WHEN 'nev_added' THEN NEW.nev_added ELSE NEW.datacentre_rooms END;
        IF NOT (val >= 0 AND val < 'Infinity') THEN
            RAISE EXCEPTION '% of institution "%" in % must not be negative, not %', what, NEW.institution_id, NEW.year, val
                USING ERRCODE = '23514', HINT = 'Leave it NULL when it is unknown.';
        END IF;
    END LOOP;
    IF NEW.nev > NEW.vehicles OR NEW.nev_added > NEW.vehicles_added THEN
        RAISE EXCEPTION 'institution "%" in % has more new-energy vehicles than vehicles (% of %, added % of %)',
              NEW.institution_id, NEW.year, NEW.nev, NEW.vehicles, NEW.nev_added, NEW.vehicles_added
            USING ERRCODE = '23514', HINT = 'nev counts the new-energy vehicles among vehicles, nev_added among vehicles_added.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.model_profile_check() IS
    'Trigger of a model''s profile table: a known institution (23503), a year in range, building area and people positive, other counts and areas not negative, new-energy vehicles among the vehicles (23514). NULL means unknown.';

-- Consumption: checked once per statement, over its new rows (transition table new_rows).
CREATE FUNCTION energy.model_consumption_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    bad record;
BEGIN
    -- the first row with a problem (one list of the rules: the CASE)
    EXECUTE format($q$
        SELECT x.institution_id, energy.period_text(x.period) AS period, x.carrier::text AS carrier, x.amount, x.unit, x.end_use,
               x.account, x.problem
          FROM (SELECT n.institution_id, n.period, n.carrier, n.amount, n.unit, n.end_use, n.account,
                       CASE WHEN i.institution_id IS NULL AND n.institution_id <> energy.id_trim(n.institution_id) THEN 'padded'
                            WHEN i.institution_id IS NULL THEN 'institution'
                            WHEN isempty(n.period) OR lower_inf(n.period) OR upper_inf(n.period)
                                 OR NOT isfinite(lower(n.period)) OR NOT isfinite(upper(n.period)) THEN 'period'
                            WHEN lower(n.period) < '1990-01-01' OR upper(n.period) > '2201-01-01' THEN 'years'
                            WHEN n.account <> energy.id_trim(n.account) OR n.account = '' THEN 'account'
                            WHEN n.amount IN ('NaN', 'Infinity', '-Infinity') THEN 'amount'
                            WHEN abs(n.amount) > 1.7976931348623157e308 THEN 'huge'
                            WHEN e.code IS NULL THEN 'end_use'
                            WHEN e.electricity_only AND coalesce(energy.mix_group(n.carrier), 'water') NOT IN ('electricity', 'renewable')
                                 THEN 'electricity_only'
                            WHEN n.end_use = 'pv_generation' AND n.carrier::text <> 'pv' THEN 'pv_only'
                       END AS problem
                  FROM new_rows n
                  LEFT JOIN %I.institution i ON i.institution_id = n.institution_id
                  LEFT JOIN energy.end_use e ON e.code = n.end_use) AS x
         WHERE x.problem IS NOT NULL
         LIMIT 1$q$, TG_TABLE_SCHEMA) INTO bad;
    IF bad.problem = 'padded' THEN
        RAISE EXCEPTION 'consumption row for institution "%", which begins or ends with blanks', bad.institution_id
            USING ERRCODE = '22023',
                  DETAIL = format('%s %s %s over %s', bad.carrier, bad.amount, coalesce(bad.unit, ''), bad.period),
                  HINT = format('Trim it: %L (a CSV padded with blanks, or saved with a byte-order mark).', energy.id_trim(bad.institution_id));
    ELSIF bad.problem = 'institution' THEN
        RAISE EXCEPTION 'consumption row for unknown institution "%"', bad.institution_id USING ERRCODE = '23503',
              DETAIL = format('%s %s %s over %s', bad.carrier, bad.amount, coalesce(bad.unit, ''), bad.period),
              HINT = format('Insert the institution into %I.institution first.', TG_TABLE_SCHEMA);
    ELSIF bad.problem = 'period' THEN
        RAISE EXCEPTION 'consumption period % of institution "%" is empty or unbounded', bad.period, bad.institution_id
            USING ERRCODE = '22023',
                  HINT = 'A period is a bounded daterange: daterange(''2023-01-01'', ''2023-02-01'') (half-open) or, with the end date printed on a bill, daterange(''2023-01-01'', ''2023-01-31'', ''[]''); a yearly form row is the whole year.';
    ELSIF bad.problem = 'years' THEN
        RAISE EXCEPTION 'consumption period % of institution "%" is outside the years 1990–2200', bad.period, bad.institution_id
            USING ERRCODE = '22023',
                  DETAIL = format('%s %s %s', bad.carrier, bad.amount, coalesce(bad.unit, '')),
                  HINT = 'Is the year mistyped (0023 for 2023, 2203 for 2023)? A model counts the years 1990–2200, as its profiles do.';
    ELSIF bad.problem = 'account' THEN
        RAISE EXCEPTION 'account "%" of institution "%" (consumption over %) is empty or begins or ends with blanks',
              bad.account, bad.institution_id, bad.period
            USING ERRCODE = '22023',
                  HINT = CASE WHEN energy.id_trim(bad.account) = '' THEN 'Leave account NULL when the record has no account number.'
                              ELSE format('Trim it: %L. A padded account would be an account of its own, whose bills chain apart from the others.',
                                          energy.id_trim(bad.account)) END;
    ELSIF bad.problem = 'amount' THEN
        RAISE EXCEPTION 'consumption amount % of institution "%" over % is not a finite number', bad.amount, bad.institution_id, bad.period
            USING ERRCODE = '22023', HINT = 'Record the amount as printed; a credit is a negative amount.';
    ELSIF bad.problem = 'huge' THEN
        RAISE EXCEPTION 'consumption amount % of institution "%" over % is beyond double precision', bad.amount, bad.institution_id, bad.period
            USING ERRCODE = '22003', HINT = 'The ledgers count in double precision (up to about 1.8e308): is the unit right?';
    ELSIF bad.problem = 'end_use' THEN
        RAISE EXCEPTION 'unknown end use "%" in consumption of institution "%"', bad.end_use, bad.institution_id
            USING ERRCODE = '23503',
                  HINT = 'Use a code of energy.end_use (building is the default): '
                         || (SELECT string_agg(e.code, ', ' ORDER BY NOT e.additive, e.code) FROM energy.end_use e) || '.';
    ELSIF bad.problem = 'electricity_only' THEN
        RAISE EXCEPTION 'end use % is for electricity, not % (institution "%", period %)', bad.end_use, bad.carrier, bad.institution_id, bad.period
            USING ERRCODE = '22023',
                  HINT = 'The data-centre end uses record the rooms'' electricity (carrier electricity, green_electricity or pv).';
    ELSIF bad.problem = 'pv_only' THEN
        RAISE EXCEPTION 'end use pv_generation is for carrier pv, not % (institution "%", period %)', bad.carrier, bad.institution_id, bad.period
            USING ERRCODE = '22023',
                  HINT = 'Record the electricity generated on site by PV (太阳能光电系统发电量) as carrier pv: as electricity it would count as power bought from the grid, with its CO2.';
    END IF;
    -- Units: the conversions' own check (22023 names the unit and the carrier), once per pair.
    EXECUTE $q$
        SELECT energy.model_check_unit(u.carrier, u.unit,
                   (SELECT format('In the consumption of institution "%s" over %s.', n.institution_id, energy.period_text(n.period))
                      FROM new_rows n
                     WHERE n.carrier OPERATOR(energy.=) u.carrier AND n.unit IS NOT DISTINCT FROM u.unit LIMIT 1))
          FROM (SELECT DISTINCT carrier, unit FROM new_rows) u$q$;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.model_consumption_check() IS
    'Statement trigger of a model''s consumption table (after INSERT, COPY and UPDATE, over the transition table new_rows): a known institution (23503; 22023 when the unknown ID is padded with blanks) and end use (23503), a bounded non-empty period within the years 1990–2200, an account that is NULL or not empty nor padded, a finite amount, electricity for the data-centre end uses (not water), carrier pv for pv_generation, a unit that fits the carrier (22023).';

CREATE FUNCTION energy.model_meter_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    eu record;
BEGIN
    IF NEW.meter_id IS NULL OR energy.id_trim(NEW.meter_id) = '' THEN
        RAISE EXCEPTION 'a meter needs a meter_id' USING ERRCODE = '23502',
              HINT = 'Use the meter''s number as printed on it or in the metering system.';
    END IF;
    IF NEW.meter_id <> energy.id_trim(NEW.meter_id) THEN
        RAISE EXCEPTION 'meter_id "%" begins or ends with blanks', NEW.meter_id USING ERRCODE = '22023',
              HINT = format('Trim it: %L. Readings of the trimmed meter would not find a padded one.', energy.id_trim(NEW.meter_id));
    END IF;
    PERFORM energy.model_require_institution(TG_TABLE_SCHEMA, NEW.institution_id, format('meter "%s"', NEW.meter_id));
    SELECT * INTO eu FROM energy.end_use e WHERE e.code = NEW.end_use;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown end use "%" of meter "%"', NEW.end_use, NEW.meter_id USING ERRCODE = '23503',
              HINT = 'Use a code of energy.end_use (building is the default): '
                         || (SELECT string_agg(e.code, ', ' ORDER BY NOT e.additive, e.code) FROM energy.end_use e) || '.';
    ELSIF eu.electricity_only AND coalesce(energy.mix_group(NEW.carrier), 'water') NOT IN ('electricity', 'renewable') THEN
        RAISE EXCEPTION 'end use % is for electricity, not % (meter "%")', NEW.end_use, NEW.carrier, NEW.meter_id
            USING ERRCODE = '22023', HINT = 'The data-centre end uses record the rooms'' electricity.';
    ELSIF NEW.end_use = 'pv_generation' AND NEW.carrier::text <> 'pv' THEN
        RAISE EXCEPTION 'end use pv_generation is for carrier pv, not % (meter "%")', NEW.carrier, NEW.meter_id
            USING ERRCODE = '22023',
                  HINT = 'A PV generation meter (太阳能光电系统发电量) has carrier pv: as electricity it would count as power bought from the grid, with its CO2.';
    END IF;
    IF NOT (NEW.multiplier > 0 AND NEW.multiplier < 'Infinity') THEN
        RAISE EXCEPTION 'multiplier of meter "%" must be a positive number, not %', NEW.meter_id, NEW.multiplier
            USING ERRCODE = '23514', HINT = 'The multiplier (倍率, CT × PT ratio) turns register units into consumption; 1 for none.';
    END IF;
    IF NOT (NEW.modulus > 0 AND NEW.modulus < 'Infinity') THEN
        RAISE EXCEPTION 'modulus of meter "%" must be a positive number, not %', NEW.meter_id, NEW.modulus
            USING ERRCODE = '23514', HINT = 'The modulus is where the register wraps to zero (100000 for 00000.0–99999.9); NULL for none.';
    END IF;
    IF NEW.on_decrease IS DISTINCT FROM 'flag' AND NEW.on_decrease IS DISTINCT FROM 'restart' THEN
        RAISE EXCEPTION 'unknown on_decrease rule "%" of meter "%"', NEW.on_decrease, NEW.meter_id USING ERRCODE = '23514',
              HINT = 'Use flag (a drop of the register is a reset or reverse running, not counted: most meters) or restart '
                     '(a drop is a counter restarting from zero, and what it shows is counted: data loggers, pulse counters).';
    END IF;
    PERFORM energy.model_check_unit(NEW.carrier, NEW.unit, format('Meter "%s" of institution "%s".', NEW.meter_id, NEW.institution_id));
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION energy.model_meter_check() IS
    'Trigger of a model''s meter table: a meter_id without surrounding blanks (22023), a known institution and end use (23503), electricity for the data-centre end uses (not water), carrier pv for pv_generation, a positive multiplier and modulus and a known on_decrease rule (23514), a unit that fits the carrier (22023).';

CREATE FUNCTION energy.model_reading_check() RETURNS trigger
    LANGUAGE plpgsql VOLATILE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    bad record;
    -- the model's calendar: readings are held to its years 1990–2200, as consumption is
    tz  text := coalesce((SELECT m.time_zone FROM energy.model m WHERE m.name = TG_TABLE_SCHEMA), 'UTC');
    -- the first and the last instant of those years there, once per statement (not a conversion per reading)
    lo  timestamptz := '1990-01-01 00:00'::timestamp AT TIME ZONE tz;
    hi  timestamptz := '2201-01-01 00:00'::timestamp AT TIME ZONE tz;
BEGIN
    EXECUTE format($q$
        SELECT n.meter_id, coalesce(to_char(n.ts, 'YYYY-MM-DD HH24:MI:SSOF'), n.ts::text) AS ts, n.reading, n.event,
               CASE WHEN m.meter_id IS NULL AND n.meter_id <> energy.id_trim(n.meter_id) THEN 'padded'
                    WHEN m.meter_id IS NULL THEN 'meter'
                    WHEN NOT isfinite(n.ts) THEN 'ts'
                    WHEN n.ts < $1 OR n.ts >= $2 THEN 'years'
                    WHEN n.reading IN ('NaN', 'Infinity', '-Infinity') THEN 'reading'
                    ELSE 'event' END AS problem
          FROM new_rows n LEFT JOIN %I.meter m ON m.meter_id = n.meter_id
         WHERE m.meter_id IS NULL OR NOT isfinite(n.ts) OR n.reading IN ('NaN', 'Infinity', '-Infinity')
            OR n.ts < $1 OR n.ts >= $2
            OR lower(n.event) NOT IN ('read', 'old_final', 'new_initial')
         LIMIT 1$q$, TG_TABLE_SCHEMA) INTO bad USING lo, hi;
    IF bad.problem = 'padded' THEN
        RAISE EXCEPTION 'reading of meter "%", which begins or ends with blanks', bad.meter_id USING ERRCODE = '22023',
              DETAIL = format('%s at %s', bad.reading, bad.ts),
              HINT = format('Trim it: %L (a CSV padded with blanks, or saved with a byte-order mark).', energy.id_trim(bad.meter_id));
    ELSIF bad.problem = 'meter' THEN
        RAISE EXCEPTION 'reading of unknown meter "%"', bad.meter_id USING ERRCODE = '23503',
              DETAIL = format('%s at %s', bad.reading, bad.ts),
              HINT = format('Insert the meter into %I.meter first.', TG_TABLE_SCHEMA);
    ELSIF bad.problem = 'ts' THEN
        RAISE EXCEPTION 'reading time % of meter "%" is not finite', bad.ts, bad.meter_id USING ERRCODE = '22023',
              HINT = 'Every reading needs the time it was taken.';
    ELSIF bad.problem = 'years' THEN
        RAISE EXCEPTION 'reading time % of meter "%" is outside the years 1990–2200 (time zone %)', bad.ts, bad.meter_id, tz
            USING ERRCODE = '22023', DETAIL = format('reading %s', bad.reading),
              HINT = 'Is the year mistyped (0023 for 2023, 2203 for 2023)? A model counts the years 1990–2200 of its time zone, its readings as its consumption; a register read first before 1990 starts counting at its first reading from 1990 on.';
    ELSIF bad.problem = 'reading' THEN
        RAISE EXCEPTION 'reading % of meter "%" at % is not a finite number', bad.reading, bad.meter_id, bad.ts
            USING ERRCODE = '22023', HINT = 'Record the register value, or NULL when it was not read.';
    ELSIF bad.problem = 'event' THEN
        RAISE EXCEPTION 'unknown meter event "%" (meter "%" at %)', bad.event, bad.meter_id, bad.ts USING ERRCODE = '22023',
              HINT = 'Use NULL or ''read'' for a reading, and for a meter replacement ''old_final'' (the old meter''s last reading) and ''new_initial'' (the new one''s first).';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.model_reading_check() IS
    'Statement trigger of a model''s reading table (after INSERT, COPY and UPDATE, over new_rows): a known meter (23503; 22023 when the unknown ID is padded with blanks), a finite time in the years 1990–2200 of the model''s time zone and reading, a known event (22023).';
