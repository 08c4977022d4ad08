/* The register of withheld names: the front matter's `redact:` list, the
 * lines of `redact-file:`, and the text of {redact} roles. */
#include "redact_internal.h"

#include <errno.h>
#include <string.h>

static bool same_needle(const needle *x, const needle *y)
{
    return x->n == y->n && memcmp(x->u, y->u, x->n * sizeof *x->u) == 0;
}

reg_entry *register_add(redaction *r, const char *name, size_t len, srcpos pos, bool from_role)
{
    needle nd;
    if (!needle_make(r->a, name, len, &nd))
        return NULL;
    for (size_t i = 0; i < r->entries.len; i++) {
        reg_entry *e = &VEC_AT(&r->entries, reg_entry, i);
        if (same_needle(&e->nd, &nd))
            return e;
    }
    reg_entry *e = VEC_PUSH(r->a, &r->entries, reg_entry);
    e->name = arena_strndup(r->a, name, len);
    e->pos = pos;
    e->index = (int)r->entries.len;
    e->nd = nd;
    e->from_role = from_role;
    return e;
}

const char *register_label(const redaction *r, const reg_entry *e)
{
    if (r->edition == EDITION_PUBLIC)
        return arena_printf(r->a, "register entry %d", e->index);
    return arena_printf(r->a, "register entry %d '%s'", e->index, e->name);
}

/* An entry that cannot match anything: said by its place, never quoted. */
static void add_checked(redaction *r, diag *d, const char *name, size_t len, srcpos pos)
{
    while (len && (*name == ' ' || *name == '\t'))
        name++, len--;
    while (len && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r'))
        len--;
    if (!len)
        return;
    if (!register_add(r, name, len, pos, false))
        WARN(d, pos, "register entry %zu has no letter or digit, so it can match nothing", r->entries.len + 1);
}

/* A register file named in a source is relative to that source and must
 * stay inside its folder (or one --allow-path names), as data files do;
 * one given with -D is the command line's own. */
static const char *register_path(redaction *r, const doc_meta *m, const char *const *allow, int nallow,
                                 bool *allowed)
{
    bool from_source = m->pos.file && strcmp(m->pos.file, "-D") != 0 && strcmp(m->pos.file, "<stdin>") != 0;
    const char *dir = from_source ? path_dirname(r->a, m->pos.file) : ".";
    char *path = path_join(r->a, dir, m->value);
    *allowed = !from_source || path_is_inside(path, dir);
    for (int i = 0; !*allowed && i < nallow; i++)
        *allowed = path_is_inside(path, allow[i]);
    return path;
}

static void read_file_entries(redaction *r, diag *d, doc_document *doc, const doc_meta *m,
                              const char *const *allow, int nallow)
{
    bool allowed;
    const char *path = register_path(r, m, allow, nallow, &allowed);
    size_t len;
    bool too_big;
    char *text = read_file(r->a, path, 4u << 20, &len, &too_big);
    if (!text) {
        ERROR(d, m->pos, "cannot read the register file '%s': %s", m->value, strerror(errno));
        return;
    }
    if (!allowed) {
        ERROR(d, m->pos, "the register file '%s' is outside the source's folder; allow it with --allow-path", m->value);
        return;
    }
    if (too_big) {
        ERROR(d, m->pos, "the register file '%s' is larger than 4 MB", m->value);
        return;
    }
    doc_add_input(r->a, doc, path);
    size_t bad = utf8_validate(text, len);
    if (bad < len) {
        ERROR(d, srcpos_make(path, 0, 0), "the register file is not valid UTF-8 (byte %zu)", bad);
        return;
    }
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    int line = 1;
    for (size_t i = start; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        const char *s = text + start;
        size_t n = i - start;
        /* '#' starts a comment line */
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
            lead++;
        if (lead < n && s[lead] != '#')
            add_checked(r, d, s, n, srcpos_make(path, line, 1));
        start = i + 1;
        line++;
    }
}

static void remove_meta(doc_document *doc, const char *key)
{
    for (doc_meta **p = &doc->meta; *p; p = &(*p)->next)
        if (strcmp((*p)->key, key) == 0) {
            *p = (*p)->next;
            return;
        }
}

void register_read(redaction *r, diag *d, doc_document *doc, const char *const *allow, int nallow)
{
    for (doc_meta *m = doc->meta; m; m = m->next) {
        if (strcmp(m->key, "redact") == 0) {
            if (m->items)
                for (int i = 0; i < m->nitems; i++)
                    add_checked(r, d, m->items[i], strlen(m->items[i]), m->pos);
            else
                add_checked(r, d, m->value, strlen(m->value), m->pos);
        } else if (strcmp(m->key, "redact-file") == 0 && *m->value) {
            read_file_entries(r, d, doc, m, allow, nallow);
        }
    }
    /* the register itself is never printed: not as a named string, not
     * in the document information, not in --dump */
    remove_meta(doc, "redact");
    remove_meta(doc, "redact-file");
}

size_t register_match_at(const redaction *r, const folded *h, size_t i, reg_entry **which)
{
    size_t best = 0;
    *which = NULL;
    if (!fold_word_start(h, i))
        return 0;
    for (size_t k = 0; k < r->entries.len; k++) {
        reg_entry *e = &VEC_AT(&r->entries, reg_entry, k);
        if (e->nd.u[0] != h->u[i])
            continue;
        size_t end = needle_match_at(h, i, &e->nd);
        if (end > best) {
            best = end;
            *which = e;
        }
    }
    return best;
}

char *register_replace(redaction *r, const char *s, size_t n, bool count, bool *changed)
{
    *changed = false;
    if (!r->entries.len)
        return arena_strndup(r->a, s, n);
    folded f;
    fold_init(&f, r->a);
    fold_utf8(&f, s, n, 0);
    strbuf sb;
    sb_init(&sb, r->a);
    size_t copied = 0;
    for (size_t i = 0; i < f.n;) {
        reg_entry *e;
        size_t end = register_match_at(r, &f, i, &e);
        if (!end) {
            i++;
            continue;
        }
        *changed = true;
        if (count)
            e->count++;
        sb_append(&sb, s + copied, f.from[i] - copied);
        sb_puts(&sb, r->edition == EDITION_PUBLIC ? r->mark : "");
        if (r->edition != EDITION_PUBLIC)
            sb_append(&sb, s + f.from[i], f.to[end - 1] - f.from[i]);
        copied = f.to[end - 1];
        i = end;
    }
    sb_append(&sb, s + copied, n - copied);
    return sb.data;
}
