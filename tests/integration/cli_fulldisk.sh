# integ_cli_fulldisk: `write memory` on a full disk keeps the old startup configuration. The
# configuration directory is a 64 KiB tmpfs, mounted in a mount namespace of the test's own (the
# script re-runs itself under `unshare -m`, so nothing is mounted on the machine); cmdmgr sees it
# because `ip netns exec` copies the test's mounts. Once the tmpfs is full, `write memory` fails
# with the kernel's reason, the old file is byte for byte what it was, no temporary file is left,
# and cmdmgr runs on with its running configuration; with room again the save succeeds.
if [ -z "${N2T_MOUNT_NS:-}" ]; then
	N2T_MOUNT_NS=1 exec unshare --mount --propagation private bash "$0" "$@"
fi
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
conf=${N2T_CONF[a]}
mount -t tmpfs -o size=64k,mode=0755 n2t-conf "$conf" || fail "cannot mount a tmpfs on $conf"
cli_on_exit "umount '$conf'"
inst_start a

say "save on a disk with room"
run cmsh a -c 'configure terminal' -c 'hostname Disk-1' -c 'end' -c 'write memory'
[ "$RUN_RC" -eq 0 ] || fail "first write memory exited $RUN_RC: $RUN_ERR"
assert_contains "$RUN_OUT" "[OK]" "first write memory"
cp "$conf/n2os.conf" "$N2T_TMP/saved.conf"

say "fill the disk"
dd if=/dev/zero of="$conf/fill" bs=4k 2>/dev/null && fail "dd filled a 64 KiB tmpfs without error"
[ "$(df --output=avail "$conf" | tail -n 1 | tr -d ' ')" -eq 0 ] || fail "$conf is not full"

say "write memory on the full disk"
run cmsh a -c 'configure terminal' -c 'hostname Disk-2' -c 'end' -c 'write memory'
[ "$RUN_RC" -eq 1 ] || fail "write memory on a full disk exited $RUN_RC, expected 1: $RUN_OUT"
assert_contains "$RUN_ERR" \
	"% Cannot save the configuration: $conf/n2os.conf: No space left on device (the saved configuration is unchanged)" \
	"write memory on a full disk"
assert_contains "$RUN_ERR" "cmsh: line 4: 'write memory' failed" "write memory on a full disk"
cmp -s "$N2T_TMP/saved.conf" "$conf/n2os.conf" ||
	fail "the startup configuration changed: $(diff "$N2T_TMP/saved.conf" "$conf/n2os.conf")"
[ ! -e "$conf/n2os.conf.tmp" ] || fail "write memory left $conf/n2os.conf.tmp behind"
assert_up a
show_run a
assert_contains "$SHOWRUN" "hostname Disk-2" "running configuration after the failed save"

say "room again: the save succeeds"
rm -f "$conf/fill"
run cmsh a -c 'write memory'
[ "$RUN_RC" -eq 0 ] || fail "write memory with room again exited $RUN_RC: $RUN_ERR"
grep -qx 'hostname Disk-2' "$conf/n2os.conf" || fail "n2os.conf lacks the new hostname: $(cat "$conf/n2os.conf")"

inst_stop a
n2t_pass
