/* A cache of libhyphen's loaded pattern machines. Loading a dictionary
 * (reading its patterns, completing them, building the state machine)
 * costs tens of milliseconds, more than setting a whole briefing; the
 * machine itself is small. So after the first load it is written, as is,
 * to the user's cache folder, and later runs rebuild libhyphen's
 * structures from that file in well under a millisecond. libhyphen still
 * does all the hyphenating. A cache entry names the dictionary's path,
 * size and modification time, so an updated dictionary is loaded again. */
#include "hyphen_cache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "dossier-hyphen-3" /* change when the completion of patterns changes */
#define CACHE_MAX_BYTES (32u << 20)

typedef struct {
    const unsigned char *p, *end;
    bool bad;
} reader;

static void put_bytes(strbuf *sb, const void *p, size_t n)
{
    sb_append(sb, p, n);
}

/* Numbers are stored as 32 bits: state counts and indexes fit. */
static void put_int(strbuf *sb, int64_t v)
{
    int32_t w = (int32_t)v;
    put_bytes(sb, &w, sizeof w);
}

static void put_str(strbuf *sb, const char *s)
{
    if (!s) {
        put_int(sb, -1);
        return;
    }
    size_t n = strlen(s);
    put_int(sb, (int64_t)n);
    put_bytes(sb, s, n);
}

static int64_t get_int(reader *r)
{
    int32_t v = 0;
    if ((size_t)(r->end - r->p) < sizeof v) {
        r->bad = true;
        return 0;
    }
    memcpy(&v, r->p, sizeof v);
    r->p += sizeof v;
    return v;
}

static char *get_str(reader *r, arena *a)
{
    int64_t n = get_int(r);
    if (n < 0)
        return NULL;
    if (r->bad || n > r->end - r->p) {
        r->bad = true;
        return NULL;
    }
    char *s = arena_strndup(a, (const char *)r->p, (size_t)n);
    r->p += n;
    return s;
}

static void put_dict(strbuf *sb, const HyphenDict *d)
{
    put_int(sb, d->lhmin);
    put_int(sb, d->rhmin);
    put_int(sb, d->clhmin);
    put_int(sb, d->crhmin);
    put_int(sb, d->nohyphenl);
    /* nohyphen holds nohyphenl + 1 strings, each NUL-terminated (as
     * libhyphen reads them) */
    size_t nlen = 0;
    for (int i = 0; d->nohyphen && i <= d->nohyphenl; i++)
        nlen += strlen(d->nohyphen + nlen) + 1;
    put_int(sb, d->nohyphen ? (int64_t)nlen : -1);
    if (d->nohyphen)
        put_bytes(sb, d->nohyphen, nlen);
    put_int(sb, d->num_states);
    put_bytes(sb, d->cset, sizeof d->cset);
    put_int(sb, d->utf8);
    for (int i = 0; i < d->num_states; i++) {
        const HyphenState *s = &d->states[i];
        put_str(sb, s->match);
        put_str(sb, s->repl);
        put_int(sb, s->replindex);
        put_int(sb, s->replcut);
        put_int(sb, s->fallback_state);
        put_int(sb, s->num_trans);
        for (int t = 0; t < s->num_trans; t++) {
            put_int(sb, (unsigned char)s->trans[t].ch);
            put_int(sb, s->trans[t].new_state);
        }
    }
    put_int(sb, d->nextlevel != NULL);
    if (d->nextlevel)
        put_dict(sb, d->nextlevel); /* libhyphen keeps the patterns one level down */
}

static HyphenDict *get_dict(reader *r, arena *a, int depth)
{
    if (depth > 4) {
        r->bad = true;
        return NULL;
    }
    HyphenDict *d = ARENA_NEW(a, HyphenDict);
    d->lhmin = (char)get_int(r);
    d->rhmin = (char)get_int(r);
    d->clhmin = (char)get_int(r);
    d->crhmin = (char)get_int(r);
    d->nohyphenl = (int)get_int(r);
    int64_t nlen = get_int(r);
    if (nlen >= 0) {
        if (nlen > r->end - r->p) {
            r->bad = true;
            return NULL;
        }
        d->nohyphen = arena_alloc(a, (size_t)nlen + 1);
        memcpy(d->nohyphen, r->p, (size_t)nlen);
        r->p += nlen;
    }
    int64_t n = get_int(r);
    if (r->bad || n < 0 || n > (r->end - r->p)) {
        r->bad = true;
        return NULL;
    }
    d->num_states = (int)n;
    if ((size_t)(r->end - r->p) < sizeof d->cset) {
        r->bad = true;
        return NULL;
    }
    memcpy(d->cset, r->p, sizeof d->cset);
    d->cset[sizeof d->cset - 1] = 0;
    r->p += sizeof d->cset;
    d->utf8 = (int)get_int(r);
    d->states = ARENA_ARRAY(a, HyphenState, n ? n : 1);
    for (int i = 0; i < d->num_states && !r->bad; i++) {
        HyphenState *s = &d->states[i];
        s->match = get_str(r, a);
        s->repl = get_str(r, a);
        s->replindex = (signed char)get_int(r);
        s->replcut = (signed char)get_int(r);
        s->fallback_state = (int)get_int(r);
        int64_t nt = get_int(r);
        if (nt < 0 || nt > 256 || s->fallback_state < -1 || s->fallback_state >= d->num_states) {
            r->bad = true;
            break;
        }
        s->num_trans = (int)nt;
        s->trans = nt ? ARENA_ARRAY(a, HyphenTrans, nt) : NULL;
        for (int t = 0; t < s->num_trans; t++) {
            s->trans[t].ch = (char)get_int(r);
            s->trans[t].new_state = (int)get_int(r);
            if (s->trans[t].new_state < 0 || s->trans[t].new_state >= d->num_states)
                r->bad = true;
        }
    }
    if (!r->bad && get_int(r))
        d->nextlevel = get_dict(r, a, depth + 1);
    return r->bad ? NULL : d;
}

static char *cache_path(arena *a, const char *dic_path)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char *dir;
    if (xdg && *xdg)
        dir = arena_printf(a, "%s/dossier/hyphen", xdg);
    else if (home && *home)
        dir = arena_printf(a, "%s/.cache/dossier/hyphen", home);
    else
        return NULL;
    const char *base = strrchr(dic_path, '/');
    base = base ? base + 1 : dic_path;
    return arena_printf(a, "%s/%016llx-%s.bin", dir,
                        (unsigned long long)hash_bytes(dic_path, strlen(dic_path), 0), base);
}

static void header(strbuf *sb, const char *dic_path, const struct stat *st)
{
    put_bytes(sb, CACHE_MAGIC, sizeof CACHE_MAGIC);
    put_str(sb, dic_path);
    put_int(sb, (int64_t)st->st_size);
    put_int(sb, (int64_t)st->st_mtime);
}

HyphenDict *hyph_cache_read(arena *a, const char *dic_path)
{
    struct stat st;
    if (stat(dic_path, &st) != 0)
        return NULL;
    char *path = cache_path(a, dic_path);
    if (!path)
        return NULL;
    size_t len;
    bool too_big;
    char *data = read_file(a, path, CACHE_MAX_BYTES, &len, &too_big);
    if (!data || too_big)
        return NULL;
    strbuf want;
    sb_init(&want, a);
    header(&want, dic_path, &st);
    if (len < want.len || memcmp(data, want.data, want.len) != 0)
        return NULL; /* another dictionary, or it changed since */
    reader r = {(const unsigned char *)data + want.len, (const unsigned char *)data + len, false};
    HyphenDict *d = get_dict(&r, a, 0);
    if (r.bad || r.p != r.end)
        return NULL;
    return d;
}

void hyph_cache_write(arena *a, const char *dic_path, const HyphenDict *d)
{
    struct stat st;
    if (stat(dic_path, &st) != 0)
        return;
    char *path = cache_path(a, dic_path);
    if (!path)
        return;
    /* make the folders; a cache that cannot be written is no error */
    char *dir = path_dirname(a, path);
    for (char *s = dir + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            mkdir(dir, 0755);
            *s = '/';
        }
    }
    mkdir(dir, 0755);
    strbuf sb;
    sb_init(&sb, a);
    header(&sb, dic_path, &st);
    put_dict(&sb, d);
    char *tmp = arena_printf(a, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return;
    bool ok = fwrite(sb.data, 1, sb.len, f) == sb.len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0)
        unlink(tmp);
}
