/*
 * server.h — the harness's stand-ins for the server (server.c): what the
 * last ereport(ERROR) said, and the set-up of each fuzzing case.
 */
#ifndef ENERGY_FUZZ_SERVER_H
#define ENERGY_FUZZ_SERVER_H

#include "postgres.h"

typedef struct HarnessError
{
	int			level;
	int			sqlerrcode;
	bool		has_message;
	bool		internal;		/* errmsg_internal: an elog(), not a user error */
	char		message[1024];
	char		hint[1024];
	const char *filename;
	int			lineno;
	const char *funcname;
} HarnessError;

extern HarnessError harness_error;

/* AggCheckCallContext's answer, and what get_fn_expr_argtype says of arg 0. */
extern bool harness_in_aggregate;
extern Oid	harness_arg_type;

extern void harness_init(void);
extern void harness_reset(void);	/* free everything a case allocated */

#endif
