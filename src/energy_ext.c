/*
 * energy_ext.c — module entry point: magic block and settings.
 */
#include "postgres.h"

#include <limits.h>

#include "access/xact.h"
#include "commands/extension.h"
#include "fmgr.h"
#include "utils/guc.h"

#include "factor.h"

PG_MODULE_MAGIC;

void		_PG_init(void);
static void energy_subxact_abort(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg);

/* read by SQL (current_setting), not by C */
static bool energy_progress_guc = false;
static int	energy_live_bulk_rows_guc = 1000000;

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
	DefineCustomStringVariable("energy.co2_set",
							   "Factor set of fuel CO2 parameters and the heat factor used by energy.kgco2 when a call names none.",
							   "'gb2589': parameters consistent with the GB/T 2589 NCVs; 'ndrc2015': the NDRC guideline's defaults.",
							   &energy_co2_set_guc, "gb2589", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("energy.grid_set",
							   "Factor set of electricity grid emission factors used by energy.kgco2 when a call names none.",
							   "'mee_nbs': the MEE/NBS published factors; 'enterprise_2022': the 0.5703 carbon-market reporting figure.",
							   &energy_grid_set_guc, "mee_nbs", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("energy.grid_basis",
							   "Grid-factor basis: average, excl_market_nonfossil or fossil.",
							   NULL, &energy_grid_basis_guc, "average", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("energy.grid_year_policy",
							   "What energy.kgco2 does when the data year has no grid factor: exact (error), latest or nearest.",
							   NULL, &energy_grid_year_policy_guc, "exact", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("energy.grid_fallback",
							   "What energy.kgco2 does when a province has no grid factor: none (error) or grid (regional grid, then national).",
							   NULL, &energy_grid_fallback_guc, "none", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("energy.use_fma",
							 "Whether energy.ledger computes its exact products with the CPU's fused multiply-add, when it has one.",
							 "The results are the same bits either way: off runs the portable code (Dekker's products), for testing.",
							 &energy_use_fma_guc, true, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("energy.progress",
							 "Whether long-running functions (energy.generate_demo) report their progress as NOTICEs.",
							 "Each step says what it wrote, the time elapsed and an estimate of the time left.",
							 &energy_progress_guc, false, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("energy.live_bulk_rows",
							"Readings one statement must write for the live ledgers to recompute its meters' months from the raw readings.",
							"Smaller statements fold readings appended after a meter's last one into its months from that reading on; "
							"one of this many or more (a year's file in one COPY) recomputes its meters' months from their windows of "
							"raw readings, as a late reading does, which is faster once its transition table no longer fits in memory "
							"(a row count, whatever work_mem is). Both give the same figures.",
							&energy_live_bulk_rows_guc, 1000000, 1, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("energy");
	RegisterSubXactCallback(energy_subxact_abort, NULL);
}

/*
 * A subtransaction rolled back may have changed the reference data (a factor
 * added in a PL/pgSQL block whose EXCEPTION clause caught an error later):
 * call sites that loaded them since must load them again (conv_ref).
 */
static void
energy_subxact_abort(SubXactEvent event, SubTransactionId mySubid, SubTransactionId parentSubid, void *arg)
{
	(void) mySubid;
	(void) parentSubid;
	(void) arg;
	if (event == SUBXACT_EVENT_ABORT_SUB)
		energy_ref_generation++;
}

/*
 * energy.creating_extension(): true while an extension script runs (CREATE or
 * ALTER EXTENSION).  energy.upgrade_model uses it: objects an extension script
 * creates or replaces become members of the extension, so it adds a model's
 * views to the extension before replacing them and takes them out again.
 */
PG_FUNCTION_INFO_V1(energy_creating_extension);
Datum
energy_creating_extension(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(creating_extension);
}
