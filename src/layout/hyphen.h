/* Hyphenation points from libhyphen's pattern dictionaries. Internal to the
 * layout stage. */
#ifndef DOSSIER_HYPHEN_H
#define DOSSIER_HYPHEN_H

#include "../util/util.h"

typedef struct hyphenator hyphenator;

/* Opens the patterns for a language tag ("en", "en-GB", "ru", "kk") from
 * the system's hyphenation folder (/usr/share/hyphen), then from `bundled`
 * (the program's own patterns, Kazakh and Kyrgyz; may be NULL), choosing
 * the best dictionary for the tag ("en" -> hyph_en_US.dic; "en-GB" ->
 * hyph_en_GB.dic, else the same). DOSSIER_HYPHEN_DIR, when set, replaces
 * both folders. The charset is the dictionary's first line. Returns NULL
 * when no patterns exist for the language; the caller reports that once.
 * Takes some milliseconds (17 for English): open once per language. */
hyphenator *hyph_open(const char *lang, const char *bundled);
void hyph_close(hyphenator *h);
/* Whether hyph_open would find a dictionary for the tag, without loading
 * it (a few file look-ups): to say early that a language has none. */
bool hyph_available(const char *lang, const char *bundled);
/* The Debian package that provides patterns for the tag's language
 * ("hyphen-de", "hyphen-en-gb"), or NULL when none does. */
const char *hyph_package(const char *lang);
/* False for languages whose writing does not break words at line ends
 * (Arabic, Persian, Hebrew, Chinese, Japanese...): no patterns are
 * wanted, and their absence is not worth a word. */
bool hyph_customary(const char *lang);
/* The dictionary file in use, for notes and -M dependency lists. */
const char *hyph_path(const hyphenator *h);

/* Finds the points where `word` (UTF-8, letters only, as it appears in the
 * text, any case) may be hyphenated. Writes byte offsets into `word`
 * after which a hyphen may be inserted, ascending, into `out` (capacity
 * max) and returns how many. Left and right minima are in characters
 * (2 and 3 by default, as TeX); a dictionary's own minima are a floor.
 * Words in a script the dictionary cannot encode give no points, nor do
 * words with ASCII digits or punctuation, or longer than 255 bytes.
 * Results are cached per word and minima until hyph_close. */
int hyph_points(hyphenator *h, const char *word, size_t len, int left_min, int right_min,
                int *out, int max);

#endif
