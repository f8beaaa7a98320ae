# 51-console-hvm: the HVM guest with xm, seen through 50-console's steps: its console is the
# emulated serial port that qemu serves on a pty (serial = "pty" in a copy of hvm.cfg). xm create;
# xm console reads the marker, a ping typed into it is answered; xm trigger nmi reaches the guest
# kernel; Ctrl-] detaches, a pipe's end of input ends it; xm shutdown -w returns with the domain
# gone and ends the attached console (the second attach, the errors and xm create -c are
# 50-console's, as PV only). One HVM boot: slow under TCG (firmware and emulated devices), about
# a minute to the marker on an idle machine.
# timeout: 1500
# shellcheck shell=sh
CONSOLE_MODES=hvm
# shellcheck source=50-console.sh
. /xmtest/scenarios/50-console.sh
