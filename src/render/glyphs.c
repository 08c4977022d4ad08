/* Glyph runs into TJ arrays: each glyph's CID as two bytes of a literal
 * string, the difference between where layout put a glyph and where the
 * font's /W width leaves the viewer's pen as an adjustment (1/1000 em),
 * vertical offsets as text rise. A text item whose glyphs cannot each
 * stand for their cluster's text in the ToUnicode map (one glyph drawn for
 * two texts, a cluster of several glyphs, clusters out of order, .notdef)
 * is wrapped in a /Span with its text as /ActualText, so copying it gives
 * what the author wrote. */
#include "render_internal.h"

#include <math.h>
#include <string.h>

void tj_begin(tj_writer *t, strbuf *sb, pdf_font *pf, float size)
{
    memset(t, 0, sizeof *t);
    t->sb = sb;
    t->pf = pf;
    t->size = size;
}

static void open_array(tj_writer *t)
{
    if (!t->in_array) {
        sb_putc(t->sb, '[');
        t->in_array = true;
    }
}

static void close_string(tj_writer *t)
{
    if (t->in_string) {
        sb_putc(t->sb, ')');
        t->in_string = false;
    }
}

static void close_array(tj_writer *t)
{
    close_string(t);
    if (t->in_array) {
        sb_puts(t->sb, "] TJ\n");
        t->in_array = false;
    }
}

void tj_end(tj_writer *t)
{
    close_array(t);
    if (t->rise != 0) {
        sb_puts(t->sb, "0 Ts\n");
        t->rise = 0;
    }
}

/* Half away from zero, as lround, without a call per glyph. */
static long round_half_away(double v)
{
    return (long)(v < 0 ? v - 0.5 : v + 0.5);
}

/* Moves the viewer's pen to `target` (1/1000 em from the line's origin),
 * rounded: the error never adds up along the line. */
static void move_to(tj_writer *t, double target)
{
    long adjust = round_half_away(target - (double)t->drawn);
    if (adjust == 0)
        return;
    open_array(t);
    close_string(t);
    sb_putc(t->sb, ' ');
    render_put_long(t->sb, -adjust);
    sb_putc(t->sb, ' ');
    t->drawn += adjust;
}

static void put_cid(tj_writer *t, uint32_t cid)
{
    open_array(t);
    strbuf *sb = t->sb;
    /* "(", then two bytes, those PDF reserves escaped: five at most */
    if (sb->len + 6 > sb->cap)
        sb_grow(sb, 5);
    char *out = sb->data + sb->len;
    if (!t->in_string) {
        *out++ = '(';
        t->in_string = true;
    }
    unsigned char bytes[2] = {(unsigned char)(cid >> 8), (unsigned char)(cid & 0xFF)};
    for (int b = 0; b < 2; b++) {
        unsigned char c = bytes[b];
        if (c == '(' || c == ')' || c == '\\' || c == '\r' || c == '\n') {
            *out++ = '\\';
            c = c == '\r' ? 'r' : c == '\n' ? 'n' : c;
        }
        *out++ = (char)c;
    }
    sb->len = (size_t)(out - sb->data);
    sb->data[sb->len] = 0;
    t->drawn += cid < t->pf->ncids ? t->pf->width[cid] : 0;
}

static void set_rise(tj_writer *t, float dy)
{
    if (dy == t->rise)
        return;
    close_array(t);
    sb_printf(t->sb, "%.3f Ts\n", (double)dy);
    t->rise = dy;
}

void tj_space(tj_writer *t)
{
    if (t->pf->space_cid)
        put_cid(t, t->pf->space_cid);
}

/* Where the cluster of glyph k ends in the item's text: the next larger
 * cluster offset of the run (clusters ascend left to right, or descend
 * in a right-to-left run), or the text's end. */
static uint32_t cluster_end(const dl_item *it, int k)
{
    const dl_glyph *g = it->u.text.glyphs;
    int n = it->u.text.nglyphs, step = it->u.text.rtl ? -1 : 1;
    for (int j = k + step; j >= 0 && j < n; j += step)
        if (g[j].cluster > g[k].cluster)
            return g[j].cluster;
    return (uint32_t)it->u.text.len;
}

/* A glyph of a cluster of several (a letter and its marks): in the
 * ToUnicode map it stands for the character of the cluster that the
 * face's cmap draws with it, if any, for readers without ActualText. */
static void note_cluster_glyph(pdf_font *pf, const dl_item *it, uint32_t gid, uint32_t from, uint32_t to)
{
    uint32_t cid = render_cid(pf, gid);
    if (cid == 0 || pf->text[cid])
        return;
    for (uint32_t i = from; i < to;) {
        uint32_t cp;
        int len = utf8_next(it->u.text.str + i, to - i, &cp);
        if (len <= 0)
            return;
        if (font_glyph(pf->face, cp) == gid) {
            render_font_text(pf, cid, it->u.text.str + i, (size_t)len);
            return;
        }
        i += (uint32_t)len;
    }
}

/* Records each glyph's text for ToUnicode (the characters of its cluster,
 * in logical order, for a ligature too); false when some glyph cannot
 * stand for its own text there, so the item needs an ActualText. */
static bool glyphs_tell_text(pdf_font *pf, const dl_item *it)
{
    const dl_glyph *g = it->u.text.glyphs;
    int n = it->u.text.nglyphs;
    bool rtl = it->u.text.rtl, ok = true;
    /* text before the first cluster would be drawn by no glyph */
    if (n == 0 || g[rtl ? n - 1 : 0].cluster != 0)
        return false;
    for (int k = 0; k < n; k++) {
        uint32_t c = g[k].cluster;
        if (c >= it->u.text.len)
            return false;
        if (k > 0 && (rtl ? c > g[k - 1].cluster : c < g[k - 1].cluster))
            return false; /* reordered: the glyph order is not the text's */
        uint32_t end = cluster_end(it, k);
        if ((k > 0 && g[k - 1].cluster == c) || (k + 1 < n && g[k + 1].cluster == c)) {
            /* no one glyph of the cluster stands for its text */
            note_cluster_glyph(pf, it, g[k].gid, c, end);
            ok = false;
        } else if (!render_font_text(pf, render_cid(pf, g[k].gid), it->u.text.str + c, end - c)) {
            ok = false;
        }
    }
    return ok;
}

static void begin_actual_text(tj_writer *t, const dl_item *it)
{
    close_array(t);
    sb_puts(t->sb, "/Span <</ActualText <FEFF");
    render_put_utf16_hex(t->sb, it->u.text.str, it->u.text.len);
    sb_puts(t->sb, ">>> BDC\n");
}

static void end_actual_text(tj_writer *t)
{
    close_array(t);
    sb_puts(t->sb, "EMC\n");
}

/* A hyphen added at a line end: its glyphs drawn with their aliases that
 * stand for U+00AD (false when some glyph has none). */
static bool soft_hyphen(pdf_font *pf, const dl_item *it)
{
    if (it->tag != TAG_HYPHEN || it->u.text.nglyphs == 0)
        return false;
    for (int k = 0; k < it->u.text.nglyphs; k++) {
        uint32_t gid = it->u.text.glyphs[k].gid;
        if (render_soft_hyphen_cid(pf, gid) == render_cid(pf, gid))
            return false;
    }
    for (int k = 0; k < it->u.text.nglyphs; k++)
        render_font_text(pf, render_soft_hyphen_cid(pf, it->u.text.glyphs[k].gid), "\xC2\xAD", 2);
    return true;
}

void tj_item(tj_writer *t, const dl_item *it, double origin)
{
    pdf_font *pf = t->pf;
    double to_units = 1000.0 / (double)t->size;
    bool soft = soft_hyphen(pf, it);
    bool actual = !soft && !glyphs_tell_text(pf, it);
    if (actual)
        begin_actual_text(t, it);
    double pen = origin;
    for (int k = 0; k < it->u.text.nglyphs; k++) {
        const dl_glyph *g = &it->u.text.glyphs[k];
        set_rise(t, g->dy);
        move_to(t, pen + (double)g->dx * to_units);
        put_cid(t, soft ? render_soft_hyphen_cid(pf, g->gid) : render_cid(pf, g->gid));
        pen += (double)g->advance * to_units;
    }
    if (actual)
        end_actual_text(t);
    t->end = pen;
}
