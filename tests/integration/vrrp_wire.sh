#!/usr/bin/env bash
# integ_vrrp_wire: what n2os puts on the wire, decoded by tshark's VRRP dissector from a capture
# on the bridge. r1 (200, two virtual IPs, text authentication) becomes Master, r2 (100) Backup;
# r1 resigns (`no vrrp 1`) and r2 takes over. Every advertisement: Ethernet source the virtual
# MAC 00:00:5e:00:01:01, destination 01:00:5e:00:00:12, IP 224.0.0.18, TTL 255, protocol 112,
# good IP and VRRP checksums, version 2, type 1, VRID 1, both addresses, auth type 1 with the
# password, interval 1; r1's at 200 then exactly one at 0, r2's at 100. Every gratuitous ARP: a
# broadcast request from the virtual MAC with sender = target = a virtual IP, three per address
# on each takeover (garp count 3).
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
command -v tshark >/dev/null || fail "'tshark' not found (run packaging/setup-deps.sh)"
command -v tcpdump >/dev/null || fail "'tcpdump' not found (run packaging/setup-deps.sh)"

vt_pair
pcap=$N2T_TMP/wire.pcap
capture_start "$pcap" 'vrrp or arp'

vrrp_cfg=('vrrp 1 ip 192.0.2.1' 'vrrp 1 ip 192.0.2.2' 'vrrp 1 authentication text n2ospass')
cm_if r1 eth1 'vrrp 1 priority 200' "${vrrp_cfg[@]}"
wait_state r1 Master
cm_if r2 eth1 "${vrrp_cfg[@]}"
wait_state r2 Backup
# three gratuitous ARPs one second apart: the fourth advertisement comes after the third
wait_stat r1 advertisement-sent 4
cm_if r1 eth1 'no vrrp 1'
wait_state r2 Master
wait_stat r2 advertisement-sent 5 # the capture then holds the fourth
capture_stop

say "decode $(tshark -r "$pcap" 2>/dev/null | wc -l) captured frames"
adv=$(tshark -r "$pcap" -o ip.check_checksum:TRUE -Y vrrp -T fields -E separator='|' \
	-e eth.src -e eth.dst -e ip.src -e ip.dst -e ip.ttl -e ip.proto -e ip.checksum.status \
	-e vrrp.version -e vrrp.type -e vrrp.virt_rtr_id -e vrrp.prio -e vrrp.addr_count \
	-e vrrp.auth_type -e vrrp.adver_int -e vrrp.checksum.status -e vrrp.ip_addr \
	-e vrrp.auth_string 2>/dev/null)
garp=$(tshark -r "$pcap" -Y arp -T fields -E separator='|' -e eth.src -e eth.dst -e arp.opcode \
	-e arp.src.hw_mac -e arp.src.proto_ipv4 -e arp.dst.proto_ipv4 2>/dev/null)
verdict=$(python3 - "$adv" "$garp" <<'PY'
import sys
adv = [l.split("|") for l in sys.argv[1].splitlines() if l]
garp = [l.split("|") for l in sys.argv[2].splitlines() if l]
errs = []
want = {"eth.src": "00:00:5e:00:01:01", "eth.dst": "01:00:5e:00:00:12", "ip.dst": "224.0.0.18",
        "ip.ttl": "255", "ip.proto": "112", "ip.checksum.status": "1", "vrrp.version": "2",
        "vrrp.type": "1", "vrrp.virt_rtr_id": "1", "vrrp.addr_count": "2", "vrrp.auth_type": "1",
        "vrrp.adver_int": "1", "vrrp.checksum.status": "1", "vrrp.ip_addr": "192.0.2.1,192.0.2.2",
        "vrrp.auth_string": "n2ospass"}
names = ["eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "ip.proto", "ip.checksum.status",
         "vrrp.version", "vrrp.type", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.addr_count",
         "vrrp.auth_type", "vrrp.adver_int", "vrrp.checksum.status", "vrrp.ip_addr",
         "vrrp.auth_string"]
prios = {}
for i, f in enumerate(adv):
    d = dict(zip(names, f))
    for k, v in want.items():
        if d.get(k) != v:
            errs.append(f"advertisement {i + 1} from {d.get('ip.src')}: {k} is {d.get(k)!r}, expected {v!r}")
    prios.setdefault(d.get("ip.src"), []).append(d.get("vrrp.prio"))
r1, r2 = prios.get("192.0.2.10", []), prios.get("192.0.2.20", [])
if len(r1) < 5 or r1[-1] != "0" or set(r1[:-1]) != {"200"}:
    errs.append(f"r1's priorities: {r1}, expected 200 (at least 4) then one 0")
if len(r2) < 4 or set(r2) != {"100"}:
    errs.append(f"r2's priorities: {r2}, expected 100 (at least 4)")
names = ["eth.src", "eth.dst", "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.proto_ipv4"]
g = [dict(zip(names, f)) for f in garp]
g = [d for d in g if d["arp.src.proto_ipv4"] in ("192.0.2.1", "192.0.2.2")]
for d in g:
    if (d["eth.src"], d["eth.dst"], d["arp.opcode"], d["arp.src.hw_mac"]) != \
            ("00:00:5e:00:01:01", "ff:ff:ff:ff:ff:ff", "1", "00:00:5e:00:01:01") or \
            d["arp.dst.proto_ipv4"] != d["arp.src.proto_ipv4"]:
        errs.append(f"gratuitous ARP {d} is not a broadcast request from the virtual MAC")
for vip in ("192.0.2.1", "192.0.2.2"):
    n = sum(d["arp.src.proto_ipv4"] == vip for d in g)
    if n != 6:
        errs.append(f"{n} gratuitous ARPs for {vip}, expected 6 (3 from each new master)")
print("\n".join(errs) if errs else f"ok: {len(adv)} advertisements (r1 {len(r1)}, r2 {len(r2)}), {len(g)} gratuitous ARPs")
PY
)
[[ $verdict == ok:* ]] || fail "the capture does not decode as expected:
$verdict"
say "$verdict"
inst_stop r2
inst_stop r1
n2t_pass
