/* Unit tests for the edit template language (managers/cmdmgr/template.c), one test per rule:
 * what a reference names, forwards expansion (what commits do), and the two backwards readings
 * show running-config relies on (a value template matched against a node's value, an xpath
 * template turned into a regex whose captures give the values back). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <string.h>
#include "template.h"

/* tmpl_next */

static void test_next_none(void **state)
{
	(void)state;
	const char *a = NULL, *b = NULL;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next("/n2os-system:system/hostname", &a, &b, &r), 0);
	assert_int_equal(tmpl_next("", &a, &b, &r), 0);
}

static void test_next_slot(void **state)
{
	(void)state;
	const char *t = "/route[prefix='{3}'][next-hop='{4}']", *a, *b;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next(t, &a, &b, &r), 1);
	assert_ptr_equal(a, strchr(t, '{'));
	assert_ptr_equal(b, strchr(t, '}') + 1);
	assert_int_equal(r.slot, 3);
	assert_int_equal(r.ifname, 0);
	assert_null(r.lit);
	/* the next one is found from where the first ends */
	assert_int_equal(tmpl_next(b, &a, &b, &r), 1);
	assert_int_equal(r.slot, 4);
	assert_string_equal(b, "']");
}

static void test_next_multi_digit(void **state)
{
	(void)state;
	const char *a, *b;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next("{12}", &a, &b, &r), 1);
	assert_int_equal(r.slot, 12);
}

static void test_next_ifname(void **state)
{
	(void)state;
	const char *a, *b;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next("interface[name='{ifname}']", &a, &b, &r), 1);
	assert_int_equal(r.ifname, 1);
	assert_int_equal(r.slot, 0);
}

static void test_next_literal(void **state)
{
	(void)state;
	const char *a, *b;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next("{4:true}", &a, &b, &r), 1);
	assert_int_equal(r.slot, 4);
	assert_int_equal(r.litlen, 4);
	assert_memory_equal(r.lit, "true", 4);
	/* an empty literal is a literal */
	assert_int_equal(tmpl_next("{4:}", &a, &b, &r), 1);
	assert_non_null(r.lit);
	assert_int_equal(r.litlen, 0);
}

/* Names are not cut at a buffer size (the two old parsers cut them at 15 and 63 bytes). */
static void test_next_long_literal(void **state)
{
	(void)state;
	const char *t =
		"{2:a-literal-much-longer-than-sixteen-bytes-and-even-longer-than-sixty-four"
		"-bytes-of-text}";
	const char *a, *b;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next(t, &a, &b, &r), 1);
	assert_int_equal(r.slot, 2);
	assert_int_equal(r.litlen, strlen(t) - 4);
	assert_string_equal(b, "");
}

static void test_next_names_nothing(void **state)
{
	(void)state;
	const char *a, *b;
	struct tmpl_ref r;
	const char *bad[] = {"{foo}", "{0}", "{3x}", "{}", "{ifnam}", "{ifnamex}", "{-1}"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(tmpl_next(bad[i], &a, &b, &r), 1);
		assert_int_equal(r.slot, 0);
		assert_int_equal(r.ifname, 0);
	}
}

static void test_next_unterminated(void **state)
{
	(void)state;
	const char *a, *b;
	struct tmpl_ref r;
	assert_int_equal(tmpl_next("/a[name='{3']", &a, &b, &r), -1);
}

/* tmpl_expand */

/* slot N has the value vals[N-1]; {ifname} is "eth1"; a value "REFUSE" is refused */
static int from_array(const struct tmpl_ref *ref, const char **v, void *arg)
{
	const char *const *vals = arg;
	if (ref->ifname) {
		*v = "eth1";
		return 1;
	}
	if (ref->slot < 1 || ref->slot > 6)
		return 0;
	*v = vals[ref->slot - 1];
	return strcmp(*v, "REFUSE") ? 1 : -1;
}

static const char *vals6[6] = {"vrrp", "7", "priority", "200", "", "REFUSE"};

static int expand(const char *tmpl, char *out, size_t len)
{
	memset(out, 'X', len);
	return tmpl_expand(tmpl, from_array, (void *)vals6, out, len);
}

static void test_expand_plain(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(expand("/n2os-system:system/hostname", out, sizeof(out)), 1);
	assert_string_equal(out, "/n2os-system:system/hostname");
	assert_int_equal(expand("", out, sizeof(out)), 1);
	assert_string_equal(out, "");
}

static void test_expand_refs(void **state)
{
	(void)state;
	char out[128];
	assert_int_equal(expand("/i[name='{ifname}']/g[vrid='{2}']/{3}", out, sizeof(out)), 1);
	assert_string_equal(out, "/i[name='eth1']/g[vrid='7']/priority");
	assert_int_equal(expand("{4}", out, sizeof(out)), 1);
	assert_string_equal(out, "200");
}

static void test_expand_literal_when_given(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(expand("{1:true}", out, sizeof(out)), 1);
	assert_string_equal(out, "true");
	assert_int_equal(expand("vrrp-v{2:3}", out, sizeof(out)), 1);
	assert_string_equal(out, "vrrp-v3");
}

/* An edit naming a slot the user left out is skipped, literal or not. */
static void test_expand_missing(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(expand("/a/{5}", out, sizeof(out)), 0);
	assert_int_equal(expand("{5:true}", out, sizeof(out)), 0);
	assert_int_equal(expand("{9}", out, sizeof(out)), 0);
	assert_int_equal(expand("{foo}", out, sizeof(out)), 0);
}

static void test_expand_refused(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(expand("/a[x='{6}']", out, sizeof(out)), -1);
}

static void test_expand_malformed(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(expand("/a[x='{2']", out, sizeof(out)), -1);
}

/* Too long for out: cut, always NUL-terminated, nothing written past len. */
static void test_expand_truncates(void **state)
{
	(void)state;
	char out[16];
	memset(out, 'X', sizeof(out));
	assert_int_equal(tmpl_expand("/abc/{3}/defghijkl", from_array, (void *)vals6, out, 10), 1);
	assert_string_equal(out, "/abc/prio");
	assert_int_equal(out[10], 'X');
	assert_int_equal(tmpl_expand("0123456789ABCDEF", from_array, (void *)vals6, out, 8), 1);
	assert_string_equal(out, "0123456");
}

/* tmpl_match */

static void test_match_no_template(void **state)
{
	(void)state;
	struct tmpl_ref r;
	char cap[32];
	assert_int_equal(tmpl_match(NULL, "anything", &r, cap, sizeof(cap)), 0);
	assert_int_equal(tmpl_match("", "anything", &r, cap, sizeof(cap)), 0);
}

static void test_match_literal(void **state)
{
	(void)state;
	struct tmpl_ref r;
	char cap[32];
	assert_int_equal(tmpl_match("false", "false", &r, cap, sizeof(cap)), 0);
	assert_int_equal(tmpl_match("false", "true", &r, cap, sizeof(cap)), -1);
	/* a malformed template is only ever equal to itself */
	assert_int_equal(tmpl_match("a{2", "a{2", &r, cap, sizeof(cap)), 0);
	assert_int_equal(tmpl_match("a{2", "a7", &r, cap, sizeof(cap)), -1);
}

static void test_match_around(void **state)
{
	(void)state;
	struct tmpl_ref r;
	char cap[32];
	assert_int_equal(tmpl_match("vrrp-v{4}", "vrrp-v3", &r, cap, sizeof(cap)), 1);
	assert_int_equal(r.slot, 4);
	assert_string_equal(cap, "3");
	assert_int_equal(tmpl_match("{2}", "to core", &r, cap, sizeof(cap)), 1);
	assert_string_equal(cap, "to core");
	assert_int_equal(tmpl_match("<{2}>", "<x>", &r, cap, sizeof(cap)), 1);
	assert_string_equal(cap, "x");
}

static void test_match_around_mismatch(void **state)
{
	(void)state;
	struct tmpl_ref r;
	char cap[32];
	assert_int_equal(tmpl_match("vrrp-v{4}", "vrrp-3", &r, cap, sizeof(cap)), -1);
	assert_int_equal(tmpl_match("<{2}>", "<x]", &r, cap, sizeof(cap)), -1);
	/* prefix and suffix may not overlap */
	assert_int_equal(tmpl_match("ab{2}ba", "aba", &r, cap, sizeof(cap)), -1);
}

static void test_match_keyword_literal(void **state)
{
	(void)state;
	struct tmpl_ref r;
	char cap[32];
	assert_int_equal(tmpl_match("{4:true}", "true", &r, cap, sizeof(cap)), 1);
	assert_int_equal(r.slot, 4);
	assert_non_null(r.lit);
	assert_int_equal(tmpl_match("{4:true}", "false", &r, cap, sizeof(cap)), -1);
	assert_int_equal(tmpl_match("{4:true}", "truer", &r, cap, sizeof(cap)), -1);
	assert_int_equal(tmpl_match("{4:true}", "tru", &r, cap, sizeof(cap)), -1);
}

/* tmpl_regex */

#define IF "/n2os-interfaces:interfaces/interface[name='{ifname}']"

static void test_regex_captures(void **state)
{
	(void)state;
	char re[512];
	struct tmpl_ref refs[TMPL_MAX_REFS];
	int n = tmpl_regex(IF "/ipv4/address[ip='{3}']", re, sizeof(re), refs);
	assert_int_equal(n, 2);
	assert_int_equal(refs[0].ifname, 1);
	assert_int_equal(refs[1].slot, 3);
	assert_string_equal(re, "^/n2os-interfaces:interfaces/interface\\[name='([^']*)'\\]"
				"/ipv4/address\\[ip='([^']*)'\\]$");
}

/* What expansion makes, the regex matches, and its captures are the values put in. */
static void test_regex_round_trip(void **state)
{
	(void)state;
	const char *t = "/n2os-vrrp:vrrp/interface[name='{ifname}']/vrrp-instance[vrid='{2}']"
			"/track/object[id='{4}']/priority-decrement";
	char re[512], path[256];
	struct tmpl_ref refs[TMPL_MAX_REFS];
	int n = tmpl_regex(t, re, sizeof(re), refs);
	assert_int_equal(n, 3);
	assert_int_equal(expand(t, path, sizeof(path)), 1);
	regex_t rx;
	assert_int_equal(regcomp(&rx, re, REG_EXTENDED), 0);
	regmatch_t m[TMPL_MAX_REFS + 1];
	assert_int_equal(regexec(&rx, path, (size_t)n + 1, m, 0), 0);
	for (int i = 0; i < n; i++) {
		const char *want = NULL;
		assert_int_equal(from_array(&refs[i], &want, (void *)vals6), 1);
		assert_int_equal((int)(m[i + 1].rm_eo - m[i + 1].rm_so), (int)strlen(want));
		assert_memory_equal(path + m[i + 1].rm_so, want, strlen(want));
	}
	/* anchored: more or less text does not match */
	char longer[300];
	snprintf(longer, sizeof(longer), "%s/x", path);
	assert_int_not_equal(regexec(&rx, longer, 0, NULL, 0), 0);
	assert_int_not_equal(regexec(&rx, path + 1, 0, NULL, 0), 0);
	regfree(&rx);
}

/* Regex characters in the template's text stand for themselves. */
static void test_regex_escapes(void **state)
{
	(void)state;
	char re[128];
	struct tmpl_ref refs[TMPL_MAX_REFS];
	assert_int_equal(tmpl_regex("a.b*c+d?e^f$g|h\\i(j)k}", re, sizeof(re), refs), 0);
	assert_string_equal(re, "^a\\.b\\*c\\+d\\?e\\^f\\$g\\|h\\\\i\\(j\\)k\\}$");
	regex_t rx;
	assert_int_equal(regcomp(&rx, re, REG_EXTENDED), 0);
	assert_int_equal(regexec(&rx, "a.b*c+d?e^f$g|h\\i(j)k}", 0, NULL, 0), 0);
	assert_int_not_equal(regexec(&rx, "aXb*c+d?e^f$g|h\\i(j)k}", 0, NULL, 0), 0);
	regfree(&rx);
}

static void test_regex_limits(void **state)
{
	(void)state;
	char re[512];
	struct tmpl_ref refs[TMPL_MAX_REFS];
	assert_int_equal(tmpl_regex("{1}{2}{3}{4}{5}{6}{7}{8}", re, sizeof(re), refs), 8);
	assert_int_equal(tmpl_regex("{1}{2}{3}{4}{5}{6}{7}{8}{9}", re, sizeof(re), refs), -1);
	assert_int_equal(tmpl_regex("/a[x='{1']", re, sizeof(re), refs), -1);
	/* a regex that does not fit is refused, not cut (a cut one would match too much) */
	assert_int_equal(tmpl_regex("/abcdef", re, 9, refs), -1);
	assert_int_equal(tmpl_regex("/abcdef", re, 10, refs), 0);
	assert_string_equal(re, "^/abcdef$");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_none),
		cmocka_unit_test(test_next_slot),
		cmocka_unit_test(test_next_multi_digit),
		cmocka_unit_test(test_next_ifname),
		cmocka_unit_test(test_next_literal),
		cmocka_unit_test(test_next_long_literal),
		cmocka_unit_test(test_next_names_nothing),
		cmocka_unit_test(test_next_unterminated),
		cmocka_unit_test(test_expand_plain),
		cmocka_unit_test(test_expand_refs),
		cmocka_unit_test(test_expand_literal_when_given),
		cmocka_unit_test(test_expand_missing),
		cmocka_unit_test(test_expand_refused),
		cmocka_unit_test(test_expand_malformed),
		cmocka_unit_test(test_expand_truncates),
		cmocka_unit_test(test_match_no_template),
		cmocka_unit_test(test_match_literal),
		cmocka_unit_test(test_match_around),
		cmocka_unit_test(test_match_around_mismatch),
		cmocka_unit_test(test_match_keyword_literal),
		cmocka_unit_test(test_regex_captures),
		cmocka_unit_test(test_regex_round_trip),
		cmocka_unit_test(test_regex_escapes),
		cmocka_unit_test(test_regex_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
