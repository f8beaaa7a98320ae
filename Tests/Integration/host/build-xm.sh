#!/usr/bin/env bash
# Builds the release xm of this checkout (static Swift runtime) and prints the binary's path.
# XM_BINARY=/path/to/xm uses that binary instead (for working on the harness itself).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

if [ -n "${XM_BINARY:-}" ]; then
  [ -x "$XM_BINARY" ] || die "XM_BINARY=$XM_BINARY is not an executable"
  log "using XM_BINARY=$XM_BINARY instead of building the checkout's xm"
  echo "$XM_BINARY"; exit 0
fi
command -v swift > /dev/null || [ ! -x /opt/swift/usr/bin/swift ] || PATH=/opt/swift/usr/bin:$PATH
command -v swift > /dev/null || die "swift not found (Swift 6.3 is expected at /opt/swift: export PATH=/opt/swift/usr/bin:\$PATH)"
SCRATCH=$CHECKOUT/.build-release
FLAGS=(-c release --static-swift-stdlib --scratch-path "$SCRATCH" --package-path "$CHECKOUT")
log "swift build ${FLAGS[*]} --product xm"
swift build "${FLAGS[@]}" --product xm >&2 || die "the xm product of this checkout does not build (see above)"
BIN=$(swift build "${FLAGS[@]}" --show-bin-path)/xm
[ -x "$BIN" ] || die "swift build succeeded but $BIN is missing"
echo "$BIN"
