/* Folding and matching: what counts as an occurrence of a withheld name.
 * The pass over the tree and the self-check over the PDF use the same
 * rules, so whatever the check would find, the pass has withheld. */
#include "redact_internal.h"

#include <string.h>

#define SKIP 0xFFFFFFFFu

void fold_init(folded *f, arena *a)
{
    memset(f, 0, sizeof *f);
    f->a = a;
}

void fold_reset(folded *f)
{
    f->n = 0;
}

static void push(folded *f, uint32_t u, size_t from, size_t to)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        uint32_t *nu = ARENA_ARRAY(f->a, uint32_t, cap);
        size_t *nf = ARENA_ARRAY(f->a, size_t, cap);
        size_t *nt = ARENA_ARRAY(f->a, size_t, cap);
        if (f->n) {
            memcpy(nu, f->u, f->n * sizeof *nu);
            memcpy(nf, f->from, f->n * sizeof *nf);
            memcpy(nt, f->to, f->n * sizeof *nt);
        }
        f->u = nu, f->from = nf, f->to = nt, f->cap = cap;
    }
    f->u[f->n] = u;
    f->from[f->n] = from;
    f->to[f->n] = to;
    f->n++;
}

/* Characters that neither part nor join words. */
static bool ignorable(uint32_t c)
{
    return c == 0xAD ||                      /* soft hyphen */
           (c >= 0x200B && c <= 0x200F) ||   /* zero-width space, joiners, marks */
           c == 0x2060 || c == 0xFEFF ||     /* word joiner, BOM */
           (c >= 0x300 && c <= 0x36F) ||     /* combining marks */
           (c >= 0x483 && c <= 0x489) ||     /* Cyrillic combining marks */
           (c >= 0x64B && c <= 0x65F) || c == 0x670 || c == 0x640 || /* Arabic harakat, tatweel */
           (c >= 0xFE00 && c <= 0xFE0F);     /* variation selectors */
}

/* Everything that is not a letter or digit of some script. Beyond the
 * scripts casemap.c knows, punctuation and symbol blocks are excluded and
 * the rest (Arabic, Hebrew, CJK ...) counts as letters. */
static bool word_char(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (cp_is_letter(c))
        return true;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return false;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xE000 && c <= 0xF8FF))
        return false;
    if (c == 0x60C || c == 0x61B || c == 0x61F || (c >= 0x66A && c <= 0x66D) || c == 0x6D4 || c == 0x5BE ||
        c == 0x5C0 || c == 0x5C3 || c == 0x5F3 || c == 0x5F4)
        return false; /* Arabic and Hebrew punctuation */
    return true;
}

uint32_t fold_letter(uint32_t c)
{
    if (ignorable(c))
        return SKIP;
    if (!word_char(c))
        return UNIT_SEP;
    c = cp_lower(c);
    switch (c) {
    case 0x451: return 0x435; /* ё as е: Russian text often drops the dots */
    case 0x6CC: case 0x649: return 0x64A; /* Persian and Arabic yeh, alef maksura */
    case 0x6A9: return 0x643; /* Persian keheh as Arabic kaf */
    default: return c < 2 ? UNIT_SEP : c; /* NUL and U+0001 are not letters */
    }
}

void fold_cp(folded *f, uint32_t cp, size_t at)
{
    uint32_t u = fold_letter(cp);
    if (u == SKIP)
        return;
    if (u == UNIT_SEP) {
        fold_boundary(f, UNIT_SEP, at);
        return;
    }
    push(f, u, at, at + 1);
}

void fold_boundary(folded *f, uint32_t kind, size_t at)
{
    if (f->n && f->u[f->n - 1] <= UNIT_MAYBE) {
        /* one separator per run; a hard one wins */
        if (kind == UNIT_SEP)
            f->u[f->n - 1] = UNIT_SEP;
        f->to[f->n - 1] = at;
        return;
    }
    push(f, kind, at, at);
}

void fold_utf8(folded *f, const char *s, size_t n, size_t base)
{
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int k = utf8_next(s + i, n - i, &c);
        uint32_t u = fold_letter(c);
        if (u == UNIT_SEP)
            fold_boundary(f, UNIT_SEP, base + i);
        else if (u != SKIP)
            push(f, u, base + i, base + i + (size_t)k);
        if (f->n && f->u[f->n - 1] <= UNIT_MAYBE)
            f->to[f->n - 1] = base + i + (size_t)k;
        i += (size_t)k;
    }
}

bool needle_make(arena *a, const char *s, size_t n, needle *out)
{
    folded f;
    fold_init(&f, a);
    fold_utf8(&f, s, n, 0);
    size_t lo = 0, hi = f.n;
    while (lo < hi && f.u[lo] <= UNIT_MAYBE)
        lo++;
    while (hi > lo && f.u[hi - 1] <= UNIT_MAYBE)
        hi--;
    if (lo == hi)
        return false;
    out->u = f.u + lo;
    out->n = hi - lo;
    out->nwords = 1;
    for (size_t i = 0; i < out->n; i++)
        if (out->u[i] <= UNIT_MAYBE)
            out->nwords++;
    return true;
}

bool fold_word_start(const folded *h, size_t i)
{
    return i < h->n && h->u[i] > UNIT_MAYBE && (i == 0 || h->u[i - 1] <= UNIT_MAYBE);
}

size_t needle_match_at(const folded *h, size_t i, const needle *nd)
{
    size_t j = i;
    size_t k = 0;
    while (k < nd->n) {
        if (nd->u[k] == UNIT_SEP) {
            /* the text's word may go on (an ending), then must end */
            while (j < h->n && h->u[j] > UNIT_MAYBE)
                j++;
            if (j >= h->n)
                return 0;
            while (j < h->n && h->u[j] <= UNIT_MAYBE)
                j++;
            k++;
            continue;
        }
        /* inside a word a maybe-boundary joins (a font change mid-word) */
        if (k > 0 && nd->u[k - 1] != UNIT_SEP)
            while (j < h->n && h->u[j] == UNIT_MAYBE)
                j++;
        if (j >= h->n || h->u[j] != nd->u[k])
            return 0;
        j++;
        k++;
    }
    while (j < h->n && h->u[j] > UNIT_MAYBE)
        j++;
    return j;
}
