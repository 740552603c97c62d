-- Every later test file runs against this database.
CREATE EXTENSION energy_ext;
CREATE EXTENSION pgtap;
-- As the README recommends: operators on energy.carrier live in schema energy,
-- so the schema goes on the database's search_path (new sessions pick it up).
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET search_path = "$user", public, energy', current_database()); END $$;
SELECT extname, extversion, nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname IN ('energy_ext') ORDER BY 1;
