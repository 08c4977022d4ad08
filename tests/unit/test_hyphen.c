/* Unit tests for the libhyphen wrapper. The English and Russian points are
 * what the installed patterns give (hyphen-en-us, hyphen-ru), checked by
 * eye against the usual dictionary hyphenation and kept as the reviewed
 * expectation. Offsets are bytes into the UTF-8 word: "hy-phen" is 2. The
 * last tests (OWN) build small dictionaries of their own in a temporary
 * folder (DOSSIER_HYPHEN_DIR) to pin down the dictionary choice, the iconv path
 * and the pattern completion independently of the system's files. */
#include "testing.h"

#include <sys/stat.h>
#include <unistd.h>

#include "../../src/layout/hyphen.h"
#include "../../src/layout/hyphen_cache.h"

#include <dirent.h>

#define MAXP 32

static int points(hyphenator *h, const char *word, int left, int right, int *out)
{
    return hyph_points(h, word, strlen(word), left, right, out, MAXP);
}

static void assert_points(hyphenator *h, const char *word, int left, int right,
                          const int *expected, int nexp)
{
    int got[MAXP];
    int n = points(h, word, left, right, got);
    if (n != nexp)
        fail_msg("%s: %d points, expected %d", word, n, nexp);
    for (int i = 0; i < n; i++)
        if (got[i] != expected[i])
            fail_msg("%s: point %d at byte %d, expected %d", word, i, got[i], expected[i]);
}

#define POINTS(...) (int[]){__VA_ARGS__}, (int)(sizeof((int[]){__VA_ARGS__}) / sizeof(int))
#define NONE NULL, 0

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void test_english_words(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("en");
    assert_non_null(h);
    assert_true(ends_with(hyph_path(h), "/hyph_en_US.dic"));
    assert_points(h, "hyphenation", 2, 3, POINTS(2, 6));           /* hy-phen-ation */
    assert_points(h, "typography", 2, 3, POINTS(2, 5, 7));         /* ty-pog-ra-phy */
    assert_points(h, "representatives", 2, 3, POINTS(3, 5, 8, 10)); /* rep-re-sen-ta-tives */
    assert_points(h, "accountability", 2, 3, POINTS(2, 7, 11));    /* ac-count-abil-ity */
    assert_points(h, "international", 2, 3, POINTS(2, 5, 7));      /* in-ter-na-tional */
    hyph_close(h);
}

/* Minima count characters (see test_dictionary_minima_are_a_floor too). */
static void test_minima(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("en");
    assert_non_null(h);
    assert_points(h, "typography", 2, 4, POINTS(2, 5));    /* "ra-phy" left 3 */
    assert_points(h, "typography", 3, 3, POINTS(5, 7));    /* "ty" too short */
    assert_points(h, "hyphenation", 2, 5, POINTS(2, 6));   /* "ation" is 5 */
    assert_points(h, "hyphenation", 2, 6, POINTS(2));
    assert_points(h, "hyphenation", 7, 3, NONE);
    hyph_close(h);
}

static void test_capitalised_words_are_lowercased(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("en");
    assert_non_null(h);
    assert_points(h, "Hyphenation", 2, 3, POINTS(2, 6));
    assert_points(h, "HYPHENATION", 2, 3, POINTS(2, 6));
    assert_points(h, "TyPoGrApHy", 2, 3, POINTS(2, 5, 7));
    hyph_close(h);
}

/* With a UTF-8 dictionary libhyphen answers per character: the point after
 * "encyclopæ" (9 characters) is byte 10, since æ takes two. */
static void test_utf8_dictionary_offsets_are_bytes(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("en");
    assert_non_null(h);
    assert_points(h, "encyclopædia", 2, 3, POINTS(2, 4, 10)); /* en-cy-clopæ-dia */
    assert_points(h, "ENCYCLOPÆDIA", 2, 3, POINTS(2, 4, 10));
    hyph_close(h);
}

/* Through the KOI8-R dictionary; Cyrillic letters are two bytes in UTF-8,
 * one in KOI8-R. Upper case is lowered first (Г -> г is not ASCII). */
static void test_russian_words(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("ru");
    assert_non_null(h);
    assert_true(ends_with(hyph_path(h), "/hyph_ru_RU.dic"));
    assert_points(h, "государство", 2, 3, POINTS(4, 8, 14));        /* го-су-дар-ство */
    assert_points(h, "демократия", 2, 3, POINTS(4, 8, 14));         /* де-мо-кра-тия */
    assert_points(h, "правительство", 2, 3, POINTS(6, 10, 18));     /* пра-ви-тель-ство */
    assert_points(h, "независимость", 2, 3, POINTS(4, 8, 12, 16));  /* не-за-ви-си-мость */
    assert_points(h, "Государство", 2, 3, POINTS(4, 8, 14));
    assert_points(h, "ГОСУДАРСТВО", 2, 3, POINTS(4, 8, 14));
    assert_points(h, "правительство", 2, 5, POINTS(6, 10));         /* "ство" is 4 */
    hyph_close(h);
}

/* Debian's hyph_ru_RU.dic was never preprocessed for libhyphen: loaded as
 * it is, "демократия" gets only "демокра-тия" and "независимость" misses
 * "си-". Its TeX exception list is honoured as well: the patterns alone
 * say "сот-кать" and "се-годня"; the list says "со-ткать", "се-го-дня". */
static void test_russian_patterns_are_completed(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("ru-RU");
    assert_non_null(h);
    assert_points(h, "демократия", 2, 3, POINTS(4, 8, 14));
    assert_points(h, "независимость", 2, 3, POINTS(4, 8, 12, 16));
    assert_points(h, "соткать", 2, 3, POINTS(4));
    assert_points(h, "сегодня", 2, 3, POINTS(4, 8));
    hyph_close(h);
}

static void test_kazakh_has_no_patterns(void **state)
{
    (void)state;
    assert_null(hyph_open("kk"));
    assert_null(hyph_open("kk-KZ"));
    assert_null(hyph_open("kk_Cyrl_KZ"));
    /* said without loading anything, and agreeing with hyph_open */
    assert_false(hyph_available("kk"));
    assert_false(hyph_available("kk-KZ"));
    assert_false(hyph_available(NULL));
    assert_false(hyph_available("../en"));
    assert_true(hyph_available("en"));
    assert_true(hyph_available("en-GB"));
    assert_true(hyph_available("ru"));
    hyph_close(NULL);
    int out[4];
    assert_int_equal(hyph_points(NULL, "қазақ", strlen("қазақ"), 2, 3, out, 4), 0);
    assert_null(hyph_path(NULL));
}

/* KOI8-R has no қ: such a word gets no points (and no crash), in either
 * case, while the same word without it is hyphenated. */
static void test_character_outside_the_charset(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("ru");
    assert_non_null(h);
    assert_points(h, "республиқа", 2, 3, NONE);
    assert_points(h, "Қазақстан", 2, 3, NONE);
    assert_points(h, "государқтво", 2, 3, NONE);
    int out[MAXP];
    assert_true(points(h, "республика", 2, 3, out) > 0);
    hyph_close(h);
}

static void test_words_that_are_not_words(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("en");
    assert_non_null(h);
    int out[MAXP];
    assert_int_equal(hyph_points(h, "hyphenation", 0, 2, 3, out, MAXP), 0);
    assert_points(h, "a", 1, 1, NONE);
    assert_points(h, "hyphen4tion", 2, 3, NONE);
    assert_points(h, "hyphen'ation", 2, 3, NONE);
    assert_points(h, "hyph\xC3" "ation", 2, 3, NONE); /* broken UTF-8 */
    char longword[400];
    for (int i = 0; i < 399; i++)
        longword[i] = "hyphenation"[i % 11];
    longword[399] = 0;
    assert_points(h, longword, 2, 3, NONE);
    hyph_close(h);
}

/* The second lookup comes from the cache and must give the same answer;
 * minima are part of the key, so other minima do not get a stale one; a
 * short output array gets the first points. */
static void test_cache_returns_the_same_points(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("en");
    assert_non_null(h);
    int first[MAXP], again[MAXP];
    int n = points(h, "representatives", 2, 3, first);
    assert_int_equal(n, 4);
    assert_points(h, "representatives", 4, 3, POINTS(5, 8, 10));
    assert_points(h, "representative", 2, 3, POINTS(3, 5, 8, 10));
    assert_int_equal(points(h, "representatives", 2, 3, again), n);
    assert_memory_equal(first, again, sizeof(int) * (size_t)n);
    assert_points(h, "representatives", 4, 3, POINTS(5, 8, 10));
    int two[2];
    assert_int_equal(hyph_points(h, "representatives", 15, 2, 3, two, 2), 2);
    assert_int_equal(two[0], 3);
    assert_int_equal(two[1], 5);
    assert_int_equal(hyph_points(h, "representatives", 15, 2, 3, two, 0), 0);
    hyph_close(h);
}

static void assert_same_dict(const HyphenDict *x, const HyphenDict *y)
{
    assert_int_equal(x->lhmin, y->lhmin);
    assert_int_equal(x->rhmin, y->rhmin);
    assert_int_equal(x->clhmin, y->clhmin);
    assert_int_equal(x->crhmin, y->crhmin);
    assert_int_equal(x->nohyphenl, y->nohyphenl);
    assert_int_equal(x->nohyphen == NULL, y->nohyphen == NULL);
    assert_string_equal(x->cset, y->cset);
    assert_int_equal(x->utf8, y->utf8);
    assert_int_equal(x->num_states, y->num_states);
    for (int i = 0; i < x->num_states; i++) {
        const HyphenState *a = &x->states[i], *b = &y->states[i];
        assert_int_equal(a->match == NULL, b->match == NULL);
        if (a->match)
            assert_string_equal(a->match, b->match);
        assert_int_equal(a->repl == NULL, b->repl == NULL);
        if (a->repl) { /* libhyphen sets and reads these only with a replacement */
            assert_string_equal(a->repl, b->repl);
            assert_int_equal(a->replindex, b->replindex);
            assert_int_equal(a->replcut, b->replcut);
        }
        assert_int_equal(a->fallback_state, b->fallback_state);
        assert_int_equal(a->num_trans, b->num_trans);
        for (int t = 0; t < a->num_trans; t++) {
            assert_int_equal(a->trans[t].ch, b->trans[t].ch);
            assert_int_equal(a->trans[t].new_state, b->trans[t].new_state);
        }
    }
    assert_int_equal(x->nextlevel == NULL, y->nextlevel == NULL);
    if (x->nextlevel)
        assert_same_dict(x->nextlevel, y->nextlevel);
}

/* The one file in dir, or "" */
static void only_file(const char *dir, char *out, size_t n)
{
    out[0] = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            snprintf(out, n, "%s/%s", dir, e->d_name);
    closedir(d);
}

/* The cache gives back the machine libhyphen built, state for state; a
 * cache file cut short or with bytes changed is refused or read without
 * harm (every offset and index is checked; the sanitizer run watches). */
static void test_cache_round_trip_and_damage(void **state)
{
    (void)state;
    const char *dic = "/usr/share/hyphen/hyph_en_US.dic";
    char dir[] = "/tmp/dossier-hcache-XXXXXX";
    assert_non_null(mkdtemp(dir));
    setenv("XDG_CACHE_HOME", dir, 1);
    HyphenDict *fresh = hnj_hyphen_load(dic);
    assert_non_null(fresh);
    arena *a = arena_new();
    hyph_mapping map;
    assert_null(hyph_cache_read(a, dic, &map)); /* nothing cached yet */
    assert_null(map.addr);
    hyph_cache_write(a, dic, fresh);
    HyphenDict *cached = hyph_cache_read(a, dic, &map);
    assert_non_null(cached);
    assert_non_null(map.addr);
    assert_same_dict(fresh, cached);
    hyph_cache_release(&map);

    char sub[600], file[900];
    snprintf(sub, sizeof sub, "%s/dossier/hyphen", dir);
    only_file(sub, file, sizeof file);
    assert_true(file[0] != 0);
    size_t len;
    bool big;
    char *bytes = read_file(a, file, 64u << 20, &len, &big);
    assert_non_null(bytes);
    /* cut short anywhere: refused */
    size_t cuts[] = {len - 1, len - 8, len / 2, len / 3, 64, 20};
    for (size_t i = 0; i < COUNT_OF(cuts); i++) {
        FILE *f = fopen(file, "wb");
        assert_non_null(f);
        fwrite(bytes, 1, cuts[i], f);
        fclose(f);
        assert_null(hyph_cache_read(a, dic, &map));
        assert_null(map.addr); /* released */
    }
    /* bytes changed all over: refused, or a machine whose every index
     * lies inside it */
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        char *copy = arena_memdup(a, bytes, len);
        for (int k = 0; k < 4; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = 64 + (seed >> 8) % (len - 64);
            copy[at] = (char)(copy[at] ^ (1 + (seed & 0x7F)));
        }
        FILE *f = fopen(file, "wb");
        assert_non_null(f);
        fwrite(copy, 1, len, f);
        fclose(f);
        HyphenDict *d = hyph_cache_read(a, dic, &map);
        for (; d; d = d->nextlevel)
            for (int i = 0; i < d->num_states; i++)
                for (int t = 0; t < d->states[i].num_trans; t++)
                    assert_true(d->states[i].trans[t].new_state < d->num_states);
        hyph_cache_release(&map);
    }
    unlink(file);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/dossier", dir);
    rmdir(sub);
    rmdir(dir);
    unsetenv("XDG_CACHE_HOME");
    hnj_hyphen_free(fresh);
    arena_free(a);
}

/* Tags that all mean US English reach hyph_en_US.dic, and "en-GB" falls back
 * to it, in a folder of our own that holds no British patterns (the system's
 * may: hyphen-en-gb). The path is read before the hyphenator is closed and
 * checked after, so a failed check does not leak it. */
static void test_language_tags(void **state)
{
    (void)state;
    const char *english[] = {"en", "en-US", "en_US", "EN", "en-us", "en-GB", "en-Latn-US"};
    for (size_t i = 0; i < COUNT_OF(english); i++) {
        hyphenator *h = hyph_open(english[i]);
        assert_non_null(h);
        bool us = ends_with(hyph_path(h), "/hyph_en_US.dic");
        hyph_close(h);
        if (!us)
            fail_msg("%s: not hyph_en_US.dic", english[i]);
    }
    const char *bad[] = {"", "e", "english", "../en", "en/US", "en US", "1en"};
    for (size_t i = 0; i < COUNT_OF(bad); i++)
        assert_null(hyph_open(bad[i]));
    assert_null(hyph_open(NULL));
}

/* ---- dictionaries of our own -------------------------------------------- */

static void write_text(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *const own_files[] = {"hyph_en_GB.dic", "hyph_en_US.dic", "hyph_de_CH.dic",
                                        "hyph_fr_FR.dic", "hyph_xx_XX.dic", "hyph_yy_YY.dic"};

/* Each English and German file hyphenates "abab" in its own place, so the
 * answer tells which one was loaded. */
static int make_dictionaries(void **state)
{
    char *dir = strdup("/tmp/dossier-hyphen-XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    write_text(dir, "hyph_en_GB.dic", "UTF-8\na1bab\n");
    write_text(dir, "hyph_en_US.dic", "UTF-8\naba1b\n");
    write_text(dir, "hyph_de_CH.dic", "UTF-8\nab1ab\n");
    /* Latin-1: é is the byte E9; "é1t" breaks between é and t */
    write_text(dir, "hyph_fr_FR.dic", "ISO8859-1\n\xE9" "1t\n");
    /* "1b" is lost in state "ab" unless completed; "tab-le" an exception */
    write_text(dir, "hyph_xx_XX.dic", "UTF-8\n1b\nab2cd\ntab-le\n");
    write_text(dir, "hyph_yy_YY.dic", "UTF-8\nLEFTHYPHENMIN 2\n1b\n");
    setenv("DOSSIER_HYPHEN_DIR", dir, 1);
    *state = dir;
    return 0;
}

/* A folder with US English patterns only. */
static int make_us_only(void **state)
{
    char *dir = strdup("/tmp/dossier-hyphen-XXXXXX");
    if (!dir || !mkdtemp(dir))
        return -1;
    write_text(dir, "hyph_en_US.dic", "UTF-8\naba1b\n");
    setenv("DOSSIER_HYPHEN_DIR", dir, 1);
    *state = dir;
    return 0;
}

static int remove_dictionaries(void **state)
{
    char *dir = *state;
    char path[512];
    for (size_t i = 0; i < COUNT_OF(own_files); i++) {
        snprintf(path, sizeof path, "%s/%s", dir, own_files[i]);
        unlink(path);
    }
    rmdir(dir);
    free(dir);
    unsetenv("DOSSIER_HYPHEN_DIR");
    return 0;
}

static void expect_abab(const char *tag, const char *file, int point)
{
    hyphenator *h = hyph_open(tag);
    assert_non_null(h);
    assert_true(ends_with(hyph_path(h), file));
    assert_points(h, "abab", 1, 1, &point, 1);
    hyph_close(h);
}

static void test_dictionary_choice(void **state)
{
    (void)state;
    expect_abab("en", "/hyph_en_US.dic", 3);
    expect_abab("en-GB", "/hyph_en_GB.dic", 1);
    expect_abab("en_GB", "/hyph_en_GB.dic", 1);
    expect_abab("en-AU", "/hyph_en_US.dic", 3);
    expect_abab("de", "/hyph_de_CH.dic", 2); /* the only German one */
    expect_abab("de-AT", "/hyph_de_CH.dic", 2);
    assert_null(hyph_open("ru")); /* the folder replaces the system's */
}

/* A single-byte charset other than KOI8-R goes through iconv as well:
 * "ÉTÉ" is lowered to "été", sent as E9 74 E9, and the point after é maps
 * back to UTF-8 byte 2. A character Latin-1 lacks gives nothing. */
static void test_latin1_dictionary(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("fr");
    assert_non_null(h);
    assert_points(h, "été", 1, 1, POINTS(2));
    assert_points(h, "ÉTÉ", 1, 1, POINTS(2));
    assert_points(h, "étƐ", 1, 1, NONE);
    hyph_close(h);
}

static void test_own_dictionary_completed(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("xx");
    assert_non_null(h);
    assert_points(h, "xabx", 1, 1, POINTS(2));   /* xa-bx, through state "ab" */
    assert_points(h, "table", 1, 1, POINTS(3));   /* tab-le: the exception wins over 1b */
    assert_points(h, "tables", 1, 1, POINTS(2));  /* exceptions are whole words: ta-bles */
    hyph_close(h);
}

/* The dictionary's LEFTHYPHENMIN stays a floor under the caller's minima:
 * "1b" would break "a-bab" and "aba-b", but 2 letters must stay left. */
static void test_dictionary_minima_are_a_floor(void **state)
{
    (void)state;
    hyphenator *h = hyph_open("yy");
    assert_non_null(h);
    assert_points(h, "abab", 1, 1, POINTS(3));
    hyph_close(h);
}

#define OWN(test) cmocka_unit_test_setup_teardown(test, make_dictionaries, remove_dictionaries)

int main(void)
{
    /* the system's folder, whatever the caller's environment says */
    unsetenv("DOSSIER_HYPHEN_DIR");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_words),
        cmocka_unit_test(test_minima),
        cmocka_unit_test(test_capitalised_words_are_lowercased),
        cmocka_unit_test(test_utf8_dictionary_offsets_are_bytes),
        cmocka_unit_test(test_russian_words),
        cmocka_unit_test(test_russian_patterns_are_completed),
        cmocka_unit_test(test_kazakh_has_no_patterns),
        cmocka_unit_test(test_character_outside_the_charset),
        cmocka_unit_test(test_words_that_are_not_words),
        cmocka_unit_test(test_cache_returns_the_same_points),
        cmocka_unit_test(test_cache_round_trip_and_damage),
        cmocka_unit_test_setup_teardown(test_language_tags, make_us_only, remove_dictionaries),
        OWN(test_dictionary_choice),
        OWN(test_latin1_dictionary),
        OWN(test_own_dictionary_completed),
        OWN(test_dictionary_minima_are_a_floor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
