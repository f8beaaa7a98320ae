#!/usr/bin/env python3
"""Turn a run's timestamped serial log (boot.py) into the suite's verdict.

Reads RUN_DIR/serial.log and, when present, RUN_DIR/host-steps.log (checks made on the host, in
the same "@@XM" protocol). Prints every step with its verdict and duration, the timings, and for
each failure the relevant part of the serial log: the failing step's output with the lines before
it, and the Xen/dom0 diagnostics dom0 printed for that scenario. Extracts the files dom0 sent
(emit_file) into RUN_DIR/blobs/, verifying size and sha256. Writes RUN_DIR/results.json.

Exit status 1 when a step failed, a file arrived corrupted, an expected scenario never ran, or dom0
did not finish; 0 otherwise.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field

LINE = re.compile(r"^(\d+\.\d+) (.*)$")
MARK = re.compile(r"@@XM (\S+) ?(.*)$")
CONTEXT_BEFORE = 60      # serial lines shown before a failure
MAX_STEP_OUTPUT = 200    # lines of a failing step's own output shown at most


@dataclass
class Step:
    scenario: str
    id: str
    title: str = ""
    start: float | None = None
    end: float | None = None
    verdict: str | None = None      # PASS / FAIL / None (never finished)
    message: str = ""
    dom0_dt: str = ""
    first_line: int = 0             # index into the serial lines
    last_line: int = 0
    source: str = "dom0"

    @property
    def duration(self):
        if self.start is not None and self.end is not None:
            return self.end - self.start
        return None


@dataclass
class Scenario:
    name: str
    timeout: str = ""
    start: float | None = None
    end: float | None = None
    diag: list = field(default_factory=list)


def split_message(rest):
    head, _, msg = rest.partition(" :: ")
    return head.split(), msg


class Run:
    def __init__(self, run_dir):
        self.run_dir = run_dir
        self.lines = []              # (time, text)
        self.steps = []
        self.scenarios = {}
        self.boot = {}
        self.times = []              # (scenario, label, seconds)
        self.infos = []
        self.problems = []           # failures outside steps: timeouts, corrupt blobs, ...
        self.finished = False
        self.blobs = {}

    # ---- parsing
    def load(self, path, source):
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8", errors="replace") as f:
            for raw in f:
                m = LINE.match(raw.rstrip("\n"))
                t, text = (float(m.group(1)), m.group(2)) if m else (None, raw.rstrip("\n"))
                self.lines.append((t, text))
                self.parse(len(self.lines) - 1, t, text, source)

    def open_step(self, scenario, sid):
        for s in reversed(self.steps):
            if s.scenario == scenario and s.id == sid and s.verdict is None:
                return s
        return None

    def parse(self, i, t, text, source):
        if text.startswith("@@XB "):
            if self.current_blob is not None:
                self.current_blob["data"].append(text[5:].strip())
            return
        if text.startswith("@@HOST TIMEOUT"):
            self.problems.append(("timeout", text[len("@@HOST TIMEOUT "):], i))
            return
        m = MARK.search(text)
        if not m:
            return
        kind, rest = m.groups()
        words, msg = split_message(rest)
        if kind == "STEP" and len(words) >= 2:
            self.steps.append(Step(words[0], words[1], title=msg, start=t, first_line=i, source=source))
        elif kind in ("PASS", "FAIL") and len(words) >= 2:
            s = self.open_step(words[0], words[1])
            if s is None:   # a verdict without a STEP line (e.g. a timeout reported by /init)
                s = Step(words[0], words[1], start=t, first_line=i, source=source)
                self.steps.append(s)
            s.verdict, s.end, s.message, s.last_line = kind, t, msg, i
            s.dom0_dt = next((w[3:] for w in words[2:] if w.startswith("dt=")), "")
        elif kind == "INFO" and words:
            self.infos.append((words[0], msg))
        elif kind == "TIME" and len(words) >= 3:
            try:
                self.times.append((words[0], " ".join(words[2:]), float(words[1])))
            except ValueError:
                self.problems.append(("protocol", f"bad TIME line: {text}", i))
        elif kind == "BOOT" and words:
            self.boot.setdefault(words[0], t)
        elif kind == "SCENARIO-BEGIN" and words:
            sc = self.scenarios.setdefault(words[0], Scenario(words[0]))
            sc.start = t
            sc.timeout = next((w[8:] for w in words[1:] if w.startswith("timeout=")), "")
        elif kind == "SCENARIO-END" and words:
            self.scenarios.setdefault(words[0], Scenario(words[0])).end = t
        elif kind == "DIAG-BEGIN" and words:
            self.diag_of = self.scenarios.setdefault(words[0], Scenario(words[0]))
            self.diag_start = i
        elif kind == "DIAG-END" and getattr(self, "diag_of", None):
            self.diag_of.diag.append((self.diag_start, i))
            self.diag_of = None
        elif kind == "BLOB-BEGIN" and len(words) >= 2:
            attrs = dict(w.split("=", 1) for w in words[2:] if "=" in w)
            self.current_blob = {"scenario": words[0], "name": words[1], "data": [], **attrs}
        elif kind == "BLOB-END" and self.current_blob is not None:
            self.save_blob(self.current_blob, i)
            self.current_blob = None
        elif kind == "ALLDONE":
            self.finished = True
        elif kind == "POWER-CUT" and words:
            # the scenario ended the run on purpose: the host killed QEMU on this line
            self.scenarios.setdefault(words[0], Scenario(words[0])).end = t
            self.finished = True

    current_blob = None

    def save_blob(self, blob, i):
        name = f"{blob['scenario']}/{blob['name']}"
        try:
            data = base64.b64decode("".join(blob["data"]), validate=True)
        except ValueError as e:
            self.problems.append(("blob", f"{name}: not base64 ({e}): the serial transfer lost characters", i))
            return
        if str(len(data)) != blob.get("size") or hashlib.sha256(data).hexdigest() != blob.get("sha256"):
            self.problems.append(("blob", f"{name}: size/sha256 mismatch: the serial transfer lost characters", i))
            return
        path = os.path.join(self.run_dir, "blobs", blob["scenario"], blob["name"])
        if os.path.relpath(path, self.run_dir).startswith(".."):
            self.problems.append(("blob", f"{name}: name leaves the run directory", i))
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.blobs[name] = path

    # ---- verdict
    def failures(self):
        return [s for s in self.steps if s.verdict != "PASS"]

    def first_time(self, needle):
        return next((t for t, text in self.lines if t is not None and needle in text), None)


def fmt(x):
    return "   n/a" if x is None else f"{x:6.1f}s"


def end_of_unfinished(run, step):
    """Where a step without a verdict stopped: its scenario's timeout or end, else the log's end."""
    stops = (f"@@XM FAIL {step.scenario} timeout ", f"@@XM SCENARIO-END {step.scenario} ", "@@HOST TIMEOUT")
    for i in range(step.first_line, len(run.lines)):
        if any(x in run.lines[i][1] for x in stops):
            return i
    return len(run.lines) - 1


def print_context(run, step, out, diag_shown):
    lo_step = step.first_line
    hi = step.last_line if step.verdict else end_of_unfinished(run, step)
    lo = max(0, min(lo_step, hi - CONTEXT_BEFORE))
    if hi - lo > MAX_STEP_OUTPUT + CONTEXT_BEFORE:
        lo = hi - (MAX_STEP_OUTPUT + CONTEXT_BEFORE)
    out(f"    ---- serial log, lines {lo + 1}-{hi + 1} (host seconds since QEMU start):")
    for t, text in run.lines[lo:hi + 1]:
        if text.startswith("@@XB "):
            continue
        out(f"    {'' if t is None else f'{t:8.2f}'} | {text}")
    sc = run.scenarios.get(step.scenario)
    if step.scenario in diag_shown:
        return
    diag_shown.add(step.scenario)
    for a, b in (sc.diag if sc else []):
        out(f"    ---- diagnostics dom0 printed after {step.scenario} (Xen and dom0 tails):")
        for _, text in run.lines[a + 1:b]:
            out(f"             | {text}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir")
    p.add_argument("--expect", default="", help="scenarios that must have run (space separated)")
    p.add_argument("--extract-only", action="store_true", help="only extract the files dom0 sent")
    a = p.parse_args()

    run = Run(a.run_dir)
    run.load(os.path.join(a.run_dir, "serial.log"), "dom0")
    if a.extract_only:
        return 0
    run.load(os.path.join(a.run_dir, "host-steps.log"), "host")
    lines_out = []

    def out(s=""):
        lines_out.append(s)
        print(s)

    out("=" * 78)
    out("Real-Xen suite: steps (duration measured on the host, from the serial log)")
    for s in run.steps:
        v = s.verdict or "FAIL"
        note = s.message if s.verdict else "no verdict (the step never finished)"
        out(f"  {v:<4} {s.scenario + '/' + s.id:<46} {fmt(s.duration)}  {note}".rstrip())
    for scn, msg in run.infos:
        out(f"  info {scn}: {msg}")

    out("-" * 78)
    out("Timings (host wall clock, seconds since QEMU started unless stated)")
    for label, needle in [("Xen banner", "(XEN) Xen version"), ("dom0 kernel", "Linux version"),
                          ("dom0 userland", "@@XM BOOT userland"), ("toolstack ready", "@@XM BOOT toolstack-ready"),
                          ("all scenarios done", "@@XM ALLDONE")]:
        out(f"  {label:<28}{fmt(run.first_time(needle))}")
    for sc in run.scenarios.values():
        d = sc.end - sc.start if sc.start is not None and sc.end is not None else None
        out(f"  scenario {sc.name:<19}{fmt(d)}  (limit {sc.timeout or '?'} s)")
    for scn, label, secs in run.times:
        out(f"  {scn}: {label:<{max(1, 26 - len(scn))}}{secs:6.1f}s  (dom0 clock)")

    expected = a.expect.split()
    for name in expected:
        if name not in run.scenarios:
            run.problems.append(("missing", f"scenario {name} never started", len(run.lines) - 1))
        elif run.scenarios[name].end is None:
            run.problems.append(("unfinished", f"scenario {name} never finished", len(run.lines) - 1))
    if not run.finished:
        run.problems.append(("unfinished", "dom0 did not finish (no @@XM ALLDONE)", len(run.lines) - 1))

    failed = run.failures()
    if failed or run.problems:
        out("=" * 78)
        out("FAILURES")
        diag_shown = set()
        for s in failed:
            out(f"* {s.scenario}/{s.id}: {s.message or 'no verdict'}")
            if s.source == "dom0":
                print_context(run, s, out, diag_shown)
        for kind, msg, i in run.problems:
            out(f"* {kind}: {msg}")
            if kind in ("timeout", "unfinished") and i >= 0:
                out("    ---- last serial lines:")
                for t, text in run.lines[max(0, i - 80):i + 1]:
                    if not text.startswith("@@XB "):
                        out(f"    {'' if t is None else f'{t:8.2f}'} | {text}")
    passed = sum(1 for s in run.steps if s.verdict == "PASS")
    nfail = len(failed) + len(run.problems)
    out("=" * 78)
    if nfail:
        # Again, one line each, last: a CI log cut to its head and tail still names every failure.
        out("Failed:")
        for s in failed:
            out(f"  {s.scenario}/{s.id}: {s.message or 'no verdict'}"[:300])
        for kind, msg, _ in run.problems:
            out(f"  {kind}: {msg}"[:300])
    out(f"real-xen: {passed} passed, {nfail} failed")

    with open(os.path.join(a.run_dir, "summary.txt"), "w") as f:
        f.write("\n".join(lines_out) + "\n")
    with open(os.path.join(a.run_dir, "results.json"), "w") as f:
        json.dump({"passed": passed, "failed": nfail, "finished": run.finished,
                   "steps": [{"scenario": s.scenario, "id": s.id, "verdict": s.verdict or "FAIL",
                              "seconds": s.duration, "message": s.message} for s in run.steps],
                   "problems": [{"kind": k, "message": m} for k, m, _ in run.problems],
                   "boot": run.boot,
                   "scenarios": {n: {"start": sc.start, "end": sc.end} for n, sc in run.scenarios.items()},
                   "times": [{"scenario": s, "label": l, "seconds": x} for s, l, x in run.times]},
                  f, indent=2)
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
