
-- =====================================================================
-- 0.2.0 — replacing functions of the released 0.1.0 with new arguments.
-- Three data-quality functions of 0.1.0 (check_bills, check_readings,
-- reading_coverage) take one more, optional argument in 0.2.0.  PostgreSQL
-- cannot add an argument to a function in place, and keeping the 0.1.0 form
-- beside the new one makes every call that leaves the new argument out
-- ambiguous (both forms then match it), so the update drops the 0.1.0
-- function and creates the new one; calls written for 0.1.0 mean what they
-- meant.  Two things of the user's hang on the dropped function:
--   * objects built on it (a view that selects from check_bills, say): the
--     update stops before dropping anything and names them, with what to do
--     (2BP01), instead of PostgreSQL's "use DROP ... CASCADE", which
--     ALTER EXTENSION cannot take;
--   * privileges changed on it (REVOKE EXECUTE ... FROM PUBLIC, say): the new
--     function has the default privileges again; the update says so in a
--     WARNING with the statements that put them back.  It does not re-apply
--     them itself: privileges set by an extension's script count as the
--     extension's own, which pg_dump leaves out, so a dump would lose them.
-- energy.released_function_replace does both checks before each DROP; it is
-- dropped again at the end of sql/11_readings.sql, after its last use, so
-- neither a fresh install nor an updated database keeps it.
-- =====================================================================

CREATE FUNCTION energy.released_function_replace(released regprocedure, replacement text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    users    text;
    acl      aclitem[];
    init_acl aclitem[];
    owner_id oid;
    fixes    text;
BEGIN
    SELECT string_agg(DISTINCT coalesce(
               (SELECT format('view %s', r.ev_class::regclass) FROM pg_rewrite r
                 WHERE d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid),
               pg_describe_object(d.classid, d.objid, d.objsubid)), ', ')
      INTO users
      FROM pg_depend d
     WHERE d.refclassid = 'pg_proc'::regclass AND d.refobjid = released AND d.deptype = 'n';
    IF users IS NOT NULL THEN
        RAISE EXCEPTION 'energy_ext 0.2.0 replaces %, used by %', released, users
            USING ERRCODE = '2BP01',
                  DETAIL = format('0.2.0 has %s instead (one more, optional argument; calls written for 0.1.0 mean what they meant). '
                                  'The update drops the 0.1.0 function, which those objects would lose.', replacement),
                  HINT = 'Save their definitions (pg_dump --schema-only, or pg_get_viewdef for a view), drop them, run '
                         'ALTER EXTENSION energy_ext UPDATE again, then create them again from the saved definitions.';
    END IF;

    SELECT p.proacl, p.proowner INTO acl, owner_id FROM pg_proc p WHERE p.oid = released;
    SELECT i.initprivs INTO init_acl FROM pg_init_privs i
     WHERE i.classoid = 'pg_proc'::regclass AND i.objoid = released AND i.objsubid = 0;
    IF acl IS NULL OR acl IS NOT DISTINCT FROM init_acl THEN
        RETURN;  -- the privileges the extension gave it: the new function has the same
    END IF;
    SELECT concat_ws(' ',
               CASE WHEN NOT EXISTS (SELECT 1 FROM aclexplode(acl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
                    THEN format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC;', replacement) END,
               string_agg(format('GRANT EXECUTE ON FUNCTION %s TO %s%s;', replacement, quote_ident(r.rolname),
                                 CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END), ' ' ORDER BY r.rolname))
      INTO fixes
      FROM aclexplode(acl) a JOIN pg_roles r ON r.oid = a.grantee
     WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> owner_id;
    IF coalesce(fixes, '') = '' THEN
        RETURN;  -- changed and changed back (EXECUTE to PUBLIC again, no one else): the default privileges
    END IF;
    RAISE WARNING 'the privileges on % (%) are not carried over to its 0.2.0 replacement %, which has the default privileges (EXECUTE to PUBLIC)',
                  released, array_to_string(acl, ','), replacement
        USING HINT = 'After the update, run: ' || fixes;
END
$$;
COMMENT ON FUNCTION energy.released_function_replace(regprocedure, text) IS
    'Used only while the 0.2.0 script runs, and dropped at its end: before a function of 0.1.0 is dropped to be created again with one more argument, stops the update (2BP01) when objects of the user depend on it, naming them, and warns when its privileges were changed, with the GRANT/REVOKE statements that give them to the replacement.';
