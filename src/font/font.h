/* font: finding faces (fontconfig, bundled fonts first), measuring glyph
 * advances (FreeType), per-character fallback, and recording which
 * characters each face draws so the renderer can subset it.
 *
 * Widths are in 1/1000 em, truncated exactly as the PDF's /W array is
 * written (advance * 1000 / units_per_em), so measured and drawn text agree. */
#ifndef DOSSIER_FONT_H
#define DOSSIER_FONT_H

#include "../util/util.h"

typedef struct font_lib font_lib;
typedef struct font_face_priv font_face_priv;

typedef struct font_face {
    int id;               /* index in the library, stable for a compilation */
    const char *path;
    int index;            /* face index within a collection */
    const char *family;
    const char *psname;   /* PostScript name, for dumps */
    int weight;           /* CSS 100..900 */
    bool italic;
    bool bundled;         /* from the program's own fonts folder */
    /* metrics in em units (fractions of the font size), from hhea/OS/2 */
    float ascent, descent; /* descent is positive, below the baseline */
    float line_gap;
    float x_height, cap_height;
    float underline_pos, underline_thickness; /* position below baseline, positive */
    font_face_priv *priv;
} font_face;

/* Opens the library over the bundled fonts in `bundled_dir`. System fonts
 * are loaded lazily, the first time a family or character is not bundled.
 * Returns NULL (with a diagnostic) when the bundled fonts cannot be read. */
font_lib *font_lib_new(arena *a, diag *d, const char *bundled_dir);
void font_lib_free(font_lib *lib);

/* Resolves a CSS font-family list ("PT Serif", Georgia, serif) with a CSS
 * weight and style to a face. Generic families map to the bundled faces.
 * A family not found or a weight/style the family lacks is reported at
 * `at` (once per request). Never NULL once the library opened. */
font_face *font_resolve(font_lib *lib, const char *families, int weight, bool italic, srcpos at);

/* Advance of `cp` in 1/1000 em, or -1 when the face has no glyph for it. */
int font_advance(font_face *f, uint32_t cp);
bool font_has_char(font_face *f, uint32_t cp);
/* Whether the face has every character from U+0020 to U+007E (asked once,
 * then remembered): text checks skip such runs a byte at a time. */
bool font_has_printable_ascii(font_face *f);
/* The glyph id of `cp` in the face's cmap, 0 (.notdef) when it has none. */
uint32_t font_glyph(font_face *f, uint32_t cp);
/* Advance of glyph `gid` in 1/1000 em, truncated as font_advance; 0 for
 * a glyph the face does not have. */
int font_glyph_advance(font_face *f, uint32_t gid);

/* What a PDF font descriptor says of a face, in 1/1000 em. */
typedef struct {
    int bbox[4];          /* x0 y0 x1 y1 of all glyphs, from the head table */
    int ascent, descent;  /* descent negative, below the baseline */
    int cap_height, stem_v;
    float italic_angle;   /* degrees, from the post table */
    bool fixed_pitch, serif;
    int num_glyphs;
} font_pdf_metrics;
/* False when the face cannot be read. */
bool font_pdf_metrics_of(font_face *f, font_pdf_metrics *m);

/* The face as a HarfBuzz font (the same file, scaled to font units), for
 * shaping; NULL when the file cannot be read. Owned by the library. */
struct hb_font_t;
struct hb_font_t *font_hb(font_face *f);
/* Units per em of the face (1000 when it cannot be read). */
int font_upem(font_face *f);

/* The kerning between `left` and `right` drawn side by side in `f`, in
 * 1/1000 em (negative brings them closer), from the face's kern table;
 * 0 for a face without one, for any pair with a space, so that words
 * measure the same whatever surrounds them, and for any pair with a digit,
 * so that figures stay tabular. Cached per pair. */
int font_kern(font_face *f, uint32_t left, uint32_t right);

/* The face that draws `cp`: `primary` when it has the glyph, else the first
 * bundled face, then system face, that does (preferring the same weight and
 * style). NULL when no font has it: the caller reports that. Cached. */
font_face *font_for_char(font_lib *lib, font_face *primary, uint32_t cp);

/* Reports, once per character for the whole compilation, that `cp`
 * cannot be drawn: no font has it. The style stage reports characters of the
 * source at their exact position first; layout reports what remains
 * (generated content) where it comes from. */
void font_report_missing(font_lib *lib, uint32_t cp, srcpos at);

/* Records that `cp` is drawn with `f` (for subsetting). */
void font_mark_used(font_face *f, uint32_t cp);
/* The characters recorded for f, ascending; *n receives the count. */
const uint32_t *font_used_chars(font_lib *lib, font_face *f, size_t *n);

int font_count(const font_lib *lib);
font_face *font_at(const font_lib *lib, int i);

#endif
