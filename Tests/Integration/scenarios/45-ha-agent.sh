# 45-ha-agent: xm as the toolstack of Pacemaker's Xen agent (ocf:heartbeat:Xen, from Debian's
# resource-agents), without a cluster. ocf-tester runs the agent's whole action sequence (meta-data,
# validate-all, monitor, start, stop, start twice, stop twice, migrate) on a PV, a PVH and an HVM
# guest with only xm on the agent's PATH (the agent prefers xl wherever it finds one). Then the
# agent's own actions, each checked on the hypervisor's view (xl, observing): the name= override;
# a stop whose shutdown_timeout expires on a guest that ignores the request (the agent destroys
# it); monitor of a paused domain (running: xend's status 1) and of a crashed one (not running).
# timeout: 1500
# shellcheck shell=sh disable=SC2154 # _rc and the other globals of dom0/lib.sh, loaded before this file
AGENT=/usr/lib/ocf/resource.d/heartbeat/Xen
HA_BIN=/xmtest/ha-bin
HA_PATH=$HA_BIN:/bin:/usr/bin
mkdir -p $HA_BIN && ln -sf /usr/sbin/xm $HA_BIN/xm
xl_state() { xl list "$1" 2>/dev/null | awk 'NR == 2 { print $5 }'; }

# ra ACTION RESOURCE XMFILE [PARAM=VALUE...]: the agent run as pacemaker-execd runs it (OCF 1.0,
# a 20 s operation timeout, interval 0, killed after 120 s as pacemaker-execd would: the agent's
# start waits for "running" with no limit of its own); its output indented, its status in $_rc
ra() {
  _act=$1 _res=$2 _cfg=$3; shift 3
  _params=""
  for _p in "$@"; do _params="$_params OCF_RESKEY_$_p"; done
  echo "  + agent $_act $_res $*"
  # shellcheck disable=SC2086 # one word per parameter
  timeout "$(within 120)" env -i PATH=$HA_PATH OCF_ROOT=/usr/lib/ocf OCF_RA_VERSION_MAJOR=1 OCF_RA_VERSION_MINOR=0 \
    OCF_RESOURCE_INSTANCE="$_res" OCF_RESKEY_xmfile="$_cfg" OCF_RESKEY_CRM_meta_timeout=20000 \
    OCF_RESKEY_CRM_meta_interval=0 $_params "$AGENT" "$_act" > "$XM_STATE/ra.out" 2>&1
  _rc=$?
  indent "agent $_act" < "$XM_STATE/ra.out"
  return $_rc
}

step toolstack "the agent's PATH has xm and no xl; its meta-data is valid OCF"
which_xm=$(env PATH=$HA_PATH sh -c 'which xm')
if env PATH=$HA_PATH sh -c 'which xl' > /dev/null 2>&1; then fail "xl is on the agent's PATH"
elif [ "$which_xm" != "$HA_BIN/xm" ]; then fail "which xm: '$which_xm'"
elif ! ra meta-data xmtest-ha none; then fail "meta-data exit $_rc"
else pass "$which_xm"; fi

# ---- ocf-tester, one guest of each type, the three at once and beside the agent's own actions
# below (other domain names): most of a run is the agent's own waits (five 1-s retries of every
# "not running" monitor, 13-s stop timeouts), about 340 s each under TCG, one after the other
# three times that
tester_start() { # TYPE CFG
  env PATH=$HA_PATH timeout "$(within 700)" /usr/sbin/ocf-tester -v -n "xmtest-ha-$1" -o xmfile="$2" "$AGENT" \
    > "$XM_STATE/ocf-$1.out" 2>&1 &
  echo $! > "$XM_STATE/ocf-$1.pid"
}
tester_check() { # TYPE DOMAIN
  step "ocf-tester-$1" "ocf-tester on a $1 guest: every check passes, nothing left running"
  wait "$(cat "$XM_STATE/ocf-$1.pid")"; rc=$?
  indent "ocf-tester $1" < "$XM_STATE/ocf-$1.out"
  if [ $rc = 0 ] && grep -q "passed all tests" "$XM_STATE/ocf-$1.out" && domain_gone "$2"; then
    measure "ha: ocf-tester $1 (three at once)" "$t_testers"; pass "$(grep -c "^Testing:" "$XM_STATE/ocf-$1.out") tests"
  else
    fail "exit $rc; $(grep -m3 "^\* rc=" "$XM_STATE/ocf-$1.out" | tr '\n' ' ')domain $(domain_exists "$2" && echo "left running" || echo gone)"
  fi
  destroy_until_gone 30 echo "$2"
}
t_testers=$(uptime_s)
tester_start pv /etc/xen/xmtest/pv.cfg
tester_start pvh /etc/xen/xmtest/pvh.cfg
tester_start hvm /etc/xen/xmtest/hvm.cfg
# ---- the agent's own actions
NAMED=xmtest-ha-named
step name-override "start with name=: the domain runs under the resource's name, monitor says running"
if ra start "$NAMED" /etc/xen/xmtest/pv.cfg name=$NAMED && domain_exists $NAMED \
  && ra monitor "$NAMED" /etc/xen/xmtest/pv.cfg name=$NAMED; then
  pass "domid $(domid_of $NAMED), state $(xl_state $NAMED)"
else fail "exit $_rc; xl list: $(xl list 2>&1 | awk 'NR > 1 { printf "%s ", $1 }')"; fi

step monitor-paused "monitor of a paused domain: running (0), as xend's status 1 says"
paused() { case "$(xl_state $NAMED)" in *p*) return 0;; esac; return 1; }
show xm pause $NAMED
xm list -l $NAMED > "$XM_STATE/long" 2>&1
if paused && grep -qx "    (status 1)" "$XM_STATE/long" && ra monitor "$NAMED" /etc/xen/xmtest/pv.cfg name=$NAMED; then
  pass "state $(xl_state $NAMED)"
else fail "exit $_rc, state $(xl_state $NAMED), $(grep status "$XM_STATE/long")"; fi
xm unpause $NAMED

step stop-named "stop: the named domain is gone, monitor says not running (7)"
ra stop "$NAMED" /etc/xen/xmtest/pv.cfg name=$NAMED; rc=$_rc
ra monitor "$NAMED" /etc/xen/xmtest/pv.cfg name=$NAMED
if [ $rc = 0 ] && [ "$_rc" = 7 ] && domain_gone $NAMED; then pass
else fail "stop exit $rc, monitor exit $_rc, domain $(domain_exists $NAMED && echo there || echo gone)"; fi
destroy_until_gone 30 echo $NAMED

HUNG=$(pv_variant xmtest-ha-hung on_poweroff destroy xmtest.ignore_poweroff=1)
step shutdown-timeout "stop with shutdown_timeout=8 on a guest that ignores shutdown: destroyed after 8 s"
rm -f "$(console_log xmtest-ha-hung)"
if ra start xmtest-ha-hung "$HUNG" && wait_console xmtest-ha-hung XM-GUEST-HELLO 300; then
  t0=$(uptime_s)
  ra stop xmtest-ha-hung "$HUNG" shutdown_timeout=8; rc=$_rc; took=$(seconds_since "$t0")
  if [ $rc = 0 ] && domain_gone xmtest-ha-hung && console_has xmtest-ha-hung XM-GUEST-IGNORING-POWEROFF \
    && awk -v t="$took" 'BEGIN { exit !(t >= 8) }'; then pass "stopped after $took s; the guest said XM-GUEST-IGNORING-POWEROFF"
  else fail "stop exit $rc after $took s; domain $(domain_exists xmtest-ha-hung && echo there || echo gone)"; console_tail xmtest-ha-hung 5; fi
else fail "start exit $_rc or no marker"; console_tail xmtest-ha-hung 10; fi
destroy_until_gone 30 echo xmtest-ha-hung

CRASHY=xmtest-ha-crash
# the guest crashes itself (sysrq c from inside: its kernel's sysrq mask refuses xm sysrq's c)
CRASH_CFG=$(pv_variant $CRASHY on_crash preserve xmtest.crash_after=5)
step monitor-crashed "monitor of a crashed domain (on_crash=preserve): not running (7); stop removes it"
rm -f "$(console_log $CRASHY)"
crashed() { case "$(xl_state $CRASHY)" in *c*) return 0;; esac; return 1; }
if ra start $CRASHY "$CRASH_CFG" && wait_for 300 crashed; then
  ra monitor $CRASHY "$CRASH_CFG"; mon=$_rc
  xm list -l $CRASHY 2>&1 | grep "(stat" | indent "xm list -l"
  ra stop $CRASHY "$CRASH_CFG" shutdown_timeout=5; rc=$_rc
  if [ "$mon" = 7 ] && [ $rc = 0 ] && domain_gone $CRASHY; then pass "monitor 7 in state ---sc-; stop removed it"
  else fail "monitor exit $mon, stop exit $rc, domain $(domain_exists $CRASHY && echo there || echo gone)"; fi
else fail "exit $_rc, state '$(xl_state $CRASHY)'"; console_tail $CRASHY 10; fi
destroy_until_gone 30 echo $CRASHY

# the three ocf-tester runs went on while the agent's own actions ran: their verdicts
tester_check pv xmtest-pv
tester_check pvh xmtest-pvh
tester_check hvm xmtest-hvm
