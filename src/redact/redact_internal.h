/* Private to src/redact: folded text, the matcher, the register. */
#ifndef DOSSIER_REDACT_INTERNAL_H
#define DOSSIER_REDACT_INTERNAL_H

#include "redact.h"

/* ---- folded text (match.c) ---------------------------------------------
 * Text as the matcher sees it: one unit per letter or digit, case-folded,
 * and one UNIT_SEP per run of anything else (spaces, line breaks,
 * punctuation). Soft hyphens, zero-width characters and combining marks
 * are skipped, so they neither part nor join words. UNIT_MAYBE is a
 * boundary that may part or join words: where one text-showing operator
 * of a PDF ends and the next begins (a line, or a change of font inside a
 * word). Each unit remembers the bytes it came from. */
enum { UNIT_SEP = 0, UNIT_MAYBE = 1 };

typedef struct {
    uint32_t *u;
    size_t *from, *to; /* byte range of each unit in the caller's numbering */
    size_t n, cap;
    arena *a;
} folded;

void fold_init(folded *f, arena *a);
void fold_reset(folded *f);
/* Appends the folding of UTF-8 text whose first byte is numbered `base`. */
void fold_utf8(folded *f, const char *s, size_t n, size_t base);
/* Appends one code point (from decoded PDF text) numbered `at`. */
void fold_cp(folded *f, uint32_t cp, size_t at);
/* Appends a part between words (UNIT_SEP) or a maybe-boundary. */
void fold_boundary(folded *f, uint32_t kind, size_t at);
uint32_t fold_letter(uint32_t c); /* the folded form, or UNIT_SEP, or 0xFFFFFFFF to skip */

/* A register entry or withheld passage as folded words: letters with
 * single UNIT_SEP units between words, none at either end. */
typedef struct {
    uint32_t *u;
    size_t n;
    int nwords;
} needle;

/* Folds `s`; false when it has no letter or digit at all. */
bool needle_make(arena *a, const char *s, size_t n, needle *out);
/* When the needle occurs at unit i (which must start a word), the unit
 * just past the match, with the rest of the last word (the suffixes text
 * adds: "Omarov's", "Омарова"); otherwise 0. Each needle word must begin
 * a word of the text; words may carry endings. */
size_t needle_match_at(const folded *h, size_t i, const needle *nd);
/* True when unit i begins a word. */
bool fold_word_start(const folded *h, size_t i);

/* ---- the register (register.c) ----------------------------------------- */

typedef struct {
    const char *name;
    srcpos pos;       /* where the entry was given */
    int index;        /* 1-based place in the register, for messages */
    needle nd;
    int count;        /* occurrences withheld */
    bool from_role;   /* added by a {redact} role */
} reg_entry;

struct redaction {
    arena *a;
    edition_kind edition;
    const char *mark;      /* plain-text mark (front matter, literal text) */
    vec entries;           /* reg_entry */
    vec passages;          /* needle: text of withheld {redact} blocks, for the self-check */
    int passages_withheld; /* {redact} blocks */
    bool complete;         /* the register is read (scrub may be used) */
};

/* Reads `redact` and `redact-file` into r->entries and takes both keys out
 * of the front matter. */
void register_read(redaction *r, diag *d, doc_document *doc, const char *const *allow, int nallow);
/* Adds an entry (a {redact} role's text) unless an equal one is there;
 * returns it, or NULL when the text has no letter or digit. */
reg_entry *register_add(redaction *r, const char *name, size_t len, srcpos pos, bool from_role);
/* How an entry is named in messages: its place in the public edition,
 * the name itself otherwise. */
const char *register_label(const redaction *r, const reg_entry *e);

/* Finds the longest register match at unit i; returns its end (0 when
 * none) and the entry. */
size_t register_match_at(const redaction *r, const folded *h, size_t i, reg_entry **which);
/* A copy of `s` with each match replaced by r->mark (public) and counted
 * when `count`; *changed tells whether anything matched. */
char *register_replace(redaction *r, const char *s, size_t n, bool count, bool *changed);

/* ---- the tree (tree.c) ------------------------------------------------- */

void redact_tree(redaction *r, diag *d, doc_document *doc);

/* ---- near misses (nearmiss.c) ------------------------------------------ */

/* Warns about each word of a several-word entry that stands alone in
 * what is printed (review and public editions). */
void redact_near_misses(redaction *r, diag *d, doc_document *doc);

#endif
