/* Line breaking over Knuth-Plass items (boxes, glue, penalties), after
 * Knuth & Plass, "Breaking Paragraphs into Lines" (1981). The breaker knows
 * nothing about fonts or text: the paragraph builder turns styled runs into
 * items and lines back into placed words. Internal to the layout stage. */
#ifndef DOSSIER_LINEBREAK_H
#define DOSSIER_LINEBREAK_H

#include "../util/util.h"

#define KP_INFINITY 10000.0f /* a penalty >= this forbids a break, <= -this forces one */

typedef enum { KP_BOX, KP_GLUE, KP_PENALTY } kp_type;

/* Glue stretch >= KP_INFINITY (INFINITY will do) is infinite, like TeX's
 * fil: a line holding it has badness 0. Shrink must be finite. */
typedef struct {
    kp_type type;
    float width;    /* box, glue: natural width; penalty: width added when broken here (a hyphen) */
    float stretch;  /* glue only */
    float shrink;   /* glue only */
    float penalty;  /* penalty only */
    bool flagged;   /* penalty only: a hyphenation break (double-hyphen demerits) */
} kp_item;

typedef struct {
    float tolerance;             /* largest badness accepted (TeX: 100 * r^3), e.g. 200 */
    float line_penalty;          /* added to every line's badness before squaring, e.g. 10 */
    float flagged_demerits;      /* two flagged breaks in a row, e.g. 3000 */
    float fitness_demerits;      /* adjacent lines of non-adjacent fitness class, e.g. 100 */
    float final_hyphen_demerits; /* the second-last line ends hyphenated, e.g. 5000 */
    float emergency_stretch;     /* pt of extra stretch per line, 0 = none */
    int max_hyphen_lines;        /* most lines in a row ending at a flagged break, 0 = no limit
                                  * (CSS hyphenate-limit-lines; not in TeX, where demerits
                                  * alone discourage runs); the last resort ignores it */
    int looseness;               /* 0: optimal; +/-n: n more/fewer lines when feasible */
    const float *line_widths;    /* width of line i; lines past the end use the last */
    int nline_widths;
} kp_params;

/* Defaults as in plain TeX (tolerance 200, line penalty 10 ...). */
void kp_params_default(kp_params *p);

/* The ratio is the one to set the line's glue with: emergency stretch
 * counts only in choosing the breaks; 0 when the line has no finite stretch
 * to use (it ends in infinite stretch, or is underfull with none); an
 * overfull line uses all its shrink, -1 (0 without shrink). */
typedef struct {
    int item;      /* index of the glue or penalty the line ends at */
    float ratio;   /* adjustment ratio of that line: <0 shrunk, >0 stretched */
    bool overfull; /* the line could not be made to fit */
} kp_break;

/* Total-fit breaking. The item list must end with a forced break (the usual
 * paragraph end: glue(0, +inf stretch) then penalty(-inf)); its last item
 * ends the last line in any case. Writes one kp_break per line into out
 * (capacity n) and returns the number of lines, or -1 when no set of
 * breaks keeps every line within tolerance (the caller retries: with
 * hyphenation, then with emergency stretch).
 * After a break, glue and penalties are dropped up to the next box or
 * forced break. A glue or penalty after which only such items come before
 * a forced break is no breakpoint (the next line would be empty). Two
 * forced breaks in a row do make an empty line, which cannot stretch: as
 * in TeX, only the last resort accepts it (a zero-width box before its
 * fil glue makes it an ordinary line). */
int kp_break_paragraph(arena *a, const kp_item *items, int n, const kp_params *p, kp_break *out);

/* The last resort that always succeeds: like kp_break_paragraph with an
 * unbounded tolerance, and lines that cannot fit at all marked overfull. */
int kp_break_paragraph_any(arena *a, const kp_item *items, int n, const kp_params *p, kp_break *out);

/* Greedy first-fit, for comparison in benchmarks: each line takes as much
 * as fits at natural width (shrinking if it must). Always succeeds. */
int kp_first_fit(const kp_item *items, int n, const kp_params *p, kp_break *out);

/* Badness as TeX computes it: 100 * |r|^3, capped at 10000. */
float kp_badness(float ratio);

#endif
