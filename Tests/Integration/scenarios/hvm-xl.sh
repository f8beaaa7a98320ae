# hvm-xl: the test guest as an HVM domain, with xl (observing), like guests-xl does for PV and
# PVH. Slow under TCG (create -> marker 90 s idle, several minutes on a loaded machine), so it is
# not in the default set: run it by name (run.sh hvm-xl).
# timeout: 1500
# shellcheck shell=sh
GUEST_MODES=hvm
# shellcheck source=guests-xl.sh
. /xmtest/scenarios/guests-xl.sh
