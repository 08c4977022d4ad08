/* Fonts as glyphs: each face the layout drew is cut down with HarfBuzz's
 * subsetter to the glyphs drawn (hinting and layout tables dropped: PDF
 * viewers use neither) and embedded as a Type 0 font over a CIDFontType2
 * with Identity-H encoding. A character code is a CID, and a CID is a
 * glyph id of the subset (CIDToGIDMap /Identity), so the renderer writes
 * exactly the glyphs layout chose. Widths come from the face's advances;
 * the ToUnicode map gives each glyph the text of the cluster it was first
 * drawn for, collected while the pages are drawn. */
#include "render_internal.h"

#include <hb-subset.h>
#include <hb.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <string.h>

/* Longest text a ToUnicode entry maps a glyph to, in UTF-16 units: the
 * CMap format allows 512 bytes; a longer cluster is given by ActualText. */
#define TO_UNICODE_MAX 256

/* What each face draws: glyph ids, and the characters drawn with the
 * face's own glyph for them, which the subset's cmap keeps (readers of the
 * font program alone find the letters; no glyph is added for them). */
typedef struct {
    hb_set_t *glyphs, *chars;
    hb_set_t *hyphens;  /* glyphs drawn as hyphens added at a line end */
    uint8_t *seen;      /* a bit per glyph of the face: in the sets already */
    uint32_t nglyphs;
} face_use;

static void note_item(face_use *u, const dl_item *it)
{
    font_face *f = it->u.text.font;
    const dl_glyph *g = it->u.text.glyphs;
    int n = it->u.text.nglyphs;
    if (it->tag == TAG_HYPHEN)
        for (int k = 0; k < n; k++)
            hb_set_add(u->hyphens, g[k].gid);
    for (int k = 0; k < n; k++) {
        uint32_t gid = g[k].gid;
        if (gid < u->nglyphs && (u->seen[gid >> 3] & (1u << (gid & 7))))
            continue;
        if (gid < u->nglyphs)
            u->seen[gid >> 3] |= (uint8_t)(1u << (gid & 7));
        hb_set_add(u->glyphs, gid);
        uint32_t c = g[k].cluster, cp;
        if (c >= it->u.text.len)
            continue;
        int len = utf8_next(it->u.text.str + c, it->u.text.len - c, &cp);
        if (len > 0 && font_glyph(f, cp) == gid)
            hb_set_add(u->chars, cp);
    }
}

/* The use of every face by the layout's text items, and the space the
 * renderer puts between words. */
static face_use *faces_used(render_ctx *r)
{
    face_use *used = ARENA_ARRAY(r->a, face_use, r->nfonts ? r->nfonts : 1);
    for (int p = 0; p < r->layout->npages; p++) {
        const layout_page *lp = &r->layout->pages[p];
        for (int i = 0; i < lp->nitems; i++) {
            const dl_item *it = &lp->items[i];
            if (it->kind != DL_TEXT || it->u.text.nglyphs <= 0)
                continue;
            font_face *f = it->u.text.font;
            if (f->id < 0 || f->id >= r->nfonts)
                continue;
            face_use *u = &used[f->id];
            if (!u->glyphs) {
                u->glyphs = hb_set_create();
                u->chars = hb_set_create();
                u->hyphens = hb_set_create();
                font_pdf_metrics m;
                font_pdf_metrics_of(f, &m);
                u->nglyphs = (uint32_t)MAX(0, m.num_glyphs);
                u->seen = arena_alloc(r->a, u->nglyphs / 8 + 1);
                uint32_t space = font_glyph(f, ' ');
                if (space) {
                    hb_set_add(u->glyphs, space);
                    hb_set_add(u->chars, ' ');
                }
            }
            note_item(u, it);
        }
    }
    return used;
}

/* Tables a PDF font program needs none of: shaping is done, and the
 * renderer writes glyph ids. */
static void drop_tables(hb_subset_input_t *in)
{
    static const char tags[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort",
                                   "kerx", "feat", "trak", "hdmx", "VDMX", "LTSH", "DSIG", "gasp", "vhea",
                                   "vmtx", "VORG", "PCLT", "meta", "STAT", "fvar", "avar", "HVAR", "MVAR"};
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t i = 0; i < COUNT_OF(tags); i++)
        hb_set_add(drop, HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]));
}

/* Gives each glyph drawn as a line-end hyphen an alias CID after the
 * subset's glyphs (see pdf_font.soft_cid). */
static void add_soft_hyphens(render_ctx *r, pdf_font *pf, const hb_set_t *hyphens)
{
    pf->nglyphs = pf->ncids;
    pf->soft_cid = ARENA_ARRAY(r->a, uint32_t, pf->nglyphs ? pf->nglyphs : 1);
    uint32_t naliases = 0;
    for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(hyphens, &g);)
        naliases += g < pf->norig && pf->cid_of[g] != 0;
    if (naliases == 0 || pf->ncids + naliases > 0xFFFF)
        return;
    uint32_t *old_gid = ARENA_ARRAY(r->a, uint32_t, pf->ncids + naliases);
    memcpy(old_gid, pf->old_gid, pf->ncids * sizeof *old_gid);
    for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(hyphens, &g);) {
        if (g >= pf->norig || pf->cid_of[g] == 0)
            continue;
        pf->soft_cid[pf->cid_of[g]] = pf->ncids;
        old_gid[pf->ncids++] = g;
    }
    pf->old_gid = old_gid;
}

uint32_t render_soft_hyphen_cid(const pdf_font *pf, uint32_t gid)
{
    uint32_t cid = render_cid(pf, gid);
    return cid < pf->nglyphs && pf->soft_cid[cid] ? pf->soft_cid[cid] : cid;
}

/* Subsets the face to `used`; fills the font's glyph maps. The bytes of
 * the font program, or NULL (reported). */
static hb_blob_t *subset_face(render_ctx *r, pdf_font *pf, const face_use *use)
{
    font_face *f = pf->face;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->path);
    if (!blob) {
        ERROR(r->d, srcpos_make(f->path, 0, 0), "cannot read font file");
        return NULL;
    }
    hb_face_t *face = hb_face_create(blob, (unsigned)f->index);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_subset_plan_t *plan = NULL;
    hb_blob_t *out = NULL;
    if (face && in) {
        hb_set_union(hb_subset_input_glyph_set(in), use->glyphs);
        hb_set_union(hb_subset_input_unicode_set(in), use->chars);
        hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
        drop_tables(in);
        plan = hb_subset_plan_create_or_fail(face, in);
    }
    if (plan) {
        /* the plan numbers the glyphs kept (used ones, their components,
         * .notdef) 0..n-1 in the order of their old ids */
        const hb_map_t *new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
        const hb_map_t *old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
        pf->ncids = hb_map_get_population(new_to_old);
        pf->old_gid = ARENA_ARRAY(r->a, uint32_t, pf->ncids ? pf->ncids : 1);
        for (uint32_t cid = 0; cid < pf->ncids; cid++)
            pf->old_gid[cid] = hb_map_get(new_to_old, cid);
        pf->norig = hb_face_get_glyph_count(face);
        pf->cid_of = ARENA_ARRAY(r->a, uint16_t, pf->norig ? pf->norig : 1);
        for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(use->glyphs, &g);) {
            hb_codepoint_t cid = hb_map_get(old_to_new, g);
            if (g < pf->norig && cid != HB_MAP_VALUE_INVALID)
                pf->cid_of[g] = (uint16_t)cid;
        }
        add_soft_hyphens(r, pf, use->hyphens);
        hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
        if (sub) {
            out = hb_face_reference_blob(sub);
            hb_face_destroy(sub);
        }
        hb_subset_plan_destroy(plan);
    }
    if (!out)
        ERROR(r->d, srcpos_make(f->path, 0, 0), "cannot subset font '%s'", f->psname);
    if (in)
        hb_subset_input_destroy(in);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

/* A stream object, deflated by the PDF library unless the packer will
 * deflate it. */
static HPDF_Dict new_stream(render_ctx *r)
{
    HPDF_Dict st = HPDF_DictStream_New(r->pdf->mmgr, r->pdf->xref);
    if (st && r->deflate_streams)
        st->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return st;
}

/* A subset's name starts with six capital letters of its own; derived
 * from the glyphs kept, so the same subset is named the same way on every
 * run. */
static const char *subset_name(render_ctx *r, const pdf_font *pf)
{
    uint64_t h = 14695981039346656037ull;
    for (uint32_t cid = 0; cid < pf->ncids; cid++)
        h = (h ^ pf->old_gid[cid]) * 1099511628211ull;
    const char *ps = pf->face->psname ? pf->face->psname : "Font";
    char tag[7];
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = 0;
    strbuf sb;
    sb_init(&sb, r->a);
    sb_printf(&sb, "%s+", tag);
    /* a PostScript name holds printable ASCII without delimiters */
    for (const char *s = ps; *s && sb.len < 127; s++)
        sb_putc(&sb, (*s > ' ' && *s < 127 && !strchr("()<>[]{}/%#", *s)) ? *s : '-');
    return sb.data;
}

static HPDF_Dict font_descriptor(render_ctx *r, pdf_font *pf, const char *name, hb_blob_t *program)
{
    font_pdf_metrics m;
    font_pdf_metrics_of(pf->face, &m);
    HPDF_MMgr mm = r->pdf->mmgr;
    HPDF_Dict fd = HPDF_Dict_New(mm);
    if (!fd || HPDF_Xref_Add(r->pdf->xref, fd) != HPDF_OK)
        return NULL;
    HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    HPDF_Dict_AddName(fd, "FontName", name);
    /* symbolic: the glyphs are named by id, not by a standard encoding */
    int flags = 4 | (m.fixed_pitch ? 1 : 0) | (m.serif ? 2 : 0) | (pf->face->italic ? 64 : 0);
    HPDF_Dict_AddNumber(fd, "Flags", flags);
    HPDF_Box box = {(HPDF_REAL)m.bbox[0], (HPDF_REAL)m.bbox[1], (HPDF_REAL)m.bbox[2], (HPDF_REAL)m.bbox[3]};
    HPDF_Dict_Add(fd, "FontBBox", HPDF_Box_Array_New(mm, box));
    HPDF_Dict_AddReal(fd, "ItalicAngle", m.italic_angle);
    HPDF_Dict_AddNumber(fd, "Ascent", m.ascent);
    HPDF_Dict_AddNumber(fd, "Descent", m.descent);
    HPDF_Dict_AddNumber(fd, "CapHeight", m.cap_height);
    HPDF_Dict_AddNumber(fd, "StemV", m.stem_v);
    unsigned len = 0;
    const char *data = hb_blob_get_data(program, &len);
    HPDF_Dict ff = new_stream(r);
    if (!ff)
        return NULL;
    HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len);
    render_stream_put(ff->stream, data, len);
    HPDF_Dict_Add(fd, "FontFile2", ff);
    if (r->opt->pdfa) {
        /* PDF/A-1 wants a subset to list its CIDs: all of 0..n-1 */
        size_t nbytes = (pf->ncids + 7) / 8;
        unsigned char *bits = arena_alloc(r->a, nbytes ? nbytes : 1);
        for (uint32_t cid = 0; cid < pf->ncids; cid++)
            bits[cid / 8] |= (unsigned char)(0x80 >> (cid % 8));
        HPDF_Dict set = new_stream(r);
        if (!set)
            return NULL;
        render_stream_put(set->stream, bits, nbytes);
        HPDF_Dict_Add(fd, "CIDSet", set);
    }
    return fd;
}

/* /W: the widths of all CIDs, as runs of at most 8,000 (arrays hold
 * 32,767 items in the PDF library). */
static HPDF_Array widths_array(render_ctx *r, pdf_font *pf)
{
    HPDF_MMgr mm = r->pdf->mmgr;
    HPDF_Array w = HPDF_Array_New(mm);
    pf->width = ARENA_ARRAY(r->a, int, pf->ncids ? pf->ncids : 1);
    HPDF_Array run = NULL;
    for (uint32_t cid = 0; cid < pf->ncids; cid++) {
        pf->width[cid] = font_glyph_advance(pf->face, pf->old_gid[cid]);
        if (cid % 8000 == 0) {
            HPDF_Array_AddNumber(w, (HPDF_INT32)cid);
            run = HPDF_Array_New(mm);
            HPDF_Array_Add(w, run);
        }
        HPDF_Array_AddNumber(run, pf->width[cid]);
    }
    return w;
}

static HPDF_Dict cid_font(render_ctx *r, pdf_font *pf, const char *name, hb_blob_t *program)
{
    HPDF_MMgr mm = r->pdf->mmgr;
    HPDF_Dict cf = HPDF_Dict_New(mm);
    if (!cf || HPDF_Xref_Add(r->pdf->xref, cf) != HPDF_OK)
        return NULL;
    HPDF_Dict_AddName(cf, "Type", "Font");
    HPDF_Dict_AddName(cf, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cf, "BaseFont", name);
    HPDF_Dict info = HPDF_Dict_New(mm);
    HPDF_Dict_Add(cf, "CIDSystemInfo", info);
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
    HPDF_Dict fd = font_descriptor(r, pf, name, program);
    if (!fd)
        return NULL;
    HPDF_Dict_Add(cf, "FontDescriptor", fd);
    HPDF_Dict_Add(cf, "W", widths_array(r, pf));
    if (pf->ncids == pf->nglyphs) {
        HPDF_Dict_AddName(cf, "CIDToGIDMap", "Identity");
        return cf;
    }
    /* aliases: each CID its own glyph, an alias its original's */
    HPDF_Dict map = new_stream(r);
    if (!map)
        return NULL;
    unsigned char *gids = arena_alloc(r->a, 2 * (size_t)pf->ncids);
    for (uint32_t cid = 0; cid < pf->ncids; cid++) {
        uint32_t gid = cid < pf->nglyphs ? cid : pf->cid_of[pf->old_gid[cid]];
        gids[2 * cid] = (unsigned char)(gid >> 8);
        gids[2 * cid + 1] = (unsigned char)gid;
    }
    render_stream_put(map->stream, gids, 2 * (size_t)pf->ncids);
    HPDF_Dict_Add(cf, "CIDToGIDMap", map);
    return cf;
}

static pdf_font *make_font(render_ctx *r, font_face *f, const face_use *use)
{
    pdf_font *pf = ARENA_NEW(r->a, pdf_font);
    pf->face = f;
    hb_blob_t *program = subset_face(r, pf, use);
    if (!program)
        return NULL;
    const char *name = subset_name(r, pf);
    HPDF_MMgr mm = r->pdf->mmgr;
    pf->dict = HPDF_Dict_New(mm);
    HPDF_Dict cf = NULL;
    if (pf->dict && HPDF_Xref_Add(r->pdf->xref, pf->dict) == HPDF_OK)
        cf = cid_font(r, pf, name, program);
    hb_blob_destroy(program);
    if (!cf || !render_check(r, arena_printf(r->a, "embedding font '%s'", f->psname)))
        return NULL;
    HPDF_Dict_AddName(pf->dict, "Type", "Font");
    HPDF_Dict_AddName(pf->dict, "Subtype", "Type0");
    HPDF_Dict_AddName(pf->dict, "BaseFont", name);
    HPDF_Dict_AddName(pf->dict, "Encoding", "Identity-H");
    HPDF_Array desc = HPDF_Array_New(mm);
    HPDF_Dict_Add(pf->dict, "DescendantFonts", desc);
    HPDF_Array_Add(desc, cf);
    pf->text = ARENA_ARRAY(r->a, const char *, pf->ncids ? pf->ncids : 1);
    pf->text_len = ARENA_ARRAY(r->a, uint32_t, pf->ncids ? pf->ncids : 1);
    uint32_t space = font_glyph(f, ' ');
    pf->space_cid = render_cid(pf, space);
    if (space && pf->space_cid)
        render_font_text(pf, pf->space_cid, " ", 1);
    return render_check(r, arena_printf(r->a, "embedding font '%s'", f->psname)) ? pf : NULL;
}

bool render_load_fonts(render_ctx *r)
{
    r->nfonts = font_count(r->fonts);
    r->font_by_face = ARENA_ARRAY(r->a, pdf_font *, r->nfonts ? r->nfonts : 1);
    face_use *used = faces_used(r);
    bool ok = true;
    for (int i = 0; i < r->nfonts; i++) {
        if (!used[i].glyphs)
            continue;
        if (ok) {
            r->font_by_face[i] = make_font(r, font_at(r->fonts, i), &used[i]);
            ok = r->font_by_face[i] != NULL;
        }
        hb_set_destroy(used[i].glyphs);
        hb_set_destroy(used[i].chars);
        hb_set_destroy(used[i].hyphens);
    }
    return ok;
}

pdf_font *render_font(render_ctx *r, font_face *f)
{
    if (f->id < 0 || f->id >= r->nfonts)
        return NULL;
    return r->font_by_face[f->id];
}

/* The number of UTF-16 units of UTF-8 text, or -1 when it is not valid. */
static int utf16_units(const char *s, size_t n)
{
    int units = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_next(s + i, n - i, &cp);
        if (k <= 0)
            return -1;
        units += cp > 0xFFFF ? 2 : 1;
        i += (size_t)k;
    }
    return units;
}

bool render_font_text(pdf_font *pf, uint32_t cid, const char *s, size_t n)
{
    if (cid == 0 || cid >= pf->ncids || n == 0)
        return false;
    if (pf->text[cid])
        return pf->text_len[cid] == n && memcmp(pf->text[cid], s, n) == 0;
    int units = utf16_units(s, n);
    if (units <= 0 || units > TO_UNICODE_MAX)
        return false;
    pf->text[cid] = s;
    pf->text_len[cid] = (uint32_t)n;
    return true;
}

void render_put_utf16_hex(strbuf *sb, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_next(s + i, n - i, &cp);
        if (k <= 0) {
            cp = 0xFFFD;
            k = 1;
        }
        i += (size_t)k;
        uint32_t units[2] = {cp, 0};
        int nu = 1;
        if (cp > 0xFFFF) {
            units[0] = 0xD800 + ((cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
            nu = 2;
        }
        for (int u = 0; u < nu; u++)
            for (int shift = 12; shift >= 0; shift -= 4)
                sb_putc(sb, hex[(units[u] >> shift) & 0xF]);
    }
}

/* The ToUnicode CMap: each CID that was drawn for a text, to that text
 * (several characters for a ligature, surrogate pairs beyond the BMP). */
static void to_unicode(render_ctx *r, pdf_font *pf)
{
    strbuf sb;
    sb_init(&sb, r->a);
    sb_puts(&sb, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    uint32_t cid = 0;
    for (;;) {
        /* at most 100 entries a block */
        uint32_t count = 0, first = cid;
        for (uint32_t c = cid; c < pf->ncids && count < 100; c++)
            count += pf->text[c] != NULL;
        if (count == 0)
            break;
        sb_printf(&sb, "%u beginbfchar\n", (unsigned)count);
        for (uint32_t done = 0, c = first; done < count; c++) {
            if (!pf->text[c])
                continue;
            sb_printf(&sb, "<%04X> <", (unsigned)c);
            render_put_utf16_hex(&sb, pf->text[c], pf->text_len[c]);
            sb_puts(&sb, ">\n");
            done++;
            cid = c + 1;
        }
        sb_puts(&sb, "endbfchar\n");
    }
    sb_puts(&sb, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_Dict tu = new_stream(r);
    if (!tu)
        return;
    render_stream_put(tu->stream, sb.data, sb.len);
    HPDF_Dict_Add(pf->dict, "ToUnicode", tu);
}

bool render_finish_fonts(render_ctx *r)
{
    for (int i = 0; i < r->nfonts; i++)
        if (r->font_by_face[i])
            to_unicode(r, r->font_by_face[i]);
    return render_check(r, "writing the fonts' text maps");
}
