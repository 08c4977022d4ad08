/* Small string helpers and whole-file reading. */
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool str_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool str_ieq(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    while (*a && *b && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == 0 && *b == 0;
}

bool str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_next_word(const char **cursor, const char **word, size_t *len)
{
    const char *p = *cursor;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *e = p;
    while (*e && *e != ' ' && *e != '\t')
        e++;
    *cursor = e;
    *word = p;
    *len = (size_t)(e - p);
    return e > p;
}

const char *mem_find(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0)
        return hay;
    while (n >= m) {
        const char *p = memchr(hay, needle[0], n - m + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, m) == 0)
            return p;
        n -= (size_t)(p - hay) + 1;
        hay = p + 1;
    }
    return NULL;
}

int edit_distance(const char *a, const char *b, int cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    int row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int corner = row[0];
        row[0] = (int)i;
        int best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = ascii_lower((unsigned char)a[i - 1]) == ascii_lower((unsigned char)b[j - 1]) ? 0 : 1;
            int v = corner + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            corner = up;
            if (v < best)
                best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb];
}

/* A regular file read straight into the arena, at its size: no growing
 * buffer, no second copy. NULL (errno set) when that does not work out,
 * and the caller reads it as a stream. */
static char *read_regular(arena *a, FILE *f, size_t max_size, size_t *len, bool *too_big)
{
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0)
        return NULL;
    size_t size = (size_t)st.st_size;
    if (size > max_size) {
        *too_big = true;
        size = max_size;
    }
    char *buf = arena_alloc_uninit(a, size + 1);
    size_t n = fread(buf, 1, size, f);
    if (n != size || ferror(f)) {
        *too_big = false;
        return NULL; /* changed while read: the stream path decides */
    }
    if (!*too_big && fgetc(f) != EOF) {
        *too_big = false;
        return NULL; /* grew since fstat */
    }
    buf[size] = 0;
    *len = size;
    return buf;
}

char *read_file(arena *a, const char *path, size_t max_size, size_t *len, bool *too_big)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    *too_big = false;
    if (!f)
        return NULL;
    if (f != stdin) {
        char *whole = read_regular(a, f, max_size, len, too_big);
        if (whole) {
            fclose(f);
            return whole;
        }
        rewind(f);
    }
    size_t cap = 64 * 1024, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        if (f != stdin)
            fclose(f);
        errno = ENOMEM;
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max_size) {
            *too_big = true;
            break;
        }
        if (got == 0)
            break;
    }
    int err = ferror(f) ? errno : 0;
    if (f != stdin)
        fclose(f);
    if (err && !*too_big) {
        free(buf);
        errno = err ? err : EIO;
        return NULL;
    }
    char *out = arena_strndup(a, buf, n > max_size ? max_size : n);
    free(buf);
    *len = n > max_size ? max_size : n;
    return out;
}
