/* :number-format: of {table}: a template written as the numbers should
 * look ("1,234.5", "1 234,56", "1'234", "1234.0"), applied to cells that
 * hold a plain number ("1234.567", "-12", "45.3 %"). Digits are handled as
 * text, never through a double, so long identifiers keep every digit. */
#include "parse_internal.h"

#include <string.h>

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* One separator of a template: a single character, '_' standing for a
 * no-break space, or a UTF-8 space character. Returns its length. */
static size_t separator(const char *s, char *out, size_t cap)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '_') {
        snprintf(out, cap, "\xC2\xA0");
        return 1;
    }
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c == 0 || digit((char)c) || strnlen(s, n) < n || n >= cap)
        return 0;
    memcpy(out, s, n);
    out[n] = 0;
    return n;
}

bool number_format_parse(const char *t, number_format *nf)
{
    memset(nf, 0, sizeof *nf);
    snprintf(nf->point, sizeof nf->point, ".");
    if (strcmp(t, "-") == 0)
        return true; /* as written */
    if (t[0] != '1')
        return false;
    size_t i = 1;
    char sep[8];
    size_t n = separator(t + i, sep, sizeof sep);
    if (n && strncmp(t + i + n, "234", 3) == 0) {
        snprintf(nf->group, sizeof nf->group, "%s", sep);
        i += n + 3;
    } else if (strncmp(t + i, "234", 3) == 0) {
        i += 3;
    } else {
        return false;
    }
    if (t[i]) {
        n = separator(t + i, sep, sizeof sep);
        if (!n || !digit(t[i + n]))
            return false;
        snprintf(nf->point, sizeof nf->point, "%s", sep);
        i += n;
        while (digit(t[i])) {
            i++;
            nf->decimals++;
        }
        if (t[i])
            return false;
    }
    if (nf->group[0] && strcmp(nf->group, nf->point) == 0 && nf->decimals)
        return false;
    nf->active = true;
    return true;
}

char *number_format_apply(arena *a, const number_format *nf, const char *cell)
{
    if (!nf->active)
        return NULL;
    const char *s = cell;
    while (*s == ' ')
        s++;
    char sign = 0;
    if (*s == '-' || *s == '+')
        sign = *s++;
    const char *ints = s;
    while (digit(*s))
        s++;
    size_t nint = (size_t)(s - ints);
    if (!nint)
        return NULL;
    const char *frac = "";
    size_t nfrac = 0;
    if (*s == '.' && digit(s[1])) {
        frac = ++s;
        while (digit(*s))
            s++;
        nfrac = (size_t)(s - frac);
    }
    const char *suffix = s;
    if (*s == ' ')
        s++;
    if (*s == '%')
        s++;
    const char *rest = s;
    while (*rest == ' ')
        rest++;
    if (*rest)
        return NULL;
    size_t nsuffix = (size_t)(s - suffix);

    /* the digits, rounded half away from zero to the template's decimals */
    size_t nd = nint + (size_t)nf->decimals;
    char *d = arena_alloc(a, nd + 2);
    d[0] = '0'; /* room for a carry */
    memcpy(d + 1, ints, nint);
    for (int k = 0; k < nf->decimals; k++)
        d[1 + nint + (size_t)k] = (size_t)k < nfrac ? frac[k] : '0';
    if (nfrac > (size_t)nf->decimals && frac[nf->decimals] >= '5') {
        size_t k = nd;
        while (d[k] == '9')
            d[k--] = '0';
        d[k]++;
    }
    const char *digits = d[0] == '0' ? d + 1 : d;
    size_t total_int = d[0] == '0' ? nint : nint + 1;
    /* leading zeros of the integer part go, one stays */
    while (total_int > 1 && *digits == '0') {
        digits++;
        total_int--;
    }
    bool zero = true;
    for (size_t k = 0; k < total_int + (size_t)nf->decimals; k++)
        zero = zero && digits[k] == '0';

    strbuf sb;
    sb_init(&sb, a);
    if (sign == '+' || (sign == '-' && !zero))
        sb_putc(&sb, sign);
    for (size_t k = 0; k < total_int; k++) {
        if (k > 0 && nf->group[0] && (total_int - k) % 3 == 0)
            sb_puts(&sb, nf->group);
        sb_putc(&sb, digits[k]);
    }
    if (nf->decimals) {
        sb_puts(&sb, nf->point);
        sb_append(&sb, digits + total_int, (size_t)nf->decimals);
    }
    sb_append(&sb, suffix, nsuffix);
    return sb.data;
}
