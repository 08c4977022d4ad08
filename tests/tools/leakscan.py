#!/usr/bin/env python3
"""Searches a PDF, written uncompressed by `qpdf --qdf --object-streams=disable`,
and its pdftotext text for names, in every encoding a PDF can hold text in.

usage: leakscan.py none|all QDF.pdf TEXT.txt NAME...

Each name is looked for, without regard to case, with endings on its words
and any run of spaces, line breaks or hyphens between them, in:
  - the file's bytes as UTF-8 and as UTF-16BE (both byte alignments),
  - every literal string (escapes decoded) and hex string, as UTF-8, Latin-1
    and UTF-16BE (with or without a byte order mark),
  - every name (#xx decoded),
  - the pdftotext text.
`none` exits 1 listing each name found and where; `all` exits 1 listing
each name found nowhere.
"""
import re
import sys


def literal_strings(data):
    out = []
    i, n = 0, len(data)
    while i < n:
        if data[i:i + 1] != b"(":
            # skip to the next '(' that is not inside a hex string or comment
            j = data.find(b"(", i)
            if j < 0:
                break
            i = j
            continue
        depth, i, buf = 1, i + 1, bytearray()
        while i < n and depth:
            c = data[i]
            i += 1
            if c == 0x5C and i < n:  # backslash
                e = data[i]
                i += 1
                if e in b"01234567":
                    v = e - 0x30
                    for _ in range(2):
                        if i < n and data[i] in b"01234567":
                            v = v * 8 + data[i] - 0x30
                            i += 1
                    buf.append(v & 0xFF)
                elif e in b"\r\n":
                    if e == 0x0D and i < n and data[i] == 0x0A:
                        i += 1
                else:
                    buf.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(e, e))
                continue
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if not depth:
                    break
            buf.append(c)
        out.append(bytes(buf))
    return out


def hex_strings(data):
    out = []
    for m in re.finditer(rb"(?<!<)<([0-9A-Fa-f\s]*)>(?!>)", data):
        h = re.sub(rb"\s", b"", m.group(1))
        if len(h) % 2:
            h += b"0"
        out.append(bytes.fromhex(h.decode()))
    return out


def names(data):
    return [re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), m.group(1))
            for m in re.finditer(rb"/([^\s/\[\]()<>{}%]+)", data)]


def decodings(b):
    yield b.decode("utf-8", "replace")
    yield b.decode("latin-1")
    for shift in (0, 1):
        part = b[shift:]
        yield part[:len(part) // 2 * 2].decode("utf-16-be", "replace")


def pattern(name):
    words = [re.escape(w) for w in re.split(r"[\s\-]+", name.strip()) if w]
    # each word may carry an ending ("Omarov's", "Омарова"), as the compiler matches
    return re.compile(r"\w*[\s\-\u00ad]*".join(words), re.IGNORECASE)


def main():
    mode, qdf, text = sys.argv[1], sys.argv[2], sys.argv[3]
    wanted = sys.argv[4:]
    data = open(qdf, "rb").read()
    places = [("the file's bytes", d) for d in decodings(data)]
    for s in literal_strings(data):
        places += [("a literal string", d) for d in decodings(s)]
    for s in hex_strings(data):
        places += [("a hex string", d) for d in decodings(s)]
    places += [("a name", s.decode("utf-8", "replace")) for s in names(data)]
    places.append(("the text (pdftotext)", open(text, encoding="utf-8").read()))
    bad = 0
    for name in wanted:
        pat = pattern(name)
        found = sorted({where for where, d in places if pat.search(d)})
        if mode == "none" and found:
            print(f"'{name}' found in: {', '.join(found)}")
            bad += 1
        elif mode == "all" and not found:
            print(f"'{name}' found nowhere")
            bad += 1
    sys.exit(1 if bad else 0)


main()
