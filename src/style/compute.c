/* Computed values: from the winning declaration of each property and the
 * parent's computed style to the element's. Font size comes first (em in
 * font-size is the parent's size; em elsewhere is the element's own), then
 * the colour (currentColor elsewhere is the element's colour). */
#include "css_internal.h"

#include <math.h>
#include <string.h>

#define INITIAL_FONT_SIZE 12.0f /* CSS medium: 16px */
#define MIN_FONT_SIZE 1.0f
#define MAX_FONT_SIZE 600.0f /* the PDF library refuses larger text */
#define MEDIUM_BORDER 2.25f /* border width medium */

void css_initial_style(computed_style *cs)
{
    memset(cs, 0, sizeof *cs);
    cs->font_family = "serif";
    cs->font_size = INITIAL_FONT_SIZE;
    cs->font_weight = 400;
    cs->line_height_normal = true;
    cs->color = 0x000000FFu;
    cs->align = TEXT_LEFT;
    cs->align_last = TEXT_LEFT;
    cs->align_last_auto = true;
    cs->hyphens = HYPHENS_MANUAL;
    cs->kerning = true;
    cs->tab_size = 4;
    cs->direction = DIR_AUTO;
    cs->ligatures = "";
    cs->feature_settings = "";
    cs->align_logical = true;
    cs->white_space = WS_NORMAL;
    cs->list_style = LIST_DISC;
    cs->orphans = 2;
    cs->widows = 2;
    cs->display = DISPLAY_NORMAL;
    cs->width.kind = LEN_AUTO;
    cs->height.kind = LEN_AUTO;
    for (int s = 0; s < 4; s++) {
        cs->border[s].style = BORDER_NONE;
        cs->border[s].width = 0;
        cs->border[s].color = cs->color;
    }
}

float style_line_height(const computed_style *cs)
{
    if (cs->line_height_factor)
        return cs->line_height * cs->font_size;
    if (cs->line_height_normal) {
        if (cs->font) {
            float em = cs->font->ascent + cs->font->descent + cs->font->line_gap;
            if (em > 0.5f && em < 3.0f)
                return em * cs->font_size;
        }
        return 1.2f * cs->font_size;
    }
    return cs->line_height;
}

static const float font_size_scale[] = {0.6f, 0.75f, 8.0f / 9.0f, 1.0f, 1.2f, 1.5f, 2.0f, 3.0f};

/* A clamp message once per declaration, not once per element. */
static void clamp_warning(css_ctx *cx, const css_decl *d, const char *fmt, float v, float to)
{
    char key[160];
    snprintf(key, sizeof key, "css-clamp:%s:%d:%d", d->pos.file ? d->pos.file : "", d->pos.line,
             d->pos.col);
    diag_once(cx->d, key, DIAG_WARNING, d->pos, fmt, (double)v, (double)to);
}

static float compute_font_size(css_ctx *cx, const css_decl *d, float parent, const css_env *env)
{
    const css_value *v = &d->v;
    float size = parent;
    if (v->kind == V_KEYWORD) {
        if (v->kw == CSS_KW_SMALLER)
            size = parent / 1.2f;
        else if (v->kw == CSS_KW_LARGER)
            size = parent * 1.2f;
        else
            size = INITIAL_FONT_SIZE * font_size_scale[v->kw - CSS_KW_FONT_SIZE_BASE];
    } else if (v->kind == V_LENGTH) {
        /* em and % of font-size are the parent's size */
        size = css_resolve_len(v, parent, env->root_size, parent);
    }
    if (!(size > 0)) {
        clamp_warning(cx, d, "font-size %gpt is not positive; clamped to %gpt", size, MIN_FONT_SIZE);
        size = MIN_FONT_SIZE;
    } else if (!(size <= MAX_FONT_SIZE)) {
        clamp_warning(cx, d, "font-size %gpt is too large; clamped to %gpt", isfinite(size) ? size : 1e30f,
                      MAX_FONT_SIZE);
        size = MAX_FONT_SIZE;
    }
    return size;
}

static int compute_weight(const css_value *v, int parent)
{
    if (v->kind == V_NUMBER) {
        int w = (int)lroundf(v->num / 100.0f) * 100;
        return w < 100 ? 100 : w > 900 ? 900 : w;
    }
    switch (v->kw) {
    case CSS_KW_BOLDER:
        return parent < 350 ? 400 : parent < 550 ? 700 : 900;
    case CSS_KW_LIGHTER:
        return parent < 550 ? 100 : parent < 750 ? 400 : 700;
    default:
        return v->kw;
    }
}

/* Copies the computed value of prop from src (the parent for inherit, the
 * initial style for initial). */
static void copy_prop(computed_style *cs, const computed_style *src, int prop, bool *cur_border)
{
    switch (prop) {
    case P_FONT_FAMILY: cs->font_family = src->font_family; break;
    case P_FONT_SIZE: cs->font_size = src->font_size; break;
    case P_FONT_WEIGHT: cs->font_weight = src->font_weight; break;
    case P_FONT_STYLE: cs->italic = src->italic; break;
    case P_LINE_HEIGHT:
        cs->line_height = src->line_height;
        cs->line_height_factor = src->line_height_factor;
        cs->line_height_normal = src->line_height_normal;
        break;
    case P_COLOR: cs->color = src->color; break;
    case P_TEXT_ALIGN:
        cs->align = src->align;
        cs->align_logical = src->align_logical;
        break;
    case P_TEXT_ALIGN_LAST:
        cs->align_last = src->align_last;
        cs->align_last_auto = src->align_last_auto;
        break;
    case P_TEXT_INDENT: cs->text_indent = src->text_indent; break;
    case P_HYPHENS: cs->hyphens = src->hyphens; break;
    case P_WHITE_SPACE: cs->white_space = src->white_space; break;
    case P_LIST_STYLE_TYPE: cs->list_style = src->list_style; break;
    case P_ORPHANS: cs->orphans = src->orphans; break;
    case P_WIDOWS: cs->widows = src->widows; break;
    case P_TEXT_TRANSFORM: cs->transform = src->transform; break;
    case P_LETTER_SPACING: cs->letter_spacing = src->letter_spacing; break;
    case P_FONT_KERNING: cs->kerning = src->kerning; break;
    case P_TAB_SIZE: cs->tab_size = src->tab_size; break;
    case P_QUOTES: cs->quotes = src->quotes; break;
    case P_NUMBER_FORMAT: cs->number_format = src->number_format; break;
    case P_DIRECTION: cs->direction = src->direction; break;
    case P_FONT_VARIANT_LIGATURES: cs->ligatures = src->ligatures; break;
    case P_FONT_FEATURE_SETTINGS: cs->feature_settings = src->feature_settings; break;
    case P_UNICODE_BIDI: cs->bidi = src->bidi; break;
    case P_DISPLAY: cs->display = src->display; break;
    case P_BACKGROUND_COLOR: cs->background = src->background; break;
    case P_MARGIN_TOP: case P_MARGIN_RIGHT: case P_MARGIN_BOTTOM: case P_MARGIN_LEFT:
        cs->margin[prop - P_MARGIN_TOP] = src->margin[prop - P_MARGIN_TOP];
        cs->margin_auto[prop - P_MARGIN_TOP] = src->margin_auto[prop - P_MARGIN_TOP];
        break;
    case P_PADDING_TOP: case P_PADDING_RIGHT: case P_PADDING_BOTTOM: case P_PADDING_LEFT:
        cs->padding[prop - P_PADDING_TOP] = src->padding[prop - P_PADDING_TOP];
        break;
    case P_BORDER_TOP_WIDTH: case P_BORDER_RIGHT_WIDTH: case P_BORDER_BOTTOM_WIDTH:
    case P_BORDER_LEFT_WIDTH:
        /* the parent's used width is 0 under style none; its specified one is gone */
        cs->border[prop - P_BORDER_TOP_WIDTH].width = src->border[prop - P_BORDER_TOP_WIDTH].width;
        break;
    case P_BORDER_TOP_STYLE: case P_BORDER_RIGHT_STYLE: case P_BORDER_BOTTOM_STYLE:
    case P_BORDER_LEFT_STYLE:
        cs->border[prop - P_BORDER_TOP_STYLE].style = src->border[prop - P_BORDER_TOP_STYLE].style;
        break;
    case P_BORDER_TOP_COLOR: case P_BORDER_RIGHT_COLOR: case P_BORDER_BOTTOM_COLOR:
    case P_BORDER_LEFT_COLOR:
        cs->border[prop - P_BORDER_TOP_COLOR].color = src->border[prop - P_BORDER_TOP_COLOR].color;
        cur_border[prop - P_BORDER_TOP_COLOR] = false;
        break;
    case P_WIDTH: cs->width = src->width; break;
    case P_HEIGHT: cs->height = src->height; break;
    case P_VERTICAL_ALIGN: cs->valign = src->valign; break;
    case P_TEXT_DECORATION_LINE: cs->decoration = src->decoration; break;
    case P_TEXT_DECORATION_COLOR: cs->decoration_color = src->decoration_color; break;
    case P_BREAK_BEFORE: cs->break_before = src->break_before; break;
    case P_BREAK_AFTER: cs->break_after = src->break_after; break;
    case P_BREAK_INSIDE: cs->break_inside = src->break_inside; break;
    case P_STRING_SET: cs->string_sets = src->string_sets; break;
    case P_COUNTER_RESET: cs->counter_reset = src->counter_reset; break;
    case P_COUNTER_INCREMENT: cs->counter_increment = src->counter_increment; break;
    case P_CONTENT: cs->content = src->content; break;
    default: break;
    }
}

static style_len to_style_len(const css_value *v, float em, const css_env *env)
{
    style_len l = {0, LEN_AUTO};
    if (v->kind == V_LENGTH) {
        if (v->unit == U_PCT) {
            l.kind = LEN_PERCENT;
            l.v = v->num;
        } else {
            l.kind = LEN_PT;
            l.v = css_resolve_len(v, em, env->root_size, 0);
        }
    }
    return l;
}

/* The value of one property, with inherit/initial/unset already handled. */
static void apply(css_ctx *cx, computed_style *cs, const computed_style *parent, int prop,
                  const css_decl *d, const css_env *env, bool *cur_border, bool *cur_bg,
                  bool *cur_deco)
{
    const css_value *v = &d->v;
    float em = cs->font_size;
    switch (prop) {
    case P_FONT_FAMILY: cs->font_family = v->ptr; break;
    case P_FONT_SIZE: cs->font_size = compute_font_size(cx, d, parent->font_size, env); break;
    case P_FONT_WEIGHT: cs->font_weight = compute_weight(v, parent->font_weight); break;
    case P_FONT_STYLE: cs->italic = v->kw != 0; break;
    case P_LINE_HEIGHT:
        cs->line_height_normal = v->kind == V_KEYWORD;
        cs->line_height_factor = v->kind == V_NUMBER;
        cs->line_height = v->kind == V_NUMBER   ? v->num
                          : v->kind == V_LENGTH ? css_resolve_len(v, em, env->root_size, em)
                                                : 0;
        break;
    case P_COLOR:
        cs->color = v->kind == V_COLOR ? v->color : parent->color; /* currentColor: inherit */
        break;
    case P_TEXT_ALIGN:
        cs->align = (text_align)(v->kw & ALIGN_KW_MASK);
        cs->align_logical = (v->kw & ALIGN_KW_LOGICAL) != 0;
        break;
    case P_TEXT_ALIGN_LAST:
        cs->align_last_auto = v->kind == V_AUTO;
        if (v->kind == V_KEYWORD)
            cs->align_last = (text_align)v->kw;
        break;
    case P_TEXT_INDENT: cs->text_indent = css_resolve_len(v, em, env->root_size, env->pct_base); break;
    case P_HYPHENS: cs->hyphens = (hyphens_mode)v->kw; break;
    case P_WHITE_SPACE: cs->white_space = (white_space_mode)v->kw; break;
    case P_LIST_STYLE_TYPE: cs->list_style = (list_style)v->kw; break;
    case P_ORPHANS: cs->orphans = (int)v->num; break;
    case P_WIDOWS: cs->widows = (int)v->num; break;
    case P_TEXT_TRANSFORM: cs->transform = (text_transform)v->kw; break;
    case P_LETTER_SPACING: cs->letter_spacing = css_resolve_len(v, em, env->root_size, 0); break;
    case P_FONT_KERNING: cs->kerning = v->kw != 0; break;
    case P_TAB_SIZE: cs->tab_size = (int)v->num; break;
    case P_QUOTES: cs->quotes = v->ptr; break;
    case P_NUMBER_FORMAT: cs->number_format = v->ptr; break;
    case P_DIRECTION: cs->direction = (text_direction)v->kw; break;
    case P_FONT_VARIANT_LIGATURES: cs->ligatures = v->ptr; break;
    case P_FONT_FEATURE_SETTINGS: cs->feature_settings = v->ptr; break;
    case P_UNICODE_BIDI: cs->bidi = (unicode_bidi)v->kw; break;
    case P_DISPLAY: cs->display = (display_mode)v->kw; break;
    case P_BACKGROUND_COLOR:
        *cur_bg = v->kind == V_CURRENT_COLOR;
        cs->background = v->kind == V_COLOR ? v->color : 0;
        break;
    case P_MARGIN_TOP: case P_MARGIN_RIGHT: case P_MARGIN_BOTTOM: case P_MARGIN_LEFT: {
        int s = prop - P_MARGIN_TOP;
        cs->margin_auto[s] = v->kind == V_AUTO;
        cs->margin[s] = v->kind == V_AUTO ? 0 : css_resolve_len(v, em, env->root_size, env->pct_base);
        break;
    }
    case P_PADDING_TOP: case P_PADDING_RIGHT: case P_PADDING_BOTTOM: case P_PADDING_LEFT:
        cs->padding[prop - P_PADDING_TOP] = css_resolve_len(v, em, env->root_size, env->pct_base);
        break;
    case P_BORDER_TOP_WIDTH: case P_BORDER_RIGHT_WIDTH: case P_BORDER_BOTTOM_WIDTH:
    case P_BORDER_LEFT_WIDTH:
        cs->border[prop - P_BORDER_TOP_WIDTH].width = css_resolve_len(v, em, env->root_size, 0);
        break;
    case P_BORDER_TOP_STYLE: case P_BORDER_RIGHT_STYLE: case P_BORDER_BOTTOM_STYLE:
    case P_BORDER_LEFT_STYLE:
        cs->border[prop - P_BORDER_TOP_STYLE].style =
            v->kw == CSS_KW_HIDDEN ? BORDER_NONE : (border_style)v->kw;
        break;
    case P_BORDER_TOP_COLOR: case P_BORDER_RIGHT_COLOR: case P_BORDER_BOTTOM_COLOR:
    case P_BORDER_LEFT_COLOR: {
        int s = prop - P_BORDER_TOP_COLOR;
        cur_border[s] = v->kind == V_CURRENT_COLOR;
        cs->border[s].color = v->kind == V_COLOR ? v->color : 0;
        break;
    }
    case P_WIDTH: cs->width = to_style_len(v, em, env); break;
    case P_HEIGHT: cs->height = to_style_len(v, em, env); break;
    case P_VERTICAL_ALIGN: cs->valign = (vertical_align)v->kw; break;
    case P_TEXT_DECORATION_LINE: cs->decoration = v->kw; break;
    case P_TEXT_DECORATION_COLOR:
        *cur_deco = v->kind == V_CURRENT_COLOR;
        cs->decoration_color = v->kind == V_COLOR ? v->color : 0;
        break;
    case P_BREAK_BEFORE: cs->break_before = (break_mode)v->kw; break;
    case P_BREAK_AFTER: cs->break_after = (break_mode)v->kw; break;
    case P_BREAK_INSIDE: cs->break_inside = (break_mode)v->kw; break;
    case P_STRING_SET: cs->string_sets = v->kind == V_PTR ? v->ptr : NULL; break;
    case P_COUNTER_RESET: cs->counter_reset = v->kind == V_PTR ? v->ptr : NULL; break;
    case P_COUNTER_INCREMENT: cs->counter_increment = v->kind == V_PTR ? v->ptr : NULL; break;
    case P_CONTENT: cs->content = v->kind == V_PTR ? v->ptr : NULL; break;
    default: break;
    }
}

static void compute_one(css_ctx *cx, computed_style *cs, const computed_style *parent,
                        const computed_style *initial, int prop, const css_decl *d,
                        const css_env *env, bool *cur_border, bool *cur_bg, bool *cur_deco)
{
    if (!d)
        return;
    css_vkind k = (css_vkind)d->v.kind;
    if (k == V_UNSET)
        k = css_prop_inherited(prop) ? V_INHERIT : V_INITIAL;
    if (k == V_INHERIT) {
        copy_prop(cs, parent, prop, cur_border);
        if (prop == P_BACKGROUND_COLOR)
            *cur_bg = false;
        if (prop == P_TEXT_DECORATION_COLOR)
            *cur_deco = false;
        return;
    }
    if (k == V_INITIAL) {
        copy_prop(cs, initial, prop, cur_border);
        if (prop >= P_BORDER_TOP_COLOR && prop <= P_BORDER_LEFT_COLOR)
            cur_border[prop - P_BORDER_TOP_COLOR] = true;
        if (prop >= P_BORDER_TOP_WIDTH && prop <= P_BORDER_LEFT_WIDTH)
            cs->border[prop - P_BORDER_TOP_WIDTH].width = MEDIUM_BORDER; /* 0 is only the used value */
        if (prop == P_TEXT_DECORATION_COLOR)
            *cur_deco = true;
        return;
    }
    apply(cx, cs, parent, prop, d, env, cur_border, cur_bg, cur_deco);
}

void css_inherited_style(computed_style *cs, const computed_style *parent)
{
    css_initial_style(cs);
    for (int p = 0; p < P_FIRST_NOT_INHERITED; p++)
        copy_prop(cs, parent, p, NULL);
    cs->font = parent->font;
    cs->lang = parent->lang;
    if (cs->align_last_auto)
        cs->align_last = cs->align == TEXT_JUSTIFY ? TEXT_LEFT : cs->align;
    for (int s = 0; s < 4; s++)
        cs->border[s].color = cs->color;
}

void css_compute(css_ctx *cx, computed_style *cs, const computed_style *parent,
                 const css_decl *const *w, const css_env *env)
{
    computed_style initial;
    css_initial_style(&initial);
    if (!parent)
        parent = &initial;
    /* inherited properties start from the parent's values */
    css_inherited_style(cs, parent);
    bool cur_border[4] = {true, true, true, true}, cur_bg = false, cur_deco = true;
    static const int first[] = {P_FONT_SIZE, P_FONT_FAMILY, P_FONT_WEIGHT, P_FONT_STYLE, P_COLOR};
    for (size_t i = 0; i < COUNT_OF(first); i++)
        compute_one(cx, cs, parent, &initial, first[i], w[first[i]], env, cur_border, &cur_bg, &cur_deco);
    for (int p = 0; p < P_COUNT; p++) {
        if (p == P_FONT_SIZE || p == P_FONT_FAMILY || p == P_FONT_WEIGHT || p == P_FONT_STYLE ||
            p == P_COLOR || p == P_SIZE)
            continue;
        compute_one(cx, cs, parent, &initial, p, w[p], env, cur_border, &cur_bg, &cur_deco);
    }
    if (cs->align_last_auto)
        cs->align_last = cs->align == TEXT_JUSTIFY ? TEXT_LEFT : cs->align;
    for (int s = 0; s < 4; s++) {
        if (cur_border[s])
            cs->border[s].color = cs->color;
        if (cs->border[s].style == BORDER_NONE)
            cs->border[s].width = 0;
        else if (!w[P_BORDER_TOP_WIDTH + s])
            cs->border[s].width = MEDIUM_BORDER; /* initial */
    }
    if (cur_bg)
        cs->background = cs->color;
    cs->decoration_color = cs->decoration == 0 ? 0 : cur_deco ? cs->color : cs->decoration_color;
    cs->before = cs->after = cs->marker = NULL;
}

const content_part *css_content_of(const css_decl *const *w, bool *declared_none)
{
    const css_decl *d = w[P_CONTENT];
    *declared_none = d && d->v.kind == V_KEYWORD && d->v.kw == CSS_KW_NONE;
    return d && d->v.kind == V_PTR ? d->v.ptr : NULL;
}
