/* CSV through libcsv (RFC 4180: quoted fields with commas, quotes and
 * newlines). Rows keep the source line they start on, so a bad row can be
 * reported where it is. */
#include "parse_internal.h"

#include <csv.h>
#include <string.h>

typedef struct {
    arena *a;
    vec rows;        /* char** per row */
    vec counts;      /* int per row */
    vec lines;       /* int per row */
    vec fields;      /* char* of the row being read */
    int line;        /* line being fed */
    int row_line;    /* line of the current row's first field, 0 before it */
    int ncols;
} csv_state;

static void on_field(void *data, size_t len, void *user)
{
    csv_state *st = user;
    if (st->fields.len == 0)
        st->row_line = st->line;
    *VEC_PUSH(st->a, &st->fields, char *) = arena_strndup(st->a, data ? data : "", data ? len : 0);
}

static void on_row(int term, void *user)
{
    (void)term;
    csv_state *st = user;
    int n = (int)st->fields.len;
    char **row = ARENA_ARRAY(st->a, char *, n ? n : 1);
    for (int i = 0; i < n; i++)
        row[i] = VEC_AT(&st->fields, char *, i);
    *VEC_PUSH(st->a, &st->rows, char **) = row;
    *VEC_PUSH(st->a, &st->counts, int) = n;
    *VEC_PUSH(st->a, &st->lines, int) = st->row_line ? st->row_line : st->line;
    if (n > st->ncols)
        st->ncols = n;
    vec_init(&st->fields, sizeof(char *));
    st->row_line = 0;
}

csv_table *csv_read(arena *a, diag *d, const char *file, int first_line, const char *text, size_t len)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        ERROR(d, srcpos_make(file, first_line, 1), "cannot start the CSV reader");
        return NULL;
    }
    csv_state st = {.a = a};
    vec_init(&st.rows, sizeof(char **));
    vec_init(&st.counts, sizeof(int));
    vec_init(&st.lines, sizeof(int));
    vec_init(&st.fields, sizeof(char *));
    /* fed a line at a time so each row knows where it starts */
    size_t i = 0;
    st.line = first_line;
    bool ok = true;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
        if (csv_parse(&p, text + i, n, on_field, on_row, &st) != n) {
            ERROR(d, srcpos_make(file, st.line, 1), "malformed CSV: %s (a quote inside a field must be doubled)",
                  csv_strerror(csv_error(&p)));
            ok = false;
            break;
        }
        i += n;
        st.line++;
    }
    if (ok && csv_fini(&p, on_field, on_row, &st) != 0) {
        ERROR(d, srcpos_make(file, st.row_line ? st.row_line : st.line - 1, 1),
              "malformed CSV: a quoted field is never closed");
        ok = false;
    }
    csv_free(&p);
    if (!ok)
        return NULL;
    csv_table *t = ARENA_NEW(a, csv_table);
    t->nrows = (int)st.rows.len;
    t->ncols = st.ncols;
    t->cells = ARENA_ARRAY(a, char **, t->nrows ? t->nrows : 1);
    t->row_ncols = ARENA_ARRAY(a, int, t->nrows ? t->nrows : 1);
    t->row_line = ARENA_ARRAY(a, int, t->nrows ? t->nrows : 1);
    for (int r = 0; r < t->nrows; r++) {
        int n = VEC_AT(&st.counts, int, r);
        char **row = ARENA_ARRAY(a, char *, t->ncols ? t->ncols : 1);
        for (int c = 0; c < n; c++)
            row[c] = VEC_AT(&st.rows, char **, r)[c];
        t->cells[r] = row;
        t->row_ncols[r] = n;
        t->row_line[r] = VEC_AT(&st.lines, int, r);
    }
    return t;
}
