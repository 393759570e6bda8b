# integ_cli_startup: a startup configuration (CONFDIR/n2os.conf) with bad lines (unknown keyword,
# a value out of range, an address pifmgr refuses, a typo after an interface block): `n2os start`
# succeeds, names each bad line with its number, text and reason on stderr, says how many lines it
# applied, and the instance runs with every valid line (interface lines after a bad one still go
# to the interface, a global line after the block to the config node); cmdmgr's log has the same
# errors.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
add_veth a eth1
conf=${N2T_CONF[a]}/n2os.conf
cat >"$conf" <<'EOF'
! startup configuration with mistakes
hostname Boot-1
log vrrp priority debug
log vrrp priority loud
interface eth1
 ip address 192.0.2.10/24
 ip address 192.0.2.11/24
 mtu 10
 description ok
log pifmgr priority info
hostanme Typo
!
end
EOF
inst_start a
start_out=$RUN_OUT
start_err=$RUN_ERR
assert_up a
say "n2os start said: $start_out"
assert_contains "$start_out" "startup configuration $conf: 7 of 11 lines applied" "n2os start output"
want_err="n2os start: $conf: line 4: log vrrp priority loud: % Invalid input detected at '^' marker.
n2os start: $conf: line 7: ip address 192.0.2.11/24: % pifmgr: eth1: 192.0.2.10/24 and 192.0.2.11/24 are in the same subnet: mark one 'secondary'
n2os start: $conf: line 8: mtu 10: % Value out of range: expected <68-65535>.
n2os start: $conf: line 11: hostanme Typo: % Invalid input detected at '^' marker."
assert_text "$start_err" "$want_err" "n2os start errors"

show_run a
assert_text "$SHOWRUN" '!
hostname Boot-1
log vrrp priority debug
log pifmgr priority info
!
interface eth1
 description ok
 ip address 192.0.2.10/24
!
end' "show running-config after a start with bad lines"

log=${N2T_RUN[a]}/cmdmgr.log
for n in 4 7 8 11; do
	grep -q "err: startup configuration line $n: " "$log" || fail "cmdmgr.log does not report line $n"
done
grep -q "startup configuration $conf: 7 of 11 lines applied" "$log" ||
	fail "cmdmgr.log does not say how many lines were applied"

inst_stop a
n2t_pass
