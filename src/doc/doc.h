/* doc: the document tree every stage after parsing reads. Nodes live in
 * the compilation's arena; each carries its source position and class so
 * that diagnostics and style sheets can point at it. */
#ifndef DOSSIER_DOC_H
#define DOSSIER_DOC_H

#include "../util/util.h"

typedef enum {
    /* blocks */
    DOC_DOCUMENT,
    DOC_HEADING,
    DOC_PARAGRAPH,
    DOC_LIST,
    DOC_ITEM,
    DOC_BLOCKQUOTE,
    DOC_CODE_BLOCK,
    DOC_THEMATIC_BREAK,
    DOC_TABLE,
    DOC_TABLE_ROW,
    DOC_TABLE_CELL,
    DOC_CAPTION,      /* of a table, figure or chart: inline children */
    DOC_FIGURE,       /* a standalone image: image child, caption child */
    DOC_CONTAINER,    /* a directive's box: block children */
    DOC_CHART,
    DOC_FOOTNOTE_DEF, /* block children; placed by layout */
    DOC_HTML_BLOCK,   /* unused: raw HTML blocks become containers, paragraphs, headings */
    /* inlines */
    DOC_TEXT,
    DOC_EMPH,
    DOC_STRONG,
    DOC_STRIKE,
    DOC_CODE,
    DOC_LINK,
    DOC_IMAGE,
    DOC_FOOTNOTE_REF,
    DOC_SOFTBREAK,
    DOC_LINEBREAK,
    DOC_HTML_INLINE,  /* an inline element of raw HTML (sup, kbd, span ...): `tag` names it */
    DOC_SPAN,         /* a generic inline box styled by its class (a redaction mark) */
    DOC_KIND_COUNT
} doc_kind;

typedef enum { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } doc_align;

typedef enum { CHART_BAR, CHART_HBAR, CHART_STACKED, CHART_STACKED_HBAR } chart_kind;

typedef struct doc_node doc_node;

/* A chart's data: labels down the first column, one series per further
 * column. Values are NaN where a cell is empty. */
typedef struct {
    chart_kind kind;
    int nlabels, nseries;
    const char **labels;      /* nlabels */
    const char **series;      /* nseries names (header row) */
    const char *label_title;  /* the label column's header: what the categories are; may be "" */
    double *values;           /* nlabels * nseries, row-major */
    const char *unit;         /* may be NULL */
    double max;               /* axis maximum; NaN = automatic */
    bool show_values;
} doc_chart;

struct doc_node {
    doc_kind kind;
    int id;              /* dense index, 0 = document; for per-node arrays */
    doc_node *parent, *first, *last, *next, *prev;
    int index;           /* 1-based position among element siblings */
    int nchildren;
    const char *cls;     /* space-separated class names, or "" */
    const char *tag;     /* element name style sheets select by, when not the kind's
                            (raw HTML: aside, details, summary, kbd ...); NULL otherwise */
    const char *lang;    /* a language the source gives this node (lang="kk", {lang=kk}), or NULL */
    const char *anchor;  /* an id the author gives a block, for links and {ref}: {#id}, :name:,
                            (label)=, id="..." (a heading's own id is u.heading.id); or NULL */
    const char *dir;     /* "ltr" or "rtl" where the source gives it (dir=rtl), else NULL */
    srcpos pos;
    /* text, code, code block, HTML: the literal; caption text; alt text */
    const char *text;
    size_t len;
    union {
        struct { int level; const char *id; } heading;
        struct { bool ordered; int start; bool tight; char delim; } list;
        struct { int task; /* -1 none, 0 open, 1 done */ } item;
        struct { const char *info;
                 int first_number;     /* numbered lines from this number; 0 = no numbers */
                 const int *emphasize; /* sorted 1-based lines to highlight */
                 int nemphasize; } code;
        struct { int ncols; doc_align *align; int header_rows;
                 double *widths;      /* ncols or NULL: relative weights, or pt where width_fixed */
                 bool *width_fixed;
                 const char *number_format;
                 const char **point;  /* ncols or NULL: each column's decimal point ("." when NULL) */
                 bool *number_auto;   /* ncols or NULL: columns whose numbers take their cell's
                                         number-format after styling (:number-format: auto) */ } table;
        struct { bool header; } row;
        struct { doc_align align; int col; } cell;
        struct { const char *url; const char *title;
                 float width; bool width_percent; } link;  /* also image: url = path; width from
                                                              HTML's width attribute (pt or %), 0 = none */
        struct { const char *label; int number; doc_node *def; } fnref;
        struct { const char *label; int number; } fndef;
        struct { const char *name; const char *title; } container;
        struct { bool single; } q; /* a quotation (HTML_INLINE "q") made of straight single quotes:
                                      marked one level in, with the language's inner marks */
        doc_chart *chart;
    } u;
};

/* One front-matter entry, in source order. Lists are joined with ", ". */
typedef struct doc_meta {
    const char *key;
    const char *value;
    const char **items;      /* a list's values apart (nitems), or NULL for a scalar */
    int nitems;
    srcpos pos;
    struct doc_meta *next;
} doc_meta;

typedef struct {
    doc_node *root;
    int node_count;          /* ids run 0 .. node_count-1 */
    doc_meta *meta;          /* merged front matter: first input wins, -D wins over all */
    vec inputs;              /* const char*: every file read (sources, data, images), for -M */
    const char *base_dir;    /* folder of the first source, for relative paths */
    struct redaction *redaction; /* the register and what was withheld (src/redact), or NULL */
} doc_document;

/* ---- building ---------------------------------------------------------- */

doc_node *doc_new(arena *a, doc_document *d, doc_kind kind, srcpos pos);
void doc_append(doc_node *parent, doc_node *child);
void doc_prepend(doc_node *parent, doc_node *child);
void doc_remove(doc_node *node);
/* Puts `child` (detached) into the tree just before `before`. */
void doc_insert_before(doc_node *before, doc_node *child);
void doc_insert_after(doc_node *after, doc_node *child);
/* Renumbers ids in document order and recomputes sibling indexes; call
 * after the tree is complete. */
void doc_finish(doc_document *d);
void doc_add_class(arena *a, doc_node *n, const char *cls);
/* Records a file the output depends on (once). */
void doc_add_input(arena *a, doc_document *d, const char *path);
bool doc_has_class(const doc_node *n, const char *cls);
/* Whether n is a quotation written with straight single quotes. Only a
 * "q" element's union holds u.q: other inline HTML (a cross-reference
 * made a link) holds something else there. */
bool doc_is_single_quotation(const doc_node *n);
/* Whether s is a well-formed language tag ("kk", "de-CH", "sr-Latn"). */
bool doc_lang_valid(const char *s);
/* The direction a dir attribute's value names ("ltr", "rtl", quoted or
 * not), or NULL when it names none. */
const char *doc_dir_value(const char *v, size_t n);

/* ---- reading ----------------------------------------------------------- */

const char *doc_kind_name(doc_kind k);
bool doc_is_inline(doc_kind k);
/* The element name a style sheet selects this node by (h2, p, li, td...). */
const char *doc_element_name(const doc_node *n);
const char *doc_meta_get(const doc_document *d, const char *key);
void doc_meta_set(arena *a, doc_document *d, const char *key, const char *value, srcpos pos,
                  bool replace);
/* Records a list value's items apart (the entry for `key` must exist). */
void doc_meta_set_items(doc_document *d, const char *key, const char **items, int nitems);
/* The plain text of a node's inline content (headings, captions, TOC).
 * A span without children stands for its `text` (a redaction mark). */
char *doc_plain_text(arena *a, const doc_node *n);
/* The same words appended to sb, with a hook for every node that is not
 * a leaf (text, code, image, break, note reference): it returns true when
 * it has put the node's text itself, false for the plain rule. */
typedef bool (*doc_text_hook)(void *ctx, strbuf *sb, const doc_node *n);
void doc_put_plain_text(strbuf *sb, const doc_node *n, doc_text_hook hook, void *ctx);
/* GitHub's heading slug: lowercase, punctuation dropped, spaces to '-'. */
char *doc_slug(arena *a, const char *text);

/* Walks the tree in document order. */
doc_node *doc_next_preorder(const doc_node *n, const doc_node *root);

/* --dump=tree */
void doc_dump(FILE *out, const doc_document *d);

#endif
