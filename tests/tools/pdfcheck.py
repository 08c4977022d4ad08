#!/usr/bin/env python3
"""Reads a dossier's PDF with standard tools and checks its structure.

usage: pdfcheck.py PDF CHECK... [--manifest FILE]

The PDF is read with `qpdf --json=2` (objects, pages, outline, page
labels, annotations) and `pdftotext -bbox` (every word with its box on
its page, the same text `pdftotext -f N -l N` prints). Checks:

  labels=F       pages 1..F are labelled i, ii, ... and the body from
                 page F+1 is labelled 1, 2, ... (F=0: arabic from page 1);
                 labels=auto takes F from the first bookmark's page
  front>=N       at least N pages come before the body (cover, contents)
  contents       every entry of the table of contents (a line ending in
                 dot leaders and a number) names a heading that stands on
                 the body page of that number, and its link jumps there
  outline        every bookmark's title stands on its target page, at
                 its target position
  links          every internal link jumps to a page that exists; a link
                 whose text is a heading's title lands on that heading;
                 a footnote mark (a link whose text is a number) lands on
                 its note, on the same page
  footnotes      notes are numbered 1, 2, ... in reading order, each on
                 the page of its first reference
  info:KEY=VAL   the document information KEY (Title, Author, ...) is VAL
  text:N=STRING  page N (from 1) shows STRING
  uri=URL        a link annotation opens URL
  area:URL=TEXT  the link areas that open URL cover exactly TEXT
  no-uri=PREFIX  no link annotation opens a URL starting with PREFIX
  pages>=N       the PDF has at least N pages

With --manifest (written by long_dossier.py): the outline equals the
manifest's heading tree, every manifest link lands on its heading, and
every footnote's first words stand on the page of its reference.
Prints one line per failed check and exits 1 when any failed.
"""
import html
import json
import re
import subprocess
import sys

WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def norm(s):
    return " ".join(s.replace("\u00ad", "").split())


def to_int(v):
    if isinstance(v, (int, float)):
        return v
    return float(v)


class Pdf:
    def __init__(self, path):
        self.path = path
        out = subprocess.run(["qpdf", "--json=2", path], check=True, capture_output=True).stdout
        j = json.loads(out)
        self.objects = {}
        for key, val in j["qpdf"][1].items():
            if key.startswith("obj:"):
                self.objects[key[4:]] = val.get("value", val.get("stream", {}).get("dict"))
        self.page_refs = [p["object"] for p in j["pages"]]
        self.page_index = {ref: i for i, ref in enumerate(self.page_refs)}
        self.labels = j["pagelabels"]
        self.outline = j["outlines"]
        self.trailer = j["qpdf"][1].get("trailer", {}).get("value", {})
        self.heights = []
        self.words = []  # per page: (x0, y0, x1, y1, text), y from the top
        bbox = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True, capture_output=True).stdout
        for chunk in bbox.decode("utf-8").split("<page ")[1:]:
            m = PAGE_RE.match("<page " + chunk)
            self.heights.append(float(m.group(2)))
            ws = []
            for w in WORD_RE.finditer(chunk):
                ws.append((float(w.group(1)), float(w.group(2)), float(w.group(3)), float(w.group(4)),
                           html.unescape(w.group(5))))
            self.words.append(ws)
        self.annots = self._annotations()

    def obj(self, ref):
        return self.objects.get(ref.replace(" R", "").strip() + " R", self.objects.get(ref))

    def deref(self, v):
        if isinstance(v, str) and v.endswith(" R"):
            return self.objects.get(v)
        return v

    def _annotations(self):
        res = []
        for i, ref in enumerate(self.page_refs):
            page = self.objects[ref]
            for a in self.deref(page.get("/Annots", [])) or []:
                ad = self.deref(a)
                if ad.get("/Subtype") != "/Link":
                    continue
                rect = [to_int(x) for x in ad["/Rect"]]
                h = self.heights[i]
                box = (min(rect[0], rect[2]), h - max(rect[1], rect[3]), max(rect[0], rect[2]),
                       h - min(rect[1], rect[3]))
                entry = {"page": i, "box": box, "uri": None, "dest": None}
                action = self.deref(ad.get("/A"))
                dest = ad.get("/Dest")
                if action and action.get("/S") == "/URI":
                    entry["uri"] = pdf_string(action["/URI"])
                elif action and action.get("/S") == "/GoTo":
                    dest = action.get("/D")
                if dest is not None:
                    dest = self.deref(dest)
                    entry["dest"] = (self.page_index.get(dest[0], -1),
                                     self.heights[self.page_index.get(dest[0], 0)] - to_int(dest[3])
                                     if len(dest) > 3 and dest[3] is not None else 0.0)
                entry["text"] = self.text_in(i, box)
                res.append(entry)
        return res

    def text_in(self, page, box):
        """The words whose centre lies inside a box, in reading order."""
        x0, y0, x1, y1 = box
        out = []
        for w in self.words[page]:
            cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
            if x0 - 0.5 <= cx <= x1 + 0.5 and y0 - 0.5 <= cy <= y1 + 0.5:
                out.append(w)
        out.sort(key=lambda w: (round(w[3]), w[0]))
        return norm(" ".join(w[4] for w in out))

    def lines(self, page):
        """Words grouped into lines by their baseline."""
        rows = []
        for w in sorted(self.words[page], key=lambda w: (w[3], w[0])):
            if rows and abs(rows[-1][0] - w[3]) < 2.0:
                rows[-1][1].append(w)
            else:
                rows.append([w[3], [w]])
        return [(y, sorted(ws, key=lambda w: w[0])) for y, ws in rows]

    def page_text(self, page, body_only=False):
        """The page's words in reading order; body_only leaves out the
        running heads and feet (the top and bottom 8% of the sheet)."""
        h = self.heights[page]
        return norm(" ".join(" ".join(w[4] for w in ws) for y, ws in self.lines(page)
                             if not body_only or 0.08 * h <= y <= 0.92 * h))

    def shows_at(self, page, title, y, below=60.0):
        """Whether the title stands on the page starting within `below`
        points under y (a destination's top)."""
        lines = [(ly, ws) for ly, ws in self.lines(page) if y - 2 <= ly <= y + below + 200]
        text = ""
        for ly, ws in lines:
            if ly > y + below and not text:
                break
            text = norm(text + " " + " ".join(w[4] for w in ws))
            if norm(title) in dehyphen(text):
                return True
            if len(text) > len(title) + 200:
                break
        # the title may start on any line within reach: try each start
        for k in range(len(lines)):
            if lines[k][0] > y + below:
                break
            t = ""
            for ly, ws in lines[k:k + 4]:
                t = norm(t + " " + " ".join(w[4] for w in ws))
                if norm(title) in dehyphen(t):
                    return True
        return False

    def label(self, page):
        """The page label the viewer shows for a physical page (0-based)."""
        rng = None
        for entry in self.labels:
            if entry["index"] <= page:
                rng = entry
        if rng is None:
            return str(page + 1)
        style = rng["label"].get("/S")
        n = rng["label"].get("/St", 1) + page - rng["index"]
        if style == "/r":
            return roman(n)
        if style == "/R":
            return roman(n).upper()
        return str(n)

    def info(self):
        ref = self.trailer.get("/Info")
        d = self.deref(ref) or {}
        return {k[1:]: pdf_string(v) for k, v in d.items() if isinstance(v, str)}


def dehyphen(s):
    return s


def pdf_string(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return v


def roman(n):
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
            (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


class Checker:
    def __init__(self, pdf, manifest):
        self.pdf = pdf
        self.m = manifest
        self.failures = []
        self.counts = {}

    def fail(self, msg):
        self.failures.append(msg)

    # -- page labels ------------------------------------------------------
    def labels(self, front):
        p = self.pdf
        n = len(p.words)
        for i in range(n):
            want = roman(i + 1) if i < front else str(i - front + 1)
            got = p.label(i)
            if got != want:
                self.fail(f"labels: page {i + 1} is labelled '{got}', expected '{want}'")
                return
        self.counts["labels"] = n

    def body_start(self):
        for i in range(len(self.pdf.words)):
            if self.pdf.label(i) == "1":
                return i
        return 0

    # -- the table of contents ---------------------------------------------
    def toc_entries(self):
        """(title, number, page, y) for every entry of the contents."""
        p = self.pdf
        start = self.body_start()
        entries = []
        for page in range(start):
            pending = []
            h = p.heights[page]
            for y, ws in p.lines(page):
                if y < 0.08 * h or y > 0.92 * h:
                    continue  # running heads and page numbers
                texts = [w[4] for w in ws]
                # leader dots come out as '.' words, or runs of them
                if len(texts) >= 2 and re.fullmatch(r"[ivxlc]+|\d+", texts[-1]) and \
                        re.fullmatch(r"\.+", texts[-2]):
                    title_words = [t for t in texts[:-1] if not re.fullmatch(r"\.+", t)]
                    title = norm(" ".join(pending + title_words))
                    entries.append((title, texts[-1], page, y))
                    pending = []
                elif max(w[3] - w[1] for w in ws) > 15:
                    pending = []  # a title in large type, not an entry
                else:
                    pending = pending + texts  # a title wrapped onto two lines
        return entries

    def contents(self):
        p = self.pdf
        start = self.body_start()
        entries = self.toc_entries()
        if not entries:
            self.fail("contents: no entries found before the body")
            return
        toc_links = [a for a in p.annots if a["page"] < start and a["dest"] is not None]
        for title, number, page, y in entries:
            if not number.isdigit():
                self.fail(f"contents: '{title}' has page '{number}', not a body page")
                continue
            target = start + int(number) - 1
            if target >= len(p.words):
                self.fail(f"contents: '{title}' gives page {number}, past the end")
                continue
            if norm(title) not in p.page_text(target, body_only=True):
                self.fail(f"contents: '{title}' gives page {number}, but page {number} "
                          f"(sheet {target + 1}) does not show it")
                continue
            # the entry's link: the annotation on its line
            mine = [a for a in toc_links if a["page"] == page and a["box"][1] - 1 <= y <= a["box"][3] + 1]
            if not mine:
                self.fail(f"contents: the entry '{title}' is not a link")
                continue
            dests = {a["dest"][0] for a in mine}
            if dests != {target}:
                self.fail(f"contents: the link of '{title}' jumps to sheet(s) "
                          f"{sorted(d + 1 for d in dests)}, the entry says sheet {target + 1}")
                continue
            a = mine[0]
            if not p.shows_at(target, title, a["dest"][1]):
                self.fail(f"contents: the link of '{title}' lands on page {number} at y={a['dest'][1]:.0f}, "
                          f"where the heading is not")
        if self.m:
            want = [h["title"] for h in self.m["headings"] if h["level"] <= self.m.get("toc_depth", 2)
                    and h.get("in_toc", True)]
            got = [e[0] for e in entries]
            if got != want:
                for k, (g, w) in enumerate(zip(got, want)):
                    if g != w:
                        self.fail(f"contents: entry {k + 1} is '{g}', expected '{w}'")
                        break
                else:
                    self.fail(f"contents: {len(got)} entries, expected {len(want)}")
        self.counts["contents entries"] = len(entries)

    # -- the outline -------------------------------------------------------
    def flat_outline(self):
        out = []
        stack = [(self.pdf.outline, 1)]
        # iterative walk, depth first in order
        work = [(e, 1) for e in reversed(self.pdf.outline)]
        while work:
            e, level = work.pop()
            out.append((e["title"], level, e))
            for k in reversed(e.get("kids", [])):
                work.append((k, level + 1))
        del stack
        return out

    def outline(self):
        p = self.pdf
        flat = self.flat_outline()
        if not flat:
            self.fail("outline: the PDF has no bookmarks")
            return
        last_page = -1
        for title, level, e in flat:
            dest = e.get("dest")
            if not dest:
                self.fail(f"outline: '{title}' has no destination")
                continue
            page = p.page_index.get(dest[0], -1)
            if page < 0:
                self.fail(f"outline: '{title}' points at no page")
                continue
            y = p.heights[page] - to_int(dest[3]) if dest[3] is not None else 0
            if not p.shows_at(page, title, y):
                self.fail(f"outline: '{title}' jumps to sheet {page + 1} at y={y:.0f}, where it is not shown")
            if page < last_page:
                self.fail(f"outline: '{title}' (sheet {page + 1}) comes after a bookmark to sheet {last_page + 1}")
            last_page = page
        if self.m:
            want = [(h["title"], h["level"]) for h in self.m["headings"] if h.get("in_outline", True)]
            got = [(t, lv) for t, lv, _ in flat if t != self.m.get("toc_title", "Contents")]
            # a skipped heading level nests one step deeper, not two
            want_levels = []
            stack = []
            for t, lv in want:
                while stack and stack[-1] >= lv:
                    stack.pop()
                stack.append(lv)
                want_levels.append((t, len(stack)))
            if got != want_levels:
                for k, (g, w) in enumerate(zip(got, want_levels)):
                    if g != w:
                        self.fail(f"outline: bookmark {k + 1} is {g}, expected {w}")
                        break
                else:
                    self.fail(f"outline: {len(got)} bookmarks, expected {len(want_levels)}")
        self.counts["bookmarks"] = len(flat)

    # -- links -------------------------------------------------------------
    def links(self):
        p = self.pdf
        headings = {norm(h["title"]) for h in self.m["headings"]} if self.m else set()
        n = 0
        marks_seen = set()
        for a in p.annots:
            if a["dest"] is None:
                continue
            n += 1
            page, y = a["dest"]
            if page < 0 or page >= len(p.words):
                self.fail(f"links: a link on sheet {a['page'] + 1} ('{a['text']}') jumps to no page")
                continue
            text = a["text"]
            if re.fullmatch(r"\d+", text):
                # a footnote mark: its note starts at the destination, on
                # this page for its first reference (a later one refers back)
                first = text not in marks_seen
                marks_seen.add(text)
                if first and page != a["page"]:
                    self.fail(f"links: footnote mark {text} on sheet {a['page'] + 1} jumps to sheet {page + 1}")
                    continue
                if not self.note_starts_at(page, text, y):
                    self.fail(f"links: footnote mark {text} on sheet {page + 1} lands where note {text} is not")
            elif norm(text) in headings:
                if not p.shows_at(page, text, y):
                    self.fail(f"links: '{text}' on sheet {a['page'] + 1} jumps to sheet {page + 1}, "
                              f"where that heading is not")
        if self.m:
            # a link broken across lines has one area per line: join
            # neighbouring areas that jump to the same place
            groups = []
            for a in p.annots:
                if a["dest"] is None or a["page"] < self.body_start():
                    continue
                if groups and groups[-1]["page"] == a["page"] and groups[-1]["dest"] == a["dest"]:
                    groups[-1]["text"] = norm(groups[-1]["text"] + " " + a["text"])
                else:
                    groups.append(dict(a))
            for link in self.m.get("links", []):
                # a word's box takes the punctuation after it along
                mine = [g for g in groups if norm(g["text"]).rstrip(".,;:") == norm(link["text"])]
                if not mine:
                    self.fail(f"links: the link '{link['text']}' has no link area")
                    continue
                for g in mine:
                    if not p.shows_at(g["dest"][0], link["target_title"], g["dest"][1]):
                        self.fail(f"links: '{link['text']}' on sheet {g['page'] + 1} does not land on "
                                  f"'{link['target_title']}'")
        self.counts["internal links"] = n

    def note_starts_at(self, page, number, y):
        for ly, ws in self.pdf.lines(page):
            if y - 2 <= ly <= y + 25 and ws and ws[0][4] == number:
                return True
        return False

    # -- footnotes -----------------------------------------------------------
    def footnotes(self):
        p = self.pdf
        marks = [a for a in p.annots if a["dest"] is not None and re.fullmatch(r"\d+", a["text"])]
        seen = []
        for a in sorted(marks, key=lambda a: (a["page"], a["box"][1])):
            seen.append(int(a["text"]))
        firsts = []
        for n in seen:
            if n not in firsts:
                firsts.append(n)
        # in reading order, first references run 1, 2, 3 ... (table cells
        # may interleave with the text beside them on one line, so compare
        # as a set and by page)
        if firsts and sorted(firsts) != list(range(1, max(firsts) + 1)):
            missing = sorted(set(range(1, max(firsts) + 1)) - set(firsts))
            self.fail(f"footnotes: note marks missing for numbers {missing[:10]}")
        if self.m:
            for note in self.m.get("notes", []):
                ref_pages = [a["page"] for a in marks if a["text"] == str(note["number"])]
                if not ref_pages:
                    self.fail(f"footnotes: no mark for note {note['number']}")
                    continue
                page = ref_pages[0]
                if norm(note["start"]) not in p.page_text(page):
                    self.fail(f"footnotes: note {note['number']} ('{note['start']}') is not on sheet {page + 1}, "
                              f"the page of its reference")
        self.counts["footnote marks"] = len(marks)

    # -- the rest ----------------------------------------------------------
    def info(self, key, value):
        got = self.pdf.info().get(key)
        if got != value:
            self.fail(f"info: {key} is {got!r}, expected {value!r}")

    def text(self, page, s):
        if page < 1 or page > len(self.pdf.words):
            self.fail(f"text: no page {page}")
        else:
            # as `pdftotext -f N -l N` prints it (it joins letter-spaced
            # characters into words, which -bbox leaves apart)
            out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), self.pdf.path, "-"],
                                 check=True, capture_output=True).stdout.decode("utf-8")
            if norm(s) not in norm(out):
                self.fail(f"text: page {page} does not show '{s}'")

    def uri(self, url, present=True):
        uris = [a["uri"] for a in self.pdf.annots if a["uri"]]
        if present and url not in uris:
            self.fail(f"uri: no link opens {url} (links: {uris[:5]})")
        if not present and any(u.startswith(url) for u in uris):
            self.fail(f"uri: a link opens {url}")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    manifest = None
    args = []
    k = 1
    while k < len(argv):
        if argv[k] == "--manifest":
            manifest = json.load(open(argv[k + 1], encoding="utf-8"))
            k += 2
        else:
            args.append(argv[k])
            k += 1
    pdf = Pdf(args[0])
    c = Checker(pdf, manifest)
    for check in args[1:]:
        if check == "labels=auto":
            flat = c.flat_outline()
            front = pdf.page_index.get(flat[0][2]["dest"][0], 0) if flat else 0
            c.labels(front)
        elif check.startswith("labels="):
            c.labels(int(check[7:]))
        elif check.startswith("front>="):
            if c.body_start() < int(check[7:]):
                c.fail(f"front: {c.body_start()} pages before the body, expected at least {check[7:]}")
        elif check.startswith("area:"):
            url, _, text = check[5:].partition("=")
            got = norm(" ".join(a["text"] for a in pdf.annots if a["uri"] == url))
            # pdftotext may cut a word at a dot ("www." "example.com")
            if got.replace(" ", "") != norm(text).replace(" ", ""):
                c.fail(f"area: the links to {url} cover '{got}', expected '{text}'")
        elif check == "contents":
            c.contents()
        elif check == "outline":
            c.outline()
        elif check == "links":
            c.links()
        elif check == "footnotes":
            c.footnotes()
        elif check.startswith("info:"):
            key, _, val = check[5:].partition("=")
            c.info(key, val)
        elif check.startswith("text:"):
            page, _, s = check[5:].partition("=")
            c.text(int(page), s)
        elif check.startswith("uri="):
            c.uri(check[4:])
        elif check.startswith("no-uri="):
            c.uri(check[7:], present=False)
        elif check.startswith("pages>="):
            if len(pdf.words) < int(check[7:]):
                c.fail(f"pages: {len(pdf.words)} pages, expected at least {check[7:]}")
        elif check == "dump":
            print(json.dumps({"labels": [pdf.label(i) for i in range(len(pdf.words))],
                              "outline": [(t, lv) for t, lv, _ in c.flat_outline()],
                              "annots": pdf.annots, "toc": c.toc_entries(), "info": pdf.info()},
                             indent=1, ensure_ascii=False))
        else:
            print(f"unknown check '{check}'")
            return 2
    for f in c.failures:
        print("FAIL " + f)
    if not c.failures:
        print("ok " + ", ".join(f"{v} {k}" for k, v in c.counts.items()))
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
