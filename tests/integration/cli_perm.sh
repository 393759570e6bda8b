# integ_cli_perm: who may change the configuration is decided by cmdmgr from the socket's peer
# credentials. A temporary system user (created here, removed on every exit path) can look
# (`show running-config` gives root's text, `enable`, `show version`) but `configure terminal`
# and `write memory` answer the permission error (exit 1, line named) and change nothing; once the
# user is a member of group n2os (created for the test when the machine has none, and removed
# again) a new session may configure.
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
# the user must reach RUNDIR/cmd.sock (mode 0666) through the test's private directory
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

say "$user may look"
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

say "$user in group n2os may configure"
gpasswd -a "$user" n2os >/dev/null || fail "cannot add $user to group n2os"
run as_user -c 'configure terminal' -c 'hostname Grp-1' -c 'end' -c 'show running-config'
[ "$RUN_RC" -eq 0 ] || fail "configuration as $user in group n2os exited $RUN_RC: $RUN_ERR"
assert_contains "$RUN_OUT" "hostname Grp-1" "show running-config after $user's change"

inst_stop a
n2t_pass
