#!/usr/bin/env python3
"""Writes a long generated dossier for the structure tests.

usage: long_dossier.py OUTDIR [--chapters N] [--seed S]

OUTDIR/long.md gets a front matter with every cover field, chapters of
sections and subsections (so the contents runs over several pages),
paragraphs of ordinary words, footnotes on most pages (short ones, long
ones that must continue on the next page, one longer than a page, notes
referenced from table cells), internal links to other sections, external
links, tables, figures (PNG files written beside it) and the summary and
recommendations boxes. OUTDIR/manifest.json lists what pdfcheck.py needs
to check the PDF: the headings in order with their levels, the internal
links with the heading each should land on, and each footnote's number
with the words it starts with. The output depends only on the seed.
"""
import json
import os
import random
import re
import struct
import sys
import zlib

WORDS = """
election observers reported that the commission registered candidates late while
independent media faced pressure from regional authorities the court upheld the
sentence after a closed hearing and the ministry declined to publish statistics
civil society groups documented detentions at peaceful assemblies in several cities
journalists described threats and the prosecutor opened investigations that stalled
parliament adopted amendments restricting foreign funding for associations and
the ombudsman received complaints about conditions in pretrial detention facilities
donors supported legal aid clinics training for lawyers and monitoring of trials
the government announced reforms of the electoral code yet implementation lagged
international organisations urged accountability for abuses committed by officers
""".split()

TOPICS = ["Elections", "Media", "Assembly", "Judiciary", "Civil Society", "Labour Rights", "Detention",
          "Religious Freedom", "Minorities", "Gender Equality", "Digital Rights", "Anti-Corruption",
          "Local Government", "Migration", "Environment", "Education"]
ASPECTS = ["Legal Framework", "Recent Developments", "Cases Documented", "Actors and Institutions",
           "International Assessments", "Funding Landscape", "Outlook"]


def sentence(rng, n=None):
    n = n or rng.randint(9, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, sentences=None):
    return " ".join(sentence(rng) for _ in range(sentences or rng.randint(3, 6)))


def slug(title):
    s = title.lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def png(path, w, h, seed):
    """An 8-bit RGB PNG: a soft diagonal gradient in the house colours."""
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            t = (x + y) / (w + h)
            row += bytes([int(31 + 180 * t) % 256, int(58 + 120 * t) % 256, int(95 + 100 * (1 - t) + seed) % 256])
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def main(argv):
    out = argv[1]
    chapters = 28
    seed = 7
    if "--chapters" in argv:
        chapters = int(argv[argv.index("--chapters") + 1])
    if "--seed" in argv:
        seed = int(argv[argv.index("--seed") + 1])
    rng = random.Random(seed)
    os.makedirs(os.path.join(out, "img"), exist_ok=True)

    headings = []   # {title, level, slug}
    links = []      # {text, target_title}
    notes = []      # {number, start}
    defs = []
    md = []
    toc_depth = 2

    def heading(level, title):
        headings.append({"title": title, "level": level, "slug": slug(title)})
        md.append("#" * level + " " + title + "\n")

    def note(body_sentences=1, paragraphs=1):
        k = len(notes) + 1
        start = f"Note {k} source"
        text = start + " " + " ".join(sentence(rng) for _ in range(body_sentences))
        extra = ["    " + paragraph(rng, 4) for _ in range(paragraphs - 1)]
        notes.append({"number": k, "start": start})
        defs.append(f"[^n{k}]: {text}" + ("\n\n" + "\n\n".join(extra) if extra else ""))
        return f"[^n{k}]"

    md.append("---\n"
              "title: \"Long Test Dossier: Country Briefing\"\n"
              "subtitle: Generated chapters for the structure tests\n"
              "organization: Test Foundation\n"
              "author: Structure test generator\n"
              "date: \"2024\"\n"
              "version: \"3.1\"\n"
              "classification: Confidential — for donor use only\n"
              "keywords: [test, structure]\n"
              f"toc-depth: {toc_depth}\n"
              "---\n")
    md.append("```{summary}\n:title: Key findings\n\n" +
              "\n".join("- " + sentence(rng) for _ in range(4)) + "\n```\n")

    figure = 0
    for ch in range(1, chapters + 1):
        topic = TOPICS[(ch - 1) % len(TOPICS)]
        heading(1, f"{ch}. {topic} in Review")
        md.append(paragraph(rng) + note() + " " + paragraph(rng, 2) + "\n")
        for sec in range(1, 6):
            aspect = ASPECTS[(ch + sec) % len(ASPECTS)]
            heading(2, f"{ch}.{sec} {aspect} of {topic}")
            for _ in range(rng.randint(2, 4)):
                p = paragraph(rng)
                if rng.random() < 0.6:
                    p += note(rng.randint(1, 3))
                if rng.random() < 0.3 and len(headings) > 3:
                    target = rng.choice(headings[:-1])
                    text = target["title"]
                    links.append({"text": text, "target_title": text})
                    p += f" See [{text}](#{target['slug']})."
                md.append(p + "\n")
            if sec == 2:
                heading(3, f"{ch}.{sec}.1 Details on {topic}")
                md.append(paragraph(rng) + note() + "\n")
            if sec == 3 and ch % 2 == 0:
                # a table whose cells reference notes
                md.append("| Date | Case | Outcome |\n|:---|:---|:---|")
                for r in range(4):
                    md.append(f"| {r + 1} March | {sentence(rng, 5)}{note()} | {sentence(rng, 6)} |")
                md.append("")
            if sec == 4 and ch % 3 == 1:
                figure += 1
                name = f"img/figure{figure}.png"
                png(os.path.join(out, name), 240, 120, figure)
                md.append(f"![Observed trend number {figure}]({name})\n")
            if sec == 5 and ch == 3:
                # a long note that must continue on the next page
                md.append(paragraph(rng) + note(4, 6) + " " + paragraph(rng) + "\n")
            if sec == 5 and ch == 6:
                # a note longer than a whole page
                md.append(paragraph(rng) + note(4, 16) + "\n")
            if sec == 1 and ch % 4 == 0:
                md.append(f"More at [the observers' site](https://example.org/reports/{ch}).\n")
    heading(1, "Recommendations for the Foundation")
    md.append("```{recommendations}\n" + "\n".join(f"{i}. {sentence(rng)}" for i in range(1, 6)) + "\n```\n")
    md.append("\n".join(defs) + "\n")

    with open(os.path.join(out, "long.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    manifest = {"headings": headings, "links": links, "notes": notes, "toc_depth": toc_depth}
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
