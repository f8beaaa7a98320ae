# console-hvm: 50-console for an HVM guest, whose console is the emulated serial port that qemu
# serves on a pty (serial = "pty" in a copy of hvm.cfg). Slow under TCG, so by name only
# (run.sh console-hvm), like hvm-xl.
# timeout: 1800
CONSOLE_MODES=hvm
. /xmtest/scenarios/50-console.sh
