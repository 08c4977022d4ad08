# Links: [text](#slug) jumps to its heading, web addresses become link
# annotations over exactly their text, other schemes are warned about and
# not made clickable, an unknown slug is a warning at its position.
. tests/tools/lib.sh
check() {
    python3 tests/tools/pdfcheck.py "$@" > "$T/check" 2>&1 || { cat "$T/check"; fail "pdfcheck $*"; }
}

cat > "$T/links.md" <<'EOF'
---
title: Links
---
# Opening chapter

See [the last section](#closing-section) and [the observers](https://example.org/osce) for more.
Write to <mailto:office@example.org> or visit www.example.com today.

| Source | Where |
|:---|:---|
| Report | [ODIHR report](https://example.org/odihr) |

Risky: [a script](javascript:alert(1)), [a file](file:///etc/passwd), [data](data:text/html,hi),
[relative](other.md) and [Kyrgyz page](<https://example.org/қала?q=a b>).

# Middle chapter

Filler text.

## Closing section

Back to [the opening chapter](#opening-chapter), and [nowhere](#no-such-heading).
EOF
cat > "$T/links.json" <<'EOF'
{"headings": [{"title": "Opening chapter", "level": 1}, {"title": "Middle chapter", "level": 1},
              {"title": "Closing section", "level": 2}],
 "links": [{"text": "the last section", "target_title": "Closing section"},
           {"text": "the opening chapter", "target_title": "Opening chapter"}],
 "toc_depth": 2}
EOF
printf 'h1 { break-before: page; }\n' > "$T/pages.css"
expect_status 0 "$DOSSIER" -s "$T/pages.css" -o "$T/links.pdf" "$T/links.md"
expect_err "links.md:22:54: warning: link to '#no-such-heading', but no heading or label has that id"
expect_err "links.md:13:8: warning: link 'javascript:alert\(1\)' uses a scheme that is not a web address"
expect_err "links.md:13:41: warning: link 'file:///etc/passwd' uses a scheme"
expect_err "links.md:13:71: warning: link 'data:text/html,hi' uses a scheme"
expect_err "links.md:14:1: warning: link 'other.md' is relative"
[ "$(grep -c warning "$T/err")" -eq 5 ] || { cat "$T/err"; fail "expected exactly five warnings"; }
check "$T/links.pdf" contents outline links --manifest "$T/links.json"
check "$T/links.pdf" "area:https://example.org/osce=the observers" "area:https://example.org/odihr=ODIHR report" \
    "area:mailto:office@example.org=mailto:office@example.org" "area:http://www.example.com=www.example.com" \
    "uri=https://example.org/%D2%9B%D0%B0%D0%BB%D0%B0?q=a%20b" \
    no-uri=javascript: no-uri=file: no-uri=data: no-uri=other.md
# links that are not made clickable keep their text
pdftotext "$T/links.pdf" - | tr '\n' ' ' | grep -q "a script, a file, data, relative" || fail "the text of unclickable links is lost"
# the internal links land on the pages of their headings: opening on body
# page 1, closing on body page 2
python3 tests/tools/pdfcheck.py "$T/links.pdf" dump > "$T/dump" || true
python3 - "$T/dump" <<'EOF' || fail "internal links jump to the wrong pages"
import json, sys
text = open(sys.argv[1]).read()
d = json.loads(text[:text.rindex("}") + 1])
labels = d["labels"]
jumps = {a["text"].rstrip(".,"): labels[a["dest"][0]] for a in d["annots"] if a["dest"] and labels[a["page"]].isdigit()}
assert jumps.get("the last section") == "2", jumps
assert jumps.get("the opening chapter") == "1", jumps
EOF

# --strict: the same warnings are errors and no PDF is written
expect_status 1 "$DOSSIER" --strict -o "$T/strict.pdf" "$T/links.md"
expect_err "links.md:13:8: error: link 'javascript:alert\(1\)'"
expect_no_file "$T/strict.pdf"
