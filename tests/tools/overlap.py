#!/usr/bin/env python3
"""Checks that no two words of a PDF are drawn on top of each other.

usage: overlap.py BBOX.html      (the output of pdftotext -bbox)

Two word boxes of one page overlap when their intersection covers more
than a fifth of the smaller box (glyphs touch at their edges in tight
type; that is not an overlap). Exits 1 and lists the pairs when any do.
"""
import re
import sys

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def main():
    pages = open(sys.argv[1], encoding="utf-8").read().split("<page ")[1:]
    bad = []
    for number, page in enumerate(pages, 1):
        boxes = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(page)]
        boxes.sort()
        for i, (x0, y0, x1, y1, w) in enumerate(boxes):
            for (u0, v0, u1, v1, o) in boxes[i + 1:]:
                if u0 >= x1:
                    break  # sorted by left edge: nothing further right can meet this one
                ix = min(x1, u1) - max(x0, u0)
                iy = min(y1, v1) - max(y0, v0)
                if ix <= 0 or iy <= 0:
                    continue
                smaller = min((x1 - x0) * (y1 - y0), (u1 - u0) * (v1 - v0))
                if smaller > 0 and ix * iy > 0.2 * smaller:
                    bad.append(f"page {number}: '{w}' and '{o}' overlap")
    for b in bad[:20]:
        print(b)
    if bad:
        print(f"{len(bad)} overlapping pairs")
        return 1
    print("no words overlap")
    return 0


if __name__ == "__main__":
    sys.exit(main())
