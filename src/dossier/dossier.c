/* The pipeline written once: parse -> style -> layout -> render -> write. */
#include "dossier_internal.h"
#include "../redact/redact.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
            WARN(d, srcpos_make("SOURCE_DATE_EPOCH", 0, 0), "'%s' is not a number of seconds; using the current time",
                 sde);
        } else {
            *when = (time_t)v;
            return true;
        }
    }
    *when = time(NULL);
    return false;
}

static char *default_output(arena *a, const char *input)
{
    const char *dot = strrchr(input, '.');
    const char *slash = strrchr(input, '/');
    if (dot && (!slash || dot > slash))
        return arena_printf(a, "%.*s.pdf", (int)(dot - input), input);
    return arena_printf(a, "%s.pdf", input);
}

/* Where the PDF goes, decided before any work: standard input has no
 * name to derive one from. Returns NULL (diagnosed) when there is none. */
static const char *output_path(arena *a, diag *d, const dossier_options *opt)
{
    if (opt->output)
        return opt->output;
    if (opt->ninputs == 0) {
        ERROR(d, srcpos_make(opt->source_name, 0, 0), "a source in memory needs an output file");
        return NULL;
    }
    if (strcmp(opt->inputs[0], "-") == 0) {
        ERROR(d, srcpos_make("<stdin>", 0, 0), "reading standard input needs -o FILE (or -o - for standard output)");
        return NULL;
    }
    return default_output(a, opt->inputs[0]);
}

/* Sources, data, images and style sheets read, then the fonts drawn with. */
static void collect_deps(dossier_result *r)
{
    vec deps;
    vec_init(&deps, sizeof(const char *));
    for (size_t i = 0; i < r->doc->inputs.len; i++) {
        const char *path = VEC_AT(&r->doc->inputs, const char *, i);
        if (strcmp(path, "-") != 0)
            *VEC_PUSH(r->arena, &deps, const char *) = path;
    }
    for (int i = 0; i < font_count(r->fonts); i++) {
        size_t n;
        font_used_chars(r->fonts, font_at(r->fonts, i), &n);
        if (n)
            *VEC_PUSH(r->arena, &deps, const char *) = font_at(r->fonts, i)->path;
    }
    r->deps = deps.data;
    r->ndeps = (int)deps.len;
}

static doc_document *parse_sources(dossier_result *r, diag *d, const dossier_options *opt, int *status)
{
    parse_options popt = {
        .max_input = opt->max_input,
        .replace_invalid = opt->replace_invalid,
        .defines = opt->defines,
        .ndefines = opt->ndefines,
        .allow_paths = opt->allow_paths,
        .nallow_paths = opt->nallow_paths,
    };
    if (opt->ninputs == 0) {
        diag_add_source(d, opt->source_name, opt->source_text, opt->source_len);
        doc_document *doc =
            parse_markdown_string(r->arena, d, opt->source_name, opt->source_text, opt->source_len, &popt);
        if (!doc)
            *status = DOSSIER_EXIT_INPUT;
        return doc;
    }
    bool io_error = false;
    doc_document *doc = parse_documents(r->arena, d, opt->inputs, opt->ninputs, &popt, &io_error);
    if (!doc)
        *status = io_error ? DOSSIER_EXIT_IO : DOSSIER_EXIT_INPUT;
    return doc;
}

/* Messages about the sources may quote them before the register of
 * withheld names is known: they are held until the redaction pass has
 * run, and the public edition prints them without the names. */
static doc_document *parse_held(dossier_result *r, diag *d, const dossier_options *opt, int *status)
{
    /* source excerpts would quote withheld names and passages: none in a
     * public edition (asked for on the command line, or, once parsed, by
     * the front matter) */
    d->no_excerpts = false;
    for (int i = 0; i < opt->ndefines; i++)
        if (strcmp(opt->defines[i], "edition=public") == 0)
            d->no_excerpts = true;
    char *held = NULL;
    size_t held_len = 0;
    FILE *out = d->out, *hold = out ? open_memstream(&held, &held_len) : NULL;
    if (hold)
        d->out = hold;
    doc_document *doc = parse_sources(r, d, opt, status);
    if (hold) {
        fclose(hold);
        d->out = out;
        fputs(doc ? redact_scrub(r->arena, doc->redaction, held, held_len) : held, out);
        free(held);
    }
    if (doc) {
        d->no_excerpts = d->no_excerpts || redact_edition(doc->redaction) == EDITION_PUBLIC;
        redact_report(d, doc->redaction);
    }
    return doc;
}

/* A --dump prints its stage; without -o, it is all the run does. */
static bool dumped_and_done(const dossier_options *opt, dossier_dump stage, const dossier_result *r)
{
    if (opt->dump != stage)
        return false;
    FILE *out = opt->dump_out ? opt->dump_out : stdout;
    if (stage == DOSSIER_DUMP_TREE)
        doc_dump(out, r->doc);
    else if (stage == DOSSIER_DUMP_STYLE)
        style_dump(out, r->doc, r->style);
    else
        layout_dump(out, r->layout);
    return !opt->output;
}

static void print_summary(const dossier_result *r, const double t[5], const size_t mem[3])
{
    const layout_result *lay = r->layout;
    fprintf(stderr,
            "dossier: %s: %d pages, %zu bytes; parse %.1f ms, style %.1f ms, layout %.1f ms "
            "(line breaking %.2f ms, breaker %.2f ms), render %.1f ms; arena after parse %.1f, style %.1f, "
            "layout %.1f, render %.1f MB\n",
            r->output, lay->npages, r->pdf_len, (t[1] - t[0]) * 1e3, (t[2] - t[1]) * 1e3, (t[3] - t[2]) * 1e3,
            lay->stats.linebreak_seconds * 1e3, lay->stats.breaker_seconds * 1e3, (t[4] - t[3]) * 1e3,
            (double)mem[0] / 1048576.0, (double)mem[1] / 1048576.0, (double)mem[2] / 1048576.0,
            (double)arena_used(r->arena) / 1048576.0);
}

/* The stages in order; returns the exit status, filling `r` as it goes. */
static int run(dossier_result *r, diag *d, const dossier_options *opt)
{
    arena *a = r->arena;
    double t[5];
    size_t mem[3];
    t[0] = now_seconds();
    const char *out = NULL;
    if (opt->until == DOSSIER_UNTIL_WRITE && !(opt->dump && !opt->output)) {
        out = output_path(a, d, opt);
        if (!out)
            return DOSSIER_EXIT_USAGE;
    }
    const char *datadir = opt->datadir ? opt->datadir : dossier_data_dir(a);
    int status = DOSSIER_OK;
    r->doc = parse_held(r, d, opt, &status);
    if (!r->doc)
        return status;
    if (dumped_and_done(opt, DOSSIER_DUMP_TREE, r))
        return DOSSIER_OK;
    t[1] = now_seconds();
    mem[0] = arena_used(a);

    r->fonts = font_lib_new(a, d, arena_printf(a, "%s/fonts", datadir));
    if (!r->fonts)
        return DOSSIER_EXIT_IO;
    int nsheets = 0;
    style_source *sheets = dossier_gather_sheets(a, d, r->doc, opt, datadir, &nsheets, &status);
    if (!sheets)
        return status;
    r->style = style_compute(a, d, r->fonts, r->doc, sheets, nsheets);
    if (!r->style)
        return DOSSIER_EXIT_INPUT;
    style_format_numbers(a, r->style, r->doc);
    if (dumped_and_done(opt, DOSSIER_DUMP_STYLE, r))
        return DOSSIER_OK;
    t[2] = now_seconds();
    mem[1] = arena_used(a);

    if (opt->pdfua && render_check_accessible(a, d, r->doc) > 0)
        return DOSSIER_EXIT_INPUT;

    layout_options lopt = {
        .first_fit = opt->first_fit,
        .allow_paths = opt->allow_paths,
        .nallow_paths = opt->nallow_paths,
        .hyphen_dir = arena_printf(a, "%s/hyphen", datadir),
    };
    r->layout = layout_document(a, d, r->fonts, r->doc, r->style, &lopt);
    if (!r->layout)
        return DOSSIER_EXIT_INPUT;
    collect_deps(r);
    if (dumped_and_done(opt, DOSSIER_DUMP_LAYOUT, r))
        return DOSSIER_OK;
    t[3] = now_seconds();
    mem[2] = arena_used(a);
    if (diag_failed(d))
        return DOSSIER_EXIT_INPUT;
    if (opt->until == DOSSIER_UNTIL_LAYOUT)
        return DOSSIER_OK;

    render_options ropt = {.pdfa = opt->pdfa, .pdfa_part = opt->pdfa_part, .pdfa_level = opt->pdfa_level,
                           .pdfua = opt->pdfua, .untagged = opt->no_tags, .compress = !opt->no_compress};
    ropt.reproducible = creation_date(d, &ropt.date);
    if (!render_pdf(a, d, r->fonts, r->doc, r->layout, &ropt, &r->pdf, &r->pdf_len))
        return DOSSIER_EXIT_IO;
    t[4] = now_seconds();
    collect_deps(r); /* the fonts used are known once drawn */
    /* the public edition leaves only when no withheld text is in it */
    if (redact_edition(r->doc->redaction) == EDITION_PUBLIC &&
        !redact_check_pdf(a, d, r->doc->redaction, r->pdf, r->pdf_len)) {
        r->pdf = NULL;
        r->pdf_len = 0;
        return DOSSIER_EXIT_INPUT;
    }
    if (diag_failed(d) || opt->until == DOSSIER_UNTIL_RENDER)
        return diag_failed(d) ? DOSSIER_EXIT_INPUT : DOSSIER_OK;

    if (!dossier_write_atomically(a, d, out, r->pdf, r->pdf_len))
        return DOSSIER_EXIT_IO;
    r->output = out;
    if (opt->depfile && !dossier_write_depfile(a, d, opt->depfile, out, r->deps, r->ndeps))
        return DOSSIER_EXIT_IO;
    if (opt->verbose)
        print_summary(r, t, mem);
    return DOSSIER_OK;
}

int dossier_compile(const dossier_options *opt, diag *d, dossier_result *result)
{
    dossier_result local;
    dossier_result *r = result ? result : &local;
    memset(r, 0, sizeof *r);
    r->arena = arena_new();
    int status = run(r, d, opt);
    if (status == DOSSIER_OK && diag_failed(d))
        status = DOSSIER_EXIT_INPUT;
    if (!result)
        dossier_result_free(r);
    return status;
}

void dossier_result_free(dossier_result *r)
{
    if (r->fonts)
        font_lib_free(r->fonts);
    arena_free(r->arena);
    memset(r, 0, sizeof *r);
}
