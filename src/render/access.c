/* What a screen reader is told in words: text strings of the structure
 * tree, the descriptions made for charts, and (--pdfua) what only the
 * author can fix, reported at its place in the source. */
#include "tags.h"

#include <math.h>
#include <string.h>

/* A PDF text string: printable ASCII as it is (PDFDocEncoding), anything
 * else as FE FF and UTF-16BE with surrogate pairs (libharu's own strings
 * are 16-bit only). */
static bool printable_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 0x20 || s[i] >= 0x7F)
            return false;
    return true;
}

static void *text_string(render_ctx *r, const char *s, size_t n)
{
    if (printable_ascii(s, n))
        return HPDF_String_New(r->pdf->mmgr, render_scratch(r, s, n), NULL);
    unsigned char *buf = arena_alloc(r->a, 2 + 4 * n + 2), *o = buf;
    *o++ = 0xFE;
    *o++ = 0xFF;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_next(s + i, n - i, &cp);
        i += (size_t)(k > 0 ? k : 1);
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            *o++ = (unsigned char)(hi >> 8), *o++ = (unsigned char)hi;
            *o++ = (unsigned char)(lo >> 8), *o++ = (unsigned char)lo;
        } else {
            *o++ = (unsigned char)(cp >> 8), *o++ = (unsigned char)cp;
        }
    }
    return HPDF_Binary_New(r->pdf->mmgr, buf, (HPDF_UINT)(o - buf));
}

void *tags_text(render_ctx *r, const char *s)
{
    return text_string(r, s, strlen(s));
}

/* The same string written as PDF text: printable ASCII as a literal
 * string, anything else as UTF-16BE in hexadecimal. */
void tags_put_text(strbuf *sb, const char *s)
{
    size_t n = strlen(s);
    if (!printable_ascii(s, n)) {
        sb_puts(sb, "<FEFF");
        render_put_utf16_hex(sb, s, n);
        sb_putc(sb, '>');
        return;
    }
    sb_putc(sb, '(');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
            sb_putc(sb, '\\');
        sb_putc(sb, s[i]);
    }
    sb_putc(sb, ')');
}

/* A name: "/" and its bytes, those outside ! to ~ and PDF's delimiters
 * as #xx. */
void tags_put_name(strbuf *sb, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    sb_putc(sb, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p <= ' ' || *p >= 0x7F || strchr("#()<>[]{}/%", *p)) {
            sb_putc(sb, '#');
            sb_putc(sb, hex[*p >> 4]);
            sb_putc(sb, hex[*p & 15]);
        } else {
            sb_putc(sb, (char)*p);
        }
    }
}

/* "Bar chart, Polling stations observed: Observed 128; Assessed 58" */
char *tags_chart_alt(arena *a, const doc_node *n)
{
    const doc_chart *ch = n->u.chart;
    strbuf sb;
    sb_init(&sb, a);
    if (!ch)
        return "Chart";
    switch (ch->kind) {
    case CHART_BAR: sb_puts(&sb, "Bar chart"); break;
    case CHART_HBAR: sb_puts(&sb, "Horizontal bar chart"); break;
    case CHART_STACKED: sb_puts(&sb, "Stacked bar chart"); break;
    case CHART_STACKED_HBAR: sb_puts(&sb, "Stacked horizontal bar chart"); break;
    }
    for (const doc_node *c = n->first; c; c = c->next)
        if (c->kind == DOC_CAPTION) {
            sb_puts(&sb, ", ");
            sb_puts(&sb, doc_plain_text(a, c));
            break;
        }
    for (int i = 0; i < ch->nlabels; i++) {
        sb_puts(&sb, i ? "; " : ": ");
        sb_puts(&sb, ch->labels[i] ? ch->labels[i] : "");
        for (int s = 0; s < ch->nseries; s++) {
            double v = ch->values[i * ch->nseries + s];
            if (ch->nseries > 1)
                sb_printf(&sb, "%s %s", s ? "," : "", ch->series[s] ? ch->series[s] : "");
            if (isnan(v))
                sb_puts(&sb, " no value");
            else
                sb_printf(&sb, " %g%s%s", v, ch->unit ? " " : "", ch->unit ? ch->unit : "");
        }
    }
    return sb.data;
}

/* ---- what only the author can fix (--pdfua) ----------------------------- */

int render_check_accessible(arena *a, diag *d, const doc_document *doc)
{
    int errors = 0;
    const char *title = doc_meta_get(doc, "title");
    if (!title || !*title) {
        ERROR(d, doc->root->pos, "PDF/UA needs a document title: add 'title:' to the front matter");
        errors++;
    }
    int level = 0; /* of the last heading */
    for (const doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind == DOC_IMAGE && !(n->text && n->len) && !*doc_plain_text(a, n)) {
            ERROR(d, n->pos, "image '%s' has no description, which PDF/UA needs for a screen reader: "
                  "write what it shows between the brackets, ![...](%s)",
                  n->u.link.url ? n->u.link.url : "", n->u.link.url ? n->u.link.url : "");
            errors++;
        } else if (n->kind == DOC_HEADING) {
            if (n->u.heading.level > level + 1) {
                if (level)
                    ERROR(d, n->pos, "a level-%d heading follows a level-%d one; PDF/UA does not allow skipping a level",
                          n->u.heading.level, level);
                else
                    ERROR(d, n->pos, "the first heading is at level %d; PDF/UA wants headings to start at level 1",
                          n->u.heading.level);
                errors++;
            }
            level = n->u.heading.level;
        } else if (n->kind == DOC_TABLE && n->u.table.header_rows == 0) {
            ERROR(d, n->pos, "the table has no header row, which PDF/UA needs to say what its columns hold "
                  "(CSV tables: ':header-rows: 1')");
            errors++;
        }
    }
    return errors;
}
