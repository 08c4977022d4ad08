/* Diagnostics in the form editors and CI annotate:
 *   file:line:col: error|warning|note: message
 * This file counts them and holds back repeats; diag_format.c writes them. */
#include "diag_internal.h"

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
        char msg[400];
        snprintf(msg, sizeof msg, "%d more like the %s above were not shown, from %s:%d:%d on",
                 r->given - DIAG_REPEAT_LIMIT, r->level == DIAG_ERROR ? "errors" : "warnings",
                 at.file ? at.file : "dossier", at.line, at.col);
        diag_emit(d, r->level, srcpos_make(at.file, 0, 0), msg, NULL, false);
        r->given = DIAG_REPEAT_LIMIT; /* said once */
    }
    if (d->out)
        fflush(d->out);
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
    diag_sources_free(d->sources);
    d->sources = NULL;
    struct diag_seen *s = d->seen;
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->keys[i]);
    free(s->keys);
    free(s);
    d->seen = NULL;
}

void diag_reset(diag *d)
{
    diag kept = *d;
    diag_free(d);
    diag_init(d, kept.out);
    d->strict = kept.strict;
    d->quiet = kept.quiet;
    d->verbose = kept.verbose;
    d->format = kept.format;
    d->color = kept.color;
}

srcpos srcpos_make(const char *file, int line, int col)
{
    srcpos p = {file, line, col, 0};
    return p;
}

/* A diagnostic is one line whatever it quotes: control characters are
 * escaped, and a message quoting a huge input is cut (at a character
 * boundary) so the log stays readable. */
#define DIAG_MAX_MESSAGE 1000

/* The message as one line: control characters escaped, cut (at a
 * character boundary) when it is longer than DIAG_MAX_MESSAGE bytes. */
static void format_message(char *out, size_t cap, const char *fmt, va_list ap)
{
    /* a few bytes beyond the cut, so the cut can see where a character begins */
    char buf[DIAG_MAX_MESSAGE + 8];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    size_t len = n < 0 ? 0 : MIN((size_t)n, DIAG_MAX_MESSAGE);
    bool cut = n > 0 && (size_t)n > len;
    if (cut)
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
            len--; /* buf[len] must start a character */
    size_t o = 0;
    for (size_t i = 0; i < len && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n')
            o += (size_t)snprintf(out + o, cap - o, "\\n");
        else if (c == '\t')
            o += (size_t)snprintf(out + o, cap - o, "\\t");
        else if (c < 0x20 || c == 0x7F)
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
        else
            out[o++] = (char)c;
    }
    if (cut && o + 4 < cap)
        o += (size_t)snprintf(out + o, cap - o, "...");
    out[o] = 0;
}

static void vreport(diag *d, diag_level level, srcpos at, const char *hint, const char *fmt, va_list ap)
{
    if (level == DIAG_WARNING) {
        if (d->strict) {
            level = DIAG_ERROR;
            d->errors++;
        } else {
            d->warnings++;
        }
    } else if (level == DIAG_ERROR) {
        d->errors++;
    }
    if (!d->out)
        return;
    if (level == DIAG_NOTE && !d->verbose)
        return;
    if (level == DIAG_WARNING && d->quiet)
        return;
    if (level != DIAG_NOTE && !repeat_allowed(d, fmt, level, at))
        return;
    /* every escape at most 4 bytes for 1 */
    char msg[DIAG_MAX_MESSAGE * 4 + 8];
    format_message(msg, sizeof msg, fmt, ap);
    diag_emit(d, level, at, msg, hint, level != DIAG_NOTE);
}

void diag_vreport(diag *d, diag_level level, srcpos at, const char *fmt, va_list ap)
{
    vreport(d, level, at, NULL, fmt, ap);
}

void diag_report(diag *d, diag_level level, srcpos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d, level, at, NULL, fmt, ap);
    va_end(ap);
}

void diag_report_hint(diag *d, diag_level level, srcpos at, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d, level, at, hint, fmt, ap);
    va_end(ap);
}

bool diag_once(diag *d, const char *key, diag_level level, srcpos at, const char *fmt, ...)
{
    if (!seen_add(d, key))
        return false;
    va_list ap;
    va_start(ap, fmt);
    vreport(d, level, at, NULL, fmt, ap);
    va_end(ap);
    return true;
}

bool diag_failed(const diag *d)
{
    return d->errors > 0;
}
