/* cmdmgr's shared state (struct cmdmgr, the one context every file is handed) and the functions
 * its files offer each other. main.c holds the process's one struct cmdmgr; besides it, only the
 * memory types (N2_MTYPE) are per process. */
#ifndef CMDMGR_H
#define CMDMGR_H
#include <limits.h>
#include "ipc.h"
#include "loop.h"
#include "msg.h"
#include <protobuf-c/protobuf-c.h>
#include "datastore.h"
#include "levels.h"
#include "registry.h"
#include "session.h"

struct commit;
struct server;

/* The configuration commits (commit.c): one runs at a time, the others wait in arrival order. */
struct commits {
	struct commit *active, *head, *tail;
	/* The startup load gathers its edits here and commits them at once (commit_batch_begin);
	 * only the commands of batch_session go into it. */
	struct lyd_node *batch;
	int batching;
	const struct session *batch_session;
};

/* One cmdmgr: everything its files share. The bus and loop callbacks get it as their argument,
 * a session and its jobs point to it. */
struct cmdmgr {
	struct n2_loop *loop;
	struct n2_ipc *ipc;
	uint64_t started_us;
	char rundir[PATH_MAX];
	char regdir[PATH_MAX];  /* RUNDIR/cmdreg: saved command tables */
	char startup[PATH_MAX]; /* CONFDIR/n2os.conf */
	unsigned timeout_ms;    /* for answers from other processes */
	struct ds ds;
	struct registry reg;
	struct commits commits;
	struct server *srv;
	uint64_t next_session_id;
	/* the log levels of the configuration as last applied, so that a commit pushes only what
	 * it changed (builtins.c: system_apply; levels.h) */
	struct cm_level applied[CMDMGR_MAX_LEVELS];
	int napplied;
};

/* mgr.c: opens the datastore, loads the saved command tables, listens for cmsh and joins the
 * bus; -1 with err. fini is the clean stop: the next start begins from the startup
 * configuration. */
int cmdmgr_init(struct cmdmgr *cm, struct n2_loop *loop, struct n2_ipc *ipc, const char *rundir,
		const char *confdir, uint64_t started_us, char *err, size_t errlen);
void cmdmgr_fini(struct cmdmgr *cm);

/* builtins.c */
void builtins_register(struct registry *reg);
/* Applies the n2os-system module (log levels) to the processes; never refuses. */
void system_apply(struct cmdmgr *cm, const struct lyd_node *tree);

/* commit.c: runs a configuration command (its edits expanded from the match). */
void commit_command(struct job *j, const struct command *c, const struct cli_match *m);
/* Between begin and end, the configuration commands of session s only gather their edits
 * (checked by libyang as they are made); end validates the whole and sends each changed module
 * to its owner once: one commit instead of one per line. Other commits wait meanwhile. */
typedef void (*batch_done_fn)(int ok, const char *errors, void *arg);
void commit_batch_begin(struct cmdmgr *cm, const struct session *s);
void commit_batch_end(struct cmdmgr *cm, batch_done_fn done, void *arg);

/* bus.c: the bus adapter, and what the files below share */
void bus_init(struct cmdmgr *cm);
void *bus_req_alloc(size_t size); /* zeroed, counted as "cmdmgr bus request" */
void bus_req_free(void *p);
int bus_no_such(const struct n2_msg *rep); /* the answer says the destination is not there */
/* The reason a request to dst failed, as the CLI says it. */
void bus_failure_text(const struct cmdmgr *cm, const char *dst, int status,
		      const struct n2_msg *rep, char *out, size_t len);
uint8_t *bus_pack(const ProtobufCMessage *m, size_t *len); /* malloc'ed; NULL if out of memory */

/* owner.c (arg of the handler: the cmdmgr) */
void owner_on_register(struct n2_ipc *ipc, const struct n2_msg *req, void *arg);
/* Sends an exec command to its owner; finishes the job with the answer. */
void owner_exec(struct job *j, const struct command *c, const struct cli_match *m);
/* Sends a module's new configuration to its owner; cb(ok, error, arg) later. */
typedef void (*config_cb)(int ok, const char *error, void *arg);
int owner_config(struct cmdmgr *cm, const char *owner, const char *module, const char *json,
		 config_cb cb, void *arg);
/* views.c: `show processes`, `show ipc`, `show memory X`, `show log X`. */
void show_processes(struct job *j, int json);
void show_ipc(struct job *j, int json);
void show_memory(struct job *j, const char *process, int json);
void show_log(struct job *j, const char *process);
/* loglevel.c: `log X priority` now, and again when X (re)joins the bus (ipc.client; arg of the
 * watcher: the cmdmgr). */
void set_log_level(struct cmdmgr *cm, const char *process, const char *level);
void loglevel_on_member(const struct n2_member *m, void *arg);

/* server.c: the cmsh socket RUNDIR/cmd.sock; NULL with errno. stop closes every connection. */
struct server *server_start(struct cmdmgr *cm, const char *rundir);
void server_stop(struct server *srv);

/* startup.c. The load's limits (docs/limits.md): a startup file over STARTUP_MAX_BYTES is not
 * loaded at all (one error says so); a report names at most STARTUP_MAX_ERRORS failing lines
 * (then one line counts the rest), so that it always fits in one bus answer. */
#define STARTUP_MAX_BYTES (4u << 20)
#define STARTUP_MAX_ERRORS 100
struct startup_report {
	unsigned lines, applied;
	char **errors;
	unsigned nerrors;
};
typedef void (*startup_done_fn)(const struct startup_report *r, void *arg);
void startup_load(struct cmdmgr *cm, startup_done_fn done, void *arg);
/* cmd.startup from procmgr: every process syncs its command table, then the load runs (arg of
 * the handler: the cmdmgr). */
void startup_on_request(struct n2_ipc *ipc, const struct n2_msg *req, void *arg);
#endif
