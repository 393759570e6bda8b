# integ_cli_roundtrip: `show running-config` of one instance, fed to a fresh instance with
# `cmsh -f -` (after `configure terminal`, as one pastes a configuration), reproduces the same
# datastore: the second instance's show running-config is identical and its RUNDIR/running.json
# is the same JSON (compared as data, keys sorted). Every kind of command is in the configuration
# (every module, optional parts given and not, alternatives, LINE with inner blanks, several
# interfaces in an order that is not the natural one), and feeding the text a second time into
# the second instance changes nothing. (LINE starts at its first word: the blanks before it go.)
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
inst_create b
add_veth a eth1 eth2 eth10
add_veth b eth1 eth2 eth10
inst_start a
inst_start b

cat >"$N2T_TMP/config.cmsh" <<'EOF'
configure terminal
hostname Edge-7
log vrrp priority debug
log ribmgr priority warning
track 3 interface eth10 line-protocol
track 1 interface eth2 line-protocol
ip route 203.0.113.0/24 192.0.2.254
ip route 203.0.113.0/24 198.51.100.254 5
ip route 198.51.100.128/25 eth2 20
interface eth10
 description  to the   lab  switch
 ip address 203.0.113.1/28
interface eth1
 mtu 9000
 ip address 192.0.2.10/24
 ip address 192.0.2.11/24 secondary
 ipv6 address 2001:db8::10/64
 vrrp 7 ip 192.0.2.1
 vrrp 7 priority 200
 vrrp 7 timers advertise 3
 vrrp 7 authentication text s3cret
 no vrrp 7 preempt
 vrrp 7 track 1 decrement 50
 vrrp 8 ip 192.0.2.8
 vrrp 8 ip 192.0.2.9 secondary
 vrrp 8 ipv6 fe80::8
 vrrp 8 ipv6 2001:db8::8
 vrrp 8 version 3
 vrrp 8 timers advertise msec 50
 vrrp 8 preempt delay 10
 vrrp 8 accept-mode
 vrrp 8 checksum-with-ipv4-pseudoheader
 vrrp 8 v2-compatible
interface eth2
 shutdown
 ip address 198.51.100.1/24
end
EOF
say "configure instance a"
run cmsh a -f "$N2T_TMP/config.cmsh"
[ "$RUN_RC" -eq 0 ] || fail "cmsh -f exited $RUN_RC: $RUN_ERR"
show_run a
text_a=$SHOWRUN
running_json a
json_a=$RJSON
for l in "hostname Edge-7" "log ribmgr priority warning" "track 3 interface eth10 line-protocol" \
	"ip route 203.0.113.0/24 198.51.100.254 5" "ip route 198.51.100.128/25 eth2 20" \
	" description to the   lab  switch" " mtu 9000" " ipv6 address 2001:db8::10/64" \
	" vrrp 7 authentication text s3cret" " vrrp 7 track 1 decrement 50" " shutdown" \
	" vrrp 8 ip 192.0.2.9 secondary" " vrrp 8 ipv6 2001:db8::8" " vrrp 8 timers advertise msec 50" \
	" vrrp 8 preempt delay 10" " vrrp 8 accept-mode" \
	" vrrp 8 checksum-with-ipv4-pseudoheader"; do
	grep -qxF -- "$l" <<<"$text_a" || fail "show running-config of a lacks the line '$l':
$text_a"
done

[[ $text_a != *"have no command"* ]] || fail "show running-config of a has unrendered items:
$text_a"
say "feed it to instance b"
printf 'configure terminal\n%s\n' "$text_a" >"$N2T_TMP/paste.cmsh"
run cmsh b -f - <"$N2T_TMP/paste.cmsh"
[ "$RUN_RC" -eq 0 ] || fail "cmsh -f - on b exited $RUN_RC: $RUN_ERR"
show_run b
assert_text "$SHOWRUN" "$text_a" "show running-config of b (fed a's)"
running_json b
assert_text "$RJSON" "$json_a" "running.json of b against a's"

say "feed it again: nothing changes"
run cmsh b -f "$N2T_TMP/paste.cmsh"
[ "$RUN_RC" -eq 0 ] || fail "cmsh -f (second time) exited $RUN_RC: $RUN_ERR"
show_run b
assert_text "$SHOWRUN" "$text_a" "show running-config of b after the second paste"
running_json b
assert_text "$RJSON" "$json_a" "running.json of b after the second paste"

inst_stop a
inst_stop b
n2t_pass
