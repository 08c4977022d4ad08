/* Unit tests for the style sheet parser: rules and declarations,
 * !important, error recovery as CSS does it, at-rules (@media, @page with
 * its sixteen margin boxes, unsupported ones), nesting bounds and the
 * text of diagnostics. */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef struct {
    test_env env;
    css_ctx cx;
    css_sheet sh;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    css_ctx_init(&fx->cx, fx->env.a, &fx->env.d);
    css_sheet_init(&fx->sh);
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

static void parse(fixture *fx, const char *css)
{
    style_source src = {"t.css", css, strlen(css)};
    css_parse_sheet(&fx->cx, &src, &fx->sh);
}

static const css_rule *rule(fixture *fx, size_t i)
{
    assert_true(i < fx->sh.rules.len);
    return &VEC_AT(&fx->sh.rules, css_rule, i);
}

static const css_page_rule *page(fixture *fx, size_t i)
{
    assert_true(i < fx->sh.pages.len);
    return &VEC_AT(&fx->sh.pages, css_page_rule, i);
}

static void test_rules_and_declarations(void **state)
{
    fixture *fx = *state;
    parse(fx, "p, li { color: red; margin-top: 2pt !important; }\n"
              "h1{font-size:20pt!IMPORTANT;font-weight : bold ! important}");
    assert_int_equal(fx->sh.rules.len, 2);
    const css_rule *r = rule(fx, 0);
    assert_int_equal(r->nsels, 2);
    assert_int_equal(r->ndecls, 2);
    assert_int_equal(r->decls[0].prop, P_COLOR);
    assert_false(r->decls[0].important);
    assert_int_equal(r->decls[0].pos.line, 1);
    assert_int_equal(r->decls[0].pos.col, 9);
    assert_int_equal(r->decls[1].prop, P_MARGIN_TOP);
    assert_true(r->decls[1].important);
    assert_true(r->decls[1].v.num == 2.0f);
    const css_rule *h = rule(fx, 1);
    assert_int_equal(h->ndecls, 2);
    assert_true(h->decls[0].important);
    assert_true(h->decls[1].important);
    assert_int_equal(h->decls[1].v.kw, 700);
    assert_true(r->order < h->order);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_shorthand_expansion(void **state)
{
    fixture *fx = *state;
    parse(fx, "p { margin: 1pt 2pt; border-left: thick dashed blue; font: italic 10pt/1.5 serif }");
    const css_rule *r = rule(fx, 0);
    /* 4 margins, 3 border-left longhands, 5 font longhands */
    assert_int_equal(r->ndecls, 12);
    assert_int_equal(r->decls[0].prop, P_MARGIN_TOP);
    assert_int_equal(r->decls[3].prop, P_MARGIN_LEFT);
    assert_true(r->decls[3].v.num == 2.0f);
    assert_int_equal(r->decls[4].prop, P_BORDER_LEFT_WIDTH);
    assert_true(r->decls[4].v.num == 3.75f);
    assert_int_equal(r->decls[5].v.kw, BORDER_DASHED);
    assert_int_equal(r->decls[6].v.color, 0x0000FFFFu);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_bad_declaration_recovery(void **state)
{
    fixture *fx = *state;
    parse(fx, "p { color: red; margin-top: foo; x: {a;b}; padding-top: 2pt; 12: 3; color }\n"
              "q { color: blue }");
    assert_int_equal(fx->sh.rules.len, 2);
    const css_rule *r = rule(fx, 0);
    assert_int_equal(r->ndecls, 2);
    assert_int_equal(r->decls[0].prop, P_COLOR);
    assert_int_equal(r->decls[1].prop, P_PADDING_TOP);
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "t.css:1:17: warning: invalid value for 'margin-top': 'foo'"));
    assert_non_null(strstr(log, "t.css:1:34: warning: unknown property 'x'"));
    assert_non_null(strstr(log, "t.css:1:62: warning: expected a property name, found '12'"));
    assert_non_null(strstr(log, "t.css:1:69: warning: expected ':' after 'color'"));
    assert_int_equal(rule(fx, 1)->ndecls, 1);
}

static void test_bad_selector_drops_rule(void **state)
{
    fixture *fx = *state;
    parse(fx, "p, h1 > #x { color: red }\nli:hover { color: red }\nq { color: blue }\n"
              "a + b { color: red } [x] { color: red } p::first-line { color: red }");
    assert_int_equal(fx->sh.rules.len, 1);
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "t.css:1:9: warning: id selectors are not supported (use a class) in selector 'h1 > #x'"));
    assert_non_null(strstr(log, "t.css:2:4: warning: unknown pseudo-class ':hover' in selector 'li:hover'; rule skipped"));
    assert_non_null(strstr(log, "sibling combinator '+' is not supported"));
    assert_non_null(strstr(log, "attribute selectors are not supported"));
    assert_non_null(strstr(log, "unsupported pseudo-element '::first-line'"));
}

static void test_unbalanced_and_eof(void **state)
{
    fixture *fx = *state;
    /* the ( is never closed: it swallows the rest, as in CSS */
    parse(fx, "p { color: red; margin: ( } q { color: blue }");
    assert_int_equal(fx->sh.rules.len, 1);
    assert_int_equal(rule(fx, 0)->ndecls, 1);
    /* EOF closes the open block; the last declaration counts */
    parse(fx, "h1 { color: red; font-size: 20pt");
    assert_int_equal(fx->sh.rules.len, 2);
    assert_int_equal(rule(fx, 1)->ndecls, 2);
    /* a selector without a block */
    parse(fx, "h2 { color: red } h3");
    assert_int_equal(fx->sh.rules.len, 3);
    assert_non_null(strstr(test_env_log(&fx->env), "expected '{' after 'h3'"));
    /* stray closers at the top level belong to the next prelude */
    parse(fx, "] h4 { color: red } h5 { color: red }");
    assert_int_equal(fx->sh.rules.len, 4);
}

static void test_recovery_after_syntax_error(void **state)
{
    fixture *fx = *state;
    parse(fx, "p { color: red;; ; } @@@ ; h1 { color: \"unterminated\n } h2 { color: green }");
    const css_rule *last = rule(fx, fx->sh.rules.len - 1);
    assert_int_equal(last->ndecls, 1);
    assert_int_equal(last->decls[0].v.color, 0x008000FFu);
}

static void test_media(void **state)
{
    fixture *fx = *state;
    parse(fx, "@media print { p { color: red } }\n"
              "@media screen { p { color: blue } }\n"
              "@media all { h1 { color: red } }\n"
              "@media screen, print { h2 { color: red } }\n"
              "@media not print { h3 { color: red } }\n"
              "@media not screen { h4 { color: red } }\n"
              "@media only print { h5 { color: red } }\n"
              "@media print { @media all { h6 { color: red } } }\n");
    /* p, h1, h2, h4, h5, h6 */
    assert_int_equal(fx->sh.rules.len, 6);
    assert_string_equal(test_env_log(&fx->env), "");
    parse(fx, "@media print and (min-width: 10cm) { p { color: red } }");
    assert_int_equal(fx->sh.rules.len, 6);
    assert_non_null(strstr(test_env_log(&fx->env), "t.css:1:8: warning: media features are not supported"));
}

static void test_deep_nesting_is_bounded(void **state)
{
    fixture *fx = *state;
    strbuf sb;
    sb_init(&sb, fx->env.a);
    for (int i = 0; i < 500; i++)
        sb_puts(&sb, "@media print {");
    sb_puts(&sb, "p { color: red }");
    parse(fx, sb.data);
    assert_int_equal(fx->sh.rules.len, 0);
    assert_non_null(strstr(test_env_log(&fx->env), "nested more than 64 deep"));
    /* the same depth of plain blocks and parentheses is only skipped */
    sb_clear(&sb);
    sb_puts(&sb, "p { color: red; x: ");
    for (int i = 0; i < 100000; i++)
        sb_puts(&sb, "({[");
    parse(fx, sb.data);
    assert_int_equal(fx->sh.rules.len, 1);
}

static void test_unsupported_at_rules(void **state)
{
    fixture *fx = *state;
    parse(fx, "@charset \"utf-8\";\n@import url(x.css);\n@font-face { font-family: X; src: url(x.ttf) }\n"
              "@namespace svg url(x);\n@keyframes k { from { color: red } }\np { color: red }");
    assert_int_equal(fx->sh.rules.len, 1);
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "t.css:2:1: warning: unsupported at-rule '@import' (add the sheet with -s instead); skipped"));
    assert_non_null(strstr(log, "t.css:3:1: warning: unsupported at-rule '@font-face'"));
    assert_non_null(strstr(log, "t.css:4:1: warning: unsupported at-rule '@namespace'"));
    assert_non_null(strstr(log, "t.css:5:1: warning: unsupported at-rule '@keyframes'"));
    assert_null(strstr(log, "charset"));
    /* an at-rule inside a style rule is skipped to its end */
    parse(fx, "p { @media print { x: y } color: blue }");
    assert_int_equal(rule(fx, 1)->ndecls, 1);
}

static void test_page_rules(void **state)
{
    fixture *fx = *state;
    parse(fx, "@page { size: A4; margin: 2cm }\n"
              "@page :first { margin-top: 4cm }\n"
              "@page :left { margin-left: 3cm } @page :right, :first:left { margin-right: 3cm }\n"
              "@page named { margin: 0 } @page :blank { margin: 0 } @page :nope { margin: 0 }");
    assert_int_equal(fx->sh.pages.len, 4);
    assert_int_equal(page(fx, 0)->nsels, 1);
    assert_int_equal(page(fx, 0)->sels[0].mask, 0);
    assert_int_equal(page(fx, 0)->ndecls, 5);
    assert_int_equal(page(fx, 1)->sels[0].mask, PAGE_SEL_FIRST);
    assert_int_equal(page(fx, 1)->sels[0].spec, CSS_SPEC(1, 0));
    assert_int_equal(page(fx, 2)->sels[0].mask, PAGE_SEL_LEFT);
    assert_int_equal(page(fx, 2)->sels[0].spec, CSS_SPEC(0, 1));
    assert_int_equal(page(fx, 3)->nsels, 2);
    assert_int_equal(page(fx, 3)->sels[1].mask, PAGE_SEL_FIRST | PAGE_SEL_LEFT);
    assert_int_equal(page(fx, 3)->sels[1].spec, CSS_SPEC(1, 1));
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "named pages ('@page named') are not supported"));
    assert_non_null(strstr(log, "':blank' pages are not supported"));
    assert_non_null(strstr(log, "unknown page pseudo-class ':nope'"));
}

static void test_sixteen_margin_boxes(void **state)
{
    fixture *fx = *state;
    static const char *const names[MB_COUNT] = {
        "top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
        "right-top", "right-middle", "right-bottom", "bottom-right-corner", "bottom-right",
        "bottom-center", "bottom-left", "bottom-left-corner", "left-bottom", "left-middle",
        "left-top",
    };
    strbuf sb;
    sb_init(&sb, fx->env.a);
    sb_puts(&sb, "@page { margin: 1in;\n");
    for (int k = 0; k < MB_COUNT; k++)
        sb_printf(&sb, "  @%s { content: \"%d\" }\n", names[k], k);
    sb_puts(&sb, "  @top-middle { content: \"x\" }\n  color: red;\n}");
    parse(fx, sb.data);
    const css_page_rule *pr = page(fx, 0);
    for (int k = 0; k < MB_COUNT; k++) {
        assert_int_equal(pr->nbox[k], 1);
        assert_int_equal(pr->box[k][0].prop, P_CONTENT);
        const content_part *c = pr->box[k][0].v.ptr;
        char want[16];
        snprintf(want, sizeof want, "%d", k);
        assert_string_equal(c->text, want);
    }
    /* declarations after the margin boxes still belong to the page */
    assert_int_equal(pr->ndecls, 5);
    assert_int_equal(pr->decls[4].prop, P_COLOR);
    assert_non_null(strstr(test_env_log(&fx->env), "t.css:18:3: warning: unsupported at-rule '@top-middle' (not a margin box)"));
}

static void test_where_properties_belong(void **state)
{
    fixture *fx = *state;
    parse(fx, "p { size: A4 } @page { padding: 1cm; size: letter; font-size: 9pt }");
    assert_int_equal(rule(fx, 0)->ndecls, 0);
    assert_int_equal(page(fx, 0)->ndecls, 2);
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "'size' applies only inside @page"));
    assert_non_null(strstr(log, "'padding' has no effect in @page"));
}

static void test_unknown_property_suggestion(void **state)
{
    fixture *fx = *state;
    parse(fx, "p {\n  colour: red;\n  marginn-top: 1pt;\n  zzzz: 1;\n  float: left;\n}");
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "t.css:2:3: warning: unknown property 'colour'\nt.css:2:3: note: did you mean 'color'?\n"));
    assert_non_null(strstr(log, "t.css:3:3: warning: unknown property 'marginn-top'\nt.css:3:3: note: did you mean 'margin-top'?\n"));
    assert_non_null(strstr(log, "t.css:4:3: warning: unknown property 'zzzz'\n"));
    assert_non_null(strstr(log, "t.css:5:3: warning: property 'float' is not supported; ignored\n"));
    assert_int_equal(fx->env.d.warnings, 4);
}

static void test_strict_turns_warnings_into_errors(void **state)
{
    fixture *fx = *state;
    fx->env.d.strict = true;
    parse(fx, "p { colour: red }");
    assert_int_equal(fx->env.d.errors, 1);
    assert_non_null(strstr(test_env_log(&fx->env), "t.css:1:5: error: unknown property 'colour'"));
}

static void test_invalid_values(void **state)
{
    fixture *fx = *state;
    parse(fx, "p { margin-top: 12; padding: -1pt; font-size: 3furlongs; color: #12; width: -5pt;"
              " border: solid solid; display: flex; orphans: 0; content: attr(x); font-weight: 1001 }");
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "invalid value for 'margin-top': '12' (a length needs a unit"));
    assert_non_null(strstr(log, "invalid value for 'padding': '-1pt' (may not be negative)"));
    assert_non_null(strstr(log, "invalid value for 'font-size': '3furlongs'"));
    assert_non_null(strstr(log, "invalid value for 'color': '#12'"));
    assert_non_null(strstr(log, "negative width '-5pt' clamped to 0"));
    assert_non_null(strstr(log, "invalid value for 'border': 'solid solid'"));
    assert_non_null(strstr(log, "invalid value for 'display': 'flex'"));
    assert_non_null(strstr(log, "invalid value for 'orphans': '0'"));
    assert_non_null(strstr(log, "invalid value for 'content': 'attr(x)' (attr() is not supported here)"));
    assert_non_null(strstr(log, "invalid value for 'font-weight': '1001'"));
    parse(fx, "p { margin-top: 1e30pt; padding: 2e6em }");
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'margin-top': '1e30pt' (out of range)"));
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'padding': '2e6em' (out of range)"));
    /* only the clamped width survived */
    assert_int_equal(rule(fx, 0)->ndecls, 1);
    assert_int_equal(rule(fx, 0)->decls[0].prop, P_WIDTH);
    assert_true(rule(fx, 0)->decls[0].v.num == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rules_and_declarations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shorthand_expansion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_declaration_recovery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_selector_drops_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unbalanced_and_eof, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recovery_after_syntax_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_media, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting_is_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsupported_at_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sixteen_margin_boxes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_where_properties_belong, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_property_suggestion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strict_turns_warnings_into_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_values, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
