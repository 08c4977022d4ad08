#!/usr/bin/env python3
"""Compares the glyph runs of a --dump=layout with hb-shape's.

usage: shape_check.py DUMP FONTMAP LANG

FONTMAP has one "psname<TAB>file" a line. Each text item of the dump
("text x y PSNAME SIZE COLOR "STR" [rtl gid/cluster/advance@dx,dy ...]")
is cut at spaces into words, as dossier shapes them; each word goes
through hb-shape with the item's font, direction and the document's
language, with kerning off on digits and the character before each (the
rule that keeps figures tabular), and must give the same glyph ids,
clusters, advances and offsets, in the same (visual) order. Prints what
it compared; exits 1 on any difference.
"""
import json
import re
import struct
import subprocess
import sys

ITEM = re.compile(r'^  text \S+ \S+ (\S+) (\S+) \S+(?: angle=\S+)? "((?:[^"\\]|\\.)*)" \[(rtl )?([^\]]*)\]$')


def unescape(s):
    out = bytearray()
    i = 0
    b = s.encode("utf-8")
    while i < len(b):
        if b[i:i + 1] == b"\\":
            if b[i + 1:i + 2] == b"x":
                out.append(int(b[i + 2:i + 4], 16))
                i += 4
            else:
                out += b[i + 1:i + 2]
                i += 2
        else:
            out += b[i:i + 1]
            i += 1
    return bytes(out)


def upem(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"ttcf":
        data_off = struct.unpack(">I", data[12:16])[0]
    else:
        data_off = 0
    n = struct.unpack(">H", data[data_off + 4:data_off + 6])[0]
    for k in range(n):
        rec = data_off + 12 + 16 * k
        tag, _, off, _ = struct.unpack(">4sIII", data[rec:rec + 16])
        if tag == b"head":
            return struct.unpack(">H", data[off + 18:off + 20])[0]
    raise SystemExit("%s: no head table" % path)


def kern_ranges(word):
    """kern off on each digit and the character before it (byte ranges)."""
    feats = ["kern"]
    prev = 0
    i = 0
    while i < len(word):
        n = 1
        while i + n < len(word) and (word[i + n] & 0xC0) == 0x80:
            n += 1
        if 0x30 <= word[i] <= 0x39:
            feats.append("kern[%d:%d]=0" % (prev, i + n))
        prev = i
        i += n
    return ",".join(feats)


def hb_shape(font, word, rtl, lang):
    cmd = ["hb-shape", "--output-format=json", "--no-glyph-names", "--utf8-clusters",
           "--direction=" + ("rtl" if rtl else "ltr"), "--language=" + lang,
           "--features=" + kern_ranges(word), font, word.decode("utf-8")]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def words(text):
    """(start, end) byte ranges of the words and runs of spaces."""
    out = []
    i = 0
    while i < len(text):
        j = i
        sp = text[i] == 0x20
        while j < len(text) and (text[j] == 0x20) == sp:
            j += 1
        out.append((i, j))
        i = j
    return out


def main():
    dump, fontmap, lang = sys.argv[1:4]
    fonts = {}
    for line in open(fontmap, encoding="utf-8"):
        ps, _, path = line.rstrip("\n").partition("\t")
        fonts.setdefault(ps, path)
    bad = 0
    compared = 0
    for line in open(dump, encoding="utf-8"):
        m = ITEM.match(line.rstrip("\n"))
        if not m:
            continue
        ps, size, text, rtl, glyphs = m.group(1), float(m.group(2)), unescape(m.group(3)), bool(m.group(4)), m.group(5)
        if ps not in fonts:
            print("no file for font %s" % ps)
            bad += 1
            continue
        ours = []
        for g in glyphs.split():
            gid, cl, rest = g.split("/")
            adv, _, off = rest.partition("@")
            dx, dy = (float(v) for v in off.split(",")) if off else (0.0, 0.0)
            ours.append((int(gid), int(cl), float(adv), dx, dy))
        scale = size / upem(fonts[ps])
        # each word's glyphs: those whose cluster lies in it (visual order kept)
        for start, end in words(text):
            mine = [g for g in ours if start <= g[1] < end]
            ref = hb_shape(fonts[ps], text[start:end], rtl, lang)
            theirs = [(r["g"], r["cl"] + start, r["ax"] * scale, r["dx"] * scale, r["dy"] * scale) for r in ref]
            word = text[start:end].decode("utf-8")
            same = len(mine) == len(theirs) and all(
                a[0] == b[0] and a[1] == b[1] and abs(a[2] - b[2]) < 0.006 and abs(a[3] - b[3]) < 0.006 and
                abs(a[4] - b[4]) < 0.006 for a, b in zip(mine, theirs))
            compared += len(theirs)
            if not same:
                bad += 1
                print("DIFFERS %s %r %s:\n  dossier  %s\n  hb-shape %s" % (
                    ps, word, "rtl" if rtl else "ltr",
                    " ".join("%d/%d/%.2f" % g[:3] for g in mine),
                    " ".join("%d/%d/%.2f" % g[:3] for g in theirs)))
    print("%d glyphs compared with hb-shape, %d words differ" % (compared, bad))
    return 1 if bad or compared == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
