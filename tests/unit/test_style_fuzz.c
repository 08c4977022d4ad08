/* Robustness: no style sheet may crash the compiler or make it loop.
 * Random bytes, CSS-flavoured byte soup, shuffled fragments of a real
 * sheet, every truncated prefix of it and random mutations go through the
 * whole stage (parse, cascade, pages, dump) with a fixed seed, so that a
 * failure reproduces. Run under valgrind and the sanitizers as well. */
#include "testing.h"

#include "../../src/style/css_internal.h"

static const char real_sheet[] =
    "@charset \"utf-8\";\n"
    "/* a dossier */\n"
    "body { font: 10.5pt/1.45 \"PT Serif\", Georgia, serif; color: #1a1a1a; hyphens: auto }\n"
    "h1, h2, h3 { font-family: \"PT Sans\", sans-serif; break-after: avoid; color: rgb(20 40 80) }\n"
    "h1 { font-size: 2em; margin: 0 0 .5em; string-set: title content() }\n"
    "h2 { font-size: 1.4em; margin: 1.2em 0 .4em; border-bottom: 0.5pt solid #999;\n"
    "     counter-increment: section; string-set: chapter counter(section) \". \" content() }\n"
    "h2::before { content: counter(section, upper-roman) \" \"; color: hsl(210, 50%, 40%) }\n"
    "p { margin: 0 0 6pt; text-align: justify; orphans: 3; widows: 3; text-indent: 1.5em }\n"
    "p.lead:first-child { font-size: larger; text-indent: 0 }\n"
    "blockquote { margin: 6pt 2em; padding: 0 1em; border-left: 3px solid rgba(0,0,0,.2); font-style: italic }\n"
    "ul, ol { margin: 0 0 6pt 1.5em } ol { list-style: lower-alpha } li::marker { color: #c00 }\n"
    "table { width: 100%; margin: 8pt 0; break-inside: avoid }\n"
    "th { font-weight: bold; background: #e8e8e8; border-bottom: 1pt solid black }\n"
    "tr:nth-child(even) td { background-color: #f6f6f6 } td.num { text-align: right; white-space: nowrap }\n"
    "tr:nth-child( -n + 3 ) > td:last-child { color: currentColor !important }\n"
    "pre, code { font-family: \"PT Mono\", monospace; font-size: 0.9em } pre { white-space: pre; padding: 4pt }\n"
    "a { color: navy; text-decoration: underline } a::after { content: leader(dotted) target-counter(attr(href), page) }\n"
    "div.warning > header { font-weight: 700; text-transform: uppercase; letter-spacing: .05em }\n"
    "aside.footnote { font-size: 8pt } sup.footnote-ref { vertical-align: super; font-size: 70% }\n"
    "@media print { hr { border: none; border-top: thin dashed gray; margin: 12pt 0 } }\n"
    "@media screen { body { color: red } }\n"
    "@page { size: A4; margin: 25mm 20mm 20mm; font-size: 8pt;\n"
    "  @top-left { content: string(title) } @top-right { content: string(chapter, first) }\n"
    "  @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages) } }\n"
    "@page :first { margin-top: 40mm; @top-left { content: none } @top-right { content: none } }\n"
    "@page :left { margin-left: 25mm; margin-right: 20mm } @page :right { margin-left: 20mm; margin-right: 25mm }\n";

typedef struct {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

static unsigned below(rng *r, unsigned n)
{
    return (unsigned)(next(r) % n);
}

typedef struct {
    arena *a;      /* the document's */
    doc_document doc;
    FILE *devnull;
} fixture;

static doc_node *add(fixture *fx, doc_node *parent, doc_kind k, const char *cls)
{
    doc_node *n = doc_new(fx->a, &fx->doc, k, srcpos_make("t.md", 1, 1));
    n->cls = cls ? cls : "";
    if (parent)
        doc_append(parent, n);
    else
        fx->doc.root = n;
    return n;
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    fx->a = arena_new();
    fx->devnull = fopen("/dev/null", "w");
    doc_node *body = add(fx, NULL, DOC_DOCUMENT, NULL);
    doc_node *h = add(fx, body, DOC_HEADING, NULL);
    h->u.heading.level = 2;
    add(fx, h, DOC_TEXT, NULL);
    doc_node *p = add(fx, body, DOC_PARAGRAPH, "lead");
    add(fx, add(fx, p, DOC_LINK, NULL), DOC_TEXT, NULL);
    doc_node *ol = add(fx, body, DOC_LIST, NULL);
    ol->u.list.ordered = true;
    for (int i = 0; i < 3; i++)
        add(fx, add(fx, ol, DOC_ITEM, NULL), DOC_TEXT, NULL);
    doc_node *t = add(fx, body, DOC_TABLE, NULL);
    for (int r = 0; r < 4; r++) {
        doc_node *tr = add(fx, t, DOC_TABLE_ROW, NULL);
        tr->u.row.header = r == 0;
        for (int c = 0; c < 3; c++)
            add(fx, add(fx, tr, DOC_TABLE_CELL, c == 2 ? "num" : NULL), DOC_TEXT, NULL);
    }
    doc_node *div = add(fx, body, DOC_CONTAINER, "warning");
    add(fx, div, DOC_CAPTION, NULL);
    add(fx, add(fx, div, DOC_BLOCKQUOTE, NULL), DOC_PARAGRAPH, NULL);
    doc_finish(&fx->doc);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    fclose(fx->devnull);
    arena_free(fx->a);
    free(fx);
    return 0;
}

/* The whole stage on one sheet; diagnostics are counted, not printed. */
static void run(fixture *fx, const char *css, size_t len, bool strict)
{
    arena *a = arena_new();
    diag d;
    diag_init(&d, NULL);
    d.strict = strict;
    style_source src[2] = {{"<default>", embedded_default_css, embedded_default_css_len},
                           {"fuzz.css", css, len}};
    style_result *r = style_compute(a, &d, NULL, &fx->doc, src, 2);
    if (r) {
        for (doc_node *n = fx->doc.root; n; n = doc_next_preorder(n, fx->doc.root))
            assert_non_null(style_of(r, n));
        for (int i = 0; i < 4; i++) {
            const page_style *p = style_page(r, i & 1, (page_side)(i >> 1));
            assert_true(p->width > 0 && p->height > 0);
            assert_true(p->margin[SIDE_LEFT] + p->margin[SIDE_RIGHT] < p->width);
            assert_true(p->margin[SIDE_TOP] + p->margin[SIDE_BOTTOM] < p->height);
        }
        style_dump(fx->devnull, &fx->doc, r);
    } else {
        assert_true(strict);
    }
    diag_free(&d);
    arena_free(a);
}

static void test_real_sheet_is_clean(void **state)
{
    fixture *fx = *state;
    arena *a = arena_new();
    diag d;
    diag_init(&d, NULL);
    style_source src = {"real.css", real_sheet, sizeof real_sheet - 1};
    assert_non_null(style_compute(a, &d, NULL, &fx->doc, &src, 1));
    assert_int_equal(d.warnings, 0);
    diag_free(&d);
    arena_free(a);
}

static void test_random_bytes(void **state)
{
    fixture *fx = *state;
    rng r = {0x9E3779B97F4A7C15ull};
    static const char css_bytes[] = "{}();:,\"'\\/*@#.!-+% \n\t<>[]0123456789abcdefnpxu";
    char buf[600];
    for (int it = 0; it < 3000; it++) {
        size_t len = below(&r, sizeof buf);
        bool soup = it % 2;
        for (size_t i = 0; i < len; i++)
            buf[i] = soup ? css_bytes[below(&r, sizeof css_bytes - 1)] : (char)next(&r);
        run(fx, buf, len, it % 7 == 0);
    }
}

static void test_truncated_prefixes(void **state)
{
    fixture *fx = *state;
    size_t n = sizeof real_sheet - 1;
    for (size_t len = 0; len <= n; len++)
        run(fx, real_sheet, len, false);
}

static void test_shuffled_fragments_and_mutations(void **state)
{
    fixture *fx = *state;
    rng r = {12345};
    size_t n = sizeof real_sheet - 1;
    char *buf = malloc(n * 2 + 16);
    for (int it = 0; it < 1500; it++) {
        size_t len = 0;
        if (it % 2) {
            /* fragments of the real sheet glued in random order */
            int pieces = 1 + (int)below(&r, 12);
            for (int k = 0; k < pieces; k++) {
                size_t from = below(&r, (unsigned)n), take = 1 + below(&r, 60);
                if (from + take > n)
                    take = n - from;
                if (len + take > n * 2)
                    break;
                memcpy(buf + len, real_sheet + from, take);
                len += take;
            }
        } else {
            /* the real sheet with a few bytes changed, dropped or inserted */
            memcpy(buf, real_sheet, n);
            len = n;
            int edits = 1 + (int)below(&r, 8);
            for (int k = 0; k < edits; k++) {
                size_t at = below(&r, (unsigned)len);
                switch (below(&r, 3)) {
                case 0:
                    buf[at] = (char)next(&r);
                    break;
                case 1:
                    memmove(buf + at, buf + at + 1, len - at - 1);
                    len--;
                    break;
                default:
                    if (len < n * 2) {
                        memmove(buf + at + 1, buf + at, len - at);
                        buf[at] = "{}();:\"'\\/*@"[below(&r, 12)];
                        len++;
                    }
                }
            }
        }
        run(fx, buf, len, false);
    }
    free(buf);
}

static void test_pathological_sheets(void **state)
{
    fixture *fx = *state;
    size_t n = 200000;
    char *buf = malloc(n + 1);
    static const char *const fills[] = {"{", "(", "[", "@media print{", "p ", "/*", "\"", "\\", "td:nth-child(",
                                        "*", ",", "p{x:y;", "url(", "@page{@top-left{"};
    for (size_t f = 0; f < COUNT_OF(fills); f++) {
        size_t k = strlen(fills[f]), len = 0;
        while (len + k <= n) {
            memcpy(buf + len, fills[f], k);
            len += k;
        }
        run(fx, buf, len, false);
    }
    /* one very long selector and one very long value */
    size_t len = 0;
    while (len + 3 < n) {
        memcpy(buf + len, "p> ", 3);
        len += 3;
    }
    memcpy(buf + len - 3, "p{}", 3);
    run(fx, buf, len, false);
    len = (size_t)snprintf(buf, n, "p { font-family: ");
    while (len + 4 < n) {
        memcpy(buf + len, "a, ", 3);
        len += 3;
    }
    buf[len++] = 'z';
    run(fx, buf, len, false);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_real_sheet_is_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_prefixes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shuffled_fragments_and_mutations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pathological_sheets, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
