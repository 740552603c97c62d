-- Catalog audits.  Each query lists what is wrong; every list must be empty.
SET search_path = pg_catalog;  -- signatures print schema-qualified

-- 1. Volatility, strictness and parallel markings.  The spec: a function that
--    reads a table or a setting is STABLE, one that writes is VOLATILE and
--    PARALLEL UNSAFE, triggers are VOLATILE, any other is IMMUTABLE; all but
--    the writers are PARALLEL SAFE; STRICT unless NULL arguments have a
--    documented meaning (defaults of the conversion functions).  Functions
--    that read any table the caller names are STABLE PARALLEL RESTRICTED (the
--    table may be temporary, which parallel workers cannot read).  Aggregates
--    (whose pg_proc volatility is not used: their support functions' is)
--    must be PARALLEL SAFE.  A function that catches errors (an EXCEPTION
--    block: a subtransaction) must be PARALLEL UNSAFE.
WITH spec(fn, access, strict) AS (VALUES
    ('energy.carrier_in(cstring)', 'none', true),
    ('energy.carrier_out(energy.carrier)', 'none', true),
    ('energy.carrier_recv(internal)', 'none', true),
    ('energy.carrier_send(energy.carrier)', 'none', true),
    ('energy.carrier_eq(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_ne(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_lt(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_le(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_gt(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_ge(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_cmp(energy.carrier,energy.carrier)', 'none', true),
    ('energy.carrier_hash(energy.carrier)', 'none', true),
    ('energy.carrier_hash_extended(energy.carrier,bigint)', 'none', true),
    ('energy.carrier_list()', 'none', true),
    ('energy.is_energy(energy.carrier)', 'none', true),
    ('energy.base_unit(energy.carrier)', 'none', true),
    ('energy.unit_list()', 'none', true),
    ('energy.reference_guard()', 'trigger', false),
    ('energy.reference_check()', 'trigger', false),
    ('energy.kgce(energy.carrier,double precision,text,date,text,text)', 'reads', false),
    ('energy.tce(energy.carrier,double precision,text,date,text,text)', 'reads', false),
    ('energy.explain_kgce(energy.carrier,double precision,text,date,text,text)', 'reads', false),
    ('energy.convert_unit(energy.carrier,double precision,text,text,date,text)', 'reads', false),
    ('energy.kgco2(energy.carrier,double precision,text,date,text,energy.co2_method,text,text,text,text,text)', 'reads', false),
    ('energy.tco2(energy.carrier,double precision,text,date,text,energy.co2_method,text,text,text,text,text)', 'reads', false),
    ('energy.explain_kgco2(energy.carrier,double precision,text,date,text,energy.co2_method,text,text,text,text,text)', 'reads', false),
    ('energy.co2_scope(energy.carrier)', 'none', true),
    ('energy.steam_gj(double precision,double precision)', 'none', true),
    ('energy.hot_water_gj(double precision,double precision)', 'none', true),
    ('energy.freeze_year(integer,text)', 'writes', false),
    ('energy.reopen_year(integer)', 'writes', false),
    ('energy.ledger_in(cstring)', 'none', true),
    ('energy.ledger_out(energy.ledger)', 'none', true),
    ('energy.ledger_recv(internal)', 'none', true),
    ('energy.ledger_send(energy.ledger)', 'none', true),
    ('energy.ledger_trans(energy.ledger,energy.carrier,double precision)', 'reads', false),
    ('energy.ledger_trans(energy.ledger,energy.carrier,double precision,text)', 'reads', false),
    ('energy.ledger_trans(energy.ledger,energy.carrier,double precision,date,text)', 'reads', false),
    ('energy.ledger_trans(energy.ledger,energy.carrier,double precision,text,date,text)', 'reads', false),
    ('energy.ledger_combine(energy.ledger,energy.ledger)', 'none', false),
    ('energy.ledger_rollup_trans(energy.ledger,energy.ledger)', 'none', false),
    ('energy.ledger_final(energy.ledger)', 'none', true),
    ('energy.ledger(energy.carrier,double precision)', 'aggregate', false),
    ('energy.ledger(energy.carrier,double precision,text)', 'aggregate', false),
    ('energy.ledger(energy.carrier,double precision,date,text)', 'aggregate', false),
    ('energy.ledger(energy.carrier,double precision,text,date,text)', 'aggregate', false),
    ('energy.rollup(energy.ledger)', 'aggregate', false),
    ('energy.kgce(energy.ledger)', 'none', true),
    ('energy.tce(energy.ledger)', 'none', true),
    ('energy.kgce(energy.ledger,energy.carrier)', 'none', true),
    ('energy.amount(energy.ledger,energy.carrier)', 'none', true),
    ('energy.water(energy.ledger)', 'none', true),
    ('energy.rows(energy.ledger)', 'none', true),
    ('energy.null_rows(energy.ledger)', 'none', true),
    ('energy.kgco2(energy.ledger,energy.co2_method,integer)', 'none', false),
    ('energy.tco2(energy.ledger,energy.co2_method,integer)', 'none', false),
    ('energy.breakdown(energy.ledger)', 'none', true),
    ('energy.meter_summary_in(cstring)', 'none', true),
    ('energy.meter_summary_out(energy.meter_summary)', 'reads', true),
    ('energy.meter_summary_recv(internal)', 'none', true),
    ('energy.meter_summary_send(energy.meter_summary)', 'none', true),
    ('energy.meter_trans(internal,timestamp with time zone,double precision)', 'none', false),
    ('energy.meter_trans(internal,timestamp with time zone,double precision,double precision)', 'none', false),
    ('energy.meter_trans(internal,timestamp with time zone,double precision,double precision,double precision)', 'none', false),
    ('energy.meter_trans(internal,timestamp with time zone,double precision,double precision,double precision,text)', 'none', false),
    ('energy.meter_combine(internal,internal)', 'none', false),
    ('energy.meter_serialize(internal)', 'none', true),
    ('energy.meter_deserialize(bytea,internal)', 'none', true),
    ('energy.meter_final(internal)', 'none', false),
    ('energy.meter_agg(timestamp with time zone,double precision)', 'aggregate', false),
    ('energy.meter_agg(timestamp with time zone,double precision,double precision)', 'aggregate', false),
    ('energy.meter_agg(timestamp with time zone,double precision,double precision,double precision)', 'aggregate', false),
    ('energy.meter_agg(timestamp with time zone,double precision,double precision,double precision,text)', 'aggregate', false),
    ('energy.consumption(energy.meter_summary)', 'none', true),
    ('energy.first_reading(energy.meter_summary)', 'none', true),
    ('energy.last_reading(energy.meter_summary)', 'none', true),
    ('energy.first_time(energy.meter_summary)', 'none', true),
    ('energy.last_time(energy.meter_summary)', 'none', true),
    ('energy.readings(energy.meter_summary)', 'none', true),
    ('energy.null_readings(energy.meter_summary)', 'none', true),
    ('energy.duplicates(energy.meter_summary)', 'none', true),
    ('energy.rollovers(energy.meter_summary)', 'none', true),
    ('energy.resets(energy.meter_summary)', 'none', true),
    ('energy.replacements(energy.meter_summary)', 'none', true),
    ('energy.reversals(energy.meter_summary)', 'none', true),
    ('energy.reverse_amount(energy.meter_summary)', 'none', true),
    ('energy.coverage(energy.meter_summary,timestamp with time zone,timestamp with time zone)', 'none', true),
    ('energy.meter_buckets_trans(internal,timestamp with time zone,double precision,text)', 'none', false),
    ('energy.meter_buckets_trans(internal,timestamp with time zone,double precision,text,text)', 'none', false),
    ('energy.meter_buckets_trans(internal,timestamp with time zone,double precision,text,text,double precision,double precision,text)', 'none', false),
    ('energy.meter_buckets_final(internal)', 'none', false),
    ('energy.meter_buckets(timestamp with time zone,double precision,text)', 'aggregate', false),
    ('energy.meter_buckets(timestamp with time zone,double precision,text,text)', 'aggregate', false),
    ('energy.meter_buckets(timestamp with time zone,double precision,text,text,double precision,double precision,text)', 'aggregate', false),
    ('energy.meter_rollup_trans(internal,energy.meter_summary)', 'none', false),
    ('energy.meter_rollup_trans(internal,energy.meter_summary,text)', 'none', false),
    ('energy.meter_rollup_final(internal)', 'none', false),
    ('energy.rollup(energy.meter_summary)', 'aggregate', false),
    ('energy.rollup(energy.meter_summary,text)', 'aggregate', false),
    ('energy.prorate_check(anyelement,anyelement,boolean,numeric,text)', 'none', false),
    ('energy.prorate(daterange,numeric,text)', 'none', true),
    ('energy.prorate(daterange,double precision,text)', 'none', true),
    ('energy.prorate(date,date,numeric,text)', 'none', true),
    ('energy.prorate(tstzrange,numeric,text,text)', 'none', true),
    ('energy.check_readings(regclass,text,text,text,timestamp with time zone,timestamp with time zone,interval,interval,double precision,text,text)', 'reads_any_table', false),
    ('energy.reading_coverage(regclass,text,text,timestamp with time zone,timestamp with time zone,interval,text)', 'reads_any_table', false),
    ('energy.check_bills(regclass,text,text,text,text,date,date,text)', 'reads_any_table', false),
    ('energy.quality_source(regclass,text[],text[],integer)', 'reads_any_table', false),
    ('energy.quality_date(text)', 'subtransaction', true),
    ('energy.quality_time(text)', 'subtransaction', true),
    ('energy.quality_number(text)', 'subtransaction', true),
    ('energy.quality_read(text,regtype,regtype)', 'none', true),
    -- 0.2.0: ledger accessors
    ('energy.rows(energy.ledger,energy.carrier)', 'none', true),
    ('energy.kgce_of(energy.ledger,energy.carrier[])', 'none', true),
    ('energy.kgce_missing_rows(energy.ledger)', 'none', true),
    ('energy.co2_missing_rows(energy.ledger)', 'none', true),
    ('energy.missing_factors(energy.ledger)', 'none', true),
    -- 0.2.0: reference data of the reporting model and its checks
    ('energy.admin_division_check()', 'trigger', false),
    ('energy.credit_code_problem(text)', 'none', true),
    ('energy.canonical_unit(energy.carrier,text)', 'none', false),
    ('energy.mix_group(energy.carrier)', 'none', true),
    ('energy.signed_percent(numeric)', 'none', true),
    ('energy.local_start(timestamp without time zone,text)', 'none', true),
    ('energy.primary_rate(date)', 'reads', true),
    ('energy.primary_rate(date,text)', 'reads', false),
    -- 0.2.0: coordinate systems
    ('energy.wgs84_to_gcj02(point)', 'none', true),
    ('energy.gcj02_to_wgs84(point)', 'none', true),
    ('energy.gcj02_to_bd09(point)', 'none', true),
    ('energy.bd09_to_gcj02(point)', 'none', true),
    ('energy.to_wgs84(double precision,double precision,text)', 'none', true),
    -- 0.2.0: reporting models (the writers are VOLATILE PARALLEL UNSAFE;
    -- creating_extension reads the backend's state, so it is STABLE)
    ('energy.creating_extension()', 'reads', false),
    ('energy.model_exec(name,text)', 'writes', false),
    ('energy.model_extra_quality_sql(name)', 'reads', false),
    ('energy.create_model(name,text,text)', 'writes', false),
    ('energy.upgrade_model(name)', 'writes', false),
    ('energy.drop_model(name,boolean)', 'writes', false),
    ('energy.model_relations()', 'none', false),
    ('energy.model_document(name)', 'writes', false),
    ('energy.model_tables_sql()', 'none', false),
    ('energy.model_views_sql()', 'none', false),
    ('energy.model_rollup_spec()', 'none', false),
    ('energy.model_rollup_sql(text)', 'none', false),
    ('energy.model_institution_check()', 'trigger', false),
    ('energy.model_profile_check()', 'trigger', false),
    ('energy.model_consumption_check()', 'trigger', false),
    ('energy.model_meter_check()', 'trigger', false),
    ('energy.model_reading_check()', 'trigger', false),
    ('energy.model_register_check()', 'trigger', false),
    ('energy.model_registered(name)', 'reads', false),
    ('energy.grid_unit(double precision)', 'none', true),
    ('energy.id_trim(text)', 'none', true),
    ('energy.period_text(daterange)', 'reads', true),
    ('energy.model_require_institution(name,text,text)', 'reads', false),
    ('energy.model_check_unit(energy.carrier,text,text)', 'subtransaction', false),
    -- 0.2.0: live ledgers (the triggers write the summaries: VOLATILE PARALLEL UNSAFE)
    ('energy.month_parts(date,date,numeric)', 'none', false),
    ('energy.meter_months_state_in(cstring)', 'none', true),
    ('energy.meter_months_state_out(energy.meter_months_state)', 'none', true),
    ('energy.meter_months_state_recv(internal)', 'none', true),
    ('energy.meter_months_state_send(energy.meter_months_state)', 'none', true),
    ('energy.meter_months_trans(energy.meter_months_state,timestamp with time zone,double precision,text,double precision,double precision,text,text,text,double precision,double precision)', 'none', false),
    ('energy.meter_months_combine(energy.meter_months_state,energy.meter_months_state)', 'none', false),
    ('energy.meter_months_final(energy.meter_months_state)', 'none', false),
    ('energy.meter_months(timestamp with time zone,double precision,text,double precision,double precision,text,text,text,double precision,double precision)', 'aggregate', false),
    ('energy.model_chain_end_sql()', 'none', false),
    ('energy.model_event_sql()', 'none', false),
    ('energy.model_changed_sql(text,text)', 'none', true),
    ('energy.model_settings(name)', 'writes', false),
    ('energy.model_settings_restore(text[])', 'writes', false),
    ('energy.model_as_owner(name)', 'writes', false),
    ('energy.model_role_back(name)', 'writes', false),
    ('energy.ledger_figures(energy.ledger)', 'none', true),
    ('energy.model_summaries_sql()', 'none', false),
    ('energy.model_lock(name,text[])', 'writes', false),
    ('energy.model_meter_months(name,text[],date[],date[])', 'reads_any_table', false),
    ('energy.model_meter_culprit(name,text[],text)', 'subtransaction', false),
    ('energy.model_meter_error(name,text,text,text,text)', 'subtransaction', false),
    ('energy.model_month_ledgers(name,text[],date[],regclass,energy.carrier[])', 'subtransaction', false),
    ('energy.model_ledger_error(energy.carrier,text,date,text)', 'subtransaction', false),
    ('energy.model_live_functions(name)', 'writes', false),
    ('energy.model_live_guard(name,name,name,name)', 'none', false),
    ('energy.model_refold(name,text[],date[],boolean,energy.carrier[],boolean)', 'writes', false),
    ('energy.model_refold_meters(name,text[],date[],date[],text[])', 'writes', false),
    ('energy.model_reading_live()', 'writes', false),
    ('energy.model_consumption_live()', 'writes', false),
    ('energy.model_meter_live()', 'writes', false),
    ('energy.model_institution_live()', 'writes', false),
    ('energy.model_require(name)', 'reads', false),
    ('energy.rebuild_model(name)', 'writes', false),
    ('energy.verify_model(name)', 'writes', false),
    ('energy.set_live(name,boolean)', 'writes', false),
    ('energy.model_live_triggers(name)', 'reads', true),
    ('energy.ledger_basis(name)', 'reads', true),
    ('energy.model_basis_note(name,text)', 'writes', false),
    ('energy.model_basis_fill()', 'trigger', false),
    ('energy.model_conversion_settings(name)', 'reads', true),
    -- 0.2.0: targets
    ('energy.target_check()', 'trigger', false),
    ('energy.factor_loaded_now()', 'trigger', false),
    ('energy.factor_set_parent_frozen()', 'trigger', false),
    ('energy.target_judgement(text,numeric,integer,integer,integer,numeric,numeric)', 'none', false),
    ('energy.model_targets_sql()', 'none', false),
    ('energy.published_indicator_check()', 'trigger', false),
    ('energy.quota_standard_check()', 'trigger', false),
    ('energy.target_scope_name(text,text)', 'reads', false),
    ('energy.region_scopes(text)', 'none', true),
    ('energy.model_programme_check()', 'trigger', false),
    ('energy.model_programme_sql()', 'none', false),
    -- 0.2.0: quota ratings
    ('energy.quota_value_check()', 'trigger', false),
    -- 0.2.0: the demonstration dataset
    ('energy.demo_uniform(integer,text)', 'none', true),
    ('energy.demo_credit_code(text)', 'none', true),
    ('energy.demo_progress(name,text,numeric,timestamp with time zone)', 'writes', false),
    ('energy.generate_demo(name,double precision,integer)', 'writes', false),
    -- 0.2.0: the meter aggregates' state as a value
    ('energy.meter_state_in(cstring)', 'none', true),
    ('energy.meter_state_out(energy.meter_state)', 'none', true),
    ('energy.meter_state_recv(internal)', 'none', true),
    ('energy.meter_state_send(energy.meter_state)', 'none', true),
    ('energy.meter_state_trans(energy.meter_state,timestamp with time zone,double precision)', 'none', false),
    ('energy.meter_state_trans(energy.meter_state,timestamp with time zone,double precision,double precision)', 'none', false),
    ('energy.meter_state_trans(energy.meter_state,timestamp with time zone,double precision,double precision,double precision)', 'none', false),
    ('energy.meter_state_trans(energy.meter_state,timestamp with time zone,double precision,double precision,double precision,text)', 'none', false),
    ('energy.meter_state_buckets_trans(energy.meter_state,timestamp with time zone,double precision,text)', 'none', false),
    ('energy.meter_state_buckets_trans(energy.meter_state,timestamp with time zone,double precision,text,text)', 'none', false),
    ('energy.meter_state_buckets_trans(energy.meter_state,timestamp with time zone,double precision,text,text,double precision,double precision,text)', 'none', false),
    ('energy.meter_state_combine(energy.meter_state,energy.meter_state)', 'none', false),
    ('energy.meter_state_final(energy.meter_state)', 'none', false),
    ('energy.meter_state_buckets_final(energy.meter_state)', 'none', false),
    ('energy.meter_rollup_state_in(cstring)', 'none', true),
    ('energy.meter_rollup_state_out(energy.meter_rollup_state)', 'none', true),
    ('energy.meter_rollup_state_recv(internal)', 'none', true),
    ('energy.meter_rollup_state_send(energy.meter_rollup_state)', 'none', true),
    ('energy.meter_rollup_state_trans(energy.meter_rollup_state,energy.meter_summary)', 'none', false),
    ('energy.meter_rollup_state_trans(energy.meter_rollup_state,energy.meter_summary,text)', 'none', false),
    ('energy.meter_rollup_combine(energy.meter_rollup_state,energy.meter_rollup_state)', 'none', false),
    ('energy.meter_rollup_state_final(energy.meter_rollup_state)', 'none', false),
    -- 0.2.0: sharding over postgres_fdw
    ('energy.node_settings()', 'reads', false),
    ('energy.reference_rows(text[])', 'reads', false),
    ('energy.reference_digests(text[])', 'reads', false),
    ('energy.model_shard_views_sql()', 'none', false),
    ('energy.shard_prepare(name)', 'writes', false),
    ('energy.sharded_tables()', 'none', false),
    ('energy.sharded_views_sql()', 'none', false),
    ('energy.shard_require(name)', 'reads', false),
    ('energy.shard_model(name,jsonb,name)', 'writes', false),
    ('energy.model_exec_sharded(name,text,text)', 'writes', false),
    ('energy.shard_check(name,boolean,boolean)', 'writes', false),
    ('energy.shard_checked_provinces(text,boolean)', 'writes', false),
    ('energy.shard_push_reference(name)', 'writes', false),
    ('energy.shard_apply_settings(name)', 'writes', false),
    ('energy.drop_sharded_model(name)', 'writes', false),
    -- 0.2.0: regional access control
    ('energy.region_patterns(text,boolean)', 'reads', false),
    ('energy.model_write_privileges(name,name)', 'writes', false),
    ('energy.model_grant_read(name,name)', 'writes', false),
    ('energy.model_grant_write(name,name)', 'writes', false),
    ('energy.model_own_relations(name)', 'reads', false),
    ('energy.acl_holds(aclitem[],name,text)', 'reads', false),
    ('energy.grant_missing(regclass,text[],name,boolean)', 'writes', false),
    ('energy.model_forget_grants(name)', 'writes', false),
    ('energy.model_protect(name)', 'writes', false),
    ('energy.grant_region(name,name,text,boolean)', 'writes', false),
    ('energy.revoke_region(name,name,text)', 'writes', false)
), actual AS (
    SELECT p.oid::regprocedure::text AS fn, p.provolatile, p.proisstrict, p.proparallel
      FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
     WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'energy_ext')
)
SELECT coalesce(a.fn, s.fn) AS function,
       CASE WHEN s.fn IS NULL THEN 'not in the spec of this test'
            WHEN a.fn IS NULL THEN 'missing from the extension'
            WHEN s.access = 'writes' AND (a.provolatile <> 'v' OR a.proparallel <> 'u') THEN 'writes: must be VOLATILE PARALLEL UNSAFE'
            WHEN s.access = 'reads_any_table' AND (a.provolatile <> 's' OR a.proparallel <> 'r') THEN 'reads any table: must be STABLE PARALLEL RESTRICTED'
            WHEN s.access = 'subtransaction' AND a.proparallel <> 'u' THEN 'catches errors (a subtransaction): must be PARALLEL UNSAFE'
            WHEN s.access NOT IN ('writes', 'reads_any_table', 'subtransaction') AND a.proparallel <> 's' THEN 'not PARALLEL SAFE'
            WHEN s.access = 'trigger' AND a.provolatile <> 'v' THEN 'trigger not VOLATILE'
            WHEN s.access = 'reads' AND a.provolatile <> 's' THEN 'reads tables or settings: must be STABLE'
            WHEN s.access = 'none' AND a.provolatile <> 'i' THEN 'could be IMMUTABLE'
            WHEN a.proisstrict <> s.strict THEN 'strictness differs from the spec'
       END AS problem
  FROM actual a FULL JOIN spec s USING (fn)
 WHERE s.fn IS NULL OR a.fn IS NULL
    OR (s.access = 'writes' AND (a.provolatile <> 'v' OR a.proparallel <> 'u'))
    OR (s.access = 'reads_any_table' AND (a.provolatile <> 's' OR a.proparallel <> 'r'))
    OR (s.access = 'subtransaction' AND a.proparallel <> 'u')
    OR (s.access NOT IN ('writes', 'reads_any_table', 'subtransaction') AND a.proparallel <> 's')
    OR (s.access = 'trigger' AND a.provolatile <> 'v')
    OR (s.access = 'reads' AND a.provolatile <> 's')
    OR (s.access = 'none' AND a.provolatile <> 'i')
    OR a.proisstrict <> s.strict
 ORDER BY 1;

-- 2. Every member object of the extension, every column of its tables and
--    views, and every trigger on its tables has a COMMENT.  (The objects
--    of reporting models are checked by test/sql/model.sql.)
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'energy_ext'),
members AS (
    SELECT d.classid, d.objid, 0 AS objsubid FROM pg_depend d, ext
     WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
    UNION ALL
    SELECT 'pg_class'::regclass, a.attrelid, a.attnum FROM pg_attribute a
      JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = a.attrelid, ext
     WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
       AND a.attnum > 0 AND NOT a.attisdropped
       AND (SELECT relkind FROM pg_class WHERE oid = a.attrelid) IN ('r', 'v', 'm', 'f')
    UNION ALL
    SELECT 'pg_trigger'::regclass, t.oid, 0 FROM pg_trigger t
      JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = t.tgrelid, ext
     WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
       AND NOT t.tgisinternal
)
SELECT pg_describe_object(classid, objid, objsubid) AS without_comment
  FROM members m
 WHERE NOT EXISTS (SELECT 1 FROM pg_description c
                    WHERE c.classoid = m.classid AND c.objoid = m.objid AND c.objsubid = m.objsubid)
 ORDER BY 1;

-- 3. What the extension contains, for review: one line per member.
SELECT pg_describe_object(d.classid, d.objid, 0) AS member
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'energy_ext')
 ORDER BY 1;
