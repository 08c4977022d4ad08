/* The page builder: cuts the galley into pages as TeX's does. Legal breaks
 * are glue after a box and penalties below infinity; among the breaks
 * that fit, the one with the least cost wins, where cost is the penalty
 * plus how much of the page would stay empty. Widows, orphans and keeps
 * are infinite penalties, so they move lines instead of overfilling.
 * Footnotes are placed at the foot of the page that references them,
 * split to the next page when they must be. */
#include "layout_internal.h"

#include <math.h>
#include <string.h>

#define NOTE_GAP 10.0f   /* space above the footnote rule */
#define NOTE_RULE 0.5f
#define NOTE_AFTER 5.0f  /* space between the rule and the first note */
/* A heading keeps with this many lines of what follows (a figure, chart or
 * rule counts as all of them, a table row as one). */
#define HEADING_KEEP_LINES 2
/* break-inside: avoid holds for blocks no taller than this share of the
 * page: a list item of a few lines, a quotation, a caption. Keeping a
 * taller one whole would leave a gap at the foot that a reader sees; it
 * breaks as text does, between lines (widows and orphans still hold). */
#define AVOID_MAX_SHARE 0.2f

typedef struct {
    vdeco *deco;
    float y;        /* where it starts on this page */
    bool top_edge;  /* it began on this page */
    int depth;
} open_deco;

typedef struct {
    galley *g;
    int from;       /* first item not yet placed */
} note_part;

typedef struct {
    lctx *c;
    page_run *run;
    vitem *items;
    int n;
    bool *kept;     /* per item: a break there is inside an avoid block that is honoured */
    /* carried from page to page */
    open_deco open[64];
    int nopen;
    vec deferred;   /* note_part: notes continued from the last page */
    int page_index;
    float first_h;  /* content height of the run's first page */
    float page_h;   /* content height of the page being built */
} builder;

typedef struct {
    dl_list content;
    dl_list decos;      /* backgrounds and borders, drawn first */
    vec deco_depth;     /* int per deco item, to draw outer boxes first */
    vec notes;          /* note_part placed on this page, with their end */
    vec note_ends;      /* int */
    float notes_h;      /* height of the note area, rule included */
    vmark *marks;
    vmark **marks_tail;
    bool any_box;       /* a box with content is on the page already */
    int last_line_para, last_line_index; /* for the widow/orphan count */
    int keep_left;      /* lines the last heading placed still wants after it */
} page_state;

static float items_height(const vitem *v, int from, int to)
{
    float h = 0;
    for (int i = from; i < to; i++)
        if (v[i].kind == V_BOX || v[i].kind == V_GLUE)
            h += v[i].height;
    return h;
}

static float galley_h(const galley *g, int from)
{
    return items_height(g->items.data, from, (int)g->items.len);
}

static bool discardable(const vitem *v)
{
    return v->kind == V_GLUE || v->kind == V_PENALTY;
}

/* ---- drawing onto the page --------------------------------------------- */

static void put_box(builder *b, page_state *ps, const vitem *v, float y)
{
    lctx *c = b->c;
    for (int i = 0; i < v->ndl; i++)
        *(dl_item *)vec_push(c->a, &ps->content.v) = dl_moved(c, &v->dl[i], 0, y);
    for (vanchor *an = v->anchors; an; an = an->next) {
        anchor_place *ap = VEC_PUSH(c->a, &b->run->anchors, anchor_place);
        ap->id = an->id;
        ap->title = an->title;
        ap->level = an->level;
        ap->page = b->page_index;
        ap->y = y;
    }
    for (vmark *m = v->marks; m; m = m->next) {
        vmark *copy = ARENA_NEW(c->a, vmark);
        *copy = *m;
        copy->at_top = !ps->any_box;
        copy->next = NULL;
        *ps->marks_tail = copy;
        ps->marks_tail = &copy->next;
    }
    /* a frame's empty top edge draws nothing: what follows still opens the page */
    if (v->ndl > 0)
        ps->any_box = true;
}

/* ---- keeps -------------------------------------------------------------- */

/* A heading keeps with what follows when its style says break-after: avoid,
 * which puts an infinite penalty right after its last line. */
static bool heading_keeps(const vitem *items, int n, int j)
{
    return j + 1 < n && items[j + 1].kind == V_PENALTY && items[j + 1].penalty >= KP_INFINITY;
}

/* How many of a heading's kept lines a box is. */
static int keep_weight(const vitem *v)
{
    if ((v->flags & VF_LINE) || v->row)
        return 1;
    return v->ndl > 0 ? HEADING_KEEP_LINES : 0; /* edges of frames are nothing */
}

/* Tracks the lines still owed to the last heading as boxes are passed. */
static void keep_track(int *keep_left, const vitem *items, int n, int j)
{
    const vitem *v = &items[j];
    if (v->flags & VF_HEADING)
        *keep_left = heading_keeps(items, n, j) ? HEADING_KEEP_LINES : 0;
    else if (*keep_left > 0)
        *keep_left = MAX(0, *keep_left - keep_weight(v));
}

/* Which breaks fall inside a break-inside: avoid block short enough to
 * keep whole: at each nesting level, every run of items at that level or
 * deeper is one block. */
static bool *honoured_avoids(lctx *c, const vitem *v, int n, float page_h)
{
    bool *kept = ARENA_ARRAY(c->a, bool, n + 1);
    int deepest = 0;
    for (int i = 0; i < n; i++)
        deepest = MAX(deepest, v[i].avoid);
    float limit = AVOID_MAX_SHARE * page_h;
    for (int level = 1; level <= deepest; level++) {
        for (int i = 0; i < n;) {
            if (v[i].avoid < level) {
                i++;
                continue;
            }
            int j = i;
            float h = 0;
            for (; j < n && v[j].avoid >= level; j++)
                if (v[j].kind == V_BOX || v[j].kind == V_GLUE)
                    h += v[j].height;
            if (h <= limit)
                for (int k = i; k < j; k++)
                    kept[k] = true;
            i = j;
        }
    }
    return kept;
}

static void draw_deco(builder *b, page_state *ps, const open_deco *od, float y_end, bool bottom_edge)
{
    lctx *c = b->c;
    const vdeco *d = od->deco;
    float h = y_end - od->y;
    if (h <= 0 && !(od->top_edge && bottom_edge))
        return;
    size_t before = ps->decos.v.len;
    if (RGBA_A(d->background))
        dl_rect(c, &ps->decos, d->x, od->y, d->width, h, d->background, 0, 0);
    int sides = 2 | 8 | (od->top_edge ? 1 : 0) | (bottom_edge ? 4 : 0);
    dl_borders(c, &ps->decos, d->x, od->y, d->width, h, d->border, sides);
    for (size_t i = before; i < ps->decos.v.len; i++)
        *VEC_PUSH(c->a, &ps->deco_depth, int) = od->depth;
}

/* ---- footnotes ---------------------------------------------------------- */

static bool ends_hyphenated(const vitem *v)
{
    for (int i = 0; i < v->ndl; i++)
        if (v->dl[i].kind == DL_LINE_INFO)
            return v->dl[i].u.info.hyphen;
    return false;
}

/* How many items of a note (or a table cell) fit in `room`, never
 * splitting inside a line, and not after a hyphenated line when an
 * earlier line can end the part: a word is not cut across pages. */
static int note_fit(const galley *g, int from, float room, float *used)
{
    const vitem *v = g->items.data;
    int n = (int)g->items.len;
    float h = 0;
    int end = from, before_last = from;
    for (int i = from; i < n; i++) {
        if (v[i].kind == V_BOX) {
            if (h + v[i].height > room)
                break;
            h += v[i].height;
            before_last = end;
            end = i + 1;
        } else if (v[i].kind == V_GLUE) {
            h += v[i].height;
        }
    }
    if (end < n && end > from && before_last > from && ends_hyphenated(&v[end - 1]))
        end = before_last;
    *used = items_height(v, from, end);
    return end;
}

/* The least of a note that must stand on the page of its reference: its
 * first NOTE_MIN_LINES lines (all of it when shorter). The rest may
 * continue on the next page. */
#define NOTE_MIN_LINES 2
#define NOTE_SPLIT_COST 300.0f /* a split note costs this much page fill */

/* The notes a box refers to, then the notes those notes refer to (a
 * source cited inside a note), in order. Each note is attached to one
 * reference only, so the walk ends. */
static void collect_notes(lctx *c, vnote *first, vec *out)
{
    out->len = 0;
    for (vnote *nt = first; nt; nt = nt->next)
        *VEC_PUSH(c->a, out, vnote *) = nt;
    for (size_t k = 0; k < out->len; k++) {
        const galley *g = VEC_AT(out, vnote *, k)->body;
        for (size_t i = 0; i < g->items.len; i++)
            for (vnote *nt = VEC_AT(&g->items, vitem, i).notes; nt; nt = nt->next)
                *VEC_PUSH(c->a, out, vnote *) = nt;
    }
}

static int note_min_end(const galley *g, int from)
{
    const vitem *v = g->items.data;
    int n = (int)g->items.len, boxes = 0;
    for (int i = from; i < n; i++)
        if (v[i].kind == V_BOX && ++boxes == NOTE_MIN_LINES)
            return i + 1;
    return n;
}

static float rule_h(const page_state *ps)
{
    return ps->notes.len ? 0 : NOTE_GAP + NOTE_RULE + NOTE_AFTER;
}

static void add_note(builder *b, page_state *ps, galley *g, int from, int end)
{
    ps->notes_h += rule_h(ps);
    note_part *np = VEC_PUSH(b->c->a, &ps->notes, note_part);
    np->g = g;
    np->from = from;
    *VEC_PUSH(b->c->a, &ps->note_ends, int) = end;
    ps->notes_h += items_height(g->items.data, from, end);
}

static void draw_notes(builder *b, page_state *ps)
{
    lctx *c = b->c;
    if (!ps->notes.len)
        return;
    float y = b->page_h - ps->notes_h;
    y += NOTE_GAP;
    dl_hline(c, &ps->content, 0, c->col_width * 0.3f, y + NOTE_RULE / 2, NOTE_RULE, 0x555555FF, BORDER_SOLID);
    y += NOTE_RULE + NOTE_AFTER;
    for (size_t k = 0; k < ps->notes.len; k++) {
        note_part *np = &VEC_AT(&ps->notes, note_part, k);
        int end = VEC_AT(&ps->note_ends, int, k);
        const vitem *v = np->g->items.data;
        bool started = false;
        for (int i = np->from; i < end; i++) {
            if (v[i].kind == V_GLUE) {
                if (started)
                    y += v[i].height;
                continue;
            }
            if (v[i].kind != V_BOX)
                continue;
            started = true;
            put_box(b, ps, &v[i], y);
            y += v[i].height;
        }
    }
}

/* The notes referenced on a page, in order, in the room the content left
 * them: each first gets its first lines (the break was chosen so that
 * these fit), then what room remains completes them in order. What does
 * not fit continues at the foot of the next page. */
static void place_notes(builder *b, page_state *ps, const vec *notes, float content_h)
{
    lctx *c = b->c;
    int n = (int)notes->len;
    if (n == 0)
        return;
    int *ends = ARENA_ARRAY(c->a, int, n);
    float room = b->page_h - content_h - ps->notes_h - rule_h(ps);
    for (int k = 0; k < n; k++) {
        const galley *g = VEC_AT(notes, vnote *, k)->body;
        int want = note_min_end(g, 0);
        float need = items_height(g->items.data, 0, want);
        if (need <= room + 0.01f) {
            ends[k] = want;
        } else {
            /* a page that could not give every note its first lines (a
             * line with many notes, alone on its page): as much as fits */
            float used;
            ends[k] = note_fit(g, 0, room, &used);
            need = used;
        }
        room -= need;
    }
    for (int k = 0; k < n; k++) {
        const galley *g = VEC_AT(notes, vnote *, k)->body;
        if (ends[k] >= (int)g->items.len || room <= 0)
            continue;
        float before = items_height(g->items.data, 0, ends[k]), used;
        int more = note_fit(g, ends[k], room, &used);
        if (more > ends[k]) {
            room -= items_height(g->items.data, 0, more) - before;
            ends[k] = more;
        }
    }
    for (int k = 0; k < n; k++) {
        galley *g = VEC_AT(notes, vnote *, k)->body;
        if (ends[k] > 0)
            add_note(b, ps, g, 0, ends[k]);
        if (ends[k] < (int)g->items.len) {
            note_part *rest = VEC_PUSH(c->a, &b->deferred, note_part);
            rest->g = g;
            rest->from = ends[k];
        }
    }
}

/* ---- table rows taller than the room left ------------------------------ */

/* Splits a row at `room`: the cells' lines that fit stay, the rest makes a
 * new row for the next page. Returns the remainder, or NULL when not even
 * one line of every cell fits. */
static vitem *split_row(builder *b, vitem *v, float room, vitem *first)
{
    lctx *c = b->c;
    const vrow *row = v->row;
    vrow *top = ARENA_NEW(c->a, vrow), *rest = ARENA_NEW(c->a, vrow);
    *top = *row;
    *rest = *row;
    top->cells = ARENA_ARRAY(c->a, vcell, row->ncells);
    rest->cells = ARENA_ARRAY(c->a, vcell, row->ncells);
    bool any = false, remains = false;
    for (int i = 0; i < row->ncells; i++) {
        const vcell *cell = &row->cells[i];
        top->cells[i] = *cell;
        rest->cells[i] = *cell;
        float inner = room - cell->pad[SIDE_TOP] - cell->pad[SIDE_BOTTOM];
        float used;
        int end = note_fit(cell->content, 0, inner, &used);
        galley *g1 = galley_new(c), *g2 = galley_new(c);
        const vitem *items = cell->content->items.data;
        int n = (int)cell->content->items.len;
        for (int k = 0; k < n; k++) {
            vitem *dst = k < end ? VEC_PUSH(c->a, &g1->items, vitem) : VEC_PUSH(c->a, &g2->items, vitem);
            *dst = items[k];
        }
        /* glue at the top of the continued part goes */
        while (g2->items.len && discardable(&VEC_AT(&g2->items, vitem, 0))) {
            memmove(g2->items.data, (vitem *)g2->items.data + 1, (g2->items.len - 1) * sizeof(vitem));
            g2->items.len--;
        }
        if (end > 0)
            any = true;
        if (g2->items.len)
            remains = true;
        top->cells[i].content = g1;
        top->cells[i].content_height = galley_h(g1, 0);
        rest->cells[i].content = g2;
        rest->cells[i].content_height = galley_h(g2, 0);
        rest->cells[i].valign = VALIGN_TOP;
    }
    if (!any || !remains)
        return NULL;
    /* the part that stays is drawn to the room left */
    dl_list dl;
    dl_init(&dl);
    vnote *notes = NULL, **tail = &notes;
    table_draw_row(c, top, room, &dl, &tail);
    *first = *v;
    first->row = top;
    first->height = room;
    first->dl = dl.v.data;
    first->ndl = (int)dl.v.len;
    first->notes = notes;
    vitem *r = ARENA_NEW(c->a, vitem);
    *r = *v;
    r->row = rest;
    r->anchors = NULL;
    r->marks = NULL;
    float h = table_row_height(rest);
    dl_init(&dl);
    notes = NULL;
    tail = &notes;
    table_draw_row(c, rest, h, &dl, &tail);
    r->height = h;
    r->dl = dl.v.data;
    r->ndl = (int)dl.v.len;
    r->notes = notes;
    return r;
}

/* ---- one page ---------------------------------------------------------- */

/* Room for the page's display items at once: a page of a long table holds
 * hundreds, and growing the list by doubling would leave as many again
 * behind in the arena on every page. */
static void reserve_content(builder *b, page_state *ps, int from, int to)
{
    vec *v = &ps->content.v; /* may hold repeated table headers already */
    size_t n = v->len + 16 + PAGE_SLACK; /* a few for notes and their rule; margin boxes */
    for (int k = from; k < to && k < b->n; k++)
        n += (size_t)b->items[k].ndl;
    if (to >= 0 && to < b->n && b->items[to].row)
        n += (size_t)b->items[to].ndl;
    if (n <= v->cap)
        return;
    void *data = arena_alloc(b->c->a, n * sizeof(dl_item));
    if (v->len)
        memcpy(data, v->data, v->len * sizeof(dl_item));
    v->data = data;
    v->cap = n;
}

static float break_cost(const builder *b, float penalty, float h, bool avoided)
{
    float shortfall = MAX(0, b->page_h - h);
    float cost = penalty + PAGE_FILL_WEIGHT * shortfall / b->page_h;
    if (avoided || penalty >= KP_INFINITY)
        cost += 1e7f; /* only when nothing else is possible */
    return cost;
}

static bool build_page(builder *b, int *pi)
{
    lctx *c = b->c;
    int i = *pi;
    vitem *items = b->items;
    int n = b->n;
    /* nothing at the top of a page but what has to be there */
    while (i < n && discardable(&items[i]))
        i++;
    if (i >= n && b->deferred.len == 0)
        return false;
    b->page_h = b->page_index == 0 ? b->first_h : c->body_height;

    page_state ps;
    memset(&ps, 0, sizeof ps);
    dl_init(&ps.content);
    dl_init(&ps.decos);
    vec_init(&ps.deco_depth, sizeof(int));
    vec_init(&ps.notes, sizeof(note_part));
    vec_init(&ps.note_ends, sizeof(int));
    ps.marks_tail = &ps.marks;
    ps.last_line_para = -1;
    float y = 0;

    /* table header rows again, for tables that continue here */
    for (int k = 0; k < b->nopen; k++) {
        open_deco *od = &b->open[k];
        od->y = y;
        od->top_edge = false;
        for (int r = 0; r < od->deco->nrepeat; r++) {
            size_t from = ps.content.v.len;
            put_box(b, &ps, &od->deco->repeat[r], y);
            y += od->deco->repeat[r].height;
            /* read once where the table starts, not again on every page */
            for (size_t j = from; j < ps.content.v.len; j++)
                VEC_AT(&ps.content.v, dl_item, j).tag = TAG_PAGINATION;
        }
    }
    float top_y = y;

    /* notes continued from the last page come first at the foot */
    vec still;
    vec_init(&still, sizeof(note_part));
    for (size_t k = 0; k < b->deferred.len; k++) {
        note_part *np = &VEC_AT(&b->deferred, note_part, k);
        float room = b->page_h * 0.6f - ps.notes_h - rule_h(&ps);
        float used;
        int end = note_fit(np->g, np->from, room, &used);
        if (end <= np->from && k > 0) {
            *VEC_PUSH(c->a, &still, note_part) = *np;
            continue;
        }
        if (end <= np->from)
            end = np->from + 1; /* progress, whatever it costs */
        add_note(b, &ps, np->g, np->from, end);
        if (end < (int)np->g->items.len) {
            note_part *rest = VEC_PUSH(c->a, &still, note_part);
            rest->g = np->g;
            rest->from = end;
        }
    }
    b->deferred = still;

    /* find the best break */
    float h = y;
    int best = -1, best_relaxed = -1;
    float best_cost = INFINITY, best_relaxed_cost = INFINITY;
    bool has_box = false;
    int j = i;
    /* the notes of the lines so far: what they need at least (their
     * first lines) and what they need whole */
    float notes_h = ps.notes_h, notes_full = ps.notes_h;
    vec box_notes; /* vnote*: a box's notes with the notes they cite */
    vec_init(&box_notes, sizeof(vnote *));
    bool notes_first = ps.notes.len == 0;
    int split_at = -1; /* a row to split at the page's foot */
    int keep_left = 0;
    for (; j < n; j++) {
        vitem *v = &items[j];
        if (v->kind == V_BOX) {
            float nh = 0, nfull = 0;
            if (v->notes && notes_first)
                nh = nfull = NOTE_GAP + NOTE_RULE + NOTE_AFTER;
            if (v->notes)
                collect_notes(c, v->notes, &box_notes);
            for (size_t k = 0; v->notes && k < box_notes.len; k++) {
                const galley *ng = VEC_AT(&box_notes, vnote *, k)->body;
                nh += items_height(ng->items.data, 0, note_min_end(ng, 0));
                nfull += galley_h(ng, 0);
            }
            if (h + v->height + notes_h + nh > b->page_h + 0.01f) {
                if (v->row && (!has_box || v->height > b->page_h - top_y || v->row->breakable) &&
                    b->page_h - h - notes_h > 20) {
                    split_at = j;
                } else if (!has_box) {
                    /* nothing else can go first: it goes here, oversized */
                    best = j + 1;
                    if (v->height > b->page_h - top_y + 0.01f) {
                        /* once per source block: each of its lines may be too tall */
                        char *key = arena_printf(c->a, "too tall %s:%d:%d", v->pos.file ? v->pos.file : "",
                                                 v->pos.line, v->pos.col);
                        diag_once(c->d, key, DIAG_WARNING, v->pos,
                                  "content taller than the page (%.0fpt of %.0fpt) runs past its foot",
                                  (double)v->height, (double)(b->page_h - top_y));
                    }
                }
                break;
            }
            h += v->height;
            notes_h += nh;
            notes_full += nfull;
            if (v->notes)
                notes_first = false;
            has_box = true;
            keep_track(&keep_left, items, n, j);
            continue;
        }
        if (v->kind == V_OPEN || v->kind == V_CLOSE)
            continue;
        bool legal;
        float pen = 0;
        if (v->kind == V_GLUE) {
            legal = j > 0 && !discardable(&items[j - 1]);
        } else {
            pen = v->penalty;
            legal = true;
        }
        if (legal && has_box) {
            if (v->kind == V_PENALTY && pen <= -KP_INFINITY) {
                best = j;
                best_cost = -INFINITY;
                break;
            }
            bool avoided = b->kept[j] || keep_left > 0;
            /* notes fill the page as far as they go; splitting one costs */
            float cost = break_cost(b, pen, MIN(b->page_h, h + notes_full), avoided);
            if (h + notes_full > b->page_h + 0.01f)
                cost += NOTE_SPLIT_COST;
            if (pen < KP_INFINITY && !avoided) {
                if (cost <= best_cost) {
                    best = j;
                    best_cost = cost;
                }
            } else if (cost <= best_relaxed_cost) {
                best_relaxed = j;
                best_relaxed_cost = cost;
            }
        }
        if (v->kind == V_GLUE)
            h += v->height;
    }
    if (j >= n && split_at < 0 && (best < 0 || best_cost != -INFINITY)) {
        /* the rest fits: the document ends on this page */
        best = n;
    } else if (split_at >= 0 && (best < 0 || best_cost != -INFINITY)) {
        /* prefer splitting an oversized row to leaving the page empty */
        if (best < 0 || !has_box || items[split_at].height > b->page_h - top_y || items[split_at].row->breakable)
            best = -2;
    } else if (best < 0) {
        if (best_relaxed >= 0) {
            best = best_relaxed; /* keeps that cannot all be met: break the least bad one */
        } else if (j < n) {
            best = j; /* a box chain with no break at all: cut before the box that does not fit */
            if (best == i)
                best = i + 1;
        }
    }

    /* place items up to the break */
    int end = best == -2 ? split_at : best;
    reserve_content(b, &ps, i, end);
    vitem split_first;
    vitem *remainder = NULL;
    if (best == -2) {
        float room = b->page_h - h - notes_h;
        remainder = split_row(b, &items[split_at], room, &split_first);
        if (!remainder) {
            /* the row cannot be split usefully: it goes whole onto a page */
            end = split_at == i ? i + 1 : split_at;
        }
    }
    float yy = y;
    vec page_notes; /* vnote*: referenced on this page, placed after the content */
    vec_init(&page_notes, sizeof(vnote *));
    for (int k = i; k < end; k++) {
        vitem *v = &items[k];
        switch (v->kind) {
        case V_BOX: {
            put_box(b, &ps, v, yy);
            if (v->flags & VF_LINE) {
                ps.last_line_para = v->para;
                ps.last_line_index = v->line;
            }
            keep_track(&ps.keep_left, items, n, k);
            if (v->notes) {
                collect_notes(c, v->notes, &box_notes);
                for (size_t q = 0; q < box_notes.len; q++)
                    *VEC_PUSH(c->a, &page_notes, vnote *) = VEC_AT(&box_notes, vnote *, q);
            }
            yy += v->height;
            break;
        }
        case V_GLUE:
            if (yy > y || k > i)
                yy += v->height;
            break;
        case V_OPEN:
            if (b->nopen < (int)COUNT_OF(b->open)) {
                open_deco *od = &b->open[b->nopen++];
                od->deco = v->deco;
                od->y = yy;
                od->top_edge = true;
                od->depth = b->nopen;
            }
            break;
        case V_CLOSE:
            for (int d = b->nopen - 1; d >= 0; d--) {
                if (b->open[d].deco == v->deco) {
                    draw_deco(b, &ps, &b->open[d], yy, true);
                    for (int e = d; e < b->nopen - 1; e++)
                        b->open[e] = b->open[e + 1];
                    b->nopen--;
                    break;
                }
            }
            break;
        case V_PENALTY:
            break;
        }
    }
    if (remainder) {
        put_box(b, &ps, &split_first, yy);
        collect_notes(c, split_first.notes, &box_notes);
        for (size_t q = 0; q < box_notes.len; q++)
            *VEC_PUSH(c->a, &page_notes, vnote *) = VEC_AT(&box_notes, vnote *, q);
        yy += split_first.height;
        items[split_at] = *remainder;
        end = split_at;
    }
    place_notes(b, &ps, &page_notes, yy);
    /* boxes still open continue on the next page */
    for (int d = 0; d < b->nopen; d++)
        draw_deco(b, &ps, &b->open[d], yy, false);
    draw_notes(b, &ps);

    /* the page: decorations outermost first, then the content */
    layout_page *page = VEC_PUSH(c->a, &b->run->pages, layout_page);
    size_t nd = ps.decos.v.len, nc = ps.content.v.len;
    bool in_place = nd == 0 && ps.content.v.cap >= nc + PAGE_SLACK;
    page->items = in_place ? ps.content.v.data : ARENA_ARRAY(c->a, dl_item, nd + nc + PAGE_SLACK);
    int k = in_place ? (int)nc : 0;
    for (int depth = 0; depth <= (int)COUNT_OF(b->open); depth++)
        for (size_t d = 0; d < nd; d++)
            if (VEC_AT(&ps.deco_depth, int, d) == depth)
                page->items[k++] = VEC_AT(&ps.decos.v, dl_item, d);
    for (size_t d = 0; !in_place && d < nc; d++)
        page->items[k++] = VEC_AT(&ps.content.v, dl_item, d);
    page->nitems = k;
    *VEC_PUSH(c->a, &b->run->marks, vmark *) = ps.marks;

    /* statistics: a paragraph cut with too few lines on either side */
    int next = end;
    if (next < n && !remainder && next >= 0 && next < n && (items[next].kind == V_GLUE || items[next].kind == V_PENALTY))
        next++;
    /* a heading without the lines it keeps with: only when nothing else
     * could be done (or the document ends) */
    bool more = false;
    for (int q = next; q < n && !more; q++)
        more = items[q].kind == V_BOX;
    if (ps.keep_left > 0 && more)
        c->stats.headings_at_foot++;
    if (ps.last_line_para >= 0) {
        for (int q = next; q < n; q++) {
            if (items[q].kind != V_BOX)
                continue;
            if ((items[q].flags & VF_LINE) && items[q].para == ps.last_line_para) {
                if (ps.last_line_index + 1 < 2)
                    c->stats.orphans++;
                if (items[q].nlines - items[q].line < 2)
                    c->stats.widows++;
            }
            break;
        }
    }
    b->page_index++;
    *pi = remainder ? split_at : (best == n ? n : end);
    return true;
}

void paginate(lctx *c, galley *g, page_run *run, float first_height)
{
    vec_init(&run->pages, sizeof(layout_page));
    vec_init(&run->anchors, sizeof(anchor_place));
    vec_init(&run->marks, sizeof(vmark *));
    builder b = {.c = c, .run = run, .items = g->items.data, .n = (int)g->items.len, .first_h = first_height};
    b.kept = honoured_avoids(c, b.items, b.n, c->body_height);
    vec_init(&b.deferred, sizeof(note_part));
    int i = 0;
    int guard = 0;
    while (build_page(&b, &i)) {
        /* every page consumes at least one item or one note line */
        if (++guard > 10 * (b.n + 10)) {
            /* never reached by design; if it is, what is left is said,
             * not dropped */
            srcpos at = i < b.n ? b.items[i].pos : c->block_pos;
            ERROR(c->d, at, "layout stopped before placing everything from here on (%d of %d items left); "
                            "this is a bug in dossier, please report it with the source",
                  b.n - i, b.n);
            break;
        }
    }
    for (size_t p = 0; p < run->pages.len; p++) {
        layout_page *lp = &VEC_AT(&run->pages, layout_page, p);
        lp->index = (int)p;
        lp->width = c->col_width;
        lp->height = p == 0 ? first_height : c->body_height;
    }
}
