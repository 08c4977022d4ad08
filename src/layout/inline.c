/* Paragraphs: inline content into Knuth-Plass items, lines, and line boxes.
 *
 * The inline nodes of a block are flattened into pieces (text in one
 * style, images, footnote numbers, leaders). Their text, with white space
 * processed as CSS says, forms one buffer whose bidi levels (FriBidi),
 * UAX #14 break opportunities (libunibreak) and hyphenation points
 * (libhyphen) are found once; words are shaped (HarfBuzz) and become
 * boxes, spaces glue, break opportunities penalties. The breaker chooses
 * the lines in logical order; each line is placed in visual order and
 * becomes a box of glyph runs in the galley. The steps are collect.c,
 * prepare.c, break.c and finalize.c (see inline_internal.h). */
#include "inline_internal.h"

#include <string.h>

static void set_paragraph(para *p)
{
    lctx *c = p->c;
    build_buffer(p);
    find_levels(p);
    bool empty = p->buf.len == 0;
    for (size_t i = 0; i < p->pieces.len && empty; i++)
        if (piece_at(p, (int)i)->kind != PIECE_TEXT)
            empty = false;
    if (empty && !c->nmarker)
        return;
    double t0 = para_seconds();
    find_breaks(p);
    c->stats.linebreak_seconds += para_seconds() - t0;
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
    find_levels(&p);
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
