#!/usr/bin/env python3
"""Compare `xm create --dryrun` with `xl -N create` for every valid fixture (scenario 10-dryrun).

dom0 ran both tools on each file of Fixtures/valid and sent their output as one archive, which
report.py extracted to RUN_DIR/blobs/10-dryrun/dryrun.tar.gz; it holds
<fixture>/{xm.out,xm.err,xl.out,xl.err,meta} and is unpacked to RUN_DIR/dryrun/. Both outputs are libxl
domain configurations as JSON; they are compared as data (key order does not matter), field by
field, each difference named by its JSON pointer.

- both accept, same configuration: pass
- both accept, different: fail, unless every difference is listed in the intent file
  (Tests/Integration/dryrun-intended-differences.txt: FIXTURE-GLOB JSON-POINTER REASON; a pointer
  ending in "/*" covers everything below it). An intent that matches nothing is stale: fail.
- a value both tools generate at random when the file does not give it (the domain's uuid) is
  compared by form only
- xl rejects a file xm accepts (xm's dialect is larger): information, "xl rejects: <message>"
- xm rejects a valid fixture: already a failed step in dom0; not compared here

Writes the verdicts as host steps (the "@@XM" protocol) to RUN_DIR/host-steps.log and the full
differences to RUN_DIR/dryrun-differences.txt. Exit status 1 when something failed.
"""
import argparse
import fnmatch
import json
import os
import re
import sys
import tarfile

SCENARIO = "10-dryrun"


def fixtures(root):
    """The fixture files, as paths relative to root (the rules dom0 uses: no dot files, no docs)."""
    found = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or f.endswith(".md") or f.startswith("README"):
                continue
            found.append(os.path.relpath(os.path.join(d, f), root))
    return found


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def generated(fixture_text):
    """Pointers whose values both tools make up when the file does not set them, with the test
    a made-up value must pass."""
    out = {}
    if not re.search(r"^\s*uuid\s*=", fixture_text, re.M):
        out["/c_info/uuid"] = lambda v: isinstance(v, str) and bool(UUID.match(v))
    return out


def pointer_escape(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def differences(xl, xm, path=""):
    """(pointer, xl value, xm value) for every place the two JSON values differ; absent = MISSING."""
    if isinstance(xl, dict) and isinstance(xm, dict):
        out = []
        for k in sorted(set(xl) | set(xm), key=str):
            p = f"{path}/{pointer_escape(k)}"
            if k not in xm:
                out.append((p, xl[k], MISSING))
            elif k not in xl:
                out.append((p, MISSING, xm[k]))
            else:
                out.extend(differences(xl[k], xm[k], p))
        return out
    if isinstance(xl, list) and isinstance(xm, list):
        out = []
        for i in range(max(len(xl), len(xm))):
            p = f"{path}/{i}"
            if i >= len(xm):
                out.append((p, xl[i], MISSING))
            elif i >= len(xl):
                out.append((p, MISSING, xm[i]))
            else:
                out.extend(differences(xl[i], xm[i], p))
        return out
    if xl == xm and type(xl) is type(xm):
        return []
    return [(path or "/", xl, xm)]


class _Missing:
    def __repr__(self):
        return "(absent)"


MISSING = _Missing()


def show(v):
    return repr(v) if v is MISSING else json.dumps(v)


class Intent:
    def __init__(self, lineno, glob, pointer, reason):
        self.lineno, self.glob, self.pointer, self.reason = lineno, glob, pointer, reason
        self.used = False

    def covers(self, fixture_path, pointer):
        if not fnmatch.fnmatch(fixture_path, self.glob):
            return False
        if self.pointer.endswith("/*"):
            return pointer.startswith(self.pointer[:-1]) or pointer == self.pointer[:-2]
        return pointer == self.pointer


def load_intents(path):
    intents, errors = [], []
    if not os.path.exists(path):
        return intents, errors
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 2)
            if len(parts) < 3 or not parts[1].startswith("/"):
                errors.append(f"{path}:{n}: expected FIXTURE-GLOB /JSON/POINTER REASON")
                continue
            intents.append(Intent(n, *parts))
    return intents, errors


def read(path, default=""):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return default


def first_error(text):
    lines = [l.strip() for l in text.splitlines() if l.strip() and not l.startswith("Parsing config from")]
    return lines[0] if lines else "(no message)"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir")
    p.add_argument("--fixtures", required=True, help="the checkout's Fixtures/valid")
    p.add_argument("--prefix", default="Fixtures/valid", help="how intents name the fixtures' directory")
    p.add_argument("--intents", required=True)
    a = p.parse_args()

    blobs = os.path.join(a.run_dir, "dryrun")
    archive = os.path.join(a.run_dir, "blobs", SCENARIO, "dryrun.tar.gz")
    if os.path.exists(archive):
        with tarfile.open(archive) as t:
            # only plain files and directories, inside the target (dom0 made it, but still)
            safe = [m for m in t.getmembers() if (m.isfile() or m.isdir())
                    and not os.path.isabs(m.name) and ".." not in m.name.split("/")]
            t.extractall(blobs, members=safe)
    steps = open(os.path.join(a.run_dir, "host-steps.log"), "a")
    report = open(os.path.join(a.run_dir, "dryrun-differences.txt"), "w")
    failed = 0

    def verdict(sid, ok, msg, title):
        nonlocal failed
        steps.write(f"@@XM STEP {SCENARIO} {sid} :: {title}\n")
        steps.write(f"@@XM {'PASS' if ok else 'FAIL'} {SCENARIO} {sid} dt=0 :: {msg}\n")
        failed += 0 if ok else 1
        print(f"  {'PASS' if ok else 'FAIL'} {SCENARIO}/{sid}  {msg}")

    def note(msg):
        steps.write(f"@@XM INFO {SCENARIO} :: {msg}\n")
        print(f"  info {msg}")

    intents, errors = load_intents(a.intents)
    for e in errors:
        verdict("intended-differences", False, e, "intent file syntax")

    print(f"Dry-run comparison, xm against xl ({a.fixtures}):")
    for rel in fixtures(a.fixtures):
        here = os.path.join(blobs, rel)
        meta = dict(l.split("=", 1) for l in read(os.path.join(here, "meta")).splitlines() if "=" in l)
        sid = f"compare:{rel}"
        title = f"xm create --dryrun vs xl -N create: {rel}"
        if not meta:
            why = "its results are missing" if os.path.exists(archive) else "dom0 sent no results"
            verdict(sid, False, f"{why} (see 10-dryrun in dom0)", title)
            continue
        if meta.get("xm_rc") != "0":
            note(f"{rel}: not compared: xm rejected it (exit {meta.get('xm_rc')}; failed in dom0)")
            continue
        if meta.get("xl_rc") != "0":
            note(f"{rel}: xl rejects: {first_error(read(os.path.join(here, 'xl.err')))}")
            continue
        try:
            xm = json.loads(read(os.path.join(here, "xm.out")))
        except ValueError as e:
            verdict(sid, False, f"xm's output is not JSON: {e}", title)
            continue
        try:
            xl = json.loads(read(os.path.join(here, "xl.out")))
        except ValueError as e:
            verdict(sid, False, f"xl's output is not JSON: {e}", title)
            continue
        path = f"{a.prefix}/{rel}"
        made_up = generated(read(os.path.join(a.fixtures, rel)))
        diffs = [d for d in differences(xl, xm)
                 if not (d[0] in made_up and made_up[d[0]](d[1]) and made_up[d[0]](d[2]))]
        unintended = []
        for pointer, xlv, xmv in diffs:
            covering = [i for i in intents if i.covers(path, pointer)]
            for i in covering:
                i.used = True
            tag = "intended" if covering else "DIFFERS "
            report.write(f"{path} {pointer}: {tag} xl={show(xlv)} xm={show(xmv)}\n")
            if not covering:
                unintended.append(pointer)
                print(f"      {pointer}: xl {show(xlv)[:120]}  xm {show(xmv)[:120]}")
        if unintended:
            listed = ", ".join(unintended[:8]) + (" ..." if len(unintended) > 8 else "")
            verdict(sid, False, f"{len(unintended)} unintended difference(s): {listed}", title)
        else:
            verdict(sid, True, "identical" if not diffs else f"identical but for {len(diffs)} intended difference(s)", title)

    stale = [i for i in intents if not i.used]
    if stale:
        verdict("intended-differences", False,
                "stale entries (no such difference any more: remove them): "
                + ", ".join(f"line {i.lineno} {i.glob} {i.pointer}" for i in stale),
                "every intended difference still exists")
    steps.close()
    report.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
