#!/usr/bin/env bash
# Downloads the Debian packages the Xen host image is made of into $CACHE/debs (apt-get download;
# an already downloaded version is not fetched again) and writes their file names, one a line, to
# $CACHE/debs.current. Versions are apt's candidates, so the image follows Debian's updates.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

# The Debian kernel: the ABI package linux-image-amd64 currently depends on (XM_KERNEL_PKG overrides).
kernel_package() {
  if [ -n "${XM_KERNEL_PKG:-}" ]; then echo "$XM_KERNEL_PKG"; return; fi
  apt-cache depends linux-image-amd64 2>/dev/null |
    awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9].*-amd64$/ && !found { print $2; found = 1 }'
}

PACKAGES=(xen-hypervisor-4.17-amd64 xen-utils-4.17 xen-utils-common xenstore-utils
  libxenmisc4.17 libxenstore4 libxencall1 libxendevicemodel1 libxenevtchn1 libxenforeignmemory1
  libxengnttab1 libxenhypfs1 libxentoolcore1 libxentoollog1 libyajl2
  busybox-static qemu-system-xen qemu-system-data seabios
  resource-agents libxml2-utils libxml2 libicu72    # Pacemaker's Xen agent, ocf-tester and its xmllint
  netcat-openbsd    # xl's migration transport in the tests: busybox nc copies a few KiB per syscall
  # The two-host pool (Corosync + Pacemaker), extracted, never installed on the build host: their
  # libraries, and the ones a minimal Debian host may lack, come from here
  corosync libknet1 libnozzle1 libqb100 libcorosync-common4 libcfg7 libcmap4 libcpg4 libquorum5
  libvotequorum8 libstatgrab10 pacemaker pacemaker-cli-utils pacemaker-common libcrmcommon34
  libcrmcluster29 libcib27 libpe-status28 libpe-rules26 libpacemaker1 liblrmd28 libstonithd26
  libcrmservice28 libpils2 libltdl7 libxslt1.1 libdbus-1-3 libnl-3-200 libnl-route-3-200 libncurses6
  libglib2.0-0)

# name_version_arch.deb as apt-get download names it (an epoch's ':' becomes %3a)
candidate_files() {
  apt-cache show --no-all-versions "$@" 2>/dev/null | awk '
    /^Package:/ { p = $2 } /^Version:/ { v = $2 } /^Architecture:/ { a = $2 }
    /^$/ { if (p != "") { sub(/:/, "%3a", v); print p "_" v "_" a ".deb" } p = "" }
    END { if (p != "") { sub(/:/, "%3a", v); print p "_" v "_" a ".deb" } }'
}

resolve() {
  local kpkg; kpkg=$(kernel_package)
  [ -n "$kpkg" ] || return 1
  FILES=$(candidate_files "${PACKAGES[@]}" "$kpkg")
  [ "$(echo "$FILES" | wc -l)" -eq $((${#PACKAGES[@]} + 1)) ]
}

download_missing() {
  local f missing=()
  for f in $FILES; do [ -s "$DEBS/$f" ] || missing+=("${f%%_*}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get download: ${missing[*]}"
  (cd "$DEBS" && apt-get download -o APT::Sandbox::User=root "${missing[@]}" >/dev/null)
  for f in $FILES; do [ -s "$DEBS/$f" ] || { log "download did not produce $f"; return 1; }; done
}

mkdir -p "$DEBS"
# Stale or missing package lists: refresh once and try again.
if ! { resolve && download_missing; }; then
  log "refreshing package lists (apt-get update)"
  apt-get update -qq >/dev/null || die "apt-get update failed"
  resolve || die "cannot resolve the image's packages with apt-cache (is this Debian 12 with main and security?)"
  download_missing || die "apt-get download failed"
fi
echo "$FILES" > "$CACHE/debs.current"
# Old versions nobody uses any more
for f in "$DEBS"/*.deb; do grep -qxF "$(basename "$f")" "$CACHE/debs.current" || rm -f "$f"; done
log "$(echo "$FILES" | wc -l) packages; kernel $(echo "$FILES" | sed -n "s/^\(linux-image-[^_]*\)_.*/\1/p"), xen $(echo "$FILES" | sed -n "s/^xen-hypervisor-4.17-amd64_\([^_]*\)_.*/\1/p")"
