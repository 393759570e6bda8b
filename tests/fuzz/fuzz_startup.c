/* fuzz_startup: feeds one startup configuration file (CONFDIR/n2os.conf, what `write memory`
 * saves and cmdmgr loads at start) to cmdmgr's loader (managers/cmdmgr/startup.c): its lines,
 * matched against the real command tables, run in the loader's session, their edits gathered
 * into one batch that libyang validates, and, when the batch is refused, run again one commit
 * per line. Everything runs as in cmdmgr, on the real datastore (libyang, the n2os YANG
 * modules), except that no other process is there: the modules' owners are taken to accept
 * every configuration (cmdmgr commits them itself), and an exec command (`do show ...`) finds the
 * bus down. The owners' parsers of their part (pifmgr's pif_cfg_parse, ribmgr's rib_cfg_parse)
 * are then run on what was committed.
 *
 * The whole input is the file. Beyond "no crash, no leak, no undefined behaviour", it checks:
 *   - the load ends (within 10 s) and its report adds up: lines applied plus lines refused is
 *     the number of lines run;
 *   - the running configuration survives `write memory` and a restart: what
 *     `show running-config` prints for it, loaded from an empty configuration, applies without
 *     an error, gives the same configuration (libyang finds no difference, when every node
 *     was printed; a value set to its default counts as the default, which render.c does not
 *     print) and prints the same text again. */
#include <stdio.h>
#include <string.h>

#include "cmdmgr_fixture.h"
#include "fuzz.h"
#include "owners_parse.h"
#include "render.h"

struct outcome {
	int done;
	unsigned lines, applied, nerrors;
};

static void loaded(const struct startup_report *r, void *arg)
{
	struct outcome *o = arg;
	o->done = 1;
	o->lines = r->lines;
	o->applied = r->applied;
	o->nerrors = r->nerrors;
}

static struct cmdmgr *cm;

static void write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f);
	FUZZ_CHECK(fwrite(data, 1, size, f) == size);
	FUZZ_CHECK(fclose(f) == 0);
}

/* Loads the file into an empty running configuration, as cmdmgr does at start. */
static struct outcome load(const uint8_t *data, size_t size)
{
	lyd_free_all(cm->ds.running);
	cm->ds.running = NULL;
	write_file(cm->startup, data, size);
	struct outcome o = {0};
	uint64_t deadline = n2_now_us() + 10000000u;
	startup_load(cm, loaded, &o);
	while (!o.done && n2_now_us() < deadline)
		FUZZ_CHECK(n2_loop_once(cm->loop, 100000) >= 0);
	FUZZ_CHECK(o.done);
	FUZZ_CHECK(o.applied + o.nerrors == o.lines);
	return o;
}

static char *render(int *unrendered)
{
	struct n2_buf b;
	n2_buf_init(&b);
	*unrendered = 0;
	render_config(&cm->reg, cm->ds.running, &b, unrendered);
	char *s = strdup(n2_buf_str(&b));
	FUZZ_CHECK(s);
	n2_buf_fini(&b);
	return s;
}

/* What pifmgr and ribmgr would be sent. */
static void owners_parse(void)
{
	char *ifs = ds_module_json(cm->ds.running, "n2os-interfaces"),
	     *routes = ds_module_json(cm->ds.running, "n2os-routing");
	FUZZ_CHECK(ifs && routes);
	fuzz_owners_parse(ifs, routes);
	free(ifs);
	free(routes);
}

/* A value set to its default is the default (render.c prints neither): the explicit ones go,
 * validation puts the implicit ones back. */
static void defaults_implicit(struct lyd_node **tree)
{
	struct lyd_node *n, *drop[256];
	int k = 0;
	for (struct lyd_node *top = *tree; top; top = top->next)
		LYD_TREE_DFS_BEGIN(top, n)
		{
			if (n->schema->nodetype == LYS_LEAF && !(n->flags & LYD_DEFAULT) &&
			    !(n->schema->flags & LYS_KEY) && lyd_is_default(n) && k < 256)
				drop[k++] = n;
			LYD_TREE_DFS_END(top, n);
		}
	for (int i = 0; i < k; i++)
		lyd_free_tree(drop[i]);
	char err[512];
	FUZZ_CHECK(ds_validate(&cm->ds, tree, err, sizeof(err)) == 0);
}

/* The same configuration: libyang's diff of the two trees is empty (the entries of a list
 * ordered by the system may come in another order, a value set to its default is the
 * default). */
static int same_config(struct lyd_node **a, struct lyd_node **b)
{
	defaults_implicit(a);
	defaults_implicit(b);
	struct lyd_node *diff = NULL;
	FUZZ_CHECK(lyd_diff_siblings(*a, *b, 0, &diff) == LY_SUCCESS);
	int same = !diff;
	if (diff) {
		char *s = NULL;
		lyd_print_mem(&s, diff, LYD_JSON, LYD_PRINT_WITHSIBLINGS);
		fprintf(stderr, "fuzz_startup: the configuration changed:\n%s\n", s ? s : "?");
		free(s);
	}
	lyd_free_all(diff);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!cm) {
		cm = fuzz_cmdmgr_setup("fuzz_startup", 1);
		reg_set_module_owner(&cm->reg, "n2os-interfaces", "cmdmgr");
		reg_set_module_owner(&cm->reg, "n2os-routing", "cmdmgr");
		reg_set_module_owner(&cm->reg, "n2os-vrrp", "cmdmgr");
	}
	n2_log_set_level(LOG_DEBUG); /* a `log cmdmgr priority` line of the last input changed it */
	load(data, size);
	owners_parse();
	int unrendered;
	char *text = render(&unrendered);
	struct lyd_node *first = cm->ds.running; /* kept: load() starts from an empty one */
	cm->ds.running = NULL;

	struct outcome again = load((const uint8_t *)text, strlen(text));
	if (again.nerrors)
		fprintf(stderr, "fuzz_startup: the rendered configuration does not load again:\n%s",
			text);
	FUZZ_CHECK(again.nerrors == 0);
	int unrendered2;
	char *text2 = render(&unrendered2);
	if (strcmp(text, text2))
		fprintf(stderr, "fuzz_startup: rendered\n%s\nthen\n%s", text, text2);
	FUZZ_CHECK(!strcmp(text, text2) && unrendered2 == unrendered);
	FUZZ_CHECK(unrendered || same_config(&first, &cm->ds.running));
	lyd_free_all(first);
	free(text);
	free(text2);
	return 0;
}
