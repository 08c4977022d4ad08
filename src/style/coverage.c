/* Characters no font can draw, reported where they stand in the source.
 *
 * Once every node has its face, each character of the document's text is
 * looked up: in the node's face, else through per-character fallback
 * (bundled faces, then the system's). Lookups are cached by the font
 * library, so this costs an array access per character. A character that
 * cannot be drawn is reported once for the whole compilation, at its own
 * line and column; layout, which later meets it again, finds it reported. */
#include "css_internal.h"

/* Characters layout draws nothing for, so no font needs them. */
static bool needs_no_glyph(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
           cp == 0x2060 || cp == 0xFEFF;
}

static void check_text(font_lib *fonts, font_face *face, const char *s, size_t n, srcpos at, bool exact)
{
    int col = at.col;
    bool ascii = font_has_printable_ascii(face);
    for (size_t i = 0; i < n;) {
        if (ascii && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
            i++;
            col++;
            continue;
        }
        uint32_t cp;
        i += (size_t)utf8_next(s + i, n - i, &cp);
        if (!needs_no_glyph(cp) && !font_for_char(fonts, face, cp)) {
            srcpos p = at;
            if (exact && at.line > 0 && at.col > 0)
                p.col = col;
            font_report_missing(fonts, cp, p);
        }
        col++;
    }
}

void css_check_coverage(arena *a, font_lib *fonts, const doc_document *doc, const style_result *res)
{
    if (!fonts || !doc->root || doc->node_count <= 0)
        return;
    /* what display: none hides is never drawn */
    bool *hidden = ARENA_ARRAY(a, bool, doc->node_count);
    for (const doc_node *n = doc->root; n; n = doc_next_preorder(n, doc->root)) {
        if (n->id < 0 || n->id >= doc->node_count)
            continue;
        const computed_style *cs = style_of(res, n);
        bool h = cs->display == DISPLAY_NONE ||
                 (n->parent && n->parent->id >= 0 && n->parent->id < doc->node_count && hidden[n->parent->id]);
        hidden[n->id] = h;
        if (h || !n->text || !n->len || !cs->font)
            continue;
        switch (n->kind) {
        case DOC_TEXT:
            /* a text node holds no line break: its characters follow its
             * start column (escapes and entities aside) */
            check_text(fonts, cs->font, n->text, n->len, n->pos, true);
            break;
        case DOC_CODE:
        case DOC_CODE_BLOCK:
            /* after a backtick fence or an opening fence line: the code's
             * own position is the best there is */
            check_text(fonts, cs->font, n->text, n->len, n->pos, false);
            break;
        default:
            break;
        }
    }
}
