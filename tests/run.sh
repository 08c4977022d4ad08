#!/bin/sh
# Runs the whole suite: unit tests (cmocka), then end-to-end tests.
# usage: tests/run.sh BUILD_DIR
# Prints one line per test group and a final pass/fail count; exits 1 on
# any failure.
set -u
BUILD=${1:-build}
export BUILD
export DOSSIER="$BUILD/dossier"
# caches (fontconfig, hyphenation) go to the build folder, not the home
export XDG_CACHE_HOME="$BUILD/cache"
pass=0
fail=0
failed=""

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
        f=1 # crashed before cmocka could count
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    if [ "$f" -ne 0 ]; then
        printf '%s\n' "$out" | grep -E '^\[  (FAILED|  ERROR)|^\[ +ERROR|Failure|error' | head -20
        failed="$failed $name"
        echo "FAIL unit/$name ($p passed, $f failed)"
    else
        echo "ok   unit/$name ($p)"
    fi
done

# End-to-end tests: each script is one test; it prints why when it fails.
for t in tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    log="$BUILD/e2e-$name.log"
    if sh "$t" > "$log" 2>&1; then
        pass=$((pass + 1))
        echo "ok   e2e/$name"
    else
        fail=$((fail + 1))
        failed="$failed $name"
        echo "FAIL e2e/$name"
        tail -20 "$log" | sed 's/^/    /'
    fi
done

echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
