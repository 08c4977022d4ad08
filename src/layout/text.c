/* Measuring and emitting shaped text. Text is cut at spaces into words
 * and runs of spaces; each is shaped on its own (shape.c, cached), so a
 * word measures the same wherever it stands, and what is drawn is exactly
 * the sum of what was measured. */
#include "layout_internal.h"

#include <hb.h>
#include <string.h>

/* The end of the token (a word, or a run of spaces) starting at i. */
static size_t token_end(const char *s, size_t n, size_t i)
{
    bool space = s[i] == ' ';
    while (i < n && (s[i] == ' ') == space)
        i++;
    return i;
}

float text_width_dir(lctx *c, font_face *f, float size, bool kern, const char *settings, int dir, const char *s,
                     size_t n)
{
    float units = 0;
    for (size_t i = 0; i < n;) {
        size_t e = token_end(s, n, i);
        units += shape_word(c, f, kern, settings, dir, s + i, e - i)->width;
        i = e;
    }
    return units * size / 1000.0f;
}

float text_width_fallback(lctx *c, font_face *f, float size, bool kern, const char *s, size_t n)
{
    return text_width_dir(c, f, size, kern, NULL, DIR_AUTO, s, n);
}

/* Whether the word may be cut at byte `at` and its parts shaped apart
 * with the same result: a left-to-right word of one face whose glyph at
 * `at` starts a cluster that is not unsafe to break. */
static bool safe_at(const shaped_word *w, size_t n, size_t at)
{
    if (w->nsegs != 1 || w->segs[0].rtl || !w->segs[0].face)
        return false;
    if (at == 0 || at == n)
        return true;
    for (int i = 0; i < w->nglyphs; i++)
        if (w->glyphs[i].cluster == at)
            return !w->glyphs[i].unsafe;
    return false; /* inside a cluster */
}

float text_part_width(lctx *c, font_face *f, float size, bool kern, const char *settings, int dir, const char *s,
                      size_t n, size_t from, size_t to)
{
    if (!memchr(s, ' ', n)) {
        const shaped_word *w = shape_word(c, f, kern, settings, dir, s, n);
        if (safe_at(w, n, from) && safe_at(w, n, to)) {
            float units = 0;
            for (int i = 0; i < w->nglyphs; i++)
                if (w->glyphs[i].cluster >= from && w->glyphs[i].cluster < to)
                    units += w->glyphs[i].advance;
            return units * size / 1000.0f;
        }
    }
    return text_width_dir(c, f, size, kern, settings, dir, s + from, to - from);
}

float text_kern_at(lctx *c, font_face *f, float size, bool kern, const char *settings, int dir, const char *s,
                   size_t n, size_t at)
{
    if (at == 0 || at >= n)
        return 0;
    /* where the word may be cut, its parts add up to the whole */
    if (!memchr(s, ' ', n) && safe_at(shape_word(c, f, kern, settings, dir, s, n), n, at))
        return 0;
    return text_width_dir(c, f, size, kern, settings, dir, s, n) - text_width_dir(c, f, size, kern, settings, dir, s, at) -
           text_width_dir(c, f, size, kern, settings, dir, s + at, n - at);
}

/* Reports the characters of a segment no face draws (characters with
 * nothing to draw, such as joiners, are not missing). */
static void report_missing(lctx *c, const char *s, size_t start, size_t end, srcpos at)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (size_t i = start; i < end;) {
        uint32_t cp;
        i += (size_t)utf8_next(s + i, end - i, &cp);
        hb_unicode_general_category_t gc = hb_unicode_general_category(uf, cp);
        bool ignorable = gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT || cp == 0xAD || (cp >= 0xFE00 && cp <= 0xFE0F) ||
                         (cp >= 0xE0100 && cp <= 0xE01EF);
        if (!ignorable)
            font_report_missing(c->fonts, cp, at);
    }
}

/* Records the characters a face draws (the PDF writer subsets by them). */
static void mark_used(font_face *f, const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end;) {
        uint32_t cp;
        i += (size_t)utf8_next(s + i, end - i, &cp);
        font_mark_used(f, cp);
    }
}

/* A text item being gathered: consecutive segments of one face and
 * direction, contiguous in the text. */
typedef struct {
    font_face *face;
    bool rtl;
    size_t start, end;  /* bytes of the text */
    float x;
    vec glyphs;         /* dl_glyph */
} pending_item;

static void flush_item(lctx *c, dl_list *l, pending_item *p, float size, bool kern, rgba color, float y,
                       const char *s)
{
    if (p->face && p->glyphs.len) {
        dl_item *it = dl_text(c, l, p->face, size, kern, color, p->x, y, s + p->start, p->end - p->start);
        dl_glyph *g = ARENA_ARRAY(c->a, dl_glyph, p->glyphs.len);
        memcpy(g, p->glyphs.data, sizeof *g * p->glyphs.len);
        it->u.text.glyphs = g;
        it->u.text.nglyphs = (int)p->glyphs.len;
        it->u.text.rtl = p->rtl;
    }
    p->face = NULL;
    p->glyphs.len = 0;
}

/* Appends the glyphs of s[from..to) (one token or a part of one, shaped
 * in `dir`) to the pending item at pen position *x. */
static void emit_span(lctx *c, dl_list *l, pending_item *p, font_face *f, float size, bool kern,
                      const char *settings, int dir, rgba color, float *x, float y, const char *s, size_t from,
                      size_t to, srcpos at)
{
    float scale = size / 1000.0f;
    arena *scratch = c->sa ? c->sa : c->a;
    const shaped_word *w = shape_word(c, f, kern, settings, dir, s + from, to - from);
    for (int k = 0; k < w->nsegs; k++) {
        const shaped_seg *sg = &w->segs[k];
        size_t start = from + sg->start, end = from + sg->end;
        if (!sg->face) {
            flush_item(c, l, p, size, kern, color, y, s);
            report_missing(c, s, start, end, at);
            continue;
        }
        if (sg->face != p->face || sg->rtl || p->rtl || start != p->end) {
            /* a right-to-left segment stands alone: its glyphs are in
             * visual order, which appending would break */
            flush_item(c, l, p, size, kern, color, y, s);
            p->face = sg->face;
            p->rtl = sg->rtl;
            p->start = start;
            p->x = *x;
        }
        p->end = end;
        mark_used(sg->face, s, start, end);
        for (int g = 0; g < sg->count; g++) {
            const shaped_glyph *sgl = &w->glyphs[sg->first + g];
            dl_glyph *d = VEC_PUSH(scratch, &p->glyphs, dl_glyph);
            d->gid = sgl->gid;
            d->cluster = (uint32_t)(from + sgl->cluster - p->start);
            d->advance = sgl->advance * scale;
            d->dx = sgl->dx * scale;
            d->dy = sgl->dy * scale;
            *x += d->advance;
        }
    }
}

float text_emit_dir(lctx *c, dl_list *l, font_face *f, float size, bool kern, const char *settings, int dir,
                    rgba color, float x, float y, const char *s, size_t n, srcpos at)
{
    float x0 = x;
    pending_item p = {0};
    vec_init(&p.glyphs, sizeof(dl_glyph));
    for (size_t i = 0; i < n;) {
        size_t e = token_end(s, n, i);
        emit_span(c, l, &p, f, size, kern, settings, dir, color, &x, y, s, i, e, at);
        i = e;
    }
    flush_item(c, l, &p, size, kern, color, y, s);
    return x - x0;
}

/* The runs of a one-line text: tokens (words, spaces) cut where the bidi
 * level changes. */
typedef struct {
    size_t start, end;
    uint8_t level;
    bool white;
} line_run;

static int line_runs(arena *a, const char *s, size_t n, const uint8_t *levels, line_run **out)
{
    line_run *runs = ARENA_ARRAY(a, line_run, n ? n : 1);
    int count = 0;
    for (size_t i = 0; i < n;) {
        size_t e = token_end(s, n, i), k = i;
        while (k < e) {
            size_t j = k + 1;
            while (j < e && levels[j] == levels[k])
                j++;
            runs[count++] = (line_run){k, j, levels[k], s[k] == ' '};
            k = j;
        }
        i = e;
    }
    *out = runs;
    return count;
}

float text_emit_line(lctx *c, dl_list *l, font_face *f, float size, bool kern, const char *settings, int base,
                     rgba color, float x, float y, const char *s, size_t n, srcpos at)
{
    arena *scratch = c->sa ? c->sa : c->a;
    uint8_t *levels = ARENA_ARRAY(scratch, uint8_t, n ? n : 1);
    int par = bidi_levels(scratch, s, n, base, levels);
    bool mixed = par != 0;
    for (size_t i = 0; i < n && !mixed; i++)
        mixed = levels[i] != 0;
    if (!mixed)
        return text_emit_dir(c, l, f, size, kern, settings, DIR_AUTO, color, x, y, s, n, at);
    line_run *runs;
    int count = line_runs(scratch, s, n, levels, &runs);
    uint8_t *run_levels = ARENA_ARRAY(scratch, uint8_t, (size_t)count + 1);
    bool *white = ARENA_ARRAY(scratch, bool, (size_t)count + 1);
    int *order = ARENA_ARRAY(scratch, int, (size_t)count + 1);
    for (int k = 0; k < count; k++) {
        run_levels[k] = runs[k].level;
        white[k] = runs[k].white;
    }
    bidi_visual_order(scratch, run_levels, white, count, par, order);
    float x0 = x;
    pending_item p = {0};
    vec_init(&p.glyphs, sizeof(dl_glyph));
    for (int k = 0; k < count; k++) {
        const line_run *r = &runs[order[k]];
        emit_span(c, l, &p, f, size, kern, settings, r->level & 1 ? DIR_RTL : DIR_LTR, color, &x, y, s, r->start,
                  r->end, at);
    }
    flush_item(c, l, &p, size, kern, color, y, s);
    return x - x0;
}

float text_emit(lctx *c, dl_list *l, font_face *f, float size, bool kern, rgba color, float x, float y,
                const char *s, size_t n, srcpos at)
{
    return text_emit_dir(c, l, f, size, kern, NULL, DIR_AUTO, color, x, y, s, n, at);
}

/* ---- text set in a style: its face, kerning and OpenType features ------ */

const char *style_features(lctx *c, const computed_style *cs)
{
    if (!*cs->ligatures)
        return *cs->feature_settings ? cs->feature_settings : NULL;
    if (!*cs->feature_settings)
        return cs->ligatures;
    return arena_printf(c->a, "%s,%s", cs->ligatures, cs->feature_settings);
}

float style_text_width(lctx *c, const computed_style *cs, float size, const char *s, size_t n)
{
    return text_width_dir(c, cs->font, size, cs->kerning, style_features(c, cs), DIR_AUTO, s, n);
}

float style_text_emit(lctx *c, dl_list *l, const computed_style *cs, float size, rgba color, float x, float y,
                      const char *s, size_t n, srcpos at)
{
    return text_emit_line(c, l, cs->font, size, cs->kerning, style_features(c, cs), cs->direction, color, x, y, s,
                          n, at);
}
