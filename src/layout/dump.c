/* --dump=layout: every page's display list as text, one item a line,
 * then the typographic summary the tests assert on. */
#include "layout_internal.h"

static void put_text(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(out, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(out, "\\x%02x", ch);
        else
            fputc(ch, out);
    }
    fputc('"', out);
}

/* A glyph run: "[rtl gid/cluster/advance@dx,dy ...]", the offset only
 * where a glyph has one. */
static void put_glyphs(FILE *out, const dl_item *it)
{
    fputs(" [", out);
    if (it->u.text.rtl)
        fputs("rtl ", out);
    for (int g = 0; g < it->u.text.nglyphs; g++) {
        const dl_glyph *gl = &it->u.text.glyphs[g];
        fprintf(out, "%s%u/%u/%.2f", g ? " " : "", (unsigned)gl->gid, (unsigned)gl->cluster, (double)gl->advance);
        if (gl->dx != 0 || gl->dy != 0)
            fprintf(out, "@%.2f,%.2f", (double)gl->dx, (double)gl->dy);
    }
    fputc(']', out);
}

static void put_color(FILE *out, rgba c)
{
    if ((c & 0xFF) == 0xFF)
        fprintf(out, "#%06x", (unsigned)(c >> 8));
    else
        fprintf(out, "#%08x", (unsigned)c);
}

void layout_dump(FILE *out, const layout_result *r)
{
    for (int p = 0; p < r->npages; p++) {
        const layout_page *pg = &r->pages[p];
        fprintf(out, "page %d label=%s size=%.1fx%.1f %s\n", p + 1, pg->label ? pg->label : "", (double)pg->width,
                (double)pg->height, pg->left ? "left" : "right");
        for (int i = 0; i < pg->nitems; i++) {
            const dl_item *it = &pg->items[i];
            switch (it->kind) {
            case DL_TEXT:
                fprintf(out, "  text %.2f %.2f %s %.2f ", (double)it->x, (double)it->y, it->u.text.font->psname,
                        (double)it->u.text.size);
                put_color(out, it->u.text.color);
                if (it->u.text.angle != 0)
                    fprintf(out, " angle=%.0f", (double)it->u.text.angle);
                fputc(' ', out);
                put_text(out, it->u.text.str, it->u.text.len);
                put_glyphs(out, it);
                fputc('\n', out);
                break;
            case DL_RECT:
                fprintf(out, "  rect %.2f %.2f %.2f %.2f fill=", (double)it->x, (double)it->y, (double)it->w,
                        (double)it->h);
                put_color(out, it->u.rect.fill);
                fputs(" stroke=", out);
                put_color(out, it->u.rect.stroke);
                fputc('\n', out);
                break;
            case DL_LINE:
                fprintf(out, "  line %.2f %.2f %.2f %.2f width=%.2f ", (double)it->x, (double)it->y,
                        (double)it->u.line.x2, (double)it->u.line.y2, (double)it->u.line.width);
                put_color(out, it->u.line.color);
                if (it->u.line.dash == BORDER_DASHED || it->u.line.dash == BORDER_DOTTED)
                    fputs(it->u.line.dash == BORDER_DASHED ? " dashed" : " dotted", out);
                fputc('\n', out);
                break;
            case DL_PATH:
                fprintf(out, "  path %d points\n", it->u.path.npts);
                break;
            case DL_IMAGE:
                fprintf(out, "  image %.2f %.2f %.2f %.2f %s\n", (double)it->x, (double)it->y, (double)it->w,
                        (double)it->h, it->u.image.img->path);
                break;
            case DL_LINK:
                if (it->u.link.uri)
                    fprintf(out, "  link %.2f %.2f %.2f %.2f uri=%s\n", (double)it->x, (double)it->y, (double)it->w,
                            (double)it->h, it->u.link.uri);
                else
                    fprintf(out, "  link %.2f %.2f %.2f %.2f page=%d y=%.2f\n", (double)it->x, (double)it->y,
                            (double)it->w, (double)it->h, it->u.link.page + 1, (double)it->u.link.dest_y);
                break;
            case DL_LINE_INFO:
                fprintf(out, "  line-box y=%.2f height=%.2f width=%.2f ratio=%.3f%s%s%s%s\n", (double)it->y,
                        (double)it->h, (double)it->w, (double)it->u.info.ratio, it->u.info.hyphen ? " hyphen" : "",
                        it->u.info.overfull ? " overfull" : "", it->u.info.loose ? " loose" : "",
                        it->u.info.last ? " last" : "");
                break;
            }
        }
    }
    for (int i = 0; i < r->noutline; i++)
        fprintf(out, "outline %d page=%d %s\n", r->outline[i].level, r->outline[i].page + 1, r->outline[i].title);
    const layout_stats *s = &r->stats;
    fprintf(out,
            "summary pages=%d paragraphs=%d lines=%d overfull=%d loose=%d hyphenated=%d consecutive-hyphens=%d "
            "widows=%d orphans=%d headings-at-foot=%d\n",
            r->npages, s->paragraphs, s->lines, s->overfull, s->loose, s->hyphenated, s->consecutive_hyphens_max,
            s->widows, s->orphans, s->headings_at_foot);
}
