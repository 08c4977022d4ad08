/* Hyphenation points from libhyphen: picks the dictionary for a language
 * tag, completes its patterns (hyphen_patterns.c), lowercases words and
 * converts them to the dictionary's charset, and maps the points back to
 * byte offsets in the caller's UTF-8. Results are cached per word. */
#include "hyphen.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h> /* libhyphen's, from the system include path (ours is "hyphen.h") */

#include "hyphen_cache.h"
#include "hyphen_patterns.h"

#define HYPHEN_DIR "/usr/share/hyphen"
#define DICT_MAX_BYTES (16u << 20)
/* Longer "words" are not words (URLs, identifiers): no points. */
#define WORD_MAX_BYTES 255

struct hyphenator {
    arena *mem; /* the hyphenator itself, its path and the cache */
    HyphenDict *dict;
    const char *path;
    bool utf8;       /* else a single-byte charset, reached through iconv */
    iconv_t to_dict; /* UTF-8 -> the dictionary's charset */
    hmap cache;      /* left/right minima + word -> cached_points */
    hyph_mapping map; /* the cache file the dict points into; when it is
                         set, dict lives in mem, not libhyphen's heap */
};

typedef struct {
    int n;
    int offsets[];
} cached_points;

/* ---- choosing the dictionary ------------------------------------------- */

/* The usual region of a language whose code differs from its country's. */
static const char *default_region(const char *lang)
{
    static const char *const pairs[][2] = {
        {"en", "US"}, {"cs", "CZ"}, {"da", "DK"}, {"el", "GR"}, {"et", "EE"},
        {"ga", "IE"}, {"he", "IL"}, {"hy", "AM"}, {"ka", "GE"}, {"kk", "KZ"},
        {"nb", "NO"}, {"nn", "NO"}, {"sl", "SI"}, {"sq", "AL"}, {"sr", "RS"},
        {"sv", "SE"}, {"uk", "UA"}, {"be", "BY"}, {"ca", "ES"}, {"gl", "ES"},
        {"eu", "ES"}, {"cy", "GB"}, {"fa", "IR"}, {"hi", "IN"}, {"ko", "KR"},
    };
    for (size_t i = 0; i < COUNT_OF(pairs); i++)
        if (strcmp(pairs[i][0], lang) == 0)
            return pairs[i][1];
    return NULL;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char ascii_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* Splits "en-GB", "en_GB", "sr-Latn-RS" into a language ("en") and a
 * region ("GB", or "" when none). False for anything that is not a tag:
 * the tag becomes part of a file name. */
static bool parse_tag(const char *tag, char lang[4], char region[4])
{
    size_t n = strlen(tag);
    if (n == 0 || n > 35)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(tag[i]) && !(tag[i] >= '0' && tag[i] <= '9') && tag[i] != '-' &&
            tag[i] != '_')
            return false;
    size_t k = 0;
    while (k < n && is_alpha(tag[k]))
        k++;
    if (k < 2 || k > 3 || (k < n && tag[k] != '-' && tag[k] != '_'))
        return false;
    for (size_t i = 0; i < k; i++)
        lang[i] = ascii_lower(tag[i]);
    lang[k] = 0;
    region[0] = 0;
    /* later subtags: a 4-letter script is skipped, a 2-letter one is the region */
    const char *s = tag + k;
    while (*s) {
        s++;
        size_t m = strcspn(s, "-_");
        if (m == 2 && is_alpha(s[0]) && is_alpha(s[1])) {
            region[0] = ascii_upper(s[0]);
            region[1] = ascii_upper(s[1]);
            region[2] = 0;
            break;
        }
        s += m;
    }
    return true;
}

static char *readable(arena *a, const char *dir, const char *name)
{
    char *path = arena_printf(a, "%s/%s", dir, name);
    return access(path, R_OK) == 0 ? path : NULL;
}

/* Any hyph_<lang>_*.dic, the first by name so the choice is stable. */
static char *any_for_language(arena *a, const char *dir, const char *lang)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char prefix[16];
    int plen = snprintf(prefix, sizeof prefix, "hyph_%s_", lang);
    char *best = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > (size_t)plen + 4 && strncmp(e->d_name, prefix, (size_t)plen) == 0 &&
            strcmp(e->d_name + n - 4, ".dic") == 0 && (!best || strcmp(e->d_name, best) < 0))
            best = arena_strdup(a, e->d_name);
    }
    closedir(d);
    return best ? readable(a, dir, best) : NULL;
}

static char *find_in(arena *a, const char *dir, const char *lang, const char *region)
{
    const char *usual = default_region(lang);
    char own[4] = {ascii_upper(lang[0]), ascii_upper(lang[1]), 0, 0};
    char *path = NULL;
    if (region[0])
        path = readable(a, dir, arena_printf(a, "hyph_%s_%s.dic", lang, region));
    if (!path && usual)
        path = readable(a, dir, arena_printf(a, "hyph_%s_%s.dic", lang, usual));
    if (!path && strlen(lang) == 2)
        path = readable(a, dir, arena_printf(a, "hyph_%s_%s.dic", lang, own));
    if (!path)
        path = readable(a, dir, arena_printf(a, "hyph_%s.dic", lang));
    if (!path)
        path = any_for_language(a, dir, lang);
    return path;
}

static char *find_dictionary(arena *a, const char *lang_tag, const char *bundled)
{
    char lang[4], region[4];
    if (!parse_tag(lang_tag, lang, region))
        return NULL;
    const char *dir = getenv("DOSSIER_HYPHEN_DIR");
    if (dir && *dir)
        return find_in(a, dir, lang, region);
    char *path = find_in(a, HYPHEN_DIR, lang, region);
    if (!path && bundled && *bundled)
        path = find_in(a, bundled, lang, region);
    return path;
}

/* Debian's hyphen-* packages, by language: most are named after it. */
const char *hyph_package(const char *lang_tag)
{
    char lang[4], region[4];
    if (!lang_tag || !parse_tag(lang_tag, lang, region))
        return NULL;
    if (strcmp(lang, "en") == 0)
        return strcmp(region, "GB") == 0 ? "hyphen-en-gb" : "hyphen-en-us";
    if (strcmp(lang, "pt") == 0)
        return strcmp(region, "BR") == 0 ? "hyphen-pt-br" : "hyphen-pt-pt";
    if (strcmp(lang, "nb") == 0 || strcmp(lang, "nn") == 0 || strcmp(lang, "no") == 0)
        return "hyphen-no";
    if (strcmp(lang, "et") == 0)
        return "myspell-et";
    static const char *const named[] = {
        "hyphen-af", "hyphen-as", "hyphen-be", "hyphen-bg", "hyphen-bn", "hyphen-ca",
        "hyphen-cs", "hyphen-da", "hyphen-de", "hyphen-el", "hyphen-es", "hyphen-fr",
        "hyphen-gl", "hyphen-gu", "hyphen-hi", "hyphen-hr", "hyphen-hu", "hyphen-id",
        "hyphen-is", "hyphen-it", "hyphen-kn", "hyphen-lt", "hyphen-lv", "hyphen-ml",
        "hyphen-mn", "hyphen-mr", "hyphen-nl", "hyphen-or", "hyphen-pa", "hyphen-pl",
        "hyphen-ro", "hyphen-ru", "hyphen-sk", "hyphen-sl", "hyphen-sr", "hyphen-sv",
        "hyphen-ta", "hyphen-te", "hyphen-th", "hyphen-uk", "hyphen-zu",
    };
    for (size_t i = 0; i < COUNT_OF(named); i++)
        if (strcmp(named[i] + 7, lang) == 0)
            return named[i];
    return NULL;
}

bool hyph_customary(const char *lang_tag)
{
    char lang[4], region[4];
    if (!lang_tag || !parse_tag(lang_tag, lang, region))
        return true;
    static const char *const unbroken[] = {"ar", "fa", "he", "yi", "ur", "ps", "ku", "sd",
                                           "ug", "zh", "ja", "ko", "lo", "km", "my", "bo"};
    for (size_t i = 0; i < COUNT_OF(unbroken); i++)
        if (strcmp(unbroken[i], lang) == 0)
            return false;
    return true;
}

/* ---- loading ------------------------------------------------------------ */

static bool charset_is_utf8(const char *cs)
{
    return str_ieq(cs, "UTF-8") || str_ieq(cs, "UTF8");
}

static iconv_t open_converter(const char *charset)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    /* some dictionaries name Windows code pages "microsoft-cp1251" */
    if (cd == (iconv_t)-1 && strncmp(charset, "microsoft-", 10) == 0)
        cd = iconv_open(charset + 10, "UTF-8");
    return cd;
}

static HyphenDict *load_dictionary(const char *path, bool *utf8, iconv_t *to_dict, arena *keep, hyph_mapping *map)
{
    /* a machine saved by an earlier run is much faster to rebuild */
    HyphenDict *dict = hyph_cache_read(keep, path, map);
    if (dict) {
        *utf8 = dict->utf8 != 0;
        *to_dict = (iconv_t)-1;
        if (!*utf8 && (*to_dict = open_converter(dict->cset)) == (iconv_t)-1) {
            hyph_cache_release(map);
            return NULL;
        }
        return dict;
    }
    arena *tmp = arena_new();
    size_t len;
    bool too_big;
    char *text = read_file(tmp, path, DICT_MAX_BYTES, &len, &too_big);
    if (!text || too_big || len == 0)
        goto done;
    size_t cs_len = strcspn(text, "\r\n");
    char *charset = arena_strndup(tmp, text, cs_len);
    *utf8 = charset_is_utf8(charset);
    *to_dict = (iconv_t)-1;
    if (!*utf8 && (*to_dict = open_converter(charset)) == (iconv_t)-1)
        goto done;

    size_t complete_len;
    char *complete = hyph_patterns_complete(tmp, text, len, *utf8, &complete_len);
    if (complete) {
        text = complete;
        len = complete_len;
    }
    FILE *f = fmemopen(text, len, "r");
    if (f) {
        dict = hnj_hyphen_load_file(f);
        fclose(f);
    }
    if (dict)
        hyph_cache_write(tmp, path, dict);
    if (!dict && *to_dict != (iconv_t)-1) {
        iconv_close(*to_dict);
        *to_dict = (iconv_t)-1;
    }
done:
    arena_free(tmp);
    return dict;
}

hyphenator *hyph_open(const char *lang, const char *bundled)
{
    if (!lang)
        return NULL;
    arena *mem = arena_new();
    const char *path = find_dictionary(mem, lang, bundled);
    bool utf8 = false;
    iconv_t to_dict = (iconv_t)-1;
    hyph_mapping map = {NULL, 0};
    HyphenDict *dict = path ? load_dictionary(path, &utf8, &to_dict, mem, &map) : NULL;
    if (!dict) {
        arena_free(mem);
        return NULL;
    }
    hyphenator *h = ARENA_NEW(mem, hyphenator);
    h->mem = mem;
    h->dict = dict;
    h->path = path;
    h->utf8 = utf8;
    h->to_dict = to_dict;
    h->map = map;
    hmap_init(&h->cache, mem);
    return h;
}

bool hyph_available(const char *lang, const char *bundled)
{
    if (!lang)
        return false;
    arena *tmp = arena_new();
    bool found = find_dictionary(tmp, lang, bundled) != NULL;
    arena_free(tmp);
    return found;
}

void hyph_close(hyphenator *h)
{
    if (!h)
        return;
    if (!h->map.addr)
        hnj_hyphen_free(h->dict);
    if (h->to_dict != (iconv_t)-1)
        iconv_close(h->to_dict);
    hyph_cache_release(&h->map);
    arena_free(h->mem);
}

const char *hyph_path(const hyphenator *h)
{
    return h ? h->path : NULL;
}

/* ---- words -------------------------------------------------------------- */

/* The word lowercased in the dictionary's charset, and the byte offset in
 * the original after each character. False when the word cannot be
 * hyphenated: invalid UTF-8, ASCII other than letters, or a character the
 * charset lacks. */
static bool prepare_word(hyphenator *h, const char *word, size_t len, char *out, size_t *out_len,
                         int *ends, int *nchars)
{
    char lower[4 * WORD_MAX_BYTES + 1];
    size_t lower_len = 0;
    int n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_decode(word + i, len - i, &cp);
        if (k == 0 || (cp < 0x80 && !is_alpha((char)cp)))
            return false;
        i += (size_t)k;
        ends[n++] = (int)i;
        lower_len += (size_t)utf8_encode(cp_lower(cp), lower + lower_len);
    }
    *nchars = n;
    if (h->utf8) {
        memcpy(out, lower, lower_len);
        *out_len = lower_len;
    } else {
        iconv(h->to_dict, NULL, NULL, NULL, NULL);
        char *in = lower, *o = out;
        size_t in_left = lower_len, out_left = (size_t)n;
        if (iconv(h->to_dict, &in, &in_left, &o, &out_left) == (size_t)-1)
            return false; /* EILSEQ: not in the charset; E2BIG: not single-byte */
        *out_len = (size_t)(o - out);
        if (*out_len != (size_t)n)
            return false;
    }
    out[*out_len] = 0;
    return true;
}

static void free_nonstandard(char **rep, int *pos, int *cut, size_t n)
{
    if (rep)
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
    free(rep);
    free(pos);
    free(cut);
}

static cached_points *compute(hyphenator *h, const char *word, size_t len, int left_min,
                              int right_min)
{
    char encoded[4 * WORD_MAX_BYTES + 1];
    char hyphens[4 * WORD_MAX_BYTES + 6];
    int ends[WORD_MAX_BYTES];
    size_t enc_len = 0;
    int nchars = 0, found = 0, points[WORD_MAX_BYTES];
    if (prepare_word(h, word, len, encoded, &enc_len, ends, &nchars) && nchars > 1) {
        char **rep = NULL;
        int *pos = NULL, *cut = NULL;
        int err = hnj_hyphen_hyphenate3(h->dict, encoded, (int)enc_len, hyphens, NULL, &rep, &pos,
                                        &cut, left_min, right_min, 0, 0);
        /* A UTF-8 dictionary answers per character, a single-byte one per
         * byte, which there is a character too: hyphens[i] is about the
         * point after character i either way. Points with a replacement
         * (non-standard hyphenation, "Schiff-fahrt") are left out: a plain
         * hyphen there would misspell the word. */
        for (int i = 0; !err && i + 1 < nchars; i++)
            if ((hyphens[i] & 1) && !(rep && rep[i]) && i + 1 >= left_min &&
                nchars - (i + 1) >= right_min)
                points[found++] = ends[i];
        free_nonstandard(rep, pos, cut, enc_len);
    }
    cached_points *c = arena_alloc(h->mem, sizeof *c + sizeof(int) * (size_t)found);
    c->n = found;
    memcpy(c->offsets, points, sizeof(int) * (size_t)found);
    return c;
}

int hyph_points(hyphenator *h, const char *word, size_t len, int left_min, int right_min,
                int *out, int max)
{
    if (!h || !word || len == 0 || len > WORD_MAX_BYTES)
        return 0;
    left_min = left_min < 1 ? 1 : MIN(left_min, 255);
    right_min = right_min < 1 ? 1 : MIN(right_min, 255);
    char key[WORD_MAX_BYTES + 2];
    key[0] = (char)left_min;
    key[1] = (char)right_min;
    memcpy(key + 2, word, len);
    cached_points *c = hmap_get(&h->cache, key, len + 2);
    if (!c) {
        c = compute(h, word, len, left_min, right_min);
        hmap_put(&h->cache, key, len + 2, c);
    }
    int n = MIN(c->n, max < 0 ? 0 : max);
    if (n > 0)
        memcpy(out, c->offsets, sizeof(int) * (size_t)n);
    return n;
}
