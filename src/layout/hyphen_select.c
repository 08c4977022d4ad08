/* Which patterns hyphenate a piece of text: the language in force there
 * (an element's {lang=..} or :lang:, else the document's), each language's
 * dictionary opened once, on first need. A language without patterns is
 * said once: a warning naming the Debian package that provides them, a
 * note when no package does, nothing for scripts set without hyphens. */
#include "layout_internal.h"

#include <string.h>

typedef struct {
    hyphenator *h;   /* NULL: no patterns */
    bool opened;     /* hyph_open tried */
    bool checked;    /* availability known and said */
} lang_hyph;

/* Entries live in the map's own arena, the compilation's: c->a is a
 * scratch arena while tables measure their cells, reset after. */
static lang_hyph *entry(lctx *c, const char *lang)
{
    size_t n = strlen(lang);
    lang_hyph *e = hmap_get(&c->hyphenators, lang, n);
    if (!e) {
        e = ARENA_NEW(c->hyphenators.a, lang_hyph);
        hmap_put(&c->hyphenators, lang, n, e); /* the key is copied */
    }
    return e;
}

static void say_missing(lctx *c, const char *lang)
{
    if (!hyph_customary(lang))
        return;
    char key[64];
    snprintf(key, sizeof key, "nohyph:%s", lang);
    const char *package = hyph_package(lang);
    if (package)
        diag_once(c->d, key, DIAG_WARNING, srcpos_make(NULL, 0, 0),
                  "no hyphenation patterns for language '%s' are installed (Debian package %s); "
                  "text in it is set without hyphenation", lang, package);
    else
        diag_once(c->d, key, DIAG_NOTE, srcpos_make(NULL, 0, 0),
                  "no hyphenation patterns exist for language '%s'; text in it is set without hyphenation",
                  lang);
}

hyphenator *lang_hyphenator(lctx *c, const char *lang)
{
    if (!lang)
        lang = c->lang;
    lang_hyph *e = entry(c, lang);
    if (!e->opened) {
        e->opened = true;
        e->h = hyph_open(lang, c->opt ? c->opt->hyphen_dir : NULL);
        if (e->h)
            *VEC_PUSH(c->hyphenators.a, &c->hyph_opened, hyphenator *) = e->h;
        if (!e->h && !e->checked)
            say_missing(c, lang);
        e->checked = true;
    }
    return e->h;
}

void lang_check_patterns(lctx *c, const char *lang)
{
    if (!lang)
        lang = c->lang;
    lang_hyph *e = entry(c, lang);
    if (e->checked)
        return;
    e->checked = true;
    if (!hyph_available(lang, c->opt ? c->opt->hyphen_dir : NULL)) {
        e->opened = true; /* h stays NULL */
        say_missing(c, lang);
    }
}

void lang_hyphenators_close(lctx *c)
{
    for (size_t i = 0; i < c->hyph_opened.len; i++)
        hyph_close(VEC_AT(&c->hyph_opened, hyphenator *, i));
    c->hyph_opened.len = 0;
}
