#!/usr/bin/env bash
# integ_vrrp_busrestart: a restart of the bus (kill -9 ipcmgr) is not the departure of the
# processes on it. r1 (200) is Master over r2, its virtual IP on the macvlan pifmgr made for
# vrrpd. vrrpd is stopped (SIGSTOP) while ipcmgr is killed, so that it is still away when pifmgr
# is back on the new bus: pifmgr must not take vrrpd's macvlan and address away as if vrrpd had
# left (it did, found by chaos.sh: the master kept running without its virtual IP). Once
# vrrpd goes on (SIGCONT), r1 is still Master with the virtual IP on its macvlan, r2 Backup.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_pair
cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 200'
cm_if r2 eth1 "vrrp 1 ip $VT_VIP"
wait_state r1 Master
wait_state r2 Backup
has_vip() { nsx r1 ip -4 -br addr | grep -q " $VT_VIP/"; }
wait_cmd "r1 holds $VT_VIP" has_vip
macvlan=$(nsx r1 ip -4 -br addr | awk -v vip="$VT_VIP/32" '$0 ~ vip { sub(/@.*/, "", $1); print $1 }')
say "r1's virtual IP is on $macvlan"
monitor_start r1
m2=$(log_mark r2)
plog=${N2T_RUN[r1]}/pifmgr.log
pmark=$(line_count "$plog")
vpid=$(pidfile_pid r1 vrrpd)
say "stop vrrpd (pid $vpid), kill -9 ipcmgr"
kill -STOP "$vpid"
kill9_wait r1 ipcmgr 1
# pifmgr is back on the bus once its command table is registered again
expect_line "$plog" 'commands registered with cmdmgr' "$pmark"
kill -CONT "$vpid"
say "vrrpd goes on"
! tail -n +"$((pmark + 1))" "$plog" | grep 'vrrpd left' ||
	fail "pifmgr undid vrrpd's changes on a bus restart"
nsx r1 ip link show dev "$macvlan" >/dev/null || fail "$macvlan is gone"
has_vip || fail "r1 lost $VT_VIP"
wait_state r1 Master
assert_no_transition r2 "$m2"
assert_all_running r1
inst_stop r1
inst_stop r2
n2t_pass
