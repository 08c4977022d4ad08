/* Hyphenation points from libhyphen's pattern dictionaries. Internal to the
 * layout stage. */
#ifndef DOSSIER_HYPHEN_H
#define DOSSIER_HYPHEN_H

#include "../util/util.h"

typedef struct hyphenator hyphenator;

/* Opens the patterns for a language tag ("en", "en-GB", "ru", "kk") from
 * the system's hyphenation folder (/usr/share/hyphen), choosing the best
 * dictionary for the tag ("en" -> hyph_en_US.dic). Returns NULL when no
 * patterns exist for the language; the caller reports that once. */
hyphenator *hyph_open(const char *lang);
void hyph_close(hyphenator *h);
/* The dictionary file in use, for notes and -M dependency lists. */
const char *hyph_path(const hyphenator *h);

/* Finds the points where `word` (UTF-8, letters only, as it appears in the
 * text, any case) may be hyphenated. Writes byte offsets into `word`
 * after which a hyphen may be inserted, ascending, into `out` (capacity
 * max) and returns how many. Left and right minima are in characters
 * (2 and 3 by default, as TeX). Words in a script the dictionary cannot
 * encode give no points. */
int hyph_points(hyphenator *h, const char *word, size_t len, int left_min, int right_min,
                int *out, int max);

#endif
