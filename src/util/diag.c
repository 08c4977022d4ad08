/* Diagnostics in the form editors and CI annotate:
 *   file:line:col: error|warning|note: message */
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* An open-addressing set of the keys diag_once has reported. */
struct diag_seen {
    char **keys;
    size_t len, cap;
};

static uint64_t key_hash(const char *k)
{
    return hash_bytes(k, strlen(k), 0);
}

/* Returns true when the key was new (and is now recorded). */
static bool seen_add(diag *d, const char *key)
{
    struct diag_seen *s = d->seen;
    if (!s) {
        s = d->seen = calloc(1, sizeof *s);
        if (!s)
            return true;
    }
    if ((s->len + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        char **keys = calloc(cap, sizeof *keys);
        if (!keys)
            return true;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->keys[i])
                continue;
            size_t j = key_hash(s->keys[i]) & (cap - 1);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = s->keys[i];
        }
        free(s->keys);
        s->keys = keys;
        s->cap = cap;
    }
    size_t j = key_hash(key) & (s->cap - 1);
    while (s->keys[j]) {
        if (strcmp(s->keys[j], key) == 0)
            return false;
        j = (j + 1) & (s->cap - 1);
    }
    s->keys[j] = strdup(key);
    s->len++;
    return true;
}

/* Per message format: how many were given, and where the first one that
 * was not printed stood. */
struct diag_repeat {
    const char *fmt;
    diag_level level;
    int given;
    srcpos first_hidden;
    char *first_file; /* srcpos.file may not outlive the compilation */
};

/* Returns false when the message is one too many of its kind. */
static bool repeat_allowed(diag *d, const char *fmt, diag_level level, srcpos at)
{
    int i = 0;
    while (i < d->nrepeats && d->repeats[i].fmt != fmt)
        i++;
    if (i == d->nrepeats) {
        if ((i & (i - 1)) == 0) { /* grow at powers of two */
            struct diag_repeat *r = realloc(d->repeats, sizeof *r * (size_t)(i ? 2 * i : 8));
            if (!r)
                return true;
            d->repeats = r;
        }
        d->repeats[i] = (struct diag_repeat){.fmt = fmt, .level = level};
        d->nrepeats++;
    }
    struct diag_repeat *r = &d->repeats[i];
    if (++r->given == DIAG_REPEAT_LIMIT + 1) {
        r->first_hidden = at;
        r->first_file = at.file ? strdup(at.file) : NULL;
        r->first_hidden.file = r->first_file;
    }
    return r->given <= DIAG_REPEAT_LIMIT;
}

void diag_flush(diag *d)
{
    for (int i = 0; i < d->nrepeats; i++) {
        struct diag_repeat *r = &d->repeats[i];
        if (r->given <= DIAG_REPEAT_LIMIT || !d->out)
            continue;
        srcpos at = r->first_hidden;
        fprintf(d->out, "%s: %s: %d more like the %s above were not shown, from %s:%d:%d on\n", at.file ? at.file : "dossier",
                r->level == DIAG_ERROR ? "error" : "warning", r->given - DIAG_REPEAT_LIMIT,
                r->level == DIAG_ERROR ? "errors" : "warnings", at.file ? at.file : "dossier", at.line, at.col);
        r->given = DIAG_REPEAT_LIMIT; /* said once */
    }
}

void diag_init(diag *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
}

void diag_free(diag *d)
{
    for (int i = 0; i < d->nrepeats; i++)
        free(d->repeats[i].first_file);
    free(d->repeats);
    d->repeats = NULL;
    d->nrepeats = 0;
    struct diag_seen *s = d->seen;
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->keys[i]);
    free(s->keys);
    free(s);
    d->seen = NULL;
}

srcpos srcpos_make(const char *file, int line, int col)
{
    srcpos p = {file, line, col};
    return p;
}

/* A diagnostic is one line whatever it quotes: control characters are
 * escaped, and a message quoting a huge input is cut (at a character
 * boundary) so the log stays readable. */
#define DIAG_MAX_MESSAGE 1000

static void put_message(FILE *out, const char *fmt, va_list ap)
{
    /* a few bytes beyond the cut, so the cut can see where a character begins */
    char buf[DIAG_MAX_MESSAGE + 8];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    size_t len = n < 0 ? 0 : MIN((size_t)n, DIAG_MAX_MESSAGE);
    bool cut = n > 0 && (size_t)n > len;
    if (cut)
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
            len--; /* buf[len] must start a character */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7F)
            fprintf(out, "\\x%02X", c);
        else
            fputc(c, out);
    }
    if (cut)
        fputs("...", out);
    fputc('\n', out);
}

void diag_vreport(diag *d, diag_level level, srcpos at, const char *fmt, va_list ap)
{
    const char *name = "note";
    if (level == DIAG_WARNING) {
        if (d->strict) {
            level = DIAG_ERROR;
            d->errors++;
        } else {
            d->warnings++;
        }
        name = d->strict ? "error" : "warning";
    } else if (level == DIAG_ERROR) {
        d->errors++;
        name = "error";
    }
    if (!d->out)
        return;
    if (level == DIAG_NOTE && !d->verbose)
        return;
    if (level == DIAG_WARNING && d->quiet)
        return;
    if (level != DIAG_NOTE && !repeat_allowed(d, fmt, level, at))
        return;
    const char *file = at.file ? at.file : "dossier";
    if (at.line > 0 && at.col > 0)
        fprintf(d->out, "%s:%d:%d: %s: ", file, at.line, at.col, name);
    else if (at.line > 0)
        fprintf(d->out, "%s:%d: %s: ", file, at.line, name);
    else
        fprintf(d->out, "%s: %s: ", file, name);
    put_message(d->out, fmt, ap);
}

void diag_report(diag *d, diag_level level, srcpos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, level, at, fmt, ap);
    va_end(ap);
}

bool diag_once(diag *d, const char *key, diag_level level, srcpos at, const char *fmt, ...)
{
    if (!seen_add(d, key))
        return false;
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, level, at, fmt, ap);
    va_end(ap);
    return true;
}

bool diag_failed(const diag *d)
{
    return d->errors > 0;
}
