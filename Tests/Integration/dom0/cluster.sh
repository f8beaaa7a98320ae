# shellcheck shell=sh disable=SC2034 # the logs' names are for the scenarios that source this
# The two-host pool's engine: Corosync and Pacemaker from Debian's packages (host/build-base.sh
# puts their files in the image), started by hand as their systemd units would start them, since
# dom0 has no init system. Sourced by the pool scenarios and by the agent (dom0/peer-agent).
#
# Node names are dom0a (192.168.77.1) and dom0b (192.168.77.2), in /etc/hosts on both: the Xen
# agent migrates a resource to its target's node name (xm migrate --live DOM dom0b).
CLUSTER_LOG=/var/log/pacemaker/pacemaker.log
COROSYNC_LOG=/var/log/corosync/corosync.log
# The agent's PATH under Pacemaker, as xm(1) tells admins to set it: a directory of links to xm
# and the cluster tools the agent calls, and no xl (the agent uses xl wherever it finds one)
HA_BIN=/etc/xen/ha-bin
CLUSTER_PATH=$HA_BIN:/usr/bin:/bin
_node_of() { case "$1" in 192.168.77.1) echo dom0a;; 192.168.77.2) echo dom0b;; esac; }
read -r _cmdline < /proc/cmdline
for _w in $_cmdline; do
  case "$_w" in xmtest.ip=*) _ip=${_w#*=}; MY_NODE=$(_node_of "${_ip%/*}");; esac
done

# corosync.conf for the pool. Token timeouts for software emulation: a TCG dom0 can stall for
# seconds under load, and the default 3 s token would split the pool at random. A node's loss is
# declared after token + consensus, about 22 s.
_corosync_conf() {
  cat <<'EOF'
totem {
	version: 2
	cluster_name: xmpool
	transport: knet
	crypto_cipher: none
	crypto_hash: none
	token: 10000
	consensus: 12000
	join: 1000
	token_retransmits_before_loss_const: 10
}
nodelist {
	node {
		name: dom0a
		nodeid: 1
		ring0_addr: 192.168.77.1
	}
	node {
		name: dom0b
		nodeid: 2
		ring0_addr: 192.168.77.2
	}
}
quorum {
	provider: corosync_votequorum
	two_node: 1
}
logging {
	to_logfile: yes
	logfile: /var/log/corosync/corosync.log
	to_stderr: no
	to_syslog: no
	timestamp: on
}
EOF
}

# cluster_start: corosync, then pacemakerd (which starts and watches Pacemaker's six daemons)
cluster_start() {
  hostname "$MY_NODE"
  grep -q ' dom0a$' /etc/hosts 2>/dev/null || printf '%s\n' '192.168.77.1 dom0a' '192.168.77.2 dom0b' >> /etc/hosts
  # libqb makes a directory in /dev/shm for each IPC connection, as root and as hacluster
  mkdir -p /dev/shm
  grep -q ' /dev/shm ' /proc/mounts || mount -t tmpfs -o mode=1777,nosuid,nodev shm /dev/shm
  mkdir -p /etc/corosync /var/lib/corosync /var/log/corosync /var/lib/pacemaker/cib /var/lib/pacemaker/pengine \
           /var/log/pacemaker
  chown -R hacluster:haclient /var/lib/pacemaker /var/log/pacemaker
  chmod 0770 /var/log/pacemaker
  _corosync_conf > /etc/corosync/corosync.conf
  mkdir -p "$HA_BIN"
  for _t in xm crm_attribute crm_resource crm_node; do ln -sf "/usr/sbin/$_t" "$HA_BIN/$_t"; done
  # corosync forks once its configuration is read: a bad one is its exit status
  corosync < /dev/null > /dev/null 2>&1 || return 1
  env -i PATH=$CLUSTER_PATH PCMK_logfile=$CLUSTER_LOG PCMK_logfacility=none \
    setsid /usr/sbin/pacemakerd < /dev/null > /dev/null 2>&1 &
}
# cluster_online: both nodes are members and online, as Pacemaker sees them
cluster_online() { crm_mon -1 2>/dev/null | grep -q 'Online: \[ dom0a dom0b \]'; }
# cluster_stop: pacemakerd stops its daemons (and the resources still running here), then corosync
cluster_stop() {
  pacemakerd --shutdown > /dev/null 2>&1 || killall pacemakerd 2>/dev/null
  wait_for 300 sh -c '! pidof pacemakerd > /dev/null'
  corosync-cfgtool -H --force > /dev/null 2>&1
  wait_for 60 sh -c '! pidof corosync > /dev/null'
}
# located RESOURCE: the node the resource runs on, as the cluster sees it (empty when stopped)
located() { crm_resource --locate -r "$1" -Q 2>/dev/null | head -n 1; }
