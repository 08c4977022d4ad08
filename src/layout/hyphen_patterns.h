/* Pattern dictionaries made fit for libhyphen. Its automaton reports only
 * the match of the state it is in, so every state must already hold all
 * the patterns that end there; dictionaries are meant to be preprocessed
 * for that (substrings.pl in libhyphen's sources). Debian's hyph_ru_RU.dic
 * was not: "демократия" then gets only "демокра-тия", not "де-мо-кра-тия".
 * Completing the patterns in memory fixes that for any dictionary, and
 * changes nothing in one that was preprocessed (hyph_en_US.dic).
 * Internal to hyphen.c. */
#ifndef DOSSIER_HYPHEN_PATTERNS_H
#define DOSSIER_HYPHEN_PATTERNS_H

#include "../util/util.h"

/* Rewrites the text of a libhyphen dictionary (first line: its charset)
 * so that each prefix of a pattern that ends in other patterns carries
 * their values, and turns TeX exception words (no digits; "се-го-дня")
 * into whole-word patterns that override all others. Duplicate patterns
 * are merged (libhyphen leaks the first of two). Each NEXTLEVEL level is
 * completed on its own; non-standard patterns ("/") are kept as written.
 * utf8: the dictionary is UTF-8 (values go only between whole characters).
 * Returns the new text, NUL-terminated, in the arena. */
char *hyph_patterns_complete(arena *a, const char *text, size_t len, bool utf8, size_t *out_len);

#endif
