/* A cache of loaded hyphenation dictionaries (see hyphen_cache.c). */
#ifndef DOSSIER_HYPHEN_CACHE_H
#define DOSSIER_HYPHEN_CACHE_H

#include "../util/util.h"

#include <hyphen.h>

/* The machine cached for dic_path, rebuilt in the arena (never pass it to
 * hnj_hyphen_free), or NULL when there is no valid cache entry. */
HyphenDict *hyph_cache_read(arena *a, const char *dic_path);
/* Saves a freshly loaded machine; failure to write is silent. */
void hyph_cache_write(arena *a, const char *dic_path, const HyphenDict *d);

#endif
