#!/usr/bin/env python3
"""Breaks a tagged PDF in one way, so the tests can show that
tagcheck.py notices (a checker that passes everything proves nothing).

usage: tagmutate.py IN.pdf OUT.pdf HOW
HOW: untagged-paint  a text operator outside marked content
     orphan-mcid     an element forgets one of its MCIDs
     no-lang         the catalog loses /Lang
     unbalanced      an EMC goes missing
     figure-alt      a Figure loses its /Alt (when the PDF has one)
     bad-nesting     an LI is moved directly under the Document
     parent-tree     the ParentTree's first page array is emptied
     bad-lang        the first element with a /Lang gets one that is no
                     language tag (the catalog's, when none has)
     bullet-artifact the first list item's marker becomes an artifact
                     again: its Lbl leaves the tree, its marked content
                     turns into /Artifact
"""
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name


def elements(node):
    kids = node.get("/K")
    kids = [kids] if isinstance(kids, Dictionary) else list(kids) if isinstance(kids, Array) else []
    for k in kids:
        if isinstance(k, Dictionary) and "/S" in k:
            yield k
            yield from elements(k)


def first(pdf, role):
    return next(e for e in elements(pdf.Root.StructTreeRoot) if e.S == Name("/" + role))


def rewrite_first_page(pdf, change):
    page = pdf.pages[0]
    ops = pikepdf.parse_content_stream(page)
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(change(ops)))


def main():
    src, out, how = sys.argv[1:4]
    pdf = pikepdf.open(src)
    if how == "untagged-paint":
        rewrite_first_page(pdf, lambda ops: ops + [pikepdf.ContentStreamInstruction([], pikepdf.Operator("BT")),
                                                   pikepdf.ContentStreamInstruction([pikepdf.String("x")], pikepdf.Operator("Tj")),
                                                   pikepdf.ContentStreamInstruction([], pikepdf.Operator("ET"))])
    elif how == "unbalanced":
        def drop_emc(ops):
            i = max(k for k, (_, op) in enumerate(ops) if str(op) == "EMC")
            return ops[:i] + ops[i + 1:]
        rewrite_first_page(pdf, drop_emc)
    elif how == "orphan-mcid":
        e = next(e for e in elements(pdf.Root.StructTreeRoot) if "/Pg" in e)
        k = e.K
        e.K = Array(list(k)[1:]) if isinstance(k, Array) else Array([])
    elif how == "no-lang":
        del pdf.Root["/Lang"]
    elif how == "figure-alt":
        del first(pdf, "Figure")["/Alt"]
    elif how == "bad-nesting":
        li = first(pdf, "LI")
        doc = pdf.Root.StructTreeRoot.K
        doc = doc[0] if isinstance(doc, Array) else doc
        doc.K.append(li)
    elif how == "parent-tree":
        pt = pdf.Root.StructTreeRoot.ParentTree
        leaf = pt if "/Nums" in pt else pt.Kids[0]
        leaf.Nums[1] = Array([])
    elif how == "bad-lang":
        e = next((e for e in elements(pdf.Root.StructTreeRoot) if "/Lang" in e), pdf.Root)
        e.Lang = pikepdf.String("not a language")
    elif how == "bullet-artifact":
        li = first(pdf, "LI")
        lbl = li.K[0]
        li.K = Array(list(li.K)[1:])
        page = next(p for p in pdf.pages if p.objgen == lbl.Pg.objgen)
        ops = pikepdf.parse_content_stream(page)
        mcid = lbl.K if not isinstance(lbl.K, Array) else lbl.K[0]
        for i, (operands, op) in enumerate(ops):
            if str(op) == "BDC" and isinstance(operands[1], Dictionary) and operands[1].get("/MCID") == mcid:
                ops[i] = pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC"))
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        # the ParentTree may still name it: an entry for marked content
        # no element owns is not what this mutation is about
    else:
        sys.exit("unknown mutation " + how)
    pdf.save(out)


if __name__ == "__main__":
    main()
