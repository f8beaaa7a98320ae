#!/usr/bin/env bash
# build-images.sh: what both suites boot, each piece built only when its cache entry is missing:
# this checkout's release xm, the Debian packages, the base image and the overlay. Prints
# "XM BASE OVERLAY". make test runs it before it starts the single-host and the two-host suites
# side by side, so that they find everything built and neither writes the cache while the other
# reads it.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
XM=$("$INTEGRATION_DIR/host/build-xm.sh")
"$INTEGRATION_DIR/host/fetch-debs.sh"
BASE=$("$INTEGRATION_DIR/host/build-base.sh")
OVERLAY=$("$INTEGRATION_DIR/host/build-overlay.sh" "$XM" "$BASE")
echo "$XM $BASE $OVERLAY"
