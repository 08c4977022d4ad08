# Bad table and chart data: each problem is an error at its file and line,
# the exit status is 1, and no PDF is written.
. tests/tools/lib.sh
mkdir -p "$T/data"
head='---
title: Bad data
cover: false
toc: false
---
'
# check NAME PATTERN: compiles $T/NAME.md, expects exit 1 and PATTERN on stderr
check() {
    expect_status 1 "$DOSSIER" -o "$T/$1.pdf" "$T/$1.md"
    expect_err "$2"
    expect_no_file "$T/$1.pdf"
}

printf 'Name,Year\nAbzhan,2023\n"Mamay, Zhanbolat",2023,extra\n' > "$T/data/fields.csv"
printf '%s\n```{table}\n:file: data/fields.csv\n```\n' "$head" > "$T/fields.md"
check fields "data/fields.csv:3:1: error: CSV row has 3 fields where the first row has 2"

printf '%s\n```{table}\nName,Year\nAbzhan\nMamay,2023\n```\n' "$head" > "$T/inline.md"
check inline "inline.md:9:1: error: CSV row has 1 field where the first row has 2"

printf '%s\n```{chart}\n:type: hbar\nStation,Count\nObserved,128\nNegative,fifty-eight\n```\n' "$head" > "$T/chart.md"
check chart "chart.md:11:1: error: chart value 'fifty-eight' \(row 'Negative', column 'Count'\) is not a number"

printf '%s\n```{table}\n:caption: Nothing\n```\n' "$head" > "$T/empty.md"
check empty "empty.md:7:1: error: the \{table\} has no data"

: > "$T/data/empty.csv"
printf '%s\n```{table}\n:file: data/empty.csv\n```\n' "$head" > "$T/emptyfile.md"
check emptyfile "emptyfile.md:8:1: error: data file 'data/empty.csv' holds no rows"

printf '%s\n```{chart}\nStation,Count\n```\n' "$head" > "$T/nodata.md"
check nodata "nodata.md:8:1: error: the \{chart\} needs a header row"

printf '%s\nText.\n\n```{table}\n:caption: Cases\n:file: data/missing.csv\n```\n' "$head" > "$T/missing.md"
check missing "missing.md:11:1: error: cannot read data file 'data/missing.csv'"

printf 'Name,Note\nAbzhan,"never closed\nMamay,x\n' > "$T/data/quote.csv"
printf '%s\n```{table}\n:file: data/quote.csv\n```\n' "$head" > "$T/quote.md"
check quote "data/quote.csv:2:1: error: malformed CSV"

printf '%s\n```{chart}\nYear,Cases\n2022,-3\n```\n' "$head" > "$T/negative.md"
check negative "negative.md:9:1: error: chart value -3 is negative"

# every bad row is reported, not only the first
printf 'a,b\n1\n2\n3,4\n5,6,7\n' > "$T/data/many.csv"
printf '%s\n```{table}\n:file: data/many.csv\n```\n' "$head" > "$T/many.md"
check many "data/many.csv:2:1: error"
expect_err "data/many.csv:3:1: error"
expect_err "data/many.csv:5:1: error"
