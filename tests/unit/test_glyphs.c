/* Every letter of the Kazakh and Russian alphabets, in every bundled
 * face, reaches the PDF with a real outline: the whole pipeline runs, the
 * embedded font programs are pulled out of the PDF, and FreeType checks
 * that each letter maps to a glyph with contours at least a third of an
 * em tall (an accent without its base would still have points). */
#include "testing.h"

#include "../../src/layout/layout.h"
#include "../../src/parse/parse.h"
#include "../../src/render/render.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <zlib.h>

static const char *const kazakh =
    "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
    "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

static const struct {
    const char *cls, *css, *psname;
} faces[] = {
    {"f1", "font-family: 'PT Serif'", "PTSerif-Regular"},
    {"f2", "font-family: 'PT Serif'; font-style: italic", "PTSerif-Italic"},
    {"f3", "font-family: 'PT Serif'; font-weight: bold", "PTSerif-Bold"},
    {"f4", "font-family: 'PT Serif'; font-weight: bold; font-style: italic", "PTSerif-BoldItalic"},
    {"f5", "font-family: 'PT Sans'", "PTSans-Regular"},
    {"f6", "font-family: 'PT Sans'; font-style: italic", "PTSans-Italic"},
    {"f7", "font-family: 'PT Sans'; font-weight: bold", "PTSans-Bold"},
    {"f8", "font-family: 'PT Sans'; font-weight: bold; font-style: italic", "PTSans-BoldItalic"},
    {"f9", "font-family: 'PT Mono'", "PTMono-Regular"},
    {"f10", "font-family: 'PT Mono'; font-weight: bold", "PTMono-Bold"},
    {"f11", "font-family: 'DejaVu Sans'", "DejaVuSans"},
};

/* The object `num 0 obj` of a PDF, and its stream's bytes. */
static const char *find_object(const char *pdf, size_t len, int num, const char **stream, size_t *slen)
{
    char key[32];
    snprintf(key, sizeof key, "\n%d 0 obj", num);
    const char *o = mem_find(pdf, len, key, strlen(key));
    if (!o)
        return NULL;
    const char *s = mem_find(o, len - (size_t)(o - pdf), "stream", 6);
    const char *lenkey = mem_find(o, len - (size_t)(o - pdf), "/Length ", 8);
    if (s && lenkey && lenkey < s) {
        char *end;
        long l = strtol(lenkey + 8, &end, 10);
        if (strncmp(end, " 0 R", 4) == 0) {
            /* an indirect length: the number is in its own object */
            snprintf(key, sizeof key, "\n%ld 0 obj", l);
            const char *lo = mem_find(pdf, len, key, strlen(key));
            l = lo ? strtol(lo + strlen(key), NULL, 10) : 0;
        }
        s += 6;
        if (*s == '\r')
            s++;
        if (*s == '\n')
            s++;
        *stream = s;
        *slen = (size_t)l;
    }
    return o;
}

static unsigned char *inflate_all(const char *data, size_t len, size_t *out_len)
{
    size_t cap = len * 8 + 1024;
    unsigned char *out = malloc(cap);
    z_stream z = {0};
    inflateInit(&z);
    z.next_in = (unsigned char *)data;
    z.avail_in = (unsigned)len;
    int r;
    do {
        if (z.total_out == cap) {
            cap *= 2;
            out = realloc(out, cap);
        }
        z.next_out = out + z.total_out;
        z.avail_out = (unsigned)(cap - z.total_out);
        r = inflate(&z, Z_NO_FLUSH);
    } while (r == Z_OK);
    *out_len = z.total_out;
    inflateEnd(&z);
    return r == Z_STREAM_END ? out : (free(out), NULL);
}

/* The PDF's bytes followed by the inflated contents of its object
 * streams: PDF 1.5 packs small objects (font descriptors among them)
 * into compressed streams; the font programs stay outside. */
static char *with_object_streams(const char *pdf, size_t len, size_t *out_len)
{
    size_t cap = len + 1, n = len;
    char *all = malloc(cap);
    memcpy(all, pdf, len);
    for (const char *s = pdf; (s = mem_find(s, len - (size_t)(s - pdf), "/ObjStm", 7)) != NULL; s += 7) {
        /* back to "\nNUM 0 obj" that holds it */
        const char *o = s;
        while (o > pdf && !(o[0] == '\n' && o[1] >= '0' && o[1] <= '9'))
            o--;
        int num = atoi(o + 1);
        const char *data = NULL;
        size_t dlen = 0;
        if (!find_object(pdf, len, num, &data, &dlen) || !data)
            continue;
        size_t flen;
        unsigned char *inflated = inflate_all(data, dlen, &flen);
        if (!inflated)
            continue;
        if (n + flen + 1 > cap) {
            cap = (n + flen + 1) * 2;
            all = realloc(all, cap);
        }
        memcpy(all + n, inflated, flen);
        n += flen;
        free(inflated);
    }
    *out_len = n;
    return all;
}

static void test_alphabets_embedded_whole(void **state)
{
    (void)state;
    arena *a = arena_new();
    diag d;
    char *log = NULL;
    size_t loglen = 0;
    FILE *logf = open_memstream(&log, &loglen);
    diag_init(&d, logf);
    strbuf md, css;
    sb_init(&md, a);
    sb_init(&css, a);
    for (size_t i = 0; i < COUNT_OF(faces); i++) {
        /* letters apart, so lines can break between them */
        sb_printf(&md, "```{%s}\n", faces[i].cls);
        for (const char *k = kazakh; *k;) {
            uint32_t cp;
            int len = utf8_next(k, strlen(k), &cp);
            sb_append(&md, k, (size_t)len);
            sb_putc(&md, ' ');
            k += len;
        }
        sb_puts(&md, "\n```\n\n");
        sb_printf(&css, "div.%s { %s; text-align: left; hyphens: none }\n", faces[i].cls, faces[i].css);
    }
    parse_options popt = {0};
    doc_document *doc = parse_markdown_string(a, &d, "alphabets.md", md.data, md.len, &popt);
    font_lib *fonts = font_lib_new(a, &d, TEST_FONTS_DIR);
    style_source sheets[2] = {{"<default>", embedded_default_css, embedded_default_css_len},
                              {"faces.css", css.data, css.len}};
    style_result *st = style_compute(a, &d, fonts, doc, sheets, 2);
    layout_options lopt = {0};
    layout_result *lay = layout_document(a, &d, fonts, doc, st, &lopt);
    render_options ropt = {.compress = true, .date = 0};
    const unsigned char *pdf;
    size_t pdf_len;
    bool rendered = render_pdf(a, &d, fonts, doc, lay, &ropt, &pdf, &pdf_len);
    fflush(logf);
    if (!rendered || d.errors + d.warnings)
        fail_msg("diagnostics: %s", log);
    assert_int_equal(d.errors + d.warnings, 0);

    FT_Library ft;
    FT_Init_FreeType(&ft);
    FT_Library ft_orig = ft;
    int found = 0;
    const char *p = (const char *)pdf;
    size_t n = pdf_len;
    size_t alen;
    char *all = with_object_streams(p, n, &alen);
    /* every /FontFile2 is one embedded face */
    for (const char *s = all; (s = mem_find(s, alen - (size_t)(s - all), "/FontFile2 ", 11)) != NULL; s += 11) {
        int num = atoi(s + 11);
        const char *data = NULL;
        size_t dlen = 0;
        assert_non_null(find_object(p, n, num, &data, &dlen));
        size_t flen;
        unsigned char *font = inflate_all(data, dlen, &flen);
        assert_non_null(font);
        FT_Face face;
        assert_int_equal(FT_New_Memory_Face(ft, font, (FT_Long)flen, 0, &face), 0);
        const char *ps = FT_Get_Postscript_Name(face);
        size_t which = COUNT_OF(faces);
        for (size_t i = 0; i < COUNT_OF(faces); i++)
            if (ps && strcmp(ps, faces[i].psname) == 0)
                which = i;
        if (which == COUNT_OF(faces)) { /* the default style's own faces */
            FT_Done_Face(face);
            free(font);
            continue;
        }
        found++;
        for (const char *k = kazakh; *k;) {
            uint32_t cp;
            k += utf8_next(k, strlen(k), &cp);
            FT_UInt gid = FT_Get_Char_Index(face, cp);
            if (gid == 0)
                fail_msg("%s lacks U+%04X", ps, (unsigned)cp);
            assert_int_equal(FT_Load_Glyph(face, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING), 0);
            FT_Outline *o = &face->glyph->outline;
            if (o->n_contours <= 0 || o->n_points <= 0)
                fail_msg("%s draws U+%04X empty", ps, (unsigned)cp);
            /* a letter is as tall as an x-height at least: a lone accent is not */
            FT_BBox box;
            FT_Outline_Get_CBox(o, &box);
            if (box.yMax - box.yMin < face->units_per_EM / 3)
                fail_msg("%s draws U+%04X only %ld units tall", ps, (unsigned)cp, (long)(box.yMax - box.yMin));
        }
        FT_Done_Face(face);
        free(font);
    }
    free(all);
    assert_int_equal(found, (int)COUNT_OF(faces));
    FT_Done_FreeType(ft_orig);
    font_lib_free(fonts);
    fclose(logf);
    free(log);
    diag_free(&d);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alphabets_embedded_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
