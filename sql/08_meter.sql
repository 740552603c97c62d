
-- =====================================================================
-- Meter registers: energy.meter_agg(ts, reading [, modulus [, multiplier
-- [, event]]]) -> energy.meter_summary.  Consumption from cumulative
-- register readings of ONE meter (GROUP BY meter), with rollover at a
-- modulus, a multiplier (倍率), meter replacement (events 'old_final' and
-- 'new_initial'), resets and reverse running counted and never silently
-- turned into consumption.  Readings may come in any order.
-- =====================================================================

CREATE TYPE energy.meter_summary;
CREATE FUNCTION energy.meter_summary_in(cstring) RETURNS energy.meter_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_summary_out(energy.meter_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_summary_recv(internal) RETURNS energy.meter_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_summary_send(energy.meter_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE energy.meter_summary (
    INPUT = energy.meter_summary_in, OUTPUT = energy.meter_summary_out,
    RECEIVE = energy.meter_summary_recv, SEND = energy.meter_summary_send,
    INTERNALLENGTH = VARIABLE, ALIGNMENT = double, STORAGE = plain);
COMMENT ON TYPE energy.meter_summary IS
    'Summary of one meter''s register readings: first and last reading and time, consumption (× multiplier), and the counts of readings, NULL readings, duplicates, rollovers, resets, replacements and reversals.';
COMMENT ON FUNCTION energy.meter_summary_in(cstring) IS 'Text input of energy.meter_summary (the JSON its output prints).';
COMMENT ON FUNCTION energy.meter_summary_out(energy.meter_summary) IS
    'Text output of energy.meter_summary: JSON; times both readable (in the session time zone, hence STABLE) and exact (microseconds since 2000-01-01 UTC).';
COMMENT ON FUNCTION energy.meter_summary_recv(internal) IS 'Binary input of energy.meter_summary.';
COMMENT ON FUNCTION energy.meter_summary_send(energy.meter_summary) IS 'Binary output of energy.meter_summary.';

CREATE FUNCTION energy.meter_trans(internal, timestamptz, double precision)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_trans(internal, timestamptz, double precision, double precision)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_trans(internal, timestamptz, double precision, double precision, double precision)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_trans(internal, timestamptz, double precision, double precision, double precision, text)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_combine(internal, internal)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_serialize(internal)
    RETURNS bytea AS 'MODULE_PATHNAME', 'meter_serialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_deserialize(bytea, internal)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_deserialize' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.meter_final(internal)
    RETURNS energy.meter_summary AS 'MODULE_PATHNAME', 'meter_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.meter_trans(internal, timestamptz, double precision) IS 'Transition function of energy.meter_agg(ts, reading).';
COMMENT ON FUNCTION energy.meter_trans(internal, timestamptz, double precision, double precision) IS 'Transition function of energy.meter_agg(ts, reading, modulus).';
COMMENT ON FUNCTION energy.meter_trans(internal, timestamptz, double precision, double precision, double precision) IS 'Transition function of energy.meter_agg(ts, reading, modulus, multiplier).';
COMMENT ON FUNCTION energy.meter_trans(internal, timestamptz, double precision, double precision, double precision, text) IS 'Transition function of energy.meter_agg(ts, reading, modulus, multiplier, event).';
COMMENT ON FUNCTION energy.meter_combine(internal, internal) IS 'Combine function of energy.meter_agg (parallel workers).';
COMMENT ON FUNCTION energy.meter_serialize(internal) IS 'Serializes an energy.meter_agg state for parallel workers.';
COMMENT ON FUNCTION energy.meter_deserialize(bytea, internal) IS 'Deserializes an energy.meter_agg state.';
COMMENT ON FUNCTION energy.meter_final(internal) IS 'Final function of energy.meter_agg: sorts the readings by time and applies the rules.';

-- The state holds every reading (24 bytes each) until the final function sorts them.
CREATE AGGREGATE energy.meter_agg(timestamptz, double precision) (
    SFUNC = energy.meter_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE energy.meter_agg(timestamptz, double precision, double precision) (
    SFUNC = energy.meter_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE energy.meter_agg(timestamptz, double precision, double precision, double precision) (
    SFUNC = energy.meter_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE energy.meter_agg(timestamptz, double precision, double precision, double precision, text) (
    SFUNC = energy.meter_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE energy.meter_agg(timestamptz, double precision) IS
    'Consumption of one meter from its cumulative register readings (any order). Decreases are resets (to <= 10 % of the previous reading; that interval is not counted) or reverse running (counted apart, never as consumption).';
COMMENT ON AGGREGATE energy.meter_agg(timestamptz, double precision, double precision) IS
    'As meter_agg(ts, reading), with the register''s modulus (the value it wraps to zero at, e.g. 100000): a decrease whose wrapped step is under half the modulus is a rollover.';
COMMENT ON AGGREGATE energy.meter_agg(timestamptz, double precision, double precision, double precision) IS
    'As meter_agg(ts, reading, modulus) (modulus NULL for none), with the multiplier (倍率) applied to consumption.';
COMMENT ON AGGREGATE energy.meter_agg(timestamptz, double precision, double precision, double precision, text) IS
    'As meter_agg(ts, reading, modulus, multiplier), with an event per row: read (or NULL), or for a meter replacement old_final and new_initial at the time of the swap.';

CREATE FUNCTION energy.consumption(energy.meter_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'meter_consumption' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.first_reading(energy.meter_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'meter_first_reading' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.last_reading(energy.meter_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'meter_last_reading' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.first_time(energy.meter_summary) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'meter_first_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.last_time(energy.meter_summary) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'meter_last_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.readings(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_readings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.null_readings(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_null_readings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.duplicates(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_duplicates' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.rollovers(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_rollovers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.resets(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_resets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.replacements(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_replacements' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.reversals(energy.meter_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'meter_reversals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.reverse_amount(energy.meter_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'meter_reverse_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION energy.coverage(energy.meter_summary, period_start timestamptz, period_end timestamptz)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'meter_coverage' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION energy.consumption(energy.meter_summary) IS
    'Consumption between the first and the last reading, × multiplier, rollovers included, resets and reverse running excluded; NULL with no readings.';
COMMENT ON FUNCTION energy.first_reading(energy.meter_summary) IS 'The earliest register reading (raw).';
COMMENT ON FUNCTION energy.last_reading(energy.meter_summary) IS 'The latest register reading (raw).';
COMMENT ON FUNCTION energy.first_time(energy.meter_summary) IS 'Time of the earliest reading.';
COMMENT ON FUNCTION energy.last_time(energy.meter_summary) IS 'Time of the latest reading.';
COMMENT ON FUNCTION energy.readings(energy.meter_summary) IS 'Readings used (duplicates once).';
COMMENT ON FUNCTION energy.null_readings(energy.meter_summary) IS 'Rows whose reading was NULL (counted, not used).';
COMMENT ON FUNCTION energy.duplicates(energy.meter_summary) IS 'Readings repeated at the same time with the same value (used once).';
COMMENT ON FUNCTION energy.rollovers(energy.meter_summary) IS 'Times the register wrapped at its modulus.';
COMMENT ON FUNCTION energy.resets(energy.meter_summary) IS 'Resets (a drop to at most 10 % of the previous reading): the consumption of those intervals is unknown and not counted.';
COMMENT ON FUNCTION energy.replacements(energy.meter_summary) IS 'Meter replacements (old_final / new_initial pairs).';
COMMENT ON FUNCTION energy.reversals(energy.meter_summary) IS 'Intervals in which the register ran backwards (and was not reset or rolled over).';
COMMENT ON FUNCTION energy.reverse_amount(energy.meter_summary) IS 'How far the register ran backwards in total, × multiplier: flagged, never counted as consumption.';
COMMENT ON FUNCTION energy.coverage(energy.meter_summary, timestamptz, timestamptz) IS
    'Share (0..1) of the period [period_start, period_end) that lies between the first and the last reading.';

-- Consumption per day / month / ... in local civil time, without boundary
-- loss: an interval between two readings that crosses a bucket boundary is
-- shared among the buckets by time (linear interpolation), so the buckets add
-- up to the meter's whole consumption.
CREATE TYPE energy.meter_bucket AS (bucket_start timestamptz, bucket_end timestamptz, consumption double precision);
COMMENT ON TYPE energy.meter_bucket IS
    'One bucket of energy.meter_buckets: [bucket_start, bucket_end) in local civil time, and the consumption in it.';

CREATE FUNCTION energy.meter_buckets_trans(internal, timestamptz, double precision, text)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_buckets_trans(internal, timestamptz, double precision, text, text)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_buckets_trans(internal, timestamptz, double precision, text, text, double precision, double precision, text)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_buckets_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_buckets_final(internal)
    RETURNS energy.meter_bucket[] AS 'MODULE_PATHNAME', 'meter_buckets_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.meter_buckets_trans(internal, timestamptz, double precision, text) IS 'Transition function of energy.meter_buckets(ts, reading, bucket).';
COMMENT ON FUNCTION energy.meter_buckets_trans(internal, timestamptz, double precision, text, text) IS 'Transition function of energy.meter_buckets(ts, reading, bucket, time_zone).';
COMMENT ON FUNCTION energy.meter_buckets_trans(internal, timestamptz, double precision, text, text, double precision, double precision, text) IS
    'Transition function of energy.meter_buckets(ts, reading, bucket, time_zone, modulus, multiplier, event).';
COMMENT ON FUNCTION energy.meter_buckets_final(internal) IS 'Final function of energy.meter_buckets: the rules of meter_agg, then the intervals shared among buckets.';

CREATE AGGREGATE energy.meter_buckets(timestamptz, double precision, text) (
    SFUNC = energy.meter_buckets_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_buckets_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE energy.meter_buckets(timestamptz, double precision, text, text) (
    SFUNC = energy.meter_buckets_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_buckets_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
CREATE AGGREGATE energy.meter_buckets(timestamptz, double precision, text, text, double precision, double precision, text) (
    SFUNC = energy.meter_buckets_trans, STYPE = internal, SSPACE = 4800, FINALFUNC = energy.meter_buckets_final,
    COMBINEFUNC = energy.meter_combine, SERIALFUNC = energy.meter_serialize,
    DESERIALFUNC = energy.meter_deserialize, PARALLEL = SAFE);
COMMENT ON AGGREGATE energy.meter_buckets(timestamptz, double precision, text) IS
    'Consumption of one meter per bucket (hour, day, month, quarter, year) in Asia/Shanghai civil time; intervals crossing a boundary are shared by time.';
COMMENT ON AGGREGATE energy.meter_buckets(timestamptz, double precision, text, text) IS
    'As meter_buckets(ts, reading, bucket), in the given time zone.';
COMMENT ON AGGREGATE energy.meter_buckets(timestamptz, double precision, text, text, double precision, double precision, text) IS
    'As meter_buckets(ts, reading, bucket, time_zone), with modulus, multiplier and events as in meter_agg.';

-- Re-aggregating summaries of one meter over disjoint periods.
CREATE FUNCTION energy.meter_rollup_trans(internal, energy.meter_summary)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_trans(internal, energy.meter_summary, text)
    RETURNS internal AS 'MODULE_PATHNAME', 'meter_rollup_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION energy.meter_rollup_final(internal)
    RETURNS energy.meter_summary AS 'MODULE_PATHNAME', 'meter_rollup_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION energy.meter_rollup_trans(internal, energy.meter_summary) IS 'Transition function of energy.rollup(meter_summary).';
COMMENT ON FUNCTION energy.meter_rollup_trans(internal, energy.meter_summary, text) IS 'Transition function of energy.rollup(meter_summary, meter).';
COMMENT ON FUNCTION energy.meter_rollup_final(internal) IS
    'Final function of energy.rollup(meter_summary): sorts by time, refuses overlaps, counts the steps between summaries by the meter_agg rules.';
CREATE AGGREGATE energy.rollup(energy.meter_summary) (
    SFUNC = energy.meter_rollup_trans, STYPE = internal, FINALFUNC = energy.meter_rollup_final, PARALLEL = SAFE);
CREATE AGGREGATE energy.rollup(energy.meter_summary, text) (
    SFUNC = energy.meter_rollup_trans, STYPE = internal, FINALFUNC = energy.meter_rollup_final, PARALLEL = SAFE);
COMMENT ON AGGREGATE energy.rollup(energy.meter_summary) IS
    'One meter''s summaries of disjoint periods (e.g. daily) as one summary: the same consumption as meter_agg over all the readings; overlapping periods are an error.';
COMMENT ON AGGREGATE energy.rollup(energy.meter_summary, text) IS
    'As rollup(meter_summary), naming the meter (second argument) in its errors.';
