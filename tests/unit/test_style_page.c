/* Unit tests for page styles: size keywords and orientation, the cascade
 * of @page, :first, :left and :right (mirrored margins, :first outranking
 * the sides), margins in %, em and with no room left, page backgrounds,
 * and margin boxes: content, default alignment per box, inheritance from
 * the page context and the root element. */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef struct {
    test_env env;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    fx->env.doc.root = doc_new(fx->env.a, &fx->env.doc, DOC_DOCUMENT, srcpos_make("t.md", 1, 1));
    doc_node *p = doc_new(fx->env.a, &fx->env.doc, DOC_PARAGRAPH, srcpos_make("t.md", 1, 1));
    doc_append(fx->env.doc.root, p);
    doc_finish(&fx->env.doc);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    test_env_close(&fx->env);
    free(fx);
    return 0;
}

static style_result *run(fixture *fx, const char *css)
{
    style_source src = {"p.css", css, strlen(css)};
    style_result *r = style_compute(fx->env.a, &fx->env.d, NULL, &fx->env.doc, &src, 1);
    assert_non_null(r);
    return r;
}

static bool near(float a, float b)
{
    return a - b < 0.01f && b - a < 0.01f;
}

#define MM(x) ((x) * 72.0f / 25.4f)
#define PG(r, first, side) style_page((r), (first), (side))

static void assert_margins(const page_style *p, float t, float r, float b, float l)
{
    if (!near(p->margin[SIDE_TOP], t) || !near(p->margin[SIDE_RIGHT], r) ||
        !near(p->margin[SIDE_BOTTOM], b) || !near(p->margin[SIDE_LEFT], l))
        fail_msg("margins %g %g %g %g, want %g %g %g %g", (double)p->margin[0], (double)p->margin[1],
                 (double)p->margin[2], (double)p->margin[3], (double)t, (double)r, (double)b, (double)l);
}

static void test_defaults(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "");
    for (int first = 0; first < 2; first++) {
        for (int side = 0; side < 2; side++) {
            const page_style *p = PG(r, first, (page_side)side);
            assert_true(near(p->width, MM(210)));
            assert_true(near(p->height, MM(297)));
            assert_margins(p, 56.25f, 56.25f, 56.25f, 56.25f);
            assert_int_equal(p->background, 0);
            for (int b = 0; b < MB_COUNT; b++)
                assert_null(p->boxes[b].content);
        }
    }
    assert_ptr_equal(PG(r, true, PAGE_LEFT), &r->page[1][1]);
    assert_ptr_equal(PG(r, false, PAGE_RIGHT), &r->page[0][0]);
}

static void test_sizes(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *size;
        float w, h;
    } cases[] = {
        {"A4", MM(210), MM(297)}, {"A3", MM(297), MM(420)}, {"A5", MM(148), MM(210)},
        {"B5", MM(176), MM(250)}, {"letter", 612, 792}, {"legal", 612, 1008}, {"ledger", 792, 1224},
        {"landscape", MM(297), MM(210)}, {"A4 landscape", MM(297), MM(210)},
        {"landscape letter", 792, 612}, {"portrait", MM(210), MM(297)},
        {"ledger portrait", 792, 1224}, {"ledger landscape", 1224, 792},
        {"15cm", MM(150), MM(150)}, {"8.5in 11in", 612, 792}, {"11in 8.5in", 792, 612},
        {"auto", MM(210), MM(297)},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char css[96];
        snprintf(css, sizeof css, "@page { size: %s; margin: 1cm }", cases[i].size);
        style_result *r = run(fx, css);
        const page_style *p = PG(r, false, PAGE_RIGHT);
        if (!near(p->width, cases[i].w) || !near(p->height, cases[i].h))
            fail_msg("size: %s gave %g x %g", cases[i].size, (double)p->width, (double)p->height);
    }
    assert_string_equal(test_env_log(&fx->env), "");
    /* zero or negative sizes are invalid: the default stays */
    style_result *r = run(fx, "@page { size: 0 10cm } @page { size: -1in }");
    assert_true(near(PG(r, false, PAGE_RIGHT)->width, MM(210)));
    assert_non_null(strstr(test_env_log(&fx->env), "p.css:1:9: warning: invalid value for 'size': '0 10cm' (a page size must be positive)"));
}

static void test_first_left_right(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "@page { margin: 20mm }\n"
                              "@page :left { margin-left: 30mm; margin-right: 10mm }\n"
                              "@page :right { margin-left: 10mm; margin-right: 30mm }\n"
                              "@page :first { margin-top: 50mm }\n");
    assert_margins(PG(r, false, PAGE_RIGHT), MM(20), MM(30), MM(20), MM(10));
    assert_margins(PG(r, false, PAGE_LEFT), MM(20), MM(10), MM(20), MM(30));
    assert_margins(PG(r, true, PAGE_RIGHT), MM(50), MM(30), MM(20), MM(10));
    assert_margins(PG(r, true, PAGE_LEFT), MM(50), MM(10), MM(20), MM(30));
    /* :first outranks :left/:right whatever the order; later wins at a tie */
    r = run(fx, "@page :first { margin-left: 9mm } @page :right { margin-left: 1mm }"
                " @page :left { margin-left: 2mm } @page :left { margin-left: 3mm }"
                " @page { margin-right: 7mm !important } @page :right { margin-right: 8mm }");
    assert_true(near(PG(r, true, PAGE_RIGHT)->margin[SIDE_LEFT], MM(9)));
    assert_true(near(PG(r, true, PAGE_LEFT)->margin[SIDE_LEFT], MM(9)));
    assert_true(near(PG(r, false, PAGE_RIGHT)->margin[SIDE_LEFT], MM(1)));
    assert_true(near(PG(r, false, PAGE_LEFT)->margin[SIDE_LEFT], MM(3)));
    assert_true(near(PG(r, false, PAGE_RIGHT)->margin[SIDE_RIGHT], MM(7)));
    /* :first:left is more specific than :first */
    r = run(fx, "@page :first:left { margin-top: 1mm } @page :first { margin-top: 2mm }");
    assert_true(near(PG(r, true, PAGE_LEFT)->margin[SIDE_TOP], MM(1)));
    assert_true(near(PG(r, true, PAGE_RIGHT)->margin[SIDE_TOP], MM(2)));
    assert_true(near(PG(r, false, PAGE_LEFT)->margin[SIDE_TOP], 56.25f));
    /* size differs on the first page */
    r = run(fx, "@page { size: A4 } @page :first { size: A4 landscape }");
    assert_true(near(PG(r, true, PAGE_RIGHT)->width, MM(297)));
    assert_true(near(PG(r, false, PAGE_RIGHT)->width, MM(210)));
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_margin_units_and_room(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "@page { size: 400pt 800pt; margin: 10% }");
    assert_margins(PG(r, false, PAGE_RIGHT), 80, 40, 80, 40);
    r = run(fx, "body { font-size: 8pt } @page { font-size: 10pt; margin: 2em 1rem 0 1in }");
    assert_margins(PG(r, false, PAGE_RIGHT), 20, 8, 0, 72);
    assert_string_equal(test_env_log(&fx->env), "");
    r = run(fx, "@page { size: 300pt 300pt; margin: 100pt 200pt }");
    assert_margins(PG(r, false, PAGE_RIGHT), 100, 56.25f, 100, 56.25f);
    assert_non_null(strstr(test_env_log(&fx->env), "p.css:1:28: warning: the page's left and right margins leave no room for content; they are ignored"));
    r = run(fx, "@page { size: 100pt 100pt; margin-top: 60pt; margin-bottom: 40pt }");
    assert_margins(PG(r, false, PAGE_RIGHT), 0, 0, 0, 0);
    r = run(fx, "@page { margin-left: -1cm }");
    assert_true(near(PG(r, false, PAGE_RIGHT)->margin[SIDE_LEFT], 56.25f));
    assert_non_null(strstr(test_env_log(&fx->env), "negative page margin"));
}

static void test_background_and_context(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "@page { background: #fafafa } @page :first { background-color: white }");
    assert_int_equal(PG(r, false, PAGE_LEFT)->background, 0xFAFAFAFFu);
    assert_int_equal(PG(r, true, PAGE_LEFT)->background, 0xFFFFFFFFu);
    /* % margins of elements follow the page's content width */
    r = run(fx, "@page { size: 500pt 500pt; margin: 0 50pt } p { margin-left: 10% }");
    assert_true(near(style_of(r, fx->env.doc.root->first)->margin[SIDE_LEFT], 40));
}

static void test_margin_boxes(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx,
        "body { font-family: PT Sans; font-size: 11pt; color: #333 }\n"
        "@page { font-size: 9pt; text-align: right;\n"
        "  @top-center { content: \"Dossier — \" string(title) }\n"
        "  @bottom-right { content: counter(page) \" / \" counter(pages); color: red; vertical-align: top }\n"
        "  @bottom-left { content: normal }\n"
        "  @left-middle { content: none }\n"
        "  @top-left { font-size: 20pt }\n"
        "  @right-top { content: \"r\"; text-align: left; border-bottom: 1pt solid }\n"
        "}\n"
        "@page :first { @top-center { content: none } @top-right-corner { content: 'c' } }\n");
    const page_style *p = PG(r, false, PAGE_RIGHT);
    const margin_box *tc = &p->boxes[MB_TOP_CENTER];
    assert_non_null(tc->content);
    assert_int_equal(tc->content->kind, CONTENT_TEXT);
    assert_string_equal(tc->content->text, "Dossier — ");
    assert_int_equal(tc->content->next->kind, CONTENT_STRING);
    assert_string_equal(tc->content->next->text, "title");
    assert_int_equal(tc->style->align, TEXT_CENTER);       /* the box's own default beats inheritance */
    assert_int_equal(tc->style->valign, VALIGN_MIDDLE);
    assert_true(near(tc->style->font_size, 9));             /* from the page context */
    assert_string_equal(tc->style->font_family, "PT Sans"); /* from the root element */
    assert_int_equal(tc->style->color, 0x333333FFu);
    const margin_box *br = &p->boxes[MB_BOTTOM_RIGHT];
    assert_int_equal(br->content->kind, CONTENT_COUNTER);
    assert_string_equal(br->content->text, "page");
    assert_string_equal(br->content->next->text, " / ");
    assert_int_equal(br->content->next->next->kind, CONTENT_PAGES);
    assert_int_equal(br->style->color, 0xFF0000FFu);
    assert_int_equal(br->style->align, TEXT_RIGHT);
    assert_int_equal(br->style->valign, VALIGN_TOP);
    assert_null(p->boxes[MB_BOTTOM_LEFT].content);  /* content: normal */
    assert_null(p->boxes[MB_LEFT_MIDDLE].content);  /* content: none */
    assert_null(p->boxes[MB_TOP_LEFT].content);     /* no content at all */
    const margin_box *rt = &p->boxes[MB_RIGHT_TOP];
    assert_int_equal(rt->style->align, TEXT_LEFT);
    assert_int_equal(rt->style->valign, VALIGN_TOP);
    assert_int_equal(rt->style->border[SIDE_BOTTOM].style, BORDER_SOLID);
    assert_int_equal(rt->style->border[SIDE_BOTTOM].color, 0x333333FFu);
    /* the first page drops one box and adds another */
    const page_style *f = PG(r, true, PAGE_LEFT);
    assert_null(f->boxes[MB_TOP_CENTER].content);
    assert_non_null(f->boxes[MB_BOTTOM_RIGHT].content);
    assert_string_equal(f->boxes[MB_TOP_RIGHT_CORNER].content->text, "c");
    assert_int_equal(f->boxes[MB_TOP_RIGHT_CORNER].style->align, TEXT_LEFT);
    assert_null(p->boxes[MB_TOP_RIGHT_CORNER].content);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_box_default_alignment(void **state)
{
    fixture *fx = *state;
    static const char *const names[MB_COUNT] = {
        "top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
        "right-top", "right-middle", "right-bottom", "bottom-right-corner", "bottom-right",
        "bottom-center", "bottom-left", "bottom-left-corner", "left-bottom", "left-middle",
        "left-top",
    };
    static const text_align align[MB_COUNT] = {
        TEXT_RIGHT, TEXT_LEFT, TEXT_CENTER, TEXT_RIGHT, TEXT_LEFT, TEXT_CENTER, TEXT_CENTER,
        TEXT_CENTER, TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER, TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER,
        TEXT_CENTER, TEXT_CENTER,
    };
    static const vertical_align valign[MB_COUNT] = {
        VALIGN_MIDDLE, VALIGN_MIDDLE, VALIGN_MIDDLE, VALIGN_MIDDLE, VALIGN_MIDDLE, VALIGN_TOP,
        VALIGN_MIDDLE, VALIGN_BOTTOM, VALIGN_MIDDLE, VALIGN_MIDDLE, VALIGN_MIDDLE, VALIGN_MIDDLE,
        VALIGN_MIDDLE, VALIGN_BOTTOM, VALIGN_MIDDLE, VALIGN_TOP,
    };
    strbuf sb;
    sb_init(&sb, fx->env.a);
    sb_puts(&sb, "@page {");
    for (int k = 0; k < MB_COUNT; k++)
        sb_printf(&sb, " @%s { content: \"%s\" }", names[k], names[k]);
    sb_puts(&sb, " }");
    style_result *r = run(fx, sb.data);
    const page_style *p = PG(r, false, PAGE_LEFT);
    for (int k = 0; k < MB_COUNT; k++) {
        assert_string_equal(p->boxes[k].content->text, names[k]);
        assert_int_equal(p->boxes[k].style->align, align[k]);
        assert_int_equal(p->boxes[k].style->valign, valign[k]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_left_right, setup, teardown),
        cmocka_unit_test_setup_teardown(test_margin_units_and_room, setup, teardown),
        cmocka_unit_test_setup_teardown(test_background_and_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_margin_boxes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_box_default_alignment, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
