/* YAML front matter (pandoc's convention): a --- block at the very top.
 * Read with libyaml's event parser, which never expands aliases, so a
 * hostile document cannot blow up; nesting is skipped, not recursed. */
#include "parse_internal.h"

#include <string.h>
#include <yaml.h>

/* Length of the line starting at s (without its newline). */
static size_t line_len(const char *s, const char *end)
{
    const char *e = memchr(s, '\n', (size_t)(end - s));
    return e ? (size_t)(e - s) : (size_t)(end - s);
}

static bool is_fence(const char *s, size_t n, const char *fence)
{
    if (n < 3 || memcmp(s, fence, 3) != 0)
        return false;
    for (size_t i = 3; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static bool blank_block(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return false;
    return true;
}

static srcpos mark_pos(const source *src, yaml_mark_t m)
{
    /* the block starts on line 2 of the file (after the opening ---) */
    return srcpos_make(src->file, (int)m.line + 2 + src->line_offset, (int)m.column + 1);
}

/* The next event; false at a parser error or past the end, where libyaml
 * would otherwise hand out empty events forever (a loop waiting for a
 * mapping's end would never finish). */
static bool next_event(yaml_parser_t *p, yaml_event_t *ev)
{
    if (!yaml_parser_parse(p, ev))
        return false;
    if (ev->type == YAML_NO_EVENT) {
        yaml_event_delete(ev);
        return false;
    }
    return true;
}

/* Skips a nested value (mapping or sequence) whose start event was just
 * read; returns false on a parser error. */
static bool skip_nested(yaml_parser_t *p)
{
    int depth = 1;
    while (depth > 0) {
        yaml_event_t ev;
        if (!next_event(p, &ev))
            return false;
        if (ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_SEQUENCE_START_EVENT)
            depth++;
        else if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT)
            depth--;
        else if (ev.type == YAML_STREAM_END_EVENT)
            depth = 0;
        yaml_event_delete(&ev);
    }
    return true;
}

/* Aliases are never expanded (no "billion laughs"), and reported once per
 * file: a hostile block may hold thousands. */
static void alias_skipped(source *src, yaml_mark_t m)
{
    diag_once(src->d, arena_printf(src->a, "yaml alias %s", src->file), DIAG_WARNING, mark_pos(src, m),
              "YAML aliases are not supported; this one and any others in the front matter are skipped");
}

static void read_mapping(source *src, yaml_parser_t *p)
{
    for (;;) {
        yaml_event_t key;
        if (!next_event(p, &key))
            return;
        if (key.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&key);
            return;
        }
        if (key.type != YAML_SCALAR_EVENT) {
            WARN(src->d, mark_pos(src, key.start_mark), "front matter keys must be plain names; entry skipped");
            bool nested = key.type == YAML_MAPPING_START_EVENT || key.type == YAML_SEQUENCE_START_EVENT;
            yaml_event_delete(&key);
            if (nested && !skip_nested(p))
                return;
            /* and its value */
            yaml_event_t v;
            if (!next_event(p, &v))
                return;
            nested = v.type == YAML_MAPPING_START_EVENT || v.type == YAML_SEQUENCE_START_EVENT;
            yaml_event_delete(&v);
            if (nested && !skip_nested(p))
                return;
            continue;
        }
        char *name = arena_strndup(src->a, (const char *)key.data.scalar.value, key.data.scalar.length);
        srcpos at = mark_pos(src, key.start_mark);
        yaml_event_delete(&key);

        yaml_event_t v;
        if (!next_event(p, &v))
            return;
        if (v.type == YAML_SCALAR_EVENT) {
            char *value = arena_strndup(src->a, (const char *)v.data.scalar.value, v.data.scalar.length);
            doc_meta_set(src->a, src->doc, name, value, at, false);
        } else if (v.type == YAML_SEQUENCE_START_EVENT) {
            /* a list of plain values: joined, as keywords and authors are */
            strbuf sb;
            sb_init(&sb, src->a);
            vec items; /* kept apart too: a register entry may hold a comma */
            vec_init(&items, sizeof(const char *));
            bool ok = true;
            for (;;) {
                yaml_event_t item;
                if (!next_event(p, &item)) {
                    ok = false;
                    break;
                }
                if (item.type == YAML_SEQUENCE_END_EVENT) {
                    yaml_event_delete(&item);
                    break;
                }
                if (item.type == YAML_SCALAR_EVENT) {
                    if (sb.len)
                        sb_puts(&sb, ", ");
                    sb_append(&sb, (const char *)item.data.scalar.value, item.data.scalar.length);
                    *VEC_PUSH(src->a, &items, const char *) =
                        arena_strndup(src->a, (const char *)item.data.scalar.value, item.data.scalar.length);
                } else if (item.type == YAML_MAPPING_START_EVENT || item.type == YAML_SEQUENCE_START_EVENT) {
                    WARN(src->d, mark_pos(src, item.start_mark), "nested values in front matter key '%s' are not supported; skipped", name);
                    if (!skip_nested(p)) {
                        yaml_event_delete(&item);
                        ok = false;
                        break;
                    }
                } else if (item.type == YAML_ALIAS_EVENT) {
                    alias_skipped(src, item.start_mark);
                }
                yaml_event_delete(&item);
            }
            if (!ok) {
                yaml_event_delete(&v);
                return;
            }
            if (!doc_meta_get(src->doc, name)) {
                doc_meta_set(src->a, src->doc, name, sb.data, at, false);
                doc_meta_set_items(src->doc, name, items.data, (int)items.len);
            }
        } else if (v.type == YAML_MAPPING_START_EVENT) {
            WARN(src->d, at, "front matter key '%s' holds a mapping, which is not supported; skipped", name);
            if (!skip_nested(p)) {
                yaml_event_delete(&v);
                return;
            }
        } else if (v.type == YAML_ALIAS_EVENT) {
            alias_skipped(src, v.start_mark);
        }
        yaml_event_delete(&v);
    }
}

void frontmatter_read(source *src, char *text, size_t len)
{
    const char *end = text + len;
    size_t first = line_len(text, end);
    if (!is_fence(text, first, "---") || first + 1 >= len)
        return;
    const char *body = text + first + 1;
    /* pandoc's rule: a --- followed by a blank line is a thematic break */
    if (*body == '\n')
        return;
    const char *s = body;
    const char *close = NULL;
    while (s < end) {
        size_t n = line_len(s, end);
        if (is_fence(s, n, "---") || is_fence(s, n, "...")) {
            close = s;
            break;
        }
        s += n + 1;
    }
    if (!close) {
        WARN(src->d, srcpos_make(src->file, 1 + src->line_offset, 1),
             "the --- on the first line is never closed, so it is read as a thematic break, not as front matter");
        return;
    }
    size_t ylen = (size_t)(close - body);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return;
    yaml_parser_set_input_string(&p, (const unsigned char *)body, ylen);
    bool done = false, mapping = false, content = false;
    while (!done) {
        yaml_event_t ev;
        if (!next_event(&p, &ev))
            break;
        switch (ev.type) {
        case YAML_MAPPING_START_EVENT:
            mapping = true;
            read_mapping(src, &p);
            break;
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_ALIAS_EVENT:
            content = true;
            done = true;
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    if (p.error != YAML_NO_ERROR) {
        /* libyaml reports where it gave up; the context says where the
         * construct it could not finish began */
        srcpos from = mark_pos(src, p.context_mark);
        ERROR(src->d, mark_pos(src, p.problem_mark), "front matter: %s%s%s%s", p.problem ? p.problem : "invalid YAML",
              p.context ? " " : "", p.context ? p.context : "",
              p.context ? arena_printf(src->a, " that begins at %d:%d", from.line, from.col) : "");
    } else if (!mapping && !content && !blank_block(body, ylen)) {
        /* comments only (a template's keys all commented out): empty
         * front matter, not headings */
    } else if (!mapping) {
        /* "---\nFoo\n---" is a heading between rules to CommonMark:
         * only a mapping is front matter, anything else stays text */
        WARN(src->d, srcpos_make(src->file, 1 + src->line_offset, 1),
             "the --- block on the first line is not a YAML mapping of keys to values, so it is read as Markdown");
        yaml_parser_delete(&p);
        return;
    }
    yaml_parser_delete(&p);
    /* blank the block so Markdown sees empty lines and positions hold */
    size_t n = line_len(close, end);
    for (char *c = text; c < close + n; c++)
        if (*c != '\n')
            *c = ' ';
}
