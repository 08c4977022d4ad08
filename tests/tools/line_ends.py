#!/usr/bin/env python3
"""Reads `pdftotext -bbox` output on standard input, groups the words of
each page into lines by baseline, and checks how lines end:

  line_ends.py flush RIGHT   every line but the last of each paragraph ends
                             at x = RIGHT (within 0.6 pt): justified text.
                             A paragraph's last line is one followed by a
                             gap larger than the line spacing, or the last.
  line_ends.py within RIGHT  no line ends past RIGHT.
"""
import re
import sys

mode, right = sys.argv[1], float(sys.argv[2])
pages = sys.stdin.read().split("<page ")[1:]
bad = []
for p, page in enumerate(pages, 1):
    rows = {}
    for m in re.finditer(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>', page):
        y = round(float(m.group(4)), 1)
        rows.setdefault(y, []).append((float(m.group(1)), float(m.group(3)), m.group(5)))
    ys = sorted(rows)
    steps = [b - a for a, b in zip(ys, ys[1:])]
    step = min(steps) if steps else 0
    for k, y in enumerate(ys):
        words = sorted(rows[y])
        end = words[-1][1]
        text = " ".join(w[2] for w in words)
        if end > right + 0.6:
            bad.append(f"page {p}: '{text}' ends at {end:.2f}, past {right}")
        last = k + 1 == len(ys) or ys[k + 1] - y > step + 0.5
        if mode == "flush" and not last and abs(end - right) > 0.6:
            bad.append(f"page {p}: '{text}' ends at {end:.2f}, not at {right}")
if bad:
    sys.exit("\n".join(bad[:10]))
