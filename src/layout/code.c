/* Code blocks, set line by line: every space kept, tabs advanced to the
 * next multiple of tab-size, never justified or hyphenated. A line too
 * long for the measure wraps (after a space when one is near, else
 * between characters) and continues under its own indentation behind a
 * continuation mark. Optional line numbers in a gutter, and highlighted
 * lines ({code-block} :linenos: and :emphasize-lines:). */
#include "layout_internal.h"

#include <string.h>

/* U+21AA RIGHTWARDS ARROW WITH HOOK: the mark of a wrapped line */
static const char continuation_mark[] = "\xE2\x86\xAA";

/* highlighted lines: a pale yellow under the text, dark enough to survive
 * greyscale printing */
#define EMPHASIS_FILL 0xFFF1B8FFu

/* A continuation never starts further right than this share of the
 * measure, however deep the line's indentation. */
#define MAX_CONTINUATION_INDENT 0.5f

typedef struct {
    lctx *c;
    const computed_style *cs;
    const doc_node *n;
    const char *features; /* the style's OpenType settings (code is set without kerning) */
    float char_w;      /* advance of a space: the grid tabs snap to */
    float gutter;      /* width of the line-number column, 0 without numbers */
    float mark_w;      /* width of the continuation mark */
    float line_h, baseline;
    int total_lines;   /* visual lines set so far, for widows and orphans */
    int nvisual;       /* visual lines the block will have */
} code_ctx;

/* Code is measured and drawn without kerning (its columns stay on the
 * grid) and with the style's features, so "liga" or "calt" can be off. */
static float code_width(const code_ctx *k, const char *s, size_t n)
{
    return text_width_dir(k->c, k->cs->font, k->cs->font_size, false, k->features, DIR_AUTO, s, n);
}

static float code_emit(const code_ctx *k, dl_list *dl, rgba color, float x, float y, const char *s, size_t n,
                       srcpos at)
{
    /* code reads left to right; a right-to-left comment or string in it
     * is still in its own order */
    return text_emit_line(k->c, dl, k->cs->font, k->cs->font_size, false, k->features, DIR_LTR, color, x, y, s, n,
                          at);
}

static rgba mix_with_white(rgba color, float keep)
{
    uint32_t r = (color >> 24) & 0xFF, g = (color >> 16) & 0xFF, b = (color >> 8) & 0xFF;
    r = (uint32_t)(r * keep + 255 * (1 - keep));
    g = (uint32_t)(g * keep + 255 * (1 - keep));
    b = (uint32_t)(b * keep + 255 * (1 - keep));
    return (r << 24) | (g << 16) | (b << 8) | (color & 0xFF);
}

/* The line with its tabs turned into spaces (columns count characters). */
static char *expand_tabs(arena *a, const char *s, size_t n, int tab_size, size_t *out_len)
{
    size_t tabs = 0;
    for (size_t i = 0; i < n; i++)
        tabs += s[i] == '\t';
    if (!tabs || tab_size <= 0) {
        /* tab-size: 0 removes tabs, as CSS says */
        strbuf sb;
        sb_init(&sb, a);
        for (size_t i = 0; i < n; i++)
            if (s[i] != '\t')
                sb_putc(&sb, s[i]);
        *out_len = sb.len;
        return sb.len ? sb.data : arena_strdup(a, "");
    }
    strbuf sb;
    sb_init(&sb, a);
    int col = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\t') {
            int to = (col / tab_size + 1) * tab_size;
            for (; col < to; col++)
                sb_putc(&sb, ' ');
            continue;
        }
        sb_putc(&sb, s[i]);
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            col++;
    }
    *out_len = sb.len;
    return sb.data;
}

static bool emphasized(const doc_node *n, int line)
{
    for (int i = 0; i < n->u.code.nemphasize; i++)
        if (n->u.code.emphasize[i] == line)
            return true;
    return false;
}

/* Where a piece of `s` starting at `from` ends so that it fits `avail`:
 * after the last space when that keeps at least a third of the measure,
 * else at the last character that fits (one at least). */
static size_t wrap_point(code_ctx *k, const char *s, size_t n, size_t from, float avail)
{
    float w = 0;
    size_t i = from, last_space = 0;
    while (i < n) {
        size_t len = (size_t)utf8_next(s + i, n - i, &(uint32_t){0});
        if (len == 0)
            len = 1;
        float cw = code_width(k, s + i, len);
        if (w + cw > avail + 0.01f && i > from)
            break;
        w += cw;
        i += len;
        if (s[i - 1] == ' ' && i < n && s[i] != ' ')
            last_space = i;
    }
    if (i >= n)
        return n;
    if (last_space > from) {
        float kept = code_width(k, s + from, last_space - from);
        if (kept >= avail / 3)
            return last_space;
    }
    return i;
}

static size_t leading_spaces(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* One visual line: its number (first piece of a source line only), its
 * continuation mark, the text from `x`, and the highlight under it. */
static void emit_visual_line(code_ctx *k, int number, bool continued, bool highlight, float x, const char *s,
                             size_t n, srcpos at)
{
    lctx *c = k->c;
    const computed_style *cs = k->cs;
    dl_list dl;
    dl_init(&dl);
    dl_item *info = dl_add(c, &dl, DL_LINE_INFO);
    info->x = c->x;
    info->y = k->baseline;
    info->h = k->line_h;
    info->u.info.source_line = at.line;
    if (highlight)
        dl_rect(c, &dl, c->x, 0, c->width, k->line_h, EMPHASIS_FILL, 0, 0);
    rgba faint = mix_with_white(cs->color, 0.45f);
    if (number > 0) {
        const char *num = arena_printf(c->a, "%d", number);
        float w = code_width(k, num, strlen(num));
        code_emit(k, &dl, faint, c->x + k->gutter - k->char_w - w, k->baseline, num,
                  strlen(num), at);
    }
    if (continued)
        code_emit(k, &dl, faint, x - k->mark_w - k->char_w * 0.3f, k->baseline,
                  continuation_mark, sizeof continuation_mark - 1, at);
    /* indentation is position, not drawn spaces */
    size_t lead = leading_spaces(s, n);
    float lead_w = code_width(k, s, lead);
    float drawn = 0;
    if (lead < n)
        drawn = code_emit(k, &dl, cs->color, x + lead_w, k->baseline, s + lead,
                          n - lead, at);
    info->w = x + lead_w + drawn - c->x;
    info->u.info.overfull = info->w > c->width + 0.5f;
    info->u.info.last = k->total_lines + 1 == k->nvisual;

    vitem *v = galley_box(c, k->line_h, k->baseline, dl.v.data, (int)dl.v.len);
    v->flags |= VF_LINE;
    v->pos = at;
    v->para = c->para_serial;
    v->line = (int16_t)MIN(k->total_lines, 32000);
    v->nlines = (int16_t)MIN(k->nvisual, 32000);
    c->stats.lines++;
    if (info->u.info.overfull)
        c->stats.overfull++;
    k->total_lines++;
}

/* Sets one source line, wrapped as needed. `measure_only` counts its
 * visual lines without emitting them. */
static int set_source_line(code_ctx *k, int number, const char *line, size_t len, srcpos at, bool measure_only)
{
    lctx *c = k->c;
    size_t n;
    char *s = expand_tabs(c->a, line, len, k->cs->tab_size, &n);
    float x0 = c->x + k->gutter;
    float avail = c->width - k->gutter;
    size_t indent = leading_spaces(s, n);
    float indent_w = indent < n ? code_width(k, s, indent) : 0;
    /* continuations sit under the line's text, one mark further in */
    float cont_x = MIN(indent_w, avail * MAX_CONTINUATION_INDENT) + k->mark_w + k->char_w;
    bool highlight = emphasized(k->n, number - (k->n->u.code.first_number ? k->n->u.code.first_number : 1) + 1);
    int pieces = 0;
    size_t from = 0;
    do {
        float x = pieces == 0 ? x0 : x0 + cont_x;
        float room = pieces == 0 ? avail : avail - cont_x;
        size_t to = wrap_point(k, s, n, from, room);
        if (!measure_only) {
            if (pieces > 0 && k->total_lines > 0)
                galley_penalty(c, k->total_lines < MAX(1, k->cs->orphans) ||
                                          k->nvisual - k->total_lines < MAX(1, k->cs->widows)
                                      ? KP_INFINITY
                                      : 0);
            emit_visual_line(k, pieces == 0 && k->n->u.code.first_number ? number : 0, pieces > 0, highlight, x,
                             s + from, to - from, at);
        }
        pieces++;
        from = to;
        /* a wrap after spaces does not start the next piece with them */
        while (pieces > 0 && from < n && s[from] == ' ' && from > indent)
            from++;
    } while (from < n);
    return pieces;
}

/* Sets (or only counts) every line of the block's text, without its
 * final newline. Returns the number of visual lines. */
static int for_each_line(code_ctx *k, bool measure_only)
{
    const doc_node *n = k->n;
    size_t len = n->len;
    if (len && n->text[len - 1] == '\n')
        len--;
    int first = n->u.code.first_number ? n->u.code.first_number : 1;
    int total = 0, index = 0;
    size_t i = 0;
    do {
        const char *nl = memchr(n->text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - n->text) : len;
        /* a fenced block's text starts on the line after its fence */
        srcpos at = n->pos;
        at.line = n->pos.line + (n->pos.line ? 1 + index : 0);
        if (!measure_only && index > 0)
            galley_penalty(k->c, k->total_lines < MAX(1, k->cs->orphans) ||
                                         k->nvisual - k->total_lines < MAX(1, k->cs->widows)
                                     ? KP_INFINITY
                                     : 0);
        total += set_source_line(k, first + index, n->text + i, end - i, at, measure_only);
        index++;
        i = end + 1;
    } while (i <= len && len > 0);
    return total;
}

void code_layout(lctx *c, const doc_node *n, const computed_style *cs)
{
    block_state st;
    counters_apply(c, cs);
    block_open(c, cs, &st);
    code_ctx k = {.c = c, .cs = cs, .n = n, .features = style_features(c, cs)};
    k.char_w = code_width(&k, " ", 1);
    k.mark_w = code_width(&k, continuation_mark, sizeof continuation_mark - 1);
    font_face *f = cs->font;
    float a = f->ascent * cs->font_size, d = f->descent * cs->font_size;
    k.line_h = used_line_height(cs);
    k.baseline = a + (k.line_h - (a + d)) / 2;
    if (n->u.code.first_number) {
        /* room for the last line's number and a space each side */
        int last = n->u.code.first_number;
        for (size_t i = 0; i + 1 < n->len; i++)
            last += n->text[i] == '\n';
        const char *num = arena_printf(c->a, "%d", last);
        k.gutter = code_width(&k, num, strlen(num)) + 2 * k.char_w;
    }
    k.nvisual = for_each_line(&k, true);
    c->stats.paragraphs++;
    c->para_serial++;
    for_each_line(&k, false);
    block_close(c, cs, &st);
}
