/* The command registry (see registry.h). */
#include "registry.h"
#include "cmd.pb-c.h"
#include "file.h"
#include "log.h"
#include "mem.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

N2_MTYPE(MT_COMMAND, "cli command");
N2_MTYPE(MT_MODOWNER, "module owner");

static const char *const node_names[NODE_COUNT] = {[NODE_VIEW] = "view",
						   [NODE_EXEC] = "exec",
						   [NODE_CONFIG] = "config",
						   [NODE_INTERFACE] = "interface"};

struct modowner {
	struct modowner *next;
	char module[64], owner[32];
};

const char *node_name(enum node n)
{
	return n < NODE_COUNT ? node_names[n] : "?";
}

int node_parse(const char *s, enum node *n)
{
	for (int i = 0; i < NODE_COUNT; i++)
		if (!strcmp(s, node_names[i])) {
			*n = (enum node)i;
			return 0;
		}
	return -1;
}

static struct nodedef *nodedef(const struct registry *r, enum node n)
{
	int i = (int)n - NODE_COUNT;
	return i >= 0 && i < r->nnodes ? (struct nodedef *)&r->nodes[i] : NULL;
}

const char *reg_node_name(const struct registry *r, enum node n)
{
	const struct nodedef *d = nodedef(r, n);
	return d ? d->name : node_name(n);
}

enum node reg_node_parent(const struct registry *r, enum node n)
{
	const struct nodedef *d = nodedef(r, n);
	if (d)
		return d->parent;
	return n == NODE_INTERFACE ? NODE_CONFIG : NODE_VIEW;
}

int reg_node_depth(const struct registry *r, enum node n)
{
	int d = 0;
	while (n > NODE_CONFIG && d < NODE_MAX) {
		n = reg_node_parent(r, n);
		d++;
	}
	return d;
}

const struct command *reg_node_opener(const struct registry *r, enum node n)
{
	const struct nodedef *d = nodedef(r, n);
	return d ? d->opener : NULL;
}

/* The node called name: a built-in one, or one a process's command opens. */
static int node_find(const struct registry *r, const char *name, enum node *n)
{
	if (node_parse(name, n) == 0)
		return 0;
	for (int i = 0; i < r->nnodes; i++)
		if (!strcmp(r->nodes[i].name, name)) {
			*n = (enum node)(NODE_COUNT + i);
			return 0;
		}
	return -1;
}

static void command_free(struct command *c)
{
	for (int i = 0; i < c->nedits; i++) {
		n2_free(MT_COMMAND, c->edits[i].xpath);
		n2_free(MT_COMMAND, c->edits[i].value);
	}
	n2_free(MT_COMMAND, c->helps_mem);
	n2_free(MT_COMMAND, (char *)c->cli.syntax);
	n2_free(MT_COMMAND, c);
}

/* Builds a command; helps is '\n'-separated. */
static struct command *command_new(enum node n, const char *syntax, const char *helps,
				   const char *owner, char *err, size_t errlen)
{
	struct command *c = n2_calloc(MT_COMMAND, 1, sizeof(*c));
	if (!c)
		return NULL;
	c->node = n;
	snprintf(c->owner, sizeof(c->owner), "%s", owner);
	c->cli.syntax = n2_strdup(MT_COMMAND, syntax);
	c->helps_mem = n2_strdup(MT_COMMAND, helps ? helps : "");
	if (!c->cli.syntax || !c->helps_mem) {
		command_free(c);
		return NULL;
	}
	const char *lines[CLI_MAX_TOKENS];
	size_t nl = 0;
	for (char *save, *l = strtok_r(c->helps_mem, "\n", &save); l && nl < CLI_MAX_TOKENS;
	     l = strtok_r(NULL, "\n", &save))
		lines[nl++] = l;
	if (cli_syntax_parse(&c->cli.syn, syntax, lines, nl, err, errlen) < 0) {
		command_free(c);
		return NULL;
	}
	c->cli.data = c;
	return c;
}

struct command *reg_builtin(struct registry *r, enum node n, const char *syntax, const char *help,
			    builtin_fn fn, int priv, int view)
{
	char err[128];
	struct command *c = command_new(n, syntax, help, "cmdmgr", err, sizeof(err));
	if (!c) {
		n2_log_crit("built-in command '%s': %s", syntax, err);
		return NULL;
	}
	c->fn = fn;
	c->priv = priv;
	c->view = view;
	c->next = r->commands;
	r->commands = c;
	r->built = 0;
	return c;
}

int reg_add_edit(struct command *c, int del, const char *xpath, const char *value)
{
	if (c->nedits == MAX_EDITS)
		return -1;
	struct edit *e = &c->edits[c->nedits++];
	e->del = del;
	e->xpath = n2_strdup(MT_COMMAND, xpath);
	e->value = n2_strdup(MT_COMMAND, value ? value : "");
	c->priv = 1;
	return 0;
}

static void drop_owner(struct registry *r, const char *owner)
{
	for (struct command **pc = &r->commands; *pc;) {
		struct command *c = *pc;
		if (!strcmp(c->owner, owner)) {
			*pc = c->next;
			command_free(c);
		} else {
			pc = &c->next;
		}
	}
	r->built = 0;
}

static struct command *from_message(const struct registry *reg, const char *owner,
				    const N2os__Cmd__Command *m, char *err, size_t errlen)
{
	enum node n;
	if (node_find(reg, m->node, &n) < 0 || n == NODE_VIEW) {
		snprintf(err, errlen, "'%s': unknown node '%s'", m->syntax, m->node);
		return NULL;
	}
	char helps[REG_HELP_MAX + 1] = "";
	size_t hl = 0;
	for (size_t i = 0; i < m->n_help; i++) {
		/* printable ASCII, as keywords are (cli_syntax.c): a help string goes raw to the
		 * operator's terminal in '?', and a newline in it would shift the help of every
		 * later word */
		for (const char *c = m->help[i]; *c; c++)
			if (!isprint((unsigned char)*c)) {
				snprintf(err, errlen,
					 "'%s': help %zu has a character that is not printable "
					 "ASCII (0x%02x)",
					 m->syntax, i + 1, (unsigned char)*c);
				return NULL;
			}
		size_t l = strlen(m->help[i]);
		if (hl + l + 1 > REG_HELP_MAX) {
			snprintf(err, errlen, "'%s': help texts over %d bytes", m->syntax,
				 REG_HELP_MAX);
			return NULL;
		}
		memcpy(helps + hl, m->help[i], l);
		hl += l;
		helps[hl++] = '\n';
		helps[hl] = 0;
	}
	char why[200];
	struct command *c = command_new(n, m->syntax, helps, owner, why, sizeof(why));
	if (!c) {
		snprintf(err, errlen, "'%s': %s", m->syntax, why);
		return NULL;
	}
	c->exec = m->exec;
	c->view = m->exec;
	if (m->exec && n != NODE_EXEC) {
		snprintf(err, errlen, "'%s': exec commands belong to the exec node", m->syntax);
		command_free(c);
		return NULL;
	}
	if (!m->exec && (m->n_edits == 0 || m->n_edits > MAX_EDITS)) {
		snprintf(err, errlen, "'%s': a configuration command needs 1 to %d edits",
			 m->syntax, MAX_EDITS);
		command_free(c);
		return NULL;
	}
	for (size_t i = 0; i < m->n_edits; i++)
		reg_add_edit(c, m->edits[i]->op == N2OS__CMD__EDIT__OP__DELETE, m->edits[i]->xpath,
			     m->edits[i]->value);
	c->priv = !m->exec;
	if (m->enters && *m->enters) {
		if (m->exec || n == NODE_EXEC) {
			snprintf(err, errlen, "'%s': only a configuration command opens a node",
				 m->syntax);
			command_free(c);
			return NULL;
		}
		node_find(reg, m->enters, &c->enters); /* defined by define_nodes */
	}
	return c;
}

/* The nodes a table's commands open, before its commands are read (a command may live in a node
 * that a later command of the table opens). A node keeps its number once made; a table may not
 * open a built-in node or another process's. {^N} gives the values of one opening command only,
 * so a node opened from a process's node must be opened from one whose opener takes no value. */
static int define_nodes(struct registry *reg, const char *owner, const N2os__Cmd__Register *r,
			char *err, size_t errlen)
{
	for (size_t i = 0; i < r->n_commands; i++) {
		const N2os__Cmd__Command *m = r->commands[i];
		if (!m->enters || !*m->enters)
			continue;
		enum node n;
		if (strlen(m->enters) >= sizeof(reg->nodes[0].name) ||
		    strspn(m->enters, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
			    strlen(m->enters)) {
			snprintf(err, errlen, "'%s': node name '%s' is not 1 to 31 of a-z 0-9 -",
				 m->syntax, m->enters);
			return -1;
		}
		if (node_find(reg, m->enters, &n) == 0) {
			const struct nodedef *d = nodedef(reg, n);
			if (!d || strcmp(d->owner, owner)) {
				snprintf(err, errlen, "'%s': node '%s' belongs to %s", m->syntax,
					 m->enters, d ? d->owner : "cmdmgr");
				return -1;
			}
			continue;
		}
		if (reg->nnodes == NODE_MAX - NODE_COUNT) {
			snprintf(err, errlen, "'%s': no room for node '%s' (at most %d)", m->syntax,
				 m->enters, NODE_MAX - NODE_COUNT);
			return -1;
		}
		struct nodedef *d = &reg->nodes[reg->nnodes++];
		snprintf(d->name, sizeof(d->name), "%s", m->enters);
		snprintf(d->owner, sizeof(d->owner), "%s", owner);
		d->parent = NODE_VIEW; /* set from the opener below */
	}
	return 0;
}

/* Does the command take anything but keywords? */
static int takes_values(const struct command *c)
{
	for (int t = 0; t < c->cli.syn.ntokens; t++)
		if (c->cli.syn.tokens[t].type != CLI_KEYWORD)
			return 1;
	return 0;
}

/* Ties each of the table's nodes to its opener, and checks the shape: one opener per node, in
 * the config node or a node of the same table whose opener takes no values. */
static int link_nodes(struct registry *reg, struct command *list, char *err, size_t errlen)
{
	for (struct command *c = list; c; c = c->next) {
		if (!c->enters)
			continue;
		struct nodedef *d = nodedef(reg, c->enters);
		if (d->opener && d->opener != c) {
			snprintf(err, errlen, "'%s': node '%s' is also opened by '%s'",
				 c->cli.syntax, d->name, d->opener->cli.syntax);
			return -1;
		}
		d->opener = c;
		d->parent = c->node;
	}
	for (struct command *c = list; c; c = c->next) {
		if (!c->enters || c->node == NODE_CONFIG)
			continue;
		const struct command *up = reg_node_opener(reg, c->node);
		if (c->node == NODE_INTERFACE || !up || takes_values(up)) {
			snprintf(err, errlen,
				 "'%s': a node opens from config or from a node whose opener "
				 "takes no values",
				 c->cli.syntax);
			return -1;
		}
	}
	return 0;
}

int reg_owner_table(struct registry *reg, const char *owner, const unsigned char *buf, size_t len,
		    char *err, size_t errlen)
{
	N2os__Cmd__Register *r = n2os__cmd__register__unpack(NULL, len, buf);
	if (!r) {
		snprintf(err, errlen, "malformed command table");
		return -1;
	}
	/* newest first, like the built-ins: rendering and the node lists count on it */
	struct command *list = NULL, *last = NULL;
	struct nodedef saved[NODE_MAX - NODE_COUNT];
	memcpy(saved, reg->nodes, sizeof(saved));
	int nnodes = reg->nnodes, bad = define_nodes(reg, owner, r, err, errlen) < 0;
	for (size_t i = 0; i < r->n_commands && !bad; i++) {
		struct command *c = from_message(reg, owner, r->commands[i], err, errlen);
		if (!c) {
			bad = 1;
			break;
		}
		c->next = list;
		list = c;
		if (!last)
			last = c;
	}
	for (int i = 0; i < reg->nnodes && !bad; i++)
		if (!strcmp(reg->nodes[i].owner, owner))
			reg->nodes[i].opener = NULL;
	if (!bad && link_nodes(reg, list, err, errlen) < 0)
		bad = 1;
	if (bad) { /* all or nothing: the old table and nodes stay */
		memcpy(reg->nodes, saved, sizeof(saved));
		reg->nnodes = nnodes;
		while (list) {
			struct command *n = list->next;
			command_free(list);
			list = n;
		}
		n2os__cmd__register__free_unpacked(r, NULL);
		return -1;
	}
	drop_owner(reg, owner);
	if (last) {
		last->next = reg->commands;
		reg->commands = list;
	}
	for (size_t i = 0; i < r->n_modules; i++)
		reg_set_module_owner(reg, r->modules[i], owner);
	n2os__cmd__register__free_unpacked(r, NULL);
	reg->built = 0;
	return 0;
}

void reg_save(const char *dir, const char *owner, const unsigned char *buf, size_t len)
{
	char path[PATH_MAX], err[PATH_MAX + 64];
	if (n2_mkdir_p(dir, 0755) < 0)
		return;
	snprintf(path, sizeof(path), "%s/%s.pb", dir, owner);
	if (n2_file_replace(path, buf, len, 0644, err, sizeof(err)) < 0)
		n2_log_warn("cannot save the command table of %s: %s", owner, err);
}

void reg_load_all(struct registry *r, const char *dir)
{
	enum { MAX_TABLE = 1 << 20 };
	DIR *d = opendir(dir);
	unsigned char *buf = d ? malloc(MAX_TABLE) : NULL;
	struct dirent *de;
	while (buf && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 4 || strcmp(de->d_name + n - 3, ".pb"))
			continue;
		char path[PATH_MAX], owner[64], err[256];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(owner, sizeof(owner), "%.*s", (int)(n - 3), de->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		size_t len = fread(buf, 1, MAX_TABLE, f);
		fclose(f);
		if (reg_owner_table(r, owner, buf, len, err, sizeof(err)) < 0)
			n2_log_warn("saved command table of %s: %s", owner, err);
		else
			n2_log_info("restored the command table of %s", owner);
	}
	free(buf);
	if (d)
		closedir(d);
}

void reg_remove_saved(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static int visible_in(const struct command *c, enum node n)
{
	return c->node == n || (n == NODE_VIEW && c->node == NODE_EXEC && c->view) ||
	       (c->sub && n >= NODE_INTERFACE);
}

static void rebuild(struct registry *r)
{
	for (int n = 0; n < NODE_COUNT + r->nnodes; n++) {
		size_t k = 0;
		for (struct command *c = r->commands; c; c = c->next)
			k += visible_in(c, (enum node)n);
		free(r->by_node[n]);
		r->by_node[n] = calloc(k + 1, sizeof(*r->by_node[n]));
		r->n_by_node[n] = 0;
		/* registration order: the list is newest first, so fill from the back */
		size_t i = k;
		for (struct command *c = r->commands; c && r->by_node[n]; c = c->next)
			if (visible_in(c, (enum node)n))
				r->by_node[n][--i] = &c->cli;
		r->n_by_node[n] = r->by_node[n] ? k : 0;
	}
	r->built = 1;
}

size_t reg_node_cmds(struct registry *r, enum node n, const struct cli_cmd *const **out)
{
	if (!r->built)
		rebuild(r);
	*out = r->by_node[n];
	return r->n_by_node[n];
}

void reg_foreach_config(const struct registry *r, void (*fn)(const struct command *c, void *arg),
			void *arg)
{
	for (struct command *c = r->commands; c; c = c->next)
		if (!c->exec && c->nedits)
			fn(c, arg);
}

const char *reg_module_owner(const struct registry *r, const char *module)
{
	for (struct modowner *m = r->modowners; m; m = m->next)
		if (!strcmp(m->module, module))
			return m->owner;
	return NULL;
}

void reg_set_module_owner(struct registry *r, const char *module, const char *owner)
{
	struct modowner *m;
	for (m = r->modowners; m; m = m->next)
		if (!strcmp(m->module, module))
			break;
	if (!m) {
		m = n2_calloc(MT_MODOWNER, 1, sizeof(*m));
		if (!m)
			return;
		m->next = r->modowners;
		r->modowners = m;
	}
	snprintf(m->module, sizeof(m->module), "%s", module);
	snprintf(m->owner, sizeof(m->owner), "%s", owner);
}

size_t reg_owner_count(const struct registry *r, const char *owner)
{
	size_t n = 0;
	for (struct command *c = r->commands; c; c = c->next)
		n += !strcmp(c->owner, owner);
	return n;
}

void reg_fini(struct registry *r)
{
	while (r->commands) {
		struct command *c = r->commands;
		r->commands = c->next;
		command_free(c);
	}
	while (r->modowners) {
		struct modowner *m = r->modowners;
		r->modowners = m->next;
		n2_free(MT_MODOWNER, m);
	}
	for (int n = 0; n < NODE_MAX; n++)
		free(r->by_node[n]);
	memset(r, 0, sizeof(*r));
}
