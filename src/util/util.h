/* util: the arena, diagnostics, UTF-8, string buffers and hash maps that
 * every stage shares. Nothing here knows about documents or PDF. */
#ifndef DOSSIER_UTIL_H
#define DOSSIER_UTIL_H

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define DOSSIER_VERSION "0.1.0"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* ---- arena: one per compilation, freed at once ------------------------- */

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Zeroed memory, 16-byte aligned. Aborts with a message on exhaustion:
 * a compiler that cannot allocate has no meaningful way to continue. */
void *arena_alloc(arena *a, size_t size);
/* The same without zeroing, for buffers the caller fills before reading. */
void *arena_alloc_uninit(arena *a, size_t size);
void *arena_memdup(arena *a, const void *p, size_t size);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* Bytes handed out so far (for memory figures in -v output). */
size_t arena_used(const arena *a);
/* Forgets everything allocated, keeping one block for reuse: for scratch
 * arenas that hold one paragraph's working data at a time. */
void arena_reset(arena *a);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

/* A growable array whose storage lives in the arena. Growth doubles, so the
 * abandoned copies cost at most the final size again. */
typedef struct {
    void *data;
    size_t len, cap, elem;
} vec;

void vec_init(vec *v, size_t elem);
void *vec_push(arena *a, vec *v); /* returns the new, zeroed slot */
void vec_grow(arena *a, vec *v);  /* doubles the capacity */
#define VEC_AT(v, type, i) (((type *)(v)->data)[i])
#define VEC_PUSH(a, v, type) ((type *)vec_push_sized((a), (v), sizeof(type)))

/* vec_push for an element of a size known where it is called: inline, so
 * the clearing is a few stores rather than a call (layout pushes an item
 * per character and per glyph) */
static inline void *vec_push_sized(arena *a, vec *v, size_t size)
{
    assert(size == v->elem);
    if (v->len == v->cap)
        vec_grow(a, v);
    void *slot = (char *)v->data + v->len++ * size;
    memset(slot, 0, size);
    return slot;
}

/* ---- source positions and diagnostics ---------------------------------- */

typedef struct {
    const char *file; /* as the user named it; "<stdin>" for standard input */
    int line;         /* 1-based; 0 when unknown */
    int col;          /* 1-based, in characters; 0 when unknown */
    int len;          /* characters the problem spans from col (underlined); 0: a point */
} srcpos;

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } diag_level;

/* How diagnostics are written:
 *   SHORT   file:line:col: error: message (one line each; the default here)
 *   TEXT    the same, then the source line with a caret under the column
 *           and a note line for a hint, as gcc and rustc do
 *   JSON    one JSON object per line, for tools
 *   GITHUB  GitHub Actions workflow commands (::error file=..::message) */
typedef enum { DIAG_FORMAT_SHORT, DIAG_FORMAT_TEXT, DIAG_FORMAT_JSON, DIAG_FORMAT_GITHUB } diag_format;

typedef struct diag_seen diag_seen;
typedef struct diag_sources diag_sources;

typedef struct {
    FILE *out;       /* where messages go; stderr in the program */
    bool strict;     /* warnings count as errors */
    bool quiet;      /* -q: only errors */
    bool verbose;    /* -v: notes too */
    diag_format format;
    bool color;      /* ANSI colours (TEXT only) */
    int warnings;
    int errors;
    diag_seen *seen; /* keys of diag_once messages already given */
    struct diag_repeat *repeats; /* how often each message was given */
    int nrepeats;
    diag_sources *sources; /* source texts for excerpts: given, or read once */
    bool no_excerpts; /* never quote the sources (they hold text the output withholds) */
} diag;

void diag_init(diag *d, FILE *out);
void diag_free(diag *d);
/* Forgets counts, repeats and source texts, keeping the settings: for
 * compiling again in the same process (--watch). */
void diag_reset(diag *d);
void diag_report(diag *d, diag_level level, srcpos at, const char *fmt, ...) PRINTF_LIKE(4, 5);
void diag_vreport(diag *d, diag_level level, srcpos at, const char *fmt, va_list ap);
/* The same with a hint ("did you mean 'color'?"), printed as a note after
 * the excerpt, or in the JSON object's "hint"; `hint` may be NULL. */
void diag_report_hint(diag *d, diag_level level, srcpos at, const char *hint, const char *fmt, ...)
    PRINTF_LIKE(5, 6);
/* A source held in memory (standard input, a test's text) that excerpts
 * are taken from under `name`; the text is copied. Files are otherwise
 * read again by name when an excerpt needs them, as compilers do. */
void diag_add_source(diag *d, const char *name, const char *text, size_t len);
/* Sets format and colour for the program: colour only for TEXT on a
 * terminal, and never when NO_COLOR is set (https://no-color.org). */
void diag_set_format(diag *d, diag_format format, bool out_is_terminal);
/* Reports only the first time `key` is seen (e.g. "a character no font
 * has"), so a long document does not drown the user in repeats. Returns
 * true when it reported. */
bool diag_once(diag *d, const char *key, diag_level level, srcpos at, const char *fmt, ...)
    PRINTF_LIKE(5, 6);
bool diag_failed(const diag *d); /* an error, or a warning under --strict */
/* The same message (format) is printed DIAG_REPEAT_LIMIT times at most:
 * 5,000 missing images give 50 errors and, from diag_flush, one line
 * saying how many more there were. They all still count. */
#define DIAG_REPEAT_LIMIT 50
void diag_flush(diag *d);

#define ERROR(d, at, ...) diag_report((d), DIAG_ERROR, (at), __VA_ARGS__)
#define WARN(d, at, ...) diag_report((d), DIAG_WARNING, (at), __VA_ARGS__)
#define NOTE(d, at, ...) diag_report((d), DIAG_NOTE, (at), __VA_ARGS__)
#define WARN_HINT(d, at, hint, ...) diag_report_hint((d), DIAG_WARNING, (at), (hint), __VA_ARGS__)
#define ERROR_HINT(d, at, hint, ...) diag_report_hint((d), DIAG_ERROR, (at), (hint), __VA_ARGS__)

srcpos srcpos_make(const char *file, int line, int col);

/* ---- UTF-8 ------------------------------------------------------------- */

/* Decodes one scalar value at s (n bytes available). Returns the number of
 * bytes used and stores the code point, or returns 0 for an invalid
 * sequence (overlong, surrogate, out of range, truncated). */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Like utf8_decode, but never fails: an invalid byte yields U+FFFD and 1.
 * Inline for ASCII, which most text loops meet most. */
int utf8_next_multibyte(const char *s, size_t n, uint32_t *cp);
static inline int utf8_next(const char *s, size_t n, uint32_t *cp)
{
    if (n && (unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    return utf8_next_multibyte(s, n, cp);
}
int utf8_encode(uint32_t cp, char out[4]);
/* Offset of the first invalid byte, or n when all of s is valid. */
size_t utf8_validate(const char *s, size_t n);
size_t utf8_length(const char *s, size_t n); /* in code points */

/* Simple case mapping for Latin, Greek and Cyrillic (casemap.c); other
 * code points map to themselves. */
uint32_t cp_lower(uint32_t c);
uint32_t cp_upper(uint32_t c);
bool cp_is_letter(uint32_t c);
bool cp_is_upper(uint32_t c); /* a letter with a distinct small form */
/* Turkish and Azerbaijani (tr, az and their regions) case i and ı apart:
 * i <-> İ, ı <-> I; the other mappings are the simple ones. */
bool lang_cases_dotted_i(const char *lang);
uint32_t cp_upper_in(uint32_t c, bool dotted_i);
uint32_t cp_lower_in(uint32_t c, bool dotted_i);

/* ---- number formats (numfmt.c) ----------------------------------------- */

/* A template written as numbers should look: "1,234.5", "1 234,56" ('_'
 * for a no-break space), "1234", "١٬٢٣٤٫٥" (Arabic-Indic or Persian
 * digits); "-" for numbers as written. */
typedef struct {
    bool active;    /* false: numbers stay as written */
    char group[8];  /* thousands separator, "" for none */
    char point[8];  /* decimal point */
    int decimals;   /* digits after the point; -1: as many as the number has */
    uint32_t zero;  /* the digit zero of the template's script: '0', U+0660, U+06F0 */
} number_format;

bool number_format_parse(const char *tmpl, number_format *nf);
/* The number formatted, or NULL when it is not a plain number ("1234.5",
 * "-3", "45.3 %"; a full stop as the point) or the format is inactive. */
char *number_format_apply(arena *a, const number_format *nf, const char *cell);

/* ---- string buffer ----------------------------------------------------- */

typedef struct {
    arena *a;
    char *data; /* always NUL-terminated */
    size_t len, cap;
} strbuf;

void sb_init(strbuf *sb, arena *a);
/* Room for `extra` more bytes and the NUL (a larger block when needed). */
void sb_grow(strbuf *sb, size_t extra);
/* Appending is inline, its growth not: the renderer appends a few bytes
 * per glyph, the layout a few per character. */
static inline void sb_append(strbuf *sb, const char *s, size_t n)
{
    if (sb->len + n + 1 > sb->cap)
        sb_grow(sb, n);
    if (n)
        memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = 0;
}
static inline void sb_putc(strbuf *sb, char c)
{
    if (sb->len + 2 > sb->cap)
        sb_grow(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = 0;
}
void sb_puts(strbuf *sb, const char *s);
void sb_put_utf8(strbuf *sb, uint32_t cp); /* any code point, encoded */
static inline void sb_put_cp(strbuf *sb, uint32_t cp)
{
    if (cp < 0x80)
        sb_putc(sb, (char)cp);
    else
        sb_put_utf8(sb, cp);
}
/* Decimal digits of v, without the cost of printf. */
void sb_put_uint(strbuf *sb, uint64_t v);
void sb_printf(strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
void sb_clear(strbuf *sb);

/* ---- hash map: string keys to pointers, storage in the arena ----------- */

typedef struct {
    arena *a;
    struct hmap_slot *slots;
    size_t len, cap;
} hmap;

void hmap_init(hmap *m, arena *a);
void *hmap_get(const hmap *m, const char *key, size_t klen);
/* Inserts or replaces; the key is copied into the arena. */
void hmap_put(hmap *m, const char *key, size_t klen, void *value);
uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);

/* ---- small helpers ----------------------------------------------------- */

bool str_eq(const char *a, const char *b);
bool str_ieq(const char *a, const char *b); /* ASCII case-insensitive */
bool str_starts(const char *s, const char *prefix);
/* The next word of a list separated by spaces and tabs (class lists,
 * pandoc attributes): its start in *word and length in *len, the cursor
 * moved past it; false at the end. */
bool str_next_word(const char **cursor, const char **word, size_t *len);
/* memmem without the GNU dependency. */
const char *mem_find(const char *hay, size_t n, const char *needle, size_t m);
/* Levenshtein distance, capped: for "did you mean" suggestions. */
int edit_distance(const char *a, const char *b, int cap);

/* Reads a whole file into the arena, NUL-terminated. Returns NULL and
 * sets errno on failure; "-" reads standard input. max_size bounds the
 * read; *too_big is set when the file exceeds it. */
char *read_file(arena *a, const char *path, size_t max_size, size_t *len, bool *too_big);

/* ---- paths ------------------------------------------------------------- */

/* The folder part of a path ("." when it has none). */
char *path_dirname(arena *a, const char *path);
/* `rel` taken relative to `dir` (unchanged when absolute). */
char *path_join(arena *a, const char *dir, const char *rel);
/* True when `path` (which must exist) lies inside folder `dir` once
 * symbolic links and ".." are resolved. */
bool path_is_inside(const char *path, const char *dir);

#endif
