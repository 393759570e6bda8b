/* vrrpd's command table: every command of the paper (docs/cli.md), registered with cmdmgr by
 * vrrpd.c. Configuration commands are edits of the n2os-vrrp module (see lib/cmdreg.h for the
 * templates); exec commands are answered by show.c, given the process's context (the arg the
 * table is registered with). */
#include "vrrpd.h"
#include "cmdreg.h"

#define G "/n2os-vrrp:vrrp/interface[name='{ifname}']/vrrp-instance[vrid='{2}']"
#define NG "/n2os-vrrp:vrrp/interface[name='{ifname}']/vrrp-instance[vrid='{3}']"
#define H_VRRP "Virtual Router Redundancy Protocol (VRRP)\nVirtual router ID (group)\n"
#define H_NO "Negate a command\n"

static int exec_status(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_status(arg, out, a->json, 0);
}

static int exec_brief(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_status(arg, out, a->json, 1);
}

static int exec_stats(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_statistics(arg, out, a->json);
}

static int exec_object(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	return show_object(arg, out, a->json);
}

#define SHOW_VRRP "Show running system information\nIP information\nVRRP information\n"

const struct n2_cmd_def vrrp_commands[] = {
	{"exec",
	 "show ip vrrp *status [json]",
	 SHOW_VRRP "Every group in detail\nJSON output",
	 exec_status,
	 {{0}}},
	{"exec",
	 "show ip vrrp brief [json]",
	 SHOW_VRRP "One line per group\nJSON output",
	 exec_brief,
	 {{0}}},
	{"exec",
	 "show ip vrrp statistics [json]",
	 SHOW_VRRP "Packet counters (RFC 8347 names)\nJSON output",
	 exec_stats,
	 {{0}}},
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
	 "vrrp <1-255> ip A.B.C.D",
	 H_VRRP "Set the virtual IP address\nVirtual IP address",
	 NULL,
	 {{0, G "/virtual-ipv4-addresses/virtual-ipv4-address[ipv4-address='{4}']", NULL}}},
	{"interface",
	 "no vrrp <1-255> ip A.B.C.D",
	 H_NO H_VRRP "Remove a virtual IP address\nVirtual IP address",
	 NULL,
	 {{1, NG "/virtual-ipv4-addresses/virtual-ipv4-address[ipv4-address='{5}']", NULL}}},
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
	 "no vrrp <1-255> timers advertise",
	 H_NO H_VRRP "Timers\nBack to the default interval (1 s)",
	 NULL,
	 {{1, NG "/advertise-interval-sec", NULL}}},
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
	 H_VRRP "VRRP version\nVRRPv2 (RFC 3768, the default)\nVRRPv3 (RFC 5798)",
	 NULL,
	 {{0, G "/version", "vrrp-v{4}"}}},
	{"interface", "no vrrp <1-255>", H_NO H_VRRP, NULL, {{1, NG, NULL}}},
};

const size_t vrrp_ncommands = sizeof(vrrp_commands) / sizeof(vrrp_commands[0]);
const char *const vrrp_modules[] = {"n2os-vrrp", NULL};
