#!/usr/bin/env bash
# The part of the Xen host image that comes from Debian: the hypervisor, the dom0 kernel, and a
# dom0 initramfs "base" with busybox, the Xen tools and libraries, kernel modules, the HVM device
# model and firmware, and the test guest. Cached in $CACHE/base-<key>/, the key hashing the package
# versions, the host libraries copied in and the harness files that shape the base. Prints the
# base directory (containing xen, vmlinuz, base.cpio.gz, manifest.txt).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

DEBLIST=$(cat "$CACHE/debs.current")
KDEB=$(echo "$DEBLIST" | grep '^linux-image-')
KVER=${KDEB#linux-image-}; KVER=${KVER%%_*}

# ---- 1. the packages' files, extracted once per package set
ROOT=$(pkgroot_dir)
if [ ! -f "$ROOT/.complete" ]; then
  log "extracting $(echo "$DEBLIST" | wc -l) packages into $(basename "$ROOT")"
  rm -rf "$ROOT"; mkdir -p "$ROOT"
  for d in $DEBLIST; do dpkg -x "$DEBS/$d" "$ROOT"; done
  touch "$ROOT/.complete"
fi
prune_cache root "$ROOT"

# ---- 2. what the base contains, and its key
elf_files() { local f; for f in "$@"; do [ -f "$f" ] && [ "$(head -c4 "$f" | tr -d '\0')" = $'\x7fELF' ] && echo "$f"; done; return 0; }
mapfile -t XEN_BINS < <(elf_files "$ROOT/$XENLIB"/bin/*)
DM=$ROOT/usr/libexec/xen-qemu-system-i386
LIBPATH=$ROOT/usr/lib/x86_64-linux-gnu:$ROOT/lib/x86_64-linux-gnu:$ROOT/usr/lib
# The pool's engine: Corosync and Pacemaker's daemons and the tools the scenarios drive them with
CLUSTER_BINS=()
for b in corosync corosync-cfgtool corosync-quorumtool corosync-cmapctl pacemakerd crm_node crm_mon \
         crm_resource crm_attribute cibadmin crmadmin crm_verify attrd_updater; do
  CLUSTER_BINS+=("$ROOT/usr/sbin/$b")
done
mapfile -t -O ${#CLUSTER_BINS[@]} CLUSTER_BINS < <(elf_files "$ROOT"/usr/lib/pacemaker/*)
# Xen's hotplug scripts (block, vif-*) are bash scripts and lock with util-linux's flock; busybox
# has neither. The host's (Debian 12 too) run them, as on a real dom0.
HOST_TOOLS=()
for t in bash flock; do
  p=$(command -v "$t") || die "$t not found on this host"
  HOST_TOOLS+=("$p")
done
LIBS=$(resolve_libs "$LIBPATH" "${XEN_BINS[@]}" "$ROOT/usr/bin/xenstore" "$DM" "$ROOT/usr/bin/xmllint" "$ROOT/bin/nc.openbsd" "${CLUSTER_BINS[@]}" "${HOST_TOOLS[@]}") || die "cannot resolve the Xen tools' libraries (run 'make setup'?)"
# glibc dlopen()s libgcc_s for pthread_cancel; ldd doesn't list it and xl aborts without it.
GCC_S=$(ldconfig -p | awk '/libgcc_s.so.1 .*x86-64/ && !found { print $NF; found = 1 }')   # no early exit: pipefail
[ -n "$GCC_S" ] || die "libgcc_s.so.1 not found on this host"
HOST_FILES=$(echo "$LIBS"; echo "$GCC_S"; printf '%s\n' "${HOST_TOOLS[@]}")
KEY=$( { echo "$DEBLIST"
         echo "$HOST_FILES" | grep -v "^$ROOT/" | xargs -r sha256sum
         hash_files "$INTEGRATION_DIR/host/build-base.sh" "$INTEGRATION_DIR/host/common.sh" "$INTEGRATION_DIR/host/build-guest.sh" \
                    "$INTEGRATION_DIR/guest/init" "$INTEGRATION_DIR/guest/poweroff" \
                    "$INTEGRATION_DIR/guest/reboot" "$INTEGRATION_DIR/guest/modules.list" \
                    "$INTEGRATION_DIR/dom0/modules.list"; } | hash_stdin | cut -c1-16)
OUT=$CACHE/base-$KEY
if [ -f "$OUT/.complete" ]; then echo "$OUT"; exit 0; fi

# ---- 3. assemble
log "building base image $(basename "$OUT") (kernel $KVER)"
rm -rf "$OUT"; mkdir -p "$OUT"
R=$OUT/root
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,usr/libexec,usr/share/qemu,"$XENLIB"/bin,"$XENLIB"/boot,lib/x86_64-linux-gnu,lib64,lib/modules} \
         "$R"/{etc/xen,proc,sys,dev,run,tmp,root,guest,var/lib/xen,var/lib/xenstored,var/log/xen/console,var/lock}
ln -s ../run "$R/var/run"

zcat "$ROOT/boot/xen-4.17-amd64.gz" > "$OUT/xen"    # QEMU's multiboot loader wants the ELF, not .gz
cp "$ROOT/boot/vmlinuz-$KVER" "$OUT/vmlinuz"

cp "$ROOT/bin/busybox" "$R/bin/busybox"
for a in $("$R/bin/busybox" --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done

for b in "${XEN_BINS[@]}"; do cp "$b" "$R/$XENLIB/bin/"; done
cp "$ROOT/$XENLIB/boot/hvmloader" "$R/$XENLIB/boot/"
cp "$ROOT/usr/bin/xenstore" "$R/usr/bin/"
for l in chmod exists list ls read rm watch write; do ln -s xenstore "$R/usr/bin/xenstore-$l"; done
ln -s "/$XENLIB/bin/xenstore-control" "$R/usr/bin/xenstore-control"
cp -a "$ROOT/etc/xen/scripts" "$ROOT/etc/xen/xl.conf" "$R/etc/xen/"

for l in $LIBS $GCC_S; do install_lib "$R" "$l"; done
for t in "${HOST_TOOLS[@]}"; do rm -f "$R/bin/${t##*/}"; cp "$t" "$R/bin/"; done
[ -e "$R/lib64/ld-linux-x86-64.so.2" ] || install_lib "$R" /lib64/ld-linux-x86-64.so.2

# Pacemaker's ocf:heartbeat:Xen agent with the OCF shell library it sources, and ocf-tester with
# what it checks the agent's meta-data with (xmllint, the OCF DTD). The agent is a sh script: busybox
# runs it, as the other agents' shells would on a dom0 of this size.
mkdir -p "$R/usr/lib/ocf/resource.d/heartbeat" "$R/usr/share/resource-agents"
cp -a "$ROOT/usr/lib/ocf/lib" "$R/usr/lib/ocf/"
cp "$ROOT/usr/lib/ocf/resource.d/heartbeat/Xen" "$R/usr/lib/ocf/resource.d/heartbeat/"
cp "$ROOT/usr/sbin/ocf-tester" "$R/usr/sbin/"
cp "$ROOT/usr/share/resource-agents/ra-api-1.dtd" "$R/usr/share/resource-agents/"
cp "$ROOT/usr/bin/xmllint" "$R/usr/bin/"
# xl migrate's transport to a peer (xl migrate -s "" DOM "nc.openbsd HOST PORT"): busybox nc, with
# its small buffer, made xl's live migration of a 128 MiB guest take 75 s under TCG where xm's took 10
cp "$ROOT/bin/nc.openbsd" "$R/usr/bin/"
# ocf-tester runs the agent's meta-data as nobody (su nobody -s /bin/sh -c ...). Pacemaker's
# daemons run as hacluster:haclient: fixed ids, the same on both hosts of the pool.
printf '%s\n' root:x:0:0:root:/root:/bin/sh nobody:x:65534:65534:nobody:/nonexistent:/bin/false \
  hacluster:x:189:189::/var/lib/pacemaker:/bin/false > "$R/etc/passwd"
printf '%s\n' root:x:0: nogroup:x:65534: haclient:x:189: > "$R/etc/group"
# Corosync and Pacemaker (dom0/cluster.sh starts them): their binaries, and the CIB's schemas,
# which Pacemaker validates every configuration change against
mkdir -p "$R/usr/lib/pacemaker" "$R/etc/corosync"
for b in "${CLUSTER_BINS[@]}"; do
  case "$b" in */usr/lib/pacemaker/*) cp "$b" "$R/usr/lib/pacemaker/";; *) cp "$b" "$R/usr/sbin/";; esac
done
cp -a "$ROOT/usr/share/pacemaker" "$R/usr/share/"
# HVM: the device model and what it loads (option ROMs for direct kernel boot, keymaps), SeaBIOS
cp "$DM" "$R/usr/libexec/"
cp -a "$ROOT/usr/share/seabios" "$R/usr/share/"
for f in linuxboot.bin linuxboot_dma.bin kvmvapic.bin multiboot.bin multiboot_dma.bin pvh.bin keymaps; do
  cp -a "$ROOT/usr/share/qemu/$f" "$R/usr/share/qemu/"
done

: > "$R/etc/modules.order"
mapfile -t MODULES < <(grep -v -e '^#' -e '^[[:space:]]*$' "$INTEGRATION_DIR/dom0/modules.list")   # one module a line
KOS=$(module_closure "$ROOT/lib/modules/$KVER" "${MODULES[@]}") || die "kernel modules: see above"
for ko in $KOS; do
  cp "$ko" "$R/lib/modules/"
  basename "$ko" .ko >> "$R/etc/modules.order"
done

"$INTEGRATION_DIR/host/build-guest.sh" "$ROOT" "$KVER" "$OUT/guest-initrd.gz"
cp "$OUT/vmlinuz" "$R/guest/vmlinuz"
cp "$OUT/guest-initrd.gz" "$R/guest/initrd.gz"

(cd "$R" && find . \( -type f -o -type l \) | sed 's|^\./|/|' | LC_ALL=C sort) > "$OUT/manifest.txt"
echo "$DEBLIST" > "$OUT/packages.txt"
pack_cpio "$R" "$OUT/base.cpio.gz"
rm -rf "$R"
touch "$OUT/.complete"
prune_cache base "$OUT"
log "base image: $(du -h "$OUT/base.cpio.gz" | cut -f1) compressed"
echo "$OUT"
