
-- =====================================================================
-- 0.2.0 — who sees which region (issue 14).  A province's DBA owns the
-- models; analysts, BI tools and city or county offices get roles:
--     SELECT energy.grant_region('prov2023', 'analyst_ln', '210000', writes => true);
--     SELECT energy.grant_region('prov2023', 'bi_reader', 'all');
--     SELECT energy.grant_region('prov2023', 'shenyang', '210100');
-- A role sees (and, with writes, changes) the institutions whose region
-- code lies in a region granted to it ('all': every one), and only their
-- rows: row-level security on every table of the model, keyed on the
-- institution's region code, and views that run with the caller's rights
-- (security_invoker), so that the same views give each role its own
-- region's figures and no roll-up holds another region's rows.  The owner
-- of the model's tables (and superusers) see everything.
-- =====================================================================

CREATE TABLE energy.region_grant (
    model       name NOT NULL,
    role        name NOT NULL,
    region_code text NOT NULL CHECK (region_code = 'all' OR region_code ~ '^[1-9][0-9]{5}$'),
    writes      boolean NOT NULL DEFAULT false,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, role, region_code)
);
COMMENT ON TABLE energy.region_grant IS
    'Which role sees which region of a model (energy.grant_region): the rows of the institutions whose region code lies in it, through row-level security. Kept by pg_dump.';
COMMENT ON COLUMN energy.region_grant.model IS 'The reporting model (schema).';
COMMENT ON COLUMN energy.region_grant.role IS 'The role (its members too).';
COMMENT ON COLUMN energy.region_grant.region_code IS 'A province (210000), city (210100) or county (210102) code of energy.admin_division, or all.';
COMMENT ON COLUMN energy.region_grant.writes IS 'Whether the role may also add, change and remove those rows (never TRUNCATE).';
COMMENT ON COLUMN energy.region_grant.granted_at IS 'When it was granted.';
SELECT pg_catalog.pg_extension_config_dump('energy.region_grant', '');
-- A granted role reads the energy schema's tables (grant_region), this one
-- too: it sees its own grants (and its groups'), which is all that
-- energy.region_patterns reads, not who else sees which region.  The owner
-- (who runs grant_region) is not subject to it.
ALTER TABLE energy.region_grant ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_grants ON energy.region_grant FOR SELECT
    USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = region_grant.role AND pg_catalog.pg_has_role(r.oid, 'MEMBER')));
COMMENT ON POLICY own_grants ON energy.region_grant IS
    'A role reads only the grants of roles it is a member of (its own and its groups''): no role learns who else sees which region.';

-- The LIKE patterns of the region codes the current role may see in a model:
-- '21%' for a province, '2101%' for a city, '210102' for a county, '%' for all.
-- model is text, not name: the patterns must have the default collation of
-- the region codes they are compared with (a name argument gives "C").
CREATE FUNCTION energy.region_patterns(model text)
    RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(array_agg(CASE WHEN g.region_code = 'all' THEN '%'
                                   WHEN g.region_code ~ '0000$' THEN left(g.region_code, 2) || '%'
                                   WHEN g.region_code ~ '00$' THEN left(g.region_code, 4) || '%'
                                   ELSE g.region_code END), '{}')
      FROM energy.region_grant g JOIN pg_catalog.pg_roles r ON r.rolname = g.role
     WHERE g.model = region_patterns.model AND pg_catalog.pg_has_role(r.oid, 'MEMBER')
$$;
COMMENT ON FUNCTION energy.region_patterns(text) IS
    'The region codes the current role may see in a model, as LIKE patterns (21% a province, 2101% a city, a county''s own code, % for all); empty when none. The row-level security policies of a model read it once per query.';

-- Row-level security on every table of a model, and views with the
-- caller's rights.  Idempotent: energy.grant_region runs it, and so does
-- every template run on a model that has grants (new tables and views,
-- upgrades: energy.model_exec).
CREATE FUNCTION energy.model_protect(model name)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t record;
    visible text := format('(SELECT energy.region_patterns(%L::text))::text[]', model);
    rule text;
BEGIN
    FOR t IN SELECT c.oid::regclass AS rel, c.relname,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'institution_id' AND NOT a.attisdropped) AS by_institution,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'meter_id' AND NOT a.attisdropped) AS by_meter,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'region_code' AND NOT a.attisdropped) AS by_region
               FROM pg_catalog.pg_class c
              WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relkind IN ('r', 'p') LOOP
        rule := CASE
            WHEN t.relname = 'institution' THEN format('region_code LIKE ANY (%s)', visible)
            -- a programme row of a region, not of an institution
            WHEN t.by_institution AND t.by_region THEN
                format('CASE WHEN institution_id IS NOT NULL THEN institution_id IN (SELECT i.institution_id FROM %I.institution i) ELSE coalesce(region_code, '''') LIKE ANY (%s) END',
                       model, visible)
            WHEN t.by_institution THEN format('institution_id IN (SELECT i.institution_id FROM %I.institution i)', model)
            WHEN t.by_meter THEN format('meter_id IN (SELECT m.meter_id FROM %I.meter m)', model)
            END;
        CONTINUE WHEN rule IS NULL;
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t.rel);
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = t.rel AND p.polname = 'region_granted') THEN
            EXECUTE format('DROP POLICY region_granted ON %s', t.rel);
        END IF;
        EXECUTE format('CREATE POLICY region_granted ON %s USING (%s) WITH CHECK (%s)', t.rel, rule, rule);
        EXECUTE format('COMMENT ON POLICY region_granted ON %s IS %L', t.rel,
                       'Rows of the institutions in the regions granted to the role (energy.grant_region); the owner sees all.');
    END LOOP;
    -- a view runs with its owner's rights unless security_invoker: its owner
    -- (who owns the tables) would see every region; CREATE OR REPLACE VIEW
    -- resets the option
    FOR t IN SELECT c.oid::regclass AS view FROM pg_catalog.pg_class c
              WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relkind = 'v'
                AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false) LOOP
        EXECUTE format('ALTER VIEW %s SET (security_invoker = true)', t.view);
    END LOOP;
    -- tables and views made since (energy_ext_postgis's, say): readable by
    -- the granted roles, under the same rules
    FOR t IN SELECT DISTINCT g.role FROM energy.region_grant g JOIN pg_catalog.pg_roles r ON r.rolname = g.role
              WHERE g.model = model_protect.model LOOP
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA energy, %I TO %I', model, t.role);
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.model_protect(name) IS
    'Puts row-level security on every table of a model (the institutions by region code as energy.region_grant allows the role, every other row by its institution or meter) and makes its views run with the caller''s rights, so that row-level security applies through them; grants SELECT on what was made since to the granted roles (internal: energy.grant_region runs it, and energy.model_exec after every template on a model with grants).';

CREATE FUNCTION energy.grant_region(model name, role name, region_code text, writes boolean DEFAULT false)
    RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    raw text[] := ARRAY['institution', 'profile', 'consumption', 'meter', 'reading', 'programme'];
    summaries text[] := ARRAY['meter_month', 'month_ledger', 'year_ledger'];
    t text;
BEGIN
    PERFORM energy.model_require(model);
    IF role IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = grant_region.role) THEN
        RAISE EXCEPTION 'role "%" does not exist', role USING ERRCODE = '42704',
              HINT = 'CREATE ROLE ... first (a group role: its members see what it sees).';
    END IF;
    IF region_code IS NULL OR (region_code <> 'all' AND NOT EXISTS (SELECT 1 FROM energy.admin_division d WHERE d.code = region_code)) THEN
        RAISE EXCEPTION 'unknown region code "%"', coalesce(region_code, 'NULL') USING ERRCODE = '22023',
              HINT = 'A province (210000), city (210100) or county (210102) code of energy.admin_division, or ''all''.';
    END IF;
    INSERT INTO energy.region_grant AS g (model, role, region_code, writes)
    VALUES (model, role, region_code, coalesce(writes, false))
    ON CONFLICT ON CONSTRAINT region_grant_pkey DO UPDATE SET writes = excluded.writes, granted_at = now();
    -- read: the reference data and every table and view of the model
    EXECUTE format('GRANT USAGE ON SCHEMA energy, %I TO %I', model, role);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA energy TO %I', role);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', model, role);
    -- write: the rows analysts load, and the summaries their triggers keep;
    -- never TRUNCATE, which row-level security does not filter
    IF writes THEN
        FOREACH t IN ARRAY raw || summaries LOOP
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.%I TO %I', model, t, role);
        END LOOP;
        -- what the summaries are computed with, about the whole model:
        -- writers add rows (always the true basis: trigger basis_filled),
        -- only the owner's rebuild_model removes them
        EXECUTE format('GRANT INSERT ON %I.ledger_basis TO %I', model, role);
    END IF;
    PERFORM energy.model_protect(model);
    RETURN format('%s sees %s of model %s%s', role,
                  CASE WHEN region_code = 'all' THEN 'every region'
                       ELSE region_code || ' ' || (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = region_code) END,
                  model, CASE WHEN writes THEN ' and may change its rows' ELSE ' (read only)' END);
END
$$;
COMMENT ON FUNCTION energy.grant_region(name, name, text, boolean) IS
    'Lets a role see the institutions of a region of a model (a province, city or county code, or all) and their rows, through every table and view, and with writes => true also add, change and remove them: records it in energy.region_grant, grants USAGE and SELECT (and INSERT, UPDATE, DELETE), and puts row-level security on the model (energy.model_protect). Returns what the role may do.';

CREATE FUNCTION energy.revoke_region(model name, role name, region_code text DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n integer;
BEGIN
    PERFORM energy.model_require(model);
    DELETE FROM energy.region_grant g
     WHERE g.model = revoke_region.model AND g.role = revoke_region.role
       AND (revoke_region.region_code IS NULL OR g.region_code = revoke_region.region_code);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF NOT EXISTS (SELECT 1 FROM energy.region_grant g WHERE g.model = revoke_region.model AND g.role = revoke_region.role)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = revoke_region.role) THEN
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', model, role);
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM %I', model, role);
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION energy.revoke_region(name, name, text) IS
    'Takes back a region (all of the role''s regions when region_code is NULL) from a role in a model; with none left, its privileges on the model''s schema too (those on energy stay: other models may need them). Returns the grants removed.';
