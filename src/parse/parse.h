/* parse: Markdown sources into the document tree. Reads each input
 * (checking size, NUL bytes, UTF-8, line endings), its YAML front matter
 * (libyaml), the CommonMark + GFM body (cmark-gfm), the directives
 * ({table}, {chart} and containers, with CSV through libcsv), then builds
 * what a dossier adds: heading ids, figures, footnote numbers, the cover
 * and the table of contents. */
#ifndef DOSSIER_PARSE_H
#define DOSSIER_PARSE_H

#include "../doc/doc.h"

#define PARSE_DEFAULT_MAX_INPUT (16u * 1024u * 1024u)

typedef struct {
    size_t max_input;          /* bytes per input file; larger is refused */
    bool replace_invalid;      /* invalid UTF-8 becomes U+FFFD (warned) instead of an error */
    const char *const *defines; /* "key=value" overriding the front matter */
    int ndefines;
    const char *const *allow_paths; /* folders data files may come from besides the source's */
    int nallow_paths;
} parse_options;

/* Parses the inputs, in order, into one document. Returns NULL when an
 * input cannot be read (an I/O error, reported; *io_error set) or is
 * refused outright; other problems are diagnostics and the caller checks
 * diag_failed. */
doc_document *parse_documents(arena *a, diag *d, const char *const *paths, int npaths,
                              const parse_options *opt, bool *io_error);

/* Parses Markdown text already in memory (tests, the fuzzer); `name` is
 * used in diagnostics and to resolve relative paths. */
doc_document *parse_markdown_string(arena *a, diag *d, const char *name, const char *text, size_t len,
                                    const parse_options *opt);

#endif
