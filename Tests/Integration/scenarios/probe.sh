# probe: timing phases of xm shutdown -w (temporary, not committed)
# timeout: 600
CFG=/etc/xen/xmtest/pv.cfg NAME=xmtest-pv
for i in 1 2 3; do
  step "c$i" create
  xm create "$CFG" > /dev/null 2>&1 && wait_console "$NAME" XM-GUEST-HELLO 300 $i && pass || fail create
  step "s$i" shutdown
  t0=$(uptime_s)
  XM_PROBE=1 xm shutdown -w "$NAME" 2>&1 | indent probe
  info "xm shutdown -w: $(seconds_since "$t0") s"
  t0=$(uptime_s); domain_gone "$NAME"; info "gone check: $(seconds_since "$t0") s"
  tail -n 3 /var/log/xen/xm-$NAME.log | indent monitor
  pass
done
