/* Display items: the drawing instructions a page is made of. */
#include "layout_internal.h"

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
