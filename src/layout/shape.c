/* Shaping with HarfBuzz. A word (text between spaces, in one style) is
 * cut into runs of one script (Common and Inherited characters join their
 * neighbours); each run is shaped with its face, script, direction and
 * language set explicitly (never guessed: HarfBuzz would take the
 * language from the process locale), with the whole word as context so
 * joining sees its neighbours. Clusters that come out as .notdef are
 * shaped again, whole, with the face fallback offers for them; what no
 * face has is kept as a segment without a face, for the caller to report.
 * Words are cached per face, features, language and text, as browsers
 * and Typst do: a dossier repeats its words. */
#include "layout_internal.h"

#include <hb.h>
#include <string.h>

struct shape_cache {
    arena *a;            /* its own: parts of layout run in arenas freed early (table rows) */
    hmap words;          /* key -> shaped_word* */
    hb_buffer_t *buf;
    char *long_key;      /* the key of a word too long for the stack */
    size_t long_cap;
    vec glyphs, segs;    /* a word's results while it is shaped */
};

void shape_cache_init(lctx *c)
{
    arena *a = arena_new();
    c->shaping = ARENA_NEW(a, shape_cache);
    c->shaping->a = a;
    hmap_init(&c->shaping->words, a);
    vec_init(&c->shaping->glyphs, sizeof(shaped_glyph));
    vec_init(&c->shaping->segs, sizeof(shaped_seg));
}

void shape_cache_free(lctx *c)
{
    if (!c->shaping)
        return;
    if (c->shaping->buf)
        hb_buffer_destroy(c->shaping->buf);
    arena_free(c->shaping->a);
    c->shaping = NULL;
}

/* The script a character belongs to for itemising: Common (spaces,
 * punctuation, digits) and Inherited (combining marks) take their
 * neighbours' script, so they return HB_SCRIPT_INVALID here. */
static hb_script_t own_script(hb_unicode_funcs_t *uf, uint32_t cp)
{
    hb_script_t s = hb_unicode_script(uf, cp);
    if (s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN)
        return HB_SCRIPT_INVALID;
    return s;
}

/* The features every run is shaped with: HarfBuzz turns on the script's
 * required ones and kern, liga, clig, calt, mark and mkmk by default; we
 * set kern explicitly (font-kerning) and keep figures tabular by turning
 * kerning off on each digit and on the character before it (a pair is
 * kerned at its first glyph), so numbers in a column line up. */
static int run_features(const char *s, size_t start, size_t end, bool kern, const char *settings, hb_feature_t *out,
                        int max)
{
    int n = 0;
    hb_tag_t kern_tag = HB_TAG('k', 'e', 'r', 'n');
    out[n++] = (hb_feature_t){kern_tag, kern ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
    /* font-variant-ligatures and font-feature-settings, checked by the
     * style stage: "liga=0,smcp=1" */
    for (const char *f = settings; f && *f && n < max;) {
        size_t len = strcspn(f, ",");
        if (hb_feature_from_string(f, (int)len, &out[n]))
            n++;
        f += len + (f[len] == ',');
    }
    if (!kern)
        return n;
    size_t prev = start;
    for (size_t i = start; i < end;) {
        uint32_t cp;
        size_t k = (size_t)utf8_next(s + i, end - i, &cp);
        if (cp >= '0' && cp <= '9' && n < max)
            out[n++] = (hb_feature_t){kern_tag, 0, (unsigned)prev, (unsigned)(i + k)};
        prev = i;
        i += k;
    }
    return n;
}

/* Shapes s[start..end) of the word s[0..n) with face f into the buffer. */
static bool shape_run(shape_cache *sc, font_face *f, hb_script_t script, hb_direction_t dir, hb_language_t lang,
                      bool kern, const char *settings, const char *s, size_t n, size_t start, size_t end)
{
    hb_font_t *font = font_hb(f);
    if (!font)
        return false;
    hb_buffer_t *b = sc->buf;
    hb_buffer_clear_contents(b);
    hb_buffer_add_utf8(b, s, (int)n, (unsigned)start, (int)(end - start));
    hb_buffer_set_direction(b, dir);
    hb_buffer_set_script(b, script);
    hb_buffer_set_language(b, lang);
    /* default ignorables (ZWJ, ZWNJ, bidi controls) stay as zero-width
     * glyphs of their own clusters: removed, their text would join the
     * next glyph's and come back misplaced from the PDF in right-to-left
     * text (a Persian ZWNJ after the letter it follows) */
    hb_buffer_set_flags(b, HB_BUFFER_FLAG_DEFAULT);
    hb_feature_t feats[64];
    int nf = run_features(s, start, end, kern, settings, feats, (int)COUNT_OF(feats));
    hb_shape(font, b, feats, (unsigned)nf);
    return true;
}

/* Appends the buffer's glyphs (visual order) as a segment of face f. */
static void take_glyphs(lctx *c, font_face *f, bool rtl, size_t start, size_t end)
{
    shape_cache *sc = c->shaping;
    unsigned len;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sc->buf, &len);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sc->buf, &len);
    float scale = 1000.0f / (float)font_upem(f);
    shaped_seg *seg = VEC_PUSH(sc->a, &sc->segs, shaped_seg);
    seg->face = f;
    seg->rtl = rtl;
    seg->start = (uint32_t)start;
    seg->end = (uint32_t)end;
    seg->first = (int)sc->glyphs.len;
    seg->count = (int)len;
    seg->width = 0;
    for (unsigned i = 0; i < len; i++) {
        shaped_glyph *g = VEC_PUSH(sc->a, &sc->glyphs, shaped_glyph);
        g->gid = info[i].codepoint;
        g->cluster = info[i].cluster;
        g->advance = (float)pos[i].x_advance * scale;
        g->dx = (float)pos[i].x_offset * scale;
        g->dy = (float)pos[i].y_offset * scale;
        g->unsafe = (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
        seg->width += g->advance;
    }
}

static void missing_seg(lctx *c, size_t start, size_t end)
{
    shaped_seg *seg = VEC_PUSH(c->shaping->a, &c->shaping->segs, shaped_seg);
    memset(seg, 0, sizeof *seg);
    seg->start = (uint32_t)start;
    seg->end = (uint32_t)end;
    seg->first = (int)c->shaping->glyphs.len;
}

/* Whether every glyph of the buffer is a real one. */
static bool all_drawn(hb_buffer_t *b)
{
    unsigned len;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &len);
    for (unsigned i = 0; i < len; i++)
        if (info[i].codepoint == 0)
            return false;
    return true;
}

/* The first character of s[start..end) that f has no glyph for. */
static uint32_t first_missing(font_face *f, const char *s, size_t start, size_t end)
{
    uint32_t first = 0;
    for (size_t i = start; i < end;) {
        uint32_t cp;
        i += (size_t)utf8_next(s + i, end - i, &cp);
        if (!first)
            first = cp;
        if (!font_has_char(f, cp))
            return cp;
    }
    return first;
}

/* Cluster boundaries of the buffer, ascending byte offsets, then `end`. */
static int cluster_starts(hb_buffer_t *b, size_t end, uint32_t *out, bool *bad, int max)
{
    unsigned len;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &len);
    int n = 0;
    /* clusters are monotonic: ascending in LTR runs, descending in RTL ones */
    for (unsigned k = 0; k < len; k++) {
        uint32_t cl = info[k].cluster;
        int at = -1;
        for (int j = 0; j < n; j++)
            if (out[j] == cl)
                at = j;
        if (at < 0) {
            if (n == max)
                return -1;
            at = n++;
            out[at] = cl;
            bad[at] = false;
        }
        if (info[k].codepoint == 0)
            bad[at] = true;
    }
    /* sort ascending (few clusters, insertion sort) */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j - 1] > out[j]; j--) {
            uint32_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            bool tb = bad[j];
            bad[j] = bad[j - 1];
            bad[j - 1] = tb;
        }
    out[n] = (uint32_t)end;
    return n;
}

#define MAX_CLUSTERS 512

/* One script run of the word, with fallback per cluster. */
static void shape_item(lctx *c, font_face *f, hb_script_t script, hb_language_t lang, bool kern,
                       const char *settings, int want_dir, const char *s, size_t n, size_t start, size_t end)
{
    shape_cache *sc = c->shaping;
    hb_direction_t dir = want_dir == DIR_RTL   ? HB_DIRECTION_RTL
                         : want_dir == DIR_LTR ? HB_DIRECTION_LTR
                                               : hb_script_get_horizontal_direction(script);
    if (dir != HB_DIRECTION_RTL)
        dir = HB_DIRECTION_LTR;
    bool rtl = dir == HB_DIRECTION_RTL;
    if (!shape_run(sc, f, script, dir, lang, kern, settings, s, n, start, end)) {
        missing_seg(c, start, end);
        return;
    }
    if (all_drawn(sc->buf)) {
        take_glyphs(c, f, rtl, start, end);
        return;
    }
    /* runs of clusters drawn by f, and of clusters each drawn by a
     * fallback face, shaped again whole (a base never leaves its marks) */
    uint32_t bounds[MAX_CLUSTERS + 1];
    bool bad[MAX_CLUSTERS];
    int nc = cluster_starts(sc->buf, end, bounds, bad, MAX_CLUSTERS);
    if (nc < 0) {
        /* more clusters than we track: the word is not split further */
        take_glyphs(c, f, rtl, start, end);
        return;
    }
    for (int i = 0; i < nc;) {
        int j = i + 1;
        font_face *face = f;
        if (bad[i]) {
            uint32_t cp = first_missing(f, s, bounds[i], bounds[i + 1]);
            face = font_for_char(c->fonts, f, cp);
            while (j < nc && bad[j]) {
                uint32_t next = first_missing(f, s, bounds[j], bounds[j + 1]);
                if (font_for_char(c->fonts, f, next) != face)
                    break;
                j++;
            }
        } else {
            while (j < nc && !bad[j])
                j++;
        }
        size_t a = bounds[i], z = bounds[j];
        if (bad[i] && (!face || face == f))
            missing_seg(c, a, z); /* no face has it (or f only as .notdef) */
        else if (!shape_run(sc, face, script, dir, lang, kern, settings, s, n, a, z) || (face != f && !all_drawn(sc->buf)))
            missing_seg(c, a, z); /* the fallback face lacks part of the cluster */
        else
            take_glyphs(c, face, rtl, a, z);
        i = j;
    }
}

static hb_language_t language_of(lctx *c)
{
    return hb_language_from_string(c->lang && *c->lang ? c->lang : "und", -1);
}

const shaped_word *shape_word(lctx *c, font_face *f, bool kern, const char *settings, int dir, const char *s,
                              size_t n)
{
    shape_cache *sc = c->shaping;
    /* the key: face, features, language, text; built on the stack, as
     * this runs several times for every word set (measured, kerned,
     * drawn) and nearly always finds the word */
    const char *tag = c->lang ? c->lang : "";
    if (!settings)
        settings = "";
    size_t ntag = strlen(tag) + 1, nset = strlen(settings) + 1; /* each ends at its NUL */
    size_t klen = sizeof(int) + 2 + ntag + nset + n;
    char local[256];
    char *key = local;
    if (klen > sizeof local) {
        if (klen > sc->long_cap) {
            sc->long_cap = klen * 2;
            sc->long_key = arena_alloc_uninit(sc->a, sc->long_cap);
        }
        key = sc->long_key;
    }
    memcpy(key, &f->id, sizeof(int));
    key[sizeof(int)] = kern ? 'k' : '-';
    key[sizeof(int) + 1] = "a<>"[dir + 1];
    memcpy(key + sizeof(int) + 2, tag, ntag);
    memcpy(key + sizeof(int) + 2 + ntag, settings, nset);
    memcpy(key + sizeof(int) + 2 + ntag + nset, s, n);
    shaped_word *w = hmap_get(&sc->words, key, klen);
    if (w)
        return w;
    if (!sc->buf)
        sc->buf = hb_buffer_create();
    sc->glyphs.len = 0;
    sc->segs.len = 0;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_language_t lang = language_of(c);
    /* script runs: a Common or Inherited character joins the run before it
     * (the run after it, at the start) */
    size_t run_start = 0;
    hb_script_t run_script = HB_SCRIPT_INVALID;
    for (size_t i = 0; i <= n;) {
        uint32_t cp = 0;
        size_t k = 0;
        hb_script_t sc_i = HB_SCRIPT_INVALID;
        if (i < n) {
            k = (size_t)utf8_next(s + i, n - i, &cp);
            sc_i = own_script(uf, cp);
        }
        if (i == n || (sc_i != HB_SCRIPT_INVALID && run_script != HB_SCRIPT_INVALID && sc_i != run_script)) {
            if (i > run_start)
                shape_item(c, f, run_script == HB_SCRIPT_INVALID ? HB_SCRIPT_COMMON : run_script, lang, kern, settings,
                           dir, s, n, run_start, i);
            run_start = i;
            run_script = sc_i;
            if (i == n)
                break;
        } else if (run_script == HB_SCRIPT_INVALID) {
            run_script = sc_i;
        }
        i += k;
    }
    if (dir == DIR_RTL) {
        /* the parts of a right-to-left word go right to left */
        shaped_seg *segs = sc->segs.data;
        for (size_t i = 0, j = sc->segs.len; i + 1 < j; i++, j--) {
            shaped_seg t = segs[i];
            segs[i] = segs[j - 1];
            segs[j - 1] = t;
        }
    }
    w = ARENA_NEW(sc->a, shaped_word);
    w->nglyphs = (int)sc->glyphs.len;
    w->nsegs = (int)sc->segs.len;
    shaped_glyph *g = ARENA_ARRAY(sc->a, shaped_glyph, w->nglyphs ? w->nglyphs : 1);
    if (w->nglyphs) /* a word of characters that draw nothing has no glyphs */
        memcpy(g, sc->glyphs.data, sizeof *g * (size_t)w->nglyphs);
    shaped_seg *sg = ARENA_ARRAY(sc->a, shaped_seg, w->nsegs ? w->nsegs : 1);
    if (w->nsegs)
        memcpy(sg, sc->segs.data, sizeof *sg * (size_t)w->nsegs);
    w->glyphs = g;
    w->segs = sg;
    w->width = 0;
    for (int i = 0; i < w->nsegs; i++)
        w->width += sg[i].width;
    hmap_put(&sc->words, key, klen, w);
    return w;
}
