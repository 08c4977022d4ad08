/* A cache of libhyphen's loaded pattern machines. Loading a dictionary
 * (reading its patterns, completing them, building the state machine)
 * costs tens of milliseconds, more than setting a whole briefing; the
 * machine itself is small. So after the first load it is written to the
 * user's cache folder in a layout made for loading: a table of states,
 * the transitions exactly as libhyphen holds them (used in place) and the
 * strings in one block. Later runs map the file, check it and point
 * libhyphen's states into it: the pages are shared with the file cache and
 * nothing is copied. libhyphen still does all the hyphenating. A cache entry names
 * the dictionary's path, size and modification time, so an updated
 * dictionary is loaded again. */
#include "hyphen_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_MAGIC "dossier-hyphen-4" /* change with the layout or the completion of patterns */
#define CACHE_MAX_BYTES (32u << 20)

typedef struct {
    const unsigned char *p, *end;
    bool bad;
} reader;

/* A state as stored: offsets into the string block (-1 for none) and
 * the first of its transitions in the transition table. */
typedef struct {
    int32_t match, repl;
    int32_t fallback;
    int32_t num_trans, first_trans;
    int8_t replindex, replcut;
    int16_t unused;
} stored_state;

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

/* Sections start at multiples of 8, so the transitions can be used where
 * they lie. */
static void put_pad(strbuf *sb)
{
    static const char zeros[8];
    if (sb->len % 8)
        put_bytes(sb, zeros, 8 - sb->len % 8);
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

/* n bytes in place, or NULL (and the reader bad) when they are not there. */
static const unsigned char *get_bytes(reader *r, int64_t n)
{
    if (r->bad || n < 0 || n > r->end - r->p) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *at = r->p;
    r->p += n;
    return at;
}

static void get_pad(reader *r, const unsigned char *base)
{
    size_t off = (size_t)(r->p - base);
    if (off % 8)
        get_bytes(r, (int64_t)(8 - off % 8));
}

/* A string's offset in the block being built, or -1 for none. */
static int32_t block_str(strbuf *block, const char *s)
{
    if (!s)
        return -1;
    int32_t off = (int32_t)block->len;
    sb_append(block, s, strlen(s) + 1);
    return off;
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
    put_pad(sb);
    put_bytes(sb, d->cset, sizeof d->cset);
    put_int(sb, d->utf8);
    int64_t total = 0;
    for (int i = 0; i < d->num_states; i++)
        total += d->states[i].num_trans;
    strbuf block;
    sb_init(&block, sb->a);
    stored_state *states = ARENA_ARRAY(sb->a, stored_state, d->num_states ? d->num_states : 1);
    /* zeroed, padding included: the bytes go to a file as they are */
    HyphenTrans *trans = ARENA_ARRAY(sb->a, HyphenTrans, total ? total : 1);
    int64_t t = 0;
    for (int i = 0; i < d->num_states; i++) {
        const HyphenState *s = &d->states[i];
        stored_state *o = &states[i];
        o->match = block_str(&block, s->match);
        o->repl = block_str(&block, s->repl);
        o->fallback = s->fallback_state;
        o->num_trans = s->num_trans;
        o->first_trans = (int32_t)t;
        /* libhyphen sets these only with a replacement, and reads them
         * only then: the file gets zeros, not whatever was in memory */
        o->replindex = s->repl ? s->replindex : 0;
        o->replcut = s->repl ? s->replcut : 0;
        for (int k = 0; k < s->num_trans; k++, t++) {
            trans[t].ch = s->trans[k].ch;
            trans[t].new_state = s->trans[k].new_state;
        }
    }
    put_int(sb, d->num_states);
    put_int(sb, total);
    put_int(sb, (int64_t)block.len);
    put_pad(sb);
    put_bytes(sb, states, sizeof *states * (size_t)d->num_states);
    put_pad(sb);
    put_bytes(sb, trans, sizeof *trans * (size_t)total);
    put_bytes(sb, block.data, block.len);
    put_pad(sb);
    put_int(sb, d->nextlevel != NULL);
    if (d->nextlevel)
        put_dict(sb, d->nextlevel); /* libhyphen keeps the patterns one level down */
}

/* Rebuilds a dictionary whose states point into the file's bytes (which
 * must live as long as it), checking every offset and index first. */
static HyphenDict *get_dict(reader *r, const unsigned char *base, arena *a, int depth)
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
        const unsigned char *nh = get_bytes(r, nlen);
        if (!nh)
            return NULL;
        d->nohyphen = arena_alloc(a, (size_t)nlen + 1);
        memcpy(d->nohyphen, nh, (size_t)nlen);
    }
    get_pad(r, base);
    const unsigned char *cset = get_bytes(r, sizeof d->cset);
    if (!cset)
        return NULL;
    memcpy(d->cset, cset, sizeof d->cset);
    d->cset[sizeof d->cset - 1] = 0;
    d->utf8 = (int)get_int(r);
    int64_t nstates = get_int(r), ntrans = get_int(r), blen = get_int(r);
    get_pad(r, base);
    if (r->bad || nstates < 0 || ntrans < 0 || blen < 0 || nstates > (r->end - r->p) / (int64_t)sizeof(stored_state))
        return r->bad = true, NULL;
    const unsigned char *stored = get_bytes(r, nstates * (int64_t)sizeof(stored_state));
    get_pad(r, base);
    if (r->bad || ntrans > (r->end - r->p) / (int64_t)sizeof(HyphenTrans))
        return r->bad = true, NULL;
    const unsigned char *tbytes = get_bytes(r, ntrans * (int64_t)sizeof(HyphenTrans));
    const char *block = (const char *)get_bytes(r, blen);
    get_pad(r, base);
    if (r->bad || (blen > 0 && block[blen - 1] != 0))
        return r->bad = true, NULL; /* every string ends inside the block */
    /* the transitions as libhyphen holds them: used in place when aligned */
    HyphenTrans *trans = (HyphenTrans *)(uintptr_t)tbytes;
    if ((uintptr_t)tbytes % alignof(HyphenTrans) != 0) {
        trans = ARENA_ARRAY(a, HyphenTrans, ntrans ? ntrans : 1);
        memcpy(trans, tbytes, sizeof *trans * (size_t)ntrans);
    }
    for (int64_t t = 0; t < ntrans; t++)
        if (trans[t].new_state < 0 || trans[t].new_state >= nstates)
            return r->bad = true, NULL;
    d->num_states = (int)nstates;
    d->states = ARENA_ARRAY(a, HyphenState, nstates ? nstates : 1);
    for (int64_t i = 0; i < nstates; i++) {
        stored_state o;
        memcpy(&o, stored + i * (int64_t)sizeof o, sizeof o);
        if (o.match < -1 || o.match >= blen || o.repl < -1 || o.repl >= blen || o.fallback < -1 ||
            o.fallback >= nstates || o.num_trans < 0 || o.num_trans > 256 || o.first_trans < 0 ||
            o.first_trans > ntrans - o.num_trans)
            return r->bad = true, NULL;
        HyphenState *s = &d->states[i];
        /* libhyphen only reads them */
        s->match = o.match < 0 ? NULL : (char *)(uintptr_t)(block + o.match);
        s->repl = o.repl < 0 ? NULL : (char *)(uintptr_t)(block + o.repl);
        s->replindex = o.replindex;
        s->replcut = o.replcut;
        s->fallback_state = o.fallback;
        s->num_trans = o.num_trans;
        s->trans = o.num_trans ? trans + o.first_trans : NULL;
    }
    if (get_int(r))
        d->nextlevel = get_dict(r, base, a, depth + 1);
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
    /* the format is in the name too: another version of the program keeps
     * its own entry instead of rebuilding and replacing this one */
    uint64_t format = hash_bytes(CACHE_MAGIC, sizeof CACHE_MAGIC, 0);
    return arena_printf(a, "%s/%016llx-%s.bin", dir,
                        (unsigned long long)hash_bytes(dic_path, strlen(dic_path), format), base);
}

static void header(strbuf *sb, const char *dic_path, const struct stat *st)
{
    put_bytes(sb, CACHE_MAGIC, sizeof CACHE_MAGIC);
    put_str(sb, dic_path);
    put_int(sb, (int64_t)st->st_size);
    put_int(sb, (int64_t)st->st_mtime);
    put_pad(sb);
}

void hyph_cache_release(hyph_mapping *map)
{
    if (map->addr)
        munmap(map->addr, map->len);
    map->addr = NULL;
    map->len = 0;
}

HyphenDict *hyph_cache_read(arena *a, const char *dic_path, hyph_mapping *map)
{
    map->addr = NULL;
    map->len = 0;
    struct stat st, cst;
    if (stat(dic_path, &st) != 0)
        return NULL;
    char *path = cache_path(a, dic_path);
    if (!path)
        return NULL;
    /* entries are replaced by renaming, never rewritten in place, so the
     * mapped file keeps its length while it is used */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    void *addr = MAP_FAILED;
    if (fstat(fd, &cst) == 0 && S_ISREG(cst.st_mode) && cst.st_size > 0 && (uint64_t)cst.st_size <= CACHE_MAX_BYTES)
        addr = mmap(NULL, (size_t)cst.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (addr == MAP_FAILED)
        return NULL;
    map->addr = addr;
    map->len = (size_t)cst.st_size;
    const unsigned char *base = addr;
    strbuf want;
    sb_init(&want, a);
    header(&want, dic_path, &st);
    HyphenDict *d = NULL;
    if (map->len >= want.len && memcmp(base, want.data, want.len) == 0) {
        reader r = {base + want.len, base + map->len, false};
        d = get_dict(&r, base, a, 0);
        if (r.bad || r.p != r.end)
            d = NULL;
    } /* else another dictionary, or it changed since */
    if (!d)
        hyph_cache_release(map);
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
