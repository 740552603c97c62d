-- pg_temp.error_of(q): the SQLSTATE, message, detail and hint of the error a
-- statement raises (all NULL when it succeeds), for tests that check more
-- than throws_ok does.  \i it after BEGIN.
CREATE FUNCTION pg_temp.error_of(q text, OUT state text, OUT message text, OUT detail text, OUT hint text)
    LANGUAGE plpgsql AS $f$
BEGIN
    EXECUTE q;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END $f$;
