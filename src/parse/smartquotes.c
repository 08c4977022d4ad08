/* Smart quotes: text between straight quotation marks ("..." and '...')
 * becomes a quotation, a `q` element, which the style sheet draws between
 * the marks of its language (`quotes`), by depth. Straight quotes pair as
 * CommonMark's smart punctuation pairs them (an opening mark before a
 * word, a closing one after it, both in the same element), with two
 * differences: an apostrophe inside a word (don't, O'Brien, п'ять) never
 * closes a quotation, and a mark between digits (5'11") stays as typed.
 * An apostrophe after a letter becomes the typographic one (’); a mark
 * that pairs with nothing stays as typed. Code, math, kbd and samp keep
 * every straight quote. `smart-quotes: false` in the front matter keeps
 * them all. */
#include "parse_internal.h"

#include <stdlib.h>
#include <string.h>

typedef enum { Q_KEEP, Q_OPEN, Q_CLOSE, Q_APOSTROPHE } mark_role;

typedef struct {
    doc_node *text;     /* the text node holding the mark */
    size_t at;          /* its byte offset there */
    size_t flat_at;     /* and in the block's flat text */
    int seq;            /* its place in the block */
    char ch;            /* '"' or '\'' */
    bool can_open, can_close;
    bool after_letter;
    mark_role role;
} mark;

typedef struct {
    arena *a;
    doc_document *doc;
    strbuf flat;        /* the block's text: breaks as spaces, code and images as a letter */
    vec marks;          /* mark */
} pass;

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

static bool is_punct(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7E);
    return c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB || c == 0xBF ||
           (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || (c >= 0x3001 && c <= 0x3003) ||
           (c >= 0x3008 && c <= 0x3011);
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* Elements whose text is typed, not set: their quotes stay straight, and
 * they stand in the text as a word. */
static bool is_verbatim(const doc_node *n)
{
    if (n->kind == DOC_CODE || n->kind == DOC_IMAGE || n->kind == DOC_FOOTNOTE_REF)
        return true;
    if (n->kind == DOC_SPAN && !n->first)
        return true; /* the mark of withheld text */
    return n->kind == DOC_HTML_INLINE && n->tag &&
           (strcmp(n->tag, "kbd") == 0 || strcmp(n->tag, "samp") == 0 || strcmp(n->tag, "code") == 0);
}

/* The block's inline text into p->flat; each straight quote found
 * recorded with its place. */
static void flatten(pass *p, doc_node *n)
{
    for (doc_node *ch = n->first; ch; ch = ch->next) {
        if (!doc_is_inline(ch->kind)) {
            sb_putc(&p->flat, ' ');
        } else if (ch->kind == DOC_TEXT) {
            size_t base = p->flat.len;
            sb_append(&p->flat, ch->text, ch->len);
            for (size_t i = 0; i < ch->len; i++) {
                if (ch->text[i] != '"' && ch->text[i] != '\'')
                    continue;
                mark *m = VEC_PUSH(p->a, &p->marks, mark);
                memset(m, 0, sizeof *m);
                m->text = ch;
                m->at = i;
                m->flat_at = base + i;
                m->seq = (int)p->marks.len - 1;
                m->ch = ch->text[i];
            }
        } else if (ch->kind == DOC_SOFTBREAK || ch->kind == DOC_LINEBREAK) {
            sb_putc(&p->flat, ' ');
        } else if (is_verbatim(ch)) {
            sb_putc(&p->flat, 'x');
        } else {
            flatten(p, ch);
        }
    }
}

static uint32_t cp_before(const strbuf *flat, size_t at)
{
    if (at == 0)
        return ' ';
    size_t k = at - 1;
    while (k > 0 && ((unsigned char)flat->data[k] & 0xC0) == 0x80)
        k--;
    uint32_t cp;
    utf8_next(flat->data + k, at - k, &cp);
    return cp;
}

static uint32_t cp_after(const strbuf *flat, size_t at)
{
    if (at + 1 >= flat->len)
        return ' ';
    uint32_t cp;
    utf8_next(flat->data + at + 1, flat->len - at - 1, &cp);
    return cp;
}

/* CommonMark's flanking rules for a quote, read around it in the block. */
static void classify(pass *p, mark *m)
{
    uint32_t before = cp_before(&p->flat, m->flat_at), after = cp_after(&p->flat, m->flat_at);
    bool space_before = is_space(before), space_after = is_space(after);
    bool punct_before = is_punct(before), punct_after = is_punct(after);
    m->after_letter = cp_is_letter(before);
    bool left = !space_after && (!punct_after || space_before || punct_before);
    bool right = !space_before && (!punct_before || space_after || punct_after);
    if (m->ch == '\'' && (cp_is_letter(before) || is_digit(before)) && cp_is_letter(after)) {
        m->role = Q_APOSTROPHE; /* inside a word */
        return;
    }
    if (is_digit(before) && is_digit(after))
        return; /* 5'11": a prime, as typed */
    m->can_open = left && !right && before != ']' && before != ')';
    m->can_close = right;
}

static int by_parent(const void *x, const void *y)
{
    const mark *a = x, *b = y;
    int pa = a->text->parent->id, pb = b->text->parent->id;
    if (pa != pb)
        return pa < pb ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Openers and closers of one element's text paired: a closer takes the
 * nearest opener of its kind, the openers above that one pair with
 * nothing. Returns whether anything is to change. */
static bool pair(mark *m, int n, int *stack)
{
    int depth = 0;
    bool change = false;
    for (int i = 0; i < n; i++) {
        if (m[i].role == Q_APOSTROPHE) {
            change = true;
            continue;
        }
        if (m[i].can_close) {
            int k = depth - 1;
            while (k >= 0 && m[stack[k]].ch != m[i].ch)
                k--;
            if (k >= 0) {
                m[stack[k]].role = Q_OPEN;
                m[i].role = Q_CLOSE;
                depth = k;
                change = true;
                continue;
            }
        }
        if (m[i].can_open)
            stack[depth++] = i;
    }
    /* a closing single quote left over after a letter is an apostrophe
     * (the students' rooms) */
    for (int i = 0; i < n; i++) {
        if (m[i].role == Q_KEEP && m[i].ch == '\'' && m[i].after_letter) {
            m[i].role = Q_APOSTROPHE;
            change = true;
        }
    }
    return change;
}

typedef struct {
    pass *p;
    doc_node *into;     /* where the next nodes go: the element, or the innermost open quotation */
    vec open;           /* doc_node *: quotations not yet closed */
    doc_node *parent;
    strbuf sb;          /* text not yet placed */
    srcpos pos;
} rebuild;

static void flush(rebuild *r)
{
    if (!r->sb.len)
        return;
    doc_node *t = doc_new(r->p->a, r->p->doc, DOC_TEXT, r->pos);
    t->text = arena_strndup(r->p->a, r->sb.data, r->sb.len);
    t->len = r->sb.len;
    doc_append(r->into, t);
    sb_init(&r->sb, r->p->a);
}

static void apply_mark(rebuild *r, const mark *m)
{
    switch (m->role) {
    case Q_KEEP:
        sb_putc(&r->sb, m->ch);
        break;
    case Q_APOSTROPHE:
        sb_puts(&r->sb, "\u2019");
        break;
    case Q_OPEN: {
        flush(r);
        doc_node *q = doc_new(r->p->a, r->p->doc, DOC_HTML_INLINE, r->pos);
        q->tag = "q";
        q->u.q.single = m->ch == '\'';
        doc_append(r->into, q);
        *VEC_PUSH(r->p->a, &r->open, doc_node *) = q;
        r->into = q;
        break;
    }
    case Q_CLOSE:
        flush(r);
        r->open.len--;
        r->into = r->open.len ? VEC_AT(&r->open, doc_node *, r->open.len - 1) : r->parent;
        break;
    }
}

/* One element's children again, its text split at the marks and the
 * quotations wrapped around what they hold. */
static void rebuild_children(pass *p, doc_node *parent, const mark *m, int n)
{
    vec kids;
    vec_init(&kids, sizeof(doc_node *));
    while (parent->first) {
        doc_node *ch = parent->first;
        doc_remove(ch);
        *VEC_PUSH(p->a, &kids, doc_node *) = ch;
    }
    rebuild r = {.p = p, .into = parent, .parent = parent};
    vec_init(&r.open, sizeof(doc_node *));
    sb_init(&r.sb, p->a);
    int k = 0;
    for (size_t i = 0; i < kids.len; i++) {
        doc_node *ch = VEC_AT(&kids, doc_node *, i);
        if (k >= n || m[k].text != ch) {
            doc_append(r.into, ch);
            continue;
        }
        r.pos = ch->pos;
        size_t from = 0;
        for (; k < n && m[k].text == ch; k++) {
            sb_append(&r.sb, ch->text + from, m[k].at - from);
            apply_mark(&r, &m[k]);
            from = m[k].at + 1;
        }
        sb_append(&r.sb, ch->text + from, ch->len - from);
        flush(&r);
    }
}

static void block_quotes(pass *p, doc_node *block)
{
    sb_init(&p->flat, p->a);
    vec_init(&p->marks, sizeof(mark));
    flatten(p, block);
    int n = (int)p->marks.len;
    if (n == 0)
        return;
    mark *m = p->marks.data;
    for (int i = 0; i < n; i++)
        classify(p, &m[i]);
    qsort(m, (size_t)n, sizeof *m, by_parent);
    int *stack = arena_alloc(p->a, sizeof(int) * (size_t)n);
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && m[j].text->parent == m[i].text->parent)
            j++;
        if (pair(m + i, j - i, stack))
            rebuild_children(p, m[i].text->parent, m + i, j - i);
        i = j;
    }
}

void smart_quotes(arena *a, doc_document *doc)
{
    pass p = {.a = a, .doc = doc};
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (doc_is_inline(n->kind) || n->kind == DOC_CODE_BLOCK || !n->first)
            continue;
        bool inline_children = false;
        for (doc_node *ch = n->first; ch && !inline_children; ch = ch->next)
            inline_children = doc_is_inline(ch->kind);
        if (inline_children)
            block_quotes(&p, n);
    }
}
