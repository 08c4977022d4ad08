/* Unit tests for --dump=style: the exact text for a small document (a
 * golden test: deterministic, fixed property order, %g numbers), the font
 * line with real faces, and that every element gets one line. */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef struct {
    test_env env;
} fixture;

/* body > h2, p.lead.intro > (text, strong), ol > li x2, table > tr > td.num */
static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    doc_node *body = test_node(&fx->env, NULL, DOC_DOCUMENT, NULL);
    doc_node *h = test_node(&fx->env, body, DOC_HEADING, NULL);
    h->u.heading.level = 2;
    test_node(&fx->env, h, DOC_TEXT, NULL);
    doc_node *p = test_node(&fx->env, body, DOC_PARAGRAPH, "lead intro");
    test_node(&fx->env, p, DOC_TEXT, NULL);
    test_node(&fx->env, test_node(&fx->env, p, DOC_STRONG, NULL), DOC_TEXT, NULL);
    doc_node *ol = test_node(&fx->env, body, DOC_LIST, NULL);
    ol->u.list.ordered = true;
    for (int i = 0; i < 2; i++)
        test_node(&fx->env, test_node(&fx->env, ol, DOC_ITEM, NULL), DOC_TEXT, NULL);
    doc_node *t = test_node(&fx->env, body, DOC_TABLE, NULL);
    test_node(&fx->env, test_node(&fx->env, t, DOC_TABLE_ROW, NULL), DOC_TABLE_CELL, "num");
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

static char *dump(fixture *fx, font_lib *fonts, const char *css)
{
    style_source src = {"p.css", css, strlen(css)};
    style_result *r = style_compute(fx->env.a, &fx->env.d, fonts, &fx->env.doc, &src, 1);
    assert_non_null(r);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    style_dump(f, &fx->env.doc, r);
    fclose(f);
    char *copy = arena_strdup(fx->env.a, buf);
    free(buf);
    return copy;
}

static const char sheet[] =
    "body { font: 10pt/1.4 \"PT Serif\", serif; color: #222 }\n"
    "h2 { font-size: 1.4em; font-weight: bold; margin: 1em 0 0.5em; string-set: title content(); break-after: avoid; text-transform: uppercase; letter-spacing: 0.05em }\n"
    "p.lead { text-align: justify; hyphens: auto; text-indent: 1em; border-left: 2pt solid rgba(0,0,255,.5); padding-left: 6pt }\n"
    "strong { text-decoration: underline; font-style: italic }\n"
    "ol { list-style-type: lower-roman; counter-reset: item; margin-left: auto }\n"
    "li { counter-increment: item 2 } li::marker { color: gray } li:first-child::before { content: \"\\201C\" counter(item, upper-alpha) } li::after { content: leader(dotted) target-counter(attr(href), page) }\n"
    "td.num { text-align: right; width: 20%; background: #eee; border: 1px solid black; white-space: nowrap; vertical-align: middle; display: none }\n"
    "@page { size: A5; margin: 15mm 20mm; background: ivory; @bottom-center { content: counter(page) \" / \" counter(pages); font-size: 8pt } }\n"
    "@page :first { @bottom-center { content: none } @top-right { content: string(title) } }";

static const char golden[] =
    "body @1:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; }\n"
    "  h2 @2:1 { font: 700 normal 14pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-transform: uppercase; letter-spacing: 0.7pt; margin: 14pt 0pt 7pt 0pt; break-after: avoid; string-set: title content(); }\n"
    "  p.lead.intro @4:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: justify; text-indent: 10pt; hyphens: auto; padding: 0pt 0pt 0pt 6pt; border-left: 2pt solid #0000ff80; }\n"
    "    strong @6:1 { font: 400 italic 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: justify; text-indent: 10pt; hyphens: auto; text-decoration: underline #222222; }\n"
    "  ol @8:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; list-style-type: lower-roman; margin: 0pt 0pt 0pt auto; counter-reset: item 0; }\n"
    "    li @9:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; list-style-type: lower-roman; counter-increment: item 2; }\n"
    "      ::before { content: \"“\" counter(item, upper-alpha); }\n"
    "      ::after { content: leader(\". \") target-counter(attr(href), page); }\n"
    "      ::marker { color: #808080; }\n"
    "    li @11:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; list-style-type: lower-roman; counter-increment: item 2; }\n"
    "      ::after { content: leader(\". \") target-counter(attr(href), page); }\n"
    "      ::marker { color: #808080; }\n"
    "  table @13:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; }\n"
    "    tr @14:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; }\n"
    "      td.num @15:1 { font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: right; white-space: nowrap; display: none; background-color: #eeeeee; border: 0.75pt solid #000000; width: 20%; vertical-align: middle; }\n"
    "@page :right { size: 419.528pt 595.276pt; margin: 42.5197pt 56.6929pt 42.5197pt 56.6929pt; background-color: #fffff0; }\n"
    "  @bottom-center { content: counter(page) \" / \" counter(pages); font: 400 normal 8pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: center; vertical-align: middle; }\n"
    "@page :left { size: 419.528pt 595.276pt; margin: 42.5197pt 56.6929pt 42.5197pt 56.6929pt; background-color: #fffff0; }\n"
    "  @bottom-center { content: counter(page) \" / \" counter(pages); font: 400 normal 8pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: center; vertical-align: middle; }\n"
    "@page :first:right { size: 419.528pt 595.276pt; margin: 42.5197pt 56.6929pt 42.5197pt 56.6929pt; background-color: #fffff0; }\n"
    "  @top-right { content: string(title); font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: right; vertical-align: middle; }\n"
    "@page :first:left { size: 419.528pt 595.276pt; margin: 42.5197pt 56.6929pt 42.5197pt 56.6929pt; background-color: #fffff0; }\n"
    "  @top-right { content: string(title); font: 400 normal 10pt \"PT Serif, serif\" (no face); line-height: 1.4; color: #222222; text-align: right; vertical-align: middle; }\n";

static void test_golden(void **state)
{
    fixture *fx = *state;
    char *out = dump(fx, NULL, sheet);
    if (strcmp(out, golden) != 0)
        fail_msg("dump differs:\n%s", out);
    assert_int_equal(fx->env.d.warnings, 0);
    /* the same input gives the same text */
    assert_string_equal(dump(fx, NULL, sheet), out);
}

static void test_no_sheet(void **state)
{
    fixture *fx = *state;
    char *out = dump(fx, NULL, "");
    /* one line per element, nothing differs from the initial values */
    assert_non_null(strstr(out, "body @1:1 { }\n  h2 @2:1 { }\n  p.lead.intro @4:1 { }\n    strong @6:1 { }\n"));
    assert_non_null(strstr(out, "@page :right { size: 595.276pt 841.89pt; margin: 56.25pt 56.25pt 56.25pt 56.25pt; }\n"));
    int lines = 0;
    for (const char *c = out; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 10 + 4);
}

static void test_font_line_with_faces(void **state)
{
    fixture *fx = *state;
    font_lib *fonts = font_lib_new(fx->env.a, &fx->env.d, TEST_FONTS_DIR);
    assert_non_null(fonts);
    char *out = dump(fx, fonts, "body { font-family: PT Sans } strong { font-weight: bold; font-style: italic }");
    assert_non_null(strstr(out, "body @1:1 { font: 400 normal 12pt \"PT Sans\" (PTSans-Regular); }\n"));
    assert_non_null(strstr(out, "strong @6:1 { font: 700 italic 12pt \"PT Sans\" (PTSans-BoldItalic); }\n"));
    font_lib_free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_golden, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_font_line_with_faces, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
