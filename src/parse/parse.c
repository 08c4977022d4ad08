/* The parse stage's entry points: every input into one document. */
#include "parse_internal.h"
#include "../redact/redact.h"

#include <string.h>

static doc_document *new_document(arena *a)
{
    doc_document *doc = ARENA_NEW(a, doc_document);
    vec_init(&doc->inputs, sizeof(const char *));
    doc->root = doc_new(a, doc, DOC_DOCUMENT, srcpos_make(NULL, 0, 0));
    return doc;
}

static void parse_text(arena *a, diag *d, doc_document *doc, const char *name, const char *dir, char *text,
                       size_t len, const parse_options *opt)
{
    source src = {.a = a, .d = d, .doc = doc, .opt = opt, .file = name, .dir = dir, .text = text, .len = len};
    source_index_lines(&src);
    if (!doc->root->pos.file)
        doc->root->pos = srcpos_make(name, 1, 1);
    frontmatter_read(&src, text, len);
    markdown_parse_into(&src, doc->root, text, len);
}

/* -D key=value wins over every front matter. */
static void apply_defines(arena *a, diag *d, doc_document *doc, const parse_options *opt)
{
    for (int i = 0; opt && i < opt->ndefines; i++) {
        const char *def = opt->defines[i];
        const char *eq = strchr(def, '=');
        srcpos at = srcpos_make("-D", 0, 0);
        if (eq == def) {
            ERROR(d, at, "'-D %s' needs a key before '='", def);
            continue;
        }
        char *key = eq ? arena_strndup(a, def, (size_t)(eq - def)) : arena_strdup(a, def);
        doc_meta_set(a, doc, key, eq ? eq + 1 : "true", at, true);
    }
}

doc_document *parse_documents(arena *a, diag *d, const char *const *paths, int npaths,
                              const parse_options *opt, bool *io_error)
{
    doc_document *doc = new_document(a);
    *io_error = false;
    bool failed = false;
    for (int i = 0; i < npaths; i++) {
        bool is_stdin = strcmp(paths[i], "-") == 0;
        const char *name = is_stdin ? "<stdin>" : paths[i];
        size_t len;
        char *text = input_read(a, d, paths[i], opt, &len, io_error);
        if (!text) {
            failed = true;
            continue;
        }
        if (!is_stdin)
            doc_add_input(a, doc, paths[i]);
        const char *dir = is_stdin ? "." : path_dirname(a, paths[i]);
        if (i == 0)
            doc->base_dir = dir;
        parse_text(a, d, doc, name, dir, text, len, opt);
    }
    if (failed)
        return NULL;
    apply_defines(a, d, doc, opt);
    /* before ids, figures, notes, cover and contents are made from the text */
    redact_document(a, d, doc, opt ? opt->allow_paths : NULL, opt ? opt->nallow_paths : 0);
    structure_finish(a, d, doc);
    return doc;
}

doc_document *parse_markdown_string(arena *a, diag *d, const char *name, const char *text, size_t len,
                                    const parse_options *opt)
{
    doc_document *doc = new_document(a);
    size_t nlen;
    char *norm = input_normalise(a, d, name, text, len, opt, &nlen);
    doc->base_dir = path_dirname(a, name);
    parse_text(a, d, doc, name, doc->base_dir, norm, nlen, opt);
    apply_defines(a, d, doc, opt);
    /* before ids, figures, notes, cover and contents are made from the text */
    redact_document(a, d, doc, opt ? opt->allow_paths : NULL, opt ? opt->nallow_paths : 0);
    structure_finish(a, d, doc);
    return doc;
}
