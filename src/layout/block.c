/* Block flow: the CSS box model over the document tree, into the galley.
 * Margins collapse, borders and backgrounds become decorations the page
 * builder draws across page breaks, lists hang their markers, headings
 * keep with what follows (break-after: avoid in the style sheet). */
#include "layout_internal.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* A copy of cs with its text `scale` times its size (a table that must
 * shrink to fit); pseudo-elements scale with it. Copies are shared. */
static const computed_style *scaled_style(lctx *c, const computed_style *cs, float scale)
{
    if (!cs)
        return NULL;
    if (!c->scaled_styles.a)
        hmap_init(&c->scaled_styles, c->a);
    char key[sizeof cs + sizeof scale];
    memcpy(key, &cs, sizeof cs);
    memcpy(key + sizeof cs, &scale, sizeof scale);
    const computed_style *found = hmap_get(&c->scaled_styles, key, sizeof key);
    if (found)
        return found;
    computed_style *s = arena_memdup(c->scaled_styles.a, cs, sizeof *cs);
    s->font_size *= scale;
    if (!s->line_height_factor && !s->line_height_normal)
        s->line_height *= scale;
    s->letter_spacing *= scale;
    s->text_indent *= scale;
    s->before = scaled_style(c, cs->before, scale);
    s->after = scaled_style(c, cs->after, scale);
    s->marker = scaled_style(c, cs->marker, scale);
    hmap_put(&c->scaled_styles, key, sizeof key, s);
    return s;
}

const computed_style *style_for(lctx *c, const doc_node *n)
{
    const computed_style *cs = style_of(c->style, n);
    return c->font_scale > 0 && c->font_scale != 1 ? scaled_style(c, cs, c->font_scale) : cs;
}

float used_line_height(const computed_style *cs)
{
    return style_line_height(cs);
}

/* ---- counters and generated content ------------------------------------ */

int counter_get(lctx *c, const char *name)
{
    int *v = hmap_get(&c->counters, name, strlen(name));
    return v ? *v : 0;
}

static int *counter_slot(lctx *c, const char *name)
{
    int *v = hmap_get(&c->counters, name, strlen(name));
    if (!v) {
        v = ARENA_NEW(c->a, int);
        hmap_put(&c->counters, name, strlen(name), v);
    }
    return v;
}

/* Counters are document-wide and flat: resets, then increments, in
 * document order, which is what headings, figures and notes need. */
void counters_apply(lctx *c, const computed_style *cs)
{
    if (c->measuring)
        return;
    for (const counter_op *op = cs->counter_reset; op; op = op->next)
        *counter_slot(c, op->name) = op->value;
    for (const counter_op *op = cs->counter_increment; op; op = op->next)
        *counter_slot(c, op->name) += op->value;
}

char *content_text(lctx *c, const content_part *parts, const doc_node *n)
{
    strbuf sb;
    sb_init(&sb, c->a);
    for (const content_part *p = parts; p; p = p->next) {
        switch (p->kind) {
        case CONTENT_TEXT:
            sb_puts(&sb, p->text ? p->text : "");
            break;
        case CONTENT_COUNTER:
            style_format_counter(&sb, counter_get(c, p->text), p->style);
            break;
        case CONTENT_STRING: {
            const char *v = doc_meta_get(c->doc, p->text);
            sb_puts(&sb, v ? v : "");
            break;
        }
        case CONTENT_CONTENTS:
            if (n)
                sb_puts(&sb, quoted_plain_text(c, n));
            break;
        case CONTENT_LEADER:
            sb_putc(&sb, ' ');
            break;
        case CONTENT_PAGES:
        case CONTENT_TARGET_COUNTER:
            break; /* only meaningful in margin boxes and links */
        case CONTENT_OPEN_QUOTE:
        case CONTENT_CLOSE_QUOTE:
        case CONTENT_NO_OPEN_QUOTE:
        case CONTENT_NO_CLOSE_QUOTE:
            break; /* drawn by the pseudo-element (add_generated), which knows its quotes */
        }
    }
    return sb.data;
}

static void set_strings(lctx *c, const computed_style *cs, const doc_node *n)
{
    for (const string_set *ss = cs->string_sets; ss; ss = ss->next) {
        vmark *m = ARENA_NEW(c->a, vmark);
        m->name = ss->name;
        m->value = content_text(c, ss->value, n);
        m->next = c->marks;
        c->marks = m;
    }
}

/* ---- boxes ------------------------------------------------------------- */

static float border_w(const computed_style *cs, int side)
{
    return cs->border[side].style == BORDER_NONE ? 0 : cs->border[side].width;
}

void block_open(lctx *c, const computed_style *cs, block_state *st)
{
    st->x = c->x;
    st->width = c->width;
    if (cs->break_before == BREAK_PAGE || cs->break_before == BREAK_LEFT || cs->break_before == BREAK_RIGHT)
        galley_penalty(c, -KP_INFINITY);
    else if (cs->break_before == BREAK_AVOID)
        galley_penalty(c, KP_INFINITY);
    galley_margin(c, cs->margin[SIDE_TOP]);

    float ml = cs->margin[SIDE_LEFT], mr = cs->margin[SIDE_RIGHT];
    float bl = border_w(cs, SIDE_LEFT), br = border_w(cs, SIDE_RIGHT);
    float pl = cs->padding[SIDE_LEFT], pr = cs->padding[SIDE_RIGHT];
    float avail = c->width - ml - mr;
    float box = avail;
    if (cs->width.kind == LEN_PT)
        box = MIN(avail, cs->width.v + bl + br + pl + pr);
    else if (cs->width.kind == LEN_PERCENT)
        box = MIN(avail, c->width * cs->width.v / 100.0f);
    if (box < avail && cs->margin_auto[SIDE_LEFT] && cs->margin_auto[SIDE_RIGHT])
        ml += (avail - box) / 2;
    else if (box < avail && cs->margin_auto[SIDE_LEFT])
        ml += avail - box;

    /* Indents that leave almost no room (hundreds of nested quotes, or a
     * margin wider than the page) would set one character a line, or
     * none on the paper: below an eighth of the column, or half a column
     * outside it, a block keeps its parent's width instead. */
    float min_inner = MIN(st->width, c->col_width / 8);
    float left = c->x + ml, half = c->col_width / 2;
    if (box - bl - br - pl - pr < min_inner || left < -half || left + box > c->col_width + half) {
        if (!c->measuring)
            diag_once(c->d, "narrow block", DIAG_WARNING, c->block_pos,
                      "margins, borders and padding leave too little room for the text here; this block and any like it "
                      "keep the width of the block around them");
        ml = mr = 0;
        box = avail = st->width;
        bl = br = pl = pr = 0;
    }

    float bt = border_w(cs, SIDE_TOP), bb = border_w(cs, SIDE_BOTTOM);
    st->framed = bt > 0 || bb > 0 || bl > 0 || br > 0 || cs->padding[SIDE_TOP] > 0 || cs->padding[SIDE_BOTTOM] > 0 ||
                 RGBA_A(cs->background) != 0;
    st->deco = NULL;
    if (st->framed) {
        galley_flush_margin(c);
        vdeco *d = ARENA_NEW(c->a, vdeco);
        d->x = c->x + ml;
        d->width = box;
        d->background = cs->background;
        memcpy(d->border, cs->border, sizeof d->border);
        st->deco = d;
        vitem *v = galley_push(c, V_OPEN);
        v->deco = d;
        float top = bt + cs->padding[SIDE_TOP];
        if (top > 0) {
            /* the top edge travels with the first line inside */
            galley_edge(c, top);
            galley_penalty(c, KP_INFINITY);
        }
        /* and the first child's margin would only pad the frame unevenly */
        c->frame_top = true;
    }
    if (cs->break_inside == BREAK_AVOID)
        c->avoid++;
    c->x += ml + bl + pl;
    c->width = MAX(1.0f, box - bl - br - pl - pr);
}

void block_close(lctx *c, const computed_style *cs, block_state *st)
{
    if (st->framed) {
        /* the last child's margin would only pad the frame unevenly */
        c->margin_pos = c->margin_neg = 0;
        c->margin_pending = false;
        c->frame_top = false;
        float bottom = border_w(cs, SIDE_BOTTOM) + cs->padding[SIDE_BOTTOM];
        if (bottom > 0) {
            galley_penalty(c, KP_INFINITY);
            galley_box(c, bottom, 0, NULL, 0);
        }
        vitem *v = galley_push(c, V_CLOSE);
        v->deco = st->deco;
    }
    if (cs->break_inside == BREAK_AVOID && c->avoid > 0)
        c->avoid--;
    c->x = st->x;
    c->width = st->width;
    galley_margin(c, cs->margin[SIDE_BOTTOM]);
    if (cs->break_after == BREAK_PAGE || cs->break_after == BREAK_LEFT || cs->break_after == BREAK_RIGHT)
        galley_penalty(c, -KP_INFINITY);
    else if (cs->break_after == BREAK_AVOID)
        galley_penalty(c, KP_INFINITY);
}

/* ---- images and figures ------------------------------------------------ */

static bool image_allowed(lctx *c, const char *path, const char *src_dir)
{
    if (path_is_inside(path, src_dir))
        return true;
    for (int i = 0; c->opt && i < c->opt->nallow_paths; i++)
        if (path_is_inside(path, c->opt->allow_paths[i]))
            return true;
    return false;
}

/* An image that cannot be drawn is said once, at its position, whether
 * a table measures it first or not. */
static bool image_refused(lctx *c, const doc_node *n)
{
    if (!c->image_refused)
        c->image_refused = ARENA_ARRAY(c->perm, bool, c->doc->node_count > 0 ? c->doc->node_count : 1);
    if (n->id < 0 || n->id >= c->doc->node_count)
        return false;
    bool before = c->image_refused[n->id];
    c->image_refused[n->id] = true;
    return before;
}

#define PLACEHOLDER_NOTE "; its description is shown in its place"

static bool is_svg(const char *url)
{
    size_t n = strlen(url);
    return (n > 4 && str_ieq(url + n - 4, ".svg")) || (n > 5 && str_ieq(url + n - 5, ".svgz"));
}

image *layout_image(lctx *c, const doc_node *n)
{
    const char *url = n->u.link.url;
    if (!url || !*url) {
        if (!image_refused(c, n))
            WARN(c->d, n->pos, "image without a path" PLACEHOLDER_NOTE);
        return NULL;
    }
    if (strstr(url, "://") || strncmp(url, "//", 2) == 0 || strncmp(url, "data:", 5) == 0) {
        if (!image_refused(c, n))
            WARN(c->d, n->pos, "image '%s' is not a local file and is never downloaded" PLACEHOLDER_NOTE, url);
        return NULL;
    }
    const char *dir = n->pos.file && strcmp(n->pos.file, "<stdin>") != 0 ? path_dirname(c->perm, n->pos.file) : ".";
    /* loaded images outlive the scratch arena a table measures in */
    char *path = path_join(c->perm, dir, url);
    image *img = hmap_get(&c->images, path, strlen(path));
    if (img)
        return img;
    if (c->image_refused && n->id >= 0 && n->id < c->doc->node_count && c->image_refused[n->id])
        return NULL;
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        if (image_refused(c, n))
            return NULL;
        if (errno == ENOENT)
            WARN(c->d, n->pos, "image '%s' not found" PLACEHOLDER_NOTE, url);
        else
            WARN(c->d, n->pos, "cannot read image '%s': %s" PLACEHOLDER_NOTE, url, strerror(errno));
        return NULL;
    }
    fclose(probe);
    if (!image_allowed(c, path, dir)) {
        if (!image_refused(c, n))
            ERROR(c->d, n->pos, "image '%s' is outside the source's folder; allow its folder with --allow-path", url);
        return NULL;
    }
    if (is_svg(url)) {
        if (!image_refused(c, n))
            WARN(c->d, n->pos, "image '%s' is SVG, which dossier cannot draw yet (convert it to PNG)" PLACEHOLDER_NOTE, url);
        return NULL;
    }
    const char *why = NULL;
    img = image_load(c->perm, path, &why);
    if (!img) {
        if (!image_refused(c, n))
            WARN(c->d, n->pos, "cannot use image '%s': %s" PLACEHOLDER_NOTE, url, why);
        return NULL;
    }
    img->id = c->next_image_id++;
    hmap_put(&c->images, path, strlen(path), img);
    doc_add_input(c->perm, (doc_document *)c->doc, path);
    return img;
}

/* The longest start of `s` (with an ellipsis when cut) that fits `room`;
 * `from_end` keeps the end instead (a path's file name says most). */
static const char *fit_text(lctx *c, font_face *f, float size, const char *s, float room, bool from_end)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t n = strlen(s);
    if (text_width_fallback(c, f, size, false, s, n) <= room)
        return s;
    float ew = text_width_fallback(c, f, size, false, ellipsis, 3);
    size_t from = 0, to = n;
    while (to > from && text_width_fallback(c, f, size, false, s + from, to - from) + ew > room) {
        if (from_end) {
            from++;
            while (from < to && ((unsigned char)s[from] & 0xC0) == 0x80)
                from++;
        } else {
            to--;
            while (to > from && ((unsigned char)s[to] & 0xC0) == 0x80)
                to--;
        }
    }
    return from_end ? arena_printf(c->a, "%s%s", ellipsis, s + from) : arena_printf(c->a, "%.*s%s", (int)to, s, ellipsis);
}

/* A small picture outline (frame, hill, sun): the sign of a missing image. */
static void placeholder_icon(lctx *c, dl_list *dl, float x, float y, float s, rgba color)
{
    dl_rect(c, dl, x, y, s * 1.3f, s, 0, color, 0.75f);
    dl_item *hill = dl_add(c, dl, DL_PATH);
    float *pts = ARENA_ARRAY(c->a, float, 8);
    pts[0] = x + 0.1f * s, pts[1] = y + 0.88f * s;
    pts[2] = x + 0.5f * s, pts[3] = y + 0.45f * s;
    pts[4] = x + 0.8f * s, pts[5] = y + 0.7f * s;
    pts[6] = x + 1.2f * s, pts[7] = y + 0.35f * s;
    hill->u.path.pts = pts;
    hill->u.path.npts = 4;
    hill->u.path.stroke = color;
    hill->u.path.line_width = 0.75f;
    dl_rect(c, dl, x + 0.22f * s, y + 0.18f * s, 0.16f * s, 0.16f * s, color, 0, 0);
}

/* What stands where an image cannot be drawn: a dashed frame with a
 * picture sign, the image's description (when its figure caption does not
 * already show it) and its path. */
static void placeholder_layout(lctx *c, const doc_node *img, const computed_style *cs)
{
    font_face *f = cs->font;
    float size = cs->font_size, small = size * 0.85f;
    float w = MIN(c->width, MAX(200.0f, c->width * 0.6f));
    float x = c->x + (c->width - w) / 2;
    float pad = size, room = w - 2 * pad;
    const char *alt = doc_plain_text(c->a, img);
    const char *url = img->u.link.url && *img->u.link.url ? img->u.link.url : "";
    float icon = size * 1.6f, gap = size * 0.5f;
    float h = pad + icon + (*alt ? gap + size * 1.35f : 0) + (*url ? gap + small * 1.35f : 0) + pad;
    h = MAX(h, 56.0f);
    rgba faint = (cs->color & 0xFFFFFF00u) | 0x8Cu;
    dl_list dl;
    dl_init(&dl);
    dl_rect(c, &dl, x, 0, w, h, 0xF4F5F7FFu, 0, 0);
    border_side b = {.width = 0.75f, .style = BORDER_DASHED, .color = faint};
    border_side sides[4] = {b, b, b, b};
    dl_borders(c, &dl, x, 0, w, h, sides, 15);
    float content = icon + (*alt ? gap + size * 1.35f : 0) + (*url ? gap + small * 1.35f : 0);
    float y = (h - content) / 2;
    placeholder_icon(c, &dl, x + (w - icon * 1.3f) / 2, y, icon, faint);
    y += icon;
    if (*alt) {
        alt = fit_text(c, f, size, alt, room, false);
        float aw = text_width_fallback(c, f, size, false, alt, strlen(alt));
        y += gap + f->ascent * size;
        text_emit(c, &dl, f, size, false, cs->color, x + (w - aw) / 2, y, alt, strlen(alt), img->pos);
        y += size * 1.35f - f->ascent * size;
    }
    if (*url) {
        url = fit_text(c, f, small, url, room, true);
        float uw = text_width_fallback(c, f, small, false, url, strlen(url));
        y += gap + f->ascent * small;
        text_emit(c, &dl, f, small, false, faint, x + (w - uw) / 2, y, url, strlen(url), img->pos);
    }
    galley_box(c, h, h, dl.v.data, (int)dl.v.len);
}

static void figure_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    block_state st;
    counters_apply(c, cs);
    block_open(c, cs, &st);
    c->avoid++;
    for (const doc_node *ch = n->first; ch; ch = ch->next) {
        const computed_style *ccs = style_for(c, ch);
        if (ccs->display == DISPLAY_NONE)
            continue;
        if (ch->kind == DOC_IMAGE) {
            image *img = layout_image(c, ch);
            if (!img) {
                galley_margin(c, ccs->margin[SIDE_TOP]);
                placeholder_layout(c, ch, ccs);
                galley_margin(c, ccs->margin[SIDE_BOTTOM]);
                galley_penalty(c, KP_INFINITY);
                continue;
            }
            float dpi = img->dpi > 0 ? img->dpi : 96;
            float w = (float)img->width * 72.0f / dpi, h = (float)img->height * 72.0f / dpi;
            /* CSS sizes a replaced element: width or height alone keeps
             * the picture's proportions, both set both; never wider than
             * the column */
            float want_w = ccs->width.kind == LEN_PT ? ccs->width.v
                           : ccs->width.kind == LEN_PERCENT ? c->width * ccs->width.v / 100.0f : 0;
            float want_h = ccs->height.kind == LEN_PT ? ccs->height.v : 0;
            if (want_w <= 0 && ch->u.link.width > 0) /* HTML's width attribute, below the style sheet */
                want_w = ch->u.link.width_percent ? c->width * ch->u.link.width / 100.0f : ch->u.link.width;
            if (want_w > 0 && want_h > 0) {
                w = want_w;
                h = want_h;
            } else if (want_w > 0 && w > 0) {
                h *= want_w / w;
                w = want_w;
            } else if (want_h > 0 && h > 0) {
                w *= want_h / h;
                h = want_h;
            }
            if (w > c->width && w > 0) {
                h *= c->width / w;
                w = c->width;
            }
            /* a figure never splits: it must fit a page with its caption */
            float maxh = c->body_height * 0.85f;
            if (h > maxh) {
                w *= maxh / h;
                h = maxh;
            }
            float x = c->x;
            if (cs->align == TEXT_CENTER || ccs->margin_auto[SIDE_LEFT])
                x += (c->width - w) / 2;
            else if (cs->align == TEXT_RIGHT)
                x += c->width - w;
            dl_item *it = ARENA_NEW(c->a, dl_item);
            it->kind = DL_IMAGE;
            it->node = ch->id + 1; /* the image is the figure proper; the caption is beside it */
            it->tag = TAG_CONTENT;
            it->x = x;
            it->y = 0;
            it->w = w;
            it->h = h;
            it->u.image.img = img;
            galley_margin(c, ccs->margin[SIDE_TOP]);
            galley_box(c, h, h, it, 1);
            galley_margin(c, ccs->margin[SIDE_BOTTOM]);
            galley_penalty(c, KP_INFINITY);
        } else if (ch->kind == DOC_CAPTION) {
            block_state cst;
            tag_saved saved = tag_enter(c, ch, TAG_CONTENT);
            counters_apply(c, ccs);
            block_open(c, ccs, &cst);
            inline_layout(c, ch, ccs);
            block_close(c, ccs, &cst);
            tag_restore(c, saved);
        }
    }
    c->avoid--;
    block_close(c, cs, &st);
}

/* ---- lists ------------------------------------------------------------- */

/* The marker hangs outside the item's border box (list-style-position:
 * outside), against its start side: `edge` is that box's left side, or
 * its right side in a right-to-left item, where the marker stands to the
 * right and a number reads "1." from right to left. */
static void make_marker(lctx *c, const doc_node *list, const doc_node *item, int number, float edge)
{
    const computed_style *ics = style_for(c, item);
    const computed_style *ms = ics->marker ? ics->marker : ics;
    bool rtl = ics->direction == DIR_RTL;
    dl_list dl;
    dl_init(&dl);
    tag_saved saved = tag_enter(c, item, TAG_LABEL);
    float gap = 0.5f * ms->font_size;
    if (item->u.item.task >= 0) {
        /* a drawn box: no font needs a ballot-box glyph */
        float s = 0.72f * ms->font_size;
        float x = rtl ? edge + gap : edge - gap - s, y = -0.78f * ms->font_size;
        dl_rect(c, &dl, x, y, s, s, 0, ms->color, 0.6f);
        if (item->u.item.task == 1) {
            dl_item *path = dl_add(c, &dl, DL_PATH);
            float *pts = ARENA_ARRAY(c->a, float, 6);
            pts[0] = x + 0.18f * s, pts[1] = y + 0.5f * s;
            pts[2] = x + 0.42f * s, pts[3] = y + 0.78f * s;
            pts[4] = x + 0.85f * s, pts[5] = y + 0.2f * s;
            path->u.path.pts = pts;
            path->u.path.npts = 3;
            path->u.path.stroke = ms->color;
            path->u.path.line_width = 0.9f;
        }
    } else {
        strbuf sb;
        sb_init(&sb, c->a);
        if (ms->content) {
            sb_puts(&sb, content_text(c, ms->content, item));
        } else {
            list_style ls = ics->list_style;
            bool suffix = ls != LIST_DISC && ls != LIST_CIRCLE && ls != LIST_SQUARE && ls != LIST_NONE;
            char mark = list->u.list.ordered && list->u.list.delim == ')' ? ')' : '.';
            if (suffix && rtl)
                sb_putc(&sb, mark == ')' ? '(' : mark); /* drawn left of the number, mirrored */
            style_format_counter(&sb, number, ls);
            if (suffix && !rtl)
                sb_putc(&sb, mark);
        }
        if (sb.len) {
            float w = style_text_width(c, ms, ms->font_size, sb.data, sb.len);
            style_text_emit(c, &dl, ms, ms->font_size, ms->color, rtl ? edge + gap : edge - gap - w, 0, sb.data,
                            sb.len, item->pos);
        }
    }
    tag_restore(c, saved);
    if (c->nmarker && dl.v.len) {
        /* an item that opens with a list ("- - foo"): the outer marker
         * has not had its line yet and goes on it too */
        dl_item *both = ARENA_ARRAY(c->a, dl_item, (size_t)c->nmarker + dl.v.len);
        memcpy(both, c->marker, (size_t)c->nmarker * sizeof *both);
        memcpy(both + c->nmarker, dl.v.data, dl.v.len * sizeof *both);
        c->marker = both;
        c->nmarker += (int)dl.v.len;
        return;
    }
    c->marker = dl.v.data;
    c->nmarker = (int)dl.v.len;
}

static void list_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    block_state st;
    counters_apply(c, cs);
    block_open(c, cs, &st);
    int number = n->u.list.ordered ? n->u.list.start : 1;
    for (const doc_node *item = n->first; item; item = item->next) {
        const computed_style *ics = style_for(c, item);
        if (ics->display == DISPLAY_NONE)
            continue;
        if (item->kind != DOC_ITEM) {
            block_layout(c, item);
            continue;
        }
        block_state ist;
        counters_apply(c, ics);
        float edge = ics->direction == DIR_RTL ? c->x + c->width - ics->margin[SIDE_RIGHT] : c->x + ics->margin[SIDE_LEFT];
        block_open(c, ics, &ist);
        make_marker(c, n, item, number, edge);
        block_layout_children(c, item);
        if (c->nmarker) {
            /* an empty item still shows its marker */
            float lh = used_line_height(ics);
            galley_box(c, lh, lh * 0.8f, NULL, 0);
        }
        block_close(c, ics, &ist);
        number++;
    }
    block_close(c, cs, &st);
}

/* ---- the rest ---------------------------------------------------------- */

static void paragraph_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    block_state st;
    counters_apply(c, cs);
    /* a tight list's items hold text, not paragraphs: no margins */
    const doc_node *item = n->parent;
    bool tight = item && item->kind == DOC_ITEM && item->parent && item->parent->kind == DOC_LIST &&
                 item->parent->u.list.tight;
    computed_style local;
    if (tight) {
        local = *cs;
        local.margin[SIDE_TOP] = local.margin[SIDE_BOTTOM] = 0;
        cs = &local;
    }
    set_strings(c, cs, n);
    block_open(c, cs, &st);
    inline_layout(c, n, cs);
    block_close(c, cs, &st);
}

static void heading_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    block_state st;
    counters_apply(c, cs);
    set_strings(c, cs, n);
    block_open(c, cs, &st);
    vanchor *an = ARENA_NEW(c->a, vanchor);
    an->id = n->u.heading.id;
    /* a heading wholly withheld (public edition) has no outline entry */
    an->title = doc_has_class(n, "withheld-entirely") ? NULL : quoted_plain_text(c, n);
    an->level = n->u.heading.level;
    an->next = c->anchors;
    c->anchors = an;
    size_t first = c->g->items.len;
    inline_layout(c, n, cs);
    for (size_t i = first; i < c->g->items.len; i++) {
        vitem *v = &VEC_AT(&c->g->items, vitem, i);
        if (v->kind == V_BOX)
            v->flags |= VF_HEADING;
        else if (v->kind == V_PENALTY && v->penalty < KP_INFINITY)
            v->penalty = KP_INFINITY; /* a heading's lines stay together */
    }
    block_close(c, cs, &st);
}

static void rule_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    (void)n;
    block_state st;
    computed_style local = *cs;
    /* the rule is the top border; drawn as a line, not a frame */
    border_side top = cs->border[SIDE_TOP];
    local.border[SIDE_TOP].style = BORDER_NONE;
    local.border[SIDE_TOP].width = 0;
    block_open(c, &local, &st);
    float w = top.style == BORDER_NONE ? 0.5f : top.width;
    rgba col = top.style == BORDER_NONE ? cs->color : top.color;
    dl_list dl;
    dl_init(&dl);
    dl_hline(c, &dl, c->x, c->x + c->width, w / 2, w, col, top.style == BORDER_NONE ? BORDER_SOLID : top.style);
    galley_box(c, w, 0, dl.v.data, (int)dl.v.len);
    block_close(c, &local, &st);
}

static void container_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    block_state st;
    counters_apply(c, cs);
    set_strings(c, cs, n);
    block_open(c, cs, &st);
    block_layout_children(c, n);
    block_close(c, cs, &st);
}

galley *note_galley(lctx *c, const doc_node *def)
{
    /* set aside the flow being built */
    galley *saved_g = c->g;
    float sx = c->x, sw = c->width, mp = c->margin_pos, mn = c->margin_neg;
    bool mpend = c->margin_pending;
    int mavoid = c->margin_avoid;
    dl_item *smarker = c->marker;
    int snmarker = c->nmarker;
    vanchor *sanchors = c->anchors;
    vmark *smarks = c->marks;
    int savoid = c->avoid;

    c->g = galley_new(c);
    c->x = 0;
    c->width = c->col_width;
    c->margin_pos = c->margin_neg = 0;
    c->margin_pending = false;
    c->anchors = NULL;
    c->marks = NULL;
    c->avoid = 0;

    const computed_style *cs = style_for(c, def);
    const computed_style *ms = cs->marker ? cs->marker : cs;
    dl_list dl;
    dl_init(&dl);
    /* the display list keeps a pointer to the text: it lives in the arena */
    const char *num = arena_printf(c->a, "%d", def->u.fndef.number);
    block_state st;
    block_open(c, cs, &st);
    tag_saved saved_tag = tag_enter(c, def, TAG_LABEL);
    float w = style_text_width(c, ms, ms->font_size, num, strlen(num));
    /* the number hangs before the note's start side */
    float num_x = cs->direction == DIR_RTL ? c->x + c->width + 0.35f * cs->font_size : c->x - w - 0.35f * cs->font_size;
    style_text_emit(c, &dl, ms, ms->font_size, ms->color, num_x, ms->valign == VALIGN_SUPER ? -0.3f * cs->font_size : 0,
                    num, strlen(num), def->pos);
    c->marker = dl.v.data;
    c->nmarker = (int)dl.v.len;
    vanchor *an = ARENA_NEW(c->a, vanchor);
    an->id = arena_printf(c->a, "fn-%d", def->u.fndef.number);
    c->anchors = an;
    tag_enter(c, def, TAG_CONTENT);
    block_layout_children(c, def);
    tag_restore(c, saved_tag);
    block_close(c, cs, &st);
    galley_flush_margin(c);
    galley *g = c->g;
    /* margins at either end of a note mean nothing at the page foot */
    while (g->items.len && VEC_AT(&g->items, vitem, g->items.len - 1).kind == V_GLUE)
        g->items.len--;

    c->g = saved_g;
    c->x = sx;
    c->width = sw;
    c->margin_pos = mp;
    c->margin_neg = mn;
    c->margin_pending = mpend;
    c->margin_avoid = mavoid;
    c->marker = smarker;
    c->nmarker = snmarker;
    c->anchors = sanchors;
    c->marks = smarks;
    c->avoid = savoid;
    return g;
}

void block_layout(lctx *c, const doc_node *n)
{
    const computed_style *cs = style_for(c, n);
    if (cs->display == DISPLAY_NONE)
        return;
    c->block_pos = n->pos;
    if (n->anchor && hmap_get(&c->link_ids, n->anchor, strlen(n->anchor)) == n) {
        /* the block's label: links go to the top of its first box */
        vanchor *an = ARENA_NEW(c->a, vanchor);
        an->id = n->anchor;
        an->next = c->anchors;
        c->anchors = an;
    }
    tag_saved saved = tag_enter(c, n, TAG_CONTENT);
    switch (n->kind) {
    case DOC_PARAGRAPH:
        paragraph_layout(c, n, cs);
        break;
    case DOC_HEADING:
        heading_layout(c, n, cs);
        break;
    case DOC_LIST:
        list_layout(c, n, cs);
        break;
    case DOC_ITEM:
        /* an item outside a list (flattened nesting) is a plain block */
        container_layout(c, n, cs);
        break;
    case DOC_BLOCKQUOTE:
    case DOC_CONTAINER:
        container_layout(c, n, cs);
        break;
    case DOC_CODE_BLOCK:
    case DOC_HTML_BLOCK:
        code_layout(c, n, cs);
        break;
    case DOC_THEMATIC_BREAK:
        rule_layout(c, n, cs);
        break;
    case DOC_TABLE:
        table_layout(c, n);
        break;
    case DOC_FIGURE:
        figure_layout(c, n, cs);
        break;
    case DOC_CHART:
        chart_layout(c, n);
        break;
    case DOC_CAPTION: {
        block_state st;
        counters_apply(c, cs);
        set_strings(c, cs, n);
        block_open(c, cs, &st);
        inline_layout(c, n, cs);
        block_close(c, cs, &st);
        break;
    }
    case DOC_FOOTNOTE_DEF:
        break; /* placed at the foot of the page that references it */
    default:
        break; /* inlines are set by their block (block_layout_children) */
    }
    tag_restore(c, saved);
}

void block_layout_children(lctx *c, const doc_node *n)
{
    for (const doc_node *ch = n->first; ch; ch = ch->next) {
        if (doc_is_inline(ch->kind)) {
            /* a run of inlines (a table cell's content, a title) is set as
             * the parent's paragraph; only once for the whole run */
            inline_layout(c, n, style_for(c, n));
            return;
        }
        block_layout(c, ch);
    }
}
