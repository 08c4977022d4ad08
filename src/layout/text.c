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

float text_width(font_face *f, float size, const char *s, size_t n)
{
    int units = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += next_cp(s, n, i, &cp);
        int w = font_advance(f, cp);
        if (w > 0)
            units += w;
    }
    return (float)units * size / 1000.0f;
}

float text_width_fallback(lctx *c, font_face *f, float size, const char *s, size_t n)
{
    int units = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += next_cp(s, n, i, &cp);
        int w = font_advance(f, cp);
        if (w < 0) {
            font_face *fb = font_for_char(c->fonts, f, cp);
            w = fb ? font_advance(fb, cp) : 0;
        }
        if (w > 0)
            units += w;
    }
    return (float)units * size / 1000.0f;
}

static void report_missing(lctx *c, uint32_t cp, srcpos at)
{
    font_report_missing(c->fonts, cp, at);
}

/* Characters that have nothing to draw and need no font. */
static bool invisible(uint32_t cp)
{
    return cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

float text_emit(lctx *c, dl_list *l, font_face *f, float size, rgba color, float x, float y, const char *s,
                size_t n, srcpos at)
{
    float x0 = x;
    size_t run_start = 0;
    font_face *run_face = NULL;
    int run_units = 0;
    for (size_t i = 0; i <= n;) {
        uint32_t cp = 0;
        int len = 0;
        font_face *face = NULL;
        if (i < n) {
            len = (int)next_cp(s, n, i, &cp);
            if (invisible(cp)) {
                face = NULL;
            } else if (cp > 0xFFFF) {
                report_missing(c, cp, at);
            } else {
                face = font_advance(f, cp) >= 0 ? f : font_for_char(c->fonts, f, cp);
                if (!face)
                    report_missing(c, cp, at);
            }
        }
        /* a run ends at the end, at a face change, or at a character
         * that cannot be drawn */
        if (i == n || face != run_face) {
            if (run_face && i > run_start) {
                /* the renderer joins words on a line with real spaces */
                font_mark_used(run_face, ' ');
                dl_text(c, l, run_face, size, color, x, y, s + run_start, i - run_start);
                x += (float)run_units * size / 1000.0f;
            }
            run_face = face;
            run_start = i;
            run_units = 0;
            if (i == n)
                break;
        }
        if (face) {
            font_mark_used(face, cp);
            int w = font_advance(face, cp);
            if (w > 0)
                run_units += w;
        } else {
            /* skipped: the next run starts after it */
            run_start = i + (size_t)len;
        }
        i += (size_t)len;
    }
    return x - x0;
}
