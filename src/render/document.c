/* Document-level parts of the PDF: destinations, the outline (bookmarks),
 * page labels and the document information. */
#include "render_internal.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void *render_dict_find(void *dict, const char *key)
{
    HPDF_Dict d = dict;
    if (!d || !d->list)
        return NULL;
    for (HPDF_UINT i = 0; i < d->list->count; i++) {
        HPDF_DictElement e = HPDF_List_ItemAt(d->list, i);
        if (!e || strcmp(e->key, key) != 0)
            continue;
        HPDF_Obj_Header *h = e->value;
        if (h && (h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
            return ((HPDF_Proxy)e->value)->obj;
        return e->value;
    }
    return NULL;
}

char *render_scratch(render_ctx *r, const char *s, size_t n)
{
    if (n + 1 > r->scratch_cap) {
        size_t cap = r->scratch_cap ? r->scratch_cap : 256;
        while (cap < n + 1)
            cap *= 2;
        r->scratch = arena_alloc(r->a, cap);
        r->scratch_cap = cap;
    }
    memcpy(r->scratch, s, n);
    r->scratch[n] = 0;
    return r->scratch;
}

/* [page /XYZ null top null]: jumps to the place and keeps the reader's
 * zoom. libharu's own XYZ setter insists on a zoom factor. */
HPDF_Destination render_destination(render_ctx *r, int page, float y)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(r->pages[page]);
    if (!dst)
        return NULL;
    float top = r->layout->pages[page].height - y;
    HPDF_Array_Clear(dst);
    HPDF_Array_Add(dst, r->pages[page]);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_Add(dst, HPDF_Null_New(r->pdf->mmgr));
    HPDF_Array_AddReal(dst, top);
    HPDF_Array_Add(dst, HPDF_Null_New(r->pdf->mmgr));
    return render_check(r, "making a link destination") ? dst : NULL;
}

/* libharu refuses strings over 65535 bytes (and then the whole document):
 * a bookmark or an information entry is cut at a character boundary,
 * well below that once written as UTF-16. The page keeps the whole text. */
static const char *pdf_string(render_ctx *r, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return s;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return arena_strndup(r->a, s, max);
}

/* A PDF text string: ASCII as it is, anything else as UTF-16BE after a
 * byte order mark, with surrogate pairs beyond the BMP (libharu's text
 * encoders are 16-bit and drop those characters). */
static void *text_string(render_ctx *r, const char *s)
{
    bool ascii = true;
    for (const char *c = s; *c && ascii; c++)
        ascii = (unsigned char)*c < 0x80 && (unsigned char)*c >= 0x20;
    if (ascii)
        return HPDF_String_New(r->pdf->mmgr, s, NULL);
    /* UTF-8 takes at least as many bytes as UTF-16 for each character */
    size_t len = strlen(s), n = 0;
    unsigned char *bytes = arena_alloc(r->a, 2 * len + 2);
    bytes[n++] = 0xFE;
    bytes[n++] = 0xFF;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = utf8_next(s + i, len - i, &cp);
        if (k <= 0)
            break; /* the parser hands over valid UTF-8 */
        i += (size_t)k;
        uint32_t units[2] = {cp, 0};
        int nu = 1;
        if (cp > 0xFFFF) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            nu = 2;
        }
        for (int u = 0; u < nu; u++) {
            bytes[n++] = (unsigned char)(units[u] >> 8);
            bytes[n++] = (unsigned char)(units[u] & 0xFF);
        }
    }
    return HPDF_Binary_New(r->pdf->mmgr, bytes, (HPDF_UINT)n);
}

bool render_outline(render_ctx *r)
{
    const layout_result *l = r->layout;
    HPDF_Outline parents[8] = {0};
    int levels[8] = {0};
    int depth = 0;
    for (int i = 0; i < l->noutline; i++) {
        const outline_entry *e = &l->outline[i];
        while (depth > 0 && levels[depth - 1] >= e->level)
            depth--;
        HPDF_Outline parent = depth > 0 ? parents[depth - 1] : NULL;
        HPDF_Outline o = HPDF_CreateOutline(r->pdf, parent, "", NULL);
        if (!o)
            return render_check(r, "making the outline");
        /* plain ASCII needs no UTF-16: half the bytes */
        HPDF_Dict_Add(o, "Title", text_string(r, pdf_string(r, e->title, 2000)));
        /* open only the top levels, as a reader expects */
        HPDF_Outline_SetOpened(o, e->level <= 1 ? HPDF_TRUE : HPDF_FALSE);
        if (e->page >= 0 && e->page < r->npages) {
            HPDF_Destination dst = render_destination(r, e->page, e->y);
            if (dst)
                HPDF_Outline_SetDestination(o, dst);
        }
        if (depth < 8) {
            parents[depth] = o;
            levels[depth] = e->level;
            depth++;
        }
    }
    if (l->noutline)
        HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return render_check(r, "making the outline");
}

bool render_page_labels(render_ctx *r)
{
    const layout_result *l = r->layout;
    for (int i = 0; i < l->nlabels; i++) {
        const page_label_range *pl = &l->labels[i];
        HPDF_PageNumStyle style =
            pl->style == LABEL_ROMAN ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN : HPDF_PAGE_NUM_STYLE_DECIMAL;
        HPDF_AddPageLabel(r->pdf, (HPDF_UINT)pl->first_page, style, (HPDF_UINT)pl->start, NULL);
    }
    return render_check(r, "adding page labels");
}

static void set_info(render_ctx *r, HPDF_InfoType type, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    /* libharu makes the dictionary and the entry; the text replaces its
     * value, whatever plane its characters are in */
    HPDF_SetInfoAttr(r->pdf, type, "");
    if (r->pdf->info)
        HPDF_Dict_Add(r->pdf->info, key, text_string(r, pdf_string(r, value, 16000)));
}

/* The document's /ID: a digest of what is on its pages and of its date,
 * so the same inputs at the same SOURCE_DATE_EPOCH give the same bytes,
 * and different documents differ. Two FNV-1a halves make 128 bits. */
static void document_id(render_ctx *r, unsigned char id[16])
{
    uint64_t h1 = 0x6a09e667f3bcc908ull, h2 = 0xbb67ae8584caa73bull;
#define MIX(p, n)                              \
    do {                                       \
        h1 = hash_bytes((p), (n), h1);         \
        h2 = hash_bytes((p), (n), h2 ^ 0x9e37); \
    } while (0)
    int64_t date = (int64_t)r->opt->date;
    MIX(&date, sizeof date);
    for (const doc_meta *m = r->doc->meta; m; m = m->next) {
        MIX(m->key, strlen(m->key));
        MIX(m->value, strlen(m->value));
    }
    for (int p = 0; p < r->layout->npages; p++) {
        const layout_page *pg = &r->layout->pages[p];
        for (int i = 0; i < pg->nitems; i++) {
            const dl_item *it = &pg->items[i];
            float geom[4] = {it->x, it->y, it->w, it->h};
            MIX(geom, sizeof geom);
            if (it->kind == DL_TEXT)
                MIX(it->u.text.str, it->u.text.len);
        }
    }
#undef MIX
    for (int i = 0; i < 8; i++) {
        id[i] = (unsigned char)(h1 >> (8 * i));
        id[8 + i] = (unsigned char)(h2 >> (8 * i));
    }
}

bool render_id(render_ctx *r)
{
    unsigned char id[16];
    document_id(r, id);
    HPDF_Array arr = HPDF_Array_New(r->pdf->mmgr);
    if (!arr)
        return render_check(r, "making the document ID");
    /* both halves equal: this is the document's first and only version */
    HPDF_Array_Add(arr, HPDF_Binary_New(r->pdf->mmgr, id, 16));
    HPDF_Array_Add(arr, HPDF_Binary_New(r->pdf->mmgr, id, 16));
    HPDF_Dict_Add(r->pdf->trailer, "ID", arr);
    return render_check(r, "making the document ID");
}

bool render_info(render_ctx *r)
{
    const doc_document *doc = r->doc;
    set_info(r, HPDF_INFO_TITLE, "Title", doc_meta_get(doc, "title"));
    set_info(r, HPDF_INFO_AUTHOR, "Author",
             doc_meta_get(doc, "author") ? doc_meta_get(doc, "author") : doc_meta_get(doc, "organization"));
    set_info(r, HPDF_INFO_SUBJECT, "Subject",
             doc_meta_get(doc, "subject") ? doc_meta_get(doc, "subject") : doc_meta_get(doc, "subtitle"));
    set_info(r, HPDF_INFO_KEYWORDS, "Keywords", doc_meta_get(doc, "keywords"));
    set_info(r, HPDF_INFO_CREATOR, "Creator", "dossier " DOSSIER_VERSION);
    set_info(r, HPDF_INFO_PRODUCER, "Producer", "dossier " DOSSIER_VERSION " (libharu)");
    struct tm tm;
    time_t t = r->opt->date;
    gmtime_r(&t, &tm);
    /* UTC written as +00'00': libharu rejects the 'Z' form */
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, '+', 0, 0};
    HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, date);
    return render_check(r, "writing the document information");
}
