# hvm-xl: the test guest as an HVM domain, with xl (observing), like 20-guests-xl does for PV and
# PVH. Slow under TCG (create -> marker 90 s idle, several minutes on a loaded machine), so it is
# not in the default set: run it by name (run.sh hvm-xl).
# timeout: 1500
GUEST_MODES=hvm
. /xmtest/scenarios/20-guests-xl.sh
