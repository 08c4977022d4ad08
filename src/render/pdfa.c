/* PDF/A-1b, PDF/A-2b and -2u, and the metadata of PDF/UA-1: what
 * archiving and accessibility need beyond an ordinary PDF (the structure
 * tree PDF/UA asks for is tags.c's). PDF/A-2 keeps object streams and
 * transparency, which PDF/A-1 forbids. libharu's own
 * PDF/A switch writes XMP metadata without escaping '<' and '&', so the
 * metadata is written here: an uncompressed XMP packet agreeing with the
 * document information, an sRGB output intent, and the print flag on
 * every annotation. Each font's CIDSet is written with the font
 * (fonts.c). Transparency is not allowed in
 * PDF/A-1: images with alpha are flattened
 * onto white (images.c). */
#include "render_internal.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <string.h>
#include <time.h>

#define SRGB_PROFILE "/usr/share/color/icc/ghostscript/srgb.icc"

static void put_xml_text(strbuf *sb, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': sb_puts(sb, "&lt;"); break;
        case '>': sb_puts(sb, "&gt;"); break;
        case '&': sb_puts(sb, "&amp;"); break;
        case '"': sb_puts(sb, "&quot;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
                sb_putc(sb, *s);
        }
    }
}

static const char *meta(const render_ctx *r, const char *key, const char *alt)
{
    const char *v = doc_meta_get(r->doc, key);
    if (!v && alt)
        v = doc_meta_get(r->doc, alt);
    return v;
}

static void xmp(render_ctx *r, strbuf *sb)
{
    struct tm tm;
    time_t t = r->opt->date;
    gmtime_r(&t, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    const char *title = meta(r, "title", NULL), *author = meta(r, "author", "organization"),
               *subject = meta(r, "subject", "subtitle"), *keywords = meta(r, "keywords", NULL);
    sb_puts(sb, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    const render_options *o = r->opt;
    if (o->pdfa)
        sb_printf(sb, "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                      "<pdfaid:part>%d</pdfaid:part><pdfaid:conformance>%c</pdfaid:conformance>\n"
                      "</rdf:Description>\n",
                  o->pdfa_part == 2 ? 2 : 1, o->pdfa_part == 2 && o->pdfa_level == 'U' ? 'U' : 'B');
    if (o->pdfua) {
        sb_puts(sb, "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                    "<pdfuaid:part>1</pdfuaid:part>\n"
                    "</rdf:Description>\n");
        if (o->pdfa) /* PDF/A admits other schemas when they describe themselves */
            sb_puts(sb, "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
                        "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
                        "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
                        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                        "<pdfaProperty:name>part</pdfaProperty:name>\n"
                        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                        "<pdfaProperty:category>internal</pdfaProperty:category>\n"
                        "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
                        "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
                        "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
                        "</rdf:Description>\n");
    }
    sb_puts(sb, "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                "<dc:format>application/pdf</dc:format>\n");
    if (title) {
        sb_puts(sb, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml_text(sb, title);
        sb_puts(sb, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (author) {
        sb_puts(sb, "<dc:creator><rdf:Seq><rdf:li>");
        put_xml_text(sb, author);
        sb_puts(sb, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (subject) {
        sb_puts(sb, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml_text(sb, subject);
        sb_puts(sb, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    sb_puts(sb, "</rdf:Description>\n"
                "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                "<pdf:Producer>dossier " DOSSIER_VERSION " (libharu)</pdf:Producer>\n");
    if (keywords) {
        sb_puts(sb, "<pdf:Keywords>");
        put_xml_text(sb, keywords);
        sb_puts(sb, "</pdf:Keywords>\n");
    }
    sb_printf(sb, "</rdf:Description>\n"
                  "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                  "<xmp:CreatorTool>dossier " DOSSIER_VERSION "</xmp:CreatorTool>\n"
                  "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                  "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                  "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n",
              date, date, date);
    /* room to edit the packet in place, as XMP recommends */
    for (int i = 0; i < 20; i++)
        sb_puts(sb, "                                                                                \n");
    sb_puts(sb, "<?xpacket end=\"w\"?>");
}

/* Annotations must print (the F key's print flag). */
static void annotation_flags(render_ctx *r)
{
    for (int p = 0; p < r->npages; p++) {
        HPDF_Array annots = render_dict_find(r->pages[p], "Annots");
        if (!annots)
            continue; /* a page without links */
        for (HPDF_UINT k = 0; k < annots->list->count; k++) {
            HPDF_Dict a = HPDF_List_ItemAt(annots->list, k);
            if (a && (((HPDF_Obj_Header *)a)->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
                a = ((HPDF_Proxy)a)->obj;
            if (a)
                HPDF_Dict_AddNumber(a, "F", 4);
        }
    }
}

bool render_pdfa(render_ctx *r)
{
    if (!r->opt->pdfa) {
        /* PDF/UA alone: the metadata, in a stream as any other */
        strbuf sb;
        sb_init(&sb, r->a);
        xmp(r, &sb);
        HPDF_Dict md = HPDF_DictStream_New(r->pdf->mmgr, r->pdf->xref);
        if (!md)
            return render_check(r, "writing PDF/UA metadata");
        HPDF_Dict_AddName(md, "Type", "Metadata");
        HPDF_Dict_AddName(md, "Subtype", "XML");
        render_stream_put(md->stream, sb.data, sb.len);
        HPDF_Dict_Add(r->pdf->catalog, "Metadata", md);
        return render_check(r, "writing PDF/UA metadata");
    }
    HPDF_Image icc = HPDF_LoadIccProfileFromFile(r->pdf, SRGB_PROFILE, 3);
    if (!icc) {
        HPDF_ResetError(r->pdf);
        r->error = 0;
        ERROR(r->d, srcpos_make(SRGB_PROFILE, 0, 0),
              "cannot read the sRGB colour profile PDF/A needs (Debian package libgs-common)");
        return false;
    }
    HPDF_PDFA_AppendOutputIntents(r->pdf, "sRGB IEC61966-2.1", icc);
    strbuf sb;
    sb_init(&sb, r->a);
    xmp(r, &sb);
    HPDF_Dict md = HPDF_DictStream_New(r->pdf->mmgr, r->pdf->xref);
    if (!md)
        return render_check(r, "writing PDF/A metadata");
    /* PDF/A-1 wants the metadata readable without filters */
    md->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_Dict_AddName(md, "Type", "Metadata");
    HPDF_Dict_AddName(md, "Subtype", "XML");
    render_stream_put(md->stream, sb.data, sb.len);
    HPDF_Dict_Add(r->pdf->catalog, "Metadata", md);
    annotation_flags(r);
    if (r->opt->pdfa_part != 2)
        r->pdf->pdf_version = HPDF_VER_14;
    return render_check(r, "writing PDF/A structures");
}
