/* The configuration datastore (see datastore.h). */
#include "datastore.h"
#include "file.h"
#include "log.h"
#include "yang.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void list_modules(struct ds *ds)
{
	uint32_t idx = 0;
	int n = 0;
	const struct lys_module *m;
	while ((m = ly_ctx_get_module_iter(ds->ctx, &idx)) && n < DS_MAX_MODULES)
		if (m->implemented && !strncmp(m->name, "n2os-", 5))
			ds->modnames[n++] = m->name;
	ds->modnames[n] = NULL;
}

const char *const *ds_modules(const struct ds *ds)
{
	return ds->modnames;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s) {
		size_t got = fread(s, 1, (size_t)n, f);
		s[got] = 0;
	}
	fclose(f);
	return s;
}

int ds_open(struct ds *ds, const char *rundir, char *err, size_t errlen)
{
	memset(ds, 0, sizeof(*ds));
	if (!(ds->ctx = n2_yang_ctx(NULL, err, errlen)))
		return -1;
	list_modules(ds);
	snprintf(ds->running_path, sizeof(ds->running_path), "%s/running.json", rundir);
	char *json = read_file(ds->running_path);
	if (json) {
		char why[256];
		if (n2_yang_parse(ds->ctx, json, &ds->running, why, sizeof(why)) < 0)
			n2_log_err("cmdmgr: %s is not valid (%s); starting empty", ds->running_path,
				   why);
		else
			n2_log_notice("cmdmgr: running configuration restored from %s",
				      ds->running_path);
		free(json);
	}
	return 0;
}

void ds_close(struct ds *ds, int remove_saved)
{
	lyd_free_all(ds->running);
	ds->running = NULL;
	if (remove_saved)
		unlink(ds->running_path);
	ly_ctx_destroy(ds->ctx);
	ds->ctx = NULL;
}

int ds_candidate(const struct ds *ds, struct lyd_node **cand)
{
	*cand = NULL;
	if (!ds->running)
		return 0;
	return lyd_dup_siblings(ds->running, NULL, LYD_DUP_RECURSIVE, cand) == LY_SUCCESS ? 0 : -1;
}

/* A list with nothing but keys is a set of values: its entries are configuration themselves. */
static int keys_only_list(const struct lysc_node *s)
{
	for (const struct lysc_node *c = lysc_node_child(s); c; c = c->next)
		if (!(c->nodetype == LYS_LEAF && (c->flags & LYS_KEY)))
			return 0;
	return 1;
}

/* Is this node only there because of defaults or keys (left behind by a delete)? */
static int empty_node(const struct lyd_node *n)
{
	if (n->schema->nodetype == LYS_CONTAINER && (n->schema->flags & LYS_PRESENCE))
		return 0;
	if (!(n->schema->nodetype & (LYS_CONTAINER | LYS_LIST)))
		return 0;
	if (n->schema->nodetype == LYS_LIST && keys_only_list(n->schema))
		return 0;
	for (const struct lyd_node *c = lyd_child(n); c; c = c->next) {
		if (c->flags & LYD_DEFAULT)
			continue;
		if (c->schema->nodetype == LYS_LEAF && (c->schema->flags & LYS_KEY))
			continue;
		return 0;
	}
	return 1;
}

/* What a delete left empty goes too (an interface whose last setting was removed, the
 * container of the last log level), walking up from the deleted node. Only there: a list entry
 * that a command creates with its keys and defaults alone (an address, a route with the default
 * distance) is configuration, and pruning the whole candidate used to drop it. */
static void prune_up(struct lyd_node **cand, struct lyd_node *parent)
{
	while (parent && empty_node(parent)) {
		struct lyd_node *up = lyd_parent(parent);
		if (parent == *cand)
			*cand = parent->next;
		lyd_free_tree(parent);
		if (*cand)
			*cand = lyd_first_sibling(*cand);
		parent = up;
	}
}

int ds_edit(struct ds *ds, struct lyd_node **cand, int del, const char *xpath, const char *value,
	    char *err, size_t errlen)
{
	if (del) {
		struct lyd_node *n = NULL;
		if (!*cand || lyd_find_path(*cand, xpath, 0, &n) != LY_SUCCESS || !n)
			return 0;
		struct lyd_node *parent = lyd_parent(n);
		if (n == *cand)
			*cand = n->next;
		lyd_free_tree(n);
		if (*cand)
			*cand = lyd_first_sibling(*cand);
		prune_up(cand, parent);
		return 0;
	}
	struct lyd_node *top = NULL;
	LY_ERR r = lyd_new_path2(*cand, ds->ctx, xpath, value && *value ? value : NULL, 0, 0,
				 LYD_NEW_PATH_UPDATE, &top, NULL);
	if (r != LY_SUCCESS && r != LY_EEXIST) {
		n2_yang_error(ds->ctx, err, errlen);
		return -1;
	}
	if (!*cand)
		*cand = top;
	/* with an absolute path libyang links new top-level nodes in as siblings */
	if (*cand)
		*cand = lyd_first_sibling(*cand);
	return 0;
}

int ds_validate(struct ds *ds, struct lyd_node **cand, char *err, size_t errlen)
{
	if (!*cand)
		return 0;
	if (lyd_validate_all(cand, ds->ctx, LYD_VALIDATE_PRESENT | LYD_VALIDATE_NO_STATE, NULL) !=
	    LY_SUCCESS) {
		n2_yang_error(ds->ctx, err, errlen);
		return -1;
	}
	return 0;
}

char *ds_module_json(const struct lyd_node *tree, const char *module)
{
	for (const struct lyd_node *n = tree; n; n = n->next) {
		if (strcmp(lyd_owner_module(n)->name, module) || (n->flags & LYD_DEFAULT))
			continue;
		char *s = NULL;
		if (lyd_print_mem(&s, n, LYD_JSON, LYD_PRINT_SHRINK) != LY_SUCCESS || !s)
			break;
		if (!strcmp(s, "{}")) {
			free(s);
			break;
		}
		return s;
	}
	return strdup("");
}

void ds_commit(struct ds *ds, struct lyd_node *cand)
{
	lyd_free_all(ds->running);
	ds->running = cand;
	char *json = ds_dump(cand);
	char err[PATH_MAX + 64];
	if (!json)
		n2_log_err("cmdmgr: cannot save %s: out of memory", ds->running_path);
	else if (n2_file_replace(ds->running_path, json, strlen(json), 0640, err, sizeof(err)) < 0)
		n2_log_err("cmdmgr: cannot save the running configuration: %s", err);
	free(json);
}

char *ds_dump(const struct lyd_node *tree)
{
	char *s = NULL;
	if (!tree)
		return strdup("");
	if (lyd_print_mem(&s, tree, LYD_JSON, LYD_PRINT_WITHSIBLINGS) != LY_SUCCESS)
		return NULL;
	return s ? s : strdup("");
}

int ds_module_size_check(const char *module, size_t len, char *err, size_t errlen)
{
	if (len <= DS_MODULE_JSON_MAX)
		return 0;
	snprintf(err, errlen,
		 "%% Configuration too large: %s would be %zu bytes of JSON (at most %u); "
		 "nothing changed",
		 module, len, DS_MODULE_JSON_MAX);
	return -1;
}
