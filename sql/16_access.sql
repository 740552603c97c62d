
-- =====================================================================
-- 0.2.0 — who sees which region (issue 14).  A province's DBA owns the
-- models; analysts, BI tools and city or county offices get roles:
--     SELECT energy.grant_region('prov2023', 'analyst_ln', '210000', writes => true);
--     SELECT energy.grant_region('prov2023', 'bi_reader', 'all');
--     SELECT energy.grant_region('prov2023', 'shenyang', '210100');
-- A role sees the institutions whose region code lies in a region granted
-- to it ('all': every one), and only their rows, and changes only those of
-- the regions granted to it with writes: row-level security on every table
-- of the model, keyed on the institution's region code (a policy for
-- reading, one for writing), and views that run with the caller's rights
-- (security_invoker), so that the same views give each role its own
-- region's figures and no roll-up holds another region's rows.  The owner
-- of the model's tables (and superusers) see everything.  Writers change
-- raw rows only: the live summaries are written by the model's triggers,
-- which run as its owner (energy.model_live_functions).
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
    USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = region_grant.role AND pg_catalog.pg_has_role(r.oid, 'USAGE')));
COMMENT ON POLICY own_grants ON energy.region_grant IS
    'A role reads only the grants of roles whose privileges it has (its own and its groups'' it inherits, or has SET ROLE to): no role learns who else sees which region.';

-- The grants of a model whose schema and register row are gone
-- (drop_model and create_model delete the row first, as the caller, under
-- energy.model's policy), removed whoever calls: a DBA who may create and
-- drop models need not be able to change region_grant, whose rows it cannot
-- even see.  It removes nothing of a model that exists, or whose schema is
-- only briefly gone (a schema being restored: its register row stays), so
-- it takes no grant from anyone.
CREATE FUNCTION energy.model_forget_grants(model name) RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n integer;
BEGIN
    DELETE FROM energy.region_grant g
     WHERE g.model = model_forget_grants.model
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace s WHERE s.nspname = model_forget_grants.model)
       AND NOT EXISTS (SELECT 1 FROM energy.model m WHERE m.name = model_forget_grants.model);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION energy.model_forget_grants(name) IS
    'Removes the region grants of a model whose schema and row of energy.model no longer exist, with the extension owner''s rights (internal: energy.create_model and energy.drop_model, run by a DBA who cannot change energy.region_grant); returns how many.';

-- The LIKE patterns of the region codes the current role may see in a model
-- (writes: may change): '21%' for a province, '2101%' for a city, '210102'
-- for a county, '%' for all.  model is text, not name: the patterns must
-- have the default collation of the region codes they are compared with (a
-- name argument gives "C").
CREATE FUNCTION energy.region_patterns(model text, writes boolean DEFAULT false)
    RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(array_agg(CASE WHEN g.region_code = 'all' THEN '%'
                                   WHEN g.region_code ~ '0000$' THEN left(g.region_code, 2) || '%'
                                   WHEN g.region_code ~ '00$' THEN left(g.region_code, 4) || '%'
                                   ELSE g.region_code END), '{}')
      FROM energy.region_grant g JOIN pg_catalog.pg_roles r ON r.rolname = g.role
     WHERE g.model = region_patterns.model AND pg_catalog.pg_has_role(r.oid, 'USAGE')
       AND (g.writes OR NOT region_patterns.writes)
$$;
COMMENT ON FUNCTION energy.region_patterns(text, boolean) IS
    'The region codes the current role may see in a model (writes => true: may change, the regions granted with writes), as LIKE patterns (21% a province, 2101% a city, a county''s own code, % for all); empty when none. The row-level security policies of a model read it once per query.';

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
    writable text := format('(SELECT energy.region_patterns(%L::text, true))::text[]', model);
    pol record;
    template text;
    rule text;
    write_rule text;
BEGIN
    FOR t IN SELECT c.oid::regclass AS rel, c.relname,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'institution_id' AND NOT a.attisdropped) AS by_institution,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'meter_id' AND NOT a.attisdropped) AS by_meter,
                    EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'region_code' AND NOT a.attisdropped) AS by_region
               FROM pg_catalog.pg_class c
              WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relkind IN ('r', 'p') LOOP
        -- one rule per table, for reading and for writing: %1$s the region
        -- patterns; %2$s and %3$s what narrows the institutions and meters read
        -- (for reading nothing: the institution table's own policy does; for
        -- writing, the institutions in the regions granted with writes); %4$I the model
        template := CASE
            WHEN t.relname = 'institution' THEN 'region_code LIKE ANY (%1$s)'
            -- a programme row of a region, not of an institution
            WHEN t.by_institution AND t.by_region THEN
                'CASE WHEN institution_id IS NOT NULL THEN institution_id IN (SELECT i.institution_id FROM %4$I.institution i%2$s) ELSE coalesce(region_code, '''') LIKE ANY (%1$s) END'
            WHEN t.by_institution THEN 'institution_id IN (SELECT i.institution_id FROM %4$I.institution i%2$s)'
            WHEN t.by_meter THEN 'meter_id IN (SELECT m.meter_id FROM %4$I.meter m%3$s)'
            END;
        CONTINUE WHEN template IS NULL;
        rule := format(template, visible, '', '', model);
        write_rule := format(template, writable, format(' WHERE i.region_code LIKE ANY (%s)', writable),
                             format(' WHERE m.institution_id IN (SELECT i.institution_id FROM %I.institution i WHERE i.region_code LIKE ANY (%s))',
                                    model, writable),
                             model);
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t.rel);
        FOR pol IN SELECT y.polname FROM pg_catalog.pg_policy y
                    WHERE y.polrelid = t.rel AND y.polname IN ('region_granted', 'region_insert', 'region_update', 'region_delete') LOOP
            EXECUTE format('DROP POLICY %I ON %s', pol.polname, t.rel);
        END LOOP;
        -- a policy per command, so that reading evaluates only the first
        EXECUTE format('CREATE POLICY region_granted ON %s FOR SELECT USING (%s)', t.rel, rule);
        EXECUTE format('CREATE POLICY region_insert ON %s FOR INSERT WITH CHECK (%s)', t.rel, write_rule);
        EXECUTE format('CREATE POLICY region_update ON %s FOR UPDATE USING (%s) WITH CHECK (%s)', t.rel, write_rule, write_rule);
        EXECUTE format('CREATE POLICY region_delete ON %s FOR DELETE USING (%s)', t.rel, write_rule);
        EXECUTE format('COMMENT ON POLICY region_granted ON %s IS %L', t.rel,
                       'Reading: rows of the institutions in the regions granted to the role (energy.grant_region); the owner sees all.');
        FOR pol IN SELECT unnest(ARRAY['region_insert', 'region_update', 'region_delete']) AS polname LOOP
            EXECUTE format('COMMENT ON POLICY %I ON %s IS %L', pol.polname, t.rel,
                           'Writing: rows of the institutions in the regions granted to the role with writes (energy.grant_region ... writes => true).');
        END LOOP;
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
    FOR t IN SELECT DISTINCT g.role, bool_or(g.writes) OVER (PARTITION BY g.role) AS writes
               FROM energy.region_grant g JOIN pg_catalog.pg_roles r ON r.rolname = g.role
              WHERE g.model = model_protect.model LOOP
        PERFORM energy.model_grant_read(model, t.role);
        -- and the writing privileges of a role granted writes, again: a
        -- restore without privileges (pg_restore -x), or one on a server
        -- whose roles were made after it, left them out while region_grant
        -- still says the role writes
        IF t.writes THEN
            PERFORM energy.model_grant_write(model, t.role);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.model_protect(name) IS
    'Puts row-level security on every table of a model (the institutions by region code as energy.region_grant allows the role, every other row by its institution or meter) and makes its views run with the caller''s rights, so that row-level security applies through them; grants SELECT on what was made since to the granted roles (internal: energy.grant_region runs it, and energy.model_exec after every template on a model with grants).';

-- Privileges are granted (or revoked) only where they are missing (or
-- held): the same ACL in the end, but nothing written when nothing changes.
-- That matters in an extension script: every release's update runs
-- upgrade_model, hence model_protect, for each model, and PostgreSQL counts
-- a GRANT made while an extension script runs as the object's initial
-- privilege (pg_init_privs), which pg_dump does not dump — the region
-- roles' privileges would be lost by the next dump and restore.
CREATE FUNCTION energy.acl_holds(acl aclitem[], role name, privilege text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(acl) a JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
                    WHERE r.rolname = acl_holds.role AND a.privilege_type = acl_holds.privilege)
$$;
COMMENT ON FUNCTION energy.acl_holds(aclitem[], name, text) IS
    'Whether an ACL (relacl, nspacl) grants the role the privilege (SELECT, INSERT, USAGE, ...) itself, not through PUBLIC or a role it is a member of (internal: model_grant_read, model_grant_write).';

CREATE FUNCTION energy.grant_missing(relation regclass, privileges text[], role name, revoke boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    acl aclitem[] := (SELECT c.relacl FROM pg_catalog.pg_class c WHERE c.oid = relation);
    todo text[] := ARRAY(SELECT p FROM unnest(privileges) p WHERE energy.acl_holds(acl, role, p) = revoke);
BEGIN
    IF cardinality(todo) > 0 THEN
        EXECUTE format(CASE WHEN revoke THEN 'REVOKE %s ON %s FROM %I' ELSE 'GRANT %s ON %s TO %I' END,
                       array_to_string(todo, ', '), relation, role);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.grant_missing(regclass, text[], name, boolean) IS
    'Grants a role those of the privileges on a table or view that its ACL does not give it yet (with revoke: revokes those it gives), and writes nothing when nothing changes (internal: model_grant_read, model_grant_write).';

-- What a role granted writes may change: the raw tables analysts load (the
-- policies region_insert, region_update and region_delete narrow it to its
-- regions' institutions), never TRUNCATE, which row-level security does not
-- filter, never the summaries, which the model's triggers write as its owner;
-- and institution_place (energy_ext_postgis), where a trigger that runs with
-- the writer's rights places the institutions it writes again.
CREATE FUNCTION energy.model_grant_write(model name, role name)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['institution', 'profile', 'consumption', 'meter', 'reading', 'programme'] LOOP
        IF to_regclass(quote_ident(model) || '.' || quote_ident(t)) IS NOT NULL THEN
            PERFORM energy.grant_missing(to_regclass(quote_ident(model) || '.' || quote_ident(t)), ARRAY['INSERT', 'UPDATE', 'DELETE'], role);
        END IF;
    END LOOP;
    -- the placements its statements make (their rows computed again from the
    -- institution: energy.spatial_place_row); never DELETE, which would hide
    -- one (a placement goes with its institution, deleted as the owner)
    IF to_regclass(quote_ident(model) || '.institution_place') IS NOT NULL THEN
        PERFORM energy.grant_missing(to_regclass(quote_ident(model) || '.institution_place'), ARRAY['INSERT', 'UPDATE'], role);
        PERFORM energy.grant_missing(to_regclass(quote_ident(model) || '.institution_place'), ARRAY['DELETE'], role, revoke => true);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_grant_write(name, name) IS
    'Grants a role INSERT, UPDATE and DELETE on a model''s raw tables (institution, profile, consumption, meter, reading, programme), and INSERT and UPDATE on institution_place where it exists (rows it writes there are computed again: energy.spatial_place_row) — never TRUNCATE, never the summaries (internal: grant_region, and model_protect for every role granted writes).';

-- A role with no region granted with writes left keeps no privilege to
-- write (grant_region with writes => false on a region it could change,
-- revoke_region): the policies would refuse its writes anyway; this keeps
-- the privileges saying what it may do.
CREATE FUNCTION energy.model_write_privileges(model name, role name)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM energy.region_grant g
                    WHERE g.model = model_write_privileges.model AND g.role = model_write_privileges.role AND g.writes) THEN
        FOR t IN SELECT r.rel FROM energy.model_own_relations(model) AS r(rel) LOOP
            EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %s FROM %I', t.rel, role);
        END LOOP;
    END IF;
END
$$;
COMMENT ON FUNCTION energy.model_write_privileges(name, name) IS
    'Revokes INSERT, UPDATE, DELETE and TRUNCATE on a model''s tables (energy.model_relations; not on tables of your own in its schema) from a role that has no region of it granted with writes (internal: grant_region, revoke_region).';

-- The model's own tables and views that exist (energy.model_relations).
CREATE FUNCTION energy.model_own_relations(model name) RETURNS SETOF regclass
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT c.oid::regclass FROM pg_catalog.pg_class c
     WHERE c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = model_own_relations.model)
       AND c.relname = ANY (energy.model_relations())
$$;
COMMENT ON FUNCTION energy.model_own_relations(name) IS
    'The tables and views of a model''s schema that energy_ext (or energy_ext_postgis) made — energy.model_relations that exist — not those of your own (internal: grant_region, revoke_region).';

-- What a granted role reads: the energy schema's tables (reference data)
-- and the model's own tables and views (energy.model_relations), under
-- row-level security; nothing else of the model's schema — a table of your
-- own there (a staging table of every region's rows, say) is yours to grant.
CREATE FUNCTION energy.model_grant_read(model name, role name)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t record;
BEGIN
    -- (each only where it is missing: energy.grant_missing says why)
    FOR t IN SELECT n.nspname FROM pg_catalog.pg_namespace n
              WHERE n.nspname IN ('energy', model) AND NOT energy.acl_holds(n.nspacl, role, 'USAGE') LOOP
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', t.nspname, role);
    END LOOP;
    -- what GRANT SELECT ON ALL TABLES IN SCHEMA energy would grant
    FOR t IN SELECT c.oid::regclass AS rel FROM pg_catalog.pg_class c
              WHERE c.relnamespace = 'energy'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
             UNION ALL
             SELECT r.rel FROM energy.model_own_relations(model) AS r(rel) LOOP
        PERFORM energy.grant_missing(t.rel, ARRAY['SELECT'], role);
    END LOOP;
END
$$;
COMMENT ON FUNCTION energy.model_grant_read(name, name) IS
    'Grants a role USAGE on the energy schema and the model''s, SELECT on the energy schema''s tables and on the model''s own tables and views (energy.model_relations), not on tables of your own in its schema (internal: grant_region, model_protect).';

CREATE FUNCTION energy.grant_region(model name, role name, region_code text, writes boolean DEFAULT false)
    RETURNS text
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
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
    -- read: the reference data and the model's own tables and views
    PERFORM energy.model_grant_read(model, role);
    -- write: the rows analysts load, in the regions granted with writes
    IF writes THEN
        PERFORM energy.model_grant_write(model, role);
    END IF;
    PERFORM energy.model_write_privileges(model, role);
    PERFORM energy.model_protect(model);
    RETURN format('%s sees %s of model %s%s', role,
                  CASE WHEN region_code = 'all' THEN 'every region'
                       ELSE region_code || ' ' || (SELECT d.name_zh FROM energy.admin_division d WHERE d.code = region_code) END,
                  model, CASE WHEN writes THEN ' and may change its rows' ELSE ' (read only)' END);
END
$$;
COMMENT ON FUNCTION energy.grant_region(name, name, text, boolean) IS
    'Lets a role see the institutions of a region of a model (a province, city or county code, or all) and their rows, through every table and view, and with writes => true also add, change and remove them (the raw rows; the live summaries follow, written by the model''s triggers as its owner); writes => false on a region granted with writes takes the writing back. Records it in energy.region_grant, grants USAGE and SELECT (and INSERT, UPDATE, DELETE on the raw tables while some region is granted with writes), and puts row-level security on the model (energy.model_protect). Returns what the role may do.';

CREATE FUNCTION energy.revoke_region(model name, role name, region_code text DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n integer;
    t record;
BEGIN
    PERFORM energy.model_require(model);
    DELETE FROM energy.region_grant g
     WHERE g.model = revoke_region.model AND g.role = revoke_region.role
       AND (revoke_region.region_code IS NULL OR g.region_code = revoke_region.region_code);
    GET DIAGNOSTICS n = ROW_COUNT;
    IF NOT EXISTS (SELECT 1 FROM energy.region_grant g WHERE g.model = revoke_region.model AND g.role = revoke_region.role)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = revoke_region.role) THEN
        FOR t IN SELECT r.rel FROM energy.model_own_relations(model) AS r(rel) LOOP
            EXECUTE format('REVOKE ALL ON %s FROM %I', t.rel, role);
        END LOOP;
        -- the schema too, unless it still holds a table of your own the role may use
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                        WHERE c.relnamespace = quote_ident(model)::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                          AND pg_catalog.has_table_privilege(role, c.oid, 'SELECT, INSERT, UPDATE, DELETE')) THEN
            EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM %I', model, role);
        END IF;
    ELSE
        PERFORM energy.model_write_privileges(model, role);
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION energy.revoke_region(name, name, text) IS
    'Takes back a region (all of the role''s regions when region_code is NULL) from a role in a model; with none left, its privileges on the model''s tables and views (energy.model_relations) and on its schema too, unless the role may still use a table of your own there (those on energy stay: other models may need them), with none left that it may change, its INSERT, UPDATE and DELETE. Returns the grants removed.';
