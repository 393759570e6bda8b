/* CLI sessions and line execution (see session.h): match the line in the session's node
 * (falling back to the parent nodes from sub-nodes, as IOS does), then run the built-in, send
 * the exec command to its owner, or commit the configuration change. */
#include "cmdmgr.h"
#include "log.h"
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

N2_MTYPE(MT_SESSION, "cli session");
N2_MTYPE(MT_JOB, "cli job");

struct session *session_new(struct cmdmgr *cm, int priv, enum node start)
{
	struct session *s = n2_calloc(MT_SESSION, 1, sizeof(*s));
	if (!s)
		return NULL;
	s->cm = cm;
	s->id = ++cm->next_session_id;
	s->priv = priv;
	s->node = start;
	s->term_length = -1;
	return s;
}

void session_free(struct session *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nhist; i++)
		n2_free(MT_SESSION, s->history[i]);
	n2_free(MT_SESSION, s);
}

void session_release(struct session *s)
{
	if (s && s->busy)
		s->dead = 1;
	else
		session_free(s);
}

void session_hostname(const struct cmdmgr *cm, char *out, size_t len)
{
	struct lyd_node *n = NULL;
	if (cm->ds.running &&
	    lyd_find_path(cm->ds.running, "/n2os-system:system/hostname", 0, &n) == LY_SUCCESS && n)
		snprintf(out, len, "%s", lyd_get_value(n));
	else if (gethostname(out, len - 1) < 0)
		snprintf(out, len, "n2os");
	else
		out[len - 1] = 0;
}

void session_prompt(const struct session *s, char *out, size_t len)
{
	static const char *const suffix[NODE_COUNT] = {[NODE_VIEW] = ">",
						       [NODE_EXEC] = "(exec)#",
						       [NODE_CONFIG] = "(config)#",
						       [NODE_INTERFACE] = "(interface)#"};
	char name[72];
	session_hostname(s->cm, name, sizeof(name));
	if (s->node < NODE_COUNT)
		snprintf(out, len, "%s%s", name, suffix[s->node]);
	else
		snprintf(out, len, "%s(%s)#", name, session_node_name(s));
}

const char *session_node_name(const struct session *s)
{
	return reg_node_name(&s->cm->reg, s->node);
}

void session_leave(struct session *s, enum node to)
{
	if (to <= NODE_CONFIG)
		s->ifname[0] = 0;
	memset(s->up, 0, sizeof(s->up));
	s->node = to;
}

static void remember(struct session *s, const char *line)
{
	if (s->nhist == HISTORY_MAX) {
		n2_free(MT_SESSION, s->history[0]);
		memmove(s->history, s->history + 1, sizeof(s->history[0]) * (HISTORY_MAX - 1));
		s->nhist--;
	}
	s->history[s->nhist] = n2_strdup(MT_SESSION, line);
	if (s->history[s->nhist])
		s->nhist++;
}

void job_finish(struct job *j)
{
	if (j->s) {
		if (j->in_do) /* `do` runs an exec command without leaving the config node */
			j->s->node = j->saved_node;
		if (!j->ok && j->restore_on_fail)
			j->s->node = j->restore_node;
		if (j->ok && j->enter) { /* the opening command is committed: into its node */
			j->s->node = j->enter;
			memcpy(j->s->up, j->enter_up, sizeof(j->s->up));
		}
		j->s->busy = 0;
		if (j->ok)
			remember(j->s, j->line);
	}
	/* done may free the session (the startup loader ending, a cmsh connection closing while
	 * the answer is sent): decide before it whether the session is ours to free */
	struct session *dead = j->s && j->s->dead ? j->s : NULL;
	j->done(j, j->ok, n2_buf_str(&j->out), j->arg);
	session_free(dead);
	n2_buf_fini(&j->out);
	n2_free(MT_JOB, j);
}

void job_fail(struct job *j, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n2_buf_printf(&j->out, "%s\n", msg);
	j->ok = 0;
	job_finish(j);
}

size_t session_commands(const struct session *s, const struct cli_cmd ***out)
{
	struct registry *r = &s->cm->reg;
	size_t total = 0, k = 0;
	const struct cli_cmd *const *cmds;
	/* the node's own commands, then its parents' up to config (they run from here too) */
	for (enum node n = s->node; n != NODE_VIEW;
	     n = n > NODE_CONFIG ? reg_node_parent(r, n) : NODE_VIEW)
		total += reg_node_cmds(r, n, &cmds);
	const struct cli_cmd **all = calloc(total + 1, sizeof(*all));
	if (!all)
		return 0;
	for (enum node n = s->node; n != NODE_VIEW;
	     n = n > NODE_CONFIG ? reg_node_parent(r, n) : NODE_VIEW) {
		size_t nc = reg_node_cmds(r, n, &cmds);
		if (nc && k + nc <= total)
			memcpy(all + k, cmds, nc * sizeof(*all));
		k += nc;
	}
	*out = all;
	return total;
}

static void run(struct job *j, const struct command *c, const struct cli_match *m)
{
	struct session *s = j->s;
	if (c->priv && !s->priv) {
		job_fail(j, "%% Permission denied: changing the configuration needs root or "
			    "membership of group n2os.");
		return;
	}
	if (c->enters) {
		j->enter = c->enters;
		memcpy(j->enter_up, m->values, sizeof(j->enter_up));
	}
	if (c->fn)
		c->fn(j, c, m);
	else if (c->exec)
		owner_exec(j, c, m);
	else
		commit_command(j, c, m);
}

static void match_in(struct cmdmgr *cm, enum node n, const char *line, struct cli_match *m)
{
	const struct cli_cmd *const *cmds;
	size_t nc = reg_node_cmds(&cm->reg, n, &cmds);
	cli_match_line(cmds, nc, line, m);
}

int session_line_check(const char *line, char *err, size_t errlen)
{
	size_t n = strlen(line);
	if (n <= CLI_LINE_MAX)
		return 0;
	snprintf(err, errlen, "%% Line too long: %zu characters (at most %d)", n, CLI_LINE_MAX);
	return -1;
}

void session_execute(struct session *s, const char *line, size_t prompt_len, job_done_fn done,
		     void *arg)
{
	struct job *j = n2_calloc(MT_JOB, 1, sizeof(*j));
	if (!j) {
		done(NULL, 0, "% Out of memory\n", arg);
		return;
	}
	j->cm = s->cm;
	j->s = s;
	j->done = done;
	j->arg = arg;
	j->ok = 1;
	j->prompt_len = prompt_len;
	n2_buf_init(&j->out);
	snprintf(j->line, sizeof(j->line), "%s", line);
	s->busy = 1;
	char toolong[96];
	if (session_line_check(line, toolong, sizeof(toolong)) < 0) {
		job_fail(j, "%s", toolong);
		return;
	}

	struct cli_match *m = calloc(1, sizeof(*m));
	if (!m) {
		job_fail(j, "%% Out of memory");
		return;
	}
	match_in(s->cm, s->node, line, m);
	if (m->result == CLI_EMPTY) {
		free(m);
		job_finish(j);
		return;
	}
	/* a command of a parent node typed in a sub-node leaves the sub-node for that one (the
	 * interface node's, and a process's node's, up to the config node) */
	for (enum node n = s->node; m->result != CLI_OK && n > NODE_CONFIG;) {
		n = reg_node_parent(&s->cm->reg, n);
		struct cli_match *g = calloc(1, sizeof(*g));
		if (!g)
			break;
		match_in(s->cm, n, line, g);
		if (g->result == CLI_OK) {
			j->restore_on_fail = 1;
			j->restore_node = s->node;
			s->node = n;
			free(m);
			m = g;
		} else {
			free(g);
		}
	}
	if (m->result != CLI_OK) {
		char err[600];
		cli_error_text(m, prompt_len, err, sizeof(err));
		free(m);
		job_fail(j, "%s", err);
		return;
	}
	run(j, (const struct command *)m->cmd->data, m);
	free(m);
}
