/* The configuration datastore: one libyang tree holding the running configuration of every
 * module, edited through candidates (copies) that are validated before they replace it. The
 * running configuration is saved to RUNDIR/running.json after every commit, so a restarted
 * cmdmgr loses nothing. */
#ifndef CMDMGR_DATASTORE_H
#define CMDMGR_DATASTORE_H
#include <limits.h>
#include <stddef.h>
#include <libyang/libyang.h>

#define DS_MAX_MODULES 31
/* The largest configuration of one module, as the JSON its owner is sent (cmd.config): well
 * inside a bus frame, so that a commit never fails on the way (docs/limits.md). */
#define DS_MODULE_JSON_MAX (1u << 20)

struct ds {
	struct ly_ctx *ctx;
	struct lyd_node *running;
	char running_path[PATH_MAX];
	const char *modnames[DS_MAX_MODULES + 1]; /* the n2os data modules, NULL-terminated */
};

/* Loads every module; restores RUNDIR/running.json when present (a restart). */
int ds_open(struct ds *ds, const char *rundir, char *err, size_t errlen);
void ds_close(struct ds *ds, int remove_saved);
/* A copy of running to edit. */
int ds_candidate(const struct ds *ds, struct lyd_node **cand);
/* One edit; xpath and value already expanded. Deleting what is not there is not an error. */
int ds_edit(struct ds *ds, struct lyd_node **cand, int del, const char *xpath, const char *value,
	    char *err, size_t errlen);
/* Validates (adding defaults). What deletes left empty is already gone (ds_edit). */
int ds_validate(struct ds *ds, struct lyd_node **cand, char *err, size_t errlen);
/* The configuration of one module as JSON (malloc'd; "" when nothing is configured). */
char *ds_module_json(const struct lyd_node *tree, const char *module);
/* 0 when a module's configuration of len bytes of JSON is within DS_MODULE_JSON_MAX, else -1
 * with the user's message in err. */
int ds_module_size_check(const char *module, size_t len, char *err, size_t errlen);
/* The names of the data modules loaded (NULL-terminated, owned by ds). */
const char *const *ds_modules(const struct ds *ds);
/* Replaces running with cand (taking it) and saves it. */
void ds_commit(struct ds *ds, struct lyd_node *cand);
/* Everything as JSON (malloc'd), for comparisons and tests. */
char *ds_dump(const struct lyd_node *tree);
#endif
