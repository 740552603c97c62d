-- Regional access control (issue 14): energy.grant_region and row-level
-- security on a model.  The fixture (test/data/model_fixture.sql): A in
-- Shenyang's 和平区 (210102), B in Dalian (210200), C in Nanning's 青秀区
-- (450103), D in Guilin (450305), E known only by Guangxi (450000).  Roles:
-- a city office (沈阳市 210100, reads), a provincial analyst (辽宁 210000,
-- writes), a county office (450103, reads), a BI reader (all, reads) and a
-- role with no grant.  Each sees exactly its institutions' rows through every
-- table and view, and its roll-ups hold nothing else.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

SELECT energy.create_model('acc') IS NOT NULL;
\set model acc
\i test/data/model_fixture.sql
SET CONSTRAINTS ALL IMMEDIATE;

CREATE ROLE regress_sy;
CREATE ROLE regress_ln;
CREATE ROLE regress_nn;
CREATE ROLE regress_bi;
CREATE ROLE regress_none;
CREATE ROLE regress_sy_member IN ROLE regress_sy;   -- a member sees what its group sees

SELECT is(energy.grant_region('acc', 'regress_sy', '210100'), 'regress_sy sees 210100 沈阳市 of model acc (read only)', 'a city office');
SELECT is(energy.grant_region('acc', 'regress_ln', '210000', writes => true),
          'regress_ln sees 210000 辽宁省 of model acc and may change its rows', 'a provincial analyst');
SELECT is(energy.grant_region('acc', 'regress_nn', '450103'), 'regress_nn sees 450103 青秀区 of model acc (read only)', 'a county office');
SELECT is(energy.grant_region('acc', 'regress_bi', 'all'), 'regress_bi sees every region of model acc (read only)', 'a BI reader');
SELECT throws_ok($$SELECT energy.grant_region('acc', 'regress_sy', '219999')$$, '22023', 'unknown region code "219999"', 'unknown region refused');
SELECT throws_ok($$SELECT energy.grant_region('acc', 'no_such_role', '210000')$$, '42704', 'role "no_such_role" does not exist', 'unknown role refused');
SELECT ok((SELECT bool_and(c.relrowsecurity) FROM pg_class c
            WHERE c.relnamespace = 'acc'::regnamespace AND c.relkind = 'r'
              AND c.relname IN ('institution', 'profile', 'consumption', 'meter', 'reading', 'programme',
                                'meter_month', 'month_ledger', 'year_ledger')), 'row-level security on every table');
SELECT is((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'acc'::regnamespace AND c.relkind = 'v'
              AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)), 0::bigint,
          'every view runs with the caller''s rights');

-- What the owner sees, to compare with.
CREATE TEMP TABLE whole AS
SELECT (SELECT count(*) FROM acc.consumption WHERE institution_id = '11210102MB0123456T') AS a_bills,
       (SELECT count(*) FROM acc.month_ledger WHERE institution_id = '11210102MB0123456T') AS a_months,
       (SELECT count(*) FROM acc.reading) AS readings,
       (SELECT kgce FROM acc.institution_year WHERE institution_id = '11210102MB0123456T' AND year = 2022) AS a_kgce,
       (SELECT kgce FROM acc.region_year WHERE level = 'province' AND region_code = '210000' AND year = 2022) AS ln_kgce,
       (SELECT count(*) FROM acc.data_quality WHERE institution_id = '11210102MB0123456T') AS a_findings,
       (SELECT coalesce(sum(energy.water(ledger)), 0) FROM acc.month_ledger
         WHERE institution_id = '12210200MB0234567B' AND month = '2022-03-01') AS b_water_march,
       (SELECT coalesce(sum(energy.water(ledger)), 0) FROM acc.month_ledger
         WHERE institution_id = '12210200MB0234567B' AND month IN ('2022-04-01', '2022-05-01')) AS b_water_apr_may;
GRANT SELECT ON whole TO PUBLIC;
SELECT ok((SELECT ln_kgce > a_kgce AND a_kgce > 0 AND readings > 0 FROM whole), 'the owner sees Liaoning beyond A, and E''s readings');

-- The city office: A only, in every table and view.
SET ROLE regress_sy_member;
SELECT is((SELECT array_agg(institution_id ORDER BY institution_id) FROM acc.institution), '{11210102MB0123456T}', 'Shenyang: A only');
SELECT is((SELECT count(*) FROM acc.consumption), (SELECT a_bills FROM whole), 'its bills only');
SELECT is((SELECT count(*) FROM acc.month_ledger), (SELECT a_months FROM whole), 'its monthly ledgers only');
SELECT is((SELECT count(*) FROM acc.reading), 0::bigint, 'no reading of E''s meter');
SELECT is((SELECT count(*) FROM acc.profile WHERE institution_id <> '11210102MB0123456T'), 0::bigint, 'no other profile');
SELECT is((SELECT array_agg(DISTINCT coalesce(region_code, 'all') ORDER BY coalesce(region_code, 'all')) FROM acc.region_year),
          '{210000,210100,210102,all}', 'region_year: its province, city and county, and all (its own)');
SELECT is((SELECT kgce FROM acc.region_year WHERE level = 'all' AND year = 2022), (SELECT a_kgce FROM whole),
          'the row of all regions holds A alone');
SELECT is((SELECT kgce FROM acc.region_year WHERE level = 'province' AND region_code = '210000' AND year = 2022),
          (SELECT a_kgce FROM whole), 'its province''s roll-up holds A alone');
SELECT is((SELECT count(*) FROM acc.category_year WHERE year = 2022 AND institutions > 1), 0::bigint, 'no category holds another institution');
SELECT is((SELECT count(*) FROM acc.data_quality WHERE institution_id IS DISTINCT FROM '11210102MB0123456T'), 0::bigint,
          'data_quality: its findings only');
SELECT is((SELECT count(*) FROM acc.data_quality), (SELECT a_findings FROM whole), 'all of them');
SELECT is((SELECT array_agg(role || ' ' || region_code ORDER BY role) FROM energy.region_grant), '{"regress_sy 210100"}',
          'energy.region_grant: its group''s grant only, not who else sees which region');
SELECT throws_ok($$INSERT INTO acc.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('11210102MB0123456T', daterange('2022-01-01', '2022-02-01'), 'water', 1, 't')$$,
                 '42501', NULL, 'a read-only office cannot write');
RESET ROLE;

-- The provincial analyst: A and B; writes in Liaoning, not elsewhere.
CREATE FUNCTION pg_temp.touch_nanning() RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE n bigint;
BEGIN
    UPDATE acc.consumption SET amount = amount WHERE institution_id = '12450103MB0345678X';
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $f$;
CREATE FUNCTION pg_temp.touch_dalian() RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE n bigint;
BEGIN
    UPDATE acc.consumption SET amount = amount WHERE institution_id = '12210200MB0234567B' AND period = daterange('2022-03-01', '2022-04-01')
       AND carrier OPERATOR(energy.=) 'water' AND amount = 310;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $f$;
SET ROLE regress_ln;
SELECT is((SELECT array_agg(institution_id ORDER BY institution_id) FROM acc.institution),
          '{11210102MB0123456T,12210200MB0234567B}', 'Liaoning: A and B');
SELECT is((SELECT kgce FROM acc.region_year WHERE level = 'province' AND region_code = '210000' AND year = 2022),
          (SELECT ln_kgce FROM whole), 'its province''s figure is the owner''s');
SELECT is((SELECT count(*) FROM acc.region_year WHERE region_code LIKE '45%'), 0::bigint, 'nothing of Guangxi');
INSERT INTO acc.consumption (institution_id, period, carrier, amount, unit)
VALUES ('12210200MB0234567B', daterange('2022-03-01', '2022-04-01'), 'water', 310, 't');
SELECT is((SELECT sum(energy.water(ledger)) FROM acc.month_ledger
            WHERE institution_id = '12210200MB0234567B' AND month = '2022-03-01'),
          (SELECT b_water_march + 310 FROM whole), 'a March bill of 310 t for Dalian, in its summary at once (live ledgers)');
SELECT throws_ok($$INSERT INTO acc.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('12450103MB0345678X', daterange('2022-03-01', '2022-04-01'), 'water', 1, 't')$$,
                 '42501', 'new row violates row-level security policy for table "consumption"', 'not for Nanning');
SELECT is(pg_temp.touch_nanning(), 0::bigint, 'an UPDATE of Nanning''s rows touches none');
SELECT throws_ok($$UPDATE acc.institution SET region_code = '450103' WHERE institution_id = '12210200MB0234567B'$$,
                 '42501', NULL, 'an institution cannot be moved out of its region');
SELECT throws_ok($$TRUNCATE acc.consumption$$, '42501', NULL, 'no TRUNCATE (row-level security does not filter it)');
SELECT throws_ok($$DELETE FROM acc.ledger_basis$$, '42501', NULL,
                 'no change to what the summaries were computed with (about the whole model: rebuild_model, the owner''s)');
SELECT throws_ok($$INSERT INTO acc.ledger_basis (basis, first_used, recorded_by) VALUES ('{}', '2020-01-01', 'rebuild_model')$$,
                 '42501', NULL, 'nor add to it: the triggers record it, as the model''s owner');
SELECT throws_ok($$INSERT INTO acc.meter_month (meter_id, month, institution_id, carrier, end_use, unit, sum_hi, sum_lo, last_ts, last_reading, last_event)
                   VALUES ('E-M1', '2023-01-01', '11210102MB0123456T', 'electricity', 'building', 'kWh', 0, 0, '2023-01-01 00:00+08', 0, 'read')$$,
                 '42501', NULL, 'no summary row of its own (one planted under Guangxi''s meter would have carried its readings into Liaoning)');
SELECT throws_ok($$UPDATE acc.year_ledger SET ledger = ledger WHERE institution_id = '11210102MB0123456T'$$,
                 '42501', NULL, 'nor a change to its own region''s summaries');
SELECT throws_ok($$INSERT INTO energy.coal_factor (factor_set, carrier, kgce_per_unit, per_unit, source, grade)
                   VALUES ('gb2589', 'coal', 1, 'kg', 'x', 'user')$$, '42501', NULL, 'no change to the factors');
-- PostgreSQL refuses COPY FROM into a table under row-level security (0A000): a writer loads a file into a
-- table of its own and inserts from it, one statement (the README's way)
CREATE TEMP TABLE bills AS SELECT institution_id, period, carrier, amount, unit FROM acc.consumption WITH NO DATA;
COPY bills FROM STDIN;
12210200MB0234567B	[2022-04-01,2022-05-01)	water	40	t
12210200MB0234567B	[2022-05-01,2022-06-01)	water	50	t
\.
INSERT INTO acc.consumption (institution_id, period, carrier, amount, unit) SELECT * FROM bills;
SELECT is((SELECT sum(energy.water(ledger)) FROM acc.month_ledger
            WHERE institution_id = '12210200MB0234567B' AND month IN ('2022-04-01', '2022-05-01')),
          (SELECT b_water_apr_may + 90 FROM whole), 'a file of two bills loaded through a temporary table: 40 + 50 t in April and May');
RESET ROLE;
SELECT is((SELECT count(*) FROM energy.verify_model('acc')), 0::bigint, 'the summaries equal a recomputation after the analyst''s bill');

-- Writing is per region: granted Guangxi to read as well, the analyst reads
-- Nanning's rows and still changes none; a region taken back to read only
-- (writes => false) takes the writing with it, privileges and all.
SELECT is(energy.grant_region('acc', 'regress_ln', '450000'), 'regress_ln sees 450000 广西壮族自治区 of model acc (read only)',
          'the analyst is granted Guangxi to read');
SET ROLE regress_ln;
SELECT ok((SELECT count(*) FROM acc.consumption WHERE institution_id = '12450103MB0345678X') > 0, 'it reads Nanning''s bills');
SELECT is(pg_temp.touch_nanning(), 0::bigint, '... and an UPDATE of them touches none');
SELECT throws_ok($$INSERT INTO acc.consumption (institution_id, period, carrier, amount, unit)
                   VALUES ('12450103MB0345678X', daterange('2022-04-01', '2022-05-01'), 'water', 1, 't')$$,
                 '42501', 'new row violates row-level security policy for table "consumption"', '... nor can it add one');
RESET ROLE;
SELECT is(energy.grant_region('acc', 'regress_ln', '210000', writes => false), 'regress_ln sees 210000 辽宁省 of model acc (read only)',
          'Liaoning taken back to read only');
SELECT ok(NOT has_table_privilege('regress_ln', 'acc.consumption', 'INSERT') AND NOT has_table_privilege('regress_ln', 'acc.reading', 'DELETE'),
          '... no INSERT or DELETE privilege left');
SELECT is(energy.grant_region('acc', 'regress_ln', '210000', writes => true), 'regress_ln sees 210000 辽宁省 of model acc and may change its rows',
          'Liaoning with writes again');
SET ROLE regress_ln;
SELECT is(pg_temp.touch_dalian(), 1::bigint, '... its Dalian bill can be changed again');
RESET ROLE;
-- Its privileges lost as a restore without privileges (pg_restore -x) loses them, region_grant still saying it
-- writes: upgrade_model (which every extension update runs) gives writing back, not reading only.
REVOKE ALL ON acc.institution, acc.profile, acc.consumption, acc.meter, acc.reading, acc.programme FROM regress_ln;
SELECT ok((SELECT energy.upgrade_model('acc')) = 'acc' AND has_table_privilege('regress_ln', 'acc.consumption', 'SELECT')
          AND has_table_privilege('regress_ln', 'acc.consumption', 'INSERT') AND has_table_privilege('regress_ln', 'acc.reading', 'DELETE')
          AND NOT has_table_privilege('regress_ln', 'acc.reading', 'TRUNCATE') AND NOT has_table_privilege('regress_ln', 'acc.month_ledger', 'INSERT'),
          'privileges lost (pg_restore -x): upgrade_model gives reading and writing back as region_grant says, never TRUNCATE nor the summaries');
SELECT is(energy.revoke_region('acc', 'regress_ln', '210000'), 1, 'Liaoning revoked, Guangxi (read only) kept');
SELECT ok(NOT has_table_privilege('regress_ln', 'acc.consumption', 'UPDATE') AND has_table_privilege('regress_ln', 'acc.consumption', 'SELECT'),
          '... it may read, not write');
SELECT is(energy.revoke_region('acc', 'regress_ln'), 1, 'Guangxi revoked');

-- The county office: C only.
SET ROLE regress_nn;
SELECT is((SELECT array_agg(institution_id) FROM acc.institution), '{12450103MB0345678X}', '青秀区: C only');
SELECT is((SELECT array_agg(DISTINCT coalesce(region_code, 'all') ORDER BY coalesce(region_code, 'all')) FROM acc.region_year),
          '{450000,450100,450103,all}', 'its province, city and county, and all (its own)');
RESET ROLE;

-- (a review, 2026-12-02) a NOINHERIT member of the city office has its group's privileges only after SET ROLE, and
-- so its group's regions: with a grant of its own (Nanning's county) it saw Shenyang's rows as well, and its
-- group's grants
CREATE ROLE regress_noinh NOINHERIT IN ROLE regress_sy;
SELECT energy.grant_region('acc', 'regress_noinh', '450103') IS NOT NULL;
SET ROLE regress_noinh;
SELECT is((SELECT array_agg(institution_id) FROM acc.institution), '{12450103MB0345678X}', 'a NOINHERIT member: its own region only');
SELECT is((SELECT array_agg(role || ' ' || region_code) FROM energy.region_grant), '{"regress_noinh 450103"}', '... and its own grant only');
SET ROLE regress_sy;
SELECT is((SELECT array_agg(institution_id) FROM acc.institution), '{11210102MB0123456T}', '... its group''s after SET ROLE');
RESET ROLE;
SELECT is(energy.revoke_region('acc', 'regress_noinh'), 1, 'the NOINHERIT member''s grant revoked');

-- (a review, 2026-12-02) the grants of a model whose schema is only briefly gone (being restored from a dump, say)
-- stay, whoever calls energy.model_forget_grants: a county office could remove every role's grants
CREATE TEMP TABLE grants_before AS SELECT * FROM energy.region_grant WHERE model = 'acc';
ALTER SCHEMA acc RENAME TO acc_away;
SET ROLE regress_nn;
SELECT is(energy.model_forget_grants('acc'), 0, 'no grant forgotten while the model''s register row stays');
RESET ROLE;
ALTER SCHEMA acc_away RENAME TO acc;
SELECT set_eq($$SELECT * FROM energy.region_grant WHERE model = 'acc'$$, $$SELECT * FROM grants_before$$, 'the grants are all there');

-- The BI reader: every institution, read only.
SET ROLE regress_bi;
SELECT is((SELECT count(*) FROM acc.institution), 5::bigint, 'BI: every institution');
SELECT is((SELECT count(*) FROM acc.reading), (SELECT readings FROM whole), 'every reading');
SELECT throws_ok($$UPDATE acc.consumption SET amount = amount$$, '42501', NULL, 'BI cannot write');
SELECT throws_ok($$DELETE FROM energy.grid_factor WHERE NOT shipped$$, '42501', NULL, 'BI cannot change the factors');
SELECT is((SELECT array_agg(role || ' ' || region_code) FROM energy.region_grant), '{"regress_bi all"}', 'its own grant only');
SELECT throws_ok($$DELETE FROM energy.region_grant$$, '42501', NULL, 'and it cannot remove grants');
RESET ROLE;

-- No grant: nothing.
SET ROLE regress_none;
SELECT throws_ok($$SELECT * FROM acc.region_year$$, '42501', NULL, 'a role without a grant reads nothing');
RESET ROLE;

-- Tables and views made after the grants (the PostGIS companion's) come
-- under the same rules.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS energy_ext_postgis CASCADE;
RESET client_min_messages;
SELECT energy.enable_spatial('acc', 'synthetic') IS NOT NULL;
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'acc.institution_place'::regclass), 'the placement table: row-level security');
SELECT is((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'acc'::regnamespace AND c.relkind = 'v'
              AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)), 0::bigint,
          'spatial_region_year and location_quality run with the caller''s rights');
SET ROLE regress_sy;
SELECT is((SELECT count(*) FROM acc.spatial_region_year WHERE region_code LIKE '45%'), 0::bigint, 'nothing of Guangxi on the map');
RESET ROLE;
-- (a review, 2026-12-02) a writer still changes its institutions: the placement trigger writes institution_place
-- with the writer's rights, under the same write policies (before: permission denied for table institution_place)
SELECT energy.grant_region('acc', 'regress_ln', '210000', writes => true) IS NOT NULL;
SELECT energy.grant_region('acc', 'regress_ln', '450000') IS NOT NULL;
SET ROLE regress_ln;
SELECT lives_ok($$UPDATE acc.institution SET longitude = 123.43, latitude = 41.80 WHERE institution_id = '11210102MB0123456T'$$,
  'a writer moves one of its institutions in a spatially enabled model');
SELECT is((SELECT city_code FROM acc.institution_place WHERE institution_id = '11210102MB0123456T'), '210100',
  '... placed again: in 沈阳市 (123.43° E, 41.80° N)');
UPDATE acc.institution_place SET city_code = '210200' WHERE institution_id IN (SELECT institution_id FROM acc.institution WHERE region_code LIKE '45%');
-- (a review, 2026-12-02) nor a placement of its own: a row it writes there is computed again from the institution
-- (it moved its institution into 大连市 by hand, and into another province's roll-up), and it deletes none
UPDATE acc.institution_place SET province_code = '450000', city_code = '210200', outside = true, mismatch_level = 'city'
 WHERE institution_id = '11210102MB0123456T';
SELECT results_eq($$SELECT province_code, city_code, outside, mismatch_level FROM acc.institution_place WHERE institution_id = '11210102MB0123456T'$$,
  $$VALUES ('210000'::text, '210100'::text, false, NULL::text)$$, '... nor forges the placement of its own institution (computed again: 沈阳市)');
SELECT throws_ok($$DELETE FROM acc.institution_place WHERE institution_id = '11210102MB0123456T'$$, '42501', NULL,
  '... nor deletes one');
RESET ROLE;
SELECT is((SELECT count(*) FROM acc.institution_place p JOIN acc.institution i USING (institution_id)
            WHERE i.region_code LIKE '45%' AND p.city_code = '210200'), 0::bigint,
  '... but writes no placement of another region (Guangxi, which it may only read)');
SELECT is(energy.revoke_region('acc', 'regress_ln'), 2, 'both taken back');

-- The views are rebuilt by an upgrade (CREATE OR REPLACE VIEW resets their
-- options): still under row-level security.
SELECT energy.upgrade_model('acc') IS NOT NULL;
SET ROLE regress_sy;
SELECT is((SELECT count(*) FROM acc.institution_year WHERE institution_id <> '11210102MB0123456T'), 0::bigint,
          'after upgrade_model: still A only');
RESET ROLE;

-- A table of the owner's own in the model's schema (a staging table of every region's rows) is not granted
-- with the model: a region's role reads none of it; a privilege the owner gives on it by hand survives the
-- role's writing being taken back and its last region revoked.
CREATE TABLE acc.staging (org_code text, kwh numeric);
INSERT INTO acc.staging VALUES ('210102-A', 1000), ('450103-C', 2000);
CREATE TABLE acc.notes (note text);
GRANT SELECT, INSERT ON acc.notes TO regress_ln;
SELECT energy.grant_region('acc', 'regress_sy', '210100') IS NOT NULL;
SELECT energy.grant_region('acc', 'regress_ln', '210000', writes => true) IS NOT NULL;
SELECT energy.grant_region('acc', 'regress_ln', '210000', writes => false) IS NOT NULL;
SET ROLE regress_sy;
SELECT throws_ok($$SELECT * FROM acc.staging$$, '42501', NULL, 'a table of the owner''s own in the schema: not readable by a region''s role');
RESET ROLE;
SELECT ok(has_table_privilege('regress_ln', 'acc.notes', 'INSERT') AND NOT has_table_privilege('regress_ln', 'acc.consumption', 'INSERT'),
          '... a privilege given on it by hand stays when the role''s writing is taken back');
SELECT is(energy.revoke_region('acc', 'regress_ln'), 1, '... and when its last region is revoked');
SELECT ok(NOT has_table_privilege('regress_ln', 'acc.institution', 'SELECT'), '... its SELECT on the model''s tables goes');
SET ROLE regress_ln;
SELECT lives_ok($$INSERT INTO acc.notes VALUES ('still mine')$$, '... the table given by hand it still uses (the schema stays usable)');
RESET ROLE;
DROP TABLE acc.staging, acc.notes;

SELECT is(energy.revoke_region('acc', 'regress_sy'), 1, 'revoked');
SET ROLE regress_sy;
SELECT throws_ok($$SELECT * FROM acc.institution$$, '42501', NULL, 'then nothing');
RESET ROLE;

SELECT energy.drop_model('acc');
SELECT is((SELECT count(*) FROM energy.region_grant WHERE model = 'acc'), 0::bigint, 'drop_model removes the grants');

-- A model whose schema was dropped by hand leaves its grants behind;
-- create_model of the same name starts without them.
SELECT energy.create_model('acc_hand') IS NOT NULL;
SELECT energy.grant_region('acc_hand', 'regress_sy', '210100') IS NOT NULL;
SET client_min_messages = warning;
DROP SCHEMA acc_hand CASCADE;
RESET client_min_messages;
SELECT energy.create_model('acc_hand') IS NOT NULL;
SELECT is((SELECT count(*) FROM energy.region_grant WHERE model = 'acc_hand'), 0::bigint,
          'a model made again after its schema was dropped by hand has no grants');
SELECT ok(NOT has_table_privilege('regress_sy', 'acc_hand.institution', 'SELECT'), '... and the old role reads nothing of it');
SELECT energy.drop_model('acc_hand');

-- A DBA who is no superuser (CREATE on the database, the energy schema read and referenced,
-- energy.model written) makes and drops models; made again after its
-- schema was dropped by hand, a model starts without the old grants though
-- the DBA can neither change nor see region_grant.
CREATE ROLE regress_dba;
DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_dba', current_database()); END $$;
GRANT USAGE ON SCHEMA energy TO regress_dba;
GRANT SELECT, REFERENCES ON ALL TABLES IN SCHEMA energy TO regress_dba;
GRANT INSERT, UPDATE, DELETE ON energy.model TO regress_dba;
SELECT energy.create_model('acc_su') IS NOT NULL;
SET ROLE regress_dba;
SELECT lives_ok($$SELECT energy.create_model('acc_dba')$$, 'a DBA who is no superuser creates a model');
-- (a review, 2026-12-02) it writes the register's rows of its own models only: another's model (acc_su, the
-- superuser's) keeps its settings and its row
UPDATE energy.model SET grid_set = 'enterprise_2022', time_zone = 'America/Los_Angeles' WHERE name = 'acc_su';
DELETE FROM energy.model WHERE name = 'acc_su';
SELECT lives_ok($$UPDATE energy.model SET description = 'the DBA''s own' WHERE name = 'acc_dba'$$, '... and changes its own');
RESET ROLE;
SELECT results_eq($$SELECT name::text COLLATE "default", grid_set, time_zone, description FROM energy.model WHERE name IN ('acc_su', 'acc_dba') ORDER BY 1$$,
  $$VALUES ('acc_dba', 'mee_nbs', 'Asia/Shanghai', 'the DBA''s own'), ('acc_su', 'mee_nbs', 'Asia/Shanghai', NULL::text)$$,
  'a DBA changes and removes no row of energy.model but its own models''');
SELECT energy.drop_model('acc_su');
SELECT energy.grant_region('acc_dba', 'regress_sy', '210100') IS NOT NULL;
SET ROLE regress_dba;
SET client_min_messages = warning;
DROP SCHEMA acc_dba CASCADE;
RESET client_min_messages;
SELECT lives_ok($$SELECT energy.create_model('acc_dba')$$, '... drops its schema by hand and creates the model again');
RESET ROLE;
SELECT is((SELECT count(*) FROM energy.region_grant WHERE model = 'acc_dba'), 0::bigint, '... which has none of the old grants');
SELECT energy.grant_region('acc_dba', 'regress_sy', '210100') IS NOT NULL;
SET ROLE regress_dba;
SELECT lives_ok($$SELECT energy.drop_model('acc_dba')$$, '... and drops it');
RESET ROLE;
SELECT is((SELECT count(*) FROM energy.region_grant WHERE model = 'acc_dba'), 0::bigint, '... with its grants');
-- (a review, 2026-12-02) maintenance runs as the model's owner: a trigger the DBA put on its own summary table
-- ran with the privileges of whoever rebuilt the model — a superuser at the next extension update
SET ROLE regress_dba;
SELECT energy.create_model('acc_tro') IS NOT NULL;
CREATE TABLE acc_tro.who (step text, role_name text, is_super boolean);
CREATE FUNCTION acc_tro.note_who() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    INSERT INTO acc_tro.who SELECT TG_ARGV[0], current_user, r.rolsuper FROM pg_roles r WHERE r.rolname = current_user;
    RETURN NULL;
END $f$;
CREATE TRIGGER zz_who AFTER TRUNCATE ON acc_tro.meter_month FOR EACH STATEMENT EXECUTE FUNCTION acc_tro.note_who('truncate');
RESET ROLE;
SELECT energy.rebuild_model('acc_tro') IS NOT NULL;
SELECT energy.upgrade_model('acc_tro') IS NOT NULL;
SELECT results_eq($$SELECT step, role_name, is_super FROM acc_tro.who$$,
  $$VALUES ('truncate', 'regress_dba', false), ('truncate', 'regress_dba', false)$$,
  'rebuild_model and upgrade_model, run by a superuser, run the owner''s trigger as the owner, never as a superuser');
SELECT is((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), true, '... and the caller is itself again afterwards');
SELECT is_empty($$SELECT * FROM energy.verify_model('acc_tro')$$, 'verify_model as the owner too');
SELECT is((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), true, '... and back');
SELECT energy.drop_model('acc_tro', cascade => true);
-- an owner whose name needs quotes ("Regress-DBA"): the switch takes its name as it is (regrole quoted it)
CREATE ROLE "Regress-DBA" IN ROLE regress_dba;
SET ROLE "Regress-DBA";
SELECT energy.create_model('acc_quoted') IS NOT NULL;
RESET ROLE;
SELECT lives_ok($$SELECT energy.rebuild_model('acc_quoted')$$, 'rebuild_model of a model whose owner''s name needs quotes');
SELECT energy.drop_model('acc_quoted');
-- A new model whose first rows a provincial analyst writes: the first
-- statement records what the summaries are computed with.
SELECT energy.create_model('acc_new') IS NOT NULL;
SELECT energy.grant_region('acc_new', 'regress_ln', '210000', writes => true) IS NOT NULL;
SELECT is(energy.model_forget_grants('acc_new'), 0, 'model_forget_grants, which anyone may call, takes no grant of a model that exists');
SET ROLE regress_ln;
INSERT INTO acc_new.institution (institution_id, name, region_code, category) VALUES ('L1', '辽宁某机关', '210102', '01');
INSERT INTO acc_new.consumption (institution_id, period, carrier, amount) VALUES ('L1', '[2022-03-01,2022-04-01)', 'electricity', 1000);
RESET ROLE;
SELECT results_eq($$SELECT recorded_by, basis = energy.ledger_basis('acc_new') FROM acc_new.ledger_basis$$,
  $$VALUES ('rows written', true)$$, 'an analyst''s first rows in a new model record its ledger_basis');
SELECT energy.drop_model('acc_new');

SELECT * FROM finish();
ROLLBACK;
