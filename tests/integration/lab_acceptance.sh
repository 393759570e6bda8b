#!/usr/bin/env bash
# tests/integration/lab_acceptance.sh: the project's end-to-end acceptance test. The paper's
# testbed (Section IV, Fig. 4) built by the lab command (packaging/n2os-lab) in private namespaces
# (n2t-<pid>-h1, -sw, -r1, -r2, -r3) with a private directory, and the paper's test done step by
# step:
#
#   1. section 4-2: r1 (priority 200) master, r2 (100) backup; h1 pings r3 with no loss and its
#      traceroute goes through r1 (192.0.2.10); IPv6 too: h1 pings r3's 2001:db8:3::1 with no loss
#      through its default router, VRID 1's virtual link-local address fe80::200:5eff:fe00:201,
#      and the forwarding counters (Ip6OutForwDatagrams of eth2) show r1 carried them
#   2. r2 `vrrp 1 priority 210`: r2 master, r1 backup (show ip vrrp status on both; traceroute
#      through 192.0.2.20); IPv6 through r2 (its counter, not r1's); captures of what each router
#      sends into the LAN switch: r2's Neighbor Advertisements claim the virtual addresses with the
#      Router flag, r1's (the backup's) never do
#   3. section 4-3: h1 pings every 10 ms, r2 `interface eth1` / `shutdown`: r1 master, traffic
#      flows again; the outage is within Master_Down_Interval (3 x 1 s + Skew_Time) + a margin;
#      IPv6 flows through r1 again
#   4. r2 `no shutdown`: r2 preempts and is master again, with at most a few pings lost
#   5. tracking: on the master r2, `track 1 interface eth2 line-protocol` and `vrrp 1 track 1
#      decrement 20`; its upstream cable is cut: r1 master (r2 at 190 < 200) for both families,
#      IPv6 through r1; cable back: r2 again
#   6. `n2os-lab up` again is harmless; after a crash (kill -9 of r3's processes) `down` removes
#      every namespace and process
#
# With N2LAB_R2=keepalived (tests/integration/lab_interop.sh) r2 is keepalived (VRRPv2) and both
# sides use text authentication; the same steps must pass (the IPv4 ones: the lab gives keepalived
# routers no IPv6 virtual router, so the IPv6 checks are n2os's).
#
# Waits are on state, with deadlines (n2os-lab polls `show ip vrrp brief json`, or keepalived's
# notify file); nothing sleeps to let something happen.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh" # lib.sh, and capture_start/capture_stop

n2t_init "$@"
LABCMD=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/packaging/n2os-lab
R2=${N2LAB_R2:-n2os}
AUTH=n2lab
MARGIN_MS=${N2LAB_MARGIN_MS:-500} # on top of the theoretical bound (loaded CI machines)
PREEMPT_MAX_LOST=${N2LAB_PREEMPT_MAX_LOST:-5}
export N2OS_LAB_PREFIX="n2t-$$-" N2OS_LAB_DIR="$N2T_TMP/lab" N2OS_LAB_BIN="$N2T_BIN"
export N2OS_LAB_WAIT="$N2T_WAIT"
N2T_NS["sw"]=${N2OS_LAB_PREFIX}sw # where vrrp_lib.sh's captures run (not a lib.sh instance: no label)
LABNS=(sw h1 r1 r2 r3)

need_tools traceroute tcpdump tshark
[ "$R2" = n2os ] || command -v keepalived >/dev/null ||
	fail "'keepalived' not found (run packaging/setup-deps.sh)"

# The lab is not made of lib.sh instances: take it down first on every exit path, then let lib.sh
# check that nothing is left (namespaces, processes) and that no log holds a sanitizer report.
lab_cleanup() {
	local rc=$? n r
	trap '' INT TERM PIPE
	trap - ERR
	set +eE
	if [ -f "$N2OS_LAB_DIR/lab.env" ]; then
		[ "$rc" -eq 0 ] || lab_diagnostics
		"$LABCMD" down --keep-dir >/dev/null 2>"$N2T_TMP/down.err" ||
			{ echo "cleanup: n2os-lab down failed: $(cat "$N2T_TMP/down.err")"; [ "$rc" -ne 0 ] || rc=1; }
	fi
	for n in "${LABNS[@]}"; do
		if [ -e "/run/netns/$N2OS_LAB_PREFIX$n" ]; then
			echo "cleanup: n2os-lab down left namespace $N2OS_LAB_PREFIX$n"
			N2T_LABELS+=("lab-$n")
			# shellcheck disable=SC2034 # read by n2t_cleanup (lib.sh)
			N2T_NS["lab-$n"]=$N2OS_LAB_PREFIX$n
			# shellcheck disable=SC2034
			N2T_RUN["lab-$n"]=$N2OS_LAB_DIR/$n
			mkdir -p "$N2OS_LAB_DIR/$n"
			[ "$rc" -ne 0 ] || rc=1
		fi
	done
	for r in r1 r2 r3; do
		[ -d "$N2OS_LAB_DIR/$r" ] || continue
		n2t_sanitizer_reports "$N2OS_LAB_DIR/$r" || { [ "$rc" -ne 0 ] || rc=1; }
	done
	(exit "$rc")
	n2t_cleanup
}
trap lab_cleanup EXIT

lab_diagnostics() {
	local r f
	echo "---- lab diagnostics ----"
	"$LABCMD" status 2>&1 | sed 's/^/  /'
	for r in r1 r2 r3; do
		for f in "$N2OS_LAB_DIR/$r"/vrrpd.log "$N2OS_LAB_DIR/$r"/pifmgr.log "$N2OS_LAB_DIR/$r"/state.*; do
			echo "-- last lines of $f"
			tail -n 12 "$f" | sed 's/^/  | /'
		done
	done
	echo "---- end of lab diagnostics ----"
}

lab() {
	run "$LABCMD" "$@"
	[ "$RUN_RC" -eq 0 ] || fail "n2os-lab $* exited $RUN_RC: $RUN_ERR
$RUN_OUT"
}

# rcm ROUTER LINE...: cmsh -c LINE... on an n2os router of the lab; CM_OUT is its output.
rcm() {
	local r=$1 a=() l
	shift
	for l in "$@"; do a+=(-c "$l"); done
	run "$LABCMD" cmsh "$r" "${a[@]}"
	[ "$RUN_RC" -eq 0 ] || fail "$r: cmsh $* exited $RUN_RC: $RUN_ERR $RUN_OUT"
	CM_OUT=$RUN_OUT
}

hx() { "$LABCMD" exec h1 "$@"; }

# status_block ROUTER IFNAME: the group's block of `show ip vrrp status` (Fig. 3 of the paper).
status_block() {
	rcm "$1" 'show ip vrrp status'
	awk -v h="Interface $2, VRID " 'index($0, h) == 1 { p = 1 } p && /^$/ { exit } p' <<<"$CM_OUT"
}

# expect_status ROUTER FIELD VALUE: a line of the eth1 group's `show ip vrrp status`.
expect_status() {
	local blk
	blk=$(status_block "$1" eth1)
	[[ $blk =~ (^|$'\n')\ +$2\ +:\ ([^$'\n']*) ]] ||
		fail "$1: no '$2' in show ip vrrp status:
$blk"
	[[ ${BASH_REMATCH[2]} == $3* ]] ||
		fail "$1: show ip vrrp status says '$2: ${BASH_REMATCH[2]}', expected '$3':
$blk"
}

# roles MASTER BACKUP: waits for the pair of states, then checks them with show ip vrrp status.
roles() {
	local m=$1 b=$2 r
	lab vrrp "$m" wait Master "$N2T_WAIT"
	lab vrrp "$b" wait Backup "$N2T_WAIT"
	for r in "$m" "$b"; do
		[ "$r" != r2 ] || [ "$R2" = n2os ] || continue
		if [ "$r" = "$m" ]; then expect_status "$r" State Master; else expect_status "$r" State Backup; fi
	done
	say "  $m is master, $b backup"
}

# no_loss COUNT: h1 pings r3 COUNT times (50 ms apart) and gets every answer.
no_loss() {
	run hx ping -c "$1" -i 0.05 -W 1 203.0.113.1
	[[ $RUN_OUT == *" $1 received, 0% packet loss"* ]] ||
		fail "h1 -> r3 (203.0.113.1): expected no loss over $1 pings: $(tail -n 2 <<<"$RUN_OUT")"
	say "  h1 -> r3: $1 pings, no loss"
}

# trace_via HOP: h1's traceroute to r3 goes through HOP and ends at r3.
trace_via() {
	run hx traceroute -n -q 1 -w 2 -m 6 203.0.113.1
	[ "$RUN_RC" -eq 0 ] || fail "traceroute exited $RUN_RC: $RUN_ERR"
	[[ $RUN_OUT =~ $'\n'\ 1\ +([0-9.]+) ]] || fail "traceroute: no first hop: $RUN_OUT"
	assert_eq "${BASH_REMATCH[1]}" "$1" "first hop of h1's traceroute to r3"
	[[ $RUN_OUT =~ $'\n'\ 2\ +203\.0\.113\.1\  ]] || fail "traceroute does not end at r3 in 2 hops: $RUN_OUT"
	say "  traceroute: 192.0.2.100 -> $1 -> 203.0.113.1"
}

# arp_vmac: every ARP reply h1 gets for the virtual IP comes from the virtual MAC (RFC 3768 7.3),
# and h1's neighbour entry for it is that MAC.
arp_vmac() {
	local macs
	run hx arping -c 2 -w 5 -I eth0 192.0.2.1
	macs=$(grep -o 'from [0-9a-f:]*' <<<"$RUN_OUT" | sort -u | tr '\n' ' ')
	assert_eq "$macs" "from 00:00:5e:00:01:01 " "MACs answering h1's ARP requests for 192.0.2.1"
	run hx ip neigh show 192.0.2.1 dev eth0
	assert_contains "$RUN_OUT" "lladdr 00:00:5e:00:01:01" "h1's neighbour entry for 192.0.2.1"
	say "  h1: 192.0.2.1 is at 00:00:5e:00:01:01, and only there"
}

# fwd6 ROUTER: IPv6 packets the router forwarded out of eth2 (Ip6OutForwDatagrams, which Linux
# counts on the outgoing interface: /proc/net/dev_snmp6/eth2 in its namespace). h1's echo requests
# leave the LAN's master that way; the replies come back through the upstream group's master (r1,
# VRID 2), so /proc/net/snmp6's global counter would count them on r1 whichever is the LAN's.
fwd6() {
	"$LABCMD" exec "$1" awk '$1 == "Ip6OutForwDatagrams" { print $2 }' /proc/net/dev_snmp6/eth2
}

# no_loss6 COUNT VIA: h1 pings r3's IPv6 address COUNT times through its default router (the
# virtual link-local address) and gets every answer; the LAN's master VIA forwarded them, the other
# router none.
no_loss6() {
	local n=$1 via=$2 other=r1 a0 b0 a1 b1
	[ "$via" != r1 ] || other=r2
	a0=$(fwd6 "$via") b0=$(fwd6 "$other")
	run hx ping -6 -c "$n" -i 0.05 -W 1 2001:db8:3::1
	[[ $RUN_OUT == *" $n received, 0% packet loss"* ]] ||
		fail "h1 -> r3 (2001:db8:3::1): expected no loss over $n pings: $(tail -n 2 <<<"$RUN_OUT")"
	a1=$(fwd6 "$via") b1=$(fwd6 "$other")
	[ $((a1 - a0)) -ge "$n" ] || fail "$via forwarded $((a1 - a0)) IPv6 packets out of eth2 for h1's $n pings"
	assert_eq $((b1 - b0)) 0 "IPv6 packets the backup $other forwarded out of eth2"
	say "  h1 -> r3 (IPv6, via fe80::200:5eff:fe00:201): $n pings, no loss; $via forwarded $((a1 - a0)), $other 0"
}

# default6: h1's IPv6 default route is the virtual link-local address of VRID 1, and both routers
# advertise that one first (RFC 9568 7.4: fe80::200:5eff:fe00:201, from the virtual MAC
# 00:00:5e:00:02:01, when none is configured).
default6() {
	local r
	run hx ip -6 route show default
	assert_contains "$RUN_OUT" "via fe80::200:5eff:fe00:201 dev eth0" "h1's IPv6 default route"
	for r in r1 r2; do
		rcm "$r" 'show ipv6 vrrp brief json'
		assert_match "$CM_OUT" '"interface":"eth1","vrid":1,[^}]*"virtual_ips":\["fe80::200:5eff:fe00:201","2001:db8:1::1"\]' \
			"$r's IPv6 virtual router on eth1"
	done
}

# na_capture_start / capture_stop: what r1 and r2 send into the LAN switch (tcpdump -Q in on their
# ports of br-lan in sw), ICMPv6 only.
na_capture_start() {
	local r
	for r in r1 r2; do capture_start "$N2T_TMP/na-$r.pcap" "-Q in icmp6" "$r-eth1"; done
}

# na_check MASTER BACKUP: in the captures, the master's Neighbor Advertisements claim a virtual
# address (the virtual link-local one or 2001:db8:1::1), always with the Router flag (RFC 9568
# 6.4.3 and 8.2.2: it answers as a router); the backup's never claim one (RFC 9568 6.4.2).
na_check() {
	local r
	for r in r1 r2; do
		tshark -r "$N2T_TMP/na-$r.pcap" -Y 'icmpv6.type==136' -T fields -E separator='|' \
			-e icmpv6.nd.na.target_address -e icmpv6.nd.na.flag.r >"$N2T_TMP/na-$r.txt" 2>/dev/null ||
			fail "tshark cannot read $N2T_TMP/na-$r.pcap"
	done
	python3 - "$N2T_TMP/na-$1.txt" "$N2T_TMP/na-$2.txt" <<'EOF' || fail "Neighbor Advertisements: see above"
import sys
VIRT = {"fe80::200:5eff:fe00:201", "2001:db8:1::1"}
def nas(f):
    return [l.rstrip("\n").split("|") for l in open(f) if l.strip()]
m, b = nas(sys.argv[1]), nas(sys.argv[2])
mv = [r for r in m if r[0] in VIRT]
bad = [f"the backup's NA claims {r[0]}" for r in b if r[0] in VIRT]
if not mv:
    bad.append(f"no NA from the master for a virtual address ({len(m)} NAs: {m[:4]})")
bad += [f"the master's NA for {r[0]} has no Router flag ({r[1]})" for r in mv if r[1] not in ("1", "True")]
if bad:
    print("\n".join(bad))
    sys.exit(1)
print(f"  NAs: the master's {len(mv)} for virtual addresses, all with the Router flag; the backup's "
      f"{len(b)}, none for a virtual address")
EOF
}

# ping_lost FILE: echo requests lost between the first and the last reply in ping -D output.
ping_lost() {
	python3 - "$1" <<'EOF'
import re, sys
rx = {int(m.group(1)) for m in (re.search(r"bytes from .*icmp_seq=(\d+)", l) for l in open(sys.argv[1])) if m}
print(sum(1 for s in range(min(rx), max(rx) + 1) if s not in rx) if rx else -1)
EOF
}

replies() { grep -c 'bytes from' "$1" || true; }
replies_at_least() { [ "$(replies "$1")" -ge "$2" ]; }
# wait_replies FILE N: waits (polling, bounded) until ping's output holds N replies.
wait_replies() {
	local end=$((SECONDS + N2T_WAIT))
	until replies_at_least "$1" "$2"; do
		[ "$SECONDS" -lt "$end" ] || fail "h1's ping: fewer than $2 replies after ${N2T_WAIT}s: $(tail -n 3 "$1")"
		sleep 0.02
	done
}

# ---------------------------------------------------------------------------------------------
say "== the lab: r2 runs $R2$([ "$R2" = n2os ] || echo ", text authentication on both sides")"
up_args=(--no-build)
[ "$R2" = n2os ] || up_args+=(--keepalived r2 --auth "$AUTH")
lab up "${up_args[@]}"
printf '%s\n' "$RUN_OUT" | sed 's/^/  /'

say "== step 1 (paper 4-2): r1 'vrrp 1 ip 192.0.2.1' 'vrrp 1 priority 200', r2 'vrrp 1 ip 192.0.2.1'"
rcm r1 'show running-config'
assert_contains "$CM_OUT" " vrrp 1 priority 200" "r1's running-config"
roles r1 r2
expect_status r1 "Virtual IP" 192.0.2.1
expect_status r1 "Virtual MAC" 00:00:5e:00:01:01
expect_status r1 Priority 200
if [ "$R2" = n2os ]; then
	expect_status r2 Priority 100
	expect_status r2 Master 192.0.2.10
else
	expect_status r1 Authentication "text"
fi
no_loss 20
trace_via 192.0.2.10
arp_vmac
if [ "$R2" = n2os ]; then
	lab vrrp r1 -6 wait Master
	lab vrrp r2 -6 wait Backup
	default6
	no_loss6 20 r1
fi

say "== step 2: r2 'vrrp 1 priority 210' -> r2 master, r1 backup"
if [ "$R2" = n2os ]; then
	na_capture_start
	rcm r2 'configure terminal' 'interface eth1' 'vrrp 1 priority 210' end
else
	lab vrrp r2 priority 210
fi
roles r2 r1
expect_status r1 Master 192.0.2.20
[ "$R2" != n2os ] || expect_status r2 Priority 210
trace_via 192.0.2.20
no_loss 20
if [ "$R2" = n2os ]; then
	lab vrrp r2 -6 wait Master
	lab vrrp r1 -6 wait Backup
	# h1 asks again (a Neighbor Solicitation) for its default router: the master answers
	hx ip -6 neigh flush dev eth0
	no_loss6 20 r2
	capture_stop
	na_check r2 r1
fi

say "== step 3 (paper 4-3): h1 pings every 10 ms; r2 'interface eth1' / 'shutdown'"
lab failover --no-restore
printf '%s\n' "$RUN_OUT" | sed -n '/^timeline/,$p' | sed 's/^/  /'
result=$(grep '^RESULT ' <<<"$RUN_OUT") || fail "n2os-lab failover printed no RESULT line: $RUN_OUT"
declare -A F=()
for kv in ${result#RESULT }; do F[${kv%%=*}]=${kv#*=}; done
limit=$((3000 + 219 + MARGIN_MS))
[ "${F[outage_ms]}" -le "$limit" ] ||
	fail "outage ${F[outage_ms]} ms > 3 x 1 s + Skew_Time (218.75 ms) + ${MARGIN_MS} ms margin = $limit ms"
[ "${F[adv_ms]}" != - ] || fail "no advertisement from r1 (192.0.2.10) in the capture after the shutdown"
[ "${F[garp_ms]}" != - ] || fail "no gratuitous ARP for 192.0.2.1 in the capture after the shutdown"
if [ "$R2" = n2os ]; then
	# n2os resigns (priority 0) before the interface goes down: r1 waits only Skew_Time
	[ "${F[p0_ms]}" != - ] || fail "r2 sent no priority-0 advertisement when its eth1 was shut down"
	[ "${F[outage_ms]}" -le $((219 + MARGIN_MS)) ] ||
		fail "outage ${F[outage_ms]} ms after a priority-0 resignation > Skew_Time (218.75 ms) + ${MARGIN_MS} ms"
fi
say "  outage ${F[outage_ms]} ms (limit $limit ms), r1's first advertisement at +${F[adv_ms]} ms, gratuitous ARP at +${F[garp_ms]} ms"
roles_after=$("$LABCMD" vrrp r2 state)
assert_eq "$roles_after" Initialize "r2's group on its shut eth1"
lab vrrp r1 wait Master
expect_status r1 State Master
[ "$R2" != n2os ] || expect_status r2 State Initialize
trace_via 192.0.2.10
no_loss 20
arp_vmac
if [ "$R2" = n2os ]; then
	lab vrrp r1 -6 wait Master
	no_loss6 20 r1
fi

say "== step 4: r2 'no shutdown' while h1 pings every 10 ms -> r2 preempts"
ping_out="$N2T_TMP/preempt.ping"
ip netns exec "${N2OS_LAB_PREFIX}h1" ping -D -i 0.01 -W 1 203.0.113.1 >"$ping_out" 2>&1 &
ping_pid=$!
N2T_BG+=("$ping_pid")
wait_replies "$ping_out" 50
if [ "$R2" = n2os ]; then
	rcm r2 'configure terminal' 'interface eth1' 'no shutdown' end
else
	lab vrrp r2 no-shutdown
fi
roles r2 r1
n0=$(replies "$ping_out")
wait_replies "$ping_out" $((n0 + 50))
kill -INT "$ping_pid"
wait "$ping_pid" || true
lost=$(ping_lost "$ping_out")
[ "$lost" -ge 0 ] && [ "$lost" -le "$PREEMPT_MAX_LOST" ] ||
	fail "r2 taking back over lost $lost echo requests (at most $PREEMPT_MAX_LOST expected)"
say "  r2 took back over; $lost of h1's echo requests lost"
trace_via 192.0.2.20

say "== step 5: tracking on the master r2: 'track 1 interface eth2 line-protocol', 'vrrp 1 track 1 decrement 20'"
if [ "$R2" = n2os ]; then
	rcm r2 'configure terminal' 'track 1 interface eth2 line-protocol' 'interface eth1' \
		'vrrp 1 track 1 decrement 20' end
	rcm r2 'show object'
	assert_match "$CM_OUT" 'eth2' "r2's show object"
else
	lab vrrp r2 track 20
fi
lab vrrp r2 wait Master
say "  r2's upstream cable is cut (sw: ip link set r2-eth2 down)"
ip -n "${N2OS_LAB_PREFIX}sw" link set r2-eth2 down
roles r1 r2
if [ "$R2" = n2os ]; then
	expect_status r2 Priority "190 (configured 210)"
	blk=$(status_block r2 eth1)
	assert_match "$blk" 'track 1: eth2 line-protocol down, decrement 20' "r2's tracked objects"
fi
trace_via 192.0.2.10
no_loss 20
if [ "$R2" = n2os ]; then # the group's tracking applies to its IPv6 virtual router as well
	lab vrrp r1 -6 wait Master
	lab vrrp r2 -6 wait Backup
	no_loss6 20 r1
fi
say "  cable back: r2 back to 210 and master"
ip -n "${N2OS_LAB_PREFIX}sw" link set r2-eth2 up
roles r2 r1
[ "$R2" != n2os ] || expect_status r2 Priority 210
no_loss 20

say "== step 6: 'up' again is harmless; 'down' after a crash removes everything"
lab up --no-build
assert_contains "$RUN_OUT" "already up" "second n2os-lab up"
lab vrrp r2 state
assert_eq "$RUN_OUT" Master "r2 after the second up"
pids=()
for r in r1 r2 r3; do
	for f in "$N2OS_LAB_DIR/$r"/*.pid; do pids+=("$(head -c 20 "$f" | tr -dc 0-9)"); done
done
say "  kill -9 r3's procmgr and vrrpd (a crash)"
kill -KILL "$(cat "$N2OS_LAB_DIR/r3/procmgr.pid")" "$(cat "$N2OS_LAB_DIR/r3/vrrpd.pid")"
lab down --keep-dir
for n in "${LABNS[@]}"; do
	[ ! -e "/run/netns/$N2OS_LAB_PREFIX$n" ] || fail "n2os-lab down left namespace $N2OS_LAB_PREFIX$n"
done
for p in "${pids[@]}"; do
	! pid_alive "$p" || fail "n2os-lab down left pid $p ($(pid_comm "$p")) running"
done
say "  every namespace and process is gone"
n2t_pass
