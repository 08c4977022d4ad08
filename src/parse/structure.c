/* What turns a parsed tree into a dossier: heading ids, figures,
 * footnote numbers, the cover and the table of contents. Everything made
 * here is an ordinary node with classes, so style sheets style it. */
#include "parse_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool meta_false(const doc_document *doc, const char *key)
{
    const char *v = doc_meta_get(doc, key);
    return v && (str_ieq(v, "false") || str_ieq(v, "no") || str_ieq(v, "off") || strcmp(v, "0") == 0);
}

/* ---- a contents entry: the heading's words ------------------------------ */

static void flush_entry_text(arena *a, doc_document *doc, doc_node *into, strbuf *sb, srcpos pos)
{
    if (!sb->len)
        return;
    doc_node *t = doc_new(a, doc, DOC_TEXT, pos);
    t->text = arena_strndup(a, sb->data, sb->len);
    t->len = sb->len;
    doc_append(into, t);
    sb_init(sb, a);
}

/* What a contents entry is built into: its link and the words gathered
 * since the last node appended to it. */
typedef struct {
    arena *a;
    doc_document *doc;
    doc_node *into;
} entry_ctx;

/* The heading's text as doc_plain_text gives it, except that the mark of
 * withheld text stays a span.redacted, so the entry shows the style
 * sheet's mark in the document's language, as the heading does. */
static bool keep_redacted(void *ctx, strbuf *sb, const doc_node *n)
{
    entry_ctx *e = ctx;
    if (n->kind != DOC_SPAN || n->first || !doc_has_class(n, "redacted"))
        return false;
    flush_entry_text(e->a, e->doc, e->into, sb, n->pos);
    doc_node *mark = doc_new(e->a, e->doc, DOC_SPAN, n->pos);
    doc_add_class(e->a, mark, "redacted");
    mark->text = n->text;
    mark->len = n->len;
    doc_append(e->into, mark);
    return true;
}

/* ---- heading ids ------------------------------------------------------- */

static void assign_heading_ids(arena *a, doc_document *doc)
{
    hmap used;
    hmap_init(&used, a);
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_HEADING)
            continue;
        /* an id the source gives ({#id}) is kept as written */
        char *slug = n->u.heading.id ? (char *)n->u.heading.id : doc_slug(a, doc_plain_text(a, n));
        if (!*slug)
            slug = "section";
        char *id = slug;
        for (int k = 1; hmap_get(&used, id, strlen(id)); k++)
            id = arena_printf(a, "%s-%d", slug, k);
        hmap_put(&used, id, strlen(id), n);
        n->u.heading.id = id;
    }
}

/* ---- figures ----------------------------------------------------------- */

static bool is_blank_text(const doc_node *n)
{
    if (n->kind == DOC_SOFTBREAK)
        return true;
    if (n->kind != DOC_TEXT)
        return false;
    for (size_t i = 0; i < n->len; i++)
        if (!isspace((unsigned char)n->text[i]))
            return false;
    return true;
}

/* A paragraph holding one image and nothing else is a figure whose
 * caption is the image's alt text. */
static void make_figures(arena *a, diag *d, doc_document *doc)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_PARAGRAPH)
            continue;
        doc_node *img = NULL;
        bool only = true;
        for (doc_node *c = n->first; c && only; c = c->next) {
            if (c->kind == DOC_IMAGE && !img)
                img = c;
            else if (!is_blank_text(c))
                only = false;
        }
        if (!img || !only)
            continue;
        n->kind = DOC_FIGURE;
        img->text = doc_plain_text(a, img);
        img->len = strlen(img->text);
        doc_node *cap = doc_new(a, doc, DOC_CAPTION, img->pos);
        while (img->first) {
            doc_node *c = img->first;
            doc_remove(c);
            doc_append(cap, c);
        }
        while (n->first)
            doc_remove(n->first);
        doc_append(n, img);
        if (cap->nchildren)
            doc_append(n, cap);
        else
            NOTE(d, img->pos, "figure without alt text has no caption");
    }
}

/* ---- GitHub alerts ----------------------------------------------------- */

/* "> [!NOTE]" as a blockquote's first line makes the quote an admonition
 * box (GitHub's alerts). Its title words come from the style sheet. */
static const char *alert_kind(arena *a, const doc_node *para, doc_node **last)
{
    strbuf sb;
    sb_init(&sb, a);
    *last = NULL;
    for (doc_node *c = para->first; c; c = c->next) {
        if (c->kind != DOC_TEXT)
            break;
        sb_append(&sb, c->text, c->len);
        *last = c;
        if (sb.len > 16)
            return NULL;
    }
    if (!sb.len)
        return NULL;
    const char *s = sb.data;
    size_t n = sb.len;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    static const char *const kinds[] = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"};
    for (size_t i = 0; i < COUNT_OF(kinds); i++) {
        size_t k = strlen(kinds[i]);
        if (n == k + 3 && s[0] == '[' && s[1] == '!' && s[n - 1] == ']' && strncasecmp(s + 2, kinds[i], k) == 0) {
            char *lower = arena_strdup(a, kinds[i]);
            for (char *p = lower; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            return lower;
        }
    }
    return NULL;
}

static void make_alerts(arena *a, doc_document *doc)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_BLOCKQUOTE || !n->first || n->first->kind != DOC_PARAGRAPH)
            continue;
        doc_node *para = n->first, *last;
        const char *kind = alert_kind(a, para, &last);
        if (!kind)
            continue;
        /* the marker and the line break after it go */
        doc_node *after = last->next;
        while (para->first != after)
            doc_remove(para->first);
        if (after && (after->kind == DOC_SOFTBREAK || after->kind == DOC_LINEBREAK))
            doc_remove(after);
        if (!para->first)
            doc_remove(para);
        n->kind = DOC_CONTAINER;
        n->u.container.name = kind;
        n->u.container.title = NULL;
        doc_add_class(a, n, "admonition");
        doc_add_class(a, n, kind);
        doc_node *title = doc_new(a, doc, DOC_CAPTION, n->pos);
        doc_add_class(a, title, "admonition-title");
        doc_prepend(n, title);
    }
}

/* ---- footnotes --------------------------------------------------------- */

static char *label_key(arena *a, const char *label)
{
    char *k = arena_strdup(a, label);
    for (char *c = k; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return k;
}

/* Labels belong to their file: chapters written apart may each have a
 * [^1]. A reference finds its own file's definition first, then any. */
static char *file_key(arena *a, const char *file, const char *label)
{
    return arena_printf(a, "%s\x1f%s", file ? file : "", label_key(a, label));
}

/* Numbers notes in the order their first reference appears in the whole
 * dossier, links references to definitions by label, and gathers the
 * definitions at the end of the document in that order. */
static void number_footnotes(arena *a, diag *d, doc_document *doc)
{
    hmap defs;
    hmap_init(&defs, a);
    vec all;
    vec_init(&all, sizeof(doc_node *));
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_FOOTNOTE_DEF)
            continue;
        *VEC_PUSH(a, &all, doc_node *) = n;
        char *key = file_key(a, n->pos.file, n->u.fndef.label);
        doc_node *prev = hmap_get(&defs, key, strlen(key));
        if (prev) {
            WARN(d, n->pos, "footnote '%s' is defined twice; the first definition (line %d) is used", n->u.fndef.label,
                 prev->pos.line);
            continue;
        }
        hmap_put(&defs, key, strlen(key), n);
        char *any = label_key(a, n->u.fndef.label);
        if (!hmap_get(&defs, any, strlen(any)))
            hmap_put(&defs, any, strlen(any), n);
    }
    /* detach definitions so the walk below meets references in reading order */
    for (size_t i = 0; i < all.len; i++)
        doc_remove(VEC_AT(&all, doc_node *, i));

    vec order;
    vec_init(&order, sizeof(doc_node *));
    int number = 0;
    /* references inside notes count after the note that holds them */
    for (size_t pass = 0; pass <= order.len; pass++) {
        doc_node *scope = pass == 0 ? doc->root : VEC_AT(&order, doc_node *, pass - 1);
        for (doc_node *n = scope; n; n = doc_next_preorder(n, scope)) {
            if (n->kind != DOC_FOOTNOTE_REF || n->u.fnref.def)
                continue;
            char *key = file_key(a, n->pos.file, n->u.fnref.label);
            doc_node *def = hmap_get(&defs, key, strlen(key));
            if (!def) {
                key = label_key(a, n->u.fnref.label);
                def = hmap_get(&defs, key, strlen(key));
            }
            if (!def) {
                WARN(d, n->pos, "footnote reference '[^%s]' has no definition; it is printed as written",
                     n->u.fnref.label);
                n->kind = DOC_TEXT;
                n->text = arena_printf(a, "[^%s]", n->u.fnref.label);
                n->len = strlen(n->text);
                n->cls = "";
                continue;
            }
            if (def->u.fndef.number == 0) {
                def->u.fndef.number = ++number;
                *VEC_PUSH(a, &order, doc_node *) = def;
            }
            n->u.fnref.def = def;
            n->u.fnref.number = def->u.fndef.number;
        }
    }
    for (size_t i = 0; i < order.len; i++)
        doc_append(doc->root, VEC_AT(&order, doc_node *, i));
    for (size_t i = 0; i < all.len; i++) {
        doc_node *n = VEC_AT(&all, doc_node *, i);
        char *key = file_key(a, n->pos.file, n->u.fndef.label);
        if (n->u.fndef.number == 0 && hmap_get(&defs, key, strlen(key)) == n)
            WARN(d, n->pos, "footnote '%s' is never referenced, so it is not printed", n->u.fndef.label);
    }
}

/* ---- cover and contents ------------------------------------------------ */

static doc_node *text_para(arena *a, doc_document *doc, const char *cls, const char *text, srcpos pos)
{
    doc_node *p = doc_new(a, doc, DOC_PARAGRAPH, pos);
    doc_add_class(a, p, cls);
    doc_node *t = doc_new(a, doc, DOC_TEXT, pos);
    t->text = arena_strdup(a, text);
    t->len = strlen(text);
    doc_append(p, t);
    return p;
}

static void insert_first(doc_node *parent, doc_node *child)
{
    doc_node *first = parent->first;
    doc_append(parent, child);
    if (!first)
        return;
    /* move it to the front */
    doc_remove(child);
    child->parent = parent;
    child->next = first;
    child->prev = NULL;
    first->prev = child;
    parent->first = child;
    parent->nchildren++;
}

/* The cover's fields in reading order, in three groups a style sheet can
 * lay out as wholes: the head (who publishes it, what it is), the details
 * (who wrote it, when, which version) and the classification. */
static const char *const cover_head[] = {"organization", "title", "subtitle"};
static const char *const cover_details[] = {"author", "date", "version"};

static const doc_meta *meta_find(const doc_document *doc, const char *key)
{
    for (const doc_meta *m = doc->meta; m; m = m->next)
        if (strcmp(m->key, key) == 0 && m->value && *m->value)
            return m;
    return NULL;
}

static doc_node *cover_group(arena *a, doc_document *doc, doc_node *box, const char *cls,
                             const char *const *fields, size_t n)
{
    doc_node *group = NULL;
    for (size_t i = 0; i < n; i++) {
        const doc_meta *m = meta_find(doc, fields[i]);
        if (!m)
            continue;
        if (!group) {
            group = doc_new(a, doc, DOC_CONTAINER, doc->root->pos);
            group->u.container.name = cls;
            doc_add_class(a, group, cls);
            doc_append(box, group);
        }
        doc_append(group, text_para(a, doc, fields[i], m->value, m->pos));
    }
    return group;
}

/* The cover (or, with cover: false, a title block at the top of the body):
 * div.cover > div.cover-head (p.organization, p.title, p.subtitle),
 * div.cover-details (p.author, p.date, p.version), p.classification. */
static doc_node *make_cover(arena *a, doc_document *doc)
{
    const char *title = doc_meta_get(doc, "title");
    if (!title || !*title)
        return NULL;
    bool cover = !meta_false(doc, "cover");
    doc_node *box = doc_new(a, doc, DOC_CONTAINER, doc->root->pos);
    box->u.container.name = cover ? "cover" : "title-block";
    doc_add_class(a, box, box->u.container.name);
    cover_group(a, doc, box, "cover-head", cover_head, COUNT_OF(cover_head));
    cover_group(a, doc, box, "cover-details", cover_details, COUNT_OF(cover_details));
    const doc_meta *cl = meta_find(doc, "classification");
    if (cl)
        doc_append(box, text_para(a, doc, "classification", cl->value, cl->pos));
    insert_first(doc->root, box);
    return box;
}

static void make_contents(arena *a, diag *d, doc_document *doc, doc_node *after)
{
    /* a dossier (front matter with a title) gets contents unless it says
     * toc: false; a plain Markdown file only when it asks for them */
    if (meta_false(doc, "toc") || (!doc_meta_get(doc, "title") && !doc_meta_get(doc, "toc")))
        return;
    int depth = 2;
    const char *dv = doc_meta_get(doc, "toc-depth");
    if (dv) {
        char *end;
        long v = strtol(dv, &end, 10);
        doc_meta *m = doc->meta;
        while (m && strcmp(m->key, "toc-depth") != 0)
            m = m->next;
        if (*end || v < 1 || v > 6)
            WARN(d, m ? m->pos : doc->root->pos, "toc-depth must be a number from 1 to 6; using 2");
        else
            depth = (int)v;
    }
    doc_node *box = doc_new(a, doc, DOC_CONTAINER, doc->root->pos);
    box->u.container.name = "toc";
    doc_add_class(a, box, "toc");
    /* the title is toc-title, else the style sheet's (div.toc >
     * header.title:empty::before), in the document's language */
    const char *title = doc_meta_get(doc, "toc-title");
    doc_node *cap = doc_new(a, doc, DOC_CAPTION, doc->root->pos);
    doc_add_class(a, cap, "title");
    if (title && *title) {
        doc_node *t = doc_new(a, doc, DOC_TEXT, doc->root->pos);
        t->text = title;
        t->len = strlen(t->text);
        doc_append(cap, t);
    }
    doc_append(box, cap);
    box->u.container.title = title;
    int entries = 0;
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_HEADING || n->u.heading.level > depth)
            continue;
        /* headings inside boxes (summaries, notes) are not chapters */
        if (n->parent != doc->root)
            continue;
        /* a heading wholly withheld (public edition) is not listed */
        if (doc_has_class(n, "withheld-entirely"))
            continue;
        doc_node *p = doc_new(a, doc, DOC_PARAGRAPH, n->pos);
        doc_add_class(a, p, "toc-entry");
        doc_add_class(a, p, arena_printf(a, "toc-level-%d", n->u.heading.level));
        doc_node *link = doc_new(a, doc, DOC_LINK, n->pos);
        link->u.link.url = arena_printf(a, "#%s", n->u.heading.id);
        link->u.link.title = "";
        strbuf sb;
        sb_init(&sb, a);
        entry_ctx ectx = {a, doc, link};
        doc_put_plain_text(&sb, n, keep_redacted, &ectx);
        flush_entry_text(a, doc, link, &sb, n->pos);
        doc_append(p, link);
        doc_append(box, p);
        entries++;
    }
    if (entries == 0)
        return;
    if (after)
        doc_insert_after(after, box);
    else
        insert_first(doc->root, box);
}

/* Several inputs are chapters: the first block of each input after the
 * first gets the class chapter-start, which the style sheet can break
 * a page before. */
static void mark_chapters(arena *a, doc_document *doc)
{
    const char *file = NULL;
    for (doc_node *n = doc->root->first; n; n = n->next) {
        if (n->kind == DOC_FOOTNOTE_DEF || !n->pos.file)
            continue;
        if (file && strcmp(file, n->pos.file) != 0)
            doc_add_class(a, n, "chapter-start");
        file = n->pos.file;
    }
}

void structure_finish(arena *a, diag *d, doc_document *doc)
{
    inline_extensions(a, d, doc);
    mark_chapters(a, doc);
    assign_heading_ids(a, doc);
    make_figures(a, d, doc);
    make_alerts(a, doc);
    resolve_references(a, d, doc);
    number_footnotes(a, d, doc);
    doc_node *cover = make_cover(a, doc);
    make_contents(a, d, doc, cover);
    /* last, so that the contents' entries get their quotations too */
    if (!meta_false(doc, "smart-quotes"))
        smart_quotes(a, doc);
    doc_finish(doc);
}
