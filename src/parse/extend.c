/* Inline syntax of pandoc and MyST that cmark-gfm reads as plain text,
 * recognised on the tree: roles ({sub}`x`), bracketed spans ([text]{.c}),
 * heading attributes (# Title {#id .c}), ^superscript^ and ~subscript~,
 * math ($x$, $$x$$) and definition lists (Term / : Definition). */
#include "parse_internal.h"

#include <ctype.h>
#include <string.h>

/* ---- shared ------------------------------------------------------------ */

static doc_node *new_text(arena *a, doc_document *doc, const char *s, size_t n, srcpos at)
{
    doc_node *t = doc_new(a, doc, DOC_TEXT, at);
    t->text = arena_strndup(a, s, n);
    t->len = n;
    return t;
}

/* Splits a text node at byte `at`: the node keeps the head, the tail is a
 * new node after it (returned). */
static doc_node *split_text(arena *a, doc_document *doc, doc_node *t, size_t at)
{
    doc_node *tail = new_text(a, doc, t->text + at, t->len - at, t->pos);
    t->len = at;
    t->text = arena_strndup(a, t->text, at);
    doc_insert_after(t, tail);
    return tail;
}

/* Adjacent text nodes joined (cmark splits text at brackets). */
static void merge_texts(arena *a, doc_node *parent)
{
    for (doc_node *c = parent->first; c;) {
        doc_node *next = c->next;
        if (c->kind == DOC_TEXT && next && next->kind == DOC_TEXT) {
            c->text = arena_printf(a, "%.*s%.*s", (int)c->len, c->text, (int)next->len, next->text);
            c->len += next->len;
            doc_remove(next);
            continue;
        }
        c = next;
    }
}

/* Pandoc attributes "{#id .class key=value}" at s: applies classes and
 * lang and dir to n (id to a heading); false when s is not such a block. */
static bool read_attributes(arena *a, const char *s, size_t n, doc_node *target, bool apply)
{
    if (n < 2 || s[0] != '{' || s[n - 1] != '}')
        return false;
    const char *p = s + 1, *end = s + n - 1;
    bool any = false;
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        const char *w = p;
        while (p < end && *p != ' ')
            p++;
        if (p == w)
            break;
        size_t wl = (size_t)(p - w);
        if (*w == '.' && wl > 1) {
            if (apply)
                doc_add_class(a, target, arena_strndup(a, w + 1, wl - 1));
        } else if (*w == '#' && wl > 1) {
            if (apply && target->kind == DOC_HEADING)
                target->u.heading.id = arena_strndup(a, w + 1, wl - 1);
        } else if (wl == 1 && *w == '-') {
            if (apply)
                doc_add_class(a, target, "unnumbered");
        } else if (memchr(w, '=', wl)) {
            if (apply && wl > 5 && strncmp(w, "lang=", 5) == 0) {
                const char *v = w + 5;
                size_t vl = wl - 5;
                if (vl >= 2 && (*v == '"' || *v == '\'')) {
                    v++;
                    vl -= 2;
                }
                target->lang = arena_strndup(a, v, vl);
            } else if (apply && wl > 4 && strncmp(w, "dir=", 4) == 0) {
                target->dir = doc_dir_value(w + 4, wl - 4);
            }
        } else {
            return false;
        }
        any = true;
    }
    return any;
}

/* ---- heading attributes ------------------------------------------------ */

static void heading_attributes(arena *a, doc_node *h)
{
    doc_node *last = h->last;
    if (!last || last->kind != DOC_TEXT || !last->len || last->text[last->len - 1] != '}')
        return;
    const char *open = NULL;
    for (size_t i = last->len; i-- > 0;)
        if (last->text[i] == '{') {
            open = last->text + i;
            break;
        }
    if (!open || (open > last->text && open[-1] != ' '))
        return;
    size_t n = (size_t)(last->text + last->len - open);
    if (!read_attributes(a, open, n, h, false))
        return;
    read_attributes(a, open, n, h, true);
    size_t keep = (size_t)(open - last->text);
    while (keep && last->text[keep - 1] == ' ')
        keep--;
    last->len = keep;
    if (!keep)
        doc_remove(last);
}

/* ---- bracketed spans --------------------------------------------------- */

/* "[text]{.class}" inside `parent`'s inlines becomes a span. */
static void bracketed_spans(arena *a, doc_document *doc, doc_node *parent)
{
    for (doc_node *c = parent->first; c; c = c->next) {
        if (c->kind != DOC_TEXT)
            continue;
        const char *close = NULL;
        size_t attr_len = 0;
        for (size_t i = 0; i + 1 < c->len; i++) {
            if (c->text[i] == ']' && c->text[i + 1] == '{') {
                const char *end = memchr(c->text + i + 1, '}', c->len - i - 1);
                if (end && read_attributes(a, c->text + i + 1, (size_t)(end - (c->text + i + 1)) + 1, NULL, false)) {
                    close = c->text + i;
                    attr_len = (size_t)(end - close);
                    break;
                }
            }
        }
        if (!close)
            continue;
        /* the opening bracket: in this node before the close, or in an
         * earlier text sibling */
        doc_node *open_node = NULL;
        size_t open_at = 0;
        for (size_t i = (size_t)(close - c->text); i-- > 0;)
            if (c->text[i] == '[') {
                open_node = c;
                open_at = i;
                break;
            }
        for (doc_node *s = c->prev; !open_node && s; s = s->prev) {
            if (s->kind != DOC_TEXT)
                continue;
            for (size_t i = s->len; i-- > 0;)
                if (s->text[i] == '[') {
                    open_node = s;
                    open_at = i;
                    break;
                }
        }
        if (!open_node)
            continue;
        size_t close_at = (size_t)(close - c->text);
        doc_node *span = doc_new(a, doc, DOC_HTML_INLINE, open_node->pos);
        span->tag = "span";
        read_attributes(a, close + 1, attr_len, span, true);
        /* cut: [open_node head]"[" ... "]{attrs}"[c tail] */
        doc_node *after = split_text(a, doc, c, close_at);        /* "]{...}tail" */
        after->text += 1 + attr_len;
        after->len -= 1 + attr_len;
        doc_node *inner_first;
        if (open_node == c) {
            inner_first = split_text(a, doc, c, open_at); /* "[inner" */
        } else {
            inner_first = split_text(a, doc, open_node, open_at);
        }
        inner_first->text += 1;
        inner_first->len -= 1;
        doc_insert_before(inner_first, span);
        while (span->next != after) {
            doc_node *m = span->next;
            doc_remove(m);
            if (m->kind == DOC_TEXT && !m->len)
                continue;
            doc_append(span, m);
        }
        if (!after->len)
            doc_remove(after);
        c = span;
    }
}

/* ---- ^superscript^, ~subscript~ ---------------------------------------- */

/* A delimited run inside one text node: no white space inside (pandoc's
 * rule for ^ and ~). ($math$ is found by the parser: see math.c.) */
static bool find_delimited(const char *s, size_t n, char delim, size_t *from, size_t *to)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != delim || (i > 0 && s[i - 1] == '\\'))
            continue;
        if (i + 1 >= n || s[i + 1] == ' ' || s[i + 1] == delim)
            continue;
        for (size_t k = i + 1; k < n; k++) {
            if (s[k] == ' ' || s[k] == '\t')
                break;
            if (s[k] == delim) {
                *from = i;
                *to = k;
                return true;
            }
        }
    }
    return false;
}

void parse_math_warning(diag *d, srcpos at)
{
    diag_once(d, "math-not-typeset", DIAG_WARNING, at,
              "math is not typeset yet: it is set as written, in the code face (said once per document)");
}

static void inline_marks(arena *a, doc_document *doc, doc_node *parent)
{
    static const struct { char delim; const char *tag; } marks[] = {{'^', "sup"}, {'~', "sub"}};
    for (doc_node *c = parent->first; c; c = c->next) {
        if (c->kind != DOC_TEXT)
            continue;
    again:
        for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
            size_t from, to;
            if (!find_delimited(c->text, c->len, marks[m].delim, &from, &to))
                continue;
            doc_node *rest = split_text(a, doc, c, to + 1);
            doc_node *inner = split_text(a, doc, c, from);
            doc_node *node = doc_new(a, doc, DOC_HTML_INLINE, inner->pos);
            node->tag = marks[m].tag;
            doc_append(node, new_text(a, doc, inner->text + 1, inner->len - 2, inner->pos));
            doc_insert_after(inner, node);
            doc_remove(inner);
            if (!rest->len)
                doc_remove(rest);
            /* the head may hold another kind of mark; the rest is the
             * next sibling but one */
            goto again;
        }
    }
}

/* ---- roles ------------------------------------------------------------- */

/* MyST's roles, {name}`text`: a table of names to handlers, each turning
 * the code span that holds the text into what the role means. */
typedef doc_node *(*role_fn)(arena *a, diag *d, doc_document *doc, doc_node *code);

static doc_node *replace_code(arena *a, doc_document *doc, doc_node *code, const char *tag)
{
    doc_node *n = doc_new(a, doc, DOC_HTML_INLINE, code->pos);
    n->tag = tag;
    doc_append(n, new_text(a, doc, code->text, code->len, code->pos));
    doc_insert_after(code, n);
    doc_remove(code);
    return n;
}

static doc_node *role_sub(arena *a, diag *d, doc_document *doc, doc_node *code)
{
    (void)d;
    return replace_code(a, doc, code, "sub");
}

static doc_node *role_sup(arena *a, diag *d, doc_document *doc, doc_node *code)
{
    (void)d;
    return replace_code(a, doc, code, "sup");
}

/* {abbr}`OSCE (Organization for Security and Co-operation in Europe)` */
static doc_node *role_abbr(arena *a, diag *d, doc_document *doc, doc_node *code)
{
    (void)d;
    const char *s = code->text;
    size_t n = code->len;
    const char *open = n && s[n - 1] == ')' ? memchr(s, '(', n) : NULL;
    if (!open)
        return replace_code(a, doc, code, "abbr");
    size_t short_len = (size_t)(open - s);
    while (short_len && s[short_len - 1] == ' ')
        short_len--;
    doc_node *abbr = doc_new(a, doc, DOC_HTML_INLINE, code->pos);
    abbr->tag = "abbr";
    doc_append(abbr, new_text(a, doc, s, short_len, code->pos));
    doc_node *title = doc_new(a, doc, DOC_HTML_INLINE, code->pos);
    title->tag = "span";
    doc_add_class(a, title, "title");
    doc_append(title, new_text(a, doc, open + 1, (size_t)(s + n - 1 - (open + 1)), code->pos));
    doc_append(abbr, title);
    doc_insert_after(code, abbr);
    doc_remove(code);
    return abbr;
}

static doc_node *role_math(arena *a, diag *d, doc_document *doc, doc_node *code)
{
    (void)doc;
    doc_add_class(a, code, "math");
    parse_math_warning(d, code->pos);
    return code;
}

/* {ref}`label` and {ref}`text <label>` (also {numref}, {eq}): a link to
 * the block with that label; without text of its own, xref.c gives it
 * the target's title once every label is known. */
static doc_node *role_ref(arena *a, diag *d, doc_document *doc, doc_node *code)
{
    (void)d;
    const char *s = code->text;
    size_t n = code->len;
    const char *label = s, *text = NULL;
    size_t label_len = n, text_len = 0;
    const char *open = NULL;
    for (size_t i = n > 2 && s[n - 1] == '>' ? n - 1 : 0; i > 0 && !open; i--)
        if (s[i - 1] == '<')
            open = s + i - 1;
    if (open) {
        text = s;
        text_len = (size_t)(open - s);
        while (text_len && s[text_len - 1] == ' ')
            text_len--;
        label = open + 1;
        label_len = (size_t)(s + n - 1 - label);
    }
    doc_node *link = doc_new(a, doc, DOC_LINK, code->pos);
    link->u.link.url = arena_printf(a, "#%.*s", (int)label_len, label);
    link->u.link.title = "";
    doc_add_class(a, link, "xref");
    if (text_len)
        doc_append(link, new_text(a, doc, text, text_len, code->pos));
    doc_insert_after(code, link);
    doc_remove(code);
    return link;
}

static const struct {
    const char *name;
    role_fn fn;
} roles[] = {
    {"sub", role_sub}, {"subscript", role_sub}, {"sup", role_sup}, {"superscript", role_sup},
    {"abbr", role_abbr}, {"math", role_math}, {"ref", role_ref}, {"numref", role_ref}, {"eq", role_ref},
};

static bool role_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':';
}

static void apply_roles(arena *a, diag *d, doc_document *doc, doc_node *parent)
{
    for (doc_node *c = parent->first; c; c = c->next) {
        if (c->kind != DOC_CODE || !c->prev || c->prev->kind != DOC_TEXT)
            continue;
        doc_node *t = c->prev;
        if (!t->len || t->text[t->len - 1] != '}')
            continue;
        size_t i = t->len - 1;
        while (i > 0 && role_name_char(t->text[i - 1]))
            i--;
        if (i == 0 || t->text[i - 1] != '{' || i == t->len - 1)
            continue;
        char *name = arena_strndup(a, t->text + i, t->len - 1 - i);
        t->len = i - 1;
        doc_node *prev = c->prev;
        size_t k = 0;
        for (; k < sizeof roles / sizeof roles[0]; k++)
            if (strcmp(roles[k].name, name) == 0)
                break;
        if (k < sizeof roles / sizeof roles[0]) {
            c = roles[k].fn(a, d, doc, c);
        } else {
            WARN(d, c->pos, "unknown role {%s}; its text is kept as written", name);
            doc_node *plain = new_text(a, doc, c->text, c->len, c->pos);
            doc_insert_after(c, plain);
            doc_remove(c);
            c = plain;
        }
        if (!prev->len)
            doc_remove(prev);
    }
}

/* ---- display math and definition lists ---------------------------------- */

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return false;
    return true;
}

/* A paragraph that is one $$…$$ span (markdown.c's math extension made it
 * a code node, its text as written) is display math: a code block. */
static void display_math(arena *a, doc_node *p)
{
    doc_node *span = NULL;
    for (doc_node *c = p->first; c; c = c->next) {
        if (c->kind == DOC_CODE && !span && doc_has_class(c, "math-display"))
            span = c;
        else if (!(c->kind == DOC_SOFTBREAK || (c->kind == DOC_TEXT && blank(c->text, c->len))))
            return;
    }
    if (!span)
        return;
    const char *s = span->text;
    size_t len = span->len;
    while (len && (*s == '\n' || *s == ' ')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
        len--;
    while (p->first)
        doc_remove(p->first);
    p->kind = DOC_CODE_BLOCK;
    p->u.code.info = "math";
    p->text = arena_printf(a, "%.*s\n", (int)len, s);
    p->len = len + 1;
    doc_add_class(a, p, "math");
}

static bool starts_definition(const doc_node *first)
{
    return first && first->kind == DOC_TEXT && first->len >= 2 && first->text[0] == ':' &&
           (first->text[1] == ' ' || first->text[1] == '\t');
}

/* Moves p's inlines from `from` up to a soft break (or the end) into a
 * new paragraph named tag; returns the node after the break. */
static doc_node *take_line(arena *a, doc_document *doc, doc_node *from, doc_node *into)
{
    doc_node *c = from;
    while (c && c->kind != DOC_SOFTBREAK) {
        doc_node *next = c->next;
        doc_remove(c);
        doc_append(into, c);
        c = next;
    }
    if (c) {
        doc_node *next = c->next;
        doc_remove(c);
        return next;
    }
    (void)a;
    (void)doc;
    return NULL;
}

static doc_node *named_paragraph(arena *a, doc_document *doc, const char *tag, srcpos at)
{
    doc_node *p = doc_new(a, doc, DOC_PARAGRAPH, at);
    p->tag = tag;
    return p;
}

static void strip_colon(doc_node *first)
{
    size_t k = 1;
    while (k < first->len && (first->text[k] == ' ' || first->text[k] == '\t'))
        k++;
    first->text += k;
    first->len -= k;
}

/* Pandoc's definition lists: a term line, then lines opening with ": "
 * (in the same paragraph, or the next one). */
/* Returns the block to look at next. */
static doc_node *definition_list(arena *a, doc_document *doc, doc_node *p)
{
    doc_node *second = NULL;
    for (doc_node *c = p->first; c; c = c->next)
        if (c->kind == DOC_SOFTBREAK) {
            second = c->next;
            break;
        }
    bool tight = second && starts_definition(second) && !starts_definition(p->first);
    bool loose = !second && p->next && p->next->kind == DOC_PARAGRAPH && starts_definition(p->next->first) &&
                 !starts_definition(p->first);
    if (!tight && !loose)
        return p->next;
    doc_node *dl;
    if (p->prev && p->prev->kind == DOC_CONTAINER && p->prev->tag && strcmp(p->prev->tag, "dl") == 0) {
        dl = p->prev;
    } else {
        dl = doc_new(a, doc, DOC_CONTAINER, p->pos);
        dl->tag = "dl";
        dl->u.container.name = "dl";
        doc_insert_before(p, dl);
    }
    doc_node *dt = named_paragraph(a, doc, "dt", p->pos);
    doc_append(dl, dt);
    if (tight) {
        doc_node *c = take_line(a, doc, p->first, dt);
        while (c) {
            doc_node *dd = named_paragraph(a, doc, "dd", c->pos);
            doc_append(dl, dd);
            if (starts_definition(c))
                strip_colon(c);
            c = take_line(a, doc, c, dd);
        }
        doc_remove(p);
        return dl->next;
    }
    take_line(a, doc, p->first, dt);
    doc_node *q = p->next;
    doc_remove(p);
    while (q && q->kind == DOC_PARAGRAPH && starts_definition(q->first)) {
        doc_node *next = q->next;
        strip_colon(q->first);
        q->tag = "dd";
        doc_remove(q);
        doc_append(dl, q);
        q = next;
    }
    return dl->next;
}

/* ---- the pass ---------------------------------------------------------- */

void inline_extensions(arena *a, diag *d, doc_document *doc)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (doc_is_inline(n->kind) || n->kind == DOC_CODE_BLOCK)
            continue;
        /* blocks with inline children */
        bool inlines = n->first && doc_is_inline(n->first->kind);
        if (!inlines)
            continue;
        merge_texts(a, n);
        if (n->kind == DOC_HEADING)
            heading_attributes(a, n);
        if (n->kind == DOC_PARAGRAPH && !n->tag) {
            display_math(a, n);
            if (n->kind != DOC_PARAGRAPH)
                continue;
        }
        apply_roles(a, d, doc, n);
        bracketed_spans(a, doc, n);
        for (doc_node *c = n; c; c = doc_next_preorder(c, n))
            if (c->first && doc_is_inline(c->first->kind) && c->kind != DOC_CODE)
                inline_marks(a, doc, c);
    }
    /* definition lists change the block structure: a pass of their own,
     * over the blocks that hold blocks, gathered first */
    vec holders;
    vec_init(&holders, sizeof(doc_node *));
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root))
        if (!doc_is_inline(n->kind) && n->first && !doc_is_inline(n->first->kind))
            *VEC_PUSH(a, &holders, doc_node *) = n;
    for (size_t i = 0; i < holders.len; i++)
        for (doc_node *c = VEC_AT(&holders, doc_node *, i)->first; c;)
            c = c->kind == DOC_PARAGRAPH && !c->tag ? definition_list(a, doc, c) : c->next;
}
