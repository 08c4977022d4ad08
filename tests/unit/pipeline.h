/* The whole pipeline on a Markdown string, for tests that look at what a
 * document lays out to: parse, style (the built-in sheet plus `css`),
 * layout; the layout's display lists, its --dump=layout text and the
 * diagnostics are kept for assertions. One run per test; free it with
 * pipeline_free. */
#ifndef DOSSIER_TEST_PIPELINE_H
#define DOSSIER_TEST_PIPELINE_H

#include "testing.h"

#include "../../src/dossier/dossier.h"

typedef struct {
    dossier_result r;
    arena *a;
    diag d;
    FILE *logf;
    char *log;       /* the diagnostics, as the command line prints them */
    size_t loglen;
    font_lib *fonts;
    doc_document *doc;
    layout_result *lay;
    char *dump;      /* --dump=layout */
    size_t dumplen;
} pipeline;

static inline void pipeline_run(pipeline *p, const char *name, const char *md, const char *css)
{
    memset(p, 0, sizeof *p);
    p->logf = open_memstream(&p->log, &p->loglen);
    diag_init(&p->d, p->logf);
    dossier_options opt = {
        .source_name = name,
        .source_text = md,
        .source_len = strlen(md),
        .extra_css = css ? css : "",
        .extra_css_len = css ? strlen(css) : 0,
        .extra_css_name = "test.css",
        .until = DOSSIER_UNTIL_LAYOUT,
        .datadir = TEST_DATA_DIR,
    };
    dossier_compile(&opt, &p->d, &p->r);
    p->a = p->r.arena;
    p->fonts = p->r.fonts;
    p->doc = p->r.doc;
    p->lay = p->r.layout;
    assert_non_null(p->doc);
    assert_non_null(p->lay);
    FILE *f = open_memstream(&p->dump, &p->dumplen);
    layout_dump(f, p->lay);
    fclose(f);
    fflush(p->logf);
}

static inline void pipeline_free(pipeline *p)
{
    dossier_result_free(&p->r);
    fclose(p->logf);
    free(p->log);
    free(p->dump);
    diag_free(&p->d);
}

/* Times `needle` occurs in `hay`. */
static inline int count_of(const char *hay, const char *needle)
{
    int n = 0;
    size_t m = strlen(needle);
    for (const char *s = hay; (s = strstr(s, needle)) != NULL; s += m)
        n++;
    return n;
}

/* The text of a text item, NUL-terminated in a static buffer. */
static inline const char *item_text(const dl_item *it)
{
    static char buf[512];
    size_t n = it->u.text.len < sizeof buf - 1 ? it->u.text.len : sizeof buf - 1;
    memcpy(buf, it->u.text.str, n);
    buf[n] = 0;
    return buf;
}

/* Width of a text item as the PDF sets it. */
static inline float item_width(const dl_item *it)
{
    int units = 0;
    for (size_t i = 0; i < it->u.text.len;) {
        uint32_t cp;
        i += (size_t)utf8_next(it->u.text.str + i, it->u.text.len - i, &cp);
        int w = font_advance(it->u.text.font, cp);
        if (w > 0)
            units += w;
    }
    return (float)units * it->u.text.size / 1000.0f;
}

/* The first text item on page p whose text is s, or NULL. */
static inline const dl_item *find_text(const layout_page *pg, const char *s)
{
    for (int i = 0; i < pg->nitems; i++)
        if (pg->items[i].kind == DL_TEXT && strcmp(item_text(&pg->items[i]), s) == 0)
            return &pg->items[i];
    return NULL;
}

#endif
