#!/usr/bin/env bash
# integ_chaos: random faults, round after round, and the invariants checked after each (issue 16).
#
# The network (vrrp_lib.sh): routers r1 and r2 (n2os) on a LAN (bridge br0: eth1, 192.0.2.0/24)
# and on an upstream segment (bridge br1: eth2, 198.51.100.0/24); host h1 (192.0.2.100, default
# route through the virtual IP 192.0.2.1) pings 203.0.113.1, an address of the upstream host
# `isp` (198.51.100.100, its route back through the upstream virtual IP 198.51.100.1). Group 1
# (VRRPv2, 1 s) runs on eth1 and tracks eth2 (object 1); group 2 (VRRPv2, 1 s) runs on eth2 and
# tracks eth1 (object 2); group 3 (VRRPv3, 100 ms adverts, virtual IP 192.0.2.2) runs on eth1
# beside group 1 and tracks eth2 as it does (nothing routes through it: its invariants are the
# VRRP ones, and it is one more state machine for every fault to hit); static routes (ribmgr)
# reach the upstream host and, at distance 250, each other's segments through the peer, so that
# h1 reaches 203.0.113.1 whichever single interface is down.
#
# Each round does one thing drawn from a seeded RNG (the first six rounds do each kind once):
#   kill     kill -9 of a random process (by pid file) of a random router; procmgr too, after
#            which the instance is started again and must come back with its startup
#            configuration (every configuration change ends with `write memory`)
#   config   through cmsh: a group's priority, tracking on or off, shutdown / no shutdown of an
#            interface (at most one interface is shut at a time)
#   flap     an interface's link flaps: its bridge port blocked (a silent partition) or its veth
#            peer down (the carrier goes), either at once or until the routers have reacted
#   garbage  a burst of garbage on a segment (vrrp_craft.py): random frames, broken IP headers,
#            fragments, advertisements wrong in one way each; no state may change
#   bus      a bus client that subscribes and stops reading (buspeer.py), sometimes flooded past
#            its queue, sometimes with half a frame written; then closed
#   bigfile  cmsh -f of a file of some hundred lines (log levels set and removed, descriptions,
#            a priority)
# After each round, the invariants: the groups settle (waits on vrrpd's log) to the master the
# test's own model predicts, exactly one Master per group, each router's current priority as
# predicted; show running-config equals the model's rendering; every process running (status,
# pid files) with as many restarts as the test caused; h1's pings get through; no crash (the
# monitors report no exit other than our kill -9), no core file, no sanitizer report; each
# daemon's RSS within a bound of its first figure. At the end: captures of both segments show
# no two masters of a group advertising for longer than one advertisement interval.
#
# Environment: N2T_CHAOS_ROUNDS (default 40), N2T_SEED (default: from the clock; printed at the
# start and on failure, with the command that replays the run), N2T_CHAOS_RSS_KB (the RSS
# growth allowed per daemon, default 16384; 8 times that in a sanitizer build, which also runs
# with a 16 MB ASan quarantine unless ASAN_OPTIONS names one).
# shellcheck disable=SC2317 # the act_* functions are called by name ("act_$kind")
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
PY=$N2T_PY
"$PY" -c 'import scapy' 2>/dev/null || fail "scapy not found for $PY (run packaging/setup-deps.sh)"
command -v bridge >/dev/null || fail "'bridge' not found (iproute2)"

ROUNDS=${N2T_CHAOS_ROUNDS:-40}
SEED=${N2T_SEED:-$(($(date +%s%N) / 1000 % 1000000000))}
RANDOM=$SEED
N2T_REPLAY="N2T_SEED=$SEED N2T_CHAOS_ROUNDS=$ROUNDS bash $N2T_SRC/chaos.sh $N2T_BIN"
say "seed $SEED, $ROUNDS rounds (replay: $N2T_REPLAY)"
RSS_BOUND=${N2T_CHAOS_RSS_KB:-16384}
if n2t_sanitized; then
	# ASan keeps freed memory in a quarantine (256 MB by default) and its allocator seldom gives
	# memory back: RSS would count both as growth. A small quarantine still catches a use after a
	# recent free; leaks are LeakSanitizer's (a report fails the test).
	[[ ${ASAN_OPTIONS:-} == *quarantine_size_mb* ]] ||
		export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
	RSS_BOUND=$((RSS_BOUND * 8))
fi

# rnd N: R := a number in [0, N) from the seeded RNG. Only the main shell may draw (a subshell
# would not advance its sequence), so that a seed replays the same actions.
rnd() { R=$((RANDOM % $1)); }

ROUTERS=(r1 r2)
declare -A PEER=([r1]=r2 [r2]=r1)
declare -A IP_ETH1=([r1]=192.0.2.10 [r2]=192.0.2.20) IP_ETH2=([r1]=198.51.100.10 [r2]=198.51.100.20)
FAR=203.0.113.1 UP=198.51.100.100
IFACES=(eth1 eth2)
declare -A BRIDGE=([eth1]=br0 [eth2]=br1) PORT_SUFFIX=([eth1]="" [eth2]=u)
declare -A SENDER=([eth1]=h1 [eth2]=isp) SENDER_IP=([eth1]=192.0.2.100 [eth2]=$UP)

# The groups: interface, virtual IP, the track object it follows. Track object N follows the
# line protocol of OBJ_IF[N].
GRPS=(1 2)
declare -A G_IF=([1]=eth1 [2]=eth2) G_VIP=([1]=192.0.2.1 [2]=198.51.100.1) G_OBJ=([1]=1 [2]=2)
declare -A OBJ_IF=([1]=eth2 [2]=eth1)
# VRRPv3 at 100 ms (RFC 9568: Master_Down_Interval 3 x 100 ms + Skew_Time): the model, waits,
# garbage VRIDs and the capture check (which reads v3's centisecond interval) go by GRPS; G_V3
# adds its lines in config_group.
GRPS+=(3)
G_IF[3]=eth1 G_VIP[3]=192.0.2.2 G_OBJ[3]=1
declare -A G_V3=([3]=100) # group -> its advertisement interval in ms (VRRPv3)

# ---------------------------------------------------------------------------------------------
# The model: what the configuration of each router must be. Priorities: even on r1, odd on r2,
# decrements even, so that the two routers' priorities never tie (a tie leaves the master to
# history, RFC 3768 6.4.3) and the expected master is always known.

declare -A PRIO=() TRK=() SHUT=() DESC=()
for r in "${ROUTERS[@]}"; do
	for g in "${GRPS[@]}"; do
		PRIO[$r:$g]=$([ "$r" = r1 ] && echo 200 || echo 151)
		TRK[$r:$g]=100
	done
	for i in "${IFACES[@]}"; do
		SHUT[$r:$i]=0
		DESC[$r:$i]=
	done
done

# new_prio R: R_PRIO := a priority for router R: even on r1, odd on r2, never 100 (the default
# is not shown), never 1 (what a tracked object brings a priority down to).
new_prio() {
	rnd 126
	R_PRIO=$((2 * R + 2))
	[ "$1" = r1 ] || R_PRIO=$((R_PRIO + 1))
	[ "$R_PRIO" -ne 100 ] || R_PRIO=102
}

# config_group R G: the lines of group G on router R, in show running-config's order.
config_group() {
	local r=$1 g=$2
	echo " vrrp $g ip ${G_VIP[$g]}"
	[ -z "${G_V3[$g]:-}" ] || echo " vrrp $g version 3"
	echo " vrrp $g priority ${PRIO[$r:$g]}"
	[ -z "${G_V3[$g]:-}" ] || echo " vrrp $g timers advertise msec ${G_V3[$g]}"
	[ -z "${TRK[$r:$g]}" ] || echo " vrrp $g track ${G_OBJ[$g]} decrement ${TRK[$r:$g]}"
}

# render R: the expected show running-config of router R.
render() {
	local r=$1 p=${PEER[$1]} i g
	echo '!'
	echo "ip route 203.0.113.0/24 $UP"
	echo "ip route 203.0.113.0/24 ${IP_ETH1[$p]} 250"
	echo "ip route 192.0.2.0/24 ${IP_ETH2[$p]} 250"
	echo '!'
	for g in "${!OBJ_IF[@]}"; do echo "$g ${OBJ_IF[$g]}"; done | sort -n |
		while read -r g i; do echo "track $g interface $i line-protocol"; done
	for i in "${IFACES[@]}"; do
		echo '!'
		echo "interface $i"
		[ -z "${DESC[$r:$i]}" ] || echo " description ${DESC[$r:$i]}"
		[ "${SHUT[$r:$i]}" = 0 ] || echo " shutdown"
		for g in "${GRPS[@]}"; do
			[ "${G_IF[$g]}" != "$i" ] || config_group "$r" "$g"
		done
	done
	echo '!'
	echo end
}

# eff R G: EFF := the priority router R must run group G at (RFC 3768 has none of this:
# tracking lowers it by the decrement while the object is down, never below 1).
eff() {
	local r=$1 g=$2
	EFF=${PRIO[$r:$g]}
	if [ -n "${TRK[$r:$g]}" ] && [ "${SHUT[$r:${OBJ_IF[${G_OBJ[$g]}]}]}" = 1 ]; then
		EFF=$((EFF - ${TRK[$r:$g]}))
		[ "$EFF" -ge 1 ] || EFF=1
	fi
}

# expect G: EXP[R] := the state each router must settle in for group G: Initialize where its
# interface is shut, else the higher priority is Master (preemption is on) and the other Backup.
declare -A EXP=()
expect() {
	local g=$1 r best=-1 m=
	for r in "${ROUTERS[@]}"; do
		EXP[$r]=Initialize
		[ "${SHUT[$r:${G_IF[$g]}]}" = 0 ] || continue
		EXP[$r]=Backup
		eff "$r" "$g"
		if [ "$EFF" -gt "$best" ]; then
			best=$EFF
			m=$r
		fi
	done
	[ -z "$m" ] || EXP[$m]=Master
}

shut_count() {
	local k n=0
	for k in "${!SHUT[@]}"; do n=$((n + ${SHUT[$k]})); done
	echo "$n"
}

# ---------------------------------------------------------------------------------------------
# The network

vt_switch br0 br1
for r in "${ROUTERS[@]}"; do
	vt_router "$r" "${IP_ETH1[$r]}"
	vt_attach "$r" "${IP_ETH2[$r]}" eth2 "${r}u" br1
	# a router forwards; it sends no redirects, so h1 keeps going through the virtual IP
	nsx "$r" sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 \
		net.ipv4.conf.default.send_redirects=0 net.ipv4.conf.eth1.send_redirects=0 \
		net.ipv4.conf.eth2.send_redirects=0
done
vt_host h1 192.0.2.100
nsx h1 sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth1.accept_redirects=0
ip -n "${N2T_NS[h1]}" route add default via "${G_VIP[1]}"
inst_create isp
vt_attach isp "$UP" eth1 isp br1
ip -n "${N2T_NS[isp]}" addr add "$FAR/32" dev lo
ip -n "${N2T_NS[isp]}" route add 192.0.2.0/24 via "${G_VIP[2]}"

# Core files land in the working directory of the processes, which they inherit from us.
ulimit -c unlimited
cd "$N2T_TMP"
capture_start "$N2T_TMP/br0.pcap" 'ip proto 112' br0
capture_start "$N2T_TMP/br1.pcap" 'ip proto 112' br1
declare -A KILLS=() KILL_ROUNDS=() # per router:process: restarts caused; rounds of the kills
reset_kills() {
	local p
	for p in "${N2T_PROCS[@]}"; do
		KILLS[$1:$p]=0
		KILL_ROUNDS[$1:$p]=
	done
}

# configure R: the whole model of router R through cmsh, saved as its startup configuration.
configure() {
	local r=$1 args=() line in_if=0
	while IFS= read -r line; do
		case $line in
		'!' | end) continue ;;
		interface*)
			[ "$in_if" = 0 ] || args+=(exit)
			in_if=1
			;;
		esac
		args+=("${line# }")
	done < <(render "$r")
	cm "$r" 'configure terminal' "${args[@]}" end 'write memory'
}

for r in "${ROUTERS[@]}"; do
	inst_start "$r"
	reset_kills "$r"
	configure "$r"
	monitor_start "$r"
done

# ---------------------------------------------------------------------------------------------
# Invariants

# read_states: GOT[R:G] := "STATE PRIORITY" of group G on router R, from show ip vrrp status.
declare -A GOT=()
read_states() {
	local r g st p
	GOT=()
	for r in "${ROUTERS[@]}"; do
		cm "$r" 'show ip vrrp status json'
		while read -r g st p; do
			GOT[$r:$g]="$st $p"
		done < <(json_get "$CM_OUT" '"\n".join("%s %s %s" % (x["vrid"], x["state"], x["priority"])
			for x in d["groups"])')
	done
}

# settled: true when every group is in the state the model predicts (GOT).
settled() {
	local g r
	for g in "${GRPS[@]}"; do
		expect "$g"
		for r in "${ROUTERS[@]}"; do
			[[ ${GOT[$r:$g]:-} == "${EXP[$r]} "* ]] || return 1
		done
	done
}

# settle: waits until every group is in the state the model predicts (masters first, following
# vrrpd's logs), then checks them all at once: exactly one Master per group, the one predicted,
# and each router at the priority predicted.
settle() {
	local g r st masters want
	read_states
	if ! settled; then
		for g in "${GRPS[@]}"; do
			expect "$g"
			for r in "${ROUTERS[@]}"; do
				[ "${EXP[$r]}" != Master ] || wait_state "$r" Master "${G_IF[$g]}" "$g"
			done
			for r in "${ROUTERS[@]}"; do
				[ "${EXP[$r]}" = Master ] || wait_state "$r" "${EXP[$r]}" "${G_IF[$g]}" "$g"
			done
		done
		read_states
	fi
	for g in "${GRPS[@]}"; do
		expect "$g"
		masters=
		want=
		for r in "${ROUTERS[@]}"; do
			st=${GOT[$r:$g]:-absent}
			[[ $st != Master* ]] || masters+=" $r"
			[ "${EXP[$r]}" != Master ] || want+=" $r"
			eff "$r" "$g"
			if [ "${EXP[$r]}" = Initialize ]; then
				assert_eq "${st%% *}" Initialize "$r group $g: state"
			else
				assert_eq "$st" "${EXP[$r]} $EFF" "$r group $g: state and priority"
			fi
		done
		assert_eq "$masters" "$want" "group $g: the routers in state Master"
	done
}

# check_config: show running-config of each router is the model's.
check_config() {
	local r
	for r in "${ROUTERS[@]}"; do
		cm "$r" 'show running-config'
		assert_text "$CM_OUT" "$(render "$r")" "$r: show running-config"
	done
}

# check_procs: every process runs, with as many restarts as we caused; no monitor reported an
# exit that is not our kill -9; no core file; no sanitizer report.
check_procs() {
	local r p bad
	for r in "${ROUTERS[@]}"; do
		assert_all_running "$r"
		for p in "${N2T_PROCS[@]}"; do
			assert_eq "${ST_RESTARTS[$p]}" "${KILLS[$r:$p]}" "$r: restarts of $p (we killed it ${KILLS[$r:$p]} times)"
		done
		bad=$(cat "$N2T_TMP/$r.monitor."* "${N2T_MON[$r]}" 2>/dev/null |
			grep -E ' reason=|^[a-z]+ failed ' | grep -v ' reason=killed by signal 9' || true)
		[ -z "$bad" ] || fail "$r: a process ended by itself: $bad"
		n2t_sanitizer_reports "${N2T_RUN[$r]}" || fail "$r: sanitizer report (above)"
	done
	bad=$(find "$N2T_TMP" -maxdepth 2 -name 'core*' -type f)
	[ -z "$bad" ] || fail "core files: $bad"
}

# check_ping: h1 reaches the upstream address through the virtual IPs again.
check_ping() {
	local mark
	mark=$(line_count "$N2T_TMP/ping.out")
	wait_for_line "$N2T_TMP/ping.out" "bytes from $FAR" "$N2T_WAIT" "$mark" ||
		fail "h1 gets no answer from $FAR within ${N2T_WAIT}s: $(tail -n 3 "$N2T_TMP/ping.out")"
}

# check_rss ROUND: records each daemon's RSS; fails when one has grown by more than RSS_BOUND
# KiB over its first figure.
declare -A RSS_FIRST=() RSS_LAST=() RSS_MAX=()
check_rss() {
	local r p pid kb k
	for r in "${ROUTERS[@]}"; do
		for p in "${N2T_ALL[@]}"; do
			k=$r:$p
			pid=$(pidfile_pid "$r" "$p")
			kb=$(pid_rss_kb "$pid")
			[ -n "$kb" ] || fail "$r: no RSS for $p (pid $pid)"
			RSS_FIRST[$k]=${RSS_FIRST[$k]:-$kb}
			RSS_LAST[$k]=$kb
			[ "$kb" -le "${RSS_MAX[$k]:-0}" ] || RSS_MAX[$k]=$kb
			[ "$kb" -le $((RSS_FIRST[$k] + RSS_BOUND)) ] ||
				fail "$r: RSS of $p is $kb KiB in round $1, first $((RSS_FIRST[$k])) KiB (bound +$RSS_BOUND)"
		done
	done
}

# check_vips: a virtual IP is in the kernel of its group's master only (pifmgr adds and removes
# it asynchronously: polled, bounded).
has_addr() { ip -n "${N2T_NS[$1]}" -4 -br addr | grep -q " $2/"; }
check_vips() {
	local g r
	for g in "${GRPS[@]}"; do
		expect "$g"
		for r in "${ROUTERS[@]}"; do
			if [ "${EXP[$r]}" = Master ]; then
				wait_cmd "$r (master of group $g) holds ${G_VIP[$g]}" has_addr "$r" "${G_VIP[$g]}"
			else
				wait_cmd_fails "$r (${EXP[$r]} in group $g) releases ${G_VIP[$g]}" \
					has_addr "$r" "${G_VIP[$g]}"
			fi
		done
	done
}

check_all() {
	local f t0 tl=""
	for f in settle check_vips check_config check_procs check_ping "check_rss $1"; do
		t0=${EPOCHREALTIME/./}
		$f
		tl+=" ${f%% *} $(((${EPOCHREALTIME/./} - t0) / 1000))ms"
	done
	say "checks:$tl"
}

# ---------------------------------------------------------------------------------------------
# Actions

ROUND=0
ROUND_AT=() # "ROUND KIND START" of each round, to tell which lost h1's pings
declare -A NDONE=()

act_kill() {
	local r p cands=() recent k
	rnd 2
	r=${ROUTERS[$R]}
	for p in "${N2T_ALL[@]}"; do
		# procmgr gives up after 5 restarts within 60 s (restart_limit.sh): stay well below
		recent=0
		for k in ${KILL_ROUNDS[$r:$p]:-}; do [ $((ROUND - k)) -ge 120 ] || recent=$((recent + 1)); done
		[ "$recent" -ge 3 ] || cands+=("$p")
	done
	rnd "${#cands[@]}"
	p=${cands[$R]}
	if [ "$p" = procmgr ]; then
		kill_procmgr "$r"
		return
	fi
	KILLS[$r:$p]=$((${KILLS[$r:$p]} + 1))
	KILL_ROUNDS[$r:$p]+=" $ROUND"
	kill9_wait "$r" "$p" "${KILLS[$r:$p]}"
}

# kill_procmgr R: every managed process follows procmgr's death; the instance is started again
# (as an operator would) and comes back with the startup configuration, which is the model.
kill_procmgr() {
	local r=$1 p
	status_read "$r"
	declare -A pids
	save_pids pids
	say "$r: kill -9 procmgr (pid ${pids[procmgr]})"
	kill -KILL "${pids[procmgr]}"
	for p in "${N2T_ALL[@]}"; do
		wait_pid_gone "${pids[$p]}" "$N2T_WAIT" || fail "$r: $p still runs after procmgr's kill -9"
	done
	expect_line "${N2T_MON[$r]}" '^instance stopped$'
	monitor_stop "$r"
	mv "${N2T_MON[$r]}" "$N2T_TMP/$r.monitor.$ROUND"
	inst_stop "$r"
	inst_start "$r"
	reset_kills "$r"
	monitor_start "$r"
}

act_config() {
	local r g i k what
	rnd 2
	r=${ROUTERS[$R]}
	rnd ${#GRPS[@]}
	g=${GRPS[$R]}
	rnd 3
	what=$R
	if [ "$what" = 0 ]; then
		new_prio "$r"
		PRIO[$r:$g]=$R_PRIO
		cm_if "$r" "${G_IF[$g]}" "vrrp $g priority $R_PRIO" end 'write memory'
	elif [ "$what" = 1 ] && [ -n "${TRK[$r:$g]}" ]; then
		TRK[$r:$g]=
		cm_if "$r" "${G_IF[$g]}" "no vrrp $g track ${G_OBJ[$g]}" end 'write memory'
	elif [ "$what" = 1 ]; then
		rnd 127
		TRK[$r:$g]=$((2 * R + 2))
		cm_if "$r" "${G_IF[$g]}" "vrrp $g track ${G_OBJ[$g]} decrement ${TRK[$r:$g]}" end 'write memory'
	elif [ "$(shut_count)" -gt 0 ]; then
		for k in "${!SHUT[@]}"; do [ "${SHUT[$k]}" = 0 ] || break; done
		SHUT[$k]=0
		cm_if "${k%%:*}" "${k#*:}" 'no shutdown' end 'write memory'
	else
		rnd ${#IFACES[@]}
		i=${IFACES[$R]}
		SHUT[$r:$i]=1
		cm_if "$r" "$i" shutdown end 'write memory'
	fi
}

# flap_set R IF down|up KIND: the link of R's IF as the switch sees it.
flap_set() {
	local port=$1${PORT_SUFFIX[$2]} sw=${N2T_NS[sw]}
	if [ "$4" = port ]; then
		ip netns exec "$sw" bridge link set dev "$port" state "$([ "$3" = down ] && echo 0 || echo 3)"
	else
		ip -n "$sw" link set "$port" "$3"
	fi
}

act_flap() {
	local r o i kind long g links=()
	for r in "${ROUTERS[@]}"; do
		for i in "${IFACES[@]}"; do
			# a shut interface has no link to flap (its bridge port cannot even be blocked)
			[ "${SHUT[$r:$i]}" = 1 ] || links+=("$r:$i")
		done
	done
	rnd ${#links[@]}
	r=${links[$R]%%:*}
	i=${links[$R]#*:}
	o=${PEER[$r]}
	rnd 2
	kind=$([ "$R" = 0 ] && echo port || echo carrier)
	rnd 2
	long=$R
	say "$r: $i flaps ($kind$([ "$long" = 0 ] || echo ', until the routers react'))"
	flap_set "$r" "$i" down "$kind"
	if [ "$long" = 1 ]; then
		for g in "${GRPS[@]}"; do
			[ "${G_IF[$g]}" = "$i" ] || continue
			# cut off, the other router is the only master it knows; r is one too behind a
			# blocked port, and in Initialize once its carrier has gone
			[ "${SHUT[$o:$i]}" = 1 ] || wait_state "$o" Master "$i" "$g"
			wait_state "$r" "$([ "$kind" = port ] && echo Master || echo Initialize)" "$i" "$g"
		done
	fi
	flap_set "$r" "$i" up "$kind"
}

act_garbage() {
	local i seed count r vrids=() g m1 m2
	declare -A before=()
	rnd ${#IFACES[@]}
	i=${IFACES[$R]}
	seed=$RANDOM
	rnd 200
	count=$((100 + R))
	for g in "${GRPS[@]}"; do [ "${G_IF[$g]}" != "$i" ] || vrids+=("$g"); done
	m1=$(log_mark r1)
	m2=$(log_mark r2)
	for r in "${ROUTERS[@]}"; do before[$r]=$(vstat "$r" vrid-errors); done
	say "${SENDER[$i]}: $count frames of garbage on ${BRIDGE[$i]} (seed $seed)"
	vt_craft "${SENDER[$i]}" eth1 "${SENDER_IP[$i]}" garbage "$seed" "$count" "${vrids[@]}"
	for r in "${ROUTERS[@]}"; do
		[ "${SHUT[$r:$i]}" = 0 ] || continue
		# the last frame is the only one counted in vrid-errors: then all were handled
		wait_stat "$r" vrid-errors $((before[$r] + 1))
		assert_eq "$(vstat "$r" vrid-errors)" $((before[$r] + 1)) "$r: vrid-errors after the burst"
	done
	assert_no_transition r1 "$m1"
	assert_no_transition r2 "$m2"
}

BUS_DROPPED=0
act_bus() {
	local r sock out mb partial=() spid sizes=(0 2 6 20)
	rnd 2
	r=${ROUTERS[$R]}
	rnd ${#sizes[@]}
	mb=${sizes[$R]}
	rnd 2
	[ "$R" = 0 ] || partial=(--partial)
	sock=${N2T_RUN[$r]}/ipc.sock
	out=$N2T_TMP/stall.$ROUND
	say "$r: a bus client stops reading${partial:+ after half a frame}; $mb MB published to it"
	ip netns exec "${N2T_NS[$r]}" "$PY" "$N2T_SRC/buspeer.py" "$sock" stall chaos-stall "${partial[@]}" \
		ipc.client proc.state pif.link pif.addr pif.iface chaos.flood >"$out" 2>&1 &
	spid=$!
	N2T_BG+=("$spid")
	wait_for_line "$out" '^stalled$' "$N2T_WAIT" || fail "buspeer stall: $(cat "$out")"
	if [ "$mb" -gt 0 ]; then
		run nsx "$r" "$PY" "$N2T_SRC/buspeer.py" "$sock" flood chaos-flood chaos.flood $((mb * 4)) 262144
		[ "$RUN_RC" -eq 0 ] || fail "buspeer flood exited $RUN_RC: $RUN_ERR"
	fi
	# the bus serves everyone else meanwhile
	cm "$r" 'show ipc'
	if [[ $CM_OUT != *chaos-stall* ]]; then
		BUS_DROPPED=$((BUS_DROPPED + 1))
		say "$r: ipcmgr dropped the client that stopped reading"
	fi
	vj "$r" state >/dev/null
	kill -TERM "$spid"
	wait "$spid" || true
}

act_bigfile() {
	local r i g n f k mark
	rnd 2
	r=${ROUTERS[$R]}
	rnd ${#GRPS[@]}
	g=${GRPS[$R]}
	i=${G_IF[$g]}
	rnd 300
	n=$((100 + R))
	new_prio "$r"
	f=$N2T_TMP/big.$ROUND.cmsh
	{
		echo "! round $ROUND: $n log levels set and removed, descriptions of $i, a priority"
		echo 'configure terminal'
		# set and removed in turn: at most 64 are configured at once (CMDMGR_MAX_LEVELS)
		for k in $(seq "$n"); do printf 'log chaos%s priority debug\nno log chaos%s priority\n' "$k" "$k"; done
		for k in $(seq 10); do
			printf 'interface %s\n description chaos round %s line %s\nexit\n' "$i" "$ROUND" "$k"
		done
		printf 'interface %s\n vrrp %s priority %s\nend\nwrite memory\n' "$i" "$g" "$R_PRIO"
	} >"$f"
	say "$r: cmsh -f of $(line_count "$f") lines"
	mark=$(line_count "${N2T_RUN[$r]}/cmdmgr.log")
	run nsx "$r" "$N2T_BIN/cmsh" --rundir "${N2T_RUN[$r]}" -f "$f"
	[ "$RUN_RC" -eq 0 ] || fail "$r: cmsh -f $f exited $RUN_RC: $RUN_ERR"
	# each level is pushed when set and when removed, not again at every later commit (the
	# processes chaosN do not exist: each push is a log line)
	k=$(tail -n +"$((mark + 1))" "${N2T_RUN[$r]}/cmdmgr.log" | grep -c 'not applied now' || true)
	[ "$k" -le $((3 * n)) ] || fail "$r: cmdmgr logged $k level pushes for $n log lines set and removed"
	DESC[$r:$i]="chaos round $ROUND line 10"
	PRIO[$r:$g]=$R_PRIO
}

# ---------------------------------------------------------------------------------------------
# The rounds

KINDS=(kill config flap garbage bus bigfile)
WEIGHTS=(4 4 3 3 2 2) # out of 18
order=("${KINDS[@]}")
for ((k = ${#order[@]} - 1; k > 0; k--)); do # the first six rounds: each kind once, shuffled
	rnd $((k + 1))
	t=${order[$k]}
	order[k]=${order[R]}
	order[R]=$t
done

say "round 0: the routers as configured"
settle
# h1 pings all along, 5 a second; each round is told how many it lost
ip netns exec "${N2T_NS[h1]}" ping -n -D -O -i 0.2 "$FAR" >"$N2T_TMP/ping.out" 2>&1 &
PING_PID=$!
N2T_BG+=("$PING_PID")
check_all 0
for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
	if [ "$ROUND" -le "${#order[@]}" ]; then
		kind=${order[$((ROUND - 1))]}
	else
		rnd 18
		for k in "${!KINDS[@]}"; do
			[ "$R" -ge "${WEIGHTS[$k]}" ] || break
			R=$((R - WEIGHTS[k]))
		done
		kind=${KINDS[$k]}
	fi
	NDONE[$kind]=$((${NDONE[$kind]:-0} + 1))
	ROUND_AT+=("$ROUND $kind ${EPOCHREALTIME}")
	say "---- round $ROUND/$ROUNDS: $kind"
	"act_$kind"
	check_all "$ROUND"
done

# ---------------------------------------------------------------------------------------------
# The end: figures and the capture check

kill -INT "$PING_PID"
wait "$PING_PID" || true
say "actions: $(for k in "${KINDS[@]}"; do printf '%s %s  ' "$k" "${NDONE[$k]:-0}"; done)"
say "bus clients dropped for not reading: $BUS_DROPPED"
say "h1's pings: $(grep -E 'packets transmitted' "$N2T_TMP/ping.out" || echo '(no summary)')"
say "pings lost, by round (a failover loses up to Master_Down_Interval, 3-4 s: 15-20 pings):"
printf '%s\n' "${ROUND_AT[@]}" | "$PY" -c '
import re, sys
rounds = [l.split() for l in sys.stdin.read().splitlines()]
first, answered = {}, set()
for l in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)\] (.*)icmp_seq=(\d+)", l)
    if m:
        first.setdefault(int(m[3]), float(m[1]))
        if "bytes from" in m[2]:
            answered.add(int(m[3]))
lost = {}
for seq, t in first.items():
    if seq not in answered:
        r = max((x for x in rounds if float(x[2]) <= t), key=lambda x: float(x[2]), default=None)
        key = f"round {r[0]} ({r[1]})" if r else "round 0"
        lost[key] = lost.get(key, 0) + 1
print("  " + ("; ".join(f"{k}: {v}" for k, v in lost.items()) or "none"))
' "$N2T_TMP/ping.out" | while read -r line; do say "$line"; done
say "RSS (KiB) per daemon: first / last / max"
for r in "${ROUTERS[@]}"; do
	for p in "${N2T_ALL[@]}"; do
		say "  $r $p ${RSS_FIRST[$r:$p]} / ${RSS_LAST[$r:$p]} / ${RSS_MAX[$r:$p]}"
	done
done
for r in "${ROUTERS[@]}"; do inst_stop "$r"; done
capture_stop
overlap=$(vt_masters_overlap "$N2T_TMP/br0.pcap" "$N2T_TMP/br1.pcap")
say "two masters advertising at once, longest:"
assert_eq "$(grep -c vrid <<<"$overlap" || true)" "${#GRPS[@]}" "groups seen in the captures"
while read -r _ _ vrid _ ov _ iv _; do
	say "  group $vrid: ${ov} s (advertisement interval $iv s)"
	"$PY" -c 'import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))' "$ov" "$iv" ||
		fail "group $vrid: two masters advertised for $ov s, longer than the interval: $overlap"
done <<<"$overlap"
n2t_pass
