/* Private to the parse stage: the state of parsing one source text. */
#ifndef DOSSIER_PARSE_INTERNAL_H
#define DOSSIER_PARSE_INTERNAL_H

#include "parse.h"

/* Deeper nesting (block quotes in lists in ...) is flattened into the
 * deepest allowed level with a warning, so no later stage recurses
 * without bound. */
#define PARSE_MAX_DEPTH 48

typedef struct {
    arena *a;
    diag *d;
    doc_document *doc;
    const parse_options *opt;
    const char *file;      /* name for diagnostics */
    const char *dir;       /* folder of the file, for relative paths */
    const char *text;      /* normalised source: LF line ends, valid UTF-8 */
    size_t len;
    const size_t *line_starts; /* byte offset of each line, 0-based lines */
    int nlines;
    struct col_memo *memo;  /* the last column computed: nodes come in order,
                               so long lines are not rescanned per node */
    int line_offset;       /* added to cmark's lines (directive bodies) */
    int col_offset;        /* added to cmark's columns (indented fences) */
    int depth;             /* block nesting while converting */
} source;

/* input.c: reads and normalises a file (or standard input). NULL when it
 * cannot be used; *io_error tells an I/O failure from refused content. */
char *input_read(arena *a, diag *d, const char *path, const parse_options *opt, size_t *len,
                 bool *io_error);
/* Normalises text in place semantics (returns a new string): strips a BOM,
 * turns CRLF and CR into LF, checks NUL bytes and UTF-8. */
char *input_normalise(arena *a, diag *d, const char *name, const char *text, size_t len,
                      const parse_options *opt, size_t *out_len);
void source_index_lines(source *src);
/* Converts cmark's 1-based line and byte column into a position with a
 * character column, applying the source's offsets. */
srcpos source_pos(const source *src, int line, int byte_col);

/* frontmatter.c: when the text opens with a --- block, reads it with
 * libyaml into the document's metadata (first value of a key wins unless
 * `replace`), and blanks it in `text` so line numbers stay right. */
void frontmatter_read(source *src, char *text, size_t len);

/* markdown.c: parses Markdown text into children of `parent`. */
void markdown_parse_into(source *src, doc_node *parent, const char *text, size_t len);

/* html.c: raw HTML's safe subset. `slot` is the parent the Markdown
 * around it appends to; an open tag replaces it with its element until
 * the element's close tag. */
void html_inline(source *src, doc_node **slot, const char *literal, srcpos at);
void html_block(source *src, doc_node **slot, const char *literal, srcpos at);

/* fences.c: MyST colon fences and pandoc fenced divs rewritten as
 * backtick-fenced directives (the text itself when there are none). */
char *fences_rewrite(arena *a, const char *text, size_t len, size_t *out_len);

typedef struct option {
    const char *key, *value;
    int line; /* within the body, 0-based */
    bool used;
    struct option *next;
} option;

typedef struct {
    const char *name;     /* without braces */
    const char *attrs;    /* pandoc attributes after the name inside the braces: ".c #id k=v" */
    const char *argument; /* the rest of the info string */
    option *options;
    const char *body;     /* after the option lines */
    size_t body_len;
    int body_line;        /* 0-based line of the body within the block */
    srcpos at;            /* the fence */
} directive;

/* directive.c: a fenced block whose info string is {name}. */
void directive_build(source *src, doc_node *parent, const char *info, const char *body, size_t len,
                     srcpos at);
/* For the builders of directive_myst.c: an option's value (marked used)
 * or NULL, its position, a warning for every option nobody used, the
 * body as a source of its own, :header-rows:, a table's :align:,
 * :widths: and :class:, its caption (:caption: or the argument), and
 * :class: on any node. */
const char *directive_option(directive *dv, const char *key);
srcpos directive_option_pos(directive *dv, const char *key);
void directive_warn_unused(source *src, directive *dv);
source directive_body_source(const source *src, const directive *dv);
int directive_header_rows(source *src, directive *dv, int nrows, int fallback);
void directive_table_options(source *src, directive *dv, doc_node *table);
void directive_caption(source *src, directive *dv, doc_node *table);
void directive_classes(source *src, directive *dv, doc_node *n);

/* directive_myst.c: {list-table}, {figure}, {image}, {math}. */
void myst_list_table(source *src, doc_node *parent, directive *dv);
void myst_figure(source *src, doc_node *parent, directive *dv);
void myst_image(source *src, doc_node *parent, directive *dv);
void myst_math(source *src, doc_node *parent, directive *dv);

/* extend.c: pandoc's and MyST's inline syntax recognised on the tree
 * (roles, bracketed spans, heading attributes, ^sup^ ~sub~, math,
 * definition lists), and the one warning per document about math. */
void inline_extensions(arena *a, diag *d, doc_document *doc);
void parse_math_warning(diag *d, srcpos at);

/* math.c: $…$ and $$…$$ as a cmark-gfm extension that keeps the span's
 * text as written (backslashes and all); spans come out as code nodes. */
typedef enum { MATH_NONE, MATH_INLINE, MATH_DISPLAY } math_kind;
struct cmark_syntax_extension;
struct cmark_node;
struct cmark_syntax_extension *math_extension_new(void);
void math_extension_free(struct cmark_syntax_extension *ext);
/* the kind of a code node, and where its span starts in the source */
math_kind math_kind_of(struct cmark_node *n, int *line, int *col);

/* xref.c: "(label)=" targets, block anchors, and the text of {ref}
 * links; after heading ids and figures are made. */
void resolve_references(arena *a, diag *d, doc_document *doc);

/* csv.c: RFC 4180 CSV through libcsv. Cells are NUL-terminated strings. */
typedef struct {
    int nrows, ncols;      /* ncols: the widest row */
    char ***cells;         /* cells[row][col]; short rows padded with NULL */
    int *row_ncols;        /* fields actually present per row */
    int *row_line;         /* source line of each row's first field */
} csv_table;

/* Reads CSV text; `first_line` is the line the text starts on, for the
 * row positions. Returns NULL with a diagnostic on malformed input. */
csv_table *csv_read(arena *a, diag *d, const char *file, int first_line, const char *text, size_t len);


/* smartquotes.c: straight quotes paired into quotations (`q`), apostrophes
 * inside words made typographic; code and kbd keep theirs. */
void smart_quotes(arena *a, doc_document *doc);

/* structure.c: what turns a tree into a dossier. */
void structure_finish(arena *a, diag *d, doc_document *doc);

#endif
