/* Pages on paper: the page's margins (mirrored on left pages when the
 * style sheet says so), its background, and the sixteen margin boxes of
 * CSS Paged Media with their running heads and page numbers. */
#include "layout_internal.h"

#include <string.h>

static void format_number(strbuf *sb, int n, label_style ls, const content_part *p)
{
    list_style st = ls == LABEL_ROMAN ? LIST_LOWER_ROMAN : LIST_DECIMAL;
    /* counter(page) follows the page numbering; counter(page, upper-roman)
     * asks for a style of its own */
    if (p && p->style != LIST_DECIMAL)
        st = p->style;
    style_format_counter(sb, n, st);
}

/* The value of string(name, which) on a page, as CSS GCPM defines it:
 * `first` is its first assignment there, `last` the last, `start` the
 * first only when it opens the page, `first-except` nothing on a page
 * that assigns it; otherwise the page's entry value, the last assignment
 * before it, or else the front matter's value. */
static const char *named_string(lctx *c, const page_range *range, int page, const char *name, string_pos which)
{
    const page_run *run = range->run;
    const vmark *first = NULL, *last = NULL;
    for (vmark *m = VEC_AT(&run->marks, vmark *, page); m; m = m->next) {
        if (strcmp(m->name, name) == 0) {
            if (!first)
                first = m;
            last = m;
        }
    }
    if (first) {
        switch (which) {
        case STRING_FIRST: return first->value;
        case STRING_LAST: return last->value;
        case STRING_FIRST_EXCEPT: return "";
        case STRING_START:
            if (first->at_top)
                return first->value;
            break;
        }
    }
    for (int p = page - 1; p >= 0; p--) {
        const char *entry = NULL;
        for (vmark *m = VEC_AT(&run->marks, vmark *, p); m; m = m->next)
            if (strcmp(m->name, name) == 0)
                entry = m->value;
        if (entry)
            return entry;
    }
    const char *v = doc_meta_get(c->doc, name);
    return v ? v : "";
}

/* text-transform on a margin box's text, as inline text gets it */
static char *transformed(lctx *c, const char *s, text_transform tt, const char *lang)
{
    if (tt == TT_NONE)
        return (char *)s;
    strbuf sb;
    sb_init(&sb, c->a);
    size_t n = strlen(s);
    bool word_start = true, dotted_i = lang_cases_dotted_i(lang);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += (size_t)utf8_next(s + i, n - i, &cp);
        bool white = cp == ' ' || cp == '\t' || cp == '\n';
        if (tt == TT_UPPERCASE || (tt == TT_CAPITALIZE && word_start))
            cp = cp_upper_in(cp, dotted_i);
        else if (tt == TT_LOWERCASE)
            cp = cp_lower_in(cp, dotted_i);
        word_start = white;
        sb_put_cp(&sb, cp);
    }
    return sb.data ? sb.data : "";
}

static char *box_text(lctx *c, const page_range *range, int page, const content_part *parts)
{
    strbuf sb;
    sb_init(&sb, c->a);
    for (const content_part *p = parts; p; p = p->next) {
        switch (p->kind) {
        case CONTENT_TEXT:
            sb_puts(&sb, p->text ? p->text : "");
            break;
        case CONTENT_COUNTER:
            if (p->text && strcmp(p->text, "page") == 0)
                format_number(&sb, range->first_number + page, range->labels, p);
            else if (p->text && strcmp(p->text, "pages") == 0)
                format_number(&sb, range->total, range->labels, p);
            else
                style_format_counter(&sb, counter_get(c, p->text), p->style);
            break;
        case CONTENT_PAGES:
            format_number(&sb, range->total, range->labels, p);
            break;
        case CONTENT_STRING:
            sb_puts(&sb, named_string(c, range, page, p->text, p->which));
            break;
        default:
            break;
        }
    }
    return sb.data;
}

typedef struct {
    float x, y, w, h;
} rect;

/* A margin box's outer max-content width: its one line of text (textw),
 * padding and margins; 0 for a box that is not there. */
static float box_outer(const page_style *ps, margin_box_pos b, const float textw[MB_COUNT])
{
    const computed_style *cs = ps->boxes[b].style;
    if (!ps->boxes[b].content || !cs)
        return 0;
    return textw[b] + cs->padding[SIDE_LEFT] + cs->padding[SIDE_RIGHT] + cs->margin[SIDE_LEFT] + cs->margin[SIDE_RIGHT];
}

/* CSS Paged Media's rule for two boxes sharing `avail`: the space left
 * over, or missing, is shared in proportion to their max-content widths
 * (with one line a box, min- and max-content are the same). The first
 * box's share. */
static float share(float avail, float a, float b)
{
    if (a + b <= 0)
        return avail / 2;
    return avail * a / (a + b);
}

/* Where each margin box sits. Along the top and bottom edges the boxes
 * are sized by their content as CSS Paged Media says: without a middle
 * box, left and right share the edge in proportion to their widths (one
 * box alone takes it all); with one, the middle box is centred and shares
 * the edge with twice the wider of its neighbours, which take half the
 * rest each. A long running title so takes the room a short page number
 * leaves. The side edges are cut in thirds. `textw` holds the width of
 * each box's text. */
static rect box_rect(const page_style *ps, margin_box_pos pos, const float textw[MB_COUNT])
{
    float W = ps->width, H = ps->height;
    float mt = ps->margin[SIDE_TOP], mr = ps->margin[SIDE_RIGHT], mb = ps->margin[SIDE_BOTTOM],
          ml = ps->margin[SIDE_LEFT];
    float inner_w = W - ml - mr, inner_h = H - mt - mb;
    rect r = {0, 0, 0, 0};
    bool top = pos >= MB_TOP_LEFT && pos <= MB_TOP_RIGHT;
    bool bottom = pos >= MB_BOTTOM_RIGHT && pos <= MB_BOTTOM_LEFT;
    if (top || bottom) {
        margin_box_pos l = top ? MB_TOP_LEFT : MB_BOTTOM_LEFT, m = top ? MB_TOP_CENTER : MB_BOTTOM_CENTER,
                       rr = top ? MB_TOP_RIGHT : MB_BOTTOM_RIGHT;
        bool hl = ps->boxes[l].content != NULL, hm = ps->boxes[m].content != NULL, hr = ps->boxes[rr].content != NULL;
        int count = hl + hm + hr;
        r.y = top ? 0 : H - mb;
        r.h = top ? mt : mb;
        if (count <= 1) {
            r.x = ml;
            r.w = inner_w;
        } else if (!hm) {
            float wl = share(inner_w, box_outer(ps, l, textw), box_outer(ps, rr, textw));
            r.w = pos == l ? wl : inner_w - wl;
            r.x = pos == l ? ml : ml + wl;
        } else {
            float side = 2 * MAX(box_outer(ps, l, textw), box_outer(ps, rr, textw));
            float wm = share(inner_w, box_outer(ps, m, textw), side);
            float ws = (inner_w - wm) / 2;
            r.w = pos == m ? wm : ws;
            r.x = pos == l ? ml : pos == m ? ml + ws : ml + ws + wm;
        }
        return r;
    }
    switch (pos) {
    case MB_TOP_LEFT_CORNER: r = (rect){0, 0, ml, mt}; break;
    case MB_TOP_RIGHT_CORNER: r = (rect){W - mr, 0, mr, mt}; break;
    case MB_BOTTOM_LEFT_CORNER: r = (rect){0, H - mb, ml, mb}; break;
    case MB_BOTTOM_RIGHT_CORNER: r = (rect){W - mr, H - mb, mr, mb}; break;
    case MB_LEFT_TOP: r = (rect){0, mt, ml, inner_h / 3}; break;
    case MB_LEFT_MIDDLE: r = (rect){0, mt + inner_h / 3, ml, inner_h / 3}; break;
    case MB_LEFT_BOTTOM: r = (rect){0, mt + 2 * inner_h / 3, ml, inner_h / 3}; break;
    case MB_RIGHT_TOP: r = (rect){W - mr, mt, mr, inner_h / 3}; break;
    case MB_RIGHT_MIDDLE: r = (rect){W - mr, mt + inner_h / 3, mr, inner_h / 3}; break;
    case MB_RIGHT_BOTTOM: r = (rect){W - mr, mt + 2 * inner_h / 3, mr, inner_h / 3}; break;
    default: break;
    }
    return r;
}

static text_align default_align(margin_box_pos pos)
{
    switch (pos) {
    case MB_TOP_LEFT: case MB_BOTTOM_LEFT: case MB_TOP_LEFT_CORNER: case MB_BOTTOM_LEFT_CORNER:
    case MB_RIGHT_TOP: case MB_RIGHT_MIDDLE: case MB_RIGHT_BOTTOM:
        return TEXT_LEFT;
    case MB_TOP_RIGHT: case MB_BOTTOM_RIGHT: case MB_TOP_RIGHT_CORNER: case MB_BOTTOM_RIGHT_CORNER:
    case MB_LEFT_TOP: case MB_LEFT_MIDDLE: case MB_LEFT_BOTTOM:
        return TEXT_RIGHT;
    default:
        return TEXT_CENTER;
    }
}

static void draw_box(lctx *c, dl_list *dl, const page_style *ps, margin_box_pos pos, const char *text,
                     const float textw[MB_COUNT])
{
    const margin_box *mb = &ps->boxes[pos];
    const computed_style *cs = mb->style;
    rect r = box_rect(ps, pos, textw);
    /* the box's own margins keep it off the page edge and the text block
     * (a running head's rule above the text, not on it) */
    r.x += cs->margin[SIDE_LEFT];
    r.w -= cs->margin[SIDE_LEFT] + cs->margin[SIDE_RIGHT];
    r.y += cs->margin[SIDE_TOP];
    r.h -= cs->margin[SIDE_TOP] + cs->margin[SIDE_BOTTOM];
    if (r.w < 1 || r.h < 1)
        return; /* margins larger than the box leave nothing to draw */
    /* the box's padding and borders sit inside its area */
    float px = r.x + cs->padding[SIDE_LEFT], pw = r.w - cs->padding[SIDE_LEFT] - cs->padding[SIDE_RIGHT];
    float size = cs->font_size;
    float w = textw[pos];
    if (w > pw && w > 0) {
        /* a running head too long for its box gets smaller, within reason */
        float scaled = size * pw / w;
        size = MAX(scaled, size * 0.7f);
        w = style_text_width(c, cs, size, text, strlen(text));
        if (w > pw)
            diag_once(c->d, "marginbox-too-wide", DIAG_NOTE, srcpos_make(NULL, 0, 0),
                      "a running head is wider than its margin box");
    }
    text_align al = cs->align;
    if (al == TEXT_JUSTIFY)
        al = default_align(pos);
    float x = al == TEXT_RIGHT ? px + pw - w : al == TEXT_CENTER ? px + (pw - w) / 2 : px;
    float asc = cs->font->ascent * size, desc = cs->font->descent * size;
    float y;
    float top = r.y + cs->padding[SIDE_TOP], bottom = r.y + r.h - cs->padding[SIDE_BOTTOM];
    if (cs->valign == VALIGN_TOP)
        y = top + asc;
    else if (cs->valign == VALIGN_BOTTOM)
        y = bottom - desc;
    else
        y = (top + bottom) / 2 + (asc - desc) / 2;
    if (RGBA_A(cs->background))
        dl_rect(c, dl, r.x, r.y, r.w, r.h, cs->background, 0, 0);
    dl_borders(c, dl, r.x, r.y, r.w, r.h, cs->border, 15);
    style_text_emit(c, dl, cs, size, cs->color, x, y, text, strlen(text), srcpos_make(NULL, 0, 0));
}

/* Margin boxes are pagination artifacts: running heads at the top, page
 * numbers and running feet at the bottom. */
static dl_tag box_tag(margin_box_pos pos)
{
    if (pos >= MB_TOP_LEFT_CORNER && pos <= MB_TOP_RIGHT_CORNER)
        return TAG_HEADER;
    if (pos >= MB_BOTTOM_RIGHT_CORNER && pos <= MB_BOTTOM_LEFT_CORNER)
        return TAG_FOOTER;
    return TAG_PAGINATION;
}

/* The margin box drawn at the other side of the page. */
static margin_box_pos mirror_pos(margin_box_pos pos)
{
    switch (pos) {
    case MB_TOP_LEFT_CORNER: return MB_TOP_RIGHT_CORNER;
    case MB_TOP_LEFT: return MB_TOP_RIGHT;
    case MB_TOP_RIGHT: return MB_TOP_LEFT;
    case MB_TOP_RIGHT_CORNER: return MB_TOP_LEFT_CORNER;
    case MB_RIGHT_TOP: return MB_LEFT_TOP;
    case MB_RIGHT_MIDDLE: return MB_LEFT_MIDDLE;
    case MB_RIGHT_BOTTOM: return MB_LEFT_BOTTOM;
    case MB_LEFT_TOP: return MB_RIGHT_TOP;
    case MB_LEFT_MIDDLE: return MB_RIGHT_MIDDLE;
    case MB_LEFT_BOTTOM: return MB_RIGHT_BOTTOM;
    case MB_BOTTOM_RIGHT_CORNER: return MB_BOTTOM_LEFT_CORNER;
    case MB_BOTTOM_RIGHT: return MB_BOTTOM_LEFT;
    case MB_BOTTOM_LEFT: return MB_BOTTOM_RIGHT;
    case MB_BOTTOM_LEFT_CORNER: return MB_BOTTOM_RIGHT_CORNER;
    default: return pos;
    }
}

static void swap_floats(float *a, float *b)
{
    float t = *a;
    *a = *b;
    *b = t;
}

/* A right-to-left dossier's page: each margin box goes to the mirror
 * position (the running title of @top-left stands at the top right, the
 * page number of @bottom-right at the bottom left) with its alignment,
 * margins, padding and borders mirrored, so the page reads as the left-
 * to-right page would in a mirror. Margins need no swap: the page
 * progression already makes the first page a left page. */
static const page_style *mirrored_page(lctx *c, const page_style *ps)
{
    for (int i = 0; i < 4 && c->mirror_of[i]; i++)
        if (c->mirror_of[i] == ps)
            return c->mirrored[i];
    page_style *m = ARENA_NEW(c->perm, page_style);
    *m = *ps;
    for (int b = 0; b < MB_COUNT; b++) {
        margin_box box = ps->boxes[b];
        if (box.style) {
            computed_style *cs = ARENA_NEW(c->perm, computed_style);
            *cs = *box.style;
            if (cs->align == TEXT_LEFT || cs->align == TEXT_RIGHT)
                cs->align = cs->align == TEXT_LEFT ? TEXT_RIGHT : TEXT_LEFT;
            swap_floats(&cs->margin[SIDE_LEFT], &cs->margin[SIDE_RIGHT]);
            swap_floats(&cs->padding[SIDE_LEFT], &cs->padding[SIDE_RIGHT]);
            border_side t = cs->border[SIDE_LEFT];
            cs->border[SIDE_LEFT] = cs->border[SIDE_RIGHT];
            cs->border[SIDE_RIGHT] = t;
            box.style = cs;
        }
        m->boxes[mirror_pos((margin_box_pos)b)] = box;
    }
    for (int i = 0; i < 4; i++) {
        if (!c->mirror_of[i]) {
            c->mirror_of[i] = ps;
            c->mirrored[i] = m;
            break;
        }
    }
    return m;
}

void page_compose(lctx *c, layout_result *r, const page_range *range, bool cover)
{
    const page_run *run = range->run;
    for (size_t p = 0; p < run->pages.len; p++) {
        const layout_page *src = &VEC_AT(&run->pages, layout_page, p);
        int physical = range->first_physical + (int)p;
        /* a right-to-left dossier opens on a left page (its binding at the right) */
        bool left = (physical % 2 == 1) != c->rtl_pages;
        const page_style *ps = style_page(c->style, cover && p == 0, left ? PAGE_LEFT : PAGE_RIGHT);
        if (c->rtl_pages)
            ps = mirrored_page(c, ps);
        layout_page *dst = &r->pages[physical];
        dst->index = physical;
        dst->width = ps->width;
        dst->height = ps->height;
        dst->left = left;
        dst->blank = src->blank;
        strbuf label;
        sb_init(&label, c->a);
        format_number(&label, range->first_number + (int)p, range->labels, NULL);
        dst->label = label.data;

        /* the column's items are moved onto paper where they are (the
         * page builder left PAGE_SLACK free slots behind them), the page's
         * background first; a blank page has none */
        dl_list dl;
        dl_init(&dl);
        float ox = ps->margin[SIDE_LEFT], oy = ps->margin[SIDE_TOP];
        if (src->items) {
            dl.v.data = src->items;
            dl.v.cap = (size_t)src->nitems + PAGE_SLACK;
            for (int i = 0; i < src->nitems; i++)
                src->items[i] = dl_moved(c, &src->items[i], ox, oy);
            if (RGBA_A(ps->background)) {
                memmove(src->items + 1, src->items, sizeof(dl_item) * (size_t)src->nitems);
                dl_item bg = {.kind = DL_RECT, .w = ps->width, .h = ps->height};
                bg.u.rect.fill = ps->background;
                bg.u.rect.dash = BORDER_SOLID;
                src->items[0] = bg;
                dl.v.len = 1;
            }
            dl.v.len += (size_t)src->nitems;
        } else if (RGBA_A(ps->background)) {
            dl_rect(c, &dl, 0, 0, ps->width, ps->height, ps->background, 0, 0);
        }
        const char *texts[MB_COUNT] = {0};
        float textw[MB_COUNT] = {0};
        for (int b = 0; b < MB_COUNT && !src->blank; b++) {
            const margin_box *mb = &ps->boxes[b];
            if (!mb->content || !mb->style)
                continue;
            const computed_style *cs = mb->style;
            texts[b] = transformed(c, box_text(c, range, (int)p, mb->content), cs->transform,
                                   cs->lang ? cs->lang : c->lang);
            textw[b] = style_text_width(c, cs, cs->font_size, texts[b], strlen(texts[b]));
        }
        for (int b = 0; b < MB_COUNT; b++) {
            /* an empty string still makes the box: its borders show */
            if (texts[b]) {
                tag_saved saved = tag_enter(c, NULL, box_tag((margin_box_pos)b));
                draw_box(c, &dl, ps, (margin_box_pos)b, texts[b], textw);
                tag_restore(c, saved);
            }
        }
        dst->items = dl.v.data;
        dst->nitems = (int)dl.v.len;
    }
}
