# integ_cli_perm: who may change the configuration is decided by cmdmgr from the socket's peer
# credentials, behind the socket's mode. A temporary system user (created here, removed on every
# exit path) outside group n2os cannot reach RUNDIR/cmd.sock at all (mode 0660: cmsh says
# "Permission denied"). Behind the mode (the test opens the socket to all), cmdmgr checks the
# peer itself: the user can look (`show running-config` gives root's text, `enable`, `show
# version`) but `configure terminal` and `write memory` answer the permission error (exit 1, line
# named) and change nothing; once the user is a member of group n2os (created for the test when
# the machine has none, and removed again) a new session may configure, through the 0660 socket.
# The bus: the same user outside the group cannot reach RUNDIR/ipc.sock (`n2os status` and
# pifctl fail: the socket's mode, and behind it ipcmgr's own check of the peer, with its reason,
# counted in `show ipc`); once in group n2os it can. The run directory holds no other socket.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"
command -v runuser >/dev/null || fail "'runuser' not found (util-linux)"

user=n2tcli$$
useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" ||
	fail "cannot create user $user"
cli_on_exit "userdel $user"
if ! getent group n2os >/dev/null; then
	groupadd --system n2os || fail "cannot create group n2os"
	cli_on_exit "groupdel n2os"
fi

inst_create a
inst_start a
# the user must reach RUNDIR's sockets through the test's private directory
chmod 711 "$N2T_TMP" "${N2T_RUN[a]}"
run cmsh a -c 'configure terminal' -c 'hostname Perm-1' -c 'log vrrp priority info'
[ "$RUN_RC" -eq 0 ] || fail "configuration as root failed ($RUN_RC): $RUN_ERR"
show_run a
text0=$SHOWRUN
running_json a
json0=$RJSON

# as_user ARGS...: cmsh ARGS as the temporary user, inside the namespace
as_user() {
	ip netns exec "${N2T_NS[a]}" runuser -u "$user" -- "$N2T_BIN/cmsh" --rundir "${N2T_RUN[a]}" "$@"
}
denied="% Permission denied: changing the configuration needs root or membership of group n2os."

say "$user cannot reach cmd.sock"
assert_eq "$(stat -c '%a' "${N2T_RUN[a]}/cmd.sock")" "660" "mode of cmd.sock"
run as_user -c 'show running-config'
[ "$RUN_RC" -eq 1 ] || fail "show running-config as $user exited $RUN_RC, expected 1"
assert_contains "$RUN_ERR" "Permission denied" "cmsh as $user"

# behind the file's mode, cmdmgr checks the peer itself
chmod 0666 "${N2T_RUN[a]}/cmd.sock"
say "$user may look through a socket open to all"
run as_user -c 'show running-config'
[ "$RUN_RC" -eq 0 ] || fail "show running-config as $user exited $RUN_RC: $RUN_ERR"
assert_text "$RUN_OUT" "$text0" "show running-config as $user"
run as_user -c 'disable' -c 'enable' -c 'show version'
[ "$RUN_RC" -eq 0 ] || fail "enable / show version as $user exited $RUN_RC: $RUN_ERR"
assert_contains "$RUN_OUT" "Hostname: Perm-1" "show version as $user"

say "$user may not configure"
run as_user -c 'configure terminal' -c 'hostname Stolen'
[ "$RUN_RC" -eq 1 ] || fail "configure terminal as $user exited $RUN_RC, expected 1"
assert_text "$RUN_ERR" "$denied
cmsh: line 1: 'configure terminal' failed" "configure terminal as $user"
run as_user -c 'write memory'
[ "$RUN_RC" -eq 1 ] || fail "write memory as $user exited $RUN_RC, expected 1"
assert_contains "$RUN_ERR" "$denied" "write memory as $user"
[ ! -e "${N2T_CONF[a]}/n2os.conf" ] || fail "write memory as $user wrote the startup configuration"
run as_user -c 'copy running-config startup-config'
[ "$RUN_RC" -eq 1 ] || fail "copy running-config startup-config as $user exited $RUN_RC"
running_json a
assert_text "$RJSON" "$json0" "running.json after $user's attempts"

chmod 0660 "${N2T_RUN[a]}/cmd.sock"

say "$user cannot reach the bus"
run_dir=${N2T_RUN[a]}
socks=$(cd "$run_dir" && find . -maxdepth 2 -type s | sort | tr '\n' ' ')
assert_eq "$socks" "./cmd.sock ./ipc.sock " "sockets in the run directory (a new one must be added to this test)"
as_user_bin() {
	local prog=$1
	shift
	ip netns exec "${N2T_NS[a]}" runuser -u "$user" -- "$N2T_BIN/$prog" "$@"
}
run as_user_bin n2os status --rundir "$run_dir" --timeout 5
[ "$RUN_RC" -ne 0 ] || fail "n2os status as $user reached the bus"
assert_contains "$RUN_ERR" "ipc.sock: Permission denied" "n2os status as $user"
# behind the file's mode, ipcmgr checks the peer itself
chmod 0666 "$run_dir/ipc.sock"
run as_user_bin n2os status --rundir "$run_dir" --timeout 5
chmod 0660 "$run_dir/ipc.sock"
[ "$RUN_RC" -ne 0 ] || fail "n2os status as $user reached the bus with the socket open to all"
assert_contains "$RUN_ERR" "permission denied: the bus is for root and group n2os only" \
	"n2os status as $user, socket open to all"
run as_user_bin pifctl --rundir "$run_dir" admin lo down
[ "$RUN_RC" -eq 1 ] || fail "pifctl admin as $user exited $RUN_RC, expected 1: $RUN_ERR"
assert_contains "$RUN_ERR" "cannot join the bus" "pifctl admin as $user"
ip -n "${N2T_NS[a]}" link show lo | grep -q '[<,]UP[,>]' || fail "$user set lo down"
run cmsh a -c 'show ipc'
assert_match "$RUN_OUT" ', [1-9][0-9]* permission;' "show ipc counts the refusal"
assert_up a

say "$user in group n2os may configure"
gpasswd -a "$user" n2os >/dev/null || fail "cannot add $user to group n2os"
run as_user -c 'configure terminal' -c 'hostname Grp-1' -c 'end' -c 'show running-config'
[ "$RUN_RC" -eq 0 ] || fail "configuration as $user in group n2os exited $RUN_RC: $RUN_ERR"
assert_contains "$RUN_OUT" "hostname Grp-1" "show running-config after $user's change"
run as_user_bin n2os status --rundir "$run_dir" --timeout 5
[ "$RUN_RC" -eq 0 ] || fail "n2os status as $user in group n2os exited $RUN_RC: $RUN_ERR"

inst_stop a
n2t_pass
