/* Paragraphs, step 4: each line set, in visual order, into a box. */
#include "inline_internal.h"

#include <math.h>
#include <string.h>

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

static void draw_leader(para *p, dl_list *dl, const piece *pc, float x0, float x1, float baseline)
{
    lctx *c = p->c;
    const computed_style *cs = pc->cs;
    const char *s = pc->leader;
    float w = style_text_width(c, cs, cs->font_size, s, strlen(s));
    float space = text_width_fallback(c, cs->font, cs->font_size, false, " ", 1);
    float step = w + space;
    if (step <= 0.5f)
        return;
    float start = ceilf((x0 + space) / step) * step;
    for (float x = start; x + w <= x1 - space + 0.01f; x += step)
        style_text_emit(c, dl, cs, cs->font_size, cs->color, x, baseline, s, strlen(s), pc->pos);
}


/* The width an item of a line takes once the line is set. */
static float set_width(const kp_item *it, const frag *f, float ratio, bool set_glue, bool fills_off, int leaders,
                       float fil_share)
{
    if (it->type == KP_PENALTY)
        return 0;
    float w = it->width;
    if (it->type == KP_GLUE) {
        if (it->stretch >= FIL / 2 && !fills_off)
            w += (leaders ? (f->kind == FR_LEADER ? fil_share : 0) : fil_share);
        else if (it->stretch < FIL / 2 && ratio != 0 && f->kind != FR_RAGGED)
            w += ratio > 0 ? ratio * it->stretch : ratio * it->shrink;
    }
    return w;
}

/* Where each item of a line starts once the line is in visual order
 * (UAX #9 L1-L2 over its runs; characters are never reordered, only the
 * runs they were shaped in). Indexed from ln->from; the hyphen a broken
 * line ends with follows at ln->to - ln->from, with the level of the item
 * before it, and the line's right end after that. */
static const float *visual_positions(para *p, const line_span *ln, bool hyphen_end, float x0, float ratio,
                                     bool set_glue, bool fills_off, int leaders, float fil_share)
{
    lctx *c = p->c;
    const kp_item *items = p->items.data;
    const frag *frags = p->frags.data;
    int n = ln->to - ln->from + 1;
    uint8_t *levels = ARENA_ARRAY(c->sa, uint8_t, (size_t)n);
    bool *white = ARENA_ARRAY(c->sa, bool, (size_t)n);
    float *w = ARENA_ARRAY(c->sa, float, (size_t)n);
    int *order = ARENA_ARRAY(c->sa, int, (size_t)n);
    float *xs = ARENA_ARRAY(c->sa, float, (size_t)n + 1);
    uint8_t level = (uint8_t)p->base_level;
    for (int k = 0; k + 1 < n; k++) {
        const kp_item *it = &items[ln->from + k];
        const frag *f = &frags[ln->from + k];
        w[k] = set_width(it, f, set_glue ? ratio : 0, set_glue, fills_off, leaders, fil_share);
        /* an item without text of its own (ragged glue, a penalty) goes
         * with the one before it */
        if (f->end > f->start && f->start < (int)p->buf.len)
            level = p->levels[f->start];
        levels[k] = level;
        white[k] = it->type == KP_GLUE || f->kind == FR_INDENT;
    }
    levels[n - 1] = level;
    /* without a hyphen it is nothing: the line's trailing glue (the fill
     * of its last line) stays trailing, at the paragraph's level (L1) */
    white[n - 1] = !hyphen_end;
    w[n - 1] = hyphen_end ? items[ln->brk].width : 0;
    bidi_visual_order(c->sa, levels, white, n, p->base_level, order);
    float x = x0;
    for (int k = 0; k < n; k++) {
        xs[order[k]] = x;
        x += w[order[k]];
    }
    xs[n] = x;
    return xs;
}

/* Returns the line's height. */
float emit_line(para *p, const line_span *ln, int index, int nlines, bool hyphen_end)
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
    bool logical = p->cs->align_logical;
    if (index == nlines - 1 && p->cs->align == TEXT_JUSTIFY) {
        /* text-align-last: auto sets a justified paragraph's last line at its start */
        al = p->cs->align_last;
        logical = p->cs->align_last_auto;
    }
    /* start and end (the initial text-align is start) in right-to-left
     * text; left and right stay where they say */
    if (p->base_level == 1 && logical && (al == TEXT_LEFT || al == TEXT_RIGHT))
        al = al == TEXT_LEFT ? TEXT_RIGHT : TEXT_LEFT;
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

    /* right-to-left text: where each item goes, in visual order */
    const float *vis_x = p->bidi ? visual_positions(p, ln, hyphen_end, c->x + offset, ratio, set_glue, fills_off,
                                                    leaders, fil_share)
                                 : NULL;

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
            text_emit_dir(c, &dl, rp->cs->font, rp->cs->font_size, rp->cs->kerning, rp->features, dir_at(p, run_start), rp->cs->color, run_x, baseline + rp->shift, \
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
        if (vis_x && it->type != KP_PENALTY) {
            /* a run continues only where its next item is drawn next */
            if (fabsf(vis_x[i - ln->from] - x) > 0.001f) {
                FLUSH_RUN();
                FLUSH_LINK(x);
            }
            x = vis_x[i - ln->from];
        }
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
                /* dots lead the eye, not the voice; drawn after the
                 * line's text, so the entry before them and its page
                 * number after them are one marked-content sequence */
                tag_saved leader_tag = tag_enter(c, NULL, TAG_ARTIFACT);
                draw_leader(p, &deco, pc, x, x + w, baseline + pc->shift);
                tag_restore(c, leader_tag);
            } else if (f->kind == FR_SPACE && run_piece == f->piece && run_end == f->start && fabsf(w - it->width) < 0.005f &&
                       dir_at(p, run_start) == dir_at(p, f->start)) {
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
            if (run_piece == f->piece && run_end == f->start && pc->letter_spacing == 0 &&
                dir_at(p, run_start) == dir_at(p, f->start)) {
                run_end = f->end;
            } else {
                FLUSH_RUN();
                if (pc->letter_spacing != 0) {
                    /* each character placed on its own */
                    float cx = x;
                    size_t letters = dl.v.len;
                    tag_saved spaced_tag = piece_tag(c, pc, TAG_CONTENT);
                    for (int k = f->start; k < f->end;) {
                        uint32_t cp;
                        int n = utf8_next(p->buf.data + k, (size_t)(f->end - k), &cp);
                        cx += text_emit_dir(c, &dl, pc->cs->font, pc->cs->font_size, pc->cs->kerning, pc->features, dir_at(p, k), pc->cs->color, cx, baseline + pc->shift,
                                        p->buf.data + k, (size_t)n, pc->pos) + pc->letter_spacing;
                        k += n;
                    }
                    dl_join_letters(c, &dl, letters);
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
        if (vis_x)
            x = vis_x[ln->to - ln->from];
        /* drawn but not read: the word reads whole */
        tag_saved hyphen_tag = piece_tag(c, pc, TAG_HYPHEN);
        text_emit_dir(c, &dl, pc->cs->font, pc->cs->font_size, pc->cs->kerning, pc->features, dir_at(p, f->start - 1), pc->cs->color, x + f->kern, baseline + pc->shift,
                  "-", 1, pc->pos);
        tag_restore(c, hyphen_tag);
        x += hyphen_w;
    }
    FLUSH_RUN();
    FLUSH_LINK(x);
    if (vis_x)
        x = vis_x[ln->to - ln->from + 1]; /* the line's right end */
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
