/* Number formats: a template written as the numbers should look
 * ("1,234.5", "1 234,56", "1'234", "1234.0", "١٬٢٣٤٫٥"), applied to text
 * that holds a plain number ("1234.567", "-12", "45.3 %"). Used by
 * :number-format: of tables and by the `number-format` property (tables
 * asked for `auto`, chart values). Digits are handled as text, never
 * through a double, so long identifiers keep every digit. */
#include "util.h"

#include <string.h>

static bool ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The zero of the digit set cp belongs to (ASCII, Arabic-Indic, Persian),
 * or 0 when cp is no digit. */
static uint32_t digit_zero(uint32_t cp)
{
    static const uint32_t zeros[] = {'0', 0x660, 0x6F0};
    for (size_t i = 0; i < COUNT_OF(zeros); i++)
        if (cp >= zeros[i] && cp <= zeros[i] + 9)
            return zeros[i];
    return 0;
}

/* Reads the digits "digits" (ASCII) written in the set of `zero` at s;
 * returns the bytes read, or 0. */
static size_t expect_digits(const char *s, const char *digits, uint32_t zero)
{
    size_t i = 0;
    for (const char *d = digits; *d; d++) {
        uint32_t cp;
        int n = utf8_decode(s + i, strnlen(s + i, 4), &cp);
        if (n <= 0 || cp != zero + (uint32_t)(*d - '0'))
            return 0;
        i += (size_t)n;
    }
    return i;
}

/* One separator of a template: a single character that is no digit, '_'
 * standing for a no-break space. Returns its length in the template. */
static size_t separator(const char *s, char *out, size_t cap)
{
    if (s[0] == '_') {
        snprintf(out, cap, "\xC2\xA0");
        return 1;
    }
    uint32_t cp;
    int n = utf8_decode(s, strnlen(s, 4), &cp);
    if (n <= 0 || cp == 0 || digit_zero(cp) || (size_t)n >= cap)
        return 0;
    memcpy(out, s, (size_t)n);
    out[n] = 0;
    return (size_t)n;
}

bool number_format_parse(const char *t, number_format *nf)
{
    memset(nf, 0, sizeof *nf);
    snprintf(nf->point, sizeof nf->point, ".");
    nf->zero = '0';
    if (strcmp(t, "-") == 0)
        return true; /* as written */
    uint32_t one;
    int n1 = utf8_decode(t, strnlen(t, 4), &one);
    uint32_t zero = n1 > 0 ? digit_zero(one) : 0;
    if (!zero || one != zero + 1)
        return false;
    nf->zero = zero;
    size_t i = (size_t)n1;
    char sep[8];
    size_t n = separator(t + i, sep, sizeof sep);
    size_t d;
    if (n && (d = expect_digits(t + i + n, "234", zero)) != 0) {
        snprintf(nf->group, sizeof nf->group, "%s", sep);
        i += n + d;
    } else if ((d = expect_digits(t + i, "234", zero)) != 0) {
        i += d;
    } else {
        return false;
    }
    if (t[i]) {
        n = separator(t + i, sep, sizeof sep);
        if (!n)
            return false;
        snprintf(nf->point, sizeof nf->point, "%s", sep);
        i += n;
        for (;;) {
            uint32_t cp;
            int k = t[i] ? utf8_decode(t + i, strnlen(t + i, 4), &cp) : 0;
            if (k <= 0 || digit_zero(cp) != zero)
                break;
            i += (size_t)k;
            nf->decimals++;
        }
        if (t[i] || nf->decimals == 0)
            return false;
    }
    if (nf->group[0] && strcmp(nf->group, nf->point) == 0 && nf->decimals)
        return false;
    nf->active = true;
    return true;
}

static void put_digits(strbuf *sb, const char *digits, size_t n, uint32_t zero)
{
    for (size_t k = 0; k < n; k++) {
        if (zero == '0')
            sb_putc(sb, digits[k]);
        else
            sb_put_cp(sb, zero + (uint32_t)(digits[k] - '0'));
    }
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
    while (ascii_digit(*s))
        s++;
    size_t nint = (size_t)(s - ints);
    if (!nint)
        return NULL;
    const char *frac = "";
    size_t nfrac = 0;
    if (*s == '.' && ascii_digit(s[1])) {
        frac = ++s;
        while (ascii_digit(*s))
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
    int decimals = nf->decimals < 0 ? (int)nfrac : nf->decimals;

    /* the digits, rounded half away from zero to the template's decimals */
    size_t nd = nint + (size_t)decimals;
    char *d = arena_alloc(a, nd + 2);
    d[0] = '0'; /* room for a carry */
    memcpy(d + 1, ints, nint);
    for (int k = 0; k < decimals; k++)
        d[1 + nint + (size_t)k] = (size_t)k < nfrac ? frac[k] : '0';
    if (nfrac > (size_t)decimals && frac[decimals] >= '5') {
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
    for (size_t k = 0; k < total_int + (size_t)decimals; k++)
        zero = zero && digits[k] == '0';

    strbuf sb;
    sb_init(&sb, a);
    if (sign == '+' || (sign == '-' && !zero))
        sb_putc(&sb, sign);
    for (size_t k = 0; k < total_int; k++) {
        if (k > 0 && nf->group[0] && (total_int - k) % 3 == 0)
            sb_puts(&sb, nf->group);
        put_digits(&sb, digits + k, 1, nf->zero);
    }
    if (decimals) {
        sb_puts(&sb, nf->point);
        put_digits(&sb, digits + total_int, (size_t)decimals, nf->zero);
    }
    sb_append(&sb, suffix, nsuffix);
    return sb.data;
}
