# integ_cli_invalid: lines that fail say why, like a router, and change nothing. For each kind of
# failure (unknown keyword, value out of range, ambiguous, incomplete, a hostname YANG refuses,
# an address pifmgr refuses, a bad `do` command, a bad line in a file): cmsh exits 1, stderr has
# the router-style message (with the caret under the bad word, after the prompt and line it
# echoes) and names the failing line (its number; FILE:N for -f), the lines after it do not run,
# and RUNDIR/running.json and show running-config are exactly as before.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
add_veth a eth1
inst_start a
run cmsh a -c 'configure terminal' -c 'hostname Inv-1' -c 'interface eth1' \
	-c 'ip address 192.0.2.10/24' -c 'mtu 1400'
[ "$RUN_RC" -eq 0 ] || fail "configuration failed ($RUN_RC): $RUN_ERR"
show_run a
text0=$SHOWRUN
running_json a
json0=$RJSON
assert_contains "$json0" '"hostname": "Inv-1"' "running.json"

unchanged() {
	running_json a
	assert_text "$RJSON" "$json0" "running.json after: $1"
	show_run a
	assert_text "$SHOWRUN" "$text0" "show running-config after: $1"
}

# expect_caret PROMPT LINE COLUMN: stderr (RUN_ERR) shows PROMPT+LINE, then '^' at COLUMN (0-based)
expect_caret() {
	local echo="$1$2" caret
	caret="$(printf '%*s^' "$3" '')"
	grep -qxF -- "$echo" <<<"$RUN_ERR" || fail "stderr does not echo '$echo': $RUN_ERR"
	grep -A1 -xF -- "$echo" <<<"$RUN_ERR" | tail -n 1 | grep -qxF -- "$caret" ||
		fail "the caret is not at column $3 under '$echo':
$RUN_ERR"
}

say "unknown keyword"
assert_cmsh_fails a 2 "% Invalid input detected at '^' marker." \
	-c 'configure terminal' -c 'hostnmae Other' -c 'hostname Never'
expect_caret 'Inv-1(config)#' 'hostnmae Other' 14
assert_contains "$RUN_ERR" "cmsh: line 2: 'hostnmae Other' failed" "failing line"
unchanged "an unknown keyword"

say "a bad word in the middle, in a sub-node"
assert_cmsh_fails a 3 "% Invalid input detected at '^' marker." \
	-c 'configure terminal' -c 'interface eth1' -c 'ip addres 192.0.2.300/24'
expect_caret 'Inv-1(interface)#' 'ip addres 192.0.2.300/24' $((17 + 10))
unchanged "a bad address"

say "out of range"
assert_cmsh_fails a 3 "% Value out of range: expected <68-65535>." \
	-c 'configure terminal' -c 'interface eth1' -c 'mtu 67'
expect_caret 'Inv-1(interface)#' 'mtu 67' $((17 + 4))
unchanged "mtu 67"
assert_cmsh_fails a 1 "% Value out of range: expected <0-512>." -c 'terminal length 513'

say "ambiguous, incomplete"
assert_cmsh_fails a 2 "% Ambiguous command" -c 'configure terminal' -c 'i eth1'
assert_cmsh_fails a 2 "% Incomplete command." -c 'configure terminal' -c 'log vrrp'
assert_cmsh_fails a 1 "% Incomplete command." -c 'show'
unchanged "ambiguous and incomplete lines"

say "a hostname YANG refuses"
assert_cmsh_fails a 2 "% Invalid configuration" -c 'configure terminal' -c 'hostname -bad-'
assert_contains "$RUN_ERR" "hostname" "the reason names the hostname"
unchanged "hostname -bad-"
assert_cmsh_fails a 2 "% Invalid configuration" -c 'configure terminal' \
	-c "hostname $(printf 'h%.0s' {1..64})"
unchanged "a 64-character hostname"

say "an address the owner (pifmgr) refuses"
assert_cmsh_fails a 3 "% pifmgr: " -c 'configure terminal' -c 'interface eth1' \
	-c 'ip address 192.0.2.11/24'
assert_contains "$RUN_ERR" "same subnet" "pifmgr's reason"
unchanged "a refused address"
ip -n "${N2T_NS[a]}" -o addr show dev eth1 | grep -q '192.0.2.11' &&
	fail "the refused address is in the kernel"

say "do with a bad exec command"
assert_cmsh_fails a 2 "% Invalid input detected at '^' marker." -c 'configure terminal' \
	-c 'do show bogus'
expect_caret 'Inv-1(config)#' 'do show bogus' $((14 + 8))
unchanged "do show bogus"

say "a file stops at its first bad line"
printf 'configure terminal\n! a comment\n log vrrp priority loud\nhostname Never\n' >"$N2T_TMP/bad.cmsh"
assert_cmsh_fails a 3 "% Invalid input detected at '^' marker." -f "$N2T_TMP/bad.cmsh"
assert_contains "$RUN_ERR" "cmsh: $N2T_TMP/bad.cmsh:3: ' log vrrp priority loud' failed" "failing line"
expect_caret 'Inv-1(config)#' ' log vrrp priority loud' $((14 + 19))
unchanged "a file with a bad line"
# the same from a pipe: line numbers too
assert_cmsh_fails a 3 "% Invalid input" -f - <"$N2T_TMP/bad.cmsh"
unchanged "a pipe with a bad line"

say "removing what is not configured is not an error, and changes nothing"
run cmsh a -c 'configure terminal' -c 'no ip route 203.0.113.0/24 192.0.2.1' -c 'no log vrrp priority'
[ "$RUN_RC" -eq 0 ] || fail "removing nothing failed ($RUN_RC): $RUN_ERR"
unchanged "removing what is not there"

inst_stop a
n2t_pass
