/* Colon fences (MyST's ":::{note}") and pandoc's fenced divs ("::: {.class}",
 * "::: name") are rewritten as backtick-fenced directives before cmark
 * sees the text, so one directive machinery serves all three. Nested
 * fences get longer backtick runs outward, so no inner fence (colon or
 * code) closes an outer one; lines keep their numbers. */
#include "parse_internal.h"

#include <ctype.h>
#include <string.h>

typedef struct {
    size_t start, end;  /* the line, without its newline */
    int indent;         /* spaces before the fence */
    bool opener;
    const char *info;   /* opener: "{name attrs} argument" */
    int need;           /* longest fence inside it */
    int ticks;          /* backticks it gets */
    int pair;           /* closer: its opener's index, or -1 */
} colon_line;

/* A backtick or tilde fence at s (after up to three spaces): its length
 * and character, 0 when there is none. */
static int code_fence(const char *s, size_t n, char *ch)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i >= n || (s[i] != '`' && s[i] != '~'))
        return 0;
    char c = s[i];
    size_t k = i;
    while (k < n && s[k] == c)
        k++;
    if (k - i < 3)
        return 0;
    if (c == '`' && memchr(s + k, '`', n - k))
        return 0; /* a backtick fence's info may not hold a backtick */
    *ch = c;
    return (int)(k - i);
}

static bool only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* Pandoc's "{#id .class key=value}": the first class names the directive,
 * the rest go on as attributes. NULL when it is not such a block. */
static const char *pandoc_info(arena *a, const char *s, size_t n)
{
    if (n < 2 || s[0] != '{' || s[n - 1] != '}')
        return NULL;
    const char *p = s + 1, *end = s + n - 1;
    const char *name = NULL;
    size_t name_len = 0;
    strbuf rest;
    sb_init(&rest, a);
    while (p < end) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        const char *w = p;
        while (p < end && !isspace((unsigned char)*p))
            p++;
        if (p == w)
            break;
        if (*w == '.' && !name) {
            name = w + 1;
            name_len = (size_t)(p - w - 1);
        } else {
            sb_putc(&rest, ' ');
            sb_append(&rest, w, (size_t)(p - w));
        }
    }
    if (!name || !name_len)
        return arena_printf(a, "{div%s}", rest.len ? rest.data : "");
    return arena_printf(a, "{%.*s%s}", (int)name_len, name, rest.len ? rest.data : "");
}

/* The info a colon fence's opener gives, rewritten for a backtick fence;
 * NULL when the line is not an opener. */
static const char *opener_info(arena *a, const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    /* pandoc allows closing colons on the opener: "::: name :::" */
    while (n && s[n - 1] == ':')
        n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    if (!n)
        return NULL;
    if (*s == '{') {
        const char *close = memchr(s, '}', n);
        if (!close)
            return NULL;
        /* MyST: {name} argument; pandoc: {.class ...} alone */
        if (s[1] == '.' || s[1] == '#') {
            if ((size_t)(close - s) + 1 != n)
                return NULL;
            return pandoc_info(a, s, n);
        }
        return arena_strndup(a, s, n);
    }
    /* pandoc: a bare word names the div */
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
            return NULL;
    return arena_printf(a, "{%.*s}", (int)n, s);
}

/* Closes the innermost open fence: its backticks outnumber those of the
 * fences inside it, and its parent's must outnumber its own. Returns the
 * opener's line. */
static int close_fence(vec *lines, vec *stack)
{
    int open = VEC_AT(stack, int, --stack->len);
    colon_line *o = &VEC_AT(lines, colon_line, open);
    o->ticks = MAX(3, o->need + 1);
    if (stack->len) {
        colon_line *parent = &VEC_AT(lines, colon_line, VEC_AT(stack, int, stack->len - 1));
        parent->need = MAX(parent->need, o->ticks);
    }
    return open;
}

char *fences_rewrite(arena *a, const char *text, size_t len, size_t *out_len)
{
    if (!mem_find(text, len, ":::", 3)) {
        *out_len = len;
        return (char *)text;
    }
    vec lines;
    vec_init(&lines, sizeof(colon_line));
    vec stack; /* indexes of open colon fences */
    vec_init(&stack, sizeof(int));
    char code_ch = 0;
    int code_len = 0;
    bool changed = false;
    for (size_t i = 0; i <= len;) {
        const char *s = text + i;
        const char *nl = memchr(s, '\n', len - i);
        size_t n = nl ? (size_t)(nl - s) : len - i;
        size_t next = i + n + 1;
        char ch = 0;
        int fl = code_fence(s, n, &ch);
        if (code_ch) {
            /* inside fenced code: only its closing fence matters */
            if (fl >= code_len && ch == code_ch) {
                size_t k = 0;
                while (k < n && (s[k] == ' ' || s[k] == ch))
                    k++;
                if (only_space(s + k, n - k))
                    code_ch = 0;
            }
        } else if (fl) {
            code_ch = ch;
            code_len = fl;
            if (stack.len) {
                colon_line *top = &VEC_AT(&lines, colon_line, VEC_AT(&stack, int, stack.len - 1));
                if (fl > top->need)
                    top->need = fl;
            }
        } else {
            size_t k = 0;
            while (k < n && k < 3 && s[k] == ' ')
                k++;
            size_t c = k;
            while (c < n && s[c] == ':')
                c++;
            if (c - k >= 3) {
                colon_line cl = {.start = i, .end = i + n, .indent = (int)k, .pair = -1};
                if (only_space(s + c, n - c)) {
                    if (stack.len) {
                        int open = close_fence(&lines, &stack);
                        cl.pair = open;
                        *VEC_PUSH(a, &lines, colon_line) = cl;
                        changed = true;
                    }
                } else {
                    const char *info = opener_info(a, s + c, n - c);
                    if (info) {
                        cl.opener = true;
                        cl.info = info;
                        *VEC_PUSH(a, &lines, colon_line) = cl;
                        *VEC_PUSH(a, &stack, int) = (int)lines.len - 1;
                        changed = true;
                    }
                }
            }
        }
        if (!nl)
            break;
        i = next;
    }
    /* fences left open run to the end, as cmark's do */
    while (stack.len)
        close_fence(&lines, &stack);
    if (!changed) {
        *out_len = len;
        return (char *)text;
    }
    strbuf sb;
    sb_init(&sb, a);
    size_t at = 0;
    for (size_t i = 0; i < lines.len; i++) {
        colon_line *cl = &VEC_AT(&lines, colon_line, i);
        if (!cl->opener && cl->pair < 0)
            continue;
        sb_append(&sb, text + at, cl->start - at);
        for (int k = 0; k < cl->indent; k++)
            sb_putc(&sb, ' ');
        int ticks = cl->opener ? cl->ticks : VEC_AT(&lines, colon_line, cl->pair).ticks;
        for (int k = 0; k < ticks; k++)
            sb_putc(&sb, '`');
        if (cl->opener)
            sb_puts(&sb, cl->info);
        at = cl->end;
    }
    sb_append(&sb, text + at, len - at);
    *out_len = sb.len;
    return sb.data;
}
