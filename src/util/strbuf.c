/* Growable strings in the arena. */
#include "util.h"

#include <string.h>

void sb_init(strbuf *sb, arena *a)
{
    sb->a = a;
    sb->len = 0;
    sb->cap = 0;
    sb->data = "";
}

void sb_grow(strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *data = arena_alloc_uninit(sb->a, cap);
    memcpy(data, sb->data, sb->len);
    sb->data = data;
    sb->cap = cap;
}

void sb_puts(strbuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void sb_put_utf8(strbuf *sb, uint32_t cp)
{
    char buf[4];
    sb_append(sb, buf, (size_t)utf8_encode(cp, buf));
}

void sb_put_uint(strbuf *sb, uint64_t v)
{
    char digits[20];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sb_grow(sb, (size_t)n);
    while (n)
        sb->data[sb->len++] = digits[--n];
    sb->data[sb->len] = 0;
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        sb_grow(sb, (size_t)n);
        vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
        sb->len += (size_t)n;
    }
    va_end(ap);
}

void sb_clear(strbuf *sb)
{
    sb->len = 0;
    if (sb->cap)
        sb->data[0] = 0;
}
