/* Private interface of the style stage: tokens, parsed rules, selectors,
 * declarations and the property machinery its files share. Nothing outside
 * src/style/ (except the unit tests) includes this. */
#ifndef DOSSIER_CSS_INTERNAL_H
#define DOSSIER_CSS_INTERNAL_H

#include "style.h"

#define CSS_MAX_DEPTH 64      /* nested blocks (@media in @media ...) */
#define CSS_MAX_COMPOUNDS 32  /* compounds in one selector: bounds matching */
#define CSS_MAX_PARTS 256     /* items in one content / string-set / counter list */
#define CSS_MAX_LENGTH 1e6f   /* |length| in pt or em beyond which a value is absurd */

/* ---- tokens (CSS Syntax Level 3) ------------------------------------- */

typedef enum {
    CT_EOF,
    CT_IDENT,
    CT_FUNCTION,    /* value = name without '(' */
    CT_AT_KEYWORD,  /* value = name without '@' */
    CT_HASH,        /* value = name without '#' */
    CT_STRING,
    CT_BAD_STRING,
    CT_URL,
    CT_BAD_URL,
    CT_DELIM,
    CT_NUMBER,
    CT_PERCENTAGE,
    CT_DIMENSION,   /* value = unit */
    CT_WS,
    CT_CDO,
    CT_CDC,
    CT_COLON,
    CT_SEMICOLON,
    CT_COMMA,
    CT_LBRACKET,
    CT_RBRACKET,
    CT_LPAREN,
    CT_RPAREN,
    CT_LBRACE,
    CT_RBRACE
} css_tok_type;

typedef struct {
    css_tok_type type;
    const char *value; /* NUL-terminated; "" when the kind has none */
    double num;        /* number, percentage, dimension (finite, |num| <= 1e30) */
    bool is_int;       /* numeric type flag "integer" */
    bool hash_id;      /* hash type flag "id" */
    uint32_t delim;    /* CT_DELIM: the code point */
    int line, col;     /* 1-based; col in characters */
    size_t off, end;   /* bytes of the source text */
    int match;         /* function ( [ {: index of the closing token, or of EOF */
} css_token;

typedef struct {
    css_token *t;
    int n; /* tokens; t[n-1] is CT_EOF */
} css_tokens;

/* Tokenizes a whole sheet; problems (unterminated strings and comments)
 * are warnings at file:line:col. Never fails. */
void css_tokenize(arena *a, diag *d, const char *file, const char *text, size_t len,
                  css_tokens *out);
const char *css_tok_type_name(css_tok_type t);

/* ---- values and declarations ------------------------------------------ */

typedef enum {
    V_NONE,          /* not declared */
    V_INHERIT,
    V_INITIAL,
    V_UNSET,
    V_LENGTH,        /* num in unit */
    V_NUMBER,        /* num (line-height factor, weight, integers) */
    V_KEYWORD,       /* kw: the property's own enum value or a CSS_KW_* */
    V_COLOR,         /* color */
    V_CURRENT_COLOR,
    V_AUTO,
    V_PTR,           /* ptr: family list, content list, string-set, counter list */
    V_SIZE           /* page size: num x num2 pt, kw = orientation or -1 */
} css_vkind;

typedef enum { U_PT, U_EM, U_EX, U_REM, U_PCT } css_unit;

/* Keywords shared by several properties (kept apart from the enums of
 * style.h by starting high). */
enum {
    CSS_KW_NONE = 1000,
    CSS_KW_NORMAL,
    CSS_KW_BOLDER,
    CSS_KW_LIGHTER,
    CSS_KW_SMALLER,
    CSS_KW_LARGER,
    CSS_KW_HIDDEN,          /* border-style: hidden */
    CSS_KW_LANDSCAPE,
    CSS_KW_PORTRAIT,
    CSS_KW_FONT_SIZE_BASE   /* font-size keywords: base + index (xx-small = 0) */
};

typedef struct {
    uint8_t kind; /* css_vkind */
    uint8_t unit; /* css_unit, for V_LENGTH */
    int kw;
    float num, num2;
    rgba color;
    const void *ptr;
} css_value;

/* text-align keywords: start and end are left and right marked logical */
#define ALIGN_KW_MASK 15
#define ALIGN_KW_LOGICAL 16

typedef enum {
    /* inherited */
    P_FONT_FAMILY, P_FONT_SIZE, P_FONT_WEIGHT, P_FONT_STYLE, P_LINE_HEIGHT, P_COLOR,
    P_TEXT_ALIGN, P_TEXT_ALIGN_LAST, P_TEXT_INDENT, P_HYPHENS, P_WHITE_SPACE,
    P_LIST_STYLE_TYPE, P_ORPHANS, P_WIDOWS, P_TEXT_TRANSFORM, P_LETTER_SPACING, P_FONT_KERNING,
    P_TAB_SIZE,
    P_QUOTES, P_NUMBER_FORMAT,
    P_DIRECTION, P_FONT_VARIANT_LIGATURES, P_FONT_FEATURE_SETTINGS,
    /* not inherited */
    P_DISPLAY, P_UNICODE_BIDI, P_BACKGROUND_COLOR,
    P_MARGIN_TOP, P_MARGIN_RIGHT, P_MARGIN_BOTTOM, P_MARGIN_LEFT,
    P_PADDING_TOP, P_PADDING_RIGHT, P_PADDING_BOTTOM, P_PADDING_LEFT,
    P_BORDER_TOP_WIDTH, P_BORDER_RIGHT_WIDTH, P_BORDER_BOTTOM_WIDTH, P_BORDER_LEFT_WIDTH,
    P_BORDER_TOP_STYLE, P_BORDER_RIGHT_STYLE, P_BORDER_BOTTOM_STYLE, P_BORDER_LEFT_STYLE,
    P_BORDER_TOP_COLOR, P_BORDER_RIGHT_COLOR, P_BORDER_BOTTOM_COLOR, P_BORDER_LEFT_COLOR,
    P_WIDTH, P_HEIGHT, P_VERTICAL_ALIGN, P_TEXT_DECORATION_LINE, P_TEXT_DECORATION_COLOR,
    P_BREAK_BEFORE, P_BREAK_AFTER, P_BREAK_INSIDE,
    P_STRING_SET, P_COUNTER_RESET, P_COUNTER_INCREMENT, P_CONTENT,
    P_SIZE, /* @page only */
    /* flow-relative sides (CSS Logical Properties): the cascade files each
     * under the physical side the element's direction makes it */
    P_MARGIN_INLINE_START, P_MARGIN_INLINE_END, P_PADDING_INLINE_START, P_PADDING_INLINE_END,
    P_BORDER_INLINE_START_WIDTH, P_BORDER_INLINE_END_WIDTH, P_BORDER_INLINE_START_STYLE,
    P_BORDER_INLINE_END_STYLE, P_BORDER_INLINE_START_COLOR, P_BORDER_INLINE_END_COLOR,
    P_COUNT
} css_prop;

#define P_FIRST_NOT_INHERITED P_DISPLAY

typedef struct {
    uint16_t prop; /* css_prop */
    bool important;
    css_value v;
    srcpos pos;    /* of the property name */
} css_decl;

/* Where a declaration stands: some properties belong to one context only. */
typedef enum { CSS_IN_STYLE, CSS_IN_PAGE, CSS_IN_MARGIN_BOX } css_where;

/* ---- selectors -------------------------------------------------------- */

typedef enum { PE_NONE, PE_BEFORE, PE_AFTER, PE_MARKER } css_pseudo_elem;
typedef enum { COMB_DESCENDANT, COMB_CHILD } css_comb;

enum { PC_FIRST_CHILD = 1, PC_LAST_CHILD = 2, PC_ROOT = 4, PC_EMPTY = 8 };

/* An+B; `last` counts from the end (:nth-last-child). */
typedef struct {
    int a, b;
    bool last;
} css_nth;

/* Element names a selector can name; ids are small so rules index by them. */
enum { TAG_ANY = 0, TAG_NOMATCH = 1, TAG_FIRST_NAMED = 2 };

typedef struct {
    int tag;               /* TAG_ANY for * or no type; TAG_NOMATCH for names no node has */
    const char **classes;  /* interned: compared by pointer */
    int nclasses;
    unsigned pseudo;       /* PC_* */
    css_nth *nth;
    int nnth;
    const char **langs;    /* :lang(a, b): any of these ranges; NULL when none */
    int nlangs;
    css_comb comb;         /* between this compound and the one on its left */
} css_compound;

typedef struct {
    css_compound *c; /* left to right */
    int n;
    css_pseudo_elem pe;
    int spec;        /* (b << 10) | c; ids unused so a = 0 */
} css_selector;

#define CSS_SPEC(b, c) (((b) > 1023 ? 1023 : (b)) << 10 | ((c) > 1023 ? 1023 : (c)))

/* ---- parsed sheets ---------------------------------------------------- */

typedef struct {
    css_selector *sels;
    int nsels;
    css_decl *decls;
    int ndecls;
    int order;       /* source order across all sheets */
} css_rule;

enum { PAGE_SEL_FIRST = 1, PAGE_SEL_LEFT = 2, PAGE_SEL_RIGHT = 4, PAGE_SEL_BLANK = 8 };

typedef struct {
    unsigned mask;   /* PAGE_SEL_* all required */
    const char **langs; /* :lang(...): the document's language is one of these ranges */
    int nlangs;
    int spec;        /* (:first and :blank) << 10 | (:left and :right) */
} css_page_sel;

typedef struct {
    css_page_sel *sels;
    int nsels;
    css_decl *decls;
    int ndecls;
    css_decl *box[MB_COUNT];   /* margin box declarations */
    int nbox[MB_COUNT];
    int order;
} css_page_rule;

/* Everything the sheets declared, in source order. */
typedef struct {
    vec rules; /* css_rule */
    vec pages; /* css_page_rule */
} css_sheet;

/* State shared while parsing and cascading one compilation. */
typedef struct {
    arena *a;
    diag *d;
    hmap strings;      /* interned names (classes, families, counters) */
    hmap tags;         /* element name -> tag id (as intptr) */
    int ntags;
    int order;         /* next rule's source order */
    /* the sheet being parsed, for messages and value text */
    const char *file;
    const char *text;
    const css_token *t;
    int nt;
    hmap styles;       /* interned computed styles, by their bytes */
    int nstyles;
    vec lang_ranges;   /* const char*: every range a :lang() names, to tell
                          a language no sheet knows */
} css_ctx;

void css_ctx_init(css_ctx *cx, arena *a, diag *d);
/* Interned copy of s (n bytes): equal strings share one pointer. */
const char *css_intern(css_ctx *cx, const char *s, size_t n);
/* The interned pointer when s was interned before, else NULL. */
const char *css_interned(const css_ctx *cx, const char *s, size_t n);
srcpos css_tok_pos(const css_ctx *cx, const css_token *t);
/* Source text of tokens [beg, end), for messages. */
const char *css_text(const css_ctx *cx, int beg, int end);

/* css_parse.c */
void css_parse_sheet(css_ctx *cx, const style_source *src, css_sheet *sheet);
void css_sheet_init(css_sheet *s);

/* selector.c */
int css_tag_id(css_ctx *cx, const char *name); /* allocates ids for new names */
bool css_known_element(const char *name);
/* Parses a selector list from tokens [beg, end); false (with a warning)
 * when any selector in it is invalid: the whole rule is then dropped. */
bool css_parse_selectors(css_ctx *cx, int beg, int end, css_selector **out, int *n);
/* Parses An+B (also odd, even) from text; false when malformed. */
bool css_parse_anb(const char *s, int *a, int *b);
bool css_nth_matches(int a, int b, int index);

/* Per-node facts selectors read, computed once per document. */
typedef struct {
    int tag;
    int ncls;
    const char **cls;  /* interned class names some selector uses */
    int nelem;         /* element children (for :last-child) */
    const char *lang;  /* the language in force (its own, an ancestor's, the document's) */
} css_node_info;

/* Tags, the classes some selector uses, and element-child counts of every
 * node; call after all sheets are parsed (nodes only look tags up). */
css_node_info *css_node_infos(css_ctx *cx, const doc_document *doc);
bool css_match(const css_selector *s, const doc_node *n, const css_node_info *info);
/* :lang() matching (BCP 47 basic filtering): "de" matches "de", "de-CH",
 * "de_AT", not "den"; "*" any tag; case does not matter. */
bool css_lang_matches(const char *range, const char *tag);
/* Parses the ranges of :lang(...) from the function token at i; false with
 * a warning when there are none or one is not a tag. */
bool css_parse_lang_ranges(css_ctx *cx, int i, const char ***out, int *n);

/* values.c */
bool css_parse_color(css_ctx *cx, int i, int end, int *next, rgba *out);
bool css_named_color(const char *name, rgba *out);
int css_named_color_count(void);
/* A length token: absolute units become pt; em/ex/rem/% stay relative.
 * unitless 0 is accepted always, other unitless numbers never. */
bool css_length(const css_token *t, bool allow_pct, css_value *out);
float css_resolve_len(const css_value *v, float em, float rem, float pct_base);

/* properties.c */
int css_prop_lookup(const char *name);   /* longhand id, or -1 */
/* The physical side a flow-relative property sets in a direction (any
 * other property: itself). */
int css_logical_physical(int prop, bool rtl);
const char *css_prop_name(int prop);
bool css_prop_inherited(int prop);
/* Parses one declaration (name token at `name`, value tokens [vbeg, vend))
 * and appends its longhands to out (css_decl). Warns and appends nothing
 * when the property is unknown or the value invalid. */
void css_parse_declaration(css_ctx *cx, int name, int vbeg, int vend, bool important,
                           css_where where, vec *out);

/* content.c: content, string-set, counter-reset/increment values */
bool css_parse_content(css_ctx *cx, int beg, int end, css_value *out, const char **why);
bool css_parse_string_set(css_ctx *cx, int beg, int end, css_value *out, const char **why);
bool css_parse_counters(css_ctx *cx, int beg, int end, int dflt, css_value *out,
                        const char **why);
bool css_list_style_keyword(const char *name, list_style *out);
const char *css_list_style_name(list_style ls);

/* compute.c */
typedef struct {
    float root_size;  /* rem */
    float pct_base;   /* % of margins, padding, text-indent: page content width */
} css_env;

void css_initial_style(computed_style *cs);
/* What an element with no declarations of its own computes to. */
void css_inherited_style(computed_style *cs, const computed_style *parent);
/* Computes cs from the parent's style (NULL: the root) and the winning
 * declaration of each property (NULL: not declared). cs->font is left for
 * the caller; before/after/marker are cleared. */
void css_compute(css_ctx *cx, computed_style *cs, const computed_style *parent,
                 const css_decl *const *w, const css_env *env);
/* Declared content of a pseudo-element: a list, or NULL for none/normal. */
const content_part *css_content_of(const css_decl *const *w, bool *declared_none);

/* page.c */
void css_compute_pages(css_ctx *cx, font_lib *fonts, const css_sheet *sh,
                       const computed_style *root, style_result *res);
/* The page area layout flows into: the plain right page's content width. */
float css_page_content_width(const style_result *res);

/* coverage.c: reports each character of the text no font has, once, at
 * its line and column (after every node has its face) */
void css_check_coverage(arena *a, font_lib *fonts, const doc_document *doc, const style_result *res);

/* cascade.c: shared with page.c */
font_face *css_font_for(css_ctx *cx, font_lib *fonts, const computed_style *cs,
                        const computed_style *parent, const css_decl *const *w);
/* The one shared copy of a computed style equal to cs. */
const computed_style *css_intern_style(css_ctx *cx, const computed_style *cs);

#endif
