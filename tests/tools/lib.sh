# Shared by the end-to-end tests: where the binary is, a scratch folder,
# and small assertions that say what failed.
set -u
DOSSIER=${DOSSIER:-build/dossier}
BUILD=${BUILD:-build}
T=$(mktemp -d "${TMPDIR:-/tmp}/dossier-test.XXXXXX")
trap 'rm -rf "$T"' EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# skip REASON: the test cannot run here; tests/run.sh counts it as skipped
skip() {
    echo "skipped: $*"
    exit 77
}

# expect_status WANT CMD...: runs CMD, keeping stderr in $T/err
expect_status() {
    want=$1
    shift
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    [ "$got" -eq "$want" ] || { cat "$T/err" >&2; fail "'$*' exited $got, expected $want"; }
}

# expect_err PATTERN: the last command's stderr matches an extended regex
expect_err() {
    grep -Eq -- "$1" "$T/err" || { cat "$T/err" >&2; fail "stderr does not match '$1'"; }
}

expect_no_file() {
    [ ! -e "$1" ] || fail "$1 exists but should not"
    for f in "$1".tmp.*; do
        [ ! -e "$f" ] || fail "temporary file $f was left behind"
    done
}
