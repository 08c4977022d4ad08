/* layout: turns the styled document tree into pages. Paragraphs become
 * Knuth-Plass items and lines, blocks flow with the CSS box model, tables
 * and charts are built, and the vertical list is broken into pages with
 * footnotes, running heads and page numbers. The result is a display list
 * per page that the renderer draws without further decisions.
 *
 * Coordinates are points with the origin at the page's top-left corner,
 * y growing downwards; a text item's y is its baseline. */
#ifndef DOSSIER_LAYOUT_H
#define DOSSIER_LAYOUT_H

#include "../doc/doc.h"
#include "../font/font.h"
#include "../image/image.h"
#include "../style/style.h"

typedef enum {
    DL_TEXT,      /* a run of characters in one face, size and colour */
    DL_RECT,      /* filled and/or stroked rectangle */
    DL_LINE,      /* a straight stroke */
    DL_PATH,      /* a polygon (charts) */
    DL_IMAGE,
    DL_LINK,      /* a clickable area: external URI or a place in the document */
    DL_LINE_INFO  /* not drawn: a line box's break data, for --dump=layout */
} dl_kind;

/* What a display item is in the document's logical structure (tagged
 * PDF): part of the document node `node` names, or an artifact, drawn
 * for looks or by pagination and skipped by a screen reader. */
typedef enum {
    TAG_CONTENT,     /* the node's own content */
    TAG_LABEL,       /* a list item's marker or a note's number */
    TAG_HYPHEN,      /* a hyphen added at a line end: drawn, not read */
    TAG_ARTIFACT,    /* decoration: rules, bands, backgrounds */
    TAG_HEADER,      /* running head (a top margin box) */
    TAG_FOOTER,      /* page number or running foot (a bottom margin box) */
    TAG_PAGINATION   /* other pagination: side margin boxes, repeated table headers */
} dl_tag;

/* One glyph of a shaped run (the contract between layout, which shapes,
 * and render, which draws exactly what layout measured).
 *
 * A run's glyphs are in visual order, left to right as drawn, whatever the
 * run's direction. Positions follow HarfBuzz: the pen starts at the item's
 * x; each glyph is drawn at pen + (dx, dy) and the pen then moves by
 * `advance`. `advance` is what layout used: the font's advance scaled to
 * the size, plus kerning and positioning from GPOS, plus letter-spacing
 * and any justification layout put inside the run. */
typedef struct {
    uint32_t gid;     /* glyph id in the face's own font file (not a subset's) */
    uint32_t cluster; /* byte offset into the run's text where the glyph's cluster starts */
    float advance;    /* pt */
    float dx, dy;     /* pt, dy up as in PDF */
} dl_glyph;

typedef struct {
    dl_kind kind;
    float x, y, w, h;
    int node;        /* 1 + the id of the document node it belongs to; 0: none */
    uint8_t tag;     /* dl_tag */
    union {
        struct {
            font_face *font;
            float size;
            rgba color;
            /* the run's text in logical order, UTF-8, not NUL-terminated.
             * A cluster's text runs from its offset to the next larger
             * cluster offset of the run (or len): ToUnicode and
             * ActualText are made from it, so copy and paste give what
             * the author wrote */
            const char *str;
            size_t len;
            const dl_glyph *glyphs; /* nglyphs, visual order */
            int nglyphs;
            bool rtl;        /* a right-to-left run: clusters descend */
            float angle;     /* degrees, counter-clockwise; 0 for body text */
            bool kern;       /* drawn with the face's kerning (measured so) */
        } text;
        struct {
            rgba fill, stroke;
            float line_width;
            border_style dash;
        } rect;
        struct {
            float x2, y2, width;
            rgba color;
            border_style dash;
        } line;
        struct {
            const float *pts; /* x0 y0 x1 y1 ... */
            int npts;
            rgba fill, stroke;
            float line_width;
        } path;
        struct {
            const image *img;
        } image;
        struct {
            const char *uri;   /* external link, or NULL for an internal one */
            int page;          /* internal: target page index */
            float dest_y;      /* internal: target y on that page */
        } link;
        struct {
            float ratio;       /* adjustment ratio of the line */
            bool hyphen;       /* ends with an inserted hyphen */
            bool overfull, loose, last;
            int source_line;
        } info;
    } u;
} dl_item;

typedef struct {
    int index;          /* 0-based physical page */
    float width, height;
    const char *label;  /* the printed page number: "ii", "3" */
    bool left;          /* a left-hand (verso) page */
    bool blank;         /* left empty so what follows starts on the side asked for */
    dl_item *items;
    int nitems;
} layout_page;

typedef struct {
    const char *title;
    int level;
    int page;
    float y;
} outline_entry;

typedef enum { LABEL_ROMAN, LABEL_ARABIC } label_style;

typedef struct {
    int first_page;     /* physical index where the range starts */
    label_style style;
    int start;          /* number of its first page */
} page_label_range;

/* Figures the typography tests and benchmarks read. */
typedef struct {
    int lines, overfull, loose, hyphenated, consecutive_hyphens_max;
    int widows, orphans, headings_at_foot;
    int paragraphs;
    double linebreak_seconds; /* time spent in line breaking: items, hyphenation, breaks */
    double breaker_seconds;   /* of which choosing the breaks (the algorithm alone) */
} layout_stats;

typedef struct {
    layout_page *pages;
    int npages;
    outline_entry *outline;
    int noutline;
    page_label_range *labels;
    int nlabels;
    layout_stats stats;
} layout_result;

typedef struct {
    bool first_fit;          /* greedy lines instead of Knuth-Plass (benchmarks) */
    const char *const *allow_paths; /* folders images may come from besides the source's */
    int nallow_paths;
    const char *hyphen_dir;  /* the program's own patterns (Kazakh, Kyrgyz), or NULL */
} layout_options;

layout_result *layout_document(arena *a, diag *d, font_lib *fonts, const doc_document *doc,
                               const style_result *style, const layout_options *opt);

/* --dump=layout */
void layout_dump(FILE *out, const layout_result *r);

#endif
