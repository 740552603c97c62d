-- The first file of the suite when it runs on an upgraded catalog
-- (test/shell/upgraded_suite.sh): energy_ext installed at the released
-- 0.1.0 and updated, then every other file as on a fresh install.
CREATE EXTENSION energy_ext VERSION '0.1.0';
ALTER EXTENSION energy_ext UPDATE;
CREATE EXTENSION pgtap;
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = "$user", public, energy', current_database()); END $$;
SELECT extname, extversion, nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname IN ('energy_ext') ORDER BY 1;
