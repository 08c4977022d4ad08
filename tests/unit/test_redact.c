/* Editions and redaction: what the matcher counts as an occurrence, what
 * the pass leaves in the tree of each edition, and what the self-check
 * finds in PDFs built by hand (glyph codes that are not Unicode, names
 * drawn in pieces, compressed streams, object streams, UTF-16 strings). */
#include "testing.h"

#include "../../src/parse/parse.h"
#include "../../src/redact/redact_internal.h"

#include <zlib.h>

/* ---- matching ---------------------------------------------------------- */

static size_t count_in(arena *a, const char *name, const char *text)
{
    needle nd;
    assert_true(needle_make(a, name, strlen(name), &nd));
    folded f;
    fold_init(&f, a);
    fold_utf8(&f, text, strlen(text), 0);
    size_t n = 0;
    for (size_t i = 0; i < f.n; i++)
        if (fold_word_start(&f, i) && needle_match_at(&f, i, &nd))
            n++;
    return n;
}

static void test_matching(void **state)
{
    (void)state;
    arena *a = arena_new();
    assert_int_equal(count_in(a, "Daniyar Kemelbekov", "DANIYAR  kemelbekov said"), 1);
    assert_int_equal(count_in(a, "Daniyar Kemelbekov", "Daniyar\nKemelbekov's lawyer"), 1);
    assert_int_equal(count_in(a, "Daniyar Kemelbekov", "Daniyar Kemel\xC2\xAD" "bekov"), 1); /* soft hyphen */
    assert_int_equal(count_in(a, "Daniyar Kemelbekov", "Daniyar Kemelbekova"), 1);           /* an ending */
    assert_int_equal(count_in(a, "Daniyar Kemelbekov", "Daniyar met Kemelbekov"), 0);
    assert_int_equal(count_in(a, "Daniyar Kemelbekov", "Kemelbekov"), 0);
    /* Cyrillic case folding, ё as е, Russian case endings on every word */
    assert_int_equal(count_in(a, "Ерлан Омаров", "ЕРЛАНА ОМАРОВА допросили"), 1);
    assert_int_equal(count_in(a, "Пётр Зуев", "Петра Зуева"), 1);
    /* a name inside another word is not an occurrence */
    assert_int_equal(count_in(a, "Ali", "Khalid and quality"), 0);
    assert_int_equal(count_in(a, "Ali", "Ali, Alina"), 2);
    needle nd;
    assert_false(needle_make(a, " -- ", 4, &nd));
    arena_free(a);
}

/* ---- the pass ---------------------------------------------------------- */

static const char *const dossier_md =
    "---\n"
    "title: Visit to Daniyar Kemelbekov\n"
    "classification: Restricted\n"
    "classification-public: Public\n"
    "redact: [Daniyar Kemelbekov, \"Sultanova, Aigerim\"]\n"
    "EDITION\n"
    "---\n"
    "# Daniyar Kemelbekov\n\n"
    "Met *Daniyar Kemel*bekov and {redact}`Zhanna Bekova` on Monday; Zhanna Bekova again.\n\n"
    "| Who | Where |\n|---|---|\n| Sultanova, Aigerim | [home](https://example.org/daniyar-kemelbekov) |\n\n"
    "```{redact}\nThe safe house stands near the river crossing.\n```\n";

static char *compile_tree(arena *a, diag *d, const char *edition, doc_document **out)
{
    const char *e = strstr(dossier_md, "EDITION");
    char *md = arena_printf(a, "%.*s%s%s", (int)(e - dossier_md), dossier_md, edition,
                            e + strlen("EDITION"));
    parse_options popt = {.max_input = PARSE_DEFAULT_MAX_INPUT};
    doc_document *doc = parse_markdown_string(a, d, "x.md", md, strlen(md), &popt);
    assert_non_null(doc);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    doc_dump(f, doc);
    fclose(f);
    char *dump = arena_strdup(a, buf);
    free(buf);
    *out = doc;
    return dump;
}

static void test_public_tree(void **state)
{
    test_env *e = *state;
    doc_document *doc;
    char *dump = compile_tree(e->a, &e->d, "edition: public", &doc);
    const char *names[] = {"Daniyar", "Kemel", "Zhanna", "Bekova", "Sultanova", "Aigerim", "safe house",
                           "daniyar", "Restricted"};
    for (size_t i = 0; i < COUNT_OF(names); i++)
        if (strstr(dump, names[i]))
            fail_msg("the public tree holds '%s':\n%s", names[i], dump);
    assert_non_null(strstr(dump, "meta classification = \"Public\""));
    assert_non_null(strstr(dump, "meta edition = \"public\""));
    assert_null(strstr(dump, "meta redact"));
    /* the heading is wholly withheld: marked, and its id is not its text */
    assert_non_null(strstr(dump, "heading level=1 id=withheld class=\"withheld-entirely\""));
    assert_non_null(strstr(dump, "span class=\"redacted\""));
    /* one mark per occurrence, even when markup splits the name */
    int marks = 0;
    for (const char *s = dump; (s = strstr(s, "span class=\"redacted\"")); s++)
        marks++;
    assert_int_equal(marks, 6); /* heading, 3 in the paragraph, the cell, the passage (the title is plain text) */
    const redaction *r = doc->redaction;
    assert_int_equal(redact_edition(r), EDITION_PUBLIC);
    assert_int_equal(VEC_AT(&r->entries, reg_entry, 0).count, 4); /* title, heading, text, link */
    assert_int_equal(r->passages_withheld, 1);
    /* messages are scrubbed */
    const char *msg = redact_scrub(e->a, r, "x.md:3: warning: ZHANNA BEKOVA's note", 37);
    assert_string_equal(msg, "x.md:3: warning: [withheld]'s note");
}

static void test_review_and_full_trees(void **state)
{
    test_env *e = *state;
    doc_document *doc;
    char *review = compile_tree(e->a, &e->d, "edition: review", &doc);
    assert_non_null(strstr(review, "span class=\"withheld\""));
    assert_non_null(strstr(review, "\"Daniyar Kemel\""));
    assert_non_null(strstr(review, "container name=redact class=\"redact withheld\""));
    assert_non_null(strstr(review, "meta classification = \"Restricted\""));
    char *full = compile_tree(e->a, &e->d, "x: y", &doc);
    assert_null(strstr(full, "withheld"));
    assert_non_null(strstr(full, "Zhanna Bekova")); /* the role, now plain text (merged with its neighbours) */
    assert_non_null(strstr(full, "meta edition = \"full\""));
    assert_int_equal(redact_edition(doc->redaction), EDITION_FULL);
}

static void test_unknown_edition(void **state)
{
    test_env *e = *state;
    doc_document *doc;
    compile_tree(e->a, &e->d, "edition: donors", &doc);
    fflush(e->logf);
    assert_non_null(strstr(e->log, "unknown edition 'donors'"));
    assert_int_equal(redact_edition(doc->redaction), EDITION_PUBLIC);
}

/* ---- the self-check on PDFs made by hand ------------------------------- */

typedef struct {
    strbuf sb;
    int n;
} pdf_maker;

static void obj(pdf_maker *m, const char *body)
{
    sb_printf(&m->sb, "%d 0 obj\n%s\nendobj\n", ++m->n, body);
}

static void stream_obj(pdf_maker *m, const char *dict, const unsigned char *data, size_t len)
{
    sb_printf(&m->sb, "%d 0 obj\n<< %s /Length %zu >>\nstream\n", ++m->n, dict, len);
    sb_append(&m->sb, (const char *)data, len);
    sb_puts(&m->sb, "\nendstream\nendobj\n");
}

static void flate_obj(pdf_maker *m, const char *dict, const char *text)
{
    uLongf cap = compressBound(strlen(text));
    unsigned char *z = malloc(cap);
    assert_int_equal(compress(z, &cap, (const unsigned char *)text, strlen(text)), Z_OK);
    stream_obj(m, arena_printf(m->sb.a, "%s /Filter /FlateDecode", dict), z, cap);
    free(z);
}

/* Glyph codes 1.. stand for the letters of "danyrkemlbov": ToUnicode
 * is the only way from the codes to the text. */
static const char *const letters = "daniyrkemlbov";

static char *codes_for(arena *a, const char *word)
{
    strbuf sb;
    sb_init(&sb, a);
    for (const char *c = word; *c; c++) {
        const char *at = strchr(letters, *c);
        assert_non_null(at);
        sb_printf(&sb, "%04X", (unsigned)(at - letters + 1));
    }
    return sb.data;
}

/* A one-page PDF: font F1 (and F2, the same map) drawing `content`. */
static char *make_pdf(arena *a, const char *content, bool compressed, const char *info, size_t *len)
{
    pdf_maker m;
    sb_init(&m.sb, a);
    m.n = 0;
    sb_puts(&m.sb, "%PDF-1.5\n");
    strbuf cmap;
    sb_init(&cmap, a);
    sb_puts(&cmap, "/CIDInit /ProcSet findresource begin\nbegincmap\n1 begincodespacerange\n<0000> <FFFF>\n"
                   "endcodespacerange\n13 beginbfchar\n");
    for (size_t i = 0; letters[i]; i++)
        sb_printf(&cmap, "<%04zX> <%04X>\n", i + 1, (unsigned)letters[i] - 32); /* capitals */
    sb_puts(&cmap, "endbfchar\nendcmap\n");
    obj(&m, "<< /Type /Catalog /Pages 2 0 R >>");                                       /* 1 */
    obj(&m, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");                               /* 2 */
    obj(&m, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 5 0 R >> >> >>");
    if (compressed)
        flate_obj(&m, "", content); /* 4 */
    else
        stream_obj(&m, "", (const unsigned char *)content, strlen(content));
    obj(&m, "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>"); /* 5 */
    flate_obj(&m, "", cmap.data);                                                       /* 6 */
    if (info)
        obj(&m, info);
    *len = m.sb.len;
    return m.sb.data;
}

static bool check_pdf(test_env *e, const char *content, bool compressed, const char *info)
{
    doc_document *doc;
    compile_tree(e->a, &e->d, "edition: public", &doc);
    size_t len;
    char *pdf = make_pdf(e->a, content, compressed, info, &len);
    return redact_check_pdf(e->a, &e->d, doc->redaction, (const unsigned char *)pdf, len);
}

static void test_check_glyph_codes(void **state)
{
    test_env *e = *state;
    arena *a = e->a;
    const char *dan = codes_for(a, "daniyar"), *kem = codes_for(a, "kemel"), *bek = codes_for(a, "bekov");
    /* clean: the words apart from each other */
    assert_true(check_pdf(e, arena_printf(a, "BT /F1 9 Tf [<%s>] TJ ET BT [<%s>] TJ ET", dan, kem), true, NULL));
    /* the name in one TJ, kerned */
    assert_false(check_pdf(e, arena_printf(a, "BT /F1 9 Tf [<%s> -1500 <%s> 12 <%s>] TJ ET", dan, kem, bek), true, NULL));
    /* split by a change of font mid-word */
    assert_false(check_pdf(e, arena_printf(a, "BT /F1 9 Tf [<%s>] TJ [<%s>] TJ /F2 9 Tf [<%s>] TJ ET", dan, kem, bek),
                           false, NULL));
    /* across lines with a hyphen (codes 0x2D are not in the map: taken as Unicode) */
    assert_false(check_pdf(e, arena_printf(a, "BT /F1 9 Tf [<%s>] TJ [<%s002D>] TJ 0 -12 Td [<%s>] TJ ET", dan, kem, bek),
                           true, NULL));
    fflush(e->logf);
    assert_non_null(strstr(e->log, "through ToUnicode"));
    assert_null(strstr(e->log, "Daniyar")); /* messages name the entry by its place */
}

static void test_check_strings(void **state)
{
    test_env *e = *state;
    const char *clean = "BT ET";
    /* UTF-16BE with a byte order mark, as document information */
    assert_false(check_pdf(e, clean, true,
                           "<< /Title <FEFF00440061006E0069007900610072 0020 004B0065006D0065006C00620065006B006F0076> >>"));
    /* a literal string with escapes */
    assert_false(check_pdf(e, clean, true, "<< /URI (daniyar\\055kemel\\\nbekov) >>"));
    /* a name */
    assert_false(check_pdf(e, clean, true, "<< /D /Daniyar#20Kemelbekov >>"));
    /* the passage's text in a compressed stream */
    assert_false(check_pdf(e, "BT (the SAFE house stands near the) Tj (river crossing) Tj ET", true, NULL));
    assert_true(check_pdf(e, clean, true, "<< /Title (Public) >>"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matching),
        cmocka_unit_test_setup_teardown(test_public_tree, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_review_and_full_trees, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_unknown_edition, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_check_glyph_codes, test_env_setup, test_env_teardown),
        cmocka_unit_test_setup_teardown(test_check_strings, test_env_setup, test_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
