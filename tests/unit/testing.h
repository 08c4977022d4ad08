/* Shared includes for the unit tests (cmocka). */
#ifndef DOSSIER_TESTING_H
#define DOSSIER_TESTING_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/doc/doc.h"
#include "../../src/util/util.h"

/* Folder of the repository's fonts, for tests that measure text. */
#ifndef TEST_FONTS_DIR
#define TEST_FONTS_DIR "fonts"
#endif
/* The folder holding fonts/ and styles/, for tests that run the pipeline. */
#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "."
#endif

/* What most unit tests start from: an arena, diagnostics written into
 * memory so that a test can check what was reported, and a document tree
 * built by hand. */
typedef struct {
    arena *a;
    diag d;
    FILE *logf;
    char *log;
    size_t loglen;
    doc_document doc;
    int line; /* source line of the next node added */
} test_env;

static inline void test_env_open(test_env *e)
{
    e->a = arena_new();
    e->logf = open_memstream(&e->log, &e->loglen);
    diag_init(&e->d, e->logf);
}

static inline void test_env_close(test_env *e)
{
    fclose(e->logf);
    free(e->log);
    diag_free(&e->d);
    arena_free(e->a);
}

/* cmocka setup and teardown for tests whose state is just a test_env. */
static inline int test_env_setup(void **state)
{
    test_env *e = calloc(1, sizeof *e);
    test_env_open(e);
    *state = e;
    return 0;
}

static inline int test_env_teardown(void **state)
{
    test_env_close(*state);
    free(*state);
    return 0;
}

/* Everything reported so far. */
static inline const char *test_env_log(test_env *e)
{
    fflush(e->logf);
    return e->log ? e->log : "";
}

/* A node of kind k with classes cls under parent (or as the root), on the
 * next source line of t.md. */
static inline doc_node *test_node(test_env *e, doc_node *parent, doc_kind k, const char *cls)
{
    doc_node *n = doc_new(e->a, &e->doc, k, srcpos_make("t.md", ++e->line, 1));
    if (cls)
        n->cls = cls;
    if (parent)
        doc_append(parent, n);
    else
        e->doc.root = n;
    return n;
}

/* A text node "x" under parent. */
static inline doc_node *test_text(test_env *e, doc_node *parent)
{
    doc_node *t = test_node(e, parent, DOC_TEXT, NULL);
    t->text = "x";
    t->len = 1;
    return t;
}

#endif
