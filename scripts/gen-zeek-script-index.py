#!/usr/bin/env python3
"""Builds the analyzer's index of Zeek script names and their @load edges.

Usage: gen-zeek-script-index.py ZEEK_SCRIPTS_DIR > analyzer/src/main/resources/org/brocapi/analyzer/script/zeek-scripts.tsv

`./brocapi zeek` must know which Zeek scripts exist (an unknown one is an error) and what each
loads transitively (in bare mode that decides which logs and columns exist). We keep only names
and edges, one line per script: `name<TAB>loaded name<TAB>…`, names relative to the scripts
directory without `.zeek`, a directory standing for its `__load__`. No script text is kept.
"""
import os
import re
import sys

root = sys.argv[1]
search = [root, os.path.join(root, "policy"), os.path.join(root, "site")]
LOAD = re.compile(r'^\s*@load\s+(\S+)')


def resolve(target, cur_dir):
    cands = []
    if target.startswith("."):
        cands.append(os.path.normpath(os.path.join(cur_dir, target)))
    else:
        cands += [os.path.join(s, target) for s in search]
    for c in cands:
        for p in (c + ".zeek", c, os.path.join(c, "__load__.zeek")):
            if os.path.isfile(p):
                return p
    return None


def name(path):
    rel = os.path.relpath(path, root)
    if rel.endswith("/__load__.zeek"):
        rel = rel[: -len("/__load__.zeek")]
    elif rel.endswith(".zeek"):
        rel = rel[:-5]
    return rel


rows = {}
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".zeek"):
            continue
        p = os.path.join(d, f)
        edges = []
        with open(p, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                m = LOAD.match(line)
                if m:
                    r = resolve(m.group(1), d)
                    if r:
                        edges.append(name(r))
        rows[name(p)] = edges
for n in sorted(rows):
    print("\t".join([n] + rows[n]))


def options(out_path):
    """Second output: every redef-able identifier Zeek's scripts declare (`option`, `const … &redef`),
    fully qualified, so `./brocapi zeek` can tell a Zeek option it does not implement (a warning)
    from a name Zeek does not have (an error)."""
    decl = re.compile(r'^\s*(?:export\s*\{\s*)?(option|const|global|redef)\s+([A-Za-z_][A-Za-z0-9_:]*)\s*[:=]')
    found = set()
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".zeek"):
                continue
            module = "GLOBAL"
            text = open(os.path.join(d, f), encoding="utf-8", errors="replace").read()
            for stmt in re.split(r';', text):
                mm = re.search(r'^\s*module\s+([A-Za-z_][A-Za-z0-9_]*)\s*$', stmt, re.M)
                if mm:
                    module = mm.group(1)
                lines = [l for l in stmt.splitlines() if not l.strip().startswith(("#", "@"))]
                s = " ".join(lines).strip()
                m = re.match(r'^(?:export\s*\{\s*)?(option|const)\s+([A-Za-z_][A-Za-z0-9_:]*)\s*[:=]', s)
                if not m:
                    continue
                if m.group(1) == "const" and "&redef" not in s:
                    continue
                ident = m.group(2)
                if "::" not in ident and module != "GLOBAL":
                    ident = module + "::" + ident
                found.add(ident)
    with open(out_path, "w") as fh:
        for i in sorted(found):
            fh.write(i + "\n")


if len(sys.argv) > 2:
    options(sys.argv[2])


def server_ports(out_path):
    """Third output: the ports each script adds to `likely_server_ports` (which decides Zeek's
    role flips for connections that start without a SYN), as `script<TAB>21/tcp<TAB>…`."""
    port = re.compile(r'\b(\d+)/(tcp|udp|icmp)\b')
    with open(out_path, "w") as out:
        for d, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                if not f.endswith(".zeek"):
                    continue
                p = os.path.join(d, f)
                text = open(p, encoding="utf-8", errors="replace").read()
                m = re.search(r'redef\s+likely_server_ports\s*\+=\s*\{([^}]*)\}', text)
                if not m:
                    continue
                ports = []
                for item in [x.strip() for x in m.group(1).split(",")]:
                    if port.fullmatch(item):
                        ports.append(item)
                        continue
                    ident = item.split("::")[-1]
                    dm = re.search(r'\b' + re.escape(ident) + r'\s*(?::\s*set\[port\])?\s*=\s*(?:set\()?\s*\{([^}]*)\}', text)
                    if dm:
                        ports += ["%s/%s" % pm for pm in port.findall(dm.group(1))]
                out.write("\t".join([name(p)] + ports) + "\n")


if len(sys.argv) > 3:
    server_ports(sys.argv[3])
