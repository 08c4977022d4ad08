/* Display items: the drawing instructions a page is made of. */
#include "layout_internal.h"

#include <string.h>

void dl_init(dl_list *l)
{
    vec_init(&l->v, sizeof(dl_item));
    l->a = NULL;
}

void dl_init_in(dl_list *l, arena *a)
{
    dl_init(l);
    l->a = a;
}

dl_item dl_moved(lctx *c, const dl_item *src, float dx, float dy)
{
    dl_item it = *src;
    it.x += dx;
    it.y += dy;
    if (it.kind == DL_LINE) {
        it.u.line.x2 += dx;
        it.u.line.y2 += dy;
    } else if (it.kind == DL_PATH && (dx != 0 || dy != 0)) {
        float *pts = ARENA_ARRAY(c->a, float, 2 * it.u.path.npts);
        for (int i = 0; i < it.u.path.npts; i++) {
            pts[2 * i] = src->u.path.pts[2 * i] + dx;
            pts[2 * i + 1] = src->u.path.pts[2 * i + 1] + dy;
        }
        it.u.path.pts = pts;
    }
    return it;
}

dl_item *dl_add(lctx *c, dl_list *l, dl_kind kind)
{
    dl_item *it = VEC_PUSH(l->a ? l->a : c->a, &l->v, dl_item);
    it->kind = kind;
    it->node = c->tag_node;
    it->tag = c->tag_kind;
    return it;
}

tag_saved tag_enter(lctx *c, const doc_node *n, dl_tag kind)
{
    tag_saved saved = {c->tag_node, c->tag_kind};
    c->tag_node = n ? n->id + 1 : 0;
    c->tag_kind = (uint8_t)kind;
    return saved;
}

void tag_restore(lctx *c, tag_saved saved)
{
    c->tag_node = saved.node;
    c->tag_kind = saved.kind;
}

dl_item *dl_text(lctx *c, dl_list *l, font_face *f, float size, bool kern, rgba color, float x, float y,
                 const char *s, size_t n)
{
    dl_item *it = dl_add(c, l, DL_TEXT);
    it->x = x;
    it->y = y;
    it->u.text.font = f;
    it->u.text.size = size;
    it->u.text.color = color;
    it->u.text.kern = kern;
    /* a copy: callers format numbers and labels in buffers of their own */
    it->u.text.str = n ? arena_memdup(c->a, s, n) : "";
    it->u.text.len = n;
    return it;
}

static bool joinable(const dl_item *a, const dl_item *b)
{
    return a->kind == DL_TEXT && b->kind == DL_TEXT && a->node == b->node && a->tag == b->tag &&
           a->u.text.font == b->u.text.font && a->u.text.size == b->u.text.size && a->u.text.color == b->u.text.color &&
           a->y == b->y && !a->u.text.rtl && !b->u.text.rtl && a->u.text.angle == 0 && b->u.text.angle == 0 &&
           a->u.text.nglyphs > 0 && b->u.text.nglyphs > 0 && b->x >= a->x;
}

/* Items a..b-1 as one: their texts one after the other, the gap before
 * each item added to the advance of the glyph before it. */
static void join_items(lctx *c, dl_item *items, size_t a, size_t b)
{
    dl_item *first = &items[a];
    size_t len = 0;
    int nglyphs = 0;
    for (size_t i = a; i < b; i++) {
        len += items[i].u.text.len;
        nglyphs += items[i].u.text.nglyphs;
    }
    char *str = arena_alloc(c->a, len ? len : 1);
    dl_glyph *glyphs = ARENA_ARRAY(c->a, dl_glyph, nglyphs);
    size_t at = 0;
    int ng = 0;
    float pen = first->x;
    for (size_t i = a; i < b; i++) {
        const dl_item *it = &items[i];
        if (ng > 0)
            glyphs[ng - 1].advance += it->x - pen;
        pen = it->x;
        memcpy(str + at, it->u.text.str, it->u.text.len);
        for (int k = 0; k < it->u.text.nglyphs; k++) {
            glyphs[ng] = it->u.text.glyphs[k];
            glyphs[ng].cluster += (uint32_t)at;
            pen += glyphs[ng].advance;
            ng++;
        }
        at += it->u.text.len;
    }
    const dl_item *last = &items[b - 1];
    first->w = last->x + last->w - first->x;
    first->u.text.str = str;
    first->u.text.len = len;
    first->u.text.glyphs = glyphs;
    first->u.text.nglyphs = ng;
}

void dl_join_letters(lctx *c, dl_list *l, size_t from)
{
    dl_item *items = l->v.data;
    size_t out = from;
    for (size_t i = from; i < l->v.len;) {
        size_t j = i + 1;
        while (j < l->v.len && joinable(&items[j - 1], &items[j]))
            j++;
        if (j - i > 1)
            join_items(c, items, i, j);
        items[out++] = items[i];
        i = j;
    }
    l->v.len = out;
}

void dl_rect(lctx *c, dl_list *l, float x, float y, float w, float h, rgba fill, rgba stroke, float lw)
{
    dl_item *it = dl_add(c, l, DL_RECT);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->u.rect.fill = fill;
    it->u.rect.stroke = stroke;
    it->u.rect.line_width = lw;
    it->u.rect.dash = BORDER_SOLID;
}

/* A straight line from (x1, y1) to (x2, y2). */
static void dl_line(lctx *c, dl_list *l, float x1, float y1, float x2, float y2, float width, rgba color,
                    border_style dash)
{
    dl_item *it = dl_add(c, l, DL_LINE);
    it->x = x1;
    it->y = y1;
    it->u.line.x2 = x2;
    it->u.line.y2 = y2;
    it->u.line.width = width;
    it->u.line.color = color;
    it->u.line.dash = dash;
}

void dl_hline(lctx *c, dl_list *l, float x1, float x2, float y, float width, rgba color, border_style dash)
{
    dl_line(c, l, x1, y, x2, y, width, color, dash);
}

void dl_vline(lctx *c, dl_list *l, float x, float y1, float y2, float width, rgba color, border_style dash)
{
    dl_line(c, l, x, y1, x, y2, width, color, dash);
}

/* Each border is stroked along the middle of its width, inside the box. */
/* One border side, from its outer edge `edge` inwards (dir +1 or -1):
 * `double` is two lines of a third of the width each, with a third between. */
static void border_h(lctx *c, dl_list *l, float x1, float x2, float edge, float dir, const border_side *b)
{
    if (b->style == BORDER_DOUBLE && b->width >= 1.5f) {
        float t = b->width / 3;
        dl_hline(c, l, x1, x2, edge + dir * t / 2, t, b->color, BORDER_SOLID);
        dl_hline(c, l, x1, x2, edge + dir * (b->width - t / 2), t, b->color, BORDER_SOLID);
    } else {
        dl_hline(c, l, x1, x2, edge + dir * b->width / 2, b->width, b->color, b->style);
    }
}

static void border_v(lctx *c, dl_list *l, float y1, float y2, float edge, float dir, const border_side *b)
{
    if (b->style == BORDER_DOUBLE && b->width >= 1.5f) {
        float t = b->width / 3;
        dl_vline(c, l, edge + dir * t / 2, y1, y2, t, b->color, BORDER_SOLID);
        dl_vline(c, l, edge + dir * (b->width - t / 2), y1, y2, t, b->color, BORDER_SOLID);
    } else {
        dl_vline(c, l, edge + dir * b->width / 2, y1, y2, b->width, b->color, b->style);
    }
}

void dl_borders(lctx *c, dl_list *l, float x, float y, float w, float h, const border_side b[4], int sides)
{
    if ((sides & 1) && b[SIDE_TOP].style != BORDER_NONE && b[SIDE_TOP].width > 0)
        border_h(c, l, x, x + w, y, 1, &b[SIDE_TOP]);
    if ((sides & 4) && b[SIDE_BOTTOM].style != BORDER_NONE && b[SIDE_BOTTOM].width > 0)
        border_h(c, l, x, x + w, y + h, -1, &b[SIDE_BOTTOM]);
    if ((sides & 8) && b[SIDE_LEFT].style != BORDER_NONE && b[SIDE_LEFT].width > 0)
        border_v(c, l, y, y + h, x, 1, &b[SIDE_LEFT]);
    if ((sides & 2) && b[SIDE_RIGHT].style != BORDER_NONE && b[SIDE_RIGHT].width > 0)
        border_v(c, l, y, y + h, x + w, -1, &b[SIDE_RIGHT]);
}
