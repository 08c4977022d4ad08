/* Unit tests for util: arena, UTF-8, case mapping, string buffer, hash map,
 * diagnostics. */
#include "testing.h"

static void test_arena_alignment_and_zero(void **state)
{
    (void)state;
    arena *a = arena_new();
    for (int i = 1; i < 2000; i++) {
        unsigned char *p = arena_alloc(a, (size_t)i);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (int k = 0; k < i; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)i);
    }
    /* a request larger than a block gets its own */
    char *big = arena_alloc(a, 1u << 20);
    big[(1u << 20) - 1] = 1;
    assert_true(arena_used(a) >= (1u << 20));
    assert_string_equal(arena_printf(a, "%d-%s", 42, "x"), "42-x");
    arena_free(a);
}

static void test_arena_reset_reuses(void **state)
{
    (void)state;
    arena *a = arena_new();
    for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 100; i++)
            memset(arena_alloc(a, 4000), round, 4000);
        (void)arena_alloc(a, 1u << 19); /* a block of its own */
        assert_true(arena_used(a) >= 400000);
        arena_reset(a);
        assert_int_equal(arena_used(a), 0);
    }
    char *p = arena_alloc(a, 16);
    assert_int_equal(p[0], 0); /* zeroed after reuse */
    arena_free(a);
}

static void test_utf8_decode_rejects_invalid(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(utf8_decode("\xD2\x9A", 2, &cp), 2); /* Қ */
    assert_int_equal(cp, 0x49A);
    assert_int_equal(utf8_decode("\xE2\x80\x94", 3, &cp), 3); /* em dash */
    assert_int_equal(cp, 0x2014);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xC0\x80", 2, &cp), 0);     /* overlong */
    assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
    assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
    assert_int_equal(utf8_decode("\xE2\x80", 2, &cp), 0);     /* truncated */
    assert_int_equal(utf8_validate("ab\xFF" "cd", 5), 2);
    assert_int_equal(utf8_validate("Қазақ", strlen("Қазақ")), strlen("Қазақ"));
    assert_int_equal(utf8_length("Қазақ", strlen("Қазақ")), 5);
}

static void test_utf8_encode_roundtrip(void **state)
{
    (void)state;
    uint32_t samples[] = {0x41, 0x7F, 0x80, 0x7FF, 0x800, 0x49A, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < COUNT_OF(samples); i++) {
        char buf[4];
        uint32_t back;
        int n = utf8_encode(samples[i], buf);
        assert_int_equal(utf8_decode(buf, (size_t)n, &back), n);
        assert_int_equal(back, samples[i]);
    }
}

/* Capital and small letters map onto each other, both ways, except where
 * the mapping is not one-to-one in Unicode either. */
static bool case_exception(uint32_t c)
{
    return c == 0x130 || c == 0x131 || c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2 || c == 0x3C2 ||
           c == 0x1E9E;
}

static void test_case_mapping(void **state)
{
    (void)state;
    assert_int_equal(cp_lower('Q'), 'q');
    assert_int_equal(cp_upper(0x4A3), 0x4A2); /* ң Ң */
    assert_int_equal(cp_upper(0x4D9), 0x4D8); /* ә Ә */
    assert_int_equal(cp_lower(0x406), 0x456); /* І і */
    assert_int_equal(cp_lower(0x141), 0x142); /* Ł ł */
    assert_int_equal(cp_upper(0x17E), 0x17D); /* ž Ž */
    assert_int_equal(cp_upper(0x3C2), 0x3A3); /* ς Σ */
    assert_int_equal(cp_upper(0xDF), 0xDF);   /* ß stays */
    assert_int_equal(cp_upper(0xF7), 0xF7);   /* ÷ is no letter */
    assert_true(cp_is_upper(0x49A));
    assert_false(cp_is_upper(0x49B));
    assert_false(cp_is_letter('7'));
    int pairs = 0;
    for (uint32_t c = 0; c < 0x2000; c++) {
        if (case_exception(c))
            continue;
        uint32_t lo = cp_lower(c), up = cp_upper(c);
        if (lo != c) {
            assert_true(cp_is_letter(c));
            assert_int_equal(cp_upper(lo), c);
            pairs++;
        }
        if (up != c && !case_exception(up))
            assert_int_equal(cp_lower(up), c);
    }
    assert_true(pairs > 450); /* Latin, Greek and Cyrillic capitals */
}

static void test_case_dotted_i(void **state)
{
    (void)state;
    assert_true(lang_cases_dotted_i("tr"));
    assert_true(lang_cases_dotted_i("tr-TR"));
    assert_true(lang_cases_dotted_i("az-Latn"));
    assert_false(lang_cases_dotted_i("tt"));
    assert_false(lang_cases_dotted_i("trv"));
    assert_false(lang_cases_dotted_i(NULL));
    assert_int_equal(cp_upper_in('i', true), 0x130);  /* i İ */
    assert_int_equal(cp_upper_in(0x131, true), 'I');  /* ı I */
    assert_int_equal(cp_lower_in('I', true), 0x131);
    assert_int_equal(cp_lower_in(0x130, true), 'i');
    assert_int_equal(cp_upper_in('i', false), 'I');
    assert_int_equal(cp_lower_in('I', false), 'i');
}

static void test_strbuf_grows(void **state)
{
    (void)state;
    arena *a = arena_new();
    strbuf sb;
    sb_init(&sb, a);
    for (int i = 0; i < 1000; i++)
        sb_printf(&sb, "%d,", i % 10);
    assert_int_equal(sb.len, 2000);
    assert_int_equal(sb.data[sb.len], 0);
    sb_put_cp(&sb, 0x49A);
    assert_int_equal(sb.len, 2002);
    arena_free(a);
}

static void test_hmap_put_get_many(void **state)
{
    (void)state;
    arena *a = arena_new();
    hmap m;
    hmap_init(&m, a);
    char key[32];
    for (intptr_t i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key%ld", (long)i);
        hmap_put(&m, key, (size_t)n, (void *)(i + 1));
    }
    for (intptr_t i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "key%ld", (long)i);
        assert_int_equal((intptr_t)hmap_get(&m, key, (size_t)n), i + 1);
    }
    assert_null(hmap_get(&m, "nope", 4));
    hmap_put(&m, "key7", 4, (void *)99);
    assert_int_equal((intptr_t)hmap_get(&m, "key7", 4), 99);
    assert_int_equal(m.len, 5000);
    arena_free(a);
}

static void test_diag_format_and_strict(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    diag d;
    diag_init(&d, out);
    WARN(&d, srcpos_make("a.md", 3, 7), "odd %s", "thing");
    assert_int_equal(d.warnings, 1);
    assert_false(diag_failed(&d));
    d.strict = true;
    WARN(&d, srcpos_make("a.md", 4, 1), "now fatal");
    assert_true(diag_failed(&d));
    diag_once(&d, "k", DIAG_ERROR, srcpos_make("b.css", 1, 2), "once");
    diag_once(&d, "k", DIAG_ERROR, srcpos_make("b.css", 1, 2), "once");
    fclose(out);
    assert_non_null(strstr(buf, "a.md:3:7: warning: odd thing\n"));
    assert_non_null(strstr(buf, "a.md:4:1: error: now fatal\n"));
    const char *first = strstr(buf, "b.css:1:2: error: once\n");
    assert_non_null(first);
    assert_null(strstr(first + strlen("b.css:1:2: error: once"), "once")); /* reported a single time */
    assert_int_equal(d.errors, 2);
    diag_free(&d);
    free(buf);
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(edit_distance("colour", "color", 5), 1);
    assert_int_equal(edit_distance("margin-top", "margin-top", 5), 0);
    assert_true(edit_distance("font-size", "background", 3) > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_zero),
        cmocka_unit_test(test_arena_reset_reuses),
        cmocka_unit_test(test_utf8_decode_rejects_invalid),
        cmocka_unit_test(test_utf8_encode_roundtrip),
        cmocka_unit_test(test_case_mapping),
        cmocka_unit_test(test_strbuf_grows),
        cmocka_unit_test(test_hmap_put_get_many),
        cmocka_unit_test(test_diag_format_and_strict),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_case_dotted_i),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
