/* Unit tests for the font library: bundled faces win, weights and styles
 * map to real faces, widths agree with the PDF's rounding, fallback. */
#include "testing.h"

#include <unistd.h>

#include "../../src/font/font.h"

typedef struct {
    test_env env;
    font_lib *lib;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    test_env_open(&fx->env);
    fx->lib = font_lib_new(fx->env.a, &fx->env.d, TEST_FONTS_DIR);
    *state = fx;
    return fx->lib ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    font_lib_free(fx->lib);
    test_env_close(&fx->env);
    free(fx);
    return 0;
}

static srcpos here(void)
{
    return srcpos_make("test.css", 1, 1);
}

static void test_bundled_faces_and_generics(void **state)
{
    fixture *fx = *state;
    font_face *serif = font_resolve(fx->lib, "serif", 400, false, here());
    assert_string_equal(serif->family, "PT Serif");
    assert_true(serif->bundled);
    assert_string_equal(serif->psname, "PTSerif-Regular");
    font_face *sans_bi = font_resolve(fx->lib, "sans-serif", 700, true, here());
    assert_string_equal(sans_bi->psname, "PTSans-BoldItalic");
    font_face *mono = font_resolve(fx->lib, "\"PT Mono\", monospace", 400, false, here());
    assert_string_equal(mono->psname, "PTMono-Regular");
    assert_int_equal(fx->env.d.warnings, 0);
}

/* CSS font matching over the nine weights of a family that has two: the
 * nearest face is used, and every face that does not exist is reported
 * (fontconfig would return something either way). */
static void test_weights_map_to_real_faces(void **state)
{
    fixture *fx = *state;
    static const struct {
        int weight;
        bool italic;
        const char *psname;
        bool exact;
    } cases[] = {
        {100, false, "PTSans-Regular", false}, /* lighter ones first, then up */
        {200, false, "PTSans-Regular", false},
        {300, false, "PTSans-Regular", false},
        {400, false, "PTSans-Regular", true},
        {500, false, "PTSans-Regular", false}, /* 500: down to 400 before bold */
        {600, false, "PTSans-Bold", false},    /* above 500: heavier first */
        {700, false, "PTSans-Bold", true},
        {800, false, "PTSans-Bold", false},    /* none heavier: the nearest lighter */
        {900, false, "PTSans-Bold", false},
        {400, true, "PTSans-Italic", true},
        {700, true, "PTSans-BoldItalic", true},
        {300, true, "PTSans-Italic", false},
    };
    int warnings = 0;
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        font_face *f = font_resolve(fx->lib, "PT Sans", cases[i].weight, cases[i].italic, here());
        assert_string_equal(f->psname, cases[i].psname);
        warnings += !cases[i].exact;
        assert_int_equal(fx->env.d.warnings, warnings);
        /* the same request again is cached and not reported twice */
        assert_ptr_equal(font_resolve(fx->lib, "PT Sans", cases[i].weight, cases[i].italic, here()), f);
        assert_int_equal(fx->env.d.warnings, warnings);
    }
    fflush(fx->env.logf);
    assert_non_null(strstr(fx->env.log, "test.css:1:1: warning: font 'PT Sans' has no Light (300) face; using Regular (400)"));
    assert_non_null(strstr(fx->env.log, "font 'PT Sans' has no SemiBold (600) face; using Bold (700)"));
    assert_non_null(strstr(fx->env.log, "font 'PT Sans' has no Light Italic (300) face; using Italic (400)"));
}

/* A family bundled in fewer faces than the system has: the system's face
 * of the weight asked for is used rather than a wrong bundled one. Needs
 * Debian's fonts-dejavu-core (DejaVu Sans Bold). */
static void test_system_faces_complete_a_bundled_family(void **state)
{
    fixture *fx = *state;
    if (access("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", R_OK) != 0)
        skip();
    font_face *book = font_resolve(fx->lib, "DejaVu Sans", 400, false, here());
    assert_true(book->bundled);
    font_face *bold = font_resolve(fx->lib, "DejaVu Sans", 700, false, here());
    assert_false(bold->bundled);
    assert_int_equal(bold->weight, 700);
    assert_string_equal(bold->psname, "DejaVuSans-Bold");
    assert_string_equal(bold->family, "DejaVu Sans");
    assert_int_equal(fx->env.d.warnings, 0);
    /* the condensed faces also answer to "DejaVu Sans" in fontconfig, but
     * are not that family's bold */
    assert_null(strstr(bold->path, "Condensed"));
}

static void test_missing_family_and_face_reported(void **state)
{
    fixture *fx = *state;
    font_face *f = font_resolve(fx->lib, "No Such Family Anywhere", 400, false, here());
    assert_non_null(f);
    assert_int_equal(fx->env.d.warnings, 1);
    /* PT Mono has no italic: reported, not synthesised */
    font_face *mi = font_resolve(fx->lib, "PT Mono", 400, true, here());
    assert_false(mi->italic);
    assert_int_equal(fx->env.d.warnings, 2);
    /* a later family in the list is an intended fallback: a note (shown
     * with -v), not a warning */
    fx->env.d.verbose = true;
    font_face *g = font_resolve(fx->lib, "Nonexistent Face, PT Sans", 400, false, here());
    assert_string_equal(g->family, "PT Sans");
    assert_int_equal(fx->env.d.warnings, 2);
    fflush(fx->env.logf);
    assert_non_null(strstr(fx->env.log, "test.css:1:1: warning: no font found for font-family 'No Such Family Anywhere'"));
    assert_non_null(strstr(fx->env.log, "font 'PT Mono' has no Italic (400) face; using Regular (400)"));
    assert_non_null(strstr(fx->env.log, "test.css:1:1: note: font-family 'Nonexistent Face' not found; using 'PT Sans'"));
}

static void test_advances_match_pdf_rounding(void **state)
{
    fixture *fx = *state;
    font_face *serif = font_resolve(fx->lib, "PT Serif", 400, false, here());
    /* PT Serif has 1000 units per em, so advances are the hmtx values */
    assert_int_equal(font_advance(serif, 'H'), 728);
    assert_int_equal(font_advance(serif, ' '), 243);
    assert_true(font_advance(serif, 0x49A) > 0); /* Қ */
    assert_int_equal(font_advance(serif, 0x4E2D), -1); /* 中: not in PT Serif */
    /* DejaVu has 2048 units per em: its A (1401 units) truncates to 684 */
    font_face *dv = font_resolve(fx->lib, "DejaVu Sans", 400, false, here());
    assert_true(dv->bundled);
    int w = font_advance(dv, 'A');
    assert_int_equal(w, 1401 * 1000 / 2048);
}

/* Kerning pairs come from the face's kern table in 1/1000 em; a pair with
 * a space never kerns (words are measured apart from their neighbours);
 * the cache answers the same after it has grown. */
static void test_kerning_pairs(void **state)
{
    fixture *fx = *state;
    font_face *serif = font_resolve(fx->lib, "PT Serif", 400, false, here());
    assert_int_equal(font_kern(serif, 'A', 'V'), -103);
    assert_int_equal(font_kern(serif, 'T', 'o'), -63);
    assert_int_equal(font_kern(serif, 'o', 'o'), 0);
    assert_int_equal(font_kern(serif, 'T', ' '), 0);
    assert_int_equal(font_kern(serif, ' ', 'A'), 0);
    assert_int_equal(font_kern(serif, 0xA0, 'A'), 0); /* no-break space */
    assert_int_equal(font_kern(serif, 'A', 0x4E2D), 0); /* not in the face */
    /* the face kerns "7." by -100; figures stay tabular */
    assert_int_equal(font_kern(serif, '7', '.'), 0);
    assert_int_equal(font_kern(serif, '7', ','), 0);
    /* 2048 units per em, rounded to 1/1000 em */
    font_face *dv = font_resolve(fx->lib, "DejaVu Sans", 400, false, here());
    assert_true(font_kern(dv, 'A', 'V') < 0);
    static int first[58][58];
    int nonzero = 0;
    for (int a = 0; a < 58; a++)
        for (int b = 0; b < 58; b++) {
            first[a][b] = font_kern(serif, (uint32_t)('A' + a), (uint32_t)('A' + b));
            nonzero += first[a][b] != 0;
        }
    for (int a = 0; a < 58; a++)
        for (int b = 0; b < 58; b++)
            assert_int_equal(font_kern(serif, (uint32_t)('A' + a), (uint32_t)('A' + b)), first[a][b]);
    assert_true(nonzero > 100);
    assert_int_equal(font_kern(serif, 'A', 'V'), -103);
}

/* A document with more kerning characters than the square holds (254):
 * the rest are looked up through the hash map, with the same values. */
static void test_kerning_beyond_the_square(void **state)
{
    fixture *fx = *state;
    font_face *serif = font_resolve(fx->lib, "PT Serif", 400, false, here());
    assert_int_equal(font_kern(serif, 0x422, 0x43E), -64); /* То, while the square has room */
    /* 192 Latin-1 and Latin Extended-A letters after the 94 of ASCII fill it */
    for (uint32_t cp = 0xC0; cp < 0x180; cp++)
        (void)font_kern(serif, cp, 'a');
    /* Cyrillic letters asked for the first time are beyond it now */
    assert_int_equal(font_kern(serif, 0x413, 0x430), -25); /* Га */
    assert_int_equal(font_kern(serif, 0x413, 0x43E), -48); /* Го */
    assert_int_equal(font_kern(serif, 0x415, 0x422), 0);   /* ЕТ */
    assert_int_equal(font_kern(serif, 0x413, 0x430), -25); /* the second time, from the map */
    assert_int_equal(font_kern(serif, 0x422, 0x43E), -64); /* still in the square */
}

static void test_fallback_prefers_bundled(void **state)
{
    fixture *fx = *state;
    font_face *serif = font_resolve(fx->lib, "PT Serif", 400, false, here());
    assert_ptr_equal(font_for_char(fx->lib, serif, 'a'), serif);
    /* ☐ U+2610 is not in PT Serif but is in the bundled DejaVu Sans */
    font_face *box = font_for_char(fx->lib, serif, 0x2610);
    assert_non_null(box);
    assert_string_equal(box->family, "DejaVu Sans");
    assert_ptr_equal(font_for_char(fx->lib, serif, 0x2610), box); /* cached */
    /* a private-use character no font has */
    assert_null(font_for_char(fx->lib, serif, 0x10FFFD));
    assert_null(font_for_char(fx->lib, serif, 0x10FFFD)); /* cached as none */
}

/* Among bundled faces that have a character, the one most like the
 * primary: same weight and style, then the same design, then a text
 * family before the symbol font. */
static void test_fallback_prefers_a_similar_face(void **state)
{
    fixture *fx = *state;
    /* U+0526 (Cyrillic Shha with descender) is in every PT face but not in
     * DejaVu Sans: a sans face borrows it from PT Sans, though PT Serif
     * comes first by file name */
    font_face *dv = font_resolve(fx->lib, "DejaVu Sans", 400, false, here());
    assert_false(font_has_char(dv, 0x526));
    font_face *f = font_for_char(fx->lib, dv, 0x526);
    assert_non_null(f);
    assert_string_equal(f->psname, "PTSans-Regular");
    /* a face that has the character draws it itself */
    font_face *bi = font_resolve(fx->lib, "PT Sans", 700, true, here());
    assert_ptr_equal(font_for_char(fx->lib, bi, 0x526), bi);
    /* U+0114 (E with breve) only DejaVu has among the bundled faces: a
     * face of another style and design still beats none */
    font_face *serif = font_resolve(fx->lib, "PT Serif", 700, true, here());
    f = font_for_char(fx->lib, serif, 0x114);
    assert_non_null(f);
    assert_string_equal(f->family, "DejaVu Sans");
    assert_int_equal(fx->env.d.warnings, 0);
}

static void test_used_chars_sorted(void **state)
{
    fixture *fx = *state;
    font_face *f = font_resolve(fx->lib, "PT Sans", 400, false, here());
    uint32_t cps[] = {0x49A, 'b', 'a', 'b', 0x2014};
    for (size_t i = 0; i < COUNT_OF(cps); i++)
        font_mark_used(f, cps[i]);
    size_t n;
    const uint32_t *u = font_used_chars(fx->lib, f, &n);
    assert_int_equal(n, 4);
    assert_int_equal(u[0], 'a');
    assert_int_equal(u[1], 'b');
    assert_int_equal(u[2], 0x49A);
    assert_int_equal(u[3], 0x2014);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bundled_faces_and_generics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights_map_to_real_faces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_system_faces_complete_a_bundled_family, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_family_and_face_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_advances_match_pdf_rounding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kerning_pairs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kerning_beyond_the_square, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback_prefers_bundled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fallback_prefers_a_similar_face, setup, teardown),
        cmocka_unit_test_setup_teardown(test_used_chars_sorted, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
