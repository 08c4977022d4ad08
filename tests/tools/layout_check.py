#!/usr/bin/env python3
"""Reads `dossier --dump=layout` output and checks page-breaking facts that
the summary line cannot show, independently of how the engine counts them.

usage:
  layout_check.py summary DUMP KEY           prints the summary's value of KEY
  layout_check.py keeps DUMP TEXT [N]        the line holding TEXT has at least
                                             N (default 2) lines after it on its
                                             page, unless nothing follows it
  layout_check.py together DUMP TEXT1 TEXT2  both texts are on one page
  layout_check.py splits DUMP [N]            every paragraph broken across pages
                                             has N (default 2) lines on each side
  layout_check.py page-of DUMP TEXT          prints the page the text is on
  layout_check.py foot DUMP PAGE             prints the baseline (pt from the top)
                                             of the last line of PAGE

Lines are the dump's line boxes with the text drawn after each; a paragraph
is a run of lines ending at one marked `last`. Meant for test documents made
of paragraphs, headings, lists and tables (no footnotes: their lines are
drawn at the page's foot, after the body).
"""
import re
import sys


def read(path):
    pages, summary = [], {}
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("page "):
            pages.append([])
        elif line.startswith("summary "):
            summary = dict(kv.split("=", 1) for kv in line.split()[1:])
        elif line.startswith("  line-box ") and pages:
            m = re.search(r"y=([-\d.]+)", line)
            pages[-1].append({"y": float(m.group(1)), "last": line.endswith(" last") or " last " in line,
                              "text": ""})
        elif line.startswith("  text ") and pages and pages[-1]:
            # the text, then its glyph run in brackets
            m = re.search(r'"((?:[^"\\]|\\.)*)"(?: \[[^\]]*\])?$', line)
            if m:
                pages[-1][-1]["text"] += (" " if pages[-1][-1]["text"] else "") + m.group(1)
    return pages, summary


def find(pages, text):
    for p, lines in enumerate(pages):
        for i, ln in enumerate(lines):
            if text in ln["text"]:
                return p, i
    sys.exit(f"'{text}' is not in the layout")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd, pages, summary = sys.argv[1], *read(sys.argv[2])
    args = sys.argv[3:]
    if cmd == "summary":
        print(summary[args[0]])
    elif cmd == "page-of":
        print(find(pages, args[0])[0] + 1)
    elif cmd == "keeps":
        want = int(args[1]) if len(args) > 1 else 2
        p, i = find(pages, args[0])
        after = len(pages[p]) - i - 1
        later = sum(len(lines) for lines in pages[p + 1:])
        if after < want and later > 0:
            sys.exit(f"'{args[0]}' ends page {p + 1} with {after} line(s) after it")
    elif cmd == "together":
        p1, p2 = find(pages, args[0])[0], find(pages, args[1])[0]
        if p1 != p2:
            sys.exit(f"'{args[0]}' is on page {p1 + 1}, '{args[1]}' on page {p2 + 1}")
    elif cmd == "splits":
        want = int(args[0]) if args else 2
        run, bad = [], []
        for p, lines in enumerate(pages):
            for ln in lines:
                run.append(p)
                if ln["last"]:
                    for k in range(1, len(run)):
                        if run[k] != run[k - 1]:
                            before, after = k, len(run) - k
                            if before < want or after < want:
                                bad.append(f"page {run[k - 1] + 1}: {before} line(s) before the break, "
                                           f"{after} after ('{ln['text'][:40]}')")
                    run = []
        if bad:
            sys.exit("\n".join(bad))
    elif cmd == "foot":
        print(pages[int(args[0]) - 1][-1]["y"])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
