# 42-resources: vcpu-list (against xl vcpu-list), vcpu-set, vcpu-pin, mem-set (seen by the guest
# itself), mem-max, sched-credit2, the cpupool commands (remove a CPU from Pool-0, create a credit
# pool, list, migrate the guest, errors, destroy) and sched-credit -w/-c in that pool, on a running
# PV guest with maxvcpus 2.
# The guest is xm's: created from a copy of pv.cfg with maxvcpus given as an xm variable on the
# command line (the file does not set it, so the variable sets the option, as in xm).
# timeout: 420
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file

NAME=xmtest-res
S=$XM_STATE/42
mkdir -p "$S"

step create "xm create a copy of pv.cfg named $NAME, with maxvcpus=2 on the command line"
sed "s/^name = .*/name = \"$NAME\"/" /etc/xen/xmtest/pv.cfg > "/tmp/$NAME.cfg"
if show xm create "/tmp/$NAME.cfg" maxvcpus=2 && wait_console "$NAME" XM-GUEST-ALIVE 300 2; then
  ID=$(domid_of "$NAME"); pass "domid $ID"
else fail "xm create exit $_rc or no heartbeat"; console_tail "$NAME" 20; return 0; fi

# vcpu_rows TOOL: "name id vcpu online" per VCPU (online: the CPU column is a number), sorted
vcpu_rows() { "$@" | awk 'NR > 1 { print $1, $2, $3, ($4 ~ /^[0-9]+$/ ? "online" : "offline") }' | sort; }
# affinity_of VCPU: xm vcpu-list's affinity column for one VCPU of the guest
affinity_of() { xm vcpu-list "$NAME" | awk -v v="$1" 'NR > 1 && $3 == v { sub(/^.*  *[0-9.]+ /, ""); print }'; }

step vcpu-list "xm vcpu-list: xm's header and the same VCPUs as xl vcpu-list"
xm vcpu-list > "$S/xm.vcpu" 2>&1; rc=$?
xl vcpu-list > "$S/xl.vcpu" 2>&1
indent "xm vcpu-list" < "$S/xm.vcpu"; indent "xl vcpu-list" < "$S/xl.vcpu"
vcpu_rows cat "$S/xm.vcpu" > "$S/xm.rows"; vcpu_rows cat "$S/xl.vcpu" > "$S/xl.rows"
if [ $rc -eq 0 ] && [ "$(head -n 1 "$S/xm.vcpu")" = "Name                                ID  VCPU   CPU State   Time(s) CPU Affinity" ] \
   && cmp -s "$S/xm.rows" "$S/xl.rows" && grep -q "^$NAME $ID 1 offline$" "$S/xm.rows"; then pass
else fail "exit $rc: $(diff "$S/xm.rows" "$S/xl.rows" | tr '\n' ';')"; fi

step vcpu-set "xm vcpu-set $NAME 2, then 1: VCPU 1 offered to the guest and taken back (xenstore)"
# The toolstack's part of VCPU hotplug is cpu/N/availability in xenstore; whether the guest then
# starts the CPU is the guest's business (the test guest has no hotplug agent).
avail() { xenstore-read "/local/domain/$ID/cpu/1/availability" 2>/dev/null; }
show xm vcpu-set "$NAME" 2; rc1=$_rc; a1=$(avail)
show xm vcpu-set "$NAME" 1; rc2=$_rc; a2=$(avail)
if [ "$rc1" -eq 0 ] && [ "$a1" = online ] && [ "$rc2" -eq 0 ] && [ "$a2" = offline ]; then pass
else fail "exit $rc1/$rc2, availability '$a1' then '$a2'"; fi

step vcpu-set-limit "xm vcpu-set beyond maxvcpus is an error"
xm vcpu-set "$NAME" 3 > "$S/vs.out" 2> "$S/vs.err"; rc=$?
indent "xm vcpu-set 3" < "$S/vs.err"
if [ $rc -eq 1 ] && grep -q "^Error: " "$S/vs.err"; then pass; else fail "exit $rc"; fi

step vcpu-pin "xm vcpu-pin $NAME 0 1: affinity 1 in xm and xl vcpu-list; then all: any cpu"
show xm vcpu-pin "$NAME" 0 1; rc1=$_rc
a1=$(affinity_of 0)
xl_a1=$(xl vcpu-list "$NAME" | awk 'NR > 1 && $3 == 0 { print $(NF - 2) }')
show xm vcpu-pin "$NAME" all all; rc2=$_rc
a2=$(affinity_of 0); a3=$(affinity_of 1)
info "after pin: xm '$a1', xl '$xl_a1'; after all: '$a2' '$a3'"
if [ "$rc1" -eq 0 ] && [ "$a1" = 1 ] && [ "$xl_a1" = 1 ] && [ "$rc2" -eq 0 ] && [ "$a2" = "any cpu" ] && [ "$a3" = "any cpu" ]; then pass
else fail "exit $rc1/$rc2"; fi

step mem-set "xm mem-set $NAME 96: the guest's own MemTotal drops; xm and xl list show 96"
mem0=$(tr -d '\r' < "$(console_log "$NAME")" | awk '$1 == "XM-GUEST-ALIVE" { for (i = 2; i <= NF; i++) if ($i ~ /^mem=/) m = substr($i, 5) } END { print m + 0 }')
guest_mem_below() { [ "$(tr -d '\r' < "$(console_log "$NAME")" | awk '$1 == "XM-GUEST-ALIVE" { for (i = 2; i <= NF; i++) if ($i ~ /^mem=/) m = substr($i, 5) } END { print m + 0 }')" -le "$1" ]; }
t0=$(uptime_s)
# 32 MiB given back: MemTotal must fall by most of it (the balloon takes whole pages)
if show xm mem-set "$NAME" 96 && wait_for 120 guest_mem_below $((mem0 - 28000)); then
  measure "mem-set -> guest MemTotal" "$t0"
  m1=$(xm list "$NAME" | awk 'NR == 2 { print $3 }'); m2=$(xl list "$NAME" | awk 'NR == 2 { print $3 }')
  if [ "$m1" = 96 ] && [ "$m2" = 96 ]; then pass "guest MemTotal $mem0 kB -> $(console_tail "$NAME" 1 | sed 's/.*mem=//')"
  else fail "xm list Mem '$m1', xl list Mem '$m2'"; fi
else fail "exit $_rc; guest MemTotal still above $((mem0 - 28000)) kB (was $mem0)"; console_tail "$NAME" 5; fi

step mem-set-units "xm mem-set with a unit: 112m and 114688k mean 112 MiB"
show xm mem-set "$NAME" 114688k; rc=$_rc
t=$(xenstore-read "/local/domain/$ID/memory/target")
xm mem-set "$NAME" 112m 2>&1 | indent mem-set; t2=$(xenstore-read "/local/domain/$ID/memory/target")
xm mem-set "$NAME" 12x > /dev/null 2> "$S/bad"; rcb=$?
if [ "$rc" -eq 0 ] && [ "$t" = 114688 ] && [ "$t2" = 114688 ] && [ $rcb -eq 1 ] && grep -q "^Error: " "$S/bad"; then pass
else fail "exit $rc, target '$t' / '$t2', bad unit exit $rcb"; fi

step mem-max "xm mem-max $NAME 256: the domain's static maximum (xenstore)"
if show xm mem-max "$NAME" 256 && [ "$(xenstore-read "/local/domain/$ID/memory/static-max")" = 262144 ]; then pass
else fail "exit $_rc; static-max $(xenstore-read "/local/domain/$ID/memory/static-max")"; fi

step sched-credit2 "xm sched-credit2 -d $NAME -w 512: seen by xl and by xm"
show xm sched-credit2 -d "$NAME" -w 512; rc=$_rc
xl_w=$(xl sched-credit2 -d "$NAME" | awk -v n="$NAME" '$1 == n { print $3 }')
xm_w=$(xm sched-credit2 -d "$NAME" | awk -v n="$NAME" '$1 == n { print $3 }')
info "weight: xl '$xl_w', xm '$xm_w'"
if [ "$rc" -eq 0 ] && [ "$xl_w" = 512 ] && [ "$xm_w" = 512 ]; then pass; else fail "exit $rc"; fi

# Xen 4.17 runs credit2; the credit scheduler runs in a CPU pool of its own, made with xm's
# cpupool commands: CPU 1 leaves Pool-0 for it and the guest moves there. xl checks each step.
POOL=xmtest-credit
xl_pool_field() { xl cpupool-list "$1" 2>/dev/null | awk -v p="$1" -v f="$2" '$1 == p { print $f }'; }  # 2 CPUs, 3 sched, 5 domains
step cpupool-create "xm cpupool-cpu-remove Pool-0 1, xm cpupool-create (credit, CPU 1): xl cpupool-list agrees"
# the CPU comes as an xm variable (a number), the file makes the CPU list string of it
printf 'name = "%s"\nsched = "credit"\ncpus = "%%d" %% cpu\n' "$POOL" > /tmp/$POOL.cfg
if show xm cpupool-cpu-remove Pool-0 1 && show xm cpupool-create /tmp/$POOL.cfg cpu=1 \
   && [ "$(xl_pool_field "$POOL" 2)" = 1 ] && [ "$(xl_pool_field "$POOL" 3)" = credit ] \
   && [ "$(xl_pool_field Pool-0 2)" = 1 ]; then pass "$(xl cpupool-list | tr '\n' ';')"
else fail "exit $_rc"; xl cpupool-list | indent "xl cpupool-list"; fi

step cpupool-list "xm cpupool-list and -c: xm's columns, the same pools, CPUs and domain counts as xl"
xm cpupool-list > "$S/pools" 2>&1; rc=$?
xm cpupool-list -c "$POOL" > "$S/pool-cpus" 2>&1
indent "xm cpupool-list" < "$S/pools"; indent "xm cpupool-list -c" < "$S/pool-cpus"
problems=$(xl cpupool-list | awk 'NR > 1 { print $1, $2, $3, $5 }' | while read -r p c sc n; do
  awk -v p="$p" -v c="$c" -v sc="$sc" -v n="$n" '$1 == p { found = 1; if ($2 != c || $3 != sc || $4 != "y" || $5 != n) print p ": " $0 }
    END { if (!found) print p ": missing" }' "$S/pools"; done)
if [ $rc = 0 ] && [ "$(head -n 1 "$S/pools")" = "Name               CPUs   Sched     Active   Domain count" ] && [ -z "$problems" ] \
   && [ "$(sed -n 2p "$S/pool-cpus")" = "$(printf '%-16s 1' "$POOL")" ]; then pass
else fail "exit $rc; $problems"; fi

step cpupool-migrate "xm cpupool-migrate $NAME $POOL: xl sees the domain in the pool"
if show xm cpupool-migrate "$NAME" "$POOL" && [ "$(xl_pool_field "$POOL" 5)" = 1 ]; then pass
else fail "exit $_rc; xl: $(xl cpupool-list | tr '\n' ';')"; fi

step cpupool-errors "xm cpupool-destroy of a pool with a domain, of Pool-0, of no pool; cpu-add of a busy CPU: Error:, exit 1"
xm cpupool-destroy "$POOL" > "$S/e1" 2>&1; r1=$?
xm cpupool-destroy Pool-0 > "$S/e2" 2>&1; r2=$?
xm cpupool-destroy no-such-pool > "$S/e3" 2>&1; r3=$?
xm cpupool-cpu-add "$POOL" 0 > "$S/e4" 2>&1; r4=$?
cat "$S/e1" "$S/e2" "$S/e3" "$S/e4" | indent errors
if [ "$r1$r2$r3$r4" = 1111 ] && [ "$(cat "$S/e1" "$S/e2" "$S/e3" "$S/e4" | grep -c '^Error: ')" = 4 ] \
   && [ "$(xl_pool_field "$POOL" 5)" = 1 ]; then pass; else fail "exits $r1 $r2 $r3 $r4"; fi

step sched-credit "xm sched-credit -d $NAME -w 512 -c 50 in the credit pool: seen by xl and by xm"
show xm sched-credit -d "$NAME" -w 512 -c 50; rc=$_rc
xl_row=$(xl sched-credit -d "$NAME" | awk -v n="$NAME" '$1 == n { print $3, $4 }')
xm_row=$(xm sched-credit -d "$NAME" | awk -v n="$NAME" '$1 == n { print $3, $4 }')
xm sched-credit -d "$NAME" -w 300 > /dev/null 2>&1
w_only=$(xl sched-credit -d "$NAME" | awk -v n="$NAME" '$1 == n { print $3, $4 }')
xm sched-credit > "$S/credit-table" 2>&1
indent "xm sched-credit" < "$S/credit-table"
xm sched-credit -d Domain-0 -w 300 > /dev/null 2> "$S/d0.err"; rc0=$?
info "xl: '$xl_row', xm: '$xm_row', after -w 300 alone: '$w_only'; Domain-0 (credit2): exit $rc0 $(cat "$S/d0.err")"
if [ "$rc" -eq 0 ] && [ "$xl_row" = "512 50" ] && [ "$xm_row" = "512 50" ] && [ "$w_only" = "300 50" ] \
   && grep -q "^$NAME " "$S/credit-table" && ! grep -q "^Domain-0 " "$S/credit-table" && [ $rc0 -eq 1 ]; then pass
else fail "exit $rc"; fi

step cleanup "xm destroy $NAME, xm cpupool-destroy $POOL, xm cpupool-cpu-add Pool-0 1: as before (xl)"
show xm destroy "$NAME"; wait_for 30 domain_gone "$NAME"
show xm cpupool-destroy "$POOL"
show xm cpupool-cpu-add Pool-0 1
if domain_gone "$NAME" && ! xl cpupool-list | grep -q "^$POOL " && [ "$(xl cpupool-list | awk '$1 == "Pool-0" { print $2 }')" = 2 ]; then pass
else fail "left over"; xl cpupool-list | indent cpupools; fi
