/* The redaction pass over the parsed tree and the front matter.
 *
 * Inline text is matched as a whole run per block (across emphasis,
 * links, soft breaks and code spans), so a name split by markup or a line
 * break is still one occurrence. In the public edition each occurrence
 * becomes one empty span.redacted whose mark is the style sheet's
 * (`.redacted::before`); its `text` holds the plain mark for the places
 * that take plain text (contents, outline, running heads). Literal text
 * (code blocks, chart labels, front-matter fields) gets the plain mark.
 * The review edition wraps each occurrence in span.withheld instead; the
 * full edition changes nothing but counts. */
#include "redact_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    redaction *r;
    diag *d;
    doc_document *doc;
    arena *a;
    hmap labels; /* footnote label -> replacement */
    int nlabels;
} pass;

typedef struct {
    size_t from, to; /* bytes in the run's numbering */
} occurrence;

typedef struct {
    doc_node *leaf;
    size_t base;
} leaf_at;

static bool is_public(const pass *p)
{
    return p->r->edition == EDITION_PUBLIC;
}

static doc_node *mark_span(pass *p, srcpos pos)
{
    doc_node *s = doc_new(p->a, p->doc, DOC_SPAN, pos);
    doc_add_class(p->a, s, "redacted");
    s->text = p->r->mark;
    s->len = strlen(s->text);
    return s;
}

static doc_node *withheld_span(pass *p, srcpos pos)
{
    doc_node *s = doc_new(p->a, p->doc, DOC_SPAN, pos);
    doc_add_class(p->a, s, "withheld");
    return s;
}

static bool is_mark(const doc_node *n)
{
    return n->kind == DOC_SPAN && (doc_has_class(n, "redacted") || doc_has_class(n, "withheld"));
}

static doc_node *clone_leaf(pass *p, const doc_node *leaf, size_t from, size_t to)
{
    doc_node *c = doc_new(p->a, p->doc, leaf->kind, leaf->pos);
    c->cls = leaf->cls;
    c->text = arena_strndup(p->a, leaf->text + from, to - from);
    c->len = to - from;
    return c;
}

/* Puts `node` where `old` is, `old` inside it (review) or gone (public). */
static void replace_node(pass *p, doc_node *old, srcpos pos)
{
    if (is_public(p)) {
        doc_insert_before(old, mark_span(p, pos));
        doc_remove(old);
    } else if (p->r->edition == EDITION_REVIEW) {
        doc_node *s = withheld_span(p, pos);
        doc_insert_before(old, s);
        doc_remove(old);
        doc_append(s, old);
    }
}

/* ---- {redact}`...` roles ----------------------------------------------- */

#define ROLE "{redact}"
#define ROLE_LEN (sizeof ROLE - 1)

/* cmark reads {redact}`Name` as text ending in "{redact}" and a code
 * span: the role's content is withheld where it stands and joins the
 * register, so its other occurrences are withheld too. */
static bool is_role(const doc_node *t)
{
    return t->kind == DOC_TEXT && t->len >= ROLE_LEN && memcmp(t->text + t->len - ROLE_LEN, ROLE, ROLE_LEN) == 0 &&
           t->next && t->next->kind == DOC_CODE;
}

static void take_roles(pass *p)
{
    vec roles;
    vec_init(&roles, sizeof(doc_node *));
    for (doc_node *n = p->doc->root; n; n = doc_next_preorder(n, p->doc->root))
        if (is_role(n))
            *VEC_PUSH(p->a, &roles, doc_node *) = n;
    for (size_t i = 0; i < roles.len; i++) {
        doc_node *t = VEC_AT(&roles, doc_node *, i);
        doc_node *code = t->next;
        t->len -= ROLE_LEN;
        code->kind = DOC_TEXT;
        reg_entry *e = register_add(p->r, code->text, code->len, code->pos, true);
        if (e && p->r->edition != EDITION_FULL) /* the full edition counts it with the text */
            e->count++;
        replace_node(p, code, code->pos);
    }
}

/* ---- {redact} blocks --------------------------------------------------- */

static bool is_redact_block(const doc_node *n)
{
    return n->kind == DOC_CONTAINER && n->u.container.name && strcmp(n->u.container.name, "redact") == 0;
}

/* The passage's text runs, for the self-check: each of at least twelve
 * letters (shorter ones are ordinary words that may occur anywhere). */
static void keep_passage_text(pass *p, doc_node *box)
{
    for (doc_node *n = box; n; n = doc_next_preorder(n, box)) {
        if (n->kind != DOC_TEXT && n->kind != DOC_CODE && n->kind != DOC_CODE_BLOCK)
            continue;
        needle nd;
        if (!needle_make(p->a, n->text, n->len, &nd))
            continue;
        size_t letters = nd.n - (size_t)(nd.nwords - 1);
        if (letters >= 12)
            *VEC_PUSH(p->a, &p->r->passages, needle) = nd;
    }
}

static bool inside_redact_block(const doc_node *n)
{
    for (const doc_node *a = n->parent; a; a = a->parent)
        if (is_redact_block(a))
            return true;
    return false;
}

static void take_blocks(pass *p)
{
    vec boxes;
    vec_init(&boxes, sizeof(doc_node *));
    for (doc_node *n = p->doc->root; n; n = doc_next_preorder(n, p->doc->root))
        if (is_redact_block(n) && !inside_redact_block(n))
            *VEC_PUSH(p->a, &boxes, doc_node *) = n;
    for (size_t i = 0; i < boxes.len; i++) {
        doc_node *box = VEC_AT(&boxes, doc_node *, i);
        p->r->passages_withheld++;
        keep_passage_text(p, box);
        if (is_public(p)) {
            while (box->first)
                doc_remove(box->first);
            box->u.container.title = NULL;
            doc_node *para = doc_new(p->a, p->doc, DOC_PARAGRAPH, box->pos);
            doc_add_class(p->a, para, "redacted-passage");
            doc_append(para, mark_span(p, box->pos));
            doc_append(box, para);
        } else if (p->r->edition == EDITION_REVIEW) {
            doc_add_class(p->a, box, "withheld");
        }
    }
}

/* ---- inline runs ------------------------------------------------------- */

/* The leaves of a block's inline content in order, folded as one text.
 * Images, notes and breaks part words; markup does not. */
static void collect_run(doc_node *n, vec *leaves, folded *f, size_t *base, arena *a)
{
    for (doc_node *c = n->first; c; c = c->next) {
        switch (c->kind) {
        case DOC_TEXT:
        case DOC_CODE:
        case DOC_HTML_INLINE: {
            leaf_at *l = VEC_PUSH(a, leaves, leaf_at);
            l->leaf = c;
            l->base = *base;
            fold_utf8(f, c->text, c->len, *base);
            *base += c->len;
            break;
        }
        case DOC_SOFTBREAK:
        case DOC_LINEBREAK: {
            /* a leaf of no text: dropped when inside an occurrence */
            leaf_at *l = VEC_PUSH(a, leaves, leaf_at);
            l->leaf = c;
            l->base = *base;
            fold_boundary(f, UNIT_SEP, *base);
            break;
        }
        case DOC_FOOTNOTE_REF:
        case DOC_IMAGE:
            fold_boundary(f, UNIT_SEP, *base);
            break;
        default:
            if (is_mark(c))
                fold_boundary(f, UNIT_SEP, *base);
            else if (doc_is_inline(c->kind))
                collect_run(c, leaves, f, base, a);
        }
    }
}

/* Rebuilds one leaf around the occurrences that touch it. */
static void split_leaf(pass *p, const leaf_at *l, const occurrence *occ, size_t nocc)
{
    doc_node *leaf = l->leaf;
    size_t pos = 0;
    for (size_t k = 0; k < nocc; k++) {
        size_t s = (occ[k].from > l->base ? occ[k].from : l->base) - l->base;
        size_t e = (occ[k].to < l->base + leaf->len ? occ[k].to : l->base + leaf->len) - l->base;
        if (s > pos)
            doc_insert_before(leaf, clone_leaf(p, leaf, pos, s));
        if (is_public(p)) {
            if (occ[k].from >= l->base) /* the occurrence's first piece holds the mark */
                doc_insert_before(leaf, mark_span(p, leaf->pos));
        } else {
            doc_node *span = withheld_span(p, leaf->pos);
            doc_append(span, clone_leaf(p, leaf, s, e));
            doc_insert_before(leaf, span);
        }
        pos = e;
    }
    if (pos < leaf->len)
        doc_insert_before(leaf, clone_leaf(p, leaf, pos, leaf->len));
    doc_remove(leaf);
}

static void redact_run(pass *p, doc_node *block, folded *f)
{
    vec leaves;
    vec_init(&leaves, sizeof(leaf_at));
    fold_reset(f);
    size_t base = 0;
    collect_run(block, &leaves, f, &base, p->a);
    vec occ;
    vec_init(&occ, sizeof(occurrence));
    for (size_t i = 0; i < f->n;) {
        reg_entry *e;
        size_t end = register_match_at(p->r, f, i, &e);
        if (!end) {
            i++;
            continue;
        }
        e->count++;
        occurrence *o = VEC_PUSH(p->a, &occ, occurrence);
        o->from = f->from[i];
        o->to = f->to[end - 1];
        i = end;
    }
    if (!occ.len || p->r->edition == EDITION_FULL)
        return;
    const occurrence *all = occ.data;
    size_t first = 0;
    for (size_t i = 0; i < leaves.len; i++) {
        const leaf_at *l = &VEC_AT(&leaves, leaf_at, i);
        if (l->leaf->kind == DOC_SOFTBREAK || l->leaf->kind == DOC_LINEBREAK) {
            while (first < occ.len && all[first].to <= l->base)
                first++;
            if (is_public(p) && first < occ.len && all[first].from < l->base)
                doc_remove(l->leaf); /* the mark stands for the name's words and the break between */
            continue;
        }
        size_t end = l->base + l->leaf->len;
        while (first < occ.len && all[first].to <= l->base)
            first++;
        size_t last = first;
        while (last < occ.len && all[last].from < end)
            last++;
        if (last > first)
            split_leaf(p, l, all + first, last - first);
    }
}

static bool has_inline_child(const doc_node *n)
{
    for (const doc_node *c = n->first; c; c = c->next)
        if (doc_is_inline(c->kind))
            return true;
    return false;
}

static void take_runs(pass *p)
{
    vec roots;
    vec_init(&roots, sizeof(doc_node *));
    for (doc_node *n = p->doc->root; n; n = doc_next_preorder(n, p->doc->root))
        if ((!doc_is_inline(n->kind) || n->kind == DOC_IMAGE) && has_inline_child(n))
            *VEC_PUSH(p->a, &roots, doc_node *) = n;
    folded f;
    fold_init(&f, p->a);
    for (size_t i = 0; i < roots.len; i++)
        redact_run(p, VEC_AT(&roots, doc_node *, i), &f);
}

/* ---- literal strings --------------------------------------------------- */

static const char *plain(pass *p, const char *s, bool *changed)
{
    bool ch = false;
    const char *out = s && *s ? register_replace(p->r, s, strlen(s), true, &ch) : s;
    if (changed)
        *changed = *changed || ch;
    return out;
}

/* Footnote labels are never printed, but one without a definition would
 * be ("[^label]"): a label with a name gets a neutral one, the same for
 * its references and its definition. */
static const char *label(pass *p, const char *l)
{
    bool changed = false;
    plain(p, l, &changed);
    if (!changed || !is_public(p))
        return l;
    const char *repl = hmap_get(&p->labels, l, strlen(l));
    if (!repl) {
        repl = arena_printf(p->a, "withheld-%d", ++p->nlabels);
        hmap_put(&p->labels, l, strlen(l), (void *)repl);
    }
    return repl;
}

static void take_strings(pass *p)
{
    bool pub = is_public(p);
    vec images;
    vec_init(&images, sizeof(doc_node *));
    for (doc_node *n = p->doc->root; n; n = doc_next_preorder(n, p->doc->root)) {
        bool changed = false;
        switch (n->kind) {
        case DOC_LINK: {
            const char *url = plain(p, n->u.link.url, &changed);
            const char *title = plain(p, n->u.link.title, &changed);
            if (changed && pub) {
                n->u.link.url = ""; /* the text stays, without its target */
                n->u.link.title = title;
                (void)url;
            }
            break;
        }
        case DOC_IMAGE:
            plain(p, n->u.link.url, &changed);
            if (changed)
                *VEC_PUSH(p->a, &images, doc_node *) = n;
            n->u.link.title = pub ? plain(p, n->u.link.title, NULL) : n->u.link.title;
            break;
        case DOC_CODE_BLOCK:
        case DOC_HTML_BLOCK: {
            const char *t = plain(p, n->text, &changed);
            if (changed && pub) {
                n->text = t;
                n->len = strlen(t);
            }
            if (n->kind == DOC_CODE_BLOCK && n->u.code.info) {
                const char *info = plain(p, n->u.code.info, NULL);
                n->u.code.info = pub ? info : n->u.code.info;
            }
            break;
        }
        case DOC_CONTAINER:
            if (n->u.container.title) {
                const char *t = plain(p, n->u.container.title, NULL);
                n->u.container.title = pub ? t : n->u.container.title;
            }
            break;
        case DOC_CHART: {
            doc_chart *c = n->u.chart;
            for (int i = 0; i < c->nlabels; i++) {
                const char *t = plain(p, c->labels[i], NULL);
                c->labels[i] = pub ? t : c->labels[i];
            }
            for (int i = 0; i < c->nseries; i++) {
                const char *t = plain(p, c->series[i], NULL);
                c->series[i] = pub ? t : c->series[i];
            }
            if (c->unit) {
                const char *t = plain(p, c->unit, NULL);
                c->unit = pub ? t : c->unit;
            }
            break;
        }
        case DOC_FOOTNOTE_REF:
            n->u.fnref.label = label(p, n->u.fnref.label);
            break;
        case DOC_FOOTNOTE_DEF:
            n->u.fndef.label = label(p, n->u.fndef.label);
            break;
        default:
            break;
        }
    }
    /* an image named after a person is taken to show them: withheld whole */
    for (size_t i = 0; i < images.len; i++)
        replace_node(p, VEC_AT(&images, doc_node *, i), VEC_AT(&images, doc_node *, i)->pos);
}

/* A heading whose every word is withheld leaves the contents and the
 * outline: its mark alone would say nothing but that someone is named. */
static bool only_marks(const doc_node *n, bool *any)
{
    for (const doc_node *c = n->first; c; c = c->next) {
        if (is_mark(c)) {
            *any = true;
            continue;
        }
        if (c->kind == DOC_TEXT || c->kind == DOC_CODE) {
            for (size_t i = 0; i < c->len; i++)
                if (c->text[i] != ' ' && c->text[i] != '\t')
                    return false;
        } else if (c->kind == DOC_IMAGE || c->kind == DOC_HTML_INLINE) {
            return false;
        } else if (!only_marks(c, any)) {
            return false;
        }
    }
    return true;
}

static void mark_withheld_headings(pass *p)
{
    for (doc_node *n = p->doc->root; n; n = doc_next_preorder(n, p->doc->root)) {
        bool any = false;
        if (n->kind == DOC_HEADING && only_marks(n, &any) && any)
            doc_add_class(p->a, n, "withheld-entirely");
    }
}

/* ---- front matter ------------------------------------------------------ */

static void take_meta(pass *p)
{
    bool pub = is_public(p);
    for (doc_meta *m = p->doc->meta; m; m = m->next) {
        const char *v = plain(p, m->value, NULL);
        if (pub)
            m->value = v;
        for (int i = 0; pub && i < m->nitems; i++)
            m->items[i] = register_replace(p->r, m->items[i], strlen(m->items[i]), false, &(bool){false});
    }
}

void redact_tree(redaction *r, diag *d, doc_document *doc)
{
    pass p = {.r = r, .d = d, .doc = doc, .a = r->a};
    hmap_init(&p.labels, r->a);
    take_roles(&p);
    take_blocks(&p);
    /* with no name registered there is nothing to find in the text, and
     * folding every letter of a long dossier is not free */
    if (r->entries.len > 0) {
        take_runs(&p);
        take_strings(&p);
        take_meta(&p);
    }
    if (is_public(&p))
        mark_withheld_headings(&p);
}
