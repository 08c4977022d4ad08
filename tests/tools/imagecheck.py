#!/usr/bin/env python3
"""Compares the images a PDF carries with the pattern mkimages.c drew.

usage: imagecheck.py PDF NAME...

NAME is each image's file name as mkimages.c wrote it (rgb16.png,
palette8-trns.png, rgb.jpg ...), in the order the images appear in the
PDF. Each image is extracted with pdfimages and compared sample by sample
with the pattern: exactly (give or take one step of rounding) for PNG,
within JPEG's loss for JPEG; its soft mask with the pattern's alpha.
JPEG must be embedded as JPEG (DCT), not decoded. Exits 1 on a mismatch.
"""
import os
import subprocess
import sys
import tempfile

W, H = 48, 32


def red(x):
    return x * 255 // (W - 1)


def green(y):
    return y * 255 // (H - 1)


def blue(x, y):
    return 128 + 64 * ((x // 8 + y // 8) % 2)


def alpha(x):
    return 255 - x * 200 // (W - 1)


def expected(name, x, y):
    """(samples, alpha or None) that the pattern gives at (x, y)."""
    base = name.split(".")[0]
    if base.startswith("grey") or base == "grey":
        g = red(x)
        if base == "grey1":
            g = 255 if g >= 128 else 0
        elif base == "grey4":
            g = (g >> 4) * 17
        a = alpha(x) if "alpha" in base else None
        return (g,), a
    if base.startswith("palette"):
        i = x * 16 // W
        a = 255 - i * 10 if "trns" in base else None
        return (i * 17, i * 17, 200), a
    a = alpha(x) if "rgba" in base else None
    return (red(x), green(y), blue(x, y)), a


def read_pnm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            while data[pos:pos + 1] not in (b"\n", b""):
                pos += 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    pos += 1
    magic, w, h = fields[0], int(fields[1]), int(fields[2])
    ch = 3 if magic == b"P6" else 1
    return w, h, ch, data[pos:pos + w * h * ch]


def main(argv):
    pdf, names = argv[1], argv[2:]
    listing = subprocess.run(["pdfimages", "-list", pdf], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdfimages", pdf, os.path.join(tmp, "i")], check=True)
        files = sorted(os.listdir(tmp))
        k = 0
        for name in names:
            if k >= len(rows):
                print(f"FAIL {name}: the PDF has no image for it")
                bad += 1
                continue
            row = rows[k]
            kind, enc = row[2], row[8]
            w, h, ch, px = read_pnm(os.path.join(tmp, files[k]))
            k += 1
            mask = None
            if k < len(rows) and rows[k][2] == "smask":
                mask = read_pnm(os.path.join(tmp, files[k]))
                k += 1
            jpeg = name.endswith(".jpg")
            if jpeg and enc != "jpeg":
                print(f"FAIL {name}: embedded as '{enc}', not as JPEG data")
                bad += 1
            if (w, h) != (W, H):
                print(f"FAIL {name}: {w}x{h} pixels, expected {W}x{H}")
                bad += 1
                continue
            worst, total, n = 0, 0, 0
            want_alpha = expected(name, 0, 0)[1] is not None
            if want_alpha and mask is None:
                print(f"FAIL {name}: the image has lost its transparency (no soft mask)")
                bad += 1
            if not want_alpha and mask is not None:
                print(f"FAIL {name}: an opaque image got a soft mask")
                bad += 1
            for y in range(H):
                for x in range(W):
                    samples, a = expected(name, x, y)
                    got = px[(y * W + x) * ch:(y * W + x + 1) * ch]
                    if ch != len(samples):
                        # pdfimages writes grey as PPM at times: compare the first sample
                        got = got[:1] * len(samples) if ch == 1 else got[:len(samples)]
                    for s, g in zip(samples, got):
                        worst = max(worst, abs(s - g))
                        total += abs(s - g)
                        n += 1
                    if a is not None and mask is not None:
                        mw, mh, mch, mpx = mask
                        worst = max(worst, abs(a - mpx[(y * mw + x) * mch]))
            mean = total / max(1, n)
            limit_worst, limit_mean = (48, 4.0) if jpeg else (1, 0.5)
            if worst > limit_worst or mean > limit_mean:
                print(f"FAIL {name}: samples differ from the pattern by up to {worst} (mean {mean:.2f})")
                bad += 1
            else:
                print(f"ok   {name}: {kind} {enc}, largest difference {worst}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
