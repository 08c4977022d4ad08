/* Private to the render stage. */
#ifndef DOSSIER_RENDER_INTERNAL_H
#define DOSSIER_RENDER_INTERNAL_H

#include "render.h"

#include <hpdf.h>

/* A face embedded as a Type 0 font (fonts.c). CIDs are the subset's
 * glyph ids. */
typedef struct {
    font_face *face;
    HPDF_Dict dict;         /* the Type 0 font the pages name */
    uint16_t *cid_of;       /* the face's glyph id -> CID; 0 for glyphs not kept */
    uint32_t norig;         /* glyphs in the face */
    uint32_t *old_gid;      /* CID -> the face's glyph id */
    int *width;             /* CID -> /W width, 1/1000 em */
    uint32_t ncids;
    const char **text;      /* CID -> the text it stands for in ToUnicode, or NULL */
    uint32_t *text_len;
    uint32_t space_cid;     /* 0 when the face has no space */
    /* Line-end hyphens: the glyph a real hyphen is drawn with stands for
     * U+002D, so the hyphen layout adds is drawn with a CID of its own
     * (after the subset's glyphs, the same glyph through CIDToGIDMap)
     * that stands for U+00AD, a soft hyphen, which readers drop when
     * they join the word. */
    uint32_t nglyphs;       /* glyphs in the subset: CIDs from here on are aliases */
    uint32_t *soft_cid;     /* subset glyph -> its alias; 0: none */
} pdf_font;
typedef struct tag_tree tag_tree;

/* An object written by us as text: libharu holds a null object under its
 * number, and render_pack puts the text in its place. Tagged PDF's
 * structure elements are most of a long table's objects, and a libharu
 * dictionary costs a kilobyte (each key and name a 128-byte array). */
typedef struct {
    uint32_t num;
    const char *text;
    size_t len;
} render_body;

typedef struct {
    arena *a;
    diag *d;
    font_lib *fonts;
    const doc_document *doc;
    const layout_result *layout;
    const render_options *opt;
    HPDF_Doc pdf;
    bool deflate_streams;             /* the PDF library compresses the streams we make */
    HPDF_STATUS error, error_detail; /* first error since the last check */
    bool failed;
    HPDF_Page *pages;
    int npages;
    pdf_font **font_by_face;          /* indexed by font_face.id; NULL for faces not drawn */
    int nfonts;
    HPDF_Image *image_by_id;          /* indexed by image.id, filled on first use */
    int nimages;
    char *scratch;                    /* NUL-terminated copies of text runs */
    size_t scratch_cap;
    strbuf ops;                       /* content-stream operators being written */
    tag_tree *tags;                   /* the structure being built; NULL: untagged */
    vec bodies;                       /* render_body: objects whose text we wrote */
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

/* fonts.c: subsets every face the layout drew to the glyphs it drew and
 * embeds it; before the pages are drawn. */
bool render_load_fonts(render_ctx *r);
pdf_font *render_font(render_ctx *r, font_face *f);
/* The CID of the face's glyph `gid`; 0 (.notdef) for a glyph not kept. */
static inline uint32_t render_cid(const pdf_font *pf, uint32_t gid)
{
    return gid < pf->norig ? pf->cid_of[gid] : 0;
}
/* The CID that draws the face's glyph `gid` as a hyphen added at a line
 * end (its alias standing for U+00AD), or its plain CID when it has none. */
uint32_t render_soft_hyphen_cid(const pdf_font *pf, uint32_t gid);
/* Records that `cid` stands for the UTF-8 text s (kept, not copied).
 * False when it cannot say so in the ToUnicode map: it stands for another
 * text already, it is .notdef, or the text is too long; such glyphs need
 * an ActualText. */
bool render_font_text(pdf_font *pf, uint32_t cid, const char *s, size_t n);
/* Writes the fonts' ToUnicode maps, once every page is drawn. */
bool render_finish_fonts(render_ctx *r);
/* UTF-8 text as UTF-16BE hex digits, surrogate pairs beyond the BMP. */
void render_put_utf16_hex(strbuf *sb, const char *s, size_t n);
/* v in decimal (no printf: it runs for every adjustment of a TJ array) */
void render_put_long(strbuf *sb, long v);

/* glyphs.c: a line's glyph runs as TJ arrays. Positions are in 1/1000
 * em of the size from the line's origin (where the text matrix stands). */
typedef struct {
    strbuf *sb;
    pdf_font *pf;
    float size;
    long drawn;           /* where the viewer's pen stands */
    double end;           /* where layout's pen stands after the last item */
    bool in_array, in_string;
    float rise;           /* the text rise set, pt */
} tj_writer;

void tj_begin(tj_writer *t, strbuf *sb, pdf_font *pf, float size);
/* The item's glyphs, the first at `origin`. */
void tj_item(tj_writer *t, const dl_item *it, double origin);
/* A space glyph where the pen stands: extracted text needs real spaces
 * between words, however wide the gap. */
void tj_space(tj_writer *t);
/* Closes the TJ and resets the rise. */
void tj_end(tj_writer *t);

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

/* hpdf_memory.c: a libharu document whose memory is an arena of its
 * own, freed with it (one document at a time). */
HPDF_Doc render_hpdf_new(HPDF_Error_Handler on_error, void *user_data);
void render_hpdf_free(HPDF_Doc pdf);

/* deflate.c: streams deflated side by side (zlib's format, each job at
 * its own level) into one block, freed by deflate_batch_free. */
typedef struct {
    const unsigned char *in;
    size_t n;
    int level;
    unsigned char *out; /* set by deflate_batch_run */
    size_t cap, out_len;
    bool ok;
} deflate_job;
typedef struct {
    deflate_job *jobs;
    size_t n;
    unsigned char *space;
} deflate_batch;
/* False when some job failed (out of memory). */
bool deflate_batch_run(deflate_batch *b);
void deflate_batch_free(deflate_batch *b);

/* pack.c: rewrites libharu's output: streams deflated, `bodies` in place
 * of libharu's null objects of their numbers, and either PDF 1.5 object
 * streams with a cross-reference stream or (object_streams false, for
 * PDF/A-1) plain objects with a cross-reference table. False (output
 * untouched) when the input is not what libharu writes. */
bool render_pack(arena *a, const unsigned char *in, size_t len, const render_body *bodies, size_t nbodies,
                 bool object_streams, const unsigned char **out, size_t *out_len);

/* pdfa.c: XMP metadata (PDF/A, PDF/UA), and for PDF/A the output intent
 * and the rest. */
bool render_pdfa(render_ctx *r);

#endif
