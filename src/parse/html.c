/* Raw HTML in Markdown: the safe subset authors use for meaning (sup,
 * sub, br, kbd, mark, abbr, u, ins, del, s, small, span, img; div, aside,
 * details, summary, p, center, headings) becomes document nodes styled
 * by the sheet like any other element. Every other tag is dropped with a
 * warning and the text inside it kept; script, style and other active
 * content are dropped whole. Nothing is executed or fetched.
 *
 * cmark-gfm hands raw HTML over as literal text: an inline node per tag,
 * a block node per run of lines. A small strict tokenizer reads them.
 * An open tag makes its node the parent of what follows (the caller's
 * parent slot) until the matching close tag, or until the enclosing
 * Markdown block ends. */
#include "parse_internal.h"

#include <cmark-gfm.h>
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { TOK_TEXT, TOK_OPEN, TOK_CLOSE, TOK_COMMENT, TOK_OTHER } tok_kind;

#define MAX_ATTRS 16

typedef struct {
    tok_kind kind;
    const char *start;  /* the token's text in the literal */
    size_t len;
    char name[16];      /* lowercased tag name ("" when too long: unknown) */
    bool self_closing;
    int nattrs;
    struct { char name[24]; const char *value; } attrs[MAX_ATTRS];
} html_token;

/* ---- the tokenizer ----------------------------------------------------- */

static bool name_char(char c)
{
    return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Reads a tag at s (which starts with '<'); false when it is not one
 * (the '<' is then text). */
static bool read_tag(arena *a, const char *s, const char *end, html_token *t)
{
    const char *p = s + 1;
    bool close = p < end && *p == '/';
    if (close)
        p++;
    if (p >= end || !isalpha((unsigned char)*p))
        return false;
    const char *n0 = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '-'))
        p++;
    size_t nl = (size_t)(p - n0);
    memset(t, 0, sizeof *t);
    if (nl < sizeof t->name)
        for (size_t i = 0; i < nl; i++)
            t->name[i] = (char)tolower((unsigned char)n0[i]);
    t->kind = close ? TOK_CLOSE : TOK_OPEN;
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p >= end)
            return false;
        if (*p == '>') {
            p++;
            break;
        }
        if (*p == '/' && p + 1 < end && p[1] == '>') {
            t->self_closing = true;
            p += 2;
            break;
        }
        if (close || !name_char(*p))
            return false;
        const char *a0 = p;
        while (p < end && name_char(*p))
            p++;
        size_t al = (size_t)(p - a0);
        const char *value = "";
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p < end && *p == '=') {
            p++;
            while (p < end && isspace((unsigned char)*p))
                p++;
            if (p >= end)
                return false;
            const char *v0, *v1;
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                v0 = p;
                while (p < end && *p != q)
                    p++;
                if (p >= end)
                    return false;
                v1 = p++;
            } else {
                v0 = p;
                while (p < end && !isspace((unsigned char)*p) && *p != '>' && *p != '"' && *p != '\'' && *p != '=' &&
                       *p != '<' && *p != '`')
                    p++;
                v1 = p;
                if (v1 == v0)
                    return false;
            }
            value = arena_strndup(a, v0, (size_t)(v1 - v0));
        }
        if (t->nattrs < MAX_ATTRS && al < sizeof t->attrs[0].name) {
            for (size_t i = 0; i < al; i++)
                t->attrs[t->nattrs].name[i] = (char)tolower((unsigned char)a0[i]);
            t->attrs[t->nattrs].value = value;
            t->nattrs++;
        }
    }
    t->start = s;
    t->len = (size_t)(p - s);
    return true;
}

/* The next token of [*s, end); false at the end. */
static bool next_token(arena *a, const char **s, const char *end, html_token *t)
{
    const char *p = *s;
    if (p >= end)
        return false;
    if (*p == '<') {
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *close = mem_find(p + 4, (size_t)(end - p - 4), "-->", 3);
            const char *stop = close ? close + 3 : end;
            memset(t, 0, sizeof *t);
            t->kind = TOK_COMMENT;
            t->start = p;
            t->len = (size_t)(stop - p);
            *s = stop;
            return true;
        }
        if (end - p >= 2 && (p[1] == '!' || p[1] == '?')) {
            /* declarations, processing instructions, CDATA */
            const char *close = memchr(p, '>', (size_t)(end - p));
            const char *stop = close ? close + 1 : end;
            memset(t, 0, sizeof *t);
            t->kind = TOK_OTHER;
            t->start = p;
            t->len = (size_t)(stop - p);
            *s = stop;
            return true;
        }
        if (read_tag(a, p, end, t)) {
            *s = p + t->len;
            return true;
        }
    }
    /* text up to the next '<' that starts a tag or comment */
    const char *q = p + 1;
    for (;;) {
        q = memchr(q, '<', (size_t)(end - q));
        if (!q) {
            q = end;
            break;
        }
        html_token probe;
        if ((end - q >= 2 && (q[1] == '!' || q[1] == '?')) || read_tag(a, q, end, &probe))
            break;
        q++;
    }
    memset(t, 0, sizeof *t);
    t->kind = TOK_TEXT;
    t->start = p;
    t->len = (size_t)(q - p);
    *s = q;
    return true;
}

static const char *attr(const html_token *t, const char *name)
{
    for (int i = 0; i < t->nattrs; i++)
        if (strcmp(t->attrs[i].name, name) == 0)
            return t->attrs[i].value;
    return NULL;
}

/* ---- what each tag becomes --------------------------------------------- */

typedef enum {
    EL_INLINE,    /* DOC_HTML_INLINE named by the tag */
    EL_STRONG, EL_EMPH, EL_STRIKE, EL_LINK,
    EL_BR, EL_IMG,
    EL_CONTAINER, /* DOC_CONTAINER named by the tag */
    EL_PARA,      /* DOC_PARAGRAPH named by the tag (p, summary) */
    EL_HEADING, EL_HR, EL_PRE,
    EL_ACTIVE,    /* dropped with everything inside it */
    EL_UNKNOWN    /* dropped; its content kept */
} el_kind;

static const struct { const char *tag; el_kind kind; const char *as; } elements[] = {
    {"sup", EL_INLINE, NULL}, {"sub", EL_INLINE, NULL}, {"kbd", EL_INLINE, NULL}, {"mark", EL_INLINE, NULL},
    {"abbr", EL_INLINE, NULL}, {"u", EL_INLINE, NULL}, {"ins", EL_INLINE, NULL}, {"s", EL_INLINE, NULL},
    {"small", EL_INLINE, NULL}, {"span", EL_INLINE, NULL}, {"code", EL_INLINE, NULL}, {"samp", EL_INLINE, NULL},
    {"var", EL_INLINE, NULL}, {"cite", EL_INLINE, NULL}, {"q", EL_INLINE, NULL}, {"tt", EL_INLINE, "code"},
    {"b", EL_STRONG, "strong"}, {"strong", EL_STRONG, NULL}, {"i", EL_EMPH, "em"}, {"em", EL_EMPH, NULL},
    {"del", EL_STRIKE, NULL}, {"strike", EL_STRIKE, "del"}, {"a", EL_LINK, NULL},
    {"br", EL_BR, NULL}, {"img", EL_IMG, NULL},
    {"div", EL_CONTAINER, NULL}, {"aside", EL_CONTAINER, "div"}, {"details", EL_CONTAINER, NULL},
    {"center", EL_CONTAINER, NULL}, {"section", EL_CONTAINER, NULL}, {"article", EL_CONTAINER, NULL},
    {"blockquote", EL_CONTAINER, NULL}, {"figure", EL_CONTAINER, "div"},
    {"p", EL_PARA, NULL}, {"summary", EL_PARA, NULL}, {"figcaption", EL_PARA, "p"},
    {"h1", EL_HEADING, NULL}, {"h2", EL_HEADING, NULL}, {"h3", EL_HEADING, NULL},
    {"h4", EL_HEADING, NULL}, {"h5", EL_HEADING, NULL}, {"h6", EL_HEADING, NULL},
    {"hr", EL_HR, NULL}, {"pre", EL_PRE, NULL},
    {"script", EL_ACTIVE, NULL}, {"style", EL_ACTIVE, NULL}, {"iframe", EL_ACTIVE, NULL},
    {"object", EL_ACTIVE, NULL}, {"embed", EL_ACTIVE, NULL}, {"form", EL_UNKNOWN, NULL},
    {"textarea", EL_ACTIVE, NULL}, {"select", EL_ACTIVE, NULL}, {"noscript", EL_ACTIVE, NULL},
    {"template", EL_ACTIVE, NULL}, {"svg", EL_ACTIVE, NULL}, {"math", EL_ACTIVE, NULL},
    {"canvas", EL_ACTIVE, NULL}, {"video", EL_ACTIVE, NULL}, {"audio", EL_ACTIVE, NULL},
};

static el_kind element_of(const char *tag, const char **as)
{
    for (size_t i = 0; i < COUNT_OF(elements); i++) {
        if (strcmp(elements[i].tag, tag) == 0) {
            *as = elements[i].as ? elements[i].as : elements[i].tag;
            return elements[i].kind;
        }
    }
    *as = tag;
    return EL_UNKNOWN;
}

static bool is_block(el_kind k)
{
    return k == EL_CONTAINER || k == EL_PARA || k == EL_HEADING || k == EL_HR || k == EL_PRE;
}

/* HTML elements that never have content. */
static bool is_void(const char *tag)
{
    static const char *const v[] = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "area", "base", "param", "track"};
    for (size_t i = 0; i < COUNT_OF(v); i++)
        if (strcmp(v[i], tag) == 0)
            return true;
    return false;
}

static const char *quoted(arena *a, const html_token *t)
{
    size_t n = t->len > 60 ? 60 : t->len;
    return arena_printf(a, "%.*s%s", (int)n, t->start, n < t->len ? "..." : "");
}

/* Entities (&amp; &eacute; &#x2014;) decoded by cmark, which knows all of
 * HTML5's: each "&...;" is given to it alone. */
static void put_decoded(strbuf *sb, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        if (!amp) {
            sb_append(sb, s + i, n - i);
            return;
        }
        sb_append(sb, s + i, (size_t)(amp - (s + i)));
        i = (size_t)(amp - s);
        const char *semi = memchr(amp, ';', MIN(n - i, (size_t)40));
        bool entity = semi && semi > amp + 1;
        for (const char *c = amp + 1; entity && c < semi; c++)
            if (!isalnum((unsigned char)*c) && *c != '#')
                entity = false;
        if (!entity) {
            sb_putc(sb, '&');
            i++;
            continue;
        }
        size_t el = (size_t)(semi - amp + 1);
        cmark_node *doc = cmark_parse_document(amp, el, CMARK_OPT_DEFAULT);
        cmark_node *para = cmark_node_first_child(doc);
        bool done = false;
        if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
            strbuf one;
            sb_init(&one, sb->a);
            for (cmark_node *t = cmark_node_first_child(para); t; t = cmark_node_next(t))
                if (cmark_node_get_type(t) == CMARK_NODE_TEXT && cmark_node_get_literal(t))
                    sb_puts(&one, cmark_node_get_literal(t));
            if (one.len) {
                sb_append(sb, one.data, one.len);
                done = true;
            }
        }
        cmark_node_free(doc);
        if (!done)
            sb_append(sb, amp, el);
        i += el;
    }
}

/* An attribute's value with its entities decoded, or NULL. */
static const char *attr_decoded(arena *a, const html_token *t, const char *name)
{
    const char *v = attr(t, name);
    if (!v || !strchr(v, '&'))
        return v;
    strbuf sb;
    sb_init(&sb, a);
    put_decoded(&sb, v, strlen(v));
    return sb.len ? sb.data : "";
}

/* Text of an HTML block as HTML shows it: white space collapsed to one
 * space, entities decoded. */
static char *html_text(arena *a, const char *s, size_t n, size_t *out_len)
{
    strbuf raw;
    sb_init(&raw, a);
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            space = true;
            continue;
        }
        if (space)
            sb_putc(&raw, ' ');
        space = false;
        sb_putc(&raw, s[i]);
    }
    if (space)
        sb_putc(&raw, ' ');
    strbuf out;
    sb_init(&out, a);
    put_decoded(&out, raw.data ? raw.data : "", raw.len);
    *out_len = out.len;
    return out.len ? out.data : arena_strdup(a, "");
}

/* ---- building nodes ---------------------------------------------------- */

static void warn_attributes(source *src, const html_token *t, srcpos at)
{
    for (int i = 0; i < t->nattrs; i++) {
        const char *n = t->attrs[i].name;
        if (n[0] == 'o' && n[1] == 'n')
            WARN(src->d, at, "HTML event attribute '%s' on <%s> is dropped: nothing in a PDF runs", n, t->name);
    }
}

/* class, lang and align (as a class align-center etc.) of any element */
static void common_attributes(source *src, doc_node *n, const html_token *t)
{
    const char *cls = attr(t, "class");
    if (cls) {
        const char *w;
        size_t wl;
        for (const char *p = cls; str_next_word(&p, &w, &wl);)
            doc_add_class(src->a, n, arena_strndup(src->a, w, wl));
    }
    const char *lang = attr(t, "lang");
    if (lang && *lang)
        n->lang = lang;
    const char *id = attr(t, "id");
    if (id && *id)
        n->anchor = id;
    const char *dir = attr(t, "dir");
    if (dir)
        n->dir = doc_dir_value(dir, strlen(dir));
    const char *align = attr(t, "align");
    if (align && (str_ieq(align, "center") || str_ieq(align, "right") || str_ieq(align, "left") || str_ieq(align, "justify"))) {
        char *a = arena_printf(src->a, "align-%s", align);
        for (char *c = a; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        doc_add_class(src->a, n, a);
    }
}

static doc_node *text_node(source *src, const char *s, size_t n, srcpos at)
{
    doc_node *t = doc_new(src->a, src->doc, DOC_TEXT, at);
    t->text = s;
    t->len = n;
    return t;
}

/* An <img>: an image node whose alt text is its child, as Markdown's. */
static doc_node *image_node(source *src, const html_token *t, srcpos at)
{
    doc_node *img = doc_new(src->a, src->doc, DOC_IMAGE, at);
    img->tag = "img";
    const char *srcattr = attr_decoded(src->a, t, "src");
    img->u.link.url = srcattr ? srcattr : "";
    const char *title = attr_decoded(src->a, t, "title");
    img->u.link.title = title ? title : "";
    const char *alt = attr(t, "alt");
    if (alt && *alt) {
        size_t n;
        char *text = html_text(src->a, alt, strlen(alt), &n);
        doc_append(img, text_node(src, text, n, at));
    }
    const char *width = attr(t, "width");
    if (width) {
        char *end;
        double w = strtod(width, &end);
        if (end != width && w > 0 && w < 100000) {
            bool pct = *end == '%';
            if (pct || !*end || strcmp(end, "px") == 0) {
                img->u.link.width = pct ? (float)w : (float)(w * 0.75); /* CSS px */
                img->u.link.width_percent = pct;
            }
        }
    }
    common_attributes(src, img, t);
    return img;
}

/* The node an open tag makes; NULL when the tag is dropped. */
static doc_node *element_node(source *src, el_kind k, const char *as, const html_token *t, srcpos at)
{
    doc_node *n = NULL;
    switch (k) {
    case EL_INLINE:
        n = doc_new(src->a, src->doc, DOC_HTML_INLINE, at);
        break;
    case EL_STRONG:
        n = doc_new(src->a, src->doc, DOC_STRONG, at);
        break;
    case EL_EMPH:
        n = doc_new(src->a, src->doc, DOC_EMPH, at);
        break;
    case EL_STRIKE:
        n = doc_new(src->a, src->doc, DOC_STRIKE, at);
        break;
    case EL_LINK: {
        n = doc_new(src->a, src->doc, DOC_LINK, at);
        const char *href = attr_decoded(src->a, t, "href");
        n->u.link.url = href ? href : "";
        const char *title = attr_decoded(src->a, t, "title");
        n->u.link.title = title ? title : "";
        break;
    }
    case EL_BR:
        n = doc_new(src->a, src->doc, DOC_LINEBREAK, at);
        break;
    case EL_IMG:
        return image_node(src, t, at);
    case EL_CONTAINER:
        n = doc_new(src->a, src->doc, DOC_CONTAINER, at);
        n->u.container.name = arena_strdup(src->a, t->name);
        /* <aside> is a box styled by its class (div.aside.note): the
         * element name aside is the footnotes' */
        if (strcmp(t->name, "aside") == 0)
            doc_add_class(src->a, n, "aside");
        break;
    case EL_PARA:
        n = doc_new(src->a, src->doc, DOC_PARAGRAPH, at);
        break;
    case EL_HEADING:
        n = doc_new(src->a, src->doc, DOC_HEADING, at);
        n->u.heading.level = as[1] - '0';
        break;
    case EL_HR:
        n = doc_new(src->a, src->doc, DOC_THEMATIC_BREAK, at);
        break;
    default:
        return NULL;
    }
    /* every node made from HTML carries its element name: a close tag
     * finds its node by it */
    n->tag = as;
    if (k == EL_INLINE && strcmp(as, "abbr") == 0) {
        const char *title = attr_decoded(src->a, t, "title");
        if (title && *title)
            n->text = title;
    }
    common_attributes(src, n, t);
    warn_attributes(src, t, at);
    return n;
}

/* An <abbr title="...">'s expansion, printed after it in a span.title. */
static void close_abbr(source *src, doc_node *abbr)
{
    if (!abbr->text || strcmp(abbr->tag, "abbr") != 0)
        return;
    doc_node *span = doc_new(src->a, src->doc, DOC_HTML_INLINE, abbr->pos);
    span->tag = "span";
    doc_add_class(src->a, span, "title");
    size_t n;
    char *text = html_text(src->a, abbr->text, strlen(abbr->text), &n);
    doc_append(span, text_node(src, text, n, abbr->pos));
    doc_append(abbr, span);
    abbr->text = NULL;
}

/* The open element named `tag` from `from` up, stopping at the first node
 * not made from HTML; NULL when none is open. */
/* HTML nests without bound; the tree may not (later stages recurse). */
static bool too_deep(source *src, const doc_node *parent, srcpos at)
{
    int depth = 0;
    for (const doc_node *n = parent; n; n = n->parent)
        depth++;
    if (depth <= PARSE_MAX_DEPTH * 2)
        return false;
    WARN(src->d, at, "HTML nested deeper than %d levels: this tag is dropped, the text inside it kept", PARSE_MAX_DEPTH * 2);
    return true;
}

static doc_node *find_open(doc_node *from, const char *tag)
{
    for (doc_node *n = from; n && n->tag; n = n->parent)
        if (strcmp(n->tag, tag) == 0)
            return n;
    return NULL;
}

static void warn_dropped(source *src, const html_token *t, srcpos at, bool content_kept)
{
    if (content_kept)
        WARN(src->d, at, "raw HTML '%s' is not rendered; the text inside it is kept", quoted(src->a, t));
    else
        WARN(src->d, at, "raw HTML '%s' is dropped with everything inside it", quoted(src->a, t));
}

void html_inline(source *src, doc_node **slot, const char *lit, srcpos at)
{
    const char *s = lit, *end = lit + strlen(lit);
    html_token t;
    while (next_token(src->a, &s, end, &t)) {
        switch (t.kind) {
        case TOK_COMMENT:
            NOTE(src->d, at, "HTML comment left out of the PDF");
            break;
        case TOK_OTHER:
            WARN(src->d, at, "raw HTML '%s' is not rendered", quoted(src->a, &t));
            break;
        case TOK_TEXT: {
            /* cmark gives inline HTML one tag at a time: no text here */
            size_t n;
            char *text = html_text(src->a, t.start, t.len, &n);
            doc_append(*slot, text_node(src, text, n, at));
            break;
        }
        case TOK_OPEN: {
            const char *as;
            el_kind k = element_of(t.name, &as);
            if (is_block(k) || k == EL_UNKNOWN || k == EL_ACTIVE) {
                warn_dropped(src, &t, at, true);
                break;
            }
            if (too_deep(src, *slot, at))
                break;
            doc_node *n = element_node(src, k, as, &t, at);
            doc_append(*slot, n);
            if (!t.self_closing && !is_void(t.name) && k != EL_IMG && k != EL_BR)
                *slot = n;
            break;
        }
        case TOK_CLOSE: {
            const char *as;
            element_of(t.name, &as);
            doc_node *open = find_open(*slot, as);
            if (open) {
                for (doc_node *n = *slot; n != open->parent; n = n->parent)
                    close_abbr(src, n);
                *slot = open->parent;
            }
            /* a close tag without its open tag holds nothing to keep */
            break;
        }
        }
    }
}

/* A <pre> in an HTML block: its text, tags inside it removed, as a code
 * block. Returns where reading goes on. */
static const char *pre_block(source *src, doc_node *parent, const char *s, const char *end, srcpos at)
{
    const char *close = s;
    for (; close < end; close++)
        if (end - close >= 6 && strncasecmp(close, "</pre>", 6) == 0)
            break;
    strbuf raw;
    sb_init(&raw, src->a);
    const char *p = s;
    html_token t;
    while (p < close && next_token(src->a, &p, close, &t))
        if (t.kind == TOK_TEXT)
            sb_append(&raw, t.start, t.len);
    strbuf text;
    sb_init(&text, src->a);
    const char *body = raw.data ? raw.data : "";
    size_t len = raw.len;
    if (len && body[0] == '\n') {
        body++;
        len--;
    }
    put_decoded(&text, body, len);
    if (!text.len || text.data[text.len - 1] != '\n')
        sb_putc(&text, '\n');
    doc_node *code = doc_new(src->a, src->doc, DOC_CODE_BLOCK, at);
    code->u.code.info = "";
    code->text = text.data;
    code->len = text.len;
    doc_append(parent, code);
    return close < end ? close + 6 : end;
}

/* One warning per unknown tag name and HTML block: a table of 200 cells
 * says <td> once. */
static bool warned_tag(source *src, hmap *warned, const char *name)
{
    if (hmap_get(warned, name, strlen(name)))
        return true;
    hmap_put(warned, arena_strdup(src->a, name), strlen(name), (void *)1);
    return false;
}

static bool breaks_paragraph(const char *tag)
{
    static const char *const b[] = {"table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "li", "dl", "dt", "dd",
                                    "nav", "header", "footer", "main", "address", "fieldset", "legend", "caption"};
    for (size_t i = 0; i < COUNT_OF(b); i++)
        if (strcmp(b[i], tag) == 0)
            return true;
    return false;
}

/* Inline content in an HTML block goes into a paragraph opened for it. */
static doc_node *inline_parent(source *src, doc_node *block, doc_node **inl, srcpos at)
{
    if (!*inl) {
        *inl = doc_new(src->a, src->doc, DOC_PARAGRAPH, at);
        doc_append(block, *inl);
    }
    return *inl;
}

void html_block(source *src, doc_node **slot, const char *lit, srcpos at)
{
    const char *s = lit, *end = lit + strlen(lit);
    doc_node *block = *slot, *inl = NULL;
    html_token t;
    hmap warned; /* tag names already warned about in this block */
    hmap_init(&warned, src->a);
    int line = 0; /* lines into the block, for positions */
    const char *counted = lit;
    while (s < end) {
        const char *before = s;
        if (!next_token(src->a, &s, end, &t))
            break;
        for (; counted < before; counted++)
            line += *counted == '\n';
        srcpos tat = at;
        tat.line = at.line + line;
        switch (t.kind) {
        case TOK_COMMENT:
            NOTE(src->d, tat, "HTML comment left out of the PDF");
            break;
        case TOK_OTHER:
            WARN(src->d, tat, "raw HTML '%s' is not rendered", quoted(src->a, &t));
            break;
        case TOK_TEXT: {
            size_t n;
            char *text = html_text(src->a, t.start, t.len, &n);
            if (!inl && (n == 0 || (n == 1 && text[0] == ' ')))
                break;
            /* white space opening a paragraph shows nothing */
            if ((!inl || !inl->first) && n && text[0] == ' ') {
                text++;
                n--;
            }
            if (!n)
                break;
            doc_append(inline_parent(src, block, &inl, tat), text_node(src, text, n, tat));
            break;
        }
        case TOK_OPEN: {
            const char *as;
            el_kind k = element_of(t.name, &as);
            if (k == EL_ACTIVE) {
                /* skip to its close tag */
                warn_dropped(src, &t, tat, false);
                if (t.self_closing)
                    break;
                char closing[24];
                snprintf(closing, sizeof closing, "</%s", t.name);
                size_t cl = strlen(closing);
                const char *p = s;
                while (p < end && !(end - p >= (ptrdiff_t)cl && strncasecmp(p, closing, cl) == 0))
                    p++;
                const char *gt = p < end ? memchr(p, '>', (size_t)(end - p)) : NULL;
                s = gt ? gt + 1 : end;
                break;
            }
            if (k == EL_UNKNOWN) {
                if (!warned_tag(src, &warned, t.name))
                    warn_dropped(src, &t, tat, true);
                /* rows, items and the like start a new paragraph; cells
                 * are set apart by a space */
                if (breaks_paragraph(t.name))
                    inl = NULL;
                else if (inl && (strcmp(t.name, "td") == 0 || strcmp(t.name, "th") == 0) && inl->first)
                    doc_append(inl, text_node(src, " ", 1, tat));
                break;
            }
            if (too_deep(src, inl ? inl : block, tat))
                break;
            if (k == EL_PRE) {
                inl = NULL;
                s = pre_block(src, block, s, end, tat);
                break;
            }
            doc_node *n = element_node(src, k, as, &t, tat);
            if (is_block(k)) {
                inl = NULL;
                doc_append(block, n);
                if (k == EL_CONTAINER)
                    block = n;
                else if (k == EL_PARA || k == EL_HEADING)
                    inl = n;
                break;
            }
            doc_append(inline_parent(src, block, &inl, tat), n);
            if (!t.self_closing && !is_void(t.name) && k != EL_IMG && k != EL_BR)
                inl = n;
            break;
        }
        case TOK_CLOSE: {
            const char *as;
            el_kind k = element_of(t.name, &as);
            doc_node *open = inl ? find_open(inl, as) : NULL;
            if (open) {
                for (doc_node *n = inl; n != open->parent; n = n->parent)
                    close_abbr(src, n);
                inl = (open->kind == DOC_PARAGRAPH || open->kind == DOC_HEADING) ? NULL : open->parent;
                /* back at the block: the paragraph opened for inline content goes on */
                break;
            }
            if (is_block(k)) {
                open = find_open(block, as);
                if (open) {
                    block = open->parent;
                    inl = NULL;
                }
            }
            break;
        }
        }
    }
    *slot = block;
}
