#!/bin/sh
# Benchmarks dossier against its peers on the same inputs, in one run, and
# writes bench/RESULTS.md. Not part of `make check`.
#
# usage: bench/run.sh BUILD_DIR
#   BENCH_INSTALL=1   install the peers first (Debian packages as root, npm
#                     packages into bench/node_modules)
#   BENCH_RUNS=N      timed runs per command (default 10; 3 for the long input)
#
# Inputs: bench/seed-gfm.md (the seed report as plain GitHub Markdown, 5
# pages) and its body repeated 50 times by bench/make-large.py (~230 pages).
set -u
BUILD=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
DOSSIER="$ROOT/$BUILD/dossier"
RUNS=${BENCH_RUNS:-10}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/dossier-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
RESULTS="$HERE/RESULTS.md"
export XDG_CACHE_HOME="$OUT/cache"

need() { command -v "$1" > /dev/null 2>&1; }

if [ "${BENCH_INSTALL:-0}" = 1 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine pandoc texlive-latex-recommended \
            texlive-fonts-recommended lmodern weasyprint > "$OUT/apt.log" 2>&1 ||
            echo "bench: installing Debian peers failed (see apt-get); going on with what is there"
    else
        echo "bench: not root, so Debian peers are not installed"
    fi
    if need npm; then
        (cd "$HERE" && npm install --no-audit --no-fund --silent @mdxport/cli@0.3.2 \
            @myriaddreamin/typst-ts-node-compiler > "$OUT/npm.log" 2>&1) ||
            echo "bench: installing npm peers failed; going on with what is there"
    fi
fi

need hyperfine || { echo "bench: hyperfine is missing (apt-get install hyperfine, or BENCH_INSTALL=1)"; exit 1; }
[ -x "$DOSSIER" ] || { echo "bench: $DOSSIER is missing; run make first"; exit 1; }

cp "$HERE/seed-gfm.md" "$OUT/seed.md"
python3 "$HERE/make-large.py" "$HERE/seed-gfm.md" 50 > "$OUT/large.md"

# name|command with {in} and {out}|available?
peers() {
    printf '%s\n' "dossier|$DOSSIER -o {out} {in}|yes"
    if need pandoc && need pdflatex; then
        # pdflatex needs to be told what U+2212 (minus) is
        printf '%s\n' "pandoc + pdflatex|pandoc {in} -V papersize=a4 -V 'header-includes=\\DeclareUnicodeCharacter{2212}{\\textminus}' --pdf-engine=pdflatex -o {out}|yes"
    else
        printf '%s\n' "pandoc + pdflatex||pandoc or pdflatex not installed"
    fi
    if need pandoc && need weasyprint; then
        printf '%s\n' "pandoc + WeasyPrint|pandoc {in} -s -o {out}.html --metadata title=Report && weasyprint -q {out}.html {out}|yes"
    else
        printf '%s\n' "pandoc + WeasyPrint||pandoc or weasyprint not installed"
    fi
    if need pandoc && pandoc --list-output-formats 2>/dev/null | grep -qx typst && [ -d "$HERE/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
        printf '%s\n' "pandoc + Typst (node compiler)|pandoc {in} -s -t typst -o {out}.typ && node $HERE/typst-pdf.mjs {out}.typ {out}|yes"
    else
        printf '%s\n' "pandoc + Typst (node compiler)||needs pandoc 3 (typst writer) and the npm compiler"
    fi
    if [ -x "$HERE/node_modules/.bin/mdxport" ]; then
        printf '%s\n' "mdxport (Typst inside)|$HERE/node_modules/.bin/mdxport --quiet -o {out} {in}|yes"
    else
        printf '%s\n' "mdxport (Typst inside)||npm @mdxport/cli not installed (BENCH_INSTALL=1)"
    fi
}

median_of() { # hyperfine JSON -> median seconds
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"
}

peak_mb() { # peak resident memory of a shell script, in MB
    /usr/bin/time -f "%M" -o "$OUT/time.txt" sh "$1" > /dev/null 2>&1
    echo $(($(tail -1 "$OUT/time.txt") / 1024))
}

measure() { # name cmd input label runs
    name=$1 cmd=$2 input=$3 label=$4 runs=$5
    pdf="$OUT/$(printf '%s-%s' "$name" "$label" | tr -c 'A-Za-z0-9' '-').pdf"
    c=$(printf '%s' "$cmd" | sed "s|{in}|$input|g; s|{out}|$pdf|g")
    if ! sh -c "$c" > "$OUT/run.log" 2>&1; then
        echo "| $name | $label | failed: $(tail -1 "$OUT/run.log" | cut -c1-60) | | | | |"
        return
    fi
    printf '%s\n' "$c" > "$OUT/cmd.sh"
    # a plain command runs without a shell in between; pipelines through sh
    case $c in
    *"&&"* | *"'"*) timed="sh $OUT/cmd.sh" ;;
    *) timed=$c ;;
    esac
    rm -f "$OUT/run.json"
    if ! hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$OUT/run.json" "$timed" > "$OUT/hyperfine.log" 2>&1; then
        echo "| $name | $label | hyperfine failed: $(tail -1 "$OUT/hyperfine.log" | cut -c1-60) | | | | |"
        return
    fi
    med=$(median_of "$OUT/run.json")
    mem=$(peak_mb "$OUT/cmd.sh")
    pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    size=$(wc -c < "$pdf")
    # the first pipeline measured (dossier) is the reference for the ratio
    ref_file="$OUT/ref-$(printf '%s' "$label" | tr -c 'A-Za-z0-9' '-')"
    [ -f "$ref_file" ] || echo "$med" > "$ref_file"
    ratio=$(python3 -c 'import sys; print("%.1f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$med" "$(cat "$ref_file")")
    python3 -c 'import sys; print("| %s | %s | %.1f ms | %s× | %s MB | %s | %s KB |" % (sys.argv[1], sys.argv[2], float(sys.argv[3]) * 1000, sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]))' \
        "$name" "$label" "$med" "$ratio" "$mem" "$pages" "$((size / 1024))"
}

{
    echo "# Benchmarks"
    echo
    echo "Measured by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d), in one run:"
    echo "$(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GB,"
    echo "$(. /etc/os-release && echo "$PRETTY_NAME")."
    echo "Median of $RUNS runs (3 for the long input) by hyperfine; peak memory by /usr/bin/time;"
    echo "A4 output with embedded fonts."
    echo
    echo "| pipeline | input | median time | vs dossier | peak memory | pages | size |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
    peers | while IFS='|' read -r name cmd avail; do
        if [ "$avail" != yes ]; then
            echo "| $name | — | skipped: $avail | | | | |"
            continue
        fi
        measure "$name" "$cmd" "$OUT/seed.md" "seed (5 pages)" "$RUNS"
        measure "$name" "$cmd" "$OUT/large.md" "seed x 50" 3
    done
    # the dossier in sources/ uses dossier's own directives (tables from CSV,
    # a chart, a cover): the peers cannot read it
    for src in "$ROOT"/sources/*.md; do
        measure dossier "$DOSSIER -o {out} {in}" "$src" "sources/$(basename "$src")" "$RUNS"
    done
    echo
    echo "Commands (\`{in}\`, \`{out}\` stand for the input and the PDF):"
    echo
    peers | while IFS='|' read -r name cmd avail; do
        [ "$avail" = yes ] && printf -- '- %s: `%s`\n' "$name" "$cmd" | sed "s|$ROOT/||g"
    done
    echo
    echo "## Scaling"
    echo
    echo "dossier's time per page as the document grows (the seed body repeated):"
    echo
    echo "| repeats | pages | median time | per page | peak memory |"
    echo "| --- | --- | --- | --- | --- |"
    for n in 2 20 200; do
        python3 "$HERE/make-large.py" "$HERE/seed-gfm.md" "$n" > "$OUT/scale-$n.md"
        hyperfine -N --style none --warmup 1 --runs 3 --export-json "$OUT/scale-$n.json" \
            "$DOSSIER -o $OUT/scale-$n.pdf $OUT/scale-$n.md" > /dev/null 2>&1
        med=$(median_of "$OUT/scale-$n.json")
        pages=$(pdfinfo "$OUT/scale-$n.pdf" | sed -n 's/^Pages: *//p')
        echo "$DOSSIER -o $OUT/scale-$n.pdf $OUT/scale-$n.md" > "$OUT/cmd.sh"
        mem=$(peak_mb "$OUT/cmd.sh")
        python3 -c 'import sys; m, p = float(sys.argv[1]), int(sys.argv[2]); print("| %s | %d | %.3f s | %.2f ms | %s MB |" % (sys.argv[4], p, m, m / p * 1000, sys.argv[3]))' \
            "$med" "$pages" "$mem" "$n"
    done
} > "$OUT/results.md"

# the other benchmarks, when their scripts are there
for extra in typography tables watch; do
    if [ -x "$HERE/$extra.sh" ] || [ -f "$HERE/$extra.sh" ]; then
        echo >> "$OUT/results.md"
        sh "$HERE/$extra.sh" "$BUILD" >> "$OUT/results.md" 2>&1 || echo "bench: $extra.sh failed" >> "$OUT/results.md"
    fi
done

cp "$OUT/results.md" "$RESULTS"
cat "$RESULTS"
