# tests/integration/cli_lib.sh: helpers of the CLI tests (cli_*.sh), on top of lib.sh. Sourced,
# not a test itself.
#
#   cmsh L ARGS...          cmsh --rundir RUNDIR ARGS inside instance L's namespace
#   assert_up L             every process of L runs
#   show_run L              SHOWRUN := `show running-config` of L (must succeed)
#   running_json L          RJSON := RUNDIR/running.json of L, canonical (one line, keys and the
#                           entries of lists sorted: every n2os list is ordered-by system)
#   add_veth L NAME...      veth NAME (peer NAME-p, both up) inside L's namespace
#   assert_cmsh_fails L LINENO TEXT ARGS...
#                           cmsh ARGS exits 1, its stderr holds TEXT and names line LINENO
#   cli_on_exit CMD         runs CMD (eval) on every exit path, before lib.sh's cleanup
#   tmux_* helpers          an interactive cmsh in a private tmux server (see below)

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmsh() {
	local l=$1
	shift
	ip netns exec "${N2T_NS[$l]}" "$N2T_BIN/cmsh" --rundir "${N2T_RUN[$l]}" "$@"
}

# assert_up L: every process of L runs (status exits 0, all_running).
assert_up() {
	status_read "$1"
	[ "$ST_RC" -eq 0 ] && [ "$ST_ALL" = true ] ||
		fail "instance $1: not all running (status exit $ST_RC): $ST_JSON"
}

show_run() {
	run cmsh "$1" -c 'show running-config'
	[ "$RUN_RC" -eq 0 ] || fail "instance $1: show running-config exited $RUN_RC: $RUN_ERR"
	SHOWRUN=$RUN_OUT
}

running_json() {
	local f="${N2T_RUN[$1]}/running.json"
	RJSON=$("$N2T_PY" -c '
import json, sys
try:
    text = open(sys.argv[1]).read()
except FileNotFoundError:
    print("(no running.json)")
    sys.exit(0)
def canon(v):
    # lists of the n2os modules are ordered-by system: their order carries no meaning
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, list):
        return sorted((canon(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
    return v
print(json.dumps(canon(json.loads(text)) if text.strip() else {}, sort_keys=True))
' "$f") || fail "instance $1: $f is not JSON"
}

add_veth() {
	local l=$1 ns=${N2T_NS[$1]} n
	shift
	for n in "$@"; do
		ip -n "$ns" link add "$n" type veth peer name "$n-p" || fail "cannot create veth $n in $ns"
		ip -n "$ns" link set "$n-p" up
	done
}

assert_cmsh_fails() {
	local l=$1 lineno=$2 text=$3
	shift 3
	run cmsh "$l" "$@"
	[ "$RUN_RC" -eq 1 ] || fail "cmsh $*: exit status $RUN_RC, expected 1; stderr: $RUN_ERR"
	assert_contains "$RUN_ERR" "$text" "cmsh $*: error message"
	[[ $RUN_ERR == *"line $lineno: "* || $RUN_ERR == *":$lineno: '"* ]] ||
		fail "cmsh $*: stderr does not name line $lineno: $RUN_ERR"
}

CLI_EXIT=()
cli_on_exit() {
	CLI_EXIT+=("$1")
	trap cli_exit_hooks EXIT
}
cli_exit_hooks() {
	local rc=$? c
	for c in "${CLI_EXIT[@]}"; do
		eval "$c" || echo "cleanup: '$c' failed"
	done
	(exit "$rc")
	n2t_cleanup
}

# ---------------------------------------------------------------------------------------------
# Interactive cmsh under tmux. The tmux server is private to the test (socket in N2T_TMP), runs
# outside the namespaces (each pane enters one with ip netns exec) and is stopped by the cleanup
# (N2T_BG). Waiting polls the pane's text, the only event an interactive session shows, with a
# bound; never a fixed sleep.

N2T_TMUX=

tmux_() { tmux -S "$N2T_TMUX" "$@"; }

# tmux_start L NAME: a window NAME running an interactive cmsh for instance L (HOME is the
# test's directory, so ~/.cmsh_history is not the user's), 120x40.
tmux_start() {
	local l=$1 name=$2 cmd
	cmd="env HOME=$N2T_TMP TERM=xterm ip netns exec ${N2T_NS[$l]} $N2T_BIN/cmsh --rundir ${N2T_RUN[$l]}"
	if [ -z "$N2T_TMUX" ]; then
		N2T_TMUX=$N2T_TMP/tmux.sock
		tmux_ -f /dev/null new-session -d -s "$name" -x 120 -y 40 "$cmd"
		N2T_BG+=("$(tmux_ display-message -p '#{pid}')")
		tmux_ set-option -g history-limit 5000 >/dev/null
		tmux_ set-option -g remain-on-exit on >/dev/null
	else
		tmux_ new-session -d -s "$name" -x 120 -y 40 "$cmd"
	fi
}

# tmux_text NAME: the whole pane (history included), without trailing blanks or empty lines.
tmux_text() {
	tmux_ capture-pane -p -J -S - -t "$1" |
		awk '{ sub(/[[:space:]]+$/, ""); l[NR] = $0; if ($0 != "") last = NR }
		     END { for (i = 1; i <= last; i++) print l[i] }'
}

# tmux_expect NAME REGEX [AFTER]: waits until a line after line AFTER of the pane matches REGEX
# (extended); sets TM_LINENO and TM_LINE. Fails the test after N2T_WAIT seconds. A line typed
# at a prompt is on the prompt's own line: look for its echo after TM_LINENO - 1.
tmux_expect() {
	local name=$1 re=$2 after=${3:-0} deadline=$((SECONDS + N2T_WAIT)) out
	[ "$after" -ge 0 ] || after=0
	while :; do
		out=$(tmux_text "$name" | tail -n +"$((after + 1))" | grep -n -m1 -E -- "$re") || true
		if [ -n "$out" ]; then
			TM_LINENO=$((after + ${out%%:*}))
			TM_LINE=${out#*:}
			return 0
		fi
		[ "$SECONDS" -lt "$deadline" ] ||
			fail "tmux window $name: no line matching /$re/ after line $after within ${N2T_WAIT}s; the pane:
$(tmux_text "$name" | tail -n 25 | sed 's/^/  | /')"
		sleep 0.05 # the poll interval of the pane
	done
}

# tmux_lines NAME: number of lines in the pane so far (a mark for tmux_expect).
tmux_lines() { tmux_text "$1" | wc -l; }

# tmux_keys NAME KEYS...: tmux send-keys (literal text and key names such as Enter, Tab).
tmux_keys() {
	local name=$1
	shift
	tmux_ send-keys -t "$name" "$@"
}

# tmux_line NAME TEXT: types TEXT and Enter.
tmux_line() { tmux_ send-keys -t "$1" -l "$2" && tmux_ send-keys -t "$1" Enter; }

# tmux_stop: ends the tmux server (its cmsh panes get SIGHUP) and waits for them to exit.
tmux_stop() {
	[ -n "$N2T_TMUX" ] || return 0
	local pids p
	pids=$(tmux_ list-panes -a -F '#{pane_pid}' 2>/dev/null || true)
	tmux_ kill-server 2>/dev/null || true
	for p in $pids; do
		wait_pid_gone "$p" "$N2T_WAIT" || fail "cmsh pid $p still runs after its tmux ended"
	done
	N2T_TMUX=
}
