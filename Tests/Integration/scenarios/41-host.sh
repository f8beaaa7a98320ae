# 41-host: xm info against xl info, xm dmesg (as xl dmesg shows it; -c clears), xm log, xm sched-credit2's
# table against xl's and sched-credit's error on a credit2 host. No guest needed.
# timeout: 120
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file

S=$XM_STATE/41
mkdir -p "$S"
# value FILE KEY: the value of a "key : value" line (xm and xl both print them)
value() { awk -F: -v k="$2" '{ key = $1; gsub(/ /, "", key) } key == k { sub(/^[^:]*: ?/, ""); print; exit }' "$1"; }

step info "xm info: xm's key lines, agreeing with xl info"
xm info > "$S/xm.info" 2>&1; rc=$?
xl info > "$S/xl.info" 2>&1
indent "xm info" < "$S/xm.info"
xm_version="$(value "$S/xm.info" xen_major).$(value "$S/xm.info" xen_minor)$(value "$S/xm.info" xen_extra)"
problems=""
for k in nr_cpus nr_nodes cores_per_socket threads_per_core total_memory xen_caps xen_scheduler xen_pagesize \
         xen_changeset cc_compiler release machine; do
  [ "$(value "$S/xm.info" $k)" = "$(value "$S/xl.info" $k)" ] || problems="$problems $k: xm '$(value "$S/xm.info" $k)' xl '$(value "$S/xl.info" $k)';"
done
[ "$xm_version" = "$(value "$S/xl.info" xen_version)" ] || problems="$problems xen version $xm_version vs $(value "$S/xl.info" xen_version);"
# xend printed each key padded to 23 columns, then ": "
bad_lines=$(grep -cv '^[a-z_]\{1,23\} *: ' "$S/xm.info")
[ "$(head -n 1 "$S/xm.info")" = "system                 : Linux" ] || problems="$problems first line: $(head -n 1 "$S/xm.info");"
[ "$(tail -n 1 "$S/xm.info")" = "xend_config_format     : 4" ] || problems="$problems last line: $(tail -n 1 "$S/xm.info");"
if [ $rc -eq 0 ] && [ -z "$problems" ] && [ "$bad_lines" = 0 ]; then pass "Xen $xm_version, $(value "$S/xm.info" nr_cpus) CPUs, $(value "$S/xm.info" total_memory) MiB"
else fail "exit $rc;$problems $bad_lines lines not in xm's form"; fi

step sched "xm sched-credit2: xm's table, the same weights as xl sched-credit2 (Xen 4.17 runs credit2)"
xm sched-credit2 > "$S/xm.sched" 2>&1; rc=$?
xl sched-credit2 > "$S/xl.sched" 2>&1
indent "xm sched-credit2" < "$S/xm.sched"; indent "xl sched-credit2" < "$S/xl.sched"
problems=$(awk 'FNR == 1 { file++ }
  file == 1 && NF == 4 && $2 ~ /^[0-9]+$/ { xl[$1] = $2 " " $3; next }
  file == 2 && FNR > 1 { if ($0 != sprintf("%-32s %5s %6d", $1, $2, $3)) print "format: " $0
              if (xl[$1] != $2 " " $3) print $1 ": " $2 " " $3 " vs xl " xl[$1] }' "$S/xl.sched" "$S/xm.sched")
if [ $rc -eq 0 ] && [ "$(head -n 1 "$S/xm.sched")" = "Name                                ID Weight" ] \
   && grep -q "^Domain-0 " "$S/xm.sched" && [ -z "$problems" ]; then pass
else fail "exit $rc: $problems"; fi

step sched-other "xm sched-credit on a credit2 host: xm's error, exit 1"
xm sched-credit > "$S/sc.out" 2> "$S/sc.err"; rc=$?
indent "xm sched-credit" < "$S/sc.err"
if [ "$(value "$S/xm.info" xen_scheduler)" != credit2 ]; then fail "Xen runs '$(value "$S/xm.info" xen_scheduler)', not credit2: nothing to test"
elif [ $rc -eq 1 ] && [ "$(cat "$S/sc.err")" = "Error: Xen is running with the credit2 scheduler" ] && [ ! -s "$S/sc.out" ]; then pass
else fail "exit $rc"; fi

step log "xm log runs"
if show xm log; then pass; else fail "exit $_rc"; fi

# Xen's console ring is small: after the earlier scenarios' guests (HVM firmware logs at
# guest_loglvl=all) the boot banner may have left it, so xm's text is compared with xl's.
step dmesg "xm dmesg: the hypervisor's message buffer, as xl dmesg shows it"
xm dmesg > "$S/dmesg" 2>&1; rc=$?
xl dmesg > "$S/xl.dmesg" 2>&1
tail -n 5 "$S/dmesg" | indent "xm dmesg (tail)"
nxl=$(wc -l < "$S/xl.dmesg")
mid=$(awk -v n=$((nxl / 2)) 'NR == n' "$S/xl.dmesg")
if [ $rc -eq 0 ] && [ "$nxl" -ge 20 ] && [ -n "$mid" ] && grep -qF -- "$mid" "$S/dmesg" \
   && [ "$(wc -l < "$S/dmesg")" -ge $((nxl - 5)) ]; then pass "$(wc -l < "$S/dmesg") lines (xl: $nxl); $(grep -m1 "Xen version" "$S/dmesg" || echo "banner already out of the ring")"
else fail "exit $rc; $(wc -l < "$S/dmesg") lines (xl: $nxl); xl's line $((nxl / 2)) '$mid'"; fi

# Last: clearing empties Xen's buffer for the scenarios after this one too.
step dmesg-clear "xm dmesg -c prints the buffer and empties it"
xm dmesg -c > "$S/dmesg-c" 2>&1; rc=$?
xm dmesg > "$S/after" 2>&1
n=$(wc -l < "$S/dmesg-c")
mid=$(awk -v n=$((n / 2)) 'NR == n' "$S/dmesg-c")
if [ $rc -eq 0 ] && [ "$n" -ge 20 ] && [ -n "$mid" ] && ! grep -qF -- "$mid" "$S/after" \
   && [ "$(wc -l < "$S/after")" -lt 20 ]; then pass "$n lines printed, $(wc -l < "$S/after") after clearing"
else fail "exit $rc; $n lines printed, after clearing: $(wc -l < "$S/after") lines"; head -n 5 "$S/after" | indent after; fi
