
-- =====================================================================
-- Every release's upgrade script ends here: the views of the reporting
-- models that exist are rebuilt with the new version (energy.upgrade_model
-- keeps them out of the extension).  A register row whose schema was
-- dropped by hand is skipped (energy.create_model replaces it).  In
-- 0.1.0 -> 0.2.0 there are no models yet.
-- =====================================================================
SELECT energy.upgrade_model(m.name)
  FROM energy.model AS m
 WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_namespace AS n WHERE n.nspname = m.name)
 ORDER BY m.name;
