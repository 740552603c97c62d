/*
 * unavailable.c — server functions that the extension's files refer to but
 * that no fuzz target reaches (SPI, catalogs, set-returning functions, time
 * zones).  The linker needs a definition; if a target ever reached one, the
 * case aborts here and names it, so that a gap in the harness shows instead
 * of passing unnoticed.  Declared without their real signatures on purpose:
 * this file includes no server header.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void
unavailable(const char *name)
{
	fprintf(stderr, "harness: %s() is not available outside the server\n", name);
	abort();
}

uint64_t	SPI_processed;
void	   *SPI_tuptable;
bool		creating_extension;

#define UNAVAILABLE(name) \
	void name(void); \
	void name(void) { unavailable(#name); }

UNAVAILABLE(BlessTupleDesc)
UNAVAILABLE(DirectFunctionCall2Coll)
UNAVAILABLE(DirectFunctionCall3Coll)
UNAVAILABLE(GetSQLCurrentDate)
UNAVAILABLE(HeapTupleHeaderGetDatum)
UNAVAILABLE(InitMaterializedSRF)
UNAVAILABLE(SPI_connect)
UNAVAILABLE(SPI_execute)
UNAVAILABLE(SPI_finish)
UNAVAILABLE(SPI_fnumber)
UNAVAILABLE(SPI_getbinval)
UNAVAILABLE(SPI_getvalue)
UNAVAILABLE(construct_array)
UNAVAILABLE(date2j)
UNAVAILABLE(deconstruct_array)
UNAVAILABLE(enum_out)
UNAVAILABLE(get_call_result_type)
UNAVAILABLE(get_element_type)
UNAVAILABLE(get_fn_expr_rettype)
UNAVAILABLE(get_namespace_oid)
UNAVAILABLE(get_relname_relid)
UNAVAILABLE(getmissingattr)
UNAVAILABLE(heap_datum_check)
UNAVAILABLE(heap_form_tuple)
UNAVAILABLE(j2date)
UNAVAILABLE(lookup_rowtype_tupdesc_copy)
UNAVAILABLE(nocachegetattr)
UNAVAILABLE(numeric_in)
UNAVAILABLE(pg_advisory_xact_lock_int8)
UNAVAILABLE(timestamp_pl_interval)
UNAVAILABLE(timestamp_trunc)
UNAVAILABLE(timestamp_zone)
UNAVAILABLE(timestamptz_to_str)
UNAVAILABLE(timestamptz_zone)
UNAVAILABLE(tuplestore_putvalues)
