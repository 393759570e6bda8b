/* cmdmgr's shared state and the functions its files offer each other. */
#ifndef CMDMGR_H
#define CMDMGR_H
#include <limits.h>
#include "daemon.h"
#include "msg.h"
#include <protobuf-c/protobuf-c.h>
#include "datastore.h"
#include "session.h"

struct cmdmgr {
	struct n2_daemon *d;
	struct ds ds;
	char regdir[PATH_MAX];  /* RUNDIR/cmdreg: saved command tables */
	char startup[PATH_MAX]; /* CONFDIR/n2os.conf */
	unsigned timeout_ms;    /* for answers from other processes */
};
extern struct cmdmgr cm;

/* builtins.c */
void builtins_register(void);
/* Applies the n2os-system module (log levels) to the processes; never refuses. */
void system_apply(const struct lyd_node *tree);

/* commit.c: runs a configuration command (its edits expanded from the match). */
void commit_command(struct job *j, const struct command *c, const struct cli_match *m);
/* Between begin and end, the configuration commands of session s only gather their edits
 * (checked by libyang as they are made); end validates the whole and sends each changed module
 * to its owner once: one commit instead of one per line. Other commits wait meanwhile. */
typedef void (*batch_done_fn)(int ok, const char *errors, void *arg);
void commit_batch_begin(const struct session *s);
void commit_batch_end(batch_done_fn done, void *arg);

/* bus.c: the bus adapter, and what the files below share */
void bus_init(void);
void *bus_req_alloc(size_t size); /* zeroed, counted as "cmdmgr bus request" */
void bus_req_free(void *p);
int bus_no_such(const struct n2_msg *rep); /* the answer says the destination is not there */
/* The reason a request to dst failed, as the CLI says it. */
void bus_failure_text(const char *dst, int status, const struct n2_msg *rep, char *out, size_t len);
uint8_t *bus_pack(const ProtobufCMessage *m, size_t *len); /* malloc'ed; NULL if out of memory */

/* owner.c */
void owner_on_register(struct n2_ipc *ipc, const struct n2_msg *req, void *arg);
/* Sends an exec command to its owner; finishes the job with the answer. */
void owner_exec(struct job *j, const struct command *c, const struct cli_match *m);
/* Sends a module's new configuration to its owner; cb(ok, error, arg) later. */
typedef void (*config_cb)(int ok, const char *error, void *arg);
int owner_config(const char *owner, const char *module, const char *json, config_cb cb, void *arg);
/* views.c: `show processes`, `show ipc`, `show memory X`, `show log X`. */
void show_processes(struct job *j, int json);
void show_ipc(struct job *j, int json);
void show_memory(struct job *j, const char *process, int json);
void show_log(struct job *j, const char *process);
/* loglevel.c: `log X priority` now, and again when X (re)joins the bus (ipc.client). */
void set_log_level(const char *process, const char *level);
void loglevel_on_client(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg);

/* server.c: the cmsh socket RUNDIR/cmd.sock */
int server_start(const char *rundir);
void server_stop(void);

/* startup.c */
struct startup_report {
	unsigned lines, applied;
	char **errors;
	unsigned nerrors;
};
typedef void (*startup_done_fn)(const struct startup_report *r, void *arg);
void startup_load(startup_done_fn done, void *arg);
/* cmd.startup from procmgr: every process syncs its command table, then the load runs. */
void startup_on_request(struct n2_ipc *ipc, const struct n2_msg *req, void *arg);
#endif
