#!/usr/bin/python3
"""Writes the seed corpora of fuzz_cli_parse and fuzz_startup from the project's own text:
  - fuzz_cli_parse: every command line of docs/cli.md (its prompt says the node) and of the
    integration tests (the lines they give cmsh: -c arguments, cm/cm_if lines, the cmsh -f
    scripts), one per input: the node's number (0 view, 1 exec, 2 config, 3 interface), then the
    line;
  - fuzz_startup: the configuration files of the integration tests (the cmsh -f scripts and the
    startup file of cli_startup.sh, as files cmdmgr loads: the config node's lines).
Usage: cli-seeds.py SOURCE_ROOT CLI_OUTDIR STARTUP_OUTDIR"""
import glob
import hashlib
import os
import re
import shlex
import sys

root, cli_out, startup_out = sys.argv[1:4]
NODES = {">": 0, "(exec)#": 1, "(config)#": 2, "(interface)#": 3}
VARS = {"$VT_VIP": "192.0.2.1", "${VT_VIP}": "192.0.2.1"}
lines = {}  # (node, line) -> where it came from


def add(node, line, origin):
    line = line.replace("<TAB>", "").rstrip("?").rstrip("\n")
    for k, v in VARS.items():
        line = line.replace(k, v)
    if "$" in line or not line.strip():
        return
    lines.setdefault((node, line), origin)


def next_node(node, line):
    """Where a line leaves a session (enough of cmdmgr's rules for the seeds)."""
    w = line.split()
    if not w:
        return node
    if w[0] in ("en", "enable"):
        return 1
    if w[0] in ("conf", "configure"):
        return 2
    if w[0] in ("int", "interface") and node >= 2:
        return 3
    if w[0] == "end":
        return 1
    if w[0] == "exit":
        return {3: 2, 2: 1}.get(node, node)
    return node


def script(text, origin, node=1):
    for line in text.splitlines():
        s = line.strip()
        if s and s[0] not in "!#":
            add(node, s, origin)
            node = next_node(node, s)


# docs/cli.md: "Router-1(config)#line"
for m in re.finditer(r"^Router-1(>|\(exec\)#|\(config\)#|\(interface\)#)(.*)$",
                     open(os.path.join(root, "docs/cli.md")).read(), re.M):
    add(NODES[m.group(1)], m.group(2), "docs/cli.md")

startups = {}
for path in sorted(glob.glob(os.path.join(root, "tests/integration/*.sh"))):
    text = open(path).read()
    origin = os.path.relpath(path, root)
    for m in re.finditer(r"<<'EOF'\n(.*?)\nEOF\n", text, re.S):
        body = m.group(1)
        if re.search(r"^(configure terminal|hostname|interface) ?", body, re.M):
            script(body, origin)
            # as a startup file: the lines after `configure terminal`
            startups[f"{os.path.basename(path)[:-3]}-{len(startups)}"] = \
                re.sub(r"^configure terminal\n", "", body) + "\n"
    for line in text.splitlines():
        s = line.strip()
        try:
            w = shlex.split(s, comments=True)
        except ValueError:
            continue
        if len(w) >= 3 and w[0] == "cm_if":
            add(2, "interface " + w[2], origin)
            for x in w[3:]:
                add(3, x, origin)
        elif len(w) >= 3 and w[0] == "cm" and not w[1].startswith("-"):
            node = 1
            for x in w[2:]:
                add(node, x, origin)
                node = next_node(node, x)
        elif "cmsh" in w:
            node = 1
            for i, x in enumerate(w[:-1]):
                if x == "-c":
                    add(node, w[i + 1], origin)
                    node = next_node(node, w[i + 1])

os.makedirs(cli_out, exist_ok=True)
for (node, line), origin in sorted(lines.items()):
    data = bytes([node]) + line.encode()
    name = "line-" + hashlib.sha1(data).hexdigest()[:12]
    with open(os.path.join(cli_out, name), "wb") as f:
        f.write(data)
print(len(lines), "command lines")
os.makedirs(startup_out, exist_ok=True)
for name, body in startups.items():
    with open(os.path.join(startup_out, name + ".conf"), "w") as f:
        f.write(body)
print(len(startups), "startup files")
