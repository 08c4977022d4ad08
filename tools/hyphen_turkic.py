#!/usr/bin/env python3
"""Writes libhyphen patterns for Kazakh and Kyrgyz (Cyrillic) from the
languages' syllable rules; neither has patterns in TeX, LibreOffice or
Debian.

The rules: a syllable boundary falls before a consonant that is followed by
a vowel (ба-ла, мек-теп, Қазақс-тан), which puts it between two consonants
that stand between vowels; no boundary falls inside a cluster at the start
of a word (стра-те-гия), before a soft or hard sign (паль-то), or between
two vowels (Kyrgyz long vowels аа, оо ... are one sound). The iotated
letters я, ю, ё stand for й + vowel, so after a vowel a boundary falls
before them (қо-ян). In Kazakh, у and и after a vowel are consonants (w, y):
да-уыс, тау-лар; elsewhere, and always in Kyrgyz, they are vowels. No lone
letter is left at either end: the dictionaries say LEFTHYPHENMIN 2 and
RIGHTHYPHENMIN 2.

usage: hyphen_turkic.py kk|ky > hyph_kk_KZ.dic
"""
import sys

ALPHABETS = {
    # vowels, consonants (signs apart)
    "kk": ("аәеёиіоөуұүыэюя", "бвгғджзйкқлмнңпрстфхһцчшщ"),
    "ky": ("аеёиоөуүыэюя", "бвгджзйклмнңпрстфхцчшщ"),
}
SIGNS = "ьъ"
IOTATED = "яюё"
SEMIVOWELS = {"kk": "уи", "ky": ""}  # consonants after a vowel


def patterns(lang):
    vowels, consonants = ALPHABETS[lang]
    semi = SEMIVOWELS[lang]
    out = set()
    # a break before a consonant followed by a vowel, with or without a
    # sign between them
    for c in consonants:
        for v in vowels:
            out.add("1" + c + v)
            for s in SIGNS:
                out.add("1" + c + s + v)
    # after a vowel, a semivowel followed by a vowel begins the syllable
    # (да-уыс), and so does an iotated vowel (қо-ян)
    for a in vowels:
        for s in semi:
            for v in vowels:
                out.add(a + "1" + s + v)
        for i in IOTATED:
            out.add(a + "1" + i)
    # no break inside a cluster that opens the word (сту-дент, not с-ту...)
    for c1 in consonants:
        for c2 in consonants:
            out.add("." + c1 + c2 + "2")
    return sorted(out)


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ALPHABETS:
        sys.exit("usage: hyphen_turkic.py kk|ky")
    lang = sys.argv[1]
    lines = ["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2"]
    lines += patterns(lang)
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
