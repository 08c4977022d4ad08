/* The fuzz target: one input runs the whole pipeline, parse -> style ->
 * layout -> render, into a PDF in memory, as the command line would.
 *
 * An input is Markdown, optionally followed by a line "@@css@@" and a
 * style sheet applied after the built-in one, so the fuzzer mutates both
 * and the seeds stay readable text. Built with -fsanitize=fuzzer this is a
 * libFuzzer target; linked with replay_main.c it replays files (the
 * regression inputs) under any compiler. */
#include "../../src/layout/layout.h"
#include "../../src/parse/parse.h"
#include "../../src/render/render.h"

#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_FONTS_DIR
#define FUZZ_FONTS_DIR "fonts"
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

    arena *a = arena_new();
    /* FUZZ_VERBOSE=1 shows the diagnostics when replaying */
    const char *verbose = getenv("FUZZ_VERBOSE");
    bool show = verbose && *verbose == '1';
    FILE *sink = show ? stderr : fopen("/dev/null", "w");
    diag d;
    diag_init(&d, sink);
    /* even an invalid input goes as far as the program would take it */
    parse_options popt = {.replace_invalid = (size & 1) != 0};
    doc_document *doc = parse_markdown_string(a, &d, FUZZ_SOURCE_NAME, text, md_len, &popt);
    font_lib *fonts = doc ? font_lib_new(a, &d, FUZZ_FONTS_DIR) : NULL;
    if (fonts) {
        style_source sheets[2] = {{"<default>", embedded_default_css, embedded_default_css_len},
                                  {"fuzz.css", css ? arena_strndup(a, css, css_len) : "", css_len}};
        style_result *st = style_compute(a, &d, fonts, doc, sheets, css ? 2 : 1);
        layout_options lopt = {0};
        layout_result *lay = st ? layout_document(a, &d, fonts, doc, st, &lopt) : NULL;
        /* the program renders only an input without errors */
        if (lay && !diag_failed(&d)) {
            render_options ropt = {.compress = true, .reproducible = true};
            const unsigned char *pdf = NULL;
            size_t pdf_len = 0;
            bool ok = render_pdf(a, &d, fonts, doc, lay, &ropt, &pdf, &pdf_len);
            if (ok && (pdf_len < 8 || memcmp(pdf, "%PDF-", 5) != 0))
                __builtin_trap(); /* "success" without a PDF is a bug */
            if (show)
                fprintf(stderr, "%d pages, %zu bytes of PDF\n", lay->npages, pdf_len);
        }
        font_lib_free(fonts);
    }
    diag_free(&d);
    if (sink && !show)
        fclose(sink);
    arena_free(a);
    return 0;
}
