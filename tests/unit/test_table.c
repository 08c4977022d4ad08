/* Tables: the column-width algorithm on known inputs (expected widths
 * worked out by hand in the comments), decimal tails, and through the
 * whole pipeline: header rows and the continued caption on every page a
 * table runs onto, no page ending on the header alone, rows taller than
 * a page split inside their cells, break-inside: auto, smaller text and
 * then broken words (each said once), numbers aligned on their point. */
#include "pipeline.h"

#include <math.h>

#include "../../src/layout/layout_internal.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 0.01)

/* ---- the column-width algorithm ---------------------------------------- */

static bool widths(arena *a, int n, const float *lo, const float *hi, const double *rel, const bool *fixed,
                   float avail, bool fill, float *out)
{
    table_widths_in in = {a, n, lo, hi, rel, fixed, avail, fill};
    return table_column_widths(&in, out);
}

static void test_widths_all_fit(void **state)
{
    (void)state;
    arena *a = arena_new();
    float lo[] = {10, 20}, hi[] = {30, 50}, w[2];
    /* max-content 80 of 200: the extra 120 goes by max-content, 30:50 */
    assert_true(widths(a, 2, lo, hi, NULL, NULL, 200, true, w));
    NEAR(w[0], 30 + 120 * 30.0 / 80);
    NEAR(w[1], 50 + 120 * 50.0 / 80);
    /* width: auto: the table is as wide as its content */
    assert_true(widths(a, 2, lo, hi, NULL, NULL, 200, false, w));
    NEAR(w[0], 30);
    NEAR(w[1], 50);
    arena_free(a);
}

static void test_widths_between_min_and_max(void **state)
{
    (void)state;
    arena *a = arena_new();
    float lo[] = {10, 20, 15}, hi[] = {100, 40, 15}, w[3];
    /* minima 45, 35 to share by what each could still use: 90, 20, 0 */
    assert_true(widths(a, 3, lo, hi, NULL, NULL, 80, true, w));
    NEAR(w[0], 10 + 35 * 90.0 / 110);
    NEAR(w[1], 20 + 35 * 20.0 / 110);
    NEAR(w[2], 15);
    NEAR(w[0] + w[1] + w[2], 80);
    /* a narrow column next to a paragraph: it gets its whole max-content
     * (30, less than half of 400), the paragraph the rest */
    float lo2[] = {15, 20}, hi2[] = {30, 1000};
    assert_true(widths(a, 2, lo2, hi2, NULL, NULL, 400, true, w));
    NEAR(w[0], 30);
    NEAR(w[1], 370);
    /* two narrow columns settle in turn: 60 < 300/3, then 110 < 240/2 */
    float lo3[] = {10, 10, 10}, hi3[] = {60, 110, 900};
    assert_true(widths(a, 3, lo3, hi3, NULL, NULL, 300, true, w));
    NEAR(w[0], 60);
    NEAR(w[1], 110);
    NEAR(w[2], 130);
    arena_free(a);
}

static void test_widths_minima_too_wide(void **state)
{
    (void)state;
    arena *a = arena_new();
    float lo[] = {60, 90}, hi[] = {200, 90}, w[2];
    /* 150 needed, 100 there: narrowed in proportion to the minima */
    assert_false(widths(a, 2, lo, hi, NULL, NULL, 100, true, w));
    NEAR(w[0], 40);
    NEAR(w[1], 60);
    arena_free(a);
}

static void test_widths_relative(void **state)
{
    (void)state;
    arena *a = arena_new();
    float lo[] = {10, 10}, hi[] = {500, 500}, w[2];
    double rel[] = {1, 3};
    bool fixed[] = {false, false};
    assert_true(widths(a, 2, lo, hi, rel, fixed, 200, true, w));
    NEAR(w[0], 50);
    NEAR(w[1], 150);
    /* a relative share below a column's minimum: it gets the minimum,
     * the others share the rest (1:9 of 200 would give 20 < 40) */
    float lo2[] = {40, 10};
    double rel2[] = {1, 9};
    assert_true(widths(a, 2, lo2, hi, rel2, fixed, 200, true, w));
    NEAR(w[0], 40);
    NEAR(w[1], 160);
    /* three columns, two clamped in turn: 1:1:18 of 100 gives 5, 5, 90;
     * the first two need 20 and 30, leaving 50 */
    float lo3[] = {20, 30, 10}, hi3[] = {20, 30, 400}, w3[3];
    double rel3[] = {1, 1, 18};
    bool fixed3[] = {false, false, false};
    assert_true(widths(a, 3, lo3, hi3, rel3, fixed3, 100, true, w3));
    NEAR(w3[0], 20);
    NEAR(w3[1], 30);
    NEAR(w3[2], 50);
    arena_free(a);
}

static void test_widths_fixed(void **state)
{
    (void)state;
    arena *a = arena_new();
    float lo[] = {10, 10, 10}, hi[] = {20, 20, 20}, w[3];
    /* 72pt fixed, the rest 1:1 */
    double rel[] = {72, 1, 1};
    bool fixed[] = {true, false, false};
    assert_true(widths(a, 3, lo, hi, rel, fixed, 272, true, w));
    NEAR(w[0], 72);
    NEAR(w[1], 100);
    NEAR(w[2], 100);
    /* fixed widths alone are kept, not stretched to the line */
    double rel2[] = {50, 60, 70};
    bool fixed2[] = {true, true, true};
    assert_true(widths(a, 3, lo, hi, rel2, fixed2, 400, true, w));
    NEAR(w[0], 50);
    NEAR(w[1], 60);
    NEAR(w[2], 70);
    /* a fixed width below the column's minimum gives way to it */
    float lo3[] = {30, 10, 10};
    double rel3[] = {20, 1, 1};
    assert_true(widths(a, 3, lo3, hi, rel3, fixed, 230, true, w));
    NEAR(w[0], 30);
    NEAR(w[1], 100);
    NEAR(w[2], 100);
    arena_free(a);
}

/* ---- decimal tails ------------------------------------------------------ */

static float chars(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    return (float)utf8_length(s, n);
}

static void test_decimal_tail(void **state)
{
    (void)state;
    NEAR(table_decimal_tail("1,234.5", 7, '.', chars, NULL), 2);      /* ".5" */
    NEAR(table_decimal_tail("128", 3, '.', chars, NULL), 0);
    NEAR(table_decimal_tail("45.3 %", 6, '.', chars, NULL), 4);       /* ".3 %" */
    NEAR(table_decimal_tail("12%", 3, '.', chars, NULL), 1);          /* "%" */
    NEAR(table_decimal_tail("-1 234,56", 9, ',', chars, NULL), 3);    /* ",56" */
    NEAR(table_decimal_tail("1.234,56", 8, ',', chars, NULL), 3);
    const char *nbsp = "1\xC2\xA0" "234.5";
    NEAR(table_decimal_tail(nbsp, strlen(nbsp), '.', chars, NULL), 2);
    assert_true(table_decimal_tail("abc", 3, '.', chars, NULL) < 0);
    assert_true(table_decimal_tail("12 cases", 8, '.', chars, NULL) < 0);
    assert_true(table_decimal_tail(",5", 2, '.', chars, NULL) < 0);
    assert_true(table_decimal_tail("", 0, '.', chars, NULL) < 0);
}

/* ---- through the pipeline ---------------------------------------------- */

/* A {table} of n rows "Person K" (K from 1) with a caption. */
static char *long_table(arena *a, int n, const char *options)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_printf(&sb, "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{table}\n:caption: Cases\n%s", options);
    sb_puts(&sb, "Name,Charge\n");
    for (int i = 1; i <= n; i++)
        sb_printf(&sb, "Person %d,Charge %d\n", i, i);
    sb_puts(&sb, "```\n");
    return sb.data;
}

/* Index of the first text item on a page starting with `prefix`, or -1. */
static int first_with(const layout_page *pg, const char *prefix)
{
    for (int i = 0; i < pg->nitems; i++)
        if (pg->items[i].kind == DL_TEXT && strncmp(item_text(&pg->items[i]), prefix, strlen(prefix)) == 0)
            return i;
    return -1;
}

static void test_header_on_every_page(void **state)
{
    (void)state;
    arena *a = arena_new();
    pipeline p;
    pipeline_run(&p, "long.md", long_table(a, 150, ""), NULL);
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    assert_true(p.lay->npages >= 3);
    int seen = 0;
    for (int pg = 0; pg < p.lay->npages; pg++) {
        const layout_page *page = &p.lay->pages[pg];
        int header = first_with(page, "Name");
        int body = first_with(page, "Person ");
        int cont = first_with(page, "(continued)");
        /* every page has the header row, and body rows below it: no page
         * ends on the header alone */
        assert_true(header >= 0);
        assert_true(body >= 0);
        assert_true(page->items[header].y < page->items[body].y);
        /* the caption again, as continued, on every page but the first */
        if (pg == 0) {
            assert_int_equal(cont, -1);
        } else {
            assert_true(cont >= 0);
            assert_true(page->items[cont].y < page->items[header].y);
        }
        for (int i = 0; i < page->nitems; i++)
            if (page->items[i].kind == DL_TEXT && strncmp(item_text(&page->items[i]), "Person ", 7) == 0)
                seen++;
    }
    /* every row exactly once */
    assert_int_equal(seen, 150);
    for (int i = 1; i <= 150; i++) {
        char want[64];
        snprintf(want, sizeof want, "\"Person %d\"", i);
        assert_int_equal(count_of(p.dump, want), 1);
    }
    /* the caption's number stays the table's own on later pages */
    assert_int_equal(count_of(p.dump, "\"Table 1. \""), p.lay->npages);
    assert_int_equal(count_of(p.dump, "\"Table 2. \""), 0);
    assert_int_equal(count_of(p.dump, "\"(continued)\""), p.lay->npages - 1);
    pipeline_free(&p);
    arena_free(a);
}

static void test_continued_text_from_style_sheet(void **state)
{
    (void)state;
    arena *a = arena_new();
    pipeline p;
    pipeline_run(&p, "long.md", long_table(a, 150, ""),
                 "caption.continued::after { content: \" (suite)\" }");
    assert_int_equal(count_of(p.dump, "(continued)"), 0);
    assert_int_equal(count_of(p.dump, "\"(suite)\""), p.lay->npages - 1);
    pipeline_free(&p);
    /* and without it: display: none on the continued caption */
    pipeline_run(&p, "long.md", long_table(a, 150, ""), "caption.continued { display: none }");
    assert_int_equal(count_of(p.dump, "(continued)"), 0);
    assert_int_equal(count_of(p.dump, "\"Name\""), p.lay->npages);
    pipeline_free(&p);
    arena_free(a);
}

/* Times the word occurs in the text of the pages, and the lowest
 * baseline it sits on. */
static int word_count(const layout_result *lay, const char *word, float *lowest)
{
    int n = 0;
    size_t m = strlen(word);
    for (int pg = 0; pg < lay->npages; pg++)
        for (int k = 0; k < lay->pages[pg].nitems; k++) {
            const dl_item *it = &lay->pages[pg].items[k];
            if (it->kind != DL_TEXT)
                continue;
            const char *t = item_text(it);
            for (const char *s = t; (s = strstr(s, word)) != NULL; s += m) {
                if ((s == t || s[-1] == ' ') && (s[m] == ' ' || s[m] == 0)) {
                    n++;
                    if (lowest && it->y > *lowest)
                        *lowest = it->y;
                }
            }
        }
    return n;
}

/* The bottom of the text column on a page, in page coordinates. */
static float column_bottom(const pipeline *p, int page)
{
    (void)p;
    (void)page;
    return 841.89f - 24 * 72 / 25.4f; /* A4, the default sheet's 24mm margin */
}

static void test_tall_row_splits_inside_cells(void **state)
{
    (void)state;
    arena *a = arena_new();
    strbuf md;
    sb_init(&md, a);
    sb_puts(&md, "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{table}\n:caption: Long\nName,Account\nShort,\"");
    for (int i = 1; i <= 1500; i++)
        sb_printf(&md, "word%d ", i);
    sb_puts(&md, "\"\nAfter,done\n```\n");
    pipeline p;
    pipeline_run(&p, "tall.md", md.data, "td { hyphens: none }");
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    assert_true(p.lay->npages >= 3);
    /* every word once, none below the column's foot */
    for (int i = 1; i <= 1500; i++) {
        char want[32];
        snprintf(want, sizeof want, "word%d", i);
        float lowest = 0;
        int found = word_count(p.lay, want, &lowest);
        if (found != 1)
            fail_msg("word%d appears %d times", i, found);
        assert_true(lowest <= column_bottom(&p, 0));
    }
    assert_int_equal(word_count(p.lay, "After", NULL), 1);
    /* the row began on the first page, right under the header */
    assert_true(first_with(&p.lay->pages[0], "word1 ") >= 0);
    /* and the header came again above its continuation */
    const layout_page *second = &p.lay->pages[1];
    int header = first_with(second, "Name");
    assert_true(header >= 0);
    assert_true(second->items[header].y < second->items[first_with(second, "word")].y);
    pipeline_free(&p);
    arena_free(a);
}

/* A row that would fit a page moves whole to the next one, unless the
 * style sheet lets rows break (break-inside: auto). */
static void test_row_break_inside(void **state)
{
    (void)state;
    arena *a = arena_new();
    strbuf md;
    sb_init(&md, a);
    sb_puts(&md, "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{table}\nName,Text\n");
    for (int i = 1; i <= 30; i++)
        sb_printf(&md, "Row %d,Line\n", i);
    sb_puts(&md, "Tall,\"");
    for (int i = 1; i <= 300; i++)
        sb_printf(&md, "tallword%d ", i);
    sb_puts(&md, "\"\n```\n");
    pipeline p;
    pipeline_run(&p, "rows.md", md.data, "td { hyphens: none }");
    /* avoided: the tall row's words all on one page */
    int first = -1, last = -1;
    for (int pg = 0; pg < p.lay->npages; pg++) {
        if (first_with(&p.lay->pages[pg], "tallword1 ") >= 0)
            first = pg;
        if (first_with(&p.lay->pages[pg], "tallword") >= 0)
            last = pg;
    }
    assert_true(first >= 0);
    assert_int_equal(first, last);
    int avoided_pages = p.lay->npages;
    pipeline_free(&p);

    pipeline_run(&p, "rows.md", md.data, "td { hyphens: none } tr { break-inside: auto }");
    first = last = -1;
    for (int pg = 0; pg < p.lay->npages; pg++) {
        if (first_with(&p.lay->pages[pg], "tallword") >= 0 && first < 0)
            first = pg;
        if (first_with(&p.lay->pages[pg], "tallword") >= 0)
            last = pg;
    }
    assert_true(first >= 0);
    assert_int_equal(last, first + 1);
    assert_true(p.lay->npages <= avoided_pages);
    for (int i = 1; i <= 300; i++) {
        char want[32];
        snprintf(want, sizeof want, "tallword%d", i);
        assert_int_equal(word_count(p.lay, want, NULL), 1);
    }
    pipeline_free(&p);
    arena_free(a);
}

/* Columns whose longest words do not fit: first smaller text, said once;
 * then broken words, said once for the table. */
static void test_too_wide_shrinks_then_breaks(void **state)
{
    (void)state;
    arena *a = arena_new();
    strbuf md;
    sb_init(&md, a);
    sb_puts(&md, "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{table}\n");
    /* 8 columns of 14-letter words: a little too wide at 8.8pt */
    for (int r = 0; r < 3; r++)
        for (int col = 0; col < 8; col++)
            sb_printf(&md, "%sInternationals%s", col ? "," : "", col == 7 ? "\n" : "");
    sb_puts(&md, "```\n");
    pipeline p;
    pipeline_run(&p, "wide.md", md.data, NULL);
    assert_int_equal(p.d.warnings, 1);
    assert_non_null(strstr(p.log, "wide.md:7:1: warning: the table's columns need"));
    assert_non_null(strstr(p.log, "its text is set at"));
    float size = 0;
    float right = 0;
    for (int k = 0; k < p.lay->pages[0].nitems; k++) {
        const dl_item *it = &p.lay->pages[0].items[k];
        if (it->kind == DL_TEXT && strcmp(item_text(it), "Internationals") == 0) {
            size = it->u.text.size;
            right = MAX(right, it->x + item_width(it));
        }
    }
    assert_true(size > 8.8f * 0.79f && size < 8.8f);
    assert_true(right <= 595.28f - 22 * 72 / 25.4f + 0.01f); /* inside the right margin */
    pipeline_free(&p);

    /* 14 columns: even at the smallest size the words must break */
    sb_init(&md, a);
    sb_puts(&md, "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{table}\n");
    for (int r = 0; r < 3; r++)
        for (int col = 0; col < 14; col++)
            sb_printf(&md, "%sInternationals%s", col ? "," : "", col == 13 ? "\n" : "");
    sb_puts(&md, "```\n");
    pipeline_run(&p, "wider.md", md.data, NULL);
    assert_int_equal(p.d.warnings, 1);
    assert_non_null(strstr(p.log, "long words in its cells are broken"));
    right = 0;
    for (int k = 0; k < p.lay->pages[0].nitems; k++) {
        const dl_item *it = &p.lay->pages[0].items[k];
        if (it->kind == DL_TEXT)
            right = MAX(right, it->x + item_width(it));
    }
    assert_true(right <= 595.28f - 22 * 72 / 25.4f + 0.01f);
    pipeline_free(&p);
    arena_free(a);
}

/* :align: r on a column of numbers: their decimal points line up. */
static void test_decimal_alignment(void **state)
{
    (void)state;
    pipeline p;
    pipeline_run(&p, "num.md",
                 "---\ntitle: T\ncover: false\ntoc: false\n---\n\n```{table}\n:align: l r\n"
                 "Item,Amount\nA,1.5\nB,1250.25\nC,100\nD,45.3 %\n```\n",
                 NULL);
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    const layout_page *pg = &p.lay->pages[0];
    const char *cells[] = {"1.5", "1250.25", "45.3 %"};
    float point = -1;
    for (size_t i = 0; i < COUNT_OF(cells); i++) {
        const dl_item *it = find_text(pg, cells[i]);
        assert_non_null(it);
        /* the point's left edge: the item's x plus its integer part */
        dl_item head = *it;
        head.u.text.len = (size_t)(strchr(cells[i], '.') - cells[i]);
        float x = it->x + item_width(&head);
        if (point < 0)
            point = x;
        NEAR(x, point);
    }
    /* a whole number ends where the others' points are */
    const dl_item *hundred = find_text(pg, "100");
    assert_non_null(hundred);
    NEAR(hundred->x + item_width(hundred), point);
    /* and the value with the widest tail (".3 %") ends at the column's
     * right padding */
    const dl_item *widest = find_text(pg, "45.3 %");
    NEAR(widest->x + item_width(widest), 595.28f - 22 * 72 / 25.4f - 5);
    pipeline_free(&p);
}

/* :number-format: one template per column ("-": as written) or one for
 * all; header rows and text stay as they are. */
static void test_number_format_option(void **state)
{
    (void)state;
    pipeline p;
    pipeline_run(&p, "nf.md",
                 "```{table}\n:number-format: - 1,234.0 1.234\n:align: l r r\n"
                 "Year,Fine,Count\n2023,1234567.25,20000\n2024,n/a,1500\n```\n",
                 NULL);
    assert_int_equal(p.d.errors + p.d.warnings, 0);
    const layout_page *pg = &p.lay->pages[0];
    assert_non_null(find_text(pg, "2023"));
    assert_non_null(find_text(pg, "1,234,567.3"));
    assert_non_null(find_text(pg, "n/a"));
    assert_non_null(find_text(pg, "20.000"));
    assert_non_null(find_text(pg, "1.500"));
    pipeline_free(&p);

    pipeline_run(&p, "nf.md", "```{table}\n:number-format: 1 234,5\nYear,Share\n2023,45.25\n```\n", NULL);
    assert_non_null(find_text(&p.lay->pages[0], "2 023,0"));
    assert_non_null(find_text(&p.lay->pages[0], "45,3"));
    assert_non_null(find_text(&p.lay->pages[0], "Year"));
    pipeline_free(&p);

    pipeline_run(&p, "nf.md", "```{table}\n:number-format: 1,234.5 x\nA,B\n1,2\n```\n", NULL);
    assert_int_equal(p.d.warnings, 1);
    assert_non_null(strstr(p.log, "nf.md:2:1: warning: ':number-format:'"));
    pipeline_free(&p);
}

/* Zebra stripes start with the first body row, caption or not. */
static void test_zebra_counts_body_rows(void **state)
{
    (void)state;
    const char *css = "td { padding: 2pt } tr:nth-child(even) td { background-color: #ff0000 }";
    const char *md[] = {
        "| H |\n|---|\n| a |\n| b |\n| c |\n| d |\n",
        "```{table}\n:caption: With a caption\nH\na\nb\nc\nd\n```\n",
    };
    for (size_t k = 0; k < COUNT_OF(md); k++) {
        pipeline p;
        pipeline_run(&p, "z.md", md[k], css);
        const layout_page *pg = &p.lay->pages[0];
        int stripes = 0;
        float y_b = find_text(pg, "b")->y, y_d = find_text(pg, "d")->y;
        for (int i = 0; i < pg->nitems; i++) {
            const dl_item *it = &pg->items[i];
            if (it->kind != DL_RECT || it->u.rect.fill != 0xFF0000FFu)
                continue;
            stripes++;
            /* behind b or d, the second and fourth body rows */
            assert_true((it->y < y_b && it->y + it->h > y_b) || (it->y < y_d && it->y + it->h > y_d));
        }
        assert_int_equal(stripes, 2);
        pipeline_free(&p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_widths_all_fit),
        cmocka_unit_test(test_widths_between_min_and_max),
        cmocka_unit_test(test_widths_minima_too_wide),
        cmocka_unit_test(test_widths_relative),
        cmocka_unit_test(test_widths_fixed),
        cmocka_unit_test(test_decimal_tail),
        cmocka_unit_test(test_header_on_every_page),
        cmocka_unit_test(test_continued_text_from_style_sheet),
        cmocka_unit_test(test_tall_row_splits_inside_cells),
        cmocka_unit_test(test_row_break_inside),
        cmocka_unit_test(test_too_wide_shrinks_then_breaks),
        cmocka_unit_test(test_decimal_alignment),
        cmocka_unit_test(test_number_format_option),
        cmocka_unit_test(test_zebra_counts_body_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
