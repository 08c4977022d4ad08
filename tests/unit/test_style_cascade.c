/* Unit tests for the cascade on hand-built document trees: specificity,
 * source order across sheets, !important, inheritance and the CSS-wide
 * keywords, every shorthand, units (em of the parent for font-size and of
 * the element elsewhere, rem, %), colours and currentColor, clamping,
 * pseudo-elements, generated-content properties, style sharing, and (last,
 * with the bundled fonts) font resolution. */
#include "testing.h"

#include "../../src/style/css_internal.h"

typedef struct {
    test_env env;
    font_lib *fonts;
    doc_node *body, *h1, *lead, *em, *strong, *ul, *li[3], *table, *tr[4], *td[4][2], *bq, *bqp,
        *text;
} fixture;

/* body > h1, p.lead > (text, em > strong > text), ul > li x3,
 * table > tr x4 > td x2, blockquote > p */
static void build_tree(fixture *fx)
{
    fx->body = test_node(&fx->env, NULL, DOC_DOCUMENT, NULL);
    fx->h1 = test_node(&fx->env, fx->body, DOC_HEADING, NULL);
    fx->h1->u.heading.level = 1;
    test_text(&fx->env, fx->h1);
    fx->lead = test_node(&fx->env, fx->body, DOC_PARAGRAPH, "lead");
    fx->text = test_text(&fx->env, fx->lead);
    fx->em = test_node(&fx->env, fx->lead, DOC_EMPH, NULL);
    fx->strong = test_node(&fx->env, fx->em, DOC_STRONG, NULL);
    test_text(&fx->env, fx->strong);
    fx->ul = test_node(&fx->env, fx->body, DOC_LIST, NULL);
    for (int i = 0; i < 3; i++)
        test_text(&fx->env, fx->li[i] = test_node(&fx->env, fx->ul, DOC_ITEM, NULL));
    fx->table = test_node(&fx->env, fx->body, DOC_TABLE, NULL);
    for (int r = 0; r < 4; r++) {
        fx->tr[r] = test_node(&fx->env, fx->table, DOC_TABLE_ROW, NULL);
        for (int c = 0; c < 2; c++)
            test_text(&fx->env, fx->td[r][c] = test_node(&fx->env, fx->tr[r], DOC_TABLE_CELL, c ? "num" : NULL));
    }
    fx->bq = test_node(&fx->env, fx->body, DOC_BLOCKQUOTE, NULL);
    fx->bqp = test_node(&fx->env, fx->bq, DOC_PARAGRAPH, NULL);
    test_text(&fx->env, fx->bqp);
    doc_finish(&fx->env.doc);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    build_tree(fx);
    *state = fx;
    return 0;
}

static int setup_fonts(void **state)
{
    setup(state);
    fixture *fx = *state;
    fx->fonts = font_lib_new(fx->env.a, &fx->env.d, TEST_FONTS_DIR);
    return fx->fonts ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    if (fx->fonts)
        font_lib_free(fx->fonts);
    test_env_close(&fx->env);
    free(fx);
    return 0;
}

static style_result *run2(fixture *fx, const char *css1, const char *css2)
{
    style_source src[2] = {{"a.css", css1, strlen(css1)}, {"b.css", css2 ? css2 : "", css2 ? strlen(css2) : 0}};
    style_result *r = style_compute(fx->env.a, &fx->env.d, fx->fonts, &fx->env.doc, src, css2 ? 2 : 1);
    assert_non_null(r);
    return r;
}

static style_result *run(fixture *fx, const char *css)
{
    return run2(fx, css, NULL);
}

static bool near(float a, float b)
{
    return a - b < 0.001f && b - a < 0.001f;
}

#define S(r, node) style_of((r), (node))
#define RED 0xFF0000FFu
#define BLUE 0x0000FFFFu
#define GREEN 0x008000FFu
#define BLACK 0x000000FFu

static void test_specificity_and_order(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { color: red } p { color: blue }");
    assert_int_equal(S(r, fx->lead)->color, BLUE);
    r = run(fx, ".lead { color: green } p { color: blue }");
    assert_int_equal(S(r, fx->lead)->color, GREEN);
    r = run(fx, "p.lead { color: red } .lead { color: blue } body p { color: green }");
    assert_int_equal(S(r, fx->lead)->color, RED);
    /* the later of two equal selectors in one rule list */
    r = run(fx, "td { color: red } tr td { color: green } td { color: blue }");
    assert_int_equal(S(r, fx->td[0][0])->color, GREEN);
    /* a rule matched through two selectors counts at the higher one */
    r = run(fx, "td, tr td.num { color: red } tr td { color: blue }");
    assert_int_equal(S(r, fx->td[0][0])->color, BLUE);
    assert_int_equal(S(r, fx->td[0][1])->color, RED);
    /* sheets in order: the later wins at equal specificity only */
    r = run2(fx, "p { color: red } body p { margin-top: 3pt }", "p { color: blue; margin-top: 1pt }");
    assert_int_equal(S(r, fx->lead)->color, BLUE);
    assert_true(near(S(r, fx->lead)->margin[SIDE_TOP], 3));
    /* zebra stripes */
    r = run(fx, "tr:nth-child(even) td { background-color: #eee } tr:first-child td { background: #ccc }");
    assert_int_equal(S(r, fx->td[0][0])->background, 0xCCCCCCFFu);
    assert_int_equal(S(r, fx->td[1][0])->background, 0xEEEEEEFFu);
    assert_int_equal(S(r, fx->td[2][1])->background, 0);
    assert_int_equal(S(r, fx->td[3][1])->background, 0xEEEEEEFFu);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_important(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { color: red !important } p.lead { color: blue }");
    assert_int_equal(S(r, fx->lead)->color, RED);
    r = run(fx, "p.lead { color: blue !important } p { color: red !important }");
    assert_int_equal(S(r, fx->lead)->color, BLUE);
    r = run(fx, "p { color: red !important; color: blue }");
    assert_int_equal(S(r, fx->lead)->color, RED);
    /* an earlier sheet's !important beats a later sheet's normal declaration */
    r = run2(fx, "p { color: green !important }", "body p.lead { color: red }");
    assert_int_equal(S(r, fx->lead)->color, GREEN);
    /* !important on a shorthand marks every longhand */
    r = run(fx, "p { margin: 1pt !important } p.lead { margin-left: 9pt }");
    assert_true(near(S(r, fx->lead)->margin[SIDE_LEFT], 1));
}

static void test_inheritance_and_keywords(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { color: red; margin-top: 5pt; text-align: center; background-color: yellow }");
    const computed_style *em = S(r, fx->em);
    assert_int_equal(em->color, RED);               /* inherited */
    assert_int_equal(em->align, TEXT_CENTER);       /* inherited */
    assert_true(near(em->margin[SIDE_TOP], 0));      /* not inherited */
    assert_int_equal(em->background, 0);            /* not inherited */
    /* text shares its parent's style */
    assert_ptr_equal(S(r, fx->text), S(r, fx->lead));
    r = run(fx, "p { color: red; margin-top: 5pt } em { margin-top: inherit; color: initial }"
                " strong { color: unset; margin-top: unset }");
    assert_true(near(S(r, fx->em)->margin[SIDE_TOP], 5));
    assert_int_equal(S(r, fx->em)->color, BLACK);
    assert_int_equal(S(r, fx->strong)->color, BLACK); /* unset inherits the em's initial */
    assert_true(near(S(r, fx->strong)->margin[SIDE_TOP], 0));
    r = run(fx, "body { color: green } p { color: red } em { color: inherit } strong { color: currentColor }");
    assert_int_equal(S(r, fx->em)->color, RED);
    assert_int_equal(S(r, fx->strong)->color, RED);
    /* shorthands take the keywords for every longhand */
    r = run(fx, "p { margin: 4pt; border: 2pt solid red } em { margin: inherit; border: inherit }");
    for (int s = 0; s < 4; s++) {
        assert_true(near(S(r, fx->em)->margin[s], 4));
        assert_int_equal(S(r, fx->em)->border[s].style, BORDER_SOLID);
    }
    /* the root inherits from the initial values */
    r = run(fx, "body { color: inherit; font-size: inherit }");
    assert_int_equal(S(r, fx->body)->color, BLACK);
    assert_true(near(S(r, fx->body)->font_size, 12));
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_margin_padding_shorthands(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *v;
        float t, r, b, l;
    } cases[] = {
        {"1pt", 1, 1, 1, 1}, {"1pt 2pt", 1, 2, 1, 2}, {"1pt 2pt 3pt", 1, 2, 3, 2},
        {"1pt 2pt 3pt 4pt", 1, 2, 3, 4}, {"0 1in", 0, 72, 0, 72},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char css[128];
        snprintf(css, sizeof css, "p { margin: %s; padding: %s }", cases[i].v, cases[i].v);
        style_result *r = run(fx, css);
        const computed_style *p = S(r, fx->lead);
        float want[4] = {cases[i].t, cases[i].r, cases[i].b, cases[i].l};
        for (int s = 0; s < 4; s++)
            if (!near(p->margin[s], want[s]) || !near(p->padding[s], want[s]))
                fail_msg("margin/padding: %s side %d: %g %g", cases[i].v, s, (double)p->margin[s],
                         (double)p->padding[s]);
    }
    style_result *r = run(fx, "p { margin: 0 auto; margin-top: -3pt; padding-left: 1em; font-size: 10pt }");
    const computed_style *p = S(r, fx->lead);
    assert_true(p->margin_auto[SIDE_LEFT] && p->margin_auto[SIDE_RIGHT]);
    assert_false(p->margin_auto[SIDE_TOP]);
    assert_true(near(p->margin[SIDE_TOP], -3));
    assert_true(near(p->margin[SIDE_LEFT], 0));
    assert_true(near(p->padding[SIDE_LEFT], 10));
    /* 1 to 4 values only */
    r = run(fx, "p { margin: 1pt 2pt 3pt 4pt 5pt; padding: auto }");
    assert_true(near(S(r, fx->lead)->margin[SIDE_TOP], 0));
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'margin': '1pt 2pt 3pt 4pt 5pt' (expected one to four values)"));
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'padding': 'auto'"));
}

static void test_border_shorthands(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { color: green; border: 2pt solid red; border-left: thick dashed }"
                              " td { border-bottom: thin double; border-top-style: dotted }"
                              " blockquote { border-style: solid none; border-width: 1pt 2pt 3pt 4pt;"
                              " border-color: red blue }");
    const computed_style *p = S(r, fx->lead);
    assert_true(near(p->border[SIDE_TOP].width, 2));
    assert_int_equal(p->border[SIDE_TOP].style, BORDER_SOLID);
    assert_int_equal(p->border[SIDE_TOP].color, RED);
    assert_true(near(p->border[SIDE_LEFT].width, 3.75f));
    assert_int_equal(p->border[SIDE_LEFT].style, BORDER_DASHED);
    assert_int_equal(p->border[SIDE_LEFT].color, GREEN); /* omitted: currentColor */
    const computed_style *td = S(r, fx->td[0][0]);
    assert_true(near(td->border[SIDE_BOTTOM].width, 0.75f));
    assert_int_equal(td->border[SIDE_BOTTOM].style, BORDER_DOUBLE);
    assert_int_equal(td->border[SIDE_BOTTOM].color, BLACK);
    assert_true(near(td->border[SIDE_TOP].width, 2.25f)); /* medium by default */
    assert_int_equal(td->border[SIDE_TOP].style, BORDER_DOTTED);
    assert_true(near(td->border[SIDE_LEFT].width, 0));     /* style none: width 0 */
    const computed_style *bq = S(r, fx->bq);
    assert_int_equal(bq->border[SIDE_TOP].style, BORDER_SOLID);
    assert_int_equal(bq->border[SIDE_RIGHT].style, BORDER_NONE);
    assert_true(near(bq->border[SIDE_RIGHT].width, 0));
    assert_true(near(bq->border[SIDE_BOTTOM].width, 3));
    assert_int_equal(bq->border[SIDE_BOTTOM].color, RED);
    assert_int_equal(bq->border[SIDE_LEFT].color, BLUE);
    /* an omitted width is medium, also when the shorthand resets it */
    r = run(fx, "p { border-width: 1pt; border: solid red } td { border-top: 1pt solid; border-top-width: initial }");
    assert_true(near(S(r, fx->lead)->border[SIDE_LEFT].width, 2.25f));
    assert_int_equal(S(r, fx->lead)->border[SIDE_LEFT].color, RED);
    assert_true(near(S(r, fx->td[0][0])->border[SIDE_TOP].width, 2.25f));
    r = run(fx, "p { border: none } td { border: 1pt hidden red } blockquote { border: 0 solid; border-top: initial }");
    assert_int_equal(S(r, fx->lead)->border[SIDE_TOP].style, BORDER_NONE);
    assert_int_equal(S(r, fx->td[0][0])->border[SIDE_TOP].style, BORDER_NONE);
    assert_true(near(S(r, fx->td[0][0])->border[SIDE_TOP].width, 0));
    assert_true(near(S(r, fx->bq)->border[SIDE_LEFT].width, 0));
    assert_int_equal(S(r, fx->bq)->border[SIDE_LEFT].style, BORDER_SOLID);
    assert_int_equal(S(r, fx->bq)->border[SIDE_TOP].style, BORDER_NONE);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_font_shorthand(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { font-weight: bold; line-height: 3; font-style: italic }"
                              " p { font: 10pt/1.5 \"PT Sans\", sans-serif }"
                              " h1 { font: italic bold 20pt Georgia }"
                              " li { font: 600 small-caps 9pt/12pt PT Mono, monospace }");
    const computed_style *p = S(r, fx->lead);
    assert_true(near(p->font_size, 10));
    assert_int_equal(p->font_weight, 400); /* reset by the shorthand */
    assert_false(p->italic);
    assert_true(p->line_height_factor);
    assert_true(near(p->line_height, 1.5f));
    assert_string_equal(p->font_family, "PT Sans, sans-serif");
    const computed_style *h1 = S(r, fx->h1);
    assert_true(h1->italic);
    assert_int_equal(h1->font_weight, 700);
    assert_true(near(h1->font_size, 20));
    assert_true(h1->line_height_normal);
    assert_string_equal(h1->font_family, "Georgia");
    const computed_style *li = S(r, fx->li[0]);
    assert_int_equal(li->font_weight, 600);
    assert_false(li->line_height_factor);
    assert_true(near(li->line_height, 12));
    assert_string_equal(li->font_family, "PT Mono, monospace");
    assert_non_null(strstr(test_env_log(&fx->env), "small-caps is not supported; ignored"));
    r = run(fx, "p { font: bold } h1 { font: 12pt } li { font: 12pt/ serif }");
    assert_int_equal(S(r, fx->lead)->font_weight, 400);
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'font': 'bold'"));
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'font': '12pt'"));
}

static void test_units_and_font_size(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "body { font-size: 10pt } p { font-size: 2em; margin-top: 1em; text-indent: 2rem }"
                              " em { font-size: 50% } strong { font-size: larger; margin-left: 0.5em }"
                              " h1 { font-size: 1in; padding-top: 2.54cm; padding-left: 16px; padding-right: 6pc }"
                              " li { font-size: x-large } td { font-size: smaller; letter-spacing: 0.1em }");
    assert_true(near(S(r, fx->body)->font_size, 10));
    const computed_style *p = S(r, fx->lead);
    assert_true(near(p->font_size, 20));             /* em of the parent's size */
    assert_true(near(p->margin[SIDE_TOP], 20));       /* em of its own size */
    assert_true(near(p->text_indent, 20));            /* rem: the root's 10pt */
    assert_true(near(S(r, fx->em)->font_size, 10));
    assert_true(near(S(r, fx->strong)->font_size, 12));
    assert_true(near(S(r, fx->strong)->margin[SIDE_LEFT], 6));
    const computed_style *h1 = S(r, fx->h1);
    assert_true(near(h1->font_size, 72));
    assert_true(near(h1->padding[SIDE_TOP], 72));
    assert_true(near(h1->padding[SIDE_LEFT], 12));
    assert_true(near(h1->padding[SIDE_RIGHT], 72));
    assert_true(near(S(r, fx->li[1])->font_size, 18));
    assert_true(near(S(r, fx->td[0][0])->font_size, 10 / 1.2f));
    assert_true(near(S(r, fx->td[0][0])->letter_spacing, 1 / 1.2f));
    /* rem in the root's own font-size is the initial 12pt */
    r = run(fx, "body { font-size: 2rem } p { font-size: 1rem }");
    assert_true(near(S(r, fx->body)->font_size, 24));
    assert_true(near(S(r, fx->lead)->font_size, 24));
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_line_height(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "body { font-size: 10pt; line-height: 1.5 } p { font-size: 20pt }"
                              " ul { line-height: 15pt } li { font-size: 30pt }"
                              " table { line-height: 150% } td { font-size: 20pt } h1 { line-height: normal }");
    /* a number is inherited as a factor */
    assert_true(S(r, fx->lead)->line_height_factor);
    assert_true(near(style_line_height(S(r, fx->lead)), 30));
    /* a length is inherited as a length */
    assert_true(near(style_line_height(S(r, fx->li[0])), 15));
    /* a percentage is computed (to 15pt) and inherited as such */
    assert_false(S(r, fx->td[0][0])->line_height_factor);
    assert_true(near(style_line_height(S(r, fx->td[0][0])), 15));
    /* normal without a face is 1.2 */
    assert_true(S(r, fx->h1)->line_height_normal);
    assert_true(near(style_line_height(S(r, fx->h1)), 12));
}

static void test_colours_and_current_color(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { color: #00f; border: 1pt solid; background: currentColor; text-decoration: underline }"
                              " em { color: red; border-top: 1pt solid currentcolor; text-decoration: line-through green }"
                              " li { color: rgba(0, 0, 0, 50%); background-color: transparent }");
    const computed_style *p = S(r, fx->lead);
    assert_int_equal(p->border[SIDE_TOP].color, BLUE);
    assert_int_equal(p->background, BLUE);
    assert_int_equal(p->decoration, DECO_UNDERLINE);
    assert_int_equal(p->decoration_color, BLUE);
    const computed_style *em = S(r, fx->em);
    assert_int_equal(em->border[SIDE_TOP].color, RED);
    assert_int_equal(em->decoration, DECO_LINE_THROUGH);
    assert_int_equal(em->decoration_color, GREEN);
    assert_int_equal(S(r, fx->strong)->decoration, 0); /* not inherited: layout propagates */
    assert_int_equal(S(r, fx->li[0])->color, 0x00000080u);
    assert_int_equal(S(r, fx->li[0])->background, 0);
    r = run(fx, "p { background: url(x.png) no-repeat red }");
    assert_int_equal(S(r, fx->lead)->background, RED);
    assert_non_null(strstr(test_env_log(&fx->env), "only a colour is supported in 'background'; 'url(x.png)' ignored"));
    assert_non_null(strstr(test_env_log(&fx->env), "'no-repeat' ignored"));
}

static void test_keyword_properties(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx,
        "p { text-align: justify; hyphens: auto; white-space: pre-wrap; text-transform: uppercase;"
        "    orphans: 3; widows: 4; vertical-align: super; break-before: page; break-after: avoid;"
        "    break-inside: avoid-page; display: none; font-weight: 300; font-style: oblique 10deg;"
        "    width: 50%; height: 2em; font-size: 10pt; font-kerning: none }"
        " em { font-weight: bolder; text-align: end } strong { font-weight: lighter; text-align-last: center;"
        "    font-kerning: normal }"
        " h1 { page-break-before: always; page-break-after: left; page-break-inside: avoid; width: 3cm }"
        " li { text-align: center; text-align-last: auto; display: list-item; white-space: nowrap }"
        " td { vertical-align: middle; text-decoration-line: underline overline; text-decoration-color: red }");
    const computed_style *p = S(r, fx->lead);
    assert_int_equal(p->align, TEXT_JUSTIFY);
    assert_int_equal(p->align_last, TEXT_LEFT);
    assert_true(p->align_last_auto);
    assert_int_equal(p->hyphens, HYPHENS_AUTO);
    assert_int_equal(p->white_space, WS_PRE_WRAP);
    assert_int_equal(p->transform, TT_UPPERCASE);
    assert_int_equal(p->orphans, 3);
    assert_int_equal(p->widows, 4);
    assert_int_equal(p->valign, VALIGN_SUPER);
    assert_int_equal(p->break_before, BREAK_PAGE);
    assert_int_equal(p->break_after, BREAK_AVOID);
    assert_int_equal(p->break_inside, BREAK_AVOID);
    assert_int_equal(p->display, DISPLAY_NONE);
    assert_int_equal(p->font_weight, 300);
    assert_true(p->italic);
    assert_int_equal(p->width.kind, LEN_PERCENT);
    assert_true(near(p->width.v, 50));
    assert_int_equal(p->height.kind, LEN_PT);
    assert_true(near(p->height.v, 20));
    assert_int_equal(S(r, fx->em)->font_weight, 400);
    assert_int_equal(S(r, fx->em)->align, TEXT_RIGHT);
    assert_int_equal(S(r, fx->em)->align_last, TEXT_RIGHT); /* auto follows text-align */
    assert_int_equal(S(r, fx->em)->display, DISPLAY_NORMAL);
    assert_int_equal(S(r, fx->strong)->font_weight, 100);
    assert_false(p->kerning);
    assert_false(S(r, fx->em)->kerning); /* inherited */
    assert_true(S(r, fx->strong)->kerning);
    assert_int_equal(S(r, fx->strong)->align_last, TEXT_CENTER);
    assert_false(S(r, fx->strong)->align_last_auto);
    const computed_style *h1 = S(r, fx->h1);
    assert_int_equal(h1->break_before, BREAK_PAGE);
    assert_int_equal(h1->break_after, BREAK_LEFT);
    assert_int_equal(h1->break_inside, BREAK_AVOID);
    assert_int_equal(h1->width.kind, LEN_PT);
    assert_true(near(h1->width.v, 85.0394f));
    assert_int_equal(S(r, fx->li[0])->align_last, TEXT_CENTER);
    assert_int_equal(S(r, fx->li[0])->white_space, WS_NOWRAP);
    const computed_style *td = S(r, fx->td[1][1]);
    assert_int_equal(td->valign, VALIGN_MIDDLE);
    assert_int_equal(td->decoration, DECO_UNDERLINE | DECO_OVERLINE);
    assert_int_equal(td->decoration_color, RED);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_list_style(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "ul { list-style-type: square } li:first-child { list-style: upper-roman outside }"
                              " li:last-child { list-style: none }");
    assert_int_equal(S(r, fx->li[0])->list_style, LIST_UPPER_ROMAN);
    assert_int_equal(S(r, fx->li[1])->list_style, LIST_SQUARE); /* inherited */
    assert_int_equal(S(r, fx->li[2])->list_style, LIST_NONE);
    assert_string_equal(test_env_log(&fx->env), "");
    r = run(fx, "li { list-style: inside lower-alpha }");
    assert_int_equal(S(r, fx->li[1])->list_style, LIST_LOWER_ALPHA);
    assert_non_null(strstr(test_env_log(&fx->env), "only the marker type is supported in 'list-style'; 'inside' ignored"));
    r = run(fx, "li { list-style-type: lower-greek }");
    assert_int_equal(S(r, fx->li[1])->list_style, LIST_DISC);
    assert_non_null(strstr(test_env_log(&fx->env), "invalid value for 'list-style-type': 'lower-greek'"));
}

static void test_percentages_and_clamps(void **state)
{
    fixture *fx = *state;
    /* % margins and padding are of the page's content width: 300 - 2 x 50 */
    style_result *r = run(fx, "@page { size: 300pt 500pt; margin: 50pt } p { margin-left: 10%; padding-right: 5%; text-indent: 50% }");
    assert_true(near(S(r, fx->lead)->margin[SIDE_LEFT], 20));
    assert_true(near(S(r, fx->lead)->padding[SIDE_RIGHT], 10));
    assert_true(near(S(r, fx->lead)->text_indent, 100));
    r = run(fx, "p { font-size: 0 } h1 { font-size: 2000pt } li { font-size: 100em } td { width: -5pt }");
    assert_true(near(S(r, fx->lead)->font_size, 1));
    assert_true(near(S(r, fx->h1)->font_size, 600)); /* the PDF library's limit */
    assert_true(near(S(r, fx->li[0])->font_size, 600));
    assert_true(near(S(r, fx->td[0][0])->width.v, 0));
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "a.css:1:5: warning: font-size 0pt is not positive; clamped to 1pt"));
    assert_non_null(strstr(log, "a.css:1:25: warning: font-size 2000pt is too large; clamped to 600pt"));
    assert_non_null(strstr(log, "font-size 1200pt is too large"));
    /* one warning per declaration, however many elements use it */
    assert_null(strstr(strstr(log, "1200pt") + 1, "1200pt"));
}

static void test_pseudo_elements(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { font-size: 10pt; color: blue } p::before { content: \"» \"; color: red }"
                              " p::after { color: green } em:after { content: none }"
                              " li::marker { color: gray; font-size: 8pt } li:last-child::marker { content: none }"
                              " p::marker { color: red } td::before { content: counter(row) \". \" }");
    const computed_style *p = S(r, fx->lead);
    assert_non_null(p->before);
    assert_string_equal(p->before->content->text, "» ");
    assert_int_equal(p->before->color, RED);
    assert_true(near(p->before->font_size, 10)); /* inherits from its element */
    assert_null(p->after);                       /* no content, no box */
    assert_null(p->marker);                      /* only list items have markers */
    assert_null(p->content);
    assert_null(S(r, fx->em)->after);
    const computed_style *li = S(r, fx->li[0]);
    assert_non_null(li->marker);
    assert_int_equal(li->marker->color, 0x808080FFu);
    assert_true(near(li->marker->font_size, 8));
    assert_null(li->marker->content); /* normal: the list-style marker */
    const computed_style *last = S(r, fx->li[2])->marker;
    assert_non_null(last->content);
    assert_string_equal(last->content->text, ""); /* none: an empty marker */
    const content_part *c = S(r, fx->td[2][0])->before->content;
    assert_int_equal(c->kind, CONTENT_COUNTER);
    assert_string_equal(c->text, "row");
    /* footnote bodies have a marker too: their number */
    doc_node *fn = test_node(&fx->env, fx->body, DOC_FOOTNOTE_DEF, "footnote");
    doc_finish(&fx->env.doc);
    r = run(fx, "aside.footnote::marker { color: red } p::marker { color: red }");
    assert_int_equal(S(r, fn)->marker->color, RED);
    assert_null(S(r, fx->lead)->marker);
    /* a pseudo-element's content on the element itself is ignored */
    r = run(fx, "p { content: \"x\" }");
    assert_null(S(r, fx->lead)->content);
    assert_null(S(r, fx->lead)->before);
}

static void test_generated_content_properties(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "h1 { string-set: title content(); counter-reset: chapter 2 figure;"
                              " counter-increment: part } li { counter-increment: item 2 }"
                              " li:first-child { counter-increment: none }");
    const computed_style *h1 = S(r, fx->h1);
    assert_string_equal(h1->string_sets->name, "title");
    assert_int_equal(h1->string_sets->value->kind, CONTENT_CONTENTS);
    assert_string_equal(h1->counter_reset->name, "chapter");
    assert_int_equal(h1->counter_reset->value, 2);
    assert_int_equal(h1->counter_reset->next->value, 0);
    assert_string_equal(h1->counter_increment->name, "part");
    assert_int_equal(h1->counter_increment->value, 1);
    assert_null(S(r, fx->lead)->string_sets); /* not inherited */
    assert_null(S(r, fx->li[0])->counter_increment);
    assert_int_equal(S(r, fx->li[1])->counter_increment->value, 2);
}

static void test_style_sharing(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "tr:nth-child(even) td { color: red } td.num { text-align: right }");
    /* equal styles are one object */
    assert_ptr_equal(S(r, fx->td[0][0]), S(r, fx->td[2][0]));
    assert_ptr_equal(S(r, fx->td[1][0]), S(r, fx->td[3][0]));
    assert_ptr_equal(S(r, fx->td[1][1]), S(r, fx->td[3][1]));
    assert_ptr_not_equal(S(r, fx->td[0][0]), S(r, fx->td[1][0]));
    assert_ptr_equal(S(r, fx->li[0]), S(r, fx->li[2]));
    /* styles reached by different rules but equal in value are shared too */
    r = run(fx, "li:first-child { color: red } li:last-child { color: #f00 }");
    assert_ptr_equal(S(r, fx->li[0]), S(r, fx->li[2]));
    assert_ptr_not_equal(S(r, fx->li[0]), S(r, fx->li[1]));
    for (doc_node *n = fx->env.doc.root; n; n = doc_next_preorder(n, fx->env.doc.root))
        assert_non_null(S(r, n));
}

static void test_recovery_keeps_later_rules(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "p { color: red; @@ } h1 { color: \"oops\n; font-size: 30pt }"
                              " li } em { color: green } } strong { color: blue } td { color: green }");
    assert_int_equal(S(r, fx->lead)->color, RED);
    assert_true(near(S(r, fx->h1)->font_size, 30));
    assert_int_equal(S(r, fx->td[0][0])->color, GREEN);
    assert_true(fx->env.d.warnings > 0);
}

static void test_embedded_default_and_strict(void **state)
{
    fixture *fx = *state;
    style_source src = {"<default>", embedded_default_css, embedded_default_css_len};
    style_result *r = style_compute(fx->env.a, &fx->env.d, NULL, &fx->env.doc, &src, 1);
    assert_non_null(r);
    assert_int_equal(fx->env.d.warnings, 0);
    assert_non_null(S(r, fx->body));
    fx->env.d.strict = true;
    style_source bad = {"bad.css", "p { colour: red }", 17};
    assert_null(style_compute(fx->env.a, &fx->env.d, NULL, &fx->env.doc, &bad, 1));
    assert_non_null(strstr(test_env_log(&fx->env), "bad.css:1:5: error: unknown property 'colour'\nbad.css:1:5: note: did you mean 'color'?"));
}

static void test_empty_document(void **state)
{
    fixture *fx = *state;
    doc_document empty = {0};
    empty.root = doc_new(fx->env.a, &empty, DOC_DOCUMENT, srcpos_make("e.md", 1, 1));
    doc_finish(&empty);
    style_source src = {"a.css", "body { color: red }", 19};
    style_result *r = style_compute(fx->env.a, &fx->env.d, NULL, &empty, &src, 1);
    assert_int_equal(style_of(r, empty.root)->color, RED);
    r = style_compute(fx->env.a, &fx->env.d, NULL, &empty, NULL, 0);
    assert_int_equal(style_of(r, empty.root)->color, BLACK);
    assert_true(near(style_page(r, false, PAGE_RIGHT)->width, 595.2756f));
}

/* ---- with the bundled fonts ------------------------------------------- */

static void test_fonts_resolved(void **state)
{
    fixture *fx = *state;
    style_result *r = run(fx, "body { font-family: \"PT Serif\", serif } p { font-family: PT Sans, sans-serif }"
                              " em { font-style: italic } strong { font-weight: bold }"
                              " li { font-family: monospace } td { font-size: 20pt }");
    assert_string_equal(S(r, fx->body)->font->psname, "PTSerif-Regular");
    assert_string_equal(S(r, fx->lead)->font->psname, "PTSans-Regular");
    assert_string_equal(S(r, fx->em)->font->psname, "PTSans-Italic");
    assert_string_equal(S(r, fx->strong)->font->psname, "PTSans-BoldItalic");
    assert_string_equal(S(r, fx->li[0])->font->psname, "PTMono-Regular");
    /* a change of size alone keeps the parent's face */
    assert_ptr_equal(S(r, fx->td[0][0])->font, S(r, fx->body)->font);
    /* normal line height comes from the face's metrics */
    float lh = style_line_height(S(r, fx->body));
    assert_true(lh > 12 && lh < 18);
    assert_string_equal(test_env_log(&fx->env), "");
}

static void test_font_warnings_point_at_the_sheet(void **state)
{
    fixture *fx = *state;
    run(fx, "p {\n  font-family: Nonexistent Family Zz, serif;\n}\nh1 { font-family: Nonexistent Other Zz }");
    const char *log = test_env_log(&fx->env);
    assert_non_null(strstr(log, "a.css:4:6: warning: no font found for font-family 'Nonexistent Other Zz'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_specificity_and_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_important, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inheritance_and_keywords, setup, teardown),
        cmocka_unit_test_setup_teardown(test_margin_padding_shorthands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_border_shorthands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_font_shorthand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_units_and_font_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_height, setup, teardown),
        cmocka_unit_test_setup_teardown(test_colours_and_current_color, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keyword_properties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_style, setup, teardown),
        cmocka_unit_test_setup_teardown(test_percentages_and_clamps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pseudo_elements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_generated_content_properties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_style_sharing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recovery_keeps_later_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_embedded_default_and_strict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fonts_resolved, setup_fonts, teardown),
        cmocka_unit_test_setup_teardown(test_font_warnings_point_at_the_sheet, setup_fonts, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
