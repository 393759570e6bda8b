/* Unit tests for the command syntax parser and renderer (managers/cmdmgr/cli_syntax.c): every
 * token type, value slots (alternatives share one), optional and nested optional parts expanded
 * into variants, help lines per token, the errors of bad syntax, and cli_syntax_render (what
 * show running-config prints a command with). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include "cli_syntax.h"

static struct cli_syntax syn;
static char err[256];

static void parse_ok(const char *syntax)
{
	err[0] = 0;
	if (cli_syntax_parse(&syn, syntax, NULL, 0, err, sizeof(err)) != 0)
		fail_msg("'%s' refused: %s", syntax, err);
}

/* The tokens of variant i as their texts joined by ' ' (e.g. "show ip route"). */
static const char *variant(int i)
{
	static char buf[512];
	buf[0] = 0;
	assert_true(i < syn.nvariants);
	for (int k = 0; k < syn.variants[i].n; k++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", k ? " " : "",
			 syn.tokens[syn.variants[i].tok[k]].text);
	return buf;
}

/* Checks the variants, in order, against a NULL-terminated list. */
static void expect_variants(const char *const *want)
{
	int n = 0;
	while (want[n])
		n++;
	assert_int_equal(syn.nvariants, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(variant(i), want[i]);
}

static void test_keywords(void **state)
{
	(void)state;
	parse_ok("show ip vrrp status");
	assert_int_equal(syn.ntokens, 4);
	assert_int_equal(syn.nslots, 4);
	const char *words[] = {"show", "ip", "vrrp", "status"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(syn.tokens[i].type, CLI_KEYWORD);
		assert_string_equal(syn.tokens[i].text, words[i]);
		assert_int_equal(syn.tokens[i].index, i + 1);
	}
	expect_variants((const char *[]){"show ip vrrp status", NULL});
	/* hyphens and digits belong to keywords */
	parse_ok("copy running-config startup-config");
	assert_int_equal(syn.tokens[1].type, CLI_KEYWORD);
	parse_ok("ipv6 route");
	assert_int_equal(syn.tokens[0].type, CLI_KEYWORD);
}

static void test_typed_tokens(void **state)
{
	(void)state;
	parse_ok("x <1-255> A.B.C.D A.B.C.D/M X:X::X:X X:X::X:X/M WORD IFNAME LINE");
	const enum cli_type want[] = {CLI_KEYWORD,     CLI_RANGE, CLI_IPV4,
				      CLI_IPV4_PREFIX, CLI_IPV6,  CLI_IPV6_PREFIX,
				      CLI_WORD,        CLI_WORD,  CLI_LINE};
	assert_int_equal(syn.ntokens, 9);
	for (int i = 0; i < 9; i++) {
		assert_int_equal(syn.tokens[i].type, want[i]);
		assert_int_equal(syn.tokens[i].index, i + 1);
	}
	assert_int_equal(syn.tokens[1].min, 1);
	assert_int_equal(syn.tokens[1].max, 255);
	assert_string_equal(syn.tokens[1].text, "<1-255>");
	assert_string_equal(syn.tokens[7].text, "IFNAME");
	/* ranges may be negative or a single value */
	parse_ok("offset <-10-10>");
	assert_int_equal(syn.tokens[1].min, -10);
	assert_int_equal(syn.tokens[1].max, 10);
	parse_ok("only <7-7>");
	assert_int_equal(syn.tokens[1].min, 7);
	assert_int_equal(syn.tokens[1].max, 7);
	/* any upper-case name is a one-word value */
	parse_ok("track <1-255> interface IFNAME line-protocol");
	assert_int_equal(syn.tokens[3].type, CLI_WORD);
	assert_int_equal(syn.tokens[4].type, CLI_KEYWORD);
}

static void test_alternatives_share_a_slot(void **state)
{
	(void)state;
	parse_ok("log WORD priority (emerg|alert|debug)");
	assert_int_equal(syn.ntokens, 6);
	assert_int_equal(syn.nslots, 4);
	for (int i = 3; i < 6; i++)
		assert_int_equal(syn.tokens[i].index, 4);
	expect_variants((const char *[]){"log WORD priority emerg", "log WORD priority alert",
					 "log WORD priority debug", NULL});
	/* typed alternatives, and the slot after the group is the next one */
	parse_ok("ip route A.B.C.D/M (A.B.C.D|IFNAME) <1-255>");
	assert_int_equal(syn.tokens[3].index, 4);
	assert_int_equal(syn.tokens[4].index, 4);
	assert_int_equal(syn.tokens[3].type, CLI_IPV4);
	assert_int_equal(syn.tokens[4].type, CLI_WORD);
	assert_int_equal(syn.tokens[5].index, 5);
	assert_int_equal(syn.nslots, 5);
	/* blanks around '|' do not matter */
	parse_ok("mode ( a | b )");
	expect_variants((const char *[]){"mode a", "mode b", NULL});
}

static void test_optional(void **state)
{
	(void)state;
	parse_ok("show processes [json]");
	assert_int_equal(syn.nslots, 3);
	expect_variants((const char *[]){"show processes", "show processes json", NULL});
	/* two independent optional parts: every combination */
	parse_ok("show ip route [A.B.C.D/M] [json]");
	expect_variants((const char *[]){"show ip route", "show ip route json",
					 "show ip route A.B.C.D/M", "show ip route A.B.C.D/M json",
					 NULL});
	/* an optional group of alternatives */
	parse_ok("show ip route [(static|connected)]");
	expect_variants((const char *[]){"show ip route", "show ip route static",
					 "show ip route connected", NULL});
	assert_int_equal(syn.nslots, 4);
}

static void test_nested_optional(void **state)
{
	(void)state;
	parse_ok("vrrp <1-255> ip A.B.C.D [secondary [track <1-10>]]");
	expect_variants((const char *[]){"vrrp <1-255> ip A.B.C.D",
					 "vrrp <1-255> ip A.B.C.D secondary",
					 "vrrp <1-255> ip A.B.C.D secondary track <1-10>", NULL});
	assert_int_equal(syn.nslots, 7);
	assert_int_equal(syn.tokens[6].index, 7);
	/* an optional part right at the start */
	parse_ok("[no] shutdown");
	expect_variants((const char *[]){"shutdown", "no shutdown", NULL});
}

static void test_help_lines(void **state)
{
	(void)state;
	const char *helps[] = {"Logging", "Process", "Level", "Emergencies", "Debugging"};
	assert_int_equal(cli_syntax_parse(&syn, "log WORD priority (emerg|debug)", helps, 5, err,
					  sizeof(err)),
			 0);
	for (int i = 0; i < 5; i++)
		assert_string_equal(syn.tokens[i].help, helps[i]);
	/* fewer help lines than tokens: the rest have an empty help, never NULL */
	assert_int_equal(cli_syntax_parse(&syn, "a b c", helps, 1, err, sizeof(err)), 0);
	assert_string_equal(syn.tokens[0].help, "Logging");
	assert_non_null(syn.tokens[2].help);
	assert_string_equal(syn.tokens[2].help, "");
}

/* Each bad syntax is refused with a reason that names the problem and where it is. */
static void expect_bad(const char *syntax, const char *why)
{
	err[0] = 0;
	if (cli_syntax_parse(&syn, syntax, NULL, 0, err, sizeof(err)) == 0)
		fail_msg("'%s' accepted", syntax);
	if (!strstr(err, why))
		fail_msg("'%s': error '%s' does not say '%s'", syntax, err, why);
}

static void test_bad_syntax(void **state)
{
	(void)state;
	expect_bad("", "empty syntax");
	expect_bad("   ", "empty syntax");
	expect_bad("show [json", "expected ']'");
	expect_bad("show json]", "unbalanced bracket");
	expect_bad("show (a|b", "expected ')' or '|'");
	expect_bad("show (a b)", "alternatives are single tokens");
	expect_bad("show *WORD", "bad token"); /* only keywords can be preferred */
	expect_bad("show ()", "expected a token");
	expect_bad("show (a|)", "expected a token");
	expect_bad("show (a|[b])", "expected a token");
	expect_bad("a | b", "unbalanced bracket");
	expect_bad("x <5-1>", "bad token");
	expect_bad("x <1-x>", "bad token");
	expect_bad("x <1-5", "bad token");
	expect_bad("Word", "bad token");
	expect_bad("showIp", "bad token");
	/* found by fuzz_cmd_table: keywords that could never be typed as one word */
	expect_bad("show\nversion", "bad token");
	expect_bad("show\rx", "bad token");
	expect_bad("sh\x1b[2Jow", "bad token");
	expect_bad("sh\xc3\xa9", "bad token");
	expect_bad("show ip vrrp *", "bad token"); /* a preferred marker without a keyword */
	expect_bad("desc LINE more", "LINE must be the last token");
	expect_bad("desc [LINE] more", "LINE must be the last token");
	char longtok[80];
	memset(longtok, 'a', sizeof(longtok) - 1);
	longtok[sizeof(longtok) - 1] = 0;
	expect_bad(longtok, "token too long");
	/* the reason says where: the rest of the syntax from the bad place */
	expect_bad("x y <9-2> z", "at '<9-2> z'");
}

static void test_limits(void **state)
{
	(void)state;
	/* 7 independent optional parts: 128 variants, more than CLI_MAX_VARIANTS */
	expect_bad("a [b] [c] [d] [e] [f] [g] [h]", "too many variants");
	parse_ok("a [b] [c] [d] [e] [f] [g]"); /* 64 */
	assert_int_equal(syn.nvariants, 64);
	char many[200] = "";
	for (int i = 0; i < CLI_MAX_TOKENS + 1; i++)
		strcat(many, "k ");
	expect_bad(many, "too many tokens");
}

/* ---- cli_syntax_render ---- */

static const char *render(const char *syntax, const char *const *values, int n, int want_rc)
{
	static char out[512];
	int rc = cli_syntax_render(syntax, values, n, out, sizeof(out));
	if (rc != want_rc)
		fail_msg("render '%s': %d, expected %d (out '%s')", syntax, rc, want_rc, out);
	return out;
}

static void test_render_values(void **state)
{
	(void)state;
	const char *v[] = {"", "1", "", "150"};
	assert_string_equal(render("vrrp <1-255> priority <1-254>", v, 4, 0),
			    "vrrp 1 priority 150");
	/* a missing required value */
	const char *v2[] = {"", "1", "", ""};
	render("vrrp <1-255> priority <1-254>", v2, 4, -1);
	/* fewer values than slots counts as not given */
	render("vrrp <1-255> priority <1-254>", v, 2, -1);
	/* a preferred keyword is written back without its marker */
	const char *vp[] = {"", "", "", "", ""};
	assert_string_equal(render("show ip vrrp *status [json]", vp, 5, 0), "show ip vrrp status");
	const char *v3[] = {"", "Uplink to core  (10G)"};
	assert_string_equal(render("description LINE", v3, 2, 0),
			    "description Uplink to core  (10G)");
	/* found by fuzz_cmd_table: a tab separates tokens for the parser, so it does for the
	 * writer too, or every value after it goes to the wrong slot */
	const char *vt[] = {"", "", "192.0.2.1/24"};
	assert_string_equal(render("ip\taddress A.B.C.D/M", vt, 3, 0), "ip address 192.0.2.1/24");
}

static void test_render_optional(void **state)
{
	(void)state;
	const char *syntax = "ip route A.B.C.D/M A.B.C.D [distance <1-255>]";
	const char *none[] = {"", "", "192.0.2.0/24", "198.51.100.1", "", ""};
	assert_string_equal(render(syntax, none, 6, 0), "ip route 192.0.2.0/24 198.51.100.1");
	const char *dist[] = {"", "", "192.0.2.0/24", "198.51.100.1", "", "5"};
	assert_string_equal(render(syntax, dist, 6, 0),
			    "ip route 192.0.2.0/24 198.51.100.1 distance 5");
	/* an optional keyword is written only when its slot has a value */
	const char *nojson[] = {"", ""};
	assert_string_equal(render("show processes [json]", nojson, 2, 0), "show processes");
	const char *json[] = {"", "", "json"};
	assert_string_equal(render("show processes [json]", json, 3, 0), "show processes json");
	/* nested: the inner part is left out, the outer kept */
	const char *nest[] = {"", "", "2", "", ""};
	assert_string_equal(render("a [b <1-5> [c <1-9>]]", nest, 5, 0), "a b 2");
	const char *both[] = {"", "", "2", "", "7"};
	assert_string_equal(render("a [b <1-5> [c <1-9>]]", both, 5, 0), "a b 2 c 7");
	const char *empty[] = {"", "", "", "", ""};
	assert_string_equal(render("a [b <1-5> [c <1-9>]]", empty, 5, 0), "a");
}

static void test_render_alternatives(void **state)
{
	(void)state;
	const char *syntax = "log WORD priority (emerg|alert|crit|err|warning|notice|info|debug)";
	const char *v[] = {"", "vrrp", "", "debug"};
	assert_string_equal(render(syntax, v, 4, 0), "log vrrp priority debug");
	/* the group's slot is required */
	const char *none[] = {"", "vrrp", "", ""};
	render(syntax, none, 4, -1);
	/* an optional group, and slots after it keep their numbers */
	const char *s2 = "ip route A.B.C.D/M (A.B.C.D|IFNAME) [<1-255>]";
	const char *gw[] = {"", "", "203.0.113.0/24", "eth1", "20"};
	assert_string_equal(render(s2, gw, 5, 0), "ip route 203.0.113.0/24 eth1 20");
	const char *opt[] = {"", "", "", ""};
	assert_string_equal(render("show ip route [(static|connected)]", opt, 4, 0),
			    "show ip route");
	const char *st[] = {"", "", "", "static"};
	assert_string_equal(render("show ip route [(static|connected)]", st, 4, 0),
			    "show ip route static");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_typed_tokens),
		cmocka_unit_test(test_alternatives_share_a_slot),
		cmocka_unit_test(test_optional),
		cmocka_unit_test(test_nested_optional),
		cmocka_unit_test(test_help_lines),
		cmocka_unit_test(test_bad_syntax),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_render_values),
		cmocka_unit_test(test_render_optional),
		cmocka_unit_test(test_render_alternatives),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
