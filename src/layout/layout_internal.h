/* Private to the layout stage.
 *
 * Layout works like TeX: blocks are first set into a galley, a vertical
 * list of boxes (lines, rows, figures), glue (margins) and penalties
 * (where a page may or must not break), at the width of the text column.
 * The page builder then cuts the galley into pages, placing footnotes,
 * repeating table headers and drawing box decorations across breaks. */
#ifndef DOSSIER_LAYOUT_INTERNAL_H
#define DOSSIER_LAYOUT_INTERNAL_H

#include "hyphen.h"
#include "layout.h"
#include "linebreak.h"

/* ---- the galley -------------------------------------------------------- */

typedef enum { V_BOX, V_GLUE, V_PENALTY, V_OPEN, V_CLOSE } vkind;

enum {
    VF_LINE = 1,       /* a line of a paragraph (counts for widows and orphans) */
    VF_HEADING = 2,    /* a line of a heading */
    VF_HEADER_ROW = 4, /* a table header row (repeated on later pages) */
    VF_CAPTION = 8,
};

typedef struct galley galley;

/* A footnote attached to the line that references it. */
typedef struct vnote {
    int number;
    galley *body;         /* laid out at the column width */
    struct vnote *next;
} vnote;

/* A named string set by string-set (running heads). */
typedef struct vmark {
    const char *name, *value;
    bool at_top;  /* on a page: nothing is drawn above its box (string(x, start)) */
    struct vmark *next;
} vmark;

/* A place links and bookmarks point at: the top of its box. */
typedef struct vanchor {
    const char *id;
    const char *title; /* bookmark text, or NULL when not in the outline */
    int level;
    struct vanchor *next;
} vanchor;

/* The background and borders of a block, drawn on every page the block
 * spans (top border on its first part, bottom border on its last). */
typedef struct vdeco {
    float x, width;       /* border box, relative to the column */
    rgba background;
    border_side border[4];
    /* tables: what to repeat at the top of each continuation page */
    struct vitem *repeat;
    int nrepeat;
} vdeco;

/* A table cell inside a row: its own small galley. */
typedef struct vcell {
    float x, width;        /* border box */
    float pad[4];
    border_side border[4];
    rgba background;
    vertical_align valign;
    galley *content;
    float content_height;
} vcell;

typedef struct vrow {
    vcell *cells;
    int ncells;
    rgba background;
    float x, width;
    bool breakable;        /* break-inside: auto; otherwise split only when taller than a page */
} vrow;

typedef struct vitem {
    vkind kind;
    uint16_t flags;
    int16_t avoid;         /* > 0 inside a break-inside: avoid block */
    float height;          /* V_BOX: height; V_GLUE: natural size */
    float stretch, shrink; /* V_GLUE */
    float penalty;         /* V_PENALTY */
    dl_item *dl;           /* V_BOX content: x from the column's left, y from the box top */
    int ndl;
    vnote *notes;
    vmark *marks;
    vanchor *anchors;
    vrow *row;             /* a table row, which may be split across pages */
    vdeco *deco;           /* V_OPEN and V_CLOSE */
    srcpos pos;            /* where the content came from (stats, warnings) */
    int para;              /* VF_LINE: serial number of its paragraph */
    int16_t line, nlines;  /* VF_LINE: its index and its paragraph's line count */
} vitem;

struct galley {
    vec items; /* vitem */
};

/* ---- the layout context ----------------------------------------------- */

typedef struct shape_cache shape_cache;

typedef struct lctx {
    arena *a;             /* where layout allocates; tables swap in scratch arenas */
    arena *perm;          /* the compilation's arena: images and what outlives a table */
    /* one paragraph's working data (pieces, items, breaks, line drawings
     * before they are copied out); reset when the outermost paragraph in
     * progress ends, so memory does not grow with the document */
    arena *sa;
    int sa_depth;
    diag *d;
    font_lib *fonts;
    const doc_document *doc;
    const style_result *style;
    const layout_options *opt;
    kp_params kp;

    float col_width;      /* width of the text column */
    /* a right-to-left dossier (the root's direction): its first page is a
     * left page, and its margin boxes stand mirrored */
    bool rtl_pages;
    const page_style *mirror_of[4], *mirrored[4]; /* page styles mirrored so far */
    float body_height;    /* height of the page's content area */

    /* the galley being built and the block-flow state */
    galley *g;
    float x, width;       /* current content box within the column */
    float margin_pos, margin_neg; /* adjoining margins not yet emitted */
    bool margin_pending;
    int margin_avoid;     /* least break-inside: avoid nesting while the pending margin gathered */
    bool frame_top;       /* at the top inside a frame: margins are dropped */
    int avoid;            /* break-inside: avoid nesting */
    dl_item *marker;      /* list marker waiting for the next line, y relative to its baseline */
    int nmarker;
    vanchor *anchors;     /* waiting for the next box */
    vmark *marks;         /* waiting for the next box */

    srcpos block_pos;     /* the block being laid out, for diagnostics */
    int overwide_reported; /* warnings about words broken between characters */

    int para_serial;      /* numbers paragraphs for widow and orphan checks */
    bool measuring;       /* inline_measure: no counters, no diagnostics */
    const char *lang;     /* the document's language ("en" when it names none) */
    hmap hyphenators;     /* language tag -> lang_hyph*, opened or found missing */
    vec hyph_opened;      /* hyphenator*: the ones to close */

    hmap counters;        /* name -> int* */
    hmap images;          /* path -> image* */
    bool *image_refused;  /* by node id: images said to be unusable (drawn as placeholders) */
    int next_image_id;
    hmap link_ids;        /* heading id or block anchor -> doc_node*, to check links */
    hmap targets;         /* id -> page label (set after the body is paginated) */
    bool *note_placed;    /* indexed by footnote number */
    int nnotes;

    layout_stats stats;
    shape_cache *shaping;   /* shaped words, reused across the document */

    /* what the display items being made belong to (dl_item.node, .tag) */
    int tag_node;
    uint8_t tag_kind;

    /* tables whose columns do not fit set their text smaller: style_for
     * hands out copies of the styles with the font scaled (0 = none) */
    float font_scale;
    hmap scaled_styles;   /* (style, scale) -> scaled copy; set up on first use */
    bool quiet_overwide;  /* a table has said that its long words are broken */
} lctx;

/* ---- galley building (galley.c) ----------------------------------------- */

galley *galley_new(lctx *c);
vitem *galley_push(lctx *c, vkind kind);
/* Adds a box, flushing pending margins, anchors and marks, and the list
 * marker waiting for the first line (placed on `baseline`). */
vitem *galley_box(lctx *c, float height, float baseline, dl_item *dl, int ndl);
/* An empty box for the top edge (border and padding) of a frame. */
vitem *galley_edge(lctx *c, float height);
void galley_glue(lctx *c, float size, float stretch, float shrink);
void galley_penalty(lctx *c, float penalty);
/* Collapsing margins: adds a margin that may meet others before a box. */
void galley_margin(lctx *c, float m);
void galley_flush_margin(lctx *c);

/* ---- display items (display.c) ---------------------------------------- */

/* A growable list of display items. */
typedef struct {
    vec v;     /* dl_item */
    arena *a;  /* where the list grows; NULL: the layout's arena */
} dl_list;

void dl_init(dl_list *l);
/* A list whose storage lives in `a` (a scratch arena). */
void dl_init_in(dl_list *l, arena *a);
/* A copy of `src` moved by (dx, dy); paths get their own points. */
dl_item dl_moved(lctx *c, const dl_item *src, float dx, float dy);
dl_item *dl_add(lctx *c, dl_list *l, dl_kind kind);
/* Makes what follows belong to node n (its content, or its label);
 * returns the previous owner for tag_restore. */
typedef struct {
    int node;
    uint8_t kind;
} tag_saved;
tag_saved tag_enter(lctx *c, const doc_node *n, dl_tag kind);
void tag_restore(lctx *c, tag_saved saved);
/* A text item without glyphs: the caller fills glyphs and nglyphs. */
dl_item *dl_text(lctx *c, dl_list *l, font_face *f, float size, bool kern, rgba color, float x, float y,
                 const char *s, size_t n);
/* Joins the text items from `from` on that a word's letters were placed
 * by one at a time (letter-spacing) into one item whose glyph advances
 * hold the spacing: the word is one run of text, read as a word. */
void dl_join_letters(lctx *c, dl_list *l, size_t from);
void dl_rect(lctx *c, dl_list *l, float x, float y, float w, float h, rgba fill, rgba stroke, float lw);
void dl_hline(lctx *c, dl_list *l, float x1, float x2, float y, float width, rgba color, border_style dash);
void dl_vline(lctx *c, dl_list *l, float x, float y1, float y2, float width, rgba color, border_style dash);
/* Draws the four borders of a box. `sides` masks which ones (1 top, 2
 * right, 4 bottom, 8 left). */
void dl_borders(lctx *c, dl_list *l, float x, float y, float w, float h, const border_side b[4], int sides);

/* ---- shaping (shape.c) ------------------------------------------------- */

/* A glyph of a shaped word, in 1/1000 em. */
typedef struct {
    uint32_t gid;
    uint32_t cluster;      /* byte offset into the word */
    float advance, dx, dy; /* dy up */
    bool unsafe;           /* HB_GLYPH_FLAG_UNSAFE_TO_BREAK: the word may not be cut before it
                              and its parts shaped apart */
} shaped_glyph;

/* A part of a word drawn by one face in one direction: its glyphs in
 * visual order. A segment without a face holds characters no font has. */
typedef struct {
    font_face *face;
    bool rtl;
    uint32_t start, end;   /* bytes of the word */
    int first, count;      /* its glyphs */
    float width;           /* 1/1000 em */
} shaped_seg;

typedef struct {
    const shaped_glyph *glyphs;
    const shaped_seg *segs; /* visual order: left to right */
    int nglyphs, nsegs;
    float width;            /* 1/1000 em */
} shaped_word;

void shape_cache_init(lctx *c);
void shape_cache_free(lctx *c);
/* The word s[0..n) shaped in face f (with fallback per cluster); `kern`
 * is font-kerning. Cached for the whole layout. */
const shaped_word *shape_word(lctx *c, font_face *f, bool kern, const char *settings, int dir, const char *s,
                              size_t n);

/* ---- bidirectional text (bidi.c) ---------------------------------------- */

/* Embedding levels of a paragraph's text s[0..n), one per byte, in
 * `levels`; `base` is 0 (ltr), 1 (rtl) or -1 (from the first strong
 * character). Returns the paragraph's level (0 or 1). Scratch in `a`. */
int bidi_levels(arena *a, const char *s, size_t n, int base, uint8_t *levels);
/* The visual order of a line's n runs (UAX #9 L1 over trailing white
 * space, L2): order[k] is the logical index of the k-th run from the
 * left. `white` marks runs of white space. */
void bidi_visual_order(arena *a, const uint8_t *levels, const bool *white, int n, int base, int *order);

/* ---- text (text.c) ----------------------------------------------------- */

/* Width in pt of s with per-character fallback, marking nothing: what
 * text_emit draws, with `kern` (the style's font-kerning) the kerning its
 * strings are drawn with. */
float text_width_fallback(lctx *c, font_face *f, float size, bool kern, const char *s, size_t n);
/* The kerning in pt that joins s[0..at) and s[at..n) when they are drawn
 * as one string: what the two widths measured apart lack. */
float text_kern_at(lctx *c, font_face *f, float size, bool kern, const char *settings, int dir, const char *s,
                   size_t n, size_t at);
/* Emits a text run, splitting it where characters need a fallback face
 * and reporting characters no font has (once each, at `at`). Returns
 * the width drawn. The display items point into `s`, which must live as
 * long as the layout (arena memory, not a stack buffer). */
float text_emit(lctx *c, dl_list *l, font_face *f, float size, bool kern, rgba color, float x, float y,
                const char *s, size_t n, srcpos at);
/* The same with OpenType feature settings (`settings`: HarfBuzz's
 * syntax, "liga=0,smcp=1", from font-variant-ligatures and
 * font-feature-settings; NULL for the defaults) and in a direction the
 * paragraph's bidi levels set: DIR_LTR or DIR_RTL for all of s (brackets
 * mirror in right-to-left text), DIR_AUTO from each script run's own
 * direction (what the two above do). */
float text_width_dir(lctx *c, font_face *f, float size, bool kern, const char *settings, int dir, const char *s,
                     size_t n);
/* The width of s[from..to), a part of the word s[0..n) (a hyphenation
 * fragment): taken from the word's own shaping where HarfBuzz says the
 * word may be cut at both ends (not unsafe to break), else shaped apart. */
float text_part_width(lctx *c, font_face *f, float size, bool kern, const char *settings, int dir, const char *s,
                      size_t n, size_t from, size_t to);
float text_emit_dir(lctx *c, dl_list *l, font_face *f, float size, bool kern, const char *settings, int dir,
                    rgba color, float x, float y, const char *s, size_t n, srcpos at);
/* A text of one line set as UAX #9 orders it: bidi levels over all of s
 * (`base` DIR_AUTO for the first strong character), runs shaped in their
 * level's direction and placed in visual order. Running heads, markers,
 * chart labels and code lines, which are not broken into lines. */
float text_emit_line(lctx *c, dl_list *l, font_face *f, float size, bool kern, const char *settings, int base,
                     rgba color, float x, float y, const char *s, size_t n, srcpos at);
/* The OpenType settings a style asks for (font-variant-ligatures, then
 * font-feature-settings) in HarfBuzz's syntax; NULL for the defaults. */
const char *style_features(lctx *c, const computed_style *cs);
/* Text measured and drawn as the style sets it (face, font-kerning,
 * features) at `size`: running heads, markers, chart labels, leaders. */
float style_text_width(lctx *c, const computed_style *cs, float size, const char *s, size_t n);
float style_text_emit(lctx *c, dl_list *l, const computed_style *cs, float size, rgba color, float x, float y,
                      const char *s, size_t n, srcpos at);

/* ---- paragraphs (inline.c) -------------------------------------------- */

/* Sets the inline content of `block` (a paragraph, heading, caption, cell
 * paragraph ...) into lines in the current galley. `prefix` nodes are
 * laid out before the content (generated ::before content). */
void inline_layout(lctx *c, const doc_node *block, const computed_style *cs);
/* Sets a plain string as a one-line or wrapped paragraph in style cs. */
void inline_layout_text(lctx *c, const char *text, const computed_style *cs, srcpos at);
/* The narrowest and widest a block's inline content can be set (CSS
 * min-content and max-content), for table columns. */
void inline_measure(lctx *c, const doc_node *block, const computed_style *cs, float *min, float *max);

/* ---- blocks (block.c) -------------------------------------------------- */

void block_layout(lctx *c, const doc_node *n);
void block_layout_children(lctx *c, const doc_node *n);
/* Evaluates generated content (::before, ::after, markers) into text. */
char *content_text(lctx *c, const content_part *parts, const doc_node *n);
/* quotes.c: the mark an open-quote or close-quote of n's ::before or
 * ::after (style cs) stands for, "" for none; n's text as content()
 * gives it, with the marks of its quotations */
const char *quote_mark(lctx *c, const computed_style *cs, const doc_node *n, content_kind k);
char *quoted_plain_text(lctx *c, const doc_node *n);
void counters_apply(lctx *c, const computed_style *cs);
int counter_get(lctx *c, const char *name);
/* A footnote's body set at the column width, its number hanging. */
galley *note_galley(lctx *c, const doc_node *def);

/* Block boxes: margins, borders, padding, background, breaks. */
typedef struct {
    float x, width;
    bool framed;
    vdeco *deco;
} block_state;

void block_open(lctx *c, const computed_style *cs, block_state *st);
void block_close(lctx *c, const computed_style *cs, block_state *st);

/* ---- code blocks (code.c) ---------------------------------------------- */

/* Sets a code block line by line: spaces kept, tabs to tab-size, long
 * lines wrapped under their indentation behind a continuation mark. */
void code_layout(lctx *c, const doc_node *n, const computed_style *cs);

/* ---- tables and charts ------------------------------------------------- */

void table_layout(lctx *c, const doc_node *table);
/* Column widths by CSS's automatic table layout. `lo` and `hi` are each
 * column's min- and max-content widths (padding and borders included);
 * `widths` (or NULL) the :widths: option, relative weights or, where
 * `fixed`, points. `fill` makes the table as wide as `avail` (width:
 * 100%); otherwise it is as wide as its content needs, up to `avail`.
 * Returns false when the min-content widths do not fit: the columns are
 * then narrowed in proportion and long words will have to break. */
typedef struct {
    arena *a;
    int ncols;
    const float *lo, *hi;
    const double *widths;
    const bool *fixed;
    float avail;
    bool fill;
} table_widths_in;
bool table_column_widths(const table_widths_in *in, float *out);
/* The decimal point's offset from the right of a number as written
 * ("1,234.5" -> the width of ".5"), or -1 when `s` is not a number. */
typedef float (*text_measure_fn)(void *ctx, const char *s, size_t n);
float table_decimal_tail(const char *s, size_t n, char point, text_measure_fn measure, void *ctx);
float table_row_height(const vrow *row);
/* Draws a row at a given height; footnotes of its cells are appended. */
void table_draw_row(lctx *c, const vrow *row, float height, dl_list *dl, vnote ***notes_tail);
void chart_layout(lctx *c, const doc_node *chart);
/* Round-number axis: a step of 1, 2 or 5 times a power of ten giving
 * about `target` intervals up to at least `max`. */
void chart_ticks(double max, int target, double *step, double *axis_max);
image *layout_image(lctx *c, const doc_node *img);

/* ---- pages (paginate.c, page.c) ---------------------------------------- */

typedef struct {
    vec pages;     /* layout_page, content relative to the column origin */
    vec anchors;   /* anchor_place */
    vec marks;     /* per page: vmark* (first assignment) */
} page_run;

typedef struct {
    const char *id;
    const char *title;
    int level;
    int page;      /* index within the run */
    float y;       /* within the column */
} anchor_place;

/* What the page builder charges for empty space: a break costs its
 * penalty plus this times the share of the page it leaves empty. */
#define PAGE_FILL_WEIGHT 1000.0f

/* Free display-item slots paginate leaves behind each page's items, so
 * that page_compose adds the page background and margin boxes in place.
 * Pages made elsewhere (blank pages) have no items (NULL). */
#define PAGE_SLACK 48

/* Breaks a galley into pages of the content area's height (the first
 * page of the run may differ: @page :first). Footnotes go to the page of
 * their reference: at least their first lines, the rest continuing at
 * the foot of the next pages. */
void paginate(lctx *c, galley *g, page_run *run, float first_height);

/* Places a run's pages on paper: adds page margins, margin boxes and
 * page numbers. */
typedef struct {
    const page_run *run;
    int first_physical; /* index of the run's first page in the document */
    label_style labels;
    int first_number;
    int total;          /* pages in this numbering, for counter(pages) */
} page_range;

/* `cover`: the range is the cover, whose first page is styled by
 * @page :first (no other page is: without a cover, every page is a left
 * or right one). */
void page_compose(lctx *c, layout_result *r, const page_range *range, bool cover);

/* ---- helpers ----------------------------------------------------------- */

float used_line_height(const computed_style *cs);
const computed_style *style_for(lctx *c, const doc_node *n);

/* hyphen_select.c: the hyphenator of each language the text uses */
/* The patterns for a language (NULL: the document's), opened on first use;
 * NULL when it has none, which is said once per language. */
hyphenator *lang_hyphenator(lctx *c, const char *lang);
/* Says, without loading anything, that a language has no patterns (once
 * per language), at the first paragraph that would be hyphenated. */
void lang_check_patterns(lctx *c, const char *lang);
void lang_hyphenators_close(lctx *c);

#endif
