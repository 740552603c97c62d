/*
 * spelling.h — folding of user spellings (carrier names, units) before they
 * are matched against the built-in lists.
 *
 * Input arrives in the server encoding and is converted to UTF-8 first, so
 * Chinese names match in any server encoding.  Folding makes matching case-
 * and width-insensitive (全角 ＡＢＣ = ABC) and ignores spaces, '_', '-',
 * '·', '^' and '*', so 'Natural Gas', 'natural_gas' and 'kW·h', 'KWH' match.
 */
#ifndef ENERGY_SPELLING_H
#define ENERGY_SPELLING_H

#include "postgres.h"

/* Longest folded spelling we ever need to compare; longer input never matches. */
#define SPELLING_MAX 64

/*
 * Fold 'text' (NUL-terminated, server encoding) into 'out' (SPELLING_MAX
 * bytes).  Returns false when the folded form is empty or too long, which
 * means it cannot match anything.
 */
extern bool spelling_fold(const char *text, char *out);

/* Fold a built-in spelling (already UTF-8) — used to compare like with like. */
extern bool spelling_fold_utf8(const char *utf8, char *out);

#endif
