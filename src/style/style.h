/* style: the CSS subset. Parses style sheets, matches selectors against
 * the document tree, cascades by specificity and source order, inherits,
 * and hands layout one computed style per node plus the page styles.
 *
 * Lengths are computed to points (em and % of font sizes resolved here);
 * widths in % stay relative because only layout knows the containing
 * block. Margins, padding and text-indent in % are resolved here against
 * the page's content width (the plain right page's width minus its left
 * and right margins), as a dossier's blocks are nearly all page-wide.
 * Colours are 0xRRGGBBAA. */
#ifndef DOSSIER_STYLE_H
#define DOSSIER_STYLE_H

#include "../doc/doc.h"
#include "../font/font.h"

typedef uint32_t rgba;
#define RGBA_NONE 0u /* transparent */
#define RGBA_A(c) ((c) & 0xFFu)

enum { SIDE_TOP, SIDE_RIGHT, SIDE_BOTTOM, SIDE_LEFT };

typedef enum { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER, TEXT_JUSTIFY } text_align;
/* direction: the base direction of a block's text, and of an isolated
 * inline element's (values are the bidi base levels; auto: from the first
 * strong character, UAX #9 P2-P3) */
typedef enum { DIR_AUTO = -1, DIR_LTR = 0, DIR_RTL = 1 } text_direction;
typedef enum { BIDI_NORMAL, BIDI_ISOLATE, BIDI_PLAINTEXT } unicode_bidi;
typedef enum { HYPHENS_MANUAL, HYPHENS_NONE, HYPHENS_AUTO } hyphens_mode;
typedef enum { WS_NORMAL, WS_PRE, WS_NOWRAP, WS_PRE_WRAP, WS_PRE_LINE } white_space_mode;
typedef enum { DISPLAY_NORMAL, DISPLAY_NONE } display_mode; /* NORMAL: as the element is */
typedef enum { BREAK_AUTO, BREAK_AVOID, BREAK_PAGE, BREAK_LEFT, BREAK_RIGHT } break_mode;
typedef enum { BORDER_NONE, BORDER_SOLID, BORDER_DASHED, BORDER_DOTTED, BORDER_DOUBLE } border_style;
typedef enum { VALIGN_BASELINE, VALIGN_SUPER, VALIGN_SUB, VALIGN_TOP, VALIGN_MIDDLE, VALIGN_BOTTOM } vertical_align;
typedef enum { TT_NONE, TT_UPPERCASE, TT_LOWERCASE, TT_CAPITALIZE } text_transform;
enum { DECO_UNDERLINE = 1, DECO_LINE_THROUGH = 2, DECO_OVERLINE = 4 };

typedef enum {
    LIST_DISC, LIST_CIRCLE, LIST_SQUARE, LIST_DECIMAL, LIST_DECIMAL_LEADING_ZERO,
    LIST_LOWER_ALPHA, LIST_UPPER_ALPHA, LIST_LOWER_ROMAN, LIST_UPPER_ROMAN, LIST_NONE,
    LIST_ARABIC_INDIC, LIST_PERSIAN /* decimal in Arabic-Indic digits, or in the Persian forms */
} list_style;

/* A length that may be auto or a percentage (width, margins in % ...). */
typedef enum { LEN_AUTO, LEN_PT, LEN_PERCENT } len_kind;
typedef struct {
    float v;
    len_kind kind;
} style_len;

typedef struct {
    float width; /* pt; 0 when style is NONE */
    border_style style;
    rgba color;
} border_side;

/* Generated content: `content`, `string-set` values, margin boxes. */
typedef enum {
    CONTENT_TEXT,      /* literal string */
    CONTENT_COUNTER,   /* counter(name, style) */
    CONTENT_PAGES,     /* counter(pages) */
    CONTENT_STRING,    /* string(name): a named string (front matter, string-set) */
    CONTENT_CONTENTS,  /* content(): the element's own text (string-set) */
    CONTENT_LEADER,    /* leader(dotted|solid|space|"str"): fills a line (TOC) */
    CONTENT_TARGET_COUNTER, /* target-counter(attr(href), page): TOC page numbers */
    /* the quote kinds come last (>= CONTENT_OPEN_QUOTE) */
    CONTENT_OPEN_QUOTE,  /* open-quote: the opening mark of `quotes` at the element's depth */
    CONTENT_CLOSE_QUOTE, /* close-quote */
    CONTENT_NO_OPEN_QUOTE, /* no-open-quote, no-close-quote: no mark (the depth is the */
    CONTENT_NO_CLOSE_QUOTE /* element's nesting in quoting elements all the same) */
} content_kind;

/* Which assignment of a named string a page shows (CSS GCPM string()). */
typedef enum {
    STRING_FIRST,        /* the first on the page, else the last before it */
    STRING_START,        /* the one before the page, unless one opens the page */
    STRING_LAST,         /* the last on the page, else the last before it */
    STRING_FIRST_EXCEPT  /* empty on a page with an assignment, else as first */
} string_pos;

typedef struct content_part {
    content_kind kind;
    const char *text;      /* literal, counter or string name, leader string */
    list_style style;      /* counter style */
    string_pos which;      /* CONTENT_STRING */
    struct content_part *next;
} content_part;

typedef struct string_set {
    const char *name;
    const content_part *value;
    struct string_set *next;
} string_set;

typedef struct counter_op {
    const char *name;
    int value;
    struct counter_op *next;
} counter_op;

typedef struct computed_style computed_style;

struct computed_style {
    /* ---- inherited ---- */
    font_face *font;            /* resolved from family, weight, style */
    const char *font_family;    /* as declared, for dumps */
    float font_size;            /* pt */
    int font_weight;            /* 100..900 */
    bool italic;
    float line_height;          /* pt when !line_height_factor, else a factor */
    bool line_height_factor;
    bool line_height_normal;    /* `normal`: the font's own ascent+descent+gap */
    rgba color;
    text_align align;
    text_align align_last;      /* of a justified paragraph's last line */
    bool align_last_auto;       /* text-align-last: auto (align_last follows align);
                                   inherited as auto, so kept apart */
    float text_indent;          /* pt */
    hyphens_mode hyphens;
    white_space_mode white_space;
    list_style list_style;
    int orphans, widows;
    text_transform transform;
    float letter_spacing;       /* pt */
    bool kerning;               /* font-kerning: the faces' kern pairs applied */
    int tab_size;               /* tab-size: spaces a tab advances to the next multiple of */
    const char *const *quotes;  /* quotation marks, open and close, outermost pair
                                   first, NULL-terminated; NULL: the initial ones */
    const char *number_format;  /* number-format: a template ("1 234,5") for the numbers dossier
                                   formats (tables asking for `auto`, chart values); NULL: "1,234.5" */
    const char *lang;           /* BCP 47 tag: the element's own ({lang=de}, :lang:),
                                   an ancestor's or the front matter's; NULL when none */
    const char *ligatures;      /* font-variant-ligatures as HarfBuzz feature settings; "" normal */
    const char *feature_settings; /* font-feature-settings, the same way; "" normal */
    text_direction direction;   /* DIR_AUTO unless a sheet sets it: from the first strong character */
    bool align_logical;         /* text-align is start or end (the initial start): they swap in rtl text */
    /* ---- not inherited ---- */
    display_mode display;
    rgba background;
    float margin[4];            /* pt; auto margins resolve to 0 except where layout centres */
    bool margin_auto[4];
    float padding[4];
    border_side border[4];
    style_len width;
    style_len height;
    vertical_align valign;
    unicode_bidi bidi;          /* unicode-bidi */
    int decoration;             /* DECO_* bits */
    rgba decoration_color;      /* resolved (currentColor: this element's colour); 0 when
                                   there is no decoration. Not inherited: layout carries
                                   an ancestor's decoration over its inline descendants */
    break_mode break_before, break_after, break_inside;
    const string_set *string_sets;
    const counter_op *counter_reset, *counter_increment;
    const content_part *content; /* for ::before/::after styles; NULL = none */
    const computed_style *before, *after; /* pseudo-elements with content, or NULL */
    /* ::marker of list items and footnote bodies (aside.footnote: the note's
     * number), or NULL when no ::marker rule matches. Its
     * content is NULL for `normal` (draw list_style's marker in this
     * style), an empty CONTENT_TEXT for `none`, else the content to draw. */
    const computed_style *marker;
};

/* ---- pages ------------------------------------------------------------- */

typedef enum {
    MB_TOP_LEFT_CORNER, MB_TOP_LEFT, MB_TOP_CENTER, MB_TOP_RIGHT, MB_TOP_RIGHT_CORNER,
    MB_RIGHT_TOP, MB_RIGHT_MIDDLE, MB_RIGHT_BOTTOM,
    MB_BOTTOM_RIGHT_CORNER, MB_BOTTOM_RIGHT, MB_BOTTOM_CENTER, MB_BOTTOM_LEFT, MB_BOTTOM_LEFT_CORNER,
    MB_LEFT_BOTTOM, MB_LEFT_MIDDLE, MB_LEFT_TOP,
    MB_COUNT
} margin_box_pos;

typedef struct {
    const content_part *content;  /* NULL: the box is absent */
    const computed_style *style;  /* font, colour, text-align, vertical-align, borders */
} margin_box;

typedef struct {
    float width, height;          /* pt */
    srcpos size_pos;              /* where `size` was declared (line 0: nowhere) */
    float margin[4];              /* pt */
    rgba background;
    margin_box boxes[MB_COUNT];
} page_style;

typedef enum { PAGE_RIGHT = 0, PAGE_LEFT = 1 } page_side;

/* ---- the stage --------------------------------------------------------- */

typedef struct {
    const char *name;    /* file name for diagnostics, "<default>" for the embedded sheet */
    const char *text;
    size_t len;
} style_source;

typedef struct {
    const computed_style **by_node;  /* indexed by doc_node.id */
    int node_count;                  /* length of by_node (doc_document.node_count) */
    /* [first page?][left page?]: the cascade of @page, :first, :left, :right */
    page_style page[2][2];
} style_result;

/* Parses the sheets in order, computes every node's style and the page
 * styles. The caller passes the embedded default as sheets[0] ("<default>",
 * embedded_default_css) and the -s sheets after it. Problems in a sheet are
 * warnings at their file:line:col; the rule or declaration is skipped, as
 * CSS does. Returns NULL only when a sheet cannot be used at all under
 * --strict (a warning while parsing the sheets). With fonts NULL (unit
 * tests) computed styles carry no face. */
style_result *style_compute(arena *a, diag *d, font_lib *fonts, const doc_document *doc,
                            const style_source *sheets, int nsheets);

/* Writes the numbers of table columns that asked for the language's
 * format (:number-format: auto) with their cells' `number-format`: the
 * one change styling makes to the tree, before layout measures it. */
void style_format_numbers(arena *a, const style_result *s, doc_document *doc);

/* The computed style of a node (never NULL after style_compute). */
const computed_style *style_of(const style_result *s, const doc_node *n);
const page_style *style_page(const style_result *s, bool first, page_side side);

/* Used line height in pt for a style (factor, normal and length resolved). */
float style_line_height(const computed_style *cs);

/* Formats n in a list style: 3 -> "iii", 28 -> "ab" ... */
void style_format_counter(strbuf *sb, int n, list_style ls);

/* --dump=style */
void style_dump(FILE *out, const doc_document *doc, const style_result *s);

/* The style sheet compiled into the binary (styles/default.css). */
extern const char embedded_default_css[];
extern const size_t embedded_default_css_len;

#endif
