
-- =====================================================================
-- 0.2.0 — the meter aggregates' state as a value (issue 13).  0.1.0
-- declared energy.meter_agg and energy.meter_buckets with an internal
-- state, serialized only for PostgreSQL's own parallel workers.  Citus
-- combines its workers' partial states only for aggregates whose state type
-- is a real type with text (and binary) forms; so 0.2.0 gives them the
-- state type energy.meter_state (CREATE OR REPLACE AGGREGATE keeps each
-- aggregate, and whatever was built on it, and changes its state).  The
-- same C functions serve both declarations.
-- =====================================================================

CREATE TYPE energy.meter_state;
CREATE FUNCTION energy.meter_state_in(cstring) RETURNS energy.meter_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_out(energy.meter_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_recv(internal) RETURNS energy.meter_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_send(energy.meter_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE energy.meter_state (
    INPUT = energy.meter_state_in,
    OUTPUT = energy.meter_state_out,
    RECEIVE = energy.meter_state_recv,
    SEND = energy.meter_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE energy.meter_state IS
    'The state of energy.meter_agg and energy.meter_buckets between rows: one meter''s readings so far (any order) and its settings. Text form: JSON that reads back exactly (times in microseconds since 2000-01-01 UTC), for Citus to ship partial states between nodes.';
COMMENT ON FUNCTION energy.meter_state_in(cstring) IS 'Text input of energy.meter_state: the JSON its output prints; validated.';
COMMENT ON FUNCTION energy.meter_state_out(energy.meter_state) IS 'Text output of energy.meter_state: JSON with the settings and every reading, exact.';
COMMENT ON FUNCTION energy.meter_state_recv(internal) IS 'Binary input of energy.meter_state; validated (version, settings, finite readings, events).';
COMMENT ON FUNCTION energy.meter_state_send(energy.meter_state) IS 'Binary output of energy.meter_state.';

-- The support functions over energy.meter_state (the C functions of 0.1.0's).
CREATE FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision, double precision)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision, double precision, double precision)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision, double precision, double precision, text)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_buckets_trans(energy.meter_state, timestamptz, double precision, text)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_buckets_trans(energy.meter_state, timestamptz, double precision, text, text)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_buckets_trans(energy.meter_state, timestamptz, double precision, text, text,
                                                 double precision, double precision, text)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_combine(energy.meter_state, energy.meter_state)
    RETURNS energy.meter_state AS 'MODULE_PATHNAME', 'meter_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_final(energy.meter_state)
    RETURNS energy.meter_summary AS 'MODULE_PATHNAME', 'meter_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_state_buckets_final(energy.meter_state)
    RETURNS energy.meter_bucket[] AS 'MODULE_PATHNAME', 'meter_buckets_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision) IS
    'Transition function of energy.meter_agg(ts, reading).';
COMMENT ON FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision, double precision) IS
    'Transition function of energy.meter_agg(ts, reading, modulus).';
COMMENT ON FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision, double precision, double precision) IS
    'Transition function of energy.meter_agg(ts, reading, modulus, multiplier).';
COMMENT ON FUNCTION energy.meter_state_trans(energy.meter_state, timestamptz, double precision, double precision, double precision, text) IS
    'Transition function of energy.meter_agg(ts, reading, modulus, multiplier, event).';
COMMENT ON FUNCTION energy.meter_state_buckets_trans(energy.meter_state, timestamptz, double precision, text) IS
    'Transition function of energy.meter_buckets(ts, reading, bucket).';
COMMENT ON FUNCTION energy.meter_state_buckets_trans(energy.meter_state, timestamptz, double precision, text, text) IS
    'Transition function of energy.meter_buckets(ts, reading, bucket, time_zone).';
COMMENT ON FUNCTION energy.meter_state_buckets_trans(energy.meter_state, timestamptz, double precision, text, text,
                                                     double precision, double precision, text) IS
    'Transition function of energy.meter_buckets(ts, reading, bucket, time_zone, modulus, multiplier, event).';
COMMENT ON FUNCTION energy.meter_state_combine(energy.meter_state, energy.meter_state) IS
    'Combine function of energy.meter_agg and energy.meter_buckets (parallel workers, Citus workers): the readings of both.';
COMMENT ON FUNCTION energy.meter_state_final(energy.meter_state) IS
    'Final function of energy.meter_agg: sorts the readings by time and applies the rules.';
COMMENT ON FUNCTION energy.meter_state_buckets_final(energy.meter_state) IS
    'Final function of energy.meter_buckets: the rules of meter_agg, then the intervals shared among buckets.';

-- The same aggregates (their comments and what depends on them stay), now
-- with energy.meter_state.  The final functions sort the readings in place.
CREATE OR REPLACE AGGREGATE energy.meter_agg(timestamptz, double precision) (
    SFUNC = energy.meter_state_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.meter_agg(timestamptz, double precision, double precision) (
    SFUNC = energy.meter_state_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.meter_agg(timestamptz, double precision, double precision, double precision) (
    SFUNC = energy.meter_state_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.meter_agg(timestamptz, double precision, double precision, double precision, text) (
    SFUNC = energy.meter_state_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.meter_buckets(timestamptz, double precision, text) (
    SFUNC = energy.meter_state_buckets_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_buckets_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.meter_buckets(timestamptz, double precision, text, text) (
    SFUNC = energy.meter_state_buckets_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_buckets_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.meter_buckets(timestamptz, double precision, text, text, double precision, double precision, text) (
    SFUNC = energy.meter_state_buckets_trans, STYPE = energy.meter_state, SSPACE = 4800,
    FINALFUNC = energy.meter_state_buckets_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_state_combine, PARALLEL = SAFE);

-- energy.rollup(meter_summary [, meter]) likewise: its state, the summaries
-- so far and the meter's name, becomes energy.meter_rollup_state, with a
-- combine function (which it had none of: parallel workers may now share
-- the work too).  SSPACE 8192 is what PostgreSQL assumed of 0.1.0's internal
-- state; without it, it would take the new state for 32 bytes and plan too
-- few partitions for hash aggregation that spills (1.2-1.6 times as long
-- with work_mem 4MB over 50 000 meters).
CREATE TYPE energy.meter_rollup_state;
CREATE FUNCTION energy.meter_rollup_state_in(cstring) RETURNS energy.meter_rollup_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_state_out(energy.meter_rollup_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_state_recv(internal) RETURNS energy.meter_rollup_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_state_send(energy.meter_rollup_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE energy.meter_rollup_state (
    INPUT = energy.meter_rollup_state_in,
    OUTPUT = energy.meter_rollup_state_out,
    RECEIVE = energy.meter_rollup_state_recv,
    SEND = energy.meter_rollup_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE energy.meter_rollup_state IS
    'The state of energy.rollup(meter_summary) between rows: the summaries so far and the meter''s name. Text form: JSON, the name in hex and each summary as energy.meter_summary prints it, exact; for Citus to ship partial states between nodes.';
COMMENT ON FUNCTION energy.meter_rollup_state_in(cstring) IS 'Text input of energy.meter_rollup_state: the JSON its output prints; validated.';
COMMENT ON FUNCTION energy.meter_rollup_state_out(energy.meter_rollup_state) IS 'Text output of energy.meter_rollup_state.';
COMMENT ON FUNCTION energy.meter_rollup_state_recv(internal) IS 'Binary input of energy.meter_rollup_state; validated.';
COMMENT ON FUNCTION energy.meter_rollup_state_send(energy.meter_rollup_state) IS 'Binary output of energy.meter_rollup_state.';

CREATE FUNCTION energy.meter_rollup_state_trans(energy.meter_rollup_state, energy.meter_summary)
    RETURNS energy.meter_rollup_state AS 'MODULE_PATHNAME', 'meter_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_state_trans(energy.meter_rollup_state, energy.meter_summary, text)
    RETURNS energy.meter_rollup_state AS 'MODULE_PATHNAME', 'meter_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_combine(energy.meter_rollup_state, energy.meter_rollup_state)
    RETURNS energy.meter_rollup_state AS 'MODULE_PATHNAME', 'meter_rollup_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_state_final(energy.meter_rollup_state)
    RETURNS energy.meter_summary AS 'MODULE_PATHNAME', 'meter_rollup_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.meter_rollup_state_trans(energy.meter_rollup_state, energy.meter_summary) IS
    'Transition function of energy.rollup(meter_summary).';
COMMENT ON FUNCTION energy.meter_rollup_state_trans(energy.meter_rollup_state, energy.meter_summary, text) IS
    'Transition function of energy.rollup(meter_summary, meter).';
COMMENT ON FUNCTION energy.meter_rollup_combine(energy.meter_rollup_state, energy.meter_rollup_state) IS
    'Combine function of energy.rollup(meter_summary): the summaries of both.';
COMMENT ON FUNCTION energy.meter_rollup_state_final(energy.meter_rollup_state) IS
    'Final function of energy.rollup(meter_summary): sorts by time, refuses overlaps, counts the steps between summaries by the meter_agg rules.';
CREATE OR REPLACE AGGREGATE energy.rollup(energy.meter_summary) (
    SFUNC = energy.meter_rollup_state_trans, STYPE = energy.meter_rollup_state, SSPACE = 8192,
    FINALFUNC = energy.meter_rollup_state_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_rollup_combine, PARALLEL = SAFE);
CREATE OR REPLACE AGGREGATE energy.rollup(energy.meter_summary, text) (
    SFUNC = energy.meter_rollup_state_trans, STYPE = energy.meter_rollup_state, SSPACE = 8192,
    FINALFUNC = energy.meter_rollup_state_final, FINALFUNC_MODIFY = READ_WRITE,
    COMBINEFUNC = energy.meter_rollup_combine, PARALLEL = SAFE);
