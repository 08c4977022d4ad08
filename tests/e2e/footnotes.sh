# Footnotes: numbered in reading order, at the foot of the page that
# refers to them under a rule, the text area shrinking to make room; a
# note too long for its page continues on the next; notes from table cells
# and boxes work; an undefined reference is a warning and stays as text.
. tests/tools/lib.sh
check() {
    python3 tests/tools/pdfcheck.py "$@" > "$T/check" 2>&1 || { cat "$T/check"; fail "pdfcheck $*"; }
}

python3 - "$T" <<'EOF'
import json, sys
out = sys.argv[1]
filler = ("The commission registered candidates late while independent media faced pressure "
          "from regional authorities, and observers noted procedural errors in the count. ")
long_note = " ".join(f"Long note sentence {k} records what the monitors saw at the station that day." for k in range(1, 150))
md = f"""---
title: Footnotes
toc: false
---
# Notes in text

A first claim.[^first] A second claim.[^second] The first again.[^first]

| Case | Outcome |
|:---|:---|
| Abzhan | Nine years in prison.[^cell] |
| Mamay | Suspended sentence.[^cell2] |

```{{summary}}
:title: Key findings

- A finding with its source.[^box]
```

An undefined one.[^zzz]

{(filler * 4 + chr(10) + chr(10)) * 6}
A claim with a very long source.[^long] And text after it.

{(filler * 4 + chr(10) + chr(10)) * 3}
Closing claim.[^last]

[^first]: First note, cited twice.
[^second]: Second note.
[^cell]: Note from a table cell.
[^cell2]: Another note from a table cell.
[^box]: Note from inside the summary box.
[^long]: Start of the long note. {long_note} End of the long note.
[^last]: The last note.
[^first]: A second definition of first.
[^unused]: Nobody cites this.
"""
open(f"{out}/notes.md", "w").write(md)
starts = ["First note, cited twice.", "Second note.", "Note from a table cell.", "Another note from a table cell.",
          "Note from inside the summary box.", "Start of the long note.", "The last note."]
json.dump({"headings": [{"title": "Notes in text", "level": 1}],
           "notes": [{"number": k + 1, "start": s} for k, s in enumerate(starts)]},
          open(f"{out}/notes.json", "w"))
EOF
expect_status 0 "$DOSSIER" -D cover=false -o "$T/notes.pdf" "$T/notes.md"
expect_err "notes.md:20:18: warning: footnote reference '\[\^zzz\]' has no definition; it is printed as written"
expect_err "notes.md:53:1: warning: footnote 'first' is defined twice; the first definition \(line 46\) is used"
expect_err "notes.md:54:1: warning: footnote 'unused' is never referenced"
check "$T/notes.pdf" labels=0 footnotes links --manifest "$T/notes.json"
grep -q "ok.* 8 footnote marks" "$T/check" || { cat "$T/check"; fail "expected eight footnote marks (seven notes, one cited twice)"; }
pdftotext "$T/notes.pdf" "$T/notes.txt"
grep -q "An undefined one.\[^zzz\]" "$T/notes.txt" || fail "the undefined reference's text was lost"
grep -q "A second definition" "$T/notes.txt" && fail "the second definition of a note was printed"
# numbered in reading order: first, second, then the table cells, the box
tr '\n' ' ' < "$T/notes.txt" | grep -q "1 First note, cited twice. 2 Second note. 3 Note from a table cell. 4 Another note from a table cell. 5 Note from inside the summary box." ||
    fail "notes are not numbered in the order of their first references"

# the long note starts on its reference's page and ends on a later one
python3 - "$T/notes.pdf" <<'EOF' || fail "the long note does not continue on the next page"
import subprocess, sys
pages = subprocess.run(["pdftotext", sys.argv[1], "-"], capture_output=True, text=True).stdout.split("\f")
ref = next(i for i, p in enumerate(pages) if "A claim with a very long source." in p)
start = next(i for i, p in enumerate(pages) if "Start of the long note." in p)
end = next(i for i, p in enumerate(pages) if "End of the long note." in p)
assert start == ref, (ref, start)
assert end > start, (start, end)
EOF
# every word of the long note is in the PDF
sed -n '/^\[\^long\]/p' "$T/notes.md" > "$T/long.md"
python3 tests/tools/words.py "$T/long.md" "$T/notes.txt" > "$T/words" || { cat "$T/words"; fail "words of the long note are missing"; }
# the notes sit below their rule and the text above it, on every page
"$DOSSIER" -D cover=false --dump=layout "$T/notes.md" > "$T/layout" 2> /dev/null
python3 tests/tools/notearea.py "$T/layout" 10.50 8.50 > "$T/area" || { cat "$T/area"; fail "notes overlap the text"; }

# --strict: the undefined reference is an error, and nothing is written
expect_status 1 "$DOSSIER" --strict -o "$T/strict.pdf" "$T/notes.md"
expect_err "notes.md:20:18: error: footnote reference"
expect_no_file "$T/strict.pdf"

# notes from a CSV table's cells, from a directive's box, and from a note
cat > "$T/csv.md" <<'EOT'
# Table

Before.[^a]

```{table}
:caption: Cases
:header-rows: 1
Name,Outcome
Abzhan,Nine years[^b]
```

```{summary}
:title: Findings
- One finding.[^c]
```

[^a]: Note a.
[^b]: Note b from CSV.
[^c]: Note c from a box, citing another.[^d]
[^d]: Note d, cited by a note.
EOT
expect_status 0 "$DOSSIER" -o "$T/csv.pdf" "$T/csv.md"
[ ! -s "$T/err" ] || { cat "$T/err"; fail "notes from a CSV table gave diagnostics"; }
check "$T/csv.pdf" links footnotes "text:1=Nine years2" \
    "text:1=1 Note a. 2 Note b from CSV. 3 Note c from a box, citing another.4 4 Note d, cited by a note."
grep -q "4 footnote marks" "$T/check" || { cat "$T/check"; fail "expected four footnote marks"; }
