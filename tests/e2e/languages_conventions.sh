# Typographic conventions and generated words of each language the
# shipped sheets know: admonition titles and the public edition's mark for
# withheld text, all from the built-in sheet's :lang() rules, checked in
# the PDF's text (pdftotext). A language the sheets do not know gets the
# English words.
. tests/tools/lib.sh
# make_doc LANG FILE: a dossier with one box of every admonition kind and a
# withheld name
make_doc() {
    {
        printf -- '---\ntitle: Test\nlang: %s\ncover: false\ntoc: false\nredact: [Daniyar Kemelbekov]\n---\n\n' "$1"
        printf 'The witness Daniyar Kemelbekov spoke.\n\n'
        for kind in note tip important warning caution attention danger error hint seealso; do
            printf '```{%s}\nText.\n```\n\n' "$kind"
        done
    } > "$2"
}
# expect_words LANG WORD...: every word in the public edition's text
# (admonition titles are upper-cased by the sheet, Turkish with İ for i)
expect_words() {
    lang=$1
    shift
    make_doc "$lang" "$T/$lang.md"
    expect_status 0 "$DOSSIER" --edition=public -o "$T/$lang.pdf" "$T/$lang.md"
    [ ! -s "$T/err" ] || fail "$lang: diagnostics: $(cat "$T/err")"
    pdftotext -enc UTF-8 "$T/$lang.pdf" "$T/$lang.txt" || fail "$lang: pdftotext failed"
    python3 - "$lang" "$T/$lang.txt" "$@" <<'PY' || fail "$lang: words missing (above)"
import re
import sys
lang = sys.argv[1]
# pdftotext marks right-to-left runs with bidi controls: not words
text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", open(sys.argv[2], encoding="utf-8").read())
text = " ".join(text.split())
def upper(w):
    # Turkish upper-cases i as İ (and ı as I)
    return (w.replace("i", "İ") if lang == "tr" else w).upper()
missing = [w for w in sys.argv[3:] if w not in text and upper(w) not in text]
for w in missing:
    print("not in the PDF:", w, file=sys.stderr)
# no English title or mark is left where a translation exists (tt has none)
english = ["[withheld]", "IMPORTANT", "WARNING", "CAUTION", "DANGER", "ERROR", "HINT", "SEE ALSO"]
own = [m.casefold() for m in sys.argv[3:]]
left = [w for w in english if lang not in ("en", "tt") and w.casefold() not in own
        and re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text)]
for w in left:
    print("still English:", w, file=sys.stderr)
if missing or left:
    print(text[:800], file=sys.stderr)
sys.exit(1 if missing or left else 0)
PY
    echo "$lang: ok"
}
# LANG, then the titles of note tip important warning caution attention
# danger error hint seealso, then the mark
expect_words en Note Tip Important Warning Caution Attention Danger Error Hint "See also" "[withheld]"
expect_words ru Примечание Совет Важно Предупреждение Осторожно Внимание Опасно Ошибка Подсказка "См. также" "[изъято]"
expect_words kk Ескертпе Кеңес Маңызды Ескерту "Сақ болыңыз" "Назар аударыңыз" Қауіпті Қате Ишара "Сондай-ақ қараңыз" "[жасырылған]"
expect_words uk Примітка Порада Важливо Попередження Обережно Увага Небезпечно Помилка Підказка "Див. також" "[вилучено]"
expect_words be Заўвага Парада Важна Папярэджанне Асцярожна Увага Небяспечна Памылка Падказка "Гл. таксама" "[выдалена]"
expect_words ky Эскертме Кеңеш Маанилүү Эскертүү "Этият болуңуз" "Көңүл буруңуз" Коркунучтуу Ката Ишара "Ошондой эле караңыз" "[жашырылган]"
expect_words uz Eslatma Maslahat Muhim Ogohlantirish "Ehtiyot bo‘ling" Diqqat Xavfli Xato Ishora "Shuningdek qarang" "[yashirilgan]"
expect_words de Anmerkung Tipp Wichtig Warnung Vorsicht Achtung Gefahr Fehler Hinweis "Siehe auch" "[geschwärzt]"
expect_words fr Note Astuce Important Avertissement Prudence Attention Danger Erreur Indice "Voir aussi" "[occulté]"
expect_words es Nota Consejo Importante Advertencia Precaución Atención Peligro Error Sugerencia "Véase también" "[omitido]"
expect_words tr Not İpucu Önemli Uyarı İhtiyat Dikkat Tehlike Hata "Ayrıca bakınız" "[gizlendi]"
expect_words pl Uwaga Wskazówka Ważne Ostrzeżenie Ostrożnie Niebezpieczeństwo Błąd Podpowiedź "Zobacz także" "[utajniono]"
# right to left: poppler gives lam-alef and words with vowel marks back
# reversed (ملاحظة, أيضًا) and puts the
# mark's brackets, mirrored, around the English text beside it
expect_words ar نصيحة مهم تحذير تنبيه انتباه خطر خطأ تلميح محجوب
expect_words fa یادداشت نکته مهم هشدار احتیاط توجه خطر خطا راهنمایی "همچنین ببینید" حذف‌شده
expect_words he הערה עצה חשוב אזהרה זהירות "שימו לב" סכנה שגיאה רמז "ראו גם" הושמט
expect_words zh 注 提示 重要 警告 小心 注意 危险 错误 参见 "[已隐去]"
# a language the sheets do not know: the English words
expect_words tt Note Tip Important Warning "See also" "[withheld]"

# quotation marks: <q> takes its language's, nested one level in, and a
# <q lang> of another language its own; an author's sheet overrides them
# quotes_of LANG: the first line of the PDF's text for a nested quotation
quotes_of() {
    printf -- '---\nlang: %s\ncover: false\ntoc: false\n---\n\nX <q>one <q>two</q> one</q> X\n' "$1" > "$T/q-$1.md"
    expect_status 0 "$DOSSIER" ${2:+-s "$2"} -o "$T/q-$1.pdf" "$T/q-$1.md"
    [ ! -s "$T/err" ] || fail "q $1: diagnostics: $(cat "$T/err")"
    pdftotext -enc UTF-8 "$T/q-$1.pdf" - | head -n 1
}
expect_quotes() { # expect_quotes LANG WANT [SHEET]
    got=$(quotes_of "$1" "${3:-}")
    [ "$got" = "$2" ] || fail "q $1: '$got', expected '$2'"
    echo "q $1: $got"
}
expect_quotes en 'X “one ‘two’ one” X'
expect_quotes ru 'X «one „two“ one» X'
expect_quotes uk 'X «one „two“ one» X'
expect_quotes de 'X „one ‚two‘ one“ X'
expect_quotes fr 'X « one “two” one » X'
expect_quotes pl 'X „one «two» one” X'
expect_quotes tt 'X “one ‘two’ one” X'
printf ':lang(ru) { quotes: "<<" ">>"; }\n' > "$T/q.css"
expect_quotes ru 'X <<one <<two>> one>> X' "$T/q.css"
printf 'q::before, q::after { content: none; }\n' > "$T/none.css"
expect_quotes ru 'X one two one X' "$T/none.css"

# straight quotes typed in the text are quotations in the language's marks;
# an apostrophe inside a word stays one (typographic), code keeps its
# straight quotes, a prime between digits stays as typed
smart_of() { # smart_of LANG [FRONT-MATTER LINE]: the first line of the text
    printf -- '---\nlang: %s\ncover: false\ntoc: false\n%s\n---\n\n"One '"'"'two'"'"' one" don'"'"'t `"c"` 5'"'"'11" '"'"'s'"'"'\n' "$1" "${2:-}" > "$T/s-$1.md"
    expect_status 0 "$DOSSIER" -o "$T/s-$1.pdf" "$T/s-$1.md"
    [ ! -s "$T/err" ] || fail "smart $1: diagnostics: $(cat "$T/err")"
    pdftotext -enc UTF-8 "$T/s-$1.pdf" - | head -n 1
}
expect_smart() { # expect_smart LANG WANT [FRONT-MATTER LINE]
    got=$(smart_of "$1" "${3:-}")
    [ "$got" = "$2" ] || fail "smart $1: '$got', expected '$2'"
    echo "smart $1: $got"
}
expect_smart en "“One ‘two’ one” don’t \"c\" 5'11\" ‘s’"
expect_smart ru "«One „two“ one» don’t \"c\" 5'11\" „s“"
expect_smart de "„One ‚two‘ one“ don’t \"c\" 5'11\" ‚s‘"
expect_smart fr "« One “two” one » don’t \"c\" 5'11\" “s”"
expect_smart en "\"One 'two' one\" don't \"c\" 5'11\" 's'" "smart-quotes: false"
# a quotation in a heading keeps its marks in the contents and the bookmarks
printf -- '---\ntitle: T\nlang: ru\ntoc: true\n---\n\n# Дело "Омарова"\n\nТекст.\n' > "$T/h.md"
expect_status 0 "$DOSSIER" -o "$T/h.pdf" "$T/h.md"
[ "$(pdftotext -enc UTF-8 "$T/h.pdf" - | grep -cF 'Дело «Омарова»')" -ge 2 ] || fail "the heading's quotation is not in the contents and the body"
PY=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import pikepdf' 2> /dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || fail "no python3 with pikepdf (Debian python3-pikepdf)"
"$PY" - "$T/h.pdf" <<'PY' || fail "the bookmark lost the quotation marks"
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as pdf, pdf.open_outline() as o:
    titles = [str(i.title) for i in o.root]
print("bookmarks:", titles)
sys.exit(0 if "Дело «Омарова»" in titles else 1)
PY

# the withheld mark of a heading is the sheet's, in the language, in the
# contents and the bookmarks too
printf -- '---\ntitle: T\nlang: ru\ntoc: true\nredact: [Daniyar Kemelbekov]\n---\n\n# Дело Daniyar Kemelbekov\n\nТекст.\n' > "$T/w.md"
expect_status 0 "$DOSSIER" --edition=public -o "$T/w.pdf" "$T/w.md"
[ "$(pdftotext -enc UTF-8 "$T/w.pdf" - | grep -cF 'Дело [изъято]')" -ge 2 ] || fail "the contents' entry does not show the Russian mark"
pdftotext -enc UTF-8 "$T/w.pdf" - | grep -qF 'withheld' && fail "an English mark in a Russian public edition"
"$PY" - "$T/w.pdf" <<'PY' || fail "the bookmark does not show the Russian mark"
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as pdf, pdf.open_outline() as o:
    titles = [str(i.title) for i in o.root]
print("bookmarks:", titles)
sys.exit(0 if "Дело [изъято]" in titles else 1)
PY

# numbers: a table asking for `auto` and a chart's values take the
# separators of the language (number-format in the sheet); `-` columns
# and cells that are no plain number stay as written
numbers_of() { # numbers_of LANG [SHEET]: the table's and the chart's numbers, one line
    printf -- '---\nlang: %s\ncover: false\ntoc: false\n---\n\n```{table}\n:number-format: - auto\nName,Count\n1234.5,1234567.25\nB,2024 cases\n```\n\n```{chart}\n:type: hbar\n:values: show\nYear,Cases\nA,12345.5\n```\n' "$1" > "$T/n-$1.md"
    expect_status 0 "$DOSSIER" ${2:+-s "$2"} -o "$T/n-$1.pdf" "$T/n-$1.md"
    [ ! -s "$T/err" ] || fail "numbers $1: diagnostics: $(cat "$T/err")"
    pdftotext -enc UTF-8 "$T/n-$1.pdf" - | tr '\n' ' ' | tr -s ' '
}
expect_numbers() { # expect_numbers LANG SHEET WANT...: each in the text
    lang=$1
    sheet=$2
    shift 2
    got=$(numbers_of "$lang" "$sheet")
    for want in "$@"; do
        case "$got" in
        *"$want"*) ;;
        *) fail "numbers $lang: '$want' not in '$got'" ;;
        esac
    done
    echo "numbers $lang: ok"
}
nnbsp=$(printf '\342\200\257')
expect_numbers en "" "1234.5 1,234,567.25" "2024 cases" "12,345.5"
expect_numbers ru "" "1234.5 1${nnbsp}234${nnbsp}567,25" "2024 cases" "12${nnbsp}345,5"
expect_numbers de "" "1.234.567,25" "12.345,5"
expect_numbers fr "" "1${nnbsp}234${nnbsp}567,25"
expect_numbers tr "" "1.234.567,25"
expect_numbers ar "" "1٬234٬567٫25" "12٬345٫5"
# native digits by the style's choice
printf ':lang(ar) { number-format: "١٬٢٣٤٫٥"; }\n' > "$T/digits.css"
expect_numbers ar "$T/digits.css" "١٬٢٣٤٬٥٦٧٫٢٥" "١٢٬٣٤٥٫٥"
exit 0
