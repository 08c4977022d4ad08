/* Measuring and emitting text with per-character font fallback. */
#include "layout_internal.h"

#include <string.h>

/* The next character; ASCII, most of any text, without the decoder. */
static inline size_t next_cp(const char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    return (size_t)utf8_next(s + i, n - i, cp);
}

/* Characters that have nothing to draw and need no font. */
static bool invisible(uint32_t cp)
{
    return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

/* The face text_emit draws cp with, and its advance in 1/1000 em (0 when
 * negative); NULL when it skips cp: nothing to draw, or no font has it. */
static inline font_face *drawing_face(lctx *c, font_face *f, uint32_t cp, int *advance)
{
    *advance = 0;
    if (invisible(cp))
        return NULL;
    int w = font_advance(f, cp);
    font_face *face = f;
    if (w < 0) {
        face = font_for_char(c->fonts, f, cp);
        w = face ? font_advance(face, cp) : 0;
    }
    *advance = MAX(0, w);
    return face;
}

/* Kerning applies between neighbours that text_emit puts into one string:
 * drawn by the same face, with nothing skipped between them. The renderer
 * kerns every pair inside a string, so measured and drawn widths agree. */
float text_width_fallback(lctx *c, font_face *f, float size, bool kern, const char *s, size_t n)
{
    int units = 0;
    uint32_t prev = 0;
    font_face *prev_face = NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += next_cp(s, n, i, &cp);
        int w;
        font_face *face = drawing_face(c, f, cp, &w);
        units += w;
        if (face && face == prev_face && kern)
            units += font_kern(face, prev, cp);
        prev = cp;
        prev_face = face;
    }
    return (float)units * size / 1000.0f;
}

float text_kern_at(lctx *c, font_face *f, float size, bool kern, const char *s, size_t n, size_t at)
{
    if (!kern || at == 0 || at >= n)
        return 0;
    size_t k = at - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    uint32_t left, right;
    next_cp(s, n, k, &left);
    next_cp(s, n, at, &right);
    int w;
    font_face *fl = drawing_face(c, f, left, &w);
    if (!fl || fl != drawing_face(c, f, right, &w))
        return 0;
    return (float)font_kern(fl, left, right) * size / 1000.0f;
}

/* Each text item carries its glyphs, one per character drawn, with the
 * kerning that follows a glyph folded into its advance; clusters are byte
 * offsets into the item's text. `glyphs` has room for every byte of s. */
float text_emit(lctx *c, dl_list *l, font_face *f, float size, bool kern, rgba color, float x, float y,
                const char *s, size_t n, srcpos at)
{
    float x0 = x;
    float scale = size / 1000.0f;
    dl_glyph *glyphs = n ? ARENA_ARRAY(c->a, dl_glyph, n) : NULL;
    int nglyphs = 0, run_glyphs = 0;
    size_t run_start = 0;
    font_face *run_face = NULL;
    int run_units = 0;
    uint32_t prev = 0; /* the run's last character */
    for (size_t i = 0; i <= n;) {
        uint32_t cp = 0;
        int len = 0;
        font_face *face = NULL;
        int w = 0;
        if (i < n) {
            len = (int)next_cp(s, n, i, &cp);
            face = drawing_face(c, f, cp, &w);
            if (!face && !invisible(cp))
                font_report_missing(c->fonts, cp, at);
        }
        /* a run ends at the end, at a face change, or at a character
         * that cannot be drawn */
        if (i == n || face != run_face) {
            if (run_face && i > run_start) {
                /* the renderer joins words on a line with real spaces */
                font_mark_used(run_face, ' ');
                dl_item *it = dl_text(c, l, run_face, size, kern, color, x, y, s + run_start, i - run_start);
                it->u.text.glyphs = glyphs + run_glyphs;
                it->u.text.nglyphs = nglyphs - run_glyphs;
                x += (float)run_units * scale;
            }
            run_face = face;
            run_start = i;
            run_glyphs = nglyphs;
            run_units = 0;
            prev = 0;
            if (i == n)
                break;
        }
        if (face) {
            font_mark_used(face, cp);
            run_units += w;
            if (prev && kern) {
                int k = font_kern(face, prev, cp);
                run_units += k;
                glyphs[nglyphs - 1].advance += (float)k * scale;
            }
            glyphs[nglyphs++] = (dl_glyph){.gid = font_glyph(face, cp), .cluster = (uint32_t)(i - run_start),
                                           .advance = (float)w * scale};
            prev = cp;
        } else {
            /* skipped: the next run starts after it */
            run_start = i + (size_t)len;
        }
        i += (size_t)len;
    }
    return x - x0;
}
