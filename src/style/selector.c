/* Selectors: parsing (type, *, classes, :first-child, :last-child,
 * :only-child, :root, :nth-child, :nth-last-child, ::before, ::after,
 * ::marker; descendant and child combinators), An+B, specificity and
 * matching against the document tree. */
#include "css_internal.h"

#include <limits.h>
#include <string.h>

/* The names doc_element_name gives; a type selector naming anything else
 * is valid CSS that matches nothing, which deserves a warning. */
static const char *const known_elements[] = {
    "body", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote",
    "pre", "hr", "table", "tr", "th", "td", "caption", "figure", "figcaption", "img",
    "div", "header", "aside", "em", "strong", "del", "code", "a", "sup", "br", "span",
};

bool css_known_element(const char *name)
{
    for (size_t i = 0; i < COUNT_OF(known_elements); i++)
        if (strcmp(name, known_elements[i]) == 0)
            return true;
    return false;
}

int css_tag_id(css_ctx *cx, const char *name)
{
    size_t n = strlen(name);
    void *v = hmap_get(&cx->tags, name, n);
    if (v)
        return (int)(intptr_t)v;
    int id = cx->ntags++;
    hmap_put(&cx->tags, name, n, (void *)(intptr_t)id);
    return id;
}

/* ---- An+B ---------------------------------------------------------------- */

static bool read_int(const char **p, long *out)
{
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return false;
    long v = 0;
    while (*s >= '0' && *s <= '9') {
        if (v < 100000000)
            v = v * 10 + (*s - '0');
        s++;
    }
    *p = s;
    *out = v;
    return true;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    return s;
}

/* Whitespace is allowed only where CSS allows it: around the binary sign,
 * never between a sign and what it signs nor between A and n. */
bool css_parse_anb(const char *text, int *a, int *b)
{
    char buf[64];
    const char *s = skip_spaces(text);
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    if (n == 0 || n >= sizeof buf)
        return false;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    buf[n] = 0;
    if (strcmp(buf, "odd") == 0) {
        *a = 2;
        *b = 1;
        return true;
    }
    if (strcmp(buf, "even") == 0) {
        *a = 2;
        *b = 0;
        return true;
    }
    const char *p = buf;
    long sign = 1, av = 1, bv = 0;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    bool digits = read_int(&p, &av);
    if (*p == 'n') {
        p++;
        p = skip_spaces(p);
        if (*p == '+' || *p == '-') {
            long bsign = *p++ == '-' ? -1 : 1;
            p = skip_spaces(p);
            if (!read_int(&p, &bv))
                return false;
            bv *= bsign;
            p = skip_spaces(p);
        }
        if (*p)
            return false;
        *a = (int)(sign * (digits ? av : 1));
        *b = (int)bv;
        return true;
    }
    if (!digits || *skip_spaces(p))
        return false;
    *a = 0;
    *b = (int)(sign * av);
    return true;
}

bool css_nth_matches(int a, int b, int index)
{
    if (a == 0)
        return index == b;
    long d = (long)index - b;
    return d % a == 0 && d / a >= 0;
}

/* ---- parsing ----------------------------------------------------------- */

static const css_token *tok(const css_ctx *cx, int i)
{
    return &cx->t[i];
}

static bool is_delim(const css_token *t, uint32_t c)
{
    return t->type == CT_DELIM && t->delim == c;
}

static bool bad(css_ctx *cx, const css_token *at, const char *sel, const char *why)
{
    WARN(cx->d, css_tok_pos(cx, at), "%s in selector '%s'; rule skipped", why, sel);
    return false;
}

/* The function's arguments as text: the source of each token, whitespace
 * runs as one space (comments dropped). */
static const char *func_args_text(css_ctx *cx, int f)
{
    strbuf sb;
    sb_init(&sb, cx->a);
    int end = tok(cx, f)->match;
    for (int i = f + 1; i < end; i++) {
        const css_token *t = tok(cx, i);
        if (t->type == CT_WS)
            sb_putc(&sb, ' ');
        else
            sb_append(&sb, cx->text + t->off, t->end - t->off);
    }
    return sb.data;
}

typedef struct {
    css_ctx *cx;
    const char *text; /* whole selector, for messages */
    vec classes;
    vec nth;
} sel_parser;

static char *lower_dup(arena *a, const char *s)
{
    char *r = arena_strdup(a, s);
    for (char *p = r; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return r;
}

/* One compound from *pi; fills c and the counts for specificity. */
static bool parse_compound(sel_parser *sp, int *pi, int end, css_compound *c, css_pseudo_elem *pe,
                           int *nb, int *nc)
{
    css_ctx *cx = sp->cx;
    int i = *pi, start = i;
    vec_init(&sp->classes, sizeof(const char *));
    vec_init(&sp->nth, sizeof(css_nth));
    c->tag = TAG_ANY;
    const css_token *t = tok(cx, i);
    if (i + 1 < end && is_delim(tok(cx, i + 1), '|'))
        return bad(cx, tok(cx, i + 1), sp->text, "namespaces are not supported");
    if (t->type == CT_IDENT) {
        const char *name = lower_dup(cx->a, t->value);
        if (!css_known_element(name)) {
            char key[96];
            snprintf(key, sizeof key, "css-element:%s", name);
            diag_once(cx->d, key, DIAG_WARNING, css_tok_pos(cx, t),
                      "no element is named '%s' in a dossier; selector '%s' matches nothing", name,
                      sp->text);
            c->tag = TAG_NOMATCH;
        } else {
            c->tag = css_tag_id(cx, name);
        }
        (*nc)++;
        i++;
    } else if (is_delim(t, '*')) {
        i++;
    } else if (is_delim(t, '|')) {
        return bad(cx, t, sp->text, "namespaces are not supported");
    }
    while (i < end) {
        t = tok(cx, i);
        if (*pe != PE_NONE && t->type != CT_WS && !is_delim(t, '>') && !is_delim(t, '+') &&
            !is_delim(t, '~'))
            return bad(cx, t, sp->text, "nothing may follow a pseudo-element");
        if (is_delim(t, '.')) {
            if (i + 1 >= end || tok(cx, i + 1)->type != CT_IDENT)
                return bad(cx, t, sp->text, "expected a class name after '.'");
            const char *name = tok(cx, i + 1)->value;
            *VEC_PUSH(cx->a, &sp->classes, const char *) = css_intern(cx, name, strlen(name));
            (*nb)++;
            i += 2;
        } else if (t->type == CT_HASH) {
            return bad(cx, t, sp->text, "id selectors are not supported (use a class)");
        } else if (t->type == CT_LBRACKET) {
            return bad(cx, t, sp->text, "attribute selectors are not supported");
        } else if (t->type == CT_COLON) {
            if (i + 1 >= end)
                return bad(cx, t, sp->text, "expected a pseudo-class after ':'");
            const css_token *p = tok(cx, i + 1);
            if (p->type == CT_COLON) {
                const css_token *q = i + 2 < end ? tok(cx, i + 2) : p;
                if (q->type != CT_IDENT)
                    return bad(cx, q, sp->text, "expected a pseudo-element after '::'");
                if (str_ieq(q->value, "before"))
                    *pe = PE_BEFORE;
                else if (str_ieq(q->value, "after"))
                    *pe = PE_AFTER;
                else if (str_ieq(q->value, "marker"))
                    *pe = PE_MARKER;
                else {
                    WARN(cx->d, css_tok_pos(cx, q),
                         "unsupported pseudo-element '::%s' in selector '%s'; rule skipped", q->value,
                         sp->text);
                    return false;
                }
                (*nc)++;
                i += 3;
            } else if (p->type == CT_IDENT) {
                const char *name = p->value;
                if (str_ieq(name, "first-child")) {
                    c->pseudo |= PC_FIRST_CHILD;
                } else if (str_ieq(name, "last-child")) {
                    c->pseudo |= PC_LAST_CHILD;
                } else if (str_ieq(name, "only-child")) {
                    c->pseudo |= PC_FIRST_CHILD | PC_LAST_CHILD;
                } else if (str_ieq(name, "root")) {
                    c->pseudo |= PC_ROOT;
                } else if (str_ieq(name, "before") || str_ieq(name, "after")) {
                    /* CSS 2 single-colon pseudo-elements */
                    *pe = str_ieq(name, "before") ? PE_BEFORE : PE_AFTER;
                    (*nc)++;
                    i += 2;
                    continue;
                } else if (str_ieq(name, "first-line") || str_ieq(name, "first-letter")) {
                    WARN(cx->d, css_tok_pos(cx, p),
                         "unsupported pseudo-element ':%s' in selector '%s'; rule skipped", name,
                         sp->text);
                    return false;
                } else {
                    WARN(cx->d, css_tok_pos(cx, p),
                         "unknown pseudo-class ':%s' in selector '%s'; rule skipped", name, sp->text);
                    return false;
                }
                (*nb)++;
                i += 2;
            } else if (p->type == CT_FUNCTION) {
                bool last = str_ieq(p->value, "nth-last-child");
                if (!last && !str_ieq(p->value, "nth-child")) {
                    WARN(cx->d, css_tok_pos(cx, p),
                         "unknown pseudo-class ':%s()' in selector '%s'; rule skipped", p->value,
                         sp->text);
                    return false;
                }
                const char *arg = func_args_text(cx, i + 1);
                css_nth nth = {0, 0, last};
                if (!css_parse_anb(arg, &nth.a, &nth.b)) {
                    WARN(cx->d, css_tok_pos(cx, p),
                         "invalid argument '%s' to ':%s()' (expected odd, even or An+B) in selector "
                         "'%s'; rule skipped",
                         arg, p->value, sp->text);
                    return false;
                }
                *VEC_PUSH(cx->a, &sp->nth, css_nth) = nth;
                (*nb)++;
                int m = p->match;
                i = m + 1 < end ? m + 1 : end;
            } else {
                return bad(cx, p, sp->text, "expected a pseudo-class after ':'");
            }
        } else {
            break;
        }
    }
    if (i == start)
        return bad(cx, tok(cx, i), sp->text,
                   arena_printf(cx->a, "unexpected '%s'", css_text(cx, i, i + 1)));
    c->classes = sp->classes.data;
    c->nclasses = (int)sp->classes.len;
    c->nth = sp->nth.data;
    c->nnth = (int)sp->nth.len;
    *pi = i;
    return true;
}

static bool parse_one(css_ctx *cx, int beg, int end, css_selector *out)
{
    while (beg < end && tok(cx, beg)->type == CT_WS)
        beg++;
    while (end > beg && tok(cx, end - 1)->type == CT_WS)
        end--;
    sel_parser sp = {cx, css_text(cx, beg, end), {0}, {0}};
    if (beg >= end) {
        const css_token *at = tok(cx, beg < cx->nt ? beg : cx->nt - 1);
        WARN(cx->d, css_tok_pos(cx, at), "empty selector; rule skipped");
        return false;
    }
    vec comps;
    vec_init(&comps, sizeof(css_compound));
    css_comb comb = COMB_DESCENDANT;
    css_pseudo_elem pe = PE_NONE;
    int nb = 0, nc = 0;
    int i = beg;
    for (;;) {
        if (comps.len >= CSS_MAX_COMPOUNDS)
            return bad(cx, tok(cx, i), sp.text, "too many compounds (more than 32)");
        css_compound c;
        memset(&c, 0, sizeof c);
        if (!parse_compound(&sp, &i, end, &c, &pe, &nb, &nc))
            return false;
        c.comb = comb;
        *VEC_PUSH(cx->a, &comps, css_compound) = c;
        if (i >= end)
            break;
        bool ws = false;
        while (i < end && tok(cx, i)->type == CT_WS) {
            i++;
            ws = true;
        }
        const css_token *t = tok(cx, i);
        if (is_delim(t, '>')) {
            comb = COMB_CHILD;
            i++;
            while (i < end && tok(cx, i)->type == CT_WS)
                i++;
        } else if (is_delim(t, '+') || is_delim(t, '~')) {
            return bad(cx, t, sp.text,
                       arena_printf(cx->a, "the sibling combinator '%c' is not supported", (char)t->delim));
        } else if (ws) {
            comb = COMB_DESCENDANT;
        } else {
            return bad(cx, t, sp.text, arena_printf(cx->a, "unexpected '%s'", css_text(cx, i, i + 1)));
        }
        if (i >= end)
            return bad(cx, t, sp.text, "selector ends with a combinator");
        if (pe != PE_NONE)
            return bad(cx, t, sp.text, "a pseudo-element must come last");
    }
    out->c = comps.data;
    out->n = (int)comps.len;
    out->pe = pe;
    out->spec = CSS_SPEC(nb, nc);
    return true;
}

bool css_parse_selectors(css_ctx *cx, int beg, int end, css_selector **out, int *n)
{
    vec sels;
    vec_init(&sels, sizeof(css_selector));
    int i = beg;
    for (;;) {
        int j = i;
        while (j < end && tok(cx, j)->type != CT_COMMA) {
            int m = tok(cx, j)->match;
            j = m > j ? (m + 1 < end ? m + 1 : end) : j + 1;
        }
        css_selector s;
        if (!parse_one(cx, i, j, &s))
            return false;
        *VEC_PUSH(cx->a, &sels, css_selector) = s;
        if (j >= end)
            break;
        i = j + 1;
    }
    *out = sels.data;
    *n = (int)sels.len;
    return true;
}

/* Tags, used classes and element-child counts, once per document. */
css_node_info *css_node_infos(css_ctx *cx, const doc_document *doc)
{
    css_node_info *info = ARENA_ARRAY(cx->a, css_node_info, doc->node_count > 0 ? doc->node_count : 1);
    vec cls;
    vec_init(&cls, sizeof(const char *));
    for (const doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->id < 0 || n->id >= doc->node_count)
            continue;
        css_node_info *ni = &info[n->id];
        if (n->kind == DOC_TEXT || n->kind == DOC_SOFTBREAK) {
            ni->tag = -1; /* equal to no compound's tag */
            continue;
        }
        const char *name = doc_element_name(n);
        void *v = hmap_get(&cx->tags, name, strlen(name));
        ni->tag = v ? (int)(intptr_t)v : -1; /* no selector names it */
        if (n->parent && n->index > 0 && n->parent->id >= 0 && n->parent->id < doc->node_count &&
            info[n->parent->id].nelem < n->index)
            info[n->parent->id].nelem = n->index;
        if (n->cls && *n->cls) {
            cls.len = 0;
            for (const char *s = n->cls; *s;) {
                while (*s == ' ')
                    s++;
                const char *e = s;
                while (*e && *e != ' ')
                    e++;
                if (e > s) {
                    const char *in = css_interned(cx, s, (size_t)(e - s));
                    if (in)
                        *VEC_PUSH(cx->a, &cls, const char *) = in;
                }
                s = e;
            }
            if (cls.len) {
                ni->ncls = (int)cls.len;
                ni->cls = arena_memdup(cx->a, cls.data, cls.len * sizeof(const char *));
            }
        }
    }
    return info;
}

/* ---- matching ---------------------------------------------------------- */

static bool compound_matches(const css_compound *c, const doc_node *n, const css_node_info *info)
{
    const css_node_info *ni = &info[n->id];
    if (c->tag != TAG_ANY && c->tag != ni->tag)
        return false;
    for (int k = 0; k < c->nclasses; k++) {
        bool found = false;
        for (int j = 0; j < ni->ncls && !found; j++)
            found = ni->cls[j] == c->classes[k];
        if (!found)
            return false;
    }
    if (c->pseudo) {
        if ((c->pseudo & PC_ROOT) && n->parent)
            return false;
        if ((c->pseudo & PC_FIRST_CHILD) && (!n->parent || n->index != 1))
            return false;
        if ((c->pseudo & PC_LAST_CHILD) &&
            (!n->parent || n->index == 0 || n->index != info[n->parent->id].nelem))
            return false;
    }
    for (int k = 0; k < c->nnth; k++) {
        if (!n->parent || n->index == 0)
            return false;
        int pos = c->nth[k].last ? info[n->parent->id].nelem - n->index + 1 : n->index;
        if (!css_nth_matches(c->nth[k].a, c->nth[k].b, pos))
            return false;
    }
    return true;
}

/* Right to left. A failed child-combinator chain lets the nearest
 * descendant combinator try a higher ancestor (RESTART); a descendant
 * combinator that runs out of ancestors fails the whole match (GLOBAL), so
 * matching costs O(depth x compounds), never exponential. Recursion depth
 * is bounded by CSS_MAX_COMPOUNDS. */
enum { M_OK, M_RESTART, M_GLOBAL };

static int match_from(const css_selector *s, int k, const doc_node *n, const css_node_info *info)
{
    if (!compound_matches(&s->c[k], n, info))
        return M_RESTART;
    if (k == 0)
        return M_OK;
    if (s->c[k].comb == COMB_CHILD)
        return n->parent ? match_from(s, k - 1, n->parent, info) : M_GLOBAL;
    for (const doc_node *p = n->parent; p; p = p->parent) {
        int r = match_from(s, k - 1, p, info);
        if (r != M_RESTART)
            return r;
    }
    return M_GLOBAL;
}

bool css_match(const css_selector *s, const doc_node *n, const css_node_info *info)
{
    if (n->kind == DOC_TEXT || n->kind == DOC_SOFTBREAK)
        return false; /* not elements */
    return s->n > 0 && match_from(s, s->n - 1, n, info) == M_OK;
}
