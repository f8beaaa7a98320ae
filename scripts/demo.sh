#!/usr/bin/env bash
# xm at work on a Xen host: create the test guest, list it, show its console, shut it down
# (Tests/Integration/scenarios/demo.sh). On a real dom0 it runs right here with this checkout's
# xm; anywhere else it boots Xen 4.17 under QEMU and runs the same scenario inside its dom0.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IT=$ROOT/Tests/Integration

if ! grep -qs control_d /proc/xen/capabilities; then
  echo "demo: this machine is not a Xen dom0: booting Xen under QEMU"
  status=0
  "$IT/run.sh" demo || status=$?
  # What the administrator would have seen at the dom0 shell: the commands and their output.
  serial=${XM_CACHE_DIR:-$ROOT/.cache/xen-under-qemu}/run/serial.log
  if [ -f "$serial" ]; then
    echo
    echo "---- in dom0 (from the serial console) ----"
    sed -n '/SCENARIO-BEGIN demo/,/SCENARIO-END demo/p' "$serial" |
      sed -n -e 's/^[0-9.]* *+ /# /p' -e 's/^[0-9.]*     \(xm\|console [^|]*\)| /\1| /p'
  fi
  exit "$status"
fi

[ "$(id -u)" = 0 ] || { echo "demo: run as root on the dom0" >&2; exit 1; }
# shellcheck source=../Tests/Integration/host/common.sh
. "$IT/host/common.sh"
XM=$("$IT/host/build-xm.sh")
"$IT/host/fetch-debs.sh"
BASE=$("$IT/host/build-base.sh")          # the test guest's kernel and initramfs come with it
CFG=$(mktemp -d)/xmtest-demo.cfg
sed -e "s|^kernel = .*|kernel = \"$BASE/vmlinuz\"|" -e "s|^ramdisk = .*|ramdisk = \"$BASE/guest-initrd.gz\"|" \
    -e 's|^name = .*|name = "xmtest-demo"|' "$IT/guest/configs/pv.cfg" > "$CFG"
echo "demo: on this dom0 with $XM and $CFG"
PATH=$(dirname "$XM"):$PATH XM_SCENARIO=demo XM_DEMO_CFG=$CFG \
  sh -c '. "$1/dom0/lib.sh"; . "$1/scenarios/demo.sh"; [ -z "$_step" ] || fail "step ended without a verdict"; ! scenario_failed' sh "$IT"
