/* Properties: the table of names, parsing each declaration's value into
 * typed longhand values, and expanding shorthands (margin, padding,
 * border*, background, list-style, font, text-decoration, page-break-*).
 * Absolute lengths become points here; em, rem and % wait for the cascade. */
#include "css_internal.h"

#include <math.h>
#include <string.h>

static const char *const prop_names[P_COUNT] = {
    [P_FONT_FAMILY] = "font-family",
    [P_FONT_SIZE] = "font-size",
    [P_FONT_WEIGHT] = "font-weight",
    [P_FONT_STYLE] = "font-style",
    [P_LINE_HEIGHT] = "line-height",
    [P_COLOR] = "color",
    [P_TEXT_ALIGN] = "text-align",
    [P_TEXT_ALIGN_LAST] = "text-align-last",
    [P_TEXT_INDENT] = "text-indent",
    [P_HYPHENS] = "hyphens",
    [P_WHITE_SPACE] = "white-space",
    [P_LIST_STYLE_TYPE] = "list-style-type",
    [P_ORPHANS] = "orphans",
    [P_WIDOWS] = "widows",
    [P_TEXT_TRANSFORM] = "text-transform",
    [P_LETTER_SPACING] = "letter-spacing",
    [P_FONT_KERNING] = "font-kerning",
    [P_TAB_SIZE] = "tab-size",
    [P_QUOTES] = "quotes",
    [P_NUMBER_FORMAT] = "number-format",
    [P_DIRECTION] = "direction",
    [P_FONT_VARIANT_LIGATURES] = "font-variant-ligatures",
    [P_FONT_FEATURE_SETTINGS] = "font-feature-settings",
    [P_UNICODE_BIDI] = "unicode-bidi",
    [P_DISPLAY] = "display",
    [P_BACKGROUND_COLOR] = "background-color",
    [P_MARGIN_TOP] = "margin-top",
    [P_MARGIN_RIGHT] = "margin-right",
    [P_MARGIN_BOTTOM] = "margin-bottom",
    [P_MARGIN_LEFT] = "margin-left",
    [P_PADDING_TOP] = "padding-top",
    [P_PADDING_RIGHT] = "padding-right",
    [P_PADDING_BOTTOM] = "padding-bottom",
    [P_PADDING_LEFT] = "padding-left",
    [P_BORDER_TOP_WIDTH] = "border-top-width",
    [P_BORDER_RIGHT_WIDTH] = "border-right-width",
    [P_BORDER_BOTTOM_WIDTH] = "border-bottom-width",
    [P_BORDER_LEFT_WIDTH] = "border-left-width",
    [P_BORDER_TOP_STYLE] = "border-top-style",
    [P_BORDER_RIGHT_STYLE] = "border-right-style",
    [P_BORDER_BOTTOM_STYLE] = "border-bottom-style",
    [P_BORDER_LEFT_STYLE] = "border-left-style",
    [P_BORDER_TOP_COLOR] = "border-top-color",
    [P_BORDER_RIGHT_COLOR] = "border-right-color",
    [P_BORDER_BOTTOM_COLOR] = "border-bottom-color",
    [P_BORDER_LEFT_COLOR] = "border-left-color",
    [P_WIDTH] = "width",
    [P_HEIGHT] = "height",
    [P_VERTICAL_ALIGN] = "vertical-align",
    [P_TEXT_DECORATION_LINE] = "text-decoration-line",
    [P_TEXT_DECORATION_COLOR] = "text-decoration-color",
    [P_BREAK_BEFORE] = "break-before",
    [P_BREAK_AFTER] = "break-after",
    [P_BREAK_INSIDE] = "break-inside",
    [P_STRING_SET] = "string-set",
    [P_COUNTER_RESET] = "counter-reset",
    [P_COUNTER_INCREMENT] = "counter-increment",
    [P_CONTENT] = "content",
    [P_SIZE] = "size",
    [P_MARGIN_INLINE_START] = "margin-inline-start",
    [P_MARGIN_INLINE_END] = "margin-inline-end",
    [P_PADDING_INLINE_START] = "padding-inline-start",
    [P_PADDING_INLINE_END] = "padding-inline-end",
    [P_BORDER_INLINE_START_WIDTH] = "border-inline-start-width",
    [P_BORDER_INLINE_END_WIDTH] = "border-inline-end-width",
    [P_BORDER_INLINE_START_STYLE] = "border-inline-start-style",
    [P_BORDER_INLINE_END_STYLE] = "border-inline-end-style",
    [P_BORDER_INLINE_START_COLOR] = "border-inline-start-color",
    [P_BORDER_INLINE_END_COLOR] = "border-inline-end-color",
};

int css_logical_physical(int prop, bool rtl)
{
    static const int start_end[][2] = {
        [P_MARGIN_INLINE_START - P_MARGIN_INLINE_START] = {P_MARGIN_LEFT, P_MARGIN_RIGHT},
        [P_MARGIN_INLINE_END - P_MARGIN_INLINE_START] = {P_MARGIN_RIGHT, P_MARGIN_LEFT},
        [P_PADDING_INLINE_START - P_MARGIN_INLINE_START] = {P_PADDING_LEFT, P_PADDING_RIGHT},
        [P_PADDING_INLINE_END - P_MARGIN_INLINE_START] = {P_PADDING_RIGHT, P_PADDING_LEFT},
        [P_BORDER_INLINE_START_WIDTH - P_MARGIN_INLINE_START] = {P_BORDER_LEFT_WIDTH, P_BORDER_RIGHT_WIDTH},
        [P_BORDER_INLINE_END_WIDTH - P_MARGIN_INLINE_START] = {P_BORDER_RIGHT_WIDTH, P_BORDER_LEFT_WIDTH},
        [P_BORDER_INLINE_START_STYLE - P_MARGIN_INLINE_START] = {P_BORDER_LEFT_STYLE, P_BORDER_RIGHT_STYLE},
        [P_BORDER_INLINE_END_STYLE - P_MARGIN_INLINE_START] = {P_BORDER_RIGHT_STYLE, P_BORDER_LEFT_STYLE},
        [P_BORDER_INLINE_START_COLOR - P_MARGIN_INLINE_START] = {P_BORDER_LEFT_COLOR, P_BORDER_RIGHT_COLOR},
        [P_BORDER_INLINE_END_COLOR - P_MARGIN_INLINE_START] = {P_BORDER_RIGHT_COLOR, P_BORDER_LEFT_COLOR},
    };
    if (prop < P_MARGIN_INLINE_START || prop >= P_COUNT)
        return prop;
    return start_end[prop - P_MARGIN_INLINE_START][rtl];
}

typedef enum {
    SH_MARGIN = P_COUNT, SH_PADDING, SH_BORDER, SH_BORDER_TOP, SH_BORDER_RIGHT, SH_BORDER_BOTTOM,
    SH_BORDER_LEFT, SH_BORDER_WIDTH, SH_BORDER_STYLE, SH_BORDER_COLOR, SH_BACKGROUND,
    SH_LIST_STYLE, SH_FONT, SH_TEXT_DECORATION, SH_PAGE_BREAK_BEFORE, SH_PAGE_BREAK_AFTER,
    SH_PAGE_BREAK_INSIDE, SH_BORDER_INLINE_START, SH_BORDER_INLINE_END, SH_MARGIN_INLINE,
    SH_PADDING_INLINE, SH_END
} css_shorthand;

static const char *const shorthand_names[SH_END - P_COUNT] = {
    "margin", "padding", "border", "border-top", "border-right", "border-bottom",
    "border-left", "border-width", "border-style", "border-color", "background",
    "list-style", "font", "text-decoration", "page-break-before", "page-break-after",
    "page-break-inside", "border-inline-start", "border-inline-end", "margin-inline",
    "padding-inline",
};

/* CSS properties users may write that dossier does not implement: a clearer
 * message than "unknown property". */
static const char *const unsupported_props[] = {
    "float", "clear", "position", "top", "bottom", "left", "right", "z-index", "overflow",
    "opacity", "visibility", "columns", "column-count", "column-gap", "font-variant",
    "font-stretch", "word-spacing", "text-shadow", "box-shadow", "border-radius",
    "background-image", "background-repeat", "background-position", "background-size",
    "min-width", "max-width", "min-height", "max-height", "box-sizing",
    "list-style-position", "list-style-image", "text-decoration-style", "outline",
    "border-collapse", "border-spacing", "table-layout", "word-break", "overflow-wrap",
    "word-wrap", "tab-size", "font-feature-settings", "direction",
};

const char *css_prop_name(int prop)
{
    if (prop >= 0 && prop < P_COUNT)
        return prop_names[prop];
    if (prop >= P_COUNT && prop < SH_END)
        return shorthand_names[prop - P_COUNT];
    return "?";
}

bool css_prop_inherited(int prop)
{
    return prop >= 0 && prop < P_FIRST_NOT_INHERITED;
}

static int lookup_any(const char *name)
{
    for (int i = 0; i < SH_END; i++)
        if (strcmp(name, css_prop_name(i)) == 0)
            return i;
    return -1;
}

int css_prop_lookup(const char *name)
{
    int p = lookup_any(name);
    return p < P_COUNT ? p : -1;
}

/* ---- value helpers ----------------------------------------------------- */

typedef struct {
    const char *kw;
    int val;
} kwmap;

static bool kw_lookup(const kwmap *m, size_t n, const css_token *t, int *out)
{
    if (t->type != CT_IDENT)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (str_ieq(t->value, m[i].kw)) {
            *out = m[i].val;
            return true;
        }
    }
    return false;
}

#define KW(m, t, out) kw_lookup((m), COUNT_OF(m), (t), (out))

static const kwmap kw_align[] = {
    {"left", TEXT_LEFT}, {"right", TEXT_RIGHT}, {"center", TEXT_CENTER},
    {"justify", TEXT_JUSTIFY}, {"start", TEXT_LEFT | ALIGN_KW_LOGICAL}, {"end", TEXT_RIGHT | ALIGN_KW_LOGICAL},
};
static const kwmap kw_hyphens[] = {
    {"none", HYPHENS_NONE}, {"manual", HYPHENS_MANUAL}, {"auto", HYPHENS_AUTO},
};
/* auto and normal both kern: the fonts' own pairs are what print needs */
static const kwmap kw_direction[] = {
    {"ltr", DIR_LTR}, {"rtl", DIR_RTL},
};
static const kwmap kw_unicode_bidi[] = {
    {"normal", BIDI_NORMAL}, {"isolate", BIDI_ISOLATE}, {"plaintext", BIDI_PLAINTEXT},
};
static const kwmap kw_kerning[] = {
    {"auto", 1}, {"normal", 1}, {"none", 0},
};
static const kwmap kw_white_space[] = {
    {"normal", WS_NORMAL}, {"pre", WS_PRE}, {"nowrap", WS_NOWRAP},
    {"pre-wrap", WS_PRE_WRAP}, {"pre-line", WS_PRE_LINE},
};
static const kwmap kw_transform[] = {
    {"none", TT_NONE}, {"uppercase", TT_UPPERCASE}, {"lowercase", TT_LOWERCASE},
    {"capitalize", TT_CAPITALIZE},
};
static const kwmap kw_display[] = {
    {"none", DISPLAY_NONE}, {"block", DISPLAY_NORMAL}, {"inline", DISPLAY_NORMAL},
    {"inline-block", DISPLAY_NORMAL}, {"list-item", DISPLAY_NORMAL},
    {"flow-root", DISPLAY_NORMAL}, {"contents", DISPLAY_NORMAL}, {"run-in", DISPLAY_NORMAL},
    {"table", DISPLAY_NORMAL}, {"inline-table", DISPLAY_NORMAL}, {"table-row", DISPLAY_NORMAL},
    {"table-cell", DISPLAY_NORMAL}, {"table-caption", DISPLAY_NORMAL},
    {"table-row-group", DISPLAY_NORMAL}, {"table-header-group", DISPLAY_NORMAL},
    {"table-footer-group", DISPLAY_NORMAL}, {"table-column", DISPLAY_NORMAL},
    {"table-column-group", DISPLAY_NORMAL},
};
static const kwmap kw_border_style[] = {
    {"none", BORDER_NONE}, {"hidden", CSS_KW_HIDDEN}, {"solid", BORDER_SOLID},
    {"dashed", BORDER_DASHED}, {"dotted", BORDER_DOTTED}, {"double", BORDER_DOUBLE},
};
static const kwmap kw_valign[] = {
    {"baseline", VALIGN_BASELINE}, {"super", VALIGN_SUPER}, {"sub", VALIGN_SUB},
    {"top", VALIGN_TOP}, {"middle", VALIGN_MIDDLE}, {"bottom", VALIGN_BOTTOM},
    {"text-top", VALIGN_TOP}, {"text-bottom", VALIGN_BOTTOM},
};
static const kwmap kw_break[] = {
    {"auto", BREAK_AUTO}, {"avoid", BREAK_AVOID}, {"avoid-page", BREAK_AVOID},
    {"page", BREAK_PAGE}, {"left", BREAK_LEFT}, {"right", BREAK_RIGHT},
    {"recto", BREAK_RIGHT}, {"verso", BREAK_LEFT},
};
static const kwmap kw_break_inside[] = {
    {"auto", BREAK_AUTO}, {"avoid", BREAK_AVOID}, {"avoid-page", BREAK_AVOID},
};
static const kwmap kw_page_break[] = {
    {"auto", BREAK_AUTO}, {"always", BREAK_PAGE}, {"avoid", BREAK_AVOID},
    {"left", BREAK_LEFT}, {"right", BREAK_RIGHT},
};
static const kwmap kw_font_size[] = {
    {"xx-small", CSS_KW_FONT_SIZE_BASE + 0}, {"x-small", CSS_KW_FONT_SIZE_BASE + 1},
    {"small", CSS_KW_FONT_SIZE_BASE + 2},    {"medium", CSS_KW_FONT_SIZE_BASE + 3},
    {"large", CSS_KW_FONT_SIZE_BASE + 4},    {"x-large", CSS_KW_FONT_SIZE_BASE + 5},
    {"xx-large", CSS_KW_FONT_SIZE_BASE + 6}, {"xxx-large", CSS_KW_FONT_SIZE_BASE + 7},
    {"smaller", CSS_KW_SMALLER},             {"larger", CSS_KW_LARGER},
};
static const kwmap kw_font_weight[] = {
    {"normal", 400}, {"bold", 700}, {"bolder", CSS_KW_BOLDER}, {"lighter", CSS_KW_LIGHTER},
};
static const kwmap kw_font_style[] = {
    {"normal", 0}, {"italic", 1}, {"oblique", 1},
};
static const kwmap kw_font_stretch[] = {
    {"ultra-condensed", 0}, {"extra-condensed", 0}, {"condensed", 0}, {"semi-condensed", 0},
    {"semi-expanded", 0}, {"expanded", 0}, {"extra-expanded", 0}, {"ultra-expanded", 0},
};
static const kwmap kw_border_width[] = {
    {"thin", 0}, {"medium", 1}, {"thick", 2},
};
static const float border_widths[] = {0.75f, 2.25f, 3.75f};

static void set_kw(css_value *v, int kw)
{
    memset(v, 0, sizeof *v);
    v->kind = V_KEYWORD;
    v->kw = kw;
}

static bool is_ident(const css_token *t, const char *s)
{
    return t->type == CT_IDENT && str_ieq(t->value, s);
}

/* ---- the parse of one declaration -------------------------------------- */

typedef struct {
    css_ctx *cx;
    int prop;          /* longhand or shorthand */
    int beg, end;      /* value tokens */
    int it[32];        /* items: non-whitespace component values */
    int n;             /* count; 33 = too many */
    bool important;
    srcpos pos;
    vec *out;
    const char *why;   /* hint for the invalid-value message */
} decl_parser;

static const css_token *T(const decl_parser *p, int k)
{
    return &p->cx->t[p->it[k]];
}

static void collect_items(decl_parser *p)
{
    p->n = 0;
    for (int i = p->beg; i < p->end;) {
        const css_token *t = &p->cx->t[i];
        if (t->type != CT_WS) {
            if (p->n == (int)COUNT_OF(p->it)) {
                p->n++;
                return;
            }
            p->it[p->n++] = i;
        }
        int m = t->match;
        i = m > i ? (m + 1 < p->end ? m + 1 : p->end) : i + 1;
    }
}

static void push(decl_parser *p, int prop, const css_value *v)
{
    css_decl *d = VEC_PUSH(p->cx->a, p->out, css_decl);
    d->prop = (uint16_t)prop;
    d->important = p->important;
    d->v = *v;
    d->pos = p->pos;
}

static void push_kind(decl_parser *p, int prop, css_vkind kind)
{
    css_value v;
    memset(&v, 0, sizeof v);
    v.kind = (uint8_t)kind;
    push(p, prop, &v);
}

static bool color_value(decl_parser *p, int k, css_value *v)
{
    memset(v, 0, sizeof v[0]);
    if (is_ident(T(p, k), "currentcolor")) {
        v->kind = V_CURRENT_COLOR;
        return true;
    }
    int next;
    rgba c;
    if (!css_parse_color(p->cx, p->it[k], p->end, &next, &c)) {
        p->why = "expected a colour: #rgb, #rrggbb, rgb(), a name or currentColor";
        return false;
    }
    v->kind = V_COLOR;
    v->color = c;
    return true;
}

static bool length_value(decl_parser *p, const css_token *t, bool pct, bool neg, bool autok,
                         css_value *v)
{
    if (autok && is_ident(t, "auto")) {
        memset(v, 0, sizeof *v);
        v->kind = V_AUTO;
        return true;
    }
    if (!css_length(t, pct, v)) {
        if (t->type == CT_NUMBER)
            p->why = "a length needs a unit (pt, mm, cm, in, px, em, rem)";
        else if (t->type == CT_DIMENSION)
            p->why = arena_printf(p->cx->a, "unknown unit '%s'", t->value);
        else
            p->why = pct ? (autok ? "expected a length, a percentage or auto"
                                  : "expected a length or a percentage")
                         : "expected a length";
        return false;
    }
    if (!neg && v->num < 0) {
        p->why = "may not be negative";
        return false;
    }
    if (fabsf(v->num) > CSS_MAX_LENGTH) {
        p->why = "out of range";
        return false;
    }
    return true;
}

static bool border_width_value(decl_parser *p, const css_token *t, css_value *v)
{
    int k;
    if (KW(kw_border_width, t, &k)) {
        memset(v, 0, sizeof *v);
        v->kind = V_LENGTH;
        v->unit = U_PT;
        v->num = border_widths[k];
        return true;
    }
    if (!length_value(p, t, false, false, false, v)) {
        p->why = "expected a length, thin, medium or thick (not negative)";
        return false;
    }
    return true;
}

static bool border_style_value(decl_parser *p, const css_token *t, css_value *v)
{
    int k;
    if (KW(kw_border_style, t, &k)) {
        set_kw(v, k);
        return true;
    }
    if (is_ident(t, "groove") || is_ident(t, "ridge") || is_ident(t, "inset") || is_ident(t, "outset"))
        p->why = "groove, ridge, inset and outset are not supported";
    else
        p->why = "expected none, hidden, solid, dashed, dotted or double";
    return false;
}

static bool font_size_value(decl_parser *p, const css_token *t, css_value *v)
{
    int k;
    if (KW(kw_font_size, t, &k)) {
        set_kw(v, k);
        return true;
    }
    if (!length_value(p, t, true, true, false, v)) {
        p->why = "expected a length, a percentage or a keyword (small, medium, larger ...)";
        return false;
    }
    return true;
}

static bool font_weight_value(decl_parser *p, const css_token *t, css_value *v)
{
    int k;
    if (KW(kw_font_weight, t, &k)) {
        set_kw(v, k);
        return true;
    }
    if (t->type == CT_NUMBER && t->num >= 1 && t->num <= 1000) {
        memset(v, 0, sizeof *v);
        v->kind = V_NUMBER;
        v->num = (float)t->num;
        return true;
    }
    p->why = "expected 100..900, normal, bold, bolder or lighter";
    return false;
}

static bool line_height_value(decl_parser *p, const css_token *t, css_value *v)
{
    if (is_ident(t, "normal")) {
        set_kw(v, CSS_KW_NORMAL);
        return true;
    }
    if (t->type == CT_NUMBER) {
        memset(v, 0, sizeof *v);
        v->kind = V_NUMBER;
        v->num = (float)t->num;
        if (v->num < 0) {
            p->why = "may not be negative";
            return false;
        }
        return true;
    }
    if (!length_value(p, t, true, false, false, v)) {
        p->why = "expected normal, a number, a length or a percentage (not negative)";
        return false;
    }
    return true;
}

static bool list_style_value(decl_parser *p, const css_token *t, css_value *v)
{
    list_style ls;
    if (t->type == CT_IDENT && css_list_style_keyword(t->value, &ls)) {
        set_kw(v, (int)ls);
        return true;
    }
    p->why = "expected disc, circle, square, decimal, decimal-leading-zero, lower-alpha, "
             "upper-alpha, lower-latin, upper-latin, lower-roman, upper-roman, arabic-indic, persian or none";
    return false;
}

/* font-family: comma-separated names, each a string or a run of
 * identifiers. Stored joined by ", " (without quotes), interned. */
static bool family_value(decl_parser *p, int beg, int end, css_value *v)
{
    css_ctx *cx = p->cx;
    strbuf sb;
    sb_init(&sb, cx->a);
    bool want = true, inname = false;
    for (int i = beg; i < end; i++) {
        const css_token *t = &cx->t[i];
        if (t->type == CT_WS)
            continue;
        if (t->type == CT_COMMA) {
            if (want)
                goto bad;
            want = true;
            inname = false;
            sb_puts(&sb, ", ");
            continue;
        }
        if (t->type == CT_STRING) {
            if (!want || !*t->value)
                goto bad;
            sb_puts(&sb, t->value);
            want = false;
            continue;
        }
        if (t->type == CT_IDENT) {
            if (!want && !inname)
                goto bad;
            if (inname)
                sb_putc(&sb, ' ');
            sb_puts(&sb, t->value);
            want = false;
            inname = true;
            continue;
        }
        goto bad;
    }
    if (want)
        goto bad;
    memset(v, 0, sizeof *v);
    v->kind = V_PTR;
    v->ptr = css_intern(cx, sb.data, sb.len);
    return true;
bad:
    p->why = "expected family names separated by commas";
    return false;
}

/* font-variant-ligatures as OpenType feature settings in HarfBuzz's
 * syntax ("liga=0,clig=0"; "" for normal): normal | none |
 * [no-]common-ligatures || [no-]discretionary-ligatures ||
 * [no-]historical-ligatures || [no-]contextual */
static bool ligatures_value(decl_parser *p, int beg, int end, css_value *v)
{
    static const struct {
        const char *name;
        const char *features;
    } kws[] = {
        {"common-ligatures", "liga,clig"}, {"no-common-ligatures", "liga=0,clig=0"},
        {"discretionary-ligatures", "dlig"}, {"no-discretionary-ligatures", "dlig=0"},
        {"historical-ligatures", "hlig"}, {"no-historical-ligatures", "hlig=0"},
        {"contextual", "calt"}, {"no-contextual", "calt=0"},
    };
    css_ctx *cx = p->cx;
    strbuf sb;
    sb_init(&sb, cx->a);
    int seen = 0, n = 0;
    for (int i = beg; i < end; i++) {
        const css_token *t = &cx->t[i];
        if (t->type == CT_WS)
            continue;
        if (t->type != CT_IDENT)
            goto bad;
        n++;
        if (str_ieq(t->value, "normal") || str_ieq(t->value, "none")) {
            if (n > 1 || seen)
                goto bad;
            sb_puts(&sb, str_ieq(t->value, "none") ? "liga=0,clig=0,dlig=0,hlig=0,calt=0" : "");
            seen = -1;
            continue;
        }
        size_t k = 0;
        while (k < COUNT_OF(kws) && !str_ieq(t->value, kws[k].name))
            k++;
        if (k == COUNT_OF(kws) || seen < 0 || (seen & (1 << (k / 2))))
            goto bad;
        seen |= 1 << (k / 2);
        if (sb.len)
            sb_putc(&sb, ',');
        sb_puts(&sb, kws[k].features);
    }
    if (n == 0)
        goto bad;
    memset(v, 0, sizeof *v);
    v->kind = V_PTR;
    v->ptr = css_intern(cx, sb.data ? sb.data : "", sb.len);
    return true;
bad:
    p->why = "expected normal, none, or [no-]common-ligatures, [no-]discretionary-ligatures, "
             "[no-]historical-ligatures, [no-]contextual";
    return false;
}

/* font-feature-settings: normal | ["tag" [<integer> | on | off]?]#, as
 * HarfBuzz feature settings ("smcp=1,onum=0") */
static bool feature_settings_value(decl_parser *p, int beg, int end, css_value *v)
{
    css_ctx *cx = p->cx;
    strbuf sb;
    sb_init(&sb, cx->a);
    bool want_tag = true, have_value = false, any = false;
    for (int i = beg; i < end; i++) {
        const css_token *t = &cx->t[i];
        if (t->type == CT_WS)
            continue;
        if (!any && t->type == CT_IDENT && str_ieq(t->value, "normal")) {
            any = true;
            want_tag = false;
            have_value = true;
            continue;
        }
        if (t->type == CT_STRING && want_tag) {
            const char *tag = t->value;
            if (strlen(tag) != 4)
                goto bad;
            for (int k = 0; k < 4; k++)
                if ((unsigned char)tag[k] < 0x20 || (unsigned char)tag[k] > 0x7E)
                    goto bad;
            if (sb.len)
                sb_putc(&sb, ',');
            sb_printf(&sb, "%s=1", tag);
            want_tag = have_value = false;
            any = true;
            continue;
        }
        if (!want_tag && !have_value && sb.len && t->type == CT_NUMBER && t->is_int && t->num >= 0 && t->num <= 65535) {
            sb.len--; /* replaces the 1 */
            sb_printf(&sb, "%d", (int)t->num);
            have_value = true;
            continue;
        }
        if (!want_tag && !have_value && sb.len && t->type == CT_IDENT &&
            (str_ieq(t->value, "on") || str_ieq(t->value, "off"))) {
            sb.data[sb.len - 1] = str_ieq(t->value, "on") ? '1' : '0';
            have_value = true;
            continue;
        }
        if (t->type == CT_COMMA && !want_tag && sb.len) {
            want_tag = true;
            have_value = false;
            continue;
        }
        goto bad;
    }
    if (!any || want_tag)
        goto bad;
    memset(v, 0, sizeof *v);
    v->kind = V_PTR;
    v->ptr = css_intern(cx, sb.data ? sb.data : "", sb.len);
    return true;
bad:
    p->why = "expected normal or a list of \"tag\" [integer | on | off]";
    return false;
}

/* size: auto | <length>{1,2} | <page-size> || [portrait | landscape] */
static const struct {
    const char *name;
    float w, h; /* mm or in */
    bool inch;
} page_sizes[] = {
    {"a3", 297, 420, false}, {"a4", 210, 297, false}, {"a5", 148, 210, false},
    {"b5", 176, 250, false}, {"letter", 8.5f, 11, true}, {"legal", 8.5f, 14, true},
    {"ledger", 11, 17, true},
};

static bool size_value(decl_parser *p, css_value *v)
{
    memset(v, 0, sizeof *v);
    v->kind = V_SIZE;
    if (p->n == 1 && is_ident(T(p, 0), "auto"))
        return true;
    if (p->n < 1 || p->n > 2)
        goto bad;
    if (T(p, 0)->type == CT_IDENT) {
        bool named = false;
        for (int k = 0; k < p->n; k++) {
            const css_token *t = T(p, k);
            if (is_ident(t, "landscape") || is_ident(t, "portrait")) {
                if (v->kw)
                    goto bad;
                v->kw = is_ident(t, "landscape") ? CSS_KW_LANDSCAPE : CSS_KW_PORTRAIT;
                continue;
            }
            size_t j;
            for (j = 0; j < COUNT_OF(page_sizes); j++)
                if (is_ident(t, page_sizes[j].name))
                    break;
            if (j == COUNT_OF(page_sizes) || named)
                goto bad;
            float f = page_sizes[j].inch ? 72.0f : 72.0f / 25.4f;
            v->num = page_sizes[j].w * f;
            v->num2 = page_sizes[j].h * f;
            named = true;
        }
        return true;
    }
    css_value a, b;
    if (!css_length(T(p, 0), false, &a) || a.unit != U_PT)
        goto bad;
    b = a;
    if (p->n == 2 && (!css_length(T(p, 1), false, &b) || b.unit != U_PT))
        goto bad;
    if (a.num <= 0 || b.num <= 0) {
        p->why = "a page size must be positive";
        return false;
    }
    /* PDF viewers and the PDF library take 3pt to 14400pt (200in) a side */
    if (a.num < 3 || b.num < 3 || a.num > 14400 || b.num > 14400) {
        p->why = "a PDF page measures 3pt to 14400pt (200in) a side";
        return false;
    }
    v->num = a.num;
    v->num2 = b.num;
    return true;
bad:
    p->why = "expected auto, A3, A4, A5, B5, letter, legal, ledger, landscape, portrait or "
             "one or two absolute lengths";
    return false;
}

static bool text_decoration_line_value(decl_parser *p, int from, int to, css_value *v)
{
    int bits = 0;
    bool none = false;
    for (int k = from; k < to; k++) {
        const css_token *t = T(p, k);
        int bit = is_ident(t, "underline")      ? DECO_UNDERLINE
                  : is_ident(t, "line-through") ? DECO_LINE_THROUGH
                  : is_ident(t, "overline")     ? DECO_OVERLINE
                  : is_ident(t, "blink")        ? 0x100
                                                : 0;
        if (is_ident(t, "none") && to - from == 1) {
            none = true;
            continue;
        }
        if (!bit || (bits & bit)) {
            p->why = "expected none or underline, overline, line-through";
            return false;
        }
        bits |= bit;
    }
    set_kw(v, none ? 0 : (bits & 0xFF));
    return true;
}

/* A longhand whose value is one item. */
static bool single_value(decl_parser *p, int prop, int k, css_value *v)
{
    const css_token *t = T(p, k);
    int kw;
    switch (prop) {
    case P_FONT_SIZE:
        return font_size_value(p, t, v);
    case P_FONT_WEIGHT:
        return font_weight_value(p, t, v);
    case P_FONT_STYLE:
        if (KW(kw_font_style, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected normal, italic or oblique";
        return false;
    case P_LINE_HEIGHT:
        return line_height_value(p, t, v);
    case P_COLOR:
    case P_BACKGROUND_COLOR:
    case P_BORDER_TOP_COLOR:
    case P_BORDER_RIGHT_COLOR:
    case P_BORDER_BOTTOM_COLOR:
    case P_BORDER_LEFT_COLOR:
    case P_TEXT_DECORATION_COLOR:
        return color_value(p, k, v);
    case P_TEXT_ALIGN:
        if (KW(kw_align, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected left, right, center, justify, start or end";
        return false;
    case P_TEXT_ALIGN_LAST:
        if (is_ident(t, "auto")) {
            memset(v, 0, sizeof *v);
            v->kind = V_AUTO;
            return true;
        }
        if (KW(kw_align, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected auto, left, right, center, justify, start or end";
        return false;
    case P_TEXT_INDENT:
        return length_value(p, t, true, true, false, v);
    case P_HYPHENS:
        if (KW(kw_hyphens, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected none, manual or auto";
        return false;
    case P_WHITE_SPACE:
        if (KW(kw_white_space, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected normal, pre, nowrap, pre-wrap or pre-line";
        return false;
    case P_LIST_STYLE_TYPE:
        return list_style_value(p, t, v);
    case P_ORPHANS:
    case P_WIDOWS:
        if (t->type == CT_NUMBER && t->is_int && t->num >= 1) {
            memset(v, 0, sizeof *v);
            v->kind = V_NUMBER;
            v->num = t->num > 1000 ? 1000 : (float)t->num;
            return true;
        }
        p->why = "expected a positive integer";
        return false;
    case P_TEXT_TRANSFORM:
        if (KW(kw_transform, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected none, uppercase, lowercase or capitalize";
        return false;
    case P_FONT_KERNING:
        if (KW(kw_kerning, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected auto, normal or none";
        return false;
    case P_TAB_SIZE:
        /* a number of spaces; lengths are not taken (code is monospaced) */
        if (t->type == CT_NUMBER && t->is_int && t->num >= 0) {
            memset(v, 0, sizeof *v);
            v->kind = V_NUMBER;
            v->num = t->num > 64 ? 64 : (float)t->num;
            return true;
        }
        p->why = "expected a whole number of spaces from 0";
        return false;
    case P_DIRECTION:
        if (KW(kw_direction, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected ltr or rtl";
        return false;
    case P_UNICODE_BIDI:
        if (KW(kw_unicode_bidi, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected normal, isolate or plaintext";
        return false;
    case P_LETTER_SPACING:
        if (is_ident(t, "normal")) {
            memset(v, 0, sizeof *v);
            v->kind = V_LENGTH;
            return true;
        }
        if (!length_value(p, t, false, true, false, v)) {
            p->why = "expected normal or a length";
            return false;
        }
        return true;
    case P_DISPLAY:
        if (KW(kw_display, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected none, block, inline, list-item or a table-* value (flex and grid "
                 "are not supported)";
        return false;
    case P_MARGIN_TOP:
    case P_MARGIN_RIGHT:
    case P_MARGIN_BOTTOM:
    case P_MARGIN_LEFT:
        return length_value(p, t, true, true, true, v);
    case P_PADDING_TOP:
    case P_PADDING_RIGHT:
    case P_PADDING_BOTTOM:
    case P_PADDING_LEFT:
        return length_value(p, t, true, false, false, v);
    case P_BORDER_TOP_WIDTH:
    case P_BORDER_RIGHT_WIDTH:
    case P_BORDER_BOTTOM_WIDTH:
    case P_BORDER_LEFT_WIDTH:
        return border_width_value(p, t, v);
    case P_BORDER_TOP_STYLE:
    case P_BORDER_RIGHT_STYLE:
    case P_BORDER_BOTTOM_STYLE:
    case P_BORDER_LEFT_STYLE:
        return border_style_value(p, t, v);
    case P_WIDTH:
    case P_HEIGHT:
        if (!length_value(p, t, true, true, true, v))
            return false;
        if (v->kind == V_LENGTH && v->num < 0) {
            WARN(p->cx->d, p->pos, "negative %s '%s' clamped to 0", css_prop_name(prop),
                 css_text(p->cx, p->beg, p->end));
            v->num = 0;
        }
        return true;
    case P_VERTICAL_ALIGN:
        if (KW(kw_valign, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected baseline, super, sub, top, middle or bottom (lengths are not supported)";
        return false;
    case P_BREAK_BEFORE:
    case P_BREAK_AFTER:
        if (KW(kw_break, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected auto, avoid, page, left or right";
        return false;
    case P_BREAK_INSIDE:
        if (KW(kw_break_inside, t, &kw)) {
            set_kw(v, kw);
            return true;
        }
        p->why = "expected auto, avoid or avoid-page";
        return false;
    default:
        return false;
    }
}

static void invalid(decl_parser *p)
{
    const char *text = css_text(p->cx, p->beg, p->end);
    if (p->why)
        WARN(p->cx->d, p->pos, "invalid value for '%s': '%s' (%s); declaration skipped",
             css_prop_name(p->prop), text, p->why);
    else
        WARN(p->cx->d, p->pos, "invalid value for '%s': '%s'; declaration skipped",
             css_prop_name(p->prop), text);
}

/* quotes: none, auto, or pairs of strings (open, close), outermost first.
 * The computed value is a NULL-terminated array of marks. */
static bool quotes_value(decl_parser *p, css_value *v)
{
    memset(v, 0, sizeof *v);
    v->kind = V_PTR;
    if (p->n == 1 && (is_ident(T(p, 0), "none") || is_ident(T(p, 0), "auto"))) {
        /* none: no marks; auto: the initial ones */
        if (is_ident(T(p, 0), "auto")) {
            v->kind = V_INITIAL;
            return true;
        }
        v->ptr = ARENA_ARRAY(p->cx->a, const char *, 1);
        return true;
    }
    if (p->n < 2 || p->n % 2 != 0 || p->n > 8) {
        p->why = "expected none, auto, or one to four pairs of strings";
        return false;
    }
    const char **marks = ARENA_ARRAY(p->cx->a, const char *, (size_t)p->n + 1);
    for (int i = 0; i < p->n; i++) {
        const css_token *t = T(p, i);
        if (t->type != CT_STRING) {
            p->why = "expected pairs of strings such as \"«\" \"»\"";
            return false;
        }
        marks[i] = css_intern(p->cx, t->value, strlen(t->value));
    }
    v->ptr = marks;
    return true;
}

/* number-format: a template string, as :number-format: takes it. */
static bool number_format_value(decl_parser *p, css_value *v)
{
    memset(v, 0, sizeof *v);
    number_format nf;
    if (p->n != 1 || T(p, 0)->type != CT_STRING || !number_format_parse(T(p, 0)->value, &nf) || !nf.active) {
        p->why = "expected a number written as it should look, such as \"1 234,5\" or \"1,234.5\"";
        return false;
    }
    v->kind = V_PTR;
    v->ptr = css_intern(p->cx, T(p, 0)->value, strlen(T(p, 0)->value));
    return true;
}

/* A longhand declaration (the whole value). */
static bool longhand(decl_parser *p, css_value *v)
{
    int prop = css_logical_physical(p->prop, false); /* values as the physical side's */
    switch (prop) {
    case P_FONT_FAMILY:
        return family_value(p, p->beg, p->end, v);
    case P_FONT_VARIANT_LIGATURES:
        return ligatures_value(p, p->beg, p->end, v);
    case P_FONT_FEATURE_SETTINGS:
        return feature_settings_value(p, p->beg, p->end, v);
    case P_TEXT_DECORATION_LINE:
        return text_decoration_line_value(p, 0, p->n, v);
    case P_STRING_SET:
        return css_parse_string_set(p->cx, p->beg, p->end, v, &p->why);
    case P_COUNTER_RESET:
        return css_parse_counters(p->cx, p->beg, p->end, 0, v, &p->why);
    case P_COUNTER_INCREMENT:
        return css_parse_counters(p->cx, p->beg, p->end, 1, v, &p->why);
    case P_CONTENT:
        return css_parse_content(p->cx, p->beg, p->end, v, &p->why);
    case P_SIZE:
        return size_value(p, v);
    case P_QUOTES:
        return quotes_value(p, v);
    case P_NUMBER_FORMAT:
        return number_format_value(p, v);
    case P_FONT_STYLE:
        /* oblique may carry an angle, which is ignored */
        if (p->n == 2 && is_ident(T(p, 0), "oblique") && T(p, 1)->type == CT_DIMENSION) {
            set_kw(v, 1);
            return true;
        }
        break;
    default:
        break;
    }
    if (p->n != 1) {
        if (!p->why)
            p->why = "expected one value";
        return false;
    }
    return single_value(p, prop, 0, v);
}

static const int sides_margin[4] = {P_MARGIN_TOP, P_MARGIN_RIGHT, P_MARGIN_BOTTOM, P_MARGIN_LEFT};
static const int sides_padding[4] = {P_PADDING_TOP, P_PADDING_RIGHT, P_PADDING_BOTTOM, P_PADDING_LEFT};
static const int sides_bwidth[4] = {P_BORDER_TOP_WIDTH, P_BORDER_RIGHT_WIDTH, P_BORDER_BOTTOM_WIDTH,
                                    P_BORDER_LEFT_WIDTH};
static const int sides_bstyle[4] = {P_BORDER_TOP_STYLE, P_BORDER_RIGHT_STYLE, P_BORDER_BOTTOM_STYLE,
                                    P_BORDER_LEFT_STYLE};
static const int sides_bcolor[4] = {P_BORDER_TOP_COLOR, P_BORDER_RIGHT_COLOR, P_BORDER_BOTTOM_COLOR,
                                    P_BORDER_LEFT_COLOR};

/* margin, padding, border-width/style/color: 1 to 4 values (top right bottom left). */
static bool four_sides(decl_parser *p, const int *props)
{
    if (p->n < 1 || p->n > 4) {
        p->why = "expected one to four values";
        return false;
    }
    css_value v[4];
    for (int k = 0; k < p->n; k++)
        if (!single_value(p, props[0], k, &v[k]))
            return false;
    static const int from[4][4] = {{0, 0, 0, 0}, {0, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, 2, 3}};
    for (int s = 0; s < 4; s++)
        push(p, props[s], &v[from[p->n - 1][s]]);
    return true;
}

/* border, border-<side>, border-inline-*: width || style || colour,
 * missing parts initial; set on the sides whose longhands are given. */
static bool border_sides(decl_parser *p, const int *wprops, const int *sprops, const int *cprops, int nsides)
{
    css_value w, s, c;
    bool hw = false, hs = false, hc = false;
    if (p->n < 1 || p->n > 3) {
        p->why = "expected a width, a style and a colour";
        return false;
    }
    for (int k = 0; k < p->n; k++) {
        const css_token *t = T(p, k);
        css_value v;
        if (!hs && border_style_value(p, t, &v)) {
            s = v;
            hs = true;
        } else if (!hw && border_width_value(p, t, &v)) {
            w = v;
            hw = true;
        } else if (!hc && color_value(p, k, &v)) {
            c = v;
            hc = true;
        } else {
            p->why = "expected a width, a style and a colour, each at most once";
            return false;
        }
    }
    p->why = NULL;
    for (int side = 0; side < nsides; side++) {
        if (hw)
            push(p, wprops[side], &w);
        else
            push_kind(p, wprops[side], V_INITIAL);
        if (hs)
            push(p, sprops[side], &s);
        else
            push_kind(p, sprops[side], V_INITIAL);
        if (hc)
            push(p, cprops[side], &c);
        else
            push_kind(p, cprops[side], V_INITIAL);
    }
    return true;
}

static bool border_shorthand(decl_parser *p, int first_side, int nsides)
{
    return border_sides(p, sides_bwidth + first_side, sides_bstyle + first_side, sides_bcolor + first_side, nsides);
}

static const int inline_bwidth[2] = {P_BORDER_INLINE_START_WIDTH, P_BORDER_INLINE_END_WIDTH};
static const int inline_bstyle[2] = {P_BORDER_INLINE_START_STYLE, P_BORDER_INLINE_END_STYLE};
static const int inline_bcolor[2] = {P_BORDER_INLINE_START_COLOR, P_BORDER_INLINE_END_COLOR};
static const int inline_margin[2] = {P_MARGIN_INLINE_START, P_MARGIN_INLINE_END};
static const int inline_padding[2] = {P_PADDING_INLINE_START, P_PADDING_INLINE_END};

/* margin-inline, padding-inline: start, then end (the start's when absent) */
static bool two_sides(decl_parser *p, const int *props)
{
    if (p->n < 1 || p->n > 2) {
        p->why = "expected one or two values";
        return false;
    }
    css_value v[2];
    for (int k = 0; k < p->n; k++)
        if (!single_value(p, css_logical_physical(props[0], false), k, &v[k]))
            return false;
    push(p, props[0], &v[0]);
    push(p, props[1], &v[p->n - 1]);
    return true;
}

/* background: only the colour is supported; anything else is reported
 * and ignored, and like any shorthand it resets an unmentioned colour. */
static bool background_shorthand(decl_parser *p)
{
    css_value c;
    bool hc = false;
    for (int k = 0; k < p->n; k++) {
        css_value v;
        if (!hc && color_value(p, k, &v)) {
            c = v;
            hc = true;
            continue;
        }
        if (is_ident(T(p, k), "none"))
            continue;
        WARN(p->cx->d, css_tok_pos(p->cx, T(p, k)),
             "only a colour is supported in 'background'; '%s' ignored",
             css_text(p->cx, p->it[k], p->it[k] + 1));
    }
    p->why = NULL;
    if (hc)
        push(p, P_BACKGROUND_COLOR, &c);
    else
        push_kind(p, P_BACKGROUND_COLOR, V_INITIAL);
    return true;
}

static bool list_style_shorthand(decl_parser *p)
{
    css_value type;
    bool ht = false;
    int nnone = 0;
    for (int k = 0; k < p->n; k++) {
        const css_token *t = T(p, k);
        css_value v;
        if (is_ident(t, "none")) {
            nnone++;
            continue;
        }
        if (!ht && list_style_value(p, t, &v)) {
            type = v;
            ht = true;
            continue;
        }
        if (is_ident(t, "outside"))
            continue;
        if (is_ident(t, "inside") || t->type == CT_URL || t->type == CT_FUNCTION) {
            WARN(p->cx->d, css_tok_pos(p->cx, t),
                 "only the marker type is supported in 'list-style'; '%s' ignored",
                 css_text(p->cx, p->it[k], p->it[k] + 1));
            continue;
        }
        return false;
    }
    p->why = NULL;
    if (!ht && nnone)
        set_kw(&type, LIST_NONE);
    else if (!ht)
        type.kind = V_INITIAL;
    if (ht && nnone > 1)
        return false;
    push(p, P_LIST_STYLE_TYPE, &type);
    return true;
}

/* font: [style || variant || weight || stretch]? size [/ line-height]? family */
static bool font_shorthand(decl_parser *p)
{
    css_value style, weight, size, lh;
    bool hs = false, hw = false, hlh = false;
    int k = 0;
    for (; k < p->n && k < 4; k++) {
        const css_token *t = T(p, k);
        int kw;
        if (is_ident(t, "normal"))
            continue;
        if (!hs && KW(kw_font_style, t, &kw)) {
            set_kw(&style, kw);
            hs = true;
        } else if (!hw && (t->type == CT_NUMBER || t->type == CT_IDENT) && font_weight_value(p, t, &weight)) {
            hw = true;
        } else if (is_ident(t, "small-caps")) {
            WARN(p->cx->d, css_tok_pos(p->cx, t), "small-caps is not supported; ignored");
        } else if (KW(kw_font_stretch, t, &kw)) {
            WARN(p->cx->d, css_tok_pos(p->cx, t), "font-stretch '%s' is not supported; ignored",
                 t->value);
        } else {
            break;
        }
    }
    p->why = NULL;
    if (k >= p->n || !font_size_value(p, T(p, k), &size)) {
        p->why = "expected [style] [weight] size[/line-height] family";
        return false;
    }
    k++;
    if (k < p->n && T(p, k)->type == CT_DELIM && T(p, k)->delim == '/') {
        if (k + 1 >= p->n || !line_height_value(p, T(p, k + 1), &lh))
            return false;
        hlh = true;
        k += 2;
    }
    css_value fam;
    if (k >= p->n || !family_value(p, p->it[k], p->end, &fam)) {
        p->why = "expected a font family after the size";
        return false;
    }
    if (hs)
        push(p, P_FONT_STYLE, &style);
    else
        push_kind(p, P_FONT_STYLE, V_INITIAL);
    if (hw)
        push(p, P_FONT_WEIGHT, &weight);
    else
        push_kind(p, P_FONT_WEIGHT, V_INITIAL);
    push(p, P_FONT_SIZE, &size);
    if (hlh)
        push(p, P_LINE_HEIGHT, &lh);
    else
        push_kind(p, P_LINE_HEIGHT, V_INITIAL);
    push(p, P_FONT_FAMILY, &fam);
    return true;
}

/* text-decoration: line || style || colour (thickness and style ignored). */
static bool text_decoration_shorthand(decl_parser *p)
{
    css_value color;
    bool hc = false;
    int lines[8], nl = 0;
    for (int k = 0; k < p->n; k++) {
        const css_token *t = T(p, k);
        if (is_ident(t, "none") || is_ident(t, "underline") || is_ident(t, "overline") ||
            is_ident(t, "line-through") || is_ident(t, "blink")) {
            if (nl == 8)
                return false;
            lines[nl++] = k;
            continue;
        }
        if (is_ident(t, "solid"))
            continue;
        if (is_ident(t, "double") || is_ident(t, "dotted") || is_ident(t, "dashed") ||
            is_ident(t, "wavy")) {
            WARN(p->cx->d, css_tok_pos(p->cx, t),
                 "text-decoration style '%s' is not supported; drawn solid", t->value);
            continue;
        }
        css_value v;
        if (!hc && color_value(p, k, &v)) {
            color = v;
            hc = true;
            continue;
        }
        p->why = "expected none, underline, overline, line-through and a colour";
        return false;
    }
    css_value line;
    if (nl == 0) {
        set_kw(&line, 0);
    } else {
        /* the line keywords must be contiguous for the helper; check them one by one */
        int bits = 0;
        for (int j = 0; j < nl; j++) {
            const css_token *t = T(p, lines[j]);
            if (is_ident(t, "none")) {
                if (nl > 1)
                    return false;
                continue;
            }
            int bit = is_ident(t, "underline") ? DECO_UNDERLINE
                      : is_ident(t, "overline") ? DECO_OVERLINE
                      : is_ident(t, "line-through") ? DECO_LINE_THROUGH
                                                    : 0x100;
            if (bits & bit)
                return false;
            bits |= bit;
        }
        set_kw(&line, bits & 0xFF);
    }
    p->why = NULL;
    push(p, P_TEXT_DECORATION_LINE, &line);
    if (hc)
        push(p, P_TEXT_DECORATION_COLOR, &color);
    else
        push_kind(p, P_TEXT_DECORATION_COLOR, V_INITIAL);
    return true;
}

static bool page_break(decl_parser *p, int prop, bool inside)
{
    int kw;
    if (p->n != 1)
        return false;
    const css_token *t = T(p, 0);
    if (inside ? KW(kw_break_inside, t, &kw) && kw != BREAK_PAGE : KW(kw_page_break, t, &kw)) {
        css_value v;
        set_kw(&v, kw);
        push(p, prop, &v);
        return true;
    }
    p->why = inside ? "expected auto or avoid" : "expected auto, always, avoid, left or right";
    return false;
}

static bool shorthand(decl_parser *p)
{
    switch (p->prop) {
    case SH_MARGIN: return four_sides(p, sides_margin);
    case SH_PADDING: return four_sides(p, sides_padding);
    case SH_BORDER_WIDTH: return four_sides(p, sides_bwidth);
    case SH_BORDER_STYLE: return four_sides(p, sides_bstyle);
    case SH_BORDER_COLOR: return four_sides(p, sides_bcolor);
    case SH_BORDER: return border_shorthand(p, 0, 4);
    case SH_BORDER_TOP: return border_shorthand(p, SIDE_TOP, 1);
    case SH_BORDER_RIGHT: return border_shorthand(p, SIDE_RIGHT, 1);
    case SH_BORDER_BOTTOM: return border_shorthand(p, SIDE_BOTTOM, 1);
    case SH_BORDER_LEFT: return border_shorthand(p, SIDE_LEFT, 1);
    case SH_BACKGROUND: return background_shorthand(p);
    case SH_LIST_STYLE: return list_style_shorthand(p);
    case SH_FONT: return font_shorthand(p);
    case SH_TEXT_DECORATION: return text_decoration_shorthand(p);
    case SH_PAGE_BREAK_BEFORE: return page_break(p, P_BREAK_BEFORE, false);
    case SH_PAGE_BREAK_AFTER: return page_break(p, P_BREAK_AFTER, false);
    case SH_PAGE_BREAK_INSIDE: return page_break(p, P_BREAK_INSIDE, true);
    case SH_BORDER_INLINE_START: return border_sides(p, inline_bwidth, inline_bstyle, inline_bcolor, 1);
    case SH_BORDER_INLINE_END:
        return border_sides(p, inline_bwidth + 1, inline_bstyle + 1, inline_bcolor + 1, 1);
    case SH_MARGIN_INLINE: return two_sides(p, inline_margin);
    case SH_PADDING_INLINE: return two_sides(p, inline_padding);
    default: return false;
    }
}

/* The longhands a shorthand sets, for inherit/initial/unset. */
static int shorthand_longhands(int sh, int *out)
{
    int n = 0;
    switch (sh) {
    case SH_MARGIN:
        for (int s = 0; s < 4; s++)
            out[n++] = sides_margin[s];
        break;
    case SH_PADDING:
        for (int s = 0; s < 4; s++)
            out[n++] = sides_padding[s];
        break;
    case SH_BORDER_WIDTH:
    case SH_BORDER_STYLE:
    case SH_BORDER_COLOR: {
        const int *props = sh == SH_BORDER_WIDTH ? sides_bwidth : sh == SH_BORDER_STYLE ? sides_bstyle : sides_bcolor;
        for (int s = 0; s < 4; s++)
            out[n++] = props[s];
        break;
    }
    case SH_BORDER:
    case SH_BORDER_TOP:
    case SH_BORDER_RIGHT:
    case SH_BORDER_BOTTOM:
    case SH_BORDER_LEFT: {
        int from = sh == SH_BORDER ? 0 : sh - SH_BORDER_TOP;
        int to = sh == SH_BORDER ? 4 : from + 1;
        for (int s = from; s < to; s++) {
            out[n++] = sides_bwidth[s];
            out[n++] = sides_bstyle[s];
            out[n++] = sides_bcolor[s];
        }
        break;
    }
    case SH_BACKGROUND: out[n++] = P_BACKGROUND_COLOR; break;
    case SH_LIST_STYLE: out[n++] = P_LIST_STYLE_TYPE; break;
    case SH_FONT:
        out[n++] = P_FONT_STYLE;
        out[n++] = P_FONT_WEIGHT;
        out[n++] = P_FONT_SIZE;
        out[n++] = P_LINE_HEIGHT;
        out[n++] = P_FONT_FAMILY;
        break;
    case SH_TEXT_DECORATION:
        out[n++] = P_TEXT_DECORATION_LINE;
        out[n++] = P_TEXT_DECORATION_COLOR;
        break;
    case SH_PAGE_BREAK_BEFORE: out[n++] = P_BREAK_BEFORE; break;
    case SH_PAGE_BREAK_AFTER: out[n++] = P_BREAK_AFTER; break;
    case SH_PAGE_BREAK_INSIDE: out[n++] = P_BREAK_INSIDE; break;
    case SH_BORDER_INLINE_START:
    case SH_BORDER_INLINE_END: {
        int e = sh == SH_BORDER_INLINE_END;
        out[n++] = inline_bwidth[e];
        out[n++] = inline_bstyle[e];
        out[n++] = inline_bcolor[e];
        break;
    }
    case SH_MARGIN_INLINE:
    case SH_PADDING_INLINE:
        out[n++] = (sh == SH_MARGIN_INLINE ? inline_margin : inline_padding)[0];
        out[n++] = (sh == SH_MARGIN_INLINE ? inline_margin : inline_padding)[1];
        break;
    default: break;
    }
    return n;
}

/* Which properties mean something where. In @page: the page's size,
 * margins and background, and the inherited properties margin boxes take
 * from the page context. */
static bool allowed_in_page(int prop)
{
    switch (prop) {
    case P_SIZE: case SH_MARGIN: case P_MARGIN_TOP: case P_MARGIN_RIGHT: case P_MARGIN_BOTTOM:
    case P_MARGIN_LEFT: case P_BACKGROUND_COLOR: case SH_BACKGROUND: case SH_FONT:
        return true;
    default:
        return prop >= 0 && prop < P_FIRST_NOT_INHERITED;
    }
}

static void suggest_unknown(css_ctx *cx, const char *name, srcpos pos)
{
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < SH_END; i++) {
        int d = edit_distance(name, css_prop_name(i), 2);
        if (d < bestd) {
            bestd = d;
            best = css_prop_name(i);
        }
    }
    pos.len = (int)utf8_length(name, strlen(name));
    char hint[128];
    if (best)
        snprintf(hint, sizeof hint, "did you mean '%s'?", best);
    WARN_HINT(cx->d, pos, best ? hint : NULL, "unknown property '%s'", name);
}

void css_parse_declaration(css_ctx *cx, int name, int vbeg, int vend, bool important,
                           css_where where, vec *out)
{
    const css_token *nt = &cx->t[name];
    char *lname = arena_strdup(cx->a, nt->value);
    for (char *c = lname; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c + 32);
    srcpos pos = css_tok_pos(cx, nt);
    int prop = lookup_any(lname);
    if (prop < 0) {
        for (size_t i = 0; i < COUNT_OF(unsupported_props); i++) {
            if (strcmp(lname, unsupported_props[i]) == 0) {
                WARN(cx->d, pos, "property '%s' is not supported; ignored", lname);
                return;
            }
        }
        suggest_unknown(cx, lname, pos);
        return;
    }
    if (prop == P_SIZE && where != CSS_IN_PAGE) {
        WARN(cx->d, pos, "'size' applies only inside @page; ignored");
        return;
    }
    if (where == CSS_IN_PAGE && !allowed_in_page(prop)) {
        WARN(cx->d, pos, "'%s' has no effect in @page (put it in a margin box or a style rule); ignored",
             lname);
        return;
    }
    decl_parser p;
    memset(&p, 0, sizeof p);
    p.cx = cx;
    p.prop = prop;
    p.beg = vbeg;
    p.end = vend;
    p.important = important;
    p.pos = pos;
    p.out = out;
    collect_items(&p);
    if (p.n == 0) {
        WARN(cx->d, pos, "empty value for '%s'; declaration skipped", lname);
        return;
    }
    if (p.n > (int)COUNT_OF(p.it) && prop != P_CONTENT && prop != P_STRING_SET &&
        prop != P_COUNTER_RESET && prop != P_COUNTER_INCREMENT && prop != P_FONT_FAMILY) {
        p.why = "too many values";
        invalid(&p);
        return;
    }
    /* CSS-wide keywords */
    if (p.n == 1 && T(&p, 0)->type == CT_IDENT) {
        const char *kw = T(&p, 0)->value;
        css_vkind k = str_ieq(kw, "inherit") ? V_INHERIT
                      : str_ieq(kw, "initial") ? V_INITIAL
                      : str_ieq(kw, "unset")   ? V_UNSET
                                               : V_NONE;
        if (k != V_NONE) {
            if (prop < P_COUNT) {
                push_kind(&p, prop, k);
            } else {
                int ls[16];
                int n = shorthand_longhands(prop, ls);
                for (int i = 0; i < n; i++)
                    push_kind(&p, ls[i], k);
            }
            return;
        }
    }
    size_t before = out->len;
    bool ok;
    if (prop < P_COUNT) {
        css_value v;
        memset(&v, 0, sizeof v);
        ok = longhand(&p, &v);
        if (ok)
            push(&p, prop, &v);
    } else {
        ok = shorthand(&p);
    }
    if (!ok) {
        out->len = before; /* a shorthand is all or nothing */
        invalid(&p);
    }
}
