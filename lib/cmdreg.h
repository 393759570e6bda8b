/* The process side of the CLI: a process declares its commands in a plain C table, and this
 * registers them with cmdmgr (again whenever cmdmgr restarts), applies the configuration cmdmgr
 * sends (the replay at registration and every later change), and answers exec commands.
 *
 * Syntax tokens: keyword, <A-B> (integer range), A.B.C.D, A.B.C.D/M, X:X::X:X, X:X::X:X/M,
 * WORD or any other upper-case name (one word), LINE (the rest of the line), (a|b|c)
 * alternatives, [ ... ] optional part, *keyword a keyword preferred when an abbreviation also fits
 * another keyword at the same place ("st": *status over statistics). help has one line per token,
 * in syntax order, '\n'-separated.
 *
 * Edits (configuration commands): xpath and value are templates; {N} is the user's text for value
 * slot N: tokens are numbered from 1 in syntax order, except that the alternatives of one (a|b|c)
 * group share a slot (its value is the alternative chosen; alternatives are single tokens).
 * {N:text} is `text` when slot N was given (e.g. an optional keyword), and {ifname} the variable
 * of the interface node. An edit that names a token the user did not give is
 * skipped.
 *
 * Nodes of a process (FRR's `bfd` / `peer ADDR` blocks): a configuration command with
 * `enters` opens a node; commands whose `node` is that name live in it. In their templates
 * {^N} is the text of slot N of the command that opened the node (e.g. the peer's address).
 * `exit` goes back to the parent node, `end` to exec, and a line that does not match in the
 * node is tried in the parent nodes up to config (and leaves the node for that one), as in the
 * interface node. A node opened from another process node needs that node's opener to take no
 * values (`bfd`, then `peer ADDR`). show running-config prints a node's lines indented under
 * its opening command's line. cmdmgr renders `show running-config` by reading these templates
 * backwards, so every configured datastore node must be produced by exactly one command's first
 * edit. (cmdmgr's managers/cmdmgr/template.c is the one parser of the language.) */
#ifndef N2_CMDREG_H
#define N2_CMDREG_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "ipc.h"

#define N2_CMD_MAX_EDITS 4
#define N2_CMD_MAX_TOKENS 32

struct n2_cmd_edit {
	int del;           /* 0 = set, 1 = delete */
	const char *xpath; /* NULL ends the list */
	const char *value; /* for set on a leaf or leaf-list; NULL otherwise */
};

/* What an exec handler gets. */
struct n2_cmd_args {
	const char *syntax;
	const char *line;
	size_t ntokens;
	const char *tokens[N2_CMD_MAX_TOKENS]; /* "" for tokens not given */
	const char *ifname;                    /* interface node variable, "" if none */
	int json;                              /* the syntax ends in [json] and it was given */
};

/* Writes the answer to out; returns 0, or -1 when the command failed (out says why). */
typedef int (*n2_cmd_exec_fn)(const struct n2_cmd_args *a, struct n2_buf *out, void *arg);

struct n2_cmd_def {
	const char *node; /* "exec" (also usable in view), "config", "interface", or a node of
			   * the process (one its table `enters`) */
	const char *syntax;
	const char *help;
	n2_cmd_exec_fn exec; /* set for exec commands */
	struct n2_cmd_edit edits[N2_CMD_MAX_EDITS];
	/* A configuration command that opens a node of the process: once its edits are
	 * committed the session is in node `enters` (a-z, 0-9, '-'; prompt "(NAME)#"), whose
	 * parent is the command's own node. NULL for the others. */
	const char *enters;
};

/* Applies the whole configuration of `module` (libyang JSON, "" = nothing configured).
 * Returns 0, or -1 with the reason in err: cmdmgr then keeps the previous configuration. */
typedef int (*n2_cmd_apply_fn)(const char *module, const char *json, char *err, size_t errlen,
			       void *arg);

struct n2_cmdreg;

/* Starts registering on ipc (now if the bus is up, and on every (re)connect and cmdmgr restart).
 * modules: NULL-terminated list of YANG modules this process applies; defs: the command table. */
struct n2_cmdreg *n2_cmdreg_new(struct n2_ipc *ipc, const char *const *modules,
				const struct n2_cmd_def *defs, size_t ndefs, n2_cmd_apply_fn apply,
				void *arg);
void n2_cmdreg_free(struct n2_cmdreg *r);
/* The packed n2os.cmd.Register of a table, as n2_cmdreg_new sends it (*table freed with
 * n2_cmdreg_pack_free). Returns 0, or -1 when out of memory. */
int n2_cmdreg_pack(const char *const *modules, const struct n2_cmd_def *defs, size_t ndefs,
		   uint8_t **table, size_t *table_len);
void n2_cmdreg_pack_free(uint8_t *table);
/* 1 once cmdmgr has accepted the table and the replayed configuration is applied. */
int n2_cmdreg_ready(const struct n2_cmdreg *r);
#endif
