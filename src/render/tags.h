/* Private to the render stage: tagged PDF (structure tree and marked
 * content). */
#ifndef DOSSIER_RENDER_TAGS_H
#define DOSSIER_RENDER_TAGS_H

#include "render_internal.h"

/* The structure elements of the document tree, before drawing. */
tag_tree *tags_new(render_ctx *r);
/* The marked content a display item goes in; TAGS_NO_KEY when it paints
 * nothing. Items of one key share one marked-content sequence. */
#define TAGS_NO_KEY (-1)
int tags_key(tag_tree *t, const dl_item *it);
/* Opens marked content for `key` (closing what is open) on a page; the
 * caller has ended any text object, so sequences and text objects nest. */
void tags_open(tag_tree *t, int page_index, HPDF_Page page, int key, const dl_item *it);
void tags_close(tag_tree *t, HPDF_Page page);
/* The key of the marked content open now (TAGS_NO_KEY: none). */
int tags_current(const tag_tree *t);
/* Whether items of the two nodes (1 + their ids) are text of one block,
 * a paragraph with its links, spans and inline code. */
bool tags_same_text(const tag_tree *t, int node_a, int node_b);
/* A link annotation: its Link element and ParentTree entry. */
void tags_link(tag_tree *t, int page_index, HPDF_Annotation annot, const dl_item *it);
/* After drawing: the elements with content as PDF objects, the
 * ParentTree, MarkInfo, Lang and DisplayDocTitle. */
bool tags_finish(tag_tree *t);

/* access.c: a PDF text string (PDFDocEncoding for printable ASCII, else
 * UTF-16BE) for the structure tree and annotations. */
void *tags_text(render_ctx *r, const char *s);
/* The same, written into an object's text; and a name (#xx escapes). */
void tags_put_text(strbuf *sb, const char *s);
void tags_put_name(strbuf *sb, const char *name);
/* A chart's description from its data: "Bar chart, Polling stations
 * observed: Observed 128; Assessed 58". */
char *tags_chart_alt(arena *a, const doc_node *n);

#endif
