/* cmdmgr's own commands: moving between nodes, show/write of the configuration, the system
 * views (processes, bus, memory, logs) and the n2os-system configuration (hostname, log levels). */
#include "cmdmgr.h"
#include "file.h"
#include "log.h"
#include "render.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define V(slot) (m->values[(slot)-1])

static void set_node(struct job *j, enum node n)
{
	j->s->node = n;
	job_finish(j);
}

static void do_enable(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	set_node(j, NODE_EXEC);
}

static void do_disable(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	set_node(j, NODE_VIEW);
}

static void do_configure(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	set_node(j, NODE_CONFIG);
}

static void do_exit(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	switch (j->s->node) {
	case NODE_VIEW:
	case NODE_EXEC:
		break;
	case NODE_CONFIG:
		set_node(j, NODE_EXEC);
		return;
	default: /* the interface node, a process's node: up one */
		session_leave(j->s, reg_node_parent(&j->cm->reg, j->s->node));
		job_finish(j);
		return;
	}
	j->exit_session = 1;
	job_finish(j);
}

static void do_end(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	session_leave(j->s, NODE_EXEC);
	job_finish(j);
}

static void do_interface(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	const char *name = V(2);
	if (strlen(name) >= 16 || strpbrk(name, "/'\" ")) {
		job_fail(j,
			 "%% Invalid interface name '%s': at most 15 characters, no '/' or quotes.",
			 name);
		return;
	}
	memcpy(j->s->ifname, name, strlen(name) + 1); /* length checked above */
	set_node(j, NODE_INTERFACE);
}

/* `do LINE`: an exec command from a configuration node, without leaving it. */
static void do_do(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	const struct cli_cmd *const *cmds;
	size_t n = reg_node_cmds(&j->cm->reg, NODE_EXEC, &cmds);
	struct cli_match *x = calloc(1, sizeof(*x));
	if (!x) {
		job_fail(j, "%% Out of memory");
		return;
	}
	cli_match_line(cmds, n, V(2), x);
	if (x->result != CLI_OK) {
		char err[600];
		const char *at = strstr(j->line, V(2));
		cli_error_text(x, j->prompt_len + (at ? (size_t)(at - j->line) : 0), err,
			       sizeof(err));
		free(x);
		job_fail(j, "%s", err);
		return;
	}
	const struct command *cmd = x->cmd->data;
	if (cmd->fn == do_configure || cmd->fn == do_disable || cmd->fn == do_exit) {
		free(x);
		job_fail(j, "%% '%s' cannot be used with do.", V(2));
		return;
	}
	j->in_do = 1;
	j->saved_node = j->s->node;
	j->s->node = NODE_EXEC;
	if (cmd->fn)
		cmd->fn(j, cmd, x);
	else
		owner_exec(j, cmd, x);
	free(x);
}

static void do_show_version(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	uint64_t up = (n2_now_us() - j->cm->started_us) / 1000000u;
	char host[72];
	session_hostname(j->cm, host, sizeof(host));
	n2_buf_printf(&j->out,
		      "n2os %s, an open network operating system\n"
		      "Hostname: %s\nConfiguration manager up %llu s (pid %d), run directory %s\n",
		      N2OS_VERSION, host, (unsigned long long)up, (int)getpid(), j->cm->rundir);
	job_finish(j);
}

static void do_show_running(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	int unrendered = 0;
	render_config(&j->cm->reg, j->cm->ds.running, &j->out, &unrendered);
	if (unrendered)
		n2_buf_printf(&j->out,
			      "! %d configured items have no command to show them (their "
			      "process has not registered its commands)\n",
			      unrendered);
	job_finish(j);
}

static void do_show_startup(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	FILE *f = fopen(j->cm->startup, "r");
	if (!f) {
		job_fail(j, "%% No startup configuration (%s: %s)", j->cm->startup,
			 strerror(errno));
		return;
	}
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		n2_buf_add(&j->out, buf, n);
	fclose(f);
	job_finish(j);
}

static void do_write(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	struct n2_buf text;
	n2_buf_init(&text);
	render_config(&j->cm->reg, j->cm->ds.running, &text, NULL);
	char err[PATH_MAX + 64];
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", j->cm->startup);
	char *slash = strrchr(dir, '/');
	if (slash) { /* CONFDIR may not exist yet at the first save */
		*slash = 0;
		n2_mkdir_p(dir, 0755);
	}
	int rc = n2_file_replace(j->cm->startup, text.s ? text.s : "", text.len, 0640, err,
				 sizeof(err));
	n2_buf_fini(&text);
	if (rc < 0) {
		job_fail(j,
			 "%% Cannot save the configuration: %s (the saved configuration is "
			 "unchanged)",
			 err);
		return;
	}
	n2_log_notice("configuration saved to %s", j->cm->startup);
	n2_buf_printf(&j->out, "Building configuration...\n[OK]\n");
	job_finish(j);
}

static void do_show_history(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c, (void)m;
	for (int i = 0; i < j->s->nhist; i++)
		n2_buf_printf(&j->out, "  %s\n", j->s->history[i]);
	job_finish(j);
}

static void do_terminal_length(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	j->s->term_length = atoi(V(3));
	job_finish(j);
}

static int json_given(const struct cli_match *m, int slot)
{
	return !strcmp(V(slot), "json");
}

static void do_show_processes(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	show_processes(j, json_given(m, 3));
}

static void do_show_ipc(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	show_ipc(j, json_given(m, 3));
}

static void do_show_memory(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	show_memory(j, V(3), json_given(m, 4));
}

static void do_show_log(struct job *j, const struct command *c, const struct cli_match *m)
{
	(void)c;
	show_log(j, V(3));
}

static void push_level(const char *name, const char *level, void *arg)
{
	set_log_level(arg, name, level);
}

void system_apply(struct cmdmgr *cm, const struct lyd_node *tree)
{
	struct cm_level now[CMDMGR_MAX_LEVELS];
	int n = 0;
	struct lyd_node *list = NULL;
	if (tree && lyd_find_path(tree, "/n2os-system:system/logging", 0, &list) == LY_SUCCESS)
		for (struct lyd_node *p = lyd_child(list); p && n < CMDMGR_MAX_LEVELS;
		     p = p->next) {
			struct lyd_node *name = NULL, *level = NULL;
			lyd_find_path(p, "name", 0, &name);
			lyd_find_path(p, "level", 0, &level);
			if (!name || !level)
				continue;
			snprintf(now[n].name, sizeof(now[n].name), "%s", lyd_get_value(name));
			snprintf(now[n].level, sizeof(now[n].level), "%s", lyd_get_value(level));
			n++;
		}
	levels_diff(cm->applied, cm->napplied, now, n, push_level, cm);
	memcpy(cm->applied, now, sizeof(now[0]) * (size_t)n);
	cm->napplied = n;
}

void builtins_register(struct registry *r)
{
	struct command *c;
	reg_builtin(r, NODE_VIEW, "enable", "Turn on privileged commands", do_enable, 0, 0);
	reg_builtin(r, NODE_VIEW, "exit", "Exit the shell", do_exit, 0, 0);
	reg_builtin(r, NODE_EXEC, "exit", "Exit the shell", do_exit, 0, 0);
	reg_builtin(r, NODE_EXEC, "disable", "Turn off privileged commands", do_disable, 0, 0);
	reg_builtin(r, NODE_EXEC, "configure terminal",
		    "Enter configuration mode\nConfigure from this terminal", do_configure, 1, 0);
	reg_builtin(r, NODE_EXEC, "write memory",
		    "Write the running configuration\nTo the startup configuration", do_write, 1,
		    0);
	reg_builtin(r, NODE_EXEC, "copy running-config startup-config",
		    "Copy a configuration\nThe running configuration\nTo the startup configuration",
		    do_write, 1, 0);
	reg_builtin(r, NODE_EXEC, "write terminal",
		    "Write the running configuration\nTo this terminal", do_show_running, 0, 1);
	reg_builtin(r, NODE_EXEC, "show running-config",
		    "Show running system information\nThe running configuration", do_show_running,
		    0, 1);
	reg_builtin(r, NODE_EXEC, "show startup-config",
		    "Show running system information\nThe configuration loaded at start",
		    do_show_startup, 0, 1);
	reg_builtin(r, NODE_EXEC, "show *version", "Show running system information\nn2os version",
		    do_show_version, 0, 1);
	reg_builtin(
		r, NODE_EXEC, "show processes [json]",
		"Show running system information\nThe n2os processes (as n2os status)\nJSON output",
		do_show_processes, 0, 1);
	reg_builtin(
		r, NODE_EXEC, "show ipc [json]",
		"Show running system information\nThe IPC bus: clients and counters\nJSON output",
		do_show_ipc, 0, 1);
	reg_builtin(r, NODE_EXEC, "show history",
		    "Show running system information\nThe commands of this session",
		    do_show_history, 0, 1);
	reg_builtin(r, NODE_EXEC, "show memory WORD [json]",
		    "Show running system information\nMemory use of a process\n"
		    "Process name (e.g. vrrp, pifmgr)\nJSON output",
		    do_show_memory, 0, 1);
	reg_builtin(r, NODE_EXEC, "show log WORD",
		    "Show running system information\nRecent log of a process\n"
		    "Process name (e.g. vrrp, pifmgr)",
		    do_show_log, 0, 1);
	reg_builtin(r, NODE_EXEC, "terminal length <0-512>",
		    "Set terminal line parameters\nLines per page\nLines (0: no paging)",
		    do_terminal_length, 0, 1);
	reg_builtin(r, NODE_CONFIG, "exit", "Leave configuration mode", do_exit, 0, 0);
	reg_builtin(r, NODE_CONFIG, "end", "Return to the exec node", do_end, 0, 0);
	reg_builtin(r, NODE_CONFIG, "do LINE", "Run an exec command\nThe exec command", do_do, 0,
		    0);
	reg_builtin(r, NODE_CONFIG, "interface IFNAME",
		    "Configure an interface\nInterface name (e.g. eth1)", do_interface, 1, 0);
	/* in the interface node and every node a process's command opens */
	if ((c = reg_builtin(r, NODE_INTERFACE, "exit", "Leave this node", do_exit, 0, 0)))
		c->sub = 1;
	if ((c = reg_builtin(r, NODE_INTERFACE, "end", "Return to the exec node", do_end, 0, 0)))
		c->sub = 1;
	if ((c = reg_builtin(r, NODE_INTERFACE, "do LINE", "Run an exec command\nThe exec command",
			     do_do, 0, 0)))
		c->sub = 1;

	if ((c = reg_builtin(r, NODE_CONFIG, "hostname WORD",
			     "Set the system's name\nThe name (letters, digits, '-', '_')", NULL, 1,
			     0)))
		reg_add_edit(c, 0, "/n2os-system:system/hostname", "{2}");
	if ((c = reg_builtin(r, NODE_CONFIG, "no hostname",
			     "Negate a command\nGo back to the default name", NULL, 1, 0)))
		reg_add_edit(c, 1, "/n2os-system:system/hostname", NULL);
	const char *lv = "(emerg|alert|crit|err|warning|notice|info|debug)";
	const char *lvhelp = "Emergencies\nImmediate action needed\nCritical conditions\n"
			     "Error conditions\nWarning conditions\nNormal but significant\n"
			     "Informational messages\nDebugging messages";
	char syn[128], help[512];
	snprintf(syn, sizeof(syn), "log WORD priority %s", lv);
	snprintf(help, sizeof(help), "Logging control\nProcess name (e.g. vrrp)\nLog level\n%s",
		 lvhelp);
	if ((c = reg_builtin(r, NODE_CONFIG, syn, help, NULL, 1, 0)))
		reg_add_edit(c, 0, "/n2os-system:system/logging/process[name='{2}']/level", "{4}");
	if ((c = reg_builtin(r, NODE_CONFIG, "no log WORD priority",
			     "Negate a command\nLogging control\nProcess name\nLog level", NULL, 1,
			     0)))
		reg_add_edit(c, 1, "/n2os-system:system/logging/process[name='{3}']", NULL);
	reg_set_module_owner(r, "n2os-system", "cmdmgr");
}
