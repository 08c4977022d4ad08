# Editions: one dossier whose withheld names stand in every place a name
# can (front matter and document information, running heads, headings and
# the contents, body text split by emphasis and line breaks, a pipe table
# and a CSV table, captions, a chart, footnotes, link texts and addresses,
# image alt text, code, a {redact} passage), compiled as full, review and
# public. The public PDF (and its PDF/A variant) holds none of the names in
# any encoding, the full one all of them; -v counts without naming; the
# self-check refuses a build whose pass was made to leak.
. tests/tools/lib.sh

mkdir -p "$T/data"
cp tests/golden/box.png "$T/data/photo.png"
cp tests/golden/box.png "$T/data/daniyar-kemelbekov.png"
cat > "$T/data/names.txt" <<'EOF'
# witnesses, one a line
Aigerim Sultanova
Nobody Nowhere
EOF
cat > "$T/data/cases.csv" <<'EOF'
Case,Person,Status
1,Daniyar Kemelbekov,detained
2,Aigerim Sultanova,released
EOF
cat > "$T/d.md" <<'EOF'
---
title: Interviews with Daniyar Kemelbekov
author: Field team, contact Aigerim Sultanova
subject: The case of Ерлан Омаров
keywords: [detention, Daniyar Kemelbekov]
classification: Confidential
classification-public: Public edition
redact: [Daniyar Kemelbekov, Ерлан Омаров]
redact-file: data/names.txt
---
# Daniyar Kemelbekov

The witness {redact}`Zhanna Bekova` spoke first. Daniyar
Kemelbekov's lawyer said that *Daniyar Kemel*bekov was held; later
DANIYAR KEMELBEKOV was moved.[^n] Допросили Ерлана Омарова.

[^n]: Aigerim Sultanova saw it, see [the report on Daniyar Kemelbekov](https://example.org/daniyar-kemelbekov).

# The interviews

Zhanna Bekova spoke of [Aigerim Sultanova](https://example.org/a). Kemelbekov's sister did not.

![Portrait of Daniyar Kemelbekov](data/photo.png)

![A photo](data/daniyar-kemelbekov.png)

```{table}
:caption: Cases of Daniyar Kemelbekov and others
:file: data/cases.csv
```

| Name | Role |
|---|---|
| Ерлан Омаров | witness |

```{chart}
:type: hbar
:caption: Visits
Who,Visits
Aigerim Sultanova,3
Others,5
```

```
call log: daniyar kemelbekov, 14:05
```

```{redact}
The safe house stands near the river crossing in the north.
```

Ordinary closing text.
EOF
NAMES="Daniyar Kemelbekov|Aigerim Sultanova|Ерлан Омаров|Zhanna Bekova|safe house stands near the river crossing"
names() { printf '%s\n' "$NAMES" | tr '|' '\n'; }
# the first register name FILE holds, whatever its case ("" when none); no
# pipe into a loop, so that a fail() after it ends the script
name_in() { names > "$T/names.lst"; grep -oiF -f "$T/names.lst" "$1" | head -n 1; }

scan() { # scan MODE PDF
    qpdf --qdf --object-streams=disable "$2" "$T/qdf.pdf" || fail "qpdf could not read $2"
    pdftotext -enc UTF-8 "$2" "$T/text.txt" || fail "pdftotext could not read $2"
    names | tr '\n' '\0' | xargs -0 python3 tests/tools/leakscan.py "$1" "$T/qdf.pdf" "$T/text.txt" \
        || fail "$2: names $( [ "$1" = none ] && echo found || echo missing )"
}

# the full edition: everything, the names in the PDF
expect_status 0 "$DOSSIER" -v -o "$T/full.pdf" "$T/d.md"
scan all "$T/full.pdf"
expect_err "register entry 1 'Daniyar Kemelbekov': [0-9]+ occurrences found"
expect_err "names.txt:3:1: warning: register entry 4 'Nobody Nowhere' occurs nowhere"

# the review edition: everything, highlighted
expect_status 0 "$DOSSIER" --edition=review -o "$T/review.pdf" "$T/d.md"
scan all "$T/review.pdf"

# the public edition: none of it, in any encoding; -v counts without names
expect_status 0 "$DOSSIER" -v --edition=public -M "$T/public.d" -o "$T/public.pdf" "$T/d.md"
scan none "$T/public.pdf"
expect_err "register entry 1: 1[0-9] occurrences withheld"
expect_err "register entry 5: 2 occurrences withheld"
expect_err "names.txt:3:1: warning: register entry 4 occurs nowhere"
expect_err "1 \\{redact\\} passage withheld"
# a word of an entry standing alone is printed: a warning, without the word
expect_err "d.md:21:1: warning: word 2 of register entry 1 stands alone 1 time \\(first here\\) and is printed"
n=$(name_in "$T/err")
[ -z "$n" ] || fail "-v output of the public edition names '$n'"
grep -q "data/names.txt" "$T/public.d" || fail "-M does not list the register file"
grep -q "\[withheld\]" "$T/text.txt" || fail "the public edition shows no mark"
grep -q "Public edition" "$T/text.txt" || grep -qi "PUBLIC EDITION" "$T/text.txt" \
    || fail "classification-public is not the public edition's classification"
pdfinfo "$T/public.pdf" | grep -q "^Title: *Interviews with \[withheld\]" || fail "document title not withheld"
# the wholly withheld heading leaves the outline and the contents
python3 - "$T/qdf.pdf" <<'PY' || fail "outline of the public edition"
import re, sys
data = open(sys.argv[1], "rb").read()
titles = re.findall(rb"/Title\s*(<[0-9a-fA-F]*>|\((?:[^()\\]|\\.)*\))", data)
def text(t):
    if t.startswith(b"<"):
        b = bytes.fromhex(t[1:-1].decode())
        return b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin-1")
    return t[1:-1].decode("latin-1")
outline = [text(t) for t in titles]
assert "The interviews" in outline, outline
assert not any(t.strip() == "[withheld]" for t in outline), outline
PY

# PDF/A: the XMP packet holds the title too
expect_status 0 "$DOSSIER" --pdfa --edition=public -o "$T/pdfa.pdf" "$T/d.md"
scan none "$T/pdfa.pdf"

# -D edition= and string(edition) in a running head
printf '@page { @bottom-center { content: "edition: " string(edition); } }\n' > "$T/ed.css"
expect_status 0 "$DOSSIER" -D edition=public -s "$T/ed.css" -o "$T/d2.pdf" "$T/d.md"
pdftotext "$T/d2.pdf" - | grep -q "edition: public" || fail "string(edition) is not the edition"

# --dump=tree of the public edition holds no name either
expect_status 0 "$DOSSIER" --edition=public --dump=tree "$T/d.md"
n=$(name_in "$T/out")
[ -z "$n" ] || fail "--dump=tree of the public edition holds '$n'"

# an unknown edition is a usage error
expect_status 2 "$DOSSIER" --edition=donors -o "$T/x.pdf" "$T/d.md"
expect_err "--edition takes full, review or public"
expect_no_file "$T/x.pdf"

# the self-check fires on a planted leak, and no file is left
LEAKY="$BUILD/tests/dossier_leak"
[ -x "$LEAKY" ] || fail "$LEAKY is not built"
# (the test binary finds the bundled fonts through DOSSIER_DATADIR)
DOSSIER_DATADIR=$(pwd)
export DOSSIER_DATADIR
DOSSIER_PLANT_LEAK=1 expect_status 1 "$LEAKY" --edition=public -o "$T/leak.pdf" "$T/d.md"
expect_err "the public edition would show register entry 1, in the text \\(through ToUnicode\\)"
expect_err "no file was written"
expect_no_file "$T/leak.pdf"
n=$(name_in "$T/err")
[ -z "$n" ] || fail "the self-check's messages name '$n'"
# without the plant the same binary writes a clean file
expect_status 0 "$LEAKY" --edition=public -o "$T/leak.pdf" "$T/d.md"
scan none "$T/leak.pdf"
exit 0
