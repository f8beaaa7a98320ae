#!/usr/bin/env bash
# The real-Xen suite: builds this checkout's release xm, builds (or reuses) the Xen host image
# from Debian packages, boots Xen 4.17 under QEMU (TCG), runs the scenarios inside dom0 and
# reports every step. Exit status 0 only when every step of every selected scenario passed.
#
#   Tests/Integration/run.sh [SCENARIO...]      e.g. run.sh 00-toolstack 10-dryrun
#   XM_SCENARIOS="00-toolstack 10-dryrun" Tests/Integration/run.sh
#
# With no selection: every scenarios/NN-*.sh. Other scenarios (hvm-xl, demo) run when named.
# Environment (all optional):
#   XM_TIMEOUT        whole QEMU run, seconds (default: boot allowance + the scenarios' limits,
#                     at most XM_RUN_BUDGET, 3900, so that this run, with the two-host
#                     one beside it, reports inside CI's 90 minutes)
#   XM_BOOT_TIMEOUT   QEMU start to toolstack ready, seconds (default 600)
#   XM_QEMU_CPU/MEM/SMP  default qemu64,+svm,+npt / 2048 / 2
#   XM_BINARY         use this xm instead of building the checkout's (harness work only)
#   XM_CACHE_DIR      image cache (default .cache/xen-under-qemu in the checkout)
#   XM_KERNEL_PKG     Debian kernel package (default: what linux-image-amd64 depends on)
#   XM_FIXTURES       the fixtures 10-dryrun compares on (default Fixtures/valid)
# Logs: .cache/xen-under-qemu/run/ (serial.log, summary.txt, results.json, blobs/).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=host/common.sh
. "$HERE/host/common.sh"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-0}"; }
case "${1:-}" in -h|--help) usage 0;; esac

# ---- which scenarios
selection=("$@")
[ ${#selection[@]} -gt 0 ] || read -r -a selection <<< "${XM_SCENARIOS:-}"
if [ ${#selection[@]} -eq 0 ]; then
  for f in "$HERE"/scenarios/[0-9][0-9]-*.sh; do selection+=("$(basename "$f" .sh)"); done
fi
scenario_limit() { sed -n '/^# timeout: *[0-9]/{s/^# timeout: *\([0-9]*\).*/\1/p;q}' "$HERE/scenarios/$1.sh"; }
names=() total_limit=0
for s in "${selection[@]}"; do
  s=$(basename "$s" .sh)
  [ -f "$HERE/scenarios/$s.sh" ] || die "no scenario '$s' (have: $(for f in "$HERE"/scenarios/*.sh; do basename "$f" .sh; done | tr '\n' ' '))"
  names+=("$s")
  lim=$(scenario_limit "$s"); total_limit=$((total_limit + ${lim:-300}))
done

# ---- what the host needs
for tool in qemu-system-x86_64 cpio gzip python3 dpkg-deb apt-get ldd; do
  command -v "$tool" > /dev/null || die "$tool not found: run 'make setup' (scripts/setup-debian.sh) as root first"
done

T0=$(now)
XM=$("$HERE/host/build-xm.sh")
T1=$(now)
"$HERE/host/fetch-debs.sh"
BASE=$("$HERE/host/build-base.sh")
T2=$(now)
OVERLAY=$("$HERE/host/build-overlay.sh" "$XM" "$BASE")
T3=$(now)

rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
cp "$BASE/xen" "$BASE/vmlinuz" "$RUN_DIR/"
cat "$BASE/base.cpio.gz" "$OVERLAY/overlay.cpio.gz" > "$RUN_DIR/initrd.gz"
T4=$(now)

BOOT_TIMEOUT=${XM_BOOT_TIMEOUT:-600}
# The scenarios' own limits add up to hours; the whole run must end, and report, well inside
# CI's 90 minutes (build and unit tests come first, ~10 minutes on a loaded machine; make test
# runs the two-host suite, 2700 s at most, beside this one), so it is capped at XM_RUN_BUDGET.
TIMEOUT=$((BOOT_TIMEOUT + total_limit + 60))
[ "$TIMEOUT" -le "${XM_RUN_BUDGET:-3900}" ] || TIMEOUT=${XM_RUN_BUDGET:-3900}
TIMEOUT=${XM_TIMEOUT:-$TIMEOUT}
XEN_ARGS="console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M loglvl=all guest_loglvl=all serial_tx_buffer=1M"
DOM0_ARGS="console=hvc0 earlyprintk=xen rdinit=/init xmtest.scenarios=$(IFS=:; echo "${names[*]}")"
log "booting Xen under QEMU: scenarios ${names[*]} (limit ${TIMEOUT} s; logs in $RUN_DIR)"
set +e
python3 "$HERE/host/boot.py" --run-dir "$RUN_DIR" --xen-args "$XEN_ARGS" --dom0-args "$DOM0_ARGS" \
  --cpu "${XM_QEMU_CPU:-qemu64,+svm,+npt}" --memory "${XM_QEMU_MEM:-2048}" --smp "${XM_QEMU_SMP:-2}" \
  --timeout "$TIMEOUT" --boot-timeout "$BOOT_TIMEOUT"
T5=$(now)
python3 "$HERE/host/report.py" "$RUN_DIR" --extract-only
: > "$RUN_DIR/host-steps.log"
if [[ " ${names[*]} " == *" 10-dryrun "* ]]; then
  python3 "$HERE/host/compare-dryrun.py" "$RUN_DIR" --fixtures "$FIXTURES" \
    --intents "$HERE/dryrun-intended-differences.txt"
fi
python3 "$HERE/host/report.py" "$RUN_DIR" --expect "${names[*]}"
rc=$?
set -e
{
  echo "Host timings (seconds): xm build $(elapsed "$T0" "$T1"), packages + base image $(elapsed "$T1" "$T2"),"
  echo "  overlay $(elapsed "$T2" "$T3"), initrd $(elapsed "$T3" "$T4"), QEMU run $(elapsed "$T4" "$T5"), total $(elapsed "$T0" "$(now)")"
} | tee -a "$RUN_DIR/summary.txt"
exit $rc
