/* Building the galley: boxes, glue, penalties and collapsing margins. */
#include "layout_internal.h"

galley *galley_new(lctx *c)
{
    galley *g = ARENA_NEW(c->a, galley);
    vec_init(&g->items, sizeof(vitem));
    return g;
}

vitem *galley_push(lctx *c, vkind kind)
{
    vitem *v = VEC_PUSH(c->a, &c->g->items, vitem);
    v->kind = kind;
    v->avoid = (int16_t)(c->avoid > 32000 ? 32000 : c->avoid);
    v->pos = c->block_pos; /* callers that know better overwrite it */
    return v;
}

/* CSS collapses adjoining vertical margins: the largest positive plus the
 * most negative. They become one glue before the next box. */
void galley_margin(lctx *c, float m)
{
    if (c->frame_top)
        return;
    /* a margin between two blocks that avoid breaks inside is between
     * them, not inside the second, whose first box flushes it */
    c->margin_avoid = c->margin_pending ? MIN(c->margin_avoid, c->avoid) : c->avoid;
    if (m >= 0) {
        if (m > c->margin_pos)
            c->margin_pos = m;
    } else if (m < c->margin_neg) {
        c->margin_neg = m;
    }
    c->margin_pending = true;
}

void galley_flush_margin(lctx *c)
{
    if (!c->margin_pending)
        return;
    float m = c->margin_pos + c->margin_neg;
    c->margin_pos = c->margin_neg = 0;
    c->margin_pending = false;
    int outside = MIN(c->margin_avoid, c->avoid);
    if (m != 0 || outside < c->avoid) {
        galley_glue(c, m, 0, 0);
        vitem *v = &VEC_AT(&c->g->items, vitem, c->g->items.len - 1);
        v->avoid = (int16_t)outside;
    }
}

void galley_glue(lctx *c, float size, float stretch, float shrink)
{
    vitem *v = galley_push(c, V_GLUE);
    v->height = size;
    v->stretch = stretch;
    v->shrink = shrink;
}

void galley_penalty(lctx *c, float penalty)
{
    /* two penalties in a row: the stronger one decides, and a forced
     * break is stronger than an avoided one (CSS 2.1, 13.3.3) */
    vec *items = &c->g->items;
    if (items->len > 0) {
        vitem *last = &VEC_AT(items, vitem, items->len - 1);
        if (last->kind == V_PENALTY) {
            if (penalty <= -KP_INFINITY || last->penalty <= -KP_INFINITY)
                last->penalty = MIN(last->penalty, penalty);
            else if (penalty >= KP_INFINITY || last->penalty >= KP_INFINITY)
                last->penalty = MAX(last->penalty, penalty);
            else
                last->penalty = MAX(last->penalty, penalty);
            return;
        }
    }
    vitem *v = galley_push(c, V_PENALTY);
    v->penalty = penalty;
}

vitem *galley_edge(lctx *c, float height)
{
    /* a frame's top edge: anchors and marks go with it, a list marker
     * waits for the first line inside */
    dl_item *marker = c->marker;
    int nmarker = c->nmarker;
    c->marker = NULL;
    c->nmarker = 0;
    vitem *v = galley_box(c, height, 0, NULL, 0);
    c->marker = marker;
    c->nmarker = nmarker;
    return v;
}

vitem *galley_box(lctx *c, float height, float baseline, dl_item *dl, int ndl)
{
    galley_flush_margin(c);
    c->frame_top = false;
    if (c->nmarker) {
        dl_item *all = ARENA_ARRAY(c->a, dl_item, ndl + c->nmarker);
        for (int i = 0; i < c->nmarker; i++)
            all[i] = dl_moved(c, &c->marker[i], 0, baseline);
        for (int i = 0; i < ndl; i++)
            all[c->nmarker + i] = dl[i];
        dl = all;
        ndl += c->nmarker;
        c->marker = NULL;
        c->nmarker = 0;
    }
    vitem *v = galley_push(c, V_BOX);
    v->height = height;
    v->dl = dl;
    v->ndl = ndl;
    v->anchors = c->anchors;
    v->marks = c->marks;
    c->anchors = NULL;
    c->marks = NULL;
    return v;
}
