/* Unit tests for the Knuth-Plass line breaker. Paragraphs are built from
 * words whose characters are 1 unit wide; an interword space is glue of
 * width 1, stretch 1 and shrink 0 or 0.5; a hyphenation point is a flagged
 * penalty of width 1 (the hyphen) and value 50. Expected breaks are worked
 * out in the comments; an independent scorer written from the rules (not
 * from the implementation) checks demerits and ratios, and a brute-force
 * search over every set of breaks checks optimality on random paragraphs. */
#include "testing.h"

#include <math.h>

#include "../../src/layout/linebreak.h"

/* ---- building paragraphs ------------------------------------------------ */

typedef struct {
    kp_item *items;
    int n, cap;
    float space_shrink;
} para;

static para para_new(arena *a, int cap, float space_shrink)
{
    para p = {ARENA_ARRAY(a, kp_item, cap), 0, cap, space_shrink};
    return p;
}

static void push(para *p, kp_item it)
{
    assert_true(p->n < p->cap);
    p->items[p->n++] = it;
}

static void box(para *p, float w)
{
    push(p, (kp_item){.type = KP_BOX, .width = w});
}

static void glue(para *p, float w, float stretch, float shrink)
{
    push(p, (kp_item){.type = KP_GLUE, .width = w, .stretch = stretch, .shrink = shrink});
}

static void penalty(para *p, float w, float value, bool flagged)
{
    push(p, (kp_item){.type = KP_PENALTY, .width = w, .penalty = value, .flagged = flagged});
}

static void space(para *p)
{
    glue(p, 1, 1, p->space_shrink);
}

/* Words of the given widths, one space apart. A width of 0 ends the list. */
static void words(para *p, const int *w)
{
    for (int i = 0; w[i]; i++) {
        if (p->n > 0 && p->items[p->n - 1].type == KP_BOX)
            space(p);
        box(p, (float)w[i]);
    }
}

/* A word with hyphenation points between its syllables (0 ends the list). */
static void hyphenated(para *p, const int *syllables)
{
    if (p->n > 0 && p->items[p->n - 1].type == KP_BOX)
        space(p);
    for (int i = 0; syllables[i]; i++) {
        if (i)
            penalty(p, 1, 50, true);
        box(p, (float)syllables[i]);
    }
}

static void finish(para *p)
{
    glue(p, 0, INFINITY, 0);
    penalty(p, 0, -KP_INFINITY, false);
}

static kp_params params(const float *widths, int nwidths)
{
    kp_params prm;
    kp_params_default(&prm);
    prm.line_widths = widths;
    prm.nline_widths = nwidths;
    return prm;
}

/* ---- an independent scorer, written from the rules ---------------------- */

static bool forced(const kp_item *it)
{
    return it->type == KP_PENALTY && it->penalty <= -KP_INFINITY;
}

static bool legal(const kp_item *items, int n, int b)
{
    const kp_item *it = &items[b];
    if (b == n - 1)
        return true;
    if (it->type == KP_BOX)
        return false;
    if (it->type == KP_GLUE && (b == 0 || items[b - 1].type != KP_BOX))
        return false;
    if (it->type == KP_PENALTY && it->penalty >= KP_INFINITY)
        return false;
    if (forced(it))
        return true;
    /* the next line must have a box before any forced break */
    for (int j = b + 1; j < n; j++) {
        if (items[j].type == KP_BOX)
            return true;
        if (forced(&items[j]))
            return false;
    }
    return false;
}

typedef struct {
    double demerits;
    double ratio[64];
    bool overfull[64];
} score;

/* Scores a set of breaks. strict: lines must be within tolerance and able
 * to stretch; otherwise only overfull lines are refused. */
static bool score_breaks(const kp_item *items, int n, const kp_params *p, const int *breaks,
                         int nb, bool strict, score *s)
{
    int prev = -1, prev_fit = 1, run = 0;
    bool prev_flagged = false;
    s->demerits = 0;
    for (int k = 0; k < nb; k++) {
        int b = breaks[k];
        int start = 0;
        if (prev >= 0) {
            start = prev + 1;
            while (start < b && items[start].type != KP_BOX && !forced(&items[start]))
                start++;
        }
        double w = 0, y = 0, z = 0;
        int fil = 0;
        for (int i = start; i < b; i++) {
            if (items[i].type == KP_BOX) {
                w += items[i].width;
            } else if (items[i].type == KP_GLUE) {
                w += items[i].width;
                z += items[i].shrink;
                if (items[i].stretch >= KP_INFINITY)
                    fil++;
                else
                    y += items[i].stretch;
            }
        }
        if (items[b].type == KP_PENALTY)
            w += items[b].width;
        double L = p->line_widths[k < p->nline_widths ? k : p->nline_widths - 1];
        double bad, rb = 0, r = 0;
        if (w < L && fil == 0) {
            double ye = y + p->emergency_stretch;
            if (ye <= 0) {
                if (strict)
                    return false;
                bad = 10000, rb = INFINITY;
            } else {
                rb = (L - w) / ye;
                bad = kp_badness((float)rb);
            }
            r = y > 0 ? (L - w) / y : 0;
        } else if (w > L) {
            if (z <= 0 || (L - w) / z < -1)
                return false;
            rb = r = (L - w) / z;
            bad = kp_badness((float)rb);
        } else {
            bad = 0;
        }
        if (strict && bad > p->tolerance)
            return false;
        int fit = rb < -0.5 ? 0 : rb <= 0.5 ? 1 : rb <= 1 ? 2 : 3;
        double d = (p->line_penalty + bad) * (p->line_penalty + bad);
        bool flagged = false;
        if (items[b].type == KP_PENALTY) {
            double pen = items[b].penalty;
            if (pen >= 0)
                d += pen * pen;
            else if (pen > -KP_INFINITY)
                d -= pen * pen;
            flagged = items[b].flagged;
        }
        run = flagged ? run + 1 : 0;
        if (strict && p->max_hyphen_lines > 0 && run > p->max_hyphen_lines)
            return false;
        if (prev_flagged && b == n - 1)
            d += p->final_hyphen_demerits;
        else if (prev_flagged && flagged)
            d += p->flagged_demerits;
        if (abs(fit - prev_fit) > 1)
            d += p->fitness_demerits;
        s->demerits += d;
        s->ratio[k] = r;
        s->overfull[k] = false;
        prev = b, prev_fit = fit, prev_flagged = flagged;
    }
    return true;
}

/* The fewest demerits over every set of breaks (forced ones included), or
 * INFINITY when none is acceptable. Only for short paragraphs. */
static double brute_force(const kp_item *items, int n, const kp_params *p, bool strict,
                          int *best_lines)
{
    int optional[20], nopt = 0, fixed[64], nfixed = 0;
    for (int b = 0; b < n; b++) {
        if (!legal(items, n, b))
            continue;
        if (forced(&items[b]) || b == n - 1) {
            fixed[nfixed++] = b;
        } else {
            assert_true(nopt < 20);
            optional[nopt++] = b;
        }
    }
    double best = INFINITY;
    for (unsigned mask = 0; mask < (1u << nopt); mask++) {
        int breaks[64], nb = 0, i = 0, j = 0;
        while (i < nopt || j < nfixed) { /* merge, keeping order */
            bool take_opt = j >= nfixed || (i < nopt && optional[i] < fixed[j]);
            if (take_opt) {
                if (mask & (1u << i))
                    breaks[nb++] = optional[i];
                i++;
            } else {
                breaks[nb++] = fixed[j++];
            }
        }
        score s;
        if (score_breaks(items, n, p, breaks, nb, strict, &s) && s.demerits < best) {
            best = s.demerits;
            *best_lines = nb;
        }
    }
    return best;
}

/* Scores what a breaker returned. */
static bool score_result(const para *p, const kp_params *prm, const kp_break *br, int nb,
                         bool strict, score *s)
{
    int breaks[64];
    assert_true(nb <= 64);
    for (int i = 0; i < nb; i++)
        breaks[i] = br[i].item;
    return score_breaks(p->items, p->n, prm, breaks, nb, strict, s);
}

static void assert_breaks(const kp_break *br, int nb, const int *expected, int nexp)
{
    assert_int_equal(nb, nexp);
    for (int i = 0; i < nb; i++)
        assert_int_equal(br[i].item, expected[i]);
}

static void assert_close(double a, double b)
{
    assert_true(fabs(a - b) <= 1e-5 * MAX(1.0, fabs(b)));
}

/* ---- tests -------------------------------------------------------------- */

static void test_badness(void **state)
{
    (void)state;
    assert_true(kp_badness(0) == 0);
    assert_true(fabsf(kp_badness(1) - 100) < 1e-3);
    assert_true(fabsf(kp_badness(-1) - 100) < 1e-3);
    assert_true(fabsf(kp_badness(0.5f) - 12.5f) < 1e-3);
    assert_true(fabsf(kp_badness(-0.5f) - 12.5f) < 1e-3);
    assert_true(fabsf(kp_badness(2) - 800) < 1e-2);
    assert_true(kp_badness(5) == 10000);  /* 12500, capped */
    assert_true(kp_badness(INFINITY) == 10000);
}

/* Widths 1 4 1 1 4 1 4, line width 10, spaces stretch 1, no shrink.
 * Items: box 0, space 1, box 2, space 3 ... box 12, fil 13, end 14.
 * First fit fills line 1 exactly: "a bbbb c d" = 1+1+4+1+1+1+1 = 10 (r 0),
 * then "eeee f" = 6 with one space: r = 4, badness 6400; then "gggg".
 * Total fit evens it out: "a bbbb c" = 8 with two spaces (r 1), "d eeee f"
 * = 8 (r 1), "gggg": demerits 110^2 + 110^2 + 10^2 = 24300, against first
 * fit's 10^2 + 6410^2 + 10000 (decent next to very loose) + 10^2 + 10000. */
static void test_total_fit_evens_out_what_first_fit_leaves_loose(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 64, 0);
    words(&p, (int[]){1, 4, 1, 1, 4, 1, 4, 0});
    finish(&p);
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break tf[16], ff[16];

    int nt = kp_break_paragraph(a, p.items, p.n, &prm, tf);
    assert_breaks(tf, nt, (int[]){5, 11, 14}, 3);
    assert_true(fabsf(tf[0].ratio - 1) < 1e-6 && fabsf(tf[1].ratio - 1) < 1e-6);
    assert_true(fabsf(tf[2].ratio) < 1e-6);

    int nf = kp_first_fit(p.items, p.n, &prm, ff);
    assert_breaks(ff, nf, (int[]){7, 11, 14}, 3);
    assert_true(fabsf(ff[0].ratio) < 1e-6);
    assert_true(fabsf(ff[1].ratio - 4) < 1e-6);
    assert_false(ff[1].overfull);

    score st, sf;
    assert_true(score_result(&p, &prm, tf, nt, true, &st));
    assert_true(score_result(&p, &prm, ff, nf, false, &sf));
    assert_close(st.demerits, 24300);
    assert_close(sf.demerits, 100 + 6410.0 * 6410 + 10000 + 100 + 10000);
    assert_true(st.demerits < sf.demerits);
    /* first fit's loose line is beyond tolerance: not a choice total fit has */
    assert_false(score_result(&p, &prm, ff, nf, true, &sf));
    arena_free(a);
}

/* Widths 5 4 3 4 2, line width 10, spaces stretch 1 and shrink 0.5.
 * Items: box 0, space 1, box 2, space 3, box 4, space 5, box 6, space 7,
 * box 8, fil 9, end 10.
 * First fit: "aaaaa bbbb" = 10 exactly (break 3); "ccc dddd" = 8, adding
 * "ee" makes 11: break at 7 (r 2, badness 800); "ee". Three lines, demerits
 * 100 + 810^2 + 10000 (decent next to very loose) + 100 + 10000.
 * Total fit shrinks the last line instead: "ccc dddd ee" = 11 with two
 * spaces' 1.0 of shrink (r -1): two lines, 100 + 110^2 = 12200. */
static void test_total_fit_shrinks_where_first_fit_adds_a_line(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 64, 0.5f);
    words(&p, (int[]){5, 4, 3, 4, 2, 0});
    finish(&p);
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break tf[16], ff[16];

    int nt = kp_break_paragraph(a, p.items, p.n, &prm, tf);
    assert_breaks(tf, nt, (int[]){3, 10}, 2);
    assert_true(fabsf(tf[0].ratio) < 1e-6);
    assert_true(fabsf(tf[1].ratio + 1) < 1e-6); /* fil stretch does not help a long line */
    assert_false(tf[1].overfull);

    int nf = kp_first_fit(p.items, p.n, &prm, ff);
    assert_breaks(ff, nf, (int[]){3, 7, 10}, 3);
    assert_true(fabsf(ff[1].ratio - 2) < 1e-6);

    score st, sf;
    assert_true(score_result(&p, &prm, tf, nt, true, &st));
    assert_true(score_result(&p, &prm, ff, nf, false, &sf));
    assert_close(st.demerits, 12200);
    assert_close(sf.demerits, 100 + 810.0 * 810 + 10000 + 100 + 10000);
    assert_true(st.demerits < sf.demerits);
    arena_free(a);
}

/* Widths 5 5, line width 10, spaces shrink 1: "aaaaa bbbbb" is 11. First
 * fit keeps to natural width, so "aaaaa" ends line 1; total fit sets both
 * words on one line shrunk fully (r -1), since "aaaaa" alone cannot
 * stretch. With a non-breaking space (penalty 10000 before the glue) first
 * fit has no natural fit at all and shrinks too. */
static void test_first_fit_shrinks_only_when_it_must(void **state)
{
    (void)state;
    arena *a = arena_new();
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break br[8];

    para p = para_new(a, 16, 1);
    words(&p, (int[]){5, 5, 0});
    finish(&p); /* box 0, space 1, box 2, fil 3, end 4 */
    assert_breaks(br, kp_first_fit(p.items, p.n, &prm, br), (int[]){1, 4}, 2);
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){4}, 1);
    assert_true(fabsf(br[0].ratio + 1) < 1e-6);

    para q = para_new(a, 16, 1);
    box(&q, 5);
    penalty(&q, 0, KP_INFINITY, false);
    glue(&q, 1, 1, 1);
    box(&q, 5);
    space(&q);
    box(&q, 3);
    finish(&q); /* box 0, tie 1, glue 2, box 3, space 4, box 5, fil 6, end 7 */
    n = kp_first_fit(q.items, q.n, &prm, br);
    assert_breaks(br, n, (int[]){4, 7}, 2);
    assert_true(fabsf(br[0].ratio + 1) < 1e-6);
    assert_false(br[0].overfull);
    arena_free(a);
}

/* Words 2 3 2 3 2 3 2 3 (items: words at even indexes, fil 15, end 16),
 * no shrink.
 * Widths {6, 10}: "aa bbb" = 6 exactly, then "cc ddd ee" = 9 (r 0.5),
 * then "fff gg hhh" = 10 on the last line.
 * Uniform 10: "aa bbb cc" = 8 (r 0.5), "ddd ee fff" = 10, "gg hhh".
 * Widths {14, 6}: line 3 uses the last entry, 6: "aa bbb cc ddd" = 13
 * (r 1/3), "ee fff" = 6, "gg hhh" = 6. */
static void test_variable_line_widths(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 64, 0);
    words(&p, (int[]){2, 3, 2, 3, 2, 3, 2, 3, 0});
    finish(&p);
    kp_break br[16];

    float narrow_first[] = {6, 10};
    kp_params prm = params(narrow_first, 2);
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){3, 9, 16}, 3);
    assert_true(fabsf(br[1].ratio - 0.5f) < 1e-6);

    float uniform[] = {10};
    prm = params(uniform, 1);
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){5, 11, 16}, 3);

    float wide_first[] = {14, 6};
    prm = params(wide_first, 2);
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){7, 11, 16}, 3);
    assert_true(fabsf(br[0].ratio - 1.0f / 3) < 1e-6);
    arena_free(a);
}

/* "aaa bbb" then a hard line break (fil glue, forced penalty), then
 * "ccc ddd eee fff" with spaces that shrink 0.5, line width 10.
 * Items: box 0, space 1, box 2, fil 3, break 4, box 5, space 6, box 7,
 * space 8, box 9, space 10, box 11, fil 12, end 13.
 * Line 1 ends at the forced break whatever it costs. After it, "ccc ddd"
 * = 7 would need r 3 (badness 2700, beyond 200); "ccc ddd eee" = 11
 * shrinks by its two spaces (r -1): break at 10, then "fff". The fil glue
 * before the forced break is not a place to break (the next line would be
 * empty), so it stays on line 1. First fit honours the forced break too,
 * then fills "ccc ddd" at natural width (break 8, r 3). */
static void test_forced_break_in_the_middle(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 32, 0.5f);
    words(&p, (int[]){3, 3, 0});
    glue(&p, 0, INFINITY, 0);
    penalty(&p, 0, -KP_INFINITY, false);
    words(&p, (int[]){3, 3, 3, 3, 0});
    finish(&p);
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break br[16];
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){4, 10, 13}, 3);
    assert_true(fabsf(br[0].ratio) < 1e-6); /* the fil glue takes the slack */
    assert_true(fabsf(br[1].ratio + 1) < 1e-6);
    assert_breaks(br, kp_first_fit(p.items, p.n, &prm, br), (int[]){4, 8, 13}, 3);
    assert_true(fabsf(br[1].ratio - 3) < 1e-6);
    arena_free(a);
}

/* "aaa bbbb-b c dddd-ddd e", line width 10, no shrink.
 * Items: box 0, space 1, box 2, hyphen 3, box 4, space 5, box 6, space 7,
 * box 8, hyphen 9, box 10, space 11, box 12, fil 13, end 14.
 * Two hyphens, [3, 9, 14]: "aaa bbbb-" = 9 (r 1: 110^2 + 50^2 = 14600),
 * "b c dddd-" = 9 with two spaces (r 0.5: 22.5^2 + 50^2 = 3006.25),
 * "ddd e" (100 + 5000 final-hyphen demerits): 22706.25 without the
 * double-hyphen demerits, 32706.25 with them.
 * No hyphens, [5, 11, 14]: "aaa bbbbb" = 9 (r 1), "c ddddddd" = 9 (r 1),
 * "e": 12100 + 12100 + 100 = 24300, between the two. */
static void test_double_hyphen_demerits_change_the_choice(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 32, 0);
    words(&p, (int[]){3, 0});
    hyphenated(&p, (int[]){4, 1, 0});
    words(&p, (int[]){1, 0});
    hyphenated(&p, (int[]){4, 3, 0});
    words(&p, (int[]){1, 0});
    finish(&p);
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break br[16];
    score s;

    prm.flagged_demerits = 0;
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){3, 9, 14}, 3);
    assert_true(score_result(&p, &prm, br, n, true, &s));
    assert_close(s.demerits, 22706.25);

    prm.flagged_demerits = 10000;
    n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){5, 11, 14}, 3);
    assert_true(score_result(&p, &prm, br, n, true, &s));
    assert_close(s.demerits, 24300);
    arena_free(a);
}

/* Widths 2 3 1 1 4 5 4, line width 12, no shrink, tolerance 1000.
 * Items: words at even indexes 0..12, spaces between, fil 13, end 14.
 * [5, 11, 14]: "aa bbb c" = 8 with two spaces (r 2, badness 800, very
 * loose), "d eeee fffff" = 12 (decent), "gggg": 810^2 + 100 + 100 = 656300,
 * plus twice the fitness demerits (the paragraph starts decent, so very
 * loose differs by two classes from both neighbours): 676300.
 * [7, 11, 14]: "aa bbb c d" = 10 with three spaces (r 2/3, loose),
 * "eeee fffff" = 10 with one (r 2, very loose), "gggg": 1570.5 + 656100 +
 * 100, and one fitness penalty (very loose, then the decent last line):
 * 667770.5. Without fitness demerits the first wins, with them the second. */
static void test_fitness_class_demerits(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 32, 0);
    words(&p, (int[]){2, 3, 1, 1, 4, 5, 4, 0});
    finish(&p);
    float L[] = {12};
    kp_params prm = params(L, 1);
    prm.tolerance = 1000;
    kp_break br[16];
    score s;

    prm.fitness_demerits = 0;
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){5, 11, 14}, 3);
    assert_true(score_result(&p, &prm, br, n, true, &s));
    assert_close(s.demerits, 656300);

    prm.fitness_demerits = 10000;
    n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){7, 11, 14}, 3);
    assert_true(fabsf(br[0].ratio - 2.0f / 3) < 1e-6 && fabsf(br[1].ratio - 2) < 1e-6);
    assert_true(score_result(&p, &prm, br, n, true, &s));
    assert_close(s.demerits, 1570.5075445816 + 656100 + 100 + 10000);
    arena_free(a);
}

/* "a bbb ccc d-ddd ee f gg h", line width 13, no shrink.
 * Items: box 0, space 1, box 2, space 3, box 4, space 5, box 6, hyphen 7,
 * box 8, space 9, box 10, space 11, box 12, space 13, box 14, space 15,
 * box 16, fil 17, end 18.
 * "a bbb ccc d-" = 12 with three spaces: r 1/3, badness 3.7. Ending the
 * paragraph with "ddd ee f gg h" (12, fits) costs 13.7^2 + 50^2 + 100 =
 * 2787.8, plus 5000 when the hyphen on the second-last line is penalised.
 * Then it is cheaper to add a line: "ddd ee f gg" = 11 (r 2/3, badness
 * 29.6, 1570.5 demerits) and "h" (100): 4358.3 in all. */
static void test_final_hyphen_demerits(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 32, 0);
    words(&p, (int[]){1, 3, 3, 0});
    hyphenated(&p, (int[]){1, 3, 0});
    words(&p, (int[]){2, 1, 2, 1, 0});
    finish(&p);
    float L[] = {13};
    kp_params prm = params(L, 1);
    kp_break br[16];

    prm.final_hyphen_demerits = 0;
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){7, 18}, 2);
    prm.final_hyphen_demerits = 5000;
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){7, 15, 18}, 3);
    assert_true(fabsf(br[1].ratio - 2.0f / 3) < 1e-6);
    arena_free(a);
}

/* Widths 5 2 3 2 2 4 1, line width 12, spaces shrink 0.5 (items: words at
 * even indexes, fil 13, end 14). Best: "aaaaa bb ccc" = 12 exactly, then
 * "dd ee ffff g" = 12 on the last line: two lines, 200 demerits. The only
 * acceptable three lines keep line 1 and split "dd ee ffff" (10, r 1) from
 * "g". With looseness +1 that is the answer; -1 cannot go below two lines
 * (one line would be 26 wide) and keeps the optimum.
 * Widths 2 5 1 3 3 2, line width 9: best is three lines, "aa bbbbb" (r 1),
 * "c ddd eee" = 9, "ff" (12300); two lines need both shrunk fully, "aa
 * bbbbb c" and "ddd eee ff" = 10 each (r -1, 24200): looseness -1 takes it. */
static void test_looseness(void **state)
{
    (void)state;
    arena *a = arena_new();
    float L12[] = {12}, L9[] = {9};
    kp_break br[16];

    para p = para_new(a, 32, 0.5f);
    words(&p, (int[]){5, 2, 3, 2, 2, 4, 1, 0});
    finish(&p);
    kp_params prm = params(L12, 1);
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){5, 14}, 2);
    prm.looseness = 1;
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){5, 11, 14}, 3);
    assert_true(fabsf(br[1].ratio - 1) < 1e-6);
    prm.looseness = -1;
    assert_breaks(br, kp_break_paragraph(a, p.items, p.n, &prm, br), (int[]){5, 14}, 2);

    para q = para_new(a, 32, 0.5f);
    words(&q, (int[]){2, 5, 1, 3, 3, 2, 0});
    finish(&q);
    prm = params(L9, 1);
    assert_breaks(br, kp_break_paragraph(a, q.items, q.n, &prm, br), (int[]){3, 9, 12}, 3);
    prm.looseness = -1;
    assert_breaks(br, kp_break_paragraph(a, q.items, q.n, &prm, br), (int[]){5, 12}, 2);
    assert_true(fabsf(br[0].ratio + 1) < 1e-6 && fabsf(br[1].ratio + 1) < 1e-6);
    arena_free(a);
}

/* Words 4 4 4, line width 12, no shrink: "aaaa bbbb" leaves 3 units for one
 * space (r 3, badness 2700 > 200) and all three words are 14 wide: nothing
 * fits. 2 units of emergency stretch make the badness (3 / 3)^3 * 100 =
 * 100; the ratio reported stays the real one, 3. */
static void test_emergency_stretch(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 16, 0);
    words(&p, (int[]){4, 4, 4, 0});
    finish(&p); /* box 0, space 1, box 2, space 3, box 4, fil 5, end 6 */
    float L[] = {12};
    kp_params prm = params(L, 1);
    kp_break br[8];
    assert_int_equal(kp_break_paragraph(a, p.items, p.n, &prm, br), -1);
    prm.emergency_stretch = 2;
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){3, 6}, 2);
    assert_true(fabsf(br[0].ratio - 3) < 1e-6);
    prm.emergency_stretch = 1.9f; /* badness 100 * (3/2.9)^3 = 110.7: still fine */
    assert_int_equal(kp_break_paragraph(a, p.items, p.n, &prm, br), 2);
    prm.emergency_stretch = 0.5f; /* badness 100 * (3/1.5)^3 = 800: not */
    assert_int_equal(kp_break_paragraph(a, p.items, p.n, &prm, br), -1);
    arena_free(a);
}

/* A box wider than the line: the strict breaker gives up, the last resort
 * sets it overfull. Alone, it is one line. Among words, it gets a line of
 * its own: TeX's final pass breaks right after it, from the last node left
 * ("aa bb", the only line before it: r 5), and the words after it are set
 * as well as ever: "a bbbb c", "d eeee f", "gggg" (see the first-fit test),
 * where first fit would have filled "a bbbb c d".
 * Words at even indexes 0..18 (aa bb X a bbbb c d eeee f gggg), spaces at
 * odd ones, fil 19, end 20.
 * An overfull line that has shrink reports ratio -1: all of it is used. */
static void test_overlong_box(void **state)
{
    (void)state;
    arena *a = arena_new();
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break br[16];

    para p = para_new(a, 8, 0);
    box(&p, 15);
    finish(&p); /* box 0, fil 1, end 2 */
    assert_int_equal(kp_break_paragraph(a, p.items, p.n, &prm, br), -1);
    int n = kp_break_paragraph_any(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){2}, 1);
    assert_true(br[0].overfull);
    assert_true(br[0].ratio == 0); /* nothing to shrink */
    n = kp_first_fit(p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){2}, 1);
    assert_true(br[0].overfull);

    para q = para_new(a, 32, 0);
    words(&q, (int[]){2, 2, 15, 1, 4, 1, 1, 4, 1, 4, 0});
    finish(&q);
    assert_int_equal(kp_break_paragraph(a, q.items, q.n, &prm, br), -1);
    n = kp_break_paragraph_any(a, q.items, q.n, &prm, br);
    assert_breaks(br, n, (int[]){3, 5, 11, 17, 20}, 5);
    for (int i = 0; i < n; i++)
        assert_true(br[i].overfull == (i == 1));
    assert_true(fabsf(br[0].ratio - 5) < 1e-6);
    assert_true(fabsf(br[2].ratio - 1) < 1e-6 && fabsf(br[3].ratio - 1) < 1e-6);
    n = kp_first_fit(q.items, q.n, &prm, br);
    assert_breaks(br, n, (int[]){3, 5, 13, 17, 20}, 5);

    para t = para_new(a, 8, 0);
    box(&t, 8);
    penalty(&t, 0, KP_INFINITY, false); /* a non-breaking space */
    glue(&t, 1, 1, 1);
    box(&t, 8);
    finish(&t); /* 17 wide, 1 of shrink: r would be -7 */
    n = kp_break_paragraph_any(a, t.items, t.n, &prm, br);
    assert_breaks(br, n, (int[]){5}, 1);
    assert_true(br[0].overfull);
    assert_true(br[0].ratio == -1);
    arena_free(a);
}

/* Two hard breaks in a row ("aaa", break, break, "bbb"): the line
 * between them holds only discardables, so it is empty and cannot stretch.
 * As in TeX (where \break\break gives an underfull box) the strict
 * breaker refuses it; the last resort and first fit set it, not overfull.
 * Items: box 0, fil 1, break 2, fil 3, break 4, box 5, fil 6, end 7.
 * A zero-width box before the second fil (TeX's \hbox{}) makes the line
 * an ordinary one: box 0, fil 1, break 2, box 3, fil 4, break 5, box 6,
 * fil 7, end 8. */
static void test_consecutive_forced_breaks(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 16, 0);
    box(&p, 3);
    glue(&p, 0, INFINITY, 0);
    penalty(&p, 0, -KP_INFINITY, false);
    glue(&p, 0, INFINITY, 0);
    penalty(&p, 0, -KP_INFINITY, false);
    box(&p, 3);
    finish(&p);
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break br[8];
    assert_int_equal(kp_break_paragraph(a, p.items, p.n, &prm, br), -1);
    int n = kp_break_paragraph_any(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){2, 4, 7}, 3);
    assert_false(br[1].overfull);
    assert_true(br[1].ratio == 0);
    assert_breaks(br, kp_first_fit(p.items, p.n, &prm, br), (int[]){2, 4, 7}, 3);

    /* with a zero-width box the empty line has its fil glue: acceptable */
    para q = para_new(a, 16, 0);
    box(&q, 3);
    glue(&q, 0, INFINITY, 0);
    penalty(&q, 0, -KP_INFINITY, false);
    box(&q, 0);
    glue(&q, 0, INFINITY, 0);
    penalty(&q, 0, -KP_INFINITY, false);
    box(&q, 3);
    finish(&q);
    assert_breaks(br, kp_break_paragraph(a, q.items, q.n, &prm, br), (int[]){2, 5, 8}, 3);
    arena_free(a);
}

/* The fil glue and forced penalty alone: one empty line, ratio 0. */
static void test_empty_paragraph(void **state)
{
    (void)state;
    arena *a = arena_new();
    para p = para_new(a, 4, 0);
    finish(&p);
    float L[] = {10};
    kp_params prm = params(L, 1);
    kp_break br[4];
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    assert_breaks(br, n, (int[]){1}, 1);
    assert_true(br[0].ratio == 0 && !br[0].overfull);
    assert_breaks(br, kp_break_paragraph_any(a, p.items, p.n, &prm, br), (int[]){1}, 1);
    assert_breaks(br, kp_first_fit(p.items, p.n, &prm, br), (int[]){1}, 1);
    assert_int_equal(kp_break_paragraph(a, p.items, 0, &prm, br), 0);
    arena_free(a);
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t next_random(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void check_cover(const kp_break *br, int nb, int n)
{
    assert_true(nb >= 1);
    for (int i = 1; i < nb; i++)
        assert_true(br[i].item > br[i - 1].item);
    assert_int_equal(br[nb - 1].item, n - 1);
}

/* 10,000 words of 2 to 9 units, line width 60: about 6 units a word, so
 * roughly 10000 * 6.5 / 60 lines. The result must cover the paragraph in
 * order, keep every line within tolerance, and end with a ~0 ratio. */
static void test_ten_thousand_words(void **state)
{
    (void)state;
    arena *a = arena_new();
    int nwords = 10000;
    para p = para_new(a, 2 * nwords + 2, 0.5f);
    uint32_t seed = 42;
    double natural = 0;
    for (int i = 0; i < nwords; i++) {
        if (i)
            space(&p);
        int w = 2 + (int)(next_random(&seed) % 8);
        box(&p, (float)w);
        natural += w + 1;
    }
    finish(&p);
    float L[] = {60};
    kp_params prm = params(L, 1);
    kp_break *br = ARENA_ARRAY(a, kp_break, p.n);
    int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
    check_cover(br, n, p.n);
    assert_true(n >= (int)(natural / 60 * 0.9) && n <= (int)(natural / 60 * 1.1) + 1);
    for (int i = 0; i < n; i++) {
        assert_false(br[i].overfull);
        assert_true(kp_badness(br[i].ratio) <= prm.tolerance + 1e-3f);
    }
    assert_true(fabsf(br[n - 1].ratio) < 1e-6);

    int nf = kp_first_fit(p.items, p.n, &prm, br);
    check_cover(br, nf, p.n);
    arena_free(a);
}

/* Random short paragraphs (words, hyphenated words, the odd hard break,
 * one to three line widths, shrinking or not): the breaker's answer must
 * score exactly the fewest demerits an exhaustive search finds, and fail
 * exactly when the search finds nothing; the last resort must match the
 * search without tolerance whenever some set of breaks avoids overfull
 * lines. The reported ratios must be the lines' real ratios. */
static void test_optimal_against_brute_force(void **state)
{
    (void)state;
    uint32_t seed = 7;
    int feasible = 0, infeasible = 0;
    for (int round = 0; round < 150; round++) {
        arena *a = arena_new();
        para p = para_new(a, 64, (next_random(&seed) % 2) ? 0.5f : 0.0f);
        int optional = 0;
        while (optional < 11) {
            int kind = (int)(next_random(&seed) % 10);
            if (kind < 6) {
                words(&p, (int[]){1 + (int)(next_random(&seed) % 6), 0});
                optional++;
            } else if (kind < 9) {
                int syl[4] = {1 + (int)(next_random(&seed) % 4), 1 + (int)(next_random(&seed) % 4),
                              kind == 8 ? 1 + (int)(next_random(&seed) % 3) : 0, 0};
                hyphenated(&p, syl);
                optional += kind == 8 ? 3 : 2;
            } else if (p.n > 0 && p.items[p.n - 1].type == KP_BOX) {
                glue(&p, 0, INFINITY, 0);
                penalty(&p, 0, -KP_INFINITY, false);
            }
        }
        finish(&p);
        float widths[3];
        int nw = 1 + (int)(next_random(&seed) % 3);
        for (int i = 0; i < nw; i++)
            widths[i] = (float)(8 + next_random(&seed) % 8);
        kp_params prm = params(widths, nw);
        if (next_random(&seed) % 3 == 0)
            prm.tolerance = 10000;

        kp_break br[64];
        int lines = 0;
        score s;
        double best = brute_force(p.items, p.n, &prm, true, &lines);
        int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
        if (best == INFINITY) {
            assert_int_equal(n, -1);
            infeasible++;
        } else {
            assert_true(n > 0);
            assert_true(score_result(&p, &prm, br, n, true, &s));
            assert_close(s.demerits, best);
            for (int i = 0; i < n; i++)
                assert_true(fabs(br[i].ratio - s.ratio[i]) < 1e-5);
            feasible++;
        }
        double loose = brute_force(p.items, p.n, &prm, false, &lines);
        n = kp_break_paragraph_any(a, p.items, p.n, &prm, br);
        check_cover(br, n, p.n);
        if (loose < INFINITY) {
            assert_true(score_result(&p, &prm, br, n, false, &s));
            assert_close(s.demerits, loose);
        }
        arena_free(a);
    }
    /* the generator must exercise both outcomes */
    assert_true(feasible > 20 && infeasible > 20);
}

/* Lines in a row ending hyphenated past the limit are not taken, whatever
 * they would save: random paragraphs made mostly of hyphenated words, with
 * no double-hyphen demerits to discourage runs, checked against the
 * exhaustive search under the same limit. The limit must have changed the
 * answer in some of them, and the last resort must ignore it. */
static int longest_run(const kp_item *items, const kp_break *br, int n)
{
    int run = 0, longest = 0;
    for (int i = 0; i < n; i++) {
        const kp_item *it = &items[br[i].item];
        run = it->type == KP_PENALTY && it->flagged ? run + 1 : 0;
        longest = MAX(longest, run);
    }
    return longest;
}

static void test_hyphen_run_limit(void **state)
{
    (void)state;
    uint32_t seed = 11;
    int changed = 0, checked = 0;
    for (int round = 0; round < 200; round++) {
        arena *a = arena_new();
        para p = para_new(a, 64, 0.5f);
        int optional = 0;
        while (optional < 13) {
            if (next_random(&seed) % 2 == 0) {
                words(&p, (int[]){1 + (int)(next_random(&seed) % 4), 0});
                optional++;
            } else {
                hyphenated(&p, (int[]){2 + (int)(next_random(&seed) % 3), 2 + (int)(next_random(&seed) % 3), 0});
                optional += 2;
            }
        }
        finish(&p);
        float width = (float)(10 + next_random(&seed) % 8);
        kp_params prm = params(&width, 1);
        prm.flagged_demerits = 0;
        prm.final_hyphen_demerits = 0;
        prm.tolerance = 10000;
        kp_break free_br[64], br[64];
        int free_n = kp_break_paragraph(a, p.items, p.n, &prm, free_br);
        prm.max_hyphen_lines = 1 + (int)(next_random(&seed) % 2);
        int lines = 0;
        double best = brute_force(p.items, p.n, &prm, true, &lines);
        int n = kp_break_paragraph(a, p.items, p.n, &prm, br);
        if (best == INFINITY) {
            assert_int_equal(n, -1);
        } else {
            score s;
            assert_true(n > 0);
            assert_true(longest_run(p.items, br, n) <= prm.max_hyphen_lines);
            assert_true(score_result(&p, &prm, br, n, true, &s));
            assert_close(s.demerits, best);
            checked++;
            if (free_n > 0 && longest_run(p.items, free_br, free_n) > prm.max_hyphen_lines)
                changed++;
        }
        /* the last resort: the best set of breaks, the limit ignored (the
         * scorer applies it only when strict) */
        double loose = brute_force(p.items, p.n, &prm, false, &lines);
        n = kp_break_paragraph_any(a, p.items, p.n, &prm, br);
        check_cover(br, n, p.n);
        if (loose < INFINITY) {
            score s;
            assert_true(score_result(&p, &prm, br, n, false, &s));
            assert_close(s.demerits, loose);
        }
        arena_free(a);
    }
    assert_true(checked > 150);
    assert_true(changed > 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_badness),
        cmocka_unit_test(test_total_fit_evens_out_what_first_fit_leaves_loose),
        cmocka_unit_test(test_total_fit_shrinks_where_first_fit_adds_a_line),
        cmocka_unit_test(test_first_fit_shrinks_only_when_it_must),
        cmocka_unit_test(test_variable_line_widths),
        cmocka_unit_test(test_forced_break_in_the_middle),
        cmocka_unit_test(test_double_hyphen_demerits_change_the_choice),
        cmocka_unit_test(test_fitness_class_demerits),
        cmocka_unit_test(test_final_hyphen_demerits),
        cmocka_unit_test(test_looseness),
        cmocka_unit_test(test_emergency_stretch),
        cmocka_unit_test(test_overlong_box),
        cmocka_unit_test(test_consecutive_forced_breaks),
        cmocka_unit_test(test_empty_paragraph),
        cmocka_unit_test(test_ten_thousand_words),
        cmocka_unit_test(test_optimal_against_brute_force),
        cmocka_unit_test(test_hyphen_run_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
