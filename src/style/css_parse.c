/* Style sheet parser: CSS Syntax Level 3's rule and declaration lists over
 * the token array, with its error recovery. Blocks are found through the
 * tokens' `match` indexes, so skipping a component value is O(1) and only
 * @media nesting recurses (bounded by CSS_MAX_DEPTH). */
#include "css_internal.h"

#include <string.h>

/* ---- context helpers --------------------------------------------------- */

void css_ctx_init(css_ctx *cx, arena *a, diag *d)
{
    memset(cx, 0, sizeof *cx);
    cx->a = a;
    cx->d = d;
    hmap_init(&cx->strings, a);
    hmap_init(&cx->tags, a);
    hmap_init(&cx->styles, a);
    vec_init(&cx->lang_ranges, sizeof(const char *));
    cx->ntags = TAG_FIRST_NAMED;
}

const char *css_intern(css_ctx *cx, const char *s, size_t n)
{
    const char *p = hmap_get(&cx->strings, s, n);
    if (p)
        return p;
    char *copy = arena_strndup(cx->a, s, n);
    hmap_put(&cx->strings, s, n, copy);
    return copy;
}

const char *css_interned(const css_ctx *cx, const char *s, size_t n)
{
    return hmap_get(&cx->strings, s, n);
}

srcpos css_tok_pos(const css_ctx *cx, const css_token *t)
{
    return srcpos_make(cx->file, t->line, t->col);
}

const char *css_text(const css_ctx *cx, int beg, int end)
{
    if (beg >= end || !cx->text)
        return "";
    size_t from = cx->t[beg].off, to = cx->t[end - 1].end;
    if (to <= from)
        return "";
    /* one line, bounded, so that a message stays readable */
    strbuf sb;
    sb_init(&sb, cx->a);
    bool space = false;
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)cx->text[i];
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '\f') {
            space = true;
            continue;
        }
        if (space && sb.len)
            sb_putc(&sb, ' ');
        space = false;
        if (sb.len >= 60 && (c & 0xC0) != 0x80) {
            sb_puts(&sb, "...");
            break;
        }
        sb_putc(&sb, c < 0x20 ? '?' : (char)c);
    }
    return sb.data;
}

void css_sheet_init(css_sheet *s)
{
    vec_init(&s->rules, sizeof(css_rule));
    vec_init(&s->pages, sizeof(css_page_rule));
}

/* ---- the parser -------------------------------------------------------- */

static const css_token *tok(const css_ctx *cx, int i)
{
    return &cx->t[i];
}

/* Index after the component value at i, never beyond end. */
static int skip_cv(const css_ctx *cx, int i, int end)
{
    int m = cx->t[i].match;
    if (m > i)
        return m + 1 < end ? m + 1 : end;
    return i + 1;
}

static int block_end(const css_ctx *cx, int open, int end)
{
    int m = cx->t[open].match;
    return m < end ? m : end;
}

typedef struct {
    int pbeg, pend; /* prelude */
    int block;      /* '{' or -1 */
    int bend;       /* block contents end (exclusive) */
    int next;
} at_rule;

static at_rule scan_at_rule(const css_ctx *cx, int i, int end)
{
    at_rule r = {i + 1, end, -1, end, end};
    for (int j = i + 1; j < end;) {
        css_tok_type ty = tok(cx, j)->type;
        if (ty == CT_SEMICOLON) {
            r.pend = j;
            r.next = j + 1;
            return r;
        }
        if (ty == CT_LBRACE) {
            r.pend = j;
            r.block = j;
            r.bend = block_end(cx, j, end);
            r.next = skip_cv(cx, j, end);
            return r;
        }
        j = skip_cv(cx, j, end);
    }
    return r;
}

static bool all_ws(const css_ctx *cx, int beg, int end)
{
    for (int i = beg; i < end; i++)
        if (tok(cx, i)->type != CT_WS)
            return false;
    return true;
}

static void parse_declaration(css_ctx *cx, int i, int j, css_where where, vec *out)
{
    int k = i + 1;
    while (k < j && tok(cx, k)->type == CT_WS)
        k++;
    if (k >= j || tok(cx, k)->type != CT_COLON) {
        WARN(cx->d, css_tok_pos(cx, tok(cx, i)), "expected ':' after '%s'; declaration skipped",
             tok(cx, i)->value);
        return;
    }
    int vb = k + 1, ve = j;
    while (vb < ve && tok(cx, vb)->type == CT_WS)
        vb++;
    while (ve > vb && tok(cx, ve - 1)->type == CT_WS)
        ve--;
    bool important = false;
    if (ve > vb && tok(cx, ve - 1)->type == CT_IDENT && str_ieq(tok(cx, ve - 1)->value, "important")) {
        int m = ve - 2;
        while (m >= vb && tok(cx, m)->type == CT_WS)
            m--;
        if (m >= vb && tok(cx, m)->type == CT_DELIM && tok(cx, m)->delim == '!') {
            important = true;
            ve = m;
            while (ve > vb && tok(cx, ve - 1)->type == CT_WS)
                ve--;
        }
    }
    css_parse_declaration(cx, i, vb, ve, important, where, out);
}

static const char *const margin_box_names[MB_COUNT] = {
    [MB_TOP_LEFT_CORNER] = "top-left-corner",
    [MB_TOP_LEFT] = "top-left",
    [MB_TOP_CENTER] = "top-center",
    [MB_TOP_RIGHT] = "top-right",
    [MB_TOP_RIGHT_CORNER] = "top-right-corner",
    [MB_RIGHT_TOP] = "right-top",
    [MB_RIGHT_MIDDLE] = "right-middle",
    [MB_RIGHT_BOTTOM] = "right-bottom",
    [MB_BOTTOM_RIGHT_CORNER] = "bottom-right-corner",
    [MB_BOTTOM_RIGHT] = "bottom-right",
    [MB_BOTTOM_CENTER] = "bottom-center",
    [MB_BOTTOM_LEFT] = "bottom-left",
    [MB_BOTTOM_LEFT_CORNER] = "bottom-left-corner",
    [MB_LEFT_BOTTOM] = "left-bottom",
    [MB_LEFT_MIDDLE] = "left-middle",
    [MB_LEFT_TOP] = "left-top",
};

static int margin_box_lookup(const char *name)
{
    for (int k = 0; k < MB_COUNT; k++)
        if (str_ieq(name, margin_box_names[k]))
            return k;
    return -1;
}

static void unsupported_at_rule(css_ctx *cx, const css_token *t, const char *where)
{
    const char *hint = "";
    if (str_ieq(t->value, "import"))
        hint = " (add the sheet with -s instead)";
    else if (str_ieq(t->value, "font-face"))
        hint = " (fonts are found by family name through fontconfig)";
    WARN(cx->d, css_tok_pos(cx, t), "unsupported at-rule '@%s'%s; skipped", t->value,
         where ? where : hint);
}

/* A declaration list ("consume a list of declarations"). In @page, margin
 * box at-rules collect into box_out. */
static void parse_decl_list(css_ctx *cx, int beg, int end, css_where where, vec *out,
                            vec *box_out)
{
    int i = beg;
    while (i < end) {
        const css_token *t = tok(cx, i);
        if (t->type == CT_WS || t->type == CT_SEMICOLON) {
            i++;
            continue;
        }
        if (t->type == CT_AT_KEYWORD) {
            at_rule r = scan_at_rule(cx, i, end);
            int box = where == CSS_IN_PAGE ? margin_box_lookup(t->value) : -1;
            if (box >= 0 && r.block >= 0) {
                if (!all_ws(cx, r.pbeg, r.pend))
                    WARN(cx->d, css_tok_pos(cx, tok(cx, r.pbeg)),
                         "unexpected '%s' after '@%s'; ignored", css_text(cx, r.pbeg, r.pend),
                         t->value);
                parse_decl_list(cx, r.block + 1, r.bend, CSS_IN_MARGIN_BOX, &box_out[box], NULL);
            } else if (box >= 0) {
                WARN(cx->d, css_tok_pos(cx, t), "expected '{' after '@%s'; skipped", t->value);
            } else if (where == CSS_IN_PAGE) {
                unsupported_at_rule(cx, t, " (not a margin box)");
            } else {
                unsupported_at_rule(cx, t, where == CSS_IN_STYLE ? " (inside a style rule)" : NULL);
            }
            i = r.next;
            continue;
        }
        int j = i;
        while (j < end && tok(cx, j)->type != CT_SEMICOLON)
            j = skip_cv(cx, j, end);
        if (t->type == CT_IDENT)
            parse_declaration(cx, i, j, where, out);
        else
            WARN(cx->d, css_tok_pos(cx, t), "expected a property name, found '%s'; skipped up to ';'",
                 css_text(cx, i, i + 1));
        i = j < end ? j + 1 : end;
    }
}

static css_decl *finish_decls(css_ctx *cx, vec *v, int *n)
{
    *n = (int)v->len;
    return v->data;
}

/* @page [name]? [:first|:left|:right|:blank]* [, ...]? */
static bool parse_page_selectors(css_ctx *cx, int beg, int end, css_page_rule *pr)
{
    vec sels;
    vec_init(&sels, sizeof(css_page_sel));
    int i = beg;
    for (;;) {
        while (i < end && tok(cx, i)->type == CT_WS)
            i++;
        css_page_sel *s = VEC_PUSH(cx->a, &sels, css_page_sel);
        int nfirst = 0, nside = 0;
        if (i < end && tok(cx, i)->type == CT_IDENT) {
            WARN(cx->d, css_tok_pos(cx, tok(cx, i)), "named pages ('@page %s') are not supported; rule skipped",
                 tok(cx, i)->value);
            return false;
        }
        while (i < end && tok(cx, i)->type == CT_COLON) {
            const css_token *p = i + 1 < end ? tok(cx, i + 1) : NULL;
            if (p && p->type == CT_FUNCTION && str_ieq(p->value, "lang") && !s->langs) {
                /* the document's language: where generated words differ */
                if (!css_parse_lang_ranges(cx, i + 2, &s->langs, &s->nlangs))
                    return false;
                nside++;
                i = p->match + 1;
                continue;
            }
            if (!p || p->type != CT_IDENT) {
                WARN(cx->d, css_tok_pos(cx, tok(cx, i)), "invalid page selector '%s'; rule skipped",
                     css_text(cx, beg, end));
                return false;
            }
            if (str_ieq(p->value, "first")) {
                s->mask |= PAGE_SEL_FIRST;
                nfirst++;
            } else if (str_ieq(p->value, "blank")) {
                WARN(cx->d, css_tok_pos(cx, p), "':blank' pages are not supported; rule skipped");
                return false;
            } else if (str_ieq(p->value, "left")) {
                s->mask |= PAGE_SEL_LEFT;
                nside++;
            } else if (str_ieq(p->value, "right")) {
                s->mask |= PAGE_SEL_RIGHT;
                nside++;
            } else {
                WARN(cx->d, css_tok_pos(cx, p), "unknown page pseudo-class ':%s'; rule skipped",
                     p->value);
                return false;
            }
            i += 2;
        }
        s->spec = CSS_SPEC(nfirst, nside);
        while (i < end && tok(cx, i)->type == CT_WS)
            i++;
        if (i >= end)
            break;
        if (tok(cx, i)->type != CT_COMMA) {
            WARN(cx->d, css_tok_pos(cx, tok(cx, i)), "invalid page selector '%s'; rule skipped",
                 css_text(cx, beg, end));
            return false;
        }
        i++;
    }
    pr->sels = sels.data;
    pr->nsels = (int)sels.len;
    return true;
}

static void parse_page_rule(css_ctx *cx, css_sheet *sh, const css_token *at, at_rule r)
{
    if (r.block < 0) {
        WARN(cx->d, css_tok_pos(cx, at), "expected '{' after '@page'; skipped");
        return;
    }
    css_page_rule pr;
    memset(&pr, 0, sizeof pr);
    if (!parse_page_selectors(cx, r.pbeg, r.pend, &pr))
        return;
    vec decls, boxes[MB_COUNT];
    vec_init(&decls, sizeof(css_decl));
    for (int k = 0; k < MB_COUNT; k++)
        vec_init(&boxes[k], sizeof(css_decl));
    parse_decl_list(cx, r.block + 1, r.bend, CSS_IN_PAGE, &decls, boxes);
    pr.decls = finish_decls(cx, &decls, &pr.ndecls);
    for (int k = 0; k < MB_COUNT; k++)
        pr.box[k] = finish_decls(cx, &boxes[k], &pr.nbox[k]);
    pr.order = cx->order++;
    *VEC_PUSH(cx->a, &sh->pages, css_page_rule) = pr;
}

/* Media queries: a query applies when its type is print or all (or, with
 * `not`, anything else). Media features cannot be evaluated for paper
 * without guessing, so a query with one does not apply (with a warning). */
static bool media_applies(css_ctx *cx, int beg, int end)
{
    if (all_ws(cx, beg, end))
        return true;
    bool any = false;
    int i = beg;
    while (i < end) {
        while (i < end && tok(cx, i)->type == CT_WS)
            i++;
        int q = i;
        while (i < end && tok(cx, i)->type != CT_COMMA)
            i = skip_cv(cx, i, end);
        int qend = i;
        i++;
        bool neg = false, match = false, feature = false, bad = false;
        const char *type = NULL;
        for (int k = q; k < qend; k = skip_cv(cx, k, qend)) {
            const css_token *t = tok(cx, k);
            if (t->type == CT_WS)
                continue;
            if (t->type == CT_LPAREN) {
                feature = true;
            } else if (t->type == CT_IDENT) {
                if (!type && str_ieq(t->value, "not"))
                    neg = true;
                else if (!type && str_ieq(t->value, "only"))
                    ;
                else if (!type)
                    type = t->value;
                else if (!str_ieq(t->value, "and"))
                    bad = true;
            } else {
                bad = true;
            }
        }
        if (bad || (!type && !feature)) {
            WARN(cx->d, css_tok_pos(cx, tok(cx, q < end ? q : beg)), "invalid media query '%s'; it does not apply",
                 css_text(cx, q, qend));
            continue;
        }
        if (feature) {
            WARN(cx->d, css_tok_pos(cx, tok(cx, q)),
                 "media features are not supported; '@media %s' does not apply", css_text(cx, q, qend));
            continue;
        }
        match = str_ieq(type, "print") || str_ieq(type, "all");
        if (neg)
            match = !match;
        any = any || match;
    }
    return any;
}

static void parse_rule_list(css_ctx *cx, css_sheet *sh, int beg, int end, bool top, int depth);

static int parse_at_rule(css_ctx *cx, css_sheet *sh, int i, int end, int depth)
{
    const css_token *t = tok(cx, i);
    at_rule r = scan_at_rule(cx, i, end);
    if (str_ieq(t->value, "media")) {
        if (r.block < 0) {
            WARN(cx->d, css_tok_pos(cx, t), "expected '{' after '@media'; skipped");
        } else if (depth >= CSS_MAX_DEPTH) {
            WARN(cx->d, css_tok_pos(cx, t), "blocks nested more than %d deep; '@media' skipped",
                 CSS_MAX_DEPTH);
        } else if (media_applies(cx, r.pbeg, r.pend)) {
            parse_rule_list(cx, sh, r.block + 1, r.bend, false, depth + 1);
        }
    } else if (str_ieq(t->value, "page")) {
        parse_page_rule(cx, sh, t, r);
    } else if (str_ieq(t->value, "charset") && r.block < 0) {
        /* harmless: the sheet is read as UTF-8 whatever it says */
    } else {
        unsupported_at_rule(cx, t, NULL);
    }
    return r.next;
}

static int parse_qualified_rule(css_ctx *cx, css_sheet *sh, int i, int end)
{
    int j = i;
    while (j < end && tok(cx, j)->type != CT_LBRACE)
        j = skip_cv(cx, j, end);
    if (j >= end) {
        WARN(cx->d, css_tok_pos(cx, tok(cx, i)), "expected '{' after '%s'; skipped",
             css_text(cx, i, end));
        return end;
    }
    int next = skip_cv(cx, j, end);
    css_rule rule;
    memset(&rule, 0, sizeof rule);
    if (!css_parse_selectors(cx, i, j, &rule.sels, &rule.nsels))
        return next;
    vec decls;
    vec_init(&decls, sizeof(css_decl));
    parse_decl_list(cx, j + 1, block_end(cx, j, end), CSS_IN_STYLE, &decls, NULL);
    rule.decls = finish_decls(cx, &decls, &rule.ndecls);
    rule.order = cx->order++;
    *VEC_PUSH(cx->a, &sh->rules, css_rule) = rule;
    return next;
}

static void parse_rule_list(css_ctx *cx, css_sheet *sh, int beg, int end, bool top, int depth)
{
    int i = beg;
    while (i < end) {
        const css_token *t = tok(cx, i);
        if (t->type == CT_WS || (top && (t->type == CT_CDO || t->type == CT_CDC))) {
            i++;
            continue;
        }
        if (t->type == CT_AT_KEYWORD)
            i = parse_at_rule(cx, sh, i, end, depth);
        else
            i = parse_qualified_rule(cx, sh, i, end);
    }
}

void css_parse_sheet(css_ctx *cx, const style_source *src, css_sheet *sheet)
{
    css_tokens toks;
    const char *name = src->name ? src->name : "<style>";
    const char *text = src->text ? src->text : "";
    css_tokenize(cx->a, cx->d, name, text, src->text ? src->len : 0, &toks);
    cx->file = name;
    cx->text = text;
    cx->t = toks.t;
    cx->nt = toks.n;
    parse_rule_list(cx, sheet, 0, toks.n - 1, true, 0);
}
