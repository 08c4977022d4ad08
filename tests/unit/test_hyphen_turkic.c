/* The Kazakh and Kyrgyz patterns (hyphen/, written by
 * tools/hyphen_turkic.py) against the syllable rules, checked here on
 * their own: for each word of tests/hyphen/kk.txt and ky.txt the breaks
 * the rules give must be exactly the points the patterns give. The rules,
 * as the languages' orthographies state them: a syllable begins at a
 * consonant followed by a vowel (so two consonants between vowels are
 * parted), never inside the cluster that opens a word, never before a
 * soft or hard sign, never between vowels (Kyrgyz long vowels are one);
 * я, ю, ё after a vowel are й + vowel; Kazakh у and и after a vowel are
 * consonants. No lone letter stays at either end. */
#include "testing.h"

#include "../../src/layout/hyphen.h"

#define MAXW 64

typedef enum { VOWEL, CONSONANT, SIGN, OTHER } sound;

typedef struct {
    const char *vowels, *consonants;
    bool semivowels; /* у, и after a vowel are consonants */
} alphabet;

static const alphabet kazakh = {"аәеёиіоөуұүыэюя", "бвгғджзйкқлмнңпрстфхһцчшщ", true};
static const alphabet kyrgyz = {"аеёиоөуүыэюя", "бвгджзйклмнңпрстфхцчшщ", false};

static bool in_set(const char *set, uint32_t cp)
{
    for (size_t i = 0; set[i];) {
        uint32_t c;
        int k = utf8_decode(set + i, strlen(set + i), &c);
        if (k <= 0)
            return false;
        if (c == cp)
            return true;
        i += (size_t)k;
    }
    return false;
}

static sound letter_sound(const alphabet *ab, uint32_t cp)
{
    if (cp == 0x44C || cp == 0x44A) /* ь ъ */
        return SIGN;
    if (in_set(ab->vowels, cp))
        return VOWEL;
    if (in_set(ab->consonants, cp))
        return CONSONANT;
    return OTHER;
}

static bool iotated(uint32_t cp)
{
    return cp == 0x44F || cp == 0x44E || cp == 0x451; /* я ю ё */
}

/* The points by rule, as byte offsets, ascending. */
static int rule_points(const alphabet *ab, const char *word, int *out)
{
    uint32_t cps[MAXW];
    int ends[MAXW], n = 0;
    for (size_t i = 0; word[i] && n < MAXW;) {
        int k = utf8_decode(word + i, strlen(word + i), &cps[n]);
        assert_true(k > 0);
        i += (size_t)k;
        ends[n++] = (int)i;
    }
    /* what each letter sounds as in its place */
    sound s[MAXW];
    bool starts[MAXW] = {false}; /* a syllable begins with a consonant sound here */
    for (int i = 0; i < n; i++) {
        s[i] = letter_sound(ab, cps[i]);
        assert_true(s[i] != OTHER);
        bool after_vowel = i > 0 && s[i - 1] == VOWEL;
        if (after_vowel && ab->semivowels && (cps[i] == 0x443 || cps[i] == 0x438)) /* у и */
            s[i] = CONSONANT;
    }
    bool vowel_before = false;
    int npoints = 0;
    for (int i = 0; i < n; i++) {
        bool onset = false;
        if (s[i] == CONSONANT) {
            int j = i + 1;
            if (j < n && s[j] == SIGN)
                j++;
            onset = j < n && s[j] == VOWEL;
        } else if (s[i] == VOWEL && iotated(cps[i]) && i > 0 && s[i - 1] == VOWEL) {
            onset = true; /* й + vowel */
        }
        starts[i] = onset && vowel_before;
        if (s[i] == VOWEL)
            vowel_before = true;
        if (starts[i] && i >= 2 && n - i >= 2)
            out[npoints++] = ends[i - 1];
    }
    return npoints;
}

/* Hyphenates a word by rule, for the examples below: "ба-ла-лар". */
static void rule_hyphenated(const alphabet *ab, const char *word, char *out)
{
    int p[MAXW];
    int n = rule_points(ab, word, p), k = 0;
    size_t o = 0;
    for (int i = 0; word[i]; i++) {
        if (k < n && p[k] == i) {
            out[o++] = '-';
            k++;
        }
        out[o++] = word[i];
    }
    out[o] = 0;
}

/* The rule itself, on words whose hyphenation the orthographic
 * dictionaries give. */
static void test_rule_examples(void **state)
{
    (void)state;
    static const char *const kk[][2] = {
        {"мектеп", "мек-теп"},   {"балалар", "ба-ла-лар"}, {"таулар", "тау-лар"},
        {"дауыс", "да-уыс"},     {"құқық", "құ-қық"},      {"сайлау", "сай-лау"},
        {"қоян", "қо-ян"},       {"пальто", "паль-то"},    {"стратегия", "стра-те-гия"},
        {"компьютер", "ком-пью-тер"}, {"ауыл", "ауыл"},   {"адам", "адам"},
    };
    char got[256];
    for (size_t i = 0; i < COUNT_OF(kk); i++) {
        rule_hyphenated(&kazakh, kk[i][0], got);
        if (strcmp(got, kk[i][1]) != 0)
            fail_msg("kk %s: %s, expected %s", kk[i][0], got, kk[i][1]);
    }
    static const char *const ky[][2] = {
        {"шайлоо", "шай-лоо"},   {"китепкана", "ки-теп-ка-на"}, {"маалымат", "маа-лы-мат"},
        {"тергөө", "тер-гөө"},   {"изилдөөчү", "изил-дөө-чү"},  {"коопсуздук", "кооп-суз-дук"},
    };
    for (size_t i = 0; i < COUNT_OF(ky); i++) {
        rule_hyphenated(&kyrgyz, ky[i][0], got);
        if (strcmp(got, ky[i][1]) != 0)
            fail_msg("ky %s: %s, expected %s", ky[i][0], got, ky[i][1]);
    }
}

static void check_list(const alphabet *ab, const char *tag, const char *list)
{
    hyphenator *h = hyph_open(tag, NULL);
    assert_non_null(h);
    arena *a = arena_new();
    size_t len;
    bool big;
    char *text = read_file(a, list, 1 << 20, &len, &big);
    assert_non_null(text);
    int words = 0, breaks = 0, bad = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !line[0])
            continue;
        int want[MAXW], got[MAXW];
        int nw = rule_points(ab, line, want);
        int ng = hyph_points(h, line, strlen(line), 2, 2, got, MAXW);
        bool same = nw == ng && memcmp(want, got, sizeof(int) * (size_t)nw) == 0;
        if (!same) {
            char w[256];
            rule_hyphenated(ab, line, w);
            print_message("%s: %s by rule, %d points by the patterns\n", line, w, ng);
            bad++;
        }
        words++;
        breaks += nw;
    }
    hyph_close(h);
    arena_free(a);
    print_message("%s: %d words, %d breaks\n", tag, words, breaks);
    assert_true(words >= 200);
    assert_true(breaks >= words); /* the list is not made of unbreakable words */
    assert_int_equal(bad, 0);
}

static void test_kazakh_words(void **state)
{
    (void)state;
    check_list(&kazakh, "kk", "tests/hyphen/kk.txt");
}

static void test_kyrgyz_words(void **state)
{
    (void)state;
    check_list(&kyrgyz, "ky", "tests/hyphen/ky.txt");
}

/* Tags with a region or script find the same files; capitals are lowered. */
static void test_tags_and_case(void **state)
{
    (void)state;
    const char *tags[] = {"kk", "kk-KZ", "kk_Cyrl_KZ"};
    for (size_t i = 0; i < COUNT_OF(tags); i++) {
        hyphenator *h = hyph_open(tags[i], NULL);
        assert_non_null(h);
        int got[8];
        int n = hyph_points(h, "МЕКТЕП", strlen("МЕКТЕП"), 2, 2, got, 8);
        hyph_close(h);
        assert_int_equal(n, 1);
        assert_int_equal(got[0], 6);
    }
    assert_true(hyph_available("ky-KG", NULL));
}

int main(void)
{
    /* the repository's patterns alone (run from the source tree) */
    setenv("DOSSIER_HYPHEN_DIR", "hyphen", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_examples),
        cmocka_unit_test(test_kazakh_words),
        cmocka_unit_test(test_kyrgyz_words),
        cmocka_unit_test(test_tags_and_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
