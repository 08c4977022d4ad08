/* Charts: bar, hbar, stacked and stacked-hbar, drawn as vector shapes.
 * The value axis runs from zero to a round number (or to :max: exactly),
 * gridlines sit at round steps, category labels wrap, turn or shrink
 * rather than overlap, and each series takes its colour from the style
 * sheet through its legend entry (p.legend.series-N: background-color
 * fills, border outlines). Text, axes and gridlines take the figure's
 * font and colour. A chart is one box, never split across pages: one
 * taller than the page is scaled down to fit it. */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SERIES 16
#define MAX_LABEL_LINES 4

/* Used when a style sheet gives a series no colour: dark to light, so the
 * series stay apart in greyscale. */
static const rgba palette[] = {0x1F4E79FF, 0xE08A3CFF, 0x8FB3D9FF, 0x5B6B2EFF, 0xC9C2A0FF, 0x7A2E4EFF};

/* Heckbert's nice numbers: 1, 2 or 5 times a power of ten, the nearest to
 * max / target, so the axis has about `target` intervals. */
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
    double s = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
    *step = s * mag;
    *axis_max = ceil(max / *step - 1e-9) * *step;
    if (*axis_max < max)
        *axis_max += *step;
}

/* A label's ascent and descent, in ems, for the space it takes turned. */
#define ASCENT 0.8f
#define DESCENT 0.25f

/* The display items one label became, [from, to). */
typedef struct {
    int from, to;
} label_span;

typedef struct {
    lctx *c;
    const doc_chart *ch;
    const computed_style *cs;
    rgba series_color[MAX_SERIES];
    const computed_style *series_style[MAX_SERIES];
    rgba axis, grid;  /* from the figure's colour */
    dl_list dl;
    float x, width;
    float size;       /* text size */
    float line;       /* text line height */
    srcpos at;
    vec labels;       /* label_span: each label's items */
} chart;

static rgba mix_white(rgba c, float share)
{
    unsigned r = (c >> 24) & 0xFF, g = (c >> 16) & 0xFF, b = (c >> 8) & 0xFF;
    r = (unsigned)((float)r * share + 255 * (1 - share));
    g = (unsigned)((float)g * share + 255 * (1 - share));
    b = (unsigned)((float)b * share + 255 * (1 - share));
    return (rgba)(r << 24 | g << 16 | b << 8 | 0xFF);
}

static float luminance(rgba c)
{
    return (0.2126f * (float)((c >> 24) & 0xFF) + 0.7152f * (float)((c >> 16) & 0xFF) +
            0.0722f * (float)((c >> 8) & 0xFF)) / 255.0f;
}

/* 1234.5 -> "1,234.5": whole numbers plainly, others to one decimal,
 * thousands grouped from 10,000 on, with the separators and digits of the
 * chart's number-format (its language's: "12 345,5" in Russian). */
static void fmt_number(chart *k, char *buf, size_t n, double v)
{
    char raw[64];
    if (fabs(v - round(v)) < 1e-9)
        snprintf(raw, sizeof raw, "%.0f", v);
    else
        snprintf(raw, sizeof raw, "%.1f", v);
    number_format nf;
    if (!k->cs->number_format || !number_format_parse(k->cs->number_format, &nf) || !nf.active)
        number_format_parse("1,234.5", &nf);
    nf.decimals = -1;
    size_t ints = strspn(raw + (raw[0] == '-'), "0123456789");
    if (ints < 5)
        nf.group[0] = 0;
    const char *s = number_format_apply(k->c->a, &nf, raw);
    snprintf(buf, n, "%s", s ? s : raw);
}

/* A value with its unit: "45.3%", "58 stations". */
static const char *fmt_value(chart *k, double v)
{
    char num[64];
    fmt_number(k, num, sizeof num, v);
    const char *unit = k->ch->unit;
    if (!unit || !*unit)
        return arena_strdup(k->c->a, num);
    if (strcmp(unit, "%") == 0)
        return arena_printf(k->c->a, "%s%%", num);
    return arena_printf(k->c->a, "%s\xC2\xA0%s", num, unit);
}

static float width_of(chart *k, const char *s, float size)
{
    return style_text_width(k->c, k->cs, size, s, strlen(s));
}

/* Text at (x, baseline y); the string must live in the arena. */
/* A number alone (digits of any script, separators, sign, %): set left to
 * right even when its digits are Arabic-Indic, whose script would
 * otherwise reverse them. */
static bool is_number_text(const char *s)
{
    size_t n = strlen(s);
    bool digits = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += (size_t)utf8_next(s + i, n - i, &cp);
        bool digit = (cp >= '0' && cp <= '9') || (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9);
        digits = digits || digit;
        if (!digit && !strchr(",.' -+%", (int)cp) && cp != 0xA0 && cp != 0x202F && cp != 0x66B && cp != 0x66C)
            return false;
    }
    return digits;
}

static void text_at(chart *k, const char *s, float x, float y, float size, rgba color, float angle)
{
    size_t before = k->dl.v.len;
    /* a figure stays left to right even in a right-to-left chart */
    if (is_number_text(s))
        text_emit_dir(k->c, &k->dl, k->cs->font, size, k->cs->kerning, style_features(k->c, k->cs), DIR_LTR, color, x,
                      y, s, strlen(s), k->at);
    else
        style_text_emit(k->c, &k->dl, k->cs, size, color, x, y, s, strlen(s), k->at);
    /* a turned label's runs (words of another face or direction) follow
     * its turned baseline: each is turned about its own start */
    float turn = angle * (float)M_PI / 180;
    for (size_t i = before; i < k->dl.v.len; i++) {
        dl_item *it = &VEC_AT(&k->dl.v, dl_item, i);
        float along = it->x - x;
        it->u.text.angle = angle;
        it->x = x + along * cosf(turn);
        it->y -= along * sinf(turn); /* y grows downwards */
    }
    /* a label may be several items (runs of other faces or directions):
     * a mirrored chart moves them together */
    *VEC_PUSH(k->c->a, &k->labels, label_span) = (label_span){(int)before, (int)k->dl.v.len};
}

/* Wraps `s` at spaces into lines no wider than `w`; a word wider than w
 * gets a line of its own and sets *too_wide. Returns the line count. */
static int wrap(chart *k, const char *s, float w, float size, const char **lines, int max, bool *too_wide)
{
    int n = 0;
    *too_wide = false;
    const char *p = s;
    while (*p == ' ')
        p++;
    while (*p) {
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        /* take words while the line fits */
        for (const char *q = end; *q;) {
            const char *e = q;
            while (*e == ' ')
                e++;
            const char *f = e;
            while (*f && *f != ' ')
                f++;
            if (f == e)
                break;
            char *cand = arena_strndup(k->c->a, p, (size_t)(f - p));
            if (width_of(k, cand, size) > w)
                break;
            end = f;
            q = f;
        }
        char *ln = arena_strndup(k->c->a, p, (size_t)(end - p));
        if (width_of(k, ln, size) > w)
            *too_wide = true;
        if (n == max) {
            /* the rest joins the last line rather than being lost */
            lines[n - 1] = arena_printf(k->c->a, "%s %s", lines[n - 1], p);
            *too_wide = true;
            return n;
        }
        lines[n++] = ln;
        p = end;
        while (*p == ' ')
            p++;
    }
    return n;
}

static double value_at(const doc_chart *ch, int label, int series)
{
    double v = ch->values[label * ch->nseries + series];
    return isnan(v) ? 0 : v;
}

static bool has_value(const doc_chart *ch, int label, int series)
{
    return !isnan(ch->values[label * ch->nseries + series]);
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

/* The value axis: round steps; with :max: the axis ends there exactly. */
static void value_axis(const doc_chart *ch, bool stacked, double *step, double *axis)
{
    double top = isnan(ch->max) ? data_max(ch, stacked) : ch->max;
    chart_ticks(top, 5, step, axis);
    if (!isnan(ch->max))
        *axis = ch->max;
}

static void bar(chart *k, int series, float x, float y, float w, float h)
{
    if (w <= 0 || h <= 0)
        return;
    const computed_style *ss = k->series_style[series % MAX_SERIES];
    bool outline = ss && ss->border[SIDE_TOP].style != BORDER_NONE && ss->border[SIDE_TOP].width > 0;
    dl_rect(k->c, &k->dl, x, y, w, h, k->series_color[series % MAX_SERIES], outline ? ss->border[SIDE_TOP].color : 0,
            outline ? ss->border[SIDE_TOP].width : 0);
}

/* A stacked segment's value, inside it when it fits, in a colour that
 * reads on the segment's fill. */
static void segment_value(chart *k, int series, double v, float x, float y, float w, float h, bool vertical)
{
    const char *s = fmt_value(k, v);
    float tw = width_of(k, s, k->size * 0.9f);
    if ((vertical ? w : h) < k->size * 1.1f || (vertical ? h : w) < (vertical ? k->size * 1.2f : tw + 4) ||
        (vertical && tw + 2 > w))
        return;
    rgba fill = k->series_color[series % MAX_SERIES];
    rgba col = luminance(fill) < 0.55f ? 0xFFFFFFFF : 0x1B1B1BFF;
    text_at(k, s, x + (w - tw) / 2, y + h / 2 + k->size * 0.32f, k->size * 0.9f, col, 0);
}

/* A value printed by its bar, on a patch of the paper's colour so that
 * no gridline runs through it. */
static void value_text(chart *k, const char *s, float x, float y, float angle)
{
    float w = width_of(k, s, k->size), a = k->size * ASCENT, d = k->size * DESCENT, pad = k->size * 0.15f;
    rgba paper = RGBA_A(k->cs->background) == 0xFF ? k->cs->background : 0xFFFFFFFFu;
    if (angle == 90)
        dl_rect(k->c, &k->dl, x - a - pad, y - w - pad, a + d + 2 * pad, w + 2 * pad, paper, 0, 0);
    else
        dl_rect(k->c, &k->dl, x - pad, y - a - pad, w + 2 * pad, a + d + 2 * pad, paper, 0, 0);
    text_at(k, s, x, y, k->size, k->cs->color, angle);
}

/* The legend under the chart: what each series (each value column of
 * the data) measures, named by its header. */
static float legend(chart *k, float y)
{
    const doc_chart *ch = k->ch;
    if (ch->nseries < 1 || (ch->nseries == 1 && !*ch->series[0]))
        return y;
    if (ch->nseries == 1) {
        /* one series: its name says what the values are, without a key */
        float w = width_of(k, ch->series[0], k->size);
        text_at(k, ch->series[0], k->x + (k->width - w) / 2, y + k->line * 0.9f, k->size, k->cs->color, 0);
        return y + k->line * 1.2f;
    }
    float sw = k->size * 0.9f;
    y += k->line * 0.4f;
    /* entries centred on their rows */
    int first = 0;
    while (first < ch->nseries) {
        float total = 0;
        int last = first;
        for (; last < ch->nseries; last++) {
            float w = sw + 4 + width_of(k, ch->series[last], k->size) + (last > first ? 14 : 0);
            if (total + w > k->width && last > first)
                break;
            total += w;
        }
        float x = k->x + (k->width - total) / 2;
        for (int s = first; s < last; s++) {
            if (s > first)
                x += 14;
            bar(k, s, x, y + (k->line - sw) / 2, sw, sw);
            text_at(k, ch->series[s], x + sw + 4, y + k->line * 0.5f + k->size * 0.35f, k->size, k->cs->color, 0);
            x += sw + 4 + width_of(k, ch->series[s], k->size);
        }
        y += k->line;
        first = last;
    }
    return y;
}

/* Gridline labels along the value axis, at the steps and at a :max: that
 * is not a step; a step too close to the end gives way to it. */
typedef struct {
    double v;
    bool labelled;
} tick;

static int ticks(chart *k, double step, double axis, float length, tick *out, int max)
{
    int n = 0;
    for (double t = 0; t <= axis + step * 1e-6 && n < max - 1; t += step)
        out[n++] = (tick){t, true};
    if (n && fabs(out[n - 1].v - axis) > step * 1e-6) {
        out[n++] = (tick){axis, true};
        /* labels need a little room between them */
        float gap = (float)((axis - out[n - 2].v) / axis) * length;
        if (gap < width_of(k, fmt_value(k, axis), k->size) + 2 * k->size)
            out[n - 2].labelled = false;
    }
    return n;
}

static float hbar(chart *k, bool stacked)
{
    lctx *c = k->c;
    const doc_chart *ch = k->ch;
    double step, axis;
    value_axis(ch, stacked, &step, &axis);
    /* the label column: as wide as the labels, at most 38% of the chart,
     * wider for a single word that needs it, up to half */
    float labw = 0, longest_word = 0;
    for (int l = 0; l < ch->nlabels; l++) {
        labw = MAX(labw, width_of(k, ch->labels[l], k->size));
        for (const char *p = ch->labels[l]; *p;) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            longest_word = MAX(longest_word, width_of(k, arena_strndup(c->a, p, n), k->size));
            p += n + (e ? 1 : 0);
        }
    }
    labw = MIN(labw, MAX(k->width * 0.38f, MIN(longest_word, k->width * 0.5f)));
    float valw = 0;
    if (ch->show_values)
        for (int l = 0; l < ch->nlabels; l++) {
            double sum = 0;
            for (int s = 0; s < ch->nseries; s++) {
                sum += value_at(ch, l, s);
                if (!stacked)
                    valw = MAX(valw, width_of(k, fmt_value(k, value_at(ch, l, s)), k->size));
            }
            if (stacked)
                valw = MAX(valw, width_of(k, fmt_value(k, sum), k->size));
        }
    float gap = k->size * 0.6f;
    float x0 = k->x + labw + gap;
    float endw = width_of(k, fmt_value(k, axis), k->size) / 2; /* the last axis label's overhang */
    float x1 = k->x + k->width - MAX(valw > 0 ? valw + gap : 0, endw);
    float scale = (float)((x1 - x0) / axis);
    float thick = k->line * 1.05f;
    float group = stacked ? thick : thick * (float)ch->nseries;
    float top = k->line * 0.2f;
    if (ch->label_title && *ch->label_title) {
        /* what the categories are, over their column */
        float tw = width_of(k, ch->label_title, k->size);
        text_at(k, ch->label_title, x0 - gap - MIN(tw, labw), top + k->line * 0.8f, k->size, k->cs->color, 0);
        top += k->line * 1.2f;
    }
    float y = top;
    for (int l = 0; l < ch->nlabels; l++) {
        const char *lines[MAX_LABEL_LINES];
        bool too_wide;
        float size = k->size;
        int n = wrap(k, ch->labels[l], labw, size, lines, MAX_LABEL_LINES, &too_wide);
        if (too_wide) {
            /* a word longer than the label column: this label gets smaller */
            float widest = 0;
            for (int i = 0; i < n; i++)
                widest = MAX(widest, width_of(k, lines[i], size));
            size *= MAX(0.5f, labw / widest);
        }
        float lh = size * 1.3f;
        float block = MAX(group, (float)n * lh) + k->line * 0.45f;
        float ly = y + (block - (float)n * lh) / 2;
        for (int i = 0; i < n; i++) {
            float w = width_of(k, lines[i], size);
            text_at(k, lines[i], x0 - gap - MIN(w, labw), ly + (float)i * lh + lh * 0.5f + size * 0.35f, size,
                    k->cs->color, 0);
        }
        float by = y + (block - group) / 2;
        float bx = x0;
        double sum = 0;
        for (int s = 0; s < ch->nseries; s++) {
            double v = value_at(ch, l, s);
            float w = (float)v * scale;
            if (stacked) {
                bar(k, s, bx, by, w, thick * 0.86f);
                if (ch->show_values && ch->nseries > 1 && has_value(ch, l, s))
                    segment_value(k, s, v, bx, by, w, thick * 0.86f, false);
                bx += w;
                sum += v;
            } else {
                float bt = by + (float)s * thick;
                bar(k, s, x0, bt, w, thick * 0.86f);
                if (ch->show_values && has_value(ch, l, s))
                    value_text(k, fmt_value(k, v), x0 + w + gap * 0.5f, bt + thick * 0.43f + k->size * 0.35f, 0);
            }
        }
        if (stacked && ch->show_values)
            value_text(k, fmt_value(k, sum), bx + gap * 0.5f, by + thick * 0.43f + k->size * 0.35f, 0);
        y += block;
    }
    float bottom = y;
    /* gridlines at the steps, the axis at zero */
    tick tk[64];
    int nt = ticks(k, step, axis, x1 - x0, tk, 64);
    for (int i = 0; i < nt; i++) {
        float gx = x0 + (float)tk[i].v * scale;
        bool zero = tk[i].v == 0;
        dl_vline(c, &k->dl, gx, top, bottom + 2, zero ? 0.8f : 0.5f, zero ? k->axis : k->grid, BORDER_SOLID);
        if (!tk[i].labelled)
            continue;
        char buf[64];
        fmt_number(k, buf, sizeof buf, tk[i].v);
        const char *s = arena_strdup(c->a, buf);
        text_at(k, s, gx - width_of(k, s, k->size) / 2, bottom + 2 + k->line * 0.85f, k->size, k->cs->color, 0);
    }
    bottom += 2 + k->line;
    if (ch->unit && *ch->unit) {
        const char *u = arena_strdup(c->a, ch->unit);
        text_at(k, u, x1 - width_of(k, u, k->size), bottom + k->line * 0.85f, k->size, k->cs->color, 0);
        bottom += k->line;
    }
    return legend(k, bottom + k->line * 0.3f);
}

static float vbar(chart *k, bool stacked)
{
    lctx *c = k->c;
    const doc_chart *ch = k->ch;
    double step, axis;
    value_axis(ch, stacked, &step, &axis);
    float plot_h = MIN(k->width * 0.45f, 220.0f);
    tick tk[64];
    int nt = ticks(k, step, axis, plot_h, tk, 64);
    float axw = 0;
    char buf[64];
    for (int i = 0; i < nt; i++) {
        fmt_number(k, buf, sizeof buf, tk[i].v);
        axw = MAX(axw, width_of(k, buf, k->size));
    }
    float gap = k->size * 0.5f;
    float x0 = k->x + axw + gap, x1 = k->x + k->width;
    float slot = (x1 - x0) / (float)MAX(1, ch->nlabels);
    float group = slot * 0.72f;
    float thick = stacked ? group : group / (float)ch->nseries;

    /* category labels: wrapped to their slot; turned 45 degrees when a
     * word does not fit or they run long; upright (90) when even that
     * would make neighbours touch; smaller when nothing else helps */
    float size = k->size;
    int mode = 0; /* 0 wrapped, 1 at 45, 2 at 90 */
    float longest = 0;
    for (int l = 0; l < ch->nlabels; l++) {
        const char *lines[MAX_LABEL_LINES];
        bool too_wide;
        int n = wrap(k, ch->labels[l], slot * 0.94f, size, lines, MAX_LABEL_LINES, &too_wide);
        if (too_wide || n > 3)
            mode = 1;
        longest = MAX(longest, width_of(k, ch->labels[l], size));
    }
    if (mode == 1 && size * 1.2f > slot * 0.7071f)
        mode = 2;
    if (mode == 2 && size * 1.2f > slot)
        size = MAX(k->size * 0.5f, slot / 1.2f);
    longest = 0;
    for (int l = 0; l < ch->nlabels; l++)
        longest = MAX(longest, width_of(k, ch->labels[l], size));
    /* turned labels may not run down past a page: they shrink */
    if (mode && longest > plot_h * 0.8f) {
        size *= plot_h * 0.8f / longest;
        longest = plot_h * 0.8f;
    }
    if (mode == 1) {
        /* the first label runs down and to the left of its slot */
        float need = longest * 0.7071f - slot / 2;
        if (need > x0 - k->x) {
            x0 = k->x + need;
            slot = (x1 - x0) / (float)MAX(1, ch->nlabels);
            group = slot * 0.72f;
            thick = stacked ? group : group / (float)ch->nseries;
        }
    }
    /* value labels wider than their bar stand upright */
    bool turn_values = false;
    if (ch->show_values && !stacked)
        for (int l = 0; l < ch->nlabels; l++)
            for (int s = 0; s < ch->nseries; s++)
                if (width_of(k, fmt_value(k, value_at(ch, l, s)), k->size) > thick * 0.98f)
                    turn_values = true;
    float valh = 0;
    if (ch->show_values) {
        valh = k->line;
        if (turn_values)
            for (int l = 0; l < ch->nlabels; l++)
                for (int s = 0; s < ch->nseries; s++)
                    valh = MAX(valh, width_of(k, fmt_value(k, value_at(ch, l, s)), k->size) + k->size * 0.5f);
    }
    float top = MAX(valh, k->line * 0.6f) + ((ch->unit && *ch->unit) ? k->line : 0);
    float base = top + plot_h;
    float scale = (float)(plot_h / axis);
    for (int i = 0; i < nt; i++) {
        float gy = base - (float)tk[i].v * scale;
        bool zero = tk[i].v == 0;
        dl_hline(c, &k->dl, x0 - 2, x1, gy, zero ? 0.8f : 0.5f, zero ? k->axis : k->grid, BORDER_SOLID);
        if (!tk[i].labelled)
            continue;
        fmt_number(k, buf, sizeof buf, tk[i].v);
        const char *s = arena_strdup(c->a, buf);
        text_at(k, s, x0 - gap - width_of(k, s, k->size), gy + k->size * 0.35f, k->size, k->cs->color, 0);
    }
    if (ch->unit && *ch->unit) {
        const char *u = arena_strdup(c->a, ch->unit);
        text_at(k, u, k->x, k->line * 0.8f, k->size, k->cs->color, 0); /* above the plot */
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
                if (ch->show_values && ch->nseries > 1 && has_value(ch, l, s))
                    segment_value(k, s, v, bx, by, thick, h, true);
                sum += v;
            } else {
                float sx = bx + (float)s * thick;
                bar(k, s, sx + thick * 0.05f, base - h, thick * 0.9f, h);
                if (ch->show_values && has_value(ch, l, s)) {
                    const char *vs = fmt_value(k, v);
                    float w = width_of(k, vs, k->size);
                    if (turn_values)
                        value_text(k, vs, sx + thick * 0.5f + k->size * 0.35f, base - h - k->size * 0.4f, 90);
                    else
                        value_text(k, vs, sx + thick * 0.5f - w / 2, base - h - k->size * 0.4f, 0);
                }
            }
        }
        if (stacked && ch->show_values) {
            const char *vs = fmt_value(k, sum);
            value_text(k, vs, cx - width_of(k, vs, k->size) / 2, by - k->size * 0.4f, 0);
        }
        float lw = width_of(k, ch->labels[l], size);
        if (mode == 1) {
            /* ends under the slot's centre, running down to the left */
            float r = 0.7071f;
            text_at(k, ch->labels[l], cx - lw * r + size * 0.25f, base + size * 0.9f + lw * r, size, k->cs->color, 45);
            label_h = MAX(label_h, lw * r + size * 1.4f);
        } else if (mode == 2) {
            text_at(k, ch->labels[l], cx + size * 0.35f, base + size * 0.5f + lw, size, k->cs->color, 90);
            label_h = MAX(label_h, lw + size);
        } else {
            const char *lines[MAX_LABEL_LINES];
            bool too_wide;
            int n = wrap(k, ch->labels[l], slot * 0.94f, size, lines, MAX_LABEL_LINES, &too_wide);
            for (int i = 0; i < n; i++)
                text_at(k, lines[i], cx - width_of(k, lines[i], size) / 2, base + k->line * (1.0f + (float)i), size,
                        k->cs->color, 0);
            label_h = MAX(label_h, (float)n * k->line + k->line * 0.4f);
        }
    }
    if (ch->label_title && *ch->label_title) {
        /* what the categories are, under them */
        float tw = width_of(k, ch->label_title, k->size);
        text_at(k, ch->label_title, x0 + (x1 - x0 - tw) / 2, base + label_h + k->line * 0.9f, k->size, k->cs->color, 0);
        label_h += k->line * 1.2f;
    }
    return legend(k, base + label_h + k->line * 0.2f);
}

/* Scales the drawing about the chart's top-left corner and centres it. */
static void scale_drawing(chart *k, float f)
{
    float shift = k->width * (1 - f) / 2;
    for (size_t i = 0; i < k->dl.v.len; i++) {
        dl_item *it = &VEC_AT(&k->dl.v, dl_item, i);
        it->x = k->x + shift + (it->x - k->x) * f;
        it->y *= f;
        it->w *= f;
        it->h *= f;
        if (it->kind == DL_TEXT) {
            it->u.text.size *= f;
            /* the glyphs' positions scale with the size */
            dl_glyph *g = ARENA_ARRAY(k->c->a, dl_glyph, it->u.text.nglyphs ? it->u.text.nglyphs : 1);
            for (int j = 0; j < it->u.text.nglyphs; j++) {
                g[j] = it->u.text.glyphs[j];
                g[j].advance *= f;
                g[j].dx *= f;
                g[j].dy *= f;
            }
            it->u.text.glyphs = g;
        } else if (it->kind == DL_LINE) {
            it->u.line.x2 = k->x + shift + (it->u.line.x2 - k->x) * f;
            it->u.line.y2 *= f;
        } else if (it->kind == DL_RECT) {
            it->u.rect.line_width *= f;
        }
    }
}

static float text_width(const dl_item *it)
{
    float w = 0;
    for (int j = 0; j < it->u.text.nglyphs; j++)
        w += it->u.text.glyphs[j].advance;
    return w;
}

/* A label's items moved as one, its runs keeping their order: level text
 * takes the place its mirror image would, text turned 90 degrees too (it
 * reaches from its ascent left of x to its descent right of it), and a
 * slanting category label keeps its upper end under its slot. */
static void mirror_label(chart *k, float sum, label_span span)
{
    dl_item *items = k->dl.v.data;
    float left = 0, right = 0;
    for (int i = span.from; i < span.to; i++) {
        float angle = items[i].u.text.angle * (float)M_PI / 180;
        float l = items[i].x, r = items[i].x + text_width(&items[i]) * cosf(angle);
        left = i > span.from ? MIN(left, l) : l;
        right = i > span.from ? MAX(right, r) : r;
    }
    for (int i = span.from; i < span.to; i++) {
        dl_item *it = &items[i];
        if (it->u.text.angle == 0)
            it->x += (sum - right) - left;
        else if (it->u.text.angle == 90)
            it->x = sum - it->x + (ASCENT - DESCENT) * it->u.text.size;
        else
            it->x += sum - 2 * right;
    }
}

/* A right-to-left chart is the left-to-right drawing mirrored: the first
 * category at the right, the value axis at the right of a column chart,
 * bars growing leftwards from labels at the right, the legend from the
 * right. Labels are moved, not mirrored: each keeps its reading. A chart
 * draws rectangles, lines and labels (every text item is part of one). */
static void mirror_drawing(chart *k)
{
    float sum = 2 * k->x + k->width; /* left + right */
    for (size_t g = 0; g < k->labels.len; g++)
        mirror_label(k, sum, VEC_AT(&k->labels, label_span, g));
    for (size_t i = 0; i < k->dl.v.len; i++) {
        dl_item *it = &VEC_AT(&k->dl.v, dl_item, i);
        if (it->kind == DL_TEXT)
            continue;
        if (it->kind == DL_LINE) {
            it->x = sum - it->x;
            it->u.line.x2 = sum - it->u.line.x2;
        } else {
            it->x = sum - it->x - it->w;
        }
    }
}

void chart_layout(lctx *c, const doc_node *n)
{
    const computed_style *cs = style_for(c, n);
    const doc_chart *ch = n->u.chart;
    block_state st;
    counters_apply(c, cs);
    block_open(c, cs, &st);
    c->avoid++;

    chart k = {.c = c, .ch = ch, .cs = cs, .x = c->x, .width = c->width, .at = n->pos};
    k.size = cs->font_size;
    k.line = k.size * 1.3f;
    k.axis = cs->color;
    k.grid = mix_white(cs->color, 0.3f);
    dl_init(&k.dl);
    vec_init(&k.labels, sizeof(label_span));
    int s = 0;
    for (const doc_node *e = n->first; e; e = e->next) {
        if (e->kind != DOC_PARAGRAPH || !doc_has_class(e, "legend") || s >= MAX_SERIES)
            continue;
        const computed_style *es = style_for(c, e);
        k.series_style[s] = es;
        k.series_color[s] = RGBA_A(es->background) ? es->background : palette[s % COUNT_OF(palette)];
        s++;
    }
    for (; s < MAX_SERIES; s++)
        k.series_color[s] = palette[s % COUNT_OF(palette)];

    bool horizontal = ch->kind == CHART_HBAR || ch->kind == CHART_STACKED_HBAR;
    bool stacked = ch->kind == CHART_STACKED || ch->kind == CHART_STACKED_HBAR;
    float h = horizontal ? hbar(&k, stacked) : vbar(&k, stacked);
    /* a chart stays on one page with its caption */
    float room = c->body_height * 0.85f;
    if (h > room) {
        scale_drawing(&k, room / h);
        h = room;
    }
    if (cs->direction == DIR_RTL)
        mirror_drawing(&k);
    /* gridlines under the bars, text over them */
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
