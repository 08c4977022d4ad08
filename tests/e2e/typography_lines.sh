# Lines: hyphenation by language and style, names, code and URLs kept whole,
# no-break spaces and soft hyphens, words wider than the line, justified
# lines flush at both edges, last lines not stretched. A narrow page
# (90 mm, 10 mm margins: the column ends at x = 226.77 pt) makes lines break
# often.
. tests/tools/lib.sh
RIGHT=226.77
cat > "$T/narrow.css" <<'CSS'
@page { size: 90mm 250mm; margin: 10mm; }
CSS
EN="Kazakhstan operates as a presidential republic, historically exhibiting features of a super-presidential system. Despite its multi-party system, political competition in the country is limited, with most parties supporting the existing governmental structure. The International Election Observation Mission negatively assessed the vote counting process, citing significant procedural errors, violations, and a disregard for data reconciliation procedures. Nazarbayev, Tokayev, Lopatka, Zhanbolat, Amangeldy and Batyrbayev are names; Kazakhstan’s Constitutional Court and the Organization for Security and Co-operation in Europe are institutions."
RU="Казахстан является президентской республикой, исторически обладающей чертами суперпрезидентской системы. Несмотря на многопартийную систему, политическая конкуренция в стране ограничена, большинство партий поддерживают существующую государственную структуру. Международная миссия по наблюдению за выборами негативно оценила процесс подсчёта голосов, отметив значительные процедурные ошибки и нарушения."
KK="Қазақстан — президенттік республика, тарихи тұрғыдан суперпрезиденттік жүйенің белгілерін көрсетеді. Көппартиялық жүйеге қарамастан, елдегі саяси бәсекелестік шектеулі, партиялардың көпшілігі қолданыстағы мемлекеттік құрылымды қолдайды."

# lines DUMP: one line per line box, "H" or "-" (hyphenated or not), then its texts joined by |
lines() {
    awk '/line-box/ { if (n++) print f, t; t = ""; f = / hyphen/ ? "H" : "-" }
         /^  text/ { s = $0; sub(/ \[[^]]*\]$/, "", s); sub(/^[^"]*"/, "", s); sub(/"$/, "", s); t = t "|" s }
         END { if (n) print f, t }' "$1"
}
layout() { # layout NAME [options...]: dump and PDF of $T/NAME.md on the narrow page
    name=$1
    shift
    expect_status 0 "$DOSSIER" -s "$T/narrow.css" "$@" --dump=layout "$T/$name.md"
    mv "$T/out" "$T/$name.dump"
    cp "$T/err" "$T/$name.err"
    lines "$T/$name.dump" > "$T/$name.lines"
    "$DOSSIER" -s "$T/narrow.css" "$@" -o "$T/$name.pdf" "$T/$name.md" 2> /dev/null || fail "$name: no PDF"
    pdftotext -bbox "$T/$name.pdf" "$T/$name.bbox"
    grep -q 'summary.* overfull=0 ' "$T/$name.dump" || fail "$name: overfull lines: $(tail -1 "$T/$name.dump")"
    python3 tests/tools/line_ends.py within $RIGHT < "$T/$name.bbox" || fail "$name: text past the right margin"
}
hyphenated() { grep -c '^H' "$T/$1.lines"; }

# English: hyphenated, justified flush to both edges, names never split
printf '%s\n\n%s\n' "$EN" "$EN" > "$T/en.md"
layout en
[ "$(hyphenated en)" -ge 2 ] || fail "en: $(hyphenated en) hyphenated lines in a narrow column"
python3 tests/tools/line_ends.py flush $RIGHT < "$T/en.bbox" || fail "en: justified lines are not flush right"
grep '^H' "$T/en.lines" | grep -E '\|[[:upper:]][^|]*\|-$' && fail "en: a capitalised word (a name) was hyphenated"
# every hyphenated word, joined again, is a word of the source
grep -A1 '^H' "$T/en.lines" | awk -F'|' '/^H/ { head = $(NF-1); next } /^-|^H/ { if (head != "") print head $2; head = "" }' |
    while read -r w; do
        case " $EN " in *" $w"[\ ,.\;]*) ;; *) fail "en: hyphenated '$w' is not a word of the source" ;; esac
    done || exit 1
# the last line of a paragraph keeps its natural spaces; the others stretch or shrink
grep 'line-box.* last' "$T/en.dump" | grep -Ev 'ratio=(0\.000|-)' && fail "en: a last line is stretched"
# ragged: the same machinery, never past the margin, not flush
printf 'p { text-align: left; }\n' > "$T/ragged.css"
cp "$T/en.md" "$T/ragged.md"
layout ragged -s "$T/ragged.css"
python3 tests/tools/line_ends.py flush $RIGHT < "$T/ragged.bbox" > /dev/null 2>&1 && fail "ragged: lines are flush right"

# hyphens: none, and manual with soft hyphens (U+00AD, never drawn)
printf 'p { hyphens: none; }\n' > "$T/none.css"
cp "$T/en.md" "$T/none.md"
layout none -s "$T/none.css"
[ "$(hyphenated none)" = 0 ] || fail "none: hyphens: none still hyphenates"
SOFT=$(printf 'inter\302\255national')
printf 'p { hyphens: manual; }\n' > "$T/manual.css"
printf '%s\n' "$EN The $SOFT observers and $SOFT organisations and $SOFT bodies and the $SOFT community." > "$T/manual.md"
layout manual -s "$T/manual.css"
grep '^H' "$T/manual.lines" | grep -v '|inter|-$' && fail "manual: a line is hyphenated but not at a soft hyphen"
# a word wider than the column: it can only break at its soft hyphens
LONG=$(printf 'Donau\302\255dampf\302\255schiff\302\255fahrts\302\255gesellschafts\302\255kapitän')
printf 'The %s and the %s.\n' "$LONG" "$LONG" > "$T/soft.md"
layout soft -s "$T/manual.css"
[ "$(hyphenated soft)" -ge 2 ] || fail "soft: no line breaks at a soft hyphen"
grep -q "wider than the line" "$T/soft.err" && fail "soft: broken between characters despite its soft hyphens"
# a soft hyphen is drawn only where the line breaks, as the hyphen there
# (which reads as U+00AD again)
pdftotext "$T/soft.pdf" - | grep -q "$(printf '\302\255')." && fail "soft: a soft hyphen is drawn inside a line"
pdftotext "$T/soft.pdf" - | grep -q "$(printf '\302\255')\$" || fail "soft: the hyphen at a soft hyphen does not read as one"

# Russian through the KOI8-R dictionary: lang from the front matter, or -D
printf -- '---\nlang: ru\n---\n\n%s\n\n%s\n' "$RU" "$RU" > "$T/ru.md"
layout ru
[ "$(hyphenated ru)" -ge 2 ] || fail "ru: $(hyphenated ru) hyphenated lines"
grep '^H' "$T/ru.lines" | grep -E '\|[^|]*[A-Za-z0-9][^|]*\|-$' && fail "ru: a hyphenated fragment is not Russian letters"
printf '%s\n\n%s\n' "$RU" "$RU" > "$T/ru2.md"
layout ru2 -D lang=ru
[ "$(hyphenated ru2)" -ge 2 ] || fail "ru2: -D lang=ru does not hyphenate Russian"

# Kazakh through the program's own patterns (hyphen/hyph_kk_KZ.dic)
printf -- '---\nlang: kk\n---\n\n%s\n\n%s\n\nҚысқа.\n' "$KK" "$KK" > "$T/kk.md"
layout kk
[ "$(hyphenated kk)" -ge 2 ] || fail "kk: $(hyphenated kk) hyphenated lines"
[ ! -s "$T/kk.err" ] || fail "kk: diagnostics: $(cat "$T/kk.err")"
# Tatar has patterns nowhere: set without hyphenation, said once (a note, -v)
printf -- '---\nlang: tt\n---\n\n%s\n\n%s\n\nҚысқа.\n' "$KK" "$KK" > "$T/tt.md"
layout tt
[ "$(hyphenated tt)" = 0 ] || fail "tt: hyphenated without patterns"
[ ! -s "$T/tt.err" ] || fail "tt: diagnostics without -v: $(cat "$T/tt.err")"
expect_status 0 "$DOSSIER" -v -s "$T/narrow.css" -o "$T/tt.pdf" "$T/tt.md"
[ "$(grep -c "no hyphenation patterns exist for language 'tt'" "$T/err")" = 1 ] || { cat "$T/err"; fail "tt: not said exactly once"; }
# said even when no paragraph needs a second pass
printf -- '---\nlang: tt\n---\n\nҚысқа.\n\nТағы.\n' > "$T/tt2.md"
expect_status 0 "$DOSSIER" -v -o "$T/tt2.pdf" "$T/tt2.md"
[ "$(grep -c "no hyphenation patterns" "$T/err")" = 1 ] || { cat "$T/err"; fail "tt2: not said for a short text"; }

# code and URLs are never hyphenated; URLs break before / . - and the like,
# never after a hyphen, nor between "https:" and "//"
cat > "$T/url.md" <<'MD'
See `configuration_management_parameters` and `international_observation_mission` or https://www.osce.org/files/f/documents/4/5/548644_0.pdf?download=true&lang=en#page-12 and https://www.hrw.org/world-report/2024/country-chapters/kazakhstan-human_rights_watch_report or [https://example.org/a/very/long/path/that/goes/on/and/on/index.html](https://example.org/a/very/long/path/that/goes/on/and/on/index.html) and <https://www.osce.org/odihr/elections/kazakhstan/538479> too.
MD
layout url
[ "$(hyphenated url)" = 0 ] || { cat "$T/url.lines"; fail "url: code or a URL was hyphenated"; }
grep -E -- '-\|?$|https:\|?$' "$T/url.lines" && fail "url: a line ends after a hyphen or after 'https:'"
pdftotext "$T/url.pdf" - | tr -d '\n' | grep -q "https://www.hrw.org/world-report/2024/country-chapters/kazakhstan-human_rights_watch_report" ||
    fail "url: a URL lost characters"

# a no-break space never breaks; a word wider than the line is broken
# between characters with a warning that names its place
NB=$(printf '19\302\240March')
printf 'On %s, on %s, on %s, on %s, on %s, on %s, on %s, on %s, on %s, on %s.\n\nA Pneumonoultramicroscopicsilicovolcanoconiosisandmoreandmore word.\n' \
    "$NB" "$NB" "$NB" "$NB" "$NB" "$NB" "$NB" "$NB" "$NB" "$NB" > "$T/nb.md"
layout nb
grep -E '\|19\|?$|\|19,' "$T/nb.lines" && fail "nb: broken at a no-break space"
grep -q "nb.md:3:3: warning: 'Pneumonoultramicroscopicsilicovolcanocon\.\.\.' is wider than the line" "$T/nb.err" ||
    { cat "$T/nb.err"; fail "nb: no warning naming the overwide word's position"; }
pdftotext "$T/nb.pdf" - | tr -d '\n' | grep -q "Pneumonoultramicroscopicsilicovolcanoconiosisandmoreandmore" ||
    fail "nb: the overwide word lost characters"

# a page does not end in the middle of a hyphenated word when moving a
# line avoids it (short pages make many page breaks inside paragraphs)
printf '@page { size: 90mm 127mm; margin: 10mm; }\n' > "$T/short.css"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do printf '%s %s %s\n\n' "$EN" "$EN" "$EN"; done > "$T/pages.md"
expect_status 0 "$DOSSIER" -s "$T/short.css" --dump=layout "$T/pages.md"
awk '/^page / { if (last ~ / hyphen/) bad++; last = "" } /line-box/ { last = $0 } END { exit bad > 0 }' "$T/out" ||
    fail "pages: a page ends with a hyphenated line"
python3 tests/tools/layout_check.py splits "$T/out" || fail "pages: a widow or an orphan"
