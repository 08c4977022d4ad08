# Every input the fuzzer found a crash, hang or sanitizer report with runs
# through the whole pipeline again without one (the fuzz target linked as
# a plain program: under the sanitizer build this replays them there).
. tests/tools/lib.sh
replay="$BUILD/tests/fuzz_replay"
[ -x "$replay" ] || fail "$replay is not built"
n=0
for f in tests/fuzz/regressions/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    timeout 20 "$replay" "$f" > "$T/out" 2>&1
    status=$?
    [ "$status" -eq 124 ] && fail "$f: no result within 20 s"
    [ "$status" -eq 0 ] || { cat "$T/out"; fail "$f: exit status $status"; }
done
[ "$n" -gt 0 ] || fail "no regression inputs in tests/fuzz/regressions"
echo "$n regression inputs replayed"
