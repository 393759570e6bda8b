/* vrrpd's command table: every command of the paper (docs/cli.md), registered with cmdmgr by
 * vrrpd.c. Configuration commands are edits of the n2os-vrrp module (see lib/cmdreg.h for the
 * templates); exec commands (status, brief, statistics of each family) are answered by show.c,
 * given the process's context (the arg the table is registered with). */
#include "vrrpd.h"
#include "cmdreg.h"

#include <string.h>

#define G "/n2os-vrrp:vrrp/interface[name='{ifname}']/vrrp-instance[vrid='{2}']"
#define NG "/n2os-vrrp:vrrp/interface[name='{ifname}']/vrrp-instance[vrid='{3}']"
#define V4 G "/virtual-ipv4-addresses/virtual-ipv4-address"
#define NV4 NG "/virtual-ipv4-addresses/virtual-ipv4-address"
#define H_VRRP "Virtual Router Redundancy Protocol (VRRP)\nVirtual router ID (group)\n"
#define H_NO "Negate a command\n"

/* The family of a show from its syntax's second word: "show ip vrrp ...", "show ipv6 vrrp
 * ..." or "show vrrp ..." (both). */
static int show_family(const struct n2_cmd_args *a)
{
	if (!strncmp(a->syntax, "show ipv6 ", 10))
		return AF_INET6;
	return strncmp(a->syntax, "show ip ", 8) ? AF_UNSPEC : AF_INET;
}

static int exec_status(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_status(arg, out, a->json, 0, show_family(a));
}

static int exec_brief(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_status(arg, out, a->json, 1, show_family(a));
}

static int exec_stats(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_statistics(arg, out, a->json, show_family(a));
}

static int exec_object(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_object(arg, out, a->json);
}

#define SHOW "Show running system information\n"
#define SHOW_VRRP SHOW "IP information\nVRRP information (IPv4 virtual routers)\n"
#define SHOW_VRRP6 SHOW "IPv6 information\nVRRP information (IPv6 virtual routers)\n"
#define SHOW_VRRP46 SHOW "VRRP information (IPv4 and IPv6 virtual routers)\n"
#define H_STATUS "Every group in detail\nJSON output"
#define H_BRIEF "One line per group\nJSON output"
#define H_STATS "Packet counters (RFC 8347 names)\nJSON output"

const struct n2_cmd_def vrrp_commands[] = {
	{"exec", "show ip vrrp *status [json]", SHOW_VRRP H_STATUS, exec_status, {{0}}},
	{"exec", "show ip vrrp brief [json]", SHOW_VRRP H_BRIEF, exec_brief, {{0}}},
	{"exec", "show ip vrrp statistics [json]", SHOW_VRRP H_STATS, exec_stats, {{0}}},
	{"exec", "show ipv6 vrrp *status [json]", SHOW_VRRP6 H_STATUS, exec_status, {{0}}},
	{"exec", "show ipv6 vrrp brief [json]", SHOW_VRRP6 H_BRIEF, exec_brief, {{0}}},
	{"exec", "show ipv6 vrrp statistics [json]", SHOW_VRRP6 H_STATS, exec_stats, {{0}}},
	{"exec", "show vrrp [json]", SHOW_VRRP46 "JSON output", exec_status, {{0}}},
	{"exec", "show vrrp brief [json]", SHOW_VRRP46 H_BRIEF, exec_brief, {{0}}},
	{"exec", "show vrrp statistics [json]", SHOW_VRRP46 H_STATS, exec_stats, {{0}}},
	{"exec",
	 "show object [json]",
	 "Show running system information\nTracked objects (the Tracking Database)\nJSON output",
	 exec_object,
	 {{0}}},

	{"config",
	 "track <1-500> interface IFNAME line-protocol",
	 "Object tracking\nTrack object number\nTrack an interface\nInterface name\n"
	 "Its line protocol (up/down)",
	 NULL,
	 {{0, "/n2os-vrrp:vrrp/track[id='{2}']/interface", "{4}"}}},
	{"config",
	 "no track <1-500>",
	 H_NO "Object tracking\nTrack object number",
	 NULL,
	 {{1, "/n2os-vrrp:vrrp/track[id='{3}']", NULL}}},

	{"interface",
	 "vrrp <1-255> ip A.B.C.D [secondary]",
	 H_VRRP "Add an IPv4 virtual address\nVirtual IP address\n"
		"Listed after the addresses that are not secondary",
	 NULL,
	 {{0, V4 "[ipv4-address='{4}']", NULL},
	  {0, V4 "[ipv4-address='{4}']/secondary", "{5:true}"}}},
	{"interface",
	 "no vrrp <1-255> ip A.B.C.D [secondary]",
	 H_NO H_VRRP "Remove an IPv4 virtual address\nVirtual IP address\n"
		     "A secondary address",
	 NULL,
	 {{1, NV4 "[ipv4-address='{5}']", NULL}}},
	{"interface",
	 "vrrp <1-255> ipv6 X:X::X:X",
	 H_VRRP "Add an IPv6 virtual address (the IPv6 virtual router, VRRPv3)\n"
		"Virtual IPv6 address (fe80:: sets the virtual link-local one)",
	 NULL,
	 {{0, G "/virtual-ipv6-addresses/virtual-ipv6-address[ipv6-address='{4}']", NULL}}},
	{"interface",
	 "no vrrp <1-255> ipv6 X:X::X:X",
	 H_NO H_VRRP "Remove an IPv6 virtual address\nVirtual IPv6 address",
	 NULL,
	 {{1, NG "/virtual-ipv6-addresses/virtual-ipv6-address[ipv6-address='{5}']", NULL}}},
	{"interface",
	 "vrrp <1-255> priority <1-254>",
	 H_VRRP "Priority of this router in the group\nPriority (default 100)",
	 NULL,
	 {{0, G "/priority", "{4}"}}},
	{"interface",
	 "no vrrp <1-255> priority",
	 H_NO H_VRRP "Back to the default priority (100)",
	 NULL,
	 {{1, NG "/priority", NULL}}},
	{"interface",
	 "vrrp <1-255> timers advertise <1-255>",
	 H_VRRP "Timers\nAdvertisement interval\nSeconds (default 1)",
	 NULL,
	 {{0, G "/advertise-interval-sec", "{5}"}}},
	{"interface",
	 "vrrp <1-255> timers advertise msec <10-40950>",
	 H_VRRP "Timers\nAdvertisement interval\nIn milliseconds (VRRPv3 only)\n"
		"Milliseconds, a multiple of 10",
	 NULL,
	 {{0, G "/advertise-interval-msec", "{6}"}}},
	{"interface",
	 "no vrrp <1-255> timers advertise",
	 H_NO H_VRRP "Timers\nBack to the default interval (1 s)",
	 NULL,
	 {{1, NG "/advertise-interval-sec", NULL}, {1, NG "/advertise-interval-msec", NULL}}},
	{"interface",
	 "vrrp <1-255> preempt",
	 H_VRRP "Take over from a master of lower priority (the default)",
	 NULL,
	 {{0, G "/preempt/enabled", "true"}}},
	{"interface",
	 "no vrrp <1-255> preempt",
	 H_NO H_VRRP "Never take over from a working master",
	 NULL,
	 {{0, NG "/preempt/enabled", "false"}}},
	{"interface",
	 "vrrp <1-255> preempt delay <0-3600>",
	 H_VRRP "Take over from a master of lower priority (turns preemption on)\n"
		"Wait after start-up before preempting\nSeconds (default 0)",
	 NULL,
	 {{0, G "/preempt/hold-time", "{5}"}, {0, G "/preempt/enabled", "true"}}},
	{"interface",
	 "no vrrp <1-255> preempt delay",
	 H_NO H_VRRP "Preemption\nPreempt without waiting",
	 NULL,
	 {{1, NG "/preempt/hold-time", NULL}}},
	{"interface",
	 "vrrp <1-255> accept-mode",
	 H_VRRP "As master, accept packets addressed to the virtual addresses (RFC 9568)",
	 NULL,
	 {{0, G "/accept-mode", "true"}}},
	{"interface",
	 "no vrrp <1-255> accept-mode",
	 H_NO H_VRRP "Only the address owner accepts them (the default)",
	 NULL,
	 {{1, NG "/accept-mode", NULL}}},
	{"interface",
	 "vrrp <1-255> checksum-with-ipv4-pseudoheader",
	 H_VRRP "VRRPv3 over IPv4: the checksum covers the IPv4 pseudo-header too (RFC 5798 "
		"as keepalived and FRR read it)",
	 NULL,
	 {{0, G "/checksum-with-ipv4-pseudoheader", "true"}}},
	{"interface",
	 "no vrrp <1-255> checksum-with-ipv4-pseudoheader",
	 H_NO H_VRRP "Compute it as VRRPv2 does, without the pseudo-header",
	 NULL,
	 {{0, NG "/checksum-with-ipv4-pseudoheader", "false"}}},
	{"interface",
	 "vrrp <1-255> v2-compatible",
	 H_VRRP "VRRPv3 over IPv4: send and accept VRRPv2 advertisements too, while the LAN "
		"moves from v2 to v3 (RFC 9568 8.4.2)",
	 NULL,
	 {{0, G "/v2-compatible", "true"}}},
	{"interface",
	 "no vrrp <1-255> v2-compatible",
	 H_NO H_VRRP "VRRPv3 only (the default)",
	 NULL,
	 {{1, NG "/v2-compatible", NULL}}},
	{"interface",
	 "vrrp <1-255> authentication text WORD",
	 H_VRRP "Authenticate advertisements\nText password (RFC 3768 type 1)\n"
		"Password (at most 8 characters)",
	 NULL,
	 {{0, G "/authentication/text", "{5}"}}},
	{"interface",
	 "no vrrp <1-255> authentication",
	 H_NO H_VRRP "No authentication",
	 NULL,
	 {{1, NG "/authentication", NULL}}},
	{"interface",
	 "vrrp <1-255> track <1-500> decrement <1-254>",
	 H_VRRP "Lower the priority while a tracked object is down\nTrack object number\n"
		"Decrement the priority\nBy how much",
	 NULL,
	 {{0, G "/track/object[id='{4}']/priority-decrement", "{6}"}}},
	{"interface",
	 "no vrrp <1-255> track <1-500>",
	 H_NO H_VRRP "Stop tracking an object\nTrack object number",
	 NULL,
	 {{1, NG "/track/object[id='{5}']", NULL}}},
	{"interface",
	 "vrrp <1-255> garp count <1-20>",
	 H_VRRP "Gratuitous ARP on becoming master\nHow many per virtual address\n"
		"Count (default 3, one second apart)",
	 NULL,
	 {{0, G "/garp-count", "{5}"}}},
	{"interface",
	 "vrrp <1-255> version (2|3)",
	 H_VRRP "VRRP version of the IPv4 virtual router (IPv6 is always 3)\n"
		"VRRPv2 (RFC 3768, the default)\nVRRPv3 (RFC 9568)",
	 NULL,
	 {{0, G "/version", "vrrp-v{4}"}}},
	{"interface",
	 "no vrrp <1-255> version",
	 H_NO H_VRRP "Back to VRRPv2",
	 NULL,
	 {{1, NG "/version", NULL}}},
	{"interface", "no vrrp <1-255>", H_NO H_VRRP, NULL, {{1, NG, NULL}}},
};

const size_t vrrp_ncommands = sizeof(vrrp_commands) / sizeof(vrrp_commands[0]);
const char *const vrrp_modules[] = {"n2os-vrrp", NULL};
