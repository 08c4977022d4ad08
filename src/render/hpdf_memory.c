/* libharu copies and clears memory one byte at a time in HPDF_MemCpy and
 * HPDF_MemSet: every memory stream write and read, and a 256 KB map
 * cleared for each font, a tenth of a short dossier's instructions. The
 * library calls both through its procedure linkage table, so these
 * definitions in the program take their place, with the same contract:
 * each returns the address just past the bytes it wrote. (Were the
 * library linked so that its own calls bind inside it, they would simply
 * go unused.) */
#include "render_internal.h"

#include <hpdf_utils.h>
#include <string.h>

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    memmove(out, in, n);
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* libharu's own allocations (objects, dictionaries, the memory streams
 * that hold the file) come from an arena while a document is made:
 * an arena's large blocks are backed by huge pages, and on a virtual
 * machine a page fault costs more than the rest of an allocation (a long
 * dossier's libharu objects took a third of its page faults). What
 * libharu frees goes on a free list of its size class and is used again:
 * libharu grows its lists by a fixed step, copying, so a tagged table of
 * thousands of cells would otherwise leave its cross-reference list behind
 * a hundred times. Sizes are rounded up to a quarter of a power of two (a
 * quarter wasted at most); each block carries its class in a 16-byte
 * header, which keeps the alignment malloc gives. libharu's allocator
 * interface passes no context, so the heap in use is kept here, one
 * document at a time. */
#define HEADER 16u
#define CLASSES 128

typedef struct free_block {
    struct free_block *next;
} free_block;

static struct {
    arena *a;
    free_block *free[CLASSES];
} heap;

/* The class of n bytes (header included) and its size in *size. */
static int size_class(size_t n, size_t *size)
{
    int k = 4; /* 16 bytes and up */
    while (((size_t)1 << (k + 1)) < n)
        k++;
    size_t base = (size_t)1 << k, step = base / 4;
    int q = 0;
    while (base + (size_t)q * step < n)
        q++; /* at most 4: base * 2 covers n */
    *size = base + (size_t)q * step;
    int c = (k - 4) * 5 + q;
    return c < CLASSES ? c : -1;
}

static void *HPDF_STDCALL heap_alloc(HPDF_UINT want)
{
    size_t size;
    int c = size_class((size_t)want + HEADER, &size);
    unsigned char *p;
    if (c >= 0 && heap.free[c]) {
        p = (unsigned char *)heap.free[c];
        heap.free[c] = heap.free[c]->next;
    } else {
        p = arena_alloc_uninit(heap.a, size);
    }
    memcpy(p, &c, sizeof c);
    return p + HEADER;
}

static void HPDF_STDCALL heap_free(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    int c;
    memcpy(&c, p, sizeof c);
    if (c < 0)
        return; /* larger than any class: stays until the document is done */
    free_block *f = (free_block *)p;
    f->next = heap.free[c];
    heap.free[c] = f;
}

HPDF_Doc render_hpdf_new(HPDF_Error_Handler on_error, void *user_data)
{
    if (heap.a)
        return NULL; /* one document at a time */
    heap.a = arena_new();
    HPDF_Doc pdf = HPDF_NewEx(on_error, heap_alloc, heap_free, 0, user_data);
    if (!pdf)
        render_hpdf_free(NULL);
    return pdf;
}

void render_hpdf_free(HPDF_Doc pdf)
{
    if (pdf)
        HPDF_Free(pdf);
    arena_free(heap.a);
    memset(&heap, 0, sizeof heap);
}
