/* CSS Syntax Level 3 tokenizer (section 4). The input is first decoded to
 * code points with the spec's preprocessing (CR LF, CR and FF become LF; NUL
 * and invalid UTF-8 become U+FFFD) so the algorithm reads like the spec and
 * can never run past the end. Every token records line, column (in
 * characters) and byte range; openers record their matching closer. */
#include "css_internal.h"

#include <math.h>
#include <string.h>

#define CP_EOF 0x110000u

typedef struct {
    arena *a;       /* the tokens' values */
    arena *scratch; /* working data, freed when tokenizing ends */
    diag *d;
    const char *file;
    uint32_t *c;   /* code points */
    size_t *off;   /* byte offset of each code point; off[n] = input length */
    size_t n, i;
    size_t pi;     /* position cursor: (line, col) of code point pi */
    int line, col;
    strbuf sb;
    vec toks;
} lexer;

static uint32_t peek(const lexer *lx, size_t k)
{
    return lx->i + k < lx->n ? lx->c[lx->i + k] : CP_EOF;
}

static uint32_t next(lexer *lx)
{
    uint32_t c = peek(lx, 0);
    if (lx->i < lx->n)
        lx->i++;
    return c;
}

/* Moves the cursor forward to code point idx (tokens start in order). */
static void pos_at(lexer *lx, size_t idx, int *line, int *col)
{
    while (lx->pi < idx) {
        if (lx->c[lx->pi] == '\n') {
            lx->line++;
            lx->col = 1;
        } else {
            lx->col++;
        }
        lx->pi++;
    }
    *line = lx->line;
    *col = lx->col;
}

/* Token starts only move forward, and a warning is always at or after the
 * last token's start, so the cursor can serve both. */
static void warn_at(lexer *lx, size_t idx, const char *msg)
{
    int line, col;
    pos_at(lx, idx, &line, &col);
    WARN(lx->d, srcpos_make(lx->file, line, col), "%s", msg);
}

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_hex(uint32_t c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool is_ws(uint32_t c) { return c == '\n' || c == '\t' || c == ' '; }
static bool is_name_start(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= 0x80 && c != CP_EOF);
}
static bool is_name(uint32_t c) { return is_name_start(c) || is_digit(c) || c == '-'; }
static bool is_nonprintable(uint32_t c)
{
    return c <= 8 || c == 0xB || (c >= 0xE && c <= 0x1F) || c == 0x7F;
}
static bool valid_escape(uint32_t c1, uint32_t c2) { return c1 == '\\' && c2 != '\n'; }

static bool starts_ident(uint32_t c1, uint32_t c2, uint32_t c3)
{
    if (c1 == '-')
        return is_name_start(c2) || c2 == '-' || valid_escape(c2, c3);
    if (is_name_start(c1))
        return true;
    return valid_escape(c1, c2);
}

static bool starts_number(uint32_t c1, uint32_t c2, uint32_t c3)
{
    if (c1 == '+' || c1 == '-')
        return is_digit(c2) || (c2 == '.' && is_digit(c3));
    if (c1 == '.')
        return is_digit(c2);
    return is_digit(c1);
}

static int hex_val(uint32_t c)
{
    if (is_digit(c))
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    return (int)(c - 'A' + 10);
}

/* After the backslash. */
static uint32_t consume_escape(lexer *lx)
{
    uint32_t c = next(lx);
    if (c == CP_EOF)
        return 0xFFFD;
    if (is_hex(c)) {
        uint32_t v = (uint32_t)hex_val(c);
        for (int k = 1; k < 6 && is_hex(peek(lx, 0)); k++)
            v = v * 16 + (uint32_t)hex_val(next(lx));
        if (is_ws(peek(lx, 0)))
            next(lx);
        if (v == 0 || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
            return 0xFFFD;
        return v;
    }
    return c;
}

static void consume_name(lexer *lx)
{
    for (;;) {
        uint32_t c = peek(lx, 0);
        if (is_name(c)) {
            sb_put_cp(&lx->sb, next(lx));
        } else if (valid_escape(c, peek(lx, 1))) {
            next(lx);
            sb_put_cp(&lx->sb, consume_escape(lx));
        } else {
            return;
        }
    }
}

static css_token *push(lexer *lx, css_tok_type type, size_t start)
{
    css_token *t = VEC_PUSH(lx->scratch, &lx->toks, css_token);
    t->type = type;
    t->value = "";
    t->off = lx->off[start];
    t->end = lx->off[lx->i];
    t->match = -1;
    pos_at(lx, start, &t->line, &t->col);
    return t;
}

static const char *take_sb(lexer *lx)
{
    const char *s = arena_strndup(lx->a, lx->sb.data, lx->sb.len);
    sb_clear(&lx->sb);
    return s;
}

/* Digits accumulate as doubles; exponents are capped so that nothing
 * overflows, and the result is clamped to a finite range. */
static double consume_number(lexer *lx, bool *is_int)
{
    double sign = 1, v = 0;
    *is_int = true;
    if (peek(lx, 0) == '+' || peek(lx, 0) == '-')
        sign = next(lx) == '-' ? -1 : 1;
    while (is_digit(peek(lx, 0)))
        v = v * 10 + (next(lx) - '0');
    if (peek(lx, 0) == '.' && is_digit(peek(lx, 1))) {
        *is_int = false;
        next(lx);
        double scale = 0.1;
        while (is_digit(peek(lx, 0))) {
            v += (next(lx) - '0') * scale;
            scale /= 10;
        }
    }
    uint32_t e = peek(lx, 0);
    if ((e == 'e' || e == 'E') &&
        (is_digit(peek(lx, 1)) ||
         ((peek(lx, 1) == '+' || peek(lx, 1) == '-') && is_digit(peek(lx, 2))))) {
        *is_int = false;
        next(lx);
        int esign = 1, ev = 0;
        if (peek(lx, 0) == '+' || peek(lx, 0) == '-')
            esign = next(lx) == '-' ? -1 : 1;
        while (is_digit(peek(lx, 0))) {
            int dgt = (int)(next(lx) - '0');
            if (ev < 10000)
                ev = ev * 10 + dgt;
        }
        v *= pow(10, esign * ev);
    }
    v *= sign;
    if (!isfinite(v) || v > 1e30)
        v = v < 0 ? -1e30 : 1e30;
    if (v < -1e30)
        v = -1e30;
    return v;
}

static void consume_numeric(lexer *lx, size_t start)
{
    bool is_int;
    double v = consume_number(lx, &is_int);
    if (starts_ident(peek(lx, 0), peek(lx, 1), peek(lx, 2))) {
        consume_name(lx);
        const char *unit = take_sb(lx);
        css_token *t = push(lx, CT_DIMENSION, start);
        t->num = v;
        t->is_int = is_int;
        t->value = unit;
    } else if (peek(lx, 0) == '%') {
        next(lx);
        css_token *t = push(lx, CT_PERCENTAGE, start);
        t->num = v;
    } else {
        css_token *t = push(lx, CT_NUMBER, start);
        t->num = v;
        t->is_int = is_int;
    }
}

static void consume_bad_url_remnants(lexer *lx)
{
    for (;;) {
        uint32_t c = next(lx);
        if (c == ')' || c == CP_EOF)
            return;
        if (valid_escape(c, peek(lx, 0)))
            consume_escape(lx);
    }
}

/* After "url(" and the whitespace that follows it. */
static void consume_url(lexer *lx, size_t start)
{
    while (is_ws(peek(lx, 0)))
        next(lx);
    for (;;) {
        uint32_t c = next(lx);
        if (c == ')')
            break;
        if (c == CP_EOF) {
            warn_at(lx, start, "unterminated url()");
            break;
        }
        if (is_ws(c)) {
            while (is_ws(peek(lx, 0)))
                next(lx);
            if (peek(lx, 0) == ')' || peek(lx, 0) == CP_EOF) {
                if (next(lx) == CP_EOF)
                    warn_at(lx, start, "unterminated url()");
                break;
            }
            consume_bad_url_remnants(lx);
            sb_clear(&lx->sb);
            warn_at(lx, start, "bad url(): unquoted url with spaces");
            push(lx, CT_BAD_URL, start);
            return;
        }
        if (c == '"' || c == '\'' || c == '(' || is_nonprintable(c)) {
            consume_bad_url_remnants(lx);
            sb_clear(&lx->sb);
            warn_at(lx, start, "bad url(): quote, '(' or control character in an unquoted url");
            push(lx, CT_BAD_URL, start);
            return;
        }
        if (c == '\\') {
            if (valid_escape(c, peek(lx, 0))) {
                sb_put_cp(&lx->sb, consume_escape(lx));
                continue;
            }
            consume_bad_url_remnants(lx);
            sb_clear(&lx->sb);
            warn_at(lx, start, "bad url(): invalid escape");
            push(lx, CT_BAD_URL, start);
            return;
        }
        sb_put_cp(&lx->sb, c);
    }
    const char *v = take_sb(lx);
    push(lx, CT_URL, start)->value = v;
}

static void consume_ident_like(lexer *lx, size_t start)
{
    consume_name(lx);
    const char *name = take_sb(lx);
    if (str_ieq(name, "url") && peek(lx, 0) == '(') {
        next(lx);
        while (is_ws(peek(lx, 0)) && is_ws(peek(lx, 1)))
            next(lx);
        uint32_t c = peek(lx, 0), c2 = peek(lx, 1);
        if (c == '"' || c == '\'' || (is_ws(c) && (c2 == '"' || c2 == '\''))) {
            push(lx, CT_FUNCTION, start)->value = name;
            return;
        }
        consume_url(lx, start);
        return;
    }
    if (peek(lx, 0) == '(') {
        next(lx);
        push(lx, CT_FUNCTION, start)->value = name;
        return;
    }
    push(lx, CT_IDENT, start)->value = name;
}

static void consume_string(lexer *lx, size_t start, uint32_t ending)
{
    for (;;) {
        uint32_t c = peek(lx, 0);
        if (c == ending) {
            next(lx);
            break;
        }
        if (c == CP_EOF) {
            warn_at(lx, start, "unterminated string at end of style sheet");
            break;
        }
        if (c == '\n') {
            /* the newline is not part of the bad string: it is reconsumed */
            warn_at(lx, start, "unterminated string (newline in string)");
            sb_clear(&lx->sb);
            push(lx, CT_BAD_STRING, start);
            return;
        }
        next(lx);
        if (c == '\\') {
            uint32_t n = peek(lx, 0);
            if (n == CP_EOF)
                continue;
            if (n == '\n') {
                next(lx); /* an escaped newline continues the string */
                continue;
            }
            sb_put_cp(&lx->sb, consume_escape(lx));
            continue;
        }
        sb_put_cp(&lx->sb, c);
    }
    const char *v = take_sb(lx);
    push(lx, CT_STRING, start)->value = v;
}

static void consume_comments(lexer *lx)
{
    while (peek(lx, 0) == '/' && peek(lx, 1) == '*') {
        size_t start = lx->i;
        lx->i += 2;
        for (;;) {
            if (lx->i >= lx->n) {
                warn_at(lx, start, "unterminated comment");
                return;
            }
            if (lx->c[lx->i] == '*' && peek(lx, 1) == '/') {
                lx->i += 2;
                break;
            }
            lx->i++;
        }
    }
}

static void delim(lexer *lx, size_t start, uint32_t c)
{
    push(lx, CT_DELIM, start)->delim = c;
}

static void consume_token(lexer *lx)
{
    consume_comments(lx);
    size_t start = lx->i;
    uint32_t c = next(lx);
    if (c == CP_EOF) {
        push(lx, CT_EOF, start);
        return;
    }
    if (is_ws(c)) {
        while (is_ws(peek(lx, 0)))
            next(lx);
        push(lx, CT_WS, start);
        return;
    }
    switch (c) {
    case '"':
    case '\'':
        consume_string(lx, start, c);
        return;
    case '#':
        if (is_name(peek(lx, 0)) || valid_escape(peek(lx, 0), peek(lx, 1))) {
            bool id = starts_ident(peek(lx, 0), peek(lx, 1), peek(lx, 2));
            consume_name(lx);
            const char *name = take_sb(lx);
            css_token *t = push(lx, CT_HASH, start);
            t->value = name;
            t->hash_id = id;
        } else {
            delim(lx, start, c);
        }
        return;
    case '(': push(lx, CT_LPAREN, start); return;
    case ')': push(lx, CT_RPAREN, start); return;
    case '[': push(lx, CT_LBRACKET, start); return;
    case ']': push(lx, CT_RBRACKET, start); return;
    case '{': push(lx, CT_LBRACE, start); return;
    case '}': push(lx, CT_RBRACE, start); return;
    case ',': push(lx, CT_COMMA, start); return;
    case ':': push(lx, CT_COLON, start); return;
    case ';': push(lx, CT_SEMICOLON, start); return;
    case '+':
    case '.':
        if (starts_number(c, peek(lx, 0), peek(lx, 1))) {
            lx->i = start;
            consume_numeric(lx, start);
        } else {
            delim(lx, start, c);
        }
        return;
    case '-':
        if (starts_number(c, peek(lx, 0), peek(lx, 1))) {
            lx->i = start;
            consume_numeric(lx, start);
        } else if (peek(lx, 0) == '-' && peek(lx, 1) == '>') {
            lx->i += 2;
            push(lx, CT_CDC, start);
        } else if (starts_ident(c, peek(lx, 0), peek(lx, 1))) {
            lx->i = start;
            consume_ident_like(lx, start);
        } else {
            delim(lx, start, c);
        }
        return;
    case '<':
        if (peek(lx, 0) == '!' && peek(lx, 1) == '-' && peek(lx, 2) == '-') {
            lx->i += 3;
            push(lx, CT_CDO, start);
        } else {
            delim(lx, start, c);
        }
        return;
    case '@':
        if (starts_ident(peek(lx, 0), peek(lx, 1), peek(lx, 2))) {
            consume_name(lx);
            const char *name = take_sb(lx);
            push(lx, CT_AT_KEYWORD, start)->value = name;
        } else {
            delim(lx, start, c);
        }
        return;
    case '\\':
        if (valid_escape(c, peek(lx, 0))) {
            lx->i = start;
            consume_ident_like(lx, start);
        } else {
            warn_at(lx, start, "stray backslash");
            delim(lx, start, c);
        }
        return;
    default:
        break;
    }
    if (is_digit(c)) {
        lx->i = start;
        consume_numeric(lx, start);
        return;
    }
    if (is_name_start(c)) {
        lx->i = start;
        consume_ident_like(lx, start);
        return;
    }
    delim(lx, start, c);
}

/* Pairs openers with closers the way "consume a simple block" does: a
 * closer of another kind inside a block is an ordinary token; blocks left
 * open at the end close at EOF. Uses an explicit stack, no recursion. */
static void match_blocks(arena *a, css_token *t, int n)
{
    int *stack = ARENA_ARRAY(a, int, n > 0 ? n : 1);
    int depth = 0;
    for (int i = 0; i < n; i++) {
        css_tok_type ty = t[i].type;
        if (ty == CT_FUNCTION || ty == CT_LPAREN || ty == CT_LBRACKET || ty == CT_LBRACE) {
            stack[depth++] = i;
            continue;
        }
        if (depth == 0)
            continue;
        css_tok_type open = t[stack[depth - 1]].type;
        bool closes = (ty == CT_RPAREN && (open == CT_FUNCTION || open == CT_LPAREN)) ||
                      (ty == CT_RBRACKET && open == CT_LBRACKET) ||
                      (ty == CT_RBRACE && open == CT_LBRACE);
        if (closes)
            t[stack[--depth]].match = i;
    }
    while (depth > 0)
        t[stack[--depth]].match = n - 1;
}

void css_tokenize(arena *a, diag *d, const char *file, const char *text, size_t len,
                  css_tokens *out)
{
    lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.a = a;
    lx.d = d;
    lx.file = file;
    /* Code points, offsets and the growing token list are working data:
     * only the finished tokens and their values stay in the compilation's
     * arena. */
    lx.scratch = arena_new();
    lx.c = ARENA_ARRAY(lx.scratch, uint32_t, len + 1);
    lx.off = ARENA_ARRAY(lx.scratch, size_t, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t at = i;
        i += (size_t)utf8_next(text + i, len - i, &cp);
        if (cp == '\r') {
            if (i < len && text[i] == '\n')
                i++;
            cp = '\n';
        } else if (cp == '\f') {
            cp = '\n';
        } else if (cp == 0) {
            cp = 0xFFFD;
        }
        lx.c[n] = cp;
        lx.off[n] = at;
        n++;
    }
    lx.off[n] = len;
    lx.n = n;
    lx.line = lx.col = 1;
    sb_init(&lx.sb, lx.scratch);
    vec_init(&lx.toks, sizeof(css_token));
    /* room for a token every other character, in the compilation's arena
     * and not cleared (each token is as it is pushed): a sheet's tokens
     * stay where they are made, and only pages written are touched. A
     * sheet with more grows into the scratch arena and is copied. */
    size_t room = n / 2 + 16;
    css_token *made = arena_alloc_uninit(a, room * sizeof(css_token));
    lx.toks.data = made;
    lx.toks.cap = room;
    for (;;) {
        size_t before = lx.i;
        consume_token(&lx);
        css_token *last = &VEC_AT(&lx.toks, css_token, lx.toks.len - 1);
        if (last->type == CT_EOF)
            break;
        if (lx.i == before)
            lx.i++; /* cannot happen; guarantees progress whatever the input */
    }
    out->n = (int)lx.toks.len;
    out->t = made;
    if (lx.toks.data != made) {
        out->t = ARENA_ARRAY(a, css_token, lx.toks.len);
        memcpy(out->t, lx.toks.data, lx.toks.len * sizeof(css_token));
    }
    match_blocks(lx.scratch, out->t, out->n);
    arena_free(lx.scratch);
}

const char *css_tok_type_name(css_tok_type t)
{
    static const char *const names[] = {
        "EOF", "ident", "function", "at-keyword", "hash", "string", "bad-string", "url",
        "bad-url", "delim", "number", "percentage", "dimension", "whitespace", "CDO", "CDC",
        "colon", "semicolon", "comma", "[", "]", "(", ")", "{", "}",
    };
    return (unsigned)t < COUNT_OF(names) ? names[t] : "?";
}
