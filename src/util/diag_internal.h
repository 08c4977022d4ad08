/* Between diag.c (counting, repeats) and diag_format.c (writing). */
#ifndef DOSSIER_DIAG_INTERNAL_H
#define DOSSIER_DIAG_INTERNAL_H

#include "util.h"

/* Writes one diagnostic in d->format. `level` is the level as shown
 * (a warning under --strict is an error); `msg` is one line already;
 * `excerpt` asks for the source line under TEXT. */
void diag_emit(diag *d, diag_level level, srcpos at, const char *msg, const char *hint, bool excerpt);
void diag_sources_free(diag_sources *s);

#endif
