/* The public edition's self-check: before the PDF is written, every way a
 * reader could get text out of it is searched for the register's names
 * and the withheld passages, with the same matcher the pass used:
 *   - the file's bytes and every zlib stream in it, as UTF-8 and as
 *     UTF-16BE at both byte alignments;
 *   - every string and name in the file's syntax and in every inflated
 *     stream (object streams, content streams), escapes and hex decoded,
 *     read as UTF-8, Latin-1 and UTF-16BE (with or without a byte order
 *     mark);
 *   - the text of all pages in order, each string of glyph codes decoded
 *     through its font's ToUnicode map (and, as well, taken as Unicode
 *     codes), operator boundaries counting as places where words may part
 *     or join, so a name drawn in pieces (kerning, a font change, a line
 *     break with a hyphen, a page break) is still found. */
#include "pdfread.h"
#include "redact_internal.h"

#include <string.h>

#define MAX_REPORTS 12
#define WIDE_GAP (-250.0) /* a TJ adjustment this far right (thousandths of an em) may part words */

typedef struct {
    arena *a;
    diag *d;
    const redaction *r;
    pdf_file pf;
    folded f;
    int finds;
    hmap reported; /* needle and place already reported */
    const int *page_starts; /* for page text: the unit where each page begins */
    int npages;
} checker;

/* ---- searching --------------------------------------------------------- */

static void report(checker *c, const reg_entry *e, int passage, const char *where)
{
    const char *key = arena_printf(c->a, "%d/%d/%s", e ? e->index : 0, passage, where);
    c->finds++;
    if (hmap_get(&c->reported, key, strlen(key)))
        return;
    hmap_put(&c->reported, key, strlen(key), (void *)key);
    if (c->reported.len > MAX_REPORTS)
        return;
    if (e)
        ERROR(c->d, e->pos, "the public edition would show %s, in %s; no file was written", register_label(c->r, e),
              where);
    else
        ERROR(c->d, srcpos_make(NULL, 0, 0),
              "the public edition would show the text of withheld passage %d, in %s; no file was written", passage,
              where);
}

static const char *page_place(checker *c, size_t unit, const char *where)
{
    int page = 0;
    while (page + 1 < c->npages && (size_t)c->page_starts[page + 1] <= unit)
        page++;
    return arena_printf(c->a, "%s of page %d", where, page + 1);
}

static void search(checker *c, const folded *h, const char *where)
{
    const vec *entries = &c->r->entries, *passages = &c->r->passages;
    for (size_t i = 0; i < h->n; i++) {
        if (!fold_word_start(h, i))
            continue;
        for (size_t k = 0; k < entries->len; k++) {
            const reg_entry *e = &VEC_AT(entries, reg_entry, k);
            if (e->nd.u[0] == h->u[i] && needle_match_at(h, i, &e->nd))
                report(c, e, 0, c->page_starts ? page_place(c, i, where) : where);
        }
        for (size_t k = 0; k < passages->len; k++) {
            const needle *nd = &VEC_AT(passages, needle, k);
            if (nd->u[0] == h->u[i] && needle_match_at(h, i, nd))
                report(c, NULL, (int)k + 1, c->page_starts ? page_place(c, i, where) : where);
        }
    }
}

static void fold_utf16be(folded *f, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = (uint32_t)s[i] << 8 | s[i + 1];
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
            uint32_t lo = (uint32_t)s[i + 2] << 8 | s[i + 3];
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        fold_cp(f, u, i);
    }
}

/* Bytes as UTF-8 and as UTF-16BE at both alignments. */
static void scan_bytes(checker *c, const unsigned char *s, size_t n, const char *where)
{
    fold_reset(&c->f);
    fold_utf8(&c->f, (const char *)s, n, 0);
    search(c, &c->f, where);
    for (size_t shift = 0; shift < 2 && n > shift; shift++) {
        fold_reset(&c->f);
        fold_utf16be(&c->f, s + shift, n - shift);
        search(c, &c->f, arena_printf(c->a, "%s, as UTF-16", where));
    }
}

typedef struct {
    checker *c;
    const char *where;
} string_visit;

/* A decoded string or name: also as Latin-1 (PDFDocEncoding's letters). */
static void scan_string(void *ctx, const pv *v)
{
    string_visit *sv = ctx;
    checker *c = sv->c;
    if (v->len == 0)
        return;
    scan_bytes(c, (const unsigned char *)v->s, v->len, sv->where);
    fold_reset(&c->f);
    for (size_t i = 0; i < v->len; i++)
        fold_cp(&c->f, (unsigned char)v->s[i], i);
    search(c, &c->f, sv->where);
}

/* ---- page text through ToUnicode --------------------------------------- */

typedef struct {
    int nbytes;        /* code length */
    uint32_t **map;    /* 65536 codes -> 0-terminated code points, or NULL */
} cmap;

static uint32_t *utf16_text(arena *a, const pv *dst, uint32_t add)
{
    size_t n = dst->len / 2;
    uint32_t *out = ARENA_ARRAY(a, uint32_t, n + 1);
    size_t k = 0;
    const unsigned char *s = (const unsigned char *)dst->s;
    for (size_t i = 0; i < n; i++) {
        uint32_t u = (uint32_t)s[2 * i] << 8 | s[2 * i + 1];
        if (i + 1 == n)
            u += add; /* bfrange: the last unit counts up */
        if (u >= 0xD800 && u < 0xDC00 && i + 1 < n) {
            uint32_t lo = (uint32_t)s[2 * i + 2] << 8 | s[2 * i + 3];
            if (i + 2 == n)
                lo += add;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i++;
        }
        out[k++] = u ? u : 0xFFFD;
    }
    out[k] = 0;
    return out;
}

static uint32_t code_of(const pv *s)
{
    uint32_t v = 0;
    for (size_t i = 0; i < s->len && i < 4; i++)
        v = v << 8 | (unsigned char)s->s[i];
    return v;
}

typedef struct {
    arena *a;
    cmap *cm;
    vec vals; /* pv: operands since the last begin... */
} cmap_reader;

static void cmap_token(void *ctx, const pv *v)
{
    cmap_reader *cr = ctx;
    if (v->kind != PV_OP) {
        *VEC_PUSH(cr->a, &cr->vals, pv) = *v;
        return;
    }
    const pv *x = cr->vals.data;
    size_t n = cr->vals.len;
    if (v->len == 17 && memcmp(v->s, "endcodespacerange", 17) == 0 && n >= 1 && x[0].kind == PV_STR) {
        cr->cm->nbytes = (int)x[0].len;
    } else if (v->len == 9 && memcmp(v->s, "endbfchar", 9) == 0) {
        for (size_t i = 0; i + 1 < n; i += 2)
            if (x[i].kind == PV_STR && x[i + 1].kind == PV_STR && x[i].len <= 2)
                cr->cm->map[code_of(&x[i])] = utf16_text(cr->a, &x[i + 1], 0);
    } else if (v->len == 10 && memcmp(v->s, "endbfrange", 10) == 0) {
        for (size_t i = 0; i + 2 < n; i += 3) {
            if (x[i].kind != PV_STR || x[i + 1].kind != PV_STR || x[i].len > 2 || x[i + 1].len > 2)
                continue;
            uint32_t lo = code_of(&x[i]), hi = code_of(&x[i + 1]);
            for (uint32_t code = lo; code <= hi && code < 65536; code++) {
                const pv *dst = &x[i + 2];
                if (dst->kind == PV_ARRAY && (int)(code - lo) < dst->nitems && dst->items[code - lo].kind == PV_STR)
                    cr->cm->map[code] = utf16_text(cr->a, &dst->items[code - lo], 0);
                else if (dst->kind == PV_STR)
                    cr->cm->map[code] = utf16_text(cr->a, dst, code - lo);
            }
        }
    }
    cr->vals.len = 0;
}

static cmap *read_cmap(checker *c, const pv *font)
{
    cmap *cm = ARENA_NEW(c->a, cmap);
    cm->nbytes = pv_is_name(pv_get(&c->pf, font, "Subtype"), "Type0") ? 2 : 1;
    const pdf_object *tu = pdf_obj(&c->pf, pv_get_unresolved(&c->pf, font, "ToUnicode"));
    if (!tu || !tu->is_stream)
        return cm;
    cm->map = ARENA_ARRAY(c->a, uint32_t *, 65536);
    cmap_reader cr = {.a = c->a, .cm = cm};
    vec_init(&cr.vals, sizeof(pv));
    pdf_tokens(c->a, tu->data, tu->len, cmap_token, &cr);
    if (cm->nbytes < 1 || cm->nbytes > 2)
        cm->nbytes = 2;
    return cm;
}

typedef struct {
    checker *c;
    folded *hay;
    const pv *fonts;   /* the page's font resources */
    const cmap *font;  /* current font */
    bool identity;     /* codes taken as Unicode instead */
    uint32_t last;     /* the last character shown */
    hmap *cmaps;       /* font object number -> cmap */
    vec operands;      /* pv */
} page_reader;

static void show_string(page_reader *pr, const pv *s)
{
    int nb = pr->font ? pr->font->nbytes : 1;
    for (size_t i = 0; i + (size_t)nb <= s->len; i += (size_t)nb) {
        uint32_t code = (unsigned char)s->s[i];
        if (nb == 2)
            code = code << 8 | (unsigned char)s->s[i + 1];
        const uint32_t *text = !pr->identity && pr->font && pr->font->map ? pr->font->map[code] : NULL;
        if (text)
            for (; *text; text++)
                fold_cp(pr->hay, pr->last = *text, pr->hay->n);
        else
            fold_cp(pr->hay, pr->last = code, pr->hay->n);
    }
}

/* A hyphen that ends one operator's text may be a line's break in a
 * word: the boundary after it may join. */
static void end_show(page_reader *pr)
{
    folded *h = pr->hay;
    if ((pr->last == '-' || pr->last == 0x2010) && h->n && h->u[h->n - 1] == UNIT_SEP)
        h->u[h->n - 1] = UNIT_MAYBE;
    else
        fold_boundary(h, UNIT_MAYBE, h->n);
    pr->last = 0;
}

static const cmap *font_named(page_reader *pr, const pv *name)
{
    const pv *ref = NULL;
    const pv *fonts = pv_resolve(&pr->c->pf, pr->fonts);
    for (int k = 0; fonts && fonts->kind == PV_DICT && k + 1 < fonts->nitems; k += 2)
        if (fonts->items[k].kind == PV_NAME && fonts->items[k].len == name->len &&
            memcmp(fonts->items[k].s, name->s, name->len) == 0)
            ref = &fonts->items[k + 1];
    if (!ref)
        return NULL;
    const char *key = arena_printf(pr->c->a, "%d", ref->kind == PV_REF ? ref->ref : -1);
    cmap *cm = ref->kind == PV_REF ? hmap_get(pr->cmaps, key, strlen(key)) : NULL;
    if (!cm) {
        cm = read_cmap(pr->c, pv_resolve(&pr->c->pf, ref));
        if (ref->kind == PV_REF)
            hmap_put(pr->cmaps, key, strlen(key), cm);
    }
    return cm;
}

static bool op_is(const pv *v, const char *name)
{
    return v->len == strlen(name) && memcmp(v->s, name, v->len) == 0;
}

static void page_token(void *ctx, const pv *v)
{
    page_reader *pr = ctx;
    if (v->kind != PV_OP) {
        *VEC_PUSH(pr->c->a, &pr->operands, pv) = *v;
        return;
    }
    const pv *x = pr->operands.data;
    size_t n = pr->operands.len;
    if (op_is(v, "Tf") && n >= 2 && x[n - 2].kind == PV_NAME) {
        pr->font = font_named(pr, &x[n - 2]);
    } else if ((op_is(v, "Tj") || op_is(v, "'") || op_is(v, "\"")) && n >= 1 && x[n - 1].kind == PV_STR) {
        show_string(pr, &x[n - 1]);
        end_show(pr);
    } else if (op_is(v, "TJ") && n >= 1 && x[n - 1].kind == PV_ARRAY) {
        const pv *arr = &x[n - 1];
        for (int i = 0; i < arr->nitems; i++) {
            if (arr->items[i].kind == PV_STR)
                show_string(pr, &arr->items[i]);
            else if (arr->items[i].kind == PV_NUM && arr->items[i].num <= WIDE_GAP)
                fold_boundary(pr->hay, UNIT_MAYBE, pr->hay->n);
        }
        end_show(pr);
    } else if (op_is(v, "BT") || op_is(v, "ET")) {
        end_show(pr);
    }
    pr->operands.len = 0;
}

static const pv *inherited(const pdf_file *pf, const pv *page, const char *key)
{
    for (int depth = 0; page && depth < 32; depth++) {
        const pv *v = pv_get(pf, page, key);
        if (v)
            return v;
        page = pv_get(pf, page, "Parent");
    }
    return NULL;
}

static void read_page(checker *c, const pv *page, folded *hay, bool identity, hmap *cmaps)
{
    page_reader pr = {.c = c, .hay = hay, .identity = identity, .cmaps = cmaps};
    vec_init(&pr.operands, sizeof(pv));
    pr.fonts = pv_get(&c->pf, inherited(&c->pf, page, "Resources"), "Font");
    const pv *contents = pv_get_unresolved(&c->pf, page, "Contents");
    const pv *list = pv_resolve(&c->pf, contents);
    int n = list && list->kind == PV_ARRAY ? list->nitems : 1;
    for (int i = 0; i < n; i++) {
        const pdf_object *o = pdf_obj(&c->pf, list && list->kind == PV_ARRAY ? &list->items[i] : contents);
        if (o && o->is_stream)
            pdf_tokens(c->a, o->data, o->len, page_token, &pr);
        end_show(&pr);
    }
}

static void collect_pages(checker *c, const pv *node, vec *pages, int depth)
{
    node = pv_resolve(&c->pf, node);
    if (!node || depth > 32)
        return;
    if (pv_is_name(pv_get(&c->pf, node, "Type"), "Page")) {
        *VEC_PUSH(c->a, pages, const pv *) = node;
        return;
    }
    const pv *kids = pv_get(&c->pf, node, "Kids");
    for (int i = 0; kids && kids->kind == PV_ARRAY && i < kids->nitems; i++)
        collect_pages(c, &kids->items[i], pages, depth + 1);
}

/* The pages in order, from the catalog's page tree. */
static vec find_pages(checker *c)
{
    vec pages;
    vec_init(&pages, sizeof(const pv *));
    for (int i = 1; i < c->pf.nobjs && !pages.len; i++)
        if (c->pf.objs[i].value && pv_is_name(pv_get(&c->pf, c->pf.objs[i].value, "Type"), "Catalog"))
            collect_pages(c, pv_get(&c->pf, c->pf.objs[i].value, "Pages"), &pages, 0);
    return pages;
}

static void scan_pages(checker *c, const vec *pages)
{
    hmap cmaps;
    hmap_init(&cmaps, c->a);
    int *starts = ARENA_ARRAY(c->a, int, pages->len + 1);
    for (int identity = 0; identity < 2; identity++) {
        folded hay;
        fold_init(&hay, c->a);
        for (size_t i = 0; i < pages->len; i++) {
            starts[i] = (int)hay.n;
            read_page(c, VEC_AT(pages, const pv *, i), &hay, identity == 1, &cmaps);
        }
        c->page_starts = starts;
        c->npages = (int)pages->len;
        search(c, &hay, identity ? "the text (glyph codes taken as Unicode)" : "the text (through ToUnicode)");
        c->page_starts = NULL;
    }
}

bool redact_check_pdf(arena *a, diag *d, const redaction *r, const unsigned char *pdf, size_t len)
{
    if (!r || (!r->entries.len && !r->passages.len))
        return true;
    checker c = {.a = a, .d = d, .r = r};
    fold_init(&c.f, a);
    hmap_init(&c.reported, a);
    pdf_read(&c.pf, a, pdf, len);

    scan_bytes(&c, pdf, len, "the file's bytes");
    string_visit sv = {&c, "a string of the file"};
    pdf_strings(a, pdf, len, scan_string, &sv);
    for (size_t i = 0; i < c.pf.inflated.len; i++) {
        const pdf_blob *b = &VEC_AT(&c.pf.inflated, pdf_blob, i);
        scan_bytes(&c, b->data, b->len, "a compressed stream");
        sv.where = "a string in a compressed stream";
        pdf_strings(a, b->data, b->len, scan_string, &sv);
    }
    vec pages = find_pages(&c);
    if (!pages.len) {
        ERROR(d, srcpos_make(NULL, 0, 0), "the self-check of the public edition found no pages to read; no file was written");
        return false;
    }
    scan_pages(&c, &pages);
    if (c.finds && c.reported.len > MAX_REPORTS)
        ERROR(d, srcpos_make(NULL, 0, 0), "the public edition would show withheld text in %zu more places",
              c.reported.len - MAX_REPORTS);
    return c.finds == 0;
}
