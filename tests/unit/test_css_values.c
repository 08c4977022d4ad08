/* Unit tests for component values: every length unit, every colour syntax
 * and the named colours, content / string-set / counter values, page
 * sizes, and the counter formatting layout uses for list markers. */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef struct {
    test_env env;
    css_ctx cx;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    css_ctx_init(&fx->cx, fx->env.a, &fx->env.d);
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

static void load(fixture *fx, const char *text)
{
    css_tokens t;
    css_tokenize(fx->env.a, &fx->env.d, "t.css", text, strlen(text), &t);
    fx->cx.file = "t.css";
    fx->cx.text = text;
    fx->cx.t = t.t;
    fx->cx.nt = t.n;
}

static bool near(float a, float b)
{
    return a - b < 0.001f && b - a < 0.001f;
}

static bool length_of(fixture *fx, const char *text, bool pct, css_value *v)
{
    load(fx, text);
    return css_length(&fx->cx.t[0], pct, v);
}

static void test_length_units(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *s;
        float pt;
    } abs[] = {
        {"1in", 72}, {"2.54cm", 72}, {"25.4mm", 72}, {"16px", 12}, {"6pc", 72}, {"72pt", 72},
        {"101.6q", 72}, {"1IN", 72}, {"0", 0}, {"-3pt", -3}, {"0.5in", 36},
    };
    for (size_t i = 0; i < COUNT_OF(abs); i++) {
        css_value v;
        if (!length_of(fx, abs[i].s, false, &v) || v.unit != U_PT || !near(v.num, abs[i].pt))
            fail_msg("%s gave %g", abs[i].s, (double)v.num);
    }
    css_value v;
    assert_true(length_of(fx, "1.5em", false, &v));
    assert_int_equal(v.unit, U_EM);
    assert_true(near(css_resolve_len(&v, 10, 12, 100), 15));
    assert_true(length_of(fx, "2rem", false, &v));
    assert_int_equal(v.unit, U_REM);
    assert_true(near(css_resolve_len(&v, 10, 12, 100), 24));
    assert_true(length_of(fx, "2ex", false, &v));
    assert_true(near(css_resolve_len(&v, 10, 12, 100), 10));
    assert_true(length_of(fx, "25%", true, &v));
    assert_int_equal(v.unit, U_PCT);
    assert_true(near(css_resolve_len(&v, 10, 12, 200), 50));
    assert_false(length_of(fx, "25%", false, &v));
    assert_false(length_of(fx, "12", false, &v)); /* only 0 may omit the unit */
    assert_false(length_of(fx, "3vw", false, &v));
    assert_false(length_of(fx, "auto", false, &v));
}

static bool color_of(fixture *fx, const char *text, rgba *c)
{
    load(fx, text);
    int next;
    int end = fx->cx.nt - 1;
    return css_parse_color(&fx->cx, 0, end, &next, c) && next == end;
}

static void test_colours(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *s;
        rgba c;
    } ok[] = {
        {"#f00", 0xFF0000FF},
        {"#F00A", 0xFF0000AA},
        {"#12ab9F", 0x12AB9FFF},
        {"#12ab9f80", 0x12AB9F80},
        {"rgb(255, 0, 0)", 0xFF0000FF},
        {"rgb(100%, 50%, 0%)", 0xFF8000FF},
        {"rgba(0, 0, 255, 0.5)", 0x0000FF80},
        {"rgba(0,0,255,50%)", 0x0000FF80},
        {"rgb(0 128 0)", 0x008000FF},
        {"rgb(0 128 0 / 25%)", 0x00800040},
        {"RGB(300, -5, 12.4)", 0xFF000CFF},
        {"rgba(1 2 3 / 1)", 0x010203FF},
        {"hsl(120, 100%, 25%)", 0x008000FF},
        {"hsl(0deg 100% 50%)", 0xFF0000FF},
        {"hsla(240, 100%, 50%, 0.5)", 0x0000FF80},
        {"red", 0xFF0000FF},
        {"RebeccaPurple", 0x663399FF},
        {"grey", 0x808080FF},
        {"lightgoldenrodyellow", 0xFAFAD2FF},
        {"transparent", 0},
    };
    for (size_t i = 0; i < COUNT_OF(ok); i++) {
        rgba c = 1;
        if (!color_of(fx, ok[i].s, &c) || c != ok[i].c)
            fail_msg("%s gave #%08x", ok[i].s, (unsigned)c);
    }
    static const char *const bad[] = {
        "#12", "#12345", "#ggg", "rgb(1, 2)", "rgb(1 2, 3)", "rgb(1, 2, 3, 4, 5)", "rgb(1 2 3 4)",
        "rgb(1, 2, 3 / 4)", "rgb(, 1, 2, 3)", "rgb(1 2 3 /)", "notacolor", "currentColor",
        "hsl(1, 2, 3)", "rgb(a, b, c)", "12",
    };
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        rgba c;
        if (color_of(fx, bad[i], &c))
            fail_msg("%s should be invalid", bad[i]);
    }
}

static void test_named_colours(void **state)
{
    (void)state;
    assert_int_equal(css_named_color_count(), 148);
    static const struct {
        const char *n;
        rgba c;
    } some[] = {
        {"aliceblue", 0xF0F8FFFF}, {"yellowgreen", 0x9ACD32FF}, {"green", 0x008000FF},
        {"lime", 0x00FF00FF}, {"maroon", 0x800000FF}, {"purple", 0x800080FF},
        {"darkslategrey", 0x2F4F4FFF}, {"navy", 0x000080FF}, {"black", 0x000000FF},
        {"WHITE", 0xFFFFFFFF},
    };
    for (size_t i = 0; i < COUNT_OF(some); i++) {
        rgba c;
        assert_true(css_named_color(some[i].n, &c));
        assert_int_equal(c, some[i].c);
    }
    rgba c;
    assert_false(css_named_color("darkgreyish", &c));
    assert_false(css_named_color("", &c));
}

/* Parses `p { decls }` and returns the first declaration of prop. */
static const css_decl *decl(fixture *fx, const char *css, int prop)
{
    style_source src = {"t.css", css, strlen(css)};
    css_sheet sh;
    css_sheet_init(&sh);
    css_parse_sheet(&fx->cx, &src, &sh);
    for (size_t r = 0; r < sh.rules.len; r++) {
        const css_rule *rule = &VEC_AT(&sh.rules, css_rule, r);
        for (int k = 0; k < rule->ndecls; k++)
            if (rule->decls[k].prop == prop)
                return &rule->decls[k];
    }
    for (size_t r = 0; r < sh.pages.len; r++) {
        const css_page_rule *pr = &VEC_AT(&sh.pages, css_page_rule, r);
        for (int k = 0; k < pr->ndecls; k++)
            if (pr->decls[k].prop == prop)
                return &pr->decls[k];
    }
    return NULL;
}

static void test_content_values(void **state)
{
    fixture *fx = *state;
    const css_decl *d = decl(fx, "p::before { content: \"Page \" counter(page) \" of \" counter(pages)"
                                 " ' — ' string(title) counter(chapter, upper-roman) }", P_CONTENT);
    assert_non_null(d);
    assert_int_equal(d->v.kind, V_PTR);
    const content_part *p = d->v.ptr;
    assert_int_equal(p->kind, CONTENT_TEXT);
    assert_string_equal(p->text, "Page ");
    p = p->next;
    assert_int_equal(p->kind, CONTENT_COUNTER);
    assert_string_equal(p->text, "page");
    assert_int_equal(p->style, LIST_DECIMAL);
    p = p->next;
    assert_string_equal(p->text, " of ");
    p = p->next;
    assert_int_equal(p->kind, CONTENT_PAGES);
    p = p->next;
    assert_string_equal(p->text, " — ");
    p = p->next;
    assert_int_equal(p->kind, CONTENT_STRING);
    assert_string_equal(p->text, "title");
    assert_int_equal(p->which, STRING_FIRST);
    p = p->next;
    assert_int_equal(p->kind, CONTENT_COUNTER);
    assert_string_equal(p->text, "chapter");
    assert_int_equal(p->style, LIST_UPPER_ROMAN);
    assert_null(p->next);

    d = decl(fx, "a::after { content: leader(dotted) target-counter(attr(href), page) }", P_CONTENT);
    p = d->v.ptr;
    assert_int_equal(p->kind, CONTENT_LEADER);
    assert_string_equal(p->text, ". ");
    assert_int_equal(p->next->kind, CONTENT_TARGET_COUNTER);
    assert_string_equal(p->next->text, "page");
    d = decl(fx, "a::after { content: leader(\"-\") leader(solid) leader(space) }", P_CONTENT);
    p = d->v.ptr;
    assert_string_equal(p->text, "-");
    assert_string_equal(p->next->text, "_");
    assert_string_equal(p->next->next->text, " ");
    d = decl(fx, "p { content: string(h, last) content() contents content(text) }", P_CONTENT);
    p = d->v.ptr;
    assert_int_equal(p->kind, CONTENT_STRING);
    assert_int_equal(p->which, STRING_LAST);
    assert_int_equal(p->next->kind, CONTENT_CONTENTS);
    assert_int_equal(p->next->next->kind, CONTENT_CONTENTS);
    assert_int_equal(p->next->next->next->kind, CONTENT_CONTENTS);
    d = decl(fx, "p { content: string(a, start) string(b, first-except) string(c, first) }", P_CONTENT);
    p = d->v.ptr;
    assert_int_equal(p->which, STRING_START);
    assert_int_equal(p->next->which, STRING_FIRST_EXCEPT);
    assert_int_equal(p->next->next->which, STRING_FIRST);
    d = decl(fx, "q::before { content: open-quote close-quote no-open-quote NO-CLOSE-QUOTE }", P_CONTENT);
    p = d->v.ptr;
    assert_int_equal(p->kind, CONTENT_OPEN_QUOTE);
    assert_int_equal(p->next->kind, CONTENT_CLOSE_QUOTE);
    assert_int_equal(p->next->next->kind, CONTENT_NO_OPEN_QUOTE);
    assert_int_equal(p->next->next->next->kind, CONTENT_NO_CLOSE_QUOTE);
    d = decl(fx, "p { number-format: \"1 234,5\" }", P_NUMBER_FORMAT);
    assert_string_equal(d->v.ptr, "1 234,5");
    d = decl(fx, "p { number-format: \"\u0661\u066C\u0662\u0663\u0664\u066B\u0665\" }", P_NUMBER_FORMAT);
    assert_non_null(d);
    d = decl(fx, "p { content: none }", P_CONTENT);
    assert_int_equal(d->v.kind, V_KEYWORD);
    assert_int_equal(d->v.kw, CSS_KW_NONE);
    d = decl(fx, "p { content: normal }", P_CONTENT);
    assert_int_equal(d->v.kw, CSS_KW_NORMAL);
    assert_string_equal(test_env_log(&fx->env), "");

    static const char *const bad[] = {
        "counter()", "counter(a, b, c)", "counter(a, klingon)", "string(x, middle)", "leader(x)",
        "target-counter(attr(id), page)", "target-counter(page)", "open-quotes", "url(x.png)",
        "counters(a, '.')", "foo(1)", "\"a\" none", "1pt",
    };
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        char css[128];
        snprintf(css, sizeof css, "p::before { content: %s }", bad[i]);
        if (decl(fx, css, P_CONTENT))
            fail_msg("content: %s should be invalid", bad[i]);
    }
    assert_int_equal(fx->env.d.warnings, (int)COUNT_OF(bad));
    static const char *const bad_formats[] = {"1,234.5x", "\"2,345\"", "\"1,234.\"", "\"\"", "1234"};
    for (size_t i = 0; i < COUNT_OF(bad_formats); i++) {
        char css[128];
        snprintf(css, sizeof css, "p { number-format: %s }", bad_formats[i]);
        if (decl(fx, css, P_NUMBER_FORMAT))
            fail_msg("number-format: %s should be invalid", bad_formats[i]);
    }
}

static void test_string_set_and_counters(void **state)
{
    fixture *fx = *state;
    const css_decl *d = decl(fx, "h1 { string-set: chapter content(), title \"T: \" content() }", P_STRING_SET);
    const string_set *s = d->v.ptr;
    assert_string_equal(s->name, "chapter");
    assert_int_equal(s->value->kind, CONTENT_CONTENTS);
    assert_null(s->value->next);
    s = s->next;
    assert_string_equal(s->name, "title");
    assert_string_equal(s->value->text, "T: ");
    assert_int_equal(s->value->next->kind, CONTENT_CONTENTS);
    assert_null(s->next);
    d = decl(fx, "h1 { string-set: none }", P_STRING_SET);
    assert_int_equal(d->v.kind, V_KEYWORD);

    d = decl(fx, "h1 { counter-reset: section figure 3 }", P_COUNTER_RESET);
    const counter_op *op = d->v.ptr;
    assert_string_equal(op->name, "section");
    assert_int_equal(op->value, 0);
    assert_string_equal(op->next->name, "figure");
    assert_int_equal(op->next->value, 3);
    d = decl(fx, "h2 { counter-increment: section -2 note }", P_COUNTER_INCREMENT);
    op = d->v.ptr;
    assert_int_equal(op->value, -2);
    assert_int_equal(op->next->value, 1);
    d = decl(fx, "h2 { counter-increment: none }", P_COUNTER_INCREMENT);
    assert_int_equal(d->v.kind, V_KEYWORD);
    assert_string_equal(test_env_log(&fx->env), "");
    assert_null(decl(fx, "h2 { counter-increment: a 1.5 }", P_COUNTER_INCREMENT));
    assert_null(decl(fx, "h2 { counter-reset: 3 }", P_COUNTER_RESET));
    assert_null(decl(fx, "h2 { counter-reset: a none }", P_COUNTER_RESET));
    assert_null(decl(fx, "h2 { string-set: \"x\" }", P_STRING_SET));
    assert_null(decl(fx, "h2 { string-set: a leader(dotted) }", P_STRING_SET));
    assert_null(decl(fx, "h2 { string-set: a content(), }", P_STRING_SET));
}

static void test_page_size_values(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *s;
        float w, h;
        int kw;
    } ok[] = {
        {"A4", 595.2756f, 841.8898f, 0},
        {"a3", 841.8898f, 1190.5512f, 0},
        {"A5 landscape", 419.5276f, 595.2756f, CSS_KW_LANDSCAPE},
        {"landscape B5", 498.8976f, 708.6614f, CSS_KW_LANDSCAPE},
        {"letter", 612, 792, 0},
        {"legal portrait", 612, 1008, CSS_KW_PORTRAIT},
        {"ledger", 792, 1224, 0},
        {"landscape", 0, 0, CSS_KW_LANDSCAPE},
        {"auto", 0, 0, 0},
        {"10cm", 283.4646f, 283.4646f, 0},
        {"8.5in 11in", 612, 792, 0},
    };
    for (size_t i = 0; i < COUNT_OF(ok); i++) {
        char css[64];
        snprintf(css, sizeof css, "@page { size: %s }", ok[i].s);
        const css_decl *d = decl(fx, css, P_SIZE);
        if (!d || d->v.kind != V_SIZE || !near(d->v.num, ok[i].w) || !near(d->v.num2, ok[i].h) ||
            d->v.kw != ok[i].kw)
            fail_msg("size: %s", ok[i].s);
    }
    static const char *const bad[] = {"0 10cm", "-5cm", "A4 A5", "landscape portrait", "2em", "50%",
                                      "A6", "10cm landscape"};
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        char css[64];
        snprintf(css, sizeof css, "@page { size: %s }", bad[i]);
        if (decl(fx, css, P_SIZE))
            fail_msg("size: %s should be invalid", bad[i]);
    }
    assert_non_null(strstr(test_env_log(&fx->env), "a page size must be positive"));
}

static void test_format_counter(void **state)
{
    fixture *fx = *state;
    static const struct {
        int n;
        list_style ls;
        const char *s;
    } cases[] = {
        {3, LIST_DECIMAL, "3"}, {-7, LIST_DECIMAL, "-7"}, {7, LIST_DECIMAL_LEADING_ZERO, "07"},
        {12, LIST_DECIMAL_LEADING_ZERO, "12"}, {1, LIST_LOWER_ALPHA, "a"}, {26, LIST_LOWER_ALPHA, "z"},
        {27, LIST_LOWER_ALPHA, "aa"}, {28, LIST_UPPER_ALPHA, "AB"}, {702, LIST_LOWER_ALPHA, "zz"},
        {703, LIST_LOWER_ALPHA, "aaa"}, {0, LIST_LOWER_ALPHA, "0"}, {3, LIST_LOWER_ROMAN, "iii"},
        {4, LIST_UPPER_ROMAN, "IV"}, {1994, LIST_UPPER_ROMAN, "MCMXCIV"},
        {3999, LIST_LOWER_ROMAN, "mmmcmxcix"}, {4000, LIST_LOWER_ROMAN, "4000"},
        {0, LIST_UPPER_ROMAN, "0"}, {1, LIST_DISC, "\xE2\x80\xA2"}, {1, LIST_CIRCLE, "\xE2\x97\xA6"},
        {1, LIST_SQUARE, "\xE2\x96\xAA"}, {5, LIST_NONE, ""},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        strbuf sb;
        sb_init(&sb, fx->env.a);
        style_format_counter(&sb, cases[i].n, cases[i].ls);
        if (strcmp(sb.data, cases[i].s) != 0)
            fail_msg("%d in style %d: '%s', want '%s'", cases[i].n, cases[i].ls, sb.data, cases[i].s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_length_units, setup, teardown),
        cmocka_unit_test_setup_teardown(test_colours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_named_colours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_content_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_set_and_counters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_size_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_counter, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
