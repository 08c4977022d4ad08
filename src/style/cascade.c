/* The cascade: rules indexed by the key of their rightmost compound (class,
 * else type, else universal) so a node tests only candidate selectors;
 * matched rules ordered by specificity then source order (sheets in
 * order), !important above normal; inheritance from the parent's computed
 * style. Two caches keep 300,000 nodes cheap and memory bounded:
 *   - (parent style, matched rules) -> computed style, so siblings that
 *     match the same rules never recompute;
 *   - computed style contents -> one shared object (interning).
 * Text and soft breaks share their parent's style. */
#include "css_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const css_selector *sel;
    const css_rule *rule;
    int spec;
    css_pseudo_elem pe;
} css_entry;

typedef struct {
    css_ctx *cx;
    font_lib *fonts;
    css_entry *entries;
    int nentries;
    vec universal;   /* int entry ids */
    vec *by_tag;     /* [ntags] */
    int ntags;
    hmap by_class;   /* interned class pointer -> vec* */
    css_node_info *info;
    const char *doc_lang; /* the front matter's lang, the root's language */
    const char *doc_dir;  /* the front matter's dir ("ltr", "rtl"), the root's direction */
    hmap cache;      /* parent pointer + matched ids -> style */
    const computed_style *initial;
    css_env env;
    vec matched;     /* int, reused per node */
    strbuf key;
} cascade;

/* ---- interning --------------------------------------------------------- */

#define PUT(sb, x) sb_append((sb), (const char *)&(x), sizeof(x))

static void put_len(strbuf *sb, style_len l)
{
    PUT(sb, l.v);
    PUT(sb, l.kind);
}

/* Field by field, so padding bytes never make equal styles differ. */
static void style_bytes(strbuf *sb, const computed_style *cs)
{
    PUT(sb, cs->font);
    PUT(sb, cs->font_family);
    PUT(sb, cs->font_size);
    PUT(sb, cs->font_weight);
    PUT(sb, cs->italic);
    PUT(sb, cs->line_height);
    PUT(sb, cs->line_height_factor);
    PUT(sb, cs->line_height_normal);
    PUT(sb, cs->color);
    PUT(sb, cs->align);
    PUT(sb, cs->align_last);
    PUT(sb, cs->align_last_auto);
    PUT(sb, cs->text_indent);
    PUT(sb, cs->hyphens);
    PUT(sb, cs->white_space);
    PUT(sb, cs->list_style);
    PUT(sb, cs->orphans);
    PUT(sb, cs->widows);
    PUT(sb, cs->transform);
    PUT(sb, cs->letter_spacing);
    PUT(sb, cs->kerning);
    PUT(sb, cs->tab_size);
    PUT(sb, cs->quotes);
    PUT(sb, cs->number_format); /* interned */
    if (cs->lang)
        sb_append(sb, cs->lang, strlen(cs->lang) + 1);
    else
        sb_putc(sb, 0);
    PUT(sb, cs->direction);
    PUT(sb, cs->ligatures);        /* interned: equal strings, equal pointers */
    PUT(sb, cs->feature_settings);
    PUT(sb, cs->align_logical);
    PUT(sb, cs->bidi);
    PUT(sb, cs->display);
    PUT(sb, cs->background);
    for (int s = 0; s < 4; s++) {
        PUT(sb, cs->margin[s]);
        PUT(sb, cs->margin_auto[s]);
        PUT(sb, cs->padding[s]);
        PUT(sb, cs->border[s].width);
        PUT(sb, cs->border[s].style);
        PUT(sb, cs->border[s].color);
    }
    put_len(sb, cs->width);
    put_len(sb, cs->height);
    PUT(sb, cs->valign);
    PUT(sb, cs->decoration);
    PUT(sb, cs->decoration_color);
    PUT(sb, cs->break_before);
    PUT(sb, cs->break_after);
    PUT(sb, cs->break_inside);
    PUT(sb, cs->string_sets);
    PUT(sb, cs->counter_reset);
    PUT(sb, cs->counter_increment);
    PUT(sb, cs->content);
    PUT(sb, cs->before);
    PUT(sb, cs->after);
    PUT(sb, cs->marker);
}

const computed_style *css_intern_style(css_ctx *cx, const computed_style *cs)
{
    strbuf sb;
    sb_init(&sb, cx->a);
    style_bytes(&sb, cs);
    computed_style *found = hmap_get(&cx->styles, sb.data, sb.len);
    if (found)
        return found;
    computed_style *copy = ARENA_NEW(cx->a, computed_style);
    *copy = *cs;
    hmap_put(&cx->styles, sb.data, sb.len, copy);
    cx->nstyles++;
    return copy;
}

font_face *css_font_for(css_ctx *cx, font_lib *fonts, const computed_style *cs,
                        const computed_style *parent, const css_decl *const *w)
{
    if (parent && parent->font && cs->font_family == parent->font_family &&
        cs->font_weight == parent->font_weight && cs->italic == parent->italic)
        return parent->font;
    if (!fonts)
        return NULL;
    srcpos at = {0};
    if (w[P_FONT_FAMILY])
        at = w[P_FONT_FAMILY]->pos;
    else if (w[P_FONT_WEIGHT])
        at = w[P_FONT_WEIGHT]->pos;
    else if (w[P_FONT_STYLE])
        at = w[P_FONT_STYLE]->pos;
    return font_resolve(fonts, cs->font_family, cs->font_weight, cs->italic, at);
}

/* ---- the rule index ---------------------------------------------------- */

static vec *class_bucket(cascade *c, const char *cls, bool create)
{
    vec *b = hmap_get(&c->by_class, (const char *)&cls, sizeof cls);
    if (!b && create) {
        b = ARENA_NEW(c->cx->a, vec);
        vec_init(b, sizeof(int));
        hmap_put(&c->by_class, (const char *)&cls, sizeof cls, b);
    }
    return b;
}

static void build_index(cascade *c, const css_sheet *sh)
{
    css_ctx *cx = c->cx;
    int n = 0;
    for (size_t r = 0; r < sh->rules.len; r++)
        n += VEC_AT(&sh->rules, css_rule, r).nsels;
    c->entries = ARENA_ARRAY(cx->a, css_entry, n ? n : 1);
    c->ntags = cx->ntags;
    c->by_tag = ARENA_ARRAY(cx->a, vec, c->ntags);
    for (int t = 0; t < c->ntags; t++)
        vec_init(&c->by_tag[t], sizeof(int));
    vec_init(&c->universal, sizeof(int));
    hmap_init(&c->by_class, cx->a);
    for (size_t r = 0; r < sh->rules.len; r++) {
        const css_rule *rule = &VEC_AT(&sh->rules, css_rule, r);
        if (rule->ndecls == 0)
            continue;
        for (int s = 0; s < rule->nsels; s++) {
            const css_selector *sel = &rule->sels[s];
            const css_compound *key = &sel->c[sel->n - 1];
            if (key->tag == TAG_NOMATCH)
                continue;
            int id = c->nentries++;
            c->entries[id] = (css_entry){sel, rule, sel->spec, sel->pe};
            vec *b = key->nclasses ? class_bucket(c, key->classes[0], true)
                     : key->tag != TAG_ANY ? &c->by_tag[key->tag]
                                          : &c->universal;
            *VEC_PUSH(cx->a, b, int) = id;
        }
    }
}

/* ---- matching and ordering ------------------------------------------- */

static void match_bucket(cascade *c, const vec *b, const doc_node *n)
{
    for (size_t i = 0; i < b->len; i++) {
        int id = VEC_AT(b, int, i);
        const css_entry *e = &c->entries[id];
        if (e->pe == PE_MARKER && n->kind != DOC_ITEM && n->kind != DOC_FOOTNOTE_DEF)
            continue; /* markers: list items, and footnote bodies (their number) */
        if (css_match(e->sel, n, c->info))
            *VEC_PUSH(c->cx->a, &c->matched, int) = id;
    }
}

static int64_t order_key(const cascade *c, int id)
{
    return (int64_t)c->entries[id].spec << 32 | (int64_t)id;
}

static void sort_matched(cascade *c)
{
    int *m = c->matched.data;
    size_t n = c->matched.len;
    /* usually a handful: insertion sort; keys are unique (ids are) */
    for (size_t i = 1; i < n; i++) {
        int v = m[i];
        int64_t k = order_key(c, v);
        size_t j = i;
        while (j > 0 && order_key(c, m[j - 1]) > k) {
            m[j] = m[j - 1];
            j--;
        }
        m[j] = v;
    }
}

static void collect(cascade *c, const doc_node *n)
{
    c->matched.len = 0;
    const css_node_info *ni = &c->info[n->id];
    match_bucket(c, &c->universal, n);
    if (ni->tag >= 0 && ni->tag < c->ntags)
        match_bucket(c, &c->by_tag[ni->tag], n);
    for (int k = 0; k < ni->ncls; k++) {
        const vec *b = class_bucket(c, ni->cls[k], false);
        if (b)
            match_bucket(c, b, n);
    }
    sort_matched(c);
}

/* The direction written in the source (dir=rtl, the front matter's dir
 * for the root): a presentational hint, as HTML's dir attribute, above the
 * embedded sheet and below every sheet given with -s. */
static const css_decl dir_hint_decl[2] = {
    {.prop = P_DIRECTION, .v = {.kind = V_KEYWORD, .kw = DIR_LTR}},
    {.prop = P_DIRECTION, .v = {.kind = V_KEYWORD, .kw = DIR_RTL}},
};

static bool from_embedded_sheet(const css_decl *d)
{
    return d->pos.file && strcmp(d->pos.file, "<default>") == 0;
}

/* The element's direction once the cascade is done: its winning
 * declaration's, else its parent's (direction is inherited). */
static bool resolved_rtl(const css_decl *d, const computed_style *parent)
{
    text_direction inherited = parent ? parent->direction : DIR_AUTO;
    if (!d || d->v.kind == V_INHERIT || d->v.kind == V_UNSET)
        return inherited == DIR_RTL;
    if (d->v.kind == V_INITIAL)
        return false;
    return d->v.kw == DIR_RTL;
}

/* The winning declaration of each property among the matched rules of
 * one pseudo-element: normal declarations in ascending order, then
 * !important ones, later ones overwriting. The direction is settled
 * first: flow-relative properties (margin-inline-start ...) are filed
 * under the physical side it makes them, where a later physical
 * declaration of that side overrides them, as CSS cascades the two. */
static bool winners(const cascade *c, css_pseudo_elem pe, const computed_style *parent, const char *dir_hint,
                    const css_decl **w)
{
    memset(w, 0, sizeof(*w) * P_COUNT);
    bool any = false;
    const int *m = c->matched.data;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c->matched.len; i++) {
            const css_entry *e = &c->entries[m[i]];
            if (e->pe != pe)
                continue;
            any = true;
            for (int k = 0; k < e->rule->ndecls; k++) {
                const css_decl *d = &e->rule->decls[k];
                if (d->prop == P_DIRECTION && d->important == (pass == 1))
                    w[P_DIRECTION] = d;
            }
        }
    }
    if (dir_hint && (!w[P_DIRECTION] || (!w[P_DIRECTION]->important && from_embedded_sheet(w[P_DIRECTION]))))
        w[P_DIRECTION] = &dir_hint_decl[strcmp(dir_hint, "rtl") == 0];
    bool rtl = resolved_rtl(w[P_DIRECTION], parent);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c->matched.len; i++) {
            const css_entry *e = &c->entries[m[i]];
            if (e->pe != pe)
                continue;
            for (int k = 0; k < e->rule->ndecls; k++) {
                const css_decl *d = &e->rule->decls[k];
                if (d->important == (pass == 1) && d->prop != P_DIRECTION)
                    w[css_logical_physical(d->prop, rtl)] = d;
            }
        }
    }
    return any || dir_hint;
}

static const content_part *empty_content(css_ctx *cx)
{
    content_part *p = ARENA_NEW(cx->a, content_part);
    p->kind = CONTENT_TEXT;
    p->text = "";
    p->style = LIST_DECIMAL;
    return p;
}

static const computed_style *pseudo_style(cascade *c, css_pseudo_elem pe, const computed_style *elem)
{
    const css_decl *w[P_COUNT];
    if (!winners(c, pe, elem, NULL, w))
        return NULL;
    computed_style cs;
    css_compute(c->cx, &cs, elem, w, &c->env);
    if (pe == PE_MARKER) {
        /* content: normal keeps the list-style marker (content NULL);
         * none leaves an empty marker */
        bool none;
        css_content_of(w, &none);
        if (none)
            cs.content = empty_content(c->cx);
    } else if (!cs.content) {
        return NULL; /* ::before/::after exist only with content */
    }
    cs.font = css_font_for(c->cx, c->fonts, &cs, elem, w);
    return css_intern_style(c->cx, &cs);
}

/* The node's own language: its attribute, or the front matter's for the
 * root. */
static const char *own_lang(const cascade *c, const doc_node *n)
{
    if (n->lang && *n->lang)
        return n->lang;
    return n->parent ? NULL : c->doc_lang;
}

/* The node's own direction: its dir attribute, or the front matter's for
 * the root. */
static const char *own_dir(const cascade *c, const doc_node *n)
{
    if (n->dir)
        return n->dir;
    return n->parent ? NULL : c->doc_dir;
}

static const computed_style *compute_node(cascade *c, const doc_node *n, const computed_style *parent)
{
    const css_decl *w[P_COUNT];
    winners(c, PE_NONE, parent, own_dir(c, n), w);
    computed_style cs;
    css_compute(c->cx, &cs, parent, w, &c->env);
    cs.content = NULL; /* content applies to pseudo-elements and margin boxes only */
    const char *own = own_lang(c, n);
    if (own)
        cs.lang = own;
    cs.font = css_font_for(c->cx, c->fonts, &cs, parent, w);
    bool any_pseudo = false;
    for (size_t i = 0; i < c->matched.len; i++)
        any_pseudo = any_pseudo || c->entries[VEC_AT(&c->matched, int, i)].pe != PE_NONE;
    if (any_pseudo) {
        cs.before = pseudo_style(c, PE_BEFORE, &cs);
        cs.after = pseudo_style(c, PE_AFTER, &cs);
        cs.marker = pseudo_style(c, PE_MARKER, &cs);
    }
    return css_intern_style(c->cx, &cs);
}

static const computed_style *style_node(cascade *c, const doc_node *n, const computed_style *parent)
{
    collect(c, n);
    sb_clear(&c->key);
    sb_append(&c->key, (const char *)&parent, sizeof parent);
    const char *own = own_lang(c, n); /* a language of its own is not the parent's */
    if (own)
        sb_append(&c->key, own, strlen(own) + 1);
    const char *dir = own_dir(c, n);
    sb_append(&c->key, dir ? dir : "", 1); /* "l", "r" or none */
    if (c->matched.len)
        sb_append(&c->key, c->matched.data, c->matched.len * sizeof(int));
    const computed_style *s = hmap_get(&c->cache, c->key.data, c->key.len);
    if (s)
        return s;
    s = compute_node(c, n, parent);
    hmap_put(&c->cache, c->key.data, c->key.len, (void *)s);
    return s;
}

/* ---- languages ------------------------------------------------------- */

/* A language no :lang() of the sheets names gets the words of the rules
 * without one, English: said once per language under -v. English itself
 * and a tag no sheet could know (none) say nothing. */
static void note_unknown_language(css_ctx *cx, const char *lang)
{
    if (!lang || css_lang_matches("en", lang))
        return;
    for (size_t i = 0; i < cx->lang_ranges.len; i++) {
        const char *r = VEC_AT(&cx->lang_ranges, const char *, i);
        if (strcmp(r, "*") != 0 && css_lang_matches(r, lang))
            return;
    }
    char key[64];
    snprintf(key, sizeof key, "lang-words:%s", lang);
    diag_once(cx->d, key, DIAG_NOTE, srcpos_make(NULL, 0, 0),
              "the style sheets have no words for language '%s'; generated words (contents, captions, "
              "page numbers) are in English",
              lang);
}

/* dir in the front matter: ltr or rtl, anything else a warning */
static const char *front_matter_dir(css_ctx *cx, const doc_document *doc)
{
    const char *dir = doc_meta_get(doc, "dir");
    if (!dir)
        return NULL;
    if (str_ieq(dir, "rtl"))
        return "rtl";
    if (str_ieq(dir, "ltr"))
        return "ltr";
    const doc_meta *m = doc->meta;
    while (m && strcmp(m->key, "dir") != 0)
        m = m->next;
    WARN(cx->d, m ? m->pos : srcpos_make(NULL, 0, 0), "dir takes ltr or rtl, not '%s'; ignored", dir);
    return NULL;
}

static void check_languages(css_ctx *cx, const doc_document *doc)
{
    const char *lang = doc_meta_get(doc, "lang");
    if (lang && !doc_lang_valid(lang)) {
        const doc_meta *m = doc->meta;
        while (m && strcmp(m->key, "lang") != 0)
            m = m->next;
        WARN(cx->d, m ? m->pos : srcpos_make(NULL, 0, 0),
             "lang takes a language tag such as en, kk or de-CH, not '%s'; ignored", lang);
        lang = NULL;
    }
    note_unknown_language(cx, lang);
    for (const doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root))
        if (n->lang)
            note_unknown_language(cx, n->lang);
}

/* ---- the stage --------------------------------------------------------- */

style_result *style_compute(arena *a, diag *d, font_lib *fonts, const doc_document *doc,
                            const style_source *sheets, int nsheets)
{
    css_ctx cx;
    css_ctx_init(&cx, a, d);
    int errors = d->errors;
    css_sheet sh;
    css_sheet_init(&sh);
    for (int i = 0; i < nsheets; i++)
        css_parse_sheet(&cx, &sheets[i], &sh);
    if (d->errors > errors)
        return NULL; /* a warning under --strict */
    check_languages(&cx, doc);

    cascade c;
    memset(&c, 0, sizeof c);
    c.cx = &cx;
    c.fonts = fonts;
    vec_init(&c.matched, sizeof(int));
    sb_init(&c.key, a);
    hmap_init(&c.cache, a);

    style_result *res = ARENA_NEW(a, style_result);
    int count = doc->node_count > 0 ? doc->node_count : 1;
    res->by_node = ARENA_ARRAY(a, const computed_style *, count);
    res->node_count = doc->node_count;

    const char *doc_lang = doc_meta_get(doc, "lang");
    c.doc_lang = doc_lang && doc_lang_valid(doc_lang) ? doc_lang : NULL;
    c.doc_dir = front_matter_dir(&cx, doc);
    c.info = css_node_infos(&cx, doc); /* before the index: nodes only look tags up */
    build_index(&c, &sh);

    computed_style init;
    css_initial_style(&init);
    init.font_family = css_intern(&cx, "serif", 5);
    c.initial = css_intern_style(&cx, &init);
    c.env.root_size = init.font_size;
    c.env.pct_base = 595.2756f - 2 * 56.25f; /* A4 less the default margins, until pages are known */

    const doc_node *root = doc->root;
    if (!root) {
        css_compute_pages(&cx, fonts, &sh, c.initial, res);
        res->by_node[0] = c.initial;
        return res;
    }
    /* Pages first: % margins resolve against the page's content width. The
     * page context inherits from the root, computed here once without the
     * cache (its % values may change once the page is known). */
    collect(&c, root);
    const computed_style *root_pre = compute_node(&c, root, c.initial);
    css_compute_pages(&cx, fonts, &sh, root_pre, res);
    c.env.pct_base = css_page_content_width(res);

    for (const doc_node *n = root; n; n = doc_next_preorder(n, root)) {
        if (n->id < 0 || n->id >= doc->node_count)
            continue;
        const computed_style *parent = c.initial;
        if (n != root && n->parent && n->parent->id >= 0 && n->parent->id < doc->node_count)
            parent = res->by_node[n->parent->id];
        if (n->kind == DOC_TEXT || n->kind == DOC_SOFTBREAK) {
            res->by_node[n->id] = parent;
            continue;
        }
        const computed_style *s = style_node(&c, n, parent);
        res->by_node[n->id] = s;
        if (n == root)
            c.env.root_size = s->font_size;
    }
    css_check_coverage(a, fonts, doc, res);
    return res;
}

const computed_style *style_of(const style_result *s, const doc_node *n)
{
    if (n->id >= 0 && n->id < s->node_count && s->by_node[n->id])
        return s->by_node[n->id];
    return s->by_node[0];
}

const page_style *style_page(const style_result *s, bool first, page_side side)
{
    return &s->page[first ? 1 : 0][side == PAGE_LEFT ? 1 : 0];
}
