/* Simple (one-to-one) case mapping for the scripts dossier sets and
 * hyphenates: Latin (Latin-1, Extended-A, the regular parts of Extended-B
 * and Extended Additional), Greek and Cyrillic with its Kazakh letters.
 * Used for hyphenation lookups, text-transform, small-caps decisions and
 * heading slugs, so all stages agree on what a letter and its case are. */
#include "util.h"

/* Ranges where capital and small letters alternate with the capital on
 * the even code point (Ā ā, Ғ ғ, Ạ ạ, ...). */
static bool pair_even_upper(uint32_t c)
{
    return (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x1DE && c <= 0x1EF) ||
           (c >= 0x1F8 && c <= 0x21F) || (c >= 0x222 && c <= 0x233) || (c >= 0x1E00 && c <= 0x1E95) ||
           (c >= 0x1EA0 && c <= 0x1EFF) || (c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
           (c >= 0x4D0 && c <= 0x52F);
}

/* Ranges where the capital is on the odd code point (Ĺ ĺ, Ź ź, Ǎ ǎ, Ӂ ӂ). */
static bool pair_odd_upper(uint32_t c)
{
    return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) || (c >= 0x1CD && c <= 0x1DC) ||
           (c >= 0x4C1 && c <= 0x4CE);
}

uint32_t cp_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    switch (c) {
    case 0x130: return 'i';   /* İ */
    case 0x131: return c;     /* ı is already small */
    case 0x178: return 0xFF;  /* Ÿ */
    case 0x18F: return 0x259; /* Ə */
    case 0x1A0: return 0x1A1; /* Ơ */
    case 0x1AF: return 0x1B0; /* Ư */
    case 0x1C4: case 0x1C5: return 0x1C6;
    case 0x1C7: case 0x1C8: return 0x1C9;
    case 0x1CA: case 0x1CB: return 0x1CC;
    case 0x1F1: case 0x1F2: return 0x1F3;
    case 0x1F4: return 0x1F5;
    case 0x1E9E: return 0xDF; /* ẞ */
    case 0x386: return 0x3AC;
    case 0x388: case 0x389: case 0x38A: return c + 37;
    case 0x38C: return 0x3CC;
    case 0x38E: case 0x38F: return c + 63;
    case 0x4C0: return 0x4CF; /* Ӏ */
    default: break;
    }
    if (pair_even_upper(c))
        return c | 1;
    if (pair_odd_upper(c))
        return c & 1 ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) /* А-Я */
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) /* Ѐ-Џ, with Ё and Kazakh І */
        return c + 0x50;
    return c;
}

uint32_t cp_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? c - 0x20 : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 0x20;
    switch (c) {
    case 0xFF: return 0x178;
    case 0x131: return 'I';   /* ı */
    case 0x259: return 0x18F;
    case 0x1A1: return 0x1A0;
    case 0x1B0: return 0x1AF;
    case 0x1C5: case 0x1C6: return 0x1C4;
    case 0x1C8: case 0x1C9: return 0x1C7;
    case 0x1CB: case 0x1CC: return 0x1CA;
    case 0x1F2: case 0x1F3: return 0x1F1;
    case 0x1F5: return 0x1F4;
    case 0x3AC: return 0x386;
    case 0x3AD: case 0x3AE: case 0x3AF: return c - 37;
    case 0x3C2: return 0x3A3; /* final sigma */
    case 0x3CC: return 0x38C;
    case 0x3CD: case 0x3CE: return c - 63;
    case 0x4CF: return 0x4C0;
    default: break;
    }
    if (pair_even_upper(c))
        return c & ~1u;
    if (pair_odd_upper(c))
        return c & 1 ? c : c - 1;
    if (c >= 0x3B1 && c <= 0x3CB)
        return c - 0x20;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x20;
    if (c >= 0x450 && c <= 0x45F)
        return c - 0x50;
    return c;
}

bool cp_is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F) || (c >= 0x1E00 && c <= 0x1EFF);
}

bool cp_is_upper(uint32_t c)
{
    return cp_is_letter(c) && cp_lower(c) != c;
}

bool lang_cases_dotted_i(const char *lang)
{
    if (!lang)
        return false;
    bool tr = (lang[0] == 't' || lang[0] == 'T') && (lang[1] == 'r' || lang[1] == 'R');
    bool az = (lang[0] == 'a' || lang[0] == 'A') && (lang[1] == 'z' || lang[1] == 'Z');
    return (tr || az) && (lang[2] == 0 || lang[2] == '-' || lang[2] == '_');
}

uint32_t cp_upper_in(uint32_t c, bool dotted_i)
{
    return dotted_i && c == 'i' ? 0x130 : cp_upper(c);
}

uint32_t cp_lower_in(uint32_t c, bool dotted_i)
{
    if (dotted_i && c == 'I')
        return 0x131;
    return dotted_i && c == 0x130 ? 'i' : cp_lower(c);
}
