#!/usr/bin/env bash
# build-guest.sh PKGROOT KVER OUT: the test guest's initramfs (busybox, guest/init, poweroff and
# reboot for a shell PID 1, the front-end driver modules) as a gzipped newc cpio at OUT.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
PKGROOT=$1 KVER=$2 OUT=$3
SRC=$INTEGRATION_DIR/guest
G=$(mktemp -d); trap 'rm -rf "$G"' EXIT

mkdir -p "$G"/{bin,sbin,proc,sys,dev,tmp,etc,lib/modules}
cp "$PKGROOT/bin/busybox" "$G/bin/busybox"
for a in $("$G/bin/busybox" --list); do [ -e "$G/bin/$a" ] || ln -s busybox "$G/bin/$a"; done
install -m 755 "$SRC/init" "$G/init"
install -m 755 "$SRC/poweroff" "$G/sbin/poweroff"
install -m 755 "$SRC/reboot" "$G/sbin/reboot"
: > "$G/etc/modules.order"
mapfile -t MODULES < <(grep -v -e '^#' -e '^[[:space:]]*$' "$SRC/modules.list")   # one module a line
KOS=$(module_closure "$PKGROOT/lib/modules/$KVER" "${MODULES[@]}") || die "kernel modules: see above"
for ko in $KOS; do
  cp "$ko" "$G/lib/modules/"
  basename "$ko" .ko >> "$G/etc/modules.order"
done
pack_cpio "$G" "$OUT"
