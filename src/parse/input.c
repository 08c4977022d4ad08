/* Reading sources: size limit, NUL bytes, byte order mark, line endings
 * and UTF-8, each refused or repaired with a diagnostic at its position. */
#include "parse_internal.h"

#include <errno.h>
#include <string.h>

/* Line and character column of byte offset `off` in `text`. */
static srcpos pos_of(const char *name, const char *text, size_t off)
{
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    int col = (int)utf8_length(text + line_start, off - line_start) + 1;
    return srcpos_make(name, line, col);
}

char *input_normalise(arena *a, diag *d, const char *name, const char *text, size_t len,
                      const parse_options *opt, size_t *out_len)
{
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* a BOM says UTF-8 and nothing else */
    /* the first problem of each kind is reported, with a count of the rest */
    size_t nul_first = (size_t)-1, bad_first = (size_t)-1;
    int nuls = 0, bads = 0;
    strbuf sb;
    sb_init(&sb, a);
    size_t i = start;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\r') {
            sb_putc(&sb, '\n');
            i += (i + 1 < len && text[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (c == 0) {
            if (nuls++ == 0)
                nul_first = i;
            sb_append(&sb, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        if (c < 0x80) {
            size_t j = i + 1;
            while (j < len && (unsigned char)text[j] < 0x80 && text[j] != '\r' && text[j] != 0)
                j++;
            sb_append(&sb, text + i, j - i);
            i = j;
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(text + i, len - i, &cp);
        if (n == 0) {
            if (bads++ == 0)
                bad_first = i;
            sb_append(&sb, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        sb_append(&sb, text + i, (size_t)n);
        i += (size_t)n;
    }
    if (nuls) {
        srcpos at = pos_of(name, text + start, nul_first - start);
        ERROR(d, at, "NUL byte in the source%s", nuls > 1 ? arena_printf(a, " (and %d more)", nuls - 1) : "");
    }
    if (bads) {
        srcpos at = pos_of(name, text + start, bad_first - start);
        const char *more = bads > 1 ? arena_printf(a, " (and %d more)", bads - 1) : "";
        if (opt && opt->replace_invalid)
            WARN(d, at, "invalid UTF-8 replaced by U+FFFD%s", more);
        else
            ERROR(d, at, "invalid UTF-8 byte 0x%02X%s; the source must be UTF-8 (--replace-invalid substitutes U+FFFD)",
                  (unsigned char)text[bad_first], more);
    }
    *out_len = sb.len;
    return sb.len ? sb.data : arena_strdup(a, "");
}

char *input_read(arena *a, diag *d, const char *path, const parse_options *opt, size_t *len,
                 bool *io_error)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    size_t max = opt && opt->max_input ? opt->max_input : PARSE_DEFAULT_MAX_INPUT;
    size_t raw_len = 0;
    bool too_big = false;
    char *raw = read_file(a, path, max, &raw_len, &too_big);
    if (!raw) {
        ERROR(d, srcpos_make(name, 0, 0), "cannot read: %s", strerror(errno));
        *io_error = true;
        return NULL;
    }
    if (too_big) {
        ERROR(d, srcpos_make(name, 0, 0), "input is larger than the limit of %zu bytes (raise it with --max-input-size)",
              max);
        return NULL;
    }
    return input_normalise(a, d, name, raw, raw_len, opt, len);
}

struct col_memo {
    int line;
    size_t off, chars;
};

void source_index_lines(source *src)
{
    int n = 1;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n')
            n++;
    size_t *starts = ARENA_ARRAY(src->a, size_t, n + 1);
    int k = 0;
    starts[k++] = 0;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n')
            starts[k++] = i + 1;
    starts[k] = src->len;
    src->line_starts = starts;
    src->nlines = n;
    src->memo = ARENA_NEW(src->a, struct col_memo);
}

srcpos source_pos(const source *src, int line, int byte_col)
{
    if (line <= 0)
        return srcpos_make(src->file, 0, 0);
    int l = line + src->line_offset;
    int col = byte_col;
    if (src->line_starts && line >= 1 && line <= src->nlines && byte_col > 0) {
        size_t start = src->line_starts[line - 1];
        size_t end = src->line_starts[line];
        size_t off = (size_t)(byte_col - 1);
        if (start + off > end)
            off = end - start;
        /* counting from the last column on the same line keeps a line of
         * 200,000 emphasis markers linear instead of quadratic */
        struct col_memo *m = src->memo;
        size_t from = 0, chars = 0;
        if (m && m->line == line && m->off <= off) {
            from = m->off;
            chars = m->chars;
        }
        chars += utf8_length(src->text + start + from, off - from);
        if (m) {
            m->line = line;
            m->off = off;
            m->chars = chars;
        }
        col = (int)chars + 1;
    }
    return srcpos_make(src->file, l, col > 0 ? col + src->col_offset : 0);
}
