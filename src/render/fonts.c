/* Embedding fonts: each face the layout used is cut down with HarfBuzz's
 * subsetter to the characters drawn (hinting dropped: PDF viewers do not
 * use it), then handed to libharu from memory. A subset holds exactly the
 * glyphs needed, components of composite glyphs included, so every glyph
 * in it is marked used: libharu's own walk drops nested components. */
#include "render_internal.h"

#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <stdlib.h>
#include <string.h>

/* libharu keeps a tag ("HPDFAA") per embedded font, advanced for each one;
 * its loader does this itself, but it is static to the library. */
static void next_tag(HPDF_Doc pdf)
{
    if (pdf->ttfont_tag[0] == 0) {
        memcpy(pdf->ttfont_tag, "HPDFAA", 6);
        return;
    }
    for (int i = 5; i >= 0; i--) {
        if (++pdf->ttfont_tag[i] > 'Z')
            pdf->ttfont_tag[i] = 'A';
        else
            break;
    }
}

/* libharu writes the hinting tables (cvt, fpgm, prep) even when a font
 * has none, and when such an empty table lands on a 4096-byte boundary of
 * its buffer its own seek fails (error 0x1033). Tiny tables that do
 * nothing (push a byte, pop it) keep every table non-empty. */
static hb_face_t *with_noop_hinting(hb_face_t *subset)
{
    static const char noop[] = {(char)0xB0, 0x00, 0x21}; /* PUSHB[0] 0, POP */
    static const char cvt[] = {0x00, 0x00};
    /* a subset face cannot list its tables; its serialised form can */
    hb_blob_t *bytes = hb_face_reference_blob(subset);
    hb_face_t *sub = hb_face_create(bytes, 0);
    hb_blob_destroy(bytes);
    hb_face_t *b = hb_face_builder_create();
    unsigned start = 0, count;
    hb_tag_t tags[64];
    do {
        count = (unsigned)COUNT_OF(tags);
        hb_face_get_table_tags(sub, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            hb_blob_t *t = hb_face_reference_table(sub, tags[i]);
            hb_face_builder_add_table(b, tags[i], t);
            hb_blob_destroy(t);
        }
        start += count;
    } while (count == COUNT_OF(tags));
    const struct { hb_tag_t tag; const char *data; unsigned len; } extra[] = {
        {HB_TAG('c', 'v', 't', ' '), cvt, sizeof cvt},
        {HB_TAG('f', 'p', 'g', 'm'), noop, sizeof noop},
        {HB_TAG('p', 'r', 'e', 'p'), noop, sizeof noop},
    };
    for (size_t i = 0; i < COUNT_OF(extra); i++) {
        hb_blob_t *t = hb_blob_create(extra[i].data, extra[i].len, HB_MEMORY_MODE_READONLY, NULL, NULL);
        hb_face_builder_add_table(b, extra[i].tag, t);
        hb_blob_destroy(t);
    }
    hb_face_destroy(sub);
    return b;
}

static hb_blob_t *subset_face(render_ctx *r, font_face *f, const uint32_t *cps, size_t n)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->path);
    if (!blob) {
        ERROR(r->d, srcpos_make(f->path, 0, 0), "cannot read font file");
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, (unsigned)f->index);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_blob_t *out = NULL;
    if (face && in) {
        hb_set_t *u = hb_subset_input_unicode_set(in);
        for (size_t i = 0; i < n; i++)
            hb_set_add(u, cps[i]);
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
        hb_face_t *sub = hb_subset_or_fail(face, in);
        if (sub) {
            hb_face_t *whole = with_noop_hinting(sub);
            out = hb_face_reference_blob(whole);
            hb_face_destroy(whole);
            hb_face_destroy(sub);
        }
    }
    if (!out)
        ERROR(r->d, srcpos_make(f->path, 0, 0), "cannot subset font '%s'", f->psname);
    if (in)
        hb_subset_input_destroy(in);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

/* libharu writes its UTF-8 fonts' /ToUnicode as a code-to-CID CMap, which
 * readers reject ("Invalid 'begincidrange'"). Codes are Unicode here, so
 * the right map is the identity over the characters drawn. */
static void fix_to_unicode(render_ctx *r, HPDF_Font font, const uint32_t *cps, size_t n)
{
    HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream)
        return;
    HPDF_MemStream_FreeData(tu->stream);
    strbuf sb;
    sb_init(&sb, r->a);
    sb_puts(&sb, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* runs of consecutive code points, at most 100 entries per block, and
     * never crossing a 256 boundary (a bfrange may vary only its last byte) */
    size_t i = 0;
    while (i < n) {
        size_t block_start = sb.len;
        int count = 0;
        sb_puts(&sb, "000 beginbfrange\n");
        while (i < n && count < 100) {
            uint32_t from = cps[i], to = cps[i];
            while (i + 1 < n && cps[i + 1] == to + 1 && ((to + 1) & 0xFF) != 0 && cps[i + 1] <= 0xFFFF)
                to = cps[++i];
            i++;
            if (from > 0xFFFF)
                continue;
            sb_printf(&sb, "<%04X> <%04X> <%04X>\n", (unsigned)from, (unsigned)to, (unsigned)from);
            count++;
        }
        sb_puts(&sb, "endbfrange\n");
        char num[16];
        snprintf(num, sizeof num, "%03d", count % 1000);
        memcpy(sb.data + block_start, num, 3);
    }
    sb_puts(&sb, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)sb.data, (HPDF_UINT)sb.len);
}

static HPDF_Font embed(render_ctx *r, font_face *f, hb_blob_t *blob)
{
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    /* one buffer larger than the data: libharu's memory stream cannot seek
     * to its very end when the end falls on a buffer boundary */
    HPDF_Stream st = HPDF_MemStream_New(r->pdf->mmgr, len + 4096);
    if (!st || HPDF_Stream_Write(st, (const HPDF_BYTE *)data, len) != HPDF_OK) {
        if (st)
            HPDF_Stream_Free(st);
        render_check(r, "loading a font");
        return NULL;
    }
    /* the font definition takes the stream over */
    HPDF_FontDef def = HPDF_TTFontDef_Load(r->pdf->mmgr, st, HPDF_TRUE);
    if (!def) {
        if (render_check(r, arena_printf(r->a, "loading font '%s'", f->psname)))
            ERROR(r->d, srcpos_make(f->path, 0, 0), "the PDF library cannot read the subset of font '%s'", f->psname);
        return NULL;
    }
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
    for (unsigned i = 0; i < attr->num_glyphs; i++)
        attr->glyph_tbl.flgs[i] = 1;
    if (HPDF_List_Add(r->pdf->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        render_check(r, "registering a font");
        return NULL;
    }
    next_tag(r->pdf);
    HPDF_TTFontDef_SetTagName(def, (char *)r->pdf->ttfont_tag);
    HPDF_Font font = HPDF_GetFont(r->pdf, def->base_font, "UTF-8");
    if (!render_check(r, arena_printf(r->a, "embedding font '%s'", f->psname)))
        return NULL;
    return font;
}

bool render_load_fonts(render_ctx *r)
{
    r->nfonts = font_count(r->fonts);
    r->font_by_face = ARENA_ARRAY(r->a, HPDF_Font, r->nfonts ? r->nfonts : 1);
    for (int i = 0; i < r->nfonts; i++) {
        font_face *f = font_at(r->fonts, i);
        size_t n;
        const uint32_t *cps = font_used_chars(r->fonts, f, &n);
        if (n == 0)
            continue;
        hb_blob_t *blob = subset_face(r, f, cps, n);
        if (!blob)
            return false;
        r->font_by_face[i] = embed(r, f, blob);
        hb_blob_destroy(blob);
        if (!r->font_by_face[i])
            return false;
        fix_to_unicode(r, r->font_by_face[i], cps, n);
    }
    return true;
}

HPDF_Font render_font(render_ctx *r, font_face *f)
{
    if (f->id < 0 || f->id >= r->nfonts)
        return NULL;
    return r->font_by_face[f->id];
}
