/* Font library: bundled faces through a fontconfig configuration of our
 * own (so they win on every machine), system faces through the system
 * configuration (loaded only when a family or character needs them),
 * FreeType for metrics, and per-face caches so that measuring a character
 * costs an array lookup after its first use. */
#include "font.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H
#include <hb.h>

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_BITS 8
#define PAGE_SIZE (1u << PAGE_BITS)
#define NPLANES 17 /* Unicode planes */

/* Tables of 256-character pages, two levels deep (plane, then page) so that
 * a face costs a few hundred bytes until characters are asked of it. */
typedef struct {
    void **plane[NPLANES];
} page_dir;

static void *page_get(const page_dir *d, uint32_t cp)
{
    void **pl = d->plane[cp >> 16];
    return pl ? pl[(cp >> PAGE_BITS) & 0xFF] : NULL;
}

static void page_set(arena *a, page_dir *d, uint32_t cp, void *page)
{
    void ***pl = &d->plane[cp >> 16];
    if (!*pl)
        *pl = ARENA_ARRAY(a, void *, 1u << (16 - PAGE_BITS));
    (*pl)[(cp >> PAGE_BITS) & 0xFF] = page;
}

enum { ADV_UNKNOWN = -2, ADV_MISSING = -1 };

/* Kerning pairs already looked up. The characters a document uses most
 * get a small index each (per face, in order of first use) and their pairs
 * a square table, a row per left character as it is needed: three array
 * reads a pair on the hot path. Pairs beyond the square (a document of
 * more than 254 kerning characters) go to a hash map by the two code
 * points. */
#define KERN_DENSE 255        /* indices 1..254; 255: not in the square */
#define KERN_BIAS 0x4000      /* entries hold value + bias: 0 is "not asked yet" */

typedef struct {
    int state;          /* 0 not yet known, 1 the face has a kern table, -1 it has none */
    uint8_t ascii[128]; /* index of each ASCII character, 0 until given */
    page_dir index;     /* uint8_t index pages for the rest */
    int nindex;
    uint16_t *rows[KERN_DENSE]; /* [left index][right index], biased, 0 until asked;
                                   a row is allocated at its first pair */
    hmap others;        /* the rest: biased values as pointers */
} kern_cache;

struct font_face_priv {
    font_lib *lib;
    FT_Face ft;          /* opened on first use */
    int upem;
    page_dir adv;          /* int16_t advances, ADV_UNKNOWN until measured */
    page_dir gid;          /* uint16_t glyph ids, filled with the advances */
    page_dir used;         /* uint8_t bitmaps of characters drawn */
    size_t nused;
    page_dir fallback;     /* font_face * results of font_for_char, NULL until asked */
    int kind;              /* FACE_* design class, for choosing fallbacks */
    kern_cache kern;       /* pairs asked of font_kern */
    hb_font_t *hb;         /* for shaping, made on first use */
    int8_t printable_ascii; /* has every printable ASCII character: 1 yes, -1 no, 0 not yet known */
};

/* Design classes, from the OS/2 table: a fallback face of the same class
 * looks least out of place. */
enum { FACE_UNKNOWN, FACE_SERIF, FACE_SANS, FACE_MONO };

struct font_lib {
    arena *a;
    diag *d;
    FT_Library ft;
    FcConfig *bundled_cfg;
    FcConfig *system_cfg;    /* NULL until needed */
    bool system_tried;
    vec faces;               /* font_face*, bundled first */
    int nbundled;
    hmap by_file;            /* "path#index" -> font_face* */
    hmap resolved;           /* "families|weight|italic" -> font_face* */
    char *cache_dir;
};

static font_face no_face; /* cached "no font has this character" */

/* ---- faces ------------------------------------------------------------- */

static int css_weight_from_fc(int fcw)
{
    /* to the nearest hundred: fontconfig's Book is 380, a face's CSS
     * weight is one of the nine */
    int w = ((int)FcWeightToOpenType(fcw) + 50) / 100 * 100;
    if (w < 100)
        w = 100;
    if (w > 900)
        w = 900;
    return w;
}

static font_face *face_from_pattern(font_lib *lib, FcPattern *p, bool bundled)
{
    FcChar8 *file = NULL, *family = NULL, *format = NULL;
    int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
        return NULL;
    /* The PDF library embeds TrueType outlines only; CFF would fail later. */
    if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
        strcmp((const char *)format, "TrueType") != 0)
        return NULL;
    FcPatternGetInteger(p, FC_INDEX, 0, &index);
    FcPatternGetString(p, FC_FAMILY, 0, &family);
    FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(p, FC_SLANT, 0, &slant);

    char key[4200];
    int klen = snprintf(key, sizeof key, "%s#%d", (const char *)file, index);
    if (klen < 0 || (size_t)klen >= sizeof key)
        return NULL;
    font_face *f = hmap_get(&lib->by_file, key, (size_t)klen);
    if (f)
        return f;
    f = ARENA_NEW(lib->a, font_face);
    f->path = arena_strdup(lib->a, (const char *)file);
    f->index = index;
    f->family = arena_strdup(lib->a, family ? (const char *)family : "?");
    f->psname = f->family;
    f->weight = css_weight_from_fc(weight);
    f->italic = slant != FC_SLANT_ROMAN;
    f->bundled = bundled;
    f->priv = ARENA_NEW(lib->a, font_face_priv);
    f->priv->lib = lib;
    f->id = (int)lib->faces.len;
    *VEC_PUSH(lib->a, &lib->faces, font_face *) = f;
    hmap_put(&lib->by_file, key, (size_t)klen, f);
    return f;
}

/* Opens the FreeType face and reads the metrics layout needs. */
static bool face_open(font_lib *lib, font_face *f)
{
    font_face_priv *p = f->priv;
    if (p->ft)
        return true;
    if (p->upem < 0)
        return false; /* failed before */
    if (FT_New_Face(lib->ft, f->path, f->index, &p->ft) != 0) {
        p->ft = NULL;
        p->upem = -1;
        diag_once(lib->d, f->path, DIAG_ERROR, srcpos_make(f->path, 0, 0), "cannot read font file");
        return false;
    }
    FT_Face ft = p->ft;
    p->upem = ft->units_per_EM ? ft->units_per_EM : 1000;
    float em = (float)p->upem;
    f->ascent = (float)ft->ascender / em;
    f->descent = (float)-ft->descender / em;
    f->line_gap = (float)(ft->height - ft->ascender + ft->descender) / em;
    if (f->line_gap < 0)
        f->line_gap = 0;
    f->underline_pos = (float)-ft->underline_position / em;
    f->underline_thickness = (float)ft->underline_thickness / em;
    if (f->underline_thickness <= 0)
        f->underline_thickness = 0.05f;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    if (FT_IS_FIXED_WIDTH(ft))
        p->kind = FACE_MONO;
    else if (os2 && os2->panose[0] == 2 && os2->panose[1] >= 11 && os2->panose[1] <= 13)
        p->kind = FACE_SANS; /* PANOSE Latin text: normal, obtuse or perpendicular sans */
    else if (os2 && os2->panose[0] == 2 && os2->panose[1] >= 2 && os2->panose[1] <= 10)
        p->kind = FACE_SERIF;
    else if (os2 && (os2->sFamilyClass >> 8) == 8)
        p->kind = FACE_SANS; /* IBM family class: sans serif */
    else if (os2 && (os2->sFamilyClass >> 8) >= 1 && (os2->sFamilyClass >> 8) <= 7)
        p->kind = FACE_SERIF;
    if (os2 && os2->version >= 2 && os2->sxHeight > 0) {
        f->x_height = (float)os2->sxHeight / em;
        f->cap_height = (float)os2->sCapHeight / em;
    } else {
        f->x_height = 0.5f;
        f->cap_height = 0.7f;
    }
    const char *ps = FT_Get_Postscript_Name(ft);
    if (ps)
        f->psname = arena_strdup(lib->a, ps);
    return true;
}

/* The advance of an existing glyph in 1/1000 em, truncated exactly as
 * the PDF's /W array is written; ADV_MISSING when it cannot be read. */
static int glyph_measure(font_face_priv *p, FT_UInt gid)
{
    FT_Fixed adv = 0;
    if (FT_Get_Advance(p->ft, gid, FT_LOAD_NO_SCALE, &adv) != 0)
        return ADV_MISSING;
    return (int)((unsigned)adv * 1000u / (unsigned)p->upem);
}

static int face_measure(font_face *f, uint32_t cp, FT_UInt *gid)
{
    font_face_priv *p = f->priv;
    *gid = FT_Get_Char_Index(p->ft, cp);
    if (*gid == 0 || *gid > 0xFFFF)
        return ADV_MISSING;
    return glyph_measure(p, *gid);
}

int font_advance(font_face *f, uint32_t cp)
{
    if (cp >= 0x110000)
        return -1;
    font_face_priv *p = f->priv;
    int16_t *page = page_get(&p->adv, cp);
    if (page && page[cp & (PAGE_SIZE - 1)] != ADV_UNKNOWN)
        return page[cp & (PAGE_SIZE - 1)];
    if (!face_open(p->lib, f))
        return -1;
    if (!page) {
        page = arena_alloc(p->lib->a, PAGE_SIZE * sizeof *page);
        for (unsigned i = 0; i < PAGE_SIZE; i++)
            page[i] = ADV_UNKNOWN;
        page_set(p->lib->a, &p->adv, cp, page);
        page_set(p->lib->a, &p->gid, cp, arena_alloc(p->lib->a, PAGE_SIZE * sizeof(uint16_t)));
    }
    FT_UInt gid;
    int w = face_measure(f, cp, &gid);
    if (w > 32767)
        w = 32767;
    page[cp & (PAGE_SIZE - 1)] = (int16_t)w;
    if (w >= 0)
        ((uint16_t *)page_get(&p->gid, cp))[cp & (PAGE_SIZE - 1)] = (uint16_t)gid;
    return w;
}

uint32_t font_glyph(font_face *f, uint32_t cp)
{
    if (cp >= 0x110000)
        return 0;
    /* an advance measured means a glyph id stored beside it */
    const int16_t *adv = page_get(&f->priv->adv, cp);
    if (!adv || adv[cp & (PAGE_SIZE - 1)] == ADV_UNKNOWN)
        font_advance(f, cp);
    adv = page_get(&f->priv->adv, cp);
    if (!adv || adv[cp & (PAGE_SIZE - 1)] < 0)
        return 0;
    const uint16_t *page = page_get(&f->priv->gid, cp);
    return page[cp & (PAGE_SIZE - 1)];
}

int font_glyph_advance(font_face *f, uint32_t gid)
{
    font_face_priv *p = f->priv;
    if (!face_open(p->lib, f) || gid >= (uint32_t)p->ft->num_glyphs)
        return 0;
    return MAX(0, glyph_measure(p, gid));
}

bool font_pdf_metrics_of(font_face *f, font_pdf_metrics *m)
{
    font_face_priv *p = f->priv;
    memset(m, 0, sizeof *m);
    if (!face_open(p->lib, f))
        return false;
    FT_Face ft = p->ft;
    /* in 1/1000 em, rounded away from the glyphs so the box holds them */
    long upem = p->upem;
#define EM(v) ((int)((long)(v) * 1000 / upem))
    m->bbox[0] = EM(ft->bbox.xMin);
    m->bbox[1] = EM(ft->bbox.yMin);
    m->bbox[2] = EM(ft->bbox.xMax);
    m->bbox[3] = EM(ft->bbox.yMax);
    m->ascent = EM(ft->ascender);
    m->descent = EM(ft->descender);
    m->cap_height = (int)lroundf(f->cap_height * 1000.0f);
#undef EM
    TT_Postscript *post = FT_Get_Sfnt_Table(ft, FT_SFNT_POST);
    m->italic_angle = post ? (float)post->italicAngle / 65536.0f : 0;
    /* a common estimate from the weight, as no table holds it */
    m->stem_v = 10 + (int)lroundf(0.244f * (float)(f->weight - 50));
    m->fixed_pitch = p->kind == FACE_MONO;
    m->serif = p->kind == FACE_SERIF;
    m->num_glyphs = (int)ft->num_glyphs;
    return true;
}

/* Spaces separate words and the line breaker measures them apart; a
 * pair with one would make a word's width depend on its neighbour.
 * Digits keep their tabular widths: PT Serif pulls "7." and "7," together
 * by a tenth of an em, which would shift the figures of a table column
 * against each other. */
static bool kerns(uint32_t cp)
{
    return cp > ' ' && cp <= 0xFFFF && cp != 0x7F && !(cp >= '0' && cp <= '9') && cp != 0xA0 &&
           !(cp >= 0x2000 && cp <= 0x200F) && cp != 0x202F && cp != 0x205F && cp != 0x3000 && cp != 0xAD;
}

static int kern_lookup(font_face *f, uint32_t left, uint32_t right)
{
    font_face_priv *p = f->priv;
    FT_UInt gl = FT_Get_Char_Index(p->ft, left), gr = FT_Get_Char_Index(p->ft, right);
    if (gl == 0 || gr == 0)
        return 0;
    FT_Vector v;
    if (FT_Get_Kerning(p->ft, gl, gr, FT_KERNING_UNSCALED, &v) != 0)
        return 0;
    /* in 1/1000 em, rounded: measuring and drawing both use this value */
    long k = (long)v.x * 1000;
    k = k >= 0 ? (k + p->upem / 2) / p->upem : -((-k + p->upem / 2) / p->upem);
    return (int)MAX(-1000, MIN(1000, k));
}

/* The character's index in the square, given on first use; KERN_DENSE
 * when it has none (it never kerns, or the square is full). */
static inline int kern_index(font_face_priv *p, uint32_t cp)
{
    kern_cache *kc = &p->kern;
    uint8_t *slot;
    if (cp < 128) {
        slot = &kc->ascii[cp];
    } else {
        if (cp > 0xFFFF)
            return KERN_DENSE;
        uint8_t *page = page_get(&kc->index, cp);
        if (!page) {
            page = arena_alloc(p->lib->a, PAGE_SIZE);
            page_set(p->lib->a, &kc->index, cp, page);
        }
        slot = &page[cp & (PAGE_SIZE - 1)];
    }
    if (!*slot)
        *slot = (uint8_t)(kerns(cp) && kc->nindex + 1 < KERN_DENSE ? ++kc->nindex : KERN_DENSE);
    return *slot;
}

static int kern_hashed(font_face *f, uint32_t left, uint32_t right)
{
    kern_cache *kc = &f->priv->kern;
    uint32_t key[2] = {left, right};
    uintptr_t v = (uintptr_t)hmap_get(&kc->others, (const char *)key, sizeof key);
    if (!v) {
        v = (uintptr_t)(kern_lookup(f, left, right) + KERN_BIAS);
        hmap_put(&kc->others, (const char *)key, sizeof key, (void *)v);
    }
    return (int)v - KERN_BIAS;
}

/* Everything but an ASCII pair already asked. */
static __attribute__((noinline)) int kern_slow(font_face *f, uint32_t left, uint32_t right)
{
    font_face_priv *p = f->priv;
    kern_cache *kc = &p->kern;
    if (kc->state == 0) {
        kc->state = face_open(p->lib, f) && FT_HAS_KERNING(p->ft) ? 1 : -1;
        if (kc->state < 0)
            return 0;
        /* ASCII first, so that it always has its indices */
        for (uint32_t cp = 0; cp < 128; cp++)
            kern_index(p, cp);
        hmap_init(&kc->others, p->lib->a);
    }
    if (kc->state < 0)
        return 0;
    int il = kern_index(p, left), ir = kern_index(p, right);
    if (il != KERN_DENSE && ir != KERN_DENSE) {
        if (!kc->rows[il])
            kc->rows[il] = ARENA_ARRAY(p->lib->a, uint16_t, KERN_DENSE);
        uint16_t *v = &kc->rows[il][ir];
        if (!*v)
            *v = (uint16_t)(kern_lookup(f, left, right) + KERN_BIAS);
        return (int)*v - KERN_BIAS;
    }
    if (!kerns(left) || !kerns(right))
        return 0;
    return kern_hashed(f, left, right);
}

int font_kern(font_face *f, uint32_t left, uint32_t right)
{
    const kern_cache *kc = &f->priv->kern;
    if ((left | right) < 128 && kc->state > 0) {
        /* the hot path: text is mostly ASCII, and ASCII pairs are indexed */
        unsigned il = kc->ascii[left], ir = kc->ascii[right];
        if (il == KERN_DENSE || ir == KERN_DENSE)
            return 0;
        const uint16_t *row = kc->rows[il];
        if (row && row[ir])
            return (int)row[ir] - KERN_BIAS;
    }
    if (kc->state < 0)
        return 0;
    return kern_slow(f, left, right);
}

hb_font_t *font_hb(font_face *f)
{
    font_face_priv *p = f->priv;
    if (p->hb || !face_open(p->lib, f))
        return p->hb;
    /* the same file and face FreeType measures, read by HarfBuzz's own
     * OpenType functions at a scale of one unit per font unit */
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->path);
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, (unsigned)f->index);
    hb_blob_destroy(blob);
    p->hb = hb_font_create(face);
    hb_face_destroy(face);
    hb_font_set_scale(p->hb, p->upem, p->upem);
    return p->hb;
}

int font_upem(font_face *f)
{
    return face_open(f->priv->lib, f) ? f->priv->upem : 1000;
}

bool font_has_char(font_face *f, uint32_t cp)
{
    return font_advance(f, cp) >= 0;
}

bool font_has_printable_ascii(font_face *f)
{
    font_face_priv *p = f->priv;
    if (p->printable_ascii == 0) {
        p->printable_ascii = 1;
        for (uint32_t cp = 0x20; cp < 0x7F && p->printable_ascii > 0; cp++)
            if (!font_has_char(f, cp))
                p->printable_ascii = -1;
    }
    return p->printable_ascii > 0;
}

void font_mark_used(font_face *f, uint32_t cp)
{
    if (cp >= 0x110000)
        return;
    font_face_priv *p = f->priv;
    uint8_t *page = page_get(&p->used, cp);
    if (!page) {
        page = arena_alloc(p->lib->a, PAGE_SIZE / 8);
        page_set(p->lib->a, &p->used, cp, page);
    }
    unsigned bit = cp & (PAGE_SIZE - 1);
    if (!(page[bit >> 3] & (1u << (bit & 7)))) {
        page[bit >> 3] |= (uint8_t)(1u << (bit & 7));
        p->nused++;
    }
}

const uint32_t *font_used_chars(font_lib *lib, font_face *f, size_t *n)
{
    font_face_priv *p = f->priv;
    uint32_t *out = ARENA_ARRAY(lib->a, uint32_t, p->nused ? p->nused : 1);
    size_t k = 0;
    for (uint32_t plane = 0; plane < NPLANES; plane++) {
        if (!p->used.plane[plane])
            continue;
        for (uint32_t pg = 0; pg < (1u << (16 - PAGE_BITS)); pg++) {
            const uint8_t *page = p->used.plane[plane][pg];
            if (!page)
                continue;
            uint32_t base = (plane << 16) | (pg << PAGE_BITS);
            for (unsigned bit = 0; bit < PAGE_SIZE; bit++)
                if (page[bit >> 3] & (1u << (bit & 7)))
                    out[k++] = base | bit;
        }
    }
    *n = k;
    return out;
}

int font_count(const font_lib *lib)
{
    return (int)lib->faces.len;
}

font_face *font_at(const font_lib *lib, int i)
{
    return VEC_AT(&lib->faces, font_face *, i);
}

/* ---- the library ------------------------------------------------------- */

static char *cache_dir(arena *a)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        return arena_printf(a, "%s/dossier/fontconfig", xdg);
    if (home && *home)
        return arena_printf(a, "%s/.cache/dossier/fontconfig", home);
    return NULL;
}

/* XML-escapes a path for the configuration text. */
static void put_xml(strbuf *sb, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': sb_puts(sb, "&lt;"); break;
        case '>': sb_puts(sb, "&gt;"); break;
        case '&': sb_puts(sb, "&amp;"); break;
        default: sb_putc(sb, *s);
        }
    }
}

font_lib *font_lib_new(arena *a, diag *d, const char *bundled_dir)
{
    font_lib *lib = ARENA_NEW(a, font_lib);
    lib->a = a;
    lib->d = d;
    vec_init(&lib->faces, sizeof(font_face *));
    hmap_init(&lib->by_file, a);
    hmap_init(&lib->resolved, a);
    if (FT_Init_FreeType(&lib->ft) != 0) {
        ERROR(d, srcpos_make("dossier", 0, 0), "cannot initialise FreeType");
        return NULL;
    }
    /* A configuration of our own that knows only the bundled folder: the
     * bundled faces cannot be shadowed by system copies of the same family. */
    strbuf xml;
    sb_init(&xml, a);
    sb_puts(&xml, "<?xml version=\"1.0\"?><fontconfig><dir>");
    /* fontconfig wants an absolute folder (a relative one is "ambiguous") */
    char *abs = realpath(bundled_dir, NULL);
    put_xml(&xml, abs ? abs : bundled_dir);
    free(abs);
    sb_puts(&xml, "</dir>");
    lib->cache_dir = cache_dir(a);
    if (lib->cache_dir) {
        sb_puts(&xml, "<cachedir>");
        put_xml(&xml, lib->cache_dir);
        sb_puts(&xml, "</cachedir>");
    }
    sb_puts(&xml, "</fontconfig>");
    lib->bundled_cfg = FcConfigCreate();
    if (!lib->bundled_cfg ||
        !FcConfigParseAndLoadFromMemory(lib->bundled_cfg, (const FcChar8 *)xml.data, FcTrue) ||
        !FcConfigBuildFonts(lib->bundled_cfg)) {
        ERROR(d, srcpos_make(bundled_dir, 0, 0), "cannot load the bundled fonts");
        font_lib_free(lib);
        return NULL;
    }
    FcFontSet *set = FcConfigGetFonts(lib->bundled_cfg, FcSetSystem);
    /* Sorted by file name so face ids, and so output, never depend on the
     * order the file system lists the folder in. */
    int n = set ? set->nfont : 0;
    FcPattern **pats = ARENA_ARRAY(a, FcPattern *, n ? n : 1);
    for (int i = 0; i < n; i++)
        pats[i] = set->fonts[i];
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0; j--) {
            FcChar8 *fa = NULL, *fb = NULL;
            FcPatternGetString(pats[j - 1], FC_FILE, 0, &fa);
            FcPatternGetString(pats[j], FC_FILE, 0, &fb);
            if (!fa || !fb || strcmp((const char *)fa, (const char *)fb) <= 0)
                break;
            FcPattern *t = pats[j - 1];
            pats[j - 1] = pats[j];
            pats[j] = t;
        }
    }
    for (int i = 0; i < n; i++)
        face_from_pattern(lib, pats[i], true);
    lib->nbundled = (int)lib->faces.len;
    if (lib->nbundled == 0) {
        ERROR(d, srcpos_make(bundled_dir, 0, 0), "no TrueType fonts found in the bundled fonts folder");
        font_lib_free(lib);
        return NULL;
    }
    return lib;
}

void font_lib_free(font_lib *lib)
{
    if (!lib)
        return;
    for (size_t i = 0; i < lib->faces.len; i++) {
        font_face *f = VEC_AT(&lib->faces, font_face *, i);
        if (f->priv->ft)
            FT_Done_Face(f->priv->ft);
        f->priv->ft = NULL;
        if (f->priv->hb)
            hb_font_destroy(f->priv->hb);
        f->priv->hb = NULL;
    }
    if (lib->ft)
        FT_Done_FreeType(lib->ft);
    lib->ft = NULL;
    if (lib->bundled_cfg)
        FcConfigDestroy(lib->bundled_cfg);
    if (lib->system_cfg)
        FcConfigDestroy(lib->system_cfg);
    lib->bundled_cfg = lib->system_cfg = NULL;
}

static FcConfig *system_config(font_lib *lib)
{
    if (!lib->system_tried) {
        lib->system_tried = true;
        lib->system_cfg = FcInitLoadConfigAndFonts();
    }
    return lib->system_cfg;
}

/* ---- resolving families ------------------------------------------------ */

static const char *generic_family(const char *name)
{
    if (str_ieq(name, "serif"))
        return "PT Serif";
    if (str_ieq(name, "sans-serif") || str_ieq(name, "system-ui"))
        return "PT Sans";
    if (str_ieq(name, "monospace"))
        return "PT Mono";
    if (str_ieq(name, "cursive") || str_ieq(name, "fantasy"))
        return "PT Serif";
    return NULL;
}

/* CSS font matching among faces of one family: italic first, then the
 * weight rule of CSS Fonts (for 400/500 try up to 500 first, below 400
 * look lighter first, above 500 heavier first). */
static int weight_distance(int want, int have)
{
    if (want == have)
        return 0;
    if (want >= 400 && want <= 500) {
        if (have > want && have <= 500)
            return have - want;
        if (have < want)
            return 1000 + (want - have);
        return 2000 + (have - want);
    }
    if (want < 400)
        return have < want ? want - have : 1000 + (have - want);
    return have > want ? have - want : 1000 + (want - have);
}

static font_face *best_of_family(font_lib *lib, const char *family, int weight, bool italic, bool bundled_only)
{
    font_face *best = NULL;
    int best_score = 1 << 30;
    for (int i = 0; i < (int)lib->faces.len; i++) {
        font_face *f = VEC_AT(&lib->faces, font_face *, i);
        if (bundled_only && !f->bundled)
            break;
        if (!str_ieq(f->family, family))
            continue;
        int score = weight_distance(weight, f->weight) + (f->italic != italic ? 100000 : 0);
        if (score < best_score) {
            best = f;
            best_score = score;
        }
    }
    return best;
}

/* Adds every TrueType face of `family` the system has, so best_of_family
 * can choose among them. True when the family exists. */
static bool load_system_family(font_lib *lib, const char *family)
{
    FcConfig *cfg = system_config(lib);
    if (!cfg)
        return false;
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, FC_WEIGHT, FC_SLANT, FC_WIDTH,
                                       FC_FONTFORMAT, NULL);
    FcFontSet *set = FcFontList(cfg, pat, os);
    bool found = false;
    if (set) {
        for (int i = 0; i < set->nfont; i++) {
            FcChar8 *fam = NULL;
            int width = FC_WIDTH_NORMAL;
            /* FcFontList matches any of a face's family names; record it
             * under the name asked for so later lookups find it. */
            if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &fam) != FcResultMatch)
                continue;
            /* "DejaVu Sans" also lists the faces of "DejaVu Sans Condensed"
             * (whose first family name is "DejaVu Sans"): a narrower or
             * wider face belongs only to the name that says so */
            FcPatternGetInteger(set->fonts[i], FC_WIDTH, 0, &width);
            if (width != FC_WIDTH_NORMAL && str_ieq((const char *)fam, family))
                continue;
            font_face *f = face_from_pattern(lib, set->fonts[i], false);
            if (f) {
                if (!str_ieq(f->family, family))
                    f->family = arena_strdup(lib->a, family);
                found = true;
            }
        }
        FcFontSetDestroy(set);
    }
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

/* Splits a CSS family list, honouring quotes. Returns the next family in
 * buf (unquoted, trimmed) and advances *s; false at the end. */
static bool next_family(const char **s, char *buf, size_t cap)
{
    const char *p = *s;
    while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
    if (!*p)
        return false;
    size_t n = 0;
    if (*p == '"' || *p == '\'') {
        char q = *p++;
        while (*p && *p != q) {
            if (n + 1 < cap)
                buf[n++] = *p;
            p++;
        }
        if (*p)
            p++;
        while (*p && *p != ',')
            p++;
    } else {
        while (*p && *p != ',') {
            if (n + 1 < cap)
                buf[n++] = *p;
            p++;
        }
        while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
            n--;
    }
    buf[n] = 0;
    *s = p;
    return true;
}

static int face_score(const font_face *f, int weight, bool italic)
{
    return weight_distance(weight, f->weight) + (f->italic != italic ? 100000 : 0);
}

/* "Light Italic (300)": how the faces of a family are usually named. */
static const char *face_desc(arena *a, int weight, bool italic)
{
    static const char *const names[] = {"Thin", "ExtraLight", "Light", "Regular", "Medium",
                                        "SemiBold", "Bold", "ExtraBold", "Black"};
    int k = (weight + 50) / 100 - 1;
    const char *name = k >= 0 && k < 9 ? names[k] : "Regular";
    if (italic)
        return arena_printf(a, "%s (%d)", k == 3 ? "Italic" : arena_printf(a, "%s Italic", name), weight);
    return arena_printf(a, "%s (%d)", name, weight);
}

/* The best face of one family: the bundled copy's when it has the face
 * asked for, else the best of the bundled and the system's faces of that
 * family (a family may be bundled in fewer weights than the system has). */
static font_face *family_face(font_lib *lib, const char *name, bool generic, int weight, bool italic)
{
    font_face *f = best_of_family(lib, name, weight, italic, true);
    if (generic || (f && face_score(f, weight, italic) == 0))
        return f;
    font_face *g = best_of_family(lib, name, weight, italic, false);
    if (!g || face_score(g, weight, italic) != 0) {
        load_system_family(lib, name);
        g = best_of_family(lib, name, weight, italic, false);
    }
    /* equal scores keep the bundled face: it comes first in the list */
    return g && (!f || face_score(g, weight, italic) < face_score(f, weight, italic)) ? g : f;
}

font_face *font_resolve(font_lib *lib, const char *families, int weight, bool italic, srcpos at)
{
    if (!families || !*families)
        families = "serif";
    char key[1024];
    int klen = snprintf(key, sizeof key, "%s|%d|%d", families, weight, italic);
    if (klen < 0 || (size_t)klen >= sizeof key)
        klen = (int)sizeof key - 1;
    font_face *f = hmap_get(&lib->resolved, key, (size_t)klen);
    if (f)
        return f;

    char fam[256];
    const char *s = families;
    const char *first_missing = NULL;
    while (!f && next_family(&s, fam, sizeof fam)) {
        if (!fam[0])
            continue;
        const char *generic = generic_family(fam);
        f = family_face(lib, generic ? generic : fam, generic != NULL, weight, italic);
        if (!f && !first_missing)
            first_missing = arena_strdup(lib->a, fam);
    }
    char dkey[1100];
    if (!f) {
        f = best_of_family(lib, "PT Serif", weight, italic, true);
        if (!f)
            f = VEC_AT(&lib->faces, font_face *, 0);
        snprintf(dkey, sizeof dkey, "font-family:%s", families);
        diag_once(lib->d, dkey, DIAG_WARNING, at, "no font found for font-family '%s'; using '%s'",
                  first_missing ? first_missing : families, f->family);
    } else {
        /* a later family in the list is the fallback the sheet asked for:
         * worth a note for someone debugging a sheet, not a warning */
        if (first_missing) {
            snprintf(dkey, sizeof dkey, "font-first:%s", families);
            diag_once(lib->d, dkey, DIAG_NOTE, at, "font-family '%s' not found; using '%s'", first_missing,
                      f->family);
        }
        /* No synthetic bold or italic exists, and CSS font matching picks
         * the nearest weight: say when the face differs from the request. */
        if (face_score(f, weight, italic) != 0) {
            snprintf(dkey, sizeof dkey, "face:%s|%d|%d", f->family, weight, italic);
            diag_once(lib->d, dkey, DIAG_WARNING, at, "font '%s' has no %s face; using %s", f->family,
                      face_desc(lib->a, weight, italic), face_desc(lib->a, f->weight, f->italic));
        }
    }
    face_open(lib, f);
    hmap_put(&lib->resolved, key, (size_t)klen, f);
    return f;
}

/* ---- per-character fallback -------------------------------------------- */

/* Whether a face draws with outlines: a colour-bitmap-only face (CBDT,
 * such as Noto Color Emoji) has none to embed, and its characters would
 * come out blank; fallback passes it over, so they are drawn by an
 * outline face (Symbola) or reported. */
static bool has_outlines(font_lib *lib, font_face *f)
{
    return face_open(lib, f) && FT_IS_SCALABLE(f->priv->ft);
}

/* Languages written in the script of `cp`, for fontconfig to prefer a
 * face made for that script over one that merely holds the character
 * (Symbola has a few ideographs; a CJK face should draw Chinese). Only
 * scripts whose fonts are told apart by orthography need an entry. */
static void add_script_languages(FcPattern *pat, uint32_t cp)
{
    static const struct {
        hb_script_t script;
        const char *langs;
    } by_script[] = {
        {HB_SCRIPT_HAN, "zh-cn zh-tw ja ko"},   {HB_SCRIPT_HIRAGANA, "ja"}, {HB_SCRIPT_KATAKANA, "ja"},
        {HB_SCRIPT_HANGUL, "ko"},               {HB_SCRIPT_BOPOMOFO, "zh-tw"}, {HB_SCRIPT_ARABIC, "ar fa ur"},
        {HB_SCRIPT_HEBREW, "he"},               {HB_SCRIPT_DEVANAGARI, "hi"}, {HB_SCRIPT_THAI, "th"},
    };
    hb_script_t script = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
    for (size_t i = 0; i < sizeof by_script / sizeof by_script[0]; i++) {
        if (by_script[i].script != script)
            continue;
        char lang[8];
        for (const char *l = by_script[i].langs; *l;) {
            size_t n = strcspn(l, " ");
            snprintf(lang, sizeof lang, "%.*s", (int)n, l);
            FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
            l += n + (l[n] == ' ');
        }
    }
}

static font_face *system_face_for_char(font_lib *lib, font_face *primary, uint32_t cp)
{
    FcConfig *cfg = system_config(lib);
    if (!cfg)
        return NULL;
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcPatternAddInteger(pat, FC_WEIGHT, (int)FcWeightFromOpenType(primary->weight));
    FcPatternAddInteger(pat, FC_SLANT, primary->italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
    add_script_languages(pat, cp);
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(cfg, pat, FcFalse, NULL, &res);
    font_face *found = NULL;
    if (set) {
        for (int i = 0; i < set->nfont && !found; i++) {
            FcCharSet *fcs = NULL;
            if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &fcs) != FcResultMatch ||
                !FcCharSetHasChar(fcs, cp))
                continue;
            FcPattern *full = FcFontRenderPrepare(cfg, pat, set->fonts[i]);
            if (!full)
                continue;
            font_face *f = face_from_pattern(lib, full, false);
            FcPatternDestroy(full);
            if (f && font_has_char(f, cp) && has_outlines(lib, f))
                found = f;
        }
        FcFontSetDestroy(set);
    }
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return found;
}

/* How well a bundled face suits as a fallback for `primary`: the same
 * weight class and style first, then the same design (serif, sans, mono),
 * then the text families the generic names map to before the others
 * (DejaVu Sans is there for symbols). Lower is better. */
static int fallback_rank(font_lib *lib, const font_face *primary, font_face *c)
{
    int rank = 0;
    if (c->italic != primary->italic || (c->weight >= 600) != (primary->weight >= 600))
        rank += 4;
    face_open(lib, c);
    if (primary->priv->kind == FACE_UNKNOWN || c->priv->kind != primary->priv->kind)
        rank += 2;
    if (!str_eq(c->family, "PT Serif") && !str_eq(c->family, "PT Sans") && !str_eq(c->family, "PT Mono"))
        rank += 1;
    return rank;
}

static font_face *bundled_face_for_char(font_lib *lib, font_face *primary, uint32_t cp)
{
    font_face *best = NULL;
    int best_rank = 1 << 30;
    for (int i = 0; i < lib->nbundled; i++) {
        font_face *c = VEC_AT(&lib->faces, font_face *, i);
        if (c == primary || !font_has_char(c, cp))
            continue;
        int rank = fallback_rank(lib, primary, c);
        if (rank < best_rank) {
            best = c;
            best_rank = rank;
        }
    }
    return best;
}

font_face *font_for_char(font_lib *lib, font_face *primary, uint32_t cp)
{
    if (font_has_char(primary, cp))
        return primary;
    if (cp >= 0x110000)
        return NULL;
    /* the answer, once found, is an array lookup: a page of results per
     * 256 characters, kept with the primary face */
    font_face_priv *p = primary->priv;
    font_face **page = page_get(&p->fallback, cp);
    if (page && page[cp & (PAGE_SIZE - 1)])
        return page[cp & (PAGE_SIZE - 1)] == &no_face ? NULL : page[cp & (PAGE_SIZE - 1)];
    if (!page) {
        page = ARENA_ARRAY(lib->a, font_face *, PAGE_SIZE);
        page_set(lib->a, &p->fallback, cp, page);
    }
    font_face *f = bundled_face_for_char(lib, primary, cp);
    if (!f)
        f = system_face_for_char(lib, primary, cp);
    page[cp & (PAGE_SIZE - 1)] = f ? f : &no_face;
    return f;
}

void font_report_missing(font_lib *lib, uint32_t cp, srcpos at)
{
    char key[32];
    snprintf(key, sizeof key, "nofont:%X", (unsigned)cp);
    char utf[5] = {0};
    utf8_encode(cp, utf);
    diag_once(lib->d, key, DIAG_WARNING, at, "no font has character U+%04X '%s'; it is left out", (unsigned)cp, utf);
}
