/* The layout stage's entry point: the body first (so page numbers are
 * known), then the contents that list them and the cover; then every
 * page composed onto paper, links resolved, and the outline built. */
#include "layout_internal.h"

#include <math.h>
#include <string.h>

static bool is_front_matter(const doc_node *n, const char *name)
{
    return n->kind == DOC_CONTAINER && n->u.container.name && strcmp(n->u.container.name, name) == 0;
}

static void init_ctx(lctx *c, arena *a, diag *d, font_lib *fonts, const doc_document *doc, const style_result *style,
                     const layout_options *opt)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->perm = a;
    c->sa = arena_new();
    c->d = d;
    c->fonts = fonts;
    c->doc = doc;
    c->style = style;
    c->opt = opt;
    kp_params_default(&c->kp);
    c->kp.max_hyphen_lines = 2; /* a ladder of three hyphens is a typesetter's fault */
    hmap_init(&c->counters, a);
    hmap_init(&c->images, a);
    hmap_init(&c->link_ids, a);
    hmap_init(&c->targets, a);
    const char *lang = doc_meta_get(doc, "lang");
    c->lang = lang && doc_lang_valid(lang) ? lang : "en";
    hmap_init(&c->hyphenators, a);
    vec_init(&c->hyph_opened, sizeof(hyphenator *));
    int notes = 0;
    for (const doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind == DOC_HEADING && n->u.heading.id)
            hmap_put(&c->link_ids, n->u.heading.id, strlen(n->u.heading.id), (void *)n);
        /* the parse stage leaves anchors only on blocks block_layout places */
        if (n->anchor && !hmap_get(&c->link_ids, n->anchor, strlen(n->anchor)))
            hmap_put(&c->link_ids, n->anchor, strlen(n->anchor), (void *)n);
        if (n->kind == DOC_FOOTNOTE_DEF && n->u.fndef.number > notes)
            notes = n->u.fndef.number;
    }
    c->nnotes = notes;
    c->note_placed = ARENA_ARRAY(a, bool, notes + 1);
    shape_cache_init(c);
}

static void geometry(lctx *c, const page_style *ps, float *width, float *height)
{
    *width = ps->width - ps->margin[SIDE_LEFT] - ps->margin[SIDE_RIGHT];
    *height = ps->height - ps->margin[SIDE_TOP] - ps->margin[SIDE_BOTTOM];
    if (*width < 36 || *height < 36) {
        diag_once(c->d, "page-too-small", DIAG_ERROR, ps->size_pos,
                  "the page leaves %.0f x %.0f pt for content after its margins; that is too small to set text",
                  (double)*width, (double)*height);
        *width = MAX(*width, 36);
        *height = MAX(*height, 36);
    }
}

/* Sets a sequence of blocks into a fresh galley at the column width. */
static galley *set_blocks(lctx *c, const doc_node *const *blocks, int n, float width)
{
    c->g = galley_new(c);
    c->x = 0;
    c->width = width;
    c->margin_pos = c->margin_neg = 0;
    c->margin_pending = false;
    c->frame_top = false;
    for (int i = 0; i < n; i++)
        block_layout(c, blocks[i]);
    galley_flush_margin(c);
    return c->g;
}

/* A PDF URI is 7-bit ASCII: other bytes (UTF-8 in a path or query),
 * spaces and controls are percent-encoded, as a browser sends them. */
static const char *uri_ascii(arena *a, const char *uri)
{
    size_t extra = 0;
    for (const unsigned char *s = (const unsigned char *)uri; *s; s++)
        if (*s <= 0x20 || *s >= 0x7F)
            extra += 2;
    if (!extra)
        return uri;
    char *out = arena_alloc(a, strlen(uri) + extra + 1), *o = out;
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
        if (*s <= 0x20 || *s >= 0x7F) {
            *o++ = '%';
            *o++ = hex[*s >> 4];
            *o++ = hex[*s & 15];
        } else {
            *o++ = (char)*s;
        }
    }
    *o = 0;
    return out;
}

static void add_label(arena *a, vec *labels, int first, label_style st, int start)
{
    page_label_range *pl = VEC_PUSH(a, labels, page_label_range);
    pl->first_page = first;
    pl->style = st;
    pl->start = start;
}

static void pad_to_side(lctx *c, page_run *run, int first_physical, break_mode after)
{
    int next = first_physical + (int)run->pages.len; /* physical index of what follows */
    bool next_left = (next % 2 == 1) != c->rtl_pages;
    if (run->pages.len == 0 || (after != BREAK_RIGHT && after != BREAK_LEFT) || next_left == (after == BREAK_LEFT))
        return;
    layout_page *blank = VEC_PUSH(c->a, &run->pages, layout_page);
    const layout_page *prev = &VEC_AT(&run->pages, layout_page, run->pages.len - 2);
    blank->index = prev->index + 1;
    blank->width = prev->width;
    blank->height = prev->height;
    blank->blank = true;
    *VEC_PUSH(c->a, &run->marks, vmark *) = NULL;
}

layout_result *layout_document(arena *a, diag *d, font_lib *fonts, const doc_document *doc,
                               const style_result *style, const layout_options *opt)
{
    lctx ctx, *c = &ctx;
    init_ctx(c, a, d, fonts, doc, style, opt);
    c->rtl_pages = style_of(style, doc->root)->direction == DIR_RTL;

    /* the parts of the document */
    const doc_node *cover = NULL, *toc = NULL, *title_block = NULL;
    for (const doc_node *n = doc->root->first; n; n = n->next) {
        if (is_front_matter(n, "cover"))
            cover = n;
        else if (is_front_matter(n, "toc"))
            toc = n;
        else if (is_front_matter(n, "title-block"))
            title_block = n;
    }
    /* without a cover, the title block heads the contents' first page when
     * there is a contents, else the body's */
    const doc_node *front_blocks[2];
    int nfront = 0;
    if (toc && title_block)
        front_blocks[nfront++] = title_block;
    if (toc)
        front_blocks[nfront++] = toc;
    vec body;
    vec_init(&body, sizeof(const doc_node *));
    for (const doc_node *n = doc->root->first; n; n = n->next)
        if (n != cover && n != toc && !(toc && n == title_block) && n->kind != DOC_FOOTNOTE_DEF)
            *VEC_PUSH(a, &body, const doc_node *) = n;

    /* @page :first is the cover's page; without a cover the first page is
     * an ordinary one (a cover's design, such as a band at the paper's top
     * edge, would not suit a page of text) */
    const page_style *first = style_page(style, cover != NULL, PAGE_RIGHT);
    const page_style *right = style_page(style, false, PAGE_RIGHT);
    const page_style *left = style_page(style, false, PAGE_LEFT);
    float first_w, first_h, body_w, body_h, left_w, left_h;
    geometry(c, first, &first_w, &first_h);
    geometry(c, right, &body_w, &body_h);
    geometry(c, left, &left_w, &left_h);
    if (fabsf(left_w - body_w) > 0.5f || fabsf(left_h - body_h) > 0.5f)
        WARN(d, srcpos_make(NULL, 0, 0), "left and right pages have different content areas (%.0fx%.0f and %.0fx%.0f pt); the right page's is used for both",
             (double)left_w, (double)left_h, (double)body_w, (double)body_h);
    c->col_width = body_w;
    c->body_height = body_h;


    /* the body, laid out first so the contents can give its page numbers
     * (the body counts from 1 whatever the front matter's length) */
    galley *gb = set_blocks(c, body.data, (int)body.len, body_w);
    page_run body_run;
    paginate(c, gb, &body_run, body_h);
    if (body_run.pages.len == 0 && !cover && nfront == 0) {
        /* a PDF without pages is not a PDF: an empty document gets one blank page */
        if (!d->errors) /* after an error nothing is written anyway */
            WARN(d, doc->root->pos, "the document has nothing to print; the PDF has one blank page");
        layout_page *blank = VEC_PUSH(a, &body_run.pages, layout_page);
        blank->width = body_w;
        blank->height = body_h;
        *VEC_PUSH(a, &body_run.marks, vmark *) = NULL;
    }
    for (size_t i = 0; i < body_run.anchors.len; i++) {
        const anchor_place *ap = &VEC_AT(&body_run.anchors, anchor_place, i);
        if (ap->id)
            hmap_put(&c->targets, ap->id, strlen(ap->id), arena_printf(a, "%d", ap->page + 1));
    }

    page_run cover_run = {0}, toc_run = {0};
    if (cover) {
        galley *g = set_blocks(c, &cover, 1, first_w);
        paginate(c, g, &cover_run, first_h);
    }
    if (toc) {
        galley *g = set_blocks(c, front_blocks, nfront, body_w);
        paginate(c, g, &toc_run, body_h);
    }

    /* break-after: right (or left) on the cover or the contents: a blank
     * page when what follows would otherwise open on the wrong side, as
     * books printed on both sides do */
    if (cover)
        pad_to_side(c, &cover_run, 0, style_for(c, cover)->break_after);
    if (toc)
        pad_to_side(c, &toc_run, (int)cover_run.pages.len, style_for(c, toc)->break_after);

    int ncover = (int)cover_run.pages.len, ntoc = (int)toc_run.pages.len, nbody = (int)body_run.pages.len;
    layout_result *r = ARENA_NEW(a, layout_result);
    r->npages = ncover + ntoc + nbody;
    r->pages = ARENA_ARRAY(a, layout_page, r->npages ? r->npages : 1);
    int front = ncover + ntoc;
    page_range rc = {&cover_run, 0, LABEL_ROMAN, 1, front};
    page_range rt = {&toc_run, ncover, LABEL_ROMAN, ncover + 1, front};
    page_range rb = {&body_run, front, LABEL_ARABIC, 1, nbody};
    if (ncover)
        page_compose(c, r, &rc, true);
    if (ntoc)
        page_compose(c, r, &rt, false);
    page_compose(c, r, &rb, false);

    /* anchors on paper: physical page and y */
    hmap places;
    hmap_init(&places, a);
    const page_range *ranges[3] = {&rc, &rt, &rb};
    vec outline;
    vec_init(&outline, sizeof(outline_entry));
    for (int k = 0; k < 3; k++) {
        const page_run *run = ranges[k]->run;
        if (!run->pages.elem)
            continue;
        for (size_t i = 0; i < run->anchors.len; i++) {
            const anchor_place *ap = &VEC_AT(&run->anchors, anchor_place, i);
            int physical = ranges[k]->first_physical + ap->page;
            const layout_page *pg = &r->pages[physical];
            const page_style *ps = style_page(style, ncover && physical == 0, pg->left ? PAGE_LEFT : PAGE_RIGHT);
            anchor_place *at = ARENA_NEW(a, anchor_place);
            *at = *ap;
            at->page = physical;
            at->y = ap->y + ps->margin[SIDE_TOP];
            if (ap->id)
                hmap_put(&places, ap->id, strlen(ap->id), at);
            if (ap->title && k == 2) {
                outline_entry *e = VEC_PUSH(a, &outline, outline_entry);
                e->title = ap->title;
                e->level = ap->level;
                e->page = physical;
                e->y = at->y;
            }
        }
    }
    /* internal links point at their anchors; external ones are ASCII */
    for (int p = 0; p < r->npages; p++) {
        layout_page *pg = &r->pages[p];
        for (int i = 0; i < pg->nitems; i++) {
            dl_item *it = &pg->items[i];
            if (it->kind != DL_LINK || !it->u.link.uri)
                continue;
            if (it->u.link.uri[0] != '#') {
                it->u.link.uri = uri_ascii(a, it->u.link.uri);
                continue;
            }
            const char *id = it->u.link.uri + 1;
            anchor_place *at = hmap_get(&places, id, strlen(id));
            it->u.link.uri = NULL;
            it->u.link.page = at ? at->page : -1;
            it->u.link.dest_y = at ? at->y : 0;
        }
    }
    r->outline = outline.data;
    r->noutline = (int)outline.len;

    vec labels;
    vec_init(&labels, sizeof(page_label_range));
    if (front)
        add_label(a, &labels, 0, LABEL_ROMAN, 1);
    if (nbody)
        add_label(a, &labels, front, LABEL_ARABIC, 1);
    r->labels = labels.data;
    r->nlabels = (int)labels.len;
    r->stats = c->stats;
    arena_free(c->sa);
    lang_hyphenators_close(c);
    shape_cache_free(c);
    return r;
}
