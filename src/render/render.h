/* render: draws the layout's display lists into a PDF with libharu:
 * TrueType faces subset to the glyphs drawn (HarfBuzz) and embedded as
 * CID-keyed fonts, text as the layout's glyph runs, vector graphics, images, links, the
 * outline, page labels and the document information. */
#ifndef DOSSIER_RENDER_H
#define DOSSIER_RENDER_H

#include "../layout/layout.h"

#include <time.h>

typedef struct {
    time_t date;          /* creation date written into the PDF */
    bool reproducible;    /* date from SOURCE_DATE_EPOCH: derive /ID from the content */
    bool pdfa;            /* PDF/A: XMP metadata, sRGB output intent */
    int pdfa_part;        /* 2 for PDF/A-2 (object streams, transparency); else PDF/A-1 */
    char pdfa_level;      /* 'U' for PDF/A-2u; else 'B' */
    bool pdfua;           /* PDF/UA-1: XMP metadata with pdfuaid (the checks are render_check_accessible's) */
    bool compress;        /* deflate streams (always on except for debugging) */
    bool untagged;        /* no structure tree or marked content (--no-tags) */
} render_options;

/* --pdfua: what only the author can fix, as errors at its place in the
 * source: an image without a description, a heading that skips a level,
 * a table without a header row, a document without a title. Returns
 * the number of errors. */
int render_check_accessible(arena *a, diag *d, const doc_document *doc);

/* Renders the whole document into memory. Returns false (with a
 * diagnostic) when the PDF library fails; the bytes live in the arena. */
bool render_pdf(arena *a, diag *d, font_lib *fonts, const doc_document *doc, const layout_result *layout,
                const render_options *opt, const unsigned char **out, size_t *out_len);

#endif
