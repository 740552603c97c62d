
-- =====================================================================
-- Every release's upgrade script ends here: the views of the reporting
-- models that exist are rebuilt with the new version (energy.upgrade_model
-- keeps them out of the extension).  In 0.1.0 -> 0.2.0 there are none yet.
-- =====================================================================
SELECT energy.upgrade_model(name) FROM energy.model ORDER BY name;
