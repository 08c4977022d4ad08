/* Bidirectional text (UAX #9) with FriBidi: embedding levels once per
 * paragraph, in logical order, before lines are broken; the visual order
 * of each line's runs after. Characters are never reordered: runs are
 * shaped in logical order and placed in visual order. */
#include "layout_internal.h"

#include <fribidi.h>
#include <string.h>

/* Characters that can make text right-to-left: the right-to-left
 * blocks (Hebrew to Arabic Extended, their presentation forms, the
 * right-to-left ranges of planes 1) and the bidi controls and marks. */
static bool rtl_capable(uint32_t cp)
{
    return (cp >= 0x590 && cp <= 0x8FF) || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE) ||
           (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

/* Whether s can hold anything but left-to-right text. Every such
 * character lies at U+0590 or above (UTF-8 lead byte 0xD6 or more), so
 * most paragraphs are read bytewise, and only the rest decoded. */
static bool may_need_bidi(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0xD6)
            continue;
        uint32_t cp;
        int k = utf8_next(s + i, n - i, &cp);
        if (rtl_capable(cp))
            return true;
        i += (size_t)k - 1;
    }
    return false;
}

int bidi_levels(arena *a, const char *s, size_t n, int base, uint8_t *levels)
{
    int fallback = base == 1 ? 1 : 0;
    if (n == 0 || (base != 1 && !may_need_bidi(s, n))) {
        memset(levels, 0, n);
        return fallback;
    }
    /* FriBidi reads UTF-32: one code point per character, and where each
     * starts among the bytes */
    FriBidiChar *text = ARENA_ARRAY(a, FriBidiChar, n);
    size_t *start = ARENA_ARRAY(a, size_t, n + 1);
    FriBidiStrIndex len = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        start[len] = i;
        i += (size_t)utf8_next(s + i, n - i, &cp);
        text[len++] = cp;
    }
    start[len] = n;
    FriBidiCharType *types = ARENA_ARRAY(a, FriBidiCharType, (size_t)len);
    FriBidiBracketType *brackets = ARENA_ARRAY(a, FriBidiBracketType, (size_t)len);
    FriBidiLevel *lv = ARENA_ARRAY(a, FriBidiLevel, (size_t)len);
    fribidi_get_bidi_types(text, len, types);
    fribidi_get_bracket_types(text, len, types, brackets);
    FriBidiParType dir = base == 0 ? FRIBIDI_PAR_LTR : base == 1 ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, len, &dir, lv)) {
        memset(levels, fallback, n);
        return fallback;
    }
    for (FriBidiStrIndex k = 0; k < len; k++)
        memset(levels + start[k], lv[k], start[k + 1] - start[k]);
    return FRIBIDI_LEVEL_IS_RTL(FRIBIDI_DIR_TO_LEVEL(dir)) ? 1 : 0;
}

void bidi_visual_order(arena *a, const uint8_t *levels, const bool *white, int n, int base, int *order)
{
    FriBidiCharType *types = ARENA_ARRAY(a, FriBidiCharType, n ? (size_t)n : 1);
    FriBidiLevel *lv = ARENA_ARRAY(a, FriBidiLevel, n ? (size_t)n : 1);
    FriBidiStrIndex *map = ARENA_ARRAY(a, FriBidiStrIndex, n ? (size_t)n : 1);
    for (int i = 0; i < n; i++) {
        /* white space is what L1 sets back to the paragraph's level at
         * the end of the line; the rest is strong in its level's direction */
        types[i] = white[i] ? FRIBIDI_TYPE_WS : FRIBIDI_LEVEL_TO_DIR(levels[i]);
        lv[i] = levels[i];
        map[i] = i;
    }
    FriBidiParType dir = base ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    /* on a copy of the levels: the call changes them (L1) */
    if (!fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT, types, n, 0, dir, lv, NULL, map)) {
        for (int i = 0; i < n; i++)
            order[i] = i;
        return;
    }
    for (int i = 0; i < n; i++)
        order[i] = map[i];
}
