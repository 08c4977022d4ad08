#!/usr/bin/env python3
"""Checks from `dossier --dump=layout` that footnotes never overlap the
text: on every page with a footnote rule, all text in the body size stands
above the rule and all text in the note size below it.

usage: notearea.py LAYOUT_DUMP BODY_SIZE NOTE_SIZE

Prints how many pages carry notes; exits 1 naming the first overlap.
"""
import re
import sys

RULE = re.compile(r"^  line ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) width=0\.50 #555555")
TEXT = re.compile(r'^  text ([\d.]+) ([\d.]+) \S+ ([\d.]+) ')


def main(argv):
    body, note = float(argv[2]), float(argv[3])
    pages, page = [], None
    for line in open(argv[1], encoding="utf-8"):
        if line.startswith("page "):
            page = {"name": line.split()[1], "rule": None, "texts": []}
            pages.append(page)
            continue
        if page is None:
            continue
        m = RULE.match(line)
        if m and m.group(2) == m.group(4):
            page["rule"] = float(m.group(2))
            continue
        m = TEXT.match(line)
        if m:
            page["texts"].append((float(m.group(2)), float(m.group(3)), line.strip()))
    with_notes = 0
    for p in pages:
        if p["rule"] is None:
            continue
        with_notes += 1
        for y, size, text in p["texts"]:
            if abs(size - body) < 0.01 and y > p["rule"]:
                print(f"page {p['name']}: body text below the footnote rule: {text}")
                return 1
            if abs(size - note) < 0.01 and y < p["rule"]:
                print(f"page {p['name']}: note text above the footnote rule: {text}")
                return 1
    print(f"{with_notes} pages with notes, none overlapping the text")
    return 0 if with_notes else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
