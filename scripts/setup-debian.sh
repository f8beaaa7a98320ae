#!/usr/bin/env bash
# Installs what building and testing xm needs on Debian 12 (run as root; CI runs it with no stdin).
# Idempotent, and quick when everything is already there: apt is only asked when something is
# missing. Swift itself is not a Debian package: Swift 6.3 is expected at /opt/swift.
set -euo pipefail

PACKAGES=(
  libxen-dev          # headers and libraries xm links against (libxenlight, libxenstore, ...)
  libyajl-dev libzstd-dev liblzma-dev uuid-dev zlib1g-dev  # the static archives of libxenlight's own
                      # dependencies: the release xm links Xen's libraries in (Sources/xm/StaticLink)
  qemu-system-x86     # boots the Xen host for the real-Xen suite (TCG)
  qemu-system-xen     # its libraries resolve the dom0 image's HVM device model
  busybox-static cpio gzip
  python3             # the suite's host-side reporting and comparison
  shellcheck          # make lint (swift-format comes with the Swift toolchain)
  libssl-dev          # TLS of migrations (OpenSSL; the release xm links its static archives)
  openssl             # the suites make their test CA and host certificates with it
  iproute2            # the two-host suite's network namespace (ip netns)
  ca-certificates
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: Debian packages present (${PACKAGES[*]})"
else
  [ "$(id -u)" = 0 ] || { echo "setup: missing ${missing[*]}: run as root (sudo $0)" >&2; exit 1; }
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" < /dev/null
fi

SWIFT=$(command -v swift || true)
[ -n "$SWIFT" ] || { [ -x /opt/swift/usr/bin/swift ] && SWIFT=/opt/swift/usr/bin/swift; }
if [ -z "$SWIFT" ]; then
  echo "setup: Swift not found: install Swift 6.3 at /opt/swift (swift.org toolchain for Debian 12) and put /opt/swift/usr/bin on PATH" >&2
  exit 1
fi
version=$("$SWIFT" --version 2>/dev/null | awk 'NR == 1')
case "$version" in
  *"Swift version 6."*) echo "setup: $version ($SWIFT)" ;;
  *) echo "setup: $SWIFT is '$version'; xm needs Swift 6.3" >&2; exit 1 ;;
esac
