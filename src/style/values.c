/* Component values: lengths (to points) and colours (0xRRGGBBAA). */
#include "css_internal.h"

#include <math.h>
#include <string.h>

/* ---- lengths ------------------------------------------------------------- */

static const struct {
    const char *unit;
    float pt; /* points per unit; 0 = relative */
    css_unit rel;
} units[] = {
    {"pt", 1.0f, U_PT},
    {"px", 0.75f, U_PT},
    {"in", 72.0f, U_PT},
    {"cm", 72.0f / 2.54f, U_PT},
    {"mm", 72.0f / 25.4f, U_PT},
    {"q", 72.0f / 101.6f, U_PT},
    {"pc", 12.0f, U_PT},
    {"em", 0, U_EM},
    {"ex", 0, U_EX},
    {"rem", 0, U_REM},
};

bool css_length(const css_token *t, bool allow_pct, css_value *out)
{
    memset(out, 0, sizeof *out);
    out->kind = V_LENGTH;
    out->unit = U_PT;
    if (t->type == CT_NUMBER) {
        /* unitless zero is the only unitless length */
        return t->num == 0;
    }
    if (t->type == CT_PERCENTAGE) {
        if (!allow_pct)
            return false;
        out->unit = U_PCT;
        out->num = (float)t->num;
        return true;
    }
    if (t->type != CT_DIMENSION)
        return false;
    for (size_t i = 0; i < COUNT_OF(units); i++) {
        if (str_ieq(t->value, units[i].unit)) {
            if (units[i].pt > 0) {
                out->num = (float)(t->num * units[i].pt);
            } else {
                out->unit = (uint8_t)units[i].rel;
                out->num = (float)t->num;
            }
            return isfinite(out->num);
        }
    }
    return false;
}

float css_resolve_len(const css_value *v, float em, float rem, float pct_base)
{
    switch (v->unit) {
    case U_EM: return v->num * em;
    case U_EX: return v->num * em * 0.5f; /* no x-height before fonts: CSS's fallback */
    case U_REM: return v->num * rem;
    case U_PCT: return v->num * pct_base / 100.0f;
    default: return v->num;
    }
}

/* ---- colours ------------------------------------------------------------- */

/* CSS Color 4's named colours, sorted for bsearch. */
static const struct named {
    const char *name;
    uint32_t rgb;
} named_colors[] = {
    {"aliceblue", 0xf0f8ff}, {"antiquewhite", 0xfaebd7}, {"aqua", 0x00ffff},
    {"aquamarine", 0x7fffd4}, {"azure", 0xf0ffff}, {"beige", 0xf5f5dc},
    {"bisque", 0xffe4c4}, {"black", 0x000000}, {"blanchedalmond", 0xffebcd},
    {"blue", 0x0000ff}, {"blueviolet", 0x8a2be2}, {"brown", 0xa52a2a},
    {"burlywood", 0xdeb887}, {"cadetblue", 0x5f9ea0}, {"chartreuse", 0x7fff00},
    {"chocolate", 0xd2691e}, {"coral", 0xff7f50}, {"cornflowerblue", 0x6495ed},
    {"cornsilk", 0xfff8dc}, {"crimson", 0xdc143c}, {"cyan", 0x00ffff},
    {"darkblue", 0x00008b}, {"darkcyan", 0x008b8b}, {"darkgoldenrod", 0xb8860b},
    {"darkgray", 0xa9a9a9}, {"darkgreen", 0x006400}, {"darkgrey", 0xa9a9a9},
    {"darkkhaki", 0xbdb76b}, {"darkmagenta", 0x8b008b}, {"darkolivegreen", 0x556b2f},
    {"darkorange", 0xff8c00}, {"darkorchid", 0x9932cc}, {"darkred", 0x8b0000},
    {"darksalmon", 0xe9967a}, {"darkseagreen", 0x8fbc8f}, {"darkslateblue", 0x483d8b},
    {"darkslategray", 0x2f4f4f}, {"darkslategrey", 0x2f4f4f}, {"darkturquoise", 0x00ced1},
    {"darkviolet", 0x9400d3}, {"deeppink", 0xff1493}, {"deepskyblue", 0x00bfff},
    {"dimgray", 0x696969}, {"dimgrey", 0x696969}, {"dodgerblue", 0x1e90ff},
    {"firebrick", 0xb22222}, {"floralwhite", 0xfffaf0}, {"forestgreen", 0x228b22},
    {"fuchsia", 0xff00ff}, {"gainsboro", 0xdcdcdc}, {"ghostwhite", 0xf8f8ff},
    {"gold", 0xffd700}, {"goldenrod", 0xdaa520}, {"gray", 0x808080},
    {"green", 0x008000}, {"greenyellow", 0xadff2f}, {"grey", 0x808080},
    {"honeydew", 0xf0fff0}, {"hotpink", 0xff69b4}, {"indianred", 0xcd5c5c},
    {"indigo", 0x4b0082}, {"ivory", 0xfffff0}, {"khaki", 0xf0e68c},
    {"lavender", 0xe6e6fa}, {"lavenderblush", 0xfff0f5}, {"lawngreen", 0x7cfc00},
    {"lemonchiffon", 0xfffacd}, {"lightblue", 0xadd8e6}, {"lightcoral", 0xf08080},
    {"lightcyan", 0xe0ffff}, {"lightgoldenrodyellow", 0xfafad2}, {"lightgray", 0xd3d3d3},
    {"lightgreen", 0x90ee90}, {"lightgrey", 0xd3d3d3}, {"lightpink", 0xffb6c1},
    {"lightsalmon", 0xffa07a}, {"lightseagreen", 0x20b2aa}, {"lightskyblue", 0x87cefa},
    {"lightslategray", 0x778899}, {"lightslategrey", 0x778899}, {"lightsteelblue", 0xb0c4de},
    {"lightyellow", 0xffffe0}, {"lime", 0x00ff00}, {"limegreen", 0x32cd32},
    {"linen", 0xfaf0e6}, {"magenta", 0xff00ff}, {"maroon", 0x800000},
    {"mediumaquamarine", 0x66cdaa}, {"mediumblue", 0x0000cd}, {"mediumorchid", 0xba55d3},
    {"mediumpurple", 0x9370db}, {"mediumseagreen", 0x3cb371}, {"mediumslateblue", 0x7b68ee},
    {"mediumspringgreen", 0x00fa9a}, {"mediumturquoise", 0x48d1cc}, {"mediumvioletred", 0xc71585},
    {"midnightblue", 0x191970}, {"mintcream", 0xf5fffa}, {"mistyrose", 0xffe4e1},
    {"moccasin", 0xffe4b5}, {"navajowhite", 0xffdead}, {"navy", 0x000080},
    {"oldlace", 0xfdf5e6}, {"olive", 0x808000}, {"olivedrab", 0x6b8e23},
    {"orange", 0xffa500}, {"orangered", 0xff4500}, {"orchid", 0xda70d6},
    {"palegoldenrod", 0xeee8aa}, {"palegreen", 0x98fb98}, {"paleturquoise", 0xafeeee},
    {"palevioletred", 0xdb7093}, {"papayawhip", 0xffefd5}, {"peachpuff", 0xffdab9},
    {"peru", 0xcd853f}, {"pink", 0xffc0cb}, {"plum", 0xdda0dd},
    {"powderblue", 0xb0e0e6}, {"purple", 0x800080}, {"rebeccapurple", 0x663399},
    {"red", 0xff0000}, {"rosybrown", 0xbc8f8f}, {"royalblue", 0x4169e1},
    {"saddlebrown", 0x8b4513}, {"salmon", 0xfa8072}, {"sandybrown", 0xf4a460},
    {"seagreen", 0x2e8b57}, {"seashell", 0xfff5ee}, {"sienna", 0xa0522d},
    {"silver", 0xc0c0c0}, {"skyblue", 0x87ceeb}, {"slateblue", 0x6a5acd},
    {"slategray", 0x708090}, {"slategrey", 0x708090}, {"snow", 0xfffafa},
    {"springgreen", 0x00ff7f}, {"steelblue", 0x4682b4}, {"tan", 0xd2b48c},
    {"teal", 0x008080}, {"thistle", 0xd8bfd8}, {"tomato", 0xff6347},
    {"turquoise", 0x40e0d0}, {"violet", 0xee82ee}, {"wheat", 0xf5deb3},
    {"white", 0xffffff}, {"whitesmoke", 0xf5f5f5}, {"yellow", 0xffff00},
    {"yellowgreen", 0x9acd32},
};

int css_named_color_count(void)
{
    return (int)COUNT_OF(named_colors);
}

bool css_named_color(const char *name, rgba *out)
{
    char low[32];
    size_t n = strlen(name);
    if (n >= sizeof low)
        return false;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    if (strcmp(low, "transparent") == 0) {
        *out = RGBA_NONE;
        return true;
    }
    size_t lo = 0, hi = COUNT_OF(named_colors);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(low, named_colors[mid].name);
        if (c == 0) {
            *out = named_colors[mid].rgb << 8 | 0xFF;
            return true;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

static int hexv(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool hex_color(const char *s, rgba *out)
{
    size_t n = strlen(s);
    int v[8];
    if (n != 3 && n != 4 && n != 6 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((v[i] = hexv(s[i])) < 0)
            return false;
    uint32_t r, g, b, al = 255;
    if (n <= 4) {
        r = (uint32_t)v[0] * 17;
        g = (uint32_t)v[1] * 17;
        b = (uint32_t)v[2] * 17;
        if (n == 4)
            al = (uint32_t)v[3] * 17;
    } else {
        r = (uint32_t)(v[0] * 16 + v[1]);
        g = (uint32_t)(v[2] * 16 + v[3]);
        b = (uint32_t)(v[4] * 16 + v[5]);
        if (n == 8)
            al = (uint32_t)(v[6] * 16 + v[7]);
    }
    *out = r << 24 | g << 16 | b << 8 | al;
    return true;
}

static uint32_t clamp_byte(double v)
{
    if (!(v > 0))
        return 0;
    if (v >= 255)
        return 255;
    return (uint32_t)lround(v);
}

/* A channel: number 0..255 or percentage. */
static double channel(const css_token *t)
{
    return t->type == CT_PERCENTAGE ? t->num * 255.0 / 100.0 : t->num;
}

static double alpha_of(const css_token *t)
{
    return (t->type == CT_PERCENTAGE ? t->num / 100.0 : t->num) * 255.0;
}

static double hue_of(const css_token *t, bool *ok)
{
    *ok = true;
    if (t->type == CT_NUMBER)
        return t->num;
    if (t->type == CT_DIMENSION) {
        if (str_ieq(t->value, "deg"))
            return t->num;
        if (str_ieq(t->value, "turn"))
            return t->num * 360;
        if (str_ieq(t->value, "rad"))
            return t->num * 57.29577951308232;
        if (str_ieq(t->value, "grad"))
            return t->num * 0.9;
    }
    *ok = false;
    return 0;
}

static double hsl_f(double n, double h, double s, double l)
{
    double k = fmod(n + h / 30, 12);
    double a = s * (l < 1 - l ? l : 1 - l);
    double m = k - 3 < 9 - k ? k - 3 : 9 - k;
    if (m > 1)
        m = 1;
    if (m < -1)
        m = -1;
    return l - a * m;
}

/* rgb()/rgba()/hsl()/hsla(), comma or space syntax ("r g b / a"). */
static bool color_function(css_ctx *cx, int f, rgba *out)
{
    const css_token *ft = &cx->t[f];
    bool hsl = str_ieq(ft->value, "hsl") || str_ieq(ft->value, "hsla");
    if (!hsl && !str_ieq(ft->value, "rgb") && !str_ieq(ft->value, "rgba"))
        return false;
    const css_token *v[4];
    int n = 0, commas = 0, slash = -1;
    bool after_sep = true; /* at the start or after ',' or '/' */
    for (int i = f + 1; i < ft->match; i++) {
        const css_token *t = &cx->t[i];
        if (t->type == CT_WS)
            continue;
        if (t->type == CT_COMMA || (t->type == CT_DELIM && t->delim == '/')) {
            if (n == 0 || after_sep)
                return false;
            if (t->type == CT_COMMA)
                commas++;
            else if (slash >= 0)
                return false;
            else
                slash = n;
            after_sep = true;
            continue;
        }
        if (t->type != CT_NUMBER && t->type != CT_PERCENTAGE && !(hsl && n == 0 && t->type == CT_DIMENSION))
            return false;
        if (n == 4 || (!after_sep && commas > 0))
            return false; /* comma syntax needs a comma between values */
        v[n++] = t;
        after_sep = false;
    }
    if ((n != 3 && n != 4) || after_sep)
        return false;
    if (commas > 0 ? (commas != n - 1 || slash >= 0) : (n == 4 ? slash != 3 : slash >= 0))
        return false;
    double al = n == 4 ? alpha_of(v[3]) : 255;
    double r, g, b;
    if (hsl) {
        bool ok;
        double h = hue_of(v[0], &ok);
        if (!ok || v[1]->type != CT_PERCENTAGE || v[2]->type != CT_PERCENTAGE)
            return false;
        h = fmod(h, 360);
        if (h < 0)
            h += 360;
        double s = v[1]->num / 100, l = v[2]->num / 100;
        s = s < 0 ? 0 : s > 1 ? 1 : s;
        l = l < 0 ? 0 : l > 1 ? 1 : l;
        r = hsl_f(0, h, s, l) * 255;
        g = hsl_f(8, h, s, l) * 255;
        b = hsl_f(4, h, s, l) * 255;
    } else {
        r = channel(v[0]);
        g = channel(v[1]);
        b = channel(v[2]);
    }
    *out = clamp_byte(r) << 24 | clamp_byte(g) << 16 | clamp_byte(b) << 8 | clamp_byte(al);
    return true;
}

/* The colour at token i (not whitespace). *next receives the index after
 * it. currentColor is not a colour here: callers treat it as its own value. */
bool css_parse_color(css_ctx *cx, int i, int end, int *next, rgba *out)
{
    const css_token *t = &cx->t[i];
    *next = i + 1;
    if (t->type == CT_HASH)
        return hex_color(t->value, out);
    if (t->type == CT_IDENT)
        return css_named_color(t->value, out);
    if (t->type == CT_FUNCTION) {
        int m = t->match;
        *next = m + 1 < end ? m + 1 : end;
        return color_function(cx, i, out);
    }
    return false;
}
