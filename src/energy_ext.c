/*
 * energy_ext.c — module entry point: magic block and settings.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

#include "factor.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomStringVariable("energy.factor_set",
							   "Factor set used by energy conversions when a call names none.",
							   "A name from energy.factor_set; 'gb2589' is the shipped GB/T 2589 set.",
							   &energy_factor_set_guc,
							   "gb2589",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);
	MarkGUCPrefixReserved("energy");
}
