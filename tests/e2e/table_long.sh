# A table of 2,000 rows (names in Latin and Cyrillic) compiles; every page
# carries the header row, every page after the first the continued
# caption, and every name appears exactly once in the PDF's text.
. tests/tools/lib.sh
rows=2000
awk -v n=$rows 'BEGIN {
    split("Aliya Marat Zhanbolat Dana Yerlan Gulnara Askar Saule Nurlan Aigerim", lat, " ")
    split("Алия Марат Жанболат Дана Ерлан Гульнара Аскар Сауле Нурлан Айгерим", cyr, " ")
    split("Abenova Serikov Mamay Kim Tokayeva Zhylanbaev", lsur, " ")
    split("Абенова Сериков Мамай Ким Токаева Жыланбаев", csur, " ")
    print "---\ntitle: Long table\ncover: false\ntoc: false\n---\n"
    print "```{table}\n:caption: Prosecuted persons\n:class: cases\n:align: r l l l"
    print "No.,Full name,Region,Charge"
    for (i = 1; i <= n; i++) {
        if (i % 2) name = lat[i % 10 + 1] " " lsur[i % 6 + 1]
        else name = cyr[i % 10 + 1] " " csur[i % 6 + 1]
        printf "%d,%s %04d,\"Almaty, district %d\",\"Participation in an \"\"unauthorized\"\" rally\"\n", i, name, i, i % 9
    }
    print "```"
}' > "$T/long.md"
expect_status 0 "$DOSSIER" -o "$T/long.pdf" "$T/long.md"
[ ! -s "$T/err" ] || { cat "$T/err"; fail "the long table printed diagnostics"; }
pages=$(pdfinfo "$T/long.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 40 ] || fail "only $pages pages for $rows rows"
n=1
while [ "$n" -le "$pages" ]; do
    pdftotext -f "$n" -l "$n" "$T/long.pdf" "$T/page.txt" || fail "pdftotext failed on page $n"
    grep -q "FULL NAME" "$T/page.txt" || fail "page $n has no header row"
    if [ "$n" -gt 1 ]; then
        grep -q "Prosecuted persons (continued)" "$T/page.txt" || fail "page $n has no continued caption"
    fi
    n=$((n + 1))
done
pdftotext "$T/long.pdf" "$T/all.txt" || fail "pdftotext failed"
# each name is unique by its number: count every one in a single pass
awk -v n=$rows '
    { while (match($0, /[^ ]+ [^ ]+ [0-9][0-9][0-9][0-9]/)) {
          seen[substr($0, RSTART, RLENGTH)]++
          $0 = substr($0, RSTART + RLENGTH) } }
    END {
        split("Aliya Marat Zhanbolat Dana Yerlan Gulnara Askar Saule Nurlan Aigerim", lat, " ")
        split("Алия Марат Жанболат Дана Ерлан Гульнара Аскар Сауле Нурлан Айгерим", cyr, " ")
        split("Abenova Serikov Mamay Kim Tokayeva Zhylanbaev", lsur, " ")
        split("Абенова Сериков Мамай Ким Токаева Жыланбаев", csur, " ")
        bad = 0
        for (i = 1; i <= n; i++) {
            if (i % 2) name = lat[i % 10 + 1] " " lsur[i % 6 + 1]
            else name = cyr[i % 10 + 1] " " csur[i % 6 + 1]
            key = sprintf("%s %04d", name, i)
            if (seen[key] != 1) { print key ": " (seen[key] + 0) " times"; bad++ }
        }
        exit bad > 0
    }' "$T/all.txt" > "$T/names" || { head "$T/names"; fail "names missing or repeated"; }
