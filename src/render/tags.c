/* Tagged PDF: the logical structure a screen reader follows.
 *
 * Before drawing, a tree of structure elements is made from the document
 * tree (Document, H1-H6, P, L/LI/Lbl/LBody, Table/THead/TBody/TR/TH/TD,
 * Figure, Note ...). While drawing, every painted display item is wrapped
 * in marked content: an MCID owned by the element of its document node,
 * or an artifact (running heads, page numbers, rules, bands, repeated
 * table headers). After drawing, the elements that received content
 * become PDF dictionaries, their kids in reading order, with the
 * ParentTree that maps each page's MCIDs (and each link annotation) back
 * to its element. libharu has no API for any of it: the operators go into
 * the content streams; the elements are written as text, under numbers
 * libharu gives null objects (render_pack puts the text in their place),
 * and the tree's root and ParentTree are libharu dictionaries. */
#include "tags.h"

#include <hpdf_pages.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One marked-content reference or object reference, ordered by where it
 * is drawn. */
typedef struct {
    int page, mcid;
    HPDF_Annotation annot; /* an OBJR instead of an MCID */
    HPDF_Null holder;      /* the group it went into, when its element has too many kids */
} tag_ref;

/* Who owns an MCID: an element and which of its references. */
typedef struct selem selem;
typedef struct {
    selem *e;
    int ref;
} tag_owner;

struct selem {
    const char *role;
    const doc_node *node;  /* for attributes: alt text, scope, language */
    selem *parent, *first, *last, *next;
    int nkids;                 /* rows of a THead or TBody */
    vec refs;              /* tag_ref, in drawing order */
    bool graphic;          /* a Figure: rules and paths inside are its content */
    const char *lang;      /* the language its text is in (inherited) */
    bool own_lang;         /* it says so with /Lang: its parent's differs */
    /* reading order: the first reference of the element or its kids */
    int first_page, first_mcid, first_rank;
    bool used;
    HPDF_Null obj;         /* the null object libharu keeps under its number */
    uint32_t num;
};

typedef struct {
    HPDF_Annotation annot;
    selem *owner;          /* the Link element */
    int page;
} tag_link;

struct tag_tree {
    render_ctx *r;
    int nnodes;
    selem **elem;          /* by doc node id: the element its content goes to */
    selem **label;         /* by doc node id: its Lbl (list items, notes), or NULL */
    selem *root;
    vec *owners;           /* per page: tag_owner, indexed by MCID */
    vec links;             /* tag_link */
    int open;              /* the key of the marked content open on the page */
    vec role_map;          /* const char *: names mapped to Sect (custom roles) */
    size_t nelems;
    strbuf mark;           /* the operator opening marked content */
};

/* An element with more kids than this (a paragraph of 50,000 note
 * references) puts them into groups, so that no /K array grows past the
 * sizes readers are made for (PDF 1.4's implementation limits name
 * 8,191) */
#define KIDS_PER_ARRAY 8191

enum { KEY_NONE = -1, KEY_ARTIFACT = -2, KEY_HEADER = -3, KEY_FOOTER = -4, KEY_PAGINATION = -5 };

/* ---- the element tree --------------------------------------------------- */

static selem *new_elem(tag_tree *t, const char *role, const doc_node *n, selem *parent)
{
    selem *e = ARENA_NEW(t->r->a, selem);
    e->role = role;
    e->node = n;
    e->parent = parent;
    e->lang = parent ? parent->lang : NULL;
    t->nelems++;
    vec_init(&e->refs, sizeof(tag_ref));
    if (parent) {
        if (parent->last)
            parent->last->next = e;
        else
            parent->first = e;
        parent->last = e;
    }
    return e;
}

static bool is_admonition(const char *name)
{
    static const char *const names[] = {"note", "tip", "important", "warning", "caution", "info", "danger"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* A box made by a directive (:::recommendation, the cover ...) gets a
 * structure type of its own, named after the directive and mapped to
 * Sect (or Div for admonitions) in the RoleMap. Lower-case names never
 * collide with the standard types. */
static const char *container_role(tag_tree *t, const doc_node *n)
{
    const char *name = n->u.container.name;
    if (!name || !*name)
        return "Div";
    if (strcmp(name, "toc") == 0)
        return "TOC";
    char *role = arena_strdup(t->r->a, name);
    for (char *p = role; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
            *p = '-';
    if (role[0] >= 'A' && role[0] <= 'Z')
        role[0] = (char)(role[0] - 'A' + 'a');
    for (size_t i = 0; i < t->role_map.len; i++)
        if (strcmp(VEC_AT(&t->role_map, const char *, i), role) == 0)
            return VEC_AT(&t->role_map, const char *, i);
    *VEC_PUSH(t->r->a, &t->role_map, const char *) = role;
    return role;
}

static const char *heading_role(int level)
{
    static const char *const roles[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    return roles[MAX(1, MIN(6, level)) - 1];
}

/* The structure type of a document node, or NULL when its content
 * belongs to its parent's element. */
static const char *node_role(tag_tree *t, const doc_node *n)
{
    switch (n->kind) {
    case DOC_DOCUMENT: return "Document";
    case DOC_HEADING: return heading_role(n->u.heading.level);
    case DOC_PARAGRAPH: return doc_has_class(n, "toc-entry") ? "TOCI" : "P";
    case DOC_LIST: return "L";
    case DOC_ITEM: return n->parent && n->parent->kind == DOC_LIST ? "LI" : "Div";
    case DOC_BLOCKQUOTE: return "BlockQuote";
    case DOC_CODE_BLOCK: return "Code";
    case DOC_HTML_BLOCK: return "P";
    case DOC_TABLE: return "Table";
    case DOC_TABLE_ROW: return "TR";
    case DOC_TABLE_CELL: return n->parent && n->parent->u.row.header ? "TH" : "TD";
    case DOC_CAPTION: return "Caption";
    case DOC_FIGURE: return "Div";
    case DOC_CONTAINER: return container_role(t, n);
    case DOC_CHART: return "Figure";
    case DOC_FOOTNOTE_DEF: return "Note";
    case DOC_IMAGE: return "Figure";
    case DOC_LINK: return "Link";
    case DOC_FOOTNOTE_REF: return "Reference";
    case DOC_CODE: return "Code";
    default: return NULL;
    }
}

static void build(tag_tree *t, const doc_node *n, selem *parent);

static void build_children(tag_tree *t, const doc_node *n, selem *e)
{
    for (const doc_node *ch = n->first; ch; ch = ch->next)
        build(t, ch, e);
}

static bool is_inline(doc_kind k)
{
    return k >= DOC_TEXT;
}

/* Whether the node's text is in another language than its parent
 * element's. Language tags compare without regard to case. */
static bool new_language(const doc_node *n, const selem *parent)
{
    if (!n->lang || !*n->lang)
        return false;
    return !parent || !parent->lang || strcasecmp(n->lang, parent->lang) != 0;
}

/* Sets the language of the element made for n when it differs. */
static selem *with_language(selem *e, const doc_node *n)
{
    if (new_language(n, e->parent)) {
        e->lang = n->lang;
        e->own_lang = true;
    }
    return e;
}

static void build(tag_tree *t, const doc_node *n, selem *parent)
{
    const char *role = node_role(t, n);
    /* a node in another language that would have no element of its own
     * gets one to say so: a Span in a line, a Div among blocks */
    if (!role && new_language(n, parent))
        role = is_inline(n->kind) ? "Span" : "Div";
    if (!role) {
        t->elem[n->id] = parent;
        build_children(t, n, parent);
        return;
    }
    /* rows are grouped into THead and TBody; a TBody of more rows than
     * a PDF array should hold is followed by another */
    if (n->kind == DOC_TABLE_ROW && parent && strcmp(parent->role, "Table") == 0) {
        bool head = n->u.row.header;
        selem *group = NULL;
        for (selem *k = parent->first; k; k = k->next)
            if (strcmp(k->role, head ? "THead" : "TBody") == 0)
                group = k;
        if (!group || group->nkids >= KIDS_PER_ARRAY)
            group = new_elem(t, head ? "THead" : "TBody", NULL, parent);
        group->nkids++;
        parent = group;
    }
    if (n->kind == DOC_CHART) {
        /* the chart's drawing is a Figure, read by its description; its
         * caption stands beside it, read as written */
        selem *box = with_language(new_elem(t, "Div", n, parent), n);
        selem *fig = new_elem(t, "Figure", n, box);
        fig->graphic = true;
        t->elem[n->id] = fig;
        build_children(t, n, box);
        return;
    }
    selem *e = with_language(new_elem(t, role, n, parent), n);
    e->graphic = n->kind == DOC_IMAGE;
    t->elem[n->id] = e;
    if (strcmp(role, "LI") == 0) {
        /* the marker, a number or a bullet (an element without content
         * when the list draws none) */
        t->label[n->id] = new_elem(t, "Lbl", n, e);
        /* a task's box is drawn: the drawing is the label, read by its
         * /ActualText (see add_attributes) */
        t->label[n->id]->graphic = n->u.item.task >= 0;
        selem *body = new_elem(t, "LBody", n, e);
        t->elem[n->id] = body;
        if (n->first && !n->first->next && n->first->kind == DOC_PARAGRAPH) {
            /* an item of one paragraph: the body holds its text (a P
             * between them would say nothing more) */
            t->elem[n->first->id] = body;
            build_children(t, n->first, body);
            return;
        }
        build_children(t, n, body);
        return;
    }
    if (n->kind == DOC_FOOTNOTE_DEF)
        t->label[n->id] = new_elem(t, "Lbl", n, e);
    if (n->kind == DOC_IMAGE)
        return; /* a figure is read by its description */
    build_children(t, n, e);
}

/* The catalog's /Lang: the front matter's, else English. */
static const char *document_language(const doc_document *doc)
{
    const char *lang = doc_meta_get(doc, "lang");
    return lang && *lang ? lang : "en";
}

tag_tree *tags_new(render_ctx *r)
{
    tag_tree *t = ARENA_NEW(r->a, tag_tree);
    t->r = r;
    const doc_document *doc = r->doc;
    t->nnodes = doc->node_count;
    t->elem = ARENA_ARRAY(r->a, selem *, t->nnodes + 1);
    t->label = ARENA_ARRAY(r->a, selem *, t->nnodes + 1);
    vec_init(&t->role_map, sizeof(const char *));
    vec_init(&t->links, sizeof(tag_link));
    t->root = new_elem(t, "Document", doc->root, NULL);
    t->root->lang = document_language(doc);
    t->elem[doc->root->id] = t->root;
    build_children(t, doc->root, t->root);
    t->owners = ARENA_ARRAY(r->a, vec, r->npages ? r->npages : 1);
    for (int i = 0; i < r->npages; i++)
        vec_init(&t->owners[i], sizeof(tag_owner));
    t->open = KEY_NONE;
    sb_init(&t->mark, r->a);
    return t;
}

/* ---- marked content ----------------------------------------------------- */

/* Whether drawing the item puts anything on the page (what the drawing
 * functions skip needs no tag). */
static bool item_paints(const dl_item *it)
{
    switch (it->kind) {
    case DL_TEXT:
        return it->u.text.len > 0;
    case DL_RECT:
        return RGBA_A(it->u.rect.fill) != 0 || (RGBA_A(it->u.rect.stroke) != 0 && it->u.rect.line_width > 0);
    case DL_LINE:
        return it->u.line.width > 0 && RGBA_A(it->u.line.color) != 0;
    case DL_PATH:
        return it->u.path.npts >= 2 &&
               (RGBA_A(it->u.path.fill) != 0 || (RGBA_A(it->u.path.stroke) != 0 && it->u.path.line_width > 0));
    case DL_IMAGE:
        return it->u.image.img != NULL;
    default:
        return false;
    }
}

static selem *item_elem(tag_tree *t, const dl_item *it)
{
    int id = it->node - 1;
    if (id < 0 || id >= t->nnodes)
        return NULL;
    if (it->tag == TAG_LABEL && t->label[id])
        return t->label[id];
    return t->elem[id];
}

/* The block an element's text belongs to: itself, or for an element
 * made for inline content (a link, a span, inline code) the block
 * around it. */
static const selem *text_block(const selem *e)
{
    while (e && e->parent && e->node && is_inline(e->node->kind))
        e = e->parent;
    return e;
}

bool tags_same_text(const tag_tree *t, int node_a, int node_b)
{
    if (node_a == node_b)
        return true;
    if (node_a <= 0 || node_b <= 0 || node_a > t->nnodes || node_b > t->nnodes)
        return false;
    const selem *a = text_block(t->elem[node_a - 1]), *b = text_block(t->elem[node_b - 1]);
    return a && a == b;
}

/* The marked content an item belongs in: an element (its index in the
 * page's owners is decided when it opens) or an artifact. Encoded as a
 * key: >= 0 the node (times two, plus one for a label), < 0 artifacts. */
int tags_key(tag_tree *t, const dl_item *it)
{
    if (!item_paints(it))
        return KEY_NONE;
    switch ((dl_tag)it->tag) {
    case TAG_HEADER: return KEY_HEADER;
    case TAG_FOOTER: return KEY_FOOTER;
    case TAG_PAGINATION: return KEY_PAGINATION;
    case TAG_ARTIFACT: return KEY_ARTIFACT;
    /* the hyphen added at a line end is part of the word's marked
     * content: its glyph stands for U+00AD there (see fonts.c), so the
     * word reads whole (an ActualText span nested in the paragraph's
     * marked content would do as well, but poppler, for one, stops
     * reading an MCID at the span's end) */
    default: break;
    }
    if (it->tag == TAG_LABEL && it->node > 0 && it->node <= t->nnodes && !t->label[it->node - 1])
        return KEY_ARTIFACT; /* a bullet */
    selem *e = item_elem(t, it);
    if (!e)
        return KEY_ARTIFACT;
    /* rules, bands and backgrounds decorate; in a chart they are the figure */
    if ((it->kind == DL_RECT || it->kind == DL_LINE || it->kind == DL_PATH) && !e->graphic)
        return KEY_ARTIFACT;
    return (it->node - 1) * 2 + (it->tag == TAG_LABEL ? 1 : 0);
}

static void put(HPDF_Page page, const char *s, size_t n)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    render_stream_put(attr->stream, s, n);
}

int tags_current(const tag_tree *t)
{
    return t->open;
}

void tags_close(tag_tree *t, HPDF_Page page)
{
    if (t->open != KEY_NONE)
        put(page, "EMC\n", 4);
    t->open = KEY_NONE;
}

static void add_ref(selem *e, arena *a, tag_ref ref)
{
    *VEC_PUSH(a, &e->refs, tag_ref) = ref;
}

void tags_open(tag_tree *t, int page_index, HPDF_Page page, int key, const dl_item *it)
{
    if (key == t->open)
        return;
    tags_close(t, page);
    t->open = key;
    char buf[96];
    int n = 0;
    switch (key) {
    case KEY_HEADER:
        n = snprintf(buf, sizeof buf, "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n");
        break;
    case KEY_FOOTER:
        n = snprintf(buf, sizeof buf, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n");
        break;
    case KEY_PAGINATION:
        n = snprintf(buf, sizeof buf, "/Artifact <</Type /Pagination>> BDC\n");
        break;
    case KEY_ARTIFACT:
        /* decoration: an artifact of no particular type, the most common
         * marked content of a page, in its shortest form */
        n = snprintf(buf, sizeof buf, "/Artifact BMC\n");
        break;
    default: {
        selem *e = item_elem(t, it);
        vec *owners = &t->owners[page_index];
        int mcid = (int)owners->len;
        *VEC_PUSH(t->r->a, owners, tag_owner) = (tag_owner){e, (int)e->refs.len};
        add_ref(e, t->r->a, (tag_ref){page_index, mcid, NULL, NULL});
        /* the commonest operator of a tagged page, written without printf */
        strbuf *sb = &t->mark;
        sb_clear(sb);
        sb_putc(sb, '/');
        sb_puts(sb, e->role);
        sb_puts(sb, "<</MCID ");
        sb_put_uint(sb, (uint64_t)mcid);
        sb_puts(sb, ">>BDC\n");
        put(page, sb->data, sb->len);
        return;
    }
    }
    put(page, buf, (size_t)n);
}

/* ---- links -------------------------------------------------------------- */

void tags_link(tag_tree *t, int page_index, HPDF_Annotation annot, const dl_item *it)
{
    selem *owner = item_elem(t, it);
    if (!owner)
        owner = t->root;
    /* a link gets an element of its own, which holds the annotation */
    selem *link = strcmp(owner->role, "Link") == 0 ? owner : new_elem(t, "Link", NULL, owner);
    int mcid = (int)t->owners[page_index].len;
    add_ref(link, t->r->a, (tag_ref){page_index, mcid, annot, NULL});
    tag_link *l = VEC_PUSH(t->r->a, &t->links, tag_link);
    l->annot = annot;
    l->owner = link;
    l->page = page_index;
}

/* ---- the structure tree into PDF objects ------------------------------- */

typedef struct {
    int page, mcid, rank; /* rank: an OBJR before the MCID of the same number */
    const tag_ref *ref;
    selem *kid;
} tag_entry;

static int cmp_pos(int pa, int ma, int ra, int pb, int mb, int rb)
{
    if (pa != pb)
        return pa < pb ? -1 : 1;
    if (ma != mb)
        return ma < mb ? -1 : 1;
    return ra < rb ? -1 : ra > rb;
}

static int cmp_entry(const void *a, const void *b)
{
    const tag_entry *x = a, *y = b;
    return cmp_pos(x->page, x->mcid, x->rank, y->page, y->mcid, y->rank);
}

/* Marks the elements that hold content and where each begins. */
static bool measure(selem *e, int *rank)
{
    bool used = false;
    int fp = 0, fm = 0, fr = 0;
    for (size_t i = 0; i < e->refs.len; i++) {
        const tag_ref *ref = &VEC_AT(&e->refs, tag_ref, i);
        int r = ref->annot ? 0 : 1;
        if (!used || cmp_pos(ref->page, ref->mcid, r, fp, fm, fr) < 0)
            fp = ref->page, fm = ref->mcid, fr = r;
        used = true;
    }
    for (selem *k = e->first; k; k = k->next) {
        int kr;
        if (!measure(k, &kr))
            continue;
        if (!used || cmp_pos(k->first_page, k->first_mcid, kr, fp, fm, fr) < 0)
            fp = k->first_page, fm = k->first_mcid, fr = kr;
        used = true;
    }
    e->used = used;
    e->first_page = fp;
    e->first_mcid = fm;
    e->first_rank = fr;
    *rank = fr;
    return used;
}

/* libharu grows a list by a fixed number of slots, copying it each time:
 * a list about to take `more` items grows once instead (the cross-
 * reference table with thousands of elements, arrays of many kids). */
static void expect_items(HPDF_List list, size_t more)
{
    if (list && more > list->items_per_block)
        list->items_per_block = (HPDF_UINT)MIN(more, (size_t)HPDF_LIMIT_MAX_ARRAY);
}

static HPDF_Dict new_indirect(tag_tree *t)
{
    HPDF_Dict d = HPDF_Dict_New(t->r->pdf->mmgr);
    if (d)
        HPDF_Xref_Add(t->r->pdf->xref, d);
    return d;
}

static uint32_t object_number(const void *obj)
{
    return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* An object number for an element: libharu keeps a null object under it,
 * and the element's dictionary, written here as text, takes its place
 * when the file is packed. */
static HPDF_Null reserve_object(tag_tree *t, uint32_t *num)
{
    HPDF_Null o = HPDF_Null_New(t->r->pdf->mmgr);
    if (!o || HPDF_Xref_Add(t->r->pdf->xref, o) != HPDF_OK)
        return NULL;
    *num = object_number(o);
    return o;
}

static void put_ref(strbuf *sb, uint32_t num)
{
    sb_putc(sb, ' ');
    sb_put_uint(sb, num);
    sb_puts(sb, " 0 R");
}

static void put_body(tag_tree *t, uint32_t num, const strbuf *sb)
{
    *VEC_PUSH(t->r->a, &t->r->bodies, render_body) = (render_body){num, sb->data, sb->len};
}

static void put_attributes(tag_tree *t, selem *e, strbuf *sb)
{
    const doc_node *n = e->node;
    if (e->own_lang) {
        sb_puts(sb, "/Lang");
        tags_put_text(sb, e->lang);
    }
    if (!n)
        return;
    if (n->kind == DOC_ITEM && n->u.item.task >= 0 && strcmp(e->role, "Lbl") == 0) {
        sb_puts(sb, "/ActualText");
        tags_put_text(sb, n->u.item.task ? "\u2611" : "\u2610");
    }
    if (strcmp(e->role, "TH") == 0)
        sb_puts(sb, "/A<</O/Table/Scope/Column>>");
    const char *alt = NULL;
    if (n->kind == DOC_IMAGE)
        alt = n->text && n->len ? arena_strndup(t->r->a, n->text, n->len) : doc_plain_text(t->r->a, n);
    else if (n->kind == DOC_CHART && e->graphic)
        alt = tags_chart_alt(t->r->a, n);
    if (alt && *alt) {
        sb_puts(sb, "/Alt");
        tags_put_text(sb, alt);
    }
}

static void emit(tag_tree *t, selem *e, uint32_t parent);

/* An element's kid, written into its parent's /K: a child element, an
 * annotation (OBJR), or marked content, an MCID on the element's page /Pg
 * or an MCR elsewhere. */
static void put_kid(tag_tree *t, strbuf *sb, uint32_t parent, const tag_entry *en, int pg)
{
    if (en->kid) {
        emit(t, en->kid, parent);
        if (en->kid->obj)
            put_ref(sb, en->kid->num);
        return;
    }
    if (en->ref->annot) {
        sb_puts(sb, "<</Type/OBJR/Obj");
        put_ref(sb, object_number(en->ref->annot));
        /* the element's /Pg serves when it is the annotation's page */
        if (en->page != pg) {
            sb_puts(sb, "/Pg");
            put_ref(sb, object_number(t->r->pages[en->page]));
        }
        sb_puts(sb, ">>");
        return;
    }
    if (en->page == pg) {
        sb_putc(sb, ' ');
        sb_put_uint(sb, (uint64_t)en->mcid);
        return;
    }
    sb_puts(sb, "<</Type/MCR/Pg");
    put_ref(sb, object_number(t->r->pages[en->page]));
    sb_puts(sb, "/MCID ");
    sb_put_uint(sb, (uint64_t)en->mcid);
    sb_puts(sb, ">>");
}

static bool has_annotation(const selem *e)
{
    for (size_t i = 0; i < e->refs.len; i++)
        if (VEC_AT(&e->refs, tag_ref, i).annot)
            return true;
    return false;
}

/* The element's kids in reading order: its own marked content and its
 * elements. */
static tag_entry *kids_in_order(tag_tree *t, const selem *e, size_t *n)
{
    size_t count = e->refs.len;
    for (const selem *k = e->first; k; k = k->next)
        count += k->used;
    tag_entry *entries = ARENA_ARRAY(t->r->a, tag_entry, count ? count : 1);
    size_t i = 0;
    for (size_t r = 0; r < e->refs.len; r++) {
        const tag_ref *ref = &VEC_AT(&e->refs, tag_ref, r);
        entries[i++] = (tag_entry){ref->page, ref->mcid, ref->annot ? 0 : 1, ref, NULL};
    }
    for (selem *k = e->first; k; k = k->next)
        if (k->used)
            entries[i++] = (tag_entry){k->first_page, k->first_mcid, k->first_rank, NULL, k};
    if (count > 1)
        qsort(entries, count, sizeof(tag_entry), cmp_entry);
    *n = count;
    return entries;
}

/* The start of an element's dictionary: its type, parent and page. */
static void put_head(tag_tree *t, strbuf *sb, const char *role, uint32_t parent, int pg)
{
    sb_puts(sb, "<</S");
    tags_put_name(sb, role);
    sb_puts(sb, "/P");
    put_ref(sb, parent);
    if (pg >= 0) {
        sb_puts(sb, "/Pg");
        put_ref(sb, object_number(t->r->pages[pg]));
    }
}

/* Kids from..to of element e in a group of their own: lists into lists,
 * contents into contents, else NonStruct, whose content counts as its
 * parent's. */
static void put_group(tag_tree *t, strbuf *sb, selem *e, tag_entry *entries, size_t from, size_t to, int pg)
{
    uint32_t num;
    HPDF_Null holder = reserve_object(t, &num);
    if (!holder)
        return;
    put_ref(sb, num);
    strbuf h;
    sb_init(&h, t->r->a);
    bool same = strcmp(e->role, "L") == 0 || strcmp(e->role, "TOC") == 0;
    put_head(t, &h, same ? e->role : "NonStruct", e->num, pg);
    sb_puts(&h, "/K[");
    for (size_t i = from; i < to; i++) {
        put_kid(t, &h, num, &entries[i], pg);
        if (entries[i].ref)
            ((tag_ref *)entries[i].ref)->holder = holder; /* the ParentTree names it */
    }
    sb_puts(&h, "]>>");
    put_body(t, num, &h);
}

static void emit(tag_tree *t, selem *e, uint32_t parent)
{
    e->obj = reserve_object(t, &e->num);
    if (!e->obj)
        return;
    /* a link that got no annotation (a relative target is not made
     * clickable) is a span of text, here holding inline code */
    if (strcmp(e->role, "Link") == 0 && !has_annotation(e))
        e->role = "Span";
    int pg = -1;
    for (size_t i = 0; i < e->refs.len && pg < 0; i++)
        if (!VEC_AT(&e->refs, tag_ref, i).annot)
            pg = VEC_AT(&e->refs, tag_ref, i).page;
    /* /Type /StructElem is optional: left out, as a third of the elements' bytes */
    strbuf sb;
    sb_init(&sb, t->r->a);
    put_head(t, &sb, e->role, parent, pg);
    put_attributes(t, e, &sb);
    size_t n;
    tag_entry *entries = kids_in_order(t, e, &n);
    /* one kid stands alone, more go into an array */
    sb_puts(&sb, "/K");
    if (n == 1) {
        put_kid(t, &sb, e->num, &entries[0], pg);
    } else {
        sb_putc(&sb, '[');
        if (n <= KIDS_PER_ARRAY)
            for (size_t i = 0; i < n; i++)
                put_kid(t, &sb, e->num, &entries[i], pg);
        else
            for (size_t from = 0; from < n; from += KIDS_PER_ARRAY)
                put_group(t, &sb, e, entries, from, MIN(n, from + KIDS_PER_ARRAY), pg);
        sb_putc(&sb, ']');
    }
    sb_puts(&sb, ">>");
    put_body(t, e->num, &sb);
}

/* The ParentTree, a number tree: page i's key is i (an array of the
 * elements owning its MCIDs), each link annotation's a key after the
 * pages. Leaves of at most 512 entries (libharu arrays hold 32,767
 * items). */
#define LEAF_ENTRIES 512

static HPDF_Dict parent_tree(tag_tree *t, int nkeys)
{
    HPDF_MMgr mm = t->r->pdf->mmgr;
    HPDF_Dict root = new_indirect(t);
    HPDF_Array kids = NULL;
    if (nkeys > LEAF_ENTRIES) {
        kids = HPDF_Array_New(mm);
        HPDF_Dict_Add(root, "Kids", kids);
    }
    for (int from = 0; from < nkeys; from += LEAF_ENTRIES) {
        int to = MIN(nkeys, from + LEAF_ENTRIES);
        HPDF_Dict leaf = root;
        if (kids) {
            leaf = new_indirect(t);
            HPDF_Array_Add(kids, leaf);
            HPDF_Array lim = HPDF_Array_New(mm);
            HPDF_Array_AddNumber(lim, from);
            HPDF_Array_AddNumber(lim, to - 1);
            HPDF_Dict_Add(leaf, "Limits", lim);
        }
        HPDF_Array nums = HPDF_Array_New(mm);
        expect_items(nums->list, 2 * (size_t)(to - from));
        HPDF_Dict_Add(leaf, "Nums", nums);
        for (int key = from; key < to; key++) {
            HPDF_Array_AddNumber(nums, key);
            if (key < t->r->npages) {
                HPDF_Array owners = HPDF_Array_New(mm);
                const vec *v = &t->owners[key];
                expect_items(owners->list, v->len);
                for (size_t i = 0; i < v->len; i++) {
                    const tag_owner *o = &VEC_AT(v, tag_owner, i);
                    HPDF_Null holder = VEC_AT(&o->e->refs, tag_ref, o->ref).holder;
                    HPDF_Array_Add(owners, holder ? holder : o->e->obj);
                }
                HPDF_Array_Add(nums, owners);
            } else {
                HPDF_Array_Add(nums, VEC_AT(&t->links, tag_link, key - t->r->npages).owner->obj);
            }
        }
    }
    return root;
}

static void link_annotations(tag_tree *t)
{
    for (size_t i = 0; i < t->links.len; i++) {
        tag_link *l = &VEC_AT(&t->links, tag_link, i);
        HPDF_Dict_AddNumber(l->annot, "StructParent", t->r->npages + (int)i);
        if (i == 0 || VEC_AT(&t->links, tag_link, i - 1).page != l->page)
            HPDF_Dict_AddName(t->r->pages[l->page], "Tabs", "S");
        HPDF_Dict uri = render_dict_find(l->annot, "A");
        HPDF_String target = uri ? render_dict_find(uri, "URI") : NULL;
        const char *what = NULL;
        if (l->owner->node && l->owner->node->kind == DOC_LINK)
            what = doc_plain_text(t->r->a, l->owner->node);
        else if (l->owner->parent && l->owner->parent->node && l->owner->parent->node->kind == DOC_FOOTNOTE_REF)
            what = arena_printf(t->r->a, "Note %d", l->owner->parent->node->u.fnref.number);
        if (!what || !*what)
            what = target ? arena_printf(t->r->a, "Link to %s", (const char *)target->value) : "Link to a place in this document";
        if (!render_dict_find(l->annot, "Contents"))
            HPDF_Dict_Add(l->annot, "Contents", tags_text(t->r, what));
    }
}

static void catalog_entries(tag_tree *t)
{
    HPDF_MMgr mm = t->r->pdf->mmgr;
    HPDF_Dict cat = t->r->pdf->catalog;
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE));
    HPDF_Dict_Add(cat, "MarkInfo", mark);
    HPDF_Dict_Add(cat, "Lang", tags_text(t->r, t->root->lang));
    HPDF_Dict vp = render_dict_find(cat, "ViewerPreferences");
    if (!vp) {
        vp = HPDF_Dict_New(mm);
        HPDF_Dict_Add(cat, "ViewerPreferences", vp);
    }
    HPDF_Dict_Add(vp, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE));
}

bool tags_finish(tag_tree *t)
{
    render_ctx *r = t->r;
    int rank;
    measure(t->root, &rank);
    expect_items(r->pdf->xref->entries, t->nelems + t->links.len);
    HPDF_Dict tree = new_indirect(t);
    if (!tree)
        return render_check(r, "writing the structure tree");
    HPDF_Dict_AddName(tree, "Type", "StructTreeRoot");
    t->root->used = true;
    emit(t, t->root, object_number(tree));
    if (!t->root->obj)
        return render_check(r, "writing the structure tree");
    HPDF_Array k = HPDF_Array_New(r->pdf->mmgr);
    HPDF_Array_Add(k, t->root->obj);
    HPDF_Dict_Add(tree, "K", k);
    int nkeys = r->npages + (int)t->links.len;
    HPDF_Dict_Add(tree, "ParentTree", parent_tree(t, nkeys));
    HPDF_Dict_AddNumber(tree, "ParentTreeNextKey", nkeys);
    if (t->role_map.len) {
        HPDF_Dict map = HPDF_Dict_New(r->pdf->mmgr);
        for (size_t i = 0; i < t->role_map.len; i++) {
            const char *name = VEC_AT(&t->role_map, const char *, i);
            HPDF_Dict_AddName(map, name, is_admonition(name) ? "Div" : "Sect");
        }
        HPDF_Dict_Add(tree, "RoleMap", map);
    }
    for (int i = 0; i < r->npages; i++)
        HPDF_Dict_AddNumber(r->pages[i], "StructParents", i);
    link_annotations(t);
    catalog_entries(t);
    HPDF_Dict_Add(r->pdf->catalog, "StructTreeRoot", tree);
    return render_check(r, "writing the structure tree");
}
