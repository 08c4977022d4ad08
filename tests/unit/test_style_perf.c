/* Performance sanity: a generated document of about 100,000 nodes (a long
 * table with zebra stripes, headings, paragraphs, lists) styled with a
 * realistic sheet. Asserts completion, a style for every node and that
 * equal styles are shared (memory stays bounded); the time is printed,
 * never asserted, since machines differ. */
#include "testing.h"

#include <time.h>

#include "../../src/style/css_internal.h"

static const char sheet[] =
    "body { font: 10pt/1.4 \"PT Serif\", serif; color: #222 }\n"
    "h2 { font-size: 1.4em; font-weight: bold; margin: 1em 0 .4em; break-after: avoid;"
    " string-set: chapter content() }\n"
    "p { margin: 0 0 6pt; text-align: justify } p em { font-style: italic }\n"
    "ul li::marker { color: gray } li { margin-bottom: 2pt }\n"
    "table { margin: 6pt 0 } th { font-weight: bold; border-bottom: 1pt solid }\n"
    "td { padding: 2pt 4pt; border-bottom: 0.25pt solid #ccc }\n"
    "tr:nth-child(even) td { background-color: #f4f4f4 }\n"
    "td.num { text-align: right } table tr:last-child td { border-bottom: none }\n"
    "blockquote p, div.note p, aside p, figure figcaption { font-size: 9pt }\n"
    "@page { margin: 2cm; @bottom-center { content: counter(page) } }\n";

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (const void *const *)a, y = (uintptr_t) * (const void *const *)b;
    return x < y ? -1 : x > y;
}

static void test_100k_nodes(void **state)
{
    (void)state;
    arena *a = arena_new();
    diag d;
    diag_init(&d, NULL);
    doc_document doc = {0};
    srcpos at = srcpos_make("big.md", 1, 1);
    doc_node *body = doc_new(a, &doc, DOC_DOCUMENT, at);
    doc.root = body;
    for (int s = 0; s < 50; s++) {
        doc_node *h = doc_new(a, &doc, DOC_HEADING, at);
        h->u.heading.level = 2;
        doc_append(body, h);
        doc_append(h, doc_new(a, &doc, DOC_TEXT, at));
        for (int k = 0; k < 20; k++) {
            doc_node *p = doc_new(a, &doc, DOC_PARAGRAPH, at);
            doc_append(body, p);
            doc_append(p, doc_new(a, &doc, DOC_TEXT, at));
            doc_node *em = doc_new(a, &doc, DOC_EMPH, at);
            doc_append(p, em);
            doc_append(em, doc_new(a, &doc, DOC_TEXT, at));
            doc_append(p, doc_new(a, &doc, DOC_SOFTBREAK, at));
        }
        doc_node *ul = doc_new(a, &doc, DOC_LIST, at);
        doc_append(body, ul);
        for (int k = 0; k < 10; k++) {
            doc_node *li = doc_new(a, &doc, DOC_ITEM, at);
            doc_append(ul, li);
            doc_append(li, doc_new(a, &doc, DOC_TEXT, at));
        }
    }
    doc_node *table = doc_new(a, &doc, DOC_TABLE, at);
    doc_append(body, table);
    while (doc.node_count < 100000) {
        doc_node *tr = doc_new(a, &doc, DOC_TABLE_ROW, at);
        tr->u.row.header = table->nchildren == 0;
        doc_append(table, tr);
        for (int c = 0; c < 3; c++) {
            doc_node *td = doc_new(a, &doc, DOC_TABLE_CELL, at);
            if (c == 2)
                td->cls = "num";
            doc_append(tr, td);
            doc_append(td, doc_new(a, &doc, DOC_TEXT, at));
        }
    }
    doc_finish(&doc);

    style_source src[2] = {{"<default>", embedded_default_css, embedded_default_css_len},
                           {"perf.css", sheet, sizeof sheet - 1}};
    /* what styling costs whatever the document: the sheets, parsed (the
     * built-in one holds the words of 16 languages) */
    doc_document tiny = {0};
    tiny.root = doc_new(a, &tiny, DOC_DOCUMENT, at);
    size_t fixed = arena_used(a);
    assert_non_null(style_compute(a, &d, NULL, &tiny, src, 2));
    fixed = arena_used(a) - fixed;
    size_t before = arena_used(a);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    style_result *r = style_compute(a, &d, NULL, &doc, src, 2);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_non_null(r);
    assert_int_equal(d.warnings, 0);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("styled %d nodes in %.1f ms, %zu KB of arena\n", doc.node_count, ms,
           (arena_used(a) - before) / 1024);

    const void **ptrs = malloc(sizeof *ptrs * (size_t)doc.node_count);
    for (int i = 0; i < doc.node_count; i++) {
        assert_non_null(r->by_node[i]);
        ptrs[i] = r->by_node[i];
    }
    qsort(ptrs, (size_t)doc.node_count, sizeof *ptrs, cmp_ptr);
    int distinct = 1;
    for (int i = 1; i < doc.node_count; i++)
        distinct += ptrs[i] != ptrs[i - 1];
    free(ptrs);
    assert_true(distinct < 40);
    /* beyond the sheets, by_node dominates: the styles are a few KB */
    printf("%zu KB for the sheets alone\n", fixed / 1024);
    assert_true(arena_used(a) - before - fixed < (size_t)doc.node_count * 64);
    /* the zebra stripes (body rows count from 1 after the header row) and the last row */
    doc_node *last = table->last;
    assert_int_equal(style_of(r, last->first)->border[SIDE_BOTTOM].style, BORDER_NONE);
    assert_int_equal(style_of(r, table->first->next->first)->background, 0);
    assert_int_equal(style_of(r, table->first->next->next->first)->background, 0xF4F4F4FFu);
    diag_free(&d);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_100k_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
