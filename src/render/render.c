/* Rendering the display lists with libharu. The document is built in
 * memory and saved to a buffer; main writes the file atomically. */
#include "render.h"
#include "render_internal.h"

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

static void set_dash(HPDF_Page page, border_style style, float width)
{
    if (style == BORDER_DASHED) {
        HPDF_UINT16 pat[2] = {(HPDF_UINT16)MAX(1, lroundf(width * 3)), (HPDF_UINT16)MAX(1, lroundf(width * 2))};
        HPDF_Page_SetDash(page, pat, 2, 0);
        HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    } else if (style == BORDER_DOTTED) {
        /* round caps on zero-length dashes draw dots */
        HPDF_UINT16 pat[2] = {0, (HPDF_UINT16)MAX(1, lroundf(width * 2))};
        HPDF_Page_SetDash(page, pat, 2, 0);
        HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
    } else {
        HPDF_Page_SetDash(page, NULL, 0, 0);
        HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    }
}

typedef struct {
    bool in_text;
    font_face *font;
    float size;
    rgba color;
    bool color_set;
} text_state;

static void end_text(HPDF_Page page, text_state *ts)
{
    if (ts->in_text) {
        HPDF_Page_EndText(page);
        ts->in_text = false;
    }
}

static void draw_text(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it, text_state *ts)
{
    HPDF_Font font = render_font(r, it->u.text.font);
    if (!font || it->u.text.len == 0)
        return;
    if (!ts->in_text) {
        HPDF_Page_BeginText(page);
        ts->in_text = true;
        ts->font = NULL;
        ts->color_set = false;
    }
    if (ts->font != it->u.text.font || ts->size != it->u.text.size) {
        HPDF_Page_SetFontAndSize(page, font, it->u.text.size);
        ts->font = it->u.text.font;
        ts->size = it->u.text.size;
    }
    if (!ts->color_set || ts->color != it->u.text.color) {
        set_fill(r, page, it->u.text.color);
        ts->color = it->u.text.color;
        ts->color_set = true;
    }
    char *s = render_scratch(r, it->u.text.str, it->u.text.len);
    float y = lp->height - it->y;
    if (it->u.text.angle != 0) {
        float rad = it->u.text.angle * (float)M_PI / 180.0f;
        float c = cosf(rad), sn = sinf(rad);
        HPDF_Page_SetTextMatrix(page, c, sn, -sn, c, it->x, y);
        HPDF_Page_ShowText(page, s);
        /* back to an upright matrix so later positions stay absolute */
        HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, it->x, y);
    } else {
        HPDF_Page_TextOut(page, it->x, y, s);
    }
}

static void draw_rect(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it)
{
    bool fill = RGBA_A(it->u.rect.fill) != 0;
    bool stroke = RGBA_A(it->u.rect.stroke) != 0 && it->u.rect.line_width > 0;
    if (!fill && !stroke)
        return;
    float y = lp->height - it->y - it->h;
    if (fill)
        set_fill(r, page, it->u.rect.fill);
    if (stroke) {
        set_stroke(r, page, it->u.rect.stroke);
        HPDF_Page_SetLineWidth(page, it->u.rect.line_width);
        set_dash(page, it->u.rect.dash, it->u.rect.line_width);
    }
    HPDF_Page_Rectangle(page, it->x, y, it->w, it->h);
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
    set_dash(page, it->u.line.dash, it->u.line.width);
    HPDF_Page_MoveTo(page, it->x, lp->height - it->y);
    HPDF_Page_LineTo(page, it->u.line.x2, lp->height - it->u.line.y2);
    HPDF_Page_Stroke(page);
}

static void draw_path(render_ctx *r, HPDF_Page page, const layout_page *lp, const dl_item *it)
{
    int n = it->u.path.npts;
    if (n < 2)
        return;
    bool fill = RGBA_A(it->u.path.fill) != 0;
    bool stroke = RGBA_A(it->u.path.stroke) != 0 && it->u.path.line_width > 0;
    if (!fill && !stroke)
        return;
    if (fill)
        set_fill(r, page, it->u.path.fill);
    if (stroke) {
        set_stroke(r, page, it->u.path.stroke);
        HPDF_Page_SetLineWidth(page, it->u.path.line_width);
        set_dash(page, BORDER_SOLID, it->u.path.line_width);
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
}

static void draw_page(render_ctx *r, int index)
{
    const layout_page *lp = &r->layout->pages[index];
    HPDF_Page page = r->pages[index];
    text_state ts = {0};
    for (int i = 0; i < lp->nitems; i++) {
        const dl_item *it = &lp->items[i];
        if (it->kind != DL_TEXT)
            end_text(page, &ts);
        switch (it->kind) {
        case DL_TEXT:
            draw_text(r, page, lp, it, &ts);
            break;
        case DL_RECT:
            draw_rect(r, page, lp, it);
            break;
        case DL_LINE:
            draw_line(r, page, lp, it);
            break;
        case DL_PATH:
            draw_path(r, page, lp, it);
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
    end_text(page, &ts);
}

bool render_pdf(arena *a, diag *d, font_lib *fonts, const doc_document *doc, const layout_result *layout,
                const render_options *opt, const unsigned char **out, size_t *out_len)
{
    render_ctx r = {.a = a, .d = d, .fonts = fonts, .doc = doc, .layout = layout, .opt = opt};
    r.pdf = HPDF_New(on_error, &r);
    if (!r.pdf) {
        ERROR(d, srcpos_make("dossier", 0, 0), "cannot start the PDF library");
        return false;
    }
    if (opt->compress)
        HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(r.pdf);
    HPDF_SetCurrentEncoder(r.pdf, "UTF-8");
    r.utf8 = HPDF_GetEncoder(r.pdf, "UTF-8");
    bool ok = render_check(&r, "setting up the document");

    ok = ok && render_load_fonts(&r);

    r.npages = layout->npages;
    r.pages = ARENA_ARRAY(a, HPDF_Page, r.npages ? r.npages : 1);
    for (int i = 0; ok && i < r.npages; i++) {
        r.pages[i] = HPDF_AddPage(r.pdf);
        HPDF_Page_SetWidth(r.pages[i], layout->pages[i].width);
        HPDF_Page_SetHeight(r.pages[i], layout->pages[i].height);
    }
    ok = ok && render_check(&r, "adding pages");
    for (int i = 0; ok && i < r.npages; i++) {
        draw_page(&r, i);
        ok = render_check(&r, "drawing a page") && !r.failed;
    }
    ok = ok && render_outline(&r) && render_page_labels(&r) && render_info(&r);
    if (ok) {
        HPDF_SaveToStream(r.pdf);
        ok = render_check(&r, "writing the PDF");
    }
    if (ok) {
        HPDF_UINT32 size = HPDF_GetStreamSize(r.pdf);
        unsigned char *buf = arena_alloc(a, size ? size : 1);
        HPDF_UINT32 got = 0;
        HPDF_ResetStream(r.pdf);
        while (got < size) {
            HPDF_UINT32 n = size - got;
            HPDF_STATUS st = HPDF_ReadFromStream(r.pdf, buf + got, &n);
            got += n;
            if (n == 0 || (st != HPDF_OK && st != HPDF_STREAM_EOF))
                break;
        }
        if (r.error == HPDF_STREAM_EOF)
            r.error = 0;
        ok = got == size && render_check(&r, "reading back the PDF");
        *out = buf;
        *out_len = got;
    }
    HPDF_Free(r.pdf);
    return ok && !r.failed;
}
