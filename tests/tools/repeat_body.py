#!/usr/bin/env python3
"""Builds a long document from a short one: the body (everything after the
front matter and the first level-1 title line, if the source has one)
repeated N times, each heading suffixed with its copy number so heading ids
and links stay unique. Typography tests and benchmarks run on it.

usage: repeat_body.py INPUT.md N > OUTPUT.md
"""
import re
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: repeat_body.py INPUT.md N > OUTPUT.md")
    text = open(sys.argv[1], encoding="utf-8").read()
    copies = int(sys.argv[2])
    front = ""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + len("\n---\n")
        front, text = text[:end], text[end:]
    lines = text.splitlines()
    heading = re.compile(r"^(#{1,6} .*?)\s*$")
    fence = None
    out = [front.rstrip("\n")] if front else []
    for i in range(1, copies + 1):
        for line in lines:
            # headings inside fenced blocks are not headings
            m = re.match(r"^(```+|~~~+)", line)
            if m and fence is None:
                fence = m.group(1)
            elif m and fence and line.startswith(fence):
                fence = None
            if fence is None and heading.match(line):
                out.append(heading.sub(rf"\1 ({i})", line))
            else:
                out.append(line)
        out.append("")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
