/* Shared between the files of the dossier library (not its interface). */
#ifndef DOSSIER_DOSSIER_INTERNAL_H
#define DOSSIER_DOSSIER_INTERNAL_H

#include "dossier.h"

/* The built-in sheet, then the front matter's `style`, then -s, then the
 * sheet in memory; each file read is recorded as an input of `doc`.
 * Returns NULL (diagnosed) when a sheet cannot be read; *status is then
 * the exit status. */
style_source *dossier_gather_sheets(arena *a, diag *d, doc_document *doc, const dossier_options *opt,
                                    const char *datadir, int *nsheets, int *status);

/* The make rule `target: deps...` with a phony rule per dependency. */
bool dossier_write_depfile(arena *a, diag *d, const char *depfile, const char *target, const char *const *deps,
                           int ndeps);

#endif
