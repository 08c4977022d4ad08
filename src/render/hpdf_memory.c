/* libharu copies and clears memory one byte at a time in HPDF_MemCpy and
 * HPDF_MemSet: every memory stream write and read, and a 256 KB map
 * cleared for each font, a tenth of a short dossier's instructions. The
 * library calls both through its procedure linkage table, so these
 * definitions in the program take their place, with the same contract:
 * each returns the address just past the bytes it wrote. (Were the
 * library linked so that its own calls bind inside it, they would simply
 * go unused.) */
#include <hpdf.h>
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
