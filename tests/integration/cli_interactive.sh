# integ_cli_interactive: an interactive cmsh under tmux (send-keys, capture-pane), as an operator
# sees it: the paper's prompts (Router-1>, Router-1(exec)#, Router-1(config)#,
# Router-1(interface)#, and a new prompt after `hostname`), TAB completing a unique prefix
# (`conf` -> `configure`) and listing the choices of an ambiguous one, `?` listing what may come
# next with its help (on an empty line, after a space, in the middle of a word), carets under the
# bad word for invalid input and out-of-range values, Ctrl-C dropping the line being typed,
# paging of output longer than the window (--More--, q) and `terminal length 0`, `exit`/`end`/
# `disable`, Ctrl-D leaving the shell, and the history file.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"
command -v tmux >/dev/null || fail "'tmux' not found (run packaging/setup-deps.sh)"

inst_create a
add_veth a eth1
inst_start a
{
	echo 'configure terminal'
	echo 'hostname Router-1'
	for k in $(seq -w 1 50); do echo "log p$k priority debug"; done
} >"$N2T_TMP/setup.cmsh"
run cmsh a -f "$N2T_TMP/setup.cmsh"
[ "$RUN_RC" -eq 0 ] || fail "set-up failed ($RUN_RC): $RUN_ERR"

tmux_start a t
P='Router-1'
tmux_expect t "^$P>$"
say "view -> exec with an abbreviation"
tmux_line t 'en'
tmux_expect t "^$P\\(exec\\)#$" "$TM_LINENO"

say "TAB completes a unique prefix"
tmux_keys t -l 'conf'
tmux_keys t Tab
tmux_expect t "^$P\\(exec\\)#configure$" "$((TM_LINENO - 1))"
tmux_keys t -l 't'
tmux_keys t Tab Enter
tmux_expect t "^$P\\(exec\\)#configure terminal$" "$((TM_LINENO - 1))"
tmux_expect t "^$P\\(config\\)#$" "$TM_LINENO"

say "TAB twice lists the choices"
tmux_keys t -l 'i'
tmux_keys t Tab Tab
tmux_expect t '^interface +ip +ipv6$' "$TM_LINENO"
tmux_expect t "^$P\\(config\\)#i$" "$TM_LINENO"
tmux_keys t C-u

say "? on an empty line, after a space, inside a word"
tmux_keys t -l '?'
tmux_expect t "^  hostname +Set the system's name$" "$TM_LINENO"
tmux_expect t '^  interface +Configure an interface$' "$((TM_LINENO - 20))"
tmux_expect t '^  log +Logging control$' "$((TM_LINENO - 20))"
tmux_expect t "^$P\\(config\\)#$" "$TM_LINENO"
tmux_keys t -l 'log vrrp priority ?'
tmux_expect t '^  alert +Immediate action needed$' "$TM_LINENO"
tmux_expect t '^  warning +Warning conditions$' "$TM_LINENO"
tmux_expect t "^$P\\(config\\)#log vrrp priority$" "$TM_LINENO" # (trailing blank not captured)
tmux_keys t C-u
tmux_keys t -l 'inter?'
tmux_expect t '^  interface +Configure an interface$' "$TM_LINENO"
tmux_expect t "^$P\\(config\\)#inter$" "$TM_LINENO"
tmux_keys t Tab
tmux_expect t "^$P\\(config\\)#interface$" "$((TM_LINENO - 1))"
tmux_line t 'eth1'
tmux_expect t "^$P\\(interface\\)#$" "$TM_LINENO"

say "carets"
tmux_line t 'vrrp 1 priority 300'
tmux_expect t "^ {$((${#P} + 12 + 16))}\\^$" "$TM_LINENO"
tmux_expect t '^% Value out of range: expected <1-254>\.$' "$TM_LINENO"
tmux_expect t "^$P\\(interface\\)#$" "$TM_LINENO"
tmux_line t 'ip adress 192.0.2.1/24'
tmux_expect t "^ {$((${#P} + 12 + 3))}\\^$" "$TM_LINENO"
tmux_expect t "^% Invalid input detected at '\\^' marker\\.$" "$TM_LINENO"
tmux_expect t "^$P\\(interface\\)#$" "$TM_LINENO"

say "Ctrl-C drops the line"
tmux_keys t -l 'description never'
tmux_keys t C-c
tmux_expect t "^$P\\(interface\\)#$" "$TM_LINENO"
tmux_line t 'exit'
tmux_expect t "^$P\\(config\\)#$" "$TM_LINENO"

say "hostname changes the prompt"
tmux_line t 'hostname R2'
tmux_expect t '^R2\(config\)#$' "$TM_LINENO"
tmux_line t 'end'
tmux_expect t '^R2\(exec\)#$' "$TM_LINENO"

say "paging"
# 54 lines in a 40-line window: 39, then --More--; Enter shows one more line, q stops
tmux_line t 'show running-config'
tmux_expect t '--More--' "$TM_LINENO"
more=$TM_LINENO
tmux_expect t '^log p37 priority debug$' "$((more - 2))"
tmux_keys t Enter
tmux_expect t '^log p38 priority debug$' "$((more - 1))"
tmux_expect t '--More--' "$TM_LINENO"
tmux_keys t q
tmux_expect t '^R2\(exec\)#$' "$((TM_LINENO - 1))"
tmux_text t | tail -n +"$more" | grep -q '^log p39 ' && fail "output went on after q"
tmux_line t 'terminal length 0'
tmux_expect t '^R2\(exec\)#$' "$TM_LINENO"
mark=$TM_LINENO
tmux_line t 'show running-config'
tmux_expect t '^end$' "$mark"
tmux_expect t '^R2\(exec\)#$' "$TM_LINENO"
tmux_text t | tail -n +"$mark" | grep -q -- '--More--' && fail "paging after terminal length 0"
show_run a
assert_contains "$SHOWRUN" "hostname R2" "show running-config"
[[ $SHOWRUN != *"description never"* ]] || fail "the line dropped with Ctrl-C was run"

say "disable, then Ctrl-D leaves"
tmux_line t 'disable'
tmux_expect t '^R2>$' "$TM_LINENO"
pid=$(tmux_ display-message -p -t t '#{pane_pid}')
tmux_keys t C-d
wait_pid_gone "$pid" "$N2T_WAIT" || fail "cmsh did not end on Ctrl-D in the view node"
grep -qxF 'hostname R2' "$N2T_TMP/.cmsh_history" || fail "~/.cmsh_history lacks 'hostname R2'"
tmux_stop

inst_stop a
n2t_pass
