# integ_security: what an n2os instance leaves in its run and configuration directories, and the
# privileges its processes run with (docs/security.md).
# - started from a shell with umask 000, after a commit and `write memory`: the only file with
#   nothing in RUNDIR and CONFDIR has the other-write bit; ipc.sock and cmd.sock are 0660, group
#   n2os when the machine has that group
# - each process's CapEff (/proc/PID/status) is exactly what docs/security.md's table says, and
#   every process but procmgr has nothing more in its bounding set
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"
command -v capsh >/dev/null || fail "'capsh' not found (libcap2-bin)"
DOC=$(dirname "${BASH_SOURCE[0]}")/../../docs/security.md

inst_create a
umask 000
inst_start a
umask 022
run cmsh a -c 'configure terminal' -c 'hostname Sec-1' -c 'end' -c 'write memory'
[ "$RUN_RC" -eq 0 ] || fail "configuration and write memory exited $RUN_RC: $RUN_ERR"
assert_all_running a

say "nothing writable by others"
run_dir=${N2T_RUN[a]}
found=$(find "$run_dir" "${N2T_CONF[a]}" -perm -o+w | sort | tr '\n' ' ')
assert_eq "$found" "" "files with the other-write bit"
for s in ipc.sock cmd.sock; do
	[ -S "$run_dir/$s" ] || fail "$run_dir/$s is not a socket"
	assert_eq "$(stat -c %a "$run_dir/$s")" 660 "mode of $s"
	if getent group n2os >/dev/null; then
		assert_eq "$(stat -c %G "$run_dir/$s")" n2os "group of $s"
	fi
done
for f in "$run_dir"/*.log "$run_dir/running.json" "${N2T_CONF[a]}/n2os.conf"; do
	assert_eq "$(stat -c %a "$f")" 640 "mode of $f"
done

say "capabilities as docs/security.md says"
# the table's rows: | `name` | caps or none | why |
declare -A want=()
while IFS='|' read -r _ name caps _; do
	name=$(tr -d ' `' <<<"$name")
	caps=$(tr -d ' `' <<<"$caps")
	want[$name]=$([ "$caps" = none ] && echo "" || echo "$caps")
done < <(sed -n '/^| process | capabilities kept | why |$/,/^$/p' "$DOC" | grep '^| `')
[ "${#want[@]}" -eq "${#N2T_ALL[@]}" ] ||
	fail "docs/security.md lists ${#want[@]} processes (${!want[*]}), the instance runs ${#N2T_ALL[@]} (${N2T_ALL[*]})"
for p in "${N2T_ALL[@]}"; do
	[ -n "${want[$p]+x}" ] || fail "docs/security.md has no row for $p"
	pid=${ST_PID[$p]}
	eff=$(awk '/^CapEff:/ {print $2}' "/proc/$pid/status")
	bnd=$(awk '/^CapBnd:/ {print $2}' "/proc/$pid/status")
	got=$(capsh --decode="$eff" | cut -d= -f2)
	assert_eq "$got" "${want[$p]}" "CapEff of $p (pid $pid, 0x$eff)"
	[ "$p" = procmgr ] || assert_eq "$bnd" "$eff" "CapBnd of $p (nothing it could execute gets more)"
	grep -q "capabilities kept: ${want[$p]:-none}$" "$run_dir/$p.log" ||
		fail "$p.log does not say which capabilities it kept"
done

say "the processes still do their work"
add_veth a eth1
ip -n "${N2T_NS[a]}" link set eth1 up
RT=$N2T_TMP/routes
ip -N -n "${N2T_NS[a]}" monitor route >"$RT" 2>&1 &
N2T_BG+=($!)
run cmsh a -c 'configure terminal' -c 'interface eth1' -c 'ip address 192.0.2.10/24' \
	-c 'vrrp 1 ip 192.0.2.1' -c 'exit' -c 'ip route 203.0.113.0/24 192.0.2.254'
[ "$RUN_RC" -eq 0 ] || fail "configuration of eth1, a VRRP group and a route exited $RUN_RC: $RUN_ERR"
expect_line "$RT" '^203\.0\.113\.0/24 via 192\.0\.2\.254 dev eth1 proto 234'
ip -n "${N2T_NS[a]}" -4 addr show eth1 | grep -q 192.0.2.10/24 || fail "pifmgr did not add 192.0.2.10/24"
assert_all_running a
inst_stop a
n2t_pass
