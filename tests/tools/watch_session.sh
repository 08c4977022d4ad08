# A --watch session driven step by step, for tests/e2e/watch.sh and the
# valgrind run of tests/run.sh. Sourced after tests/tools/lib.sh, with
#   WATCH_CMD   the command to start, e.g. "$DOSSIER" or "valgrind ... $DOSSIER"
#   W           a folder to work in
# It writes a dossier with a style sheet and a CSV file, starts
#   WATCH_CMD --watch -o $W/out.pdf $W/src.md   (stderr in $W/log)
# and offers: wait_builds N, change_source WORD, change_sheet, change_csv,
# break_source, fix_source, stop_watch SIGNAL.

write_sources() {
    mkdir -p "$W/data"
    printf -- '---\ntitle: Watched\ncover: false\ntoc: false\nstyle: local.css\n---\n\nThe first word is alpha.\n\n```{table}\n:caption: Figures\n:file: data/figures.csv\n```\n' > "$W/src.md"
    printf 'p { color: #333333; }\n' > "$W/local.css"
    printf 'Name,Value\nfirst,1\n' > "$W/data/figures.csv"
}

start_watch() {
    : > "$W/log" # emptied before the background job opens it, so no old count is read
    $WATCH_CMD --watch -o "$W/out.pdf" "$W/src.md" 2> "$W/log" &
    watch_pid=$!
}

# builds so far: one status line each, "built" or "failed"
builds() { grep -cE '^\[[0-9:]+\] (built|failed)' "$W/log"; }

# wait_builds N [SECONDS]: until N builds have been reported
wait_builds() {
    limit=$((${2:-20} * 10))
    while [ "$(builds)" -lt "$1" ]; do
        limit=$((limit - 1))
        [ "$limit" -gt 0 ] || { cat "$W/log"; fail "build $1 was not reported in time"; }
        kill -0 "$watch_pid" 2> /dev/null || { cat "$W/log"; fail "the watch ended early"; }
        sleep 0.1
    done
}

# an editor's save: write a new file and rename it over the old one
save_by_rename() {
    cat > "$1.swp"
    mv "$1.swp" "$1"
}

change_source() {
    sed "s/The first word is [a-z]*\./The first word is $1./" "$W/src.md" | save_by_rename "$W/src.md"
}
change_sheet() { printf '@page { size: A5; }\np { color: #333333; }\n' > "$W/local.css"; }
change_csv() { printf 'Name,Value\nfirst,1\nsecond,22\n' > "$W/data/figures.csv"; }
# a table row with too many fields is an error
break_source() {
    cp "$W/src.md" "$W/src.good"
    printf '\n```{table}\nA,B\n1,2,3\n```\n' >> "$W/src.md"
}
fix_source() { save_by_rename "$W/src.md" < "$W/src.good"; }

stop_watch() {
    kill "-$1" "$watch_pid"
    wait "$watch_pid"
    watch_status=$?
}
