#!/usr/bin/env python3
"""Reads `pdftotext -bbox` output on standard input and fails when a word
reaches past x = LIMIT (pt): nothing may be drawn past the right margin.

usage: pdftotext -bbox FILE.pdf - | right_edge.py LIMIT
"""
import re
import sys

limit = float(sys.argv[1])
worst, words = None, 0
for m in re.finditer(r'<word xMin="[-\d.]+" yMin="[-\d.]+" xMax="([-\d.]+)" yMax="[-\d.]+">([^<]*)</word>',
                     sys.stdin.read()):
    words += 1
    x = float(m.group(1))
    if x > limit and (worst is None or x > worst[0]):
        worst = (x, m.group(2))
if words == 0:
    sys.exit("no words in the PDF")
if worst:
    sys.exit(f"'{worst[1]}' reaches x={worst[0]:.2f}, past the margin at {limit}")
