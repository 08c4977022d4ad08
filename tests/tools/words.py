#!/usr/bin/env python3
"""Checks that every word of a Markdown source appears in a PDF's text.

usage: words.py SOURCE.md PDF_TEXT.txt

The source's words are taken from its text with the Markdown syntax
stripped (front matter values, headings, lists, tables, directive options
count as words). The PDF text comes from pdftotext. The hyphen added at a
line end reads as U+00AD (a soft hyphen) there, and the two pieces are
joined, as a reader joins them; pdftotext itself joins lines that end with
a written hyphen, so a word written with a hyphen in the source
("super-presidential") may come back joined, and counts as found in either
form. A word hyphenated at the foot of a page comes back in two
pieces ("deten-" and "tions", or "deten78" when a footnote's number follows
it): it counts when both pieces are there. Exits 1 and lists the missing words when any is missing.
"""
import collections
import re
import sys

WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*", re.UNICODE)


def source_text(md):
    lines = []
    in_front = False
    for i, line in enumerate(md.splitlines()):
        if i == 0 and line.strip() == "---":
            in_front = True
            continue
        if in_front:
            if line.strip() in ("---", "..."):
                in_front = False
                continue
            key, _, value = line.partition(":")
            if key.strip() in ("lang", "toc", "cover", "toc-depth", "style", "keywords"):
                continue  # settings and metadata, not printed text
            lines.append(value.strip().strip("[]\"'"))
            continue
        if line.startswith("```") or re.match(r"^\s*:{3,}", line):
            continue  # fences (backticks, MyST's and pandoc's colons) and directive names are syntax
        m = re.match(r"^:([a-z-]+):\s*(.*)$", line)
        if m:
            if m.group(1) in ("title", "caption", "header", "alt"):
                lines.append(m.group(2))
            continue
        # raw HTML: tags are syntax; the descriptions and titles they carry are printed
        line = re.sub(r"<[A-Za-z][^>]*?\b(?:alt|title)=\"([^\"]*)\"[^>]*>", r" \1 ", line)
        line = re.sub(r"</?(?:sup|sub)>", "", line)
        line = re.sub(r"</?[A-Za-z][^>]*>", "", line)
        # pandoc attributes {#id .class lang=xx} {-}, MyST roles {name}`, alerts [!NOTE]
        line = re.sub(r"\{(?:[#.][^}]*|-|[^}]*=[^}]*)\}", " ", line)
        line = re.sub(r"\{[a-z:-]+\}`", "`", line)
        # ^sup^ and ~sub~ join their neighbours, as printed
        line = re.sub(r"(?<=\S)[~^]([^\s~^]+)[~^]", r"\1", line)
        if re.match(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$", line):
            continue  # table delimiter row
        line = re.sub(r"^\s*#{1,6}\s+", "", line)
        line = re.sub(r"^\s*>\s?", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?", "", line)
        line = re.sub(r"\[\^[^\]\s]+\]:?", " ", line)  # footnote references and labels
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = line.replace("|", " ")
        lines.append(line)
    return "\n".join(lines)


def words(text):
    # an apostrophe is the same typed straight or set typographic (smart quotes)
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def main():
    md = open(sys.argv[1], encoding="utf-8").read()
    pdf = re.sub("\u00ad\n", "", open(sys.argv[2], encoding="utf-8").read())
    src = source_text(md)
    need = collections.Counter(words(src))
    have = collections.Counter(words(pdf))
    # hyphenated compounds of the source, joined as pdftotext may print them
    for compound in re.findall(r"[^\W_]+(?:-[^\W_]+)+", src, re.UNICODE):
        parts = [p.lower() for p in compound.split("-")]
        for i in range(len(parts) - 1):
            joined = parts[i] + parts[i + 1]
            while have[joined] > 0 and (have[parts[i]] < need[parts[i]] or have[parts[i + 1]] < need[parts[i + 1]]):
                have[joined] -= 1
                have[parts[i]] += 1
                have[parts[i + 1]] += 1
    # a word hyphenated at the foot of a page continues on the next, past
    # the running head: pdftotext cannot join it, leaving two pieces ("de-"
    # "tentions"), or glues the first to the footnote number below it
    # ("re321" "forms"); a missing word counts when both pieces are there
    pieces = collections.Counter()
    for w in WORD.findall(pdf):
        m = re.fullmatch(r"([^\W\d_]+)\d+", w)
        pieces[(m.group(1) if m else w).lower().replace("’", "'")] += 1
    spare = collections.Counter({w: pieces[w] - need[w] for w in pieces if pieces[w] > need[w]})
    for w, n in need.items():
        for k in range(1, len(w)):
            while have[w] < n and spare[w[:k]] > 0 and spare[w[k:]] > 0:
                spare[w[:k]] -= 1
                spare[w[k:]] -= 1
                have[w] += 1
    missing = {w: n - have[w] for w, n in need.items() if have[w] < n}
    if missing:
        for w, n in sorted(missing.items()):
            print(f"missing: {w!r} x{n}")
        print(f"{len(missing)} of {len(need)} distinct words missing")
        return 1
    print(f"all {sum(need.values())} words of the source are in the PDF")
    return 0


if __name__ == "__main__":
    sys.exit(main())
