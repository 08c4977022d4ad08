/* The fuzz target: one input runs the whole pipeline, parse -> style ->
 * layout -> render, into a PDF in memory, as the command line would.
 *
 * An input is Markdown, optionally followed by a line "@@css@@" and a
 * style sheet applied after the built-in one, so the fuzzer mutates both
 * and the seeds stay readable text. Built with -fsanitize=fuzzer this is a
 * libFuzzer target; linked with replay_main.c it replays files (the
 * regression inputs) under any compiler. */
#include "../../src/dossier/dossier.h"

#include <stdlib.h>
#include <string.h>

/* The folder holding fonts/ and styles/. */
#ifndef FUZZ_DATA_DIR
#define FUZZ_DATA_DIR "."
#endif
/* Relative paths in the input (images, CSV files) resolve against this
 * name's folder, which holds a few real data files. */
#ifndef FUZZ_SOURCE_NAME
#define FUZZ_SOURCE_NAME "tests/fuzz/files/fuzz.md"
#endif

#define CSS_SEPARATOR "\n@@css@@\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *sep = mem_find(text, size, CSS_SEPARATOR, strlen(CSS_SEPARATOR));
    size_t md_len = sep ? (size_t)(sep - text) : size;
    const char *css = sep ? sep + strlen(CSS_SEPARATOR) : NULL;
    size_t css_len = sep ? size - md_len - strlen(CSS_SEPARATOR) : 0;

    /* FUZZ_VERBOSE=1 shows the diagnostics when replaying */
    const char *verbose = getenv("FUZZ_VERBOSE");
    bool show = verbose && *verbose == '1';
    FILE *sink = show ? stderr : fopen("/dev/null", "w");
    diag d;
    diag_init(&d, sink);
    dossier_options opt = {
        .source_name = FUZZ_SOURCE_NAME,
        .source_text = text,
        .source_len = md_len,
        .extra_css = css,
        .extra_css_len = css_len,
        .extra_css_name = "fuzz.css",
        .until = DOSSIER_UNTIL_RENDER,
        .datadir = FUZZ_DATA_DIR,
        /* even an invalid input goes as far as the program would take it */
        .replace_invalid = (size & 1) != 0,
    };
    dossier_result r;
    int status = dossier_compile(&opt, &d, &r);
    if (status == DOSSIER_OK && (!r.pdf || r.pdf_len < 8 || memcmp(r.pdf, "%PDF-", 5) != 0))
        __builtin_trap(); /* "success" without a PDF is a bug */
    if (show && r.pdf)
        fprintf(stderr, "%d pages, %zu bytes of PDF\n", r.layout->npages, r.pdf_len);
    dossier_result_free(&r);
    diag_free(&d);
    if (sink && !show)
        fclose(sink);
    return 0;
}
