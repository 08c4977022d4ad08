/* Paragraphs, step 2: what is known of the whole paragraph before lines
 * exist: bidi levels and break opportunities. */
#include "inline_internal.h"

#include <linebreak.h>
#include <string.h>

/* UAX #14 break opportunities per byte. libunibreak 1.1 aborts on an
 * assertion at two kinds of valid input, which it reads in a copy where
 * each is replaced by a character of the same length and line-break
 * behaviour:
 * - regional indicators (the letters of flag emoji, U+1F1E6 to U+1F1FF):
 *   its pair table stops before their class; an ideograph (U+20000);
 * - U+FFFF, its end-of-text sentinel: a noncharacter in the text ends
 *   its loop early; U+FFFD, whose class (AI, read as AL) is what it
 *   gives U+FFFF's (XX, read as AL). */
static void unibreak_safe(arena *a, const char *s, size_t len, const char *lang, char *brks)
{
    char *copy = NULL;
    for (size_t i = 0; i + 2 < len; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        const char *swap = NULL;
        size_t n = 0;
        if (u[0] == 0xEF && u[1] == 0xBF && u[2] == 0xBF) {
            swap = "\xEF\xBF\xBD";
            n = 3;
        } else if (i + 3 < len && u[0] == 0xF0 && u[1] == 0x9F && u[2] == 0x87 && u[3] >= 0xA6 && u[3] <= 0xBF) {
            swap = "\xF0\xA0\x80\x80";
            n = 4;
        }
        if (!swap)
            continue;
        if (!copy)
            copy = arena_memdup(a, s, len);
        memcpy(copy + i, swap, n);
        i += n - 1;
    }
    set_linebreaks_utf8((const utf8_t *)(copy ? copy : s), len, lang, brks);
}

/* UAX #14 break opportunities inside the paragraph's words. Spaces are
 * break points of their own (glue), so only breaks between two non-space
 * characters are read, and those depend on the word alone: libunibreak
 * runs over each word that holds anything but letters, digits and the
 * punctuation that never opens a break inside a word (. , ; : and
 * apostrophes; quotation marks do, by language: libunibreak reads “ as
 * opening in English and closing in Russian); plain words, most of the
 * text, cannot break inside. That keeps
 * the lookup, the costliest step of setting a paragraph, to a small part
 * of the text. */
static bool never_breaks_inside(uint32_t cp)
{
    return cp_is_letter(cp) || (cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == ';' || cp == ':' ||
           cp == '\'' || cp == 0x2019;
}

void find_breaks(para *p)
{
    lctx *c = p->c;
    size_t n = p->buf.len;
    const char *s = p->buf.data;
    p->brks = arena_alloc(c->sa, n + 1);
    memset(p->brks, LINEBREAK_NOBREAK, n + 1);
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\n'))
            i++;
        size_t start = i;
        bool plain = true;
        while (i < n && s[i] != ' ' && s[i] != '\n') {
            uint32_t cp;
            int k = utf8_next(s + i, n - i, &cp);
            if (plain && !never_breaks_inside(cp))
                plain = false;
            i += (size_t)k;
        }
        if (!plain)
            unibreak_safe(c->sa, s + start, i - start, c->lang, p->brks + start);
    }
}

/* Bidi levels once per paragraph, before any line is broken. */
void find_levels(para *p)
{
    p->levels = arena_alloc(p->c->sa, p->buf.len + 1);
    int base = p->cs->bidi == BIDI_PLAINTEXT ? DIR_AUTO : p->cs->direction;
    p->base_level = bidi_levels(p->c->sa, p->buf.data, p->buf.len, base, p->levels);
    p->bidi = p->base_level == 1;
    /* any level above 0 (Arabic-Indic digits and separators in
     * left-to-right text are at level 2): shaped in their level's
     * direction, not their script's, which would reverse the number */
    for (size_t i = 0; i < p->buf.len && !p->bidi; i++)
        p->bidi = p->levels[i] != 0;
}
