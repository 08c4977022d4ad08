/* Tables: column widths by CSS's automatic table layout (min-content and
 * max-content widths, the rest shared by how much each column could use),
 * cells set as small galleys, rows as boxes the page builder may split,
 * and the caption ("... (continued)") and header rows repeated at the top
 * of every continuation page. Cell borders follow the collapsing border
 * model: centred on the grid.
 *
 * Long tables are the common case (thousands of rows of cases), so a row
 * whose cells hold only text is set in a scratch arena: what stays is the
 * row's drawing, and the cells' galleys only when the page builder may
 * have to split the row. */
#include "layout_internal.h"

#include <math.h>
#include <string.h>

/* Text shrinks at most to this fraction of its size before words break. */
#define MIN_FONT_SCALE 0.8f
/* Rows measured per scratch arena. */
#define MEASURE_BATCH 256
/* A row shorter than this share of the page never needs splitting. */
#define SHORT_ROW 0.5f

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

/* ---- column widths ------------------------------------------------------ */

/* Relative :widths: share what the fixed ones leave; a column never gets
 * less than its min-content width, so columns that would are fixed at it
 * and the rest is shared again among the others. */
static void weighted_widths(const table_widths_in *in, float target, float *w)
{
    int n = in->ncols;
    bool *settled = ARENA_ARRAY(in->a, bool, n);
    float rest = target;
    for (int i = 0; i < n; i++) {
        settled[i] = in->fixed[i];
        if (in->fixed[i]) {
            w[i] = MAX((float)in->widths[i], in->lo[i]);
            rest -= w[i];
        }
    }
    for (int round = 0; round <= n; round++) {
        double weights = 0;
        for (int i = 0; i < n; i++)
            if (!settled[i])
                weights += in->widths[i];
        bool changed = false;
        for (int i = 0; i < n; i++) {
            if (settled[i])
                continue;
            w[i] = weights > 0 ? (float)(MAX(0, rest) * in->widths[i] / weights) : 0;
            if (w[i] < in->lo[i]) {
                w[i] = in->lo[i];
                settled[i] = true;
                rest -= w[i];
                changed = true;
            }
        }
        if (!changed)
            break;
    }
}

/* Between the minima and the maxima. Columns that want no more than an
 * equal share of what is left get all they want (a date or a number is
 * never wrapped to let a paragraph column be a little wider); the others
 * get their minimum and share the rest in proportion to how much more
 * they could use. */
static void between_widths(const table_widths_in *in, float target, float *w)
{
    int n = in->ncols;
    bool *settled = ARENA_ARRAY(in->a, bool, n);
    float rest = target;
    int left = n;
    for (bool changed = true; changed && left > 0;) {
        changed = false;
        float share = rest / (float)left;
        for (int i = 0; i < n; i++) {
            float hi = MAX(in->hi[i], in->lo[i]);
            if (!settled[i] && hi <= share) {
                w[i] = hi;
                settled[i] = true;
                rest -= hi;
                left--;
                changed = true;
            }
        }
    }
    float lo = 0, hi = 0;
    for (int i = 0; i < n; i++)
        if (!settled[i]) {
            lo += in->lo[i];
            hi += MAX(in->hi[i], in->lo[i]);
        }
    if (rest < lo) {
        /* the narrow columns took too much: every column from its minimum */
        for (int i = 0; i < n; i++)
            settled[i] = false;
        rest = target;
        lo = hi = 0;
        for (int i = 0; i < n; i++) {
            lo += in->lo[i];
            hi += MAX(in->hi[i], in->lo[i]);
        }
    }
    float extra = rest - lo, span = hi - lo;
    for (int i = 0; i < n; i++)
        if (!settled[i])
            w[i] = in->lo[i] + (span > 0 ? extra * (MAX(in->hi[i], in->lo[i]) - in->lo[i]) / span : 0);
}

bool table_column_widths(const table_widths_in *in, float *w)
{
    int n = in->ncols;
    float sum_lo = 0, sum_hi = 0;
    for (int i = 0; i < n; i++) {
        sum_lo += in->lo[i];
        sum_hi += MAX(in->hi[i], in->lo[i]);
    }
    float need = 0;
    if (in->widths) {
        bool any_relative = false;
        for (int i = 0; i < n; i++) {
            need += in->fixed[i] ? MAX((float)in->widths[i], in->lo[i]) : in->lo[i];
            any_relative = any_relative || !in->fixed[i];
        }
        if (need <= in->avail) {
            /* relative widths fill the line; fixed ones alone keep their size */
            weighted_widths(in, any_relative ? in->avail : need, w);
            return true;
        }
    } else {
        need = sum_lo;
        float target = in->fill ? in->avail : MIN(in->avail, sum_hi);
        if (sum_hi <= target) {
            /* everything fits on one line: the extra goes by max-content */
            float extra = target - sum_hi;
            for (int i = 0; i < n; i++) {
                float hi = MAX(in->hi[i], in->lo[i]);
                w[i] = hi + (sum_hi > 0 ? extra * hi / sum_hi : extra / (float)n);
            }
            return true;
        }
        if (sum_lo <= target) {
            between_widths(in, target, w);
            return true;
        }
    }
    /* not even the minima fit: narrowed in proportion */
    for (int i = 0; i < n; i++) {
        float want = in->widths && in->fixed[i] ? MAX((float)in->widths[i], in->lo[i]) : in->lo[i];
        w[i] = need > 0 ? want * in->avail / need : in->avail / (float)n;
    }
    return false;
}

/* ---- numbers aligned on their decimal point ----------------------------- */

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Group separators a formatted number may hold besides the decimal point:
 * comma, full stop, apostrophe, space, no-break and narrow no-break space. */
static size_t group_sep(const char *s, size_t n, char point)
{
    if (n >= 1 && (s[0] == ',' || s[0] == '.' || s[0] == '\'' || s[0] == ' ') && s[0] != point)
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
        return 3;
    return 0;
}

float table_decimal_tail(const char *s, size_t n, char point, text_measure_fn measure, void *ctx)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    else if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x92)
        i += 3; /* U+2212 minus */
    size_t digits = 0;
    while (i < n) {
        if (is_digit(s[i])) {
            i++;
            digits++;
            continue;
        }
        size_t g = digits ? group_sep(s + i, n - i, point) : 0;
        if (g && i + g < n && is_digit(s[i + g])) {
            i += g;
            continue;
        }
        break;
    }
    if (!digits)
        return -1;
    size_t tail = i;
    if (i < n && s[i] == point) {
        i++;
        while (i < n && is_digit(s[i]))
            i++;
    }
    /* a unit may follow: "45.3 %", "12%" */
    size_t j = i;
    if (j < n && s[j] == ' ')
        j++;
    if (j < n && s[j] == '%')
        i = j + 1;
    if (i != n)
        return -1;
    return tail < n ? measure(ctx, s + tail, n - tail) : 0;
}

typedef struct {
    lctx *c;
    const computed_style *cs;
} measure_ctx;

static float measure_text(void *ctx, const char *s, size_t n)
{
    measure_ctx *m = ctx;
    return style_text_width(m->c, m->cs, m->cs->font_size, s, n);
}

/* ---- the table's rows ------------------------------------------------- */

typedef struct {
    lctx *c;
    const doc_node *t;
    int ncols;
    const doc_node **rows; /* rows shown (display is not none) */
    int nrows;
    bool *decimal;         /* per column: numbers aligned on the point */
    char *point;           /* per column: the decimal point (:number-format:) */
    float *lo, *hi, *w;    /* per column: min- and max-content widths, widths */
    float *tails;          /* per column: the widest decimal tail */
    float x, width;        /* the table's columns */
    float short_row;       /* rows below this height never split */
    arena *scratch;        /* measuring and plain rows, reset after each use */
} table_state;

/* A cell's text when it is nothing but text (the common case). */
static bool cell_text(const doc_node *cell, const char **s, size_t *n)
{
    if (!cell->first) {
        *s = "";
        *n = 0;
        return true;
    }
    if (cell->first != cell->last || cell->first->kind != DOC_TEXT)
        return false;
    *s = cell->first->text;
    *n = cell->first->len;
    return true;
}

/* The cell in column col of a row, or NULL where the row is short. */
static const doc_node *cell_at(const doc_node *row, int col)
{
    const doc_node *cell = row->first;
    for (int k = 0; cell && k < col; k++)
        cell = cell->next;
    return cell;
}

/* Right-aligned columns whose body cells are all numbers line up on the
 * decimal point. */
static void find_decimal_columns(table_state *ts)
{
    lctx *c = ts->c;
    ts->decimal = ARENA_ARRAY(c->a, bool, ts->ncols);
    ts->point = ARENA_ARRAY(c->a, char, ts->ncols);
    for (int col = 0; col < ts->ncols; col++) {
        const char *p = ts->t->u.table.point ? ts->t->u.table.point[col] : ".";
        ts->point[col] = p && p[0] && !p[1] ? p[0] : '.';
        if (!ts->t->u.table.align || ts->t->u.table.align[col] != ALIGN_RIGHT)
            continue;
        int numbers = 0;
        bool all = true;
        for (int r = 0; r < ts->nrows && all; r++) {
            if (ts->rows[r]->u.row.header)
                continue;
            const doc_node *cell = cell_at(ts->rows[r], col);
            const char *s;
            size_t n;
            if (!cell || !cell_text(cell, &s, &n)) {
                all = false;
                break;
            }
            if (n == 0)
                continue;
            /* the check alone: widths come later, in the cell's own style */
            float tail = table_decimal_tail(s, n, ts->point[col], measure_text, &(measure_ctx){c, style_for(c, cell)});
            if (tail < 0)
                all = false;
            else
                numbers++;
        }
        ts->decimal[col] = all && numbers > 0;
    }
}

/* How far a number's right edge stands in from the column's, so that its
 * point lines up with the widest tail of the column. */
static float decimal_inset(table_state *ts, const doc_node *cell, int col, const float *tails)
{
    if (!ts->decimal[col] || cell->parent->u.row.header)
        return 0;
    const char *s;
    size_t n;
    if (!cell_text(cell, &s, &n) || n == 0)
        return 0;
    float tail = table_decimal_tail(s, n, ts->point[col], measure_text, &(measure_ctx){ts->c, style_for(ts->c, cell)});
    return tail < 0 ? 0 : tails[col] - tail;
}

static float cell_hpad(const computed_style *cs)
{
    return cs->padding[SIDE_LEFT] + cs->padding[SIDE_RIGHT] + (bw(&cs->border[SIDE_LEFT]) + bw(&cs->border[SIDE_RIGHT])) / 2;
}

/* Min- and max-content widths of every column, measured in scratch
 * arenas (measuring leaves nothing worth keeping). */
static void measure_columns(table_state *ts)
{
    lctx *c = ts->c;
    int ncols = ts->ncols;
    float *tails = ts->tails;
    for (int col = 0; col < ncols; col++)
        ts->lo[col] = ts->hi[col] = tails[col] = 0;
    arena *main = c->a;
    for (int r0 = 0; r0 < ts->nrows; r0 += MEASURE_BATCH) {
        c->a = ts->scratch;
        for (int r = r0; r < ts->nrows && r < r0 + MEASURE_BATCH; r++) {
            int col = 0;
            for (const doc_node *cell = ts->rows[r]->first; cell && col < ncols; cell = cell->next, col++) {
                const computed_style *cs = style_for(c, cell);
                float mn, mx;
                inline_measure(c, cell, cs, &mn, &mx);
                /* a hair more than measured: sums in another order round otherwise */
                float pb = cell_hpad(cs) + 0.01f;
                ts->lo[col] = MAX(ts->lo[col], mn + pb);
                ts->hi[col] = MAX(ts->hi[col], mx + pb);
                const char *s;
                size_t n;
                if (ts->decimal[col] && !ts->rows[r]->u.row.header && cell_text(cell, &s, &n))
                    tails[col] = MAX(tails[col], table_decimal_tail(s, n, ts->point[col], measure_text, &(measure_ctx){c, cs}));
            }
        }
        c->a = main;
        arena_reset(ts->scratch);
    }
    /* a decimal column is as wide as its widest integer part plus its widest tail */
    for (int col = 0; col < ncols; col++) {
        if (!ts->decimal[col])
            continue;
        float ints = 0;
        for (int r = 0; r < ts->nrows; r++) {
            if (ts->rows[r]->u.row.header)
                continue;
            const doc_node *cell = cell_at(ts->rows[r], col);
            const char *s;
            size_t n;
            if (!cell || !cell_text(cell, &s, &n) || !n)
                continue;
            const computed_style *cs = style_for(c, cell);
            float tail = table_decimal_tail(s, n, ts->point[col], measure_text, &(measure_ctx){c, cs});
            float whole = style_text_width(c, cs, cs->font_size, s, n);
            ints = MAX(ints, whole - MAX(0, tail) + cell_hpad(cs) + 0.01f);
        }
        ts->lo[col] = MAX(ts->lo[col], ints + tails[col]);
        ts->hi[col] = MAX(ts->hi[col], ints + tails[col]);
    }
}

/* Sets one cell's content into a galley of its own. */
static galley *cell_galley(lctx *c, const doc_node *cell, const computed_style *cs, float width)
{
    galley *saved = c->g;
    float sx = c->x, sw = c->width;
    int savoid = c->avoid;
    tag_saved saved_tag = tag_enter(c, cell, TAG_CONTENT);
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
        local.align_last = local.align;
        local.align_last_auto = false;
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
    tag_restore(c, saved_tag);
    return g;
}

/* A rectangle or rule that continues the last one drawn (the next cell's
 * share of a stripe or a border) lengthens it instead: a long table draws
 * one stripe and one rule per row, not one per cell. */
static bool extend_rect(dl_list *dl, float x, float y, float w, float h, rgba fill)
{
    if (!dl->v.len)
        return false;
    dl_item *last = &VEC_AT(&dl->v, dl_item, dl->v.len - 1);
    if (last->kind != DL_RECT || last->u.rect.fill != fill || last->u.rect.line_width != 0 || last->y != y ||
        last->h != h || fabsf(last->x + last->w - x) > 0.01f)
        return false;
    last->w = x + w - last->x;
    return true;
}

static void cell_background(lctx *c, dl_list *dl, float x, float w, float h, rgba fill)
{
    if (!extend_rect(dl, x, 0, w, h, fill))
        dl_rect(c, dl, x, 0, w, h, fill, 0, 0);
}

static void hrule(lctx *c, dl_list *dl, float x0, float x1, float y, const border_side *b)
{
    if (b->style == BORDER_NONE || b->width <= 0)
        return;
    if (dl->v.len) {
        dl_item *last = &VEC_AT(&dl->v, dl_item, dl->v.len - 1);
        if (last->kind == DL_LINE && last->y == y && last->u.line.y2 == y && fabsf(last->u.line.x2 - x0) < 0.01f &&
            last->u.line.width == b->width && last->u.line.color == b->color && last->u.line.dash == b->style) {
            last->u.line.x2 = x1;
            return;
        }
    }
    dl_hline(c, dl, x0, x1, y, b->width, b->color, b->style);
}

static bool has_border(const border_side *b)
{
    return b->style != BORDER_NONE && b->width > 0;
}

/* The drawing of a row, given the height it gets: backgrounds, the
 * cells' content, then the rules, on the grid lines (where two cells
 * share a vertical rule, the wider one is drawn). */
void table_draw_row(lctx *c, const vrow *row, float height, dl_list *dl, vnote ***notes_tail)
{
    if (RGBA_A(row->background))
        dl_rect(c, dl, row->x, 0, row->width, height, row->background, 0, 0);
    for (int i = 0; i < row->ncells; i++) {
        const vcell *cell = &row->cells[i];
        if (RGBA_A(cell->background))
            cell_background(c, dl, cell->x, cell->width, height, cell->background);
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
    for (int i = 0; i < row->ncells; i++)
        hrule(c, dl, row->cells[i].x, row->cells[i].x + row->cells[i].width, 0, &row->cells[i].border[SIDE_TOP]);
    for (int i = 0; i < row->ncells; i++)
        hrule(c, dl, row->cells[i].x, row->cells[i].x + row->cells[i].width, height,
              &row->cells[i].border[SIDE_BOTTOM]);
    for (int i = 0; i <= row->ncells; i++) {
        /* the rule between cell i-1 and cell i */
        const border_side *right = i > 0 ? &row->cells[i - 1].border[SIDE_RIGHT] : NULL;
        const border_side *left = i < row->ncells ? &row->cells[i].border[SIDE_LEFT] : NULL;
        const border_side *b = right && has_border(right) ? right : NULL;
        if (left && has_border(left) && (!b || left->width > b->width))
            b = left;
        if (b) {
            float x = i < row->ncells ? row->cells[i].x : row->cells[i - 1].x + row->cells[i - 1].width;
            dl_vline(c, dl, x, 0, height, b->width, b->color, b->style);
        }
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

/* A right-to-left table's row: the first column at the right. The cells
 * are kept in the order they are drawn, left to right, so that the rules
 * between neighbours stay the rules between neighbours. */
static void mirror_row(vrow *row, float right)
{
    float x = right;
    for (int i = 0; i < row->ncells; i++) {
        x -= row->cells[i].width;
        row->cells[i].x = x;
    }
    for (int i = 0, j = row->ncells - 1; i < j; i++, j--) {
        vcell t = row->cells[i];
        row->cells[i] = row->cells[j];
        row->cells[j] = t;
    }
}

static vrow *build_row(table_state *ts, const doc_node *r)
{
    lctx *c = ts->c;
    int ncols = ts->ncols;
    const computed_style *rcs = style_for(c, r);
    vrow *row = ARENA_NEW(c->a, vrow);
    row->cells = ARENA_ARRAY(c->a, vcell, ncols);
    row->background = rcs->background;
    row->x = ts->x;
    row->width = ts->width;
    row->breakable = rcs->break_inside != BREAK_AVOID;
    float x = ts->x;
    int col = 0;
    for (const doc_node *cell = r->first; cell && col < ncols; cell = cell->next, col++) {
        const computed_style *cs = style_for(c, cell);
        vcell *vc = &row->cells[row->ncells++];
        vc->x = x;
        vc->width = ts->w[col];
        memcpy(vc->border, cs->border, sizeof vc->border);
        for (int s = 0; s < 4; s++)
            vc->pad[s] = cs->padding[s] + bw(&cs->border[s]) / 2;
        vc->background = cs->background;
        vc->valign = cs->valign;
        float inset = decimal_inset(ts, cell, col, ts->tails);
        vc->content = cell_galley(c, cell, cs, ts->w[col] - vc->pad[SIDE_LEFT] - vc->pad[SIDE_RIGHT] - inset);
        vc->content_height = galley_height(vc->content);
        x += ts->w[col];
    }
    /* a short row (fewer cells than columns) still spans the table */
    for (; col < ncols; col++) {
        vcell *vc = &row->cells[row->ncells++];
        vc->x = x;
        vc->width = ts->w[col];
        vc->content = galley_new(c);
        x += ts->w[col];
    }
    if (style_for(c, ts->t)->direction == DIR_RTL)
        mirror_row(row, ts->x + ts->width);
    return row;
}

/* ---- rows in scratch arenas --------------------------------------------- */

/* A row can be set in a scratch arena when nothing its cells make has to
 * outlive the row's drawing: no images (loaded once, kept), no footnotes
 * (their bodies go to the page), no counters (kept in the context). */
static bool row_is_plain(lctx *c, const doc_node *r)
{
    if (c->marker || c->anchors || c->marks)
        return false; /* they would attach to the row's first line */
    for (const doc_node *n = r->first; n; n = doc_next_preorder(n, r)) {
        if (n->kind == DOC_IMAGE || n->kind == DOC_FOOTNOTE_REF)
            return false;
        if (n->kind == DOC_TEXT || n->kind == DOC_SOFTBREAK)
            continue;
        const computed_style *cs = style_of(c->style, n);
        if (cs->counter_reset || cs->counter_increment || cs->string_sets)
            return false;
    }
    return true;
}

/* Text, glyphs, link targets and path points of display items moved into the
 * arena that outlives the row. */
static void own_items(arena *a, dl_item *items, int n)
{
    for (int i = 0; i < n; i++) {
        dl_item *it = &items[i];
        if (it->kind == DL_TEXT && it->u.text.len)
            it->u.text.str = arena_strndup(a, it->u.text.str, it->u.text.len);
        if (it->kind == DL_TEXT && it->u.text.nglyphs)
            it->u.text.glyphs = arena_memdup(a, it->u.text.glyphs, sizeof(dl_glyph) * (size_t)it->u.text.nglyphs);
        else if (it->kind == DL_LINK && it->u.link.uri)
            it->u.link.uri = arena_strdup(a, it->u.link.uri);
        else if (it->kind == DL_PATH && it->u.path.npts)
            it->u.path.pts = arena_memdup(a, it->u.path.pts, sizeof(float) * 2 * (size_t)it->u.path.npts);
    }
}

/* A plain cell's galley copied out of the scratch arena: boxes with
 * their drawings, glue, penalties, and frames of block children. */
static galley *own_galley(lctx *c, const galley *g)
{
    galley *copy = ARENA_NEW(c->a, galley);
    vec_init(&copy->items, sizeof(vitem));
    for (size_t i = 0; i < g->items.len; i++) {
        vitem *v = VEC_PUSH(c->a, &copy->items, vitem);
        *v = VEC_AT(&g->items, vitem, i);
        if (v->ndl) {
            v->dl = arena_memdup(c->a, v->dl, sizeof(dl_item) * (size_t)v->ndl);
            own_items(c->a, v->dl, v->ndl);
        }
        if (v->deco)
            v->deco = arena_memdup(c->a, v->deco, sizeof *v->deco);
        v->anchors = NULL; /* none in plain rows: no headings in cells */
        v->marks = NULL;
        v->notes = NULL;
    }
    return copy;
}

static vrow *own_row(lctx *c, const vrow *row)
{
    vrow *copy = arena_memdup(c->a, row, sizeof *row);
    copy->cells = arena_memdup(c->a, row->cells, sizeof(vcell) * (size_t)row->ncells);
    for (int i = 0; i < row->ncells; i++)
        copy->cells[i].content = own_galley(c, row->cells[i].content);
    return copy;
}

/* The baseline of a row's first line of text, from the row's top: where
 * a list marker beside the row stands. */
static float first_baseline(const vrow *row)
{
    if (row->ncells > 0) {
        const vcell *cell = &row->cells[0];
        float y = cell->pad[SIDE_TOP] + cell->border[SIDE_TOP].width;
        for (size_t i = 0; i < cell->content->items.len; i++) {
            const vitem *v = &VEC_AT(&cell->content->items, vitem, i);
            if (v->kind == V_GLUE) {
                y += v->height;
                continue;
            }
            if (v->kind != V_BOX)
                continue;
            for (int k = 0; k < v->ndl; k++)
                if (v->dl[k].kind == DL_LINE_INFO)
                    return y + v->dl[k].y;
            y += v->height;
        }
    }
    return 0;
}

/* A row's box: its drawing at its natural height, and the row itself when
 * the page builder may have to split it. */
static vitem *row_box(table_state *ts, const doc_node *r)
{
    lctx *c = ts->c;
    counters_apply(c, style_for(c, r));
    bool plain = row_is_plain(c, r);
    arena *main = c->a, *scratch = plain ? ts->scratch : NULL;
    if (scratch)
        c->a = scratch;
    /* a list item's marker waiting for a line goes beside the row, not
     * into its first cell */
    dl_item *marker = c->marker;
    int nmarker = c->nmarker;
    c->marker = NULL;
    c->nmarker = 0;
    vrow *row = build_row(ts, r);
    c->marker = marker;
    c->nmarker = nmarker;
    float h = table_row_height(row);
    dl_list dl;
    dl_init(&dl);
    vnote *notes = NULL, **tail = &notes;
    table_draw_row(c, row, h, &dl, &tail);
    c->a = main;
    bool keep = row->breakable || h >= ts->short_row || notes;
    /* the drawing is kept at its exact size, since long tables have many
     * rows; the line boxes of cells (only for --dump=layout) only when
     * they overflow */
    int n = 0;
    for (size_t i = 0; i < dl.v.len; i++) {
        const dl_item *it = &VEC_AT(&dl.v, dl_item, i);
        if (it->kind != DL_LINE_INFO || it->u.info.overfull)
            VEC_AT(&dl.v, dl_item, n++) = *it;
    }
    dl_item *items = n ? arena_memdup(c->a, dl.v.data, sizeof(dl_item) * (size_t)n) : NULL;
    if (scratch) {
        own_items(main, items, n);
        row = keep ? own_row(c, row) : NULL;
        arena_reset(scratch);
    }
    vitem *v = galley_box(c, h, nmarker ? first_baseline(row) : 0, items, n);
    v->row = keep ? row : NULL;
    v->notes = notes;
    v->pos = r->pos;
    return v;
}

/* ---- captions ---------------------------------------------------------- */

/* A galley flattened into one box: its frames drawn around their content,
 * leading glue dropped, trailing margin kept. */
static vitem flatten(lctx *c, galley *g)
{
    dl_list back, front;
    dl_init(&back);
    dl_init(&front);
    float y = 0;
    float open_y[16];
    const vdeco *open[16];
    int nopen = 0;
    bool started = false;
    for (size_t i = 0; i < g->items.len; i++) {
        const vitem *v = &VEC_AT(&g->items, vitem, i);
        switch (v->kind) {
        case V_BOX:
            for (int j = 0; j < v->ndl; j++)
                *(dl_item *)vec_push(c->a, &front.v) = dl_moved(c, &v->dl[j], 0, y);
            y += v->height;
            started = true;
            break;
        case V_GLUE:
            if (started)
                y += v->height;
            break;
        case V_OPEN:
            if (nopen < (int)COUNT_OF(open)) {
                open[nopen] = v->deco;
                open_y[nopen++] = y;
            }
            started = true;
            break;
        case V_CLOSE:
            if (nopen > 0) {
                const vdeco *d = open[--nopen];
                if (RGBA_A(d->background))
                    dl_rect(c, &back, d->x, open_y[nopen], d->width, y - open_y[nopen], d->background, 0, 0);
                dl_borders(c, &back, d->x, open_y[nopen], d->width, y - open_y[nopen], d->border, 15);
            }
            break;
        case V_PENALTY:
            break;
        }
    }
    vitem box = {.kind = V_BOX, .height = y};
    box.ndl = (int)(back.v.len + front.v.len);
    box.dl = ARENA_ARRAY(c->a, dl_item, box.ndl ? box.ndl : 1);
    if (back.v.len)
        memcpy(box.dl, back.v.data, sizeof(dl_item) * back.v.len);
    if (front.v.len)
        memcpy(box.dl + back.v.len, front.v.data, sizeof(dl_item) * front.v.len);
    return box;
}

static bool is_continued(const doc_node *n)
{
    return n->kind == DOC_CAPTION && doc_has_class(n, "continued");
}

/* The caption as continuation pages show it (caption.continued, whose
 * ::after the style sheet gives " (continued)"), as one box. Counters are
 * not stepped again: it is the same table. */
static bool continued_caption(lctx *c, const doc_node *cap, vitem *out)
{
    const computed_style *cs = style_for(c, cap);
    if (cs->display == DISPLAY_NONE)
        return false;
    galley *saved = c->g;
    c->g = galley_new(c);
    float mp = c->margin_pos, mn = c->margin_neg;
    bool pend = c->margin_pending;
    c->margin_pos = c->margin_neg = 0;
    c->margin_pending = false;
    block_state st;
    block_open(c, cs, &st);
    inline_layout(c, cap, cs);
    block_close(c, cs, &st);
    galley_flush_margin(c);
    *out = flatten(c, c->g);
    c->g = saved;
    c->margin_pos = mp;
    c->margin_neg = mn;
    c->margin_pending = pend;
    return out->height > 0;
}

/* ---- the table --------------------------------------------------------- */

static void set_widths(table_state *ts, const computed_style *tcs, float avail, bool *fits)
{
    const doc_node *t = ts->t;
    table_widths_in in = {
        .a = ts->c->a,
        .ncols = ts->ncols,
        .lo = ts->lo,
        .hi = ts->hi,
        .widths = t->u.table.widths,
        .fixed = t->u.table.width_fixed,
        .avail = avail,
        .fill = tcs->width.kind != LEN_AUTO,
    };
    *fits = table_column_widths(&in, ts->w);
}

static float sum(const float *v, int n)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
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

    const doc_node *cont = NULL;
    for (const doc_node *ch = t->first; ch; ch = ch->next) {
        if (ch->kind != DOC_CAPTION)
            continue;
        if (is_continued(ch)) {
            cont = ch;
            continue;
        }
        const computed_style *ccs = style_for(c, ch);
        if (ccs->display == DISPLAY_NONE)
            continue;
        block_state cst;
        tag_saved saved = tag_enter(c, ch, TAG_CONTENT);
        counters_apply(c, ccs);
        block_open(c, ccs, &cst);
        inline_layout(c, ch, ccs);
        block_close(c, ccs, &cst);
        tag_restore(c, saved);
        galley_penalty(c, KP_INFINITY);
    }
    vitem cont_box;
    bool has_cont = cont && continued_caption(c, cont, &cont_box);

    table_state ts = {.c = c, .t = t, .ncols = ncols, .x = c->x, .scratch = arena_new()};
    vec rows;
    vec_init(&rows, sizeof(const doc_node *));
    for (const doc_node *r = t->first; r; r = r->next)
        if (r->kind == DOC_TABLE_ROW && style_for(c, r)->display != DISPLAY_NONE)
            *VEC_PUSH(c->a, &rows, const doc_node *) = r;
    ts.rows = rows.data;
    ts.nrows = (int)rows.len;
    ts.lo = ARENA_ARRAY(c->a, float, ncols);
    ts.hi = ARENA_ARRAY(c->a, float, ncols);
    ts.w = ARENA_ARRAY(c->a, float, ncols);
    ts.tails = ARENA_ARRAY(c->a, float, ncols);
    find_decimal_columns(&ts);

    /* widths; when the columns' minima do not fit, smaller text, and
     * then long words broken */
    float avail = c->width;
    float saved_scale = c->font_scale;
    if (!c->scaled_styles.a)
        hmap_init(&c->scaled_styles, c->a); /* before any scratch arena is in place */
    bool fits;
    measure_columns(&ts);
    set_widths(&ts, cs, avail, &fits);
    float need = sum(ts.lo, ncols);
    if (!fits) {
        float pads = 0;
        for (int col = 0; col < ncols && ts.nrows; col++) {
            const doc_node *cell = ts.rows[0]->first;
            for (int k = 0; cell && k < col; k++)
                cell = cell->next;
            if (cell)
                pads += cell_hpad(style_for(c, cell));
        }
        float scale = need - pads > 0 ? (avail - pads) / (need - pads) : MIN_FONT_SCALE;
        scale = MAX(MIN_FONT_SCALE, MIN(1.0f, scale * 0.99f));
        c->font_scale = (saved_scale > 0 ? saved_scale : 1) * scale;
        measure_columns(&ts);
        set_widths(&ts, cs, avail, &fits);
        if (fits)
            WARN(c->d, t->pos, "the table's columns need %.0fpt but only %.0fpt are available; its text is set at %.0f%% of its size",
                 (double)need, (double)avail, (double)(scale * 100));
        else {
            WARN(c->d, t->pos, "the table's columns need %.0fpt but only %.0fpt are available, even with its text at %.0f%% of its size; long words in its cells are broken",
                 (double)need, (double)avail, (double)(scale * 100));
            c->quiet_overwide = true;
        }
    }
    ts.width = sum(ts.w, ncols);

    /* the rows sit between an open and a close that carry what continuation
     * pages repeat: the continued caption and the header rows */
    galley_flush_margin(c);
    vdeco *deco = ARENA_NEW(c->a, vdeco);
    deco->x = c->x;
    deco->width = ts.width;
    vitem *open = galley_push(c, V_OPEN);
    open->deco = deco;
    vec repeat;
    vec_init(&repeat, sizeof(vitem));
    if (has_cont)
        *(vitem *)vec_push(c->a, &repeat) = cont_box;
    ts.short_row = SHORT_ROW * c->body_height;
    for (int i = 0; i < ts.nrows; i++) {
        const doc_node *r = ts.rows[i];
        vitem *v = row_box(&ts, r);
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
    c->font_scale = saved_scale;
    c->quiet_overwide = false;
    arena_free(ts.scratch);
    block_close(c, cs, &st);
}
