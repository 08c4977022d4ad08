# Generated words in the document's language: the contents title, "Key
# findings" and "Recommendations" (boxes without a title), the table label
# and "(continued)", "page X of Y" in each language's word order, all from
# the shipped style sheet's :lang() rules. A language the sheets do not
# know falls back to English with a note under -v; an author's sheet
# overrides any word; a block's :lang: changes its own words.
. tests/tools/lib.sh
# A dossier with a contents page, a summary, recommendations and a table
# long enough to continue on a second page.
make_doc() { # make_doc LANG FILE
    {
        printf -- '---\ntitle: Test\nlang: %s\ncover: false\n---\n\n' "$1"
        printf '# One\n\n```{summary}\n- Point.\n```\n\n```{recommendations}\n1. Act.\n```\n\n'
        printf '```{table}\n:caption: Cases\nName,Count\n'
        i=1
        while [ $i -le 70 ]; do printf 'Row %d,%d\n' $i $i; i=$((i + 1)); done
        printf '```\n'
    } > "$2"
}
# expect LANG CONTENTS KEY RECS TABLE CONTINUED PAGE: each string in the text
expect_words() {
    lang=$1
    shift
    make_doc "$lang" "$T/$lang.md"
    expect_status 0 "$DOSSIER" -o "$T/$lang.pdf" "$T/$lang.md"
    [ ! -s "$T/err" ] || fail "$lang: diagnostics: $(cat "$T/err")"
    pdftotext -enc UTF-8 "$T/$lang.pdf" "$T/$lang.txt" || fail "$lang: pdftotext failed"
    # box titles are upper-cased by the sheet: compare without case
    python3 - "$T/$lang.txt" "$@" <<'PY' || fail "$lang: words missing (above)"
import sys
# Turkish İ (upper-cased i) folds to i and a combining dot
text = " ".join(open(sys.argv[1], encoding="utf-8").read().split()).casefold().replace("i\u0307", "i")
missing = [w for w in sys.argv[2:] if w.casefold().replace("i\u0307", "i") not in text]
for w in missing:
    print("not in the PDF:", w, file=sys.stderr)
if missing:
    print(text[:600], file=sys.stderr)
sys.exit(1 if missing else 0)
PY
    # no English word is left where a translation exists
    if [ "$lang" != en ]; then
        for english in Contents "KEY FINDINGS" RECOMMENDATIONS "Table 1" "(continued)" "page 2 of"; do
            grep -qF -- "$english" "$T/$lang.txt" && fail "$lang: '$english' is still English"
        done
    fi
    echo "$lang: ok"
}
expect_words en Contents "Key findings" Recommendations "Table 1. Cases" "(continued)" "page 2 of 3"
expect_words ru Содержание "Основные выводы" Рекомендации "Таблица 1. Cases" "(продолжение)" "стр. 2 из 3"
expect_words kk Мазмұны "Негізгі тұжырымдар" Ұсынымдар "1-кесте. Cases" "(жалғасы)" "3 беттің 2-беті"
expect_words uk Зміст "Основні висновки" Рекомендації "Таблиця 1. Cases" "(продовження)" "сторінка 2 з 3"
expect_words be Змест "Асноўныя высновы" Рэкамендацыі "Табліца 1. Cases" "(працяг)" "старонка 2 з 3"
expect_words ky Мазмуну "Негизги жыйынтыктар" Сунуштар "1-таблица. Cases" "(уландысы)" "3 беттин 2-бети"
expect_words uz Mundarija "Asosiy xulosalar" Tavsiyalar "1-jadval. Cases" "(davomi)" "2-sahifa, jami 3"
expect_words de Inhalt "Wichtigste Erkenntnisse" Empfehlungen "Tabelle 1: Cases" "(Fortsetzung)" "Seite 2 von 3"
expect_words fr "Table des matières" "Principales conclusions" Recommandations "Tableau 1" "(suite)" "page 2 sur 3"
expect_words es Índice "Conclusiones principales" Recomendaciones "Tabla 1. Cases" "(continuación)" "página 2 de 3"
expect_words tr İçindekiler "Temel bulgular" Öneriler "Tablo 1. Cases" "(devamı)" "Sayfa 2 / 3"
expect_words pl "Spis treści" "Najważniejsze ustalenia" Rekomendacje "Tabela 1. Cases" "(ciąg dalszy)" "strona 2 z 3"
# a region or script subtag keeps the language's words (BCP 47 prefixes)
expect_words ru-RU Содержание "стр. 2 из 3"
expect_words kk-Cyrl-KZ Мазмұны "3 беттің 2-беті"

# a language the sheets do not know: English, and a note under -v
make_doc tt "$T/tt.md"
expect_status 0 "$DOSSIER" -v -o "$T/tt.pdf" "$T/tt.md"
expect_err "note: the style sheets have no words for language 'tt'; generated words .* are in English"
[ "$(grep -c "no words for language" "$T/err")" = 1 ] || fail "tt: said more than once"
pdftotext -enc UTF-8 "$T/tt.pdf" - | grep -qF "KEY FINDINGS" || fail "tt: no English fallback"
expect_status 0 "$DOSSIER" -o "$T/tt.pdf" "$T/tt.md"
[ ! -s "$T/err" ] || fail "tt: diagnostics without -v: $(cat "$T/err")"

# an author's sheet overrides a word, for its language only
printf 'div.toc > header.title:empty:lang(ru)::before { content: "Оглавление"; }\n' > "$T/own.css"
expect_status 0 "$DOSSIER" -s "$T/own.css" -o "$T/own.pdf" "$T/ru.md"
pdftotext -enc UTF-8 "$T/own.pdf" - | grep -qF "Оглавление" || fail "own: the author's word is not used"
expect_status 0 "$DOSSIER" -s "$T/own.css" -o "$T/own-en.pdf" "$T/en.md"
pdftotext -enc UTF-8 "$T/own-en.pdf" - | grep -qF "Оглавление" && fail "own: the Russian word reached an English document"
# toc-title in the front matter wins over the sheets
sed 's/^lang: ru$/lang: ru\ntoc-title: Обзор/' "$T/ru.md" > "$T/titled.md"
expect_status 0 "$DOSSIER" -o "$T/titled.pdf" "$T/titled.md"
pdftotext -enc UTF-8 "$T/titled.pdf" - > "$T/titled.txt"
grep -qF "Обзор" "$T/titled.txt" || fail "toc-title: not used"
grep -qF "Содержание" "$T/titled.txt" && fail "toc-title: the sheet's title too"

# a block in another language gets its own words: a German summary in an
# English dossier
printf -- '---\ntitle: Test\nlang: en\ncover: false\ntoc: false\n---\n\n```{summary}\n:lang: de\n- Punkt.\n```\n\n```{summary}\n- Point.\n```\n' > "$T/mixed.md"
expect_status 0 "$DOSSIER" -o "$T/mixed.pdf" "$T/mixed.md"
pdftotext -enc UTF-8 "$T/mixed.pdf" - > "$T/mixed.txt"
grep -qF "WICHTIGSTE ERKENNTNISSE" "$T/mixed.txt" || fail "mixed: the German box has no German title"
grep -qF "KEY FINDINGS" "$T/mixed.txt" || fail "mixed: the English box has no English title"
exit 0
