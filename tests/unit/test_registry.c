/* Unit tests for the checks cmdmgr makes on a command table a process registers
 * (managers/cmdmgr/registry.c, reg_owner_table): a table packed by lib/cmdreg.c as the processes
 * send it is taken, or refused whole with the reason, when a help string is not printable ASCII
 * (it goes raw to the operator's terminal in '?') or the help texts of a command are too long.
 * Also vrrpd's real table, next to cmdmgr's built-ins: taken, and its show commands of each
 * family reached by the abbreviations operators type. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include "cmdmgr.h"
#include "cmdreg.h"
#include "registry.h"
#include "testutil.h"

static int exec_thing(const struct n2_cmd_args *a, struct n2_buf *out, void *arg)
{
	(void)a, (void)out, (void)arg;
	return 0;
}

/* Registers one exec command "show thing" with the help text help; returns reg_owner_table's
 * answer, err its reason. */
static int register_one(const char *help, char *err, size_t errlen)
{
	const struct n2_cmd_def defs[] = {{"exec", "show thing", help, exec_thing, {{0}}}};
	const char *mods[] = {NULL};
	uint8_t *buf = NULL;
	size_t len = 0;
	assert_int_equal(n2_cmdreg_pack(mods, defs, 1, &buf, &len), 0);
	struct registry reg;
	memset(&reg, 0, sizeof(reg));
	err[0] = 0;
	int rc = reg_owner_table(&reg, "testd", buf, len, err, errlen);
	n2_cmdreg_pack_free(buf);
	reg_fini(&reg);
	return rc;
}

/* Registers defs as owner into reg; returns reg_owner_table's answer, err its reason. */
static int register_defs(struct registry *reg, const char *owner, const struct n2_cmd_def *defs,
			 size_t n, char *err, size_t errlen)
{
	const char *mods[] = {NULL};
	uint8_t *buf = NULL;
	size_t len = 0;
	assert_int_equal(n2_cmdreg_pack(mods, defs, n, &buf, &len), 0);
	err[0] = 0;
	int rc = reg_owner_table(reg, owner, buf, len, err, errlen);
	n2_cmdreg_pack_free(buf);
	return rc;
}

#define OPEN_A                                                                     \
	{                                                                          \
		"config", "alpha", "A node", NULL, {{0, "/m:a", NULL}}, "config-a" \
	}
#define OPEN_B                                                                                 \
	{                                                                                      \
		"config-a", "beta WORD", "B node\nName", NULL, {{0, "/m:a/b[n='{2}']", NULL}}, \
			"config-b"                                                             \
	}
#define IN_B                                                   \
	{                                                      \
		"config-b", "gamma <1-9>", "G\nValue", NULL,   \
		{                                              \
			{                                      \
				0, "/m:a/b[n='{^2}']/g", "{2}" \
			}                                      \
		}                                              \
	}

/* A process's nodes (cmdreg `enters`): made with their parents and depths, their commands
 * listed in them and the sub-node built-ins (exit, end, do) too; a node keeps its number when
 * the table comes again; and each shape the rules forbid is refused, the old table staying. */
static void test_process_nodes(void **state)
{
	(void)state;
	struct registry reg;
	memset(&reg, 0, sizeof(reg));
	builtins_register(&reg);
	char err[300];
	const struct n2_cmd_def ok[] = {IN_B, OPEN_B, OPEN_A}; /* used before it is opened: fine */
	if (register_defs(&reg, "bd", ok, 3, err, sizeof(err)) < 0)
		fail_msg("refused: %s", err);
	enum node a = NODE_COUNT, b = NODE_COUNT + 1;
	assert_string_equal(reg_node_name(&reg, a), "config-b"); /* made in table order */
	a = NODE_COUNT + 1, b = NODE_COUNT;
	assert_string_equal(reg_node_name(&reg, a), "config-a");
	assert_int_equal(reg_node_parent(&reg, a), NODE_CONFIG);
	assert_int_equal(reg_node_parent(&reg, b), a);
	assert_int_equal(reg_node_depth(&reg, b), 2);
	assert_int_equal(reg_node_depth(&reg, NODE_INTERFACE), 1);
	assert_string_equal(reg_node_opener(&reg, b)->cli.syntax, "beta WORD");
	const struct cli_cmd *const *cmds;
	size_t n = reg_node_cmds(&reg, b, &cmds);
	int gamma = 0, exits = 0;
	for (size_t i = 0; i < n; i++) {
		gamma += !strcmp(cmds[i]->syntax, "gamma <1-9>");
		exits += !strcmp(cmds[i]->syntax, "exit") || !strcmp(cmds[i]->syntax, "end");
	}
	assert_int_equal(gamma, 1);
	assert_int_equal(exits, 2);
	if (register_defs(&reg, "bd", ok, 3, err, sizeof(err)) < 0) /* again: same numbers */
		fail_msg("refused again: %s", err);
	assert_string_equal(reg_node_name(&reg, b), "config-b");
	assert_int_equal(reg_node_parent(&reg, b), a);

	struct {
		struct n2_cmd_def defs[2];
		size_t n;
		const char *owner, *why;
	} bad[] = {
		{{{"config", "x", "X", NULL, {{0, "/m:x", NULL}}, "Config_X"}},
		 1,
		 "cd",
		 "'x': node name 'Config_X' is not 1 to 31 of a-z 0-9 -"},
		{{{"config", "x", "X", NULL, {{0, "/m:x", NULL}}, "config-a"}},
		 1,
		 "cd",
		 "'x': node 'config-a' belongs to bd"},
		{{{"config", "x", "X", NULL, {{0, "/m:x", NULL}}, "interface"}},
		 1,
		 "cd",
		 "'x': node 'interface' belongs to cmdmgr"},
		{{{"exec", "show x", "S\nX", exec_thing, {{0}}, "config-x"}},
		 1,
		 "cd",
		 "'show x': only a configuration command opens a node"},
		{{{"config", "x", "X", NULL, {{0, "/m:x", NULL}}, "config-x"},
		  {"config", "y", "Y", NULL, {{0, "/m:y", NULL}}, "config-x"}},
		 2,
		 "cd",
		 "'x': node 'config-x' is also opened by 'y'"},
		{{{"config-b", "deeper", "D", NULL, {{0, "/m:d", NULL}}, "config-d"}},
		 1,
		 "bd",
		 "'deeper': a node opens from config or from a node whose opener takes no values"},
		{{{"config-z", "x", "X", NULL, {{0, "/m:x", NULL}}}},
		 1,
		 "cd",
		 "'x': unknown node 'config-z'"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int nodes = reg.nnodes;
		assert_int_equal(
			register_defs(&reg, bad[i].owner, bad[i].defs, bad[i].n, err, sizeof(err)),
			-1);
		assert_string_equal(err, bad[i].why);
		assert_int_equal(reg.nnodes, nodes);
	}
	/* bd's table survived the refusals of its second table */
	assert_string_equal(reg_node_opener(&reg, b)->cli.syntax, "beta WORD");
	reg_fini(&reg);
}

static void test_printable_help_taken(void **state)
{
	(void)state;
	char err[300];
	if (register_one("Show running system information\nA thing, (with) <any> ~ printable!", err,
			 sizeof(err)) < 0)
		fail_msg("refused: %s", err);
}

static void test_escape_in_help_refused(void **state)
{
	(void)state;
	char err[300];
	assert_int_equal(
		register_one("Show running system information\nA \x1b[2Jthing", err, sizeof(err)),
		-1);
	assert_string_equal(err, "'show thing': help 2 has a character that is not printable ASCII "
				 "(0x1b)");
}

static void test_tab_and_del_refused(void **state)
{
	(void)state;
	char err[300];
	assert_int_equal(register_one("Show\tall\nthing", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "help 1 has a character that is not printable ASCII (0x09)"));
	assert_int_equal(register_one("Show\nthing\x7f", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "help 2 has a character that is not printable ASCII (0x7f)"));
}

static void test_help_too_long_refused(void **state)
{
	(void)state;
	char err[300];
	char *h = malloc(REG_HELP_MAX + 2);
	assert_non_null(h);
	/* two words: the second's text makes the whole one byte too long with both newlines */
	memset(h, 'a', REG_HELP_MAX + 1);
	h[10] = '\n';
	h[REG_HELP_MAX] = 0; /* 10 + newline + 4084 + the joining newlines = 4096 */
	assert_int_equal(register_one(h, err, sizeof(err)), -1);
	assert_string_equal(err, "'show thing': help texts over 4095 bytes");
	h[REG_HELP_MAX - 1] = 0; /* one byte less fits exactly */
	if (register_one(h, err, sizeof(err)) < 0)
		fail_msg("refused: %s", err);
	free(h);
}

/* protocols/vrrp/commands.c */
extern const struct n2_cmd_def vrrp_commands[];
extern const size_t vrrp_ncommands;
extern const char *const vrrp_modules[];

/* The exec command line resolves to (its syntax) among the built-ins and vrrpd's table. */
static void resolves(struct registry *reg, const char *line, const char *syntax)
{
	const struct cli_cmd *const *cmds;
	size_t n = reg_node_cmds(reg, NODE_EXEC, &cmds);
	struct cli_match m;
	cli_match_line(cmds, n, line, &m);
	if (m.result != CLI_OK)
		fail_msg("'%s': result %d (%s)", line, m.result, m.detail);
	assert_string_equal(m.cmd->syntax, syntax);
}

static void test_vrrp_shows_resolve(void **state)
{
	(void)state;
	struct registry reg;
	memset(&reg, 0, sizeof(reg));
	builtins_register(&reg);
	uint8_t *buf = NULL;
	size_t len = 0;
	char err[300] = "";
	assert_int_equal(n2_cmdreg_pack(vrrp_modules, vrrp_commands, vrrp_ncommands, &buf, &len),
			 0);
	if (reg_owner_table(&reg, "vrrpd", buf, len, err, sizeof(err)) < 0)
		fail_msg("vrrpd's table refused: %s", err);
	n2_cmdreg_pack_free(buf);
	resolves(&reg, "sh ip vrrp st", "show ip vrrp *status [json]"); /* the paper's */
	resolves(&reg, "sh ip vrrp stati j", "show ip vrrp statistics [json]");
	resolves(&reg, "sh ip vrrp b", "show ip vrrp brief [json]");
	resolves(&reg, "sh ipv6 vrrp st", "show ipv6 vrrp *status [json]");
	resolves(&reg, "sh ipv6 vr b j", "show ipv6 vrrp brief [json]");
	resolves(&reg, "sh ipv6 vrrp stati", "show ipv6 vrrp statistics [json]");
	resolves(&reg, "sh vrrp", "show vrrp [json]");
	resolves(&reg, "sh vrrp j", "show vrrp [json]");
	resolves(&reg, "sh vrrp b", "show vrrp brief [json]");
	resolves(&reg, "sh vrrp st j", "show vrrp statistics [json]");
	resolves(&reg, "sh v", "show *version"); /* as on IOS, before and after `show vrrp` */
	resolves(&reg, "sh vr", "show vrrp [json]");
	reg_fini(&reg);
}

int main(void)
{
	tu_log_init("test_registry");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_process_nodes),
		cmocka_unit_test(test_printable_help_taken),
		cmocka_unit_test(test_escape_in_help_refused),
		cmocka_unit_test(test_tab_and_del_refused),
		cmocka_unit_test(test_help_too_long_refused),
		cmocka_unit_test(test_vrrp_shows_resolve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
