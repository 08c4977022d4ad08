/* Rendering the display lists with libharu. The document is built in
 * memory and saved to a buffer; main writes the file atomically. */
#include "render.h"
#include "render_internal.h"
#include "tags.h"

#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <math.h>
#include <string.h>

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    render_ctx *r = user;
    if (!r->error) {
        r->error = code;
        r->error_detail = detail;
    }
}

/* HPDF_Stream_Write copies a byte at a time; into a memory stream's
 * buffers memcpy does the same, and libharu opens each next buffer. */
HPDF_STATUS render_stream_put(HPDF_Stream st, const void *data, size_t len)
{
    const HPDF_BYTE *p = data;
    if (st->type != HPDF_STREAM_MEMORY || HPDF_Error_GetCode(st->error) != HPDF_OK)
        return HPDF_Stream_Write(st, p, (HPDF_UINT)len);
    HPDF_MemStreamAttr attr = st->attr;
    while (len > 0) {
        size_t room = attr->w_ptr && attr->w_pos < attr->buf_siz ? attr->buf_siz - attr->w_pos : 0;
        if (room == 0) {
            HPDF_STATUS status = HPDF_Stream_Write(st, p, 1);
            if (status != HPDF_OK)
                return status;
            p++;
            len--;
            continue;
        }
        size_t n = MIN(len, room);
        memcpy(attr->w_ptr, p, n);
        attr->w_ptr += n;
        attr->w_pos += (HPDF_UINT)n;
        st->size += (HPDF_UINT)n;
        p += n;
        len -= n;
    }
    return HPDF_OK;
}

bool render_check(render_ctx *r, const char *what)
{
    if (!r->error)
        return true;
    ERROR(r->d, srcpos_make("dossier", 0, 0), "PDF library error 0x%04X (detail %u) while %s", (unsigned)r->error,
          (unsigned)r->error_detail, what);
    HPDF_ResetError(r->pdf);
    r->error = 0;
    r->failed = true;
    return false;
}

/* Colours are 0xRRGGBBAA; partial transparency is blended over white
 * paper, which is what it looks like on a page with nothing below. */
void render_rgb(rgba c, float *r, float *g, float *b)
{
    float alpha = (float)(c & 0xFF) / 255.0f;
    *r = ((float)((c >> 24) & 0xFF) / 255.0f) * alpha + (1 - alpha);
    *g = ((float)((c >> 16) & 0xFF) / 255.0f) * alpha + (1 - alpha);
    *b = ((float)((c >> 8) & 0xFF) / 255.0f) * alpha + (1 - alpha);
}

static void set_fill(render_ctx *r, HPDF_Page page, rgba c)
{
    (void)r;
    float cr, cg, cb;
    render_rgb(c, &cr, &cg, &cb);
    HPDF_Page_SetRGBFill(page, cr, cg, cb);
}

static void set_stroke(render_ctx *r, HPDF_Page page, rgba c)
{
    (void)r;
    float cr, cg, cb;
    render_rgb(c, &cr, &cg, &cb);
    HPDF_Page_SetRGBStroke(page, cr, cg, cb);
}

/* What the page's graphics state holds, so operators are written only
 * when something changes (font and fill colour outlive text objects). */
typedef struct {
    bool in_text;
    bool mc_in_text; /* the open marked content began inside this text object */
    float lx, ly;  /* the text line matrix's origin, inside a text object */
    font_face *font;
    float size;
    rgba fill;
    bool fill_set;
} text_state;

/* Positions on a 1/16 pt grid (0.02 mm, far below what a printer
 * resolves) print as short, exact numbers. */
static float q(float v)
{
    return roundf(v * 16.0f) / 16.0f;
}

static void begin_text(HPDF_Page page, text_state *ts)
{
    if (!ts->in_text) {
        HPDF_Page_BeginText(page);
        ts->in_text = true;
        ts->lx = ts->ly = 0;
    }
}

static void end_text(HPDF_Page page, text_state *ts)
{
    if (ts->in_text) {
        HPDF_Page_EndText(page);
        ts->in_text = false;
    }
}

/* Appends a number as the PDF wants it: no exponent, no trailing zeros. */
/* u's decimal digits, written backwards to end just before p; returns
 * where they start. */
static char *digits_before(char *p, unsigned long long u)
{
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return p;
}

void render_put_long(strbuf *sb, long v)
{
    char buf[24], *p = buf + sizeof buf;
    unsigned long long u = v < 0 ? (unsigned long long)0 - (unsigned long long)v : (unsigned long long)v;
    p = digits_before(p, u);
    if (v < 0)
        *--p = '-';
    sb_append(sb, p, (size_t)(buf + sizeof buf - p));
}

static void put_num(strbuf *sb, double v)
{
    /* four decimals at most, trailing zeros dropped; by hand, as printf
     * was a tenth of the whole run */
    long long t = llround(v * 10000.0);
    char buf[32], *p = buf + sizeof buf;
    bool neg = t < 0;
    unsigned long long u = neg ? (unsigned long long)(-t) : (unsigned long long)t;
    unsigned frac = (unsigned)(u % 10000);
    u /= 10000;
    int digits = 4;
    while (digits > 0 && frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    for (int i = 0; i < digits; i++) {
        *--p = (char)('0' + frac % 10);
        frac /= 10;
    }
    if (digits)
        *--p = '.';
    p = digits_before(p, u);
    if (neg) /* what rounds to zero is not negative: t would be 0 */
        *--p = '-';
    sb_append(sb, p, (size_t)(buf + sizeof buf - p));
}

static void set_dash(render_ctx *r, HPDF_Page page, border_style style, float width)
{
    if (style == BORDER_DASHED) {
        HPDF_UINT16 pat[2] = {(HPDF_UINT16)MAX(1, lroundf(width * 3)), (HPDF_UINT16)MAX(1, lroundf(width * 2))};
        HPDF_Page_SetDash(page, pat, 2, 0);
        HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    } else if (style == BORDER_DOTTED) {
        /* round caps on zero-length dashes draw dots; libharu refuses a
         * dash of length 0 (and whole points only), so the operator goes
         * into the page's stream directly */
        strbuf *sb = &r->ops;
        sb_clear(sb);
        sb_puts(sb, "[0 ");
        put_num(sb, MAX(0.5f, width * 2));
        sb_puts(sb, "] 0 d\n");
        HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
        render_stream_put(attr->stream, sb->data, sb->len);
        HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
    } else {
        HPDF_Page_SetDash(page, NULL, 0, 0);
        HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    }
}

static bool same_run(const dl_item *a, const dl_item *b)
{
    /* a line-end hyphen goes on its word's run, read with it */
    bool same_tag = b->tag == a->tag || (b->tag == TAG_HYPHEN && a->tag == TAG_CONTENT);
    return b->kind == DL_TEXT && b->node == a->node && same_tag && b->u.text.font == a->u.text.font && b->u.text.size == a->u.text.size &&
           b->u.text.color == a->u.text.color && b->u.text.angle == 0 && a->u.text.angle == 0 &&
           fabsf(b->y - a->y) < 0.01f && b->x >= a->x;
}

/* Selects the face at the size for the text that follows: the font goes
 * into the page's resources by hand, as libharu's own font objects are not
 * used. Layout keeps sizes within reason; the clamp keeps a PDF reader's. */
static void select_font(render_ctx *r, HPDF_Page page, pdf_font *pf, float size)
{
    const char *name = HPDF_Page_GetLocalFontName(page, (HPDF_Font)pf->dict);
    if (!name) {
        render_check(r, "naming a font on a page");
        return;
    }
    strbuf *sb = &r->ops;
    sb_clear(sb);
    sb_printf(sb, "/%s ", name);
    put_num(sb, MAX(0.1f, MIN(size, HPDF_MAX_FONTSIZE)));
    sb_puts(sb, " Tf\n");
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    render_stream_put(attr->stream, sb->data, sb->len);
}

/* Whether a run that ends with `last` ends a line whose words go on in
 * the next one: a space then keeps the two lines' words apart when the
 * text is read (by structure, as screen readers do, line ends are not
 * spaces); a hyphen, added or written, joins them. */
static bool line_reads_on(const render_ctx *r, const layout_page *lp, int next, const dl_item *last)
{
    if (last->tag == TAG_HYPHEN || !last->u.text.len)
        return false;
    char end = last->u.text.str[last->u.text.len - 1];
    if (end == ' ' || end == '-')
        return false;
    for (int k = next; k < lp->nitems && k < next + 8; k++) {
        const dl_item *it = &lp->items[k];
        if (it->kind == DL_TEXT && it->tag <= TAG_HYPHEN)
            return fabsf(it->y - last->y) > 0.01f && tags_same_text(r->tags, it->node, last->node);
    }
    return false;
}

/* Whether the next text on the line, from item `next`, is another word
 * of the same block than the run's `last` item ends (a link, a span in
 * another language, inline code): a space then keeps them apart when the structure is read
 * a marked-content sequence at a time. `end` is where the run ends. */
static bool word_follows(const render_ctx *r, const layout_page *lp, int next, const dl_item *last, float end)
{
    if (!last->u.text.len || last->u.text.str[last->u.text.len - 1] == ' ')
        return false;
    for (int k = next; k < lp->nitems && k < next + 8; k++) {
        const dl_item *it = &lp->items[k];
        if (it->kind != DL_TEXT || it->tag > TAG_HYPHEN)
            continue;
        return fabsf(it->y - last->y) < 0.01f && it->x - end > 0.1f * last->u.text.size && it->u.text.len &&
               it->u.text.str[0] != ' ' && tags_same_text(r->tags, it->node, last->node);
    }
    return false;
}

/* Draws the text items from `i` that share a baseline, face, size and
 * colour as one TJ: the words of a justified line with their spacing as
 * adjustments (word spacing, Tw, applies to single-byte codes only).
 * libharu writes BT/ET and colours; the text operators go into the page's
 * stream directly. Returns the index after the run. */
static int draw_text_run(render_ctx *r, HPDF_Page page, const layout_page *lp, int i, text_state *ts)
{
    const dl_item *first = &lp->items[i];
    pdf_font *pf = render_font(r, first->u.text.font);
    int j = i + 1;
    /* a link or line record between words ends the run there */
    while (j < lp->nitems && same_run(&lp->items[j - 1], &lp->items[j]))
        j++;
    if (!pf)
        return j;
    begin_text(page, ts);
    if (ts->font != first->u.text.font || ts->size != first->u.text.size) {
        select_font(r, page, pf, first->u.text.size);
        ts->font = first->u.text.font;
        ts->size = first->u.text.size;
    }
    if (!ts->fill_set || ts->fill != first->u.text.color) {
        set_fill(r, page, first->u.text.color);
        ts->fill = first->u.text.color;
        ts->fill_set = true;
    }
    strbuf *sb = &r->ops;
    sb_clear(sb);
    float x = q(first->x), y = q(lp->height - first->y);
    float size = first->u.text.size;
    tj_writer tj;
    tj_begin(&tj, sb, pf, size);
    if (first->u.text.angle != 0) {
        float rad = first->u.text.angle * (float)M_PI / 180.0f;
        float c = cosf(rad), sn = sinf(rad);
        put_num(sb, c), sb_putc(sb, ' '), put_num(sb, sn), sb_putc(sb, ' ');
        put_num(sb, -sn), sb_putc(sb, ' '), put_num(sb, c), sb_putc(sb, ' ');
        put_num(sb, x), sb_putc(sb, ' '), put_num(sb, y), sb_puts(sb, " Tm\n");
        tj_item(&tj, first, 0);
        tj_end(&tj);
        sb_puts(sb, "1 0 0 1 0 0 Tm\n");
        ts->lx = ts->ly = 0;
    } else {
        put_num(sb, x - ts->lx), sb_putc(sb, ' '), put_num(sb, y - ts->ly), sb_puts(sb, " Td\n");
        ts->lx = x;
        ts->ly = y;
        double to_units = 1000.0 / (double)size;
        for (int k = i; k < j; k++) {
            const dl_item *it = &lp->items[k];
            double origin = (double)(it->x - first->x) * to_units;
            /* a real space between words, so text copied or extracted
             * from the PDF reads right; the rest of the gap is an
             * adjustment */
            if (k > i && origin - tj.end > 100)
                tj_space(&tj);
            tj_item(&tj, it, origin);
        }
        /* a space then keeps the two lines' words apart when read */
        if (r->tags && (line_reads_on(r, lp, j, &lp->items[j - 1]) ||
                        word_follows(r, lp, j, &lp->items[j - 1], first->x + (float)(tj.end / to_units))))
            tj_space(&tj);
        tj_end(&tj);
    }
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    render_stream_put(attr->stream, sb->data, sb->len);
    return j;
}

static void draw_rect(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it, text_state *ts)
{
    bool fill = RGBA_A(it->u.rect.fill) != 0;
    bool stroke = RGBA_A(it->u.rect.stroke) != 0 && it->u.rect.line_width > 0;
    if (!fill && !stroke)
        return;
    float y = lp->height - it->y - it->h;
    if (fill && (!ts->fill_set || ts->fill != it->u.rect.fill)) {
        set_fill(r, page, it->u.rect.fill);
        ts->fill = it->u.rect.fill;
        ts->fill_set = true;
    }
    if (stroke) {
        set_stroke(r, page, it->u.rect.stroke);
        HPDF_Page_SetLineWidth(page, it->u.rect.line_width);
        set_dash(r, page, it->u.rect.dash, it->u.rect.line_width);
    }
    HPDF_Page_Rectangle(page, q(it->x), q(y), q(it->w), q(it->h));
    if (fill && stroke)
        HPDF_Page_FillStroke(page);
    else if (fill)
        HPDF_Page_Fill(page);
    else
        HPDF_Page_Stroke(page);
}

static void draw_line(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it)
{
    if (it->u.line.width <= 0 || RGBA_A(it->u.line.color) == 0)
        return;
    set_stroke(r, page, it->u.line.color);
    HPDF_Page_SetLineWidth(page, it->u.line.width);
    set_dash(r, page, it->u.line.dash, it->u.line.width);
    HPDF_Page_MoveTo(page, q(it->x), q(lp->height - it->y));
    HPDF_Page_LineTo(page, q(it->u.line.x2), q(lp->height - it->u.line.y2));
    HPDF_Page_Stroke(page);
}

static void draw_path(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it, text_state *ts)
{
    int n = it->u.path.npts;
    if (n < 2)
        return;
    bool fill = RGBA_A(it->u.path.fill) != 0;
    bool stroke = RGBA_A(it->u.path.stroke) != 0 && it->u.path.line_width > 0;
    if (!fill && !stroke)
        return;
    if (fill) {
        set_fill(r, page, it->u.path.fill);
        ts->fill = it->u.path.fill;
        ts->fill_set = true;
    }
    if (stroke) {
        set_stroke(r, page, it->u.path.stroke);
        HPDF_Page_SetLineWidth(page, it->u.path.line_width);
        set_dash(r, page, BORDER_SOLID, it->u.path.line_width);
    }
    const float *p = it->u.path.pts;
    HPDF_Page_MoveTo(page, p[0], lp->height - p[1]);
    for (int i = 1; i < n; i++)
        HPDF_Page_LineTo(page, p[2 * i], lp->height - p[2 * i + 1]);
    if (fill) {
        HPDF_Page_ClosePath(page);
        if (stroke)
            HPDF_Page_FillStroke(page);
        else
            HPDF_Page_Fill(page);
    } else {
        HPDF_Page_Stroke(page);
    }
}

static void draw_image(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it)
{
    HPDF_Image img = render_image(r, it->u.image.img);
    if (!img)
        return;
    HPDF_Page_DrawImage(page, img, it->x, lp->height - it->y - it->h, it->w, it->h);
}

static void add_link(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it)
{
    HPDF_Rect rect = {it->x, lp->height - it->y - it->h, it->x + it->w, lp->height - it->y};
    HPDF_Annotation annot;
    if (it->u.link.uri) {
        annot = HPDF_Page_CreateURILinkAnnot(page, rect, it->u.link.uri);
    } else {
        if (it->u.link.page < 0 || it->u.link.page >= r->npages)
            return;
        HPDF_Destination dst = render_destination(r, it->u.link.page, it->u.link.dest_y);
        if (!dst)
            return;
        annot = HPDF_Page_CreateLinkAnnot(page, rect, dst);
    }
    if (annot)
        HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
    if (annot && r->tags)
        tags_link(r->tags, lp->index, annot, it);
}

/* Ends the text object; marked content begun inside it ends first. */
static void end_tagged_text(render_ctx *r, HPDF_Page page, text_state *ts)
{
    if (r->tags && ts->in_text && ts->mc_in_text)
        tags_close(r->tags, page);
    ts->mc_in_text = false;
    end_text(page, ts);
}

/* Marked content and text objects nest: text goes into marked content
 * opened inside its text object (so one text object runs on from one
 * paragraph to the next), anything else into marked content outside. */
static void switch_tag(render_ctx *r, int index, HPDF_Page page, const dl_item *it, text_state *ts)
{
    int key = tags_key(r->tags, it);
    bool text = it->kind == DL_TEXT;
    /* drawing that follows text in the same sequence needs one outside
     * the text object */
    if (key == TAGS_NO_KEY || (key == tags_current(r->tags) && (text || !ts->mc_in_text)))
        return;
    if (ts->in_text && !ts->mc_in_text)
        end_text(page, ts); /* the open sequence began outside: it holds the whole text object */
    tags_close(r->tags, page);
    if (text) {
        begin_text(page, ts);
        ts->mc_in_text = true;
    } else {
        end_text(page, ts);
        ts->mc_in_text = false;
    }
    tags_open(r->tags, index, page, key, it);
}

static void draw_page(render_ctx *r, int index)
{
    const layout_page *lp = &r->layout->pages[index];
    HPDF_Page page = r->pages[index];
    text_state ts = {0};
    for (int i = 0; i < lp->nitems; i++) {
        const dl_item *it = &lp->items[i];
        if (r->tags)
            switch_tag(r, index, page, it, &ts);
        /* links and line records are not drawn: the text object goes on */
        if (it->kind != DL_TEXT && it->kind != DL_LINK && it->kind != DL_LINE_INFO)
            end_tagged_text(r, page, &ts);
        switch (it->kind) {
        case DL_TEXT:
            i = draw_text_run(r, page, lp, i, &ts) - 1;
            break;
        case DL_RECT:
            draw_rect(r, page, lp, it, &ts);
            break;
        case DL_LINE:
            draw_line(r, page, lp, it);
            break;
        case DL_PATH:
            draw_path(r, page, lp, it, &ts);
            break;
        case DL_IMAGE:
            draw_image(r, page, lp, it);
            break;
        case DL_LINK:
            add_link(r, page, lp, it);
            break;
        case DL_LINE_INFO:
            break;
        }
    }
    end_tagged_text(r, page, &ts);
    if (r->tags)
        tags_close(r->tags, page);
}

/* The whole document through libharu, read back into memory. `packing`:
 * streams stay uncompressed for render_pack, which deflates them faster
 * than libharu's fixed default level. */
static bool render_document(arena *a, diag *d, font_lib *fonts, const doc_document *doc, const layout_result *layout,
                            const render_options *opt, bool packing, const unsigned char **out, size_t *out_len,
                            vec *bodies)
{
    render_ctx r = {.a = a, .d = d, .fonts = fonts, .doc = doc, .layout = layout, .opt = opt};
    sb_init(&r.ops, a);
    vec_init(&r.bodies, sizeof(render_body));
    r.pdf = render_hpdf_new(on_error, &r);
    if (!r.pdf) {
        ERROR(d, srcpos_make("dossier", 0, 0), "cannot start the PDF library");
        return false;
    }
    if (opt->compress && !packing)
        HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
    /* soft masks (PNG alpha) need 1.4; so does PDF/A-1 */
    r.pdf->pdf_version = HPDF_VER_14;
    r.deflate_streams = opt->compress && !packing;
    bool ok = render_check(&r, "setting up the document");

    ok = ok && render_load_fonts(&r);

    r.npages = layout->npages;
    r.pages = ARENA_ARRAY(a, HPDF_Page, r.npages ? r.npages : 1);
    for (int i = 0; ok && i < r.npages; i++) {
        r.pages[i] = HPDF_AddPage(r.pdf);
        HPDF_Page_SetWidth(r.pages[i], MAX(HPDF_MIN_PAGE_SIZE, MIN(layout->pages[i].width, HPDF_MAX_PAGE_SIZE)));
        HPDF_Page_SetHeight(r.pages[i], MAX(HPDF_MIN_PAGE_SIZE, MIN(layout->pages[i].height, HPDF_MAX_PAGE_SIZE)));
    }
    ok = ok && render_check(&r, "adding pages");
    if (ok && !opt->untagged)
        r.tags = tags_new(&r);
    for (int i = 0; ok && i < r.npages; i++) {
        draw_page(&r, i);
        ok = render_check(&r, "drawing a page") && !r.failed;
    }
    ok = ok && render_finish_fonts(&r);
    ok = ok && render_outline(&r) && render_page_labels(&r) && render_info(&r) && render_id(&r);
    if (ok && r.tags)
        ok = tags_finish(r.tags);
    if (ok && (opt->pdfa || opt->pdfua))
        ok = render_pdfa(&r);
    if (ok) {
        HPDF_SaveToStream(r.pdf);
        ok = render_check(&r, "writing the PDF");
    }
    if (ok) {
        /* the document lies in the memory stream's buffers: copied out
         * whole, as HPDF_ReadFromStream would byte by byte */
        HPDF_UINT32 size = HPDF_GetStreamSize(r.pdf);
        unsigned char *buf = arena_alloc_uninit(a, size ? size : 1);
        HPDF_UINT32 got = 0;
        HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(r.pdf->stream);
        for (HPDF_UINT i = 0; i < nbuf && got < size; i++) {
            HPDF_UINT n = 0;
            HPDF_BYTE *part = HPDF_MemStream_GetBufPtr(r.pdf->stream, i, &n);
            if (!part)
                break;
            n = MIN(n, size - got);
            memcpy(buf + got, part, n);
            got += n;
        }
        ok = got == size && render_check(&r, "reading back the PDF");
        *out = buf;
        *out_len = got;
    }
    render_hpdf_free(r.pdf);
    *bodies = r.bodies;
    return ok && !r.failed;
}

bool render_pdf(arena *a, diag *d, font_lib *fonts, const doc_document *doc, const layout_result *layout,
                const render_options *opt, const unsigned char **out, size_t *out_len)
{
    /* PDF/A-1 is PDF 1.4, which has no object streams (PDF/A-2 allows them) */
    bool object_streams = !(opt->pdfa && opt->pdfa_part != 2);
    const unsigned char *plain;
    size_t plain_len;
    vec bodies;
    if (!render_document(a, d, fonts, doc, layout, opt, true, &plain, &plain_len, &bodies))
        return false;
    if (render_pack(a, plain, plain_len, bodies.data, bodies.len, object_streams, out, out_len))
        return true;
    /* cannot happen with libharu's regular output; without objects of our
     * own, a plain file made again with libharu's compression is still a
     * correct PDF */
    if (bodies.len) {
        ERROR(d, srcpos_make(NULL, 0, 0), "internal error: the PDF library's output could not be read back; "
              "no PDF is written (--no-tags may avoid it)");
        return false;
    }
    NOTE(d, srcpos_make(NULL, 0, 0), "the PDF could not be packed into object streams; it is written as it is");
    return render_document(a, d, fonts, doc, layout, opt, false, out, out_len, &bodies);
}
