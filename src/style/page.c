/* Pages: @page rules cascade, like style rules, by specificity (:first and
 * :blank count as classes, :left, :right and :lang() as types, so :first
 * outranks them) and source order, into the four combinations first/other x
 * left/right. The page context inherits from the root element's style;
 * margin boxes inherit from the page context, with CSS Paged Media's
 * default alignment for each box. */
#include "css_internal.h"

#include <stdlib.h>
#include <string.h>

#define A4_W (210.0f * 72.0f / 25.4f)
#define A4_H (297.0f * 72.0f / 25.4f)
#define DEFAULT_MARGIN 56.25f /* 75px, as WeasyPrint's default page */
#define MIN_CONTENT 36.0f    /* pt of content area a page keeps, as layout needs */

typedef struct {
    const css_page_rule *rule;
    int64_t key;
} page_match;

static bool page_sel_matches(const css_page_sel *s, bool first, bool left, const char *lang)
{
    if (s->langs) {
        bool any = false;
        for (int k = 0; k < s->nlangs && !any; k++)
            any = css_lang_matches(s->langs[k], lang);
        if (!any)
            return false;
    }
    if ((s->mask & PAGE_SEL_FIRST) && !first)
        return false;
    if ((s->mask & PAGE_SEL_LEFT) && !left)
        return false;
    if ((s->mask & PAGE_SEL_RIGHT) && left)
        return false;
    return !(s->mask & PAGE_SEL_BLANK);
}

static int cmp_match(const void *a, const void *b)
{
    int64_t x = ((const page_match *)a)->key, y = ((const page_match *)b)->key;
    return x < y ? -1 : x > y;
}

/* Winners among the matched rules' declarations: box < 0 for the page
 * context, else that margin box. Returns whether any declaration exists. */
static bool page_winners(const page_match *m, int n, int box, const css_decl **w)
{
    memset(w, 0, sizeof(*w) * P_COUNT);
    bool any = false;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++) {
            const css_page_rule *r = m[i].rule;
            const css_decl *d = box < 0 ? r->decls : r->box[box];
            int nd = box < 0 ? r->ndecls : r->nbox[box];
            if (box >= 0 && nd > 0)
                any = true;
            for (int k = 0; k < nd; k++)
                if (d[k].important == (pass == 1))
                    w[d[k].prop] = &d[k];
        }
    }
    return any;
}

/* Text alignment and vertical alignment of each margin box by default. */
static const struct {
    text_align align;
    vertical_align valign;
} box_defaults[MB_COUNT] = {
    [MB_TOP_LEFT_CORNER] = {TEXT_RIGHT, VALIGN_MIDDLE},
    [MB_TOP_LEFT] = {TEXT_LEFT, VALIGN_MIDDLE},
    [MB_TOP_CENTER] = {TEXT_CENTER, VALIGN_MIDDLE},
    [MB_TOP_RIGHT] = {TEXT_RIGHT, VALIGN_MIDDLE},
    [MB_TOP_RIGHT_CORNER] = {TEXT_LEFT, VALIGN_MIDDLE},
    [MB_RIGHT_TOP] = {TEXT_CENTER, VALIGN_TOP},
    [MB_RIGHT_MIDDLE] = {TEXT_CENTER, VALIGN_MIDDLE},
    [MB_RIGHT_BOTTOM] = {TEXT_CENTER, VALIGN_BOTTOM},
    [MB_BOTTOM_RIGHT_CORNER] = {TEXT_LEFT, VALIGN_MIDDLE},
    [MB_BOTTOM_RIGHT] = {TEXT_RIGHT, VALIGN_MIDDLE},
    [MB_BOTTOM_CENTER] = {TEXT_CENTER, VALIGN_MIDDLE},
    [MB_BOTTOM_LEFT] = {TEXT_LEFT, VALIGN_MIDDLE},
    [MB_BOTTOM_LEFT_CORNER] = {TEXT_RIGHT, VALIGN_MIDDLE},
    [MB_LEFT_BOTTOM] = {TEXT_CENTER, VALIGN_BOTTOM},
    [MB_LEFT_MIDDLE] = {TEXT_CENTER, VALIGN_MIDDLE},
    [MB_LEFT_TOP] = {TEXT_CENTER, VALIGN_TOP},
};

static void page_size(const css_decl *d, float *w, float *h)
{
    *w = A4_W;
    *h = A4_H;
    if (!d || d->v.kind != V_SIZE)
        return;
    if (d->v.num > 0 && d->v.num2 > 0) {
        *w = d->v.num;
        *h = d->v.num2;
    }
    bool landscape = d->v.kw == CSS_KW_LANDSCAPE, portrait = d->v.kw == CSS_KW_PORTRAIT;
    if ((landscape && *w < *h) || (portrait && *w > *h)) {
        float t = *w;
        *w = *h;
        *h = t;
    }
}

/* One page margin: % of the page's width (left, right) or height (top,
 * bottom), em of the page context's font. */
static float page_margin(const css_decl *d, int side, float w, float h, const computed_style *ctx,
                         float rem, css_ctx *cx)
{
    if (!d)
        return DEFAULT_MARGIN;
    const css_value *v = &d->v;
    if (v->kind == V_INITIAL || v->kind == V_UNSET || v->kind == V_AUTO)
        return v->kind == V_AUTO ? DEFAULT_MARGIN : 0;
    if (v->kind != V_LENGTH)
        return DEFAULT_MARGIN;
    float base = side == SIDE_TOP || side == SIDE_BOTTOM ? h : w;
    float m = css_resolve_len(v, ctx->font_size, rem, base);
    if (m < 0) {
        char key[160];
        snprintf(key, sizeof key, "css-page-margin:%s:%d:%d", d->pos.file ? d->pos.file : "",
                 d->pos.line, d->pos.col);
        diag_once(cx->d, key, DIAG_WARNING, d->pos, "negative page margin %gpt; ignored", (double)m);
        return DEFAULT_MARGIN;
    }
    return m;
}

static void no_room_warning(css_ctx *cx, const css_decl *a, const css_decl *b, const char *axis)
{
    const css_decl *d = a ? a : b;
    srcpos at = d ? d->pos : srcpos_make("@page", 0, 0);
    char key[160];
    snprintf(key, sizeof key, "css-page-room:%s:%s:%d:%d", axis, at.file ? at.file : "", at.line, at.col);
    diag_once(cx->d, key, DIAG_WARNING, at,
              "the page's %s margins leave no room for content; they are ignored", axis);
}

static void compute_page(css_ctx *cx, font_lib *fonts, const css_sheet *sh,
                         const computed_style *root, bool first, bool left, page_style *ps)
{
    int nrules = (int)sh->pages.len;
    page_match *m = ARENA_ARRAY(cx->a, page_match, nrules > 0 ? nrules : 1);
    int n = 0;
    for (int i = 0; i < nrules; i++) {
        const css_page_rule *r = &VEC_AT(&sh->pages, css_page_rule, i);
        int best = -1;
        for (int s = 0; s < r->nsels; s++)
            if (page_sel_matches(&r->sels[s], first, left, root->lang) && r->sels[s].spec > best)
                best = r->sels[s].spec;
        if (best >= 0) {
            m[n].rule = r;
            m[n].key = (int64_t)best << 32 | r->order;
            n++;
        }
    }
    qsort(m, (size_t)n, sizeof *m, cmp_match);

    const css_decl *w[P_COUNT];
    page_winners(m, n, -1, w);
    float rem = root->font_size;
    page_size(w[P_SIZE], &ps->width, &ps->height);
    css_env env = {rem, ps->width};
    computed_style ctx;
    css_compute(cx, &ctx, root, w, &env);
    ctx.content = NULL;
    ctx.font = css_font_for(cx, fonts, &ctx, root, w);
    const computed_style *context = css_intern_style(cx, &ctx);
    ps->background = context->background;

    const css_decl *mw[4] = {w[P_MARGIN_TOP], w[P_MARGIN_RIGHT], w[P_MARGIN_BOTTOM], w[P_MARGIN_LEFT]};
    for (int s = 0; s < 4; s++)
        ps->margin[s] = page_margin(mw[s], s, ps->width, ps->height, context, rem, cx);
    /* a page needs some content area (half an inch at least, where the
     * page has it); otherwise the declared margins go */
    ps->size_pos = w[P_SIZE] ? w[P_SIZE]->pos : srcpos_make(NULL, 0, 0);
    if (ps->margin[SIDE_LEFT] + ps->margin[SIDE_RIGHT] > ps->width - MIN(MIN_CONTENT, ps->width)) {
        no_room_warning(cx, mw[SIDE_LEFT], mw[SIDE_RIGHT], "left and right");
        bool fits = 2 * DEFAULT_MARGIN + MIN_CONTENT <= ps->width;
        ps->margin[SIDE_LEFT] = ps->margin[SIDE_RIGHT] = fits ? DEFAULT_MARGIN : 0;
    }
    if (ps->margin[SIDE_TOP] + ps->margin[SIDE_BOTTOM] > ps->height - MIN(MIN_CONTENT, ps->height)) {
        no_room_warning(cx, mw[SIDE_TOP], mw[SIDE_BOTTOM], "top and bottom");
        bool fits = 2 * DEFAULT_MARGIN + MIN_CONTENT <= ps->height;
        ps->margin[SIDE_TOP] = ps->margin[SIDE_BOTTOM] = fits ? DEFAULT_MARGIN : 0;
    }

    for (int b = 0; b < MB_COUNT; b++) {
        ps->boxes[b].content = NULL;
        ps->boxes[b].style = NULL;
        if (!page_winners(m, n, b, w))
            continue;
        computed_style bs;
        css_compute(cx, &bs, context, w, &env);
        if (!bs.content)
            continue; /* no content, no box (content: none/normal too) */
        if (!w[P_TEXT_ALIGN])
            bs.align = box_defaults[b].align;
        if (!w[P_VERTICAL_ALIGN])
            bs.valign = box_defaults[b].valign;
        if (bs.align_last_auto)
            bs.align_last = bs.align == TEXT_JUSTIFY ? TEXT_LEFT : bs.align;
        bs.font = css_font_for(cx, fonts, &bs, context, w);
        ps->boxes[b].content = bs.content;
        ps->boxes[b].style = css_intern_style(cx, &bs);
    }
}

void css_compute_pages(css_ctx *cx, font_lib *fonts, const css_sheet *sh,
                       const computed_style *root, style_result *res)
{
    for (int first = 0; first < 2; first++)
        for (int left = 0; left < 2; left++)
            compute_page(cx, fonts, sh, root, first, left, &res->page[first][left]);
}

float css_page_content_width(const style_result *res)
{
    const page_style *p = &res->page[0][PAGE_RIGHT];
    float w = p->width - p->margin[SIDE_LEFT] - p->margin[SIDE_RIGHT];
    return w > 1 ? w : 1;
}
