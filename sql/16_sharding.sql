
-- =====================================================================
-- 0.2.0 — a model over several servers, on PostgreSQL's own sharding:
-- postgres_fdw foreign partitions by province (issue 13).
--
-- Each shard is an ordinary server with energy_ext and a model of the same
-- structure holding the institutions of its provinces; its live ledgers
-- are kept there as rows are written.  On each shard,
--     SELECT energy.shard_prepare('prov');
-- adds the views the coordinator reads (shard_institution, shard_profile,
-- shard_consumption, shard_reading, shard_month_ledger, shard_year_ledger:
-- the model's rows with their province code).  On the coordinator, after
-- CREATE EXTENSION postgres_fdw, CREATE SERVER and CREATE USER MAPPING for
-- each shard,
--     SELECT energy.shard_model('nation', '{"shard_ln": ["210000"],
--                                           "shard_gx": ["450000"]}');
-- makes schema nation: tables partitioned by LIST (province_code) whose
-- partitions are foreign tables on the shards, and views that roll them
-- up.  Grouped by the partition key, with enable_partitionwise_aggregate
-- on, each shard runs the whole energy.ledger / energy.rollup /
-- energy.meter_agg aggregation (the server option extensions 'energy_ext'
-- makes our functions shippable) and sends one row per group; national
-- totals combine the shards' ledgers with energy.rollup here.
--
-- A pushed-down aggregate converts with the shard's own reference data and
-- the settings of the shard's session, which postgres_fdw does not copy
-- from ours.  So: energy.shard_push_reference copies the coordinator's
-- reference rows to the shards, energy.shard_apply_settings puts the
-- coordinator's settings into the servers' connection options, and
-- energy.shard_check names every difference (extension version, settings,
-- reference rows, institutions on the wrong shard).  Every view of the
-- sharded schema, and through a row-level security policy every query of
-- its tables by a role that does not bypass RLS, runs that check first and
-- fails (55000) on any difference.
-- =====================================================================

-- ---------------------------------------------------------------------
-- On every node: what it converts with.
-- ---------------------------------------------------------------------

-- The settings that change a conversion (energy.use_fma and
-- energy.progress change no figure).
CREATE FUNCTION energy.node_settings()
    RETURNS TABLE (name text, value text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    -- load the module, which defines the settings, before reading them
    PERFORM energy.creating_extension();
    RETURN QUERY SELECT s, pg_catalog.current_setting(s)
                   FROM unnest(ARRAY['energy.factor_set', 'energy.co2_set', 'energy.grid_set', 'energy.grid_basis',
                                     'energy.grid_year_policy', 'energy.grid_fallback']) AS s;
END
$$;
COMMENT ON FUNCTION energy.node_settings() IS
    'The six settings that change a conversion (energy.factor_set, co2_set, grid_set, grid_basis, grid_year_policy, grid_fallback) as this session has them.';

CREATE VIEW energy.node_reference_rows AS
    SELECT reference, key, fingerprint FROM energy.reference_rows();
COMMENT ON VIEW energy.node_reference_rows IS
    'energy.reference_rows() as a view, for a coordinator to read through postgres_fdw (energy.shard_check).';
COMMENT ON COLUMN energy.node_reference_rows.reference IS 'The reference table.';
COMMENT ON COLUMN energy.node_reference_rows.key IS 'The row''s primary key, its values joined by spaces.';
COMMENT ON COLUMN energy.node_reference_rows.fingerprint IS 'md5 of the row''s text.';

CREATE VIEW energy.node_fingerprint AS
    SELECT 'version'::text AS kind, 'energy_ext'::text AS name, NULL::bigint AS rows, e.extversion::text AS value
      FROM pg_catalog.pg_extension e WHERE e.extname = 'energy_ext'
    UNION ALL
    SELECT 'setting', s.name, NULL, s.value FROM energy.node_settings() s
    UNION ALL
    SELECT 'reference', d.reference, d.rows, d.digest FROM energy.reference_digests() d;
COMMENT ON VIEW energy.node_fingerprint IS
    'What this session converts with: the extension version, the six settings, and per reference table its rows and one md5 over them. Two servers with the same fingerprint give the same figures; energy.shard_check compares a coordinator''s with its shards''.';
COMMENT ON COLUMN energy.node_fingerprint.kind IS 'version, setting or reference.';
COMMENT ON COLUMN energy.node_fingerprint.name IS 'energy_ext, the setting''s name or the reference table.';
COMMENT ON COLUMN energy.node_fingerprint.rows IS 'Rows of the reference table (NULL for the others).';
COMMENT ON COLUMN energy.node_fingerprint.value IS 'The version, the setting''s value, or the md5 over the table''s rows in key order.';

-- ---------------------------------------------------------------------
-- On each shard: the model's rows with their province code.
-- ---------------------------------------------------------------------
CREATE FUNCTION energy.model_shard_views_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $model$
CREATE OR REPLACE VIEW @model@.shard_institution AS
    SELECT left(i.region_code, 2) || '0000' AS province_code, i.region_code, i.institution_id, i.name,
           i.category, i.department
      FROM @model@.institution i;
CREATE OR REPLACE VIEW @model@.shard_profile AS
    SELECT left(i.region_code, 2) || '0000' AS province_code, i.region_code, p.institution_id, p.year,
           p.building_area_m2, p.people, p.heated_area_m2
      FROM @model@.profile p JOIN @model@.institution i ON i.institution_id = p.institution_id;
CREATE OR REPLACE VIEW @model@.shard_consumption AS
    SELECT left(i.region_code, 2) || '0000' AS province_code, i.region_code, c.institution_id, c.consumption_id,
           c.period, c.carrier, c.amount, c.unit, c.end_use, c.estimated
      FROM @model@.consumption c JOIN @model@.institution i ON i.institution_id = c.institution_id;
CREATE OR REPLACE VIEW @model@.shard_reading AS
    SELECT left(i.region_code, 2) || '0000' AS province_code, i.region_code, m.institution_id, r.meter_id,
           m.carrier, m.unit, m.end_use, m.multiplier, m.modulus, m.on_decrease, r.ts, r.reading, r.event
      FROM @model@.reading r JOIN @model@.meter m ON m.meter_id = r.meter_id
      JOIN @model@.institution i ON i.institution_id = m.institution_id;
CREATE OR REPLACE VIEW @model@.shard_month_ledger AS
    SELECT left(i.region_code, 2) || '0000' AS province_code, i.region_code, i.category, l.institution_id,
           l.month, l.end_use, l.carrier, l.ledger
      FROM @model@.month_ledger l JOIN @model@.institution i ON i.institution_id = l.institution_id;
CREATE OR REPLACE VIEW @model@.shard_year_ledger AS
    SELECT left(i.region_code, 2) || '0000' AS province_code, i.region_code, i.category, l.institution_id,
           l.year, l.end_use, l.ledger
      FROM @model@.year_ledger l JOIN @model@.institution i ON i.institution_id = l.institution_id;
-- whether the summaries are current: live ledgers on, and computed with
-- what the server converts with now (data_quality's ledgers_off and
-- ledgers_stale, for the coordinator's check)
CREATE OR REPLACE VIEW @model@.shard_ledger_state AS
    SELECT NOT EXISTS (SELECT 1 FROM energy.model_live_triggers(@model_name@) AS t WHERE NOT t.enabled) AS live,
           (SELECT string_agg(DISTINCT split_part(e.entry, '=', 1), ', ')
              FROM @model@.ledger_basis AS b CROSS JOIN LATERAL unnest(b.basis) AS e(entry)
             WHERE e.entry <> ALL ((SELECT energy.ledger_basis(@model_name@))::text[])) AS stale;
COMMENT ON VIEW @model@.shard_institution IS 'For a coordinator (energy.shard_model): the institutions with their province code. Not for BI.';
COMMENT ON VIEW @model@.shard_ledger_state IS 'For a coordinator (energy.shard_check): whether the live ledgers are on, and what changed since summaries were computed (NULL: nothing). Not for BI.';
COMMENT ON COLUMN @model@.shard_ledger_state.live IS '实时台账开启（是/否）：the live ledgers are on (energy.set_live).';
COMMENT ON COLUMN @model@.shard_ledger_state.stale IS '已变更的计算依据（文本）：the reference data, settings or version changed since summaries were computed; NULL when none.';
COMMENT ON VIEW @model@.shard_profile IS 'For a coordinator (energy.shard_model): the yearly profiles with province and region code. Not for BI.';
COMMENT ON VIEW @model@.shard_consumption IS 'For a coordinator (energy.shard_model): the consumption rows with province and region code. Not for BI.';
COMMENT ON VIEW @model@.shard_reading IS 'For a coordinator (energy.shard_model): the register readings with their meter''s settings and the province and region code. Not for BI.';
COMMENT ON VIEW @model@.shard_month_ledger IS 'For a coordinator (energy.shard_model): the live monthly ledgers with province, region code and category. Not for BI.';
COMMENT ON VIEW @model@.shard_year_ledger IS 'For a coordinator (energy.shard_model): the live yearly ledgers with province, region code and category. Not for BI.';
$model$;
COMMENT ON FUNCTION energy.model_shard_views_sql() IS
    'Template of the views a shard''s model shows its coordinator (energy.shard_prepare runs it).';

CREATE FUNCTION energy.shard_prepare(model name)
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM energy.model_require(model);
    PERFORM energy.model_exec(model, energy.model_shard_views_sql());
    RETURN model;
END
$$;
COMMENT ON FUNCTION energy.shard_prepare(name) IS
    'Run on each shard: adds to the model the views a coordinator reads through postgres_fdw (shard_institution, shard_profile, shard_consumption, shard_reading, shard_month_ledger, shard_year_ledger, shard_ledger_state; CREATE OR REPLACE, so it may run again after an upgrade). Returns the model.';

-- ---------------------------------------------------------------------
-- On the coordinator: the shard map.
-- ---------------------------------------------------------------------
CREATE TABLE energy.shard (
    sharded_model name NOT NULL,
    server        name NOT NULL,
    remote_model  name NOT NULL,
    provinces     text[] NOT NULL CHECK (cardinality(provinces) > 0),
    PRIMARY KEY (sharded_model, server)
);
COMMENT ON TABLE energy.shard IS
    'Which foreign server (postgres_fdw) holds which provinces of a sharded model, and the model''s name there. Written by energy.shard_model; kept by pg_dump.';
COMMENT ON COLUMN energy.shard.sharded_model IS 'The coordinator''s schema made by energy.shard_model.';
COMMENT ON COLUMN energy.shard.server IS 'The foreign server (CREATE SERVER ... FOREIGN DATA WRAPPER postgres_fdw).';
COMMENT ON COLUMN energy.shard.remote_model IS 'The model on that server.';
COMMENT ON COLUMN energy.shard.provinces IS 'The province codes (GB/T 2260, e.g. 210000) whose institutions that server holds.';
SELECT pg_catalog.pg_extension_config_dump('energy.shard', '');

-- The coordinator's partitioned tables: each column as the shard's view has it.
CREATE FUNCTION energy.sharded_tables()
    RETURNS TABLE (name text, columns text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    VALUES
    ('institution', 'province_code text, region_code text, institution_id text, name text, category text, department text'),
    ('profile', 'province_code text, region_code text, institution_id text, year integer, building_area_m2 numeric, people numeric, heated_area_m2 numeric'),
    ('consumption', 'province_code text, region_code text, institution_id text, consumption_id bigint, period daterange, carrier energy.carrier, amount numeric, unit text, end_use text, estimated boolean'),
    ('reading', 'province_code text, region_code text, institution_id text, meter_id text, carrier energy.carrier, unit text, end_use text, multiplier double precision, modulus double precision, on_decrease text, ts timestamptz, reading double precision, event text'),
    ('month_ledger', 'province_code text, region_code text, category text, institution_id text, month date, end_use text, carrier energy.carrier, ledger energy.ledger'),
    ('year_ledger', 'province_code text, region_code text, category text, institution_id text, year integer, end_use text, ledger energy.ledger')
$$;
COMMENT ON FUNCTION energy.sharded_tables() IS
    'The tables of a sharded model and their columns, as the shards'' views (energy.model_shard_views_sql) have them.';

CREATE FUNCTION energy.shard_require(sharded_model name)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.shard s WHERE s.sharded_model = shard_require.sharded_model) THEN
        RAISE EXCEPTION '"%" is not a sharded model', sharded_model USING ERRCODE = '42704',
              HINT = 'SELECT DISTINCT sharded_model FROM energy.shard lists them; energy.shard_model makes one.';
    END IF;
END
$$;
COMMENT ON FUNCTION energy.shard_require(name) IS
    'Raises 42704 unless the name is a sharded model of energy.shard (internal).';

CREATE FUNCTION energy.shard_model(sharded_model name, shards jsonb, remote_model name DEFAULT NULL)
    RETURNS name
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    srv record;
    cat record;
    t record;
    col record;
    part text;
    prov text;
    owner_of jsonb := '{}';
    fdw name;
    ext text;
    -- the summaries were converted on the shards with their model's
    -- settings; rows converted now, with the session's
    guard text := format('province_code = ANY ((SELECT energy.shard_checked_provinces(%L::text, false))::text[])', sharded_model);
    guard_raw text := format('province_code = ANY ((SELECT energy.shard_checked_provinces(%L::text, true))::text[])', sharded_model);
BEGIN
    IF sharded_model IS NULL OR sharded_model = '' THEN
        RAISE EXCEPTION 'a sharded model needs a schema name' USING ERRCODE = '22004',
              HINT = 'SELECT energy.shard_model(''nation'', ''{"shard_ln": ["210000"]}'') makes schema nation.';
    END IF;
    IF sharded_model ~ '^pg_' OR sharded_model IN ('energy', 'public', 'information_schema') THEN
        RAISE EXCEPTION 'schema % cannot hold a sharded model', sharded_model USING ERRCODE = '42939',
              HINT = 'Choose a name of your own, e.g. nation.';
    END IF;
    IF position('@' IN sharded_model) > 0 THEN  -- (the templates' placeholders are @...@)
        RAISE EXCEPTION 'a sharded model name cannot contain @: "%"', sharded_model USING ERRCODE = '42602',
              HINT = 'Choose a name without @, e.g. nation.';
    END IF;
    -- the foreign partitions live in <model>_shards, a schema no one else
    -- is given: they carry no row-level security, so a role that could read
    -- one by its name would read the shard without the guard's check
    IF octet_length(sharded_model) > 56 THEN
        RAISE EXCEPTION 'sharded model name "%" is too long (% bytes, at most 56)', sharded_model, octet_length(sharded_model)
              USING ERRCODE = '42622',
              HINT = 'Its foreign partitions go into schema <name>_shards, which PostgreSQL would cut at 63 bytes: choose a shorter name.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname IN (sharded_model, sharded_model || '_shards')) THEN
        RAISE EXCEPTION 'schema "%" already exists',
              (SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname IN (sharded_model, sharded_model || '_shards')
                ORDER BY nspname LIMIT 1) USING ERRCODE = '42P06',
              HINT = format('A sharded model gets two schemas of its own, %s and %s; energy.drop_sharded_model removes them.',
                            quote_ident(sharded_model), quote_ident(sharded_model || '_shards'));
    END IF;
    IF shards IS NULL OR jsonb_typeof(shards) <> 'object' OR shards = '{}' THEN
        RAISE EXCEPTION 'shards must name the servers and their provinces, not %', coalesce(shards::text, 'NULL')
              USING ERRCODE = '22023', HINT = 'A JSON object: {"shard_ln": ["210000"], "shard_gx": ["450000", "440000"]}.';
    END IF;
    remote_model := coalesce(remote_model, sharded_model);
    FOR srv IN SELECT e.key AS server, e.value AS provinces FROM jsonb_each(shards) e ORDER BY e.key LOOP
        SELECT w.fdwname, (SELECT o.option_value FROM pg_catalog.pg_options_to_table(s.srvoptions) o
                            WHERE o.option_name = 'extensions')
          INTO fdw, ext
          FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
         WHERE s.srvname = srv.server;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'foreign server "%" does not exist', srv.server USING ERRCODE = '42704',
                  HINT = format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ..., port ..., dbname ...), and CREATE USER MAPPING FOR ... SERVER %I.', srv.server, srv.server);
        END IF;
        -- its partitions are month_ledger_<server>, its catalogue tables
        -- <server>:ledger_state: PostgreSQL would cut longer names to 63 bytes
        IF octet_length(srv.server) > 50 THEN
            RAISE EXCEPTION 'foreign server name "%" is too long for a shard (% bytes, at most 50)', srv.server, octet_length(srv.server)
                  USING ERRCODE = '42622',
                  HINT = 'The sharded model names tables after it (month_ledger_<server>, <server>:ledger_state), which PostgreSQL cuts at 63 bytes: CREATE SERVER with a shorter name over the same host.';
        END IF;
        IF fdw <> 'postgres_fdw' THEN
            RAISE EXCEPTION 'foreign server "%" uses %, not postgres_fdw', srv.server, fdw USING ERRCODE = '42809',
                  HINT = 'Shards are reached through postgres_fdw, whose aggregate pushdown runs energy_ext on them.';
        END IF;
        IF jsonb_typeof(srv.provinces) <> 'array' OR jsonb_array_length(srv.provinces) = 0 THEN
            RAISE EXCEPTION 'server "%" needs a list of province codes, not %', srv.server, srv.provinces
                  USING ERRCODE = '22023', HINT = 'e.g. "shard_ln": ["210000"].';
        END IF;
        FOR prov IN SELECT jsonb_array_elements_text(srv.provinces) LOOP
            IF NOT EXISTS (SELECT 1 FROM energy.region r WHERE r.code = prov) THEN
                RAISE EXCEPTION 'unknown province code "%" for server "%"', prov, srv.server USING ERRCODE = '22023',
                      HINT = 'Province codes are those of energy.region, e.g. 210000 (辽宁) or 450000 (广西).';
            END IF;
            IF owner_of ? prov THEN
                RAISE EXCEPTION 'province % is given to both "%" and "%"', prov, owner_of ->> prov, srv.server
                      USING ERRCODE = '22023', HINT = 'Each province lives on one server.';
            END IF;
            owner_of := owner_of || jsonb_build_object(prov, srv.server);
        END LOOP;
        -- shipping a row costs what PostgreSQL 17 counts by default (0.2;
        -- 15's 0.01 makes fetching every row look as cheap as a summary)
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_server s, pg_catalog.pg_options_to_table(s.srvoptions) o
                        WHERE s.srvname = srv.server AND o.option_name = 'fdw_tuple_cost') THEN
            EXECUTE format('ALTER SERVER %I OPTIONS (ADD fdw_tuple_cost %L)', srv.server, '0.2');
        END IF;
        -- our functions must be shippable, or nothing is pushed down
        IF ext IS NULL THEN
            EXECUTE format('ALTER SERVER %I OPTIONS (ADD extensions %L)', srv.server, 'energy_ext');
        ELSIF NOT ('energy_ext' = ANY (string_to_array(replace(ext, ' ', ''), ','))) THEN
            EXECUTE format('ALTER SERVER %I OPTIONS (SET extensions %L)', srv.server, ext || ',energy_ext');
        END IF;
        INSERT INTO energy.shard (sharded_model, server, remote_model, provinces)
        VALUES (sharded_model, srv.server, remote_model,
                ARRAY(SELECT p FROM jsonb_array_elements_text(srv.provinces) p ORDER BY p));
    END LOOP;

    EXECUTE format('CREATE SCHEMA %I', sharded_model);
    EXECUTE format('COMMENT ON SCHEMA %I IS %L', sharded_model,
                   'energy_ext sharded model: model ' || remote_model || ' on the servers of energy.shard, partitioned by province through postgres_fdw. Read province_year, city_year, national_year (BI) and province_ledger; energy.shard_check compares the shards'' reference data and settings with this server''s.');
    EXECUTE format('CREATE SCHEMA %I', sharded_model || '_shards');
    EXECUTE format('COMMENT ON SCHEMA %I IS %L', sharded_model || '_shards',
                   format('The foreign partitions of sharded model %s (<table>_<server>): read through %s''s tables and views, which check the shards first. Grant no one USAGE on this schema: a partition read by its name skips that check.',
                          sharded_model, sharded_model));
    FOR t IN SELECT * FROM energy.sharded_tables() LOOP
        EXECUTE format('CREATE TABLE %I.%I (%s) PARTITION BY LIST (province_code)', sharded_model, t.name, t.columns);
        EXECUTE format('COMMENT ON TABLE %I.%I IS %L', sharded_model, t.name,
                       format('The %s rows of model %s on the shards (view shard_%s there), one foreign partition per server. Queries of roles subject to row-level security first check the shards (energy.shard_check).',
                              t.name, remote_model, t.name));
        FOR srv IN SELECT * FROM energy.shard s WHERE s.sharded_model = shard_model.sharded_model ORDER BY s.server LOOP
            -- remote estimates: the planner then knows each shard's size
            -- and pushes the aggregation down rather than fetch the rows;
            -- async: the shards work at the same time
            EXECUTE format('CREATE FOREIGN TABLE %I.%I PARTITION OF %I.%I FOR VALUES IN (%s) SERVER %I OPTIONS (schema_name %L, table_name %L, use_remote_estimate ''true'', async_capable ''true'')',
                           sharded_model || '_shards', t.name || '_' || srv.server, sharded_model, t.name,
                           (SELECT string_agg(quote_literal(p), ', ') FROM unnest(srv.provinces) p),
                           srv.server, srv.remote_model, 'shard_' || t.name);
            EXECUTE format('COMMENT ON FOREIGN TABLE %I.%I IS %L', sharded_model || '_shards', t.name || '_' || srv.server,
                           format('Partition of %s: provinces %s on server %s.', t.name, array_to_string(srv.provinces, ', '), srv.server));
        END LOOP;
        -- each column as the model's tables document it
        -- (energy.model_column_doc), on the table and on each partition
        FOR col IN
            SELECT a.attname,
                   (SELECT format('%s（%s）：%s', d.name_zh, d.unit, d.description) FROM energy.model_column_doc d
                     WHERE d.column_name = a.attname AND d.relation IN (t.name, '*', 'meter')
                     ORDER BY d.relation = t.name DESC, d.relation = '*' DESC LIMIT 1) AS doc
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = format('%I.%I', sharded_model, t.name)::regclass AND a.attnum > 0 AND NOT a.attisdropped
        LOOP
            FOR part IN SELECT format('%I.%I', sharded_model, t.name) UNION ALL
                        SELECT format('%I.%I', shard_model.sharded_model || '_shards', t.name || '_' || s.server)
                          FROM energy.shard s WHERE s.sharded_model = shard_model.sharded_model LOOP
                EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', part, col.attname, col.doc);
            END LOOP;
        END LOOP;
        -- every query through the table, hand-written ones included, checks
        -- the shards first (superusers and BYPASSRLS roles skip policies:
        -- the views below check explicitly)
        EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', sharded_model, t.name);
        EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', sharded_model, t.name);
        EXECUTE format('CREATE POLICY shards_checked ON %I.%I USING (%s)', sharded_model, t.name,
                       CASE WHEN t.name IN ('consumption', 'reading') THEN guard_raw ELSE guard END);
        EXECUTE format('COMMENT ON POLICY shards_checked ON %I.%I IS %L', sharded_model, t.name,
                       CASE WHEN t.name IN ('consumption', 'reading')
                            THEN 'Rows are read only after energy.shard_check finds no difference between this server (this session''s settings included: the rows are converted now) and the shards (else error 55000).'
                            ELSE 'Rows are read only after energy.shard_check(settings => false) finds no difference between this server and the shards (else error 55000).' END);
    END LOOP;
    FOR srv IN SELECT * FROM energy.shard s WHERE s.sharded_model = shard_model.sharded_model LOOP
        -- what shard_check and the guard read of the server: settings, md5s,
        -- the model's state and which institutions it holds (no figures: the
        -- partition institution_<server> is not for others to read)
        FOR cat IN SELECT * FROM (VALUES
                (':fingerprint', 'kind text, name text, rows bigint, value text', 'energy'::name, 'node_fingerprint',
                 format('energy.node_fingerprint of server %s, through the connection the queries use.', srv.server)),
                (':model', 'name text, time_zone text, version text, factor_set text, co2_set text, grid_set text, grid_basis text, grid_year_policy text, grid_fallback text',
                 'energy', 'model', format('energy.model of server %s: the settings its live ledgers convert with.', srv.server)),
                (':ledger_state', 'live boolean, stale text', srv.remote_model, 'shard_ledger_state',
                 format('shard_ledger_state of model %s on server %s: whether its summaries are current.', srv.remote_model, srv.server)),
                (':institutions', 'institution_id text, province_code text', srv.remote_model, 'shard_institution',
                 format('The institutions of model %s on server %s with their province codes (no figures): energy.shard_check finds those on the wrong server, or on two.', srv.remote_model, srv.server))
            ) AS v(suffix, columns, remote_schema, remote_table, doc) LOOP
            EXECUTE format('CREATE FOREIGN TABLE %I.%I (%s) SERVER %I OPTIONS (schema_name %L, table_name %L)',
                           sharded_model, srv.server || cat.suffix, cat.columns, srv.server, cat.remote_schema, cat.remote_table);
            EXECUTE format('COMMENT ON FOREIGN TABLE %I.%I IS %L', sharded_model, srv.server || cat.suffix, cat.doc);
        END LOOP;
    END LOOP;
    -- their columns as the relations they read document them
    FOR col IN
        SELECT s.server || k.suffix AS relname, a.attname,
               coalesce(pg_catalog.col_description(k.src, (SELECT b.attnum FROM pg_catalog.pg_attribute b
                                                            WHERE b.attrelid = k.src AND b.attname = a.attname)), CASE a.attname
                   WHEN 'live' THEN '实时台账开启（是/否）：the live ledgers are on (energy.set_live).'
                   WHEN 'stale' THEN '已变更的计算依据（文本）：the reference data, settings or version changed since summaries were computed; NULL when none.'
               END) AS doc
          FROM energy.shard s
         CROSS JOIN (VALUES (':fingerprint', 'energy.node_fingerprint'::regclass), (':model', 'energy.model'::regclass),
                            (':ledger_state', NULL), (':institutions', format('%I.institution', shard_model.sharded_model)::regclass)) AS k(suffix, src)
          JOIN pg_catalog.pg_attribute a
            ON a.attrelid = format('%I.%I', shard_model.sharded_model, s.server || k.suffix)::regclass AND a.attnum > 0
         WHERE s.sharded_model = shard_model.sharded_model
    LOOP
        EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', sharded_model, col.relname, col.attname, col.doc);
    END LOOP;
    PERFORM energy.model_exec_sharded(sharded_model, energy.sharded_views_sql(), guard);
    RETURN sharded_model;
END
$$;
COMMENT ON FUNCTION energy.shard_model(name, jsonb, name) IS
    'Makes a sharded model in a new schema: tables institution, profile, consumption, reading, month_ledger, year_ledger partitioned by LIST (province_code), each partition a postgres_fdw foreign table over the views of energy.shard_prepare on one server (in schema <name>_shards, which no one else should be given: partitions carry no row-level security); views province_ledger, province_year, city_year, national_year. shards maps each foreign server to its province codes, e.g. {"shard_ln": ["210000"], "shard_gx": ["450000"]}; remote_model is the model''s name on the shards (default: the same name). Adds energy_ext to each server''s extensions option, so that our aggregates are shipped, and sets fdw_tuple_cost 0.2 (PostgreSQL 17''s default) where a server has none; the partitions use remote estimates and run asynchronously. Returns the schema name.';

CREATE FUNCTION energy.model_exec_sharded(sharded_model name, template text, guard text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, energy, pg_temp
    AS $$
BEGIN
    EXECUTE replace(replace(replace(template, '@sharded@', quote_ident(sharded_model)),
                            '@sharded_name@', quote_literal(sharded_model)), '@guard@', guard);
END
$$;
COMMENT ON FUNCTION energy.model_exec_sharded(name, text, text) IS
    'Runs a sharded-model template (internal): @sharded@ becomes the quoted schema, @sharded_name@ its name as a literal, @guard@ the check of the shards; search_path is pg_catalog, energy.';

-- The roll-ups of a sharded model.  Each groups by province_code, the
-- partition key, so that each shard aggregates its own rows; the guard
-- (an InitPlan, evaluated once per query on this server) is sent to the
-- shards as a parameter of the pushed-down query.
CREATE FUNCTION energy.sharded_views_sql() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN $sharded$
CREATE VIEW @sharded@.province_ledger AS
    SELECT y.province_code, y.year, y.end_use, energy.rollup(y.ledger) AS ledger
      FROM @sharded@.year_ledger y
     WHERE @guard@
     GROUP BY y.province_code, y.year, y.end_use;
COMMENT ON VIEW @sharded@.province_ledger IS
    'Each province''s yearly ledger per end use, rolled up on its shard from the live yearly ledgers (energy.rollup pushed down); checks the shards first. For SQL: BI tools read province_year.';
COMMENT ON COLUMN @sharded@.province_ledger.province_code IS '省级区划代码 province code (GB/T 2260)';
COMMENT ON COLUMN @sharded@.province_ledger.year IS '年度 year';
COMMENT ON COLUMN @sharded@.province_ledger.end_use IS '用途 end use (energy.end_use)';
COMMENT ON COLUMN @sharded@.province_ledger.ledger IS '台账 the ledger (energy.ledger): rows, amounts, kgce and CO2 per carrier';

CREATE VIEW @sharded@.province_year AS
    SELECT p.province_code, r.name_zh AS province_name, p.year,
           energy.rows(p.l)::numeric AS rows, energy.kgce(p.l) AS kgce, energy.tce(p.l) AS tce,
           CASE WHEN energy.co2_missing_rows(p.l) = 0 THEN energy.kgco2(p.l) END AS kgco2,
           energy.co2_missing_rows(p.l)::numeric AS co2_missing_rows, energy.water(p.l) AS water_m3
      FROM (SELECT y.province_code, y.year, energy.rollup(y.ledger) AS l
              FROM @sharded@.year_ledger y
             WHERE @guard@
               -- the additive end uses: data-centre rooms and sub-meters are
               -- parts of what is counted already (energy.end_use.additive),
               -- never added again; a parameter, so the shards filter
               AND y.end_use = ANY ((SELECT array_agg(e.code) FROM energy.end_use e WHERE e.additive)::text[])
             GROUP BY y.province_code, y.year) p
      LEFT JOIN energy.region r ON r.code = p.province_code;
COMMENT ON VIEW @sharded@.province_year IS
    'Each province''s year over the additive end uses of the live yearly ledgers (not the data-centre rooms and sub-meters, which are parts of them, as in institution_year), aggregated on its shard; checks the shards first (error 55000 on any difference).';
COMMENT ON COLUMN @sharded@.province_year.province_code IS '省级区划代码 province code (GB/T 2260)';
COMMENT ON COLUMN @sharded@.province_year.province_name IS '省份 province name';
COMMENT ON COLUMN @sharded@.province_year.year IS '年度 year';
COMMENT ON COLUMN @sharded@.province_year.rows IS '记录数 rows summarised (count)';
COMMENT ON COLUMN @sharded@.province_year.kgce IS '综合能耗 energy consumption, kgce (kilograms of standard coal, GB/T 2589)';
COMMENT ON COLUMN @sharded@.province_year.tce IS '综合能耗 energy consumption, tce (tonnes of standard coal)';
COMMENT ON COLUMN @sharded@.province_year.kgco2 IS '二氧化碳排放 CO2 emissions, kgCO2 (location-based, all scopes; NULL when a row had no factor)';
COMMENT ON COLUMN @sharded@.province_year.co2_missing_rows IS '缺少排放因子的记录数 rows without an emission factor (kgco2 is NULL when any)';
COMMENT ON COLUMN @sharded@.province_year.water_m3 IS '用水量 water, m³';

CREATE VIEW @sharded@.city_year AS
    -- an institution recorded at its province only counts in the province's
    -- unallocated row (code = the province's), as in region_year
    SELECT c.province_code, c.city_code,
           CASE WHEN c.unallocated THEN d.name_zh || '（未细分到市）' ELSE d.name_zh END AS city_name,
           c.unallocated, c.year,
           energy.rows(c.l)::numeric AS rows, energy.kgce(c.l) AS kgce, energy.tce(c.l) AS tce,
           CASE WHEN energy.co2_missing_rows(c.l) = 0 THEN energy.kgco2(c.l) END AS kgco2,
           energy.co2_missing_rows(c.l)::numeric AS co2_missing_rows, energy.water(c.l) AS water_m3
      FROM (SELECT y.province_code, left(y.region_code, 4) || '00' AS city_code, y.region_code LIKE '__0000' AS unallocated,
                   y.year, energy.rollup(y.ledger) AS l
              FROM @sharded@.year_ledger y
             WHERE @guard@
               AND y.end_use = ANY ((SELECT array_agg(e.code) FROM energy.end_use e WHERE e.additive)::text[])
             GROUP BY y.province_code, left(y.region_code, 4) || '00', y.region_code LIKE '__0000', y.year) c
      LEFT JOIN energy.admin_division d ON d.code = c.city_code;
COMMENT ON VIEW @sharded@.city_year IS
    'Each prefecture-level city''s year over the additive end uses of the live yearly ledgers, aggregated on its province''s shard, and per province the institutions recorded at the province only (unallocated, as region_year''s city level has them); checks the shards first.';
COMMENT ON COLUMN @sharded@.city_year.province_code IS '省级区划代码 province code (GB/T 2260)';
COMMENT ON COLUMN @sharded@.city_year.city_code IS '地市区划代码 city code (first four digits and 00); the province''s code on its unallocated row';
COMMENT ON COLUMN @sharded@.city_year.city_name IS '地市 city name; the province''s name and （未细分到市） on its unallocated row';
COMMENT ON COLUMN @sharded@.city_year.unallocated IS '未细分到市（是/否）：true on the row of institutions recorded at the province only, not in a city';
COMMENT ON COLUMN @sharded@.city_year.year IS '年度 year';
COMMENT ON COLUMN @sharded@.city_year.rows IS '记录数 rows summarised (count)';
COMMENT ON COLUMN @sharded@.city_year.kgce IS '综合能耗 energy consumption, kgce';
COMMENT ON COLUMN @sharded@.city_year.tce IS '综合能耗 energy consumption, tce';
COMMENT ON COLUMN @sharded@.city_year.kgco2 IS '二氧化碳排放 CO2 emissions, kgCO2 (location-based, all scopes; NULL when a row had no factor)';
COMMENT ON COLUMN @sharded@.city_year.co2_missing_rows IS '缺少排放因子的记录数 rows without an emission factor (kgco2 is NULL when any)';
COMMENT ON COLUMN @sharded@.city_year.water_m3 IS '用水量 water, m³';

CREATE VIEW @sharded@.national_year AS
    SELECT n.year, energy.rows(n.l)::numeric AS rows, energy.kgce(n.l) AS kgce, energy.tce(n.l) AS tce,
           CASE WHEN energy.co2_missing_rows(n.l) = 0 THEN energy.kgco2(n.l) END AS kgco2,
           energy.co2_missing_rows(n.l)::numeric AS co2_missing_rows, energy.water(n.l) AS water_m3
      FROM (SELECT p.year, energy.rollup(p.l) AS l
              FROM (SELECT y.province_code, y.year, energy.rollup(y.ledger) AS l
                      FROM @sharded@.year_ledger y
                     WHERE @guard@
                       AND y.end_use = ANY ((SELECT array_agg(e.code) FROM energy.end_use e WHERE e.additive)::text[])
                     GROUP BY y.province_code, y.year) p
             GROUP BY p.year) n;
COMMENT ON VIEW @sharded@.national_year IS
    'The year over all provinces of the shards (additive end uses): each shard rolls up its provinces, this server combines their ledgers with energy.rollup (the same figures, to the last bit, as one server holding every row); checks the shards first.';
COMMENT ON COLUMN @sharded@.national_year.year IS '年度 year';
COMMENT ON COLUMN @sharded@.national_year.rows IS '记录数 rows summarised (count)';
COMMENT ON COLUMN @sharded@.national_year.kgce IS '综合能耗 energy consumption, kgce';
COMMENT ON COLUMN @sharded@.national_year.tce IS '综合能耗 energy consumption, tce';
COMMENT ON COLUMN @sharded@.national_year.kgco2 IS '二氧化碳排放 CO2 emissions, kgCO2 (location-based, all scopes; NULL when a row had no factor)';
COMMENT ON COLUMN @sharded@.national_year.co2_missing_rows IS '缺少排放因子的记录数 rows without an emission factor (kgco2 is NULL when any)';
COMMENT ON COLUMN @sharded@.national_year.water_m3 IS '用水量 water, m³';
$sharded$;
COMMENT ON FUNCTION energy.sharded_views_sql() IS
    'Template of a sharded model''s views (energy.shard_model runs it).';

-- ---------------------------------------------------------------------
-- Do the shards convert as this server does?
-- ---------------------------------------------------------------------
CREATE FUNCTION energy.shard_check(sharded_model name, detail boolean DEFAULT true, settings boolean DEFAULT true)
    RETURNS TABLE (server name, kind text, item text, coordinator text, shard text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
    tbl text;
    differing text[];
    -- the model settings every shard must share: this server's model of
    -- that name if it has one, else the first server's
    model_here jsonb;
    model_from text;
    model_there jsonb;
    k text;
BEGIN
    PERFORM energy.shard_require(sharded_model);
    FOR s IN SELECT * FROM energy.shard sh WHERE sh.sharded_model = shard_check.sharded_model ORDER BY sh.server LOOP
        -- version, settings, one md5 per reference table
        BEGIN
            RETURN QUERY EXECUTE format($q$
                SELECT %L::name, coalesce(h.kind, t.kind), coalesce(h.name, t.name),
                       CASE WHEN h.kind = 'reference' THEN h.rows || ' rows, md5 ' || h.value ELSE h.value END,
                       CASE WHEN t.kind = 'reference' THEN t.rows || ' rows, md5 ' || t.value ELSE t.value END
                  FROM energy.node_fingerprint h
                  FULL JOIN %I.%I t ON t.kind = h.kind AND t.name = h.name
                 WHERE (h.rows IS DISTINCT FROM t.rows OR h.value IS DISTINCT FROM t.value)
                   AND (%L OR coalesce(h.kind, t.kind) <> 'setting')
                 ORDER BY 2, 3$q$, s.server, sharded_model, s.server || ':fingerprint', settings);
        EXCEPTION WHEN undefined_table OR undefined_function THEN
            RAISE EXCEPTION 'server "%" cannot show what it converts with: %', s.server, SQLERRM USING ERRCODE = '55000',
                  HINT = 'Install energy_ext 0.2.0 there (CREATE EXTENSION energy_ext, or ALTER EXTENSION energy_ext UPDATE).';
        END;
        -- the model's own conversion settings and time zone (its live ledgers')
        EXECUTE format('SELECT to_jsonb(m) - ''name'' FROM %I.%I m WHERE m.name = %L',
                       sharded_model, s.server || ':model', s.remote_model) INTO model_there;
        IF model_there IS NULL THEN
            server := s.server; kind := 'model'; item := s.remote_model; coordinator := 'a model'; shard := 'absent';
            RETURN NEXT;
        ELSE
            IF model_here IS NULL THEN
                SELECT to_jsonb(m) - ARRAY['name', 'description', 'created_at'] INTO model_here
                  FROM energy.model m WHERE m.name = s.remote_model;
                model_from := CASE WHEN model_here IS NULL THEN 'server ' || s.server ELSE 'this server' END;
                model_here := coalesce(model_here, model_there);
            END IF;
            FOR k IN SELECT jsonb_object_keys(model_here) LOOP
                IF model_here -> k IS DISTINCT FROM model_there -> k THEN
                    server := s.server; kind := 'model'; item := s.remote_model || '.' || k;
                    coordinator := (model_here ->> k) || ' (' || model_from || ')'; shard := model_there ->> k;
                    RETURN NEXT;
                END IF;
            END LOOP;
        END IF;
        -- the shard's summaries: live, and computed with what it converts with now
        BEGIN
            RETURN QUERY EXECUTE format($q$
                SELECT %L::name, 'ledgers', x.item, x.here, x.there
                  FROM %I.%I l
                 CROSS JOIN LATERAL (VALUES
                        ('live ledgers', 'on', 'off (SELECT energy.set_live(' || quote_literal(%L) || ', true) there)', NOT l.live),
                        ('summaries', 'current', 'computed before ' || l.stale || ' changed (SELECT energy.rebuild_model('
                                                 || quote_literal(%L) || ') there)', l.stale IS NOT NULL)) AS x(item, here, there, hit)
                 WHERE x.hit$q$, s.server, sharded_model, s.server || ':ledger_state', s.remote_model, s.remote_model);
        EXCEPTION WHEN undefined_table THEN
            RAISE EXCEPTION 'model "%" on server "%" has no views for a coordinator: %', s.remote_model, s.server, SQLERRM
                  USING ERRCODE = '55000', HINT = format('Run SELECT energy.shard_prepare(%L) on server %s.', s.remote_model, s.server);
        END;
        -- institutions on a server that does not hold their province
        BEGIN
            RETURN QUERY EXECUTE format($q$
                SELECT %L::name, 'placement', i.province_code, 'held by ' || coalesce(
                           (SELECT o.server FROM energy.shard o WHERE o.sharded_model = %L AND i.province_code = ANY (o.provinces)),
                           'no server'),
                       count(*) || ' institutions'
                  FROM %I.%I i
                 WHERE i.province_code <> ALL (%L::text[])
                 GROUP BY i.province_code ORDER BY i.province_code$q$,
                s.server, sharded_model, sharded_model, s.server || ':institutions', s.provinces);
        EXCEPTION WHEN undefined_table THEN
            RAISE EXCEPTION 'model "%" on server "%" has no views for a coordinator: %', s.remote_model, s.server, SQLERRM
                  USING ERRCODE = '55000', HINT = format('Run SELECT energy.shard_prepare(%L) on server %s.', s.remote_model, s.server);
        END;
        IF NOT detail THEN
            CONTINUE;
        END IF;
        -- the rows behind each differing md5
        EXECUTE format($q$SELECT array_agg(coalesce(h.name, t.name)) FROM energy.node_fingerprint h
                            FULL JOIN %I.%I t ON t.kind = h.kind AND t.name = h.name
                           WHERE coalesce(h.kind, t.kind) = 'reference'
                             AND (h.rows IS DISTINCT FROM t.rows OR h.value IS DISTINCT FROM t.value)$q$,
                       sharded_model, s.server || ':fingerprint') INTO differing;
        IF differing IS NULL THEN
            CONTINUE;
        END IF;
        EXECUTE format('CREATE FOREIGN TABLE pg_temp.%I (reference text, key text, fingerprint text) SERVER %I OPTIONS (schema_name %L, table_name %L)',
                       s.server || ':reference_rows', s.server, 'energy', 'node_reference_rows');
        FOREACH tbl IN ARRAY differing LOOP
            RETURN QUERY EXECUTE format($q$
                SELECT %L::name, 'reference row', %L || ': ' || coalesce(h.key, t.key),
                       CASE WHEN h.key IS NULL THEN 'absent' ELSE 'md5 ' || h.fingerprint END,
                       CASE WHEN t.key IS NULL THEN 'absent' ELSE 'md5 ' || t.fingerprint END
                  FROM (SELECT * FROM energy.reference_rows(ARRAY[%L]) r) h
                  FULL JOIN (SELECT * FROM pg_temp.%I r WHERE r.reference = %L) t ON t.key = h.key
                 WHERE h.fingerprint IS DISTINCT FROM t.fingerprint
                 ORDER BY 3 LIMIT 20$q$, s.server, tbl, tbl, s.server || ':reference_rows', tbl);
        END LOOP;
        EXECUTE format('DROP FOREIGN TABLE pg_temp.%I', s.server || ':reference_rows');
    END LOOP;
    -- with detail (not in the guard before every read: it reads every
    -- institution's id from every shard): an institution held by two servers
    -- (loaded into both after a move or a recoding) is counted twice by every
    -- roll-up, where one server holding every row would have refused the
    -- second row by its primary key
    IF detail THEN
        RETURN QUERY EXECUTE format($q$
            SELECT min(x.server)::name, 'duplicate institution', x.institution_id, 'one server',
                   count(*) || ' servers: ' || string_agg(x.server, ', ' ORDER BY x.server)
              FROM (%s) AS x
             GROUP BY x.institution_id HAVING count(*) > 1
             ORDER BY 3 LIMIT 100$q$,
            (SELECT string_agg(format('SELECT %L::text AS server, i.institution_id FROM %I.%I i', sh.server, shard_check.sharded_model,
                                      sh.server || ':institutions'), ' UNION ALL ' ORDER BY sh.server)
               FROM energy.shard sh WHERE sh.sharded_model = shard_check.sharded_model));
    END IF;
END
$$;
COMMENT ON FUNCTION energy.shard_check(name, boolean, boolean) IS
    'Every difference between this server and the shards of a sharded model that would change a figure: the energy_ext version; with settings, the six conversion settings of this session against the shards'' connections; each reference table (rows and md5; with detail, up to 20 differing rows each, by key); the model''s time zone and conversion settings in energy.model (against this server''s model of that name, else the first server''s); and institutions on a server that does not hold their province; with detail, institutions held by two servers or more (up to 100; counted twice by every roll-up). No rows: the shards convert exactly as this server.';

-- sharded_model is text, not name: a name argument (collation "C") would
-- give the result, and the parameter sent to the shards, collation "C",
-- which postgres_fdw does not ship (the aggregate would run here).
CREATE FUNCTION energy.shard_checked_provinces(sharded_model text, settings boolean)
    RETURNS text[]
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    -- one check per client statement: a query that reads several tables of
    -- the model (or a view twice) checks once
    memo text := statement_timestamp()::text || ' ' || sharded_model || ' ' || settings || ' '
                 || (SELECT string_agg(s.value, ' ' ORDER BY s.name) FROM energy.node_settings() s);
    n integer;
    what text;
BEGIN
    IF current_setting('energy_shard.checked', true) IS DISTINCT FROM memo THEN
        SELECT count(*), string_agg(format('%s: %s %s (here %s, there %s)', c.server, c.kind, c.item,
                                           coalesce(c.coordinator, 'none'), coalesce(c.shard, 'none')), '; ')
          INTO n, what
          FROM energy.shard_check(sharded_model, false, settings) c;
        IF n > 0 THEN
            RAISE EXCEPTION 'the shards of % would not give this server''s figures: % difference(s)', sharded_model, n
                  USING ERRCODE = '55000', DETAIL = what,
                        HINT = format('SELECT * FROM energy.shard_check(%L) names each row; energy.shard_push_reference(%L) copies the reference data and energy.shard_apply_settings(%L) the settings to the shards (as the servers'' owner), for the next transaction.',
                                      sharded_model, sharded_model, sharded_model);
        END IF;
        PERFORM set_config('energy_shard.checked', memo, true);
    END IF;
    RETURN ARRAY(SELECT p FROM energy.shard s, unnest(s.provinces) p
                  WHERE s.sharded_model = shard_checked_provinces.sharded_model ORDER BY p);
END
$$;
COMMENT ON FUNCTION energy.shard_checked_provinces(text, boolean) IS
    'The provinces of a sharded model, once energy.shard_check (with or without this session''s settings) finds no difference; else error 55000 naming them. The views and the row-level security policies of a sharded model filter on it, so that no figure is read from shards that convert otherwise.';

-- ---------------------------------------------------------------------
-- Making the shards convert as this server does.
-- ---------------------------------------------------------------------
CREATE FUNCTION energy.shard_push_reference(sharded_model name)
    RETURNS TABLE (server name, reference text, deleted bigint, inserted bigint)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
    tbl text;
    ft text;
    cols text;
    keep text;
    -- children before parents when deleting, parents first when inserting
    -- (frozen years first: a shard's guard refuses to delete a factor loaded
    -- before a year it still has frozen)
    delete_order text[] := ARRAY['frozen_year', 'coal_factor', 'density', 'co2_factor', 'grid_factor', 'factor_set',
                                 'admin_division', 'institution_category', 'end_use', 'region'];
    insert_order text[] := ARRAY['factor_set', 'coal_factor', 'density', 'co2_factor', 'grid_factor', 'region',
                                 'admin_division', 'institution_category', 'end_use', 'frozen_year'];
    n bigint;
    wave bigint;
    changed bigint;
    differs text;
    -- the tables whose rows name a parent row, and their key
    parent_tables jsonb := '{"factor_set": "name", "admin_division": "code", "institution_category": "code"}';
    pk text;
    removed jsonb;
BEGIN
    PERFORM energy.shard_require(sharded_model);
    FOR s IN SELECT * FROM energy.shard sh WHERE sh.sharded_model = shard_push_reference.sharded_model ORDER BY sh.server LOOP
        removed := '{}';
        FOREACH tbl IN ARRAY insert_order LOOP
            SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
              INTO cols FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = ('energy.' || tbl)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
            EXECUTE format('CREATE FOREIGN TABLE pg_temp.%I (%s) SERVER %I OPTIONS (schema_name %L, table_name %L)',
                           s.server || ':' || tbl, cols, s.server, 'energy', tbl);
        END LOOP;
        -- shipped rows come with the extension (energy_ext's version is
        -- checked); the rest are made equal, row for row.  postgres_fdw
        -- writes one row per remote statement, and the shard checks after
        -- each: a table whose rows name a parent row (factor_set,
        -- admin_division, institution_category) is changed key by key —
        -- rows removed leaves first, rows changed in place, rows added
        -- parents first — so that no row ever names a missing parent
        FOREACH tbl IN ARRAY delete_order LOOP
            ft := quote_ident(s.server || ':' || tbl);
            keep := CASE WHEN tbl = 'frozen_year' THEN 'true' ELSE 'NOT r.shipped' END;
            pk := parent_tables ->> tbl;
            IF pk IS NULL THEN
                EXECUTE format('DELETE FROM pg_temp.%s r WHERE %s AND NOT EXISTS (SELECT 1 FROM energy.%I l WHERE l::text = r::text)',
                               ft, keep, tbl);
                GET DIAGNOSTICS n = ROW_COUNT;
            ELSE
                n := 0;
                LOOP
                    EXECUTE format('DELETE FROM pg_temp.%1$s r WHERE NOT r.shipped AND NOT EXISTS (SELECT 1 FROM energy.%2$I l WHERE l.%3$I = r.%3$I)
                                      AND NOT EXISTS (SELECT 1 FROM pg_temp.%1$s c WHERE c.parent = r.%3$I)', ft, tbl, pk);
                    GET DIAGNOSTICS wave = ROW_COUNT;
                    EXIT WHEN wave = 0;
                    n := n + wave;
                END LOOP;
            END IF;
            removed := removed || jsonb_build_object(tbl, n);
        END LOOP;
        FOREACH tbl IN ARRAY insert_order LOOP
            ft := quote_ident(s.server || ':' || tbl);
            keep := CASE WHEN tbl = 'frozen_year' THEN 'true' ELSE 'NOT l.shipped' END;
            pk := parent_tables ->> tbl;
            changed := 0;
            IF pk IS NULL THEN
                EXECUTE format('INSERT INTO pg_temp.%s SELECT * FROM energy.%I l WHERE %s AND NOT EXISTS (SELECT 1 FROM pg_temp.%s r WHERE r::text = l::text)',
                               ft, tbl, keep, ft);
                GET DIAGNOSTICS n = ROW_COUNT;
            ELSE
                n := 0;
                LOOP
                    EXECUTE format('INSERT INTO pg_temp.%1$s SELECT * FROM energy.%2$I l
                                     WHERE NOT l.shipped AND NOT EXISTS (SELECT 1 FROM pg_temp.%1$s r WHERE r.%3$I = l.%3$I)
                                       AND (l.parent IS NULL OR EXISTS (SELECT 1 FROM pg_temp.%1$s p WHERE p.%3$I = l.parent))', ft, tbl, pk);
                    GET DIAGNOSTICS wave = ROW_COUNT;
                    EXIT WHEN wave = 0;
                    n := n + wave;
                END LOOP;
                SELECT string_agg(format('%1$I = l.%1$I', a.attname), ', ' ORDER BY a.attnum),
                       format('(%s) IS DISTINCT FROM (%s)', string_agg(format('r.%I', a.attname), ', ' ORDER BY a.attnum),
                              string_agg(format('l.%I', a.attname), ', ' ORDER BY a.attnum))
                  INTO cols, differs
                  FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = ('energy.' || tbl)::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> pk;
                EXECUTE format('UPDATE pg_temp.%1$s r SET %4$s FROM energy.%2$I l
                                 WHERE l.%3$I = r.%3$I AND NOT l.shipped AND NOT r.shipped AND %5$s', ft, tbl, pk, cols, differs);
                GET DIAGNOSTICS changed = ROW_COUNT;
            END IF;
            server := s.server; reference := tbl; deleted := (removed ->> tbl)::bigint + changed; inserted := n + changed;
            RETURN NEXT;
            EXECUTE format('DROP FOREIGN TABLE pg_temp.%s', ft);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.shard_push_reference(name) IS
    'Makes the reference rows of the shards of a sharded model equal to this server''s: rows users added (not shipped) and the frozen years; shipped rows come with the extension version. Rows only on a shard are deleted, rows only here inserted (a changed row of factor_set, admin_division or institution_category is changed in place, parents before children), through postgres_fdw in this transaction; the shards'' own guards still apply. The shards'' summaries keep what they were computed with: run energy.rebuild_model there afterwards (energy.shard_check reports them until then). Returns the rows deleted and inserted per server and table (a row changed in place counts in both).';

CREATE FUNCTION energy.shard_apply_settings(sharded_model name)
    RETURNS TABLE (server name, options text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
    here text;
    old text;
BEGIN
    PERFORM energy.shard_require(sharded_model);
    -- libpq's options: -c name=value, a space or backslash in a value escaped
    SELECT string_agg(format('-c %s=%s', v.name, replace(replace(v.value, '\', '\\'), ' ', '\ ')), ' ' ORDER BY v.name)
      INTO here FROM energy.node_settings() v;
    FOR s IN SELECT * FROM energy.shard sh WHERE sh.sharded_model = shard_apply_settings.sharded_model ORDER BY sh.server LOOP
        SELECT o.option_value INTO old
          FROM pg_catalog.pg_foreign_server f, pg_catalog.pg_options_to_table(f.srvoptions) o
         WHERE f.srvname = s.server AND o.option_name = 'options';
        server := s.server;
        options := btrim(regexp_replace(regexp_replace(coalesce(old, ''), '-c\s*energy\.[a-z_]+=(\\.|[^\s\\])*', '', 'g'),
                                        '\s+', ' ', 'g') || ' ' || here);
        EXECUTE format('ALTER SERVER %I OPTIONS (%s options %L)', s.server, CASE WHEN old IS NULL THEN 'ADD' ELSE 'SET' END, options);
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.shard_apply_settings(name) IS
    'Puts this session''s six conversion settings (energy.node_settings) into the options of each server of a sharded model (-c energy.factor_set=...), keeping options of other settings: connections opened from the next transaction on convert with them. Needs ownership of the servers. Returns each server''s options.';

CREATE FUNCTION energy.drop_sharded_model(sharded_model name)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    SET client_min_messages = warning  -- not a NOTICE per dropped table
    AS $$
BEGIN
    PERFORM energy.shard_require(sharded_model);
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = sharded_model) THEN
        EXECUTE format('DROP SCHEMA %I CASCADE', sharded_model);
    END IF;
    -- its partitions went with their tables; anything else in it is not ours
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = sharded_model || '_shards') THEN
        EXECUTE format('DROP SCHEMA %I', sharded_model || '_shards');
    END IF;
    DELETE FROM energy.shard s WHERE s.sharded_model = drop_sharded_model.sharded_model;
END
$$;
COMMENT ON FUNCTION energy.drop_sharded_model(name) IS
    'Drops a sharded model on this server: its schemas <model> and <model>_shards (foreign tables and views; the shards'' data stays where it is) and its rows of energy.shard. The foreign servers, their user mappings and the options energy.shard_model and energy.shard_apply_settings gave them (extensions, fdw_tuple_cost, options) stay: other sharded models may use them; ALTER SERVER ... OPTIONS (DROP ...) or DROP SERVER removes them.';
