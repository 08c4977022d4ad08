#!/usr/bin/env python3
"""Compiles every example of the CommonMark and GFM specs and checks that
its text reaches the PDF.

usage: spec_words.py DOSSIER EXPECTED SPEC.txt...

Each example's Markdown (the spec writes tabs as →) is compiled on its
own, under a time limit, to a PDF; pdftotext gives the PDF's text. The
expected words are those of the example's HTML output with the tags
stripped and entities decoded. An example passes when the program exits
0, says nothing, and every expected word is in the PDF (case folded:
style sheets may transform case).

EXPECTED lists the examples that deserve a diagnostic, one a line:
`FILE NUMBER WORDS STATUS REGEX`. Such an example must exit with STATUS,
print a diagnostic matching REGEX (`-`: none is required) and leave no PDF
when STATUS is not 0. WORDS is `words` when its words must still all be in
the PDF, `nowords` when its content is deliberately not rendered as
written (raw HTML, an image that is not there). FILE and NUMBER `*` make a
line a diagnostic allowed in any example (words are then still compared).
A crash, a hang, an unexpected diagnostic or a missing word fails the
test; so does an entry for an example that does not exist.
"""
import collections
import concurrent.futures
import html
import os
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*", re.UNICODE)
FENCE = "`" * 32
TIME_LIMIT = 20  # seconds per example: a hang fails instead of blocking CI


def examples(path):
    """(number, markdown, html) for each example, numbered from 1 per file."""
    out = []
    state, md, ht = None, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if state is None and line.startswith(FENCE + " example"):
                state, md, ht = "md", [], []
            elif state == "md" and line == ".\n":
                state = "html"
            elif state is not None and line.rstrip("\n") == FENCE:
                out.append((len(out) + 1, "".join(md).replace("→", "\t"), "".join(ht).replace("→", "\t")))
                state = None
            elif state == "md":
                md.append(line)
            elif state == "html":
                ht.append(line)
    return out


BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|pre|blockquote|table|thead|tbody|tr|td|th|hr|br|div|section)\b[^>]*>")


def html_words(h):
    # block tags separate words; inline tags do not (foo<em>bar</em> is one word)
    text = re.sub(r"<[^>]*>", "", BLOCK_TAG.sub("\n", h))
    return [w.casefold().replace("’", "'") for w in WORD.findall(html.unescape(text))]


def load_expected(path):
    exp, anywhere = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            name, num, words, status, regex = line.split(None, 4)
            if words not in ("words", "nowords"):
                raise SystemExit("%s: '%s': the third column is words or nowords" % (path, line))
            entry = (words == "words", int(status), None if regex == "-" else re.compile(regex))
            if name == "*":
                anywhere.append(entry[2])
            else:
                exp[(name, int(num))] = entry
    return exp, anywhere


def pdf_words(pdf):
    # -raw keeps the content stream's order, which is reading order here
    t = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, timeout=TIME_LIMIT)
    if t.returncode != 0:
        return None, t.stderr.decode("utf-8", "replace")
    # an apostrophe is the same typed straight or set typographic (smart quotes)
    return {w.casefold().replace("’", "'") for w in WORD.findall(t.stdout.decode("utf-8", "replace"))}, ""


def run_one(dossier, tmp, name, num, md, ht, expected, anywhere):
    base = os.path.join(tmp, "%s-%d" % (name, num))
    src, pdf = base + ".md", base + ".pdf"
    with open(src, "w", encoding="utf-8") as f:
        f.write(md)
    where = "%s example %d" % (name, num)
    try:
        p = subprocess.run([dossier, "-o", pdf, src], capture_output=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return "%s: no result within %d s" % (where, TIME_LIMIT)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        return "%s: exit status %d\n%s" % (where, p.returncode, err[-2000:])
    words, status, regex = expected.get((name, num), (True, 0, None))
    if p.returncode != status:
        return "%s: exit status %d, expected %d\n%s" % (where, p.returncode, status, err)
    if status != 0:
        return "%s: failed but left %s" % (where, pdf) if os.path.exists(pdf) else None
    if regex and not regex.search(err):
        return "%s: no diagnostic matching '%s'\n%s" % (where, regex.pattern, err)
    if (name, num) not in expected:
        for line in err.splitlines():
            if line.startswith(" "):
                continue  # the source excerpt under a diagnostic
            if not any(a.search(line) for a in anywhere):
                return "%s: unexpected diagnostic\n%s\n--- markdown:\n%s" % (where, err, md)
    if not words:
        return None
    found, why = pdf_words(pdf)
    if found is None:
        return "%s: pdftotext failed: %s" % (where, why)
    missing = sorted({w for w in html_words(ht) if w not in found})
    if missing:
        return "%s: words missing from the PDF: %s\n--- markdown:\n%s" % (where, " ".join(missing), md)
    keep = os.environ.get("SPEC_PDF_DIR")
    if keep:  # for further checks of the PDFs (tagging)
        os.replace(pdf, os.path.join(keep, os.path.basename(pdf)))
    else:
        os.unlink(pdf)
    return None


def main():
    dossier, expected_path, specs = sys.argv[1], sys.argv[2], sys.argv[3:]
    expected, anywhere = load_expected(expected_path)
    jobs = []
    for spec in specs:
        name = os.path.basename(spec)
        for num, md, ht in examples(spec):
            jobs.append((name, num, md, ht))
    names = {(n, k) for n, k, _, _ in jobs}
    stale = [k for k in expected if k not in names]
    failures = ["%s example %d: listed in %s but there is no such example" % (k[0], k[1], expected_path) for k in stale]
    workers = int(os.environ.get("SPEC_JOBS", "2"))
    with tempfile.TemporaryDirectory() as tmp:
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run_one, dossier, tmp, n, k, md, ht, expected, anywhere) for n, k, md, ht in jobs]
            for fut in futures:
                r = fut.result()
                if r:
                    failures.append(r)
    per_file = collections.Counter(n for n, _, _, _ in jobs)
    print("spec examples: " + ", ".join("%s %d" % kv for kv in sorted(per_file.items())) +
          "; %d listed as not rendered as written" % len(expected))
    for f in failures:
        print("FAIL " + f)
    print("%d examples, %d failed" % (len(jobs), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
