/* Near misses: a register entry of several words withholds them only
 * together, so a word of it standing alone ("Kemelbekov said") is printed.
 * Each such word of four letters or more found in what is printed is a
 * warning: the author decides whether it names the same person. */
#include "redact_internal.h"

#include <string.h>

typedef struct {
    const reg_entry *e;
    int word;           /* 1-based within the entry */
    needle nd;          /* the word alone */
    int count;
    srcpos first;
} lone_word;

static void add_words(redaction *r, vec *words, const reg_entry *e)
{
    if (e->nd.nwords < 2)
        return;
    size_t start = 0;
    int w = 0;
    for (size_t k = 0; k <= e->nd.n; k++) {
        if (k < e->nd.n && e->nd.u[k] != UNIT_SEP)
            continue;
        w++;
        if (k - start >= 4) {
            lone_word *lw = VEC_PUSH(r->a, words, lone_word);
            lw->e = e;
            lw->word = w;
            lw->nd.u = e->nd.u + start;
            lw->nd.n = k - start;
            lw->nd.nwords = 1;
        }
        start = k + 1;
    }
}

/* The text under `n` folded as one run, as the pass reads it; marks and
 * withheld spans are not printed text here. */
static void fold_run(const doc_node *n, folded *f, size_t *base)
{
    for (const doc_node *c = n->first; c; c = c->next) {
        if (c->kind == DOC_TEXT || c->kind == DOC_CODE || c->kind == DOC_HTML_INLINE) {
            fold_utf8(f, c->text, c->len, *base);
            *base += c->len;
        } else if (c->kind == DOC_SPAN && (doc_has_class(c, "redacted") || doc_has_class(c, "withheld"))) {
            fold_boundary(f, UNIT_SEP, *base);
        } else if (doc_is_inline(c->kind) && c->kind != DOC_IMAGE) {
            fold_run(c, f, base);
        } else {
            fold_boundary(f, UNIT_SEP, *base);
        }
    }
}

/* Counts lone words, passing over whole occurrences (text the review
 * edition and the front matter still hold). */
static void count_in(const redaction *r, vec *words, const folded *f, srcpos at)
{
    for (size_t i = 0; i < f->n; i++) {
        reg_entry *e;
        size_t end = register_match_at(r, f, i, &e);
        if (end) {
            i = end - 1;
            continue;
        }
        if (!fold_word_start(f, i))
            continue;
        for (size_t k = 0; k < words->len; k++) {
            lone_word *lw = &VEC_AT(words, lone_word, k);
            if (lw->nd.u[0] == f->u[i] && needle_match_at(f, i, &lw->nd)) {
                if (!lw->count++)
                    lw->first = at;
            }
        }
    }
}

static const char *word_text(arena *a, const needle *nd)
{
    strbuf sb;
    sb_init(&sb, a);
    for (size_t i = 0; i < nd->n; i++)
        sb_put_cp(&sb, nd->u[i]);
    return sb.data;
}

static bool has_inline_child(const doc_node *n)
{
    for (const doc_node *c = n->first; c; c = c->next)
        if (doc_is_inline(c->kind))
            return true;
    return false;
}

void redact_near_misses(redaction *r, diag *d, doc_document *doc)
{
    vec words;
    vec_init(&words, sizeof(lone_word));
    for (size_t i = 0; i < r->entries.len; i++)
        add_words(r, &words, &VEC_AT(&r->entries, reg_entry, i));
    if (!words.len)
        return;
    folded f;
    fold_init(&f, r->a);
    for (doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (!(!doc_is_inline(n->kind) || n->kind == DOC_IMAGE) || !has_inline_child(n))
            continue;
        fold_reset(&f);
        size_t base = 0;
        fold_run(n, &f, &base);
        count_in(r, &words, &f, n->pos);
    }
    for (const doc_meta *m = doc->meta; m; m = m->next) {
        fold_reset(&f);
        fold_utf8(&f, m->value, strlen(m->value), 0);
        count_in(r, &words, &f, m->pos);
    }
    for (size_t k = 0; k < words.len; k++) {
        const lone_word *lw = &VEC_AT(&words, lone_word, k);
        if (!lw->count)
            continue;
        if (r->edition == EDITION_PUBLIC)
            WARN(d, lw->first, "word %d of register entry %d stands alone %d time%s (first here) and is printed; "
                 "if it names the same person, add it to the register", lw->word, lw->e->index, lw->count,
                 lw->count == 1 ? "" : "s");
        else
            WARN(d, lw->first, "'%s' of register entry %d '%s' stands alone %d time%s (first here) and is printed "
                 "in the public edition; if it names the same person, add it to the register",
                 word_text(r->a, &lw->nd), lw->e->index, lw->e->name, lw->count, lw->count == 1 ? "" : "s");
    }
}
