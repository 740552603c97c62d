
-- =====================================================================
-- 0.2.0 — the data-quality functions read columns of any type.
-- Bills and readings often arrive as a spreadsheet or CSV and are loaded
-- into a staging table of text columns first (COPY), then checked.  In 0.1.0
-- one value that was not a date or a number ('2023-13-01', '1,234.5', 'n/a')
-- stopped the whole check with the cast's error and no row named.  Now such
-- a value is a finding of its row — null_period (check_bills), null_time
-- (check_readings), bad_amount, bad_reading, with the value quoted — and
-- every other row is checked, so one run lists every row to fix.
--
-- Columns of a date, time or number type are cast as before; other columns
-- are read as their text through the parsers below, which give NULL for a
-- text that is not a value of the type.  Text is read as PostgreSQL reads it:
-- dates by the session's DateStyle (ISO 2023-01-31 always works), times
-- without an offset in the session's TimeZone, numbers with a point and no
-- thousands separators.
-- =====================================================================

-- The parsers catch only the data errors of the type's input (SQLSTATE class
-- 22: 22007, 22008, 22P02, 22003); each call is a subtransaction, so they are
-- used only for columns that need them.
CREATE FUNCTION energy.quality_date(value text) RETURNS date
    LANGUAGE plpgsql STABLE STRICT PARALLEL UNSAFE  -- DateStyle; its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RETURN value::date;
EXCEPTION WHEN data_exception THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.quality_date(text) IS
    'The date a text gives (as ''...''::date reads it: the session''s DateStyle), or NULL when it is not one (internal: the data-quality functions read text columns with it and report such a value as a finding instead of failing).';

CREATE FUNCTION energy.quality_time(value text) RETURNS timestamptz
    LANGUAGE plpgsql STABLE STRICT PARALLEL UNSAFE  -- DateStyle, TimeZone; its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RETURN value::timestamptz;
EXCEPTION WHEN data_exception THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.quality_time(text) IS
    'The point in time a text gives (as ''...''::timestamptz reads it: without an offset, in the session''s TimeZone), or NULL when it is not one (internal: the data-quality functions read text columns with it and report such a value as a finding instead of failing).';

CREATE FUNCTION energy.quality_number(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL UNSAFE  -- its EXCEPTION block is a subtransaction
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RETURN value::double precision;
EXCEPTION WHEN data_exception THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION energy.quality_number(text) IS
    'The number a text gives (as ''...''::double precision reads it), or NULL when it is not one (internal: the data-quality functions read text columns with it and report such a value as a finding instead of failing).';

-- The SQL text that reads column col (of type col_type) as target: a cast
-- when the column's type is one of target's kind, else its text through the
-- parser (the column name enters only through %I).  raw: the column as text
-- when it goes through the parser (for the finding's detail), else NULL.
CREATE FUNCTION energy.quality_read(col text, col_type regtype, target regtype, OUT expr text, OUT raw text)
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    kinds regtype[] := CASE target
        WHEN 'date'::regtype THEN ARRAY['date', 'timestamp', 'timestamptz']::regtype[]
        WHEN 'timestamptz'::regtype THEN ARRAY['date', 'timestamp', 'timestamptz']::regtype[]
        WHEN 'double precision'::regtype THEN ARRAY['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision']::regtype[]
    END;
BEGIN
    IF kinds IS NULL THEN
        RAISE EXCEPTION 'energy.quality_read cannot read a column as %', target USING ERRCODE = '22023';
    END IF;
    IF col_type = ANY (kinds) THEN
        expr := format('(%I)::%s', col, target);
        raw := 'NULL::text';
    ELSE
        expr := format('energy.quality_%s((%I)::text)',
                       CASE target WHEN 'date'::regtype THEN 'date' WHEN 'timestamptz'::regtype THEN 'time' ELSE 'number' END, col);
        raw := format('(%I)::text', col);
    END IF;
END
$$;
COMMENT ON FUNCTION energy.quality_read(text, regtype, regtype) IS
    'How a data-quality function reads column col of type col_type as target (date, timestamptz or double precision): expr, a cast when the column is of a date/time or number type, else its text through energy.quality_date, quality_time or quality_number (NULL for a value that is not one); raw, the column as text when it goes through a parser (NULL::text otherwise), to quote the bad value (internal).';
