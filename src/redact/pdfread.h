/* Private to src/redact: just enough of a PDF reader for the self-check.
 * It reads what any viewer would: top-level objects, object streams,
 * FlateDecode streams, pages, their fonts and ToUnicode maps. It is not
 * a general PDF parser: whatever it cannot read, the check still searches
 * as raw and inflated bytes. */
#ifndef DOSSIER_REDACT_PDFREAD_H
#define DOSSIER_REDACT_PDFREAD_H

#include "../util/util.h"

typedef enum { PV_NULL, PV_NUM, PV_NAME, PV_STR, PV_ARRAY, PV_DICT, PV_REF, PV_BOOL, PV_OP } pv_kind;

typedef struct pv pv;
struct pv {
    pv_kind kind;
    double num;
    const char *s;   /* name (decoded, no '/'), string (decoded bytes) or operator */
    size_t len;
    int ref;         /* object number of a reference */
    pv *items;       /* arrays: values; dicts: key, value, key, value ... */
    int nitems;
};

typedef struct {
    pv *value;             /* NULL when absent */
    const unsigned char *data; /* stream data, decoded when it was FlateDecode */
    size_t len;
    bool is_stream, decoded;
} pdf_object;

typedef struct {
    arena *a;
    const unsigned char *file;
    size_t file_len;
    pdf_object *objs;      /* indexed by object number */
    int nobjs;
    vec inflated;          /* pdf_blob: every FlateDecode stream found in the file */
} pdf_file;

typedef struct {
    const unsigned char *data;
    size_t len;
    int obj;               /* object number, 0 when found by scanning alone */
} pdf_blob;

/* Reads the objects; never fails (what cannot be read is left out). */
void pdf_read(pdf_file *pf, arena *a, const unsigned char *data, size_t len);
const pv *pv_get(const pdf_file *pf, const pv *dict, const char *key); /* references followed */
const pv *pv_get_unresolved(const pdf_file *pf, const pv *dict, const char *key);
const pv *pv_resolve(const pdf_file *pf, const pv *v);
const pdf_object *pdf_obj(const pdf_file *pf, const pv *ref);
bool pv_is_name(const pv *v, const char *name);

/* Tokenizes PDF syntax (content streams, object bodies), calling `fn` for
 * each value at the top level; operators come as PV_OP. */
typedef void (*pv_visit)(void *ctx, const pv *v);
void pdf_tokens(arena *a, const unsigned char *s, size_t n, pv_visit fn, void *ctx);
/* Every string and name anywhere in the syntax, decoded. */
void pdf_strings(arena *a, const unsigned char *s, size_t n, pv_visit fn, void *ctx);

#endif
