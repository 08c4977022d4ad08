/* Math spans, $…$ and $$…$$, as a cmark-gfm syntax extension: the inline
 * parser hands us each '$' before it processes backslash escapes, so the
 * span keeps what the author wrote (\, \{ \$ stay as typed), which a pass
 * over the finished tree cannot do. The rules are pandoc's: the opening $
 * has a non-space on its right, the closing $ a non-space on its left and
 * no digit after it ("$5 and $6" is money). A span is a code node marked
 * through its user data; the tree builder turns it into code of class
 * "math". */
#include "parse_internal.h"

#include <cmark-gfm-extension_api.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>

/* Inline math longer than this is not looked for: each '$' scans ahead,
 * and a paragraph of many dollars must not take quadratic time. */
#define MATH_SCAN_MAX 4096

/* What a math node carries as its user data (the library has no setter
 * for an extension node's source position). */
typedef struct {
    math_kind kind;
    int line, col;
} math_span;

static void free_span(cmark_mem *mem, void *span)
{
    (void)mem;
    free(span);
}

/* Whether pos lies inside the parser's text (peeking past it is not
 * checked by the library). */
static bool in_text(cmark_inline_parser *ip, int pos)
{
    int saved = cmark_inline_parser_get_offset(ip);
    cmark_inline_parser_set_offset(ip, pos);
    bool inside = !cmark_inline_parser_is_eof(ip);
    cmark_inline_parser_set_offset(ip, saved);
    return inside;
}

static int peek(cmark_inline_parser *ip, int pos)
{
    return in_text(ip, pos) ? cmark_inline_parser_peek_at(ip, pos) : -1;
}

/* The closing delimiter of a span whose text starts at `from`, or -1. */
static int find_close(cmark_inline_parser *ip, int from, bool display)
{
    for (int k = from; k < from + MATH_SCAN_MAX; k++) {
        int ch = peek(ip, k);
        if (ch < 0)
            return -1;
        if (ch == '\\') { /* an escaped dollar closes nothing */
            k++;
            continue;
        }
        if (ch != '$')
            continue;
        if (display) {
            if (peek(ip, k + 1) == '$')
                return k > from ? k : -1;
            continue;
        }
        int before = peek(ip, k - 1), after = peek(ip, k + 1);
        if (k == from || before == ' ' || before == '\t' || before == '\n')
            return -1; /* "$ " never closes; nor does an empty span */
        if (after >= 0 && isdigit(after))
            return -1;
        return k;
    }
    return -1;
}

static char *span_text(cmark_inline_parser *ip, int from, int to)
{
    char *s = malloc((size_t)(to - from) + 1);
    if (!s)
        return NULL;
    for (int k = from; k < to; k++)
        s[k - from] = (char)cmark_inline_parser_peek_at(ip, k);
    s[to - from] = 0;
    return s;
}

static cmark_node *match_math(cmark_syntax_extension *ext, cmark_parser *parser, cmark_node *parent,
                              unsigned char character, cmark_inline_parser *ip)
{
    (void)ext;
    (void)parser;
    (void)parent;
    if (character != '$')
        return NULL;
    int at = cmark_inline_parser_get_offset(ip);
    bool display = peek(ip, at + 1) == '$';
    int from = at + (display ? 2 : 1);
    int first = peek(ip, from);
    if (first < 0 || (!display && (first == ' ' || first == '\t' || first == '\n')))
        return NULL;
    int to = find_close(ip, from, display);
    if (to < 0)
        return NULL;
    char *text = span_text(ip, from, to);
    math_span *span = malloc(sizeof *span);
    if (!text || !span) {
        free(text);
        free(span);
        return NULL;
    }
    *span = (math_span){display ? MATH_DISPLAY : MATH_INLINE, cmark_inline_parser_get_line(ip),
                        cmark_inline_parser_get_column(ip)};
    cmark_node *code = cmark_node_new_with_mem(CMARK_NODE_CODE, cmark_get_default_mem_allocator());
    cmark_node_set_literal(code, text);
    free(text);
    cmark_node_set_user_data(code, span);
    cmark_node_set_user_data_free_func(code, free_span);
    cmark_inline_parser_set_offset(ip, to + (display ? 2 : 1));
    return code;
}

cmark_syntax_extension *math_extension_new(void)
{
    cmark_syntax_extension *ext = cmark_syntax_extension_new("dossier-math");
    cmark_llist *chars = cmark_llist_append(cmark_get_default_mem_allocator(), NULL, (void *)(uintptr_t)'$');
    cmark_syntax_extension_set_special_inline_chars(ext, chars);
    cmark_syntax_extension_set_match_inline_func(ext, match_math);
    return ext;
}

void math_extension_free(cmark_syntax_extension *ext)
{
    cmark_syntax_extension_free(cmark_get_default_mem_allocator(), ext);
}

math_kind math_kind_of(cmark_node *n, int *line, int *col)
{
    /* only this extension gives code nodes user data */
    const math_span *span = cmark_node_get_type(n) == CMARK_NODE_CODE ? cmark_node_get_user_data(n) : NULL;
    if (!span)
        return MATH_NONE;
    *line = span->line;
    *col = span->col;
    return span->kind;
}
