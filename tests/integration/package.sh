#!/usr/bin/env bash
# integ_package: the Debian package end to end. Builds n2os_<version>_<arch>.deb
# (packaging/build-deb.sh, in a temporary directory), checks it with lintian when lintian is
# installed, installs it with dpkg -i, checks that every program's --help agrees with its man
# page, then in a fresh network namespace with a veth `eth1`: `n2os start` with no option runs
# the installed programs on /run/n2os and /etc/n2os; a VRRP group configured through cmsh
# becomes master; `write memory` saves /etc/n2os/n2os.conf, which the next start applies and a
# reinstall keeps; `n2os stop`; `dpkg --purge n2os` leaves nothing behind (the package's files,
# /etc/n2os, /run/n2os, /var/lib/n2os, the n2os group it created, systemd links, processes).
# Nothing the package holds, nor anything installed or running, is writable by others, not even
# RUNDIR/cmd.sock (docs/security.md).
#
# The package uses global paths, so the test refuses to run (skips, 77, saying why) on a machine
# where n2os is installed or has left files (/etc/n2os, /run/n2os, /usr/lib/n2os, ...), and in a
# sanitizer build (the package is built without sanitizers: the plain build's run covers it).
# Whatever happens, the EXIT trap stops the instance and purges the package.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUNDIR=/run/n2os
CONFDIR=/etc/n2os
POLICY=/usr/sbin/policy-rc.d
PKG_INSTALLED=0 # set before dpkg -i: from then on the cleanup purges
POLICY_OURS=0
NS=

skip() {
	echo "SKIP: $N2T_NAME: $*"
	exit 77
}

# ---- refuse to touch a machine that has its own n2os ----
# (before n2t_init, whose cleanup would report a skip as a failure)
grep -q '^N2OS_SANITIZE:BOOL=ON' "${1:-.}/../CMakeCache.txt" 2>/dev/null &&
	skip "sanitizer build; the package is built and tested by the plain build's run"
command -v dpkg >/dev/null || skip "no dpkg: not a Debian system"
if dpkg-query -W -f='${Status}' n2os 2>/dev/null | grep -qv 'not-installed'; then
	skip "a package n2os is installed (or its configuration is left): $(dpkg-query -W -f='${Status}' n2os)"
fi
for p in "$RUNDIR" "$CONFDIR" /var/lib/n2os /usr/lib/n2os /usr/share/n2os /usr/bin/n2os \
	/usr/bin/cmsh /usr/local/bin/n2os; do
	[ ! -e "$p" ] || skip "$p exists: an n2os is installed or has run on this machine"
done
if [ -d /run/systemd/system ]; then
	# postinst would start the service on the host: deny it the standard way
	[ ! -e "$POLICY" ] || skip "systemd runs here and $POLICY exists (the test needs its own)"
fi

n2t_init "$@"
GROUP_BEFORE=$(getent group n2os >/dev/null && echo yes || echo no)

pkg_cleanup() {
	local rc=$1 pid f killed=0
	if [ "$rc" -ne 0 ]; then
		for f in "$RUNDIR"/*.log; do
			echo "-- last lines of $f"
			tail -n 15 "$f" | sed 's/^/  | /'
		done
	fi
	if [ -n "$NS" ] && pid_alive "$(head -c 20 "$RUNDIR/procmgr.pid" 2>/dev/null | tr -dc 0-9)"; then
		echo "cleanup: stopping the installed n2os"
		timeout 90 ip netns exec "$NS" n2os stop >/dev/null 2>&1 || true
	fi
	if [ "$PKG_INSTALLED" = 1 ] &&
		dpkg-query -W -f='${Status}' n2os 2>/dev/null | grep -qv 'not-installed'; then
		echo "cleanup: purging the package"
		dpkg --purge n2os >/dev/null 2>&1 || echo "cleanup: dpkg --purge n2os failed"
	fi
	if [ "$POLICY_OURS" = 1 ]; then
		rm -f "$POLICY"
	fi
	# the harness kills whatever is left in the namespace (and fails the test) and deletes it
	for pid in $(pids_of_n2os); do
		echo "cleanup: killing $pid ($(pid_comm "$pid")) left outside the namespace"
		kill -KILL "$pid" 2>/dev/null || true
		killed=1
	done
	return "$killed"
}
trap 'rc=$?; trap - ERR; set +eE; pkg_cleanup $rc || rc=$((rc ? rc : 1)); (exit $rc); n2t_cleanup' EXIT

# Pids of every process running a program of the package (also once it has been deleted).
pids_of_n2os() {
	local d exe
	for d in /proc/[0-9]*; do
		exe=$(readlink "$d/exe" 2>/dev/null) || continue
		case $exe in
		/usr/lib/n2os/* | /usr/bin/n2os | /usr/bin/n2os\ * | /usr/bin/cmsh | /usr/bin/cmsh\ *)
			echo "${d#/proc/}" ;;
		esac
	done
}

# ---- build and check the package ----
say "building the package"
run "$ROOT/packaging/build-deb.sh" "$N2T_TMP/build"
[ "$RUN_RC" -eq 0 ] || fail "packaging/build-deb.sh exited $RUN_RC: $RUN_ERR"
DEB=$RUN_OUT
VERSION=$(dpkg-deb -f "$DEB" Version)
ARCH=$(dpkg-deb -f "$DEB" Architecture)
assert_eq "$(basename "$DEB")" "n2os_${VERSION}_${ARCH}.deb" "package file name"
assert_eq "$ARCH" "$(dpkg --print-architecture)" "package architecture"
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
for lib in adduser libnl-3-200 libnl-route-3-200 libprotobuf-c1 libyang2 libreadline8 libcap2; do
	assert_match "$DEPENDS" "(^|, )$lib( |,|$)" "Depends names $lib"
done
assert_eq "$(dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./conffiles)" "$CONFDIR/n2os.conf" \
	"conffiles"
# every path the package holds, and whether it existed before (shared directories such as /usr/bin)
mapfile -t PKG_PATHS < <(dpkg-deb --fsys-tarfile "$DEB" | tar -t | sed -e 's|^\./|/|' -e 's|/$||' |
	grep -v '^/\?$')
# nothing in it is writable by others (docs/security.md); links show lrwxrwxrwx and do not count
ww=$(dpkg-deb --fsys-tarfile "$DEB" | tar -tv | awk '$1 !~ /^l/ && substr($1, 9, 1) == "w" { print $NF }')
[ -z "$ww" ] || fail "the package holds entries writable by others: $ww"
declare -A EXISTED=()
for p in "${PKG_PATHS[@]}"; do
	[ -e "$p" ] || [ -L "$p" ] && EXISTED[$p]=1
done
for p in /usr/bin/n2os /usr/bin/cmsh /usr/lib/n2os/procmgr /usr/lib/n2os/vrrpd \
	/usr/share/n2os/yang/n2os-vrrp.yang /lib/systemd/system/n2os.service /etc/n2os/n2os.conf \
	/usr/share/man/man8/n2os.8.gz /usr/share/man/man1/cmsh.1.gz \
	/usr/share/man/man8/n2os-daemons.8.gz; do
	[[ " ${PKG_PATHS[*]} " == *" $p "* ]] || fail "the package does not hold $p"
done

if command -v lintian >/dev/null; then
	say "lintian"
	run lintian --fail-on error,warning "$DEB"
	[ "$RUN_RC" -eq 0 ] || fail "lintian reports (exit $RUN_RC): $RUN_OUT $RUN_ERR"
else
	say "lintian is not installed: not checked (apt-get install lintian)"
fi

# ---- install ----
if [ -d /run/systemd/system ]; then
	printf '#!/bin/sh\nexit 101\n' >"$POLICY"
	chmod 755 "$POLICY"
	POLICY_OURS=1
fi
say "dpkg -i $(basename "$DEB")"
PKG_INSTALLED=1
run env DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB"
if [ "$RUN_RC" -ne 0 ]; then
	say "dpkg -i exited $RUN_RC; apt-get install -f for the dependencies"
	run env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q
	[ "$RUN_RC" -eq 0 ] || fail "apt-get install -f exited $RUN_RC: $RUN_ERR"
fi
assert_eq "$(dpkg-query -W -f='${Status}' n2os)" "install ok installed" "package status"
getent group n2os >/dev/null || fail "postinst did not create the group n2os"
assert_eq "$(command -v n2os)" /usr/bin/n2os "n2os in PATH"
assert_eq "$(command -v cmsh)" /usr/bin/cmsh "cmsh in PATH"

# ---- --help agrees with the man page: the same long options ----
# man_opts PAGE: long options in the OPTIONS section of an installed man page.
man_opts() {
	zcat "/usr/share/man/$1" | sed -n '/^\.SH OPTIONS/,/^\.SH /p' |
		grep -oE '\\-\\-[a-z]([a-z]|\\-)*' | sed 's/\\//g' | sort -u | tr '\n' ' '
}
help_opts() { "$@" --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' '; }
say "--help and man pages"
# the processes of the built-in table, the one list of them
mapfile -t PROCS < <(/usr/lib/n2os/procmgr --confdir /nonexistent --list)
[ "${#PROCS[@]}" -gt 0 ] || fail "procmgr --list printed no process"
assert_eq "$(help_opts n2os)" "$(man_opts man8/n2os.8.gz)" "n2os --help vs n2os(8)"
assert_eq "$(help_opts cmsh)" "$(man_opts man1/cmsh.1.gz)" "cmsh --help vs cmsh(1)"
# procmgr's own options (--list, --table) follow "procmgr only:" in the same section
for d in procmgr "${PROCS[@]}"; do
	opts=$(man_opts man8/n2os-daemons.8.gz)
	[ "$d" = procmgr ] || opts=$(zcat /usr/share/man/man8/n2os-daemons.8.gz |
		sed -n '/^\.SH OPTIONS/,/^procmgr only:/p' | grep -oE '\\-\\-[a-z]([a-z]|\\-)*' |
		sed 's/\\//g' | sort -u | tr '\n' ' ')
	assert_eq "$(help_opts "/usr/lib/n2os/$d")" "$opts" "$d --help vs n2os-daemons(8)"
done
if command -v man >/dev/null; then
	for d in procmgr "${PROCS[@]}"; do
		assert_eq "$(man -w "$d")" /usr/share/man/man8/n2os-daemons.8.gz "man -w $d"
	done
	for page in n2os cmsh n2os-daemons; do
		run env MANWIDTH=80 man --warnings "$page"
		[ "$RUN_RC" -eq 0 ] && [ -z "$RUN_ERR" ] || fail "man $page: exit $RUN_RC: $RUN_ERR"
	done
else
	say "man is not installed: the pages are not rendered (apt-get install man-db)"
fi

# ---- run it, in a namespace of its own, with no option ----
inst_create pkg
NS=$(inst_ns pkg)
ip -n "$NS" link add eth1 type veth peer name peer1
ip -n "$NS" link set peer1 up
say "n2os start (installed, no option)"
run ip netns exec "$NS" n2os start
[ "$RUN_RC" -eq 0 ] || fail "n2os start exited $RUN_RC: ${RUN_ERR:-$RUN_OUT}"
assert_contains "$RUN_OUT" "started in $RUNDIR" "n2os start output"
PROCMGR=$(head -c 20 "$RUNDIR/procmgr.pid" | tr -dc 0-9)
assert_eq "$(readlink "/proc/$PROCMGR/exe")" /usr/lib/n2os/procmgr "procmgr program"
assert_eq "$(ip netns identify "$PROCMGR")" "$NS" "namespace of procmgr"
for d in "${PROCS[@]}"; do
	pid=$(head -c 20 "$RUNDIR/$d.pid" | tr -dc 0-9)
	assert_eq "$(readlink "/proc/$pid/exe")" "/usr/lib/n2os/$d" "program of $d"
done
run ip netns exec "$NS" n2os status
[ "$RUN_RC" -eq 0 ] || fail "n2os status exited $RUN_RC: $RUN_OUT $RUN_ERR"
assert_eq "$(stat -c '%a %G' "$RUNDIR/ipc.sock")" "660 n2os" "mode and group of ipc.sock"
assert_eq "$(stat -c '%a %G' "$RUNDIR/cmd.sock")" "660 n2os" "mode and group of cmd.sock"
ww=$(find "$RUNDIR" "$CONFDIR" /var/lib/n2os /usr/lib/n2os /usr/share/n2os -perm -o+w ! -type l 2>/dev/null |
	tr '\n' ' ')
assert_eq "$ww" "" "installed and running files writable by others"

say "a VRRP group through cmsh"
run ip netns exec "$NS" cmsh -c 'conf t' -c 'interface eth1' -c 'ip address 192.0.2.10/24' \
	-c 'vrrp 1 ip 192.0.2.1' -c end -c 'write memory'
[ "$RUN_RC" -eq 0 ] || fail "cmsh exited $RUN_RC: $RUN_OUT $RUN_ERR"
assert_contains "$RUN_OUT" "[OK]" "write memory"
expect_line "$RUNDIR/vrrpd.log" 'eth1 vrid 1: Backup -> Master'
run ip netns exec "$NS" cmsh -c 'show ip vrrp brief'
assert_match "$RUN_OUT" 'eth1 +1 Master +100 192\.0\.2\.1 ' "show ip vrrp brief"
assert_contains "$(ip -n "$NS" -4 -o addr show)" " 192.0.2.1/32 " "virtual address in the kernel"
CONF=$(cat "$CONFDIR/n2os.conf")
assert_contains "$CONF" $'interface eth1\n ip address 192.0.2.10/24\n vrrp 1 ip 192.0.2.1' \
	"$CONFDIR/n2os.conf after write memory"

say "n2os stop, start (the saved configuration comes back), stop"
run ip netns exec "$NS" n2os stop
[ "$RUN_RC" -eq 0 ] || fail "n2os stop exited $RUN_RC: $RUN_OUT $RUN_ERR"
wait_pid_gone "$PROCMGR" 10 || fail "procmgr still runs after n2os stop"
[ -z "$(ip -n "$NS" -4 -o addr show to 192.0.2.1/32)" ] || fail "virtual address left after stop"
run ip netns exec "$NS" n2os start
[ "$RUN_RC" -eq 0 ] || fail "second n2os start exited $RUN_RC: ${RUN_ERR:-$RUN_OUT}"
re="startup configuration $CONFDIR/n2os.conf: ([0-9]+) of ([0-9]+) lines applied"
[[ $RUN_OUT =~ $re ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] ||
	fail "second n2os start did not apply all of $CONFDIR/n2os.conf: $RUN_OUT $RUN_ERR"
run ip netns exec "$NS" n2os stop
[ "$RUN_RC" -eq 0 ] || fail "second n2os stop exited $RUN_RC: $RUN_OUT $RUN_ERR"

say "reinstall keeps the saved configuration (conffile)"
run env DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB"
[ "$RUN_RC" -eq 0 ] || fail "dpkg -i (reinstall) exited $RUN_RC: $RUN_ERR"
assert_eq "$(cat "$CONFDIR/n2os.conf")" "$CONF" "$CONFDIR/n2os.conf after a reinstall"

# ---- purge: nothing left ----
say "dpkg --purge n2os"
run dpkg --purge n2os
[ "$RUN_RC" -eq 0 ] || fail "dpkg --purge exited $RUN_RC: $RUN_ERR"
status=$(dpkg-query -W -f='${Status}' n2os 2>/dev/null || true)
[[ -z $status || $status == *not-installed ]] || fail "package status after purge: $status"
left=()
for p in "${PKG_PATHS[@]}"; do
	[ -n "${EXISTED[$p]:-}" ] && continue
	[ -e "$p" ] || [ -L "$p" ] && left+=("$p")
done
for p in "$RUNDIR" "$CONFDIR" /var/lib/n2os /etc/systemd/system/multi-user.target.wants/n2os.service \
	/var/lib/systemd/deb-systemd-helper-enabled/n2os.service.dsh-also \
	/var/lib/systemd/deb-systemd-helper-masked/n2os.service; do
	[ -e "$p" ] || [ -L "$p" ] && left+=("$p")
done
[ ${#left[@]} -eq 0 ] || fail "left behind by the purge: ${left[*]}"
GROUP_AFTER=$(getent group n2os >/dev/null && echo yes || echo no)
assert_eq "$GROUP_AFTER" "$GROUP_BEFORE" "group n2os after purge (before install: $GROUP_BEFORE)"
left=$(pids_of_n2os | tr '\n' ' ')
[ -z "$left" ] || fail "n2os processes still running: $left"
left=$(ip netns pids "$NS" | tr '\n' ' ')
[ -z "$left" ] || fail "processes still in $NS: $left"
PKG_INSTALLED=0
n2t_pass
