/* Paragraphs: inline content into Knuth-Plass items, lines, and line boxes.
 *
 * The inline nodes of a block are flattened into pieces (text in one
 * style, images, footnote numbers, leaders). Their text, with white space
 * processed as CSS says, forms one buffer whose UAX #14 break
 * opportunities (libunibreak) and hyphenation points (libhyphen) become
 * penalties between boxes; spaces become glue. The breaker chooses the
 * lines; each line becomes a box of placed words in the galley. */
#include "layout_internal.h"

#include <linebreak.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FIL 1.0e6f            /* stretch that behaves as infinite */
#define OBJECT_CHAR 0xFFFC    /* stands for an image or leader in the text */
#define BROKEN_LINES 1.5f     /* a page break after a hyphenated line costs this many lines of fill */

typedef enum { PIECE_TEXT, PIECE_BREAK, PIECE_IMAGE, PIECE_NOTE, PIECE_LEADER } piece_kind;

typedef struct {
    piece_kind kind;
    const computed_style *cs;
    const char *text;
    size_t len;
    const char *link;       /* URL, or "#id" inside the document, or NULL */
    srcpos pos;
    bool nohyph;            /* code and URLs are never hyphenated */
    bool url;               /* breaks where URLs break (url_break_at), never hyphenated */
    float shift;            /* baseline shift (super/subscript), pt, down positive */
    int deco;               /* text-decoration lines, from the element and its ancestors */
    rgba deco_color;
    image *img;             /* PIECE_IMAGE */
    float img_w, img_h;
    const doc_node *note;   /* PIECE_NOTE: the definition */
    const char *leader;     /* PIECE_LEADER: the string repeated */
    const doc_node *tag;    /* the link, note reference or image it is part of (tagged PDF), or NULL */
} piece;

typedef enum { FR_TEXT, FR_SPACE, FR_BREAK, FR_HYPHEN, FR_IMAGE, FR_LEADER, FR_FILL, FR_INDENT, FR_RAGGED } frag_kind;

/* What an item stands for, parallel to the kp_item array. */
typedef struct {
    uint8_t kind;   /* frag_kind */
    bool kerned;    /* a text box whose kerning with the next box is done */
    int piece;
    int start, end; /* bytes of the buffer */
    /* a text box: the kerning with the box after it, added to its width
     * (and taken off the break between them, which drops it); a hyphen
     * break: where the hyphen goes from the end of the box before */
    float kern;
} frag;

/* What inline elements pass down to their content: the link they are in,
 * the raised or lowered baseline, and text decorations, which CSS draws
 * across all descendants' text. */
typedef struct {
    const char *link;
    const doc_node *tag;  /* the clickable link it is in (tagged PDF) */
    float shift;
    int deco;
    rgba deco_color;
} inl_state;

typedef struct {
    lctx *c;
    const computed_style *cs; /* the block's style */
    vec pieces;               /* piece */
    strbuf buf;               /* processed text */
    vec owner;                /* int per byte of buf: piece index */
    char *brks;
    vec items;                /* kp_item */
    vec frags;                /* frag */
    bool justify, has_leader;
    float ragged;             /* stretch of ragged glue */
    srcpos pos;
} para;

/* ---- collecting pieces ------------------------------------------------- */

/* Display items of a piece in a link, a note reference or an image
 * belong to that element, and the rest to the block's (tagged PDF). */
static tag_saved piece_tag(lctx *c, const piece *pc, dl_tag kind)
{
    tag_saved saved = {c->tag_node, c->tag_kind};
    if (pc && pc->tag)
        c->tag_node = pc->tag->id + 1;
    c->tag_kind = (uint8_t)kind;
    return saved;
}

static piece *add_piece(para *p, piece_kind kind, const computed_style *cs, srcpos pos)
{
    piece *pc = VEC_PUSH(p->c->sa, &p->pieces, piece);
    pc->kind = kind;
    pc->cs = cs;
    pc->pos = pos;
    return pc;
}

static void add_text(para *p, const computed_style *cs, const char *s, size_t n, const inl_state *st, srcpos pos,
                     bool nohyph, bool url)
{
    if (n == 0)
        return;
    piece *pc = add_piece(p, PIECE_TEXT, cs, pos);
    pc->text = s;
    pc->len = n;
    pc->link = st->link;
    pc->tag = st->tag;
    pc->nohyph = nohyph;
    pc->url = url;
    pc->shift = st->shift;
    pc->deco = st->deco;
    pc->deco_color = st->deco_color;
}

/* The state inside an element with style cs. */
static inl_state enter(const inl_state *outer, const computed_style *parent, const computed_style *cs)
{
    inl_state st = *outer;
    float ps = parent ? parent->font_size : cs->font_size;
    if (cs->valign == VALIGN_SUPER)
        st.shift -= 0.36f * ps;
    else if (cs->valign == VALIGN_SUB)
        st.shift += 0.2f * ps;
    if (cs->decoration) {
        st.deco |= cs->decoration;
        st.deco_color = cs->decoration_color ? cs->decoration_color : cs->color;
    }
    return st;
}

static bool looks_like_url(const char *s, size_t n)
{
    return (n > 7 && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)) ||
           (n > 4 && strncmp(s, "www.", 4) == 0) || (n > 7 && strncmp(s, "mailto:", 7) == 0);
}

static const char *target_label(lctx *c, const doc_node *link)
{
    if (!link || link->kind != DOC_LINK || link->u.link.url[0] != '#')
        return "";
    const char *id = link->u.link.url + 1;
    const char *label = hmap_get(&c->targets, id, strlen(id));
    return label ? label : "";
}

/* Generated content (::before, ::after) as pieces. */
static void add_generated(para *p, const computed_style *cs, const doc_node *n, const inl_state *outer)
{
    if (!cs || !cs->content)
        return;
    lctx *c = p->c;
    inl_state st = enter(outer, NULL, cs);
    st.shift = outer->shift;
    strbuf sb;
    sb_init(&sb, c->sa);
    for (const content_part *cp = cs->content; cp; cp = cp->next) {
        if (cp->kind == CONTENT_LEADER) {
            add_text(p, cs, sb.data, sb.len, &st, n->pos, true, false);
            sb_init(&sb, c->sa);
            piece *pc = add_piece(p, PIECE_LEADER, cs, n->pos);
            pc->leader = cp->text && *cp->text ? cp->text : ".";
            pc->link = st.link;
            p->has_leader = true;
        } else if (cp->kind == CONTENT_TARGET_COUNTER) {
            sb_puts(&sb, target_label(c, n));
        } else {
            content_part one = *cp;
            one.next = NULL;
            sb_puts(&sb, content_text(c, &one, n));
        }
    }
    add_text(p, cs, sb.data, sb.len, &st, n->pos, true, false);
}

static void collect(para *p, const doc_node *n, const inl_state *st);

static void collect_children(para *p, const doc_node *n, const inl_state *st)
{
    for (const doc_node *ch = n->first; ch; ch = ch->next)
        collect(p, ch, st);
}

static void collect(para *p, const doc_node *n, const inl_state *outer)
{
    lctx *c = p->c;
    const computed_style *cs = style_for(c, n);
    if (cs->display == DISPLAY_NONE)
        return;
    const computed_style *parent = n->parent ? style_for(c, n->parent) : NULL;
    switch (n->kind) {
    case DOC_TEXT:
        if (looks_like_url(n->text, n->len))
            add_text(p, cs, n->text, n->len, outer, n->pos, true, true);
        else
            add_text(p, cs, n->text, n->len, outer, n->pos, false, false);
        return;
    case DOC_SOFTBREAK:
        add_text(p, cs, " ", 1, outer, n->pos, false, false);
        return;
    case DOC_LINEBREAK:
        add_piece(p, PIECE_BREAK, cs, n->pos);
        return;
    case DOC_CODE: {
        counters_apply(c, cs);
        inl_state st = enter(outer, parent, cs);
        add_generated(p, cs->before, n, &st);
        add_text(p, cs, n->text, n->len, &st, n->pos, true, false);
        add_generated(p, cs->after, n, &st);
        return;
    }
    case DOC_IMAGE: {
        image *img = layout_image(c, n);
        if (!img) {
            /* the error is reported; keep the alt text in its place */
            if (n->first)
                collect_children(p, n, outer);
            return;
        }
        piece *pc = add_piece(p, PIECE_IMAGE, cs, n->pos);
        float dpi = img->dpi > 0 ? img->dpi : 96;
        pc->img = img;
        pc->img_w = (float)img->width * 72.0f / dpi;
        pc->img_h = (float)img->height * 72.0f / dpi;
        /* width and height as CSS sizes a replaced element: one of them
         * keeps the picture's proportions, both set both */
        float want_w = cs->width.kind == LEN_PT ? cs->width.v
                       : cs->width.kind == LEN_PERCENT ? c->width * cs->width.v / 100.0f : 0;
        float want_h = cs->height.kind == LEN_PT ? cs->height.v : 0;
        if (want_w > 0 && want_h > 0) {
            pc->img_w = want_w;
            pc->img_h = want_h;
        } else if (want_w > 0 && pc->img_w > 0) {
            pc->img_h *= want_w / pc->img_w;
            pc->img_w = want_w;
        } else if (want_h > 0 && pc->img_h > 0) {
            pc->img_w *= want_h / pc->img_h;
            pc->img_h = want_h;
        }
        if (pc->img_w > c->width) {
            pc->img_h *= c->width / pc->img_w;
            pc->img_w = c->width;
        }
        pc->link = outer->link;
        pc->tag = n;
        return;
    }
    case DOC_FOOTNOTE_REF: {
        counters_apply(c, cs);
        inl_state st = enter(outer, parent, cs);
        piece *pc = add_piece(p, PIECE_NOTE, cs, n->pos);
        pc->text = arena_printf(c->a, "%d", n->u.fnref.number);
        pc->len = strlen(pc->text);
        pc->note = n->u.fnref.def;
        pc->shift = st.shift;
        pc->nohyph = true;
        pc->link = arena_printf(c->a, "#fn-%d", n->u.fnref.number);
        pc->tag = n;
        return;
    }
    case DOC_LINK: {
        const char *url = n->u.link.url;
        const char *target = outer->link;
        if (url[0] == '#') {
            const char *id = url + 1;
            if (hmap_get(&c->heading_ids, id, strlen(id)))
                target = url;
            else if (!c->measuring)
                WARN(c->d, n->pos, "link to '%s', but no heading has that id; the link is not clickable", url);
        } else if (str_starts(url, "http://") || str_starts(url, "https://") || str_starts(url, "mailto:")) {
            /* the PDF library refuses longer strings, and the page with them */
            if (strlen(url) <= 65535)
                target = url;
            else if (!c->measuring)
                WARN(c->d, n->pos, "link target of %zu bytes is longer than a PDF link can hold (65535); it is not made clickable",
                     strlen(url));
        } else if (*url && !c->measuring) {
            const char *colon = strchr(url, ':');
            if (colon && colon > url && !strchr(url, '/') ? true : colon && strchr(url, '/') > colon)
                WARN(c->d, n->pos, "link '%s' uses a scheme that is not a web address; it is not made clickable", url);
            else
                WARN(c->d, n->pos, "link '%s' is relative, which means nothing inside a PDF; it is not made clickable", url);
        }
        counters_apply(c, cs);
        inl_state st = enter(outer, parent, cs);
        if (target && target != outer->link)
            st.tag = n; /* a Link element holds its text and its annotation */
        st.link = target;
        add_generated(p, cs->before, n, &st);
        collect_children(p, n, &st);
        add_generated(p, cs->after, n, &st);
        return;
    }
    default:
        break;
    }
    if (doc_is_inline(n->kind)) {
        counters_apply(c, cs);
        inl_state st = enter(outer, parent, cs);
        add_generated(p, cs->before, n, &st);
        collect_children(p, n, &st);
        add_generated(p, cs->after, n, &st);
    }
    /* block children of a paragraph-like block do not occur */
}

/* ---- building the text buffer ------------------------------------------ */

static void put(para *p, const char *s, size_t n, int owner)
{
    sb_append(&p->buf, s, n);
    for (size_t i = 0; i < n; i++)
        *VEC_PUSH(p->c->sa, &p->owner, int) = owner;
}

static bool collapses(white_space_mode ws)
{
    return ws == WS_NORMAL || ws == WS_NOWRAP || ws == WS_PRE_LINE;
}

static void build_buffer(para *p)
{
    bool last_space = true; /* drops leading white space */
    int column = 0;         /* for tab stops in preformatted text */
    for (int i = 0; i < (int)p->pieces.len; i++) {
        piece *pc = &VEC_AT(&p->pieces, piece, i);
        if (pc->kind == PIECE_BREAK) {
            put(p, "\n", 1, i);
            last_space = true;
            column = 0;
            continue;
        }
        if (pc->kind == PIECE_IMAGE || pc->kind == PIECE_LEADER) {
            put(p, "\xEF\xBF\xBC", 3, i);
            last_space = false;
            continue;
        }
        white_space_mode ws = pc->cs->white_space;
        text_transform tt = pc->cs->transform;
        bool word_start = true;
        for (size_t k = 0; k < pc->len;) {
            uint32_t cp;
            int n = utf8_next(pc->text + k, pc->len - k, &cp);
            k += (size_t)n;
            bool white = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f';
            if (white && collapses(ws)) {
                if (cp == '\n' && ws == WS_PRE_LINE) {
                    put(p, "\n", 1, i);
                    last_space = true;
                } else if (!last_space) {
                    put(p, " ", 1, i);
                    last_space = true;
                }
                word_start = true;
                continue;
            }
            if (cp == '\n') {
                put(p, "\n", 1, i);
                column = 0;
                last_space = true;
                continue;
            }
            if (cp == '\t') {
                int spaces = 8 - column % 8;
                for (int s = 0; s < spaces; s++)
                    put(p, " ", 1, i);
                column += spaces;
                continue;
            }
            if (tt == TT_UPPERCASE)
                cp = cp_upper(cp);
            else if (tt == TT_LOWERCASE)
                cp = cp_lower(cp);
            else if (tt == TT_CAPITALIZE && word_start)
                cp = cp_upper(cp);
            word_start = white;
            char enc[4];
            put(p, enc, (size_t)utf8_encode(cp, enc), i);
            last_space = white;
            column++;
        }
    }
    /* trailing collapsible white space goes */
    while (p->buf.len > 0 && p->buf.data[p->buf.len - 1] == ' ') {
        int o = VEC_AT(&p->owner, int, p->buf.len - 1);
        if (!collapses(VEC_AT(&p->pieces, piece, o).cs->white_space))
            break;
        p->buf.len--;
        p->owner.len--;
    }
    if (p->buf.cap) /* an empty buffer is still sb_init's read-only "" */
        p->buf.data[p->buf.len] = 0;
}

/* UAX #14 break opportunities per byte. libunibreak 1.1 aborts on an
 * assertion at regional indicators (the letters of flag emoji, U+1F1E6 to
 * U+1F1FF): it reads a copy where each is an ideograph of the same length
 * (U+20000), around which lines break the same way. */
static void unibreak_safe(arena *a, const char *s, size_t len, const char *lang, char *brks)
{
    char *copy = NULL;
    for (size_t i = 0; i + 3 < len; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (u[0] == 0xF0 && u[1] == 0x9F && u[2] == 0x87 && u[3] >= 0xA6 && u[3] <= 0xBF) {
            if (!copy)
                copy = arena_memdup(a, s, len);
            memcpy(copy + i, "\xF0\xA0\x80\x80", 4);
            i += 3;
        }
    }
    set_linebreaks_utf8((const utf8_t *)(copy ? copy : s), len, lang, brks);
}

/* ---- items ------------------------------------------------------------- */

static piece *piece_at(para *p, int i)
{
    return &VEC_AT(&p->pieces, piece, i);
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
    if (pc->kind != PIECE_TEXT || pc->cs->letter_spacing != 0)
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
    float k = text_kern_at(p->c, cs->font, cs->font_size, cs->kerning, s + lf->start, (size_t)(nf->end - lf->start),
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
            float kh = text_kern_at(p->c, cs->font, cs->font_size, cs->kerning, pair, n + 1, n);
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
    if (cs->letter_spacing == 0)
        return text_width_fallback(p->c, cs->font, cs->font_size, cs->kerning, b + start, (size_t)(end - start));
    /* each character is placed on its own, unkerned */
    float w = 0;
    for (int k = start; k < end;) {
        uint32_t cp;
        int n = utf8_next(b + k, (size_t)(end - k), &cp);
        w += text_width_fallback(p->c, cs->font, cs->font_size, cs->kerning, b + k, (size_t)n) + cs->letter_spacing;
        k += n;
    }
    return w;
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

static void note_no_patterns(lctx *c)
{
    diag_once(c->d, "nohyph", DIAG_NOTE, srcpos_make(NULL, 0, 0),
              "no hyphenation patterns for language '%s'; text is set without hyphenation", c->lang);
}

static hyphenator *para_hyphenator(lctx *c)
{
    if (!c->hyph_tried) {
        c->hyph_tried = true;
        c->hyph = hyph_open(c->lang);
        if (!c->hyph)
            note_no_patterns(c);
    }
    return c->hyph;
}

/* The dictionary loads only when a paragraph needs hyphens (its second
 * pass), but a language without patterns is said at the first paragraph
 * that would be hyphenated, whether or not any needs it. */
static void check_patterns(para *p)
{
    lctx *c = p->c;
    if (c->hyph_checked || c->measuring)
        return;
    for (size_t i = 0; i < p->pieces.len; i++) {
        const piece *pc = piece_at(p, (int)i);
        if (pc->kind == PIECE_TEXT && !pc->nohyph && pc->cs->hyphens == HYPHENS_AUTO) {
            c->hyph_checked = true;
            if (!c->hyph_tried && !hyph_available(c->lang)) {
                c->hyph_tried = true; /* hyph stays NULL */
                note_no_patterns(c);
            }
            return;
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
        hyphenator *h = letters && count >= 5 ? para_hyphenator(p->c) : NULL;
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
        push_item(p, KP_BOX, piece_width(p, pi, from, at), 0, 0, 0, false, FR_TEXT, pi, from, at);
        push_break(p, 50, hyphen, true, FR_HYPHEN, pi, at);
        from = at;
    }
    push_item(p, KP_BOX, piece_width(p, pi, from, end), 0, 0, 0, false, FR_TEXT, pi, from, end);
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

static void build_items(para *p, bool hyphenate)
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
        if (word >= 0 && (pi != word_piece || cp == '\n' || breakable_space || cp == OBJECT_CHAR)) {
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

static double seconds(void)
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
    double t0 = seconds();
    int lines = kind == PASS_FIRST_FIT    ? kp_first_fit(items, n, kp, br)
                : kind == PASS_TOTAL_FIT ? kp_break_paragraph(c->sa, items, n, kp, br)
                                         : kp_break_paragraph_any(c->sa, items, n, kp, br);
    c->stats.breaker_seconds += seconds() - t0;
    return lines;
}

static kp_break *prepare(para *p, bool hyphenate, float width)
{
    build_items(p, hyphenate);
    split_overwide(p, width);
    return ARENA_ARRAY(p->c->sa, kp_break, p->items.len + 1);
}

static int break_lines(para *p, kp_break **out)
{
    lctx *c = p->c;
    float width = c->width > 1 ? c->width : 1;
    kp_params kp = c->kp;
    kp.line_widths = &width;
    kp.nline_widths = 1;
    double t0 = seconds();
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
    c->stats.linebreak_seconds += seconds() - t0;
    *out = br;
    return n;
}

/* ---- lines ------------------------------------------------------------- */

typedef struct {
    float top, bottom; /* extent around the baseline: top negative */
} extent;

static void piece_extent(const computed_style *cs, float shift, extent *e)
{
    font_face *f = cs->font;
    float a = f->ascent * cs->font_size, d = f->descent * cs->font_size;
    float lh = used_line_height(cs);
    float half = (lh - (a + d)) / 2;
    float top = shift - a - half, bottom = shift + d + half;
    if (top < e->top)
        e->top = top;
    if (bottom > e->bottom)
        e->bottom = bottom;
}

/* Draws the leader string at fixed positions so dots line up from line
 * to line, as TeX's aligned leaders do. */
static void draw_leader(para *p, dl_list *dl, const piece *pc, float x0, float x1, float baseline)
{
    lctx *c = p->c;
    const computed_style *cs = pc->cs;
    const char *s = pc->leader;
    float w = text_width_fallback(c, cs->font, cs->font_size, cs->kerning, s, strlen(s));
    float space = text_width_fallback(c, cs->font, cs->font_size, false, " ", 1);
    float step = w + space;
    if (step <= 0.5f)
        return;
    float start = ceilf((x0 + space) / step) * step;
    for (float x = start; x + w <= x1 - space + 0.01f; x += step)
        text_emit(c, dl, cs->font, cs->font_size, cs->kerning, cs->color, x, baseline, s, strlen(s), pc->pos);
}

typedef struct {
    int from, to;     /* items of the line, to exclusive */
    int brk;          /* the item broken at */
    float ratio;
    bool overfull;
} line_span;

/* Returns the line's height. */
static float emit_line(para *p, const line_span *ln, int index, int nlines, bool hyphen_end)
{
    lctx *c = p->c;
    const kp_item *items = p->items.data;
    const frag *frags = p->frags.data;
    float L = c->width;

    /* natural widths, stretch, and the fil glues that take the slack */
    float natural = 0, stretch = 0, shrink = 0;
    int fils = 0, leaders = 0;
    for (int i = ln->from; i < ln->to; i++) {
        if (items[i].type == KP_BOX || items[i].type == KP_GLUE)
            natural += items[i].width;
        if (items[i].type == KP_GLUE) {
            if (items[i].stretch >= FIL / 2) {
                fils++;
                if (frags[i].kind == FR_LEADER)
                    leaders++;
            } else if (frags[i].kind != FR_RAGGED) {
                stretch += items[i].stretch;
                shrink += items[i].shrink;
            }
        }
    }
    float hyphen_w = hyphen_end ? items[ln->brk].width : 0;
    natural += hyphen_w;
    float slack = L - natural;
    float ratio = 0;
    /* justified lines stretch; any line the breaker made tighter than its
     * natural width shrinks, the last one too (its fil glue cannot shrink) */
    bool justify_line = p->justify && fils == 0;
    if (justify_line && slack > 0 && stretch > 0)
        ratio = slack / stretch;
    else if (slack < 0 && shrink > 0)
        ratio = MAX(-1.0f, slack / shrink);
    bool set_glue = ratio != 0;
    float offset = 0;
    text_align al = p->cs->align;
    if (index == nlines - 1 && p->cs->align == TEXT_JUSTIFY)
        al = p->cs->align_last;
    /* a centred or right-aligned line ending in a paragraph's (or a forced
     * break's) fill: the fill takes nothing, the offset places the line */
    bool fills_off = leaders == 0 && fils > 0 && (al == TEXT_CENTER || al == TEXT_RIGHT);
    if (fills_off)
        fils = 0;
    if (!justify_line && fils == 0) {
        if (al == TEXT_RIGHT)
            offset = MAX(0, slack);
        else if (al == TEXT_CENTER)
            offset = MAX(0, slack) / 2;
    }
    float fil_share = fils ? MAX(0, slack) / (float)(leaders ? leaders : fils) : 0;

    /* vertical extent from the block's strut and every piece on the line */
    extent e = {0, 0};
    piece_extent(p->cs, 0, &e);
    for (int i = ln->from; i < ln->to; i++) {
        if (items[i].type != KP_BOX || frags[i].piece < 0)
            continue;
        const piece *pc = piece_at(p, frags[i].piece);
        if (pc->kind == PIECE_IMAGE) {
            if (pc->shift - pc->img_h < e.top)
                e.top = pc->shift - pc->img_h;
        } else {
            piece_extent(pc->cs, pc->shift, &e);
        }
    }
    float baseline = -e.top;
    float height = e.bottom - e.top;

    dl_list back, dl, deco;
    dl_init_in(&back, c->sa);
    dl_init_in(&dl, c->sa);
    dl_init_in(&deco, c->sa);
    vnote *notes = NULL, **notes_tail = &notes;

    /* place every item; runs of text in one piece with natural spaces
     * between them are drawn as one string */
    float x = c->x + offset;
    int run_piece = -1, run_start = 0, run_end = 0;
    float run_x = 0;
    const char *link = NULL;
    const piece *link_piece = NULL;
    float link_x0 = 0;
#define FLUSH_RUN()                                                                                       \
    do {                                                                                                  \
        if (run_piece >= 0) {                                                                             \
            const piece *rp = piece_at(p, run_piece);                                                     \
            tag_saved run_tag = piece_tag(c, rp, TAG_CONTENT);                                            \
            text_emit(c, &dl, rp->cs->font, rp->cs->font_size, rp->cs->kerning, rp->cs->color, run_x, baseline + rp->shift, \
                      p->buf.data + run_start, (size_t)(run_end - run_start), rp->pos);                   \
            tag_restore(c, run_tag);                                                                      \
            run_piece = -1;                                                                               \
        }                                                                                                 \
    } while (0)
#define FLUSH_LINK(xend)                                                                                  \
    do {                                                                                                  \
        if (link && (xend) > link_x0) {                                                                   \
            tag_saved link_tag = piece_tag(c, link_piece, TAG_CONTENT);                                   \
            dl_item *lk = dl_add(c, &deco, DL_LINK);                                                      \
            tag_restore(c, link_tag);                                                                     \
            lk->x = link_x0;                                                                              \
            lk->y = 0;                                                                                    \
            lk->w = (xend)-link_x0;                                                                       \
            lk->h = height;                                                                               \
            if (link[0] == '#') {                                                                         \
                lk->u.link.uri = link;                                                                    \
                lk->u.link.page = -1;                                                                     \
            } else {                                                                                      \
                lk->u.link.uri = link;                                                                    \
            }                                                                                             \
        }                                                                                                 \
        link = NULL;                                                                                      \
    } while (0)

    for (int i = ln->from; i < ln->to; i++) {
        const kp_item *it = &items[i];
        const frag *f = &frags[i];
        const piece *pc = f->piece >= 0 ? piece_at(p, f->piece) : NULL;
        const char *item_link = pc && (it->type == KP_BOX || f->kind == FR_LEADER || f->kind == FR_SPACE) ? pc->link : link;
        if (it->type == KP_BOX && item_link != link) {
            FLUSH_LINK(x);
            if (item_link) {
                link = item_link;
                link_piece = pc;
                link_x0 = x;
            }
        }
        if (it->type == KP_PENALTY)
            continue;
        float w = it->width;
        if (it->type == KP_GLUE) {
            if (it->stretch >= FIL / 2 && !fills_off)
                w += (leaders ? (f->kind == FR_LEADER ? fil_share : 0) : fil_share);
            else if (set_glue && f->kind != FR_RAGGED)
                w += ratio > 0 ? ratio * it->stretch : ratio * it->shrink;
            if (f->kind == FR_RAGGED && w == 0) {
                /* the ragged-right scaffolding around a space draws nothing */
            } else if (f->kind == FR_LEADER) {
                FLUSH_RUN();
                /* dots lead the eye, not the voice */
                tag_saved leader_tag = tag_enter(c, NULL, TAG_ARTIFACT);
                draw_leader(p, &dl, pc, x, x + w, baseline + pc->shift);
                tag_restore(c, leader_tag);
            } else if (f->kind == FR_SPACE && run_piece == f->piece && run_end == f->start && fabsf(w - it->width) < 0.005f) {
                run_end = f->end; /* a natural space inside the run */
            } else {
                FLUSH_RUN();
            }
            x += w;
            continue;
        }
        /* a box */
        if (!pc || f->kind == FR_INDENT) {
            FLUSH_RUN();
            x += w;
            continue;
        }
        if (pc->kind == PIECE_IMAGE) {
            FLUSH_RUN();
            tag_saved image_tag = piece_tag(c, pc, TAG_CONTENT);
            dl_item *im = dl_add(c, &dl, DL_IMAGE);
            tag_restore(c, image_tag);
            im->x = x;
            im->y = baseline + pc->shift - pc->img_h;
            im->w = pc->img_w;
            im->h = pc->img_h;
            im->u.image.img = pc->img;
        } else {
            /* text directly in a block shares its style: the block drew that background */
            if (RGBA_A(pc->cs->background) && pc->cs->background != p->cs->background)
                dl_rect(c, &back, x - 1, baseline + pc->shift - pc->cs->font->ascent * pc->cs->font_size, w + 2,
                        (pc->cs->font->ascent + pc->cs->font->descent) * pc->cs->font_size, pc->cs->background, 0, 0);
            if (pc->deco) {
                rgba col = pc->deco_color ? pc->deco_color : pc->cs->color;
                float th = MAX(0.4f, pc->cs->font->underline_thickness * pc->cs->font_size);
                if (pc->deco & DECO_UNDERLINE)
                    dl_hline(c, &deco, x, x + w, baseline + pc->shift + pc->cs->font->underline_pos * pc->cs->font_size, th, col, BORDER_SOLID);
                if (pc->deco & DECO_LINE_THROUGH)
                    dl_hline(c, &deco, x, x + w, baseline + pc->shift - pc->cs->font->x_height * pc->cs->font_size / 2, th, col, BORDER_SOLID);
                if (pc->deco & DECO_OVERLINE)
                    dl_hline(c, &deco, x, x + w, baseline + pc->shift - pc->cs->font->ascent * pc->cs->font_size, th, col, BORDER_SOLID);
            }
            if (run_piece == f->piece && run_end == f->start && pc->cs->letter_spacing == 0) {
                run_end = f->end;
            } else {
                FLUSH_RUN();
                if (pc->cs->letter_spacing != 0) {
                    /* each character placed on its own */
                    float cx = x;
                    tag_saved spaced_tag = piece_tag(c, pc, TAG_CONTENT);
                    for (int k = f->start; k < f->end;) {
                        uint32_t cp;
                        int n = utf8_next(p->buf.data + k, (size_t)(f->end - k), &cp);
                        cx += text_emit(c, &dl, pc->cs->font, pc->cs->font_size, pc->cs->kerning, pc->cs->color, cx, baseline + pc->shift,
                                        p->buf.data + k, (size_t)n, pc->pos) + pc->cs->letter_spacing;
                        k += n;
                    }
                    tag_restore(c, spaced_tag);
                } else {
                    run_piece = f->piece;
                    run_start = f->start;
                    run_end = f->end;
                    run_x = x;
                }
            }
            if (pc->kind == PIECE_NOTE && pc->note && pc->note->u.fndef.number > 0 &&
                pc->note->u.fndef.number <= c->nnotes && !c->note_placed[pc->note->u.fndef.number]) {
                c->note_placed[pc->note->u.fndef.number] = true;
                vnote *vn = ARENA_NEW(c->a, vnote);
                vn->number = pc->note->u.fndef.number;
                vn->body = note_galley(c, pc->note);
                *notes_tail = vn;
                notes_tail = &vn->next;
            }
        }
        x += w;
    }
    if (hyphen_end) {
        const frag *f = &frags[ln->brk];
        const piece *pc = piece_at(p, f->piece);
        if (run_piece == f->piece) {
            FLUSH_RUN();
        }
        /* drawn but not read: the word reads whole */
        tag_saved hyphen_tag = piece_tag(c, pc, TAG_HYPHEN);
        text_emit(c, &dl, pc->cs->font, pc->cs->font_size, pc->cs->kerning, pc->cs->color, x + f->kern, baseline + pc->shift,
                  "-", 1, pc->pos);
        tag_restore(c, hyphen_tag);
        x += hyphen_w;
    }
    FLUSH_RUN();
    FLUSH_LINK(x);
#undef FLUSH_RUN
#undef FLUSH_LINK

    /* backgrounds under the text, decorations and links over it */
    int n = (int)(back.v.len + dl.v.len + deco.v.len) + 1;
    dl_item *all = ARENA_ARRAY(c->a, dl_item, n);
    int k = 0;
    dl_item *info = &all[k++];
    info->kind = DL_LINE_INFO;
    info->x = c->x;
    info->y = baseline;
    info->w = x - c->x;
    info->h = height;
    info->u.info.ratio = set_glue || justify_line ? ratio : ln->ratio;
    info->u.info.hyphen = hyphen_end;
    info->u.info.overfull = ln->overfull || x - c->x > L + 0.5f;
    /* justified and looser than the tolerance: only emergency stretch or
     * the last resort let the breaker take it (ragged lines show their
     * slack at the margin, not between words) */
    info->u.info.loose = justify_line && kp_badness(ln->ratio) > c->kp.tolerance;
    info->u.info.last = index == nlines - 1;
    info->u.info.source_line = p->pos.line;
    for (size_t i = 0; i < back.v.len; i++)
        all[k++] = VEC_AT(&back.v, dl_item, i);
    for (size_t i = 0; i < dl.v.len; i++)
        all[k++] = VEC_AT(&dl.v, dl_item, i);
    for (size_t i = 0; i < deco.v.len; i++)
        all[k++] = VEC_AT(&deco.v, dl_item, i);

    vitem *v = galley_box(c, height, baseline, all, k);
    v->flags |= VF_LINE;
    v->notes = notes;
    v->pos = p->pos;
    v->para = c->para_serial;
    v->line = (int16_t)MIN(index, 32000);
    v->nlines = (int16_t)MIN(nlines, 32000);

    c->stats.lines++;
    if (info->u.info.overfull)
        c->stats.overfull++;
    if (info->u.info.loose)
        c->stats.loose++;
    if (hyphen_end)
        c->stats.hyphenated++;
    return height;
}

/* UAX #14 break opportunities inside the paragraph's words. Spaces are
 * break points of their own (glue), so only breaks between two non-space
 * characters are read, and those depend on the word alone: libunibreak
 * runs over each word that holds anything but letters, digits and the
 * punctuation that never opens a break inside a word (. , ; : and
 * apostrophes; quotation marks do, by language: libunibreak reads “ as
 * opening in English and closing in Russian); plain words, most of the
 * text, cannot break inside. That keeps
 * the lookup, the costliest step of setting a paragraph, to a small part
 * of the text. */
static bool never_breaks_inside(uint32_t cp)
{
    return cp_is_letter(cp) || (cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == ';' || cp == ':' ||
           cp == '\'' || cp == 0x2019;
}

static void find_breaks(para *p)
{
    lctx *c = p->c;
    size_t n = p->buf.len;
    const char *s = p->buf.data;
    p->brks = arena_alloc(c->sa, n + 1);
    memset(p->brks, LINEBREAK_NOBREAK, n + 1);
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\n'))
            i++;
        size_t start = i;
        bool plain = true;
        while (i < n && s[i] != ' ' && s[i] != '\n') {
            uint32_t cp;
            int k = utf8_next(s + i, n - i, &cp);
            if (plain && !never_breaks_inside(cp))
                plain = false;
            i += (size_t)k;
        }
        if (!plain)
            unibreak_safe(c->sa, s + start, i - start, c->lang, p->brks + start);
    }
}

static void set_paragraph(para *p)
{
    lctx *c = p->c;
    build_buffer(p);
    bool empty = p->buf.len == 0;
    for (size_t i = 0; i < p->pieces.len && empty; i++)
        if (piece_at(p, (int)i)->kind != PIECE_TEXT)
            empty = false;
    if (empty && !c->nmarker)
        return;
    double t0 = seconds();
    find_breaks(p);
    c->stats.linebreak_seconds += seconds() - t0;
    p->justify = p->cs->align == TEXT_JUSTIFY;
    p->ragged = 3 * p->cs->font_size;
    check_patterns(p);

    kp_break *br;
    int n = break_lines(p, &br);
    if (n <= 0)
        return;
    c->stats.paragraphs++;
    c->para_serial++;
    int orphans = MAX(1, p->cs->orphans), widows = MAX(1, p->cs->widows);
    int from = 0;
    int run_hyphens = 0;
    for (int l = 0; l < n; l++) {
        int brk = br[l].item;
        /* discardable items at the start of a line go */
        const kp_item *items = p->items.data;
        while (from < brk && items[from].type != KP_BOX &&
               !(items[from].type == KP_GLUE && VEC_AT(&p->frags, frag, from).kind == FR_LEADER))
            from++;
        line_span ln = {from, brk, brk, br[l].ratio, br[l].overfull};
        bool hyphen = items[brk].type == KP_PENALTY && VEC_AT(&p->frags, frag, brk).kind == FR_HYPHEN;
        float line_height = emit_line(p, &ln, l, n, hyphen);
        run_hyphens = hyphen ? run_hyphens + 1 : 0;
        if (run_hyphens > c->stats.consecutive_hyphens_max)
            c->stats.consecutive_hyphens_max = run_hyphens;
        if (l + 1 < n) {
            int above = l + 1, below = n - l - 1;
            /* a word cut across pages costs one and a half lines of page
             * fill: the break moves up a line if it can (TeX's
             * \brokenpenalty, in the page builder's terms) */
            float broken = c->body_height > 0 ? PAGE_FILL_WEIGHT * BROKEN_LINES * line_height / c->body_height : 0;
            galley_penalty(c, above < orphans || below < widows ? KP_INFINITY : hyphen ? broken : 0);
        }
        from = brk + 1;
    }
}

static void para_init(para *p, lctx *c, const computed_style *cs, srcpos pos)
{
    memset(p, 0, sizeof *p);
    p->c = c;
    p->cs = cs;
    p->pos = pos;
    vec_init(&p->pieces, sizeof(piece));
    vec_init(&p->owner, sizeof(int));
    sb_init(&p->buf, c->sa);
}

/* Paragraphs nest (a footnote's text is set while the line citing it is
 * finished): the scratch arena is cleared when the outermost one ends. */
static void scratch_enter(lctx *c)
{
    c->sa_depth++;
}

static void scratch_leave(lctx *c)
{
    if (--c->sa_depth == 0)
        arena_reset(c->sa);
}

void inline_layout(lctx *c, const doc_node *block, const computed_style *cs)
{
    scratch_enter(c);
    para p;
    para_init(&p, c, cs, block->pos);
    inl_state st = {0};
    add_generated(&p, cs->before, block, &st);
    collect_children(&p, block, &st);
    add_generated(&p, cs->after, block, &st);
    set_paragraph(&p);
    scratch_leave(c);
}

void inline_measure(lctx *c, const doc_node *block, const computed_style *cs, float *min, float *max)
{
    scratch_enter(c);
    para p;
    para_init(&p, c, cs, block->pos);
    bool was = c->measuring;
    c->measuring = true;
    inl_state st = {0};
    add_generated(&p, cs->before, block, &st);
    collect_children(&p, block, &st);
    add_generated(&p, cs->after, block, &st);
    c->measuring = was;
    build_buffer(&p);
    find_breaks(&p);
    p.justify = true;
    build_items(&p, false);
    float lo = 0, hi = 0, word = 0, line = 0;
    for (size_t i = 0; i < p.items.len; i++) {
        const kp_item *it = &VEC_AT(&p.items, kp_item, i);
        if (it->type == KP_BOX) {
            word += it->width;
            line += it->width;
        } else if (it->type == KP_GLUE) {
            word = 0;
            if (it->stretch < FIL / 2)
                line += it->width;
        } else {
            if (it->penalty < KP_INFINITY) {
                /* a line ending here: the hyphen, less the kerning the box took */
                lo = MAX(lo, word + it->width);
                word = 0;
            }
            if (it->penalty <= -KP_INFINITY) {
                hi = MAX(hi, line);
                line = 0;
            }
        }
        lo = MAX(lo, word);
    }
    *min = lo;
    *max = MAX(hi, line);
    scratch_leave(c);
}

void inline_layout_text(lctx *c, const char *text, const computed_style *cs, srcpos at)
{
    scratch_enter(c);
    para p;
    para_init(&p, c, cs, at);
    inl_state st = {0};
    add_text(&p, cs, text, strlen(text), &st, at, false, false);
    set_paragraph(&p);
    scratch_leave(c);
}
