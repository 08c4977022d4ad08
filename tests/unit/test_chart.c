/* Charts: tick selection, and through the whole pipeline the lengths of
 * bars against their data (a bar of 58 on an axis that ends at 128 is
 * 58/128 of it), stacked segments, colours from the style sheet, the
 * legend, labels that do not overlap, a chart kept on one page. */
#include "pipeline.h"

#include <math.h>

#include "../../src/layout/layout_internal.h"

static void ticks(double max, double want_step, double want_axis)
{
    double step, axis;
    chart_ticks(max, 5, &step, &axis);
    if (fabs(step - want_step) > want_step * 1e-9 || fabs(axis - want_axis) > want_axis * 1e-9)
        fail_msg("ticks for %g: step %g axis %g, expected %g and %g", max, step, axis, want_step, want_axis);
}

static void test_tick_selection(void **state)
{
    (void)state;
    /* max / 5 rounded to 1, 2 or 5 times a power of ten (below 1.5, 3, 7) */
    ticks(128, 20, 140);    /* 25.6 -> 20 */
    ticks(100, 20, 100);    /* 20 */
    ticks(58, 10, 60);      /* 11.6 -> 10 */
    ticks(7, 1, 7);         /* 1.4 -> 1 */
    ticks(45.3, 10, 50);    /* 9.06 -> 10 */
    ticks(0.7, 0.1, 0.7);
    ticks(36, 10, 40);      /* 7.2 -> 10 */
    ticks(1e6, 200000, 1e6);
    ticks(20000, 5000, 20000); /* 4000 -> 5000 */
    /* nothing to show still gives an axis */
    ticks(0, 0.2, 1);
    ticks(NAN, 0.2, 1);
}

static char *doc(const char *chart)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{chart}\n%s```\n", chart);
    return buf;
}

/* Bars: rectangles in a colour. */
static int bars(const layout_page *pg, rgba fill, const dl_item **out, int max)
{
    int n = 0;
    for (int i = 0; i < pg->nitems && n < max; i++)
        if (pg->items[i].kind == DL_RECT && pg->items[i].u.rect.fill == fill && pg->items[i].h > 0)
            out[n++] = &pg->items[i];
    return n;
}

/* Vertical rules (hbar gridlines), left to right. */
static int vrules(const layout_page *pg, float *x, int max)
{
    int n = 0;
    for (int i = 0; i < pg->nitems && n < max; i++) {
        const dl_item *it = &pg->items[i];
        if (it->kind == DL_LINE && it->x == it->u.line.x2 && it->u.line.y2 > it->y)
            x[n++] = it->x;
    }
    return n;
}

static void test_hbar_lengths(void **state)
{
    (void)state;
    pipeline p;
    pipeline_run(&p, "c.md", doc(":type: hbar\n:max: 128\nCounts,Stations\nObserved,128\nNegative,58\n"), NULL);
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    const layout_page *pg = &p.lay->pages[0];
    const dl_item *b[4];
    assert_int_equal(bars(pg, 0x1F4E79FFu, b, 4), 2); /* the default sheet's first series */
    float x[16];
    int n = vrules(pg, x, 16);
    /* the axis at 0, gridlines at 20 ... 120, and its end at 128 */
    assert_int_equal(n, 8);
    float zero = x[0], end = x[n - 1];
    assert_true(fabsf(b[0]->x - zero) < 0.01f && fabsf(b[1]->x - zero) < 0.01f);
    assert_true(fabsf(b[0]->w - (end - zero)) < 0.01f);              /* 128 of 128 */
    assert_true(fabsf(b[1]->w / (end - zero) - 58.0f / 128) < 1e-4f);  /* 58 of 128 */
    assert_true(fabsf(x[1] - zero - (end - zero) * 20 / 128) < 0.01f); /* the 20 gridline */
    /* value labels and the axis labels, the one at 120 giving way to 128 */
    assert_int_equal(count_of(p.dump, "\"58\""), 1);
    assert_int_equal(count_of(p.dump, "\"128\""), 2);
    assert_int_equal(count_of(p.dump, "\"100\""), 1);
    assert_int_equal(count_of(p.dump, "\"120\""), 0);
    pipeline_free(&p);
}

static void test_vbar_heights_and_axis(void **state)
{
    (void)state;
    pipeline p;
    pipeline_run(&p, "c.md", doc(":type: bar\n:values: hide\nYear,Cases\n2021,10\n2022,20\n2023,36\n"), NULL);
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    const layout_page *pg = &p.lay->pages[0];
    const dl_item *b[4];
    assert_int_equal(bars(pg, 0x1F4E79FFu, b, 4), 3);
    /* the axis: 0 to 40 in steps of 10 (36 / 5 = 7.2 -> 10); horizontal
     * gridlines, the lowest the baseline */
    float ys[16] = {0};
    int n = 0;
    float highest = MIN(b[0]->y, MIN(b[1]->y, b[2]->y));
    for (int i = 0; i < pg->nitems; i++) {
        const dl_item *it = &pg->items[i];
        /* the chart's (right of its axis labels), not the running head's
         * or the title's rules (from the column's left edge) */
        if (it->kind == DL_LINE && it->y == it->u.line.y2 && it->u.line.x2 > it->x && it->y > highest - 60 &&
            it->x > 62.36f + 5 && n < 16)
            ys[n++] = it->y;
    }
    assert_int_equal(n, 5);
    float base = ys[0], top = ys[0];
    for (int i = 0; i < n; i++) {
        base = MAX(base, ys[i]);
        top = MIN(top, ys[i]);
    }
    float axis = base - top; /* 40 */
    const double want[] = {10, 20, 36};
    for (int i = 0; i < 3; i++) {
        assert_true(fabsf(b[i]->y + b[i]->h - base) < 0.01f); /* standing on the baseline */
        assert_true(fabsf(b[i]->h / axis - (float)(want[i] / 40)) < 1e-4f);
    }
    /* in order, left to right */
    assert_true(b[0]->x < b[1]->x && b[1]->x < b[2]->x);
    /* :values: hide */
    assert_int_equal(count_of(p.dump, "\"36\""), 0);
    pipeline_free(&p);
}

static void test_stacked_and_legend(void **state)
{
    (void)state;
    pipeline p;
    pipeline_run(&p, "c.md",
                 doc(":type: stacked-hbar\nRegion,Yes,No,Unsure\nAlmaty,45,30,25\nAstana,50,40,10\n"),
                 ".chart .series-2 { background-color: #aa0000 } .chart .series-3 { background-color: #00aa00; border: 0.5pt solid #000000 }");
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    const layout_page *pg = &p.lay->pages[0];
    const dl_item *yes[4], *no[4], *unsure[4];
    /* two bars per series, and a legend swatch each */
    assert_int_equal(bars(pg, 0x1F4E79FFu, yes, 4), 3);
    assert_int_equal(bars(pg, 0xAA0000FFu, no, 4), 3);
    assert_int_equal(bars(pg, 0x00AA00FFu, unsure, 4), 3);
    assert_int_equal(unsure[0]->u.rect.stroke, 0x000000FFu); /* the series' border outlines it */
    /* segments follow each other and their lengths are in proportion */
    for (int r = 0; r < 2; r++) {
        assert_true(fabsf(yes[r]->x + yes[r]->w - no[r]->x) < 0.01f);
        assert_true(fabsf(no[r]->x + no[r]->w - unsure[r]->x) < 0.01f);
    }
    assert_true(fabsf(yes[0]->w / no[0]->w - 45.0f / 30) < 1e-3f);
    assert_true(fabsf(yes[1]->w / unsure[1]->w - 50.0f / 10) < 1e-3f);
    /* both rows total 100: the same length */
    float len0 = unsure[0]->x + unsure[0]->w - yes[0]->x, len1 = unsure[1]->x + unsure[1]->w - yes[1]->x;
    assert_true(fabsf(len0 - len1) < 0.01f);
    /* the legend names the series, under the bars */
    const dl_item *legend = find_text(pg, "Unsure");
    assert_non_null(legend);
    assert_true(legend->y > yes[1]->y + yes[1]->h);
    assert_true(fabsf(unsure[2]->y - legend->y) < 12);
    pipeline_free(&p);
}

/* Category labels never overlap: wrapped in their slot, or turned. */
static void test_labels_do_not_overlap(void **state)
{
    (void)state;
    pipeline p;
    pipeline_run(&p, "c.md",
                 doc(":type: bar\nParty,Seats\nAmanat,62\nPeople's Party of Kazakhstan,7\n"
                     "National Social Democratic Party,4\nIndependent candidates,5\n"),
                 NULL);
    const layout_page *pg = &p.lay->pages[0];
    /* the label lines under the baseline: no two on one baseline overlap */
    const dl_item *lab[64];
    int n = 0;
    float base = 0;
    for (int i = 0; i < pg->nitems; i++)
        if (pg->items[i].kind == DL_RECT && pg->items[i].u.rect.fill == 0x1F4E79FFu)
            base = MAX(base, pg->items[i].y + pg->items[i].h);
    for (int i = 0; i < pg->nitems && n < 64; i++)
        if (pg->items[i].kind == DL_TEXT && pg->items[i].y > base + 1 && pg->items[i].y < base + 60)
            lab[n++] = &pg->items[i];
    assert_true(n >= 4);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (fabsf(lab[i]->y - lab[j]->y) > 1)
                continue;
            float a0 = lab[i]->x, a1 = a0 + item_width(lab[i]), b0 = lab[j]->x, b1 = b0 + item_width(lab[j]);
            if (a0 < b1 && b0 < a1)
                fail_msg("labels '%s' and '%s' overlap", item_text(lab[i]), item_text(lab[j]));
        }
    pipeline_free(&p);

    /* twenty long labels cannot wrap in their slots: they turn */
    char md[4096] = ":type: bar\nCity,Cases\n";
    for (int i = 0; i < 20; i++)
        snprintf(md + strlen(md), sizeof md - strlen(md), "Administrativecentre%d,%d\n", i, i + 1);
    pipeline_run(&p, "c.md", doc(md), NULL);
    int turned = 0;
    for (int i = 0; i < p.lay->pages[0].nitems; i++) {
        const dl_item *it = &p.lay->pages[0].items[i];
        if (it->kind == DL_TEXT && strncmp(item_text(it), "Administrative", 14) == 0) {
            assert_true(it->u.text.angle != 0);
            turned++;
        }
    }
    assert_int_equal(turned, 20);
    pipeline_free(&p);
}

/* A chart too tall for a page is scaled down onto one page. */
static void test_kept_on_one_page(void **state)
{
    (void)state;
    char *md = malloc(16384);
    snprintf(md, 16384, ":type: hbar\n:caption: Many\nDistrict,Cases\n");
    for (int i = 0; i < 80; i++)
        snprintf(md + strlen(md), 16384 - strlen(md), "District %d,%d\n", i + 1, (i * 37) % 90 + 5);
    char *text = malloc(20000);
    snprintf(text, 20000, "---\ntitle: T\ncover: false\ntoc: false\n---\n\nBefore.\n\n```{chart}\n%s```\n", md);
    pipeline p;
    pipeline_run(&p, "c.md", text, NULL);
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    int pages_with_bars = 0, nbars = 0;
    for (int pg = 0; pg < p.lay->npages; pg++) {
        const dl_item *b[128];
        int n = bars(&p.lay->pages[pg], 0x1F4E79FFu, b, 128);
        if (n) {
            pages_with_bars++;
            nbars += n;
            for (int i = 0; i < n; i++)
                assert_true(b[i]->y + b[i]->h < 841.89f - 24 * 72 / 25.4f);
        }
    }
    assert_int_equal(pages_with_bars, 1);
    assert_int_equal(nbars, 80);
    assert_int_equal(count_of(p.dump, "\"District 80\""), 1);
    pipeline_free(&p);
    free(md);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tick_selection),
        cmocka_unit_test(test_hbar_lengths),
        cmocka_unit_test(test_vbar_heights_and_axis),
        cmocka_unit_test(test_stacked_and_legend),
        cmocka_unit_test(test_labels_do_not_overlap),
        cmocka_unit_test(test_kept_on_one_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
