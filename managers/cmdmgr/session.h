/* CLI sessions: one per cmsh connection (plus an internal one that loads the startup
 * configuration). A session has a node, node variables (the interface), privileges and history.
 * Each line runs as a job; jobs that need another process (exec commands, configuration commits)
 * finish later, from a bus callback. */
#ifndef CMDMGR_SESSION_H
#define CMDMGR_SESSION_H
#include <stdint.h>
#include "buf.h"
#include "frame.h"
#include "registry.h"

/* The CLI's limits (docs/limits.md). */
#define HISTORY_MAX 200 /* lines a session remembers (`show history`); older ones go */
/* CLI_LINE_MAX and CLI_MAX_WORDS, the shape of one line, are in cli_match.h */
#define CLI_MAX_SESSIONS 32 /* cmsh connections at once; the next one is refused */
#define CLI_QUEUE_LIMIT \
	(2u * N2_FRAME_MAX) /* answer bytes waiting for one cmsh: it stopped reading */

struct cmdmgr;

struct session {
	struct cmdmgr *cm;
	uint64_t id;
	enum node node;
	char ifname[64];
	char up[CLI_MAX_TOKENS][256]; /* a process node's variables: its opener's slot values */
	int priv;                     /* may change configuration */
	char *history[HISTORY_MAX];
	int nhist;
	int term_length; /* set by `terminal length`, -1 = untouched */
	int busy;        /* a job is running (cmsh sends one line at a time) */
	int dead;        /* its connection is gone: freed when the running job ends */
};

struct job;
typedef void (*job_done_fn)(struct job *j, int ok, const char *output, void *arg);

struct job {
	struct cmdmgr *cm;
	struct session *s; /* freed after done when s->dead */
	char line[CLI_LINE_MAX + 1];
	size_t prompt_len; /* for the caret */
	int ok;
	struct n2_buf out;
	job_done_fn done;
	void *arg;
	int in_do; /* running the exec part of `do LINE` */
	enum node saved_node;
	int restore_on_fail; /* matched in the parent node: a failure leaves the node as it was */
	enum node restore_node;
	int exit_session; /* `exit` from view/exec: cmsh ends */
	enum node enter;  /* the command opens this node once it succeeds (NODE_VIEW: none) */
	char enter_up[CLI_MAX_TOKENS][256];
};

struct session *session_new(struct cmdmgr *cm, int priv, enum node start);
void session_free(struct session *s);
/* The connection went away: frees the session now, or when its running job ends. */
void session_release(struct session *s);
/* The name of the session's node ("config", "config-bfd-peer"). */
const char *session_node_name(const struct session *s);
/* Leaves a node for its parent (or for exec with end): forgets the node's variables. */
void session_leave(struct session *s, enum node to);
/* The prompt for the session's node, e.g. "Router-1(config)#". */
void session_prompt(const struct session *s, char *out, size_t len);
/* 0 when line is within CLI_LINE_MAX, else -1 with the message for the user in err. */
int session_line_check(const char *line, char *err, size_t errlen);
/* Runs line (one over CLI_LINE_MAX fails with session_line_check's message); done is called
 * exactly once (maybe before this returns; with j NULL when out of
 * memory). */
void session_execute(struct session *s, const char *line, size_t prompt_len, job_done_fn done,
		     void *arg);
/* The commands offered in the session's node (for completion and help), with fallback to the
 * parent node in sub-nodes. */
size_t session_commands(const struct session *s, const struct cli_cmd ***out);

/* Used by the built-ins and the commit code. */
void job_finish(struct job *j);
void job_fail(struct job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The configured hostname, else the system's. */
void session_hostname(const struct cmdmgr *cm, char *out, size_t len);
#endif
