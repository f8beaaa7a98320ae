#!/usr/bin/env bash
# build-overlay.sh XM BASE_DIR: the part of dom0's initramfs that is the project's: /init and the
# scenario library, the scenarios, the guest configs, Fixtures/valid, the observers of tools/ (C,
# built here, at /xmtest/bin), and xm at /usr/sbin/xm with the libraries they need that the base
# lacks. Cached in $CACHE/overlay-<key>/ (key: the binaries' sha256 and these files' contents).
# Prints the overlay's path.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
XM=$1 BASE=$2

ROOT=$(pkgroot_dir)   # the extracted packages: xm's Xen libraries resolve against them
# The observers are small C programs on libxenctrl/libxenstore (libxen-dev, as xm's build needs);
# any C compiler will do, and the Swift toolchain brings clang.
# Built in a directory of this run's own: the single-host and two-host suites may build at once.
mkdir -p "$CACHE"
TOOLS=$(mktemp -d "$CACHE/tools.XXXXXX")
trap 'rm -rf "$TOOLS"' EXIT
CC=${CC:-$(command -v cc || command -v clang || echo /opt/swift/usr/bin/clang)}
for src in "$INTEGRATION_DIR"/tools/*.c; do
  "$CC" -O2 -Wall -o "$TOOLS/$(basename "$src" .c)" "$src" -lxenctrl -lxenstore \
    || die "cannot build the observer $src with $CC"
done
LIBS=$(resolve_libs "$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu" "$XM" "$TOOLS"/*) \
  || die "cannot resolve the libraries of $XM and the observers"
# only what the base does not already have
NEW_LIBS=$(for l in $LIBS; do
  grep -qx "/lib/x86_64-linux-gnu/$(basename "$l")\|/lib64/$(basename "$l")" "$BASE/manifest.txt" || echo "$l"; done)

KEY=$( { sha256sum "$XM" "$TOOLS"/* | cut -c1-64
         echo "$NEW_LIBS" | xargs -r sha256sum
         hash_files "$INTEGRATION_DIR/host/build-overlay.sh" "$INTEGRATION_DIR/host/common.sh" "$INTEGRATION_DIR/dom0" \
                    "$INTEGRATION_DIR/scenarios" "$INTEGRATION_DIR/guest/configs" "$FIXTURES"; } | hash_stdin | cut -c1-16)
OUT=$CACHE/overlay-$KEY
if [ -f "$OUT/.complete" ]; then echo "$OUT"; exit 0; fi

log "building overlay $(basename "$OUT") (xm $(sha256sum "$XM" | cut -c1-12), $(echo "$NEW_LIBS" | sed '/^$/d' | wc -l) extra libraries)"
rm -rf "$OUT"; mkdir -p "$OUT"
O=$OUT/root
mkdir -p "$O"/{usr/sbin,xmtest/scenarios,xmtest/bin,etc/xen/xmtest,fixtures}
install -m 755 "$INTEGRATION_DIR/dom0/init" "$O/init"
cp "$INTEGRATION_DIR/dom0/lib.sh" "$INTEGRATION_DIR/dom0/twohost.sh" "$INTEGRATION_DIR/dom0/cluster.sh" "$O/xmtest/"
install -m 755 "$INTEGRATION_DIR/dom0/peer-agent" "$O/xmtest/peer-agent"
cp "$INTEGRATION_DIR"/scenarios/*.sh "$O/xmtest/scenarios/"
cp "$INTEGRATION_DIR"/guest/configs/*.cfg "$O/etc/xen/xmtest/"
"$INTEGRATION_DIR/host/make-certs.sh" "$O/etc/xen/xmtest/tls"   # the test pool's TLS files
if [ -d "$FIXTURES" ]; then cp -a "$FIXTURES" "$O/fixtures/valid"; fi
# stripped: the debug info is most of the file and is never loaded; a smaller initramfs boots sooner
install -m 755 -s "$XM" "$O/usr/sbin/xm"
install -m 755 -s "$TOOLS"/* "$O/xmtest/bin/"
for l in $NEW_LIBS; do install_lib "$O" "$l"; done
pack_cpio "$O" "$OUT/overlay.cpio.gz"
rm -rf "$O"
touch "$OUT/.complete"
prune_cache overlay "$OUT"
echo "$OUT"
