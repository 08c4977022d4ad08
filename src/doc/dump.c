/* --dump=tree: the document tree as indented text, one node a line. */
#include "doc.h"

#include <math.h>
#include <string.h>

static void put_quoted(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static const char *align_name(doc_align a)
{
    switch (a) {
    case ALIGN_LEFT: return "l";
    case ALIGN_CENTER: return "c";
    case ALIGN_RIGHT: return "r";
    default: return "-";
    }
}

static void dump_node(FILE *out, const doc_node *n, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
    fputs(doc_kind_name(n->kind), out);
    switch (n->kind) {
    case DOC_HEADING:
        fprintf(out, " level=%d id=%s", n->u.heading.level, n->u.heading.id ? n->u.heading.id : "");
        break;
    case DOC_LIST:
        fprintf(out, " %s", n->u.list.ordered ? "ordered" : "bullet");
        if (n->u.list.ordered)
            fprintf(out, " start=%d", n->u.list.start);
        fprintf(out, " %s", n->u.list.tight ? "tight" : "loose");
        break;
    case DOC_ITEM:
        if (n->u.item.task >= 0)
            fprintf(out, " task=%s", n->u.item.task ? "done" : "open");
        break;
    case DOC_CODE_BLOCK:
        if (n->u.code.info && *n->u.code.info) {
            fputs(" info=", out);
            put_quoted(out, n->u.code.info, strlen(n->u.code.info));
        }
        if (n->u.code.first_number)
            fprintf(out, " numbers-from=%d", n->u.code.first_number);
        for (int i = 0; i < n->u.code.nemphasize; i++)
            fprintf(out, "%s%d", i ? "," : " emphasize=", n->u.code.emphasize[i]);
        break;
    case DOC_TABLE:
        fprintf(out, " cols=%d header-rows=%d align=", n->u.table.ncols, n->u.table.header_rows);
        for (int i = 0; i < n->u.table.ncols; i++)
            fputs(align_name(n->u.table.align[i]), out);
        if (n->u.table.widths) {
            fputs(" widths=", out);
            for (int i = 0; i < n->u.table.ncols; i++)
                fprintf(out, "%s%g", i ? "," : "", n->u.table.widths[i]);
        }
        break;
    case DOC_TABLE_ROW:
        if (n->u.row.header)
            fputs(" header", out);
        break;
    case DOC_TABLE_CELL:
        fprintf(out, " col=%d align=%s", n->u.cell.col, align_name(n->u.cell.align));
        break;
    case DOC_CONTAINER:
        fprintf(out, " name=%s", n->u.container.name);
        break;
    case DOC_LINK:
    case DOC_IMAGE:
        fputs(" url=", out);
        put_quoted(out, n->u.link.url, strlen(n->u.link.url));
        if (n->u.link.width > 0)
            fprintf(out, " width=%g%s", (double)n->u.link.width, n->u.link.width_percent ? "%" : "pt");
        break;
    case DOC_FOOTNOTE_REF:
        fprintf(out, " label=%s number=%d%s", n->u.fnref.label, n->u.fnref.number,
                n->u.fnref.def ? "" : " undefined");
        break;
    case DOC_FOOTNOTE_DEF:
        fprintf(out, " label=%s number=%d", n->u.fndef.label, n->u.fndef.number);
        break;
    case DOC_CHART: {
        const doc_chart *c = n->u.chart;
        static const char *const kinds[] = {"bar", "hbar", "stacked", "stacked-hbar"};
        fprintf(out, " type=%s labels=%d series=%d", kinds[c->kind], c->nlabels, c->nseries);
        if (c->unit)
            fprintf(out, " unit=%s", c->unit);
        if (!isnan(c->max))
            fprintf(out, " max=%g", c->max);
        break;
    }
    default:
        break;
    }
    if (n->tag)
        fprintf(out, " <%s>", n->tag);
    if (doc_is_single_quotation(n))
        fputs(" single", out);
    if (n->cls && *n->cls)
        fprintf(out, " class=\"%s\"", n->cls);
    if (n->lang)
        fprintf(out, " lang=%s", n->lang);
    if (n->anchor)
        fprintf(out, " anchor=%s", n->anchor);
    if (n->pos.line)
        fprintf(out, " @%d:%d", n->pos.line, n->pos.col);
    if (n->kind == DOC_TEXT || n->kind == DOC_CODE || n->kind == DOC_CODE_BLOCK ||
        n->kind == DOC_HTML_BLOCK || n->kind == DOC_IMAGE ||
        (n->kind == DOC_SPAN && n->len)) {
        fputc(' ', out);
        put_quoted(out, n->text, n->len);
    }
    fputc('\n', out);
    if (n->kind == DOC_CHART) {
        const doc_chart *c = n->u.chart;
        for (int i = 0; i < c->nlabels; i++) {
            for (int k = 0; k < depth + 1; k++)
                fputs("  ", out);
            fputs("data ", out);
            put_quoted(out, c->labels[i], strlen(c->labels[i]));
            for (int s = 0; s < c->nseries; s++)
                fprintf(out, " %g", c->values[i * c->nseries + s]);
            fputc('\n', out);
        }
    }
    for (const doc_node *c = n->first; c; c = c->next)
        dump_node(out, c, depth + 1);
}

void doc_dump(FILE *out, const doc_document *d)
{
    for (const doc_meta *m = d->meta; m; m = m->next) {
        fprintf(out, "meta %s = ", m->key);
        put_quoted(out, m->value, strlen(m->value));
        fputc('\n', out);
    }
    if (d->root)
        dump_node(out, d->root, 0);
}
