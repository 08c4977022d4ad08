/* dossier: the command line, and nothing else. */
#include "layout/layout.h"
#include "parse/parse.h"
#include "render/render.h"
#include "style/style.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

typedef enum { DUMP_NONE, DUMP_TREE, DUMP_STYLE, DUMP_LAYOUT } dump_kind;

typedef struct {
    const char *output;
    vec styles;       /* const char* */
    vec defines;      /* const char* */
    vec allow_paths;  /* const char* */
    vec inputs;       /* const char* */
    dump_kind dump;
    const char *depfile;
    bool strict, quiet, verbose, pdfa, replace_invalid, first_fit, no_tags, pdfua;
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
          "  --strict           treat warnings as errors\n"
          "  --dump=tree|style|layout\n"
          "                     print a stage's result to standard output instead of the PDF\n"
          "                     (the PDF is still written when -o is given)\n"
          "  -M FILE            write a make dependency rule for the output to FILE\n"
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
        } else if (TAKES_VALUE("--dump")) {
            if (!value)
                return usage_error("%s needs tree, style or layout", arg);
            if (strcmp(value, "tree") == 0)
                o->dump = DUMP_TREE;
            else if (strcmp(value, "style") == 0)
                o->dump = DUMP_STYLE;
            else if (strcmp(value, "layout") == 0)
                o->dump = DUMP_LAYOUT;
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
    return -1;
}

/* Where the bundled fonts are: next to an installed binary, in the source
 * tree for build/dossier, or where `make install` put them. */
static const char *find_data_dir(arena *a)
{
    const char *env = getenv("DOSSIER_DATADIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *dir = path_dirname(a, exe);
        const char *candidates[] = {
            arena_printf(a, "%s/../share/dossier", dir),
            arena_printf(a, "%s/..", dir),
            arena_printf(a, "%s/../..", dir), /* build/asan/dossier */
        };
        for (size_t i = 0; i < COUNT_OF(candidates); i++) {
            struct stat st;
            if (stat(arena_printf(a, "%s/fonts/PTF55F.ttf", candidates[i]), &st) == 0)
                return candidates[i];
        }
    }
    return DOSSIER_DATADIR;
}

static char *default_output(arena *a, const char *input)
{
    const char *dot = strrchr(input, '.');
    const char *slash = strrchr(input, '/');
    if (dot && (!slash || dot > slash))
        return arena_printf(a, "%.*s.pdf", (int)(dot - input), input);
    return arena_printf(a, "%s.pdf", input);
}

/* Writes to a temporary file beside the target, then renames it into
 * place: a failed run never leaves a half-written PDF. */
static bool write_atomically(arena *a, diag *d, const char *path, const unsigned char *data, size_t len)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            ERROR(d, srcpos_make("<stdout>", 0, 0), "cannot write: %s", strerror(errno));
            return false;
        }
        return true;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: it is a folder");
        return false;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (/dev/stdout, a FIFO) is written in place:
         * renaming a file over it would replace the device itself */
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(data, 1, len, f) == len;
        int err = errno;
        if (f && fclose(f) != 0 && ok)
            ok = false, err = errno;
        if (!ok)
            ERROR(d, srcpos_make(path, 0, 0), "cannot write: %s", strerror(err));
        return ok;
    }
    /* through a symbolic link, the file it names is replaced, not the link */
    char *real = realpath(path, NULL);
    if (real) {
        path = arena_strdup(a, real);
        free(real);
    }
    char *tmp = arena_printf(a, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: %s", strerror(errno));
        return false;
    }
    FILE *f = fdopen(fd, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f && fflush(f) != 0)
        ok = false;
    int err = errno;
    if (f)
        fclose(f);
    else
        close(fd);
    /* mkstemp makes the file 0600; a PDF is an ordinary document */
    mode_t mask = umask(0);
    umask(mask);
    if (ok && chmod(tmp, 0666 & ~mask) != 0)
        ok = false, err = errno;
    if (ok && rename(tmp, path) != 0)
        ok = false, err = errno;
    if (!ok) {
        unlink(tmp);
        ERROR(d, srcpos_make(path, 0, 0), "cannot write: %s", strerror(err));
    }
    return ok;
}

/* Make syntax needs spaces and colons escaped in file names. */
static void put_dep_name(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '#' || *s == ':')
            fputc('\\', f);
        if (*s == '$')
            fputc('$', f);
        fputc(*s, f);
    }
}

static bool write_depfile(arena *a, diag *d, const char *depfile, const char *target, const doc_document *doc,
                          const options *o, font_lib *fonts)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return false;
    put_dep_name(f, target);
    fputc(':', f);
    vec deps;
    vec_init(&deps, sizeof(const char *));
    for (size_t i = 0; i < doc->inputs.len; i++)
        *VEC_PUSH(a, &deps, const char *) = VEC_AT(&doc->inputs, const char *, i);
    for (size_t i = 0; i < o->styles.len; i++)
        *VEC_PUSH(a, &deps, const char *) = VEC_AT(&o->styles, const char *, i);
    for (int i = 0; i < font_count(fonts); i++) {
        size_t n;
        font_used_chars(fonts, font_at(fonts, i), &n);
        if (n)
            *VEC_PUSH(a, &deps, const char *) = font_at(fonts, i)->path;
    }
    for (size_t i = 0; i < deps.len; i++) {
        fputs(" \\\n  ", f);
        put_dep_name(f, VEC_AT(&deps, const char *, i));
    }
    fputc('\n', f);
    /* phony targets so a deleted input does not break make */
    for (size_t i = 0; i < deps.len; i++) {
        fputc('\n', f);
        put_dep_name(f, VEC_AT(&deps, const char *, i));
        fputs(":\n", f);
    }
    fclose(f);
    bool ok = write_atomically(a, d, depfile, (const unsigned char *)buf, len);
    free(buf);
    return ok;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SOURCE_DATE_EPOCH (reproducible builds) or the current time. */
static bool creation_date(diag *d, time_t *when)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (*end || errno || v < 0) {
            WARN(d, srcpos_make("SOURCE_DATE_EPOCH", 0, 0), "'%s' is not a number of seconds; using the current time", sde);
        } else {
            *when = (time_t)v;
            return true;
        }
    }
    *when = time(NULL);
    return false;
}

static int compile(arena *a, diag *d, const options *o)
{
    double t0 = now_seconds();
    const char *datadir = find_data_dir(a);
    parse_options popt = {
        .max_input = o->max_input,
        .replace_invalid = o->replace_invalid,
        .defines = o->defines.data,
        .ndefines = (int)o->defines.len,
        .allow_paths = o->allow_paths.data,
        .nallow_paths = (int)o->allow_paths.len,
    };
    bool io_error = false;
    doc_document *doc = parse_documents(a, d, o->inputs.data, (int)o->inputs.len, &popt, &io_error);
    if (!doc)
        return io_error ? EXIT_IO : EXIT_INPUT;
    if (o->dump == DUMP_TREE) {
        doc_dump(stdout, doc);
        if (!o->output)
            return diag_failed(d) ? EXIT_INPUT : EXIT_OK;
    }
    double t_parse = now_seconds();
    size_t m_parse = arena_used(a);

    font_lib *fonts = font_lib_new(a, d, arena_printf(a, "%s/fonts", datadir));
    if (!fonts)
        return EXIT_IO;
    int status = EXIT_OK;

    /* the built-in sheet, then the front matter's `style`, then -s */
    vec sheets;
    vec_init(&sheets, sizeof(style_source));
    style_source *def = VEC_PUSH(a, &sheets, style_source);
    def->name = "<default>";
    def->text = embedded_default_css;
    def->len = embedded_default_css_len;
    vec sheet_paths;
    vec_init(&sheet_paths, sizeof(const char *));
    const char *fm_style = doc_meta_get(doc, "style");
    if (fm_style && *fm_style) {
        const char *s = fm_style;
        while (*s) {
            while (*s == ' ' || *s == ',')
                s++;
            const char *e = s;
            while (*e && *e != ',')
                e++;
            const char *t = e;
            while (t > s && t[-1] == ' ')
                t--;
            if (t > s)
                *VEC_PUSH(a, &sheet_paths, const char *) = path_join(a, doc->base_dir, arena_strndup(a, s, (size_t)(t - s)));
            s = e;
        }
    }
    for (size_t i = 0; i < o->styles.len; i++)
        *VEC_PUSH(a, &sheet_paths, const char *) = VEC_AT(&o->styles, const char *, i);
    for (size_t i = 0; i < sheet_paths.len; i++) {
        const char *path = VEC_AT(&sheet_paths, const char *, i);
        size_t len;
        bool too_big;
        char *text = read_file(a, path, 4u << 20, &len, &too_big);
        if (!text) {
            ERROR(d, srcpos_make(path, 0, 0), "cannot read style sheet: %s", strerror(errno));
            font_lib_free(fonts);
            return EXIT_IO;
        }
        if (too_big) {
            ERROR(d, srcpos_make(path, 0, 0), "style sheet is larger than 4 MB");
            font_lib_free(fonts);
            return EXIT_INPUT;
        }
        style_source *s = VEC_PUSH(a, &sheets, style_source);
        s->name = path;
        s->text = text;
        s->len = len;
        doc_add_input(a, doc, path);
    }
    style_result *style = style_compute(a, d, fonts, doc, sheets.data, (int)sheets.len);
    if (!style) {
        font_lib_free(fonts);
        return EXIT_INPUT;
    }
    if (o->dump == DUMP_STYLE) {
        style_dump(stdout, doc, style);
        if (!o->output) {
            font_lib_free(fonts);
            return diag_failed(d) ? EXIT_INPUT : EXIT_OK;
        }
    }
    double t_style = now_seconds();
    size_t m_style = arena_used(a);

    if (o->pdfua && render_check_accessible(a, d, doc) > 0) {
        font_lib_free(fonts);
        return EXIT_INPUT;
    }

    layout_options lopt = {
        .first_fit = o->first_fit,
        .allow_paths = o->allow_paths.data,
        .nallow_paths = (int)o->allow_paths.len,
    };
    layout_result *lay = layout_document(a, d, fonts, doc, style, &lopt);
    if (!lay) {
        font_lib_free(fonts);
        return EXIT_INPUT;
    }
    if (o->dump == DUMP_LAYOUT) {
        layout_dump(stdout, lay);
        if (!o->output) {
            font_lib_free(fonts);
            return diag_failed(d) ? EXIT_INPUT : EXIT_OK;
        }
    }
    double t_layout = now_seconds();
    size_t m_layout = arena_used(a);
    if (diag_failed(d)) {
        font_lib_free(fonts);
        return EXIT_INPUT;
    }

    render_options ropt = {.pdfa = o->pdfa, .pdfa_part = o->pdfa_part, .pdfa_level = o->pdfa_level,
                           .pdfua = o->pdfua, .compress = true, .untagged = o->no_tags};
    ropt.reproducible = creation_date(d, &ropt.date);
    const unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    if (!render_pdf(a, d, fonts, doc, lay, &ropt, &pdf, &pdf_len)) {
        font_lib_free(fonts);
        return EXIT_IO;
    }
    double t_render = now_seconds();
    if (diag_failed(d)) {
        font_lib_free(fonts);
        return EXIT_INPUT;
    }
    const char *out = o->output;
    if (!out) {
        const char *first = VEC_AT(&o->inputs, const char *, 0);
        if (strcmp(first, "-") == 0) {
            ERROR(d, srcpos_make("<stdin>", 0, 0), "reading standard input needs -o FILE (or -o - for standard output)");
            font_lib_free(fonts);
            return EXIT_USAGE;
        }
        out = default_output(a, first);
    }
    if (!write_atomically(a, d, out, pdf, pdf_len))
        status = EXIT_IO;
    else if (o->depfile && !write_depfile(a, d, o->depfile, out, doc, o, fonts))
        status = EXIT_IO;
    if (o->verbose && status == EXIT_OK) {
        fprintf(stderr,
                "dossier: %s: %d pages, %zu bytes; parse %.1f ms, style %.1f ms, layout %.1f ms "
                "(line breaking %.2f ms, breaker %.2f ms), render %.1f ms; arena after parse %.1f, style %.1f, layout %.1f, "
                "render %.1f MB\n",
                out, lay->npages, pdf_len, (t_parse - t0) * 1e3, (t_style - t_parse) * 1e3,
                (t_layout - t_style) * 1e3, lay->stats.linebreak_seconds * 1e3, lay->stats.breaker_seconds * 1e3,
                (t_render - t_layout) * 1e3,
                (double)m_parse / 1048576.0, (double)m_style / 1048576.0, (double)m_layout / 1048576.0,
                (double)arena_used(a) / 1048576.0);
    }
    font_lib_free(fonts);
    return status;
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
    options o = {0};
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
    status = compile(a, &d, &o);
    if (status == EXIT_OK && diag_failed(&d))
        status = EXIT_INPUT;
    diag_flush(&d);
    diag_free(&d);
    arena_free(a);
    return status;
}
