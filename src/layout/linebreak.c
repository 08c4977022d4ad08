/* Knuth-Plass total-fit line breaking (Knuth & Plass 1981, TeX's
 * line_break): one pass over the items with a list of active breakpoints,
 * each carrying the running totals after it, so a candidate line is
 * measured in O(1) and every breakpoint costs O(active nodes). */
#include "linebreak.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>

enum { FIT_TIGHT, FIT_DECENT, FIT_LOOSE, FIT_VERY_LOOSE, FIT_CLASSES };

/* Lines in a row ending hyphenated, as far as a limit on them is tracked:
 * breaks reached with different runs have different futures. */
#define RUN_STATES 8

/* Running totals of the items from the paragraph start. Infinite stretch
 * (TeX's fil) is counted apart, so sums stay finite and subtractable. */
typedef struct {
    double width, stretch, shrink, fil;
} kp_sums;

/* A feasible break as the result is read back from it: every feasible
 * break makes one, so it is kept small. */
typedef struct kp_passive {
    const struct kp_passive *prev; /* the best break before it */
    int item;                      /* -1: the paragraph start */
    int line;                      /* lines ended at or before this break */
    float ratio;                   /* of the line that ends here */
    bool overfull;
} kp_passive;

/* A break a line may still start from. Only a line's worth of them is
 * alive at a time, so they are recycled when deactivated. */
typedef struct kp_node {
    struct kp_node *next;
    const kp_passive *brk;
    kp_sums after;   /* totals where the line after this break starts */
    double demerits; /* total from the paragraph start */
    int line;
    int fitness;
    int run;         /* lines in a row ending at a flagged break, this one included */
    bool flagged;
} kp_node;

/* One candidate line, measured. */
typedef struct {
    double badness;
    float ratio; /* what the renderer applies: clamped to [-1, ...), 0 without stretch */
    int fitness;
    bool overfull;      /* cannot shrink enough */
    bool unstretchable; /* short, and nothing to stretch: infinite ratio */
} kp_fit;

/* The best way found so far to reach the current breakpoint, per class.
 * It copies what it needs from the node it comes from: that node may be
 * recycled before the candidate becomes a node itself. */
typedef struct {
    double demerits;
    const kp_passive *from; /* NULL: no candidate */
    int line;               /* lines before the new one */
    kp_fit fit;
} kp_candidate;

/* The candidates for one break: per fitness class and hyphen run. */
typedef struct {
    kp_candidate c[FIT_CLASSES][RUN_STATES];
    unsigned used;             /* bit f * RUN_STATES + r: c[f][r] holds a candidate */
    double least;              /* over all of them */
} kp_best;

static bool has(const kp_best *best, int f, int r)
{
    return (best->used >> (f * RUN_STATES + r)) & 1u;
}

/* Finds the next box or forced break at or after a position. Queries come
 * mostly in increasing order, so remembering the last answer keeps the
 * lookahead linear overall. */
typedef struct {
    const kp_item *items;
    int n;
    int from, solid;
} solid_cursor;

typedef struct {
    arena *a;
    const kp_item *items;
    int n;
    const kp_params *p;
    double threshold; /* largest acceptable badness */
    bool last_resort; /* unbounded tolerance, overfull lines allowed */
    int lump_from;    /* nodes with line >= this share one future (see group_key) */
    int runs;         /* hyphen run states in use: 1 without a limit */
    kp_node *active;
    kp_node *spare; /* deactivated nodes, for reuse */
    kp_sums sum; /* totals of the items before the current one */
    solid_cursor solid;
} kp_breaker;

/* Stretch this large is infinite: no real glue stretches 10000 pt. */
static bool is_fil(float stretch)
{
    return stretch >= KP_INFINITY;
}

static float finite_or_zero(float v)
{
    return isfinite(v) ? v : 0.0f;
}

static bool is_forced(const kp_item *it)
{
    return it->type == KP_PENALTY && it->penalty <= -KP_INFINITY;
}

static void add_glue(kp_sums *s, const kp_item *it)
{
    s->width += finite_or_zero(it->width);
    if (is_fil(it->stretch))
        s->fil += 1.0;
    else
        s->stretch += finite_or_zero(it->stretch);
    s->shrink += finite_or_zero(it->shrink);
}

static void add_item(kp_sums *s, const kp_item *it)
{
    if (it->type == KP_BOX)
        s->width += finite_or_zero(it->width);
    else if (it->type == KP_GLUE)
        add_glue(s, it);
}

static int next_solid(solid_cursor *c, int q)
{
    if (q >= c->from && q <= c->solid)
        return c->solid;
    int i = q;
    while (i < c->n && c->items[i].type != KP_BOX && !is_forced(&c->items[i]))
        i++;
    c->from = q;
    c->solid = i;
    return i;
}

/* A legal breakpoint, as in the paper, with one refinement: a break whose
 * next line would hold only discardables before a forced break is not
 * one. TeX gets that from the \penalty10000 before \parfillskip; our
 * paragraph end (glue, forced penalty) has none, and without the rule a
 * paragraph of one overlong box would end in a second, empty line. */
static bool is_breakpoint(const kp_item *items, int n, int b, solid_cursor *c)
{
    const kp_item *it = &items[b];
    if (b == n - 1)
        return true; /* the end of the list always ends the last line */
    if (it->type == KP_GLUE) {
        if (b == 0 || items[b - 1].type != KP_BOX)
            return false;
    } else if (it->type == KP_PENALTY) {
        if (it->penalty >= KP_INFINITY)
            return false;
        if (is_forced(it))
            return true;
    } else {
        return false;
    }
    int s = next_solid(c, b + 1);
    return s < n && items[s].type == KP_BOX;
}

static double line_width(const kp_params *p, int line)
{
    if (!p->line_widths || p->nline_widths <= 0)
        return 0.0;
    return p->line_widths[line < p->nline_widths ? line : p->nline_widths - 1];
}

float kp_badness(float ratio)
{
    if (!isfinite(ratio))
        return 10000.0f;
    double r = fabs((double)ratio);
    double b = 100.0 * r * r * r;
    return b > 10000.0 ? 10000.0f : (float)b;
}

static int fitness_class(double r)
{
    if (r < -0.5)
        return FIT_TIGHT;
    if (r <= 0.5)
        return FIT_DECENT;
    if (r <= 1.0)
        return FIT_LOOSE;
    return FIT_VERY_LOOSE;
}

/* Measures a line of natural width w, stretch y (+ fil glues), shrink z
 * against width L. Emergency stretch counts for badness and fitness only:
 * the glue the renderer sets is the real one. */
static kp_fit measure(double w, double y, double fil, double z, double L, double emergency)
{
    kp_fit f = {0.0, 0.0f, FIT_DECENT, false, false};
    if (w < L) {
        if (fil > 0.5)
            return f; /* infinite stretch takes up the slack: badness 0 */
        double ye = y + (emergency > 0 ? emergency : 0);
        f.ratio = y > 0 ? (float)((L - w) / y) : 0.0f;
        if (ye > 0) {
            double rb = (L - w) / ye;
            f.badness = kp_badness((float)rb);
            f.fitness = fitness_class(rb);
        } else {
            f.badness = 10000.0;
            f.fitness = FIT_VERY_LOOSE;
            f.unstretchable = true;
        }
    } else if (w > L) {
        double r = z > 0 ? (L - w) / z : -INFINITY;
        f.fitness = FIT_TIGHT;
        if (r < -1.0) {
            f.overfull = true;
            f.badness = 10000.0;
            f.ratio = z > 0 ? -1.0f : 0.0f;
        } else {
            f.badness = kp_badness((float)r);
            f.ratio = (float)r;
            f.fitness = fitness_class(r);
        }
    }
    return f;
}

static kp_fit measure_from(const kp_breaker *bk, const kp_node *a, int b)
{
    const kp_item *it = &bk->items[b];
    double w = bk->sum.width - a->after.width;
    if (it->type == KP_PENALTY)
        w += finite_or_zero(it->width);
    return measure(w, bk->sum.stretch - a->after.stretch, bk->sum.fil - a->after.fil,
                   bk->sum.shrink - a->after.shrink, line_width(bk->p, a->line),
                   bk->p->emergency_stretch);
}

static bool is_feasible(const kp_breaker *bk, const kp_fit *f)
{
    if (f->overfull)
        return false;
    if (f->unstretchable)
        return bk->last_resort;
    return f->badness <= bk->threshold;
}

static double line_demerits(const kp_breaker *bk, const kp_node *a, int b, const kp_fit *f)
{
    const kp_params *p = bk->p;
    const kp_item *it = &bk->items[b];
    double d = p->line_penalty + f->badness;
    d *= d;
    bool flagged = false;
    if (it->type == KP_PENALTY) {
        double pen = it->penalty;
        if (pen >= 0)
            d += pen * pen;
        else if (pen > -KP_INFINITY)
            d -= pen * pen;
        flagged = it->flagged;
    }
    if (a->flagged) {
        if (b == bk->n - 1)
            d += p->final_hyphen_demerits; /* TeX: the last break counts as a hyphen */
        else if (flagged)
            d += p->flagged_demerits;
    }
    if (abs(f->fitness - a->fitness) > 1)
        d += p->fitness_demerits;
    return d;
}

/* Totals where the next line starts: the break item and the glue and
 * penalties after it are dropped, up to the next box or forced break. */
static kp_sums after_break(const kp_breaker *bk, int b)
{
    kp_sums s = bk->sum;
    for (int i = b; i < bk->n; i++) {
        const kp_item *it = &bk->items[i];
        if (it->type == KP_BOX || (i > b && is_forced(it)))
            break;
        if (it->type == KP_GLUE)
            add_glue(&s, it);
    }
    return s;
}

/* Active nodes that lead to identical futures compete as one group: those
 * whose following lines all have the last width, when line counts do not
 * matter (looseness 0). Otherwise each line count is its own group. */
static int group_key(const kp_breaker *bk, int line)
{
    return line < bk->lump_from ? line : bk->lump_from;
}

static kp_node *new_node(kp_breaker *bk, int b, int fitness, int run, const kp_candidate *c,
                         const kp_sums *after)
{
    kp_passive *brk = ARENA_NEW(bk->a, kp_passive);
    brk->prev = c->from;
    brk->item = b;
    brk->line = c->line + 1;
    brk->ratio = c->fit.ratio;
    brk->overfull = c->fit.overfull;

    kp_node *q = bk->spare;
    if (q)
        bk->spare = q->next;
    else
        q = ARENA_NEW(bk->a, kp_node);
    const kp_item *it = &bk->items[b];
    q->next = NULL;
    q->brk = brk;
    q->after = *after;
    q->demerits = c->demerits;
    q->line = brk->line;
    q->fitness = fitness;
    q->run = run;
    q->flagged = it->type == KP_PENALTY && it->flagged;
    return q;
}

/* Adds the group's best breaks after `prev`; returns the last node added,
 * or prev. Per fitness class and hyphen run, a candidate is kept only if it
 * could still win: its demerits are within a fitness penalty of the least
 * among candidates whose run is no longer (a longer run can only do less
 * later), and below those of its class with a shorter run. */
static kp_node *insert_best(kp_breaker *bk, int b, kp_best *best, kp_node *prev, kp_node *before)
{
    kp_sums after = after_break(bk, b);
    double least_upto = INFINITY;
    for (int r = 0; r < bk->runs; r++) {
        for (int f = 0; f < FIT_CLASSES; f++)
            if (has(best, f, r) && best->c[f][r].demerits < least_upto)
                least_upto = best->c[f][r].demerits;
        double limit = least_upto + bk->p->fitness_demerits;
        for (int f = 0; f < FIT_CLASSES; f++) {
            const kp_candidate *c = &best->c[f][r];
            if (!has(best, f, r) || c->demerits > limit)
                continue;
            bool dominated = false;
            for (int s = 0; s < r && !dominated; s++)
                dominated = has(best, f, s) && best->c[f][s].demerits <= c->demerits;
            if (dominated)
                continue;
            kp_node *q = new_node(bk, b, f, r, c, &after);
            q->next = before;
            if (prev)
                prev->next = q;
            else
                bk->active = q;
            prev = q;
        }
    }
    return prev;
}

static void reset_candidates(kp_best *best)
{
    best->used = 0;
    best->least = INFINITY;
}

static void try_break(kp_breaker *bk, int b, bool forced)
{
    kp_best best;
    reset_candidates(&best);
    const kp_item *it = &bk->items[b];
    bool flagged = it->type == KP_PENALTY && it->flagged;
    int limit = bk->runs - 1; /* 0: no limit */
    kp_node *prev = NULL, *a = bk->active;
    int key = INT_MIN;
    while (a) {
        int k = group_key(bk, a->line);
        if (k != key) {
            if (best.least < INFINITY) {
                prev = insert_best(bk, b, &best, prev, a);
                reset_candidates(&best);
            }
            key = k;
        }
        kp_node *next = a->next;
        kp_fit f = measure_from(bk, a, b);
        bool deactivate = forced || f.overfull;
        bool ok = is_feasible(bk, &f);
        int run = limit > 0 && flagged ? a->run + 1 : 0;
        if (run > limit) {
            ok = ok && bk->last_resort; /* too many hyphens in a row */
            run = limit;
        }
        /* TeX's final pass: when the last active node is about to go and
         * nothing else reaches this break, break here anyway (artificial
         * demerits 0), so the paragraph always gets through. */
        bool artificial = !ok && deactivate && bk->last_resort && best.least == INFINITY &&
                          bk->active == a && next == NULL;
        if (ok || artificial) {
            double d = a->demerits + (artificial ? 0.0 : line_demerits(bk, a, b, &f));
            kp_candidate *c = &best.c[f.fitness][run];
            if (!has(&best, f.fitness, run) || d <= c->demerits) {
                best.used |= 1u << (f.fitness * RUN_STATES + run);
                c->demerits = d;
                c->from = a->brk;
                c->line = a->line;
                c->fit = f;
            }
            if (d < best.least)
                best.least = d;
        }
        if (deactivate) {
            if (prev)
                prev->next = next;
            else
                bk->active = next;
            a->next = bk->spare;
            bk->spare = a;
        } else {
            prev = a;
        }
        a = next;
    }
    if (best.least < INFINITY)
        insert_best(bk, b, &best, prev, NULL);
}

/* The final node to read the breaks from: fewest demerits, or with
 * looseness the line count nearest the optimum plus looseness (TeX's rule). */
static kp_node *choose_final(const kp_breaker *bk)
{
    kp_node *best = NULL;
    for (kp_node *a = bk->active; a; a = a->next)
        if (a->brk->item == bk->n - 1 && (!best || a->demerits < best->demerits))
            best = a;
    int looseness = bk->p->looseness;
    if (!best || looseness == 0)
        return best;
    int best_line = best->line, actual = 0;
    double fewest = best->demerits;
    for (kp_node *a = bk->active; a; a = a->next) {
        if (a->brk->item != bk->n - 1)
            continue;
        int diff = a->line - best_line;
        if ((diff < actual && looseness <= diff) || (diff > actual && looseness >= diff)) {
            best = a;
            actual = diff;
            fewest = a->demerits;
        } else if (diff == actual && a->demerits < fewest) {
            best = a;
            fewest = a->demerits;
        }
    }
    return best;
}

static int run(arena *a, const kp_item *items, int n, const kp_params *p, kp_break *out,
               bool last_resort)
{
    if (n <= 0)
        return 0;
    kp_breaker bk = {0};
    bk.a = a;
    bk.items = items;
    bk.n = n;
    bk.p = p;
    bk.last_resort = last_resort;
    bk.threshold = last_resort ? INFINITY : p->tolerance;
    bk.lump_from = p->looseness != 0 ? INT_MAX : MAX(p->nline_widths - 2, 0);
    bk.runs = p->max_hyphen_lines > 0 ? MIN(p->max_hyphen_lines, RUN_STATES - 1) + 1 : 1;
    bk.solid = (solid_cursor){items, n, INT_MAX, 0};

    kp_passive *origin = ARENA_NEW(a, kp_passive);
    origin->item = -1;
    kp_node *start = ARENA_NEW(a, kp_node);
    start->brk = origin;
    start->fitness = FIT_DECENT;
    bk.active = start;

    for (int b = 0; b < n && bk.active; b++) {
        const kp_item *it = &items[b];
        if (it->type == KP_BOX)
            add_item(&bk.sum, it); /* a box that ends the list is on its line */
        if (is_breakpoint(items, n, b, &bk.solid))
            try_break(&bk, b, is_forced(it) || b == n - 1);
        if (it->type == KP_GLUE)
            add_item(&bk.sum, it);
    }
    kp_node *best = choose_final(&bk);
    if (!best)
        return -1;
    for (const kp_passive *q = best->brk; q->item >= 0; q = q->prev)
        out[q->line - 1] = (kp_break){q->item, q->ratio, q->overfull};
    return best->line;
}

void kp_params_default(kp_params *p)
{
    *p = (kp_params){
        .tolerance = 200.0f,
        .line_penalty = 10.0f,
        .flagged_demerits = 10000.0f,     /* \doublehyphendemerits */
        .fitness_demerits = 10000.0f,     /* \adjdemerits */
        .final_hyphen_demerits = 5000.0f, /* \finalhyphendemerits */
        .emergency_stretch = 0.0f,
        .max_hyphen_lines = 0,
        .looseness = 0,
        .line_widths = NULL,
        .nline_widths = 0,
    };
}

int kp_break_paragraph(arena *a, const kp_item *items, int n, const kp_params *p, kp_break *out)
{
    return run(a, items, n, p, out, false);
}

int kp_break_paragraph_any(arena *a, const kp_item *items, int n, const kp_params *p,
                           kp_break *out)
{
    int lines = run(a, items, n, p, out, true);
    /* The artificial break keeps one node alive, so this cannot happen;
     * should it ever, greedy breaks still cover the paragraph. */
    return lines >= 0 ? lines : kp_first_fit(items, n, p, out);
}

/* Greedy: extend the line while it fits at natural width; if not even the
 * first breakpoint fits naturally, take that one, shrunk or overfull. */
int kp_first_fit(const kp_item *items, int n, const kp_params *p, kp_break *out)
{
    int lines = 0;
    solid_cursor cur = {items, n, INT_MAX, 0};
    int start = 0;
    while (start < n) {
        double L = line_width(p, lines);
        kp_sums s = {0};
        int fit_b = -1; /* last breakpoint that fits at natural width */
        kp_sums fit_s = {0};
        int end = -1;
        kp_sums end_s = {0};
        for (int b = start; b < n; b++) {
            const kp_item *it = &items[b];
            if (it->type == KP_BOX)
                add_item(&s, it);
            if (is_breakpoint(items, n, b, &cur)) {
                kp_sums here = s;
                if (it->type == KP_PENALTY)
                    here.width += finite_or_zero(it->width);
                bool fits = here.width <= L;
                if (fits) {
                    fit_b = b;
                    fit_s = here;
                }
                if (!fits || is_forced(it) || b == n - 1) {
                    end = fits || fit_b < 0 ? b : fit_b;
                    end_s = end == b ? here : fit_s;
                    break;
                }
            }
            if (it->type == KP_GLUE)
                add_item(&s, it);
        }
        kp_fit f = measure(end_s.width, end_s.stretch, end_s.fil, end_s.shrink, L, 0.0);
        out[lines++] = (kp_break){end, f.ratio, f.overfull};
        /* The next line starts after the discardables that follow the break. */
        start = end + 1;
        while (start < n && items[start].type != KP_BOX && !is_forced(&items[start]))
            start++;
        if (end == n - 1)
            break;
        if (start >= n)
            start = n - 1; /* only discardables left: they end on a line of their own */
    }
    return lines;
}
