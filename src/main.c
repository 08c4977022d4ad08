/* dossier: the command line, and nothing else. */
#include "dossier/dossier.h"
#include "redact/redact.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

enum { EXIT_OK = DOSSIER_OK, EXIT_USAGE = DOSSIER_EXIT_USAGE };

typedef struct {
    const char *output;
    vec styles;       /* const char* */
    vec defines;      /* const char* */
    vec allow_paths;  /* const char* */
    vec inputs;       /* const char* */
    dossier_dump dump;
    const char *depfile;
    diag_format diagnostics;
    bool strict, quiet, verbose, pdfa, replace_invalid, first_fit, watch, no_tags, pdfua;
    int pdfa_part;    /* 1 or 2 */
    char pdfa_level;  /* 'B' or 'U' */
    size_t max_input;
} options;

static void usage(FILE *out)
{
    fputs("usage: dossier [options] INPUT.md...\n"
          "\n"
          "Compiles Markdown sources (CommonMark + GFM, YAML front matter, directives)\n"
          "and CSS style sheets into one paginated PDF dossier.\n"
          "\n"
          "  -o FILE            write the PDF to FILE (default: the first input with .pdf;\n"
          "                     '-' writes to standard output)\n"
          "  -s FILE            add a style sheet after the built-in one (repeatable)\n"
          "  -D KEY=VALUE       set a front-matter key, overriding the sources (repeatable)\n"
          "  --edition=NAME     full (default: everything), review (withheld parts\n"
          "                     highlighted) or public (withheld parts replaced by a mark,\n"
          "                     the output checked for them before it is written)\n"
          "  --strict           treat warnings as errors\n"
          "  --watch            compile again whenever a file the PDF depends on changes,\n"
          "                     until interrupted\n"
          "  --dump=tree|style|layout\n"
          "                     print a stage's result to standard output instead of the PDF\n"
          "                     (the PDF is still written when -o is given)\n"
          "  -M FILE            write a make dependency rule for the output to FILE\n"
          "  --diagnostics=text|short|json|github\n"
          "                     how errors and warnings are written: with the source line\n"
          "                     and a caret (text, the default), one line each (short), one\n"
          "                     JSON object per line, or GitHub Actions annotations\n"
          "  --pdfa[=1b|2b|2u]  produce PDF/A (1b when no part is given)\n"
          "  --pdfua            produce PDF/UA-1; what only the author can fix is an error\n"
          "  --no-tags          leave out the structure tree (tagged PDF is the default)\n"
          "  --replace-invalid  replace invalid UTF-8 by U+FFFD (with a warning)\n"
          "  --max-input-size=N refuse inputs larger than N bytes (default 16M; K and M suffixes)\n"
          "  --allow-path DIR   allow images and data files from DIR (repeatable)\n"
          "  --first-fit        greedy line breaking instead of Knuth-Plass (for comparison)\n"
          "  -q, --quiet        print errors only\n"
          "  -v, --verbose      print notes and a summary\n"
          "  -h, --help         show this help\n"
          "  --version          show the version\n"
          "\n"
          "'-' as an input reads standard input. Exit status: 0 success, 1 errors in the\n"
          "input, 2 usage, 3 I/O or system error.\n",
          out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "dossier: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'dossier --help'.\n");
    return EXIT_USAGE;
}

static bool parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno)
        return false;
    if (*end == 'K' || *end == 'k')
        v *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        v *= 1024 * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        v *= 1024ull * 1024 * 1024, end++;
    if (*end || v == 0)
        return false;
    *out = (size_t)v;
    return true;
}

/* Refuses what cannot work before any work is done: binary PDF on a
 * terminal (as gzip does), and standard input with no name to derive the
 * output's from. Returns -1 to go on, else the exit status. */
static int check_output(const options *o)
{
    bool pdf_wanted = o->output || o->dump == DOSSIER_DUMP_NONE;
    if (o->output && strcmp(o->output, "-") == 0 && isatty(STDOUT_FILENO))
        return usage_error("%s", "will not write a binary PDF to a terminal; redirect standard output, or give -o FILE");
    if (pdf_wanted && !o->output && strcmp(VEC_AT(&o->inputs, const char *, 0), "-") == 0)
        return usage_error("%s", "reading standard input needs -o FILE (or -o - for standard output)");
    if (o->watch && (!pdf_wanted || (o->output && strcmp(o->output, "-") == 0)))
        return usage_error("%s", "--watch writes a PDF file: give -o FILE, not -o - or --dump alone");
    for (size_t i = 0; o->watch && i < o->inputs.len; i++)
        if (strcmp(VEC_AT(&o->inputs, const char *, i), "-") == 0)
            return usage_error("%s", "--watch cannot watch standard input");
    return -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(arena *a, int argc, char **argv, options *o)
{
    vec_init(&o->styles, sizeof(const char *));
    vec_init(&o->defines, sizeof(const char *));
    vec_init(&o->allow_paths, sizeof(const char *));
    vec_init(&o->inputs, sizeof(const char *));
    bool only_inputs = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_inputs || arg[0] != '-' || strcmp(arg, "-") == 0) {
            *VEC_PUSH(a, &o->inputs, const char *) = arg;
            continue;
        }
        const char *value = NULL;
#define TAKES_VALUE(name)                                                         \
    ((strcmp(arg, name) == 0 && (i + 1 < argc ? (value = argv[++i], true)       \
                                               : (value = NULL, true))) ||         \
     (strncmp(arg, name "=", strlen(name) + 1) == 0 && (value = arg + strlen(name) + 1, true)))
        if (strcmp(arg, "--") == 0) {
            only_inputs = true;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(arg, "--version") == 0) {
            printf("dossier %s\n", DOSSIER_VERSION);
            return EXIT_OK;
        } else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
            o->quiet = true;
        } else if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(arg, "--strict") == 0) {
            o->strict = true;
        } else if (strcmp(arg, "--watch") == 0) {
            o->watch = true;
        } else if (strcmp(arg, "--pdfa") == 0 || strcmp(arg, "--pdfa=1b") == 0) {
            o->pdfa = true;
            o->pdfa_part = 1;
            o->pdfa_level = 'B';
        } else if (strcmp(arg, "--pdfa=2b") == 0 || strcmp(arg, "--pdfa=2u") == 0) {
            o->pdfa = true;
            o->pdfa_part = 2;
            o->pdfa_level = arg[8] == 'u' ? 'U' : 'B';
        } else if (strncmp(arg, "--pdfa=", 7) == 0) {
            return usage_error("--pdfa takes 1b, 2b or 2u, not '%s'", arg + 7);
        } else if (strcmp(arg, "--pdfua") == 0) {
            o->pdfua = true;
        } else if (strcmp(arg, "--no-tags") == 0) {
            o->no_tags = true;
        } else if (strcmp(arg, "--replace-invalid") == 0) {
            o->replace_invalid = true;
        } else if (strcmp(arg, "--first-fit") == 0) {
            o->first_fit = true;
        } else if (TAKES_VALUE("-o") || TAKES_VALUE("--output")) {
            if (!value)
                return usage_error("%s needs a file name", arg);
            o->output = value;
        } else if (TAKES_VALUE("-s") || TAKES_VALUE("--style")) {
            if (!value)
                return usage_error("%s needs a style sheet", arg);
            *VEC_PUSH(a, &o->styles, const char *) = value;
        } else if (TAKES_VALUE("-D") || TAKES_VALUE("--define")) {
            if (!value)
                return usage_error("%s needs KEY=VALUE", arg);
            *VEC_PUSH(a, &o->defines, const char *) = value;
        } else if (TAKES_VALUE("--edition")) {
            edition_kind ed;
            if (!value || !edition_from_name(value, &ed))
                return usage_error("--edition takes full, review or public, not '%s'", value ? value : "");
            *VEC_PUSH(a, &o->defines, const char *) = arena_printf(a, "edition=%s", value);
        } else if (TAKES_VALUE("-M")) {
            if (!value)
                return usage_error("%s needs a file name", arg);
            o->depfile = value;
        } else if (TAKES_VALUE("--allow-path")) {
            if (!value)
                return usage_error("%s needs a folder", arg);
            *VEC_PUSH(a, &o->allow_paths, const char *) = value;
        } else if (TAKES_VALUE("--max-input-size")) {
            if (!value || !parse_size(value, &o->max_input))
                return usage_error("--max-input-size needs a positive size such as 64M, not '%s'", value ? value : "");
        } else if (TAKES_VALUE("--diagnostics")) {
            static const char *const names[] = {"short", "text", "json", "github"};
            size_t k = 0;
            while (value && k < COUNT_OF(names) && strcmp(value, names[k]) != 0)
                k++;
            if (!value || k == COUNT_OF(names))
                return usage_error("--diagnostics takes text, short, json or github, not '%s'", value ? value : "");
            o->diagnostics = (diag_format)k; /* names[] is in diag_format's order */
        } else if (TAKES_VALUE("--dump")) {
            if (!value)
                return usage_error("%s needs tree, style or layout", arg);
            if (strcmp(value, "tree") == 0)
                o->dump = DOSSIER_DUMP_TREE;
            else if (strcmp(value, "style") == 0)
                o->dump = DOSSIER_DUMP_STYLE;
            else if (strcmp(value, "layout") == 0)
                o->dump = DOSSIER_DUMP_LAYOUT;
            else
                return usage_error("--dump takes tree, style or layout, not '%s'", value);
        } else if (arg[1] == 'o' || arg[1] == 's' || arg[1] == 'D' || arg[1] == 'M') {
            /* -oFILE, -sFILE, -DKEY=VALUE */
            value = arg + 2;
            if (arg[1] == 'o')
                o->output = value;
            else if (arg[1] == 's')
                *VEC_PUSH(a, &o->styles, const char *) = value;
            else if (arg[1] == 'D')
                *VEC_PUSH(a, &o->defines, const char *) = value;
            else
                o->depfile = value;
        } else {
            return usage_error("unknown option '%s'", arg);
        }
#undef TAKES_VALUE
    }
    if (o->inputs.len == 0)
        return usage_error("%s", "no input files");
    if (o->pdfua && o->no_tags)
        return usage_error("%s", "--pdfua needs the structure tree that --no-tags leaves out");
    return check_output(o);
}

/* The options as dossier_compile takes them. */
static dossier_options compile_options(const options *o)
{
    dossier_options opt = {
        .inputs = o->inputs.data,
        .ninputs = (int)o->inputs.len,
        .styles = o->styles.data,
        .nstyles = (int)o->styles.len,
        .defines = o->defines.data,
        .ndefines = (int)o->defines.len,
        .allow_paths = o->allow_paths.data,
        .nallow_paths = (int)o->allow_paths.len,
        .output = o->output,
        .depfile = o->depfile,
        .dump = o->dump,
        .max_input = o->max_input,
        .replace_invalid = o->replace_invalid,
        .first_fit = o->first_fit,
        .pdfa = o->pdfa,
        .pdfa_part = o->pdfa_part,
        .pdfa_level = o->pdfa_level,
        .pdfua = o->pdfua,
        .no_tags = o->no_tags,
        .verbose = o->verbose,
    };
    return opt;
}

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* Arena blocks (256 KB) and the libraries' buffers come from the heap
     * rather than fresh mappings: a compilation is short, and each new
     * mapping costs its page faults again (a tenth of a 5-page run). */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
    arena *a = arena_new();
    options o = {.diagnostics = DIAG_FORMAT_TEXT};
    int status = parse_args(a, argc, argv, &o);
    if (status >= 0) {
        arena_free(a);
        return status;
    }
    diag d;
    diag_init(&d, stderr);
    d.strict = o.strict;
    d.quiet = o.quiet;
    d.verbose = o.verbose;
    diag_set_format(&d, o.diagnostics, isatty(STDERR_FILENO));
    dossier_options opt = compile_options(&o);
    status = o.watch ? dossier_watch(&opt, &d) : dossier_compile(&opt, &d, NULL);
    diag_flush(&d);
    diag_free(&d);
    arena_free(a);
    return status;
}
