#!/bin/sh
# Runs the whole suite: unit tests (cmocka) and end-to-end tests on the
# plain build; the same again on the AddressSanitizer and
# UndefinedBehaviorSanitizer build when one is given; then valgrind on the
# dossiers in sources/.
# usage: tests/run.sh BUILD_DIR [SANITIZER_BUILD_DIR]
# Prints one line per test group and a final count, "N passed, N failed,
# N skipped"; exits 1 on any failure (a sanitizer or valgrind report is a
# failure). An e2e script that exits 77 could not run here: it is counted
# as skipped, never as passed.
set -u
PLAIN=${1:-build}
SANITIZED=${2:-}
pass=0
fail=0
skipped=0
failed=""
skipped_names=""

# A sanitizer report exits 99 (not 1, which the program uses for input
# errors) and LeakSanitizer 23; both fail whatever test saw them.
export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
export LSAN_OPTIONS=exitcode=23

# record NAME STATUS LOG SHOW: counts one test; a failure shows its log
# through SHOW ("tail -n 20": a script's last words; "head -n 40": the
# first reports of valgrind)
record() {
    if [ "$2" -eq 77 ]; then
        skipped=$((skipped + 1))
        skipped_names="$skipped_names $1"
        echo "skip $1 ($(grep -m1 '^skipped: ' "$3" | sed 's/^skipped: //'))"
    elif [ "$2" -eq 0 ]; then
        pass=$((pass + 1))
        echo "ok   $1"
    else
        fail=$((fail + 1))
        failed="$failed $1"
        echo "FAIL $1"
        $4 "$3" | sed 's/^/    /'
    fi
}

# run_suite BUILD LABEL: unit and e2e tests against the binaries in BUILD
run_suite() {
    BUILD=$1
    label=$2
    export BUILD
    export DOSSIER="$BUILD/dossier"
    # caches (fontconfig, hyphenation) go to the build folder, not the home
    export XDG_CACHE_HOME="$BUILD/cache"
    # cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..."
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        out=$("$t" 2>&1)
        status=$?
        p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
        f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
        p=${p:-0}
        f=${f:-0}
        if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
            f=1 # crashed, or a sanitizer report, before or after cmocka counted
        fi
        pass=$((pass + p))
        fail=$((fail + f))
        if [ "$f" -ne 0 ]; then
            printf '%s\n' "$out" | grep -E '^\[  (FAILED|  ERROR)|^\[ +ERROR|Failure|error|ERROR: |runtime error' | head -20
            failed="$failed $label$name"
            echo "FAIL ${label}unit/$name ($p passed, $f failed, exit $status)"
        else
            echo "ok   ${label}unit/$name ($p)"
        fi
    done

    # End-to-end tests: each script is one test; it prints why when it fails.
    for t in tests/e2e/*.sh; do
        [ -f "$t" ] || continue
        name=$(basename "$t" .sh)
        log="$BUILD/e2e-$name.log"
        sh "$t" > "$log" 2>&1
        record "${label}e2e/$name" $? "$log" "tail -n 20"
    done
}

run_suite "$PLAIN" ""
if [ -n "$SANITIZED" ]; then
    run_suite "$SANITIZED" "asan+ubsan/"
fi

# valgrind on every dossier: no errors, no definite or indirect leaks
# (tests/valgrind.supp holds the few leaks of the libraries themselves)
# Each runs twice: first with an empty cache, so that writing the
# hyphenation cache is checked too, then reading what it wrote.
BUILD=$PLAIN
for src in sources/*.md; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .md)
    export XDG_CACHE_HOME="$BUILD/valgrind-cache"
    rm -rf "$XDG_CACHE_HOME"
    for pass_name in "$name/cache-written" "$name"; do
        log="$BUILD/valgrind-$name.log"
        valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --show-leak-kinds=definite,indirect --suppressions=tests/valgrind.supp \
            "$BUILD/dossier" -o "$BUILD/valgrind-$name.pdf" "$src" > "$log" 2>&1
        record "valgrind/$pass_name" $? "$log" "head -n 40"
        rm -f "$BUILD/valgrind-$name.pdf"
    done
    rm -rf "$XDG_CACHE_HOME"
done

[ "$skipped" -eq 0 ] || echo "skipped:$skipped_names"
echo "tests: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
