/* Editions: which one is made, the front matter it reads, and the report
 * of what was withheld. */
#include "redact_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const edition_names[] = {
    [EDITION_FULL] = "full",
    [EDITION_REVIEW] = "review",
    [EDITION_PUBLIC] = "public",
};

bool edition_from_name(const char *name, edition_kind *out)
{
    for (size_t i = 0; i < COUNT_OF(edition_names); i++)
        if (strcmp(name, edition_names[i]) == 0) {
            *out = (edition_kind)i;
            return true;
        }
    return false;
}

edition_kind redact_edition(const redaction *r)
{
    return r ? r->edition : EDITION_FULL;
}

static const doc_meta *meta_entry(const doc_document *doc, const char *key)
{
    for (const doc_meta *m = doc->meta; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

/* A key ending in "-" and the edition's name stands in for the key
 * without it: `classification-public: Public` gives the public edition
 * its own classification line. */
static void apply_edition_keys(redaction *r, doc_document *doc)
{
    const char *suffix = arena_printf(r->a, "-%s", edition_names[r->edition]);
    size_t sl = strlen(suffix);
    for (doc_meta *m = doc->meta; m; m = m->next) {
        size_t kl = strlen(m->key);
        if (kl <= sl || strcmp(m->key + kl - sl, suffix) != 0)
            continue;
        const char *base = arena_strndup(r->a, m->key, kl - sl);
        doc_meta_set(r->a, doc, base, m->value, m->pos, true);
        if (m->items)
            doc_meta_set_items(doc, base, m->items, m->nitems);
    }
}

redaction *redact_document(arena *a, diag *d, doc_document *doc, const char *const *allow, int nallow)
{
    redaction *r = ARENA_NEW(a, redaction);
    r->a = a;
    vec_init(&r->entries, sizeof(reg_entry));
    vec_init(&r->passages, sizeof(needle));
    const doc_meta *ed = meta_entry(doc, "edition");
    if (ed && !edition_from_name(ed->value, &r->edition)) {
        ERROR(d, ed->pos, "unknown edition '%s': it is full, review or public", ed->value);
        r->edition = EDITION_PUBLIC; /* withhold rather than leak */
    }
    const char *mark = doc_meta_get(doc, "redaction-mark");
    r->mark = mark && *mark ? mark : "[withheld]";
    register_read(r, d, doc, allow, nallow);
    apply_edition_keys(r, doc);
    doc_meta_set(a, doc, "edition", edition_names[r->edition], ed ? ed->pos : srcpos_make(NULL, 0, 0), true);
    edition_kind made = r->edition;
#ifdef DOSSIER_PLANT_LEAK
    /* A test build only: the pass withholds nothing, as a forgotten
     * occurrence would, so the self-check must find the names. */
    if (getenv("DOSSIER_PLANT_LEAK"))
        r->edition = EDITION_FULL;
#endif
    redact_tree(r, d, doc);
    r->edition = made;
    if (made != EDITION_FULL)
        redact_near_misses(r, d, doc);
    r->complete = true;
    doc->redaction = r;
    return r;
}

void redact_report(diag *d, const redaction *r)
{
    if (!r)
        return;
    static const char *const done[] = {
        [EDITION_FULL] = "found (printed: full edition)",
        [EDITION_REVIEW] = "highlighted (review edition)",
        [EDITION_PUBLIC] = "withheld (public edition)",
    };
    for (size_t i = 0; i < r->entries.len; i++) {
        const reg_entry *e = &VEC_AT(&r->entries, reg_entry, i);
        if (e->count == 0)
            WARN(d, e->pos, "%s occurs nowhere in the dossier: is it spelt as in the text?", register_label(r, e));
        else
            NOTE(d, e->pos, "%s: %d occurrence%s %s", register_label(r, e), e->count, e->count == 1 ? "" : "s",
                 done[r->edition]);
    }
    if (r->passages_withheld)
        NOTE(d, srcpos_make(NULL, 0, 0), "%d {redact} passage%s %s", r->passages_withheld,
             r->passages_withheld == 1 ? "" : "s", done[r->edition]);
}

char *redact_scrub(arena *a, const redaction *r, const char *text, size_t len)
{
    if (!r || r->edition != EDITION_PUBLIC)
        return arena_strndup(a, text, len);
    bool changed;
    /* the register is not changed: counting is off */
    return register_replace((redaction *)r, text, len, false, &changed);
}
