# 00-toolstack: the Xen toolstack is up in dom0 and our xm runs there.
# (xl only observes here; xm never calls xl.)
# timeout: 120
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file

step xenstored-running "xenstored answers and knows dom0"
if pidof xenstored > /dev/null && [ "$(xenstore-read /local/domain/0/name 2>/dev/null)" = Domain-0 ]; then pass
else fail "xenstored not running, or /local/domain/0/name is not Domain-0"; fi

step xenconsoled-running "xenconsoled is running"
if pidof xenconsoled > /dev/null; then pass; else fail "no xenconsoled process"; fi

step xl-info "xl info works"
if xl info > /tmp/xl-info 2>&1; then
  pass "$(sed -n 's/^xen_version *: //p' /tmp/xl-info); virt_caps: $(sed -n 's/^virt_caps *: //p' /tmp/xl-info)"
else fail "xl info: $(tail -n 3 /tmp/xl-info)"; fi
indent "xl info" < /tmp/xl-info

step hvm-capable "Xen offers HVM (needed for PVH and HVM guests)"
if grep -q '^virt_caps.*hvm' /tmp/xl-info; then pass; else fail "no hvm in virt_caps: QEMU's CPU lacks svm/npt?"; fi

step domain0-listed "xl list shows Domain-0"
if show xl list && xl list 2>/dev/null | grep -q '^Domain-0 '; then pass; else fail "Domain-0 missing from xl list"; fi

step xm-runs "our xm runs in dom0 (xm --help exits 0)"
if show xm --help; then pass; else fail "xm --help exit status $_rc (missing libraries? see its output)"; fi
