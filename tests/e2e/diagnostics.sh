# Diagnostics that show the source: after "file:line:col: severity:
# message", the source line and a caret under the column, counted in
# characters (multi-byte characters and tabs before it), a tilde under the
# rest of a range, a note line for a hint; colour only on a terminal and
# never with NO_COLOR; --diagnostics=short, json and github.
. tests/tools/lib.sh

printf -- '---\ntitle: T\ncover: false\ntoc: false\n---\n\nText.\n' > "$T/a.md"
# "ёжик" (4 characters, 8 bytes) and a tab before the unknown property
printf 'h1 { /* ёжик */ colr: red; }\np {\n\tmarginn-top: 2pt;\n}\n' > "$T/s.css"

expect_status 0 "$DOSSIER" -s "$T/s.css" -o "$T/a.pdf" "$T/a.md"
cat "$T/err"
# the first line of each diagnostic is unchanged: editors and CI parse it
expect_err "s.css:1:17: warning: unknown property 'colr'\$"
expect_err "s.css:3:2: warning: unknown property 'marginn-top'\$"
python3 - "$T/err" << 'PY' || fail "the excerpt is not as expected"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def block(first):
    i = next(i for i, l in enumerate(lines) if l.endswith(first))
    return lines[i:i + 4]
b = block("warning: unknown property 'colr'")
assert b[1] == " 1 | h1 { /* ёжик */ colr: red; }", repr(b[1])
# 16 characters before the caret, whatever their bytes; the range is 'colr'
assert b[2] == "   | " + " " * 16 + "^~~~", repr(b[2])
assert b[3].endswith("s.css:1:17: note: did you mean 'color'?"), repr(b[3])
b = block("warning: unknown property 'marginn-top'")
assert b[1] == " 3 | \tmarginn-top: 2pt;", repr(b[1])
# the tab is repeated so the caret stays under the column at any tab width
assert b[2] == "   | \t^" + "~" * 10, repr(b[2])
assert b[3].endswith("s.css:3:2: note: did you mean 'margin-top'?"), repr(b[3])
PY

# a Markdown position after multi-byte characters: the caret stands under
# the link whose target no heading has
printf -- '---\ntitle: T\ncover: false\ntoc: false\n---\n\nПривет, «мир»: [ссылка](#nowhere).\n' > "$T/m.md"
expect_status 0 "$DOSSIER" -o "$T/m.pdf" "$T/m.md"
cat "$T/err"
python3 - "$T/err" << 'PY' || fail "the Markdown excerpt is not as expected"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
i = next(i for i, l in enumerate(lines) if re.match(r".*m\.md:7:\d+: warning: ", l))
col = int(re.match(r".*m\.md:7:(\d+):", lines[i]).group(1))
src = "Привет, «мир»: [ссылка](#nowhere)."
assert lines[i + 1] == " 7 | " + src, repr(lines[i + 1])
caret = lines[i + 2][len("   | "):]
assert caret.index("^") == col - 1, (caret, col)
assert src[col - 1] in "[#", src[col - 1:]
PY

# short: one line per diagnostic (and its note), no excerpt
expect_status 0 "$DOSSIER" --diagnostics=short -s "$T/s.css" -o "$T/a.pdf" "$T/a.md"
[ "$(wc -l < "$T/err")" -eq 4 ] || { cat "$T/err"; fail "--diagnostics=short is not two lines per diagnostic"; }
grep -q '|' "$T/err" && fail "--diagnostics=short printed an excerpt"

# json: one object per line with every key
expect_status 0 "$DOSSIER" --diagnostics=json -s "$T/s.css" -o "$T/a.pdf" "$T/a.md"
python3 - "$T/err" << 'PY' || fail "--diagnostics=json is wrong"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert len(objs) == 2, objs
o = objs[0]
assert set(o) == {"file", "line", "column", "severity", "message", "hint"}, o
assert o["file"].endswith("s.css") and o["line"] == 1 and o["column"] == 17, o
assert o["severity"] == "warning" and o["message"] == "unknown property 'colr'", o
assert o["hint"] == "did you mean 'color'?", o
PY
# an error, and a hint that is null
printf 'x\n' > "$T/bad.md"
expect_status 3 "$DOSSIER" --diagnostics=json -s "$T/none.css" -o "$T/bad.pdf" "$T/bad.md"
python3 -c '
import json, sys
o = json.loads(open(sys.argv[1]).readline())
assert o["severity"] == "error" and o["hint"] is None and o["line"] == 0, o
' "$T/err" || fail "--diagnostics=json: an error without position"

# github: workflow commands, with the hint on a second (escaped) line
expect_status 1 "$DOSSIER" --strict --diagnostics=github -s "$T/s.css" -o "$T/strict.pdf" "$T/a.md"
expect_err "^::error file=[^,]*s\.css,line=1,col=17,endColumn=20::unknown property 'colr'%0Adid you mean 'color'\?\$"
expect_no_file "$T/strict.pdf"
expect_status 2 "$DOSSIER" --diagnostics=xml "$T/a.md"
expect_err "diagnostics takes"

# colour on a terminal only, and never with NO_COLOR (script gives a terminal)
if command -v script > /dev/null 2>&1; then
    env -u NO_COLOR script -qec "$DOSSIER -s $T/s.css -o $T/a.pdf $T/a.md" /dev/null > "$T/tty" 2>&1
    grep -q "$(printf '\033')\[" "$T/tty" || { cat -v "$T/tty"; fail "no colour on a terminal"; }
    NO_COLOR=1 script -qec "$DOSSIER -s $T/s.css -o $T/a.pdf $T/a.md" /dev/null > "$T/tty" 2>&1
    grep -q "$(printf '\033')\[" "$T/tty" && fail "colour although NO_COLOR is set"
    grep -q "unknown property 'colr'" "$T/tty" || fail "no diagnostic on the terminal"
fi
env -u NO_COLOR "$DOSSIER" -s "$T/s.css" -o "$T/a.pdf" "$T/a.md" 2> "$T/err"
grep -q "$(printf '\033')" "$T/err" && fail "colour written to a file"
exit 0
