/* Building and reading the document tree. */
#include "doc.h"

#include <string.h>
#include <strings.h>

static const char *const kind_names[DOC_KIND_COUNT] = {
    [DOC_DOCUMENT] = "document",       [DOC_HEADING] = "heading",
    [DOC_PARAGRAPH] = "paragraph",     [DOC_LIST] = "list",
    [DOC_ITEM] = "item",               [DOC_BLOCKQUOTE] = "blockquote",
    [DOC_CODE_BLOCK] = "code_block",   [DOC_THEMATIC_BREAK] = "thematic_break",
    [DOC_TABLE] = "table",             [DOC_TABLE_ROW] = "row",
    [DOC_TABLE_CELL] = "cell",         [DOC_CAPTION] = "caption",
    [DOC_FIGURE] = "figure",           [DOC_CONTAINER] = "container",
    [DOC_CHART] = "chart",             [DOC_FOOTNOTE_DEF] = "footnote_def",
    [DOC_HTML_BLOCK] = "html_block",   [DOC_TEXT] = "text",
    [DOC_EMPH] = "emph",               [DOC_STRONG] = "strong",
    [DOC_STRIKE] = "strikethrough",    [DOC_CODE] = "code",
    [DOC_LINK] = "link",               [DOC_IMAGE] = "image",
    [DOC_FOOTNOTE_REF] = "footnote_ref", [DOC_SOFTBREAK] = "softbreak",
    [DOC_LINEBREAK] = "linebreak",     [DOC_HTML_INLINE] = "html_inline",
    [DOC_SPAN] = "span",
};

const char *doc_kind_name(doc_kind k)
{
    return (unsigned)k < DOC_KIND_COUNT ? kind_names[k] : "?";
}

bool doc_is_inline(doc_kind k)
{
    return k >= DOC_TEXT;
}

const char *doc_element_name(const doc_node *n)
{
    static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    if (n->tag)
        return n->tag;
    switch (n->kind) {
    case DOC_DOCUMENT: return "body";
    case DOC_HEADING: return h[(n->u.heading.level >= 1 && n->u.heading.level <= 6 ? n->u.heading.level : 6) - 1];
    case DOC_PARAGRAPH: return "p";
    case DOC_LIST: return n->u.list.ordered ? "ol" : "ul";
    case DOC_ITEM: return "li";
    case DOC_BLOCKQUOTE: return "blockquote";
    case DOC_CODE_BLOCK: return "pre";
    case DOC_THEMATIC_BREAK: return "hr";
    case DOC_TABLE: return "table";
    case DOC_TABLE_ROW: return "tr";
    case DOC_TABLE_CELL: return n->parent && n->parent->u.row.header ? "th" : "td";
    case DOC_CAPTION:
        if (n->parent && n->parent->kind == DOC_TABLE)
            return "caption";
        if (n->parent && n->parent->kind == DOC_CONTAINER)
            return "header";
        return "figcaption";
    case DOC_FIGURE: return "figure";
    case DOC_CONTAINER: return "div";
    case DOC_CHART: return "figure";
    case DOC_FOOTNOTE_DEF: return "aside";
    case DOC_HTML_BLOCK: return "pre";
    case DOC_TEXT: return "#text";
    case DOC_EMPH: return "em";
    case DOC_STRONG: return "strong";
    case DOC_STRIKE: return "del";
    case DOC_CODE: return "code";
    case DOC_LINK: return "a";
    case DOC_IMAGE: return "img";
    case DOC_FOOTNOTE_REF: return "sup";
    case DOC_SOFTBREAK: return "#soft";
    case DOC_LINEBREAK: return "br";
    case DOC_HTML_INLINE: return "code";
    case DOC_SPAN: return "span";
    default: return "?";
    }
}

doc_node *doc_new(arena *a, doc_document *d, doc_kind kind, srcpos pos)
{
    doc_node *n = ARENA_NEW(a, doc_node);
    n->kind = kind;
    n->id = d->node_count++;
    n->pos = pos;
    n->cls = "";
    n->text = "";
    return n;
}

void doc_append(doc_node *parent, doc_node *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    parent->nchildren++;
}

void doc_prepend(doc_node *parent, doc_node *child)
{
    child->parent = parent;
    child->prev = NULL;
    child->next = parent->first;
    if (parent->first)
        parent->first->prev = child;
    else
        parent->last = child;
    parent->first = child;
    parent->nchildren++;
}

void doc_remove(doc_node *n)
{
    doc_node *p = n->parent;
    if (!p)
        return;
    if (n->prev)
        n->prev->next = n->next;
    else
        p->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        p->last = n->prev;
    p->nchildren--;
    n->parent = n->next = n->prev = NULL;
}

void doc_insert_before(doc_node *before, doc_node *child)
{
    doc_node *p = before->parent;
    child->parent = p;
    child->next = before;
    child->prev = before->prev;
    if (before->prev)
        before->prev->next = child;
    else
        p->first = child;
    before->prev = child;
    p->nchildren++;
}

void doc_insert_after(doc_node *after, doc_node *child)
{
    doc_node *p = after->parent;
    child->parent = p;
    child->prev = after;
    child->next = after->next;
    if (after->next)
        after->next->prev = child;
    else
        p->last = child;
    after->next = child;
    p->nchildren++;
}

doc_node *doc_next_preorder(const doc_node *n, const doc_node *root)
{
    if (n->first)
        return n->first;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

void doc_finish(doc_document *d)
{
    int id = 0;
    for (doc_node *n = d->root; n; n = doc_next_preorder(n, d->root)) {
        n->id = id++;
        /* :nth-child counts elements, so text and breaks do not count;
         * a table's rows count apart from its captions, header rows apart
         * from body rows, as in HTML's thead and tbody: zebra stripes
         * start with the first body row whatever comes before it */
        int index = 0, head = 0, body = 0;
        for (doc_node *c = n->first; c; c = c->next) {
            if (c->kind == DOC_TEXT || c->kind == DOC_SOFTBREAK)
                c->index = 0;
            else if (c->kind == DOC_TABLE_ROW)
                c->index = c->u.row.header ? ++head : ++body;
            else
                c->index = ++index;
        }
    }
    d->node_count = id;
}

void doc_add_class(arena *a, doc_node *n, const char *cls)
{
    if (!cls || !*cls || doc_has_class(n, cls))
        return;
    n->cls = *n->cls ? arena_printf(a, "%s %s", n->cls, cls) : arena_strdup(a, cls);
}

void doc_add_input(arena *a, doc_document *d, const char *path)
{
    for (size_t i = 0; i < d->inputs.len; i++)
        if (strcmp(VEC_AT(&d->inputs, const char *, i), path) == 0)
            return;
    if (d->inputs.elem == 0)
        vec_init(&d->inputs, sizeof(const char *));
    *VEC_PUSH(a, &d->inputs, const char *) = arena_strdup(a, path);
}

const char *doc_dir_value(const char *v, size_t n)
{
    if (n >= 2 && (*v == '"' || *v == '\'') && v[n - 1] == *v) {
        v++;
        n -= 2;
    }
    if (n == 3 && strncasecmp(v, "rtl", 3) == 0)
        return "rtl";
    if (n == 3 && strncasecmp(v, "ltr", 3) == 0)
        return "ltr";
    return NULL;
}

bool doc_lang_valid(const char *s)
{
    /* a 2-3 letter language, then subtags of 1-8 letters or digits */
    size_t n = strlen(s), k = 0;
    if (n == 0 || n > 35)
        return false;
    while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
        k++;
    if (k < 2 || k > 3)
        return false;
    size_t run = 0;
    for (size_t i = k; i < n; i++) {
        char c = s[i];
        if (c == '-' || c == '_') {
            if (i + 1 == n || (i > k && run == 0))
                return false;
            run = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            if (i == k || ++run > 8)
                return false;
        } else {
            return false;
        }
    }
    return true;
}

bool doc_is_single_quotation(const doc_node *n)
{
    return n->kind == DOC_HTML_INLINE && n->tag && strcmp(n->tag, "q") == 0 && n->u.q.single;
}

bool doc_has_class(const doc_node *n, const char *cls)
{
    size_t len = strlen(cls);
    const char *s = n->cls;
    while (*s) {
        while (*s == ' ')
            s++;
        const char *e = s;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - s) == len && memcmp(s, cls, len) == 0)
            return true;
        s = e;
    }
    return false;
}

const char *doc_meta_get(const doc_document *d, const char *key)
{
    for (doc_meta *m = d->meta; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m->value;
    return NULL;
}

void doc_meta_set(arena *a, doc_document *d, const char *key, const char *value, srcpos pos,
                  bool replace)
{
    doc_meta **tail = &d->meta;
    for (doc_meta *m = d->meta; m; m = m->next) {
        if (strcmp(m->key, key) == 0) {
            if (replace) {
                m->value = arena_strdup(a, value);
                m->items = NULL;
                m->nitems = 0;
                m->pos = pos;
            }
            return;
        }
        tail = &m->next;
    }
    doc_meta *m = ARENA_NEW(a, doc_meta);
    m->key = arena_strdup(a, key);
    m->value = arena_strdup(a, value);
    m->pos = pos;
    *tail = m;
}

void doc_meta_set_items(doc_document *d, const char *key, const char **items, int nitems)
{
    for (doc_meta *m = d->meta; m; m = m->next)
        if (strcmp(m->key, key) == 0) {
            m->items = items;
            m->nitems = nitems;
            return;
        }
}

void doc_put_plain_text(strbuf *sb, const doc_node *n, doc_text_hook hook, void *ctx)
{
    for (const doc_node *c = n->first; c; c = c->next) {
        switch (c->kind) {
        case DOC_TEXT:
        case DOC_CODE:
        case DOC_IMAGE:
            sb_append(sb, c->text, c->len);
            break;
        case DOC_SOFTBREAK:
        case DOC_LINEBREAK:
            sb_putc(sb, ' ');
            break;
        case DOC_FOOTNOTE_REF:
            break; /* a note's number is not part of the heading's words */
        default:
            if (hook && hook(ctx, sb, c))
                break;
            if (c->kind == DOC_SPAN && !c->first)
                sb_append(sb, c->text, c->len); /* a span standing for text: withheld words' mark */
            else
                doc_put_plain_text(sb, c, hook, ctx);
        }
    }
}

char *doc_plain_text(arena *a, const doc_node *n)
{
    strbuf sb;
    sb_init(&sb, a);
    doc_put_plain_text(&sb, n, NULL, NULL);
    return sb.data;
}

/* GitHub's rule: lowercase; keep letters, digits, '-', '_' and spaces;
 * drop other punctuation; spaces become '-'. Letters beyond ASCII are kept
 * (Cyrillic headings get Cyrillic slugs), lowercased where we know how. */
static bool is_word_cp(uint32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    if (c == '-' || c == '_')
        return true;
    if (c < 0x80)
        return false;
    /* General punctuation, symbols and quotes are dropped like GitHub does. */
    if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F))
        return false;
    if (c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xB7 || (c >= 0xA1 && c <= 0xBF))
        return false;
    return true;
}

char *doc_slug(arena *a, const char *text)
{
    strbuf sb;
    sb_init(&sb, a);
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += (size_t)utf8_next(text + i, n - i, &c);
        if (c == ' ')
            sb_putc(&sb, '-');
        else if (is_word_cp(c))
            sb_put_cp(&sb, cp_lower(c));
    }
    return sb.data;
}
