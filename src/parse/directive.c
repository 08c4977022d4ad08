/* Directives (MyST's convention): a fenced block whose info string is
 * {name}. Option lines `:key: value` open the body. {table} and {chart}
 * read CSV; any other name is a container whose body is Markdown. */
#include "parse_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *trim(arena *a, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(a, s, n);
}

static void read_options(source *src, directive *dv, const char *body, size_t len)
{
    option **tail = &dv->options;
    size_t i = 0;
    int line = 0;
    while (i < len && body[i] == ':') {
        const char *nl = memchr(body + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (body + i)) : len - i;
        const char *close = memchr(body + i + 1, ':', n - 1 > 0 ? n - 1 : 0);
        if (!close || close == body + i + 1)
            break;
        option *o = ARENA_NEW(src->a, option);
        o->key = trim(src->a, body + i + 1, (size_t)(close - (body + i + 1)));
        o->value = trim(src->a, close + 1, (size_t)((body + i + n) - (close + 1)));
        o->line = line;
        *tail = o;
        tail = &o->next;
        i += n + (nl ? 1 : 0);
        line++;
    }
    dv->body = body + i;
    dv->body_len = len - i;
    dv->body_line = line;
}

static srcpos option_pos(const directive *dv, const option *o)
{
    return srcpos_make(dv->at.file, dv->at.line + 1 + o->line, dv->at.col);
}

static const char *opt_get(directive *dv, const char *key)
{
    for (option *o = dv->options; o; o = o->next) {
        if (strcmp(o->key, key) == 0) {
            o->used = true;
            return o->value;
        }
    }
    return NULL;
}

static option *opt_find(directive *dv, const char *key)
{
    for (option *o = dv->options; o; o = o->next)
        if (strcmp(o->key, key) == 0)
            return o;
    return NULL;
}

static void warn_unused_options(source *src, directive *dv)
{
    for (option *o = dv->options; o; o = o->next)
        if (!o->used)
            WARN(src->d, option_pos(dv, o), "unknown option ':%s:' for the {%s} directive; ignored", o->key, dv->name);
}

/* A nested source for text that sits inside this one, so positions in it
 * point at the right line of the file. */
static source nested_source(const source *src, const char *text, size_t len, int first_line, int col_offset)
{
    source sub = *src;
    sub.text = text;
    sub.len = len;
    sub.line_offset = first_line - 1;
    sub.col_offset = col_offset;
    sub.line_starts = NULL;
    source_index_lines(&sub);
    return sub;
}

const char *directive_option(directive *dv, const char *key)
{
    return opt_get(dv, key);
}

srcpos directive_option_pos(directive *dv, const char *key)
{
    option *o = opt_find(dv, key);
    return o ? option_pos(dv, o) : dv->at;
}

void directive_warn_unused(source *src, directive *dv)
{
    warn_unused_options(src, dv);
}

source directive_body_source(const source *src, const directive *dv)
{
    return nested_source(src, dv->body, dv->body_len, dv->at.line + 1 + dv->body_line, dv->at.col - 1);
}

/* Inline Markdown (captions, CSV cells) into `parent`. Text without any
 * character Markdown treats specially skips cmark: a 20,000-row table
 * would otherwise pay for 100,000 parser runs. */
static void inline_markdown(source *src, doc_node *parent, const char *text, srcpos at)
{
    size_t len = strlen(text);
    bool plain = strpbrk(text, "*_`[]<>!\\~&:#|$\n") == NULL && !mem_find(text, len, "www.", 4);
    /* a leading "1." or "-" would read as a list item */
    if (plain && len && (isdigit((unsigned char)text[0]) || text[0] == '-' || text[0] == '+' || text[0] == '=')) {
        size_t k = 0;
        while (k < len && isdigit((unsigned char)text[k]))
            k++;
        if ((k > 0 && k < len && (text[k] == '.' || text[k] == ')')) || (k == 0 && len > 0))
            plain = false;
    }
    if (plain) {
        if (!len)
            return;
        doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, at);
        t->text = arena_strndup(src->a, text, len);
        t->len = len;
        doc_append(parent, t);
        return;
    }
    doc_node *holder = doc_new(src->a, src->doc, DOC_CONTAINER, at);
    source sub = nested_source(src, text, len, at.line, at.col > 0 ? at.col - 1 : 0);
    markdown_parse_into(&sub, holder, text, len);
    if (holder->nchildren == 1 && holder->first->kind == DOC_PARAGRAPH) {
        doc_node *para = holder->first;
        while (para->first) {
            doc_node *c = para->first;
            doc_remove(c);
            doc_append(parent, c);
        }
    } else if (holder->nchildren > 0) {
        /* block syntax ("1. ...", "# ...") in a cell is meant as text */
        doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, at);
        t->text = arena_strndup(src->a, text, len);
        t->len = len;
        doc_append(parent, t);
    }
}

static doc_node *make_caption(source *src, doc_node *parent, const char *text, srcpos at)
{
    doc_node *cap = doc_new(src->a, src->doc, DOC_CAPTION, at);
    doc_append(parent, cap);
    inline_markdown(src, cap, text, at);
    return cap;
}

/* Reads the CSV of {table} and {chart}: the :file: option or the body. */
static csv_table *directive_csv(source *src, directive *dv, const char **csv_file)
{
    const char *file = opt_get(dv, "file");
    if (file) {
        option *o = opt_find(dv, "file");
        srcpos at = option_pos(dv, o);
        char *path = path_join(src->a, src->dir, file);
        bool allowed = path_is_inside(path, src->dir);
        for (int i = 0; !allowed && src->opt && i < src->opt->nallow_paths; i++)
            allowed = path_is_inside(path, src->opt->allow_paths[i]);
        bool io_error = false;
        size_t len = 0;
        FILE *probe = fopen(path, "rb");
        if (!probe) {
            ERROR(src->d, at, "cannot read data file '%s'", file);
            return NULL;
        }
        fclose(probe);
        if (!allowed) {
            ERROR(src->d, at, "data file '%s' is outside the source's folder; allow it with --allow-path", file);
            return NULL;
        }
        char *text = input_read(src->a, src->d, path, src->opt, &len, &io_error);
        if (!text)
            return NULL;
        doc_add_input(src->a, src->doc, path);
        *csv_file = path;
        csv_table *t = csv_read(src->a, src->d, path, 1, text, len);
        if (t && t->nrows == 0)
            ERROR(src->d, at, "data file '%s' holds no rows", file);
        return t;
    }
    *csv_file = NULL;
    return csv_read(src->a, src->d, dv->at.file, dv->at.line + 1 + dv->body_line, dv->body, dv->body_len);
}

static doc_align parse_align(const char *s)
{
    if (str_ieq(s, "l") || str_ieq(s, "left"))
        return ALIGN_LEFT;
    if (str_ieq(s, "c") || str_ieq(s, "center") || str_ieq(s, "centre"))
        return ALIGN_CENTER;
    if (str_ieq(s, "r") || str_ieq(s, "right"))
        return ALIGN_RIGHT;
    return ALIGN_NONE;
}

/* Splits a space- or comma-separated option value. */
static int split_words(arena *a, const char *s, const char ***out)
{
    vec v;
    vec_init(&v, sizeof(char *));
    while (*s) {
        while (*s == ' ' || *s == ',' || *s == '\t')
            s++;
        const char *e = s;
        while (*e && *e != ' ' && *e != ',' && *e != '\t')
            e++;
        if (e > s)
            *VEC_PUSH(a, &v, const char *) = arena_strndup(a, s, (size_t)(e - s));
        s = e;
    }
    *out = v.data;
    return (int)v.len;
}

/* A width: a plain number is a relative weight, a length is fixed. */
static bool parse_width(const char *s, double *v, bool *fixed)
{
    char *end;
    double x = strtod(s, &end);
    if (end == s || !(x > 0) || !isfinite(x))
        return false;
    static const struct { const char *unit; double pt; } units[] = {
        {"", 1}, {"pt", 1}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}, {"px", 0.75}, {"%", 1},
    };
    for (size_t i = 0; i < COUNT_OF(units); i++) {
        if (strcmp(end, units[i].unit) == 0) {
            *fixed = units[i].unit[0] && strcmp(units[i].unit, "%") != 0;
            *v = x * units[i].pt;
            return true;
        }
    }
    return false;
}

/* One template, or `auto`: the separators (and digits) of the cell's
 * `number-format`, applied after styling. */
static bool column_format(const char *word, number_format *f, bool *is_auto)
{
    *is_auto = strcmp(word, "auto") == 0;
    if (*is_auto) {
        memset(f, 0, sizeof *f); /* nothing now */
        return true;
    }
    return number_format_parse(word, f);
}

/* :number-format: one template for every column, or one per column ("-"
 * leaves a column as written, `auto` takes the language's separators).
 * NULL, with a warning, when it cannot be read. */
static number_format *number_formats(source *src, directive *dv, const char *value, int ncols, bool *autos)
{
    srcpos at = option_pos(dv, opt_find(dv, "number-format"));
    number_format *f = ARENA_ARRAY(src->a, number_format, ncols);
    number_format one;
    bool one_auto;
    if (column_format(value, &one, &one_auto)) {
        for (int i = 0; i < ncols; i++) {
            f[i] = one;
            autos[i] = one_auto;
        }
        return f;
    }
    /* templates hold commas: only spaces separate them */
    vec v;
    vec_init(&v, sizeof(char *));
    const char *word;
    size_t wlen;
    for (const char *p = value; str_next_word(&p, &word, &wlen);)
        *VEC_PUSH(src->a, &v, const char *) = arena_strndup(src->a, word, wlen);
    const char **words = v.data;
    int n = (int)v.len;
    if (n != ncols) {
        WARN(src->d, at, "':number-format:' takes one template such as 1,234.5 (or one per column, - for as written), not '%s'; numbers are left as written",
             value);
        return NULL;
    }
    for (int i = 0; i < ncols; i++) {
        if (!column_format(words[i], &f[i], &autos[i])) {
            WARN(src->d, at, "':number-format:' template '%s' is not a number written as 1234 with separators (1,234.5, 1.234,5, 1_234); numbers are left as written",
                 words[i]);
            return NULL;
        }
    }
    return f;
}

/* :lang: of a directive: the language of its content (hyphenation,
 * generated words, quotation marks); :dir: its direction (ltr, rtl) */
static void apply_lang(source *src, directive *dv, doc_node *node)
{
    const char *dir = opt_get(dv, "dir");
    if (dir && !(node->dir = doc_dir_value(dir, strlen(dir))))
        WARN(src->d, option_pos(dv, opt_find(dv, "dir")), "':dir:' takes ltr or rtl, not '%s'; ignored", dir);
    const char *lang = opt_get(dv, "lang");
    if (!lang)
        return;
    if (doc_lang_valid(lang))
        node->lang = lang;
    else
        WARN(src->d, option_pos(dv, opt_find(dv, "lang")),
             "':lang:' takes a language tag such as kk, ru or de-CH, not '%s'; ignored", lang);
}

int directive_header_rows(source *src, directive *dv, int nrows, int fallback)
{
    const char *hr = opt_get(dv, "header-rows");
    if (!hr)
        return fallback;
    char *end;
    long v = strtol(hr, &end, 10);
    if (*end || v < 0 || v > nrows) {
        WARN(src->d, option_pos(dv, opt_find(dv, "header-rows")), "':header-rows:' must be a number from 0 to %d", nrows);
        return fallback;
    }
    return (int)v;
}

void directive_classes(source *src, directive *dv, doc_node *n)
{
    const char *cls = opt_get(dv, "class");
    if (!cls)
        return;
    const char **words;
    int k = split_words(src->a, cls, &words);
    for (int i = 0; i < k; i++)
        doc_add_class(src->a, n, words[i]);
}

/* {csv-table}'s :header: ("Name, Age"): a first row before the data. */
static csv_table *with_header(source *src, directive *dv, csv_table *t)
{
    const char *header = opt_get(dv, "header");
    if (!header || !t)
        return t;
    option *o = opt_find(dv, "header");
    csv_table *h = csv_read(src->a, src->d, dv->at.file, option_pos(dv, o).line, header, strlen(header));
    if (!h || h->nrows == 0)
        return t;
    csv_table *m = ARENA_NEW(src->a, csv_table);
    m->nrows = h->nrows + t->nrows;
    m->ncols = MAX(h->ncols, t->ncols);
    m->cells = ARENA_ARRAY(src->a, char **, m->nrows);
    m->row_ncols = ARENA_ARRAY(src->a, int, m->nrows);
    m->row_line = ARENA_ARRAY(src->a, int, m->nrows);
    for (int r = 0; r < m->nrows; r++) {
        const csv_table *from = r < h->nrows ? h : t;
        int k = r < h->nrows ? r : r - h->nrows;
        m->cells[r] = ARENA_ARRAY(src->a, char *, m->ncols);
        for (int c = 0; c < from->ncols; c++)
            m->cells[r][c] = from->cells[k][c];
        m->row_ncols[r] = from->row_ncols[k];
        m->row_line[r] = from->row_line[k];
    }
    return m;
}

void directive_table_options(source *src, directive *dv, doc_node *table)
{
    int ncols = table->u.table.ncols;
    const char *al = opt_get(dv, "align");
    if (al) {
        const char **words;
        int n = split_words(src->a, al, &words);
        if (n != ncols)
            WARN(src->d, option_pos(dv, opt_find(dv, "align")), "':align:' gives %d column%s for a table of %d", n,
                 n == 1 ? "" : "s", ncols);
        for (int i = 0; i < n && i < ncols; i++) {
            table->u.table.align[i] = parse_align(words[i]);
            if (table->u.table.align[i] == ALIGN_NONE)
                WARN(src->d, option_pos(dv, opt_find(dv, "align")), "':align:' takes l, c or r, not '%s'", words[i]);
        }
    }
    const char *wd = opt_get(dv, "widths");
    if (wd) {
        const char **words;
        int n = split_words(src->a, wd, &words);
        if (n != ncols) {
            WARN(src->d, option_pos(dv, opt_find(dv, "widths")), "':widths:' gives %d value%s for a table of %d columns; ignored",
                 n, n == 1 ? "" : "s", ncols);
        } else {
            table->u.table.widths = ARENA_ARRAY(src->a, double, ncols);
            table->u.table.width_fixed = ARENA_ARRAY(src->a, bool, ncols);
            for (int i = 0; i < ncols; i++) {
                if (!parse_width(words[i], &table->u.table.widths[i], &table->u.table.width_fixed[i])) {
                    WARN(src->d, option_pos(dv, opt_find(dv, "widths")), "':widths:' value '%s' is neither a number nor a length; widths ignored", words[i]);
                    table->u.table.widths = NULL;
                    table->u.table.width_fixed = NULL;
                    break;
                }
            }
        }
    }
    directive_classes(src, dv, table);
    apply_lang(src, dv, table);
}

void directive_caption(source *src, directive *dv, doc_node *table)
{
    const char *caption = opt_get(dv, "caption");
    srcpos cat = caption ? option_pos(dv, opt_find(dv, "caption")) : dv->at;
    /* MyST's {list-table} and {csv-table} take their caption as argument */
    if (!caption && dv->argument[0] && strcmp(dv->name, "table") != 0)
        caption = dv->argument;
    if (!caption)
        return;
    make_caption(src, table, caption, cat);
    /* what pages the table continues on show: styled as
     * caption.continued, whose ::after says " (continued)" */
    doc_add_class(src->a, make_caption(src, table, caption, cat), "continued");
}

static void build_table(source *src, doc_node *parent, directive *dv)
{
    const char *csv_file;
    csv_table *t = with_header(src, dv, directive_csv(src, dv, &csv_file));
    /* {table} has a header row unless told; {csv-table} only with :header: */
    int header_default = strcmp(dv->name, "csv-table") != 0 || opt_find(dv, "header") ? 1 : 0;
    const char *fname = csv_file ? csv_file : dv->at.file;
    if (!t)
        return;
    if (t->nrows == 0 || t->ncols == 0) {
        if (!csv_file)
            ERROR(src->d, dv->at, "the {table} has no data: give CSV rows after its options, or :file:");
        return;
    }
    int header_rows = directive_header_rows(src, dv, t->nrows, header_default);
    int ncols = t->row_ncols[0];
    bool ok = true;
    for (int r = 0; r < t->nrows; r++) {
        if (t->row_ncols[r] != ncols) {
            srcpos at = csv_file ? srcpos_make(fname, t->row_line[r], 1) : srcpos_make(dv->at.file, t->row_line[r], dv->at.col);
            ERROR(src->d, at, "CSV row has %d field%s where the first row has %d", t->row_ncols[r],
                  t->row_ncols[r] == 1 ? "" : "s", ncols);
            ok = false;
        }
    }
    if (!ok)
        return;
    doc_node *table = doc_new(src->a, src->doc, DOC_TABLE, dv->at);
    table->u.table.ncols = ncols;
    table->u.table.header_rows = header_rows;
    table->u.table.align = ARENA_ARRAY(src->a, doc_align, ncols);
    directive_table_options(src, dv, table);
    number_format *formats = NULL;
    const char *nf = opt_get(dv, "number-format");
    if (nf) {
        bool *autos = ARENA_ARRAY(src->a, bool, ncols);
        formats = number_formats(src, dv, nf, ncols, autos);
        table->u.table.number_format = nf;
        if (formats) {
            table->u.table.number_auto = autos;
            table->u.table.point = ARENA_ARRAY(src->a, const char *, ncols);
            for (int i = 0; i < ncols; i++)
                table->u.table.point[i] = formats[i].point;
        }
    }
    directive_caption(src, dv, table);
    for (int r = 0; r < t->nrows; r++) {
        srcpos rat = csv_file ? srcpos_make(fname, t->row_line[r], 1) : srcpos_make(dv->at.file, t->row_line[r], dv->at.col);
        doc_node *row = doc_new(src->a, src->doc, DOC_TABLE_ROW, rat);
        row->u.row.header = r < header_rows;
        doc_append(table, row);
        for (int c = 0; c < ncols; c++) {
            doc_node *cell = doc_new(src->a, src->doc, DOC_TABLE_CELL, rat);
            cell->u.cell.col = c;
            cell->u.cell.align = table->u.table.align[c];
            doc_append(row, cell);
            const char *text = t->cells[r][c] ? t->cells[r][c] : "";
            if (formats && r >= header_rows) {
                const char *formatted = number_format_apply(src->a, &formats[c], text);
                if (formatted)
                    text = formatted;
            }
            inline_markdown(src, cell, text, rat);
        }
    }
    warn_unused_options(src, dv);
    doc_append(parent, table);
}

/* A number in a chart's data: "1,234.5", "45.3%", " 58 ". */
static bool parse_number(const char *s, double *v)
{
    char buf[64];
    size_t n = 0;
    for (; *s && n + 1 < sizeof buf; s++) {
        if (*s == ',' || *s == ' ' || *s == '\t' || (unsigned char)*s == 0xA0)
            continue;
        if (*s == '%' && s[1] == 0)
            break;
        buf[n++] = *s;
    }
    buf[n] = 0;
    if (!n)
        return false;
    char *end;
    *v = strtod(buf, &end);
    return *end == 0 && isfinite(*v);
}

/* Beyond this, sums and axis steps overflow the single-precision page
 * coordinates (1e308 would draw "inf" into the PDF). */
#define CHART_MAX_VALUE 1e15

static void build_chart(source *src, doc_node *parent, directive *dv)
{
    const char *csv_file;
    csv_table *t = directive_csv(src, dv, &csv_file);
    const char *fname = csv_file ? csv_file : dv->at.file;
    if (!t)
        return;
    if (t->nrows == 0 && csv_file)
        return; /* reported with the file */
    if (t->nrows < 2 || t->ncols < 2) {
        srcpos at = t->nrows ? (csv_file ? srcpos_make(fname, t->row_line[0], 1) : srcpos_make(dv->at.file, t->row_line[0], dv->at.col))
                             : dv->at;
        ERROR(src->d, at, "the {chart} needs a header row (a label column, then one column per series) and at least one row of data");
        return;
    }
    doc_chart *ch = ARENA_NEW(src->a, doc_chart);
    const char *type = opt_get(dv, "type");
    ch->kind = CHART_BAR;
    if (type) {
        if (strcmp(type, "bar") == 0)
            ch->kind = CHART_BAR;
        else if (strcmp(type, "hbar") == 0)
            ch->kind = CHART_HBAR;
        else if (strcmp(type, "stacked") == 0)
            ch->kind = CHART_STACKED;
        else if (strcmp(type, "stacked-hbar") == 0)
            ch->kind = CHART_STACKED_HBAR;
        else
            ERROR(src->d, option_pos(dv, opt_find(dv, "type")), "unknown chart type '%s' (bar, hbar, stacked or stacked-hbar)", type);
    }
    int ncols = t->row_ncols[0];
    ch->nseries = ncols - 1;
    ch->nlabels = t->nrows - 1;
    ch->series = ARENA_ARRAY(src->a, const char *, ch->nseries);
    for (int s = 0; s < ch->nseries; s++)
        ch->series[s] = t->cells[0][s + 1] ? t->cells[0][s + 1] : "";
    ch->label_title = t->cells[0][0] ? t->cells[0][0] : "";
    ch->labels = ARENA_ARRAY(src->a, const char *, ch->nlabels);
    ch->values = ARENA_ARRAY(src->a, double, (size_t)ch->nlabels * (size_t)ch->nseries);
    bool ok = true;
    for (int r = 1; r < t->nrows; r++) {
        srcpos rat = csv_file ? srcpos_make(fname, t->row_line[r], 1) : srcpos_make(dv->at.file, t->row_line[r], dv->at.col);
        if (t->row_ncols[r] != ncols) {
            ERROR(src->d, rat, "CSV row has %d field%s where the header has %d", t->row_ncols[r],
                  t->row_ncols[r] == 1 ? "" : "s", ncols);
            ok = false;
            continue;
        }
        ch->labels[r - 1] = t->cells[r][0];
        for (int s = 0; s < ch->nseries; s++) {
            const char *cell = t->cells[r][s + 1];
            double v = NAN;
            if (cell && *cell && !parse_number(cell, &v)) {
                ERROR(src->d, rat, "chart value '%s' (row '%s', column '%s') is not a number", cell, t->cells[r][0],
                      ch->series[s]);
                ok = false;
            } else if (v < 0) {
                ERROR(src->d, rat, "chart value %s is negative; charts show counts and shares from zero", cell);
                ok = false;
            } else if (v > CHART_MAX_VALUE) {
                ERROR(src->d, rat, "chart value %s is too large; charts take values up to 10^15 (change the unit)", cell);
                ok = false;
            }
            ch->values[(r - 1) * ch->nseries + s] = v;
        }
    }
    if (!ok)
        return;
    ch->unit = opt_get(dv, "unit");
    ch->max = NAN;
    const char *max = opt_get(dv, "max");
    if (max && (!parse_number(max, &ch->max) || !(ch->max > 0) || ch->max > CHART_MAX_VALUE * 1000)) {
        WARN(src->d, option_pos(dv, opt_find(dv, "max")),
             "':max:' must be a positive number up to 10^18; the axis is sized to the data");
        ch->max = NAN;
    }
    ch->show_values = true;
    const char *values = opt_get(dv, "values");
    if (values) {
        if (strcmp(values, "hide") == 0)
            ch->show_values = false;
        else if (strcmp(values, "show") != 0)
            WARN(src->d, option_pos(dv, opt_find(dv, "values")), "':values:' takes show or hide");
    }
    doc_node *chart = doc_new(src->a, src->doc, DOC_CHART, dv->at);
    chart->u.chart = ch;
    doc_add_class(src->a, chart, "chart");
    static const char *const kind_class[] = {"bar", "hbar", "stacked", "stacked-hbar"};
    doc_add_class(src->a, chart, kind_class[ch->kind]);
    apply_lang(src, dv, chart);
    const char *cls = opt_get(dv, "class");
    if (cls) {
        const char **words;
        int n = split_words(src->a, cls, &words);
        for (int i = 0; i < n; i++)
            doc_add_class(src->a, chart, words[i]);
    }
    const char *caption = opt_get(dv, "caption");
    if (caption)
        make_caption(src, chart, caption, option_pos(dv, opt_find(dv, "caption")));
    /* one legend entry per series: the style sheet colours series through
     * them (.chart .series-2 { background-color: ... }) */
    for (int s = 0; s < ch->nseries; s++) {
        doc_node *entry = doc_new(src->a, src->doc, DOC_PARAGRAPH, dv->at);
        doc_add_class(src->a, entry, "legend");
        doc_add_class(src->a, entry, arena_printf(src->a, "series-%d", s + 1));
        doc_node *label = doc_new(src->a, src->doc, DOC_TEXT, dv->at);
        label->text = ch->series[s];
        label->len = strlen(label->text);
        doc_append(entry, label);
        doc_append(chart, entry);
    }
    warn_unused_options(src, dv);
    doc_append(parent, chart);
}

/* ":emphasize-lines: 1,3-5" into sorted line numbers. */
static bool parse_line_list(arena *a, const char *s, int **out, int *count)
{
    vec v;
    vec_init(&v, sizeof(int));
    while (*s) {
        while (*s == ' ' || *s == ',')
            s++;
        if (!*s)
            break;
        char *end;
        long from = strtol(s, &end, 10), to = from;
        if (end == s || from < 1 || from > 100000)
            return false;
        s = end;
        if (*s == '-') {
            to = strtol(s + 1, &end, 10);
            if (end == s + 1 || to < from || to > 100000 || to - from > 10000)
                return false;
            s = end;
        }
        if (*s && *s != ',' && *s != ' ')
            return false;
        for (long l = from; l <= to; l++)
            *VEC_PUSH(a, &v, int) = (int)l;
    }
    int *lines = v.data;
    int n = (int)v.len;
    for (int i = 1; i < n; i++) /* insertion sort: the lists are short */
        for (int j = i; j > 0 && lines[j - 1] > lines[j]; j--) {
            int t = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = t;
        }
    *out = lines;
    *count = n;
    return true;
}

/* {code-block} / {code} / {sourcecode} (MyST, Sphinx): a code block with
 * its language as argument, optional caption, line numbers and
 * highlighted lines. */
static void build_code(source *src, doc_node *parent, directive *dv)
{
    doc_node *code = doc_new(src->a, src->doc, DOC_CODE_BLOCK, dv->at);
    code->u.code.info = dv->argument;
    const char *body = dv->body;
    size_t len = dv->body_len;
    int skipped = 0;
    /* MyST separates the option lines from the code by a blank line */
    if (dv->options && len && body[0] == '\n') {
        body++;
        len--;
        skipped = 1;
    }
    code->text = arena_strndup(src->a, body, len);
    code->len = len;
    /* the body's lines start after the options */
    code->pos.line += dv->body_line + skipped;
    const char *start = opt_get(dv, "lineno-start");
    if (opt_get(dv, "linenos") || opt_find(dv, "number-lines"))
        code->u.code.first_number = 1;
    const char *number_lines = opt_get(dv, "number-lines");
    if (number_lines && *number_lines && !start)
        start = number_lines;
    if (start) {
        char *end;
        long v = strtol(start, &end, 10);
        if (*end || v < 0 || v > 1000000)
            WARN(src->d, option_pos(dv, opt_find(dv, "lineno-start")), "':lineno-start:' must be a line number; lines are numbered from 1");
        else
            code->u.code.first_number = (int)(v ? v : 1);
        if (!code->u.code.first_number)
            code->u.code.first_number = 1;
    }
    const char *emph = opt_get(dv, "emphasize-lines");
    if (emph) {
        int *lines, n;
        if (parse_line_list(src->a, emph, &lines, &n)) {
            code->u.code.emphasize = lines;
            code->u.code.nemphasize = n;
        } else {
            WARN(src->d, option_pos(dv, opt_find(dv, "emphasize-lines")),
                 "':emphasize-lines:' takes line numbers and ranges such as 1,3-5, not '%s'; no line is highlighted", emph);
        }
    }
    const char *cls = opt_get(dv, "class");
    if (cls) {
        const char **words;
        int n = split_words(src->a, cls, &words);
        for (int i = 0; i < n; i++)
            doc_add_class(src->a, code, words[i]);
    }
    opt_get(dv, "force"); /* Sphinx: highlight even when the lexer fails; nothing to do */
    const char *caption = opt_get(dv, "caption");
    doc_node *holder = parent;
    if (caption) {
        doc_node *box = doc_new(src->a, src->doc, DOC_CONTAINER, dv->at);
        box->u.container.name = "code-block";
        box->u.container.title = caption;
        doc_add_class(src->a, box, "code-block");
        doc_node *cap = make_caption(src, box, caption, option_pos(dv, opt_find(dv, "caption")));
        doc_add_class(src->a, cap, "caption");
        doc_append(parent, box);
        holder = box;
    }
    warn_unused_options(src, dv);
    doc_append(holder, code);
}

static bool valid_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
            return false;
    return true;
}

/* Pandoc attributes given with the name ({warning .big lang=kk}, from a
 * fenced div): classes, the language and the direction (dir=rtl); an id
 * is the block's anchor, taken by directive_build. */
static void apply_attributes(source *src, doc_node *n, const char *attrs)
{
    const char *w;
    size_t wl;
    for (const char *p = attrs ? attrs : ""; str_next_word(&p, &w, &wl);) {
        if (*w == '.' && wl > 1)
            doc_add_class(src->a, n, arena_strndup(src->a, w + 1, wl - 1));
        else if (wl > 5 && strncmp(w, "lang=", 5) == 0)
            n->lang = arena_strndup(src->a, w + 5, wl - 5);
        else if (wl > 4 && strncmp(w, "dir=", 4) == 0)
            n->dir = doc_dir_value(w + 4, wl - 4);
    }
}

/* MyST's admonitions: a box with a title; the named kinds take their
 * title's words from the style sheet, {admonition} from its argument. */
static bool is_admonition(const char *name)
{
    static const char *const names[] = {"note", "tip", "important", "warning", "caution", "attention",
                                        "danger", "error", "hint", "seealso", "admonition"};
    for (size_t i = 0; i < COUNT_OF(names); i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* Directives of MyST and Sphinx that dossier does not implement: said,
 * and their body kept in a box (any other name is dossier's own box,
 * styled by its class, and needs no word). */
static bool unsupported_directive(const char *name)
{
    static const char *const names[] = {
        "toctree", "include", "literalinclude", "raw", "eval-rst", "glossary", "bibliography", "tab-set",
        "tab-item", "tabbed", "dropdown", "card", "grid", "grid-item", "grid-item-card", "margin", "sidebar",
        "topic", "epigraph", "pull-quote", "highlights", "rubric", "only", "ifconfig", "csv-table-file",
        "mermaid", "graphviz", "plot", "jupyter-execute", "glue", "glue:figure", "tableofcontents", "contents",
        "versionadded", "versionchanged", "deprecated", "automodule", "autoclass", "autofunction", "doctest",
        "testcode", "prf:theorem", "prf:proof", "proof", "exercise", "solution", "iframe", "video",
    };
    for (size_t i = 0; i < COUNT_OF(names); i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static void build_container(source *src, doc_node *parent, directive *dv)
{
    if (unsupported_directive(dv->name))
        WARN(src->d, dv->at, "directive {%s} is not supported; its body is kept as text in a box div.%s", dv->name, dv->name);
    doc_node *box = doc_new(src->a, src->doc, DOC_CONTAINER, dv->at);
    box->u.container.name = dv->name;
    doc_add_class(src->a, box, dv->name);
    apply_attributes(src, box, dv->attrs);
    bool admonition = is_admonition(dv->name);
    if (admonition)
        doc_add_class(src->a, box, "admonition");
    const char *body = dv->body;
    size_t body_len = dv->body_len;
    int body_line = dv->body_line;
    if (admonition && strcmp(dv->name, "admonition") != 0 && dv->argument[0]) {
        /* MyST: text after {note} is the note's first line */
        const char *joined = arena_printf(src->a, "%s\n%.*s", dv->argument, (int)dv->body_len, dv->body);
        body = joined;
        body_len = strlen(joined);
        body_line--;
        dv->argument = "";
    }
    if (strcmp(dv->name, "admonition") == 0 && !dv->argument[0] && !opt_find(dv, "title"))
        WARN(src->d, dv->at, "{admonition} takes its title after the name: {admonition} Title");
    const char *cls = opt_get(dv, "class");
    if (cls) {
        const char **words;
        int n = split_words(src->a, cls, &words);
        for (int i = 0; i < n; i++)
            doc_add_class(src->a, box, words[i]);
    }
    apply_lang(src, dv, box);
    const char *title = opt_get(dv, "title");
    srcpos tat = title ? option_pos(dv, opt_find(dv, "title")) : dv->at;
    if (!title && dv->argument[0])
        title = dv->argument;
    if (title) {
        box->u.container.title = title;
        doc_node *cap = make_caption(src, box, title, tat);
        doc_add_class(src->a, cap, "title");
    } else if (admonition) {
        /* an empty title the style sheet fills: div.note > header.admonition-title::before */
        doc_node *cap = doc_new(src->a, src->doc, DOC_CAPTION, dv->at);
        doc_add_class(src->a, cap, "admonition-title");
        doc_append(box, cap);
    } else if (strcmp(dv->name, "summary") == 0 || strcmp(dv->name, "recommendations") == 0) {
        /* an empty title the style sheet fills in the document's language
         * (div.summary > header.title:empty::before: "Key findings") */
        doc_node *cap = doc_new(src->a, src->doc, DOC_CAPTION, dv->at);
        doc_add_class(src->a, cap, "title");
        doc_append(box, cap);
    }
    warn_unused_options(src, dv);
    doc_append(parent, box);
    if (src->depth >= PARSE_MAX_DEPTH) {
        WARN(src->d, dv->at, "directives nested deeper than %d levels are not parsed; the body is kept as text", PARSE_MAX_DEPTH);
        doc_node *p = doc_new(src->a, src->doc, DOC_PARAGRAPH, dv->at);
        doc_append(box, p);
        doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, dv->at);
        t->text = arena_strndup(src->a, body, body_len);
        t->len = body_len;
        doc_append(p, t);
        return;
    }
    source sub = nested_source(src, body, body_len, dv->at.line + 1 + body_line, dv->at.col - 1);
    sub.depth = src->depth + 1;
    markdown_parse_into(&sub, box, body, body_len);
}

/* The label links and {ref} reach the directive's block by: MyST's
 * :name: option ({math} calls it :label:), or the id of a pandoc fenced
 * div ({#id .class}). */
static const char *directive_anchor(source *src, directive *dv)
{
    const char *name = opt_get(dv, "name");
    if (!name && strcmp(dv->name, "math") == 0)
        name = opt_get(dv, "label");
    if (name && *name)
        return name;
    const char *w;
    size_t wl;
    for (const char *p = dv->attrs ? dv->attrs : ""; str_next_word(&p, &w, &wl);)
        if (*w == '#' && wl > 1)
            return arena_strndup(src->a, w + 1, wl - 1);
    return NULL;
}

void directive_build(source *src, doc_node *parent, const char *info, const char *body, size_t len, srcpos at)
{
    directive dv = {.at = at, .attrs = ""};
    const char *close = strchr(info, '}');
    dv.name = trim(src->a, info + 1, (size_t)(close - info - 1));
    /* {name .class lang=kk}: pandoc attributes from a fenced div */
    char *space = strpbrk((char *)dv.name, " \t");
    if (space) {
        dv.attrs = trim(src->a, space, strlen(space));
        *space = 0;
    }
    dv.argument = trim(src->a, close + 1, strlen(close + 1));
    if (!valid_name(dv.name)) {
        WARN(src->d, at, "'%s' is not a directive name (letters, digits, '-' and '_'); the block is shown as code", info);
        doc_node *code = doc_new(src->a, src->doc, DOC_CODE_BLOCK, at);
        code->u.code.info = arena_strdup(src->a, info);
        code->text = body;
        code->len = len;
        doc_append(parent, code);
        return;
    }
    read_options(src, &dv, body, len);
    const char *anchor = directive_anchor(src, &dv);
    doc_node *before = parent->last;
    if (strcmp(dv.name, "table") == 0)
        build_table(src, parent, &dv);
    else if (strcmp(dv.name, "chart") == 0)
        build_chart(src, parent, &dv);
    else if (strcmp(dv.name, "csv-table") == 0)
        build_table(src, parent, &dv);
    else if (strcmp(dv.name, "list-table") == 0)
        myst_list_table(src, parent, &dv);
    else if (strcmp(dv.name, "figure") == 0)
        myst_figure(src, parent, &dv);
    else if (strcmp(dv.name, "image") == 0)
        myst_image(src, parent, &dv);
    else if (strcmp(dv.name, "math") == 0)
        myst_math(src, parent, &dv);
    else if (strcmp(dv.name, "code-block") == 0 || strcmp(dv.name, "code") == 0 ||
             strcmp(dv.name, "sourcecode") == 0 || strcmp(dv.name, "code-cell") == 0)
        build_code(src, parent, &dv);
    else
        build_container(src, parent, &dv);
    if (anchor && parent->last && parent->last != before)
        parent->last->anchor = anchor;
}
