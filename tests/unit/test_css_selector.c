/* Unit tests for selectors: every kind and combinator against a hand-built
 * document tree, An+B parsing, specificity, pseudo-elements, invalid
 * selectors and matching cost on deep trees. */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef struct {
    test_env env;
    css_ctx cx;
    /* named nodes of the standard tree */
    doc_node *body, *h1, *lead, *em1, *strong, *em2, *ul, *li[5], *table, *tr[7], *bq, *bqp, *bqem,
        *bq2, *bq2p, *div, *divp;
} fixture;

/* body
 *   h1 > text
 *   p.lead.intro > text em(>text) text strong(>em>text)
 *   ul > li x5 (> text)
 *   table > tr(header) > th x3;  tr x6 > td, td.num, td
 *   blockquote > p > em ; blockquote > p
 *   div.note > p */
static void build_tree(fixture *fx)
{
    fx->body = test_node(&fx->env, NULL, DOC_DOCUMENT, NULL);
    fx->h1 = test_node(&fx->env, fx->body, DOC_HEADING, NULL);
    fx->h1->u.heading.level = 1;
    test_text(&fx->env, fx->h1);
    fx->lead = test_node(&fx->env, fx->body, DOC_PARAGRAPH, "lead intro");
    test_text(&fx->env, fx->lead);
    fx->em1 = test_node(&fx->env, fx->lead, DOC_EMPH, NULL);
    test_text(&fx->env, fx->em1);
    test_text(&fx->env, fx->lead);
    fx->strong = test_node(&fx->env, fx->lead, DOC_STRONG, NULL);
    fx->em2 = test_node(&fx->env, fx->strong, DOC_EMPH, NULL);
    test_text(&fx->env, fx->em2);
    fx->ul = test_node(&fx->env, fx->body, DOC_LIST, NULL);
    for (int i = 0; i < 5; i++) {
        fx->li[i] = test_node(&fx->env, fx->ul, DOC_ITEM, NULL);
        test_text(&fx->env, fx->li[i]);
    }
    fx->table = test_node(&fx->env, fx->body, DOC_TABLE, NULL);
    for (int r = 0; r < 7; r++) {
        fx->tr[r] = test_node(&fx->env, fx->table, DOC_TABLE_ROW, NULL);
        fx->tr[r]->u.row.header = r == 0;
        for (int c = 0; c < 3; c++)
            test_text(&fx->env, test_node(&fx->env, fx->tr[r], DOC_TABLE_CELL, c == 1 ? "num" : NULL));
    }
    fx->bq = test_node(&fx->env, fx->body, DOC_BLOCKQUOTE, NULL);
    fx->bqp = test_node(&fx->env, fx->bq, DOC_PARAGRAPH, NULL);
    fx->bqem = test_node(&fx->env, fx->bqp, DOC_EMPH, NULL);
    test_text(&fx->env, fx->bqem);
    fx->bq2 = test_node(&fx->env, fx->bq, DOC_BLOCKQUOTE, NULL);
    fx->bq2p = test_node(&fx->env, fx->bq2, DOC_PARAGRAPH, NULL);
    test_text(&fx->env, fx->bq2p);
    fx->div = test_node(&fx->env, fx->body, DOC_CONTAINER, "note");
    fx->divp = test_node(&fx->env, fx->div, DOC_PARAGRAPH, NULL);
    test_text(&fx->env, fx->divp);
    doc_finish(&fx->env.doc);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    css_ctx_init(&fx->cx, fx->env.a, &fx->env.d);
    build_tree(fx);
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

/* Parses a selector list; NULL when it is invalid. */
static css_selector *parse_sel(fixture *fx, const char *text, int *n)
{
    css_tokens t;
    css_tokenize(fx->env.a, &fx->env.d, "t.css", text, strlen(text), &t);
    fx->cx.file = "t.css";
    fx->cx.text = text;
    fx->cx.t = t.t;
    fx->cx.nt = t.n;
    css_selector *s;
    if (!css_parse_selectors(&fx->cx, 0, t.n - 1, &s, n))
        return NULL;
    return s;
}

static css_selector *sel1(fixture *fx, const char *text)
{
    int n;
    css_selector *s = parse_sel(fx, text, &n);
    if (!s)
        fail_msg("selector '%s' did not parse: %s", text, test_env_log(&fx->env));
    assert_int_equal(n, 1);
    return s;
}

/* How many nodes the selector matches, and whether `want` is among them. */
static int count(fixture *fx, const char *text, const doc_node *want)
{
    css_selector *s = sel1(fx, text);
    css_node_info *info = css_node_infos(&fx->cx, &fx->env.doc);
    int c = 0;
    bool found = want == NULL;
    for (doc_node *n = fx->env.doc.root; n; n = doc_next_preorder(n, fx->env.doc.root)) {
        if (css_match(s, n, info)) {
            c++;
            if (n->kind == DOC_TEXT)
                fail_msg("'%s' matched a text node", text);
            found = found || n == want;
        }
    }
    if (!found)
        fail_msg("'%s' did not match the expected node", text);
    return c;
}

static void test_type_universal_class(void **state)
{
    fixture *fx = *state;
    assert_int_equal(count(fx, "li", fx->li[3]), 5);
    assert_int_equal(count(fx, "LI", fx->li[0]), 5); /* element names ignore case */
    assert_int_equal(count(fx, "h1", fx->h1), 1);
    assert_int_equal(count(fx, "td", NULL), 18);
    assert_int_equal(count(fx, "th", NULL), 3);
    assert_int_equal(count(fx, "tr", fx->tr[0]), 7);
    assert_int_equal(count(fx, "body", fx->body), 1);
    assert_int_equal(count(fx, "div", fx->div), 1);
    /* every element, no text node */
    int elements = 0;
    for (doc_node *n = fx->env.doc.root; n; n = doc_next_preorder(n, fx->env.doc.root))
        elements += n->kind != DOC_TEXT;
    assert_int_equal(count(fx, "*", fx->body), elements);
    assert_int_equal(count(fx, ".lead", fx->lead), 1);
    assert_int_equal(count(fx, ".lead.intro", fx->lead), 1);
    assert_int_equal(count(fx, ".intro.lead", fx->lead), 1);
    assert_int_equal(count(fx, ".lead.other", NULL), 0);
    assert_int_equal(count(fx, ".Lead", NULL), 0); /* classes are case-sensitive */
    assert_int_equal(count(fx, "p.lead", fx->lead), 1);
    assert_int_equal(count(fx, "h1.lead", NULL), 0);
    assert_int_equal(count(fx, "td.num", NULL), 6);
    assert_int_equal(count(fx, "th.num", NULL), 1);
    assert_int_equal(count(fx, "*.num", NULL), 7);
    assert_int_equal(count(fx, "div.note", fx->div), 1);
}

static void test_combinators(void **state)
{
    fixture *fx = *state;
    assert_int_equal(count(fx, "blockquote p", fx->bq2p), 2);
    assert_int_equal(count(fx, "blockquote em", fx->bqem), 1);
    assert_int_equal(count(fx, "body em", fx->em2), 3);
    assert_int_equal(count(fx, "p em", fx->em2), 3);
    assert_int_equal(count(fx, "p > em", fx->em1), 2);
    assert_int_equal(count(fx, "p>em", fx->em1), 2);
    assert_int_equal(count(fx, "strong > em", fx->em2), 1);
    assert_int_equal(count(fx, "body > p", fx->lead), 1);
    assert_int_equal(count(fx, "blockquote > p", fx->bqp), 2);
    assert_int_equal(count(fx, "blockquote > blockquote > p", fx->bq2p), 1);
    assert_int_equal(count(fx, "body > blockquote p", fx->bq2p), 2);
    assert_int_equal(count(fx, "body > blockquote > p", fx->bqp), 1);
    /* a child chain that fails at the nearest ancestor retries higher up */
    assert_int_equal(count(fx, "body > blockquote blockquote > p", fx->bq2p), 1);
    assert_int_equal(count(fx, "blockquote > p > em", fx->bqem), 1);
    assert_int_equal(count(fx, "ul li", fx->li[4]), 5);
    assert_int_equal(count(fx, "ol li", NULL), 0);
    assert_int_equal(count(fx, "table tr td.num", NULL), 6);
    assert_int_equal(count(fx, "div.note > p", fx->divp), 1);
    assert_int_equal(count(fx, ".note p", fx->divp), 1);
    assert_int_equal(count(fx, "body *", NULL), count(fx, "*", NULL) - 1);
    assert_int_equal(count(fx, "li li", NULL), 0);
    assert_int_equal(count(fx, "p p", NULL), 0);
}

static void test_structural_pseudo_classes(void **state)
{
    fixture *fx = *state;
    assert_int_equal(count(fx, "li:first-child", fx->li[0]), 1);
    assert_int_equal(count(fx, "li:last-child", fx->li[4]), 1);
    /* body rows count from 1 apart from the header row, as in a tbody */
    assert_int_equal(count(fx, "tr:nth-child(even)", fx->tr[2]), 3); /* body rows 2, 4, 6 */
    assert_int_equal(count(fx, "tr:nth-child(odd)", fx->tr[1]), 4);  /* the header, body rows 1, 3, 5 */
    assert_int_equal(count(fx, "tr:nth-child(even) td", NULL), 9);
    assert_int_equal(count(fx, "li:nth-child(-n+3)", fx->li[2]), 3);
    assert_int_equal(count(fx, "li:nth-child(3)", fx->li[2]), 1);
    assert_int_equal(count(fx, "li:nth-last-child(1)", fx->li[4]), 1);
    assert_int_equal(count(fx, "li:nth-last-child(-n+2)", fx->li[3]), 2);
    assert_int_equal(count(fx, "li:nth-child(2n):nth-child(3n)", NULL), 0);
    assert_int_equal(count(fx, "td:first-child:last-child", NULL), 0);
    /* text around an element does not count: em is first and last element child */
    assert_int_equal(count(fx, "p > em:first-child", fx->em1), 2);
    assert_int_equal(count(fx, "em:last-child", fx->em2), 2);
    assert_int_equal(count(fx, "strong:last-child", fx->strong), 1);
    assert_int_equal(count(fx, "strong > em:only-child", fx->em2), 1);
    assert_int_equal(count(fx, ":root", fx->body), 1);
    assert_int_equal(count(fx, "body:first-child", NULL), 0);
    assert_int_equal(count(fx, "h1:first-child", fx->h1), 1);
    assert_int_equal(count(fx, "div:last-child", fx->div), 1);
}

static void test_pseudo_elements_and_specificity(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *sel;
        int b, c;
        css_pseudo_elem pe;
    } cases[] = {
        {"*", 0, 0, PE_NONE},
        {"p", 0, 0 + 1, PE_NONE},
        {".a.b", 2, 0, PE_NONE},
        {"td.num", 1, 1, PE_NONE},
        {"tr:nth-child(even) td", 1, 2, PE_NONE},
        {"ul li:first-child", 1, 2, PE_NONE},
        {"li::marker", 0, 2, PE_MARKER},
        {"p::before", 0, 2, PE_BEFORE},
        {"p:before", 0, 2, PE_BEFORE},
        {"p:after", 0, 2, PE_AFTER},
        {".x::after", 1, 1, PE_AFTER},
        {"body > blockquote p.a:last-child", 2, 3, PE_NONE},
        {":root", 1, 0, PE_NONE},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        css_selector *s = sel1(fx, cases[i].sel);
        if (s->spec != CSS_SPEC(cases[i].b, cases[i].c) || s->pe != cases[i].pe)
            fail_msg("%s: spec %d pe %d", cases[i].sel, s->spec, s->pe);
    }
    /* the pseudo-element is on the element the rest matches */
    assert_int_equal(count(fx, "li::marker", fx->li[1]), 5);
    int n;
    css_selector *list = parse_sel(fx, "h1, p.lead::before ,li", &n);
    assert_non_null(list);
    assert_int_equal(n, 3);
    assert_int_equal(list[1].pe, PE_BEFORE);
    assert_int_equal(list[1].n, 1);
}

static void test_anb(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int a, b;
    } ok[] = {
        {"odd", 2, 1}, {"even", 2, 0}, {"EVEN", 2, 0}, {"2n+1", 2, 1}, {"-n+3", -1, 3},
        {"n", 1, 0}, {"+n", 1, 0}, {"-n", -1, 0}, {"+5", 0, 5}, {"5", 0, 5}, {"-2", 0, -2},
        {" 3n - 1 ", 3, -1}, {"3n-1", 3, -1}, {"3n +1", 3, 1}, {"3n+ 1", 3, 1}, {"n- 1", 1, -1},
        {"-2n+ 4", -2, 4}, {"0n+0", 0, 0}, {"10N", 10, 0}, {"+3n-2", 3, -2},
    };
    for (size_t i = 0; i < COUNT_OF(ok); i++) {
        int a = 99, b = 99;
        if (!css_parse_anb(ok[i].s, &a, &b) || a != ok[i].a || b != ok[i].b)
            fail_msg("'%s' gave %d %d", ok[i].s, a, b);
    }
    static const char *const bad[] = {
        "", " ", "3 n", "+ n", "- n", "n+", "2n+-1", "2n + +1", "- 1", "1.5n", "n2", "odd2",
        "2n 1", "nn", "+-1", "2n+1 of p", "foo",
    };
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        int a, b;
        if (css_parse_anb(bad[i], &a, &b))
            fail_msg("'%s' should be invalid", bad[i]);
    }
    /* which positions An+B selects */
    static const struct {
        int a, b;
        const char *positions; /* 1..10 */
    } sel[] = {
        {2, 1, "1010101010"}, {2, 0, "0101010101"}, {-1, 3, "1110000000"}, {0, 4, "0001000000"},
        {3, -1, "0100100100"}, {1, 0, "1111111111"}, {1, 7, "0000001111"}, {-2, 5, "1010100000"},
    };
    for (size_t i = 0; i < COUNT_OF(sel); i++)
        for (int k = 1; k <= 10; k++)
            if (css_nth_matches(sel[i].a, sel[i].b, k) != (sel[i].positions[k - 1] == '1'))
                fail_msg("%dn%+d at %d", sel[i].a, sel[i].b, k);
}

static void test_nth_child_in_selectors(void **state)
{
    fixture *fx = *state;
    assert_int_equal(count(fx, "li:nth-child( 2n + 1 )", fx->li[4]), 3);
    assert_int_equal(count(fx, "li:nth-child(n)", NULL), 5);
    assert_int_equal(count(fx, "li:nth-child(+5)", fx->li[4]), 1);
    assert_int_equal(count(fx, "li:nth-child(/* c */ 2n)", fx->li[1]), 2);
    int n;
    assert_null(parse_sel(fx, "li:nth-child(3 n)", &n));
    assert_non_null(strstr(test_env_log(&fx->env), "invalid argument '3 n' to ':nth-child()'"));
    assert_null(parse_sel(fx, "li:nth-child()", &n));
}

static void test_invalid_selectors(void **state)
{
    fixture *fx = *state;
    static const char *const bad[] = {
        "p,", ",p", "> p", "p >", "p..x", "p.", "::before p", "p::before::after", "*|p", "ns|p",
        "p::marker.x", "p:", "p::", "p::before > li", "p ~ q", "p + q", "#id", "a[href]",
        "p:hover", "p:not(.x)", "p::first-letter", ":first-line", "p:nth-child", "p:lang(en)",
        "p)", "12", "p;q",
    };
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        int n;
        if (parse_sel(fx, bad[i], &n))
            fail_msg("'%s' should be invalid", bad[i]);
    }
    assert_int_equal(fx->env.d.warnings, (int)COUNT_OF(bad));
}

static void test_unknown_element_warns_once(void **state)
{
    fixture *fx = *state;
    assert_int_equal(count(fx, "section", NULL), 0);
    assert_int_equal(count(fx, "div section p", NULL), 0);
    assert_int_equal(count(fx, "section.x", NULL), 0);
    assert_int_equal(fx->env.d.warnings, 1);
    assert_non_null(strstr(test_env_log(&fx->env), "t.css:1:1: warning: no element is named 'section' in a dossier; "
                                        "selector 'section' matches nothing"));
}

/* A 3000-deep chain of blockquotes with selectors that must backtrack:
 * the matcher's cost stays linear in depth (this would not finish if it
 * were exponential). */
static void test_deep_tree_matching(void **state)
{
    fixture *fx = *state;
    doc_document deep = {0};
    doc_node *root = doc_new(fx->env.a, &deep, DOC_DOCUMENT, srcpos_make("t.md", 1, 1));
    deep.root = root;
    doc_node *cur = root;
    for (int i = 0; i < 3000; i++) {
        doc_node *b = doc_new(fx->env.a, &deep, DOC_BLOCKQUOTE, srcpos_make("t.md", i + 2, 1));
        doc_append(cur, b);
        cur = b;
    }
    doc_node *p = doc_new(fx->env.a, &deep, DOC_PARAGRAPH, srcpos_make("t.md", 1, 1));
    doc_append(cur, p);
    doc_finish(&deep);
    const char *sels[] = {
        "blockquote blockquote blockquote blockquote blockquote blockquote blockquote p",
        "body > blockquote blockquote > blockquote blockquote > blockquote > em",
        "div blockquote blockquote blockquote p",
        "body > blockquote > blockquote > blockquote blockquote > li blockquote p",
    };
    bool want[] = {true, false, false, false};
    for (size_t i = 0; i < COUNT_OF(sels); i++) {
        css_selector *s = sel1(fx, sels[i]);
        css_node_info *info = css_node_infos(&fx->cx, &deep);
        int matched = 0;
        for (doc_node *n = deep.root; n; n = doc_next_preorder(n, deep.root))
            matched += css_match(s, n, info);
        assert_int_equal(matched > 0, want[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_type_universal_class, setup, teardown),
        cmocka_unit_test_setup_teardown(test_combinators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structural_pseudo_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pseudo_elements_and_specificity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_anb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nth_child_in_selectors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_selectors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_element_warns_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_tree_matching, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
