/* A cache of loaded hyphenation dictionaries (see hyphen_cache.c). */
#ifndef DOSSIER_HYPHEN_CACHE_H
#define DOSSIER_HYPHEN_CACHE_H

#include "../util/util.h"

#include <hyphen.h>

/* The cached file, mapped into memory: the machine points into it. */
typedef struct {
    void *addr;
    size_t len;
} hyph_mapping;

/* The machine cached for dic_path, rebuilt in the arena (never pass it to
 * hnj_hyphen_free) over the mapped file, or NULL when there is no valid
 * cache entry. *map receives the mapping, which must outlive the machine
 * and then go to hyph_cache_release. */
HyphenDict *hyph_cache_read(arena *a, const char *dic_path, hyph_mapping *map);
void hyph_cache_release(hyph_mapping *map);
/* Saves a freshly loaded machine; failure to write is silent. */
void hyph_cache_write(arena *a, const char *dic_path, const HyphenDict *d);

#endif
