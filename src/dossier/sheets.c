/* Gathering the style sheets of a compilation: the built-in sheet, the
 * front matter's `style` (relative to the source), -s (relative to the
 * working folder), then a sheet given in memory. A bare name that is not
 * there ("print.css") is looked up among the shipped sheets. */
#include "dossier_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SHEET_SIZE (4u << 20)

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The file a sheet name stands for: `name` taken relative to `dir`, or,
 * for a bare name with no such file, the shipped sheet of that name. */
static const char *resolve_sheet(arena *a, const char *dir, const char *name, const char *datadir)
{
    const char *path = dir ? path_join(a, dir, name) : name;
    if (is_file(path) || strchr(name, '/'))
        return path;
    const char *shipped = arena_printf(a, "%s/styles/%s", datadir, name);
    return is_file(shipped) ? shipped : path;
}

/* Reads one sheet; `at` is where it was asked for: the front matter's
 * line, where the author wrote `name`, or the file itself for -s. */
static bool add_sheet(arena *a, diag *d, doc_document *doc, vec *sheets, const char *path, const char *name,
                      srcpos at, int *status)
{
    size_t len;
    bool too_big;
    char *text = read_file(a, path, MAX_SHEET_SIZE, &len, &too_big);
    if (!text) {
        int err = errno;
        if (at.line > 0)
            ERROR(d, at, "cannot read style sheet '%s': %s", name, strerror(err));
        else
            ERROR(d, at, "cannot read style sheet: %s", strerror(err));
        *status = DOSSIER_EXIT_IO;
        return false;
    }
    if (too_big) {
        ERROR(d, srcpos_make(path, 0, 0), "style sheet is larger than 4 MB");
        *status = DOSSIER_EXIT_INPUT;
        return false;
    }
    style_source *s = VEC_PUSH(a, sheets, style_source);
    s->name = path;
    s->text = text;
    s->len = len;
    doc_add_input(a, doc, path);
    return true;
}

static const doc_meta *find_meta(const doc_document *doc, const char *key)
{
    for (const doc_meta *m = doc->meta; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

/* The front matter's `style`: one name or a comma-separated list. */
static bool add_front_matter_sheets(arena *a, diag *d, doc_document *doc, vec *sheets, const char *datadir,
                                    int *status)
{
    const doc_meta *m = find_meta(doc, "style");
    if (!m || !m->value)
        return true;
    for (const char *s = m->value; *s;) {
        while (*s == ' ' || *s == ',')
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > s && t[-1] == ' ')
            t--;
        if (t > s) {
            const char *name = arena_strndup(a, s, (size_t)(t - s));
            const char *path = resolve_sheet(a, doc->base_dir, name, datadir);
            if (!add_sheet(a, d, doc, sheets, path, name, m->pos, status))
                return false;
        }
        s = e;
    }
    return true;
}

style_source *dossier_gather_sheets(arena *a, diag *d, doc_document *doc, const dossier_options *opt,
                                    const char *datadir, int *nsheets, int *status)
{
    vec sheets;
    vec_init(&sheets, sizeof(style_source));
    style_source *def = VEC_PUSH(a, &sheets, style_source);
    def->name = "<default>";
    def->text = embedded_default_css;
    def->len = embedded_default_css_len;
    if (!add_front_matter_sheets(a, d, doc, &sheets, datadir, status))
        return NULL;
    for (int i = 0; i < opt->nstyles; i++) {
        const char *path = resolve_sheet(a, NULL, opt->styles[i], datadir);
        if (!add_sheet(a, d, doc, &sheets, path, opt->styles[i], srcpos_make(path, 0, 0), status))
            return NULL;
    }
    if (opt->extra_css) {
        style_source *s = VEC_PUSH(a, &sheets, style_source);
        s->name = opt->extra_css_name ? opt->extra_css_name : "<extra>";
        s->text = arena_strndup(a, opt->extra_css, opt->extra_css_len);
        s->len = opt->extra_css_len;
    }
    *nsheets = (int)sheets.len;
    return sheets.data;
}
