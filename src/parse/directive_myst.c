/* MyST's directives beyond dossier's own: {list-table}, {figure},
 * {image} and {math}. ({csv-table} is {table} with MyST's option names,
 * in directive.c.) */
#include "parse_internal.h"

#include <stdlib.h>
#include <string.h>

/* Markdown in a directive's body, parsed into a holder that is not part
 * of the document. */
static doc_node *parse_body(source *src, const directive *dv)
{
    doc_node *holder = doc_new(src->a, src->doc, DOC_CONTAINER, dv->at);
    holder->u.container.name = "";
    source sub = directive_body_source(src, dv);
    sub.depth = src->depth + 1;
    markdown_parse_into(&sub, holder, dv->body, dv->body_len);
    return holder;
}

/* A cell's content: a single paragraph's inlines move in as they are;
 * several blocks are joined with line breaks (cells hold one paragraph). */
static void fill_cell(source *src, doc_node *cell, doc_node *item)
{
    bool first = true;
    while (item->first) {
        doc_node *b = item->first;
        doc_remove(b);
        if (!first)
            doc_append(cell, doc_new(src->a, src->doc, DOC_LINEBREAK, b->pos));
        first = false;
        if (b->kind == DOC_PARAGRAPH || b->kind == DOC_HEADING) {
            while (b->first) {
                doc_node *c = b->first;
                doc_remove(c);
                doc_append(cell, c);
            }
        } else {
            doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, b->pos);
            t->text = doc_plain_text(src->a, b);
            if (b->kind == DOC_CODE_BLOCK)
                t->text = arena_strndup(src->a, b->text, b->len);
            t->len = strlen(t->text);
            doc_append(cell, t);
        }
    }
}

/* {list-table}: a bullet list of rows, each a bullet list of cells. */
void myst_list_table(source *src, doc_node *parent, directive *dv)
{
    doc_node *holder = parse_body(src, dv);
    doc_node *list = holder->first;
    if (!list || list->kind != DOC_LIST || list->u.list.ordered) {
        ERROR(src->d, dv->at, "a {list-table} holds a bullet list of rows, each a bullet list of its cells");
        return;
    }
    int ncols = 0;
    for (doc_node *row = list->first; row; row = row->next) {
        doc_node *cells = row->first;
        int n = cells && cells->kind == DOC_LIST ? cells->nchildren : 0;
        if (!n) {
            ERROR(src->d, row->pos, "a {list-table} row is a bullet list of its cells (\"* - a\" then \"  - b\")");
            return;
        }
        if (n > ncols)
            ncols = n;
    }
    if (!ncols) {
        ERROR(src->d, dv->at, "the {list-table} has no rows");
        return;
    }
    doc_node *table = doc_new(src->a, src->doc, DOC_TABLE, dv->at);
    table->u.table.ncols = ncols;
    table->u.table.align = ARENA_ARRAY(src->a, doc_align, ncols);
    int header_rows = directive_header_rows(src, dv, list->nchildren, 0);
    table->u.table.header_rows = header_rows;
    directive_table_options(src, dv, table);
    int r = 0;
    for (doc_node *item = list->first; item; item = item->next, r++) {
        doc_node *row = doc_new(src->a, src->doc, DOC_TABLE_ROW, item->pos);
        row->u.row.header = r < header_rows;
        doc_append(table, row);
        doc_node *cells = item->first;
        if (cells->nchildren != ncols)
            WARN(src->d, item->pos, "this {list-table} row has %d cell%s where the widest has %d; the rest are empty",
                 cells->nchildren, cells->nchildren == 1 ? "" : "s", ncols);
        int col = 0;
        for (doc_node *ci = cells->first; ci; ci = ci->next, col++) {
            doc_node *cell = doc_new(src->a, src->doc, DOC_TABLE_CELL, ci->pos);
            cell->u.cell.col = col;
            cell->u.cell.align = table->u.table.align[col];
            fill_cell(src, cell, ci);
            doc_append(row, cell);
        }
        for (; col < ncols; col++) {
            doc_node *cell = doc_new(src->a, src->doc, DOC_TABLE_CELL, item->pos);
            cell->u.cell.col = col;
            doc_append(row, cell);
        }
    }
    directive_caption(src, dv, table);
    directive_warn_unused(src, dv);
    doc_append(parent, table);
}

/* A width as MyST writes it: 50%, 300px, 8cm; 0 when it cannot be read. */
static float image_width(const char *s, bool *percent)
{
    char *end;
    double v = strtod(s, &end);
    *percent = false;
    if (end == s || !(v > 0) || v > 100000)
        return 0;
    if (strcmp(end, "%") == 0) {
        *percent = true;
        return (float)v;
    }
    static const struct { const char *unit; double pt; } units[] = {
        {"", 0.75}, {"px", 0.75}, {"pt", 1}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}, {"em", 10.5},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(end, units[i].unit) == 0)
            return (float)(v * units[i].pt);
    return 0;
}

static doc_node *image_of(source *src, directive *dv)
{
    doc_node *img = doc_new(src->a, src->doc, DOC_IMAGE, dv->at);
    img->u.link.url = dv->argument;
    img->u.link.title = "";
    if (!dv->argument[0])
        WARN(src->d, dv->at, "{%s} takes the image's path after its name", dv->name);
    const char *width = directive_option(dv, "width");
    if (width) {
        img->u.link.width = image_width(width, &img->u.link.width_percent);
        if (img->u.link.width <= 0)
            WARN(src->d, directive_option_pos(dv, "width"), "':width:' takes a length such as 300px, 8cm or 50%%, not '%s'", width);
    }
    directive_option(dv, "height"); /* the width keeps the proportions */
    directive_option(dv, "name");   /* the label, taken by directive_build */
    directive_option(dv, "target");
    directive_option(dv, "scale");
    const char *alt = directive_option(dv, "alt");
    if (alt && *alt) {
        doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, dv->at);
        t->text = alt;
        t->len = strlen(alt);
        doc_append(img, t);
    }
    return img;
}

static void align_class(source *src, directive *dv, doc_node *n)
{
    const char *align = directive_option(dv, "align");
    if (!align)
        return;
    if (strcmp(align, "center") == 0 || strcmp(align, "left") == 0 || strcmp(align, "right") == 0)
        doc_add_class(src->a, n, arena_printf(src->a, "align-%s", align));
    else
        WARN(src->d, directive_option_pos(dv, "align"), "':align:' takes left, center or right, not '%s'", align);
}

/* {figure} path: the image, its caption the body. */
void myst_figure(source *src, doc_node *parent, directive *dv)
{
    doc_node *fig = doc_new(src->a, src->doc, DOC_FIGURE, dv->at);
    doc_node *img = image_of(src, dv);
    doc_append(fig, img);
    align_class(src, dv, fig);
    directive_classes(src, dv, fig);
    doc_node *holder = parse_body(src, dv);
    if (holder->first) {
        doc_node *cap = doc_new(src->a, src->doc, DOC_CAPTION, holder->first->pos);
        fill_cell(src, cap, holder);
        doc_append(fig, cap);
        if (!img->first) {
            /* the description is the caption's text */
            img->text = doc_plain_text(src->a, cap);
            img->len = strlen(img->text);
        }
    }
    directive_warn_unused(src, dv);
    doc_append(parent, fig);
}

/* {image} path: the image alone, as a figure without a number's caption
 * unless it has an :alt: */
void myst_image(source *src, doc_node *parent, directive *dv)
{
    doc_node *p = doc_new(src->a, src->doc, DOC_PARAGRAPH, dv->at);
    doc_node *img = image_of(src, dv);
    align_class(src, dv, p);
    directive_classes(src, dv, img);
    doc_append(p, img);
    directive_warn_unused(src, dv);
    doc_append(parent, p);
}

/* {math}: not typeset yet; set as code, said once per document. */
void myst_math(source *src, doc_node *parent, directive *dv)
{
    doc_node *code = doc_new(src->a, src->doc, DOC_CODE_BLOCK, dv->at);
    code->u.code.info = "math";
    code->text = arena_strndup(src->a, dv->body, dv->body_len);
    code->len = dv->body_len;
    code->pos.line += dv->body_line;
    doc_add_class(src->a, code, "math");
    directive_option(dv, "label");
    directive_option(dv, "name");
    parse_math_warning(src->d, dv->at);
    directive_warn_unused(src, dv);
    doc_append(parent, code);
}
