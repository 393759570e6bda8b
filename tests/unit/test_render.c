/* Unit tests for show running-config (managers/cmdmgr/render.c): a libyang datastore with the
 * n2os modules (found in BUILD/share/n2os/yang, next to this program's ../share) is rendered
 * back to CLI text through the registered commands' edit templates: cmdmgr's real built-ins
 * (hostname, log) and pifmgr's, ribmgr's and vrrpd's real command tables, packed by lib/cmdreg.c
 * into the n2os.cmd.Register the processes send. The expected texts are written from the rules
 * (n2os-system first, then the other modules, then `interface X` blocks in natural order, `!`
 * between them), never copied from the output. Also: `no` commands never render, nodes without a
 * command are counted, and the running configuration saved in running.json comes back identical. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmdmgr.h"
#include "cmdreg.h"
#include "render.h"
#include "testutil.h"

/* The real tables (managers/pifmgr/config.c, managers/ribmgr/config.c,
 * protocols/vrrp/commands.c), declared here so that the test needs none of the processes'
 * headers. */
extern const struct n2_cmd_def pif_commands[], rib_commands[], vrrp_commands[];
extern const size_t pif_ncommands, rib_ncommands, vrrp_ncommands;
extern const char *const pif_modules[], *const rib_modules[], *const vrrp_modules[];

static struct ds ds;
static struct registry reg; /* cmdmgr's built-ins and the tables below */
static char dir[64];

/* Registers a table as process `owner` does (lib/cmdreg.c packs it, as n2_cmdreg_new sends it
 * in cmd.register); skip names a syntax to leave out. */
static void register_table(const char *owner, const char *module, const struct n2_cmd_def *t,
			   size_t n, const char *skip)
{
	struct n2_cmd_def *copy = calloc(n + 1, sizeof(*copy));
	size_t k = 0;
	assert_non_null(copy);
	for (size_t i = 0; i < n; i++)
		if (!skip || strcmp(t[i].syntax, skip))
			copy[k++] = t[i];
	const char *mods[] = {module, NULL};
	uint8_t *buf = NULL;
	size_t len = 0;
	assert_int_equal(n2_cmdreg_pack(mods, copy, k, &buf, &len), 0);
	char err[300] = "";
	if (reg_owner_table(&reg, owner, buf, len, err, sizeof(err)) < 0)
		fail_msg("table of %s refused: %s", owner, err);
	n2_cmdreg_pack_free(buf);
	free(copy);
}

static int group_setup(void **state)
{
	(void)state;
	tu_log_init("test_render");
	snprintf(dir, sizeof(dir), "/tmp/test_render.XXXXXX");
	assert_non_null(mkdtemp(dir));
	char err[512] = "";
	if (ds_open(&ds, dir, err, sizeof(err)) < 0)
		fail_msg("ds_open: %s", err);
	builtins_register(&reg);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	ds_close(&ds, 1);
	reg_fini(&reg);
	rmdir(dir);
	return 0;
}

/* Each test starts from the full tables of every owner. */
static int setup(void **state)
{
	(void)state;
	register_table("pifmgr", pif_modules[0], pif_commands, pif_ncommands, NULL);
	register_table("ribmgr", rib_modules[0], rib_commands, rib_ncommands, NULL);
	register_table("vrrpd", vrrp_modules[0], vrrp_commands, vrrp_ncommands, NULL);
	return 0;
}

/* Edits a tree the way a commit does (xpath and value already expanded). */
static void set(struct lyd_node **tree, const char *xpath, const char *value)
{
	char err[512] = "";
	if (ds_edit(&ds, tree, 0, xpath, value, err, sizeof(err)) < 0)
		fail_msg("set %s = %s: %s", xpath, value ? value : "", err);
}

static void del(struct lyd_node **tree, const char *xpath)
{
	char err[512] = "";
	if (ds_edit(&ds, tree, 1, xpath, NULL, err, sizeof(err)) < 0)
		fail_msg("delete %s: %s", xpath, err);
}

static void validate(struct lyd_node **tree)
{
	char err[512] = "";
	if (ds_validate(&ds, tree, err, sizeof(err)) < 0)
		fail_msg("validation: %s", err);
}

static char *render(const struct lyd_node *tree, int *unrendered)
{
	struct n2_buf b;
	n2_buf_init(&b);
	render_config(&reg, tree, &b, unrendered);
	char *s = strdup(n2_buf_str(&b));
	n2_buf_fini(&b);
	return s;
}

static void expect_render(const struct lyd_node *tree, const char *want, int want_unrendered)
{
	int unrendered = -1;
	char *got = render(tree, &unrendered);
	if (strcmp(got, want))
		fail_msg("rendered:\n%s\nexpected:\n%s", got, want);
	assert_int_equal(unrendered, want_unrendered);
	free(got);
}

#define IF "/n2os-interfaces:interfaces/interface[name='{ifname}']"
#define VRRP_G(ifn, id) "/n2os-vrrp:vrrp/interface[name='" ifn "']/vrrp-instance[vrid='" id "']"
#define V4(id, a) \
	VRRP_G("eth1", id) "/virtual-ipv4-addresses/virtual-ipv4-address[ipv4-address='" a "']"
#define V6(id, a) \
	VRRP_G("eth1", id) "/virtual-ipv6-addresses/virtual-ipv6-address[ipv6-address='" a "']"
#define SYS "/n2os-system:system"
#define LOGP(name) SYS "/logging/process[name='" name "']/level"
#define IFN(name) "/n2os-interfaces:interfaces/interface[name='" name "']"
#define ROUTE(p, nh) "/n2os-routing:routing/static/route[prefix='" p "'][next-hop='" nh "']"

static void test_empty(void **state)
{
	(void)state;
	expect_render(NULL, "!\nend\n", 0);
}

static void test_system(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, SYS "/hostname", "Router-1");
	set(&t, LOGP("vrrp"), "debug");
	set(&t, LOGP("pifmgr"), "info");
	validate(&t);
	expect_render(t,
		      "!\n"
		      "hostname Router-1\n"
		      "log vrrp priority debug\n"
		      "log pifmgr priority info\n"
		      "!\n"
		      "end\n",
		      0);
	/* changing a value replaces the line; deleting removes it */
	set(&t, SYS "/hostname", "R2");
	del(&t, SYS "/logging/process[name='vrrp']");
	validate(&t);
	expect_render(t, "!\nhostname R2\nlog pifmgr priority info\n!\nend\n", 0);
	lyd_free_all(t);
}

/* The hostname comes first even when it was configured last. */
static void test_hostname_first(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, LOGP("vrrp"), "warning");
	set(&t, SYS "/hostname", "Late");
	validate(&t);
	expect_render(t, "!\nhostname Late\nlog vrrp priority warning\n!\nend\n", 0);
	lyd_free_all(t);
}

static void test_full(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	/* the order of the edits is not the order of the text */
	set(&t, IFN("eth10") "/description", "to core");
	set(&t, ROUTE("198.51.100.0/24", "eth2"), NULL);
	set(&t, ROUTE("198.51.100.0/24", "eth2") "/distance", "20");
	set(&t, IFN("eth2") "/ipv4/address[ip='192.0.2.1/24']", NULL);
	set(&t, IFN("eth2") "/ipv4/address[ip='192.0.2.2/24']", NULL);
	set(&t, IFN("eth2") "/ipv4/address[ip='192.0.2.2/24']/secondary", "true");
	set(&t, IFN("eth2") "/enabled", "false");
	set(&t, IFN("eth2") "/mtu", "1400");
	set(&t, LOGP("vrrp"), "debug");
	/* host bits of a route's prefix are cleared by the YANG type */
	set(&t, ROUTE("203.0.113.5/25", "198.51.100.1"), NULL);
	set(&t, IFN("eth1") "/ipv6/address[ip='2001:db8::1/64']", NULL);
	set(&t, IFN("eth1") "/description", "Uplink to core (10G)");
	set(&t, SYS "/hostname", "R1");
	validate(&t);
	expect_render(t,
		      "!\n"
		      "hostname R1\n"
		      "log vrrp priority debug\n"
		      "!\n"
		      "ip route 198.51.100.0/24 eth2 20\n"
		      "ip route 203.0.113.0/25 198.51.100.1\n"
		      "!\n"
		      "interface eth1\n"
		      " description Uplink to core (10G)\n"
		      " ipv6 address 2001:db8::1/64\n"
		      "!\n"
		      "interface eth2\n"
		      " mtu 1400\n"
		      " shutdown\n"
		      " ip address 192.0.2.1/24\n"
		      " ip address 192.0.2.2/24 secondary\n"
		      "!\n"
		      "interface eth10\n"
		      " description to core\n"
		      "!\n"
		      "end\n",
		      0);
	/* `no shutdown`, `no ip address ... secondary`, `no description` as commits do them:
	 * what is back to its default is not shown, and an interface left with nothing goes */
	del(&t, IFN("eth2") "/enabled");
	del(&t, IFN("eth2") "/ipv4/address[ip='192.0.2.2/24']");
	del(&t, IFN("eth10") "/description");
	validate(&t);
	expect_render(t,
		      "!\n"
		      "hostname R1\n"
		      "log vrrp priority debug\n"
		      "!\n"
		      "ip route 198.51.100.0/24 eth2 20\n"
		      "ip route 203.0.113.0/25 198.51.100.1\n"
		      "!\n"
		      "interface eth1\n"
		      " description Uplink to core (10G)\n"
		      " ipv6 address 2001:db8::1/64\n"
		      "!\n"
		      "interface eth2\n"
		      " mtu 1400\n"
		      " ip address 192.0.2.1/24\n"
		      "!\n"
		      "end\n",
		      0);
	lyd_free_all(t);
}

/* A value equal to the default but set explicitly is still what the user typed. */
static void test_explicit_default(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, ROUTE("192.0.2.0/24", "198.51.100.1"), NULL);
	set(&t, ROUTE("192.0.2.0/24", "198.51.100.1") "/distance", "1");
	validate(&t);
	int unrendered = -1;
	char *got = render(t, &unrendered);
	/* either form is a faithful round trip; the route must be there exactly once */
	const char *line = strstr(got, "ip route 192.0.2.0/24 198.51.100.1");
	assert_non_null(line);
	assert_null(strstr(line + 1, "ip route"));
	assert_int_equal(unrendered, 0);
	free(got);
	lyd_free_all(t);
}

/* Nothing a `no` command would print: only the commands that set things render. */
static void test_no_commands_never_render(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, SYS "/hostname", "R1");
	set(&t, IFN("eth1") "/description", "x");
	set(&t, IFN("eth1") "/enabled", "false");
	set(&t, IFN("eth1") "/mtu", "9000");
	set(&t, IFN("eth1") "/ipv4/address[ip='192.0.2.1/24']", NULL);
	set(&t, ROUTE("192.0.2.0/24", "198.51.100.1"), NULL);
	set(&t, LOGP("vrrp"), "err");
	validate(&t);
	int unrendered = -1;
	char *got = render(t, &unrendered);
	for (const char *p = got; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != 0)) {
		const char *w = p + strspn(p, " ");
		if (!strncmp(w, "no ", 3))
			fail_msg("a `no` command was rendered:\n%s", got);
	}
	assert_non_null(strstr(got, " shutdown\n"));
	assert_non_null(strstr(got, " description x\n"));
	assert_non_null(strstr(got, " mtu 9000\n"));
	assert_int_equal(unrendered, 0);
	free(got);
	lyd_free_all(t);
}

/* Configuration no registered command can show (its process has not registered, or dropped a
 * command) is counted, not printed wrong. */
static void test_unrendered(void **state)
{
	(void)state;
	register_table("pifmgr", pif_modules[0], pif_commands, pif_ncommands, "mtu <68-65535>");
	struct lyd_node *t = NULL;
	set(&t, IFN("eth1") "/mtu", "1500");
	set(&t, IFN("eth1") "/description", "d");
	validate(&t);
	expect_render(t, "!\ninterface eth1\n description d\n!\nend\n", 1);
	lyd_free_all(t);
}

/* A presence container made by a command that sets a leaf inside it is shown by that command's
 * line and is not "without a command"; an empty one that no command makes is. */
static void test_presence_container(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t,
	    VRRP_G("eth1",
		   "7") "/virtual-ipv4-addresses/virtual-ipv4-address[ipv4-address='192.0.2.1']",
	    NULL);
	set(&t, VRRP_G("eth1", "7") "/authentication/text", "s3cret");
	validate(&t);
	expect_render(
		t,
		"!\ninterface eth1\n vrrp 7 ip 192.0.2.1\n vrrp 7 authentication text s3cret\n"
		"!\nend\n",
		0);
	/* with no command for the text, both the container's leaf is unrendered (1), and the
	 * container, which has a child, is not counted on top */
	register_table("vrrpd", vrrp_modules[0], vrrp_commands, vrrp_ncommands,
		       "vrrp <1-255> authentication text WORD");
	expect_render(t, "!\ninterface eth1\n vrrp 7 ip 192.0.2.1\n!\nend\n", 1);
	lyd_free_all(t);
}

/* A node a process's command opens (lib/cmdreg.h `enters`): its lines are printed indented under
 * the opening line, found through the opener's values ({^N}), blocks in natural order. The
 * table is a made-up one over n2os-vrrp's track list, in place of vrrpd's flat command. */
static void test_process_node(void **state)
{
	(void)state;
	static const struct n2_cmd_def tracks[] = {
		{"config",
		 "track <1-500>",
		 "Track object\nNumber",
		 NULL,
		 {{0, "/n2os-vrrp:vrrp/track[id='{2}']", NULL}},
		 "config-track"},
		{"config-track",
		 "interface IFNAME",
		 "Track an interface\nName",
		 NULL,
		 {{0, "/n2os-vrrp:vrrp/track[id='{^2}']/interface", "{2}"}}},
	};
	register_table("vrrpd", vrrp_modules[0], vrrp_commands, vrrp_ncommands,
		       "track <1-500> interface IFNAME line-protocol");
	register_table("trackd", "n2os-vrrp", tracks, 2, NULL);
	struct lyd_node *t = NULL;
	set(&t, "/n2os-vrrp:vrrp/track[id='10']/interface", "eth2");
	set(&t, "/n2os-vrrp:vrrp/track[id='9']/interface", "eth3");
	set(&t, SYS "/hostname", "r1");
	validate(&t);
	expect_render(t,
		      "!\nhostname r1\n!\ntrack 9\n interface eth3\n!\ntrack 10\n interface eth2\n"
		      "!\nend\n",
		      0);
	/* an opener that never renders (it deletes): the node's lines have no block, so they
	 * are not rendered, and counted */
	const struct n2_cmd_def lonely[] = {{"config",
					     "track <1-500>",
					     "Track object\nNumber",
					     NULL,
					     {{1, "/n2os-vrrp:vrrp/track[id='{2}']", NULL}},
					     "config-track"},
					    tracks[1]};
	register_table("trackd", "n2os-vrrp", lonely, 2, NULL);
	expect_render(t, "!\nhostname r1\n!\nend\n", 2);
	lyd_free_all(t);
}

/* Every setting of vrrpd's table comes back as the command that made it: track objects with the
 * module's global lines, a group's settings in its interface block in the YANG module's order,
 * `no vrrp N preempt` for the non-default value it sets, `version 3` from "vrrp-v3". */
static void test_vrrp(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, "/n2os-vrrp:vrrp/track[id='4']/interface", "eth2");
	set(&t, VRRP_G("eth1", "1") "/track/object[id='4']/priority-decrement", "20");
	set(&t, VRRP_G("eth1", "1") "/garp-count", "5");
	set(&t, VRRP_G("eth1", "1") "/authentication/text", "s3cret");
	set(&t, VRRP_G("eth1", "1") "/advertise-interval-sec", "3");
	set(&t, VRRP_G("eth1", "1") "/preempt/enabled", "false");
	set(&t, VRRP_G("eth1", "1") "/priority", "200");
	set(&t, VRRP_G("eth1", "1") "/version", "vrrp-v3");
	set(&t,
	    VRRP_G("eth1",
		   "1") "/virtual-ipv4-addresses/virtual-ipv4-address[ipv4-address='192.0.2.1']",
	    NULL);
	set(&t, VRRP_G("eth0", "9") "/priority", "50");
	validate(&t);
	expect_render(t,
		      "!\n"
		      "track 4 interface eth2 line-protocol\n"
		      "!\n"
		      "interface eth0\n"
		      " vrrp 9 priority 50\n"
		      "!\n"
		      "interface eth1\n"
		      " vrrp 1 ip 192.0.2.1\n"
		      " vrrp 1 version 3\n"
		      " vrrp 1 priority 200\n"
		      " no vrrp 1 preempt\n"
		      " vrrp 1 timers advertise 3\n"
		      " vrrp 1 authentication text s3cret\n"
		      " vrrp 1 garp count 5\n"
		      " vrrp 1 track 4 decrement 20\n"
		      "!\n"
		      "end\n",
		      0);
	lyd_free_all(t);
}

/* The VRRPv3 commands come back as typed: secondary addresses with their keyword, IPv6
 * addresses, the interval in msec, preempt delay before `no vrrp N preempt` (the delay command
 * turns preemption on, so this order reads back the same), accept mode, the checksum switch
 * on (its default is off). */
static void test_vrrp3(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, VRRP_G("eth1", "5") "/version", "vrrp-v3");
	set(&t, VRRP_G("eth1", "5") "/advertise-interval-msec", "50");
	set(&t, V4("5", "192.0.2.1"), NULL);
	set(&t, V4("5", "192.0.2.2") "/secondary", "true");
	set(&t, V6("5", "fe80::1"), NULL);
	set(&t, VRRP_G("eth1", "5") "/preempt/enabled", "false");
	set(&t, VRRP_G("eth1", "5") "/preempt/hold-time", "30");
	set(&t, VRRP_G("eth1", "5") "/accept-mode", "true");
	set(&t, VRRP_G("eth1", "5") "/checksum-with-ipv4-pseudoheader", "true");
	set(&t, VRRP_G("eth1", "5") "/v2-compatible", "true");
	validate(&t);
	expect_render(t,
		      "!\n"
		      "interface eth1\n"
		      " vrrp 5 ip 192.0.2.1\n"
		      " vrrp 5 ip 192.0.2.2 secondary\n"
		      " vrrp 5 ipv6 fe80::1\n"
		      " vrrp 5 version 3\n"
		      " vrrp 5 preempt delay 30\n"
		      " no vrrp 5 preempt\n"
		      " vrrp 5 accept-mode\n"
		      " vrrp 5 checksum-with-ipv4-pseudoheader\n"
		      " vrrp 5 v2-compatible\n"
		      " vrrp 5 timers advertise msec 50\n"
		      "!\n"
		      "end\n",
		      0);
	lyd_free_all(t);
}

static void refused(struct lyd_node **t, const char *want)
{
	char err[512] = "";
	assert_int_equal(ds_validate(&ds, t, err, sizeof(err)), -1);
	if (!strstr(err, want))
		fail_msg("refused with '%s', expected '%s'", err, want);
}

/* What n2os-vrrp refuses at commit, with its reason: msec for a VRRPv2 IPv4 group, msec not a
 * multiple of 10, more than 40 s for VRRPv3, a 17th virtual address of a family. */
static void test_vrrp3_refused(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, V4("5", "192.0.2.1"), NULL);
	set(&t, VRRP_G("eth1", "5") "/advertise-interval-msec", "100");
	refused(&t, "timers advertise msec is VRRPv3 only");
	set(&t, VRRP_G("eth1", "5") "/version", "vrrp-v3");
	validate(&t);
	set(&t, VRRP_G("eth1", "5") "/advertise-interval-msec", "105");
	refused(&t, "multiple of 10");
	set(&t, VRRP_G("eth1", "5") "/advertise-interval-msec", "100");
	set(&t, VRRP_G("eth1", "5") "/advertise-interval-sec", "41");
	refused(&t, "at most every 40.95 s");
	set(&t, VRRP_G("eth1", "5") "/advertise-interval-sec", "40");
	validate(&t);
	for (int i = 0; i < 16; i++) {
		char x[200];
		snprintf(x, sizeof(x), V6("5", "2001:db8::%d"), i + 1);
		set(&t, x, NULL);
	}
	validate(&t);
	set(&t, V6("5", "fe80::1"), NULL);
	refused(&t, "at most 16 IPv6 virtual addresses");
	lyd_free_all(t);
}

/* Found by fuzz_startup: `vrrp 7 preempt` alone (a value set to its default) makes group 7, and
 * vrrpd runs it; show running-config printed nothing for it, so write memory lost the group. A
 * value set to its default is shown when nothing else shows its list entry, and only then. */
static void test_default_alone_keeps_its_entry(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, VRRP_G("eth1", "7") "/preempt/enabled", "true");
	set(&t, VRRP_G("eth1", "8") "/preempt/enabled", "true");
	set(&t, VRRP_G("eth1", "8") "/priority", "100");
	set(&t, VRRP_G("eth2", "9") "/priority",
	    "100"); /* with a setting: the default stays hidden */
	set(&t, VRRP_G("eth2", "9") "/advertise-interval-sec", "2");
	validate(&t);
	expect_render(t,
		      "!\n"
		      "interface eth1\n"
		      " vrrp 7 preempt\n"
		      " vrrp 8 priority 100\n"
		      " vrrp 8 preempt\n"
		      "!\n"
		      "interface eth2\n"
		      " vrrp 9 timers advertise 2\n"
		      "!\n"
		      "end\n",
		      0);
	lyd_free_all(t);
}

/* When two commands of one table could show a node, the one registered first does (what
 * render.c promises, for owner tables as for built-ins). */
static void test_first_registered_wins(void **state)
{
	(void)state;
	static const struct n2_cmd_def t2[] = {
		{"interface",
		 "description LINE",
		 "Description\nText",
		 NULL,
		 {{0, IF "/description", "{2}"}}},
		{"interface", "alias LINE", "Alias\nText", NULL, {{0, IF "/description", "{2}"}}},
	};
	register_table("pifmgr", "n2os-interfaces", t2, 2, NULL);
	struct lyd_node *t = NULL;
	set(&t, IFN("eth1") "/description", "d");
	validate(&t);
	expect_render(t, "!\ninterface eth1\n description d\n!\nend\n", 0);
	lyd_free_all(t);
}

/* running.json written at each commit gives the same configuration to a restarted cmdmgr. */
static void test_running_json_restored(void **state)
{
	(void)state;
	struct lyd_node *t = NULL;
	set(&t, SYS "/hostname", "Saved");
	set(&t, LOGP("ribmgr"), "notice");
	set(&t, IFN("eth1") "/ipv4/address[ip='192.0.2.1/24']", NULL);
	set(&t, ROUTE("203.0.113.0/24", "192.0.2.254"), NULL);
	validate(&t);
	char *before = render(t, NULL);
	ds_commit(&ds, t); /* takes t */
	ds_close(&ds, 0);
	char err[512] = "";
	if (ds_open(&ds, dir, err, sizeof(err)) < 0)
		fail_msg("ds_open again: %s", err);
	assert_non_null(ds.running);
	char *after = render(ds.running, NULL);
	assert_string_equal(after, before);
	free(before);
	free(after);
	/* and the modules' JSON (what owners are sent) is there */
	char *js = ds_module_json(ds.running, "n2os-routing");
	assert_non_null(strstr(js, "203.0.113.0/24"));
	free(js);
	js = ds_module_json(ds.running, "n2os-interfaces");
	assert_non_null(strstr(js, "192.0.2.1/24"));
	free(js);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_system, setup),
		cmocka_unit_test_setup(test_hostname_first, setup),
		cmocka_unit_test_setup(test_full, setup),
		cmocka_unit_test_setup(test_explicit_default, setup),
		cmocka_unit_test_setup(test_no_commands_never_render, setup),
		cmocka_unit_test_setup(test_unrendered, setup),
		cmocka_unit_test_setup(test_presence_container, setup),
		cmocka_unit_test_setup(test_vrrp, setup),
		cmocka_unit_test_setup(test_process_node, setup),
		cmocka_unit_test_setup(test_vrrp3, setup),
		cmocka_unit_test_setup(test_vrrp3_refused, setup),
		cmocka_unit_test_setup(test_default_alone_keeps_its_entry, setup),
		cmocka_unit_test_setup(test_first_registered_wins, setup),
		cmocka_unit_test_setup(test_running_json_restored, setup),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
