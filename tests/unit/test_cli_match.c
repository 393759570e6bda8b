/* Unit tests for line matching, completion and help (managers/cmdmgr/cli_match.c) against a
 * realistic command table (the exec, config and interface nodes of the paper): unique-prefix
 * abbreviation, ambiguity, incomplete commands, the caret offset of invalid input, ranges,
 * `no` forms, keyword over WORD, exact over partial, LINE, typed tokens, TAB completion lists
 * and '?' help lists with <cr>, and the router-style error texts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_match.h"

#define MAX_CMDS 40

struct table {
	size_t n;
	struct cli_cmd cmds[MAX_CMDS];
	const struct cli_cmd *ptrs[MAX_CMDS];
};

static struct table exec_t, config_t, if_t;

/* helps: '\n'-separated, one per token (parsed in place from a copy kept for the table's life) */
static void add(struct table *t, const char *syntax, const char *helps)
{
	const char *lines[CLI_MAX_TOKENS];
	size_t nl = 0;
	char *copy = strdup(helps ? helps : "");
	for (char *save, *l = strtok_r(copy, "\n", &save); l && nl < CLI_MAX_TOKENS;
	     l = strtok_r(NULL, "\n", &save))
		lines[nl++] = l;
	assert_true(t->n < MAX_CMDS);
	struct cli_cmd *c = &t->cmds[t->n];
	char err[200];
	if (cli_syntax_parse(&c->syn, syntax, lines, nl, err, sizeof(err)) < 0)
		fail_msg("table syntax '%s': %s", syntax, err);
	c->syntax = syntax;
	c->data = copy; /* freed at teardown */
	t->ptrs[t->n] = c;
	t->n++;
}

static const char *LEVELS = "(emerg|alert|crit|err|warning|notice|info|debug)";

static int setup(void **state)
{
	(void)state;
	add(&exec_t, "configure terminal", "Enter configuration mode\nFrom this terminal");
	add(&exec_t, "copy running-config startup-config", "Copy\nRunning\nStartup");
	add(&exec_t, "disable", "Turn off privileged commands");
	add(&exec_t, "exit", "Exit the shell");
	add(&exec_t, "show running-config", "Show\nThe running configuration");
	add(&exec_t, "show startup-config", "Show\nThe startup configuration");
	add(&exec_t, "show version", "Show\nVersion");
	add(&exec_t, "show history", "Show\nHistory");
	add(&exec_t, "show processes [json]", "Show\nProcesses\nJSON output");
	add(&exec_t, "show memory WORD [json]", "Show\nMemory\nProcess name\nJSON output");
	add(&exec_t, "show log WORD", "Show\nLog\nProcess name");
	add(&exec_t, "show ip vrrp status [json]", "Show\nIPv4\nVRRP\nGroups\nJSON output");
	add(&exec_t, "show ip route [json]", "Show\nIPv4\nRoutes\nJSON output");
	add(&exec_t, "show ipv6 route [json]", "Show\nIPv6\nRoutes\nJSON output");
	add(&exec_t, "show interface [json]", "Show\nInterfaces\nJSON output");
	add(&exec_t, "show interface IFNAME [json]", "Show\nInterfaces\nName\nJSON output");
	add(&exec_t, "show ip interface brief [json]",
	    "Show\nIPv4\nInterfaces\nBrief\nJSON output");
	add(&exec_t, "show object", "Show\nTracked objects");
	add(&exec_t, "terminal length <0-512>", "Terminal\nLines per page\nLines");
	add(&exec_t, "write memory", "Write\nTo the startup configuration");
	add(&exec_t, "write terminal", "Write\nTo this terminal");
	add(&exec_t, "ping A.B.C.D", "Ping\nIPv4 address");
	add(&exec_t, "ping ipv6 X:X::X:X", "Ping\nIPv6\nIPv6 address");

	char log[128];
	snprintf(log, sizeof(log), "log WORD priority %s", LEVELS);
	add(&config_t, "exit", "Leave configuration mode");
	add(&config_t, "end", "Return to the exec node");
	add(&config_t, "do LINE", "Run an exec command\nThe exec command");
	add(&config_t, "interface IFNAME", "Configure an interface\nInterface name");
	add(&config_t, "hostname WORD", "Set the name\nThe name");
	add(&config_t, "no hostname", "Negate a command\nThe name");
	add(&config_t, strdup(log),
	    "Logging control\nProcess name\nLog level\nEmergencies\nImmediate action needed\n"
	    "Critical conditions\nError conditions\nWarning conditions\nNormal but significant\n"
	    "Informational messages\nDebugging messages");
	add(&config_t, "no log WORD priority", "Negate a command\nLogging\nProcess\nLevel");
	add(&config_t, "track <1-255> interface IFNAME line-protocol",
	    "Track\nObject number\nInterface\nName\nLine protocol state");
	add(&config_t, "no track <1-255>", "Negate a command\nTrack\nObject number");
	/* ipv6 before ip on purpose: the ambiguity of "i" must not depend on the order */
	add(&config_t, "ipv6 route X:X::X:X/M X:X::X:X", "IPv6\nRoute\nPrefix\nGateway");
	add(&config_t, "ip route A.B.C.D/M (A.B.C.D|IFNAME) [<1-255>]",
	    "IPv4\nStatic route\nPrefix\nGateway address\nInterface\nDistance");
	add(&config_t, "no ip route A.B.C.D/M (A.B.C.D|IFNAME)",
	    "Negate a command\nIPv4\nStatic route\nPrefix\nGateway address\nInterface");

	add(&if_t, "exit", "Leave the interface node");
	add(&if_t, "end", "Return to the exec node");
	add(&if_t, "do LINE", "Run an exec command\nThe exec command");
	add(&if_t, "shutdown", "Shut the interface down");
	add(&if_t, "no shutdown", "Negate a command\nShut the interface down");
	add(&if_t, "description LINE", "Interface description\nText");
	add(&if_t, "no description", "Negate a command\nInterface description");
	add(&if_t, "mtu <68-65535>", "MTU\nBytes");
	add(&if_t, "ip address A.B.C.D/M [secondary]", "IPv4\nAddress\nPrefix\nSecondary");
	add(&if_t, "ipv6 address X:X::X:X/M", "IPv6\nAddress\nPrefix");
	add(&if_t, "vrrp <1-255> ip A.B.C.D", "VRRP\nGroup\nVirtual IP\nAddress");
	add(&if_t, "no vrrp <1-255> ip A.B.C.D", "Negate\nVRRP\nGroup\nVirtual IP\nAddress");
	add(&if_t, "vrrp <1-255> priority <1-254>", "VRRP\nGroup\nPriority\nPriority value");
	add(&if_t, "vrrp <1-255> preempt", "VRRP\nGroup\nPreemption");
	add(&if_t, "no vrrp <1-255> preempt", "Negate\nVRRP\nGroup\nPreemption");
	add(&if_t, "vrrp <1-255> timers advertise <1-255>", "VRRP\nGroup\nTimers\nAdvert\nSeconds");
	add(&if_t, "vrrp <1-255> authentication text WORD", "VRRP\nGroup\nAuth\nText\nPassword");
	add(&if_t, "no vrrp <1-255> authentication", "Negate\nVRRP\nGroup\nAuth");
	add(&if_t, "vrrp <1-255> track <1-255> decrement <1-254>",
	    "VRRP\nGroup\nTrack\nObject\nDecrement\nValue");
	add(&if_t, "no vrrp <1-255> track <1-255>", "Negate\nVRRP\nGroup\nTrack\nObject");
	add(&if_t, "no vrrp <1-255>", "Negate\nVRRP\nGroup");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	struct table *all[] = {&exec_t, &config_t, &if_t};
	for (int t = 0; t < 3; t++)
		for (size_t i = 0; i < all[t]->n; i++)
			free(all[t]->cmds[i].data);
	free((char *)config_t.cmds[6].syntax); /* the strdup'ed log syntax */
	return 0;
}

static struct cli_match m;

static void match(const struct table *t, const char *line)
{
	cli_match_line(t->ptrs, t->n, line, &m);
}

/* The line matches the command registered with `syntax`. */
static void expect_cmd(const struct table *t, const char *line, const char *syntax)
{
	match(t, line);
	if (m.result != CLI_OK)
		fail_msg("'%s': result %d (detail '%s'), expected '%s'", line, m.result, m.detail,
			 syntax);
	assert_string_equal(m.cmd->syntax, syntax);
}

static void expect_result(const struct table *t, const char *line, enum cli_result r, size_t offset)
{
	match(t, line);
	if (m.result != r)
		fail_msg("'%s': result %d, expected %d (matched '%s')", line, m.result, r,
			 m.cmd ? m.cmd->syntax : "");
	if (r == CLI_INVALID || r == CLI_OUT_OF_RANGE || r == CLI_AMBIGUOUS)
		assert_int_equal(m.err_offset, offset);
}

static void test_split(void **state)
{
	(void)state;
	struct cli_words w;
	assert_int_equal(cli_split("  conf   t ", &w), 0);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.w[0], "conf");
	assert_string_equal(w.w[1], "t");
	assert_int_equal(w.off[0], 2);
	assert_int_equal(w.off[1], 9);
	assert_int_equal(w.trailing_space, 1);
	assert_int_equal(cli_split("conf\tt", &w), 0);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.trailing_space, 0);
	char big[CLI_LINE_MAX + 2];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 2] = 0; /* exactly CLI_LINE_MAX characters: one word */
	assert_int_equal(cli_split(big, &w), 0);
	assert_int_equal(w.n, 1);
	big[sizeof(big) - 2] = 'a';
	big[sizeof(big) - 1] = 0;
	assert_int_equal(cli_split(big, &w), -1);
	char words[2 * CLI_MAX_WORDS + 3] = "";
	for (int i = 0; i <= CLI_MAX_WORDS; i++)
		strcat(words, "a ");
	assert_int_equal(cli_split(words, &w), -2);
}

static void test_abbreviation(void **state)
{
	(void)state;
	expect_cmd(&exec_t, "conf t", "configure terminal");
	assert_string_equal(m.values[0], "configure"); /* keywords in full */
	assert_string_equal(m.values[1], "terminal");
	expect_cmd(&exec_t, "sh ip vrrp st", "show ip vrrp status [json]");
	assert_string_equal(m.values[3], "status");
	assert_string_equal(m.values[4], "");
	expect_cmd(&exec_t, "sh ip vr st j", "show ip vrrp status [json]");
	assert_string_equal(m.values[4], "json");
	expect_cmd(&exec_t, "  sh   run  ", "show running-config");
	expect_cmd(&exec_t, "wr m", "write memory");
	expect_cmd(&exec_t, "copy r s", "copy running-config startup-config");
	expect_cmd(&config_t, "int eth1", "interface IFNAME");
	assert_string_equal(m.values[1], "eth1");
	expect_cmd(&config_t, "ho Router-1", "hostname WORD");
	assert_string_equal(m.values[1], "Router-1");
	/* an alternative is abbreviated too, and fills the group's one slot in full */
	expect_cmd(&config_t, "log vrrp pri deb", config_t.cmds[6].syntax);
	assert_string_equal(m.values[1], "vrrp");
	assert_string_equal(m.values[3], "debug");
	assert_string_equal(m.values[4], "");
}

static void test_ambiguous(void **state)
{
	(void)state;
	expect_result(&exec_t, "c", CLI_AMBIGUOUS, 0);
	assert_string_equal(m.detail, "configure, copy");
	expect_result(&exec_t, "show i", CLI_AMBIGUOUS, 5);
	assert_string_equal(m.detail, "ip, ipv6, interface");
	expect_cmd(&exec_t, "show s", "show startup-config"); /* the only s... after show */
	expect_result(&if_t, "vrrp 1 p 100", CLI_AMBIGUOUS, 7);
	assert_string_equal(m.detail, "priority, preempt");
	expect_result(&config_t, "i", CLI_AMBIGUOUS, 0);
	assert_string_equal(m.detail, "interface, ipv6, ip");
	/* "i" could be ip or ipv6 whatever the registration order (ipv6 first here), even when
	 * the rest of the line fits only one of them */
	struct table r = {0};
	add(&r, "ipv6 route X:X::X:X/M X:X::X:X", NULL);
	add(&r, "ip route A.B.C.D/M A.B.C.D", NULL);
	expect_result(&r, "i route 2001:db8::/32 2001:db8::1", CLI_AMBIGUOUS, 0);
	assert_string_equal(m.detail, "ipv6, ip");
	expect_cmd(&r, "ip route 192.0.2.0/24 198.51.100.1", "ip route A.B.C.D/M A.B.C.D");
	free(r.cmds[0].data);
	free(r.cmds[1].data);
	/* status and statistics both start with "st": the preferred keyword (*status, as vrrpd
	 * registers it) settles the paper's "sh ip vrrp st"; without a preference it is ambiguous
	 */
	struct table p = {0};
	add(&p, "show ip vrrp *status [json]", NULL);
	add(&p, "show ip vrrp statistics [json]", NULL);
	expect_cmd(&p, "sh ip vrrp st", "show ip vrrp *status [json]");
	assert_string_equal(m.values[3], "status");
	expect_cmd(&p, "sh ip vrrp stati", "show ip vrrp statistics [json]");
	expect_cmd(&p, "sh ip vrrp st json", "show ip vrrp *status [json]");
	struct table q = {0};
	add(&q, "show ip vrrp status [json]", NULL);
	add(&q, "show ip vrrp statistics [json]", NULL);
	expect_result(&q, "sh ip vrrp st", CLI_AMBIGUOUS, 11);
	assert_string_equal(m.detail, "status, statistics");
	for (int k = 0; k < 2; k++) {
		free(p.cmds[k].data);
		free(q.cmds[k].data);
	}
	/* two commands that fit equally well */
	struct table t = {0};
	add(&t, "foo WORD", NULL);
	add(&t, "foo IFNAME", NULL);
	expect_result(&t, "foo x", CLI_AMBIGUOUS, 4);
	assert_string_equal(m.detail, "");
	free(t.cmds[0].data);
	free(t.cmds[1].data);
}

static void test_incomplete(void **state)
{
	(void)state;
	expect_result(&exec_t, "sh ip vrrp", CLI_INCOMPLETE, 0);
	expect_result(&exec_t, "show", CLI_INCOMPLETE, 0);
	expect_result(&exec_t, "write", CLI_INCOMPLETE, 0); /* both writes: the same keyword */
	expect_result(&if_t, "vrrp 1", CLI_INCOMPLETE, 0);
	expect_result(&if_t, "description", CLI_INCOMPLETE, 0);
	expect_result(&config_t, "log vrrp priority", CLI_INCOMPLETE, 0);
	expect_result(&exec_t, "   ", CLI_EMPTY, 0);
	expect_result(&exec_t, "", CLI_EMPTY, 0);
	char big[1100];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	expect_result(&exec_t, big, CLI_TOOLONG, 0);
}

static void test_invalid_caret(void **state)
{
	(void)state;
	expect_result(&exec_t, "show ip vrrp foo", CLI_INVALID, 13);
	assert_int_equal(m.err_word, 3);
	expect_result(&exec_t, "  show bogus", CLI_INVALID, 7);
	expect_result(&exec_t, "bogus", CLI_INVALID, 0);
	/* a word too many */
	expect_result(&exec_t, "show ip vrrp status json extra", CLI_INVALID, 25);
	/* a bad value of a typed token */
	expect_result(&config_t, "log vrrp priority loud", CLI_INVALID, 18);
	expect_result(&if_t, "vrrp 1 ip 192.0.2.256", CLI_INVALID, 10);
	expect_result(&if_t, "vrrp x ip 192.0.2.1", CLI_INVALID, 5);
	/* the caret sits under the bad word, after the prompt */
	char text[600];
	match(&exec_t, "show ip vrrp foo");
	cli_error_text(&m, strlen("Router-1(exec)#"), text, sizeof(text));
	char want[600];
	snprintf(want, sizeof(want), "%*s^\n%% Invalid input detected at '^' marker.", 15 + 13, "");
	assert_string_equal(text, want);
}

static void test_out_of_range(void **state)
{
	(void)state;
	char text[600];
	expect_result(&if_t, "vrrp 300 priority 100", CLI_OUT_OF_RANGE, 5);
	assert_string_equal(m.detail, "<1-255>");
	cli_error_text(&m, 0, text, sizeof(text));
	assert_string_equal(text, "     ^\n% Value out of range: expected <1-255>.");
	expect_result(&if_t, "vrrp 1 priority 255", CLI_OUT_OF_RANGE, 16);
	assert_string_equal(m.detail, "<1-254>");
	expect_result(&if_t, "vrrp 1 priority 0", CLI_OUT_OF_RANGE, 16);
	expect_result(&if_t, "mtu 67", CLI_OUT_OF_RANGE, 4);
	assert_string_equal(m.detail, "<68-65535>");
	expect_result(&if_t, "vrrp 99999999999999999999 ip 192.0.2.1", CLI_OUT_OF_RANGE, 5);
	expect_result(&config_t, "ip route 192.0.2.0/24 eth1 300", CLI_OUT_OF_RANGE, 27);
	expect_result(&exec_t, "terminal length 513", CLI_OUT_OF_RANGE, 16);
	expect_cmd(&exec_t, "terminal length 0", "terminal length <0-512>");
	expect_cmd(&if_t, "mtu 65535", "mtu <68-65535>");
	/* negative ranges */
	struct table t = {0};
	add(&t, "offset <-10-10>", NULL);
	expect_cmd(&t, "offset -3", "offset <-10-10>");
	assert_string_equal(m.values[1], "-3");
	expect_result(&t, "offset -11", CLI_OUT_OF_RANGE, 7);
	expect_result(&t, "offset 1x", CLI_INVALID, 7);
	free(t.cmds[0].data);
}

static void test_no_forms(void **state)
{
	(void)state;
	expect_cmd(&if_t, "no vrrp 1 preempt", "no vrrp <1-255> preempt");
	expect_cmd(&if_t, "n v 1 pre", "no vrrp <1-255> preempt");
	expect_cmd(&if_t, "no vrrp 1 p",
		   "no vrrp <1-255> preempt"); /* no priority among the no forms */
	expect_cmd(&if_t, "no vrrp 1", "no vrrp <1-255>");
	expect_cmd(&if_t, "no vrrp 1 track 2", "no vrrp <1-255> track <1-255>");
	expect_cmd(&if_t, "no vrrp 1 ip 192.0.2.1", "no vrrp <1-255> ip A.B.C.D");
	expect_cmd(&if_t, "no sh", "no shutdown");
	expect_cmd(&if_t, "sh", "shutdown");
	expect_cmd(&config_t, "no hostname", "no hostname");
	expect_cmd(&config_t, "no log vrrp priority", "no log WORD priority");
	assert_string_equal(m.values[2], "vrrp");
	expect_result(&config_t, "no hostname Router-1", CLI_INVALID, 12);
}

static void test_keyword_over_word(void **state)
{
	(void)state;
	expect_cmd(&exec_t, "show interface json", "show interface [json]");
	assert_string_equal(m.values[2], "json");
	expect_cmd(&exec_t, "show interface eth1", "show interface IFNAME [json]");
	assert_string_equal(m.values[2], "eth1");
	expect_cmd(&exec_t, "show interface eth1 json", "show interface IFNAME [json]");
	assert_string_equal(m.values[3], "json");
	/* a keyword prefix still beats a WORD */
	expect_cmd(&exec_t, "show interface js", "show interface [json]");
	assert_string_equal(m.values[2], "json");
	/* a typed value beats a WORD: the gateway is an address, not an interface name */
	expect_cmd(&config_t, "ip route 192.0.2.0/24 198.51.100.1", config_t.cmds[11].syntax);
	assert_string_equal(m.values[3], "198.51.100.1");
	expect_cmd(&config_t, "ip route 192.0.2.0/24 eth1 20", config_t.cmds[11].syntax);
	assert_string_equal(m.values[3], "eth1");
	assert_string_equal(m.values[4], "20");
}

static void test_exact_over_partial(void **state)
{
	(void)state;
	expect_cmd(&exec_t, "show ip route", "show ip route [json]");
	expect_cmd(&exec_t, "sh ip ro", "show ip route [json]");
	expect_cmd(&exec_t, "show ipv route", "show ipv6 route [json]");
	expect_cmd(&exec_t, "show ip int b", "show ip interface brief [json]");
	expect_cmd(&if_t, "ip add 192.0.2.1/24", "ip address A.B.C.D/M [secondary]");
	expect_cmd(&if_t, "ipv6 add 2001:db8::1/64", "ipv6 address X:X::X:X/M");
}

static void test_line(void **state)
{
	(void)state;
	expect_cmd(&if_t, "description  Uplink to   core  ", "description LINE");
	assert_string_equal(m.values[1], "Uplink to   core");
	expect_cmd(&if_t, "desc x", "description LINE");
	assert_string_equal(m.values[1], "x");
	/* LINE takes keywords as text */
	expect_cmd(&config_t, "do sh ip vrrp st", "do LINE");
	assert_string_equal(m.values[1], "sh ip vrrp st");
	expect_cmd(&if_t, "description no shutdown", "description LINE");
	assert_string_equal(m.values[1], "no shutdown");
}

static void test_typed(void **state)
{
	(void)state;
	expect_cmd(&if_t, "vrrp 1 ip 192.0.2.1", "vrrp <1-255> ip A.B.C.D");
	assert_string_equal(m.values[1], "1");
	assert_string_equal(m.values[3], "192.0.2.1");
	expect_cmd(&if_t, "ip address 192.0.2.1/24", "ip address A.B.C.D/M [secondary]");
	assert_string_equal(m.values[2], "192.0.2.1/24");
	assert_string_equal(m.values[3], "");
	expect_cmd(&if_t, "ip address 192.0.2.1/24 sec", "ip address A.B.C.D/M [secondary]");
	assert_string_equal(m.values[3], "secondary");
	expect_result(&if_t, "ip address 192.0.2.1/33", CLI_INVALID, 11);
	expect_result(&if_t, "ip address 192.0.2.1", CLI_INVALID, 11);
	expect_result(&if_t, "ip address 192.0.2/24", CLI_INVALID, 11);
	expect_result(&if_t, "ip address 192.0.2.1/", CLI_INVALID, 11);
	expect_result(&if_t, "ip address 192.0.2.1/-1", CLI_INVALID, 11);
	expect_cmd(&if_t, "ipv6 address 2001:db8::1/64", "ipv6 address X:X::X:X/M");
	expect_result(&if_t, "ipv6 address 2001:db8::1", CLI_INVALID, 13);
	expect_result(&if_t, "ipv6 address 2001:db8::1/129", CLI_INVALID, 13);
	expect_result(&if_t, "ipv6 address 192.0.2.1/24", CLI_INVALID, 13);
	expect_cmd(&config_t, "ipv6 route 2001:db8::/32 2001:db8::1",
		   "ipv6 route X:X::X:X/M X:X::X:X");
	expect_result(&config_t, "ipv6 route 2001:db8::/32 192.0.2.1", CLI_INVALID, 25);
	expect_cmd(&exec_t, "ping 192.0.2.1", "ping A.B.C.D");
	expect_cmd(&exec_t, "ping ipv6 ::1", "ping ipv6 X:X::X:X");
	expect_result(&exec_t, "ping 192.0.2", CLI_INVALID, 5);
}

/* ---- completion ---- */

static const char *completions(const struct table *t, const char *line)
{
	static char buf[4096];
	char out[64][48];
	int k = cli_complete(t->ptrs, t->n, line, out, 64);
	buf[0] = 0;
	for (int i = 0; i < k; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", i ? " " : "",
			 out[i]);
	return buf;
}

static void test_complete(void **state)
{
	(void)state;
	assert_string_equal(completions(&exec_t, "conf"), "configure");
	assert_string_equal(completions(&exec_t, "conf "), "terminal");
	assert_string_equal(completions(&exec_t, "c"), "configure copy");
	assert_string_equal(completions(&exec_t, "sh "),
			    "history interface ip ipv6 log memory object processes running-config "
			    "startup-config version");
	assert_string_equal(completions(&exec_t, "sh i"), "interface ip ipv6");
	assert_string_equal(completions(&exec_t, "sh ip vr"), "vrrp");
	assert_string_equal(completions(&exec_t, "sh ip vrrp st"), "status");
	assert_string_equal(completions(&exec_t, "show ip vrrp status "), "json");
	assert_string_equal(completions(&if_t, "vrrp 1 "),
			    "authentication ip preempt priority timers track");
	assert_string_equal(completions(&if_t, "vrrp 1 p"), "preempt priority");
	assert_string_equal(completions(&config_t, "log vrrp priority e"), "emerg err");
	/* a value comes next, or nothing can: no keyword to offer */
	assert_string_equal(completions(&if_t, "vrrp "), "");
	assert_string_equal(completions(&exec_t, "bogus "), "");
	assert_string_equal(completions(&exec_t, "show bogus "), "");
	assert_string_equal(completions(&exec_t, "show running-config "), "");
	/* an empty line offers every first keyword */
	assert_string_equal(completions(&exec_t, ""),
			    "configure copy disable exit ping show terminal write");
}

/* ---- help ---- */

static const char *help(const struct table *t, const char *line)
{
	static char buf[8192];
	struct cli_help_item items[64];
	int k = cli_help(t->ptrs, t->n, line, items, 64);
	buf[0] = 0;
	for (int i = 0; i < k; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s=%s;", items[i].text,
			 items[i].help ? items[i].help : "(null)");
	return buf;
}

static void test_help(void **state)
{
	(void)state;
	assert_string_equal(help(&exec_t, "show ip vrrp status "), "json=JSON output;<cr>=;");
	assert_string_equal(
		help(&exec_t, ""),
		"configure=Enter configuration mode;copy=Copy;disable=Turn off privileged "
		"commands;exit=Exit the shell;ping=Ping;show=Show;terminal=Terminal;"
		"write=Write;");
	assert_string_equal(help(&exec_t, "conf "), "terminal=From this terminal;");
	assert_string_equal(help(&if_t, "vrrp "), "<1-255>=Group;");
	assert_string_equal(help(&if_t, "vrrp 1 priority "), "<1-254>=Priority value;");
	assert_string_equal(help(&exec_t, "show memory "), "WORD=Process name;");
	assert_string_equal(help(&exec_t, "show memory vrrp "), "json=JSON output;<cr>=;");
	assert_string_equal(help(&if_t, "vrrp 1 p"), "preempt=Preemption;priority=Priority;");
	/* '?' in the middle of a value: the value's token if it could still fit */
	assert_string_equal(help(&if_t, "vrrp 3"), "<1-255>=Group;");
	assert_string_equal(help(&if_t, "vrrp 300"), "");
	assert_string_equal(help(&config_t, "log vrrp priority "),
			    "alert=Immediate action needed;crit=Critical conditions;"
			    "debug=Debugging messages;emerg=Emergencies;err=Error conditions;"
			    "info=Informational messages;notice=Normal but significant;"
			    "warning=Warning conditions;");
	assert_string_equal(help(&config_t, "no hostname "), "<cr>=;");
	assert_string_equal(help(&if_t, "description "), "LINE=Text;");
	assert_string_equal(help(&config_t, "ip route 192.0.2.0/24 "),
			    "A.B.C.D=Gateway address;IFNAME=Interface;");
	assert_string_equal(help(&config_t, "ip route 192.0.2.0/24 198.51.100.1 "),
			    "<1-255>=Distance;<cr>=;");
	/* a bad word earlier: nothing */
	assert_string_equal(help(&exec_t, "show bogus "), "");
	/* keywords in the table appear once even when several commands share them */
	assert_string_equal(help(&exec_t, "wr"), "write=Write;");
}

static void test_error_texts(void **state)
{
	(void)state;
	char text[600];
	match(&exec_t, "c");
	cli_error_text(&m, 10, text, sizeof(text));
	assert_string_equal(text, "% Ambiguous command: could be configure, copy.");
	match(&exec_t, "show");
	cli_error_text(&m, 10, text, sizeof(text));
	assert_string_equal(text, "% Incomplete command.");
	memset(&m, 0, sizeof(m));
	m.result = CLI_TOOLONG;
	cli_error_text(&m, 10, text, sizeof(text));
	assert_string_equal(text, "% Line too long (at most 1024 characters).");
	m.result = CLI_TOOMANY;
	cli_error_text(&m, 10, text, sizeof(text));
	assert_string_equal(text, "% Too many words (at most 64).");
	m.result = CLI_OK;
	cli_error_text(&m, 10, text, sizeof(text));
	assert_string_equal(text, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_abbreviation),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_invalid_caret),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_no_forms),
		cmocka_unit_test(test_keyword_over_word),
		cmocka_unit_test(test_exact_over_partial),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_typed),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_error_texts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
