/* Paragraphs, step 3: Knuth-Plass items over shaped words, and the
 * breaking passes. */
#include "inline_internal.h"

#include <linebreak.h>
#include <string.h>
#include <time.h>

/* ---- items ------------------------------------------------------------- */

piece *piece_at(para *p, int i)
{
    return &VEC_AT(&p->pieces, piece, i);
}

/* The direction text at byte `at` is shaped in: its bidi level's, in a
 * paragraph with right-to-left text; else each script's own. */
int dir_at(const para *p, int at)
{
    if (!p->bidi || at < 0 || (size_t)at >= p->buf.len)
        return DIR_AUTO;
    return p->levels[at] & 1 ? DIR_RTL : DIR_LTR;
}

/* A text box that continues the one before it, with only a break between
 * (a hyphenation point, a URL break, after a dash): the pair across the
 * boundary is kerned when the line does not break there, as the run is
 * drawn as one string. The kerning goes to the left box, and the break
 * takes it back, so a line ending there measures what it draws; at a
 * hyphen, the hyphen is kerned with the letter before it. */
static void kern_boundary(para *p)
{
    size_t last = p->items.len - 1;
    frag *nf = &VEC_AT(&p->frags, frag, last);
    const piece *pc = piece_at(p, nf->piece);
    if (pc->kind != PIECE_TEXT || pc->letter_spacing != 0)
        return;
    size_t j = last;
    while (j > 0) {
        const kp_item *it = &VEC_AT(&p->items, kp_item, j - 1);
        const frag *f = &VEC_AT(&p->frags, frag, j - 1);
        if (it->type == KP_BOX || (it->type == KP_GLUE && f->kind != FR_RAGGED) || f->start != nf->start)
            break;
        j--;
    }
    if (j == 0 || j == last)
        return;
    kp_item *left = &VEC_AT(&p->items, kp_item, j - 1);
    frag *lf = &VEC_AT(&p->frags, frag, j - 1);
    if (left->type != KP_BOX || lf->kind != FR_TEXT || lf->piece != nf->piece || lf->end != nf->start || lf->kerned)
        return;
    const computed_style *cs = pc->cs;
    const char *s = p->buf.data;
    if (dir_at(p, lf->start) != dir_at(p, nf->start))
        return;
    int dir = dir_at(p, lf->start);
    float k = text_kern_at(p->c, cs->font, cs->font_size, cs->kerning, pc->features, dir, s + lf->start, (size_t)(nf->end - lf->start),
                           (size_t)(nf->start - lf->start));
    lf->kerned = true;
    lf->kern = k;
    left->width += k;
    for (size_t i = j; i < last; i++) {
        kp_item *it = &VEC_AT(&p->items, kp_item, i);
        frag *f = &VEC_AT(&p->frags, frag, i);
        if (it->type != KP_PENALTY || f->kind == FR_RAGGED)
            continue;
        it->width -= k;
        if (f->kind == FR_HYPHEN) {
            char pair[8];
            size_t b = (size_t)lf->end;
            while (b > (size_t)lf->start && ((unsigned char)s[b - 1] & 0xC0) == 0x80)
                b--;
            if (b > (size_t)lf->start)
                b--;
            size_t n = (size_t)lf->end - b;
            if (n + 1 > sizeof pair)
                continue;
            memcpy(pair, s + b, n);
            pair[n] = '-';
            float kh = text_kern_at(p->c, cs->font, cs->font_size, cs->kerning, pc->features, dir, pair, n + 1, n);
            it->width += kh;
            f->kern = kh - k;
        }
    }
}

static void push_item(para *p, kp_type t, float w, float st, float sh, float pen, bool flagged, frag_kind fk,
                      int piece_ix, int start, int end)
{
    kp_item *it = VEC_PUSH(p->c->sa, &p->items, kp_item);
    it->type = t;
    it->width = w;
    it->stretch = st;
    it->shrink = sh;
    it->penalty = pen;
    it->flagged = flagged;
    frag *f = VEC_PUSH(p->c->sa, &p->frags, frag);
    f->kind = (uint8_t)fk;
    f->piece = piece_ix;
    f->start = start;
    f->end = end;
    /* a box right after a break that is not a space may continue a word */
    if (t == KP_BOX && fk == FR_TEXT && piece_ix >= 0 && p->items.len > 1 &&
        VEC_AT(&p->items, kp_item, p->items.len - 2).type != KP_BOX && f[-1].start == start && f[-1].kind != FR_SPACE)
        kern_boundary(p);
}


static float piece_width(para *p, int pi, int start, int end)
{
    piece *pc = piece_at(p, pi);
    const computed_style *cs = pc->cs;
    const char *b = p->buf.data;
    if (pc->letter_spacing == 0)
        return text_width_dir(p->c, cs->font, cs->font_size, cs->kerning, pc->features, dir_at(p, start), b + start,
                              (size_t)(end - start));
    /* each character is placed on its own, unkerned */
    float w = 0;
    for (int k = start; k < end;) {
        uint32_t cp;
        int n = utf8_next(b + k, (size_t)(end - k), &cp);
        w += text_width_dir(p->c, cs->font, cs->font_size, cs->kerning, pc->features, dir_at(p, k), b + k, (size_t)n) +
             pc->letter_spacing;
        k += n;
    }
    return w;
}

/* The width of bytes from..to of the word start..end of a piece (a
 * hyphenation fragment), from the word's shaping where it may be cut. */
static float part_width(para *p, int pi, int start, int end, int from, int to)
{
    piece *pc = piece_at(p, pi);
    const computed_style *cs = pc->cs;
    if (pc->letter_spacing != 0)
        return piece_width(p, pi, from, to);
    return text_part_width(p->c, cs->font, cs->font_size, cs->kerning, pc->features, dir_at(p, start),
                           p->buf.data + start, (size_t)(end - start), (size_t)(from - start), (size_t)(to - start));
}

/* A break opportunity that is not a space: ragged text needs the ragged
 * stretch on both sides so the line ending there can fall short. */
static void push_break(para *p, float pen, float width, bool flagged, frag_kind fk, int pi, int at)
{
    /* inside a word the ragged glue must not be a break of its own: it
     * would end the line without the hyphen */
    if (!p->justify && flagged)
        push_item(p, KP_PENALTY, 0, 0, 0, KP_INFINITY, false, FR_RAGGED, pi, at, at);
    if (!p->justify)
        push_item(p, KP_GLUE, 0, p->ragged, 0, 0, false, FR_RAGGED, pi, at, at);
    push_item(p, KP_PENALTY, width, 0, 0, pen, flagged, fk, pi, at, at);
    if (!p->justify)
        push_item(p, KP_GLUE, 0, -p->ragged, 0, 0, false, FR_RAGGED, pi, at, at);
}

/* TeX's space factor, without the extra width it adds in English: a space
 * after a sentence stretches three times as much as between words and
 * shrinks a third as much; after a comma, semicolon or colon, a quarter
 * more and less. The optimizer then puts the slack where it shows least
 * (it halves the lines looser than tolerance and the hyphens of the
 * dossier). As in TeX, a period after a capital ends no sentence
 * ("U.S. Army"); closing quotes and parentheses are looked through. */
typedef enum { SF_WORD, SF_CLAUSE, SF_SENTENCE } space_kind;

static space_kind space_factor(const char *b, int at)
{
    int k = at;
    for (;;) {
        if (k > 0 && (b[k - 1] == ')' || b[k - 1] == '"' || b[k - 1] == '\''))
            k--;
        else if (k >= 3 && (unsigned char)b[k - 3] == 0xE2 && (unsigned char)b[k - 2] == 0x80 &&
                 ((unsigned char)b[k - 1] == 0x9D || (unsigned char)b[k - 1] == 0x99)) /* ” ’ */
            k -= 3;
        else
            break;
    }
    char c = k > 0 ? b[k - 1] : 0;
    char before = k > 1 ? b[k - 2] : 0;
    if (c == '!' || c == '?' || (c == '.' && !(before >= 'A' && before <= 'Z')))
        return SF_SENTENCE;
    if (c == ',' || c == ';' || c == ':')
        return SF_CLAUSE;
    return SF_WORD;
}

static void push_space(para *p, int pi, int start, int end)
{
    piece *pc = piece_at(p, pi);
    float w = piece_width(p, pi, start, end);
    if (!p->justify) {
        push_item(p, KP_GLUE, 0, p->ragged, 0, 0, false, FR_RAGGED, pi, start, start);
        push_item(p, KP_PENALTY, 0, 0, 0, 0, false, FR_BREAK, pi, start, start);
        push_item(p, KP_GLUE, w, -p->ragged, 0, 0, false, FR_SPACE, pi, start, end);
    } else {
        /* Knuth's proportions, stretch half a space and shrink a third, but
         * at least a sixth of an em of stretch as Computer Modern has: the
         * space of most text faces is narrower than its 1/3 em (PT Serif's
         * 0.24 em), and the stretch of a line decides whether a paragraph
         * can be set within tolerance at all */
        float st = MAX(w * 0.5f, pc->cs->font_size / 6), sh = w * 0.333f;
        switch (space_factor(p->buf.data, start)) {
        case SF_SENTENCE:
            st *= 3;
            sh /= 3;
            break;
        case SF_CLAUSE:
            st *= 1.25f;
            sh *= 0.8f;
            break;
        case SF_WORD:
            break;
        }
        push_item(p, KP_GLUE, w, st, sh, 0, false, FR_SPACE, pi, start, end);
    }
}

/* A language without patterns is said at the first paragraph that would be
 * hyphenated, whether or not any needs it; the dictionary loads only when
 * a paragraph needs hyphens (its second pass). */
void check_patterns(para *p)
{
    lctx *c = p->c;
    if (c->measuring)
        return;
    const char *said = NULL;
    bool any = false;
    for (size_t i = 0; i < p->pieces.len; i++) {
        const piece *pc = piece_at(p, (int)i);
        if (pc->kind == PIECE_TEXT && !pc->nohyph && pc->cs->hyphens == HYPHENS_AUTO &&
            (!any || pc->cs->lang != said)) {
            lang_check_patterns(c, pc->cs->lang);
            said = pc->cs->lang;
            any = true;
        }
    }
}

/* Boxes for a word (bytes start..end of one piece), with hyphenation
 * points between its parts when allowed. */
static void push_word(para *p, int pi, int start, int end, bool hyphenate)
{
    piece *pc = piece_at(p, pi);
    if (pc->kind == PIECE_NOTE || pc->kind == PIECE_IMAGE) {
        push_item(p, KP_BOX, pc->kind == PIECE_IMAGE ? pc->img_w : piece_width(p, pi, start, end), 0, 0, 0, false,
                  pc->kind == PIECE_IMAGE ? FR_IMAGE : FR_TEXT, pi, start, end);
        return;
    }
    int points[64];
    int np = 0;
    if (hyphenate && pc->cs->hyphens == HYPHENS_AUTO && !pc->nohyph) {
        /* the letters inside, without leading and trailing punctuation */
        const char *s = p->buf.data;
        int ls = start, le = end;
        uint32_t cp;
        while (ls < le) {
            int n = utf8_next(s + ls, (size_t)(le - ls), &cp);
            if (cp_is_letter(cp))
                break;
            ls += n;
        }
        while (le > ls) {
            int k = le - 1;
            while (k > ls && ((unsigned char)s[k] & 0xC0) == 0x80)
                k--;
            utf8_next(s + k, (size_t)(le - k), &cp);
            if (cp_is_letter(cp))
                break;
            le = k;
        }
        bool letters = true;
        int count = 0;
        for (int k = ls; k < le;) {
            int n = utf8_next(s + k, (size_t)(le - k), &cp);
            if (!cp_is_letter(cp))
                letters = false;
            if (count == 0 && cp_is_upper(cp))
                letters = false; /* names and acronyms keep whole */
            count++;
            k += n;
        }
        hyphenator *h = letters && count >= 5 ? lang_hyphenator(p->c, pc->cs->lang) : NULL;
        if (h) {
            np = hyph_points(h, s + ls, (size_t)(le - ls), 2, 3, points, (int)COUNT_OF(points));
            for (int k = 0; k < np; k++)
                points[k] += ls;
        }
    }
    const computed_style *cs = pc->cs;
    float hyphen = (float)MAX(0, font_advance(cs->font, '-')) * cs->font_size / 1000.0f;
    int from = start;
    for (int k = 0; k < np; k++) {
        int at = points[k];
        if (at <= from || at >= end)
            continue;
        push_item(p, KP_BOX, part_width(p, pi, start, end, from, at), 0, 0, 0, false, FR_TEXT, pi, from, at);
        push_break(p, 50, hyphen, true, FR_HYPHEN, pi, at);
        from = at;
    }
    push_item(p, KP_BOX, np ? part_width(p, pi, start, end, from, end) : piece_width(p, pi, from, end), 0, 0, 0, false,
              FR_TEXT, pi, from, end);
}

static bool is_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where a URL may break, as the Chicago Manual of Style has it: after a
 * double slash, before a single slash and before . , - _ ? # % ~, before
 * or after = and &. UAX #14 would break after a hyphen, which then reads as
 * part of the address, and never inside a path. Between two letters or
 * digits after the scheme it may break too, dearly (as LaTeX's xurl): a
 * long address with few spaces around it leaves nothing else to fill the
 * line; two of them stay together on either side. Never with a hyphen.
 * Returns the penalty, or KP_INFINITY where it may not break. `b2 b1 | a`
 * are the characters around the point, `s` the text from `a` on;
 * `in_host_or_path` says the scheme's "//" is behind, `alnum_before` how
 * many letters and digits end the text before the point. */
static float url_break_at(uint32_t b2, uint32_t b1, uint32_t a, const char *s, size_t n, bool in_host_or_path,
                          int alnum_before)
{
    if (is_alnum(b1) && is_alnum(a)) {
        if (!in_host_or_path || alnum_before < 2 || n < 2)
            return KP_INFINITY;
        for (int k = 0; k < 2; k++)
            if (!is_alnum((unsigned char)s[k]))
                return KP_INFINITY;
        return 300;
    }
    if (b1 == '/' && b2 == '/')
        return a == '/' ? KP_INFINITY : 200; /* right after the scheme: a poor start */
    if (a == '/')
        return b1 == '/' || b1 == ':' ? KP_INFINITY : 50;
    if (a == '=' || a == '&' || b1 == '=' || b1 == '&')
        return 100;
    if (a == '.' || a == ',' || a == '-' || a == '_' || a == '?' || a == '#' || a == '%' || a == '~')
        return b1 == '.' || b1 == '/' ? KP_INFINITY : 100;
    return KP_INFINITY;
}

void build_items(para *p, bool hyphenate)
{
    lctx *c = p->c;
    vec_init(&p->items, sizeof(kp_item));
    vec_init(&p->frags, sizeof(frag));
    const char *s = p->buf.data;
    int len = (int)p->buf.len;
    if (p->cs->text_indent != 0)
        push_item(p, KP_BOX, p->cs->text_indent, 0, 0, 0, false, FR_INDENT, -1, 0, 0);
    int word = -1; /* start of the word being gathered */
    int word_piece = -1;
    uint32_t prev_cp = 0; /* the character before cp in the same piece */
    int prev_pi = -1;
    bool past_scheme = false; /* a URL piece's "//" is behind */
    int alnum_run = 0;        /* letters and digits ending the piece so far */
    for (int i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_next(s + i, (size_t)(len - i), &cp);
        int pi = VEC_AT(&p->owner, int, i);
        if (pi != prev_pi) {
            prev_cp = 0;
            past_scheme = false;
            alnum_run = 0;
        }
        if (cp == '/' && prev_cp == '/')
            past_scheme = true;
        alnum_run = is_alnum(cp) ? alnum_run + 1 : 0;
        uint32_t before = prev_cp;
        prev_cp = cp;
        prev_pi = pi;
        piece *pc = piece_at(p, pi);
        white_space_mode ws = pc->cs->white_space;
        bool breakable_space = cp == ' ' && ws != WS_PRE && ws != WS_NOWRAP;
        bool level_change = word >= 0 && p->levels[i] != p->levels[word];
        if (word >= 0 && (pi != word_piece || cp == '\n' || breakable_space || cp == OBJECT_CHAR || level_change)) {
            push_word(p, word_piece, word, i, hyphenate);
            word = -1;
        }
        if (cp == '\n') {
            /* a forced break: the line before is not stretched */
            push_item(p, KP_GLUE, 0, FIL, 0, 0, false, FR_FILL, pi, i, i);
            push_item(p, KP_PENALTY, 0, 0, 0, -KP_INFINITY, false, FR_BREAK, pi, i, i);
            i += n;
            continue;
        }
        if (breakable_space) {
            push_space(p, pi, i, i + n);
            i += n;
            continue;
        }
        if (cp == OBJECT_CHAR && pc->kind == PIECE_LEADER) {
            push_item(p, KP_GLUE, 0, FIL, 0, 0, false, FR_LEADER, pi, i, i + n);
            i += n;
            continue;
        }
        if (word < 0) {
            word = i;
            word_piece = pi;
        }
        if (cp == OBJECT_CHAR) {
            push_word(p, pi, i, i + n, false);
            word = -1;
        }
        if (cp == 0xAD) {
            /* a soft hyphen is never drawn: the word goes on after it */
            if (word >= 0 && word < i)
                push_word(p, word_piece, word, i, hyphenate);
            word = -1;
        }
        i += n;
        /* a break opportunity that is not at a space */
        if (i < len && ws != WS_NOWRAP && ws != WS_PRE) {
            uint32_t next;
            utf8_next(s + i, (size_t)(len - i), &next);
            bool at_space = next == ' ' || next == '\n';
            bool in_url = pc->url && VEC_AT(&p->owner, int, i) == pi;
            float url_pen = in_url ? url_break_at(before, cp, next, s + i, (size_t)(len - i), past_scheme, alnum_run)
                                   : KP_INFINITY;
            bool allowed = in_url ? url_pen < KP_INFINITY : p->brks[i - 1] == LINEBREAK_ALLOWBREAK;
            if (cp == 0xAD)
                allowed = pc->cs->hyphens != HYPHENS_NONE;
            if (allowed && !at_space) {
                if (word >= 0) {
                    push_word(p, word_piece, word, i, hyphenate);
                    word = -1;
                }
                if (cp == 0xAD) {
                    float hy = (float)MAX(0, font_advance(pc->cs->font, '-')) * pc->cs->font_size / 1000.0f;
                    push_break(p, 50, hy, true, FR_HYPHEN, pi, i);
                } else if (in_url) {
                    push_break(p, url_pen, 0, false, FR_BREAK, pi, i);
                } else {
                    bool dash = cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
                    push_break(p, dash ? 50 : 0, 0, dash, FR_BREAK, pi, i);
                }
            }
        }
    }
    if (word >= 0)
        push_word(p, word_piece, word, len, hyphenate);
    push_item(p, KP_GLUE, 0, p->has_leader ? 0 : FIL, 0, 0, false, FR_FILL, -1, len, len);
    push_item(p, KP_PENALTY, 0, 0, 0, -KP_INFINITY, false, FR_BREAK, -1, len, len);
    (void)c;
}

#define OVERWIDE_REPORTS 20

/* A box wider than the line can only overflow: split it between
 * characters, with a warning, so that nothing crosses the margin. */
static void split_overwide(para *p, float width)
{
    bool any = false;
    for (size_t i = 0; i < p->items.len; i++) {
        kp_item *it = &VEC_AT(&p->items, kp_item, i);
        frag *f = &VEC_AT(&p->frags, frag, i);
        if (it->type == KP_BOX && it->width > width && f->kind == FR_TEXT && f->end - f->start > 1)
            any = true;
    }
    if (!any)
        return;
    vec items = p->items, frags = p->frags;
    vec_init(&p->items, sizeof(kp_item));
    vec_init(&p->frags, sizeof(frag));
    bool saved = p->justify, warned = false;
    for (size_t i = 0; i < items.len; i++) {
        kp_item *it = &VEC_AT(&items, kp_item, i);
        frag *f = &VEC_AT(&frags, frag, i);
        if (!(it->type == KP_BOX && it->width > width && f->kind == FR_TEXT && f->end - f->start > 1)) {
            *(kp_item *)vec_push(p->c->sa, &p->items) = *it;
            *(frag *)vec_push(p->c->sa, &p->frags) = *f;
            continue;
        }
        piece *pc = piece_at(p, f->piece);
        /* the word's own column: a text node lies on one source line */
        srcpos at = pc->pos;
        const char *src = pc->text ? mem_find(pc->text, pc->len, p->buf.data + f->start, (size_t)(f->end - f->start)) : NULL;
        if (src && at.line > 0 && at.col > 0)
            at.col += (int)utf8_length(pc->text, (size_t)(src - pc->text));
        if (!warned && !p->c->quiet_overwide) { /* a table that does not fit says so once */
            /* once per paragraph (a paragraph may be set twice) and at most
             * OVERWIDE_REPORTS times, or a long document drowns the log */
            warned = true;
            lctx *c = p->c;
            char *key = arena_printf(c->a, "overwide %s:%d:%d", at.file ? at.file : "", at.line, at.col);
            bool last = c->overwide_reported + 1 == OVERWIDE_REPORTS;
            if (c->overwide_reported < OVERWIDE_REPORTS &&
                diag_once(c->d, key, DIAG_WARNING, at, "'%.*s%s' is wider than the line; it is broken between characters%s",
                          MIN(40, f->end - f->start), p->buf.data + f->start, f->end - f->start > 40 ? "..." : "",
                          last ? " (further words broken so are not reported)" : ""))
                c->overwide_reported++;
        }
        p->justify = false; /* the pieces need ragged stretch to be set at all */
        for (int k = f->start; k < f->end;) {
            uint32_t cp;
            int n = utf8_next(p->buf.data + k, (size_t)(f->end - k), &cp);
            if (k > f->start)
                push_break(p, 1000, 0, false, FR_BREAK, f->piece, k);
            push_item(p, KP_BOX, piece_width(p, f->piece, k, k + n), 0, 0, 0, false, FR_TEXT, f->piece, k, k + n);
            k += n;
        }
        /* the word's kerning with the box after it goes to its last character */
        kp_item *tail = &VEC_AT(&p->items, kp_item, p->items.len - 1);
        frag *tf = &VEC_AT(&p->frags, frag, p->frags.len - 1);
        tail->width += f->kern;
        tf->kerned = f->kerned;
        tf->kern = f->kern;
        p->justify = saved;
    }
}

/* ---- breaking ---------------------------------------------------------- */

double para_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* TeX's passes: without hyphenation at a strict tolerance (100, TeX's
 * pretolerance), then with it (200), then a sloppy pass, then whatever fits
 * best. The third is LaTeX's \sloppy (tolerance 9999) with a little
 * emergency stretch (1 em), not TeX's usual large emergency stretch alone:
 * that measures badness against stretch the line does not have, so in a
 * narrow column it chose lines set at 5 times their stretch over hyphens
 * (on a 70 mm column: worst ratio 5.0 against 2.4, mean badness 1934
 * against 416, half the hyphens). */
/* One breaking pass over the paragraph's items, timed apart from building
 * them (the benchmark compares the algorithms alone as well). */
typedef enum { PASS_FIRST_FIT, PASS_TOTAL_FIT, PASS_LAST_RESORT } pass_kind;

static int run_pass(para *p, pass_kind kind, const kp_params *kp, kp_break *br)
{
    lctx *c = p->c;
    const kp_item *items = p->items.data;
    int n = (int)p->items.len;
    double t0 = para_seconds();
    int lines = kind == PASS_FIRST_FIT    ? kp_first_fit(items, n, kp, br)
                : kind == PASS_TOTAL_FIT ? kp_break_paragraph(c->sa, items, n, kp, br)
                                         : kp_break_paragraph_any(c->sa, items, n, kp, br);
    c->stats.breaker_seconds += para_seconds() - t0;
    return lines;
}

static kp_break *prepare(para *p, bool hyphenate, float width)
{
    build_items(p, hyphenate);
    split_overwide(p, width);
    return ARENA_ARRAY(p->c->sa, kp_break, p->items.len + 1);
}

int break_lines(para *p, kp_break **out)
{
    lctx *c = p->c;
    float width = c->width > 1 ? c->width : 1;
    kp_params kp = c->kp;
    kp.line_widths = &width;
    kp.nline_widths = 1;
    double t0 = para_seconds();
    int n = -1;
    kp_break *br = NULL;
    if (c->opt && c->opt->first_fit) {
        br = prepare(p, true, width);
        n = run_pass(p, PASS_FIRST_FIT, &kp, br);
    } else {
        br = prepare(p, false, width);
        kp_params first = kp;
        first.tolerance = 100;
        n = run_pass(p, PASS_TOTAL_FIT, &first, br);
        if (n < 0) {
            br = prepare(p, true, width);
            n = run_pass(p, PASS_TOTAL_FIT, &kp, br);
        }
        if (n < 0) {
            kp_params sloppy = kp;
            sloppy.emergency_stretch = p->cs->font_size;
            sloppy.tolerance = 9999;
            n = run_pass(p, PASS_TOTAL_FIT, &sloppy, br);
        }
        if (n < 0)
            n = run_pass(p, PASS_LAST_RESORT, &kp, br);
    }
    c->stats.linebreak_seconds += para_seconds() - t0;
    *out = br;
    return n;
}
