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
 * libharu's allocator interface passes no context, so the arena in use is
 * kept here, one document at a time. An arena's large blocks are backed by
 * huge pages, and a page fault costs more than the rest of an allocation:
 * a long dossier's libharu objects took a third of its page faults. What
 * libharu frees stays in the arena until the document is done. */
static arena *hpdf_heap;

static void *HPDF_STDCALL heap_alloc(HPDF_UINT size)
{
    return arena_alloc_uninit(hpdf_heap, size ? size : 1);
}

static void HPDF_STDCALL heap_free(void *p)
{
    (void)p;
}

HPDF_Doc render_hpdf_new(HPDF_Error_Handler on_error, void *user_data)
{
    if (hpdf_heap)
        return NULL; /* one document at a time */
    hpdf_heap = arena_new();
    HPDF_Doc pdf = HPDF_NewEx(on_error, heap_alloc, heap_free, 0, user_data);
    if (!pdf) {
        arena_free(hpdf_heap);
        hpdf_heap = NULL;
    }
    return pdf;
}

void render_hpdf_free(HPDF_Doc pdf)
{
    HPDF_Free(pdf);
    arena_free(hpdf_heap);
    hpdf_heap = NULL;
}
