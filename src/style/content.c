/* Generated content values: `content` (pseudo-elements and margin boxes),
 * `string-set`, `counter-reset` and `counter-increment`, as in CSS 2.1 and
 * CSS Generated Content for Paged Media (string(), content(), leader(),
 * target-counter()). */
#include "css_internal.h"

#include <string.h>

static const struct {
    const char *name;
    list_style ls;
} list_styles[] = {
    {"disc", LIST_DISC},
    {"circle", LIST_CIRCLE},
    {"square", LIST_SQUARE},
    {"decimal", LIST_DECIMAL},
    {"decimal-leading-zero", LIST_DECIMAL_LEADING_ZERO},
    {"lower-alpha", LIST_LOWER_ALPHA},
    {"upper-alpha", LIST_UPPER_ALPHA},
    {"lower-latin", LIST_LOWER_ALPHA},
    {"upper-latin", LIST_UPPER_ALPHA},
    {"lower-roman", LIST_LOWER_ROMAN},
    {"upper-roman", LIST_UPPER_ROMAN},
    {"none", LIST_NONE},
    {"arabic-indic", LIST_ARABIC_INDIC},
    {"persian", LIST_PERSIAN},
};

bool css_list_style_keyword(const char *name, list_style *out)
{
    for (size_t i = 0; i < COUNT_OF(list_styles); i++) {
        if (str_ieq(name, list_styles[i].name)) {
            *out = list_styles[i].ls;
            return true;
        }
    }
    return false;
}

const char *css_list_style_name(list_style ls)
{
    for (size_t i = 0; i < COUNT_OF(list_styles); i++)
        if (list_styles[i].ls == ls)
            return list_styles[i].name;
    return "?";
}

/* ---- token walking ----------------------------------------------------- */

/* Non-whitespace component values of [beg, end) split at top-level commas:
 * the caller walks them with next_item. */
static int next_item(const css_ctx *cx, int i, int end)
{
    while (i < end && cx->t[i].type == CT_WS)
        i++;
    return i;
}

static int after_item(const css_ctx *cx, int i, int end)
{
    int m = cx->t[i].match;
    return m > i ? (m + 1 < end ? m + 1 : end) : i + 1;
}

/* Arguments of the function at f, split at commas: up to max argument
 * ranges, each trimmed of whitespace. Returns the count, or -1 when there
 * are more than max or an argument is empty. */
static int func_args(const css_ctx *cx, int f, int (*args)[2], int max)
{
    int end = cx->t[f].match;
    int n = 0, i = f + 1;
    if (next_item(cx, i, end) >= end)
        return 0;
    for (;;) {
        if (n == max)
            return -1;
        int b = next_item(cx, i, end);
        int j = b;
        while (j < end && cx->t[j].type != CT_COMMA)
            j = after_item(cx, j, end);
        int e = j;
        while (e > b && cx->t[e - 1].type == CT_WS)
            e--;
        if (e <= b)
            return -1;
        args[n][0] = b;
        args[n][1] = e;
        n++;
        if (j >= end)
            return n;
        i = j + 1;
    }
}

/* An argument that is exactly one identifier. */
static const char *ident_arg(const css_ctx *cx, const int *arg)
{
    if (arg[1] - arg[0] != 1 || cx->t[arg[0]].type != CT_IDENT)
        return NULL;
    return cx->t[arg[0]].value;
}

static content_part *part(css_ctx *cx, content_kind k, const char *text)
{
    content_part *p = ARENA_NEW(cx->a, content_part);
    p->kind = k;
    p->text = text;
    p->style = LIST_DECIMAL;
    return p;
}

static bool counter_style_arg(const css_ctx *cx, const int *arg, list_style *ls)
{
    const char *s = ident_arg(cx, arg);
    return s && css_list_style_keyword(s, ls);
}

/* One item of a content list at token i; NULL (with *why) when invalid. */
static content_part *content_item(css_ctx *cx, int i, const char **why)
{
    const css_token *t = &cx->t[i];
    int args[4][2];
    if (t->type == CT_STRING)
        return part(cx, CONTENT_TEXT, t->value);
    if (t->type == CT_IDENT && str_ieq(t->value, "contents"))
        return part(cx, CONTENT_CONTENTS, "");
    if (t->type == CT_IDENT) {
        static const struct { const char *name; content_kind kind; } quote_words[] = {
            {"open-quote", CONTENT_OPEN_QUOTE}, {"close-quote", CONTENT_CLOSE_QUOTE},
            {"no-open-quote", CONTENT_NO_OPEN_QUOTE}, {"no-close-quote", CONTENT_NO_CLOSE_QUOTE},
        };
        for (size_t k = 0; k < COUNT_OF(quote_words); k++)
            if (str_ieq(t->value, quote_words[k].name))
                return part(cx, quote_words[k].kind, "");
        *why = arena_printf(cx->a, "unexpected '%s'", t->value);
        return NULL;
    }
    if (t->type == CT_URL || (t->type == CT_FUNCTION && str_ieq(t->value, "url"))) {
        *why = "images in content are not supported";
        return NULL;
    }
    if (t->type != CT_FUNCTION) {
        *why = "expected strings, counter(), string(), content() or leader()";
        return NULL;
    }
    const char *fn = t->value;
    if (str_ieq(fn, "counter")) {
        int n = func_args(cx, i, args, 2);
        const char *name = n >= 1 ? ident_arg(cx, args[0]) : NULL;
        list_style ls = LIST_DECIMAL;
        if (!name || (n == 2 && !counter_style_arg(cx, args[1], &ls))) {
            *why = "expected counter(name) or counter(name, style)";
            return NULL;
        }
        content_part *p = part(cx, str_eq(name, "pages") ? CONTENT_PAGES : CONTENT_COUNTER,
                               css_intern(cx, name, strlen(name)));
        p->style = ls;
        return p;
    }
    if (str_ieq(fn, "string")) {
        int n = func_args(cx, i, args, 2);
        const char *name = n >= 1 ? ident_arg(cx, args[0]) : NULL;
        const char *which = n == 2 ? ident_arg(cx, args[1]) : "first";
        if (!name || !which ||
            !(str_ieq(which, "first") || str_ieq(which, "start") || str_ieq(which, "last") ||
              str_ieq(which, "first-except"))) {
            *why = "expected string(name) or string(name, first|start|last|first-except)";
            return NULL;
        }
        content_part *p = part(cx, CONTENT_STRING, css_intern(cx, name, strlen(name)));
        p->which = str_ieq(which, "start") ? STRING_START
                   : str_ieq(which, "last") ? STRING_LAST
                   : str_ieq(which, "first-except") ? STRING_FIRST_EXCEPT
                                                     : STRING_FIRST;
        return p;
    }
    if (str_ieq(fn, "content")) {
        int n = func_args(cx, i, args, 1);
        const char *which = n == 1 ? ident_arg(cx, args[0]) : NULL;
        if (n == 0 || (which && str_ieq(which, "text")))
            return part(cx, CONTENT_CONTENTS, "");
        *why = "only content() and content(text) are supported";
        return NULL;
    }
    if (str_ieq(fn, "leader")) {
        int n = func_args(cx, i, args, 1);
        const char *text = NULL;
        if (n == 1 && args[0][1] - args[0][0] == 1) {
            const css_token *a = &cx->t[args[0][0]];
            if (a->type == CT_STRING)
                text = a->value;
            else if (a->type == CT_IDENT && str_ieq(a->value, "dotted"))
                text = ". ";
            else if (a->type == CT_IDENT && str_ieq(a->value, "solid"))
                text = "_";
            else if (a->type == CT_IDENT && str_ieq(a->value, "space"))
                text = " ";
        }
        if (!text) {
            *why = "expected leader(dotted), leader(solid), leader(space) or leader(\"string\")";
            return NULL;
        }
        return part(cx, CONTENT_LEADER, text);
    }
    if (str_ieq(fn, "target-counter")) {
        int n = func_args(cx, i, args, 3);
        bool ok = n >= 2;
        if (ok) {
            /* the first argument must be attr(href) */
            const css_token *a = &cx->t[args[0][0]];
            int inner[1][2];
            ok = args[0][1] - args[0][0] == a->match - args[0][0] + 1 && a->type == CT_FUNCTION &&
                 str_ieq(a->value, "attr") && func_args(cx, args[0][0], inner, 1) == 1 &&
                 ident_arg(cx, inner[0]) && str_ieq(ident_arg(cx, inner[0]), "href");
        }
        const char *name = ok ? ident_arg(cx, args[1]) : NULL;
        list_style ls = LIST_DECIMAL;
        if (!name || (n == 3 && !counter_style_arg(cx, args[2], &ls))) {
            *why = "expected target-counter(attr(href), page) or target-counter(attr(href), page, style)";
            return NULL;
        }
        content_part *p = part(cx, CONTENT_TARGET_COUNTER, css_intern(cx, name, strlen(name)));
        p->style = ls;
        return p;
    }
    if (str_ieq(fn, "attr"))
        *why = "attr() is not supported here";
    else if (str_ieq(fn, "counters"))
        *why = "counters() is not supported; use counter()";
    else
        *why = arena_printf(cx->a, "unknown function '%s()'", fn);
    return NULL;
}

/* A content list [beg, end): one or more items. */
static const content_part *content_list(css_ctx *cx, int beg, int end, const char **why)
{
    content_part *head = NULL, **tail = &head;
    int count = 0;
    for (int i = next_item(cx, beg, end); i < end; i = next_item(cx, after_item(cx, i, end), end)) {
        if (++count > CSS_MAX_PARTS) {
            *why = "too many items";
            return NULL;
        }
        content_part *p = content_item(cx, i, why);
        if (!p)
            return NULL;
        *tail = p;
        tail = &p->next;
    }
    if (!head)
        *why = "empty";
    return head;
}

/* The value is the keyword `kw` alone: out becomes that keyword. */
static bool lone_keyword(css_ctx *cx, int beg, int end, const char *kw, int value, css_value *out)
{
    int i = next_item(cx, beg, end);
    if (i >= end || cx->t[i].type != CT_IDENT || !str_ieq(cx->t[i].value, kw) || next_item(cx, i + 1, end) < end)
        return false;
    out->kind = V_KEYWORD;
    out->kw = value;
    return true;
}

bool css_parse_content(css_ctx *cx, int beg, int end, css_value *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (lone_keyword(cx, beg, end, "none", CSS_KW_NONE, out) || lone_keyword(cx, beg, end, "normal", CSS_KW_NORMAL, out))
        return true;
    const content_part *list = content_list(cx, beg, end, why);
    if (!list)
        return false;
    out->kind = V_PTR;
    out->ptr = list;
    return true;
}

/* string-set: none | [name content-list]# */
bool css_parse_string_set(css_ctx *cx, int beg, int end, css_value *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (lone_keyword(cx, beg, end, "none", CSS_KW_NONE, out))
        return true;
    int i = next_item(cx, beg, end);
    string_set *head = NULL, **tail = &head;
    int count = 0;
    while (i < end) {
        int j = i;
        while (j < end && cx->t[j].type != CT_COMMA)
            j = after_item(cx, j, end);
        if (++count > CSS_MAX_PARTS) {
            *why = "too many strings";
            return false;
        }
        if (cx->t[i].type != CT_IDENT) {
            *why = "expected a name, then strings, content() or counter()";
            return false;
        }
        const content_part *value = content_list(cx, i + 1, j, why);
        if (!value)
            return false;
        for (const content_part *p = value; p; p = p->next) {
            if (p->kind == CONTENT_LEADER || p->kind == CONTENT_TARGET_COUNTER) {
                *why = "leader() and target-counter() cannot be stored in a string";
                return false;
            }
        }
        string_set *s = ARENA_NEW(cx->a, string_set);
        s->name = css_intern(cx, cx->t[i].value, strlen(cx->t[i].value));
        s->value = value;
        *tail = s;
        tail = &s->next;
        i = j < end ? next_item(cx, j + 1, end) : end;
        if (j < end && i >= end) {
            *why = "nothing after ','";
            return false;
        }
    }
    if (!head) {
        *why = "empty";
        return false;
    }
    out->kind = V_PTR;
    out->ptr = head;
    return true;
}

/* counter-reset / counter-increment: none | [name integer?]+ */
bool css_parse_counters(css_ctx *cx, int beg, int end, int dflt, css_value *out, const char **why)
{
    memset(out, 0, sizeof *out);
    counter_op *head = NULL, **tail = &head;
    int count = 0;
    if (lone_keyword(cx, beg, end, "none", CSS_KW_NONE, out))
        return true;
    int i = next_item(cx, beg, end);
    while (i < end) {
        const css_token *t = &cx->t[i];
        if (t->type != CT_IDENT || str_ieq(t->value, "none") || str_ieq(t->value, "inherit") ||
            str_ieq(t->value, "initial") || str_ieq(t->value, "unset")) {
            *why = "expected counter names, each optionally followed by an integer";
            return false;
        }
        if (++count > CSS_MAX_PARTS) {
            *why = "too many counters";
            return false;
        }
        counter_op *op = ARENA_NEW(cx->a, counter_op);
        op->name = css_intern(cx, t->value, strlen(t->value));
        op->value = dflt;
        i = next_item(cx, i + 1, end);
        if (i < end && cx->t[i].type == CT_NUMBER) {
            if (!cx->t[i].is_int) {
                *why = "a counter value must be an integer";
                return false;
            }
            double v = cx->t[i].num;
            op->value = v > 1e9 ? 1000000000 : v < -1e9 ? -1000000000 : (int)v;
            i = next_item(cx, i + 1, end);
        }
        *tail = op;
        tail = &op->next;
    }
    if (!head) {
        *why = "empty";
        return false;
    }
    out->kind = V_PTR;
    out->ptr = head;
    return true;
}

/* ---- formatting counters ----------------------------------------------- */

static void roman(strbuf *sb, int n, bool upper)
{
    static const struct {
        int v;
        const char *s;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
             {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    for (size_t i = 0; i < COUNT_OF(r); i++) {
        while (n >= r[i].v) {
            for (const char *c = r[i].s; *c; c++)
                sb_putc(sb, upper ? (char)(*c - 32) : *c);
            n -= r[i].v;
        }
    }
}

/* Bijective base 26: 1 a, 26 z, 27 aa, 28 ab. */
static void alpha(strbuf *sb, int n, bool upper)
{
    char buf[16];
    int len = 0;
    unsigned v = (unsigned)n;
    while (v > 0 && len < (int)sizeof buf) {
        v--;
        buf[len++] = (char)((upper ? 'A' : 'a') + (int)(v % 26));
        v /= 26;
    }
    while (len > 0)
        sb_putc(sb, buf[--len]);
}

void style_format_counter(strbuf *sb, int n, list_style ls)
{
    switch (ls) {
    case LIST_NONE:
        return;
    case LIST_DISC:
        sb_put_cp(sb, 0x2022);
        return;
    case LIST_CIRCLE:
        sb_put_cp(sb, 0x25E6);
        return;
    case LIST_SQUARE:
        sb_put_cp(sb, 0x25AA);
        return;
    case LIST_DECIMAL_LEADING_ZERO:
        if (n >= 0 && n < 10) {
            sb_printf(sb, "0%d", n);
            return;
        }
        if (n < 0 && n > -10) {
            sb_printf(sb, "-0%d", -n);
            return;
        }
        break;
    case LIST_LOWER_ROMAN:
    case LIST_UPPER_ROMAN:
        /* CSS's roman styles cover 1..3999 and fall back to decimal */
        if (n >= 1 && n <= 3999) {
            roman(sb, n, ls == LIST_UPPER_ROMAN);
            return;
        }
        break;
    case LIST_LOWER_ALPHA:
    case LIST_UPPER_ALPHA:
        if (n >= 1) {
            alpha(sb, n, ls == LIST_UPPER_ALPHA);
            return;
        }
        break;
    case LIST_ARABIC_INDIC:
    case LIST_PERSIAN: {
        /* CSS Counter Styles: numeric, the digits U+0660.. or U+06F0.. */
        char digits[16];
        snprintf(digits, sizeof digits, "%d", n);
        for (const char *d = digits; *d; d++)
            if (*d == '-')
                sb_putc(sb, '-');
            else
                sb_put_cp(sb, (uint32_t)((ls == LIST_PERSIAN ? 0x06F0 : 0x0660) + (*d - '0')));
        return;
    }
    default:
        break;
    }
    sb_printf(sb, "%d", n);
}
