/* Labels and cross-references: MyST's "(label)=" line before a block,
 * the anchors directives and HTML give blocks (:name:, {#id}, id="…"),
 * and {ref} links, which take their target's title as text when they
 * have none of their own. Runs once every heading has its id. */
#include "parse_internal.h"

#include <string.h>

/* "(label)=" as a line of its own: MyST's target. */
static const char *label_line(arena *a, const doc_node *t)
{
    if (!t || t->kind != DOC_TEXT)
        return NULL;
    const char *s = t->text;
    size_t n = t->len;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n < 4 || s[0] != '(' || s[n - 2] != ')' || s[n - 1] != '=')
        return NULL;
    for (size_t i = 1; i < n - 2; i++)
        if (s[i] == ' ' || s[i] == '(' || s[i] == ')')
            return NULL;
    return arena_strndup(a, s + 1, n - 3);
}

static void name_block(diag *d, doc_node *target, const char *label, srcpos at)
{
    if (!target)
        WARN(d, at, "label '(%s)=' has no block after it to name; it names nothing", label);
    else if (target->anchor)
        WARN(d, at, "label '(%s)=' names a block that already has the label '%s'; it is not used", label, target->anchor);
    else
        target->anchor = label;
}

/* A target line alone names the next block; one that opens a paragraph
 * (no blank line after it, as MyST allows) names that paragraph. */
static void take_targets(arena *a, diag *d, doc_document *doc)
{
    doc_node *n = doc->root;
    while (n) {
        const char *label = n->kind == DOC_PARAGRAPH ? label_line(a, n->first) : NULL;
        if (!label) {
            n = doc_next_preorder(n, doc->root);
            continue;
        }
        srcpos at = n->first->pos;
        if (n->first == n->last) {
            doc_node *after = n->next ? n->next : doc_next_preorder(n, doc->root);
            name_block(d, n->next, label, at);
            doc_remove(n);
            n = after;
            continue;
        }
        doc_remove(n->first);
        if (n->first && n->first->kind == DOC_SOFTBREAK) {
            doc_remove(n->first);
            name_block(d, n, label, at);
        } else {
            WARN(d, at, "label '(%s)=' must stand on a line of its own; it names nothing", label);
        }
    }
}

/* Content its parent places (inline content, table rows, cells and
 * captions): an anchor there marks the block around it. */
static bool placed_by_parent(doc_kind k)
{
    return doc_is_inline(k) || k == DOC_TABLE_ROW || k == DOC_TABLE_CELL || k == DOC_CAPTION;
}

/* Moves every anchor to a block the page builder places on its own:
 * up from a span, a cell or a caption; down from a list item or a note
 * to their first block. One already labelled keeps its own label. */
static void settle_anchors(diag *d, doc_document *doc)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (!n->anchor)
            continue;
        doc_node *home = n;
        while (home && placed_by_parent(home->kind))
            home = home->parent;
        while (home && (home->kind == DOC_ITEM || home->kind == DOC_FOOTNOTE_DEF) && home->first &&
               !placed_by_parent(home->first->kind))
            home = home->first;
        if (home && (home->kind == DOC_ITEM || home->kind == DOC_FOOTNOTE_DEF)) {
            WARN(d, n->pos, "the label '%s' is on a list item or note without a block to hold it; links with it are not made",
                 n->anchor);
            n->anchor = NULL;
            continue;
        }
        if (home == n)
            continue;
        if (home && !home->anchor)
            home->anchor = n->anchor;
        else
            WARN(d, n->pos, "the label '%s' is inside a block labelled '%s'; links with it are not made", n->anchor,
                 home ? home->anchor : "");
        n->anchor = NULL;
    }
}

/* Every name a link can go to: heading ids, then anchors. A second block
 * with a name already taken keeps it but is not reached. */
static void collect_names(diag *d, doc_document *doc, hmap *names)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root))
        if (n->kind == DOC_HEADING && n->u.heading.id)
            hmap_put(names, n->u.heading.id, strlen(n->u.heading.id), n);
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (!n->anchor)
            continue;
        doc_node *first = hmap_get(names, n->anchor, strlen(n->anchor));
        if (first && first != n)
            WARN(d, n->pos, "the label '%s' is already used at line %d; links with it go there", n->anchor,
                 first->pos.line);
        else
            hmap_put(names, n->anchor, strlen(n->anchor), n);
    }
}

/* What a reference to n reads: a heading's text, a caption, a box's title. */
static const char *title_of(arena *a, const doc_node *n)
{
    if (n->kind == DOC_HEADING)
        return doc_plain_text(a, n);
    for (const doc_node *c = n->first; c; c = c->next)
        if (c->kind == DOC_CAPTION || (c->kind == DOC_CONTAINER && doc_has_class(c, "caption")))
            return doc_plain_text(a, c);
    if (n->kind == DOC_CONTAINER && n->u.container.title && *n->u.container.title)
        return n->u.container.title;
    return NULL;
}

static doc_node *text_node(arena *a, doc_document *doc, const char *s, srcpos at)
{
    doc_node *t = doc_new(a, doc, DOC_TEXT, at);
    t->text = s;
    t->len = strlen(s);
    return t;
}

static void fill_references(arena *a, diag *d, doc_document *doc, hmap *names)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_LINK || !doc_has_class(n, "xref"))
            continue;
        const char *label = n->u.link.url + 1;
        const doc_node *target = hmap_get(names, label, strlen(label));
        if (!target) {
            WARN(d, n->pos, "{ref} to '%s', but nothing has that label; its text is kept without a link", label);
            /* the words stay, the link goes: a dead link would warn again */
            if (!n->first)
                doc_append(n, text_node(a, doc, label, n->pos));
            n->kind = DOC_HTML_INLINE;
            n->tag = "span";
            continue;
        }
        if (n->first)
            continue;
        const char *title = title_of(a, target);
        if (!title || !*title) {
            WARN(d, n->pos, "{ref} to '%s' has no text, and its target no title or caption to take; the label is printed",
                 label);
            title = label;
        }
        doc_append(n, text_node(a, doc, title, n->pos));
    }
}

void resolve_references(arena *a, diag *d, doc_document *doc)
{
    take_targets(a, d, doc);
    settle_anchors(d, doc);
    hmap names;
    hmap_init(&names, a);
    collect_names(d, doc, &names);
    fill_references(a, d, doc, &names);
}
