/* redact: editions of one dossier and verified redaction.
 *
 * The register of withheld names comes from the front matter (`redact:`
 * and `redact-file:`) and from {redact}`...` roles; {redact} blocks
 * withhold whole passages. The pass runs on the parsed tree before
 * heading ids, figures, footnotes, the cover and the contents are made,
 * so no later stage (style, layout, render, --dump) ever sees withheld
 * text in the public edition. After rendering, the public PDF is checked
 * for every register entry in every encoding before it is written. */
#ifndef DOSSIER_REDACT_H
#define DOSSIER_REDACT_H

#include "../doc/doc.h"

typedef enum {
    EDITION_FULL,   /* everything printed (the default) */
    EDITION_REVIEW, /* everything printed, withheld parts highlighted */
    EDITION_PUBLIC, /* withheld parts replaced by the mark */
} edition_kind;

typedef struct redaction redaction;

/* The edition by name ("full", "review", "public"); false for others. */
bool edition_from_name(const char *name, edition_kind *out);

/* Reads the edition (the front-matter key `edition`, set by --edition or
 * -D edition=), builds the register and withholds every occurrence in
 * the tree and the front matter. Problems are diagnostics. The result
 * is also stored in doc->redaction. A register file must lie in its
 * source's folder or one of `allow` (as data files). */
redaction *redact_document(arena *a, diag *d, doc_document *doc, const char *const *allow, int nallow);

edition_kind redact_edition(const redaction *r);

/* Reports, as notes (-v), how often each register entry was withheld, and
 * warns about entries that occur nowhere. In the public edition entries
 * are named by their place in the register, never by the name. */
void redact_report(diag *d, const redaction *r);

/* `text` with every register name replaced by the mark: for messages in
 * the public edition. Other editions get the text back unchanged. */
char *redact_scrub(arena *a, const redaction *r, const char *text, size_t len);

/* The public edition's self-check: every stream of the PDF decompressed,
 * strings decoded (literal, hex, UTF-16BE with and without a byte order
 * mark, names), and the text of every page decoded through its fonts'
 * ToUnicode maps, searched for every register entry and withheld passage.
 * Reports each find (by register entry, not by name) and returns false. */
bool redact_check_pdf(arena *a, diag *d, const redaction *r, const unsigned char *pdf, size_t len);

#endif
