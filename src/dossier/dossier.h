/* dossier: the whole pipeline as one function. Sources (files or text in
 * memory) and style sheets go through parse -> style -> layout -> render
 * into a PDF written atomically; the command line, watch mode, the unit
 * tests and the fuzz target all compile through dossier_compile.
 *
 * Each compilation has an arena of its own and frees everything it took
 * when its result is freed, so one process can compile again and again. */
#ifndef DOSSIER_DOSSIER_H
#define DOSSIER_DOSSIER_H

#include "../layout/layout.h"
#include "../parse/parse.h"
#include "../render/render.h"
#include "../style/style.h"

/* Exit statuses of the program, returned by dossier_compile. */
enum { DOSSIER_OK = 0, DOSSIER_EXIT_INPUT = 1, DOSSIER_EXIT_USAGE = 2, DOSSIER_EXIT_IO = 3 };

typedef enum { DOSSIER_DUMP_NONE, DOSSIER_DUMP_TREE, DOSSIER_DUMP_STYLE, DOSSIER_DUMP_LAYOUT } dossier_dump;

/* How far a compilation goes. */
typedef enum {
    DOSSIER_UNTIL_WRITE = 0, /* the PDF written to `output` (and -M's rule) */
    DOSSIER_UNTIL_RENDER,    /* the PDF in memory only */
    DOSSIER_UNTIL_LAYOUT,    /* pages laid out, nothing rendered */
} dossier_until;

/* What to compile and how. Zero is the default for every field, so new
 * options are added at the end without touching the callers. */
typedef struct {
    const char *const *inputs; /* Markdown files; "-" is standard input */
    int ninputs;
    /* instead of files: one source in memory, named `source_name` in
     * diagnostics and for resolving relative paths */
    const char *source_text;
    size_t source_len;
    const char *source_name;

    const char *const *styles; /* -s: sheets after the front matter's */
    int nstyles;
    const char *extra_css;     /* a sheet in memory, applied last */
    size_t extra_css_len;
    const char *extra_css_name;

    const char *const *defines; /* -D key=value */
    int ndefines;
    const char *const *allow_paths; /* --allow-path */
    int nallow_paths;

    const char *output;  /* NULL: the first input with .pdf; "-": standard output */
    const char *depfile; /* -M */
    dossier_dump dump;   /* printed to dump_out (standard output when NULL) */
    FILE *dump_out;
    dossier_until until;

    const char *datadir; /* fonts/ and styles/; NULL: dossier_data_dir() */
    size_t max_input;    /* 0: PARSE_DEFAULT_MAX_INPUT */
    bool replace_invalid, first_fit, pdfa;
    int pdfa_part;       /* with pdfa: 2 for PDF/A-2, else PDF/A-1 */
    char pdfa_level;     /* with PDF/A-2: 'U' or 'B' */
    bool pdfua;          /* PDF/UA-1: author errors reported, pdfuaid in the XMP */
    bool no_tags;        /* no structure tree (tagged PDF is the default) */
    bool verbose;        /* one summary line with timings on stderr */
    bool no_compress;
} dossier_options;

/* What a compilation made; everything lives in its arena. */
typedef struct {
    arena *arena;
    font_lib *fonts;
    doc_document *doc;
    style_result *style;
    layout_result *layout;
    const unsigned char *pdf; /* NULL unless rendered */
    size_t pdf_len;
    const char *output;       /* where the PDF went (NULL when not written) */
    /* every file the output depends on (sources, data, images, style
     * sheets, fonts used): -M's list, and what --watch watches */
    const char *const *deps;
    int ndeps;
} dossier_result;

/* Runs the pipeline as far as opt->until asks. Diagnostics go to `d`.
 * Returns an exit status (DOSSIER_OK, or the reason it stopped); a
 * warning under --strict makes DOSSIER_EXIT_INPUT. When `result` is not
 * NULL it keeps what was made (also after a failure, as far as it got)
 * until dossier_result_free; otherwise everything is freed at once. */
int dossier_compile(const dossier_options *opt, diag *d, dossier_result *result);
void dossier_result_free(dossier_result *result);

/* Compiles, then again each time a file the output depends on changes,
 * until SIGINT or SIGTERM; one status line per build on stderr. The
 * output must be a file. Returns DOSSIER_OK when stopped by a signal. */
int dossier_watch(const dossier_options *opt, diag *d);

/* Where the bundled fonts and style sheets are: $DOSSIER_DATADIR, beside
 * an installed binary, the source tree of build/dossier, or the
 * installation's DATADIR. The string lives in `a`. */
const char *dossier_data_dir(arena *a);

/* Writes `data` to `path` through a temporary file renamed into place, so
 * a reader never sees half a file; "-" is standard output, and a device
 * or pipe is written in place. */
bool dossier_write_atomically(arena *a, diag *d, const char *path, const unsigned char *data, size_t len);

#endif
