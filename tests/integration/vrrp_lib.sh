# shellcheck shell=bash
# shellcheck disable=SC2034 # VT_*, TR_*, KA_LINE, CM_OUT are set here for the tests to read
# tests/integration/vrrp_lib.sh: the VRRP test network and helpers of the VRRP tests (vrrp_*.sh,
# interop_*.sh) and of bench/failover_bench.sh, on top of lib.sh. Sourced, not a test itself.
#
# The network is the paper's (section IV) in network namespaces: a switch namespace `sw` with a
# bridge br0 (SW-1), routers (n2os instances or keepalived) and a host, each with a veth `eth1`
# whose peer (named after the namespace's label) is a port of br0. Addresses from 192.0.2.0/24.
#
#   vt_switch [BRIDGE...]           namespace sw with bridge br0 (or those bridges)
#   vt_attach L ADDR [IF [PORT [BR]]]
#                                   veth IF (default eth1) with ADDR/24 in L, peer PORT (default
#                                   L) in bridge BR (default br0)
#   vt_router L ADDR                an n2os instance L attached with ADDR (not started)
#   vt_host L ADDR                  a plain namespace L attached with ADDR
#   cm L LINE...                    cmsh -c LINE... in L, which must succeed (CM_OUT: its output)
#   cm_if L IF LINE...              the same in `configure terminal` / `interface IF`
#   vj L FIELD [IF VRID [FAM]]      a field of the group in `show ip vrrp status json` (FAM ip,
#                                   or ipv6: `show ipv6 vrrp`; default $VT_FAM, else ip)
#   vstat L NAME [IF VRID [FAM]]    a counter of `show ip vrrp statistics json` (global counters
#                                   of the family when NAME is one, else the group's)
#   vt_counters L [FAM] / vt_counted L BEFORE EXPECT [FAM]
#                                   all counters; each rose by what EXPECT says (bad-input tests)
#   vt_counters_save L ARRAY [FAM]  vt_counters into an associative array
#   vt_craft_takes_over KIND MARK   h1's crafted KIND makes r1 Backup, then Master again
#   wait_state L STATE [IF VRID [FAM]]
#                                   waits (following vrrpd.log) until the group is in STATE
#   wait_stat L NAME MIN [IF VRID [FAM]]
#                                   waits until counter NAME >= MIN (polls with a deadline)
#   wait_cmd[_fails] WHAT CMD...    polls CMD until it succeeds (fails), bounded
#   log_mark L                      number of lines of L's vrrpd.log (for "after this point")
#   transition_after L MARK TO      the first "X -> TO" line after MARK: TR_LINE, TR_MS (its time)
#   assert_no_transition L MARK     no state change logged by L after MARK
#   capture_start FILE [FILTER [BR]]
#                                   tcpdump on br0 (or BR) into FILE, each packet written as it
#                                   comes (--immediate-mode -U; running when it returns)
#   capture_stop                    stops every capture and waits for them (a packet of the last
#                                   moment may be missing: stop after a margin of later events)
#   vt_port L up|down               L's switch port forwards / drops everything (L sees no change)
#   vt_craft L IF SRC ARGS...       vrrp_craft.py from L's IF: crafted advertisements or a burst
#                                   of garbage (see vrrp_craft.py), with source address SRC
#   vt_masters_overlap PCAP...      the longest time two routers advertised at once for the same
#                                   VRID in the captures (see the function)
#   ka_start L CONF / ka_stop L     keepalived in L (own pid files), stopped by pid
#   ka_wait L STATE MARK            waits for keepalived's "(VI_1) Entering STATE STATE"
#   ka_stays_backup / ka_preempts_r1
#                                   the interop tests' election steps (r1 n2os, k2 keepalived)
#
# Every wait is bounded by N2T_WAIT and fails the test with the evidence; waits follow a log file
# (tail -f) where the event is logged, and poll (10 per second, bounded) only counters, which
# are not logged per packet, and kernel state that pifmgr changes asynchronously.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VT_VMAC=00:00:5e:00:01:01 # the virtual MAC of VRID 1 (RFC 3768 7.3)
VT_VIP=192.0.2.1
VT_CAP_PIDS=()
declare -A VT_KA_PID=() VT_KA_OUT=()

# shellcheck disable=SC2120 # the bridges are optional
vt_switch() {
	inst_create sw
	local ns=${N2T_NS[sw]} br
	for br in "${@:-br0}"; do
		ip -n "$ns" link add "$br" type bridge || fail "cannot create $br in $ns"
		ip -n "$ns" link set "$br" up
	done
}

vt_attach() {
	local l=$1 addr=$2 if=${3:-eth1} port=${4:-$1} br=${5:-br0}
	local ns=${N2T_NS[$l]} sw=${N2T_NS[sw]}
	ip link add "$if" netns "$ns" type veth peer name "$port" netns "$sw" ||
		fail "cannot create veth $if ($ns) / $port ($sw)"
	ip -n "$sw" link set "$port" master "$br" up
	[ -z "$addr" ] || ip -n "$ns" addr add "$addr/24" dev "$if"
	ip -n "$ns" link set "$if" up
}

vt_router() {
	inst_create "$1"
	vt_attach "$1" "$2"
}

vt_host() {
	inst_create "$1"
	vt_attach "$1" "$2"
}

# vt_pair [host]: the LAN most VRRP tests use: routers r1 (192.0.2.10) and r2 (192.0.2.20) on the
# switch, with host h1 (192.0.2.100) when asked, and both n2os instances started.
vt_pair() {
	vt_switch
	vt_router r1 192.0.2.10
	vt_router r2 192.0.2.20
	[ "${1:-}" != host ] || vt_host h1 192.0.2.100
	inst_start r1
	inst_start r2
}

# nsx L CMD...: runs CMD inside L's namespace. (Not for background jobs: $! would be the
# function's subshell, not the program; those use `ip netns exec` directly.)
nsx() {
	local l=$1
	shift
	ip netns exec "${N2T_NS[$l]}" "$@"
}

cm() {
	local l=$1 a=()
	shift
	for line in "$@"; do a+=(-c "$line"); done
	run nsx "$l" "$N2T_BIN/cmsh" --rundir "${N2T_RUN[$l]}" "${a[@]}"
	[ "$RUN_RC" -eq 0 ] || fail "instance $l: cmsh $* exited $RUN_RC: $RUN_ERR $RUN_OUT"
	CM_OUT=$RUN_OUT
}

cm_if() {
	local l=$1 if=$2
	shift 2
	say "$l: interface $if: $*"
	cm "$l" 'configure terminal' "interface $if" "$@"
}

# json_get JSON PYEXPR: evaluates PYEXPR on the parsed JSON `d` (and prints it; booleans lower).
json_get() {
	"$N2T_PY" -c '
import json, sys
d = json.loads(sys.argv[1])
v = eval(sys.argv[2])
print(str(v).lower() if isinstance(v, bool) else v)
' "$1" "$2"
}

vj() {
	local l=$1 field=$2 if=${3:-eth1} vrid=${4:-1} fam=${5:-${VT_FAM:-ip}}
	cm "$l" "show $fam vrrp status json"
	json_get "$CM_OUT" "next((g[\"$field\"] for g in d[\"groups\"]
		if g[\"interface\"] == \"$if\" and g[\"vrid\"] == $vrid), \"(no group)\")" ||
		fail "instance $l: show $fam vrrp status json: bad JSON: $CM_OUT"
}

vstat() {
	local l=$1 name=$2 if=${3:-eth1} vrid=${4:-1} fam=${5:-${VT_FAM:-ip}}
	cm "$l" "show $fam vrrp statistics json"
	json_get "$CM_OUT" "d[\"$name\"] if \"$name\" in d else next((g[\"$name\"]
		for g in d[\"groups\"] if g[\"interface\"] == \"$if\" and g[\"vrid\"] == $vrid), -1)" ||
		fail "instance $l: show $fam vrrp statistics json: bad JSON: $CM_OUT"
}

# vt_counters L [FAM]: every counter of L (the family's global ones and its first group's), one
# "name value" per line.
vt_counters() {
	cm "$1" "show ${2:-${VT_FAM:-ip}} vrrp statistics json"
	json_get "$CM_OUT" '"\n".join(f"{k} {v}" for k, v in sorted(list((k, v) for k, v in d.items()
		if k != "groups") + list(d["groups"][0].items()))
		if k not in ("interface", "vrid", "version", "family"))'
}

# vt_counted L BEFORE EXPECT [FAM]: every counter of L rose by what the associative array EXPECT says
# (0 when it says nothing) since the associative array BEFORE (from vt_counters), but for the
# advertisements a master keeps sending and receiving.
vt_counted() {
	local l=$1 k v
	local -n _b=$2 _e=$3
	while read -r k v; do
		case $k in
		advertisement-rcvd | advertisement-sent) continue ;;
		esac
		assert_eq "$((v - ${_b[$k]:-0}))" "${_e[$k]:-0}" "$l: increase of $k"
	done < <(vt_counters "$l" "${4:-}")
}

# vt_counters_save L ARRAY [FAM]: vt_counters of L into the associative array ARRAY (declared -A).
vt_counters_save() {
	local -n _a=$2
	local k v
	# shellcheck disable=SC2004 # _a is associative: the key is a name, not arithmetic
	while read -r k v; do _a[$k]=$v; done < <(vt_counters "$1" "${3:-}")
}

# vt_craft_takes_over KIND MARK: h1's crafted advertisement KIND (valid, at 250) makes r1
# (Master) step down and r1 takes over again after its Master_Down_Interval; r2 stays Backup.
vt_craft_takes_over() {
	vt_craft h1 eth1 192.0.2.100 "$1"
	transition_after r1 "$2" Backup
	assert_contains "$TR_LINE" "Master -> Backup (advertisement from 192.0.2.100 priority 250)" "r1"
	transition_after r1 "$2" Master
	assert_contains "$TR_LINE" "Backup -> Master (master down timer expired)" "r1 takes over again"
	wait_state r1 Master
	wait_state r2 Backup
}

# ll6 L [IF]: L's link-local address on IF (default eth1), the source of its IPv6 advertisements.
ll6() { ip -n "${N2T_NS[$1]}" -6 -br addr show dev "${2:-eth1}" scope link | awk '{print $3}' | cut -d/ -f1; }

vlog() { echo "${N2T_RUN[$1]}/vrrpd.log"; }
log_mark() { line_count "$(vlog "$1")"; }

# vgrp IF VRID [FAM]: the ERE of the prefix vrrpd gives log lines of a group: "eth1 vrid 1: "
# for FAM ip (default $VT_FAM, else ip), "eth1 vrid 1 ipv6: " for ipv6.
vgrp() {
	local fam=${3:-${VT_FAM:-ip}}
	printf '%s vrid %s%s: ' "$1" "$2" "$([ "$fam" = ipv6 ] && echo ' ipv6')"
}

wait_state() {
	local l=$1 want=$2 if=${3:-eth1} vrid=${4:-1} fam=${5:-${VT_FAM:-ip}} mark st t0=$SECONDS
	while :; do
		mark=$(log_mark "$l")
		st=$(vj "$l" state "$if" "$vrid" "$fam")
		[ "$st" != "$want" ] || return 0
		local left=$((N2T_WAIT - (SECONDS - t0)))
		if [ "$left" -le 0 ] ||
			! wait_for_line "$(vlog "$l")" "$(vgrp "$if" "$vrid" "$fam")[A-Za-z]+ -> " "$left" "$mark"; then
			fail "instance $l: $if vrid $vrid $fam is $st, not $want, after ${N2T_WAIT}s; vrrpd.log:
$(tail -n 12 "$(vlog "$l")" | sed 's/^/  | /')"
		fi
	done
}

wait_stat() {
	local l=$1 name=$2 min=$3 if=${4:-eth1} vrid=${5:-1} v deadline=$((SECONDS + N2T_WAIT))
	while :; do
		v=$(vstat "$l" "$name" "$if" "$vrid" "${6:-}")
		[ "$v" -lt "$min" ] || return 0
		[ "$SECONDS" -lt "$deadline" ] ||
			fail "instance $l: counter $name is $v, expected at least $min within ${N2T_WAIT}s"
		sleep 0.1 # polling a counter (not logged per packet), bounded by the deadline
	done
}

# wait_cmd WHAT CMD... / wait_cmd_fails WHAT CMD...: polls CMD (10 per second, bounded by
# N2T_WAIT) until it succeeds / fails; for kernel state that pifmgr changes asynchronously.
wait_cmd() {
	local what=$1 deadline=$((SECONDS + N2T_WAIT))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || fail "$what: not within ${N2T_WAIT}s ($*)"
		sleep 0.1
	done
}

wait_cmd_fails() {
	local what=$1 deadline=$((SECONDS + N2T_WAIT))
	shift
	while "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || fail "$what: not within ${N2T_WAIT}s ($*)"
		sleep 0.1
	done
}

# ms_of "YYYY-MM-DD HH:MM:SS.mmm": milliseconds since the epoch.
ms_of() { echo $(($(date -d "${1:0:19}" +%s) * 1000 + 10#${1:20:3})); }

transition_after() {
	local l=$1 mark=$2 to=$3 if=${4:-eth1} vrid=${5:-1} fam=${6:-}
	wait_for_line "$(vlog "$l")" "$(vgrp "$if" "$vrid" "$fam")[A-Za-z]+ -> $to " "$N2T_WAIT" "$mark" ||
		fail "instance $l: no transition of $if vrid $vrid ${fam:-${VT_FAM:-ip}} to $to after line $mark of vrrpd.log"
	TR_LINE=$WAIT_LINE
	TR_MS=$(ms_of "$WAIT_LINE")
}

assert_no_transition() {
	local l=$1 mark=$2 found
	found=$(tail -n "+$((mark + 1))" "$(vlog "$l")" | grep -E 'vrid [0-9]+( ipv6)?: [A-Za-z]+ -> ' || true)
	[ -z "$found" ] || fail "instance $l changed state: $found"
}

# assert_roles MASTER BACKUP: the two routers' group 1 on eth1 are Master and Backup, and the
# backup names the master's address.
assert_roles() {
	assert_eq "$(vj "$1" state)" Master "$1: state"
	assert_eq "$(vj "$2" state)" Backup "$2: state"
}

capture_start() {
	local file=$1 br=${3:-br0} err="$1.err" filter=()
	# the filter's words, not globbed (lib.sh sets nullglob: "ip6[40]" would vanish)
	read -ra filter <<<"${2:-}"
	: >"$err"
	ip netns exec "${N2T_NS[sw]}" tcpdump --immediate-mode -U -n -i "$br" -w "$file" "${filter[@]}" 2>"$err" &
	VT_CAP_PIDS+=($!)
	N2T_BG+=($!)
	wait_for_line "$err" 'listening on' "$N2T_WAIT" || fail "tcpdump did not start: $(cat "$err")"
}

capture_stop() {
	local pid
	for pid in "${VT_CAP_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	VT_CAP_PIDS=()
}

# vt_port L up|down: the switch forwards (bridge port state forwarding) or drops (disabled)
# everything on L's port, both ways, while L's own link stays up: a failure L cannot see.
vt_port() {
	ip netns exec "${N2T_NS[sw]}" bridge link set dev "$1" state "$([ "$2" = down ] && echo 0 || echo 3)"
}

vt_craft() {
	local l=$1 if=$2
	shift 2
	# scapy warns that it finds no route to 224.0.0.18; vrrp_craft.py sends from IF's MAC itself
	nsx "$l" "$N2T_PY" "$N2T_SRC/vrrp_craft.py" "$if" "$@" \
		2> >(grep -v 'WARNING: .*No route found' >&2)
}

# vt_masters_overlap PCAP...: for each VRID, the longest time during which two routers both
# sent advertisements: "vV vrid N overlap SECONDS interval SECONDS (A and B at TIME; ...)". A
# router's advertisements make runs (no gap longer than 1.5 intervals); two runs of different
# routers overlap from the later start to the earlier end. A master that steps down on hearing
# a better one sends nothing more, so a handover overlaps by about 0 s; a master that keeps
# advertising although it hears another overlaps by an interval or more. Only advertisements
# (v2 or v3) from a virtual MAC (00:00:5e:00:01:VRID) with a priority above 0 count: priority 0
# is a resignation, and whatever else a test sends comes from another MAC.
vt_masters_overlap() {
	"$N2T_PY" - "$@" <<'PY'
import sys
from scapy.all import IP, Ether, rdpcap

adv = {}  # vrid -> [(time, source, interval)]
for f in sys.argv[1:]:
    for p in rdpcap(f):
        if IP not in p or p[IP].proto != 112 or not p[Ether].src.startswith("00:00:5e:00:01:"):
            continue
        b = bytes(p[IP].payload)
        if len(b) < 8 or b[0] not in (0x21, 0x31) or b[2] == 0:
            continue
        # v2: Adver Int in seconds (RFC 3768 5.3.7); v3: 12 bits in centiseconds (RFC 9568 5.2.7)
        interval = b[5] if b[0] == 0x21 else ((b[4] & 0x0F) << 8 | b[5]) / 100
        adv.setdefault((b[0] >> 4, b[1]), []).append((float(p.time), p[IP].src, interval))
for (version, vrid), seen in sorted(adv.items()):
    seen.sort()
    runs = {}  # source -> [[start, end]]
    interval = max(i for _, _, i in seen)
    for t, src, _ in seen:
        r = runs.setdefault(src, [])
        if r and t - r[-1][1] <= 1.5 * interval:
            r[-1][1] = t
        else:
            r.append([t, t])
    worst = (0.0, "-", "-", 0.0)
    srcs = sorted(runs)
    for i, a in enumerate(srcs):
        for b in srcs[i + 1:]:
            for ra in runs[a]:
                for rb in runs[b]:
                    o = min(ra[1], rb[1]) - max(ra[0], rb[0])
                    if o > worst[0]:
                        worst = (o, a, b, max(ra[0], rb[0]))
    print(f"v{version} vrid {vrid} overlap {worst[0]:.3f} interval {interval} ({worst[1]} and {worst[2]} "
          f"at {worst[3]:.3f}; {len(seen)} advertisements)")
PY
}

# ---------------------------------------------------------------------------------------------
# keepalived: started in the foreground of a background job (-n) with its own config, pid files
# and console log, stopped by pid (it sends its priority-0 advertisement on SIGTERM).

ka_start() {
	local l=$1 conf=$2 out="$N2T_TMP/$1.keepalived.log"
	: >"$out"
	say "start keepalived in $l"
	ip netns exec "${N2T_NS[$l]}" keepalived -n -l -D -P -f "$conf" -p "$N2T_TMP/$l.ka.pid" \
		-r "$N2T_TMP/$l.ka-vrrp.pid" >"$out" 2>&1 &
	VT_KA_PID[$l]=$!
	VT_KA_OUT[$l]=$out
	N2T_BG+=("$!")
	expect_line "$out" 'Startup complete|Entering (BACKUP|MASTER) STATE'
}

ka_stop() {
	local l=$1 pid=${VT_KA_PID[$1]:-}
	[ -n "$pid" ] || return 0
	say "stop keepalived in $l (pid $pid)"
	kill -TERM "$pid" 2>/dev/null || true
	wait_pid_gone "$pid" "$N2T_WAIT" || fail "keepalived (pid $pid) did not stop"
	wait "$pid" 2>/dev/null || true
	# its VRRP child exits with it
	local child
	child=$(head -c 20 "$N2T_TMP/$l.ka-vrrp.pid" 2>/dev/null | tr -dc 0-9 || true)
	[ -z "$child" ] || wait_pid_gone "$child" "$N2T_WAIT" || fail "keepalived's VRRP child $child stays"
	VT_KA_PID[$l]=
}

ka_mark() { line_count "${VT_KA_OUT[$1]}"; }

ka_wait() {
	local l=$1 st=$2 mark=$3
	expect_line "${VT_KA_OUT[$l]}" "\\(VI_1\\) Entering $st STATE" "$mark"
	KA_LINE=$WAIT_LINE
}

# ka_stays_backup: n2os r1 (Master, higher) keeps keepalived k2 BACKUP over 5 of r1's
# advertisements (more than keepalived's Master_Down_Interval at 1 s adverts, 3.4 s).
ka_stays_backup() {
	local km base
	km=$(ka_mark k2)
	base=$(vstat r1 advertisement-sent)
	wait_stat r1 advertisement-sent $((base + 5))
	! grep -q 'Entering MASTER STATE' <(tail -n "+$((km + 1))" "${VT_KA_OUT[k2]}") ||
		fail "keepalived became MASTER while n2os (higher) was: $(tail -n 20 "${VT_KA_OUT[k2]}")"
	assert_eq "$(vj r1 state)" Master "r1: state"
}

# ka_r1_port_cut: r1 (Master, higher)'s switch port down: keepalived k2 MASTER while r1, hearing
# nothing, stays Master; port up: k2 hears r1 and goes BACKUP, r1 Master throughout. KA_KM is
# k2's log mark from before the port came up.
ka_r1_port_cut() {
	local m1
	KA_KM=$(ka_mark k2)
	m1=$(log_mark r1)
	vt_port r1 down
	ka_wait k2 MASTER "$KA_KM"
	assert_no_transition r1 "$m1" # r1 hears nothing and is still Master
	KA_KM=$(ka_mark k2)
	vt_port r1 up
	ka_wait k2 BACKUP "$KA_KM"
	assert_no_transition r1 "$m1"
	assert_eq "$(vj r1 state)" Master "r1: state"
}

# ka_preempts_r1: r1 lowered to 100 below keepalived k2 (150, 192.0.2.20): keepalived MASTER,
# r1 Backup naming it.
ka_preempts_r1() {
	local m1 km
	m1=$(log_mark r1)
	km=$(ka_mark k2)
	cm_if r1 eth1 'vrrp 1 priority 100'
	ka_wait k2 MASTER "$km"
	transition_after r1 "$m1" Backup
	assert_contains "$TR_LINE" "advertisement from 192.0.2.20 priority 150" "r1 steps down for keepalived"
	wait_state r1 Backup
	assert_eq "$(vj r1 master)" 192.0.2.20 "r1: master address"
}

# ka_conf FILE PRIORITY [AUTH [VRID [VIP [VERSION [INTERVAL]]]]]: a VRRP instance VI_1 on eth1
# (default VRID 1, VIP 192.0.2.1, no authentication, VRRPv2; VERSION 3 is VRRPv3, which has no
# authentication, and an IPv6 VIP makes it an IPv6 instance), INTERVAL s adverts (default 1;
# VRRPv3 takes centiseconds, 0.01), starting as BACKUP.
# use_vmac: keepalived then does what the RFC (and n2os) do, virtual MAC as the source of its
# advertisements and as the MAC of the virtual IP, so a host's ARP entry survives a failover
# between the two implementations; without it keepalived answers with eth1's own MAC and only
# its gratuitous ARPs move the hosts over.
ka_conf() {
	local f=$1 prio=$2 auth=${3:-} vrid=${4:-1} vip=${5:-$VT_VIP} version=${6:-2} iv=${7:-1} id
	local len=32
	[[ $vip != *:* ]] || len=128
	id=$(basename "$f" .conf)
	{
		printf 'global_defs {\n  router_id %s\n  vrrp_version %s\n  enable_script_security\n' "$id" "$version"
		printf '  vrrp_garp_master_repeat 3\n}\n'
		printf 'vrrp_instance VI_1 {\n  state BACKUP\n  interface eth1\n  virtual_router_id %s\n' "$vrid"
		printf '  priority %s\n  advert_int %s\n  use_vmac vrrp.%s\n' "$prio" "$iv" "$vrid"
		[ -z "$auth" ] || printf '  authentication {\n    auth_type PASS\n    auth_pass %s\n  }\n' "$auth"
		printf '  virtual_ipaddress {\n    %s/%s\n  }\n}\n' "$vip" "$len"
	} >"$f"
}
