/* A small PDF reader for the self-check (see pdfread.h). */
#include "pdfread.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAX_DEPTH 64
#define MAX_INFLATED (256u << 20)

typedef struct {
    arena *a;
    const unsigned char *s;
    size_t n, i;
    int depth;
} lexer;

static bool is_space(int c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static bool is_delim(int c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
           c == '/' || c == '%';
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void skip_space(lexer *lx)
{
    while (lx->i < lx->n) {
        int c = lx->s[lx->i];
        if (c == '%') {
            while (lx->i < lx->n && lx->s[lx->i] != '\n' && lx->s[lx->i] != '\r')
                lx->i++;
        } else if (is_space(c)) {
            lx->i++;
        } else {
            break;
        }
    }
}

/* (literal) with nesting and escapes, the opening '(' consumed. */
static void lex_literal(lexer *lx, pv *v)
{
    strbuf sb;
    sb_init(&sb, lx->a);
    int nest = 1;
    while (lx->i < lx->n) {
        int c = lx->s[lx->i++];
        if (c == '(') {
            nest++;
        } else if (c == ')') {
            if (--nest == 0)
                break;
        } else if (c == '\\' && lx->i < lx->n) {
            c = lx->s[lx->i++];
            switch (c) {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '\r':
                if (lx->i < lx->n && lx->s[lx->i] == '\n')
                    lx->i++;
                continue;
            case '\n':
                continue;
            default:
                if (c >= '0' && c <= '7') {
                    int v8 = c - '0';
                    for (int k = 0; k < 2 && lx->i < lx->n && lx->s[lx->i] >= '0' && lx->s[lx->i] <= '7'; k++)
                        v8 = v8 * 8 + (lx->s[lx->i++] - '0');
                    c = v8 & 0xFF;
                }
            }
        }
        sb_putc(&sb, (char)c);
    }
    v->kind = PV_STR;
    v->s = sb.data;
    v->len = sb.len;
}

static void lex_hex(lexer *lx, pv *v)
{
    strbuf sb;
    sb_init(&sb, lx->a);
    int hi = -1;
    while (lx->i < lx->n && lx->s[lx->i] != '>') {
        int h = hexval(lx->s[lx->i++]);
        if (h < 0)
            continue;
        if (hi < 0) {
            hi = h;
        } else {
            sb_putc(&sb, (char)(hi * 16 + h));
            hi = -1;
        }
    }
    if (hi >= 0)
        sb_putc(&sb, (char)(hi * 16));
    if (lx->i < lx->n)
        lx->i++;
    v->kind = PV_STR;
    v->s = sb.data;
    v->len = sb.len;
}

static void lex_name(lexer *lx, pv *v)
{
    strbuf sb;
    sb_init(&sb, lx->a);
    while (lx->i < lx->n && !is_space(lx->s[lx->i]) && !is_delim(lx->s[lx->i])) {
        int c = lx->s[lx->i++];
        if (c == '#' && lx->i + 1 < lx->n && hexval(lx->s[lx->i]) >= 0 && hexval(lx->s[lx->i + 1]) >= 0) {
            c = hexval(lx->s[lx->i]) * 16 + hexval(lx->s[lx->i + 1]);
            lx->i += 2;
        }
        sb_putc(&sb, (char)c);
    }
    v->kind = PV_NAME;
    v->s = sb.data;
    v->len = sb.len;
}

static bool parse_value(lexer *lx, pv *v);

/* Items up to `close`; "N G R" become references. */
static void parse_items(lexer *lx, pv *v, int close)
{
    vec items;
    vec_init(&items, sizeof(pv));
    lx->depth++;
    for (;;) {
        skip_space(lx);
        if (lx->i >= lx->n)
            break;
        if (lx->s[lx->i] == close) {
            lx->i += close == '>' ? 2 : 1;
            break;
        }
        pv item;
        if (lx->depth > MAX_DEPTH || !parse_value(lx, &item)) {
            lx->i++;
            continue;
        }
        if (item.kind == PV_OP && item.len == 1 && item.s[0] == 'R' && items.len >= 2) {
            pv *gen = &VEC_AT(&items, pv, items.len - 1), *num = &VEC_AT(&items, pv, items.len - 2);
            if (gen->kind == PV_NUM && num->kind == PV_NUM) {
                num->kind = PV_REF;
                num->ref = (int)num->num;
                items.len--;
                continue;
            }
        }
        *VEC_PUSH(lx->a, &items, pv) = item;
    }
    lx->depth--;
    v->items = items.data;
    v->nitems = (int)items.len;
}

static bool parse_value(lexer *lx, pv *v)
{
    memset(v, 0, sizeof *v);
    skip_space(lx);
    if (lx->i >= lx->n)
        return false;
    int c = lx->s[lx->i];
    if (c == '(') {
        lx->i++;
        lex_literal(lx, v);
    } else if (c == '<' && lx->i + 1 < lx->n && lx->s[lx->i + 1] == '<') {
        lx->i += 2;
        v->kind = PV_DICT;
        parse_items(lx, v, '>');
    } else if (c == '<') {
        lx->i++;
        lex_hex(lx, v);
    } else if (c == '[') {
        lx->i++;
        v->kind = PV_ARRAY;
        parse_items(lx, v, ']');
    } else if (c == '/') {
        lx->i++;
        lex_name(lx, v);
    } else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
        size_t start = lx->i++;
        while (lx->i < lx->n && ((lx->s[lx->i] >= '0' && lx->s[lx->i] <= '9') || lx->s[lx->i] == '.'))
            lx->i++;
        char buf[64];
        size_t len = MIN(lx->i - start, sizeof buf - 1);
        memcpy(buf, lx->s + start, len);
        buf[len] = 0;
        v->kind = PV_NUM;
        v->num = strtod(buf, NULL);
    } else if (is_delim(c)) {
        lx->i++; /* a stray ')', '>', ']', '{' or '}' */
        return false;
    } else {
        size_t start = lx->i;
        while (lx->i < lx->n && !is_space(lx->s[lx->i]) && !is_delim(lx->s[lx->i]))
            lx->i++;
        v->kind = PV_OP;
        v->s = (const char *)lx->s + start;
        v->len = lx->i - start;
        if (v->len == 4 && memcmp(v->s, "true", 4) == 0)
            v->kind = PV_BOOL, v->num = 1;
        else if (v->len == 5 && memcmp(v->s, "false", 5) == 0)
            v->kind = PV_BOOL;
        else if (v->len == 4 && memcmp(v->s, "null", 4) == 0)
            v->kind = PV_NULL;
    }
    return true;
}

void pdf_tokens(arena *a, const unsigned char *s, size_t n, pv_visit fn, void *ctx)
{
    lexer lx = {.a = a, .s = s, .n = n};
    while (lx.i < lx.n) {
        pv v;
        size_t at = lx.i;
        if (parse_value(&lx, &v)) {
            if (v.kind == PV_OP && v.len == 6 && memcmp(v.s, "stream", 6) == 0) {
                /* a stream's data is not syntax: its bytes are searched apart */
                const char *end = mem_find((const char *)s + lx.i, n - lx.i, "endstream", 9);
                lx.i = end ? (size_t)((const unsigned char *)end - s) + 9 : n;
                continue;
            }
            fn(ctx, &v);
        }
        if (lx.i == at)
            lx.i++;
    }
}

static void visit_strings(const pv *v, pv_visit fn, void *ctx)
{
    if (v->kind == PV_STR || v->kind == PV_NAME)
        fn(ctx, v);
    for (int i = 0; i < v->nitems; i++)
        visit_strings(&v->items[i], fn, ctx);
}

typedef struct {
    pv_visit fn;
    void *ctx;
} strings_ctx;

static void strings_of(void *ctx, const pv *v)
{
    strings_ctx *sc = ctx;
    visit_strings(v, sc->fn, sc->ctx);
}

void pdf_strings(arena *a, const unsigned char *s, size_t n, pv_visit fn, void *ctx)
{
    strings_ctx sc = {fn, ctx};
    pdf_tokens(a, s, n, strings_of, &sc);
}

/* ---- streams ----------------------------------------------------------- */

/* Inflates as much as zlib can read; NULL when it is not zlib data. */
static unsigned char *inflate_all(arena *a, const unsigned char *s, size_t n, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK)
        return NULL;
    size_t cap = n * 4 + 1024, len = 0;
    unsigned char *buf = malloc(cap);
    z.next_in = (unsigned char *)s;
    z.avail_in = (uInt)MIN(n, (size_t)UINT32_MAX);
    int rc = Z_OK;
    while (buf && rc == Z_OK) {
        if (len == cap) {
            if (cap >= MAX_INFLATED)
                break;
            cap *= 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb)
                break;
            buf = nb;
        }
        z.next_out = buf + len;
        z.avail_out = (uInt)(cap - len);
        rc = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
    }
    inflateEnd(&z);
    unsigned char *out = NULL;
    if (buf && len > 0 && (rc == Z_STREAM_END || rc == Z_OK || rc == Z_BUF_ERROR)) {
        out = arena_memdup(a, buf, len);
        *out_len = len;
    }
    free(buf);
    return out;
}

static bool has_flate(const pdf_file *pf, const pv *dict)
{
    const pv *f = pv_get(pf, dict, "Filter");
    if (!f)
        return false;
    if (pv_is_name(f, "FlateDecode"))
        return true;
    if (f->kind == PV_ARRAY && f->nitems == 1 && pv_is_name(&f->items[0], "FlateDecode"))
        return true;
    return false;
}

static void set_obj(pdf_file *pf, int num, pv *value, const unsigned char *data, size_t len, bool stream)
{
    if (num <= 0 || num >= pf->nobjs || pf->objs[num].value)
        return;
    pf->objs[num].value = value;
    pf->objs[num].data = data;
    pf->objs[num].len = len;
    pf->objs[num].is_stream = stream;
}

/* Every "N G obj" at the top level, in file order. */
static void read_top_level(pdf_file *pf)
{
    lexer lx = {.a = pf->a, .s = pf->file, .n = pf->file_len};
    while (lx.i < lx.n) {
        const unsigned char *hit = (const unsigned char *)mem_find((const char *)lx.s + lx.i, lx.n - lx.i, " obj", 4);
        if (!hit)
            break;
        size_t at = (size_t)(hit - lx.s);
        /* back over "N G" */
        size_t b = at;
        while (b > 0 && lx.s[b - 1] >= '0' && lx.s[b - 1] <= '9')
            b--;
        size_t gen_start = b;
        if (b == 0 || lx.s[b - 1] != ' ' || gen_start == at) {
            lx.i = at + 4;
            continue;
        }
        b--;
        size_t num_end = b;
        while (b > 0 && lx.s[b - 1] >= '0' && lx.s[b - 1] <= '9')
            b--;
        if (b == num_end) {
            lx.i = at + 4;
            continue;
        }
        int num = atoi((const char *)lx.s + b);
        lx.i = at + 4;
        pv *v = ARENA_NEW(pf->a, pv);
        if (!parse_value(&lx, v))
            continue;
        skip_space(&lx);
        if (v->kind == PV_DICT && lx.n - lx.i >= 6 && memcmp(lx.s + lx.i, "stream", 6) == 0) {
            size_t d = lx.i + 6;
            if (d < lx.n && lx.s[d] == '\r')
                d++;
            if (d < lx.n && lx.s[d] == '\n')
                d++;
            const pv *lenv = NULL;
            for (int k = 0; k + 1 < v->nitems; k += 2)
                if (pv_is_name(&v->items[k], "Length"))
                    lenv = &v->items[k + 1];
            size_t len;
            if (lenv && lenv->kind == PV_NUM && lenv->num >= 0 && (size_t)lenv->num <= lx.n - d) {
                len = (size_t)lenv->num;
            } else {
                const char *end = mem_find((const char *)lx.s + d, lx.n - d, "endstream", 9);
                len = end ? (size_t)((const unsigned char *)end - (lx.s + d)) : lx.n - d;
            }
            set_obj(pf, num, v, lx.s + d, len, true);
            lx.i = d + len;
        } else {
            set_obj(pf, num, v, NULL, 0, false);
        }
    }
}

/* Decodes FlateDecode streams in place of their raw data. */
static void decode_streams(pdf_file *pf)
{
    for (int i = 1; i < pf->nobjs; i++) {
        pdf_object *o = &pf->objs[i];
        if (!o->is_stream || !has_flate(pf, o->value))
            continue;
        size_t n;
        unsigned char *d = inflate_all(pf->a, o->data, o->len, &n);
        if (d) {
            o->data = d;
            o->len = n;
            o->decoded = true;
        }
    }
}

static void read_object_streams(pdf_file *pf)
{
    for (int i = 1; i < pf->nobjs; i++) {
        pdf_object *o = &pf->objs[i];
        if (!o->is_stream || !o->decoded || !pv_is_name(pv_get(pf, o->value, "Type"), "ObjStm"))
            continue;
        const pv *nv = pv_get(pf, o->value, "N"), *fv = pv_get(pf, o->value, "First");
        if (!nv || !fv || nv->kind != PV_NUM || fv->kind != PV_NUM || fv->num < 0 || (size_t)fv->num > o->len)
            continue;
        lexer hdr = {.a = pf->a, .s = o->data, .n = (size_t)fv->num};
        size_t first = (size_t)fv->num;
        for (int k = 0; k < (int)nv->num; k++) {
            pv num, off;
            if (!parse_value(&hdr, &num) || !parse_value(&hdr, &off) || num.kind != PV_NUM || off.kind != PV_NUM)
                break;
            if (off.num < 0 || first + (size_t)off.num >= o->len)
                continue;
            lexer body = {.a = pf->a, .s = o->data, .n = o->len, .i = first + (size_t)off.num};
            pv *v = ARENA_NEW(pf->a, pv);
            if (parse_value(&body, v))
                set_obj(pf, (int)num.num, v, NULL, 0, false);
        }
    }
}

/* Every zlib stream in the file, whether or not an object holds it: the
 * byte scan must not depend on the reader understanding the structure. */
static void find_all_streams(pdf_file *pf)
{
    size_t i = 0;
    while (i < pf->file_len) {
        const char *hit = mem_find((const char *)pf->file + i, pf->file_len - i, "stream", 6);
        if (!hit)
            break;
        size_t d = (size_t)((const unsigned char *)hit - pf->file) + 6;
        i = d;
        if (d < pf->file_len && pf->file[d] == '\r')
            d++;
        if (d < pf->file_len && pf->file[d] == '\n')
            d++;
        size_t n;
        unsigned char *out = inflate_all(pf->a, pf->file + d, pf->file_len - d, &n);
        if (out) {
            pdf_blob *b = VEC_PUSH(pf->a, &pf->inflated, pdf_blob);
            b->data = out;
            b->len = n;
        }
    }
}

void pdf_read(pdf_file *pf, arena *a, const unsigned char *data, size_t len)
{
    memset(pf, 0, sizeof *pf);
    pf->a = a;
    pf->file = data;
    pf->file_len = len;
    vec_init(&pf->inflated, sizeof(pdf_blob));
    /* object numbers are bounded by the file's size: each takes bytes */
    pf->nobjs = (int)MIN(len / 4 + 16, (size_t)1 << 24);
    pf->objs = ARENA_ARRAY(a, pdf_object, pf->nobjs);
    read_top_level(pf);
    decode_streams(pf);
    read_object_streams(pf);
    find_all_streams(pf);
}

bool pv_is_name(const pv *v, const char *name)
{
    return v && v->kind == PV_NAME && v->len == strlen(name) && memcmp(v->s, name, v->len) == 0;
}

const pdf_object *pdf_obj(const pdf_file *pf, const pv *ref)
{
    if (!ref || ref->kind != PV_REF || ref->ref <= 0 || ref->ref >= pf->nobjs || !pf->objs[ref->ref].value)
        return NULL;
    return &pf->objs[ref->ref];
}

const pv *pv_resolve(const pdf_file *pf, const pv *v)
{
    for (int hops = 0; v && v->kind == PV_REF && hops < 8; hops++) {
        const pdf_object *o = pdf_obj(pf, v);
        v = o ? o->value : NULL;
    }
    return v;
}

const pv *pv_get_unresolved(const pdf_file *pf, const pv *dict, const char *key)
{
    dict = pv_resolve(pf, dict);
    if (!dict || dict->kind != PV_DICT)
        return NULL;
    for (int k = 0; k + 1 < dict->nitems; k += 2)
        if (pv_is_name(&dict->items[k], key))
            return &dict->items[k + 1];
    return NULL;
}

const pv *pv_get(const pdf_file *pf, const pv *dict, const char *key)
{
    return pv_resolve(pf, pv_get_unresolved(pf, dict, key));
}
