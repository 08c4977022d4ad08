/* Charts: bar, hbar, stacked and stacked-hbar, drawn as vector shapes.
 * Axes run from zero to a round number, gridlines sit at round steps,
 * labels wrap (or turn) rather than overlap, and each series takes its
 * colour from the style sheet through its legend entry. A chart is one
 * box: it is never split across pages. */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const rgba palette[] = {0x1F4E79FF, 0xC55A11FF, 0x548235FF, 0x7F6000FF, 0x5B9BD5FF, 0x7030A0FF};

void chart_ticks(double max, int target, double *step, double *axis_max)
{
    if (!(max > 0) || !isfinite(max))
        max = 1;
    /* a step of 1e-301 is 0 in page coordinates (floats): 0/0 drew "nan" */
    if (max < 1e-6)
        max = 1e-6;
    if (target < 1)
        target = 1;
    double raw = max / target;
    double mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    double s = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    *step = s * mag;
    *axis_max = ceil(max / *step - 1e-9) * *step;
    if (*axis_max < max)
        *axis_max += *step;
}

typedef struct {
    lctx *c;
    const doc_chart *ch;
    const computed_style *cs;
    rgba series_color[16];
    const computed_style *series_style[16];
    dl_list dl;
    float x, width;
    float size;       /* text size */
    float line;       /* text line height */
} chart;

static void fmt_value(char *buf, size_t n, double v, const char *unit)
{
    if (fabs(v - round(v)) < 1e-9)
        snprintf(buf, n, "%.0f%s", v, unit ? unit : "");
    else
        snprintf(buf, n, "%.1f%s", v, unit ? unit : "");
}

static float width_of(chart *k, const char *s)
{
    return text_width_fallback(k->c, k->cs->font, k->size, s, strlen(s));
}

/* Wraps `s` into lines no wider than `w`, at spaces. Returns the count;
 * a word wider than w stays whole (the caller turns the label instead). */
static int wrap(chart *k, const char *s, float w, const char **lines, int max, bool *too_wide)
{
    int n = 0;
    *too_wide = false;
    const char *p = s;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        const char *best = NULL;
        const char *q = p;
        while (*q) {
            const char *e = q;
            while (*e && *e != ' ')
                e++;
            char *cand = arena_strndup(k->c->a, p, (size_t)(e - p));
            if (width_of(k, cand) <= w || !best) {
                if (width_of(k, cand) > w)
                    *too_wide = true;
                best = e;
            } else {
                break;
            }
            q = *e ? e + 1 : e;
            if (!*e)
                break;
        }
        if (!best)
            break;
        lines[n++] = arena_strndup(k->c->a, p, (size_t)(best - p));
        p = best;
    }
    return n;
}

static void text_at(chart *k, const char *s, float x, float y, rgba color, float angle)
{
    size_t before = k->dl.v.len;
    /* callers format into stack buffers: the display list keeps a copy */
    s = arena_strdup(k->c->a, s);
    text_emit(k->c, &k->dl, k->cs->font, k->size, color, x, y, s, strlen(s), k->c->doc->root->pos);
    for (size_t i = before; i < k->dl.v.len; i++)
        VEC_AT(&k->dl.v, dl_item, i).u.text.angle = angle;
}

static double value_at(const doc_chart *ch, int label, int series)
{
    double v = ch->values[label * ch->nseries + series];
    return isnan(v) ? 0 : v;
}

static double data_max(const doc_chart *ch, bool stacked)
{
    double m = 0;
    for (int l = 0; l < ch->nlabels; l++) {
        double sum = 0;
        for (int s = 0; s < ch->nseries; s++) {
            double v = value_at(ch, l, s);
            sum += v;
            if (!stacked && v > m)
                m = v;
        }
        if (stacked && sum > m)
            m = sum;
    }
    return m;
}

static void bar(chart *k, int series, float x, float y, float w, float h)
{
    if (w <= 0 || h <= 0)
        return;
    const computed_style *ss = k->series_style[series % 16];
    rgba stroke = ss && ss->border[SIDE_TOP].style != BORDER_NONE ? ss->border[SIDE_TOP].color : 0;
    float lw = ss && ss->border[SIDE_TOP].style != BORDER_NONE ? ss->border[SIDE_TOP].width : 0;
    dl_rect(k->c, &k->dl, x, y, w, h, k->series_color[series % 16], stroke, lw);
}

static float legend(chart *k, float y)
{
    const doc_chart *ch = k->ch;
    if (ch->nseries < 2)
        return y;
    float x = k->x, sw = k->size * 0.8f;
    y += k->line * 0.5f;
    for (int s = 0; s < ch->nseries; s++) {
        float w = sw + 4 + width_of(k, ch->series[s]) + 14;
        if (x + w > k->x + k->width && x > k->x) {
            x = k->x;
            y += k->line;
        }
        bar(k, s, x, y + (k->line - sw) / 2 - 1, sw, sw);
        text_at(k, ch->series[s], x + sw + 4, y + k->line * 0.72f, k->cs->color, 0);
        x += w;
    }
    return y + k->line;
}

static float hbar(chart *k, bool stacked)
{
    lctx *c = k->c;
    const doc_chart *ch = k->ch;
    double step, axis;
    chart_ticks(isnan(ch->max) ? data_max(ch, stacked) : ch->max, 5, &step, &axis);
    if (!isnan(ch->max))
        axis = MAX(axis, ch->max);
    /* label column, wrapped to at most 38% of the width */
    float labw = 0;
    for (int l = 0; l < ch->nlabels; l++)
        labw = MAX(labw, width_of(k, ch->labels[l]));
    labw = MIN(labw, k->width * 0.38f);
    char buf[64];
    float valw = 0;
    if (ch->show_values)
        for (int l = 0; l < ch->nlabels; l++)
            for (int s = 0; s < ch->nseries; s++) {
                fmt_value(buf, sizeof buf, stacked ? 0 : value_at(ch, l, s), ch->unit);
                valw = MAX(valw, width_of(k, buf));
            }
    if (stacked && ch->show_values)
        for (int l = 0; l < ch->nlabels; l++) {
            double sum = 0;
            for (int s = 0; s < ch->nseries; s++)
                sum += value_at(ch, l, s);
            fmt_value(buf, sizeof buf, sum, ch->unit);
            valw = MAX(valw, width_of(k, buf));
        }
    float gap = k->size * 0.6f;
    float x0 = k->x + labw + gap, x1 = k->x + k->width - (valw > 0 ? valw + gap : k->size);
    if (x1 - x0 < k->width * 0.3f)
        x1 = x0 + k->width * 0.3f;
    float thick = k->line * 1.1f;
    float group = stacked ? thick : thick * (float)ch->nseries;
    float y = k->line * 0.3f, top = y;
    float scale = (float)((x1 - x0) / axis);
    /* gridlines first, bars over them */
    size_t grid_at = k->dl.v.len;
    (void)grid_at;
    float ybars = y;
    for (int l = 0; l < ch->nlabels; l++) {
        const char *lines[8];
        bool too_wide;
        int n = wrap(k, ch->labels[l], labw, lines, 8, &too_wide);
        float block = MAX(group, (float)n * k->line) + k->line * 0.5f;
        float ly = ybars + (block - (float)n * k->line) / 2 + k->line * 0.75f;
        for (int i = 0; i < n; i++) {
            float w = width_of(k, lines[i]);
            text_at(k, lines[i], x0 - gap - w, ly + (float)i * k->line - k->line * 0.25f, k->cs->color, 0);
        }
        float by = ybars + (block - group) / 2;
        float bx = x0;
        double sum = 0;
        for (int s = 0; s < ch->nseries; s++) {
            double v = value_at(ch, l, s);
            float w = (float)v * scale;
            if (stacked) {
                bar(k, s, bx, by, w, thick);
                bx += w;
                sum += v;
            } else {
                bar(k, s, x0, by + (float)s * thick, w, thick * 0.86f);
                if (ch->show_values && !isnan(ch->values[l * ch->nseries + s])) {
                    fmt_value(buf, sizeof buf, v, ch->unit);
                    text_at(k, buf, x0 + w + gap * 0.5f, by + (float)s * thick + thick * 0.43f + k->size * 0.35f,
                            k->cs->color, 0);
                }
            }
        }
        if (stacked && ch->show_values) {
            fmt_value(buf, sizeof buf, sum, ch->unit);
            text_at(k, buf, bx + gap * 0.5f, by + thick * 0.5f + k->size * 0.35f, k->cs->color, 0);
        }
        ybars += block;
    }
    float bottom = ybars;
    /* axis, ticks and gridlines */
    rgba grid = 0xC8C8C8FF, axiscol = 0x555555FF;
    for (double t = 0; t <= axis + step * 1e-6; t += step) {
        float gx = x0 + (float)t * scale;
        dl_vline(c, &k->dl, gx, top, bottom, t == 0 ? 0.8f : 0.4f, t == 0 ? axiscol : grid, BORDER_SOLID);
        fmt_value(buf, sizeof buf, t, NULL);
        float w = width_of(k, buf);
        text_at(k, buf, gx - w / 2, bottom + k->line * 0.9f, k->cs->color, 0);
    }
    if (ch->unit && *ch->unit) {
        float w = width_of(k, ch->unit);
        text_at(k, ch->unit, x1 - w, bottom + k->line * 1.9f, k->cs->color, 0);
        bottom += k->line;
    }
    /* gridlines were added after the bars: move them underneath */
    return legend(k, bottom + k->line * 1.2f);
}

static float vbar(chart *k, bool stacked)
{
    lctx *c = k->c;
    const doc_chart *ch = k->ch;
    double step, axis;
    chart_ticks(isnan(ch->max) ? data_max(ch, stacked) : ch->max, 5, &step, &axis);
    if (!isnan(ch->max))
        axis = MAX(axis, ch->max);
    char buf[64];
    float axw = 0;
    for (double t = 0; t <= axis + step * 1e-6; t += step) {
        fmt_value(buf, sizeof buf, t, NULL);
        axw = MAX(axw, width_of(k, buf));
    }
    float gap = k->size * 0.5f;
    float x0 = k->x + axw + gap, x1 = k->x + k->width;
    float plot_h = MIN(k->width * 0.45f, 230.0f);
    float top = k->line * (ch->show_values ? 1.2f : 0.5f);
    float base = top + plot_h;
    float slot = (x1 - x0) / (float)MAX(1, ch->nlabels);
    float group = slot * 0.7f;
    float thick = stacked ? group : group / (float)ch->nseries;
    float scale = (float)(plot_h / axis);
    rgba grid = 0xC8C8C8FF, axiscol = 0x555555FF;
    for (double t = 0; t <= axis + step * 1e-6; t += step) {
        float gy = base - (float)t * scale;
        dl_hline(c, &k->dl, x0, x1, gy, t == 0 ? 0.8f : 0.4f, t == 0 ? axiscol : grid, BORDER_SOLID);
        fmt_value(buf, sizeof buf, t, NULL);
        text_at(k, buf, x0 - gap - width_of(k, buf), gy + k->size * 0.35f, k->cs->color, 0);
    }
    /* labels: wrapped to the slot, or turned when a word does not fit */
    bool turn = false;
    int maxlines = 1;
    for (int l = 0; l < ch->nlabels; l++) {
        const char *lines[8];
        bool too_wide;
        int n = wrap(k, ch->labels[l], slot * 0.95f, lines, 8, &too_wide);
        if (too_wide || n > 3)
            turn = true;
        maxlines = MAX(maxlines, n);
    }
    float label_h = 0;
    for (int l = 0; l < ch->nlabels; l++) {
        float cx = x0 + slot * ((float)l + 0.5f);
        float bx = cx - group / 2, by = base;
        double sum = 0;
        for (int s = 0; s < ch->nseries; s++) {
            double v = value_at(ch, l, s);
            float h = (float)v * scale;
            if (stacked) {
                by -= h;
                bar(k, s, bx, by, thick, h);
                sum += v;
            } else {
                bar(k, s, bx + (float)s * thick, base - h, thick * 0.9f, h);
                if (ch->show_values && !isnan(ch->values[l * ch->nseries + s])) {
                    fmt_value(buf, sizeof buf, v, ch->unit);
                    float w = width_of(k, buf);
                    text_at(k, buf, bx + (float)s * thick + thick * 0.45f - w / 2, base - h - k->size * 0.35f,
                            k->cs->color, 0);
                }
            }
        }
        if (stacked && ch->show_values) {
            fmt_value(buf, sizeof buf, sum, ch->unit);
            text_at(k, buf, cx - width_of(k, buf) / 2, by - k->size * 0.35f, k->cs->color, 0);
        }
        if (turn) {
            float w = width_of(k, ch->labels[l]);
            float r = 0.7071f;
            text_at(k, ch->labels[l], cx - w * r + k->size * 0.3f, base + k->line * 0.6f + w * r, k->cs->color, 45);
            label_h = MAX(label_h, w * r + k->line);
        } else {
            const char *lines[8];
            bool too_wide;
            int n = wrap(k, ch->labels[l], slot * 0.95f, lines, 8, &too_wide);
            for (int i = 0; i < n; i++)
                text_at(k, lines[i], cx - width_of(k, lines[i]) / 2, base + k->line * (1.0f + (float)i), k->cs->color, 0);
            label_h = MAX(label_h, (float)n * k->line + k->line * 0.3f);
        }
    }
    float bottom = base + label_h;
    if (ch->unit && *ch->unit) {
        text_at(k, ch->unit, k->x, top - k->line * 0.4f, k->cs->color, 0);
    }
    return legend(k, bottom + k->line * 0.3f);
}

void chart_layout(lctx *c, const doc_node *n)
{
    const computed_style *cs = style_for(c, n);
    const doc_chart *ch = n->u.chart;
    block_state st;
    counters_apply(c, cs);
    block_open(c, cs, &st);
    c->avoid++;

    chart k = {.c = c, .ch = ch, .cs = cs, .x = c->x, .width = c->width};
    k.size = cs->font_size * 0.9f;
    k.line = k.size * 1.3f;
    dl_init(&k.dl);
    int s = 0;
    for (const doc_node *e = n->first; e; e = e->next) {
        if (e->kind != DOC_PARAGRAPH || !doc_has_class(e, "legend") || s >= 16)
            continue;
        const computed_style *es = style_for(c, e);
        k.series_style[s] = es;
        k.series_color[s] = RGBA_A(es->background) ? es->background : palette[s % COUNT_OF(palette)];
        s++;
    }
    for (; s < 16; s++)
        k.series_color[s] = palette[s % COUNT_OF(palette)];

    bool horizontal = ch->kind == CHART_HBAR || ch->kind == CHART_STACKED_HBAR;
    bool stacked = ch->kind == CHART_STACKED || ch->kind == CHART_STACKED_HBAR;
    float h = horizontal ? hbar(&k, stacked) : vbar(&k, stacked);
    /* gridlines and backgrounds under the bars: rectangles and lines that
     * are not bars come first */
    dl_item *items = k.dl.v.data;
    int nitems = (int)k.dl.v.len;
    dl_item *ordered = ARENA_ARRAY(c->a, dl_item, nitems ? nitems : 1);
    int o = 0;
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < nitems; i++) {
            int rank = items[i].kind == DL_LINE ? 0 : items[i].kind == DL_RECT ? 1 : 2;
            if (rank == pass)
                ordered[o++] = items[i];
        }
    galley_box(c, h, 0, ordered, o);
    galley_penalty(c, KP_INFINITY);
    for (const doc_node *e = n->first; e; e = e->next)
        if (e->kind == DOC_CAPTION)
            block_layout(c, e);
    c->avoid--;
    block_close(c, cs, &st);
}
