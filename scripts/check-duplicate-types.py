#!/usr/bin/env python3
"""Fails when one type name is defined twice in the same scope anywhere under the given directory (default: src).

Two definitions of one name in one namespace are an ODR violation when they differ (undefined behaviour: each
translation unit sees its own layout) and a second model when they do not. Types in an anonymous namespace belong
to their file; types defined inside a function body are left out. Forward declarations are not definitions.
usage: scripts/check-duplicate-types.py [dir]   (ctest: duplicate_types)
"""
import os
import re
import sys

TOKEN = re.compile(r'R"([^(\s]*)\((?:.|\n)*?\)\1"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*(?:.|\n)*?\*/'
                   r'|^[ \t]*#[^\n]*(?:\\\n[^\n]*)*|[A-Za-z_]\w*|::|\S', re.M)
KEYWORDS = {"struct", "class", "union", "enum"}


def tokens(text):
    for m in TOKEN.finditer(text):
        t = m.group(0)
        if t.startswith(("//", "/*", '"', "'", "#")) or t.startswith('R"'):
            continue
        yield t, text.count("\n", 0, m.start()) + 1


def definitions(path):
    """(scope, name, line) of every type defined at namespace or class scope in the file."""
    toks = list(tokens(open(path, encoding="utf-8", errors="replace").read()))
    scopes = []  # one entry per open brace: a name, "<anonymous>", or None for any other block
    pending = None  # the label of the next "{"
    out = []
    i = 0
    while i < len(toks):
        t, line = toks[i]
        if t == "namespace":
            j, name = i + 1, []
            while j < len(toks) and toks[j][0] not in ("{", ";", "="):
                name.append(toks[j][0])
                j += 1
            if j < len(toks) and toks[j][0] == "{":
                pending = "".join(name) or "<anonymous " + path + ">"
            i = j
            continue
        if t in KEYWORDS and not (i > 0 and toks[i - 1][0] in ("<", ",", "friend", "enum")):
            j = i + 1
            if t == "enum" and j < len(toks) and toks[j][0] in ("class", "struct"):
                j += 1
            while j < len(toks) and toks[j][0] == "[":  # attributes
                while j < len(toks) and toks[j][0] != "]":
                    j += 1
                j += 2
            if j < len(toks) and re.match(r"[A-Za-z_]", toks[j][0]):
                name = toks[j][0]
                k = j + 1
                if k < len(toks) and toks[k][0] == "final":
                    k += 1
                after = toks[k][0] if k < len(toks) else ""
                if after == ":":
                    while k < len(toks) and toks[k][0] not in ("{", ";"):
                        k += 1
                    after = toks[k][0] if k < len(toks) else ""
                if after == "{":
                    if None not in scopes:
                        out.append(("::".join(s for s in scopes), name, line))
                    pending = name
                    i = k
                    continue
        if t == "{":
            scopes.append(pending)
            pending = None
        elif t == "}":
            if scopes:
                scopes.pop()
        elif t in (";", ")"):
            pending = None
        i += 1
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "src"
    seen = {}
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith((".hpp", ".cpp", ".h", ".cc")):
                path = os.path.join(d, f)
                for scope, name, line in definitions(path):
                    seen.setdefault((scope, name), []).append(f"{path}:{line}")
    dups = {k: v for k, v in seen.items() if len(v) > 1}
    for (scope, name), places in sorted(dups.items()):
        print(f"duplicate type {scope + '::' if scope else ''}{name}: {', '.join(places)}")
    if dups:
        print(f"{len(dups)} type name(s) defined more than once: give each one definition (one row type per table, "
              "in the store file that owns it) or distinct names.")
        return 1
    print(f"no duplicate type names ({len(seen)} types)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
