/* Quotation marks: open-quote and close-quote in generated content (the
 * default sheet puts them around <q> and the quotations made of straight
 * quotes) drawn with the marks of the `quotes` property, which the
 * sheets set per language. */
#include "layout_internal.h"

#include <string.h>

/* The marks when no sheet sets `quotes` (its initial value). */
static const char *const initial_quotes[] = {"\u201C", "\u201D", "\u2018", "\u2019", NULL};

static bool has_open_quote(const computed_style *pseudo)
{
    if (!pseudo)
        return false;
    for (const content_part *p = pseudo->content; p; p = p->next)
        if (p->kind == CONTENT_OPEN_QUOTE || p->kind == CONTENT_NO_OPEN_QUOTE)
            return true;
    return false;
}

/* The nesting depth of n's quotation: how many quoting elements (those
 * whose ::before opens a quote) hold it. A quotation written with single
 * quotes stands one level in when it is the outermost, so that English
 * 'x' keeps its single marks and Russian 'x' gets „x“. Counting ancestors
 * gives CSS's depth for quotes that open and close in the same element. */
static int quote_depth(lctx *c, const doc_node *n)
{
    int depth = 0;
    const doc_node *outermost = n;
    for (const doc_node *a = n->parent; a; a = a->parent) {
        if (has_open_quote(style_for(c, a)->before)) {
            depth++;
            outermost = a;
        }
    }
    return depth + (doc_is_single_quotation(outermost) ? 1 : 0);
}

const char *quote_mark(lctx *c, const computed_style *cs, const doc_node *n, content_kind k)
{
    if (k != CONTENT_OPEN_QUOTE && k != CONTENT_CLOSE_QUOTE)
        return "";
    const char *const *marks = cs->quotes ? cs->quotes : initial_quotes;
    int pairs = 0;
    while (marks[2 * pairs] && marks[2 * pairs + 1])
        pairs++;
    if (pairs == 0)
        return ""; /* quotes: none */
    int depth = quote_depth(c, n);
    /* deeper than the pairs given: the last pair again */
    int pair = depth < pairs ? depth : pairs - 1;
    return marks[2 * pair + (k == CONTENT_CLOSE_QUOTE ? 1 : 0)];
}

/* Text of the quoting parts of a pseudo-element's content. */
static void put_marks(lctx *c, strbuf *sb, const computed_style *pseudo, const doc_node *n)
{
    if (!pseudo)
        return;
    for (const content_part *p = pseudo->content; p; p = p->next)
        if (p->kind == CONTENT_OPEN_QUOTE || p->kind == CONTENT_CLOSE_QUOTE)
            sb_puts(sb, quote_mark(c, pseudo, n, p->kind));
}

/* doc_plain_text's words, with the marks of the quotations among them
 * and the style sheet's mark for withheld text */
static bool put_quoted(void *ctx, strbuf *sb, const doc_node *n)
{
    lctx *c = ctx;
    if (n->kind == DOC_SPAN && !n->first) {
        /* the mark of withheld text: the style sheet's, in its language */
        const computed_style *before = style_for(c, n)->before;
        if (!before || !before->content)
            return false;
        sb_puts(sb, content_text(c, before->content, n));
        return true;
    }
    if (n->kind != DOC_HTML_INLINE)
        return false;
    const computed_style *cs = style_for(c, n);
    put_marks(c, sb, cs->before, n);
    doc_put_plain_text(sb, n, put_quoted, c);
    put_marks(c, sb, cs->after, n);
    return true;
}

char *quoted_plain_text(lctx *c, const doc_node *n)
{
    strbuf sb;
    sb_init(&sb, c->a);
    doc_put_plain_text(&sb, n, put_quoted, c);
    return sb.data ? sb.data : "";
}
