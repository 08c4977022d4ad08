#!/usr/bin/env python3
"""Checks that a tagged PDF's structure reads a source's words in the
source's order, as a screen reader follows it.

usage: read_order.py SOURCE.md STRUCT_TEXT.txt [PLAIN_TEXT.txt]

STRUCT_TEXT is what `pdfinfo -struct-text` prints: the structure tree with
the text of each element, artifacts (running heads, page numbers, dot
leaders) left out. The source's words (Markdown syntax stripped, as
words.py does) must appear in it as a subsequence: in order, each word
whole (a hyphen added at a line end must not split it, and two lines'
words must not run together), with generated text (contents, numbers,
labels) allowed between them. The front matter is left out: the cover
sets it in an order of its own. Reports the first word that is out of order
or missing, with what the structure reads around it.

PLAIN_TEXT, what pdftotext prints, names the words hyphenated at a line
end: their added hyphen reads as U+00AD (a soft hyphen) before the line
break, as its ToUnicode entry says. There must be some, and each must be
among the words the structure reads whole. A soft hyphen in STRUCT_TEXT
is dropped, as a screen reader drops it."""
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from words import WORD, source_text  # noqa: E402


def struct_words(text):
    out = []
    figure = None  # indentation of the Figure being skipped
    for raw in text.splitlines():
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if figure is not None and indent <= figure:
            figure = None
        if line.startswith("Figure"):
            figure = indent  # read by its description, not its drawing
        if figure is not None or not (line.startswith('"') and line.endswith('"')):
            continue  # element names and annotation objects
        out.extend(w.casefold().replace("’", "'") for w in WORD.findall(line[1:-1].replace("\u00ad", "")))
    return out


def without_chart_data(md):
    """A chart's data rows are read from its Figure's description; its
    caption is text."""
    out, in_chart = [], False
    for line in md.splitlines():
        if line.startswith("```{chart}"):
            in_chart = True
        elif in_chart and line.startswith("```"):
            in_chart = False
        elif not in_chart or line.startswith(":caption:"):
            out.append(line)
    return "\n".join(out)


def main():
    md = open(sys.argv[1], encoding="utf-8").read()
    # the cover and title block set the front matter in an order of their
    # own: the body is what must read in order
    md = without_chart_data(re.sub(r"\A---\n.*?\n(---|\.\.\.)\n", "", md, flags=re.S))
    got = struct_words(open(sys.argv[2], encoding="utf-8").read())
    want = [w.casefold().replace("’", "'") for w in WORD.findall(source_text(md))]
    at = 0
    for i, w in enumerate(want):
        k = at
        while k < len(got) and got[k] != w:
            k += 1
        if k == len(got):
            before = " ".join(want[max(0, i - 8):i])
            where = " ".join(got[max(0, at - 8):at + 8])
            print(f"source word {i + 1} '{w}' (after: {before}) is not read after structure word {at}: ... {where} ...")
            return 1
        at = k + 1
    print(f"{len(want)} source words read in order among {len(got)} structure words")
    if len(sys.argv) > 3:
        plain = open(sys.argv[3], encoding="utf-8").read()
        hyphenated = [(a + b).casefold() for a, b in re.findall(r"([^\W_]+)\u00ad\n([^\W_]+)", plain)]
        if not hyphenated:
            print("no word is hyphenated at a line end with a soft hyphen in the plain text")
            return 1
        read = set(got)
        split = [w for w in hyphenated if w not in read]
        if split:
            print(f"hyphenated at a line end and not read whole: {' '.join(split)}")
            return 1
        print(f"{len(hyphenated)} words hyphenated at a line end read whole: {' '.join(hyphenated)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
