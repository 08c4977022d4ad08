/* CommonMark + GFM through cmark-gfm, converted into the document tree.
 * The conversion walks cmark's iterator (no recursion), keeps every node's
 * source position, and flattens nesting deeper than PARSE_MAX_DEPTH. */
#include "parse_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/node.h> /* footnote labels and definitions: not in the public API */

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

static bool type_is(cmark_node *n, const char *name)
{
    const char *t = cmark_node_get_type_string(n);
    return t && strcmp(t, name) == 0;
}

static bool cmark_leaf(cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        return true;
    default:
        return false;
    }
}

static char *dup_literal(source *src, cmark_node *n, size_t *len)
{
    const char *lit = cmark_node_get_literal(n);
    if (!lit)
        lit = "";
    size_t l = strlen(lit);
    if (len)
        *len = l;
    return arena_strndup(src->a, lit, l);
}

static srcpos pos_of(source *src, cmark_node *n, doc_node *parent)
{
    int line = cmark_node_get_start_line(n);
    if (line <= 0)
        return parent ? parent->pos : srcpos_make(src->file, 0, 0);
    return source_pos(src, line, cmark_node_get_start_column(n));
}

#define FOOTNOTE_LABEL_MAX 1000 /* bytes; cmark-gfm's own labels are shorter */

/* Text that still reads "[^label]" names a footnote cmark could not see
 * from here (a definition in another file, or a reference inside a
 * directive's body or a CSV cell): it becomes a reference by label, which
 * structure_finish resolves against every definition of the dossier. */
/* Characters from the start of a text to a point, counted on from the
 * last point asked for (points come in order). */
typedef struct {
    const char *counted;
    int chars;
} col_counter;

static int count_to(col_counter *cc, const char *p)
{
    cc->chars += (int)utf8_length(cc->counted, (size_t)(p - cc->counted));
    cc->counted = p;
    return cc->chars;
}

static void append_text_with_refs(source *src, doc_node *parent, const char *text, size_t len, srcpos at)
{
    const char *s = text, *end = text + len;
    const char *run = s;
    /* columns are counted on from the last one, and a label is looked for
     * in the next FOOTNOTE_LABEL_MAX bytes only: a line of 50,000 "[^a]"
     * stays linear */
    col_counter cc = {text, 0};
    while (s < end) {
        const char *open = memchr(s, '[', (size_t)(end - s));
        if (!open)
            break;
        const char *close = open + 2 < end && open[1] == '^'
                                ? memchr(open + 2, ']', MIN((size_t)(end - open - 2), FOOTNOTE_LABEL_MAX))
                                : NULL;
        bool ok = close && close > open + 2;
        for (const char *c = open + 2; ok && c < close; c++)
            if (*c == ' ' || *c == '\t' || *c == '[')
                ok = false;
        if (!ok) {
            s = open + 1;
            continue;
        }
        if (open > run) {
            srcpos tat = at;
            tat.col = at.col + count_to(&cc, run);
            doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, tat);
            t->text = arena_strndup(src->a, run, (size_t)(open - run));
            t->len = (size_t)(open - run);
            doc_append(parent, t);
        }
        srcpos rat = at;
        rat.col = at.col + count_to(&cc, open);
        doc_node *ref = doc_new(src->a, src->doc, DOC_FOOTNOTE_REF, rat);
        ref->u.fnref.label = arena_strndup(src->a, open + 2, (size_t)(close - open - 2));
        doc_add_class(src->a, ref, "footnote-ref");
        doc_append(parent, ref);
        run = s = close + 1;
    }
    if (run < end || run == text) {
        srcpos tat = at;
        tat.col = at.col + count_to(&cc, run);
        doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, tat);
        t->text = arena_strndup(src->a, run, (size_t)(end - run));
        t->len = (size_t)(end - run);
        doc_append(parent, t);
    }
}

/* Creates the doc node for an entered cmark node; NULL for nodes that
 * produce none (dropped HTML, handled directives). */
static doc_node *convert(source *src, cmark_node *n, doc_node *parent, bool *leaf)
{
    doc_document *doc = src->doc;
    srcpos at = pos_of(src, n, parent);
    doc_node *d = NULL;
    *leaf = false;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_BLOCK_QUOTE:
        d = doc_new(src->a, doc, DOC_BLOCKQUOTE, at);
        break;
    case CMARK_NODE_LIST:
        d = doc_new(src->a, doc, DOC_LIST, at);
        d->u.list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        d->u.list.start = cmark_node_get_list_start(n);
        d->u.list.tight = cmark_node_get_list_tight(n) != 0;
        d->u.list.delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
        break;
    case CMARK_NODE_ITEM:
        d = doc_new(src->a, doc, DOC_ITEM, at);
        d->u.item.task = -1;
        if (type_is(n, "tasklist"))
            d->u.item.task = cmark_gfm_extensions_get_tasklist_item_checked(n) ? 1 : 0;
        break;
    case CMARK_NODE_CODE_BLOCK: {
        *leaf = true;
        const char *info = cmark_node_get_fence_info(n);
        size_t len;
        char *body = dup_literal(src, n, &len);
        if (info && info[0] == '{' && strchr(info, '}')) {
            directive_build(src, parent, info, body, len, at);
            return NULL;
        }
        d = doc_new(src->a, doc, DOC_CODE_BLOCK, at);
        d->u.code.info = arena_strdup(src->a, info ? info : "");
        d->text = body;
        d->len = len;
        break;
    }
    case CMARK_NODE_PARAGRAPH:
        d = doc_new(src->a, doc, DOC_PARAGRAPH, at);
        break;
    case CMARK_NODE_HEADING:
        d = doc_new(src->a, doc, DOC_HEADING, at);
        d->u.heading.level = cmark_node_get_heading_level(n);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        *leaf = true;
        d = doc_new(src->a, doc, DOC_THEMATIC_BREAK, at);
        break;
    case CMARK_NODE_FOOTNOTE_DEFINITION: {
        d = doc_new(src->a, doc, DOC_FOOTNOTE_DEF, at);
        cmark_chunk label = n->as.literal;
        d->u.fndef.label = label.data ? arena_strndup(src->a, (const char *)label.data, (size_t)label.len) : "";
        doc_add_class(src->a, d, "footnote");
        /* cmark's column is the note's text; diagnostics point at its label */
        int line = cmark_node_get_start_line(n);
        if (src->line_offset == 0 && src->line_starts && line >= 1 && line <= src->nlines) {
            const char *ls = src->text + src->line_starts[line - 1];
            const char *le = src->text + src->line_starts[line];
            const char *open = mem_find(ls, (size_t)(le - ls), "[^", 2);
            if (open)
                d->pos.col = (int)utf8_length(ls, (size_t)(open - ls)) + 1 + src->col_offset;
        }
        break;
    }
    case CMARK_NODE_TEXT: {
        *leaf = true;
        size_t len;
        char *lit = dup_literal(src, n, &len);
        if (parent && mem_find(lit, len, "[^", 2)) {
            append_text_with_refs(src, parent, lit, len, at);
            return NULL;
        }
        d = doc_new(src->a, doc, DOC_TEXT, at);
        d->text = lit;
        d->len = len;
        break;
    }
    case CMARK_NODE_SOFTBREAK:
        *leaf = true;
        d = doc_new(src->a, doc, DOC_SOFTBREAK, at);
        break;
    case CMARK_NODE_LINEBREAK:
        *leaf = true;
        d = doc_new(src->a, doc, DOC_LINEBREAK, at);
        break;
    case CMARK_NODE_CODE:
        *leaf = true;
        d = doc_new(src->a, doc, DOC_CODE, at);
        d->text = dup_literal(src, n, &d->len);
        int mline, mcol;
        math_kind math = math_kind_of(n, &mline, &mcol);
        if (math != MATH_NONE) {
            if (mline > 0)
                d->pos = source_pos(src, mline, mcol);
            doc_add_class(src->a, d, "math");
            if (math == MATH_DISPLAY)
                doc_add_class(src->a, d, "math-display");
            parse_math_warning(src->d, d->pos);
        }
        break;
    case CMARK_NODE_EMPH:
        d = doc_new(src->a, doc, DOC_EMPH, at);
        break;
    case CMARK_NODE_STRONG:
        d = doc_new(src->a, doc, DOC_STRONG, at);
        break;
    case CMARK_NODE_LINK:
        d = doc_new(src->a, doc, DOC_LINK, at);
        d->u.link.url = arena_strdup(src->a, cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
        d->u.link.title = arena_strdup(src->a, cmark_node_get_title(n) ? cmark_node_get_title(n) : "");
        break;
    case CMARK_NODE_IMAGE:
        d = doc_new(src->a, doc, DOC_IMAGE, at);
        d->u.link.url = arena_strdup(src->a, cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
        d->u.link.title = arena_strdup(src->a, cmark_node_get_title(n) ? cmark_node_get_title(n) : "");
        break;
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
        d = doc_new(src->a, doc, DOC_FOOTNOTE_REF, at);
        /* numbered and linked to its definition by structure_finish */
        cmark_node *def = n->parent_footnote_def;
        if (def && def->as.literal.data)
            d->u.fnref.label = arena_strndup(src->a, (const char *)def->as.literal.data, (size_t)def->as.literal.len);
        else
            d->u.fnref.label = "";
        doc_add_class(src->a, d, "footnote-ref");
        break;
    }
    default:
        if (type_is(n, "table")) {
            d = doc_new(src->a, doc, DOC_TABLE, at);
            int ncols = cmark_gfm_extensions_get_table_columns(n);
            uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
            d->u.table.ncols = ncols;
            d->u.table.align = ARENA_ARRAY(src->a, doc_align, ncols > 0 ? ncols : 1);
            for (int i = 0; i < ncols; i++)
                d->u.table.align[i] = !al ? ALIGN_NONE : al[i] == 'l' ? ALIGN_LEFT : al[i] == 'c' ? ALIGN_CENTER
                                                     : al[i] == 'r' ? ALIGN_RIGHT : ALIGN_NONE;
        } else if (type_is(n, "table_header") || type_is(n, "table_row")) {
            d = doc_new(src->a, doc, DOC_TABLE_ROW, at);
            d->u.row.header = type_is(n, "table_header");
            if (d->u.row.header && parent && parent->kind == DOC_TABLE)
                parent->u.table.header_rows++;
        } else if (type_is(n, "table_cell")) {
            d = doc_new(src->a, doc, DOC_TABLE_CELL, at);
            int col = parent ? parent->nchildren : 0;
            d->u.cell.col = col;
            doc_node *table = parent ? parent->parent : NULL;
            if (table && table->kind == DOC_TABLE && col < table->u.table.ncols)
                d->u.cell.align = table->u.table.align[col];
        } else if (type_is(n, "strikethrough")) {
            d = doc_new(src->a, doc, DOC_STRIKE, at);
        } else {
            WARN(src->d, at, "unsupported Markdown element '%s' left out", cmark_node_get_type_string(n));
            return NULL;
        }
    }
    return d;
}

/* cmark drops footnote definitions nobody references from the same text,
 * and a reference may live in another file or a CSV cell. So every label
 * defined in the text gets a reference in a paragraph appended after it,
 * which the walk skips. Returns the first line of that paragraph. */
static char *with_definition_refs(source *src, const char *text, size_t len, int *hidden_line)
{
    strbuf sb;
    sb_init(&sb, src->a);
    sb_append(&sb, text, len);
    int lines = 1;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            lines++;
    sb_puts(&sb, "\n\n");
    *hidden_line = lines + 2;
    size_t before = sb.len;
    const char *s = text, *end = text + len;
    while ((s = (char *)mem_find(s, (size_t)(end - s), "[^", 2)) != NULL) {
        const char *close = memchr(s + 2, ']', (size_t)(end - s - 2));
        if (!close)
            break;
        if (close + 1 < end && close[1] == ':' && close > s + 2 && !memchr(s + 2, '\n', (size_t)(close - s - 2))) {
            sb_append(&sb, s, (size_t)(close - s + 1));
            sb_putc(&sb, ' ');
        }
        s += 2;
    }
    if (sb.len == before)
        *hidden_line = 0;
    sb_putc(&sb, '\n');
    return sb.data;
}

/* cmark keeps the first of two footnote definitions with one label and
 * drops the other without a word: say so. Definitions start a line (after
 * at most three spaces) outside fenced code. */
static void warn_duplicate_definitions(source *src, const char *text, size_t len)
{
    hmap seen; /* lowercased label -> line (as a pointer-sized int) */
    hmap_init(&seen, src->a);
    char fence = 0;
    int line = 1;
    for (size_t i = 0; i < len; line++) {
        const char *s = text + i, *eol = memchr(s, '\n', len - i);
        size_t n = eol ? (size_t)(eol - s) : len - i;
        i += n + 1;
        size_t k = 0;
        while (k < n && k < 3 && s[k] == ' ')
            k++;
        if (n - k >= 3 && (s[k] == '`' || s[k] == '~') && s[k + 1] == s[k] && s[k + 2] == s[k]) {
            fence = fence == 0 ? s[k] : fence == s[k] ? 0 : fence;
            continue;
        }
        if (fence || n - k < 4 || s[k] != '[' || s[k + 1] != '^')
            continue;
        const char *close = memchr(s + k + 2, ']', n - k - 2);
        if (!close || close == s + k + 2 || (size_t)(close - s) + 1 >= n || close[1] != ':')
            continue;
        char *label = arena_strndup(src->a, s + k + 2, (size_t)(close - s - k - 2));
        for (char *c = label; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        void *first = hmap_get(&seen, label, strlen(label));
        if (first)
            WARN(src->d, source_pos(src, line, (int)k + 1),
                 "footnote '%s' is defined twice; the first definition (line %d) is used",
                 arena_strndup(src->a, s + k + 2, (size_t)(close - s - k - 2)),
                 (int)(intptr_t)first + src->line_offset);
        else
            hmap_put(&seen, label, strlen(label), (void *)(intptr_t)line);
    }
}

/* cmark-gfm 0.29.0.gfm.6 appends each cell of a table row to a linked
 * list by walking it: a row of n cells costs n^2 (50,000 cells, 4.7 s; a
 * 16 MiB input of such rows, hours). Rows of more cells than any table
 * can show are refused before the library sees them. */
#define TABLE_MAX_CELLS 500

static bool rows_too_wide(source *src, const char *text, size_t len)
{
    int line = 1, pipes = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '|' && ++pipes == TABLE_MAX_CELLS + 1) {
            ERROR(src->d, source_pos(src, line, 1),
                  "this line has more than %d '|', which would make a table row wider than any page "
                  "(and take the Markdown parser minutes); split the table",
                  TABLE_MAX_CELLS);
            return true;
        }
        if (text[i] == '\n') {
            line++;
            pipes = 0;
        }
    }
    return false;
}

void markdown_parse_into(source *src, doc_node *parent, const char *text, size_t len)
{
    cmark_gfm_core_extensions_ensure_registered();
    if (rows_too_wide(src, text, len))
        return;
    text = fences_rewrite(src->a, text, len, &len);
    int hidden_line = 0;
    if (mem_find(text, len, "[^", 2)) {
        warn_duplicate_definitions(src, text, len);
        text = with_definition_refs(src, text, len, &hidden_line);
        len = strlen(text);
    }
    /* one tilde is pandoc's subscript (~2~), two strike through */
    cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
    for (size_t i = 0; i < COUNT_OF(extensions); i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        if (ext)
            cmark_parser_attach_syntax_extension(p, ext);
    }
    cmark_syntax_extension *math = math_extension_new();
    cmark_parser_attach_syntax_extension(p, math);
    cmark_parser_feed(p, text, len);
    cmark_node *root = cmark_parser_finish(p);

    /* stack of doc parents, one per open cmark container */
    int cap = 64, top = 0;
    doc_node **stack = malloc(sizeof *stack * (size_t)cap);
    stack[top++] = parent;
    int base_depth = src->depth;
    bool warned_depth = false;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (n == root)
            continue;
        if (ev == CMARK_EVENT_ENTER && hidden_line > 0 && cmark_node_parent(n) == root &&
            cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && cmark_node_get_start_line(n) >= hidden_line) {
            cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
            continue;
        }
        if (ev == CMARK_EVENT_EXIT) {
            top--;
            src->depth = base_depth + top - 1;
            continue;
        }
        cmark_node_type type = cmark_node_get_type(n);
        if (type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK) {
            const char *lit = cmark_node_get_literal(n);
            srcpos at = pos_of(src, n, stack[top - 1]);
            if (type == CMARK_NODE_HTML_INLINE)
                html_inline(src, &stack[top - 1], lit ? lit : "", at);
            else
                html_block(src, &stack[top - 1], lit ? lit : "", at);
            continue;
        }
        doc_node *cur = stack[top - 1];
        bool leaf;
        doc_node *d = convert(src, n, cur, &leaf);
        /* cmark gives EXIT events to every node but its leaf kinds */
        bool gets_exit = !cmark_leaf(n);
        doc_node *next_parent = cur;
        if (d) {
            if (top > PARSE_MAX_DEPTH &&
                (d->kind == DOC_BLOCKQUOTE || d->kind == DOC_LIST || d->kind == DOC_ITEM)) {
                /* too deep: keep the content, drop the extra level */
                if (!warned_depth)
                    WARN(src->d, d->pos, "nesting deeper than %d levels is flattened", PARSE_MAX_DEPTH);
                warned_depth = true;
            } else if (top > PARSE_MAX_DEPTH * 2 && doc_is_inline(d->kind) && !leaf) {
                if (!warned_depth)
                    WARN(src->d, d->pos, "nesting deeper than %d levels is flattened", PARSE_MAX_DEPTH * 2);
                warned_depth = true;
            } else {
                doc_append(cur, d);
                next_parent = d;
            }
        }
        if (gets_exit) {
            if (top == cap) {
                cap *= 2;
                doc_node **ns = realloc(stack, sizeof *stack * (size_t)cap);
                if (!ns) {
                    free(stack);
                    cmark_iter_free(it);
                    cmark_node_free(root);
                    cmark_parser_free(p);
                    math_extension_free(math);
                    ERROR(src->d, parent->pos, "out of memory");
                    return;
                }
                stack = ns;
            }
            stack[top++] = next_parent;
            src->depth = base_depth + top - 1;
        }
    }
    src->depth = base_depth;
    cmark_iter_free(it);
    free(stack);
    cmark_node_free(root);
    cmark_parser_free(p);
    math_extension_free(math);
}
