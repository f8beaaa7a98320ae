#!/usr/bin/env python3
"""Boot the Xen host under QEMU (TCG) and watch its serial console.

Every serial line is written to the log with the host time since QEMU started ("12.345 text").
Protocol lines from dom0 (see dom0/lib.sh) are echoed as live progress. QEMU is stopped when dom0
reports it is done, at once when dom0 asks for a power cut (@@XM POWER-CUT: the two-host pool's
failover test), or when a deadline passes: the boot (toolstack ready), a scenario (its own
timeout plus a grace period), or the whole run. A deadline miss is recorded in the log as a
"@@HOST TIMEOUT" line, which report.py turns into a failure.

Exit status: 0 dom0 finished, 2 a deadline passed, 3 QEMU ended before dom0 finished.
"""
import argparse
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

PROTOCOL = re.compile(r"@@XM (\S+)(.*)")
SCENARIO_GRACE = 60  # seconds beyond a scenario's own limit before the host gives up on dom0
# A running Xen always keeps a timer armed (its time calibration fires every second), so QEMU
# using no CPU at all for this long means the emulated machine halted with none armed: seen once
# under TCG while an HVM guest booted. A byte on the serial line raises an interrupt that wakes it.
STALL_KICK = 20
STALL_KICKS = 3


def cpu_ticks(pid):
    """QEMU's user + system CPU time (clock ticks), or None once it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run-dir", required=True, help="holds xen, vmlinuz and initrd.gz; logs go here")
    p.add_argument("--xen-args", required=True)
    p.add_argument("--dom0-args", required=True)
    p.add_argument("--cpu", default="qemu64,+svm,+npt")
    p.add_argument("--memory", default="2048")
    p.add_argument("--smp", default="2")
    p.add_argument("--timeout", type=float, required=True, help="global limit, seconds")
    p.add_argument("--boot-timeout", type=float, default=300, help="QEMU start to toolstack ready")
    p.add_argument("--netdev", help="a QEMU -netdev spec (id=n0) for an e1000 NIC; default: no network")
    p.add_argument("--mac", default="52:54:00:12:34:56", help="the NIC's MAC address, with --netdev")
    p.add_argument("--shared-disk", help="an image file given as an IDE disk that another QEMU shares")
    p.add_argument("--label", default="", help="prefix of the live progress lines (two hosts)")
    p.add_argument("--quiet", action="store_true", help="no live progress")
    return p.parse_args()


def qemu_command(a):
    # -initrd takes the multiboot modules, comma separated; a ',' inside a module's arguments is ',,'.
    # Files are named relative to the run directory (QEMU's cwd), so no path needs escaping.
    cmd = ["qemu-system-x86_64", "-accel", "tcg", "-cpu", a.cpu, "-smp", a.smp, "-m", a.memory,
           "-display", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
           "-kernel", "xen", "-append", a.xen_args,
           "-initrd", "vmlinuz " + a.dom0_args.replace(",", ",,") + ",initrd.gz"]
    if a.netdev:
        cmd += ["-netdev", a.netdev, "-device", f"e1000,netdev=n0,mac={a.mac}"]
    else:
        cmd += ["-nic", "none"]
    if a.shared_disk:
        # Both hosts write it: no host cache, and QEMU's image lock shared for writing.
        cmd += ["-drive", f"file={a.shared_disk},format=raw,if=none,id=shared,cache=none",
                "-device", "ide-hd,drive=shared,share-rw=on"]
    return cmd


def reader(stream, q):
    for raw in iter(stream.readline, b""):
        q.put(raw.decode("utf-8", "replace").rstrip("\r\n").replace("\r", ""))
    q.put(None)


class Progress:
    """Live, terse progress on stdout: scenario boundaries and step verdicts."""

    def __init__(self, quiet, label=""):
        self.quiet = quiet
        self.label = label

    def show(self, t, kind, rest):
        if self.quiet or kind in ("STEP", "BLOB-BEGIN", "BLOB-END", "DIAG-BEGIN", "DIAG-END", "TIME"):
            return
        print(f"  {self.label}[{t:7.1f}s] {kind:<15}{rest.strip()}", flush=True)


def main():
    a = parse_args()
    cmd = qemu_command(a)
    with open(os.path.join(a.run_dir, "qemu-cmdline.txt"), "w") as f:
        f.write(" ".join(cmd) + "\n")
    log = open(os.path.join(a.run_dir, "serial.log"), "w", buffering=1)
    err = open(os.path.join(a.run_dir, "qemu-stderr.log"), "w")
    progress = Progress(a.quiet, a.label)

    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=a.run_dir, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=err, start_new_session=True)
    q = queue.Queue()
    threading.Thread(target=reader, args=(proc.stdout, q), daemon=True).start()

    deadlines = {"run": start + a.timeout, "boot": start + a.boot_timeout}
    finished = False
    timeout_reason = None
    last_ticks, last_busy, kicks = None, start, 0
    while True:
        try:
            line = q.get(timeout=1)
        except queue.Empty:
            line = ""
        now = time.monotonic()
        if line is None:
            break
        if line:
            t = now - start
            log.write(f"{t:.3f} {line}\n")
            m = PROTOCOL.search(line)
            if m:
                kind, rest = m.group(1), m.group(2)
                progress.show(t, kind, rest)
                if kind == "BOOT" and "toolstack-ready" in rest:
                    deadlines.pop("boot", None)
                elif kind == "SCENARIO-BEGIN":
                    lim = re.search(r"timeout=(\d+)", rest)
                    deadlines["scenario"] = now + (float(lim.group(1)) if lim else 300) + SCENARIO_GRACE
                    deadlines.pop("boot", None)
                elif kind == "SCENARIO-END":
                    deadlines.pop("scenario", None)
                elif kind == "ALLDONE":
                    finished = True
                    deadlines = {"poweroff": now + 30}
                elif kind == "POWER-CUT":
                    os.killpg(proc.pid, signal.SIGKILL)
                    log.write(f"{time.monotonic() - start:.3f} @@HOST POWER-CUT QEMU killed, as dom0 asked\n")
                    finished = True
                    break
        ticks = cpu_ticks(proc.pid)
        if ticks != last_ticks:
            last_ticks, last_busy = ticks, now
        elif now - last_busy > STALL_KICK and not finished:
            kicks += 1
            note = f"QEMU used no CPU for {now - last_busy:.0f} s: the machine halted with no timer armed"
            if kicks > STALL_KICKS:
                timeout_reason = f"{note}, and {STALL_KICKS} bytes on its serial line did not wake it"
                log.write(f"{now - start:.3f} @@HOST TIMEOUT {timeout_reason}\n")
                print(f"  {a.label}[{now - start:7.1f}s] TIMEOUT        {timeout_reason}", flush=True)
                break
            log.write(f"{now - start:.3f} @@HOST STALL {note}; a byte on its serial line to wake it\n")
            print(f"  {a.label}[{now - start:7.1f}s] STALL          {note}; kicking its serial line", flush=True)
            try:
                proc.stdin.write(b"\r")
                proc.stdin.flush()
            except OSError:
                pass
            last_busy = now
        missed = [k for k, d in deadlines.items() if now > d]
        if missed:
            if missed[0] != "poweroff":
                timeout_reason = {"run": f"the whole run exceeded {a.timeout:.0f} s",
                                  "boot": f"the toolstack was not ready {a.boot_timeout:.0f} s after QEMU started",
                                  "scenario": "a scenario ran past its time limit and dom0 did not stop it"}[missed[0]]
                log.write(f"{now - start:.3f} @@HOST TIMEOUT {timeout_reason}\n")
                print(f"  [{now - start:7.1f}s] TIMEOUT        {timeout_reason}", flush=True)
            break

    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    log.write(f"{time.monotonic() - start:.3f} @@HOST QEMU-EXIT status={proc.returncode}\n")
    log.close()
    if timeout_reason:
        return 2
    return 0 if finished else 3


if __name__ == "__main__":
    sys.exit(main())
