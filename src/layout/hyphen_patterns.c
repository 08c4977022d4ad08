/* Completing libhyphen pattern dictionaries: see hyphen_patterns.h. */
#include "hyphen_patterns.h"

#include <string.h>

/* libhyphen reads a line into 100 bytes and drops longer ones. */
#define PATTERN_LINE_MAX 98
/* Longer tokens are not patterns any dictionary has; skip them. */
#define PATTERN_TOKEN_MAX 256

/* A pattern as its letters and the digit before each letter;
 * values[len] is the digit after the last one. */
typedef struct {
    const char *letters;
    size_t len;
    unsigned char *values;
} pattern;

typedef struct {
    arena *a;
    hmap index; /* letters -> pattern * */
    vec list;   /* pattern *, in the order first seen: stable output */
} pattern_set;

static void set_init(pattern_set *s, arena *a)
{
    s->a = a;
    hmap_init(&s->index, a);
    vec_init(&s->list, sizeof(pattern *));
}

static pattern *find_or_add(pattern_set *s, const char *letters, size_t len)
{
    pattern *p = hmap_get(&s->index, letters, len);
    if (p)
        return p;
    p = ARENA_NEW(s->a, pattern);
    p->letters = arena_strndup(s->a, letters, len);
    p->len = len;
    p->values = arena_alloc(s->a, len + 1);
    hmap_put(&s->index, p->letters, len, p);
    *VEC_PUSH(s->a, &s->list, pattern *) = p;
    return p;
}

/* Merging keeps the higher digit everywhere, as pattern matching does. */
static void merge_values(unsigned char *into, const unsigned char *from, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (from[k] > into[k])
            into[k] = from[k];
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void add_pattern(pattern_set *s, const char *tok, size_t n)
{
    char letters[PATTERN_TOKEN_MAX];
    unsigned char values[PATTERN_TOKEN_MAX + 1] = {0};
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_digit(tok[i])) {
            unsigned char d = (unsigned char)(tok[i] - '0');
            if (d > values[len])
                values[len] = d;
        } else {
            letters[len++] = tok[i];
        }
    }
    pattern *p = find_or_add(s, letters, len);
    merge_values(p->values, values, len + 1);
}

/* "се-го-дня" -> ".с8е9г8о9д8н8я.": 9 (odd, a break) where the word has a
 * hyphen and 8 (even, none) between all other letters; no pattern goes
 * above 8, so the word is hyphenated exactly as listed, as TeX does with
 * its \hyphenation exceptions. */
static void add_exception(pattern_set *s, const char *tok, size_t n, bool utf8)
{
    char letters[PATTERN_TOKEN_MAX + 2];
    bool hyphen_before[PATTERN_TOKEN_MAX + 2] = {false};
    size_t len = 0;
    letters[len++] = '.';
    for (size_t i = 0; i < n; i++) {
        if (tok[i] == '-')
            hyphen_before[len] = true;
        else
            letters[len++] = tok[i];
    }
    letters[len++] = '.';
    pattern *p = find_or_add(s, letters, len);
    /* between the word's letters: positions 2 .. len-2 */
    for (size_t k = 2; k + 1 < len; k++) {
        bool boundary = !utf8 || ((unsigned char)letters[k] & 0xC0) != 0x80;
        if (boundary) {
            unsigned char v = hyphen_before[k] ? 9 : 8;
            if (v > p->values[k])
                p->values[k] = v;
        }
    }
}

/* Every prefix of p that ends in patterns of `in` gets their values. */
static void complete_prefixes(const pattern_set *in, pattern_set *out, const pattern *p)
{
    unsigned char values[PATTERN_TOKEN_MAX + 3];
    for (size_t end = 1; end <= p->len; end++) {
        if (hmap_get(&out->index, p->letters, end))
            continue;
        memset(values, 0, end + 1);
        bool any = false;
        for (size_t start = 0; start < end; start++) {
            const pattern *q = hmap_get(&in->index, p->letters + start, end - start);
            if (q) {
                merge_values(values + start, q->values, q->len + 1);
                any = true;
            }
        }
        if (any)
            merge_values(find_or_add(out, p->letters, end)->values, values, end + 1);
    }
}

static void write_pattern(strbuf *sb, const pattern *p)
{
    char line[2 * PATTERN_TOKEN_MAX + 8];
    size_t n = 0;
    bool any = false;
    for (size_t k = 0; k <= p->len; k++) {
        if (p->values[k]) {
            line[n++] = (char)('0' + p->values[k]);
            any = true;
        }
        if (k < p->len)
            line[n++] = p->letters[k];
    }
    if (!any || n > PATTERN_LINE_MAX)
        return; /* all zeros change nothing; too long, libhyphen drops it */
    sb_append(sb, line, n);
    sb_putc(sb, '\n');
}

static bool is_keyword(const char *line, size_t n)
{
    static const char *const keywords[] = {"LEFTHYPHENMIN", "RIGHTHYPHENMIN",
                                           "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN",
                                           "NOHYPHEN"};
    for (size_t i = 0; i < COUNT_OF(keywords); i++) {
        size_t k = strlen(keywords[i]);
        if (n >= k && memcmp(line, keywords[i], k) == 0)
            return true;
    }
    return false;
}

/* Completes one level's patterns and writes them. */
static void flush_level(arena *a, const pattern_set *given, strbuf *out)
{
    pattern_set done;
    set_init(&done, a);
    for (size_t i = 0; i < given->list.len; i++)
        complete_prefixes(given, &done, VEC_AT(&given->list, pattern *, i));
    for (size_t i = 0; i < done.list.len; i++)
        write_pattern(out, VEC_AT(&done.list, pattern *, i));
}

char *hyph_patterns_complete(arena *a, const char *text, size_t len, bool utf8, size_t *out_len)
{
    pattern_set given;
    set_init(&given, a);
    strbuf out; /* the charset and keywords first, then the patterns */
    sb_init(&out, a);

    size_t pos = 0;
    bool first = true;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (first) { /* the charset */
            first = false;
            if (utf8)
                sb_puts(&out, "UTF-8\n");
            else {
                sb_append(&out, line, n);
                sb_putc(&out, '\n');
            }
            continue;
        }
        while (n > 0 && (*line == ' ' || *line == '\t'))
            line++, n--;
        if (n == 0 || line[0] == '%')
            continue;
        if (n >= 9 && memcmp(line, "NEXTLEVEL", 9) == 0) {
            /* the compound level ends: each level is a machine of its own */
            flush_level(a, &given, &out);
            sb_puts(&out, "NEXTLEVEL\n");
            set_init(&given, a);
            continue;
        }
        if (is_keyword(line, n)) {
            sb_append(&out, line, n);
            sb_putc(&out, '\n');
            continue;
        }
        size_t t = 0, digits = 0;
        while (t < n && (unsigned char)line[t] > ' ')
            digits += is_digit(line[t++]);
        if (memchr(line, '/', t)) {
            /* non-standard hyphenation ("c1k/k=k,1,2"): kept as written */
            sb_append(&out, line, t);
            sb_putc(&out, '\n');
            continue;
        }
        /* TeX syntax left in some files (\hyphenation{, }) is not a pattern */
        if (t > PATTERN_TOKEN_MAX || memchr(line, '\\', t) || memchr(line, '{', t) ||
            memchr(line, '}', t))
            continue;
        if (digits)
            add_pattern(&given, line, t);
        else
            add_exception(&given, line, t, utf8);
    }
    flush_level(a, &given, &out);
    *out_len = out.len;
    return out.data;
}
