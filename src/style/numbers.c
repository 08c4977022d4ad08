/* Numbers a table asks to have set in its language (:number-format: auto):
 * once every node has its style, each such cell that holds a plain number
 * is written with the separators and digits of its `number-format`, the
 * decimals as the number has them. */
#include "css_internal.h"

#include <string.h>

/* The format a style gives, separators only; the English one when no
 * sheet sets it. */
static number_format style_number_format(const computed_style *cs)
{
    number_format nf;
    if (!cs->number_format || !number_format_parse(cs->number_format, &nf) || !nf.active)
        number_format_parse("1,234.5", &nf);
    nf.decimals = -1;
    return nf;
}

static void format_column(arena *a, const style_result *s, doc_node *table, int col)
{
    for (doc_node *row = table->first; row; row = row->next) {
        if (row->kind != DOC_TABLE_ROW || row->u.row.header)
            continue;
        doc_node *cell = row->first;
        for (int k = 0; cell && k < col; k++)
            cell = cell->next;
        if (!cell)
            continue;
        number_format nf = style_number_format(style_of(s, cell));
        if (table->u.table.point && !*table->u.table.point[col])
            table->u.table.point[col] = arena_strdup(a, nf.point);
        doc_node *t = cell->first;
        if (!t || t != cell->last || t->kind != DOC_TEXT)
            continue;
        char *formatted = number_format_apply(a, &nf, arena_strndup(a, t->text, t->len));
        if (formatted) {
            t->text = formatted;
            t->len = strlen(formatted);
        }
    }
}

void style_format_numbers(arena *a, const style_result *s, doc_document *doc)
{
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->kind != DOC_TABLE || !n->u.table.number_auto)
            continue;
        for (int col = 0; col < n->u.table.ncols; col++)
            if (n->u.table.number_auto[col])
                format_column(a, s, n, col);
    }
}
