#!/usr/bin/env python3
"""Checks that a PDF is tagged the way PDF/UA-1 asks (no validator for it
is packaged for Debian; this checks the clauses dossier can get wrong).

usage: tagcheck.py PDF [--pdfua] [--pdfa=PART] [--dump] [--untagged]
       tagcheck.py --each PDF...   (the default checks on many PDFs)

Checks:
  - the catalog: /MarkInfo <</Marked true>>, /Lang, /ViewerPreferences
    <</DisplayDocTitle true>>, a /StructTreeRoot, a document title;
  - content: every operator that paints text, paths or images is inside
    marked content with an MCID or inside an /Artifact; BDC/BMC and EMC
    balance within every page and every text object; no MCID twice on a
    page;
  - ownership: every MCID on a page belongs to exactly one structure
    element, every MCID an element claims is drawn, and the ParentTree
    maps each page's MCIDs (and each annotation's StructParent) to that
    element;
  - the tree: standard types only (after the RoleMap), H1-H6 not mixed
    with H; L holds LI (and Caption), LI holds its marker as an Lbl (dossier
    draws one for every item; a bullet is read too) and then its LBody;
    every /Lang (catalog and elements) is a well-formed language tag; Table holds
    THead/TBody/TFoot/TR/Caption, they hold TR, TR holds TH/TD; TH has a
    /Scope; Figure has /Alt; Link holds an OBJR of a link annotation that
    has /Contents; every link annotation is in the tree; pages with
    annotations have /Tabs /S;
  - fonts: every font embedded, with a ToUnicode map;
  - --pdfua: XMP metadata with pdfuaid:part 1 and dc:title, PDF <= 1.7;
  - --pdfa=PART: XMP pdfaid:part is PART;
  - --untagged: the opposite: no structure tree and no marked content.
--dump prints the structure tree (types and attributes) for golden files.
Exit status 1 with a list of problems when a check fails."""
import re
import sys

import pikepdf
from pikepdf import Name, Dictionary, Array

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PATH_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh"}
IMAGE_OPS = {"Do", "INLINE IMAGE", "BI"}

problems = []
# BCP 47, as far as a language tag's shape goes: language, script, region,
# variants and extensions
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
                      r"(-[A-WYZa-wyz0-9](-[A-Za-z0-9]{2,8})+)*(-[xX](-[A-Za-z0-9]{1,8})+)?$")


def check_lang(value, where):
    if not LANG_TAG.match(str(value)):
        problem(f"{where}: /Lang {str(value)!r} is not a language tag")


def problem(msg):
    if len(problems) < 200:
        problems.append(msg)


def key(obj):
    return obj.objgen if obj.is_indirect else id(obj)


def number_tree(node, out, depth=0):
    if depth > 20:
        problem("ParentTree is too deep")
        return
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out, depth + 1)


class Tree:
    def __init__(self, pdf):
        self.pdf = pdf
        self.page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.role_map = {}
        self.owner = {}   # (page index, mcid) -> element
        self.objr = {}    # annotation objgen -> element
        self.elements = []

    def role(self, elem):
        s = str(elem.get("/S", ""))[1:]
        seen = set()
        while s not in STANDARD and s in self.role_map and s not in seen:
            seen.add(s)
            s = self.role_map[s]
        return s

    def walk(self, elem, parent_role, page, depth, dump):
        if depth > 200:
            problem("structure tree deeper than 200")
            return
        if elem.get("/Type") not in (None, Name.StructElem):
            problem(f"a kid of {parent_role} is a {elem.get('/Type')}, not a StructElem")
        role = self.role(elem)
        self.elements.append(elem)
        if role not in STANDARD:
            problem(f"structure type /{elem.get('/S')} is neither standard nor role-mapped")
        pg = elem.get("/Pg", page)
        kids = elem.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, Array):
            kids = [kids]
        if dump is not None:
            attrs = []
            if "/Alt" in elem:
                attrs.append(f'Alt="{str(elem.Alt)}"')
            if "/Lang" in elem:
                attrs.append(f'Lang={str(elem.Lang)}')
            if "/ActualText" in elem:
                attrs.append(f'ActualText="{str(elem.ActualText)}"')
            a = elem.get("/A")
            for d in ([a] if isinstance(a, Dictionary) else list(a) if isinstance(a, Array) else []):
                if "/Scope" in d:
                    attrs.append(f"Scope={str(d.Scope)[1:]}")
            shown = str(elem.get("/S"))[1:]
            if shown != role:
                shown += f" ({role})"
            mcs = sum(1 for k in kids if isinstance(k, int) or (isinstance(k, Dictionary) and k.get("/Type") == Name.MCR))
            objrs = sum(1 for k in kids if isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR)
            content = (" content" if mcs else "") + (" annotation" if objrs else "")
            dump.append("  " * depth + shown + (" " + " ".join(attrs) if attrs else "") + content)
        if "/Lang" in elem:
            check_lang(elem.Lang, role)
        kid_roles = []
        for k in kids:
            if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer):
                self.claim(int(k), pg, elem, role)
                kid_roles.append("#mc")
            elif isinstance(k, Dictionary) and k.get("/Type") == Name.MCR:
                self.claim(int(k.MCID), k.get("/Pg", pg), elem, role)
                kid_roles.append("#mc")
            elif isinstance(k, Dictionary) and k.get("/Type") == Name.OBJR:
                self.objr[k.Obj.objgen] = elem
                kid_roles.append("#objr")
            elif isinstance(k, Dictionary):
                kid_roles.append(self.role(k))
                self.walk(k, role, pg, depth + 1, dump)
            else:
                problem(f"{role} has a kid that is neither content nor an element: {k!r}")
        self.check_nesting(elem, role, parent_role, kid_roles)

    def claim(self, mcid, pg, elem, role):
        if pg is None or pg.objgen not in self.page_index:
            problem(f"{role} claims MCID {mcid} without a page")
            return
        at = (self.page_index[pg.objgen], mcid)
        if at in self.owner:
            problem(f"MCID {mcid} on page {at[0] + 1} is claimed by two elements")
        self.owner[at] = elem

    def check_nesting(self, elem, role, parent_role, kids):
        elements = [k for k in kids if not k.startswith("#")]
        allowed = {
            "L": {"LI", "Caption", "L"},
            "LI": {"Lbl", "LBody"},
            "Table": {"THead", "TBody", "TFoot", "TR", "Caption"},
            "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"},
            "TR": {"TH", "TD"},
            "TOC": {"TOCI", "TOC", "Caption"},
        }
        if role in allowed:
            bad = [k for k in elements if k not in allowed[role]]
            if bad:
                problem(f"{role} holds {', '.join(sorted(set(bad)))}")
            if role in ("L", "LI", "Table", "THead", "TBody", "TFoot", "TR") and "#mc" in kids:
                problem(f"{role} holds content directly")
        need_parent = {"LI": {"L"}, "Lbl": {"LI", "TOCI", "Note"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
                       "TH": {"TR"}, "TD": {"TR"}, "THead": {"Table"}, "TBody": {"Table"}, "TOCI": {"TOC"}}
        if role == "LI" and elements[:1] != ["Lbl"]:
            problem("LI without an Lbl first (its marker is drawn as an artifact or not at all)")
        if role == "LI" and elements.count("LBody") > 1:
            problem(f"LI holds {elements.count('LBody')} LBody")
        if role in need_parent and parent_role not in need_parent[role]:
            problem(f"{role} inside {parent_role}")
        if role == "TH":
            a = elem.get("/A")
            dicts = [a] if isinstance(a, Dictionary) else list(a) if isinstance(a, Array) else []
            if not any("/Scope" in d for d in dicts):
                problem("TH without /Scope")
        if role == "Figure" and not str(elem.get("/Alt", "")).strip():
            problem("Figure without /Alt")
        if role == "Link" and "#objr" not in kids:
            problem("Link without an OBJR")


def check_catalog(pdf, pdfua):
    root = pdf.Root
    mi = root.get("/MarkInfo")
    if not mi or not bool(mi.get("/Marked", False)):
        problem("catalog: /MarkInfo <</Marked true>> missing")
    lang = str(root.get("/Lang", "")).strip()
    if not lang:
        problem("catalog: /Lang missing")
    else:
        check_lang(lang, "catalog")
    vp = root.get("/ViewerPreferences")
    if not vp or not bool(vp.get("/DisplayDocTitle", False)):
        problem("catalog: /ViewerPreferences <</DisplayDocTitle true>> missing")
    if "/StructTreeRoot" not in root:
        problem("catalog: /StructTreeRoot missing")
    title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo else ""
    if pdfua and not title.strip():
        problem("no document title")


def scan_content(pdf, untagged):
    """(page index, mcid) of every MCID drawn; problems for paint outside
    marked content and unbalanced sequences."""
    drawn = {}
    for pi, page in enumerate(pdf.pages):
        stack = []          # "mc", "artifact", or "other" per open sequence
        text_depth = None   # stack depth at BT
        seen = set()
        untagged_paint = 0
        try:
            ops = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as e:
            problem(f"page {pi + 1}: content stream unreadable: {e}")
            continue
        for operands, op in ops:
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                kind = "other"
                if tag == "/Artifact":
                    kind = "artifact"
                elif op == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
                    kind = "mc"
                    mcid = int(operands[1].MCID)
                    if mcid in seen:
                        problem(f"page {pi + 1}: MCID {mcid} used twice")
                    seen.add(mcid)
                    drawn[(pi, mcid)] = tag
                if any(k == "mc" for k in stack) and kind == "mc":
                    problem(f"page {pi + 1}: marked content with an MCID inside another")
                if "artifact" in stack and kind == "mc" or "mc" in stack and kind == "artifact":
                    problem(f"page {pi + 1}: an artifact and tagged content nest")
                stack.append(kind)
            elif op == "EMC":
                if not stack:
                    problem(f"page {pi + 1}: EMC without BDC")
                else:
                    stack.pop()
                if text_depth is not None and len(stack) < text_depth:
                    problem(f"page {pi + 1}: marked content opened outside a text object ends inside it")
            elif op == "BT":
                text_depth = len(stack)
            elif op == "ET":
                if text_depth is not None and len(stack) != text_depth:
                    problem(f"page {pi + 1}: marked content opened in a text object is still open at ET")
                text_depth = None
            elif op in TEXT_OPS or op in PATH_OPS or op in IMAGE_OPS:
                if not ("mc" in stack or "artifact" in stack):
                    untagged_paint += 1
        if stack:
            problem(f"page {pi + 1}: {len(stack)} marked-content sequences left open")
        if untagged_paint and not untagged:
            problem(f"page {pi + 1}: {untagged_paint} painting operators outside marked content")
        if untagged and (seen or stack):
            problem(f"page {pi + 1}: marked content in an untagged PDF")
    return drawn


def check_fonts(pdf):
    seen = set()
    for pi, page in enumerate(pdf.pages):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            if "/ToUnicode" not in font:
                problem(f"font {font.get('/BaseFont')} has no ToUnicode map")
            desc = font.get("/FontDescriptor")
            if font.get("/Subtype") == Name.Type0:
                desc = font.DescendantFonts[0].get("/FontDescriptor")
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problem(f"font {font.get('/BaseFont')} is not embedded")


def check_xmp(pdf, pdfua, pdfa):
    meta = pdf.Root.get("/Metadata")
    xml = meta.read_bytes().decode("utf-8", "replace") if meta is not None else ""
    if pdfua:
        if "<pdfuaid:part>1</pdfuaid:part>" not in xml and 'pdfuaid:part="1"' not in xml:
            problem("XMP: pdfuaid:part 1 missing")
        if "<dc:title>" not in xml:
            problem("XMP: dc:title missing")
        if float(pdf.pdf_version) > 1.7:
            problem(f"PDF {pdf.pdf_version} is newer than PDF/UA-1 allows")
    if pdfa:
        if f"<pdfaid:part>{pdfa}</pdfaid:part>" not in xml:
            problem(f"XMP: pdfaid:part {pdfa} missing")


def check(path, pdfua=False, pdfa=None, untagged=False, dump=False):
    """The problems found in the PDF at path, and the tree dump (lines)."""
    del problems[:]
    lines = [] if dump else None
    with pikepdf.open(path) as pdf:
        drawn = scan_content(pdf, untagged)
        if untagged:
            if "/StructTreeRoot" in pdf.Root:
                problem("an untagged PDF has a structure tree")
        else:
            check_catalog(pdf, pdfua)
            check_fonts(pdf)
            check_xmp(pdf, pdfua, pdfa)
            if "/StructTreeRoot" in pdf.Root:
                check_tree(pdf, drawn, lines)
    return list(problems), lines


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    if args[0] == "--each":
        failed = 0
        for path in args[1:]:
            found, _ = check(path)
            failed += bool(found)
            for p in found:
                print(f"{path}: {p}", file=sys.stderr)
        print(f"{len(args) - 1} PDFs checked, {failed} with problems")
        sys.exit(1 if failed else 0)
    path = args[0]
    pdfa = next((a.split("=", 1)[1] for a in args if a.startswith("--pdfa=")), None)
    found, lines = check(path, "--pdfua" in args, pdfa, "--untagged" in args, "--dump" in args)
    if lines is not None:
        print("\n".join(lines))
    for p in found:
        print(f"{path}: {p}", file=sys.stderr)
    sys.exit(1 if found else 0)


def check_tree(pdf, drawn, dump):
    root = pdf.Root.StructTreeRoot
    t = Tree(pdf)
    rm = root.get("/RoleMap", {})
    t.role_map = {str(k)[1:]: str(v)[1:] for k, v in rm.items()}
    for name, target in t.role_map.items():
        if name in STANDARD:
            problem(f"RoleMap remaps the standard type {name}")
    kids = root.get("/K")
    kids = [kids] if isinstance(kids, Dictionary) else list(kids or [])
    for k in kids:
        t.walk(k, "StructTreeRoot", None, 0, dump)
    roles = {t.role(e) for e in t.elements}
    if "H" in roles and roles & {"H1", "H2", "H3", "H4", "H5", "H6"}:
        problem("H and H1-H6 are mixed")
    # every MCID drawn is owned, every MCID owned is drawn
    for at in drawn:
        if at not in t.owner:
            problem(f"MCID {at[1]} on page {at[0] + 1} belongs to no element")
    for at in t.owner:
        if at not in drawn:
            problem(f"an element claims MCID {at[1]} on page {at[0] + 1}, which is not drawn")
    # the ParentTree agrees
    parents = {}
    if "/ParentTree" not in root:
        problem("StructTreeRoot without /ParentTree")
    else:
        number_tree(root.ParentTree, parents)
    next_key = int(root.get("/ParentTreeNextKey", -1))
    if parents and next_key <= max(parents):
        problem(f"ParentTreeNextKey {next_key} is not above the largest key {max(parents)}")
    for pi, page in enumerate(pdf.pages):
        mine = {m for (p, m) in drawn if p == pi}
        if mine:
            if "/StructParents" not in page:
                problem(f"page {pi + 1} has marked content but no /StructParents")
                continue
            arr = parents.get(int(page.StructParents))
            if arr is None:
                problem(f"page {pi + 1}: its StructParents key is not in the ParentTree")
                continue
            for m in mine:
                owner = t.owner.get((pi, m))
                if m >= len(arr) or owner is None or key(arr[m]) != key(owner):
                    problem(f"page {pi + 1}: the ParentTree does not give MCID {m}'s element")
        annots = page.get("/Annots", [])
        if len(annots) and page.get("/Tabs") != Name.S:
            problem(f"page {pi + 1} has annotations but not /Tabs /S")
        for a in annots:
            if a.get("/Subtype") != Name.Link:
                continue
            if not str(a.get("/Contents", "")).strip():
                problem(f"page {pi + 1}: a link annotation without /Contents")
            elem = t.objr.get(a.objgen)
            if elem is None:
                problem(f"page {pi + 1}: a link annotation is not in the structure tree")
                continue
            if "/StructParent" not in a:
                problem(f"page {pi + 1}: a link annotation without /StructParent")
                continue
            p = parents.get(int(a.StructParent))
            if p is None or key(p) != key(elem):
                problem(f"page {pi + 1}: the ParentTree does not give a link annotation's element")


if __name__ == "__main__":
    main()
