/* Private to the paragraph setter, whose steps each have a file, in the
 * order the pipeline runs them (inline.c drives them):
 *
 * - collect.c: the inline nodes of a block flattened into pieces (text in
 *   one style, images, footnote numbers, leaders) and their text, white
 *   space processed as CSS says, in one buffer;
 * - prepare.c: what is known of the whole paragraph before lines exist:
 *   bidi embedding levels (FriBidi) and UAX #14 break opportunities
 *   (libunibreak); words are shaped as they are measured (text.c,
 *   shape.c);
 * - break.c: Knuth-Plass items (boxes of shaped words, glue, penalties
 *   at break opportunities and hyphenation points) and TeX's passes;
 * - finalize.c: each line set: glue fixed, runs placed in visual order,
 *   glyph runs, decorations, links and footnotes emitted into a box. */
#ifndef DOSSIER_INLINE_INTERNAL_H
#define DOSSIER_INLINE_INTERNAL_H

#include "layout_internal.h"

#define FIL 1.0e6f            /* stretch that behaves as infinite */
#define OBJECT_CHAR 0xFFFC    /* stands for an image or leader in the text */
#define BROKEN_LINES 1.5f     /* a page break after a hyphenated line costs this many lines of fill */

typedef enum { PIECE_TEXT, PIECE_BREAK, PIECE_IMAGE, PIECE_NOTE, PIECE_LEADER } piece_kind;

typedef struct {
    piece_kind kind;
    const computed_style *cs;
    const char *text;
    size_t len;
    const char *link;       /* URL, or "#id" inside the document, or NULL */
    srcpos pos;
    bool nohyph;            /* code and URLs are never hyphenated */
    bool url;               /* breaks where URLs break (url_break_at), never hyphenated */
    float shift;            /* baseline shift (super/subscript), pt, down positive */
    int deco;               /* text-decoration lines, from the element and its ancestors */
    rgba deco_color;
    image *img;             /* PIECE_IMAGE */
    float img_w, img_h;
    const doc_node *note;   /* PIECE_NOTE: the definition */
    const char *leader;     /* PIECE_LEADER: the string repeated */
    const char *features;   /* OpenType feature settings of its style, NULL for the defaults */
    const doc_node *tag;    /* the link, note reference or image it is part of (tagged PDF), or NULL */
    float letter_spacing;   /* the style's, but 0 for text of a right-to-left or joining script,
                               which spacing each character apart would tear (CSS Text 3 8.2) */
} piece;

typedef enum { FR_TEXT, FR_SPACE, FR_BREAK, FR_HYPHEN, FR_IMAGE, FR_LEADER, FR_FILL, FR_INDENT, FR_RAGGED } frag_kind;

/* What an item stands for, parallel to the kp_item array. */
typedef struct {
    uint8_t kind;   /* frag_kind */
    bool kerned;    /* a text box whose kerning with the next box is done */
    int piece;
    int start, end; /* bytes of the buffer */
    /* a text box: the kerning with the box after it, added to its width
     * (and taken off the break between them, which drops it); a hyphen
     * break: where the hyphen goes from the end of the box before */
    float kern;
} frag;

/* What inline elements pass down to their content: the link they are in,
 * the raised or lowered baseline, and text decorations, which CSS draws
 * across all descendants' text. */
typedef struct {
    const char *link;
    const doc_node *tag;  /* the clickable link it is in (tagged PDF) */
    float shift;
    int deco;
    rgba deco_color;
} inl_state;

typedef struct {
    lctx *c;
    const computed_style *cs; /* the block's style */
    vec pieces;               /* piece */
    strbuf buf;               /* processed text */
    vec owner;                /* int per byte of buf: piece index */
    char *brks;
    vec items;                /* kp_item */
    vec frags;                /* frag */
    bool justify, has_leader;
    float ragged;             /* stretch of ragged glue */
    uint8_t *levels;          /* bidi embedding level per byte of buf */
    int base_level;           /* the paragraph's: 0 left-to-right, 1 right-to-left */
    bool bidi;                /* some text is right-to-left: lines are reordered */
    srcpos pos;
} para;

typedef struct {
    int from, to;     /* items of the line, to exclusive */
    int brk;          /* the item broken at */
    float ratio;
    bool overfull;
} line_span;

/* ---- collect.c ---------------------------------------------------------- */

void add_text(para *p, const computed_style *cs, const char *s, size_t n, const inl_state *st, srcpos pos, bool nohyph,
              bool url);
/* Generated content (::before, ::after) as pieces. */
void add_generated(para *p, const computed_style *cs, const doc_node *n, const inl_state *outer);
void collect_children(para *p, const doc_node *n, const inl_state *st);
/* The pieces' text into p->buf, white space processed. */
void build_buffer(para *p);

/* ---- prepare.c ---------------------------------------------------------- */

/* Bidi levels of p->buf, once per paragraph. */
void find_levels(para *p);
/* UAX #14 break opportunities inside words, into p->brks. */
void find_breaks(para *p);

/* ---- break.c ------------------------------------------------------------ */

piece *piece_at(para *p, int i);
/* The direction text at byte `at` is shaped in (DIR_AUTO outside bidi text). */
int dir_at(const para *p, int at);
/* Says once when the language has no hyphenation patterns. */
void check_patterns(para *p);
void build_items(para *p, bool hyphenate);
/* The lines: TeX's passes over the items; returns their count and the breaks. */
int break_lines(para *p, kp_break **out);
double para_seconds(void);

/* ---- finalize.c --------------------------------------------------------- */

/* Sets line `index` of `nlines` into the galley; returns its height. */
float emit_line(para *p, const line_span *ln, int index, int nlines, bool hyphen_end);

#endif
