/* Embedding fonts: each face the layout used is cut down with HarfBuzz's
 * subsetter to the characters drawn (hinting dropped: PDF viewers do not
 * use it), then handed to libharu from memory. A subset holds exactly the
 * glyphs needed, components of composite glyphs included, so every glyph
 * in it is marked used: libharu's own walk drops nested components. */
#include "render_internal.h"

#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_font.h>
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
    HPDF_Dict tu = render_dict_find(font, "ToUnicode");
    if (!tu || !tu->stream)
        return;
    HPDF_MemStream_FreeData(tu->stream);
    /* libharu left the keys of a code-to-CID CMap on it; a ToUnicode map
     * needs none, and compresses well */
    HPDF_Dict_RemoveElement(tu, "Type");
    HPDF_Dict_RemoveElement(tu, "CMapName");
    HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
    tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
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
    render_stream_put(tu->stream, sb.data, sb.len);
}

/* libharu builds each font's CID-to-glyph map by looking up all 65,536
 * codes in the font's cmap, scanning its segments one by one; with the
 * hundred-odd segments of a subset that is most of the time a small
 * dossier takes. The same mapping as one segment over a direct table
 * answers each lookup at once. */
static void direct_cmap(HPDF_FontDef def, const uint32_t *cps, size_t n)
{
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
    HPDF_MMgr mmgr = def->mmgr;
    if (attr->cmap.format != 4)
        return;
    HPDF_UINT16 *map = HPDF_GetMem(mmgr, sizeof(HPDF_UINT16) * 65536);
    HPDF_UINT16 *end = HPDF_GetMem(mmgr, sizeof(HPDF_UINT16));
    HPDF_UINT16 *start = HPDF_GetMem(mmgr, sizeof(HPDF_UINT16));
    HPDF_INT16 *delta = HPDF_GetMem(mmgr, sizeof(HPDF_INT16));
    HPDF_UINT16 *offset = HPDF_GetMem(mmgr, sizeof(HPDF_UINT16));
    if (!map || !end || !start || !delta || !offset)
        return; /* libharu's own error stands; nothing is changed */
    memset(map, 0, sizeof(HPDF_UINT16) * 65536);
    for (size_t i = 0; i < n; i++)
        if (cps[i] <= 0xFFFF)
            map[cps[i]] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cps[i]);
    HPDF_FreeMem(mmgr, attr->cmap.end_count);
    HPDF_FreeMem(mmgr, attr->cmap.start_count);
    HPDF_FreeMem(mmgr, attr->cmap.id_delta);
    HPDF_FreeMem(mmgr, attr->cmap.id_range_offset);
    if (attr->cmap.glyph_id_array)
        HPDF_FreeMem(mmgr, attr->cmap.glyph_id_array);
    /* one segment 0..0xFFFF whose range offset points at map[0] */
    *end = 0xFFFF;
    *start = 0;
    *delta = 0;
    *offset = 2;
    attr->cmap.seg_count_x2 = 2;
    attr->cmap.end_count = end;
    attr->cmap.start_count = start;
    attr->cmap.id_delta = delta;
    attr->cmap.id_range_offset = offset;
    attr->cmap.glyph_id_array = map;
    attr->cmap.glyph_id_array_count = 65536;
}

/* libharu writes a 128 KB CID-to-glyph map per font, for every possible
 * code; past the highest code drawn it is all zeros, which readers assume
 * anyway. Cutting it there saves compressing and storing the zeros. */
static void trim_cid_map(render_ctx *r, HPDF_Font font, const uint32_t *cps, size_t n)
{
    HPDF_Array desc = render_dict_find(font, "DescendantFonts");
    HPDF_Dict cid = desc && desc->list->count ? HPDF_List_ItemAt(desc->list, 0) : NULL;
    if (cid && (((HPDF_Obj_Header *)cid)->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
        cid = ((HPDF_Proxy)cid)->obj;
    HPDF_Dict map = render_dict_find(cid, "CIDToGIDMap");
    if (!map || !map->stream)
        return;
    HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
    uint32_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (cps[i] <= 0xFFFF && cps[i] > max)
            max = cps[i];
    size_t len = 2 * ((size_t)max + 1);
    unsigned char *bytes = arena_alloc(r->a, len);
    for (size_t i = 0; i < n; i++) {
        if (cps[i] > 0xFFFF)
            continue;
        HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cps[i]);
        bytes[2 * cps[i]] = (unsigned char)(gid >> 8);
        bytes[2 * cps[i] + 1] = (unsigned char)(gid & 0xFF);
    }
    HPDF_MemStream_FreeData(map->stream);
    render_stream_put(map->stream, bytes, len);
}

static HPDF_Font embed(render_ctx *r, font_face *f, hb_blob_t *blob, const uint32_t *cps, size_t n)
{
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    /* one buffer larger than the data: libharu's memory stream cannot seek
     * to its very end when the end falls on a buffer boundary */
    HPDF_Stream st = HPDF_MemStream_New(r->pdf->mmgr, len + 4096);
    if (!st || render_stream_put(st, data, len) != HPDF_OK) {
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
    direct_cmap(def, cps, n);
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
    trim_cid_map(r, font, cps, n);
    return font;
}

static bool load_fonts(render_ctx *r);

/* For its UTF-8 encoder, libharu builds each font's widths and glyph map
 * by looking up all 65,536 codes, copying a 128 KB map byte by byte: most
 * of the time a short dossier takes. For a code-mapped (CMap) encoder it
 * visits only the codes the encoder maps. Text is written by render.c,
 * not through the encoder, so while the fonts are made the encoder poses
 * as a CMap encoder mapping just the characters drawn, each to itself:
 * the fonts come out as they would, without the walk. */
typedef struct {
    HPDF_Encoder_ToUnicode_Func saved;
} encoder_pose;

static void encoder_pose_begin(render_ctx *r, encoder_pose *pose)
{
    HPDF_CMapEncoderAttr attr = (HPDF_CMapEncoderAttr)r->utf8->attr;
    pose->saved = r->utf8->to_unicode_fn;
    memset(attr->cid_map, 0, sizeof attr->cid_map);
    uint32_t max = 0;
    for (int i = 0; i < r->nfonts; i++) {
        size_t n;
        const uint32_t *cps = font_used_chars(r->fonts, font_at(r->fonts, i), &n);
        for (size_t k = 0; k < n; k++) {
            if (cps[k] > 0xFFFF)
                continue;
            attr->cid_map[cps[k] >> 8][cps[k] & 0xFF] = (HPDF_UINT16)cps[k];
            attr->unicode_map[cps[k] >> 8][cps[k] & 0xFF] = (HPDF_UNICODE)cps[k];
            if (cps[k] > max)
                max = cps[k];
        }
    }
    /* libharu writes widths for codes below the highest mapped one only:
     * one more, which no font draws, keeps the last real one in */
    if (max < 0xFFFF) {
        attr->cid_map[(max + 1) >> 8][(max + 1) & 0xFF] = (HPDF_UINT16)(max + 1);
        attr->unicode_map[(max + 1) >> 8][(max + 1) & 0xFF] = (HPDF_UNICODE)(max + 1);
    }
    r->utf8->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
}

static void encoder_pose_end(render_ctx *r, const encoder_pose *pose)
{
    r->utf8->to_unicode_fn = pose->saved;
}

bool render_load_fonts(render_ctx *r)
{
    r->nfonts = font_count(r->fonts);
    encoder_pose pose;
    encoder_pose_begin(r, &pose);
    bool ok = load_fonts(r);
    encoder_pose_end(r, &pose);
    return ok;
}

static bool load_fonts(render_ctx *r)
{
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
        r->font_by_face[i] = embed(r, f, blob, cps, n);
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
