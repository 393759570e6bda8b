/* The command registry: every command cmdmgr knows, built-in or registered by the process that
 * owns it, indexed by CLI node; and which process applies which YANG module. A process's new
 * table replaces its old one. Tables are kept in RUNDIR/cmdreg/OWNER.pb so that a restarted
 * cmdmgr can still render configuration whose owner is down. */
#ifndef CMDMGR_REGISTRY_H
#define CMDMGR_REGISTRY_H
#include <stddef.h>
#include "cli_match.h"

/* The built-in nodes; the nodes processes open (their commands' `enters`, e.g. bfdd's
 * config-bfd and config-bfd-peer) take the numbers from NODE_COUNT up to NODE_MAX - 1. */
enum node { NODE_VIEW, NODE_EXEC, NODE_CONFIG, NODE_INTERFACE, NODE_COUNT, NODE_MAX = 32 };

struct job;
struct command;
/* A built-in command's action. */
typedef void (*builtin_fn)(struct job *j, const struct command *c, const struct cli_match *m);

#define MAX_EDITS 4
/* The help texts of one registered command together, one '\n'-terminated line per word. */
#define REG_HELP_MAX 4095
struct edit {
	int del;
	char *xpath, *value;
};

struct command {
	struct cli_cmd cli; /* cli.data points back here */
	enum node node;
	char owner[32];   /* process name; "cmdmgr" for built-ins */
	int exec;         /* sent to the owner as cmd.exec */
	int priv;         /* needs root / group n2os (config, write) */
	int view;         /* exec command also offered in the view node */
	int sub;          /* built-in offered in every sub-node (exit, end, do) */
	enum node enters; /* the node it opens (a process's node), NODE_VIEW = none */
	builtin_fn fn;
	int nedits;
	struct edit edits[MAX_EDITS];
	char *helps_mem; /* storage behind cli.syn.tokens[].help */
	struct command *next;
};

/* A node a process's command opens. Its number stays the same for cmdmgr's life (a session may
 * be in it while its owner re-registers); opener is NULL while no table defines it. */
struct nodedef {
	char name[32];
	char owner[32];
	enum node parent;
	const struct command *opener;
};

struct modowner;
/* One cmdmgr's commands; all zero is an empty registry. */
struct registry {
	struct command *commands; /* newest first */
	struct modowner *modowners;
	const struct cli_cmd **by_node[NODE_MAX]; /* registration order, rebuilt when !built */
	size_t n_by_node[NODE_MAX];
	struct nodedef nodes[NODE_MAX - NODE_COUNT]; /* node NODE_COUNT + i */
	int nnodes;
	int built;
};

/* Frees every command and module owner; r is empty again. */
void reg_fini(struct registry *r);

/* The built-in nodes' names. */
const char *node_name(enum node n);
int node_parse(const char *s, enum node *n);
/* Any node's name ("config-bfd"), its parent (NODE_CONFIG for interface; NODE_VIEW for view,
 * exec and config), its depth below config (config 0, interface 1, ...), the command that opens
 * it (NULL for built-in nodes). */
const char *reg_node_name(const struct registry *r, enum node n);
enum node reg_node_parent(const struct registry *r, enum node n);
int reg_node_depth(const struct registry *r, enum node n);
const struct command *reg_node_opener(const struct registry *r, enum node n);

/* Built-in command (help: '\n'-separated, one line per token). */
struct command *reg_builtin(struct registry *r, enum node n, const char *syntax, const char *help,
			    builtin_fn fn, int priv, int view);
/* Adds a configuration edit to a command (built-in configuration commands use these too). */
int reg_add_edit(struct command *c, int del, const char *xpath, const char *value);
/* Replaces an owner's table from a packed n2os.cmd.Register. Returns 0, or -1 with err. */
int reg_owner_table(struct registry *r, const char *owner, const unsigned char *buf, size_t len,
		    char *err, size_t errlen);
/* Saves/loads the packed tables under dir (RUNDIR/cmdreg). */
void reg_save(const char *dir, const char *owner, const unsigned char *buf, size_t len);
void reg_load_all(struct registry *r, const char *dir);
void reg_remove_saved(const char *dir);

/* The commands usable in a node; returns how many (array owned by the registry, valid until
 * the next change). */
size_t reg_node_cmds(struct registry *r, enum node n, const struct cli_cmd *const **out);
/* Every registered configuration command (for rendering). */
void reg_foreach_config(const struct registry *r, void (*fn)(const struct command *c, void *arg),
			void *arg);
/* The process that applies a module; NULL when none registered it. */
const char *reg_module_owner(const struct registry *r, const char *module);
void reg_set_module_owner(struct registry *r, const char *module, const char *owner);
/* Number of commands registered by an owner (0 if none). */
size_t reg_owner_count(const struct registry *r, const char *owner);
#endif
