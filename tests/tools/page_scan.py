#!/usr/bin/env python3
"""Page-breaking scans for the typography tests: small documents where a
paragraph, a list or a heading is pushed down the page one filler line at a
time, so that every case meets the page's foot somewhere, each checked from
the layout dump (see layout_check.py):

- widows and orphans: a paragraph broken across pages keeps two lines on
  each side, and the page it leaves is still full to within two lines
  (lines move; pages neither overfill nor empty out);
- break-inside: avoid: list items of up to seven lines never break, a
  sixteen-line item does, and then fills its page;
- keeps: a heading stays with two lines of what follows, whether that is a
  paragraph, a list, a table or a quotation.

usage: page_scan.py DOSSIER SCAN...   (SCAN: widows, avoid, keeps)
Prints one line per failure and a count; exits 1 on any failure.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from layout_check import read  # noqa: E402

SENTENCE = "Words of a sentence that runs on for a while so that the text fills its lines evenly. "
TAIL = [f"Tail paragraph {k}." for k in range(30)]


def fillers(n, extra):
    out = [f"Filler paragraph number {k}." for k in range(n)]
    if extra:
        out.append("A longer paragraph that takes more than one line so that what follows falls at other heights "
                   * extra)
    return out


class Scan:
    def __init__(self, dossier, folder):
        self.dossier, self.folder = dossier, folder
        self.failures, self.runs = [], 0

    def layout(self, blocks):
        src = os.path.join(self.folder, "doc.md")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n\n".join(blocks) + "\n")
        dump = os.path.join(self.folder, "doc.dump")
        with open(dump, "w", encoding="utf-8") as out:
            r = subprocess.run([self.dossier, "--dump=layout", src], stdout=out, stderr=subprocess.PIPE, text=True)
        self.runs += 1
        if r.returncode != 0 or r.stderr:
            self.fail(f"dossier failed or complained: {r.stderr.strip()}")
        return read(dump)

    def fail(self, what):
        self.failures.append(what)

    def full_page(self):
        """The baseline of a full page's last line, from filler lines alone."""
        pages, _ = self.layout(fillers(60, 0))
        return pages[0][-1]["y"]


def page_of(pages, text):
    for p, lines in enumerate(pages):
        for ln in lines:
            if text in ln["text"]:
                return p
    return None


def split_paragraphs(pages, want=2):
    """Paragraphs broken across pages with fewer than `want` lines on a side."""
    bad, run = [], []
    for p, lines in enumerate(pages):
        for ln in lines:
            run.append(p)
            if ln["last"]:
                for k in range(1, len(run)):
                    if run[k] != run[k - 1] and (k < want or len(run) - k < want):
                        bad.append(f"{k}+{len(run) - k} lines across pages {run[k - 1] + 1}-{run[k] + 1}")
                run = []
    return bad


def check_page(scan, pages, summary, where, full, slack):
    for b in split_paragraphs(pages):
        scan.fail(f"{where}: {b}")
    for key in ("overfull", "widows", "orphans", "headings-at-foot"):
        if summary.get(key) != "0":
            scan.fail(f"{where}: summary says {key}={summary.get(key)}")
    if len(pages) > 1 and pages[0][-1]["y"] < full - slack:
        scan.fail(f"{where}: page 1 ends {full - pages[0][-1]['y']:.1f} pt short of a full page")


def widows(scan, full):
    line = 14.91
    for size in (4, 5, 7, 12):
        for extra in (0, 1):
            for n in range(26, 37):
                blocks = fillers(n, extra) + ["START " + SENTENCE * size + "END", "After the paragraph."] + TAIL
                pages, summary = scan.layout(blocks)
                where = f"widows: {size}-line paragraph after {n} fillers (+{extra})"
                # moving one line for a widow, or an orphan and its margin
                check_page(scan, pages, summary, where, full, 2 * line + 0.5)


def avoid(scan, full):
    line = 14.91
    for size in (3, 5, 7, 16):
        for extra in (0, 1):
            for n in range(26, 37):
                items = "\n".join(f"- ITEM{i} " + SENTENCE * size + f" DONE{i}" for i in range(4))
                pages, summary = scan.layout(fillers(n, extra) + [items, "After the list."] + TAIL)
                where = f"avoid: {size}-line items after {n} fillers (+{extra})"
                if size <= 7:
                    for i in range(4):
                        if page_of(pages, f"ITEM{i}") != page_of(pages, f"DONE{i}"):
                            scan.fail(f"{where}: item {i} is broken across pages")
                    check_page(scan, pages, summary, where, full, (size + 1) * line + 6)
                else:
                    broken = any(page_of(pages, f"ITEM{i}") != page_of(pages, f"DONE{i}") for i in range(4))
                    if page_of(pages, "ITEM0") == 0 and not broken:
                        scan.fail(f"{where}: no long item is broken: they are not kept whole")
                    check_page(scan, pages, summary, where, full, 2 * line + 0.5)


FOLLOWERS = {
    "paragraph": ("First line of the paragraph that follows the heading, long enough to run onto a second "
                  "line of text in the column for sure. " * 2, "First line of the"),
    "list": ("- First item, one line.\n- Second item, one line.\n- Third item, one line.", "Second item"),
    "table": ("| Date | Event |\n| --- | --- |\n| 2023 | First row text |\n| 2024 | Second row text |",
              "First row text"),
    "quotation": ("> First quoted line that is long enough to fill one line of text in the column of this page "
                  "and more.\n> Second sentence of the quotation.", "quotation."),
}


def keeps(scan, full):
    for kind, (block, second) in FOLLOWERS.items():
        for extra in (0, 1, 2, 3):
            for n in range(29, 36):
                pages, summary = scan.layout(fillers(n, extra) + ["## Keep me with what follows", block,
                                                                  "Closing paragraph."] + TAIL)
                where = f"keeps: heading and {kind} after {n} fillers (+{extra})"
                p = page_of(pages, "Keep me")
                i = next(k for k, ln in enumerate(pages[p]) if "Keep me" in ln["text"])
                # (table rows are no line boxes in the dump: their first
                # row's text is what shows they came along)
                if kind != "table" and len(pages[p]) - i - 1 < 2:
                    scan.fail(f"{where}: the heading ends page {p + 1}")
                if page_of(pages, second) != p:
                    scan.fail(f"{where}: '{second}' is not on the heading's page")
                # a heading moves with its lines: at most itself, its margins
                # and two lines of space at the foot
                check_page(scan, pages, summary, where, full, 5 * 14.91 + 30)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    scans = {"widows": widows, "avoid": avoid, "keeps": keeps}
    with tempfile.TemporaryDirectory() as folder:
        scan = Scan(sys.argv[1], folder)
        full = scan.full_page()
        for name in sys.argv[2:]:
            scans[name](scan, full)
    for f in scan.failures:
        print("FAIL " + f)
    print(f"{scan.runs} layouts, {len(scan.failures)} failures")
    sys.exit(1 if scan.failures else 0)


if __name__ == "__main__":
    main()
