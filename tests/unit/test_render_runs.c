/* The renderer draws shaped glyph runs as layout hands them over: runs
 * shaped here with HarfBuzz (a ligature over three characters, Arabic in
 * right-to-left runs, a letter with a mark that is a glyph of its own, a
 * character beyond the BMP) are rendered, and pdftotext gives back each
 * run's text in logical order. poppler reverses the characters of one
 * glyph (or one ActualText) in right-to-left text, so for an Arabic
 * lam-alef ligature the ToUnicode entry is checked instead: the glyph
 * stands for lam, alef in logical order. */
#include "testing.h"

#include "../../src/layout/layout.h"
#include "../../src/render/render.h"

#include <hb.h>
#include <unistd.h>

typedef struct {
    const char *text;
    hb_direction_t dir;
    hb_script_t script;
    const char *lang;
    bool extracted; /* pdftotext gives it back */
} run_case;

static const run_case cases[] = {
    {"office", HB_DIRECTION_LTR, HB_SCRIPT_LATIN, "en", true},
    {"\xD8\xB3\xD9\x85\xD9\x8A\xD8\xB1", HB_DIRECTION_RTL, HB_SCRIPT_ARABIC, "ar", true}, /* سمير */
    {"\xD9\x84\xD8\xA7", HB_DIRECTION_RTL, HB_SCRIPT_ARABIC, "ar", false},                 /* لا */
    {"x\xCC\x81y", HB_DIRECTION_LTR, HB_SCRIPT_LATIN, "en", true},         /* x, combining acute, y */
    {"\xF0\x9D\x96\xA0+1", HB_DIRECTION_LTR, HB_SCRIPT_COMMON, "en", true}, /* U+1D5A0 */
};

/* One shaped text item at (x, y), its glyphs in visual order. */
static dl_item shaped_item(arena *a, font_face *face, hb_font_t *font, const run_case *c, float x, float y,
                           int *nglyphs)
{
    const float size = 14;
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, c->text, -1, 0, -1);
    hb_buffer_set_direction(buf, c->dir);
    hb_buffer_set_script(buf, c->script);
    hb_buffer_set_language(buf, hb_language_from_string(c->lang, -1));
    hb_shape(font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    float scale = size / (float)hb_face_get_upem(hb_font_get_face(font));
    dl_glyph *g = ARENA_ARRAY(a, dl_glyph, n);
    float w = 0;
    for (unsigned i = 0; i < n; i++) {
        g[i] = (dl_glyph){.gid = info[i].codepoint, .cluster = info[i].cluster,
                          .advance = (float)pos[i].x_advance * scale, .dx = (float)pos[i].x_offset * scale,
                          .dy = (float)pos[i].y_offset * scale};
        w += g[i].advance;
    }
    hb_buffer_destroy(buf);
    dl_item it = {.kind = DL_TEXT, .x = x, .y = y, .w = w, .h = size};
    it.u.text.font = face;
    it.u.text.size = size;
    it.u.text.color = 0x000000FF;
    it.u.text.str = c->text;
    it.u.text.len = strlen(c->text);
    it.u.text.glyphs = g;
    it.u.text.nglyphs = (int)n;
    it.u.text.rtl = c->dir == HB_DIRECTION_RTL;
    *nglyphs = (int)n;
    return it;
}

static char *run_tool(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, p)) > 0)
        fwrite(buf, 1, k, m);
    fclose(m);
    assert_int_equal(pclose(p), 0);
    return out;
}

static void test_shaped_runs_read_back(void **state)
{
    test_env *e = *state;
    font_lib *fonts = font_lib_new(e->a, &e->d, TEST_FONTS_DIR);
    assert_non_null(fonts);
    font_face *face = font_resolve(fonts, "DejaVu Sans", 400, false, srcpos_make("t.css", 1, 1));
    assert_string_equal(face->family, "DejaVu Sans");
    hb_blob_t *blob = hb_blob_create_from_file(face->path);
    hb_face_t *hface = hb_face_create(blob, (unsigned)face->index);
    hb_font_t *font = hb_font_create(hface);

    layout_result lay = {0};
    layout_page page = {.index = 0, .width = 595, .height = 842, .label = "1"};
    dl_item items[COUNT_OF(cases)];
    int counts[COUNT_OF(cases)];
    for (size_t i = 0; i < COUNT_OF(cases); i++)
        items[i] = shaped_item(e->a, face, font, &cases[i], 72, 100 + 40 * (float)i, &counts[i]);
    assert_int_equal(counts[0], 4); /* o, ffi, c, e: the test needs the ligature */
    page.items = items;
    page.nitems = (int)COUNT_OF(cases);
    lay.pages = &page;
    lay.npages = 1;

    e->doc.root = doc_new(e->a, &e->doc, DOC_DOCUMENT, srcpos_make("t.md", 1, 1));
    render_options ropt = {.compress = true};
    const unsigned char *pdf;
    size_t len;
    assert_true(render_pdf(e->a, &e->d, fonts, &e->doc, &lay, &ropt, &pdf, &len));
    assert_int_equal(e->d.errors, 0);

    char path[] = "/tmp/dossier-runs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf, len), (ssize_t)len);
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s -", path);
    char *text = run_tool(cmd);
    for (size_t i = 0; i < COUNT_OF(cases); i++)
        if (cases[i].extracted && !strstr(text, cases[i].text))
            fail_msg("pdftotext does not give back '%s':\n%s", cases[i].text, text);
    free(text);
    assert_int_equal(counts[2], 1); /* lam-alef: one glyph */
    snprintf(cmd, sizeof cmd, "qpdf --qdf --object-streams=disable %s - | grep -a -c '> <06440627>$'", path);
    char *entry = run_tool(cmd);
    assert_int_equal(atoi(entry), 1);
    free(entry);
    unlink(path);
    hb_font_destroy(font);
    hb_face_destroy(hface);
    hb_blob_destroy(blob);
    font_lib_free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_shaped_runs_read_back, test_env_setup, test_env_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
