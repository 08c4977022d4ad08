/* Tables: column widths by CSS's automatic table layout (min-content and
 * max-content widths, the rest shared by how much each column could use),
 * cells set as small galleys, rows as boxes the page builder may split,
 * and the header rows repeated at the top of every continuation page.
 * Cell borders follow the collapsing border model: centred on the grid. */
#include "layout_internal.h"

#include <math.h>
#include <string.h>

static float bw(const border_side *b)
{
    return b->style == BORDER_NONE ? 0 : b->width;
}

static float galley_height(const galley *g)
{
    float h = 0;
    for (size_t i = 0; i < g->items.len; i++) {
        const vitem *v = &VEC_AT(&g->items, vitem, i);
        if (v->kind == V_BOX || v->kind == V_GLUE)
            h += v->height;
    }
    return h;
}

/* Widths of the columns. With :widths: the option decides; otherwise the
 * automatic layout: every column gets its min-content width, and what the
 * table has beyond that goes to columns in proportion to how much wider
 * their max-content is. */
static void column_widths(lctx *c, const doc_node *t, const computed_style *tcs, float avail, float *w)
{
    int ncols = t->u.table.ncols;
    float *lo = ARENA_ARRAY(c->a, float, ncols), *hi = ARENA_ARRAY(c->a, float, ncols);
    for (const doc_node *row = t->first; row; row = row->next) {
        if (row->kind != DOC_TABLE_ROW)
            continue;
        int col = 0;
        for (const doc_node *cell = row->first; cell && col < ncols; cell = cell->next, col++) {
            const computed_style *cs = style_for(c, cell);
            float pb = cs->padding[SIDE_LEFT] + cs->padding[SIDE_RIGHT] +
                       (bw(&cs->border[SIDE_LEFT]) + bw(&cs->border[SIDE_RIGHT])) / 2;
            float mn, mx;
            inline_measure(c, cell, cs, &mn, &mx);
            lo[col] = MAX(lo[col], mn + pb);
            hi[col] = MAX(hi[col], mx + pb);
        }
    }
    float sum_lo = 0, sum_hi = 0;
    for (int i = 0; i < ncols; i++) {
        hi[i] = MAX(hi[i], lo[i]);
        sum_lo += lo[i];
        sum_hi += hi[i];
    }
    if (t->u.table.widths) {
        float fixed = 0, weights = 0;
        for (int i = 0; i < ncols; i++) {
            if (t->u.table.width_fixed[i])
                fixed += (float)t->u.table.widths[i];
            else
                weights += (float)t->u.table.widths[i];
        }
        float rest = MAX(0, avail - fixed);
        for (int i = 0; i < ncols; i++)
            w[i] = t->u.table.width_fixed[i] ? (float)t->u.table.widths[i]
                                               : (weights > 0 ? rest * (float)t->u.table.widths[i] / weights : 0);
        float total = 0;
        for (int i = 0; i < ncols; i++)
            total += w[i];
        if (total > avail && total > 0)
            for (int i = 0; i < ncols; i++)
                w[i] *= avail / total;
        return;
    }
    /* an auto-width table shrinks to its content; otherwise it fills */
    float target = tcs->width.kind == LEN_AUTO ? MIN(avail, sum_hi) : avail;
    if (sum_hi <= target) {
        float extra = target - sum_hi;
        for (int i = 0; i < ncols; i++)
            w[i] = hi[i] + (sum_hi > 0 ? extra * hi[i] / sum_hi : extra / (float)ncols);
    } else if (sum_lo <= target) {
        float extra = target - sum_lo, span = sum_hi - sum_lo;
        for (int i = 0; i < ncols; i++)
            w[i] = lo[i] + (span > 0 ? extra * (hi[i] - lo[i]) / span : 0);
    } else {
        WARN(c->d, t->pos, "the table's columns need %.0fpt but only %.0fpt are available; long words in its cells are broken",
             (double)sum_lo, (double)target);
        for (int i = 0; i < ncols; i++)
            w[i] = lo[i] * target / sum_lo;
    }
}

/* Sets one cell's content into a galley of its own. */
static galley *cell_galley(lctx *c, const doc_node *cell, const computed_style *cs, float width)
{
    galley *saved = c->g;
    float sx = c->x, sw = c->width;
    int savoid = c->avoid;
    c->g = galley_new(c);
    c->x = 0;
    c->width = MAX(1.0f, width);
    c->margin_pos = c->margin_neg = 0;
    c->margin_pending = false;
    c->avoid = 0;
    counters_apply(c, cs);
    if (cell->kind == DOC_TABLE_CELL && cell->u.cell.align != ALIGN_NONE) {
        /* the column's alignment from the table (| ---: |, :align:) */
        computed_style local = *cs;
        local.align = cell->u.cell.align == ALIGN_RIGHT ? TEXT_RIGHT
                    : cell->u.cell.align == ALIGN_CENTER ? TEXT_CENTER : TEXT_LEFT;
        inline_layout(c, cell, &local);
    } else {
        block_layout_children(c, cell);
    }
    c->margin_pos = c->margin_neg = 0;
    c->margin_pending = false;
    galley *g = c->g;
    c->g = saved;
    c->x = sx;
    c->width = sw;
    c->avoid = savoid;
    return g;
}

/* The drawing of a row, given the height it gets. Cell content starts at
 * `skip` within each cell (the part already drawn on an earlier page). */
void table_draw_row(lctx *c, const vrow *row, float height, dl_list *dl, vnote ***notes_tail)
{
    if (RGBA_A(row->background))
        dl_rect(c, dl, row->x, 0, row->width, height, row->background, 0, 0);
    for (int i = 0; i < row->ncells; i++) {
        const vcell *cell = &row->cells[i];
        if (RGBA_A(cell->background))
            dl_rect(c, dl, cell->x, 0, cell->width, height, cell->background, 0, 0);
    }
    for (int i = 0; i < row->ncells; i++) {
        const vcell *cell = &row->cells[i];
        float inner = height - cell->pad[SIDE_TOP] - cell->pad[SIDE_BOTTOM];
        float y = cell->pad[SIDE_TOP];
        if (cell->valign == VALIGN_MIDDLE)
            y += MAX(0, (inner - cell->content_height) / 2);
        else if (cell->valign == VALIGN_BOTTOM)
            y += MAX(0, inner - cell->content_height);
        float x = cell->x + cell->pad[SIDE_LEFT];
        for (size_t k = 0; k < cell->content->items.len; k++) {
            const vitem *v = &VEC_AT(&cell->content->items, vitem, k);
            if (v->kind == V_GLUE) {
                y += v->height;
                continue;
            }
            if (v->kind != V_BOX)
                continue;
            for (int j = 0; j < v->ndl; j++)
                *(dl_item *)vec_push(c->a, &dl->v) = dl_moved(c, &v->dl[j], x, y);
            for (vnote *n = v->notes; n && notes_tail; n = n->next) {
                vnote *copy = ARENA_NEW(c->a, vnote);
                *copy = *n;
                copy->next = NULL;
                **notes_tail = copy;
                *notes_tail = &copy->next;
            }
            y += v->height;
        }
    }
    for (int i = 0; i < row->ncells; i++) {
        const vcell *cell = &row->cells[i];
        const border_side *b = cell->border;
        float x0 = cell->x, x1 = cell->x + cell->width;
        if (b[SIDE_TOP].style != BORDER_NONE && b[SIDE_TOP].width > 0)
            dl_hline(c, dl, x0, x1, 0, b[SIDE_TOP].width, b[SIDE_TOP].color, b[SIDE_TOP].style);
        if (b[SIDE_BOTTOM].style != BORDER_NONE && b[SIDE_BOTTOM].width > 0)
            dl_hline(c, dl, x0, x1, height, b[SIDE_BOTTOM].width, b[SIDE_BOTTOM].color, b[SIDE_BOTTOM].style);
        if (b[SIDE_LEFT].style != BORDER_NONE && b[SIDE_LEFT].width > 0)
            dl_vline(c, dl, x0, 0, height, b[SIDE_LEFT].width, b[SIDE_LEFT].color, b[SIDE_LEFT].style);
        if (b[SIDE_RIGHT].style != BORDER_NONE && b[SIDE_RIGHT].width > 0)
            dl_vline(c, dl, x1, 0, height, b[SIDE_RIGHT].width, b[SIDE_RIGHT].color, b[SIDE_RIGHT].style);
    }
}

float table_row_height(const vrow *row)
{
    float h = 0;
    for (int i = 0; i < row->ncells; i++) {
        const vcell *cell = &row->cells[i];
        h = MAX(h, cell->content_height + cell->pad[SIDE_TOP] + cell->pad[SIDE_BOTTOM]);
    }
    return h;
}

/* A row's box: its drawing at its natural height, and the row itself so
 * the page builder can split a row taller than a page. */
static vitem *row_box(lctx *c, vrow *row)
{
    float h = table_row_height(row);
    dl_list dl;
    dl_init(&dl);
    vnote *notes = NULL, **tail = &notes;
    table_draw_row(c, row, h, &dl, &tail);
    vitem *v = galley_box(c, h, 0, dl.v.data, (int)dl.v.len);
    v->row = row;
    v->notes = notes;
    return v;
}

static vrow *build_row(lctx *c, const doc_node *r, const float *colw, int ncols, float x0, float width)
{
    const computed_style *rcs = style_for(c, r);
    counters_apply(c, rcs);
    vrow *row = ARENA_NEW(c->a, vrow);
    row->cells = ARENA_ARRAY(c->a, vcell, ncols);
    row->background = rcs->background;
    row->x = x0;
    row->width = width;
    float x = x0;
    int col = 0;
    for (const doc_node *cell = r->first; cell && col < ncols; cell = cell->next, col++) {
        const computed_style *cs = style_for(c, cell);
        vcell *vc = &row->cells[row->ncells++];
        vc->x = x;
        vc->width = colw[col];
        memcpy(vc->border, cs->border, sizeof vc->border);
        for (int s = 0; s < 4; s++)
            vc->pad[s] = cs->padding[s] + ((s == SIDE_TOP || s == SIDE_BOTTOM) ? bw(&cs->border[s]) / 2 : bw(&cs->border[s]) / 2);
        vc->background = cs->background;
        vc->valign = cs->valign;
        vc->content = cell_galley(c, cell, cs, colw[col] - vc->pad[SIDE_LEFT] - vc->pad[SIDE_RIGHT]);
        vc->content_height = galley_height(vc->content);
        x += colw[col];
    }
    /* a short row (fewer cells than columns) still spans the table */
    for (; col < ncols; col++) {
        vcell *vc = &row->cells[row->ncells++];
        vc->x = x;
        vc->width = colw[col];
        vc->content = galley_new(c);
        x += colw[col];
    }
    return row;
}

void table_layout(lctx *c, const doc_node *t)
{
    const computed_style *cs = style_for(c, t);
    int ncols = t->u.table.ncols;
    if (ncols <= 0)
        return;
    block_state st;
    counters_apply(c, cs);
    block_open(c, cs, &st);

    for (const doc_node *ch = t->first; ch; ch = ch->next) {
        if (ch->kind != DOC_CAPTION)
            continue;
        const computed_style *ccs = style_for(c, ch);
        if (ccs->display == DISPLAY_NONE)
            continue;
        block_state cst;
        counters_apply(c, ccs);
        block_open(c, ccs, &cst);
        inline_layout(c, ch, ccs);
        block_close(c, ccs, &cst);
        galley_penalty(c, KP_INFINITY);
    }

    float *colw = ARENA_ARRAY(c->a, float, ncols);
    column_widths(c, t, cs, c->width, colw);
    float width = 0;
    for (int i = 0; i < ncols; i++)
        width += colw[i];

    /* the rows sit between an open and a close that carry the header rows
     * to repeat on continuation pages */
    galley_flush_margin(c);
    vdeco *deco = ARENA_NEW(c->a, vdeco);
    deco->x = c->x;
    deco->width = width;
    vitem *open = galley_push(c, V_OPEN);
    open->deco = deco;
    vec repeat;
    vec_init(&repeat, sizeof(vitem));
    for (const doc_node *r = t->first; r; r = r->next) {
        if (r->kind != DOC_TABLE_ROW || style_for(c, r)->display == DISPLAY_NONE)
            continue;
        vrow *row = build_row(c, r, colw, ncols, c->x, width);
        vitem *v = row_box(c, row);
        v->pos = r->pos;
        if (r->u.row.header) {
            v->flags |= VF_HEADER_ROW;
            *(vitem *)vec_push(c->a, &repeat) = *v;
            galley_penalty(c, KP_INFINITY); /* a page never ends on the header alone */
        } else {
            galley_penalty(c, style_for(c, r)->break_after == BREAK_AVOID ? KP_INFINITY : 0);
        }
    }
    /* no break after the last row: the close follows */
    vec *items = &c->g->items;
    if (items->len && VEC_AT(items, vitem, items->len - 1).kind == V_PENALTY)
        items->len--;
    deco->repeat = repeat.data;
    deco->nrepeat = (int)repeat.len;
    vitem *close = galley_push(c, V_CLOSE);
    close->deco = deco;
    block_close(c, cs, &st);
}
