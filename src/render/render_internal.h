/* Private to the render stage. */
#ifndef DOSSIER_RENDER_INTERNAL_H
#define DOSSIER_RENDER_INTERNAL_H

#include "render.h"

#include <hpdf.h>

typedef struct tag_tree tag_tree;

typedef struct {
    arena *a;
    diag *d;
    font_lib *fonts;
    const doc_document *doc;
    const layout_result *layout;
    const render_options *opt;
    HPDF_Doc pdf;
    HPDF_Encoder utf8;
    HPDF_STATUS error, error_detail; /* first error since the last check */
    bool failed;
    HPDF_Page *pages;
    int npages;
    HPDF_Font *font_by_face;          /* indexed by font_face.id */
    int nfonts;
    HPDF_Image *image_by_id;          /* indexed by image.id, filled on first use */
    int nimages;
    char *scratch;                    /* NUL-terminated copies of text runs */
    size_t scratch_cap;
    strbuf ops;                       /* content-stream operators being written */
    tag_tree *tags;                   /* the structure being built; NULL: untagged */
} render_ctx;

/* Appends to a libharu stream, as HPDF_Stream_Write does but with memcpy
 * for memory streams. */
HPDF_STATUS render_stream_put(HPDF_Stream st, const void *data, size_t len);

/* True when the PDF library reported no error since the last check;
 * otherwise reports it (saying what we were doing) and resets it. */
bool render_check(render_ctx *r, const char *what);
void render_rgb(rgba c, float *r, float *g, float *b);
/* A NUL-terminated copy of s, valid until the next call. */
char *render_scratch(render_ctx *r, const char *s, size_t n);

/* fonts.c: subsets every face the layout used and embeds it. */
bool render_load_fonts(render_ctx *r);
HPDF_Font render_font(render_ctx *r, font_face *f);

/* images.c */
HPDF_Image render_image(render_ctx *r, const image *img);

/* document.c: outline, page labels, document information. */
HPDF_Destination render_destination(render_ctx *r, int page, float y);
bool render_outline(render_ctx *r);
bool render_page_labels(render_ctx *r);
bool render_info(render_ctx *r);
/* The trailer's /ID, derived from the content and the date. */
bool render_id(render_ctx *r);

/* The value of `key` in a libharu dictionary, or NULL; unlike
 * HPDF_Dict_GetItem it raises no error for a missing key or a subclass. */
void *render_dict_find(void *dict, const char *key);

/* pack.c: rewrites libharu's output as PDF 1.5 with object streams and
 * a cross-reference stream. False (output untouched) when the input is
 * not what libharu writes. */
bool render_pack(arena *a, const unsigned char *in, size_t len, const unsigned char **out, size_t *out_len);

/* pdfa.c: XMP metadata (PDF/A, PDF/UA), and for PDF/A the output intent
 * and the rest. */
bool render_pdfa(render_ctx *r);

#endif
