/* Paragraphs, step 1: collecting a block's inline content into pieces
 * and one text buffer. */
#include "inline_internal.h"

#include <string.h>

/* ---- collecting pieces ------------------------------------------------- */

static piece *add_piece(para *p, piece_kind kind, const computed_style *cs, srcpos pos)
{
    piece *pc = VEC_PUSH(p->c->sa, &p->pieces, piece);
    pc->kind = kind;
    pc->cs = cs;
    pc->pos = pos;
    pc->features = style_features(p->c, cs);
    return pc;
}

/* Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko ...) and
 * Mongolian: letters shaped together or set from the right, never spaced
 * one by one. */
static bool has_joined_script(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += (size_t)utf8_next(s + i, n - i, &cp);
        if ((cp >= 0x590 && cp <= 0x8FF) || (cp >= 0x1800 && cp <= 0x18AF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
            (cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF))
            return true;
    }
    return false;
}

void add_text(para *p, const computed_style *cs, const char *s, size_t n, const inl_state *st, srcpos pos,
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
    pc->letter_spacing = cs->letter_spacing != 0 && !has_joined_script(s, n) ? cs->letter_spacing : 0;
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
void add_generated(para *p, const computed_style *cs, const doc_node *n, const inl_state *outer)
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
        } else if (cp->kind >= CONTENT_OPEN_QUOTE) {
            sb_puts(&sb, quote_mark(c, cs, n, cp->kind));
        } else {
            content_part one = *cp;
            one.next = NULL;
            sb_puts(&sb, content_text(c, &one, n));
        }
    }
    add_text(p, cs, sb.data, sb.len, &st, n->pos, true, false);
}

static void collect(para *p, const doc_node *n, const inl_state *st);

/* unicode-bidi: isolate sets the element's text apart for the bidi
 * algorithm, as the isolate controls do (FSI, LRI or RLI ... PDI);
 * shaping draws nothing for them */
static void isolate_open(para *p, const computed_style *cs, const inl_state *st, srcpos pos)
{
    if (cs->bidi == BIDI_ISOLATE)
        add_text(p, cs, cs->direction == DIR_RTL ? "\u2067" : cs->direction == DIR_LTR ? "\u2066" : "\u2068", 3,
                 st, pos, true, false);
}

static void isolate_close(para *p, const computed_style *cs, const inl_state *st, srcpos pos)
{
    if (cs->bidi == BIDI_ISOLATE)
        add_text(p, cs, "\u2069", 3, st, pos, true, false);
}

/* An inline image that cannot be drawn (the warning is given where it is
 * loaded): its description and its path in its place, on a grey ground
 * as the block placeholder is, so the reader sees what is missing. */
static void missing_image(para *p, const doc_node *n, const computed_style *cs, const inl_state *st)
{
    lctx *c = p->c;
    computed_style *ground = ARENA_NEW(c->sa, computed_style);
    *ground = *cs;
    ground->background = 0xECEFF3FFu;
    computed_style *faint = ARENA_NEW(c->sa, computed_style);
    *faint = *ground;
    faint->color = (cs->color & 0xFFFFFF00u) | 0x8Cu;
    const char *alt = doc_plain_text(c->sa, n);
    const char *url = n->u.link.url ? n->u.link.url : "";
    if (*alt)
        add_text(p, ground, alt, strlen(alt), st, n->pos, false, false);
    if (*url) {
        const char *shown = *alt ? arena_printf(c->sa, " (%s)", url) : url;
        add_text(p, faint, shown, strlen(shown), st, n->pos, true, true);
    }
}

void collect_children(para *p, const doc_node *n, const inl_state *st)
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
        st.tag = n; /* a Code element in tagged PDF */
        isolate_open(p, cs, &st, n->pos);
        add_generated(p, cs->before, n, &st);
        add_text(p, cs, n->text, n->len, &st, n->pos, true, false);
        add_generated(p, cs->after, n, &st);
        isolate_close(p, cs, &st, n->pos);
        return;
    }
    case DOC_IMAGE: {
        image *img = layout_image(c, n);
        if (!img) {
            missing_image(p, n, cs, outer);
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
        if (want_w <= 0 && n->u.link.width > 0) /* HTML's width attribute, below the style sheet */
            want_w = n->u.link.width_percent ? c->width * n->u.link.width / 100.0f : n->u.link.width;
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
            if (hmap_get(&c->link_ids, id, strlen(id)))
                target = url;
            else if (!c->measuring)
                WARN(c->d, n->pos, "link to '%s', but no heading or label has that id; the link is not clickable", url);
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
        if (n->lang)
            st.tag = n; /* its language is said in tagged PDF */
        isolate_open(p, cs, &st, n->pos);
        add_generated(p, cs->before, n, &st);
        collect_children(p, n, &st);
        add_generated(p, cs->after, n, &st);
        isolate_close(p, cs, &st, n->pos);
    }
    /* block children of a paragraph-like block do not occur */
}

/* ---- building the text buffer ------------------------------------------ */

static void put(para *p, const char *s, size_t n, int owner)
{
    sb_append(&p->buf, s, n);
    vec *v = &p->owner;
    while (v->len + n > v->cap)
        vec_grow(p->c->sa, v);
    int *slot = (int *)v->data + v->len;
    for (size_t i = 0; i < n; i++)
        slot[i] = owner;
    v->len += n;
}

/* The length of the run of printable ASCII at s (no space, no control):
 * copied as it is whatever the white-space mode, when no case changes. */
static size_t plain_run(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (unsigned char)s[k] > ' ' && (unsigned char)s[k] < 0x7F)
        k++;
    return k;
}

static bool collapses(white_space_mode ws)
{
    return ws == WS_NORMAL || ws == WS_NOWRAP || ws == WS_PRE_LINE;
}

void build_buffer(para *p)
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
        bool dotted_i = tt != TT_NONE && lang_cases_dotted_i(pc->cs->lang);
        bool word_start = true;
        for (size_t k = 0; k < pc->len;) {
            size_t run = tt == TT_NONE ? plain_run(pc->text + k, pc->len - k) : 0;
            if (run > 0) {
                put(p, pc->text + k, run, i);
                k += run;
                column += (int)run;
                last_space = false;
                word_start = false;
                continue;
            }
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
            if (tt == TT_UPPERCASE || (tt == TT_CAPITALIZE && word_start))
                cp = cp_upper_in(cp, dotted_i);
            else if (tt == TT_LOWERCASE)
                cp = cp_lower_in(cp, dotted_i);
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
