/* --dump=style: every element's computed style as text, for golden tests.
 *   <element>[.class...] @line:col { prop: value; ... }
 * lists the properties whose computed value differs from the initial one,
 * in a fixed order; pseudo-element lines list content and what differs from
 * what they inherit from their element. Then the four page styles and their margin boxes. Numbers
 * are printed with %g so the text is the same on every machine. */
#include "css_internal.h"

#include <string.h>

static double num(float v)
{
    return (double)v + 0.0; /* no "-0" */
}

static void put_color(FILE *out, rgba c)
{
    if (RGBA_A(c) == 0xFF)
        fprintf(out, "#%06x", (unsigned)(c >> 8));
    else
        fprintf(out, "#%08x", (unsigned)c);
}

static void put_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\A ", out);
        else if (c < 0x20)
            fprintf(out, "\\%x ", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void put_content(FILE *out, const content_part *p)
{
    for (bool sp = false; p; p = p->next, sp = true) {
        if (sp)
            fputc(' ', out);
        const char *style = p->style != LIST_DECIMAL ? css_list_style_name(p->style) : NULL;
        switch (p->kind) {
        case CONTENT_TEXT: put_string(out, p->text); break;
        case CONTENT_COUNTER:
        case CONTENT_PAGES:
            fprintf(out, "counter(%s", p->kind == CONTENT_PAGES ? "pages" : p->text);
            if (style)
                fprintf(out, ", %s", style);
            fputc(')', out);
            break;
        case CONTENT_STRING: {
            static const char *const which[] = {"", ", start", ", last", ", first-except"};
            fprintf(out, "string(%s%s)", p->text, which[p->which]);
            break;
        }
        case CONTENT_CONTENTS: fputs("content()", out); break;
        case CONTENT_OPEN_QUOTE: fputs("open-quote", out); break;
        case CONTENT_CLOSE_QUOTE: fputs("close-quote", out); break;
        case CONTENT_NO_OPEN_QUOTE: fputs("no-open-quote", out); break;
        case CONTENT_NO_CLOSE_QUOTE: fputs("no-close-quote", out); break;
        case CONTENT_LEADER:
            fputs("leader(", out);
            put_string(out, p->text);
            fputc(')', out);
            break;
        case CONTENT_TARGET_COUNTER:
            fprintf(out, "target-counter(attr(href), %s", p->text);
            if (style)
                fprintf(out, ", %s", style);
            fputc(')', out);
            break;
        }
    }
}

static const char *align_name(text_align a)
{
    static const char *const n[] = {"left", "right", "center", "justify"};
    return (unsigned)a < COUNT_OF(n) ? n[a] : "?";
}

static const char *break_name(break_mode b)
{
    static const char *const n[] = {"auto", "avoid", "page", "left", "right"};
    return (unsigned)b < COUNT_OF(n) ? n[b] : "?";
}

static const char *border_name(border_style b)
{
    static const char *const n[] = {"none", "solid", "dashed", "dotted", "double"};
    return (unsigned)b < COUNT_OF(n) ? n[b] : "?";
}

static void put_len(FILE *out, style_len l)
{
    if (l.kind == LEN_AUTO)
        fputs("auto", out);
    else if (l.kind == LEN_PERCENT)
        fprintf(out, "%g%%", num(l.v));
    else
        fprintf(out, "%gpt", num(l.v));
}

static bool border_eq(border_side a, border_side b)
{
    return a.width == b.width && a.style == b.style && a.color == b.color;
}

static void put_border(FILE *out, border_side b)
{
    fprintf(out, "%gpt %s ", num(b.width), border_name(b.style));
    put_color(out, b.color);
}

static void put_counters(FILE *out, const counter_op *op)
{
    if (!op)
        fputs("none", out);
    for (bool sp = false; op; op = op->next, sp = true)
        fprintf(out, "%s%s %d", sp ? " " : "", op->name, op->value);
}

#define PROP(name) fprintf(out, "%s: ", name)
#define END() fputs("; ", out)

/* The properties of cs that differ from base, in struct order. */
static void put_props(FILE *out, const computed_style *cs, const computed_style *base)
{
    if (cs->content) {
        PROP("content");
        put_content(out, cs->content);
        END();
    }
    if (!str_eq(cs->font_family, base->font_family) || cs->font_size != base->font_size ||
        cs->font_weight != base->font_weight || cs->italic != base->italic || cs->font != base->font) {
        fprintf(out, "font: %d %s %gpt \"%s\" (%s)", cs->font_weight, cs->italic ? "italic" : "normal",
                num(cs->font_size), cs->font_family ? cs->font_family : "",
                cs->font && cs->font->psname ? cs->font->psname : "no face");
        END();
    }
    if (cs->line_height_normal != base->line_height_normal ||
        cs->line_height_factor != base->line_height_factor || cs->line_height != base->line_height) {
        PROP("line-height");
        if (cs->line_height_normal)
            fputs("normal", out);
        else
            fprintf(out, cs->line_height_factor ? "%g" : "%gpt", num(cs->line_height));
        END();
    }
    if (cs->color != base->color) {
        PROP("color");
        put_color(out, cs->color);
        END();
    }
    if (cs->align != base->align)
        fprintf(out, "text-align: %s; ", align_name(cs->align));
    if (cs->align_last_auto != base->align_last_auto ||
        (!cs->align_last_auto && cs->align_last != base->align_last))
        fprintf(out, "text-align-last: %s; ", cs->align_last_auto ? "auto" : align_name(cs->align_last));
    if (cs->text_indent != base->text_indent)
        fprintf(out, "text-indent: %gpt; ", num(cs->text_indent));
    if (cs->hyphens != base->hyphens) {
        static const char *const n[] = {"manual", "none", "auto"};
        fprintf(out, "hyphens: %s; ", n[cs->hyphens % 3]);
    }
    if (cs->white_space != base->white_space) {
        static const char *const n[] = {"normal", "pre", "nowrap", "pre-wrap", "pre-line"};
        fprintf(out, "white-space: %s; ", n[cs->white_space % 5]);
    }
    if (cs->list_style != base->list_style)
        fprintf(out, "list-style-type: %s; ", css_list_style_name(cs->list_style));
    if (cs->orphans != base->orphans)
        fprintf(out, "orphans: %d; ", cs->orphans);
    if (cs->widows != base->widows)
        fprintf(out, "widows: %d; ", cs->widows);
    if (cs->transform != base->transform) {
        static const char *const n[] = {"none", "uppercase", "lowercase", "capitalize"};
        fprintf(out, "text-transform: %s; ", n[cs->transform % 4]);
    }
    if (cs->letter_spacing != base->letter_spacing)
        fprintf(out, "letter-spacing: %gpt; ", num(cs->letter_spacing));
    if (cs->kerning != base->kerning)
        fprintf(out, "font-kerning: %s; ", cs->kerning ? "auto" : "none");
    if (cs->tab_size != base->tab_size)
        fprintf(out, "tab-size: %d; ", cs->tab_size);
    if (!str_eq(cs->ligatures, base->ligatures))
        fprintf(out, "font-variant-ligatures: \"%s\"; ", cs->ligatures);
    if (!str_eq(cs->feature_settings, base->feature_settings))
        fprintf(out, "font-feature-settings: \"%s\"; ", cs->feature_settings);
    if (cs->direction != base->direction && cs->direction != DIR_AUTO)
        fprintf(out, "direction: %s; ", cs->direction == DIR_RTL ? "rtl" : "ltr");
    if (cs->bidi != base->bidi) {
        static const char *const n[] = {"normal", "isolate", "plaintext"};
        fprintf(out, "unicode-bidi: %s; ", n[cs->bidi % 3]);
    }
    if (cs->display != base->display)
        fprintf(out, "display: %s; ", cs->display == DISPLAY_NONE ? "none" : "normal");
    if (cs->background != base->background) {
        PROP("background-color");
        put_color(out, cs->background);
        END();
    }
    const char *box[2] = {"margin", "padding"};
    for (int k = 0; k < 2; k++) {
        const float *v = k ? cs->padding : cs->margin, *bv = k ? base->padding : base->margin;
        bool differ = false;
        for (int s = 0; s < 4; s++)
            differ = differ || v[s] != bv[s] || (!k && cs->margin_auto[s] != base->margin_auto[s]);
        if (!differ)
            continue;
        PROP(box[k]);
        for (int s = 0; s < 4; s++) {
            if (s)
                fputc(' ', out);
            if (!k && cs->margin_auto[s])
                fputs("auto", out);
            else
                fprintf(out, "%gpt", num(v[s]));
        }
        END();
    }
    bool bdiff[4], any = false;
    for (int s = 0; s < 4; s++) {
        bdiff[s] = cs->border[s].style != base->border[s].style ||
                   cs->border[s].width != base->border[s].width ||
                   (cs->border[s].style != BORDER_NONE && cs->border[s].color != base->border[s].color);
        any = any || bdiff[s];
    }
    if (any && bdiff[0] && bdiff[1] && bdiff[2] && bdiff[3] && border_eq(cs->border[0], cs->border[1]) &&
        border_eq(cs->border[0], cs->border[2]) && border_eq(cs->border[0], cs->border[3])) {
        PROP("border");
        put_border(out, cs->border[0]);
        END();
    } else if (any) {
        static const char *const side[] = {"border-top", "border-right", "border-bottom", "border-left"};
        for (int s = 0; s < 4; s++) {
            if (!bdiff[s])
                continue;
            PROP(side[s]);
            put_border(out, cs->border[s]);
            END();
        }
    }
    if (cs->width.kind != base->width.kind || cs->width.v != base->width.v) {
        PROP("width");
        put_len(out, cs->width);
        END();
    }
    if (cs->height.kind != base->height.kind || cs->height.v != base->height.v) {
        PROP("height");
        put_len(out, cs->height);
        END();
    }
    if (cs->valign != base->valign) {
        static const char *const n[] = {"baseline", "super", "sub", "top", "middle", "bottom"};
        fprintf(out, "vertical-align: %s; ", n[cs->valign % 6]);
    }
    if (cs->decoration != base->decoration || cs->decoration_color != base->decoration_color) {
        PROP("text-decoration");
        if (!cs->decoration)
            fputs("none", out);
        if (cs->decoration & DECO_UNDERLINE)
            fputs("underline ", out);
        if (cs->decoration & DECO_OVERLINE)
            fputs("overline ", out);
        if (cs->decoration & DECO_LINE_THROUGH)
            fputs("line-through ", out);
        if (cs->decoration)
            put_color(out, cs->decoration_color);
        END();
    }
    if (cs->break_before != base->break_before)
        fprintf(out, "break-before: %s; ", break_name(cs->break_before));
    if (cs->break_after != base->break_after)
        fprintf(out, "break-after: %s; ", break_name(cs->break_after));
    if (cs->break_inside != base->break_inside)
        fprintf(out, "break-inside: %s; ", break_name(cs->break_inside));
    if (cs->string_sets != base->string_sets) {
        PROP("string-set");
        if (!cs->string_sets)
            fputs("none", out);
        for (const string_set *s = cs->string_sets; s; s = s->next) {
            fprintf(out, "%s ", s->name);
            put_content(out, s->value);
            if (s->next)
                fputs(", ", out);
        }
        END();
    }
    if (cs->counter_reset != base->counter_reset) {
        PROP("counter-reset");
        put_counters(out, cs->counter_reset);
        END();
    }
    if (cs->counter_increment != base->counter_increment) {
        PROP("counter-increment");
        put_counters(out, cs->counter_increment);
        END();
    }
}

static void put_line(FILE *out, const char *head, const computed_style *cs, const computed_style *base)
{
    fprintf(out, "%s { ", head);
    put_props(out, cs, base);
    fputs("}\n", out);
}

static void indent(FILE *out, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

static void dump_node(FILE *out, const doc_node *n, int depth, const style_result *s,
                      const computed_style *initial)
{
    const computed_style *cs = style_of(s, n);
    indent(out, depth);
    fputs(doc_element_name(n), out);
    for (const char *c = n->cls; c && *c;) {
        while (*c == ' ')
            c++;
        const char *e = c;
        while (*e && *e != ' ')
            e++;
        if (e > c)
            fprintf(out, ".%.*s", (int)(e - c), c);
        c = e;
    }
    fprintf(out, " @%d:%d", n->pos.line, n->pos.col);
    put_line(out, "", cs, initial);
    const computed_style *pseudo[3] = {cs->before, cs->after, cs->marker};
    const char *names[3] = {"::before", "::after", "::marker"};
    for (int k = 0; k < 3; k++) {
        if (!pseudo[k])
            continue;
        indent(out, depth + 1);
        computed_style base;
        css_inherited_style(&base, cs);
        put_line(out, names[k], pseudo[k], &base);
    }
}

static const char *const box_names[MB_COUNT] = {
    "top-left-corner", "top-left", "top-center", "top-right", "top-right-corner",
    "right-top", "right-middle", "right-bottom",
    "bottom-right-corner", "bottom-right", "bottom-center", "bottom-left", "bottom-left-corner",
    "left-bottom", "left-middle", "left-top",
};

void style_dump(FILE *out, const doc_document *doc, const style_result *s)
{
    computed_style initial;
    css_initial_style(&initial);
    const doc_node *root = doc->root;
    int depth = 0;
    for (const doc_node *n = root; n;) {
        if (n->kind != DOC_TEXT && n->kind != DOC_SOFTBREAK)
            dump_node(out, n, depth, s, &initial);
        if (n->first) {
            n = n->first;
            depth++;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    static const char *const page_names[2][2] = {{":right", ":left"}, {":first:right", ":first:left"}};
    for (int first = 0; first < 2; first++) {
        for (int left = 0; left < 2; left++) {
            const page_style *p = &s->page[first][left];
            fprintf(out, "@page %s { size: %gpt %gpt; margin: %gpt %gpt %gpt %gpt; ", page_names[first][left],
                    num(p->width), num(p->height), num(p->margin[0]), num(p->margin[1]),
                    num(p->margin[2]), num(p->margin[3]));
            if (p->background) {
                fputs("background-color: ", out);
                put_color(out, p->background);
                fputs("; ", out);
            }
            fputs("}\n", out);
            for (int b = 0; b < MB_COUNT; b++) {
                if (!p->boxes[b].content || !p->boxes[b].style)
                    continue;
                fprintf(out, "  @%s", box_names[b]);
                put_line(out, "", p->boxes[b].style, &initial);
            }
        }
    }
}
