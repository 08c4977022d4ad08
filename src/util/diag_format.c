/* Writing diagnostics: one line (SHORT), with the source line and a caret
 * as gcc and rustc do (TEXT), JSON lines for tools, or GitHub Actions
 * workflow commands. */
#include "diag_internal.h"

#include <stdlib.h>
#include <string.h>

/* A source's text, given in memory or read from its file once. */
typedef struct {
    char *name;
    char *text; /* NULL when the file could not be read */
    size_t len;
} diag_source;

struct diag_sources {
    diag_source *items;
    int n, cap;
};

/* Excerpts come from files of at most this size. */
#define EXCERPT_MAX_FILE (64u << 20)
/* Characters of a long line shown around the column. */
#define EXCERPT_WIDTH 100

static const char *level_name(diag_level level)
{
    return level == DIAG_ERROR ? "error" : level == DIAG_WARNING ? "warning" : "note";
}

/* ---- sources ----------------------------------------------------------- */

static diag_source *source_add(diag *d, const char *name)
{
    if (!d->sources) {
        d->sources = calloc(1, sizeof *d->sources);
        if (!d->sources)
            return NULL;
    }
    diag_sources *s = d->sources;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        diag_source *items = realloc(s->items, sizeof *items * (size_t)cap);
        if (!items)
            return NULL;
        s->items = items;
        s->cap = cap;
    }
    diag_source *src = &s->items[s->n];
    memset(src, 0, sizeof *src);
    src->name = strdup(name);
    if (!src->name)
        return NULL;
    s->n++;
    return src;
}

static diag_source *source_find(diag *d, const char *name)
{
    if (!d->sources)
        return NULL;
    for (int i = d->sources->n - 1; i >= 0; i--)
        if (strcmp(d->sources->items[i].name, name) == 0)
            return &d->sources->items[i];
    return NULL;
}

void diag_add_source(diag *d, const char *name, const char *text, size_t len)
{
    diag_source *src = source_add(d, name);
    if (!src)
        return;
    src->text = malloc(len + 1);
    if (!src->text)
        return;
    memcpy(src->text, text, len);
    src->text[len] = 0;
    src->len = len;
}

/* Reads a file's text the first time an excerpt needs it; "<...>" names
 * (standard input, the built-in sheet) are not files. */
static const diag_source *source_text(diag *d, const char *name)
{
    diag_source *src = source_find(d, name);
    if (src || name[0] == '<' || strcmp(name, "-") == 0)
        return src;
    src = source_add(d, name);
    if (!src)
        return NULL;
    FILE *f = fopen(name, "rb");
    if (!f)
        return src;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *b = cap > EXCERPT_MAX_FILE ? NULL : realloc(buf, cap + 1);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    if (buf) {
        buf[len] = 0;
        src->text = buf;
        src->len = len;
    }
    return src;
}

void diag_sources_free(diag_sources *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++) {
        free(s->items[i].name);
        free(s->items[i].text);
    }
    free(s->items);
    free(s);
}

/* ---- TEXT and SHORT ---------------------------------------------------- */

enum { C_LOCUS, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_RESET };
static const char *const ansi[] = {"\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;32m", "\033[0m"};

static void paint(diag *d, int c)
{
    if (d->color)
        fputs(ansi[c], d->out);
}

static void put_locus(diag *d, srcpos at)
{
    const char *file = at.file ? at.file : "dossier";
    paint(d, C_LOCUS);
    if (at.line > 0 && at.col > 0)
        fprintf(d->out, "%s:%d:%d:", file, at.line, at.col);
    else if (at.line > 0)
        fprintf(d->out, "%s:%d:", file, at.line);
    else
        fprintf(d->out, "%s:", file);
    paint(d, C_RESET);
}

static void put_line(diag *d, diag_level level, srcpos at, const char *msg)
{
    put_locus(d, at);
    fputc(' ', d->out);
    paint(d, level == DIAG_ERROR ? C_ERROR : level == DIAG_WARNING ? C_WARNING : C_NOTE);
    fprintf(d->out, "%s:", level_name(level));
    paint(d, C_RESET);
    fprintf(d->out, " %s\n", msg);
}

/* Start and length of line `line` (1-based) in text, or false. */
static bool find_line(const char *text, size_t len, int line, size_t *start, size_t *n)
{
    size_t i = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl)
            return false;
        i = (size_t)(nl - text) + 1;
    }
    if (i > len || (i == len && line > 1))
        return false;
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    if (end > i && text[end - 1] == '\r')
        end--;
    *start = i;
    *n = end - i;
    return true;
}

/* Byte length of the character at s (1 for a byte that starts none). */
static size_t char_len(const unsigned char *s, size_t n)
{
    size_t want = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 1;
    if (want > n)
        return 1;
    for (size_t k = 1; k < want; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 1;
    return want;
}

/* One character of the source line as shown: tabs stay (so the caret line
 * can repeat them and stay aligned), other control characters and bytes
 * that are not UTF-8 become a visible stand-in. */
static void put_source_char(FILE *out, const unsigned char *s, size_t clen)
{
    if (clen == 1 && s[0] >= 0x80)
        fputs("\xEF\xBF\xBD", out); /* U+FFFD for a stray byte */
    else if (clen == 1 && s[0] != '\t' && (s[0] < 0x20 || s[0] == 0x7F))
        fputc(' ', out);
    else
        fwrite(s, 1, clen, out);
}

/* The source line under a gutter with its number, then a caret under the
 * column (counted in characters) and a tilde under the rest of a range:
 *     12 | color: rde;
 *        |        ^~~ */
static void put_excerpt(diag *d, srcpos at)
{
    if (!at.file || at.line <= 0 || at.col <= 0)
        return;
    const diag_source *src = source_text(d, at.file);
    size_t start, n;
    if (!src || !src->text || !find_line(src->text, src->len, at.line, &start, &n))
        return;
    const unsigned char *line = (const unsigned char *)src->text + start;
    /* character offsets of the line: its length, and where to show from */
    int nchars = 0;
    for (size_t i = 0; i < n; i += char_len(line + i, n - i))
        nchars++;
    int col = at.col - 1;      /* characters before the caret */
    if (col > nchars)
        col = nchars;          /* the end of the line (a missing character) */
    int first = col > EXCERPT_WIDTH * 3 / 4 ? col - EXCERPT_WIDTH / 2 : 0;
    int last = MIN(nchars, first + EXCERPT_WIDTH);
    int span = at.len > 1 ? MIN(at.len, MAX(1, last - col)) : 1;

    char gutter[16];
    int width = snprintf(gutter, sizeof gutter, "%d", at.line);
    fprintf(d->out, " %*s | ", width, gutter);
    if (first > 0)
        fputs("...", d->out);
    /* the line, remembering which characters are tabs for the caret line */
    char *tabs = calloc((size_t)(last - first) + 1, 1);
    int c = 0;
    for (size_t i = 0; i < n && c < last; c++) {
        size_t clen = char_len(line + i, n - i);
        if (c >= first) {
            put_source_char(d->out, line + i, clen);
            if (tabs && line[i] == '\t')
                tabs[c - first] = 1;
        }
        i += clen;
    }
    if (last < nchars)
        fputs("...", d->out);
    fputc('\n', d->out);
    fprintf(d->out, " %*s | ", width, "");
    if (first > 0)
        fputs("   ", d->out);
    for (int k = first; k < col; k++)
        fputc(tabs && tabs[k - first] ? '\t' : ' ', d->out);
    paint(d, C_CARET);
    fputc('^', d->out);
    for (int k = 1; k < span; k++)
        fputc('~', d->out);
    paint(d, C_RESET);
    fputc('\n', d->out);
    free(tabs);
}

/* ---- JSON and GitHub --------------------------------------------------- */

static void put_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t clen = char_len(p, n - i);
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else if (clen == 1 && *p >= 0x80)
            fputs("\\ufffd", out); /* JSON is UTF-8: a stray byte cannot pass */
        else
            fwrite(p, 1, clen, out);
        i += clen;
    }
    fputc('"', out);
}

static void put_json(diag *d, diag_level level, srcpos at, const char *msg, const char *hint)
{
    fputs("{\"file\":", d->out);
    put_json_string(d->out, at.file ? at.file : "dossier");
    fprintf(d->out, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":", at.line, at.col,
            level_name(level));
    put_json_string(d->out, msg);
    fputs(",\"hint\":", d->out);
    if (hint)
        put_json_string(d->out, hint);
    else
        fputs("null", d->out);
    fputs("}\n", d->out);
}

/* Workflow commands escape %, CR and LF everywhere, and : and , in
 * property values. */
static void put_github_escaped(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else
            fputc(*s, out);
    }
}

static void put_github(diag *d, diag_level level, srcpos at, const char *msg, const char *hint)
{
    fprintf(d->out, "::%s file=", level == DIAG_ERROR ? "error" : level == DIAG_WARNING ? "warning" : "notice");
    put_github_escaped(d->out, at.file ? at.file : "dossier", true);
    if (at.line > 0)
        fprintf(d->out, ",line=%d", at.line);
    if (at.col > 0)
        fprintf(d->out, ",col=%d", at.col);
    if (at.col > 0 && at.len > 1)
        fprintf(d->out, ",endColumn=%d", at.col + at.len - 1);
    fputs("::", d->out);
    put_github_escaped(d->out, msg, false);
    if (hint) {
        put_github_escaped(d->out, "\n", false);
        put_github_escaped(d->out, hint, false);
    }
    fputc('\n', d->out);
}

void diag_emit(diag *d, diag_level level, srcpos at, const char *msg, const char *hint, bool excerpt)
{
    switch (d->format) {
    case DIAG_FORMAT_JSON:
        put_json(d, level, at, msg, hint);
        break;
    case DIAG_FORMAT_GITHUB:
        put_github(d, level, at, msg, hint);
        break;
    case DIAG_FORMAT_TEXT:
        put_line(d, level, at, msg);
        if (excerpt && !d->no_excerpts)
            put_excerpt(d, at);
        if (hint)
            put_line(d, DIAG_NOTE, at, hint);
        break;
    case DIAG_FORMAT_SHORT:
        put_line(d, level, at, msg);
        if (hint)
            put_line(d, DIAG_NOTE, at, hint);
        break;
    }
}

void diag_set_format(diag *d, diag_format format, bool out_is_terminal)
{
    const char *no_color = getenv("NO_COLOR");
    d->format = format;
    d->color = format == DIAG_FORMAT_TEXT && out_is_terminal && !(no_color && *no_color);
}
