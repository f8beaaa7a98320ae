# 51-console-hvm: 50-console for an HVM guest, whose console is the emulated serial port that qemu
# serves on a pty (serial = "pty" in a copy of hvm.cfg): xm console reads the marker, a ping
# typed into it is answered, Ctrl-] detaches, a pipe's end of input ends it, hangup (the second
# attach, the errors and xm create -c are 50-console's, as PV only). Slow under TCG
# (firmware and emulated devices): about a minute to the marker on an idle machine.
# timeout: 1200
# shellcheck shell=sh
CONSOLE_MODES=hvm
# shellcheck source=50-console.sh
. /xmtest/scenarios/50-console.sh
