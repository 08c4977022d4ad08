/* Packs libharu's PDF 1.4 output into PDF 1.5 form: the many small
 * objects (page dictionaries, bookmarks, link annotations, destinations,
 * font dictionaries) go into compressed object streams, stream lengths are
 * written in place, streams libharu left uncompressed are deflated, and the
 * cross-reference table becomes a compressed cross-reference stream. A long dossier's bookmarks alone are a fifth of
 * its bytes before packing. libharu writes every file the same way, so a
 * small reader of its own output is enough; anything unexpected leaves the
 * file as it was. Not used for PDF/A-1, which predates object streams. */
#include "render_internal.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define OBJECTS_PER_STREAM 1000
/* Page contents and font programs are most of the bytes and most of the
 * time: zlib's level 4 takes half the time of its default level 6 for 3%
 * more bytes. Object and cross-reference streams: level 6; level 9
 * searched the repetitive structure elements of tagged PDF for twice the
 * time of the rest of the run, for 0.1% fewer bytes. */
#define STREAM_LEVEL 4
#define INDEX_LEVEL 6

typedef struct {
    const unsigned char *p, *end;
} cursor;

static bool is_white(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static bool is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
           c == '/' || c == '%';
}

static void skip_white(cursor *c)
{
    while (c->p < c->end && is_white(*c->p))
        c->p++;
}

/* Skips one PDF value (dictionary, array, string, name, number, keyword);
 * a reference "n g R" is three values. False when it cannot. Nesting is
 * bounded by what libharu writes. */
static bool skip_value(cursor *c, int depth)
{
    skip_white(c);
    if (c->p >= c->end || depth > 64)
        return false;
    unsigned char ch = *c->p;
    if (ch == '<' && c->p + 1 < c->end && c->p[1] == '<') {
        c->p += 2;
        for (;;) {
            skip_white(c);
            if (c->p + 1 < c->end && c->p[0] == '>' && c->p[1] == '>') {
                c->p += 2;
                return true;
            }
            if (!skip_value(c, depth + 1))
                return false;
        }
    }
    if (ch == '[') {
        c->p++;
        for (;;) {
            skip_white(c);
            if (c->p < c->end && *c->p == ']') {
                c->p++;
                return true;
            }
            if (!skip_value(c, depth + 1))
                return false;
        }
    }
    if (ch == '(') {
        int level = 0;
        while (c->p < c->end) {
            unsigned char x = *c->p++;
            if (x == '\\') {
                c->p++;
                continue;
            }
            if (x == '(')
                level++;
            else if (x == ')' && --level == 0)
                return true;
        }
        return false;
    }
    if (ch == '<') {
        const unsigned char *e = memchr(c->p, '>', (size_t)(c->end - c->p));
        if (!e)
            return false;
        c->p = e + 1;
        return true;
    }
    if (ch == '/') {
        c->p++;
        while (c->p < c->end && !is_white(*c->p) && !is_delim(*c->p))
            c->p++;
        return true;
    }
    if (is_delim(ch))
        return false;
    while (c->p < c->end && !is_white(*c->p) && !is_delim(*c->p))
        c->p++;
    return true;
}

static bool starts(const unsigned char *p, const unsigned char *end, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

static long parse_long(const unsigned char *p, const unsigned char *end)
{
    long v = 0;
    while (p < end && *p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    return v;
}

typedef struct {
    size_t offset;        /* in the input */
    const unsigned char *body, *body_end; /* the value (non-stream) or dictionary (stream) */
    const unsigned char *data;            /* stream data, or NULL */
    size_t data_len;
    long length_ref;      /* object holding this stream's length, or 0 */
    int kind;             /* 0 free, 1 stream, 2 packed */
    long job;             /* its deflate job, or -1 (a stream kept as it is) */
    const char *subst;    /* text written in place of libharu's body, or NULL */
    size_t subst_len;
    int stream_index;     /* which object stream, when packed */
    int index_in_stream;
} object;

/* An object stream: its objects, where the first begins (after the
 * index of numbers and offsets), and its deflate job. */
typedef struct {
    int count;
    size_t first;
    long job;
} packed_stream;

static bool put_objects(arena *a, const object *objs, long n, const deflate_job *job, const packed_stream *packs,
                        size_t npacks, const unsigned char *tr, const unsigned char *tr_end,
                        const unsigned char **out, size_t *out_len);
static bool put_plain(arena *a, const object *objs, long n, const deflate_job *job, const unsigned char *tr,
                      const unsigned char *tr_end, const unsigned char **out, size_t *out_len);
static bool put_trailer_entries(strbuf *sb, const unsigned char *tr, const unsigned char *tr_end);

/* The finished file, unless it is larger than a PDF's offsets can say. */
static bool hand_over(const strbuf *sb, const unsigned char **out, size_t *out_len)
{
    if (sb->len > 0xFFFFFFFFu)
        return false;
    *out = (const unsigned char *)sb->data;
    *out_len = sb->len;
    return true;
}

static bool deflate_bytes(strbuf *out, const unsigned char *in, size_t n, int level)
{
    uLongf cap = compressBound((uLong)n);
    unsigned char *buf = malloc(cap);
    if (!buf)
        return false;
    bool ok = compress2(buf, &cap, in, (uLong)n, level) == Z_OK;
    if (ok)
        sb_append(out, (const char *)buf, cap);
    free(buf);
    return ok;
}

/* Copies a PDF value without the white space it does not need (libharu
 * puts a line break after each dictionary entry): white space stays only
 * between two tokens that would run together, as in "12 0 R"; strings
 * are copied as they are. A tagged document's structure elements are
 * most of the object streams' bytes. */
static void put_compact(strbuf *out, const unsigned char *p, const unsigned char *end)
{
    unsigned char prev = '<'; /* no space before the first token */
    while (p < end) {
        unsigned char ch = *p;
        if (is_white(ch)) {
            while (p < end && is_white(*p))
                p++;
            if (p < end && !is_delim(prev) && !is_delim(*p))
                sb_putc(out, ' ');
            continue;
        }
        const unsigned char *from = p;
        if (ch == '(') {
            cursor c = {p, end};
            if (!skip_value(&c, 0))
                c.p = end;
            p = c.p;
        } else if (ch == '<' && p + 1 < end && p[1] == '<') {
            p += 2; /* a dictionary: its keys and values follow as tokens */
        } else if (ch == '<') {
            const unsigned char *e = memchr(p, '>', (size_t)(end - p));
            p = e ? e + 1 : end;
        } else {
            p++;
        }
        sb_append(out, (const char *)from, (size_t)(p - from));
        /* a string or hex string ends in a delimiter of its own */
        prev = p[-1];
    }
}

/* Writes the dictionary with its /Length as a direct number, followed by
 * `extra` entries. */
static void put_stream_dict(strbuf *out, const unsigned char *d, const unsigned char *e, size_t len,
                            const char *extra)
{
    const unsigned char *k = d;
    while (k + 8 <= e) {
        if (memcmp(k, "/Length", 7) == 0 && is_white(k[7]))
            break;
        k++;
    }
    if (k + 8 > e) {
        sb_append(out, (const char *)d, (size_t)(e - d));
        return;
    }
    sb_append(out, (const char *)d, (size_t)(k - d));
    sb_printf(out, "/Length %zu%s", len, extra);
    cursor c = {k + 7, e};
    skip_value(&c, 0);
    /* an indirect length is "n 0 R": skip the generation and the R */
    cursor t = c;
    skip_white(&t);
    if (t.p < e && *t.p >= '0' && *t.p <= '9') {
        cursor u = t;
        skip_value(&u, 0);
        skip_white(&u);
        if (u.p < e && *u.p == 'R')
            c.p = u.p + 1;
    }
    sb_append(out, (const char *)c.p, (size_t)(e - c.p));
}

/* A value: ours when we wrote it, else libharu's without its spaces. */
static void put_body(strbuf *out, const object *o)
{
    if (o->subst)
        sb_append(out, o->subst, o->subst_len);
    else
        put_compact(out, o->body, o->body_end);
}

/* A stream object, deflated when it has a job. */
static void put_stream_object(strbuf *sb, long i, const object *o, const deflate_job *job)
{
    sb_put_uint(sb, (uint64_t)i);
    sb_puts(sb, " 0 obj\n");
    if (o->job >= 0) {
        const deflate_job *z = &job[o->job];
        put_stream_dict(sb, o->body, o->body_end, z->out_len, " /Filter /FlateDecode");
        sb_puts(sb, "\nstream\n");
        sb_append(sb, (const char *)z->out, z->out_len);
    } else {
        put_stream_dict(sb, o->body, o->body_end, o->data_len, "");
        sb_puts(sb, "\nstream\n");
        sb_append(sb, (const char *)o->data, o->data_len);
    }
    sb_puts(sb, "\nendstream\nendobj\n");
}

bool render_pack(arena *a, const unsigned char *in, size_t len, const render_body *bodies, size_t nbodies,
                 bool object_streams, const unsigned char **out, size_t *out_len)
{
    const unsigned char *end = in + len;
    /* the trailer and the table */
    const unsigned char *sx = NULL;
    for (const unsigned char *p = end - 9; p >= in && p > end - 64; p--)
        if (starts(p, end, "startxref")) {
            sx = p;
            break;
        }
    if (!sx)
        return false;
    cursor c = {sx + 9, end};
    skip_white(&c);
    size_t xref_at = (size_t)parse_long(c.p, end);
    if (xref_at >= len || !starts(in + xref_at, end, "xref"))
        return false;
    c.p = in + xref_at + 4;
    skip_white(&c);
    if (parse_long(c.p, end) != 0)
        return false;
    skip_value(&c, 0);
    skip_white(&c);
    long n = parse_long(c.p, end);
    skip_value(&c, 0);
    skip_white(&c);
    if (n <= 1 || n > 10000000 || (size_t)(end - c.p) < (size_t)n * 20)
        return false;
    object *objs = ARENA_ARRAY(a, object, n);
    for (long i = 0; i < n; i++) {
        const unsigned char *e = c.p + 20 * i;
        objs[i].offset = (size_t)parse_long(e, e + 10);
        objs[i].kind = e[17] == 'n' ? 2 : 0;
    }
    const unsigned char *trailer = c.p + 20 * n;
    const unsigned char *tr = (const unsigned char *)mem_find((const char *)trailer, (size_t)(sx - trailer), "<<", 2);
    if (!tr)
        return false;
    cursor tc = {tr, sx};
    if (!skip_value(&tc, 0))
        return false;
    const unsigned char *tr_end = tc.p;

    /* every object: a stream stays as it is, anything else is packed */
    for (long i = 1; i < n; i++) {
        object *o = &objs[i];
        if (o->kind == 0)
            continue;
        if (o->offset >= len)
            return false;
        cursor oc = {in + o->offset, end};
        if (parse_long(oc.p, end) != i)
            return false;
        skip_value(&oc, 0);                      /* number */
        skip_value(&oc, 0);                      /* generation */
        skip_white(&oc);
        if (!starts(oc.p, end, "obj"))
            return false;
        oc.p += 3;
        skip_white(&oc);
        o->body = oc.p;
        if (!skip_value(&oc, 0))
            return false;
        /* a reference as the whole value: three tokens */
        cursor peek = oc;
        skip_white(&peek);
        if (peek.p < end && *peek.p >= '0' && *peek.p <= '9') {
            cursor r2 = peek;
            skip_value(&r2, 0);
            skip_white(&r2);
            if (r2.p < end && *r2.p == 'R')
                oc.p = r2.p + 1;
        }
        o->body_end = oc.p;
        skip_white(&oc);
        if (starts(oc.p, end, "stream")) {
            o->kind = 1;
            oc.p += 6;
            if (oc.p < end && *oc.p == '\r')
                oc.p++;
            if (oc.p < end && *oc.p == '\n')
                oc.p++;
            o->data = oc.p;
            /* the length: direct, or in the object it names */
            const unsigned char *k = o->body;
            while (k + 8 <= o->body_end && !(memcmp(k, "/Length", 7) == 0 && is_white(k[7])))
                k++;
            if (k + 8 > o->body_end)
                return false;
            cursor lc = {k + 7, o->body_end};
            skip_white(&lc);
            long v = parse_long(lc.p, o->body_end);
            skip_value(&lc, 0);
            skip_white(&lc);
            if (lc.p < o->body_end && *lc.p >= '0' && *lc.p <= '9') {
                if (v <= 0 || v >= n || objs[v].offset >= len)
                    return false;
                o->length_ref = v;
                cursor vc = {in + objs[v].offset, end};
                skip_value(&vc, 0);
                skip_value(&vc, 0);
                skip_white(&vc);
                vc.p += 3; /* obj */
                skip_white(&vc);
                v = parse_long(vc.p, end);
            }
            if (v < 0 || (size_t)v > (size_t)(end - o->data))
                return false;
            o->data_len = (size_t)v;
            if (!starts(o->data + v, end, "\nendstream") && !starts(o->data + v, end, "\r\nendstream") &&
                !starts(o->data + v, end, "endstream"))
                return false;
        }
    }
    /* lengths written in place leave their objects unused */
    for (long i = 1; i < n; i++)
        if (objs[i].kind == 1 && objs[i].length_ref)
            objs[objs[i].length_ref].kind = 0;
    /* our own objects, in place of the null objects holding their numbers */
    for (size_t k = 0; k < nbodies; k++) {
        const render_body *b = &bodies[k];
        if (b->num == 0 || b->num >= (uint32_t)n || objs[b->num].kind != 2)
            return false;
        objs[b->num].subst = b->text;
        objs[b->num].subst_len = b->len;
    }

    /* streams libharu left plain are deflated; filtered ones (JPEG, our
     * own compressed maps) stay as they are, and so does the XMP
     * metadata, which PDF/A wants readable without a filter */
    vec jobs; /* deflate_job */
    vec_init(&jobs, sizeof(deflate_job));
    for (long i = 1; i < n; i++) {
        object *o = &objs[i];
        o->job = -1;
        if (o->kind != 1 || !o->data_len ||
            mem_find((const char *)o->body, (size_t)(o->body_end - o->body), "/Filter", 7) ||
            mem_find((const char *)o->body, (size_t)(o->body_end - o->body), "/Metadata", 9))
            continue;
        o->job = (long)jobs.len;
        *VEC_PUSH(a, &jobs, deflate_job) = (deflate_job){.in = o->data, .n = o->data_len, .level = STREAM_LEVEL};
    }
    /* object streams, numbered after the input's objects: their text is
     * made here, deflated with the streams above */
    vec packs; /* packed_stream */
    vec_init(&packs, sizeof(packed_stream));
    for (long i = 1; object_streams && i < n;) {
        strbuf head, body;
        sb_init(&head, a);
        sb_init(&body, a);
        int count = 0;
        for (; i < n && count < OBJECTS_PER_STREAM; i++) {
            object *o = &objs[i];
            if (o->kind != 2)
                continue;
            sb_put_uint(&head, (uint64_t)i);
            sb_putc(&head, ' ');
            sb_put_uint(&head, body.len);
            sb_putc(&head, ' ');
            put_body(&body, o);
            sb_putc(&body, '\n');
            o->stream_index = (int)packs.len;
            o->index_in_stream = count++;
        }
        if (!count)
            break;
        strbuf raw;
        sb_init(&raw, a);
        sb_append(&raw, head.data, head.len);
        sb_append(&raw, body.data, body.len);
        packed_stream *ps = VEC_PUSH(a, &packs, packed_stream);
        ps->count = count;
        ps->first = head.len;
        ps->job = (long)jobs.len;
        *VEC_PUSH(a, &jobs, deflate_job) =
            (deflate_job){.in = (const unsigned char *)raw.data, .n = raw.len, .level = INDEX_LEVEL};
    }
    deflate_batch batch = {.jobs = jobs.data, .n = jobs.len};
    bool ok = deflate_batch_run(&batch) &&
              (object_streams ? put_objects(a, objs, n, batch.jobs, packs.data, packs.len, tr, tr_end, out, out_len)
                              : put_plain(a, objs, n, batch.jobs, tr, tr_end, out, out_len));
    deflate_batch_free(&batch);
    return ok;
}

/* The packed file: the input's streams, the object streams, and the
 * cross-reference stream with the old trailer's entries. */
static bool put_objects(arena *a, const object *objs, long n, const deflate_job *job, const packed_stream *packs,
                        size_t npacks, const unsigned char *tr, const unsigned char *tr_end,
                        const unsigned char **out, size_t *out_len)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n");
    size_t *offsets = ARENA_ARRAY(a, size_t, n);
    for (long i = 1; i < n; i++) {
        if (objs[i].kind != 1)
            continue;
        offsets[i] = sb.len;
        put_stream_object(&sb, i, &objs[i], job);
    }
    size_t *stream_offsets = ARENA_ARRAY(a, size_t, npacks ? npacks : 1);
    for (size_t k = 0; k < npacks; k++) {
        const deflate_job *z = &job[packs[k].job];
        stream_offsets[k] = sb.len;
        sb_printf(&sb, "%ld 0 obj\n<< /Type /ObjStm /N %d /First %zu /Filter /FlateDecode /Length %zu >>\nstream\n",
                  n + (long)k, packs[k].count, packs[k].first, z->out_len);
        sb_append(&sb, (const char *)z->out, z->out_len);
        sb_puts(&sb, "\nendstream\nendobj\n");
    }
    long next = n + (long)npacks;
    /* the cross-reference stream: type, offset or stream, index; the
     * middle field as wide as the largest offset needs, each row as its
     * difference from the row above (the PNG "Up" predictor): the object
     * numbers of neighbouring rows in one object stream and their
     * growing offsets then compress to little */
    long xnum = next++;
    long size = next;
    strbuf x;
    sb_init(&x, a);
    size_t xref_offset = sb.len;
    int wide = xref_offset < 0x10000 ? 2 : xref_offset < 0x1000000 ? 3 : 4;
    enum { MAX_ROW = 1 + 4 + 2 };
    int row_len = 1 + wide + 2;
    unsigned char above[MAX_ROW] = {0};
    for (long k = 0; k < size; k++) {
        int type = 0;
        size_t field = 0;
        unsigned index = 0;
        if (k < n && objs[k].kind == 1) {
            type = 1, field = offsets[k];
        } else if (k < n && objs[k].kind == 2) {
            type = 2, field = (size_t)(n + objs[k].stream_index); /* its object stream's number */
            index = (unsigned)objs[k].index_in_stream;
        } else if (k >= n && k != xnum) {
            type = 1, field = stream_offsets[k - n];
        } else if (k == xnum) {
            type = 1, field = xref_offset;
        } else {
            /* free: object 0 heads the list; unused lengths are deleted */
            index = k == 0 ? 0xFFFF : 1;
        }
        unsigned char row[MAX_ROW];
        row[0] = (unsigned char)type;
        for (int b = 0; b < wide; b++)
            row[1 + b] = (unsigned char)(field >> (8 * (wide - 1 - b)));
        row[1 + wide] = (unsigned char)(index >> 8);
        row[2 + wide] = (unsigned char)index;
        sb_putc(&x, 2); /* PNG filter type: Up */
        for (int b = 0; b < row_len; b++)
            sb_putc(&x, (char)(unsigned char)(row[b] - above[b]));
        memcpy(above, row, (size_t)row_len);
    }
    strbuf xz;
    sb_init(&xz, a);
    if (!deflate_bytes(&xz, (const unsigned char *)x.data, x.len, INDEX_LEVEL))
        return false;
    sb_printf(&sb,
              "%ld 0 obj\n<< /Type /XRef /Size %ld /W [ 1 %d 2 ] /Filter /FlateDecode "
              "/DecodeParms << /Columns %d /Predictor 12 >> /Length %zu",
              xnum, size, wide, row_len, xz.len);
    if (!put_trailer_entries(&sb, tr, tr_end))
        return false;
    sb_puts(&sb, " >>\nstream\n");
    sb_append(&sb, xz.data, xz.len);
    sb_printf(&sb, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_offset);
    return hand_over(&sb, out, out_len);
}

/* The old trailer's entries but its size. */
static bool put_trailer_entries(strbuf *sb, const unsigned char *tr, const unsigned char *tr_end)
{
    cursor t = {tr + 2, tr_end - 2};
    for (;;) {
        skip_white(&t);
        if (t.p >= t.end)
            break;
        const unsigned char *key = t.p;
        if (!skip_value(&t, 0))
            return false;
        const unsigned char *key_end = t.p;
        if (!skip_value(&t, 0))
            return false;
        cursor ref = t;
        skip_white(&ref);
        if (ref.p < t.end && *ref.p >= '0' && *ref.p <= '9') {
            cursor r2 = ref;
            skip_value(&r2, 0);
            skip_white(&r2);
            if (r2.p < t.end && *r2.p == 'R')
                t.p = r2.p + 1;
        }
        if ((size_t)(key_end - key) == 5 && memcmp(key, "/Size", 5) == 0)
            continue;
        sb_putc(sb, ' ');
        sb_append(sb, (const char *)key, (size_t)(t.p - key));
    }
    return true;
}

/* The file for PDF/A-1 (PDF 1.4, before object streams): every object
 * as itself, and a cross-reference table whose free list holds object 0
 * and the lengths written in place. */
static bool put_plain(arena *a, const object *objs, long n, const deflate_job *job, const unsigned char *tr,
                      const unsigned char *tr_end, const unsigned char **out, size_t *out_len)
{
    strbuf sb;
    sb_init(&sb, a);
    sb_puts(&sb, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    size_t *offsets = ARENA_ARRAY(a, size_t, n);
    for (long i = 1; i < n; i++) {
        const object *o = &objs[i];
        offsets[i] = sb.len;
        if (o->kind == 1) {
            put_stream_object(&sb, i, o, job);
        } else if (o->kind == 2) {
            sb_put_uint(&sb, (uint64_t)i);
            sb_puts(&sb, " 0 obj\n");
            put_body(&sb, o);
            sb_puts(&sb, "\nendobj\n");
        }
    }
    size_t xref_offset = sb.len;
    sb_printf(&sb, "xref\n0 %ld\n", n);
    for (long i = 0; i < n; i++) {
        if (i > 0 && objs[i].kind != 0) {
            sb_printf(&sb, "%010zu 00000 n\r\n", offsets[i]);
            continue;
        }
        long next_free = 0;
        for (long k = i + 1; k < n && !next_free; k++)
            if (objs[k].kind == 0)
                next_free = k;
        sb_printf(&sb, "%010ld %05u f\r\n", next_free, i == 0 ? 65535u : 1u);
    }
    sb_printf(&sb, "trailer\n<< /Size %ld", n);
    if (!put_trailer_entries(&sb, tr, tr_end))
        return false;
    sb_printf(&sb, " >>\nstartxref\n%zu\n%%%%EOF\n", xref_offset);
    return hand_over(&sb, out, out_len);
}
